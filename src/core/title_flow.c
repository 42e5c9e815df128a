/* title_flow.c: the 贯通 application's state machine (see title_flow.h) */
#include "util/common.h"
#include "core/title_flow.h"

static const struct fsm_state states[] = {
	{"submitted", "已提交（待市级审核）", "Submitted (city review)"},
	{"recommended", "市级已推荐（待省级评审）", "Recommended (provincial review)"},
	{"approved", "已通过", "Approved"},
	{"rejected", "未通过", "Rejected"},
	{"withdrawn", "已撤回", "Withdrawn"},
};

static int conditions_met(const void *ctx, err *e)
{
	const struct title_ctx *c = ctx;
	if (c && c->conditions_ok)
		return 0;
	return err_set(e, 409, "conditions_not_met", "status",
		       "重新核验时贯通条件不满足（详见申请的核验结果）",
		       "the 贯通 conditions do not hold on re-check (see the application's check)");
}

static const struct fsm_guard g_conditions = {"conditions_met", "贯通条件经重新核验仍满足", conditions_met};

#define CITY	 .roles = R_ADMINS, .actor_zh = "市级人社部门", .actor_en = "the city bureau"
#define PROVINCE .roles = RB(ROLE_PROVINCE_ADMIN), .actor_zh = "省级人社部门", .actor_en = "the province"
#define PERSON	 .roles = RB(ROLE_CANDIDATE), .actor_zh = "申请人", .actor_en = "the applicant"

static const struct fsm_transition transitions[] = {
	{"submitted", "recommended", "recommend", "推荐", "Recommend", CITY, .guards = {&g_conditions},
	 .audit = "title_application.recommended", .effects = TITLE_FX_CITY},
	{"submitted", "rejected", "reject", "不予推荐", "Do not recommend", CITY, .flags = FSM_NEEDS_REASON,
	 .audit = "title_application.rejected", .effects = TITLE_FX_CITY | TITLE_FX_DECIDE},
	{"submitted", "withdrawn", "withdraw", "撤回", "Withdraw", PERSON,
	 .audit = "title_application.withdrawn", .effects = TITLE_FX_DECIDE},
	{"recommended", "approved", "approve", "评审通过", "Approve", PROVINCE, .guards = {&g_conditions},
	 .audit = "title_application.approved", .effects = TITLE_FX_DECIDE | TITLE_FX_GRANT},
	{"recommended", "rejected", "reject", "评审不通过", "Reject", PROVINCE, .flags = FSM_NEEDS_REASON,
	 .audit = "title_application.rejected", .effects = TITLE_FX_DECIDE},
	{"recommended", "submitted", "return", "退回市级", "Return to the city", PROVINCE,
	 .flags = FSM_NEEDS_REASON, .audit = "title_application.returned"},
};

const struct fsm title_fsm = {
	.name = "title_application",
	.subject_zh = "贯通申请",
	.subject_en = "the 贯通 application",
	.field = "status",
	.states = states,
	.nstates = ARRAY_LEN(states),
	.transitions = transitions,
	.ntransitions = ARRAY_LEN(transitions),
};
