/* surveys.c: 满意度调查 — the survey as versioned data, a candidate's one anonymous answer per attempt, and
 * the aggregates with small groups suppressed (see surveys.h) */
#include "util/common.h"
#include "svc/supervision/surveys.h"
#include "core/date.h"
#include "core/scope.h"
#include "crypto/pii.h"
#include "store/query.h"
#include "svc/base/scope.h"
#include "svc/base/svc.h"
#include "svc/base/tx.h"

/* ---- the survey ---- */

json_t *survey_current_json(db *d, err *e)
{
	db_stmt *st =
		db_query(d,
			 "SELECT version, questions, allow_comment, min_count, source FROM survey_versions "
			 "ORDER BY version DESC LIMIT 1",
			 NULL, 0, e);
	int row = st ? db_row(st, e) : -1;
	json_t *o = NULL;
	if (row == 1) {
		json_t *q = json_loads(db_text(st, 1), 0, NULL);
		o = json_pack("{s:I,s:o,s:b,s:I,s:s}", "version", (json_int_t)db_int(st, 0), "questions",
			      q ? q : json_array(), "allow_comment", db_int(st, 2) != 0, "min_count",
			      (json_int_t)db_int(st, 3), "source", db_text(st, 4));
	}
	db_done(st);
	if (row == 0)
		err_set(e, 500, "internal", NULL, "未配置满意度调查", "no survey is configured");
	return o;
}

static bool code_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n < 1 || n > 32)
		return false;
	for (size_t k = 0; k < n; k++)
		if (!((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= '0' && s[k] <= '9') || s[k] == '_'))
			return false;
	return true;
}

struct put_ctx {
	const struct survey_input *in;
	const char *questions;
	int64_t version;
};

static int put_work(tx *t, void *ctx, err *e)
{
	struct put_ctx *c = ctx;
	if (db_one_int(t->d, "SELECT COALESCE(MAX(version), 0) + 1 FROM survey_versions", NULL, 0,
		       &c->version, e) != DB_OK)
		return -1;
	if (db_run(t->d,
		   "INSERT INTO survey_versions (version, questions, allow_comment, min_count, source, "
		   "created_by, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7)",
		   DB_ARGS(DV_I(c->version), DV_S(c->questions), DV_I(c->in->allow_comment ? 1 : 0),
			   DV_I(c->in->min_count), DV_S(c->in->source ? c->in->source : ""),
			   DV_I(t->a->user_id), DV_I(now_s())),
		   e) < 0)
		return -1;
	tx_audit(t, "survey.version", "survey", c->version,
		 json_pack("{s:I,s:I,s:b}", "questions", (json_int_t)c->in->n, "min_count",
			   (json_int_t)c->in->min_count, "allow_comment", c->in->allow_comment));
	return 0;
}

json_t *survey_put(db *d, const principal *a, const struct survey_input *in, err *e)
{
	if (a->role != ROLE_PROVINCE_ADMIN) {
		err_set(e, 403, "forbidden", NULL, "只有省级管理员可以修改满意度调查",
			"only the province edits the survey");
		return NULL;
	}
	if (in->n < 1 || in->n > SURVEY_QUESTIONS_MAX) {
		err_set(e, 422, "invalid_value", "questions", "题目应为 1 至 %d 个",
			"questions must hold 1 to %d entries", SURVEY_QUESTIONS_MAX);
		return NULL;
	}
	if (in->min_count < 3 || in->min_count > 100) {
		err_set(e, 422, "invalid_value", "min_count", "最小展示组数应在 3 至 100 之间",
			"min_count must be 3..100");
		return NULL;
	}
	if (in->source && check_text(in->source, "source", 200, false, e) != 0)
		return NULL;
	json_t *qs = json_array();
	for (size_t k = 0; k < in->n; k++) {
		const struct survey_question *q = &in->questions[k];
		if (!code_ok(q->code)) {
			json_decref(qs);
			err_set(e, 422, "invalid_value", "questions",
				"题目代码应为 1 至 32 个小写字母、数字或下划线",
				"a question code is 1..32 of a-z, 0-9, _");
			return NULL;
		}
		for (size_t j = 0; j < k; j++)
			if (!strcmp(in->questions[j].code, q->code)) {
				json_decref(qs);
				err_set(e, 422, "duplicate", "questions", "题目代码重复：%s",
					"duplicate question code %s", q->code);
				return NULL;
			}
		if (check_text(q->text, "questions", 100, true, e) != 0 ||
		    check_text(q->text_en, "questions", 200, true, e) != 0) {
			json_decref(qs);
			return NULL;
		}
		json_array_append_new(qs, json_pack("{s:s,s:s,s:s}", "code", q->code, "text", q->text,
						    "text_en", q->text_en));
	}
	char *text = json_dumps(qs, JSON_COMPACT);
	json_decref(qs);
	if (!text) {
		err_set(e, 500, "internal", NULL, "内存不足", "out of memory");
		return NULL;
	}
	struct put_ctx c = {.in = in, .questions = text};
	int rc = svc_tx(d, a, put_work, &c, e);
	free(text);
	return rc == 0 ? survey_current_json(d, e) : NULL;
}

