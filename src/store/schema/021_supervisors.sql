-- 021: 督导员 and their dispatch (issue 13 item 1; docs/DOMAIN.md "督导员与交叉互派").
-- A supervisor is an account of role supervisor (users) with a profile: qualification (grade, certificate
-- number, valid until), home institution (本单位, none for the bureaus' own), region (own city), location
-- (coordinates, else the region's in region_locations), weekly availability and daily maximum, days off,
-- and the institutions they declared 回避 with.
CREATE TABLE supervisor_profiles (
  user_id        {{INT}} PRIMARY KEY REFERENCES users(id),
  grade          TEXT NOT NULL CHECK (grade IN ('senior','intermediate','junior')),
  cert_no        TEXT NOT NULL,
  valid_until    TEXT NOT NULL,                        -- YYYY-MM-DD, the qualification's last day
  institution_id {{INT}} REFERENCES institutions(id),  -- 本单位; NULL: none
  region_code    TEXT NOT NULL REFERENCES regions(code),
  latitude       {{REAL}},
  longitude      {{REAL}},
  weekdays       TEXT NOT NULL DEFAULT '1111111',      -- available Monday..Sunday, 1 yes 0 no
  max_per_day    {{INT}} NOT NULL DEFAULT 2 CHECK (max_per_day BETWEEN 0 AND 8),
  created_at     {{INT}} NOT NULL,
  updated_at     {{INT}} NOT NULL
);
CREATE INDEX supervisor_profiles_region ON supervisor_profiles(region_code);

CREATE TABLE supervisor_avoidances (
  user_id        {{INT}} NOT NULL REFERENCES users(id),
  institution_id {{INT}} NOT NULL REFERENCES institutions(id),
  reason         TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (user_id, institution_id)
);

CREATE TABLE supervisor_days_off (
  user_id {{INT}} NOT NULL REFERENCES users(id),
  day     TEXT NOT NULL,                               -- YYYY-MM-DD
  PRIMARY KEY (user_id, day)
);

-- where a region is, for travel distances when a row has no coordinates of its own (a county, else its city,
-- else the province); seeded with the province and its 16 cities' seats (approximate, WGS-84)
CREATE TABLE region_locations (
  code      TEXT PRIMARY KEY,  -- a regions code (no foreign key: the regions are loaded after the migrations)
  latitude  {{REAL}} NOT NULL,
  longitude {{REAL}} NOT NULL
);
INSERT INTO region_locations (code, latitude, longitude) VALUES
  ('370000', 36.669, 117.020), ('370100', 36.651, 117.120), ('370200', 36.067, 120.383),
  ('370300', 36.813, 118.055), ('370400', 34.810, 117.323), ('370500', 37.434, 118.675),
  ('370600', 37.464, 121.448), ('370700', 36.707, 119.162), ('370800', 35.415, 116.587),
  ('370900', 36.200, 117.088), ('371000', 37.513, 122.120), ('371100', 35.417, 119.527),
  ('371300', 35.104, 118.356), ('371400', 37.435, 116.359), ('371500', 36.457, 115.985),
  ('371600', 37.383, 117.971), ('371700', 35.234, 115.481);

-- how many supervisors a sitting needs: the row of its level band with the largest min_candidates not above
-- its candidate count (data: the province edits it; the seeded values are a working default, no rule of the
-- seeds fixes them)
CREATE TABLE dispatch_needs (
  id             {{ID}},
  level_from     {{INT}} NOT NULL CHECK (level_from BETWEEN 1 AND 5),
  level_to       {{INT}} NOT NULL CHECK (level_to BETWEEN 1 AND 5),
  min_candidates {{INT}} NOT NULL CHECK (min_candidates >= 0),
  supervisors    {{INT}} NOT NULL CHECK (supervisors BETWEEN 0 AND 10)
);
INSERT INTO dispatch_needs (level_from, level_to, min_candidates, supervisors) VALUES
  (3, 5, 0, 1), (3, 5, 60, 2), (3, 5, 150, 3), (1, 2, 0, 2), (1, 2, 60, 3);

-- cities that send supervisors across (交叉互派: none of the city's own supervisors at its sittings); 济南 per
-- seed 002 ("济南市在社评组织间采取交叉互派的方式派遣考务监督人员")
CREATE TABLE dispatch_cities (
  region_code    TEXT PRIMARY KEY,  -- a city's regions code (no foreign key, as region_locations)
  cross_dispatch {{INT}} NOT NULL DEFAULT 0
);
INSERT INTO dispatch_cities (region_code, cross_dispatch) VALUES ('370100', 1);

-- the load term: an extra sitting of the same day is worth this many km of travel
CREATE TABLE dispatch_settings (
  name  TEXT PRIMARY KEY,
  value {{INT}} NOT NULL
);
INSERT INTO dispatch_settings (name, value) VALUES ('load_km', 30);

-- a run of the dispatch for a day and a region, and the assignments it stored (a later run for the same day
-- and region replaces that region's assignments of the day)
CREATE TABLE dispatch_runs (
  id          {{ID}},
  day         TEXT NOT NULL,
  region_code TEXT NOT NULL REFERENCES regions(code),
  sittings    {{INT}} NOT NULL,
  assigned    {{INT}} NOT NULL,
  distance_m  {{INT}} NOT NULL,
  cost        {{INT}} NOT NULL,
  created_by  {{INT}} REFERENCES users(id),
  created_at  {{INT}} NOT NULL
);

CREATE TABLE dispatch_assignments (
  id            {{ID}},
  run_id        {{INT}} NOT NULL REFERENCES dispatch_runs(id),
  day           TEXT NOT NULL,
  sitting_id    {{INT}} NOT NULL REFERENCES sittings(id),
  supervisor_id {{INT}} NOT NULL REFERENCES users(id),
  distance_m    {{INT}} NOT NULL,
  nth           {{INT}} NOT NULL,
  explanation   TEXT NOT NULL,                       -- JSON: constraints kept, alternatives weighed
  created_at    {{INT}} NOT NULL,
  UNIQUE (sitting_id, supervisor_id)
);
CREATE INDEX dispatch_assignments_day ON dispatch_assignments(day, supervisor_id);
