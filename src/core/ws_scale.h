/* 世界技能大赛 standardisation and medals (pure; docs/DOMAIN.md "竞赛评分与成绩"). Within one event (skill)
 * the raw totals are put on the WorldSkills scale with the median competitor at 700:
 *
 *     s_i = 700 + 100 × (x_i − median(x)) / sd(x)        sd = population standard deviation (divisor n)
 *
 * which is the WorldSkills CIS transform 500 + 100 × (x − mean)/sd shifted so that the median maps to 700
 * (the shift is 200 − 100 × (median − mean)/sd). The map is increasing, so order is kept; when every raw
 * total is equal (sd = 0) every contestant gets 700. Scores are rounded half-up to two decimals for display
 * only; ranks come from the raw marks (core/marking.h). */
#ifndef JINENG_CORE_WS_SCALE_H
#define JINENG_CORE_WS_SCALE_H
#include <stdbool.h>

#define WS_MEDIAN_POINT 700.0

struct ws_stats {
	double mean, median, sd;
};

/* out[i] for x[i], n >= 1; st (may be NULL) gets the mean, median and sd. -1 when n < 1. */
int ws_standardise(const double *x, int n, double *out, struct ws_stats *st);

enum medal { MEDAL_NONE = 0, MEDAL_GOLD = 1, MEDAL_SILVER = 2, MEDAL_BRONZE = 3, MEDAL_EXCELLENCE = 4 };

/* The competition's medal rules as data. gold/silver/bronze are numbers of ranks (WorldSkills: 1, 1, 1), or
 * per mille of the entrants when per_mille (a provincial games' 一/二/三等奖 by share: 100, 200, 300 = 10 %,
 * 20 %, 30 %; rounded down, at least 1 when the share is not 0). A medal also needs the scaled score >=
 * medal_min (0: no floor). 优胜奖 (Medallion for Excellence) goes to those without a medal whose scaled score
 * is >= excellence_min (700 at WorldSkills; a negative value: no 优胜奖). Tied contestants share a rank and
 * so a medal (ranks as from marking_rank: 1, 1, 3, ...). */
struct medal_rules {
	int gold, silver, bronze;
	bool per_mille;
	double medal_min;
	double excellence_min;
};

/* medal[i] for the contestant of rank[i] and scaled score scaled[i]; -1 on negative counts. */
int ws_medals(const int *rank, const double *scaled, int n, const struct medal_rules *r, enum medal *medal);
const char *medal_code(enum medal m); /* gold, silver, bronze, excellence, or NULL */

#endif
