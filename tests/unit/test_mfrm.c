/* 多面 Rasch 模型 (many-facet Rasch, psy_mfrm): recovery of simulated examiner severities (50 examiners, each
 * candidate rated by a panel of 3 on every criterion, several seeds, with and without missing cells), sign
 * and centring, the points-to-categories mapping, extreme elements, and the refusals (bad data, a
 * disconnected design). */
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include "psy/psy.h"

static double corr(const double *x, const double *y, size_t n, double *slope)
{
	double mx = 0, my = 0, sxy = 0, sxx = 0, syy = 0;
	for (size_t i = 0; i < n; i++)
		mx += x[i], my += y[i];
	mx /= (double)n, my /= (double)n;
	for (size_t i = 0; i < n; i++) {
		sxy += (x[i] - mx) * (y[i] - my);
		sxx += (x[i] - mx) * (x[i] - mx);
		syy += (y[i] - my) * (y[i] - my);
	}
	if (slope)
		*slope = sxy / sxx;
	return sxy / sqrt(sxx * syy);
}

/* a simulated data set and its truth */
struct sim {
	psy_mfrm_design g;
	size_t n;
	uint32_t *cand, *exam, *crit;
	double *score, *theta, *alpha, *delta, *max;
};

static void simulate(struct sim *s, const psy_mfrm_design *g, double keep, arena *a)
{
	s->g = *g;
	size_t cap = g->n_cand * g->raters * g->n_crit;
	s->cand = arena_array(a, cap, sizeof *s->cand);
	s->exam = arena_array(a, cap, sizeof *s->exam);
	s->crit = arena_array(a, cap, sizeof *s->crit);
	s->score = arena_array(a, cap, sizeof *s->score);
	s->theta = arena_array(a, g->n_cand, sizeof *s->theta);
	s->alpha = arena_array(a, g->n_exam, sizeof *s->alpha);
	s->delta = arena_array(a, g->n_crit, sizeof *s->delta);
	s->max = arena_array(a, g->n_crit, sizeof *s->max);
	s->n = psy_mfrm_simulate(g, s->cand, s->exam, s->crit, s->score, s->theta, s->alpha, s->delta);
	assert_int_equal(s->n, cap);
	for (size_t i = 0; i < g->n_crit; i++)
		s->max[i] = g->max_points;
	if (keep < 1) { /* missing cells: drop ratings at random */
		psy_rng r;
		psy_rng_seed(&r, g->seed + 1000);
		size_t k = 0;
		for (size_t o = 0; o < s->n; o++) {
			if (psy_rng_uniform(&r) >= keep)
				continue;
			s->cand[k] = s->cand[o], s->exam[k] = s->exam[o], s->crit[k] = s->crit[o];
			s->score[k++] = s->score[o];
		}
		s->n = k;
	}
}

static psy_mfrm_data data_of(const struct sim *s)
{
	return (psy_mfrm_data){s->n,	s->g.n_cand, s->g.n_exam, s->g.n_crit, s->cand,
			       s->exam, s->crit,     s->score,	  s->max};
}

