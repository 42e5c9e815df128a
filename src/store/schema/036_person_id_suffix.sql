-- person_id_suffix: a keyed blind index (HMAC-SM3, crypto/pii.h, field "id_suffix") of the last 6 characters
-- of each person's ID number, beside the sealed number and the blind index of the whole one, so that staff
-- find a person by the suffix a caller reads out (证件号码后6位, issue 19) without opening any sealed value.
-- Not unique: many persons share a suffix. The server fills it for existing rows once, after migrating
-- (person_suffix_backfill: the only place that opens the sealed numbers, to index them).
ALTER TABLE persons ADD COLUMN id_suffix_index TEXT;
CREATE INDEX persons_id_suffix ON persons(id_suffix_index) WHERE id_suffix_index IS NOT NULL;
