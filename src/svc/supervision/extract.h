/* extract.h: the audit extract of one plan (审计摘录, issue 13 §9): the audit records of the plan and of
 * everything hanging from it, each with the hash-chain fields that let anyone recompute its hash from its
 * predecessor's, the chain head at extraction time, signed with the province's SM2 key (SM3 digest, the
 * GB/T 32918 default distinguishing id). It proves offline, without the database, that the records are in
 * the archive and unaltered: `jineng audit verify-extract` or plain openssl (docs/security/audit-extract.md
 * describes the format and both ways step by step). */
#ifndef JINENG_SUPERVISION_EXTRACT_H
#define JINENG_SUPERVISION_EXTRACT_H

#include "core/principal.h"
#include "store/db.h"
#include "util/arena.h"
#include <stddef.h>

#define EXTRACT_FORMAT "jineng-audit-extract-v1"

/* the entities whose records an extract holds, in the order the documentation lists them */
extern const char *const extract_entities[];

/* province_key_ensure: makes the province's SM2 signing key (issuer_keys, institution 0, alg SM2; private
 * half sealed under the PII key) when there is none, audited as issuer_key.create. Run at migrate (every
 * `jineng serve`, `jineng migrate`), so the key is published at GET /public/keys before any extract. */
int province_key_ensure(db *d, err *e);

/* audit_extract_plan: the signed extract of plan `plan_id` as a JSON text in *out (malloc'd; the caller
 * frees it or hands it to the server), for a
 * principal within the audit_extract scope (404 otherwise, as for a plan it cannot see). The server first
 * re-walks the chain from the plan's first record to the head and refuses (409 audit_chain_broken) to sign
 * a broken one. */
int audit_extract_plan(db *d, const principal *who, int64_t plan_id, arena *a, char **out, size_t *len,
		       err *e);

/* the outcome of verifying an extract offline */
struct extract_report {
	int64_t plan_id;
	char plan_title[160];
	int64_t records;  /* records checked */
	int64_t head_seq; /* the chain head the extract was signed at */
	char head_hash[65];
	char kid[40];	   /* the signing key the payload names */
	bool key_given;	   /* checked against a key the caller gave, not the one inside the file */
	int64_t bad_seq;   /* the first broken record (0: not a record's fault, or intact) */
	char problem[240]; /* what is wrong, in English ("" intact) */
	char problem_zh[240];
};

/* audit_extract_verify: checks an extract (the file's bytes) without any database: every record's hash
 * recomputed from its fields and its prev_hash, every link between consecutive records, the index (no record
 * removed or added), the head, then the SM2 signature over the payload with key_pem (the province's public
 * key as PEM) or, when NULL, with the public key inside the file. 0 intact, 1 not (rep says where and
 * what). */
int audit_extract_verify(const char *text, size_t n, const char *key_pem, struct extract_report *rep);

#endif
