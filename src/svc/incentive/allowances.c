/* allowances.c: the selection programmes' money in the province's ledger — payments, the monthly batch,
 * the stop with its recoveries, the schedule (see allowances.h) */
#include "util/common.h"
#include "svc/incentive/allowances.h"
#include "core/date.h"
#include "core/money.h"
#include "core/selection_rules.h"
#include "svc/base/svc.h"
#include "svc/stats/counters.h"
#include "svc/training/ledger.h"
#include <stdlib.h>

#define PROVINCE "37" /* the province's money: fund:37, clearing:37 */

static json_t *money_json(int64_t fen)
{
	char b[MONEY_BUF];
	money_format(fen, 0, b, sizeof b);
	return json_string(b);
}

static int day_of(const char *s)
{
	int ymd = 0;
	return s && date_parse(s, &ymd) == 0 ? ymd : 0;
}

static int kind_parse(const char *s)
{
	for (int k = 0; k < SP_KIND_COUNT; k++)
		if (!strcmp(s, sel_pay_kind_code(k)))
			return k;
	return -1;
}

/* a nomination's terms (the programme's money, the round's monthly sum as appointed) */
struct nom_terms {
	int64_t id, person;
	char programme[80], status[16];
	struct sel_terms t;
};

static int terms_load(db *d, int64_t id, struct nom_terms *n, err *e)
{
	db_stmt *st =
		db_query(d,
			 "SELECT sn.id, sn.person_id, pg.name, sn.status, sn.term_start, pg.term_months, "
			 "sn.monthly_fen, pg.lump_fen, pg.yearly_fen, pg.yearly_work_fen, sn.ended_on FROM "
			 "selection_nominations sn JOIN selection_rounds r ON r.id = sn.round_id JOIN "
			 "selection_programmes pg ON pg.code = r.programme WHERE sn.id = $1",
			 DB_ARGS(DV_I(id)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		n->id = db_int(st, 0);
		n->person = db_int(st, 1);
		snprintf(n->programme, sizeof n->programme, "%s", db_text(st, 2));
		snprintf(n->status, sizeof n->status, "%s", db_text(st, 3));
		int start = day_of(db_text(st, 4)), ended = day_of(db_text(st, 10));
		n->t = (struct sel_terms){.start_month = start ? sel_month_of(start) : -1,
					  .term_months = (int)db_int(st, 5),
					  .monthly = db_int(st, 6),
					  .lump = db_int(st, 7),
					  .yearly = db_int(st, 8),
					  .work_fund = db_int(st, 9),
					  .stop_month = ended ? sel_month_of(ended) : -1};
	}
	db_done(st);
	if (row == 0)
		return err_set(e, 404, "not_found", NULL, "推荐不存在", "no such nomination");
	return row == 1 ? 0 : -1;
}

/* a no-op UPDATE of the nomination's row: its lock */
static int lock_nomination(tx *t, int64_t id, err *e)
{
	return db_run(t->d, "UPDATE selection_nominations SET status = status WHERE id = $1",
		      DB_ARGS(DV_I(id)), e) < 0
		       ? -1
		       : 0;
}

/* the rows of `ids` (in id order) locked one by one before any money moves: a stop of one of them waits
 * for this unit or is waited for before this unit holds any ledger lock */
static int lock_nominations(tx *t, const int64_t ids[], size_t n, err *e)
{
	for (size_t i = 0; i < n; i++)
		if (lock_nomination(t, ids[i], e))
			return -1;
	return 0;
}

int allowance_pay_tx(tx *t, int64_t nomination, const char *kind, const char *month, int64_t amount_fen,
		     int64_t batch, int *posted, err *e)
{
	*posted = 0;
	struct nom_terms n;
	/* the nomination's row before its terms: a stop in progress is waited for, and nothing is paid for a
	 * month after it (a stop that comes later finds this payment and recovers it) */
	if (lock_nomination(t, nomination, e) || terms_load(t->d, nomination, &n, e))
		return -1;
	if (n.t.stop_month >= 0 && sel_month_parse(month) > n.t.stop_month)
		return 0;
	int k = kind_parse(kind);
	/* the unique key (nomination, kind, month): a second run, however concurrent, inserts nothing */
	int64_t pid = 0;
	int rc = db_one_int(
		t->d,
		"INSERT INTO selection_payments (nomination_id, person_id, kind, month, amount_fen, "
		"batch_id, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7) ON CONFLICT (nomination_id, kind, "
		"month) DO NOTHING RETURNING id",
		DB_ARGS(DV_I(nomination), DV_I(n.person), DV_S(kind), DV_S(month), DV_I(amount_fen),
			batch ? DV_I(batch) : DV_NULL, DV_I(now_s())),
		&pid, e);
	if (rc == DB_NOT_FOUND)
		return 0;
	if (rc != DB_OK || stat_count(t, STE_ALLOWANCE, DV_I(pid), DV_NULL, +1, e))
		return -1;
	int64_t fund, payable, clearing, accrue, pay;
	if (ledger_account(t->d, "fund", PROVINCE, 0, 0, &fund, e) ||
	    ledger_account(t->d, "payable", PROVINCE, n.person, 0, &payable, e) ||
	    ledger_account(t->d, "clearing", PROVINCE, 0, 0, &clearing, e))
		return -1;
	char memo[200];
	snprintf(memo, sizeof memo, "%s %s %s（评选推荐 #%lld）", n.programme, sel_pay_kind_zh(k), month,
		 (long long)nomination);
	struct ledger_line_in l1[] = {{fund, amount_fen}, {payable, -amount_fen}};
	struct ledger_entry_in a1 = {
		.kind = "accrue", .region = PROVINCE, .memo = memo, .lines = l1, .nlines = 2};
	struct ledger_line_in l2[] = {{payable, amount_fen}, {clearing, -amount_fen}};
	struct ledger_entry_in a2 = {
		.kind = "pay", .region = PROVINCE, .memo = memo, .lines = l2, .nlines = 2};
	if (ledger_post(t, &a1, &accrue, e) || ledger_post(t, &a2, &pay, e))
		return -1;
	if (db_run(t->d, "UPDATE selection_payments SET accrue_entry = $2, pay_entry = $3 WHERE id = $1",
		   DB_ARGS(DV_I(pid), DV_I(accrue), DV_I(pay)), e) != 1)
		return -1;
	*posted = 1;
	return 0;
}

/* ---- the monthly batch ---- */

struct batch_ctx {
	const char *month;
	int m;
	int64_t id, npaid, total;
};

static int batch_work(tx *t, void *ctx, err *e)
{
	struct batch_ctx *c = ctx;
	c->npaid = c->total = 0;
	if (db_one_int(t->d,
		       "INSERT INTO allowance_batches (month, npaid, total_fen, run_by, created_at) VALUES "
		       "($1,0,0,$2,$3) RETURNING id",
		       DB_ARGS(DV_S(c->month), t->a->user_id ? DV_I(t->a->user_id) : DV_NULL, DV_I(now_s())),
		       &c->id, e) != DB_OK)
		return -1;
	db_stmt *st = db_query(
		t->d,
		"SELECT sn.id FROM selection_nominations sn JOIN selection_rounds r ON r.id = "
		"sn.round_id JOIN selection_programmes pg ON pg.code = r.programme WHERE sn.status IN "
		"('appointed','ended') AND sn.term_start <> '' AND (sn.monthly_fen > 0 OR "
		"pg.yearly_fen > 0 OR pg.yearly_work_fen > 0 OR pg.lump_fen > 0) ORDER BY sn.id",
		DB_NOARGS, e);
	if (!st)
		return -1;
	size_t n = 0, cap = 256;
	int64_t *ids = malloc(cap * sizeof *ids);
	while (ids && db_step(st) == DB_ROW) {
		if (n == cap) {
			int64_t *nv = realloc(ids, (cap *= 2) * sizeof *ids);
			if (!nv)
				break;
			ids = nv;
		}
		ids[n++] = db_int(st, 0);
	}
	if (db_finish(st, e) || !ids) {
		free(ids);
		return ids ? -1 : err_set(e, 500, "internal", NULL, "内存不足", "out of memory");
	}
	int res = -1;
	if (lock_nominations(t, ids, n, e))
		goto out;
	for (size_t i = 0; i < n; i++) {
		struct nom_terms nt;
		if (terms_load(t->d, ids[i], &nt, e))
			goto out;
		/* the lump sum too: an appointment whose term began after it was made gets it in its first
		 * month */
		static const int kinds[] = {SP_MONTHLY, SP_YEARLY, SP_WORK_FUND, SP_LUMP};
		for (size_t k = 0; k < ARRAY_LEN(kinds); k++) {
			fen_t due = sel_due(&nt.t, kinds[k], c->m);
			int posted = 0;
			if (due > 0 && allowance_pay_tx(t, ids[i], sel_pay_kind_code(kinds[k]), c->month, due,
							c->id, &posted, e))
				goto out;
			if (posted) {
				c->npaid++;
				c->total += due;
			}
		}
	}
	if (db_run(t->d, "UPDATE allowance_batches SET npaid = $2, total_fen = $3 WHERE id = $1",
		   DB_ARGS(DV_I(c->id), DV_I(c->npaid), DV_I(c->total)), e) != 1)
		goto out;
	tx_audit(t, "allowance.batch.run", "allowance_batch", c->id,
		 json_pack("{s:s,s:I,s:I}", "month", c->month, "paid", (json_int_t)c->npaid, "total_fen",
			   (json_int_t)c->total));
	res = 0;
out:
	free(ids);
	return res;
}

static json_t *batch_view(db_stmt *st)
{
	return json_pack("{s:I,s:s,s:I,s:I,s:o,s:I}", "id", (json_int_t)db_int(st, 0), "month",
			 db_text(st, 1), "paid", (json_int_t)db_int(st, 2), "total_fen",
			 (json_int_t)db_int(st, 3), "total", money_json(db_int(st, 3)), "created_at",
			 (json_int_t)db_int(st, 4));
}

json_t *allowance_batch_run(db *d, const principal *a, const char *month, err *e)
{
	if (a->role != ROLE_PROVINCE_ADMIN) {
		err_set(e, 403, "forbidden", NULL, "津贴批次由省级人社部门发放",
			"the province runs the allowance batches");
		return NULL;
	}
	int m = sel_month_parse(month);
	if (m < 0) {
		err_set(e, 422, "invalid_value", "month", "月份应为 YYYY-MM", "month is YYYY-MM");
		return NULL;
	}
	if (m > sel_month_of(date_today_utc8())) {
		err_set(e, 422, "future_month", "month", "不能提前发放以后月份的津贴",
			"a later month is not paid in advance");
		return NULL;
	}
	struct batch_ctx c = {.month = month, .m = m};
	if (svc_tx(d, a, batch_work, &c, e))
		return NULL;
	return row_json(
		db_query(
			d,
			"SELECT id, month, npaid, total_fen, created_at FROM allowance_batches WHERE id = $1",
			DB_ARGS(DV_I(c.id)), e),
		batch_view, e);
}

json_t *allowance_batches_json(db *d, const principal *a, err *e)
{
	if (a->role != ROLE_PROVINCE_ADMIN) {
		err_set(e, 403, "forbidden", NULL, "津贴批次由省级人社部门发放",
			"the province runs the allowance batches");
		return NULL;
	}
	json_t *items =
		rows_json(db_query(d,
				   "SELECT id, month, npaid, total_fen, created_at FROM allowance_batches "
				   "ORDER BY id DESC LIMIT 200",
				   DB_NOARGS, e),
			  batch_view, e);
	return items ? json_pack("{s:o}", "items", items) : NULL;
}

/* ---- the stop ---- */

struct end_ctx {
	int64_t nom;
	const char *reason, *on, *note;
	const char *trigger; /* what stopped it: "manual", "certificate.revoke", "person.life_event" */
	int64_t nrecovered, recovered_fen;
};

static int end_work(tx *t, void *ctx, err *e)
{
	struct end_ctx *c = ctx;
	c->nrecovered = c->recovered_fen = 0;
	struct nom_terms n;
	if (terms_load(t->d, c->nom, &n, e))
		return -1;
	if (strcmp(n.status, "appointed"))
		return err_set(e, 409, "invalid_state", NULL, "只有已任用的人选可以终止",
			       "only an appointment can be stopped");
	int stop = sel_month_of(day_of(c->on));
	char stop_text[8];
	sel_month_text(stop, stop_text);
	if (stat_count(t, STE_NOMINATION, DV_I(c->nom), DV_NULL, -1, e))
		return -1;
	/* still appointed when written: of two stops at once one ends it, the other is refused */
	int64_t w =
		db_run(t->d,
		       "UPDATE selection_nominations SET status = 'ended', ended_on = $2, end_reason = $3, "
		       "end_note = $4, updated_at = $5 WHERE id = $1 AND status = 'appointed'",
		       DB_ARGS(DV_I(c->nom), DV_S(c->on), DV_S(c->reason), DV_S(c->note ? c->note : ""),
			       DV_I(now_s())),
		       e);
	if (w < 0)
		return -1;
	if (w == 0)
		return err_set(e, 409, "invalid_state", NULL, "只有已任用的人选可以终止",
			       "only an appointment can be stopped");
	if (stat_count(t, STE_NOMINATION, DV_I(c->nom), DV_NULL, +1, e))
		return -1;
	/* every payment made for a month after the stop's month comes back, one at a time until none is left
	 */
	const char *why = !strcmp(c->reason, "revoked")		      ? "撤销称号"
			  : !strcmp(c->reason, "certificate_revoked") ? "证书撤销"
			  : !strcmp(c->reason, "death")		      ? "去世"
								      : "调离本省";
	int64_t fund = 0, recovery = 0;
	json_t *list = json_array();
	for (;;) {
		db_stmt *st = db_query(
			t->d,
			"SELECT id, kind, month, amount_fen FROM selection_payments WHERE nomination_id = "
			"$1 AND status = 'paid' AND month > $2 ORDER BY month, id LIMIT 1",
			DB_ARGS(DV_I(c->nom), DV_S(stop_text)), e);
		int row = st ? db_row(st, e) : -1;
		int64_t pid = 0, amount = 0;
		char kind[16] = "", month[8] = "";
		if (row == 1) {
			pid = db_int(st, 0);
			snprintf(kind, sizeof kind, "%s", db_text(st, 1));
			snprintf(month, sizeof month, "%s", db_text(st, 2));
			amount = db_int(st, 3);
		}
		db_done(st);
		if (row < 0)
			goto fail;
		if (row == 0)
			break;
		if (!fund && (ledger_account(t->d, "fund", PROVINCE, 0, 0, &fund, e) ||
			      ledger_account(t->d, "recovery", PROVINCE, n.person, 0, &recovery, e)))
			goto fail;
		char memo[400], reason[200];
		snprintf(reason, sizeof reason, "%s：%s 终止，%s 的%s在终止后，追回", why, c->on, month,
			 sel_pay_kind_zh(kind_parse(kind)));
		snprintf(memo, sizeof memo, "%s %s（评选推荐 #%lld）", n.programme, reason,
			 (long long)c->nom);
		struct ledger_line_in l[] = {{recovery, amount}, {fund, -amount}};
		struct ledger_entry_in in = {
			.kind = "recover", .region = PROVINCE, .memo = memo, .lines = l, .nlines = 2};
		int64_t entry;
		if (ledger_post(t, &in, &entry, e) ||
		    stat_count(t, STE_ALLOWANCE, DV_I(pid), DV_NULL, -1, e) ||
		    db_run(t->d,
			   "UPDATE selection_payments SET status = 'recovered', recover_entry = $2, "
			   "recover_reason = "
			   "$3 WHERE id = $1",
			   DB_ARGS(DV_I(pid), DV_I(entry), DV_S(reason)), e) != 1 ||
		    stat_count(t, STE_ALLOWANCE, DV_I(pid), DV_NULL, +1, e))
			goto fail;
		c->nrecovered++;
		c->recovered_fen += amount;
		json_array_append_new(list, json_pack("{s:s,s:s,s:I}", "month", month, "kind", kind,
						      "amount_fen", (json_int_t)amount));
	}
	tx_audit(t, "selection_nomination.ended", "selection_nomination", c->nom,
		 json_pack("{s:s,s:s,s:s,s:s,s:I,s:o}", "reason", c->reason, "on", c->on, "note",
			   c->note ? c->note : "", "trigger", c->trigger ? c->trigger : "manual",
			   "recovered_fen", (json_int_t)c->recovered_fen, "recovered", list));
	return 0;
fail:
	json_decref(list);
	return -1;
}

json_t *allowance_end(db *d, const principal *a, int64_t nomination, const char *reason, const char *on,
		      const char *note, err *e)
{
	if (a->role != ROLE_PROVINCE_ADMIN) {
		err_set(e, 403, "forbidden", NULL, "由省级人社部门终止任用",
			"the province stops an appointment");
		return NULL;
	}
	if (!reason ||
	    (strcmp(reason, "revoked") && strcmp(reason, "death") && strcmp(reason, "left_province"))) {
		err_set(e, 422, "invalid_value", "reason",
			"终止原因应为 revoked（撤销）、death（去世）或 left_province（调离本省）",
			"reason is revoked, death or left_province");
		return NULL;
	}
	int ymd = day_of(on);
	if (!ymd || ymd > date_today_utc8()) {
		err_set(e, 422, "invalid_value", "on", "终止日期应为不晚于今天的 YYYY-MM-DD",
			"on is a date not after today");
		return NULL;
	}
	if (check_text(note, "note", 500, false, e))
		return NULL;
	char day[11];
	date_format(ymd, day);
	struct end_ctx c = {
		.nom = nomination, .reason = reason, .on = day, .note = note, .trigger = "manual"};
	if (svc_tx(d, a, end_work, &c, e))
		return NULL;
	json_t *s = allowance_schedule_json(d, nomination, e);
	if (s) {
		json_object_set_new(s, "nomination_id", json_integer(nomination));
		json_object_set_new(s, "recovered_now", json_integer(c.nrecovered));
		json_object_set_new(s, "recovered_now_fen", json_integer(c.recovered_fen));
	}
	return s;
}

/* ---- the stops the registry and the certificates trigger ---- */

/* the appointed nominations of `person` that `cond` (SQL over sn and pg, may be "") selects, in id order */
static int appointed_of(db *d, int64_t person, const char *cond, int64_t ids[], size_t cap, size_t *n, err *e)
{
	char sql[900];
	snprintf(
		sql, sizeof sql,
		"SELECT sn.id FROM selection_nominations sn JOIN selection_rounds r ON r.id = sn.round_id "
		"JOIN selection_programmes pg ON pg.code = r.programme WHERE sn.person_id = $1 AND sn.status "
		"= 'appointed'%s ORDER BY sn.id",
		cond);
	db_stmt *st = db_query(d, sql, DB_ARGS(DV_I(person)), e);
	if (!st)
		return -1;
	*n = 0;
	while (db_step(st) == DB_ROW)
		if (*n < cap)
			ids[(*n)++] = db_int(st, 0);
	return db_finish(st, e) ? -1 : 0;
}

/* a person holds few appointments at once (one a programme and term) */
#define STOPS_MAX 64

static int stop_all(tx *t, const int64_t ids[], size_t n, struct end_ctx *proto, json_t *out, err *e)
{
	for (size_t i = 0; i < n; i++) {
		struct end_ctx c = *proto;
		c.nom = ids[i];
		if (end_work(t, &c, e))
			return -1;
		if (out)
			json_array_append_new(out, json_pack("{s:I,s:s,s:I,s:I}", "nomination_id",
							     (json_int_t)ids[i], "reason", c.reason,
							     "recovered", (json_int_t)c.nrecovered,
							     "recovered_fen", (json_int_t)c.recovered_fen));
	}
	return 0;
}

int allowances_person_event(tx *t, int64_t person, const char *kind, const char *on, const char *note,
			    json_t *stops, err *e)
{
	if (strcmp(kind, "death") && strcmp(kind, "left_province"))
		return ERR_INTERNAL(e, "allowances_person_event: unknown kind");
	int64_t ids[STOPS_MAX];
	size_t n = 0;
	/* locked before the first stop moves money, then read again (one may have been stopped meanwhile) */
	if (appointed_of(t->d, person, "", ids, STOPS_MAX, &n, e) || lock_nominations(t, ids, n, e) ||
	    appointed_of(t->d, person, "", ids, STOPS_MAX, &n, e))
		return -1;
	struct end_ctx proto = {.reason = kind, .on = on, .note = note, .trigger = "person.life_event"};
	return stop_all(t, ids, n, &proto, stops, e);
}

int allowances_certificate_lock(tx *t, int64_t person, err *e)
{
	int64_t ids[STOPS_MAX];
	size_t n = 0;
	if (appointed_of(t->d, person, "", ids, STOPS_MAX, &n, e))
		return -1;
	return lock_nominations(t, ids, n, e);
}

int allowances_certificate_revoked(tx *t, int64_t person, const char *number, const char *reason,
				   json_t *stops, err *e)
{
	/* a programme that asks for a skill level (min_level: 1 高级技师 … 5 初级工, this or higher) loses
	 * its ground when no valid certificate at that level is left */
	int64_t ids[STOPS_MAX];
	size_t n = 0;
	if (appointed_of(
		    t->d, person,
		    " AND pg.min_level > 0 AND NOT EXISTS (SELECT 1 FROM certificates c WHERE c.person_id = "
		    "sn.person_id AND c.status = 'valid' AND c.level BETWEEN 1 AND pg.min_level)",
		    ids, STOPS_MAX, &n, e))
		return -1;
	if (!n)
		return 0;
	char today[11], note[400];
	date_format(date_today_utc8(), today);
	snprintf(note, sizeof note, "证书 %s 撤销（%s），不再持有评选要求等级的有效证书", number,
		 reason ? reason : "");
	struct end_ctx proto = {
		.reason = "certificate_revoked", .on = today, .note = note, .trigger = "certificate.revoke"};
	return stop_all(t, ids, n, &proto, stops, e);
}

/* ---- the schedule ---- */

json_t *allowance_schedule_json(db *d, int64_t nomination, err *e)
{
	struct nom_terms n;
	if (terms_load(d, nomination, &n, e))
		return NULL;
	db_stmt *st = db_query(
		d,
		"SELECT kind, month, amount_fen, status, COALESCE(accrue_entry, 0), COALESCE(pay_entry, "
		"0), COALESCE(recover_entry, 0), recover_reason, COALESCE(batch_id, 0) FROM "
		"selection_payments WHERE nomination_id = $1 ORDER BY month, kind",
		DB_ARGS(DV_I(nomination)), e);
	if (!st)
		return NULL;
	json_t *pays = json_array();
	int64_t paid = 0, recovered = 0;
	while (db_step(st) == DB_ROW) {
		int64_t amt = db_int(st, 2);
		bool rec = !strcmp(db_text(st, 3), "recovered");
		paid += amt;
		if (rec)
			recovered += amt;
		json_array_append_new(pays,
				      json_pack("{s:s,s:s,s:I,s:o,s:s,s:I,s:I,s:o,s:s,s:o}", "kind",
						db_text(st, 0), "month", db_text(st, 1), "amount_fen",
						(json_int_t)amt, "amount", money_json(amt), "status",
						db_text(st, 3), "accrue_entry", (json_int_t)db_int(st, 4),
						"pay_entry", (json_int_t)db_int(st, 5), "recover_entry",
						db_int(st, 6) ? json_integer(db_int(st, 6)) : json_null(),
						"recover_reason", db_text(st, 7), "batch_id",
						db_int(st, 8) ? json_integer(db_int(st, 8)) : json_null()));
	}
	if (db_finish(st, e)) {
		json_decref(pays);
		return NULL;
	}
	/* the plan: every month of the term with what falls due (as if not stopped) and whether it is still
	 * due */
	json_t *plan = json_array();
	int planned = 0, due_after_stop = 0;
	if (n.t.start_month >= 0) {
		struct sel_terms all = n.t;
		all.stop_month = -1;
		int last = n.t.start_month + (n.t.term_months > 0 ? n.t.term_months : 1);
		for (int m = n.t.start_month; m < last; m++)
			for (int k = 0; k < SP_KIND_COUNT; k++) {
				fen_t due = sel_due(&all, k, m);
				if (!due)
					continue;
				char mt[8];
				sel_month_text(m, mt);
				bool stopped = n.t.stop_month >= 0 && m > n.t.stop_month;
				planned++;
				due_after_stop += !stopped;
				json_array_append_new(plan,
						      json_pack("{s:s,s:s,s:I,s:b}", "month", mt, "kind",
								sel_pay_kind_code(k), "amount_fen",
								(json_int_t)due, "stopped", stopped));
			}
	}
	return json_pack("{s:I,s:I,s:I,s:o,s:I,s:o,s:I,s:o,s:o,s:o}", "planned", (json_int_t)planned, "due",
			 (json_int_t)due_after_stop, "paid_fen", (json_int_t)paid, "paid", money_json(paid),
			 "recovered_fen", (json_int_t)recovered, "recovered", money_json(recovered),
			 "net_fen", (json_int_t)(paid - recovered), "net", money_json(paid - recovered),
			 "plan", plan, "payments", pays);
}
