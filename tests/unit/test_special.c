/* 专项职业能力开发 (core/special.h): the review's outcome at its boundaries (a score short of the panel,
 * a mean exactly at the pass mark and 0.01 below it), the catalogue code's range, who may propose, and the
 * two state machines' tables and their refusals (a proposer cannot publish, publishing without a passed
 * review, a submission without a complete norm). */
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#include "core/special.h"

static void test_tables_valid(void **state)
{
	(void)state;
	err e = {0};
	assert_int_equal(fsm_validate(&special_fsm, &e), 0);
	assert_int_equal(fsm_validate(&newocc_fsm, &e), 0);
}

static void test_review_outcome(void **state)
{
	(void)state;
	static const struct {
		int scores[4], n, min, pass, mean;
		enum special_outcome out;
	} cases[] = {
		{{80, 70}, 2, 3, 60, 7500, SR_PENDING},	   /* one score short of the panel */
		{{60, 60, 60}, 3, 3, 60, 6000, SR_PASSED}, /* exactly the mark */
		{{60, 60, 59}, 3, 3, 60, 5966, SR_FAILED}, /* 59.66 floored, below */
		{{100, 0, 80}, 3, 2, 60, 6000, SR_PASSED}, /* more scores than needed: all count */
		{{}, 0, 0, 60, 0, SR_PENDING},		   /* no score: never passed */
		{{61, 60}, 2, 1, 61, 6050, SR_FAILED},	   /* 60.50 < 61 */
		{{90, 85, 88, 79}, 4, 3, 80, 8550, SR_PASSED},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		int mean = -1;
		assert_int_equal(special_review_outcome(cases[i].scores, cases[i].n, cases[i].min,
							cases[i].pass, &mean),
				 cases[i].out);
		assert_int_equal(mean, cases[i].mean);
	}
}

static void test_code(void **state)
{
	(void)state;
	char c[16];
	assert_int_equal(special_code(1, c), 0);
	assert_string_equal(c, "ZX-37-001");
	assert_int_equal(special_code(136, c), 0);
	assert_string_equal(c, "ZX-37-136");
	assert_int_equal(special_code(999, c), 0);
	assert_string_equal(c, "ZX-37-999");
	assert_int_equal(special_code(0, c), -1);
	assert_int_equal(special_code(1000, c), -1);
}

static void test_proposers(void **state)
{
	(void)state;
	static const struct {
		enum role r;
		const char *type;
		bool ok;
	} cases[] = {
		{ROLE_CITY_ADMIN, NULL, true},
		{ROLE_INSTITUTION_ADMIN, "employer", true},
		{ROLE_INSTITUTION_ADMIN, "technical_school", true},
		{ROLE_INSTITUTION_ADMIN, "university", true},
		{ROLE_INSTITUTION_ADMIN, "social_org", false},
		{ROLE_INSTITUTION_ADMIN, "training", false},
		{ROLE_INSTITUTION_STAFF, "employer", false},
		{ROLE_PROVINCE_ADMIN, NULL, false},
		{ROLE_CANDIDATE, NULL, false},
		{ROLE_INSTITUTION_ADMIN, NULL, false},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++)
		assert_int_equal(special_may_propose(cases[i].r, cases[i].type), cases[i].ok);
	assert_string_equal(special_field_zh("intangible_heritage"), "非物质文化遗产传承");
	assert_null(special_field_zh("nope"));
	assert_string_equal(newocc_field_zh("digital"), "数字产业");
}

static void test_moves(void **state)
{
	(void)state;
	const unsigned prov = RB(ROLE_PROVINCE_ADMIN), city = RB(ROLE_CITY_ADMIN),
		       inst = RB(ROLE_INSTITUTION_ADMIN), staff = RB(ROLE_INSTITUTION_STAFF);
	const struct special_ctx full = {true, 3, 3, 3, 7000, 60}, low = {true, 3, 3, 3, 5900, 60},
				 part = {true, 3, 3, 2, 9000, 60}, nospec = {false, 0, 3, 0, 0, 60};
	struct {
		const char *from, *to;
		unsigned roles;
		const char *reason;
		const struct special_ctx *ctx;
		int status;
		const char *code;
	} t[] = {
		{"draft", "submitted", city, NULL, &full, 0, NULL},
		{"draft", "submitted", inst, NULL, &full, 0, NULL},
		{"draft", "submitted", staff, NULL, &full, 403, "forbidden"},
		{"draft", "submitted", city, NULL, &nospec, 409, "spec_incomplete"},
		{"submitted", "reviewing", prov, NULL, &full, 0, NULL},
		{"submitted", "reviewing", city, NULL, &full, 403, "forbidden"},
		{"submitted", "reviewing", prov, NULL, &(struct special_ctx){true, 2, 3, 0, 0, 60}, 422,
		 "panel_too_small"},
		{"reviewing", "passed", prov, NULL, &full, 0, NULL},
		{"reviewing", "passed", prov, NULL, &part, 409, "review_incomplete"},
		{"reviewing", "passed", prov, NULL, &low, 409, "review_not_passed"},
		{"reviewing", "rejected", prov, NULL, &low, 422, "missing_field"},
		{"reviewing", "rejected", prov, "不具备推广价值", &low, 0, NULL},
		{"reviewing", "published", prov, NULL, &full, 409, "invalid_transition"},
		{"passed", "published", city, NULL, &full, 403, "forbidden"},
		{"passed", "published", prov, NULL, &full, 0, NULL},
		{"rejected", "published", prov, NULL, &full, 409, "invalid_transition"},
		{"published", "draft", prov, "x", &full, 409, "invalid_transition"},
		{"draft", "nowhere", city, NULL, &full, 422, "invalid_value"},
	};
	for (size_t i = 0; i < ARRAY_LEN(t); i++) {
		err e = {0};
		const struct fsm_transition *tr = NULL;
		int rc = fsm_decide(&special_fsm, t[i].from, t[i].to, t[i].roles, t[i].reason, t[i].ctx, &tr,
				    &e);
		if (!t[i].status) {
			assert_int_equal(rc, 0);
			assert_string_equal(tr->to, t[i].to);
		} else {
			assert_int_equal(rc, -1);
			assert_int_equal(e.status, t[i].status);
			assert_string_equal(e.code, t[i].code);
		}
	}
	err e = {0};
	const struct fsm_transition *tr = NULL;
	assert_int_equal(fsm_decide(&newocc_fsm, "forwarded", "adopted", prov, NULL,
				    &(struct newocc_ctx){false}, &tr, &e),
			 -1);
	assert_string_equal(e.code, "missing_field");
	err e2 = {0};
	assert_int_equal(fsm_decide(&newocc_fsm, "forwarded", "adopted", prov, NULL,
				    &(struct newocc_ctx){true}, &tr, &e2),
			 0);
	err e3 = {0};
	assert_int_equal(fsm_decide(&newocc_fsm, "submitted", "adopted", prov, NULL,
				    &(struct newocc_ctx){true}, &tr, &e3),
			 -1);
	assert_string_equal(e3.code, "invalid_transition");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tables_valid), cmocka_unit_test(test_review_outcome),
		cmocka_unit_test(test_code),	     cmocka_unit_test(test_proposers),
		cmocka_unit_test(test_moves),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
