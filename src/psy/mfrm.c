/* mfrm.c: the many-facet Rasch model (Linacre 1989, "Many-facet Rasch measurement") for ratings of
 * candidates by examiners on criteria, by joint maximum likelihood (JMLE), as Facets estimates it.
 *
 *     log P(x = k) / P(x = k-1) = θ_n - δ_i - α_j - τ_{g,k},   η = θ_n - δ_i - α_j
 *     P(x = k) ∝ exp(Σ_{h=1..k} (η - τ_{g,h}))
 *
 * g is the criterion (partial credit) or a single structure (rating scale). Steps:
 *  1. points -> levels -> categories (psy.h); the categories are recounted over the ratings in use.
 *  2. Extreme elements (every rating in use in the lowest, or every one in the highest category) are
 *     taken out of the estimation with their ratings, repeatedly until none is left, recounting each time.
 *  3. The ratings left must form one connected set (Weeks & Williams 1964: two ratings are linked when
 *     they share two of candidate, criterion and examiner; all main-effect contrasts are estimable within
 *     a connected set). Otherwise psy_disconnected.
 *  4. JMLE: facet by facet, one Newton step per element (gradient Σ(x - E), information Σ Var), steps
 *     capped at 1 logit; thresholds by Newton on the cumulative counts; severities, difficulties and each
 *     structure's thresholds are re-centred after each step with the shift moved to the candidates (or the
 *     difficulties, for thresholds) so the likelihood is unchanged. Until the largest step < tol.
 *  5. Wright's bias correction: severities, difficulties and thresholds times (L-1)/L, L the mean ratings
 *     per candidate; the candidates are then re-estimated with the rest fixed.
 *  6. Elements left out are measured with the rest fixed, at their raw score moved 0.3 categories
 *     inwards when it is extreme (Facets' default).
 *  7. Model standard errors 1/sqrt(Σ Var), infit Σ(x-E)²/Σ Var, outfit mean of (x-E)²/Var. */
#include "util/common.h"
#include "psy/psy_int.h"

#define MAXCAT 21

struct mf {
	const psy_mfrm_data *d;
	size_t n;     /* observations */
	int *level;   /* per observation: level 0..R-1 of its criterion */
	int *x;	      /* per observation: category */
	bool *act;    /* per observation: in the estimation */
	int *R;	      /* per criterion: levels */
	int *m;	      /* per criterion: highest category (n_cat - 1) */
	size_t *toff; /* per criterion: thresholds offset */
	size_t *hoff; /* per criterion: offset of its threshold information matrix (partial credit) */
	double *th, *al, *de, *tau;
	bool *cact, *eact, *iact; /* elements in the estimation */
	bool rsm;
};

/* category probabilities p[0..m] at η with thresholds tau[0..m-1] */
static void cat_probs(double eta, const double *tau, int m, double *p)
{
	double s = 0, mx = 0;
	p[0] = 0;
	for (int k = 1; k <= m; k++) {
		s += eta - tau[k - 1];
		p[k] = s;
		if (s > mx)
			mx = s;
	}
	double z = 0;
	for (int k = 0; k <= m; k++)
		z += (p[k] = exp(p[k] - mx));
	for (int k = 0; k <= m; k++)
		p[k] /= z;
}

static void moments(const double *p, int m, double *E, double *V)
{
	double e = 0, e2 = 0;
	for (int k = 1; k <= m; k++)
		e += k * p[k], e2 += (double)k * k * p[k];
	*E = e;
	*V = e2 - e * e > 1e-12 ? e2 - e * e : 1e-12;
}

static double obs_eta(const struct mf *M, size_t o)
{
	const psy_mfrm_data *d = M->d;
	return M->th[d->cand[o]] - M->de[d->crit[o]] - M->al[d->exam[o]];
}

static double clamp1(double s)
{
	return s > 1 ? 1 : s < -1 ? -1 : s;
}

/* ---- categories and extremes ---- */

/* recounts the categories of every observation from the levels the active ones use: a level's category
 * is the number of used levels at or below it, less one (levels above the top share the top category) */
static void recount(struct mf *M, arena *a)
{
	const psy_mfrm_data *d = M->d;
	size_t ns = M->rsm ? 1 : d->n_crit;
	/* used[s*MAXCAT + l] = levels of structure s used by active ratings that are <= l */
	int *used = arena_array(a, ns * MAXCAT, sizeof *used);
	for (size_t o = 0; o < M->n; o++)
		if (M->act[o])
			used[(M->rsm ? 0 : d->crit[o]) * MAXCAT + (size_t)M->level[o]] = 1;
	for (size_t s = 0; s < ns; s++)
		for (int l = 1; l < MAXCAT; l++)
			used[s * MAXCAT + (size_t)l] += used[s * MAXCAT + (size_t)l - 1];
	for (size_t i = 0; i < d->n_crit; i++) {
		size_t s = M->rsm ? 0 : i;
		M->m[i] = used[s * MAXCAT + MAXCAT - 1] - 1;
		if (M->m[i] < 0)
			M->m[i] = 0;
	}
	for (size_t o = 0; o < M->n; o++) {
		int c = used[(M->rsm ? 0 : d->crit[o]) * MAXCAT + (size_t)M->level[o]] - 1;
		M->x[o] = c < 0 ? 0 : c;
	}
}

