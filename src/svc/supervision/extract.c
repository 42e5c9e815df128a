/* extract.c: the signed audit extract of one plan (see extract.h; docs/security/audit-extract.md) */
#include "util/common.h"
#include "svc/supervision/extract.h"
#include "crypto/sm2.h"
#include "crypto/sm3.h"
#include "svc/base/audit.h"
#include "svc/base/audit_read.h"
#include "svc/base/svc.h"
#include "svc/base/tx.h"
#include "svc/cert/issuers.h"
#include <jansson.h>

const char *const extract_entities[] = {"plan",	     "registration",   "sitting",     "attempt", "result",
					"objection", "collusion_flag", "certificate", NULL};

/* ---- the province key ---- */

static int key_work(tx *t, void *ctx, err *e)
{
	UNUSED(ctx);
	arena *a = arena_new();
	struct issuer_key k;
	int rc = issuer_key_get(t->d, a, 0, "SM2", false, &k, e);
	if (rc != 0 && e->status == 404) {
		memset(e, 0, sizeof *e);
		rc = issuer_key_get(t->d, a, 0, "SM2", true, &k, e);
		if (rc == 0)
			tx_audit_key(t, "issuer_key.create", "issuer_key", k.kid,
				     json_pack("{s:s,s:i,s:s}", "alg", "SM2", "institution_id", 0, "purpose",
					       "province key: audit extracts"));
	}
	arena_free(a);
	return rc;
}

int province_key_ensure(db *d, err *e)
{
	arena *a = arena_new();
	struct issuer_key k;
	err probe = {0};
	int rc = issuer_key_get(d, a, 0, "SM2", false, &k, &probe);
	arena_free(a);
	if (rc == 0)
		return 0;
	if (probe.status != 404) {
		*e = probe;
		return -1;
	}
	principal sys = {.role = ROLE_PROVINCE_ADMIN, .username = "system:migrate"};
	return svc_tx(d, &sys, key_work, NULL, e);
}

/* ---- building an extract ---- */

/* the seqs of the plan's records up to the head: $1 the plan id, $2 the same as text, $3 the head's seq */
static const char records_sql[] =
	"WITH RECURSIVE pc(id, number) AS ("
	"SELECT c.id, c.number FROM certificates c JOIN results r ON r.id = c.result_id WHERE r.plan_id = $1 "
	"UNION SELECT c.id, c.number FROM certificates c JOIN pc ON c.reissue_of = pc.id) "
	"SELECT a.seq FROM audit_log a WHERE a.seq <= $3 AND ("
	"(a.entity = 'plan' AND a.entity_id = $2) "
	"OR (a.entity = 'registration' AND a.entity_id IN (SELECT CAST(g.id AS TEXT) FROM registrations g "
	"WHERE g.plan_id = $1)) "
	"OR (a.entity = 'sitting' AND a.entity_id IN (SELECT CAST(s.id AS TEXT) FROM sittings s WHERE "
	"s.plan_id = $1)) "
	"OR (a.entity = 'attempt' AND a.entity_id IN (SELECT CAST(t.id AS TEXT) FROM attempts t JOIN "
	"sittings s ON s.id = t.sitting_id WHERE s.plan_id = $1)) "
	"OR (a.entity = 'result' AND a.entity_id IN (SELECT CAST(r.id AS TEXT) FROM results r WHERE "
	"r.plan_id = $1)) "
	"OR (a.entity = 'objection' AND a.entity_id IN (SELECT CAST(o.id AS TEXT) FROM objections o WHERE "
	"o.plan_id = $1)) "
	"OR (a.entity = 'collusion_flag' AND a.entity_id IN (SELECT CAST(f.id AS TEXT) FROM collusion_flags "
	"f JOIN sittings s ON s.id = f.sitting_id WHERE s.plan_id = $1)) "
	"OR (a.entity = 'certificate' AND a.entity_id IN (SELECT pc.number FROM pc))) "
	"ORDER BY a.seq";

struct seqs {
	int64_t *v;
	size_t n, cap;
};

static int load_seqs(db *d, int64_t plan_id, int64_t head, struct seqs *s, err *e)
{
	char ids[24];
	db_stmt *st =
		db_query(d, records_sql, DB_ARGS(DV_I(plan_id), DV_S(id_text(plan_id, ids)), DV_I(head)), e);
	if (!st)
		return -1;
	while (db_step(st) == DB_ROW) {
		if (s->n == s->cap) {
			s->cap = s->cap ? s->cap * 2 : 64;
			s->v = xrealloc(s->v, s->cap * sizeof *s->v);
		}
		s->v[s->n++] = db_int(st, 0);
	}
	return db_finish(st, e);
}

