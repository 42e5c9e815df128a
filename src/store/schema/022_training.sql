-- 022: 培训与补贴, first part (issue 14 items 1-2): 培训机构 (a training filing of an institutions row:
-- the legal entity, its credit code, region, status and staff accounts are the registry's), their training
-- sites with WGS-84 coordinates on a spatial index (the 培训地图), the courses a site offers, and the
-- 急需紧缺工种培训目录 of a city and year with its source. Money in integer fen (core/money.h).

CREATE TABLE training_orgs (
  institution_id {{INT}} PRIMARY KEY REFERENCES institutions(id),
  kind           TEXT NOT NULL CHECK (kind IN ('private_school','technical_school','enterprise','public_centre')),
  licence_no     TEXT NOT NULL DEFAULT '',     -- 办学许可证号 (民办职业培训学校), '' when none
  filed_on       TEXT NOT NULL,                -- 'YYYY-MM-DD' of the training filing (备案)
  status         TEXT NOT NULL DEFAULT 'filed' CHECK (status IN ('filed','suspended')),
  created_at     {{INT}} NOT NULL,
  updated_at     {{INT}} NOT NULL
);

CREATE TABLE training_sites (
  id             {{ID}},
  institution_id {{INT}} NOT NULL REFERENCES training_orgs(institution_id),
  name           TEXT NOT NULL,
  address        TEXT NOT NULL,
  county_code    TEXT NOT NULL REFERENCES regions(code),  -- the county (or city district) it stands in
  city_code      TEXT NOT NULL,                           -- that county's city (the 目录 that applies)
  latitude       {{REAL}} NOT NULL CHECK (latitude >= -90 AND latitude <= 90),     -- WGS-84 degrees
  longitude      {{REAL}} NOT NULL CHECK (longitude >= -180 AND longitude <= 180),
  created_at     {{INT}} NOT NULL,
  updated_at     {{INT}} NOT NULL
);
CREATE INDEX training_sites_inst ON training_sites(institution_id);
CREATE INDEX training_sites_county ON training_sites(county_code);

-- The spatial index of the sites, one per engine (docs/MIGRATIONS.md, tokens SQLITE and PG). SQLite: an
-- R*Tree over (latitude, longitude) boxes kept by triggers. PostgreSQL: a GiST index over ll_to_earth()
-- from the cube and earthdistance contrib extensions; CREATE EXTENSION earthdistance needs a superuser
-- (cube is trusted): docs/DEPLOY.md says how a deployment gets them.
{{SQLITE}}CREATE VIRTUAL TABLE training_sites_spatial USING rtree(id, min_lat, max_lat, min_lon, max_lon);
{{SQLITE}}CREATE TRIGGER training_sites_spatial_ins AFTER INSERT ON training_sites BEGIN
{{SQLITE}}  INSERT INTO training_sites_spatial VALUES (new.id, new.latitude, new.latitude, new.longitude, new.longitude);
{{SQLITE}}END;
{{SQLITE}}CREATE TRIGGER training_sites_spatial_upd AFTER UPDATE OF latitude, longitude ON training_sites BEGIN
{{SQLITE}}  UPDATE training_sites_spatial SET min_lat = new.latitude, max_lat = new.latitude,
{{SQLITE}}    min_lon = new.longitude, max_lon = new.longitude WHERE id = new.id;
{{SQLITE}}END;
{{SQLITE}}CREATE TRIGGER training_sites_spatial_del AFTER DELETE ON training_sites BEGIN
{{SQLITE}}  DELETE FROM training_sites_spatial WHERE id = old.id;
{{SQLITE}}END;
{{PG}}CREATE EXTENSION IF NOT EXISTS cube;
{{PG}}CREATE EXTENSION IF NOT EXISTS earthdistance;
{{PG}}CREATE INDEX training_sites_spatial ON training_sites USING gist (ll_to_earth(latitude, longitude));

CREATE TABLE training_courses (
  id              {{ID}},
  institution_id  {{INT}} NOT NULL REFERENCES training_orgs(institution_id),
  site_id         {{INT}} NOT NULL REFERENCES training_sites(id),
  occupation_code TEXT NOT NULL REFERENCES occupations(code),
  level           {{INT}} NOT NULL CHECK (level >= 0 AND level <= 5),  -- 5..1 (五级..一级); 0 no level (专项)
  title           TEXT NOT NULL,
  class_hours     {{INT}} NOT NULL CHECK (class_hours > 0),             -- 课时
  price_fen       {{INT}} NOT NULL CHECK (price_fen >= 0),
  capacity        {{INT}} NOT NULL CHECK (capacity > 0),                -- places per class
  subsidised      {{INT}} NOT NULL DEFAULT 0 CHECK (subsidised IN (0, 1)),  -- 补贴性培训
  status          TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','closed')),
  created_at      {{INT}} NOT NULL,
  updated_at      {{INT}} NOT NULL
);
CREATE INDEX training_courses_site ON training_courses(site_id);
CREATE INDEX training_courses_inst ON training_courses(institution_id);
CREATE INDEX training_courses_occupation ON training_courses(occupation_code, level);

-- the next start dates a course announces
CREATE TABLE training_course_starts (
  course_id {{INT}} NOT NULL REFERENCES training_courses(id),
  starts_on TEXT NOT NULL,                    -- 'YYYY-MM-DD'
  PRIMARY KEY (course_id, starts_on)
);

-- 急需紧缺工种培训目录: a city's (or, city_code '370000', the province's) list for a year, with its source.
-- declared_count is the number of occupations the source names in total; entries hold those it spells out
-- (the rest is a [GAP] until the full list is entered). min_fen / max_fen: the subsidy range the source
-- gives; an entry's amount_fen is NULL when the source gives only the range ([GAP]).
-- No foreign keys to regions or occupations here: the seed rows below are written before the reference
-- data is loaded into a new database; the use case checks both on every write.
CREATE TABLE training_shortage_lists (
  city_code      TEXT NOT NULL,
  year           {{INT}} NOT NULL,
  title          TEXT NOT NULL,
  source         TEXT NOT NULL,
  declared_count {{INT}},
  min_fen        {{INT}} CHECK (min_fen >= 0),
  max_fen        {{INT}} CHECK (max_fen >= min_fen),
  updated_at     {{INT}} NOT NULL,
  PRIMARY KEY (city_code, year)
);
CREATE TABLE training_shortage_entries (
  city_code       TEXT NOT NULL,
  year            {{INT}} NOT NULL,
  occupation_code TEXT NOT NULL,
  amount_fen      {{INT}} CHECK (amount_fen >= 0),
  PRIMARY KEY (city_code, year, occupation_code)
);

-- Seed (004, 临沂市人力资源和社会保障局「临沂：匠心筑梦 技能兴邦」): 《急需紧缺工种培训目录》, 27 工种 with
-- 400-880 元/人; the seed names two of them: 物流服务员 (大典 2022: 4-02-06-03 物流服务师) and 电子商务师
-- (4-01-06-01); their amounts within the range and the other 25 are [GAP].
INSERT INTO training_shortage_lists (city_code, year, title, source, declared_count, min_fen, max_fen, updated_at)
  VALUES ('371300', 2024, '临沂市急需紧缺工种培训目录',
          '临沂市人力资源和社会保障局「临沂：匠心筑梦 技能兴邦」(seed 004): 物流服务员、电子商务师等27个工种给予400-880元/人的专项补贴',
          27, 40000, 88000, 0) ON CONFLICT DO NOTHING;
INSERT INTO training_shortage_entries (city_code, year, occupation_code, amount_fen)
  VALUES ('371300', 2024, '4-02-06-03', NULL) ON CONFLICT DO NOTHING;
INSERT INTO training_shortage_entries (city_code, year, occupation_code, amount_fen)
  VALUES ('371300', 2024, '4-01-06-01', NULL) ON CONFLICT DO NOTHING;
