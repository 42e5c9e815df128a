/* rasch.c: the Rasch model by conditional maximum likelihood (CML).
 *
 * Persons are grouped by the set of items they were presented (one group for complete data). Within a
 * group of m items, the elementary symmetric functions γ_r of ε_i = exp(-β_i) are computed by the
 * summation algorithm in normalised form g_r = γ_r / C(m, r), which never overflows for hundreds of items:
 *     g_r <- g_r (t - r) / t + ε g_{r-1} r / t      when the t-th item is added.
 * P(x_i = 1 | r) = π_i(r) = ε_i γ^(i)_{r-1} / γ_r = ε_i g^(i)_{r-1} (r / m) / g_r, with g^(i) the
 * functions without item i, and for i ≠ j
 *     π_ij(r) = (ε_i π_j(r) - ε_j π_i(r)) / (ε_i - ε_j),
 * computed directly from the functions without i and j when ε_i and ε_j are within 0.1% of each other.
 * Newton-Raphson on the conditional log-likelihood with the constraint Σβ = 0. */
#include "util/common.h"
#include "psy/psy_int.h"

struct group {
	size_t m;      /* items presented */
	size_t *items; /* their indices */
	double *nr;    /* persons at each raw score 0..m (extremes are not counted) */
	size_t n_persons;
	uint64_t hash;
	const int8_t *mask; /* k bytes: 1 when presented */
};

/* normalised ESF of eps[0..m) skipping index `skip1` and `skip2` (pass (size_t)-1 for none) into g[0..] */
static size_t esf(const double *eps, size_t m, size_t skip1, size_t skip2, double *g)
{
	size_t t = 0;
	g[0] = 1;
	for (size_t u = 0; u < m; u++) {
		if (u == skip1 || u == skip2)
			continue;
		t++;
		double e = eps[u], inv = 1.0 / (double)t;
		g[t] = e * g[t - 1]; /* r = t: old g_t = 0 */
		for (size_t r = t - 1; r >= 1; r--)
			g[r] = g[r] * (double)(t - r) * inv + e * g[r - 1] * (double)r * inv;
		/* r = 0: g_0 (t - 0)/t = g_0 stays 1 */
	}
	return t;
}

static double lchoose(size_t m, size_t r)
{
	return lgamma((double)m + 1) - lgamma((double)r + 1) - lgamma((double)(m - r) + 1);
}

struct cml_work {
	size_t k;
	double *grad, *H, *eps, *pi, *g, *gi, *geps;
};

/* adds group G's contribution to the log-likelihood, gradient and (when H) the Hessian of -L */
static double group_terms(const struct group *G, const double *beta, struct cml_work *w, bool hess)
{
	size_t m = G->m, k = w->k;
	double *eps = w->geps, *g = w->g, *gi = w->gi, *pi = w->pi;
	for (size_t u = 0; u < m; u++)
		eps[u] = exp(-beta[G->items[u]]);
	esf(eps, m, (size_t)-1, (size_t)-1, g);
	ksum ll = {0};
	for (size_t r = 1; r < m; r++)
		if (G->nr[r] > 0)
			ksum_add(&ll, -G->nr[r] * (log(g[r]) + lchoose(m, r)));
	/* π_u(r) for every item of the group */
	for (size_t u = 0; u < m; u++) {
		esf(eps, m, u, (size_t)-1, gi);
		for (size_t r = 1; r < m; r++)
			pi[u * m + r] = eps[u] * gi[r - 1] * ((double)r / (double)m) / g[r];
		ksum gs = {0};
		for (size_t r = 1; r < m; r++)
			ksum_add(&gs, G->nr[r] * pi[u * m + r]);
		w->grad[G->items[u]] += ksum_get(&gs);
	}
	if (!hess)
		return ksum_get(&ll);
	for (size_t u = 0; u < m; u++) {
		size_t iu = G->items[u];
		ksum dsum = {0};
		for (size_t r = 1; r < m; r++)
			ksum_add(&dsum, G->nr[r] * pi[u * m + r] * (1 - pi[u * m + r]));
		w->H[iu * k + iu] += ksum_get(&dsum);
		for (size_t v = u + 1; v < m; v++) {
			size_t iv = G->items[v];
			double eu = eps[u], ev = eps[v];
			bool close = fabs(eu - ev) < 1e-3 * fmax(eu, ev);
			if (close)
				esf(eps, m, u, v, gi);
			ksum s = {0};
			for (size_t r = 1; r < m; r++) {
				if (!(G->nr[r] > 0))
					continue;
				double pij;
				if (close)
					pij = r >= 2 ? eu * ev * gi[r - 2] * ((double)r * (double)(r - 1)) /
							       ((double)m * (double)(m - 1)) / g[r]
						     : 0;
				else
					pij = (eu * pi[v * m + r] - ev * pi[u * m + r]) / (eu - ev);
				ksum_add(&s, G->nr[r] * (pij - pi[u * m + r] * pi[v * m + r]));
			}
			/* the Hessian of L has Σ n_r (π_i π_j - π_ij); H here holds -Hessian */
			w->H[iu * k + iv] += ksum_get(&s);
			w->H[iv * k + iu] += ksum_get(&s);
		}
	}
	return ksum_get(&ll);
}

