-- 060: 就业服务（续）and 产教评 chains (issue 23 item 6 remainder; docs/DOMAIN.md §63; src/svc/cultivation/demand.c,
-- chains.c). Job demand (the statistics domain's job_postings, 051) answered by a training class (024) or an
-- 订单班 (052) with the places each pledges to a posting; the rules of answering as data; 产教评 技能生态链 led by a
-- 链主企业 with members in roles as data.

-- demand_rules: what a class or an 订单班 must meet to answer a posting. The seeds name the model ("岗位需求+技能
-- 培训+评价认证+就业服务"四位一体, seed 001) and no rule: every value is a [GAP] default the province changes.
CREATE TABLE demand_rules (
  key       TEXT PRIMARY KEY,
  value     {{INT}} NOT NULL,
  min_value {{INT}} NOT NULL,
  max_value {{INT}} NOT NULL,
  name_zh   TEXT NOT NULL,
  source    TEXT NOT NULL,
  updated_by {{INT}},
  updated_at {{INT}} NOT NULL DEFAULT 0
);
INSERT INTO demand_rules (key, value, min_value, max_value, name_zh, source) VALUES
  ('match_occupation', 1, 0, 1, '培训职业须与岗位职业一致（1 是，0 否）', '[GAP] 默认值（种子未给出）：以需定培，培训对口岗位'),
  ('same_city', 1, 0, 1, '岗位工作地须在开班机构所在市（1 是，0 全省）', '[GAP] 默认值（种子未给出）'),
  ('cover_max_pct', 100, 10, 500, '一个岗位承诺名额合计上限（占招聘人数的 %）', '[GAP] 默认值 100%（种子未给出）：不超出需求培训');

-- demand_answers: one posting answered by one training class or 订单班, with the places the class pledges to it.
-- institution_id: the class's training institution or the 订单班's school; region_code: that institution's;
-- opened_by: 'bureau' (the province or the city) or 'institution'. target_id is a training_classes row
-- (target_kind class) or a cult_order_classes row (order_class): checked by the use case.
CREATE TABLE demand_answers (
  id             {{ID}},
  posting_id     {{INT}} NOT NULL REFERENCES job_postings(id),
  target_kind    TEXT NOT NULL CHECK (target_kind IN ('class','order_class')),
  target_id      {{INT}} NOT NULL,
  institution_id {{INT}} NOT NULL REFERENCES institutions(id),
  region_code    TEXT NOT NULL,
  places         {{INT}} NOT NULL CHECK (places > 0),
  opened_by      TEXT NOT NULL CHECK (opened_by IN ('bureau','institution')),
  created_by     {{INT}} NOT NULL,
  created_at     {{INT}} NOT NULL,
  UNIQUE (posting_id, target_kind, target_id)
);
CREATE INDEX demand_answers_target ON demand_answers(target_kind, target_id);
CREATE INDEX demand_answers_inst ON demand_answers(institution_id);

-- chain_roles: the roles of a chain's members as data: the lead (链主企业), schools, training institutions,
-- evaluation institutions, partner enterprises; `types` the institution types (001_foundation) a role admits.
-- Seed 001: "以链主企业为主导，创新构建集技能培训、技能评价、激励保障和就业服务于一体的'产教评'技能生态链".
CREATE TABLE chain_roles (
  code    TEXT PRIMARY KEY,
  name_zh TEXT NOT NULL,
  types   TEXT NOT NULL,
  sort    {{INT}} NOT NULL,
  source  TEXT NOT NULL
);
INSERT INTO chain_roles (code, name_zh, types, sort, source) VALUES
  ('lead', '链主企业', 'employer', 1, '种子 001：以链主企业为主导'),
  ('school', '院校', 'technical_school,university', 2, '种子 001：产教评（教：院校培养）；002：推进技能人才链与产业链、创新链、教育链有机融合'),
  ('training', '培训机构', 'training,social_org', 3, '种子 001：集技能培训……于一体'),
  ('evaluator', '评价机构', 'employer,social_org,technical_school,university', 4, '种子 001：集……技能评价……于一体；002：企业、社会培训评价组织、院校评价机构'),
  ('enterprise', '成员企业', 'employer', 5, '种子 001：产教评（产：产业链企业）；[GAP] 链上配套企业的范围种子未给出');

-- skill_chains: a 产教评 技能生态链: name, industry, the lead (an employer), the lead's region (the chain's city);
-- created by the province or the lead's city.
CREATE TABLE skill_chains (
  id          {{ID}},
  name        TEXT NOT NULL UNIQUE,
  industry    TEXT NOT NULL,
  lead_id     {{INT}} NOT NULL REFERENCES institutions(id),
  region_code TEXT NOT NULL,
  note        TEXT NOT NULL DEFAULT '',
  created_by  {{INT}} NOT NULL,
  created_at  {{INT}} NOT NULL,
  updated_at  {{INT}} NOT NULL
);
CREATE INDEX skill_chains_region ON skill_chains(region_code);

-- skill_chain_members: one role per institution and chain (the lead is the member of role lead)
CREATE TABLE skill_chain_members (
  chain_id       {{INT}} NOT NULL REFERENCES skill_chains(id),
  institution_id {{INT}} NOT NULL REFERENCES institutions(id),
  role           TEXT NOT NULL REFERENCES chain_roles(code),
  joined_on      TEXT NOT NULL,
  added_by       {{INT}} NOT NULL,
  PRIMARY KEY (chain_id, institution_id)
);
CREATE INDEX skill_chain_members_inst ON skill_chain_members(institution_id);
