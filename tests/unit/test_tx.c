/* svc_tx (src/svc/base/tx.c) on SQLite (always) and PostgreSQL (when JINENG_TEST_PG is a URL): a failure in
 * the work or in the audit append leaves nothing written; a retryable error runs the unit again and it
 * succeeds; a conflict and a validation error are not retried; a unit without an audit record is refused;
 * inside a caller's transaction a unit is a savepoint and is not retried. */
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#include "store/db.h"
#include "store/db_int.h" /* the driver, to fail a statement behind db.c's back */
#include "svc/base/tx.h"
#include "svc/base/audit.h"
#include "dbtest.h"
#include <time.h>

static principal who = {.role = ROLE_PROVINCE_ADMIN, .user_id = 0, .username = "test"};

static int setup(void **state)
{
	UNUSED(state);
	dbtest_use("tx");
	return 0;
}

static int teardown(void **state)
{
	UNUSED(state);
	dbtest_remove();
	return 0;
}

static db *open_clean(void)
{
	db *d = dbtest_open();
	assert_non_null(d);
	err e = {0};
	assert_true(db_run(d, "DELETE FROM counters WHERE name LIKE 'tx_%'", DB_NOARGS, &e) >= 0);
	return d;
}

static int64_t one(db *d, const char *sql)
{
	int64_t n = -1;
	err e = {0};
	assert_int_equal(db_one_int(d, sql, DB_NOARGS, &n, &e), DB_OK);
	return n;
}

static int64_t rows(db *d)
{
	return one(d, "SELECT COUNT(*) FROM counters WHERE name LIKE 'tx_%'");
}

static int64_t audits(db *d)
{
	return one(d, "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'tx.%'");
}

enum how {
	OK,		 /* write, declare the record */
	FAIL_WORK,	 /* write, then a validation error */
	NO_AUDIT,	 /* write and declare nothing */
	BUSY_ONCE,	 /* write, then a retryable error on the first attempt */
	SLOW_BUSY,	 /* write, then a retryable error after the retry window on the first attempt */
	RETRY_ALWAYS,	 /* write, then a retryable error on every attempt */
	CONFLICT,	 /* write a row that is already there */
	COMMIT_ROLLBACK, /* PostgreSQL: a statement fails behind db.c's back; COMMIT is answered ROLLBACK */
	TWO_RECORDS,	 /* write, append one record, declare another */
};

struct ctx {
	enum how how;
	const char *name;
	int runs;
	int64_t id;
};

static int work(tx *t, void *p, err *e)
{
	struct ctx *c = p;
	c->runs++;
	c->id = 0;
	if (db_one_int(t->d, "INSERT INTO counters (name, value) VALUES ($1, 1) RETURNING value",
		       DB_ARGS(DV_S(c->name)), &c->id, e) != DB_OK) {
		if (!err_isset(e))
			err_set(e, 500, "internal", NULL, "x", "x");
		return -1;
	}
	switch (c->how) {
	case FAIL_WORK:
		return err_set(e, 422, "invalid_value", "v", "无效", "invalid");
	case NO_AUDIT:
		return 0;
	case BUSY_ONCE:
		if (t->attempt == 1)
			return db_rc_to_err(t->d, DB_BUSY, e); /* as the driver reports a lock not granted */
		break;
	case SLOW_BUSY:
		if (t->attempt == 1) {
			struct timespec w = {SVC_TX_RETRY_WINDOW_MS / 1000,
					     (SVC_TX_RETRY_WINDOW_MS % 1000) * 1000000L + 50000000L};
			nanosleep(&w, NULL);
			return db_rc_to_err(t->d, DB_BUSY, e);
		}
		break;
	case RETRY_ALWAYS:
		return db_rc_to_err(t->d, DB_RETRY, e);
	case CONFLICT:
		if (db_run(t->d, "INSERT INTO counters (name, value) VALUES ($1, 2)", DB_ARGS(DV_S(c->name)),
			   e) < 0)
			return -1;
		break;
	case COMMIT_ROLLBACK:
		/* the record first, then a statement that fails unseen by db.c as the unit's last */
		if (tx_audit_now(t, "tx.write", "counter", c->name, NULL, e) != 0)
			return -1;
		if (t->attempt == 1)
			assert_int_not_equal(
				t->d->drv->exec(t->d,
						"SELECT 1 / (SELECT COUNT(*) - COUNT(*) FROM counters)"),
				DB_OK);
		return 0;
	case TWO_RECORDS:
		if (tx_audit_now(t, "tx.first", "counter", c->name, NULL, e) != 0)
			return -1;
		break;
	case OK:
		break;
	}
	tx_audit_key(t, "tx.write", "counter", c->name, json_pack("{s:s}", "name", c->name));
	return 0;
}

