/* competition.h: 职业技能竞赛, the pure rules of the core (issue 21 items 1-3; docs/DOMAIN.md
 * "职业技能竞赛"): the ordered tiers, the plan's order (十强产业 first), the competition and entry workflows
 * (core/fsm.h), each group's eligibility with its reasons in Chinese and English (like 申报条件), the
 * nomination quota and the seat draw, reproducible from its seed. Pure: no I/O, no global state.
 *
 * Competition (competitions.status):
 *   草稿 draft      → 已申报 applied   申报纳入省级计划 (the organiser; 省级一类 / 二类 tiers only)
 *   已申报 applied  → 草稿 draft       撤回申报 (the organiser)
 *   已申报 applied  → 已批准 approved  批准 (the province)
 *   已申报 applied  → 未批准 rejected  不予批准 (the province, with a reason)
 *   未批准 rejected → 已申报 applied   重新申报 (the organiser)
 *   草稿 draft      → 报名中 open      开放报名 (the organiser; tiers outside the provincial plan)
 *   已批准 approved → 报名中 open      开放报名 (the organiser; once the year's plan is published)
 *   报名中 open     → 报名截止 closed  截止报名 (the organiser)
 * Entry (competition_entries.status):
 *   已推荐 nominated → 审核通过 approved | 审核未通过 rejected (the organiser, a reason for a refusal)
 *   已推荐 nominated | 审核通过 approved → 已撤回 withdrawn (the nominating unit or the organiser)
 * "The organiser" is the competition's owner in the data scope (SE_COMPETITION: the province, the city of
 * the organiser's region, the organising institution's administrator); these tables say the roles. */
#ifndef JINENG_CORE_COMPETITION_H
#define JINENG_CORE_COMPETITION_H

#include "core/fsm.h"
#include "util/common.h"
#include "util/err.h"

/* ---- tiers: 世界技能大赛 > 全国 > 省级一类 / 二类 > 市 / 县 / 行业 > 企业 / 院校 ---- */
enum comp_tier {
	CT_WORLDSKILLS = 0,
	CT_NATIONAL,
	CT_PROVINCE_1,
	CT_PROVINCE_2,
	CT_CITY,
	CT_COUNTY,
	CT_INDUSTRY,
	CT_ENTERPRISE,
	CT_SCHOOL,
	CT_COUNT
};

struct comp_tier_info {
	const char *code; /* stored: "province_1" */
	const char *zh;	  /* "省级一类" */
	const char *en;	  /* "Provincial, class 1" */
	int rank;	  /* 1 the highest; tiers of one rank stand side by side (市 / 县 / 行业) */
	int plan_class;	  /* 1 or 2: a tier of the provincial plan (applied for, approved by the province); 0
			     not */
};

/* comp_tier: the tier of a code; NULL for an unknown code */
const struct comp_tier_info *comp_tier(const char *code);
const struct comp_tier_info *comp_tier_at(enum comp_tier t);
/* comp_tier_cmp: < 0 when a ranks above b, 0 same rank, > 0 below (unknown codes rank last) */
int comp_tier_cmp(const char *a, const char *b);

/* ---- the yearly plan's order: 十强产业 events first (003 §20 优先纳入), then class 1 before class 2, then
 * the earlier start, then the id ---- */
struct comp_plan_row {
	int64_t id;
	bool key_industry;
	int plan_class;
	int starts_on; /* YYYYMMDD */
};
int comp_plan_cmp(const struct comp_plan_row *a, const struct comp_plan_row *b);

/* ---- workflows ---- */
enum comp_effects {
	COMP_FX_PUBLISH = 1u << 0, /* the competition becomes public (published = 1) */
};

/* the competition workflow's context, filled by the use case before deciding */
struct comp_ctx {
	const char *tier;    /* the competition's tier code */
	bool plan_published; /* its plan year's plan is published */
	int64_t events;	     /* its events */
};
extern const struct fsm comp_fsm;
extern const struct fsm comp_entry_fsm;

