/* 工作日: publicity periods across the 2025 and 2026 official holidays and make-up workdays. */
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#include "core/workdays.h"

/* the part of data/holidays.csv these cases touch */
static const struct cal_day cal[] = {
	{20250926, false}, /* not a real holiday: checks that an override wins over a weekday */
	{20250928, true},  {20251001, false}, {20251002, false}, {20251003, false}, {20251004, false},
	{20251005, false}, {20251006, false}, {20251007, false}, {20251008, false}, {20251011, true},
	{20260214, true},  {20260215, false}, {20260216, false}, {20260217, false}, {20260218, false},
	{20260219, false}, {20260220, false}, {20260221, false}, {20260222, false}, {20260223, false},
	{20260228, true},
};

static void test_publicity_periods(void **state)
{
	UNUSED(state);
	size_t n = ARRAY_LEN(cal);
	static const struct {
		int from, days, end;
	} cases[] = {
		{20261123, 5, 20261127}, /* Monday: Monday..Friday */
		{20261121, 5, 20261127}, /* published on Saturday: starts Monday */
		{20251009, 5, 20251014}, /* Thu 9, Fri 10, Sat 11 (make-up), Mon 13, Tue 14 */
		{20250926, 5, 20251010}, /* the override Friday is off; Sun 28 (make-up), Mon 29, Tue 30, 8
					    days off, Thu 9, Fri 10 */
		{20260212, 5,
		 20260225}, /* 春节 2026: Thu 12, Fri 13, Sat 14 (make-up), 9 days off, Tue 24, Wed 25 */
		{20260225, 4, 20260228}, /* Wed 25, Thu 26, Fri 27, Sat 28 (make-up) */
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		int end = workdays_end(cases[i].from, cases[i].days, cal, n);
		if (end != cases[i].end)
			fail_msg("case %zu: from %d + %d working days ends %d, want %d", i, cases[i].from,
				 cases[i].days, end, cases[i].end);
	}
	assert_false(is_workday(20251001, cal, n));
	assert_true(is_workday(20251011, cal, n)); /* a Saturday made a workday */
	assert_false(is_workday(20251012, cal, n));
	assert_int_equal(workdays_between(20260209, 20260301, cal, n), 11); /* 9-14 Feb (6), 24-28 Feb (5) */
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_publicity_periods)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
