/* test_cultivation.c: the major's filing machine and 过程化评价 aggregation (core/cultivation.c) */
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include "core/cultivation.h"

static void test_major_fsm(void **state)
{
	(void)state;
	err e = {0};
	assert_int_equal(fsm_validate(&major_fsm, &e), 0);
	const struct fsm_transition *t = NULL;
	unsigned school = RB(ROLE_INSTITUTION_ADMIN), bureau = RB(ROLE_CITY_ADMIN);
	struct major_ctx c = {.has_content = true};
	assert_int_equal(fsm_decide(&major_fsm, "draft", "submitted", school, NULL, &c, &t, &e), 0);
	/* the school does not record its own filing */
	assert_int_equal(fsm_decide(&major_fsm, "submitted", "filed", school, NULL, &c, &t, &e), -1);
	assert_int_equal(e.status, 403);
	e = (err){0};
	assert_int_equal(fsm_decide(&major_fsm, "submitted", "filed", bureau, NULL, &c, &t, &e), 0);
	assert_true(t->effects & MAJOR_FX_FILE);
	/* a return needs a reason */
	assert_int_equal(fsm_decide(&major_fsm, "submitted", "returned", bureau, NULL, &c, &t, &e), -1);
	assert_int_equal(e.status, 422);
	e = (err){0};
	/* a change without content is refused; with it, a new version */
	struct major_ctx empty = {0};
	assert_int_equal(fsm_decide(&major_fsm, "filed", "submitted", school, "扩招", &empty, &t, &e), -1);
	e = (err){0};
	assert_int_equal(fsm_decide(&major_fsm, "filed", "submitted", school, "扩招", &c, &t, &e), 0);
	assert_true(t->effects & MAJOR_FX_NEW_VERSION);
	/* no withdrawal while an 订单班 runs */
	struct major_ctx running = {.open_classes = true};
	assert_int_equal(fsm_decide(&major_fsm, "filed", "withdrawing", school, "停招", &running, &t, &e),
			 -1);
	assert_int_equal(e.status, 409);
	e = (err){0};
	assert_int_equal(fsm_decide(&major_fsm, "withdrawn", "filed", bureau, "x", &c, &t, &e), -1);
	assert_int_equal(e.status, 409);
}

static void test_proc_eval(void **state)
{
	(void)state;
	const struct proc_module m[] = {
		{"m1", "安全操作", 20}, {"m2", "基本技能", 30}, {"m3", "综合项目", 50}};
	struct proc_rule r = {.modules = m, .nmodules = 3, .pass_total = 60, .min_module = 50};
	err e = {0};
	assert_int_equal(proc_rule_check(&r, "modules", &e), 0);
	struct proc_outcome o;
	/* hand-computed: 0.2*80 + 0.3*70 + 0.5*65 = 16 + 21 + 32.5 = 69.5 */
	double s1[] = {80, 70, 65};
	proc_eval_aggregate(&r, s1, &o);
	assert_true(o.passed);
	assert_true(fabs(o.total - 69.5) < 1e-9);
	/* 0.2*100 + 0.3*100 + 0.5*45 = 72.5, but one module below 50 */
	double s2[] = {100, 100, 45};
	proc_eval_aggregate(&r, s2, &o);
	assert_false(o.passed);
	assert_int_equal(o.reasons, PROC_BELOW_MODULE);
	assert_true(fabs(o.total - 72.5) < 1e-9);
	/* 0.2*55 + 0.3*55 + 0.5*60 = 11 + 16.5 + 30 = 57.5 < 60 */
	double s3[] = {55, 55, 60};
	proc_eval_aggregate(&r, s3, &o);
	assert_false(o.passed);
	assert_int_equal(o.reasons, PROC_BELOW_TOTAL);
	double s4[] = {90, -1, 90};
	proc_eval_aggregate(&r, s4, &o);
	assert_false(o.passed);
	assert_true(o.reasons & PROC_MISSING);
	assert_int_equal(o.missing, 1);
	/* malformed rules */
	const struct proc_module bad[] = {{"m1", "甲", 40}, {"m1", "乙", 60}};
	struct proc_rule rb = {.modules = bad, .nmodules = 2, .pass_total = 60};
	assert_int_equal(proc_rule_check(&rb, "modules", &e), -1);
	e = (err){0};
	const struct proc_module short_w[] = {{"a", "甲", 40}, {"b", "乙", 50}};
	struct proc_rule rs = {.modules = short_w, .nmodules = 2, .pass_total = 60};
	assert_int_equal(proc_rule_check(&rs, "modules", &e), -1);
	assert_int_equal(e.status, 422);
	assert_string_equal(school_tier_zh("technician_college"), "技师学院");
	assert_null(school_tier_zh("university"));
	assert_string_equal(class_content_zh("safety"), "安全技能培训");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_major_fsm),
		cmocka_unit_test(test_proc_eval),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
