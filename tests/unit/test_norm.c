/* core/norm.c: 企业评价规范 — the state machine, methods, weights, the 理论知识权重表 against a blueprint,
 * the pass rule under a norm (hand-computed totals) and who may file one. */
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#include "core/norm.h"

static void test_fsm(void **state)
{
	UNUSED(state);
	err e = {0};
	assert_int_equal(fsm_validate(&norm_fsm, &e), 0);
	static const struct {
		const char *from, *to;
		enum role role;
		const char *reason;
		int status; /* 0 allowed */
	} rows[] = {
		{"draft", "submitted", ROLE_INSTITUTION_ADMIN, NULL, 0},
		{"draft", "submitted", ROLE_CITY_ADMIN, NULL, 403},
		{"draft", "approved", ROLE_PROVINCE_ADMIN, NULL, 409},
		{"submitted", "approved", ROLE_CITY_ADMIN, NULL, 0},
		{"submitted", "approved", ROLE_INSTITUTION_ADMIN, NULL, 403},
		{"submitted", "rejected", ROLE_PROVINCE_ADMIN, NULL, 422},
		{"submitted", "rejected", ROLE_PROVINCE_ADMIN, "权重不合理", 0},
		{"rejected", "draft", ROLE_INSTITUTION_STAFF, NULL, 0},
		{"rejected", "approved", ROLE_PROVINCE_ADMIN, NULL, 409},
		{"approved", "draft", ROLE_INSTITUTION_ADMIN, NULL, 409},
		{"superseded", "approved", ROLE_PROVINCE_ADMIN, NULL, 409},
	};
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		const struct fsm_transition *t = NULL;
		err x = {0};
		int rc = fsm_decide(&norm_fsm, rows[i].from, rows[i].to, RB(rows[i].role), rows[i].reason,
				    NULL, &t, &x);
		assert_int_equal(rc == 0 ? 0 : x.status, rows[i].status);
	}
}

static void test_methods_weights(void **state)
{
	UNUSED(state);
	assert_int_equal(norm_method_parse("assessment"), NM_ASSESSMENT);
	assert_int_equal(norm_method_parse("combined"), NM_COMBINED);
	assert_int_equal(norm_method_parse("process"), NM_PROCESS);
	assert_int_equal(norm_method_parse("performance"), NM_PERFORMANCE);
	assert_int_equal(norm_method_parse("exam"), NM_NONE);
	assert_int_equal(norm_method_parse(NULL), NM_NONE);
	assert_string_equal(norm_method_zh(NM_COMBINED), "考评结合");
	assert_string_equal(norm_method_name(NM_PERFORMANCE), "performance");
	assert_true(norm_method_in_chain(NM_ASSESSMENT) && norm_method_in_chain(NM_COMBINED));
	assert_true(norm_method_in_chain(NM_PROCESS) && norm_method_in_chain(NM_PERFORMANCE));
	assert_false(norm_method_in_chain(NM_NONE));
	static const struct {
		int k, s;
		bool ok;
	} w[] = {{30, 70, true},  {0, 100, true},    {99, 1, true},  {100, 0, false},
		 {40, 70, false}, {-10, 110, false}, {50, 49, false}};
	for (size_t i = 0; i < ARRAY_LEN(w); i++)
		assert_int_equal(norm_weights_ok(w[i].k, w[i].s), w[i].ok);
}

static void test_areas(void **state)
{
	UNUSED(state);
	const struct norm_area good[] = {{"基础知识", 40}, {"专业知识", 60}};
	const struct norm_area dup[] = {{"基础知识", 40}, {"基础知识", 60}};
	const struct norm_area sum[] = {{"基础知识", 40}, {"专业知识", 50}};
	const struct norm_area zero[] = {{"基础知识", 0}, {"专业知识", 100}};
	assert_int_equal(norm_areas_check(good, 2), 0);
	assert_int_equal(norm_areas_check(good, 0), 0);
	assert_int_equal(norm_areas_check(dup, 2), 2);
	assert_int_equal(norm_areas_check(sum, 2), 3);
	assert_int_equal(norm_areas_check(zero, 2), 1);
}

/* a 40 / 60 split: 20 items → 8 + 12 exactly; 21 items → 8.4 / 12.6 expected, 8 + 13 within one item */
static void test_blueprint(void **state)
{
	UNUSED(state);
	const struct norm_area a[] = {{"基础知识", 40}, {"专业知识", 60}};
	static const struct {
		struct norm_cell c[3];
		size_t n;
		int off;
	} rows[] = {
		{{{"基础知识", 8}, {"专业知识", 12}}, 2, -1},
		{{{"基础知识", 8}, {"专业知识", 13}}, 2, -1},
		{{{"基础知识", 10}, {"专业知识", 10}}, 2, 0}, /* 50 % against 40 % */
		{{{"基础知识", 4}, {"专业知识", 12}, {"基础知识", 4}},
		 3,
		 -1},							  /* an area in two cells (kinds) */
		{{{"基础知识", 8}, {"专业知识", 12}, {"安全", 1}}, 3, 2}, /* an area the norm does not name */
		{{{"专业知识", 12}}, 1, 0},				  /* 100 % against 60 % */
	};
	for (size_t i = 0; i < ARRAY_LEN(rows); i++)
		assert_int_equal(norm_blueprint_off(a, 2, rows[i].c, rows[i].n), rows[i].off);
}

/* hand-computed: 30 / 70 — theory 50, practical 70 → 15 + 49 = 64.0; theory 80, practical 50 → 24 + 35 =
 * 59.0; theory 55.5, practical 61.3 → 16.65 + 42.91 = 59.56 → 59.6 */
