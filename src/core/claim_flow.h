/* claim_flow.h: the state machine of 补贴申领 (subsidy claims) as a table (core/fsm.h).
 *
 *   已受理 applied     → 已核验 checked     核验通过 (the rule engine passed it: done when the claim is
 * filed) 已受理 applied     → 不予补贴 rejected  核验不通过 (the rule engine refused it; with the reasons)
 *   已核验 checked     → 已审核 reviewed    审核通过 (bureau)
 *   已审核 reviewed    → 公示中 publicity   发布公示 (bureau; 5 working days on the holiday calendar)
 *   公示中 publicity   → 待支付 payable     公示期满 (bureau; the period over) — the accrue entry
 *   待支付 payable     → 已支付 paid        支付 (bureau) — the pay entry
 *   已支付 paid        → 待支付 payable     冲正 (bureau, with a reason: the bank returned it) — a reverse
 * entry 已支付 paid        → 已追回 recovered   追回 (bureau, with a reason: e.g. the certificate was
 * revoked) checked / reviewed / publicity → 不予补贴 rejected   不予补贴 (bureau, with a reason)
 *
 * "Bureau" is the province's admin or the admin of the claim's city (svc decides the data scope; this table
 * the roles). A confirmed fraud signal (疑点线索) holds a claim: no review, publicity, accrual or payment,
 * only rejection (or, once paid, reversal and recovery). Money moves through the ledger
 * (svc/training/ledger.h) in the same transaction. Rules: docs/DOMAIN.md "补贴规则" and "补贴台账". */
#ifndef JINENG_CORE_CLAIM_FLOW_H
#define JINENG_CORE_CLAIM_FLOW_H

#include "core/fsm.h"

#define CLAIM_PUBLICITY_DAYS 5

/* what the guards read */
struct claim_ctx {
	int today;	   /* YYYYMMDD in China time */
	int publicity_end; /* the last working day of the claim's 公示, 0 when not in publicity */
	int fraud_holds;   /* confirmed fraud signals concerning the claim (DOMAIN.md §34) */
};

enum claim_effects {
	CLAIM_FX_ACCRUE = 1u << 0,  /* post the accrue entry */
	CLAIM_FX_PAY = 1u << 1,	    /* the pay entry */
	CLAIM_FX_REVERSE = 1u << 2, /* reverse the last pay entry */
	CLAIM_FX_RECOVER = 1u << 3, /* the recover entry */
};

extern const struct fsm claim_fsm;
extern const struct fsm_guard claim_guard_publicity_over;
/* review, publish, confirm and pay are refused while a confirmed fraud signal holds the claim (409
 * fraud_hold); reject, reverse and recover are not */
extern const struct fsm_guard claim_guard_no_fraud_hold;

#endif
