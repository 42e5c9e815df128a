/* certs.c: issuing, revoking and reissuing certificates.  Numbers come from cert_serials, bumped by one
 * statement that both creates and increments the (institution, year, level) row, so concurrent issuers are
 * serialised on that row and a number is neither repeated nor skipped; a failed issue rolls its number back
 * with everything else. */
#include "util/common.h"
#include "svc/cert/certs.h"
#include "svc/training/claims.h"
#include "svc/incentive/allowances.h"
#include "svc/base/tx.h"
#include "core/certno.h"
#include "core/date.h"
#include "crypto/sm2.h"
#include "crypto/sm3.h"
#include "crypto/token.h"
#include "svc/cert/issuers.h"
#include "svc/stats/counters.h"

/* W3C Bitstring Status List: lists of 131,072 entries, filled at random to three quarters before the next
 * list opens, so an index says little about when a certificate was issued */
#define STATUS_LIST_BITS 131072
#define STATUS_LIST_FILL (STATUS_LIST_BITS / 4 * 3)

struct issue_src {
	int64_t person_id, institution_id, result_id, reissue_of;
	char occupation_code[16], inst_code[16], inst_status[12], kind[12];
	int level;
	const char *occupation, *work_type, *name, *id_type, *id_masked, *issuer;
	const char *basis; /* a decision's basis (cert_issue_decision), else NULL */
};

static int next_serial(db *d, int64_t inst, int year, int level, int *serial, err *e)
{
	db_stmt *st = db_query(
		d,
		"INSERT INTO cert_serials (institution_id, year, level, last) VALUES ($1,$2,$3,1) ON "
		"CONFLICT "
		"(institution_id, year, level) DO UPDATE SET last = cert_serials.last + 1 RETURNING last",
		DB_ARGS(DV_I(inst), DV_I(year), DV_I(level)), e);
	if (!st)
		return -1;
	int rc = db_step(st);
	int64_t v = rc == DB_ROW ? db_int(st, 0) : 0;
	db_done(st);
	if (rc != DB_ROW)
		return db_rc_to_err(d, rc, e);
	if (v > CERTNO_SERIAL_MAX)
		return err_set(e, 409, "serials_exhausted", NULL, "本年度该等级证书序号已用尽",
			       "this year's serials for the level are used up");
	*serial = (int)v;
	return 0;
}

static int status_slot(db *d, int *slot, err *e)
{
	db_stmt *st = db_query(d,
			       "INSERT INTO counters (name, value) VALUES ('status_slots', 1) ON CONFLICT "
			       "(name) DO UPDATE SET "
			       "value = counters.value + 1 RETURNING value",
			       DB_NOARGS, e);
	if (!st)
		return -1;
	int rc = db_step(st);
	int64_t used = rc == DB_ROW ? db_int(st, 0) - 1 : 0;
	db_done(st);
	if (rc != DB_ROW)
		return db_rc_to_err(d, rc, e);
	int64_t list = used / STATUS_LIST_FILL;
	for (int tries = 0; tries < 64; tries++) {
		int64_t cand = list * STATUS_LIST_BITS + (int64_t)(random_u64() % STATUS_LIST_BITS),
			taken = 0;
		if (db_one_int(d, "SELECT COUNT(*) FROM certificates WHERE status_index = $1",
			       DB_ARGS(DV_I(cand)), &taken, e) != DB_OK)
			return -1;
		if (!taken) {
			*slot = (int)cand;
			return 0;
		}
	}
	return ERR_INTERNAL(e, "no free status list entry");
}

/* the canonical JSON of API.md: keys sorted, no spaces, UTF-8 */
static char *payload_json(arena *ar, const struct issue_src *s, const char *number, const char *issued_on,
			  const char *kid)
{
	json_t *o = json_pack(
		"{s:s,s:s,s:s,s:o,s:s,s:s,s:s,s:s}", "issued_on", issued_on, "issuer", s->issuer, "kid", kid,
		"level", s->level ? json_integer(s->level) : json_string("special"), "name", s->name,
		"number", number, "occupation", s->occupation, "occupation_code", s->occupation_code);
	char *txt = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(o);
	char *out = arena_strdup(ar, txt);
	free(txt);
	return out;
}

