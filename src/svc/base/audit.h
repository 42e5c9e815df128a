/* audit.h: the audit archive. Every state change appends one record inside the same transaction as the
 * change itself, so a change without its record cannot be committed. Records form a hash chain:
 *   hash_n = SM3(prev_hash || canonical(record_n))
 * where canonical() writes each field as <decimal byte length>:<bytes>; in the fixed order
 * "jineng-audit-v1", seq, at, actor_id, actor, role, action, entity, entity_id, detail, prev_hash.
 * audit_head holds the last seq and hash, and serialises appends (its row is updated first). */
#ifndef JINENG_AUDIT_H
#define JINENG_AUDIT_H

#include "core/principal.h"
#include "store/db.h"
#include <jansson.h>

/* audit_append: `detail` is borrowed (may be NULL). Must run inside a transaction. */
int audit_append(db *d, const principal *who, const char *action, const char *entity, const char *entity_id,
		 json_t *detail, err *e) WUR;

struct audit_report {
	int64_t records;   /* records checked */
	int64_t bad_seq;   /* first bad record's seq (0 when intact) */
	char problem[160]; /* what is wrong with it, in English */
	char problem_zh[160];
	char head_hash[65]; /* the chain's last hash, to anchor externally */
};

/* audit_verify: walks the whole chain. Returns 0 when intact, 1 when a problem was found (report says
 * which record and what), -1 on a database error. */
int audit_verify(db *d, struct audit_report *rep, err *e);

/* the canonical hash of one record (exposed for tests) */
void audit_hash(int64_t seq, int64_t at, int64_t actor_id, const char *actor, const char *role,
		const char *action, const char *entity, const char *entity_id, const char *detail,
		const char *prev_hash, char out[65]);

#endif
