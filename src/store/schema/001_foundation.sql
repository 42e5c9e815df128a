-- 001 foundation: regions, occupations, institutions, persons, users, sessions, audit archive.
-- Times are epoch seconds (UTC); dates are 'YYYY-MM-DD' text; booleans 0/1; PII columns hold SM4-GCM
-- sealed text ("v1.<base64url>") next to an HMAC-SM3 blind index for exact look-up.

CREATE TABLE regions (
  code        TEXT PRIMARY KEY,              -- GB/T 2260
  name        TEXT NOT NULL,
  parent_code TEXT REFERENCES regions(code),
  level       TEXT NOT NULL CHECK (level IN ('province','city','county'))
);

CREATE TABLE occupations (
  code       TEXT PRIMARY KEY,               -- 国家职业分类大典 (2022) code, or ZX-37-NNN for 专项职业能力
  name       TEXT NOT NULL,
  category   {{INT}},                        -- 大类 1..8
  levels     {{INT}} NOT NULL DEFAULT 0,     -- bit L set = level L (1..5) certifiable
  types      TEXT NOT NULL DEFAULT '',       -- 工种, '|'-separated
  kind       TEXT NOT NULL DEFAULT 'occupation' CHECK (kind IN ('occupation','special')),
  created_at {{INT}} NOT NULL
);
CREATE INDEX occupations_name ON occupations(name);

CREATE TABLE counters (
  name  TEXT PRIMARY KEY,
  value {{INT}} NOT NULL
);

CREATE TABLE institutions (
  id            {{ID}},
  name          TEXT NOT NULL,
  credit_code   TEXT NOT NULL UNIQUE,          -- 统一社会信用代码 GB 32100
  check_override {{INT}} NOT NULL DEFAULT 0,   -- accepted despite a check-character mismatch
  type          TEXT NOT NULL CHECK (type IN ('employer','social_org','technical_school','university','training')),
  region_code   TEXT NOT NULL REFERENCES regions(code),
  inst_serial   {{INT}} UNIQUE,                -- 6-digit serial allocated by the province
  inst_code     TEXT UNIQUE,                   -- 13-char certificate-number prefix, e.g. S000037000072
  status        TEXT NOT NULL DEFAULT 'filed' CHECK (status IN ('filed','suspended','exited')),
  status_reason TEXT NOT NULL DEFAULT '',
  status_date   TEXT NOT NULL,
  address       TEXT NOT NULL DEFAULT '',
  contact_name  TEXT NOT NULL DEFAULT '',
  contact_phone TEXT NOT NULL DEFAULT '',
  latitude      {{REAL}},
  longitude     {{REAL}},
  created_at    {{INT}} NOT NULL,
  updated_at    {{INT}} NOT NULL
);
CREATE INDEX institutions_region ON institutions(region_code);

CREATE TABLE institution_scopes (
  institution_id  {{INT}} NOT NULL REFERENCES institutions(id),
  occupation_code TEXT NOT NULL REFERENCES occupations(code),
  levels          {{INT}} NOT NULL,            -- bit mask as occupations.levels
  PRIMARY KEY (institution_id, occupation_code)
);

CREATE TABLE institution_status_history (
  id             {{ID}},
  institution_id {{INT}} NOT NULL REFERENCES institutions(id),
  status         TEXT NOT NULL,
  reason         TEXT NOT NULL,
  status_date    TEXT NOT NULL,
  actor_id       {{INT}},
  at             {{INT}} NOT NULL
);
CREATE INDEX institution_status_history_inst ON institution_status_history(institution_id);

