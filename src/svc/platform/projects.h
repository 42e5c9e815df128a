/* projects.h: 平台载体 as funded projects (issue 24 item 1; docs/DOMAIN.md §56). Types, their conditions,
 * grants and appraisal indicators are data (platform_types …); the province opens a yearly call with a
 * window, the types it invites with their places, the cities' quotas and an expert panel; an institution
 * applies and its conditions are decided with reasons (core/platform_rules.h); its city recommends within its
 * quota; the panel's examiners score independently with 回避 (svc/evaluation/practical.h avoidance_reason, as
 * every panel that scores people); the province ranks (公示 in working days) and establishes (立项) with the
 * grant of the type and grade; the grant is paid in tranches by fund source, each co-approved by 财政
 * (ROLE_FINANCE) before the province pays it into the province's ledger (svc/training/ledger.h); the
 * institution logs its activity; the province's yearly 绩效考核 reads what the system holds; then 验收, or
 * 撤销 with the paid money recovered in the ledger. */
#ifndef JINENG_SVC_PLATFORM_PROJECTS_H
#define JINENG_SVC_PLATFORM_PROJECTS_H

#include "core/principal.h"
#include "store/db.h"
#include "svc/base/list.h"
#include <jansson.h>

#define PF_MAX_TYPES   16
#define PF_MAX_EXPERTS 15
#define PF_MAX_FACTS   16
#define PF_MAX_QUOTAS  32

/* the catalogue (everyone): types with their conditions and grants, the fund sources, the indicators */
json_t *pf_types_json(db *d, err *e);

/* a call (the province). Window opens_on..closes_on (dates; closes_on not before opens_on); each type once
 * with places > 0; experts: examiner accounts (422 invalid_value otherwise); min_experts -1 → 3 (at most the
 * panel's size); publicity_days -1 → 5. One live call a year (409 call_exists). Audited
 * platform_call.created. */
struct pf_call_input {
	int64_t year, min_experts, publicity_days;
	const char *title, *opens_on, *closes_on;
	const char *types[PF_MAX_TYPES];
	int64_t places[PF_MAX_TYPES];
	size_t ntypes;
	int64_t experts[PF_MAX_EXPERTS];
	size_t nexperts;
};
json_t *pf_call_create(db *d, const principal *a, const struct pf_call_input *in, err *e);
/* the calls (everyone), newest first; year 0 all */
json_t *pf_calls_json(db *d, int64_t year, err *e);
/* one call with its types, quotas (used, left) and, for the province, its panel; from 公示 on the selected */
json_t *pf_call_get_json(db *d, const principal *a, int64_t id, err *e);
/* the cities' quotas of an open call (replacing them; a quota below the city's recommendations: 409
 * quota_below_used). Audited platform_call.quotas. */
json_t *pf_quotas_put(db *d, const principal *a, int64_t call, const char *const *regions,
		      const int64_t *quotas, size_t n, err *e);
/* the call's moves (the province): open → reviewing (applications close; the unrecommended stay out) →
 * publicity (ranks each type's recommended applications by their mean score: 409 unscored while one has fewer
 * than min_experts scores; the first `places` selected; 公示 until publicity_days working days) → established
 * (立项, 409 publicity_running until the 公示 has ended: a project per selected application with its grant:
 * the type's and grade's amount, or amounts[i] for application ids[i] — required where the seeds give no
 * amount (422 grant_required), at least the floor where the amount is 不低于 (422 below_floor), equal
 * otherwise); open / reviewing → cancelled. Audited platform_call.<status>. */
json_t *pf_call_move(db *d, const principal *a, int64_t id, const char *to, const int64_t *app_ids,
		     const int64_t *amounts, size_t namounts, err *e);

/* an application: type, grade (the grant's: '' when the type has one; innovation_studio great / craftsman;
 * worldskills_base key / ordinary), a name, the lead master (a person; studios and workstations), the
 * declared facts (students, trainees, area_m2, high_skill_budget_pct, high_skill_trainee_pct …) */
struct pf_app_input {
	const char *type_code, *grade, *name;
	int64_t institution_id; /* the province or a city applying for an institution; an institution: its own
				 */
	int64_t lead_person_id; /* 0 none */
	const char *fact_names[PF_MAX_FACTS];
	int64_t fact_values[PF_MAX_FACTS];
	size_t nfacts;
};
/* the decision without applying: every condition with ok and its reason (the institution, its city, the
 * province) */
json_t *pf_check_json(db *d, const principal *a, int64_t call, const struct pf_app_input *in, err *e);
/* pf_apply: the institution applies in an open call within its window (409 window_closed): 422 not_eligible
 * naming the failed condition and its reason; 422 invalid_grade; 409 already_applied. Audited
 * platform_application.submitted. */
