/* claims.h: 补贴申领 (subsidy claims): filing a claim, decided by the rule engine (core/subsidy.h) with its
 * explanation stored on the claim. The database holds one live claim per person, subsidy kind, occupation
 * and level across every city (the unique index subsidy_claims_once, 019_ledger.sql): a duplicate, however
 * parallel, is 409 already_claimed. The claim's money moves through the ledger (ledger.h). */
#ifndef JINENG_SVC_TRAINING_CLAIMS_H
#define JINENG_SVC_TRAINING_CLAIMS_H

#include "core/principal.h"
#include "core/subsidy.h"
#include "store/db.h"
#include "svc/base/tx.h"
#include "svc/base/list.h"
#include <jansson.h>

struct claim_input {
	int64_t person_id;
	int64_t employer_id; /* 新型学徒制: the employer paid; else 0 */
	const char *region;  /* the city's region code ("371300") */
	/* what the rule engine decides on: kind, apply_date, occupation, level, cert_date, course, city,
	 * insurance periods, class hours, contract and training dates. `prior` is ignored: the use case loads
	 * the person's live claims itself. */
	struct subsidy_facts facts;
	/* the rules to decide under (a city's 新型学徒制 rate: svc/cultivation/apprenticeships.c); NULL: the
	 * default rules. The caller has checked them (subsidy_rules_check). */
	const struct subsidy_rules *rules;
};

/* claim_file: decides the claim under the default rules and stores it, 'checked' when every condition
 * holds and 'rejected' (with the reasons) when one does not; audited under the table's first move
 * (subsidy_claim.checked / .refused). The caller is the admin of the claim's city or the province's admin
 * (the scope table's write reach on SE_SUBSIDY_CLAIM; 403 otherwise): claims are filed at the window. *id
 * gets the claim's id, *ok whether it passed. 409 already_claimed when a live claim of the same person, kind,
 * occupation and level exists in any city. */
int claim_file(db *d, const principal *a, const struct claim_input *in, int64_t *id, bool *ok, err *e) WUR;

/* 本人申领: what a worker sends when applying for themself; the facts come from their own records */
struct claim_own_input {
	const char *kind;	    /* skill_up, training or shortage (新型学徒制 is the employer's) */
	const char *certificate_no; /* skill_up, shortage: the worker's own valid certificate */
	int64_t class_id; /* training: a class the worker is enrolled in; skill_up, shortage: optional */
};

/* claim_apply_own: a worker (a candidate account bound to a person) applies for a subsidy themself. The
 * rule engine's facts are read from the worker's own records, never taken from the request: the occupation,
 * level and date of the certificate (number given: the worker's, and valid), the class's course, attended
 * hours and completion (class given: one they are enrolled in), the imported 参保记录 (no periods entered by
 * the worker). The city that pays: the class's institution's city when a class is given, else the city of
 * the person's region. Decided and stored as claim_file does (checked, or rejected with the reasons; 409
 * already_claimed). 403 for any other role, 404 for a certificate or class not the worker's, 409
 * certificate_revoked, 422 missing_field / invalid_value. */
int claim_apply_own(db *d, const principal *a, const struct claim_own_input *in, int64_t *id, bool *ok,
		    err *e) WUR;

/* claim_move: moves a claim along the table of core/claim_flow.h (review, publish, confirm after the
 * 5-working-day 公示, pay, reverse, recover, reject), with the ledger entry the move makes, in one svc_tx
 * audited under the transition's action. A claim the caller may not read is 404; one it may read but not
 * move (the person themself) is 403; the table's answers otherwise (409 invalid_transition, 422 reason,
 * 409 publicity_not_over). *entry gets the ledger entry made (0 when none). */
int claim_move(db *d, const principal *a, int64_t id, const char *to, const char *reason, int64_t *entry,
	       err *e) WUR;

/* claims_certificate_revoked: inside the work that revokes a certificate (svc/cert): unless the person still
 * holds another valid certificate of that occupation and level, their 技能提升补贴 and 急需紧缺 claims for it
 * lose their ground — a paid one is recovered (追回: the recover entry, a receivable from the person), one
 * not yet paid is rejected (a payable one's accrue entry reversed); each change audited in the same
 * transaction. *n gets how many claims changed. */
int claims_certificate_revoked(tx *t, int64_t person_id, const char *occupation, int level,
			       const char *number, const char *reason, int *n, err *e) WUR;

/* claims_certificate_lock: the claims claims_certificate_revoked would change, locked (a no-op UPDATE). The
 * revocation takes it before anything else it writes (before the audit chain's head, which it holds from
 * its first audit record to its commit): a payment or a batch holding one of these claims finishes first,
 * and the revocation then reads what it wrote, instead of the two waiting for each other. */
int claims_certificate_lock(tx *t, int64_t person_id, const char *occupation, int level, err *e) WUR;

/* claim_list: the claims the caller may read (the scope table: the province all, a city its region, the
 * person their own), newest first; filters status, kind, person_id, region_code; sort id, amount_fen,
 * applied_on; ?format=csv|xlsx with the columns finance reads (申领编号, 人员, 补贴类型, 职业, 等级, 地市,
 * 金额（分）, 状态, 申领日期) */
extern const struct list_spec claim_list;

/* claim_get_json: one claim as the caller may see it (the person their own, the city its region, the
 * province all; 404 otherwise): its fields, status with labels, the rule engine's decision, the publicity
 * end while in 公示, and the moves the caller may take now. */
json_t *claim_get_json(db *d, const principal *a, int64_t id, err *e);

#endif
