/* selections.c: 评选项目与津贴 — programmes, rounds, quotas, nominations, scores, the round's moves, the
 * stop of an appointment, the allowance batches and the honours import (svc/incentive/selections.h,
 * allowances.h) */
#include "util/common.h"
#include "api/base/api.h"
#include "api/incentive/handlers.h"
#include "core/money.h"
#include "svc/base/svc.h"
#include "svc/incentive/allowances.h"
#include "svc/incentive/selections.h"

/* an amount in yuan text ("1000", "1000.50") → fen; absent: -1 */
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

int h_sel_programmes(req *r)
{
	db *d = api_db(r);
	json_t *o = d ? sel_programmes_json(d, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_sel_programme_put(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	struct sel_programme_input in = {
		.max_places = jint(b, "max_places", -1, &r->e),
		.cycle_years = jint(b, "cycle_years", -1, &r->e),
		.min_level = jint(b, "min_level", -1, &r->e),
		.title_grade = jint(b, "title_grade", -1, &r->e),
		.front_line = jbool(b, "front_line", -1, &r->e),
		.max_age = jint(b, "max_age", -1, &r->e),
		.preferred_age = jint(b, "preferred_age", -1, &r->e),
		.renominate_years = jint(b, "renominate_years", -1, &r->e),
		.term_months = jint(b, "term_months", -1, &r->e),
		.active = jbool(b, "active", -1, &r->e),
		.source = jreq(b, "source", &r->e),
	};
	in.monthly_fen = money_field(r, b, "monthly");
	in.lump_fen = money_field(r, b, "lump");
	in.yearly_fen = money_field(r, b, "yearly");
	in.yearly_work_fen = money_field(r, b, "yearly_work");
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? sel_programme_put(d, &r->who, r->params[0], &in, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_sel_round_create(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	struct sel_round_input in = {
		.programme = jreq(b, "programme", &r->e),
		.title = jreq(b, "title", &r->e),
		.ref_date = jstr(b, "ref_date", &r->e),
		.nominate_until = jstr(b, "nominate_until", &r->e),
		.schedule = jstr(b, "schedule", &r->e),
		.year = jint(b, "year", 0, &r->e),
		.places = jint(b, "places", -1, &r->e),
		.min_experts = jint(b, "min_experts", -1, &r->e),
		.publicity_days = jint(b, "publicity_days", -1, &r->e),
	};
	in.monthly_fen = money_field(r, b, "monthly");
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? sel_round_create(d, &r->who, &in, &r->e) : NULL;
	return o ? req_reply(r, 201, o) : -1;
}

int h_sel_rounds(req *r)
{
	db *d = api_db(r);
	json_t *o = d ? sel_rounds_json(d, req_query(r, "programme"), &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_sel_round_get(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	json_t *o = d ? sel_round_get_json(d, &r->who, id, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_sel_quotas_put(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	json_t *q = json_object_get(b, "quotas");
	if (!json_is_array(q) || json_array_size(q) > 64)
		return err_set(&r->e, 422, q ? "invalid_value" : "missing_field", "quotas",
			       "quotas 应为至多 64 项的数组 [{region_code, quota}]",
			       "quotas is an array of at most 64 {region_code, quota}");
	const char *regions[64];
	int64_t quotas[64];
	size_t n = json_array_size(q);
	for (size_t i = 0; i < n; i++) {
		json_t *x = json_array_get(q, i);
		regions[i] = json_is_object(x) ? jreq(x, "region_code", &r->e) : NULL;
		quotas[i] = json_is_object(x) ? jint(x, "quota", -1, &r->e) : -1;
		if (err_isset(&r->e))
			return -1;
		if (!regions[i] || quotas[i] < 0)
			return err_set(&r->e, 422, "invalid_value", "quotas",
				       "每项应有 region_code 与不为负的 quota",
				       "each item has region_code and a quota not below 0");
	}
	db *d = api_db(r);
	json_t *o = d ? sel_quotas_put(d, &r->who, id, regions, quotas, n, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_sel_round_move(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	const char *to = jreq(b, "status", &r->e), *ts = jstr(b, "term_start", &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? sel_round_move(d, &r->who, id, to, ts, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

static int nominee_input(req *r, struct sel_nominee_input *in, int64_t *round)
{
	*round = req_param_id(r, 0);
	json_t *b = *round > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	*in = (struct sel_nominee_input){
		.person_id = jint(b, "person_id", 0, &r->e),
		.front_line = jbool(b, "front_line", 0, &r->e),
		.new_achievement = jbool(b, "new_achievement", 0, &r->e),
		.achievements = jstr(b, "achievements", &r->e),
	};
	return err_isset(&r->e) ? -1 : 0;
}

int h_sel_check(req *r)
{
	struct sel_nominee_input in;
	int64_t round;
	if (nominee_input(r, &in, &round))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? sel_check_json(d, &r->who, round, &in, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_sel_nominate(req *r)
{
	struct sel_nominee_input in;
	int64_t round;
	if (nominee_input(r, &in, &round))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? sel_nominate(d, &r->who, round, &in, &r->e) : NULL;
	return o ? req_reply(r, 201, o) : -1;
}

int h_sel_nominations(req *r)
{
	return api_list_spec(r, &sel_nomination_list);
}

int h_sel_nomination_get(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	json_t *o = d ? sel_nomination_get_json(d, &r->who, id, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_sel_score_add(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	int64_t expert = jint(b, "expert_id", 0, &r->e), score = jint(b, "score", -1, &r->e);
	const char *comment = jstr(b, "comment", &r->e);
	/* a panel member scores as themself; the province names the expert */
	bool member = r->who.role == ROLE_EXAMINER;
	if (!err_isset(&r->e) &&
	    ((!member && !json_object_get(b, "expert_id")) || !json_object_get(b, "score")))
		err_set(&r->e, 422, "missing_field", json_object_get(b, "score") ? "expert_id" : "score",
			"缺少专家或评分", "expert_id and score are required");
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? sel_score_add(d, &r->who, id, expert, score, comment, &r->e) : NULL;
	return o ? req_reply(r, 201, o) : -1;
}

int h_sel_nomination_end(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	const char *reason = jreq(b, "reason", &r->e), *on = jreq(b, "on", &r->e),
		   *note = jstr(b, "note", &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? allowance_end(d, &r->who, id, reason, on, note, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_allowance_batch_run(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	const char *month = jreq(b, "month", &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? allowance_batch_run(d, &r->who, month, &r->e) : NULL;
	return o ? req_reply(r, 201, o) : -1;
}

int h_allowance_batches(req *r)
{
	db *d = api_db(r);
	json_t *o = d ? allowance_batches_json(d, &r->who, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_honours_import(req *r)
{
	if (!r->body.len)
		return err_set(&r->e, 400, "body_required", NULL, "请求体应为 CSV 或 XLSX 文件",
			       "the request body is the CSV or XLSX file");
	const char *aon = req_query(r, "all_or_nothing");
	bool all = aon && (!strcmp(aon, "true") || !strcmp(aon, "1"));
	db *d = api_db(r);
	return api_import_reply(r,
				d ? honours_import(d, &r->who, r->body.ptr, r->body.len, all, &r->e) : NULL);
}

int h_sel_panel_put(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	json_t *x = json_object_get(b, "examiners");
	if (!json_is_array(x) || json_array_size(x) > SEL_PANEL_MAX)
		return err_set(&r->e, 422, x ? "invalid_value" : "missing_field", "examiners",
			       "examiners 应为至多 %d 个用户 id 的数组",
			       "examiners is an array of at most %d user ids", SEL_PANEL_MAX);
	int64_t ids[SEL_PANEL_MAX];
	size_t n = json_array_size(x);
	for (size_t i = 0; i < n; i++) {
		json_t *v = json_array_get(x, i);
		if (!json_is_integer(v) || json_integer_value(v) <= 0)
			return err_set(&r->e, 422, "invalid_value", "examiners", "第 %zu 项应为用户 id",
				       "item %zu is a user id", i + 1);
		ids[i] = json_integer_value(v);
	}
	db *d = api_db(r);
	json_t *o = d ? sel_panel_put(d, &r->who, id, ids, n, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_sel_reviews(req *r)
{
	db *d = api_db(r);
	json_t *o = d ? sel_reviews_json(d, &r->who, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}
