/* claim_flow.c: the 补贴申领 state machine (see claim_flow.h) */
#include "util/common.h"
#include "core/claim_flow.h"
#include "core/date.h"

static const struct fsm_state states[] = {
	{"applied", "已受理", "Applied"},     {"checked", "已核验", "Checked"},
	{"reviewed", "已审核", "Reviewed"},   {"publicity", "公示中", "Publicity"},
	{"payable", "待支付", "Payable"},     {"paid", "已支付", "Paid"},
	{"rejected", "不予补贴", "Rejected"}, {"recovered", "已追回", "Recovered"},
};

/* the publicity period ends at the end of its last working day: payable from the day after */
static int publicity_over(const void *ctx, err *e)
{
	const struct claim_ctx *c = ctx;
	if (c->publicity_end && c->today <= c->publicity_end) {
		char end[11];
		date_format(c->publicity_end, end);
		return err_set(e, 409, "publicity_not_over", "status", "公示期至 %s 结束，期满后方可支付",
			       "the publicity period ends on %s", end);
	}
	return 0;
}

const struct fsm_guard claim_guard_publicity_over = {"publicity_over", "公示期已满", publicity_over};

/* a confirmed fraud signal (疑点线索, svc/training/fraud.c) holds the claim: only rejection, reversal and
 * recovery remain */
static int no_fraud_hold(const void *ctx, err *e)
{
	const struct claim_ctx *c = ctx;
	if (c && c->fraud_holds > 0)
		return err_set(e, 409, "fraud_hold", "status",
			       "该申领涉及已认定的疑点线索，不能继续审核或支付，只能不予补贴",
			       "a confirmed fraud signal holds the claim: it can only be rejected");
	return 0;
}

const struct fsm_guard claim_guard_no_fraud_hold = {"no_fraud_hold", "无已认定的疑点线索", no_fraud_hold};

#define BUREAU .roles = R_ADMINS, .actor_zh = "人社部门", .actor_en = "the bureau"
#define FILER                                                                                                \
	.roles = R_ADMINS | RB(ROLE_CANDIDATE), .actor_zh = "申领人或人社部门",                              \
	.actor_en = "the claimant or the bureau"

static const struct fsm_transition transitions[] = {
	{"applied", "checked", "check", "核验通过", "Checked", FILER, .audit = "subsidy_claim.checked"},
	{"applied", "rejected", "refuse", "核验不通过", "Refused by the rules", FILER,
	 .audit = "subsidy_claim.refused"},
	{"checked", "reviewed", "review", "审核通过", "Approve", BUREAU,
	 .guards = {&claim_guard_no_fraud_hold}, .audit = "subsidy_claim.reviewed"},
	{"checked", "rejected", "reject", "不予补贴", "Reject", BUREAU, .flags = FSM_NEEDS_REASON,
	 .audit = "subsidy_claim.rejected"},
	{"reviewed", "publicity", "publish", "发布公示", "Publish", BUREAU,
	 .guards = {&claim_guard_no_fraud_hold}, .audit = "subsidy_claim.publicity"},
	{"reviewed", "rejected", "reject", "不予补贴", "Reject", BUREAU, .flags = FSM_NEEDS_REASON,
	 .audit = "subsidy_claim.rejected"},
	{"publicity", "payable", "confirm", "公示期满，核定应付", "Publicity over, payable", BUREAU,
	 .guards = {&claim_guard_publicity_over, &claim_guard_no_fraud_hold},
	 .audit = "subsidy_claim.payable", .effects = CLAIM_FX_ACCRUE},
	{"publicity", "rejected", "reject", "不予补贴（公示异议成立）", "Reject (objection upheld)", BUREAU,
	 .flags = FSM_NEEDS_REASON, .audit = "subsidy_claim.rejected"},
	{"payable", "paid", "pay", "支付", "Pay", BUREAU, .guards = {&claim_guard_no_fraud_hold},
	 .audit = "subsidy_claim.paid", .effects = CLAIM_FX_PAY},
	{"paid", "payable", "reverse", "冲正（银行退回）", "Reverse (returned by the bank)", BUREAU,
	 .flags = FSM_NEEDS_REASON, .audit = "subsidy_claim.reversed", .effects = CLAIM_FX_REVERSE},
	{"paid", "recovered", "recover", "追回", "Recover", BUREAU, .flags = FSM_NEEDS_REASON,
	 .audit = "subsidy_claim.recovered", .effects = CLAIM_FX_RECOVER},
};

const struct fsm claim_fsm = {
	.name = "subsidy_claim",
	.subject_zh = "补贴申领",
	.subject_en = "the claim",
	.field = "status",
	.states = states,
	.nstates = ARRAY_LEN(states),
	.transitions = transitions,
	.ntransitions = ARRAY_LEN(transitions),
};
