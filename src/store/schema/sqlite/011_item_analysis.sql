-- 011: 试题分析 after a sitting is graded — statistics per item version and sitting, the sitting's summary,
-- and answer-copying flags (雷同卷) for supervisors to review
CREATE TABLE item_stats (
  item_id     INTEGER NOT NULL REFERENCES items(id),      -- one version of the item
  sitting_id  INTEGER NOT NULL REFERENCES sittings(id),
  n           INTEGER NOT NULL,                          -- candidates who were given the item
  p           REAL,                                      -- proportion correct
  r_pbis      REAL,                                      -- point-biserial with the total
  r_drop      REAL,                                      -- corrected item-total correlation
  options     TEXT NOT NULL DEFAULT '[]',                -- JSON [{option, n, share, r, key}] (single / judge)
  flags       TEXT NOT NULL DEFAULT '',                  -- too_hard,too_easy,low_discrimination,distractor
  computed_at INTEGER NOT NULL,
  PRIMARY KEY (item_id, sitting_id)
);
CREATE INDEX item_stats_sitting ON item_stats(sitting_id);

CREATE TABLE sitting_analyses (
  sitting_id    INTEGER PRIMARY KEY REFERENCES sittings(id),
  persons       INTEGER NOT NULL,
  items         INTEGER NOT NULL,
  alpha         REAL,
  items_flagged INTEGER NOT NULL,
  pairs_tested  INTEGER NOT NULL,
  pairs_flagged INTEGER NOT NULL,
  computed_at   INTEGER NOT NULL
);

CREATE TABLE collusion_flags (
  id              INTEGER PRIMARY KEY,
  sitting_id      INTEGER NOT NULL REFERENCES sittings(id),
  attempt_a       INTEGER NOT NULL REFERENCES attempts(id),
  attempt_b       INTEGER NOT NULL REFERENCES attempts(id),
  shared          INTEGER NOT NULL,                      -- items both were given
  identical       INTEGER NOT NULL,
  identical_wrong INTEGER NOT NULL,
  omega           REAL NOT NULL,
  p               REAL NOT NULL,
  status          TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','cleared','confirmed')),
  note            TEXT NOT NULL DEFAULT '',
  reviewed_by     INTEGER REFERENCES users(id),
  reviewed_at     INTEGER,
  created_at      INTEGER NOT NULL,
  UNIQUE (sitting_id, attempt_a, attempt_b)
);
CREATE INDEX collusion_flags_status ON collusion_flags(status, sitting_id);
