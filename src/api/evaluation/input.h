/* input.h: request bodies of the evaluation routes parsed into the typed inputs of src/svc/evaluation.
 * Each parser reads only its JSON object, reports a field of the wrong type as 422 (invalid_type, or the
 * code the route has always answered) naming the field, and allocates what the input points to in the
 * request's arena; the rules on the values (ranges, texts, what the database must hold) stay with the use
 * case, which every caller shares. 0, or -1 with r->e set. */
#ifndef JINENG_API_EVALUATION_INPUT_H
#define JINENG_API_EVALUATION_INPUT_H

#include "http/req.h"
#include "svc/evaluation/eligibility.h"
#include "svc/evaluation/plans.h"
#include "svc/evaluation/practical.h"
#include "svc/evaluation/registrations.h"
#include "svc/evaluation/results.h"

/* POST /plans: {institution_id?, occupation_code, work_type?, template?, title, reg_start, reg_end,
 * exam_date, level, capacity, publicity_days? (5), subjects: ["theory","practical"(,"review")]} */
int plan_input_parse(req *r, json_t *b, struct plan_input *in);
/* POST /plans/{id}/registrations: {person_id?, option, related_major?, declared?} */
int registration_input_parse(req *r, json_t *b, int64_t plan_id, struct registration_input *in);
/* POST /results: the province's correction of a historical record */
int result_input_parse(req *r, json_t *b, struct result_input *in);
/* POST /eligibility/check: {person_id?, occupation_code, option, exam_date, level, related_major?,
 * declared?}; a candidate's own person when person_id is absent */
int elig_request_parse(req *r, json_t *b, struct elig_request *q);
/* PUT /plans/{id}/practical and /review: {criteria: [{name, points, star?}], examiners: [user id],
 * spread_pct? (0.2)} */
int panel_setup_parse(req *r, json_t *b, struct panel_setup_input *in);
/* POST /plans/{id}/practical/scores and /review/scores: {registration_id, scores: [number]}; *scores is
 * NULL when scores is not a list */
int panel_scores_parse(req *r, json_t *b, int64_t *registration_id, double **scores, size_t *nscores);

/* POST /registrations/{id}/review: {decision: approve | reject, reason?, out_of_turn?} */
struct review_body {
	bool approve, out_of_turn;
	const char *reason;
};
int review_body_parse(req *r, json_t *b, struct review_body *in);
/* POST /users/{id}/avoidances: {person_id, reason} */
int avoidance_body_parse(req *r, json_t *b, int64_t *person_id, const char **reason);
/* POST /plans/{id}/objections: {result_id?, text, contact?} */
struct objection_body {
	int64_t result_id;
	const char *text, *contact;
};
int objection_body_parse(req *r, json_t *b, struct objection_body *in);
/* POST /objections/{id}/resolve: {resolution} */
int resolution_body_parse(req *r, json_t *b, const char **resolution);

#endif
