/* 心理测量引擎: classical item analysis and Rasch CML against published and reference values, recovery on
 * simulated data, and edge cases. Reference values: see the comment at each table. */
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

/* psych 2.2.9 psych::alpha() on the expanded tables (bench/psy/lsat_ref.R prints these); LSAT-6 alpha
 * 0.295 is also ltm's descript(LSAT) value. raw.r is the point-biserial with the total. */
static const struct {
	const char *name;
	const int *counts;
	double alpha, alpha_drop[5], r_drop[5], r_pbis[5];
} ctt_ref[] = {
	{"LSAT-6",
	 lsat6_counts,
	 0.294997,
	 {0.275356, 0.237584, 0.216799, 0.245933, 0.266294},
	 {0.112833, 0.153178, 0.172779, 0.144428, 0.121596},
	 {0.362010, 0.566772, 0.618440, 0.534418, 0.435366}},
	{"LSAT-7",
	 lsat7_counts,
	 0.453409,
	 {0.395975, 0.393831, 0.345391, 0.414601, 0.438462},
	 {0.245732, 0.246674, 0.313179, 0.222751, 0.174786},
	 {0.529988, 0.599677, 0.611210, 0.592029, 0.461192}},
};

static void test_ctt_lsat_matches_psych(void **state)
{
	UNUSED(state);
	for (size_t c = 0; c < ARRAY_LEN(ctt_ref); c++) {
		int8_t x[5000];
		size_t n = lsat_expand(ctt_ref[c].counts, x);
		assert_int_equal(n, 1000);
		arena *a = arena_new();
		psy_data d = {.n = n, .k = 5, .x = x};
		psy_ctt_item it[5];
		psy_ctt_result r;
		err e = {0};
		assert_int_equal(psy_ctt(&d, it, &r, a, &e), 0);
		assert_int_equal(r.n_persons, 1000);
		NEAR(r.alpha, ctt_ref[c].alpha, 1e-6, ctt_ref[c].name, 0);
		double alpha = r.alpha;
		for (int i = 0; i < 5; i++) {
			NEAR(it[i].alpha_if_dropped, ctt_ref[c].alpha_drop[i], 1e-6, "alpha_if_dropped", i);
			NEAR(it[i].r_drop, ctt_ref[c].r_drop[i], 1e-6, "r_drop", i);
			NEAR(it[i].r_pbis, ctt_ref[c].r_pbis[i], 1e-6, "r_pbis", i);
		}
		/* the missing-data path (pairwise) gives the same answers on complete data: one empty person
		 * added */
		int8_t *y = arena_array(a, 5005, 1);
		memcpy(y, x, 5000);
		memset(y + 5000, PSY_NA, 5);
		psy_data dy = {.n = n + 1, .k = 5, .x = y};
		psy_ctt_item it2[5];
		assert_int_equal(psy_ctt(&dy, it2, &r, a, &e), 0);
		assert_int_equal(r.n_persons, 1000);
		assert_true(r.pairwise);
		NEAR(r.alpha, alpha, 1e-9, "pairwise alpha", 0);
		for (int i = 0; i < 5; i++) {
			NEAR(it2[i].r_pbis, it[i].r_pbis, 1e-9, "pairwise r_pbis", i);
			NEAR(it2[i].r_drop, it[i].r_drop, 1e-9, "pairwise r_drop", i);
			NEAR(it2[i].alpha_if_dropped, it[i].alpha_if_dropped, 1e-9,
			     "pairwise alpha_if_dropped", i);
		}
		arena_free(a);
	}
}

/* eRm 1.0-2 RM() on the expanded tables (bench/psy/lsat_ref.R): difficulties = -betapar (sum zero),
 * se.beta and the conditional log-likelihood. Cross-check: mirt's published Rasch MML intercepts for
 * LSAT-6 (tests/testthat/test-01-mirtOne.R: d = 2.73, 0.999, 0.24, 1.306, 2.099), centred and negated,
 * are -1.255, 0.476, 1.235, 0.169, -0.624, within 0.002 of these CML values. */
