/* The storage layer on SQLite (always) and PostgreSQL (when JINENG_TEST_PG is a URL): migrations and the
 * refusal of a newer schema, parameters, error normalisation, savepoints, bulk copy. */
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#include "store/db.h"
#include "store/query.h"
#include "store/db_int.h" /* the driver, to fail a statement behind db.c's back */
#include <unistd.h>

#define DBTEST_NAME "store"
#include "dbtest.h"

static db *open_migrated(void)
{
	db *d = NULL;
	err e = {0};
	assert_int_equal(db_open(dbtest_url, &d, &e), 0);
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
	assert_true(
		db_run(d,
		       "INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 0)",
		       DB_NOARGS, &e) == 1);
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
	assert_int_equal(
		db_run(d,
		       "INSERT INTO regions (code, name, parent_code, level) VALUES ($1, $2, NULL, 'city')",
		       DB_ARGS(DV_S("T00001"), DV_S(tricky)), &e),
		1);
	db_stmt *st = db_query(d, "SELECT name, LENGTH(name) FROM regions WHERE code = $1",
			       DB_ARGS(DV_S("T00001")), &e);
	assert_non_null(st);
	assert_int_equal(db_step(st), DB_ROW);
	assert_string_equal(db_text(st, 0), tricky);
	assert_int_equal(db_step(st), DB_DONE);
	db_done(st);
	/* unique violation is a conflict, mapped to 409 */
	err c = {0};
	assert_int_equal(db_run(d, "INSERT INTO regions (code, name, level) VALUES ($1, 'x', 'city')",
				DB_ARGS(DV_S("T00001")), &c),
			 -1);
	assert_int_equal(c.status, 409);
	/* savepoints: the inner failure undoes only the inner work */
	assert_int_equal(db_begin(d, &e), 0);
	assert_int_equal(db_run(d, "UPDATE regions SET name = 'outer' WHERE code = 'T00001'", DB_NOARGS, &e),
			 1);
	assert_int_equal(db_begin(d, &e), 0);
	assert_int_equal(db_run(d, "UPDATE regions SET name = 'inner' WHERE code = 'T00001'", DB_NOARGS, &e),
			 1);
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
	assert_int_equal(
		db_one_int(d, "SELECT COUNT(*) FROM regions WHERE code LIKE 'C%' AND parent_code IS NULL",
			   DB_NOARGS, &n, &e),
		DB_OK);
	assert_int_equal(n, 1000);
	db_stmt *st = db_query(d, "SELECT name FROM regions WHERE code = 'C00007'", DB_NOARGS, &e);
	assert_int_equal(db_step(st), DB_ROW);
	assert_string_equal(db_text(st, 0), "地区\t7\\n\nline\rx");
	db_done(st);
	assert_int_equal(db_run(d, "DELETE FROM regions WHERE code LIKE 'C%'", DB_NOARGS, &e), 1000);
	db_close(d);
}

static int64_t count_of(db *d, const char *sql)
{
	err e = {0};
	int64_t n = -1;
	assert_int_equal(db_one_int(d, sql, DB_NOARGS, &n, &e), DB_OK);
	return n;
}

static int64_t indexes_of_bulk_t(db *d)
{
	return count_of(
		d, db_dialect_of(d) == DB_SQLITE
			   ? "SELECT COUNT(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'bulk_t'"
			   : "SELECT COUNT(*) FROM pg_indexes WHERE tablename = 'bulk_t'");
}

/* a bulk load into a table that already holds rows (both drivers rebuild a small table's indexes at the end):
 * the rows join the old ones, the indexes are there afterwards, and a row that breaks the unique index fails
 * the load, after which the rollback leaves the table and its indexes as they were */
