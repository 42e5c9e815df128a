#include "util/common.h"
#include "core/ws_scale.h"
#include <math.h>

static int dbl_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

int ws_standardise(const double *x, int n, double *out, struct ws_stats *st)
{
	if (n < 1)
		return -1;
	double *s = xmalloc(sizeof *s * (size_t)n);
	double sum = 0;
	for (int i = 0; i < n; i++) {
		s[i] = x[i];
		sum += x[i];
	}
	qsort(s, (size_t)n, sizeof *s, dbl_cmp);
	double median = n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
	free(s);
	double mean = sum / n, ss = 0;
	for (int i = 0; i < n; i++)
		ss += (x[i] - mean) * (x[i] - mean);
	double sd = sqrt(ss / n);
	for (int i = 0; i < n; i++)
		out[i] = sd > 0 ? WS_MEDIAN_POINT + 100.0 * (x[i] - median) / sd : WS_MEDIAN_POINT;
	if (st) {
		st->mean = mean;
		st->median = median;
		st->sd = sd;
	}
	return 0;
}

static int places(int v, bool per_mille, int n)
{
	if (!per_mille)
		return v;
	int k = (int)((long long)n * v / 1000);
	return v > 0 && k < 1 ? 1 : k;
}

int ws_medals(const int *rank, const double *scaled, int n, const struct medal_rules *r, enum medal *medal)
{
	if (r->gold < 0 || r->silver < 0 || r->bronze < 0)
		return -1;
	int g = places(r->gold, r->per_mille, n), s = g + places(r->silver, r->per_mille, n);
	int b = s + places(r->bronze, r->per_mille, n);
	for (int i = 0; i < n; i++) {
		bool floor_ok = r->medal_min <= 0 || scaled[i] >= r->medal_min - 1e-9;
		enum medal m = MEDAL_NONE;
		if (floor_ok && rank[i] <= g)
			m = MEDAL_GOLD;
		else if (floor_ok && rank[i] <= s)
			m = MEDAL_SILVER;
		else if (floor_ok && rank[i] <= b)
			m = MEDAL_BRONZE;
		else if (r->excellence_min >= 0 && scaled[i] >= r->excellence_min - 1e-9)
			m = MEDAL_EXCELLENCE;
		medal[i] = m;
	}
	return 0;
}

const char *medal_code(enum medal m)
{
	switch (m) {
	case MEDAL_GOLD:
		return "gold";
	case MEDAL_SILVER:
		return "silver";
	case MEDAL_BRONZE:
		return "bronze";
	case MEDAL_EXCELLENCE:
		return "excellence";
	default:
		return NULL;
	}
}