static const struct {
	const char *name;
	const int *counts;
	double b[5], se[5], loglik;
} cml_ref[] = {
	{"LSAT-6",
	 lsat6_counts,
	 {-1.256128, 0.474907, 1.235981, 0.168410, -0.623170},
	 {0.104406, 0.069917, 0.068778, 0.072619, 0.085917},
	 -1091.569690},
	{"LSAT-7",
	 lsat7_counts,
	 {-0.541470, 0.536545, -0.133583, 0.805166, -0.666659},
	 {0.079168, 0.067961, 0.073133, 0.067457, 0.081518},
	 -1182.699899},
};

static void test_rasch_cml_lsat_matches_erm(void **state)
{
	UNUSED(state);
	static const double mirt6[5] = {-1.255, 0.476, 1.235, 0.169, -0.624};
	for (size_t c = 0; c < ARRAY_LEN(cml_ref); c++) {
		int8_t x[5000];
		size_t n = lsat_expand(cml_ref[c].counts, x);
		arena *a = arena_new();
		psy_data d = {.n = n, .k = 5, .x = x};
		psy_item it[5];
		psy_fit f;
		err e = {0};
		if (psy_rasch_cml(&d, it, &f, a, &e) != 0)
			fail_msg("%s: %s", cml_ref[c].name, e.en);
		assert_true(f.converged);
		NEAR(f.loglik, cml_ref[c].loglik, 1e-4, "loglik", c);
		double sum = 0;
		for (int i = 0; i < 5; i++) {
			NEAR(it[i].b, cml_ref[c].b[i], 1e-5, "b", i);
			NEAR(it[i].se_b, cml_ref[c].se[i], 1e-5, "se_b", i);
			assert_true(it[i].a == 1);
			assert_true(it[i].infit > 0.8 && it[i].infit < 1.2);
			assert_true(it[i].outfit > 0.5 && it[i].outfit < 1.5);
			sum += it[i].b;
			if (c == 0)
				NEAR(it[i].b, mirt6[i], 2e-3, "mirt cross-check", i);
		}
		NEAR(sum, 0, 1e-12, "sum of difficulties", 0);
		/* persons with 0 or 5 right are excluded as CML requires */
		assert_int_equal(f.n_used,
				 1000 - (size_t)cml_ref[c].counts[0] - (size_t)cml_ref[c].counts[31]);
		arena_free(a);
	}
}

/* Simulated Rasch data: n persons θ ~ N(0,1), k items b ~ U(-2, 2) (centred), ~10% of cells missing. */
static void simulate_rasch(psy_rng *r, size_t n, size_t k, double *b, int8_t *x, double missing)
{
	double mean = 0;
	for (size_t i = 0; i < k; i++)
		mean += (b[i] = 4 * psy_rng_uniform(r) - 2) / (double)k;
	for (size_t i = 0; i < k; i++)
		b[i] -= mean;
	for (size_t p = 0; p < n; p++) {
		double th = psy_rng_normal(r);
		for (size_t i = 0; i < k; i++) {
			double P = 1 / (1 + exp(-(th - b[i])));
			x[p * k + i] = (int8_t)(psy_rng_uniform(r) < P);
			if (missing > 0 && psy_rng_uniform(r) < missing)
				x[p * k + i] = PSY_NA;
		}
	}
}

static void corr_rmse(const double *t, const psy_item *it, size_t k, double *r, double *rmse)
{
	double mt = 0, me = 0, st = 0, se = 0, sc = 0, sq = 0;
	for (size_t i = 0; i < k; i++)
		mt += t[i] / (double)k, me += it[i].b / (double)k;
	for (size_t i = 0; i < k; i++) {
		st += (t[i] - mt) * (t[i] - mt);
		se += (it[i].b - me) * (it[i].b - me);
		sc += (t[i] - mt) * (it[i].b - me);
		sq += (t[i] - it[i].b) * (t[i] - it[i].b);
	}
	*r = sc / sqrt(st * se);
	*rmse = sqrt(sq / (double)k);
}

