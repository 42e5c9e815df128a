/* core/practice.c: a practice paper's cells from the exam blueprint (largest remainder, capped by the pool),
 * the China Standard Time day and the papers left today. Every expected value computed by hand. */
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#include "core/practice.h"

static void test_scale(void **state)
{
	UNUSED(state);
	static const struct {
		const char *what;
		int n, target;
		int counts[4], avail[4];
		int want[4], total;
	} cases[] = {
		/* 60/20/20 of 100 to 20: 12, 4, 4 exactly */
		{"exact shares", 3, 20, {60, 20, 20}, {99, 99, 99}, {12, 4, 4}, 20},
		/* 50/30/20 to 7: 3.5, 2.1, 1.4 -> 3, 2, 1 and one left: the largest remainder (0.5) */
		{"largest remainder", 3, 7, {50, 30, 20}, {99, 99, 99}, {4, 2, 1}, 7},
		/* 1/1/1 to 2: 0.67 each -> 0, 0, 0 and two left: the first two (ties go to the earlier) */
		{"ties to the earlier cell", 3, 2, {1, 1, 1}, {9, 9, 9}, {1, 1, 0}, 2},
		/* a target above the blueprint keeps it */
		{"target above the total", 2, 50, {10, 5}, {99, 99}, {10, 5}, 15},
		/* the pool holds 2 of the first cell: 12 -> 2, the paper is shorter */
		{"capped by the pool", 3, 20, {60, 20, 20}, {2, 99, 99}, {2, 4, 4}, 10},
		{"an empty pool", 2, 20, {60, 40}, {0, 0}, {0, 0}, 0},
		/* 100 single of 1 cell to 20 */
		{"one cell", 1, 20, {100}, {30}, {20}, 20},
		/* 3/3/3/1 of 10 to 5: 1.5, 1.5, 1.5, 0.5 -> 1, 1, 1, 0; two left: the first two 0.5s */
		{"four cells", 4, 5, {3, 3, 3, 1}, {9, 9, 9, 9}, {2, 2, 1, 0}, 5},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct blueprint_cell bp[4], out[4];
		for (int k = 0; k < cases[i].n; k++)
			bp[k] = (struct blueprint_cell){k, k % 3, cases[i].counts[k]};
		int got = practice_scale(bp, cases[i].avail, (size_t)cases[i].n, cases[i].target, out);
		if (got != cases[i].total)
			fail_msg("%s: total %d, want %d", cases[i].what, got, cases[i].total);
		for (int k = 0; k < cases[i].n; k++) {
			if (out[k].count != cases[i].want[k])
				fail_msg("%s: cell %d got %d, want %d", cases[i].what, k, out[k].count,
					 cases[i].want[k]);
			if (out[k].area != bp[k].area || out[k].kind != bp[k].kind)
				fail_msg("%s: cell %d lost its area or kind", cases[i].what, k);
		}
	}
	struct blueprint_cell one = {0, 0, 5}, o;
	assert_int_equal(practice_scale(&one, NULL, 1, 0, &o), 0); /* no target */
}

static void test_day(void **state)
{
	UNUSED(state);
	static const struct {
		const char *what;
		int64_t now, want;
	} cases[] = {
		/* 2026-12-04 00:00 CST = 2026-12-03 16:00 UTC = 1796313600 */
		{"the first second of the day", 1796313600, 1796313600},
		{"noon CST", 1796313600 + 12 * 3600, 1796313600},
		{"the last second", 1796313600 + 86399, 1796313600},
		{"the next day", 1796313600 + 86400, 1796313600 + 86400},
		{"23:59:59 UTC is 07:59:59 CST of the next day", 1796342399, 1796313600},
		{"before 1970 in CST", -8 * 3600 - 1, -8 * 3600 - 86400},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++)
		if (practice_day_start(cases[i].now) != cases[i].want)
			fail_msg("%s: got %lld, want %lld", cases[i].what,
				 (long long)practice_day_start(cases[i].now), (long long)cases[i].want);
}

static void test_left(void **state)
{
	UNUSED(state);
	assert_int_equal(practice_left(0, 5), 5);
	assert_int_equal(practice_left(4, 5), 1);
	assert_int_equal(practice_left(5, 5), 0);
	assert_int_equal(practice_left(7, 5), 0);
	assert_int_equal(practice_left(0, 0), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scale),
		cmocka_unit_test(test_day),
		cmocka_unit_test(test_left),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
