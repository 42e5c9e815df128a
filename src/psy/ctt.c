/* ctt.c: classical item analysis (difficulty p, point-biserial, corrected item-total correlation,
 * Cronbach's alpha / KR-20 and alpha if an item is dropped) and distractor analysis. */
#include "util/common.h"
#include "psy/psy_int.h"

static double corr(double cov, double v1, double v2)
{
	if (!(v1 > 0) || !(v2 > 0))
		return NAN;
	return cov / sqrt(v1 * v2);
}

/* Complete data: every statistic follows from exact integer sums, O(n k). */
static void ctt_complete(const psy_data *d, psy_ctt_item *items, psy_ctt_result *res, arena *a)
{
	size_t n = d->n, k = d->k;
	uint64_t *sx = arena_array(a, k, sizeof *sx), *sxX = arena_array(a, k, sizeof *sxX);
	uint64_t sX = 0, sXX = 0;
	for (size_t p = 0; p < n; p++) {
		const int8_t *row = d->x + p * k;
		uint64_t X = 0;
		for (size_t i = 0; i < k; i++)
			X += (uint64_t)row[i];
		for (size_t i = 0; i < k; i++)
			if (row[i]) {
				sx[i]++;
				sxX[i] += X;
			}
		sX += X;
		sXX += X * X;
	}
	long double N = (long double)n, den = N * (N - 1);
	double varX = n > 1 ? (double)((N * sXX - (long double)sX * sX) / den) : NAN;
	ksum sumvar = {0};
	double *var = arena_array(a, k, sizeof *var), *cov = arena_array(a, k, sizeof *cov);
	for (size_t i = 0; i < k; i++) {
		var[i] = n > 1 ? (double)((N * sx[i] - (long double)sx[i] * sx[i]) / den) : NAN;
		cov[i] = n > 1 ? (double)((N * sxX[i] - (long double)sx[i] * sX) / den) : NAN;
		ksum_add(&sumvar, var[i]);
	}
	double sv = ksum_get(&sumvar);
	res->alpha = k >= 2 && varX > 0 ? (double)k / (double)(k - 1) * (1 - sv / varX) : NAN;
	for (size_t i = 0; i < k; i++) {
		psy_ctt_item *it = &items[i];
		it->n = n;
		it->p = n ? (double)sx[i] / (double)n : NAN;
		it->r_pbis = corr(cov[i], var[i], varX);
		double vrest = varX - 2 * cov[i] + var[i];
		it->r_drop = corr(cov[i] - var[i], var[i], vrest);
		it->alpha_if_dropped =
			k >= 3 && vrest > 0 ? (double)(k - 1) / (double)(k - 2) * (1 - (sv - var[i]) / vrest)
					    : NAN;
	}
}

