/* core/ladder.c and core/post_flow.c: the 新八级工 ladder as one ordered type, the pay check of a 特级技师 /
 * 首席技师 post, the ranking of a round, and the round's and the appointment's state machines. */
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#include "core/ladder.h"
#include "core/post_flow.h"

#define IADM RB(ROLE_INSTITUTION_ADMIN)
#define CITY RB(ROLE_CITY_ADMIN)

static void test_ladder(void **state)
{
	UNUSED(state);
	static const char *const zh[] = {"学徒工", "初级工",   "中级工",   "高级工",
					 "技师",   "高级技师", "特级技师", "首席技师"};
	for (int i = 0; i < WL_COUNT; i++) {
		assert_string_equal(ladder_name_zh(i), zh[i]);
		assert_int_equal(ladder_parse(zh[i]), i);
		assert_int_equal(ladder_parse(ladder_code(i)), i);
		if (i)
			assert_true(ladder_at_least(i, i - 1) && !ladder_at_least(i - 1, i));
	}
	assert_int_equal(ladder_parse("初级工（五级）"), WL_5);
	assert_int_equal(ladder_parse("一级"), WL_1);
	assert_int_equal(ladder_parse("1"), WL_1);
	assert_int_equal(ladder_parse("九级"), -1);
	assert_null(ladder_code(WL_COUNT));
	/* certificate grades: 1 一级/高级技师 is the highest, 5 五级/初级工 the lowest */
	assert_int_equal(ladder_from_grade(1), WL_1);
	assert_int_equal(ladder_from_grade(5), WL_5);
	assert_int_equal(ladder_from_grade(0), -1);
	assert_int_equal(ladder_from_grade(6), -1);
	for (int g = 1; g <= 5; g++)
		assert_int_equal(ladder_grade(ladder_from_grade(g)), g);
	assert_int_equal(ladder_grade(WL_SPECIAL), 0);
	assert_int_equal(ladder_grade(WL_APPRENTICE), 0);
	assert_int_equal(ladder_grade(WL_COUNT), -1);
	assert_string_equal(ladder_grade_label(1), "一级/高级技师");
	assert_string_equal(ladder_grade_label(5), "五级/初级工");
	assert_string_equal(ladder_grade_label(0), "");
	for (int g = 1; g <= 5; g++) /* the label names the rung of the grade */
		assert_non_null(strstr(ladder_grade_label(g), ladder_name_zh(ladder_from_grade(g))));
	assert_true(ladder_grade_at_least(1, 2));
	assert_true(ladder_grade_at_least(2, 2));
	assert_false(ladder_grade_at_least(3, 2));
	assert_false(ladder_grade_at_least(0, 5));
	assert_true(ladder_at_least(WL_SPECIAL, WL_1));
	assert_true(ladder_at_least(WL_CHIEF, WL_SPECIAL));
	assert_false(ladder_at_least(WL_1, WL_SPECIAL));
	assert_false(ladder_at_least(-1, WL_5));
}

static void test_pay(void **state)
{
	UNUSED(state);
	err e = {0};
	/* 特级技师 at or above the 正高级工程师 standard */
	assert_int_equal(post_pay_check(WL_SPECIAL, 2000000, 2000000, -1, -1, &e), 0);
	assert_int_equal(post_pay_check(WL_SPECIAL, 1999999, 2000000, -1, -1, &e), -1);
	assert_string_equal(e.code, "pay_below_reference");
	e = (err){0};
	/* 首席技师: the 副总 standard, and never below a 特级技师 post */
	assert_int_equal(post_pay_check(WL_CHIEF, 3000000, 2500000, 3000000, -1, &e), 0);
	assert_int_equal(post_pay_check(WL_CHIEF, 2999999, 2500000, 3000000, -1, &e), -1);
	assert_string_equal(e.code, "chief_below_special");
	assert_int_equal(e.status, 422);
	e = (err){0};
	assert_int_equal(post_pay_check(WL_CHIEF, 2400000, 2500000, -1, -1, &e), -1);
	assert_string_equal(e.code, "pay_below_reference");
	e = (err){0};
	/* a 特级技师 post above an existing 首席技师 post would break the same rule */
	assert_int_equal(post_pay_check(WL_SPECIAL, 3100000, 2000000, -1, 3000000, &e), -1);
	assert_string_equal(e.code, "special_above_chief");
	e = (err){0};
	assert_int_equal(post_pay_check(WL_SPECIAL, 3000000, 2000000, -1, 3000000, &e), 0);
	assert_int_equal(post_pay_check(WL_1, 3000000, 2000000, -1, -1, &e), -1);
	assert_string_equal(e.code, "invalid_value");
	e = (err){0};
	assert_int_equal(post_pay_check(WL_SPECIAL, 0, 2000000, -1, -1, &e), -1);
}

