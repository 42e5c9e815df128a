/* schools.c: 技工院校 — the register, campuses, yearly figures, the CSV import; majors and their filing
 * (svc/cultivation/schools.h) */
#include "util/common.h"
#include "api/base/api.h"
#include "api/cultivation/handlers.h"
#include "svc/base/svc.h"
#include "svc/cultivation/schools.h"

int h_schools(req *r)
{
	return api_list_spec(r, &school_list);
}

int h_school_register(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	struct school_input in = {
		.institution_id = jint(b, "institution_id", 0, &r->e),
		.tier = jreq(b, "tier", &r->e),
		.founded_year = jint(b, "founded_year", 0, &r->e),
	};
	if (err_isset(&r->e))
		return -1;
	if (in.institution_id <= 0)
		return err_set(&r->e, 422, "missing_field", "institution_id", "缺少机构",
			       "institution_id is required");
	db *d = api_db(r);
	bool created = false;
	json_t *o = d ? school_register(d, &r->who, &in, &created, &r->e) : NULL;
	return o ? req_reply(r, created ? 201 : 200, o) : -1;
}

int h_school_import(req *r)
{
	if (!r->body.len)
		return err_set(&r->e, 400, "body_required", NULL, "请求体应为 CSV 或 XLSX 文件",
			       "the request body is the CSV or XLSX file");
	const char *aon = req_query(r, "all_or_nothing");
	bool all = aon && (!strcmp(aon, "true") || !strcmp(aon, "1"));
	db *d = api_db(r);
	return api_import_reply(r,
				d ? school_import(d, &r->who, r->body.ptr, r->body.len, all, &r->e) : NULL);
}

int h_school_get(req *r)
{
	int64_t id = req_param_id(r, 0);
	if (id <= 0)
		return -1;
	db *d = api_db(r);
	json_t *o = d ? school_get(d, &r->who, id, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_school_campus_add(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	struct campus_input in = {.name = jreq(b, "name", &r->e),
				  .address = jstr(b, "address", &r->e),
				  .main = jbool(b, "main", 0, &r->e) == 1};
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? school_campus_add(d, &r->who, id, &in, &r->e) : NULL;
	return o ? req_reply(r, 201, o) : -1;
}

int h_school_year_put(req *r)
{
	int64_t id = req_param_id(r, 0), year = id > 0 ? req_param_id(r, 1) : -1;
	json_t *b = year > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	struct school_year_input in = {.year = year,
				       .enrolled = jint(b, "enrolled", -1, &r->e),
				       .graduates = jint(b, "graduates", -1, &r->e),
				       .students = jint(b, "students", -1, &r->e)};
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? school_year_put(d, &r->who, id, &in, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_majors(req *r)
{
	return api_list_spec(r, &major_list);
}

static void major_fields(json_t *b, struct major_input *in, err *e)
{
	in->code = jstr(b, "code", e);
	in->name = jstr(b, "name", e);
	in->occupation_code = jstr(b, "occupation_code", e);
	in->level = jstr(b, "level", e);
	in->years = jint(b, "years", 0, e);
	in->ythh_stage = jint(b, "ythh_stage", 0, e);
}

int h_major_create(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	struct major_input in;
	major_fields(b, &in, &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? major_create(d, &r->who, &in, &r->e) : NULL;
	return o ? req_reply(r, 201, o) : -1;
}

int h_major_get(req *r)
{
	int64_t id = req_param_id(r, 0);
	if (id <= 0)
		return -1;
	db *d = api_db(r);
	json_t *o = d ? major_get(d, &r->who, id, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

/* {status, reason, content: {name, occupation_code, level, years, ythh_stage}} */
int h_major_move(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	const char *status = jreq(b, "status", &r->e), *reason = jstr(b, "reason", &r->e);
	json_t *c = json_object_get(b, "content");
	if (c && !json_is_object(c))
		return err_set(&r->e, 422, "invalid_type", "content", "content 应为对象",
			       "content is an object");
	struct major_input in = {0};
	if (c)
		major_fields(c, &in, &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? major_move(d, &r->who, id, status, reason, c ? &in : NULL, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}
