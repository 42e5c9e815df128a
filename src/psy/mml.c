/* mml.c: the 2PL model by marginal maximum likelihood with the EM algorithm of Bock & Aitkin (1981).
 *
 * θ ~ N(0,1) is represented by Q equally spaced points on [-6, 6] with normalised normal-density weights.
 * Identical response patterns (missing cells included) are merged and weighted by their count.
 * E-step (split over threads): for each pattern, log L(θ_q) = Σ_i log P_i(θ_q)^x (1-P_i(θ_q))^(1-x) over
 * the presented items, posterior weights, and the expected counts n_iq (persons at θ_q who were
 * presented item i) and r_iq (of whom answered right). M-step: for each item, Newton-Raphson on
 * Σ_q r_iq log P_iq + (n_iq - r_iq) log(1 - P_iq) in the slope-intercept form a θ + c (b = -c/a).
 * Converged when no parameter moved more than `tol` in a cycle. Standard errors: the inverse of the
 * observed information of the marginal likelihood, by central differences of its exact gradient (Fisher's
 * identity) when that is cheap (patterns x items^2 <= 2e8), otherwise the per-item blocks of Louis's
 * observed information (cross-item covariances ignored, so slightly small), as psy_fit.se_full says. */
#include "util/common.h"
#include "psy/psy_int.h"
#include <pthread.h>

typedef double v4d __attribute__((vector_size(32)));

struct pattern_set {
	size_t np, k;
	double *count;	 /* np */
	uint32_t *off;	 /* np + 1 offsets into idx */
	uint32_t *nones; /* correct items per pattern (first in idx), then missing */
	uint16_t *idx;
};

struct mml {
	size_t k, Q, QP; /* QP: Q padded to a multiple of 4 */
	const struct pattern_set *ps;
	double *theta, *w, *logw;
	double *lP, *lQ, *D, *S0; /* k x QP log P, log(1-P), their difference; S0 = Σ_i lQ */
	double *T; /* 2 x k x 5 x QP score tables for the block information (set when needed) */
	int threads;
};

struct estep_out {
	double *r, *miss, *N; /* k x QP, k x QP, QP */
	double *blk;	      /* k x 3 Louis variance terms (block SE), or NULL */
	ksum ll;
};

struct estep_job {
	const struct mml *M;
	size_t p0, p1;
	struct estep_out *out;
	bool blocks;
};

