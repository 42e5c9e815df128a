-- 014: 综合评审 (levels 2 and 1: 材料评审 + 答辩) — criteria and panel per plan, examiners' independent
-- scores; the same rules as 操作技能考核 (007), in tables of its own
CREATE TABLE review_setups (
  plan_id    {{INT}} PRIMARY KEY REFERENCES plans(id),
  criteria   TEXT NOT NULL,                     -- JSON [{name, points, star}]
  spread_pct {{REAL}} NOT NULL DEFAULT 0.2
);
CREATE TABLE review_panel (
  plan_id {{INT}} NOT NULL REFERENCES plans(id),
  user_id {{INT}} NOT NULL REFERENCES users(id),
  PRIMARY KEY (plan_id, user_id)
);
CREATE TABLE review_scores (
  plan_id         {{INT}} NOT NULL REFERENCES plans(id),
  registration_id {{INT}} NOT NULL REFERENCES registrations(id),
  examiner_id     {{INT}} NOT NULL REFERENCES users(id),
  criterion       {{INT}} NOT NULL,
  score           {{REAL}} NOT NULL,
  created_at      {{INT}} NOT NULL,
  PRIMARY KEY (plan_id, registration_id, examiner_id, criterion)
);
