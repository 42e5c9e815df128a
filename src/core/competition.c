/* competition.c: the pure rules of the competition core (see competition.h) */
#include "util/common.h"
#include "core/competition.h"
#include "core/certno.h"
#include "core/date.h"

/* ---- tiers ---- */

// clang-format off
static const struct comp_tier_info tiers[CT_COUNT] = {
	[CT_WORLDSKILLS] = {"worldskills", "世界技能大赛", "WorldSkills Competition", 1, 0},
	[CT_NATIONAL]    = {"national", "全国职业技能竞赛", "National", 2, 0},
	[CT_PROVINCE_1]  = {"province_1", "省级一类", "Provincial, class 1", 3, 1},
	[CT_PROVINCE_2]  = {"province_2", "省级二类", "Provincial, class 2", 4, 2},
	[CT_CITY]        = {"city", "市级", "City", 5, 0},
	[CT_COUNTY]      = {"county", "县级", "County", 5, 0},
	[CT_INDUSTRY]    = {"industry", "行业", "Industry", 5, 0},
	[CT_ENTERPRISE]  = {"enterprise", "企业", "Enterprise", 6, 0},
	[CT_SCHOOL]      = {"school", "院校", "School", 6, 0},
};
// clang-format on

const struct comp_tier_info *comp_tier(const char *code)
{
	if (!code)
		return NULL;
	for (size_t i = 0; i < CT_COUNT; i++)
		if (!strcmp(tiers[i].code, code))
			return &tiers[i];
	return NULL;
}

const struct comp_tier_info *comp_tier_at(enum comp_tier t)
{
	return (unsigned)t < CT_COUNT ? &tiers[t] : NULL;
}

int comp_tier_cmp(const char *a, const char *b)
{
	const struct comp_tier_info *x = comp_tier(a), *y = comp_tier(b);
	int rx = x ? x->rank : 99, ry = y ? y->rank : 99;
	return rx < ry ? -1 : rx > ry ? 1 : 0;
}

int comp_plan_cmp(const struct comp_plan_row *a, const struct comp_plan_row *b)
{
	if (a->key_industry != b->key_industry)
		return a->key_industry ? -1 : 1;
	if (a->plan_class != b->plan_class)
		return a->plan_class < b->plan_class ? -1 : 1;
	if (a->starts_on != b->starts_on)
		return a->starts_on < b->starts_on ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id ? 1 : 0;
}

/* ---- workflows ---- */

static int g_plan_tier(const void *ctx, err *e)
{
	const struct comp_ctx *c = ctx;
	const struct comp_tier_info *t = c ? comp_tier(c->tier) : NULL;
	if (t && t->plan_class)
		return 0;
	return err_set(
		e, 409, "not_plan_tier", "tier", "只有省级一类、二类竞赛申报纳入省级竞赛计划",
		"only provincial class-1 and class-2 competitions are applied for in the provincial plan");
}

static int g_outside_plan(const void *ctx, err *e)
{
	const struct comp_ctx *c = ctx;
	const struct comp_tier_info *t = c ? comp_tier(c->tier) : NULL;
	if (t && !t->plan_class)
		return 0;
	return err_set(e, 409, "plan_required", "status", "省级竞赛须经省级竞赛计划批准并发布后方可开放报名",
		       "a provincial competition opens registration only once approved in a published plan");
}

static int g_plan_published(const void *ctx, err *e)
{
	const struct comp_ctx *c = ctx;
	if (c && c->plan_published)
		return 0;
	return err_set(e, 409, "plan_not_published", "status", "本年度省级竞赛计划尚未发布",
		       "the year's provincial competition plan is not published yet");
}

static int g_has_events(const void *ctx, err *e)
{
	const struct comp_ctx *c = ctx;
	if (c && c->events > 0)
		return 0;
	return err_set(e, 409, "no_events", "status", "竞赛尚未设置赛项",
		       "the competition has no events yet");
}

static const struct fsm_guard G_PLAN_TIER = {"plan_tier", "省级一类或二类竞赛", g_plan_tier};
static const struct fsm_guard G_OUTSIDE_PLAN = {"outside_plan", "不属省级竞赛计划的层级", g_outside_plan};
static const struct fsm_guard G_PLAN_PUBLISHED = {"plan_published", "年度竞赛计划已发布", g_plan_published};
static const struct fsm_guard G_HAS_EVENTS = {"has_events", "已设置赛项", g_has_events};