static void test_rasch_cml_recovery(void **state)
{
	UNUSED(state);
	static const struct {
		size_t n, k;
		double missing, min_r, max_rmse;
	} cases[] = {
		{2000, 20, 0.0, 0.99, 0.10},
		{3000, 30, 0.0, 0.99, 0.08},
		{400, 250, 0.0, 0.97, 0.25},  /* 250 items: the normalised ESFs stay finite */
		{1500, 12, 0.10, 0.98, 0.15}, /* not-presented cells: one group per missingness pattern */
	};
	for (size_t c = 0; c < ARRAY_LEN(cases); c++) {
		arena *a = arena_new();
		psy_rng rng;
		psy_rng_seed(&rng, 20250601 + c);
		size_t n = cases[c].n, k = cases[c].k;
		double *b = arena_array(a, k, sizeof *b);
		int8_t *x = arena_array(a, n * k, 1);
		simulate_rasch(&rng, n, k, b, x, cases[c].missing);
		psy_data d = {.n = n, .k = k, .x = x};
		psy_item *it = arena_array(a, k, sizeof *it);
		psy_fit f;
		err e = {0};
		if (psy_rasch_cml(&d, it, &f, a, &e) != 0)
			fail_msg("case %zu: %s", c, e.en);
		double r, rmse;
		corr_rmse(b, it, k, &r, &rmse);
		if (r < cases[c].min_r || rmse > cases[c].max_rmse)
			fail_msg("case %zu: r = %.4f, rmse = %.4f", c, r, rmse);
		for (size_t i = 0; i < k; i++)
			assert_true(isfinite(it[i].se_b) && it[i].se_b > 0);
		arena_free(a);
	}
}

static void test_psy_edge_cases(void **state)
{
	UNUSED(state);
	arena *a = arena_new();
	err e = {0};
	psy_item it[4];
	psy_fit f;
	psy_ctt_item ci[4];
	psy_ctt_result cr;
	/* empty input */
	psy_data d0 = {.n = 0, .k = 3, .x = NULL};
	assert_int_equal(psy_rasch_cml(&d0, it, &f, a, &e), -1);
	assert_string_equal(e.code, "psy_empty");
	err_clear(&e);
	assert_int_equal(psy_ctt(&d0, ci, &cr, a, &e), -1);
	err_clear(&e);
	/* a single item: CTT gives p and no alpha; CML refuses */
	static const int8_t one[] = {1, 0, 1, 1};
	psy_data d1 = {.n = 4, .k = 1, .x = one};
	assert_int_equal(psy_ctt(&d1, ci, &cr, a, &e), 0);
	assert_true(isnan(cr.alpha));
	NEAR(ci[0].p, 0.75, 1e-12, "p", 0);
	assert_int_equal(psy_rasch_cml(&d1, it, &f, a, &e), -1);
	assert_string_equal(e.code, "psy_too_few_items");
	err_clear(&e);
	/* everyone all right or all wrong: nothing left for CML */
	static const int8_t ext[] = {1, 1, 1, 0, 0, 0, 1, 1, 1};
	psy_data d2 = {.n = 3, .k = 3, .x = ext};
	assert_int_equal(psy_rasch_cml(&d2, it, &f, a, &e), -1);
	assert_string_equal(e.code, "psy_no_information");
	err_clear(&e);
	assert_int_equal(psy_ctt(&d2, ci, &cr, a, &e), 0); /* CTT still answers */
	NEAR(cr.alpha, 1.0, 1e-12, "alpha of perfectly consistent items", 0);
	/* a constant column (everyone right on item 3) */
	static const int8_t cst[] = {1, 0, 1, 0, 1, 1, 1, 0, 1, 0, 0, 1};
	psy_data d3 = {.n = 4, .k = 3, .x = cst};
	assert_int_equal(psy_rasch_cml(&d3, it, &f, a, &e), -1);
	assert_string_equal(e.code, "psy_constant_item");
	err_clear(&e);
	assert_int_equal(psy_ctt(&d3, ci, &cr, a, &e), 0);
	NEAR(ci[2].p, 1.0, 1e-12, "p of constant", 2);
	assert_true(isnan(ci[2].r_pbis));
	/* every cell empty */
	static const int8_t na[] = {-1, -1, -1, -1};
	psy_data d4 = {.n = 2, .k = 2, .x = na};
	assert_int_equal(psy_ctt(&d4, ci, &cr, a, &e), -1);
	err_clear(&e);
	assert_int_equal(psy_rasch_cml(&d4, it, &f, a, &e), -1);
	err_clear(&e);
	/* a bad cell value */
	static const int8_t bad[] = {1, 2, 0, 1};
	psy_data d5 = {.n = 2, .k = 2, .x = bad};
	assert_int_equal(psy_ctt(&d5, ci, &cr, a, &e), -1);
	assert_string_equal(e.code, "psy_bad_cell");
	err_clear(&e);
	/* two disconnected booklets (items 0-1 and 2-3 never taken together) */
	static const int8_t disc[] = {1, 0, -1, -1, 0, 1, -1, -1, 1, 0, -1, -1, -1, -1, 1, 0, -1, -1, 0, 1};
	psy_data d6 = {.n = 5, .k = 4, .x = disc};
	assert_int_equal(psy_rasch_cml(&d6, it, &f, a, &e), -1);
	assert_string_equal(e.code, "psy_not_connected");
	arena_free(a);
}

