/* replica.c: where a read-only node's database stands (replica.h) */
#include "util/common.h"
#include "store/replica.h"
#include "store/migrations.h"

int replica_schema_expected(const db *d)
{
	const char *dialect = db_dialect_of(d) == DB_PG ? "pg" : "sqlite";
	int have = 0;
	for (const struct migration *m = migrations; m->dialect; m++)
		if (!strcmp(m->dialect, dialect) && m->version > have)
			have = m->version;
	return have;
}

int replica_state(db *d, struct replica_state *out, err *e)
{
	memset(out, 0, sizeof *out);
	out->streaming = true;
	/* the lag: nothing received waits to be replayed -> 0 (an idle primary sends nothing, and the age of
	 * the last replayed transaction would then grow without any lag); otherwise the age of the last
	 * transaction replayed. A standby whose WAL receiver is not streaming is cut off from its primary. */
	const char *sql =
		db_dialect_of(d) == DB_PG
			? "SELECT CASE WHEN pg_is_in_recovery() THEN 1 ELSE 0 END, "
			  "CASE WHEN NOT pg_is_in_recovery() THEN 1 ELSE (SELECT COUNT(*) FROM "
			  "pg_stat_wal_receiver WHERE status = 'streaming') END, "
			  "CASE WHEN NOT pg_is_in_recovery() OR pg_last_wal_receive_lsn() = "
			  "pg_last_wal_replay_lsn() THEN 0 ELSE COALESCE(CAST(EXTRACT(EPOCH FROM now() - "
			  "pg_last_xact_replay_timestamp()) AS DOUBLE PRECISION), 0) END, "
			  "(SELECT COALESCE(MAX(version), 0) FROM schema_migrations)"
			: "SELECT 0, 1, 0.0, (SELECT COALESCE(MAX(version), 0) FROM schema_migrations)";
	db_stmt *st = db_query(d, sql, DB_NOARGS, e);
	if (!st)
		return -1;
	int rc = db_row(st, e);
	if (rc == 1) {
		out->standby = db_int(st, 0) != 0;
		out->streaming = db_int(st, 1) != 0;
		out->lag_s = db_double(st, 2);
		if (out->lag_s < 0)
			out->lag_s = 0;
		out->schema = (int)db_int(st, 3);
	}
	db_done(st);
	if (rc == 0)
		return ERR_INTERNAL(e, "replica state: no row");
	return rc < 0 ? -1 : 0;
}
