#include "util/common.h"
#include "svc/exam/autosave.h"
#include "svc/exam/exam.h"
#include "util/log.h"
#include <pthread.h>

#define GRACE_S	  EXAM_GRACE_S
#define MAX_BATCH 1024

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static struct autosave_job *head, *tail;
static bool running, stopping;
static pthread_t committer;
static db *conn;

static void run_start(struct autosave_job *j, err *e)
{
	if (db_run(conn,
		   "UPDATE attempts SET status = 'started', started_at = $2, deadline = $3 WHERE id = $1 AND "
		   "status = "
		   "'admitted'",
		   DB_ARGS(DV_I(j->attempt_id), DV_I(j->started_at), DV_I(j->deadline)), e) < 0) {
		j->status = 503;
		return;
	}
	/* started now, or by a concurrent click a moment ago: either way the stored deadline counts */
	db_stmt *st = db_query(conn, "SELECT status, COALESCE(deadline, 0) FROM attempts WHERE id = $1",
			       DB_ARGS(DV_I(j->attempt_id)), e);
	j->status = 503;
	if (st && db_step(st) == DB_ROW) {
		snprintf(j->state, sizeof j->state, "%s", db_text(st, 0));
		j->deadline = db_int(st, 1);
		j->status = !strcmp(j->state, "started") ? 200 : 409;
	}
	db_done(st);
}

static void run_one(struct autosave_job *j, int64_t now, err *e)
{
	if (j->kind == AUTOSAVE_START) {
		run_start(j, e);
		return;
	}
	int64_t live = db_run(conn,
			      "UPDATE attempts SET focus_losses = focus_losses WHERE id = $1 AND status = "
			      "'started' AND deadline + $2 >= $3",
			      DB_ARGS(DV_I(j->attempt_id), DV_I(GRACE_S), DV_I(now)), e);
	if (live < 0) {
		j->status = 503;
		return;
	}
	if (live == 0) {
		j->status = 409;
		return;
	}
	if (db_run(conn,
		   "INSERT INTO answers (attempt_id, pos, answer, seq, saved_at) VALUES ($1,$2,$3,$4,$5) ON "
		   "CONFLICT "
		   "(attempt_id, pos) DO UPDATE SET answer = excluded.answer, seq = excluded.seq, saved_at = "
		   "excluded.saved_at "
		   "WHERE answers.seq < excluded.seq",
		   DB_ARGS(DV_I(j->attempt_id), DV_I(j->pos), DV_S(j->answer), DV_I(j->seq), DV_I(now)),
		   e) < 0) {
		j->status = 503;
		return;
	}
	db_stmt *st = db_query(conn, "SELECT answer, seq FROM answers WHERE attempt_id = $1 AND pos = $2",
			       DB_ARGS(DV_I(j->attempt_id), DV_I(j->pos)), e);
	if (st && db_step(st) == DB_ROW) {
		snprintf(j->stored, sizeof j->stored, "%s", db_text(st, 0));
		j->stored_seq = db_int(st, 1);
		j->status = 200;
	} else {
		j->status = 503;
	}
	db_done(st);
}

/* One transaction for the batch. The fast path runs every job straight in it (a savepoint per job cost
 * SQLite a statement journal per save: 5 times slower). When a job's statement fails, the whole batch is
 * rolled back and run again with a savepoint per job, so the failing job is rolled back alone and answered
 * 503 while the others still commit. Only a verified commit makes a job's 200 true: when the commit fails or
 * its outcome is unknown (connection lost, COMMIT answered ROLLBACK), every job that would have been
 * acknowledged is answered 503 db_retry instead (saves and starts are idempotent). */
