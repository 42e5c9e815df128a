/* apprentice.h: 企业新型学徒制 and 就业服务 rules that need no database (issue 23 items 3 and 6;
 * docs/DOMAIN.md §54). Pure: no I/O, no global state.
 *
 * An apprenticeship (seed 003 §5; DOMAIN-design §2 学徒工: 劳动合同 ≥ 1 年, 培训 1–2 年, 最长 3 年):
 *   已备案 filed     → 培训中 training   审核通过 (the province or the employer's city)
 *   已备案 filed     → 已中止 terminated 退回 (the bureau, with a reason)
 *   培训中 training  → 已结业 completed  结业 (the employer or the bureau; the plan's end reached and a
 * passed final assessment recorded): records 学徒工 on the ladder 培训中 training  → 已中止 terminated 中止
 * (the employer or the bureau, with a reason)
 *
 * Job recommendation (岗位推荐): a posting matches a person when it is open, of an occupation the person
 * holds a valid certificate of, at a level the certificate reaches (min_level 0 = any; a grade is better
 * the smaller it is: 2 技师 reaches a posting asking 3 高级工), and in the person's region or under it
 * (the city's prefix: a posting in 370102 matches a person of 3701). */
#ifndef JINENG_CORE_APPRENTICE_H
#define JINENG_CORE_APPRENTICE_H

#include "core/fsm.h"

#define APPRENTICE_CONTRACT_MONTHS 12 /* 劳动合同 1 年以上 */
#define APPRENTICE_MIN_MONTHS	   12 /* 培训期限 1 年 */
#define APPRENTICE_MAX_MONTHS	   36 /* 一般 1–2 年，最长 3 年 */

enum apprentice_effects {
	APPR_FX_COMPLETE = 1u << 0, /* completed_on and the 学徒工 rung */
};

struct apprentice_ctx {
	int today;	   /* YYYYMMDD */
	int training_end;  /* YYYYMMDD */
	bool final_passed; /* a passed final assessment is recorded */
};

extern const struct fsm apprentice_fsm;

/* apprentice_terms_check: the contract and the plan of an apprenticeship (dates YYYYMMDD; contract_end 0 =
 * 无固定期限): a contract of at least a year, a training plan of 12..36 whole months that starts no earlier
 * than the contract and ends no later than it. 0 with *months set, or -1 with a 422 naming the field
 * (contract_short, training_period, outside_contract, invalid_date). */
int apprentice_terms_check(int contract_start, int contract_end, int training_start, int training_end,
			   int *months, err *e) WUR;

/* job_level_reaches: does a certificate of grade `held` (1..5) satisfy a posting asking `min_level` (0 any)?
 */
bool job_level_reaches(int held, int min_level);
/* job_region_matches: is a posting in `posting_region` within reach of a person of `person_region`: the
 * same city (the first 4 digits), or the posting's code under the person's prefix? Empty codes match nothing.
 */
bool job_region_matches(const char *person_region, const char *posting_region);

/* within_months: is `day` no later than `from` + `months` months (same day of month, or the month's last)? */
bool within_months(int from, int day, int months);

#endif
