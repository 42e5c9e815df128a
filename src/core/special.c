/* special.c: 专项职业能力开发 and 新职业信息征集, the pure rules (see special.h) */
#include "util/common.h"
#include "core/special.h"

/* ---- the 专项 proposal ---- */

static const struct fsm_state sp_states[] = {
	{"draft", "草稿（编制考核规范）", "Draft (writing the assessment norm)"},
	{"submitted", "已提交（待省级受理）", "Submitted (province)"},
	{"reviewing", "专家评审中", "Under expert review"},
	{"passed", "评审通过（待发布）", "Review passed (to publish)"},
	{"rejected", "评审未通过", "Review failed"},
	{"published", "已发布", "Published"},
};

static int spec_complete(const void *ctx, err *e)
{
	const struct special_ctx *c = ctx;
	if (c && c->spec_complete)
		return 0;
	return err_set(e, 409, "spec_incomplete", "spec",
		       "考核规范草案不完整：须有适用对象、考核方式和至少一个技能模块",
		       "the draft assessment norm needs its target, method and at least one module");
}

static int panel_ok(const void *ctx, err *e)
{
	const struct special_ctx *c = ctx;
	if (c && c->panel >= 1 && c->panel >= c->min_experts)
		return 0;
	return err_set(e, 422, "panel_too_small", "experts", "评审专家不少于 %d 人",
		       "the panel needs at least %d experts", c && c->min_experts > 1 ? c->min_experts : 1);
}

static int scores_in(const void *ctx, err *e)
{
	const struct special_ctx *c = ctx;
	if (c && c->scores >= c->min_experts && c->scores >= 1)
		return 0;
	return err_set(e, 409, "review_incomplete", "status", "评审专家评分未齐：已有 %d 份，需 %d 份",
		       "the panel's scores are not all in: %d of %d", c ? c->scores : 0,
		       c ? c->min_experts : 1);
}

static int mean_passes(const void *ctx, err *e)
{
	const struct special_ctx *c = ctx;
	if (c && c->scores >= 1 && c->mean_x100 >= c->pass_score * 100)
		return 0;
	return err_set(e, 409, "review_not_passed", "status", "评审平均分 %.2f 未达到 %d 分",
		       "the review's mean %.2f is below %d", c ? c->mean_x100 / 100.0 : 0.0,
		       c ? c->pass_score : 0);
}

static const struct fsm_guard g_spec = {"spec_complete", "考核规范草案完整", spec_complete};
static const struct fsm_guard g_panel = {"panel_ok", "评审专家人数足够", panel_ok};
static const struct fsm_guard g_scores = {"scores_in", "评审专家评分已齐", scores_in};
static const struct fsm_guard g_mean = {"mean_passes", "评审平均分达到合格分", mean_passes};

#define PROPOSER                                                                                             \
	.roles = RB(ROLE_CITY_ADMIN) | RB(ROLE_INSTITUTION_ADMIN), .actor_zh = "申报单位",                   \
	.actor_en = "the proposer"
#define PROVINCE .roles = RB(ROLE_PROVINCE_ADMIN), .actor_zh = "省级人社部门", .actor_en = "the province"

static const struct fsm_transition sp_transitions[] = {
	{"draft", "submitted", "submit", "提交", "Submit", PROPOSER, .guards = {&g_spec},
	 .audit = "special_proposal.submitted"},
	{"submitted", "draft", "return", "退回修改", "Return for revision", PROVINCE,
	 .flags = FSM_NEEDS_REASON, .audit = "special_proposal.returned", .effects = SP_FX_OPINION},
	{"submitted", "reviewing", "review", "组织专家评审", "Send to review", PROVINCE, .guards = {&g_panel},
	 .audit = "special_proposal.review", .effects = SP_FX_PANEL},
	{"reviewing", "passed", "pass", "评审通过", "Pass", PROVINCE, .guards = {&g_scores, &g_mean},
	 .audit = "special_proposal.passed", .effects = SP_FX_OUTCOME},
	{"reviewing", "rejected", "reject", "评审不通过", "Reject", PROVINCE, .flags = FSM_NEEDS_REASON,
	 .guards = {&g_scores}, .audit = "special_proposal.rejected",
	 .effects = SP_FX_OUTCOME | SP_FX_OPINION},
	{"reviewing", "draft", "return", "退回修改", "Return for revision", PROVINCE,
	 .flags = FSM_NEEDS_REASON, .audit = "special_proposal.returned", .effects = SP_FX_OPINION},
	{"passed", "published", "publish", "发布", "Publish", PROVINCE, .guards = {&g_scores, &g_mean},
	 .audit = "special_proposal.published", .effects = SP_FX_PUBLISH},
};

