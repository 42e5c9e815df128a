/* finance.c: lists, the ledger's proof and the finance workbooks (finance.h) */
#include "util/common.h"
#include "svc/training/finance.h"
#include "svc/training/ledger.h"
#include "svc/training/paybatch.h"
#include "svc/base/svc.h"
#include "svc/base/tx.h"
#include "svc/base/scope.h"
#include "store/query.h"
#include "core/scope.h"
#include "core/date.h"
#include "core/money.h"
#include "doc/report_xlsx.h"
#include <jansson.h>
#include <time.h>

/* ---- who reads which cities ---- */

/* the region prefix the caller reads ("" all) for the cities' money, narrowed to `want` (a city code) when
 * given: 403 when the caller reads no city or `want` lies outside its region */
static int money_reach(const principal *a, const char *want, char pre[13], err *e)
{
	enum scope_reach r = scope_reach_of(a, SE_LEDGER_ACCOUNT, SCOPE_READ);
	pre[0] = 0;
	if (want && !*want)
		want = NULL;
	if (want && check_text(want, "region_code", 12, true, e))
		return -1;
	if (r == REACH_ALL) {
		if (want)
			region_prefix(want, pre);
		return 0;
	}
	if (r != REACH_REGION)
		return err_set(e, 403, "forbidden", NULL, "无权查看补贴资金",
			       "not allowed to read subsidy money");
	if (want && !region_covers(a->region, want))
		return err_set(e, 403, "forbidden", "region_code", "无权查看该地市的补贴资金",
			       "not allowed to read this city's subsidy money");
	if (want)
		region_prefix(want, pre);
	else
		snprintf(pre, 13, "%s", a->region);
	return pre[0] ? 0
		      : err_set(e, 403, "forbidden", NULL, "无权查看补贴资金",
				"not allowed to read subsidy money");
}

/* a China date (YYYY-MM-DD) as the epoch second its day starts (UTC+8); `next` the day after */
static int day_start(const char *s, const char *field, bool next, int64_t *out, int *ymd_out, err *e)
{
	int ymd;
	if (date_parse(s, &ymd) != 0)
		return err_set(e, 422, "invalid_date", field, "%s 应为日期 YYYY-MM-DD",
			       "%s must be a date YYYY-MM-DD", field);
	*out = ((int64_t)date_to_days(ymd) + (next ? 1 : 0)) * 86400 - 8 * 3600;
	if (ymd_out)
		*ymd_out = ymd;
	return 0;
}

struct period {
	int64_t from, to; /* [from, to) epoch seconds */
	int from_ymd, to_ymd;
	char pre[13];
};

static int period_parse(const principal *a, const struct finance_period *p, struct period *o, err *e)
{
	o->from = INT64_MIN / 2;
	o->to = INT64_MAX / 2;
	o->from_ymd = o->to_ymd = 0;
	if (p->from && *p->from && day_start(p->from, "from", false, &o->from, &o->from_ymd, e))
		return -1;
	if (p->to && *p->to && day_start(p->to, "to", true, &o->to, &o->to_ymd, e))
		return -1;
	if (o->from_ymd && o->to_ymd && o->to_ymd < o->from_ymd)
		return err_set(e, 422, "invalid_period", "to", "结束日期早于开始日期",
			       "the period ends before it starts");
	return money_reach(a, p->region, o->pre, e);
}

static void period_text(const struct period *p, char *out, size_t n)
{
	char f[11] = "", t[11] = "";
	if (p->from_ymd)
		date_format(p->from_ymd, f);
	if (p->to_ymd)
		date_format(p->to_ymd, t);
	snprintf(out, n, "期间：%s 至 %s（北京时间，含首尾两日）", p->from_ymd ? f : "最早",
		 p->to_ymd ? t : "今日");
}

static void china_time(int64_t at, char out[20])
{
	time_t t = (time_t)(at + 8 * 3600);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 20, "%Y-%m-%d %H:%M", &tm);
}

static const char *entry_kind_zh(const char *kind, const char *reversed_kind)
{
	if (!strcmp(kind, "accrue"))
		return "核定应付";
	if (!strcmp(kind, "pay"))
		return "支付";
	if (!strcmp(kind, "reverse"))
		return reversed_kind && !strcmp(reversed_kind, "accrue") ? "撤销核定" : "冲正";
	if (!strcmp(kind, "recover"))
		return "追回";
	if (!strcmp(kind, "recovered"))
		return "追回到账";
	return kind;
}

