/* assess.c: 定期评估 — the funnel's exact binomial limits, judging indicators, score, grade, decision (see
 * assess.h) */
#include "util/common.h"
#include "core/assess.h"
#include <math.h>

/* the window of Binomial(n, p) that holds any mass worth summing */
static void window(int64_t n, double p, int64_t *lo, int64_t *hi)
{
	double m = (double)n * p, sd = sqrt((double)n * p * (1.0 - p));
	double a = floor(m - 12.0 * sd - 12.0), b = ceil(m + 12.0 * sd + 12.0);
	*lo = a < 0 ? 0 : (int64_t)a;
	*hi = b > (double)n ? n : (int64_t)b;
}

static double log_pmf(int64_t k, int64_t n, double p)
{
	return lgamma((double)n + 1.0) - lgamma((double)k + 1.0) - lgamma((double)(n - k) + 1.0) +
	       (double)k * log(p) + (double)(n - k) * log1p(-p);
}

/* Σ pmf(k) for k in [a, b] (inside the window) */
static double pmf_sum(int64_t a, int64_t b, int64_t n, double p)
{
	if (a > b)
		return 0.0;
	double f = exp(log_pmf(a, n, p)), s = 0.0, ratio = p / (1.0 - p);
	for (int64_t k = a; k <= b; k++) {
		s += f;
		f *= (double)(n - k) / (double)(k + 1) * ratio;
	}
	return s;
}

double binom_tail_le(int64_t x, int64_t n, double p)
{
	if (x < 0)
		return 0.0;
	if (x >= n || p <= 0.0)
		return 1.0;
	if (p >= 1.0)
		return 0.0;
	int64_t lo, hi;
	window(n, p, &lo, &hi);
	if (x < lo)
		return 0.0;
	if (x >= hi)
		return 1.0;
	/* sum the shorter side: the lower tail below the mean, 1 - the upper tail above it */
	if ((double)x <= (double)n * p)
		return pmf_sum(lo, x, n, p);
	double up = pmf_sum(x + 1, hi, n, p);
	return up >= 1.0 ? 0.0 : 1.0 - up;
}

double binom_tail_ge(int64_t x, int64_t n, double p)
{
	if (x <= 0)
		return 1.0;
	if (x > n)
		return 0.0;
	/* P(X >= x) = P(n - X <= n - x), n - X ~ Binomial(n, 1 - p) */
	return binom_tail_le(n - x, n, 1.0 - p);
}

/* Spiegelhalter's interpolated lower quantile (a proportion) at probability q */
static double lower_limit(int64_t n, double p, double q)
{
	if (n <= 0 || p <= 0.0)
		return 0.0;
	if (p >= 1.0)
		return 1.0;
	int64_t lo, hi;
	window(n, p, &lo, &hi);
	double f = exp(log_pmf(lo, n, p)), ratio = p / (1.0 - p);
	double F = 0.0; /* the mass below the window is negligible */
	for (int64_t r = lo; r <= hi; r++) {
		F += f;
		if (F >= q) {
			double alpha = f > 0 ? (F - q) / f : 0.0;
			double lim = ((double)r - alpha) / (double)n;
			return lim < 0 ? 0.0 : lim;
		}
		f *= (double)(n - r) / (double)(r + 1) * ratio;
	}
	return (double)hi / (double)n;
}

void assess_funnel_limits(int64_t n, double p, double cover, double *lo, double *hi)
{
	double q = (1.0 - cover) / 2.0;
	*lo = lower_limit(n, p, q);
	*hi = 1.0 - lower_limit(n, 1.0 - p, q);
}

int assess_funnel_zone(int64_t x, int64_t n, double p, double inner_cover, double outer_cover)
{
	if (n <= 0)
		return 0;
	double qi = (1.0 - inner_cover) / 2.0, qo = (1.0 - outer_cover) / 2.0;
	double le = binom_tail_le(x, n, p), ge = binom_tail_ge(x, n, p);
	if (le < qo)
		return -2;
	if (ge < qo)
		return 2;
	if (le < qi)
		return -1;
	if (ge < qi)
		return 1;
	return 0;
}

