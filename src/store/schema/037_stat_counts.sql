-- 037 (issue 17's number 039, taken as the next free one): statistics counters (统计计数). One row per
-- (metric, region, occupation, level, institution type, institution, month, shard) holding a count and an
-- amount (fen, for money metrics), kept by the use cases in the same transaction as the write they count
-- (svc/stats/counters.c: INSERT ... ON CONFLICT DO UPDATE SET n = n + excluded.n), so the dashboards read
-- these rows and never scan the raw tables. `jineng stats verify` recomputes every row from the raw tables.
-- level -1: none; occupation_code, inst_type '': none; institution_id 0: none. shard 0..3: the writer's
-- (one per connection), so concurrent PostgreSQL writers of the same key mostly update different rows;
-- readers sum over the shards.
CREATE TABLE stat_counts (
  metric          TEXT NOT NULL,
  region_code     TEXT NOT NULL,
  occupation_code TEXT NOT NULL,
  level           {{INT}} NOT NULL,
  inst_type       TEXT NOT NULL,
  institution_id  {{INT}} NOT NULL,
  month           TEXT NOT NULL,
  shard           {{INT}} NOT NULL,
  n               {{INT}} NOT NULL,
  amount          {{INT}} NOT NULL,
  PRIMARY KEY (metric, region_code, occupation_code, level, inst_type, institution_id, month, shard)
);
-- an institution's dashboard
CREATE INDEX stat_counts_institution ON stat_counts(institution_id, metric, month);
