/* ledger.h: the double-entry ledger of subsidy money (补贴台账; src/svc/training/README.md, docs/DOMAIN.md
 * "补贴台账"). Every movement of a claim's money is one journal entry whose lines sum to zero (debits
 * positive, credits negative, integer fen):
 *
 *   accrue     核定应付   Dr fund:CITY           Cr payable:PAYEE      the claim became payable
 *   pay        支付       Dr payable:PAYEE       Cr clearing:CITY      sent to the payee's 社保卡 account
 *   reverse    冲正       the mirror of a pay entry (the bank returned it); the claim is payable again
 *   recover    追回       Dr recovery:PAYEE      Cr fund:CITY          e.g. after the certificate was revoked
 *   recovered  追回到账   Dr clearing:CITY       Cr recovery:PAYEE     the money came back
 *
 * PAYEE is person:ID, or employer:ID for 新型学徒制 (paid to the employer). The zero sum is enforced twice:
 * here before anything is written, and by the database (the running-sum constraints of ledger_lines, a
 * deferred foreign key checked at COMMIT: 019_ledger.sql). Entries are chained by SM3 hashes over the
 * entry and its lines (ledger_head serialises appends), so ledger_verify finds an altered, removed or
 * reordered entry. Each use case is one svc_tx: the claim's status, the entry and the audit record commit
 * together or not at all. */
#ifndef JINENG_SVC_TRAINING_LEDGER_H
#define JINENG_SVC_TRAINING_LEDGER_H

#include "core/money.h"
#include "core/principal.h"
#include "store/db.h"
#include "svc/base/tx.h"
#include "svc/base/list.h"

#define LEDGER_MAX_LINES 16

struct ledger_line_in {
	int64_t account_id;
	fen_t amount; /* debit > 0, credit < 0, never 0 */
};

struct ledger_entry_in {
	const char *kind;   /* accrue, pay, reverse, recover, recovered */
	const char *region; /* the city the money belongs to */
	int64_t claim_id;   /* 0 = none */
	int64_t reverses;   /* the entry this one reverses (kind reverse), else 0 */
	const char *memo;
	const struct ledger_line_in *lines;
	int nlines; /* 2..LEDGER_MAX_LINES */
};

/* ledger_account: the id of the account of `kind` (fund, payable, clearing, recovery) for a city, and for
 * payable and recovery a payee (person_id, or employer_id when not 0), created on first use. Inside a
 * transaction. */
int ledger_account(db *d, const char *kind, const char *region, int64_t person_id, int64_t employer_id,
		   int64_t *id, err *e) WUR;

/* ledger_account_code: the id of the account with `code`, created on first use with its kind (fund, payable,
 * ...), region, payee (person_id or employer_id, 0 none: e.g. an expert team) and name — the accounts of
 * programmes other than the subsidies (竞赛奖励: svc/competition/outcomes.c), kept apart from the
 * subsidies' by their codes. Inside a transaction. */
int ledger_account_code(db *d, const char *code, const char *kind, const char *region, int64_t person_id,
			int64_t employer_id, const char *name, int64_t *id, err *e) WUR;

/* ledger_post: appends one entry inside the caller's transaction (a svc_tx work): checks that the lines
 * sum to zero without overflow (422 unbalanced_entry), updates each account's balance, chains the hash.
 * *entry_id gets the new entry's id. */
int ledger_post(tx *t, const struct ledger_entry_in *in, int64_t *entry_id, err *e) WUR;

/* The use cases on a claim. The caller must be the province's admin or the admin of the claim's city
 * (the scope table, SE_SUBSIDY_CLAIM: 404 when the claim is out of sight or absent, 403 when only
 * readable); a claim in the wrong state is 409
 * invalid_state. *entry gets the entry's id. */
/* ledger_accrue_tx: the accrue entry of a claim that has become payable, inside the caller's work (the
 * claim workflow's effect); at most once per claim (409 already_accrued) */
int ledger_accrue_tx(tx *t, int64_t claim_id, int64_t *entry, err *e) WUR;
int ledger_accrue(db *d, const principal *a, int64_t claim_id, int64_t *entry, err *e) WUR;
/* payable -> paid: the pay entry (accrues first when the claim has no accrue entry yet) */
int ledger_pay(db *d, const principal *a, int64_t claim_id, int64_t *entry, err *e) WUR;
/* the same moves inside the caller's work (the claim workflow's effects), without the scope check and the
 * audit record, which the caller makes: ledger_pay_tx (payable -> paid), ledger_reverse_tx (paid ->
 * payable; *claim_id, when not 0 on entry, must be the pay entry's claim, and gets it), ledger_recover_tx
 * (paid -> recovered). ledger_reverse_tx checks the city of the entry's claim against t->a. */
int ledger_pay_tx(tx *t, int64_t claim_id, int64_t *entry, err *e) WUR;
int ledger_reverse_tx(tx *t, int64_t pay_entry, const char *reason, int64_t *claim_id, int64_t *entry,
		      err *e) WUR;
int ledger_recover_tx(tx *t, int64_t claim_id, const char *reason, int64_t *entry, err *e) WUR;
/* ledger_unaccrue_tx: reverses the claim's accrue entry (a payable claim that will not be paid: Dr
 * payable, Cr fund), when it has one not yet reversed; *entry 0 when there was none */
int ledger_unaccrue_tx(tx *t, int64_t claim_id, const char *reason, int64_t *entry, err *e) WUR;
/* ledger_last_pay: the claim's last pay entry not yet reversed (0 when none) */
int ledger_last_pay(db *d, int64_t claim_id, int64_t *entry, err *e) WUR;
/* reverses a pay entry (the bank returned the payment): paid -> payable; a reason is required */
int ledger_reverse(db *d, const principal *a, int64_t pay_entry, const char *reason, int64_t *entry,
		   err *e) WUR;
/* paid -> recovered: the recover entry; a reason is required (e.g. the certificate was revoked) */
int ledger_recover(db *d, const principal *a, int64_t claim_id, const char *reason, int64_t *entry,
		   err *e) WUR;
/* the recovered money came back: once per recovered claim */
int ledger_recovered(db *d, const principal *a, int64_t claim_id, int64_t *entry, err *e) WUR;

/* ledger_account_list: the accounts the caller may read (the scope table, SE_LEDGER_ACCOUNT: the province
 * all, a city its region, a person their own payable and recovery accounts) with their balances; filters
 * kind, region_code; sort code, balance_fen; ?format=csv|xlsx (账户, 类型, 地市, 余额（分）) */
extern const struct list_spec ledger_account_list;

struct ledger_report {
	int64_t entries, lines, accounts;
	fen_t debits;	   /* the sum of all debit lines */
	int64_t bad_entry; /* the seq of the first bad entry (0 when none or not an entry's fault) */
	char problem[200]; /* what is wrong, in English ("" when it balances) */
	char problem_zh[200];
	char head_hash[65];
};

/* ledger_verify: proves the ledger balances: every entry's lines sum to zero and number nlines (at least
 * 2), every account's balance equals the sum of its lines, the balances sum to zero, and the hash chain
 * over the entries and their lines is intact up to ledger_head. 0 when all holds, 1 when something does
 * not (rep says what), -1 on a database error. */
int ledger_verify(db *d, struct ledger_report *rep, err *e) WUR;

#endif
