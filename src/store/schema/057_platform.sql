-- 057 (F1 was given 054; 057 is the lowest free number at landing): 平台载体 (issue 24 item 1; docs/DOMAIN.md §56): platform types, their conditions, grants and appraisal
-- indicators as data; the yearly call with its window, city quotas and expert panel; applications with the
-- decision of their conditions; independent expert scores; the projects (立项) with grants paid in tranches by
-- fund source (co-approved by 财政) into the province's ledger; the activity log; the yearly 绩效考核; 验收 or
-- 撤销 with a recovery. And the role 财政 (finance): an account that co-approves grants and nothing else.

-- the role finance joins the accounts' roles (PostgreSQL: the CHECK replaced; SQLite: users rebuilt with the
-- same columns, its children's references deferred to the COMMIT and satisfied again by the copy)
{{PG}}ALTER TABLE users DROP CONSTRAINT users_role_check;
{{PG}}ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('province_admin','city_admin','institution_admin','institution_staff','examiner','supervisor','candidate','finance'));
{{SQLITE}}PRAGMA defer_foreign_keys = ON;
{{SQLITE}}CREATE TABLE users_v57 AS SELECT * FROM users;
{{SQLITE}}DROP TABLE users;
{{SQLITE}}CREATE TABLE users (id INTEGER PRIMARY KEY, username TEXT NOT NULL UNIQUE, display_name TEXT NOT NULL DEFAULT '', password_hash TEXT NOT NULL, role TEXT NOT NULL CHECK (role IN ('province_admin','city_admin','institution_admin','institution_staff','examiner','supervisor','candidate','finance')), region_code TEXT, institution_id INTEGER REFERENCES institutions(id), person_id INTEGER REFERENCES persons(id), examiner_grade TEXT, disabled INTEGER NOT NULL DEFAULT 0, failed_logins INTEGER NOT NULL DEFAULT 0, locked_until INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL, password_changed_at INTEGER NOT NULL);
{{SQLITE}}INSERT INTO users SELECT * FROM users_v57;
{{SQLITE}}DROP TABLE users_v57;

-- platform_types: the kinds of platform (seed 003 §7, §8, §10, §15, §21; 000; 001). level national /
-- provincial; pass_score: the 绩效考核's passing score ([GAP]: the seeds give none; 60 by default)
CREATE TABLE platform_types (
  code        TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  level       TEXT NOT NULL CHECK (level IN ('national','provincial')),
  pass_score  {{INT}} NOT NULL DEFAULT 60 CHECK (pass_score BETWEEN 0 AND 100),
  source      TEXT NOT NULL,
  gaps        TEXT NOT NULL DEFAULT '',
  position    {{INT}} NOT NULL DEFAULT 0
);
INSERT INTO platform_types (code, name, level, source, gaps, position) VALUES
  ('national_base', '国家级高技能人才培训基地', 'national', '种子 000：实施国家级高技能人才培训基地建设项目；种子 001：建成国家级高技能人才培训基地60个', '绩效考核合格分 [GAP]', 1),
  ('national_studio', '国家级技能大师工作室', 'national', '种子 003 §15：对国家级技能大师工作室建设单位，在国家给予10万元建设补助资金基础上，根据绩效考核情况给予不低于10万元的奖补资金', '绩效考核合格分 [GAP]', 2),
  ('provincial_studio', '省级技能大师工作室', 'provincial', '种子 003 §10：鼓励企业自主设立技能大师工作室（站）', '补助金额 [GAP]；绩效考核合格分 [GAP]', 3),
  ('qilu_workstation', '齐鲁技能大师特色工作站', 'provincial', '种子 003 §8：建设100所左右的特色工作站，每个工作站给予20万元建设补助资金，开展带徒传技、技能攻关、技艺传承、技能推广等活动；种子 001：齐鲁技能大师特色工作站200个', '绩效考核合格分 [GAP]', 4),
  ('innovation_studio', '劳模和工匠人才创新工作室', 'provincial', '种子 003 §10：对“齐鲁大工匠”“齐鲁工匠”领衔创建的“劳模和工匠人才创新工作室”，给予一次性30万元、5万元创新资金资助', '绩效考核合格分 [GAP]', 5),
  ('public_training_base', '公共实训基地', 'provincial', '种子 003 §9：开展省级新旧动能转换行业（专项）公共实训基地建设试点工作', '补助金额 [GAP]；申报条件 [GAP]；绩效考核合格分 [GAP]', 6),
  ('worldskills_base', '世界技能大赛集训基地', 'provincial', '种子 003 §21：对世界技能大赛省级重点集训基地和省级集训基地给予500万元、200万元建设补助经费', '申报条件 [GAP]；绩效考核合格分 [GAP]', 7),
  ('quality_school', '优质技工院校', 'provincial', '种子 003 §7：遴选建设10所左右技工教育优质校，每所学校给予500万元的建设补助资金', '绩效考核合格分 [GAP]', 8),
  ('quality_major', '优质专业(群)', 'provincial', '种子 003 §7：遴选建设30个左右优质专业（群），每个专业（群）给予200万元的建设补助资金', '绩效考核合格分 [GAP]', 9);

