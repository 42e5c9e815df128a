/* 项目反应理论: 2PL by MML-EM against ltm and mirt on LSAT-6/7, recovery on simulated data, and scoring
 * (EAP, bounded MLE, summed-score table). */
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include "psy/psy.h"
#include "test_psy_lsat.h"

#define NEAR(got, want, tol, what, i)                                                                        \
	do {                                                                                                 \
		if (!(fabs((got) - (want)) <= (tol)))                                                        \
			fail_msg("%s[%d]: got %.6f, want %.6f (tol %g)", (what), (int)(i), (double)(got),    \
				 (double)(want), (double)(tol));                                             \
	} while (0)

/* Published 2PL MML estimates (logistic metric, N(0,1) ability):
 * LSAT-6: ltm's summary(ltm(LSAT ~ z1, IRT.param = TRUE)) as printed in Rizopoulos (2006, J Stat Softw
 *   17(5)) and in ltm-based tutorials: log.Lik -2466.653, Dffclt -3.3597 -1.3696 -0.2799 -1.8659 -3.1236,
 *   Dscrmn 0.8254 0.7229 0.8905 0.6886 0.6575, std.err of Dffclt 0.8669 0.3073 0.0997 0.4341 0.8700 and of
 *   Dscrmn 0.2581 0.1867 0.2326 0.1852 0.2100. ltm integrates with 21 Gauss-Hermite points, we with 61
 *   grid points (mirt's QMCEM test expects the same -2466.653), hence 0.005 on b, 0.002 on a, 2% on SEs.
 * LSAT-7: mirt's test-01-mirtOne.R, mirt(expand.table(LSAT7), 1): a1 0.988 1.081 1.706 0.7651 0.7358,
 *   d 1.8561 0.808 1.8043 0.486 1.8545 (mirt tolerance 1e-2); b = -d / a. */
static const struct {
	const char *name;
	const int *counts;
	double loglik, a[5], b[5], se_a[5], se_b[5];
} ref2pl[] = {
	{"LSAT-6",
	 lsat6_counts,
	 -2466.653,
	 {0.8254, 0.7229, 0.8905, 0.6886, 0.6575},
	 {-3.3597, -1.3696, -0.2799, -1.8659, -3.1236},
	 {0.2581, 0.1867, 0.2326, 0.1852, 0.2100},
	 {0.8669, 0.3073, 0.0997, 0.4341, 0.8700}},
	{"LSAT-7",
	 lsat7_counts,
	 NAN,
	 {0.988, 1.081, 1.706, 0.7651, 0.7358},
	 {-1.8561 / 0.988, -0.808 / 1.081, -1.8043 / 1.706, -0.486 / 0.7651, -1.8545 / 0.7358},
	 {NAN, NAN, NAN, NAN, NAN},
	 {NAN, NAN, NAN, NAN, NAN}},
};

static void test_2pl_mml_lsat(void **state)
{
	UNUSED(state);
	for (size_t c = 0; c < ARRAY_LEN(ref2pl); c++) {
		int8_t x[5000];
		size_t n = lsat_expand(ref2pl[c].counts, x);
		arena *a = arena_new();
		psy_data d = {.n = n, .k = 5, .x = x};
		psy_item it[5];
		psy_fit f;
		err e = {0};
		psy_mml_opts o = {.quad_points = 61};
		if (psy_2pl_mml(&d, &o, it, &f, a, &e) != 0)
			fail_msg("%s: %s", ref2pl[c].name, e.en);
		assert_true(f.converged);
		assert_true(f.se_full);
		assert_int_equal(f.n_patterns, c == 0 ? 30 : 32); /* LSAT-6 has two empty patterns */
		if (!isnan(ref2pl[c].loglik))
			NEAR(f.loglik, ref2pl[c].loglik, 1e-3, "loglik", c);
		for (int i = 0; i < 5; i++) {
			double tb = c == 0 ? 0.005 : 0.01, ta = c == 0 ? 0.002 : 0.01;
			NEAR(it[i].a, ref2pl[c].a[i], ta, "a", i);
			NEAR(it[i].b, ref2pl[c].b[i], tb, "b", i);
			if (!isnan(ref2pl[c].se_a[i])) {
				NEAR(it[i].se_a, ref2pl[c].se_a[i], 0.02 * ref2pl[c].se_a[i], "se_a", i);
				NEAR(it[i].se_b, ref2pl[c].se_b[i], 0.02 * ref2pl[c].se_b[i], "se_b", i);
			}
		}
		/* 41 points (the minimum) agree with 61 to 1e-3 */
		psy_item it41[5];
		o.quad_points = 41;
		assert_int_equal(psy_2pl_mml(&d, &o, it41, &f, a, &e), 0);
		for (int i = 0; i < 5; i++)
			NEAR(it41[i].b, it[i].b, 1e-3, "41 points", i);
		arena_free(a);
	}
}

