-- 033 (031 given; 031 fraud and 032 registration_training landed first, so 033 is the next free): 定期评估 (periodic assessment of evaluation institutions, issue 13 §7; DOMAIN.md §39). The indicator
-- system as versioned data the province edits (each version: its grade bands, the funnel's coverage, the
-- history the volume indicator compares with; its indicators with weight, rule, thresholds, the share a
-- warning keeps, the smallest base that makes it apply, 一票否决), assessment runs (a period, a region, the
-- version used; draft -> published) and what a run found: the peer pass rates per occupation and level, each
-- institution's cells of the funnel, one row per institution with score, grade, decision and the
-- explanation indicator by indicator (JSON).
CREATE TABLE assess_versions (
  version         {{INT}} PRIMARY KEY,
  excellent_min   {{REAL}} NOT NULL,          -- score >= : 优秀
  pass_min        {{REAL}} NOT NULL,          -- score >= : 合格; below: 不合格
  inner_cover     {{REAL}} NOT NULL,          -- the funnel's inner limits (0.95)
  outer_cover     {{REAL}} NOT NULL,          -- the funnel's outer limits (0.998)
  widen_min       {{INT}} NOT NULL,           -- candidates an 优秀 institution needs to widen its scope
  history_periods {{INT}} NOT NULL CHECK (history_periods BETWEEN 1 AND 5),
  source          TEXT NOT NULL,
  created_by      {{INT}},
  created_at      {{INT}} NOT NULL
);
INSERT INTO assess_versions (version, excellent_min, pass_min, inner_cover, outer_cover, widen_min,
  history_periods, source, created_at) VALUES
  (1, 85, 60, 0.95, 0.998, 100, 3,
   'seed 002 (2024 质量年: 构建评价质量督导指标体系, 开展评价机构定期评估); bands and coverage [GAP]: not in the seeds, set by the province', 0);

CREATE TABLE assess_indicators (
  version  {{INT}} NOT NULL REFERENCES assess_versions(version),
  code     TEXT NOT NULL CHECK (code IN ('pass_rate','volume_spike','collusion','severity','archive',
                                         'inspection','complaints','satisfaction')),
  name     TEXT NOT NULL,
  weight   {{REAL}} NOT NULL CHECK (weight >= 0),
  rule     TEXT NOT NULL CHECK (rule IN ('funnel','higher','lower','abs_lower')),
  full_at  {{REAL}} NOT NULL,
  warn_at  {{REAL}} NOT NULL,
  partial  {{REAL}} NOT NULL CHECK (partial >= 0 AND partial <= 1),
  min_base {{REAL}} NOT NULL CHECK (min_base >= 0),
  veto     {{INT}} NOT NULL DEFAULT 0,
  source   TEXT NOT NULL,
  position {{INT}} NOT NULL,
  PRIMARY KEY (version, code)
);
INSERT INTO assess_indicators (version, code, name, weight, rule, full_at, warn_at, partial, min_base, veto,
  source, position) VALUES
  (1, 'pass_rate', '合格率（同职业同等级漏斗图）', 25, 'funnel', 0, 0, 0.5, 1, 0,
   'seed 002 质量督导指标体系; 漏斗图 Spiegelhalter 2005; weight [GAP]', 1),
  (1, 'volume_spike', '评价人数异常增长（本期/历史均值）', 10, 'lower', 2, 3, 0.5, 30, 0,
   'seed 002 工作异常; thresholds [GAP]', 2),
  (1, 'collusion', '雷同卷（每百名考生确认对数）', 15, 'lower', 0.5, 2, 0.5, 1, 1,
   'seed 002 质量督导; 003 §12 违规失信; thresholds and veto [GAP]', 3),
  (1, 'severity', '考评员宽严度（多面Rasch，logit）', 10, 'abs_lower', 0.5, 1, 0.5, 30, 0,
   'seed 002 加强评价队伍建设; MFRM (Linacre); thresholds [GAP]', 4),
  (1, 'archive', '档案完整率（已归档/已发证计划）', 10, 'higher', 0.95, 0.8, 0.5, 1, 0,
   'seed 002 形成可追溯的评价过程完整档案; thresholds [GAP]', 5),
  (1, 'inspection', '督导检查问题（每次检查不符合项）', 10, 'lower', 1, 3, 0.5, 1, 0,
   'seed 002 强化评价过程质量督导; 2022 rules 5 problem classes; thresholds [GAP]', 6),
  (1, 'complaints', '投诉举报查实件数', 10, 'lower', 0, 2, 0.5, 0, 0,
   'seed 002 投诉举报 (质量档案); thresholds [GAP]', 7),
  (1, 'satisfaction', '满意度（平均分，1-5）', 10, 'higher', 4, 3.5, 0.5, 5, 0,
   'seed 002 开展社评组织满意度调查; thresholds [GAP]', 8);

