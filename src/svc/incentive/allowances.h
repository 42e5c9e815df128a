/* allowances.h: 津贴与奖励 (issue 22 item 3; docs/DOMAIN.md "评选项目与津贴"): the money of the selection
 * programmes, paid through the province's one ledger (svc/training/ledger.h) in integer fen. A payment is a
 * row of selection_payments (monthly 月津贴, lump 一次性奖励, yearly 年度个人补助, work_fund 工作经费) with
 * two ledger entries: accrue (Dr fund:37, Cr payable:person) and pay (Dr payable:person, Cr clearing:37). The
 * unique key (nomination, kind, month) makes a month's batch post each due payment once, however often or
 * concurrently it runs. A stopped appointment (revoked, death, left the province) is paid to the month of
 * the stop; each payment for a later month already made is recovered (a recover entry: Dr recovery:person,
 * Cr fund:37) with the stop's reason. */
#ifndef JINENG_SVC_INCENTIVE_ALLOWANCES_H
#define JINENG_SVC_INCENTIVE_ALLOWANCES_H

#include "core/principal.h"
#include "store/db.h"
#include "svc/base/tx.h"
#include <jansson.h>

/* allowance_pay_tx: inside the caller's work, posts one payment of `kind` (core/selection_rules.h codes) for
 * `month` (YYYY-MM) of a nomination unless it is already posted; *posted 1 when it was posted now */
int allowance_pay_tx(tx *t, int64_t nomination, const char *kind, const char *month, int64_t amount_fen,
		     int64_t batch, int *posted, err *e) WUR;

/* allowance_batch_run: the province runs the batch of `month` (YYYY-MM, not after the current month: 422
 * future_month): every due monthly, yearly and work-fund payment of every appointment not yet posted is
 * posted; a second run of the same month finds nothing. Audited allowance.batch.run. Answers the batch
 * (id, month, paid, total). */
json_t *allowance_batch_run(db *d, const principal *a, const char *month, err *e);
/* the batches run (the province), newest first, at most 200 */
json_t *allowance_batches_json(db *d, const principal *a, err *e);

/* allowance_end: the province stops an appointment (reason revoked, death or left_province; on: the day,
 * not in the future): nothing falls due after the month of `on`; each payment made for a later month is
 * recovered. 409 invalid_state unless appointed. Audited selection_nomination.ended with the recoveries. */
json_t *allowance_end(db *d, const principal *a, int64_t nomination, const char *reason, const char *on,
		      const char *note, err *e);

/* allowances_person_event: inside the registry's work that records a death or a move out of the province
 * (kind "death" / "left_province", svc/registry/life_events.h): every appointment of the person still running
 * is stopped on `on` with that reason and the note, as allowance_end does (recoveries with the reason,
 * audited selection_nomination.ended with trigger person.life_event). Appends {nomination_id, reason,
 * recovered, recovered_fen} to `stops` (may be NULL) for each. 0, or -1 with `e` set. */
int allowances_person_event(tx *t, int64_t person, const char *kind, const char *on, const char *note,
			    json_t *stops, err *e) WUR;
/* allowances_certificate_revoked: inside the work that revokes certificate `number` (svc/cert): each running
 * appointment of the person whose programme asks for a skill level the person no longer holds in any valid
 * certificate is stopped today, reason certificate_revoked (证书撤销), the note naming the certificate and
 * the revocation's reason; trigger certificate.revoke. */
int allowances_certificate_revoked(tx *t, int64_t person, const char *number, const char *reason,
				   json_t *stops, err *e) WUR;

/* allowances_certificate_lock: the person's appointed nominations locked in id order. The revocation of a
 * certificate takes it before anything else it writes (before the audit chain's head, held from its first
 * audit record to its commit): an allowance batch holding one of them finishes first. */
int allowances_certificate_lock(tx *t, int64_t person, err *e) WUR;

/* allowance_schedule_json: a nomination's payments as planned and made: the term's months with the sum due,
 * each payment made (status paid / recovered, its ledger entries), and the totals */
json_t *allowance_schedule_json(db *d, int64_t nomination, err *e);

#endif
