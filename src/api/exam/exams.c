/* api_exams.c: /api/v1/items, /api/v1/blueprints, sittings and attempts (理论知识智能化考试) */
#include "util/common.h"
#include "api/base/api.h"
#include "api/handlers.h"
#include "svc/exam/invigilation.h"
#include "svc/auth/throttle.h"
#include "svc/exam/autosave.h"
#include "svc/exam/exams.h"
#include "svc/exam/bank_import.h"
#include <stdlib.h>

static void item_input(req *r, json_t *b, struct item_input *in)
{
	in->occupation_code = jstr(b, "occupation_code", &r->e);
	in->kind = jstr(b, "kind", &r->e);
	in->area = jstr(b, "area", &r->e);
	in->stem = jstr(b, "stem", &r->e);
	in->answer = jstr(b, "answer", &r->e);
	in->level = (int)jint(b, "level", 0, &r->e);
	json_t *p = json_object_get(b, "points");
	in->points = json_is_number(p) ? json_number_value(p) : 1.0;
	in->options = json_object_get(b, "options");
	in->knowledge_code = jstr(b, "knowledge_code", &r->e);
	/* institution staff write their own bank; the province its own (0) or, naming it, an institution's */
	if (r->who.role == ROLE_INSTITUTION_ADMIN || r->who.role == ROLE_INSTITUTION_STAFF)
		in->institution_id = jint(b, "institution_id", r->who.institution_id, &r->e);
	else
		in->institution_id = jint(b, "institution_id", 0, &r->e);
}

static int item_write(req *r, int64_t replaces)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	struct item_input in = {0};
	item_input(r, b, &in);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	int64_t id = d ? item_create(d, &r->who, &in, replaces, &r->e) : -1;
	return id < 0 ? -1 : req_reply(r, 201, json_pack("{s:I}", "id", (json_int_t)id));
}

int h_items_create(req *r)
{
	return item_write(r, 0);
}

int h_items_revise(req *r)
{
	int64_t id = req_param_id(r, 0);
	return id < 0 ? -1 : item_write(r, id);
}

