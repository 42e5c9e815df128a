-- 025_insurance_records: 参保记录 (unemployment-insurance periods) imported from the social-insurance
-- agency's CSV (svc/training/insurance.c). One row per person, period start and city; end_on NULL while
-- still insured. The 技能提升补贴 check reads these instead of the periods entered at the window when the
-- person has any (docs/DOMAIN.md §26).
CREATE TABLE social_insurance_periods (
  id           {{ID}},
  person_id    {{INT}} NOT NULL REFERENCES persons(id),
  start_on     TEXT NOT NULL,
  end_on       TEXT,
  region_code  TEXT NOT NULL,
  imported_at  {{INT}} NOT NULL,
  UNIQUE (person_id, start_on, region_code)
);
