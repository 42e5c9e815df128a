/* forecast.h: next year's supply of an occupation in a city — Holt's linear exponential smoothing of the
 * running 12-month sums of a monthly series, next year's total with a prediction interval, the back-test that
 * validates it, and its error (MAPE). Pure: no I/O. Method and sources: docs/DOMAIN.md §59.
 *
 * The model (Holt 1957; Hyndman & Athanasopoulos, Forecasting: Principles and Practice, 3rd ed., §8.2 and
 * §8.7, ETS(A,A,N)), for a series y_1 … y_n:
 *   start      l_1 = y_1, b_1 = y_2 - y_1
 *   t = 2 … n  ŷ_t = l_{t-1} + b_{t-1}, e_t = y_t - ŷ_t,
 *              l_t = α y_t + (1 - α)(l_{t-1} + b_{t-1}), b_t = β*(l_t - l_{t-1}) + (1 - β*) b_{t-1}
 *   σ² = Σ_{t=3..n} e_t² / (n - 2)   (e_2 is 0 by the start)
 * α and β* are chosen on the grid {0.1, 0.2, …, 0.9}² by the least sum of squared one-step errors (the first
 * in α-then-β* order on a tie). h steps ahead: l_n + h b_n, with Var = σ² (1 + Σ_{j=1}^{h-1} (α + β j)²),
 * β = α β* (the error-correction form). Every bound is cut at 0: a supply is never negative.
 *
 * Next year's supply (forecast_year): the model is fitted to the running sums of H = 12 months,
 * r_t = y_{t-H+1} + … + y_t (the seasons and most of the monthly noise cancel in them), and next year's
 * total is r's value H months ahead, l + H b, with the interval ± z √Var_H. The running sums overlap, so
 * their errors are correlated and the interval is an approximation; the back-test reports how often it
 * covered. */
#ifndef JINENG_CORE_FORECAST_H
#define JINENG_CORE_FORECAST_H

#include "util/common.h"

struct holt_fit {
	double alpha, beta;  /* α and β* (the smoothing form) */
	double level, trend; /* l_n, b_n */
	double sse, sigma2;  /* Σ e_t² over t = 3..n, and σ² = sse / (n - 2) */
	size_t n;	     /* points fitted */
};

struct forecast_sum {
	double point, lo, hi; /* S and its interval, each ≥ 0 */
	double var;	      /* Var(S) */
};

/* holt_fit_with: the fit of y[0..n-1] with the given α, β* (each in (0, 1]); -1 when n < 3 or a value is
 * not finite */
int holt_fit_with(const double *y, size_t n, double alpha, double beta, struct holt_fit *out);
/* holt_fit_best: the fit with α, β* chosen on the grid; -1 when n < 3 */
int holt_fit_best(const double *y, size_t n, struct holt_fit *out);
/* holt_step: the h-th month ahead alone (h ≥ 1): l_n + h b_n, Var = σ² (1 + Σ_{j=1}^{h-1} (α + β j)²),
 * β = α β* (FPP §8.7, ETS(A,A,N)); the chart's band */
void holt_step(const struct holt_fit *f, int h, double z, struct forecast_sum *out);
/* forecast_year: the total of the h months after y[0..n-1] (h ≥ 1): the grid's fit of the running h-month
 * sums and their value h months ahead, with its interval at z (1.96: 95 %); -1 when there are fewer than 3
 * running sums (n < h + 2) */
int forecast_year(const double *y, size_t n, int h, double z, struct holt_fit *fit, struct forecast_sum *out);
/* forecast_backtest: forecast_year of y[0..n-h-1] against the actual total of the last h months; -1 when the
 * months before them are too few */
int forecast_backtest(const double *y, size_t n, int h, double z, struct forecast_sum *pred, double *actual);

/* the error of a back-test over many series: the mean absolute percentage error over the series whose actual
 * is above 0, and how many actuals fell inside their interval */
struct backtest_score {
	size_t series;	/* back-tests added */
	size_t scored;	/* of them with actual > 0 (in the MAPE) */
	size_t covered; /* actual within [lo, hi] */
	double ape_sum; /* Σ |S - A| / A */
};
void backtest_add(struct backtest_score *s, const struct forecast_sum *pred, double actual);
/* backtest_mape_pct: 100 × ape_sum / scored; -1 when nothing was scored */
double backtest_mape_pct(const struct backtest_score *s);
/* backtest_coverage_pct: 100 × covered / series; -1 when there was no series */
double backtest_coverage_pct(const struct backtest_score *s);

#endif
