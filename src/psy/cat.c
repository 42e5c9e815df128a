/* cat.c: computerised adaptive testing. Maximum Fisher information at the current EAP estimate, with
 *  - content balancing (Kingsbury & Zara 1989): the next item comes from the knowledge area whose share of
 *    the test so far falls furthest below its target share;
 *  - randomesque exposure control (Kingsbury & Zara): a random pick among the `randomesque` most
 *    informative items of that area;
 *  - Sympson-Hetter exposure control: a selected item is given with probability K_i, else it is set aside
 *    for this candidate and the selection repeats. K_i is calibrated by iterated simulation:
 *    K_i <- min(1, r_max / P(selected)), P(selected) being the share of simulees for whom the item was
 *    selected in the previous round.
 * Stopping: SE(θ) <= se_stop after at least min_len items, or max_len items, or an empty bank. */
#include "util/common.h"
#include "psy/psy_int.h"

#define CAT_Q 61

size_t psy_cat_next(size_t k, const psy_item *items, const psy_cat_opts *o, bool *used, const size_t *given,
		    size_t n_given, double theta, const double *k_sh, size_t *sel, psy_rng *rng)
{
	size_t r = o->randomesque ? o->randomesque : 1;
	if (r > 64)
		r = 64;
	for (;;) {
		int want = -1;
		if (o->area && o->n_areas > 0) {
			/* area with the largest deficit that still has items */
			double best = -INFINITY;
			for (int ar = 0; ar < o->n_areas; ar++) {
				bool avail = false;
				for (size_t i = 0; i < k && !avail; i++)
					avail = !used[i] && o->area[i] == ar;
				if (!avail)
					continue;
				size_t have = 0;
				for (size_t g = 0; g < n_given; g++)
					have += o->area[given[g]] == ar;
				double target = o->area_target ? o->area_target[ar] : 1.0 / o->n_areas;
				double deficit = target * (double)(n_given + 1) - (double)have;
				if (deficit > best)
					best = deficit, want = ar;
			}
		}
		/* the r most informative eligible items, by insertion into a small sorted list */
		size_t top[64], nt = 0;
		double topi[64];
		for (size_t i = 0; i < k; i++) {
			if (used[i] || (want >= 0 && o->area[i] != want))
				continue;
			double inf = psy_info(&items[i], theta);
			if (nt == r && inf <= topi[nt - 1])
				continue;
			size_t pos = nt < r ? nt++ : r - 1;
			while (pos > 0 && topi[pos - 1] < inf) {
				top[pos] = top[pos - 1], topi[pos] = topi[pos - 1];
				pos--;
			}
			top[pos] = i, topi[pos] = inf;
		}
		if (nt == 0)
			return (size_t)-1;
		size_t pick = top[nt == 1 ? 0 : psy_rng_below(rng, nt)];
		if (sel)
			sel[pick]++;
		used[pick] = true;
		if (!k_sh || psy_rng_uniform(rng) <= k_sh[pick])
			return pick;
		/* set aside by the Sympson-Hetter lottery: choose again */
	}
}

/* EAP and posterior SD from the given items only */
static void eap_given(const psy_item *items, const size_t *given, const int8_t *resp, size_t n, double *th,
		      double *se)
{
	double lw[CAT_Q], mx = -INFINITY;
	for (int q = 0; q < CAT_Q; q++) {
		double t = PSY_THETA_MIN + (PSY_THETA_MAX - PSY_THETA_MIN) * q / (CAT_Q - 1),
		       l = -0.5 * t * t;
		for (size_t g = 0; g < n; g++) {
			double P = psy_prob(&items[given[g]], t);
			P = fmin(fmax(P, 1e-300), 1 - 1e-16);
			l += resp[g] ? log(P) : log1p(-P);
		}
		lw[q] = l;
		mx = fmax(mx, l);
	}
	double s0 = 0, s1 = 0, s2 = 0;
	for (int q = 0; q < CAT_Q; q++) {
		double t = PSY_THETA_MIN + (PSY_THETA_MAX - PSY_THETA_MIN) * q / (CAT_Q - 1),
		       w = exp(lw[q] - mx);
		s0 += w, s1 += w * t, s2 += w * t * t;
	}
	*th = s1 / s0;
	double v = s2 / s0 - *th * *th;
	*se = v > 0 ? sqrt(v) : 0;
}

struct cat_run {
	ksum bias, sq, len, se;
	size_t *given_count; /* administered per item */
};

