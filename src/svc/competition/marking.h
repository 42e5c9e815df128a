/* marking.h: 竞赛评分 (issue 21 item 4): an event's marking scheme out of 100 marks (modules → sub-criteria →
 * aspects, core/marking.h), the competition's marking rules as data (回避, the disagreement threshold,
 * medals, 公示 days), the judges of an event (回避 refused with its reason; one chief expert, 裁判长), the
 * judges' scores (independent; idempotent saves by client sequence number, the exam autosave's manner),
 * Judgement disagreements flagged for re-marking, and the chief expert's sign-off, after which a change needs
 * a recorded reason and is audited as an amendment. Tables: 038_competition_marking.sql. Rules:
 * docs/DOMAIN.md "竞赛评分与成绩".
 *
 * Who: the organiser of the event's competition (the province; a city administrator for a competition of
 * their region; an institution administrator for their institution's own) sets rules, schemes and judges and
 * reads everything; a judge (role examiner, assigned to the event) saves their own scores and reads their
 * own, and the other judges' only when every judge has scored that aspect of that contestant; the chief
 * expert reads all and signs off. Anyone else: 404 for an event they may not see. */
#ifndef JINENG_SVC_COMPETITION_MARKING_H
#define JINENG_SVC_COMPETITION_MARKING_H

#include "core/marking.h"
#include "core/principal.h"
#include "store/db.h"
#include <jansson.h>

#define CM_MAX_ASPECTS 200
#define CM_MAX_SCORES  400 /* per save */

/* the event as the marking sees it, and the caller's part in it */
struct cm_event {
	int64_t id, competition_id, institution_id;
	char region[16];
	char status[12]; /* competition_marking.status: marking, signed, computed, published */
	int team_size;
	bool organiser, judge, chief;
};
/* cm_event_load: 404 not_found when there is no such event or the caller has no part in it (the public
 * reads published results through the public route only) */
int cm_event_load(db *d, const principal *a, int64_t event_id, struct cm_event *ev, err *e);
int cm_competition_organiser(db *d, const principal *a, int64_t competition_id, err *e); /* 0, or 404/403 */

struct cm_rules {
	bool avoid_employer, avoid_school, avoid_city;
	int threshold;
	int gold, silver, bronze;
	bool per_mille;
	double medal_min, excellence_min;
	int publicity_days;
};
int cm_rules_read(db *d, int64_t competition_id, struct cm_rules *r, err *e); /* defaults when none stored */
json_t *cm_rules_json(db *d, const principal *a, int64_t competition_id, err *e);
json_t *cm_rules_put(db *d, const principal *a, int64_t competition_id, const struct cm_rules *r, err *e);

struct cm_module_in {
	const char *code, *name;
};
struct cm_aspect_in {
	const char *module, *sub_code, *sub_name, *code, *description,
		*kind; /* kind: binary, bands, judgement */
	int64_t max_cm;
	double nominal;
	int nbands;
	struct mark_band bands[MARKING_MAX_BANDS];
	const char *descriptors[4]; /* judgement: what 0, 1, 2 and 3 mean */
};
struct cm_scheme_in {
	const struct cm_module_in *modules;
	size_t nmodules;
	const struct cm_aspect_in *aspects;
	size_t naspects;
};
/* the scheme: {event_id, total, modules: [{code, name, max, sub_criteria: [{code, name, max, aspects:
 * [...]}]}]} (marks as numbers with two decimals) */
json_t *cm_scheme_json(db *d, const principal *a, int64_t event_id, err *e);
/* replaces the scheme while no score exists (409 marking_started after); 422 scheme_total_not_100 etc. */
json_t *cm_scheme_put(db *d, const principal *a, int64_t event_id, const struct cm_scheme_in *in, err *e);

struct cm_judge_in {
	int64_t user_id;
	bool chief;
	int64_t employer_id,
		school_id;     /* 0: the user's own (employer: their person's employer or institution) */
	const char *city_code; /* NULL: the user's person's or account's region */
};
/* assigns a judge; 409 judge_avoidance with the rule and the contestant's entry when 回避 applies */
json_t *cm_judge_assign(db *d, const principal *a, int64_t event_id, const struct cm_judge_in *in, err *e);
json_t *cm_judges_json(db *d, const principal *a, int64_t event_id, err *e);

struct cm_score_in {
	int64_t entry_id;
	const char *aspect; /* the aspect's code */
	double value;	    /* judgement 0..3, binary 0/1, bands: the measured value */
	int64_t seq;	    /* the client's sequence number, >= 1 */
};
/* a judge's save: each score is stored unless the stored one has a seq at least as high (then it is left
 * and answered as stored). After the sign-off `reason` is required (409 marks_locked without one) and each
 * change is recorded as an amendment; after publication nothing changes (409 results_published).
 * {saved: [{entry_id, aspect, value, seq, applied}], amendments} */
json_t *cm_scores_save(db *d, const principal *a, int64_t event_id, const struct cm_score_in *s, size_t n,
		       const char *reason, err *e);
/* the same save in three steps, for the group committer (the API hands each save to the exam autosave's
 * committer, svc/exam/autosave.h, so concurrent saves share a transaction and its fsync):
 * cm_scores_prepare reads and checks what needs no transaction (the event, the caller's part in it, the
 * scheme, the values) on the caller's connection: NULL with `e` set when refused. cm_scores_run writes the
 * save and its audit record through svc_tx on `d`; in_caller: straight in the caller's transaction
 * (TX_INLINE: the committer's batch, which rolls back and re-runs the batch with a savepoint per job when a
 * save fails or is refused by the rules only a transaction can check — 回避, the start list, the sign-off
 * lock); it may run more than once. cm_scores_result is the answer after a run that returned 0.
 * `a`, `s` and `reason` must live until cm_scores_free. */
struct cm_scores_job;
struct cm_scores_job *cm_scores_prepare(db *d, const principal *a, int64_t event_id,
					const struct cm_score_in *s, size_t n, const char *reason, err *e);
int cm_scores_run(db *d, struct cm_scores_job *j, bool in_caller, err *e);
json_t *cm_scores_result(const struct cm_scores_job *j);
void cm_scores_free(struct cm_scores_job *j);
/* the marks of the event (entry_id > 0: one contestant), as the caller may see them */
json_t *cm_marks_json(db *d, const principal *a, int64_t event_id, int64_t entry_id, err *e);
/* the Judgement aspects whose scores are further apart than the threshold */
json_t *cm_disagreements_json(db *d, const principal *a, int64_t event_id, err *e);
/* the chief expert's sign-off: every approved contestant marked on every aspect by every judge and no
 * disagreement open (409 marks_incomplete / disagreements_open) */
json_t *cm_signoff(db *d, const principal *a, int64_t event_id, err *e);

/* locks the event's row (a no-op UPDATE): the use cases that read an event's marking status or judges and
 * then write on them (compute, publish, sign-off, scores, judge assignment) run one after another on
 * PostgreSQL */
int cm_event_lock(db *d, int64_t event_id, err *e);
/* the marking state row (status) of an event, created when missing; for results.c */
int cm_marking_status(db *d, int64_t event_id, char status[12], err *e);

#endif
