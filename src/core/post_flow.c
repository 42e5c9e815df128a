/* post_flow.c: 新八级工 posts — pay check, ranking and the state machines (see post_flow.h) */
#include "util/common.h"
#include "core/post_flow.h"
#include "core/ladder.h"
#include "core/date.h"
#include <stdlib.h>

/* ---- the round ---- */

static const struct fsm_state round_states[] = {
	{"open", "报名中", "Open for applications"},
	{"scoring", "评审中", "Under review"},
	{"ranked", "已排名", "Ranked"},
	{"appointed", "已聘任", "Appointed"},
	{"cancelled", "已取消", "Cancelled"},
};

static int trial_active(const void *ctx, err *e)
{
	const struct post_round_ctx *c = ctx;
	if (c && c->trial_active)
		return 0;
	return err_set(e, 409, "trial_not_authorised", "status",
		       "本单位未获（或已被撤销）特级技师、首席技师评聘试点授权",
		       "the enterprise holds no (or a revoked) authorisation for the post trial");
}

static int panel_ready(const void *ctx, err *e)
{
	const struct post_round_ctx *c = ctx;
	if (c && c->panel_ready)
		return 0;
	return err_set(e, 409, "no_review_setup", "status",
		       "尚未设置业绩评审、现场答辩、综合评审的评分项和评审组",
		       "no criteria for 业绩评审, 现场答辩 and 综合评审 and no panel yet");
}

static int has_applicants(const void *ctx, err *e)
{
	const struct post_round_ctx *c = ctx;
	if (c && c->applicants > 0)
		return 0;
	return err_set(e, 409, "no_applicants", "status", "本轮没有符合条件的申报人",
		       "the round has no eligible applicant");
}

static int all_scored(const void *ctx, err *e)
{
	const struct post_round_ctx *c = ctx;
	if (c && c->all_scored)
		return 0;
	return err_set(e, 409, "scoring_incomplete", "status", "评审组尚未对全部申报人完成独立评分",
		       "the panel has not scored every applicant");
}

static const struct fsm_guard g_trial = {"trial_active", "单位的评聘试点授权有效", trial_active};
static const struct fsm_guard g_panel = {"panel_ready", "已设置三个环节的评分项和评审组", panel_ready};
static const struct fsm_guard g_applicants = {"has_applicants", "至少一名符合条件的申报人", has_applicants};
static const struct fsm_guard g_scored = {"all_scored", "评审组每名成员已为每名申报人评分", all_scored};

#define ENTERPRISE                                                                                           \
	.roles = RB(ROLE_INSTITUTION_ADMIN), .actor_zh = "自主评价企业", .actor_en = "the enterprise"

static const struct fsm_transition round_transitions[] = {
	{"open", "scoring", "close", "截止报名，开始评审", "Close applications", ENTERPRISE,
	 .guards = {&g_trial, &g_panel, &g_applicants}, .audit = "post_round.scoring"},
	{"scoring", "ranked", "rank", "排名", "Rank", ENTERPRISE, .guards = {&g_scored},
	 .audit = "post_round.ranked", .effects = POST_FX_RANK},
	{"ranked", "appointed", "appoint", "聘任", "Appoint", ENTERPRISE, .guards = {&g_trial},
	 .audit = "post_round.appointed", .effects = POST_FX_APPOINT},
	{"open", "cancelled", "cancel", "取消", "Cancel", ENTERPRISE, .flags = FSM_NEEDS_REASON,
	 .audit = "post_round.cancelled"},
	{"scoring", "cancelled", "cancel", "取消", "Cancel", ENTERPRISE, .flags = FSM_NEEDS_REASON,
	 .audit = "post_round.cancelled"},
};

const struct fsm post_round_fsm = {
	.name = "post_round",
	.subject_zh = "评聘轮次",
	.subject_en = "the appointment round",
	.field = "status",
	.states = round_states,
	.nstates = ARRAY_LEN(round_states),
	.transitions = round_transitions,
	.ntransitions = ARRAY_LEN(round_transitions),
};

/* ---- the appointment ---- */

static const struct fsm_state appt_states[] = {
	{"serving", "在聘", "Serving"},
	{"renewed", "已续聘（本聘期结束）", "Renewed (this term over)"},
	{"ended", "已解聘", "Ended"},
};

static int appt_trial(const void *ctx, err *e)
{
	const struct post_appt_ctx *c = ctx;
	if (c && c->trial_active)
		return 0;
	return err_set(e, 409, "trial_not_authorised", "status",
		       "本单位未获（或已被撤销）特级技师、首席技师评聘试点授权",
		       "the enterprise holds no (or a revoked) authorisation for the post trial");
}

static int appraisals_passed(const void *ctx, err *e)
{
	const struct post_appt_ctx *c = ctx;
	if (c && c->years_failed == 0 && c->years_passed >= c->years_due)
		return 0;
	if (c && c->years_failed > 0)
		return err_set(e, 409, "appraisal_failed", "status", "聘期内有 %d 个年度考核不合格，不能续聘",
			       "%d yearly appraisal(s) of the term failed: no renewal", c->years_failed);
	return err_set(e, 409, "appraisal_missing", "status", "聘期内应有 %d 个年度考核合格，现有 %d 个",
		       "the term needs %d passed yearly appraisals; it has %d", c ? c->years_due : 0,
		       c ? c->years_passed : 0);
}

