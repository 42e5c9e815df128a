/* The list spec (src/svc/base/list.c) on SQLite: filters of each kind, the length cap, paging with the
 * total, sorting by an allowed key both ways and refusing others, the list's own conditions and the
 * after-pass, list_one; and the domains' specs are well formed (export columns named, filters within the
 * bound, sort keys unique). On SQLite, or on JINENG_TEST_PG's database. */
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#include "store/db.h"
#include "store/query.h"
#include "svc/base/list.h"
#include "svc/base/audit_read.h"
#include "svc/base/rowview.h"
#include "util/jsonw.h"
#include "svc/auth/auth.h"
#include "svc/auth/users.h"
#include "svc/cert/certs.h"
#include "svc/registry/institutions.h"
#include "svc/registry/persons.h"
#include "svc/registry/reference.h"
#include "svc/supervision/complaints.h"
#include "svc/training/claims.h"
#include "svc/training/ledger.h"
#include "dbtest.h"
#include "svc/training/catalogue.h"
#include "svc/training/shortage.h"

static db *d;

static json_t *row_view(db_stmt *st)
{
	return json_pack("{s:s,s:I}", "name", db_text(st, 0), "value", (json_int_t)db_int(st, 1));
}

static int min_value(struct query *w, const char *frag, const char *v, err *e)
{
	if (strspn(v, "0123456789") != strlen(v))
		return err_set(e, 422, "invalid_value", "min", "min 应为整数", "min must be an integer");
	q_and(w, frag, DV_I(atoll(v)));
	return 0;
}

static const struct list_filter filters[] = {
	{"name", "c.name = ?", LIST_EQ},
	{"prefix", "c.name LIKE ?", LIST_STARTS, .max = 8},
	{"has", "c.name LIKE ?", LIST_CONTAINS},
	{"value", "c.value = ?", LIST_ID},
	{"min", "c.value >= ?", LIST_FN, .fn = min_value},
};
static const struct list_sort sorts[] = {{"value", "c.value"}};

/* only this test's rows */
static int own_rows(struct query *w, const principal *a, const char *const *v, err *e)
{
	UNUSED(a), UNUSED(v), UNUSED(e);
	q_and(w, "c.name LIKE 'lt_%'", DV_NULL);
	return 0;
}

static int after_calls;
static int mark(db *dd, const principal *a, json_t *items, err *e)
{
	UNUSED(dd), UNUSED(a), UNUSED(e);
	after_calls++;
	size_t i;
	json_t *o;
	json_array_foreach(items, i, o) json_object_set_new(o, "seen", json_true());
	return 0;
}

static const struct list_spec spec = {
	.name = "counters",
	.count_sql = "SELECT COUNT(*) FROM counters c",
	.select_sql = "SELECT c.name, c.value FROM counters c",
	.order = "c.name",
	LIST_FILTERS(filters),
	LIST_SORTS(sorts),
	.view = row_view,
	.where = own_rows,
	.after = mark,
};

static int setup(void **state)
{
	UNUSED(state);
	dbtest_use("list");
	err e = {0};
	if (!(d = dbtest_open()) ||
	    db_run(d, "DELETE FROM counters WHERE name LIKE 'lt_%'", DB_NOARGS, &e) < 0)
		return -1;
	static const char *const names[] = {"lt_apple", "lt_apricot", "lt_banana", "lt_cherry", "lt_date"};
	for (int i = 0; i < 5; i++)
		if (db_run(d, "INSERT INTO counters (name, value) VALUES ($1, $2)",
			   DB_ARGS(DV_S(names[i]), DV_I(i + 1)), &e) != 1)
			return -1;
	return 0;
}

static int teardown(void **state)
{
	UNUSED(state);
	db_close(d);
	dbtest_remove();
	return 0;
}

/* runs the spec with param=value pairs (NULL-terminated), the sort and the page; the names in order */
static json_t *run(const char *sort, int64_t limit, int64_t offset, err *e, ...)
{
	struct list_args la = {.sort = sort, .limit = limit, .offset = offset};
	va_list ap;
	va_start(ap, e);
	for (const char *k; (k = va_arg(ap, const char *));)
		assert_int_equal(list_set(&la, &spec, k, va_arg(ap, const char *)), 0);
	va_end(ap);
	return list_run(d, NULL, &spec, &la, e);
}

static void names_are(json_t *list, int64_t total, const char *want)
{
	char got[256] = "";
	size_t i;
	json_t *o;
	json_array_foreach(json_object_get(list, "items"), i, o)
	{
		snprintf(got + strlen(got), sizeof got - strlen(got), "%s%s", got[0] ? " " : "",
			 json_string_value(json_object_get(o, "name")) + 3);
		assert_true(json_is_true(json_object_get(o, "seen")));
	}
	assert_string_equal(got, want);
	assert_int_equal(json_integer_value(json_object_get(list, "total")), total);
	json_decref(list);
}

