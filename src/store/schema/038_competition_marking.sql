-- 038: 竞赛评分与成绩 (issue 21 items 4-5; docs/DOMAIN.md "竞赛评分与成绩", src/svc/competition/README.md):
-- each competition's marking rules as data (回避, the Judgement disagreement threshold, medals, 公示 days),
-- each event's marking scheme (modules → sub-criteria → aspects, out of 100 marks kept in hundredths), the
-- judges of an event with their chief expert (裁判长), the judges' scores saved idempotently from phones,
-- the chief expert's sign-off and the amendments after it, and the computed results.

-- the marking rules of a competition (a competition without a row uses these defaults). avoid_*: a judge is
-- refused for an event with a contestant of the same employer / school / city (设区市: the first four
-- digits of the region code); threshold: Judgement scores further apart than this are flagged (WorldSkills:
-- 1); gold/silver/bronze: places, or per mille of the entrants when per_mille = 1; medal_min: the lowest
-- scaled score for a medal (0: none); excellence_min: 优胜奖 from this scaled score (WorldSkills 700; < 0:
-- none); publicity_days: 公示 working days on the holiday calendar
CREATE TABLE competition_marking_rules (
  competition_id {{INT}} PRIMARY KEY REFERENCES competitions(id),
  avoid_employer {{INT}} NOT NULL DEFAULT 1,
  avoid_school   {{INT}} NOT NULL DEFAULT 1,
  avoid_city     {{INT}} NOT NULL DEFAULT 0,
  threshold      {{INT}} NOT NULL DEFAULT 1 CHECK (threshold BETWEEN 0 AND 3),
  gold           {{INT}} NOT NULL DEFAULT 1 CHECK (gold >= 0),
  silver         {{INT}} NOT NULL DEFAULT 1 CHECK (silver >= 0),
  bronze         {{INT}} NOT NULL DEFAULT 1 CHECK (bronze >= 0),
  per_mille      {{INT}} NOT NULL DEFAULT 0,
  medal_min      {{REAL}} NOT NULL DEFAULT 0,
  excellence_min {{REAL}} NOT NULL DEFAULT 700,
  publicity_days {{INT}} NOT NULL DEFAULT 5 CHECK (publicity_days BETWEEN 1 AND 30),
  updated_by     {{INT}} NOT NULL,
  updated_at     {{INT}} NOT NULL
);

-- the modules of an event's scheme in their order (the tie-break order: A first)
CREATE TABLE competition_modules (
  event_id {{INT}} NOT NULL REFERENCES competition_events(id),
  pos      {{INT}} NOT NULL,
  code     TEXT NOT NULL,
  name     TEXT NOT NULL,
  PRIMARY KEY (event_id, pos),
  UNIQUE (event_id, code)
);

-- the aspects (评分细则) under the sub-criteria (sub_code, sub_name) of a module. kind: binary (Measurement,
-- full or zero), bands (Measurement against nominal with bands JSON [{tol, pct}]), judgement (0-3 with
-- descriptors JSON ["0 …", "1 …", "2 …", "3 …"]). max_cm: the aspect's marks in hundredths.
CREATE TABLE competition_aspects (
  id          {{ID}},
  event_id    {{INT}} NOT NULL REFERENCES competition_events(id),
  pos         {{INT}} NOT NULL,
  module_pos  {{INT}} NOT NULL,
  sub_code    TEXT NOT NULL,
  sub_name    TEXT NOT NULL,
  code        TEXT NOT NULL,
  description TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('binary','bands','judgement')),
  max_cm      {{INT}} NOT NULL CHECK (max_cm BETWEEN 1 AND 10000),
  nominal     {{REAL}} NOT NULL DEFAULT 0,
  bands       TEXT NOT NULL DEFAULT '[]',
  descriptors TEXT NOT NULL DEFAULT '[]',
  UNIQUE (event_id, code)
);
CREATE INDEX competition_aspects_event ON competition_aspects(event_id, pos);

-- the judges of an event (users of role examiner); chief = 1: the chief expert (裁判长), who signs off and
-- does not mark. employer_id / school_id / city_code are what 回避 is checked against.
CREATE TABLE competition_judges (
  event_id    {{INT}} NOT NULL REFERENCES competition_events(id),
  user_id     {{INT}} NOT NULL REFERENCES users(id),
  chief       {{INT}} NOT NULL DEFAULT 0,
  employer_id {{INT}} REFERENCES institutions(id),
  school_id   {{INT}} REFERENCES institutions(id),
  city_code   TEXT NOT NULL DEFAULT '',
  assigned_by {{INT}} NOT NULL,
  assigned_at {{INT}} NOT NULL,
  PRIMARY KEY (event_id, user_id)
);
CREATE INDEX competition_judges_user ON competition_judges(user_id);

