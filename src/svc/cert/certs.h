/* certs.h: 评价结果 and 职业技能等级证书 / 专项职业能力证书 — entering results, issuing certificates from
 * passed results (numbers per docs/DOMAIN.md §5, allocated without gaps or duplicates under concurrency),
 * SM2-signed QR payloads, revocation, reissue, scoped reads, the talent record, and public verification.
 *
 * Read scope: province administrators and supervisors all; city administrators certificates of institutions
 * in their region; institution staff their institution's; a candidate their own. Writes: the issuing
 * institution's administrators and staff; revocation and reissue also the province administrator. */
#ifndef JINENG_CERTS_H
#define JINENG_CERTS_H

#include "svc/base/svc.h"
#include "svc/base/list.h"
#include "svc/base/tx.h"
#include "svc/evaluation/results.h"
#include "util/arena.h"

/* issues one certificate per passed result, all in one transaction; numbers (array of strings) on success.
 * A result qualifies when its plan's 公示 has ended (the plan is certified or archived) or when it is a
 * province correction; else 409 publicity_not_over / no_publicity. */
json_t *cert_issue(db *d, const principal *a, const int64_t *result_ids, size_t n, err *e);
/* cert_issue_decision: a skill-level certificate issued by a decision rather than an exam result (贯通 职称 →
 * 技能等级, 一评双证; svc/incentive/titles.c), inside the caller's transaction so the decision and its
 * certificate are one: the same numbering, SM2 signature, status-list entry and audit (certificate.issue,
 * with the basis) as cert_issue, by the named evaluation institution (filed, with its number prefix), the
 * basis stored with the certificate. The caller has decided and checked scope. 0 and the number, or -1. */
struct cert_decision {
	int64_t person_id, institution_id;
	const char *occupation_code;
	int level;	   /* 1..5 */
	const char *basis; /* required: what the decision rests on */
};
struct tx;
int cert_issue_decision(struct tx *t, const struct cert_decision *in, char number[24], err *e);
/* cert_issue_tx: issues the certificate of one passed result inside the caller's work, with the same checks,
 * numbering and SM2 signature as cert_issue, the basis stored with it (a competition promotion:
 * svc/competition/outcomes.c, whose result also names its basis in results.competition_entry_id); number
 * gets its number */
int cert_issue_tx(tx *t, int64_t result_id, const char *basis, char number[24], err *e) WUR;
int cert_revoke(db *d, const principal *a, const char *number, const char *reason, err *e);
/* a new number for the same achievement (e.g. after a name correction); the old one is revoked and linked */
json_t *cert_reissue(db *d, const principal *a, const char *number, const char *reason, err *e);

/* cert_list: the certificates the principal may read, newest first; filters person_id, institution_id,
 * occupation_code, status, level (5..1 or "special"), number (prefix) */
extern const struct list_spec cert_list;
json_t *cert_get_json(db *d, const principal *a, const char *number, err *e);
json_t *talent_record_json(db *d, const principal *a, int64_t person_id, err *e);

/* the QR text: {base_url}/v/{number}?d={payload}&s={signature} */
char *cert_qr_text(arena *a, const char *base_url, const char *number, const char *payload, const char *sig);
/* the certificate as PDF (every required field, the QR); the holder's full ID number as on paper */
int cert_pdf_get(db *d, const principal *a, const char *number, const char *base_url, char **pdf, size_t *len,
		 char *filename, size_t fnlen, err *e);

/* public verification: 404 not_found for an unknown number or a name that does not match, alike; in the same
 * statement, *honours_holder: the holder's person id when they let verification show their honours
 * (persons.public_honours), else 0 (honours_public_of_person then reads them) */
json_t *cert_public_json(db *d, const char *number, const char *name, int64_t *honours_holder, err *e);
/* the same in two halves, for a read sent elsewhere (a pipelined read, http/readpipe.h): the statement (its
 * one value the number) and the reply from its rows */
extern const char cert_public_sql[];
json_t *cert_public_of_rows(db_stmt *st, const char *name, int64_t *honours_holder, err *e);

/* the fields of one certificate for the verification page and the credential; false when unknown */
struct cert_row {
	int64_t id, person_id, institution_id, reissue_of;
	char number[24], kind[12], occupation_code[16], status[10], issued_on[11], revoked_on[11], kid[40];
	int level, status_index;
	const char *occupation, *work_type, *name, *id_type, *id_masked, *issuer, *payload, *signature,
		*revoked_reason, *reissued_as;
};
int cert_row_get(db *d, arena *ar, const char *number, struct cert_row *c, err *e);
/* checks a QR's payload and signature: 1 genuine and matching the register, 0 not, -1 error */
int cert_check_qr(db *d, arena *ar, const char *number, const char *payload, const char *sig,
		  const char **why, err *e);

#endif