static json_t *plan_json(db *d, int64_t plan_id, err *e)
{
	db_stmt *st =
		db_query(d,
			 "SELECT p.id, p.title, p.institution_id, i.name, i.region_code, "
			 "p.occupation_code, p.work_type, p.level, p.exam_date, p.status FROM plans p JOIN "
			 "institutions i ON i.id = p.institution_id WHERE p.id = $1",
			 DB_ARGS(DV_I(plan_id)), e);
	if (!st)
		return NULL;
	json_t *o = NULL;
	if (db_step(st) == DB_ROW)
		o = json_pack("{s:I,s:s,s:I,s:s,s:s,s:s,s:s,s:I,s:s,s:s}", "id", (json_int_t)db_int(st, 0),
			      "title", db_text(st, 1), "institution_id", (json_int_t)db_int(st, 2),
			      "institution", db_text(st, 3), "region_code", db_text(st, 4), "occupation_code",
			      db_text(st, 5), "work_type", db_text(st, 6), "level", (json_int_t)db_int(st, 7),
			      "exam_date", db_text(st, 8), "status", db_text(st, 9));
	if (db_finish(st, e) != 0) {
		json_decref(o);
		return NULL;
	}
	if (!o)
		err_set(e, 404, "not_found", NULL, "认定计划不存在", "no such plan");
	return o;
}

static int broken(err *e, int64_t seq, const char *zh, const char *en)
{
	return err_set(
		e, 409, "audit_chain_broken", NULL,
		"审计链在第 %lld 条记录处断裂：%s%.0s；请运行 jineng audit verify，摘录未签发",
		"the audit chain is broken at record %lld: %.0s%s; run jineng audit verify (no extract was "
		"signed)",
		(long long)seq, zh, en);
}

/* walks the chain from seq `from` to the head (head_seq, head_hash), recomputing every hash and link, and
 * appends the records listed in s (ascending) to arr */
static int walk(db *d, int64_t from, int64_t head_seq, const char *head_hash, const struct seqs *s,
		json_t *arr, err *e)
{
	db_stmt *st =
		db_query(d,
			 "SELECT seq, at, COALESCE(actor_id, 0), actor, role, action, entity, entity_id, "
			 "detail, prev_hash, hash FROM audit_log WHERE seq >= $1 AND seq <= $2 ORDER BY seq",
			 DB_ARGS(DV_I(from), DV_I(head_seq)), e);
	if (!st)
		return -1;
	char prev[65] = "";
	int64_t expect = from;
	size_t k = 0;
	int rc, res = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		int64_t seq = db_int(st, 0);
		const char *stored_prev = db_text(st, 9), *stored = db_text(st, 10);
		char h[65];
		audit_hash(seq, db_int(st, 1), db_int(st, 2), db_text(st, 3), db_text(st, 4), db_text(st, 5),
			   db_text(st, 6), db_text(st, 7), db_text(st, 8), stored_prev, h);
		if (seq != expect) {
			res = broken(e, expect, "记录缺失", "record missing");
			break;
		}
		if (strcmp(h, stored)) {
			res = broken(e, seq, "记录内容与哈希不符", "its content does not match its hash");
			break;
		}
		if (prev[0] && strcmp(stored_prev, prev)) {
			res = broken(e, seq, "记录与前一条不衔接", "it does not link to the previous record");
			break;
		}
		if (k < s->n && s->v[k] == seq) {
			json_array_append_new(
				arr, json_pack("{s:I,s:I,s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "seq",
					       (json_int_t)seq, "at", (json_int_t)db_int(st, 1), "actor_id",
					       (json_int_t)db_int(st, 2), "actor", db_text(st, 3), "role",
					       db_text(st, 4), "action", db_text(st, 5), "entity",
					       db_text(st, 6), "entity_id", db_text(st, 7), "detail",
					       db_text(st, 8), "prev_hash", stored_prev, "hash", stored));
			k++;
		}
		snprintf(prev, sizeof prev, "%s", stored);
		expect++;
	}
	db_done(st);
	if (res)
		return -1;
	if (rc != DB_DONE)
		return db_rc_to_err(d, rc, e);
	if (expect != head_seq + 1 || strcmp(prev, head_hash))
		return broken(e, expect, "链头与最后一条记录不符", "the head does not name the last record");
	if (k != s->n)
		return ERR_INTERNAL(e, "an extracted record was not met on the walk");
	return 0;
}

