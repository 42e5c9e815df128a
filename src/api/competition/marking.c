/* marking.c: 竞赛评分 handlers — the competition's marking rules, an event's scheme, judges, scores, marks,
 * disagreements and the chief expert's sign-off (src/svc/competition/marking.h) */
#include "util/common.h"
#include "api/base/api.h"
#include "api/competition/marking_handlers.h"
#include "svc/base/svc.h"
#include "svc/competition/marking.h"
#include "svc/exam/autosave.h"
#include <math.h>

static int reply(req *r, json_t *o)
{
	return o ? req_reply(r, 200, o) : -1;
}

int h_cm_rules_get(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	return reply(r, d ? cm_rules_json(d, &r->who, id, &r->e) : NULL);
}

static bool jflag(json_t *o, const char *key, bool def, err *e)
{
	return jbool(o, key, def, e) != 0;
}

/* {avoidance: {employer, school, city}, threshold, medals: {gold, silver, bronze, per_mille, medal_min,
 * excellence_min}, publicity_days}: what is absent keeps its current value */
int h_cm_rules_put(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	db *d = b ? api_db(r) : NULL;
	if (!d)
		return -1;
	struct cm_rules cur;
	if (cm_rules_read(d, id, &cur, &r->e) != 0)
		return -1;
	json_t *av = json_object_get(b, "avoidance"), *md = json_object_get(b, "medals");
	if ((av && !json_is_object(av)) || (md && !json_is_object(md)))
		return err_set(&r->e, 422, "invalid_type", av && !json_is_object(av) ? "avoidance" : "medals",
			       "应为对象", "must be an object");
	struct cm_rules in = cur;
	if (av) {
		in.avoid_employer = jflag(av, "employer", cur.avoid_employer, &r->e);
		in.avoid_school = jflag(av, "school", cur.avoid_school, &r->e);
		in.avoid_city = jflag(av, "city", cur.avoid_city, &r->e);
	}
	in.threshold = (int)jint(b, "threshold", cur.threshold, &r->e);
	in.publicity_days = (int)jint(b, "publicity_days", cur.publicity_days, &r->e);
	if (md) {
		in.gold = (int)jint(md, "gold", cur.gold, &r->e);
		in.silver = (int)jint(md, "silver", cur.silver, &r->e);
		in.bronze = (int)jint(md, "bronze", cur.bronze, &r->e);
		in.per_mille = jflag(md, "per_mille", cur.per_mille, &r->e);
		json_t *v = json_object_get(md, "medal_min");
		if (v && !json_is_number(v))
			return err_set(&r->e, 422, "invalid_type", "medal_min", "应为数字",
				       "must be a number");
		in.medal_min = v ? json_number_value(v) : cur.medal_min;
		v = json_object_get(md, "excellence_min");
		if (v && !json_is_number(v))
			return err_set(&r->e, 422, "invalid_type", "excellence_min", "应为数字",
				       "must be a number");
		in.excellence_min = v ? json_number_value(v) : cur.excellence_min;
	}
	if (err_isset(&r->e))
		return -1;
	return reply(r, cm_rules_put(d, &r->who, id, &in, &r->e));
}

int h_cm_scheme_get(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	return reply(r, d ? cm_scheme_json(d, &r->who, id, &r->e) : NULL);
}

static int bad(req *r, const char *field, const char *zh, const char *en)
{
	return err_set(&r->e, 422, "invalid_type", field, "%s%.0s", "%.0s%s", zh, en);
}

/* {modules: [{code, name, sub_criteria: [{code, name, aspects: [{code, description, kind, max, nominal?,
 * bands?: [{tol, pct}], descriptors?: [4 texts]}]}]}]} — the shape GET answers */