/* ---- a candidate's answer ---- */

struct answer_ctx {
	const struct survey_answer *in;
	const char *key, *region, *occupation, *period;
	int64_t version, inst, level;
};

static int answer_work(tx *t, void *ctx, err *e)
{
	struct answer_ctx *c = ctx;
	int64_t n = 0;
	if (db_one_int(t->d, "SELECT COUNT(*) FROM survey_responses WHERE once_key = $1",
		       DB_ARGS(DV_S(c->key)), &n, e) != DB_OK)
		return -1;
	if (n)
		return err_set(e, 409, "survey_answered", NULL,
			       "本场考试的满意度调查已提交，每人只能填写一次",
			       "the survey of this sitting was already answered");
	db_stmt *st = db_query(
		t->d,
		"INSERT INTO survey_responses (once_key, version, institution_id, region_code, "
		"occupation_code, level, period, comment) VALUES ($1,$2,$3,$4,$5,$6,$7,$8) "
		"RETURNING id",
		DB_ARGS(DV_S(c->key), DV_I(c->version), DV_I(c->inst), DV_S(c->region), DV_S(c->occupation),
			DV_I(c->level), DV_S(c->period), DV_S(c->in->comment ? c->in->comment : "")),
		e);
	int row = st ? db_row(st, e) : -1;
	int64_t id = row == 1 ? db_int(st, 0) : 0;
	db_done(st);
	if (!id)
		return err_isset(e) ? -1
				    : err_set(e, 500, "internal", NULL, "答卷未能保存",
					      "the answer could not be saved");
	for (size_t k = 0; k < c->in->n; k++)
		if (db_run(t->d,
			   "INSERT INTO survey_ratings (response_id, question, rating) VALUES ($1,$2,$3)",
			   DB_ARGS(DV_I(id), DV_S(c->in->ratings[k].code), DV_I(c->in->ratings[k].rating)),
			   e) < 0)
			return -1;
	/* the audit record names the institution's group, never who answered or what */
	tx_audit(t, "survey.answer", "survey_response", id,
		 json_pack("{s:I,s:I,s:s}", "version", (json_int_t)c->version, "institution_id",
			   (json_int_t)c->inst, "period", c->period));
	return 0;
}