/* Missing cells: prorated totals, per-item statistics over respondents, pairwise-complete covariances. */
static void ctt_missing(const psy_data *d, psy_ctt_item *items, psy_ctt_result *res, arena *a)
{
	size_t n = d->n, k = d->k;
	double *X = arena_array(a, n, sizeof *X);
	uint32_t *m = arena_array(a, n, sizeof *m), *c = arena_array(a, n, sizeof *c);
	for (size_t p = 0; p < n; p++) {
		const int8_t *row = d->x + p * k;
		for (size_t i = 0; i < k; i++)
			if (row[i] != PSY_NA) {
				m[p]++;
				c[p] += (uint32_t)row[i];
			}
		X[p] = m[p] ? (double)k * c[p] / m[p] : NAN;
	}
	/* pairwise counts: both answered, sum of x_i and x_i x_j over those */
	size_t kk = psy_mul(k, k);
	uint64_t *nn = arena_array(a, kk, sizeof *nn), *s1 = arena_array(a, kk, sizeof *s1),
		 *s11 = arena_array(a, kk, sizeof *s11);
	size_t *pres = arena_array(a, k, sizeof *pres);
	for (size_t p = 0; p < n; p++) {
		const int8_t *row = d->x + p * k;
		size_t np = 0;
		for (size_t i = 0; i < k; i++)
			if (row[i] != PSY_NA)
				pres[np++] = i;
		for (size_t u = 0; u < np; u++) {
			size_t i = pres[u];
			for (size_t v = 0; v < np; v++) {
				size_t j = pres[v];
				nn[i * k + j]++;
				s1[i * k + j] += (uint64_t)row[i];
				s11[i * k + j] += (uint64_t)(row[i] & row[j]);
			}
		}
	}
	ksum tot = {0}, diag = {0};
	double *C = arena_array(a, kk, sizeof *C), *rowsum = arena_array(a, k, sizeof *rowsum);
	for (size_t i = 0; i < k; i++) {
		ksum rs = {0};
		for (size_t j = 0; j < k; j++) {
			double N = (double)nn[i * k + j];
			double cij = N > 1 ? ((double)s11[i * k + j] -
					      (double)s1[i * k + j] * (double)s1[j * k + i] / N) /
						     (N - 1)
					   : 0;
			C[i * k + j] = cij;
			ksum_add(&rs, cij);
		}
		rowsum[i] = ksum_get(&rs);
		ksum_add(&tot, rowsum[i]);
		ksum_add(&diag, C[i * k + i]);
	}
	double T = ksum_get(&tot), D = ksum_get(&diag);
	res->alpha = k >= 2 && T > 0 ? (double)k / (double)(k - 1) * (1 - D / T) : NAN;
	for (size_t i = 0; i < k; i++) {
		psy_ctt_item *it = &items[i];
		ksum sx = {0}, sX = {0}, sXX = {0}, sxX = {0}, sR = {0}, sRR = {0}, sxR = {0};
		size_t ni = 0, nr = 0;
		for (size_t p = 0; p < n; p++) {
			int8_t x = d->x[p * k + i];
			if (x == PSY_NA)
				continue;
			ni++;
			ksum_add(&sx, x);
			ksum_add(&sX, X[p]);
			ksum_add(&sXX, X[p] * X[p]);
			ksum_add(&sxX, x * X[p]);
			if (m[p] > 1) {
				double R = (double)(k - 1) * (c[p] - (uint32_t)x) / (m[p] - 1);
				nr++;
				ksum_add(&sR, R);
				ksum_add(&sRR, R * R);
				ksum_add(&sxR, x * R);
			}
		}
		it->n = ni;
		double N = (double)ni, mx = ni ? ksum_get(&sx) / N : NAN;
		it->p = mx;
		double vx = mx * (1 - mx), vX = ksum_get(&sXX) / N - pow(ksum_get(&sX) / N, 2),
		       cxX = ksum_get(&sxX) / N - mx * ksum_get(&sX) / N;
		it->r_pbis = ni > 1 ? corr(cxX, vx, vX) : NAN;
		/* r_drop over respondents who answered another item too (nr of them) */
		double Nr = (double)nr;
		if (nr > 1) {
			double mr = ksum_get(&sR) / Nr, vR = ksum_get(&sRR) / Nr - mr * mr;
			/* mean and variance of x over the same persons */
			ksum sx2 = {0};
			for (size_t p = 0; p < n; p++) {
				int8_t x = d->x[p * k + i];
				if (x != PSY_NA && m[p] > 1)
					ksum_add(&sx2, x);
			}
			double mx2 = ksum_get(&sx2) / Nr;
			it->r_drop = corr(ksum_get(&sxR) / Nr - mx2 * mr, mx2 * (1 - mx2), vR);
		} else {
			it->r_drop = NAN;
		}
		double Ti = T - 2 * rowsum[i] + C[i * k + i], Di = D - C[i * k + i];
		it->alpha_if_dropped =
			k >= 3 && Ti > 0 ? (double)(k - 1) / (double)(k - 2) * (1 - Di / Ti) : NAN;
	}
}

