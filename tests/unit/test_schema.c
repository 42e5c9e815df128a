/* One schema source, two dialects: a fresh SQLite database and a fresh PostgreSQL schema (JINENG_TEST_PG, as
 * in test_store.c; scripts/test-all.sh sets it) are migrated with the embedded migrations and their
 * catalogues compared: tables, columns in order (name, type class, nullability, whether they have a default),
 * primary keys, foreign keys, unique constraints, and indexes (name, columns, uniqueness, partial or not). A
 * second test plants a column and an index on one side only and requires the comparison to name both. Without
 * JINENG_TEST_PG the tests are skipped (say so; make unit runs without a cluster). */
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#include <ctype.h>
#include <unistd.h>
#include "store/db.h"

#define PG_SCHEMA "jineng_schema_check"

/* a set of catalogue lines */
struct lines {
	char **v;
	int n, cap;
};

static void add(struct lines *l, const char *fmt, ...)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 256;
		l->v = realloc(l->v, (size_t)l->cap * sizeof *l->v);
		assert_non_null(l->v);
	}
	va_list ap;
	va_start(ap, fmt);
	assert_true(vasprintf(&l->v[l->n++], fmt, ap) >= 0);
	va_end(ap);
}

static void lines_free(struct lines *l)
{
	for (int i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	*l = (struct lines){0};
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* the class of a declared (SQLite, by its affinity rules) or catalogued (PostgreSQL) type */
static const char *type_class(const char *t)
{
	char u[64];
	size_t i = 0;
	for (; t && t[i] && i < sizeof u - 1; i++)
		u[i] = (char)toupper((unsigned char)t[i]);
	u[i] = 0;
	if (strstr(u, "INT"))
		return "integer";
	if (strstr(u, "CHAR") || strstr(u, "CLOB") || strstr(u, "TEXT"))
		return "text";
	if (!u[0] || strstr(u, "BLOB") || !strcmp(u, "BYTEA"))
		return "blob";
	if (strstr(u, "REAL") || strstr(u, "FLOA") || strstr(u, "DOUB"))
		return "real";
	if (!strcmp(u, "BOOLEAN"))
		return "boolean";
	return "numeric";
}

/* the rows of sql (one text parameter, or none) joined with sep, into out */
static void join(db *d, const char *sql, const char *arg, const char *sep, char *out, size_t cap)
{
	err e = {0};
	db_stmt *st = arg ? db_query(d, sql, DB_ARGS(DV_S(arg)), &e) : db_query(d, sql, DB_NOARGS, &e);
	if (!st)
		fail_msg("%s: %s", sql, e.en);
	size_t len = 0;
	out[0] = 0;
	while (db_step(st) == DB_ROW) {
		const char *t = db_text(st, 0);
		len += (size_t)snprintf(out + len, len < cap ? cap - len : 0, "%s%s", len ? sep : "",
					t ? t : "(expr)");
		assert_true(len < cap);
	}
	assert_int_equal(db_finish(st, &e), 0);
}

static char **names(db *d, const char *sql, const char *arg, int *n)
{
	err e = {0};
	db_stmt *st = arg ? db_query(d, sql, DB_ARGS(DV_S(arg)), &e) : db_query(d, sql, DB_NOARGS, &e);
	if (!st)
		fail_msg("%s: %s", sql, e.en);
	char **v = NULL;
	*n = 0;
	while (db_step(st) == DB_ROW) {
		v = realloc(v, (size_t)(*n + 1) * sizeof *v);
		assert_non_null(v);
		v[(*n)++] = strdup(db_text(st, 0));
	}
	assert_int_equal(db_finish(st, &e), 0);
	return v;
}

static void free_names(char **v, int n)
{
	for (int i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void catalogue_sqlite(db *d, struct lines *out)
{
	err e = {0};
	int nt;
	char **tables =
		names(d,
		      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' "
		      "ESCAPE '\\' ORDER BY name",
		      NULL, &nt);
	for (int t = 0; t < nt; t++) {
		const char *tb = tables[t];
		/* a spatial index is engine-specific by design (docs/MIGRATIONS.md): SQLite's R*Tree virtual
		 * table NAME_spatial (with its shadow tables) against PostgreSQL's GiST index of that name;
		 * compared by name */
		const char *sp = strstr(tb, "_spatial");
		if (sp) {
			if (!sp[8])
				add(out, "spatial index %s", tb);
			continue;
		}
		add(out, "table %s", tb);
		db_stmt *st = db_query(d,
				       "SELECT name, type, \"notnull\", pk, dflt_value IS NOT NULL FROM "
				       "pragma_table_info($1) ORDER BY cid",
				       DB_ARGS(DV_S(tb)), &e);
		assert_non_null(st);
		for (int pos = 1; db_step(st) == DB_ROW; pos++)
			add(out, "column %s #%d %s %s %s%s", tb, pos, db_text(st, 0),
			    type_class(db_text(st, 1)),
			    db_int(st, 2) || db_int(st, 3) ? "not null" : "null", /* a key is never NULL */
			    db_int(st, 4) ? " default" : "");
		assert_int_equal(db_finish(st, &e), 0);
		char cols[512];
		join(d, "SELECT name FROM pragma_table_info($1) WHERE pk > 0 ORDER BY pk", tb, ",", cols,
		     sizeof cols);
		if (cols[0])
			add(out, "primary key %s(%s)", tb, cols);
		st = db_query(d,
			      "SELECT \"from\", \"table\", COALESCE(\"to\", (SELECT p.name FROM "
			      "pragma_table_info(f.\"table\") p WHERE p.pk = 1)) FROM "
			      "pragma_foreign_key_list($1) f",
			      DB_ARGS(DV_S(tb)), &e);
		assert_non_null(st);
		while (db_step(st) == DB_ROW)
			add(out, "foreign key %s(%s) -> %s(%s)", tb, db_text(st, 0), db_text(st, 1),
			    db_text(st, 2));
		assert_int_equal(db_finish(st, &e), 0);
		st = db_query(d, "SELECT name, \"unique\", origin, partial FROM pragma_index_list($1)",
			      DB_ARGS(DV_S(tb)), &e);
		assert_non_null(st);
		while (db_step(st) == DB_ROW) {
			const char *origin = db_text(st, 2);
			if (!strcmp(origin, "pk"))
				continue; /* the primary key, above */
			/* a nested statement on the same connection: pragma_index_info of this index */
			err e2 = {0};
			db_stmt *ci = db_query(d, "SELECT name FROM pragma_index_info($1) ORDER BY seqno",
					       DB_ARGS(DV_S(db_text(st, 0))), &e2);
			assert_non_null(ci);
			size_t len = 0;
			cols[0] = 0;
			while (db_step(ci) == DB_ROW) {
				const char *c = db_text(ci, 0);
				len += (size_t)snprintf(cols + len, sizeof cols - len, "%s%s", len ? "," : "",
							c ? c : "(expr)");
				assert_true(len < sizeof cols);
			}
			assert_int_equal(db_finish(ci, &e2), 0);
			if (!strcmp(origin, "u"))
				add(out, "unique constraint %s(%s)", tb, cols);
			else
				add(out, "index %s on %s(%s)%s%s", db_text(st, 0), tb, cols,
				    db_int(st, 1) ? " unique" : "", db_int(st, 3) ? " partial" : "");
		}
		assert_int_equal(db_finish(st, &e), 0);
	}
	free_names(tables, nt);
}

static void catalogue_pg(db *d, struct lines *out)
{
	err e = {0};
	int nt;
	char **tables =
		names(d,
		      "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
		      "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') ORDER BY 1",
		      NULL, &nt);
	for (int t = 0; t < nt; t++) {
		const char *tb = tables[t];
		add(out, "table %s", tb);
		db_stmt *st = db_query(
			d,
			"SELECT a.attname, format_type(a.atttypid, a.atttypmod), "
			"CASE WHEN a.attnotnull THEN 1 ELSE 0 END, CASE WHEN a.atthasdef THEN 1 "
			"ELSE 0 END FROM pg_attribute a WHERE a.attrelid = $1::regclass AND a.attnum "
			"> 0 AND NOT a.attisdropped ORDER BY a.attnum",
			DB_ARGS(DV_S(tb)), &e);
		assert_non_null(st);
		for (int pos = 1; db_step(st) == DB_ROW; pos++)
			add(out, "column %s #%d %s %s %s%s", tb, pos, db_text(st, 0),
			    type_class(db_text(st, 1)), db_int(st, 2) ? "not null" : "null",
			    db_int(st, 3) ? " default" : "");
		assert_int_equal(db_finish(st, &e), 0);
		char cols[512];
		join(d,
		     "SELECT a.attname FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH "
		     "ORDINALITY k(attnum, ord) JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum "
		     "= "
		     "k.attnum WHERE i.indrelid = $1::regclass AND i.indisprimary ORDER BY k.ord",
		     tb, ",", cols, sizeof cols);
		if (cols[0])
			add(out, "primary key %s(%s)", tb, cols);
		st = db_query(
			d,
			"SELECT a.attname, r.relname, ra.attname FROM pg_constraint c CROSS JOIN LATERAL "
			"unnest(c.conkey, c.confkey) k(col, refcol) JOIN pg_attribute a ON a.attrelid = "
			"c.conrelid AND a.attnum = k.col JOIN pg_class r ON r.oid = c.confrelid JOIN "
			"pg_attribute ra ON ra.attrelid = c.confrelid AND ra.attnum = k.refcol WHERE "
			"c.conrelid = $1::regclass AND c.contype = 'f'",
			DB_ARGS(DV_S(tb)), &e);
		assert_non_null(st);
		while (db_step(st) == DB_ROW)
			add(out, "foreign key %s(%s) -> %s(%s)", tb, db_text(st, 0), db_text(st, 1),
			    db_text(st, 2));
		assert_int_equal(db_finish(st, &e), 0);
		int ni;
		char **idx =
			names(d,
			      "SELECT ic.relname FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid "
			      "WHERE i.indrelid = $1::regclass AND NOT i.indisprimary ORDER BY 1",
			      tb, &ni);
		for (int x = 0; x < ni; x++) {
			const char *sp = strstr(idx[x], "_spatial");
			if (sp && !sp[8]) { /* the GiST spatial index, compared by name (above) */
				add(out, "spatial index %s", idx[x]);
				continue;
			}
			join(d,
			     "SELECT a.attname FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey::int2[]) "
			     "WITH "
			     "ORDINALITY k(attnum, ord) LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid "
			     "AND "
			     "a.attnum = k.attnum WHERE i.indexrelid = $1::regclass ORDER BY k.ord",
			     idx[x], ",", cols, sizeof cols);
			st = db_query(
				d,
				"SELECT CASE WHEN i.indisunique THEN 1 ELSE 0 END, CASE WHEN i.indpred IS "
				"NOT "
				"NULL THEN 1 ELSE 0 END, CASE WHEN EXISTS (SELECT 1 FROM pg_constraint c "
				"WHERE "
				"c.conindid = i.indexrelid AND c.conrelid = i.indrelid AND c.contype = 'u') "
				"THEN 1 ELSE 0 END FROM pg_index i WHERE i.indexrelid = $1::regclass",
				DB_ARGS(DV_S(idx[x])), &e);
			assert_non_null(st);
			assert_int_equal(db_step(st), DB_ROW);
			if (db_int(st, 2))
				add(out, "unique constraint %s(%s)", tb, cols);
			else
				add(out, "index %s on %s(%s)%s%s", idx[x], tb, cols,
				    db_int(st, 0) ? " unique" : "", db_int(st, 1) ? " partial" : "");
			assert_int_equal(db_finish(st, &e), 0);
		}
		free_names(idx, ni);
	}
	free_names(tables, nt);
}

/* the migrations applied, as "version name" lines */
static void applied(db *d, struct lines *out)
{
	err e = {0};
	db_stmt *st =
		db_query(d, "SELECT version, name FROM schema_migrations ORDER BY version", DB_NOARGS, &e);
	assert_non_null(st);
	while (db_step(st) == DB_ROW)
		add(out, "migration %lld %s", (long long)db_int(st, 0), db_text(st, 1));
	assert_int_equal(db_finish(st, &e), 0);
}

/* Counts the lines that only one side has, and prints them when `say`. */
static int differences(struct lines *a, struct lines *b, const char *an, const char *bn, bool say)
{
	qsort(a->v, (size_t)a->n, sizeof *a->v, cmp_str);
	qsort(b->v, (size_t)b->n, sizeof *b->v, cmp_str);
	int i = 0, j = 0, diff = 0;
	while (i < a->n || j < b->n) {
		int c = i == a->n ? 1 : j == b->n ? -1 : strcmp(a->v[i], b->v[j]);
		if (c < 0 && say)
			print_message("only on %s: %s\n", an, a->v[i]);
		else if (c > 0 && say)
			print_message("only on %s: %s\n", bn, b->v[j]);
		if (c < 0)
			i++, diff++;
		else if (c > 0)
			j++, diff++;
		else
			i++, j++;
	}
	return diff;
}

static char sqlite_path[128];
static db *lite, *pg;

static int setup(void **state)
{
	UNUSED(state);
	const char *pgurl = getenv("JINENG_TEST_PG");
	if (!pgurl || !*pgurl)
		return 0;
	err e = {0};
	int n;
	char url[256];
	snprintf(sqlite_path, sizeof sqlite_path, "/tmp/jineng-schema-%d.db", (int)getpid());
	unlink(sqlite_path);
	snprintf(url, sizeof url, "sqlite:%s", sqlite_path);
	if (db_open(url, &lite, &e) != 0 || db_migrate(lite, &n, &e) != 0) {
		print_error("sqlite: %s\n", e.en);
		return -1;
	}
	/* a fresh schema of its own, so nothing the other tests left in the database is compared */
	if (db_open(pgurl, &pg, &e) != 0 ||
	    db_exec(pg, "DROP SCHEMA IF EXISTS " PG_SCHEMA " CASCADE; CREATE SCHEMA " PG_SCHEMA
			"; SET search_path TO " PG_SCHEMA ", public") != DB_OK ||
	    db_migrate(pg, &n, &e) != 0) {
		print_error("postgres: %s %s\n", e.en, pg ? db_errmsg(pg) : "");
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	UNUSED(state);
	if (pg) {
		db_exec(pg, "DROP SCHEMA IF EXISTS " PG_SCHEMA " CASCADE");
		db_close(pg);
	}
	if (lite) {
		db_close(lite);
		char p[160];
		unlink(sqlite_path);
		snprintf(p, sizeof p, "%s-wal", sqlite_path);
		unlink(p);
		snprintf(p, sizeof p, "%s-shm", sqlite_path);
		unlink(p);
	}
	return 0;
}

static void test_both_dialects_build_the_same_schema(void **state)
{
	UNUSED(state);
	if (!pg) {
		print_message(
			"JINENG_TEST_PG is not set: the comparison needs PostgreSQL (scripts/test-all.sh)\n");
		skip();
	}
	struct lines a = {0}, b = {0};
	catalogue_sqlite(lite, &a);
	catalogue_pg(pg, &b);
	applied(lite, &a);
	applied(pg, &b);
	/* the catalogues are not trivially equal: every table of the schema is there */
	int tables = 0;
	for (int i = 0; i < a.n; i++)
		tables += !strncmp(a.v[i], "table ", 6);
	assert_true(tables >= 40);
	if (getenv("JINENG_SCHEMA_DUMP")) /* to read what is compared */
		for (int i = 0; i < a.n; i++)
			print_message("%s\n", a.v[i]);
	assert_int_equal(differences(&a, &b, "sqlite", "postgres", true), 0);
	print_message("%d catalogue lines alike on both\n", a.n);
	lines_free(&a);
	lines_free(&b);
}

/* the comparison sees a column added on one side and an index dropped on the other */
static void test_a_one_sided_change_is_seen(void **state)
{
	UNUSED(state);
	if (!pg)
		skip();
	assert_int_equal(db_exec(lite, "ALTER TABLE persons ADD COLUMN nickname TEXT"), DB_OK);
	assert_int_equal(db_exec(pg, "DROP INDEX persons_region"), DB_OK);
	struct lines a = {0}, b = {0};
	catalogue_sqlite(lite, &a);
	catalogue_pg(pg, &b);
	int n = differences(&a, &b, "sqlite", "postgres", false);
	int seen = 0;
	for (int i = 0; i < a.n; i++)
		seen += (!strncmp(a.v[i], "column persons #", 16) && strstr(a.v[i], " nickname text null")) ||
			!strcmp(a.v[i], "index persons_region on persons(region_code)");
	assert_int_equal(n, 2);
	assert_int_equal(seen, 2);
	lines_free(&a);
	lines_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_both_dialects_build_the_same_schema),
		cmocka_unit_test(test_a_one_sided_change_is_seen),
	};
	return cmocka_run_group_tests_name("schema: sqlite and postgres", tests, setup, teardown);
}
