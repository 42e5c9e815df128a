/* paybatch.c: 补贴支付批次: the batch, the bank file, the bank's results (paybatch.h) */
#include "util/common.h"
#include "svc/training/paybatch.h"
#include "svc/training/fraud.h"
#include "svc/base/svc.h"
#include "svc/base/tx.h"
#include "svc/base/scope.h"
#include "svc/base/import.h"
#include "svc/training/ledger.h"
#include "core/scope.h"
#include "core/mask.h"
#include "crypto/pii.h"
#include "util/arena.h"
#include "core/money.h"
#include <jansson.h>

#define BATCH_MAX_LINES 5000

/* the bureau of the batch's city, or the province: 404 when the caller may not read it, 403 when it may
 * read but not write (no such role has read alone today) */
static int may(const principal *a, const char *region, bool found, err *e)
{
	scope_owner o = {.found = found};
	snprintf(o.region, sizeof o.region, "%s", region ? region : "");
	if (!found || scope_decide(a, SE_SUBSIDY_CLAIM, &o, SCOPE_READ) != 0)
		return err_set(e, 404, "not_found", NULL, "支付批次不存在", "no such payment batch");
	if (scope_decide(a, SE_SUBSIDY_CLAIM, &o, SCOPE_WRITE) != 0)
		return err_set(e, 403, "forbidden", NULL, "无权处理该支付批次",
			       "not allowed to handle this payment batch");
	return 0;
}

