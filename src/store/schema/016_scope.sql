-- 016: ownership for the data scope (docs/security/scope.md).
-- A result entered outside a plan is a province correction of a historical record and says why; results
-- compiled from a plan have NULL here. Certificates are issued only from results of a plan whose 公示 has
-- ended, or from such corrections.
ALTER TABLE results ADD COLUMN correction_reason TEXT;
-- Blueprints are owned: institution_id 0 is the province-wide blueprint of an occupation and level (set by
-- the province only), any other value an institution's own (set by that institution only, for occupations
-- it is filed for). Paper assembly prefers the institution's own.
CREATE TABLE blueprints_owned (
  institution_id  {{INT}} NOT NULL DEFAULT 0,
  occupation_code TEXT NOT NULL,
  level           {{INT}} NOT NULL,
  area            TEXT NOT NULL,
  kind            TEXT NOT NULL,
  count           {{INT}} NOT NULL,
  PRIMARY KEY (institution_id, occupation_code, level, area, kind)
);
INSERT INTO blueprints_owned (institution_id, occupation_code, level, area, kind, count)
  SELECT 0, occupation_code, level, area, kind, count FROM blueprints;
DROP TABLE blueprints;
ALTER TABLE blueprints_owned RENAME TO blueprints;
