/* extract_verify.c: checking an audit extract offline (see extract.h): no database, only the file and,
 * preferably, the province's public key. The records first (so the message names the first broken one),
 * then the signature. */
#include "util/common.h"
#include "svc/supervision/extract.h"
#include "crypto/sm2.h"
#include "crypto/sm3.h"
#include "svc/base/audit.h"
#include <jansson.h>

static int bad(struct extract_report *rep, int64_t seq, const char *zh, const char *en)
{
	rep->bad_seq = seq;
	snprintf(rep->problem, sizeof rep->problem, "%s", en);
	snprintf(rep->problem_zh, sizeof rep->problem_zh, "%s", zh);
	return 1;
}

static const char *str(json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

static bool num(json_t *o, const char *k, int64_t *v)
{
	json_t *x = json_object_get(o, k);
	if (!json_is_integer(x))
		return false;
	*v = json_integer_value(x);
	return true;
}

/* one record: its fields, its hash recomputed, its link to the record before it when that one is its
 * predecessor in the chain */
static int check_record(json_t *r, size_t i, json_t *prev, int64_t head_seq, const char *head_hash,
			struct extract_report *rep)
{
	int64_t seq = 0, at = 0, actor_id = 0, pseq = 0;
	const char *f[8] = {str(r, "actor"),	 str(r, "role"),   str(r, "action"),	str(r, "entity"),
			    str(r, "entity_id"), str(r, "detail"), str(r, "prev_hash"), str(r, "hash")};
	bool ok = json_is_object(r) && num(r, "seq", &seq) && num(r, "at", &at) &&
		  num(r, "actor_id", &actor_id);
	for (int j = 0; j < 8; j++)
		ok = ok && f[j];
	if (!ok) {
		char en[96], zh[96];
		snprintf(en, sizeof en, "entry %zu of records is not a complete audit record", i + 1);
		snprintf(zh, sizeof zh, "records 第 %zu 项不是完整的审计记录", i + 1);
		return bad(rep, seq, zh, en);
	}
	if (prev && num(prev, "seq", &pseq) && seq <= pseq)
		return bad(rep, seq, "记录未按序号递增排列（被调换或重复）",
			   "records are not in increasing seq order (reordered or duplicated)");
	char h[65];
	audit_hash(seq, at, actor_id, f[0], f[1], f[2], f[3], f[4], f[5], f[6], h);
	if (strcmp(h, f[7]))
		return bad(rep, seq, "记录内容与其哈希不符（被篡改）",
			   "the record's content does not match its hash (edited)");
	if (prev && seq == pseq + 1 && strcmp(f[6], str(prev, "hash")))
		return bad(rep, seq, "记录的 prev_hash 与前一条记录的哈希不衔接（被替换或插入）",
			   "the record's prev_hash is not the hash of the record before it (replaced or "
			   "inserted)");
	if (seq > head_seq)
		return bad(rep, seq, "记录在签发时的链头之后", "the record is after the signed chain head");
	if (seq == head_seq && strcmp(f[7], head_hash))
		return bad(rep, seq, "链头的哈希不是最后一条记录的哈希",
			   "the signed head's hash is not this record's hash");
	return 0;
}

/* the index lists every record's seq: a record removed (or added) shows up here */
static int check_index(json_t *index, json_t *records, int64_t count, struct extract_report *rep)
{
	size_t ni = json_array_size(index), nr = json_array_size(records), i = 0, j = 0;
	while (i < ni || j < nr) {
		int64_t si = 0, sr = 0;
		json_t *x = json_array_get(index, i);
		if (i < ni && !json_is_integer(x))
			return bad(rep, 0, "索引含有非整数项", "the index holds a non-integer entry");
		si = i < ni ? json_integer_value(x) : INT64_MAX;
		if (j < nr)
			num(json_array_get(records, j), "seq", &sr);
		else
			sr = INT64_MAX;
		if (si == sr) {
			i++, j++;
		} else if (si < sr) {
			return bad(rep, si, "索引列出的记录不在摘录中（被删除）",
				   "the record is listed in the extract's index but missing (removed)");
		} else {
			return bad(rep, sr, "记录不在摘录的索引中（被添加）",
				   "the record is not listed in the extract's index (added)");
		}
	}
	if (count != (int64_t)nr)
		return bad(rep, 0, "记录条数与 count 不符", "the number of records differs from count");
	return 0;
}

int audit_extract_verify(const char *text, size_t n, const char *key_pem, struct extract_report *rep)
{
	memset(rep, 0, sizeof *rep);
	arena *a = arena_new();
	json_t *file = json_loadb(text, n, 0, NULL), *p = NULL;
	int rc = 1;
	const char *ptext = file ? str(file, "payload") : NULL,
		   *sigb64 = file ? str(file, "signature") : NULL;
	if (!json_is_object(file) || !str(file, "format") || strcmp(str(file, "format"), EXTRACT_FORMAT) ||
	    !ptext || !sigb64) {
		bad(rep, 0, "不是审计摘录文件（" EXTRACT_FORMAT "）",
		    "not an audit extract file (" EXTRACT_FORMAT ": format, payload and signature)");
		goto out;
	}
	p = json_loads(ptext, 0, NULL);
	json_t *records = json_object_get(p, "records"), *index = json_object_get(p, "index"),
	       *head = json_object_get(p, "head"), *key = json_object_get(p, "key"),
	       *plan = json_object_get(p, "plan");
	int64_t count = -1;
	if (!json_is_object(p) || !str(p, "format") || strcmp(str(p, "format"), EXTRACT_FORMAT) ||
	    !json_is_array(records) || !json_is_array(index) || !num(p, "count", &count) ||
	    !num(head, "seq", &rep->head_seq) || !str(head, "hash") || !str(key, "kid") ||
	    !num(plan, "id", &rep->plan_id)) {
		bad(rep, 0, "摘录的 payload 不完整", "the extract's payload is incomplete");
		goto out;
	}
	snprintf(rep->head_hash, sizeof rep->head_hash, "%s", str(head, "hash"));
	snprintf(rep->kid, sizeof rep->kid, "%s", str(key, "kid"));
	snprintf(rep->plan_title, sizeof rep->plan_title, "%s", str(plan, "title") ? str(plan, "title") : "");
	for (size_t i = 0; i < json_array_size(records); i++) {
		rep->records++;
		if (check_record(json_array_get(records, i), i, i ? json_array_get(records, i - 1) : NULL,
				 rep->head_seq, rep->head_hash, rep))
			goto out;
	}
	if (check_index(index, records, count, rep))
		goto out;
	rep->key_given = key_pem != NULL;
	const char *pem = key_pem ? key_pem : str(file, "public_key");
	char kid[17];
	if (!pem || sm2_key_id(pem, kid) != 0) {
		bad(rep, 0, key_pem ? "给定的公钥不是 SM2 公钥（PEM）" : "文件中没有可用的 SM2 公钥",
		    key_pem ? "the given key is not an SM2 public key (PEM)"
			    : "the file holds no usable SM2 public key");
		goto out;
	}
	size_t siglen = 0;
	uint8_t *sig = b64_decode(a, sigb64, &siglen);
	if (!sig || !sm2_verify(pem, ptext, strlen(ptext), sig, siglen)) {
		char en[240], zh[240];
		bool other = strncmp(rep->kid, "sm2-", 4) || strcmp(rep->kid + 4, kid);
		snprintf(en, sizeof en,
			 "the SM2 signature does not verify with %s key sm2-%s%s: the payload was altered "
			 "after "
			 "signing, or it was signed by another key",
			 key_pem ? "the given" : "the file's", kid,
			 other ? " (the payload names another key)" : "");
		snprintf(zh, sizeof zh,
			 "SM2 签名用%s公钥 sm2-%s 核验不通过%s：签名后内容被改动，或由其他密钥签名",
			 key_pem ? "给定的" : "文件中的", kid, other ? "（payload 指明的是另一把密钥）" : "");
		bad(rep, 0, zh, en);
		goto out;
	}
	if (strncmp(rep->kid, "sm2-", 4) || strcmp(rep->kid + 4, kid)) {
		bad(rep, 0, "签名有效，但 payload 指明的密钥不是签名所用的密钥",
		    "the signature verifies, but the payload names another key than the one that signed it");
		goto out;
	}
	rc = 0;
out:
	json_decref(p);
	json_decref(file);
	arena_free(a);
	return rc;
}
