-- 006: 题库 (item bank, versioned), blueprints, sittings, attempts and answers of computer-based theory exams
CREATE TABLE items (
  id              INTEGER PRIMARY KEY,
  item_key        INTEGER,                             -- the first version's id; shared by all versions
  version         INTEGER NOT NULL DEFAULT 1,
  occupation_code TEXT NOT NULL REFERENCES occupations(code),
  level           INTEGER NOT NULL,
  kind            TEXT NOT NULL CHECK (kind IN ('single','multi','judge')),
  area            TEXT NOT NULL,                    -- knowledge-point code (鉴定要素细目表)
  stem            TEXT NOT NULL,
  options         TEXT NOT NULL,                    -- JSON array of option texts
  answer          TEXT NOT NULL,                    -- original letters, e.g. B, ACD, A (对) / B (错)
  points          REAL NOT NULL,
  active          INTEGER NOT NULL DEFAULT 1,
  created_by      INTEGER,
  created_at      INTEGER NOT NULL
);
CREATE INDEX items_bank ON items(occupation_code, level, active);

CREATE TABLE blueprints (
  occupation_code TEXT NOT NULL,
  level           INTEGER NOT NULL,
  area            TEXT NOT NULL,
  kind            TEXT NOT NULL,
  count           INTEGER NOT NULL,
  PRIMARY KEY (occupation_code, level, area, kind)
);

CREATE TABLE sittings (
  id         INTEGER PRIMARY KEY,
  plan_id    INTEGER NOT NULL REFERENCES plans(id),
  room       TEXT NOT NULL,
  starts_at  INTEGER NOT NULL,
  minutes    INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE attempts (
  id              INTEGER PRIMARY KEY,
  sitting_id      INTEGER NOT NULL REFERENCES sittings(id),
  registration_id INTEGER NOT NULL UNIQUE REFERENCES registrations(id),
  person_id       INTEGER NOT NULL REFERENCES persons(id),
  status          TEXT NOT NULL CHECK (status IN ('admitted','started','submitted','absent','void')),
  paper           TEXT,                             -- JSON [{item, order}] built at check-in
  started_at      INTEGER,
  deadline        INTEGER,
  extra_minutes   INTEGER NOT NULL DEFAULT 0,
  submitted_at    INTEGER,
  score           REAL,
  focus_losses    INTEGER NOT NULL DEFAULT 0,
  note            TEXT NOT NULL DEFAULT '',
  created_at      INTEGER NOT NULL
);
CREATE INDEX attempts_sitting ON attempts(sitting_id);

CREATE TABLE answers (
  attempt_id INTEGER NOT NULL REFERENCES attempts(id),
  pos        INTEGER NOT NULL,
  answer     TEXT NOT NULL,
  seq        INTEGER NOT NULL,
  saved_at   INTEGER NOT NULL,
  PRIMARY KEY (attempt_id, pos)
);