/* takes out the elements whose active ratings are all in one extreme category; returns how many */
static size_t drop_extremes(struct mf *M, arena *a)
{
	const psy_mfrm_data *d = M->d;
	size_t dropped = 0;
	const uint32_t *idx[3] = {d->cand, d->exam, d->crit};
	size_t cnt[3] = {d->n_cand, d->n_exam, d->n_crit};
	bool *flag[3] = {M->cact, M->eact, M->iact};
	for (int f = 0; f < 3; f++) {
		size_t *n = arena_array(a, cnt[f], sizeof *n), *lo = arena_array(a, cnt[f], sizeof *lo),
		       *hi = arena_array(a, cnt[f], sizeof *hi);
		for (size_t o = 0; o < M->n; o++) {
			if (!M->act[o])
				continue;
			uint32_t el = idx[f][o];
			n[el]++;
			lo[el] += M->x[o] == 0;
			hi[el] += M->x[o] == M->m[d->crit[o]];
		}
		for (size_t el = 0; el < cnt[f]; el++) {
			bool ext = n[el] > 0 && (lo[el] == n[el] || hi[el] == n[el]);
			if (ext)
				dropped++;
			flag[f][el] = n[el] > 0 && !ext;
		}
		for (size_t o = 0; o < M->n; o++)
			if (M->act[o] && !flag[f][idx[f][o]])
				M->act[o] = false;
	}
	return dropped;
}

/* ---- connectedness: Weeks & Williams (1964) ---- */

static size_t uf_find(size_t *p, size_t x)
{
	while (p[x] != x)
		x = p[x] = p[p[x]];
	return x;
}

struct keyed {
	uint64_t key;
	size_t o;
};

static int keyed_cmp(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	return x->key < y->key ? -1 : x->key > y->key;
}

/* number of connected sets among the active ratings; *largest gets the size of the biggest */
static size_t subsets(const struct mf *M, size_t *largest, arena *a)
{
	const psy_mfrm_data *d = M->d;
	size_t na = 0;
	for (size_t o = 0; o < M->n; o++)
		na += M->act[o];
	size_t *par = arena_array(a, M->n, sizeof *par);
	for (size_t o = 0; o < M->n; o++)
		par[o] = o;
	struct keyed *k = arena_array(a, na ? na : 1, sizeof *k);
	for (int pair = 0; pair < 3; pair++) {
		size_t u = 0;
		for (size_t o = 0; o < M->n; o++) {
			if (!M->act[o])
				continue;
			uint64_t A = pair == 2 ? d->crit[o] : d->cand[o],
				 B = pair == 0 ? d->crit[o] : d->exam[o];
			k[u].key = A << 32 | B;
			k[u++].o = o;
		}
		qsort(k, u, sizeof *k, keyed_cmp);
		for (size_t t = 1; t < u; t++)
			if (k[t].key == k[t - 1].key) {
				size_t r1 = uf_find(par, k[t].o), r2 = uf_find(par, k[t - 1].o);
				if (r1 != r2)
					par[r1] = r2;
			}
	}
	size_t *size = arena_array(a, M->n, sizeof *size), sets = 0;
	*largest = 0;
	for (size_t o = 0; o < M->n; o++) {
		if (!M->act[o])
			continue;
		size_t r = uf_find(par, o);
		if (size[r]++ == 0)
			sets++;
		if (size[r] > *largest)
			*largest = size[r];
	}
	return sets;
}

/* ---- JMLE ---- */

/* one Newton step for facet f (0 candidates, 1 examiners, 2 criteria) over the active ratings; returns
 * the largest step */
