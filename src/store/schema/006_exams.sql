-- 006: 题库 (item bank, versioned), blueprints, sittings, attempts and answers of computer-based theory exams
CREATE TABLE items (
  id              {{ID}},
  item_key        {{INT}},                             -- the first version's id; shared by all versions
  version         {{INT}} NOT NULL DEFAULT 1,
  occupation_code TEXT NOT NULL REFERENCES occupations(code),
  level           {{INT}} NOT NULL,
  kind            TEXT NOT NULL CHECK (kind IN ('single','multi','judge')),
  area            TEXT NOT NULL,                    -- knowledge-point code (鉴定要素细目表)
  stem            TEXT NOT NULL,
  options         TEXT NOT NULL,                    -- JSON array of option texts
  answer          TEXT NOT NULL,                    -- original letters, e.g. B, ACD, A (对) / B (错)
  points          {{REAL}} NOT NULL,
  active          {{INT}} NOT NULL DEFAULT 1,
  created_by      {{INT}},
  created_at      {{INT}} NOT NULL
);
CREATE INDEX items_bank ON items(occupation_code, level, active);

CREATE TABLE blueprints (
  occupation_code TEXT NOT NULL,
  level           {{INT}} NOT NULL,
  area            TEXT NOT NULL,
  kind            TEXT NOT NULL,
  count           {{INT}} NOT NULL,
  PRIMARY KEY (occupation_code, level, area, kind)
);

CREATE TABLE sittings (
  id         {{ID}},
  plan_id    {{INT}} NOT NULL REFERENCES plans(id),
  room       TEXT NOT NULL,
  starts_at  {{INT}} NOT NULL,
  minutes    {{INT}} NOT NULL,
  created_at {{INT}} NOT NULL
);

CREATE TABLE attempts (
  id              {{ID}},
  sitting_id      {{INT}} NOT NULL REFERENCES sittings(id),
  registration_id {{INT}} NOT NULL UNIQUE REFERENCES registrations(id),
  person_id       {{INT}} NOT NULL REFERENCES persons(id),
  status          TEXT NOT NULL CHECK (status IN ('admitted','started','submitted','absent','void')),
  paper           TEXT,                             -- JSON [{item, order}] built at check-in
  started_at      {{INT}},
  deadline        {{INT}},
  extra_minutes   {{INT}} NOT NULL DEFAULT 0,
  submitted_at    {{INT}},
  score           {{REAL}},
  focus_losses    {{INT}} NOT NULL DEFAULT 0,
  note            TEXT NOT NULL DEFAULT '',
  created_at      {{INT}} NOT NULL
);
CREATE INDEX attempts_sitting ON attempts(sitting_id);

CREATE TABLE answers (
  attempt_id {{INT}} NOT NULL REFERENCES attempts(id),
  pos        {{INT}} NOT NULL,
  answer     TEXT NOT NULL,
  seq        {{INT}} NOT NULL,
  saved_at   {{INT}} NOT NULL,
  PRIMARY KEY (attempt_id, pos)
);
