/* projects.c: 平台载体 after 立项 — the projects, the grant's tranches (财政's co-approval, payment into the
 * province's ledger), the activity log, the yearly 绩效考核, 验收 or 撤销 with the recovery (see projects.h)
 */
#include "util/common.h"
#include "svc/platform/platform_int.h"
#include "core/date.h"
#include "core/money.h"
#include "core/platform_rules.h"
#include "core/scope.h"
#include "svc/base/scope.h"
#include "svc/base/svc.h"
#include "svc/training/ledger.h"
#include <stdlib.h>

static const char *pf_status_zh(const char *s)
{
	return !strcmp(s, "established") ? "建设中"
	       : !strcmp(s, "accepted")	 ? "已验收"
	       : !strcmp(s, "revoked")	 ? "已撤销"
					 : s;
}

static const char *tranche_status_zh(const char *s)
{
	return !strcmp(s, "proposed")	? "待财政会签"
	       : !strcmp(s, "approved") ? "财政已同意"
	       : !strcmp(s, "withheld") ? "财政暂缓"
	       : !strcmp(s, "paid")	? "已拨付"
					: s;
}

/* ---- the projects ---- */

#define PF_COLS                                                                                              \
	"pf.id, pf.application_id, pf.type_code, pt.name, pf.grade, pf.institution_id, i.name, "             \
	"pf.region_code, pf.name, COALESCE(pf.lead_person_id, 0), COALESCE(lp.name, ''), pf.year, "          \
	"pf.grant_fen, pf.established_on, pf.status, pf.closed_on, pf.close_reason, pf.recovered_fen, "      \
	"(SELECT COALESCE(SUM(t.amount_fen), 0) FROM platform_tranches t WHERE t.platform_id = pf.id AND "   \
	"t.status = 'paid')"
#define PF_FROM                                                                                              \
	" FROM platforms pf JOIN platform_types pt ON pt.code = pf.type_code JOIN institutions i ON i.id = " \
	"pf.institution_id LEFT JOIN persons lp ON lp.id = pf.lead_person_id"

static json_t *pf_view(db_stmt *st)
{
	return json_pack(
		"{s:I,s:I,s:s,s:s,s:s,s:I,s:s,s:s,s:s,s:I,s:s,s:I,s:o,s:s,s:s,s:s,s:s,s:s,s:o,s:o}", "id",
		(json_int_t)db_int(st, 0), "application_id", (json_int_t)db_int(st, 1), "type_code",
		db_text(st, 2), "type_name", db_text(st, 3), "grade", db_text(st, 4), "institution_id",
		(json_int_t)db_int(st, 5), "institution_name", db_text(st, 6), "region_code", db_text(st, 7),
		"name", db_text(st, 8), "lead_person_id", (json_int_t)db_int(st, 9), "lead_name",
		db_text(st, 10), "year", (json_int_t)db_int(st, 11), "grant", pf_money_json(db_int(st, 12)),
		"established_on", db_text(st, 13), "status", db_text(st, 14), "status_zh",
		pf_status_zh(db_text(st, 14)), "closed_on", db_text(st, 15), "close_reason", db_text(st, 16),
		"recovered", pf_money_json(db_int(st, 17)), "paid", pf_money_json(db_int(st, 18)));
}

static const struct list_filter pf_filters[] = {
	{"type_code", "pf.type_code = ?", LIST_EQ},
	{"status", "pf.status = ?", LIST_EQ},
	{"region_code", "pf.region_code LIKE ?", LIST_REGION},
	{"year", "pf.year = ?", LIST_ID},
	{"institution_id", "pf.institution_id = ?", LIST_ID},
};
static const struct list_sort pf_sorts[] = {{"id", "pf.id"}, {"year", "pf.year"}};
static const struct export_col pf_cols[] = {
	{"id", "编号"},		  {"type_name", "平台类型"},
	{"name", "名称"},	  {"institution_name", "依托单位"},
	{"region_code", "地区"},  {"lead_name", "领办人"},
	{"year", "立项年度"},	  {"grant", "补助（元）"},
	{"paid", "已拨付（元）"}, {"status_zh", "状态"},
};
const struct list_spec pf_list = {
	.name = "platforms",
	.scoped = true,
	.entity = SE_PLATFORM,
	.count_sql = "SELECT COUNT(*) FROM platforms pf",
	.select_sql = "SELECT " PF_COLS PF_FROM,
	.order = "pf.id DESC",
	LIST_FILTERS(pf_filters),
	LIST_SORTS(pf_sorts),
	.view = pf_view,
	LIST_COLS(pf_cols),
};

#define TR_COLS                                                                                              \
	"t.id, t.platform_id, pf.name, pt.name, i.name, t.seq, t.amount_fen, t.fund_source, fs.name, "       \
	"t.note, t.status, t.finance_note, t.finance_at, COALESCE(t.accrue_entry, 0), "                      \
	"COALESCE(t.pay_entry, 0), t.paid_at, t.created_at"
#define TR_FROM                                                                                              \
	" FROM platform_tranches t JOIN platforms pf ON pf.id = t.platform_id JOIN platform_types pt ON "    \
	"pt.code = pf.type_code JOIN institutions i ON i.id = pf.institution_id JOIN platform_fund_sources " \
	"fs ON fs.code = t.fund_source"

