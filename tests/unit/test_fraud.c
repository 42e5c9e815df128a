/* core/fraud.c: the check-in checks at their boundaries (the window's first and last second, the radius, the
 * device binding), the exact binomial tail against hand-computed values, and the completion-rate test. */
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <math.h>
#include <cmocka.h>
#include "core/fraud.h"

static void test_hhmm(void **state)
{
	UNUSED(state);
	assert_int_equal(hhmm_parse("00:00"), 0);
	assert_int_equal(hhmm_parse("09:30"), 570);
	assert_int_equal(hhmm_parse("23:59"), 1439);
	const char *bad[] = {"24:00", "9:30", "09:60", "0930", "09:3a", "", "09:30:00", NULL};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++)
		assert_int_equal(hhmm_parse(bad[i]), -1);
	/* 2026-12-03 00:00 in China is 2026-12-02 16:00 UTC */
	assert_int_equal(china_time_s(20261203, 0), 1796256000 - 8 * 3600);
}

static struct checkin_facts base(void)
{
	return (struct checkin_facts){.held_on = 20261203,
				      .start_min = 9 * 60,
				      .end_min = 11 * 60,
				      .grace_min = 15,
				      .site_located = true,
				      .has_location = true,
				      .site_lat = 35.1047,
				      .site_lon = 118.3564,
				      .lat = 35.1047,
				      .lon = 118.3564,
				      .radius_m = 500,
				      .person = 7};
}

static void test_checkin(void **state)
{
	UNUSED(state);
	int64_t open = china_time_s(20261203, 9 * 60 - 15), close = china_time_s(20261203, 11 * 60 + 15);
	static const struct {
		int64_t dt_open, dt_close; /* now relative to the window's first (or last) second */
		bool from_close;
		double dlat;
		bool no_loc, unlocated;
		int radius;
		int64_t owner;
		int status;
		const char *code;
	} cases[] = {
		{0, 0, false, 0, false, false, 500, 0, 0, NULL}, /* first second of the window */
		{-1, 0, false, 0, false, false, 500, 0, 422, "outside_session"},   /* one second early */
		{0, 0, true, 0, false, false, 500, 0, 0, NULL},			   /* last second */
		{0, 1, true, 0, false, false, 500, 0, 422, "outside_session"},	   /* one second late */
		{600, 0, false, 0, true, false, 500, 0, 422, "location_required"}, /* no location */
		{600, 0, false, 0, true, true, 500, 0, 0, NULL},		/* site without coordinates */
		{600, 0, false, 0.01, false, false, 500, 0, 403, "too_far"},	/* 1.1 km away */
		{600, 0, false, 0.01, false, false, 1200, 0, 0, NULL},		/* within a wider radius */
		{600, 0, false, 0.004, false, false, 500, 0, 0, NULL},		/* 445 m */
		{600, 0, false, 0, false, false, 500, 8, 409, "device_in_use"}, /* another's device */
		{600, 0, false, 0, false, false, 500, 7, 0, NULL},		/* one's own */
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct checkin_facts f = base();
		f.now = cases[i].from_close ? close + cases[i].dt_close : open + cases[i].dt_open;
		f.lat += cases[i].dlat;
		f.has_location = !cases[i].no_loc;
		f.site_located = !cases[i].unlocated;
		f.radius_m = cases[i].radius;
		f.device_owner = cases[i].owner;
		err e = {0};
		int dist = 0;
		int rc = checkin_check(&f, &dist, &e);
		if (cases[i].status == 0) {
			if (rc != 0)
				fail_msg("case %zu: refused %d %s", i, e.status, e.code);
		} else if (rc == 0 || e.status != cases[i].status || strcmp(e.code, cases[i].code)) {
			fail_msg("case %zu: %d %s, expected %d %s", i, rc ? e.status : 0, rc ? e.code : "",
				 cases[i].status, cases[i].code);
		}
	}
	/* a session without times of day (made before 032) is the whole day */
	struct checkin_facts f = base();
	f.start_min = -1;
	f.grace_min = 0;
	int64_t a = 0, b = 0;
	checkin_window(&f, &a, &b);
	assert_int_equal(a, china_time_s(20261203, 0));
	assert_int_equal(b, china_time_s(20261204, 0));
	/* the distance is reported */
	f = base();
	f.now = open + 60;
	f.lat += 0.004;
	err e = {0};
	int dist = 0;
	assert_int_equal(checkin_check(&f, &dist, &e), 0);
	assert_true(dist > 440 && dist < 450);
}

