-- 011: 试题分析 after a sitting is graded — statistics per item version and sitting, the sitting's summary,
-- and answer-copying flags (雷同卷) for supervisors to review
CREATE TABLE item_stats (
  item_id     {{INT}} NOT NULL REFERENCES items(id),      -- one version of the item
  sitting_id  {{INT}} NOT NULL REFERENCES sittings(id),
  n           {{INT}} NOT NULL,                          -- candidates who were given the item
  p           {{REAL}},                                      -- proportion correct
  r_pbis      {{REAL}},                                      -- point-biserial with the total
  r_drop      {{REAL}},                                      -- corrected item-total correlation
  options     TEXT NOT NULL DEFAULT '[]',                -- JSON [{option, n, share, r, key}] (single / judge)
  flags       TEXT NOT NULL DEFAULT '',                  -- too_hard,too_easy,low_discrimination,distractor
  computed_at {{INT}} NOT NULL,
  PRIMARY KEY (item_id, sitting_id)
);
CREATE INDEX item_stats_sitting ON item_stats(sitting_id);

CREATE TABLE sitting_analyses (
  sitting_id    {{INT}} PRIMARY KEY REFERENCES sittings(id),
  persons       {{INT}} NOT NULL,
  items         {{INT}} NOT NULL,
  alpha         {{REAL}},
  items_flagged {{INT}} NOT NULL,
  pairs_tested  {{INT}} NOT NULL,
  pairs_flagged {{INT}} NOT NULL,
  computed_at   {{INT}} NOT NULL
);

CREATE TABLE collusion_flags (
  id              {{ID}},
  sitting_id      {{INT}} NOT NULL REFERENCES sittings(id),
  attempt_a       {{INT}} NOT NULL REFERENCES attempts(id),
  attempt_b       {{INT}} NOT NULL REFERENCES attempts(id),
  shared          {{INT}} NOT NULL,                      -- items both were given
  identical       {{INT}} NOT NULL,
  identical_wrong {{INT}} NOT NULL,
  omega           {{REAL}} NOT NULL,
  p               {{REAL}} NOT NULL,
  status          TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','cleared','confirmed')),
  note            TEXT NOT NULL DEFAULT '',
  reviewed_by     {{INT}} REFERENCES users(id),
  reviewed_at     {{INT}},
  created_at      {{INT}} NOT NULL,
  UNIQUE (sitting_id, attempt_a, attempt_b)
);
CREATE INDEX collusion_flags_status ON collusion_flags(status, sitting_id);
