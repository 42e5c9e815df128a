#include "util/common.h"
#include "util/metrics.h"
#include "svc/exam/autosave.h"
#include "svc/exam/exam_int.h"
#include "svc/exam/exam.h"
#include "util/buf.h"
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

/* another use case's write (AUTOSAVE_WORK): 200, its refusal (4xx, in j->error), or 503 with e set */
static void run_work(struct autosave_job *j, err *e)
{
	err we = {0};
	err_clear(&j->error);
	if (j->work(conn, j->ctx, &we) == 0) {
		j->status = 200;
	} else if (we.status >= 400 && we.status < 500) {
		j->status = we.status;
		j->error = we;
	} else {
		j->status = 503;
		j->error = we;
		*e = we;
	}
}

/* a job that ran to its end and keeps what it wrote: done, or an exam job refused (409, or 404 / 422 for a
 * save checked in the batch: it wrote nothing).
 * An AUTOSAVE_WORK job runs straight in the batch's transaction (TX_INLINE): refused, it may have written
 * part of its rows, so it is rolled back like a failure (alone, in the pass with a savepoint per job) */
static bool keeps(const struct autosave_job *j)
{
	return j->status == 200 || (j->kind != AUTOSAVE_WORK && j->status >= 400 && j->status < 500);
}

/* refused by its own rules: that is its answer (not a fault of the batch) */
static bool refused(const struct autosave_job *j)
{
	return j->kind == AUTOSAVE_WORK && j->status >= 400 && j->status < 500;
}