int h_items_list(req *r)
{
	int64_t limit, offset;
	if (api_paging(r, &limit, &offset) != 0)
		return -1;
	const char *lv = req_query(r, "level");
	db *d = api_db(r);
	json_t *o = d ? item_list_json(d, &r->who, req_query(r, "occupation_code"), lv ? atoi(lv) : 0, limit,
				       offset, &r->e)
		      : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

/* POST /api/v1/items/import?institution_id=&all_or_nothing=true: the CSV is the body (text/csv, UTF-8 or
 * GB18030); the reply lists every rejected row with its line, field and code */
int h_items_import(req *r)
{
	if (!r->body.len)
		return err_set(&r->e, 400, "body_required", NULL, "请求体应为 CSV 文件",
			       "the request body is the CSV file");
	const char *inst = req_query(r, "institution_id"), *aon = req_query(r, "all_or_nothing");
	char *end = NULL;
	long long id = inst ? strtoll(inst, &end, 10) : 0;
	if (inst && (*end || id < 0))
		return err_set(&r->e, 422, "invalid_value", "institution_id", "institution_id 应为机构编号",
			       "institution_id is an institution id");
	bool all = aon && (!strcmp(aon, "true") || !strcmp(aon, "1"));
	db *d = api_db(r);
	return api_import_reply(r, d ? items_import_csv(d, &r->who, id, r->body.ptr, r->body.len, all, &r->e)
				     : NULL);
}

int h_blueprint_get(req *r)
{
	const char *lv = req_query(r, "level");
	db *d = api_db(r);
	json_t *o =
		d ? blueprint_get_json(d, &r->who, req_query(r, "occupation_code"), lv ? atoi(lv) : 0, &r->e)
		  : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_blueprint_set(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	const char *occ = jreq(b, "occupation_code", &r->e);
	int level = (int)jint(b, "level", 0, &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	return d && blueprint_set(d, &r->who, occ, level, json_object_get(b, "cells"), &r->e) == 0 ? api_ok(r)
												   : -1;
}

int h_sittings_create(req *r)
{
	int64_t plan = req_param_id(r, 0);
	json_t *b = plan > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	const char *room = jreq(b, "room", &r->e);
	int64_t starts = jint(b, "starts_at", now_s(), &r->e);
	int minutes = (int)jint(b, "minutes", 90, &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	int64_t id = d ? sitting_create(d, &r->who, plan, room, starts, minutes,
					json_object_get(b, "invigilators"), &r->e)
		       : -1;
	json_t *inv = id > 0 ? invigilators_json(d, id, &r->e) : NULL;
	return !inv ? -1
		    : req_reply(r, 201,
				json_pack("{s:I,s:I,s:s,s:I,s:i,s:o}", "id", (json_int_t)id, "plan_id",
					  (json_int_t)plan, "room", room, "starts_at", (json_int_t)starts,
					  "minutes", minutes, "invigilators", inv));
}

int h_sittings_invigilators(req *r)
{
	int64_t sitting = req_param_id(r, 0);
	json_t *b = sitting > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	db *d = api_db(r);
	json_t *o =
		d ? sitting_invigilators_put(d, &r->who, sitting, json_object_get(b, "invigilators"), &r->e)
		  : NULL;
	return o ? req_reply(r, 200, json_pack("{s:o}", "invigilators", o)) : -1;
}

int h_sittings_admit(req *r)
{
	int64_t sitting = req_param_id(r, 0);
	json_t *b = sitting > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	int64_t reg = jint(b, "registration_id", 0, &r->e);
	if (err_isset(&r->e))
		return -1;
	/* 检录 builds a paper, the costly step of an exam: JINENG_ADMIT_RATE admissions a minute per
	 * institution (default 600), so one institution's burst cannot starve the others' sittings */
	int rate = server_conf && server_conf->admit_rate > 0 ? server_conf->admit_rate : 600;
	char key[24];
	int wait = throttle_hit("admit", id_text(r->who.institution_id, key), rate, 60);
	if (wait) {
		req_add_header(r, "Retry-After", arena_printf(r->a, "%d", wait));
		return err_set(&r->e, 429, "too_many_requests", NULL, "检录过于频繁，请 %d 秒后再试",
			       "too many admissions; try again in %d s", wait);
	}
	db *d = api_db(r);
	int64_t id = d ? sitting_admit(d, &r->who, sitting, reg, &r->e) : -1;
	return id < 0 ? -1
		      : req_reply(r, 201,
				  json_pack("{s:I,s:s}", "attempt_id", (json_int_t)id, "status", "admitted"));
}

int h_sittings_list(req *r)
{
	int64_t plan = req_param_id(r, 0);
	db *d = plan > 0 ? api_db(r) : NULL;
	json_t *o = d ? sitting_list_json(d, &r->who, plan, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_sittings_attempts(req *r)
{
	int64_t sitting = req_param_id(r, 0);
	db *d = sitting > 0 ? api_db(r) : NULL;
	json_t *o = d ? sitting_attempts_json(d, &r->who, sitting, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

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
		r->deferred = 0;
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
	const char *answer = jstr(b, "answer", &r->e);
	int64_t seq = jint(b, "seq", 0, &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	struct autosave_job *j = arena_zalloc(r->a, sizeof *j);
	if (!d || attempt_save_check(d, &r->who, id, atoi(pos), answer, seq, j->answer, &r->e) != 0)
		return -1;
	j->attempt_id = id;
	j->pos = atoi(pos);
	j->seq = seq;
	j->done = save_done;
	j->ctx = r;
	req_defer(r);
	if (autosave_enqueue(server_conf->db_url, j, &r->e) != 0) {
		r->deferred = 0;
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
	const char *action = jreq(b, "action", &r->e), *reason = jstr(b, "reason", &r->e);
	int minutes = (int)jint(b, "minutes", 0, &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	return d && attempt_invigilate(d, &r->who, id, action, minutes, reason, &r->e) == 0 ? api_ok(r) : -1;
}
