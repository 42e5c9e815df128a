/* autosave.h: group commit for exam autosaves (and start clicks, so a room pressing 开始 at once shares
 * fsyncs too). Saves from every worker are queued to one committer thread
 * with its own connection, which writes all that are waiting in one transaction and acknowledges each only
 * after the commit (SQLite synchronous=FULL, PostgreSQL synchronous_commit=on): one fsync per batch instead
 * of one per answer. Each save is checked against its attempt inside that transaction (open and in time), so
 * a save that loses the race with the submission is refused, never half-counted. */
#ifndef JINENG_AUTOSAVE_H
#define JINENG_AUTOSAVE_H

#include "svc/base/svc.h"

enum autosave_kind {
	AUTOSAVE_ANSWER, /* an answer: attempt_id, pos, seq, answer */
	AUTOSAVE_START,	 /* the start click: admitted -> started with started_at and deadline */
};

struct autosave_job {
	enum autosave_kind kind;
	int64_t attempt_id, seq;
	int pos;
	char answer[9];
	int64_t started_at, deadline; /* AUTOSAVE_START: proposed; on success the stored deadline */
	int64_t proposed; /* the committer's copy of the proposed deadline (a batch may run twice) */
	char state[12];	  /* AUTOSAVE_START: the attempt's status after the job */
	/* the outcome, filled by the committer before done() */
	int status; /* 200, 409 (time over; start: no longer admitted), 503 */
	char stored[9];
	int64_t stored_seq;
	void (*done)(struct autosave_job *job);
	void *ctx;
	struct autosave_job *next;
};

/* queues a job (its memory must live until done() runs on the committer thread); -1 when the committer
 * cannot start (e set) */
int autosave_enqueue(const char *db_url, struct autosave_job *job, err *e);
/* completes everything queued and stops the committer */
void autosave_shutdown(void);

#endif