static void test_bulk_copy_into_a_table_with_rows(void **state)
{
	UNUSED(state);
	db *d = open_migrated();
	err e = {0};
	db_run(d, "DROP TABLE IF EXISTS bulk_t", DB_NOARGS, &e);
	err_clear(&e);
	assert_true(db_run(d, "CREATE TABLE bulk_t (k TEXT NOT NULL, v INTEGER)", DB_NOARGS, &e) >= 0);
	assert_true(db_run(d, "CREATE UNIQUE INDEX bulk_t_k ON bulk_t(k)", DB_NOARGS, &e) >= 0);
	assert_true(db_run(d, "CREATE INDEX bulk_t_v ON bulk_t(v) WHERE v IS NOT NULL", DB_NOARGS, &e) >= 0);
	assert_int_equal(
		db_run(d, "INSERT INTO bulk_t (k, v) VALUES ('old1', 1), ('old2', NULL)", DB_NOARGS, &e), 2);
	const char *cols[] = {"k", "v"};
	char k[16], v[16];
	assert_int_equal(db_begin(d, &e), 0);
	/* a temporary table in the transaction: SQLite then refuses to move temporary data to files for the
	 * index build (the demo met that), which must only make it slower */
	assert_true(db_run(d, "CREATE TEMP TABLE bulk_tmp (x INTEGER)", DB_NOARGS, &e) >= 0);
	assert_int_equal(db_run(d, "INSERT INTO bulk_tmp (x) VALUES (1)", DB_NOARGS, &e), 1);
	assert_int_equal(db_copy_begin(d, "bulk_t", cols, 2, &e), 0);
	for (int i = 0; i < 500; i++) {
		snprintf(k, sizeof k, "new%d", i);
		snprintf(v, sizeof v, "%d", i % 7);
		const char *vals[] = {k, i % 5 ? v : NULL};
		assert_int_equal(db_copy_row(d, vals, &e), 0);
	}
	assert_int_equal(db_copy_end(d, &e), 0);
	assert_true(db_run(d, "DROP TABLE bulk_tmp", DB_NOARGS, &e) >= 0);
	assert_int_equal(db_commit(d, &e), 0);
	assert_int_equal(count_of(d, "SELECT COUNT(*) FROM bulk_t"), 502);
	assert_int_equal(count_of(d, "SELECT COUNT(*) FROM bulk_t WHERE v = 3"), 57);
	assert_int_equal(indexes_of_bulk_t(d), 2);
	/* a loaded row with an existing key: the load fails (at the row or at the end) and is rolled back */
	assert_int_equal(db_begin(d, &e), 0);
	assert_int_equal(db_copy_begin(d, "bulk_t", cols, 2, &e), 0);
	const char *fresh[] = {"fresh", "9"}, *dup[] = {"old1", "9"};
	int rc = db_copy_row(d, fresh, &e);
	if (rc == 0)
		rc = db_copy_row(d, dup, &e);
	if (rc == 0)
		rc = db_copy_end(d, &e);
	assert_int_not_equal(rc, 0);
	err_clear(&e);
	db_rollback(d);
	assert_int_equal(count_of(d, "SELECT COUNT(*) FROM bulk_t"), 502);
	assert_int_equal(count_of(d, "SELECT COUNT(*) FROM bulk_t WHERE k = 'fresh'"), 0);
	assert_int_equal(indexes_of_bulk_t(d), 2);
	assert_int_equal(db_run(d, "INSERT INTO bulk_t (k, v) VALUES ('old1', 2)", DB_NOARGS, &e), -1);
	err_clear(&e);
	assert_true(db_run(d, "DROP TABLE bulk_t", DB_NOARGS, &e) >= 0);
	db_close(d);
}

/* query values live in growable storage: many values and long texts (a 53-character Chinese name, 2000
 * bytes) once aborted the process in q_arg (fixed 24 slots of 160 bytes) */
