-- 059 模拟练习 (practice papers; issue 23 item 4; docs/DOMAIN.md §62; svc/cultivation/practice.c).
-- The practice pool: an item of the bank is released to practice by its bank's editor (the province for the
-- province's bank, an institution for its own) with an explanation; the release holds for every version of the
-- item (its item_key: a revision of a released item is as public as the item) and takes the item out of every
-- real exam's draw (svc/exam/sitting.c) — an item is in the secret exam pool or in the open practice pool, never
-- both. A learner's practice papers are drawn from the pool only, by the exam chain's paper assembly, and kept
-- here: nothing of them enters attempts, answers, results, item_exposure or the item statistics.
CREATE TABLE practice_items (
  item_key       {{INT}} PRIMARY KEY,           -- items.item_key: every version of the item
  institution_id {{INT}} REFERENCES institutions(id), -- the bank it came from (NULL: the province's)
  explanation    TEXT NOT NULL DEFAULT '',      -- 解析, shown with the key after a practice paper is submitted
  released_by    {{INT}} NOT NULL,
  released_at    {{INT}} NOT NULL,
  updated_at     {{INT}} NOT NULL
);

-- the limits as data, per region: the province's row (370000) for everyone, a city's row for the learners of
-- that city. [GAP] the seeds give no number: 5 papers a day of 20 items are this implementation's defaults.
CREATE TABLE practice_rules (
  region_code     TEXT PRIMARY KEY,             -- 370000 or a city (checked against regions by the use case)
  papers_per_day  {{INT}} NOT NULL CHECK (papers_per_day BETWEEN 0 AND 100),
  items_per_paper {{INT}} NOT NULL CHECK (items_per_paper BETWEEN 1 AND 100),
  source          TEXT NOT NULL,
  updated_by      {{INT}},
  updated_at      {{INT}} NOT NULL
);
INSERT INTO practice_rules (region_code, papers_per_day, items_per_paper, source, updated_at) VALUES
  ('370000', 5, 20, '[GAP] 种子未规定模拟练习次数与题量：每人每日 5 套、每套 20 题为本系统默认值', 0);

-- a learner's practice paper: drawn once (paper: [{item, order}] as core/paper.c gives it; sheet: what is shown,
-- no keys), answered and submitted once, then scored (all or nothing per item, as the exam chain grades)
CREATE TABLE practice_papers (
  id              {{ID}},
  person_id       {{INT}} NOT NULL REFERENCES persons(id),
  region_code     TEXT NOT NULL,                -- the learner's region at the start (the rule that applied)
  occupation_code TEXT NOT NULL REFERENCES occupations(code),
  level           {{INT}} NOT NULL,
  course_id       {{INT}} REFERENCES elearn_courses(id), -- when practised from an online course
  paper           TEXT NOT NULL,
  sheet           TEXT NOT NULL,
  nitems          {{INT}} NOT NULL,
  status          TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'submitted')),
  answers         TEXT NOT NULL DEFAULT '[]',   -- original letters by position, once submitted
  score           {{REAL}},
  total_points    {{REAL}} NOT NULL,
  correct         {{INT}},
  started_at      {{INT}} NOT NULL,
  submitted_at    {{INT}}
);
CREATE INDEX practice_papers_person ON practice_papers(person_id, started_at);

-- papers started per learner and China Standard Time day: the daily limit is a conditional update of this row
-- (two starts at once on two nodes cannot both take the last paper of the day)
CREATE TABLE practice_days (
  person_id {{INT}} NOT NULL REFERENCES persons(id),
  day       {{INT}} NOT NULL,                   -- the day's start, Unix seconds (core/practice.c)
  papers    {{INT}} NOT NULL,
  PRIMARY KEY (person_id, day)
);
