-- 040 (given 038; the next free number at landing): 贯通 (issue 22 item 5; docs/DOMAIN.md "贯通"): skill levels ↔ professional titles across the title
-- series (职称系列), the rules per series as data, a person's titles with their source, the yearly appraisals
-- the rules count, and the applications with the city's and the province's review.

-- title_series: the series 贯通 covers. Seed 000 counts 8 (工程, 农业, 工艺美术, 技工院校 and four it does not
-- name: [GAP], the province adds them). The rank names are the series' own (工程 names them in seed 000 and
-- DOMAIN.md §9); '' means the generic rank label (初级 / 中级 / 副高级 / 正高级职称 (series)).
CREATE TABLE title_series (
  code          TEXT PRIMARY KEY,
  name          TEXT NOT NULL,
  rank1_name    TEXT NOT NULL DEFAULT '',
  rank2_name    TEXT NOT NULL DEFAULT '',
  rank3_name    TEXT NOT NULL DEFAULT '',
  rank4_name    TEXT NOT NULL DEFAULT '',
  source        TEXT NOT NULL,
  active        {{INT}} NOT NULL DEFAULT 1,
  position      {{INT}} NOT NULL,
  updated_at    {{INT}} NOT NULL DEFAULT 0
);
INSERT INTO title_series (code, name, rank1_name, rank2_name, rank3_name, rank4_name, source, position) VALUES
  ('engineering', '工程系列', '助理工程师', '工程师', '高级工程师', '正高级工程师',
   '种子 000：从工程技术领域开始，符合条件的高技能人才可直接横向申报相应层次的工程师、高级工程师、正高级工程师', 1),
  ('agriculture', '农业系列', '', '', '', '', '种子 000：贯通互评领域已经扩大到农业、工艺美术、技工院校等8个职称系列', 2),
  ('arts_crafts', '工艺美术系列', '', '', '', '', '种子 000：贯通互评领域已经扩大到农业、工艺美术、技工院校等8个职称系列', 3),
  ('tech_school', '技工院校教师系列', '', '', '', '', '种子 000：贯通互评领域已经扩大到农业、工艺美术、技工院校等8个职称系列', 4);

-- title_rules: one way across per row (core/titles.h): skill_to_title (from_level held `years` full years
-- with `appraisal_years` passed yearly appraisals → to_rank), green_channel (an honour of kind `honour`,
-- person_honours.kind → to_rank), title_to_level (a title of from_rank or higher held `years` → to_level).
-- Seeded for 工程 (seed 000, DOMAIN.md §9; the green channel seed 001; the reverse DOMAIN.md §3); other
-- series' rules are the province's data.
CREATE TABLE title_rules (
  id              {{ID}},
  series          TEXT NOT NULL REFERENCES title_series(code),
  kind            TEXT NOT NULL CHECK (kind IN ('skill_to_title','green_channel','title_to_level')),
  from_level      {{INT}} NOT NULL DEFAULT 0,
  from_rank       {{INT}} NOT NULL DEFAULT 0,
  years           {{INT}} NOT NULL DEFAULT 0,
  appraisal_years {{INT}} NOT NULL DEFAULT 0,
  honour          TEXT NOT NULL DEFAULT '',
  honour_name     TEXT NOT NULL DEFAULT '',
  to_rank         {{INT}} NOT NULL DEFAULT 0,
  to_level        {{INT}} NOT NULL DEFAULT 0,
  source          TEXT NOT NULL,
  active          {{INT}} NOT NULL DEFAULT 1,
  created_at      {{INT}} NOT NULL DEFAULT 0,
  updated_at      {{INT}} NOT NULL DEFAULT 0
);
CREATE INDEX title_rules_series ON title_rules(series, kind);
INSERT INTO title_rules (series, kind, from_level, from_rank, years, appraisal_years, honour, honour_name, to_rank, to_level, source) VALUES
  ('engineering', 'skill_to_title', 3, 0, 2, 3, '', '', 1, 0, '种子 000 贯通互评；DOMAIN.md §9：高级工 + 2 年 → 助理工程师，近 3 年年度考核合格'),
  ('engineering', 'skill_to_title', 2, 0, 3, 3, '', '', 2, 0, '种子 000 贯通互评；DOMAIN.md §9：技师 + 3 年 → 工程师，近 3 年年度考核合格'),
  ('engineering', 'skill_to_title', 1, 0, 4, 3, '', '', 3, 0, '种子 000 贯通互评；DOMAIN.md §9：高级技师 + 4 年 → 高级工程师，近 3 年年度考核合格'),
  ('engineering', 'green_channel', 0, 0, 0, 0, 'china_skill_award', '中华技能大奖', 4, 0, '种子 001：中华技能大奖获得者可直接申报正高级职称'),
  ('engineering', 'green_channel', 0, 0, 0, 0, 'worldskills_gold', '世界技能大赛金牌', 4, 0, '种子 001：世界技能大赛金牌选手可直接申报正高级职称'),
  ('engineering', 'title_to_level', 0, 1, 1, 0, '', '', 0, 3, 'DOMAIN.md §3 申报条件（2023）：初级职称 + 1 年 → 三级'),
  ('engineering', 'title_to_level', 0, 2, 1, 0, '', '', 0, 2, 'DOMAIN.md §3 申报条件（2023）：中级职称 + 1 年 → 二级'),
  ('engineering', 'title_to_level', 0, 3, 1, 0, '', '', 0, 1, 'DOMAIN.md §3 申报条件（2023）：高级职称 + 1 年 → 一级');

