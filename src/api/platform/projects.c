/* projects.c: 平台载体项目 — the catalogue, calls, applications, the city's recommendation, the panel's
 * scores, the projects, their tranches (财政's co-approval, payment), activities, appraisals, 验收 / 撤销 and
 * the public list (svc/platform/projects.h) */
#include "util/common.h"
#include "api/base/api.h"
#include "api/platform/handlers.h"
#include "core/money.h"
#include "svc/base/svc.h"
#include "svc/platform/projects.h"

#define REPLY(r, status, o) ((o) ? req_reply((r), (status), (o)) : -1)

/* an amount in yuan text ("200000", "1000.50") → fen; required */
static int64_t money_req(req *r, json_t *b, const char *key)
{
	json_t *v = json_object_get(b, key);
	fen_t f = 0;
	if (!v || json_is_null(v)) {
		err_set(&r->e, 422, "missing_field", key, "缺少金额", "%s is required", key);
		return -1;
	}
	if (!json_is_string(v) || money_parse_err(json_string_value(v), key, &f, &r->e) || f <= 0) {
		if (!err_isset(&r->e))
			err_set(&r->e, 422, "invalid_amount", key, "金额应为大于零的元（至多两位小数）的文本",
				"an amount is yuan text (at most two decimals) above zero");
		return -1;
	}
	return f;
}

int h_pf_types(req *r)
{
	db *d = api_db(r);
	json_t *o = d ? pf_types_json(d, &r->e) : NULL;
	return REPLY(r, 200, o);
}

int h_pf_calls(req *r)
{
	const char *y = req_query(r, "year");
	int64_t year = y ? strtoll(y, NULL, 10) : 0;
	db *d = api_db(r);
	json_t *o = d ? pf_calls_json(d, year, &r->e) : NULL;
	return REPLY(r, 200, o);
}

int h_pf_call_create(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	struct pf_call_input in = {
		.year = jint(b, "year", 0, &r->e),
		.min_experts = jint(b, "min_experts", -1, &r->e),
		.publicity_days = jint(b, "publicity_days", -1, &r->e),
		.title = jreq(b, "title", &r->e),
		.opens_on = jreq(b, "opens_on", &r->e),
		.closes_on = jreq(b, "closes_on", &r->e),
	};
	if (err_isset(&r->e))
		return -1;
	json_t *types = json_object_get(b, "types"), *experts = json_object_get(b, "experts");
	if (!json_is_array(types) || json_array_size(types) > PF_MAX_TYPES)
		return err_set(&r->e, 422, types ? "invalid_value" : "missing_field", "types",
			       "types 应为至多 16 项的数组 [{type_code, places}]",
			       "types is an array of at most 16 {type_code, places}");
	if (experts && (!json_is_array(experts) || json_array_size(experts) > PF_MAX_EXPERTS))
		return err_set(&r->e, 422, "invalid_value", "experts", "experts 应为至多 15 个账户编号的数组",
			       "experts is an array of at most 15 account ids");
	size_t i;
	json_t *x;
	json_array_foreach(types, i, x)
	{
		in.types[i] = json_is_object(x) ? jreq(x, "type_code", &r->e) : NULL;
		in.places[i] = json_is_object(x) ? jint(x, "places", 0, &r->e) : 0;
		if (err_isset(&r->e))
			return -1;
		if (!in.types[i])
			return err_set(&r->e, 422, "invalid_value", "types", "每项应有 type_code 与 places",
				       "each item has type_code and places");
		in.ntypes++;
	}
	json_array_foreach(experts, i, x)
	{
		if (!json_is_integer(x) || json_integer_value(x) <= 0)
			return err_set(&r->e, 422, "invalid_value", "experts", "专家应为账户编号",
				       "an expert is an account id");
		in.experts[in.nexperts++] = json_integer_value(x);
	}
	db *d = api_db(r);
	json_t *o = d ? pf_call_create(d, &r->who, &in, &r->e) : NULL;
	return REPLY(r, 201, o);
}

int h_pf_call_get(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	json_t *o = d ? pf_call_get_json(d, &r->who, id, &r->e) : NULL;
	return REPLY(r, 200, o);
}

