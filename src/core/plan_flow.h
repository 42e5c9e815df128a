/* plan_flow.h: the state machine of 认定计划 (evaluation plans) as a table (core/fsm.h).
 *
 *   草稿 draft          → 已备案待审核 filed   提交备案 (institution)
 *   已备案待审核 filed  → 报名中 open          审核通过 (bureau)
 *   已备案待审核 filed  → 草稿 draft           退回 (bureau, with a reason)
 *   报名中 open         → 考试中 examining     截止报名，开始考试 (institution)
 *   考试中 examining    → 评分中 scoring       考试结束，进入评分 (institution; every sitting analysed)
 *   评分中 scoring      → 公示中 publicity     发布公示 (institution; the end date on the working days)
 *   公示中 publicity    → 已发证 certified     公示结束，进入发证 (institution; no open objection, the
 *                                              publicity period over)
 *   已发证 certified    → 已归档 archived      归档 (institution or bureau)
 *
 * "Institution" is an institution administrator or staff member of the plan's institution, "bureau" the
 * province or the city of the institution's region (svc decides the data scope; this table the roles).
 * Every move is audited as plan.<to state> and kept in plan_history. Rules: docs/DOMAIN.md §18. */
#ifndef JINENG_CORE_PLAN_FLOW_H
#define JINENG_CORE_PLAN_FLOW_H

#include "core/fsm.h"

/* what the guards read; the use case fills it from the plan before deciding */
struct plan_ctx {
	int today;		   /* YYYYMMDD in China time */
	const char *publicity_end; /* "YYYY-MM-DD", or "" before the plan was published */
	int64_t open_objections;   /* objections to the plan not yet resolved */
};

/* effects: what the plan use case does with a transition besides updating the state */
enum plan_effects {
	PLAN_FX_PUBLICITY_END = 1u << 0, /* set publicity_end: publicity_days working days from today */
	PLAN_FX_ANALYSE = 1u << 1, /* analyse every sitting (试题分析, 雷同卷); the reply carries it */
};

extern const struct fsm plan_fsm;
extern const struct fsm_guard plan_guard_objections_resolved, plan_guard_publicity_over;

#endif
