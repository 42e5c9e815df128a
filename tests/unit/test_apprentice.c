/* core/apprentice.c: the terms of a 企业新型学徒制 contract at their boundaries, its state machine, and the
 * job recommendation's matching rules (level and region) */
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#include "core/apprentice.h"

#define IADM RB(ROLE_INSTITUTION_ADMIN)
#define CITY RB(ROLE_CITY_ADMIN)
#define CAND RB(ROLE_CANDIDATE)

static void test_terms(void **state)
{
	UNUSED(state);
	err e = {0};
	int m = -1;
	/* exactly a year of contract and of training */
	assert_int_equal(apprentice_terms_check(20240101, 20250101, 20240101, 20250101, &m, &e), 0);
	assert_int_equal(m, 12);
	/* a contract a day short of a year */
	e = (err){0};
	assert_int_equal(apprentice_terms_check(20240101, 20241231, 20240101, 20241231, &m, &e), -1);
	assert_string_equal(e.code, "contract_short");
	/* open-ended contract, 36 months of training: the longest */
	e = (err){0};
	assert_int_equal(apprentice_terms_check(20240101, 0, 20240101, 20270101, &m, &e), 0);
	assert_int_equal(m, 36);
	/* 36 months and a day */
	e = (err){0};
	assert_int_equal(apprentice_terms_check(20240101, 0, 20240101, 20270102, &m, &e), -1);
	assert_string_equal(e.code, "training_period");
	/* 11 months */
	e = (err){0};
	assert_int_equal(apprentice_terms_check(20240101, 0, 20240101, 20241201, &m, &e), -1);
	assert_string_equal(e.code, "training_period");
	/* training beyond the contract's end, or before its start */
	e = (err){0};
	assert_int_equal(apprentice_terms_check(20240101, 20250601, 20240101, 20250701, &m, &e), -1);
	assert_string_equal(e.code, "outside_contract");
	e = (err){0};
	assert_int_equal(apprentice_terms_check(20240201, 0, 20240101, 20250101, &m, &e), -1);
	assert_string_equal(e.code, "outside_contract");
	e = (err){0};
	assert_int_equal(apprentice_terms_check(20240230, 0, 20240101, 20250101, &m, &e), -1);
	assert_string_equal(e.code, "invalid_date");
}

static void test_flow(void **state)
{
	UNUSED(state);
	err e = {0};
	assert_int_equal(fsm_validate(&apprentice_fsm, &e), 0);
	const struct fsm_transition *t = NULL;
	struct apprentice_ctx c = {.today = 20250101, .training_end = 20250102, .final_passed = true};
	/* the enterprise files, the bureau approves */
	assert_int_equal(fsm_decide(&apprentice_fsm, "filed", "training", IADM, NULL, &c, &t, &e), -1);
	assert_int_equal(e.status, 403);
	e = (err){0};
	assert_int_equal(fsm_decide(&apprentice_fsm, "filed", "training", CITY, NULL, &c, &t, &e), 0);
	/* completion: not before the plan's end, not without a passed final assessment */
	assert_int_equal(fsm_decide(&apprentice_fsm, "training", "completed", IADM, NULL, &c, &t, &e), -1);
	assert_string_equal(e.code, "period_not_over");
	e = (err){0};
	c.today = 20250102;
	c.final_passed = false;
	assert_int_equal(fsm_decide(&apprentice_fsm, "training", "completed", IADM, NULL, &c, &t, &e), -1);
	assert_string_equal(e.code, "final_not_passed");
	e = (err){0};
	c.final_passed = true;
	assert_int_equal(fsm_decide(&apprentice_fsm, "training", "completed", IADM, NULL, &c, &t, &e), 0);
	assert_true(t->effects & APPR_FX_COMPLETE);
	/* the apprentice moves nothing; termination needs a reason; completed is final */
	assert_int_equal(fsm_decide(&apprentice_fsm, "training", "completed", CAND, NULL, &c, &t, &e), -1);
	e = (err){0};
	assert_int_equal(fsm_decide(&apprentice_fsm, "training", "terminated", IADM, NULL, &c, &t, &e), -1);
	assert_int_equal(e.status, 422);
	e = (err){0};
	assert_int_equal(fsm_decide(&apprentice_fsm, "training", "terminated", IADM, "离职", &c, &t, &e), 0);
	assert_int_equal(fsm_decide(&apprentice_fsm, "completed", "training", CITY, NULL, &c, &t, &e), -1);
	assert_int_equal(e.status, 409);
}

static void test_matching(void **state)
{
	UNUSED(state);
	/* 二级 reaches a posting asking 三级; 四级 does not; any level when none is asked */
	assert_true(job_level_reaches(2, 3));
	assert_true(job_level_reaches(3, 3));
	assert_false(job_level_reaches(4, 3));
	assert_true(job_level_reaches(5, 0));
	assert_false(job_level_reaches(0, 0));
	/* the same city, a prefix, another city */
	assert_true(job_region_matches("370102", "370105"));
	assert_true(job_region_matches("3701", "370105"));
	assert_true(job_region_matches("37", "371300"));
	assert_false(job_region_matches("370102", "371302"));
	assert_false(job_region_matches("", "371302"));
	/* within 6 months: the day itself, exactly 6 months, a day later */
	assert_true(within_months(20250131, 20250731, 6));
	assert_true(within_months(20250831, 20260228, 6));
	assert_false(within_months(20250831, 20260301, 6));
	assert_false(within_months(20250831, 20250830, 6));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_terms),
		cmocka_unit_test(test_flow),
		cmocka_unit_test(test_matching),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