int h_cm_scheme_put(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	json_t *ms = json_object_get(b, "modules");
	if (!json_is_array(ms))
		return bad(r, "modules", "modules 应为数组", "modules must be an array");
	size_t nm = json_array_size(ms), na = 0;
	if (nm > MARKING_MAX_MODULES)
		return err_set(&r->e, 422, "invalid_value", "modules", "模块最多 %d 个", "at most %d modules",
			       MARKING_MAX_MODULES);
	struct cm_module_in *mods = arena_array(r->a, nm + 1, sizeof *mods);
	struct cm_aspect_in *as = arena_array(r->a, CM_MAX_ASPECTS + 1, sizeof *as);
	size_t i, j, k;
	json_t *m, *s, *x;
	json_array_foreach(ms, i, m)
	{
		if (!json_is_object(m))
			return bad(r, "modules", "modules 的每项应为对象", "modules must hold objects");
		mods[i] = (struct cm_module_in){jstr(m, "code", &r->e), jstr(m, "name", &r->e)};
		json_t *subs = json_object_get(m, "sub_criteria");
		if (!json_is_array(subs))
			return bad(r, "sub_criteria", "sub_criteria 应为数组",
				   "sub_criteria must be an array");
		json_array_foreach(subs, j, s)
		{
			json_t *xs = json_object_get(s, "aspects");
			if (!json_is_object(s) || !json_is_array(xs))
				return bad(r, "aspects", "每个分项应为含 aspects 数组的对象",
					   "each sub-criterion is an object with an aspects array");
			json_array_foreach(xs, k, x)
			{
				if (na >= CM_MAX_ASPECTS)
					return err_set(&r->e, 422, "invalid_value", "aspects",
						       "评分细则最多 %d 项", "at most %d aspects",
						       CM_MAX_ASPECTS);
				if (!json_is_object(x))
					return bad(r, "aspects", "aspects 的每项应为对象",
						   "aspects must hold objects");
				struct cm_aspect_in *a = &as[na++];
				a->module = mods[i].code;
				a->sub_code = jstr(s, "code", &r->e);
				a->sub_name = jstr(s, "name", &r->e);
				a->code = jstr(x, "code", &r->e);
				a->description = jstr(x, "description", &r->e);
				a->kind = jstr(x, "kind", &r->e);
				json_t *mx = json_object_get(x, "max"), *nom = json_object_get(x, "nominal");
				if (!json_is_number(mx))
					return bad(r, "max", "max（分值）应为数字",
						   "max (marks) must be a number");
				double cm = json_number_value(mx) * 100.0;
				if (fabs(cm - round(cm)) > 1e-6 || cm <= 0 || cm > 10000)
					return err_set(
						&r->e, 422, "invalid_value", "max",
						"评分细则分值应为 0.01 至 100，最多两位小数",
						"an aspect's max is 0.01..100 with at most two decimals");
				a->max_cm = (int64_t)llround(cm);
				if (nom && !json_is_number(nom))
					return bad(r, "nominal", "nominal 应为数字",
						   "nominal must be a number");
				a->nominal = nom ? json_number_value(nom) : 0;
				json_t *bs = json_object_get(x, "bands"),
				       *ds = json_object_get(x, "descriptors");
				if (bs && !json_is_array(bs))
					return bad(r, "bands", "bands 应为数组", "bands must be an array");
				size_t q;
				json_t *y;
				json_array_foreach(bs, q, y)
				{
					if (q >= MARKING_MAX_BANDS)
						return err_set(&r->e, 422, "invalid_value", "bands",
							       "公差带最多 %d 个", "at most %d bands",
							       MARKING_MAX_BANDS);
					json_t *tol = json_object_get(y, "tol"),
					       *pct = json_object_get(y, "pct");
					if (!json_is_number(tol) || !json_is_integer(pct))
						return bad(r, "bands", "公差带应为 {tol: 数字, pct: 整数}",
							   "a band is {tol: number, pct: integer}");
					a->bands[q].tol = json_number_value(tol);
					a->bands[q].pct = (int)json_integer_value(pct);
					a->nbands = (int)q + 1;
				}
				if (ds && (!json_is_array(ds) || json_array_size(ds) != 4))
					return bad(r, "descriptors",
						   "descriptors 应为 4 段文字（0、1、2、3 分）",
						   "descriptors must be 4 texts (scores 0, 1, 2, 3)");
				for (int t = 0; ds && t < 4; t++)
					a->descriptors[t] = json_string_value(json_array_get(ds, (size_t)t));
			}
		}
	}
	if (err_isset(&r->e))
		return -1;
	struct cm_scheme_in in = {mods, nm, as, na};
	db *d = api_db(r);
	return reply(r, d ? cm_scheme_put(d, &r->who, id, &in, &r->e) : NULL);
}

int h_cm_judges_list(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	return reply(r, d ? cm_judges_json(d, &r->who, id, &r->e) : NULL);
}

