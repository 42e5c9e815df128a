-- 055 (given 056; the next free number at landing: 051-054 landed first) 使用与激励, the rest (issue 22; docs/DOMAIN.md §58):
-- the registry's life events that stop allowances automatically, and the panels of the selection rounds.

-- persons.life_status: active, deceased or left_province (人员状态), set by the registry's life events
-- (svc/registry/life_events.c); a person's other records keep their rows.
ALTER TABLE persons ADD COLUMN life_status TEXT NOT NULL DEFAULT 'active';

-- person_life_events: a death (去世) or a move out of the province (调离本省) recorded by the province or the
-- person's city, with the day it happened and its source (a notice, a transfer letter); at most one of each
-- kind a person. The same transaction stops the person's appointments that draw allowances
-- (svc/incentive/allowances.c allowances_person_event) and recovers what was paid for later months.
CREATE TABLE person_life_events (
  id          {{ID}},
  person_id   {{INT}} NOT NULL REFERENCES persons(id),
  kind        TEXT NOT NULL CHECK (kind IN ('death','left_province')),
  occurred_on TEXT NOT NULL,
  source      TEXT NOT NULL,
  note        TEXT NOT NULL DEFAULT '',
  stopped     {{INT}} NOT NULL DEFAULT 0,
  recorded_by {{INT}},
  created_at  {{INT}} NOT NULL
);
CREATE UNIQUE INDEX person_life_events_once ON person_life_events(person_id, kind);

-- selection_round_panel: the experts (examiner accounts) of a selection round's review, as the posts'
-- post_round_panel: each scores every nomination independently unless 回避 applies
-- (svc/evaluation/practical.h avoidance_reason: a declared avoidance or the same employer). A round without a
-- panel takes the province's entries for any examiner (min_experts each), as before.
CREATE TABLE selection_round_panel (
  round_id {{INT}} NOT NULL REFERENCES selection_rounds(id),
  user_id  {{INT}} NOT NULL REFERENCES users(id),
  PRIMARY KEY (round_id, user_id)
);
