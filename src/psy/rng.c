/* rng.c: xoshiro256** (Blackman & Vigna 2018) seeded through splitmix64, and small linear algebra. */
#include "util/common.h"
#include "psy/psy_int.h"

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

void psy_rng_seed(psy_rng *r, uint64_t seed)
{
	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&seed);
}

static inline uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t psy_rng_next(psy_rng *r)
{
	uint64_t *s = r->s;
	uint64_t out = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return out;
}

double psy_rng_uniform(psy_rng *r)
{
	return (double)(psy_rng_next(r) >> 11) * 0x1.0p-53;
}

double psy_rng_normal(psy_rng *r)
{
	double u, v, s;
	do {
		u = 2 * psy_rng_uniform(r) - 1;
		v = 2 * psy_rng_uniform(r) - 1;
		s = u * u + v * v;
	} while (s >= 1 || s == 0);
	return u * sqrt(-2 * log(s) / s);
}

size_t psy_rng_below(psy_rng *r, size_t n)
{
	uint64_t lim = UINT64_MAX - UINT64_MAX % n, x;
	do
		x = psy_rng_next(r);
	while (x >= lim);
	return (size_t)(x % n);
}

int psy_cholesky(double *A, size_t m)
{
	for (size_t j = 0; j < m; j++) {
		double d = A[j * m + j];
		for (size_t k = 0; k < j; k++)
			d -= A[j * m + k] * A[j * m + k];
		if (!(d > 1e-300) || !isfinite(d))
			return -1;
		d = sqrt(d);
		A[j * m + j] = d;
		for (size_t i = j + 1; i < m; i++) {
			double s = A[i * m + j];
			for (size_t k = 0; k < j; k++)
				s -= A[i * m + k] * A[j * m + k];
			A[i * m + j] = s / d;
		}
	}
	return 0;
}

void psy_chol_solve(const double *L, size_t m, double *b)
{
	for (size_t i = 0; i < m; i++) {
		double s = b[i];
		for (size_t k = 0; k < i; k++)
			s -= L[i * m + k] * b[k];
		b[i] = s / L[i * m + i];
	}
	for (size_t i = m; i-- > 0;) {
		double s = b[i];
		for (size_t k = i + 1; k < m; k++)
			s -= L[k * m + i] * b[k];
		b[i] = s / L[i * m + i];
	}
}

void psy_chol_inverse(const double *L, size_t m, double *inv)
{
	for (size_t j = 0; j < m; j++) {
		double *col = inv + j * m; /* column j, stored as row j (the inverse is symmetric) */
		for (size_t i = 0; i < m; i++)
			col[i] = i == j;
		psy_chol_solve(L, m, col);
	}
}
