/* 定期评估: the funnel's exact binomial limits against hand computation, the zones at and beside the limits,
 * judging each rule at its thresholds, and a worked institution (the examples of docs/DOMAIN.md §39). */
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include "core/assess.h"

/* Binomial(10, 0.5): P(X<=k) = Σ C(10,j)/1024: 1, 11, 56, 176, 386, 638, 848, 968, 1013, 1023, 1024 */
static void test_tails(void **state)
{
	UNUSED(state);
	static const int cum[] = {1, 11, 56, 176, 386, 638, 848, 968, 1013, 1023, 1024};
	for (int k = 0; k <= 10; k++) {
		assert_float_equal(binom_tail_le(k, 10, 0.5), cum[k] / 1024.0, 1e-12);
		assert_float_equal(binom_tail_ge(k, 10, 0.5), (1024 - (k ? cum[k - 1] : 0)) / 1024.0, 1e-12);
	}
	/* large n: the window sum keeps its mass (no underflow of (1-p)^n) */
	assert_float_equal(binom_tail_le(50000, 100000, 0.5), 0.5 + 0.5 * 0.0025231, 1e-4);
	assert_float_equal(binom_tail_le(-1, 10, 0.3), 0.0, 0);
	assert_float_equal(binom_tail_le(10, 10, 0.3), 1.0, 0);
}

/* Spiegelhalter's interpolation by hand, n = 10, p = 0.5:
 *   95%: q = 0.025; r = 2 (P(X<=1) = 11/1024 < q <= 56/1024); α = (56/1024 - 0.025) / (45/1024) = 0.675556;
 *        lower = (2 - 0.675556)/10 = 0.1324444; upper (mirror, p = 0.5 again) = 1 - 0.1324444 = 0.8675556
 *   99.8%: q = 0.001; r = 1 (1/1024 < q <= 11/1024); α = (11/1024 - 0.001) / (10/1024) = 0.9976;
 *        lower = (1 - 0.9976)/10 = 0.00024
 * n = 20, p = 0.8, 95%: lower: P(X<=12) = 0.0321427, P(X<=11) = 0.0099818, P(X=12) = 0.0221609 ->
 *        r = 12, α = (0.0321427 - 0.025)/0.0221609 = 0.322309, lower = (12 - 0.322309)/20 = 0.5838845;
 *        upper: Binomial(20, 0.2) P(X<=0) = 0.0115292, P(X<=1) = 0.0691753 -> r = 1,
 *        α = (0.0691753 - 0.025)/0.0576461 = 0.766316, 1 - (1 - 0.766316)/20 = 0.9883158 */
static void test_limits(void **state)
{
	UNUSED(state);
	static const struct {
		int64_t n;
		double p, cover, lo, hi;
	} cases[] = {
		{10, 0.5, 0.95, 0.1324444, 0.8675556},
		{10, 0.5, 0.998, 0.00024, 0.99976},
		{20, 0.8, 0.95, 0.5838845, 0.9883160},
		{5, 0.0, 0.95, 0.0, 0.0},
		{5, 1.0, 0.95, 1.0, 1.0},
	};
	for (size_t k = 0; k < ARRAY_LEN(cases); k++) {
		double lo, hi;
		assess_funnel_limits(cases[k].n, cases[k].p, cases[k].cover, &lo, &hi);
		if (fabs(lo - cases[k].lo) > 2e-6 || fabs(hi - cases[k].hi) > 2e-6)
			fail_msg("case %zu: limits [%.7f, %.7f], want [%.7f, %.7f]", k, lo, hi, cases[k].lo,
				 cases[k].hi);
	}
	/* the funnel narrows as n grows, and at large n it nears p ± 1.96 sqrt(p(1-p)/n) */
	double lo, hi;
	assess_funnel_limits(10000, 0.6, 0.95, &lo, &hi);
	assert_float_equal(lo, 0.6 - 1.959964 * sqrt(0.24 / 10000), 2e-4);
	assert_float_equal(hi, 0.6 + 1.959964 * sqrt(0.24 / 10000), 2e-4);
}

