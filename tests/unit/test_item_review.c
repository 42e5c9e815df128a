/* 试题复核标记: the review flags after a graded sitting, and the option discrimination they rest on. */
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include "core/item_review.h"
#include "psy/psy.h"

static void test_flags(void **state)
{
	UNUSED(state);
	static const struct {
		double p, r_drop;
		bool distractor;
		const char *want;
	} cases[] = {
		{0.50, 0.40, false, ""},
		{0.0999, 0.40, false, "too_hard"},
		{0.10, 0.40, false, ""}, /* boundaries are inside */
		{0.95, 0.15, false, ""},
		{0.9501, 0.40, false, "too_easy"},
		{0.60, 0.1499, false, "low_discrimination"},
		{0.60, -0.20, true, "low_discrimination,distractor"},
		{0.05, 0.05, true, "too_hard,low_discrimination,distractor"},
		{1.00, NAN, false, "too_easy"}, /* a constant item: its p says it */
		{NAN, NAN, false, ""},		/* nobody was given it */
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char buf[80];
		const char *got = item_review_names(
			item_review_flags(cases[i].p, cases[i].r_drop, cases[i].distractor), buf, sizeof buf);
		if (strcmp(got, cases[i].want))
			fail_msg("case %zu: got '%s', want '%s'", i, got, cases[i].want);
	}
}

static void test_distractor_rule(void **state)
{
	UNUSED(state);
	size_t count[4] = {5, 10, 2, 1};
	double r[4] = {0.30, 0.40, -0.10, 0.50};
	assert_true(distractor_positive(4, 1, count, r)); /* the key is B; A (5 choosers) is positive */
	r[0] = -0.2;
	assert_false(distractor_positive(4, 1, count, r)); /* D positive but chosen once */
	r[2] = 0.01;
	assert_true(distractor_positive(4, 1, count, r)); /* C: two choosers, positive */
	r[2] = NAN;
	assert_false(distractor_positive(4, 1, count, r));
	r[1] = 0.9; /* the key's own correlation never counts */
	assert_false(distractor_positive(4, 1, count, r));
}

/* reference values computed independently (Pearson correlation of the 0/1 choice with the rest score) */
static void test_option_r(void **state)
{
	UNUSED(state);
	static const int8_t x[] = {1, 1, 1, 1, 0, 1, 0, 1, 0, 1, 1, 0, 0, 0, 0, 1, 0, 1};
	int8_t opt[18], key[3] = {-1, 1, -1};
	memset(opt, (uint8_t)PSY_NA, sizeof opt);
	static const int8_t chosen[6] = {1, 2, 1, 1, 3, 2};
	for (int p = 0; p < 6; p++)
		opt[p * 3 + 1] = chosen[p];
	psy_data d = {.n = 6, .k = 3, .x = x};
	size_t count[12];
	double r[12];
	arena *a = arena_new();
	err e = {0};
	assert_int_equal(psy_option_r(&d, opt, key, 4, count, r, a, &e), 0);
	static const size_t want_n[4] = {0, 3, 2, 1};
	static const double want_r[4] = {NAN, -0.18569533817705183, 0.6565321642986127, -0.5813183589761797};
	for (int o = 0; o < 4; o++) {
		assert_int_equal(count[4 + o], want_n[o]);
		if (isnan(want_r[o]))
			assert_true(isnan(r[4 + o]));
		else
			assert_true(fabs(r[4 + o] - want_r[o]) < 1e-12);
	}
	for (int o = 0; o < 4; o++) /* items without option data are skipped */
		assert_int_equal(count[o], 0);
	assert_true(distractor_positive(4, 1, count + 4, r + 4));
	/* a person not given the item is left out */
	int8_t x2[18];
	memcpy(x2, x, sizeof x2);
	x2[4 * 3 + 1] = PSY_NA;
	opt[4 * 3 + 1] = PSY_NA;
	d.x = x2;
	assert_int_equal(psy_option_r(&d, opt, key, 4, count, r, a, &e), 0);
	assert_int_equal(count[4 + 3], 0);
	assert_int_equal(psy_option_r(&d, opt, key, 9, count, r, a, &e), -1);
	assert_string_equal(e.code, "psy_bad_options");
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_flags),
		cmocka_unit_test(test_distractor_rule),
		cmocka_unit_test(test_option_r),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
