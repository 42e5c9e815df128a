/* calls.c: 平台载体 — the catalogue (types, conditions, grants, fund sources, indicators), the yearly call
 * with its window, types and places, quotas and panel, and the call's moves: review, ranking and 公示, 立项
 * (see projects.h) */
#include "util/common.h"
#include "svc/platform/platform_int.h"
#include "core/date.h"
#include "core/money.h"
#include "core/workdays.h"
#include "svc/base/svc.h"
#include "svc/registry/refdata_load.h"
#include <stdlib.h>

int pf_province_only(const principal *a, err *e)
{
	if (a->role == ROLE_PROVINCE_ADMIN)
		return 0;
	return err_set(e, 403, "forbidden", NULL, "平台载体项目由省级人社部门组织",
		       "the province runs the platform projects");
}

json_t *pf_money_json(int64_t fen)
{
	char b[MONEY_BUF];
	money_format(fen, 0, b, sizeof b);
	return json_string(b);
}

const char *pf_call_status_zh(const char *s)
{
	static const char *const m[][2] = {{"open", "申报中"},
					   {"reviewing", "专家评审"},
					   {"publicity", "公示中"},
					   {"established", "已立项"},
					   {"cancelled", "已取消"}};
	for (size_t i = 0; i < ARRAY_LEN(m); i++)
		if (!strcmp(s, m[i][0]))
			return m[i][1];
	return s;
}

const char *pf_app_status_zh(const char *s)
{
	static const char *const m[][2] = {{"submitted", "已申报"},    {"recommended", "市级已推荐"},
					   {"returned", "市级退回"},   {"selected", "拟立项（公示）"},
					   {"not_selected", "未入选"}, {"established", "已立项"}};
	for (size_t i = 0; i < ARRAY_LEN(m); i++)
		if (!strcmp(s, m[i][0]))
			return m[i][1];
	return s;
}

/* ---- the catalogue ---- */

static json_t *type_view(db_stmt *st)
{
	return json_pack("{s:s,s:s,s:s,s:I,s:s,s:s,s:[],s:[]}", "code", db_text(st, 0), "name",
			 db_text(st, 1), "level", db_text(st, 2), "pass_score", (json_int_t)db_int(st, 3),
			 "source", db_text(st, 4), "gaps", db_text(st, 5), "conditions", "grants");
}

static json_t *cond_view(db_stmt *st)
{
	return json_pack("{s:s,s:s,s:s,s:s,s:s,s:I,s:s,s:s,s:s}", "type_code", db_text(st, 0), "code",
			 db_text(st, 1), "grp", db_text(st, 2), "kind", db_text(st, 3), "fact",
			 db_text(st, 4), "min_value", (json_int_t)db_int(st, 5), "vals", db_text(st, 6),
			 "name", db_text(st, 7), "source", db_text(st, 8));
}

static json_t *grant_view(db_stmt *st)
{
	json_t *o =
		json_pack("{s:s,s:s,s:s,s:b,s:o,s:s,s:s}", "type_code", db_text(st, 0), "grade",
			  db_text(st, 1), "name", db_text(st, 2), "floor", db_int(st, 4) != 0, "state",
			  pf_money_json(db_int(st, 5)), "honour", db_text(st, 6), "source", db_text(st, 7));
	json_object_set_new(o, "amount", db_isnull(st, 3) ? json_null() : pf_money_json(db_int(st, 3)));
	return o;
}

static json_t *fund_view(db_stmt *st)
{
	return json_pack("{s:s,s:s,s:s}", "code", db_text(st, 0), "name", db_text(st, 1), "source",
			 db_text(st, 2));
}

static json_t *ind_view(db_stmt *st)
{
	return json_pack("{s:s,s:s,s:s,s:s,s:I,s:I,s:s}", "code", db_text(st, 0), "name", db_text(st, 1),
			 "types", db_text(st, 2), "measure", db_text(st, 3), "target",
			 (json_int_t)db_int(st, 4), "weight", (json_int_t)db_int(st, 5), "source",
			 db_text(st, 6));
}

static json_t *attach(json_t *types, json_t *rows, const char *key)
{
	size_t i, j;
	json_t *t, *r;
	json_array_foreach(types, i, t)
	{
		const char *code = json_string_value(json_object_get(t, "code"));
		json_array_foreach(rows, j,
				   r) if (!strcmp(code, json_string_value(json_object_get(r, "type_code"))))
			json_array_append(json_object_get(t, key), r);
	}
	json_decref(rows);
	return types;
}

