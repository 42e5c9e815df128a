/* shortage_rules.c: the reasons of a 急需紧缺 warning (core/shortage_rules.h; docs/DOMAIN.md §59). */
#include "util/common.h"
#include "core/shortage_rules.h"

int64_t shortage_ratio_pct(int64_t demand, int64_t supply)
{
	if (supply <= 0 || demand < 0)
		return -1;
	return (demand * 100 + supply / 2) / supply;
}

/* demand / supply ≥ pct / 100, exactly: demand × 100 ≥ pct × supply */
static bool ratio_at_least(int64_t demand, int64_t supply, int64_t pct)
{
	return demand > 0 && demand * 100 >= pct * (supply > 0 ? supply : 0);
}

unsigned shortage_reasons(const struct shortage_thresholds *t, const struct shortage_indicators *x)
{
	if (x->demand < t->min_demand || x->demand <= 0)
		return 0;
	unsigned r = 0;
	if (ratio_at_least(x->demand, x->supply, t->ratio_min_pct))
		r |= SR_RATIO;
	if (x->has_pay && x->pay_growth_bp >= t->pay_growth_min_bp)
		r |= SR_PAY;
	if (x->has_vacancy && x->vacancy_days >= t->vacancy_days_min)
		r |= SR_VACANCY;
	if (x->has_forecast && ratio_at_least(x->demand, x->forecast_hi, t->ratio_min_pct))
		r |= SR_FORECAST;
	return r;
}

static int bits(unsigned r)
{
	int n = 0;
	for (; r; r &= r - 1)
		n++;
	return n;
}

bool shortage_listed(const struct shortage_thresholds *t, unsigned reasons)
{
	return reasons && bits(reasons) >= (t->min_reasons > 0 ? t->min_reasons : 1);
}

const char *shortage_reason_code(unsigned bit)
{
	switch (bit) {
	case SR_RATIO:
		return "ratio";
	case SR_PAY:
		return "pay";
	case SR_VACANCY:
		return "vacancy";
	case SR_FORECAST:
		return "forecast";
	}
	return NULL;
}

int shortage_severity(unsigned reasons)
{
	int n = bits(reasons);
	return n >= 3 ? 3 : n;
}

static int has_entries(const void *ctx, err *e)
{
	const struct shortage_proposal_ctx *c = ctx;
	if (c && c->entries > 0)
		return 0;
	return err_set(e, 422, "empty_proposal", "entries", "建议目录中没有职业，不能发布",
		       "the proposal lists no occupation and cannot be published");
}
static const struct fsm_guard g_entries = {"has_entries", "目录中至少有一个职业", has_entries};

static const struct fsm_state proposal_states[] = {
	{"draft", "草稿", "Draft"},
	{"published", "已发布", "Published"},
};
static const struct fsm_transition proposal_transitions[] = {
	{"draft", "published", "publish", "发布为下一年度目录", "Publish as next year's catalogue",
	 RB(ROLE_PROVINCE_ADMIN), "省级人社部门", "the province", .guards = {&g_entries},
	 .audit = "stats.shortage.publish"},
};
const struct fsm shortage_proposal_fsm = {
	.name = "shortage_proposal",
	.subject_zh = "建议目录",
	.subject_en = "the proposed catalogue",
	.field = "state",
	.states = proposal_states,
	.nstates = ARRAY_LEN(proposal_states),
	.transitions = proposal_transitions,
	.ntransitions = ARRAY_LEN(proposal_transitions),
};
