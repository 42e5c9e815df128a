/* registrations.c: /api/v1/plans/{id}/registrations and /api/v1/registrations (报名 + 资格审核), their
 * import, and examiners' avoidance (回避) declarations */
#include "util/common.h"
#include "api/base/api.h"
#include "api/evaluation/handlers.h"
#include "api/evaluation/input.h"
#include "svc/exam/analysis.h"
#include "svc/evaluation/reg_import.h"
#include "svc/evaluation/plans.h"
#include "svc/evaluation/registrations.h"
#include "svc/evaluation/practical.h"
#include <stdlib.h>

int h_regs_create(req *r)
{
	int64_t plan = req_param_id(r, 0);
	json_t *b = plan > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	struct registration_input in;
	if (registration_input_parse(r, b, plan, &in) != 0)
		return -1;
	db *d = api_db(r);
	int64_t id = d ? registration_create(d, &r->who, &in, &r->e) : -1;
	if (id < 0)
		return -1;
	json_t *o = registration_get_json(d, &r->who, id, &r->e);
	return o ? req_reply(r, 201, o) : -1;
}

int h_regs_list(req *r)
{
	struct list_args la = {0};
	if (api_paging(r, &la.limit, &la.offset) != 0)
		return -1;
	int64_t plan = req_param_id(r, 0);
	db *d = plan > 0 ? api_db(r) : NULL;
	json_t *o = d ? registration_plan_list_json(d, &r->who, plan, &la, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_regs_review(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	struct review_body in;
	if (review_body_parse(r, b, &in) != 0)
		return -1;
	db *d = api_db(r);
	if (!d || registration_review(d, &r->who, id, in.approve, in.out_of_turn, in.reason, &r->e) != 0)
		return -1;
	json_t *o = registration_get_json(d, &r->who, id, &r->e);
	return o ? req_reply(r, 200, o) : -1;
}

/* POST /api/v1/plans/{id}/registrations/review: 批量审核 {ids, decision, reason, out_of_turn}; per-row
 * outcomes */
int h_regs_review_batch(req *r)
{
	int64_t plan = req_param_id(r, 0);
	json_t *b = plan > 0 ? req_json(r) : NULL;
	if (!b)
		return plan > 0 ? -1
				: err_set(&r->e, 404, "not_found", NULL, "认定计划不存在", "no such plan");
	json_t *ids = json_object_get(b, "ids");
	if (!json_is_array(ids) || !json_array_size(ids))
		return err_set(&r->e, 422, "missing_field", "ids", "ids 应为非空的报名编号数组",
			       "ids must be a non-empty array of registration ids");
	size_t n = json_array_size(ids);
	if (n > 500)
		return err_set(&r->e, 422, "too_many", "ids", "一次最多审核 500 条报名",
			       "at most 500 registrations at once");
	int64_t *v = arena_array(r->a, n, sizeof *v);
	for (size_t i = 0; i < n; i++) {
		json_t *x = json_array_get(ids, i);
		if (!json_is_integer(x) || json_integer_value(x) <= 0)
			return err_set(&r->e, 422, "invalid_type", "ids", "ids 的元素应为正整数",
				       "ids holds positive integers");
		v[i] = json_integer_value(x);
	}
	struct review_body in;
	if (review_body_parse(r, b, &in) != 0)
		return -1;
	db *d = api_db(r);
	json_t *o = d ? registration_review_batch(d, &r->who, plan, v, n, in.approve, in.out_of_turn,
						  in.reason, &r->e)
		      : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_regs_all(req *r)
{
	return api_list_spec(r, &registration_list);
}

int h_regs_import(req *r)
{
	int64_t plan = req_param_id(r, 0);
	if (plan <= 0)
		return err_set(&r->e, 404, "not_found", NULL, "认定计划不存在", "no such plan");
	if (!r->body.len)
		return err_set(&r->e, 400, "body_required", NULL, "请求体应为 CSV 文件",
			       "the request body is the CSV file");
	const char *aon = req_query(r, "all_or_nothing");
	bool all = aon && (!strcmp(aon, "true") || !strcmp(aon, "1"));
	db *d = api_db(r);
	return api_import_reply(
		r,
		d ? registrations_import_csv(d, &r->who, plan, r->body.ptr, r->body.len, all, &r->e) : NULL);
}

int h_avoidance(req *r)
{
	int64_t uid = req_param_id(r, 0);
	json_t *b = uid > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	int64_t person;
	const char *reason;
	if (avoidance_body_parse(r, b, &person, &reason) != 0)
		return -1;
	db *d = api_db(r);
	return d && avoidance_declare(d, &r->who, uid, person, reason, &r->e) == 0 ? api_ok(r) : -1;
}
