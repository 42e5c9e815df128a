-- 068: the 培训地图's candidate statement (src/svc/training/map.c) read from indexes alone on PostgreSQL.
-- It takes the sites in a box from the spatial index, the open course of each site, and tests the
-- institution's and its filing's status; on PostgreSQL each of those read the table's row after the index
-- entry (about 470 buffer reads for 42 sites). With the columns the statement reads in the indexes, and the
-- visibility map set (autovacuum), every step is an index-only scan (about 320 reads): docs/PERFORMANCE.md,
-- 培训地图. The GiST index includes the site's id and coordinates (INCLUDE: PostgreSQL's alone, like the index
-- itself); the three B-tree indexes are the same on both engines (SQLite reads them as covering indexes, where
-- the rowid already was; test_schema holds the two schemas equal).
{{PG}}CREATE INDEX training_sites_spatial_cover ON training_sites USING gist (ll_to_earth(latitude, longitude)) INCLUDE (id, latitude, longitude);
{{PG}}DROP INDEX training_sites_spatial;
{{PG}}ALTER INDEX training_sites_spatial_cover RENAME TO training_sites_spatial;
CREATE INDEX training_courses_site_cover ON training_courses(site_id, status, institution_id, id);
DROP INDEX training_courses_site_status;
CREATE INDEX institutions_status ON institutions(id, status);
CREATE INDEX training_orgs_status ON training_orgs(institution_id, status);