static json_t *tr_view(db_stmt *st)
{
	return json_pack("{s:I,s:I,s:s,s:s,s:s,s:I,s:o,s:s,s:s,s:s,s:s,s:s,s:s,s:I,s:I,s:I,s:I,s:I}", "id",
			 (json_int_t)db_int(st, 0), "platform_id", (json_int_t)db_int(st, 1), "platform_name",
			 db_text(st, 2), "type_name", db_text(st, 3), "institution_name", db_text(st, 4),
			 "seq", (json_int_t)db_int(st, 5), "amount", pf_money_json(db_int(st, 6)),
			 "fund_source", db_text(st, 7), "fund_source_name", db_text(st, 8), "note",
			 db_text(st, 9), "status", db_text(st, 10), "status_zh",
			 tranche_status_zh(db_text(st, 10)), "finance_note", db_text(st, 11), "finance_at",
			 (json_int_t)db_int(st, 12), "accrue_entry", (json_int_t)db_int(st, 13), "pay_entry",
			 (json_int_t)db_int(st, 14), "paid_at", (json_int_t)db_int(st, 15), "created_at",
			 (json_int_t)db_int(st, 16));
}

static const struct list_filter tr_filters[] = {
	{"status", "t.status = ?", LIST_EQ},
	{"platform_id", "t.platform_id = ?", LIST_ID},
};
static const struct export_col tr_cols[] = {
	{"id", "编号"},	       {"platform_name", "平台"},    {"institution_name", "依托单位"},
	{"seq", "期次"},       {"amount", "金额（元）"},     {"fund_source_name", "资金来源"},
	{"status_zh", "状态"}, {"finance_note", "财政意见"},
};
static int tr_where(struct query *w, const principal *a, const char *const *vals, err *e)
{
	UNUSED(w);
	UNUSED(vals);
	/* the grant's tranches are the province's and 财政's business; an institution reads its own through
	 * its project */
	if (a->role == ROLE_PROVINCE_ADMIN || a->role == ROLE_FINANCE)
		return 0;
	return err_set(e, 403, "forbidden", NULL, "拨付分期由省级人社部门与财政部门办理",
		       "the province and 财政 handle the tranches");
}
const struct list_spec pf_tranche_list = {
	.name = "platform_tranches",
	.scoped = true,
	.entity = SE_PLATFORM,
	.count_sql = "SELECT COUNT(*) FROM platform_tranches t JOIN platforms pf ON pf.id = t.platform_id",
	.select_sql = "SELECT " TR_COLS TR_FROM,
	.order = "t.id",
	LIST_FILTERS(tr_filters),
	.view = tr_view,
	.where = tr_where,
	LIST_COLS(tr_cols),
};

static json_t *act_view(db_stmt *st)
{
	return json_pack("{s:I,s:s,s:s,s:s,s:I,s:I,s:s,s:I}", "id", (json_int_t)db_int(st, 0), "kind",
			 db_text(st, 1), "occurred_on", db_text(st, 2), "title", db_text(st, 3), "quantity",
			 (json_int_t)db_int(st, 4), "person_id", (json_int_t)db_int(st, 5), "person_name",
			 db_text(st, 6), "created_at", (json_int_t)db_int(st, 7));
}

static json_t *appr_view(db_stmt *st)
{
	json_t *ind = json_loads(db_text(st, 2), 0, NULL);
	return json_pack("{s:I,s:I,s:o,s:I,s:b,s:I}", "id", (json_int_t)db_int(st, 0), "year",
			 (json_int_t)db_int(st, 1), "indicators", ind ? ind : json_array(), "score",
			 (json_int_t)db_int(st, 3), "passed", db_int(st, 4) != 0, "created_at",
			 (json_int_t)db_int(st, 5));
}

static json_t *rec_view(db_stmt *st)
{
	return json_pack("{s:I,s:s,s:o,s:s,s:I,s:I}", "id", (json_int_t)db_int(st, 0), "fund_source",
			 db_text(st, 1), "amount", pf_money_json(db_int(st, 2)), "reason", db_text(st, 3),
			 "recover_entry", (json_int_t)db_int(st, 4), "created_at", (json_int_t)db_int(st, 5));
}

json_t *pf_get_json(db *d, const principal *a, int64_t id, err *e)
{
	json_t *o = row_json(scoped_row(d, a, "SELECT " PF_COLS PF_FROM, "pf.id = ?", id, SE_PLATFORM, e),
			     pf_view, e);
	if (!o) {
		if (!err_isset(e))
			err_set(e, 404, "not_found", NULL, "平台载体不存在", "no such platform");
		return NULL;
	}
	json_t *tr =
		rows_json(db_query(d, "SELECT " TR_COLS TR_FROM " WHERE t.platform_id = $1 ORDER BY t.seq",
				   DB_ARGS(DV_I(id)), e),
			  tr_view, e);
	json_t *ac =
		tr ? rows_json(
			     db_query(d,
				      "SELECT a.id, a.kind, a.occurred_on, a.title, a.quantity, "
				      "COALESCE(a.person_id, 0), COALESCE(p.name, ''), a.created_at FROM "
				      "platform_activities a LEFT JOIN persons p ON p.id = a.person_id WHERE "
				      "a.platform_id = $1 ORDER BY a.occurred_on, a.id",
				      DB_ARGS(DV_I(id)), e),
			     act_view, e)
		   : NULL;
	json_t *ap = ac ? rows_json(db_query(d,
					     "SELECT id, year, indicators, score, passed, created_at FROM "
					     "platform_appraisals WHERE platform_id = $1 ORDER BY year",
					     DB_ARGS(DV_I(id)), e),
				    appr_view, e)
			: NULL;
	json_t *rc =
		ap ? rows_json(
			     db_query(d,
				      "SELECT id, fund_source, amount_fen, reason, recover_entry, created_at "
				      "FROM platform_recoveries WHERE platform_id = $1 ORDER BY id",
				      DB_ARGS(DV_I(id)), e),
			     rec_view, e)
		   : NULL;
	if (!rc) {
		json_decref(o);
		json_decref(tr);
		json_decref(ac);
		json_decref(ap);
		return NULL;
	}
	json_object_set_new(o, "tranches", tr);
	json_object_set_new(o, "activities", ac);
	json_object_set_new(o, "appraisals", ap);
	json_object_set_new(o, "recoveries", rc);
	return o;
}

