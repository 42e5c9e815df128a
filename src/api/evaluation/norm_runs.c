/* norm_runs.c: the 过程化考核 scores of a plan on an enterprise's 评价规范 and the 业绩评审 performance
 * records of its candidates (svc/evaluation/norm_runs.h) */
#include "util/common.h"
#include "api/base/api.h"
#include "api/evaluation/handlers.h"
#include "svc/evaluation/norm_runs.h"
#include <math.h>

int h_norm_process_record(req *r)
{
	int64_t plan = req_param_id(r, 0);
	json_t *b = plan > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	const char *module = jstr(b, "module_code", &r->e), *on = jstr(b, "assessed_on", &r->e);
	json_t *arr = json_object_get(b, "scores");
	if (err_isset(&r->e))
		return -1;
	if (!json_is_array(arr) || !json_array_size(arr) || json_array_size(arr) > NORM_MAX_SCORES)
		return err_set(&r->e, 422, "invalid_value", "scores",
			       "scores 应为 [{registration_id, score}]（1 至 500 项）",
			       "scores is [{registration_id, score}] (1 to 500)");
	struct norm_score_input s[NORM_MAX_SCORES];
	size_t i, n = json_array_size(arr);
	json_t *x;
	json_array_foreach(arr, i, x)
	{
		json_t *id = json_is_object(x) ? json_object_get(x, "registration_id") : NULL;
		json_t *sc = json_is_object(x) ? json_object_get(x, "score") : NULL;
		if (!json_is_integer(id) || json_integer_value(id) <= 0)
			return err_set(&r->e, 422, "invalid_value", "scores", "每项应有 registration_id",
				       "each entry has a registration_id");
		s[i] = (struct norm_score_input){json_integer_value(id),
						 json_is_number(sc) ? json_number_value(sc) : NAN};
	}
	db *d = api_db(r);
	if (!d || norm_process_record(d, &r->who, plan, module, on, s, n, &r->e) != 0)
		return -1;
	json_t *o = norm_process_json(d, &r->who, plan, &r->e);
	return o ? req_reply(r, 201, o) : -1;
}

int h_norm_process_get(req *r)
{
	int64_t plan = req_param_id(r, 0);
	db *d = plan > 0 ? api_db(r) : NULL;
	json_t *o = d ? norm_process_json(d, &r->who, plan, &r->e) : NULL;
	if (!o && !err_isset(&r->e))
		err_set(&r->e, 404, "not_found", NULL, "认定计划不存在", "no such plan");
	return o ? req_reply(r, 200, o) : -1;
}

int h_norm_performance_put(req *r)
{
	int64_t reg = req_param_id(r, 0);
	json_t *b = reg > 0 ? req_json(r) : NULL;
	if (!b)
		return reg > 0 ? -1
			       : err_set(&r->e, 404, "not_found", NULL, "报名不存在", "no such registration");
	const char *ach = jstr(b, "achievements", &r->e), *ev = jstr(b, "evidence", &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	if (!d || norm_performance_put(d, &r->who, reg, ach, ev, &r->e) != 0)
		return -1;
	json_t *o = norm_performance_json(d, &r->who, reg, &r->e);
	return o ? req_reply(r, 200, o) : -1;
}

int h_norm_performance_get(req *r)
{
	int64_t reg = req_param_id(r, 0);
	db *d = reg > 0 ? api_db(r) : NULL;
	json_t *o = d ? norm_performance_json(d, &r->who, reg, &r->e) : NULL;
	if (!o && !err_isset(&r->e))
		err_set(&r->e, 404, "not_found", NULL, "报名不存在", "no such registration");
	return o ? req_reply(r, 200, o) : -1;
}

int h_norm_process_correct(req *r)
{
	int64_t plan = req_param_id(r, 0);
	json_t *b = plan > 0 ? req_json(r) : NULL;
	if (!b)
		return plan > 0 ? -1
				: err_set(&r->e, 404, "not_found", NULL, "认定计划不存在", "no such plan");
	json_t *id = json_object_get(b, "registration_id"), *sc = json_object_get(b, "score");
	const char *module = jstr(b, "module_code", &r->e), *reason = jstr(b, "reason", &r->e);
	if (err_isset(&r->e))
		return -1;
	if (!json_is_integer(id) || json_integer_value(id) <= 0)
		return err_set(&r->e, 422, "invalid_value", "registration_id", "应指明报名 registration_id",
			       "registration_id is required");
	db *d = api_db(r);
	if (!d || norm_process_correct(d, &r->who, plan, json_integer_value(id), module,
				       json_is_number(sc) ? json_number_value(sc) : NAN, reason, &r->e) != 0)
		return -1;
	json_t *o = norm_process_json(d, &r->who, plan, &r->e);
	return o ? req_reply(r, 200, o) : -1;
}

int h_norm_performance_list(req *r)
{
	int64_t plan = req_param_id(r, 0);
	db *d = plan > 0 ? api_db(r) : NULL;
	json_t *o = d ? norm_performance_list_json(d, &r->who, plan, &r->e) : NULL;
	if (!o && !err_isset(&r->e))
		err_set(&r->e, 404, "not_found", NULL, "认定计划不存在", "no such plan");
	return o ? req_reply(r, 200, o) : -1;
}
