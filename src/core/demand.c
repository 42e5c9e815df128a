/* demand.c: a class answering job postings; member roles of a 产教评 chain (see demand.h) */
#include "util/common.h"
#include "core/demand.h"

bool demand_posting_open(const char *posted_on, const char *closed_on, const char *today)
{
	if (!posted_on || !today || strcmp(posted_on, today) > 0)
		return false;
	return !closed_on || !*closed_on || strcmp(closed_on, today) >= 0;
}

int64_t demand_cover_limit(int64_t vacancies, int64_t pct)
{
	int64_t lim = vacancies * pct / 100;
	return lim < 1 ? 1 : lim;
}

static bool same_city(const char *a, const char *b)
{
	return a && b && strlen(a) >= 4 && strlen(b) >= 4 && !strncmp(a, b, 4);
}

enum demand_refusal demand_answer_check(const struct demand_rules *r, const struct demand_posting *p,
					const struct demand_target *t, int64_t places, const char *today)
{
	if (places < 1)
		return DR_PLACES;
	if (!demand_posting_open(p->posted_on, p->closed_on, today))
		return DR_NOT_OPEN;
	if (r->match_occupation &&
	    (!t->occupation || !*t->occupation || !p->occupation || strcmp(t->occupation, p->occupation)))
		return DR_OCCUPATION;
	if (r->same_city && !same_city(p->region, t->region))
		return DR_CITY;
	if (p->pledged + places > demand_cover_limit(p->vacancies, r->cover_max_pct))
		return DR_OVER_DEMAND;
	if (t->pledged + places > t->capacity)
		return DR_OVER_CAPACITY;
	return DR_OK;
}

int64_t demand_covered(int64_t vacancies, int64_t pledged)
{
	return pledged < vacancies ? (pledged > 0 ? pledged : 0) : vacancies;
}

static const struct {
	const char *code, *zh, *en;
} refusals[] = {
	[DR_OK] = {"ok", "可以", "allowed"},
	[DR_PLACES] = {"invalid_value", "承诺名额应为正整数", "places is a positive integer"},
	[DR_NOT_OPEN] = {"posting_not_open", "岗位未在招聘期内（未发布或已结束）",
			 "the posting is not open (not yet posted, or closed)"},
	[DR_OCCUPATION] = {"occupation_mismatch", "培训职业与岗位职业不一致（以需定培规则）",
			   "the class trains another occupation than the posting asks"},
	[DR_CITY] = {"other_city", "岗位工作地不在开班机构所在市", "the posting is in another city"},
	[DR_OVER_DEMAND] = {"over_demand", "承诺名额超过岗位招聘人数的上限",
			    "the places pledged would pass the posting's limit"},
	[DR_OVER_CAPACITY] = {"over_capacity", "承诺名额超过班级可招人数",
			      "the places pledged would pass the class's places"},
};

const char *demand_refusal_code(enum demand_refusal r)
{
	return (unsigned)r <= DR_OVER_CAPACITY ? refusals[r].code : "invalid";
}
const char *demand_refusal_zh(enum demand_refusal r)
{
	return (unsigned)r <= DR_OVER_CAPACITY ? refusals[r].zh : "";
}
const char *demand_refusal_en(enum demand_refusal r)
{
	return (unsigned)r <= DR_OVER_CAPACITY ? refusals[r].en : "";
}

bool chain_role_admits(const char *types, const char *type)
{
	if (!types || !type || !*type)
		return false;
	size_t n = strlen(type);
	for (const char *p = types; *p;) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len == n && !strncmp(p, type, n))
			return true;
		if (!end)
			break;
		p = end + 1;
	}
	return false;
}
