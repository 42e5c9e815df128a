-- 061: 重点群体 drive subsidy rules and statistics (issue 23 item 7 remainder; docs/DOMAIN.md §64).
--
-- subsidy_group_rules: a subsidy rule by person category, as data. For holders of `category` valid on the claim's
-- application date, a claim of `kind` in the rule's region (the province 370000, or a city: the city's rule
-- stands before the province's for the same kind and category) gets `supplement_fen` added to its amount and,
-- for 技能提升补贴, needs `insured_months` of unemployment insurance instead of the general figure (NULL: the
-- general figure). The seeds give no figure for any category ([GAP]): there are no rows until a bureau sets one.
CREATE TABLE subsidy_group_rules (
  id             {{ID}},
  kind           TEXT NOT NULL CHECK (kind IN ('skill_up','training','shortage')),
  category       TEXT NOT NULL REFERENCES person_category_kinds(code),
  region_code    TEXT NOT NULL,
  supplement_fen {{INT}} NOT NULL DEFAULT 0 CHECK (supplement_fen >= 0),
  insured_months {{INT}} CHECK (insured_months IS NULL OR (insured_months >= 1 AND insured_months <= 600)),
  source         TEXT NOT NULL DEFAULT '',
  updated_by     {{INT}} NOT NULL REFERENCES users(id),
  updated_at     {{INT}} NOT NULL,
  UNIQUE (kind, category, region_code)
);

-- stat_group_counts: the statistics counters by 重点群体 (svc/stats/group_counts.c). A row of a counted entity
-- (a training enrolment, a subsidy claim, a certificate) counts once under each category its person held valid
-- on the row's date (the day of enrolment in 北京时间, the application date, the issue date). A person may hold
-- several categories or none, so these rows are not a partition of stat_counts and are kept apart from it (a
-- sum over categories is no total). Same shards as stat_counts; kept in the writer's transaction; recomputed by
-- `jineng stats verify` and `jineng stats rebuild`.
CREATE TABLE stat_group_counts (
  metric         TEXT NOT NULL,
  category       TEXT NOT NULL,
  region_code    TEXT NOT NULL,
  level          {{INT}} NOT NULL,
  institution_id {{INT}} NOT NULL,
  month          TEXT NOT NULL,
  shard          {{INT}} NOT NULL,
  n              {{INT}} NOT NULL,
  amount         {{INT}} NOT NULL,
  PRIMARY KEY (metric, category, region_code, level, institution_id, month, shard)
);
CREATE INDEX stat_group_counts_month ON stat_group_counts(month, category);
