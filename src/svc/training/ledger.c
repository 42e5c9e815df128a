/* ledger.c: the subsidy ledger (ledger.h) */
#include "util/common.h"
#include "svc/training/ledger.h"
#include "svc/base/svc.h"
#include "svc/base/scope.h"
#include "crypto/sm3.h"
#include "util/buf.h"
#include <jansson.h>
#include <time.h>
#include "svc/stats/counters.h"

#define ZERO_HASH "0000000000000000000000000000000000000000000000000000000000000000"

/* ---- the hash chain ---- */

static void field(buf *b, const char *s)
{
	buf_printf(b, "%zu:", strlen(s));
	buf_adds(b, s);
	buf_addc(b, ';');
}

static void field_i(buf *b, int64_t v)
{
	char n[24];
	snprintf(n, sizeof n, "%lld", (long long)v);
	field(b, n);
}

/* the canonical text of an entry's head; its lines follow (line_field), then the previous hash */
static void head_fields(buf *b, int64_t seq, const char *kind, const char *region, int64_t claim,
			int64_t reverses, const char *memo, int64_t at, const char *actor, int64_t nlines)
{
	field(b, "jineng-ledger-v1");
	field_i(b, seq);
	field(b, kind);
	field(b, region);
	field_i(b, claim);
	field_i(b, reverses);
	field(b, memo);
	field_i(b, at);
	field(b, actor);
	field_i(b, nlines);
}

static void line_fields(buf *b, const char *account, fen_t amount)
{
	field(b, account);
	field_i(b, amount);
}

static void finish_hash(buf *b, const char *prev, char out[65])
{
	field(b, prev);
	uint8_t h[32];
	sm3_digest(b->ptr, b->len, h);
	hex_encode(h, 32, out);
}

/* ---- accounts ---- */

int ledger_account(db *d, const char *kind, const char *region, int64_t person_id, int64_t employer_id,
		   int64_t *id, err *e)
{
	char code[96], name[128];
	bool payee = !strcmp(kind, "payable") || !strcmp(kind, "recovery");
	if (payee && employer_id)
		snprintf(code, sizeof code, "%s:employer:%lld", kind, (long long)employer_id);
	else if (payee)
		snprintf(code, sizeof code, "%s:person:%lld", kind, (long long)person_id);
	else
		snprintf(code, sizeof code, "%s:%s", kind, region);
	snprintf(name, sizeof name, "%s %s",
		 !strcmp(kind, "fund")	     ? "补贴资金"
		 : !strcmp(kind, "clearing") ? "银行清算"
		 : !strcmp(kind, "payable")  ? "应付补贴"
					     : "应收追回款",
		 code);
	if (db_run(d,
		   "INSERT INTO ledger_accounts (code, kind, region_code, person_id, employer_id, name, "
		   "balance_fen, created_at) VALUES ($1,$2,$3,$4,$5,$6,0,$7) ON CONFLICT (code) DO NOTHING",
		   DB_ARGS(DV_S(code), DV_S(kind), DV_S(region),
			   payee && !employer_id ? DV_I(person_id) : DV_NULL,
			   payee && employer_id ? DV_I(employer_id) : DV_NULL, DV_S(name), DV_I(now_s())),
		   e) < 0)
		return -1;
	int rc = db_one_int(d, "SELECT id FROM ledger_accounts WHERE code = $1", DB_ARGS(DV_S(code)), id, e);
	return rc == DB_OK ? 0 : db_rc_to_err(d, rc == DB_NOT_FOUND ? DB_ERROR : rc, e);
}

/* ledger_account_code: another programme's account (prize money, grants) under its own code */
int ledger_account_code(db *d, const char *code, const char *kind, const char *region, int64_t person_id,
			int64_t employer_id, const char *name, int64_t *id, err *e)
{
	if (db_run(d,
		   "INSERT INTO ledger_accounts (code, kind, region_code, person_id, employer_id, name, "
		   "balance_fen, created_at) VALUES ($1,$2,$3,$4,$5,$6,0,$7) ON CONFLICT (code) DO NOTHING",
		   DB_ARGS(DV_S(code), DV_S(kind), DV_S(region), person_id ? DV_I(person_id) : DV_NULL,
			   employer_id ? DV_I(employer_id) : DV_NULL, DV_S(name), DV_I(now_s())),
		   e) < 0)
		return -1;
	int rc = db_one_int(d, "SELECT id FROM ledger_accounts WHERE code = $1", DB_ARGS(DV_S(code)), id, e);
	return rc == DB_OK ? 0 : db_rc_to_err(d, rc == DB_NOT_FOUND ? DB_ERROR : rc, e);
}