static uint64_t hash_mask(const int8_t *row, size_t k)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < k; i++) {
		h ^= (uint64_t)(row[i] != PSY_NA);
		h *= 1099511628211ULL;
	}
	return h;
}

/* groups persons by presented-item set with an open-addressing table; fills gid[p] */
static size_t make_groups(const psy_data *d, struct group **out, size_t *gid, arena *a)
{
	size_t n = d->n, k = d->k, cap = 64, ng = 0, tsize = 128;
	struct group *G = arena_array(a, cap, sizeof *G);
	size_t *table = arena_array(a, tsize, sizeof *table); /* group index + 1 */
	for (size_t p = 0; p < n; p++) {
		const int8_t *row = d->x + p * k;
		uint64_t h = hash_mask(row, k);
		size_t slot = h & (tsize - 1), g = (size_t)-1;
		while (table[slot]) {
			struct group *c = &G[table[slot] - 1];
			if (c->hash == h) {
				size_t i = 0;
				while (i < k && (row[i] != PSY_NA) == c->mask[i])
					i++;
				if (i == k) {
					g = table[slot] - 1;
					break;
				}
			}
			slot = (slot + 1) & (tsize - 1);
		}
		if (g == (size_t)-1) {
			if (ng == cap) {
				struct group *nG = arena_array(a, cap * 2, sizeof *nG);
				memcpy(nG, G, cap * sizeof *G);
				G = nG, cap *= 2;
			}
			g = ng++;
			struct group *c = &G[g];
			int8_t *mask = arena_alloc(a, k);
			c->m = 0;
			for (size_t i = 0; i < k; i++)
				c->m += (mask[i] = row[i] != PSY_NA);
			c->mask = mask;
			c->hash = h;
			c->items = arena_array(a, c->m ? c->m : 1, sizeof *c->items);
			for (size_t i = 0, u = 0; i < k; i++)
				if (mask[i])
					c->items[u++] = i;
			c->nr = arena_array(a, c->m + 1, sizeof *c->nr);
			table[slot] = g + 1;
			if (ng * 2 > tsize) { /* grow and rehash */
				size_t nt = tsize * 2;
				size_t *t2 = arena_array(a, nt, sizeof *t2);
				for (size_t q = 0; q < ng; q++) {
					size_t s = G[q].hash & (nt - 1);
					while (t2[s])
						s = (s + 1) & (nt - 1);
					t2[s] = q + 1;
				}
				table = t2, tsize = nt;
			}
		}
		gid[p] = g;
	}
	*out = G;
	return ng;
}

/* person MLE for raw score r on the group's items (Newton on Σ P_i(θ) = r) */
static double theta_for_score(const double *b, size_t m, size_t r)
{
	double th = log((double)r / (double)(m - r));
	for (int it = 0; it < 100; it++) {
		double f = -(double)r, info = 0;
		for (size_t u = 0; u < m; u++) {
			double P = psy_logistic(th - b[u]);
			f += P;
			info += P * (1 - P);
		}
		double step = f / info;
		if (step > 1)
			step = 1;
		if (step < -1)
			step = -1;
		th -= step;
		if (fabs(step) < 1e-10)
			break;
	}
	return th;
}

