/* svc/base/keys.c lists every sealed column for the key rotation: a column of the schema holding sealed text
 * (named *_sealed) that is missing from the list would keep values under a retired key. This reads every
 * migration and checks the list is complete and names only columns that exist. */
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#include <ctype.h>
#include <string.h>
#include "store/migrations.h"
#include "svc/base/keys.h"

static bool listed(const char *table, const char *column)
{
	for (int i = 0; sealed_columns[i].table; i++)
		if (!strcmp(sealed_columns[i].table, table) && !strcmp(sealed_columns[i].column, column))
			return true;
	return false;
}

/* the table of the nearest "CREATE TABLE x" or "ALTER TABLE x" before pos */
static void table_before(const char *sql, const char *pos, char *out, size_t n)
{
	out[0] = 0;
	for (const char *p = sql; p < pos; p++) {
		const char *t = NULL;
		if (!strncmp(p, "CREATE TABLE ", 13))
			t = p + 13;
		else if (!strncmp(p, "ALTER TABLE ", 12))
			t = p + 12;
		if (!t)
			continue;
		if (!strncmp(t, "IF NOT EXISTS ", 14))
			t += 14;
		size_t k = 0;
		while ((isalnum((unsigned char)t[k]) || t[k] == '_') && k + 1 < n) {
			out[k] = t[k];
			k++;
		}
		out[k] = 0;
	}
}

static void test_every_sealed_column_listed(void **state)
{
	(void)state;
	int found = 0;
	for (const struct migration *m = migrations; m->dialect; m++) {
		if (strcmp(m->dialect, "sqlite"))
			continue;
		for (const char *p = strstr(m->sql, "_sealed"); p; p = strstr(p + 1, "_sealed")) {
			/* a column definition: "<name>_sealed <spaces> TEXT" */
			const char *q = p + 7;
			if (*q != ' ')
				continue;
			while (*q == ' ')
				q++;
			if (strncmp(q, "TEXT", 4))
				continue;
			const char *b = p;
			while (b > m->sql && (isalnum((unsigned char)b[-1]) || b[-1] == '_'))
				b--;
			char column[64], table[64];
			snprintf(column, sizeof column, "%.*s", (int)(p + 7 - b), b);
			table_before(m->sql, b, table, sizeof table);
			if (!listed(table, column))
				fail_msg("%s.%s (migration %s) holds sealed values but is not in "
					 "sealed_columns "
					 "(svc/base/keys.c)",
					 table, column, m->name);
			found++;
		}
	}
	int n = 0;
	while (sealed_columns[n].table)
		n++;
	assert_int_equal(found, n); /* and nothing listed that the schema does not have */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_sealed_column_listed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
