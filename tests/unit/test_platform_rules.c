/* core/platform_rules.c: 平台载体's conditions with alternatives and the 绩效考核 score (docs/DOMAIN.md §56)
 */
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#include "core/platform_rules.h"

static void test_conditions(void **state)
{
	UNUSED(state);
	/* a 国家级培训基地: ≥ 8,000 students OR ≥ 10,000 trainees, and ≥ 30 % at 高级工+ */
	struct {
		int64_t students, trainees, share;
		bool ok;
		int failed;
	} cases[] = {
		{8000, 0, 30, true, -1}, {7999, 10000, 30, true, -1}, {7999, 9999, 30, false, 0},
		{9000, 0, 29, false, 2}, {0, 0, 0, false, 0},
	};
	for (size_t k = 0; k < ARRAY_LEN(cases); k++) {
		struct pf_cond c[] = {
			{PF_FACT_MIN, "scale", 8000, cases[k].students, true, false},
			{PF_FACT_MIN, "scale", 10000, cases[k].trainees, true, false},
			{PF_FACT_MIN, "", 30, cases[k].share, true, false},
		};
		int failed = 99;
		assert_int_equal(pf_conditions_decide(c, 3, &failed), cases[k].ok);
		assert_int_equal(failed, cases[k].failed);
	}
	/* an undeclared fact fails with its own reason; the lead's level is a number at most (2 技师: 1 and 2
	 * pass, 3 and none fail); an honour and a type hold when matched */
	struct pf_cond u = {PF_FACT_MIN, "", 60, 100, false, false};
	int f;
	assert_false(pf_conditions_decide(&u, 1, &f));
	int64_t levels[] = {1, 2, 3, 0};
	bool want[] = {true, true, false, false};
	for (size_t k = 0; k < 4; k++) {
		struct pf_cond l = {PF_LEAD_LEVEL, "", 2, levels[k], true, false};
		assert_int_equal(pf_conditions_decide(&l, 1, &f), want[k]);
	}
	struct pf_cond h[] = {{PF_LEAD_HONOUR, "", 0, 1, true, false},
			      {PF_APPLICANT_TYPE, "", 0, 0, true, false}};
	assert_false(pf_conditions_decide(h, 2, &f));
	assert_int_equal(f, 1);
	assert_true(h[0].ok);
	assert_true(pf_conditions_decide(h, 0, &f));
	assert_int_equal(f, -1);
}

static void test_score(void **state)
{
	UNUSED(state);
	/* 25·(3/5) + 20·1 + 15·0 + 40·(1/2) = 15 + 20 + 0 + 20 = 55 of 100 */
	struct pf_indicator ind[] = {{3, 5, 25}, {7, 3, 20}, {0, 2, 15}, {1, 2, 40}};
	assert_int_equal(pf_appraisal_score(ind, 4), 55);
	/* over the target counts as the target; 2/3 of weight 1 floors to 66 */
	struct pf_indicator one[] = {{2, 3, 1}};
	assert_int_equal(pf_appraisal_score(one, 1), 66);
	struct pf_indicator full[] = {{9, 3, 1}, {5, 5, 3}};
	assert_int_equal(pf_appraisal_score(full, 2), 100);
	assert_int_equal(pf_appraisal_score(NULL, 0), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_conditions), cmocka_unit_test(test_score)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
