/* apprenticeships.c: 企业新型学徒制 — filing, progress, moves, the employer's claim, the 认定 registration,
 * the cities' rates and the target (svc/cultivation/apprenticeships.h) */
#include "util/common.h"
#include "api/base/api.h"
#include "api/cultivation/handlers.h"
#include "core/money.h"
#include "svc/base/svc.h"
#include "svc/cultivation/apprenticeships.h"

/* an amount in yuan text ("6000", "6000.50") → fen; absent: -1 */
static int64_t money_field(req *r, json_t *b, const char *key)
{
	json_t *v = json_object_get(b, key);
	if (!v || json_is_null(v))
		return -1;
	fen_t f = 0;
	if (!json_is_string(v) || money_parse_err(json_string_value(v), key, &f, &r->e) || f < 0) {
		if (!err_isset(&r->e))
			err_set(&r->e, 422, "invalid_amount", key, "金额应为不为负的元（至多两位小数）的文本",
				"an amount is yuan text (at most two decimals), not negative");
		return -1;
	}
	return f;
}

int h_appr_list(req *r)
{
	return api_list_spec(r, &appr_list);
}

int h_appr_create(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	struct appr_input in = {
		.employer_id = jint(b, "employer_id", 0, &r->e),
		.trainer_id = jint(b, "trainer_id", 0, &r->e),
		.person_id = jint(b, "person_id", 0, &r->e),
		.occupation_code = jreq(b, "occupation_code", &r->e),
		.level = jint(b, "level", 0, &r->e),
		.mentor_name = jreq(b, "mentor_name", &r->e),
		.contract_start = jreq(b, "contract_start", &r->e),
		.contract_end = jstr(b, "contract_end", &r->e),
		.training_start = jreq(b, "training_start", &r->e),
		.training_end = jreq(b, "training_end", &r->e),
		.plan = jstr(b, "plan", &r->e),
	};
	in.mentor_allowance_fen = money_field(r, b, "mentor_allowance");
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? appr_create(d, &r->who, &in, &r->e) : NULL;
	return o ? req_reply(r, 201, o) : -1;
}

int h_appr_get(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	json_t *o = d ? appr_get_json(d, &r->who, id, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_appr_progress(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	const char *kind = jreq(b, "kind", &r->e), *on = jreq(b, "recorded_on", &r->e),
		   *note = jstr(b, "note", &r->e);
	int64_t hours = jint(b, "hours", 0, &r->e);
	int passed = jbool(b, "passed", 0, &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? appr_progress_add(d, &r->who, id, kind, on, hours, passed, note, &r->e) : NULL;
	return o ? req_reply(r, 201, o) : -1;
}

int h_appr_move(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	const char *to = jreq(b, "status", &r->e), *reason = jstr(b, "reason", &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? appr_move(d, &r->who, id, to, reason, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_appr_claim(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	json_t *o = d ? appr_claim(d, &r->who, id, &r->e) : NULL;
	return o ? req_reply(r, 201, o) : -1;
}

int h_appr_register(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	int64_t plan = jint(b, "plan_id", 0, &r->e);
	const char *option = jreq(b, "option", &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? appr_register(d, &r->who, id, plan, option, &r->e) : NULL;
	return o ? req_reply(r, 201, o) : -1;
}

int h_appr_rates(req *r)
{
	db *d = api_db(r);
	json_t *o = d ? appr_rates_json(d, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_appr_rate_put(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	const char *source = jreq(b, "source", &r->e);
	int64_t rate = money_field(r, b, "rate");
	if (!err_isset(&r->e) && rate < 0)
		err_set(&r->e, 422, "missing_field", "rate", "缺少补贴标准（元/人·年）", "rate is required");
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? appr_rate_put(d, &r->who, r->params[0], rate, source, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_appr_summary(req *r)
{
	db *d = api_db(r);
	json_t *o = d ? appr_summary_json(d, &r->who, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}
