/* dbtest.h: the database of a unit test: SQLite in a file of its own under /tmp, or the PostgreSQL database
 * JINENG_TEST_PG names (scripts/test-all.sh runs the store's tests there too), migrated. */
#ifndef JINENG_DBTEST_H
#define JINENG_DBTEST_H

#include "util/common.h"
#include "store/db.h"
#include <stdlib.h>
#include <unistd.h>

static char dbtest_url[512], dbtest_path[128];

/* the PostgreSQL URL of JINENG_TEST_PG, or NULL */
static inline const char *dbtest_pg_url(void)
{
	const char *u = getenv("JINENG_TEST_PG");
	return u && *u ? u : NULL;
}

/* dbtest_use: SQLite at /tmp/jineng-<name>-<pid>.db (removed first), or JINENG_TEST_PG's database */
static inline void dbtest_use(const char *name)
{
	if (dbtest_pg_url()) {
		snprintf(dbtest_url, sizeof dbtest_url, "%s", dbtest_pg_url());
		return;
	}
	snprintf(dbtest_path, sizeof dbtest_path, "/tmp/jineng-%s-%d.db", name, (int)getpid());
	unlink(dbtest_path);
	snprintf(dbtest_url, sizeof dbtest_url, "sqlite:%s", dbtest_path);
}

/* dbtest_remove: the SQLite file and its WAL and shared-memory files */
static inline void dbtest_remove(void)
{
	if (!dbtest_path[0])
		return;
	char p[160];
	unlink(dbtest_path);
	snprintf(p, sizeof p, "%s-wal", dbtest_path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", dbtest_path);
	unlink(p);
}

/* group set-ups for a test that runs its tests on SQLite, then again on PostgreSQL when JINENG_TEST_PG is
 * set (cmocka_run_group_tests_name(..., dbtest_group_sqlite, dbtest_group_done) and then with
 * dbtest_group_pg); `name` of dbtest_use is the test's, set by DBTEST_NAME before including this file */
#ifndef DBTEST_NAME
#define DBTEST_NAME "unit"
#endif
static inline int dbtest_group_sqlite(void **state)
{
	(void)state;
	snprintf(dbtest_path, sizeof dbtest_path, "/tmp/jineng-%s-%d.db", DBTEST_NAME, (int)getpid());
	unlink(dbtest_path);
	snprintf(dbtest_url, sizeof dbtest_url, "sqlite:%s", dbtest_path);
	return 0;
}
static inline int dbtest_group_pg(void **state)
{
	(void)state;
	dbtest_path[0] = 0;
	snprintf(dbtest_url, sizeof dbtest_url, "%s", dbtest_pg_url() ? dbtest_pg_url() : "");
	return 0;
}
static inline int dbtest_group_done(void **state)
{
	(void)state;
	dbtest_remove();
	return 0;
}

/* dbtest_open: a connection to the test database, migrated; NULL on failure */
static inline db *dbtest_open(void)
{
	db *d = NULL;
	err e = {0};
	int applied;
	if (db_open(dbtest_url, &d, &e) != 0)
		return NULL;
	if (db_migrate(d, &applied, &e) != 0) {
		db_close(d);
		return NULL;
	}
	return d;
}

#endif