static double facet_step(struct mf *M, int f, double *R, double *V, double *p)
{
	const psy_mfrm_data *d = M->d;
	const uint32_t *idx = f == 0 ? d->cand : f == 1 ? d->exam : d->crit;
	size_t cnt = f == 0 ? d->n_cand : f == 1 ? d->n_exam : d->n_crit;
	double *par = f == 0 ? M->th : f == 1 ? M->al : M->de;
	const bool *act = f == 0 ? M->cact : f == 1 ? M->eact : M->iact;
	memset(R, 0, cnt * sizeof *R);
	memset(V, 0, cnt * sizeof *V);
	for (size_t o = 0; o < M->n; o++) {
		if (!M->act[o])
			continue;
		int m = M->m[d->crit[o]];
		double E, Var;
		cat_probs(obs_eta(M, o), M->tau + M->toff[d->crit[o]], m, p);
		moments(p, m, &E, &Var);
		R[idx[o]] += M->x[o] - E;
		V[idx[o]] += Var;
	}
	double big = 0, sign = f == 0 ? 1 : -1;
	for (size_t el = 0; el < cnt; el++) {
		if (!act[el])
			continue;
		double s = clamp1(R[el] / V[el]);
		par[el] += sign * s;
		if (fabs(s) > big)
			big = fabs(s);
	}
	if (f > 0) { /* centre, moving the shift to the candidates */
		ksum sum = {0};
		size_t k = 0;
		for (size_t el = 0; el < cnt; el++)
			if (act[el])
				ksum_add(&sum, par[el]), k++;
		double c = k ? ksum_get(&sum) / (double)k : 0;
		for (size_t el = 0; el < cnt; el++)
			if (act[el])
				par[el] -= c;
		for (size_t n = 0; n < d->n_cand; n++)
			M->th[n] -= c;
	}
	return big;
}

/* one Newton step for the thresholds, a full m x m step per structure (the indicators 1(x >= k) of one
 * rating covary: Cov = P(x >= max(k, l)) - P(x >= k) P(x >= l)); returns the largest step. H holds the
 * structures' matrices one after another (Σ m² doubles), G the gradients (ntau). */
static double tau_step(struct mf *M, size_t ntau, double *G, double *H, double *p, double *ge)
{
	const psy_mfrm_data *d = M->d;
	size_t ns = M->rsm ? 1 : d->n_crit;
	memset(G, 0, ntau * sizeof *G);
	size_t hsz = 0;
	for (size_t s = 0; s < ns; s++)
		hsz += (size_t)M->m[s] * (size_t)M->m[s];
	memset(H, 0, hsz * sizeof *H);
	for (size_t o = 0; o < M->n; o++) {
		if (!M->act[o])
			continue;
		uint32_t i = d->crit[o];
		int m = M->m[i];
		size_t off = M->toff[i], hoff = M->rsm ? 0 : M->hoff[i];
		cat_probs(obs_eta(M, o), M->tau + off, m, p);
		double c = 0;
		for (int k = m; k >= 1; k--)
			ge[k] = (c += p[k]);
		for (int k = 1; k <= m; k++) {
			G[off + (size_t)k - 1] += ge[k] - (M->x[o] >= k);
			double *row = H + hoff + (size_t)(k - 1) * (size_t)m;
			for (int l = 1; l <= k; l++)
				row[l - 1] += ge[k] - ge[k] * ge[l]; /* l <= k: P(x >= k) - P>=k P>=l */
		}
	}
	double big = 0;
	for (size_t s = 0; s < ns; s++) {
		int m = M->m[s];
		if (m < 1 || (!M->rsm && !M->iact[s]))
			continue;
		size_t off = M->toff[s], hoff = M->rsm ? 0 : M->hoff[s], um = (size_t)m;
		double *A = H + hoff;
		for (size_t k = 0; k < um; k++) /* mirror the lower triangle */
			for (size_t l = k + 1; l < um; l++)
				A[k * um + l] = A[l * um + k];
		double *step = G + off; /* solve A step = G in place */
		if (psy_cholesky(A, um) == 0) {
			psy_chol_solve(A, um, step);
		} else { /* not positive definite: the diagonal alone */
			for (size_t k = 0; k < um; k++)
				step[k] = A[k * um + k] > 0 ? step[k] / A[k * um + k] : 0;
		}
		double c = 0, mx = 0;
		for (size_t k = 0; k < um; k++)
			mx = fabs(step[k]) > mx ? fabs(step[k]) : mx;
		double scale = mx > 1 ? 1 / mx : 1;
		for (size_t k = 0; k < um; k++) {
			M->tau[off + k] += step[k] * scale;
			c += M->tau[off + k];
		}
		big = mx * scale > big ? mx * scale : big;
		/* centre the structure, moving the shift to the difficulties */
		c /= m;
		for (size_t k = 0; k < um; k++)
			M->tau[off + k] -= c;
		for (size_t i = 0; i < d->n_crit; i++)
			if (M->rsm || i == s)
				M->de[i] += c;
	}
	return big;
}

/* ---- elements measured with the rest fixed ---- */