-- the marking state of an event: marking -> signed (the chief expert's sign-off locks the marks) ->
-- computed (results stored) -> published (公示 until publicity_end, a date on the holiday calendar)
CREATE TABLE competition_marking (
  event_id      {{INT}} PRIMARY KEY REFERENCES competition_events(id),
  status        TEXT NOT NULL DEFAULT 'marking' CHECK (status IN ('marking','signed','computed','published')),
  signed_by     {{INT}},
  signed_at     {{INT}},
  computed_at   {{INT}},
  published_at  {{INT}},
  publicity_end TEXT
);

-- the scores: one row per contestant, aspect and judge (slot = the judge's user id for a Judgement aspect,
-- 0 for a Measurement aspect, which the judges enter once). value: 0..3, 0/1, or the measured value. seq is
-- the client's sequence number: a save with a seq not above the stored one changes nothing (a replay from a
-- phone that lost the network is harmless). revision counts changes of the value (re-marking).
CREATE TABLE competition_scores (
  entry_id   {{INT}} NOT NULL REFERENCES competition_entries(id),
  aspect_id  {{INT}} NOT NULL REFERENCES competition_aspects(id),
  slot       {{INT}} NOT NULL,
  event_id   {{INT}} NOT NULL REFERENCES competition_events(id),
  judge_id   {{INT}} NOT NULL REFERENCES users(id),
  value      {{REAL}} NOT NULL,
  seq        {{INT}} NOT NULL,
  revision   {{INT}} NOT NULL DEFAULT 0,
  updated_at {{INT}} NOT NULL,
  PRIMARY KEY (entry_id, aspect_id, slot)
);
CREATE INDEX competition_scores_event ON competition_scores(event_id, entry_id, aspect_id, value);

-- the marks as signed off: per contestant and aspect the scores' count, sum, lowest and highest, written by the
-- chief expert's sign-off (and kept by each amendment after it), so the results of a whole games are computed
-- from 1/J of the score rows (bench/competition.sh: 288,000 rows instead of 1,440,000)
CREATE TABLE competition_aspect_marks (
  entry_id  {{INT}} NOT NULL REFERENCES competition_entries(id),
  aspect_id {{INT}} NOT NULL REFERENCES competition_aspects(id),
  event_id  {{INT}} NOT NULL REFERENCES competition_events(id),
  n         {{INT}} NOT NULL,
  total     {{REAL}} NOT NULL,
  lo        {{REAL}} NOT NULL,
  hi        {{REAL}} NOT NULL,
  PRIMARY KEY (entry_id, aspect_id)
);
-- covering: the results read an event's rows from the index alone
CREATE INDEX competition_aspect_marks_event ON competition_aspect_marks(event_id, entry_id, aspect_id, n, total, lo, hi);

-- changes after the sign-off, each with its recorded reason (also in the audit archive)
CREATE TABLE competition_amendments (
  id         {{ID}},
  event_id   {{INT}} NOT NULL REFERENCES competition_events(id),
  entry_id   {{INT}} NOT NULL REFERENCES competition_entries(id),
  aspect_id  {{INT}} NOT NULL REFERENCES competition_aspects(id),
  judge_id   {{INT}} NOT NULL REFERENCES users(id),
  old_value  {{REAL}},
  new_value  {{REAL}} NOT NULL,
  reason     TEXT NOT NULL,
  at         {{INT}} NOT NULL
);
CREATE INDEX competition_amendments_event ON competition_amendments(event_id);

-- the results of an event (one row per contestant): the raw total and module totals (JSON array of
-- hundredths, in the scheme's order), the WorldSkills-scale score, the rank and the medal
CREATE TABLE competition_results (
  event_id  {{INT}} NOT NULL REFERENCES competition_events(id),
  entry_id  {{INT}} NOT NULL REFERENCES competition_entries(id),
  total_cm  {{INT}} NOT NULL,
  modules   TEXT NOT NULL,
  scaled    {{REAL}} NOT NULL,
  place     {{INT}} NOT NULL,
  medal     TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (event_id, entry_id)
);