static void simulate_2pl(psy_rng *r, size_t n, size_t k, psy_item *t, int8_t *x, double missing)
{
	for (size_t i = 0; i < k; i++) {
		t[i].a = 0.6 + 1.4 * psy_rng_uniform(r);
		t[i].b = 4 * psy_rng_uniform(r) - 2;
	}
	for (size_t p = 0; p < n; p++) {
		double th = psy_rng_normal(r);
		for (size_t i = 0; i < k; i++) {
			x[p * k + i] = (int8_t)(psy_rng_uniform(r) < psy_prob(&t[i], th));
			if (missing > 0 && psy_rng_uniform(r) < missing)
				x[p * k + i] = PSY_NA;
		}
	}
}

static void test_2pl_recovery(void **state)
{
	UNUSED(state);
	static const struct {
		size_t n, k;
		double missing, rmse_a, rmse_b;
		int threads;
	} cases[] = {
		{5000, 20, 0.0, 0.10, 0.08, 2},
		{5000, 20, 0.2, 0.12, 0.10, 1}, /* not-presented cells */
		{3000, 40, 0.0, 0.12, 0.10,
		 2}, /* block SEs are used above 2e8 patterns x items^2: not here */
	};
	for (size_t c = 0; c < ARRAY_LEN(cases); c++) {
		arena *a = arena_new();
		psy_rng rng;
		psy_rng_seed(&rng, 777 + c);
		size_t n = cases[c].n, k = cases[c].k;
		psy_item *t = arena_array(a, k, sizeof *t), *it = arena_array(a, k, sizeof *it);
		int8_t *x = arena_array(a, n * k, 1);
		simulate_2pl(&rng, n, k, t, x, cases[c].missing);
		psy_data d = {.n = n, .k = k, .x = x};
		psy_fit f;
		err e = {0};
		psy_mml_opts o = {.threads = cases[c].threads};
		if (psy_2pl_mml(&d, &o, it, &f, a, &e) != 0)
			fail_msg("case %zu: %s", c, e.en);
		double sa = 0, sb = 0;
		for (size_t i = 0; i < k; i++) {
			sa += pow(it[i].a - t[i].a, 2) / (double)k;
			sb += pow(it[i].b - t[i].b, 2) / (double)k;
			assert_true(it[i].se_a > 0 && it[i].se_b > 0);
		}
		if (sqrt(sa) > cases[c].rmse_a || sqrt(sb) > cases[c].rmse_b)
			fail_msg("case %zu: rmse a %.4f b %.4f", c, sqrt(sa), sqrt(sb));
		arena_free(a);
	}
}

/* The same data with 1 and 2 threads give the same estimates (the E-step is split by patterns). */
static void test_2pl_threads_agree(void **state)
{
	UNUSED(state);
	arena *a = arena_new();
	psy_rng rng;
	psy_rng_seed(&rng, 99);
	size_t n = 2000, k = 10;
	psy_item t[10], i1[10], i2[10];
	int8_t *x = arena_array(a, n * k, 1);
	simulate_2pl(&rng, n, k, t, x, 0);
	psy_data d = {.n = n, .k = k, .x = x};
	psy_fit f;
	err e = {0};
	psy_mml_opts o1 = {.threads = 1}, o2 = {.threads = 2};
	assert_int_equal(psy_2pl_mml(&d, &o1, i1, &f, a, &e), 0);
	assert_int_equal(psy_2pl_mml(&d, &o2, i2, &f, a, &e), 0);
	for (size_t i = 0; i < k; i++)
		NEAR(i1[i].b, i2[i].b, 1e-8, "threads", i);
	arena_free(a);
}

/* 能力估计: EAP and MLE on LSAT-7 items; mirt's EAPsum for LSAT-7 (test-01-mirtOne.R: fscores(...,
 * method = 'EAPsum')) gives θ -1.86979 -1.431861 -0.9488463 -0.4131963 0.1517289 0.7271877 and SD
 * 0.6927032 0.6838697 0.6942298 0.7210951 0.758772 0.8009335 for sums 0..5 (tolerance 1e-2). */