static void run_one(struct autosave_job *j, int64_t now, err *e)
{
	if (j->kind == AUTOSAVE_WORK) {
		run_work(j, e);
		return;
	}
	if (j->kind == AUTOSAVE_START) {
		run_start(j, e);
		return;
	}
	err_clear(&j->error);
	if (j->check_person) { /* not checked before it was queued: here, in the batch's transaction */
		err ce = {0};
		if (attempt_save_check_row(conn, j->check_person, j->attempt_id, j->pos, j->maxopt, &ce) !=
		    0) {
			j->status = ce.status >= 400 && ce.status < 500 ? ce.status : 503;
			if (j->status == 503)
				*e = ce;
			else
				j->error = ce;
			return;
		}
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

/* appends x to an array literal as a quoted element */
static void array_text(buf *b, const char *x)
{
	buf_addc(b, '"');
	for (; *x; x++) {
		if (*x == '"' || *x == '\\')
			buf_addc(b, '\\');
		buf_addc(b, *x);
	}
	buf_addc(b, '"');
}

/* can the batch's saves run as one statement after its starts? Not when two saves are for one question or
 * a save is for an attempt the batch also starts: the per-job path keeps their order */
static bool fits_one_statement(const struct autosave_job *batch)
{
	for (const struct autosave_job *j = batch; j; j = j->next)
		for (const struct autosave_job *k = batch; k != j; k = k->next) {
			if (k->kind == AUTOSAVE_WORK || j->kind == AUTOSAVE_WORK ||
			    k->attempt_id != j->attempt_id)
				continue;
			if (k->kind == AUTOSAVE_START || j->kind == AUTOSAVE_START || k->pos == j->pos)
				return false;
		}
	return true;
}

/* every save job of the batch in ONE statement (PostgreSQL, issue 25): the checks the request did not make
 * (attempt_save_verdict's facts, so a save costs its request no round trip), the live attempts locked as the
 * per-job UPDATE locked them, the answers upserted where the save is newer, and each job's stored answer
 * read back, in one round trip instead of four per save. 0 when it ran (statuses filled), -1 when the
 * statement failed (the caller rolls back and runs the batch again with a savepoint per job). */
static int run_saves_one_statement(struct autosave_job *batch, int64_t now, err *e)
{
	size_t n = 0;
	for (struct autosave_job *j = batch; j; j = j->next)
		n += j->kind == AUTOSAVE_ANSWER;
	if (!n)
		return 0;
	buf ids, poss, answers, seqs, persons, maxopts;
	buf *arrays[] = {&ids, &poss, &answers, &seqs, &persons, &maxopts};
	for (size_t k = 0; k < ARRAY_LEN(arrays); k++) {
		buf_init(arrays[k], 0);
		buf_adds(arrays[k], "{");
	}
	bool first = true;
	for (struct autosave_job *j = batch; j; j = j->next) {
		if (j->kind != AUTOSAVE_ANSWER)
			continue;
		const char *sep = first ? "" : ",";
		buf_printf(&ids, "%s%lld", sep, (long long)j->attempt_id);
		buf_printf(&poss, "%s%d", sep, j->pos);
		buf_adds(&answers, sep);
		array_text(&answers, j->answer);
		buf_printf(&seqs, "%s%lld", sep, (long long)j->seq);
		buf_printf(&persons, "%s%lld", sep, (long long)j->check_person);
		buf_printf(&maxopts, "%s%d", sep, j->check_person ? j->maxopt : -1);
		first = false;
	}
	for (size_t k = 0; k < ARRAY_LEN(arrays); k++)
		buf_adds(arrays[k], "}");
	/* j: the saves; c: the saves of existing attempts with their attempt's owner, status, whether it is
	 * open, its number of questions and the answered question's options (the shape, or for an attempt
	 * admitted before migration 069 its paper), each attempt locked as the per-job UPDATE locks it; up:
	 * the upserts of the saves that pass (open, and for a save not checked before queueing, person > 0:
	 * its owner's, an existing question and option), where the save is newer; then per save: open,
	 * upserted (a hashed set of up's keys), the answer stored before the statement, the checks' facts;
	 * and the saves of attempts that do not exist. Every step reads its rows by index or from the one
	 * before: with the generic plan's estimate of ten saves, joining two of the statement's own sets row
	 * by row made it quadratic in the batch (40,000 comparisons for 200 saves) */
	db_stmt *st =
		db_query(
			conn,
			"WITH j AS (SELECT * FROM unnest(CAST($1 AS bigint[]), CAST($2 AS int[]), CAST($3 AS "
			"text[]), CAST($4 AS bigint[]), CAST($7 AS bigint[]), CAST($8 AS int[])) "
			"AS j(attempt_id, pos, answer, seq, person_id, maxopt)), "
			"c AS MATERIALIZED (SELECT j.attempt_id, j.pos, j.answer, j.seq, j.person_id, "
			"j.maxopt, "
			"t.person_id AS owner, t.status, "
			"COALESCE(t.status = 'started' AND t.deadline + $5 >= $6, false) AS "
			"open, " EXAM_PG_NQ("t.") " AS nq, " EXAM_PG_NOPTS(
				"t.",
				"j.pos") " AS nopts "
					 "FROM j JOIN attempts t ON t.id = j.attempt_id FOR NO KEY UPDATE OF "
					 "t), "
					 "up AS (INSERT INTO answers (attempt_id, pos, answer, seq, "
					 "saved_at) "
					 "SELECT attempt_id, pos, answer, seq, $6 FROM c WHERE open AND "
					 "(person_id = 0 OR "
					 "(owner = person_id AND pos < nq AND maxopt < nopts)) "
					 "ON CONFLICT (attempt_id, pos) DO UPDATE SET answer = "
					 "excluded.answer, seq = excluded.seq, "
					 "saved_at = excluded.saved_at WHERE answers.seq < excluded.seq "
					 "RETURNING attempt_id, pos) "
					 "SELECT c.attempt_id, c.pos, c.open, "
					 "(c.attempt_id, c.pos) IN (SELECT attempt_id, pos FROM up), "
					 "a.answer, a.seq, c.owner, c.status, c.nq, c.nopts "
					 "FROM c LEFT JOIN answers a ON a.attempt_id = c.attempt_id AND "
					 "a.pos = c.pos "
					 "UNION ALL SELECT j.attempt_id, j.pos, false, false, NULL, NULL, 0, "
					 "'', 0, 0 FROM j "
					 "WHERE NOT EXISTS (SELECT 1 FROM attempts t WHERE t.id = "
					 "j.attempt_id)",
			DB_ARGS(DV_S(ids.ptr), DV_S(poss.ptr), DV_S(answers.ptr), DV_S(seqs.ptr),
				DV_I(GRACE_S), DV_I(now), DV_S(persons.ptr), DV_S(maxopts.ptr)),
			e);
	for (size_t k = 0; k < ARRAY_LEN(arrays); k++)
		buf_free(arrays[k]);
	if (!st)
		return -1;
	for (struct autosave_job *j = batch; j; j = j->next)
		if (j->kind == AUTOSAVE_ANSWER) {
			j->status = 503;
			err_clear(&j->error);
		}
	size_t rows = 0;
	while (db_step(st) == DB_ROW) {
		int64_t id = db_int(st, 0);
		int pos = (int)db_int(st, 1);
		for (struct autosave_job *j = batch; j; j = j->next) {
			if (j->kind != AUTOSAVE_ANSWER || j->attempt_id != id || j->pos != pos)
				continue;
			err ce = {0};
			if (j->check_person &&
			    attempt_save_verdict(db_int(st, 6) == j->check_person, db_int(st, 8),
						 db_int(st, 9), db_text(st, 7), j->pos, j->maxopt,
						 &ce) != 0) {
				j->status = ce.status;
				j->error = ce;
			} else if (!db_int(st, 2))
				j->status = 409;
			else if (db_int(st, 3)) { /* stored: this save */
				snprintf(j->stored, sizeof j->stored, "%s", j->answer);
				j->stored_seq = j->seq;
				j->status = 200;
			} else if (!db_isnull(st, 4)) { /* kept: the newer answer stored before */
				snprintf(j->stored, sizeof j->stored, "%s", db_text(st, 4));
				j->stored_seq = db_int(st, 5);
				j->status = 200;
			}
		}
		rows++;
	}
	if (db_finish(st, e) != 0)
		return -1;
	if (rows != n)
		return err_set(e, 500, "internal", NULL, "自动保存结果行数不符",
			       "autosave: %zu rows for %zu saves", rows, n);
	return 0;
}

/* One transaction for the batch. The fast path runs every job straight in it (a savepoint per job cost
 * SQLite a statement journal per save: 5 times slower). When a job's statement fails (or an AUTOSAVE_WORK
 * job is refused by its rules), the whole batch is rolled back and run again with a savepoint per job, so the
 * failing job is rolled back alone and answered 503 (a refused one with its refusal) while the others still
 * commit. Only a verified commit makes a job's 200 true: when the commit fails or
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
	/* PostgreSQL: the starts (rare) and other writes one by one, then every save in one statement */
	bool one = !savepoints && db_dialect_of(conn) == DB_PG && fits_one_statement(batch);
	for (struct autosave_job *j = batch; j; j = j->next) {
		err je = {0};
		if (one && j->kind == AUTOSAVE_ANSWER)
			continue;
		j->status = 503;
		if (!savepoints) {
			run_one(j, now, &je);
			if (!keeps(j)) {
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
			if (keeps(j)) {
				if (db_commit(conn, &je) != 0) /* RELEASE SAVEPOINT */
					j->status = 503;
			} else {
				db_rollback(conn); /* ROLLBACK TO SAVEPOINT: this job only */
				if (!refused(j))
					j->status = 503;
			}
		}
		if (j->status == 503) {
			++*failed;
			if (!err_isset(e))
				*e = je;
		}
	}
	if (one && run_saves_one_statement(batch, now, e) != 0) {
		for (struct autosave_job *j = batch; j; j = j->next)
			j->status = 503;
		++*failed;
	}
	return true;
}

static void run_batch(struct autosave_job *batch)
{
	err e = {0};
	int64_t now = now_s(), t0 = mono_us();
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
		metrics_add(M_AUTOSAVE_FAILED, 1);
	} else if (failed) {
		log_warn("autosave: %d of %d jobs failed and were rolled back alone: %s", failed, n, e.en);
	}
	metrics_batch(n, mono_us() - t0);
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
		int64_t start = mono_us();
		int taken = 0;
		for (struct autosave_job *j = batch; j; j = j->next, taken++)
			metrics_queue_wait(start - j->queued_us);
		metrics_add(M_AUTOSAVE_QUEUED, -taken);

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
	job->queued_us = mono_us();
	pthread_mutex_lock(&mu);
	if (!running) {
		if (stopping) {
			pthread_mutex_unlock(&mu);
			return err_set(e, 503, "shutting_down", NULL, "服务正在停止，请稍后重试",
				       "the server is stopping; retry shortly");
		}
		if (!conn) {
			if (db_open(db_url, &conn, e) != 0) {
				pthread_mutex_unlock(&mu);
				return -1;
			}
			metrics_add(M_DB_CONNS_OPEN, 1);
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
	metrics_add(M_AUTOSAVE_QUEUED, 1);
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
		metrics_add(M_DB_CONNS_OPEN, -1);
	}
}
