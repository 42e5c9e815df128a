-- 051 (S1 was given 057; the lowest free number at landing): 急需紧缺 early warning (issue 17 item 4; docs/DOMAIN.md §59; svc/stats/shortage.c).

-- job_postings: the job postings of the public employment service (公共就业服务机构的招聘岗位信息), imported
-- as CSV through the import framework (POST /stats/shortage/postings), one row per posting at its source
-- (an import of the same (source, source_ref) again replaces it: a posting closes later). region_code is the
-- workplace's region (a county or a city), occupation_code the 大典 occupation the service coded it under,
-- vacancies the persons wanted (招聘人数), pay the monthly range offered (fen), posted_on and closed_on
-- 'YYYY-MM-DD' (closed_on NULL: still open). The warning reads it by month as the demand; other use cases
-- (job recommendations, issue 23) may read the open postings.
CREATE TABLE job_postings (
  id              {{ID}},
  source          TEXT NOT NULL,
  source_ref      TEXT NOT NULL,
  region_code     TEXT NOT NULL REFERENCES regions(code),
  occupation_code TEXT NOT NULL REFERENCES occupations(code),
  employer        TEXT NOT NULL,
  title           TEXT NOT NULL,
  vacancies       {{INT}} NOT NULL CHECK (vacancies > 0),
  level           {{INT}} CHECK (level BETWEEN 0 AND 7),
  pay_min_fen     {{INT}} CHECK (pay_min_fen >= 0),
  pay_max_fen     {{INT}} CHECK (pay_max_fen >= pay_min_fen),
  posted_on       TEXT NOT NULL,
  closed_on       TEXT CHECK (closed_on >= posted_on),
  imported_at     {{INT}} NOT NULL,
  imported_by     {{INT}},
  UNIQUE (source, source_ref)
);
CREATE INDEX job_postings_occupation ON job_postings(occupation_code, region_code, posted_on);
CREATE INDEX job_postings_posted ON job_postings(posted_on);

-- shortage_rules: the thresholds of the warning and the forecast, as data (key, value, Chinese name, source
-- or [GAP]: the seeds give no figures, these are the defaults the province changes).
CREATE TABLE shortage_rules (
  key     TEXT PRIMARY KEY,
  value   {{INT}} NOT NULL,
  name_zh TEXT NOT NULL,
  source  TEXT NOT NULL
);
INSERT INTO shortage_rules (key, value, name_zh, source) VALUES
  ('min_demand', 20, '参与评估的最低年需求人数', '[GAP] 默认值（种子未给出）'),
  ('ratio_min_pct', 150, '需求供给比阈值（%）', '[GAP] 默认值 1.5（种子未给出；参照求人倍率的通常警戒口径）'),
  ('pay_growth_min_bp', 500, '工资价位中位数增幅阈值（基点，1/100 %）', '[GAP] 默认值 5%（种子未给出）'),
  ('vacancy_days_min', 45, '岗位平均空缺天数阈值', '[GAP] 默认值（种子未给出）'),
  ('min_reasons', 2, '列入预警名单所需的理由数', '[GAP] 默认值（种子未给出）'),
  ('history_years', 4, '供给预测所用的历史年数', '[GAP] 默认值：按月序列至少 24 个月'),
  ('interval_z_pct', 196, '预测区间的 z 值 ×100（196：95%）', 'Hyndman & Athanasopoulos《Forecasting: Principles and Practice》第 3 版 §5.5 正态分位数');

-- shortage_proposals: next year's 急需紧缺工种目录 proposed for a city (or the province, 370000) from the
-- warning list of basis_year; the province edits it and publishes it, which writes the catalogue of `year`
-- (training_shortage_lists / _entries, read by the training subsidies). state: draft → published.
CREATE TABLE shortage_proposals (
  city_code    TEXT NOT NULL REFERENCES regions(code),
  year         {{INT}} NOT NULL,
  basis_year   {{INT}} NOT NULL,
  state        TEXT NOT NULL CHECK (state IN ('draft','published')),
  title        TEXT NOT NULL,
  note         TEXT NOT NULL DEFAULT '',
  min_fen      {{INT}} CHECK (min_fen >= 0),
  max_fen      {{INT}} CHECK (max_fen >= min_fen),
  made_by      {{INT}},
  made_at      {{INT}} NOT NULL,
  updated_at   {{INT}} NOT NULL,
  published_by {{INT}},
  published_at {{INT}},
  PRIMARY KEY (city_code, year)
);
-- an entry: an occupation proposed, why (the warning's reasons, comma separated; '' for one the province
-- added by hand) and its subsidy (fen; NULL: the list's range only)
CREATE TABLE shortage_proposal_entries (
  city_code       TEXT NOT NULL,
  year            {{INT}} NOT NULL,
  occupation_code TEXT NOT NULL REFERENCES occupations(code),
  reasons         TEXT NOT NULL DEFAULT '',
  amount_fen      {{INT}} CHECK (amount_fen >= 0),
  PRIMARY KEY (city_code, year, occupation_code)
);
