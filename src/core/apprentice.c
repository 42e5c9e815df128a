/* apprentice.c: 企业新型学徒制 terms and state machine, job matching (see apprentice.h) */
#include "util/common.h"
#include "core/apprentice.h"
#include "core/date.h"
#include "core/subsidy.h"

static const struct fsm_state states[] = {
	{"filed", "已备案待审核", "Filed"},
	{"training", "培训中", "In training"},
	{"completed", "已结业", "Completed"},
	{"terminated", "已中止", "Terminated"},
};

static int period_over(const void *ctx, err *e)
{
	const struct apprentice_ctx *c = ctx;
	if (c && c->today >= c->training_end)
		return 0;
	char end[11] = "";
	if (c)
		date_format(c->training_end, end);
	return err_set(e, 409, "period_not_over", "status", "培训计划至 %s 结束，期满后方可结业",
		       "the training plan runs until %s: completion comes after it", end);
}

static int final_passed(const void *ctx, err *e)
{
	const struct apprentice_ctx *c = ctx;
	if (c && c->final_passed)
		return 0;
	return err_set(e, 409, "final_not_passed", "status", "尚无合格的结业考核记录",
		       "no passed final assessment is recorded");
}

static const struct fsm_guard g_period = {"period_over", "培训计划期满", period_over};
static const struct fsm_guard g_final = {"final_passed", "结业考核合格", final_passed};

#define BUREAU .roles = R_ADMINS, .actor_zh = "人社部门", .actor_en = "the bureau"
#define EMPLOYER_OR_BUREAU                                                                                   \
	.roles = R_ADMINS | RB(ROLE_INSTITUTION_ADMIN), .actor_zh = "企业或人社部门",                        \
	.actor_en = "the employer or the bureau"

static const struct fsm_transition transitions[] = {
	{"filed", "training", "approve", "审核通过", "Approve", BUREAU, .audit = "apprenticeship.training"},
	{"filed", "terminated", "reject", "退回", "Reject", BUREAU, .flags = FSM_NEEDS_REASON,
	 .audit = "apprenticeship.terminated"},
	{"training", "completed", "complete", "结业", "Complete", EMPLOYER_OR_BUREAU,
	 .guards = {&g_period, &g_final}, .audit = "apprenticeship.completed", .effects = APPR_FX_COMPLETE},
	{"training", "terminated", "terminate", "中止", "Terminate", EMPLOYER_OR_BUREAU,
	 .flags = FSM_NEEDS_REASON, .audit = "apprenticeship.terminated"},
};

const struct fsm apprentice_fsm = {
	.name = "apprenticeship",
	.subject_zh = "学徒培养",
	.subject_en = "the apprenticeship",
	.field = "status",
	.states = states,
	.nstates = ARRAY_LEN(states),
	.transitions = transitions,
	.ntransitions = ARRAY_LEN(transitions),
};

int apprentice_terms_check(int contract_start, int contract_end, int training_start, int training_end,
			   int *months, err *e)
{
	*months = 0;
	if (!date_valid(contract_start))
		return err_set(e, 422, "invalid_date", "contract_start", "劳动合同起始日期无效",
			       "contract_start is no date");
	if (contract_end && !date_valid(contract_end))
		return err_set(e, 422, "invalid_date", "contract_end", "劳动合同终止日期无效",
			       "contract_end is no date");
	if (!date_valid(training_start) || !date_valid(training_end))
		return err_set(e, 422, "invalid_date",
			       date_valid(training_start) ? "training_end" : "training_start",
			       "培训计划日期无效", "the training plan's dates are no dates");
	if (contract_end && subsidy_add_months(contract_start, APPRENTICE_CONTRACT_MONTHS) > contract_end)
		return err_set(e, 422, "contract_short", "contract_end",
			       "劳动合同期限应在1年以上（或无固定期限）",
			       "the labour contract runs at least a year (or is open-ended)");
	if (training_start < contract_start || (contract_end && training_end > contract_end))
		return err_set(e, 422, "outside_contract", "training_start", "培训计划应在劳动合同期限之内",
			       "the training plan lies within the labour contract");
	int m = training_end > training_start ? subsidy_full_months(training_start, training_end) : 0;
	if (m < APPRENTICE_MIN_MONTHS || m > APPRENTICE_MAX_MONTHS ||
	    (m == APPRENTICE_MAX_MONTHS && subsidy_add_months(training_start, m) < training_end))
		return err_set(e, 422, "training_period", "training_end",
			       "培训期限为%d个月，应为1至2年（最长3年，12至36个月）",
			       "the training lasts %d months: 1 to 2 years (at most 3, 12 to 36 months)", m);
	*months = m;
	return 0;
}

bool job_level_reaches(int held, int min_level)
{
	if (min_level == 0)
		return held >= 1 && held <= 5;
	return held >= 1 && held <= min_level;
}

bool job_region_matches(const char *person_region, const char *posting_region)
{
	if (!person_region || !posting_region || strlen(person_region) < 2 || strlen(posting_region) < 4)
		return false;
	char pc[8], qc[8];
	snprintf(pc, sizeof pc, "%.4s", person_region);
	snprintf(qc, sizeof qc, "%.4s", posting_region);
	if (strlen(pc) == 4 && !strcmp(pc, qc))
		return true;
	size_t n = strlen(person_region);
	return n < strlen(posting_region) && !strncmp(person_region, posting_region, n);
}

bool within_months(int from, int day, int months)
{
	return date_valid(from) && date_valid(day) && day >= from && day <= subsidy_add_months(from, months);
}
