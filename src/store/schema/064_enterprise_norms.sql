-- 064 (issue 24 item 4; docs/DOMAIN.md §65; the lowest free number when it landed: versions run without gaps): 企业评价规范 — a self-evaluating enterprise's own variant of an
-- occupation's national standard, versioned and approved by the bureau; the rule of who may file one as data;
-- the plans that run on an approved version, and the registrations whose post waives the theory exam.

-- norm_filing_rules: who may file a norm (企业技能人才自主评价 in 规模以上 enterprises whose workforce is mainly
-- skilled: seed 003 §11, seed 002, seed 004). value: 1/0 for a requirement, a percentage for a share.
CREATE TABLE norm_filing_rules (
  code   TEXT PRIMARY KEY,
  value  {{INT}} NOT NULL,
  zh     TEXT NOT NULL,
  en     TEXT NOT NULL,
  source TEXT NOT NULL
);
INSERT INTO norm_filing_rules (code, value, zh, en, source) VALUES
  ('above_size_required', 1, '规模以上企业', 'an enterprise above designated size (规模以上)',
   '种子 003 §11：到 2023 年在全省规模以上企业实现全覆盖；种子 002：在以技能人才为主体的规模以上企业大力开展职业技能等级认定'),
  ('skilled_share_min_pct', 50, '技能人员占职工总数的比例不低于（%）', 'skilled workers as a share of all employees, at least (%)',
   '种子 002、004：以技能人员（技能人才）为主体 — 比例 [GAP]：种子未给出数值，按过半数（50%）设置，可由省厅调整');

-- enterprise_norms: one row per version of an enterprise's norm for one occupation. template and
-- standard_version: the national standard it varies, as it stood when the version was created. body: JSON
-- {"levels":[{level, method, knowledge, skill, options:[{id, years?}], areas:[{area, weight}],
-- waived_posts:[...]}]} (svc/evaluation/norms.c). The filing facts are the enterprise's declaration.
CREATE TABLE enterprise_norms (
  id                {{ID}},
  institution_id    {{INT}} NOT NULL REFERENCES institutions(id),
  region_code       TEXT NOT NULL,
  occupation_code   TEXT NOT NULL REFERENCES occupations(code),
  version           {{INT}} NOT NULL,
  title             TEXT NOT NULL,
  template          TEXT NOT NULL CHECK (template IN ('2018','2023')),
  standard_version  TEXT NOT NULL DEFAULT '',
  levels            {{INT}} NOT NULL,            -- bit mask as occupations.levels
  body              TEXT NOT NULL,
  above_size        {{INT}} NOT NULL,
  employees         {{INT}} NOT NULL,
  skilled_employees {{INT}} NOT NULL,
  status            TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','submitted','approved','rejected','superseded')),
  status_reason     TEXT NOT NULL DEFAULT '',
  approved_at       {{INT}},
  created_by        {{INT}},
  created_at        {{INT}} NOT NULL,
  updated_at        {{INT}} NOT NULL,
  UNIQUE (institution_id, occupation_code, version)
);
CREATE INDEX enterprise_norms_region ON enterprise_norms(region_code, status);

CREATE TABLE enterprise_norm_history (
  id         {{ID}},
  norm_id    {{INT}} NOT NULL REFERENCES enterprise_norms(id),
  from_state TEXT NOT NULL,
  to_state   TEXT NOT NULL,
  reason     TEXT NOT NULL DEFAULT '',
  actor_id   {{INT}},
  at         {{INT}} NOT NULL
);
CREATE INDEX enterprise_norm_history_norm ON enterprise_norm_history(norm_id);

-- the version a plan runs on, fixed when the plan is created (a later version does not change it)
ALTER TABLE plans ADD COLUMN norm_id {{INT}} REFERENCES enterprise_norms(id);
-- the candidate's post (岗位) and whether the plan's norm waives the theory exam for it
ALTER TABLE registrations ADD COLUMN post TEXT NOT NULL DEFAULT '';
ALTER TABLE registrations ADD COLUMN theory_waived {{INT}} NOT NULL DEFAULT 0;
-- the weighted total of a result compiled under a norm's 考评结合 (NULL otherwise)
ALTER TABLE results ADD COLUMN norm_total {{REAL}};
