/* platform_rules.c: the conditions and the appraisal score of 平台载体 (see platform_rules.h) */
#include "util/common.h"
#include "core/platform_rules.h"

static bool cond_holds(const struct pf_cond *c)
{
	if (!c->known)
		return false;
	switch (c->kind) {
	case PF_FACT_MIN:
		return c->have >= c->min;
	case PF_LEAD_LEVEL:
		return c->have >= 1 && c->have <= c->min;
	case PF_LEAD_HONOUR:
	case PF_APPLICANT_TYPE:
		return c->have != 0;
	}
	return false;
}

bool pf_conditions_decide(struct pf_cond *c, size_t n, int *first_failed)
{
	*first_failed = -1;
	for (size_t i = 0; i < n; i++)
		c[i].ok = cond_holds(&c[i]);
	for (size_t i = 0; i < n; i++) {
		if (c[i].ok)
			continue;
		bool alt = false;
		if (c[i].grp && c[i].grp[0])
			for (size_t j = 0; j < n && !alt; j++)
				alt = j != i && c[j].ok && c[j].grp && !strcmp(c[j].grp, c[i].grp);
		if (!alt) {
			*first_failed = (int)i;
			return false;
		}
	}
	return true;
}

int64_t pf_appraisal_score(const struct pf_indicator *ind, size_t n)
{
	/* in integers: Σ w·min(v, t)·100/t over Σ w, each term scaled by 10^4 so the floor is taken once */
	int64_t wsum = 0, acc = 0;
	for (size_t i = 0; i < n; i++) {
		if (ind[i].target <= 0 || ind[i].weight <= 0)
			continue;
		int64_t v = ind[i].value < 0		   ? 0
			    : ind[i].value > ind[i].target ? ind[i].target
							   : ind[i].value;
		acc += ind[i].weight * v * 1000000 / ind[i].target;
		wsum += ind[i].weight;
	}
	return wsum ? acc / wsum / 10000 : 0;
}