json_t *pf_types_json(db *d, err *e)
{
	json_t *types =
		rows_json(db_query(d,
				   "SELECT code, name, level, pass_score, source, gaps FROM platform_types "
				   "ORDER BY position, code",
				   NULL, 0, e),
			  type_view, e);
	json_t *conds =
		types ? rows_json(db_query(d,
					   "SELECT type_code, code, grp, kind, fact, min_value, vals, "
					   "name, source FROM platform_conditions ORDER BY id",
					   NULL, 0, e),
				  cond_view, e)
		      : NULL;
	json_t *grants = conds ? rows_json(db_query(d,
						    "SELECT type_code, grade, name, amount_fen, floor, "
						    "state_fen, honour, source FROM platform_grants ORDER BY "
						    "type_code, grade",
						    NULL, 0, e),
					   grant_view, e)
			       : NULL;
	json_t *funds =
		grants ? rows_json(db_query(d,
					    "SELECT code, name, source FROM platform_fund_sources ORDER "
					    "BY position",
					    NULL, 0, e),
				   fund_view, e)
		       : NULL;
	json_t *inds = funds ? rows_json(db_query(d,
						  "SELECT code, name, types, measure, target, weight, source "
						  "FROM platform_indicators ORDER BY position",
						  NULL, 0, e),
					 ind_view, e)
			     : NULL;
	if (!inds) {
		json_decref(types);
		json_decref(conds);
		json_decref(grants);
		json_decref(funds);
		return NULL;
	}
	attach(types, conds, "conditions");
	attach(types, grants, "grants");
	return json_pack("{s:o,s:o,s:o}", "items", types, "fund_sources", funds, "indicators", inds);
}

/* ---- calls ---- */

#define CALL_COLS                                                                                            \
	"id, year, title, opens_on, closes_on, min_experts, publicity_days, publicity_until, status, "       \
	"created_at"

