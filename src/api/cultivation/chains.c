/* chains.c: 产教评 技能生态链 and 岗位需求 → 培训班 / 订单班 (svc/cultivation/chains.h, demand.h) */
#include "util/common.h"
#include "api/base/api.h"
#include "api/cultivation/handlers.h"
#include "svc/base/svc.h"
#include "svc/cultivation/chains.h"
#include "svc/cultivation/demand.h"

int h_chain_roles(req *r)
{
	db *d = api_db(r);
	json_t *o = d ? chain_roles_json(d, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_chains(req *r)
{
	return api_list_spec(r, &chain_list);
}

int h_chain_create(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	struct chain_input in = {.name = jreq(b, "name", &r->e),
				 .industry = jreq(b, "industry", &r->e),
				 .note = jstr(b, "note", &r->e),
				 .lead_id = jint(b, "lead_id", 0, &r->e)};
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? chain_create(d, &r->who, &in, &r->e) : NULL;
	return o ? req_reply(r, 201, o) : -1;
}

int h_chain_get(req *r)
{
	int64_t id = req_param_id(r, 0);
	if (id <= 0)
		return -1;
	db *d = api_db(r);
	json_t *o = d ? chain_get(d, &r->who, id, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_chain_member_add(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	int64_t inst = jint(b, "institution_id", 0, &r->e);
	const char *role = jreq(b, "role", &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? chain_add_member(d, &r->who, id, inst, role, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_chain_member_remove(req *r)
{
	int64_t id = req_param_id(r, 0);
	int64_t inst = id > 0 ? req_param_id(r, 1) : -1;
	if (id <= 0 || inst <= 0)
		return -1;
	db *d = api_db(r);
	json_t *o = d ? chain_remove_member(d, &r->who, id, inst, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_demand_rules(req *r)
{
	db *d = api_db(r);
	json_t *o = d ? demand_rules_json(d, &r->who, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

/* {values: {key: value, ...}, grounds} */
int h_demand_rules_put(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	json_t *vals = json_object_get(b, "values");
	if (!json_is_object(vals) || json_object_size(vals) > 10)
		return err_set(&r->e, 422, "invalid_value", "values",
			       "values 应为规则名到整数值的对象（至多 10 项）",
			       "values is an object of rule keys to integers (at most 10)");
	struct demand_rule_value v[10];
	size_t n = 0;
	const char *k;
	json_t *x;
	json_object_foreach(vals, k, x)
	{
		if (!json_is_integer(x))
			return err_set(&r->e, 422, "invalid_type", k, "规则值应为整数",
				       "a rule's value is an integer");
		v[n++] = (struct demand_rule_value){k, json_integer_value(x)};
	}
	const char *grounds = jreq(b, "grounds", &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? demand_rules_put(d, &r->who, v, n, grounds, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_demand_postings(req *r)
{
	struct demand_posting_query q = {0};
	const char *s;
	q.occupation_code = req_query(r, "occupation_code");
	q.region_code = req_query(r, "region_code");
	q.open_only = (s = req_query(r, "open")) && !strcmp(s, "1");
	q.mine = (s = req_query(r, "mine")) && !strcmp(s, "1");
	if (req_paging(r, &q.limit, &q.offset))
		return -1;
	if (q.limit > 100)
		return err_set(&r->e, 422, "invalid_value", "page_size", "page_size 至多 100",
			       "page_size is at most 100");
	db *d = api_db(r);
	json_t *o = d ? demand_postings_json(d, &r->who, &q, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

/* {kind, target_id | course_id + class | order_class, postings: [{posting_id, places}]} */
int h_demand_answer(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	struct demand_answer_input in = {.kind = jreq(b, "kind", &r->e),
					 .target_id = jint(b, "target_id", 0, &r->e)};
	json_t *ps = json_object_get(b, "postings");
	if (!json_is_array(ps) || json_array_size(ps) > DEMAND_MAX_POSTINGS)
		return err_set(&r->e, 422, "invalid_value", "postings", "postings 应为至多 %d 个岗位的数组",
			       "postings is an array of at most %d postings", DEMAND_MAX_POSTINGS);
	size_t i;
	json_t *x;
	json_array_foreach(ps, i, x)
	{
		if (!json_is_object(x))
			return err_set(&r->e, 422, "invalid_type", "postings", "postings 的每项应为对象",
				       "each posting is an object");
		in.pledges[i] =
			(struct demand_pledge){jint(x, "posting_id", 0, &r->e), jint(x, "places", 0, &r->e)};
	}
	in.n = json_array_size(ps);
	json_t *c = json_object_get(b, "class"), *oc = json_object_get(b, "order_class");
	if (!in.target_id && in.kind && !strcmp(in.kind, "class")) {
		if (!json_is_object(c))
			return err_set(&r->e, 422, "missing_field", "class",
				       "请给出 target_id 或新培训班 class", "give target_id or a new class");
		in.course_id = jint(c, "course_id", 0, &r->e);
		in.new_class = (struct training_class_input){
			.teacher_user_id = jint(c, "teacher_user_id", 0, &r->e),
			.starts_on = jreq(c, "starts_on", &r->e),
			.ends_on = jreq(c, "ends_on", &r->e),
			.capacity = jint(c, "capacity", 0, &r->e),
			.completion_hours = jint(c, "completion_hours", 0, &r->e),
		};
	} else if (!in.target_id && in.kind && !strcmp(in.kind, "order_class")) {
		if (!json_is_object(oc))
			return err_set(&r->e, 422, "missing_field", "order_class",
				       "请给出 target_id 或新订单班 order_class",
				       "give target_id or a new order class");
		in.new_order = (struct order_class_input){
			.enterprise_id = jint(oc, "enterprise_id", 0, &r->e),
			.major_id = jint(oc, "major_id", 0, &r->e),
			.kind = jreq(oc, "kind", &r->e),
			.name = jreq(oc, "name", &r->e),
			.cohort_year = jint(oc, "cohort_year", 0, &r->e),
			.graduation_year = jint(oc, "graduation_year", 0, &r->e),
			.planned = jint(oc, "planned", 0, &r->e),
			.school_id = jint(oc, "school_id", 0, &r->e),
		};
	}
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? demand_answer(d, &r->who, &in, &r->e) : NULL;
	return o ? req_reply(r, 201, o) : -1;
}

int h_demand_answers_of(req *r)
{
	const char *kind = req_query(r, "kind"), *ids = req_query(r, "id");
	int64_t id = ids ? strtoll(ids, NULL, 10) : 0;
	if (id <= 0)
		return err_set(&r->e, 422, "missing_field", "id", "请给出班级编号 id", "id is required");
	db *d = api_db(r);
	json_t *o = d ? demand_answers_of(d, &r->who, kind, id, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

/* POST /cultivation/chains/import?all_or_nothing=&preview=: the body a CSV or XLSX file (svc chain_import) */
int h_chain_import(req *r)
{
	if (!r->body.len)
		return err_set(&r->e, 400, "body_required", NULL, "请求体应为 CSV 或 XLSX 文件",
			       "the request body is the CSV or XLSX file");
	const char *aon = req_query(r, "all_or_nothing"), *pv = req_query(r, "preview");
	bool all = aon && (!strcmp(aon, "true") || !strcmp(aon, "1"));
	bool preview = pv && (!strcmp(pv, "true") || !strcmp(pv, "1"));
	db *d = api_db(r);
	json_t *rep = d ? chain_import(d, &r->who, r->body.ptr, r->body.len, all, preview, &r->e) : NULL;
	if (rep && preview)
		return req_reply(r, 200, rep);
	return api_import_reply(r, rep);
}
