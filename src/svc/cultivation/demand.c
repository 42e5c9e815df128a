/* demand.c: 岗位需求 → 培训班 / 订单班 — the rules as data, a class answering postings with the places it
 * pledges, the postings with the classes that answer them (demand.h) */
#include "util/common.h"
#include "svc/cultivation/demand.h"
#include "core/date.h"
#include "core/demand.h"
#include "core/scope.h"
#include "svc/base/scope.h"
#include "svc/base/tx.h"

/* ---- the rules ---- */

static json_t *rule_view(db_stmt *st)
{
	return json_pack("{s:s,s:I,s:I,s:I,s:s,s:s}", "key", db_text(st, 0), "value",
			 (json_int_t)db_int(st, 1), "min", (json_int_t)db_int(st, 2), "max",
			 (json_int_t)db_int(st, 3), "name", db_text(st, 4), "source", db_text(st, 5));
}

json_t *demand_rules_json(db *d, const principal *a, err *e)
{
	if (!role_in(a, R_ADMINS | R_INST))
		return err_set(e, 403, "forbidden", NULL, "无权查看以需定培规则",
			       "not allowed to read the rules"),
		       NULL;
	json_t *items = rows_json(db_query(d,
					   "SELECT key, value, min_value, max_value, name_zh, source FROM "
					   "demand_rules ORDER BY key",
					   NULL, 0, e),
				  rule_view, e);
	return items ? json_pack("{s:o}", "items", items) : NULL;
}

static int load_rules(db *d, struct demand_rules *r, err *e)
{
	*r = (struct demand_rules){1, 1, 100};
	db_stmt *st = db_query(d, "SELECT key, value FROM demand_rules", NULL, 0, e);
	while (st && db_step(st) == DB_ROW) {
		const char *k = db_text(st, 0);
		int64_t v = db_int(st, 1);
		if (!strcmp(k, "match_occupation"))
			r->match_occupation = v;
		else if (!strcmp(k, "same_city"))
			r->same_city = v;
		else if (!strcmp(k, "cover_max_pct"))
			r->cover_max_pct = v;
	}
	return st ? db_finish(st, e) : -1;
}

struct rules_ctx {
	const struct demand_rule_value *v;
	size_t n;
	const char *grounds;
};

static int rules_work(tx *t, void *ctx, err *e)
{
	struct rules_ctx *c = ctx;
	json_t *changes = json_object();
	int64_t now = now_s();
	for (size_t i = 0; i < c->n; i++) {
		int64_t n = db_run(
			t->d,
			"UPDATE demand_rules SET value = $2, updated_by = $3, updated_at = $4 WHERE "
			"key = $1 AND $2 BETWEEN min_value AND max_value",
			DB_ARGS(DV_S(c->v[i].key), DV_I(c->v[i].value), DV_I(t->a->user_id), DV_I(now)), e);
		if (n < 0) {
			json_decref(changes);
			return -1;
		}
		if (n == 0) {
			json_decref(changes);
			return err_set(e, 422, "invalid_value", c->v[i].key, "规则 %s 不存在或取值超出范围",
				       "rule %s is unknown or its value is out of range", c->v[i].key);
		}
		json_object_set_new(changes, c->v[i].key, json_integer(c->v[i].value));
	}
	tx_audit_key(t, "demand.rules", "demand_rules", "demand_rules",
		     json_pack("{s:o,s:s}", "values", changes, "grounds", c->grounds));
	return 0;
}

json_t *demand_rules_put(db *d, const principal *a, const struct demand_rule_value *v, size_t n,
			 const char *grounds, err *e)
{
	if (a->role != ROLE_PROVINCE_ADMIN)
		return err_set(e, 403, "forbidden", NULL, "以需定培规则由省人社厅设定",
			       "the province sets the rules"),
		       NULL;
	if (!n)
		return err_set(e, 422, "missing_field", "values", "请给出要修改的规则",
			       "give the rules to set"),
		       NULL;
	if (check_text(grounds, "grounds", 200, true, e))
		return NULL;
	struct rules_ctx c = {.v = v, .n = n, .grounds = grounds};
	return svc_tx(d, a, rules_work, &c, e) ? NULL : demand_rules_json(d, a, e);
}

/* ---- answering ---- */

struct target_facts {
	int64_t inst, capacity, pledged;
	char region[16], occupation[32], name[160];
	bool running;
};

