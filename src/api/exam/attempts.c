/* attempts.c: /api/v1/attempts (作答): open, save an answer through the group committer, focus loss, submit,
 * invigilation actions */
#include "util/common.h"
#include "api/base/api.h"
#include "api/exam/handlers.h"
#include "api/exam/input.h"
#include "svc/exam/invigilation.h"
#include "svc/auth/throttle.h"
#include "svc/exam/autosave.h"
#include "svc/exam/exam.h"
#include "svc/exam/bank_import.h"
#include <stdlib.h>

int h_attempts_mine(req *r)
{
	db *d = api_db(r);
	json_t *o = d ? attempt_mine_json(d, &r->who, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

/* on the committer, once the start is durable: the paper goes out with the stored deadline */
struct start_ctx {
	req *r;
	json_t *paper;
};

static void start_done(struct autosave_job *j)
{
	struct start_ctx *c = j->ctx;
	req *r = c->r;
	json_t *o = c->paper;
	if (j->status == 200) {
		int64_t now = now_s();
		json_object_set_new(o, "deadline", json_integer(j->deadline));
		json_object_set_new(o, "seconds_left",
				    json_integer(j->deadline > now ? j->deadline - now : 0));
		req_reply(r, 200, o);
	} else {
		json_decref(o);
		if (j->status == 409)
			err_set(&r->e, 409, "not_admitted", NULL, "考试状态已变更（%s），无法开始",
				"the attempt can no longer start (%s)", j->state);
		else
			err_set(&r->e, 503, "db_retry", NULL, "开始考试未能确认保存，请重试",
				"starting the exam could not be confirmed as saved; retry");
	}
	req_complete(r);
}

int h_attempts_open(req *r)
{
	int64_t id = req_param_id(r, 0), at = 0, deadline = 0;
	db *d = id > 0 ? api_db(r) : NULL;
	json_t *o = d ? attempt_open_json(d, &r->who, id, &at, &deadline, &r->e) : NULL;
	if (!o)
		return -1;
	if (!deadline)
		return req_reply(r, 200, o);
	/* the start click: recorded by the group committer, so a room pressing 开始 together shares fsyncs */
	struct autosave_job *j = arena_zalloc(r->a, sizeof *j);
	j->kind = AUTOSAVE_START;
	j->attempt_id = id;
	j->started_at = at;
	j->deadline = deadline;
	struct start_ctx *c = arena_zalloc(r->a, sizeof *c);
	c->r = r;
	c->paper = o;
	j->done = start_done;
	j->ctx = c;
	req_defer(r);
	if (autosave_enqueue(server_conf->db_url, j, &r->e) != 0) {
		req_undefer(r);
		json_decref(o);
		return -1;
	}
	return 0;
}

/* runs on the autosave committer once the batch holding this save has committed (or failed) */
static void save_done(struct autosave_job *j)
{
	req *r = j->ctx;
	if (j->status == 200)
		req_reply(r, 200,
			  json_pack("{s:i,s:s,s:I,s:b}", "pos", j->pos, "answer", j->stored, "seq",
				    (json_int_t)j->stored_seq, "durable", 1));
	else if (j->status >= 400 && j->status < 500 && err_isset(&j->error))
		r->e = j->error; /* refused by the checks made in the batch (PostgreSQL) */
	else if (j->status == 409)
		err_set(&r->e, 409, "time_over", NULL, "考试已结束，答案未保存",
			"the exam is over; the answer was not saved");
	else
		err_set(&r->e, 503, "db_retry", NULL, "答案未能确认保存，请重试（答案可重复提交）",
			"the answer could not be confirmed as saved; retry (saves are idempotent)");
	req_complete(r);
}

int h_attempts_save(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	const char *pos = r->params[1];
	if (!*pos || strspn(pos, "0123456789") != strlen(pos) || strlen(pos) > 4)
		return err_set(&r->e, 404, "not_found", "pos", "题号不存在", "no such question");
	const char *answer;
	int64_t seq;
	if (answer_body_parse(r, b, &answer, &seq) != 0)
		return -1;
	db *d = api_db(r);
	struct autosave_job *j = arena_zalloc(r->a, sizeof *j);
	j->attempt_id = id;
	j->pos = atoi(pos);
	j->seq = seq;
	if (!d || attempt_save_check(d, &r->who, j, answer, seq, &r->e) != 0)
		return -1;
	j->done = save_done;
	j->ctx = r;
	req_defer(r);
	if (autosave_enqueue(server_conf->db_url, j, &r->e) != 0) {
		req_undefer(r);
		return -1;
	}
	return 0;
}

int h_attempts_focus(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	return d && attempt_focus_lost(d, &r->who, id, &r->e) == 0 ? api_ok(r) : -1;
}

int h_attempts_submit(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	json_t *o = d ? attempt_submit(d, &r->who, id, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_attempts_invigilate(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	struct invigilate_body in;
	if (invigilate_body_parse(r, b, &in) != 0)
		return -1;
	db *d = api_db(r);
	return d && attempt_invigilate(d, &r->who, id, in.action, in.minutes, in.reason, &r->e) == 0
		       ? api_ok(r)
		       : -1;
}