static const char *account_kind_zh(const char *k)
{
	if (!strcmp(k, "fund"))
		return "补贴资金";
	if (!strcmp(k, "payable"))
		return "应付补贴";
	if (!strcmp(k, "clearing"))
		return "银行清算";
	if (!strcmp(k, "recovery"))
		return "应收追回款";
	return k;
}

/* ---- the payment batches ---- */

static json_t *batch_view(db_stmt *st)
{
	return json_pack("{s:I, s:s, s:s, s:I, s:I, s:I, s:o, s:I, s:I, s:I}", "id",
			 (json_int_t)db_int(st, 0), "region_code", db_text(st, 1), "region_name",
			 db_text(st, 2), "nlines", (json_int_t)db_int(st, 3), "total_fen",
			 (json_int_t)db_int(st, 4), "created_at", (json_int_t)db_int(st, 5), "exported_at",
			 db_isnull(st, 6) ? json_null() : json_integer(db_int(st, 6)), "paid",
			 (json_int_t)db_int(st, 7), "failed", (json_int_t)db_int(st, 8), "sent",
			 (json_int_t)db_int(st, 9));
}

static int money_where(query *w, const char *col, const principal *a, err *e)
{
	char pre[13];
	if (money_reach(a, NULL, pre, e))
		return -1;
	if (pre[0]) {
		char frag[64];
		snprintf(frag, sizeof frag, "%s LIKE ?", col);
		q_and_like(w, frag, "", pre, "%");
	}
	return 0;
}

static int batch_where(query *w, const principal *a, const char *const *vals, err *e)
{
	UNUSED(vals);
	return money_where(w, "b.region_code", a, e);
}

static const struct list_filter batch_filters[] = {
	{"region_code", "b.region_code LIKE ?", LIST_REGION},
};
static const struct list_sort batch_sorts[] = {{"id", "b.id"}, {"total_fen", "b.total_fen"}};

#define LINE_COUNT(st)                                                                                       \
	"(SELECT COUNT(*) FROM subsidy_pay_lines l WHERE l.batch_id = b.id AND l.status = '" st "')"

const struct list_spec pay_batch_list = {
	.name = "pay_batches",
	.count_sql = "SELECT COUNT(*) FROM subsidy_pay_batches b",
	.select_sql = "SELECT b.id, b.region_code, COALESCE((SELECT rg.name FROM regions rg WHERE rg.code = "
		      "b.region_code), b.region_code), b.nlines, b.total_fen, b.created_at, "
		      "b.exported_at, " LINE_COUNT("paid") ", " LINE_COUNT("failed") ", " LINE_COUNT(
			      "sent") " FROM subsidy_pay_batches b",
	.order = "b.id DESC",
	LIST_FILTERS(batch_filters),
	LIST_SORTS(batch_sorts),
	.view = batch_view,
	.where = batch_where,
};

/* ---- the ledger's entries ---- */

#define REVERSED_KIND "(SELECT rv.kind FROM ledger_entries rv WHERE rv.id = le.reverses)"

static json_t *entry_view(db_stmt *st)
{
	const char *rk = db_isnull(st, 10) ? NULL : db_text(st, 10);
	return json_pack("{s:I, s:I, s:s, s:s, s:s, s:o, s:o, s:s, s:I, s:s, s:I, s:o, s:s}", "id",
			 (json_int_t)db_int(st, 0), "seq", (json_int_t)db_int(st, 1), "kind", db_text(st, 2),
			 "kind_name", entry_kind_zh(db_text(st, 2), rk), "region_code", db_text(st, 3),
			 "claim_id", db_isnull(st, 4) ? json_null() : json_integer(db_int(st, 4)), "reverses",
			 db_isnull(st, 5) ? json_null() : json_integer(db_int(st, 5)), "memo", db_text(st, 6),
			 "at", (json_int_t)db_int(st, 7), "actor", db_text(st, 8), "amount_fen",
			 (json_int_t)db_int(st, 9), "lines", json_array(), "region_name", db_text(st, 11));
}

static int entry_where(query *w, const principal *a, const char *const *vals, err *e)
{
	UNUSED(vals);
	return money_where(w, "le.region_code", a, e);
}

static int filter_from(query *w, const char *frag, const char *v, err *e)
{
	int64_t t;
	if (day_start(v, "from", false, &t, NULL, e))
		return -1;
	q_and(w, frag, DV_I(t));
	return 0;
}

static int filter_to(query *w, const char *frag, const char *v, err *e)
{
	int64_t t;
	if (day_start(v, "to", true, &t, NULL, e))
		return -1;
	q_and(w, frag, DV_I(t));
	return 0;
}

