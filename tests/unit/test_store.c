/* The storage layer on SQLite (always) and PostgreSQL (when JINENG_TEST_PG is a URL): migrations and the
 * refusal of a newer schema, parameters, error normalisation, savepoints, bulk copy. */
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#include "store/db.h"
#include "store/query.h"
#include <unistd.h>

static char url[512];
static char path[128];

static int setup_sqlite(void **state)
{
	UNUSED(state);
	snprintf(path, sizeof path, "/tmp/jineng-store-%d.db", (int)getpid());
	unlink(path);
	snprintf(url, sizeof url, "sqlite:%s", path);
	return 0;
}

static int teardown_sqlite(void **state)
{
	UNUSED(state);
	char p[160];
	unlink(path);
	snprintf(p, sizeof p, "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", path);
	unlink(p);
	return 0;
}

static int setup_pg(void **state)
{
	UNUSED(state);
	snprintf(url, sizeof url, "%s", getenv("JINENG_TEST_PG"));
	return 0;
}

static db *open_migrated(void)
{
	db *d = NULL;
	err e = {0};
	assert_int_equal(db_open(url, &d, &e), 0);
	int applied;
	assert_int_equal(db_migrate(d, &applied, &e), 0);
	return d;
}

static void test_migrate_is_idempotent_and_refuses_newer(void **state)
{
	UNUSED(state);
	db *d = open_migrated();
	err e = {0};
	int applied = -1;
	assert_int_equal(db_migrate(d, &applied, &e), 0);
	assert_int_equal(applied, 0);
	int64_t v;
	assert_int_equal(db_schema_version(d, &v, &e), 0);
	assert_true(v >= 1);
	/* a database migrated by a newer binary */
	assert_true(db_run(d, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 0)", DB_NOARGS,
			   &e) == 1);
	assert_int_equal(db_migrate(d, &applied, &e), -1);
	assert_string_equal(e.code, "schema_too_new");
	assert_int_equal(db_run(d, "DELETE FROM schema_migrations WHERE version = 999", DB_NOARGS, &e), 1);
	db_close(d);
}

static void test_params_errors_and_savepoints(void **state)
{
	UNUSED(state);
	db *d = open_migrated();
	err e = {0};
	const char *tricky = "O'Brien\"; DROP TABLE regions;--";
	db_run(d, "DELETE FROM regions WHERE code = 'T00001'", DB_NOARGS, &e);
	assert_int_equal(db_run(d, "INSERT INTO regions (code, name, parent_code, level) VALUES ($1, $2, NULL, 'city')",
				DB_ARGS(DV_S("T00001"), DV_S(tricky)), &e),
			 1);
	db_stmt *st = db_query(d, "SELECT name, LENGTH(name) FROM regions WHERE code = $1", DB_ARGS(DV_S("T00001")), &e);
	assert_non_null(st);
	assert_int_equal(db_step(st), DB_ROW);
	assert_string_equal(db_text(st, 0), tricky);
	assert_int_equal(db_step(st), DB_DONE);
	db_done(st);
	/* unique violation is a conflict, mapped to 409 */
	err c = {0};
	assert_int_equal(db_run(d, "INSERT INTO regions (code, name, level) VALUES ($1, 'x', 'city')", DB_ARGS(DV_S("T00001")), &c),
			 -1);
	assert_int_equal(c.status, 409);
	/* savepoints: the inner failure undoes only the inner work */
	assert_int_equal(db_begin(d, &e), 0);
	assert_int_equal(db_run(d, "UPDATE regions SET name = 'outer' WHERE code = 'T00001'", DB_NOARGS, &e), 1);
	assert_int_equal(db_begin(d, &e), 0);
	assert_int_equal(db_run(d, "UPDATE regions SET name = 'inner' WHERE code = 'T00001'", DB_NOARGS, &e), 1);
	db_rollback(d);
	assert_true(db_in_tx(d));
	assert_int_equal(db_commit(d, &e), 0);
	assert_false(db_in_tx(d));
	st = db_query(d, "SELECT name FROM regions WHERE code = 'T00001'", DB_NOARGS, &e);
	assert_int_equal(db_step(st), DB_ROW);
	assert_string_equal(db_text(st, 0), "outer");
	db_done(st);
	/* the query builder numbers placeholders */
	query q;
	q_init(&q, "SELECT COUNT(*) FROM regions");
	q_and(&q, "code = ?", DV_S("T00001"));
	q_and(&q, "(name = ? OR name = ?)", DV_S("outer"));
	st = q_query(d, &q, &e);
	q_free(&q);
	assert_int_equal(db_step(st), DB_ROW);
	assert_int_equal(db_int(st, 0), 1);
	db_done(st);
	/* a statement used while its cached twin is open still works (nested loops) */
	db_stmt *outer = db_query(d, "SELECT code FROM regions WHERE code = $1", DB_ARGS(DV_S("T00001")), &e);
	db_stmt *inner = db_query(d, "SELECT code FROM regions WHERE code = $1", DB_ARGS(DV_S("T00001")), &e);
	assert_int_equal(db_step(outer), DB_ROW);
	assert_int_equal(db_step(inner), DB_ROW);
	db_done(inner);
	db_done(outer);
	assert_int_equal(db_run(d, "DELETE FROM regions WHERE code = 'T00001'", DB_NOARGS, &e), 1);
	db_close(d);
}