/* counted: false when the caller counts the certificate itself afterwards (a batch: issue_work) */
static int issue_one(tx *t, arena *ar, const struct issue_src *s, char number[24], bool counted, err *e)
{
	db *d = t->d;
	int today = date_today_utc8(), year = today / 10000 % 100, serial = 0, slot = 0;
	char issued_on[11];
	date_format(today, issued_on);
	if (next_serial(d, s->institution_id, year, s->level, &serial, e) != 0)
		return -1;
	if (s->level ? certno_make(s->inst_code, year, s->level, serial, number) != 0
		     : certno_make_special(s->inst_code, year, serial, number) != 0)
		return err_set(e, 409, "no_institution_code", NULL,
			       "机构没有证书编号前缀（培训机构不能发证）",
			       "the institution has no certificate-number prefix (training institutions do "
			       "not certify)");
	struct issuer_key k, ed, platform;
	/* the keys its credential and status list will need are made now, so reads never write */
	if (issuer_key_get(d, ar, s->institution_id, "SM2", true, &k, e) != 0 ||
	    issuer_key_get(d, ar, s->institution_id, "Ed25519", true, &ed, e) != 0 ||
	    issuer_key_get(d, ar, 0, "Ed25519", true, &platform, e) != 0 || status_slot(d, &slot, e) != 0)
		return -1;
	char *payload = payload_json(ar, s, number, issued_on, k.kid);
	size_t siglen = 0;
	uint8_t *sig = sm2_sign(ar, k.private_key, payload, strlen(payload), &siglen);
	if (!sig)
		return ERR_INTERNAL(e, "SM2 signing failed");
	int64_t n = db_run(d,
			   "INSERT INTO certificates (number, kind, person_id, institution_id, result_id, "
			   "occupation_code, occupation, "
			   "work_type, level, name, id_type, id_masked, issuer, issued_on, reissue_of, kid, "
			   "payload, signature, "
			   "status_index, created_at, basis) VALUES "
			   "($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21)",
			   DB_ARGS(DV_S(number), DV_S(s->kind), DV_I(s->person_id), DV_I(s->institution_id),
				   s->result_id ? DV_I(s->result_id) : DV_NULL, DV_S(s->occupation_code),
				   DV_S(s->occupation), DV_S(s->work_type), DV_I(s->level), DV_S(s->name),
				   DV_S(s->id_type), DV_S(s->id_masked), DV_S(s->issuer), DV_S(issued_on),
				   s->reissue_of ? DV_I(s->reissue_of) : DV_NULL, DV_S(k.kid),
				   DV_S(b64url_encode(ar, (const uint8_t *)payload, strlen(payload))),
				   DV_S(b64url_encode(ar, sig, siglen)), DV_I(slot), DV_I(now_s()),
				   DV_S(s->basis ? s->basis : "")),
			   e);
	if (n < 0 || (counted && stat_count(t, STE_CERTIFICATE, DV_S(number), DV_NULL, +1, e) != 0))
		return -1;
	if (s->result_id && db_run(d,
				   "UPDATE results SET certificate_id = (SELECT id FROM certificates WHERE "
				   "number = $1) WHERE id = $2",
				   DB_ARGS(DV_S(number), DV_I(s->result_id)), e) < 0)
		return -1;
	json_t *det = json_pack("{s:I,s:s,s:i,s:o,s:o}", "person_id", (json_int_t)s->person_id,
				"occupation_code", s->occupation_code, "level", s->level, "result_id",
				s->result_id ? json_integer(s->result_id) : json_null(), "reissue_of",
				s->reissue_of ? json_integer(s->reissue_of) : json_null());
	if (s->basis && *s->basis)
		json_object_set_new(det, "basis", json_string(s->basis));
	int arc = tx_audit_now(t, s->reissue_of ? "certificate.reissue" : "certificate.issue", "certificate",
			       number, det, e);
	json_decref(det);
	return arc;
}

#define SRC_COLS                                                                                             \
	"p.name, p.id_type, p.id_masked, o.name, i.name, COALESCE(i.inst_code, ''), i.status, o.kind, "      \
	"o.code"

static void fill_src(arena *ar, db_stmt *st, int c, struct issue_src *s)
{
	s->name = arena_strdup(ar, db_text(st, c));
	s->id_type = arena_strdup(ar, db_text(st, c + 1));
	s->id_masked = arena_strdup(ar, db_text(st, c + 2));
	s->occupation = arena_strdup(ar, db_text(st, c + 3));
	s->issuer = arena_strdup(ar, db_text(st, c + 4));
	snprintf(s->inst_code, sizeof s->inst_code, "%s", db_text(st, c + 5));
	snprintf(s->inst_status, sizeof s->inst_status, "%s", db_text(st, c + 6));
	snprintf(s->kind, sizeof s->kind, "%s", db_text(st, c + 7));
	snprintf(s->occupation_code, sizeof s->occupation_code, "%s", db_text(st, c + 8));
}

