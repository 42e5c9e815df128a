-- 050 统计报表 (issue 17 item 3): every generated report is a version kept with its workbook (the blob store,
-- migration 028, by its SM3 key), so a report once filed is downloaded again byte for byte. `scheduled` marks
-- the server's own monthly run: at most one scheduled version of a type, period and region, whichever node
-- makes it first (the unique index refuses a second).
CREATE TABLE stat_reports (
  id          {{ID}},
  type        TEXT NOT NULL CHECK (type IN ('evaluation', 'training', 'high-skill')),
  period      TEXT NOT NULL,                  -- 'YYYY', 'YYYY-Qn' or 'YYYY-MM'
  region_code TEXT NOT NULL REFERENCES regions(code),
  version     {{INT}} NOT NULL,
  scheduled   {{INT}} NOT NULL DEFAULT 0,
  sm3         TEXT NOT NULL,                  -- the workbook in blobs
  size        {{INT}} NOT NULL,
  totals      TEXT NOT NULL,                  -- JSON: the 合计 row's values, in column order
  created_at  {{INT}} NOT NULL,
  created_by  TEXT NOT NULL,
  UNIQUE (type, period, region_code, version)
);
CREATE UNIQUE INDEX stat_reports_scheduled ON stat_reports(type, period, region_code) WHERE scheduled = 1;
