-- 056: 评价队伍与考点 (issue 24 items 2-3; docs/DOMAIN.md §57).
-- The evaluation workforce: a qualification course is a training class (024) whose trainees qualify as 考评员,
-- 高级考评员 or 督导员 once they completed it and passed its exam (a 认定 plan of the exam chain: a passed row
-- of results for that plan, or one recorded for that plan's institution, occupation and level dated from the
-- class's first day to the plan's exam day);
-- the account holding it is an examiner or supervisor account (accounts of those roles carry no person: the
-- grant names the trainee, person_id, whose training and exam are checked); the qualification has a grade, a certificate number and a validity; it is
-- renewed (a new row naming the one it renews) or removed through the credit archive (029: a credit event
-- of kind *_qual_removed, recorded in the same transaction). Panels (practical, 综合评审) and the dispatch of
-- supervisors accept only holders of a valid qualification of the needed grade (levels 2 and 1: 高级考评员).
-- Exam sites: 考点 with their 考场 (seats, computers, cameras, equipment), the 标准化考场 assessment as a
-- versioned checklist marked item by item and signed, the designation of a site per occupation and level,
-- and the booking of a plan's sittings into rooms (capacity, computers for the theory exam, no room booked
-- twice for overlapping times by any institution).
CREATE TABLE workforce_courses (
  id            {{ID}},
  class_id      {{INT}} NOT NULL UNIQUE REFERENCES training_classes(id),
  grade         TEXT NOT NULL CHECK (grade IN ('examiner','senior_examiner','supervisor')),
  exam_plan_id  {{INT}} NOT NULL REFERENCES plans(id),
  valid_years   {{INT}} NOT NULL CHECK (valid_years BETWEEN 1 AND 10),  -- [GAP] the sources give no term
  created_by    {{INT}} REFERENCES users(id),
  created_at    {{INT}} NOT NULL
);

CREATE TABLE workforce_quals (
  id               {{ID}},
  user_id          {{INT}} NOT NULL REFERENCES users(id),
  person_id        {{INT}} REFERENCES persons(id),      -- the trainee a course grant was checked for
  grade            TEXT NOT NULL CHECK (grade IN ('examiner','senior_examiner','supervisor')),
  cert_no          TEXT NOT NULL,                  -- a renewal keeps the number
  region_code      TEXT NOT NULL,                  -- the holder's (their institution's, else their account's)
  institution_id   {{INT}} REFERENCES institutions(id),
  valid_from       TEXT NOT NULL,                  -- YYYY-MM-DD
  valid_until      TEXT NOT NULL,                  -- YYYY-MM-DD, the last day
  basis            TEXT NOT NULL CHECK (basis IN ('course','record')),
  course_id        {{INT}} REFERENCES workforce_courses(id),
  result_id        {{INT}} REFERENCES results(id),
  renews_id        {{INT}} REFERENCES workforce_quals(id),
  note             TEXT NOT NULL DEFAULT '',
  status           TEXT NOT NULL CHECK (status IN ('active','renewed','removed')),
  removal_event_id {{INT}} REFERENCES credit_events(id),
  removal_reason   TEXT,
  removed_by       {{INT}} REFERENCES users(id),
  removed_at       {{INT}},
  created_by       {{INT}} REFERENCES users(id),
  created_at       {{INT}} NOT NULL
);
CREATE INDEX workforce_quals_user ON workforce_quals(user_id, status);
CREATE INDEX workforce_quals_region ON workforce_quals(region_code);
CREATE INDEX workforce_quals_cert ON workforce_quals(cert_no);

INSERT INTO credit_kinds (code, subject_type, name_zh, name_en, blocks, default_days, source) VALUES
  ('examiner_qual_removed', 'examiner', '取消考评员资格', 'examiner qualification removed', 'panel', 0,
   '种子 002：加强评价队伍建设（考评员、督导员培训、资格与退出）；取消即时生效、不设期限 [GAP]'),
  ('supervisor_qual_removed', 'supervisor', '取消督导员资格', 'supervisor qualification removed', 'dispatch', 0,
   '种子 002：加强评价队伍建设（考评员、督导员培训、资格与退出）；取消即时生效、不设期限 [GAP]');

-- 考点: a site, owned by an institution (or by the bureau: NULL), in a region
CREATE TABLE exam_sites (
  id             {{ID}},
  name           TEXT NOT NULL,
  address        TEXT NOT NULL,
  region_code    TEXT NOT NULL,
  institution_id {{INT}} REFERENCES institutions(id),
  created_by     {{INT}} REFERENCES users(id),
  created_at     {{INT}} NOT NULL,
  updated_at     {{INT}} NOT NULL
);
CREATE INDEX exam_sites_region ON exam_sites(region_code);

