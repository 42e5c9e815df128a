/* post_flow.h: 新八级工 posts (评聘; svc/incentive/posts.c, docs/DOMAIN.md "特级技师、首席技师评聘"): the
 * rules that need no database — the pay check of a post, the ranking of a round, and the two state machines
 * (core/fsm.h):
 *
 * An appointment round (评聘轮次):
 *   报名中 open       → 评审中 scoring    截止报名 (the enterprise; the trial in force, a panel and criteria
 * set, at least one applicant) 评审中 scoring    → 已排名 ranked     排名 (the enterprise; every applicant
 * scored by every examiner) 已排名 ranked     → 已聘任 appointed  聘任 (the enterprise; the trial in force):
 * appointments for a term 报名中 / 评审中   → 已取消 cancelled  取消 (the enterprise, with a reason)
 *
 * An appointment (聘任, one term):
 *   在聘 serving → 已续聘 renewed  续聘 (the enterprise; every year of the term appraised 合格, the trial in
 *                                   force): a new term begins as a new appointment
 *   在聘 serving → 已解聘 ended    解聘 / 期满不再续聘 (the enterprise, with a reason)
 *
 * Pure: no I/O. */
#ifndef JINENG_CORE_POST_FLOW_H
#define JINENG_CORE_POST_FLOW_H

#include "core/fsm.h"
#include "core/money.h"

enum post_effects {
	POST_FX_RANK = 1u << 0,	   /* rank the applications by their panel scores */
	POST_FX_APPOINT = 1u << 1, /* appoint the ranked within the seats */
	POST_FX_RENEW = 1u << 2,   /* a new term as a new appointment */
	POST_FX_END = 1u << 3,	   /* record the end date and reason */
};

struct post_round_ctx {
	bool trial_active; /* the enterprise's trial authorisation is in force */
	bool panel_ready;  /* criteria of the three stages and a panel set */
	int applicants;	   /* eligible applications */
	bool all_scored;   /* every applicant scored by every examiner of the panel */
};

struct post_appt_ctx {
	bool trial_active;
	int years_due;	  /* the term's full years (term_months / 12) */
	int years_passed; /* of them, years appraised 合格 */
	int years_failed; /* of them, years appraised 不合格 */
};

extern const struct fsm post_round_fsm;
extern const struct fsm post_appt_fsm;

/* post_pay_check: may a post of `rung` (WL_SPECIAL or WL_CHIEF) pay `pay_fen` a month, when the
 * employer's reference post (正高级工程师 for 特级技师, 副总 / 高级管理人员 for 首席技师) is paid
 * `reference_fen`, its highest-paid 特级技师 post `special_max_fen` (-1: none) and its lowest-paid
 * 首席技师 post `chief_min_fen` (-1: none)? 0, or -1 with `e` set (422 with the reason:
 * pay_below_reference, chief_below_special, special_above_chief, invalid_value). */
int post_pay_check(int rung, fen_t pay_fen, fen_t reference_fen, fen_t special_max_fen, fen_t chief_min_fen,
		   err *e);

/* one application as ranking sees it */
struct post_rank_item {
	int64_t id;	  /* the application, earlier first among equals */
	double score;	  /* the panel's score out of 100 */
	bool star_failed; /* a ★ criterion failed (the score is then at most 59) */
	int rank;	  /* out: 1.. by score, ties broken by the earlier application */
	bool selected;	  /* out: within the seats and at or above the pass score */
};

/* post_rank: ranks items[0..n-1] in place by score (highest first; equal scores by id) and selects the
 * first `seats` whose score is at least pass_score and who failed no ★ criterion. Returns how many are
 * selected. */
int post_rank(struct post_rank_item *items, int n, int seats, double pass_score);

/* post_term_end: the last day of a term of `months` months starting on `start` (yyyymmdd): the day before
 * the same day `months` later (a day missing in that month: its last day). 0 on a bad input. */
int post_term_end(int start, int months);

#endif