static int load_result(db *d, arena *ar, const principal *a, int64_t rid, struct issue_src *s, err *e)
{
	memset(s, 0, sizeof *s);
	db_stmt *st = db_query(
		d,
		"SELECT r.person_id, r.institution_id, r.level, r.work_type, r.passed, "
		"r.certificate_id, " SRC_COLS
		", r.plan_id, COALESCE(pl.status, ''), r.correction_reason, r.competition_entry_id FROM "
		"results r JOIN persons p ON "
		"p.id = r.person_id JOIN institutions i ON i.id = r.institution_id JOIN occupations o ON "
		"o.code "
		"= r.occupation_code LEFT JOIN plans pl ON pl.id = r.plan_id WHERE r.id = $1",
		DB_ARGS(DV_I(rid)), e);
	if (!st)
		return -1;
	int found = db_row(st, e);
	if (found <= 0) {
		db_done(st);
		return found < 0 ? -1
				 : err_set(e, 404, "not_found", "result_ids", "结果 %lld 不存在",
					   "no result %lld", (long long)rid);
	}
	s->result_id = rid;
	s->person_id = db_int(st, 0);
	s->institution_id = db_int(st, 1);
	s->level = (int)db_int(st, 2);
	s->work_type = arena_strdup(ar, db_text(st, 3));
	bool passed = db_int(st, 4) != 0, issued = !db_isnull(st, 5);
	fill_src(ar, st, 6, s);
	bool from_plan = !db_isnull(st, 15), correction = !db_isnull(st, 17),
	     from_competition = !db_isnull(st, 18);
	char plan_status[16];
	snprintf(plan_status, sizeof plan_status, "%s", db_text(st, 16));
	db_done(st);
	/* the result's write scope (core/scope.c SE_RESULT): its institution and the province */
	if (scope_check(d, a, SE_RESULT, rid, SCOPE_WRITE, "result_ids", e) != 0)
		return -1;
	if (!passed)
		return err_set(e, 409, "not_passed", "result_ids", "结果 %lld 未合格，不能发证",
			       "result %lld did not pass", (long long)rid);
	if (issued)
		return err_set(e, 409, "already_issued", "result_ids", "结果 %lld 已发证",
			       "result %lld already has a certificate", (long long)rid);
	/* a certificate only after the 公示 of the result's plan has ended (the plan moved on to certified),
	 * or for a province correction of a historical record */
	if (from_plan && strcmp(plan_status, "certified") && strcmp(plan_status, "archived"))
		return err_set(e, 409, "publicity_not_over", "result_ids",
			       "结果 %lld 所属计划的公示尚未结束，公示结束并转为“已发证”后方可发证",
			       "the publicity of result %lld's plan has not ended; certify the plan first",
			       (long long)rid);
	/* a promotion through a competition (晋升一级, seed 003 §21) stands on the competition's final
	 * result: published, its 公示 over and no objection open (svc/competition/outcomes.c) */
	if (!from_plan && !correction && !from_competition)
		return err_set(e, 409, "no_publicity", "result_ids", "结果 %lld 未经认定计划和公示，不能发证",
			       "result %lld went through no plan and no publicity", (long long)rid);
	if (strcmp(s->inst_status, "filed"))
		return err_set(e, 409, "institution_inactive", NULL, "机构已暂停或退出，不能发证",
			       "the institution is suspended or has exited");
	return 0;
}

struct issue_ctx {
	const int64_t *ids;
	size_t n;
	arena *ar;
	json_t *numbers;
};

static int issue_work(tx *t, void *p, err *e)
{
	struct issue_ctx *c = p;
	json_decref(c->numbers);
	c->numbers = json_array();
	const char **numbers = arena_alloc(c->ar, c->n * sizeof *numbers);
	if (!numbers)
		return ERR_INTERNAL(e, "out of memory");
	for (size_t i = 0; i < c->n; i++) {
		struct issue_src s;
		char number[24];
		if (load_result(t->d, c->ar, t->a, c->ids[i], &s, e) != 0 ||
		    issue_one(t, c->ar, &s, number, false, e) != 0)
			return -1;
		json_array_append_new(c->numbers, json_string(number));
		numbers[i] = arena_strdup(c->ar, number);
	}
	/* the batch counted at once, as issued (统计计数) */
	return stat_count_certificates(t, numbers, c->n, +1, e);
}

