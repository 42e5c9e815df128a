-- 070: one call for platform projects (平台载体申报通知) a year that is not cancelled, held by the database. The
-- rule was a count before the insert (calls.c, 409 call_exists); on PostgreSQL (read committed) two calls of one
-- year made at once both counted none and both were made. The insert's conflict is now answered call_exists.
-- A database already holding two live calls of one year (only a race could make them) fails this migration:
-- cancel one first (POST /api/v1/platform/calls/{id}/status) and migrate again.
CREATE UNIQUE INDEX platform_calls_one_a_year ON platform_calls(year) WHERE status <> 'cancelled';