static void test_scoring(void **state)
{
	UNUSED(state);
	psy_item it[5];
	static const double a7[5] = {0.988, 1.081, 1.706, 0.7651, 0.7358},
			    d7[5] = {1.8561, 0.808, 1.8043, 0.486, 1.8545};
	for (int i = 0; i < 5; i++)
		it[i] = (psy_item){.a = a7[i], .b = -d7[i] / a7[i]};
	static const double eapsum[6] = {-1.86979, -1.431861, -0.9488463, -0.4131963, 0.1517289, 0.7271877},
			    sdsum[6] = {0.6927032, 0.6838697, 0.6942298, 0.7210951, 0.758772, 0.8009335};
	double th[6], se[6], pr[6];
	arena *a = arena_new();
	psy_sum_table(5, it, th, se, pr, a);
	double tot = 0;
	for (int s = 0; s <= 5; s++) {
		NEAR(th[s], eapsum[s], 1e-2, "EAPsum theta", s);
		NEAR(se[s], sdsum[s], 1e-2, "EAPsum sd", s);
		tot += pr[s];
	}
	NEAR(tot, 1, 1e-9, "sum-score proportions", 0);
	/* MLE: bounded for extreme patterns, finite in between; with missing items skipped */
	static const struct {
		int8_t x[5];
		double lo, hi;
	} cases[] = {
		{{0, 0, 0, 0, 0}, PSY_THETA_MIN, PSY_THETA_MIN},
		{{1, 1, 1, 1, 1}, PSY_THETA_MAX, PSY_THETA_MAX},
		{{1, 1, 0, 0, 1}, -2, 1},
		{{1, PSY_NA, PSY_NA, PSY_NA, 0}, -4, 2},
	};
	for (size_t c = 0; c < ARRAY_LEN(cases); c++) {
		double t, s;
		psy_mle(5, it, cases[c].x, &t, &s);
		if (t < cases[c].lo - 1e-9 || t > cases[c].hi + 1e-9)
			fail_msg("mle case %zu: %f", c, t);
		/* at an interior MLE the score function vanishes */
		if (t > PSY_THETA_MIN && t < PSY_THETA_MAX) {
			double S = 0;
			for (int i = 0; i < 5; i++)
				if (cases[c].x[i] != PSY_NA)
					S += it[i].a * (cases[c].x[i] - psy_prob(&it[i], t));
			NEAR(S, 0, 1e-8, "score at MLE", c);
		}
		double te, ee;
		psy_eap(5, it, cases[c].x, &te, &ee);
		assert_true(te > -4 && te < 4 && ee > 0 && ee < 1);
	}
	/* EAP of the all-wrong LSAT-7 pattern is close to the EAP for sum 0 (same information) */
	static const int8_t zero[5] = {0};
	double te, ee;
	psy_eap(5, it, zero, &te, &ee);
	NEAR(te, eapsum[0], 1e-2, "EAP pattern 00000", 0);
	arena_free(a);
}

static void test_2pl_edge_cases(void **state)
{
	UNUSED(state);
	arena *a = arena_new();
	err e = {0};
	psy_item it[3];
	psy_fit f;
	psy_data d0 = {.n = 0, .k = 2, .x = NULL};
	assert_int_equal(psy_2pl_mml(&d0, NULL, it, &f, a, &e), -1);
	err_clear(&e);
	static const int8_t cst[] = {1, 0, 1, 1, 1, 1, 1, 0, 1};
	psy_data d1 = {.n = 3, .k = 3, .x = cst};
	assert_int_equal(psy_2pl_mml(&d1, NULL, it, &f, a, &e), -1);
	assert_string_equal(e.code, "psy_constant_item");
	err_clear(&e);
	psy_mml_opts few = {.quad_points = 21};
	static const int8_t ok[] = {1, 0, 0, 1, 1, 1, 0, 0};
	psy_data d2 = {.n = 4, .k = 2, .x = ok};
	assert_int_equal(psy_2pl_mml(&d2, &few, it, &f, a, &e), -1);
	assert_string_equal(e.code, "psy_bad_option");
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_2pl_mml_lsat),	  cmocka_unit_test(test_2pl_recovery),
		cmocka_unit_test(test_2pl_threads_agree), cmocka_unit_test(test_scoring),
		cmocka_unit_test(test_2pl_edge_cases),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