/* {user_id, chief?, employer_id?, school_id?, city_code?} */
int h_cm_judge_assign(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	struct cm_judge_in in = {
		.user_id = jint(b, "user_id", 0, &r->e),
		.chief = jbool(b, "chief", 0, &r->e) != 0,
		.employer_id = jint(b, "employer_id", 0, &r->e),
		.school_id = jint(b, "school_id", 0, &r->e),
		.city_code = jstr(b, "city_code", &r->e),
	};
	if (err_isset(&r->e))
		return -1;
	if (in.user_id <= 0)
		return err_set(&r->e, 422, "missing_field", "user_id", "缺少 user_id", "user_id is required");
	db *d = api_db(r);
	json_t *o = d ? cm_judge_assign(d, &r->who, id, &in, &r->e) : NULL;
	return o ? req_reply(r, 201, o) : -1;
}

/* on the group committer, straight in its batch's transaction: the save and its audit record */
static int scores_work(db *conn, void *ctx, err *e)
{
	return cm_scores_run(conn, ctx, true, e);
}

/* on the group committer, once the batch holding the save has committed (or failed) */
static void scores_done(struct autosave_job *j)
{
	req *r = j->owner;
	if (j->status == 200)
		req_reply(r, 200, cm_scores_result(j->ctx));
	else if (err_isset(&j->error))
		r->e = j->error;
	else
		err_set(&r->e, 503, "db_retry", NULL, "评分未能确认保存，请重试（评分可重复提交）",
			"the scores could not be confirmed as saved; retry (saves are idempotent)");
	cm_scores_free(j->ctx);
	req_complete(r);
}

/* {scores: [{entry_id, aspect, value, seq}], reason?} */
int h_cm_scores_save(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	json_t *ss = json_object_get(b, "scores");
	if (!json_is_array(ss))
		return bad(r, "scores", "scores 应为数组", "scores must be an array");
	size_t n = json_array_size(ss);
	if (n > CM_MAX_SCORES)
		return err_set(&r->e, 422, "invalid_value", "scores", "每次最多保存 %d 个评分",
			       "a save holds at most %d scores", CM_MAX_SCORES);
	struct cm_score_in *in = arena_array(r->a, n + 1, sizeof *in);
	size_t k;
	json_t *x;
	json_array_foreach(ss, k, x)
	{
		json_t *v = json_object_get(x, "value");
		if (!json_is_object(x) || !json_is_number(v))
			return bad(r, "scores", "每个评分应为 {entry_id, aspect, value: 数字, seq}",
				   "each score is {entry_id, aspect, value: number, seq}");
		in[k] = (struct cm_score_in){jint(x, "entry_id", 0, &r->e), jstr(x, "aspect", &r->e),
					     json_number_value(v), jint(x, "seq", 0, &r->e)};
	}
	const char *reason = jstr(b, "reason", &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	struct cm_scores_job *job =
		d ? cm_scores_prepare(d, &r->who, id, in, n, reason && *reason ? reason : NULL, &r->e) : NULL;
	if (!job)
		return -1;
	/* the write goes through the group committer (svc/exam/autosave.h): the saves of many judges share
	 * one transaction and one fsync instead of one each; the reply waits for the batch's commit */
	struct autosave_job *j = arena_zalloc(r->a, sizeof *j);
	j->kind = AUTOSAVE_WORK;
	j->work = scores_work;
	j->done = scores_done;
	j->ctx = job;
	j->owner = r;
	req_defer(r);
	if (autosave_enqueue(server_conf->db_url, j, &r->e) != 0) {
		req_undefer(r);
		cm_scores_free(job);
		return -1;
	}
	return 0;
}

int h_cm_marks(req *r)
{
	int64_t id = req_param_id(r, 0), entry = 0;
	const char *q = req_query(r, "entry_id");
	if (q && *q) {
		char *end;
		long long v = strtoll(q, &end, 10);
		if (*end || v <= 0)
			return err_set(&r->e, 422, "invalid_value", "entry_id", "参赛选手编号无效",
				       "entry_id must be a positive integer");
		entry = v;
	}
	db *d = id > 0 ? api_db(r) : NULL;
	return reply(r, d ? cm_marks_json(d, &r->who, id, entry, &r->e) : NULL);
}

int h_cm_disagreements(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	return reply(r, d ? cm_disagreements_json(d, &r->who, id, &r->e) : NULL);
}

int h_cm_signoff(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	return reply(r, d ? cm_signoff(d, &r->who, id, &r->e) : NULL);
}
