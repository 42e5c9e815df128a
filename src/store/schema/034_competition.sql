-- 034: 职业技能竞赛, the core (issue 21 items 1-3; docs/DOMAIN.md "职业技能竞赛"): the yearly provincial plan
-- (省级一类 / 二类 applications the province approves and publishes, 十强产业 first), recurring series with
-- edition numbers, competitions with their tier, organiser and period, events per occupation or WorldSkills
-- skill with groups (职工组 / 学生组 / 教师组) and each group's eligibility, nomination quotas per city or
-- institution, entries (the contestants: registration, nomination, review, the start list) and the recorded
-- seat draw; 岗位练兵 / 技术比武 participation counts and the participation target as data.
-- The marking domain (035) references competitions, competition_events and competition_entries by id.

-- the participation target (003 §20: 全省参赛人员 3 年不少于 1000 万人次), data the province may change
CREATE TABLE competition_targets (
  code       TEXT PRIMARY KEY,
  from_year  {{INT}} NOT NULL,
  to_year    {{INT}} NOT NULL,
  target     {{INT}} NOT NULL CHECK (target > 0),
  source     TEXT NOT NULL
);
INSERT INTO competition_targets (code, from_year, to_year, target, source) VALUES
  ('participation_3y', 2023, 2025, 10000000,
   '鲁政办发 (003) §20 广泛开展岗位练兵：全省参赛人员 3 年不少于 1000 万人次（含岗位练兵、技术比武）');

-- the yearly provincial plan: one row per year once the province publishes it (a year without a row is not
-- published); min_key_events is 003 §20's 每年不少于 60 项 省级重点赛事 (data)
CREATE TABLE competition_plans (
  year           {{INT}} PRIMARY KEY,
  status         TEXT NOT NULL DEFAULT 'published' CHECK (status IN ('published')),
  min_key_events {{INT}} NOT NULL DEFAULT 60,
  published_at   {{INT}} NOT NULL,
  published_by   {{INT}} NOT NULL
);

-- recurring series (技能兴鲁 乡村振兴 every year, 山东省职业技能大赛 every two years, a city's 劳动之星):
-- editions of a series are competitions with series_id and edition (UNIQUE per series)
CREATE TABLE competition_series (
  id             {{ID}},
  name           TEXT NOT NULL UNIQUE,
  organiser_name TEXT NOT NULL,
  region_code    TEXT NOT NULL,
  institution_id {{INT}} REFERENCES institutions(id),
  interval_years {{INT}} NOT NULL DEFAULT 1 CHECK (interval_years BETWEEN 1 AND 10),
  first_year     {{INT}} NOT NULL,
  created_at     {{INT}} NOT NULL
);

-- competitions. tier (core/competition.h, ordered): worldskills > national > province_1 / province_2 >
-- city / county / industry > enterprise / school. The organiser is bound by region_code (a city admin's
-- region, 370000 for the province) and, for an institution's own competition, institution_id.
-- status: draft -> applied -> approved | rejected (省级 plan applications, decided by the province);
-- draft|approved -> open (registration) -> closed (start lists drawn, then marked: 035). published = 1 once
-- the public may see it (the plan published, or registration opened).
CREATE TABLE competitions (
  id             {{ID}},
  name           TEXT NOT NULL,
  tier           TEXT NOT NULL CHECK (tier IN ('worldskills','national','province_1','province_2','city',
                   'county','industry','enterprise','school')),
  organiser_name TEXT NOT NULL,
  organiser_kind TEXT NOT NULL CHECK (organiser_kind IN ('department','association','city','enterprise',
                   'school','province')),
  region_code    TEXT NOT NULL,
  institution_id {{INT}} REFERENCES institutions(id),
  series_id      {{INT}} REFERENCES competition_series(id),
  edition        {{INT}},
  plan_year      {{INT}},
  plan_class     {{INT}} CHECK (plan_class IN (1, 2)),
  key_industry   {{INT}} NOT NULL DEFAULT 0,
  starts_on      TEXT NOT NULL,
  ends_on        TEXT NOT NULL,
  status         TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','applied','approved','rejected',
                   'open','closed')),
  published      {{INT}} NOT NULL DEFAULT 0,
  decision_reason TEXT NOT NULL DEFAULT '',
  created_by     {{INT}} NOT NULL,
  created_at     {{INT}} NOT NULL,
  updated_at     {{INT}} NOT NULL,
  UNIQUE (series_id, edition)
);
CREATE INDEX competitions_plan ON competitions(plan_year, status);
CREATE INDEX competitions_region ON competitions(region_code);