/* 干扰项分析: a distractor that attracts the strong candidates is flagged */
static void test_distractors(void **state)
{
	UNUSED(state);
	/* 6 persons, 2 items; item 1 key A, item 2 key B. On item 2 the top scorers choose C. */
	static const int8_t opt[] = {
		0, 2, /* A C */
		0, 2, 0, 1, 1, 1, 1, 3, 2, 3,
	};
	static const int8_t key[] = {0, 1};
	psy_option_stat out[2 * 4];
	arena *a = arena_new();
	err e = {0};
	assert_int_equal(psy_distractors(6, 2, opt, key, 4, out, a, &e), 0);
	assert_true(out[0].is_key);
	NEAR(out[0].share, 0.5, 1e-12, "share A", 0);
	assert_false(out[1].flagged);	 /* B on item 1 chosen by the weaker half */
	assert_true(out[4 + 2].flagged); /* C on item 2 chosen by the two strongest */
	assert_false(out[4 + 3].flagged);
	assert_int_equal(out[4 + 2].n, 2);
	static const int8_t badkey[] = {0, 7};
	assert_int_equal(psy_distractors(6, 2, opt, badkey, 4, out, a, &e), -1);
	arena_free(a);
}

static void test_rng_is_deterministic(void **state)
{
	UNUSED(state);
	psy_rng a, b;
	psy_rng_seed(&a, 42);
	psy_rng_seed(&b, 42);
	for (int i = 0; i < 1000; i++)
		assert_true(psy_rng_next(&a) == psy_rng_next(&b));
	double m = 0, v = 0;
	for (int i = 0; i < 100000; i++) {
		double z = psy_rng_normal(&a);
		m += z / 100000, v += z * z / 100000;
	}
	assert_true(fabs(m) < 0.02 && fabs(v - 1) < 0.02);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ctt_lsat_matches_psych),
		cmocka_unit_test(test_rasch_cml_lsat_matches_erm),
		cmocka_unit_test(test_rasch_cml_recovery),
		cmocka_unit_test(test_psy_edge_cases),
		cmocka_unit_test(test_distractors),
		cmocka_unit_test(test_rng_is_deterministic),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
