/* rectify_flow.h: 整改 (rectification of a problem an inspection found) as a state machine (core/fsm.h),
 * its deadline on the working-day calendar and its overdue rule. Pure: no I/O.
 *
 *   待整改 open        → 已报送 responded   报送整改情况 (the institution, with its response)
 *   已报送 responded   → 待整改 open        退回重新整改 (the bureau, with a reason)
 *   已报送 responded   → 已销号 closed      验收销号 (the bureau)
 *   待整改 open        → 已销号 closed      直接销号 (the bureau, with a reason: e.g. put right on the spot)
 *   待整改 open        → 已升级 escalated   升级处理 (the bureau, with a reason)
 *   已报送 responded   → 已升级 escalated   升级处理 (the bureau, with a reason)
 *   已升级 escalated   → 已销号 closed      办结销号 (the province, with a reason)
 *
 * "The bureau" is the province or the administrator of the institution's city (svc decides the data scope,
 * SE_RECTIFICATION; this table the roles). Escalation hands the case to the province, which alone closes
 * it; a revoking situation (撤销备案情形) is confirmed apart from these moves (svc/supervision/rectify.c)
 * and suspends the filing. Rules: docs/DOMAIN.md "整改". */
#ifndef JINENG_CORE_RECTIFY_FLOW_H
#define JINENG_CORE_RECTIFY_FLOW_H

#include "core/fsm.h"
#include "core/workdays.h"

enum rectify_effects {
	RECTIFY_FX_RESPOND =
		1u << 0,	     /* store the response and responded_on (the deadline is met or missed) */
	RECTIFY_FX_REOPEN = 1u << 1, /* clear responded_on: the deadline runs on, the response stays in the
					record */
	RECTIFY_FX_CLOSE = 1u << 2,  /* set closed_on and the bureau's decision */
	RECTIFY_FX_ESCALATE = 1u << 3, /* set escalated_on and the bureau's decision */
};

extern const struct fsm rectify_fsm;

/* rectify_due: the last day of a term of `days` working days for a rectification opened on `opened`
 * (YYYYMMDD): the day of opening is not counted (民法典 第二百零一条), only working days of the calendar
 * count (weekends and 法定节假日 do not, 调休上班 days do). 0 for an invalid date or days < 1. */
int rectify_due(int opened, int days, const struct cal_day *cal, size_t n);

/* rectify_done_on: the day the institution's part ended, for the overdue rule: its standing response, or
 * the closing when closed without one; 0 while it is still to act */
int rectify_done_on(int responded_on, int closed_on);

/* rectify_overdue: is the deadline `due` missed, given the day the institution's part ended (0: not yet)
 * and today? A response after the deadline stays overdue; none yet is overdue once today is past it. */
bool rectify_overdue(int due, int done_on, int today);

#endif