static void test_rank(void **state)
{
	UNUSED(state);
	struct post_rank_item it[] = {
		{.id = 1, .score = 70},	  {.id = 2, .score = 90},
		{.id = 3, .score = 70},	  {.id = 4, .score = 95, .star_failed = true},
		{.id = 5, .score = 59.9},
	};
	/* two seats, pass 60: 2 (90) and 1 (70, earlier than 3); 4 failed a ★ criterion */
	assert_int_equal(post_rank(it, 5, 2, 60), 2);
	assert_int_equal(it[0].id, 4);
	assert_false(it[0].selected);
	assert_int_equal(it[1].id, 2);
	assert_true(it[1].selected);
	assert_int_equal(it[2].id, 1);
	assert_true(it[2].selected);
	assert_int_equal(it[3].id, 3);
	assert_false(it[3].selected);
	assert_int_equal(it[3].rank, 4);
	/* more seats than passing applicants: 5 is under the pass score */
	assert_int_equal(post_rank(it, 5, 5, 60), 3);
	assert_int_equal(post_rank(it, 0, 5, 60), 0);
}

static void test_term(void **state)
{
	UNUSED(state);
	assert_int_equal(post_term_end(20261203, 36), 20291202);
	assert_int_equal(post_term_end(20260101, 12), 20261231);
	assert_int_equal(post_term_end(20240131, 1), 20240229);
	assert_int_equal(post_term_end(20230131, 1), 20230228);
	assert_int_equal(post_term_end(20240229, 12), 20250228);
	assert_int_equal(post_term_end(20261203, 0), 0);
	assert_int_equal(post_term_end(20261332, 12), 0);
}

static void test_flows(void **state)
{
	UNUSED(state);
	err e = {0};
	assert_int_equal(fsm_validate(&post_round_fsm, &e), 0);
	assert_int_equal(fsm_validate(&post_appt_fsm, &e), 0);
	const struct fsm_transition *t = NULL;
	struct post_round_ctx rc = {.trial_active = true, .panel_ready = true, .applicants = 2};
	assert_int_equal(fsm_decide(&post_round_fsm, "open", "scoring", IADM, NULL, &rc, &t, &e), 0);
	/* a city administrator takes no step of an enterprise's round */
	assert_int_equal(fsm_decide(&post_round_fsm, "open", "scoring", CITY, NULL, &rc, &t, &e), -1);
	assert_int_equal(e.status, 403);
	e = (err){0};
	rc.trial_active = false;
	assert_int_equal(fsm_decide(&post_round_fsm, "open", "scoring", IADM, NULL, &rc, &t, &e), -1);
	assert_string_equal(e.code, "trial_not_authorised");
	e = (err){0};
	rc = (struct post_round_ctx){.trial_active = true, .panel_ready = true, .applicants = 0};
	assert_int_equal(fsm_decide(&post_round_fsm, "open", "scoring", IADM, NULL, &rc, &t, &e), -1);
	assert_string_equal(e.code, "no_applicants");
	e = (err){0};
	rc.all_scored = false;
	assert_int_equal(fsm_decide(&post_round_fsm, "scoring", "ranked", IADM, NULL, &rc, &t, &e), -1);
	assert_string_equal(e.code, "scoring_incomplete");
	e = (err){0};
	rc.all_scored = true;
	assert_int_equal(fsm_decide(&post_round_fsm, "scoring", "ranked", IADM, NULL, &rc, &t, &e), 0);
	assert_true(t->effects & POST_FX_RANK);
	assert_int_equal(fsm_decide(&post_round_fsm, "open", "cancelled", IADM, NULL, &rc, &t, &e), -1);
	assert_int_equal(e.status, 422);
	e = (err){0};
	assert_int_equal(fsm_decide(&post_round_fsm, "appointed", "open", IADM, NULL, &rc, &t, &e), -1);
	assert_string_equal(e.code, "invalid_transition");
	e = (err){0};
	/* renewal: every year of the term appraised 合格 */
	struct post_appt_ctx ac = {.trial_active = true, .years_due = 3, .years_passed = 2};
	assert_int_equal(fsm_decide(&post_appt_fsm, "serving", "renewed", IADM, NULL, &ac, &t, &e), -1);
	assert_string_equal(e.code, "appraisal_missing");
	e = (err){0};
	ac = (struct post_appt_ctx){
		.trial_active = true, .years_due = 3, .years_passed = 2, .years_failed = 1};
	assert_int_equal(fsm_decide(&post_appt_fsm, "serving", "renewed", IADM, NULL, &ac, &t, &e), -1);
	assert_string_equal(e.code, "appraisal_failed");
	e = (err){0};
	ac = (struct post_appt_ctx){.trial_active = true, .years_due = 3, .years_passed = 3};
	assert_int_equal(fsm_decide(&post_appt_fsm, "serving", "renewed", IADM, NULL, &ac, &t, &e), 0);
	assert_true(t->effects & POST_FX_RENEW);
	assert_int_equal(fsm_decide(&post_appt_fsm, "serving", "ended", IADM, "left", &ac, &t, &e), 0);
	assert_int_equal(fsm_decide(&post_appt_fsm, "ended", "serving", IADM, NULL, &ac, &t, &e), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ladder), cmocka_unit_test(test_pay),   cmocka_unit_test(test_rank),
		cmocka_unit_test(test_term),   cmocka_unit_test(test_flows),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