CREATE TABLE persons (
  id           {{ID}},
  name         TEXT NOT NULL,
  id_type      TEXT NOT NULL,
  id_sealed    TEXT NOT NULL,
  id_index     TEXT NOT NULL,
  id_masked    TEXT NOT NULL,                  -- masked form (first 4 + last 4 shown), output without decrypting
  gender       TEXT,
  birth_date   TEXT,
  phone_sealed TEXT,
  phone_index  TEXT,
  phone_masked TEXT,
  region_code  TEXT NOT NULL,
  employer_id  {{INT}} REFERENCES institutions(id),
  education    TEXT NOT NULL DEFAULT '',
  created_at   {{INT}} NOT NULL,
  updated_at   {{INT}} NOT NULL
);
CREATE UNIQUE INDEX persons_id_index ON persons(id_index);
CREATE INDEX persons_region ON persons(region_code);
CREATE INDEX persons_employer ON persons(employer_id) WHERE employer_id IS NOT NULL;
CREATE INDEX persons_phone ON persons(phone_index) WHERE phone_index IS NOT NULL;

CREATE TABLE institution_persons (
  institution_id {{INT}} NOT NULL REFERENCES institutions(id),
  person_id      {{INT}} NOT NULL REFERENCES persons(id),
  PRIMARY KEY (institution_id, person_id)
);
CREATE INDEX institution_persons_person ON institution_persons(person_id);

CREATE TABLE person_work_history (
  id              {{ID}},
  person_id       {{INT}} NOT NULL REFERENCES persons(id),
  employer_name   TEXT NOT NULL,
  occupation_code TEXT,
  start_date      TEXT NOT NULL,
  end_date        TEXT,
  created_at      {{INT}} NOT NULL
);
CREATE INDEX person_work_history_person ON person_work_history(person_id);

CREATE TABLE person_diplomas (
  id           {{ID}},
  person_id    {{INT}} NOT NULL REFERENCES persons(id),
  level        TEXT NOT NULL,
  school       TEXT NOT NULL DEFAULT '',
  major        TEXT NOT NULL DEFAULT '',
  graduated_on TEXT NOT NULL,
  created_at   {{INT}} NOT NULL
);
CREATE INDEX person_diplomas_person ON person_diplomas(person_id);

CREATE TABLE person_titles (
  id          {{ID}},
  person_id   {{INT}} NOT NULL REFERENCES persons(id),
  grade       TEXT NOT NULL CHECK (grade IN ('junior','intermediate','senior')),
  name        TEXT NOT NULL,
  obtained_on TEXT NOT NULL,
  created_at  {{INT}} NOT NULL
);
CREATE INDEX person_titles_person ON person_titles(person_id);

CREATE TABLE users (
  id             {{ID}},
  username       TEXT NOT NULL UNIQUE,
  display_name   TEXT NOT NULL DEFAULT '',
  password_hash  TEXT NOT NULL,
  role           TEXT NOT NULL CHECK (role IN ('province_admin','city_admin','institution_admin',
                   'institution_staff','examiner','supervisor','candidate')),
  region_code    TEXT,
  institution_id {{INT}} REFERENCES institutions(id),
  person_id      {{INT}} REFERENCES persons(id),
  examiner_grade TEXT,
  disabled       {{INT}} NOT NULL DEFAULT 0,
  failed_logins  {{INT}} NOT NULL DEFAULT 0,
  locked_until   {{INT}} NOT NULL DEFAULT 0,
  created_at     {{INT}} NOT NULL,
  password_changed_at {{INT}} NOT NULL
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id    {{INT}} NOT NULL REFERENCES users(id),
  created_at {{INT}} NOT NULL,
  expires_at {{INT}} NOT NULL,
  client     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE audit_log (
  seq       {{INT}} PRIMARY KEY,
  at        {{INT}} NOT NULL,                  -- epoch milliseconds
  actor_id  {{INT}},
  actor     TEXT NOT NULL,
  role      TEXT NOT NULL,
  action    TEXT NOT NULL,
  entity    TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  detail    TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash      TEXT NOT NULL
);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
CREATE INDEX audit_log_actor ON audit_log(actor_id);
CREATE INDEX audit_log_at ON audit_log(at);

CREATE TABLE audit_head (
  id   INTEGER PRIMARY KEY CHECK (id = 1),
  seq  {{INT}} NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
