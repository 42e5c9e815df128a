/* titles.c: 贯通 — the series and rules, a person's titles and appraisals, the check, the application and its
 * review (svc/incentive/titles.h) */
#include "util/common.h"
#include "api/base/api.h"
#include "api/incentive/handlers.h"
#include "svc/base/svc.h"
#include "svc/incentive/titles.h"

int h_title_series(req *r)
{
	db *d = api_db(r);
	json_t *o = d ? title_series_json(d, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_title_series_put(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	struct title_series_input in = {
		.name = jreq(b, "name", &r->e),
		.source = jreq(b, "source", &r->e),
		.active = -1,
	};
	json_t *names = json_object_get(b, "rank_names");
	if (names && (!json_is_array(names) || json_array_size(names) > 4))
		return err_set(&r->e, 422, "invalid_value", "rank_names",
			       "rank_names 应为至多 4 个名称的数组",
			       "rank_names is an array of at most 4 names");
	for (size_t i = 0; names && i < json_array_size(names); i++) {
		json_t *v = json_array_get(names, i);
		if (!json_is_string(v))
			return err_set(&r->e, 422, "invalid_value", "rank_names",
				       "rank_names 的每项应为字符串", "each of rank_names is a string");
		in.rank_names[i] = json_string_value(v);
	}
	json_t *act = json_object_get(b, "active");
	if (act) {
		if (!json_is_boolean(act))
			return err_set(&r->e, 422, "invalid_value", "active", "active 应为布尔值",
				       "active is a boolean");
		in.active = json_is_true(act) ? 1 : 0;
	}
	/* the occupations the series matches (职业编码 prefixes); absent: unchanged */
	json_t *occ = json_object_get(b, "occupations");
	const char *codes[51];
	if (occ) {
		if (!json_is_array(occ) || json_array_size(occ) > 50)
			return err_set(&r->e, 422, "invalid_value", "occupations",
				       "occupations 应为至多 50 个职业编码（前缀）的数组",
				       "occupations is an array of at most 50 occupation codes (prefixes)");
		in.set_occupations = true;
		for (size_t i = 0; i < json_array_size(occ); i++) {
			json_t *v = json_array_get(occ, i);
			if (!json_is_string(v))
				return err_set(&r->e, 422, "invalid_value", "occupations",
					       "occupations 的每项应为字符串",
					       "each of occupations is a string");
			codes[in.noccupations++] = json_string_value(v);
		}
		in.occupations = codes;
	}
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	bool created = false;
	json_t *o = d ? title_series_put(d, &r->who, r->params[0], &in, &created, &r->e) : NULL;
	return o ? req_reply(r, created ? 201 : 200, o) : -1;
}

static int rank_field(req *r, json_t *b, const char *key, int *out)
{
	const char *s = jstr(b, key, &r->e);
	if (!s)
		return 0;
	*out = title_rank_parse(s);
	if (!*out)
		return err_set(&r->e, 422, "invalid_value", key,
			       "职称层级应为 assistant、intermediate、deputy_senior 或 full_senior",
			       "a title rank is assistant, intermediate, deputy_senior or full_senior");
	return 0;
}

int h_title_rule_add(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	const char *kind = jreq(b, "kind", &r->e);
	struct tt_rule rule = {
		.kind = kind ? tt_kind_parse(kind) : -1,
		.series = jreq(b, "series", &r->e),
		.from_level = (int)jint(b, "from_level", 0, &r->e),
		.years = (int)jint(b, "years", 0, &r->e),
		.appraisal_years = (int)jint(b, "appraisal_years", 0, &r->e),
		.honour = jstr(b, "honour", &r->e),
		.honour_name = jstr(b, "honour_name", &r->e),
		.to_level = (int)jint(b, "to_level", 0, &r->e),
		.source = jreq(b, "source", &r->e),
	};
	if (err_isset(&r->e) || rank_field(r, b, "from_rank", &rule.from_rank) ||
	    rank_field(r, b, "to_rank", &rule.to_rank))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? title_rule_add(d, &r->who, &rule, &r->e) : NULL;
	return o ? req_reply(r, 201, o) : -1;
}

int h_title_rule_patch(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	json_t *act = json_object_get(b, "active");
	if (!json_is_boolean(act))
		return err_set(&r->e, 422, act ? "invalid_value" : "missing_field", "active",
			       "active 应为布尔值", "active is a boolean");
	db *d = api_db(r);
	json_t *o = d ? title_rule_set_active(d, &r->who, id, json_is_true(act), &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_title_record_add(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	int64_t id = jint(b, "person_id", 0, &r->e);
	if (!err_isset(&r->e) && id <= 0)
		return err_set(&r->e, 422, "missing_field", "person_id", "缺少人员", "person_id is required");
	struct title_record_input in = {
		.series = jreq(b, "series", &r->e),
		.rank = jreq(b, "rank", &r->e),
		.name = jstr(b, "name", &r->e),
		.obtained_on = jreq(b, "obtained_on", &r->e),
		.source = jreq(b, "source", &r->e),
	};
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? person_title_add(d, &r->who, id, &in, &r->e) : NULL;
	return o ? req_reply(r, 201, o) : -1;
}

int h_person_appraisal_put(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	struct appraisal_input in = {
		.year = (int)jint(b, "year", 0, &r->e),
		.result = jreq(b, "result", &r->e),
		.employer = jstr(b, "employer", &r->e),
		.source = jreq(b, "source", &r->e),
	};
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? person_appraisal_put(d, &r->who, id, &in, &r->e) : NULL;
	if (!o)
		return -1;
	bool replaced = json_is_true(json_object_get(o, "replaced"));
	return req_reply(r, replaced ? 200 : 201, o);
}

static int target_input(req *r, struct title_target_input *in)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	*in = (struct title_target_input){
		.person_id = jint(b, "person_id", 0, &r->e),
		.kind = jreq(b, "kind", &r->e),
		.series = jreq(b, "series", &r->e),
		.rank = jstr(b, "rank", &r->e),
		.level = (int)jint(b, "level", 0, &r->e),
		.occupation = jstr(b, "occupation_code", &r->e),
		.honour = jstr(b, "honour", &r->e),
		.institution_id = jint(b, "institution_id", 0, &r->e),
	};
	return err_isset(&r->e) ? -1 : 0;
}

int h_title_check(req *r)
{
	struct title_target_input in;
	if (target_input(r, &in))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? title_check_json(d, &r->who, &in, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_title_apply(req *r)
{
	struct title_target_input in;
	if (target_input(r, &in))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? title_apply(d, &r->who, &in, &r->e) : NULL;
	return o ? req_reply(r, 201, o) : -1;
}

int h_title_apps(req *r)
{
	return api_list_spec(r, &title_app_list);
}

int h_title_app_get(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	json_t *o = d ? title_app_get_json(d, &r->who, id, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_title_app_move(req *r)
{
	struct api_move m;
	if (api_move_input(r, &m))
		return -1;
	json_t *o = title_app_move(m.d, &r->who, m.id, m.to, m.reason, &r->e);
	return o ? req_reply(r, 200, o) : -1;
}
