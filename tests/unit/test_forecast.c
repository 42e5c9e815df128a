/* core/forecast.c and core/shortage_rules.c: Holt's smoothing against values computed by hand, the sum of
 * the next months with its interval, the grid's choice, the back-test and its MAPE; the reasons of a
 * 急需紧缺 warning against their thresholds. */
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include "core/forecast.h"
#include "core/shortage_rules.h"

#define NEAR(a, b) assert_true(fabs((a) - (b)) < 1e-9)

/* y = 10 12 15 15 18, α = β* = 0.5, by hand:
 *   l1 = 10, b1 = 2
 *   t2 ŷ 12  e 0       l 12        b 2
 *   t3 ŷ 14  e 1       l 14.5      b 2.25
 *   t4 ŷ 16.75 e -1.75 l 15.875    b 1.8125
 *   t5 ŷ 17.6875 e 0.3125 l 17.84375 b 1.890625
 *   SSE = 1 + 3.0625 + 0.09765625 = 4.16015625, σ² = SSE / 3 = 1.38671875 */
static const double Y5[] = {10, 12, 15, 15, 18};

static void test_holt_by_hand(void **state)
{
	(void)state;
	struct holt_fit f;
	assert_int_equal(holt_fit_with(Y5, 5, 0.5, 0.5, &f), 0);
	NEAR(f.level, 17.84375);
	NEAR(f.trend, 1.890625);
	NEAR(f.sse, 4.16015625);
	NEAR(f.sigma2, 1.38671875);
	assert_int_equal((int)f.n, 5);
}

/* h steps ahead: h 1 is l + b = 19.734375 with Var = σ²; h 2: l + 2b = 21.625, Var = σ² (1 + (α + β)²) with
 * β = 0.25: 1.38671875 × 1.5625 = 2.16674804688 */
static void test_holt_step(void **state)
{
	(void)state;
	struct holt_fit f;
	assert_int_equal(holt_fit_with(Y5, 5, 0.5, 0.5, &f), 0);
	struct forecast_sum s;
	holt_step(&f, 1, 1.96, &s);
	NEAR(s.point, 19.734375);
	NEAR(s.var, 1.38671875);
	holt_step(&f, 2, 1.96, &s);
	NEAR(s.point, 21.625);
	NEAR(s.var, 2.166748046875);
	NEAR(s.hi - s.point, 1.96 * sqrt(2.166748046875));
}

static void test_holt_refuses(void **state)
{
	(void)state;
	struct holt_fit f;
	static const double two[] = {1, 2}, bad[] = {1, NAN, 3};
	assert_int_equal(holt_fit_with(two, 2, 0.5, 0.5, &f), -1);
	assert_int_equal(holt_fit_with(bad, 3, 0.5, 0.5, &f), -1);
	assert_int_equal(holt_fit_with(Y5, 5, 0, 0.5, &f), -1);
	assert_int_equal(holt_fit_with(Y5, 5, 0.5, 1.5, &f), -1);
	assert_int_equal(holt_fit_best(two, 2, &f), -1);
	struct forecast_sum s;
	double a;
	assert_int_equal(forecast_backtest(Y5, 5, 3, 1.96, &s, &a), -1); /* 2 months left to fit */
	assert_int_equal(forecast_year(Y5, 5, 4, 1.96, &f, &s), -1);	 /* 2 running sums */
}

/* the grid: the least SSE of the 81 pairs, the first on a tie */
static void test_grid(void **state)
{
	(void)state;
	static const double y[] = {30, 34, 29, 41, 38, 45, 44, 52, 47, 55, 58, 54, 63, 61, 70};
	struct holt_fit best;
	assert_int_equal(holt_fit_best(y, 15, &best), 0);
	for (int a = 1; a <= 9; a++)
		for (int b = 1; b <= 9; b++) {
			struct holt_fit f;
			assert_int_equal(holt_fit_with(y, 15, a / 10.0, b / 10.0, &f), 0);
			assert_true(best.sse <= f.sse);
			if (f.sse == best.sse &&
			    (a / 10.0 < best.alpha || (a / 10.0 == best.alpha && b / 10.0 < best.beta)))
				fail_msg("a tie must pick the first pair");
		}
	/* a straight line: no error for any pair (up to rounding) */
	double line[24];
	for (int i = 0; i < 24; i++)
		line[i] = 5 + 3 * i;
	assert_int_equal(holt_fit_best(line, 24, &best), 0);
	NEAR(best.sse, 0);
}

