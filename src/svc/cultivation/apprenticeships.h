/* apprenticeships.h: 企业新型学徒制 as one flow (issue 23 item 3; docs/DOMAIN.md §54).
 *
 * An employer (its administrator, or the bureau for it) files an apprenticeship: the apprentice (a person the
 * employer reaches), the school or training institution that trains, the mentor with the monthly 带徒津贴,
 * the labour contract and the training plan (core/apprentice.h: contract ≥ 1 year, plan 12..36 months within
 * it), the occupation and level trained toward. The province or the employer's city approves it; the employer
 * and the trainer record progress (stages with hours, the final assessment); the employer or the bureau
 * completes it (plan over, final passed: 学徒工 recorded on the ladder) or ends it. On completion the
 * apprentice may register for the open 认定 plan of the occupation and level, and the bureau files the
 * employer's subsidy through the training domain's claims (svc/training/claims.h: kind apprentice, the
 * city's rate per year as data, ≥ 5,000 元), which then goes 审核 → 公示 → 应付 → 支付 on the one ledger;
 * the claim's key admits one live claim, so it is paid once. Scope: SE_APPRENTICESHIP (core/scope.c). */
#ifndef JINENG_SVC_CULTIVATION_APPRENTICESHIPS_H
#define JINENG_SVC_CULTIVATION_APPRENTICESHIPS_H

#include "svc/base/list.h"
#include "svc/base/svc.h"
#include "core/money.h"

struct appr_input {
	int64_t employer_id, trainer_id, person_id;
	const char *occupation_code;
	int64_t level;
	const char *mentor_name;
	fen_t mentor_allowance_fen;		   /* 带徒津贴 a month; -1 not given (0) */
	const char *contract_start, *contract_end; /* contract_end NULL or "": 无固定期限 */
	const char *training_start, *training_end;
	const char *plan;
};

/* appr_create: files an apprenticeship (201 with its view). The employer's administrator for its own
 * enterprise, or the province / the employer's city; 404 for an employer, trainer or person out of reach;
 * 422 for the terms; 409 apprentice_busy when the person has a live apprenticeship. */
json_t *appr_create(db *d, const principal *a, const struct appr_input *in, err *e);
/* appr_get_json: one apprenticeship with its progress, its claim's status and the moves the caller may take
 */
json_t *appr_get_json(db *d, const principal *a, int64_t id, err *e);
/* the apprenticeships the caller may read; filters status, employer_id, trainer_id, person_id, region_code */
extern const struct list_spec appr_list;

/* appr_progress_add: a stage (hours done) or the final assessment (passed) of an apprenticeship in training,
 * by the employer or the trainer (or the bureau) */
json_t *appr_progress_add(db *d, const principal *a, int64_t id, const char *kind, const char *on,
			  int64_t hours, int passed, const char *note, err *e);
/* appr_move: the state machine's move (core/apprentice.c), audited apprenticeship.<state> */
json_t *appr_move(db *d, const principal *a, int64_t id, const char *to, const char *reason, err *e);

/* appr_claim: the bureau (province, the employer's city) files the employer's 新型学徒制 subsidy for a
 * completed apprenticeship through claim_file, with the city's rate; the claim's id is kept on the
 * apprenticeship. 409 not_completed, 409 already_claimed (a live claim exists). {claim_id, ok, amount_fen,
 * apprenticeship} */
json_t *appr_claim(db *d, const principal *a, int64_t id, err *e);
/* appr_register: the apprentice registers for the open 认定 plan of the apprenticeship's occupation and level
 * (plan_id 0: the earliest exam) once completed, under the eligibility option chosen (学徒期满 where the
 * plan's template has it); 409 not_completed / no_open_plan / already_registered */
json_t *appr_register(db *d, const principal *a, int64_t id, int64_t plan_id, const char *option, err *e);

/* the cities' rates (public) and setting one (the province, or the city its own): rate_fen ≥ 500000 */
json_t *appr_rates_json(db *d, err *e);
json_t *appr_rate_put(db *d, const principal *a, const char *region, fen_t rate_fen, const char *source,
		      err *e);
/* appr_summary_json: the target (the targets row of metric apprentice.trained for 370000,
 * svc/stats/targets.c) and the counts by city and state within the caller's region (the province all, a city
 * its own) */
json_t *appr_summary_json(db *d, const principal *a, err *e);

#endif
