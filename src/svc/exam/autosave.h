/* autosave.h: group commit for exam autosaves (and start clicks, so a room pressing 开始 at once shares
 * fsyncs too), and the server's one group committer for other small concurrent writes (AUTOSAVE_WORK: a
 * judge's competition scores, svc/competition/marking.h). Saves from every worker are queued to one committer
 * thread with its own connection, which writes all that are waiting in one transaction and acknowledges each
 * only after the commit (SQLite synchronous=FULL, PostgreSQL synchronous_commit=on): one fsync per batch
 * instead of one per answer. Each save is checked against its attempt inside that transaction (open and in
 * time), so a save that loses the race with the submission is refused, never half-counted. */
#ifndef JINENG_AUTOSAVE_H
#define JINENG_AUTOSAVE_H

#include "svc/base/svc.h"

enum autosave_kind {
	AUTOSAVE_ANSWER, /* an answer: attempt_id, pos, seq, answer */
	AUTOSAVE_START,	 /* the start click: admitted -> started with started_at and deadline */
	AUTOSAVE_WORK,	 /* another use case's write: work(conn, ctx, e) inside the batch's transaction */
};

struct autosave_job {
	enum autosave_kind kind;
	int64_t attempt_id, seq;
	int pos;
	char answer[9];
	int64_t started_at, deadline; /* AUTOSAVE_START: proposed; on success the stored deadline */
	int64_t proposed; /* the committer's copy of the proposed deadline (a batch may run twice) */
	char state[12];	  /* AUTOSAVE_START: the attempt's status after the job */
	/* AUTOSAVE_ANSWER whose checks run in the batch (PostgreSQL: no round trip before queueing): the
	 * candidate's person id and the highest option the answer names (attempt_answer_norm); 0 when the
	 * save was checked before it was queued (SQLite) */
	int64_t check_person;
	int maxopt;
	/* the outcome, filled by the committer before done() */
	int status; /* 200, 409 (time over; start: no longer admitted), 503; a save checked in the batch may
		       be refused 404 or 422 too (its error below) */
	char stored[9];
	int64_t stored_seq;
	/* AUTOSAVE_WORK: the write, on the committer's connection inside the batch's transaction; 0 when
	 * done, -1 with e set. It must roll back what it wrote when it fails (svc_tx does: inside a
	 * transaction it is a savepoint) and may run more than once (a batch runs again after another job's
	 * database error). A refusal (e->status 4xx) is that job's answer (status and error below); 5xx is a
	 * database fault. */
	int (*work)(db *conn, void *ctx, err *e);
	err error; /* AUTOSAVE_WORK: why it failed (a refusal when status is 4xx), unset when it did not run;
		    * AUTOSAVE_ANSWER checked in the batch: its refusal */
	void *owner; /* AUTOSAVE_WORK: the caller's (its request), for done() */
	void (*done)(struct autosave_job *job);
	void *ctx;
	int64_t queued_us; /* set by autosave_enqueue: when the job joined the queue (monotonic clock) */
	struct autosave_job *next;
};

/* queues a job (its memory must live until done() runs on the committer thread); -1 when the committer
 * cannot start (e set) */
int autosave_enqueue(const char *db_url, struct autosave_job *job, err *e);
/* completes everything queued and stops the committer */
void autosave_shutdown(void);

#endif