-- a run: the institutions of a region assessed over a period with one version; draft until the province
-- publishes it (then immutable; its decisions are carried out through the institution status flow)
CREATE TABLE assess_runs (
  id           {{ID}},
  period_from  TEXT NOT NULL,
  period_to    TEXT NOT NULL,
  region_code  TEXT NOT NULL REFERENCES regions(code),
  region_prefix TEXT NOT NULL,                -- the code prefix the region stands for ('37', '3701')
  version      {{INT}} NOT NULL REFERENCES assess_versions(version),
  state        TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft','published')),
  institutions {{INT}} NOT NULL,
  excellent    {{INT}} NOT NULL,
  passed       {{INT}} NOT NULL,
  failed       {{INT}} NOT NULL,
  notes        TEXT NOT NULL DEFAULT '',      -- JSON: what the run could not measure and why (MFRM subsets)
  created_by   {{INT}},
  created_at   {{INT}} NOT NULL,
  published_by {{INT}},
  published_at {{INT}}
);
CREATE INDEX assess_runs_period ON assess_runs(period_from, period_to, region_code);

-- the peer rate of each occupation and level over the whole province in the run's period
CREATE TABLE assess_peers (
  run_id          {{INT}} NOT NULL REFERENCES assess_runs(id),
  occupation_code TEXT NOT NULL,
  level           {{INT}} NOT NULL,
  candidates      {{INT}} NOT NULL,
  passed          {{INT}} NOT NULL,
  PRIMARY KEY (run_id, occupation_code, level)
);

-- an assessed institution's cells of the funnel (its candidates and passes per occupation and level) and
-- the zone each fell in (-2..2: below the outer limit .. above it)
CREATE TABLE assess_cells (
  run_id          {{INT}} NOT NULL REFERENCES assess_runs(id),
  institution_id  {{INT}} NOT NULL REFERENCES institutions(id),
  occupation_code TEXT NOT NULL,
  level           {{INT}} NOT NULL,
  candidates      {{INT}} NOT NULL,
  passed          {{INT}} NOT NULL,
  zone            {{INT}} NOT NULL,
  PRIMARY KEY (run_id, institution_id, occupation_code, level)
);
CREATE INDEX assess_cells_funnel ON assess_cells(run_id, occupation_code, level);

CREATE TABLE assess_rows (
  id             {{ID}},
  run_id         {{INT}} NOT NULL REFERENCES assess_runs(id),
  institution_id {{INT}} NOT NULL REFERENCES institutions(id),
  candidates     {{INT}} NOT NULL,
  score          {{REAL}} NOT NULL,
  grade          TEXT NOT NULL CHECK (grade IN ('excellent','pass','fail')),
  grade_rank     {{INT}} NOT NULL,            -- 0 优秀, 1 合格, 2 不合格 (the sort key)
  veto           {{INT}} NOT NULL,
  decision       TEXT NOT NULL CHECK (decision IN ('widen','continue','exit')),
  explanation    TEXT NOT NULL,               -- JSON: each indicator's value, reference, status, points, why
  UNIQUE (run_id, institution_id)
);
CREATE INDEX assess_rows_institution ON assess_rows(institution_id);

-- the run reads every result of the period once, grouped by institution, occupation and level: a covering
-- index keeps that one ordered scan (bench/assess.sh)
CREATE INDEX results_assess ON results(institution_id, occupation_code, level, exam_date, passed);