int psy_rasch_cml(const psy_data *d, psy_item *items, psy_fit *fit, arena *a, err *e)
{
	size_t n = d->n, k = d->k;
	memset(fit, 0, sizeof *fit);
	if (n == 0 || k == 0)
		return PSY_ERR(e, "psy_empty", "没有可分析的作答数据", "no responses to analyse");
	if (k < 2)
		return PSY_ERR(e, "psy_too_few_items", "Rasch 条件极大似然估计至少需要 2 道题",
			       "Rasch CML needs at least 2 items");
	for (size_t c = 0, cells = psy_mul(n, k); c < cells; c++)
		if (d->x[c] != 0 && d->x[c] != 1 && d->x[c] != PSY_NA)
			return PSY_ERR(e, "psy_bad_cell", "作答只能是 0、1 或缺失",
				       "responses must be 0, 1 or missing");
	size_t *gid = arena_array(a, n, sizeof *gid);
	struct group *G;
	size_t ng = make_groups(d, &G, gid, a);
	double *s = arena_array(a, k, sizeof *s), *np = arena_array(a, k, sizeof *np);
	size_t used = 0, mmax = 0;
	for (size_t p = 0; p < n; p++) {
		struct group *g = &G[gid[p]];
		const int8_t *row = d->x + p * k;
		size_t r = 0;
		for (size_t u = 0; u < g->m; u++)
			r += (size_t)row[g->items[u]];
		if (g->m < 2 || r == 0 || r == g->m)
			continue; /* extreme scores carry no information under CML */
		g->nr[r] += 1;
		g->n_persons++;
		used++;
		for (size_t u = 0; u < g->m; u++) {
			s[g->items[u]] += row[g->items[u]];
			np[g->items[u]] += 1;
		}
	}
	for (size_t q = 0; q < ng; q++)
		if (G[q].m > mmax)
			mmax = G[q].m;
	fit->n_used = used;
	fit->n_patterns = ng;
	if (used == 0)
		return PSY_ERR(
			e, "psy_no_information",
			"没有可用于条件极大似然估计的考生（全部满分、零分或只答一题）",
			"no person left for CML: every score is zero or full, or only one item was answered");
	for (size_t i = 0; i < k; i++)
		if (s[i] == 0 || s[i] == np[i])
			return PSY_ERR(e, "psy_constant_item",
				       "第 %zu 题在可用考生中全部答对或全部答错（或未被作答），无法估计难度",
				       "item %zu is answered all right, all wrong or not at all by the "
				       "persons used; its "
				       "difficulty cannot be estimated",
				       i + 1);
	struct cml_work w = {.k = k};
	size_t kk = psy_mul(k, k);
	w.grad = arena_array(a, k, sizeof(double));
	w.H = arena_array(a, kk, sizeof(double));
	w.pi = arena_array(a, psy_mul(mmax, mmax + 1), sizeof(double));
	w.g = arena_array(a, mmax + 2, sizeof(double));
	w.gi = arena_array(a, mmax + 2, sizeof(double));
	w.geps = arena_array(a, mmax + 1, sizeof(double));
	double *beta = arena_array(a, k, sizeof *beta), *step = arena_array(a, k, sizeof *step),
	       *trial = arena_array(a, k, sizeof *trial);
	ksum mean = {0};
	for (size_t i = 0; i < k; i++) {
		double pr = s[i] / np[i];
		beta[i] = -log(pr / (1 - pr));
		ksum_add(&mean, beta[i] / (double)k);
	}
	for (size_t i = 0; i < k; i++)
		beta[i] -= ksum_get(&mean);
	double sb = 0; /* Σ β_i s_i term of the log-likelihood */
	double ll = 0;
	bool converged = false;
	int iter;
	for (iter = 1; iter <= 200; iter++) {
		memset(w.grad, 0, k * sizeof(double));
		memset(w.H, 0, kk * sizeof(double));
		ksum lls = {0};
		for (size_t q = 0; q < ng; q++)
			if (G[q].n_persons)
				ksum_add(&lls, group_terms(&G[q], beta, &w, true));
		sb = 0;
		for (size_t i = 0; i < k; i++)
			sb += beta[i] * s[i];
		ll = ksum_get(&lls) - sb;
		/* gradient of L: -s_i + Σ n_r π_i(r); Newton step solves (-Hess + 11'/k) δ = grad */
		double gmax = 0;
		for (size_t i = 0; i < k; i++) {
			step[i] = w.grad[i] - s[i];
			gmax = fmax(gmax, fabs(step[i]));
		}
		for (size_t i = 0; i < kk; i++)
			w.H[i] += 1.0 / (double)k;
		if (psy_cholesky(w.H, k) != 0)
			return PSY_ERR(e, "psy_not_connected",
				       "作答设计不连通（题目无法放在同一量尺上），无法估计",
				       "the design is not connected (the items cannot be put on one scale)");
		psy_chol_solve(w.H, k, step);
		double smax = 0;
		for (size_t i = 0; i < k; i++)
			smax = fmax(smax, fabs(step[i]));
		/* damp very long steps, then halve while the likelihood falls */
		double lambda = smax > 2 ? 2 / smax : 1;
		for (int h = 0; h < 30; h++) {
			ksum m2 = {0};
			for (size_t i = 0; i < k; i++)
				trial[i] = beta[i] + lambda * step[i], ksum_add(&m2, trial[i] / (double)k);
			for (size_t i = 0; i < k; i++)
				trial[i] -= ksum_get(&m2);
			memset(w.grad, 0, k * sizeof(double));
			ksum l2 = {0};
			for (size_t q = 0; q < ng; q++)
				if (G[q].n_persons)
					ksum_add(&l2, group_terms(&G[q], trial, &w, false));
			double sb2 = 0;
			for (size_t i = 0; i < k; i++)
				sb2 += trial[i] * s[i];
			double lt = ksum_get(&l2) - sb2;
			if (lt >= ll - 1e-9 * fabs(ll) || h == 29) {
				ll = lt;
				break;
			}
			lambda /= 2;
		}
		memcpy(beta, trial, k * sizeof *beta);
		if (smax * lambda < 1e-9 || gmax < 1e-10 * (double)used) {
			converged = true;
			break;
		}
	}
	/* final derivatives at the estimate: information and standard errors */
	memset(w.grad, 0, k * sizeof(double));
	memset(w.H, 0, kk * sizeof(double));
	ksum lls = {0};
	for (size_t q = 0; q < ng; q++)
		if (G[q].n_persons)
			ksum_add(&lls, group_terms(&G[q], beta, &w, true));
	sb = 0;
	for (size_t i = 0; i < k; i++)
		sb += beta[i] * s[i];
	ll = ksum_get(&lls) - sb;
	for (size_t i = 0; i < kk; i++)
		w.H[i] += 1.0 / (double)k;
	double *inv = arena_array(a, kk, sizeof *inv);
	if (psy_cholesky(w.H, k) != 0)
		return PSY_ERR(e, "psy_not_connected", "作答设计不连通，无法估计标准误",
			       "the design is not connected; no standard errors");
	psy_chol_inverse(w.H, k, inv);
	for (size_t i = 0; i < k; i++) {
		items[i].a = 1;
		items[i].se_a = 0;
		items[i].b = beta[i];
		double v = inv[i * k + i] - 1.0 / (double)k; /* pseudo-inverse under Σβ = 0 */
		items[i].se_b = v > 0 ? sqrt(v) : NAN;
	}
	fit->loglik = ll;
	fit->iterations = iter > 200 ? 200 : iter;
	fit->converged = converged;
	if (!converged)
		return PSY_ERR(e, "psy_no_convergence", "条件极大似然估计在 200 次迭代内未收敛",
			       "CML did not converge in 200 iterations");

	/* infit and outfit: residuals of every used person at the MLE θ of their group and raw score */
	double *wsum = arena_array(a, k, sizeof *wsum), *r2sum = arena_array(a, k, sizeof *r2sum),
	       *z2sum = arena_array(a, k, sizeof *z2sum), *cnt = arena_array(a, k, sizeof *cnt);
	double *bg = arena_array(a, mmax + 1, sizeof *bg);
	double *P = arena_array(a, psy_mul(mmax + 1, mmax + 1), sizeof *P);
	/* persons grouped: counting sort by group */
	size_t *start = arena_array(a, ng + 1, sizeof *start), *order = arena_array(a, n, sizeof *order);
	for (size_t p = 0; p < n; p++)
		start[gid[p] + 1]++;
	for (size_t q = 0; q < ng; q++)
		start[q + 1] += start[q];
	size_t *fillp = arena_array(a, ng, sizeof *fillp);
	for (size_t p = 0; p < n; p++)
		order[start[gid[p]] + fillp[gid[p]]++] = p;
	for (size_t q = 0; q < ng; q++) {
		struct group *g = &G[q];
		if (!g->n_persons)
			continue;
		size_t m = g->m;
		for (size_t u = 0; u < m; u++)
			bg[u] = beta[g->items[u]];
		for (size_t r = 1; r < m; r++) {
			if (!(g->nr[r] > 0))
				continue;
			double th = theta_for_score(bg, m, r);
			for (size_t u = 0; u < m; u++)
				P[r * m + u] = psy_logistic(th - bg[u]);
		}
		for (size_t o = start[q]; o < start[q + 1]; o++) {
			const int8_t *row = d->x + order[o] * k;
			size_t r = 0;
			for (size_t u = 0; u < m; u++)
				r += (size_t)row[g->items[u]];
			if (r == 0 || r == m)
				continue;
			for (size_t u = 0; u < m; u++) {
				size_t i = g->items[u];
				double pr = P[r * m + u], v = pr * (1 - pr), res = row[i] - pr;
				wsum[i] += v;
				r2sum[i] += res * res;
				z2sum[i] += res * res / v;
				cnt[i] += 1;
			}
		}
	}
	for (size_t i = 0; i < k; i++) {
		items[i].infit = wsum[i] > 0 ? r2sum[i] / wsum[i] : NAN;
		items[i].outfit = cnt[i] > 0 ? z2sum[i] / cnt[i] : NAN;
	}
	return 0;
}
