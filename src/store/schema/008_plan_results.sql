-- 008: results compiled from a plan's sittings and panels, and 公示 objections
ALTER TABLE results ADD COLUMN plan_id {{INT}} REFERENCES plans(id);
ALTER TABLE results ADD COLUMN registration_id {{INT}} REFERENCES registrations(id);
CREATE UNIQUE INDEX results_registration ON results(registration_id) WHERE registration_id IS NOT NULL;

CREATE TABLE objections (
  id           {{ID}},
  plan_id      {{INT}} NOT NULL REFERENCES plans(id),
  result_id    {{INT}} REFERENCES results(id),
  text         TEXT NOT NULL,
  contact      TEXT NOT NULL DEFAULT '',
  status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','resolved')),
  resolution   TEXT NOT NULL DEFAULT '',
  created_at   {{INT}} NOT NULL,
  resolved_at  {{INT}}
);
CREATE INDEX objections_plan ON objections(plan_id, status);
