/* svc/base/import: the runner every importer uses, on a SQLite database with a scratch table. A row function
 * that writes and then rejects leaves nothing (its savepoint), a duplicate key is a rejected row and the
 * others stay, all-or-nothing writes nothing when a row fails, a failing row stops the import with nothing
 * written, the audit record is written with the rows (and only then), the header's errors come before any
 * write, the runner nests inside a caller's transaction, and the hooks and progress are called. */
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#include "svc/base/import.h"
#include <unistd.h>

static char path[128];

static db *fresh(void)
{
	char url[160], p[160];
	snprintf(path, sizeof path, "/tmp/jineng-import-%d.db", (int)getpid());
	unlink(path);
	snprintf(p, sizeof p, "%s-wal", path);
	unlink(p);
	snprintf(url, sizeof url, "sqlite:%s", path);
	db *d;
	err e = {0};
	assert_int_equal(db_open(url, &d, &e), 0);
	int n;
	assert_int_equal(db_migrate(d, &n, &e), 0);
	assert_true(db_run(d, "CREATE TABLE imp_t (k TEXT PRIMARY KEY, v TEXT)", DB_NOARGS, &e) >= 0);
	return d;
}

static int64_t count(db *d, const char *sql)
{
	int64_t n = -1;
	err e = {0};
	assert_int_equal(db_one_int(d, sql, DB_NOARGS, &n, &e), DB_OK);
	return n;
}

enum { C_K, C_V, C_N };
static const tab_col cols[C_N] = {
	[C_K] = {"k", "键", {0}, TAB_REQUIRED},
	[C_V] = {"v", "值", {0}, 0},
};
static const tab_spec spec = {cols, C_N, 0};

struct ctx {
	db *d;
	int started, finished;
	bool finish_ok;
	size_t progress[8], nprogress;
	char rejects[256];
};

/* writes the row, then: v "bad" rejects after writing, "boom" fails the import */
static int row(void *p, const tab_row *r, err *e)
{
	struct ctx *c = p;
	const char *k = tab_get(r, C_K), *v = tab_get(r, C_V);
	if (db_run(c->d, "INSERT INTO imp_t (k, v) VALUES ($1, $2)", DB_ARGS(DV_S(k), DV_SN(v)), e) < 0)
		return e->status >= 500 ? -1 : 1;
	if (v && !strcmp(v, "bad"))
		return err_set(e, 422, "bad_value", "v", "值不对", "bad value"), 1;
	if (v && !strcmp(v, "boom"))
		return err_set(e, 503, "db_busy", NULL, "数据库忙", "the database is busy"), -1;
	return 0;
}

static int start(void *p, err *e)
{
	UNUSED(e);
	((struct ctx *)p)->started++;
	return 0;
}

static int finish(void *p, bool ok, err *e)
{
	UNUSED(e);
	struct ctx *c = p;
	c->finished++;
	c->finish_ok = ok;
	return 0;
}

static void on_reject(void *p, size_t line, const err *e)
{
	struct ctx *c = p;
	size_t l = strlen(c->rejects);
	snprintf(c->rejects + l, sizeof c->rejects - l, "%zu:%s;", line, e->code);
}

static void on_progress(void *p, size_t rows)
{
	struct ctx *c = p;
	if (c->nprogress < ARRAY_LEN(c->progress))
		c->progress[c->nprogress++] = rows;
}

static json_t *detail(void *p, const import_result *res)
{
	UNUSED(p);
	return json_pack("{s:I,s:I}", "rows", (json_int_t)res->rows, "imported", (json_int_t)res->ok);
}

static const import_def def = {.spec = &spec,
			       .row = row,
			       .start = start,
			       .finish = finish,
			       .audit_action = "test.import",
			       .audit_entity = "imp_t",
			       .audit_detail = detail};

static const struct {
	const char *what, *csv;
	bool aon;
	int rc;
	const char *code; /* of a failed import */
	size_t rows, ok, rejected;
	bool stored;
	const char *table;   /* the keys in imp_t afterwards */
	const char *rejects; /* what on_reject saw */
	int64_t audits;	     /* audit records written */
} cases[] = {
	{"good rows stay; a row that wrote and then failed, and a duplicate key, leave nothing",
	 "k,v\na,1\nb,bad\nc,2\na,dup\n", false, 0, NULL, 4, 2, 2, true, "a,c", "3:bad_value;5:conflict;", 1},
	{"all or nothing: a failing row, nothing written, no audit", "k,v\nd,1\ne,bad\n", true, 0, NULL, 2, 1,
	 1, false, "", "3:bad_value;", 0},
	{"all or nothing, every row good", "k,v\nf,1\ng,2\n", true, 0, NULL, 2, 2, 0, true, "f,g", "", 1},
	{"a failing row stops the import: nothing written", "k,v\nh,1\ni,boom\nj,2\n", false, -1, "db_busy",
	 2, 1, 0, false, "", "", 0},
	{"a missing column: nothing read", "v\n1\n", false, -1, "missing_column", 0, 0, 0, false, "", "", 0},
	{"an empty file", "", false, -1, "empty_file", 0, 0, 0, false, "", "", 0},
};

