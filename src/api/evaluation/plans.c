/* api_plans.c: /api/v1/plans (认定计划) and /api/v1/registrations (报名 + 资格审核) */
#include "util/common.h"
#include "api/base/api.h"
#include "api/handlers.h"
#include "svc/exam/analysis.h"
#include "svc/evaluation/reg_import.h"
#include "svc/evaluation/plans.h"
#include "svc/evaluation/practical.h"
#include <stdlib.h>

int h_plans_create(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	struct plan_input in = {
		.institution_id = jint(b, "institution_id", 0, &r->e),
		.occupation_code = jstr(b, "occupation_code", &r->e),
		.work_type = jstr(b, "work_type", &r->e),
		.template_name = jstr(b, "template", &r->e),
		.title = jstr(b, "title", &r->e),
		.reg_start = jstr(b, "reg_start", &r->e),
		.reg_end = jstr(b, "reg_end", &r->e),
		.exam_date = jstr(b, "exam_date", &r->e),
		.level = (int)jint(b, "level", 0, &r->e),
		.capacity = (int)jint(b, "capacity", 0, &r->e),
		.publicity_days = (int)jint(b, "publicity_days", 5, &r->e),
		.subjects = json_object_get(b, "subjects"),
	};
	if (err_isset(&r->e))
		return -1;
	if (in.subjects && !json_is_array(in.subjects))
		return err_set(&r->e, 422, "invalid_type", "subjects", "subjects 应为数组",
			       "subjects must be an array");
	db *d = api_db(r);
	int64_t id = d ? plan_create(d, &r->who, &in, &r->e) : -1;
	if (id < 0)
		return -1;
	json_t *o = plan_get_json(d, &r->who, id, &r->e);
	return o ? req_reply(r, 201, o) : -1;
}

