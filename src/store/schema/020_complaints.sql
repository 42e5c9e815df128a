-- 020: 投诉举报 (complaints and reports; docs/DOMAIN.md §8 投诉举报, src/svc/supervision/README.md).
-- complaint_categories: what a complaint is about, with its deadlines in working days (受理 and 答复), seeded
-- and edited by the province (the seeds name no terms: [GAP], the values below are the defaults).
CREATE TABLE complaint_categories (
  code       TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  name_en    TEXT NOT NULL,
  ack_days   {{INT}} NOT NULL CHECK (ack_days BETWEEN 1 AND 60),
  reply_days {{INT}} NOT NULL CHECK (reply_days BETWEEN 1 AND 250),
  source     TEXT NOT NULL DEFAULT '',
  seq        {{INT}} NOT NULL DEFAULT 0,
  updated_at {{INT}} NOT NULL DEFAULT 0
);
INSERT INTO complaint_categories (code, name, name_en, ack_days, reply_days, source, seq) VALUES
  ('exam_discipline', '考试组织与考场纪律', 'Exam organisation and discipline', 5, 20, '[GAP] 种子未规定时限，默认值', 1),
  ('fees', '违规收费', 'Irregular fees', 5, 20, '[GAP] 种子未规定时限，默认值', 2),
  ('scope', '超范围或未备案评价', 'Evaluation outside the filed scope', 5, 20, '[GAP] 种子未规定时限，默认值', 3),
  ('certificate', '证书发放与查询', 'Certificates', 5, 20, '[GAP] 种子未规定时限，默认值', 4),
  ('staff_conduct', '考评人员与督导人员行为', 'Conduct of examiners and supervisors', 5, 20, '[GAP] 种子未规定时限，默认值', 5),
  ('other', '其他', 'Other', 5, 20, '[GAP] 种子未规定时限，默认值', 6);

-- complaints: one complaint or report. The tracking code is shown once; only its hex SM3 is kept. The
-- subject (an institution, a plan, a sitting, or none) decides institution_id and the handling city
-- region_code (a city code such as 370100); a general complaint names its city. The complainant's identity
-- (name, phone, the candidate's person id) is sealed (crypto/pii.h: fields complaint.name, complaint.phone,
-- complaint.person); '' when not given or anonymous. outcome is set by the decision (upheld, dismissed,
-- replied) and kept when the complaint is closed: the periodic assessment counts outcome = 'upheld' per
-- institution_id (index complaints_upheld). Dates are YYYY-MM-DD in China time.
CREATE TABLE complaints (
  id              {{ID}},
  code_hash       TEXT NOT NULL UNIQUE,
  category        TEXT NOT NULL REFERENCES complaint_categories(code),
  subject_kind    TEXT NOT NULL CHECK (subject_kind IN ('general', 'institution', 'plan', 'sitting')),
  subject_id      {{INT}},
  institution_id  {{INT}} REFERENCES institutions(id),
  region_code     TEXT NOT NULL REFERENCES regions(code),
  text            TEXT NOT NULL,
  anonymous       {{INT}} NOT NULL DEFAULT 0,
  name_sealed     TEXT NOT NULL DEFAULT '',
  phone_sealed    TEXT NOT NULL DEFAULT '',
  person_sealed   TEXT NOT NULL DEFAULT '',
  status          TEXT NOT NULL DEFAULT 'received',
  outcome         TEXT NOT NULL DEFAULT '' CHECK (outcome IN ('', 'upheld', 'dismissed', 'replied')),
  reply           TEXT NOT NULL DEFAULT '',
  received_on     TEXT NOT NULL,
  ack_due         TEXT NOT NULL,
  reply_due       TEXT NOT NULL,
  acknowledged_on TEXT NOT NULL DEFAULT '',
  decided_on      TEXT NOT NULL DEFAULT '',
  created_at      {{INT}} NOT NULL,
  updated_at      {{INT}} NOT NULL
);
CREATE INDEX complaints_region ON complaints(region_code, status);
CREATE INDEX complaints_upheld ON complaints(institution_id, outcome);

-- complaint_records: the handling record of a complaint, appended only: each move of the workflow
-- (kind 'status'), each investigation record of the handler ('note'), each transfer to another city
-- ('transfer').
CREATE TABLE complaint_records (
  id           {{ID}},
  complaint_id {{INT}} NOT NULL REFERENCES complaints(id),
  kind         TEXT NOT NULL CHECK (kind IN ('status', 'note', 'transfer')),
  from_state   TEXT NOT NULL DEFAULT '',
  to_state     TEXT NOT NULL DEFAULT '',
  text         TEXT NOT NULL DEFAULT '',
  actor_id     {{INT}} REFERENCES users(id),
  at           {{INT}} NOT NULL
);
CREATE INDEX complaint_records_complaint ON complaint_records(complaint_id, id);
