-- 053 (given 052; 051 and 052 landed first: the next free number): 企业新型学徒制, 重点群体 and 就业服务 (issue 23 items 3, 7, 6; docs/DOMAIN.md §54;
-- src/svc/cultivation/README.md). Money in integer fen.

-- apprentice_rates: the city's 新型学徒制 subsidy per apprentice a year (data; seed 003 §5 and DOMAIN-design §2:
-- 每人每年不低于 5,000 元, the amount set by the city). A city without a row is paid the floor of the rules
-- (core/subsidy.c sd-2026: 5,000 元).
CREATE TABLE apprentice_rates (
  region_code TEXT PRIMARY KEY REFERENCES regions(code),
  rate_fen    {{INT}} NOT NULL CHECK (rate_fen >= 500000),
  source      TEXT NOT NULL DEFAULT '',
  updated_by  {{INT}} REFERENCES users(id),
  updated_at  {{INT}} NOT NULL
);

-- apprentice_targets: how many 企业新型学徒 a region is to train by a deadline (seed 003 §5: 到2025年，全省培养
-- 不少于10万名企业新型学徒职工). region_code is a prefix ("37" the province).
CREATE TABLE apprentice_targets (
  region_code TEXT NOT NULL,
  deadline    TEXT NOT NULL,
  target      {{INT}} NOT NULL CHECK (target > 0),
  source      TEXT NOT NULL,
  PRIMARY KEY (region_code, deadline)
);
INSERT INTO apprentice_targets (region_code, deadline, target, source) VALUES
  ('37', '2025-12-31', 100000, '种子 003 §5：到2025年，全省培养不少于10万名企业新型学徒职工');

-- apprenticeships: one 企业新型学徒制 contract: the employer (an institutions row of type employer), the school or
-- training institution that trains (trainer_id), the apprentice (a person), the mentor (带徒师傅, with the
-- monthly 带徒津贴 the enterprise pays as data), the labour contract (contract_end NULL: 无固定期限), the
-- training plan (12..36 months: 1–2 years, up to 3) toward an occupation and level. region_code is the
-- employer's. States (core/apprentice.h): filed → training → completed, or → terminated. rung: the ladder step
-- recorded at completion ('apprentice', core/ladder.h 学徒工). claim_id: the employer's subsidy claim
-- (019_ledger.sql; paid once by subsidy_claims_once); registration_id: the 认定 registration it led to.
-- One live (filed or training) apprenticeship per person.
CREATE TABLE apprenticeships (
  id                   {{ID}},
  employer_id          {{INT}} NOT NULL REFERENCES institutions(id),
  trainer_id           {{INT}} NOT NULL REFERENCES institutions(id),
  person_id            {{INT}} NOT NULL REFERENCES persons(id),
  region_code          TEXT NOT NULL,
  occupation_code      TEXT NOT NULL REFERENCES occupations(code),
  level                {{INT}} NOT NULL CHECK (level BETWEEN 1 AND 5),
  mentor_name          TEXT NOT NULL,
  mentor_allowance_fen {{INT}} NOT NULL DEFAULT 0 CHECK (mentor_allowance_fen >= 0),
  contract_start       TEXT NOT NULL,
  contract_end         TEXT,
  training_start       TEXT NOT NULL,
  training_end         TEXT NOT NULL,
  training_months      {{INT}} NOT NULL CHECK (training_months BETWEEN 12 AND 36),
  plan                 TEXT NOT NULL DEFAULT '',
  status               TEXT NOT NULL DEFAULT 'filed'
                       CHECK (status IN ('filed','training','completed','terminated')),
  reason               TEXT NOT NULL DEFAULT '',
  completed_on         TEXT,
  rung                 TEXT,
  claim_id             {{INT}} REFERENCES subsidy_claims(id),
  registration_id      {{INT}} REFERENCES registrations(id),
  created_by           {{INT}} NOT NULL REFERENCES users(id),
  created_at           {{INT}} NOT NULL,
  updated_at           {{INT}} NOT NULL
);
CREATE UNIQUE INDEX apprenticeships_live ON apprenticeships(person_id) WHERE status IN ('filed','training');
CREATE INDEX apprenticeships_region ON apprenticeships(region_code, status);
CREATE INDEX apprenticeships_employer ON apprenticeships(employer_id);
CREATE INDEX apprenticeships_trainer ON apprenticeships(trainer_id);

-- apprentice_progress: the training's progress as it happens: a stage (hours of training done) or the final
-- assessment (passed 1/0), recorded by the employer or the trainer; completion needs a passed final one.
CREATE TABLE apprentice_progress (
  id                {{ID}},
  apprenticeship_id {{INT}} NOT NULL REFERENCES apprenticeships(id),
  kind              TEXT NOT NULL CHECK (kind IN ('stage','final')),
  recorded_on       TEXT NOT NULL,
  hours             {{INT}} NOT NULL DEFAULT 0 CHECK (hours >= 0),
  passed            {{INT}} NOT NULL DEFAULT 0,
  note              TEXT NOT NULL DEFAULT '',
  recorded_by       {{INT}} NOT NULL REFERENCES users(id),
  created_at        {{INT}} NOT NULL
);
CREATE INDEX apprentice_progress_of ON apprentice_progress(apprenticeship_id);

