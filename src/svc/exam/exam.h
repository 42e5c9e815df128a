/* exam.h: 题库 and 理论知识智能化考试 — versioned items and blueprints per occupation and level; sittings of
 * a plan; admission (检录) that builds each candidate's paper at once; the candidate's attempt with a
 * server-side deadline, idempotent sequence-numbered autosave acknowledged only after commit, resume on any
 * device, submission (or expiry) and automatic grading. Keys never leave the server during a sitting. */
#ifndef JINENG_EXAMS_H
#define JINENG_EXAMS_H

#include "svc/base/list.h"
#include "svc/base/svc.h"

/* autosaves in flight when the time runs out still count for this many seconds */
#define EXAM_GRACE_S 5

/* an item as its author writes it */
struct item_draft {
	const char *occupation_code, *kind, *area, *stem, *answer;
	const char *knowledge_code; /* 鉴定要素细目表 code such as A-01-003, or NULL */
	int level;
	double points;
	const char *const *options; /* the options' texts (an entry NULL when it is no text: refused) */
	size_t noptions;
	int64_t institution_id; /* the institution whose bank holds it; 0 = the whole province */
};
/* item_save: a new item, or (replaces > 0) a new version of a current item, which keeps the bank (province
 * or institution) of the version it replaces; institution staff write only their own institution's bank */
int64_t item_save(db *d, const principal *a, const struct item_draft *in, int64_t replaces, err *e);
/* item_list: the current items of the banks the principal may read (the province, institutions, supervisors;
 * others 403), answer keys for the editors only; filters occupation_code, level */
extern const struct list_spec item_list;
/* blueprint_get_json: the blueprint cells of an occupation and level that apply to the caller: an
 * institution's own when it has one, else the province-wide one (empty when none); institution_id says
 * whose (null: province-wide). blueprint_put writes the caller's own: the province's province-wide one, an
 * institution's its own (only for occupations and levels it is filed for). */
json_t *blueprint_get_json(db *d, const principal *a, const char *occupation_code, int level, err *e);
/* a blueprint cell: count items of kind (single / multi / judge) from knowledge area `area` */
struct blueprint_cell_input {
	const char *area, *kind;
	int64_t count; /* 1..200 */
};
/* blueprint_put: replaces the caller's blueprint of an occupation and level with cells (at least one) */
int blueprint_put(db *d, const principal *a, const char *occupation_code, int level,
		  const struct blueprint_cell_input *cells, size_t ncells, err *e);

struct sitting_input {
	const char *room; /* free text (old sittings, or a room outside the registry); NULL with room_id */
	/* room_id > 0: the sitting books that 考场 of the registry for its time in the same transaction
	 * (svc/platform/sites.h room_book: designated site, seats and a computer per candidate, no
	 * overlapping booking by anyone); its room text is then the site's and room's names. candidates: how
	 * many the booking seats (0: the plan's approved registrations whose theory is not waived, at least
	 * 1) */
	int64_t room_id, candidates;
	int64_t starts_at;
	int minutes; /* 90..300, and at least what the occupation's standard asks */
	/* the invigilators (user ids; admission needs them): when has_invigilators is false they are set
	 * later with PUT .../invigilators; invigilators NULL with has_invigilators is a list not given as one
	 * (refused: invigilators_required) */
	bool has_invigilators;
	const int64_t *invigilators;
	size_t ninvigilators;
};
int64_t sitting_create(db *d, const principal *a, int64_t plan_id, const struct sitting_input *in, err *e);
/* 改期 / 换场 (DOMAIN §57): a sitting moved to another time and/or room in one transaction. Zero fields keep
 * the sitting's own: starts_at (epoch seconds, in the future: 422 time_in_past), minutes (as on creation);
 * room_id > 0 books that registry room (all of room_book's checks; its refusals as there, e.g. 409
 * room_double_booked), else `room` (free text) puts it in a room outside the registry (its booking released),
 * else the sitting keeps its room and its booking moves with the time. candidates: the seats booked (0: the
 * old booking's, else the plan's theory candidates), never fewer than those admitted, who keep their
 * admission. reason: 1..200 characters, audited (sitting.move, with the old and new time and room). 409
 * sitting_started once the sitting's start has passed or a candidate has begun or submitted; 422 no_change.
 */
struct sitting_move_input {
	int64_t starts_at, room_id, candidates;
	int minutes;
	const char *room, *reason;
};
int sitting_move(db *d, const principal *a, int64_t sitting_id, const struct sitting_move_input *in,
		 int64_t *plan_id, err *e);
/* 检录: admits an approved registration, building its paper now; returns the attempt id */
int64_t sitting_admit(db *d, const principal *a, int64_t sitting_id, int64_t registration_id, err *e);
/* sitting_close_due: submits and grades, with their durable answers, the sitting's attempts whose time
 * (and grace) has run out; no scope check (the caller has done it) */
int sitting_close_due(db *d, int64_t sitting_id, err *e);
/* sitting_list_json: a plan's sittings with their counts (admitted, sitting now, submitted), invigilators and
 * whether the analysis has run; the institution, its city, supervisors and the province */
json_t *sitting_list_json(db *d, const principal *a, int64_t plan_id, err *e);
json_t *sitting_attempts_json(db *d, const principal *a, int64_t sitting_id, err *e);

/* the candidate's own: start (or resume) and read the paper without keys. On a first open nothing is
 * written: *start_at and *start_deadline are set (else 0) and the caller must record the start (through the
 * group committer, AUTOSAVE_START) before sending the paper, whose deadline is the stored one. */
json_t *attempt_open_json(db *d, const principal *a, int64_t attempt_id, int64_t *start_at,
			  int64_t *start_deadline, err *e);
/* the checks of a save before it is queued for group commit (svc/exam/autosave.h), in the order a candidate
 * meets them (no such attempt, no such question, an invalid answer or seq, not open), filling j->answer
 * (normalised) from the job's attempt_id and pos: on SQLite here (a local read); on PostgreSQL only what
 * needs no database, the rest in the batch's own statement (j->check_person, j->maxopt) */
struct autosave_job;
int attempt_save_check(db *d, const principal *a, struct autosave_job *j, const char *answer, int64_t seq,
		       err *e);
/* attempt_answer_norm: the highest option the answer names (0 = A; -1 for an empty answer, which clears it)
 * with norm filled, or ATTEMPT_BAD_ANSWER (not option letters A-H, no answer, seq below 1).
 * attempt_save_verdict: the refusal of a save given its attempt's row (mine: the candidate's own; nq
 * questions; nopts options of the question at pos; status), 0 when it may be written.
 * attempt_save_check_row: the same, reading the row on d (the committer's per-job path) */
#define ATTEMPT_BAD_ANSWER 99
int attempt_answer_norm(const char *answer, int64_t seq, char norm[9]);
int attempt_save_verdict(bool mine, int64_t nq, int64_t nopts, const char *status, int pos, int maxopt,
			 err *e);
int attempt_save_check_row(db *d, int64_t person_id, int64_t attempt_id, int pos, int maxopt, err *e);
int attempt_focus_lost(db *d, const principal *a, int64_t attempt_id, err *e);
json_t *attempt_submit(db *d, const principal *a, int64_t attempt_id, err *e);
/* invigilators (the plan's institution): extra minutes or void, with a reason */
/* the candidate's own attempts */
json_t *attempt_mine_json(db *d, const principal *a, err *e);
int attempt_invigilate(db *d, const principal *a, int64_t attempt_id, const char *action, int minutes,
		       const char *reason, err *e);

#endif