/* compiled for AVX2 and for the baseline; the loader picks one for the CPU (GCC function multiversioning) */
__attribute__((target_clones("avx2", "default"))) static void
estep_range(const struct mml *M, size_t p0, size_t p1, struct estep_out *o, bool blocks)
{
	size_t QP = M->QP, nv = QP / 4;
	const struct pattern_set *ps = M->ps;
	v4d *L = __builtin_alloca(QP * sizeof(double) + 32);
	L = (v4d *)(((uintptr_t)L + 31) & ~(uintptr_t)31);
	double *Ld = (double *)L;
	v4d *post = __builtin_alloca(QP * sizeof(double) + 32);
	post = (v4d *)(((uintptr_t)post + 31) & ~(uintptr_t)31);
	double *pd = (double *)post;
	for (size_t p = p0; p < p1; p++) {
		const uint16_t *idx = ps->idx + ps->off[p];
		size_t nones = ps->nones[p], nall = ps->off[p + 1] - ps->off[p];
		memcpy(L, M->S0, QP * sizeof(double));
		for (size_t u = 0; u < nones; u++) {
			const v4d *d = (const v4d *)(M->D + (size_t)idx[u] * QP);
			for (size_t v = 0; v < nv; v++)
				L[v] += d[v];
		}
		for (size_t u = nones; u < nall; u++) {
			const v4d *d = (const v4d *)(M->lQ + (size_t)idx[u] * QP);
			for (size_t v = 0; v < nv; v++)
				L[v] -= d[v];
		}
		double mx = -INFINITY;
		for (size_t q = 0; q < M->Q; q++) {
			Ld[q] += M->logw[q];
			if (Ld[q] > mx)
				mx = Ld[q];
		}
		double s = 0;
		for (size_t q = 0; q < M->Q; q++)
			s += (pd[q] = exp(Ld[q] - mx));
		for (size_t q = M->Q; q < QP; q++)
			pd[q] = 0;
		double cnt = ps->count[p], scale = cnt / s;
		ksum_add(&o->ll, cnt * (mx + log(s)));
		v4d sc = {scale, scale, scale, scale};
		for (size_t v = 0; v < nv; v++)
			post[v] *= sc;
		v4d *N = (v4d *)o->N;
		for (size_t v = 0; v < nv; v++)
			N[v] += post[v];
		for (size_t u = 0; u < nones; u++) {
			v4d *r = (v4d *)(o->r + (size_t)idx[u] * QP);
			for (size_t v = 0; v < nv; v++)
				r[v] += post[v];
		}
		for (size_t u = nones; u < nall; u++) {
			v4d *m = (v4d *)(o->miss + (size_t)idx[u] * QP);
			for (size_t v = 0; v < nv; v++)
				m[v] += post[v];
		}
		if (blocks) {
			/* Louis: the posterior variance of each presented item's score vector (x - P)(θ, 1),
			 * from the tables T[x][i] = {(x-P)θ, (x-P), (x-P)²θ², (x-P)²θ, (x-P)²} */
			size_t u = 0, um = nones;
			v4d inv = {1 / cnt, 1 / cnt, 1 / cnt, 1 / cnt};
			for (size_t i = 0; i < M->k; i++) {
				bool one = u < nones && idx[u] == i;
				if (one)
					u++;
				if (um < nall && idx[um] == i) {
					um++;
					continue;
				}
				const v4d *T = (const v4d *)(M->T + ((size_t)one * M->k + i) * 5 * QP);
				v4d s5[5] = {{0}};
				for (size_t f5 = 0; f5 < 5; f5++)
					for (size_t v = 0; v < nv; v++)
						s5[f5] += post[v] * inv * T[f5 * nv + v];
				double m[5];
				for (size_t f5 = 0; f5 < 5; f5++)
					m[f5] = s5[f5][0] + s5[f5][1] + s5[f5][2] + s5[f5][3];
				o->blk[3 * i] += cnt * (m[2] - m[0] * m[0]);
				o->blk[3 * i + 1] += cnt * (m[3] - m[0] * m[1]);
				o->blk[3 * i + 2] += cnt * (m[4] - m[1] * m[1]);
			}
		}
	}
}

static void *estep_thread(void *arg)
{
	struct estep_job *j = arg;
	estep_range(j->M, j->p0, j->p1, j->out, j->blocks);
	return NULL;
}

static void set_params(struct mml *M, const double *par)
{
	size_t QP = M->QP;
	memset(M->S0, 0, QP * sizeof(double));
	for (size_t i = 0; i < M->k; i++)
		for (size_t q = 0; q < QP; q++) {
			double z = q < M->Q ? par[2 * i] * M->theta[q] + par[2 * i + 1] : 0;
			/* log P = -log(1 + e^-z), log(1-P) = -log(1 + e^z), computed without overflow */
			double lp = z >= 0 ? -log1p(exp(-z)) : z - log1p(exp(z));
			double lq = z >= 0 ? -z - log1p(exp(-z)) : -log1p(exp(z));
			M->lP[i * QP + q] = lp;
			M->lQ[i * QP + q] = lq;
			M->D[i * QP + q] = lp - lq;
			M->S0[q] += lq;
		}
}

