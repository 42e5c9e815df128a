/* 计算机自适应测验, 自动组卷 and 雷同卷甄别 (answer copying): simulation checks with fixed seeds. */
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include "psy/psy.h"

static psy_item *make_bank(arena *a, size_t k, uint64_t seed, int *area, int n_areas)
{
	psy_rng r;
	psy_rng_seed(&r, seed);
	psy_item *it = arena_array(a, k, sizeof *it);
	for (size_t i = 0; i < k; i++) {
		it[i].a = 0.7 + 1.3 * psy_rng_uniform(&r);
		it[i].b = 1.2 * psy_rng_normal(&r);
		if (area)
			area[i] = (int)(i % (size_t)n_areas);
	}
	return it;
}

static void test_cat_simulation(void **state)
{
	UNUSED(state);
	arena *a = arena_new();
	size_t k = 300;
	int area[300];
	double target[3] = {0.5, 0.3, 0.2};
	psy_item *it = make_bank(a, k, 11, area, 3);
	static const struct {
		size_t randomesque;
		double r_max, max_exposure, max_rmse;
	} cases[] = {
		{1, 0, 1.01, 0.35},    /* pure maximum information: some items go to everyone */
		{5, 0, 0.75, 0.35},    /* randomesque spreads exposure */
		{1, 0.25, 0.32, 0.36}, /* Sympson-Hetter holds the maximum near r_max */
	};
	for (size_t c = 0; c < ARRAY_LEN(cases); c++) {
		psy_cat_opts o = {.se_stop = 0.3,
				  .max_len = 30,
				  .min_len = 5,
				  .randomesque = cases[c].randomesque,
				  .r_max = cases[c].r_max,
				  .sh_rounds = 8,
				  .sh_sims = 500,
				  .area = area,
				  .n_areas = 3,
				  .area_target = target};
		psy_cat_sim s;
		err e = {0};
		assert_int_equal(psy_cat_simulate(k, it, &o, 1000, 5, &s, a, &e), 0);
		if (fabs(s.bias) > 0.06 || s.rmse > cases[c].max_rmse ||
		    s.max_exposure > cases[c].max_exposure)
			fail_msg("case %zu: bias %.3f rmse %.3f max exposure %.3f", c, s.bias, s.rmse,
				 s.max_exposure);
		assert_true(s.mean_len >= 5 && s.mean_len <= 30);
		assert_true(s.overlap > 0 && s.overlap < 1);
		/* the same seed gives the same run */
		psy_cat_sim s2;
		assert_int_equal(psy_cat_simulate(k, it, &o, 1000, 5, &s2, a, &e), 0);
		assert_true(s.rmse == s2.rmse && s.max_exposure == s2.max_exposure);
	}
	/* content balancing: a 10-item test follows the 50/30/20 target */
	psy_rng rng;
	psy_rng_seed(&rng, 1);
	psy_cat_opts o = {.randomesque = 1, .area = area, .n_areas = 3, .area_target = target};
	bool used[300] = {false};
	size_t given[10];
	int per[3] = {0};
	for (size_t n = 0; n < 10; n++) {
		given[n] = psy_cat_next(k, it, &o, used, given, n, 0.0, NULL, NULL, &rng);
		assert_true(given[n] < k);
		per[area[given[n]]]++;
	}
	assert_int_equal(per[0], 5);
	assert_int_equal(per[1], 3);
	assert_int_equal(per[2], 2);
	/* an exhausted bank ends the test */
	bool all[3] = {true, true, true};
	psy_cat_opts o2 = {.randomesque = 1};
	assert_true(psy_cat_next(3, it, &o2, all, given, 0, 0.0, NULL, NULL, &rng) == (size_t)-1);
	err e = {0};
	psy_cat_sim s;
	assert_int_equal(psy_cat_simulate(0, it, &o2, 10, 1, &s, a, &e), -1);
	arena_free(a);
}