static const struct fsm_guard g_appt_trial = {"trial_active", "单位的评聘试点授权有效", appt_trial};
static const struct fsm_guard g_appraised = {"appraisals_passed", "聘期内每个年度考核均合格",
					     appraisals_passed};

static const struct fsm_transition appt_transitions[] = {
	{"serving", "renewed", "renew", "续聘", "Renew", ENTERPRISE, .guards = {&g_appt_trial, &g_appraised},
	 .audit = "post_appointment.renewed", .effects = POST_FX_RENEW},
	{"serving", "ended", "end", "解聘", "End", ENTERPRISE, .flags = FSM_NEEDS_REASON,
	 .audit = "post_appointment.ended", .effects = POST_FX_END},
};

const struct fsm post_appt_fsm = {
	.name = "post_appointment",
	.subject_zh = "聘任",
	.subject_en = "the appointment",
	.field = "status",
	.states = appt_states,
	.nstates = ARRAY_LEN(appt_states),
	.transitions = appt_transitions,
	.ntransitions = ARRAY_LEN(appt_transitions),
};

/* ---- pay ---- */

int post_pay_check(int rung, fen_t pay, fen_t reference, fen_t special_max, fen_t chief_min, err *e)
{
	if (rung != WL_SPECIAL && rung != WL_CHIEF)
		return err_set(e, 422, "invalid_value", "rank",
			       "岗位应为特级技师（special）或首席技师（chief）",
			       "a post is special (特级技师) or chief (首席技师)");
	if (pay <= 0 || reference <= 0)
		return err_set(e, 422, "invalid_value", pay <= 0 ? "monthly_pay_fen" : "reference_pay_fen",
			       "岗位月薪和参照岗位月薪应为正整数（分）",
			       "the post's and the reference post's monthly pay are positive (fen)");
	if (pay < reference)
		return rung == WL_SPECIAL
			       ? err_set(e, 422, "pay_below_reference", "monthly_pay_fen",
					 "特级技师岗位月薪 %lld 分低于本单位正高级工程师标准 %lld 分"
					 "（按照企业正高级工程师兑现工资待遇）",
					 "the 特级技师 post pays %lld fen a month, below the employer's "
					 "正高级工程师 "
					 "standard of %lld fen",
					 (long long)pay, (long long)reference)
			       : err_set(e, 422, "pay_below_reference", "monthly_pay_fen",
					 "首席技师岗位月薪 %lld 分低于本单位副总（高级管理人员）标准 %lld 分"
					 "（按照企业副总兑现工资待遇）",
					 "the 首席技师 post pays %lld fen a month, below the employer's "
					 "senior "
					 "managers' (副总) standard of %lld fen",
					 (long long)pay, (long long)reference);
	if (rung == WL_CHIEF && special_max >= 0 && pay < special_max)
		return err_set(
			e, 422, "chief_below_special", "monthly_pay_fen",
			"首席技师岗位月薪 %lld 分低于本单位特级技师岗位 %lld "
			"分（首席技师薪酬不低于特级技师）",
			"the 首席技师 post pays %lld fen a month, below the employer's 特级技师 post at %lld "
			"fen (a 首席技师 is never paid below a 特级技师)",
			(long long)pay, (long long)special_max);
	if (rung == WL_SPECIAL && chief_min >= 0 && pay > chief_min)
		return err_set(
			e, 422, "special_above_chief", "monthly_pay_fen",
			"特级技师岗位月薪 %lld 分高于本单位首席技师岗位 %lld "
			"分（首席技师薪酬不低于特级技师）",
			"the 特级技师 post pays %lld fen a month, above the employer's 首席技师 post at %lld "
			"fen (a 首席技师 is never paid below a 特级技师)",
			(long long)pay, (long long)chief_min);
	return 0;
}

/* ---- ranking ---- */

static int by_score(const void *a, const void *b)
{
	const struct post_rank_item *x = a, *y = b;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

int post_rank(struct post_rank_item *items, int n, int seats, double pass_score)
{
	if (n <= 0)
		return 0;
	qsort(items, (size_t)n, sizeof *items, by_score);
	int selected = 0;
	for (int i = 0; i < n; i++) {
		items[i].rank = i + 1;
		items[i].selected = selected < seats && !items[i].star_failed && items[i].score >= pass_score;
		selected += items[i].selected;
	}
	return selected;
}

int post_term_end(int start, int months)
{
	if (!date_valid(start) || months < 1 || months > 1200)
		return 0;
	int y = start / 10000, m = start / 100 % 100, d = start % 100;
	int mm = (m - 1) + months;
	y += mm / 12;
	m = mm % 12 + 1;
	int x = y * 10000 + m * 100 + d;
	while (!date_valid(x) && d > 28)
		x = y * 10000 + m * 100 + --d;
	/* a clamped day is already the month's last day: the term ends then; else the day before */
	return d < start % 100 ? x : date_from_days(date_to_days(x) - 1);
}
