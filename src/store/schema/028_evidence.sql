-- 028: the content-addressed blob store (any domain's uploaded files) and the evidence of inspections
-- (issue 13 item 3; docs/DOMAIN.md "检查证据"; src/svc/base/blob.h, src/svc/supervision/evidence.c).
-- A blob is keyed by the SM3 digest of its content (64 lower-case hex digits): the same content uploaded
-- twice is one row. The content is kept as base64 text (RFC 4648 §4; the store driver binds text only).
-- Blobs are never updated or deleted by the use cases.
CREATE TABLE blobs (
  sm3        TEXT PRIMARY KEY,
  media_type TEXT NOT NULL,
  size       {{INT}} NOT NULL CHECK (size >= 0),
  content    TEXT NOT NULL,
  created_at {{INT}} NOT NULL
);

-- a photo or PDF attached to an inspection by its supervisor while it is a draft, optionally to one check
-- item of its checklist version; filename is the name the supervisor's device gave (shown, sanitised on
-- download). The same blob attached twice to the same inspection and item is one row.
CREATE TABLE inspection_evidence (
  id            {{ID}},
  inspection_id {{INT}} NOT NULL REFERENCES inspections(id),
  item_id       {{INT}} REFERENCES check_items(id),
  blob_sm3      TEXT NOT NULL REFERENCES blobs(sm3),
  filename      TEXT NOT NULL DEFAULT '',
  uploaded_by   {{INT}} NOT NULL REFERENCES users(id),
  uploaded_at   {{INT}} NOT NULL
);
CREATE INDEX inspection_evidence_inspection ON inspection_evidence(inspection_id);
CREATE INDEX inspection_evidence_blob ON inspection_evidence(blob_sm3);