int audit_extract_plan(db *d, const principal *who, int64_t plan_id, arena *a, char **out, size_t *len,
		       err *e)
{
	if (scope_check(d, who, SE_AUDIT_EXTRACT, plan_id, SCOPE_READ, NULL, e) != 0)
		return -1;
	struct issuer_key k;
	if (issuer_key_get(d, a, 0, "SM2", false, &k, e) != 0) {
		if (e->status == 404)
			err_set(e, 503, "no_province_key", NULL,
				"省级签名密钥尚未生成（请运行 jineng migrate）",
				"the province signing key does not exist yet (run jineng migrate)");
		return -1;
	}
	int64_t head_seq = 0;
	char head_hash[65] = "";
	db_stmt *st = db_query(d, "SELECT seq, hash FROM audit_head WHERE id = 1", DB_NOARGS, e);
	if (!st)
		return -1;
	if (db_step(st) == DB_ROW) {
		head_seq = db_int(st, 0);
		snprintf(head_hash, sizeof head_hash, "%s", db_text(st, 1));
	}
	if (db_finish(st, e) != 0)
		return -1;
	if (!head_hash[0])
		return broken(e, 0, "链头缺失", "the chain head is missing");

	struct seqs s = {0};
	json_t *plan = NULL, *records = json_array(), *payload = NULL, *file = NULL;
	char *ptext = NULL, *ftext = NULL;
	int rc = -1;
	if (load_seqs(d, plan_id, head_seq, &s, e) != 0 || !(plan = plan_json(d, plan_id, e)))
		goto out;
	if (s.n && walk(d, s.v[0], head_seq, head_hash, &s, records, e) != 0)
		goto out;
	json_t *index = json_array(), *ents = json_array();
	for (size_t i = 0; i < s.n; i++)
		json_array_append_new(index, json_integer(s.v[i]));
	for (size_t i = 0; extract_entities[i]; i++)
		json_array_append_new(ents, json_string(extract_entities[i]));
	int64_t now = now_s() * 1000;
	char ts[32];
	audit_time_text(now, ts);
	payload =
		json_pack("{s:s,s:o,s:o,s:I,s:s,s:s,s:s,s:{s:s,s:s,s:s,s:s},s:{s:I,s:s},s:I,s:I,s:o,s:o}",
			  "format", EXTRACT_FORMAT, "plan", plan, "entities", ents, "extracted_at",
			  (json_int_t)now, "extracted_time", ts, "extracted_by", who->username,
			  "extracted_role", role_name(who->role), "key", "kid", k.kid, "alg", "SM2", "digest",
			  "SM3", "distid", "1234567812345678", "head", "seq", (json_int_t)head_seq, "hash",
			  head_hash, "verified_from", (json_int_t)(s.n ? s.v[0] : head_seq + 1), "count",
			  (json_int_t)s.n, "index", index, "records", records);
	plan = records = NULL;
	if (!payload) {
		ERR_INTERNAL(e, "building the extract failed");
		goto out;
	}
	ptext = json_dumps(payload, JSON_INDENT(1) | JSON_SORT_KEYS);
	size_t siglen = 0;
	uint8_t *sig = ptext ? sm2_sign(a, k.private_key, ptext, strlen(ptext), &siglen) : NULL;
	if (!sig) {
		ERR_INTERNAL(e, "signing the extract failed");
		goto out;
	}
	file = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s}", "format", EXTRACT_FORMAT, "kid", k.kid, "public_key",
			 k.public_pem, "payload", ptext, "signature", b64_encode(a, sig, siglen), "verify",
			 "jineng audit verify-extract FILE --key PROVINCE.pem, or openssl: "
			 "docs/security/audit-extract.md");
	ftext = file ? json_dumps(file, JSON_INDENT(1) | JSON_SORT_KEYS) : NULL;
	if (!ftext) {
		ERR_INTERNAL(e, "writing the extract failed");
		goto out;
	}
	*len = strlen(ftext);
	*out = ftext;
	ftext = NULL;
	rc = 0;
out:
	free(s.v);
	free(ptext);
	free(ftext);
	json_decref(plan);
	json_decref(records);
	json_decref(payload);
	json_decref(file);
	return rc;
}