int psy_ctt(const psy_data *d, psy_ctt_item *items, psy_ctt_result *res, arena *a, err *e)
{
	if (d->n == 0 || d->k == 0)
		return PSY_ERR(e, "psy_empty", "没有可分析的作答数据", "no responses to analyse");
	size_t cells = psy_mul(d->n, d->k), missing = 0;
	for (size_t c = 0; c < cells; c++) {
		int8_t x = d->x[c];
		if (x == PSY_NA)
			missing++;
		else if (x != 0 && x != 1)
			return PSY_ERR(e, "psy_bad_cell", "作答只能是 0、1 或缺失",
				       "responses must be 0, 1 or missing");
	}
	/* persons with no response at all take no part */
	size_t *keep = NULL, nk = 0;
	const int8_t *x = d->x;
	if (missing) {
		keep = arena_array(a, d->n, sizeof *keep);
		for (size_t p = 0; p < d->n; p++) {
			size_t i = 0;
			while (i < d->k && d->x[p * d->k + i] == PSY_NA)
				i++;
			if (i < d->k)
				keep[nk++] = p;
		}
		if (nk == 0)
			return PSY_ERR(e, "psy_empty", "所有单元格都是空的", "every cell is empty");
		if (nk < d->n) {
			int8_t *y = arena_array(a, psy_mul(nk, d->k), 1);
			for (size_t u = 0; u < nk; u++)
				memcpy(y + u * d->k, d->x + keep[u] * d->k, d->k);
			x = y;
		}
	} else {
		nk = d->n;
	}
	psy_data dd = {.n = nk, .k = d->k, .x = x};
	res->n_persons = nk;
	res->pairwise = missing > 0;
	if (missing)
		ctt_missing(&dd, items, res, a);
	else
		ctt_complete(&dd, items, res, a);
	return 0;
}

static int cmp_desc_score(const void *pa, const void *pb)
{
	const uint64_t *a = pa, *b = pb; /* packed (score << 32 | ~index) */
	return *a < *b ? 1 : *a > *b ? -1 : 0;
}

int psy_distractors(size_t n, size_t k, const int8_t *opt, const int8_t *key, int n_opt, psy_option_stat *out,
		    arena *a, err *e)
{
	if (n == 0 || k == 0)
		return PSY_ERR(e, "psy_empty", "没有可分析的作答数据", "no responses to analyse");
	if (n_opt < 2 || n_opt > 8)
		return PSY_ERR(e, "psy_bad_options", "选项数应为 2 到 8",
			       "the number of options must be 2 to 8");
	for (size_t i = 0; i < k; i++)
		if (key[i] < 0 || key[i] >= n_opt)
			return PSY_ERR(e, "psy_bad_key", "第 %zu 题的答案不在选项范围内",
				       "the key of item %zu is not one of the options", i + 1);
	uint32_t *total = arena_array(a, n, sizeof *total);
	for (size_t p = 0; p < n; p++)
		for (size_t i = 0; i < k; i++) {
			int8_t o = opt[p * k + i];
			if (o != PSY_NA && (o < 0 || o >= n_opt))
				return PSY_ERR(e, "psy_bad_option", "第 %zu 人第 %zu 题的选项超出范围",
					       "person %zu, item %zu: option out of range", p + 1, i + 1);
			total[p] += o == key[i];
		}
	/* upper and lower 27% by total score (ties broken by row order) */
	uint64_t *rank = arena_array(a, n, sizeof *rank);
	for (size_t p = 0; p < n; p++)
		rank[p] = (uint64_t)total[p] << 32 | (uint32_t) ~(uint32_t)p;
	qsort(rank, n, sizeof *rank, cmp_desc_score);
	size_t g = (size_t)ceil(0.27 * (double)n);
	int8_t *grp = arena_array(a, n, 1); /* 1 upper, -1 lower */
	for (size_t r = 0; r < g; r++) {
		grp[~(uint32_t)rank[r]] = 1;
		grp[~(uint32_t)rank[n - 1 - r]] = grp[~(uint32_t)rank[n - 1 - r]] == 1 ? 0 : -1;
	}
	size_t nup = 0, nlo = 0;
	for (size_t p = 0; p < n; p++)
		nup += grp[p] == 1, nlo += grp[p] == -1;
	for (size_t i = 0; i < k; i++) {
		size_t cnt[8] = {0}, up[8] = {0}, lo[8] = {0};
		ksum sum[8] = {{0}};
		for (size_t p = 0; p < n; p++) {
			int8_t o = opt[p * k + i];
			if (o == PSY_NA)
				continue;
			cnt[o]++;
			ksum_add(&sum[o], total[p]);
			up[o] += grp[p] == 1;
			lo[o] += grp[p] == -1;
		}
		double key_mean = cnt[key[i]] ? ksum_get(&sum[key[i]]) / (double)cnt[key[i]] : NAN;
		for (int o = 0; o < n_opt; o++) {
			psy_option_stat *s = &out[i * (size_t)n_opt + (size_t)o];
			s->n = cnt[o];
			s->share = (double)cnt[o] / (double)n;
			s->mean_total = cnt[o] ? ksum_get(&sum[o]) / (double)cnt[o] : NAN;
			s->p_upper = nup ? (double)up[o] / (double)nup : NAN;
			s->p_lower = nlo ? (double)lo[o] / (double)nlo : NAN;
			s->is_key = o == key[i];
			s->flagged = !s->is_key && cnt[o] > 0 &&
				     (s->p_upper > s->p_lower ||
				      (key_mean == key_mean && s->mean_total >= key_mean));
		}
	}
	return 0;
}