/* ---- groups and eligibility (参赛条件) ---- */
enum comp_group { CG_WORKER = 0, CG_STUDENT, CG_TEACHER, CG_COUNT };
/* comp_group_parse: 0 and *out, or -1 for an unknown code ("worker" 职工组, "student" 学生组, "teacher"
 * 教师组) */
int comp_group_parse(const char *code, enum comp_group *out);
const char *comp_group_code(enum comp_group g);
const char *comp_group_zh(enum comp_group g);

enum comp_employment { CE_ANY = 0, CE_EMPLOYED, CE_SCHOOL_STAFF };
enum comp_enrolment { CN_ANY = 0, CN_ENROLLED, CN_NOT_ENROLLED };
int comp_employment_parse(const char *code, enum comp_employment *out);
int comp_enrolment_parse(const char *code, enum comp_enrolment *out);
const char *comp_employment_code(enum comp_employment v);
const char *comp_enrolment_code(enum comp_enrolment v);

/* a group's conditions (competition_groups); 0 / ANY: no condition */
struct comp_group_rule {
	int min_age, max_age; /* full years on the competition's first day */
	int level_required; /* holds a certificate of this level or higher (1 高级技师 .. 5 初级工) */
	int level_excluded; /* holds none of this level or higher (an open competition for those below) */
	enum comp_employment employment;
	enum comp_enrolment enrolment;
};

/* the facts of one person */
struct comp_person_facts {
	int birth_date; /* YYYYMMDD, 0 unknown */
	int best_level; /* the best (lowest) level of the person's valid certificates, 0 none */
	bool employed;	/* has an employer */
	bool school_staff; /* employed by a 技工院校 or 高校 (institutions.type technical_school, university)
			    */
	bool enrolled; /* enrolled at a 技工院校 or 高校 (linked to one and not employed by it) */
};

#define COMP_ELIG_MAX_REASONS 6
struct comp_elig_reason {
	const char *code; /* "age_below", "level_missing", ... */
	char zh[128], en[160];
};
struct comp_elig_result {
	bool ok;
	int nreasons;
	struct comp_elig_reason reasons[COMP_ELIG_MAX_REASONS];
};

/* comp_rule_check: is a group's rule itself sound? 0, or -1 with 422 invalid_value on the field at fault
 * (ages 0..100 with min <= max, levels 0..5, an excluded level strictly below the required one) */
int comp_rule_check(const struct comp_group_rule *r, err *e);
/* comp_elig_check: every condition of the rule on the facts at `on` (YYYYMMDD: the competition's first day);
 * res gets each failed condition's reason (all of them, not the first only) */
void comp_elig_check(const struct comp_group_rule *r, const struct comp_person_facts *f, int on,
		     struct comp_elig_result *res);

/* ---- nomination quotas (名额) ---- */
/* comp_quota_check: may a unit with `used` units already nominated (not rejected or withdrawn) add one more
 * under `quota` (negative: no quota set for the unit)? 0, or -1 with 409 over_quota naming the unit */
int comp_quota_check(int64_t quota, int64_t used, const char *unit_name, err *e);

/* ---- the seat draw ---- */
#define COMP_DRAW_ALGORITHM "splitmix64-fisher-yates-v1"
#define COMP_DRAW_SEED_MAX  64
/* comp_draw: the seats 1..n of n units (entries or teams, in the caller's fixed order: by entry id, or by
 * team label) drawn from `seed` (1..COMP_DRAW_SEED_MAX printable ASCII characters): the seed's FNV-1a 64
 * hash starts a SplitMix64 generator, a Fisher–Yates shuffle of 1..n with unbiased bounded draws gives
 * seats[i] for unit i. The same seed and n give the same seats on every machine. 0, or -1 with 422 for a bad
 * seed or n < 0. */
int comp_draw(const char *seed, size_t n, int *seats, err *e);

#endif
