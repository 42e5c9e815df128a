-- 007: 操作技能考核 — the plan's criteria and panel, declared avoidances (回避), examiners' independent scores
CREATE TABLE practical_setups (
  plan_id    {{INT}} PRIMARY KEY REFERENCES plans(id),
  criteria   TEXT NOT NULL,                     -- JSON [{name, points, star}]
  spread_pct {{REAL}} NOT NULL DEFAULT 0.2
);
CREATE TABLE panel_members (
  plan_id {{INT}} NOT NULL REFERENCES plans(id),
  user_id {{INT}} NOT NULL REFERENCES users(id),
  PRIMARY KEY (plan_id, user_id)
);
CREATE TABLE avoidances (
  user_id   {{INT}} NOT NULL REFERENCES users(id),
  person_id {{INT}} NOT NULL REFERENCES persons(id),
  reason    TEXT NOT NULL,
  PRIMARY KEY (user_id, person_id)
);
CREATE TABLE practical_scores (
  plan_id         {{INT}} NOT NULL REFERENCES plans(id),
  registration_id {{INT}} NOT NULL REFERENCES registrations(id),
  examiner_id     {{INT}} NOT NULL REFERENCES users(id),
  criterion       {{INT}} NOT NULL,
  score           {{REAL}} NOT NULL,
  created_at      {{INT}} NOT NULL,
  PRIMARY KEY (plan_id, registration_id, examiner_id, criterion)
);
