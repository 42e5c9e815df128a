/* core/target.c: 目标任务's expected path, behind decision and state (docs/DOMAIN.md §67), against values
 * computed by hand */
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#include "core/target.h"

static void test_expected(void **state)
{
	UNUSED(state);
	/* 新型学徒 100,000 from the policy's day 2020-12-18 (0) to 2025-12-31: the window is 13 + 365 × 5 + 1
	 * = 1839 days; 2023-06-30 is 13 + 365 + 365 + 181 = 924 days in: 100000 × 924 / 1839 = 50244.69 */
	struct target_window w = {20201218, 20251231, 0, 100000};
	struct {
		int at;
		int64_t want;
	} cases[] = {
		{20200101, 0},	    {20201218, 0},	{20201219, 54}, /* 100000 / 1839 = 54.4 */
		{20230630, 50244},  {20251230, 99945},			/* 1838 days: 99945.6 */
		{20251231, 100000}, {20260101, 100000},
	};
	for (size_t k = 0; k < ARRAY_LEN(cases); k++)
		assert_int_equal(target_expected(&w, cases[k].at), cases[k].want);
	/* a baseline that is not zero: 3,790,000 → 3,800,000 over 10 days, day 3: 3,793,000 */
	struct target_window b = {20250101, 20250111, 3790000, 3800000};
	assert_int_equal(target_expected(&b, 20250104), 3793000);
	/* a falling path rounds toward the baseline too: 10 → 0 over 3 days, day 1: 10 - 3.33 = 6.67 → 7 */
	struct target_window f = {20250101, 20250104, 10, 0};
	assert_int_equal(target_expected(&f, 20250102), 7);
}

static void test_behind(void **state)
{
	UNUSED(state);
	/* tolerance 5 %: behind when actual × 100 < expected × 95 */
	struct {
		int64_t actual, expected;
		int tol;
		bool behind;
	} cases[] = {
		{13, 14, 5, true},	  /* 1300 < 1330 */
		{14, 14, 5, false},	  /* on the path */
		{95, 100, 5, false},	  /* exactly the tolerance: not more than it */
		{94, 100, 5, true},	  /* 9400 < 9500 */
		{0, 0, 5, false},	  /* nothing expected yet */
		{99, 100, 0, true},	  /* no tolerance */
		{0, 100, 100, false},	  /* a tolerance of everything */
		{50244, 50244, 5, false}, /* the hand-computed path itself */
	};
	for (size_t k = 0; k < ARRAY_LEN(cases); k++)
		assert_int_equal(target_behind(cases[k].actual, cases[k].expected, cases[k].tol),
				 cases[k].behind);
}

static void test_state_and_year(void **state)
{
	UNUSED(state);
	/* 每年不少于 60 项: 2026's window; 1 April is 90 of 364 days in: 60 × 90 / 364 = 14.8 → 14 */
	struct target_window y = target_year_window(20260401, 60, 2021, 0);
	assert_int_equal(y.from, 20260101);
	assert_int_equal(y.to, 20261231);
	assert_int_equal(target_expected(&y, 20260401), 14);
	assert_int_equal(target_state_at(&y, 13, 20260401, 5), TS_BEHIND);
	assert_int_equal(target_state_at(&y, 14, 20260401, 5), TS_ON_TRACK);
	assert_int_equal(target_state_at(&y, 60, 20260401, 5), TS_ACHIEVED);
	/* before the first year: the first year's window, not started */
	struct target_window early = target_year_window(20190601, 60, 2021, 0);
	assert_int_equal(early.from, 20210101);
	assert_int_equal(target_state_at(&early, 0, 20190601, 5), TS_NOT_STARTED);
	/* after the last year: the last year's window, missed when short */
	struct target_window late = target_year_window(20280301, 60, 2021, 2025);
	assert_int_equal(late.to, 20251231);
	assert_int_equal(target_state_at(&late, 59, 20280301, 5), TS_MISSED);
	assert_string_equal(target_state_code(TS_BEHIND), "behind");
	assert_string_equal(target_state_zh(TS_MISSED), "到期未完成");
}

static void test_permille_month_end(void **state)
{
	UNUSED(state);
	assert_int_equal(target_permille(1, 3), 333);
	assert_int_equal(target_permille(3800000, 3800000), 1000);
	assert_int_equal(target_permille(5, 0), 0);
	assert_int_equal(target_permille(-1, 3), -334);
	assert_int_equal(target_month_end(202402), 20240229);
	assert_int_equal(target_month_end(202302), 20230228);
	assert_int_equal(target_month_end(202512), 20251231);
	assert_int_equal(target_month_end(202513), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_expected),
		cmocka_unit_test(test_behind),
		cmocka_unit_test(test_state_and_year),
		cmocka_unit_test(test_permille_month_end),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