static const struct fsm_state comp_states[] = {
	{"draft", "草稿", "Draft"},
	{"applied", "已申报", "Applied for the plan"},
	{"approved", "已批准", "Approved in the plan"},
	{"rejected", "未批准", "Not approved"},
	{"open", "报名中", "Registration open"},
	{"closed", "报名截止", "Registration closed"},
};

#define ORGANISER                                                                                            \
	.roles = R_ADMINS | RB(ROLE_INSTITUTION_ADMIN), .actor_zh = "竞赛主办单位",                          \
	.actor_en = "the organiser"
#define PROVINCE .roles = RB(ROLE_PROVINCE_ADMIN), .actor_zh = "省级人社部门", .actor_en = "the province"

static const struct fsm_transition comp_transitions[] = {
	{"draft", "applied", "apply", "申报纳入省级计划", "Apply for the provincial plan", ORGANISER,
	 .guards = {&G_PLAN_TIER}, .audit = "competition.applied"},
	{"applied", "draft", "withdraw", "撤回申报", "Withdraw the application", ORGANISER,
	 .audit = "competition.withdrawn"},
	{"applied", "approved", "approve", "批准纳入计划", "Approve into the plan", PROVINCE,
	 .audit = "competition.approved"},
	{"applied", "rejected", "reject", "不予批准", "Reject", PROVINCE, .flags = FSM_NEEDS_REASON,
	 .audit = "competition.rejected"},
	{"rejected", "applied", "apply", "重新申报", "Apply again", ORGANISER, .guards = {&G_PLAN_TIER},
	 .audit = "competition.applied"},
	{"draft", "open", "open", "开放报名", "Open registration", ORGANISER,
	 .guards = {&G_OUTSIDE_PLAN, &G_HAS_EVENTS}, .audit = "competition.opened",
	 .effects = COMP_FX_PUBLISH},
	{"approved", "open", "open", "开放报名", "Open registration", ORGANISER,
	 .guards = {&G_PLAN_PUBLISHED, &G_HAS_EVENTS}, .audit = "competition.opened",
	 .effects = COMP_FX_PUBLISH},
	{"open", "closed", "close", "截止报名", "Close registration", ORGANISER,
	 .audit = "competition.closed"},
};

const struct fsm comp_fsm = {
	.name = "competition",
	.subject_zh = "竞赛",
	.subject_en = "the competition",
	.field = "status",
	.states = comp_states,
	.nstates = ARRAY_LEN(comp_states),
	.transitions = comp_transitions,
	.ntransitions = ARRAY_LEN(comp_transitions),
};

static const struct fsm_state entry_states[] = {
	{"nominated", "已推荐", "Nominated"},
	{"approved", "审核通过", "Approved"},
	{"rejected", "审核未通过", "Rejected"},
	{"withdrawn", "已撤回", "Withdrawn"},
};

#define NOMINATOR                                                                                            \
	.roles = R_ADMINS | RB(ROLE_INSTITUTION_ADMIN), .actor_zh = "选送单位或主办单位",                    \
	.actor_en = "the nominating unit or the organiser"

static const struct fsm_transition entry_transitions[] = {
	{"nominated", "approved", "approve", "审核通过", "Approve", ORGANISER,
	 .audit = "competition_entry.approved"},
	{"nominated", "rejected", "reject", "审核不通过", "Reject", ORGANISER, .flags = FSM_NEEDS_REASON,
	 .audit = "competition_entry.rejected"},
	{"nominated", "withdrawn", "withdraw", "撤回", "Withdraw", NOMINATOR,
	 .audit = "competition_entry.withdrawn"},
	{"approved", "withdrawn", "withdraw", "撤回", "Withdraw", NOMINATOR, .flags = FSM_NEEDS_REASON,
	 .audit = "competition_entry.withdrawn"},
};

const struct fsm comp_entry_fsm = {
	.name = "competition_entry",
	.subject_zh = "参赛报名",
	.subject_en = "the entry",
	.field = "status",
	.states = entry_states,
	.nstates = ARRAY_LEN(entry_states),
	.transitions = entry_transitions,
	.ntransitions = ARRAY_LEN(entry_transitions),
};

/* ---- groups ---- */

static const struct {
	const char *code, *zh;
} groups[CG_COUNT] = {{"worker", "职工组"}, {"student", "学生组"}, {"teacher", "教师组"}};

int comp_group_parse(const char *code, enum comp_group *out)
{
	for (int i = 0; code && i < CG_COUNT; i++)
		if (!strcmp(groups[i].code, code)) {
			*out = (enum comp_group)i;
			return 0;
		}
	return -1;
}

const char *comp_group_code(enum comp_group g)
{
	return (unsigned)g < CG_COUNT ? groups[g].code : "";
}