/* zones: a point outside a limit exactly when its one-sided exact tail is below (1 - cover)/2 */
static void test_zones(void **state)
{
	UNUSED(state);
	static const struct {
		int64_t x, n;
		double p;
		int zone;
	} cases[] = {
		{0, 10, 0.5, -2},		     /* P(X<=0) = 0.00098 < 0.001 (the 99.8% tail) */
		{1, 10, 0.5, -1},		     /* 0.0107 < 0.025 */
		{2, 10, 0.5, 0},		     /* 0.0547 */
		{8, 10, 0.5, 0},		     /* P(X>=8) = 0.0547 */
		{9, 10, 0.5, 1},		     /* 0.0107 */
		{10, 10, 0.5, 2},		     /* 0.00098 */
		{3, 3, 0.5, 0},			     /* small n: even all passing is inside (0.125) */
		{20, 20, 0.5, 2},		     /* 9.5e-7 */
		{0, 20, 0.5, -2},  {12, 20, 0.8, 0}, /* P(X<=12) = 0.0321 >= 0.025 */
		{11, 20, 0.8, -1},		     /* 0.00998 < 0.025 */
		{50, 100, 0.5, 0}, {0, 0, 0.5, 0},
	};
	for (size_t k = 0; k < ARRAY_LEN(cases); k++) {
		int z = assess_funnel_zone(cases[k].x, cases[k].n, cases[k].p, 0.95, 0.998);
		if (z != cases[k].zone)
			fail_msg("case %zu: %lld of %lld at %.2f: zone %d, want %d", k, (long long)cases[k].x,
				 (long long)cases[k].n, cases[k].p, z, cases[k].zone);
		/* and the limits agree with the zone */
		double lo, hi, r = cases[k].n ? (double)cases[k].x / (double)cases[k].n : 0;
		assess_funnel_limits(cases[k].n, cases[k].p, 0.95, &lo, &hi);
		if (cases[k].n && ((r < lo) != (cases[k].zone < 0) || (r > hi) != (cases[k].zone > 0)))
			fail_msg("case %zu: rate %.3f against [%.4f, %.4f] disagrees with zone %d", k, r, lo,
				 hi, cases[k].zone);
	}
}

/* the seeded indicator system (migration 031) */
static const struct assess_indicator sys[] = {
	{"pass_rate", 25, ASSESS_FUNNEL, 0, 0, 0.5, 1, false},
	{"volume_spike", 10, ASSESS_LOWER_BETTER, 2.0, 3.0, 0.5, 30, false},
	{"collusion", 15, ASSESS_LOWER_BETTER, 0.5, 2.0, 0.5, 1, true},
	{"severity", 10, ASSESS_ABS_LOWER, 0.5, 1.0, 0.5, 30, false},
	{"archive", 10, ASSESS_HIGHER_BETTER, 0.95, 0.80, 0.5, 1, false},
	{"inspection", 10, ASSESS_LOWER_BETTER, 1.0, 3.0, 0.5, 1, false},
	{"complaints", 10, ASSESS_LOWER_BETTER, 0.0, 2.0, 0.5, 0, false},
	{"satisfaction", 10, ASSESS_HIGHER_BETTER, 4.0, 3.5, 0.5, 5, false},
};
static const struct assess_bands bands = {85, 60, 0.95, 0.998, 100};

