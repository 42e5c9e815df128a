/* credit.h: 信用档案 (the credit archive; docs/DOMAIN.md §36) — credit events recorded against institutions,
 * examiners and supervisors, and the effects the system enforces while one is in force: an institution
 * cannot create or file (报备) 认定计划, an examiner cannot be put on a practical or 综合评审 panel, a
 * supervisor is not dispatched. Kinds are data (credit_kinds: whom they concern, what they block, their
 * default length, their source); the rule of "blocked on a day" is pure (core/credit.h). An event is never
 * deleted: it expires after its last day (it stays in the archive) or the bureau withdraws it with a reason;
 * a correction is a new event naming the one it corrects (withdrawn in the same transaction). Every change
 * is audited in its transaction. Scope: SE_CREDIT (core/scope.c). */
#ifndef JINENG_SVC_SUPERVISION_CREDIT_H
#define JINENG_SVC_SUPERVISION_CREDIT_H

#include "core/credit.h"
#include "svc/base/list.h"
#include "svc/base/svc.h"
#include "svc/base/tx.h"

/* what is recorded (strings borrowed for the call) */
struct credit_event_input {
	const char *subject_type; /* "institution", "examiner" or "supervisor" */
	int64_t subject_id;	  /* the institution's id, or the examiner's / supervisor's user id */
	const char *kind;	  /* a credit_kinds code of that subject type, e.g. "assessment_fail" */
	const char *from;	  /* first day in force, YYYY-MM-DD; NULL: today (China time) */
	const char *until;  /* last day in force (inclusive); NULL: from + the kind's default_days - 1 (no
			       end when the kind's default is 0); "" no end */
	const char *reason; /* required, 1..500 characters */
	const char *source_type; /* what produced it: NULL or "manual", "assessment", "inspection",
				    "complaint", "rectification" */
	int64_t source_id;	 /* the producing row's id; 0 none */
	int64_t corrects;	 /* an event this one corrects (withdrawn now, same subject); 0 none */
};

/* credit_record_tx: records one credit event INSIDE THE CALLER'S svc_tx (t from the caller's work function,
 * t->a the acting principal: the province, or a city administrator for a subject of its region). Checks the
 * input (422), the kind against the subject type (422 kind_subject_mismatch), the subject (404 when absent
 * or outside the principal's reach, 403 for a principal who may read but not record), the corrected event;
 * inserts the event, withdraws the corrected one, and appends the audit record credit.record (and
 * credit.withdraw for a corrected one) with tx_audit_now. *id gets the new event's id. 0, or -1 with `e`
 * set (the caller's svc_tx then rolls everything back). This is what the periodic assessment (定期评估) calls
 * when an institution is graded 不合格: kind "assessment_fail", source_type "assessment", source_id the
 * assessment's id. */
int credit_record_tx(tx *t, const struct credit_event_input *in, int64_t *id, err *e) WUR;
/* credit_record: the same as a use case of its own (its own svc_tx) */
int credit_record(db *d, const principal *a, const struct credit_event_input *in, int64_t *id, err *e) WUR;
/* credit_withdraw: the bureau (province, the city of the event's region) withdraws an event with a reason
 * (1..500 characters). 404 unseen, 403 not the bureau, 409 already_withdrawn. Audited credit.withdraw. */
int credit_withdraw(db *d, const principal *a, int64_t id, const char *reason, err *e) WUR;
/* credit_get_json: one event in the reader's scope (SE_CREDIT), as credit_event_view; 404 */
json_t *credit_get_json(db *d, const principal *a, int64_t id, err *e);
/* credit_list: the events the principal may read, newest first; filters subject_type, subject_id, kind,
 * region_code, status (recorded / withdrawn), in_force (1 / 0, on today) */
extern const struct list_spec credit_list;
/* credit_kinds_json: {items:[{code, subject_type, name_zh, name_en, blocks:[...], default_days, source}]} */
json_t *credit_kinds_json(db *d, err *e);

/* the event that blocks an action, as the refusal names it */
struct credit_block {
	int64_t id; /* 0: nothing blocks */
	char kind[32], name_zh[64], name_en[96], until[11];
};
/* credit_blocked: the first event (lowest id) in force on day `ymd` that blocks `action` (one enum
 * credit_action bit) for the subject; out->id = 0 when none. 0, or -1 on a database error. Run it inside the
 * transaction that takes the action. */
int credit_blocked(db *d, enum credit_subject subj, int64_t subject_id, unsigned action, int ymd,
		   struct credit_block *out, err *e) WUR;
/* credit_refuse: 0 when nothing blocks `action` for the subject today (China time); otherwise -1 with 409
 * credit_blocked naming the event in Chinese and English (kind, number, last day), on `field`; -1 with the
 * database's error on failure. */
int credit_refuse(db *d, enum credit_subject subj, int64_t subject_id, unsigned action, const char *field,
		  err *e) WUR;
/* credit_blocked_ids: the subjects of a type blocked for `action` on day `ymd`, ascending, in a new array
 * (*ids; free it; NULL when *n is 0). For a run over many (the dispatch of a day). 0, or -1. */
int credit_blocked_ids(db *d, enum credit_subject subj, unsigned action, int ymd, int64_t **ids, size_t *n,
		       err *e) WUR;

#endif