static void test_filters_paging_sorting(void **state)
{
	UNUSED(state);
	err e = {0};
	names_are(run(NULL, 20, 0, &e, NULL), 5, "apple apricot banana cherry date");
	names_are(run(NULL, 2, 2, &e, NULL), 5, "banana cherry"); /* a page, with the whole count */
	names_are(run(NULL, 20, 0, &e, "name", "lt_banana", NULL), 1, "banana");
	names_are(run(NULL, 20, 0, &e, "prefix", "lt_ap", NULL), 2, "apple apricot");
	names_are(run(NULL, 20, 0, &e, "has", "an", NULL), 1, "banana");
	names_are(run(NULL, 20, 0, &e, "value", "4", NULL), 1, "cherry");
	/* an id that is no positive number filters nothing */
	names_are(run(NULL, 20, 0, &e, "value", "0", NULL), 5, "apple apricot banana cherry date");
	names_are(run(NULL, 20, 0, &e, "value", "-2", NULL), 5, "apple apricot banana cherry date");
	names_are(run(NULL, 20, 0, &e, "min", "3", "has", "a", NULL), 2, "banana date");
	/* an empty value is no filter */
	names_are(run(NULL, 20, 0, &e, "name", "", NULL), 5, "apple apricot banana cherry date");
	/* sort keys both ways; the default order breaks ties */
	names_are(run("-value", 20, 0, &e, NULL), 5, "date cherry banana apricot apple");
	names_are(run("value", 3, 0, &e, NULL), 5, "apple apricot banana");
	assert_false(err_isset(&e));
	assert_int_equal(after_calls, 12);
}

static void test_refusals(void **state)
{
	UNUSED(state);
	err e = {0};
	/* an unknown sort key, also one that names a column */
	assert_null(run("name", 20, 0, &e, NULL));
	assert_int_equal(e.status, 422);
	assert_string_equal(e.field, "sort");
	err_clear(&e);
	assert_null(run("-c.value; DROP TABLE counters", 20, 0, &e, NULL));
	assert_string_equal(e.code, "invalid_value");
	/* the filter's own cap (8 bytes), and the default (256) */
	err_clear(&e);
	json_t *ok = run(NULL, 20, 0, &e, "prefix", "lt_apric", NULL); /* 8 bytes: taken */
	assert_non_null(ok);
	json_decref(ok);
	assert_null(run(NULL, 20, 0, &e, "prefix", "lt_apricot", NULL));
	assert_int_equal(e.status, 422);
	assert_string_equal(e.code, "too_long");
	assert_string_equal(e.field, "prefix");
	char big[300];
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	err_clear(&e);
	assert_null(run(NULL, 20, 0, &e, "has", big, NULL));
	assert_string_equal(e.code, "too_long");
	/* a LIST_FN filter that refuses its value */
	err_clear(&e);
	assert_null(run(NULL, 20, 0, &e, "min", "three", NULL));
	assert_string_equal(e.field, "min");
	/* a name the spec has not */
	struct list_args la = {0};
	assert_int_equal(list_set(&la, &spec, "nope", "x"), -1);
}

static void test_list_one(void **state)
{
	UNUSED(state);
	err e = {0};
	json_t *o = list_one(d, NULL, &spec, "c.name = ?", DV_S("lt_cherry"), "无", "none", &e);
	assert_non_null(o);
	assert_int_equal(json_integer_value(json_object_get(o, "value")), 4);
	json_decref(o);
	assert_null(list_one(d, NULL, &spec, "c.name = ?", DV_S("lt_fig"), "没有这一行", "no such row", &e));
	assert_int_equal(e.status, 404);
	assert_string_equal(e.zh, "没有这一行");
	assert_string_equal(e.en, "no such row");
}

/* a view declared as a table of members (svc/base/rowview.h) over rows with NULLs in text and integer
 * columns and names needing escapes; the written list must be byte for byte the tree's */
static const struct rv_member rv_members[] = {
	{"name", 0, RV_TEXT}, {"value", 1, RV_INT}, {"maybe_text", 2, RV_TEXT}, {"maybe_int", 3, RV_INT}};
static json_t *rv_view(db_stmt *st)
{
	return rv_tree(st, rv_members, ARRAY_LEN(rv_members));
}
static void rv_row(jw *w, db_stmt *st)
{
	rv_write(w, st, rv_members, ARRAY_LEN(rv_members));
}
static bool whole_name(const char *v)
{
	return strlen(v) > 3; /* this test's unique key: a whole name */
}
static const struct list_filter rv_filters[] = {
	{"name", "c.name = ?", LIST_EQ, .unique = whole_name},
	{"prefix", "c.name LIKE ?", LIST_STARTS},
};
static const struct list_spec rv_spec = {
	.name = "rows",
	.count_sql = "SELECT COUNT(*) FROM counters c",
	.select_sql = "SELECT c.name, c.value, CASE WHEN c.value % 2 = 0 THEN NULL ELSE c.name END, "
		      "CASE WHEN c.value > 3 THEN NULL ELSE c.value * 1000000007 END FROM counters c",
	.order = "c.name",
	LIST_FILTERS(rv_filters),
	LIST_SORTS(sorts),
	.view = rv_view,
	.write = rv_row,
	.where = own_rows,
};