const char *comp_group_zh(enum comp_group g)
{
	return (unsigned)g < CG_COUNT ? groups[g].zh : "";
}

static const char *const employment_codes[] = {"any", "employed", "school_staff"};
static const char *const enrolment_codes[] = {"any", "enrolled", "not_enrolled"};

static int parse_code(const char *const *codes, size_t n, const char *s)
{
	for (size_t i = 0; s && i < n; i++)
		if (!strcmp(codes[i], s))
			return (int)i;
	return -1;
}

int comp_employment_parse(const char *code, enum comp_employment *out)
{
	int i = parse_code(employment_codes, ARRAY_LEN(employment_codes), code);
	if (i < 0)
		return -1;
	*out = (enum comp_employment)i;
	return 0;
}

int comp_enrolment_parse(const char *code, enum comp_enrolment *out)
{
	int i = parse_code(enrolment_codes, ARRAY_LEN(enrolment_codes), code);
	if (i < 0)
		return -1;
	*out = (enum comp_enrolment)i;
	return 0;
}

const char *comp_employment_code(enum comp_employment v)
{
	return (unsigned)v < ARRAY_LEN(employment_codes) ? employment_codes[v] : "";
}

const char *comp_enrolment_code(enum comp_enrolment v)
{
	return (unsigned)v < ARRAY_LEN(enrolment_codes) ? enrolment_codes[v] : "";
}

/* ---- eligibility ---- */

int comp_rule_check(const struct comp_group_rule *r, err *e)
{
	if (r->min_age < 0 || r->min_age > 100)
		return err_set(e, 422, "invalid_value", "min_age", "最低年龄须在 0 至 100 之间",
			       "min_age must be 0..100");
	if (r->max_age < 0 || r->max_age > 100 || (r->max_age && r->max_age < r->min_age))
		return err_set(e, 422, "invalid_value", "max_age",
			       "最高年龄须在 0 至 100 之间且不低于最低年龄",
			       "max_age must be 0..100 and not below min_age");
	if (r->level_required < 0 || r->level_required > 5)
		return err_set(e, 422, "invalid_value", "level_required", "等级须为 0 至 5",
			       "level_required must be 0..5");
	if (r->level_excluded < 0 || r->level_excluded > 5)
		return err_set(e, 422, "invalid_value", "level_excluded", "等级须为 0 至 5",
			       "level_excluded must be 0..5");
	/* a required level of 3 (三级 or higher) and an excluded level of 3 or higher (numerically <= 3)
	 * leave nobody */
	if (r->level_required && r->level_excluded && r->level_excluded >= r->level_required)
		return err_set(e, 422, "invalid_value", "level_excluded",
			       "排除的等级须高于要求的等级，否则无人符合条件",
			       "level_excluded must be above level_required, or nobody qualifies");
	if ((unsigned)r->employment > CE_SCHOOL_STAFF)
		return err_set(e, 422, "invalid_value", "employment", "就业条件无效", "invalid employment");
	if ((unsigned)r->enrolment > CN_NOT_ENROLLED)
		return err_set(e, 422, "invalid_value", "enrolment", "在校条件无效", "invalid enrolment");
	return 0;
}

static struct comp_elig_reason *add_reason(struct comp_elig_result *res, const char *code)
{
	res->ok = false;
	if (res->nreasons >= COMP_ELIG_MAX_REASONS)
		return NULL;
	struct comp_elig_reason *r = &res->reasons[res->nreasons++];
	r->code = code;
	return r;
}