/* the criterion: recovered severities correlate >= 0.95 with the truth (50 examiners) */
static void test_recovery(void **state)
{
	(void)state;
	static const struct {
		uint64_t seed;
		size_t n_cand, n_crit;
		int max_points;
		psy_mfrm_model model;
		double keep; /* share of ratings kept */
		double min_r, max_rmse;
	} cases[] = {
		/* the last: pass/fail criteria carry little information, so a lower bar */
		{1, 1000, 5, 10, PSY_MFRM_PCM, 1, 0.98, 0.10},
		{2, 1000, 5, 10, PSY_MFRM_PCM, 1, 0.98, 0.10},
		{3, 1000, 5, 10, PSY_MFRM_PCM, 1, 0.98, 0.10},
		{4, 1000, 5, 10, PSY_MFRM_RSM, 1, 0.98, 0.10},
		{5, 1000, 4, 4, PSY_MFRM_PCM, 1, 0.95, 0.15},
		{6, 1000, 5, 10, PSY_MFRM_PCM, 0.8, 0.97, 0.12},
		{7, 1000, 6, 5, PSY_MFRM_PCM, 0.9, 0.95, 0.15},
		{8, 1000, 5, 1, PSY_MFRM_PCM, 1, 0.90, 0.25},
	};
	for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
		arena *a = arena_new();
		psy_mfrm_design g = {.n_cand = cases[c].n_cand,
				     .n_exam = 50,
				     .n_crit = cases[c].n_crit,
				     .raters = 3,
				     .batch = 20,
				     .max_points = cases[c].max_points,
				     .sd_exam = 0.5,
				     .seed = cases[c].seed};
		struct sim s;
		simulate(&s, &g, cases[c].keep, a);
		psy_mfrm_data d = data_of(&s);
		psy_mfrm_opts o = {.model = cases[c].model};
		psy_mfrm_result r;
		err e = {0};
		if (psy_mfrm(&d, &o, &r, a, &e) != 0)
			fail_msg("case %zu: %s %s", c, e.code, e.en);
		assert_true(r.converged);
		double est[50], tru[50], sum = 0, se2 = 0, sq = 0;
		size_t k = 0;
		for (size_t j = 0; j < 50; j++) {
			assert_true(isfinite(r.exam[j].measure));
			assert_true(r.exam[j].se > 0 && r.exam[j].se < 0.3);
			if (!(r.exam[j].infit > 0.6 && r.exam[j].infit < 1.5))
				fail_msg("case %zu examiner %zu infit %.3f outfit %.3f n %zu", c, j,
					 r.exam[j].infit, r.exam[j].outfit, r.exam[j].n);
			est[k] = r.exam[j].measure, tru[k] = s.alpha[j];
			sum += est[k], se2 += r.exam[j].se * r.exam[j].se;
			sq += (est[k] - tru[k]) * (est[k] - tru[k]);
			k++;
		}
		double slope, rr = corr(tru, est, k, &slope), rmse = sqrt(sq / (double)k);
		if (rr < cases[c].min_r || rmse > cases[c].max_rmse || slope < 0.85 || slope > 1.15)
			fail_msg("case %zu: r %.4f (min %.2f), rmse %.3f (max %.2f), slope %.3f", c, rr,
				 cases[c].min_r, rmse, cases[c].max_rmse, slope);
		/* centring: severities and difficulties sum to 0 */
		assert_true(fabs(sum) < 1e-9);
		double dsum = 0;
		for (size_t i = 0; i < g.n_crit; i++)
			dsum += r.crit[i].measure;
		assert_true(fabs(dsum) < 1e-9);
		/* sign: the harshest and the most lenient examiner by the truth come out so */
		size_t hi = 0, lo = 0;
		for (size_t j = 1; j < 50; j++) {
			hi = s.alpha[j] > s.alpha[hi] ? j : hi;
			lo = s.alpha[j] < s.alpha[lo] ? j : lo;
		}
		assert_true(r.exam[hi].measure > 0.3);
		assert_true(r.exam[lo].measure < -0.3);
		/* a harsh examiner gives fewer points on average than a lenient one */
		assert_true(r.exam[hi].mean_score < r.exam[lo].mean_score);
		/* fair averages: fewer expected points the harsher the examiner, within 0..max */
		for (size_t j = 0; j < 50; j++)
			for (size_t k = 0; k < 50; k++)
				if (r.exam[j].measure > r.exam[k].measure)
					assert_true(r.exam[j].fair_score < r.exam[k].fair_score);
		for (size_t n = 0; n < g.n_cand; n++)
			assert_true(r.cand[n].fair_score >= 0 && r.cand[n].fair_score <= g.max_points);
		/* difficulties in the right order, candidates recovered */
		if (g.n_crit > 1) {
			double cs;
			double de[8];
			for (size_t i = 0; i < g.n_crit; i++)
				de[i] = r.crit[i].measure;
			assert_true(corr(s.delta, de, g.n_crit, &cs) > 0.9);
		}
		double *th = arena_array(a, g.n_cand, sizeof *th), *tt = arena_array(a, g.n_cand, sizeof *tt);
		size_t kc = 0;
		for (size_t n = 0; n < g.n_cand; n++)
			if (isfinite(r.cand[n].measure))
				th[kc] = r.cand[n].measure, tt[kc++] = s.theta[n];
		assert_true(kc == g.n_cand);
		assert_true(corr(tt, th, kc, NULL) > (g.max_points > 1 ? 0.85 : 0.7));
		/* the spread: examiners clearly differ */
		assert_int_equal(r.exam_spread.count, 50);
		assert_int_equal(r.exam_spread.df, 49);
		assert_true(r.exam_spread.reliability > 0.8);
		assert_true(r.exam_spread.chi2 > 2 * 49);
		print_message(
			"mfrm case %zu (seed %llu, %s, %zu x 50 x %zu, 0..%d, keep %.0f%%): r %.4f rmse "
			"%.3f slope %.3f rms se %.3f iterations %d\n",
			c, (unsigned long long)g.seed, cases[c].model == PSY_MFRM_RSM ? "rsm" : "pcm",
			g.n_cand, g.n_crit, g.max_points, cases[c].keep * 100, rr, rmse, slope,
			sqrt(se2 / (double)k), r.iterations);
		arena_free(a);
	}
}

