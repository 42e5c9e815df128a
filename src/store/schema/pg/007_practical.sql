-- 007: 操作技能考核 — the plan's criteria and panel, declared avoidances (回避), examiners' independent scores
CREATE TABLE practical_setups (
  plan_id    BIGINT PRIMARY KEY REFERENCES plans(id),
  criteria   TEXT NOT NULL,                     -- JSON [{name, points, star}]
  spread_pct DOUBLE PRECISION NOT NULL DEFAULT 0.2
);
CREATE TABLE panel_members (
  plan_id BIGINT NOT NULL REFERENCES plans(id),
  user_id BIGINT NOT NULL REFERENCES users(id),
  PRIMARY KEY (plan_id, user_id)
);
CREATE TABLE avoidances (
  user_id   BIGINT NOT NULL REFERENCES users(id),
  person_id BIGINT NOT NULL REFERENCES persons(id),
  reason    TEXT NOT NULL,
  PRIMARY KEY (user_id, person_id)
);
CREATE TABLE practical_scores (
  plan_id         BIGINT NOT NULL REFERENCES plans(id),
  registration_id BIGINT NOT NULL REFERENCES registrations(id),
  examiner_id     BIGINT NOT NULL REFERENCES users(id),
  criterion       BIGINT NOT NULL,
  score           DOUBLE PRECISION NOT NULL,
  created_at      BIGINT NOT NULL,
  PRIMARY KEY (plan_id, registration_id, examiner_id, criterion)
);
