/* forecast.c: Holt's linear exponential smoothing, the sum of the next months with its interval, the
 * back-test and its error (core/forecast.h; docs/DOMAIN.md §59). */
#include "util/common.h"
#include "core/forecast.h"
#include <math.h>
#include <stdlib.h>

int holt_fit_with(const double *y, size_t n, double alpha, double beta, struct holt_fit *out)
{
	if (!y || n < 3 || !(alpha > 0 && alpha <= 1) || !(beta > 0 && beta <= 1))
		return -1;
	for (size_t i = 0; i < n; i++)
		if (!isfinite(y[i]))
			return -1;
	double l = y[0], b = y[1] - y[0], sse = 0;
	for (size_t t = 1; t < n; t++) {
		double e = y[t] - (l + b);
		if (t >= 2)
			sse += e * e;
		double l1 = alpha * y[t] + (1 - alpha) * (l + b);
		b = beta * (l1 - l) + (1 - beta) * b;
		l = l1;
	}
	*out = (struct holt_fit){.alpha = alpha,
				 .beta = beta,
				 .level = l,
				 .trend = b,
				 .sse = sse,
				 .sigma2 = sse / (double)(n - 2),
				 .n = n};
	return 0;
}

int holt_fit_best(const double *y, size_t n, struct holt_fit *out)
{
	bool have = false;
	for (int a = 1; a <= 9; a++)
		for (int bb = 1; bb <= 9; bb++) {
			struct holt_fit f;
			if (holt_fit_with(y, n, a / 10.0, bb / 10.0, &f) != 0)
				return -1;
			if (!have || f.sse < out->sse) {
				*out = f;
				have = true;
			}
		}
	return 0;
}

static void bounded(double s, double var, double z, struct forecast_sum *out)
{
	double half = z * sqrt(var);
	out->var = var;
	out->point = s > 0 ? s : 0;
	out->lo = s - half > 0 ? s - half : 0;
	out->hi = s + half > 0 ? s + half : 0;
}

void holt_step(const struct holt_fit *f, int h, double z, struct forecast_sum *out)
{
	double w = 1, beta = f->alpha * f->beta;
	for (int j = 1; j < h; j++) {
		double c = f->alpha + beta * j;
		w += c * c;
	}
	bounded(f->level + h * f->trend, f->sigma2 * w, z, out);
}

int forecast_year(const double *y, size_t n, int h, double z, struct holt_fit *fit, struct forecast_sum *out)
{
	if (!y || h < 1 || n < (size_t)h + 2)
		return -1;
	size_t m = n - (size_t)h + 1;
	double *r = malloc(m * sizeof *r);
	if (!r)
		return -1;
	double run = 0;
	for (size_t i = 0; i < (size_t)h; i++)
		run += y[i];
	r[0] = run;
	for (size_t t = (size_t)h; t < n; t++) {
		run += y[t] - y[t - (size_t)h];
		r[t - (size_t)h + 1] = run;
	}
	int rc = holt_fit_best(r, m, fit);
	free(r);
	if (rc != 0)
		return -1;
	holt_step(fit, h, z, out);
	return 0;
}

int forecast_backtest(const double *y, size_t n, int h, double z, struct forecast_sum *pred, double *actual)
{
	struct holt_fit f;
	if (h < 1 || n < (size_t)h || forecast_year(y, n - (size_t)h, h, z, &f, pred) != 0)
		return -1;
	double a = 0;
	for (size_t i = n - (size_t)h; i < n; i++)
		a += y[i];
	*actual = a;
	return 0;
}

void backtest_add(struct backtest_score *s, const struct forecast_sum *pred, double actual)
{
	s->series++;
	if (actual >= pred->lo && actual <= pred->hi)
		s->covered++;
	if (actual > 0) {
		s->scored++;
		s->ape_sum += fabs(pred->point - actual) / actual;
	}
}

double backtest_mape_pct(const struct backtest_score *s)
{
	return s->scored ? 100.0 * s->ape_sum / (double)s->scored : -1;
}

double backtest_coverage_pct(const struct backtest_score *s)
{
	return s->series ? 100.0 * (double)s->covered / (double)s->series : -1;
}