/* without the (L-1)/L correction the severities are stretched (JMLE's known bias); with it the slope is
 * closer to 1 */
static void test_bias_correction(void **state)
{
	(void)state;
	arena *a = arena_new();
	psy_mfrm_design g = {1000, 50, 5, 3, 20, 10, 0.5, 11};
	struct sim s;
	simulate(&s, &g, 1, a);
	psy_mfrm_data d = data_of(&s);
	psy_mfrm_result r1, r2;
	err e = {0};
	psy_mfrm_opts on = {0}, off = {.no_bias_correction = true};
	assert_int_equal(psy_mfrm(&d, &on, &r1, a, &e), 0);
	assert_int_equal(psy_mfrm(&d, &off, &r2, a, &e), 0);
	assert_true(fabs(r1.bias_factor - 14.0 / 15.0) < 1e-12);
	assert_true(r2.bias_factor == 1);
	double e1[50], e2[50], s1, s2;
	for (size_t j = 0; j < 50; j++)
		e1[j] = r1.exam[j].measure, e2[j] = r2.exam[j].measure;
	corr(s.alpha, e1, 50, &s1);
	corr(s.alpha, e2, 50, &s2);
	assert_true(fabs(s1 - 1) < fabs(s2 - 1));
	for (size_t j = 0; j < 50; j++)
		assert_true(fabs(e1[j] - e2[j] * r1.bias_factor) < 1e-9);
	/* fit is taken at the JMLE solution, so both runs report the same */
	for (size_t j = 0; j < 50; j++)
		assert_true(fabs(r1.exam[j].infit - r2.exam[j].infit) < 1e-12);
	/* deterministic */
	psy_mfrm_result r3;
	assert_int_equal(psy_mfrm(&d, &on, &r3, a, &e), 0);
	for (size_t j = 0; j < 50; j++)
		assert_true(r3.exam[j].measure == r1.exam[j].measure);
	arena_free(a);
}

/* a small design by hand: 3 examiners, 12 candidates in 3 overlapping pairs of examiners, 2 criteria;
 * examiner B gives one point less than A would on the same candidate, C one more */
static void test_hand_design(void **state)
{
	(void)state;
	arena *a = arena_new();
	enum { NC = 12, NE = 3, NI = 2 };
	uint32_t cand[NC * 2 * NI], exam[NC * 2 * NI], crit[NC * 2 * NI];
	double score[NC * 2 * NI], max[NI] = {8, 8};
	static const int base[NC] = {1, 2, 3, 4, 2, 3, 4, 5, 3, 2, 4, 3};
	static const int shift[NE] = {0, -1, 1};
	static const uint32_t pair[3][2] = {{0, 1}, {1, 2}, {0, 2}};
	size_t o = 0;
	for (uint32_t n = 0; n < NC; n++)
		for (int t = 0; t < 2; t++)
			for (uint32_t i = 0; i < NI; i++) {
				uint32_t j = pair[n % 3][t];
				cand[o] = n, exam[o] = j, crit[o] = i;
				/* criterion 1 is easier by a point; a little noise */
				int noise = (int)((n * 5 + j * 3 + i * 7) % 3) - 1;
				score[o++] = base[n] + shift[j] + (int)i + noise + 1;
			}
	psy_mfrm_data d = {o, NC, NE, NI, cand, exam, crit, score, max};
	psy_mfrm_opts op = {0};
	psy_mfrm_result r;
	err e = {0};
	if (psy_mfrm(&d, &op, &r, a, &e) != 0)
		fail_msg("%s %s", e.code, e.en);
	/* B harshest, C most lenient, A in between; centred */
	assert_true(r.exam[1].measure > r.exam[0].measure && r.exam[0].measure > r.exam[2].measure);
	assert_true(fabs(r.exam[0].measure + r.exam[1].measure + r.exam[2].measure) < 1e-9);
	/* B and C are one point off A either way: A lies near the middle */
	if (!(fabs(r.exam[0].measure) < 0.25 * (r.exam[1].measure - r.exam[2].measure)))
		fail_msg("severities A %.3f B %.3f C %.3f", r.exam[0].measure, r.exam[1].measure,
			 r.exam[2].measure);
	assert_true(r.crit[0].measure > 0 && r.crit[1].measure < 0);
	/* whole points as categories (0..8), recounted over the levels used */
	assert_true(r.points[0] == 1);
	bool used[9] = {0};
	for (size_t k = 0; k < o; k++)
		if (crit[k] == 0)
			used[(int)score[k]] = true;
	int nu = 0;
	for (int l = 0; l <= 8; l++)
		if (used[l])
			assert_int_equal(r.cat_level[r.cat_off[0] + (size_t)nu++], l);
	assert_int_equal(r.n_cat[0], nu);
	/* candidates ordered like their base scores */
	assert_true(r.cand[7].measure > r.cand[0].measure);
	arena_free(a);
}

