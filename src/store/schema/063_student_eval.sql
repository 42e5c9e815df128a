-- 063 院校学生评价 (issue 23 item 5; docs/DOMAIN.md §61): 技工院校 students' 过程化评价 on a plan of the school,
-- the 高校学生 pilot by region and period, the major <-> occupation table, the students' roster by class and the
-- 双证 (diploma + level certificate). 052 laid down first versions of these tables that nothing used; they are
-- replaced here (empty, no other table refers to them) by the shape the use cases need.
DROP TABLE cult_eval_outcomes;
DROP TABLE cult_module_scores;
DROP TABLE cult_eval_rules;
DROP TABLE cult_students;
DROP TABLE cult_pilots;
DROP TABLE cult_major_occupations;

-- cult_students: a school's student (a 技工院校, or a university inside the pilot) in a class, with the major
-- (a filed major of the school, or a code and name for a university), the expected graduation (the diploma fact
-- that 申报条件 "含在读应届毕业生" reads: person_diplomas row diploma_id, of level diploma_level) and the diploma
-- once awarded (毕业证书 number and date: the 双证 record with the level certificate).
CREATE TABLE cult_students (
  id            {{ID}},
  school_id     {{INT}} NOT NULL REFERENCES institutions(id),
  region_code   TEXT NOT NULL,
  person_id     {{INT}} NOT NULL REFERENCES persons(id),
  major_id      {{INT}} REFERENCES cult_majors(id),
  major_code    TEXT NOT NULL,
  major_name    TEXT NOT NULL,
  class_name    TEXT NOT NULL,
  enrolled_year {{INT}} NOT NULL,
  graduates_on  TEXT NOT NULL,
  diploma_level TEXT NOT NULL,
  diploma_id    {{INT}} REFERENCES person_diplomas(id),
  diploma_no    TEXT NOT NULL DEFAULT '',
  diploma_on    TEXT NOT NULL DEFAULT '',
  created_by    {{INT}} NOT NULL,
  created_at    {{INT}} NOT NULL,
  updated_at    {{INT}} NOT NULL,
  UNIQUE (school_id, person_id)
);
CREATE INDEX cult_students_class ON cult_students(school_id, class_name);
CREATE INDEX cult_students_person ON cult_students(person_id);

-- cult_eval_rules: the 过程化评价 rule of one 认定 plan of the school (seed 004 潍坊 2017 技工院校学生过程化评价):
-- the plan's occupation and level, its modules with weights (JSON [{code, name, weight}], summing to 100), the
-- pass conditions (a weighted total of at least pass_total, every module at least min_module). Set by the school
-- while the plan is a draft, so the bureau's approval of the plan covers it. compiled_at: when the outcomes
-- entered the plan's results.
CREATE TABLE cult_eval_rules (
  id              {{ID}},
  plan_id         {{INT}} NOT NULL UNIQUE REFERENCES plans(id),
  school_id       {{INT}} NOT NULL REFERENCES institutions(id),
  region_code     TEXT NOT NULL,
  name            TEXT NOT NULL,
  occupation_code TEXT NOT NULL REFERENCES occupations(code),
  level           {{INT}} NOT NULL CHECK (level BETWEEN 1 AND 5),
  modules         TEXT NOT NULL,
  pass_total      {{REAL}} NOT NULL,
  min_module      {{REAL}} NOT NULL DEFAULT 0,
  source          TEXT NOT NULL,
  compiled_at     {{INT}},
  created_by      {{INT}} NOT NULL,
  created_at      {{INT}} NOT NULL
);
CREATE INDEX cult_eval_rules_school ON cult_eval_rules(school_id);

-- one module's assessment of one student under one rule, recorded when it happens (corrected until the rule's
-- outcomes are compiled; every recording audited)
CREATE TABLE cult_module_scores (
  rule_id      {{INT}} NOT NULL REFERENCES cult_eval_rules(id),
  student_id   {{INT}} NOT NULL REFERENCES cult_students(id),
  module_code  TEXT NOT NULL,
  score        {{REAL}} NOT NULL CHECK (score >= 0 AND score <= 100),
  assessed_on  TEXT NOT NULL,
  assessed_by  {{INT}} NOT NULL,
  created_at   {{INT}} NOT NULL,
  updated_at   {{INT}} NOT NULL,
  PRIMARY KEY (rule_id, student_id, module_code)
);

-- the aggregated outcome of a student registered in the rule's plan; result_id: the plan's result it entered
-- (002 results → certificates)
CREATE TABLE cult_eval_outcomes (
  rule_id         {{INT}} NOT NULL REFERENCES cult_eval_rules(id),
  student_id      {{INT}} NOT NULL REFERENCES cult_students(id),
  registration_id {{INT}} NOT NULL REFERENCES registrations(id),
  total           {{REAL}} NOT NULL,
  passed          {{INT}} NOT NULL,
  reasons         TEXT NOT NULL DEFAULT '[]',
  result_id       {{INT}} NOT NULL REFERENCES results(id),
  decided_at      {{INT}} NOT NULL,
  PRIMARY KEY (rule_id, student_id)
);

-- the 高校学生 职业技能等级认定 pilot: a region and a period (ends_on '' open-ended). Seed 004: 潍坊 "2024年…被确定为
-- 全省唯一高校学生职业技能等级认定试点城市" (the day in 2024 is not given [GAP]: the year's first day; no end given).
CREATE TABLE cult_pilots (
  id          {{ID}},
  name        TEXT NOT NULL,
  region_code TEXT NOT NULL,
  starts_on   TEXT NOT NULL,
  ends_on     TEXT NOT NULL DEFAULT '',
  source      TEXT NOT NULL,
  created_by  {{INT}} NOT NULL DEFAULT 0,
  created_at  {{INT}} NOT NULL DEFAULT 0
);
INSERT INTO cult_pilots (name, region_code, starts_on, ends_on, source) VALUES
('驻潍高校学生职业技能等级认定试点', '370700', '2024-01-01', '',
 '种子 004：2024年，潍坊市被确定为全省唯一高校学生职业技能等级认定试点城市；种子 002：支持潍坊市开展驻潍高校应届毕业生职业技能等级认定试点工作');

-- 专业 <-> 职业(工种) matching (seed 004 潍坊 "专业匹配度"): a major code matches an occupation up to a level
-- (max_level: the highest level, 1 highest .. 5 lowest, the match supports; a plan of a higher level is not
-- 本专业或相关专业)
CREATE TABLE cult_major_occupations (
  major_code      TEXT NOT NULL,
  occupation_code TEXT NOT NULL REFERENCES occupations(code),
  major_name      TEXT NOT NULL,
  max_level       {{INT}} NOT NULL CHECK (max_level BETWEEN 1 AND 5),
  source          TEXT NOT NULL DEFAULT '',
  updated_by      {{INT}} NOT NULL DEFAULT 0,
  updated_at      {{INT}} NOT NULL,
  PRIMARY KEY (major_code, occupation_code)
);
