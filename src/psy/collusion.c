/* collusion.c: answer-copying indices for every pair of candidates of one sitting.
 *
 * Wollack's (1997) ω with option probabilities taken, instead of from a nominal response model, from the
 * empirical option proportions of the copier's score group (persons split into `groups` groups of equal
 * size by number-correct score; proportions smoothed by adding 0.5 to each option's count). For copier c
 * and source s, over the items s answered:
 *     h = identical answers,   E = Σ_i π(g_c, i, x_si),   V = Σ_i π(1 - π),   ω = (h - E) / √V.
 * Both directions are computed; the larger ω is reported with p = min(1, 2 (1 - Φ(ω))) (Bonferroni for
 * the two directions). Pairs are flagged by the Benjamini-Hochberg procedure at false discovery rate q
 * over all n(n-1)/2 pairs: only pairs with p <= q can be rejected, so only those are kept and sorted. */
#include "util/common.h"
#include "psy/psy_int.h"
#include <pthread.h>

struct col_ctx {
	size_t n, k;
	const int8_t *opt, *key;
	const int *grp;
	const double *E, *V; /* n x G: expected matches and variance if person s is the source for group g */
	int G;
	double q, wmin;
	int T, t;
	bool sparse; /* some cells are not presented: expectations over the items both persons answered */
	const double *pi; /* smoothed option proportions [group][item][option] */
	size_t no;
	psy_pair *cand; /* grown with xrealloc by the thread */
	size_t nc, cap;
};

static void *col_thread(void *arg)
{
	struct col_ctx *c = arg;
	size_t n = c->n, k = c->k;
	for (size_t a = (size_t)c->t; a < n; a += (size_t)c->T) {
		const int8_t *xa = c->opt + a * k;
		for (size_t b = a + 1; b < n; b++) {
			const int8_t *xb = c->opt + b * k;
			unsigned same = 0, wrong = 0;
			for (size_t i = 0; i < k; i++) {
				unsigned eq = xa[i] == xb[i] && xa[i] >= 0;
				same += eq;
				wrong += eq & (xa[i] != c->key[i]);
			}
			/* b copying from a, and a copying from b */
			double Eab, Vab, Eba, Vba;
			if (c->sparse) {
				/* different forms (or omissions): only the items both answered can match */
				ksum ea = {0}, va = {0}, eb = {0}, vb = {0};
				const double *pa = c->pi + (size_t)c->grp[a] * k * c->no,
					     *pb = c->pi + (size_t)c->grp[b] * k * c->no;
				for (size_t i = 0; i < k; i++) {
					if (xa[i] < 0 || xb[i] < 0)
						continue;
					double p1 = pb[i * c->no + (size_t)xa[i]],
					       p2 = pa[i * c->no + (size_t)xb[i]];
					ksum_add(&ea, p1);
					ksum_add(&va, p1 * (1 - p1));
					ksum_add(&eb, p2);
					ksum_add(&vb, p2 * (1 - p2));
				}
				Eab = ksum_get(&ea);
				Vab = ksum_get(&va);
				Eba = ksum_get(&eb);
				Vba = ksum_get(&vb);
			} else {
				Eab = c->E[a * (size_t)c->G + (size_t)c->grp[b]];
				Vab = c->V[a * (size_t)c->G + (size_t)c->grp[b]];
				Eba = c->E[b * (size_t)c->G + (size_t)c->grp[a]];
				Vba = c->V[b * (size_t)c->G + (size_t)c->grp[a]];
			}
			double w1 = Vab > 0 ? (same - Eab) / sqrt(Vab) : 0,
			       w2 = Vba > 0 ? (same - Eba) / sqrt(Vba) : 0;
			double w = w1 > w2 ? w1 : w2;
			if (w < c->wmin)
				continue; /* p >= 2(1 - Φ(1.5)) = 0.13 > q */
			double p = fmin(1, erfc(w / M_SQRT2));
			if (p > c->q)
				continue;
			if (c->nc == c->cap) {
				c->cap = c->cap ? c->cap * 2 : 1024;
				c->cand = xrealloc(c->cand, c->cap * sizeof *c->cand);
			}
			c->cand[c->nc++] = (psy_pair){.a = a,
						      .b = b,
						      .identical = same,
						      .identical_wrong = wrong,
						      .omega = w,
						      .p = p};
		}
	}
	return NULL;
}

static int cmp_p(const void *x, const void *y)
{
	const psy_pair *a = x, *b = y;
	if (a->p != b->p)
		return a->p < b->p ? -1 : 1;
	return a->a != b->a ? (a->a < b->a ? -1 : 1) : (a->b < b->b ? -1 : a->b > b->b);
}

static int cmp_u64(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
	return a < b ? -1 : a > b;
}