void comp_elig_check(const struct comp_group_rule *r, const struct comp_person_facts *f, int on,
		     struct comp_elig_result *res)
{
	memset(res, 0, sizeof *res);
	res->ok = true;
	struct comp_elig_reason *x;
	if (r->min_age || r->max_age) {
		if (!f->birth_date || !date_valid(f->birth_date) || !date_valid(on)) {
			if ((x = add_reason(res, "age_unknown"))) {
				snprintf(x->zh, sizeof x->zh, "出生日期不详，无法核验年龄条件");
				snprintf(x->en, sizeof x->en,
					 "the birth date is unknown: the age condition cannot be checked");
			}
		} else {
			int age = date_full_years(f->birth_date, on);
			if (r->min_age && age < r->min_age && (x = add_reason(res, "age_below"))) {
				snprintf(x->zh, sizeof x->zh, "须年满 %d 周岁（比赛首日 %d 周岁）",
					 r->min_age, age);
				snprintf(x->en, sizeof x->en, "must be at least %d on the first day (is %d)",
					 r->min_age, age);
			}
			if (r->max_age && age > r->max_age && (x = add_reason(res, "age_above"))) {
				snprintf(x->zh, sizeof x->zh, "年龄不得超过 %d 周岁（比赛首日 %d 周岁）",
					 r->max_age, age);
				snprintf(x->en, sizeof x->en, "must be at most %d on the first day (is %d)",
					 r->max_age, age);
			}
		}
	}
	if (r->level_required && (!f->best_level || f->best_level > r->level_required) &&
	    (x = add_reason(res, "level_missing"))) {
		snprintf(x->zh, sizeof x->zh, "须取得%s及以上职业技能等级证书",
			 level_name_zh(r->level_required));
		snprintf(x->en, sizeof x->en, "must hold a skill-level certificate of level %d or higher",
			 r->level_required);
	}
	if (r->level_excluded && f->best_level && f->best_level <= r->level_excluded &&
	    (x = add_reason(res, "level_excluded"))) {
		snprintf(x->zh, sizeof x->zh, "已取得%s及以上职业技能等级证书者不得参加本组",
			 level_name_zh(r->level_excluded));
		snprintf(x->en, sizeof x->en, "holders of level %d or higher may not enter this group",
			 r->level_excluded);
	}
	if (r->employment == CE_EMPLOYED && !f->employed && (x = add_reason(res, "not_employed"))) {
		snprintf(x->zh, sizeof x->zh, "须为在职职工（有用人单位）");
		snprintf(x->en, sizeof x->en, "must be employed (have an employer)");
	}
	if (r->employment == CE_SCHOOL_STAFF && !f->school_staff &&
	    (x = add_reason(res, "not_school_staff"))) {
		snprintf(x->zh, sizeof x->zh, "须为技工院校或高校在职教师");
		snprintf(x->en, sizeof x->en, "must be on the staff of a technical school or university");
	}
	if (r->enrolment == CN_ENROLLED && !f->enrolled && (x = add_reason(res, "not_enrolled"))) {
		snprintf(x->zh, sizeof x->zh, "须为技工院校或高校在籍学生");
		snprintf(x->en, sizeof x->en,
			 "must be a student enrolled at a technical school or university");
	}
	if (r->enrolment == CN_NOT_ENROLLED && f->enrolled && (x = add_reason(res, "enrolled"))) {
		snprintf(x->zh, sizeof x->zh, "在籍学生不得参加本组");
		snprintf(x->en, sizeof x->en, "enrolled students may not enter this group");
	}
}

/* ---- quotas ---- */

int comp_quota_check(int64_t quota, int64_t used, const char *unit_name, err *e)
{
	if (quota < 0 || used < quota)
		return 0;
	return err_set(e, 409, "over_quota", "unit", "%s 的推荐名额已满（名额 %lld，已推荐 %lld）",
		       "%s has used its nomination quota (%lld of %lld)", unit_name ? unit_name : "",
		       (long long)quota, (long long)used);
}

/* ---- the draw ---- */

static uint64_t splitmix64(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* an unbiased draw in [0, bound) (bound >= 1): reject the top of the range that does not divide evenly */
static uint64_t bounded(uint64_t *s, uint64_t bound)
{
	uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
	uint64_t x;
	do
		x = splitmix64(s);
	while (x >= limit);
	return x % bound;
}

int comp_draw(const char *seed, size_t n, int *seats, err *e)
{
	size_t len = seed ? strlen(seed) : 0;
	if (len < 1 || len > COMP_DRAW_SEED_MAX)
		return err_set(e, 422, "invalid_value", "seed", "抽签种子须为 1 至 %d 个字符",
			       "the seed must be 1..%d characters", COMP_DRAW_SEED_MAX);
	for (size_t i = 0; i < len; i++)
		if (seed[i] < 0x21 || seed[i] > 0x7e)
			return err_set(e, 422, "invalid_value", "seed", "抽签种子只能含可打印 ASCII 字符",
				       "the seed may hold printable ASCII only");
	if (n > INT32_MAX)
		return err_set(e, 422, "invalid_value", "n", "抽签单位过多", "too many units to draw");
	uint64_t h = 0xcbf29ce484222325ULL; /* FNV-1a 64 */
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)seed[i];
		h *= 0x100000001b3ULL;
	}
	for (size_t i = 0; i < n; i++)
		seats[i] = (int)i + 1;
	for (size_t i = n; i > 1; i--) {
		size_t j = (size_t)bounded(&h, i);
		int t = seats[i - 1];
		seats[i - 1] = seats[j];
		seats[j] = t;
	}
	return 0;
}