json_t *cert_issue(db *d, const principal *a, const int64_t *ids, size_t n, err *e)
{
	if (!n)
		return err_set(e, 422, "missing_field", "result_ids", "缺少要发证的结果",
			       "no results to issue"),
		       NULL;
	if (n > 1000)
		return err_set(e, 422, "too_many", "result_ids", "一次最多发证 1000 份",
			       "at most 1000 certificates at once"),
		       NULL;
	struct issue_ctx c = {.ids = ids, .n = n, .ar = arena_new()};
	int rc = svc_tx(d, a, issue_work, &c, e);
	arena_free(c.ar);
	if (rc != 0) {
		json_decref(c.numbers);
		return NULL;
	}
	return c.numbers;
}

int cert_issue_decision(tx *t, const struct cert_decision *in, char number[24], err *e)
{
	if (in->level < 1 || in->level > 5)
		return err_set(e, 422, "invalid_level", "level", "技能等级应为 1 至 5", "level is 1 to 5");
	if (!in->basis || !*in->basis)
		return err_set(e, 422, "missing_field", "basis", "缺少发证依据", "the basis is missing");
	arena *ar = arena_new();
	struct issue_src s = {.person_id = in->person_id,
			      .institution_id = in->institution_id,
			      .level = in->level,
			      .basis = in->basis};
	db_stmt *st =
		db_query(t->d,
			 "SELECT " SRC_COLS " FROM persons p, institutions i, occupations o WHERE p.id = $1 "
			 "AND i.id = $2 AND o.code = $3",
			 DB_ARGS(DV_I(in->person_id), DV_I(in->institution_id),
				 DV_S(in->occupation_code ? in->occupation_code : "")),
			 e);
	int rc = -1, found = st ? db_row(st, e) : -1;
	if (found > 0) {
		fill_src(ar, st, 0, &s);
		s.work_type = "";
	}
	db_done(st);
	if (found == 0)
		err_set(e, 422, "invalid_reference", "institution_id", "人员、认定机构或职业不存在",
			"no such person, evaluation institution or occupation");
	else if (found > 0 && strcmp(s.kind, "occupation"))
		err_set(e, 422, "invalid_occupation", "occupation_code", "专项职业能力不设技能等级",
			"a special vocational ability has no skill levels");
	else if (found > 0 && strcmp(s.inst_status, "filed"))
		err_set(e, 409, "institution_inactive", "institution_id", "认定机构已暂停或退出，不能发证",
			"the evaluation institution is suspended or has exited");
	else if (found > 0)
		rc = issue_one(t, ar, &s, number, true, e);
	arena_free(ar);
	return rc;
}

int cert_issue_tx(tx *t, int64_t result_id, const char *basis, char number[24], err *e)
{
	arena *ar = arena_new();
	struct issue_src s;
	int rc = load_result(t->d, ar, t->a, result_id, &s, e);
	if (rc == 0) {
		s.basis = basis;
		rc = issue_one(t, ar, &s, number, true, e);
	}
	arena_free(ar);
	return rc;
}

/* the certificate for a write: 404 when out of read reach, 403 when readable but not the caller's to change
 */
static int load_cert_for_write(db *d, arena *ar, const principal *a, const char *number, struct issue_src *s,
			       char status[12], int64_t *cert_id, err *e)
{
	memset(s, 0, sizeof *s);
	db_stmt *st = db_query(
		d,
		"SELECT c.id, c.person_id, c.institution_id, c.level, c.work_type, c.status, " SRC_COLS
		" FROM certificates c JOIN persons p ON p.id = c.person_id JOIN institutions i ON i.id = "
		"c.institution_id JOIN occupations o ON o.code = c.occupation_code WHERE c.number = $1",
		DB_ARGS(DV_S(number ? number : "")), e);
	if (!st)
		return -1;
	int found = db_row(st, e);
	if (found <= 0) {
		db_done(st);
		return found < 0 ? -1
				 : err_set(e, 404, "not_found", NULL, "证书不存在", "no such certificate");
	}
	*cert_id = db_int(st, 0);
	s->person_id = db_int(st, 1);
	s->institution_id = db_int(st, 2);
	s->level = (int)db_int(st, 3);
	s->work_type = arena_strdup(ar, db_text(st, 4));
	snprintf(status, 12, "%s", db_text(st, 5));
	fill_src(ar, st, 6, s);
	db_done(st);
	/* the certificate's write scope (core/scope.c SE_CERTIFICATE): the issuing institution, the province
	 */
	if (scope_check(d, a, SE_CERTIFICATE, *cert_id, SCOPE_WRITE, NULL, e) != 0)
		return -1;
	if (strcmp(status, "valid"))
		return err_set(e, 409, "already_revoked", NULL, "证书已撤销",
			       "the certificate is already revoked");
	return 0;
}

