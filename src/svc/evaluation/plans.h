/* plans.h: 认定计划 (evaluation plans) and 报名 + 资格审核 (registration and eligibility review).
 *
 * A plan is created by an institution inside its filed scope while it is active, filed with the city, and
 * approved (opened) by the city or the province: draft → filed → open → examining → scoring → publicity →
 * certified → archived (a filed plan may also be returned to draft). Any other transition is 409 with the
 * current state. Registration is open between the plan's dates; eligibility (申报条件) is judged at
 * submission and kept with the registration; review approves or rejects with a reason; an ineligible
 * registration may be approved only by a self-evaluating enterprise (破格), with a reason, audited. */
#ifndef JINENG_PLANS_H
#define JINENG_PLANS_H

#include "svc/base/svc.h"

struct plan_input {
	int64_t institution_id; /* province administrators only */
	const char *occupation_code, *work_type, *template_name, *title, *reg_start, *reg_end, *exam_date;
	int level, capacity, publicity_days;
	json_t *subjects; /* ["theory","practical"(,"review")] */
};
int64_t plan_create(db *d, const principal *a, const struct plan_input *in, err *e);
json_t *plan_get_json(db *d, const principal *a, int64_t id, err *e);
json_t *plan_list_json(db *d, const principal *a, const char *status, int64_t limit, int64_t offset, err *e);
int plan_transition(db *d, const principal *a, int64_t id, const char *to, const char *reason, err *e);
json_t *plan_history_json(db *d, const principal *a, int64_t id, err *e);

struct registration_input {
	int64_t plan_id, person_id; /* person_id: institutions only; a candidate registers themselves */
	const char *option;
	bool related_major, declared;
};
int64_t registration_create(db *d, const principal *a, const struct registration_input *in, err *e);
int registration_review(db *d, const principal *a, int64_t id, bool approve, bool override,
			const char *reason, err *e);
json_t *registration_get_json(db *d, const principal *a, int64_t id, err *e);
json_t *registration_list_json(db *d, const principal *a, int64_t plan_id, int64_t limit, int64_t offset,
			       err *e);

/* plan_results.c: results from the plan's attempts and panels (levels 5..3), and 公示 objections */
int plan_compile_results(db *d, const principal *a, int64_t plan_id, int *count, err *e);
int64_t objection_create(db *d, int64_t plan_id, int64_t result_id, const char *text, const char *contact,
			 err *e);
/* objection_list_json: a plan's objections, open first, with the candidate named when it is about a result */
json_t *objection_list_json(db *d, const principal *a, int64_t plan_id, err *e);
int objection_resolve(db *d, const principal *a, int64_t id, const char *resolution, err *e);

#endif