static void same_bytes(const char *sort, int64_t limit, int64_t offset, const char *k, const char *v)
{
	struct list_args la = {.sort = sort, .limit = limit, .offset = offset};
	if (k)
		assert_int_equal(list_set(&la, &rv_spec, k, v), 0);
	err e = {0};
	json_t *tree = list_run(d, NULL, &rv_spec, &la, &e);
	assert_non_null(tree);
	buf want, got;
	buf_init(&want, 0);
	buf_init(&got, 0);
	jw w;
	jw_init(&w, &want);
	jw_json(&w, tree);
	assert_int_equal(list_write(d, NULL, &rv_spec, &la, &got, &e), 0);
	assert_false(err_isset(&e));
	assert_string_equal(got.ptr, want.ptr);
	json_decref(tree);
	buf_free(&want);
	buf_free(&got);
}

static void test_written_list_is_the_trees_bytes(void **state)
{
	UNUSED(state);
	err e = {0};
	static const char *const odd[] = {"lt_quo\"te\\slash", "lt_中文\n行", "lt_tab\there"};
	for (int i = 0; i < 3; i++)
		assert_int_equal(db_run(d, "INSERT INTO counters (name, value) VALUES ($1, $2)",
					DB_ARGS(DV_S(odd[i]), DV_I(10 + i)), &e),
				 1);
	same_bytes(NULL, 20, 0, NULL, NULL);	       /* every row: NULLs of both kinds, escapes */
	same_bytes(NULL, 3, 3, NULL, NULL);	       /* a middle page, counted */
	same_bytes("-value", 2, 0, NULL, NULL);	       /* sorted */
	same_bytes(NULL, 20, 0, "prefix", "lt_ap");    /* filtered */
	same_bytes(NULL, 20, 0, "name", "lt_cherry");  /* the unique path: no order, no limit */
	same_bytes(NULL, 20, 0, "name", "lt_nothing"); /* found nothing: empty items, total 0 */
	same_bytes(NULL, 20, 40, NULL, NULL);	       /* past the end: empty, counted */
	/* a bad sort key is refused as list_run refuses it */
	struct list_args la = {.sort = "nope", .limit = 20};
	buf b;
	buf_init(&b, 0);
	assert_int_equal(list_write(d, NULL, &rv_spec, &la, &b, &e), -1);
	assert_string_equal(e.code, "invalid_value");
	buf_free(&b);
	/* a spec with an after-pass has no written form */
	err_clear(&e);
	buf_init(&b, 0);
	assert_int_equal(list_write(d, NULL, &spec, &la, &b, &e), -1);
	assert_int_equal(e.status, 500);
	buf_free(&b);
	for (int i = 0; i < 3; i++)
		db_run(d, "DELETE FROM counters WHERE name = $1", DB_ARGS(DV_S(odd[i])), &e);
}

/* every spec of the domains: export columns named, filters within the bound and named once, sort keys
 * named once */
static void test_domain_specs(void **state)
{
	UNUSED(state);
	const struct list_spec *all[] = {&inst_list,	       &person_list,	   &user_list,
					 &occupation_list,     &cert_list,	   &audit_list,
					 &login_list,	       &complaint_list,	   &claim_list,
					 &ledger_account_list, &training_org_list, &shortage_list};
	for (size_t i = 0; i < ARRAY_LEN(all); i++) {
		const struct list_spec *s = all[i];
		assert_non_null(s->name);
		assert_non_null(s->view);
		assert_true(!s->write || !s->after); /* a written list has no after-pass */
		assert_true(s->nfilters <= LIST_MAX_FILTERS);
		for (size_t k = 0; k < s->ncols; k++) {
			assert_non_null(s->cols[k].key);
			assert_non_null(s->cols[k].title);
		}
		for (size_t k = 0; k < s->nfilters; k++) {
			assert_true(s->filters[k].match != LIST_FN || s->filters[k].fn);
			for (size_t m = 0; m < k; m++)
				assert_string_not_equal(s->filters[k].param, s->filters[m].param);
		}
		for (size_t k = 0; k < s->nsorts; k++)
			for (size_t m = 0; m < k; m++)
				assert_string_not_equal(s->sorts[k].key, s->sorts[m].key);
	}
}

int main(void)
{
	const struct CMUnitTest t[] = {
		cmocka_unit_test(test_filters_paging_sorting),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_list_one),
		cmocka_unit_test(test_written_list_is_the_trees_bytes),
		cmocka_unit_test(test_domain_specs),
	};
	return cmocka_run_group_tests_name("list spec", t, setup, teardown);
}
