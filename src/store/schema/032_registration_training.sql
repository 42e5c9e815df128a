-- 032: 培训结业转报名 (issue 14 item 3): a registration made from a completed training class keeps the training
-- it rests on (class, institution, course, hours attended and required) as evidence for its 申报条件
-- (svc/training/completion.c; docs/DOMAIN.md §37).
CREATE TABLE registration_training (
  registration_id  {{INT}} PRIMARY KEY REFERENCES registrations(id),
  class_id         {{INT}} NOT NULL REFERENCES training_classes(id),
  institution_id   {{INT}} NOT NULL REFERENCES institutions(id),
  course_id        {{INT}} NOT NULL REFERENCES training_courses(id),
  attended_hours   {{INT}} NOT NULL CHECK (attended_hours >= 0),
  completion_hours {{INT}} NOT NULL CHECK (completion_hours > 0),
  created_at       {{INT}} NOT NULL
);
CREATE INDEX registration_training_class ON registration_training(class_id);
