-- 005: 认定计划 (evaluation plans), their state history, and 报名 (registrations with 资格审核)
CREATE TABLE plans (
  id              {{ID}},
  institution_id  {{INT}} NOT NULL REFERENCES institutions(id),
  occupation_code TEXT NOT NULL REFERENCES occupations(code),
  work_type       TEXT NOT NULL DEFAULT '',
  level           {{INT}} NOT NULL,
  template        TEXT NOT NULL DEFAULT '2023',      -- 申报条件 template of the occupation's standard
  title           TEXT NOT NULL,
  reg_start       TEXT NOT NULL,
  reg_end         TEXT NOT NULL,
  exam_date       TEXT NOT NULL,
  capacity        {{INT}} NOT NULL,
  subjects        TEXT NOT NULL,                     -- theory|practical|review
  publicity_days  {{INT}} NOT NULL DEFAULT 5,
  publicity_end   TEXT,
  status          TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','filed','open','examining','scoring','publicity','certified','archived')),
  status_reason   TEXT NOT NULL DEFAULT '',
  created_by      {{INT}},
  created_at      {{INT}} NOT NULL,
  updated_at      {{INT}} NOT NULL
);
CREATE INDEX plans_institution ON plans(institution_id, status);

CREATE TABLE plan_history (
  id         {{ID}},
  plan_id    {{INT}} NOT NULL REFERENCES plans(id),
  from_state TEXT NOT NULL,
  to_state   TEXT NOT NULL,
  reason     TEXT NOT NULL DEFAULT '',
  actor_id   {{INT}},
  at         {{INT}} NOT NULL
);
CREATE INDEX plan_history_plan ON plan_history(plan_id);

CREATE TABLE registrations (
  id             {{ID}},
  plan_id        {{INT}} NOT NULL REFERENCES plans(id),
  person_id      {{INT}} NOT NULL REFERENCES persons(id),
  option_id      TEXT NOT NULL,
  eligible       {{INT}} NOT NULL,
  failed_code    TEXT,
  failed_message TEXT,
  status         TEXT NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted','approved','rejected')),
  review_reason  TEXT NOT NULL DEFAULT '',
  reviewed_by    {{INT}},
  created_at     {{INT}} NOT NULL,
  UNIQUE (plan_id, person_id)
);
CREATE INDEX registrations_person ON registrations(person_id);