static void test_passed(void **state)
{
	UNUSED(state);
	static const struct {
		enum norm_method m;
		int k, s, level;
		struct norm_scores sc;
		bool passed;
		double total;
	} rows[] = {
		{NM_COMBINED, 30, 70, 4, {50, 70, 0}, true, 64.0},
		{NM_ASSESSMENT, 30, 70, 4, {50, 70, 0}, false, 64.0},
		{NM_COMBINED, 30, 70, 4, {80, 50, 0}, false, 59.0},
		{NM_COMBINED, 30, 70, 4, {55.5, 61.3, 0}, false, 59.6},
		{NM_ASSESSMENT, 30, 70, 4, {60, 60, 0}, true, 60.0},
		{NM_ASSESSMENT, 30, 70, 4, {-1, 75, 0}, true, 75.0}, /* theory waived */
		{NM_COMBINED, 30, 70, 4, {-1, 59, 0}, false, 59.0},
		{NM_COMBINED, 20, 80, 2, {90, 90, 59}, false, 90.0}, /* 综合评审 below 60 */
		{NM_COMBINED, 20, 80, 2, {90, 90, 60}, true, 90.0},
		/* 业绩评审: the panel's score alone, rounded to 0.1, at every level */
		{NM_PERFORMANCE, 20, 80, 4, {90, 90, 0}, false, 0.0},
		{NM_PERFORMANCE, 20, 80, 4, {-1, 0, 72.25}, true, 72.3},
		{NM_PERFORMANCE, 20, 80, 2, {-1, 0, 60}, true, 60.0},
		{NM_PERFORMANCE, 20, 80, 4, {-1, 0, 59.94}, false, 59.9},
		{NM_PERFORMANCE, 20, 80, 4, {-1, 0, 59.96}, true, 60.0},
		{NM_PROCESS, 20, 80, 4, {90, 90, 90}, false, 90.0}, /* its module rule decides */
	};
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		double t = -1;
		assert_int_equal(
			norm_passed(rows[i].m, rows[i].k, rows[i].s, rows[i].level, 60, &rows[i].sc, &t),
			rows[i].passed);
		assert_float_equal(t, rows[i].total, 1e-9);
	}
}

static void test_filing(void **state)
{
	UNUSED(state);
	const struct norm_filing_rule r = {true, 50};
	static const struct {
		struct norm_filing f;
		const char *code;
	} rows[] = {
		{{true, 1000, 500}, NULL},
		{{true, 1000, 499}, "skilled_share_low"},
		{{false, 1000, 900}, "not_above_size"},
		{{true, 0, 0}, "invalid_filing"},
		{{true, 10, 11}, "invalid_filing"},
	};
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		char code[32] = "", zh[160], en[160];
		int rc = norm_filing_check(&r, &rows[i].f, code, zh, en);
		if (!rows[i].code)
			assert_int_equal(rc, 0);
		else {
			assert_int_equal(rc, -1);
			assert_string_equal(code, rows[i].code);
		}
	}
	/* the thresholds are data: a rule without the size requirement and a 60 % share */
	const struct norm_filing_rule r2 = {false, 60};
	char code[32], zh[160], en[160];
	assert_int_equal(norm_filing_check(&r2, &(struct norm_filing){false, 1000, 600}, code, zh, en), 0);
	assert_int_equal(norm_filing_check(&r2, &(struct norm_filing){false, 1000, 599}, code, zh, en), -1);
	assert_non_null(strstr(zh, "60%"));
}

/* a module assessment's day: today 2026-12-04, the exam on 2026-12-14 */
static void test_assessed_on(void **state)
{
	UNUSED(state);
	static const struct {
		int day, today, exam, want;
	} rows[] = {
		{20261204, 20261204, 20261214, 0},
		{20261101, 20261204, 20261214, 0},
		{20261205, 20261204, 20261214, NORM_DAY_FUTURE},
		{20261210, 20261220, 20261209, NORM_DAY_AFTER_EXAM}, /* after the exam day: late */
		{20261209, 20261220, 20261209, 0},
		{20261210, 20261220, 0, 0},
	};
	for (size_t i = 0; i < ARRAY_LEN(rows); i++)
		assert_int_equal(norm_assessed_on_check(rows[i].day, rows[i].today, rows[i].exam),
				 rows[i].want);
}

/* the parts a plan declares by its level's method (DOMAIN §65): the process and performance levels run no
 * theory and no practical */
static void test_plan_parts(void **state)
{
	(void)state;
	enum { T = NORM_PART_THEORY, P = NORM_PART_PRACTICAL, R = NORM_PART_REVIEW };
	static const struct {
		enum norm_method m;
		int level;
		unsigned want;
	} cases[] = {
		{NM_NONE, 5, T | P},	     {NM_NONE, 2, T | P | R}, {NM_ASSESSMENT, 3, T | P},
		{NM_COMBINED, 1, T | P | R}, {NM_PROCESS, 5, 0},      {NM_PROCESS, 3, 0},
		{NM_PROCESS, 2, R},	     {NM_PERFORMANCE, 4, R},  {NM_PERFORMANCE, 1, R},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		assert_int_equal(norm_plan_parts(cases[i].m, cases[i].level), cases[i].want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fsm),	    cmocka_unit_test(test_methods_weights),
		cmocka_unit_test(test_areas),	    cmocka_unit_test(test_blueprint),
		cmocka_unit_test(test_passed),	    cmocka_unit_test(test_filing),
		cmocka_unit_test(test_assessed_on), cmocka_unit_test(test_plan_parts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