static void keys(db *d, char *out, size_t cap)
{
	err e = {0};
	out[0] = 0;
	db_stmt *st = db_query(d, "SELECT k FROM imp_t ORDER BY k", DB_NOARGS, &e);
	assert_non_null(st);
	while (db_step(st) == DB_ROW) {
		size_t l = strlen(out);
		snprintf(out + l, cap - l, "%s%s", l ? "," : "", db_text(st, 0));
	}
	db_done(st);
}

static void test_runner_cases(void **state)
{
	UNUSED(state);
	principal who = {.role = ROLE_PROVINCE_ADMIN};
	snprintf(who.username, sizeof who.username, "tester");
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		db *d = fresh();
		struct ctx c = {.d = d};
		import_opts o = {.data = cases[i].csv,
				 .len = strlen(cases[i].csv),
				 .all_or_nothing = cases[i].aon,
				 .audit_entity_id = "t",
				 .on_reject = on_reject,
				 .reject_ctx = &c};
		import_result res;
		err e = {0};
		int rc = import_exec(d, &who, &def, &c, &o, &res, &e);
		if (rc != cases[i].rc)
			fail_msg("%s: rc %d (%s)", cases[i].what, rc, e.en);
		if (cases[i].code && strcmp(e.code, cases[i].code))
			fail_msg("%s: code %s", cases[i].what, e.code);
		if (res.rows != cases[i].rows || res.ok != cases[i].ok || res.rejected != cases[i].rejected ||
		    res.stored != cases[i].stored)
			fail_msg("%s: rows %zu ok %zu rejected %zu stored %d", cases[i].what, res.rows,
				 res.ok, res.rejected, res.stored);
		assert_false(db_in_tx(d));
		char got[128];
		keys(d, got, sizeof got);
		if (strcmp(got, cases[i].table))
			fail_msg("%s: table '%s', want '%s'", cases[i].what, got, cases[i].table);
		if (strcmp(c.rejects, cases[i].rejects))
			fail_msg("%s: rejects '%s'", cases[i].what, c.rejects);
		assert_int_equal(count(d, "SELECT COUNT(*) FROM audit_log WHERE action = 'test.import'"),
				 cases[i].audits);
		/* the hooks: start once the transaction began, finish after the read (ok when it was read) */
		assert_int_equal(c.started, 1);
		assert_int_equal(c.finished, 1);
		assert_int_equal(c.finish_ok, cases[i].rc == 0);
		/* the report keeps what was rejected, for the API's JSON */
		assert_int_equal(res.report.count, cases[i].rejected);
		json_t *j = import_errors_json(&def, &res);
		assert_int_equal(json_array_size(j), cases[i].rejected);
		json_decref(j);
		import_result_free(&res);
		db_close(d);
		unlink(path);
	}
}

static void test_runner_nested_and_progress(void **state)
{
	UNUSED(state);
	principal who = {.role = ROLE_PROVINCE_ADMIN};
	db *d = fresh();
	struct ctx c = {.d = d};
	const char *csv = "k\na\nb\nc\n";
	import_opts o = {.data = csv,
			 .len = strlen(csv),
			 .audit_entity_id = "t",
			 .progress = on_progress,
			 .progress_ctx = &c,
			 .progress_every = 2};
	import_result res;
	err e = {0};
	/* inside a caller's transaction the import is a savepoint: the caller's roll-back undoes it */
	assert_int_equal(db_begin(d, &e), 0);
	assert_int_equal(import_exec(d, &who, &def, &c, &o, &res, &e), 0);
	assert_true(res.stored);
	assert_true(db_in_tx(d));
	db_rollback(d);
	import_result_free(&res);
	char got[64];
	keys(d, got, sizeof got);
	assert_string_equal(got, "");
	assert_int_equal(count(d, "SELECT COUNT(*) FROM audit_log WHERE action = 'test.import'"), 0);
	assert_int_equal(c.nprogress, 1);
	assert_int_equal(c.progress[0], 2);
	db_close(d);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_runner_cases),
		cmocka_unit_test(test_runner_nested_and_progress),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