static void test_query_many_long_values(void **state)
{
	UNUSED(state);
	db *d = open_migrated();
	err e = {0};
	/* a real name's length: 53 characters, 159 bytes */
	static const char zh53[] = "张三李四王五赵六钱七孙八周九吴十郑一冯二陈三褚四卫五蒋六沈七韩八杨九朱十"
				   "张三李四王五赵六钱七孙八周九吴十郑";
	char longv[2001];
	memset(longv, 'a', sizeof longv - 1);
	longv[sizeof longv - 1] = 0;
	db_run(d, "DELETE FROM regions WHERE code LIKE 'Q%'", DB_NOARGS, &e);
	assert_int_equal(db_run(d, "INSERT INTO regions (code, name, level) VALUES ('Q00001', $1, 'city')",
				DB_ARGS(DV_S(zh53)), &e),
			 1);
	assert_int_equal(strlen(zh53), 159);
	query q;
	q_init(&q, "SELECT COUNT(*) FROM regions");
	q_and(&q, "name <> ?", DV_S(longv));
	q_and(&q, "name = ?", DV_S(zh53));
	char code[16];
	for (int i = 0; i < 300; i++) {
		snprintf(code, sizeof code, "X%05d", i);
		q_and(&q, "code <> ?", DV_S(code)); /* the caller's buffer is reused: values are copied */
	}
	assert_true(q_ok(&q));
	db_stmt *st = q_query(d, &q, &e);
	assert_non_null(st);
	assert_int_equal(db_step(st), DB_ROW);
	assert_int_equal(db_int(st, 0), 1);
	assert_int_equal(db_finish(st, &e), 0);
	q_free(&q);
	/* a list page over the same growable conditions */
	query w;
	q_init(&w, "");
	for (int i = 0; i < 100; i++)
		q_and(&w, "name <> ?", DV_S(longv));
	q_and(&w, "code = ?", DV_S("Q00001"));
	int64_t total = -1;
	st = q_page(d, &w, "SELECT COUNT(*) FROM regions", "SELECT code, name FROM regions", "code", 20, 0,
		    &total, &e);
	q_free(&w);
	assert_non_null(st);
	assert_int_equal(total, 1);
	assert_int_equal(db_step(st), DB_ROW);
	assert_string_equal(db_text(st, 1), zh53);
	assert_int_equal(db_step(st), DB_DONE);
	assert_int_equal(db_finish(st, &e), 0);
	/* past the bounds: an error, not an abort */
	q_init(&q, "SELECT 1");
	for (int i = 0; i <= QUERY_MAX_ARGS; i++)
		q_arg(&q, i ? ",?" : " WHERE 1 IN (?", DV_I(i));
	q_sql(&q, ")");
	assert_false(q_ok(&q));
	assert_null(q_query(d, &q, &e));
	assert_int_equal(e.status, 422);
	assert_string_equal(e.code, "query_too_large");
	q_free(&q);
	err_clear(&e);
	assert_int_equal(db_run(d, "DELETE FROM regions WHERE code LIKE 'Q%'", DB_NOARGS, &e), 1);
	db_close(d);
}

/* a row whose evaluation fails: x = 3 overflows abs() on both engines (at run time, not when planned) */
#define FAILING_LIST                                                                                         \
	"WITH RECURSIVE t(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM t WHERE x < 5) SELECT x, CASE WHEN x " \
	"= 3 "                                                                                               \
	"THEN abs(-9223372036854775805 - x) ELSE x END FROM t"

/* an error in the middle of a list is an error (db_finish), and the connection remembers the fault */
static void test_error_mid_list_is_an_error(void **state)
{
	UNUSED(state);
	db *d = open_migrated();
	err e = {0};
	db_fault_clear(d);
	db_stmt *st = db_query(d, FAILING_LIST, DB_NOARGS, &e);
	assert_non_null(st);
	int rows = 0, rc;
	while ((rc = db_step(st)) == DB_ROW)
		rows++;
	assert_true(rc < 0);
	assert_true(rows < 5);
	assert_int_equal(db_last(st), rc);
	assert_int_equal(db_finish(st, &e), -1);
	assert_true(e.status >= 500);
	assert_int_not_equal(db_fault(d), 0);
	db_fault_clear(d);
	err_clear(&e);
	/* a list that ends normally, or that the caller stops early, is not an error */
	st = db_query(d, "SELECT 1 UNION ALL SELECT 2", DB_NOARGS, &e);
	assert_int_equal(db_step(st), DB_ROW);
	assert_int_equal(db_finish(st, &e), 0);
	assert_int_equal(db_fault(d), 0);
	st = db_query(d, "SELECT 1", DB_NOARGS, &e);
	while (db_step(st) == DB_ROW)
		;
	assert_int_equal(db_finish(st, &e), 0);
	db_close(d);
}