-- events of a competition: per occupation (国家职业分类大典 code) or WorldSkills skill; team_size 1 is an
-- individual event, 2.. a team event (entries share a team label); status: open -> drawn (the seat draw
-- recorded in competition_draws, the start list fixed)
CREATE TABLE competition_events (
  id                {{ID}},
  competition_id    {{INT}} NOT NULL REFERENCES competitions(id),
  name              TEXT NOT NULL,
  occupation_code   TEXT REFERENCES occupations(code),
  worldskills_skill TEXT NOT NULL DEFAULT '',
  team_size         {{INT}} NOT NULL DEFAULT 1 CHECK (team_size BETWEEN 1 AND 10),
  seats             {{INT}} NOT NULL DEFAULT 0,
  status            TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','drawn')),
  created_at        {{INT}} NOT NULL,
  UNIQUE (competition_id, name)
);

-- the groups of an event and each group's eligibility (core/competition.h comp_elig_check): age on the
-- competition's first day, the best skill level held (1 = 一级/高级技师 .. 5 = 五级; 0 no condition),
-- employment and school enrolment
CREATE TABLE competition_groups (
  id              {{ID}},
  event_id        {{INT}} NOT NULL REFERENCES competition_events(id),
  grp             TEXT NOT NULL CHECK (grp IN ('worker','student','teacher')),
  min_age         {{INT}} NOT NULL DEFAULT 0,
  max_age         {{INT}} NOT NULL DEFAULT 0,
  level_required  {{INT}} NOT NULL DEFAULT 0,
  level_excluded  {{INT}} NOT NULL DEFAULT 0,
  employment      TEXT NOT NULL DEFAULT 'any' CHECK (employment IN ('any','employed','school_staff')),
  enrolment       TEXT NOT NULL DEFAULT 'any' CHECK (enrolment IN ('any','enrolled','not_enrolled')),
  UNIQUE (event_id, grp)
);

-- nomination quotas (名额) of a competition per city (unit_region, a city code such as 370100) or per
-- institution (unit_institution_id), for one event or for every event (event_id NULL); counted in
-- contestants for an individual event and in teams for a team event
CREATE TABLE competition_quotas (
  id                  {{ID}},
  competition_id      {{INT}} NOT NULL REFERENCES competitions(id),
  event_id            {{INT}} REFERENCES competition_events(id),
  unit_region         TEXT NOT NULL DEFAULT '',
  unit_institution_id {{INT}} REFERENCES institutions(id),
  quota               {{INT}} NOT NULL CHECK (quota >= 0)
);
CREATE INDEX competition_quotas_comp ON competition_quotas(competition_id);

-- the contestants: one entry per person and event. unit_* is the 选送单位 (the nominating city or
-- institution, and its name); team is the team label in a team event. status: nominated -> approved |
-- rejected (the organiser's review), or withdrawn. seat is the workstation number drawn (competition_draws).
CREATE TABLE competition_entries (
  id                  {{ID}},
  competition_id      {{INT}} NOT NULL REFERENCES competitions(id),
  event_id            {{INT}} NOT NULL REFERENCES competition_events(id),
  group_id            {{INT}} NOT NULL REFERENCES competition_groups(id),
  grp                 TEXT NOT NULL,
  person_id           {{INT}} NOT NULL REFERENCES persons(id),
  team                TEXT NOT NULL DEFAULT '',
  unit_name           TEXT NOT NULL,
  unit_region         TEXT NOT NULL,
  unit_institution_id {{INT}} REFERENCES institutions(id),
  status              TEXT NOT NULL DEFAULT 'nominated' CHECK (status IN ('nominated','approved','rejected',
                        'withdrawn')),
  review_reason       TEXT NOT NULL DEFAULT '',
  seat                {{INT}},
  created_by          {{INT}} NOT NULL,
  created_at          {{INT}} NOT NULL,
  updated_at          {{INT}} NOT NULL,
  UNIQUE (event_id, person_id)
);
CREATE INDEX competition_entries_comp ON competition_entries(competition_id, status);
CREATE INDEX competition_entries_person ON competition_entries(person_id);

-- the seat draw of an event, recorded: the seed, the drawn units (entry ids, or team labels) in input order
-- and the seats they drew, so anyone can recompute it (core/competition.h comp_draw)
CREATE TABLE competition_draws (
  id          {{ID}},
  event_id    {{INT}} NOT NULL UNIQUE REFERENCES competition_events(id),
  seed        TEXT NOT NULL,
  algorithm   TEXT NOT NULL,
  units       TEXT NOT NULL,
  seats       TEXT NOT NULL,
  drawn_by    {{INT}} NOT NULL,
  drawn_at    {{INT}} NOT NULL
);

-- 岗位练兵 / 技术比武: participation counts by organiser, occupation and region (no marking)
CREATE TABLE competition_practice (
  id              {{ID}},
  year            {{INT}} NOT NULL,
  kind            TEXT NOT NULL CHECK (kind IN ('岗位练兵','技术比武')),
  organiser_name  TEXT NOT NULL,
  occupation_code TEXT REFERENCES occupations(code),
  region_code     TEXT NOT NULL,
  participants    {{INT}} NOT NULL CHECK (participants > 0),
  recorded_by     {{INT}} NOT NULL,
  recorded_at     {{INT}} NOT NULL
);
CREATE INDEX competition_practice_year ON competition_practice(year, region_code);