json_t *pf_apply(db *d, const principal *a, int64_t call, const struct pf_app_input *in, err *e);
/* the applications the caller may read (SE_PLATFORM_APPLICATION); filters call_id, status, type_code,
 * region_code, institution_id */
extern const struct list_spec pf_app_list;
/* one application with its decision; its scores for the province; for an examiner of the call's panel the
 * application and the examiner's own score only */
json_t *pf_app_get_json(db *d, const principal *a, int64_t id, err *e);
/* pf_recommend: the application's city (a city administrator) recommends it (within the city's quota of the
 * call: 409 quota_full) or returns it with an opinion (required); the call must be open. Audited
 * platform_application.recommended / returned. */
json_t *pf_recommend(db *d, const principal *a, int64_t id, bool recommend, const char *opinion, err *e);
/* pf_score: an examiner of the call's panel scores a recommended application (0..100) while the call is in
 * review; 403 avoidance (the lead master's declared avoidance or employer, or the examiner works at the
 * applicant); 409 already_scored (independent scores are never changed). Audited platform_application.scored.
 */
json_t *pf_score(db *d, const principal *a, int64_t id, int64_t score, const char *comment, err *e);
/* pf_reviews_json: the examiner's applications to score — the recommended applications of the calls in review
 * on whose panel they sit, each with its facts, the conditions' check, the city's opinion, the expert's own
 * score (or none) and 回避 with its reason; 403 for anyone but an examiner (reviews.c) */
json_t *pf_reviews_json(db *d, const principal *a, err *e);

/* the projects the caller may read (SE_PLATFORM; 财政 all); filters type_code, status, region_code, year,
 * institution_id */
extern const struct list_spec pf_list;
/* one project: its grant (amount, proposed, approved, paid, withheld), tranches, activities, appraisals and
 * recoveries */
json_t *pf_get_json(db *d, const principal *a, int64_t id, err *e);
/* the public list and map: established and accepted platforms with their institution, city and a point (the
 * institution's, else its city's); filters type_code and region_code ("" all) */
json_t *pf_public_json(db *d, const char *type_code, const char *region_code, err *e);

/* pf_tranche_add: the province proposes a tranche of an established project's grant from a fund source; the
 * proposed, approved and paid tranches may not exceed the grant (422 over_grant). Audited
 * platform_tranche.proposed. */
json_t *pf_tranche_add(db *d, const principal *a, int64_t platform, int64_t amount_fen,
		       const char *fund_source, const char *note, err *e);
/* the tranches the caller may read (the province; 财政: all): filters status, platform_id */
extern const struct list_spec pf_tranche_list;
/* pf_tranche_decide: 财政 (ROLE_FINANCE only: 403 finance_only for every other role) approves a proposed
 * tranche or withholds it with a reason (required). Audited platform_tranche.approved / withheld. */
json_t *pf_tranche_decide(db *d, const principal *a, int64_t id, bool approve, const char *note, err *e);
/* pf_tranche_pay: the province pays an approved tranche (409 not_approved otherwise): an accrue entry (Dr
 * fund:platform:SOURCE, Cr the institution's payable) and a pay entry (Dr payable, Cr clearing:37) in the
 * ledger. Audited platform_tranche.paid. */
json_t *pf_tranche_pay(db *d, const principal *a, int64_t id, err *e);

/* pf_activity_add: the institution (or the province) logs an activity of an established project: kind
 * apprentice (带徒传技; person_id the apprentice, required), tackle (技能攻关), heritage (技艺传承),
 * promotion (技能推广), patent (专利). Audited platform.activity. */
struct pf_activity_input {
	const char *kind, *occurred_on, *title;
	int64_t quantity; /* -1 → 1 */
	int64_t person_id;
};
json_t *pf_activity_add(db *d, const principal *a, int64_t platform, const struct pf_activity_input *in,
			err *e);
/* pf_appraise: the province's yearly 绩效考核 of a project: each indicator of its type computed from what the
 * system holds in that year, the score (core/platform_rules.h) against the type's pass score; once a year
 * (409 already_appraised). Audited platform.appraised. */
json_t *pf_appraise(db *d, const principal *a, int64_t platform, int64_t year, err *e);
/* pf_close: the province's 验收 (accepted: the last appraisal passed, 409 not_passed otherwise) or 撤销
 * (revoked, a reason required): every paid tranche's money recovered per fund source (recover entries: Dr
 * recovery:platform:INST, Cr fund:platform:SOURCE), the sum on the project. Audited platform.accepted /
 * revoked. */
json_t *pf_close(db *d, const principal *a, int64_t platform, const char *to, const char *reason, err *e);

#endif
