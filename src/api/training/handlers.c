/* handlers.c: /api/v1/training/... — 培训机构 and their sites and courses, the 培训地图, the
 * 急需紧缺工种培训目录 (svc/training) */
#include "util/common.h"
#include "util/buf.h"
#include "api/base/api.h"
#include "api/training/handlers.h"
#include "api/training/input.h"

int h_training_orgs(req *r)
{
	return api_list_spec(r, &training_org_list);
}

int h_training_org_get(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	json_t *o = d ? training_org_get_json(d, &r->who, id, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_training_org_put(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	struct training_org_input in = {0};
	if (read_training_org(r, b, &in) != 0)
		return -1;
	db *d = api_db(r);
	if (!d || training_org_put(d, &r->who, id, &in, &r->e) != 0)
		return -1;
	json_t *o = training_org_get_json(d, &r->who, id, &r->e);
	return o ? req_reply(r, 200, o) : -1;
}

int h_training_site_create(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	struct training_site_input in = {0};
	if (read_training_site(r, b, &in) != 0)
		return -1;
	db *d = api_db(r);
	int64_t sid = d ? training_site_create(d, &r->who, id, &in, &r->e) : -1;
	if (sid < 0)
		return -1;
	json_t *o = training_site_get_json(d, sid, &r->e);
	return o ? req_reply(r, 201, o) : -1;
}

int h_training_site_update(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	struct training_site_input in = {0};
	if (read_training_site(r, b, &in) != 0)
		return -1;
	db *d = api_db(r);
	if (!d || training_site_update(d, &r->who, id, &in, &r->e) != 0)
		return -1;
	json_t *o = training_site_get_json(d, id, &r->e);
	return o ? req_reply(r, 200, o) : -1;
}

int h_training_course_create(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	struct training_course_input in = {0};
	if (read_training_course(r, b, &in) != 0)
		return -1;
	db *d = api_db(r);
	int64_t cid = d ? training_course_create(d, &r->who, id, &in, &r->e) : -1;
	if (cid < 0)
		return -1;
	json_t *o = training_course_get_json(d, &r->who, cid, &r->e);
	return o ? req_reply(r, 201, o) : -1;
}

int h_training_course_get(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	json_t *o = d ? training_course_get_json(d, &r->who, id, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_training_course_update(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	struct training_course_input in = {0};
	if (read_training_course(r, b, &in) != 0)
		return -1;
	db *d = api_db(r);
	if (!d || training_course_update(d, &r->who, id, &in, &r->e) != 0)
		return -1;
	json_t *o = training_course_get_json(d, &r->who, id, &r->e);
	return o ? req_reply(r, 200, o) : -1;
}

int h_training_map(req *r)
{
	struct training_map_query q = {0};
	if (read_map_query(r, &q) != 0)
		return -1;
	db *d = api_db(r);
	if (!d)
		return -1;
	/* the answer comes as JSON text (training_map writes it without a tree of json_t: the map's hot path)
	 */
	buf b;
	buf_init(&b, 0);
	if (training_map(d, &q, &b, &r->e) != 0) {
		buf_free(&b);
		return -1;
	}
	return req_reply_text(r, 200, &b);
}

int h_shortage_lists(req *r)
{
	return api_list_spec(r, &shortage_list);
}

/* {city}/{year}: the year as a number (404 otherwise, like an id) */
static int64_t path_year(req *r)
{
	const char *s = r->params[1];
	char *end;
	long long y = s ? strtoll(s, &end, 10) : 0;
	if (!s || !*s || *end || y < 1 || y > 9999) {
		err_set(&r->e, 404, "not_found", NULL, "目录不存在", "no such list");
		return -1;
	}
	return (int64_t)y;
}

int h_shortage_get(req *r)
{
	int64_t year = path_year(r);
	db *d = year > 0 ? api_db(r) : NULL;
	json_t *o = d ? shortage_get_json(d, r->params[0], year, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_shortage_put(req *r)
{
	int64_t year = path_year(r);
	json_t *b = year > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	struct shortage_input in = {0};
	if (read_shortage(r, b, &in) != 0)
		return -1;
	db *d = api_db(r);
	if (!d || shortage_put(d, &r->who, r->params[0], year, &in, &r->e) != 0)
		return -1;
	json_t *o = shortage_get_json(d, r->params[0], year, &r->e);
	return o ? req_reply(r, 200, o) : -1;
}