static void test_commit_and_audit(void **state)
{
	UNUSED(state);
	db *d = open_clean();
	int64_t a0 = audits(d);
	struct ctx c = {OK, "tx_ok", 0, 0};
	err e = {0};
	assert_int_equal(svc_tx(d, &who, work, &c, &e), 0);
	assert_false(err_isset(&e));
	assert_int_equal(c.runs, 1);
	assert_int_equal(rows(d), 1);
	assert_int_equal(audits(d), a0 + 1);
	assert_int_equal(one(d, "SELECT COUNT(*) FROM audit_log WHERE seq = (SELECT MAX(seq) FROM audit_log) "
				"AND action = 'tx.write' AND entity_id = 'tx_ok'"),
			 1);
	assert_false(db_in_tx(d));
	/* several records: one appended by the work, one declared */
	struct ctx c2 = {TWO_RECORDS, "tx_two", 0, 0};
	assert_int_equal(svc_tx(d, &who, work, &c2, &e), 0);
	assert_int_equal(audits(d), a0 + 3);
	struct audit_report rep;
	assert_int_equal(audit_verify(d, &rep, &e), 0);
	db_close(d);
}

static void test_failures_write_nothing(void **state)
{
	UNUSED(state);
	db *d = open_clean();
	int64_t a0 = audits(d);
	/* the work fails after writing */
	struct ctx c = {FAIL_WORK, "tx_fail", 0, 0};
	err e = {0};
	assert_int_equal(svc_tx(d, &who, work, &c, &e), -1);
	assert_int_equal(e.status, 422);
	assert_string_equal(e.code, "invalid_value");
	assert_int_equal(c.runs, 1);
	assert_int_equal(rows(d), 0);
	assert_false(db_in_tx(d));
	/* the work declares no audit record: refused, nothing written */
	struct ctx n = {NO_AUDIT, "tx_noaudit", 0, 0};
	err_clear(&e);
	assert_int_equal(svc_tx(d, &who, work, &n, &e), -1);
	assert_int_equal(e.status, 500);
	assert_int_equal(rows(d), 0);
	/* the audit append fails: the work's write goes with it */
	err_clear(&e);
	assert_int_equal(
		db_exec(d, db_dialect_of(d) == DB_SQLITE
				   ? "CREATE TRIGGER tx_no_audit BEFORE INSERT ON audit_log BEGIN SELECT "
				     "RAISE(ABORT, 'no audit'); END"
				   : "CREATE OR REPLACE FUNCTION tx_no_audit() RETURNS trigger LANGUAGE "
				     "plpgsql AS "
				     "$$BEGIN RAISE EXCEPTION 'no audit'; END$$"),
		DB_OK);
	if (db_dialect_of(d) == DB_PG)
		assert_int_equal(db_exec(d, "CREATE TRIGGER tx_no_audit BEFORE INSERT ON audit_log FOR EACH "
					    "ROW EXECUTE FUNCTION tx_no_audit()"),
				 DB_OK);
	struct ctx f = {OK, "tx_auditfail", 0, 0};
	assert_int_equal(svc_tx(d, &who, work, &f, &e), -1);
	assert_true(err_isset(&e));
	assert_int_equal(f.runs, 1);
	assert_int_equal(rows(d), 0);
	err_clear(&e);
	assert_int_equal(db_exec(d, db_dialect_of(d) == DB_SQLITE ? "DROP TRIGGER tx_no_audit"
								  : "DROP TRIGGER tx_no_audit ON audit_log"),
			 DB_OK);
	assert_int_equal(audits(d), a0);
	db_fault_clear(d);
	db_close(d);
}