static int64_t count_q(db *d, const char *like)
{
	err e = {0};
	int64_t n = -1;
	assert_int_equal(
		db_one_int(d, "SELECT COUNT(*) FROM regions WHERE code LIKE $1", DB_ARGS(DV_S(like)), &n, &e),
		DB_OK);
	return n;
}

/* A transaction in which a statement failed is never committed, on either engine (PostgreSQL aborts it;
 * SQLite would commit the rest, so db.c refuses). Below that, on PostgreSQL, COMMIT of an aborted
 * transaction is answered "ROLLBACK" with a success status: the driver verifies the tag and reports 503
 * db_retry. A failure inside a savepoint that is rolled back leaves the rest of the transaction to commit. */
static void test_commit_is_verified(void **state)
{
	UNUSED(state);
	db *d = open_migrated();
	err e = {0};
	db_run(d, "DELETE FROM regions WHERE code LIKE 'V%'", DB_NOARGS, &e);
	assert_int_equal(db_begin(d, &e), 0);
	assert_int_equal(db_run(d, "INSERT INTO regions (code, name, level) VALUES ('V00001', 'v', 'city')",
				DB_NOARGS, &e),
			 1);
	err f = {0};
	assert_true(db_run(d, FAILING_LIST, DB_NOARGS, &f) < 0);
	err c = {0};
	assert_int_equal(db_commit(d, &c), -1);
	assert_true(c.status >= 500);
	assert_false(db_in_tx(d));
	assert_int_equal(count_q(d, "V%"), 0);
	if (db_dialect_of(d) == DB_PG) {
		/* the driver's own check, with the failure kept from db.c (straight to the driver) */
		assert_int_equal(db_begin(d, &e), 0);
		assert_int_equal(
			db_run(d, "INSERT INTO regions (code, name, level) VALUES ('V00001', 'v', 'city')",
			       DB_NOARGS, &e),
			1);
		assert_int_not_equal(d->drv->exec(d, "SELECT 1 / (SELECT COUNT(*) - COUNT(*) FROM regions)"),
				     DB_OK);
		err_clear(&c);
		assert_int_equal(db_commit(d, &c), -1);
		assert_int_equal(c.status, 503);
		assert_string_equal(c.code, "db_retry");
		assert_false(db_in_tx(d));
		assert_int_equal(count_q(d, "V%"), 0);
	}
	/* savepoints: the failed inner level is rolled back alone */
	assert_int_equal(db_begin(d, &e), 0);
	assert_int_equal(db_run(d, "INSERT INTO regions (code, name, level) VALUES ('V00002', 'v', 'city')",
				DB_NOARGS, &e),
			 1);
	assert_int_equal(db_begin(d, &e), 0);
	assert_int_equal(db_run(d, "INSERT INTO regions (code, name, level) VALUES ('V00003', 'v', 'city')",
				DB_NOARGS, &e),
			 1);
	assert_true(db_run(d, FAILING_LIST, DB_NOARGS, &f) < 0);
	db_rollback(d);
	assert_int_equal(db_run(d, "INSERT INTO regions (code, name, level) VALUES ('V00004', 'v', 'city')",
				DB_NOARGS, &e),
			 1);
	assert_int_equal(db_commit(d, &e), 0);
	assert_int_equal(count_q(d, "V%"), 2);
	assert_int_equal(count_q(d, "V00003"), 0);
	/* a failed inner level that is released (not rolled back) fails, and so does the whole transaction */
	assert_int_equal(db_begin(d, &e), 0);
	assert_int_equal(db_run(d, "INSERT INTO regions (code, name, level) VALUES ('V00005', 'v', 'city')",
				DB_NOARGS, &e),
			 1);
	assert_int_equal(db_begin(d, &e), 0);
	assert_true(db_run(d, FAILING_LIST, DB_NOARGS, &f) < 0);
	err r = {0};
	assert_int_equal(db_commit(d, &r), -1); /* RELEASE of a failed level */
	assert_int_equal(db_commit(d, &r), -1);
	assert_int_equal(count_q(d, "V00005"), 0);
	assert_false(db_in_tx(d));
	db_run(d, "DELETE FROM regions WHERE code LIKE 'V%'", DB_NOARGS, &e);
	db_close(d);
}