/* each entry's lines, in one query over the page's entries */
static int entry_lines(db *d, const principal *a, json_t *items, err *e)
{
	UNUSED(a);
	size_t n = json_array_size(items);
	if (!n)
		return 0;
	query q;
	q_init(&q, "SELECT ll.entry_id, ll.line_no, la.code, la.name, la.kind, ll.amount_fen FROM "
		   "ledger_lines ll "
		   "JOIN ledger_accounts la ON la.id = ll.account_id WHERE ll.entry_id IN (");
	for (size_t i = 0; i < n; i++)
		q_arg(&q, i ? ", ?" : "?",
		      DV_I(json_integer_value(json_object_get(json_array_get(items, i), "id"))));
	q_sql(&q, ") ORDER BY ll.entry_id, ll.line_no");
	db_stmt *st = q_query(d, &q, e);
	q_free(&q);
	if (!st)
		return -1;
	size_t i = 0;
	while (db_step(st) == DB_ROW) {
		int64_t id = db_int(st, 0);
		for (size_t k = 0; k < n; k++) {
			json_t *it = json_array_get(items, (i + k) % n);
			if (json_integer_value(json_object_get(it, "id")) == id) {
				i = (i + k) % n;
				json_array_append_new(json_object_get(it, "lines"),
						      json_pack("{s:I, s:s, s:s, s:s, s:s, s:I}", "line_no",
								(json_int_t)db_int(st, 1), "account_code",
								db_text(st, 2), "account_name",
								db_text(st, 3), "account_kind",
								db_text(st, 4), "account_kind_name",
								account_kind_zh(db_text(st, 4)), "amount_fen",
								(json_int_t)db_int(st, 5)));
				break;
			}
		}
	}
	return db_finish(st, e) ? -1 : 0;
}

static const struct list_filter entry_filters[] = {
	{"kind", "le.kind = ?", LIST_EQ},
	{"region_code", "le.region_code LIKE ?", LIST_REGION},
	{"claim_id", "le.claim_id = ?", LIST_ID},
	{"from", "le.at >= ?", LIST_FN, .fn = filter_from},
	{"to", "le.at < ?", LIST_FN, .fn = filter_to},
};
static const struct list_sort entry_sorts[] = {{"seq", "le.seq"}};

const struct list_spec ledger_entry_list = {
	.name = "ledger_entries",
	.count_sql = "SELECT COUNT(*) FROM ledger_entries le",
	.select_sql =
		"SELECT le.id, le.seq, le.kind, le.region_code, le.claim_id, le.reverses, le.memo, le.at, "
		"le.actor, (SELECT COALESCE(SUM(ll.amount_fen), 0) FROM ledger_lines ll WHERE ll.entry_id = "
		"le.id AND ll.amount_fen > 0), " REVERSED_KIND
		", COALESCE((SELECT rg.name FROM regions rg WHERE "
		"rg.code = le.region_code), le.region_code) FROM ledger_entries le",
	.order = "le.seq DESC",
	LIST_FILTERS(entry_filters),
	LIST_SORTS(entry_sorts),
	.view = entry_view,
	.where = entry_where,
	.after = entry_lines,
};

/* ---- the proof ---- */

json_t *ledger_verify_json(db *d, const principal *a, err *e)
{
	char pre[13];
	if (money_reach(a, NULL, pre, e))
		return NULL;
	struct ledger_report rep;
	int rc = ledger_verify(d, &rep, e);
	if (rc < 0)
		return NULL;
	return json_pack("{s:b, s:I, s:I, s:I, s:I, s:s, s:o, s:s, s:s}", "ok", rc == 0, "entries",
			 (json_int_t)rep.entries, "lines", (json_int_t)rep.lines, "accounts",
			 (json_int_t)rep.accounts, "debits_fen", (json_int_t)rep.debits, "head_hash",
			 rep.head_hash, "bad_entry",
			 rep.bad_entry ? json_integer(rep.bad_entry) : json_null(), "problem", rep.problem,
			 "problem_zh", rep.problem_zh);
}

/* ---- claims paid and recovered per city ---- */

enum { S_PAID, S_REVERSED, S_RECOVERED, S_RETURNED, S_N };
static const char *const sum_keys[S_N] = {"paid", "reversed", "recovered", "returned"};

static json_t *city_row(json_t *by, const char *code, const char *name)
{
	json_t *o = json_object_get(by, code);
	if (o)
		return o;
	o = json_pack("{s:s, s:s, s:I, s:o}", "region_code", code, "region_name", name, "net_fen",
		      (json_int_t)0, "claims", json_object());
	for (int k = 0; k < S_N; k++) {
		char c[32], f[32];
		snprintf(c, sizeof c, "%s_count", sum_keys[k]);
		snprintf(f, sizeof f, "%s_fen", sum_keys[k]);
		json_object_set_new(o, c, json_integer(0));
		json_object_set_new(o, f, json_integer(0));
	}
	json_object_set_new(by, code, o);
	return o;
}

