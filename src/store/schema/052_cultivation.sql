-- 052 (given 051; 051 was taken first by 051_shortage_warning): 培养体系 (issue 23 items 1, 2 and 5; docs/DOMAIN.md §53 "技工院校、培养项目与院校学生评价"):
-- 技工院校 with their tier, campuses and yearly figures; majors filed with the bureau (专业设置 备案制) with every
-- filed content kept as a version; 订单班 / 冠名班 with their students and placement; 技工教育集团 (联盟) with
-- members and the 省级重点 flag; 培养项目 as data with yearly targets and the classes tagged with them (form and
-- content); 院校学生 过程化评价 (rules, module scores, the aggregated outcome that becomes a result), the
-- 高校学生 pilot by region and period, the major <-> occupation table. Every row a school owns carries its
-- region_code and school_id (the scope rule SE_SCHOOL aliases them).

-- cult_schools: an institution of type technical_school registered by the bureau as a 技工院校 with its tier
-- (技师学院 / 高级技工学校 / 技工学校, seed 001 "以技师学院为主要培养层次，高级技工学校、技工学校合理布局").
CREATE TABLE cult_schools (
  school_id   {{INT}} PRIMARY KEY REFERENCES institutions(id),
  region_code TEXT NOT NULL,
  tier        TEXT NOT NULL CHECK (tier IN ('technician_college','senior_school','school')),
  founded_year {{INT}} NOT NULL DEFAULT 0,
  created_by  {{INT}} NOT NULL,
  created_at  {{INT}} NOT NULL,
  updated_at  {{INT}} NOT NULL
);
CREATE INDEX cult_schools_region ON cult_schools(region_code);

CREATE TABLE cult_campuses (
  id          {{ID}},
  school_id   {{INT}} NOT NULL REFERENCES cult_schools(school_id),
  region_code TEXT NOT NULL,
  name        TEXT NOT NULL,
  address     TEXT NOT NULL DEFAULT '',
  main        {{INT}} NOT NULL DEFAULT 0,
  created_at  {{INT}} NOT NULL,
  UNIQUE (school_id, name)
);

-- yearly figures the school reports: 招生, 毕业, 在校生
CREATE TABLE cult_school_years (
  school_id   {{INT}} NOT NULL REFERENCES cult_schools(school_id),
  year        {{INT}} NOT NULL,
  enrolled    {{INT}} NOT NULL CHECK (enrolled >= 0),
  graduates   {{INT}} NOT NULL CHECK (graduates >= 0),
  students    {{INT}} NOT NULL CHECK (students >= 0),
  updated_at  {{INT}} NOT NULL,
  PRIMARY KEY (school_id, year)
);

-- cult_majors: a major of a school, filed with the bureau (seed 001 "将学校专业设置由审批制改为备案制"). The
-- state machine is core/cultivation.c's major_fsm; the content in force is the last filed version
-- (filed_version, 0 before the first), the versions table keeps every content submitted with its outcome.
-- level: 培养层次 中级工班 / 高级工班 / 预备技师班 (seed 000/009 贯通: = 中专 / 大专 / 本科); ythh_stage: the
-- national 工学一体化 reform stage the major takes part in (seed 001: 第一、第二、第三阶段; 0 none).
CREATE TABLE cult_majors (
  id              {{ID}},
  school_id       {{INT}} NOT NULL REFERENCES cult_schools(school_id),
  region_code     TEXT NOT NULL,
  code            TEXT NOT NULL,
  name            TEXT NOT NULL,
  occupation_code TEXT REFERENCES occupations(code),
  level           TEXT NOT NULL CHECK (level IN ('intermediate','senior','preparatory')),
  years           {{INT}} NOT NULL CHECK (years BETWEEN 1 AND 6),
  ythh_stage      {{INT}} NOT NULL DEFAULT 0 CHECK (ythh_stage BETWEEN 0 AND 3),
  status          TEXT NOT NULL,
  version         {{INT}} NOT NULL DEFAULT 1,
  filed_version   {{INT}} NOT NULL DEFAULT 0,
  filed_on        TEXT NOT NULL DEFAULT '',
  reason          TEXT NOT NULL DEFAULT '',
  created_at      {{INT}} NOT NULL,
  updated_at      {{INT}} NOT NULL,
  UNIQUE (school_id, code)
);
CREATE INDEX cult_majors_region ON cult_majors(region_code, status);

