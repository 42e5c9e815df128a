/* core/comp_outcome.c: 竞赛成果's pure rules — 山东省技术能手 for class-1 top 3 and class-2 first in every
 * group, nothing for other tiers or places; the promotion one level from the highest certificate, the
 * group's level for a winner without one, nothing above 一级 or without an occupation, the optional limit
 * off and on; the base-or-unit payee (the base when trained at one, never both). */
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#include "core/comp_outcome.h"

static void test_honour(void **state)
{
	UNUSED(state);
	static const struct {
		const char *tier;
		int place;
		bool due;
		const char *zh;
	} cases[] = {
		{"province_1", 1, true, "前三名"},   {"province_1", 3, true, "第 3 名"},
		{"province_1", 4, false, "第 4 名"}, {"province_2", 1, true, "第一名"},
		{"province_2", 2, false, "第 2 名"}, {"national", 1, false, "仅省级一类、二类"},
		{"city", 1, false, "仅省级"},	     {"worldskills", 1, false, "仅省级"},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct co_reason w;
		assert_int_equal(co_honour_due(cases[i].tier, cases[i].place, &w), cases[i].due);
		assert_non_null(strstr(w.zh, cases[i].zh));
		assert_true(w.en[0] != 0);
	}
}

static void test_promotion(void **state)
{
	UNUSED(state);
	static const struct {
		struct co_promo_in in;
		int to;
		const char *zh;
	} cases[] = {
		/* 三级 → 二级; 二级 → 一级; 一级: nothing higher */
		{{.has_occupation = true, .current_level = 3}, 2, "晋升一级为二级/技师"},
		{{.has_occupation = true, .current_level = 2, .group_level = 3}, 1, "一级/高级技师"},
		{{.has_occupation = true, .current_level = 1}, 0, "没有更高的等级"},
		/* no certificate: the group's level, or nothing */
		{{.has_occupation = true, .group_level = 3}, 3, "按赛项规则授予三级/高级工"},
		{{.has_occupation = true}, 0, "未规定无证选手"},
		/* a WorldSkills skill without an occupation */
		{{.has_occupation = false, .current_level = 3}, 0, "没有对应的国家职业"},
		/* the limit: off (the default) promotes whatever was used; on, refuses at the count */
		{{.has_occupation = true,
		  .current_level = 4,
		  .limit_count = 1,
		  .limit_months = 12,
		  .used = 3},
		 3,
		 "晋升一级"},
		{{.has_occupation = true,
		  .current_level = 4,
		  .limit_on = true,
		  .limit_count = 1,
		  .limit_months = 12,
		  .used = 1},
		 0,
		 "已达竞赛晋升次数限制"},
		{{.has_occupation = true,
		  .current_level = 4,
		  .limit_on = true,
		  .limit_count = 2,
		  .limit_months = 12,
		  .used = 1},
		 3,
		 "晋升一级"},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct co_reason w;
		assert_int_equal(co_promotion(&cases[i].in, &w), cases[i].to);
		if (!strstr(w.zh, cases[i].zh))
			fail_msg("case %zu: %s", i, w.zh);
	}
}

static void test_base_or_unit(void **state)
{
	UNUSED(state);
	int64_t payee = -1;
	struct co_reason w;
	/* trained at a base: the base, whatever the unit */
	assert_int_equal(co_base_or_unit(7, 9, 11, &payee, &w), CO_PAY_BASE);
	assert_int_equal(payee, 7);
	assert_non_null(strstr(w.zh, "不重复享受"));
	/* no base: the sending unit, else the nominating institution */
	assert_int_equal(co_base_or_unit(0, 9, 11, &payee, &w), CO_PAY_UNIT);
	assert_int_equal(payee, 9);
	assert_int_equal(co_base_or_unit(0, 0, 11, &payee, &w), CO_PAY_UNIT);
	assert_int_equal(payee, 11);
	/* a city nominated: nobody */
	assert_int_equal(co_base_or_unit(0, 0, 0, &payee, &w), CO_PAY_NONE);
	assert_int_equal(payee, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_honour),
		cmocka_unit_test(test_promotion),
		cmocka_unit_test(test_base_or_unit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