static void run_sims(size_t k, const psy_item *items, const psy_cat_opts *o, size_t n_sim, psy_rng *rng,
		     const double *k_sh, size_t *sel, struct cat_run *run, arena *a)
{
	bool *used = arena_array(a, k, sizeof *used);
	size_t maxl = o->max_len && o->max_len < k ? o->max_len : k;
	size_t *given = arena_array(a, maxl, sizeof *given);
	int8_t *resp = arena_array(a, maxl, 1);
	for (size_t s = 0; s < n_sim; s++) {
		double truth = psy_rng_normal(rng), th = 0, se = INFINITY;
		memset(used, 0, k * sizeof *used);
		size_t n = 0;
		while (n < maxl) {
			if (n >= o->min_len && se <= o->se_stop)
				break;
			size_t i = psy_cat_next(k, items, o, used, given, n, th, k_sh, sel, rng);
			if (i == (size_t)-1)
				break;
			given[n] = i;
			resp[n] = (int8_t)(psy_rng_uniform(rng) < psy_prob(&items[i], truth));
			n++;
			eap_given(items, given, resp, n, &th, &se);
			run->given_count[i]++;
		}
		ksum_add(&run->bias, th - truth);
		ksum_add(&run->sq, (th - truth) * (th - truth));
		ksum_add(&run->len, (double)n);
		ksum_add(&run->se, se);
	}
}

int psy_cat_simulate(size_t k, const psy_item *items, const psy_cat_opts *o, size_t n_sim, uint64_t seed,
		     psy_cat_sim *out, arena *a, err *e)
{
	memset(out, 0, sizeof *out);
	if (k == 0 || n_sim == 0)
		return PSY_ERR(e, "psy_empty", "题库为空或模拟人数为 0",
			       "the bank is empty or no simulees were asked for");
	if (!(o->se_stop >= 0) || (o->r_max < 0 || o->r_max > 1))
		return PSY_ERR(e, "psy_bad_option", "CAT 参数无效", "invalid CAT settings");
	for (size_t i = 0; i < k; i++)
		if (!(items[i].a > 0) || !isfinite(items[i].b))
			return PSY_ERR(e, "psy_bad_item", "第 %zu 题的参数无效",
				       "item %zu has invalid parameters", i + 1);
	if (o->area)
		for (size_t i = 0; i < k; i++)
			if (o->area[i] < 0 || o->area[i] >= o->n_areas)
				return PSY_ERR(e, "psy_bad_item", "第 %zu 题的知识领域无效",
					       "item %zu has an invalid area", i + 1);
	psy_rng rng;
	psy_rng_seed(&rng, seed);
	double *K = arena_array(a, k, sizeof *K);
	for (size_t i = 0; i < k; i++)
		K[i] = 1;
	size_t *sel = arena_array(a, k, sizeof *sel);
	if (o->r_max > 0) {
		int rounds = o->sh_rounds > 0 ? o->sh_rounds : 10;
		size_t sims = o->sh_sims ? o->sh_sims : 1000;
		for (int rd = 0; rd < rounds; rd++) {
			memset(sel, 0, k * sizeof *sel);
			struct cat_run run = {.given_count = arena_array(a, k, sizeof(size_t))};
			run_sims(k, items, o, sims, &rng, K, sel, &run, a);
			for (size_t i = 0; i < k; i++) {
				double ps = (double)sel[i] / (double)sims;
				K[i] = ps > o->r_max ? o->r_max / ps : 1;
			}
		}
	}
	struct cat_run run = {.given_count = arena_array(a, k, sizeof(size_t))};
	run_sims(k, items, o, n_sim, &rng, o->r_max > 0 ? K : NULL, NULL, &run, a);
	double N = (double)n_sim;
	out->n = n_sim;
	out->bias = ksum_get(&run.bias) / N;
	out->rmse = sqrt(ksum_get(&run.sq) / N);
	out->mean_len = ksum_get(&run.len) / N;
	out->mean_se = ksum_get(&run.se) / N;
	out->exposure = arena_array(a, k, sizeof(double));
	out->k_sh = K;
	ksum ov = {0};
	for (size_t i = 0; i < k; i++) {
		double c = (double)run.given_count[i];
		out->exposure[i] = c / N;
		out->max_exposure = fmax(out->max_exposure, c / N);
		out->unused_items += run.given_count[i] == 0;
		ksum_add(&ov, c * (c - 1));
	}
	/* mean items shared by two simulees over the mean test length (exact, from the exposure counts) */
	out->overlap = n_sim > 1 && out->mean_len > 0 ? ksum_get(&ov) / (N * (N - 1)) / out->mean_len : 0;
	return 0;
}