/* PostgreSQL: the server ends the session in the middle of a transaction. The driver reconnects, but the
 * transaction is gone: every later statement of it and its commit fail (nothing autocommits on the new
 * session), and the new session gets the settings again (time zone UTC). */
static void test_reset_inside_tx_breaks_it(void **state)
{
	UNUSED(state);
	db *d = open_migrated(), *killer = open_migrated();
	err e = {0};
	db_run(d, "DELETE FROM regions WHERE code LIKE 'W%'", DB_NOARGS, &e);
	char dbname[128], sql[256];
	db_stmt *st = db_query(killer, "SELECT current_database()", DB_NOARGS, &e);
	assert_int_equal(db_step(st), DB_ROW);
	snprintf(dbname, sizeof dbname, "%s", db_text(st, 0));
	db_done(st);
	/* new sessions of this database default to another zone: only the driver's settings make it UTC */
	snprintf(sql, sizeof sql, "ALTER DATABASE \"%s\" SET timezone = 'Asia/Shanghai'", dbname);
	assert_int_equal(db_exec(killer, sql), DB_OK);
	int64_t pid = 0;
	assert_int_equal(db_one_int(d, "SELECT pg_backend_pid()", DB_NOARGS, &pid, &e), DB_OK);
	assert_int_equal(db_begin(d, &e), 0);
	assert_int_equal(db_run(d, "INSERT INTO regions (code, name, level) VALUES ('W00001', 'w', 'city')",
				DB_NOARGS, &e),
			 1);
	int64_t killed = 0;
	assert_int_equal(db_one_int(killer,
				    "SELECT CASE WHEN pg_terminate_backend($1::int, 5000) THEN 1 ELSE 0 END",
				    DB_ARGS(DV_I(pid)), &killed, &e),
			 DB_OK);
	assert_int_equal(killed, 1);
	err f = {0};
	assert_true(db_run(d, "INSERT INTO regions (code, name, level) VALUES ('W00002', 'w', 'city')",
			   DB_NOARGS, &f) < 0);
	assert_int_equal(f.status, 503);
	err_clear(&f);
	/* the connection works again, but this transaction is over */
	assert_true(db_run(d, "INSERT INTO regions (code, name, level) VALUES ('W00003', 'w', 'city')",
			   DB_NOARGS, &f) < 0);
	assert_int_equal(f.status, 503);
	err_clear(&f);
	assert_int_equal(db_begin(d, &f), -1); /* no savepoint either */
	err_clear(&f);
	assert_int_equal(db_commit(d, &f), -1);
	assert_int_equal(f.status, 503);
	assert_false(db_in_tx(d));
	assert_int_equal(count_q(killer, "W%"), 0);
	/* the next transaction runs on the new session, with the session settings applied again */
	assert_int_equal(db_begin(d, &e), 0);
	assert_int_equal(db_run(d, "INSERT INTO regions (code, name, level) VALUES ('W00004', 'w', 'city')",
				DB_NOARGS, &e),
			 1);
	assert_int_equal(db_commit(d, &e), 0);
	assert_int_equal(count_q(killer, "W%"), 1);
	st = db_query(d, "SELECT current_setting('TimeZone')", DB_NOARGS, &e);
	assert_int_equal(db_step(st), DB_ROW);
	assert_string_equal(db_text(st, 0), "UTC");
	db_done(st);
	/* a session ended by the server while idle is replaced before the next statement is sent: that
	 * statement succeeds (nothing was sent on the dead session, so nothing can run twice) */
	assert_int_equal(db_one_int(d, "SELECT pg_backend_pid()", DB_NOARGS, &pid, &e), DB_OK);
	assert_int_equal(db_one_int(killer,
				    "SELECT CASE WHEN pg_terminate_backend($1::int, 5000) THEN 1 ELSE 0 END",
				    DB_ARGS(DV_I(pid)), &killed, &e),
			 DB_OK);
	assert_int_equal(killed, 1);
	int64_t pid2 = 0;
	assert_int_equal(db_one_int(d, "SELECT pg_backend_pid()", DB_NOARGS, &pid2, &e), DB_OK);
	assert_int_not_equal(pid2, pid);
	st = db_query(d, "SELECT current_setting('TimeZone')", DB_NOARGS, &e);
	assert_int_equal(db_step(st), DB_ROW);
	assert_string_equal(db_text(st, 0), "UTC");
	db_done(st);
	snprintf(sql, sizeof sql, "ALTER DATABASE \"%s\" RESET timezone", dbname);
	assert_int_equal(db_exec(killer, sql), DB_OK);
	db_run(d, "DELETE FROM regions WHERE code LIKE 'W%'", DB_NOARGS, &e);
	db_close(killer);
	db_close(d);
}