/* points to categories: whole points up to 11 levels, banding beyond, unused levels recounted */
static void test_categories(void **state)
{
	(void)state;
	arena *a = arena_new();
	/* 6 candidates, 2 examiners both rate all, criterion 0 out of 30 (banded: 3 points a level),
	 * criterion 1 out of 4 with only 0, 2, 4 used */
	uint32_t cand[24], exam[24], crit[24];
	double score[24], max[2] = {30, 4};
	static const double s0[6] = {9, 3, 14, 22, 16, 27}, s1[6] = {0, 2, 4, 2, 4, 0};
	size_t o = 0;
	for (uint32_t n = 0; n < 6; n++)
		for (uint32_t j = 0; j < 2; j++) {
			cand[o] = n, exam[o] = j, crit[o] = 0, score[o++] = s0[n] + (j ? -1.4 : 1.4);
			cand[o] = n, exam[o] = j, crit[o] = 1, score[o++] = s1[n];
		}
	psy_mfrm_data d = {o, 6, 2, 2, cand, exam, crit, score, max};
	psy_mfrm_opts op = {0};
	psy_mfrm_result r;
	err e = {0};
	if (psy_mfrm(&d, &op, &r, a, &e) != 0)
		fail_msg("%s %s", e.code, e.en);
	assert_true(fabs(r.points[0] - 3) < 1e-12);
	/* fair averages on the points scale: criterion 0 out of 30 */
	assert_true(r.crit[0].fair_score > 3 && r.crit[0].fair_score < 27);
	assert_true(r.exam[1].fair_score < r.exam[0].fair_score);
	assert_true(r.points[1] == 1);
	assert_int_equal(r.n_cat[1], 3);
	assert_int_equal(r.cat_level[r.cat_off[1] + 0], 0);
	assert_int_equal(r.cat_level[r.cat_off[1] + 1], 2);
	assert_int_equal(r.cat_level[r.cat_off[1] + 2], 4);
	/* examiner 1 gives 2.8 points less on criterion 0: harsher */
	assert_true(r.exam[1].measure > 0 && r.exam[0].measure < 0);
	/* nobody has every rating in an extreme category: all measured in the estimation */
	for (size_t n = 0; n < 6; n++)
		assert_true(isfinite(r.cand[n].measure) && !r.cand[n].extreme);
	assert_int_equal(r.n_used, o);
	/* --max-categories 5: criterion 1 keeps whole points (5 levels), criterion 0 has 5 bands of 7.5 */
	op.max_categories = 5;
	assert_int_equal(psy_mfrm(&d, &op, &r, a, &e), 0);
	assert_true(fabs(r.points[0] - 7.5) < 1e-12);
	assert_true(r.points[1] == 1);
	arena_free(a);
}

