/* 评价队伍与考点 (core/workforce.h): the grade a panel needs by level, which held grades cover it, validity
 * on the first and last day, a room's fit for the theory exam and the practical, overlapping bookings, and
 * the 标准化考场 check's pass rule. */
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#include "core/workforce.h"

static void test_grades(void **state)
{
	UNUSED(state);
	assert_int_equal(qual_grade_parse("senior_examiner"), QG_SENIOR_EXAMINER);
	assert_int_equal(qual_grade_parse("examiner"), QG_EXAMINER);
	assert_int_equal(qual_grade_parse("supervisor"), QG_SUPERVISOR);
	assert_int_equal(qual_grade_parse("master"), QG_NONE);
	assert_int_equal(qual_grade_parse(NULL), QG_NONE);
	assert_string_equal(qual_grade_zh(QG_SENIOR_EXAMINER), "高级考评员");
	assert_string_equal(qual_role(QG_SENIOR_EXAMINER), "examiner");
	assert_string_equal(qual_role(QG_SUPERVISOR), "supervisor");
	static const struct {
		int level;
		enum qual_grade need;
	} lv[] = {{5, QG_EXAMINER},	   {4, QG_EXAMINER},	    {3, QG_EXAMINER},
		  {2, QG_SENIOR_EXAMINER}, {1, QG_SENIOR_EXAMINER}, {0, QG_EXAMINER}};
	for (size_t i = 0; i < ARRAY_LEN(lv); i++)
		assert_int_equal(qual_needed_for_level(lv[i].level), lv[i].need);
	static const struct {
		enum qual_grade held, need;
		bool ok;
	} cov[] = {
		{QG_EXAMINER, QG_EXAMINER, true},	    {QG_SENIOR_EXAMINER, QG_EXAMINER, true},
		{QG_EXAMINER, QG_SENIOR_EXAMINER, false},   {QG_SENIOR_EXAMINER, QG_SENIOR_EXAMINER, true},
		{QG_SUPERVISOR, QG_EXAMINER, false},	    {QG_EXAMINER, QG_SUPERVISOR, false},
		{QG_SUPERVISOR, QG_SUPERVISOR, true},	    {QG_NONE, QG_EXAMINER, false},
		{QG_SENIOR_EXAMINER, QG_SUPERVISOR, false},
	};
	for (size_t i = 0; i < ARRAY_LEN(cov); i++)
		assert_int_equal(qual_covers(cov[i].held, cov[i].need), cov[i].ok);
}

static void test_validity(void **state)
{
	UNUSED(state);
	assert_false(qual_valid_on(true, 20270101, 20291231, 20261231));
	assert_true(qual_valid_on(true, 20270101, 20291231, 20270101));
	assert_true(qual_valid_on(true, 20270101, 20291231, 20291231));
	assert_false(qual_valid_on(true, 20270101, 20291231, 20300101));
	assert_false(qual_valid_on(false, 20270101, 20291231, 20280101));
}

static void test_rooms(void **state)
{
	UNUSED(state);
	static const struct {
		enum room_part part;
		int64_t cand, seats, pcs;
		const char *problem;
	} cases[] = {
		{RP_THEORY, 30, 40, 40, NULL},
		{RP_THEORY, 40, 40, 40, NULL},
		{RP_THEORY, 41, 40, 60, "room_too_small"},
		{RP_THEORY, 30, 40, 29, "room_no_computers"},
		{RP_THEORY, 1, 40, 0, "room_no_computers"},
		{RP_PRACTICAL, 30, 40, 0, NULL},
		{RP_REVIEW, 5, 10, 0, NULL},
		{RP_PRACTICAL, 11, 10, 20, "room_too_small"},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		const char *p = room_problem(cases[i].part, cases[i].cand, cases[i].seats, cases[i].pcs);
		if (cases[i].problem)
			assert_string_equal(p, cases[i].problem);
		else
			assert_null(p);
	}
	assert_int_equal(room_part_parse("theory"), RP_THEORY);
	assert_int_equal(room_part_parse("review"), RP_REVIEW);
	assert_int_equal(room_part_parse("oral"), -1);
}

static void test_overlap_and_check(void **state)
{
	UNUSED(state);
	assert_true(spans_overlap(100, 200, 150, 250));
	assert_true(spans_overlap(150, 250, 100, 200));
	assert_true(spans_overlap(100, 200, 120, 130));
	assert_false(spans_overlap(100, 200, 200, 300)); /* back to back */
	assert_false(spans_overlap(200, 300, 100, 200));
	assert_true(site_check_passed(6, 6, 0));
	assert_false(site_check_passed(6, 5, 0));
	assert_false(site_check_passed(6, 6, 1));
	assert_false(site_check_passed(0, 0, 0));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grades),
		cmocka_unit_test(test_validity),
		cmocka_unit_test(test_rooms),
		cmocka_unit_test(test_overlap_and_check),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
