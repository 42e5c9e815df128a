/* claims.c: filing a subsidy claim (claims.h) */
#include "util/common.h"
#include "svc/training/claims.h"
#include "svc/cultivation/elearn.h"
#include "svc/base/svc.h"
#include "svc/base/tx.h"
#include "svc/base/scope.h"
#include "core/scope.h"
#include "core/date.h"
#include "core/claim_flow.h"
#include "core/workdays.h"
#include "svc/registry/refdata_load.h"
#include "svc/training/ledger.h"
#include "svc/training/insurance.h"
#include "svc/training/fraud.h"
#include <jansson.h>
#include "svc/stats/counters.h"
#include "svc/cultivation/group_rules.h"

#define PRIOR_MAX 64

struct file_ctx {
	const struct claim_input *in;
	/* 本人申领: the certificate it rests on, checked valid in the transaction */
	const char *certificate_no;
	const struct fsm_transition *move;
	int64_t id;
	bool ok;
};

/* filing writes a claim of the given city and person: the scope table's write reach (core/scope.c
 * SE_SUBSIDY_CLAIM: the province, the city of the claim's region) */
static int may_file(const principal *a, const struct claim_input *in, err *e)
{
	scope_owner o = {.found = true, .person_id = in->person_id};
	snprintf(o.region, sizeof o.region, "%s", in->region ? in->region : "");
	if (scope_decide(a, SE_SUBSIDY_CLAIM, &o, SCOPE_WRITE) == 0)
		return 0;
	return err_set(e, 403, "forbidden", NULL, "无权为该人员申领补贴",
		       "not allowed to claim for this person");
}

static json_t *decision_json(const struct subsidy_rules *r, const struct subsidy_decision *dec)
{
	json_t *checks = json_array();
	for (int i = 0; i < dec->nchecks; i++) {
		const struct subsidy_check *c = &dec->checks[i];
		json_array_append_new(checks, json_pack("{s:s, s:b, s:s, s:s, s:s}", "id", c->id, "ok", c->ok,
							"code", c->code, "zh", c->zh, "en", c->en));
	}
	return json_pack("{s:s, s:b, s:I, s:o}", "rules", r->id, "ok", dec->ok, "amount_fen",
			 (json_int_t)dec->amount, "checks", checks);
}

/* the person's live claims, for the yearly limit, once per occupation and level and the exclusions */
static int load_prior(db *d, int64_t person, struct subsidy_prior *p, char (*occ)[32], char (*course)[64],
		      size_t *n, err *e)
{
	db_stmt *st =
		db_query(d,
			 "SELECT kind, occupation_code, level, course, applied_on FROM subsidy_claims WHERE "
			 "person_id = $1 AND status <> 'rejected' ORDER BY id",
			 DB_ARGS(DV_I(person)), e);
	if (!st)
		return -1;
	*n = 0;
	while (*n < PRIOR_MAX && db_step(st) == DB_ROW) {
		size_t i = (*n)++;
		snprintf(occ[i], sizeof occ[i], "%s", db_text(st, 1));
		p[i].kind = subsidy_kind_parse(db_text(st, 0));
		p[i].occupation = occ[i];
		p[i].level = (int)db_int(st, 2);
		p[i].course = NULL;
		if (!db_isnull(st, 3)) {
			snprintf(course[i], sizeof course[i], "%s", db_text(st, 3));
			p[i].course = course[i];
		}
		int ymd = 0;
		p[i].applied_on = date_parse(db_text(st, 4), &ymd) == 0 ? ymd : 0;
	}
	return db_finish(st, e);
}

/* the worker's own certificate (本人申领, below) */
static int own_certificate(db *d, int64_t person, const char *number, char *occ, size_t nocc, int *level,
			   int *issued, err *e);

static int already_claimed(err *e)
{
	return err_set(e, 409, "already_claimed", "occupation_code",
		       "该人员已申领过同一职业、同一等级的同类补贴（全省范围）",
		       "a claim of this kind for the same occupation and level exists (province-wide)");
}

