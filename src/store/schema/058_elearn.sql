-- 058 线上学习培训 and 知识竞赛 (issue 23 item 4; docs/DOMAIN.md §55; svc/cultivation/elearn.c, contest.c).
-- An online course is a list of resources (video, PDF, HTML page) whose content is in the blob store
-- (migration 028) under its SM3 key; a learner's time is counted from heartbeats of a viewing session, one
-- live session per learner (the partial unique index: no two devices or tabs at once), and the whole 学时
-- earned on a course tied to a 培训班 count toward that class's completion and its subsidy hours.
-- A 知识竞赛 round is a paper drawn from the item bank (core/paper.c), open to every learner between its
-- opening and its deadline, each contestant timed from their start; it is scored once, at the deadline.
CREATE TABLE elearn_courses (
  id              {{ID}},
  title           TEXT NOT NULL,
  summary         TEXT NOT NULL DEFAULT '',
  occupation_code TEXT REFERENCES occupations(code),
  level           {{INT}},
  region_code     TEXT NOT NULL REFERENCES regions(code), -- whose course: the province (370000) or a city
  institution_id  {{INT}} REFERENCES institutions(id),      -- the provider (a training institution), or none
  class_id        {{INT}} REFERENCES training_classes(id),  -- the 培训班 its 学时 count toward, or none
  hour_minutes    {{INT}} NOT NULL CHECK (hour_minutes BETWEEN 1 AND 120), -- minutes of learning a 学时
  max_hours       {{INT}} NOT NULL CHECK (max_hours > 0),  -- the 学时 the course can give at most
  status          TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'withdrawn')),
  created_by      {{INT}} NOT NULL,
  created_at      {{INT}} NOT NULL,
  updated_at      {{INT}} NOT NULL
);
CREATE INDEX elearn_courses_class ON elearn_courses(class_id) WHERE class_id IS NOT NULL;

CREATE TABLE elearn_resources (
  id         {{ID}},
  course_id  {{INT}} NOT NULL REFERENCES elearn_courses(id),
  pos        {{INT}} NOT NULL,
  title      TEXT NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('video', 'pdf', 'html')),
  sm3        TEXT NOT NULL,                    -- the content in blobs
  media_type TEXT NOT NULL,
  size       {{INT}} NOT NULL,
  seconds    {{INT}} NOT NULL CHECK (seconds > 0), -- a video's length; a document's reading time (its author's)
  created_at {{INT}} NOT NULL,
  UNIQUE (course_id, pos)
);

-- a learner on a course: the seconds credited and the whole 学时 they make (at most max_hours)
CREATE TABLE elearn_enrolments (
  course_id  {{INT}} NOT NULL REFERENCES elearn_courses(id),
  person_id  {{INT}} NOT NULL REFERENCES persons(id),
  credited_s {{INT}} NOT NULL DEFAULT 0,
  hours      {{INT}} NOT NULL DEFAULT 0,
  refused_s  {{INT}} NOT NULL DEFAULT 0,       -- seconds reported but not credited (the checks)
  created_at {{INT}} NOT NULL,
  updated_at {{INT}} NOT NULL,
  PRIMARY KEY (course_id, person_id)
);
CREATE INDEX elearn_enrolments_person ON elearn_enrolments(person_id);

CREATE TABLE elearn_progress (
  person_id  {{INT}} NOT NULL REFERENCES persons(id),
  resource_id {{INT}} NOT NULL REFERENCES elearn_resources(id),
  course_id  {{INT}} NOT NULL,
  credited_s {{INT}} NOT NULL DEFAULT 0,       -- at most the resource's seconds
  position_s {{INT}} NOT NULL DEFAULT 0,       -- where the learner was last
  updated_at {{INT}} NOT NULL,
  PRIMARY KEY (person_id, resource_id)
);

