/* attempt.c: attempts (作答): opening, the time limit and its grace, focus loss, submitting, invigilators'
 * actions (void, extend), a candidate's own list, the check before an answer is saved */
#include "util/common.h"
#include "svc/exam/exam.h"
#include "svc/exam/exam_int.h"
#include "svc/exam/autosave.h"
#include "svc/base/tx.h"
#include "svc/exam/view.h"
#include "svc/exam/invigilation.h"
#include "core/paper.h"
#include "crypto/token.h"
#include "svc/registry/standards.h"

#define GRACE_S EXAM_GRACE_S

static int load_attempt(db *d, const principal *a, int64_t id, bool own, struct attempt *t, err *e)
{
	memset(t, 0, sizeof *t);
	db_stmt *st = db_query(d,
			       "SELECT t.id, t.person_id, t.sitting_id, s.starts_at, COALESCE(t.deadline, "
			       "0), p.institution_id, "
			       "s.minutes, t.extra_minutes, t.status, t.paper FROM attempts t JOIN sittings "
			       "s ON s.id = t.sitting_id "
			       "JOIN plans p ON p.id = s.plan_id WHERE t.id = $1",
			       DB_ARGS(DV_I(id)), e);
	if (!st)
		return -1;
	int rc = db_step(st);
	int found = rc == DB_ROW;
	if (rc != DB_ROW && rc != DB_DONE) {
		db_done(st);
		return db_rc_to_err(d, rc, e); /* a database fault is 503, never "no such attempt" */
	}
	if (found) {
		t->id = db_int(st, 0);
		t->person = db_int(st, 1);
		t->sitting = db_int(st, 2);
		t->starts_at = db_int(st, 3);
		t->deadline = db_int(st, 4);
		t->inst = db_int(st, 5);
		t->minutes = (int)db_int(st, 6);
		t->extra = (int)db_int(st, 7);
		snprintf(t->status, sizeof t->status, "%s", db_text(st, 8));
		t->paper = db_isnull(st, 9) ? json_array() : json_loads(db_text(st, 9), 0, NULL);
	}
	db_done(st);
	/* own: the candidate's own attempt; otherwise the attempt's write scope (core/scope.c SE_ATTEMPT: an
	 * examiner only in a sitting it invigilates, the institution's staff, the province) */
	bool mine = a->role == ROLE_CANDIDATE && a->person_id == t->person;
	if (!found || (own && !mine) ||
	    (!own && scope_check(d, a, SE_ATTEMPT, id, SCOPE_WRITE, NULL, e) != 0)) {
		json_decref(t->paper);
		t->paper = NULL;
		return err_isset(e) ? -1
				    : err_set(e, 404, "not_found", NULL, "考试记录不存在", "no such attempt");
	}
	return 0;
}

/* an attempt whose time has run out is submitted with its durable answers, whoever touches it first */
static int expire_if_due(db *d, struct attempt *t, err *e)
{
	if (strcmp(t->status, "started") || now_s() <= t->deadline + GRACE_S)
		return 0;
	if (exam_close_attempt(d, t, t->deadline, NULL, e) != 0)
		return -1;
	snprintf(t->status, sizeof t->status, "submitted");
	return 0;
}

int sitting_close_due(db *d, int64_t sitting_id, err *e)
{
	db_stmt *st = db_query(
		d,
		"SELECT id, deadline, paper FROM attempts WHERE sitting_id = $1 AND status = 'started' AND "
		"deadline + $2 < $3",
		DB_ARGS(DV_I(sitting_id), DV_I(GRACE_S), DV_I(now_s())), e);
	if (!st)
		return -1;
	struct attempt *due = NULL;
	size_t n = 0, cap = 0;
	while (db_step(st) == DB_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			due = xrealloc(due, cap * sizeof *due);
		}
		due[n] = (struct attempt){.id = db_int(st, 0), .deadline = db_int(st, 1)};
		due[n++].paper = db_isnull(st, 2) ? json_array() : json_loads(db_text(st, 2), 0, NULL);
	}
	int rc = db_finish(st, e);
	for (size_t i = 0; i < n; i++) {
		if (!rc && exam_close_attempt(d, &due[i], due[i].deadline, NULL, e) != 0)
			rc = -1;
		json_decref(due[i].paper);
	}
	free(due);
	return rc;
}

