#include "util/common.h"
#include "svc/base/audit.h"
#include "crypto/sm3.h"
#include "util/buf.h"
#include <time.h>

static void field(buf *b, const char *s)
{
	buf_printf(b, "%zu:", strlen(s));
	buf_adds(b, s);
	buf_addc(b, ';');
}

void audit_hash(int64_t seq, int64_t at, int64_t actor_id, const char *actor, const char *role,
		const char *action, const char *entity, const char *entity_id, const char *detail,
		const char *prev_hash, char out[65])
{
	buf b;
	char num[3][24];
	buf_init(&b, 0);
	snprintf(num[0], sizeof num[0], "%lld", (long long)seq);
	snprintf(num[1], sizeof num[1], "%lld", (long long)at);
	snprintf(num[2], sizeof num[2], "%lld", (long long)actor_id);
	field(&b, "jineng-audit-v1");
	field(&b, num[0]);
	field(&b, num[1]);
	field(&b, num[2]);
	field(&b, actor);
	field(&b, role);
	field(&b, action);
	field(&b, entity);
	field(&b, entity_id);
	field(&b, detail);
	field(&b, prev_hash);
	uint8_t h[32];
	sm3_digest(b.ptr, b.len, h);
	hex_encode(h, 32, out);
	buf_free(&b);
}

int audit_append(db *d, const principal *who, const char *action, const char *entity, const char *entity_id,
		 json_t *detail, err *e)
{
	if (!db_in_tx(d))
		BUG("audit_append outside a transaction");
	db_stmt *st = db_query(d, "UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash",
			       DB_NOARGS, e);
	if (!st)
		return -1;
	int rc = db_step(st);
	if (rc != DB_ROW) {
		db_done(st);
		return db_rc_to_err(d, rc == DB_DONE ? DB_ERROR : rc, e);
	}
	int64_t seq = db_int(st, 0);
	char prev[65];
	snprintf(prev, sizeof prev, "%s", db_text(st, 1));
	db_done(st);

	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	int64_t at = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
	char *det = detail ? json_dumps(detail, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	const char *dtext = det ? det : "{}";
	const char *actor =
		who && who->user_id ? who->username : (who && who->username[0] ? who->username : "system");
	const char *role = who ? role_name(who->role) : "system";
	int64_t actor_id = who ? who->user_id : 0;
	char hash[65];
	audit_hash(seq, at, actor_id, actor, role, action, entity, entity_id, dtext, prev, hash);
	int res = -1;
	if (db_run(d,
		   "INSERT INTO audit_log (seq, at, actor_id, actor, role, action, entity, entity_id, "
		   "detail, prev_hash, "
		   "hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
		   DB_ARGS(DV_I(seq), DV_I(at), actor_id ? DV_I(actor_id) : DV_NULL, DV_S(actor), DV_S(role),
			   DV_S(action), DV_S(entity), DV_S(entity_id), DV_S(dtext), DV_S(prev), DV_S(hash)),
		   e) < 0)
		goto out;
	if (db_run(d, "UPDATE audit_head SET hash = $1 WHERE id = 1", DB_ARGS(DV_S(hash)), e) < 0)
		goto out;
	res = 0;
out:
	free(det);
	return res;
}

static int bad(struct audit_report *rep, int64_t seq, const char *en, const char *zh)
{
	rep->bad_seq = seq;
	snprintf(rep->problem, sizeof rep->problem, "%s", en);
	snprintf(rep->problem_zh, sizeof rep->problem_zh, "%s", zh);
	return 1;
}

int audit_verify(db *d, struct audit_report *rep, err *e)
{
	memset(rep, 0, sizeof *rep);
	char prev[65];
	memset(prev, '0', 64);
	prev[64] = 0;
	int64_t expect = 1;
	int result = 0;
	db_stmt *st = db_query(
		d,
		"SELECT seq, at, COALESCE(actor_id, 0), actor, role, action, entity, entity_id, detail, "
		"prev_hash, hash FROM audit_log ORDER BY seq",
		DB_NOARGS, e);
	if (!st)
		return -1;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		int64_t seq = db_int(st, 0);
		const char *stored_prev = db_text(st, 9), *stored = db_text(st, 10);
		char h[65];
		audit_hash(seq, db_int(st, 1), db_int(st, 2), db_text(st, 3), db_text(st, 4), db_text(st, 5),
			   db_text(st, 6), db_text(st, 7), db_text(st, 8), stored_prev, h);
		rep->records++;
		if (seq != expect) {
			result = seq > expect
					 ? bad(rep, expect, "record missing (deleted)", "记录缺失（被删除）")
					 : bad(rep, seq, "record out of sequence", "记录序号错乱");
			break;
		}
		if (strcmp(h, stored) != 0) {
			result = bad(rep, seq, "record content does not match its hash (edited)",
				     "记录内容与哈希不符（被篡改）");
			break;
		}
		if (strcmp(stored_prev, prev) != 0) {
			result = bad(
				rep, seq,
				"record does not link to the previous one (inserted, replaced or reordered)",
				"记录与前一条不衔接（被插入、替换或调换顺序）");
			break;
		}
		snprintf(prev, sizeof prev, "%s", stored);
		expect++;
	}
	db_done(st);
	if (rc < 0 && result == 0)
		return db_rc_to_err(d, rc, e);
	if (result)
		return result;
	/* the head must name the last record: catches deletion of the newest records */
	st = db_query(d, "SELECT seq, hash FROM audit_head WHERE id = 1", DB_NOARGS, e);
	if (!st)
		return -1;
	if (db_step(st) == DB_ROW) {
		int64_t hseq = db_int(st, 0);
		const char *hh = db_text(st, 1);
		if (hseq != expect - 1 || strcmp(hh, prev) != 0)
			result = bad(rep, expect,
				     "the newest records are missing (the chain head names a later record)",
				     "最新的记录缺失（链头指向更后的记录）");
	} else {
		result = bad(rep, 0, "the chain head is missing", "链头缺失");
	}
	db_done(st);
	snprintf(rep->head_hash, sizeof rep->head_hash, "%s", prev);
	return result;
}
