/* special.c: 专项职业能力开发 and 新职业信息征集 — proposals with their draft 考核规范, the review,
 * publication, the public catalogue, withdrawal; new-occupation proposals to their adoption
 * (svc/platform/special.h) */
#include "util/common.h"
#include "api/base/api.h"
#include "api/platform/handlers.h"
#include "svc/base/svc.h"
#include "svc/platform/special.h"

#define REPLY(r, status, o) ((o) ? req_reply((r), (status), (o)) : -1)

static int sp_input_read(req *r, json_t *b, struct sp_input *in, bool create)
{
	*in = (struct sp_input){
		.name = create ? jreq(b, "name", &r->e) : jstr(b, "name", &r->e),
		.field = jstr(b, "field", &r->e),
		.brand_code = jstr(b, "brand_code", &r->e),
		.reason = jstr(b, "reason", &r->e),
		.brand_given = json_object_get(b, "brand_code") != NULL,
	};
	json_t *spec = json_object_get(b, "spec");
	in->spec = spec && !json_is_null(spec) ? spec : NULL;
	return err_isset(&r->e) ? -1 : 0;
}

int h_sp_list(req *r)
{
	return api_list_spec(r, &sp_list);
}

int h_sp_reviews(req *r)
{
	return api_list_spec(r, &sp_review_list);
}

int h_sp_create(req *r)
{
	json_t *b = req_json(r);
	struct sp_input in;
	if (!b || sp_input_read(r, b, &in, true))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? sp_create(d, &r->who, &in, &r->e) : NULL;
	return REPLY(r, 201, o);
}

int h_sp_get(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	json_t *o = d ? sp_get_json(d, &r->who, id, &r->e) : NULL;
	return REPLY(r, 200, o);
}

int h_sp_update(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	struct sp_input in;
	if (!b || sp_input_read(r, b, &in, false))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? sp_update(d, &r->who, id, &in, &r->e) : NULL;
	return REPLY(r, 200, o);
}

int h_sp_move(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	struct sp_move_input in = {
		.status = jreq(b, "status", &r->e),
		.reason = jstr(b, "reason", &r->e),
		.min_experts = jint(b, "min_experts", -1, &r->e),
		.pass_score = jint(b, "pass_score", -1, &r->e),
		.catalogue_year = jint(b, "catalogue_year", 0, &r->e),
	};
	if (err_isset(&r->e))
		return -1;
	json_t *ex = json_object_get(b, "experts"), *x;
	if (ex && (!json_is_array(ex) || json_array_size(ex) > SP_MAX_EXPERTS))
		return err_set(&r->e, 422, "invalid_value", "experts", "experts 应为至多 15 个账户编号的数组",
			       "experts is an array of at most 15 account ids");
	size_t i;
	json_array_foreach(ex, i, x)
	{
		if (!json_is_integer(x) || json_integer_value(x) <= 0)
			return err_set(&r->e, 422, "invalid_value", "experts", "专家应为账户编号",
				       "an expert is an account id");
		in.experts[in.nexperts++] = json_integer_value(x);
	}
	db *d = api_db(r);
	json_t *o = d ? sp_move(d, &r->who, id, &in, &r->e) : NULL;
	return REPLY(r, 200, o);
}

int h_sp_score(req *r)
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
	json_t *o = d ? sp_score(d, &r->who, id, score, comment, &r->e) : NULL;
	return REPLY(r, 201, o);
}

int h_special_catalogue(req *r)
{
	db *d = api_db(r);
	json_t *o = d ? special_catalogue_json(d, &r->e) : NULL;
	return REPLY(r, 200, o);
}

int h_special_items(req *r)
{
	return api_list_spec(r, &special_item_list);
}

int h_special_withdraw(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	const char *reason = jreq(b, "reason", &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? special_withdraw(d, &r->who, r->params[0], reason, &r->e) : NULL;
	return REPLY(r, 200, o);
}

int h_no_list(req *r)
{
	return api_list_spec(r, &no_list);
}

int h_no_create(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	struct no_input in = {
		.name = jreq(b, "name", &r->e),
		.field = jstr(b, "field", &r->e),
		.description = jreq(b, "description", &r->e),
	};
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? no_create(d, &r->who, &in, &r->e) : NULL;
	return REPLY(r, 201, o);
}

int h_no_get(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	json_t *o = d ? no_get_json(d, &r->who, id, &r->e) : NULL;
	return REPLY(r, 200, o);
}

int h_no_move(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	const char *status = jreq(b, "status", &r->e), *reason = jstr(b, "reason", &r->e),
		   *edition = jstr(b, "dadian_edition", &r->e), *code = jstr(b, "occupation_code", &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? no_move(d, &r->who, id, status, reason, edition, code, &r->e) : NULL;
	return REPLY(r, 200, o);
}