json_t *attempt_open_json(db *d, const principal *a, int64_t id, int64_t *start_at, int64_t *start_deadline,
			  err *e)
{
	struct attempt t;
	*start_at = *start_deadline = 0;
	if (load_attempt(d, a, id, true, &t, e) != 0)
		return NULL;
	json_t *out = NULL;
	int64_t now = now_s();
	if (!strcmp(t.status, "admitted")) {
		if (now < t.starts_at) {
			err_set(e, 409, "not_started", NULL, "考试尚未开始", "the exam has not started");
			goto done;
		}
		/* the start is written by the caller through the group committer; the paper goes out after it
		 */
		t.deadline = now + (int64_t)(t.minutes + t.extra) * 60;
		*start_at = now;
		*start_deadline = t.deadline;
		snprintf(t.status, sizeof t.status, "started");
	}
	if (expire_if_due(d, &t, e) != 0)
		goto done;
	if (strcmp(t.status, "started")) {
		out = json_pack("{s:I,s:s}", "attempt_id", (json_int_t)id, "status", t.status);
		goto done;
	}
	json_t *items = json_array(), *x;
	size_t i;
	json_array_foreach(t.paper, i, x)
	{
		int64_t item = json_integer_value(json_object_get(x, "item"));
		json_t *ord = json_object_get(x, "order");
		db_stmt *st = db_query(d, "SELECT kind, stem, options, points FROM items WHERE id = $1",
				       DB_ARGS(DV_I(item)), e);
		if (!st || db_step(st) != DB_ROW) {
			db_done(st);
			json_decref(items);
			goto done;
		}
		json_t *opts = json_loads(db_text(st, 2), 0, NULL), *shown = json_array();
		for (size_t o = 0; o < json_array_size(ord); o++)
			json_array_append(shown, json_array_get(opts, (size_t)json_integer_value(
									      json_array_get(ord, o))));
		json_decref(opts);
		json_array_append_new(items, json_pack("{s:i,s:s,s:s,s:o,s:f}", "pos", (int)i, "kind",
						       db_text(st, 0), "stem", db_text(st, 1), "options",
						       shown, "points", db_double(st, 3)));
		db_done(st);
	}
	json_t *saved = json_object();
	int64_t seq = 0;
	db_stmt *st = db_query(d, "SELECT pos, answer, seq FROM answers WHERE attempt_id = $1",
			       DB_ARGS(DV_I(id)), e);
	while (st && db_step(st) == DB_ROW) {
		char k[16];
		snprintf(k, sizeof k, "%lld", (long long)db_int(st, 0));
		json_object_set_new(saved, k, json_string(db_text(st, 1)));
		if (db_int(st, 2) > seq)
			seq = db_int(st, 2);
	}
	if (!st || db_finish(st, e) != 0) { /* never resume with part of the saved answers */
		json_decref(saved);
		json_decref(items);
		goto done;
	}
	out = json_pack("{s:I,s:s,s:I,s:I,s:o,s:o,s:I}", "attempt_id", (json_int_t)id, "status", t.status,
			"deadline", (json_int_t)t.deadline, "seconds_left",
			(json_int_t)(t.deadline > now ? t.deadline - now : 0), "items", items, "answers",
			saved, "last_seq", (json_int_t)seq);
done:
	json_decref(t.paper);
	return out;
}

int attempt_focus_lost(db *d, const principal *a, int64_t id, err *e)
{
	struct attempt t;
	if (load_attempt(d, a, id, true, &t, e) != 0)
		return -1;
	json_decref(t.paper);
	return db_run(d,
		      "UPDATE attempts SET focus_losses = focus_losses + 1 WHERE id = $1 AND status = "
		      "'started'",
		      DB_ARGS(DV_I(id)), e) < 0
		       ? -1
		       : 0;
}

json_t *attempt_submit(db *d, const principal *a, int64_t id, err *e)
{
	struct attempt t;
	if (load_attempt(d, a, id, true, &t, e) != 0)
		return NULL;
	json_t *out = NULL;
	if (!strcmp(t.status, "started")) {
		int64_t when = now_s() > t.deadline ? t.deadline : now_s();
		if (exam_close_attempt(d, &t, when, a, e) != 0)
			goto done;
		/* closed by this request or by another (a second device, the deadline: submitted), or voided
		 * by the invigilator meanwhile: the stored status says which */
		db_stmt *st = db_query(d, "SELECT status FROM attempts WHERE id = $1", DB_ARGS(DV_I(id)), e);
		int row = st ? db_row(st, e) : -1;
		if (row == 1)
			snprintf(t.status, sizeof t.status, "%s", db_text(st, 0));
		db_done(st);
		if (row != 1) {
			if (!err_isset(e))
				ERR_INTERNAL(e, "the attempt vanished while it was submitted");
			goto done;
		}
	}
	if (strcmp(t.status, "submitted"))
		err_set(e, 409, "not_started", NULL, "考试未开始或已作废",
			"the attempt was not started or is void");
	else
		out = json_pack("{s:I,s:s}", "attempt_id", (json_int_t)id, "status", "submitted");
done:
	json_decref(t.paper);
	return out;
}