CREATE TABLE cult_major_versions (
  major_id        {{INT}} NOT NULL REFERENCES cult_majors(id),
  version         {{INT}} NOT NULL,
  kind            TEXT NOT NULL CHECK (kind IN ('filing','change','withdrawal')),
  name            TEXT NOT NULL,
  occupation_code TEXT,
  level           TEXT NOT NULL,
  years           {{INT}} NOT NULL,
  ythh_stage      {{INT}} NOT NULL,
  reason          TEXT NOT NULL DEFAULT '',
  outcome         TEXT NOT NULL DEFAULT 'pending' CHECK (outcome IN ('pending','filed','returned')),
  decided_note    TEXT NOT NULL DEFAULT '',
  submitted_at    {{INT}} NOT NULL,
  decided_at      {{INT}},
  decided_by      {{INT}},
  PRIMARY KEY (major_id, version)
);

-- cult_order_classes: 订单班 / 冠名班 (seed 001: 1,205 classes, "校中厂、厂中校"): a school, an enterprise, a filed
-- major and a cohort; students and their placement (the outcome the enterprise and the school record).
CREATE TABLE cult_order_classes (
  id            {{ID}},
  school_id     {{INT}} NOT NULL REFERENCES cult_schools(school_id),
  region_code   TEXT NOT NULL,
  enterprise_id {{INT}} NOT NULL REFERENCES institutions(id),
  major_id      {{INT}} NOT NULL REFERENCES cult_majors(id),
  kind          TEXT NOT NULL CHECK (kind IN ('order','named')),
  name          TEXT NOT NULL,
  cohort_year   {{INT}} NOT NULL,
  graduation_year {{INT}} NOT NULL,
  planned       {{INT}} NOT NULL CHECK (planned > 0),
  status        TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running','graduated')),
  created_at    {{INT}} NOT NULL,
  updated_at    {{INT}} NOT NULL
);
CREATE INDEX cult_order_classes_school ON cult_order_classes(school_id);
CREATE INDEX cult_order_classes_ent ON cult_order_classes(enterprise_id);

CREATE TABLE cult_order_students (
  class_id    {{INT}} NOT NULL REFERENCES cult_order_classes(id),
  person_id   {{INT}} NOT NULL REFERENCES persons(id),
  placement   TEXT NOT NULL DEFAULT 'pending' CHECK (placement IN ('pending','placed','elsewhere','not_placed')),
  employer_id {{INT}} REFERENCES institutions(id),
  placed_on   TEXT NOT NULL DEFAULT '',
  note        TEXT NOT NULL DEFAULT '',
  created_at  {{INT}} NOT NULL,
  updated_at  {{INT}} NOT NULL,
  PRIMARY KEY (class_id, person_id)
);

-- cult_groups: 技工教育集团 (联盟) (seed 000 济宁技工教育集团; seed 001: 16 省级重点), members by kind
CREATE TABLE cult_groups (
  id              {{ID}},
  name            TEXT NOT NULL UNIQUE,
  region_code     TEXT NOT NULL,
  kind            TEXT NOT NULL CHECK (kind IN ('group','alliance')),
  provincial_key  {{INT}} NOT NULL DEFAULT 0,
  key_year        {{INT}} NOT NULL DEFAULT 0,
  key_doc_no      TEXT NOT NULL DEFAULT '',
  created_by      {{INT}} NOT NULL,
  created_at      {{INT}} NOT NULL,
  updated_at      {{INT}} NOT NULL
);

CREATE TABLE cult_group_members (
  group_id       {{INT}} NOT NULL REFERENCES cult_groups(id),
  institution_id {{INT}} NOT NULL REFERENCES institutions(id),
  member_kind    TEXT NOT NULL CHECK (member_kind IN ('school','enterprise','training')),
  lead           {{INT}} NOT NULL DEFAULT 0,
  joined_on      TEXT NOT NULL,
  PRIMARY KEY (group_id, institution_id)
);