static json_t *public_view(db_stmt *st)
{
	json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:I,s:s,s:s}", "id", (json_int_t)db_int(st, 0),
			      "type_code", db_text(st, 1), "type_name", db_text(st, 2), "level",
			      db_text(st, 3), "name", db_text(st, 4), "institution_name", db_text(st, 5),
			      "region_code", db_text(st, 6), "year", (json_int_t)db_int(st, 7), "status",
			      db_text(st, 8), "lead_name", db_text(st, 11));
	bool has = !db_isnull(st, 9) && !db_isnull(st, 10);
	json_object_set_new(o, "latitude", has ? json_real(db_double(st, 9)) : json_null());
	json_object_set_new(o, "longitude", has ? json_real(db_double(st, 10)) : json_null());
	return o;
}

json_t *pf_public_json(db *d, const char *type_code, const char *region_code, err *e)
{
	char pat[24] = "%";
	if (region_code && region_code[0]) {
		char pre[13];
		region_prefix(region_code, pre);
		snprintf(pat, sizeof pat, "%s%%", pre);
	}
	/* the point: the institution's own, else its city's (region_locations) */
	json_t *items = rows_json(
		db_query(d,
			 "SELECT pf.id, pf.type_code, pt.name, pt.level, pf.name, i.name, pf.region_code, "
			 "pf.year, "
			 "pf.status, COALESCE(i.latitude, rl.latitude), COALESCE(i.longitude, rl.longitude), "
			 "COALESCE(lp.name, '') FROM platforms pf JOIN platform_types pt ON pt.code = "
			 "pf.type_code "
			 "JOIN institutions i ON i.id = pf.institution_id LEFT JOIN persons lp ON lp.id = "
			 "pf.lead_person_id LEFT JOIN region_locations rl ON rl.code = "
			 "substr(pf.region_code, 1, 4) "
			 "|| '00' WHERE pf.status IN ('established','accepted') AND ($1 = '' OR pf.type_code "
			 "= $1) "
			 "AND pf.region_code LIKE $2 ORDER BY pt.position, pf.year DESC, pf.id",
			 DB_ARGS(DV_S(type_code ? type_code : ""), DV_S(pat)), e),
		public_view, e);
	return items ? json_pack("{s:o,s:I}", "items", items, "total", (json_int_t)json_array_size(items))
		     : NULL;
}

/* ---- tranches ---- */

struct pf_row {
	int64_t id, inst, grant;
	char status[16], region[16], name[256], type[48];
};

