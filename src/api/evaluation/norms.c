/* norms.c: /api/v1/enterprise-norms (企业评价规范): file, revise, list, read, approve; the filing rules */
#include "util/common.h"
#include "api/base/api.h"
#include "api/evaluation/handlers.h"
#include "svc/evaluation/norms.h"

static int norm_input_parse(req *r, json_t *b, struct norm_input *in)
{
	json_t *f = json_object_get(b, "filing");
	*in = (struct norm_input){
		.occupation_code = jstr(b, "occupation_code", &r->e),
		.title = jstr(b, "title", &r->e),
		.levels = json_object_get(b, "levels"),
		.above_size = jbool(f, "above_size", 0, &r->e) == 1,
		.employees = jint(f, "employees", 0, &r->e),
		.skilled_employees = jint(f, "skilled_employees", 0, &r->e),
	};
	if (!err_isset(&r->e) && !json_is_object(f))
		err_set(&r->e, 422, "missing_field", "filing",
			"缺少企业备案信息 filing（规模以上、职工数、技能人员数）",
			"missing field 'filing' (above_size, employees, skilled_employees)");
	return err_isset(&r->e) ? -1 : 0;
}

int h_norms_create(req *r)
{
	json_t *b = req_json(r);
	struct norm_input in;
	if (!b || norm_input_parse(r, b, &in) != 0)
		return -1;
	db *d = api_db(r);
	int64_t id = d ? norm_create(d, &r->who, &in, &r->e) : -1;
	json_t *o = id > 0 ? norm_get_json(d, &r->who, id, &r->e) : NULL;
	return o ? req_reply(r, 201, o) : -1;
}

int h_norms_update(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	struct norm_input in;
	if (id <= 0)
		return err_set(&r->e, 404, "not_found", NULL, "评价规范不存在", "no such norm");
	if (!b || norm_input_parse(r, b, &in) != 0)
		return -1;
	db *d = api_db(r);
	if (!d || norm_update(d, &r->who, id, &in, &r->e) != 0)
		return -1;
	json_t *o = norm_get_json(d, &r->who, id, &r->e);
	return o ? req_reply(r, 200, o) : -1;
}

int h_norms_list(req *r)
{
	return api_list_spec(r, &norm_list);
}

int h_norms_get(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	json_t *o = d ? norm_get_json(d, &r->who, id, &r->e) : NULL;
	if (!o && !err_isset(&r->e))
		err_set(&r->e, 404, "not_found", NULL, "评价规范不存在", "no such norm");
	return o ? req_reply(r, 200, o) : -1;
}

int h_norms_status(req *r)
{
	struct api_move m;
	if (api_move_input(r, &m) != 0 || norm_transition(m.d, &r->who, m.id, m.to, m.reason, &r->e) != 0)
		return -1;
	json_t *o = norm_get_json(m.d, &r->who, m.id, &r->e);
	return o ? req_reply(r, 200, o) : -1;
}

int h_norm_rules(req *r)
{
	db *d = api_db(r);
	json_t *o = d ? norm_rules_json(d, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}
