/* card_flow.h: the 山东惠才卡 application as a state machine (core/fsm.h), the deadline of each step on the
 * working-day calendar, and the card's signed payload (the canonical JSON an SM2 signature covers, as a
 * certificate's QR code carries it). Pure: no I/O.
 *
 *   待单位专员完善 applied    → 待单位审核 completed     完善并提交   (单位专员: the employer's staff)
 *   待单位审核 completed      → 待人社初审 approved      单位审核通过 (the employer's administrator)
 *   待人社初审 approved       → 待省级窗口 reviewed      初审通过     (the same-level 人社: city or province)
 *   待省级窗口 reviewed       → 已发卡 issued            发卡         (省高层次人才服务窗口: the province)
 *   each of the four          → 未通过 refused           不予通过     (that step's actor, with a reason)
 *
 * Source of the flow: domain-sources.md §9 (m12333.cn, 2024-04-28) and DOMAIN.md §9. The data scope (which
 * employer, which city) is svc's (SE_CARD_APPLICATION); this table says who acts at each step. */
#ifndef JINENG_CORE_CARD_FLOW_H
#define JINENG_CORE_CARD_FLOW_H

#include "core/fsm.h"
#include "core/workdays.h"

/* what the issuing guard reads, filled by the use case */
struct card_ctx {
	bool honour_held;     /* the honour the application rests on is still on the talent record */
	bool category_active; /* its category is still a card category */
	bool has_valid_card;  /* the person already holds a valid card */
};

enum card_effects {
	CARD_FX_NOTE = 1u << 0,	  /* keep the 单位专员's note (the reason text) on the application */
	CARD_FX_ISSUE = 1u << 1,  /* issue the card: number, signed payload */
	CARD_FX_REFUSE = 1u << 2, /* keep the refusal's reason on the application */
};

extern const struct fsm card_fsm;

/* card_step_open: does the application wait on someone in this state (a deadline runs)? */
bool card_step_open(const char *state);

/* card_due: the last day of a step of `days` working days entered on `entered` (YYYYMMDD): the day of
 * entering is not counted, only working days of the calendar are. 0 for an invalid date or days < 1. */
int card_due(int entered, int days, const struct cal_day *cal, size_t n);

/* card_overdue: was a step due on `due` (YYYYMMDD, 0 none) ended late on `done` (0: not yet; then today
 * decides)? */
bool card_overdue(int due, int done, int today);

/* the signed content of a card. Strings are UTF-8 without NUL; id_masked is the masked ID number. */
struct card_payload {
	const char *number, *name, *id_masked, *category, *category_name, *issued_on, *issuer, *kid;
};

/* card_payload_json: the canonical JSON of the payload (keys sorted, no spaces, strings escaped as JSON
 * with non-ASCII UTF-8 kept) into out; its length, or -1 when it does not fit in cap (with the NUL) or a
 * field is NULL or not valid text (a control character other than those JSON escapes is escaped \u00XX). */
int card_payload_json(const struct card_payload *p, char *out, size_t cap);

/* card_number_make: "SDHC" + year (4 digits) + serial (6 digits), e.g. SDHC2026000001; -1 when out of range
 */
int card_number_make(int year, int64_t serial, char out[16]);
/* card_number_valid: the form card_number_make makes */
bool card_number_valid(const char *s);

#endif