static int mark_revoked(tx *t, int64_t id, const char *number, const char *reason, const char *action, err *e)
{
	db *d = t->d;
	char today[11];
	date_format(date_today_utc8(), today);
	if (stat_count(t, STE_CERTIFICATE, DV_S(number), DV_NULL, -1, e) != 0)
		return -1;
	/* still valid when written: of a concurrent revoke and reissue (or two reissues) one revokes, the
	 * other is refused and its replacement rolls back with it */
	int64_t n = db_run(d,
			   "UPDATE certificates SET status = 'revoked', revoked_reason = $2, revoked_on = $3 "
			   "WHERE id = $1 AND status = 'valid'",
			   DB_ARGS(DV_I(id), DV_S(reason), DV_S(today)), e);
	if (n < 0)
		return -1;
	if (n == 0)
		return err_set(e, 409, "already_revoked", NULL, "证书已撤销",
			       "the certificate is already revoked");
	if (stat_count(t, STE_CERTIFICATE, DV_S(number), DV_NULL, +1, e) != 0)
		return -1;
	json_t *det = json_pack("{s:s}", "reason", reason);
	int rc = tx_audit_now(t, action, "certificate", number, det, e);
	json_decref(det);
	return rc;
}

struct change_ctx {
	const char *number, *reason;
	arena *ar;
	char newno[24];
};

static int revoke_work(tx *t, void *p, err *e)
{
	struct change_ctx *c = p;
	struct issue_src s;
	char status[12];
	int64_t id;
	/* the claims and appointments it grounds locked before mark_revoked takes the audit chain's head */
	if (load_cert_for_write(t->d, c->ar, t->a, c->number, &s, status, &id, e) != 0 ||
	    claims_certificate_lock(t, s.person_id, s.occupation_code, s.level, e) != 0 ||
	    allowances_certificate_lock(t, s.person_id, e) != 0 ||
	    mark_revoked(t, id, c->number, c->reason, "certificate.revoke", e) != 0)
		return -1;
	/* the subsidies the certificate grounded: recovered when paid, rejected when not (svc/training) */
	int changed = 0;
	if (claims_certificate_revoked(t, s.person_id, s.occupation_code, s.level, c->number, c->reason,
				       &changed, e))
		return -1;
	/* the selection appointments it grounded: stopped, later payments recovered (svc/incentive) */
	return allowances_certificate_revoked(t, s.person_id, c->number, c->reason, NULL, e);
}

static int reissue_work(tx *t, void *p, err *e)
{
	struct change_ctx *c = p;
	struct issue_src s;
	char status[12], why[320];
	int64_t id;
	if (load_cert_for_write(t->d, c->ar, t->a, c->number, &s, status, &id, e) != 0)
		return -1;
	if (strcmp(s.inst_status, "filed"))
		return err_set(e, 409, "institution_inactive", NULL, "机构已暂停或退出，不能换发",
			       "the institution is suspended or has exited");
	snprintf(why, sizeof why, "换发：%s", c->reason);
	s.reissue_of = id;
	if (mark_revoked(t, id, c->number, why, "certificate.revoke", e) != 0)
		return -1;
	return issue_one(t, c->ar, &s, c->newno, true, e);
}

int cert_revoke(db *d, const principal *a, const char *number, const char *reason, err *e)
{
	if (check_text(reason, "reason", 200, true, e) != 0)
		return -1;
	struct change_ctx c = {.number = number, .reason = reason, .ar = arena_new()};
	int rc = svc_tx(d, a, revoke_work, &c, e);
	arena_free(c.ar);
	return rc;
}

json_t *cert_reissue(db *d, const principal *a, const char *number, const char *reason, err *e)
{
	if (check_text(reason, "reason", 200, true, e) != 0)
		return NULL;
	struct change_ctx c = {.number = number, .reason = reason, .ar = arena_new()};
	int rc = svc_tx(d, a, reissue_work, &c, e);
	arena_free(c.ar);
	return rc == 0 ? json_pack("{s:s,s:s}", "number", c.newno, "replaces", number) : NULL;
}
