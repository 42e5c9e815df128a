/* platform_rules.h: 平台载体's pure rules (docs/DOMAIN.md §56): an application's conditions (申报条件)
 * decided from the facts the use case gathered, with alternatives (conditions of one group: one suffices),
 * and the yearly 绩效考核's score from its indicators. No I/O. */
#ifndef JINENG_CORE_PLATFORM_RULES_H
#define JINENG_CORE_PLATFORM_RULES_H

#include "util/common.h"

enum pf_cond_kind { PF_FACT_MIN, PF_LEAD_HONOUR, PF_LEAD_LEVEL, PF_APPLICANT_TYPE };

/* one condition with what the applicant has: have is the declared fact (PF_FACT_MIN), the best level held
 * (PF_LEAD_LEVEL: 1 高级技师 … 5, 0 none), 1/0 for a matching honour or applicant type. known false: the fact
 * was not declared (or there is no lead person) — a failure with its own reason. */
struct pf_cond {
	enum pf_cond_kind kind;
	const char *grp; /* "" alone; the same non-empty group: alternatives */
	int64_t min; /* PF_FACT_MIN: the least value; PF_LEAD_LEVEL: the level at least (a number at most) */
	int64_t have;
	bool known;
	bool ok; /* out: this condition holds */
};

/* pf_conditions_decide: sets each condition's ok; true when every condition alone holds and every group has
 * one that holds. *first_failed: the index of the first condition that decides the refusal (-1 none). */
bool pf_conditions_decide(struct pf_cond *c, size_t n, int *first_failed);

/* one indicator of the 绩效考核: its value, target (> 0) and weight (> 0) */
struct pf_indicator {
	int64_t value, target, weight;
};
/* pf_appraisal_score: Σ weight × min(value / target, 1) / Σ weight × 100, rounded down to a whole point
 * (0 when there are no indicators) */
int64_t pf_appraisal_score(const struct pf_indicator *ind, size_t n);

#endif