/* next year's total from the running 12-month sums: y = 1 … 14 has the sums 78, 90, 102 (a line rising 12 a
 * month), so 12 months on the sum is 102 + 12 × 12 = 246 = 15 + … + 26, exactly, with no interval; a line
 * y = 5 + 3i over 24 months: months 25 … 36 sum to 12 × 5 + 3 × (24 + … + 35) = 1122 */
static void test_year(void **state)
{
	(void)state;
	double y[14], line[24];
	for (int i = 0; i < 14; i++)
		y[i] = i + 1;
	for (int i = 0; i < 24; i++)
		line[i] = 5 + 3 * i;
	struct holt_fit f;
	struct forecast_sum s;
	assert_int_equal(forecast_year(y, 14, 12, 1.96, &f, &s), 0);
	assert_int_equal((int)f.n, 3);
	assert_true(fabs(s.point - 246) < 1e-6 && fabs(s.lo - 246) < 1e-6 && fabs(s.hi - 246) < 1e-6);
	assert_int_equal(forecast_year(line, 24, 12, 1.96, &f, &s), 0);
	assert_int_equal((int)f.n, 13);
	assert_true(fabs(s.point - 1122) < 1e-6);
	/* the same as fitting the sums by hand and stepping 12 months: y = 3 1 4 1 5 9 2 6 5 3 5 8 9 7 9, its
	 * running sums 52, 58, 64, 69 */
	static const double pi[] = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9};
	static const double sums[] = {52, 58, 64, 69};
	struct holt_fit g;
	struct forecast_sum t;
	assert_int_equal(forecast_year(pi, 15, 12, 1.96, &f, &s), 0);
	assert_int_equal(holt_fit_best(sums, 4, &g), 0);
	holt_step(&g, 12, 1.96, &t);
	NEAR(f.alpha, g.alpha);
	NEAR(f.beta, g.beta);
	NEAR(s.point, t.point);
	NEAR(s.hi, t.hi);
}

/* never below 0: a falling series' forecast and its interval are cut at 0 */
static void test_floor(void **state)
{
	(void)state;
	static const double y[] = {40, 30, 20, 10};
	struct holt_fit f;
	assert_int_equal(holt_fit_with(y, 4, 0.5, 0.5, &f), 0);
	struct forecast_sum s;
	holt_step(&f, 12, 1.96, &s);
	NEAR(s.point, 0);
	NEAR(s.lo, 0);
	assert_true(s.hi >= 0);
}

/* the back-test: forecast_year of all but the last 12 months against their total; on y = 5 + 3i over 30
 * months, months 19 … 30 total 12 × 5 + 3 × (18 + … + 29) = 906, forecast exactly */
static void test_backtest_line(void **state)
{
	(void)state;
	double line[30];
	for (int i = 0; i < 30; i++)
		line[i] = 5 + 3 * i;
	struct forecast_sum s, s2;
	struct holt_fit f;
	double actual;
	assert_int_equal(forecast_backtest(line, 30, 12, 1.96, &s, &actual), 0);
	NEAR(actual, 906);
	assert_true(fabs(s.point - 906) < 1e-6);
	assert_int_equal(forecast_backtest(line, 25, 12, 1.96, &s, &actual), -1); /* 13 months: 2 sums */
	assert_int_equal(forecast_backtest(line, 26, 12, 1.96, &s, &actual), 0);
	assert_int_equal(forecast_year(line, 14, 12, 1.96, &f, &s2), 0);
	NEAR(s.point, s2.point);
}

/* MAPE: |110 - 100| / 100 and |90 - 100| / 100 → 10 %; an actual of 0 is not scored, but counted for
 * coverage; 2 of the 3 actuals inside their intervals */
static void test_mape(void **state)
{
	(void)state;
	struct backtest_score sc = {0};
	assert_true(backtest_mape_pct(&sc) < 0);
	assert_true(backtest_coverage_pct(&sc) < 0);
	struct forecast_sum a = {.point = 110, .lo = 95, .hi = 125}, b = {.point = 90, .lo = 85, .hi = 95},
			    c = {.point = 5, .lo = 0, .hi = 12};
	backtest_add(&sc, &a, 100);
	backtest_add(&sc, &b, 100);
	backtest_add(&sc, &c, 0);
	assert_int_equal((int)sc.series, 3);
	assert_int_equal((int)sc.scored, 2);
	NEAR(backtest_mape_pct(&sc), 10);
	NEAR(backtest_coverage_pct(&sc), 200.0 / 3);
}

