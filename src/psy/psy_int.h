/* psy_int.h: helpers shared by the files of src/psy (not part of the engine's interface). */
#ifndef JINENG_PSY_INT_H
#define JINENG_PSY_INT_H

#include "psy/psy.h"
#include <math.h>

/* Neumaier's compensated sum (the improved Kahan-Babuska step, as in SQLite's func.c) */
typedef struct ksum {
	double s, c;
} ksum;

static inline void ksum_add(ksum *k, double x)
{
	double t = k->s + x;
	if (fabs(k->s) >= fabs(x))
		k->c += (k->s - t) + x;
	else
		k->c += (x - t) + k->s;
	k->s = t;
}

static inline double ksum_get(const ksum *k)
{
	return k->s + k->c;
}

static inline double psy_logistic(double z)
{
	if (z >= 0)
		return 1.0 / (1.0 + exp(-z));
	double ez = exp(z);
	return ez / (1.0 + ez);
}

/* overflow-checked a * b for array sizes; aborts like the arena does on overflow */
static inline size_t psy_mul(size_t a, size_t b)
{
	if (b && a > SIZE_MAX / b)
		BUG("psychometrics array size overflow");
	return a * b;
}

#define PSY_ERR(e, code, zh, en, ...) err_set((e), 422, (code), NULL, (zh), (en), ##__VA_ARGS__)

/* Cholesky factorisation of the symmetric positive definite m x m matrix A (lower triangle, in place);
 * returns -1 when A is not positive definite. */
int psy_cholesky(double *A, size_t m);
/* solves L L' x = b in place */
void psy_chol_solve(const double *L, size_t m, double *b);
/* inverse of A from its Cholesky factor L (inv must hold m*m) */
void psy_chol_inverse(const double *L, size_t m, double *inv);

#endif