int psy_collusion(size_t n, size_t k, const int8_t *opt, const int8_t *key, int n_opt,
		  const psy_collusion_opts *o, psy_pair *out, size_t cap, size_t *n_flagged, size_t *n_pairs,
		  arena *a, err *e)
{
	*n_flagged = 0;
	*n_pairs = 0;
	if (n < 2 || k == 0)
		return PSY_ERR(e, "psy_empty", "至少需要 2 名考生和 1 道题",
			       "at least 2 candidates and 1 item are needed");
	if (n_opt < 2 || n_opt > 8)
		return PSY_ERR(e, "psy_bad_options", "选项数应为 2 到 8",
			       "the number of options must be 2 to 8");
	double q = o && o->q > 0 ? o->q : 0.05;
	int G = o && o->groups > 0 ? o->groups : 10;
	if ((size_t)G > n)
		G = (int)n;
	int T = o && o->threads > 0 ? o->threads : 2;
	if (T > 16)
		T = 16;
	for (size_t i = 0; i < k; i++)
		if (key[i] < 0 || key[i] >= n_opt)
			return PSY_ERR(e, "psy_bad_key", "第 %zu 题的答案不在选项范围内",
				       "the key of item %zu is not one of the options", i + 1);
	/* score groups of equal size by number correct (ties broken by row order) */
	uint64_t *rank = arena_array(a, n, sizeof *rank);
	for (size_t p = 0; p < n; p++) {
		uint32_t s = 0;
		for (size_t i = 0; i < k; i++) {
			int8_t x = opt[p * k + i];
			int lim =
				o && o->item_options && o->item_options[i] >= 2 && o->item_options[i] <= n_opt
					? o->item_options[i]
					: n_opt;
			if (x != PSY_NA && (x < 0 || x >= lim))
				return PSY_ERR(e, "psy_bad_option", "第 %zu 人第 %zu 题的选项超出范围",
					       "person %zu, item %zu: option out of range", p + 1, i + 1);
			s += x == key[i];
		}
		rank[p] = (uint64_t)s << 32 | (uint32_t)p;
	}
	qsort(rank, n, sizeof *rank, cmp_u64);
	int *grp = arena_array(a, n, sizeof *grp);
	size_t *gsize = arena_array(a, (size_t)G, sizeof *gsize);
	for (size_t r = 0; r < n; r++) {
		int g = (int)(r * (size_t)G / n);
		grp[(uint32_t)rank[r]] = g;
		gsize[g]++;
	}
	bool sparse = false;
	for (size_t c = 0; c < n * k && !sparse; c++)
		sparse = opt[c] == PSY_NA;
	/* option proportions per group and item, smoothed */
	size_t no = (size_t)n_opt;
	double *pi = arena_array(a, psy_mul(psy_mul((size_t)G, k), no), sizeof *pi);
	for (size_t p = 0; p < n; p++)
		for (size_t i = 0; i < k; i++)
			if (opt[p * k + i] != PSY_NA)
				pi[((size_t)grp[p] * k + i) * no + (size_t)opt[p * k + i]] += 1;
	for (int g = 0; g < G; g++)
		for (size_t i = 0; i < k; i++) {
			/* only the item's own options take the +0.5 (a true/false item has 2 of n_opt) */
			size_t ni =
				o && o->item_options && o->item_options[i] >= 2 && o->item_options[i] <= n_opt
					? (size_t)o->item_options[i]
					: no;
			double *row = pi + ((size_t)g * k + i) * no, tot = 0;
			for (size_t c = 0; c < ni; c++)
				tot += row[c] + 0.5;
			for (size_t c = 0; c < ni; c++)
				row[c] = (row[c] + 0.5) / tot;
		}
	double *E = arena_array(a, psy_mul(n, (size_t)G), sizeof *E),
	       *V = arena_array(a, psy_mul(n, (size_t)G), sizeof *V);
	for (size_t s = 0; s < n; s++)
		for (int g = 0; g < G; g++) {
			ksum es = {0}, vs = {0};
			for (size_t i = 0; i < k; i++) {
				int8_t x = opt[s * k + i];
				if (x == PSY_NA)
					continue;
				double pr = pi[((size_t)g * k + i) * no + (size_t)x];
				ksum_add(&es, pr);
				ksum_add(&vs, pr * (1 - pr));
			}
			E[s * (size_t)G + (size_t)g] = ksum_get(&es);
			V[s * (size_t)G + (size_t)g] = ksum_get(&vs);
		}
	struct col_ctx ctx[16];
	pthread_t tid[16];
	bool started[16] = {false};
	for (int t = 0; t < T; t++) {
		ctx[t] = (struct col_ctx){.n = n,
					  .k = k,
					  .opt = opt,
					  .key = key,
					  .grp = grp,
					  .E = E,
					  .V = V,
					  .G = G,
					  .q = q,
					  .wmin = q <= 0.13 ? 1.5 : -INFINITY,
					  .T = T,
					  .t = t,
					  .sparse = sparse,
					  .pi = pi,
					  .no = no};
		if (t > 0)
			started[t] = pthread_create(&tid[t], NULL, col_thread, &ctx[t]) == 0;
	}
	col_thread(&ctx[0]);
	for (int t = 1; t < T; t++) {
		if (started[t])
			pthread_join(tid[t], NULL);
		else
			col_thread(&ctx[t]);
	}
	size_t nc = 0;
	for (int t = 0; t < T; t++)
		nc += ctx[t].nc;
	psy_pair *all = arena_array(a, nc ? nc : 1, sizeof *all);
	for (int t = 0, off = 0; t < T; t++) {
		if (ctx[t].nc)
			memcpy(all + off, ctx[t].cand, ctx[t].nc * sizeof *all);
		off += (int)ctx[t].nc;
		free(ctx[t].cand);
	}
	qsort(all, nc, sizeof *all, cmp_p);
	double m = (double)n * (double)(n - 1) / 2;
	*n_pairs = (size_t)m;
	size_t reject = 0;
	for (size_t j = 0; j < nc; j++)
		if (all[j].p <= (double)(j + 1) * q / m)
			reject = j + 1;
	for (size_t j = 0; j < reject; j++)
		all[j].flagged = true;
	*n_flagged = reject;
	for (size_t j = 0; j < reject && j < cap; j++)
		out[j] = all[j];
	return 0;
}