-- cult_programmes: 培养项目 as data (seed 003 §1-§5, seed 001). yearly_target: persons a year (0: the seeds give
-- none, see gaps); quota: places a year the province funds (0: none set); subsidy_rules: JSON array of the
-- subsidies the programme enables ({kind, min_level, note, source}); amounts stay with the training domain's
-- rules and the ledger.
CREATE TABLE cult_programmes (
  code          TEXT PRIMARY KEY,
  name          TEXT NOT NULL,
  from_year     {{INT}} NOT NULL,
  to_year       {{INT}} NOT NULL DEFAULT 0,
  yearly_target {{INT}} NOT NULL DEFAULT 0 CHECK (yearly_target >= 0),
  quota         {{INT}} NOT NULL DEFAULT 0 CHECK (quota >= 0),
  target_text   TEXT NOT NULL DEFAULT '',
  subsidy_rules TEXT NOT NULL DEFAULT '[]',
  source        TEXT NOT NULL,
  gaps          TEXT NOT NULL DEFAULT '',
  active        {{INT}} NOT NULL DEFAULT 1,
  created_at    {{INT}} NOT NULL DEFAULT 0,
  updated_at    {{INT}} NOT NULL DEFAULT 0
);
INSERT INTO cult_programmes (code, name, from_year, to_year, yearly_target, quota, target_text, subsidy_rules, source, gaps) VALUES
('golden_blue', '“金蓝领”培训项目', 2020, 0, 20000, 0, '每年参加技师、高级技师等级培养的企业职工不少于2万人',
 '[{"kind":"training","min_level":3,"note":"参加培训并经考核达到高级工、技师、高级技师职业资格（技能等级）的，按照规定给予培训补贴","source":"种子 003 第4条"}]',
 '种子 003（鲁人社发〔2020〕18号）第4条', '补贴标准 [GAP]：“按照规定给予培训补贴”，金额由培训补贴规则定'),
('malanhua', '“马兰花”创业培训', 2020, 0, 0, 0, '', '[]', '种子 001：优化“马兰花”创业培训，打造全链条创业培训服务闭环', '年度目标 [GAP]'),
('green_skills', '“绿色技能”特色培训', 2024, 0, 0, 0, '', '[]', '种子 001：做强“绿色技能”特色培训', '年度目标 [GAP]'),
('hazard_safety', '高危行业安全技能培训', 2020, 0, 0, 0, '', '[]', '种子 003 第2条：全面开展高危行业安全技能培训', '年度目标 [GAP]');

-- yearly figures of a programme that differ from its default (target, quota)
CREATE TABLE cult_programme_years (
  programme_code TEXT NOT NULL REFERENCES cult_programmes(code),
  year           {{INT}} NOT NULL,
  target         {{INT}} NOT NULL CHECK (target >= 0),
  quota          {{INT}} NOT NULL CHECK (quota >= 0),
  updated_at     {{INT}} NOT NULL,
  PRIMARY KEY (programme_code, year)
);

-- cult_class_tags: a training class (024 training_classes) tagged with a programme, its form and content (seed
-- 003 第1条: 企业自主培训、市场化培训和政府补贴培训为主要形式；就业技能培训、岗位技能提升培训和创新创业培训为主要
-- 内容; 第2条 安全技能培训)
CREATE TABLE cult_class_tags (
  class_id       {{INT}} PRIMARY KEY REFERENCES training_classes(id),
  programme_code TEXT REFERENCES cult_programmes(code),
  form           TEXT NOT NULL CHECK (form IN ('enterprise','market','subsidised')),
  content        TEXT NOT NULL CHECK (content IN ('employment','upgrade','entrepreneurship','safety')),
  year           {{INT}} NOT NULL,
  tagged_by      {{INT}} NOT NULL,
  updated_at     {{INT}} NOT NULL
);
CREATE INDEX cult_class_tags_programme ON cult_class_tags(programme_code, year);

-- ---- 院校学生评价 (item 5) ----