static void test_reasons(void **state)
{
	(void)state;
	const struct shortage_thresholds t = {.min_demand = 20,
					      .ratio_min_pct = 150,
					      .pay_growth_min_bp = 500,
					      .vacancy_days_min = 45,
					      .min_reasons = 2};
	static const struct {
		struct shortage_indicators x;
		unsigned reasons;
		bool listed;
		int severity;
	} cases[] = {
		/* below min_demand: not assessed */
		{{.demand = 19, .supply = 0, .has_pay = true, .pay_growth_bp = 900}, 0, false, 0},
		/* 150 / 100 = exactly 1.5: ratio; pay 4.99 % no; 45 days yes */
		{{.demand = 150,
		  .supply = 100,
		  .has_pay = true,
		  .pay_growth_bp = 499,
		  .has_vacancy = true,
		  .vacancy_days = 45},
		 SR_RATIO | SR_VACANCY,
		 true,
		 2},
		/* 149 / 100 below; pay 5 % yes: one reason, not listed at 2 */
		{{.demand = 149,
		  .supply = 100,
		  .has_pay = true,
		  .pay_growth_bp = 500,
		  .has_vacancy = true,
		  .vacancy_days = 44},
		 SR_PAY,
		 false,
		 1},
		/* no supply at all: the ratio fires; the forecast's upper end 20 leaves 40 / 20 = 2 ≥ 1.5 */
		{{.demand = 40, .supply = 0, .has_forecast = true, .forecast_hi = 20},
		 SR_RATIO | SR_FORECAST,
		 true,
		 2},
		/* everything: severe */
		{{.demand = 300,
		  .supply = 100,
		  .has_pay = true,
		  .pay_growth_bp = 800,
		  .has_vacancy = true,
		  .vacancy_days = 60,
		  .has_forecast = true,
		  .forecast_hi = 150},
		 SR_RATIO | SR_PAY | SR_VACANCY | SR_FORECAST,
		 true,
		 3},
		/* the forecast's upper end 201 leaves 300 / 201 < 1.5; pay and vacancy unknown */
		{{.demand = 300, .supply = 100, .has_forecast = true, .forecast_hi = 201},
		 SR_RATIO,
		 false,
		 1},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		unsigned r = shortage_reasons(&t, &cases[i].x);
		if (r != cases[i].reasons)
			fail_msg("case %zu: reasons %u, want %u", i, r, cases[i].reasons);
		assert_int_equal(shortage_listed(&t, r), cases[i].listed);
		assert_int_equal(shortage_severity(r), cases[i].severity);
	}
	struct shortage_thresholds one = t;
	one.min_reasons = 1;
	assert_true(shortage_listed(&one, SR_PAY));
	assert_int_equal(shortage_ratio_pct(150, 100), 150);
	assert_int_equal(shortage_ratio_pct(2, 3), 67);
	assert_int_equal(shortage_ratio_pct(5, 0), -1);
	assert_string_equal(shortage_reason_code(SR_FORECAST), "forecast");
	assert_null(shortage_reason_code(16));
}

static void test_proposal_fsm(void **state)
{
	(void)state;
	err e = {0};
	assert_int_equal(fsm_validate(&shortage_proposal_fsm, &e), 0);
	const struct fsm_transition *t = NULL;
	struct shortage_proposal_ctx none = {0}, some = {.entries = 3};
	assert_int_equal(fsm_decide(&shortage_proposal_fsm, "draft", "published", RB(ROLE_PROVINCE_ADMIN),
				    NULL, &some, &t, &e),
			 0);
	assert_string_equal(t->audit, "stats.shortage.publish");
	err e2 = {0}, e3 = {0}, e4 = {0};
	assert_int_equal(fsm_decide(&shortage_proposal_fsm, "draft", "published", RB(ROLE_CITY_ADMIN), NULL,
				    &some, &t, &e2),
			 -1);
	assert_int_equal(e2.status, 403);
	assert_int_equal(fsm_decide(&shortage_proposal_fsm, "draft", "published", RB(ROLE_PROVINCE_ADMIN),
				    NULL, &none, &t, &e3),
			 -1);
	assert_string_equal(e3.code, "empty_proposal");
	assert_int_equal(fsm_decide(&shortage_proposal_fsm, "published", "published", RB(ROLE_PROVINCE_ADMIN),
				    NULL, &some, &t, &e4),
			 -1);
	assert_int_equal(e4.status, 409);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_holt_by_hand),  cmocka_unit_test(test_holt_refuses),
		cmocka_unit_test(test_holt_step),     cmocka_unit_test(test_grid),
		cmocka_unit_test(test_year),	      cmocka_unit_test(test_floor),
		cmocka_unit_test(test_backtest_line), cmocka_unit_test(test_mape),
		cmocka_unit_test(test_reasons),	      cmocka_unit_test(test_proposal_fsm),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
