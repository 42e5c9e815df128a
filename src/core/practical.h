/* 操作技能考核 and 综合评审 scoring rules (pure; docs/DOMAIN.md §20): panels of at least three examiners, an
 * odd number, all 高级考评员 for levels 2 and 1; each criterion's score is the panel mean; a spread above a
 * threshold is flagged to the 考评组长; a ★ key criterion whose mean is below 60 % of its points fails the
 * whole part (its score is then recorded as at most 59). */
#ifndef JINENG_CORE_PRACTICAL_H
#define JINENG_CORE_PRACTICAL_H
#include <stdbool.h>

#define PRACTICAL_MAX_CRITERIA 32
#define PRACTICAL_MAX_PANEL    15

struct criterion {
	double points;
	bool star;
};

struct panel_result {
	double score; /* out of 100 */
	double mean[PRACTICAL_MAX_CRITERIA];
	bool spread[PRACTICAL_MAX_CRITERIA];
	bool star_failed;
	int star_index; /* the first failed ★ criterion, or -1 */
};

/* 0 when a panel of n examiners (seniors of them 高级考评员) may score level `level`; else a reason code */
const char *panel_problem(int n, int seniors, int level);
/* scores[e * nc + c]: examiner e's score for criterion c (0..points); spread_pct: e.g. 0.2 of the points */
int practical_aggregate(const struct criterion *c, int nc, const double *scores, int nexam, double spread_pct,
			struct panel_result *r);

#endif
