/* results.h: 评价结果: compiled from a plan's exams and panels (plan_results.c), or entered by the province
 * on the correction path (results.c); read by the candidate, the institution and the bureaus */
#ifndef JINENG_RESULTS_H
#define JINENG_RESULTS_H

#include "svc/base/list.h"
#include "svc/base/svc.h"

/* plan_compile_results: results from the plan's attempts and panels (levels 5..3) */
int plan_compile_results(db *d, const principal *a, int64_t plan_id, int *count, err *e);

struct result_input {
	int64_t person_id,
		institution_id; /* institution_id: province administrators only; others their own */
	const char *occupation_code, *work_type, *exam_date;
	int level;			  /* 1..5, 0 for 专项职业能力 */
	double theory, practical, review; /* < 0 when absent */
	int passed;			  /* 专项: 1 / 0; -1 when absent */
	const char *correction_reason;	  /* required: a hand-entered result is a province correction */
};
/* result_create: the correction path for historical records. Results are compiled from a plan's exams
 * (plan_compile_results); entering one by hand is for the province administrator only, with a reason
 * (correction_reason), audited as result.correct. Everyone else gets 403 results_from_plan. */
int64_t result_create(db *d, const principal *a, const struct result_input *in, err *e);
json_t *result_get_json(db *d, const principal *a, int64_t id, err *e);
/* result_list: the results the principal may read, newest first; filters person_id, pending=1 (passed, no
 * certificate yet) */
extern const struct list_spec result_list;

#endif