const struct fsm special_fsm = {
	.name = "special_proposal",
	.subject_zh = "专项职业能力考核项目申报",
	.subject_en = "the special-ability proposal",
	.field = "status",
	.states = sp_states,
	.nstates = ARRAY_LEN(sp_states),
	.transitions = sp_transitions,
	.ntransitions = ARRAY_LEN(sp_transitions),
};

/* ---- the new-occupation proposal ---- */

static const struct fsm_state no_states[] = {
	{"submitted", "已提交（待省级审核）", "Submitted (province)"},
	{"forwarded", "已上报人社部", "Forwarded to the ministry"},
	{"declined", "不予上报", "Declined"},
	{"adopted", "已纳入职业分类大典", "Adopted into the occupation catalogue"},
	{"not_adopted", "未纳入职业分类大典", "Not adopted"},
};

static int edition_named(const void *ctx, err *e)
{
	const struct newocc_ctx *c = ctx;
	if (c && c->edition_named)
		return 0;
	return err_set(e, 422, "missing_field", "dadian_edition", "须写明纳入的职业分类大典版本",
		       "name the edition of the occupation catalogue that adopted it");
}

static const struct fsm_guard g_edition = {"edition_named", "写明纳入的大典版本", edition_named};

static const struct fsm_transition no_transitions[] = {
	{"submitted", "forwarded", "forward", "审核上报", "Forward", PROVINCE,
	 .audit = "new_occupation.forwarded", .effects = NO_FX_DECIDE},
	{"submitted", "declined", "decline", "不予上报", "Decline", PROVINCE, .flags = FSM_NEEDS_REASON,
	 .audit = "new_occupation.declined", .effects = NO_FX_DECIDE},
	{"forwarded", "adopted", "adopt", "纳入大典", "Adopted", PROVINCE, .guards = {&g_edition},
	 .audit = "new_occupation.adopted", .effects = NO_FX_DECIDE | NO_FX_ADOPT},
	{"forwarded", "not_adopted", "not_adopt", "未纳入大典", "Not adopted", PROVINCE,
	 .flags = FSM_NEEDS_REASON, .audit = "new_occupation.not_adopted", .effects = NO_FX_DECIDE},
};

const struct fsm newocc_fsm = {
	.name = "new_occupation",
	.subject_zh = "新职业建议",
	.subject_en = "the new-occupation proposal",
	.field = "status",
	.states = no_states,
	.nstates = ARRAY_LEN(no_states),
	.transitions = no_transitions,
	.ntransitions = ARRAY_LEN(no_transitions),
};

/* ---- the review, the code, the fields ---- */

enum special_outcome special_review_outcome(const int *scores, int n, int min_experts, int pass_score,
					    int *mean_x100)
{
	long sum = 0;
	for (int i = 0; i < n; i++)
		sum += scores[i];
	*mean_x100 = n > 0 ? (int)(sum * 100 / n) : 0;
	if (n < 1 || n < min_experts)
		return SR_PENDING;
	return *mean_x100 >= pass_score * 100 ? SR_PASSED : SR_FAILED;
}

int special_code(int n, char out[16])
{
	if (n < 1 || n > 999)
		return -1;
	snprintf(out, 16, "ZX-37-%03d", n);
	return 0;
}

/* 003 §13: 地方特色产业、乡村振兴、新业态、新产业和非物质文化遗产传承项目 */
static const char *const sp_fields[][2] = {
	{"local_industry", "地方特色产业"},
	{"rural_revitalization", "乡村振兴"},
	{"new_business", "新业态"},
	{"new_industry", "新产业"},
	{"intangible_heritage", "非物质文化遗产传承"},
};
/* 002: 绿色低碳产业、先进制造业、新兴产业、未来产业、现代服务业、数字产业、现代农业 */
static const char *const no_fields[][2] = {
	{"green_low_carbon", "绿色低碳产业"},
	{"advanced_manufacturing", "先进制造业"},
	{"emerging", "新兴产业"},
	{"future", "未来产业"},
	{"modern_services", "现代服务业"},
	{"digital", "数字产业"},
	{"modern_agriculture", "现代农业"},
};

static const char *label(const char *const (*t)[2], size_t n, const char *code)
{
	for (size_t i = 0; code && i < n; i++)
		if (!strcmp(t[i][0], code))
			return t[i][1];
	return NULL;
}

const char *special_field_zh(const char *code)
{
	return label(sp_fields, ARRAY_LEN(sp_fields), code);
}

const char *newocc_field_zh(const char *code)
{
	return label(no_fields, ARRAY_LEN(no_fields), code);
}

bool special_may_propose(enum role role, const char *inst_type)
{
	if (role == ROLE_CITY_ADMIN)
		return true;
	if (role != ROLE_INSTITUTION_ADMIN || !inst_type)
		return false;
	return !strcmp(inst_type, "employer") || !strcmp(inst_type, "technical_school") ||
	       !strcmp(inst_type, "university");
}