-- 考场: a room of a site
CREATE TABLE exam_rooms (
  id         {{ID}},
  site_id    {{INT}} NOT NULL REFERENCES exam_sites(id),
  name       TEXT NOT NULL,
  seats      {{INT}} NOT NULL CHECK (seats BETWEEN 1 AND 2000),
  computers  {{INT}} NOT NULL DEFAULT 0 CHECK (computers >= 0),
  cameras    {{INT}} NOT NULL DEFAULT 0 CHECK (cameras >= 0),
  equipment  TEXT NOT NULL DEFAULT '',
  created_at {{INT}} NOT NULL,
  updated_at {{INT}} NOT NULL,
  UNIQUE (site_id, name)
);

-- 标准化考场 checklist, versioned as the supervision checklist (027): items with their source; version 1
-- seeded from the themes the sources name ([GAP]: the standard's own item list is not in the sources)
CREATE TABLE site_check_versions (
  version    {{INT}} PRIMARY KEY,
  note       TEXT NOT NULL DEFAULT '',
  created_by {{INT}} REFERENCES users(id),
  created_at {{INT}} NOT NULL
);
INSERT INTO site_check_versions (version, note, created_at) VALUES
  (1, 'seed: the themes of seed 002 (设施提质、标准化考场建设) and DOMAIN.md §10; item texts [GAP]', 0);
CREATE TABLE site_check_items (
  id       {{ID}},
  version  {{INT}} NOT NULL REFERENCES site_check_versions(version),
  code     TEXT NOT NULL,
  text     TEXT NOT NULL,
  source   TEXT NOT NULL,
  position {{INT}} NOT NULL,
  UNIQUE (version, code)
);
INSERT INTO site_check_items (version, code, text, source, position) VALUES
  (1, 'K01', '考场座位数与登记一致，座位间距与标识符合要求', '种子 002 设施提质 / DOMAIN.md §10；间距数值 [GAP]', 1),
  (1, 'K02', '理论考试机房计算机数量与登记一致、运行正常', '种子 004 计算机线下考试 / DOMAIN.md §10', 2),
  (1, 'K03', '视频监控覆盖全部座位并留存录像', 'DOMAIN.md §10 cameras；留存期限 [GAP]', 3),
  (1, 'K04', '操作技能考核设备、工具与登记一致、完好', 'DOMAIN.md §10 equipment', 4),
  (1, 'K05', '考务办公、试卷保密存放场所符合要求', '种子 002 标准化考场建设 [GAP]', 5),
  (1, 'K06', '消防与安全措施到位，疏散通道畅通', '种子 002 标准化考场建设 [GAP]', 6);

-- an assessment of a site against a checklist version: draft, marked, then signed (passed when no item is
-- nonconform); immutable once signed
CREATE TABLE site_assessments (
  id          {{ID}},
  site_id     {{INT}} NOT NULL REFERENCES exam_sites(id),
  version     {{INT}} NOT NULL REFERENCES site_check_versions(version),
  status      TEXT NOT NULL CHECK (status IN ('draft','signed')),
  passed      {{INT}},
  assessor_id {{INT}} REFERENCES users(id),      -- NULL: the system (the demo)
  created_at  {{INT}} NOT NULL,
  signed_at   {{INT}}
);
CREATE INDEX site_assessments_site ON site_assessments(site_id);
CREATE TABLE site_assessment_marks (
  assessment_id {{INT}} NOT NULL REFERENCES site_assessments(id),
  item_id       {{INT}} NOT NULL REFERENCES site_check_items(id),
  result        TEXT NOT NULL CHECK (result IN ('conform','nonconform','not_applicable')),
  note          TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (assessment_id, item_id)
);

-- the designation of a site for an occupation and level (designated 考试点)
CREATE TABLE site_designations (
  site_id         {{INT}} NOT NULL REFERENCES exam_sites(id),
  occupation_code TEXT NOT NULL,
  level           {{INT}} NOT NULL CHECK (level BETWEEN 0 AND 5),
  assessment_id   {{INT}} NOT NULL REFERENCES site_assessments(id),
  designated_by   {{INT}} REFERENCES users(id),
  designated_at   {{INT}} NOT NULL,
  PRIMARY KEY (site_id, occupation_code, level)
);

-- a booking of a room: a theory sitting (sitting_id) or a plan's practical / 综合评审 part, for a time span
CREATE TABLE room_bookings (
  id             {{ID}},
  room_id        {{INT}} NOT NULL REFERENCES exam_rooms(id),
  plan_id        {{INT}} NOT NULL REFERENCES plans(id),
  institution_id {{INT}} NOT NULL REFERENCES institutions(id),
  sitting_id     {{INT}} UNIQUE REFERENCES sittings(id),
  part           TEXT NOT NULL CHECK (part IN ('theory','practical','review')),
  starts_at      {{INT}} NOT NULL,
  ends_at        {{INT}} NOT NULL CHECK (ends_at > starts_at),
  candidates     {{INT}} NOT NULL CHECK (candidates > 0),
  created_by     {{INT}} REFERENCES users(id),
  created_at     {{INT}} NOT NULL
);
CREATE INDEX room_bookings_room ON room_bookings(room_id, starts_at);