static void test_retryable_is_retried(void **state)
{
	UNUSED(state);
	db *d = open_clean();
	int64_t a0 = audits(d);
	struct ctx c = {BUSY_ONCE, "tx_busy", 0, 0};
	err e = {0};
	assert_int_equal(svc_tx(d, &who, work, &c, &e), 0);
	assert_false(err_isset(&e));
	assert_int_equal(c.runs, 2);
	assert_int_equal(rows(d), 1); /* the first attempt's row was rolled back */
	assert_int_equal(audits(d), a0 + 1);
	/* always retryable: a bounded number of attempts, then the error */
	struct ctx r = {RETRY_ALWAYS, "tx_retry", 0, 0};
	assert_int_equal(svc_tx(d, &who, work, &r, &e), -1);
	assert_int_equal(e.status, 503);
	assert_string_equal(e.code, "db_retry");
	assert_int_equal(r.runs, SVC_TX_ATTEMPTS);
	assert_int_equal(rows(d), 1);
	db_fault_clear(d);
	if (db_dialect_of(d) == DB_PG) {
		/* COMMIT answered ROLLBACK: known rolled back, so the unit runs again and commits */
		struct ctx p = {COMMIT_ROLLBACK, "tx_pgcommit", 0, 0};
		err_clear(&e);
		assert_int_equal(svc_tx(d, &who, work, &p, &e), 0);
		assert_int_equal(p.runs, 2);
		assert_false(db_commit_unknown(d));
		assert_int_equal(rows(d), 2);
	}
	db_close(d);
}

static void test_not_retried(void **state)
{
	UNUSED(state);
	db *d = open_clean();
	/* a conflict is an answer, not a retry */
	struct ctx c = {CONFLICT, "tx_conflict", 0, 0};
	err e = {0};
	assert_int_equal(svc_tx(d, &who, work, &c, &e), -1);
	assert_int_equal(e.status, 409);
	assert_int_equal(c.runs, 1);
	assert_int_equal(rows(d), 0);
	/* inside a caller's transaction: a savepoint, not retried; the caller's work stays */
	err_clear(&e);
	assert_int_equal(db_begin(d, &e), 0);
	assert_true(db_run(d, "INSERT INTO counters (name, value) VALUES ('tx_outer', 1)", DB_NOARGS, &e) ==
		    1);
	struct ctx b = {FAIL_WORK, "tx_inner", 0, 0};
	assert_int_equal(svc_tx(d, &who, work, &b, &e), -1);
	assert_int_equal(b.runs, 1);
	assert_true(db_in_tx(d));
	err_clear(&e);
	struct ctx ok = {OK, "tx_inner2", 0, 0};
	assert_int_equal(svc_tx(d, &who, work, &ok, &e), 0);
	assert_int_equal(db_commit(d, &e), 0);
	assert_int_equal(rows(d), 2); /* tx_outer and tx_inner2 */
	/* a lock not granted after a long wait (the driver's own) is not waited for again */
	struct ctx slow = {SLOW_BUSY, "tx_slow", 0, 0};
	err_clear(&e);
	assert_int_equal(svc_tx(d, &who, work, &slow, &e), -1);
	assert_string_equal(e.code, "db_busy");
	assert_int_equal(slow.runs, 1);
	assert_int_equal(rows(d), 2);
	/* a request that had a fault already is not retried (its reply is a 503 anyway) */
	err f = {0};
	assert_true(db_run(d, "SELECT no_such_column FROM counters", DB_NOARGS, &f) < 0);
	assert_int_not_equal(db_fault(d), 0);
	struct ctx once = {BUSY_ONCE, "tx_faulted", 0, 0};
	assert_int_equal(svc_tx(d, &who, work, &once, &e), -1);
	assert_int_equal(once.runs, 1);
	assert_int_equal(rows(d), 2);
	db_fault_clear(d);
	db_close(d);
}

int main(void)
{
	const struct CMUnitTest t[] = {
		cmocka_unit_test(test_commit_and_audit),
		cmocka_unit_test(test_failures_write_nothing),
		cmocka_unit_test(test_retryable_is_retried),
		cmocka_unit_test(test_not_retried),
	};
	return cmocka_run_group_tests_name(dbtest_pg_url() ? "tx on postgres" : "tx on sqlite", t, setup,
					   teardown);
}
