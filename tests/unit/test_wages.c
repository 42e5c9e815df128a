/* 工资价位: the pure rules of core/wages.h against hand-computed values — percentiles by definition 7 (R's
 * quantile(type = 7) gives the same figures before rounding: 1:10 * 1000 -> 1900 3250 5500 7750 9100),
 * rounding to the fen half up, disclosure control at each threshold, the year-on-year change, the minimum
 * pay of a post, and the ladder's names. */
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#include "core/wages.h"

static void test_quantile7(void **state)
{
	UNUSED(state);
	static const int64_t five[] = {100, 200, 300, 400, 500};
	static const int64_t ten[] = {1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10000};
	static const int64_t two[] = {0, 1};
	static const int64_t one[] = {7};
	static const int64_t three[] = {10, 11, 13};
	static const int64_t ties[] = {5, 5, 5, 9};
	static const struct {
		const char *what;
		const int64_t *x;
		size_t n;
		int64_t want[WAGE_NQ]; /* 10 25 50 75 90 */
	} cases[] = {
		/* h = 4p: 0.4 -> 100 + 0.4 * 100; 1; 2; 3; 3.6 -> 400 + 0.6 * 100 */
		{"five values", five, 5, {140, 200, 300, 400, 460}},
		/* h = 9p: 0.9, 2.25, 4.5, 6.75, 8.1 */
		{"ten values", ten, 10, {1900, 3250, 5500, 7750, 9100}},
		/* h = p: 0.1 -> 0.1 -> 0; 0.25 -> 0; 0.5 -> 0.5 rounds up to 1; 0.75 -> 1; 0.9 -> 1 */
		{"rounding half up", two, 2, {0, 0, 1, 1, 1}},
		{"one value", one, 1, {7, 7, 7, 7, 7}},
		/* h = 2p: 0.2 -> 10.2; 0.5 -> 10.5 -> 11; 1 -> 11; 1.5 -> 12; 1.8 -> 11 + 1.6 = 12.6 -> 13 */
		{"three values", three, 3, {10, 11, 11, 12, 13}},
		/* h = 3p: 0.3, 0.75, 1.5 -> 5; 2.25 -> 5 + 0.25 * 4 = 6; 2.7 -> 5 + 0.7 * 4 = 7.8 -> 8 */
		{"ties", ties, 4, {5, 5, 5, 6, 8}},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		for (int k = 0; k < WAGE_NQ; k++) {
			int64_t got = wage_quantile7(cases[i].x, cases[i].n, wage_quantile_pct[k]);
			if (got != cases[i].want[k])
				fail_msg("%s p%d: got %lld, want %lld", cases[i].what, wage_quantile_pct[k],
					 (long long)got, (long long)cases[i].want[k]);
		}
	assert_int_equal(wage_quantile7(five, 5, 0), 100);
	assert_int_equal(wage_quantile7(five, 5, 100), 500);
}

static void test_suppress(void **state)
{
	UNUSED(state);
	const struct wage_disclosure r = {3, 10, 50};
	static const struct {
		int64_t employers, persons, largest;
		unsigned want;
		const char *codes;
	} cases[] = {
		{3, 10, 5, 0, ""}, /* every threshold met exactly: 50 % is not above */
		{2, 10, 5, WS_FEW_EMPLOYERS, "few_employers"},	 /* one employer short */
		{3, 9, 4, WS_FEW_PERSONS, "few_persons"},	 /* one person short */
		{3, 10, 6, WS_DOMINANT, "dominant_employer"},	 /* 60 % */
		{4, 200, 101, WS_DOMINANT, "dominant_employer"}, /* 50.5 % */
		{4, 200, 100, 0, ""},
		{1, 12, 12, WS_FEW_EMPLOYERS | WS_DOMINANT, "few_employers,dominant_employer"},
		{1, 1, 1, WS_FEW_EMPLOYERS | WS_FEW_PERSONS | WS_DOMINANT,
		 "few_employers,few_persons,dominant_employer"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		unsigned got = wage_suppress(&r, cases[i].employers, cases[i].persons, cases[i].largest);
		assert_int_equal(got, cases[i].want);
		char buf[96];
		wage_suppress_format(got, buf, sizeof buf);
		assert_string_equal(buf, cases[i].codes);
	}
	char zh[96], en[96];
	wage_suppress_text(WS_DOMINANT, &r, zh, sizeof zh, en, sizeof en);
	assert_string_equal(zh, "单一单位人数占比超过 50%");
	assert_string_equal(en, "one employer holds more than 50% of the persons");
}

static void test_change(void **state)
{
	UNUSED(state);
	static const struct {
		int64_t prev, cur, bp;
	} cases[] = {
		{100000, 105000, 500}, {300, 299, -33}, {3, 2, -3333},	   {2, 3, 5000},
		{6, 7, 1667},	       {200, 201, 50},	{20000, 20001, 1}, /* +0.5 bp rounds away from zero */
		{20000, 19999, -1},    {5, 5, 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int64_t bp = 99999;
		assert_true(wage_change_bp(cases[i].prev, cases[i].cur, &bp));
		assert_int_equal(bp, cases[i].bp);
	}
	int64_t bp = 7;
	assert_false(wage_change_bp(0, 100, &bp));
	assert_int_equal(bp, 7);
}

static void test_min_annual(void **state)
{
	UNUSED(state);
	/* 2,200 yuan a month: 基础类 105 % -> 27,720 yuan a year; 核心类 200 % -> 52,800 */
	assert_int_equal(wage_min_annual(220000, 105, 0, WL_3), 2772000);
	assert_int_equal(wage_min_annual(220000, 200, 0, WL_1), 5280000);
	/* a step of 5 points per level above 初级工: 高级工 is two steps, 120 + 10 = 130 % */
	assert_int_equal(wage_min_annual(220000, 120, 5, WL_3), 3432000);
	assert_int_equal(wage_min_annual(220000, 120, 5, WL_5), 3168000);
	assert_int_equal(wage_min_annual(220000, 120, 5, WL_APPRENTICE), 3168000);
	/* rounded up: 1 fen * 12 * 1.05 = 12.6 -> 13 */
	assert_int_equal(wage_min_annual(1, 105, 0, WL_5), 13);
	assert_int_equal(wage_min_annual(-1, 105, 0, WL_5), -1);
	assert_int_equal(wage_min_annual(INT64_MAX / 2, 105, 0, WL_5), -1);
	assert_int_equal(wage_min_annual(100, 105, 0, WL_COUNT), -1);
}

static void test_levels(void **state)
{
	UNUSED(state);
	static const struct {
		const char *s;
		int want;
	} cases[] = {
		{"高级技师", WL_1},
		{"一级", WL_1},
		{"1", WL_1},
		{"技师", WL_2},
		{"3", WL_3},
		{"高级", WL_3},
		{"初级工（五级）", WL_5},
		{"中级工(四级)", WL_4},
		{"level4", WL_4},
		{"chief", WL_CHIEF},
		{"特级技师", WL_SPECIAL},
		{"学徒工", WL_APPRENTICE},
		{"六级", -1},
		{"", -1},
		{"6", -1},
		{"技", -1},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		if (wage_level_parse(cases[i].s) != cases[i].want)
			fail_msg("%s: got %d, want %d", cases[i].s, wage_level_parse(cases[i].s),
				 cases[i].want);
	assert_null(wage_level_parse(NULL) == -1 ? NULL : "x");
	assert_string_equal(wage_level_code(WL_SPECIAL), "special");
	assert_string_equal(wage_level_name_zh(WL_4), "中级工");
	assert_null(wage_level_code(WL_COUNT));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quantile7), cmocka_unit_test(test_suppress),
		cmocka_unit_test(test_change),	  cmocka_unit_test(test_min_annual),
		cmocka_unit_test(test_levels),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