/* a list page counts its rows only when the page cannot tell the total itself: a full page, or an empty
 * page past the first (store/query.h q_page_total) */
static void test_page_total_counts_only_when_needed(void **state)
{
	(void)state;
	db *d = open_migrated();
	err e = {0};
	assert_int_equal(db_exec(d, "DROP TABLE IF EXISTS page_t; CREATE TABLE page_t (n INTEGER)"), 0);
	for (int i = 1; i <= 7; i++)
		assert_true(db_run(d, "INSERT INTO page_t (n) VALUES ($1)", DB_ARGS(DV_I(i)), &e) >= 0);
	static const struct {
		int64_t limit, offset, rows;
		bool counts;
	} cases[] = {
		{20, 0, 7, false},		     /* the whole list on one page */
		{7, 0, 7, true},		     /* a full page: more may follow */
		{5, 0, 5, true},   {5, 5, 2, false}, /* the last page */
		{5, 7, 0, true},		     /* empty past the end: counted */
		{5, 10, 0, true},  {3, 6, 1, false},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		for (int broken = 0; broken < 2; broken++) {
			query w;
			q_init(&w, "");
			q_and(&w, "n > ?", DV_I(0));
			db_stmt *st = q_page_rows(d, &w, "SELECT n FROM page_t", "n", cases[i].limit,
						  cases[i].offset, &e);
			assert_non_null(st);
			int64_t rows = 0, total = -1;
			while (db_step(st) == DB_ROW)
				rows++;
			assert_int_equal(db_finish(st, &e), 0);
			assert_int_equal(rows, cases[i].rows);
			/* the broken count head fails if it is run at all */
			int rc = q_page_total(d, &w,
					      broken ? "SELECT no_such_column FROM page_t"
						     : "SELECT COUNT(*) FROM page_t",
					      cases[i].limit, cases[i].offset, rows, &total, &e);
			q_free(&w);
			if (broken && cases[i].counts) {
				assert_int_equal(rc, -1);
				err_clear(&e);
				db_fault_clear(d);
			} else {
				assert_int_equal(rc, 0);
				assert_int_equal(total, 7);
			}
		}
	}
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
		cmocka_unit_test(test_bulk_copy_into_a_table_with_rows),
		cmocka_unit_test(test_bad_urls),
		cmocka_unit_test(test_page_total_counts_only_when_needed),
		cmocka_unit_test(test_query_many_long_values),
		cmocka_unit_test(test_error_mid_list_is_an_error),
		cmocka_unit_test(test_commit_is_verified),
	};
	const struct CMUnitTest pg_only[] = {
		cmocka_unit_test(test_reset_inside_tx_breaks_it),
	};
	int rc =
		cmocka_run_group_tests_name("store on sqlite", tests, dbtest_group_sqlite, dbtest_group_done);
	if (getenv("JINENG_TEST_PG") && *getenv("JINENG_TEST_PG")) {
		rc |= cmocka_run_group_tests_name("store on postgres", tests, dbtest_group_pg, NULL);
		rc |= cmocka_run_group_tests_name("store on postgres: sessions ended by the server", pg_only,
						  dbtest_group_pg, NULL);
	}
	return rc;
}
