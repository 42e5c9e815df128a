/* group_rules.h: 重点群体 drive subsidy rules (docs/DOMAIN.md §64): a supplement and a relaxed insurance
 * figure for holders of a person category, as data (subsidy_group_rules, 061_key_groups.sql), set by the
 * province (province-wide, 370000, or for a city) and a city (its own); read by the claim evaluation
 * (svc/training/claims.c) with the categories the person holds on the application date. The seeds give no
 * figure for any category ([GAP]): no rule exists until a bureau sets one, and then it changes only claims of
 * holders. */
#ifndef JINENG_SVC_CULTIVATION_GROUP_RULES_H
#define JINENG_SVC_CULTIVATION_GROUP_RULES_H

#include "core/subsidy.h"
#include "svc/base/svc.h"

#define GROUP_RULES_MAX 32
#define GROUP_HELD_MAX	16

/* what the claim evaluation adds to its rules and facts: the rules of the claim's kind in force for its city
 * (the city's rule before the province's for the same category) and the categories the person holds valid
 * on the application date. The strings live in this struct. */
struct group_terms {
	struct subsidy_group_rule rules[GROUP_RULES_MAX];
	size_t nrules;
	char codes[GROUP_RULES_MAX][32], names[GROUP_RULES_MAX][64];
	const char *held[GROUP_HELD_MAX];
	char held_codes[GROUP_HELD_MAX][32];
	size_t nheld;
};
/* group_terms_load: fills t for a claim of `kind` of person `person` in region `region` applied on
 * `apply_ymd` (kinds other than skill_up, training and shortage: none) */
int group_terms_load(db *d, int kind, const char *region, int64_t person, int apply_ymd,
		     struct group_terms *t, err *e) WUR;

struct group_rule_input {
	const char *kind, *category, *region_code; /* region_code: 370000 or a city's code */
	fen_t supplement;			   /* >= 0 */
	int insured_months; /* 0: none; else 1..the general figure (技能提升补贴 only) */
	const char *source; /* the document that sets it (required) */
};
/* group_rules_json: the rules the caller may read (the province all; a city the province's and its own):
 * {items: [{id, kind, kind_zh, category, category_name, region_code, supplement_fen, insured_months, source,
 * updated_at}]} — the bureau only (403) */
json_t *group_rules_json(db *d, const principal *a, err *e);
/* group_rule_put: sets (or replaces) the rule of (kind, category, region); audited subsidy_group_rule.put.
 * 403 for anyone but the bureau; 404 a region not the caller's (a city: its own city only; 370000 the
 * province only) or an unknown category; 422 a kind other than skill_up, training, shortage, insured months
 * on another kind or out of range, a negative supplement. A supplement of 0 without insured months (a rule
 * that would change nothing) removes the rule (audited subsidy_group_rule.delete; 404 when there is none). */
json_t *group_rule_put(db *d, const principal *a, const struct group_rule_input *in, err *e);

#endif
