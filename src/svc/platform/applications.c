/* applications.c: 平台载体 — an institution's application with its conditions decided
 * (core/platform_rules.h), the city's recommendation within its quota, the panel's independent scores with
 * 回避 (see projects.h) */
#include "util/common.h"
#include "svc/platform/platform_int.h"
#include "core/date.h"
#include "core/platform_rules.h"
#include "core/scope.h"
#include "svc/base/scope.h"
#include "svc/base/svc.h"
#include "svc/evaluation/practical.h"
#include "util/arena.h"
#include <stdlib.h>

#define PF_MAX_CONDS 16

struct cond_row {
	char code[48], grp[32], kind[16], fact[48], vals[160], name[160], source[400];
	int64_t min;
};

static bool in_list(const char *vals, const char *s)
{
	size_t n = strlen(s);
	for (const char *p = vals; *p;) {
		const char *q = strchr(p, '|');
		size_t k = q ? (size_t)(q - p) : strlen(p);
		if (k == n && !memcmp(p, s, n))
			return true;
		if (!q)
			break;
		p = q + 1;
	}
	return false;
}

/* the lead master's facts: the best valid level held (1..5, 0 none) and the honours (title and kind) */
struct lead_facts {
	int64_t best_level;
	char honours[16][2][96];
	int nhonours;
};

static int lead_load(db *d, int64_t person, struct lead_facts *lf, err *e)
{
	memset(lf, 0, sizeof *lf);
	if (person <= 0)
		return 0;
	int rc = db_one_int(
		d,
		"SELECT COALESCE(MIN(level), 0) FROM certificates WHERE person_id = $1 AND status = "
		"'valid' AND level BETWEEN 1 AND 5",
		DB_ARGS(DV_I(person)), &lf->best_level, e);
	if (rc != DB_OK)
		return -1;
	db_stmt *st = db_query(d, "SELECT title, kind FROM person_honours WHERE person_id = $1 ORDER BY id",
			       DB_ARGS(DV_I(person)), e);
	while (st && db_step(st) == DB_ROW && lf->nhonours < 16) {
		snprintf(lf->honours[lf->nhonours][0], 96, "%s", db_text(st, 0));
		snprintf(lf->honours[lf->nhonours][1], 96, "%s", db_text(st, 1));
		lf->nhonours++;
	}
	return st ? db_finish(st, e) : -1;
}

static bool lead_holds(const struct lead_facts *lf, const char *vals)
{
	for (int i = 0; i < lf->nhonours; i++)
		if (in_list(vals, lf->honours[i][0]) || in_list(vals, lf->honours[i][1]))
			return true;
	return false;
}

