-- 041: 选拔与集训 (issue 21 item 7; docs/DOMAIN.md "竞赛选拔与集训", src/svc/competition/README.md): the
-- provincial selection pool for 中国技能大赛 and 世界技能大赛 (seed 003 §19: 将金牌选手纳入中国技能大赛、世界技能大赛参赛
-- 选手省级层面遴选和集训范围), the 集训 squads per skill with their 集训基地 (an institution; 省级重点 or 省级,
-- 003 §21), coaches, the members with their 选送单位 and 集训基地, and the selection rounds (选拔赛): events of
-- competitions marked and ranked by the marking of 038, whose entries come from the squad.

-- the pool: one row per target, skill and person (idempotent: a second gold of the same person in the same
-- skill keeps the first row). target: worldskills (世界技能大赛) or national (中国技能大赛); skill: the event's
-- WorldSkills skill, or the skill named when the event entered the pool, or the occupation's name. The row
-- keeps the result it came from (the provincial event, the entry, its place, scaled score and medal).
CREATE TABLE competition_pool (
  id                    {{ID}},
  target                TEXT NOT NULL CHECK (target IN ('worldskills','national')),
  skill                 TEXT NOT NULL,
  person_id             {{INT}} NOT NULL REFERENCES persons(id),
  source_competition_id {{INT}} NOT NULL REFERENCES competitions(id),
  source_event_id       {{INT}} NOT NULL REFERENCES competition_events(id),
  source_entry_id       {{INT}} NOT NULL REFERENCES competition_entries(id),
  place                 {{INT}} NOT NULL,
  scaled                {{REAL}} NOT NULL,
  medal                 TEXT NOT NULL,
  added_by              {{INT}} NOT NULL,
  added_at              {{INT}} NOT NULL,
  UNIQUE (target, skill, person_id)
);
CREATE INDEX competition_pool_event ON competition_pool(source_event_id);

-- a 集训 squad: one per target, skill and year, trained at its 集训基地 (base_level key: 省级重点集训基地,
-- provincial: 省级集训基地)
CREATE TABLE competition_squads (
  id                  {{ID}},
  target              TEXT NOT NULL CHECK (target IN ('worldskills','national')),
  skill               TEXT NOT NULL,
  year                {{INT}} NOT NULL,
  name                TEXT NOT NULL,
  base_institution_id {{INT}} NOT NULL REFERENCES institutions(id),
  base_level          TEXT NOT NULL DEFAULT 'provincial' CHECK (base_level IN ('key','provincial')),
  created_by          {{INT}} NOT NULL,
  created_at          {{INT}} NOT NULL,
  updated_at          {{INT}} NOT NULL,
  UNIQUE (target, skill, year)
);

-- the coaches of a squad (role head 主教练, coach 教练, expert 技术指导专家), replaced as a whole
CREATE TABLE competition_squad_coaches (
  squad_id       {{INT}} NOT NULL REFERENCES competition_squads(id),
  pos            {{INT}} NOT NULL,
  name           TEXT NOT NULL,
  role           TEXT NOT NULL CHECK (role IN ('head','coach','expert')),
  institution_id {{INT}} REFERENCES institutions(id),
  PRIMARY KEY (squad_id, pos)
);

-- the members: from the pool of the squad's target and skill, each with the 选送单位 (sending_unit_id) and the
-- 集训基地 (training_base_id, the squad's base unless another); the prize rule of 003 §21 (基地、单位不重复享受)
-- reads these two. status: active, left (left the squad, with a reason).
CREATE TABLE competition_squad_members (
  id               {{ID}},
  squad_id         {{INT}} NOT NULL REFERENCES competition_squads(id),
  person_id        {{INT}} NOT NULL REFERENCES persons(id),
  pool_id          {{INT}} NOT NULL REFERENCES competition_pool(id),
  sending_unit_id  {{INT}} NOT NULL REFERENCES institutions(id),
  training_base_id {{INT}} NOT NULL REFERENCES institutions(id),
  status           TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','left')),
  reason           TEXT NOT NULL DEFAULT '',
  added_by         {{INT}} NOT NULL,
  added_at         {{INT}} NOT NULL,
  UNIQUE (squad_id, person_id)
);
CREATE INDEX competition_squad_members_person ON competition_squad_members(person_id);

-- the selection rounds (选拔赛) of a squad, in order: an event of a competition (tier worldskills or national,
-- as the squad's target) whose approved entries are the squad's active members
CREATE TABLE competition_squad_rounds (
  squad_id       {{INT}} NOT NULL REFERENCES competition_squads(id),
  event_id       {{INT}} NOT NULL UNIQUE REFERENCES competition_events(id),
  pos            {{INT}} NOT NULL,
  added_by       {{INT}} NOT NULL,
  added_at       {{INT}} NOT NULL,
  PRIMARY KEY (squad_id, event_id)
);
