-- 035 (036 given; 035 was the lowest free number when this landed): 工资价位 (market pay levels of skilled posts; docs/DOMAIN.md §40, src/svc/incentive/README.md).
-- Seed 000: 建立技能岗位工资价位发布机制，连续5年发布50个技能岗位工资价位信息和不同岗位等级工资价位; domain-sources
-- §10: published as 10 / 25 / 50 / 75 / 90 percentiles by occupation and skill level; 《技能人才最低工资分类
-- 参考指引》人社厅发〔2025〕52号: a skilled post's minimum pay is 105 / 120 / 150 / 200 % of the local monthly
-- minimum wage by post class (基础类 / 重要类 / 关键类 / 核心类), each higher level adding a step.
--
-- wage_rules: the numbers of the rules, as data (key, value, Chinese name, source or [GAP]).
CREATE TABLE wage_rules (
  key     TEXT PRIMARY KEY,
  value   {{INT}} NOT NULL CHECK (value >= 0),
  name_zh TEXT NOT NULL,
  source  TEXT NOT NULL
);
INSERT INTO wage_rules (key, value, name_zh, source) VALUES
  ('min_employers', 3, '每个发布单元至少的填报单位数', 'issue 22 第 6 项（披露控制：≥ 3 家单位）；种子未给出阈值 [GAP]'),
  ('min_persons', 10, '每个发布单元至少的样本人数', 'issue 22 第 6 项（披露控制：≥ 10 人）；种子未给出阈值 [GAP]'),
  ('max_share_pct', 50, '单一单位人数占比上限（%）', 'issue 22 第 6 项（披露控制：任一单位不超过 50 %）；种子未给出阈值 [GAP]'),
  ('level_step_pct', 0, '每高一个技能等级最低工资倍数增加的百分点', '人社厅发〔2025〕52号：每提高一个技能等级相应提高一个档次（比例或金额由各地确定）；山东的档差 [GAP]，默认 0');

-- wage_post_classes: 岗位类别 and their minimum-pay multiple of the local monthly minimum wage.
CREATE TABLE wage_post_classes (
  code    TEXT PRIMARY KEY,
  name_zh TEXT NOT NULL,
  min_pct {{INT}} NOT NULL CHECK (min_pct >= 100),
  source  TEXT NOT NULL
);
INSERT INTO wage_post_classes (code, name_zh, min_pct, source) VALUES
  ('basic', '基础类', 105, '《技能人才最低工资分类参考指引》人社厅发〔2025〕52号：基础类岗位不低于当地最低工资标准的 105%'),
  ('important', '重要类', 120, '人社厅发〔2025〕52号：重要类岗位不低于 120%'),
  ('key', '关键类', 150, '人社厅发〔2025〕52号：关键类岗位不低于 150%'),
  ('core', '核心类', 200, '人社厅发〔2025〕52号：核心类岗位不低于 200%');

-- wage_min_wages: the statutory monthly minimum wage of a region (a city, or a county where it differs)
-- from a date, with its source. The seeds give no figures for Shandong: rows are entered by the province
-- with their source ([GAP] until then); a post's check uses the most specific region with a row in force.
CREATE TABLE wage_min_wages (
  region_code    TEXT NOT NULL REFERENCES regions(code),
  effective_from TEXT NOT NULL,
  monthly_fen    {{INT}} NOT NULL CHECK (monthly_fen > 0),
  source         TEXT NOT NULL,
  set_by         {{INT}},
  set_at         {{INT}} NOT NULL,
  PRIMARY KEY (region_code, effective_from)
);

-- wage_posts: the yearly set of skill posts published (seed 000: 50 a year; which 50 is not in the seeds,
-- [GAP]: the province sets them per year), each an occupation with its post class.
CREATE TABLE wage_posts (
  year            {{INT}} NOT NULL,
  occupation_code TEXT NOT NULL REFERENCES occupations(code),
  name            TEXT NOT NULL,
  post_class      TEXT NOT NULL REFERENCES wage_post_classes(code),
  PRIMARY KEY (year, occupation_code)
);

-- wage_submissions: an employer's pay of one person for a year, sealed: the ID number as SM4-GCM text under
-- the field "id_number" with its blind index and mask (as persons'), never published raw; one row per
-- employer, year and person (a file imported again replaces the row). level is the ladder's rank
-- (core/wages.h: 0 学徒工 … 7 首席技师); region_code is the employer's.
CREATE TABLE wage_submissions (
  id              {{ID}},
  year            {{INT}} NOT NULL,
  institution_id  {{INT}} NOT NULL REFERENCES institutions(id),
  region_code     TEXT NOT NULL,
  id_index        TEXT NOT NULL,
  id_sealed       TEXT NOT NULL,
  id_masked       TEXT NOT NULL,
  occupation_code TEXT NOT NULL,
  level           {{INT}} NOT NULL CHECK (level BETWEEN 0 AND 7),
  annual_fen      {{INT}} NOT NULL CHECK (annual_fen > 0),
  created_at      {{INT}} NOT NULL,
  updated_at      {{INT}} NOT NULL,
  UNIQUE (year, institution_id, id_index)
);
CREATE INDEX wage_submissions_year_region ON wage_submissions(year, region_code);

-- wage_publications: one publication of a year by a bureau (region_code 370000 the province, or a city):
-- the rules it applied (copied), its counts; a later publication of the same year and region supersedes it.
CREATE TABLE wage_publications (
  id             {{ID}},
  year           {{INT}} NOT NULL,
  region_code    TEXT NOT NULL REFERENCES regions(code),
  state          TEXT NOT NULL CHECK (state IN ('published','superseded')),
  min_employers  {{INT}} NOT NULL,
  min_persons    {{INT}} NOT NULL,
  max_share_pct  {{INT}} NOT NULL,
  records        {{INT}} NOT NULL,
  cells          {{INT}} NOT NULL,
  suppressed     {{INT}} NOT NULL,
  published_by   {{INT}},
  published_at   {{INT}} NOT NULL
);
CREATE INDEX wage_publications_year ON wage_publications(year, region_code, state);

-- wage_cells: the cells of a publication: the publisher's whole region and each region below it (cities of
-- the province, counties of a city) by post (occupation) and level. A suppressed cell keeps its counts for
-- the bureau and no figures; suppressed lists its reasons (few_employers, few_persons, dominant_employer).
-- prev_p50 is the median of the same cell in the previous year's publication of the same region, when it
-- was published.
CREATE TABLE wage_cells (
  publication_id  {{INT}} NOT NULL REFERENCES wage_publications(id),
  region_code     TEXT NOT NULL,
  occupation_code TEXT NOT NULL,
  level           {{INT}} NOT NULL,
  persons         {{INT}} NOT NULL,
  employers       {{INT}} NOT NULL,
  largest         {{INT}} NOT NULL,
  suppressed      TEXT NOT NULL DEFAULT '',
  p10             {{INT}},
  p25             {{INT}},
  p50             {{INT}},
  p75             {{INT}},
  p90             {{INT}},
  prev_p50        {{INT}},
  PRIMARY KEY (publication_id, region_code, occupation_code, level)
);
