/* outcomes.h: 竞赛成果 (issue 21 item 6; docs/DOMAIN.md "竞赛成果"; seed 003 §21). From a competition's
 * FINAL results (the event's results published, their 公示 over, no objection open) the province runs, in one
 * transaction and idempotently (a second run adds nothing):
 *   - 山东省技术能手 for 省级一类 top 3 and 省级二类 first of each event, every group: a person_honours row
 *     (kind provincial_technical_expert) on the talent record, one competition_honours row per entry;
 *   - 晋升一级 for the same winners when eligible (core/comp_outcome.h), issued as a certificate through the
 *     certificate chain (a results row whose basis is the entry, then cert_issue_tx: numbered, SM2-signed,
 *     verifiable), with the optional limit per person and period (off by default);
 *   - prize money by tier and medal per recipient type into the province's one ledger (an accrue entry per
 *     result: Dr the competition prize fund, Cr the payees), the base OR the unit, never both.
 * The dry run answers the same plan without writing, each decision with its reason. Objections to an
 * event's results during 公示 go into the evaluation's objections table (resolved through
 * POST /objections/{id}/resolve). */
#ifndef JINENG_SVC_COMPETITION_OUTCOMES_H
#define JINENG_SVC_COMPETITION_OUTCOMES_H

#include "core/principal.h"
#include "store/db.h"
#include "svc/base/tx.h"
#include <jansson.h>

#define CO_HONOUR_KIND	"provincial_technical_expert"
#define CO_HONOUR_TITLE "山东省技术能手"

/* the outcomes of a competition: dry (no writes) or run (one transaction). The province only. */
json_t *co_outcomes(db *d, const principal *a, int64_t competition_id, bool dry, err *e);
/* what a competition has brought: honours, promotions (with certificate numbers) and money (organisers) */
json_t *co_awards_json(db *d, const principal *a, int64_t competition_id, err *e);

/* per competition settings (the province): the institution issuing promotion certificates, the expert team
 * of events, the level a winner without a certificate gets per group */
struct co_event_setting {
	int64_t event_id;
	const char *expert_team;
};
struct co_group_setting {
	int64_t group_id;
	int promotion_level;
};
#define CO_MAX_SETTINGS 200
struct co_settings_in {
	int64_t cert_institution_id; /* 0: unchanged */
	const struct co_event_setting *events;
	size_t nevents;
	const struct co_group_setting *groups;
	size_t ngroups;
};
json_t *co_settings_put(db *d, const principal *a, int64_t competition_id, const struct co_settings_in *in,
			err *e);

/* the 选送单位 and the 集训基地 of an entry (the organiser); 0 clears */
json_t *co_entry_units_put(db *d, const principal *a, int64_t entry_id, int64_t sending_unit_id,
			   int64_t training_base_id, err *e);

/* prize rules (everyone reads; the province changes) and the optional promotion limit */
struct co_prize_rule {
	const char *tier, *medal, *recipient, *source;
	int64_t amount_fen; /* 0 removes the rule */
};
struct co_limit_in {
	bool given, enabled;
	int count, months;
};
#define CO_MAX_RULES 120
json_t *co_prize_rules_json(db *d, err *e);
json_t *co_prize_rules_put(db *d, const principal *a, const struct co_prize_rule *r, size_t n,
			   const struct co_limit_in *limit, err *e);

/* 集训基地 construction grants (the province): once per base and class */
json_t *co_base_grant(db *d, const principal *a, int64_t institution_id, const char *base_class,
		      const char *skill, err *e);
json_t *co_base_grants_json(db *d, const principal *a, err *e);

/* objections during the 公示 of an event's results: anyone raises one (about a contestant's result or the
 * event), the organiser reads them */
int64_t co_objection_create(db *d, int64_t event_id, int64_t entry_id, const char *text, const char *contact,
			    err *e);
json_t *co_objections_json(db *d, const principal *a, int64_t event_id, err *e);

/* the competition part of a person's talent record: entries with results, honours, promotions, money */
int competition_talent_add(db *d, const principal *a, int64_t person_id, json_t *rec, err *e);

#endif
