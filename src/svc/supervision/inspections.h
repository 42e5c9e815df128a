/* inspections.h (svc): 督导检查 — the checklist as data (check items with their problem class, the situations
 * that revoke a filing; versioned, replaced by the province) and the inspection of a sitting by a supervisor
 * assigned to it: opened, marked item by item with idempotent saves, signed, then immutable (a correction is
 * a new inspection linked to the signed one). Rules: docs/DOMAIN.md "督导检查". */
#ifndef JINENG_SVC_SUPERVISION_INSPECTIONS_H
#define JINENG_SVC_SUPERVISION_INSPECTIONS_H

#include "core/principal.h"
#include "store/db.h"
#include "svc/base/list.h"
#include <jansson.h>

#define CHECKLIST_MAX_ITEMS	  200
#define CHECKLIST_MAX_REVOCATIONS 50
#define INSPECTION_MAX_MARKS	  200

struct check_item_input {
	const char *code, *stage, *kind, *theme, *text, *source;
	int64_t problem_class; /* 1..5 */
};
struct revocation_input {
	const char *code, *text, *source;
};
/* a new version of the checklist, as the province replaces it */
struct checklist_input {
	const char *note;
	const char *class_names[5]; /* the names of problem classes 1..5 */
	const struct check_item_input *items;
	size_t nitems;
	const struct revocation_input *revocations;
	size_t nrevocations;
};

struct mark_input {
	int64_t item_id;
	const char *result; /* conform | nonconform | not_applicable */
	const char *note;   /* NULL: "" */
	int64_t seq;	    /* the client's save counter for the item; an older one than stored is ignored */
};

/* checklist_json: the current version (or `version` when > 0): {version, note, created_at, classes, items,
 * revocations}; 404 when there is no such version */
json_t *checklist_json(db *d, int64_t version, err *e);
/* checklist_put: stores a new version (the province only; audited) and answers it */
json_t *checklist_put(db *d, const principal *a, const struct checklist_input *in, err *e);

/* inspection_open: the calling supervisor's draft inspection of a sitting they are assigned to (dispatch);
 * `corrects` > 0 opens a correction of that signed inspection. An open draft of the same sitting and
 * correction is returned as it is (*created false): opening is idempotent. */
json_t *inspection_open(db *d, const principal *a, int64_t sitting_id, int64_t corrects, bool *created,
			err *e);
/* inspection_get_json: one inspection with its marks, as far as the caller's scope reaches (404 else) */
json_t *inspection_get_json(db *d, const principal *a, int64_t id, err *e);
/* inspection_save: stores marks (and the summary when not NULL) of the caller's own draft; saving the same
 * marks again changes nothing; 409 inspection_signed once signed */
int inspection_save(db *d, const principal *a, int64_t id, const struct mark_input *marks, size_t n,
		    const char *summary, err *e);
/* inspection_sign: signs the caller's own draft when every item is marked and every 不符合 has a note; a
 * signed one is answered as it is (a retried sign) */
int inspection_sign(db *d, const principal *a, int64_t id, err *e);

/* inspection_list: the list spec of GET /inspections (filters sitting_id, institution_id, region_code,
 * supervisor_id, status; scoped by SE_INSPECTION) */
extern const struct list_spec inspection_list;

#endif