static void add_int(json_t *o, const char *key, int64_t v)
{
	json_object_set_new(o, key, json_integer(json_integer_value(json_object_get(o, key)) + v));
}

static json_t *summary(db *d, const struct period *p, err *e)
{
	json_t *by = json_object();
	query q;
	q_init(&q, "SELECT le.region_code, COALESCE((SELECT rg.name FROM regions rg WHERE rg.code = "
		   "le.region_code), le.region_code), le.kind, " REVERSED_KIND
		   ", (SELECT COALESCE(SUM(ll.amount_fen), 0) "
		   "FROM ledger_lines ll WHERE ll.entry_id = le.id AND ll.amount_fen > 0) FROM "
		   "ledger_entries le");
	q_and(&q, "le.at >= ?", DV_I(p->from));
	q_and(&q, "le.at < ?", DV_I(p->to));
	if (p->pre[0])
		q_and_like(&q, "le.region_code LIKE ?", "", p->pre, "%");
	q_sql(&q, " ORDER BY le.seq");
	db_stmt *st = q_query(d, &q, e);
	q_free(&q);
	if (!st)
		goto fail;
	while (db_step(st) == DB_ROW) {
		const char *kind = db_text(st, 2), *rk = db_isnull(st, 3) ? NULL : db_text(st, 3);
		int s = !strcmp(kind, "pay")				       ? S_PAID
			: !strcmp(kind, "reverse") && rk && !strcmp(rk, "pay") ? S_REVERSED
			: !strcmp(kind, "recover")			       ? S_RECOVERED
			: !strcmp(kind, "recovered")			       ? S_RETURNED
									       : -1;
		if (s < 0)
			continue;
		json_t *o = city_row(by, db_text(st, 0), db_text(st, 1));
		char c[32], f[32];
		snprintf(c, sizeof c, "%s_count", sum_keys[s]);
		snprintf(f, sizeof f, "%s_fen", sum_keys[s]);
		int64_t amt = db_int(st, 4);
		add_int(o, c, 1);
		add_int(o, f, amt);
		add_int(o, "net_fen", s == S_PAID ? amt : s == S_RETURNED ? 0 : -amt);
	}
	if (db_finish(st, e))
		goto fail;
	/* the claims by status now */
	q_init(&q, "SELECT sc.region_code, COALESCE((SELECT rg.name FROM regions rg WHERE rg.code = "
		   "sc.region_code), sc.region_code), sc.status, COUNT(*) FROM subsidy_claims sc");
	if (p->pre[0])
		q_and_like(&q, "sc.region_code LIKE ?", "", p->pre, "%");
	q_sql(&q, " GROUP BY sc.region_code, sc.status");
	st = q_query(d, &q, e);
	q_free(&q);
	if (!st)
		goto fail;
	while (db_step(st) == DB_ROW) {
		json_t *o = city_row(by, db_text(st, 0), db_text(st, 1));
		json_object_set_new(json_object_get(o, "claims"), db_text(st, 2),
				    json_integer(db_int(st, 3)));
	}
	if (db_finish(st, e))
		goto fail;
	/* rows in city order, and the totals */
	json_t *items = json_array(), *holder = json_object(), *tot = city_row(holder, "", "合计");
	json_incref(tot);
	json_decref(holder);
	const char *k;
	json_t *v;
	json_object_foreach(by, k, v) json_array_append(items, v);
	/* json objects iterate in insertion order; sort by code */
	size_t n = json_array_size(items);
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0; j--) {
			json_t *x = json_array_get(items, j - 1), *y = json_array_get(items, j);
			if (strcmp(json_string_value(json_object_get(x, "region_code")),
				   json_string_value(json_object_get(y, "region_code"))) <= 0)
				break;
			json_incref(x);
			json_incref(y);
			json_array_set_new(items, j - 1, y);
			json_array_set_new(items, j, x);
		}
	size_t i;
	json_array_foreach(items, i, v)
	{
		const char *key;
		json_t *val;
		json_object_foreach(v, key, val)
		{
			if (json_is_integer(val))
				add_int(tot, key, json_integer_value(val));
		}
		json_object_foreach(json_object_get(v, "claims"), key, val)
			add_int(json_object_get(tot, "claims"), key, json_integer_value(val));
	}
	json_decref(by);
	char f[11] = "", t[11] = "";
	if (p->from_ymd)
		date_format(p->from_ymd, f);
	if (p->to_ymd)
		date_format(p->to_ymd, t);
	json_t *out =
		json_pack("{s:o, s:o, s:o, s:o}", "from", p->from_ymd ? json_string(f) : json_null(), "to",
			  p->to_ymd ? json_string(t) : json_null(), "items", items, "totals", tot);
	return out;