static bool run_pass(struct autosave_job *batch, int64_t now, bool savepoints, int *failed, err *e)
{
	*failed = 0;
	if (db_begin(conn, e) != 0) {
		for (struct autosave_job *j = batch; j; j = j->next)
			j->status = 503;
		return false;
	}
	for (struct autosave_job *j = batch; j; j = j->next) {
		err je = {0};
		j->status = 503;
		if (!savepoints) {
			run_one(j, now, &je);
			if (j->status != 200 && j->status != 409) {
				j->status = 503;
				++*failed;
				*e = je;
				return true; /* in a failed transaction: the caller rolls back and runs it
						again */
			}
			continue;
		}
		if (db_begin(conn, &je) == 0) { /* SAVEPOINT */
			run_one(j, now, &je);
			if (j->status == 200 || j->status == 409) {
				if (db_commit(conn, &je) != 0) /* RELEASE SAVEPOINT */
					j->status = 503;
			} else {
				db_rollback(conn); /* ROLLBACK TO SAVEPOINT: this job only */
				j->status = 503;
			}
		}
		if (j->status == 503) {
			++*failed;
			if (!err_isset(e))
				*e = je;
		}
	}
	return true;
}

static void run_batch(struct autosave_job *batch)
{
	err e = {0};
	int64_t now = now_s();
	int failed = 0, n = 0;
	for (struct autosave_job *j = batch; j; j = j->next, n++)
		j->proposed = j->deadline;
	bool ok = run_pass(batch, now, false, &failed, &e);
	if (!ok) { /* BEGIN failed: nothing ran; once more, on the session the driver has just reset */
		db_abort_all(conn);
		err_clear(&e);
		ok = run_pass(batch, now, false, &failed, &e);
	}
	if (ok && failed) {
		db_rollback(conn);
		for (struct autosave_job *j = batch; j; j = j->next)
			j->deadline = j->proposed; /* a start job stored the deadline it read back */
		err_clear(&e);
		ok = run_pass(batch, now, true, &failed, &e);
	}
	if (ok && db_commit(conn, &e) != 0)
		ok = false;
	if (!ok) {
		db_abort_all(conn);
		for (struct autosave_job *j = batch; j; j = j->next)
			if (j->status == 200)
				j->status = 503; /* not known to be durable: the client retries */
		log_error("autosave batch of %d failed: %s", n, e.en);
	} else if (failed) {
		log_warn("autosave: %d of %d jobs failed and were rolled back alone: %s", failed, n, e.en);
	}
}

static void *committer_main(void *arg)
{
	UNUSED(arg);
	pthread_mutex_lock(&mu);
	for (;;) {
		while (!head && !stopping)
			pthread_cond_wait(&cv, &mu);
		if (!head && stopping)
			break;
		struct autosave_job *batch = head;
		int n = 0;
		struct autosave_job *last = head;
		while (last->next && n < MAX_BATCH - 1) {
			last = last->next;
			n++;
		}
		head = last->next;
		if (!head)
			tail = NULL;
		last->next = NULL;
		pthread_mutex_unlock(&mu);

		run_batch(batch);
		for (struct autosave_job *j = batch, *next; j; j = next) {
			next = j->next;
			j->done(j);
		}
		pthread_mutex_lock(&mu);
	}
	running = false;
	pthread_mutex_unlock(&mu);
	return NULL;
}

int autosave_enqueue(const char *db_url, struct autosave_job *job, err *e)
{
	job->next = NULL;
	pthread_mutex_lock(&mu);
	if (!running) {
		if (stopping) {
			pthread_mutex_unlock(&mu);
			return err_set(e, 503, "shutting_down", NULL, "服务正在停止，请稍后重试",
				       "the server is stopping; retry shortly");
		}
		if (!conn && db_open(db_url, &conn, e) != 0) {
			pthread_mutex_unlock(&mu);
			return -1;
		}
		if (pthread_create(&committer, NULL, committer_main, NULL) != 0) {
			pthread_mutex_unlock(&mu);
			return ERR_INTERNAL(e, "could not start the autosave committer");
		}
		running = true;
	}
	if (tail)
		tail->next = job;
	else
		head = job;
	tail = job;
	pthread_cond_signal(&cv);
	pthread_mutex_unlock(&mu);
	return 0;
}

void autosave_shutdown(void)
{
	pthread_mutex_lock(&mu);
	bool was = running;
	stopping = true;
	pthread_cond_broadcast(&cv);
	pthread_mutex_unlock(&mu);
	if (was)
		pthread_join(committer, NULL);
	if (conn) {
		db_close(conn);
		conn = NULL;
	}
}