static int file_work(tx *t, void *ctx, err *e)
{
	struct file_ctx *c = ctx;
	const struct claim_input *in = c->in;
	struct subsidy_prior prior[PRIOR_MAX];
	char occ[PRIOR_MAX][32], course[PRIOR_MAX][64];
	size_t n = 0;
	/* the person's row first: filings for one person go one at a time (the yearly limit, the exclusions
	 * over the earlier claims) */
	int64_t found = db_run(t->d, "UPDATE persons SET updated_at = updated_at WHERE id = $1",
			       DB_ARGS(DV_I(in->person_id)), e);
	if (found < 0)
		return -1;
	if (!found)
		return err_set(e, 404, "not_found", "person_id", "人员不存在", "no such person");
	int rc;
	/* 本人申领: the certificate's row locked and read valid: a revocation (which locks it first) is
	 * waited for, or waits for this filing and then finds its claim */
	if (c->certificate_no) {
		char occ_now[32];
		int level_now = 0, issued_now = 0;
		if (db_run(t->d,
			   "UPDATE certificates SET status = status WHERE number = $1 AND person_id = $2",
			   DB_ARGS(DV_S(c->certificate_no), DV_I(in->person_id)), e) < 0 ||
		    own_certificate(t->d, in->person_id, c->certificate_no, occ_now, sizeof occ_now,
				    &level_now, &issued_now, e))
			return -1;
	}
	if (in->employer_id) {
		rc = db_one_int(t->d, "SELECT COUNT(*) FROM institutions WHERE id = $1",
				DB_ARGS(DV_I(in->employer_id)), &found, e);
		if (rc != DB_OK)
			return db_rc_to_err(t->d, rc, e);
		if (!found)
			return err_set(e, 404, "not_found", "employer_id", "用人单位不存在",
				       "no such employer");
	}
	if (load_prior(t->d, in->person_id, prior, occ, course, &n, e))
		return -1;
	/* a live claim with the same key: the same 409 whether it committed before this transaction began
	 * (seen here) or commits while it runs (the unique index refuses the insert below) */
	for (size_t i = 0; i < n; i++)
		if (prior[i].kind == in->facts.kind && prior[i].level == in->facts.level &&
		    !strcmp(prior[i].occupation, in->facts.occupation))
			return already_claimed(e);
	struct subsidy_facts f = in->facts;
	f.prior = prior;
	f.nprior = n;
	/* 参保记录: the imported social-insurance periods (insurance.h) stand for the person when there are
	 * any; the periods entered at the window are the fallback */
	struct fact_work recs[INSURANCE_MAX_PERIODS];
	size_t nrec = 0;
	if (insurance_periods(t->d, in->person_id, recs, &nrec, e))
		return -1;
	if (nrec) {
		f.insured = recs;
		f.ninsured = nrec;
	}
	const struct subsidy_rules *base = in->rules ? in->rules : subsidy_rules_default();
	/* 重点群体 (svc/cultivation/group_rules.h): the rules by category of the claim's city and the
	 * categories the person holds on the application date */
	struct group_terms *gt = malloc(sizeof *gt);
	if (!gt)
		return ERR_INTERNAL(e, "claims: out of memory");
	if (group_terms_load(t->d, f.kind, in->region, in->person_id, f.apply_date, gt, e)) {
		free(gt);
		return -1;
	}
	struct subsidy_rules with_groups = *base;
	with_groups.groups = gt->rules;
	with_groups.ngroups = gt->nrules;
	f.groups = gt->held;
	f.ngroups = gt->nheld;
	const struct subsidy_rules *r = &with_groups;
	struct subsidy_decision dec;
	int drc = subsidy_decide(r, &f, &dec, e);
	with_groups.groups = NULL; /* gt's strings go with it; the decision keeps its own sentences */
	with_groups.ngroups = 0;
	free(gt);
	if (drc)
		return -1;
	/* filing is the table's first move: applied -> checked, or -> rejected with the reasons */
	if (fsm_decide(&claim_fsm, "applied", dec.ok ? "checked" : "rejected", fsm_acting(t->a, true), NULL,
		       NULL, &c->move, e))
		return -1;
	c->ok = dec.ok;
	json_t *decision = decision_json(r, &dec);
	json_object_set_new(decision, "insured_source", json_string(nrec ? "records" : "window"));
	char *text = json_dumps(decision, JSON_COMPACT);
	char applied[11];
	date_format(f.apply_date, applied);
	int64_t now = now_s();
	db_stmt *st = db_query(t->d,
			       "INSERT INTO subsidy_claims (person_id, employer_id, kind, occupation_code, "
			       "level, region_code, course, "
			       "amount_fen, status, decision, applied_on, created_at, updated_at) VALUES "
			       "($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$12) RETURNING id",
			       DB_ARGS(DV_I(in->person_id), in->employer_id ? DV_I(in->employer_id) : DV_NULL,
				       DV_S(subsidy_kind_code(f.kind)), DV_S(f.occupation), DV_I(f.level),
				       DV_S(in->region), DV_SN(f.course), DV_I(dec.amount),
				       DV_S(dec.ok ? "checked" : "rejected"), DV_S(text ? text : "{}"),
				       DV_S(applied), DV_I(now)),
			       e);
	free(text);
	int row = st ? db_row(st, e) : -1;
	c->id = row == 1 ? db_int(st, 0) : 0;
	db_done(st);
	if (!c->id) {
		json_decref(decision);
		if (err_isset(e) && e->status == 409)
			return err_set(e, 409, "already_claimed", "occupation_code",
				       "该人员已申领过同一职业、同一等级的同类补贴（全省范围）",
				       "a claim of this kind for the same occupation and level exists "
				       "(province-wide)");
		if (!err_isset(e))
			err_set(e, 500, "internal", NULL, "服务器内部错误",
				"internal error (claim not written)");
		return -1;
	}
	if (stat_count(t, STE_CLAIM, DV_I(c->id), DV_NULL, +1, e) != 0) {
		json_decref(decision);
		return -1;
	}
	json_object_set_new(decision, "person_id", json_integer(in->person_id));
	json_object_set_new(decision, "region", json_string(in->region));
	tx_audit(t, c->move->audit, "subsidy_claim", c->id, decision);
	return 0;
}