-- platform_conditions: an application's conditions (申报条件). kind: fact_min (the applicant's declared fact
-- `fact` at least min_value), lead_honour (the lead master holds an honour whose title or kind is one of
-- vals, '|'-separated), lead_level (the lead holds a valid certificate of level min_value or higher: 1 高级技师,
-- 2 技师), applicant_type (the applicant institution's type is one of vals). Conditions sharing a non-empty
-- grp are alternatives: one of them suffices.
CREATE TABLE platform_conditions (
  id         {{ID}},
  type_code  TEXT NOT NULL REFERENCES platform_types(code),
  code       TEXT NOT NULL,
  grp        TEXT NOT NULL DEFAULT '',
  kind       TEXT NOT NULL CHECK (kind IN ('fact_min','lead_honour','lead_level','applicant_type')),
  fact       TEXT NOT NULL DEFAULT '',
  min_value  {{INT}} NOT NULL DEFAULT 0,
  vals       TEXT NOT NULL DEFAULT '',
  name       TEXT NOT NULL,
  source     TEXT NOT NULL,
  UNIQUE (type_code, code)
);
INSERT INTO platform_conditions (type_code, code, grp, kind, fact, min_value, vals, name, source) VALUES
  ('national_base', 'students', 'scale', 'fact_min', 'students', 8000, '', '在校生不少于 8000 人', 'domain-sources §9（[S] 山东国家级高技能人才培训基地申报条件：在校生不少于8000人或年培训不少于10000人）'),
  ('national_base', 'trainees', 'scale', 'fact_min', 'trainees', 10000, '', '年培训不少于 10000 人', 'domain-sources §9（[S] 同上）'),
  ('national_base', 'high_skill_share', '', 'fact_min', 'high_skill_trainee_pct', 30, '', '高级工及以上培训占比不低于 30%', 'domain-sources §9（[S] 其中高级工以上不少于30%）'),
  ('national_studio', 'lead_level', '', 'lead_level', '', 2, '', '领办人具有技师及以上等级', 'domain-sources §9（[S] 国家级技能大师工作室领办人为高技能领军人才）'),
  ('national_studio', 'area', '', 'fact_min', 'area_m2', 60, '', '工作室场地不少于 60 平方米', 'domain-sources §9（[S] 场地不少于60平方米）'),
  ('national_studio', 'budget_share', '', 'fact_min', 'high_skill_budget_pct', 50, '', '高技能人才培训经费占比不低于 50%', 'domain-sources §9（[S] 培训经费50%以上用于高技能人才培训）'),
  ('provincial_studio', 'lead_level', '', 'lead_level', '', 2, '', '领办人具有技师及以上等级', '种子 003 §10（技能大师工作室）；等级要求 [GAP]，同国家级'),
  ('provincial_studio', 'area', '', 'fact_min', 'area_m2', 60, '', '工作室场地不少于 60 平方米', 'domain-sources §9（[S]），省级沿用 [GAP]'),
  ('qilu_workstation', 'lead_level', '', 'lead_level', '', 2, '', '领办人为高技能领军人才（技师及以上）', '种子 003 §8：依托……高技能领军人才以及……技能大师'),
  ('innovation_studio', 'lead_honour', '', 'lead_honour', '', 0, '齐鲁大工匠|齐鲁工匠', '由“齐鲁大工匠”或“齐鲁工匠”领衔', '种子 003 §10：对“齐鲁大工匠”“齐鲁工匠”领衔创建的“劳模和工匠人才创新工作室”'),
  ('quality_school', 'school', '', 'applicant_type', '', 0, 'technical_school', '申报单位为技工院校', '种子 003 §7：实施技工教育优质校建设工程'),
  ('quality_major', 'school', '', 'applicant_type', '', 0, 'technical_school', '申报单位为技工院校', '种子 003 §7：遴选建设30个左右优质专业（群）');

-- platform_grants: the grant of a type and grade (grade '' the type's only one; worldskills_base key /
-- ordinary; innovation_studio by its leader's honour: honour names the title the lead must hold). floor 1:
-- the amount is a minimum (不低于) the province may exceed at 立项; amount_fen NULL: the seeds say none
-- ([GAP]: the province names the amount at 立项). state_fen: money from the state outside the province's
-- ledger (shown, never posted).
CREATE TABLE platform_grants (
  type_code   TEXT NOT NULL REFERENCES platform_types(code),
  grade       TEXT NOT NULL DEFAULT '',
  name        TEXT NOT NULL,
  amount_fen  {{INT}} CHECK (amount_fen IS NULL OR amount_fen >= 0),
  floor       {{INT}} NOT NULL DEFAULT 0,
  state_fen   {{INT}} NOT NULL DEFAULT 0,
  honour      TEXT NOT NULL DEFAULT '',
  source      TEXT NOT NULL,
  PRIMARY KEY (type_code, grade)
);
INSERT INTO platform_grants (type_code, grade, name, amount_fen, floor, state_fen, honour, source) VALUES
  ('national_base', '', '国家级高技能人才培训基地建设补助', NULL, 0, 0, '', '[GAP] 种子未给出省级补助金额'),
  ('national_studio', '', '国家级技能大师工作室省级奖补', 10000000, 1, 10000000, '', '种子 003 §15：国家给予10万元建设补助资金基础上，根据绩效考核情况给予不低于10万元的奖补资金'),
  ('provincial_studio', '', '省级技能大师工作室建设补助', NULL, 0, 0, '', '[GAP] 种子未给出金额'),
  ('qilu_workstation', '', '齐鲁技能大师特色工作站建设补助', 20000000, 0, 0, '', '种子 003 §8：每个工作站给予20万元建设补助资金'),
  ('innovation_studio', 'great', '齐鲁大工匠领衔创新工作室创新资金', 30000000, 0, 0, '齐鲁大工匠', '种子 003 §10：给予一次性30万元……创新资金资助'),
  ('innovation_studio', 'craftsman', '齐鲁工匠领衔创新工作室创新资金', 5000000, 0, 0, '齐鲁工匠', '种子 003 §10：……5万元创新资金资助'),
  ('public_training_base', '', '公共实训基地建设补助', NULL, 0, 0, '', '[GAP] 种子未给出金额'),
  ('worldskills_base', 'key', '世界技能大赛省级重点集训基地建设补助', 500000000, 0, 0, '', '种子 003 §21：省级重点集训基地……给予500万元'),
  ('worldskills_base', 'ordinary', '世界技能大赛省级集训基地建设补助', 200000000, 0, 0, '', '种子 003 §21：省级集训基地给予200万元'),
  ('quality_school', '', '技工教育优质校建设补助', 500000000, 0, 0, '', '种子 003 §7：每所学校给予500万元的建设补助资金'),
  ('quality_major', '', '优质专业(群)建设补助', 200000000, 0, 0, '', '种子 003 §7：每个专业（群）给予200万元的建设补助资金');

-- platform_fund_sources: where a tranche's money comes from (资金来源; issue 24, seed 003 资金保障)
CREATE TABLE platform_fund_sources (
  code     TEXT PRIMARY KEY,
  name     TEXT NOT NULL,
  source   TEXT NOT NULL,
  position {{INT}} NOT NULL DEFAULT 0
);
INSERT INTO platform_fund_sources (code, name, source, position) VALUES
  ('employment_subsidy', '就业补助资金', 'issue 24; 种子 003 资金保障（就业补助资金）', 1),
  ('unemployment_insurance', '失业保险基金', 'issue 24; 种子 003 资金保障（失业保险基金支持技能提升）', 2),
  ('special_training', '专项培训资金', 'issue 24（职业技能提升行动专账资金）', 3),
  ('staff_education', '职工教育经费', 'issue 24; 种子 003（企业职工教育经费用于技能人才培训）', 4);

-- platform_indicators: the yearly 绩效考核's indicators (types '*' all, or '|'-separated codes). measure:
-- activity:KIND (the activity log's count of that kind in the year), certificates (certificates the
-- platform's institution issued in the year), apprentice_certificates (certificates in the year of persons
-- the platform mentored: its apprentice activities' persons), honours (honours awarded in the year to
-- persons employed by the institution: competitions' 技术能手, 工匠 …). target and weight: [GAP] defaults.
CREATE TABLE platform_indicators (
  code       TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  types      TEXT NOT NULL DEFAULT '*',
  measure    TEXT NOT NULL,
  target     {{INT}} NOT NULL CHECK (target > 0),
  weight     {{INT}} NOT NULL CHECK (weight > 0),
  source     TEXT NOT NULL,
  position   {{INT}} NOT NULL DEFAULT 0
);
INSERT INTO platform_indicators (code, name, types, measure, target, weight, source, position) VALUES
  ('apprentices', '带徒传技人数', '*', 'activity:apprentice', 5, 25, '种子 003 §8：开展带徒传技……活动；目标值、权重 [GAP]', 1),
  ('apprentice_certs', '徒弟取证（晋级）人数', '*', 'apprentice_certificates', 3, 20, '种子 000/001：培养高技能人才；目标值、权重 [GAP]', 2),
  ('tackles', '技能攻关项目', '*', 'activity:tackle', 2, 15, '种子 003 §8：技能攻关；目标值、权重 [GAP]', 3),
  ('heritage', '技艺传承活动', '*', 'activity:heritage', 2, 10, '种子 003 §8：技艺传承；目标值、权重 [GAP]', 4),
  ('promotion', '技能推广活动', '*', 'activity:promotion', 2, 10, '种子 003 §8：技能推广；目标值、权重 [GAP]', 5),
  ('patents', '专利', '*', 'activity:patent', 1, 10, '种子 004：徐海工作室申报专利56项、发明17项；目标值、权重 [GAP]', 6),
  ('certificates', '培训取证人数', 'national_base|public_training_base|quality_school|quality_major|worldskills_base', 'certificates', 100, 10, '种子 000/001（培训基地培养技能人才）；目标值、权重 [GAP]', 7),
  ('honours', '竞赛获奖与荣誉', '*', 'honours', 1, 10, '种子 004：建成……平台载体……累计培育全国技术能手等国家级技能人才（依托单位职工当年获得的竞赛荣誉、技术能手、工匠称号）；目标值、权重 [GAP]', 8);

-- platform_calls: the yearly call (申报通知) with its window (opens_on..closes_on), experts (min_experts
-- scores each application needs), 公示 days (working days) and state
CREATE TABLE platform_calls (
  id              {{ID}},
  year            {{INT}} NOT NULL,
  title           TEXT NOT NULL,
  opens_on        TEXT NOT NULL,
  closes_on       TEXT NOT NULL,
  min_experts     {{INT}} NOT NULL DEFAULT 3 CHECK (min_experts BETWEEN 1 AND 15),
  publicity_days  {{INT}} NOT NULL DEFAULT 5 CHECK (publicity_days BETWEEN 1 AND 30),
  publicity_until TEXT NOT NULL DEFAULT '',
  status          TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','reviewing','publicity','established','cancelled')),
  created_by      {{INT}} REFERENCES users(id),
  created_at      {{INT}} NOT NULL,
  updated_at      {{INT}} NOT NULL
);
CREATE INDEX platform_calls_year ON platform_calls(year);
-- the types a call invites, with the places of each
CREATE TABLE platform_call_types (
  call_id   {{INT}} NOT NULL REFERENCES platform_calls(id),
  type_code TEXT NOT NULL REFERENCES platform_types(code),
  places    {{INT}} NOT NULL CHECK (places > 0),
  PRIMARY KEY (call_id, type_code)
);
-- the cities' quotas of recommendations in a call (region_code: the city's 4-digit prefix)
CREATE TABLE platform_call_quotas (
  call_id     {{INT}} NOT NULL REFERENCES platform_calls(id),
  region_code TEXT NOT NULL,
  quota       {{INT}} NOT NULL CHECK (quota >= 0),
  PRIMARY KEY (call_id, region_code)
);
-- the call's expert panel: examiner accounts that score independently
CREATE TABLE platform_call_experts (
  call_id {{INT}} NOT NULL REFERENCES platform_calls(id),
  user_id {{INT}} NOT NULL REFERENCES users(id),
  PRIMARY KEY (call_id, user_id)
);

-- platform_applications: an institution's application in a call; decision: the conditions' check (JSON);
-- facts: the declared facts (JSON); status submitted → recommended (the city, within its quota) | returned
-- (the city, with its opinion) → selected | not_selected (ranked after review) → established (立项)
CREATE TABLE platform_applications (
  id             {{ID}},
  call_id        {{INT}} NOT NULL REFERENCES platform_calls(id),
  type_code      TEXT NOT NULL REFERENCES platform_types(code),
  grade          TEXT NOT NULL DEFAULT '',
  institution_id {{INT}} NOT NULL REFERENCES institutions(id),
  region_code    TEXT NOT NULL,
  name           TEXT NOT NULL,
  lead_person_id {{INT}} REFERENCES persons(id),
  facts          TEXT NOT NULL DEFAULT '{}',
  decision       TEXT NOT NULL DEFAULT '{}',
  status         TEXT NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted','recommended','returned','selected','not_selected','established')),
  city_opinion   TEXT NOT NULL DEFAULT '',
  recommended_at {{INT}} NOT NULL DEFAULT 0,
  score_x100     {{INT}},
  rank           {{INT}},
  submitted_by   {{INT}} REFERENCES users(id),
  created_at     {{INT}} NOT NULL,
  updated_at     {{INT}} NOT NULL
);
CREATE INDEX platform_applications_call ON platform_applications(call_id, status);
CREATE INDEX platform_applications_region ON platform_applications(region_code);
CREATE UNIQUE INDEX platform_applications_once ON platform_applications(call_id, type_code, institution_id, name);
-- one expert's independent score of an application (0..100), never changed
CREATE TABLE platform_scores (
  application_id {{INT}} NOT NULL REFERENCES platform_applications(id),
  expert_id      {{INT}} NOT NULL REFERENCES users(id),
  score          {{INT}} NOT NULL CHECK (score BETWEEN 0 AND 100),
  comment        TEXT NOT NULL DEFAULT '',
  created_at     {{INT}} NOT NULL,
  PRIMARY KEY (application_id, expert_id)
);

-- platforms: a project after 立项 (one per established application); grant_fen the grant decided at 立项;
-- status established → accepted (验收) | revoked (撤销, with the reason and the recovered sum)
CREATE TABLE platforms (
  id             {{ID}},
  application_id {{INT}} NOT NULL UNIQUE REFERENCES platform_applications(id),
  type_code      TEXT NOT NULL REFERENCES platform_types(code),
  grade          TEXT NOT NULL DEFAULT '',
  institution_id {{INT}} NOT NULL REFERENCES institutions(id),
  region_code    TEXT NOT NULL,
  name           TEXT NOT NULL,
  lead_person_id {{INT}} REFERENCES persons(id),
  year           {{INT}} NOT NULL,
  grant_fen      {{INT}} NOT NULL CHECK (grant_fen >= 0),
  established_on TEXT NOT NULL,
  status         TEXT NOT NULL DEFAULT 'established' CHECK (status IN ('established','accepted','revoked')),
  closed_on      TEXT NOT NULL DEFAULT '',
  close_reason   TEXT NOT NULL DEFAULT '',
  recovered_fen  {{INT}} NOT NULL DEFAULT 0,
  created_at     {{INT}} NOT NULL,
  updated_at     {{INT}} NOT NULL
);
CREATE INDEX platforms_region ON platforms(region_code);
CREATE INDEX platforms_institution ON platforms(institution_id);
-- a grant's tranche (分期拨付): proposed by the province, approved or withheld by 财政 (co-approval), paid
-- by the province into the ledger (accrue + pay entries from fund:platform:SOURCE)
CREATE TABLE platform_tranches (
  id            {{ID}},
  platform_id   {{INT}} NOT NULL REFERENCES platforms(id),
  seq           {{INT}} NOT NULL,
  amount_fen    {{INT}} NOT NULL CHECK (amount_fen > 0),
  fund_source   TEXT NOT NULL REFERENCES platform_fund_sources(code),
  note          TEXT NOT NULL DEFAULT '',
  status        TEXT NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed','approved','withheld','paid')),
  finance_by    {{INT}} REFERENCES users(id),
  finance_note  TEXT NOT NULL DEFAULT '',
  finance_at    {{INT}} NOT NULL DEFAULT 0,
  accrue_entry  {{INT}},
  pay_entry     {{INT}},
  paid_at       {{INT}} NOT NULL DEFAULT 0,
  created_at    {{INT}} NOT NULL,
  UNIQUE (platform_id, seq)
);
CREATE INDEX platform_tranches_status ON platform_tranches(status);
-- the activity log (带徒传技 apprentice, 技能攻关 tackle, 技艺传承 heritage, 技能推广 promotion, 专利 patent);
-- person_id: the apprentice (apprentice activities)
CREATE TABLE platform_activities (
  id          {{ID}},
  platform_id {{INT}} NOT NULL REFERENCES platforms(id),
  kind        TEXT NOT NULL CHECK (kind IN ('apprentice','tackle','heritage','promotion','patent')),
  occurred_on TEXT NOT NULL,
  title       TEXT NOT NULL,
  quantity    {{INT}} NOT NULL DEFAULT 1 CHECK (quantity BETWEEN 1 AND 100000),
  person_id   {{INT}} REFERENCES persons(id),
  created_by  {{INT}} REFERENCES users(id),
  created_at  {{INT}} NOT NULL
);
CREATE INDEX platform_activities_platform ON platform_activities(platform_id, occurred_on);
-- a yearly 绩效考核: each indicator's value, the score and the result (one per platform and year)
CREATE TABLE platform_appraisals (
  id          {{ID}},
  platform_id {{INT}} NOT NULL REFERENCES platforms(id),
  year        {{INT}} NOT NULL,
  indicators  TEXT NOT NULL,
  score       {{INT}} NOT NULL,
  passed      {{INT}} NOT NULL,
  created_by  {{INT}} REFERENCES users(id),
  created_at  {{INT}} NOT NULL,
  UNIQUE (platform_id, year)
);
-- a revocation's recovery (追回) per fund source: the ledger's recover entry
CREATE TABLE platform_recoveries (
  id            {{ID}},
  platform_id   {{INT}} NOT NULL REFERENCES platforms(id),
  fund_source   TEXT NOT NULL REFERENCES platform_fund_sources(code),
  amount_fen    {{INT}} NOT NULL CHECK (amount_fen > 0),
  reason        TEXT NOT NULL,
  recover_entry {{INT}} NOT NULL,
  created_at    {{INT}} NOT NULL
);