-- a viewing session: one device and one tab of a learner on one resource, kept by heartbeats
CREATE TABLE elearn_sessions (
  id              {{ID}},
  person_id       {{INT}} NOT NULL REFERENCES persons(id),
  course_id       {{INT}} NOT NULL REFERENCES elearn_courses(id),
  resource_id     {{INT}} NOT NULL REFERENCES elearn_resources(id),
  device_id       TEXT NOT NULL,
  tab_id          TEXT NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('live', 'ended')),
  ended_reason    TEXT,                        -- closed, lapsed, absent
  started_at      {{INT}} NOT NULL,
  last_beat_at    {{INT}} NOT NULL,
  position_s      {{INT}} NOT NULL DEFAULT 0,
  beats           {{INT}} NOT NULL DEFAULT 0,
  credited_s      {{INT}} NOT NULL DEFAULT 0,
  refused_s       {{INT}} NOT NULL DEFAULT 0,
  last_verdict    TEXT NOT NULL DEFAULT '',
  presence_due_at {{INT}} NOT NULL,           -- when the next presence check is asked
  presence_code   TEXT,                        -- the check asked and not yet answered
  presence_asked_at {{INT}},
  presence_passed {{INT}} NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX elearn_sessions_live ON elearn_sessions(person_id) WHERE status = 'live';
CREATE INDEX elearn_sessions_person ON elearn_sessions(person_id, started_at);

CREATE TABLE contest_rounds (
  id              {{ID}},
  title           TEXT NOT NULL,
  occupation_code TEXT NOT NULL REFERENCES occupations(code),
  level           {{INT}} NOT NULL,
  region_code     TEXT NOT NULL REFERENCES regions(code), -- the organiser: the province or a city
  opens_at        {{INT}} NOT NULL,
  closes_at       {{INT}} NOT NULL CHECK (closes_at > opens_at), -- the deadline: no answer after it
  minutes         {{INT}} NOT NULL CHECK (minutes > 0),  -- each contestant's time from their start
  paper           TEXT NOT NULL,                -- JSON [{item, order}] drawn by core/paper.c
  sheet           TEXT NOT NULL,                -- JSON: the paper as shown (stems, options in order), no keys
  nitems          {{INT}} NOT NULL,
  status          TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'scored')),
  contestants     {{INT}} NOT NULL DEFAULT 0,
  scored_at       {{INT}},
  score_ms        {{INT}},
  pairs_tested    {{INT}},
  pairs_flagged   {{INT}},
  created_by      {{INT}} NOT NULL,
  created_at      {{INT}} NOT NULL
);
CREATE INDEX contest_rounds_due ON contest_rounds(closes_at) WHERE status = 'open';

CREATE TABLE contest_entries (
  round_id    {{INT}} NOT NULL REFERENCES contest_rounds(id),
  person_id   {{INT}} NOT NULL REFERENCES persons(id),
  employer_id {{INT}},                        -- persons.employer_id at the start
  city_code   TEXT NOT NULL,                  -- the person's city at the start
  started_at  {{INT}} NOT NULL,
  deadline    {{INT}} NOT NULL,               -- min(start + minutes, the round's deadline)
  answers     TEXT NOT NULL DEFAULT '[]',     -- JSON array, original option letters by paper position
  answered_at {{INT}},
  submitted   {{INT}} NOT NULL DEFAULT 0,
  score       {{REAL}},
  correct     {{INT}},
  rank        {{INT}},
  flagged     {{INT}} NOT NULL DEFAULT 0,     -- in a pair the collusion check flagged
  PRIMARY KEY (round_id, person_id)
);

-- the pairs the exam chain's collusion check (psy_collusion) flagged in a round
CREATE TABLE contest_flags (
  round_id        {{INT}} NOT NULL REFERENCES contest_rounds(id),
  person_a        {{INT}} NOT NULL,
  person_b        {{INT}} NOT NULL,
  identical       {{INT}} NOT NULL,
  identical_wrong {{INT}} NOT NULL,
  omega           {{REAL}} NOT NULL,
  p               {{REAL}} NOT NULL,
  PRIMARY KEY (round_id, person_a, person_b)
);
