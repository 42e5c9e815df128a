/* fraud.h: 疑点线索 — fraud signals of 培训与补贴 (issue 14 item 6; docs/DOMAIN.md §37), found by a detection
 * run over a period and reviewed by the city in a queue, the way 雷同卷 flags are (svc/exam/analysis.c).
 *
 * Kinds (the rules and their thresholds, table fraud_rule_params, in DOMAIN.md §37):
 *   two_cities      两地申领: one person's claims in two cities, of the same subsidy (kind, occupation,
 *                   level) or filed within two_city_days of each other; one signal for each city concerned
 *   shared_device   一机多签: one device identifier checked in device_persons_min or more trainees
 *   exam_overlap    考培冲突: a trainee checked in to a session whose hours overlap an exam attempt of theirs
 *   completion_rate 结业率异常: an institution's completions against its peers' pooled rate, one-sided exact
 *                   binomial test (core/fraud.h completion_outlier) at completion_alpha
 *
 * A detection run (fraud_detect) looks at the period's claims, check-ins and classes in the caller's region
 * (the province all, or a city's) and adds a signal per kind and key (fraud_signals.dedup_key, unique): a
 * re-run adds no signal twice; it links claims that have appeared since to the signals they concern. The
 * states are a table (core/fraud.h fraud_signal_fsm): open -> confirmed | dismissed, each with a reason, by
 * the province or the signal's city, audited. A confirmed signal holds the claims it concerns
 * (core/claim_flow.h claim_guard_no_fraud_hold; pay batches leave them out); an open one is shown on the
 * claim. Scope SE_FRAUD_SIGNAL: the province all, a city its region; institutions, trainees nothing (404). */
#ifndef JINENG_SVC_TRAINING_FRAUD_H
#define JINENG_SVC_TRAINING_FRAUD_H

#include "svc/base/svc.h"
#include "svc/base/list.h"
#include "svc/base/tx.h"

#define FRAUD_PERIOD_MAX_DAYS 366

/* fraud_detect: a detection run over [from, to] (YYYY-MM-DD) in the caller's region, narrowed to
 * region_code when given (within it). {from, to, region_code, created: {kind: n}, existing, linked} */
json_t *fraud_detect(db *d, const principal *a, const char *from, const char *to, const char *region_code,
		     err *e);

/* fraud_signal_list: filters kind, state, institution_id, person_id, region_code; sort id, score,
 * created_at; CSV/XLSX */
extern const struct list_spec fraud_signal_list;

/* one signal with its evidence, the claims it concerns and the moves the caller may take */
json_t *fraud_signal_get_json(db *d, const principal *a, int64_t id, err *e);

/* fraud_signal_review: to "confirmed" or "dismissed", with a reason (core/fraud.h fraud_signal_fsm) */
int fraud_signal_review(db *d, const principal *a, int64_t id, const char *state, const char *reason, err *e);

/* fraud_claim_holds: the number of confirmed signals concerning a claim (the claim workflow's guard) */
int fraud_claim_holds(db *d, int64_t claim_id, int *n, err *e);
/* fraud_claim_signals: the signals concerning a claim that are not dismissed: [{id, kind, state}] */
json_t *fraud_claim_signals(db *d, int64_t claim_id, err *e);

/* the condition a pay batch adds so that a held claim (alias sc) is left out */
#define FRAUD_NOT_HELD                                                                                       \
	"NOT EXISTS (SELECT 1 FROM fraud_signal_claims fc JOIN fraud_signals fs ON fs.id = fc.signal_id "    \
	"WHERE fc.claim_id = sc.id AND fs.state = 'confirmed')"

#endif