int pf_call_load(db *d, int64_t id, struct pf_call *c, err *e)
{
	db_stmt *st =
		db_query(d, "SELECT " CALL_COLS " FROM platform_calls WHERE id = $1", DB_ARGS(DV_I(id)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		memset(c, 0, sizeof *c);
		c->id = db_int(st, 0);
		c->year = db_int(st, 1);
		snprintf(c->title, sizeof c->title, "%s", db_text(st, 2));
		snprintf(c->opens_on, sizeof c->opens_on, "%s", db_text(st, 3));
		snprintf(c->closes_on, sizeof c->closes_on, "%s", db_text(st, 4));
		c->min_experts = db_int(st, 5);
		c->publicity_days = db_int(st, 6);
		snprintf(c->publicity_until, sizeof c->publicity_until, "%s", db_text(st, 7));
		snprintf(c->status, sizeof c->status, "%s", db_text(st, 8));
	}
	db_done(st);
	if (row == 0)
		return err_set(e, 404, "not_found", NULL, "申报通知不存在", "no such call");
	return row == 1 ? 0 : -1;
}

int pf_on_panel(db *d, int64_t call, int64_t user, bool *on, err *e)
{
	int64_t one = 0;
	int rc = db_one_int(d, "SELECT 1 FROM platform_call_experts WHERE call_id = $1 AND user_id = $2",
			    DB_ARGS(DV_I(call), DV_I(user)), &one, e);
	*on = rc == DB_OK;
	return rc == DB_OK || rc == DB_NOT_FOUND ? 0 : -1;
}

static json_t *call_view(db_stmt *st)
{
	return json_pack("{s:I,s:I,s:s,s:s,s:s,s:I,s:I,s:s,s:s,s:s,s:I}", "id", (json_int_t)db_int(st, 0),
			 "year", (json_int_t)db_int(st, 1), "title", db_text(st, 2), "opens_on",
			 db_text(st, 3), "closes_on", db_text(st, 4), "min_experts",
			 (json_int_t)db_int(st, 5), "publicity_days", (json_int_t)db_int(st, 6),
			 "publicity_until", db_text(st, 7), "status", db_text(st, 8), "status_zh",
			 pf_call_status_zh(db_text(st, 8)), "created_at", (json_int_t)db_int(st, 9));
}

struct call_ctx {
	const struct pf_call_input *in;
	int64_t id;
};

static int call_work(tx *t, void *ctx, err *e)
{
	struct call_ctx *c = ctx;
	const struct pf_call_input *in = c->in;
	int64_t n = 0;
	if (db_one_int(t->d, "SELECT COUNT(*) FROM platform_calls WHERE year = $1 AND status <> 'cancelled'",
		       DB_ARGS(DV_I(in->year)), &n, e) != DB_OK)
		return -1;
	if (n)
		return err_set(e, 409, "call_exists", "year", "%lld 年已有申报通知",
			       "a call of %lld is already open or done", (long long)in->year);
	for (size_t i = 0; i < in->nexperts; i++) {
		char role[32] = "";
		db_stmt *st = db_query(t->d, "SELECT role FROM users WHERE id = $1 AND disabled = 0",
				       DB_ARGS(DV_I(in->experts[i])), e);
		int row = st ? db_row(st, e) : -1;
		if (row == 1)
			snprintf(role, sizeof role, "%s", db_text(st, 0));
		db_done(st);
		if (row < 0)
			return -1;
		if (strcmp(role, "examiner"))
			return err_set(e, 422, "invalid_value", "experts", "评审专家 %lld 不是考评人员账户",
				       "expert %lld is not an examiner's account", (long long)in->experts[i]);
	}
	int64_t now = now_s();
	/* a call of the same year made at the same moment passed the count too: the unique index
	 * (migration 070) refuses the second insert */
	int rc = db_one_int(
		t->d,
		"INSERT INTO platform_calls (year, title, opens_on, closes_on, min_experts, "
		"publicity_days, created_by, created_at, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$8) "
		"RETURNING id",
		DB_ARGS(DV_I(in->year), DV_S(in->title), DV_S(in->opens_on), DV_S(in->closes_on),
			DV_I(in->min_experts), DV_I(in->publicity_days), USER_OR_NULL(t->a), DV_I(now)),
		&c->id, e);
	if (rc == DB_CONFLICT) {
		err_clear(e);
		return err_set(e, 409, "call_exists", "year", "%lld 年已有申报通知",
			       "a call of %lld is already open or done", (long long)in->year);
	}
	if (rc != DB_OK)
		return -1;
	for (size_t i = 0; i < in->ntypes; i++)
		if (db_run(t->d,
			   "INSERT INTO platform_call_types (call_id, type_code, places) VALUES ($1,$2,$3)",
			   DB_ARGS(DV_I(c->id), DV_S(in->types[i]), DV_I(in->places[i])), e) != 1)
			return -1;
	for (size_t i = 0; i < in->nexperts; i++)
		if (db_run(t->d, "INSERT INTO platform_call_experts (call_id, user_id) VALUES ($1,$2)",
			   DB_ARGS(DV_I(c->id), DV_I(in->experts[i])), e) != 1)
			return -1;
	tx_audit(t, "platform_call.created", "platform_call", c->id,
		 json_pack("{s:I,s:s,s:s,s:s,s:I,s:I}", "year", (json_int_t)in->year, "title", in->title,
			   "opens_on", in->opens_on, "closes_on", in->closes_on, "types",
			   (json_int_t)in->ntypes, "experts", (json_int_t)in->nexperts));
	return 0;
}

json_t *pf_call_create(db *d, const principal *a, const struct pf_call_input *in, err *e)
{
	if (pf_province_only(a, e) || check_text(in->title, "title", 200, true, e))
		return NULL;
	int o = 0, c = 0;
	if (in->year < 2000 || in->year > 9999) {
		err_set(e, 422, "invalid_value", "year", "年度应为四位年份", "year is a four-digit year");
		return NULL;
	}
	if (!in->opens_on || date_parse(in->opens_on, &o) || !in->closes_on ||
	    date_parse(in->closes_on, &c) || c < o) {
		err_set(e, 422, "invalid_date", "closes_on", "申报期应为 YYYY-MM-DD 起止日期，截止不早于开始",
			"the window is two YYYY-MM-DD dates, closing not before opening");
		return NULL;
	}
	if (in->ntypes == 0) {
		err_set(e, 422, "missing_field", "types", "须列出本次申报的平台类型及名额",
			"name the types the call invites with their places");
		return NULL;
	}
	for (size_t i = 0; i < in->ntypes; i++) {
		int64_t one = 0;
		int rc = db_one_int(d, "SELECT 1 FROM platform_types WHERE code = $1",
				    DB_ARGS(DV_S(in->types[i])), &one, e);
		if (rc != DB_OK && rc != DB_NOT_FOUND)
			return NULL;
		if (rc == DB_NOT_FOUND || in->places[i] <= 0 || in->places[i] > 1000) {
			err_set(e, 422, "invalid_value", "types", "平台类型 %s 不存在或名额不在 1..1000",
				"type %s is unknown or its places are not 1..1000", in->types[i]);
			return NULL;
		}
		for (size_t j = 0; j < i; j++)
			if (!strcmp(in->types[i], in->types[j])) {
				err_set(e, 422, "invalid_value", "types", "平台类型 %s 重复",
					"type %s is listed twice", in->types[i]);
				return NULL;
			}
	}
	struct pf_call_input v = *in;
	if (v.min_experts < 0)
		v.min_experts = 3;
	if (v.publicity_days < 0)
		v.publicity_days = 5;
	if (v.min_experts < 1 || v.min_experts > 15 ||
	    (in->nexperts && (size_t)v.min_experts > in->nexperts)) {
		err_set(e, 422, "invalid_value", "min_experts",
			"每份申报所需评分专家数应在 1 到专家组人数之间",
			"min_experts is 1 to the panel's size");
		return NULL;
	}
	if (v.publicity_days < 1 || v.publicity_days > 30) {
		err_set(e, 422, "invalid_value", "publicity_days", "公示期应为 1 至 30 个工作日",
			"publicity_days is 1 to 30 working days");
		return NULL;
	}
	struct call_ctx cx = {&v, 0};
	if (svc_tx(d, a, call_work, &cx, e))
		return NULL;
	return pf_call_get_json(d, a, cx.id, e);
}

json_t *pf_calls_json(db *d, int64_t year, err *e)
{
	json_t *items =
		rows_json(year > 0 ? db_query(d,
					      "SELECT " CALL_COLS " FROM platform_calls WHERE year = $1 "
					      "ORDER BY id DESC",
					      DB_ARGS(DV_I(year)), e)
				   : db_query(d,
					      "SELECT " CALL_COLS " FROM platform_calls ORDER BY year "
					      "DESC, id DESC",
					      NULL, 0, e),
			  call_view, e);
	return items ? json_pack("{s:o,s:I}", "items", items, "total", (json_int_t)json_array_size(items))
		     : NULL;
}

static json_t *ctype_view(db_stmt *st)
{
	return json_pack("{s:s,s:s,s:I}", "type_code", db_text(st, 0), "name", db_text(st, 1), "places",
			 (json_int_t)db_int(st, 2));
}

static json_t *quota_view(db_stmt *st)
{
	int64_t q = db_int(st, 1), used = db_int(st, 2);
	return json_pack("{s:s,s:I,s:I,s:I}", "region_code", db_text(st, 0), "quota", (json_int_t)q, "used",
			 (json_int_t)used, "left", (json_int_t)(q > used ? q - used : 0));
}

static json_t *expert_view(db_stmt *st)
{
	return json_pack("{s:I,s:s,s:s}", "user_id", (json_int_t)db_int(st, 0), "username", db_text(st, 1),
			 "display_name", db_text(st, 2));
}

static json_t *selected_view(db_stmt *st)
{
	return json_pack("{s:I,s:s,s:s,s:s,s:s,s:I}", "application_id", (json_int_t)db_int(st, 0),
			 "type_code", db_text(st, 1), "name", db_text(st, 2), "institution_name",
			 db_text(st, 3), "region_code", db_text(st, 4), "rank", (json_int_t)db_int(st, 5));
}

json_t *pf_call_get_json(db *d, const principal *a, int64_t id, err *e)
{
	json_t *o = row_json(
		db_query(d, "SELECT " CALL_COLS " FROM platform_calls WHERE id = $1", DB_ARGS(DV_I(id)), e),
		call_view, e);
	if (!o) {
		if (!err_isset(e))
			err_set(e, 404, "not_found", NULL, "申报通知不存在", "no such call");
		return NULL;
	}
	json_t *types =
		rows_json(db_query(d,
				   "SELECT ct.type_code, pt.name, ct.places FROM platform_call_types ct "
				   "JOIN platform_types pt ON pt.code = ct.type_code WHERE ct.call_id = $1 "
				   "ORDER BY pt.position",
				   DB_ARGS(DV_I(id)), e),
			  ctype_view, e);
	json_t *quotas =
		types ? rows_json(
				db_query(d,
					 "SELECT q.region_code, q.quota, (SELECT COUNT(*) FROM "
					 "platform_applications pa WHERE pa.call_id = q.call_id AND "
					 "substr(pa.region_code, 1, 4) = q.region_code AND pa.status NOT IN "
					 "('submitted','returned')) FROM platform_call_quotas q WHERE "
					 "q.call_id = $1 ORDER BY q.region_code",
					 DB_ARGS(DV_I(id)), e),
				quota_view, e)
		      : NULL;
	if (!quotas) {
		json_decref(o);
		json_decref(types);
		return NULL;
	}
	json_object_set_new(o, "types", types);
	json_object_set_new(o, "quotas", quotas);
	if (a && a->role == ROLE_PROVINCE_ADMIN) {
		json_t *ex = rows_json(
			db_query(d,
				 "SELECT u.id, u.username, u.display_name FROM platform_call_experts "
				 "ce JOIN users u ON u.id = ce.user_id WHERE ce.call_id = $1 ORDER BY "
				 "u.id",
				 DB_ARGS(DV_I(id)), e),
			expert_view, e);
		if (!ex) {
			json_decref(o);
			return NULL;
		}
		json_object_set_new(o, "experts", ex);
	}
	const char *status = json_string_value(json_object_get(o, "status"));
	if (!strcmp(status, "publicity") || !strcmp(status, "established")) {
		json_t *sel = rows_json(
			db_query(d,
				 "SELECT pa.id, pa.type_code, pa.name, i.name, pa.region_code, "
				 "pa.rank FROM platform_applications pa JOIN institutions i ON i.id = "
				 "pa.institution_id WHERE pa.call_id = $1 AND pa.status IN "
				 "('selected','established') ORDER BY pa.type_code, pa.rank",
				 DB_ARGS(DV_I(id)), e),
			selected_view, e);
		if (!sel) {
			json_decref(o);
			return NULL;
		}
		json_object_set_new(o, "selected", sel);
	}
	return o;
}

struct quotas_ctx {
	int64_t call;
	const char *const *regions;
	const int64_t *quotas;
	size_t n;
};

static int quotas_work(tx *t, void *ctx, err *e)
{
	struct quotas_ctx *c = ctx;
	struct pf_call call;
	if (pf_call_load(t->d, c->call, &call, e))
		return -1;
	if (strcmp(call.status, "open"))
		return err_set(e, 409, "invalid_state", NULL, "只有申报中的通知可以分配推荐名额",
			       "quotas are set while the call is open");
	if (db_run(t->d, "DELETE FROM platform_call_quotas WHERE call_id = $1", DB_ARGS(DV_I(c->call)), e) <
	    0)
		return -1;
	json_t *det = json_object();
	for (size_t i = 0; i < c->n; i++) {
		int64_t used = 0;
		if (db_one_int(t->d,
			       "SELECT COUNT(*) FROM platform_applications WHERE call_id = $1 AND "
			       "substr(region_code, 1, 4) = $2 AND status = 'recommended'",
			       DB_ARGS(DV_I(c->call), DV_S(c->regions[i])), &used, e) != DB_OK) {
			json_decref(det);
			return -1;
		}
		if (c->quotas[i] < used) {
			json_decref(det);
			return err_set(e, 409, "quota_below_used", "quotas",
				       "%s 已推荐 %lld 项，名额不能少于此数",
				       "%s has recommended %lld: its quota cannot be lower", c->regions[i],
				       (long long)used);
		}
		if (db_run(t->d,
			   "INSERT INTO platform_call_quotas (call_id, region_code, quota) VALUES ($1,$2,$3)",
			   DB_ARGS(DV_I(c->call), DV_S(c->regions[i]), DV_I(c->quotas[i])), e) != 1) {
			json_decref(det);
			return -1;
		}
		json_object_set_new(det, c->regions[i], json_integer(c->quotas[i]));
	}
	tx_audit(t, "platform_call.quotas", "platform_call", c->call, json_pack("{s:o}", "quotas", det));
	return 0;
}

json_t *pf_quotas_put(db *d, const principal *a, int64_t call, const char *const *regions,
		      const int64_t *quotas, size_t n, err *e)
{
	if (pf_province_only(a, e))
		return NULL;
	for (size_t i = 0; i < n; i++) {
		int64_t one = 0;
		char code[16];
		snprintf(code, sizeof code, "%.4s00", regions[i]);
		int rc = strlen(regions[i]) == 4
				 ? db_one_int(d, "SELECT 1 FROM regions WHERE code = $1 AND level = 'city'",
					      DB_ARGS(DV_S(code)), &one, e)
				 : DB_NOT_FOUND;
		if (rc != DB_OK && rc != DB_NOT_FOUND)
			return NULL;
		for (size_t j = 0; j < i && rc == DB_OK; j++)
			if (!strcmp(regions[i], regions[j]))
				rc = DB_NOT_FOUND;
		if (rc == DB_NOT_FOUND) {
			err_set(e, 422, "invalid_region", "quotas", "%s 不是地市代码的前四位，或重复",
				"%s is not a city's four-digit prefix, or repeats", regions[i]);
			return NULL;
		}
	}
	struct quotas_ctx c = {call, regions, quotas, n};
	if (svc_tx(d, a, quotas_work, &c, e))
		return NULL;
	return pf_call_get_json(d, a, call, e);
}

/* ---- moves ---- */

struct move_ctx {
	const struct pf_call *c;
	const char *to;
	const int64_t *ids, *amounts;
	size_t n;
	char until[11];
	int64_t established;
};

/* ranks each type's recommended applications by their mean score (×100), then the earlier application */
static int rank_call(tx *t, struct move_ctx *m, err *e)
{
	int64_t unscored = 0;
	if (db_one_int(t->d,
		       "SELECT COUNT(*) FROM platform_applications pa WHERE pa.call_id = $1 AND pa.status = "
		       "'recommended' AND (SELECT COUNT(*) FROM platform_scores s WHERE s.application_id = "
		       "pa.id) "
		       "< $2",
		       DB_ARGS(DV_I(m->c->id), DV_I(m->c->min_experts)), &unscored, e) != DB_OK)
		return -1;
	if (unscored)
		return err_set(e, 409, "unscored", NULL, "尚有 %lld 份推荐申报的专家评分不足 %lld 份",
			       "%lld recommended applications have fewer than %lld scores",
			       (long long)unscored, (long long)m->c->min_experts);
	db_stmt *st = db_query(
		t->d,
		"SELECT pa.id, pa.type_code, ct.places, (SELECT SUM(s.score) * 100 / COUNT(*) FROM "
		"platform_scores s WHERE s.application_id = pa.id) AS mean FROM "
		"platform_applications pa JOIN platform_call_types ct ON ct.call_id = pa.call_id AND "
		"ct.type_code = pa.type_code WHERE pa.call_id = $1 AND pa.status = 'recommended' "
		"ORDER BY pa.type_code, mean DESC, pa.id",
		DB_ARGS(DV_I(m->c->id)), e);
	if (!st)
		return -1;
	size_t cap = 16, n = 0;
	struct {
		int64_t id, places, mean;
		char type[48];
	} *rows = xcalloc(cap, sizeof *rows);
	while (db_step(st) == DB_ROW) {
		if (n == cap)
			rows = xrealloc(rows, (cap *= 2) * sizeof *rows);
		rows[n].id = db_int(st, 0);
		snprintf(rows[n].type, sizeof rows[n].type, "%s", db_text(st, 1));
		rows[n].places = db_int(st, 2);
		rows[n].mean = db_int(st, 3);
		n++;
	}
	if (db_finish(st, e)) {
		free(rows);
		return -1;
	}
	int64_t rank = 0;
	for (size_t i = 0; i < n; i++) {
		rank = i && !strcmp(rows[i].type, rows[i - 1].type) ? rank + 1 : 1;
		const char *s = rank <= rows[i].places ? "selected" : "not_selected";
		if (db_run(t->d,
			   "UPDATE platform_applications SET status = $2, score_x100 = $3, rank = $4, "
			   "updated_at = $5 WHERE id = $1",
			   DB_ARGS(DV_I(rows[i].id), DV_S(s), DV_I(rows[i].mean), DV_I(rank), DV_I(now_s())),
			   e) != 1) {
			free(rows);
			return -1;
		}
	}
	free(rows);
	return 0;
}

/* the grant of an application at 立项: the rule's amount, or the province's (required without one; at least
 * the floor of a 不低于 amount) */
static int grant_of(tx *t, struct move_ctx *m, int64_t app, const char *type, const char *grade, int64_t *fen,
		    err *e)
{
	db_stmt *st = db_query(t->d,
			       "SELECT amount_fen, floor, name FROM platform_grants WHERE type_code = $1 AND "
			       "grade = $2",
			       DB_ARGS(DV_S(type), DV_S(grade)), e);
	int row = st ? db_row(st, e) : -1;
	bool known = row == 1 && !db_isnull(st, 0), floor = row == 1 && db_int(st, 1);
	int64_t amount = row == 1 ? db_int(st, 0) : 0;
	db_done(st);
	if (row < 0)
		return -1;
	int64_t given = -1;
	for (size_t i = 0; i < m->n; i++)
		if (m->ids[i] == app)
			given = m->amounts[i];
	if (!known) {
		if (given <= 0)
			return err_set(e, 422, "grant_required", "amounts",
				       "申报 %lld 的补助金额种子未规定 [GAP]，立项时须由省级给出",
				       "the seeds set no grant for application %lld [GAP]: name it at 立项",
				       (long long)app);
		*fen = given;
		return 0;
	}
	if (given >= 0 && floor && given < amount)
		return err_set(e, 422, "below_floor", "amounts", "申报 %lld 的奖补资金不低于规定金额",
			       "application %lld's grant is at least the set amount", (long long)app);
	if (given >= 0 && !floor && given != amount)
		return err_set(e, 422, "invalid_value", "amounts", "申报 %lld 的补助金额由规定确定，不能改变",
			       "application %lld's grant is set by the rules", (long long)app);
	*fen = given >= 0 ? given : amount;
	return 0;
}

static int establish_call(tx *t, struct move_ctx *m, err *e)
{
	db_stmt *st = db_query(
		t->d,
		"SELECT id, type_code, grade, institution_id, region_code, name, "
		"COALESCE(lead_person_id, 0) FROM platform_applications WHERE call_id = $1 AND status "
		"= 'selected' ORDER BY id",
		DB_ARGS(DV_I(m->c->id)), e);
	if (!st)
		return -1;
	size_t cap = 8, n = 0;
	struct {
		int64_t id, inst, lead;
		char type[48], grade[32], region[16], name[256];
	} *rows = xcalloc(cap, sizeof *rows);
	while (db_step(st) == DB_ROW) {
		if (n == cap)
			rows = xrealloc(rows, (cap *= 2) * sizeof *rows);
		rows[n].id = db_int(st, 0);
		snprintf(rows[n].type, sizeof rows[n].type, "%s", db_text(st, 1));
		snprintf(rows[n].grade, sizeof rows[n].grade, "%s", db_text(st, 2));
		rows[n].inst = db_int(st, 3);
		snprintf(rows[n].region, sizeof rows[n].region, "%s", db_text(st, 4));
		snprintf(rows[n].name, sizeof rows[n].name, "%s", db_text(st, 5));
		rows[n].lead = db_int(st, 6);
		n++;
	}
	if (db_finish(st, e)) {
		free(rows);
		return -1;
	}
	char today[11];
	date_format(date_today_utc8(), today);
	int64_t now = now_s();
	for (size_t i = 0; i < n; i++) {
		int64_t fen = 0, pid = 0;
		if (grant_of(t, m, rows[i].id, rows[i].type, rows[i].grade, &fen, e) ||
		    db_one_int(
			    t->d,
			    "INSERT INTO platforms (application_id, type_code, grade, institution_id, "
			    "region_code, name, lead_person_id, year, grant_fen, established_on, created_at, "
			    "updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$11) RETURNING id",
			    DB_ARGS(DV_I(rows[i].id), DV_S(rows[i].type), DV_S(rows[i].grade),
				    DV_I(rows[i].inst), DV_S(rows[i].region), DV_S(rows[i].name),
				    rows[i].lead ? DV_I(rows[i].lead) : DV_NULL, DV_I(m->c->year), DV_I(fen),
				    DV_S(today), DV_I(now)),
			    &pid, e) != DB_OK ||
		    db_run(t->d,
			   "UPDATE platform_applications SET status = 'established', updated_at = $2 WHERE "
			   "id = $1",
			   DB_ARGS(DV_I(rows[i].id), DV_I(now)), e) != 1) {
			free(rows);
			return -1;
		}
		char key[24];
		json_t *det = json_pack("{s:I,s:s,s:I}", "application_id", (json_int_t)rows[i].id,
					"type_code", rows[i].type, "grant_fen", (json_int_t)fen);
		int arc = tx_audit_now(t, "platform.established", "platform", id_text(pid, key), det, e);
		json_decref(det);
		if (arc) {
			free(rows);
			return -1;
		}
	}
	m->established = (int64_t)n;
	free(rows);
	return 0;
}

static int move_work(tx *t, void *ctx, err *e)
{
	struct move_ctx *m = ctx;
	struct pf_call cur;
	if (pf_call_load(t->d, m->c->id, &cur, e))
		return -1;
	const char *from = cur.status, *to = m->to;
	bool ok = (!strcmp(from, "open") && !strcmp(to, "reviewing")) ||
		  (!strcmp(from, "reviewing") && !strcmp(to, "publicity")) ||
		  (!strcmp(from, "publicity") && !strcmp(to, "established")) ||
		  ((!strcmp(from, "open") || !strcmp(from, "reviewing")) && !strcmp(to, "cancelled"));
	if (!ok)
		return err_set(e, 409, "invalid_state", "status", "申报通知不能从“%s”转为“%s”",
			       "the call cannot move from %s to %s", pf_call_status_zh(from), to);
	m->until[0] = 0;
	if (!strcmp(to, "publicity")) {
		if (rank_call(t, m, e))
			return -1;
		size_t ncal = 0;
		struct cal_day *cal = calendar_load(t->d, &ncal, e);
		if (!cal && err_isset(e))
			return -1;
		date_format(workdays_end(date_today_utc8(), (int)cur.publicity_days, cal, ncal), m->until);
		free(cal);
	} else if (!strcmp(to, "established")) {
		int end = 0;
		if (date_parse(cur.publicity_until, &end) || date_today_utc8() <= end)
			return err_set(e, 409, "publicity_running", NULL, "公示期至 %s，期满后方可立项",
				       "the 公示 runs until %s: 立项 follows its end", cur.publicity_until);
		if (establish_call(t, m, e))
			return -1;
	}
	if (db_run(t->d,
		   "UPDATE platform_calls SET status = $2, publicity_until = CASE WHEN $3 = '' THEN "
		   "publicity_until ELSE $3 END, updated_at = $4 WHERE id = $1",
		   DB_ARGS(DV_I(cur.id), DV_S(to), DV_S(m->until), DV_I(now_s())), e) != 1)
		return -1;
	static const char *const actions[][2] = {{"reviewing", "platform_call.reviewing"},
						 {"publicity", "platform_call.publicity"},
						 {"established", "platform_call.established"},
						 {"cancelled", "platform_call.cancelled"}};
	const char *action = "platform_call.moved";
	for (size_t i = 0; i < ARRAY_LEN(actions); i++)
		if (!strcmp(to, actions[i][0]))
			action = actions[i][1];
	tx_audit(t, action, "platform_call", cur.id,
		 json_pack("{s:s,s:s,s:s,s:I}", "from", from, "to", to, "publicity_until", m->until,
			   "established", (json_int_t)m->established));
	return 0;
}

json_t *pf_call_move(db *d, const principal *a, int64_t id, const char *to, const int64_t *app_ids,
		     const int64_t *amounts, size_t namounts, err *e)
{
	if (pf_province_only(a, e))
		return NULL;
	struct pf_call c;
	if (pf_call_load(d, id, &c, e))
		return NULL;
	struct move_ctx m = {.c = &c, .to = to, .ids = app_ids, .amounts = amounts, .n = namounts};
	if (svc_tx(d, a, move_work, &m, e))
		return NULL;
	return pf_call_get_json(d, a, id, e);
}
