/* plans.c: /api/v1/plans (认定计划): create, list, read, status changes, history, results handover */
#include "util/common.h"
#include "api/base/api.h"
#include "api/evaluation/handlers.h"
#include "api/evaluation/input.h"
#include "svc/evaluation/reg_import.h"
#include "svc/evaluation/plans.h"
#include "svc/evaluation/results.h"
#include "svc/evaluation/practical.h"
#include <stdlib.h>

int h_plans_create(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	struct plan_input in;
	if (plan_input_parse(r, b, &in) != 0)
		return -1;
	db *d = api_db(r);
	int64_t id = d ? plan_create(d, &r->who, &in, &r->e) : -1;
	if (id < 0)
		return -1;
	json_t *o = plan_get_json(d, &r->who, id, &r->e);
	return o ? req_reply(r, 201, o) : -1;
}

int h_plans_list(req *r)
{
	return api_list_spec(r, &plan_list);
}

int h_plans_get(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	json_t *o = d ? plan_get_json(d, &r->who, id, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_plans_status(req *r)
{
	struct api_move m;
	json_t *an = NULL; /* the move to 评分 analyses the plan's sittings (plan_transition) */
	if (api_move_input(r, &m) != 0 ||
	    plan_transition(m.d, &r->who, m.id, m.to, m.reason, &an, &r->e) != 0)
		return -1;
	json_t *o = plan_get_json(m.d, &r->who, m.id, &r->e);
	if (o && an)
		json_object_set_new(o, "analysis", an);
	else
		json_decref(an);
	return o ? req_reply(r, 200, o) : -1;
}

int h_plans_history(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	json_t *o = d ? plan_history_json(d, &r->who, id, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_plan_results(req *r)
{
	int64_t plan = req_param_id(r, 0);
	db *d = plan > 0 ? api_db(r) : NULL;
	int n = 0;
	if (!d || plan_compile_results(d, &r->who, plan, &n, &r->e) != 0)
		return -1;
	return req_reply(r, 201, json_pack("{s:I,s:i}", "plan_id", (json_int_t)plan, "results", n));
}
