-- 066 (issue 24 item 4; docs/DOMAIN.md §65): an enterprise's approved 评价规范 evaluating a level by 过程化考核
-- or 业绩评审 runs its plan to results: the module assessments recorded over time (the version's module rule in
-- enterprise_norms.body aggregates them) and the performance record its review panel (review_panel of 014)
-- scores.

-- one module's assessment of one approved registration of a 过程化考核 plan, dated when it happened; recorded
-- once (a second recording of the module is refused), before the plan's results are compiled; audited
CREATE TABLE norm_process_scores (
  plan_id         {{INT}} NOT NULL REFERENCES plans(id),
  registration_id {{INT}} NOT NULL REFERENCES registrations(id),
  module_code     TEXT NOT NULL,
  score           {{REAL}} NOT NULL CHECK (score >= 0 AND score <= 100),
  assessed_on     TEXT NOT NULL,
  recorded_by     {{INT}} NOT NULL,
  created_at      {{INT}} NOT NULL,
  PRIMARY KEY (registration_id, module_code)
);
CREATE INDEX norm_process_scores_plan ON norm_process_scores(plan_id);

-- the performance record (业绩) of an approved registration of a 业绩评审 plan that its panel reviews:
-- achievements and the evidence, written by the enterprise until the panel's first score of the candidate
CREATE TABLE norm_performance_records (
  registration_id {{INT}} PRIMARY KEY REFERENCES registrations(id),
  plan_id         {{INT}} NOT NULL REFERENCES plans(id),
  achievements    TEXT NOT NULL,
  evidence        TEXT NOT NULL,
  recorded_by     {{INT}} NOT NULL,
  updated_at      {{INT}} NOT NULL
);
CREATE INDEX norm_performance_records_plan ON norm_performance_records(plan_id);
