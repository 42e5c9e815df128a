-- 030: 整改 — the rectification of each 不符合 (nonconforming) mark of a signed inspection, and the bureau's
-- confirmation of a situation that revokes a filing (issue 13 item 4; docs/DOMAIN.md "整改").
-- rectify_terms: the term in working days per problem class (1..5 as the checklist's items carry them; 0 for
-- an item the province has not classed yet). The sources at hand set no terms: every value is a [GAP]
-- default the province adjusts (each row names its source).
CREATE TABLE rectify_terms (
  problem_class {{INT}} PRIMARY KEY CHECK (problem_class BETWEEN 0 AND 5),
  days          {{INT}} NOT NULL CHECK (days BETWEEN 1 AND 250),
  source        TEXT NOT NULL
);
INSERT INTO rectify_terms (problem_class, days, source) VALUES
  (0, 10, '[GAP] 种子与 DOMAIN.md §8 未规定整改时限；未分类检查项默认 10 个工作日'),
  (1, 10, '[GAP] 种子与 DOMAIN.md §8 未规定整改时限；默认 10 个工作日'),
  (2, 10, '[GAP] 种子与 DOMAIN.md §8 未规定整改时限；默认 10 个工作日'),
  (3, 10, '[GAP] 种子与 DOMAIN.md §8 未规定整改时限；默认 10 个工作日'),
  (4, 10, '[GAP] 种子与 DOMAIN.md §8 未规定整改时限；默认 10 个工作日'),
  (5, 10, '[GAP] 种子与 DOMAIN.md §8 未规定整改时限；默认 10 个工作日');

-- rectifications: one per nonconforming mark of a signed inspection, opened in the transaction of the sign
-- (UNIQUE: a retried sign opens nothing twice). The finding is the mark's note; the term is taken from
-- rectify_terms at opening and kept (days, term_source, due_on). Dates are YYYY-MM-DD in China time;
-- responded_on is cleared when the bureau returns a response (the record keeps it), so the overdue rule
-- reads the standing response. status follows core/rectify_flow.c.
CREATE TABLE rectifications (
  id             {{ID}},
  inspection_id  {{INT}} NOT NULL REFERENCES inspections(id),
  item_id        {{INT}} NOT NULL REFERENCES check_items(id),
  institution_id {{INT}} NOT NULL REFERENCES institutions(id),
  problem_class  {{INT}},
  finding        TEXT NOT NULL,
  days           {{INT}} NOT NULL,
  term_source    TEXT NOT NULL,
  opened_on      TEXT NOT NULL,
  due_on         TEXT NOT NULL,
  status         TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','responded','escalated','closed')),
  response       TEXT NOT NULL DEFAULT '',
  responded_on   TEXT NOT NULL DEFAULT '',
  decision       TEXT NOT NULL DEFAULT '',
  escalated_on   TEXT NOT NULL DEFAULT '',
  closed_on      TEXT NOT NULL DEFAULT '',
  created_at     {{INT}} NOT NULL,
  updated_at     {{INT}} NOT NULL,
  UNIQUE (inspection_id, item_id)
);
CREATE INDEX rectifications_institution ON rectifications(institution_id, status);
CREATE INDEX rectifications_due ON rectifications(status, due_on);

-- rectification_records: the handling record, appended only: each move (kind 'status', with the response
-- or the bureau's reason as text) and each confirmed revoking situation ('revoking')
CREATE TABLE rectification_records (
  id                {{ID}},
  rectification_id  {{INT}} NOT NULL REFERENCES rectifications(id),
  kind              TEXT NOT NULL CHECK (kind IN ('status','revoking')),
  from_state        TEXT NOT NULL DEFAULT '',
  to_state          TEXT NOT NULL DEFAULT '',
  text              TEXT NOT NULL DEFAULT '',
  actor_id          {{INT}} REFERENCES users(id),
  at                {{INT}} NOT NULL
);
CREATE INDEX rectification_records_rect ON rectification_records(rectification_id, id);

-- rectification_evidence: the files (JPEG, PNG, PDF) the institution attaches to its rectification while it
-- is open, kept in the content-addressed blob store (028 blobs; svc/base/blob.h); read back within the
-- rectification's read scope. The same content attached twice to one rectification is one row.
CREATE TABLE rectification_evidence (
  id               {{ID}},
  rectification_id {{INT}} NOT NULL REFERENCES rectifications(id),
  blob_sm3         TEXT NOT NULL REFERENCES blobs(sm3),
  filename         TEXT NOT NULL DEFAULT '',
  uploaded_by      {{INT}} NOT NULL REFERENCES users(id),
  uploaded_at      {{INT}} NOT NULL,
  UNIQUE (rectification_id, blob_sm3)
);

-- revoking_confirmations: a situation of the inspection's checklist version (revocation_situations)
-- confirmed by the bureau on a rectification or directly on a signed inspection; it suspends the filing of
-- the institution through the institution status flow in the same transaction (suspended = 1 when it
-- changed the status; 0 when the institution was already suspended or had exited)
CREATE TABLE revoking_confirmations (
  id               {{ID}},
  institution_id   {{INT}} NOT NULL REFERENCES institutions(id),
  inspection_id    {{INT}} NOT NULL REFERENCES inspections(id),
  rectification_id {{INT}} REFERENCES rectifications(id),
  version          {{INT}} NOT NULL,
  code             TEXT NOT NULL,
  situation        TEXT NOT NULL,
  reason           TEXT NOT NULL,
  suspended        {{INT}} NOT NULL DEFAULT 0,
  confirmed_by     {{INT}} REFERENCES users(id),
  confirmed_on     TEXT NOT NULL,
  at               {{INT}} NOT NULL
);
CREATE INDEX revoking_confirmations_institution ON revoking_confirmations(institution_id);
