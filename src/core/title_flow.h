/* title_flow.h: a 贯通 application (svc/incentive/titles.c) as a state machine (core/fsm.h):
 *
 *   已提交 submitted    → 市级已推荐 recommended  推荐 (the person's city; the conditions hold on re-check)
 *   已提交 submitted    → 未通过 rejected          不予推荐 (the city, with a reason)
 *   已提交 submitted    → 已撤回 withdrawn         撤回 (the applicant)
 *   市级已推荐 recommended → 已通过 approved       评审通过 (the province; the conditions hold on re-check)
 *   市级已推荐 recommended → 未通过 rejected       评审不通过 (the province, with a reason)
 *   市级已推荐 recommended → 已提交 submitted      退回市级 (the province, with a reason)
 *
 * "The city" is an administrator whose scope covers the application's region (the scope table decides which
 * rows, SE_TITLE_APPLICATION; the province's administrator may act for any city). Approval records the
 * decision: a skill_to_title or green_channel application makes the title record (TITLE_FX_GRANT_TITLE),
 * a title_to_level one records the level decided (TITLE_FX_RECORD_LEVEL). Pure: no I/O. */
#ifndef JINENG_CORE_TITLE_FLOW_H
#define JINENG_CORE_TITLE_FLOW_H

#include "core/fsm.h"

enum title_effects {
	TITLE_FX_DECIDE = 1u << 0, /* set decided_on and the opinion of the deciding level */
	TITLE_FX_CITY = 1u << 1,   /* the reason is the city's opinion */
	TITLE_FX_GRANT = 1u << 2,  /* approved: the title record, or the level decision */
};

/* what the guards read: the rule engine's re-check of the application's conditions at the move */
struct title_ctx {
	bool conditions_ok;
};

extern const struct fsm title_fsm;

#endif
