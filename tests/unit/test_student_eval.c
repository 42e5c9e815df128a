/* test_student_eval.c: the 高校学生 pilot's reach, the major match and the diploma of a class
 * (core/student_eval.c) */
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#include "core/student_eval.h"

static void test_region_within(void **state)
{
	(void)state;
	static const struct {
		const char *code, *area;
		bool in;
	} t[] = {
		{"370700", "370700", true}, {"370702", "370700", true},	 {"370200", "370700", false},
		{"370700", "370000", true}, {"410100", "370000", false}, {"370700", "370702", false},
		{"370700", "", false},
	};
	for (size_t i = 0; i < ARRAY_LEN(t); i++)
		assert_int_equal(region_within(t[i].code, t[i].area), t[i].in);
}

static void test_pilot_find(void **state)
{
	(void)state;
	/* 潍坊 from 2024, open-ended; a second, closed pilot in 德州 for 2025 */
	const struct pilot p[] = {{"370700", "2024-01-01", ""}, {"371400", "2025-01-01", "2025-12-31"}};
	static const struct {
		const char *code, *day;
		int want;
	} t[] = {
		{"370700", "2024-01-01", 0},  /* the first day */
		{"370700", "2023-12-31", -1}, /* before it */
		{"370705", "2030-06-01", 0},  /* open-ended, a county of 潍坊 */
		{"370200", "2025-03-01", -1}, /* 青岛: no pilot */
		{"371400", "2025-12-31", 1},  /* 德州's last day */
		{"371400", "2026-01-01", -1}, /* 德州's pilot over */
	};
	for (size_t i = 0; i < ARRAY_LEN(t); i++)
		assert_int_equal(pilot_find(p, ARRAY_LEN(p), t[i].code, t[i].day), t[i].want);
}

static void test_major_match(void **state)
{
	(void)state;
	/* a match up to 高级工 (3) covers levels 5, 4, 3 and not 2 or 1 */
	static const struct {
		int max, level;
		bool ok;
	} t[] = {{3, 5, true},	{3, 4, true}, {3, 3, true},  {3, 2, false},
		 {3, 1, false}, {1, 1, true}, {0, 5, false}, {5, 4, false}};
	for (size_t i = 0; i < ARRAY_LEN(t); i++)
		assert_int_equal(major_match_covers(t[i].max, t[i].level), t[i].ok);
}

static void test_diplomas(void **state)
{
	(void)state;
	assert_string_equal(diploma_of_major_level("intermediate"), "technical_school");
	assert_string_equal(diploma_of_major_level("senior"), "senior_technical_class");
	assert_string_equal(diploma_of_major_level("preparatory"), "preparatory_technician_class");
	assert_null(diploma_of_major_level("bachelor"));
	assert_true(university_diploma_ok("college"));
	assert_true(university_diploma_ok("bachelor"));
	assert_false(university_diploma_ok("technical_school"));
	assert_false(university_diploma_ok(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_region_within),
		cmocka_unit_test(test_pilot_find),
		cmocka_unit_test(test_major_match),
		cmocka_unit_test(test_diplomas),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
