-- 062: 专项职业能力开发 and 新职业信息征集 (issue 24 item 5; docs/DOMAIN.md §66). A proposal of a 专项职业能力
-- 考核项目 (by a city, a school or an enterprise) with its draft 考核规范 → expert review by a panel (回避,
-- independent scores, as the platform panels of §56) → publication into the versioned catalogue
-- (《山东省专项职业能力考核项目目录（2024年版）》), which adds the item to the occupation registry (kind
-- special) so institutions can file it and assess it; city brands as data; new-occupation proposals tracked
-- to their adoption in the 职业分类大典.

-- special_brands: the 专项职业能力 brands (seed 002: the province's 鲁滋鲁味 and 鲁艺鲁品, 济宁's 儒韵风味)
CREATE TABLE special_brands (
  code        TEXT PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  region_code TEXT NOT NULL,                     -- regions are loaded after the migrations: no foreign key
  source      TEXT NOT NULL
);
INSERT INTO special_brands (code, name, region_code, source) VALUES
  ('luzi', '鲁滋鲁味', '370000', '种子 002：培育“鲁滋鲁味”“鲁艺鲁品”专项职业能力品牌'),
  ('luyi', '鲁艺鲁品', '370000', '种子 002：培育“鲁滋鲁味”“鲁艺鲁品”专项职业能力品牌'),
  ('ruyun', '儒韵风味', '370800', '种子 002：泗水火烧制作、孟府菜制作、孔府糕点、鲜鱼丸制作等17个项目叫响了济宁市“儒韵风味”专项职业能力品牌');

-- special_settings: the review's defaults (one row). pass_score and min_experts are [GAP] (the seeds set no
-- review rule for 考核规范): 60 of 100 and 3 experts, the province's to change per review
CREATE TABLE special_settings (
  id          {{INT}} PRIMARY KEY CHECK (id = 1),
  pass_score  {{INT}} NOT NULL CHECK (pass_score BETWEEN 1 AND 100),
  min_experts {{INT}} NOT NULL CHECK (min_experts BETWEEN 1 AND 15)
);
INSERT INTO special_settings (id, pass_score, min_experts) VALUES (1, 60, 3);

-- special_catalogues: the versions of the catalogue, one per year (“2024年版”)
CREATE TABLE special_catalogues (
  year       {{INT}} PRIMARY KEY,
  title      TEXT NOT NULL,
  created_at {{INT}} NOT NULL
);
INSERT INTO special_catalogues (year, title, created_at) VALUES (2024, '山东省专项职业能力考核项目目录（2024年版）', 0);

-- special_proposals: a 专项职业能力考核项目 proposal (003 §13 开发征集) and its draft 考核规范 (spec: JSON
-- {target, modules:[{name, content}], method, minutes, venue}); the proposer is a city bureau (institution
-- NULL) or an enterprise / school (institution_id); region: the proposer's city or the institution's region
CREATE TABLE special_proposals (
  id             {{ID}},
  name           TEXT NOT NULL,
  field          TEXT NOT NULL CHECK (field IN ('local_industry','rural_revitalization','new_business','new_industry','intangible_heritage')),
  brand_code     TEXT REFERENCES special_brands(code),
  institution_id {{INT}} REFERENCES institutions(id),
  region_code    TEXT NOT NULL,
  reason         TEXT NOT NULL DEFAULT '',
  spec           TEXT NOT NULL DEFAULT '{}',
  spec_version   {{INT}} NOT NULL DEFAULT 0,
  status         TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','submitted','reviewing','passed','rejected','published')),
  round          {{INT}} NOT NULL DEFAULT 0,
  min_experts    {{INT}} NOT NULL DEFAULT 3,
  pass_score     {{INT}} NOT NULL DEFAULT 60,
  score_x100     {{INT}},
  opinion        TEXT NOT NULL DEFAULT '',
  occupation_code TEXT,
  created_by     {{INT}} REFERENCES users(id),
  created_at     {{INT}} NOT NULL,
  updated_at     {{INT}} NOT NULL
);
CREATE INDEX special_proposals_status ON special_proposals(status, region_code);

