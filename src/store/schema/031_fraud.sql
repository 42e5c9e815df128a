-- 031: check-in hardening and fraud signals (issue 14 items 3 and 6; svc/training/classes.c,
-- svc/training/fraud.c; docs/DOMAIN.md §37). Sessions get their times of day, a check-in carries the phone's
-- device identifier and location, a device is bound to one trainee per class; the city reviews fraud signals
-- (两地申领, 一机多签, 考培冲突, 结业率异常) in a queue like 雷同卷; their thresholds are data.

-- the session's hours (China time, 'HH:MM'); NULL for sessions made before this migration: the whole day
ALTER TABLE training_sessions ADD COLUMN starts_at TEXT;
ALTER TABLE training_sessions ADD COLUMN ends_at TEXT;

-- what the phone reported with the check-in
ALTER TABLE training_attendance ADD COLUMN device_id TEXT;
ALTER TABLE training_attendance ADD COLUMN latitude {{REAL}};
ALTER TABLE training_attendance ADD COLUMN longitude {{REAL}};
ALTER TABLE training_attendance ADD COLUMN distance_m {{INT}};
CREATE INDEX training_attendance_device ON training_attendance(device_id) WHERE device_id IS NOT NULL;
CREATE INDEX training_attendance_person ON training_attendance(person_id);

-- one device, one trainee per class: the first check-in from a device binds it; another trainee of the class
-- on the same device is refused by this key (a trainee may use more than one device)
CREATE TABLE training_device_bindings (
  class_id   {{INT}} NOT NULL REFERENCES training_classes(id),
  device_id  TEXT NOT NULL,
  person_id  {{INT}} NOT NULL REFERENCES persons(id),
  bound_at   {{INT}} NOT NULL,
  PRIMARY KEY (class_id, device_id)
);

-- 签到规则 as data, by region prefix (the longest matching prefix wins: '37' the province's default, '3713'
-- a city's own)
CREATE TABLE training_checkin_rules (
  region_code TEXT PRIMARY KEY,
  grace_min   {{INT}} NOT NULL CHECK (grace_min >= 0 AND grace_min <= 120),  -- 签到宽限（分钟）
  radius_m    {{INT}} NOT NULL CHECK (radius_m >= 50 AND radius_m <= 20000), -- 签到半径（米）
  source      TEXT NOT NULL
);
INSERT INTO training_checkin_rules (region_code, grace_min, radius_m, source) VALUES
  ('37', 15, 500, '[GAP] 无公开的省级签到宽限与半径规定；暂定 15 分钟、500 米，待人社部门确认');

-- the detectors' thresholds as data
CREATE TABLE fraud_rule_params (
  name   TEXT PRIMARY KEY,
  value  {{REAL}} NOT NULL,
  source TEXT NOT NULL
);
INSERT INTO fraud_rule_params (name, value, source) VALUES
  ('two_city_days', 30, '[GAP] 两地申领：同一人在两个城市 30 天内提交申领视为近同时申领（暂定）'),
  ('device_persons_min', 3, '[GAP] 一机多签：同一设备为 3 名及以上不同学员签到（暂定）'),
  ('completion_alpha', 0.001, '[GAP] 结业率异常：单侧精确二项检验 p < 0.001（漏斗图 99.9% 上限）'),
  ('completion_min_n', 20, '[GAP] 结业率异常：期间学员少于 20 人不检验（暂定）');

-- 疑点线索: one signal per kind and key (dedup_key: re-running a detection adds none twice), reviewed by the
-- city of region_code (the province sees all): open -> confirmed | dismissed, with a reason, audited
CREATE TABLE fraud_signals (
  id             {{ID}},
  kind           TEXT NOT NULL CHECK (kind IN ('two_cities','shared_device','exam_overlap','completion_rate')),
  region_code    TEXT NOT NULL,                       -- the reviewing city (4 digits)
  dedup_key      TEXT NOT NULL UNIQUE,
  person_id      {{INT}} REFERENCES persons(id),
  institution_id {{INT}} REFERENCES institutions(id),
  period_from    TEXT NOT NULL,                       -- the detection run's period, YYYY-MM-DD
  period_to      TEXT NOT NULL,
  score          {{REAL}},                            -- kind's measure: days apart, trainees, minutes, p-value
  evidence       TEXT NOT NULL,                       -- JSON, the facts that raised it
  state          TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open','confirmed','dismissed')),
  reason         TEXT,
  reviewed_by    {{INT}} REFERENCES users(id),
  reviewed_at    {{INT}},
  created_at     {{INT}} NOT NULL
);
CREATE INDEX fraud_signals_region ON fraud_signals(region_code, state);

-- the claims a signal concerns: a confirmed signal holds them (svc/training/claims.c: no further step but
-- rejection; a pay batch leaves them out)
CREATE TABLE fraud_signal_claims (
  signal_id {{INT}} NOT NULL REFERENCES fraud_signals(id),
  claim_id  {{INT}} NOT NULL REFERENCES subsidy_claims(id),
  PRIMARY KEY (signal_id, claim_id)
);
CREATE INDEX fraud_signal_claims_claim ON fraud_signal_claims(claim_id);
