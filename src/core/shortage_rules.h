/* shortage_rules.h: 急需紧缺 early warning — which indicators of an occupation in a city pass their
 * thresholds (the reasons of a warning) and whether it goes on the warning list. Pure: no I/O; the thresholds
 * are data (table shortage_rules, migration 051_shortage_warning). docs/DOMAIN.md §59. */
#ifndef JINENG_CORE_SHORTAGE_RULES_H
#define JINENG_CORE_SHORTAGE_RULES_H

#include "util/common.h"
#include "core/fsm.h"

struct shortage_thresholds {
	int64_t min_demand;	   /* the year's demand (vacancies posted) below this: not assessed */
	int64_t ratio_min_pct;	   /* 需求供给比 demand / supply × 100 at least this: SR_RATIO */
	int64_t pay_growth_min_bp; /* 工资价位 median's growth (basis points) at least this: SR_PAY */
	int64_t vacancy_days_min;  /* mean days a closed posting stayed open at least this: SR_VACANCY */
	int64_t min_reasons;	   /* reasons needed for the warning list (≥ 1) */
};

struct shortage_indicators {
	int64_t demand, supply; /* the year's vacancies posted; certificates issued + training completions */
	bool has_pay;
	int64_t pay_growth_bp;
	bool has_vacancy;
	int64_t vacancy_days;
	bool has_forecast;
	int64_t forecast_hi; /* the upper end of next year's supply forecast */
};

enum shortage_reason {
	SR_RATIO = 1 << 0,    /* demand / supply at or above the threshold (or demand with no supply) */
	SR_PAY = 1 << 1,      /* pay grew by at least the threshold */
	SR_VACANCY = 1 << 2,  /* postings stay open at least the threshold's days */
	SR_FORECAST = 1 << 3, /* even next year's supply at its forecast's upper end leaves the ratio there */
};
#define SR_COUNT 4

/* shortage_ratio_pct: demand × 100 / supply rounded half up; -1 when supply is 0 */
int64_t shortage_ratio_pct(int64_t demand, int64_t supply);
/* shortage_reasons: the reasons (enum shortage_reason bits) the indicators give; 0 below min_demand */
unsigned shortage_reasons(const struct shortage_thresholds *t, const struct shortage_indicators *x);
/* shortage_listed: whether an occupation with these reasons goes on the warning list */
bool shortage_listed(const struct shortage_thresholds *t, unsigned reasons);
/* shortage_reason_code: "ratio", "pay", "vacancy", "forecast" for one bit; NULL otherwise */
const char *shortage_reason_code(unsigned bit);
/* shortage_severity: 1 关注, 2 预警, 3 严重 by the number of reasons (1, 2, ≥ 3); 0 for none */
int shortage_severity(unsigned reasons);

/* a proposal of next year's catalogue: draft → published (the province; at least one entry). Publishing
 * writes the catalogue of its year. */
struct shortage_proposal_ctx {
	int64_t entries;
};
extern const struct fsm shortage_proposal_fsm;

#endif