struct invigilate_ctx {
	int64_t id;
	const char *action, *reason;
	int minutes;
};

/* extra time (the deadline moves with it), absent (only while admitted) or void, with the reason */
static int invigilate_work(tx *t, void *ctx, err *e)
{
	struct invigilate_ctx *c = ctx;
	bool extra = !strcmp(c->action, "extra_time"), absent = !strcmp(c->action, "absent");
	int64_t n =
		extra	 ? db_run(t->d,
				  "UPDATE attempts SET extra_minutes = extra_minutes + $2, deadline = CASE "
				     "WHEN deadline IS NULL THEN NULL ELSE deadline + $2 * 60 END, note = $3 "
				     "WHERE id = $1 AND status NOT IN ('submitted', 'void')",
				  DB_ARGS(DV_I(c->id), DV_I(c->minutes), DV_S(c->reason)), e)
		: absent ? db_run(t->d,
				  "UPDATE attempts SET status = 'absent', note = $2 WHERE id = $1 AND "
				  "status = 'admitted'",
				  DB_ARGS(DV_I(c->id), DV_S(c->reason)), e)
			 : db_run(t->d,
				  "UPDATE attempts SET status = 'void', note = $2 WHERE id = $1 AND status "
				  "NOT IN ('submitted', 'void')",
				  DB_ARGS(DV_I(c->id), DV_S(c->reason)), e);
	if (n < 0)
		return -1;
	/* the state checked before the transaction changed since: a paper submitted (or voided) meanwhile
	 * is not voided again; a candidate who opened the paper meanwhile is not absent */
	if (n == 0 && absent)
		return err_set(e, 409, "already_started", NULL, "该考生已开始作答，不能标记缺考",
			       "the candidate has started; they cannot be marked absent");
	if (n == 0)
		return err_set(e, 409, "already_finished", NULL, "该考生已交卷或已作废",
			       "the attempt is finished");
	tx_audit(t,
		 extra	  ? "attempt.extra_time"
		 : absent ? "attempt.absent"
			  : "attempt.void",
		 "attempt", c->id,
		 json_pack("{s:s,s:i,s:s}", "action", c->action, "minutes", c->minutes, "reason", c->reason));
	return 0;
}

int attempt_invigilate(db *d, const principal *a, int64_t id, const char *action, int minutes,
		       const char *reason, err *e)
{
	struct attempt t;
	/* load_attempt checks the attempt's write scope: examiners act only in the sittings they invigilate
	 */
	if (load_attempt(d, a, id, false, &t, e) != 0)
		return -1;
	json_decref(t.paper);
	if (check_text(reason, "reason", 200, true, e) != 0)
		return -1;
	bool extra = !strcmp(action, "extra_time"), absent = !strcmp(action, "absent");
	if (!extra && !absent && strcmp(action, "void"))
		return err_set(e, 422, "invalid_value", "action", "操作应为 extra_time、absent 或 void",
			       "action is extra_time, absent or void");
	/* 缺考: only a candidate who was admitted and never opened the paper */
	if (absent && strcmp(t.status, "admitted"))
		return err_set(e, 409, "already_started", NULL, "该考生已开始作答，不能标记缺考",
			       "the candidate has started; they cannot be marked absent");
	if (extra && (minutes < 1 || minutes > 60))
		return err_set(e, 422, "invalid_value", "minutes", "延时应为 1 到 60 分钟",
			       "extra time is 1 to 60 minutes");
	if (!strcmp(t.status, "submitted") || !strcmp(t.status, "void"))
		return err_set(e, 409, "already_finished", NULL, "该考生已交卷或已作废",
			       "the attempt is finished");
	struct invigilate_ctx c = {.id = id, .action = action, .minutes = minutes, .reason = reason};
	return svc_tx(d, a, invigilate_work, &c, e);
}