fail:
	json_decref(by);
	return NULL;
}

json_t *finance_claims_summary(db *d, const principal *a, const struct finance_period *fp, err *e)
{
	struct period p;
	if (period_parse(a, fp, &p, e))
		return NULL;
	db_read_begin(d);
	json_t *o = summary(d, &p, e);
	db_read_end(d);
	return o;
}

/* ---- the workbooks ---- */

struct book_ctx {
	const struct period *p;
	int64_t batch_id;
	json_t *batch; /* finance_batch_xlsx: the batch as pay_batch_get_json gave it */
	int (*fill)(tx *t, struct book_ctx *c, report *r, err *e);
	const char *kind; /* ledger, claims, pay_batch */
	char *out;
	size_t len;
	int64_t rows;
	json_t *detail;		  /* of the audit record */
	struct ledger_report rep; /* finance_ledger_xlsx: the proof */
	int verified;		  /* ledger_verify's answer: 0 holds, 1 does not */
};

static void scope_text(const struct period *p, const principal *a, char *out, size_t n)
{
	if (!p->pre[0])
		snprintf(out, n, "范围：全省");
	else
		snprintf(out, n, "范围：行政区划代码 %s%s（%s）", p->pre, strlen(p->pre) < 6 ? "…" : "",
			 a->role == ROLE_PROVINCE_ADMIN ? "省级查询" : "本市");
}

static void made_text(const principal *a, char *out, size_t n)
{
	char at[20];
	china_time(now_s(), at);
	snprintf(out, n, "导出：%s，%s（北京时间）；金额单位：元", a->username[0] ? a->username : "system",
		 at);
}

