-- 012: items carry their 鉴定要素细目表 code (e.g. A-01-003: knowledge area, chapter, element) beside their
-- knowledge area, and belong either to the whole province (institution_id NULL) or to one institution's bank
ALTER TABLE items ADD COLUMN knowledge_code TEXT NOT NULL DEFAULT '';
ALTER TABLE items ADD COLUMN institution_id {{INT}} REFERENCES institutions(id);
CREATE INDEX items_stem ON items(occupation_code, level, stem);