json_t *attempt_mine_json(db *d, const principal *a, err *e)
{
	db_stmt *st = db_query(d,
			       "SELECT " OWN_ATTEMPT_VIEW_COLS
			       " FROM attempts t JOIN sittings s ON s.id = t.sitting_id JOIN "
			       "plans p ON p.id = s.plan_id WHERE t.person_id = $1 ORDER BY t.id DESC",
			       DB_ARGS(DV_I(a->role == ROLE_CANDIDATE ? a->person_id : -1)), e);
	json_t *items = rows_json(st, own_attempt_view, e);
	if (!items)
		return NULL;
	return json_pack("{s:o}", "items", items);
}

/* the check of a save reads only what it needs, in one statement without joins: the owner, the status, the
 * number of questions and the options of the one question answered, from the attempt's shape (migration 069:
 * a character per question, '0' plus its options); an attempt admitted before it has no shape and is counted
 * from its paper by the database's JSON functions (parsing the whole paper here for every save cost the
 * request more than the rest of it). A position outside the paper counts no options. */
static const char *const save_check_sql[] = {
	[DB_SQLITE] =
		"SELECT person_id, status, "
		"CASE WHEN shape IS NULL THEN COALESCE(json_array_length(paper), 0) ELSE length(shape) END, "
		"CASE WHEN shape IS NULL THEN "
		"COALESCE(json_array_length(paper, '$[' || $2 || '].order'), 0) "
		"WHEN $2 < 0 THEN 0 ELSE COALESCE(unicode(substr(shape, $2 + 1, 1)) - 48, 0) END "
		"FROM attempts WHERE id = $1",
	[DB_PG] = "SELECT person_id, status, " EXAM_PG_NQ("") ", " EXAM_PG_NOPTS(
		"", "CAST($2 AS int)") " FROM attempts WHERE id = $1",
};

int attempt_answer_norm(const char *answer, int64_t seq, char norm[9])
{
	norm[0] = 0; /* exam_norm_answer writes only an answer it accepts */
	int n = answer && seq >= 1 ? exam_norm_answer(answer, 8, norm) : -1;
	return n < 0 ? ATTEMPT_BAD_ANSWER : n ? norm[n - 1] - 'A' : -1;
}

int attempt_save_verdict(bool mine, int64_t nq, int64_t nopts, const char *status, int pos, int maxopt,
			 err *e)
{
	if (!mine)
		return err_set(e, 404, "not_found", NULL, "考试记录不存在", "no such attempt");
	if (pos < 0 || pos >= nq)
		return err_set(e, 404, "not_found", "pos", "题号不存在", "no such question");
	if (maxopt >= nopts)
		return err_set(e, 422, "invalid_answer", "answer", "答案应为选项字母，seq 为正整数",
			       "answers are option letters and seq a positive integer");
	if (strcmp(status, "started"))
		return err_set(e, 409, "time_over", NULL, "考试未开始或已结束，答案未保存",
			       "the attempt is not open; the answer was not saved");
	return 0;
}

int attempt_save_check_row(db *d, int64_t person_id, int64_t id, int pos, int maxopt, err *e)
{
	db_stmt *st = db_query(d, save_check_sql[db_dialect_of(d)], DB_ARGS(DV_I(id), DV_I(pos)), e);
	if (!st)
		return -1;
	int rc = db_step(st);
	if (rc != DB_ROW && rc != DB_DONE) {
		db_done(st);
		return db_rc_to_err(d, rc, e); /* a database fault is 503, never "no such attempt" */
	}
	char status[12] = "";
	int64_t nq = 0, nopts = 0;
	bool mine = false;
	if (rc == DB_ROW) {
		mine = person_id > 0 && person_id == db_int(st, 0);
		snprintf(status, sizeof status, "%s", db_text(st, 1));
		nq = db_int(st, 2);
		nopts = db_int(st, 3);
	}
	db_done(st);
	return attempt_save_verdict(mine, nq, nopts, status, pos, maxopt, e);
}

int attempt_save_check(db *d, const principal *a, struct autosave_job *j, const char *answer, int64_t seq,
		       err *e)
{
	int64_t person = a->role == ROLE_CANDIDATE ? a->person_id : 0;
	int maxopt = attempt_answer_norm(answer, seq, j->answer);
	if (db_dialect_of(d) == DB_PG) {
		/* checked in the batch's own statement: no round trip before the save is queued */
		if (!person)
			return attempt_save_verdict(false, 0, 0, "", j->pos, maxopt, e);
		j->check_person = person;
		j->maxopt = maxopt;
		return 0;
	}
	return attempt_save_check_row(d, person, j->attempt_id, j->pos, maxopt, e);
}
