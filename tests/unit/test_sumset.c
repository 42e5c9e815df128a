/* svc/stats/sumset.c: the rows of a dashboard or drill-down found by key through a hash — every key once,
 * in the order first asked for, through the growth of the table, long keys cut at the same length. */
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include "svc/stats/sumset.h"

static void test_keys_once_in_order(void **state)
{
	UNUSED(state);
	static const struct {
		const char *key;
		int64_t add;
		size_t want_n; /* rows after this step */
	} steps[] = {
		{"370100", 1, 1}, {"370200", 2, 2},  {"370100", 3, 2},
		{"", 4, 3},	  {"2026-05", 5, 4}, {"370200", 6, 4},
	};
	struct sumset s = {0};
	assert_null(sumset_find(&s, "370100")); /* an empty set answers without a table */
	for (size_t i = 0; i < ARRAY_LEN(steps); i++) {
		struct sumrow *r = sumset_get(&s, steps[i].key);
		assert_non_null(r);
		r->v[0][0] += steps[i].add;
		assert_int_equal(s.n, steps[i].want_n);
	}
	static const struct {
		const char *key;
		int64_t sum;
	} want[] = {{"370100", 4}, {"370200", 8}, {"", 4}, {"2026-05", 5}};
	for (size_t i = 0; i < ARRAY_LEN(want); i++) {
		assert_string_equal(s.rows[i].key, want[i].key); /* first-asked order */
		assert_int_equal(sumset_find(&s, want[i].key)->v[0][0], want[i].sum);
	}
	assert_null(sumset_find(&s, "370300"));
	sumset_free(&s);
	assert_int_equal(s.n, 0);
}

static void test_growth(void **state)
{
	UNUSED(state);
	/* 5,000 occupation-like keys: the table is rebuilt several times; each key keeps its own row */
	struct sumset s = {0};
	char k[32];
	for (int round = 0; round < 2; round++)
		for (int i = 0; i < 5000; i++) {
			snprintf(k, sizeof k, "%d-%02d-%02d-%02d", 1 + i % 8, i / 1000, (i / 10) % 100,
				 i % 10);
			struct sumrow *r = sumset_get(&s, k);
			assert_non_null(r);
			r->v[1][2] += i;
		}
	assert_int_equal(s.n, 5000);
	assert_true(s.nslot >= 2 * s.n);
	for (int i = 0; i < 5000; i += 97) {
		snprintf(k, sizeof k, "%d-%02d-%02d-%02d", 1 + i % 8, i / 1000, (i / 10) % 100, i % 10);
		struct sumrow *r = sumset_find(&s, k);
		assert_non_null(r);
		assert_int_equal(r->v[1][2], 2 * i);
		assert_string_equal(s.rows[i].key, k);
	}
	sumset_free(&s);
}

static void test_long_keys(void **state)
{
	UNUSED(state);
	/* keys longer than the row holds are cut at SUMSET_KEY - 1 bytes: two that differ only past it are
	 * one */
	char a[64], b[64];
	memset(a, 'x', 50);
	a[50] = 0;
	memcpy(b, a, 51);
	b[45] = 'y';
	struct sumset s = {0};
	struct sumrow *ra = sumset_get(&s, a), *rb = sumset_get(&s, b);
	assert_ptr_equal(ra, rb);
	assert_int_equal(s.n, 1);
	assert_int_equal(strlen(ra->key), SUMSET_KEY - 1);
	b[10] = 'y'; /* a difference inside the kept part: a second row */
	assert_non_null(sumset_get(&s, b));
	assert_int_equal(s.n, 2);
	sumset_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keys_once_in_order),
		cmocka_unit_test(test_growth),
		cmocka_unit_test(test_long_keys),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
