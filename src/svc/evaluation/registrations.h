/* registrations.h: 报名 + 资格审核. Registration is open between the plan's dates; eligibility (申报条件) is
 * judged at submission and kept with the registration; review approves or rejects with a reason; an
 * ineligible registration may be approved only by a self-evaluating enterprise (破格), with a reason,
 * audited. Bulk registration from a file: reg_import.h. */
#ifndef JINENG_REGISTRATIONS_H
#define JINENG_REGISTRATIONS_H

#include "svc/base/list.h"
#include "svc/base/svc.h"

struct registration_input {
	int64_t plan_id, person_id; /* person_id: institutions only; a candidate registers themselves */
	const char *option;
	bool related_major, declared;
	const char *post; /* the candidate's post (岗位): a plan's 企业评价规范 may waive the theory exam for
			     it */
};
int64_t registration_create(db *d, const principal *a, const struct registration_input *in, err *e);
int registration_review(db *d, const principal *a, int64_t id, bool approve, bool override,
			const char *reason, err *e);
json_t *registration_get_json(db *d, const principal *a, int64_t id, err *e);
/* registration_review_batch: 批量审核 of registrations of plan `plan_id` (404 when the caller may not change
 * the plan): each by registration_review in its own transaction; {items: [{id, ok, status | code, message_zh,
 * message_en}], done, refused}. A database failure stops the batch (503/500; the rows before it stay
 * reviewed). */
json_t *registration_review_batch(db *d, const principal *a, int64_t plan_id, const int64_t *ids, size_t n,
				  bool approve, bool override, const char *reason, err *e);
/* registration_list: the registrations the principal may read; filter plan_id */
extern const struct list_spec registration_list;
/* registration_plan_list_json: GET /plans/{id}/registrations, the list of one plan (la's paging; its plan_id
 * is set here); 404 not_found for an unknown plan */
json_t *registration_plan_list_json(db *d, const principal *a, int64_t plan_id, struct list_args *la, err *e);

#endif
