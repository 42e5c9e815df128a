/* 操作技能考核: panel rules, panel means, spread flags and the ★ rule, table-driven. */
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#include "core/practical.h"

static void test_panels(void **state)
{
	UNUSED(state);
	static const struct {
		int n, seniors, level;
		const char *want;
	} cases[] = {
		{3, 0, 5, NULL},
		{5, 0, 3, NULL},
		{2, 2, 5, "panel_too_small"},
		{4, 4, 4, "panel_even"},
		{3, 2, 2, "senior_examiners_required"},
		{3, 3, 1, NULL},
		{17, 17, 5, "panel_too_large"},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		const char *got = panel_problem(cases[i].n, cases[i].seniors, cases[i].level);
		if (!cases[i].want)
			assert_null(got);
		else
			assert_string_equal(got, cases[i].want);
	}
}

static void test_aggregate(void **state)
{
	UNUSED(state);
	const struct criterion c[] = {{40, true}, {30, false}, {30, false}};
	struct panel_result r;
	/* three examiners; the ★ criterion passes at exactly 60 % of 40 = 24 */
	const double ok[] = {24, 30, 30, 24, 20, 30, 24, 25, 30};
	assert_int_equal(practical_aggregate(c, 3, ok, 3, 0.2, &r), 0);
	assert_false(r.star_failed);
	assert_true(r.mean[1] == 25.0);
	assert_true(r.score == 79.0); /* (24 + 25 + 30) / 100 */
	assert_true(r.spread[1]);     /* 30 - 20 = 10 > 20 % of 30 */
	assert_false(r.spread[0]);
	/* the ★ criterion's mean just below 24: the part fails, capped at 59 */
	const double star[] = {23, 30, 30, 24, 30, 30, 24, 30, 30};
	assert_int_equal(practical_aggregate(c, 3, star, 3, 0.2, &r), 0);
	assert_true(r.star_failed);
	assert_int_equal(r.star_index, 0);
	assert_true(r.score == 59.0);
	/* a score outside 0..points is refused */
	const double bad[] = {41, 30, 30};
	assert_int_equal(practical_aggregate(c, 3, bad, 1, 0.2, &r), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_panels), cmocka_unit_test(test_aggregate)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
