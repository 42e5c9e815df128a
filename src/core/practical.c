#include "core/practical.h"
#include <string.h>

const char *panel_problem(int n, int seniors, int level)
{
	if (n < 3)
		return "panel_too_small";
	if (n % 2 == 0)
		return "panel_even";
	if (n > PRACTICAL_MAX_PANEL)
		return "panel_too_large";
	if (level <= 2 && seniors < n)
		return "senior_examiners_required";
	return NULL;
}

int practical_aggregate(const struct criterion *c, int nc, const double *scores, int nexam, double spread_pct,
			struct panel_result *r)
{
	memset(r, 0, sizeof *r);
	r->star_index = -1;
	if (nc < 1 || nc > PRACTICAL_MAX_CRITERIA || nexam < 1)
		return -1;
	double got = 0, total = 0;
	for (int k = 0; k < nc; k++) {
		double sum = 0, lo = 1e300, hi = -1e300;
		for (int e = 0; e < nexam; e++) {
			double v = scores[e * nc + k];
			if (v < 0 || v > c[k].points)
				return -1;
			sum += v;
			lo = v < lo ? v : lo;
			hi = v > hi ? v : hi;
		}
		r->mean[k] = sum / nexam;
		r->spread[k] = hi - lo > spread_pct * c[k].points + 1e-9;
		if (c[k].star && r->mean[k] < 0.6 * c[k].points - 1e-9 && r->star_index < 0) {
			r->star_failed = true;
			r->star_index = k;
		}
		got += r->mean[k];
		total += c[k].points;
	}
	r->score = total > 0 ? got * 100.0 / total : 0;
	/* rounded to 0.1 as scores are published */
	r->score = (double)(long)(r->score * 10 + 0.5) / 10;
	if (r->star_failed && r->score > 59)
		r->score = 59;
	return 0;
}
