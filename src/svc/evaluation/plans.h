/* plans.h: 认定计划 (evaluation plans).
 *
 * A plan is created by an institution inside its filed scope while it is active, filed with the city, and
 * approved (opened) by the city or the province: draft → filed → open → examining → scoring → publicity →
 * certified → archived (a filed plan may also be returned to draft), as declared in core/plan_flow.c. Any
 * other transition is 409 with the current state. Registrations: registrations.h; results: results.h; 公示
 * objections: objections.h. */
#ifndef JINENG_PLANS_H
#define JINENG_PLANS_H

#include "svc/base/list.h"
#include "svc/base/svc.h"

/* the parts of a plan's exam: theory and practical always, 综合评审 (review) exactly for levels 2 and 1 */
enum plan_subject {
	PLAN_THEORY = 1u << 0,
	PLAN_PRACTICAL = 1u << 1,
	PLAN_REVIEW = 1u << 2,
};
struct plan_input {
	int64_t institution_id; /* province administrators only */
	const char *occupation_code, *work_type, *template_name, *title, *reg_start, *reg_end, *exam_date;
	int level, capacity, publicity_days;
	unsigned subjects; /* enum plan_subject bits */
	int64_t norm_id; /* 企业评价规范: a self-evaluating enterprise's approved version to run on (0: the
			  * national standard; svc/evaluation/norms.h) */
};
int64_t plan_create(db *d, const principal *a, const struct plan_input *in, err *e);
json_t *plan_get_json(db *d, const principal *a, int64_t id, err *e);
/* plan_list: the plans the principal may read, newest first; filter status */
extern const struct list_spec plan_list;
/* plan_transition: moves plan `id` to state `to` as the table in core/plan_flow.c allows (422 unknown
 * state, 404 a plan the caller cannot see, 409 invalid_transition, 403 forbidden, 422 missing reason,
 * 409 objections_open / publicity_not_over), with its history row, its effects and its audit record (the
 * transition's audit action, plan.<to>) in one transaction. The move to 评分 analyses every sitting in that
 * transaction (plan_analyse_sittings, svc/exam/analysis.h): *analysis gets the per-sitting results (the
 * caller owns them); for every other move it is set to NULL. A database fault during the analysis fails
 * the whole move: the plan stays where it was. analysis may be NULL when the caller does not want them. */
int plan_transition(db *d, const principal *a, int64_t id, const char *to, const char *reason,
		    json_t **analysis, err *e);
json_t *plan_history_json(db *d, const principal *a, int64_t id, err *e);

#endif