/* ---- posting ---- */

int ledger_post(tx *t, const struct ledger_entry_in *in, int64_t *entry_id, err *e)
{
	db *d = t->d;
	if (in->nlines < 2 || in->nlines > LEDGER_MAX_LINES)
		return err_set(e, 422, "unbalanced_entry", "lines", "记账凭证须有2至%d行",
			       "an entry has 2 to %d lines", LEDGER_MAX_LINES);
	fen_t sum = 0;
	for (int i = 0; i < in->nlines; i++) {
		if (in->lines[i].amount == 0 || money_add(sum, in->lines[i].amount, &sum) != MONEY_OK)
			return err_set(e, 422, "unbalanced_entry", "lines", "记账凭证的金额为零或溢出",
				       "an entry line is zero or overflows");
	}
	if (sum != 0)
		return err_set(e, 422, "unbalanced_entry", "lines", "记账凭证借贷不平",
			       "the entry does not balance");

	/* the head first: it serialises appends, so seq and prev_hash are this transaction's */
	db_stmt *st = db_query(d, "UPDATE ledger_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash",
			       DB_NOARGS, e);
	int row = st ? db_row(st, e) : -1;
	if (row != 1) {
		db_done(st);
		return row == 0 ? err_set(e, 500, "internal", NULL, "服务器内部错误",
					  "internal error (no ledger head)")
				: -1;
	}
	int64_t seq = db_int(st, 0);
	char prev[65], hash[65];
	snprintf(prev, sizeof prev, "%s", db_text(st, 1));
	db_done(st);

	const char *actor = t->a && t->a->username[0] ? t->a->username : "system";
	const char *memo = in->memo ? in->memo : "";
	int64_t at = now_s();
	buf b;
	buf_init(&b, 0);
	head_fields(&b, seq, in->kind, in->region, in->claim_id, in->reverses, memo, at, actor, in->nlines);
	int res = -1;
	for (int i = 0; i < in->nlines; i++) {
		st = db_query(d, "SELECT code FROM ledger_accounts WHERE id = $1",
			      DB_ARGS(DV_I(in->lines[i].account_id)), e);
		row = st ? db_row(st, e) : -1;
		if (row == 1)
			line_fields(&b, db_text(st, 0), in->lines[i].amount);
		db_done(st);
		if (row != 1) {
			if (row == 0)
				err_set(e, 422, "invalid_value", "account", "账户不存在", "no such account");
			goto out;
		}
	}
	finish_hash(&b, prev, hash);

	st = db_query(
		d,
		"INSERT INTO ledger_entries (seq, kind, region_code, claim_id, reverses, memo, at, actor, "
		"prev_hash, hash) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) RETURNING id",
		DB_ARGS(DV_I(seq), DV_S(in->kind), DV_S(in->region),
			in->claim_id ? DV_I(in->claim_id) : DV_NULL,
			in->reverses ? DV_I(in->reverses) : DV_NULL, DV_S(memo), DV_I(at), DV_S(actor),
			DV_S(prev), DV_S(hash)),
		e);
	row = st ? db_row(st, e) : -1;
	int64_t id = row == 1 ? db_int(st, 0) : 0;
	db_done(st);
	if (!id) {
		if (!err_isset(e))
			err_set(e, 500, "internal", NULL, "服务器内部错误",
				"internal error (entry not written)");
		goto out;
	}
	fen_t running = 0;
	for (int i = 0; i < in->nlines; i++) {
		const struct ledger_line_in *l = &in->lines[i];
		fen_t after = running + l->amount; /* the prefix sums were checked above */
		int n = i + 1;
		if (db_run(d,
			   "INSERT INTO ledger_lines (entry_id, line_no, nlines, account_id, amount_fen, "
			   "before_fen, "
			   "after_fen, prev_no, close_no, close_zero) VALUES "
			   "($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)",
			   DB_ARGS(DV_I(id), DV_I(n), DV_I(in->nlines), DV_I(l->account_id), DV_I(l->amount),
				   DV_I(running), DV_I(after), n > 1 ? DV_I(n - 1) : DV_NULL,
				   n == 1 ? DV_I(in->nlines) : DV_NULL, n == 1 ? DV_I(0) : DV_NULL),
			   e) < 0)
			goto out;
		if (db_run(d, "UPDATE ledger_accounts SET balance_fen = balance_fen + $1 WHERE id = $2",
			   DB_ARGS(DV_I(l->amount), DV_I(l->account_id)), e) != 1) {
			if (!err_isset(e))
				err_set(e, 422, "invalid_value", "account", "账户不存在", "no such account");
			goto out;
		}
		running = after;
	}
	if (db_run(d, "UPDATE ledger_head SET hash = $1 WHERE id = 1", DB_ARGS(DV_S(hash)), e) < 0)
		goto out;
	*entry_id = id;
	res = 0;
out:
	buf_free(&b);
	return res;
}