/* an extreme candidate (full marks everywhere) is set aside, then measured above everyone else */
static void test_extremes(void **state)
{
	(void)state;
	arena *a = arena_new();
	psy_mfrm_design g = {400, 20, 4, 3, 10, 4, 0.5, 21};
	struct sim s;
	simulate(&s, &g, 1, a);
	/* candidate 5 gets full marks from everyone, candidate 6 zero; examiner 3 gives everyone full marks
	 */
	for (size_t o = 0; o < s.n; o++)
		if (s.cand[o] == 5 || s.exam[o] == 3)
			s.score[o] = 4;
		else if (s.cand[o] == 6)
			s.score[o] = 0;
	psy_mfrm_data d = data_of(&s);
	psy_mfrm_opts op = {0};
	psy_mfrm_result r;
	err e = {0};
	if (psy_mfrm(&d, &op, &r, a, &e) != 0)
		fail_msg("%s %s", e.code, e.en);
	assert_true(r.cand[5].extreme && r.cand[6].extreme);
	assert_true(isfinite(r.cand[5].measure) && isfinite(r.cand[6].measure));
	assert_true(isnan(r.cand[5].infit) && r.cand[5].se > 0);
	double top = -1e9, bottom = 1e9;
	for (size_t n = 0; n < 400; n++) {
		if (n == 5 || n == 6)
			continue;
		assert_false(r.cand[n].extreme && !isfinite(r.cand[n].measure));
		if (r.cand[n].extreme)
			continue;
		top = r.cand[n].measure > top ? r.cand[n].measure : top;
		bottom = r.cand[n].measure < bottom ? r.cand[n].measure : bottom;
	}
	assert_true(r.cand[5].measure > top);
	assert_true(r.cand[6].measure < bottom);
	assert_true(r.n_used < s.n);
	/* the examiner who gives full marks to all is the most lenient, measured though set aside */
	assert_true(r.exam[3].extreme && isfinite(r.exam[3].measure) && r.exam[3].se > 0);
	for (size_t j = 0; j < 20; j++)
		if (j != 3)
			assert_true(!r.exam[j].extreme && r.exam[j].measure > r.exam[3].measure);
	arena_free(a);
}

/* against eRm 1.0-2: the partial credit many-facet model is a linear partial credit model over virtual
 * items (examiner x criterion), which eRm::LPCM fits by conditional maximum likelihood
 * (bench/psy/erm_mfrm.R). Data: `jineng psy simulate --model mfrm --persons 1200 --examiners 12 --criteria 4
 * --max 4 --batch 100 --seed 5` (psy_mfrm_simulate below, the same ratings), 14,400 ratings, every
 * virtual item showing every category. eRm's CML severities and difficulties (sum zero), as printed: */
static const double erm_alpha[12] = {0.196532351681246,	  -0.0544354431505688, 0.0860352343419417,
				     0.00495232830639059, -0.174449334271631,  -0.296655383488825,
				     -0.484820513611623,  0.316332619968856,   -0.142069053376592,
				     0.15418767545818,	  0.214576506898294,   0.179813011244333};
static const double erm_delta[4] = {-0.522610828145607, -0.145185390451283, 0.208689087828711,
				    0.459107130768179};

static void test_erm_cml(void **state)
{
	(void)state;
	arena *a = arena_new();
	psy_mfrm_design g = {1200, 12, 4, 3, 100, 4, 0.5, 5};
	struct sim s;
	simulate(&s, &g, 1, a);
	psy_mfrm_data d = data_of(&s);
	psy_mfrm_opts on = {0}, off = {.no_bias_correction = true};
	psy_mfrm_result r, raw;
	err e = {0};
	assert_int_equal(psy_mfrm(&d, &on, &r, a, &e), 0);
	assert_int_equal(psy_mfrm(&d, &off, &raw, a, &e), 0);
	double worst = 0, worst_raw = 0;
	for (size_t j = 0; j < 12; j++) {
		double dj = fabs(r.exam[j].measure - erm_alpha[j]),
		       rj = fabs(raw.exam[j].measure - erm_alpha[j]);
		worst = dj > worst ? dj : worst;
		worst_raw = rj > worst_raw ? rj : worst_raw;
	}
	/* JMLE with the (L-1)/L correction (L = 12) agrees with CML to 3e-4; uncorrected it is 4e-2 off */
	if (worst > 0.001 || worst_raw < 0.02)
		fail_msg("max |severity - eRm|: corrected %.5f (max 0.001), uncorrected %.5f (min 0.02)",
			 worst, worst_raw);
	for (size_t i = 0; i < 4; i++)
		if (fabs(r.crit[i].measure - erm_delta[i]) > 0.005)
			fail_msg("criterion %zu: %.5f, eRm %.5f", i, r.crit[i].measure, erm_delta[i]);
	arena_free(a);
}