int survey_answer(db *d, const principal *a, int64_t attempt_id, const struct survey_answer *in, err *e)
{
	if (a->role != ROLE_CANDIDATE || a->person_id <= 0)
		return err_set(e, 403, "forbidden", NULL, "只有参加考试的考生本人可以填写满意度调查",
			       "only the candidate who sat it answers the survey");
	db_stmt *st =
		db_query(d,
			 "SELECT t.status, s.starts_at, p.institution_id, i.region_code, p.occupation_code, "
			 "p.level FROM attempts t JOIN sittings s ON s.id = t.sitting_id JOIN plans p ON "
			 "p.id = s.plan_id JOIN institutions i ON i.id = p.institution_id WHERE t.id = $1 "
			 "AND t.person_id = $2",
			 DB_ARGS(DV_I(attempt_id), DV_I(a->person_id)), e);
	int row = st ? db_row(st, e) : -1;
	char status[16] = "", region[16] = "", occ[40] = "", period[11] = "";
	struct answer_ctx c = {.in = in};
	if (row == 1) {
		snprintf(status, sizeof status, "%s", db_text(st, 0));
		date_format(date_from_days((long)((db_int(st, 1) + 8 * 3600) / 86400)), period);
		period[7] = 0;
		c.inst = db_int(st, 2);
		snprintf(region, sizeof region, "%s", db_text(st, 3));
		snprintf(occ, sizeof occ, "%s", db_text(st, 4));
		c.level = db_int(st, 5);
	}
	db_done(st);
	if (row < 0)
		return -1;
	if (row == 0)
		return err_set(e, 404, "not_found", NULL, "考试记录不存在", "no such attempt");
	if (strcmp(status, "submitted"))
		return err_set(e, 409, "survey_not_sat", NULL, "交卷后才能填写满意度调查",
			       "the survey is answered after the paper is submitted");
	json_t *cur = survey_current_json(d, e);
	if (!cur)
		return -1;
	json_t *qs = json_object_get(cur, "questions");
	int rc = -1;
	c.version = json_integer_value(json_object_get(cur, "version"));
	if (in->n != json_array_size(qs)) {
		err_set(e, 422, "invalid_value", "ratings", "请为每个题目评分（共 %zu 题）",
			"rate every question (%zu)", json_array_size(qs));
		goto out;
	}
	for (size_t k = 0; k < in->n; k++) {
		const struct survey_rating *r = &in->ratings[k];
		bool known = false;
		size_t j;
		json_t *q;
		json_array_foreach(qs, j, q) known |=
			!strcmp(json_string_value(json_object_get(q, "code")), r->code ? r->code : "");
		for (j = 0; j < k; j++)
			known &= strcmp(in->ratings[j].code, r->code) != 0;
		if (!known) {
			err_set(e, 422, "invalid_value", "ratings", "题目不存在或重复：%s",
				"unknown or repeated question %s", r->code ? r->code : "");
			goto out;
		}
		if (r->rating < 1 || r->rating > 5) {
			err_set(e, 422, "invalid_value", "ratings", "评分应为 1 至 5", "a rating is 1..5");
			goto out;
		}
	}
	if (in->comment && *in->comment) {
		if (!json_is_true(json_object_get(cur, "allow_comment"))) {
			err_set(e, 422, "invalid_value", "comment", "本版调查不收集意见",
				"this survey takes no comment");
			goto out;
		}
		if (check_text(in->comment, "comment", SURVEY_COMMENT_MAX, false, e) != 0)
			goto out;
	}
	char idt[24], key[65];
	pii_blind_index("survey.attempt", id_text(attempt_id, idt), key);
	c.key = key;
	c.region = region;
	c.occupation = occ;
	c.period = period;
	/* recorded as the public: the audit archive is read by others, the institution among them */
	principal anon = {.role = ROLE_PUBLIC};
	snprintf(anon.username, sizeof anon.username, "public");
	rc = svc_tx(d, &anon, answer_work, &c, e);
out:
	json_decref(cur);
	return rc;
}

/* ---- aggregates ---- */

static const struct {
	const char *by, *key, *label;
} groupings[] = {
	{"institution", "CAST(sr.institution_id AS TEXT)", "MAX(i.name)"},
	{"occupation", "sr.occupation_code", "MAX(COALESCE(o.name, sr.occupation_code))"},
	{"period", "sr.period", "MAX(sr.period)"},
};

static int add_where(query *q, const principal *a, const struct survey_filter *f, err *e)
{
	scope_where(q, a, SE_SURVEY, SCOPE_READ);
	if (f->institution_id > 0)
		q_and(q, "sr.institution_id = ?", DV_I(f->institution_id));
	if (f->occupation_code && *f->occupation_code)
		q_and(q, "sr.occupation_code = ?", DV_S(f->occupation_code));
	const char *p[2] = {f->period_from, f->period_to};
	const char *name[2] = {"period_from", "period_to"};
	for (int k = 0; k < 2; k++) {
		if (!p[k] || !*p[k])
			continue;
		int ymd;
		char full[16];
		snprintf(full, sizeof full, "%.7s-01", p[k]);
		if (strlen(p[k]) != 7 || date_parse(full, &ymd) != 0)
			return err_set(e, 422, "invalid_value", name[k], "期间应为 YYYY-MM",
				       "%s must be YYYY-MM", name[k]);
		q_and(q, k ? "sr.period <= ?" : "sr.period >= ?", DV_S(p[k]));
	}
	return 0;
}