/* ---- the claim's money ---- */

struct claim_row {
	int64_t id, person_id, employer_id;
	char region[16], status[16], kind[16];
	fen_t amount;
};

static int load_claim(db *d, int64_t id, struct claim_row *c, err *e)
{
	db_stmt *st =
		db_query(d,
			 "SELECT id, person_id, employer_id, region_code, status, kind, amount_fen FROM "
			 "subsidy_claims WHERE id = $1",
			 DB_ARGS(DV_I(id)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		c->id = db_int(st, 0);
		c->person_id = db_int(st, 1);
		c->employer_id = db_int(st, 2);
		snprintf(c->region, sizeof c->region, "%s", db_text(st, 3));
		snprintf(c->status, sizeof c->status, "%s", db_text(st, 4));
		snprintf(c->kind, sizeof c->kind, "%s", db_text(st, 5));
		c->amount = db_int(st, 6);
	}
	db_done(st);
	if (row == 0)
		return err_set(e, 404, "not_found", "claim_id", "补贴申领不存在", "no such claim");
	return row == 1 ? 0 : -1;
}

/* may the caller move the claim's money? The scope table's write reach (core/scope.c SE_SUBSIDY_CLAIM: the
 * province, the claim's city): 404 when it may not even read the claim, 403 when it may only read it. A
 * NULL principal is the system (a revocation's own transaction checks its own scope). */
static int may_pay(db *d, const principal *a, int64_t claim_id, err *e)
{
	if (!a)
		return 0;
	return scope_check(d, a, SE_SUBSIDY_CLAIM, claim_id, SCOPE_WRITE, "claim_id", e);
}

static int set_status(db *d, int64_t claim, const char *from, const char *to, err *e)
{
	/* the claim's statistics counters (paid, amount paid) follow its status */
	if (stat_count_db(d, STE_CLAIM, DV_I(claim), DV_NULL, -1, e) != 0)
		return -1;
	int64_t n = db_run(
		d, "UPDATE subsidy_claims SET status = $1, updated_at = $2 WHERE id = $3 AND status = $4",
		DB_ARGS(DV_S(to), DV_I(now_s()), DV_I(claim), DV_S(from)), e);
	if (n < 0 || stat_count_db(d, STE_CLAIM, DV_I(claim), DV_NULL, +1, e) != 0)
		return -1;
	if (n == 0)
		return err_set(e, 409, "invalid_state", "status", "补贴申领的状态须为%s",
			       "the claim must be %s", from);
	return 0;
}

static int need_reason(const char *reason, err *e)
{
	if (!reason || !reason[0])
		return err_set(e, 422, "missing_field", "reason", "须填写原因", "a reason is required");
	return check_text(reason, "reason", 500, true, e);
}

/* posts a two-line entry: `debit` gets +amount, `credit` -amount */
static int post2(tx *t, const char *kind, const struct claim_row *c, int64_t debit, int64_t credit,
		 fen_t amount, int64_t reverses, const char *memo, int64_t *entry, err *e)
{
	struct ledger_line_in lines[2] = {{debit, amount}, {credit, -amount}};
	struct ledger_entry_in in = {.kind = kind,
				     .region = c->region,
				     .claim_id = c->id,
				     .reverses = reverses,
				     .memo = memo,
				     .lines = lines,
				     .nlines = 2};
	return ledger_post(t, &in, entry, e);
}

static int accounts(db *d, const struct claim_row *c, int64_t *fund, int64_t *payable, int64_t *clearing,
		    int64_t *recovery, err *e)
{
	if ((fund && ledger_account(d, "fund", c->region, 0, 0, fund, e)) ||
	    (clearing && ledger_account(d, "clearing", c->region, 0, 0, clearing, e)) ||
	    (payable && ledger_account(d, "payable", c->region, c->person_id, c->employer_id, payable, e)) ||
	    (recovery && ledger_account(d, "recovery", c->region, c->person_id, c->employer_id, recovery, e)))
		return -1;
	return 0;
}

static int count_entries(db *d, int64_t claim, const char *kind, int64_t *n, err *e)
{
	int rc = db_one_int(d, "SELECT COUNT(*) FROM ledger_entries WHERE claim_id = $1 AND kind = $2",
			    DB_ARGS(DV_I(claim), DV_S(kind)), n, e);
	return rc == DB_OK ? 0 : db_rc_to_err(d, rc, e);
}

static json_t *entry_detail(const struct claim_row *c, int64_t entry, const char *kind, fen_t amount)
{
	return json_pack("{s:I, s:s, s:s, s:I}", "entry_id", (json_int_t)entry, "kind", kind, "region",
			 c->region, "amount_fen", (json_int_t)amount);
}

static int accrue_claim(tx *t, const struct claim_row *c, int64_t *entry, err *e)
{
	int64_t n, fund, payable;
	if (count_entries(t->d, c->id, "accrue", &n, e))
		return -1;
	if (n)
		return err_set(e, 409, "already_accrued", "claim_id", "该补贴已核定应付",
			       "the claim was already accrued");
	if (c->amount <= 0)
		return err_set(e, 409, "invalid_state", "amount_fen", "补贴金额为零，无需记账",
			       "the claim's amount is zero");
	if (accounts(t->d, c, &fund, &payable, NULL, NULL, e))
		return -1;
	return post2(t, "accrue", c, fund, payable, c->amount, 0, "核定应付", entry, e);
}

int ledger_accrue_tx(tx *t, int64_t claim_id, int64_t *entry, err *e)
{
	struct claim_row c;
	if (load_claim(t->d, claim_id, &c, e))
		return -1;
	if (strcmp(c.status, "payable"))
		return err_set(e, 409, "invalid_state", "status", "补贴申领的状态须为可支付",
			       "the claim must be payable");
	return accrue_claim(t, &c, entry, e);
}

struct op {
	int64_t id; /* the claim, or the entry to reverse */
	const char *reason;
	int64_t entry; /* out */
};

static int load_for(tx *t, int64_t claim, struct claim_row *c, err *e)
{
	if (load_claim(t->d, claim, c, e))
		return -1;
	return may_pay(t->d, t->a, claim, e);
}

static int accrue_work(tx *t, void *ctx, err *e)
{
	struct op *o = ctx;
	struct claim_row c;
	if (load_for(t, o->id, &c, e) || ledger_accrue_tx(t, o->id, &o->entry, e))
		return -1;
	tx_audit(t, "ledger.accrue", "subsidy_claim", c.id, entry_detail(&c, o->entry, "accrue", c.amount));
	return 0;
}

int ledger_accrue(db *d, const principal *a, int64_t claim_id, int64_t *entry, err *e)
{
	struct op o = {.id = claim_id};
	if (svc_tx(d, a, accrue_work, &o, e))
		return -1;
	*entry = o.entry;
	return 0;
}

int ledger_pay_tx(tx *t, int64_t claim_id, int64_t *entry, err *e)
{
	struct claim_row c;
	int64_t n, payable, clearing, accrued;
	if (load_claim(t->d, claim_id, &c, e) || set_status(t->d, c.id, "payable", "paid", e) ||
	    count_entries(t->d, c.id, "accrue", &n, e))
		return -1;
	if (!n && accrue_claim(t, &c, &accrued, e))
		return -1;
	if (accounts(t->d, &c, NULL, &payable, &clearing, NULL, e) ||
	    post2(t, "pay", &c, payable, clearing, c.amount, 0, "支付至社保卡", entry, e))
		return -1;
	return 0;
}

static int pay_work(tx *t, void *ctx, err *e)
{
	struct op *o = ctx;
	struct claim_row c;
	if (load_for(t, o->id, &c, e) || ledger_pay_tx(t, o->id, &o->entry, e))
		return -1;
	tx_audit(t, "ledger.pay", "subsidy_claim", c.id, entry_detail(&c, o->entry, "pay", c.amount));
	return 0;
}

int ledger_pay(db *d, const principal *a, int64_t claim_id, int64_t *entry, err *e)
{
	struct op o = {.id = claim_id};
	if (svc_tx(d, a, pay_work, &o, e))
		return -1;
	*entry = o.entry;
	return 0;
}

int ledger_reverse_tx(tx *t, int64_t pay_entry, const char *reason, int64_t *claim_id, int64_t *entry, err *e)
{
	if (need_reason(reason, e))
		return -1;
	int64_t claim = 0;
	char kind[16] = "";
	db_stmt *st = db_query(t->d, "SELECT kind, claim_id FROM ledger_entries WHERE id = $1",
			       DB_ARGS(DV_I(pay_entry)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		snprintf(kind, sizeof kind, "%s", db_text(st, 0));
		claim = db_int(st, 1);
	}
	db_done(st);
	if (row < 0)
		return -1;
	if (row == 0)
		return err_set(e, 404, "not_found", "entry_id", "记账凭证不存在", "no such entry");
	if (strcmp(kind, "pay") || !claim)
		return err_set(e, 409, "invalid_state", "entry_id", "只能冲正支付凭证",
			       "only a pay entry can be reversed");
	struct claim_row c;
	int64_t payable, clearing;
	if (claim_id && *claim_id && *claim_id != claim)
		return err_set(e, 409, "invalid_state", "entry_id", "该凭证不属于此补贴申领",
			       "the entry is not this claim's");
	if (load_claim(t->d, claim, &c, e) || may_pay(t->d, t->a, claim, e) ||
	    set_status(t->d, c.id, "paid", "payable", e) ||
	    accounts(t->d, &c, NULL, &payable, &clearing, NULL, e))
		return -1;
	/* the mirror of the pay entry; reverses is unique, so an entry is reversed at most once */
	if (post2(t, "reverse", &c, clearing, payable, c.amount, pay_entry, reason, entry, e))
		return -1;
	if (claim_id)
		*claim_id = claim;
	return 0;
}

int ledger_last_pay(db *d, int64_t claim_id, int64_t *entry, err *e)
{
	*entry = 0;
	int rc = db_one_int(d,
			    "SELECT COALESCE(MAX(p.id), 0) FROM ledger_entries p WHERE p.claim_id = $1 AND "
			    "p.kind = 'pay' AND "
			    "NOT EXISTS (SELECT 1 FROM ledger_entries r WHERE r.reverses = p.id)",
			    DB_ARGS(DV_I(claim_id)), entry, e);
	return rc == DB_OK ? 0 : db_rc_to_err(d, rc, e);
}

int ledger_unaccrue_tx(tx *t, int64_t claim_id, const char *reason, int64_t *entry, err *e)
{
	*entry = 0;
	int64_t acc = 0, fund, payable;
	int rc = db_one_int(
		t->d,
		"SELECT COALESCE(MAX(a.id), 0) FROM ledger_entries a WHERE a.claim_id = $1 AND a.kind = "
		"'accrue' AND NOT EXISTS (SELECT 1 FROM ledger_entries r WHERE r.reverses = a.id)",
		DB_ARGS(DV_I(claim_id)), &acc, e);
	if (rc != DB_OK)
		return db_rc_to_err(t->d, rc, e);
	if (!acc)
		return 0;
	struct claim_row c;
	if (load_claim(t->d, claim_id, &c, e) || accounts(t->d, &c, &fund, &payable, NULL, NULL, e))
		return -1;
	return post2(t, "reverse", &c, payable, fund, c.amount, acc, reason, entry, e);
}

static int reverse_work(tx *t, void *ctx, err *e)
{
	struct op *o = ctx;
	int64_t claim = 0;
	struct claim_row c;
	if (ledger_reverse_tx(t, o->id, o->reason, &claim, &o->entry, e) || load_claim(t->d, claim, &c, e))
		return -1;
	json_t *det = entry_detail(&c, o->entry, "reverse", c.amount);
	json_object_set_new(det, "reverses", json_integer(o->id));
	json_object_set_new(det, "reason", json_string(o->reason));
	tx_audit(t, "ledger.reverse", "subsidy_claim", c.id, det);
	return 0;
}

int ledger_reverse(db *d, const principal *a, int64_t pay_entry, const char *reason, int64_t *entry, err *e)
{
	struct op o = {.id = pay_entry, .reason = reason};
	if (svc_tx(d, a, reverse_work, &o, e))
		return -1;
	*entry = o.entry;
	return 0;
}

int ledger_recover_tx(tx *t, int64_t claim_id, const char *reason, int64_t *entry, err *e)
{
	struct claim_row c;
	int64_t fund, recovery;
	if (need_reason(reason, e) || load_claim(t->d, claim_id, &c, e) ||
	    set_status(t->d, c.id, "paid", "recovered", e) ||
	    accounts(t->d, &c, &fund, NULL, NULL, &recovery, e) ||
	    post2(t, "recover", &c, recovery, fund, c.amount, 0, reason, entry, e))
		return -1;
	return 0;
}

static int recover_work(tx *t, void *ctx, err *e)
{
	struct op *o = ctx;
	struct claim_row c;
	if (load_for(t, o->id, &c, e) || ledger_recover_tx(t, o->id, o->reason, &o->entry, e))
		return -1;
	json_t *det = entry_detail(&c, o->entry, "recover", c.amount);
	json_object_set_new(det, "reason", json_string(o->reason));
	tx_audit(t, "ledger.recover", "subsidy_claim", c.id, det);
	return 0;
}

int ledger_recover(db *d, const principal *a, int64_t claim_id, const char *reason, int64_t *entry, err *e)
{
	struct op o = {.id = claim_id, .reason = reason};
	if (svc_tx(d, a, recover_work, &o, e))
		return -1;
	*entry = o.entry;
	return 0;
}

static int recovered_work(tx *t, void *ctx, err *e)
{
	struct op *o = ctx;
	struct claim_row c;
	int64_t n, clearing, recovery;
	if (load_for(t, o->id, &c, e))
		return -1;
	if (strcmp(c.status, "recovered"))
		return err_set(e, 409, "invalid_state", "status", "补贴申领的状态须为已追回",
			       "the claim must be recovered");
	/* the claim row first: it serialises two clerks booking the same money */
	if (set_status(t->d, c.id, "recovered", "recovered", e) ||
	    count_entries(t->d, c.id, "recovered", &n, e))
		return -1;
	if (n)
		return err_set(e, 409, "already_recovered", "claim_id", "追回款已到账",
			       "the recovery was already booked");
	if (accounts(t->d, &c, NULL, NULL, &clearing, &recovery, e) ||
	    post2(t, "recovered", &c, clearing, recovery, c.amount, 0, "追回款到账", &o->entry, e))
		return -1;
	tx_audit(t, "ledger.recovered", "subsidy_claim", c.id,
		 entry_detail(&c, o->entry, "recovered", c.amount));
	return 0;
}

int ledger_recovered(db *d, const principal *a, int64_t claim_id, int64_t *entry, err *e)
{
	struct op o = {.id = claim_id};
	if (svc_tx(d, a, recovered_work, &o, e))
		return -1;
	*entry = o.entry;
	return 0;
}

/* ---- verification ---- */

static int bad(struct ledger_report *r, int64_t seq, const char *zh, const char *en)
{
	r->bad_entry = seq;
	snprintf(r->problem_zh, sizeof r->problem_zh, "%s", zh);
	snprintf(r->problem, sizeof r->problem, "%s", en);
	return 1;
}

static int verify_sums(db *d, struct ledger_report *r, err *e)
{
	/* every entry: its lines sum to zero, number nlines (>= 2) and are 1..nlines */
	db_stmt *st =
		db_query(d,
			 "SELECT e.seq, COUNT(l.line_no), COALESCE(SUM(l.amount_fen), 0), MIN(l.nlines), "
			 "MAX(l.nlines), COALESCE(MAX(l.line_no), 0) FROM ledger_entries e LEFT JOIN "
			 "ledger_lines l ON l.entry_id = e.id GROUP BY e.id, e.seq ORDER BY e.seq",
			 DB_NOARGS, e);
	if (!st)
		return -1;
	int res = 0;
	while (!res && db_step(st) == DB_ROW) {
		int64_t seq = db_int(st, 0), n = db_int(st, 1), sum = db_int(st, 2);
		char zh[160], en[160];
		if (n < 2 || db_int(st, 3) != n || db_int(st, 4) != n || db_int(st, 5) != n) {
			snprintf(zh, sizeof zh, "记账凭证 %lld 的分录行数不符（%lld 行）", (long long)seq,
				 (long long)n);
			snprintf(en, sizeof en, "entry %lld has a wrong number of lines (%lld)",
				 (long long)seq, (long long)n);
			res = bad(r, seq, zh, en);
		} else if (sum != 0) {
			snprintf(zh, sizeof zh, "记账凭证 %lld 借贷不平（差额 %lld 分）", (long long)seq,
				 (long long)sum);
			snprintf(en, sizeof en, "entry %lld does not balance (off by %lld fen)",
				 (long long)seq, (long long)sum);
			res = bad(r, seq, zh, en);
		}
	}
	if (db_finish(st, e))
		return -1;
	if (res)
		return res;
	/* lines of no entry (cannot exist with the foreign key, checked all the same) */
	int64_t orphans = 0;
	int rc = db_one_int(
		d,
		"SELECT COUNT(*) FROM ledger_lines l WHERE NOT EXISTS (SELECT 1 FROM ledger_entries e "
		"WHERE e.id = l.entry_id)",
		DB_NOARGS, &orphans, e);
	if (rc != DB_OK)
		return db_rc_to_err(d, rc, e);
	if (orphans)
		return bad(r, 0, "存在不属于任何记账凭证的分录行", "lines that belong to no entry");

	/* every account: its balance is the sum of its lines; the balances sum to zero */
	st = db_query(
		d,
		"SELECT a.code, a.balance_fen, COALESCE((SELECT SUM(l.amount_fen) FROM ledger_lines l WHERE "
		"l.account_id = a.id), 0) FROM ledger_accounts a ORDER BY a.id",
		DB_NOARGS, e);
	if (!st)
		return -1;
	fen_t total = 0;
	bool overflow = false;
	while (!res && db_step(st) == DB_ROW) {
		r->accounts++;
		int64_t bal = db_int(st, 1), sum = db_int(st, 2);
		if (money_add(total, bal, &total) != MONEY_OK)
			overflow = true;
		if (bal != sum) {
			char zh[200], en[200];
			snprintf(zh, sizeof zh, "账户 %s 的余额 %lld 分与其分录合计 %lld 分不符",
				 db_text(st, 0), (long long)bal, (long long)sum);
			snprintf(en, sizeof en, "account %s holds %lld fen but its lines sum to %lld",
				 db_text(st, 0), (long long)bal, (long long)sum);
			res = bad(r, 0, zh, en);
		}
	}
	if (db_finish(st, e))
		return -1;
	if (!res && (overflow || total != 0))
		res = bad(r, 0, "各账户余额合计不为零", "the account balances do not sum to zero");
	return res;
}

static int verify_chain(db *d, struct ledger_report *r, err *e)
{
	db_stmt *st = db_query(
		d,
		"SELECT e.seq, e.kind, e.region_code, COALESCE(e.claim_id, 0), COALESCE(e.reverses, 0), "
		"e.memo, e.at, e.actor, e.prev_hash, e.hash, l.line_no, l.nlines, a.code, l.amount_fen "
		"FROM ledger_entries e JOIN ledger_lines l ON l.entry_id = e.id JOIN ledger_accounts a ON "
		"a.id = l.account_id ORDER BY e.seq, l.line_no",
		DB_NOARGS, e);
	if (!st)
		return -1;
	char prev[65] = ZERO_HASH, stored[65] = "", hash[65];
	int64_t seq = 0, expect = 1, nlines = 0;
	buf b;
	buf_init(&b, 0);
	int res = 0;
	bool open = false;
	while (!res && db_step(st) == DB_ROW) {
		int64_t s = db_int(st, 0), line = db_int(st, 10);
		if (line == 1) {
			if (open) { /* close the previous entry */
				finish_hash(&b, prev, hash);
				if (strcmp(hash, stored)) {
					res = bad(r, seq, "记账凭证或其分录被改动",
						  "an entry or its lines were altered");
					break;
				}
				snprintf(prev, sizeof prev, "%s", stored);
			}
			seq = s;
			if (seq != expect) {
				res = bad(r, seq, "记账凭证缺失或顺序被打乱",
					  "an entry is missing or out of order");
				break;
			}
			expect++;
			r->entries++;
			if (strcmp(db_text(st, 8), prev)) {
				res = bad(r, seq, "记账凭证的前序哈希不符",
					  "an entry's previous hash does not match");
				break;
			}
			snprintf(stored, sizeof stored, "%s", db_text(st, 9));
			nlines = db_int(st, 11);
			buf_reset(&b);
			head_fields(&b, seq, db_text(st, 1), db_text(st, 2), db_int(st, 3), db_int(st, 4),
				    db_text(st, 5), db_int(st, 6), db_text(st, 7), nlines);
			open = true;
		}
		r->lines++;
		int64_t amount = db_int(st, 13);
		if (amount > 0)
			r->debits += amount;
		line_fields(&b, db_text(st, 12), amount);
	}
	if (db_finish(st, e)) {
		buf_free(&b);
		return -1;
	}
	if (!res && open) {
		finish_hash(&b, prev, hash);
		if (strcmp(hash, stored))
			res = bad(r, seq, "记账凭证或其分录被改动", "an entry or its lines were altered");
		else
			snprintf(prev, sizeof prev, "%s", stored);
	}
	buf_free(&b);
	if (res)
		return res;
	/* the head names the last entry: nothing was cut off the end */
	st = db_query(d, "SELECT seq, hash FROM ledger_head WHERE id = 1", DB_NOARGS, e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1 && (db_int(st, 0) != r->entries || strcmp(db_text(st, 1), prev)))
		res = bad(r, r->entries + 1, "台账末尾的记账凭证缺失（与台账头不符）",
			  "entries are missing at the end (the head does not match)");
	db_done(st);
	if (row < 0)
		return -1;
	if (row == 0)
		return bad(r, 0, "台账头缺失", "the ledger head is missing");
	snprintf(r->head_hash, sizeof r->head_hash, "%s", prev);
	return res;
}

int ledger_verify(db *d, struct ledger_report *r, err *e)
{
	memset(r, 0, sizeof *r);
	db_read_begin(d);
	int rc = verify_sums(d, r, e);
	if (rc == 0)
		rc = verify_chain(d, r, e);
	db_read_end(d);
	return rc;
}

/* ---- the accounts, as a list ---- */

static json_t *account_view(db_stmt *st)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:o, s:o, s:s, s:I}", "id", (json_int_t)db_int(st, 0), "code",
			 db_text(st, 1), "kind", db_text(st, 2), "region_code", db_text(st, 3), "person_id",
			 db_isnull(st, 4) ? json_null() : json_integer(db_int(st, 4)), "employer_id",
			 db_isnull(st, 5) ? json_null() : json_integer(db_int(st, 5)), "name", db_text(st, 6),
			 "balance_fen", (json_int_t)db_int(st, 7));
}

static const struct list_filter account_filters[] = {
	{"kind", "la.kind = ?", LIST_EQ},
	{"region_code", "la.region_code LIKE ?", LIST_REGION},
};
static const struct list_sort account_sorts[] = {{"code", "la.code"}, {"balance_fen", "la.balance_fen"}};
static const struct export_col account_cols[] = {{"code", "账户"},
						 {"name", "名称"},
						 {"kind", "类型"},
						 {"region_code", "地市"},
						 {"balance_fen", "余额（分）"}};

const struct list_spec ledger_account_list = {
	.name = "ledger_accounts",
	.scoped = true,
	.entity = SE_LEDGER_ACCOUNT,
	.count_sql = "SELECT COUNT(*) FROM ledger_accounts la",
	.select_sql =
		"SELECT la.id, la.code, la.kind, la.region_code, la.person_id, la.employer_id, la.name, "
		"la.balance_fen FROM ledger_accounts la",
	.order = "la.code",
	LIST_FILTERS(account_filters),
	LIST_SORTS(account_sorts),
	.view = account_view,
	LIST_COLS(account_cols),
};