static void test_assembly(void **state)
{
	UNUSED(state);
	arena *a = arena_new();
	size_t n = 240;
	psy_item *it = make_bank(a, n, 21, NULL, 0);
	psy_ata_item *bank = arena_array(a, n, sizeof *bank);
	for (size_t i = 0; i < n; i++)
		bank[i] = (psy_ata_item){.area = (int)(i % 3),
					 .type = (int)(i % 2),
					 .enemy = i < 40 ? (int)(i / 4) : -1,
					 .a = it[i].a,
					 .b = it[i].b};
	static const int count[6] = {4, 3, 4, 3, 3, 3}; /* (area, type) cells: 20 items */
	double th[5] = {-2, -1, 0, 1, 2}, tg[5];
	for (int j = 0; j < 5; j++) {
		tg[j] = 0;
		for (size_t i = 0; i < n; i++)
			tg[j] += psy_info(&it[i], th[j]) * 20 / (double)n;
	}
	psy_ata_opts o = {.n_forms = 4,
			  .n_areas = 3,
			  .n_types = 2,
			  .count = count,
			  .n_theta = 5,
			  .theta = th,
			  .target = tg,
			  .max_overlap = 3,
			  .max_uses = 2,
			  .iterations = 3000,
			  .seed = 7};
	psy_ata_result r;
	err e = {0};
	assert_int_equal(psy_assemble(n, bank, &o, &r, a, &e), 0);
	assert_int_equal(r.form_len, 20);
	assert_true(r.max_pair_overlap <= 3);
	int uses[240] = {0};
	for (size_t f = 0; f < 4; f++) {
		int cells[6] = {0};
		for (size_t s = 0; s < 20; s++) {
			size_t i = r.forms[f * 20 + s];
			cells[bank[i].area * 2 + bank[i].type]++;
			uses[i]++;
			for (size_t t = 0; t < s; t++) {
				size_t j = r.forms[f * 20 + t];
				assert_true(i != j);
				assert_false(bank[i].enemy >= 0 && bank[i].enemy == bank[j].enemy);
			}
		}
		assert_memory_equal(cells, count, sizeof cells);
		assert_true(r.deviation[f] < 0.1 * tg[2]); /* within 10% of the target's peak */
	}
	for (size_t i = 0; i < n; i++)
		assert_true(uses[i] <= 2);
	/* an impossible blueprint fails cleanly */
	static const int too_many[6] = {100, 0, 0, 0, 0, 0};
	o.count = too_many;
	assert_int_equal(psy_assemble(n, bank, &o, &r, a, &e), -1);
	assert_string_equal(e.code, "psy_infeasible");
	arena_free(a);
}

/* candidates answer 4-option items: right with the 2PL probability, else a random distractor with
 * item-specific attractiveness; then copiers copy a share of their source's answers */
static void test_collusion(void **state)
{
	UNUSED(state);
	arena *a = arena_new();
	size_t n = 600, k = 60;
	psy_item *it = make_bank(a, k, 31, NULL, 0);
	int8_t *x = arena_array(a, n * k, 1), key[60];
	psy_rng r;
	psy_rng_seed(&r, 8);
	for (size_t i = 0; i < k; i++)
		key[i] = (int8_t)(i % 4);
	for (size_t p = 0; p < n; p++) {
		double th = psy_rng_normal(&r);
		for (size_t i = 0; i < k; i++) {
			if (psy_rng_uniform(&r) < psy_prob(&it[i], th)) {
				x[p * k + i] = key[i];
			} else {
				double u = psy_rng_uniform(&r); /* distractors with shares .5, .3, .2 */
				int d = u < 0.5 ? 1 : u < 0.8 ? 2 : 3;
				x[p * k + i] = (int8_t)((key[i] + d) % 4);
			}
			if (psy_rng_uniform(&r) < 0.02)
				x[p * k + i] = PSY_NA;
		}
	}
	static const struct {
		size_t src, copier;
		double share;
	} copies[] = {{10, 20, 0.7}, {100, 400, 0.5}, {250, 251, 0.8}};
	for (size_t c = 0; c < ARRAY_LEN(copies); c++)
		for (size_t i = 0; i < k; i++)
			if (psy_rng_uniform(&r) < copies[c].share)
				x[copies[c].copier * k + i] = x[copies[c].src * k + i];
	psy_pair out[100];
	size_t nf, np;
	err e = {0};
	psy_collusion_opts o = {.q = 0.05};
	assert_int_equal(psy_collusion(n, k, x, key, 4, &o, out, 100, &nf, &np, a, &e), 0);
	assert_int_equal(np, n * (n - 1) / 2);
	for (size_t c = 0; c < ARRAY_LEN(copies); c++) {
		bool found = false;
		for (size_t j = 0; j < nf; j++)
			found |= out[j].a == copies[c].src && out[j].b == copies[c].copier;
		if (!found)
			fail_msg("copying pair %zu-%zu not flagged (%zu flagged)", copies[c].src,
				 copies[c].copier, nf);
	}
	assert_true(nf <= ARRAY_LEN(copies) + 2); /* BH at 5%: few false discoveries */
	for (size_t j = 1; j < nf; j++)
		assert_true(out[j - 1].p <= out[j].p);
	/* threads agree */
	psy_pair out1[100];
	size_t nf1, np1;
	psy_collusion_opts o1 = {.q = 0.05, .threads = 1};
	assert_int_equal(psy_collusion(n, k, x, key, 4, &o1, out1, 100, &nf1, &np1, a, &e), 0);
	assert_int_equal(nf1, nf);
	for (size_t j = 0; j < nf; j++)
		assert_true(out1[j].a == out[j].a && out1[j].b == out[j].b && out1[j].omega == out[j].omega);
	/* edge cases */
	assert_int_equal(psy_collusion(1, k, x, key, 4, &o, out, 100, &nf, &np, a, &e), -1);
	err_clear(&e);
	int8_t badkey[60];
	memset(badkey, 5, sizeof badkey);
	assert_int_equal(psy_collusion(n, k, x, badkey, 4, &o, out, 100, &nf, &np, a, &e), -1);
	arena_free(a);
}

