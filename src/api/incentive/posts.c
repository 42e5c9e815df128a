/* posts.c: 新八级工 posts — 特级技师 and 首席技师 评聘 (svc/incentive/posts.h): the trial's authorisation,
 * the posts, the rounds with their panel and scores, the appointments with their appraisals, the name lists
 */
#include "util/common.h"
#include "api/base/api.h"
#include "api/incentive/handlers.h"
#include "svc/base/svc.h"
#include "svc/incentive/posts.h"
#include "util/arena.h"
#include <math.h>

static double number_or_nan(json_t *v)
{
	return json_is_number(v) ? json_number_value(v) : NAN;
}

int h_post_trials(req *r)
{
	return api_list_spec(r, &post_trial_list);
}

int h_post_trial_add(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	json_t *cc = json_object_get(b, "covers_chief");
	struct post_trial_input in = {
		.institution_id = jint(b, "institution_id", 0, &r->e),
		.doc_no = jreq(b, "doc_no", &r->e),
		.decided_on = jreq(b, "decided_on", &r->e),
		.scope = jreq(b, "scope", &r->e),
		.covers_chief = json_is_boolean(cc) ? json_is_true(cc) : -1,
	};
	if (err_isset(&r->e))
		return -1;
	if (cc && !json_is_boolean(cc))
		return err_set(&r->e, 422, "invalid_value", "covers_chief", "covers_chief 应为布尔值",
			       "covers_chief is a boolean");
	if (in.institution_id <= 0)
		return err_set(&r->e, 422, "missing_field", "institution_id", "缺少企业",
			       "institution_id is required");
	db *d = api_db(r);
	json_t *o = d ? post_trial_add(d, &r->who, &in, &r->e) : NULL;
	return o ? req_reply(r, 201, o) : -1;
}