-- cult_students: a school's students (技工院校 or a university in the pilot), their class and diploma (毕业证书)
CREATE TABLE cult_students (
  id            {{ID}},
  school_id     {{INT}} NOT NULL REFERENCES institutions(id),
  region_code   TEXT NOT NULL,
  person_id     {{INT}} NOT NULL REFERENCES persons(id),
  major_id      {{INT}} REFERENCES cult_majors(id),
  major_name    TEXT NOT NULL DEFAULT '',
  class_name    TEXT NOT NULL,
  enrolled_year {{INT}} NOT NULL,
  diploma_no    TEXT NOT NULL DEFAULT '',
  diploma_on    TEXT NOT NULL DEFAULT '',
  created_at    {{INT}} NOT NULL,
  updated_at    {{INT}} NOT NULL,
  UNIQUE (school_id, person_id)
);
CREATE INDEX cult_students_class ON cult_students(school_id, class_name);

-- cult_eval_rules: a 过程化评价 rule (seed 004 潍坊 2017 技工院校学生过程化评价): the occupation and level it leads to,
-- its modules with weights (JSON [{code, name, weight}], weights summing to 100), the pass conditions (a
-- weighted total of at least pass_total, every module at least min_module), as data
CREATE TABLE cult_eval_rules (
  id              {{ID}},
  name            TEXT NOT NULL,
  occupation_code TEXT NOT NULL REFERENCES occupations(code),
  level           {{INT}} NOT NULL CHECK (level BETWEEN 1 AND 5),
  modules         TEXT NOT NULL,
  pass_total      {{REAL}} NOT NULL,
  min_module      {{REAL}} NOT NULL DEFAULT 0,
  source          TEXT NOT NULL,
  active          {{INT}} NOT NULL DEFAULT 1,
  created_by      {{INT}} NOT NULL,
  created_at      {{INT}} NOT NULL
);

-- one module's assessment of one student under one rule, recorded when it happens
CREATE TABLE cult_module_scores (
  student_id   {{INT}} NOT NULL REFERENCES cult_students(id),
  rule_id      {{INT}} NOT NULL REFERENCES cult_eval_rules(id),
  module_code  TEXT NOT NULL,
  score        {{REAL}} NOT NULL CHECK (score >= 0 AND score <= 100),
  assessed_on  TEXT NOT NULL,
  assessed_by  {{INT}} NOT NULL,
  created_at   {{INT}} NOT NULL,
  PRIMARY KEY (student_id, rule_id, module_code)
);

-- the aggregated outcome; a passed one points at the result it entered (002 results → certificates)
CREATE TABLE cult_eval_outcomes (
  student_id  {{INT}} NOT NULL REFERENCES cult_students(id),
  rule_id     {{INT}} NOT NULL REFERENCES cult_eval_rules(id),
  total       {{REAL}} NOT NULL,
  passed      {{INT}} NOT NULL,
  reasons     TEXT NOT NULL DEFAULT '[]',
  result_id   {{INT}} REFERENCES results(id),
  decided_at  {{INT}} NOT NULL,
  PRIMARY KEY (student_id, rule_id)
);

-- the 高校学生 职业技能等级认定 pilot (seed 004: 潍坊 全省唯一试点城市 2024; 德州 驻德高校): a region and a period
CREATE TABLE cult_pilots (
  id          {{ID}},
  region_code TEXT NOT NULL,
  starts_on   TEXT NOT NULL,
  ends_on     TEXT NOT NULL CHECK (ends_on >= starts_on),
  source      TEXT NOT NULL,
  created_by  {{INT}} NOT NULL,
  created_at  {{INT}} NOT NULL
);

-- 专业 <-> 职业(工种) matching (seed 004 潍坊 "专业匹配度"): a major code matches an occupation up to a level
CREATE TABLE cult_major_occupations (
  major_code      TEXT NOT NULL,
  occupation_code TEXT NOT NULL REFERENCES occupations(code),
  major_name      TEXT NOT NULL,
  max_level       {{INT}} NOT NULL CHECK (max_level BETWEEN 1 AND 5),
  source          TEXT NOT NULL DEFAULT '',
  updated_at      {{INT}} NOT NULL,
  PRIMARY KEY (major_code, occupation_code)
);
