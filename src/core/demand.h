/* demand.h: 岗位需求 → 培训班 / 订单班 (a class answering job postings) and the 产教评 chain's member roles —
 * the pure rules. Whether a class may pledge places to a posting (open posting, the occupation, the city, the
 * posting's demand not over-pledged, the class's places not over-pledged), the demand a posting has covered,
 * and whether an institution's type fits a member role. The thresholds are data (table demand_rules, roles
 * chain_roles: migration 061_chains). No I/O. docs/DOMAIN.md §63. */
#ifndef JINENG_CORE_DEMAND_H
#define JINENG_CORE_DEMAND_H

#include "util/common.h"

struct demand_rules {
	int64_t match_occupation; /* 1: the class's occupation is the posting's */
	int64_t same_city;	  /* 1: the posting's workplace is in the class institution's city */
	int64_t cover_max_pct;	  /* the places pledged to one posting at most this % of its vacancies */
};

struct demand_posting {
	const char *occupation, *region;   /* 大典 code; workplace region code */
	const char *posted_on, *closed_on; /* YYYY-MM-DD; closed_on NULL or "" still open */
	int64_t vacancies;		   /* 招聘人数 */
	int64_t pledged;		   /* places already pledged to it by other classes */
};

struct demand_target {
	const char *occupation; /* the course's occupation, the 订单班 major's (NULL or "": none) */
	const char *region;	/* the class institution's (the school's) region */
	int64_t capacity;	/* the class's capacity, the 订单班's planned students */
	int64_t pledged;	/* places of this class already pledged to other postings */
};

enum demand_refusal {
	DR_OK = 0,
	DR_PLACES,	  /* places < 1 */
	DR_NOT_OPEN,	  /* the posting is not open today (not yet posted, or closed) */
	DR_OCCUPATION,	  /* the class teaches another occupation (or none) */
	DR_CITY,	  /* the posting's workplace is in another city */
	DR_OVER_DEMAND,	  /* the posting's pledged places would pass vacancies × cover_max_pct / 100 */
	DR_OVER_CAPACITY, /* the class's pledged places would pass its capacity */
};

/* demand_posting_open: posted on or before today and not closed before today (dates YYYY-MM-DD) */
bool demand_posting_open(const char *posted_on, const char *closed_on, const char *today);
/* demand_cover_limit: the places all classes together may pledge to a posting: floor(vacancies × pct / 100),
 * at least 1 */
int64_t demand_cover_limit(int64_t vacancies, int64_t pct);
/* demand_answer_check: whether `places` of the target may be pledged to the posting today (the first refusal
 * in the enum's order) */
enum demand_refusal demand_answer_check(const struct demand_rules *r, const struct demand_posting *p,
					const struct demand_target *t, int64_t places, const char *today);
/* demand_covered: the demand a posting has covered: the places pledged, at most its vacancies */
int64_t demand_covered(int64_t vacancies, int64_t pledged);
/* the refusal's code, Chinese and English message */
const char *demand_refusal_code(enum demand_refusal r);
const char *demand_refusal_zh(enum demand_refusal r);
const char *demand_refusal_en(enum demand_refusal r);

/* chain_role_admits: whether an institution of `type` may hold a role whose admitted types are the
 * comma-separated list `types` (whole names only: "employer" is not "employer_x") */
bool chain_role_admits(const char *types, const char *type);

#endif