int h_pf_quotas_put(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	json_t *q = json_object_get(b, "quotas");
	if (!json_is_array(q) || json_array_size(q) > PF_MAX_QUOTAS)
		return err_set(&r->e, 422, q ? "invalid_value" : "missing_field", "quotas",
			       "quotas 应为至多 32 项的数组 [{region_code, quota}]",
			       "quotas is an array of at most 32 {region_code, quota}");
	const char *regions[PF_MAX_QUOTAS];
	int64_t quotas[PF_MAX_QUOTAS];
	size_t n = json_array_size(q);
	for (size_t i = 0; i < n; i++) {
		json_t *x = json_array_get(q, i);
		regions[i] = json_is_object(x) ? jreq(x, "region_code", &r->e) : NULL;
		quotas[i] = json_is_object(x) ? jint(x, "quota", -1, &r->e) : -1;
		if (err_isset(&r->e))
			return -1;
		if (!regions[i] || quotas[i] < 0 || quotas[i] > 1000)
			return err_set(&r->e, 422, "invalid_value", "quotas",
				       "每项应有 region_code 与 0..1000 的 quota",
				       "each item has region_code and a quota of 0..1000");
	}
	db *d = api_db(r);
	json_t *o = d ? pf_quotas_put(d, &r->who, id, regions, quotas, n, &r->e) : NULL;
	return REPLY(r, 200, o);
}

int h_pf_call_move(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	const char *to = jreq(b, "status", &r->e);
	if (err_isset(&r->e))
		return -1;
	json_t *g = json_object_get(b, "grants");
	if (g && (!json_is_array(g) || json_array_size(g) > 256))
		return err_set(&r->e, 422, "invalid_value", "grants",
			       "grants 应为至多 256 项的数组 [{application_id, amount}]",
			       "grants is an array of at most 256 {application_id, amount}");
	size_t n = g ? json_array_size(g) : 0;
	int64_t ids[256], amounts[256];
	for (size_t i = 0; i < n; i++) {
		json_t *x = json_array_get(g, i);
		if (!json_is_object(x))
			return err_set(&r->e, 422, "invalid_value", "grants",
				       "每项应有 application_id 与 amount",
				       "each item has application_id and amount");
		ids[i] = jint(x, "application_id", 0, &r->e);
		amounts[i] = err_isset(&r->e) ? -1 : money_req(r, x, "amount");
		if (err_isset(&r->e))
			return -1;
	}
	db *d = api_db(r);
	json_t *o = d ? pf_call_move(d, &r->who, id, to, ids, amounts, n, &r->e) : NULL;
	return REPLY(r, 200, o);
}

static int app_input(req *r, struct pf_app_input *in, int64_t *call)
{
	*call = req_param_id(r, 0);
	json_t *b = *call > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	*in = (struct pf_app_input){
		.type_code = jreq(b, "type_code", &r->e),
		.grade = jstr(b, "grade", &r->e),
		.name = jreq(b, "name", &r->e),
		.institution_id = jint(b, "institution_id", 0, &r->e),
		.lead_person_id = jint(b, "lead_person_id", 0, &r->e),
	};
	if (err_isset(&r->e))
		return -1;
	json_t *f = json_object_get(b, "facts");
	if (f && (!json_is_object(f) || json_object_size(f) > PF_MAX_FACTS))
		return err_set(&r->e, 422, "invalid_value", "facts",
			       "facts 应为至多 16 项的对象 {名称: 整数}",
			       "facts is an object of at most 16 {name: integer}");
	const char *k;
	json_t *v;
	json_object_foreach(f, k, v)
	{
		if (!json_is_integer(v) || json_integer_value(v) < 0 || strlen(k) > 47)
			return err_set(&r->e, 422, "invalid_value", "facts", "申报数据 %s 应为不为负的整数",
				       "fact %s is an integer not below 0", k);
		in->fact_names[in->nfacts] = k;
		in->fact_values[in->nfacts++] = json_integer_value(v);
	}
	return 0;
}

int h_pf_check(req *r)
{
	struct pf_app_input in;
	int64_t call;
	if (app_input(r, &in, &call))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? pf_check_json(d, &r->who, call, &in, &r->e) : NULL;
	return REPLY(r, 200, o);
}

int h_pf_apply(req *r)
{
	struct pf_app_input in;
	int64_t call;
	if (app_input(r, &in, &call))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? pf_apply(d, &r->who, call, &in, &r->e) : NULL;
	return REPLY(r, 201, o);
}