/* whether observation o can be used to measure an element of facet f with the rest fixed */
static bool usable(const struct mf *M, size_t o, int f)
{
	const psy_mfrm_data *d = M->d;
	uint32_t i = d->crit[o];
	if (M->m[i] < 1 || (!M->rsm && !M->iact[i]) || (f != 2 && isnan(M->de[i])))
		return false;
	return (f == 0 || !isnan(M->th[d->cand[o]])) && (f == 1 || !isnan(M->al[d->exam[o]]));
}

/* measures every element of facet f left out of the estimation from its usable ratings, the others
 * fixed, its raw score moved 0.3 inwards when extreme */
static void anchored(struct mf *M, int f, double *p, arena *a)
{
	const psy_mfrm_data *d = M->d;
	const uint32_t *idx = f == 0 ? d->cand : f == 1 ? d->exam : d->crit;
	size_t cnt = f == 0 ? d->n_cand : f == 1 ? d->n_exam : d->n_crit;
	double *par = f == 0 ? M->th : f == 1 ? M->al : M->de;
	const bool *act = f == 0 ? M->cact : f == 1 ? M->eact : M->iact;
	double *T = arena_array(a, cnt, sizeof *T), *Mx = arena_array(a, cnt, sizeof *Mx);
	bool *todo = arena_array(a, cnt, sizeof *todo);
	size_t any = 0;
	for (size_t el = 0; el < cnt; el++)
		todo[el] = !act[el] && isnan(par[el]);
	for (size_t o = 0; o < M->n; o++)
		if (todo[idx[o]] && usable(M, o, f))
			T[idx[o]] += M->x[o], Mx[idx[o]] += M->m[d->crit[o]];
	for (size_t el = 0; el < cnt; el++) {
		todo[el] = todo[el] && Mx[el] > 0;
		if (!todo[el])
			continue;
		any++;
		if (T[el] < 0.3)
			T[el] = 0.3;
		if (T[el] > Mx[el] - 0.3)
			T[el] = Mx[el] - 0.3;
		par[el] = 0;
	}
	if (!any)
		return;
	double sign = f == 0 ? 1 : -1, *S = arena_array(a, cnt, sizeof *S),
	       *V = arena_array(a, cnt, sizeof *V);
	for (int it = 0; it < 100; it++) {
		memset(S, 0, cnt * sizeof *S);
		memset(V, 0, cnt * sizeof *V);
		for (size_t o = 0; o < M->n; o++) {
			if (!todo[idx[o]] || !usable(M, o, f))
				continue;
			int m = M->m[d->crit[o]];
			double E, Var;
			cat_probs(obs_eta(M, o), M->tau + M->toff[d->crit[o]], m, p);
			moments(p, m, &E, &Var);
			S[idx[o]] += E;
			V[idx[o]] += Var;
		}
		double big = 0;
		for (size_t el = 0; el < cnt; el++) {
			if (!todo[el])
				continue;
			double s = clamp1((T[el] - S[el]) / V[el]);
			par[el] += sign * s;
			if (fabs(s) > big)
				big = fabs(s);
		}
		if (big < 1e-8)
			break;
	}
}

/* ---- standard errors, fit, spread ---- */

static void spread(const psy_mfrm_elem *el, size_t cnt, psy_mfrm_spread *s)
{
	memset(s, 0, sizeof *s);
	double sm = 0, sm2 = 0, se2 = 0, w = 0, wm = 0, wm2 = 0;
	for (size_t k = 0; k < cnt; k++) {
		if (el[k].extreme || !isfinite(el[k].measure) || !(el[k].se > 0))
			continue;
		double m = el[k].measure, ww = 1 / (el[k].se * el[k].se);
		s->count++;
		sm += m, sm2 += m * m, se2 += el[k].se * el[k].se;
		w += ww, wm += ww * m, wm2 += ww * m * m;
	}
	if (s->count < 2) {
		s->sd = s->rmse = s->adj_sd = s->separation = s->reliability = s->chi2 = NAN;
		return;
	}
	double n = (double)s->count, mean = sm / n, var = sm2 / n - mean * mean;
	s->sd = sqrt(var > 0 ? var : 0);
	s->rmse = sqrt(se2 / n);
	double adj = var - se2 / n;
	s->adj_sd = sqrt(adj > 0 ? adj : 0);
	s->separation = s->adj_sd / s->rmse;
	s->reliability = var > 0 ? (adj > 0 ? adj : 0) / var : 0;
	s->chi2 = wm2 - wm * wm / w;
	s->df = s->count - 1;
}

