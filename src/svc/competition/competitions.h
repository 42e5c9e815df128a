/* competitions.h (svc): 职业技能竞赛 — competitions, their events and groups, quotas, the yearly provincial
 * plan and recurring series (issue 21 items 1-2). Scope: SE_COMPETITION (core/scope.c): the province every
 * competition, a city administrator those organised in its region, an institution administrator its own;
 * a published competition is read by everyone. Workflow: core/competition.h comp_fsm. Tables:
 * 034_competition.sql. Rules: docs/DOMAIN.md "职业技能竞赛". */
#ifndef JINENG_SVC_COMPETITION_COMPETITIONS_H
#define JINENG_SVC_COMPETITION_COMPETITIONS_H

#include "core/competition.h"
#include "core/principal.h"
#include "store/db.h"
#include "svc/base/list.h"
#include <jansson.h>

#define COMP_NAME_MAX 100

/* the tiers in order, the groups and the workflow states: {tiers: [...], groups: [...], states: [...]} */
json_t *comp_reference_json(void);

/* a new competition (status draft). The organiser's binding follows the caller: the province any region
 * (default 370000), a city administrator a region under its own (default its city), an institution
 * administrator its institution (and its region). Tiers by caller: worldskills and national the province
 * only; an institution administrator province_1/2, enterprise and school; a city administrator
 * province_1/2, city, county and industry. */
struct comp_input {
	const char *name, *tier, *organiser_name, *organiser_kind;
	const char *region_code; /* NULL: the caller's default */
	int64_t series_id;	 /* 0 none */
	int64_t edition;	 /* 0: the series' next */
	int64_t plan_year;	 /* 0: the year of starts_on */
	bool key_industry;	 /* 十强产业 */
	const char *starts_on, *ends_on;
};
json_t *comp_create(db *d, const principal *a, const struct comp_input *in, err *e);

/* comp_get_json: one competition with its events, their groups and the quotas, and the moves the caller may
 * take; 404 when out of the caller's read scope (the public: not published) */
json_t *comp_get_json(db *d, const principal *a, int64_t id, err *e);

/* comp_events_json: the events of a competition with their groups (no scope check: the caller's) */
json_t *comp_events_json(db *d, int64_t competition_id, err *e);

/* the list: the competitions the caller may read (published ones for everyone, its own besides); filters
 * tier, status, plan_year, region_code, series_id, name; sorts starts_on, id */
extern const struct list_spec comp_list;

/* comp_move: a move of comp_fsm (to: applied, draft, approved, rejected, open, closed). Approving into an
 * already published plan publishes the competition at once. */
int comp_move(db *d, const principal *a, int64_t id, const char *to, const char *reason, err *e);

/* an event with its groups (1..3, distinct) added to a competition not yet closed */
struct comp_group_input {
	const char *grp;
	struct comp_group_rule rule;
	const char *employment, *enrolment; /* NULL: any */
};
struct comp_event_input {
	int64_t competition_id;
	const char *name, *occupation_code, *worldskills_skill;
	int64_t team_size; /* 0: 1 (individual) */
	int64_t seats;	   /* 0: as many as the start list needs */
	struct comp_group_input groups[CG_COUNT];
	int ngroups;
};
json_t *comp_event_add(db *d, const principal *a, const struct comp_event_input *in, err *e);

/* the nomination quotas of a competition, replaced as a whole (the organiser, before registration closes) */
struct comp_quota_input {
	int64_t event_id; /* 0: each event */
	const char *unit_region;
	int64_t unit_institution_id;
	int64_t quota;
};
json_t *comp_quotas_set(db *d, const principal *a, int64_t competition_id, const struct comp_quota_input *q,
			size_t n, err *e);

/* the yearly provincial plan: its competitions (省级一类 / 二类) in the plan's order (core comp_plan_cmp:
 * 十强产业 first). The public sees a published plan's approved competitions (404 before publication); the
 * province every application of the year; a city or institution its own besides the published ones. */
json_t *comp_plan_json(db *d, const principal *a, int64_t year, err *e);
/* comp_plan_publish: the province publishes the year's plan (409 while an application is undecided, 409
 * when already published); its approved competitions become public */
json_t *comp_plan_publish(db *d, const principal *a, int64_t year, err *e);

/* recurring series */
struct comp_series_input {
	const char *name, *organiser_name, *region_code;
	int64_t interval_years, first_year;
};
json_t *comp_series_create(db *d, const principal *a, const struct comp_series_input *in, err *e);
json_t *comp_series_list(db *d, err *e);

/* comp_load_status: a competition's status, tier and first day (YYYYMMDD) for the entry use cases; 404
 * when there is none */
struct comp_head {
	int64_t id;
	char status[16], tier[16], name[COMP_NAME_MAX * 4 + 1];
	int starts_on;
};
int comp_load_head(db *d, int64_t id, struct comp_head *h, err *e);

#endif
