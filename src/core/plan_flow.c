/* plan_flow.c: the 认定计划 state machine (see plan_flow.h) */
#include "util/common.h"
#include "core/plan_flow.h"
#include "core/date.h"

static const struct fsm_state states[] = {
	{"draft", "草稿", "Draft"},
	{"filed", "已备案待审核", "Filed, awaiting approval"},
	{"open", "报名中", "Registration open"},
	{"examining", "考试中", "Examining"},
	{"scoring", "评分中", "Scoring"},
	{"publicity", "公示中", "Publicity"},
	{"certified", "已发证", "Certified"},
	{"archived", "已归档", "Archived"},
};

static int objections_resolved(const void *ctx, err *e)
{
	const struct plan_ctx *c = ctx;
	if (c->open_objections > 0)
		return err_set(e, 409, "objections_open", "status", "尚有 %lld 项异议未处理",
			       "%lld objection(s) are still open", (long long)c->open_objections);
	return 0;
}

/* the publicity period ends at the end of its last working day: certification from the day after */
static int publicity_over(const void *ctx, err *e)
{
	const struct plan_ctx *c = ctx;
	int end = 0;
	if (c->publicity_end && date_parse(c->publicity_end, &end) == 0 && c->today <= end)
		return err_set(e, 409, "publicity_not_over", "status", "公示期至 %s 结束，结束后方可发证",
			       "the publicity period ends on %s", c->publicity_end);
	return 0;
}

const struct fsm_guard plan_guard_objections_resolved = {"objections_resolved", "异议均已处理",
							 objections_resolved};
const struct fsm_guard plan_guard_publicity_over = {"publicity_over", "公示期已结束", publicity_over};

#define INST   .roles = R_INST, .actor_zh = "评价机构", .actor_en = "the institution"
#define BUREAU .roles = R_ADMINS, .actor_zh = "人社部门", .actor_en = "the bureau"

static const struct fsm_transition transitions[] = {
	{"draft", "filed", "file", "提交备案", "File for approval", INST, .audit = "plan.filed"},
	{"filed", "open", "approve", "审核通过", "Approve", BUREAU, .audit = "plan.open"},
	{"filed", "draft", "return", "退回", "Return", BUREAU, .flags = FSM_NEEDS_REASON,
	 .audit = "plan.draft"},
	{"open", "examining", "start_exams", "截止报名，开始考试", "Close registration, start exams", INST,
	 .audit = "plan.examining"},
	{"examining", "scoring", "start_scoring", "考试结束，进入评分", "Exams over, start scoring", INST,
	 .audit = "plan.scoring", .effects = PLAN_FX_ANALYSE},
	{"scoring", "publicity", "publish", "发布公示", "Publish for publicity", INST,
	 .audit = "plan.publicity", .effects = PLAN_FX_PUBLICITY_END},
	{"publicity", "certified", "certify", "公示结束，进入发证", "Publicity over, certify", INST,
	 .guards = {&plan_guard_objections_resolved, &plan_guard_publicity_over}, .audit = "plan.certified"},
	{"certified", "archived", "archive", "归档", "Archive", .roles = R_STAFF,
	 .actor_zh = "评价机构或人社部门", .actor_en = "the institution or the bureau",
	 .audit = "plan.archived"},
};

const struct fsm plan_fsm = {
	.name = "plan",
	.subject_zh = "计划",
	.subject_en = "the plan",
	.field = "status",
	.states = states,
	.nstates = ARRAY_LEN(states),
	.transitions = transitions,
	.ntransitions = ARRAY_LEN(transitions),
};
