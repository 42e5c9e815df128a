/* titles.h: 贯通 (skill levels ↔ professional titles, docs/DOMAIN.md "贯通"; issue 22 item 5). The title
 * series and their rules as data (title_series, title_rules: the province edits them), a person's titles
 * (person_titles, imported with their source) and yearly appraisals (person_appraisals), the honours the
 * green channel reads (person_honours, shared with 惠才卡), the check by the rule engine (core/titles.h)
 * and the application reviewed by the person's city and decided by the province (core/title_flow.h). */
#ifndef JINENG_SVC_INCENTIVE_TITLES_H
#define JINENG_SVC_INCENTIVE_TITLES_H

#include "core/principal.h"
#include "core/titles.h"
#include "store/db.h"
#include "svc/base/list.h"
#include <jansson.h>

/* ---- the series and their rules ---- */

/* title_series_json: every series (active or not) with its rank names and its rules, in order */
json_t *title_series_json(db *d, err *e);

struct title_series_input {
	const char *name;
	const char *rank_names[4]; /* 初级 .. 正高级 names; NULL or "" the generic label */
	const char *source;	   /* required: where the series comes from */
	int active;		   /* 1, 0, or -1 unchanged (a new series is active) */
	/* the occupations the series matches for 职称 → 技能等级 (职业编码 prefixes: "6-18", "6-18-01-01");
	 * with set_occupations the list replaces the series' list ([GAP]: the seeds name none) */
	bool set_occupations;
	const char *const *occupations;
	size_t noccupations;
};
/* title_series_put: the province adds or changes a series (code [a-z0-9_]{2,32}, else 404); *created for a
 * new one; audited as title_series.created / .updated. 403 for any other role. Answers the series. */
json_t *title_series_put(db *d, const principal *a, const char *code, const struct title_series_input *in,
			 bool *created, err *e);

/* title_rule_add: the province adds a rule to a series (the rule checked by tt_rule_check: 422
 * invalid_rule; the series must exist: 422 unknown_series); audited as title_rule.created. Answers the rule.
 */
json_t *title_rule_add(db *d, const principal *a, const struct tt_rule *r, err *e);
/* title_rule_set_active: the province ends (0) or restores (1) a rule; audited as title_rule.updated */
json_t *title_rule_set_active(db *d, const principal *a, int64_t id, bool active, err *e);

/* ---- a person's records ---- */

struct title_record_input {
	const char *series; /* a series code */
	const char *rank;   /* assistant, intermediate, deputy_senior, full_senior */
	const char *name;   /* the title as awarded; NULL: the series' rank name */
	const char *obtained_on, *source;
};
/* person_title_add: an administrator whose scope covers the person (the province, the person's city)
 * imports a title the person holds, with its source; audited as person_title.imported */
json_t *person_title_add(db *d, const principal *a, int64_t person_id, const struct title_record_input *in,
			 err *e);

struct appraisal_input {
	int year;
	const char *result; /* excellent (优秀), passed (合格), basic (基本合格), failed (不合格) */
	const char *employer, *source;
};
/* person_appraisal_put: the yearly appraisal of a person, recorded by an administrator or the person's
 * institution (the person's write scope, never the person themself); one per year: a second one replaces
 * it (audited as person_appraisal.recorded / .replaced) */
json_t *person_appraisal_put(db *d, const principal *a, int64_t person_id, const struct appraisal_input *in,
			     err *e);

/* ---- the check and the application ---- */

struct title_target_input {
	int64_t person_id; /* an administrator: the person; a candidate: 0 or their own */
	const char *kind;  /* skill_to_title, green_channel, title_to_level, dual (一评双证) */
	const char *series;
	const char *rank;	/* skill_to_title, green_channel, dual: the rank applied for */
	int level;		/* title_to_level, dual: the skill level applied for (1..5) */
	const char *occupation; /* title_to_level, dual: the occupation (职业编码) */
	int64_t institution_id; /* title_to_level, dual: the evaluation institution (认定机构, filed, with its
				   certificate-number prefix) that issues the level certificate */
	const char *honour;	/* green_channel: the honour kind relied on (optional) */
};

/* title_check_json: the rule engine's decision over the person's records today, every condition
 * explained, without filing anything. Who may ask: the person themself, an administrator whose scope covers
 * the person. */
json_t *title_check_json(db *d, const principal *a, const struct title_target_input *in, err *e);

/* title_apply: files an application when every condition holds (422 conditions_not_met with the first
 * failed condition otherwise; the check says all); one live application per person and target (409
 * already_applied). Status submitted, audited as title_application.submitted. */
json_t *title_apply(db *d, const principal *a, const struct title_target_input *in, err *e);

/* the applications the caller may read (the province all, a city its region, the person their own);
 * filters status, kind, series, person_id, region_code */
extern const struct list_spec title_app_list;

/* title_app_get_json: one application with its decision, its opinions and the moves the caller may take */
json_t *title_app_get_json(db *d, const principal *a, int64_t id, err *e);

/* title_app_move: a move of core/title_flow.h (recommend, reject, withdraw, approve, return); recommend and
 * approve check the conditions again. Approval of a skill_to_title or green_channel application adds the
 * title record (person_titles, source 贯通); of a title_to_level one issues the level certificate through
 * the certificate chain (cert_issue_decision, by the institution named, with its basis); of a dual one
 * (一评双证) both — all in one transaction: if either record fails, neither is written and the application
 * stays where it was. Audited under the transition's action. Answers the application. */
json_t *title_app_move(db *d, const principal *a, int64_t id, const char *to, const char *reason, err *e);

/* titles_talent_add: the 贯通 part of a person's talent record, added to `rec`: titles, appraisals, honours
 * and the 贯通 applications the caller may read. The caller has checked that it may read the person. */
int titles_talent_add(db *d, const principal *a, int64_t person_id, json_t *rec, err *e);

#endif
