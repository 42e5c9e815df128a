/* contests.c: /api/v1/contest-rounds — 知识竞赛: rounds, entries, answers through the group committer,
 * scoring at the deadline, leaderboards */
#include "util/common.h"
#include "api/base/api.h"
#include "api/cultivation/handlers.h"
#include "svc/cultivation/contest.h"
#include "svc/exam/autosave.h"

int h_contest_create(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	json_t *items = json_object_get(b, "items");
	if (items && !json_is_object(items))
		return err_set(&r->e, 422, "invalid_type", "items", "items 应为 {single, multi, judge}",
			       "items is {single, multi, judge}");
	struct contest_round_input in = {
		.title = jstr(b, "title", &r->e),
		.occupation_code = jstr(b, "occupation_code", &r->e),
		.region_code = jstr(b, "region_code", &r->e),
		.level = jint(b, "level", 0, &r->e),
		.opens_at = jint(b, "opens_at", 0, &r->e),
		.closes_at = jint(b, "closes_at", 0, &r->e),
		.minutes = jint(b, "minutes", 0, &r->e),
		.single = items ? jint(items, "single", 0, &r->e) : 0,
		.multi = items ? jint(items, "multi", 0, &r->e) : 0,
		.judge = items ? jint(items, "judge", 0, &r->e) : 0,
	};
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? contest_round_create(d, &r->who, &in, &r->e) : NULL;
	return o ? req_reply(r, 201, o) : -1;
}

int h_contest_list(req *r)
{
	int64_t limit, offset;
	if (req_paging(r, &limit, &offset) != 0)
		return -1;
	db *d = api_db(r);
	json_t *o = d ? contest_round_list(d, &r->who, limit, offset, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_contest_get(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	json_t *o = d ? contest_round_get(d, &r->who, id, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_contest_enter(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	json_t *o = d ? contest_enter(d, &r->who, id, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

static int answers_work(db *conn, void *ctx, err *e)
{
	return contest_answers_run(conn, ctx, true, e);
}

static void answers_done(struct autosave_job *j)
{
	req *r = j->owner;
	if (j->status == 200)
		req_reply(r, 200, contest_answers_result(j->ctx));
	else if (err_isset(&j->error))
		r->e = j->error;
	else
		err_set(&r->e, 503, "db_retry", NULL, "答案未能确认保存，请重试",
			"the answers could not be confirmed as saved; retry");
	contest_answers_free(j->ctx);
	req_complete(r);
}

/* {answers: ["B", "AC", "", ...] (letters as shown, by position), final?} */
int h_contest_answers(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	json_t *as = json_object_get(b, "answers");
	if (!json_is_array(as))
		return err_set(&r->e, 422, "invalid_type", "answers", "answers 应为字符串数组",
			       "answers is an array of strings");
	size_t n = json_array_size(as), k;
	const char **v = arena_zalloc(r->a, (n + 1) * sizeof *v);
	json_t *x;
	json_array_foreach(as, k, x)
	{
		if (!json_is_string(x))
			return err_set(&r->e, 422, "invalid_type", "answers", "answers 应为字符串数组",
				       "answers is an array of strings");
		v[k] = json_string_value(x);
	}
	bool final = jbool(b, "final", 0, &r->e) != 0;
	if (err_isset(&r->e))
		return -1;
	struct contest_answers_job *job = contest_answers_prepare(&r->who, id, v, n, final, &r->e);
	if (!job)
		return -1;
	/* through the group committer: thousands of contestants saving in the last minute share fsyncs */
	struct autosave_job *j = arena_zalloc(r->a, sizeof *j);
	j->kind = AUTOSAVE_WORK;
	j->work = answers_work;
	j->done = answers_done;
	j->ctx = job;
	j->owner = r;
	req_defer(r);
	if (autosave_enqueue(server_conf->db_url, j, &r->e) != 0) {
		req_undefer(r);
		contest_answers_free(job);
		return -1;
	}
	return 0;
}

int h_contest_score(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	json_t *o = d ? contest_score(d, &r->who, id, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_contest_leaderboard(req *r)
{
	int64_t id = req_param_id(r, 0), limit, offset;
	if (id <= 0 || req_paging(r, &limit, &offset) != 0)
		return -1;
	db *d = api_db(r);
	json_t *o = d ? contest_leaderboard(d, &r->who, id, req_query(r, "by"), limit, offset, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}