static void finish(struct mf *M, psy_mfrm_result *r, double *p, arena *a)
{
	const psy_mfrm_data *d = M->d;
	psy_mfrm_elem *out[3] = {r->cand, r->exam, r->crit};
	const uint32_t *idx[3] = {d->cand, d->exam, d->crit};
	size_t cnt[3] = {d->n_cand, d->n_exam, d->n_crit};
	double *par[3] = {M->th, M->al, M->de};
	const bool *act[3] = {M->cact, M->eact, M->iact};
	ksum ll = {0};
	for (int f = 0; f < 3; f++) {
		double *V = arena_array(a, cnt[f], sizeof *V), *W = arena_array(a, cnt[f], sizeof *W),
		       *U = arena_array(a, cnt[f], sizeof *U), *pts = arena_array(a, cnt[f], sizeof *pts);
		size_t *nu = arena_array(a, cnt[f], sizeof *nu), *lo = arena_array(a, cnt[f], sizeof *lo),
		       *hi = arena_array(a, cnt[f], sizeof *hi);
		for (size_t o = 0; o < M->n; o++) {
			uint32_t el = idx[f][o];
			out[f][el].n++;
			pts[el] += d->score[o];
			/* active elements: their ratings in the estimation; the others: every usable rating
			 */
			bool use = act[f][el] ? M->act[o] : (usable(M, o, 3) && !isnan(par[f][el]));
			if (!use)
				continue;
			int m = M->m[d->crit[o]];
			double E, Var;
			cat_probs(obs_eta(M, o), M->tau + M->toff[d->crit[o]], m, p);
			moments(p, m, &E, &Var);
			double res = M->x[o] - E;
			V[el] += Var, W[el] += res * res, U[el] += res * res / Var, nu[el]++;
			lo[el] += M->x[o] == 0, hi[el] += M->x[o] == m;
			if (f == 0 && M->act[o])
				ksum_add(&ll, log(p[M->x[o]] > 1e-300 ? p[M->x[o]] : 1e-300));
		}
		for (size_t el = 0; el < cnt[f]; el++) {
			psy_mfrm_elem *E = &out[f][el];
			E->mean_score = E->n ? pts[el] / (double)E->n : NAN;
			E->measure = par[f][el];
			E->extreme = !act[f][el] && nu[el] > 0 && (lo[el] == nu[el] || hi[el] == nu[el]);
			E->se = V[el] > 0 && !isnan(E->measure) ? 1 / sqrt(V[el]) : NAN;
			bool fit = act[f][el] && V[el] > 0;
			E->infit = fit ? W[el] / V[el] : NAN;
			E->outfit = fit ? U[el] / (double)nu[el] : NAN;
		}
	}
	r->loglik = ksum_get(&ll);
	spread(r->exam, d->n_exam, &r->exam_spread);
	spread(r->crit, d->n_crit, &r->crit_spread);
	spread(r->cand, d->n_cand, &r->cand_spread);
}

/* expected points of a rating on criterion i at η (its categories' levels times the points per level) */
static double expected_points(const struct mf *M, const psy_mfrm_result *r, size_t i, double eta, double *p)
{
	int m = M->m[i];
	cat_probs(eta, M->tau + M->toff[i], m, p);
	double e = 0;
	for (int k = 0; k <= m; k++)
		e += p[k] * r->cat_level[r->cat_off[i] + (size_t)k];
	return e * r->points[i];
}

/* Facets' fair averages (psy_mfrm_elem.fair_score) */
static void fair(const struct mf *M, psy_mfrm_result *r, double *p)
{
	const psy_mfrm_data *d = M->d;
	double tbar = 0;
	size_t nt = 0, ni = 0;
	for (size_t n = 0; n < d->n_cand; n++)
		if (M->cact[n])
			tbar += M->th[n], nt++;
	tbar = nt ? tbar / (double)nt : 0;
	for (size_t i = 0; i < d->n_crit; i++)
		ni += M->m[i] >= 1 && isfinite(M->de[i]);
	for (size_t i = 0; i < d->n_crit; i++)
		r->crit[i].fair_score = M->m[i] >= 1 && isfinite(M->de[i])
						? expected_points(M, r, i, tbar - M->de[i], p)
						: NAN;
	for (int f = 0; f < 2; f++) {
		size_t cnt = f == 0 ? d->n_cand : d->n_exam;
		for (size_t el = 0; el < cnt; el++) {
			double v = f == 0 ? M->th[el] : M->al[el], s = 0;
			psy_mfrm_elem *E = f == 0 ? &r->cand[el] : &r->exam[el];
			if (!isfinite(v) || !ni) {
				E->fair_score = NAN;
				continue;
			}
			for (size_t i = 0; i < d->n_crit; i++)
				if (M->m[i] >= 1 && isfinite(M->de[i]))
					s += expected_points(M, r, i,
							     f == 0 ? v - M->de[i] : tbar - M->de[i] - v, p);
			E->fair_score = s / (double)ni;
		}
	}
}

/* ---- the entry point ---- */

