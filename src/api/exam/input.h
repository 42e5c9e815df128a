/* input.h: request bodies of the exam routes parsed into the typed inputs of src/svc/exam (as
 * api/evaluation/input.h): a field of the wrong type is 422 naming it; what the input points to lives in
 * the request's arena; the rules on the values stay with the use case. 0, or -1 with r->e set. */
#ifndef JINENG_API_EXAM_INPUT_H
#define JINENG_API_EXAM_INPUT_H

#include "http/req.h"
#include "svc/exam/exam.h"

/* POST /items, PUT /items/{id}: {occupation_code, level, kind, area, knowledge_code?, stem,
 * options: [text], answer, points? (1), institution_id? (institution staff: their own; the province: 0,
 * the province-wide bank)} */
int item_draft_parse(req *r, json_t *b, struct item_draft *in);
/* PUT /blueprints: {occupation_code, level, cells: [{area, kind, count}]}; *cells NULL when cells is not a
 * list */
int blueprint_parse(req *r, json_t *b, const char **occupation_code, int *level,
		    struct blueprint_cell_input **cells, size_t *ncells);
/* POST /plans/{id}/sittings: {room, starts_at? (now), minutes? (90), invigilators?: [user id]} */
int sitting_input_parse(req *r, json_t *b, struct sitting_input *in);
/* PUT /sittings/{id}/invigilators: {invigilators: [user id]}; *ids NULL when it is not a list */
int invigilators_parse(req *r, json_t *b, int64_t **ids, size_t *n);

/* POST /sittings/{id}/admit: {registration_id} */
int admit_body_parse(req *r, json_t *b, int64_t *registration_id);
/* PUT /attempts/{id}/answers/{pos}: {answer, seq} */
int answer_body_parse(req *r, json_t *b, const char **answer, int64_t *seq);
/* POST /attempts/{id}/invigilate: {action: extra_time | absent | void, minutes?, reason} */
struct invigilate_body {
	const char *action, *reason;
	int minutes;
};
int invigilate_body_parse(req *r, json_t *b, struct invigilate_body *in);
/* POST /collusion-flags/{id}/review: {decision, note} */
int collusion_review_parse(req *r, json_t *b, const char **decision, const char **note);

#endif