-- the review panel of a proposal's round (examiner accounts, as §56's panels) and their independent scores
CREATE TABLE special_review_experts (
  proposal_id {{INT}} NOT NULL REFERENCES special_proposals(id),
  round       {{INT}} NOT NULL,
  user_id     {{INT}} NOT NULL REFERENCES users(id),
  PRIMARY KEY (proposal_id, round, user_id)
);
CREATE TABLE special_review_scores (
  proposal_id {{INT}} NOT NULL REFERENCES special_proposals(id),
  round       {{INT}} NOT NULL,
  expert_id   {{INT}} NOT NULL REFERENCES users(id),
  score       {{INT}} NOT NULL CHECK (score BETWEEN 0 AND 100),
  comment     TEXT NOT NULL DEFAULT '',
  created_at  {{INT}} NOT NULL,
  PRIMARY KEY (proposal_id, round, expert_id)
);

-- special_items: the catalogue's items (code = occupations.code, kind special, ZX-37-NNN). Seeded: the five
-- items of the 2024 catalogue named in the seeds (the other 131 of its 136 are not named there [GAP]); the
-- occupation rows of the seeded five come from data/occupations.csv (loaded after the migrations), so the
-- code is not a foreign key
CREATE TABLE special_items (
  code           TEXT PRIMARY KEY,
  name           TEXT NOT NULL,
  catalogue_year {{INT}} NOT NULL REFERENCES special_catalogues(year),
  brand_code     TEXT REFERENCES special_brands(code),
  region_code    TEXT NOT NULL,
  proposal_id    {{INT}} REFERENCES special_proposals(id),
  status         TEXT NOT NULL DEFAULT 'in_force' CHECK (status IN ('in_force','withdrawn')),
  withdraw_reason TEXT NOT NULL DEFAULT '',
  published_on   TEXT NOT NULL,
  source         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX special_items_catalogue ON special_items(catalogue_year, status);
INSERT INTO special_items (code, name, catalogue_year, brand_code, region_code, published_on, source) VALUES
  ('ZX-37-001', '商河马蹄烧饼制作', 2024, NULL, '370100', '2024-01-01', '种子 002：公布商河马蹄烧饼制作等30个专项职业能力考核规范，调整《山东省专项职业能力考核项目目录(2024年版)》；品牌、发布日期 [GAP]'),
  ('ZX-37-002', '泗水火烧制作', 2024, 'ruyun', '370800', '2024-01-01', '种子 002：济宁市“儒韵风味”专项职业能力品牌；发布日期 [GAP]'),
  ('ZX-37-003', '孟府菜制作', 2024, 'ruyun', '370800', '2024-01-01', '种子 002：济宁市“儒韵风味”专项职业能力品牌；发布日期 [GAP]'),
  ('ZX-37-004', '孔府糕点制作', 2024, 'ruyun', '370800', '2024-01-01', '种子 002：济宁市“儒韵风味”专项职业能力品牌；发布日期 [GAP]'),
  ('ZX-37-005', '鲜鱼丸制作', 2024, 'ruyun', '370800', '2024-01-01', '种子 002：济宁市“儒韵风味”专项职业能力品牌；发布日期 [GAP]');

-- new_occupation_proposals: 新职业信息征集 (seed 002): a proposed new occupation tracked to its adoption in
-- the 大典 (edition, its code there; the occupation then joins the registry)
CREATE TABLE new_occupation_proposals (
  id              {{ID}},
  name            TEXT NOT NULL,
  field           TEXT NOT NULL CHECK (field IN ('green_low_carbon','advanced_manufacturing','emerging','future','modern_services','digital','modern_agriculture')),
  description     TEXT NOT NULL,
  institution_id  {{INT}} REFERENCES institutions(id),
  region_code     TEXT NOT NULL,
  status          TEXT NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted','forwarded','declined','adopted','not_adopted')),
  opinion         TEXT NOT NULL DEFAULT '',
  dadian_edition  TEXT NOT NULL DEFAULT '',
  occupation_code TEXT,
  decided_on      TEXT NOT NULL DEFAULT '',
  created_by      {{INT}} REFERENCES users(id),
  created_at      {{INT}} NOT NULL,
  updated_at      {{INT}} NOT NULL
);
CREATE INDEX new_occupation_proposals_status ON new_occupation_proposals(status, region_code);