static int ledger_fill(tx *t, struct book_ctx *c, report *r, err *e)
{
	const struct period *p = c->p;
	const struct ledger_report rep =
		c->rep; /* proved before the transaction (ledger_verify reads in its own) */
	int vr = c->verified;
	char period[160], scope[160], made[200], check[400];
	period_text(p, period, sizeof period);
	scope_text(p, t->a, scope, sizeof scope);
	made_text(t->a, made, sizeof made);
	if (vr == 0)
		snprintf(check, sizeof check,
			 "台账校验：通过——全部 %lld 笔分录借贷平衡，科目余额与分录一致，哈希链完整（链头 "
			 "%.16s…）",
			 (long long)rep.entries, rep.head_hash);
	else
		snprintf(check, sizeof check, "台账校验：未通过——%s", rep.problem_zh);
	const char *notes[] = {period, scope, made, check, NULL};
	static const struct rcol cols[] = {
		{"凭证号", RC_INT, false, 8},	      {"记账时间", RC_TEXT, false, 17},
		{"业务类型", RC_TEXT, false, 10},     {"地市", RC_TEXT, false, 10},
		{"申领编号", RC_INT, false, 10},      {"科目代码", RC_TEXT, false, 24},
		{"科目名称", RC_TEXT, false, 24},     {"借方金额（元）", RC_FEN, true, 14},
		{"贷方金额（元）", RC_FEN, true, 14}, {"摘要", RC_TEXT, false, 30},
	};
	if (report_sheet(r, "分录明细", "补贴台账分录明细", notes, cols, ARRAY_LEN(cols), e))
		return -1;
	query q;
	q_init(&q,
	       "SELECT le.seq, le.at, le.kind, " REVERSED_KIND ", COALESCE((SELECT rg.name FROM regions rg "
	       "WHERE rg.code = le.region_code), le.region_code), le.claim_id, la.code, la.name, "
	       "ll.amount_fen, "
	       "le.memo FROM ledger_entries le JOIN ledger_lines ll ON ll.entry_id = le.id JOIN "
	       "ledger_accounts "
	       "la ON la.id = ll.account_id");
	q_and(&q, "le.at >= ?", DV_I(p->from));
	q_and(&q, "le.at < ?", DV_I(p->to));
	if (p->pre[0])
		q_and_like(&q, "le.region_code LIKE ?", "", p->pre, "%");
	q_sql(&q, " ORDER BY le.seq, ll.line_no");
	db_stmt *st = q_query(t->d, &q, e);
	q_free(&q);
	if (!st)
		return -1;
	int rc = 0;
	int64_t entries = 0, last = 0, debits = 0;
	while (db_step(st) == DB_ROW) {
		char at[20];
		china_time(db_int(st, 1), at);
		int64_t amt = db_int(st, 8);
		if (db_int(st, 0) != last)
			entries++, last = db_int(st, 0);
		if (amt > 0)
			debits += amt;
		struct rcell cells[] = {
			{.n = db_int(st, 0)},
			{.s = at},
			{.s = entry_kind_zh(db_text(st, 2), db_isnull(st, 3) ? NULL : db_text(st, 3))},
			{.s = db_text(st, 4)},
			{.n = db_isnull(st, 5) ? 0 : db_int(st, 5), .empty = db_isnull(st, 5)},
			{.s = db_text(st, 6)},
			{.s = db_text(st, 7)},
			{.n = amt > 0 ? amt : 0, .empty = amt < 0},
			{.n = amt < 0 ? -amt : 0, .empty = amt > 0},
			{.s = db_text(st, 9)},
		};
		if ((rc = report_row(r, cells, e)) != 0)
			break;
	}
	if (db_finish(st, e) || rc)
		return -1;
	c->rows = report_rows(r);
	/* the accounts touched in the period, with their movement and their balance now */
	static const struct rcol acols[] = {
		{"科目代码", RC_TEXT, false, 24},     {"科目名称", RC_TEXT, false, 24},
		{"科目类型", RC_TEXT, false, 12},     {"地市", RC_TEXT, false, 10},
		{"本期借方（元）", RC_FEN, true, 14}, {"本期贷方（元）", RC_FEN, true, 14},
		{"本期净额（元）", RC_FEN, true, 14}, {"当前余额（元）", RC_FEN, true, 14},
	};
	const char *anotes[] = {period, scope,
				"本期净额 = 本期借方 − 贷方；当前余额为导出时的科目余额（借方为正）", NULL};
	if (report_sheet(r, "科目汇总", "补贴台账科目汇总", anotes, acols, ARRAY_LEN(acols), e))
		return -1;
	q_init(&q,
	       "SELECT la.code, la.name, la.kind, COALESCE((SELECT rg.name FROM regions rg WHERE rg.code = "
	       "la.region_code), la.region_code), SUM(CASE WHEN ll.amount_fen > 0 THEN ll.amount_fen ELSE 0 "
	       "END), "
	       "SUM(CASE WHEN ll.amount_fen < 0 THEN -ll.amount_fen ELSE 0 END), la.balance_fen FROM "
	       "ledger_lines "
	       "ll JOIN ledger_entries le ON le.id = ll.entry_id JOIN ledger_accounts la ON la.id = "
	       "ll.account_id");
	q_and(&q, "le.at >= ?", DV_I(p->from));
	q_and(&q, "le.at < ?", DV_I(p->to));
	if (p->pre[0])
		q_and_like(&q, "le.region_code LIKE ?", "", p->pre, "%");
	q_sql(&q,
	      " GROUP BY la.id, la.code, la.name, la.kind, la.region_code, la.balance_fen ORDER BY la.code");
	st = q_query(t->d, &q, e);
	q_free(&q);
	if (!st)
		return -1;
	while (db_step(st) == DB_ROW) {
		struct rcell cells[] = {
			{.s = db_text(st, 0)},
			{.s = db_text(st, 1)},
			{.s = account_kind_zh(db_text(st, 2))},
			{.s = db_text(st, 3)},
			{.n = db_int(st, 4)},
			{.n = db_int(st, 5)},
			{.n = db_int(st, 4) - db_int(st, 5)},
			{.n = db_int(st, 6)},
		};
		if ((rc = report_row(r, cells, e)) != 0)
			break;
	}
	if (db_finish(st, e) || rc)
		return -1;
	c->detail = json_pack("{s:I, s:I, s:I, s:b}", "entries", (json_int_t)entries, "lines",
			      (json_int_t)c->rows, "debits_fen", (json_int_t)debits, "verified", vr == 0);
	return 0;
}