int h_post_trial_revoke(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	const char *reason = jreq(b, "reason", &r->e), *doc = jstr(b, "doc_no", &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? post_trial_revoke(d, &r->who, id, doc, reason, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_posts(req *r)
{
	return api_list_spec(r, &post_def_list);
}

int h_post_add(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	json_t *conds = json_object_get(b, "conditions");
	if (conds && (!json_is_array(conds) || json_array_size(conds) > POST_MAX_CONDITIONS))
		return err_set(&r->e, 422, "invalid_value", "conditions", "conditions 应为至多 16 项的数组",
			       "conditions is an array of at most 16 items");
	size_t nc = conds ? json_array_size(conds) : 0;
	struct post_condition *c = arena_array(r->a, nc ? nc : 1, sizeof *c);
	for (size_t i = 0; i < nc; i++) {
		json_t *x = json_array_get(conds, i);
		c[i] = (struct post_condition){.text = json_string_value(json_object_get(x, "text")),
					       .source = json_string_value(json_object_get(x, "source"))};
	}
	struct post_def_input in = {
		.rung = jreq(b, "rung", &r->e),
		.name = jreq(b, "name", &r->e),
		.seats = jint(b, "seats", 0, &r->e),
		.term_months = jint(b, "term_months", 0, &r->e),
		.min_rung = jreq(b, "min_rung", &r->e),
		.conditions = c,
		.nconditions = nc,
		.reference_post = jreq(b, "reference_post", &r->e),
		.reference_pay_fen = jint(b, "reference_pay_fen", 0, &r->e),
		.monthly_pay_fen = jint(b, "monthly_pay_fen", 0, &r->e),
		.monthly_allowance_fen = jint(b, "monthly_allowance_fen", 0, &r->e),
		.one_off_fen = jint(b, "one_off_fen", 0, &r->e),
		.benefits = jstr(b, "benefits", &r->e),
	};
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? post_def_add(d, &r->who, &in, &r->e) : NULL;
	return o ? req_reply(r, 201, o) : -1;
}

int h_post_round_add(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	json_t *criteria = json_object_get(b, "criteria"), *examiners = json_object_get(b, "examiners");
	size_t nc = json_is_array(criteria) ? json_array_size(criteria) : 0,
	       ne = json_is_array(examiners) ? json_array_size(examiners) : 0;
	if (nc > POST_MAX_CRITERIA)
		nc = POST_MAX_CRITERIA + 1; /* refused by the use case, without reading the rest */
	struct post_criterion *c = arena_array(r->a, nc ? nc : 1, sizeof *c);
	for (size_t i = 0; i < nc && i < json_array_size(criteria); i++) {
		json_t *x = json_array_get(criteria, i), *star = json_object_get(x, "star");
		c[i] = (struct post_criterion){.name = json_string_value(json_object_get(x, "name")),
					       .points = number_or_nan(json_object_get(x, "points")),
					       .stage = json_string_value(json_object_get(x, "stage")),
					       .star = json_is_boolean(star) ? json_is_true(star) : -1};
	}
	if (ne > 64)
		return err_set(&r->e, 422, "panel_too_large", "examiners", "评审组人数过多",
			       "the panel is too large");
	int64_t *ex = arena_array(r->a, ne ? ne : 1, sizeof *ex);
	for (size_t i = 0; i < ne; i++)
		ex[i] = json_integer_value(json_array_get(examiners, i));
	struct post_round_input in = {
		.post_id = jint(b, "post_id", 0, &r->e),
		.name = jreq(b, "name", &r->e),
		.pass_score = number_or_nan(json_object_get(b, "pass_score")),
		.criteria = c,
		.ncriteria = nc,
		.examiners = ex,
		.nexaminers = ne,
		.spread_pct = number_or_nan(json_object_get(b, "spread_pct")),
	};
	if (err_isset(&r->e))
		return -1;
	if (in.post_id <= 0)
		return err_set(&r->e, 422, "missing_field", "post_id", "缺少岗位", "post_id is required");
	db *d = api_db(r);
	json_t *o = d ? post_round_add(d, &r->who, &in, &r->e) : NULL;
	return o ? req_reply(r, 201, o) : -1;
}

int h_post_round_get(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	json_t *o = d ? post_round_json(d, &r->who, id, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_post_round_move(req *r)
{
	struct api_move m;
	if (api_move_input(r, &m))
		return -1;
	json_t *o = post_round_move(m.d, &r->who, m.id, m.to, m.reason, &r->e);
	return o ? req_reply(r, 200, o) : -1;
}

int h_post_apply(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	int64_t person = jint(b, "person_id", 0, &r->e);
	const char *ach = jstr(b, "achievements", &r->e);
	if (err_isset(&r->e))
		return -1;
	if (person <= 0 && r->who.role != ROLE_CANDIDATE)
		return err_set(&r->e, 422, "missing_field", "person_id", "缺少申报人",
			       "person_id is required");
	db *d = api_db(r);
	json_t *o = d ? post_apply(d, &r->who, id, person > 0 ? person : 0, ach, &r->e) : NULL;
	return o ? req_reply(r, 201, o) : -1;
}

int h_post_score(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	json_t *s = json_object_get(b, "scores");
	size_t n = json_is_array(s) ? json_array_size(s) : 0;
	if (n > POST_MAX_CRITERIA)
		n = POST_MAX_CRITERIA + 1;
	double *sc = arena_array(r->a, n ? n : 1, sizeof *sc);
	for (size_t k = 0; k < n; k++)
		sc[k] = number_or_nan(json_array_get(s, k));
	db *d = api_db(r);
	json_t *o = d ? post_score(d, &r->who, id, json_is_array(s) ? sc : NULL, n, &r->e) : NULL;
	return o ? req_reply(r, 201, o) : -1;
}

int h_post_appointments(req *r)
{
	return api_list_spec(r, &post_appt_list);
}

int h_post_appraisal_put(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	int64_t year = jint(b, "year_no", 0, &r->e);
	const char *result = jreq(b, "result", &r->e), *remark = jstr(b, "remark", &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? post_appraisal_put(d, &r->who, id, year, result, remark, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_post_appt_move(req *r)
{
	struct api_move m;
	if (api_move_input(r, &m))
		return -1;
	json_t *o = post_appt_move(m.d, &r->who, m.id, m.to, m.reason, &r->e);
	return o ? req_reply(r, 200, o) : -1;
}

int h_post_publish(req *r)
{
	db *d = api_db(r);
	json_t *o = d ? post_publish(d, &r->who, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_public_posts(req *r)
{
	db *d = api_db(r);
	json_t *o = d ? post_public_json(d, req_query(r, "rung"), req_query(r, "region_code"), &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_post_reviews(req *r)
{
	db *d = api_db(r);
	json_t *o = d ? post_reviews_json(d, &r->who, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_post_mine(req *r)
{
	db *d = api_db(r);
	json_t *o = d ? post_mine_json(d, &r->who, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}