/* the applicant institution: its region and type; 422 unknown_institution */
static int inst_load(db *d, int64_t id, char region[16], char type[32], err *e)
{
	db_stmt *st =
		db_query(d, "SELECT region_code, type FROM institutions WHERE id = $1", DB_ARGS(DV_I(id)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		snprintf(region, 16, "%s", db_text(st, 0));
		snprintf(type, 32, "%s", db_text(st, 1));
	}
	db_done(st);
	if (row == 0)
		return err_set(e, 422, "unknown_institution", "institution_id", "申报单位不存在",
			       "no such institution");
	return row == 1 ? 0 : -1;
}

struct decision {
	bool ok;
	json_t *checks;
	char fail_zh[400], fail_en[400], fail_code[48];
	char region[16];
	int64_t inst;
};

/* who applies for which institution: an institution administrator for its own; the province or a city (the
 * check only) for an institution it reads */
static int applicant(db *d, const principal *a, const struct pf_app_input *in, bool apply, int64_t *inst,
		     err *e)
{
	if (a->role == ROLE_INSTITUTION_ADMIN) {
		if (in->institution_id > 0 && in->institution_id != a->institution_id)
			return err_set(e, 403, "forbidden", "institution_id", "只能以本单位名义申报",
				       "you apply for your own institution only");
		*inst = a->institution_id;
		return 0;
	}
	if (apply || (a->role != ROLE_PROVINCE_ADMIN && a->role != ROLE_CITY_ADMIN))
		return err_set(e, 403, "forbidden", NULL, "平台载体由申报单位提出申请",
			       "the applicant institution applies");
	if (in->institution_id <= 0)
		return err_set(e, 422, "missing_field", "institution_id", "须指明申报单位",
			       "name the applicant institution");
	*inst = in->institution_id;
	return scope_check(d, a, SE_INSTITUTION, *inst, SCOPE_READ, "institution_id", e);
}

static int decide(db *d, const principal *a, int64_t call_id, const struct pf_app_input *in, bool apply,
		  struct decision *dc, err *e)
{
	memset(dc, 0, sizeof *dc);
	if (!in->type_code || !in->type_code[0])
		return err_set(e, 422, "missing_field", "type_code", "须指明平台类型",
			       "type_code is required");
	if (check_text(in->name, "name", 100, true, e) || applicant(d, a, in, apply, &dc->inst, e))
		return -1;
	int64_t places = 0;
	int rc = db_one_int(d, "SELECT places FROM platform_call_types WHERE call_id = $1 AND type_code = $2",
			    DB_ARGS(DV_I(call_id), DV_S(in->type_code)), &places, e);
	if (rc == DB_NOT_FOUND)
		return err_set(e, 422, "invalid_value", "type_code", "本次申报通知不含平台类型 %s",
			       "the call does not invite type %s", in->type_code);
	if (rc != DB_OK)
		return -1;
	char itype[32];
	if (inst_load(d, dc->inst, dc->region, itype, e))
		return -1;
	if (in->lead_person_id > 0) {
		scope_owner o;
		if (scope_load(d, a, SE_PERSON, in->lead_person_id, &o, e))
			return -1;
		if (!o.found || scope_decide(a, SE_PERSON, &o, SCOPE_READ))
			return err_set(e, 422, "unknown_person", "lead_person_id", "领办人不存在或不在本单位",
				       "no such lead person in your reach");
	}
	struct lead_facts lf;
	if (lead_load(d, in->lead_person_id, &lf, e))
		return -1;
	/* the grade names the grant; a grade with an honour needs the lead to hold it */
	const char *grade = in->grade ? in->grade : "";
	db_stmt *st = db_query(d, "SELECT honour FROM platform_grants WHERE type_code = $1 AND grade = $2",
			       DB_ARGS(DV_S(in->type_code), DV_S(grade)), e);
	int row = st ? db_row(st, e) : -1;
	char honour[96] = "";
	if (row == 1)
		snprintf(honour, sizeof honour, "%s", db_text(st, 0));
	db_done(st);
	if (row < 0)
		return -1;
	if (row == 0)
		return err_set(e, 422, "invalid_grade", "grade", "平台类型 %s 没有档次“%s”",
			       "type %s has no grade \"%s\"", in->type_code, grade);
	/* the conditions */
	static __thread struct cond_row cr[PF_MAX_CONDS];
	struct pf_cond c[PF_MAX_CONDS + 1];
	int n = 0;
	st = db_query(
		d,
		"SELECT code, grp, kind, fact, min_value, vals, name, source FROM platform_conditions WHERE "
		"type_code = $1 ORDER BY id",
		DB_ARGS(DV_S(in->type_code)), e);
	while (st && db_step(st) == DB_ROW && n < PF_MAX_CONDS) {
		snprintf(cr[n].code, sizeof cr[n].code, "%s", db_text(st, 0));
		snprintf(cr[n].grp, sizeof cr[n].grp, "%s", db_text(st, 1));
		snprintf(cr[n].kind, sizeof cr[n].kind, "%s", db_text(st, 2));
		snprintf(cr[n].fact, sizeof cr[n].fact, "%s", db_text(st, 3));
		cr[n].min = db_int(st, 4);
		snprintf(cr[n].vals, sizeof cr[n].vals, "%s", db_text(st, 5));
		snprintf(cr[n].name, sizeof cr[n].name, "%s", db_text(st, 6));
		snprintf(cr[n].source, sizeof cr[n].source, "%s", db_text(st, 7));
		n++;
	}
	if (!st || db_finish(st, e))
		return -1;
	for (int i = 0; i < n; i++) {
		c[i] = (struct pf_cond){.grp = cr[i].grp, .min = cr[i].min, .known = true};
		if (!strcmp(cr[i].kind, "fact_min")) {
			c[i].kind = PF_FACT_MIN;
			c[i].known = false;
			for (size_t k = 0; k < in->nfacts; k++)
				if (!strcmp(in->fact_names[k], cr[i].fact)) {
					c[i].have = in->fact_values[k];
					c[i].known = true;
				}
		} else if (!strcmp(cr[i].kind, "lead_level")) {
			c[i].kind = PF_LEAD_LEVEL;
			c[i].known = in->lead_person_id > 0;
			c[i].have = lf.best_level;
		} else if (!strcmp(cr[i].kind, "lead_honour")) {
			c[i].kind = PF_LEAD_HONOUR;
			c[i].known = in->lead_person_id > 0;
			c[i].have = lead_holds(&lf, cr[i].vals);
		} else {
			c[i].kind = PF_APPLICANT_TYPE;
			c[i].have = in_list(cr[i].vals, itype);
		}
	}
	/* the grade's honour is one more condition */
	int ng = n;
	if (honour[0]) {
		c[n] = (struct pf_cond){.kind = PF_LEAD_HONOUR,
					.grp = "",
					.known = in->lead_person_id > 0,
					.have = lead_holds(&lf, honour)};
		n++;
	}
	int failed = -1;
	dc->ok = pf_conditions_decide(c, (size_t)n, &failed);
	dc->checks = json_array();
	for (int i = 0; i < n; i++) {
		char zh[400], en[400];
		const char *name = i < ng ? cr[i].name : "档次所需荣誉",
			   *code = i < ng ? cr[i].code : "grade_honour";
		if (c[i].ok)
			snprintf(zh, sizeof zh, "符合：%s", name), snprintf(en, sizeof en, "met: %s", code);
		else if (!c[i].known)
			snprintf(zh, sizeof zh, "%s：%s", name,
				 c[i].kind == PF_FACT_MIN ? "未申报该项数据" : "未指明领办人"),
				snprintf(en, sizeof en, "%s: %s", code,
					 c[i].kind == PF_FACT_MIN ? "the fact was not declared"
								  : "no lead person named");
		else if (c[i].kind == PF_FACT_MIN)
			snprintf(zh, sizeof zh, "%s：申报 %lld，不足 %lld", name, (long long)c[i].have,
				 (long long)c[i].min),
				snprintf(en, sizeof en, "%s: declared %lld, below %lld", code,
					 (long long)c[i].have, (long long)c[i].min);
		else if (c[i].kind == PF_LEAD_LEVEL)
			snprintf(zh, sizeof zh, "%s：领办人%s", name,
				 c[i].have ? "等级不够" : "未持有有效的职业技能等级证书"),
				snprintf(en, sizeof en, "%s: the lead's best level is %lld", code,
					 (long long)c[i].have);
		else if (c[i].kind == PF_LEAD_HONOUR)
			snprintf(zh, sizeof zh, "%s：领办人未获 %s", name, i < ng ? cr[i].vals : honour),
				snprintf(en, sizeof en, "%s: the lead holds none of %s", code,
					 i < ng ? cr[i].vals : honour);
		else
			snprintf(zh, sizeof zh, "%s：申报单位类型为 %s", name, itype),
				snprintf(en, sizeof en, "%s: the applicant is of type %s", code, itype);
		json_t *x = json_pack("{s:s,s:s,s:s,s:b,s:I,s:b,s:I,s:s,s:s,s:s}", "code", code, "name", name,
				      "grp", i < ng ? cr[i].grp : "", "ok", c[i].ok, "have",
				      (json_int_t)c[i].have, "known", c[i].known, "need",
				      (json_int_t)c[i].min, "reason_zh", zh, "reason_en", en, "source",
				      i < ng ? cr[i].source : "platform_grants.honour");
		json_array_append_new(dc->checks, x);
		if (i == failed) {
			snprintf(dc->fail_zh, sizeof dc->fail_zh, "%s", zh);
			snprintf(dc->fail_en, sizeof dc->fail_en, "%s", en);
			snprintf(dc->fail_code, sizeof dc->fail_code, "%s", code);
		}
	}
	return 0;
}

static json_t *decision_json(struct decision *dc)
{
	return json_pack("{s:b,s:o}", "ok", dc->ok, "checks", dc->checks);
}

json_t *pf_check_json(db *d, const principal *a, int64_t call, const struct pf_app_input *in, err *e)
{
	struct pf_call c;
	struct decision dc;
	if (pf_call_load(d, call, &c, e) || decide(d, a, call, in, false, &dc, e))
		return NULL;
	json_t *o = decision_json(&dc);
	json_object_set_new(o, "call_id", json_integer(call));
	json_object_set_new(o, "type_code", json_string(in->type_code));
	json_object_set_new(o, "institution_id", json_integer(dc.inst));
	return o;
}

struct apply_ctx {
	int64_t call;
	const struct pf_app_input *in;
	struct decision *dc;
	int64_t id;
};

static int apply_work(tx *t, void *ctx, err *e)
{
	struct apply_ctx *c = ctx;
	int64_t one = 0;
	int rc = db_one_int(
		t->d,
		"SELECT 1 FROM platform_applications WHERE call_id = $1 AND type_code = $2 AND "
		"institution_id = $3 AND name = $4",
		DB_ARGS(DV_I(c->call), DV_S(c->in->type_code), DV_I(c->dc->inst), DV_S(c->in->name)), &one,
		e);
	if (rc == DB_OK)
		return err_set(e, 409, "already_applied", "name", "本单位已以此名称申报", "already applied");
	if (rc != DB_NOT_FOUND)
		return -1;
	json_t *facts = json_object();
	for (size_t i = 0; i < c->in->nfacts; i++)
		json_object_set_new(facts, c->in->fact_names[i], json_integer(c->in->fact_values[i]));
	char *ftext = json_dumps(facts, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(facts);
	json_t *dj = json_pack("{s:b,s:O}", "ok", c->dc->ok, "checks", c->dc->checks);
	char *dtext = json_dumps(dj, JSON_COMPACT);
	json_decref(dj);
	int64_t now = now_s();
	rc = db_one_int(
		t->d,
		"INSERT INTO platform_applications (call_id, type_code, grade, institution_id, region_code, "
		"name, lead_person_id, facts, decision, submitted_by, created_at, updated_at) VALUES "
		"($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$11) RETURNING id",
		DB_ARGS(DV_I(c->call), DV_S(c->in->type_code), DV_S(c->in->grade ? c->in->grade : ""),
			DV_I(c->dc->inst), DV_S(c->dc->region), DV_S(c->in->name),
			c->in->lead_person_id > 0 ? DV_I(c->in->lead_person_id) : DV_NULL,
			DV_S(ftext ? ftext : "{}"), DV_S(dtext ? dtext : "{}"), USER_OR_NULL(t->a),
			DV_I(now)),
		&c->id, e);
	free(ftext);
	free(dtext);
	if (rc != DB_OK)
		return -1;
	tx_audit(t, "platform_application.submitted", "platform_application", c->id,
		 json_pack("{s:I,s:s,s:I,s:s}", "call_id", (json_int_t)c->call, "type_code", c->in->type_code,
			   "institution_id", (json_int_t)c->dc->inst, "name", c->in->name));
	return 0;
}

json_t *pf_apply(db *d, const principal *a, int64_t call, const struct pf_app_input *in, err *e)
{
	struct pf_call c;
	struct decision dc;
	if (pf_call_load(d, call, &c, e))
		return NULL;
	if (a->role != ROLE_INSTITUTION_ADMIN) {
		err_set(e, 403, "forbidden", NULL, "平台载体由申报单位提出申请",
			"the applicant institution applies");
		return NULL;
	}
	int today = date_today_utc8(), o = 0, cl = 0;
	if (strcmp(c.status, "open") || date_parse(c.opens_on, &o) || date_parse(c.closes_on, &cl) ||
	    today < o || today > cl) {
		err_set(e, 409, "window_closed", NULL, "不在申报期内（%s 至 %s）",
			"outside the call's window (%s to %s)", c.opens_on, c.closes_on);
		return NULL;
	}
	if (decide(d, a, call, in, true, &dc, e))
		return NULL;
	if (!dc.ok) {
		json_decref(dc.checks);
		err_set(e, 422, "not_eligible", dc.fail_code, "不符合申报条件：%s%.0s",
			"not eligible: %.0s%s", dc.fail_zh, dc.fail_en);
		return NULL;
	}
	struct apply_ctx cx = {call, in, &dc, 0};
	int rc = svc_tx(d, a, apply_work, &cx, e);
	json_decref(dc.checks);
	return rc ? NULL : pf_app_get_json(d, a, cx.id, e);
}

/* ---- reading ---- */

#define APP_COLS                                                                                             \
	"pa.id, pa.call_id, c.year, pa.type_code, pt.name, pa.grade, pa.institution_id, i.name, "            \
	"pa.region_code, pa.name, COALESCE(pa.lead_person_id, 0), COALESCE(lp.name, ''), pa.facts, "         \
	"pa.decision, pa.status, pa.city_opinion, pa.score_x100, pa.rank, pa.created_at, "                   \
	"(SELECT COUNT(*) FROM platform_scores s WHERE s.application_id = pa.id)"
#define APP_FROM                                                                                             \
	" FROM platform_applications pa JOIN platform_calls c ON c.id = pa.call_id JOIN platform_types pt "  \
	"ON pt.code = pa.type_code JOIN institutions i ON i.id = pa.institution_id LEFT JOIN persons lp ON " \
	"lp.id = pa.lead_person_id"

static json_t *app_view(db_stmt *st)
{
	json_t *facts = json_loads(db_text(st, 12), 0, NULL), *dec = json_loads(db_text(st, 13), 0, NULL);
	json_t *o =
		json_pack("{s:I,s:I,s:I,s:s,s:s,s:s,s:I,s:s,s:s,s:s,s:I,s:s,s:o,s:o,s:s,s:s,s:s,s:I,s:I}",
			  "id", (json_int_t)db_int(st, 0), "call_id", (json_int_t)db_int(st, 1), "year",
			  (json_int_t)db_int(st, 2), "type_code", db_text(st, 3), "type_name", db_text(st, 4),
			  "grade", db_text(st, 5), "institution_id", (json_int_t)db_int(st, 6),
			  "institution_name", db_text(st, 7), "region_code", db_text(st, 8), "name",
			  db_text(st, 9), "lead_person_id", (json_int_t)db_int(st, 10), "lead_name",
			  db_text(st, 11), "facts", facts ? facts : json_object(), "decision",
			  dec ? dec : json_object(), "status", db_text(st, 14), "status_zh",
			  pf_app_status_zh(db_text(st, 14)), "city_opinion", db_text(st, 15), "created_at",
			  (json_int_t)db_int(st, 18), "scores", (json_int_t)db_int(st, 19));
	if (db_isnull(st, 16))
		json_object_set_new(o, "score", json_null());
	else
		json_object_set_new(o, "score", json_real((double)db_int(st, 16) / 100.0));
	json_object_set_new(o, "rank", db_isnull(st, 17) ? json_null() : json_integer(db_int(st, 17)));
	return o;
}

static const struct list_filter app_filters[] = {
	{"call_id", "pa.call_id = ?", LIST_ID},
	{"status", "pa.status = ?", LIST_EQ},
	{"type_code", "pa.type_code = ?", LIST_EQ},
	{"region_code", "pa.region_code LIKE ?", LIST_REGION},
	{"institution_id", "pa.institution_id = ?", LIST_ID},
};
static const struct list_sort app_sorts[] = {{"id", "pa.id"}, {"rank", "pa.rank"}};
static const struct export_col app_cols[] = {
	{"id", "编号"},
	{"year", "年度"},
	{"type_name", "平台类型"},
	{"name", "名称"},
	{"institution_name", "申报单位"},
	{"region_code", "地区"},
	{"lead_name", "领办人"},
	{"status_zh", "状态"},
	{"score", "评审得分"},
	{"rank", "排名"},
};
const struct list_spec pf_app_list = {
	.name = "platform_applications",
	.scoped = true,
	.entity = SE_PLATFORM_APPLICATION,
	.count_sql = "SELECT COUNT(*) FROM platform_applications pa",
	.select_sql = "SELECT " APP_COLS APP_FROM,
	.order = "pa.id DESC",
	LIST_FILTERS(app_filters),
	LIST_SORTS(app_sorts),
	.view = app_view,
	LIST_COLS(app_cols),
};

static json_t *score_view(db_stmt *st)
{
	return json_pack("{s:I,s:s,s:I,s:s,s:I}", "expert_id", (json_int_t)db_int(st, 0), "expert",
			 db_text(st, 1), "score", (json_int_t)db_int(st, 2), "comment", db_text(st, 3),
			 "created_at", (json_int_t)db_int(st, 4));
}

json_t *pf_app_get_json(db *d, const principal *a, int64_t id, err *e)
{
	bool expert = false;
	json_t *o = row_json(
		scoped_row(d, a, "SELECT " APP_COLS APP_FROM, "pa.id = ?", id, SE_PLATFORM_APPLICATION, e),
		app_view, e);
	if (!o && !err_isset(e) && a->role == ROLE_EXAMINER) {
		int64_t call = 0;
		int rc = db_one_int(d, "SELECT call_id FROM platform_applications WHERE id = $1",
				    DB_ARGS(DV_I(id)), &call, e);
		if (rc != DB_OK && rc != DB_NOT_FOUND)
			return NULL;
		if (rc == DB_OK && pf_on_panel(d, call, a->user_id, &expert, e))
			return NULL;
		if (expert)
			o = row_json(db_query(d, "SELECT " APP_COLS APP_FROM " WHERE pa.id = $1",
					      DB_ARGS(DV_I(id)), e),
				     app_view, e);
	}
	if (!o) {
		if (!err_isset(e))
			err_set(e, 404, "not_found", NULL, "申报不存在", "no such application");
		return NULL;
	}
	if (a->role == ROLE_PROVINCE_ADMIN || expert) {
		json_t *sc = rows_json(
			expert ? db_query(d,
					  "SELECT s.expert_id, u.username, s.score, s.comment, "
					  "s.created_at FROM platform_scores s JOIN users u ON u.id = "
					  "s.expert_id WHERE s.application_id = $1 AND s.expert_id = $2",
					  DB_ARGS(DV_I(id), DV_I(a->user_id)), e)
			       : db_query(d,
					  "SELECT s.expert_id, u.username, s.score, s.comment, "
					  "s.created_at FROM platform_scores s JOIN users u ON u.id = "
					  "s.expert_id WHERE s.application_id = $1 ORDER BY s.expert_id",
					  DB_ARGS(DV_I(id)), e),
			score_view, e);
		if (!sc) {
			json_decref(o);
			return NULL;
		}
		json_object_set_new(o, "score_list", sc);
	}
	return o;
}

/* ---- the city's recommendation ---- */

struct rec_ctx {
	int64_t id;
	bool recommend;
	const char *opinion;
	int64_t quota, used;
};

static int rec_work(tx *t, void *ctx, err *e)
{
	struct rec_ctx *c = ctx;
	db_stmt *st =
		db_query(t->d,
			 "SELECT pa.call_id, pa.status, pa.region_code, c.status FROM platform_applications "
			 "pa JOIN platform_calls c ON c.id = pa.call_id WHERE pa.id = $1",
			 DB_ARGS(DV_I(c->id)), e);
	int row = st ? db_row(st, e) : -1;
	int64_t call = 0;
	char status[16] = "", region[16] = "", cstatus[16] = "";
	if (row == 1) {
		call = db_int(st, 0);
		snprintf(status, sizeof status, "%s", db_text(st, 1));
		snprintf(region, sizeof region, "%s", db_text(st, 2));
		snprintf(cstatus, sizeof cstatus, "%s", db_text(st, 3));
	}
	db_done(st);
	if (row <= 0)
		return row == 0 ? err_set(e, 404, "not_found", NULL, "申报不存在", "no such application")
				: -1;
	if (strcmp(status, "submitted") || strcmp(cstatus, "open"))
		return err_set(e, 409, "invalid_state", NULL, "只有申报期内待推荐的申报可以推荐或退回",
			       "only a submitted application of an open call is recommended or returned");
	char city[5] = "";
	memcpy(city, region, 4);
	if (c->recommend) {
		/* the quota row first: it serialises the city's recommendations (a row lock on PostgreSQL,
		 * the write lock on SQLite), so two at once cannot both take the last place */
		if (db_run(t->d,
			   "UPDATE platform_call_quotas SET quota = quota WHERE call_id = $1 AND region_code "
			   "= $2",
			   DB_ARGS(DV_I(call), DV_S(city)), e) < 0)
			return -1;
		int rc = db_one_int(
			t->d,
			"SELECT quota FROM platform_call_quotas WHERE call_id = $1 AND region_code = $2",
			DB_ARGS(DV_I(call), DV_S(city)), &c->quota, e);
		if (rc != DB_OK && rc != DB_NOT_FOUND)
			return -1;
		if (db_one_int(t->d,
			       "SELECT COUNT(*) FROM platform_applications WHERE call_id = $1 AND "
			       "substr(region_code, 1, 4) = $2 AND status = 'recommended'",
			       DB_ARGS(DV_I(call), DV_S(city)), &c->used, e) != DB_OK)
			return -1;
		if (c->used >= c->quota)
			return err_set(e, 409, "quota_full", NULL, "%s 本次推荐名额（%lld）已用完",
				       "%s has used its quota (%lld) of the call", city, (long long)c->quota);
	}
	if (db_run(t->d,
		   "UPDATE platform_applications SET status = $2, city_opinion = $3, recommended_at = $4, "
		   "updated_at = $4 WHERE id = $1",
		   DB_ARGS(DV_I(c->id), DV_S(c->recommend ? "recommended" : "returned"),
			   DV_S(c->opinion ? c->opinion : ""), DV_I(now_s())),
		   e) != 1)
		return -1;
	tx_audit(t, c->recommend ? "platform_application.recommended" : "platform_application.returned",
		 "platform_application", c->id,
		 json_pack("{s:s,s:I,s:I,s:s}", "city", city, "quota", (json_int_t)c->quota, "used_before",
			   (json_int_t)c->used, "opinion", c->opinion ? c->opinion : ""));
	return 0;
}

json_t *pf_recommend(db *d, const principal *a, int64_t id, bool recommend, const char *opinion, err *e)
{
	if (a->role != ROLE_CITY_ADMIN) {
		err_set(e, 403, "forbidden", NULL, "由申报单位所在地市人社部门推荐",
			"the applicant's city recommends");
		return NULL;
	}
	if (check_text(opinion, "opinion", 500, !recommend, e) ||
	    scope_check(d, a, SE_PLATFORM_APPLICATION, id, SCOPE_WRITE, NULL, e))
		return NULL;
	struct rec_ctx c = {id, recommend, opinion, 0, 0};
	if (svc_tx(d, a, rec_work, &c, e))
		return NULL;
	return pf_app_get_json(d, a, id, e);
}

/* ---- the panel's scores ---- */

/* the panels' 回避 of an applicant unit (platform_int.h): the expert's account institution or employer */
int pf_same_unit(db *d, int64_t user, int64_t inst, bool *same, err *e)
{
	int64_t n = 0;
	*same = false;
	if (inst <= 0)
		return 0;
	if (db_one_int(
		    d,
		    "SELECT COUNT(*) FROM users u LEFT JOIN persons p ON p.id = u.person_id WHERE u.id = $1 "
		    "AND (u.institution_id = $2 OR p.employer_id = $2)",
		    DB_ARGS(DV_I(user), DV_I(inst)), &n, e) != DB_OK)
		return -1;
	*same = n > 0;
	return 0;
}

struct score_ctx {
	int64_t id, score;
	const char *comment;
};

static int score_work(tx *t, void *ctx, err *e)
{
	struct score_ctx *c = ctx;
	if (db_run(t->d,
		   "INSERT INTO platform_scores (application_id, expert_id, score, comment, created_at) "
		   "VALUES "
		   "($1,$2,$3,$4,$5)",
		   DB_ARGS(DV_I(c->id), DV_I(t->a->user_id), DV_I(c->score),
			   DV_S(c->comment ? c->comment : ""), DV_I(now_s())),
		   e) != 1)
		return -1;
	tx_audit(t, "platform_application.scored", "platform_application", c->id,
		 json_pack("{s:I,s:I}", "expert_id", (json_int_t)t->a->user_id, "score",
			   (json_int_t)c->score));
	return 0;
}

const char *pf_avoid(db *d, arena *ar, int64_t expert, int64_t inst, int64_t lead, err *e)
{
	/* 回避: the lead master's (a declared avoidance or the same employer: the panels' one rule), and the
	 * applicant itself: the expert's institution or employer */
	const char *why = lead ? avoidance_reason(d, ar, expert, lead, e) : NULL;
	if (!why && !err_isset(e)) {
		bool same = false;
		if (!pf_same_unit(d, expert, inst, &same, e) && same)
			why = "与申报单位为同一单位";
	}
	return why;
}

json_t *pf_score(db *d, const principal *a, int64_t id, int64_t score, const char *comment, err *e)
{
	if (a->role != ROLE_EXAMINER) {
		err_set(e, 403, "forbidden", NULL, "由评审专家组的专家独立评分",
			"the call's panel of experts scores");
		return NULL;
	}
	if (check_text(comment, "comment", 500, false, e))
		return NULL;
	if (score < 0 || score > 100) {
		err_set(e, 422, "invalid_value", "score", "评分为 0 至 100 的整数", "a score is 0 to 100");
		return NULL;
	}
	db_stmt *st =
		db_query(d,
			 "SELECT pa.call_id, pa.status, c.status, pa.institution_id, "
			 "COALESCE(pa.lead_person_id, 0) FROM platform_applications pa JOIN platform_calls c "
			 "ON c.id = pa.call_id WHERE pa.id = $1",
			 DB_ARGS(DV_I(id)), e);
	int row = st ? db_row(st, e) : -1;
	int64_t call = 0, inst = 0, lead = 0;
	char status[16] = "", cstatus[16] = "";
	if (row == 1) {
		call = db_int(st, 0);
		snprintf(status, sizeof status, "%s", db_text(st, 1));
		snprintf(cstatus, sizeof cstatus, "%s", db_text(st, 2));
		inst = db_int(st, 3);
		lead = db_int(st, 4);
	}
	db_done(st);
	if (row < 0)
		return NULL;
	bool on = false;
	if (row == 1 && pf_on_panel(d, call, a->user_id, &on, e))
		return NULL;
	if (row == 0 || !on) {
		err_set(e, 404, "not_found", NULL, "申报不存在或您不在其评审专家组",
			"no such application on a panel of yours");
		return NULL;
	}
	if (strcmp(cstatus, "reviewing") || strcmp(status, "recommended")) {
		err_set(e, 409, "invalid_state", NULL, "只有评审阶段的推荐申报可以评分",
			"scores are recorded for recommended applications while the call is in review");
		return NULL;
	}
	arena *ar = arena_new();
	const char *why = pf_avoid(d, ar, a->user_id, inst, lead, e);
	if (why && !err_isset(e))
		err_set(e, 403, "avoidance", NULL, "须回避：%s", "you must abstain from this application: %s",
			why);
	arena_free(ar);
	if (err_isset(e))
		return NULL;
	int64_t one = 0;
	int rc = db_one_int(d, "SELECT 1 FROM platform_scores WHERE application_id = $1 AND expert_id = $2",
			    DB_ARGS(DV_I(id), DV_I(a->user_id)), &one, e);
	if (rc == DB_OK) {
		err_set(e, 409, "already_scored", NULL, "您已独立评分，评分不能修改",
			"you have scored this application (independent scores are not changed)");
		return NULL;
	}
	if (rc != DB_NOT_FOUND)
		return NULL;
	struct score_ctx c = {id, score, comment};
	if (svc_tx(d, a, score_work, &c, e))
		return NULL;
	return pf_app_get_json(d, a, id, e);
}