static int claims_fill(tx *t, struct book_ctx *c, report *r, err *e)
{
	json_t *s = summary(t->d, c->p, e);
	if (!s)
		return -1;
	char period[160], scope[160], made[200];
	period_text(c->p, period, sizeof period);
	scope_text(c->p, t->a, scope, sizeof scope);
	made_text(t->a, made, sizeof made);
	const char *notes[] = {period, scope, made,
			       "支付、冲正、追回、追回到账按台账分录统计；净支出 = 支付 − 冲正 − 追回", NULL};
	static const struct rcol cols[] = {
		{"地市代码", RC_TEXT, false, 10},   {"地市", RC_TEXT, false, 10},
		{"支付笔数", RC_INT, true, 9},	    {"支付金额（元）", RC_FEN, true, 14},
		{"冲正笔数", RC_INT, true, 9},	    {"冲正金额（元）", RC_FEN, true, 14},
		{"追回笔数", RC_INT, true, 9},	    {"追回金额（元）", RC_FEN, true, 14},
		{"追回到账笔数", RC_INT, true, 11}, {"追回到账金额（元）", RC_FEN, true, 16},
		{"净支出（元）", RC_FEN, true, 14},
	};
	int rc = report_sheet(r, "分地市汇总", "补贴申领支付与追回分地市汇总", notes, cols, ARRAY_LEN(cols),
			      e);
	size_t i;
	json_t *o;
	json_array_foreach(json_object_get(s, "items"), i, o)
	{
		if (rc)
			break;
#define N(k)                                                                                                 \
	{                                                                                                    \
		.n = json_integer_value(json_object_get(o, k))                                               \
	}
		struct rcell cells[] = {
			{.s = json_string_value(json_object_get(o, "region_code"))},
			{.s = json_string_value(json_object_get(o, "region_name"))},
			N("paid_count"),
			N("paid_fen"),
			N("reversed_count"),
			N("reversed_fen"),
			N("recovered_count"),
			N("recovered_fen"),
			N("returned_count"),
			N("returned_fen"),
			N("net_fen"),
		};
#undef N
		rc = report_row(r, cells, e);
	}
	json_t *tot = json_object_get(s, "totals");
	c->rows = report_rows(r);
	c->detail =
		json_pack("{s:I, s:I, s:I}", "cities", (json_int_t)c->rows, "paid_fen",
			  (json_int_t)json_integer_value(json_object_get(tot, "paid_fen")), "recovered_fen",
			  (json_int_t)json_integer_value(json_object_get(tot, "recovered_fen")));
	json_decref(s);
	return rc;
}

static const char *line_status_zh(const char *s)
{
	return !strcmp(s, "paid")     ? "已支付"
	       : !strcmp(s, "failed") ? "支付失败"
	       : !strcmp(s, "sent")   ? "已发送银行"
				      : s;
}

static int batch_fill(tx *t, struct book_ctx *c, report *r, err *e)
{
	json_t *b = c->batch;
	char title[120], made[200], info[300], ex[40] = "未导出";
	made_text(t->a, made, sizeof made);
	char created[20];
	china_time(json_integer_value(json_object_get(b, "created_at")), created);
	if (json_is_integer(json_object_get(b, "exported_at")))
		china_time(json_integer_value(json_object_get(b, "exported_at")), ex);
	snprintf(title, sizeof title, "补贴支付批次 %lld", (long long)c->batch_id);
	char total[MONEY_BUF];
	money_format(json_integer_value(json_object_get(b, "total_fen")), MONEY_GROUP, total, sizeof total);
	snprintf(info, sizeof info, "地市 %s；建立 %s；银行文件导出 %s；共 %lld 笔，%s 元",
		 json_string_value(json_object_get(b, "region_code")), created, ex,
		 (long long)json_integer_value(json_object_get(b, "nlines")), total);
	const char *notes[] = {info, made, "姓名与公民身份号码已脱敏；发往银行的完整文件见“下载银行文件”",
			       NULL};
	static const struct rcol cols[] = {
		{"序号", RC_INT, false, 6},	  {"申领编号", RC_INT, false, 10},
		{"姓名", RC_TEXT, false, 10},	  {"公民身份号码", RC_TEXT, false, 20},
		{"金额（元）", RC_FEN, true, 12}, {"支付状态", RC_TEXT, false, 10},
		{"失败原因", RC_TEXT, false, 24}, {"支付分录", RC_INT, false, 10},
		{"申领状态", RC_TEXT, false, 10},
	};
	if (report_sheet(r, "支付明细", title, notes, cols, ARRAY_LEN(cols), e))
		return -1;
	int64_t cnt[3] = {0}, amt[3] = {0};
	static const char *const sts[3] = {"sent", "paid", "failed"};
	size_t i;
	json_t *l;
	json_array_foreach(json_object_get(b, "lines"), i, l)
	{
		const char *st = json_string_value(json_object_get(l, "status"));
		int64_t a = json_integer_value(json_object_get(l, "amount_fen"));
		for (int k = 0; k < 3; k++)
			if (!strcmp(st, sts[k]))
				cnt[k]++, amt[k] += a;
		json_t *pe = json_object_get(l, "pay_entry"), *rs = json_object_get(l, "reason");
		struct rcell cells[] = {
			{.n = json_integer_value(json_object_get(l, "line_no"))},
			{.n = json_integer_value(json_object_get(l, "claim_id"))},
			{.s = json_string_value(json_object_get(l, "name"))},
			{.s = json_string_value(json_object_get(l, "id_number"))},
			{.n = a},
			{.s = line_status_zh(st)},
			{.s = json_is_string(rs) ? json_string_value(rs) : NULL},
			{.n = json_integer_value(pe), .empty = !json_is_integer(pe)},
			{.s = json_string_value(json_object_get(l, "claim_status"))},
		};
		if (report_row(r, cells, e))
			return -1;
	}
	c->rows = report_rows(r);
	static const struct rcol scols[] = {{"支付状态", RC_TEXT, false, 12},
					    {"笔数", RC_INT, true, 8},
					    {"金额（元）", RC_FEN, true, 14}};
	if (report_sheet(r, "按状态汇总", title, NULL, scols, ARRAY_LEN(scols), e))
		return -1;
	for (int k = 0; k < 3; k++) {
		struct rcell cells[] = {{.s = line_status_zh(sts[k])}, {.n = cnt[k]}, {.n = amt[k]}};
		if (report_row(r, cells, e))
			return -1;
	}
	c->detail = json_pack("{s:I, s:I, s:I, s:I}", "lines", (json_int_t)c->rows, "total_fen",
			      (json_int_t)json_integer_value(json_object_get(b, "total_fen")), "paid_fen",
			      (json_int_t)amt[1], "failed_fen", (json_int_t)amt[2]);
	return 0;
}

