/* score.c: ability estimates for calibrated items. EAP with a N(0,1) prior on a fixed grid, bounded
 * maximum likelihood (Newton-Raphson with a bisection safeguard), and the summed-score to θ table by the
 * Lord-Wingersky (1984) recursion. */
#include "util/common.h"
#include "psy/psy_int.h"

#define EAP_Q 81

double psy_prob(const psy_item *it, double theta)
{
	return psy_logistic(it->a * (theta - it->b));
}

double psy_info(const psy_item *it, double theta)
{
	double P = psy_prob(it, theta);
	return it->a * it->a * P * (1 - P);
}

void psy_eap(size_t k, const psy_item *items, const int8_t *x, double *theta, double *se)
{
	double lw[EAP_Q], th[EAP_Q], mx = -INFINITY;
	for (int q = 0; q < EAP_Q; q++) {
		th[q] = PSY_THETA_MIN + (PSY_THETA_MAX - PSY_THETA_MIN) * q / (EAP_Q - 1);
		double l = -0.5 * th[q] * th[q];
		for (size_t i = 0; i < k; i++) {
			if (x[i] == PSY_NA)
				continue;
			double z = items[i].a * (th[q] - items[i].b);
			/* log P or log(1-P) without overflow */
			l += x[i] ? (z >= 0 ? -log1p(exp(-z)) : z - log1p(exp(z)))
				  : (z >= 0 ? -z - log1p(exp(-z)) : -log1p(exp(z)));
		}
		lw[q] = l;
		if (l > mx)
			mx = l;
	}
	ksum s0 = {0}, s1 = {0}, s2 = {0};
	for (int q = 0; q < EAP_Q; q++) {
		double w = exp(lw[q] - mx);
		ksum_add(&s0, w);
		ksum_add(&s1, w * th[q]);
		ksum_add(&s2, w * th[q] * th[q]);
	}
	double m = ksum_get(&s1) / ksum_get(&s0), v = ksum_get(&s2) / ksum_get(&s0) - m * m;
	*theta = m;
	*se = v > 0 ? sqrt(v) : 0;
}

size_t psy_mle(size_t k, const psy_item *items, const int8_t *x, double *theta, double *se)
{
	size_t n = 0, r = 0;
	for (size_t i = 0; i < k; i++)
		if (x[i] != PSY_NA)
			n++, r += (size_t)x[i];
	double lo = PSY_THETA_MIN, hi = PSY_THETA_MAX, th = 0;
	if (n == 0) {
		*theta = NAN;
		*se = NAN;
		return 0;
	}
	/* score function S(θ) = Σ a_i (x_i - P_i(θ)) is decreasing in θ when every a_i > 0 */
	if (r == 0 || r == n) {
		th = r == 0 ? lo : hi;
	} else {
		for (int it = 0; it < 100; it++) {
			double S = 0, I = 0;
			for (size_t i = 0; i < k; i++) {
				if (x[i] == PSY_NA)
					continue;
				double P = psy_prob(&items[i], th);
				S += items[i].a * (x[i] - P);
				I += items[i].a * items[i].a * P * (1 - P);
			}
			if (S > 0)
				lo = th;
			else
				hi = th;
			double nt = I > 0 ? th + S / I : NAN;
			if (!(nt > lo && nt < hi))
				nt = 0.5 * (lo + hi); /* Newton left the bracket: bisect */
			if (fabs(nt - th) < 1e-10) {
				th = nt;
				break;
			}
			th = nt;
		}
	}
	double I = 0;
	for (size_t i = 0; i < k; i++)
		if (x[i] != PSY_NA)
			I += psy_info(&items[i], th);
	*theta = th;
	*se = I > 0 ? 1 / sqrt(I) : INFINITY;
	return n;
}

void psy_sum_table(size_t k, const psy_item *items, double *theta, double *se, double *prop, arena *a)
{
	/* L[q][s]: probability of summed score s at θ_q, built item by item */
	size_t Q = EAP_Q;
	double *L = arena_array(a, Q * (k + 1), sizeof *L), *th = arena_array(a, Q, sizeof *th),
	       *w = arena_array(a, Q, sizeof *w);
	double wsum = 0;
	for (size_t q = 0; q < Q; q++) {
		th[q] = PSY_THETA_MIN + (PSY_THETA_MAX - PSY_THETA_MIN) * (double)q / (double)(Q - 1);
		w[q] = exp(-0.5 * th[q] * th[q]);
		wsum += w[q];
	}
	for (size_t q = 0; q < Q; q++) {
		double *l = L + q * (k + 1);
		l[0] = 1;
		for (size_t i = 0; i < k; i++) {
			double P = psy_prob(&items[i], th[q]);
			l[i + 1] = l[i] * P;
			for (size_t s = i; s >= 1; s--)
				l[s] = l[s] * (1 - P) + l[s - 1] * P;
			l[0] *= 1 - P;
		}
	}
	for (size_t s = 0; s <= k; s++) {
		ksum s0 = {0}, s1 = {0}, s2 = {0};
		for (size_t q = 0; q < Q; q++) {
			double v = w[q] / wsum * L[q * (k + 1) + s];
			ksum_add(&s0, v);
			ksum_add(&s1, v * th[q]);
			ksum_add(&s2, v * th[q] * th[q]);
		}
		double p = ksum_get(&s0), m = p > 0 ? ksum_get(&s1) / p : NAN,
		       var = p > 0 ? ksum_get(&s2) / p - m * m : NAN;
		theta[s] = m;
		se[s] = var > 0 ? sqrt(var) : 0;
		prop[s] = p;
	}
}

void psy_simulate(size_t n, size_t k, const psy_item *items, uint64_t seed, int8_t *x, double *theta)
{
	psy_rng r;
	psy_rng_seed(&r, seed);
	for (size_t p = 0; p < n; p++) {
		double th = psy_rng_normal(&r);
		if (theta)
			theta[p] = th;
		for (size_t i = 0; i < k; i++)
			x[p * k + i] = (int8_t)(psy_rng_uniform(&r) < psy_prob(&items[i], th));
	}
}
