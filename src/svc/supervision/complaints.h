/* complaints.h: 投诉举报 (complaints and reports). Anyone submits one (anonymously if they choose) and gets a
 * tracking code, shown once, with which the public status page shows its state; the complaint goes to the
 * city of the institution concerned (or the city the complainant chose) with deadlines for acknowledgement
 * and reply in working days (per category, edited by the province); the city's administrator handles it
 * through the workflow of core/complaint_flow.h, appending investigation records; the complainant's
 * identity is sealed and opened only for the handler (the province, the complaint's city). Scope:
 * SE_COMPLAINT (core/scope.c). Rules: docs/DOMAIN.md §8 投诉举报. */
#ifndef JINENG_SVC_SUPERVISION_COMPLAINTS_H
#define JINENG_SVC_SUPERVISION_COMPLAINTS_H

#include "core/principal.h"
#include "core/complaint_flow.h"
#include "store/db.h"
#include "svc/base/list.h"
#include <jansson.h>

#define COMPLAINT_TEXT_MAX 2000 /* characters */

/* what a complaint is submitted with (read by api/supervision/input.c) */
struct complaint_input {
	const char *category;	  /* a code of complaint_categories */
	const char *subject_kind; /* "general" (NULL too), "institution", "plan", "sitting" */
	int64_t subject_id;	  /* the institution, plan or sitting (0 for general) */
	const char *region_code;  /* general only: the city to handle it (370100) */
	const char *text;	  /* 1..COMPLAINT_TEXT_MAX characters */
	bool anonymous;		  /* true: no identity is kept, whoever sends it */
	const char *name, *phone; /* optional contact (refused with anonymous) */
};

/* what the complainant is told once */
struct complaint_receipt {
	int64_t id;
	char tracking_code[COMPLAINT_CODE_LEN + 1];
	char region_code[16];
	char received_on[11], ack_due[11], reply_due[11];
};

/* complaint_submit: validates, triages and stores a complaint (audited as the public: the audit archive
 * names no complainant). A logged-in candidate who is not anonymous has their person linked (sealed). */
int complaint_submit(db *d, const principal *a, const struct complaint_input *in,
		     struct complaint_receipt *out, err *e);
/* complaint_status_json: the public status of the complaint with this tracking code; 404 not_found for a
 * wrong or malformed code (the same answer) */
json_t *complaint_status_json(db *d, const char *code, err *e);

/* the queue: the complaints the principal may read (the province all, a city and a supervisor their
 * region), filters status, category, institution_id, region_code, overdue=1; sorts received_on, ack_due,
 * reply_due */
extern const struct list_spec complaint_list;
/* complaint_get_json: one complaint with its text, the complainant's identity (opened for the handler,
 * masked for any other reader), its handling record and the moves the caller may take; 404 out of scope */
json_t *complaint_get_json(db *d, const principal *a, int64_t id, err *e);
/* complaint_transition: moves a complaint (core/complaint_flow.h) with its record and audit */
int complaint_transition(db *d, const principal *a, int64_t id, const char *to, const char *reason, err *e);
/* complaint_note: appends an investigation record (while acknowledged or under investigation) */
int complaint_note(db *d, const principal *a, int64_t id, const char *text, err *e);
/* complaint_transfer: hands an open complaint to another city (the province, or the city holding it), with a
 * reason; its deadlines stay */
int complaint_transfer(db *d, const principal *a, int64_t id, const char *region_code, const char *reason,
		       err *e);
/* complaint_counts_json: per city in the principal's scope: total, open, ack_overdue, reply_overdue, upheld
 */
json_t *complaint_counts_json(db *d, const principal *a, err *e);

/* the categories and their deadlines (public), and the province's edit of one */
json_t *complaint_categories_json(db *d, err *e);
struct complaint_terms {
	int64_t ack_days, reply_days; /* working days: 1..60, 1..250, ack <= reply */
	const char *source;	      /* where the terms come from (0..200 characters) */
};
json_t *complaint_category_set(db *d, const principal *a, const char *code, const struct complaint_terms *in,
			       err *e);

/* complaint_upheld_count: upheld complaints against an institution (for the periodic assessment) */
int complaint_upheld_count(db *d, int64_t institution_id, int64_t *out, err *e);

#endif