struct assess_mark assess_judge(const struct assess_indicator *ind, const struct assess_obs *o)
{
	struct assess_mark m = {AS_NA, 0.0};
	if (!o->known || o->base < ind->min_base)
		return m;
	double v = o->value;
	switch (ind->rule) {
	case ASSESS_FUNNEL:
		v = fabs(v);
		m.status = v < 0.5 ? AS_FULL : v < 1.5 ? AS_WARN : AS_NONE;
		break;
	case ASSESS_HIGHER_BETTER:
		m.status = v >= ind->full ? AS_FULL : v >= ind->warn ? AS_WARN : AS_NONE;
		break;
	case ASSESS_ABS_LOWER:
		v = fabs(v);
		/* fall through */
	case ASSESS_LOWER_BETTER:
		m.status = v <= ind->full ? AS_FULL : v <= ind->warn ? AS_WARN : AS_NONE;
		break;
	}
	m.points = m.status == AS_FULL ? ind->weight : m.status == AS_WARN ? ind->weight * ind->partial : 0.0;
	return m;
}

double assess_score(const struct assess_indicator *ind, const struct assess_mark *m, size_t n, bool *veto)
{
	double got = 0.0, of = 0.0;
	*veto = false;
	for (size_t k = 0; k < n; k++) {
		if (m[k].status == AS_NA)
			continue;
		got += m[k].points;
		of += ind[k].weight;
		if (ind[k].veto && m[k].status == AS_NONE)
			*veto = true;
	}
	if (of <= 0.0)
		return 100.0;
	/* two decimals, so that a stored score and a recomputed one agree */
	return round(10000.0 * got / of) / 100.0;
}

enum assess_grade assess_grade_of(const struct assess_bands *b, double score, bool veto)
{
	if (veto || score < b->pass_min)
		return AG_FAIL;
	return score >= b->excellent_min ? AG_EXCELLENT : AG_PASS;
}

enum assess_decision assess_decision_of(const struct assess_bands *b, enum assess_grade g, double candidates)
{
	if (g == AG_FAIL)
		return AD_EXIT;
	if (g == AG_EXCELLENT && candidates >= b->widen_min)
		return AD_WIDEN;
	return AD_CONTINUE;
}

static const char *const grade_codes[] = {"excellent", "pass", "fail"};
static const char *const grade_zh[] = {"优秀", "合格", "不合格"};
static const char *const decision_codes[] = {"widen", "continue", "exit"};
static const char *const decision_zh[] = {"拓宽评价范围", "继续开展评价", "退出评价机构目录"};
static const char *const status_codes[] = {"na", "full", "warn", "none"};
static const char *const status_zh[] = {"不适用", "达标", "预警", "不达标"};
static const char *const rule_codes[] = {"funnel", "higher", "lower", "abs_lower"};

const char *assess_grade_code(enum assess_grade g)
{
	return (unsigned)g < 3 ? grade_codes[g] : "";
}
const char *assess_grade_zh(enum assess_grade g)
{
	return (unsigned)g < 3 ? grade_zh[g] : "";
}
const char *assess_decision_code(enum assess_decision d)
{
	return (unsigned)d < 3 ? decision_codes[d] : "";
}
const char *assess_decision_zh(enum assess_decision d)
{
	return (unsigned)d < 3 ? decision_zh[d] : "";
}
const char *assess_status_code(enum assess_status s)
{
	return (unsigned)s < 4 ? status_codes[s] : "";
}
const char *assess_status_zh(enum assess_status s)
{
	return (unsigned)s < 4 ? status_zh[s] : "";
}
int assess_rule_parse(const char *s)
{
	for (int k = 0; s && k < 4; k++)
		if (!strcmp(s, rule_codes[k]))
			return k;
	return -1;
}
const char *assess_rule_code(enum assess_rule r)
{
	return (unsigned)r < 4 ? rule_codes[r] : "";
}

static const struct fsm_state run_states[] = {
	{"draft", "草稿", "Draft"},
	{"published", "已发布", "Published"},
};
static const struct fsm_transition run_moves[] = {
	{"draft",
	 "published",
	 "publish",
	 "发布",
	 "Publish",
	 RB(ROLE_PROVINCE_ADMIN),
	 "省级人社部门",
	 "the province",
	 0,
	 {NULL},
	 "assessment.publish",
	 0},
};
const struct fsm assess_run_fsm = {"assessment",	  "评估",    "the assessment",	  "state", run_states,
				   ARRAY_LEN(run_states), run_moves, ARRAY_LEN(run_moves)};