static int load_batch(db *d, const principal *a, int64_t id, char region[16], err *e)
{
	db_stmt *st = db_query(d, "SELECT region_code FROM subsidy_pay_batches WHERE id = $1",
			       DB_ARGS(DV_I(id)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1)
		snprintf(region, 16, "%s", db_text(st, 0));
	db_done(st);
	if (row < 0)
		return -1;
	return may(a, region, row == 1, e);
}

/* ---- create ---- */

struct create_ctx {
	const char *region;
	int64_t id;
};

static int create_work(tx *t, void *ctx, err *e)
{
	struct create_ctx *c = ctx;
	c->id = 0;
	int64_t n = 0, total = 0;
	/* the city's payable claims locked before they are read: a claim being paid at the window is waited
	 * for and then no longer payable; one locked here waits for the batch at the window (in_pay_batch) */
	if (db_run(t->d,
		   "UPDATE subsidy_claims SET updated_at = updated_at WHERE region_code = $1 AND status = "
		   "'payable'",
		   DB_ARGS(DV_S(c->region)), e) < 0)
		return -1;
	int rc = db_one_int(
		t->d,
		"SELECT COUNT(*) FROM subsidy_claims sc WHERE sc.region_code = $1 AND sc.status = "
		"'payable' AND NOT EXISTS (SELECT 1 FROM subsidy_pay_lines l WHERE l.claim_id = sc.id "
		"AND l.status <> 'failed') AND " FRAUD_NOT_HELD,
		DB_ARGS(DV_S(c->region)), &n, e);
	if (rc != DB_OK)
		return db_rc_to_err(t->d, rc, e);
	if (!n)
		return err_set(e, 422, "no_payable_claims", "region_code",
			       "该地市没有待支付且未入批次的补贴申领",
			       "the city has no payable claim outside a batch");
	if (n > BATCH_MAX_LINES)
		n = BATCH_MAX_LINES;
	rc = db_one_int(
		t->d,
		"SELECT COALESCE(SUM(amount_fen), 0) FROM (SELECT sc.amount_fen FROM subsidy_claims sc "
		"WHERE sc.region_code = $1 AND sc.status = 'payable' AND NOT EXISTS (SELECT 1 FROM "
		"subsidy_pay_lines l WHERE l.claim_id = sc.id AND l.status <> 'failed') AND " FRAUD_NOT_HELD
		" ORDER BY sc.id "
		"LIMIT $2) x",
		DB_ARGS(DV_S(c->region), DV_I(n)), &total, e);
	if (rc != DB_OK)
		return db_rc_to_err(t->d, rc, e);
	int64_t now = now_s();
	db_stmt *st = db_query(t->d,
			       "INSERT INTO subsidy_pay_batches (region_code, nlines, total_fen, created_by, "
			       "created_at) VALUES ($1,$2,$3,$4,$5) RETURNING id",
			       DB_ARGS(DV_S(c->region), DV_I(n), DV_I(total),
				       t->a->user_id ? DV_I(t->a->user_id) : DV_NULL, DV_I(now)),
			       e);
	int row = st ? db_row(st, e) : -1;
	c->id = row == 1 ? db_int(st, 0) : 0;
	db_done(st);
	if (!c->id)
		return err_isset(e)
			       ? -1
			       : err_set(e, 500, "internal", NULL, "服务器内部错误", "batch not written");
	/* the lines, numbered in claim order; the unique index refuses a claim another batch holds (a
	 * parallel batch of the same city: 409) */
	int64_t w =
		db_run(t->d,
		       "INSERT INTO subsidy_pay_lines (batch_id, line_no, claim_id, amount_fen, status, "
		       "updated_at) SELECT $1, ROW_NUMBER() OVER (ORDER BY sc.id), sc.id, sc.amount_fen, "
		       "'sent', $2 FROM subsidy_claims sc WHERE sc.region_code = $3 AND sc.status = "
		       "'payable' AND NOT EXISTS (SELECT 1 FROM subsidy_pay_lines l WHERE l.claim_id = sc.id "
		       "AND l.status <> 'failed') AND " FRAUD_NOT_HELD " ORDER BY sc.id LIMIT $4",
		       DB_ARGS(DV_I(c->id), DV_I(now), DV_S(c->region), DV_I(n)), e);
	if (w < 0)
		return -1;
	if (w != n)
		return err_set(e, 409, "conflict", NULL, "补贴申领已被其他批次占用",
			       "a claim was taken by another batch");
	/* every line's claim still payable once locked (one that became payable after the lock above and is
	 * being paid at the window now is waited for here) */
	int64_t still =
		db_run(t->d,
		       "UPDATE subsidy_claims SET updated_at = updated_at WHERE status = 'payable' AND id IN "
		       "(SELECT claim_id FROM subsidy_pay_lines WHERE batch_id = $1)",
		       DB_ARGS(DV_I(c->id)), e);
	if (still < 0)
		return -1;
	if (still != n)
		return err_set(e, 409, "conflict", NULL, "补贴申领的状态已改变，请重新建立批次",
			       "a claim's status changed while the batch was made: make it again");
	tx_audit(t, "training.pay_batch.create", "pay_batch", c->id,
		 json_pack("{s:s, s:I, s:I}", "region", c->region, "lines", (json_int_t)n, "total_fen",
			   (json_int_t)total));
	return 0;
}

int pay_batch_create(db *d, const principal *a, const char *region, int64_t *id, err *e)
{
	char own[16];
	if ((!region || !*region) && a->role == ROLE_CITY_ADMIN) {
		/* a city admin's region is its prefix ("3713"); the city's code is "371300" */
		snprintf(own, sizeof own, "%s%s", a->region, strlen(a->region) == 4 ? "00" : "");
		region = own;
	}
	if (region && !*region)
		region = NULL;
	if (!region)
		return err_set(e, 422, "required", "region_code", "请指定地市", "region_code is required");
	if (check_text(region, "region_code", 12, true, e))
		return -1;
	scope_owner o = {.found = true};
	snprintf(o.region, sizeof o.region, "%s", region);
	if (scope_decide(a, SE_SUBSIDY_CLAIM, &o, SCOPE_WRITE) != 0)
		return err_set(e, 403, "forbidden", "region_code", "无权为该地市建立支付批次",
			       "not allowed to make a payment batch for this city");
	struct create_ctx c = {.region = region};
	if (svc_tx(d, a, create_work, &c, e))
		return -1;
	*id = c.id;
	return 0;
}

/* ---- read ---- */

#define LINE_SQL                                                                                             \
	"SELECT l.line_no, l.claim_id, sc.person_id, p.name, p.id_sealed, l.amount_fen, l.status, "          \
	"l.reason, "                                                                                         \
	"l.pay_entry, sc.status FROM subsidy_pay_lines l JOIN subsidy_claims sc ON sc.id = l.claim_id JOIN " \
	"persons p ON p.id = sc.person_id WHERE l.batch_id = $1 ORDER BY l.line_no"

json_t *pay_batch_get_json(db *d, const principal *a, int64_t id, err *e)
{
	char region[16];
	if (load_batch(d, a, id, region, e))
		return NULL;
	db_stmt *st = db_query(d,
			       "SELECT id, region_code, nlines, total_fen, created_at, exported_at FROM "
			       "subsidy_pay_batches WHERE id = $1",
			       DB_ARGS(DV_I(id)), e);
	json_t *o = NULL;
	if (st && db_row(st, e) == 1)
		o = json_pack("{s:I, s:s, s:I, s:I, s:I, s:o}", "id", (json_int_t)db_int(st, 0),
			      "region_code", db_text(st, 1), "nlines", (json_int_t)db_int(st, 2), "total_fen",
			      (json_int_t)db_int(st, 3), "created_at", (json_int_t)db_int(st, 4),
			      "exported_at", db_isnull(st, 5) ? json_null() : json_integer(db_int(st, 5)));
	db_done(st);
	if (!o)
		return NULL;
	st = db_query(d, LINE_SQL, DB_ARGS(DV_I(id)), e);
	if (!st) {
		json_decref(o);
		return NULL;
	}
	arena *ar = arena_new();
	json_t *lines = json_array();
	while (db_step(st) == DB_ROW) {
		char mid[32] = "", mname[64] = "";
		const char *idn = pii_open(ar, "id_number", db_text(st, 4));
		mask_id_number(idn ? idn : "", mid, sizeof mid);
		mask_name(db_text(st, 3), mname, sizeof mname);
		json_array_append_new(
			lines,
			json_pack("{s:I, s:I, s:I, s:s, s:s, s:I, s:s, s:o, s:o, s:s}", "line_no",
				  (json_int_t)db_int(st, 0), "claim_id", (json_int_t)db_int(st, 1),
				  "person_id", (json_int_t)db_int(st, 2), "name", mname, "id_number", mid,
				  "amount_fen", (json_int_t)db_int(st, 5), "status", db_text(st, 6), "reason",
				  db_isnull(st, 7) ? json_null() : json_string(db_text(st, 7)), "pay_entry",
				  db_isnull(st, 8) ? json_null() : json_integer(db_int(st, 8)),
				  "claim_status", db_text(st, 9)));
	}
	arena_free(ar);
	if (db_finish(st, e)) {
		json_decref(lines);
		json_decref(o);
		return NULL;
	}
	json_object_set_new(o, "lines", lines);
	return o;
}

/* ---- the bank file ---- */

static void csv_cell(FILE *f, const char *s, bool last)
{
	bool q = strpbrk(s, ",\"\r\n") != NULL;
	if (q) {
		fputc('"', f);
		for (; *s; s++) {
			if (*s == '"')
				fputc('"', f);
			fputc(*s, f);
		}
		fputc('"', f);
	} else {
		fputs(s, f);
	}
	fputs(last ? "\r\n" : ",", f);
}

struct export_ctx {
	int64_t id;
	char *buf;
	size_t len;
	int64_t n;
};

static int export_work(tx *t, void *ctx, err *e)
{
	struct export_ctx *c = ctx;
	free(c->buf);
	c->buf = NULL;
	c->len = 0;
	c->n = 0;
	FILE *f = open_memstream(&c->buf, &c->len);
	if (!f)
		return err_set(e, 500, "internal", NULL, "服务器内部错误", "out of memory");
	fputs("\xEF\xBB\xBF", f);
	fputs("批次号,序号,申领编号,姓名,社会保障号码,金额（分）,金额（元）\r\n", f);
	db_stmt *st = db_query(t->d, LINE_SQL, DB_ARGS(DV_I(c->id)), e);
	arena *ar = arena_new();
	int rc = st ? 0 : -1;
	while (st && db_step(st) == DB_ROW) {
		const char *idn = pii_open(ar, "id_number", db_text(st, 4));
		if (!idn) {
			rc = err_set(e, 500, "pii_unavailable", NULL, "无法解密证件号码",
				     "cannot open the id number");
			break;
		}
		char b[24], l[24], cl[24], fen[24], yuan[40];
		int64_t amt = db_int(st, 5);
		snprintf(fen, sizeof fen, "%lld", (long long)amt);
		snprintf(yuan, sizeof yuan, "%lld.%02d", (long long)money_yuan(amt), money_fen_part(amt));
		csv_cell(f, id_text(c->id, b), false);
		csv_cell(f, id_text(db_int(st, 0), l), false);
		csv_cell(f, id_text(db_int(st, 1), cl), false);
		csv_cell(f, db_text(st, 3), false);
		csv_cell(f, idn, false);
		csv_cell(f, fen, false);
		csv_cell(f, yuan, true);
		c->n++;
	}
	arena_free(ar);
	if (st && db_finish(st, e))
		rc = -1;
	fclose(f);
	if (rc)
		return -1;
	if (db_run(t->d, "UPDATE subsidy_pay_batches SET exported_at = $1 WHERE id = $2",
		   DB_ARGS(DV_I(now_s()), DV_I(c->id)), e) < 0)
		return -1;
	/* the full id numbers left in this file: who took it, when, how many lines */
	tx_audit(t, "training.pay_batch.export", "pay_batch", c->id,
		 json_pack("{s:I, s:s}", "lines", (json_int_t)c->n, "contains",
			   "full id numbers (bank file)"));
	return 0;
}

int pay_batch_export(db *d, const principal *a, int64_t id, char **out, size_t *len, err *e)
{
	char region[16];
	if (load_batch(d, a, id, region, e))
		return -1;
	struct export_ctx c = {.id = id};
	if (svc_tx(d, a, export_work, &c, e)) {
		free(c.buf);
		return -1;
	}
	*out = c.buf;
	*len = c.len;
	return 0;
}

/* ---- the bank's results ---- */

enum { C_BATCH, C_LINE, C_CLAIM, C_RESULT, C_REASON, C_N };

static const tab_col cols[C_N] = {
	[C_BATCH] = {"batch_no", "批次号", {0}, TAB_REQUIRED},
	[C_LINE] = {"line_no", "序号", {0}, TAB_REQUIRED},
	[C_CLAIM] = {"claim_id", "申领编号", {0}, TAB_REQUIRED},
	[C_RESULT] = {"result", "结果", {"支付结果"}, TAB_REQUIRED},
	[C_REASON] = {"reason", "原因", {"失败原因"}, 0},
};
static const tab_spec spec = {cols, C_N, TAB_TRIM};

struct results_ctx {
	db *d;
	const principal *a;
	int64_t id;
	int64_t paid, failed, unchanged;
};

static int64_t num(const char *s)
{
	if (!s || !*s)
		return -1;
	char *end;
	long long v = strtoll(s, &end, 10);
	return *end || v <= 0 ? -1 : v;
}

static int result_row(void *ctx, const tab_row *r, err *e)
{
	struct results_ctx *c = ctx;
	int64_t batch = num(tab_get(r, C_BATCH)), line = num(tab_get(r, C_LINE)),
		claim = num(tab_get(r, C_CLAIM));
	const char *res = tab_get(r, C_RESULT), *reason = tab_get(r, C_REASON);
	if (batch != c->id) {
		err_set(e, 422, "unknown_line", "batch_no", "批次号与本批次不符", "not a line of this batch");
		return 1;
	}
	bool paid;
	if (res && (!strcmp(res, "paid") || !strcmp(res, "成功")))
		paid = true;
	else if (res && (!strcmp(res, "failed") || !strcmp(res, "失败")))
		paid = false;
	else {
		err_set(e, 422, "invalid_value", "result", "结果应为 成功/paid 或 失败/failed",
			"result is paid/成功 or failed/失败");
		return 1;
	}
	if (!paid && (!reason || !*reason)) {
		err_set(e, 422, "required", "reason", "失败的行须写明原因", "a failed line needs its reason");
		return 1;
	}
	if (reason && check_text(reason, "reason", 200, false, e))
		return 1;
	db_stmt *st = db_query(
		c->d, "SELECT claim_id, status FROM subsidy_pay_lines WHERE batch_id = $1 AND line_no = $2",
		DB_ARGS(DV_I(c->id), DV_I(line)), e);
	int row = st ? db_row(st, e) : -1;
	int64_t lclaim = 0;
	char status[16] = "";
	if (row == 1) {
		lclaim = db_int(st, 0);
		snprintf(status, sizeof status, "%s", db_text(st, 1));
	}
	db_done(st);
	if (row < 0)
		return -1;
	if (row == 0 || lclaim != claim) {
		err_set(e, 422, "unknown_line", row == 0 ? "line_no" : "claim_id",
			"本批次没有该行（序号与申领编号不符）",
			"no such line in this batch (line and claim do not match)");
		return 1;
	}
	const char *want = paid ? "paid" : "failed";
	if (!strcmp(status, want)) {
		c->unchanged++; /* the same result again: nothing to do */
		return 0;
	}
	if (strcmp(status, "sent")) {
		err_set(e, 409, "result_conflict", "result", "该行已有相反的支付结果",
			"the line already has the other result");
		return 1;
	}
	tx t = {.d = c->d, .a = c->a, .attempt = 1};
	int64_t entry = 0;
	char key[24];
	if (paid) {
		if (ledger_pay_tx(&t, claim, &entry, e))
			return err_isset(e) && e->status < 500 ? 1 : -1;
		if (db_run(c->d,
			   "UPDATE subsidy_pay_lines SET status = 'paid', pay_entry = $1, updated_at = $2 "
			   "WHERE "
			   "batch_id = $3 AND line_no = $4 AND status = 'sent'",
			   DB_ARGS(DV_I(entry), DV_I(now_s()), DV_I(c->id), DV_I(line)), e) != 1)
			return -1;
		c->paid++;
	} else {
		/* the claim stays payable (it was never paid); the line frees it for a later batch */
		if (db_run(c->d,
			   "UPDATE subsidy_pay_lines SET status = 'failed', reason = $1, updated_at = $2 "
			   "WHERE "
			   "batch_id = $3 AND line_no = $4 AND status = 'sent'",
			   DB_ARGS(DV_S(reason), DV_I(now_s()), DV_I(c->id), DV_I(line)), e) != 1)
			return -1;
		c->failed++;
	}
	json_t *det = json_pack("{s:s, s:s, s:I, s:I, s:s}", "from", "payable", "to",
				paid ? "paid" : "payable", "batch_id", (json_int_t)c->id, "line_no",
				(json_int_t)line, "reason", reason ? reason : "");
	if (entry)
		json_object_set_new(det, "entry_id", json_integer(entry));
	int rc = tx_audit_now(&t, paid ? "subsidy_claim.paid" : "subsidy_claim.pay_failed", "subsidy_claim",
			      id_text(claim, key), det, e);
	json_decref(det);
	return rc ? -1 : 0;
}

static json_t *results_detail(void *ctx, const import_result *res)
{
	struct results_ctx *c = ctx;
	return json_pack("{s:I, s:I, s:I, s:I, s:I}", "rows", (json_int_t)res->rows, "paid",
			 (json_int_t)c->paid, "failed", (json_int_t)c->failed, "unchanged",
			 (json_int_t)c->unchanged, "rejected", (json_int_t)res->rejected);
}

static const import_def results_def = {
	.spec = &spec,
	.row = result_row,
	.audit_action = "training.pay_batch.results",
	.audit_entity = "pay_batch",
	.audit_detail = results_detail,
};

json_t *pay_batch_results(db *d, const principal *a, int64_t id, const char *data, size_t len, err *e)
{
	char region[16], key[24];
	if (load_batch(d, a, id, region, e))
		return NULL;
	struct results_ctx c = {.d = d, .a = a, .id = id};
	import_opts o = {.data = data, .len = len, .audit_entity_id = id_text(id, key)};
	import_result res;
	if (import_exec(d, a, &results_def, &c, &o, &res, e) != 0) {
		import_result_free(&res);
		return NULL;
	}
	json_t *out =
		json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:b, s:s, s:o}", "batch_id", (json_int_t)id, "rows",
			  (json_int_t)res.rows, "paid", (json_int_t)c.paid, "failed", (json_int_t)c.failed,
			  "unchanged", (json_int_t)c.unchanged, "rejected", (json_int_t)res.rejected,
			  "stored", res.stored, "encoding", res.encoding ? res.encoding : "utf-8", "errors",
			  import_errors_json(&results_def, &res));
	import_result_free(&res);
	return out;
}