/* one E-step at `par`; out buffers are zeroed here; returns the marginal log-likelihood */
static double estep(struct mml *M, const double *par, struct estep_out *outs, bool blocks)
{
	set_params(M, par);
	size_t T = (size_t)M->threads, np = M->ps->np, QP = M->QP;
	if (T > np)
		T = np ? np : 1;
	size_t kq = M->k * QP;
	if (blocks)
		for (int x = 0; x < 2; x++)
			for (size_t i = 0; i < M->k; i++) {
				double *t5 = M->T + ((size_t)x * M->k + i) * 5 * QP;
				for (size_t q = 0; q < QP; q++) {
					double th = M->theta[q],
					       P = q < M->Q ? psy_logistic(par[2 * i] * th + par[2 * i + 1])
							    : 0,
					       r = x - P;
					t5[q] = r * th, t5[QP + q] = r, t5[2 * QP + q] = r * r * th * th;
					t5[3 * QP + q] = r * r * th, t5[4 * QP + q] = r * r;
				}
			}
	for (size_t t = 0; t < T; t++) {
		memset(outs[t].r, 0, kq * sizeof(double));
		memset(outs[t].miss, 0, kq * sizeof(double));
		memset(outs[t].N, 0, QP * sizeof(double));
		memset(outs[t].blk, 0, 3 * M->k * sizeof(double));
		outs[t].ll = (ksum){0};
	}
	struct estep_job jobs[16];
	pthread_t tid[16];
	bool started[16] = {false};
	for (size_t t = 0; t < T; t++) {
		jobs[t] = (struct estep_job){
			.M = M, .p0 = np * t / T, .p1 = np * (t + 1) / T, .out = &outs[t], .blocks = blocks};
		if (t > 0 && pthread_create(&tid[t], NULL, estep_thread, &jobs[t]) == 0)
			started[t] = true;
		else if (t > 0)
			estep_thread(&jobs[t]);
	}
	estep_thread(&jobs[0]);
	for (size_t t = 1; t < T; t++)
		if (started[t])
			pthread_join(tid[t], NULL);
	/* reduce into outs[0] */
	for (size_t t = 1; t < T; t++) {
		for (size_t c = 0; c < kq; c++) {
			outs[0].r[c] += outs[t].r[c];
			outs[0].miss[c] += outs[t].miss[c];
		}
		for (size_t q = 0; q < QP; q++)
			outs[0].N[q] += outs[t].N[q];
		for (size_t c = 0; c < 3 * M->k; c++)
			outs[0].blk[c] += outs[t].blk[c];
		ksum_add(&outs[0].ll, ksum_get(&outs[t].ll));
	}
	return ksum_get(&outs[0].ll);
}

/* item i's expected-data gradient and information in (a, c) */
static void item_derivs(const struct mml *M, const struct estep_out *o, size_t i, double a, double c,
			double g[2], double I[3])
{
	ksum ga = {0}, gc = {0}, iaa = {0}, iac = {0}, icc = {0};
	for (size_t q = 0; q < M->Q; q++) {
		double t = M->theta[q], P = psy_logistic(a * t + c), n = o->N[q] - o->miss[i * M->QP + q],
		       r = o->r[i * M->QP + q], res = r - n * P, w = n * P * (1 - P);
		ksum_add(&ga, res * t);
		ksum_add(&gc, res);
		ksum_add(&iaa, w * t * t);
		ksum_add(&iac, w * t);
		ksum_add(&icc, w);
	}
	g[0] = ksum_get(&ga), g[1] = ksum_get(&gc);
	I[0] = ksum_get(&iaa), I[1] = ksum_get(&iac), I[2] = ksum_get(&icc);
}

static double mstep_item(const struct mml *M, const struct estep_out *o, size_t i, double *a, double *c)
{
	double a0 = *a, c0 = *c;
	for (int it = 0; it < 25; it++) {
		double g[2], I[3];
		item_derivs(M, o, i, *a, *c, g, I);
		double det = I[0] * I[2] - I[1] * I[1];
		if (!(det > 1e-300))
			break;
		double da = (I[2] * g[0] - I[1] * g[1]) / det, dc = (I[0] * g[1] - I[1] * g[0]) / det;
		double mx = fmax(fabs(da), fabs(dc));
		if (mx > 1)
			da /= mx, dc /= mx;
		*a += da, *c += dc;
		if (*a > 20)
			*a = 20;
		if (*a < -20)
			*a = -20;
		if (mx < 1e-10)
			break;
	}
	return fmax(fabs(*a - a0), fabs(*c - c0));
}