-- person_titles (001) gains the series, the rank (1 初级/助理 .. 4 正高; grade stays the 申报条件 grade),
-- where the record comes from, and the 贯通 application that granted it
ALTER TABLE person_titles ADD COLUMN series TEXT NOT NULL DEFAULT '';
ALTER TABLE person_titles ADD COLUMN title_rank {{INT}} NOT NULL DEFAULT 0;
ALTER TABLE person_titles ADD COLUMN source TEXT NOT NULL DEFAULT '';
ALTER TABLE person_titles ADD COLUMN application_id {{INT}};

-- person_appraisals: the yearly appraisal (年度考核) an employer gives, imported with its source
CREATE TABLE person_appraisals (
  id          {{ID}},
  person_id   {{INT}} NOT NULL REFERENCES persons(id),
  year        {{INT}} NOT NULL,
  result      TEXT NOT NULL CHECK (result IN ('excellent','passed','basic','failed')),
  employer    TEXT NOT NULL DEFAULT '',
  source      TEXT NOT NULL,
  imported_by {{INT}},
  created_at  {{INT}} NOT NULL
);
CREATE UNIQUE INDEX person_appraisals_year ON person_appraisals(person_id, year);

-- person_honours: the table of 039_talent_card.sql (惠才卡), which the green channel reads — created here only
-- where it does not exist, with the same columns (a database migrated in either order has one table)
CREATE TABLE IF NOT EXISTS person_honours (
  id          {{ID}},
  person_id   {{INT}} NOT NULL REFERENCES persons(id),
  kind        TEXT NOT NULL,
  title       TEXT NOT NULL,
  awarded_on  TEXT NOT NULL DEFAULT '',
  source      TEXT NOT NULL,
  imported_by {{INT}},
  created_at  {{INT}} NOT NULL
);
CREATE INDEX IF NOT EXISTS person_honours_person ON person_honours(person_id);
CREATE UNIQUE INDEX IF NOT EXISTS person_honours_one ON person_honours(person_id, kind, title);

-- title_applications: a person's 贯通 application, checked by the rule engine at filing (decision: its
-- explanation, JSON), reviewed by the person's city (推荐) and decided by the province (core/title_flow.c).
-- title_id: the title record an approved skill_to_title / green_channel application made.
CREATE TABLE title_applications (
  id              {{ID}},
  person_id       {{INT}} NOT NULL REFERENCES persons(id),
  region_code     TEXT NOT NULL,
  kind            TEXT NOT NULL CHECK (kind IN ('skill_to_title','green_channel','title_to_level')),
  series          TEXT NOT NULL REFERENCES title_series(code),
  to_rank         {{INT}} NOT NULL DEFAULT 0,
  to_level        {{INT}} NOT NULL DEFAULT 0,
  occupation_code TEXT NOT NULL DEFAULT '',
  honour          TEXT NOT NULL DEFAULT '',
  rule_id         {{INT}} REFERENCES title_rules(id),
  status          TEXT NOT NULL,
  decision        TEXT NOT NULL,
  city_opinion    TEXT NOT NULL DEFAULT '',
  province_opinion TEXT NOT NULL DEFAULT '',
  title_id        {{INT}} REFERENCES person_titles(id),
  applied_on      TEXT NOT NULL,
  decided_on      TEXT NOT NULL DEFAULT '',
  created_at      {{INT}} NOT NULL,
  updated_at      {{INT}} NOT NULL
);
CREATE INDEX title_applications_person ON title_applications(person_id);
CREATE INDEX title_applications_region ON title_applications(region_code, status);
-- one live application per person and target
CREATE UNIQUE INDEX title_applications_live ON title_applications(person_id, kind, series, to_rank, to_level, occupation_code)
  WHERE status IN ('submitted','recommended');
