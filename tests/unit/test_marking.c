/* 竞赛评分: scheme checks, Measurement bands, Judgement marks and disagreement, ranking with module
 * tie-breaks, the WorldSkills scale (median exactly 700, order kept) and medals, table-driven. */
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#include "core/marking.h"
#include "core/ws_scale.h"
#include <math.h>

static void test_scheme_check(void **state)
{
	UNUSED(state);
	struct mark_aspect ok[] = {
		{.module = 0, .kind = ASPECT_BINARY, .max_cm = 2500},
		{.module = 0, .kind = ASPECT_JUDGEMENT, .max_cm = 2500},
		{.module = 1,
		 .kind = ASPECT_BANDS,
		 .max_cm = 5000,
		 .nominal = 50,
		 .nbands = 2,
		 .bands = {{0.05, 100}, {0.10, 50}}},
	};
	static const struct {
		int idx, max_cm, module, nbands;
		double tol1;
		int pct1;
		const char *want;
		int total;
	} cases[] = {
		{-1, 0, 0, 2, 0.10, 50, NULL, 10000},
		{0, 2400, 0, 2, 0.10, 50, "scheme_total_not_100", 9900},
		{0, 2600, 0, 2, 0.10, 50, "scheme_total_not_100", 10100},
		{0, 0, 0, 2, 0.10, 50, "aspect_max_invalid", 7500},
		{1, 2500, 2, 2, 0.10, 50, "aspect_module_invalid", 10000},
		{2, 5000, 1, 0, 0.10, 50, "bands_missing", 10000},
		{2, 5000, 1, 2, 0.05, 50, "bands_invalid", 10000},  /* tolerance must widen */
		{2, 5000, 1, 2, 0.10, 100, "bands_invalid", 10000}, /* percent must fall */
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct mark_aspect a[3];
		memcpy(a, ok, sizeof a);
		if (cases[i].idx >= 0) {
			a[cases[i].idx].max_cm = cases[i].max_cm;
			a[cases[i].idx].module = cases[i].module;
		}
		a[2].nbands = cases[i].nbands;
		a[2].bands[1].tol = cases[i].tol1;
		a[2].bands[1].pct = cases[i].pct1;
		int total = -1;
		const char *got = marking_check(a, 3, 2, &total);
		if (!cases[i].want)
			assert_null(got);
		else
			assert_string_equal(got, cases[i].want);
		assert_int_equal(total, cases[i].total);
	}
	assert_string_equal(marking_check(ok, 0, 2, NULL), "scheme_empty");
}

static void test_measurement(void **state)
{
	UNUSED(state);
	struct mark_aspect a = {.kind = ASPECT_BANDS, .max_cm = 150, .nominal = 50, .nbands = 2};
	a.bands[0] = (struct mark_band){0.05, 100};
	a.bands[1] = (struct mark_band){0.10, 50};
	static const struct {
		double measured;
		int cm;
	} cases[] = {
		{50.00, 150}, {50.05, 150}, {49.95, 150}, {50.06, 75}, {49.90, 75}, {50.11, 0}, {48.0, 0},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		int cm = -1;
		assert_int_equal(marking_bands(&a, cases[i].measured, &cm), 0);
		assert_int_equal(cm, cases[i].cm);
	}
	/* 1.5 marks at 33 %: 0.495 rounds half-up to 0.50 */
	a.bands[1].pct = 33;
	int cm;
	assert_int_equal(marking_bands(&a, 50.08, &cm), 0);
	assert_int_equal(cm, 50);
	struct mark_aspect b = {.kind = ASPECT_BINARY, .max_cm = 120};
	assert_int_equal(marking_binary(&b, true, &cm), 0);
	assert_int_equal(cm, 120);
	assert_int_equal(marking_binary(&b, false, &cm), 0);
	assert_int_equal(cm, 0);
	assert_int_equal(marking_binary(&a, true, &cm), -1);
	assert_int_equal(marking_bands(&b, 1, &cm), -1);
}

static void test_judgement(void **state)
{
	UNUSED(state);
	static const struct {
		int max_cm, s[3], n, threshold, cm;
		bool flagged;
	} cases[] = {
		{300, {3, 3, 3}, 3, 1, 300, false}, {300, {2, 2, 3}, 3, 1, 233, false}, /* 3 × 7/9 = 2.333 */
		{300, {1, 2, 2}, 3, 1, 167, false},					/* 3 × 5/9 = 1.667 */
		{200, {0, 2, 2}, 3, 1, 89, true},  /* 2 × 4/9 = 0.889; 2 − 0 > 1 */
		{200, {0, 2, 2}, 3, 2, 89, false}, /* the threshold is data */
		{150, {1, 1, 2}, 3, 1, 67, false}, /* 1.5 × 4/9 = 0.6667 */
		{100, {3, 0, 0}, 3, 1, 33, true},   {100, {2, 0, 0}, 1, 1, 67, false}, /* one judge */
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		int cm = -1;
		bool f = !cases[i].flagged;
		assert_int_equal(marking_judgement(cases[i].max_cm, cases[i].s, cases[i].n,
						   cases[i].threshold, &cm, &f),
				 0);
		assert_int_equal(cm, cases[i].cm);
		assert_int_equal(f, cases[i].flagged);
	}
	int bad[] = {1, 4, 2}, cm;
	bool f;
	assert_int_equal(marking_judgement(100, bad, 3, 1, &cm, &f), -1);
	assert_int_equal(marking_judgement(100, bad, 0, 1, &cm, &f), -1);
}