static void test_judge(void **state)
{
	UNUSED(state);
	static const struct {
		size_t ind;
		struct assess_obs o;
		enum assess_status st;
		double points;
	} cases[] = {
		{0, {0, 40, true}, AS_FULL, 25},    {0, {-1, 40, true}, AS_WARN, 12.5},
		{0, {2, 40, true}, AS_NONE, 0},	    {0, {0, 0, true}, AS_NA, 0},
		{1, {2.0, 30, true}, AS_FULL, 10},  {1, {2.01, 30, true}, AS_WARN, 5},
		{1, {3.01, 30, true}, AS_NONE, 0},  {1, {9, 29, true}, AS_NA, 0},
		{1, {9, 50, false}, AS_NA, 0},	    {2, {0.5, 10, true}, AS_FULL, 15},
		{2, {2.0, 10, true}, AS_WARN, 7.5}, {2, {2.5, 10, true}, AS_NONE, 0},
		{3, {-0.5, 30, true}, AS_FULL, 10}, {3, {-0.8, 30, true}, AS_WARN, 5},
		{3, {1.2, 30, true}, AS_NONE, 0},   {4, {0.95, 2, true}, AS_FULL, 10},
		{4, {0.8, 2, true}, AS_WARN, 5},    {4, {0.5, 2, true}, AS_NONE, 0},
		{6, {0, 0, true}, AS_FULL, 10},	    {6, {3, 0, true}, AS_NONE, 0},
		{7, {3.6, 5, true}, AS_WARN, 5},    {7, {4.8, 4, true}, AS_NA, 0},
	};
	for (size_t k = 0; k < ARRAY_LEN(cases); k++) {
		struct assess_mark m = assess_judge(&sys[cases[k].ind], &cases[k].o);
		if (m.status != cases[k].st || fabs(m.points - cases[k].points) > 1e-9)
			fail_msg("case %zu (%s): status %d points %.2f, want %d %.2f", k,
				 sys[cases[k].ind].code, m.status, m.points, cases[k].st, cases[k].points);
	}
}

/* A worked example of the scoring (by hand):
 * institution A: pass rate inside the 95% limits (25), volume 1.2× its history with 40 candidates (10),
 * no confirmed collusion (15), no ratings: severity n/a, 2 of 2 plans archived (10), one inspection with 2
 * 不符合 (warn: 5), 1 upheld complaint (warn: 5), no survey: n/a. Applicable weight 100 - 10 - 10 = 80,
 * points 25+10+15+10+5+5 = 70, score 100 × 70/80 = 87.50: 优秀; 40 candidates < 100: continue.
 * institution B: 2 confirmed pairs among 40 candidates = 5 per 100 > 2: collusion earns nothing and is a
 * veto, so 不合格 whatever its score (25+10+0+10+10+10 = 65 of 80 = 81.25): exit.
 * institution C: pass rate above the 99.8% limit (0), volume 3.5× (0), archive 0.5 (0), the rest full:
 * 15 + 10 + 10 = 35 of 80 = 43.75 < 60: 不合格. */
static void test_example(void **state)
{
	UNUSED(state);
	static const struct {
		struct assess_obs o[8];
		double score;
		enum assess_grade g;
		enum assess_decision d;
	} inst[] = {
		{{{0, 40, true},
		  {1.2, 40, true},
		  {0, 40, true},
		  {0, 0, false},
		  {1.0, 2, true},
		  {2, 1, true},
		  {1, 0, true},
		  {0, 0, false}},
		 87.5,
		 AG_EXCELLENT,
		 AD_CONTINUE},
		{{{0, 40, true},
		  {1.0, 40, true},
		  {5, 40, true},
		  {0, 0, false},
		  {1.0, 2, true},
		  {0, 1, true},
		  {0, 0, true},
		  {0, 0, false}},
		 81.25,
		 AG_FAIL,
		 AD_EXIT},
		{{{2, 40, true},
		  {3.5, 40, true},
		  {0, 40, true},
		  {0, 0, false},
		  {0.5, 2, true},
		  {0, 1, true},
		  {0, 0, true},
		  {0, 0, false}},
		 43.75,
		 AG_FAIL,
		 AD_EXIT},
	};
	for (size_t k = 0; k < ARRAY_LEN(inst); k++) {
		struct assess_mark m[8];
		for (size_t j = 0; j < 8; j++)
			m[j] = assess_judge(&sys[j], &inst[k].o[j]);
		bool veto;
		double s = assess_score(sys, m, 8, &veto);
		enum assess_grade g = assess_grade_of(&bands, s, veto);
		enum assess_decision d = assess_decision_of(&bands, g, inst[k].o[0].base);
		if (fabs(s - inst[k].score) > 1e-9 || g != inst[k].g || d != inst[k].d)
			fail_msg("institution %zu: score %.2f grade %s decision %s, want %.2f %s %s", k, s,
				 assess_grade_code(g), assess_decision_code(d), inst[k].score,
				 assess_grade_code(inst[k].g), assess_decision_code(inst[k].d));
	}
	/* 优秀 with enough candidates widens; nothing applicable scores 100 */
	assert_int_equal(assess_decision_of(&bands, AG_EXCELLENT, 100), AD_WIDEN);
	struct assess_mark none[8] = {{AS_NA, 0}};
	bool veto;
	assert_float_equal(assess_score(sys, none, 8, &veto), 100.0, 0);
	assert_false(veto);
	assert_int_equal(assess_rule_parse("abs_lower"), ASSESS_ABS_LOWER);
	assert_int_equal(assess_rule_parse("x"), -1);
}