json_t *survey_results_json(db *d, const principal *a, const struct survey_filter *f, err *e)
{
	const char *by = f->by && *f->by ? f->by : "institution";
	size_t g = 0;
	while (g < ARRAY_LEN(groupings) && strcmp(groupings[g].by, by))
		g++;
	if (g == ARRAY_LEN(groupings)) {
		err_set(e, 422, "invalid_value", "by", "分组应为 institution、occupation 或 period",
			"by must be institution, occupation or period");
		return NULL;
	}
	json_t *cur = survey_current_json(d, e);
	if (!cur)
		return NULL;
	int64_t min = json_integer_value(json_object_get(cur, "min_count"));
	json_t *qs = json_object_get(cur, "questions");
	json_t *groups = json_object(), *order = json_array(), *out = NULL;
	const char *from = " FROM survey_responses sr JOIN institutions i ON i.id = sr.institution_id LEFT "
			   "JOIN occupations o ON o.code = sr.occupation_code";
	/* the groups and their counts */
	query q;
	q_init(&q, "");
	q_sql(&q, "SELECT ");
	q_sql(&q, groupings[g].key);
	q_sql(&q, ", ");
	q_sql(&q, groupings[g].label);
	q_sql(&q, ", COUNT(*), SUM(CASE WHEN sr.comment <> '' THEN 1 ELSE 0 END)");
	q_sql(&q, from);
	int rc = add_where(&q, a, f, e);
	q_sql(&q, " GROUP BY ");
	q_sql(&q, groupings[g].key);
	q_sql(&q, " ORDER BY 1");
	db_stmt *st = rc == 0 ? q_query(d, &q, e) : NULL;
	q_free(&q);
	if (!st)
		goto done;
	while ((rc = db_step(st)) == DB_ROW) {
		int64_t n = db_int(st, 2);
		bool hide = n < min;
		json_t *o = json_pack("{s:s,s:s,s:b,s:o,s:o}", "key", db_text(st, 0), "label",
				      db_text(st, 1) ? db_text(st, 1) : "", "suppressed", hide, "count",
				      hide ? json_null() : json_integer(n), "comments",
				      hide ? json_null() : json_integer(db_int(st, 3)));
		json_t *qa = json_array();
		size_t k;
		json_t *x;
		json_array_foreach(qs, k, x)
		{
			json_t *qo = json_pack("{s:O,s:O,s:O}", "code", json_object_get(x, "code"), "text",
					       json_object_get(x, "text"), "text_en",
					       json_object_get(x, "text_en"));
			if (!hide)
				json_object_set_new(qo, "distribution", json_pack("[iiiii]", 0, 0, 0, 0, 0));
			json_array_append_new(qa, qo);
		}
		json_object_set_new(o, "questions", qa);
		json_object_set(groups, db_text(st, 0), o);
		json_array_append_new(order, o);
	}
	db_done(st);
	if (rc != DB_DONE) {
		db_rc_to_err(d, rc, e);
		goto done;
	}
	/* the distribution of each question's ratings in each group shown */
	q_init(&q, "");
	q_sql(&q, "SELECT ");
	q_sql(&q, groupings[g].key);
	q_sql(&q, ", sq.question, sq.rating, COUNT(*)");
	q_sql(&q, from);
	q_sql(&q, " JOIN survey_ratings sq ON sq.response_id = sr.id");
	rc = add_where(&q, a, f, e);
	q_sql(&q, " GROUP BY ");
	q_sql(&q, groupings[g].key);
	q_sql(&q, ", sq.question, sq.rating");
	st = rc == 0 ? q_query(d, &q, e) : NULL;
	q_free(&q);
	if (!st)
		goto done;
	while ((rc = db_step(st)) == DB_ROW) {
		json_t *o = json_object_get(groups, db_text(st, 0));
		int64_t rating = db_int(st, 2);
		if (!o || json_is_true(json_object_get(o, "suppressed")) || rating < 1 || rating > 5)
			continue;
		size_t k;
		json_t *x;
		json_array_foreach(json_object_get(o, "questions"), k, x)
		{
			if (strcmp(json_string_value(json_object_get(x, "code")), db_text(st, 1)))
				continue;
			json_t *dist = json_object_get(x, "distribution");
			json_array_set_new(
				dist, (size_t)rating - 1,
				json_integer(json_integer_value(json_array_get(dist, (size_t)rating - 1)) +
					     db_int(st, 3)));
		}
	}
	db_done(st);
	if (rc != DB_DONE) {
		db_rc_to_err(d, rc, e);
		goto done;
	}
	/* counts and means from the distributions */
	size_t k;
	json_t *o;
	json_array_foreach(order, k, o)
	{
		size_t j;
		json_t *x;
		json_array_foreach(json_object_get(o, "questions"), j, x)
		{
			json_t *dist = json_object_get(x, "distribution");
			if (!dist)
				continue;
			json_int_t n = 0, sum = 0;
			for (size_t r = 0; r < 5; r++) {
				json_int_t c = json_integer_value(json_array_get(dist, r));
				n += c;
				sum += c * (json_int_t)(r + 1);
			}
			json_object_set_new(x, "count", json_integer(n));
			json_object_set_new(x, "mean",
					    n ? json_real((double)((sum * 100 + n / 2) / n) / 100.0)
					      : json_null());
		}
	}
	out = json_pack("{s:s,s:I,s:I,s:O}", "by", by, "version",
			json_integer_value(json_object_get(cur, "version")), "min_count", (json_int_t)min,
			"items", order);
done:
	json_decref(groups);
	json_decref(order);
	json_decref(cur);
	return out;
}