static int file_claim(db *d, const principal *a, const struct claim_input *in, const char *certificate_no,
		      int64_t *id, bool *ok, err *e)
{
	if (!in->region || check_text(in->region, "region_code", 12, true, e))
		return -1;
	if (in->facts.kind < 0 || in->facts.kind >= SUB_KIND_COUNT || !in->facts.occupation)
		return err_set(e, 422, "invalid_value", "kind", "补贴类型或职业无效",
			       "invalid subsidy kind or occupation");
	struct file_ctx c = {.in = in, .certificate_no = certificate_no};
	if (svc_tx(d, a, file_work, &c, e))
		return -1;
	*id = c.id;
	*ok = c.ok;
	return 0;
}

int claim_file(db *d, const principal *a, const struct claim_input *in, int64_t *id, bool *ok, err *e)
{
	if (may_file(a, in, e))
		return -1;
	return file_claim(d, a, in, NULL, id, ok, e);
}

/* ---- 本人申领: the worker's own application ---- */

/* the worker's own certificate: occupation, level, issue date; 404 when not theirs, 409 when revoked */
static int own_certificate(db *d, int64_t person, const char *number, char *occ, size_t nocc, int *level,
			   int *issued, err *e)
{
	db_stmt *st =
		db_query(d,
			 "SELECT occupation_code, level, issued_on, status FROM certificates WHERE number "
			 "= $1 AND person_id = $2",
			 DB_ARGS(DV_S(number), DV_I(person)), e);
	int row = st ? db_row(st, e) : -1;
	bool revoked = false;
	if (row == 1) {
		snprintf(occ, nocc, "%s", db_text(st, 0));
		*level = (int)db_int(st, 1);
		if (date_parse(db_text(st, 2), issued) != 0)
			*issued = 0;
		revoked = strcmp(db_text(st, 3), "valid") != 0;
	}
	db_done(st);
	if (row < 0)
		return -1;
	if (row == 0)
		return err_set(e, 404, "not_found", "certificate_no", "未找到本人的该证书",
			       "no certificate of yours with this number");
	if (revoked)
		return err_set(e, 409, "certificate_revoked", "certificate_no",
			       "该证书已撤销，不能据以申领补贴",
			       "the certificate is revoked and grounds no claim");
	return 0;
}

struct own_class {
	int64_t course_id, hours, completion;
	char occ[32], region[16];
	int level;
};

/* a class the worker is enrolled in: its course's occupation and level, the institution's region, the
 * hours the worker attended and the hours that complete it; 404 otherwise */
