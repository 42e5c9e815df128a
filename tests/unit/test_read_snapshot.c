/* Kept read snapshots (src/store/db.c): on SQLite a read-only request's transaction stays open after it and
 * the connection's next read-only request reads in it again. Whatever is kept, a read after a commit of this
 * process sees the commit; a commit of another process is seen within the bound (a millisecond); a read that
 * wrote inside is committed at its end, not kept; a write on the connection ends the kept snapshot first;
 * a released connection no longer stops a checkpoint; and a connection whose owner did not ask for it (the
 * CLI, background work: nothing would release it) never keeps one. On PostgreSQL (JINENG_TEST_PG) nothing is
 * kept and the same reads see the same rows. */
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <time.h>
#include "store/db.h"
#include "store/db_int.h" /* kept: whether the connection holds a snapshot between requests */

#define DBTEST_NAME "snapshot"
#include "dbtest.h"

static bool on_sqlite;

static int64_t rows(db *d)
{
	int64_t n = -1;
	err e = {0};
	assert_int_equal(
		db_one_int(d, "SELECT COUNT(*) FROM counters WHERE name LIKE 'rs_%'", DB_NOARGS, &n, &e),
		DB_OK);
	return n;
}

/* one read-only request on d: its count of the test's rows */
static int64_t request_rows(db *d)
{
	db_fault_clear(d);
	db_read_begin(d);
	int64_t n = rows(d);
	db_read_end(d);
	return n;
}

static void put(db *d, const char *name, bool explicit_tx)
{
	err e = {0};
	if (explicit_tx)
		assert_int_equal(db_begin(d, &e), 0);
	assert_true(db_run(d, "INSERT INTO counters (name, value) VALUES ($1, 1)", DB_ARGS(DV_S(name)), &e) >=
		    0);
	if (explicit_tx)
		assert_int_equal(db_commit(d, &e), 0);
}

static void clean(db *d)
{
	err e = {0};
	db_read_release(d);
	assert_true(db_run(d, "DELETE FROM counters WHERE name LIKE 'rs_%'", DB_NOARGS, &e) >= 0);
}

/* a request thread's connection: it keeps its read snapshots */
static db *open_keeping(void)
{
	db *d = dbtest_open();
	assert_non_null(d);
	db_keep_snapshots(d, true);
	return d;
}

/* two connections of this process (two request threads) on a table without the test's rows */
static void open_two(db **a, db **b)
{
	*a = open_keeping();
	*b = open_keeping();
	clean(*b);
}

static void close_two(db *a, db *b)
{
	clean(b);
	db_close(a);
	db_close(b);
}

/* two connections of this process (two request threads): every commit of one is seen by the other's next
 * read, in a transaction or in autocommit, however often the reader's snapshot was kept */
static void test_commits_of_this_process_are_seen(void **state)
{
	UNUSED(state);
	db *a, *b;
	open_two(&a, &b);
	int64_t n = request_rows(a);
	assert_int_equal(n, 0);
	assert_int_equal(a->kept, on_sqlite);
	assert_false(db_in_tx(a));
	assert_int_equal(db_depth(a), 0);
	for (int i = 0; i < 60; i++) {
		assert_int_equal(request_rows(a), n); /* nothing committed: the kept snapshot again */
		char name[32];
		snprintf(name, sizeof name, "rs_%d", i);
		put(b, name, i % 2 == 0);
		n++;
		assert_int_equal(request_rows(a), n);
	}
	close_two(a, b);
}

/* another process's commit (a connection SQLite opened without jineng's driver, so not counted) is seen
 * once the bound has passed */