/* per-candidate forms: each candidate sees 30 of 60 items (the rest not presented). A copier copying
 * its source on the items they share is flagged; two candidates whose forms share no item never are,
 * however alike their answers look in other columns. */
static void test_collusion_forms(void **state)
{
	UNUSED(state);
	arena *a = arena_new();
	size_t n = 300, k = 60;
	psy_item *it = make_bank(a, k, 41, NULL, 0);
	int8_t *x = arena_array(a, n * k, 1), key[60];
	psy_rng r;
	psy_rng_seed(&r, 19);
	for (size_t i = 0; i < k; i++)
		key[i] = (int8_t)((i * 7) % 4);
	for (size_t p = 0; p < n; p++) {
		double th = psy_rng_normal(&r);
		size_t first = psy_rng_below(&r, k); /* a window of 30 items, wrapping */
		for (size_t i = 0; i < k; i++) {
			bool on = (i + k - first) % k < 30;
			if (!on)
				x[p * k + i] = PSY_NA;
			else if (psy_rng_uniform(&r) < psy_prob(&it[i], th))
				x[p * k + i] = key[i];
			else
				x[p * k + i] = (int8_t)((key[i] + 1 + psy_rng_below(&r, 3)) % 4);
		}
	}
	/* 5 copies 7's answers on every item both were given (same form) */
	for (size_t i = 0; i < k; i++)
		x[5 * k + i] = x[7 * k + i];
	/* 40 and 41 have disjoint forms (0..29 and 30..59) and answer every item with the same option */
	for (size_t i = 0; i < k; i++) {
		x[40 * k + i] = i < 30 ? (int8_t)((key[i] + 1) % 4) : PSY_NA;
		x[41 * k + i] = i < 30 ? PSY_NA : (int8_t)((key[i] + 1) % 4);
	}
	psy_pair out[100];
	size_t nf, np;
	err e = {0};
	psy_collusion_opts o = {.q = 0.05};
	assert_int_equal(psy_collusion(n, k, x, key, 4, &o, out, 100, &nf, &np, a, &e), 0);
	bool copier = false;
	for (size_t j = 0; j < nf; j++) {
		copier |= out[j].a == 5 && out[j].b == 7;
		assert_false(out[j].a == 40 && out[j].b == 41);
	}
	assert_true(copier);
	assert_true(nf <= 3);
	/* per-item option counts: with every item at 4 of 4 nothing changes; an option beyond an item's own
	 * count is refused */
	int8_t four[60], two[60];
	memset(four, 4, sizeof four);
	memset(two, 2, sizeof two);
	psy_pair out2[100];
	size_t nf2, np2;
	psy_collusion_opts o4 = {.q = 0.05, .item_options = four}, o2 = {.q = 0.05, .item_options = two};
	assert_int_equal(psy_collusion(n, k, x, key, 4, &o4, out2, 100, &nf2, &np2, a, &e), 0);
	assert_int_equal(nf2, nf);
	for (size_t j = 0; j < nf; j++)
		assert_true(out2[j].a == out[j].a && out2[j].b == out[j].b && out2[j].omega == out[j].omega);
	assert_int_equal(psy_collusion(n, k, x, key, 4, &o2, out2, 100, &nf2, &np2, a, &e), -1);
	assert_string_equal(e.code, "psy_bad_option");
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cat_simulation),
		cmocka_unit_test(test_assembly),
		cmocka_unit_test(test_collusion),
		cmocka_unit_test(test_collusion_forms),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