static void test_rank(void **state)
{
	UNUSED(state);
	/* B and C tie on the total; C has more in module A (first in the scheme) and goes first. D and E
	 * equal everywhere: they share rank 4 and F is 6th. */
	const struct mark_row rows[] = {
		{8000, {4000, 4000}}, /* A */
		{7000, {3000, 4000}}, /* B */
		{7000, {3500, 3500}}, /* C */
		{6000, {3000, 3000}}, /* D */
		{6000, {3000, 3000}}, /* E */
		{5000, {2000, 3000}}, /* F */
	};
	int rank[6], order[6];
	marking_rank(rows, 6, 2, rank, order);
	static const int want_rank[] = {1, 3, 2, 4, 4, 6}, want_order[] = {0, 2, 1, 3, 4, 5};
	for (int i = 0; i < 6; i++) {
		assert_int_equal(rank[i], want_rank[i]);
		assert_int_equal(order[i], want_order[i]);
	}
	/* with no modules to break the tie B and C share rank 2 */
	marking_rank(rows, 6, 0, rank, NULL);
	assert_int_equal(rank[1], 2);
	assert_int_equal(rank[2], 2);
	assert_int_equal(rank[3], 4);
}

static void test_scale(void **state)
{
	UNUSED(state);
	/* docs/DOMAIN.md's hand-worked example: mean 79, median 72, sd 10 */
	const double x[] = {88, 70, 94, 72, 71};
	const double want[] = {860, 680, 920, 700, 690};
	double s[5];
	struct ws_stats st;
	assert_int_equal(ws_standardise(x, 5, s, &st), 0);
	assert_true(st.mean == 79 && st.median == 72 && st.sd == 10);
	for (int i = 0; i < 5; i++)
		assert_true(fabs(s[i] - want[i]) < 1e-9);
	assert_true(s[3] == 700.0); /* the median competitor exactly */

	/* an even count, uneven marks: the median of the scaled scores is 700 and order is kept */
	const double y[] = {63.25, 81.5, 47.0, 90.75, 77.0, 55.5, 81.5, 70.33};
	double t[8];
	assert_int_equal(ws_standardise(y, 8, t, &st), 0);
	double sorted[8];
	memcpy(sorted, t, sizeof t);
	for (int i = 1; i < 8; i++)
		for (int j = i; j > 0 && sorted[j] < sorted[j - 1]; j--) {
			double v = sorted[j];
			sorted[j] = sorted[j - 1];
			sorted[j - 1] = v;
		}
	assert_true(fabs((sorted[3] + sorted[4]) / 2 - 700.0) < 1e-9);
	for (int i = 0; i < 8; i++)
		for (int j = 0; j < 8; j++)
			if (y[i] < y[j])
				assert_true(t[i] < t[j]);
			else if (y[i] == y[j])
				assert_true(t[i] == t[j]);
	/* all equal: everyone 700 */
	const double z[] = {50, 50, 50};
	assert_int_equal(ws_standardise(z, 3, t, NULL), 0);
	assert_true(t[0] == 700 && t[2] == 700);
	assert_int_equal(ws_standardise(z, 0, t, NULL), -1);
}

static void test_medals(void **state)
{
	UNUSED(state);
	const int rank[] = {1, 2, 2, 4, 5, 6, 7, 8, 9, 10};
	const double sc[] = {900, 820, 820, 760, 720, 700, 690, 650, 600, 540};
	static const struct {
		struct medal_rules r;
		enum medal want[10];
	} cases[] = {
		/* WorldSkills: one of each, the tie at 2 shares silver, so bronze goes to rank 3 = none (4 >
		   3) */
		{{1, 1, 1, false, 0, 700},
		 {MEDAL_GOLD, MEDAL_SILVER, MEDAL_SILVER, MEDAL_EXCELLENCE, MEDAL_EXCELLENCE,
		  MEDAL_EXCELLENCE}},
		/* shares: 10 % / 20 % / 30 % of 10 = 1 / 2 / 3 places; 优胜奖 at 700 */
		{{100, 200, 300, true, 0, 700},
		 {MEDAL_GOLD, MEDAL_SILVER, MEDAL_SILVER, MEDAL_BRONZE, MEDAL_BRONZE, MEDAL_BRONZE}},
		/* a medal floor of 750 on the scale; no 优胜奖 */
		{{1, 2, 3, false, 750, -1}, {MEDAL_GOLD, MEDAL_SILVER, MEDAL_SILVER, MEDAL_BRONZE}},
	};
	for (size_t c = 0; c < ARRAY_LEN(cases); c++) {
		enum medal m[10];
		assert_int_equal(ws_medals(rank, sc, 10, &cases[c].r, m), 0);
		for (int i = 0; i < 10; i++)
			assert_int_equal(m[i], cases[c].want[i]);
	}
	struct medal_rules bad = {-1, 0, 0, false, 0, 700};
	enum medal m[10];
	assert_int_equal(ws_medals(rank, sc, 10, &bad, m), -1);
	assert_string_equal(medal_code(MEDAL_EXCELLENCE), "excellence");
	assert_null(medal_code(MEDAL_NONE));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scheme_check), cmocka_unit_test(test_measurement),
		cmocka_unit_test(test_judgement),    cmocka_unit_test(test_rank),
		cmocka_unit_test(test_scale),	     cmocka_unit_test(test_medals),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