-- person_category_kinds: the 重点群体 as data (seed 003 §3: 贫困家庭子女、建档立卡贫困劳动力、城乡未继续升学初高中
-- 毕业生、农村转移就业劳动者、企业失业人员和转岗职工、退役军人、残疾人; issue 23 item 7 adds 农民工 and 青年学生).
CREATE TABLE person_category_kinds (
  code     TEXT PRIMARY KEY,
  name     TEXT NOT NULL,
  source   TEXT NOT NULL,
  position {{INT}} NOT NULL
);
INSERT INTO person_category_kinds (code, name, source, position) VALUES
  ('poor_family_child', '贫困家庭子女', '种子 003 §3', 1),
  ('registered_poor', '建档立卡贫困劳动力', '种子 003 §3', 2),
  ('non_continuing_graduate', '城乡未继续升学初高中毕业生', '种子 003 §3', 3),
  ('rural_migrant', '农村转移就业劳动者', '种子 003 §3', 4),
  ('laid_off', '企业失业人员和转岗职工', '种子 003 §3', 5),
  ('veteran', '退役军人', '种子 003 §3', 6),
  ('disabled', '残疾人', '种子 003 §3', 7),
  ('migrant_worker', '农民工', 'issue 23 item 7', 8),
  ('young_student', '青年学生', 'issue 23 item 7', 9);

-- person_categories: a person's 重点群体 flag: its source (import: a department's list; declared: the person;
-- verified: checked by the bureau), validity (valid_to NULL: open), the person's region for scope.
CREATE TABLE person_categories (
  id          {{ID}},
  person_id   {{INT}} NOT NULL REFERENCES persons(id),
  category    TEXT NOT NULL REFERENCES person_category_kinds(code),
  source      TEXT NOT NULL CHECK (source IN ('import','declared','verified')),
  valid_from  TEXT NOT NULL,
  valid_to    TEXT,
  region_code TEXT NOT NULL,
  evidence    TEXT NOT NULL DEFAULT '',
  recorded_by {{INT}} NOT NULL REFERENCES users(id),
  created_at  {{INT}} NOT NULL,
  updated_at  {{INT}} NOT NULL,
  UNIQUE (person_id, category)
);
CREATE INDEX person_categories_region ON person_categories(region_code, category);

-- person_services: the services given to a person (seed 003 §3: 岗位推荐、技能培训、就业帮扶), each logged with
-- the 重点群体 it served (NULL: none) and what it was (detail JSON: the postings recommended, the class, ...).
CREATE TABLE person_services (
  id          {{ID}},
  person_id   {{INT}} NOT NULL REFERENCES persons(id),
  kind        TEXT NOT NULL CHECK (kind IN ('job_recommendation','skill_training','employment_aid')),
  category    TEXT REFERENCES person_category_kinds(code),
  region_code TEXT NOT NULL,
  detail      TEXT NOT NULL DEFAULT '{}',
  recorded_by {{INT}} NOT NULL REFERENCES users(id),
  created_at  {{INT}} NOT NULL
);
CREATE INDEX person_services_person ON person_services(person_id, kind);
CREATE INDEX person_services_region ON person_services(region_code, kind);

-- employment_outcomes: whether a trained or certified person is employed (就业去向), by whom and when, counted
-- from ref_on (the class's end, the apprenticeship's completion or the certificate's date): within 6 months
-- (within_6m) when employed_on is no later than ref_on + 6 months. Tagged with what trained them: a class, a
-- programme code, a school or institution, an apprenticeship; one row per person and reference. posting_id:
-- the job posting it came from (job_postings of 051_shortage_warning.sql, S1's import), when known.
CREATE TABLE employment_outcomes (
  id                {{ID}},
  person_id         {{INT}} NOT NULL REFERENCES persons(id),
  ref_kind          TEXT NOT NULL CHECK (ref_kind IN ('class','apprenticeship','certificate')),
  ref_id            {{INT}} NOT NULL,
  ref_on            TEXT NOT NULL,
  class_id          {{INT}},
  programme         TEXT,
  institution_id    {{INT}} REFERENCES institutions(id),
  employed          {{INT}} NOT NULL CHECK (employed IN (0,1)),
  employer_id       {{INT}} REFERENCES institutions(id),
  employer_name     TEXT NOT NULL DEFAULT '',
  posting_id        {{INT}} REFERENCES job_postings(id),
  employed_on       TEXT,
  within_6m         {{INT}} NOT NULL DEFAULT 0,
  region_code       TEXT NOT NULL,
  recorded_by       {{INT}} NOT NULL REFERENCES users(id),
  created_at        {{INT}} NOT NULL,
  updated_at        {{INT}} NOT NULL,
  UNIQUE (person_id, ref_kind, ref_id)
);
CREATE INDEX employment_outcomes_region ON employment_outcomes(region_code);