static int pf_load(db *d, int64_t id, struct pf_row *p, err *e)
{
	db_stmt *st =
		db_query(d,
			 "SELECT id, institution_id, grant_fen, status, region_code, name, type_code FROM "
			 "platforms WHERE id = $1",
			 DB_ARGS(DV_I(id)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		p->id = db_int(st, 0);
		p->inst = db_int(st, 1);
		p->grant = db_int(st, 2);
		snprintf(p->status, sizeof p->status, "%s", db_text(st, 3));
		snprintf(p->region, sizeof p->region, "%s", db_text(st, 4));
		snprintf(p->name, sizeof p->name, "%s", db_text(st, 5));
		snprintf(p->type, sizeof p->type, "%s", db_text(st, 6));
	}
	db_done(st);
	if (row == 0)
		return err_set(e, 404, "not_found", NULL, "平台载体不存在", "no such platform");
	return row == 1 ? 0 : -1;
}

struct tr_ctx {
	int64_t platform, amount, id;
	const char *source, *note;
};

static int tr_add_work(tx *t, void *ctx, err *e)
{
	struct tr_ctx *c = ctx;
	struct pf_row p;
	if (pf_load(t->d, c->platform, &p, e))
		return -1;
	if (strcmp(p.status, "established"))
		return err_set(e, 409, "invalid_state", NULL, "只有建设中的平台可以拨付补助",
			       "grants are paid to platforms under construction");
	/* the platform row first: it serialises the tranches of one grant */
	int64_t committed = 0, seq = 0;
	if (db_run(t->d, "UPDATE platforms SET updated_at = updated_at WHERE id = $1", DB_ARGS(DV_I(p.id)),
		   e) != 1 ||
	    db_one_int(
		    t->d,
		    "SELECT COALESCE(SUM(amount_fen), 0) FROM platform_tranches WHERE platform_id = $1 AND "
		    "status <> 'withheld'",
		    DB_ARGS(DV_I(p.id)), &committed, e) != DB_OK ||
	    db_one_int(t->d, "SELECT COALESCE(MAX(seq), 0) + 1 FROM platform_tranches WHERE platform_id = $1",
		       DB_ARGS(DV_I(p.id)), &seq, e) != DB_OK)
		return -1;
	if (committed + c->amount > p.grant) {
		char g[MONEY_BUF], l[MONEY_BUF];
		money_format(p.grant, 0, g, sizeof g);
		money_format(p.grant - committed, 0, l, sizeof l);
		return err_set(e, 422, "over_grant", "amount", "超出补助总额 %s 元（尚可安排 %s 元）",
			       "over the grant of %s yuan (%s left)", g, l);
	}
	if (db_one_int(t->d,
		       "INSERT INTO platform_tranches (platform_id, seq, amount_fen, fund_source, note, "
		       "created_at) VALUES ($1,$2,$3,$4,$5,$6) RETURNING id",
		       DB_ARGS(DV_I(p.id), DV_I(seq), DV_I(c->amount), DV_S(c->source),
			       DV_S(c->note ? c->note : ""), DV_I(now_s())),
		       &c->id, e) != DB_OK)
		return -1;
	tx_audit(t, "platform_tranche.proposed", "platform_tranche", c->id,
		 json_pack("{s:I,s:I,s:I,s:s}", "platform_id", (json_int_t)p.id, "seq", (json_int_t)seq,
			   "amount_fen", (json_int_t)c->amount, "fund_source", c->source));
	return 0;
}

static json_t *tranche_get(db *d, int64_t id, err *e)
{
	json_t *o = row_json(db_query(d, "SELECT " TR_COLS TR_FROM " WHERE t.id = $1", DB_ARGS(DV_I(id)), e),
			     tr_view, e);
	if (!o && !err_isset(e))
		err_set(e, 404, "not_found", NULL, "拨付分期不存在", "no such tranche");
	return o;
}

json_t *pf_tranche_add(db *d, const principal *a, int64_t platform, int64_t amount_fen,
		       const char *fund_source, const char *note, err *e)
{
	if (pf_province_only(a, e) || check_text(note, "note", 500, false, e))
		return NULL;
	if (amount_fen <= 0) {
		err_set(e, 422, "invalid_amount", "amount", "拨付金额应大于零",
			"a tranche's amount is above zero");
		return NULL;
	}
	int64_t one = 0;
	int rc = fund_source ? db_one_int(d, "SELECT 1 FROM platform_fund_sources WHERE code = $1",
					  DB_ARGS(DV_S(fund_source)), &one, e)
			     : DB_NOT_FOUND;
	if (rc != DB_OK) {
		if (rc == DB_NOT_FOUND)
			err_set(e, 422, "invalid_value", "fund_source",
				"资金来源应为就业补助资金、失业保险基金、专项培训资金或职工教育经费之一",
				"fund_source is one of the fund sources");
		return NULL;
	}
	struct tr_ctx c = {platform, amount_fen, 0, fund_source, note};
	if (svc_tx(d, a, tr_add_work, &c, e))
		return NULL;
	return tranche_get(d, c.id, e);
}

struct decide_ctx {
	int64_t id;
	bool approve;
	const char *note;
};

static int decide_work(tx *t, void *ctx, err *e)
{
	struct decide_ctx *c = ctx;
	const char *to = c->approve ? "approved" : "withheld";
	int64_t n = db_run(t->d,
			   "UPDATE platform_tranches SET status = $2, finance_by = $3, finance_note = $4, "
			   "finance_at = $5 WHERE id = $1 AND status = 'proposed'",
			   DB_ARGS(DV_I(c->id), DV_S(to), USER_OR_NULL(t->a), DV_S(c->note ? c->note : ""),
				   DV_I(now_s())),
			   e);
	if (n < 0)
		return -1;
	if (n == 0) {
		int64_t one = 0;
		int rc = db_one_int(t->d, "SELECT 1 FROM platform_tranches WHERE id = $1",
				    DB_ARGS(DV_I(c->id)), &one, e);
		if (rc == DB_NOT_FOUND)
			return err_set(e, 404, "not_found", NULL, "拨付分期不存在", "no such tranche");
		return rc == DB_OK ? err_set(e, 409, "invalid_state", NULL, "该分期已会签",
					     "the tranche was decided")
				   : -1;
	}
	tx_audit(t, c->approve ? "platform_tranche.approved" : "platform_tranche.withheld",
		 "platform_tranche", c->id, json_pack("{s:s}", "note", c->note ? c->note : ""));
	return 0;
}

json_t *pf_tranche_decide(db *d, const principal *a, int64_t id, bool approve, const char *note, err *e)
{
	if (a->role != ROLE_FINANCE) {
		err_set(e, 403, "finance_only", NULL, "补助拨付由财政部门会签",
			"财政 co-approves the tranches");
		return NULL;
	}
	if (check_text(note, "note", 500, !approve, e))
		return NULL;
	struct decide_ctx c = {id, approve, note};
	if (svc_tx(d, a, decide_work, &c, e))
		return NULL;
	return tranche_get(d, id, e);
}

static int fund_account(db *d, const char *source, int64_t *acct, err *e)
{
	char code[96], name[160], sname[64] = "";
	db_stmt *st = db_query(d, "SELECT name FROM platform_fund_sources WHERE code = $1",
			       DB_ARGS(DV_S(source)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1)
		snprintf(sname, sizeof sname, "%s", db_text(st, 0));
	db_done(st);
	if (row != 1)
		return row == 0 ? err_set(e, 422, "invalid_value", "fund_source", "资金来源不存在",
					  "no such fund source")
				: -1;
	snprintf(code, sizeof code, "fund:platform:%s", source);
	snprintf(name, sizeof name, "平台载体资金 %s", sname);
	return ledger_account_code(d, code, "fund", PF_PROVINCE, 0, 0, name, acct, e);
}

static int inst_account(db *d, const char *kind, int64_t inst, const char *iname, int64_t *acct, err *e)
{
	char code[96], name[400];
	snprintf(code, sizeof code, "%s:platform:%lld", kind, (long long)inst);
	snprintf(name, sizeof name, "%s %s",
		 !strcmp(kind, "payable") ? "应付平台载体补助" : "应收平台载体追回款", iname);
	return ledger_account_code(d, code, kind, PF_PROVINCE, 0, inst, name, acct, e);
}

struct pay_ctx {
	int64_t id;
};

static int pay_work(tx *t, void *ctx, err *e)
{
	struct pay_ctx *c = ctx;
	db_stmt *st =
		db_query(t->d,
			 "SELECT t.status, t.amount_fen, t.fund_source, t.seq, pf.id, pf.institution_id, "
			 "i.name, pf.name, pf.status FROM platform_tranches t JOIN platforms pf ON pf.id = "
			 "t.platform_id JOIN institutions i ON i.id = pf.institution_id WHERE t.id = $1",
			 DB_ARGS(DV_I(c->id)), e);
	int row = st ? db_row(st, e) : -1;
	char status[16] = "", source[48] = "", iname[200] = "", pname[200] = "", pstatus[16] = "";
	int64_t amount = 0, seq = 0, pid = 0, inst = 0;
	if (row == 1) {
		snprintf(status, sizeof status, "%s", db_text(st, 0));
		amount = db_int(st, 1);
		snprintf(source, sizeof source, "%s", db_text(st, 2));
		seq = db_int(st, 3);
		pid = db_int(st, 4);
		inst = db_int(st, 5);
		snprintf(iname, sizeof iname, "%s", db_text(st, 6));
		snprintf(pname, sizeof pname, "%s", db_text(st, 7));
		snprintf(pstatus, sizeof pstatus, "%s", db_text(st, 8));
	}
	db_done(st);
	if (row <= 0)
		return row == 0 ? err_set(e, 404, "not_found", NULL, "拨付分期不存在", "no such tranche")
				: -1;
	if (strcmp(status, "approved"))
		return err_set(e, 409, "not_approved", NULL, "该分期未经财政会签同意（%s），不能拨付",
			       "the tranche is not approved by 财政 (%s)", tranche_status_zh(status));
	if (strcmp(pstatus, "established"))
		return err_set(e, 409, "invalid_state", NULL, "平台已验收或撤销", "the platform is closed");
	/* the platform's row, then the tranche claimed, before the entries: a second payment or a revocation
	 * running at the same time waits here and then sees the tranche paid or the platform closed */
	int64_t n = db_run(
		t->d, "UPDATE platforms SET updated_at = updated_at WHERE id = $1 AND status = 'established'",
		DB_ARGS(DV_I(pid)), e);
	if (n < 0)
		return -1;
	if (n == 0)
		return err_set(e, 409, "invalid_state", NULL, "平台已验收或撤销", "the platform is closed");
	n = db_run(t->d,
		   "UPDATE platform_tranches SET status = 'paid', paid_at = $2 WHERE id = $1 AND status = "
		   "'approved'",
		   DB_ARGS(DV_I(c->id), DV_I(now_s())), e);
	if (n < 0)
		return -1;
	if (n == 0)
		return err_set(e, 409, "not_approved", NULL, "该分期未经财政会签同意（%s），不能拨付",
			       "the tranche is not approved by 财政 (%s)", tranche_status_zh("paid"));
	int64_t fund = 0, payable = 0, clearing = 0, accrue = 0, pay = 0;
	if (fund_account(t->d, source, &fund, e) || inst_account(t->d, "payable", inst, iname, &payable, e) ||
	    ledger_account(t->d, "clearing", PF_PROVINCE, 0, 0, &clearing, e))
		return -1;
	char memo[600];
	snprintf(memo, sizeof memo, "平台载体补助 %s 第 %lld 期（平台 #%lld）", pname, (long long)seq,
		 (long long)pid);
	struct ledger_line_in l1[] = {{fund, amount}, {payable, -amount}};
	struct ledger_entry_in a1 = {
		.kind = "accrue", .region = PF_PROVINCE, .memo = memo, .lines = l1, .nlines = 2};
	struct ledger_line_in l2[] = {{payable, amount}, {clearing, -amount}};
	struct ledger_entry_in a2 = {
		.kind = "pay", .region = PF_PROVINCE, .memo = memo, .lines = l2, .nlines = 2};
	if (ledger_post(t, &a1, &accrue, e) || ledger_post(t, &a2, &pay, e))
		return -1;
	if (db_run(t->d, "UPDATE platform_tranches SET accrue_entry = $2, pay_entry = $3 WHERE id = $1",
		   DB_ARGS(DV_I(c->id), DV_I(accrue), DV_I(pay)), e) != 1)
		return -1;
	tx_audit(t, "platform_tranche.paid", "platform_tranche", c->id,
		 json_pack("{s:I,s:I,s:s,s:I,s:I}", "platform_id", (json_int_t)pid, "amount_fen",
			   (json_int_t)amount, "fund_source", source, "accrue_entry", (json_int_t)accrue,
			   "pay_entry", (json_int_t)pay));
	return 0;
}

json_t *pf_tranche_pay(db *d, const principal *a, int64_t id, err *e)
{
	if (pf_province_only(a, e))
		return NULL;
	struct pay_ctx c = {id};
	if (svc_tx(d, a, pay_work, &c, e))
		return NULL;
	return tranche_get(d, id, e);
}

/* ---- activities ---- */

struct act_ctx {
	int64_t platform;
	const struct pf_activity_input *in;
	int64_t id;
};

static int act_work(tx *t, void *ctx, err *e)
{
	struct act_ctx *c = ctx;
	struct pf_row p;
	if (pf_load(t->d, c->platform, &p, e))
		return -1;
	if (strcmp(p.status, "established"))
		return err_set(e, 409, "invalid_state", NULL, "只有建设中的平台登记活动",
			       "activity is logged while building");
	if (db_one_int(t->d,
		       "INSERT INTO platform_activities (platform_id, kind, occurred_on, title, quantity, "
		       "person_id, "
		       "created_by, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id",
		       DB_ARGS(DV_I(p.id), DV_S(c->in->kind), DV_S(c->in->occurred_on), DV_S(c->in->title),
			       DV_I(c->in->quantity < 0 ? 1 : c->in->quantity),
			       c->in->person_id > 0 ? DV_I(c->in->person_id) : DV_NULL, USER_OR_NULL(t->a),
			       DV_I(now_s())),
		       &c->id, e) != DB_OK)
		return -1;
	tx_audit(t, "platform.activity", "platform", p.id,
		 json_pack("{s:I,s:s,s:s,s:s}", "activity_id", (json_int_t)c->id, "kind", c->in->kind,
			   "occurred_on", c->in->occurred_on, "title", c->in->title));
	return 0;
}

json_t *pf_activity_add(db *d, const principal *a, int64_t platform, const struct pf_activity_input *in,
			err *e)
{
	static const char *const kinds[] = {"apprentice", "tackle", "heritage", "promotion", "patent"};
	bool known = false;
	for (size_t i = 0; i < ARRAY_LEN(kinds) && in->kind; i++)
		known |= !strcmp(in->kind, kinds[i]);
	int day = 0;
	if (!known) {
		err_set(e, 422, "invalid_value", "kind",
			"活动类别应为带徒传技、技能攻关、技艺传承、技能推广或专利",
			"kind is apprentice, tackle, heritage, promotion or patent");
		return NULL;
	}
	if (!in->occurred_on || date_parse(in->occurred_on, &day) || day > date_today_utc8()) {
		err_set(e, 422, "invalid_date", "occurred_on", "活动日期应为不晚于今天的 YYYY-MM-DD",
			"occurred_on is a YYYY-MM-DD date not in the future");
		return NULL;
	}
	if (check_text(in->title, "title", 200, true, e) ||
	    scope_check(d, a, SE_PLATFORM, platform, SCOPE_WRITE, NULL, e))
		return NULL;
	if (in->quantity == 0 || in->quantity > 100000) {
		err_set(e, 422, "invalid_value", "quantity", "数量应为 1 至 100000",
			"quantity is 1 to 100000");
		return NULL;
	}
	if (!strcmp(in->kind, "apprentice") || in->person_id > 0) {
		scope_owner o;
		if (in->person_id <= 0) {
			err_set(e, 422, "missing_field", "person_id", "带徒传技须指明徒弟",
				"name the apprentice");
			return NULL;
		}
		if (scope_load(d, a, SE_PERSON, in->person_id, &o, e))
			return NULL;
		if (!o.found || scope_decide(a, SE_PERSON, &o, SCOPE_READ)) {
			err_set(e, 422, "unknown_person", "person_id", "人员不存在或不在本单位",
				"no such person in your reach");
			return NULL;
		}
	}
	struct act_ctx c = {platform, in, 0};
	if (svc_tx(d, a, act_work, &c, e))
		return NULL;
	return pf_get_json(d, a, platform, e);
}

/* ---- the yearly 绩效考核 ---- */

struct appraise_ctx {
	int64_t platform, year, score;
	bool passed;
	json_t *ind;
};

/* an indicator's value from what the system holds in the year */
static int measure(db *d, const struct pf_row *p, const char *m, int64_t year, int64_t *v, err *e)
{
	char from[11], to[11];
	snprintf(from, sizeof from, "%04lld-01-01", (long long)year);
	snprintf(to, sizeof to, "%04lld-12-31", (long long)year);
	if (!strncmp(m, "activity:", 9))
		return db_one_int(d,
				  "SELECT COALESCE(SUM(quantity), 0) FROM platform_activities WHERE "
				  "platform_id = $1 "
				  "AND kind = $2 AND occurred_on BETWEEN $3 AND $4",
				  DB_ARGS(DV_I(p->id), DV_S(m + 9), DV_S(from), DV_S(to)), v, e) == DB_OK
			       ? 0
			       : -1;
	if (!strcmp(m, "certificates"))
		return db_one_int(d,
				  "SELECT COUNT(*) FROM certificates WHERE institution_id = $1 AND status = "
				  "'valid' "
				  "AND issued_on BETWEEN $2 AND $3",
				  DB_ARGS(DV_I(p->inst), DV_S(from), DV_S(to)), v, e) == DB_OK
			       ? 0
			       : -1;
	if (!strcmp(m, "apprentice_certificates"))
		return db_one_int(
			       d,
			       "SELECT COUNT(*) FROM certificates c WHERE c.status = 'valid' AND c.issued_on "
			       "BETWEEN $2 AND $3 AND c.person_id IN (SELECT a.person_id FROM "
			       "platform_activities "
			       "a WHERE a.platform_id = $1 AND a.kind = 'apprentice' AND a.person_id IS NOT "
			       "NULL)",
			       DB_ARGS(DV_I(p->id), DV_S(from), DV_S(to)), v, e) == DB_OK
			       ? 0
			       : -1;
	if (!strcmp(m, "honours"))
		return db_one_int(
			       d,
			       "SELECT COUNT(*) FROM person_honours h JOIN persons ps ON ps.id = h.person_id "
			       "WHERE ps.employer_id = $1 AND h.awarded_on BETWEEN $2 AND $3",
			       DB_ARGS(DV_I(p->inst), DV_S(from), DV_S(to)), v, e) == DB_OK
			       ? 0
			       : -1;
	return err_set(e, 500, "internal", NULL, "未知的考核指标口径 %s", "unknown indicator measure %s", m);
}

static bool type_in(const char *types, const char *t)
{
	if (!strcmp(types, "*"))
		return true;
	size_t n = strlen(t);
	for (const char *p = types; *p;) {
		const char *q = strchr(p, '|');
		size_t k = q ? (size_t)(q - p) : strlen(p);
		if (k == n && !memcmp(p, t, n))
			return true;
		if (!q)
			break;
		p = q + 1;
	}
	return false;
}

static int appraise_work(tx *t, void *ctx, err *e)
{
	struct appraise_ctx *c = ctx;
	struct pf_row p;
	if (pf_load(t->d, c->platform, &p, e))
		return -1;
	if (!strcmp(p.status, "revoked"))
		return err_set(e, 409, "invalid_state", NULL, "平台已撤销", "the platform is revoked");
	int64_t one = 0;
	int rc = db_one_int(t->d, "SELECT 1 FROM platform_appraisals WHERE platform_id = $1 AND year = $2",
			    DB_ARGS(DV_I(p.id), DV_I(c->year)), &one, e);
	if (rc == DB_OK)
		return err_set(e, 409, "already_appraised", "year", "%lld 年度已考核",
			       "%lld is appraised already", (long long)c->year);
	if (rc != DB_NOT_FOUND)
		return -1;
	int64_t pass = 60;
	if (db_one_int(t->d, "SELECT pass_score FROM platform_types WHERE code = $1", DB_ARGS(DV_S(p.type)),
		       &pass, e) != DB_OK)
		return -1;
	db_stmt *st =
		db_query(t->d,
			 "SELECT code, name, types, measure, target, weight, source FROM platform_indicators "
			 "ORDER BY position",
			 NULL, 0, e);
	if (!st)
		return -1;
	struct {
		char code[48], name[128], types[256], measure[64], source[400];
		int64_t target, weight;
	} rows[32];
	int n = 0;
	while (db_step(st) == DB_ROW && n < 32) {
		if (!type_in(db_text(st, 2), p.type))
			continue;
		snprintf(rows[n].code, sizeof rows[n].code, "%s", db_text(st, 0));
		snprintf(rows[n].name, sizeof rows[n].name, "%s", db_text(st, 1));
		snprintf(rows[n].measure, sizeof rows[n].measure, "%s", db_text(st, 3));
		rows[n].target = db_int(st, 4);
		rows[n].weight = db_int(st, 5);
		snprintf(rows[n].source, sizeof rows[n].source, "%s", db_text(st, 6));
		n++;
	}
	if (db_finish(st, e))
		return -1;
	struct pf_indicator ind[32];
	json_decref(c->ind);
	c->ind = json_array();
	for (int i = 0; i < n; i++) {
		int64_t v = 0;
		if (measure(t->d, &p, rows[i].measure, c->year, &v, e))
			return -1;
		ind[i] = (struct pf_indicator){v, rows[i].target, rows[i].weight};
		json_array_append_new(c->ind,
				      json_pack("{s:s,s:s,s:s,s:I,s:I,s:I,s:s}", "code", rows[i].code, "name",
						rows[i].name, "measure", rows[i].measure, "value",
						(json_int_t)v, "target", (json_int_t)rows[i].target, "weight",
						(json_int_t)rows[i].weight, "source", rows[i].source));
	}
	c->score = pf_appraisal_score(ind, (size_t)n);
	c->passed = c->score >= pass;
	char *text = json_dumps(c->ind, JSON_COMPACT);
	rc = db_run(t->d,
		    "INSERT INTO platform_appraisals (platform_id, year, indicators, score, passed, "
		    "created_by, "
		    "created_at) VALUES ($1,$2,$3,$4,$5,$6,$7)",
		    DB_ARGS(DV_I(p.id), DV_I(c->year), DV_S(text ? text : "[]"), DV_I(c->score),
			    DV_I(c->passed), USER_OR_NULL(t->a), DV_I(now_s())),
		    e) == 1
		     ? 0
		     : -1;
	free(text);
	if (rc)
		return -1;
	tx_audit(t, "platform.appraised", "platform", p.id,
		 json_pack("{s:I,s:I,s:b,s:I}", "year", (json_int_t)c->year, "score", (json_int_t)c->score,
			   "passed", c->passed, "pass_score", (json_int_t)pass));
	return 0;
}

json_t *pf_appraise(db *d, const principal *a, int64_t platform, int64_t year, err *e)
{
	if (pf_province_only(a, e))
		return NULL;
	if (year < 2000 || year > 9999) {
		err_set(e, 422, "invalid_value", "year", "考核年度应为四位年份", "year is a four-digit year");
		return NULL;
	}
	struct appraise_ctx c = {platform, year, 0, false, NULL};
	int rc = svc_tx(d, a, appraise_work, &c, e);
	json_decref(c.ind);
	return rc ? NULL : pf_get_json(d, a, platform, e);
}

/* ---- 验收 / 撤销 ---- */

struct close_ctx {
	int64_t platform;
	const char *to, *reason;
	int64_t recovered;
};

static int close_work(tx *t, void *ctx, err *e)
{
	struct close_ctx *c = ctx;
	struct pf_row p;
	if (pf_load(t->d, c->platform, &p, e))
		return -1;
	if (strcmp(p.status, "established"))
		return err_set(e, 409, "invalid_state", NULL, "平台已验收或撤销",
			       "the platform is closed already");
	/* the platform's row before the paid sum is read: a second closing or a tranche's payment waits */
	int64_t locked = db_run(t->d,
				"UPDATE platforms SET updated_at = updated_at WHERE id = $1 AND status = "
				"'established'",
				DB_ARGS(DV_I(p.id)), e);
	if (locked < 0)
		return -1;
	if (locked == 0)
		return err_set(e, 409, "invalid_state", NULL, "平台已验收或撤销",
			       "the platform is closed already");
	c->recovered = 0;
	if (!strcmp(c->to, "accepted")) {
		int64_t passed = 0;
		int rc = db_one_int(
			t->d,
			"SELECT passed FROM platform_appraisals WHERE platform_id = $1 ORDER BY year DESC "
			"LIMIT 1",
			DB_ARGS(DV_I(p.id)), &passed, e);
		if (rc != DB_OK && rc != DB_NOT_FOUND)
			return -1;
		if (!passed)
			return err_set(e, 409, "not_passed", NULL,
				       "最近一次绩效考核未合格（或尚未考核），不能验收",
				       "the last appraisal did not pass (or there is none): no acceptance");
	} else {
		/* the paid money back, per fund source: a recover entry each (Dr recovery, Cr the fund) */
		db_stmt *st = db_query(
			t->d,
			"SELECT fund_source, SUM(amount_fen) FROM platform_tranches WHERE platform_id = $1 "
			"AND status = 'paid' GROUP BY fund_source ORDER BY fund_source",
			DB_ARGS(DV_I(p.id)), e);
		if (!st)
			return -1;
		char src[4][48];
		int64_t amt[4];
		int n = 0;
		while (db_step(st) == DB_ROW && n < 4) {
			snprintf(src[n], sizeof src[n], "%s", db_text(st, 0));
			amt[n++] = db_int(st, 1);
		}
		if (db_finish(st, e))
			return -1;
		char iname[200] = "";
		st = db_query(t->d, "SELECT name FROM institutions WHERE id = $1", DB_ARGS(DV_I(p.inst)), e);
		if (st && db_row(st, e) == 1)
			snprintf(iname, sizeof iname, "%s", db_text(st, 0));
		db_done(st);
		int64_t recovery = 0;
		if (n && inst_account(t->d, "recovery", p.inst, iname, &recovery, e))
			return -1;
		for (int i = 0; i < n; i++) {
			int64_t fund = 0, entry = 0;
			char memo[800];
			snprintf(memo, sizeof memo, "平台载体撤销追回 %s：%s", p.name, c->reason);
			struct ledger_line_in l[] = {{recovery, amt[i]}, {0, -amt[i]}};
			if (fund_account(t->d, src[i], &fund, e))
				return -1;
			l[1].account_id = fund;
			struct ledger_entry_in in = {.kind = "recover",
						     .region = PF_PROVINCE,
						     .memo = memo,
						     .lines = l,
						     .nlines = 2};
			if (ledger_post(t, &in, &entry, e) ||
			    db_run(t->d,
				   "INSERT INTO platform_recoveries (platform_id, fund_source, amount_fen, "
				   "reason, "
				   "recover_entry, created_at) VALUES ($1,$2,$3,$4,$5,$6)",
				   DB_ARGS(DV_I(p.id), DV_S(src[i]), DV_I(amt[i]), DV_S(c->reason),
					   DV_I(entry), DV_I(now_s())),
				   e) != 1)
				return -1;
			c->recovered += amt[i];
		}
	}
	char today[11];
	date_format(date_today_utc8(), today);
	if (db_run(t->d,
		   "UPDATE platforms SET status = $2, closed_on = $3, close_reason = $4, recovered_fen = $5, "
		   "updated_at = $6 WHERE id = $1",
		   DB_ARGS(DV_I(p.id), DV_S(c->to), DV_S(today), DV_S(c->reason ? c->reason : ""),
			   DV_I(c->recovered), DV_I(now_s())),
		   e) != 1)
		return -1;
	tx_audit(t, !strcmp(c->to, "accepted") ? "platform.accepted" : "platform.revoked", "platform", p.id,
		 json_pack("{s:s,s:I}", "reason", c->reason ? c->reason : "", "recovered_fen",
			   (json_int_t)c->recovered));
	return 0;
}

json_t *pf_close(db *d, const principal *a, int64_t platform, const char *to, const char *reason, err *e)
{
	if (pf_province_only(a, e))
		return NULL;
	if (!to || (strcmp(to, "accepted") && strcmp(to, "revoked"))) {
		err_set(e, 422, "invalid_value", "status", "状态应为 accepted（验收）或 revoked（撤销）",
			"status is accepted or revoked");
		return NULL;
	}
	if (check_text(reason, "reason", 500, !strcmp(to, "revoked"), e))
		return NULL;
	struct close_ctx c = {platform, to, reason, 0};
	if (svc_tx(d, a, close_work, &c, e))
		return NULL;
	return pf_get_json(d, a, platform, e);
}
