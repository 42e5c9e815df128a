/* rectify.h (svc): 整改 — each 不符合 (nonconforming) mark of a signed inspection opens a rectification in
 * the transaction of the sign, with a deadline in working days (rectify_terms per problem class, on the
 * holiday calendar); the institution answers with its response (and evidence); the bureau (the province or
 * the institution's city) closes it, returns it or escalates it to the province (core/rectify_flow.h); an
 * overdue one is flagged in every view and filtered with overdue=1. A situation of the checklist's
 * revocation list (撤销备案情形), confirmed by the bureau on a rectification or a signed inspection,
 * suspends the institution's filing through inst_set_status in the same transaction, with the reason.
 * Scope: SE_RECTIFICATION (core/scope.c). Rules: docs/DOMAIN.md "整改". */
#ifndef JINENG_SVC_SUPERVISION_RECTIFY_H
#define JINENG_SVC_SUPERVISION_RECTIFY_H

#include "core/principal.h"
#include "core/rectify_flow.h"
#include "store/db.h"
#include "svc/base/blob.h"
#include "svc/base/list.h"
#include "svc/base/tx.h"
#include <jansson.h>

#define RECTIFY_TEXT_MAX     2000 /* characters of a response or a reason */
#define RECTIFY_EVIDENCE_MAX 20	  /* evidence files a response names */

/* rectify_open_for: inside the transaction of an inspection's sign: opens a rectification for each
 * nonconforming mark of inspection `inspection_id` (just signed), each audited; a mark whose item (by code)
 * already has an unclosed rectification from an inspection of the same sitting opens none (a second
 * supervisor, or a correction, finding the same problem). *opened gets how many were opened. */
int rectify_open_for(tx *t, int64_t inspection_id, int64_t *opened, err *e);

/* the list: the rectifications the principal may read (the province all, a city its region's, the
 * institution its own, a supervisor those of their inspections); filters status, institution_id,
 * inspection_id, region_code, problem_class, overdue=0|1; sorts due_on, opened_on, id; open ones first,
 * the nearest deadline first */
extern const struct list_spec rectify_list;

/* rectify_get_json: one rectification with its record, its evidence, the revoking situations confirmed on
 * its inspection, the situations that may be confirmed (the bureau) and the moves the caller may take; 404
 * out of scope */
json_t *rectify_get_json(db *d, const principal *a, int64_t id, err *e);

/* rectify_respond: the institution's response (1..RECTIFY_TEXT_MAX characters) to its open rectification;
 * the evidence attached before it (rectify_evidence_add) stands with it */
int rectify_respond(db *d, const principal *a, int64_t id, const char *text, err *e);

/* the institution's evidence: a JPEG, PNG or PDF (the evidence store's rules: svc/supervision/evidence.h
 * for types and the size limit, core/media.h for the content check) attached to its own open rectification
 * (201); the same content again answers the existing record (*created false); 409 rectification_not_open
 * once answered, escalated or closed; at most RECTIFY_EVIDENCE_MAX files */
struct rectify_evidence_input {
	int64_t rectification_id;
	const char *content_type;
	const void *data;
	size_t size;
	const char *filename; /* NULL or "": none */
};
json_t *rectify_evidence_add(db *d, const principal *a, const struct rectify_evidence_input *in,
			     bool *created, err *e);
/* rectify_evidence_fetch: the content of evidence `eid` of rectification `id` for one who may read the
 * rectification (404 else); name gets a safe download name. b->data is malloc'd for the caller. */
int rectify_evidence_fetch(db *d, const principal *a, int64_t id, int64_t eid, struct blob *b, char name[96],
			   err *e);

/* rectify_move: the bureau's moves: to "closed" (close), "open" (return), "escalated" (escalate); the reason
 * as the table asks (core/rectify_flow.c) */
int rectify_move(db *d, const principal *a, int64_t id, const char *to, const char *reason, err *e);

/* a revoking situation confirmed by the bureau: on a rectification (rectification_id > 0, its inspection
 * implied) or on a signed inspection (inspection_id > 0) */
struct revoking_input {
	int64_t rectification_id, inspection_id;
	const char *code;   /* a code of the inspection's checklist version's revocation list */
	const char *reason; /* 1..300 characters: what the bureau found */
};
/* revoking_confirm: records the confirmation and suspends the institution's filing (filed -> suspended,
 * with the reason, through inst_set_status) in one transaction; confirming the same situation on the same
 * inspection again answers the first confirmation (*created false). The answer: the confirmation. */
json_t *revoking_confirm(db *d, const principal *a, const struct revoking_input *in, bool *created, err *e);

/* the terms (整改期限) per problem class: {items: [{problem_class, days, source}]} (class 0:
 * items not classed); rectify_term_set: the province sets one class's days (1..250 working days) and source
 * (1..200 characters), audited; open rectifications keep the deadline they were opened with */
json_t *rectify_terms_json(db *d, err *e);
json_t *rectify_term_set(db *d, const principal *a, int64_t problem_class, int64_t days, const char *source,
			 err *e);

#endif