/* the target's facts: its institution (the training institution, the 订单班's school), region, occupation
 * (the course's, the major's), capacity (places, planned students), places already pledged */
static int load_target(db *d, const char *kind, int64_t id, struct target_facts *f, err *e)
{
	memset(f, 0, sizeof *f);
	const char *sql =
		!strcmp(kind, "class")
			? "SELECT c.institution_id, i.region_code, t.occupation_code, c.capacity, t.title, "
			  "CASE WHEN c.ends_on >= $2 THEN 1 ELSE 0 END FROM training_classes c JOIN "
			  "training_courses t ON t.id = c.course_id JOIN institutions i ON i.id = "
			  "c.institution_id WHERE c.id = $1"
			: "SELECT oc.school_id, oc.region_code, COALESCE(m.occupation_code, ''), oc.planned, "
			  "oc.name, CASE WHEN oc.status = 'running' AND $2 = $2 THEN 1 ELSE 0 END FROM "
			  "cult_order_classes oc JOIN cult_majors m ON m.id = oc.major_id WHERE oc.id = $1";
	char today[11];
	date_format(date_today_utc8(), today);
	db_stmt *st = db_query(d, sql, DB_ARGS(DV_I(id), DV_S(today)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		f->inst = db_int(st, 0);
		snprintf(f->region, sizeof f->region, "%s", db_text(st, 1));
		snprintf(f->occupation, sizeof f->occupation, "%s", db_text(st, 2));
		f->capacity = db_int(st, 3);
		snprintf(f->name, sizeof f->name, "%s", db_text(st, 4));
		f->running = db_int(st, 5) != 0;
	}
	db_done(st);
	if (row < 0)
		return -1;
	if (row == 0)
		return err_set(e, 404, "not_found", "target_id", "培训班或订单班不存在", "no such class");
	return db_one_int(d,
			  "SELECT COALESCE(SUM(places), 0) FROM demand_answers WHERE target_kind = $1 AND "
			  "target_id = $2",
			  DB_ARGS(DV_S(kind), DV_I(id)), &f->pledged, e) == DB_OK
		       ? 0
		       : -1;
}

/* who answers with a class: the province or the city of the class's institution (SE_INSTITUTION write), or
 * the institution's own administrator and staff; out of reach: 404 */
static int may_answer(const principal *a, const struct target_facts *f, err *e)
{
	if (role_in(a, R_INST) && a->institution_id == f->inst)
		return 0;
	scope_owner o = {.found = true, .institution_id = f->inst};
	snprintf(o.region, sizeof o.region, "%s", f->region);
	if (role_in(a, R_ADMINS) && scope_decide(a, SE_INSTITUTION, &o, SCOPE_WRITE) == 0)
		return 0;
	return err_set(e, 404, "not_found", "target_id", "未找到本单位、本地区的该培训班或订单班",
		       "no such class of yours or in your region");
}

struct answer_ctx {
	const struct demand_answer_input *in;
	struct demand_rules rules;
	int64_t id;
	json_t *answers;
};

static int answer_work(tx *t, void *ctx, err *e)
{
	struct answer_ctx *c = ctx;
	const struct demand_answer_input *in = c->in;
	json_decref(c->answers);
	c->answers = json_array();
	c->id = in->target_id;
	bool is_class = !strcmp(in->kind, "class");
	if (!c->id && is_class) {
		c->id = training_class_create(t->d, t->a, in->course_id, &in->new_class, e);
		if (c->id <= 0)
			return -1;
	} else if (!c->id) {
		json_t *o = order_class_create(t->d, t->a, &in->new_order, e);
		if (!o)
			return -1;
		c->id = json_integer_value(json_object_get(o, "id"));
		json_decref(o);
	}
	/* the class first, then each posting: their rows locked (a no-op update) so that two answers at once
	 * cannot pledge the same places twice */
	if (db_run(t->d,
		   is_class ? "UPDATE training_classes SET capacity = capacity WHERE id = $1"
			    : "UPDATE cult_order_classes SET planned = planned WHERE id = $1",
		   DB_ARGS(DV_I(c->id)), e) < 0)
		return -1;
	struct target_facts f;
	if (load_target(t->d, in->kind, c->id, &f, e) || may_answer(t->a, &f, e))
		return -1;
	if (!f.running)
		return err_set(e, 409, "class_closed", "target_id", "培训班已结束或订单班已结业",
			       "the class is over");
	char today[11];
	date_format(date_today_utc8(), today);
	int64_t now = now_s();
	bool bureau = role_in(t->a, R_ADMINS);
	/* a 订单班 the bureau opens answers its partner enterprise's own postings: the enterprise must be the
	 * posting's employer (by its registered name, as postings carry it) */
	char partner[200] = "";
	if (!in->target_id && !is_class && bureau) {
		db_stmt *ps = db_query(t->d, "SELECT name FROM institutions WHERE id = $1",
				       DB_ARGS(DV_I(in->new_order.enterprise_id)), e);
		int prow = ps ? db_row(ps, e) : -1;
		if (prow == 1)
			snprintf(partner, sizeof partner, "%s", db_text(ps, 0));
		db_done(ps);
		if (prow < 0)
			return -1;
	}
	for (size_t i = 0; i < in->n; i++) {
		const struct demand_pledge *pl = &in->pledges[i];
		if (db_run(t->d, "UPDATE job_postings SET vacancies = vacancies WHERE id = $1",
			   DB_ARGS(DV_I(pl->posting_id)), e) < 0)
			return -1;
		db_stmt *st = db_query(
			t->d,
			"SELECT jp.occupation_code, jp.region_code, jp.posted_on, COALESCE(jp.closed_on, "
			"''), "
			"jp.vacancies, (SELECT COALESCE(SUM(da.places), 0) FROM demand_answers da WHERE "
			"da.posting_id = jp.id), (SELECT COUNT(*) FROM demand_answers da WHERE da.posting_id "
			"= "
			"jp.id AND da.target_kind = $2 AND da.target_id = $3), jp.title, jp.employer FROM "
			"job_postings jp "
			"WHERE jp.id = $1",
			DB_ARGS(DV_I(pl->posting_id), DV_S(in->kind), DV_I(c->id)), e);
		int row = st ? db_row(st, e) : -1;
		char occ[32] = "", region[16] = "", posted[11] = "", closed[11] = "", title[160] = "",
		     employer[200] = "";
		int64_t vac = 0, pledged = 0, dup = 0;
		if (row == 1) {
			snprintf(occ, sizeof occ, "%s", db_text(st, 0));
			snprintf(region, sizeof region, "%s", db_text(st, 1));
			snprintf(posted, sizeof posted, "%s", db_text(st, 2));
			snprintf(closed, sizeof closed, "%s", db_text(st, 3));
			vac = db_int(st, 4);
			pledged = db_int(st, 5);
			dup = db_int(st, 6);
			snprintf(title, sizeof title, "%s", db_text(st, 7));
			snprintf(employer, sizeof employer, "%s", db_text(st, 8));
		}
		db_done(st);
		if (row < 0)
			return -1;
		/* a posting the caller cannot see (another city's, for a city or an institution) is not found
		 */
		if (row == 0 ||
		    (t->a->role != ROLE_PROVINCE_ADMIN &&
		     strncmp(region, bureau ? t->a->region : f.region, bureau ? strlen(t->a->region) : 4)))
			return err_set(e, 404, "not_found", "posting_id", "岗位 %lld 不存在",
				       "no posting %lld", (long long)pl->posting_id);
		if (partner[0] && strcmp(partner, employer))
			return err_set(
				e, 409, "not_posting_employer", "enterprise_id",
				"人社部门开设的订单班应由岗位 %lld 的招聘企业（%s）合作",
				"the bureau's order class is run with the employer of posting %lld (%s)",
				(long long)pl->posting_id, employer);
		if (dup)
			return err_set(e, 409, "already_answered", "posting_id", "该班级已答复岗位 %lld",
				       "the class answers posting %lld already", (long long)pl->posting_id);
		struct demand_posting p = {occ, region, posted, closed, vac, pledged};
		struct demand_target tg = {f.occupation, f.region, f.capacity, f.pledged};
		enum demand_refusal why = demand_answer_check(&c->rules, &p, &tg, pl->places, today);
		if (why != DR_OK) {
			/* both messages name the posting; the Chinese one is written after err_set (its
			 * formats take the same arguments) */
			err_set(e, why == DR_PLACES ? 422 : 409, demand_refusal_code(why), "places", "",
				"posting %lld: %s", (long long)pl->posting_id, demand_refusal_en(why));
			snprintf(e->zh, sizeof e->zh, "岗位 %lld：%s", (long long)pl->posting_id,
				 demand_refusal_zh(why));
			return -1;
		}
		int64_t aid = 0;
		if (db_one_int(
			    t->d,
			    "INSERT INTO demand_answers (posting_id, target_kind, target_id, institution_id, "
			    "region_code, places, opened_by, created_by, created_at) VALUES "
			    "($1,$2,$3,$4,$5,$6,$7,$8,$9) RETURNING id",
			    DB_ARGS(DV_I(pl->posting_id), DV_S(in->kind), DV_I(c->id), DV_I(f.inst),
				    DV_S(f.region), DV_I(pl->places), DV_S(bureau ? "bureau" : "institution"),
				    DV_I(t->a->user_id), DV_I(now)),
			    &aid, e) != DB_OK)
			return -1;
		f.pledged += pl->places;
		json_array_append_new(c->answers,
				      json_pack("{s:I,s:I,s:s,s:I,s:I,s:I}", "id", (json_int_t)aid,
						"posting_id", (json_int_t)pl->posting_id, "title", title,
						"places", (json_int_t)pl->places, "vacancies",
						(json_int_t)vac, "covered",
						(json_int_t)demand_covered(vac, pledged + pl->places)));
	}
	tx_audit(t, "demand.answer", is_class ? "training_class" : "order_class", c->id,
		 json_pack("{s:O,s:b,s:s}", "answers", c->answers, "opened", in->target_id == 0, "by",
			   bureau ? "bureau" : "institution"));
	return 0;
}

json_t *demand_answer(db *d, const principal *a, const struct demand_answer_input *in, err *e)
{
	if (!role_in(a, R_ADMINS | R_INST))
		return err_set(e, 403, "forbidden", NULL, "岗位需求由人社部门或培训机构、院校答复",
			       "the bureau or the institution answers job demand"),
		       NULL;
	if (!in->kind || (strcmp(in->kind, "class") && strcmp(in->kind, "order_class")))
		return err_set(e, 422, "invalid_value", "kind",
			       "kind 应为 class（培训班）或 order_class（订单班）",
			       "kind is class or order_class"),
		       NULL;
	if (!in->n)
		return err_set(e, 422, "missing_field", "postings", "请选择要答复的岗位",
			       "give the postings answered"),
		       NULL;
	for (size_t i = 0; i < in->n; i++)
		for (size_t j = 0; j < i; j++)
			if (in->pledges[i].posting_id == in->pledges[j].posting_id)
				return err_set(e, 422, "invalid_value", "postings", "岗位 %lld 重复",
					       "posting %lld is repeated",
					       (long long)in->pledges[i].posting_id),
				       NULL;
	struct answer_ctx c = {.in = in};
	if (load_rules(d, &c.rules, e))
		return NULL;
	if (svc_tx(d, a, answer_work, &c, e)) {
		json_decref(c.answers);
		return NULL;
	}
	return json_pack("{s:s,s:I,s:b,s:o}", "kind", in->kind, "id", (json_int_t)c.id, "opened",
			 in->target_id == 0, "answers", c.answers);
}

/* ---- the postings and their answers ---- */

static json_t *answer_view(db_stmt *st)
{
	const char *k = db_text(st, 1);
	return json_pack("{s:I,s:s,s:s,s:I,s:s,s:I,s:s,s:I,s:s,s:s}", "posting_id", (json_int_t)db_int(st, 0),
			 "kind", k, "kind_zh", !strcmp(k, "class") ? "培训班" : "订单班", "target_id",
			 (json_int_t)db_int(st, 2), "name", db_text(st, 3), "institution_id",
			 (json_int_t)db_int(st, 4), "institution_name", db_text(st, 5), "places",
			 (json_int_t)db_int(st, 6), "opened_by", db_text(st, 7), "title", db_text(st, 8));
}

#define ANSWER_SQL                                                                                           \
	"SELECT da.posting_id, da.target_kind, da.target_id, CASE WHEN da.target_kind = 'class' THEN "       \
	"COALESCE((SELECT t.title FROM training_classes c JOIN training_courses t ON t.id = c.course_id "    \
	"WHERE c.id = da.target_id), '') ELSE COALESCE((SELECT oc.name FROM cult_order_classes oc WHERE "    \
	"oc.id = da.target_id), '') END, da.institution_id, i.name, da.places, da.opened_by, jp.title FROM " \
	"demand_answers da JOIN institutions i ON i.id = da.institution_id JOIN job_postings jp ON jp.id = " \
	"da.posting_id "

/* the region prefix of the postings the caller sees: the province all, a city its own, an institution its
 * city's (the first four digits of its region) */
static int posting_prefix(db *d, const principal *a, char out[16], err *e)
{
	if (role_in(a, R_ADMINS)) {
		snprintf(out, 16, "%s", a->region);
		return 0;
	}
	if (!role_in(a, R_INST) || a->institution_id <= 0)
		return err_set(e, 403, "forbidden", NULL, "无权查看岗位需求",
			       "not allowed to read job demand");
	db_stmt *st = db_query(d, "SELECT region_code FROM institutions WHERE id = $1",
			       DB_ARGS(DV_I(a->institution_id)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1)
		snprintf(out, 16, "%.4s", db_text(st, 0));
	db_done(st);
	return row == 1	 ? 0
	       : row < 0 ? -1
			 : err_set(e, 403, "forbidden", NULL, "无权查看岗位需求", "no institution");
}

json_t *demand_postings_json(db *d, const principal *a, const struct demand_posting_query *q, err *e)
{
	char prefix[16], pat[24], today[11];
	if (posting_prefix(d, a, prefix, e))
		return NULL;
	if (check_text(q->occupation_code, "occupation_code", 20, false, e) ||
	    check_text(q->region_code, "region_code", 12, false, e))
		return NULL;
	if (q->mine && !role_in(a, R_INST))
		return err_set(e, 422, "invalid_value", "mine", "mine 只适用于机构用户",
			       "mine is for institution users"),
		       NULL;
	snprintf(pat, sizeof pat, "%s%%", q->region_code && *q->region_code ? q->region_code : prefix);
	/* a region outside the caller's: its own instead; mine: the postings it answers, wherever they are */
	if (strncmp(pat, prefix, strlen(prefix)))
		snprintf(pat, sizeof pat, "%s%%", prefix);
	if (q->mine)
		snprintf(pat, sizeof pat, "%%");
	date_format(date_today_utc8(), today);
	const char *where =
		" FROM job_postings jp LEFT JOIN occupations o ON o.code = jp.occupation_code WHERE "
		"jp.region_code LIKE $1 AND ($2 = '' OR jp.occupation_code = $2) AND ($3 = 0 OR "
		"(jp.posted_on <= "
		"$4 AND (jp.closed_on IS NULL OR jp.closed_on >= $4))) AND ($5 = 0 OR EXISTS (SELECT 1 FROM "
		"demand_answers dm WHERE dm.posting_id = jp.id AND dm.institution_id = $5))";
	dbv args[] = {DV_S(pat),
		      DV_S(q->occupation_code ? q->occupation_code : ""),
		      DV_I(q->open_only ? 1 : 0),
		      DV_S(today),
		      DV_I(q->mine ? a->institution_id : 0),
		      DV_I(q->limit),
		      DV_I(q->offset)};
	char sql[1600];
	snprintf(sql, sizeof sql,
		 "SELECT COUNT(*), COALESCE(SUM(jp.vacancies), 0), COALESCE(SUM((SELECT SUM(da.places) FROM "
		 "demand_answers da WHERE da.posting_id = jp.id)), 0), COALESCE(SUM(CASE WHEN (SELECT "
		 "SUM(da.places) FROM demand_answers da WHERE da.posting_id = jp.id) > jp.vacancies THEN "
		 "jp.vacancies ELSE (SELECT COALESCE(SUM(da.places), 0) FROM demand_answers da WHERE "
		 "da.posting_id = jp.id) END), 0)%s",
		 where);
	db_stmt *st = db_query(d, sql, args, 5, e);
	int row = st ? db_row(st, e) : -1;
	int64_t total = 0, vac = 0, pledged = 0, covered = 0;
	if (row == 1) {
		total = db_int(st, 0);
		vac = db_int(st, 1);
		pledged = db_int(st, 2);
		covered = db_int(st, 3);
	}
	db_done(st);
	if (row < 0)
		return NULL;
	snprintf(sql, sizeof sql,
		 "SELECT jp.id, jp.source_ref, jp.employer, jp.title, jp.region_code, jp.occupation_code, "
		 "COALESCE(o.name, ''), jp.vacancies, jp.level, jp.posted_on, jp.closed_on, (SELECT "
		 "COALESCE(SUM(da.places), 0) FROM demand_answers da WHERE da.posting_id = jp.id)%s ORDER BY "
		 "jp.posted_on DESC, jp.id DESC LIMIT $6 OFFSET $7",
		 where);
	json_t *items = json_array();
	st = db_query(d, sql, args, 7, e);
	while (st && db_step(st) == DB_ROW) {
		int64_t v = db_int(st, 7), p = db_int(st, 11);
		const char *closed = db_isnull(st, 10) ? NULL : db_text(st, 10);
		json_array_append_new(
			items,
			json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:I,s:o,s:s,s:o,s:b,s:I,s:I,s:I,s:o}", "id",
				  (json_int_t)db_int(st, 0), "source_ref", db_text(st, 1), "employer",
				  db_text(st, 2), "title", db_text(st, 3), "region_code", db_text(st, 4),
				  "occupation_code", db_text(st, 5), "occupation_name", db_text(st, 6),
				  "vacancies", (json_int_t)v, "level",
				  db_isnull(st, 8) ? json_null() : json_integer(db_int(st, 8)), "posted_on",
				  db_text(st, 9), "closed_on", closed ? json_string(closed) : json_null(),
				  "open", demand_posting_open(db_text(st, 9), closed, today), "pledged",
				  (json_int_t)p, "covered", (json_int_t)demand_covered(v, p), "uncovered",
				  (json_int_t)(v - demand_covered(v, p)), "answers", json_array()));
	}
	if (!st || db_finish(st, e)) {
		json_decref(items);
		return NULL;
	}
	/* the answers of the page's postings */
	json_t *x;
	size_t i;
	json_array_foreach(items, i, x)
	{
		json_t *ans =
			rows_json(db_query(d, ANSWER_SQL "WHERE da.posting_id = $1 ORDER BY da.id",
					   DB_ARGS(DV_I(json_integer_value(json_object_get(x, "id")))), e),
				  answer_view, e);
		if (!ans) {
			json_decref(items);
			return NULL;
		}
		json_object_set_new(x, "answers", ans);
	}
	return json_pack("{s:o,s:I,s:{s:I,s:I,s:I}}", "items", items, "total", (json_int_t)total, "totals",
			 "vacancies", (json_int_t)vac, "pledged", (json_int_t)pledged, "covered",
			 (json_int_t)covered);
}

