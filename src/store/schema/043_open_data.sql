-- 043 开放数据 (open data, issue 17 item 5): releases of published aggregate tables and their cells. A release
-- freezes a dataset's table for a period from the statistics counters at the moment the province publishes
-- it, with the disclosure control applied (core/disclosure.c): a hidden cell is stored without its value, so
-- the public tables never hold what they must not show. Publishing the same dataset and period again makes a
-- new version and supersedes the old one (kept, so a figure once published can be traced).
CREATE TABLE open_data_releases (
  id           {{ID}},
  dataset      TEXT NOT NULL,
  period       TEXT NOT NULL,                 -- a year, 'YYYY'
  version      {{INT}} NOT NULL,
  state        TEXT NOT NULL CHECK (state IN ('published', 'superseded')),
  threshold    {{INT}} NOT NULL,              -- cells counting 1..threshold-1 are hidden
  hidden       {{INT}} NOT NULL,              -- entries hidden (small + complementary)
  published_at {{INT}} NOT NULL,
  published_by {{INT}} REFERENCES users(id),
  UNIQUE (dataset, period, version)
);
CREATE UNIQUE INDEX open_data_current ON open_data_releases(dataset, period) WHERE state = 'published';

-- the table of a release: rows r (the last is the totals row), columns c (the last is the totals column);
-- n and amount (fen) are NULL where flag hides them (1 small, 2 complementary)
CREATE TABLE open_data_cells (
  release_id {{INT}} NOT NULL REFERENCES open_data_releases(id),
  r          {{INT}} NOT NULL,
  c          {{INT}} NOT NULL,
  row_key    TEXT NOT NULL,
  row_label  TEXT NOT NULL,
  col_key    TEXT NOT NULL,
  col_label  TEXT NOT NULL,
  n          {{INT}},
  amount     {{INT}},
  flag       {{INT}} NOT NULL CHECK (flag IN (0, 1, 2)),
  PRIMARY KEY (release_id, r, c)
);
