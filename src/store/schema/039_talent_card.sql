-- 039 (given 037; 037 and 038 went to the statistics counters and competition marking, 039 is the next free number): 山东惠才卡 (issue 22 item 4; docs/DOMAIN.md "山东惠才卡"): honours on the talent record, the card's
-- eligibility categories and green-channel services as data, the application through 单位专员 → 用人单位 →
-- 同级人社部门 → 省高层次人才服务窗口 with a deadline per step, the issued card (an SM2-signed payload),
-- service providers with their own keys, and the uses they record.

-- person_honours: honours of a person imported onto the talent record with their source (大国工匠,
-- 齐鲁(大)工匠, 齐鲁技能大奖, 山东省技术技能大师, 中华技能大奖, 全国技术能手 ...). kind is a short code the
-- card categories (and 贯通's green channel) match against; title is the honour as awarded. The first table
-- of honours: other parts of issue 22 (selections, 贯通) read and add to it.
CREATE TABLE person_honours (
  id          {{ID}},
  person_id   {{INT}} NOT NULL REFERENCES persons(id),
  kind        TEXT NOT NULL,
  title       TEXT NOT NULL,
  awarded_on  TEXT NOT NULL DEFAULT '',
  source      TEXT NOT NULL,
  imported_by {{INT}},
  created_at  {{INT}} NOT NULL
);
CREATE INDEX person_honours_person ON person_honours(person_id);
CREATE UNIQUE INDEX person_honours_one ON person_honours(person_id, kind, title);

-- card_categories: who may hold the card. Seeded from seed 003 §18; the province adds further 高技能人才
-- categories (seed 000 says 高技能人才 hold it generally) or ends one (active 0). code = person_honours.kind.
CREATE TABLE card_categories (
  code       TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  source     TEXT NOT NULL,
  active     {{INT}} NOT NULL DEFAULT 1,
  position   {{INT}} NOT NULL,
  updated_at {{INT}} NOT NULL DEFAULT 0
);
INSERT INTO card_categories (code, name, source, position) VALUES
  ('qilu_skill_award', '齐鲁技能大奖获得者', '种子 003 §18：将齐鲁技能大奖获得者……纳入“山东惠才卡”保障范围', 1),
  ('great_craftsman', '大国工匠', '种子 003 §18：将……大国工匠……纳入“山东惠才卡”保障范围', 2),
  ('qilu_craftsman', '齐鲁（大）工匠', '种子 003 §18：将……齐鲁（大）工匠……纳入“山东惠才卡”保障范围', 3),
  ('shandong_master', '山东省技术技能大师', '种子 003 §18：将……山东省技术技能大师纳入“山东惠才卡”保障范围', 4);

-- card_step_terms: the working days each step of the application has (applied: the 单位专员; completed: the
-- employer; approved: the same-level 人社; reviewed: the provincial window). The sources set no terms.
CREATE TABLE card_step_terms (
  state  TEXT PRIMARY KEY,
  days   {{INT}} NOT NULL CHECK (days BETWEEN 1 AND 250),
  source TEXT NOT NULL
);
INSERT INTO card_step_terms (state, days, source) VALUES
  ('applied', 5, '[GAP] 来源未规定单位专员完善信息的时限；默认 5 个工作日'),
  ('completed', 5, '[GAP] 来源未规定用人单位审核的时限；默认 5 个工作日'),
  ('approved', 10, '[GAP] 来源未规定同级人社部门初审的时限；默认 10 个工作日'),
  ('reviewed', 10, '[GAP] 来源未规定省高层次人才服务窗口办理的时限；默认 10 个工作日');

-- card_services: the 29 绿色通道 services (seed 000: 29 项; seed 001: 29 项专属服务). Those the sources name
-- are seeded with their source; the rest are [GAP] rows (gap 1, no name) the province fills.
CREATE TABLE card_services (
  code       TEXT PRIMARY KEY,
  position   {{INT}} NOT NULL UNIQUE,
  name       TEXT NOT NULL DEFAULT '',
  source     TEXT NOT NULL,
  gap        {{INT}} NOT NULL DEFAULT 0,
  updated_at {{INT}} NOT NULL DEFAULT 0
);
INSERT INTO card_services (code, position, name, source, gap) VALUES
  ('s01', 1, '出入境和居留', '种子 000：出入境和居留……等29项绿色通道服务', 0),
  ('s02', 2, '户籍办理', '种子 000：户籍办理', 0),
  ('s03', 3, '住房保障', '种子 000、001：住房保障', 0),
  ('s04', 4, '子女入学', '种子 000：子女入学；种子 001：子女教育', 0),
  ('s05', 5, '医疗保健', '种子 000：医疗保健', 0),
  ('s06', 6, '职称评聘', '种子 001：职称评聘', 0),
  ('s07', 7, '配偶安置', 'domain-sources.md §9（m12333.cn，2024-04-28）：spouse relocation', 0),
  ('s08', 8, '编制', 'domain-sources.md §9（m12333.cn，2024-04-28）：编制', 0),
  ('s09', 9, '岗位聘用', 'domain-sources.md §9（m12333.cn，2024-04-28）：posts', 0),
  ('s10', 10, '薪酬待遇', 'domain-sources.md §9（m12333.cn，2024-04-28）：pay', 0),
  ('s11', 11, '', '[GAP] 来源只给出总数 29 项，本项名称待省级窗口填写', 1),
  ('s12', 12, '', '[GAP] 来源只给出总数 29 项，本项名称待省级窗口填写', 1),
  ('s13', 13, '', '[GAP] 来源只给出总数 29 项，本项名称待省级窗口填写', 1),
  ('s14', 14, '', '[GAP] 来源只给出总数 29 项，本项名称待省级窗口填写', 1),
  ('s15', 15, '', '[GAP] 来源只给出总数 29 项，本项名称待省级窗口填写', 1),
  ('s16', 16, '', '[GAP] 来源只给出总数 29 项，本项名称待省级窗口填写', 1),
  ('s17', 17, '', '[GAP] 来源只给出总数 29 项，本项名称待省级窗口填写', 1),
  ('s18', 18, '', '[GAP] 来源只给出总数 29 项，本项名称待省级窗口填写', 1),
  ('s19', 19, '', '[GAP] 来源只给出总数 29 项，本项名称待省级窗口填写', 1),
  ('s20', 20, '', '[GAP] 来源只给出总数 29 项，本项名称待省级窗口填写', 1),
  ('s21', 21, '', '[GAP] 来源只给出总数 29 项，本项名称待省级窗口填写', 1),
  ('s22', 22, '', '[GAP] 来源只给出总数 29 项，本项名称待省级窗口填写', 1),
  ('s23', 23, '', '[GAP] 来源只给出总数 29 项，本项名称待省级窗口填写', 1),
  ('s24', 24, '', '[GAP] 来源只给出总数 29 项，本项名称待省级窗口填写', 1),
  ('s25', 25, '', '[GAP] 来源只给出总数 29 项，本项名称待省级窗口填写', 1),
  ('s26', 26, '', '[GAP] 来源只给出总数 29 项，本项名称待省级窗口填写', 1),
  ('s27', 27, '', '[GAP] 来源只给出总数 29 项，本项名称待省级窗口填写', 1),
  ('s28', 28, '', '[GAP] 来源只给出总数 29 项，本项名称待省级窗口填写', 1),
  ('s29', 29, '', '[GAP] 来源只给出总数 29 项，本项名称待省级窗口填写', 1);

-- card_providers: the bodies that give a service (a hospital, a school, a housing office); each has its own
-- key, kept as the SM3 hex of the key (crypto/token.h), shown once when made.
CREATE TABLE card_providers (
  id          {{ID}},
  name        TEXT NOT NULL,
  region_code TEXT NOT NULL REFERENCES regions(code),
  key_hash    TEXT NOT NULL UNIQUE,
  key_hint    TEXT NOT NULL,
  active      {{INT}} NOT NULL DEFAULT 1,
  created_by  {{INT}},
  created_at  {{INT}} NOT NULL
);
CREATE TABLE card_provider_services (
  provider_id  {{INT}} NOT NULL REFERENCES card_providers(id),
  service_code TEXT NOT NULL REFERENCES card_services(code),
  PRIMARY KEY (provider_id, service_code)
);

-- card_applications: one application of a person, bound to the employer (the 单位专员 and the employer act
-- on it) and the employer's region (its 人社 office). due_on is the current step's deadline on the
-- working-day calendar; status follows core/card_flow.c. One open application per person.
CREATE TABLE card_applications (
  id            {{ID}},
  person_id     {{INT}} NOT NULL REFERENCES persons(id),
  employer_id   {{INT}} NOT NULL REFERENCES institutions(id),
  region_code   TEXT NOT NULL,
  category_code TEXT NOT NULL REFERENCES card_categories(code),
  honour_id     {{INT}} NOT NULL REFERENCES person_honours(id),
  status        TEXT NOT NULL DEFAULT 'applied'
                CHECK (status IN ('applied','completed','approved','reviewed','issued','refused')),
  step_since    TEXT NOT NULL,
  due_on        TEXT NOT NULL,
  officer_note  TEXT NOT NULL DEFAULT '',
  refused_reason TEXT NOT NULL DEFAULT '',
  created_at    {{INT}} NOT NULL,
  updated_at    {{INT}} NOT NULL
);
CREATE UNIQUE INDEX card_applications_open ON card_applications(person_id)
  WHERE status IN ('applied','completed','approved','reviewed');
CREATE INDEX card_applications_employer ON card_applications(employer_id);
CREATE TABLE card_application_records (
  id             {{ID}},
  application_id {{INT}} NOT NULL REFERENCES card_applications(id),
  from_state     TEXT NOT NULL DEFAULT '',
  to_state       TEXT NOT NULL,
  reason         TEXT NOT NULL DEFAULT '',
  due_on         TEXT NOT NULL DEFAULT '',
  on_day         TEXT NOT NULL,
  overdue        {{INT}} NOT NULL DEFAULT 0,
  actor_id       {{INT}},
  at             {{INT}} NOT NULL
);
CREATE INDEX card_application_records_app ON card_application_records(application_id);

-- talent_cards: the issued card. payload is base64url of the canonical JSON signed (SM2, the province's key
-- kid) as a certificate's QR is; status valid or revoked (the public status look-up answers it).
CREATE TABLE talent_cards (
  id             {{ID}},
  number         TEXT NOT NULL UNIQUE,
  application_id {{INT}} NOT NULL UNIQUE REFERENCES card_applications(id),
  person_id      {{INT}} NOT NULL REFERENCES persons(id),
  employer_id    {{INT}} NOT NULL REFERENCES institutions(id),
  region_code    TEXT NOT NULL,
  category_code  TEXT NOT NULL REFERENCES card_categories(code),
  issued_on      TEXT NOT NULL,
  kid            TEXT NOT NULL,
  payload        TEXT NOT NULL,
  signature      TEXT NOT NULL,
  status         TEXT NOT NULL DEFAULT 'valid' CHECK (status IN ('valid','revoked')),
  revoked_on     TEXT NOT NULL DEFAULT '',
  revoked_reason TEXT NOT NULL DEFAULT '',
  created_at     {{INT}} NOT NULL
);
CREATE UNIQUE INDEX talent_cards_valid ON talent_cards(person_id) WHERE status = 'valid';

-- card_uses: a service given on a card, recorded by the provider with its key
CREATE TABLE card_uses (
  id           {{ID}},
  card_id      {{INT}} NOT NULL REFERENCES talent_cards(id),
  provider_id  {{INT}} NOT NULL REFERENCES card_providers(id),
  service_code TEXT NOT NULL REFERENCES card_services(code),
  note         TEXT NOT NULL DEFAULT '',
  used_at      {{INT}} NOT NULL
);
CREATE INDEX card_uses_card ON card_uses(card_id);