static int own_class(db *d, int64_t person, int64_t class_id, struct own_class *c, err *e)
{
	db_stmt *st = db_query(
		d,
		"SELECT c.course_id, t.occupation_code, t.level, i.region_code, c.completion_hours, "
		"(SELECT COALESCE(SUM(s.hours), 0) FROM training_attendance a JOIN training_sessions s ON "
		"s.id = "
		"a.session_id WHERE s.class_id = c.id AND a.person_id = $2) + " ELEARN_CLASS_HOURS(
			"c.id", "$2") " FROM training_classes c JOIN "
				      "training_courses t ON t.id = c.course_id JOIN institutions i ON i.id "
				      "= c.institution_id "
				      "JOIN "
				      "training_enrolments x ON x.class_id = c.id AND x.person_id = $2 WHERE "
				      "c.id = $1",
		DB_ARGS(DV_I(class_id), DV_I(person)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		c->course_id = db_int(st, 0);
		snprintf(c->occ, sizeof c->occ, "%s", db_text(st, 1));
		c->level = (int)db_int(st, 2);
		snprintf(c->region, sizeof c->region, "%s", db_text(st, 3) ? db_text(st, 3) : "");
		c->completion = db_int(st, 4);
		c->hours = db_int(st, 5);
	}
	db_done(st);
	if (row < 0)
		return -1;
	if (row == 0)
		return err_set(e, 404, "not_found", "class_id", "未找到本人报名的该培训班",
			       "no class of yours with this id");
	return 0;
}

/* the city (市级 region code, "371300") of a region code */
static void city_of(const char *region, char *out, size_t n)
{
	snprintf(out, n, "%.4s00", region ? region : "");
}

int claim_apply_own(db *d, const principal *a, const struct claim_own_input *in, int64_t *id, bool *ok,
		    err *e)
{
	if (a->role != ROLE_CANDIDATE || a->person_id <= 0)
		return err_set(e, 403, "forbidden", NULL, "本人申领仅限绑定人员的考生账号",
			       "only a worker's own account applies for themself");
	int kind = subsidy_kind_parse(in->kind);
	if (kind != SUB_SKILL_UP && kind != SUB_TRAINING && kind != SUB_SHORTAGE)
		return err_set(
			e, 422, "invalid_value", "kind",
			"kind 应为 skill_up、training 或 shortage（新型学徒制补贴由用人单位申领）",
			"kind is skill_up, training or shortage (新型学徒制 is claimed by the employer)");
	bool needs_cert = kind != SUB_TRAINING;
	if (needs_cert && (!in->certificate_no || !*in->certificate_no))
		return err_set(e, 422, "missing_field", "certificate_no", "请选择据以申领的证书",
			       "certificate_no is required for this subsidy");
	if (kind == SUB_TRAINING && in->class_id <= 0)
		return err_set(e, 422, "missing_field", "class_id", "请选择参加的培训班",
			       "class_id is required for 培训补贴");
	struct claim_input ci = {.person_id = a->person_id};
	struct subsidy_facts *f = &ci.facts;
	f->kind = kind;
	f->apply_date = date_today_utc8();
	char occ[32] = "", city[16] = "", course[32] = "", person_region[16] = "";
	if (needs_cert && own_certificate(d, a->person_id, in->certificate_no, occ, sizeof occ, &f->level,
					  &f->cert_date, e))
		return -1;
	struct own_class c = {0};
	if (in->class_id > 0) {
		if (own_class(d, a->person_id, in->class_id, &c, e))
			return -1;
		snprintf(course, sizeof course, "course:%lld", (long long)c.course_id);
		f->course = course;
		f->class_hours = (int)c.hours;
		f->completed = c.hours >= c.completion;
		city_of(c.region, city, sizeof city);
		if (!needs_cert) {
			snprintf(occ, sizeof occ, "%s", c.occ);
			f->level = c.level;
		}
	} else {
		db_stmt *st = db_query(d, "SELECT region_code FROM persons WHERE id = $1",
				       DB_ARGS(DV_I(a->person_id)), e);
		int row = st ? db_row(st, e) : -1;
		if (row == 1)
			snprintf(person_region, sizeof person_region, "%s", db_text(st, 0));
		db_done(st);
		if (row < 0)
			return -1;
		city_of(person_region, city, sizeof city);
	}
	f->occupation = occ;
	f->city = city;
	ci.region = city;
	return file_claim(d, a, &ci, needs_cert ? in->certificate_no : NULL, id, ok, e);
}

/* ---- the workflow ---- */

struct claim_row {
	int64_t person_id;
	char region[16], status[16];
	int64_t updated_at;
};

/* the claim, and whether the caller may read (1) and change (2) it by the scope table (SE_SUBSIDY_CLAIM):
 * 404 when it may not read it or it does not exist */
static int load_row(db *d, const principal *a, int64_t id, struct claim_row *c, int *acc, err *e)
{
	scope_owner o;
	if (scope_load(d, a, SE_SUBSIDY_CLAIM, id, &o, e))
		return -1;
	if (!o.found || scope_decide(a, SE_SUBSIDY_CLAIM, &o, SCOPE_READ) != 0)
		return err_set(e, 404, "not_found", NULL, "补贴申领不存在", "no such claim");
	db_stmt *st = db_query(
		d, "SELECT person_id, region_code, status, updated_at FROM subsidy_claims WHERE id = $1",
		DB_ARGS(DV_I(id)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		c->person_id = db_int(st, 0);
		snprintf(c->region, sizeof c->region, "%s", db_text(st, 1));
		snprintf(c->status, sizeof c->status, "%s", db_text(st, 2));
		c->updated_at = db_int(st, 3);
	}
	db_done(st);
	if (row < 0)
		return -1;
	if (row == 0)
		return err_set(e, 404, "not_found", NULL, "补贴申领不存在", "no such claim");
	*acc = 1 | (scope_decide(a, SE_SUBSIDY_CLAIM, &o, SCOPE_WRITE) == 0 ? 2 : 0);
	return 0;
}

/* the last working day of the claim's 公示: CLAIM_PUBLICITY_DAYS working days from the day (China time) it
 * entered publicity, which is its updated_at while it stays there; 0 when not in publicity */
static int publicity_end(db *d, const struct claim_row *c, int *end, err *e)
{
	*end = 0;
	if (strcmp(c->status, "publicity"))
		return 0;
	size_t ncal = 0;
	struct cal_day *cal = calendar_load(d, &ncal, e);
	if (!cal && err_isset(e))
		return -1;
	int start = date_from_days((long)((c->updated_at + 8 * 3600) / 86400));
	*end = workdays_end(start, CLAIM_PUBLICITY_DAYS, cal, ncal);
	free(cal);
	return 0;
}

struct move_ctx {
	int64_t id;
	const char *to, *reason;
	int64_t entry;
};

static int move_work(tx *t, void *ctx, err *e)
{
	struct move_ctx *m = ctx;
	struct claim_row c;
	int acc, end;
	m->entry = 0;
	if (fsm_check_state(&claim_fsm, m->to, e) || load_row(t->d, t->a, m->id, &c, &acc, e) ||
	    publicity_end(t->d, &c, &end, e))
		return -1;
	struct claim_ctx cc = {.today = date_today_utc8(), .publicity_end = end};
	if (fraud_claim_holds(t->d, m->id, &cc.fraud_holds, e) != 0)
		return -1;
	const struct fsm_transition *tr = NULL;
	if (fsm_decide(&claim_fsm, c.status, m->to, fsm_acting(t->a, acc & 2), m->reason, &cc, &tr, e))
		return -1;
	int rc;
	if (tr->effects & CLAIM_FX_PAY) {
		/* a claim in a payment batch sent to the bank is paid by the bank's results (paybatch.h); the
		 * claim's row locked before the count: a batch being made waits, or is waited for */
		int64_t held = 0;
		if (db_run(t->d, "UPDATE subsidy_claims SET status = status WHERE id = $1",
			   DB_ARGS(DV_I(m->id)), e) < 0)
			return -1;
		rc = db_one_int(
			t->d,
			"SELECT COUNT(*) FROM subsidy_pay_lines WHERE claim_id = $1 AND status = 'sent'",
			DB_ARGS(DV_I(m->id)), &held, e);
		if (rc != DB_OK)
			return db_rc_to_err(t->d, rc, e);
		rc = held ? err_set(e, 409, "in_pay_batch", "status", "该申领在待银行回盘的支付批次中",
				    "the claim is in a payment batch awaiting the bank's results")
			  : ledger_pay_tx(t, m->id, &m->entry, e);
	} else if (tr->effects & CLAIM_FX_RECOVER) {
		rc = ledger_recover_tx(t, m->id, m->reason, &m->entry, e);
	} else if (tr->effects & CLAIM_FX_REVERSE) {
		int64_t pay = 0, claim = m->id;
		rc = ledger_last_pay(t->d, m->id, &pay, e);
		if (!rc && !pay)
			rc = err_set(e, 409, "invalid_state", "status", "没有可冲正的支付",
				     "no payment to reverse");
		if (!rc)
			rc = ledger_reverse_tx(t, pay, m->reason, &claim, &m->entry, e);
		/* a claim the bank paid in a batch and then returned: its line no longer holds it, so a later
		 * batch can take it again (paybatch.h) */
		if (!rc &&
		    db_run(t->d,
			   "UPDATE subsidy_pay_lines SET status = 'failed', reason = $1, updated_at = $2 "
			   "WHERE claim_id = $3 AND status = 'paid'",
			   DB_ARGS(DV_S(m->reason), DV_I(now_s()), DV_I(m->id)), e) < 0)
			rc = -1;
	} else {
		int64_t n =
			stat_count(t, STE_CLAIM, DV_I(m->id), DV_NULL, -1, e) != 0
				? -1
				: db_run(t->d,
					 "UPDATE subsidy_claims SET status = $1, updated_at = $2 WHERE id = "
					 "$3 "
					 "AND status = $4",
					 DB_ARGS(DV_S(m->to), DV_I(now_s()), DV_I(m->id), DV_S(c.status)), e);
		if (n >= 0 && stat_count(t, STE_CLAIM, DV_I(m->id), DV_NULL, +1, e) != 0)
			n = -1;
		rc = n < 0    ? -1
		     : n == 0 ? err_set(e, 409, "invalid_state", "status", "补贴申领的状态已改变",
					"the claim's status changed")
			      : 0;
		if (!rc && (tr->effects & CLAIM_FX_ACCRUE))
			rc = ledger_accrue_tx(t, m->id, &m->entry, e);
	}
	if (rc)
		return -1;
	json_t *det = json_pack("{s:s, s:s, s:s}", "from", c.status, "to", m->to, "reason",
				m->reason ? m->reason : "");
	if (m->entry)
		json_object_set_new(det, "entry_id", json_integer(m->entry));
	tx_audit(t, tr->audit, "subsidy_claim", m->id, det);
	return 0;
}

int claim_move(db *d, const principal *a, int64_t id, const char *to, const char *reason, int64_t *entry,
	       err *e)
{
	if (reason && check_text(reason, "reason", 200, false, e))
		return -1;
	struct move_ctx m = {.id = id, .to = to, .reason = reason};
	if (svc_tx(d, a, move_work, &m, e))
		return -1;
	if (entry)
		*entry = m.entry;
	return 0;
}

json_t *claim_get_json(db *d, const principal *a, int64_t id, err *e)
{
	struct claim_row c;
	int acc, end;
	if (load_row(d, a, id, &c, &acc, e) || publicity_end(d, &c, &end, e))
		return NULL;
	db_stmt *st = db_query(
		d,
		"SELECT id, person_id, employer_id, kind, occupation_code, level, region_code, course, "
		"amount_fen, status, decision, applied_on, created_at, updated_at FROM subsidy_claims "
		"WHERE id = $1",
		DB_ARGS(DV_I(id)), e);
	int row = st ? db_row(st, e) : -1;
	json_t *o = NULL;
	if (row == 1) {
		json_error_t je;
		json_t *dec = json_loads(db_text(st, 10), 0, &je);
		char pend[11];
		if (end)
			date_format(end, pend);
		int kind = subsidy_kind_parse(db_text(st, 3));
		o = json_pack(
			"{s:I, s:I, s:o, s:s, s:s, s:s, s:I, s:s, s:o, s:I, s:s, s:s, s:s, s:o, s:s, s:o, "
			"s:I, "
			"s:I}",
			"id", (json_int_t)db_int(st, 0), "person_id", (json_int_t)db_int(st, 1),
			"employer_id", db_isnull(st, 2) ? json_null() : json_integer(db_int(st, 2)), "kind",
			db_text(st, 3), "kind_zh", subsidy_kind_zh(kind), "occupation_code", db_text(st, 4),
			"level", (json_int_t)db_int(st, 5), "region_code", db_text(st, 6), "course",
			db_isnull(st, 7) ? json_null() : json_string(db_text(st, 7)), "amount_fen",
			(json_int_t)db_int(st, 8), "status", db_text(st, 9), "status_zh",
			fsm_state_zh(&claim_fsm, db_text(st, 9)), "status_en",
			fsm_state_en(&claim_fsm, db_text(st, 9)), "decision", dec ? dec : json_object(),
			"applied_on", db_text(st, 11), "publicity_end", end ? json_string(pend) : json_null(),
			"created_at", (json_int_t)db_int(st, 12), "updated_at", (json_int_t)db_int(st, 13));
	}
	db_done(st);
	if (row == 0)
		err_set(e, 404, "not_found", NULL, "补贴申领不存在", "no such claim");
	if (!o)
		return NULL;
	const struct fsm_transition *moves[16];
	struct claim_ctx cc = {.today = date_today_utc8(), .publicity_end = end};
	json_t *sig = fraud_claim_signals(d, id, e);
	if (!sig || fraud_claim_holds(d, id, &cc.fraud_holds, e) != 0) {
		json_decref(sig);
		json_decref(o);
		return NULL;
	}
	json_object_set_new(o, "fraud_signals", sig);
	size_t n = fsm_available(&claim_fsm, c.status, fsm_acting(a, acc & 2), &cc, moves, 16);
	json_t *actions = json_array();
	for (size_t i = 0; i < n && i < 16; i++)
		json_array_append_new(actions,
				      json_pack("{s:s, s:s, s:s, s:s, s:b}", "action", moves[i]->action, "to",
						moves[i]->to, "zh", moves[i]->zh, "en", moves[i]->en,
						"needs_reason", (moves[i]->flags & FSM_NEEDS_REASON) != 0));
	json_object_set_new(o, "actions", actions);
	return o;
}

/* ---- a certificate revoked ---- */

#define REVOKED_MAX 32
#define REVOKED_WHERE                                                                                        \
	"person_id = $1 AND occupation_code = $2 AND level = $3 AND kind IN ('skill_up', 'shortage') AND "   \
	"status NOT IN ('rejected', 'recovered')"

int claims_certificate_lock(tx *t, int64_t person_id, const char *occupation, int level, err *e)
{
	return db_run(t->d, "UPDATE subsidy_claims SET status = status WHERE " REVOKED_WHERE,
		      DB_ARGS(DV_I(person_id), DV_S(occupation), DV_I(level)), e) < 0
		       ? -1
		       : 0;
}

int claims_certificate_revoked(tx *t, int64_t person_id, const char *occupation, int level,
			       const char *number, const char *reason, int *n, err *e)
{
	*n = 0;
	int64_t valid = 0;
	int rc = db_one_int(t->d,
			    "SELECT COUNT(*) FROM certificates WHERE person_id = $1 AND occupation_code = $2 "
			    "AND level = $3 "
			    "AND status = 'valid'",
			    DB_ARGS(DV_I(person_id), DV_S(occupation), DV_I(level)), &valid, e);
	if (rc != DB_OK)
		return db_rc_to_err(t->d, rc, e);
	if (valid)
		return 0; /* another valid certificate still grounds the claim */
	/* the claims locked before their status is read: a payment in progress is waited for */
	if (claims_certificate_lock(t, person_id, occupation, level, e))
		return -1;
	db_stmt *st =
		db_query(t->d, "SELECT id, status FROM subsidy_claims WHERE " REVOKED_WHERE " ORDER BY id",
			 DB_ARGS(DV_I(person_id), DV_S(occupation), DV_I(level)), e);
	if (!st)
		return -1;
	int64_t ids[REVOKED_MAX];
	char status[REVOKED_MAX][16];
	size_t k = 0;
	while (k < REVOKED_MAX && db_step(st) == DB_ROW) {
		ids[k] = db_int(st, 0);
		snprintf(status[k], sizeof status[k], "%s", db_text(st, 1));
		k++;
	}
	if (db_finish(st, e))
		return -1;
	char why[320], key[24];
	snprintf(why, sizeof why, "证书 %s 已撤销：%s", number, reason);
	for (size_t i = 0; i < k; i++) {
		int64_t entry = 0;
		const char *to = !strcmp(status[i], "paid") ? "recovered" : "rejected";
		if (!strcmp(to, "recovered")) {
			if (ledger_recover_tx(t, ids[i], why, &entry, e))
				return -1;
		} else {
			if (!strcmp(status[i], "payable") && ledger_unaccrue_tx(t, ids[i], why, &entry, e))
				return -1;
			if (stat_count(t, STE_CLAIM, DV_I(ids[i]), DV_NULL, -1, e) != 0)
				return -1;
			int64_t m = db_run(t->d,
					   "UPDATE subsidy_claims SET status = 'rejected', updated_at = $1 "
					   "WHERE id = $2 AND "
					   "status = $3",
					   DB_ARGS(DV_I(now_s()), DV_I(ids[i]), DV_S(status[i])), e);
			if (m < 0 || stat_count(t, STE_CLAIM, DV_I(ids[i]), DV_NULL, +1, e) != 0)
				return -1;
			/* the claim is locked: its status cannot have changed since it was read */
			if (m != 1)
				return ERR_INTERNAL(
					e, "claims: a locked claim's status changed under a revocation");
		}
		json_t *det = json_pack("{s:s, s:s, s:s, s:s}", "from", status[i], "to", to, "reason", why,
					"certificate", number);
		if (entry)
			json_object_set_new(det, "entry_id", json_integer(entry));
		rc = tx_audit_now(
			t, !strcmp(to, "recovered") ? "subsidy_claim.recovered" : "subsidy_claim.rejected",
			"subsidy_claim", id_text(ids[i], key), det, e);
		json_decref(det);
		if (rc)
			return -1;
		(*n)++;
	}
	return 0;
}

/* ---- the list ---- */

#define CLAIM_LIST_COLS                                                                                      \
	"sc.id, sc.person_id, sc.employer_id, sc.kind, sc.occupation_code, sc.level, sc.region_code, "       \
	"sc.course, sc.amount_fen, sc.status, sc.applied_on, sc.created_at, sc.updated_at"

/* one row of the list (the decision and the moves are the single claim's read) */
static json_t *claim_row_view(db_stmt *st)
{
	int kind = subsidy_kind_parse(db_text(st, 3));
	const char *status = db_text(st, 9);
	return json_pack("{s:I, s:I, s:o, s:s, s:s, s:s, s:I, s:s, s:o, s:I, s:s, s:s, s:s, s:s, s:I, s:I}",
			 "id", (json_int_t)db_int(st, 0), "person_id", (json_int_t)db_int(st, 1),
			 "employer_id", db_isnull(st, 2) ? json_null() : json_integer(db_int(st, 2)), "kind",
			 db_text(st, 3), "kind_zh", subsidy_kind_zh(kind), "occupation_code", db_text(st, 4),
			 "level", (json_int_t)db_int(st, 5), "region_code", db_text(st, 6), "course",
			 db_isnull(st, 7) ? json_null() : json_string(db_text(st, 7)), "amount_fen",
			 (json_int_t)db_int(st, 8), "status", status, "status_zh",
			 fsm_state_zh(&claim_fsm, status), "status_en", fsm_state_en(&claim_fsm, status),
			 "applied_on", db_text(st, 10), "created_at", (json_int_t)db_int(st, 11),
			 "updated_at", (json_int_t)db_int(st, 12));
}

static const struct list_filter claim_filters[] = {
	{"status", "sc.status = ?", LIST_EQ},
	{"kind", "sc.kind = ?", LIST_EQ},
	{"person_id", "sc.person_id = ?", LIST_ID},
	{"region_code", "sc.region_code LIKE ?", LIST_REGION},
};
static const struct list_sort claim_sorts[] = {
	{"id", "sc.id"}, {"amount_fen", "sc.amount_fen"}, {"applied_on", "sc.applied_on"}};
static const struct export_col claim_cols[] = {
	{"id", "申领编号"},
	{"person_id", "人员编号"},
	{"kind_zh", "补贴类型"},
	{"occupation_code", "职业编码"},
	{"level", "等级"},
	{"region_code", "地市"},
	{"amount_fen", "金额（分）"},
	{"status_zh", "状态"},
	{"applied_on", "申领日期"},
};

const struct list_spec claim_list = {
	.name = "subsidy_claims",
	.scoped = true,
	.entity = SE_SUBSIDY_CLAIM,
	.count_sql = "SELECT COUNT(*) FROM subsidy_claims sc",
	.select_sql = "SELECT " CLAIM_LIST_COLS " FROM subsidy_claims sc",
	.order = "sc.id DESC",
	LIST_FILTERS(claim_filters),
	LIST_SORTS(claim_sorts),
	.view = claim_row_view,
	LIST_COLS(claim_cols),
};