static void test_bulk_copy_with_awkward_text(void **state)
{
	UNUSED(state);
	db *d = open_migrated();
	err e = {0};
	db_run(d, "DELETE FROM regions WHERE code LIKE 'C%'", DB_NOARGS, &e);
	const char *cols[] = {"code", "name", "parent_code", "level"};
	assert_int_equal(db_begin(d, &e), 0);
	assert_int_equal(db_copy_begin(d, "regions", cols, 4, &e), 0);
	char code[16], name[64];
	for (int i = 0; i < 1000; i++) {
		snprintf(code, sizeof code, "C%05d", i);
		snprintf(name, sizeof name, "地区\t%d\\n\nline\r%s", i, i % 2 ? "x" : "");
		const char *vals[] = {code, name, NULL, "county"};
		assert_int_equal(db_copy_row(d, vals, &e), 0);
	}
	assert_int_equal(db_copy_end(d, &e), 0);
	assert_int_equal(db_commit(d, &e), 0);
	int64_t n = 0;
	assert_int_equal(db_one_int(d, "SELECT COUNT(*) FROM regions WHERE code LIKE 'C%' AND parent_code IS NULL", DB_NOARGS, &n, &e),
			 DB_OK);
	assert_int_equal(n, 1000);
	db_stmt *st = db_query(d, "SELECT name FROM regions WHERE code = 'C00007'", DB_NOARGS, &e);
	assert_int_equal(db_step(st), DB_ROW);
	assert_string_equal(db_text(st, 0), "地区\t7\\n\nline\rx");
	db_done(st);
	assert_int_equal(db_run(d, "DELETE FROM regions WHERE code LIKE 'C%'", DB_NOARGS, &e), 1000);
	db_close(d);
}

static void test_bad_urls(void **state)
{
	UNUSED(state);
	db *d;
	err e = {0};
	assert_int_equal(db_open("mysql://x", &d, &e), -1);
	assert_string_equal(e.code, "bad_db_url");
	err_clear(&e);
	assert_int_equal(db_open("postgresql:///nodb?host=/nonexistent", &d, &e), -1);
	assert_string_equal(e.code, "db_unavailable");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_migrate_is_idempotent_and_refuses_newer),
		cmocka_unit_test(test_params_errors_and_savepoints),
		cmocka_unit_test(test_bulk_copy_with_awkward_text),
		cmocka_unit_test(test_bad_urls),
	};
	int rc = cmocka_run_group_tests_name("store on sqlite", tests, setup_sqlite, teardown_sqlite);
	if (getenv("JINENG_TEST_PG") && *getenv("JINENG_TEST_PG"))
		rc |= cmocka_run_group_tests_name("store on postgres", tests, setup_pg, NULL);
	return rc;
}