static int check(const psy_mfrm_data *d, const psy_mfrm_opts *o, err *e)
{
	if (!d->n_obs || !d->n_cand || !d->n_exam || !d->n_crit)
		return PSY_ERR(e, "psy_no_data", "没有评分数据", "there are no ratings");
	if (o->max_categories && (o->max_categories < 2 || o->max_categories > MAXCAT))
		return PSY_ERR(e, "psy_bad_option", "分档数应在 2 到 %d 之间",
			       "the number of categories must be between 2 and %d", MAXCAT);
	for (size_t i = 0; i < d->n_crit; i++)
		if (!(d->max[i] > 0) || !isfinite(d->max[i]))
			return PSY_ERR(e, "psy_bad_max", "第 %zu 个评分项的满分应为正数",
				       "criterion %zu: full marks must be positive", i + 1);
	for (size_t k = 0; k < d->n_obs; k++) {
		if (d->cand[k] >= d->n_cand || d->exam[k] >= d->n_exam || d->crit[k] >= d->n_crit)
			return PSY_ERR(e, "psy_bad_element", "第 %zu 条评分的考生、考评员或评分项编号越界",
				       "rating %zu: candidate, examiner or criterion out of range", k + 1);
		double s = d->score[k], mx = d->max[d->crit[k]];
		if (!isfinite(s) || s < -1e-9 || s > mx + 1e-9)
			return PSY_ERR(e, "psy_bad_score", "第 %zu 条评分：得分 %g 不在 0 到满分 %g 之间",
				       "rating %zu: score %g is not between 0 and full marks %g", k + 1, s,
				       mx);
	}
	return 0;
}