static int build_patterns(const psy_data *d, struct pattern_set *ps, arena *a, err *e)
{
	size_t n = d->n, k = d->k;
	size_t tsize = 1024;
	while (tsize < 2 * n)
		tsize *= 2;
	uint32_t *table = arena_array(a, tsize, sizeof *table); /* pattern + 1 */
	uint32_t *rep = arena_array(a, n, sizeof *rep);		/* representative row of each pattern */
	uint64_t *hs = arena_array(a, n, sizeof *hs);
	double *count = arena_array(a, n, sizeof *count);
	size_t np = 0, total = 0;
	for (size_t p = 0; p < n; p++) {
		const int8_t *row = d->x + p * k;
		uint64_t h = 1469598103934665603ULL;
		bool any = false;
		for (size_t i = 0; i < k; i++) {
			h = (h ^ (uint8_t)row[i]) * 1099511628211ULL;
			any |= row[i] != PSY_NA;
		}
		if (!any)
			continue; /* a person with no response contributes nothing */
		size_t s = h & (tsize - 1);
		for (;;) {
			uint32_t t = table[s];
			if (!t) {
				table[s] = (uint32_t)(np + 1);
				rep[np] = (uint32_t)p, hs[np] = h, count[np] = 1;
				np++;
				break;
			}
			if (hs[t - 1] == h && !memcmp(d->x + (size_t)rep[t - 1] * k, row, k)) {
				count[t - 1] += 1;
				break;
			}
			s = (s + 1) & (tsize - 1);
		}
	}
	if (np == 0)
		return PSY_ERR(e, "psy_empty", "所有单元格都是空的", "every cell is empty");
	ps->np = np, ps->k = k, ps->count = count;
	ps->off = arena_array(a, np + 1, sizeof *ps->off);
	ps->nones = arena_array(a, np, sizeof *ps->nones);
	for (size_t q = 0; q < np; q++) {
		const int8_t *row = d->x + (size_t)rep[q] * k;
		size_t c = 0;
		for (size_t i = 0; i < k; i++)
			c += row[i] != 0;
		total += c;
		if (total > UINT32_MAX)
			return PSY_ERR(e, "psy_too_large", "数据过大",
				       "the data set is too large for one calibration");
		ps->off[q + 1] = (uint32_t)total;
	}
	ps->idx = arena_array(a, total ? total : 1, sizeof *ps->idx);
	for (size_t q = 0; q < np; q++) {
		const int8_t *row = d->x + (size_t)rep[q] * k;
		uint16_t *o = ps->idx + ps->off[q];
		size_t u = 0;
		for (size_t i = 0; i < k; i++)
			if (row[i] == 1)
				o[u++] = (uint16_t)i;
		ps->nones[q] = (uint32_t)u;
		for (size_t i = 0; i < k; i++)
			if (row[i] == PSY_NA)
				o[u++] = (uint16_t)i;
	}
	return 0;
}

/* gradient of the marginal log-likelihood in (a, c) for all items (Fisher's identity) */
static void full_gradient(struct mml *M, const double *par, struct estep_out *outs, double *g)
{
	estep(M, par, outs, false);
	for (size_t i = 0; i < M->k; i++) {
		double gi[2], I[3];
		item_derivs(M, &outs[0], i, par[2 * i], par[2 * i + 1], gi, I);
		g[2 * i] = gi[0], g[2 * i + 1] = gi[1];
	}
}

