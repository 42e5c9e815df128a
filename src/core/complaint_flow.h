/* complaint_flow.h: 投诉举报 (complaints and reports) as a state machine (core/fsm.h), their deadlines on the
 * working-day calendar and the form of their tracking codes. Pure: no I/O.
 *
 *   已收到 received      → 已受理 acknowledged   受理 (bureau)
 *   已收到 received      → 不予受理/不属实 dismissed  不予受理 (bureau, with a reason)
 *   已受理 acknowledged  → 调查中 investigating  开始调查 (bureau)
 *   已受理 acknowledged  → 已答复 replied        答复 (bureau, with the reply)
 *   调查中 investigating → 查实 upheld           查实 (bureau, with the reply; an investigation record)
 *   调查中 investigating → 不属实 dismissed      查无实据 (bureau, with the reply; an investigation record)
 *   调查中 investigating → 已答复 replied        答复 (bureau, with the reply)
 *   查实 / 不属实 / 已答复 → 已办结 closed        办结 (bureau)
 *
 * "Bureau" is the province or the city administrator of the complaint's city (svc decides the data scope,
 * SE_COMPLAINT; this table the roles). The reason of a decision is the reply the complainant reads on the
 * status page. Rules: docs/DOMAIN.md §8 投诉举报. */
#ifndef JINENG_CORE_COMPLAINT_FLOW_H
#define JINENG_CORE_COMPLAINT_FLOW_H

#include "core/fsm.h"
#include "core/workdays.h"

/* what the guards read; the use case fills it from the complaint before deciding */
struct complaint_ctx {
	int64_t records; /* investigation records appended by the handler */
};

enum complaint_effects {
	COMPLAINT_FX_ACK = 1u << 0, /* set acknowledged_on (the acknowledgement deadline is met or missed) */
	COMPLAINT_FX_DECIDE = 1u << 1, /* set the outcome, the reply and decided_on (the reply deadline) */
};

extern const struct fsm complaint_fsm;
extern const struct fsm_guard complaint_guard_investigated;

/* complaint_due: the last day of a term of `days` working days for a complaint received on `received`
 * (YYYYMMDD). The day of receipt is not counted; the term starts the next day (民法典 第二百零一条:
 * 按照日计算 期间的，开始的当日不计入，自下一日开始计算), and only working days of the calendar count. */
int complaint_due(int received, int days, const struct cal_day *cal, size_t n);

/* complaint_overdue: is a deadline `due` missed, given the day the step was taken (0: not yet) and today?
 * A step taken after its deadline stays overdue; a step not yet taken is overdue once today is past it. */
bool complaint_overdue(int due, int done_on, int today);

/* tracking codes: COMPLAINT_CODE_LEN characters of Crockford's base32 (no I, L, O, U), 100 bits from a
 * CSPRNG (the caller draws them). complaint_code_from: the code of 13 random bytes (the last 4 bits unused);
 * complaint_code_normalize: a typed code upper-cased, with spaces and dashes removed, into out; -1 when it
 * cannot be a code (wrong length or alphabet), so a malformed code never reaches the database. */
#define COMPLAINT_CODE_LEN 20
void complaint_code_from(const uint8_t rnd[13], char out[COMPLAINT_CODE_LEN + 1]);
int complaint_code_normalize(const char *in, char out[COMPLAINT_CODE_LEN + 1]);

#endif