static void test_other_processes_within_the_bound(void **state)
{
	UNUSED(state);
	if (!on_sqlite)
		skip();
	db *a = open_keeping();
	clean(a);
	assert_int_equal(request_rows(a), 0);
	assert_true(a->kept);
	sqlite3 *other = NULL;
	assert_int_equal(sqlite3_open_v2(dbtest_path, &other, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	sqlite3_busy_timeout(other, 10000);
	assert_int_equal(sqlite3_exec(other, "INSERT INTO counters (name, value) VALUES ('rs_other', 1)",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(other);
	nanosleep(&(struct timespec){0, 3 * 1000 * 1000}, NULL);
	assert_int_equal(request_rows(a), 1);
	clean(a);
	db_close(a);
}

/* a read-only request that wrote inside (an audited export) has its write committed when it ends: another
 * connection sees it at once, and nothing is kept */
static void test_a_read_that_wrote_is_committed(void **state)
{
	UNUSED(state);
	db *a, *b;
	open_two(&a, &b);
	assert_int_equal(request_rows(b), 0);
	db_fault_clear(a);
	db_read_begin(a);
	assert_int_equal(rows(a), 0);
	put(a, "rs_export", true);
	db_read_end(a);
	assert_false(a->kept);
	assert_false(db_in_tx(a));
	assert_int_equal(request_rows(b), 1);
	close_two(a, b);
}

/* a write on a connection holding a kept snapshot ends it first: BEGIN IMMEDIATE succeeds and commits, and
 * the connection's next read sees its own write */
static void test_a_write_ends_the_kept_snapshot(void **state)
{
	UNUSED(state);
	db *a, *b;
	open_two(&a, &b);
	assert_int_equal(request_rows(a), 0);
	put(b, "rs_b", true); /* a's kept snapshot is now older than the database */
	put(a, "rs_a", true);
	assert_false(a->kept);
	assert_int_equal(request_rows(a), 2);
	assert_int_equal(request_rows(b), 2);
	close_two(a, b);
}

/* a kept snapshot holds back a checkpoint, as any open reader does; released (the request thread's loop after
 * each batch), the checkpoint copies the whole WAL */
static void test_released_snapshot_lets_the_checkpoint_finish(void **state)
{
	UNUSED(state);
	if (!on_sqlite)
		skip();
	db *a, *b;
	open_two(&a, &b);
	assert_int_equal(request_rows(a), 0);
	for (int i = 0; i < 5; i++) {
		char name[32];
		snprintf(name, sizeof name, "rs_ck%d", i);
		put(b, name, true);
	}
	err e = {0};
	int64_t log = 0, done = 0;
	db_stmt *st = db_query(b, "PRAGMA wal_checkpoint(PASSIVE)", DB_NOARGS, &e);
	assert_non_null(st);
	assert_int_equal(db_step(st), DB_ROW);
	log = db_int(st, 1);
	done = db_int(st, 2);
	db_done(st);
	assert_true(log > 0);
	assert_true(done < log); /* a's snapshot is still open */
	db_read_release(a);
	assert_false(a->kept);
	st = db_query(b, "PRAGMA wal_checkpoint(PASSIVE)", DB_NOARGS, &e);
	assert_non_null(st);
	assert_int_equal(db_step(st), DB_ROW);
	assert_int_equal(db_int(st, 2), db_int(st, 1));
	db_done(st);
	close_two(a, b);
}

/* a connection nobody releases (the CLI's, a background job's) commits every read at its end: it would
 * otherwise hold its snapshot while it sleeps */
static void test_only_a_releasing_owner_keeps(void **state)
{
	UNUSED(state);
	db *a, *b;
	open_two(&a, &b);
	db *plain = dbtest_open();
	assert_non_null(plain);
	assert_int_equal(request_rows(plain), 0);
	assert_false(plain->kept);
	assert_int_equal(request_rows(a), 0);
	assert_int_equal(a->kept, on_sqlite);
	db_keep_snapshots(a, false); /* ends the one it kept */
	assert_false(a->kept);
	assert_int_equal(request_rows(a), 0);
	assert_false(a->kept);
	db_close(plain);
	close_two(a, b);
}

static int group_sqlite(void **state)
{
	UNUSED(state);
	on_sqlite = true;
	return dbtest_group_sqlite(state);
}

static int group_pg(void **state)
{
	UNUSED(state);
	on_sqlite = false;
	return dbtest_group_pg(state);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_commits_of_this_process_are_seen),
		cmocka_unit_test(test_other_processes_within_the_bound),
		cmocka_unit_test(test_a_read_that_wrote_is_committed),
		cmocka_unit_test(test_a_write_ends_the_kept_snapshot),
		cmocka_unit_test(test_released_snapshot_lets_the_checkpoint_finish),
		cmocka_unit_test(test_only_a_releasing_owner_keeps),
	};
	int rc = cmocka_run_group_tests_name("kept read snapshots on sqlite", tests, group_sqlite,
					     dbtest_group_done);
	if (dbtest_pg_url())
		rc |= cmocka_run_group_tests_name("read snapshots on postgres", tests, group_pg, NULL);
	return rc;
}