/* The worked example of docs/DOMAIN.md §39, reproduced through the API by tests/api/83-assess.test.mjs: three
 * institutions with 40 candidates each of one occupation and level, 28, 24 and 40 passed; p = 92/120. At n =
 * 40 the limits are 95% [0.6160, 0.9037] and 99.8% [0.5304, 0.9653] (by hand with the exact binomial, see the
 * API test's header); zones 0, -1, +2. Volume 40 against 30, 30, 10 (history of one period): 1.33, 1.33, 4.0.
 * No collusion, no upheld complaint; nothing else applies: 100.00 优秀 (widen with widen_min 40), 79.17 合格,
 * 41.67 不合格. */
static void test_worked_example(void **state)
{
	UNUSED(state);
	double p = 92.0 / 120.0, lo, hi;
	assess_funnel_limits(40, p, 0.95, &lo, &hi);
	assert_float_equal(lo, 0.6160, 5e-5);
	assert_float_equal(hi, 0.9037, 5e-5);
	assess_funnel_limits(40, p, 0.998, &lo, &hi);
	assert_float_equal(lo, 0.5304, 5e-5);
	assert_float_equal(hi, 0.9653, 5e-5);
	static const int64_t passed[3] = {28, 24, 40};
	static const int zone[3] = {0, -1, 2};
	static const double volume[3] = {40.0 / 30.0, 40.0 / 30.0, 4.0}, score[3] = {100.0, 79.17, 41.67};
	static const enum assess_grade grade[3] = {AG_EXCELLENT, AG_PASS, AG_FAIL};
	static const enum assess_decision decision[3] = {AD_WIDEN, AD_CONTINUE, AD_EXIT};
	const struct assess_bands b = {85, 60, 0.95, 0.998, 40};
	for (int k = 0; k < 3; k++) {
		int z = assess_funnel_zone(passed[k], 40, p, 0.95, 0.998);
		assert_int_equal(z, zone[k]);
		struct assess_obs o[8] = {
			{(double)z, 40, true}, {volume[k], 40, true}, {0, 40, true}, {0, 0, false},
			{0, 0, false},	       {0, 0, false},	      {0, 1, true},  {0, 0, false},
		};
		struct assess_mark m[8];
		for (int j = 0; j < 8; j++)
			m[j] = assess_judge(&sys[j], &o[j]);
		bool veto;
		double sc = assess_score(sys, m, 8, &veto);
		enum assess_grade g = assess_grade_of(&b, sc, veto);
		if (fabs(sc - score[k]) > 1e-9 || g != grade[k] ||
		    assess_decision_of(&b, g, 40) != decision[k])
			fail_msg("institution %d: score %.2f grade %s, want %.2f %s", k, sc,
				 assess_grade_code(g), score[k], assess_grade_code(grade[k]));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tails),	cmocka_unit_test(test_limits),
		cmocka_unit_test(test_zones),	cmocka_unit_test(test_judge),
		cmocka_unit_test(test_example), cmocka_unit_test(test_worked_example),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