static void test_binomial(void **state)
{
	UNUSED(state);
	static const struct {
		int64_t n, k;
		double p, want;
	} cases[] = {
		{10, 8, 0.5, 56.0 / 1024}, {20, 20, 0.5, 1.0 / 1048576},
		{100, 0, 0.3, 1.0},	   {5, 6, 0.9, 0.0},
		{1, 1, 0.7, 0.7},	   {3, 2, 0.2, 3 * 0.04 * 0.8 + 0.008},
		{10, 1, 0.0, 0.0},	   {10, 10, 1.0, 1.0},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		double t = binom_upper_tail(cases[i].n, cases[i].k, cases[i].p);
		if (fabs(t - cases[i].want) > 1e-12 * (1 + cases[i].want * 1e3))
			fail_msg("case %zu: %.15g, expected %.15g", i, t, cases[i].want);
	}
	/* large n stays finite and monotone in k */
	double prev = 1.0;
	for (int64_t k = 0; k <= 5000; k += 250) {
		double t = binom_upper_tail(5000, k, 0.6);
		assert_true(t >= 0 && t <= prev + 1e-12);
		prev = t;
	}
	/* the funnel's upper limit: 0.6 + 3.09 * sqrt(0.24 / 50) */
	assert_true(fabs(funnel_upper(0.6, 50, 3.09) - (0.6 + 3.09 * sqrt(0.24 / 50))) < 1e-12);
	assert_true(funnel_upper(0.99, 2, 3.09) == 1.0);
}

static void test_completion(void **state)
{
	UNUSED(state);
	/* peers complete 60 %: 50 of 50 is implausible, 32 of 50 is not, 10 of 10 is too few to test */
	struct completion_test t = completion_outlier(50, 50, 600, 1000, 0.001, 20);
	assert_true(t.outlier && !t.too_small);
	assert_true(fabs(t.p_value - pow(0.6, 50)) < 1e-20);
	t = completion_outlier(32, 50, 600, 1000, 0.001, 20);
	assert_false(t.outlier);
	assert_true(t.p_value > 0.2);
	t = completion_outlier(10, 10, 600, 1000, 0.001, 20);
	assert_true(t.too_small && !t.outlier);
	/* exactly min_n is tested */
	t = completion_outlier(20, 20, 600, 1000, 0.001, 20);
	assert_true(!t.too_small && t.outlier);
	/* no peers: nothing to compare with */
	t = completion_outlier(30, 30, 0, 0, 0.001, 20);
	assert_true(t.too_small && !t.outlier);
}

static void test_signal_fsm(void **state)
{
	UNUSED(state);
	err e = {0};
	assert_int_equal(fsm_validate(&fraud_signal_fsm, &e), 0);
	const struct fsm_transition *t = NULL;
	/* a city confirms with a reason; without one, or once reviewed, it may not; an institution never */
	assert_int_equal(
		fsm_decide(&fraud_signal_fsm, "open", "confirmed", RB(ROLE_CITY_ADMIN), "查实", NULL, &t, &e),
		0);
	assert_string_equal(t->audit, "fraud_signal.confirmed");
	assert_int_equal(
		fsm_decide(&fraud_signal_fsm, "open", "dismissed", RB(ROLE_CITY_ADMIN), NULL, NULL, &t, &e),
		-1);
	assert_string_equal(e.code, "missing_field");
	assert_int_equal(fsm_decide(&fraud_signal_fsm, "confirmed", "dismissed", RB(ROLE_PROVINCE_ADMIN), "x",
				    NULL, &t, &e),
			 -1);
	assert_string_equal(e.code, "invalid_transition");
	assert_int_equal(fsm_decide(&fraud_signal_fsm, "open", "confirmed", RB(ROLE_INSTITUTION_ADMIN), "x",
				    NULL, &t, &e),
			 -1);
	assert_int_equal(e.status, 403);
	assert_string_equal(fraud_kind_zh("exam_overlap"), "考培冲突");
	assert_false(fraud_kind_valid("bogus"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hhmm),	   cmocka_unit_test(test_checkin),
		cmocka_unit_test(test_binomial),   cmocka_unit_test(test_completion),
		cmocka_unit_test(test_signal_fsm),
	};
	return cmocka_run_group_tests_name("core/fraud", tests, NULL, NULL);
}
