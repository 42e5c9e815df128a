/* groups.c: 重点群体 and 就业服务 — categories, a person's flags and services, job recommendations,
 * employment outcomes (svc/cultivation/groups.h, jobs.h) */
#include "util/common.h"
#include "api/base/api.h"
#include "api/cultivation/handlers.h"
#include "svc/base/svc.h"
#include "svc/cultivation/groups.h"
#include "svc/cultivation/jobs.h"
#include "svc/cultivation/group_rules.h"
#include "core/money.h"

int h_group_kinds(req *r)
{
	db *d = api_db(r);
	json_t *o = d ? group_kinds_json(d, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_group_person(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	json_t *o = d ? group_person_json(d, &r->who, id, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_group_flag_put(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	struct group_flag_input in = {
		.source = jreq(b, "source", &r->e),
		.valid_from = jreq(b, "valid_from", &r->e),
		.valid_to = jstr(b, "valid_to", &r->e),
		.evidence = jstr(b, "evidence", &r->e),
	};
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? group_flag_put(d, &r->who, id, r->params[1], &in, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_group_service(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	const char *kind = jreq(b, "kind", &r->e), *cat = jstr(b, "category", &r->e);
	json_t *det = json_object_get(b, "detail");
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? group_service_log(d, &r->who, id, kind, cat, json_is_null(det) ? NULL : det, &r->e)
		      : NULL;
	return o ? req_reply(r, 201, o) : -1;
}

int h_group_summary(req *r)
{
	db *d = api_db(r);
	json_t *o = d ? group_summary_json(d, &r->who, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_job_recommend(req *r)
{
	const char *p = req_query(r, "person_id");
	int64_t person = p ? strtoll(p, NULL, 10) : 0;
	db *d = api_db(r);
	json_t *o = d ? job_recommend_json(d, &r->who, person, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_job_recommend_send(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	int64_t person = jint(b, "person_id", 0, &r->e);
	if (!err_isset(&r->e) && person <= 0)
		err_set(&r->e, 422, "missing_field", "person_id", "请指定人员", "person_id is required");
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? job_recommend_send(d, &r->who, person, &r->e) : NULL;
	return o ? req_reply(r, 201, o) : -1;
}

int h_outcome_put(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	struct outcome_input in = {
		.person_id = jint(b, "person_id", 0, &r->e),
		.ref_kind = jreq(b, "ref_kind", &r->e),
		.ref_id = jint(b, "ref_id", 0, &r->e),
		.certificate_no = jstr(b, "certificate_no", &r->e),
		.employed = jbool(b, "employed", -1, &r->e),
		.employer_name = jstr(b, "employer_name", &r->e),
		.employed_on = jstr(b, "employed_on", &r->e),
		.programme = jstr(b, "programme", &r->e),
		.employer_id = jint(b, "employer_id", 0, &r->e),
		.posting_id = jint(b, "posting_id", 0, &r->e),
	};
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? outcome_put(d, &r->who, &in, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_outcome_summary(req *r)
{
	db *d = api_db(r);
	json_t *o = d ? outcome_summary_json(d, &r->who, req_query(r, "by"), &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

/* POST /cultivation/person-categories/import?all_or_nothing=&preview=: the body a CSV or XLSX file. A preview
 * answers 200 with what would be imported, nothing stored. */
int h_group_import(req *r)
{
	if (!r->body.len)
		return err_set(&r->e, 400, "body_required", NULL, "请求体应为 CSV 或 XLSX 文件",
			       "the request body is the CSV or XLSX file");
	const char *aon = req_query(r, "all_or_nothing"), *pv = req_query(r, "preview");
	bool all = aon && (!strcmp(aon, "true") || !strcmp(aon, "1"));
	bool preview = pv && (!strcmp(pv, "true") || !strcmp(pv, "1"));
	db *d = api_db(r);
	json_t *rep = d ? group_flag_import(d, &r->who, r->body.ptr, r->body.len, all, preview, &r->e) : NULL;
	if (rep && preview)
		return req_reply(r, 200, rep);
	return api_import_reply(r, rep);
}

int h_group_rules(req *r)
{
	db *d = api_db(r);
	json_t *o = d ? group_rules_json(d, &r->who, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_group_rule_put(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	struct group_rule_input in = {
		.kind = jreq(b, "kind", &r->e),
		.category = jreq(b, "category", &r->e),
		.region_code = jreq(b, "region_code", &r->e),
		.insured_months = (int)jint(b, "insured_months", 0, &r->e),
		.source = jreq(b, "source", &r->e),
	};
	json_t *v = json_object_get(b, "supplement");
	if (!err_isset(&r->e) && v && !json_is_null(v) &&
	    (!json_is_string(v) ||
	     money_parse_err(json_string_value(v), "supplement", &in.supplement, &r->e)))
		if (!err_isset(&r->e))
			err_set(&r->e, 422, "invalid_amount", "supplement",
				"加发金额应为元的文本（至多两位小数）",
				"supplement is yuan text (at most two decimals)");
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? group_rule_put(d, &r->who, &in, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}
