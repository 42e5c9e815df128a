/* practice.c: /api/v1/practice — 模拟练习: the pool's options and a learner's papers (start, read, submit),
 * the bank editors' releases to the practice pool, the limits per region (svc/cultivation/practice.h) */
#include "util/common.h"
#include "api/base/api.h"
#include "api/cultivation/handlers.h"
#include "svc/cultivation/practice.h"

int h_practice_options(req *r)
{
	db *d = api_db(r);
	json_t *o = d ? practice_options(d, &r->who, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

/* {occupation_code, level} or {course_id} */
int h_practice_start(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	const char *occ = jstr(b, "occupation_code", &r->e);
	int64_t level = jint(b, "level", 0, &r->e), course = jint(b, "course_id", 0, &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? practice_start(d, &r->who, occ, level, course, &r->e) : NULL;
	return o ? req_reply(r, 201, o) : -1;
}

int h_practice_list(req *r)
{
	int64_t limit, offset;
	if (req_paging(r, &limit, &offset) != 0)
		return -1;
	db *d = api_db(r);
	json_t *o = d ? practice_list(d, &r->who, limit, offset, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_practice_get(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	json_t *o = d ? practice_get(d, &r->who, id, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

/* {answers: ["B", "AC", "", ...]} (letters as shown, by position) */
int h_practice_submit(req *r)
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
	db *d = api_db(r);
	json_t *o = d ? practice_submit(d, &r->who, id, v, n, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

/* {item_id, explanation} */
int h_practice_release(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	int64_t item = jint(b, "item_id", 0, &r->e);
	const char *expl = jstr(b, "explanation", &r->e);
	if (!err_isset(&r->e) && item <= 0)
		err_set(&r->e, 422, "missing_field", "item_id", "缺少试题", "item_id is required");
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? practice_release(d, &r->who, item, expl, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_practice_pool(req *r)
{
	int64_t limit, offset;
	if (req_paging(r, &limit, &offset) != 0)
		return -1;
	const char *lv = req_query(r, "level");
	db *d = api_db(r);
	json_t *o = d ? practice_pool(d, &r->who, req_query(r, "occupation_code"), lv ? atoll(lv) : 0, limit,
				      offset, &r->e)
		      : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_practice_rules(req *r)
{
	db *d = api_db(r);
	json_t *o = d ? practice_rules(d, &r->who, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

/* {papers_per_day, items_per_paper, source} */
int h_practice_rule_put(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	int64_t per_day = jint(b, "papers_per_day", -1, &r->e),
		per_paper = jint(b, "items_per_paper", 0, &r->e);
	const char *source = jreq(b, "source", &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? practice_rule_put(d, &r->who, r->params[0], per_day, per_paper, source, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}