int psy_mfrm(const psy_mfrm_data *d, const psy_mfrm_opts *o_in, psy_mfrm_result *r, arena *a, err *e)
{
	psy_mfrm_opts o = *o_in;
	memset(r, 0, sizeof *r);
	if (check(d, &o, e))
		return -1;
	if (!o.max_categories)
		o.max_categories = 11;
	if (!(o.tol > 0))
		o.tol = 1e-4;
	if (o.max_iter <= 0)
		o.max_iter = 2000;
	struct mf M = {.d = d, .n = d->n_obs, .rsm = o.model == PSY_MFRM_RSM};
	size_t nc = d->n_crit;
	M.level = arena_array(a, M.n, sizeof *M.level);
	M.x = arena_array(a, M.n, sizeof *M.x);
	M.act = arena_array(a, M.n, sizeof *M.act);
	M.R = arena_array(a, nc, sizeof *M.R);
	M.m = arena_array(a, nc, sizeof *M.m);
	M.toff = arena_array(a, nc, sizeof *M.toff);
	M.hoff = arena_array(a, nc, sizeof *M.hoff);
	M.cact = arena_array(a, d->n_cand, sizeof *M.cact);
	M.eact = arena_array(a, d->n_exam, sizeof *M.eact);
	M.iact = arena_array(a, nc, sizeof *M.iact);
	r->points = arena_array(a, nc, sizeof *r->points);
	/* 1. levels */
	for (size_t i = 0; i < nc; i++) {
		double mx = d->max[i];
		bool whole = fabs(mx - round(mx)) < 1e-9 && mx + 1 <= o.max_categories;
		M.R[i] = whole ? (int)round(mx) + 1 : o.max_categories;
		r->points[i] = whole ? 1 : mx / (o.max_categories - 1);
		if (M.rsm && M.R[i] != M.R[0])
			return PSY_ERR(
				e, "psy_rsm_levels",
				"评分项的分档数不同（%d 与 %d），不能共用一个评定量表结构；请用部分计分模型",
				"criteria have different numbers of levels (%d and %d) and cannot share one "
				"rating scale; use the partial credit model",
				M.R[0], M.R[i]);
	}
	for (size_t k = 0; k < M.n; k++) {
		uint32_t i = d->crit[k];
		int l = (int)floor(d->score[k] / r->points[i] + 0.5);
		M.level[k] = l < 0 ? 0 : l >= M.R[i] ? M.R[i] - 1 : l;
		M.act[k] = true;
	}
	/* 2. extremes, recounting each time */
	do
		recount(&M, a);
	while (drop_extremes(&M, a) > 0);
	for (size_t k = 0; k < M.n; k++)
		r->n_used += M.act[k];
	if (!r->n_used)
		return PSY_ERR(
			e, "psy_no_variation",
			"去掉全部最低或最高档的考生、考评员和评分项后没有评分可用于估计",
			"no ratings are left once the candidates, examiners and criteria with every rating "
			"in the lowest or highest category are set aside");
	/* 3. connected sets */
	size_t largest, sets = subsets(&M, &largest, a);
	if (sets > 1)
		return PSY_ERR(
			e, "psy_disconnected",
			"评分设计不连通：%zu 条评分分成 %zu 个互不相连的子集（最大的一个有 %zu 条），"
			"各子集的考评员宽严无法相互比较；请安排考评员交叉评分",
			"the rating design is disconnected: its %zu ratings fall into %zu subsets that do "
			"not link (the largest holds %zu), so severities cannot be compared across them; "
			"have examiners rate across the subsets",
			r->n_used, sets, largest);
	/* thresholds: layout and start values from the category counts */
	size_t ntau = 0, hsz = 0;
	for (size_t i = 0; i < nc; i++) {
		M.toff[i] = M.rsm ? 0 : ntau;
		M.hoff[i] = M.rsm ? 0 : hsz;
		if (!M.rsm)
			ntau += (size_t)M.m[i], hsz += (size_t)M.m[i] * (size_t)M.m[i];
	}
	if (M.rsm)
		hsz = (size_t)M.m[0] * (size_t)M.m[0];
	if (M.rsm)
		ntau = (size_t)M.m[0];
	M.tau = arena_array(a, ntau ? ntau : 1, sizeof *M.tau);
	M.th = arena_array(a, d->n_cand, sizeof *M.th);
	M.al = arena_array(a, d->n_exam, sizeof *M.al);
	M.de = arena_array(a, nc, sizeof *M.de);
	{
		double *cn = arena_array(a, ntau + nc + 1, sizeof *cn);
		for (size_t k = 0; k < M.n; k++)
			if (M.act[k])
				cn[M.toff[d->crit[k]] + d->crit[k] * !M.rsm + (size_t)M.x[k]] += 1;
		size_t ns = M.rsm ? 1 : nc;
		for (size_t s = 0; s < ns; s++) {
			size_t base = M.toff[s] + s * !M.rsm;
			for (int k = 1; k <= M.m[s]; k++)
				M.tau[M.toff[s] + (size_t)k - 1] =
					log((cn[base + (size_t)k - 1] + 0.5) / (cn[base + (size_t)k] + 0.5));
		}
	}
	int mmax = 0;
	for (size_t i = 0; i < nc; i++)
		if (M.m[i] > mmax)
			mmax = M.m[i];
	size_t big = d->n_cand > d->n_exam ? d->n_cand : d->n_exam;
	big = big > ntau ? big : ntau;
	big = big > nc ? big : nc;
	double *R = arena_array(a, big, sizeof *R), *V = arena_array(a, big, sizeof *V),
	       *H = arena_array(a, hsz ? hsz : 1, sizeof *H),
	       *p = arena_array(a, (size_t)MAXCAT + 1, sizeof *p),
	       *ge = arena_array(a, (size_t)MAXCAT + 1, sizeof *ge);
	/* 4. JMLE */
	for (r->iterations = 1; r->iterations <= o.max_iter; r->iterations++) {
		double s = facet_step(&M, 0, R, V, p);
		double t = facet_step(&M, 1, R, V, p);
		s = t > s ? t : s;
		if (ntau) {
			t = tau_step(&M, ntau, R, H, p, ge);
			s = t > s ? t : s;
		}
		t = facet_step(&M, 2, R, V, p);
		s = t > s ? t : s;
		if (s < o.tol) {
			r->converged = true;
			break;
		}
	}
	if (r->iterations > o.max_iter)
		r->iterations = o.max_iter;
	/* the elements left out of the estimation have no measure yet */
	for (size_t n = 0; n < d->n_cand; n++)
		if (!M.cact[n])
			M.th[n] = NAN;
	for (size_t j = 0; j < d->n_exam; j++)
		if (!M.eact[j])
			M.al[j] = NAN;
	for (size_t i = 0; i < nc; i++)
		if (!M.iact[i])
			M.de[i] = NAN;
	/* fit statistics and the log-likelihood at the JMLE solution (before the bias correction) */
	r->cand = arena_array(a, d->n_cand, sizeof *r->cand);
	r->exam = arena_array(a, d->n_exam, sizeof *r->exam);
	r->crit = arena_array(a, nc, sizeof *r->crit);
	finish(&M, r, p, a);
	double loglik = r->loglik;
	size_t ncnt[3] = {d->n_cand, d->n_exam, nc};
	psy_mfrm_elem *el[3] = {r->cand, r->exam, r->crit}, *fit[3];
	for (int f = 0; f < 3; f++) {
		fit[f] = arena_array(a, ncnt[f], sizeof *fit[f]);
		memcpy(fit[f], el[f], ncnt[f] * sizeof *fit[f]);
		memset(el[f], 0, ncnt[f] * sizeof *fit[f]);
	}
	/* 5. bias correction, then 6. the elements left out */
	r->bias_factor = 1;
	if (!o.no_bias_correction) {
		size_t nca = 0;
		for (size_t n = 0; n < d->n_cand; n++)
			nca += M.cact[n];
		double L = (double)r->n_used / (double)nca;
		if (L > 1) {
			double f = (L - 1) / L;
			r->bias_factor = f;
			for (size_t j = 0; j < d->n_exam; j++)
				M.al[j] *= f;
			for (size_t i = 0; i < nc; i++)
				M.de[i] *= f;
			for (size_t t = 0; t < ntau; t++)
				M.tau[t] *= f;
			for (int it = 0; it < 500; it++)
				if (facet_step(&M, 0, R, V, p) < o.tol * 0.1)
					break;
		}
	}
	if (M.rsm)
		anchored(&M, 2, p, a);
	anchored(&M, 1, p, a);
	anchored(&M, 0, p, a);
	anchored(&M, 1, p, a);
	/* 7. results: measures and standard errors after the correction, fit before it */
	finish(&M, r, p, a);
	r->loglik = loglik;
	for (int f = 0; f < 3; f++)
		for (size_t k = 0; k < ncnt[f]; k++)
			el[f][k].infit = fit[f][k].infit, el[f][k].outfit = fit[f][k].outfit;
	r->n_cat = arena_array(a, nc, sizeof *r->n_cat);
	r->tau_off = M.toff;
	r->tau = M.tau;
	r->cat_off = arena_array(a, nc, sizeof *r->cat_off);
	r->cat_level = arena_array(a, psy_mul(nc, (size_t)mmax + 1), sizeof *r->cat_level);
	bool *lv = arena_array(a, MAXCAT, sizeof *lv);
	for (size_t i = 0; i < nc; i++) {
		r->n_cat[i] = M.m[i] + 1;
		r->cat_off[i] = i * ((size_t)mmax + 1);
		memset(lv, 0, MAXCAT * sizeof *lv);
		for (size_t k = 0; k < M.n; k++)
			if (M.act[k] && (M.rsm || d->crit[k] == i))
				lv[M.level[k]] = true;
		int c = 0;
		for (int l = 0; l < MAXCAT && c <= M.m[i]; l++)
			if (lv[l])
				r->cat_level[r->cat_off[i] + (size_t)c++] = l;
	}
	fair(&M, r, p);
	return 0;
}

