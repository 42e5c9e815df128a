/* assess.h: 定期评估 (periodic assessment of evaluation institutions) — the pure rules. The indicator system
 * is data (weights, thresholds, the share of the weight a "warning" keeps, 一票否决 veto, grade bands); the
 * use case (svc/supervision/assess.c) measures each institution and this file judges it: the pass-rate
 * funnel (exact binomial control limits around the peer rate of the same occupation and level, as a function
 * of the institution's number of candidates), points per indicator, the score, the grade 优秀 / 合格 / 不合格
 * and the decision (widen the filed scope, continue, exit the catalogue). No I/O.
 * Rules: docs/DOMAIN.md §39 定期评估. */
#ifndef JINENG_CORE_ASSESS_H
#define JINENG_CORE_ASSESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/fsm.h"

/* how an indicator's value is judged */
enum assess_rule {
	ASSESS_FUNNEL = 0,	  /* the worst funnel zone of the institution's occupation × level cells */
	ASSESS_HIGHER_BETTER = 1, /* value >= full: full points; >= warn: partial; else none */
	ASSESS_LOWER_BETTER = 2,  /* value <= full: full points; <= warn: partial; else none */
	ASSESS_ABS_LOWER = 3,	  /* |value| <= full: full points; |value| <= warn: partial; else none */
};

/* one indicator of a version of the indicator system */
struct assess_indicator {
	const char *code; /* pass_rate, volume_spike, collusion, severity, archive, inspection, complaints,
			     satisfaction */
	double weight;	  /* points of the indicator (the weights of a version sum to 100) */
	enum assess_rule rule;
	double full, warn; /* thresholds (ASSESS_FUNNEL: unused; the limits are full_cover / warn_cover) */
	double partial;	   /* share of the weight kept at "warn" (0..1) */
	double min_base;   /* below this base (candidates, responses, ratings) the indicator does not apply */
	bool veto; /* 一票否决: no points here grades the institution 不合格 whatever its score */
};

/* the bands and the funnel's coverage */
struct assess_bands {
	double excellent_min; /* score >= this: 优秀 */
	double pass_min;      /* score >= this: 合格; below: 不合格 */
	double inner_cover;   /* the funnel's inner limits, e.g. 0.95 */
	double outer_cover;   /* the funnel's outer limits, e.g. 0.998 */
	double widen_min;     /* 优秀 widens the filed scope only with at least this many candidates */
};

enum assess_status { AS_NA = 0, AS_FULL = 1, AS_WARN = 2, AS_NONE = 3 };
enum assess_grade { AG_EXCELLENT = 0, AG_PASS = 1, AG_FAIL = 2 };
enum assess_decision { AD_WIDEN = 0, AD_CONTINUE = 1, AD_EXIT = 2 };

/* what the use case measured for one indicator of one institution */
struct assess_obs {
	double value; /* the indicator's value (ASSESS_FUNNEL: the worst zone, -2..2) */
	double base;  /* its base: candidates, responses, ratings, plans, inspections (< min_base: n/a) */
	bool known;   /* false: nothing to measure (no history, no survey, no ratings): n/a */
};

/* one indicator judged */
struct assess_mark {
	enum assess_status status;
	double points; /* weight, weight * partial or 0; 0 when n/a */
};

/* ---- the funnel (Spiegelhalter 2005) ---- */

/* binom_tail_le: P(X <= x) for X ~ Binomial(n, p); binom_tail_ge: P(X >= x). Exact sums over the window
 * of the distribution that holds any mass (mean ± 12 sd), in log space (no underflow at large n). */
double binom_tail_le(int64_t x, int64_t n, double p);
double binom_tail_ge(int64_t x, int64_t n, double p);

/* assess_funnel_limits: the control limits (as proportions) at n candidates around the peer rate p for a
 * two-sided coverage `cover` (0.95: the 2.5% and 97.5% points): Spiegelhalter's interpolated exact binomial
 * quantile for the lower limit, (r - α)/n with r the smallest count whose P(X <= r) >= (1 - cover)/2 and
 * α = (P(X <= r) - (1-cover)/2) / P(X = r); the upper limit the mirror image (1 - the lower limit of the
 * rate 1 - p), so that a point lies outside a limit exactly when its one-sided exact tail probability is
 * below (1 - cover)/2. */
void assess_funnel_limits(int64_t n, double p, double cover, double *lo, double *hi);

/* assess_funnel_zone: where x passes of n lie: -2 below the outer lower limit, -1 below the inner, 0 inside,
 * +1 above the inner upper limit, +2 above the outer. By the exact tails (the same as the limits). */
int assess_funnel_zone(int64_t x, int64_t n, double p, double inner_cover, double outer_cover);

/* ---- judging ---- */

/* assess_judge: one indicator's status and points */
struct assess_mark assess_judge(const struct assess_indicator *ind, const struct assess_obs *o);

/* assess_score: the score 0..100 over the indicators that apply: 100 * Σ points / Σ weights of those that
 * apply (100 when none applies); *veto is set when a veto indicator earned nothing */
double assess_score(const struct assess_indicator *ind, const struct assess_mark *m, size_t n, bool *veto);

/* assess_grade_of: 不合格 on a veto, else by the bands */
enum assess_grade assess_grade_of(const struct assess_bands *b, double score, bool veto);

/* assess_decision_of: 优秀 with at least widen_min candidates widens the filed scope (拓宽评价范围); 不合格
 * exits the catalogue (退出评价机构目录); otherwise the institution continues (继续开展评价) */
enum assess_decision assess_decision_of(const struct assess_bands *b, enum assess_grade g, double candidates);

/* names: code (as stored) and Chinese label */
const char *assess_grade_code(enum assess_grade g);
const char *assess_grade_zh(enum assess_grade g);
const char *assess_decision_code(enum assess_decision d);
const char *assess_decision_zh(enum assess_decision d);
const char *assess_status_code(enum assess_status s);
const char *assess_status_zh(enum assess_status s);
int assess_rule_parse(const char *s); /* "funnel", "higher", "lower", "abs_lower"; -1 otherwise */
const char *assess_rule_code(enum assess_rule r);

/* a run's workflow: 草稿 draft -> 已发布 published (the province; audited as assessment.publish) */
extern const struct fsm assess_run_fsm;

#endif
