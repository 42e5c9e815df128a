/* migrate.c: versioned schema migrations, one transaction each, refusing a database newer than us. */
#include "util/common.h"
#include "store/db.h"
#include "store/migrations.h"
#include "util/log.h"
#include <time.h>

static const char *dialect_dir(db *d)
{
	return db_dialect_of(d) == DB_PG ? "pg" : "sqlite";
}

static int binary_version(db *d)
{
	int max = 0;
	for (const struct migration *m = migrations; m->dialect; m++)
		if (!strcmp(m->dialect, dialect_dir(d)) && m->version > max)
			max = m->version;
	return max;
}

int db_schema_version(db *d, int64_t *v, err *e)
{
	*v = 0;
	if (db_exec(d, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT "
		       "NOT "
		       "NULL, applied_at BIGINT NOT NULL)") != DB_OK)
		return db_rc_to_err(d, DB_ERROR, e);
	int rc = db_one_int(d, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", DB_NOARGS, v, e);
	return rc == DB_OK ? 0 : -1;
}

int db_migrate(db *d, int *applied, err *e)
{
	int64_t cur;
	*applied = 0;
	if (db_dialect_of(d) == DB_PG) {
		/* several serve nodes may start at once: one migrates, the others wait */
		if (db_exec(d, "SELECT pg_advisory_lock(727001)") != DB_OK)
			return db_rc_to_err(d, DB_ERROR, e);
	}
	int rc = -1;
	if (db_schema_version(d, &cur, e) != 0)
		goto out;
	int have = binary_version(d);
	if (cur > have) {
		err_set(e, 409, "schema_too_new", "db",
			"数据库结构版本 %lld 高于本程序支持的版本 %d，请升级 jineng",
			"database schema version %lld is newer than this binary supports (%d); upgrade "
			"jineng",
			(long long)cur, have);
		goto out;
	}
	for (int v = (int)cur + 1; v <= have; v++) {
		const struct migration *m = migrations;
		while (m->dialect && (strcmp(m->dialect, dialect_dir(d)) || m->version != v))
			m++;
		if (!m->dialect) {
			err_set(e, 500, "migration_missing", "db", "缺少数据库迁移 %d",
				"migration %d is missing", v);
			goto out;
		}
		if (db_begin(d, e) != 0)
			goto out;
		int erc = db_exec(d, m->sql);
		if (erc != DB_OK) {
			err_set(e, 500, "migration_failed", "db", "数据库迁移 %s 失败：%s",
				"migration %s failed: %s", m->name, db_errmsg(d));
			db_rollback(d);
			goto out;
		}
		if (db_run(d, "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
			   DB_ARGS(DV_I(v), DV_S(m->name), DV_I(time(NULL))), e) < 0 ||
		    db_commit(d, e) != 0) {
			db_rollback(d);
			goto out;
		}
		log_info("applied migration %s", m->name);
		(*applied)++;
	}
	rc = 0;
out:
	if (db_dialect_of(d) == DB_PG)
		db_exec(d, "SELECT pg_advisory_unlock(727001)");
	return rc;
}