int psy_2pl_mml(const psy_data *d, const psy_mml_opts *o, psy_item *items, psy_fit *fit, arena *a, err *e)
{
	size_t n = d->n, k = d->k;
	memset(fit, 0, sizeof *fit);
	if (n == 0 || k == 0)
		return PSY_ERR(e, "psy_empty", "没有可分析的作答数据", "no responses to analyse");
	if (k > 65535)
		return PSY_ERR(e, "psy_too_large", "题目数超过 65535", "more than 65535 items");
	size_t Q = o && o->quad_points ? (size_t)o->quad_points : 61;
	if (Q < 41 || Q > 401)
		return PSY_ERR(e, "psy_bad_option", "积分点数应在 41 到 401 之间",
			       "quadrature points must be 41 to 401");
	double tol = o && o->tol > 0 ? o->tol : 1e-5;
	int max_iter = o && o->max_iter > 0 ? o->max_iter : 2000;
	int threads = o && o->threads > 0 ? o->threads : 2;
	if (threads > 16)
		threads = 16;
	double *p1 = arena_array(a, k, sizeof *p1), *pn = arena_array(a, k, sizeof *pn);
	for (size_t c = 0, cells = psy_mul(n, k); c < cells; c++) {
		int8_t x = d->x[c];
		if (x != 0 && x != 1 && x != PSY_NA)
			return PSY_ERR(e, "psy_bad_cell", "作答只能是 0、1 或缺失",
				       "responses must be 0, 1 or missing");
		if (x != PSY_NA)
			p1[c % k] += x, pn[c % k] += 1;
	}
	for (size_t i = 0; i < k; i++)
		if (p1[i] == 0 || p1[i] == pn[i])
			return PSY_ERR(e, "psy_constant_item",
				       "第 %zu 题全部答对、全部答错或无人作答，无法估计",
				       "item %zu is answered all right, all wrong or not at all; it cannot "
				       "be estimated",
				       i + 1);
	struct pattern_set ps;
	if (build_patterns(d, &ps, a, e) != 0)
		return -1;
	fit->n_patterns = ps.np;
	for (size_t q = 0; q < ps.np; q++)
		fit->n_used += (size_t)ps.count[q];

	struct mml M = {.k = k, .Q = Q, .QP = (Q + 3) / 4 * 4, .ps = &ps, .threads = threads};
	size_t QP = M.QP, kq = psy_mul(k, QP);
	M.theta = arena_array(a, QP, sizeof(double));
	M.w = arena_array(a, QP, sizeof(double));
	M.logw = arena_array(a, QP, sizeof(double));
	ksum ws = {0};
	for (size_t q = 0; q < Q; q++) {
		M.theta[q] = -6.0 + 12.0 * (double)q / (double)(Q - 1);
		M.w[q] = exp(-0.5 * M.theta[q] * M.theta[q]);
		ksum_add(&ws, M.w[q]);
	}
	for (size_t q = 0; q < Q; q++)
		M.w[q] /= ksum_get(&ws), M.logw[q] = log(M.w[q]);
	struct estep_out outs[16];
	for (int t = 0; t < threads; t++) {
		/* 32-byte aligned (the arena aligns to 16): over-allocate and round up */
		double *r = arena_alloc(a, (2 * kq + QP) * sizeof(double) + 32);
		r = (double *)(((uintptr_t)r + 31) & ~(uintptr_t)31);
		outs[t] = (struct estep_out){.r = r,
					     .miss = r + kq,
					     .N = r + 2 * kq,
					     .blk = arena_array(a, 3 * k, sizeof(double))};
	}
	/* lP, lQ, D, S0 need 32-byte alignment too for the vector loads */
	double *al = arena_alloc(a, (3 * kq + QP) * sizeof(double) + 32);
	al = (double *)(((uintptr_t)al + 31) & ~(uintptr_t)31);
	M.lP = al, M.lQ = al + kq, M.D = al + 2 * kq, M.S0 = al + 3 * kq;
	double *tb = arena_alloc(a, psy_mul(kq, 10) * sizeof(double) + 32);
	M.T = (double *)(((uintptr_t)tb + 31) & ~(uintptr_t)31);

	double *par = arena_array(a, 2 * k, sizeof *par);
	for (size_t i = 0; i < k; i++) {
		double pr = p1[i] / pn[i];
		par[2 * i] = 1.0;
		par[2 * i + 1] = log(pr / (1 - pr)) * 1.2; /* logit(p) sqrt(1 + a^2 var θ)-ish for a = 1 */
	}
	/* EM accelerated by SQUAREM (Varadhan & Roland 2008, scheme S3): two EM steps r = F(θ0) - θ0,
	 * v = F(F(θ0)) - 2F(θ0) + θ0, α = -|r|/|v| (at most -1), θ' = θ0 - 2αr + α²v, then one stabilising EM
	 * step from θ'; when θ' lowers the likelihood the plain second EM step is kept. Every E-step counts
	 * as one iteration. */
	double *p0 = arena_array(a, 2 * k, sizeof *p0), *pa = arena_array(a, 2 * k, sizeof *pa),
	       *pb = arena_array(a, 2 * k, sizeof *pb);
	double ll = 0;
	int iter = 0;
	bool converged = false;
	while (iter < max_iter && !converged) {
		memcpy(p0, par, 2 * k * sizeof *p0);
		double ll0 = estep(&M, par, outs, false);
		iter++;
		double change = 0;
		for (size_t i = 0; i < k; i++)
			change = fmax(change, mstep_item(&M, &outs[0], i, &par[2 * i], &par[2 * i + 1]));
		ll = ll0;
		if (change < tol) {
			converged = true;
			break;
		}
		memcpy(pa, par, 2 * k * sizeof *pa); /* F(θ0) */
		double ll1 = estep(&M, par, outs, false);
		iter++;
		change = 0;
		for (size_t i = 0; i < k; i++)
			change = fmax(change, mstep_item(&M, &outs[0], i, &par[2 * i], &par[2 * i + 1]));
		ll = ll1;
		if (change < tol) {
			converged = true;
			break;
		}
		memcpy(pb, par, 2 * k * sizeof *pb); /* F(F(θ0)) */
		double rr = 0, vv = 0;
		for (size_t j = 0; j < 2 * k; j++) {
			double r = pa[j] - p0[j], v = pb[j] - 2 * pa[j] + p0[j];
			rr += r * r, vv += v * v;
		}
		double alpha = vv > 0 ? -sqrt(rr / vv) : -1;
		if (alpha > -1)
			alpha = -1;
		bool ok = true;
		for (size_t j = 0; j < 2 * k; j++) {
			double r = pa[j] - p0[j], v = pb[j] - 2 * pa[j] + p0[j];
			par[j] = p0[j] - 2 * alpha * r + alpha * alpha * v;
			if (!isfinite(par[j]) || (j % 2 == 0 && fabs(par[j]) > 20))
				ok = false;
		}
		if (!ok) {
			memcpy(par, pb, 2 * k * sizeof *par);
			continue;
		}
		double llx = estep(&M, par, outs, false);
		iter++;
		if (!(llx >= ll1)) { /* the extrapolation went too far: continue from the plain EM steps */
			memcpy(par, pb, 2 * k * sizeof *par);
			continue;
		}
		change = 0;
		for (size_t i = 0; i < k; i++)
			change = fmax(change, mstep_item(&M, &outs[0], i, &par[2 * i], &par[2 * i + 1]));
		ll = llx;
		if (change < tol)
			converged = true;
	}
	size_t m2 = 2 * k;
	double *cov = NULL;
	fit->se_full = (double)ps.np * (double)k * (double)k <= 2e8;
	if (fit->se_full) {
		/* observed information by central differences of the exact gradient; then Newton steps on the
		 * marginal likelihood polish what EM left (EM's last steps are slow) */
		double *Hm = arena_array(a, psy_mul(m2, m2), sizeof *Hm), *g = arena_array(a, m2, sizeof *g),
		       *gp = arena_array(a, m2, sizeof *gp), *gm = arena_array(a, m2, sizeof *gm),
		       *tp = arena_array(a, m2, sizeof *tp);
		for (int polish = 0; polish < 3; polish++) {
			for (size_t j = 0; j < m2; j++) {
				double h = 1e-5 * fmax(1, fabs(par[j]));
				memcpy(tp, par, m2 * sizeof *tp);
				tp[j] = par[j] + h;
				full_gradient(&M, tp, outs, gp);
				tp[j] = par[j] - h;
				full_gradient(&M, tp, outs, gm);
				for (size_t l = 0; l < m2; l++)
					Hm[l * m2 + j] = -(gp[l] - gm[l]) / (2 * h);
			}
			for (size_t j = 0; j < m2; j++) /* symmetrise */
				for (size_t l = 0; l < j; l++)
					Hm[j * m2 + l] = Hm[l * m2 + j] =
						0.5 * (Hm[j * m2 + l] + Hm[l * m2 + j]);
			if (psy_cholesky(Hm, m2) != 0) {
				fit->se_full = false;
				break;
			}
			full_gradient(&M, par, outs, g);
			double gmax = 0;
			for (size_t j = 0; j < m2; j++)
				gmax = fmax(gmax, fabs(g[j]));
			if (polish == 2 || gmax < 1e-6) {
				cov = arena_array(a, psy_mul(m2, m2), sizeof *cov);
				psy_chol_inverse(Hm, m2, cov);
				break;
			}
			psy_chol_solve(Hm, m2, g);
			double smax = 0;
			for (size_t j = 0; j < m2; j++)
				smax = fmax(smax, fabs(g[j]));
			if (smax > 0.5) /* too far for a Newton polish: keep the EM answer */
				continue;
			for (size_t j = 0; j < m2; j++)
				par[j] += g[j];
		}
		ll = estep(&M, par, outs, false);
	}
	if (!fit->se_full || !cov) {
		fit->se_full = false;
		ll = estep(&M, par, outs, true);
	}
	for (size_t i = 0; i < k; i++) {
		double av = par[2 * i], cv = par[2 * i + 1];
		double vaa, vac, vcc;
		if (cov) {
			vaa = cov[(2 * i) * m2 + 2 * i], vac = cov[(2 * i) * m2 + 2 * i + 1],
			vcc = cov[(2 * i + 1) * m2 + 2 * i + 1];
		} else {
			double g[2], I[3];
			item_derivs(&M, &outs[0], i, av, cv, g, I);
			double Oa = I[0] - outs[0].blk[3 * i], Ob = I[1] - outs[0].blk[3 * i + 1],
			       Oc = I[2] - outs[0].blk[3 * i + 2], det = Oa * Oc - Ob * Ob;
			vaa = det > 0 ? Oc / det : NAN, vac = det > 0 ? -Ob / det : NAN,
			vcc = det > 0 ? Oa / det : NAN;
		}
		/* delta method for b = -c/a: db/da = c/a^2, db/dc = -1/a */
		double ja = cv / (av * av), jc = -1 / av;
		double vb = ja * ja * vaa + 2 * ja * jc * vac + jc * jc * vcc;
		items[i] = (psy_item){.a = av,
				      .b = -cv / av,
				      .se_a = vaa > 0 ? sqrt(vaa) : NAN,
				      .se_b = vb > 0 ? sqrt(vb) : NAN,
				      .infit = NAN,
				      .outfit = NAN};
	}
	fit->loglik = ll;
	fit->iterations = iter;
	fit->converged = converged;
	if (!converged)
		return PSY_ERR(e, "psy_no_convergence", "EM 算法在 %d 次迭代内未收敛",
			       "EM did not converge in %d cycles", max_iter);
	return 0;
}
