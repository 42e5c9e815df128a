-- 045 (numbered 042 while 042-044 are not all on main; the next free number at landing): 贯通, the rest (issue 22 items 5, 7, 8; docs/DOMAIN.md §45, §46): 一评双证 as a rule kind of its own
-- ('dual': one evaluation, both a title record and a level certificate), the occupations a title series
-- matches (职称 → 技能等级 needs "相关职业"), the level certificates a 贯通 decision issues through the
-- certificate chain with their basis, the holder's consent to show public honours on verification, and the
-- province's management of 惠才卡 service providers (suspension, key rotation).

-- title_rules and title_applications: the kind gains 'dual'. PostgreSQL changes the CHECK in place; SQLite
-- cannot, so there both tables are rebuilt (applications first: they reference the rules; the rename rewrites
-- the reference) with the new columns of title_applications below.
{{PG}}ALTER TABLE title_rules DROP CONSTRAINT title_rules_kind_check;
{{PG}}ALTER TABLE title_rules ADD CONSTRAINT title_rules_kind_check CHECK (kind IN ('skill_to_title','green_channel','title_to_level','dual'));
{{PG}}ALTER TABLE title_applications DROP CONSTRAINT title_applications_kind_check;
{{PG}}ALTER TABLE title_applications ADD CONSTRAINT title_applications_kind_check CHECK (kind IN ('skill_to_title','green_channel','title_to_level','dual'));
{{SQLITE}}CREATE TABLE title_rules_v45 (id INTEGER PRIMARY KEY, series TEXT NOT NULL REFERENCES title_series(code), kind TEXT NOT NULL CHECK (kind IN ('skill_to_title','green_channel','title_to_level','dual')), from_level INTEGER NOT NULL DEFAULT 0, from_rank INTEGER NOT NULL DEFAULT 0, years INTEGER NOT NULL DEFAULT 0, appraisal_years INTEGER NOT NULL DEFAULT 0, honour TEXT NOT NULL DEFAULT '', honour_name TEXT NOT NULL DEFAULT '', to_rank INTEGER NOT NULL DEFAULT 0, to_level INTEGER NOT NULL DEFAULT 0, source TEXT NOT NULL, active INTEGER NOT NULL DEFAULT 1, created_at INTEGER NOT NULL DEFAULT 0, updated_at INTEGER NOT NULL DEFAULT 0);
{{SQLITE}}INSERT INTO title_rules_v45 SELECT id, series, kind, from_level, from_rank, years, appraisal_years, honour, honour_name, to_rank, to_level, source, active, created_at, updated_at FROM title_rules;
{{SQLITE}}CREATE TABLE title_applications_v45 (id INTEGER PRIMARY KEY, person_id INTEGER NOT NULL REFERENCES persons(id), region_code TEXT NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('skill_to_title','green_channel','title_to_level','dual')), series TEXT NOT NULL REFERENCES title_series(code), to_rank INTEGER NOT NULL DEFAULT 0, to_level INTEGER NOT NULL DEFAULT 0, occupation_code TEXT NOT NULL DEFAULT '', honour TEXT NOT NULL DEFAULT '', rule_id INTEGER REFERENCES title_rules_v45(id), status TEXT NOT NULL, decision TEXT NOT NULL, city_opinion TEXT NOT NULL DEFAULT '', province_opinion TEXT NOT NULL DEFAULT '', title_id INTEGER REFERENCES person_titles(id), applied_on TEXT NOT NULL, decided_on TEXT NOT NULL DEFAULT '', created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
{{SQLITE}}INSERT INTO title_applications_v45 SELECT id, person_id, region_code, kind, series, to_rank, to_level, occupation_code, honour, rule_id, status, decision, city_opinion, province_opinion, title_id, applied_on, decided_on, created_at, updated_at FROM title_applications;
{{SQLITE}}DROP TABLE title_applications;
{{SQLITE}}DROP TABLE title_rules;
{{SQLITE}}ALTER TABLE title_rules_v45 RENAME TO title_rules;
{{SQLITE}}ALTER TABLE title_applications_v45 RENAME TO title_applications;
{{SQLITE}}CREATE INDEX title_rules_series ON title_rules(series, kind);
{{SQLITE}}CREATE INDEX title_applications_person ON title_applications(person_id);
{{SQLITE}}CREATE INDEX title_applications_region ON title_applications(region_code, status);
{{SQLITE}}CREATE UNIQUE INDEX title_applications_live ON title_applications(person_id, kind, series, to_rank, to_level, occupation_code) WHERE status IN ('submitted','recommended');

-- a title_to_level or dual application names the evaluation institution (认定机构) that issues the level
-- certificate through the certificate chain; certificate_id is the certificate the approval issued
ALTER TABLE title_applications ADD COLUMN institution_id {{INT}} REFERENCES institutions(id);
ALTER TABLE title_applications ADD COLUMN certificate_id {{INT}} REFERENCES certificates(id);

-- title_series_occupations: the occupations (职业编码 prefixes: '6-18' a 中类, '6-18-01-01' one occupation) a
-- series matches for 职称 → 技能等级 ("取得相关职业…职称"). [GAP] the seeds name none: the province lists them;
-- a series without a list leaves the match to the reviewing city (the check says so).
CREATE TABLE title_series_occupations (
  series  TEXT NOT NULL REFERENCES title_series(code),
  prefix  TEXT NOT NULL,
  PRIMARY KEY (series, prefix)
);

-- certificates: the basis of a certificate issued by a decision rather than an exam result (贯通 /
-- 一评双证: "职称贯通（申请 N）：中级职称 工程师 2020-05-01 + 1 年"), shown with the certificate
ALTER TABLE certificates ADD COLUMN basis TEXT NOT NULL DEFAULT '';

-- persons: the holder's consent to show their public honours on the verification page of their
-- certificates (off by default; set by the person, audited as person.public_honours)
ALTER TABLE persons ADD COLUMN public_honours {{INT}} NOT NULL DEFAULT 0;

-- card_providers: suspension (active 0) with its reason and time, and the time the key was last rotated
ALTER TABLE card_providers ADD COLUMN suspended_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE card_providers ADD COLUMN suspended_at {{INT}} NOT NULL DEFAULT 0;
ALTER TABLE card_providers ADD COLUMN key_rotated_at {{INT}} NOT NULL DEFAULT 0;