/* refusals, each with its code */
static void test_refusals(void **state)
{
	(void)state;
	/* two panels that share nobody: examiners 0,1 rate candidates 0..3, examiners 2,3 candidates 4..7 */
	uint32_t cand[32], exam[32], crit[32];
	double score[32], max[2] = {4, 4};
	size_t o = 0;
	for (uint32_t n = 0; n < 8; n++)
		for (uint32_t t = 0; t < 2; t++)
			for (uint32_t i = 0; i < 2; i++) {
				cand[o] = n, exam[o] = (n < 4 ? 0 : 2) + t, crit[o] = i;
				score[o++] = (double)((n + t + i) % 4) + (n % 2);
			}
	static const struct {
		const char *name;
		int edit; /* what to break */
		const char *code;
	} cases[] = {
		{"disconnected", 0, "psy_disconnected"},
		{"score above max", 1, "psy_bad_score"},
		{"negative score", 2, "psy_bad_score"},
		{"NaN score", 3, "psy_bad_score"},
		{"max 0", 4, "psy_bad_max"},
		{"element out of range", 5, "psy_bad_element"},
		{"no ratings", 6, "psy_no_data"},
		{"all the same", 7, "psy_no_variation"},
		{"rsm, unequal levels", 8, "psy_rsm_levels"},
		{"1 category", 9, "psy_bad_option"},
	};
	for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
		arena *a = arena_new();
		uint32_t cc[32], ee[32], ii[32];
		double ss[32], mm[2] = {max[0], max[1]};
		memcpy(cc, cand, sizeof cc), memcpy(ee, exam, sizeof ee), memcpy(ii, crit, sizeof ii);
		memcpy(ss, score, sizeof ss);
		psy_mfrm_data d = {o, 8, 4, 2, cc, ee, ii, ss, mm};
		psy_mfrm_opts op = {0};
		switch (cases[c].edit) {
		case 1:
			ss[3] = 5;
			break;
		case 2:
			ss[3] = -1;
			break;
		case 3:
			ss[3] = NAN;
			break;
		case 4:
			mm[1] = 0;
			break;
		case 5:
			ee[7] = 4;
			break;
		case 6:
			d.n_obs = 0;
			break;
		case 7:
			for (size_t k = 0; k < o; k++)
				ss[k] = 2;
			break;
		case 8:
			mm[1] = 6, op.model = PSY_MFRM_RSM;
			break;
		case 9:
			op.max_categories = 1;
			break;
		}
		psy_mfrm_result r;
		err e = {0};
		int rc = psy_mfrm(&d, &op, &r, a, &e);
		if (rc == 0 || strcmp(e.code, cases[c].code) != 0)
			fail_msg("%s: rc %d code %s, want %s", cases[c].name, rc, e.code, cases[c].code);
		assert_int_equal(e.status, 422);
		assert_true(e.zh[0] && e.en[0]);
		arena_free(a);
	}
	/* linking the two panels (examiner 1 also rates candidate 4) makes it estimable */
	arena *a = arena_new();
	uint32_t cc[34], ee[34], ii[34];
	double ss[34];
	memcpy(cc, cand, sizeof cand), memcpy(ee, exam, sizeof exam), memcpy(ii, crit, sizeof crit);
	memcpy(ss, score, sizeof score);
	cc[32] = 4, ee[32] = 1, ii[32] = 0, ss[32] = 2;
	cc[33] = 4, ee[33] = 1, ii[33] = 1, ss[33] = 3;
	psy_mfrm_data d = {34, 8, 4, 2, cc, ee, ii, ss, max};
	psy_mfrm_opts op = {0};
	psy_mfrm_result r;
	err e = {0};
	if (psy_mfrm(&d, &op, &r, a, &e) != 0)
		fail_msg("linked: %s %s", e.code, e.en);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_recovery),    cmocka_unit_test(test_bias_correction),
		cmocka_unit_test(test_hand_design), cmocka_unit_test(test_categories),
		cmocka_unit_test(test_extremes),    cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_erm_cml),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
