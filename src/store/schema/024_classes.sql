-- 024: 培训班 (issue 14 item 3): a class of a course (dates, teacher account, capacity, the hours that
-- complete it), its enrolments, its timetable (sessions) and attendance by rotating SM2-signed check-in
-- codes (svc/training/classes.c; docs/DOMAIN.md §31).

CREATE TABLE training_classes (
  id               {{ID}},
  course_id        {{INT}} NOT NULL REFERENCES training_courses(id),
  institution_id   {{INT}} NOT NULL REFERENCES training_orgs(institution_id),
  teacher_user_id  {{INT}} NOT NULL REFERENCES users(id),
  starts_on        TEXT NOT NULL,                 -- 'YYYY-MM-DD'
  ends_on          TEXT NOT NULL CHECK (ends_on >= starts_on),
  capacity         {{INT}} NOT NULL CHECK (capacity > 0),
  completion_hours {{INT}} NOT NULL CHECK (completion_hours > 0),  -- 结业所需学时 (data, per class)
  created_at       {{INT}} NOT NULL
);
CREATE INDEX training_classes_inst ON training_classes(institution_id);

CREATE TABLE training_enrolments (
  class_id    {{INT}} NOT NULL REFERENCES training_classes(id),
  person_id   {{INT}} NOT NULL REFERENCES persons(id),
  enrolled_by {{INT}} NOT NULL,                   -- the user who enrolled them (the person or staff)
  created_at  {{INT}} NOT NULL,
  PRIMARY KEY (class_id, person_id)
);
CREATE INDEX training_enrolments_person ON training_enrolments(person_id);

CREATE TABLE training_sessions (
  id         {{ID}},
  class_id   {{INT}} NOT NULL REFERENCES training_classes(id),
  held_on    TEXT NOT NULL,                       -- 'YYYY-MM-DD'
  hours      {{INT}} NOT NULL CHECK (hours > 0 AND hours <= 12),  -- 课时 this session counts
  created_at {{INT}} NOT NULL
);
CREATE INDEX training_sessions_class ON training_sessions(class_id);

-- one check-in per trainee and session: a replayed code is refused by this key
CREATE TABLE training_attendance (
  session_id  {{INT}} NOT NULL REFERENCES training_sessions(id),
  person_id   {{INT}} NOT NULL REFERENCES persons(id),
  code_window {{INT}} NOT NULL,                   -- the 30-second window of the code scanned
  checked_at  {{INT}} NOT NULL,
  PRIMARY KEY (session_id, person_id)
);