int h_plans_list(req *r)
{
	int64_t limit, offset;
	if (api_paging(r, &limit, &offset) != 0)
		return -1;
	db *d = api_db(r);
	json_t *o = d ? plan_list_json(d, &r->who, req_query(r, "status"), limit, offset, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
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
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	const char *to = jreq(b, "status", &r->e), *reason = jstr(b, "reason", &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	if (!d || plan_transition(d, &r->who, id, to, reason, &r->e) != 0)
		return -1;
	json_t *o = plan_get_json(d, &r->who, id, &r->e);
	if (o && !strcmp(to, "scoring")) {
		/* the theory papers are graded: analyse every sitting (试题分析, 雷同卷) */
		json_t *an = plan_analyse_sittings(d, &r->who, id, &r->e);
		if (!an) {
			json_decref(o);
			return -1;
		}
		json_object_set_new(o, "analysis", an);
	}
	return o ? req_reply(r, 200, o) : -1;
}

int h_plans_history(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	json_t *o = d ? plan_history_json(d, &r->who, id, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_regs_create(req *r)
{
	int64_t plan = req_param_id(r, 0);
	json_t *b = plan > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	struct registration_input in = {
		.plan_id = plan,
		.person_id = jint(b, "person_id", 0, &r->e),
		.option = jreq(b, "option", &r->e),
		.related_major = jbool(b, "related_major", 0, &r->e) == 1,
		.declared = jbool(b, "declared", 0, &r->e) == 1,
	};
	if (err_isset(&r->e))
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
	int64_t limit, offset;
	if (api_paging(r, &limit, &offset) != 0)
		return -1;
	int64_t plan = req_param_id(r, 0);
	db *d = plan > 0 ? api_db(r) : NULL;
	json_t *o = d ? registration_list_json(d, &r->who, plan, limit, offset, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_regs_review(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	const char *decision = jreq(b, "decision", &r->e), *reason = jstr(b, "reason", &r->e);
	int override = jbool(b, "out_of_turn", 0, &r->e);
	if (err_isset(&r->e))
		return -1;
	if (strcmp(decision, "approve") && strcmp(decision, "reject"))
		return err_set(&r->e, 422, "invalid_value", "decision", "decision 应为 approve 或 reject",
			       "decision is approve or reject");
	db *d = api_db(r);
	if (!d || registration_review(d, &r->who, id, !strcmp(decision, "approve"), override == 1, reason,
				      &r->e) != 0)
		return -1;
	json_t *o = registration_get_json(d, &r->who, id, &r->e);
	return o ? req_reply(r, 200, o) : -1;
}

/* 操作技能考核 (practical_svc.c) */
static int part_setup(req *r, enum part part)
{
	int64_t plan = req_param_id(r, 0);
	json_t *b = plan > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	json_t *sp = json_object_get(b, "spread_pct");
	db *d = api_db(r);
	return d && practical_setup(d, &r->who, part, plan, json_object_get(b, "criteria"),
				    json_object_get(b, "examiners"),
				    json_is_number(sp) ? json_number_value(sp) : 0.2, &r->e) == 0
		       ? api_ok(r)
		       : -1;
}

static int part_score(req *r, enum part part)
{
	int64_t plan = req_param_id(r, 0);
	json_t *b = plan > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	int64_t reg = jint(b, "registration_id", 0, &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	if (!d || practical_score(d, &r->who, part, plan, reg, json_object_get(b, "scores"), &r->e) != 0)
		return -1;
	json_t *o = practical_view_json(d, &r->who, part, plan, reg, &r->e);
	return o ? req_reply(r, 201, o) : -1;
}

static int part_view(req *r, enum part part)
{
	int64_t plan = req_param_id(r, 0), reg = req_param_id(r, 1);
	db *d = plan > 0 && reg > 0 ? api_db(r) : NULL;
	json_t *o = d ? practical_view_json(d, &r->who, part, plan, reg, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

static int part_setup_get(req *r, enum part part)
{
	int64_t plan = req_param_id(r, 0);
	db *d = plan > 0 ? api_db(r) : NULL;
	json_t *o = d ? practical_setup_json(d, &r->who, part, plan, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_practical_setup_get(req *r)
{
	return part_setup_get(r, PART_PRACTICAL);
}

int h_review_setup_get(req *r)
{
	return part_setup_get(r, PART_REVIEW);
}

int h_practical_setup(req *r)
{
	return part_setup(r, PART_PRACTICAL);
}

int h_practical_score(req *r)
{
	return part_score(r, PART_PRACTICAL);
}

int h_practical_view(req *r)
{
	return part_view(r, PART_PRACTICAL);
}

int h_review_setup(req *r)
{
	return part_setup(r, PART_REVIEW);
}

int h_review_score(req *r)
{
	return part_score(r, PART_REVIEW);
}

int h_review_view(req *r)
{
	return part_view(r, PART_REVIEW);
}

int h_objections_list(req *r)
{
	int64_t plan = req_param_id(r, 0);
	db *d = plan > 0 ? api_db(r) : NULL;
	json_t *o = d ? objection_list_json(d, &r->who, plan, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_regs_all(req *r)
{
	int64_t limit, offset;
	if (api_paging(r, &limit, &offset) != 0)
		return -1;
	const char *plan = req_query(r, "plan_id");
	db *d = api_db(r);
	json_t *o =
		d ? registration_list_json(d, &r->who, plan ? atoll(plan) : 0, limit, offset, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
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
	int64_t person = jint(b, "person_id", 0, &r->e);
	const char *reason = jstr(b, "reason", &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	return d && avoidance_declare(d, &r->who, uid, person, reason, &r->e) == 0 ? api_ok(r) : -1;
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

int h_objection_create(req *r)
{
	if (api_verify_throttled(r) != 0)
		return -1;
	int64_t plan = req_param_id(r, 0);
	json_t *b = plan > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	int64_t result = jint(b, "result_id", 0, &r->e);
	const char *text = jstr(b, "text", &r->e), *contact = jstr(b, "contact", &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	int64_t id = d ? objection_create(d, plan, result, text, contact, &r->e) : -1;
	return id < 0 ? -1
		      : req_reply(r, 201, json_pack("{s:I,s:s}", "id", (json_int_t)id, "status", "open"));
}

int h_objection_resolve(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	const char *res = jstr(b, "resolution", &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	return d && objection_resolve(d, &r->who, id, res, &r->e) == 0 ? api_ok(r) : -1;
}