static int book_work(tx *t, void *ctx, err *e)
{
	struct book_ctx *c = ctx;
	free(c->out);
	c->out = NULL;
	json_decref(c->detail);
	c->detail = NULL;
	report *r = report_open(e);
	if (!r)
		return -1;
	if (c->fill(t, c, r, e)) {
		report_abort(r);
		return -1;
	}
	if (report_close(r, &c->out, &c->len, e))
		return -1;
	json_t *d = c->detail ? c->detail : json_object();
	c->detail = NULL;
	json_object_set_new(d, "export", json_string(c->kind));
	if (c->p) {
		char f[11], to[11];
		if (c->p->from_ymd)
			date_format(c->p->from_ymd, f), json_object_set_new(d, "from", json_string(f));
		if (c->p->to_ymd)
			date_format(c->p->to_ymd, to), json_object_set_new(d, "to", json_string(to));
		json_object_set_new(d, "region", json_string(c->p->pre));
	}
	if (c->batch_id)
		tx_audit(t, "training.finance.export", "pay_batch", c->batch_id, d);
	else
		tx_audit_key(t, "training.finance.export", "finance_report", c->kind, d);
	return 0;
}

static int book(db *d, const principal *a, struct book_ctx *c, char **out, size_t *len, err *e)
{
	int rc = svc_tx(d, a, book_work, c, e);
	json_decref(c->detail);
	if (rc) {
		free(c->out);
		return -1;
	}
	*out = c->out;
	*len = c->len;
	return 0;
}

int finance_ledger_xlsx(db *d, const principal *a, const struct finance_period *fp, char **out, size_t *len,
			err *e)
{
	struct period p;
	if (period_parse(a, fp, &p, e))
		return -1;
	struct book_ctx c = {.p = &p, .fill = ledger_fill, .kind = "ledger"};
	c.verified = ledger_verify(d, &c.rep, e);
	if (c.verified < 0)
		return -1;
	return book(d, a, &c, out, len, e);
}

int finance_claims_xlsx(db *d, const principal *a, const struct finance_period *fp, char **out, size_t *len,
			err *e)
{
	struct period p;
	if (period_parse(a, fp, &p, e))
		return -1;
	struct book_ctx c = {.p = &p, .fill = claims_fill, .kind = "claims"};
	return book(d, a, &c, out, len, e);
}

int finance_batch_xlsx(db *d, const principal *a, int64_t batch_id, char **out, size_t *len, err *e)
{
	json_t *b = pay_batch_get_json(d, a, batch_id, e);
	if (!b)
		return -1;
	struct book_ctx c = {.batch_id = batch_id, .batch = b, .fill = batch_fill, .kind = "pay_batch"};
	int rc = book(d, a, &c, out, len, e);
	json_decref(b);
	return rc;
}