/* Option discrimination on per-candidate forms: for item i and option o, the Pearson (point-biserial)
 * correlation between "chose o" and the rest score (proportion correct on the person's other answered
 * items) over the persons given item i with an option recorded. Two passes of compensated sums. */
int psy_option_r(const psy_data *d, const int8_t *opt, const int8_t *key, int n_opt, size_t *count, double *r,
		 arena *a, err *e)
{
	size_t n = d->n, k = d->k, no = (size_t)n_opt;
	if (n_opt < 2 || n_opt > 8)
		return PSY_ERR(e, "psy_bad_options", "选项数应为 2 到 8",
			       "the number of options must be 2 to 8");
	double *right = arena_array(a, n, sizeof *right), *given = arena_array(a, n, sizeof *given);
	for (size_t p = 0; p < n; p++)
		for (size_t i = 0; i < k; i++) {
			int8_t x = d->x[p * k + i];
			if (x == PSY_NA)
				continue;
			given[p] += 1;
			right[p] += x;
		}
	for (size_t i = 0; i < k; i++) {
		size_t m = 0;
		ksum sr = {0}, srr = {0};
		ksum so[8] = {{0}}, sor[8] = {{0}};
		size_t cnt[8] = {0};
		for (size_t p = 0; p < n; p++) {
			int8_t o = opt[p * k + i], x = d->x[p * k + i];
			if (o == PSY_NA || x == PSY_NA || key[i] < 0 || given[p] < 2)
				continue;
			if (o < 0 || o >= n_opt)
				return PSY_ERR(e, "psy_bad_option", "第 %zu 人第 %zu 题的选项超出范围",
					       "person %zu, item %zu: option out of range", p + 1, i + 1);
			double rest = (right[p] - x) / (given[p] - 1);
			m++;
			ksum_add(&sr, rest);
			ksum_add(&srr, rest * rest);
			cnt[o]++;
			ksum_add(&so[o], 1);
			ksum_add(&sor[o], rest);
		}
		for (size_t o = 0; o < no; o++) {
			count[i * no + o] = cnt[o];
			r[i * no + o] = NAN;
			if (m < 2 || !cnt[o] || cnt[o] == m)
				continue;
			double M = (double)m, mr = ksum_get(&sr) / M, vr = ksum_get(&srr) / M - mr * mr;
			double po = (double)cnt[o] / M, mo = ksum_get(&sor[o]) / (double)cnt[o];
			if (vr > 1e-15)
				r[i * no + o] = (mo - mr) * sqrt(po / (1 - po)) / sqrt(vr);
		}
	}
	return 0;
}