int h_pf_apps(req *r)
{
	return api_list_spec(r, &pf_app_list);
}

int h_pf_app_get(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	json_t *o = d ? pf_app_get_json(d, &r->who, id, &r->e) : NULL;
	return REPLY(r, 200, o);
}

int h_pf_recommend(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	int rec = jbool(b, "recommend", -1, &r->e);
	const char *opinion = jstr(b, "opinion", &r->e);
	if (!err_isset(&r->e) && rec < 0)
		err_set(&r->e, 422, "missing_field", "recommend", "须说明推荐或退回",
			"recommend is required");
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? pf_recommend(d, &r->who, id, rec == 1, opinion, &r->e) : NULL;
	return REPLY(r, 200, o);
}

int h_pf_score(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	int64_t score = jint(b, "score", -1, &r->e);
	const char *comment = jstr(b, "comment", &r->e);
	if (!err_isset(&r->e) && !json_object_get(b, "score"))
		err_set(&r->e, 422, "missing_field", "score", "缺少评分", "score is required");
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? pf_score(d, &r->who, id, score, comment, &r->e) : NULL;
	return REPLY(r, 201, o);
}

int h_pf_list(req *r)
{
	return api_list_spec(r, &pf_list);
}

int h_pf_reviews(req *r)
{
	db *d = api_db(r);
	json_t *o = d ? pf_reviews_json(d, &r->who, &r->e) : NULL;
	return REPLY(r, 200, o);
}

int h_pf_get(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	json_t *o = d ? pf_get_json(d, &r->who, id, &r->e) : NULL;
	return REPLY(r, 200, o);
}

int h_pf_tranche_add(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	int64_t amount = money_req(r, b, "amount");
	const char *src = err_isset(&r->e) ? NULL : jreq(b, "fund_source", &r->e);
	const char *note = err_isset(&r->e) ? NULL : jstr(b, "note", &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? pf_tranche_add(d, &r->who, id, amount, src, note, &r->e) : NULL;
	return REPLY(r, 201, o);
}

int h_pf_tranches(req *r)
{
	return api_list_spec(r, &pf_tranche_list);
}

int h_pf_tranche_decide(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	const char *dec = jreq(b, "decision", &r->e), *note = jstr(b, "note", &r->e);
	if (err_isset(&r->e))
		return -1;
	if (strcmp(dec, "approve") && strcmp(dec, "withhold"))
		return err_set(&r->e, 422, "invalid_value", "decision",
			       "会签意见应为 approve（同意）或 withhold（暂缓）",
			       "decision is approve or withhold");
	db *d = api_db(r);
	json_t *o = d ? pf_tranche_decide(d, &r->who, id, !strcmp(dec, "approve"), note, &r->e) : NULL;
	return REPLY(r, 200, o);
}

int h_pf_tranche_pay(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	json_t *o = d ? pf_tranche_pay(d, &r->who, id, &r->e) : NULL;
	return REPLY(r, 200, o);
}

int h_pf_activity_add(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	struct pf_activity_input in = {
		.kind = jreq(b, "kind", &r->e),
		.occurred_on = jreq(b, "occurred_on", &r->e),
		.title = jreq(b, "title", &r->e),
		.quantity = jint(b, "quantity", -1, &r->e),
		.person_id = jint(b, "person_id", 0, &r->e),
	};
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? pf_activity_add(d, &r->who, id, &in, &r->e) : NULL;
	return REPLY(r, 201, o);
}

int h_pf_appraise(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	int64_t year = jint(b, "year", 0, &r->e);
	if (!err_isset(&r->e) && !json_object_get(b, "year"))
		err_set(&r->e, 422, "missing_field", "year", "缺少考核年度", "year is required");
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? pf_appraise(d, &r->who, id, year, &r->e) : NULL;
	return REPLY(r, 201, o);
}

int h_pf_close(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	const char *to = jreq(b, "status", &r->e), *reason = jstr(b, "reason", &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? pf_close(d, &r->who, id, to, reason, &r->e) : NULL;
	return REPLY(r, 200, o);
}

int h_pf_public(req *r)
{
	db *d = api_db(r);
	json_t *o =
		d ? pf_public_json(d, req_query(r, "type_code"), req_query(r, "region_code"), &r->e) : NULL;
	return REPLY(r, 200, o);
}
