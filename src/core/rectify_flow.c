/* rectify_flow.c: the 整改 state machine, its deadline and overdue rule (see rectify_flow.h) */
#include "util/common.h"
#include "core/rectify_flow.h"
#include "core/date.h"

static const struct fsm_state states[] = {
	{"open", "待整改", "To rectify"},
	{"responded", "已报送整改情况", "Response submitted"},
	{"escalated", "已升级处理", "Escalated"},
	{"closed", "已销号", "Closed"},
};

#define INST	 .roles = R_INST, .actor_zh = "评价机构", .actor_en = "the institution"
#define BUREAU	 .roles = R_ADMINS, .actor_zh = "人社部门", .actor_en = "the bureau"
#define PROVINCE .roles = RB(ROLE_PROVINCE_ADMIN), .actor_zh = "省级人社部门", .actor_en = "the province"

static const struct fsm_transition transitions[] = {
	{"open", "responded", "respond", "报送整改情况", "Submit the response", INST,
	 .flags = FSM_NEEDS_REASON, .audit = "rectification.responded", .effects = RECTIFY_FX_RESPOND},
	{"responded", "open", "return", "退回重新整改", "Return for rectification", BUREAU,
	 .flags = FSM_NEEDS_REASON, .audit = "rectification.returned", .effects = RECTIFY_FX_REOPEN},
	{"responded", "closed", "close", "验收销号", "Accept and close", BUREAU,
	 .audit = "rectification.closed", .effects = RECTIFY_FX_CLOSE},
	{"open", "closed", "close", "直接销号", "Close without a response", BUREAU, .flags = FSM_NEEDS_REASON,
	 .audit = "rectification.closed", .effects = RECTIFY_FX_CLOSE},
	{"open", "escalated", "escalate", "升级处理", "Escalate", BUREAU, .flags = FSM_NEEDS_REASON,
	 .audit = "rectification.escalated", .effects = RECTIFY_FX_ESCALATE},
	{"responded", "escalated", "escalate", "升级处理", "Escalate", BUREAU, .flags = FSM_NEEDS_REASON,
	 .audit = "rectification.escalated", .effects = RECTIFY_FX_ESCALATE},
	{"escalated", "closed", "close", "办结销号", "Close the escalated case", PROVINCE,
	 .flags = FSM_NEEDS_REASON, .audit = "rectification.closed", .effects = RECTIFY_FX_CLOSE},
};

const struct fsm rectify_fsm = {
	.name = "rectification",
	.subject_zh = "整改",
	.subject_en = "the rectification",
	.field = "status",
	.states = states,
	.nstates = ARRAY_LEN(states),
	.transitions = transitions,
	.ntransitions = ARRAY_LEN(transitions),
};

int rectify_due(int opened, int days, const struct cal_day *cal, size_t n)
{
	if (!date_valid(opened) || days < 1)
		return 0;
	int next = date_from_days(date_to_days(opened) + 1);
	return workdays_end(next, days, cal, n);
}

int rectify_done_on(int responded_on, int closed_on)
{
	return responded_on > 0 ? responded_on : closed_on > 0 ? closed_on : 0;
}

bool rectify_overdue(int due, int done_on, int today)
{
	if (due <= 0)
		return false;
	return done_on > 0 ? done_on > due : today > due;
}