json_t *demand_answers_of(db *d, const principal *a, const char *kind, int64_t id, err *e)
{
	if (!kind || (strcmp(kind, "class") && strcmp(kind, "order_class")))
		return err_set(e, 422, "invalid_value", "kind", "kind 应为 class 或 order_class",
			       "kind is class or order_class"),
		       NULL;
	struct target_facts f;
	if (load_target(d, kind, id, &f, e))
		return NULL;
	/* who reads: the class's institution, the 订单班's partner enterprise, the bureau of its region */
	scope_owner o = {.found = true, .institution_id = f.inst};
	snprintf(o.region, sizeof o.region, "%s", f.region);
	bool partner = false;
	if (!strcmp(kind, "order_class") && role_in(a, R_INST)) {
		int64_t one = 0;
		int rc =
			db_one_int(d, "SELECT 1 FROM cult_order_classes WHERE id = $1 AND enterprise_id = $2",
				   DB_ARGS(DV_I(id), DV_I(a->institution_id)), &one, e);
		if (rc != DB_OK && rc != DB_NOT_FOUND)
			return NULL;
		partner = rc == DB_OK;
	}
	if (!partner && scope_decide(a, SE_INSTITUTION, &o, SCOPE_READ) != 0)
		return err_set(e, 404, "not_found", "target_id", "培训班或订单班不存在", "no such class"),
		       NULL;
	if (!partner && role_in(a, R_INST) && a->institution_id != f.inst)
		return err_set(e, 404, "not_found", "target_id", "培训班或订单班不存在", "no such class"),
		       NULL;
	json_t *items = rows_json(
		db_query(d, ANSWER_SQL "WHERE da.target_kind = $1 AND da.target_id = $2 ORDER BY da.id",
			 DB_ARGS(DV_S(kind), DV_I(id)), e),
		answer_view, e);
	return items ? json_pack("{s:s,s:I,s:s,s:I,s:I,s:o}", "kind", kind, "id", (json_int_t)id, "name",
				 f.name, "capacity", (json_int_t)f.capacity, "pledged", (json_int_t)f.pledged,
				 "items", items)
		     : NULL;
}