/* ---- simulation ---- */

size_t psy_mfrm_simulate(const psy_mfrm_design *g, uint32_t *cand, uint32_t *exam, uint32_t *crit,
			 double *score, double *theta, double *alpha, double *delta)
{
	psy_rng rng;
	psy_rng_seed(&rng, g->seed);
	size_t batch = g->batch ? g->batch : 20, raters = g->raters < g->n_exam ? g->raters : g->n_exam;
	double sd = g->sd_exam > 0 ? g->sd_exam : 0.5, tau[MAXCAT], p[MAXCAT + 1];
	int m = g->max_points < 1 ? 1 : g->max_points > MAXCAT - 1 ? MAXCAT - 1 : g->max_points;
	for (int k = 0; k < m; k++)
		tau[k] = m == 1 ? 0 : -2 + 4.0 * k / (m - 1);
	for (size_t n = 0; n < g->n_cand; n++)
		theta[n] = psy_rng_normal(&rng);
	double mean = 0;
	for (size_t j = 0; j < g->n_exam; j++)
		mean += (alpha[j] = sd * psy_rng_normal(&rng));
	for (size_t j = 0; j < g->n_exam; j++)
		alpha[j] -= mean / (double)g->n_exam;
	for (size_t i = 0; i < g->n_crit; i++)
		delta[i] = g->n_crit == 1 ? 0 : -0.5 + (double)i / (double)(g->n_crit - 1);
	size_t o = 0;
	uint32_t panel[MAXCAT];
	for (size_t n0 = 0; n0 < g->n_cand; n0 += batch) {
		size_t np = 0;
		panel[np++] = (uint32_t)((n0 / batch) % g->n_exam);
		while (np < raters && np < MAXCAT) {
			uint32_t j = (uint32_t)psy_rng_below(&rng, g->n_exam);
			bool dup = false;
			for (size_t t = 0; t < np; t++)
				dup = dup || panel[t] == j;
			if (!dup)
				panel[np++] = j;
		}
		for (size_t n = n0; n < n0 + batch && n < g->n_cand; n++)
			for (size_t t = 0; t < np; t++)
				for (size_t i = 0; i < g->n_crit; i++) {
					cat_probs(theta[n] - delta[i] - alpha[panel[t]], tau, m, p);
					double u = psy_rng_uniform(&rng), c = 0;
					int k = 0;
					while (k < m && (c += p[k]) <= u)
						k++;
					cand[o] = (uint32_t)n, exam[o] = panel[t], crit[o] = (uint32_t)i;
					score[o++] = k;
				}
	}
	return o;
}
