/* entries.h (svc): 职业技能竞赛 — registration and nomination of contestants within quotas, the organiser's
 * review, the seat draw and the start list (issue 21 item 3), and 岗位练兵 / 技术比武 counts with the
 * participation target (item 1).
 *
 * Who: the organiser (SE_COMPETITION write: the province, the organiser's city, the organising institution's
 * administrator) reviews, draws and reads every entry; a nominating unit (a city administrator for its
 * region, an institution administrator for its institution) nominates within its quota, reads and withdraws
 * its own; everyone reads a drawn start list of a published competition. Rules: core/competition.h;
 * docs/DOMAIN.md "职业技能竞赛". */
#ifndef JINENG_SVC_COMPETITION_ENTRIES_H
#define JINENG_SVC_COMPETITION_ENTRIES_H

#include "core/principal.h"
#include "store/db.h"
#include <jansson.h>

/* a nomination: the person, the group, the team (team events), the 选送单位. A city administrator nominates
 * for its region (unit_region defaults to its city, unit_institution_id optional: an institution of its
 * region); an institution administrator for its institution (both set from it); the province for any unit.
 * Refused: 409 registration_closed (the competition is not open), 404 the person out of the nominator's
 * reach, 422 not_eligible (with every reason of the group's rule), 409 already_entered, 409 over_quota
 * (the unit's quota for the event used), 422 team_required / team_not_allowed, 409 team_full. */
struct entry_input {
	int64_t event_id, person_id;
	const char *grp, *team, *unit_name, *unit_region;
	int64_t unit_institution_id;
};
json_t *entry_nominate(db *d, const principal *a, const struct entry_input *in, err *e);
/* A candidate registers themself (个人报名) with the same function (person_id their own, else 403): only
 * below the provincial tiers (409 nomination_required: 省级及以上 take nominations); the 选送单位 is their
 * employer, or their city without one, and counts against that unit's quota. */

/* entry_mine: a candidate's own entries, newest first, with the competition's and the event's names */
json_t *entry_mine(db *d, const principal *a, err *e);

/* the entries of an event the caller may read: the organiser all, a nominating unit its own (403 for a
 * caller who is neither) */
json_t *entry_list(db *d, const principal *a, int64_t event_id, const char *status, err *e);

/* entry_move: the organiser approves or rejects (with a reason); the nominating unit or the organiser
 * withdraws; not once the event is drawn (409 event_drawn) */
int entry_move(db *d, const principal *a, int64_t id, const char *to, const char *reason, err *e);
json_t *entry_get_json(db *d, const principal *a, int64_t id, err *e);

/* entry_draw: the organiser draws the seats of an event whose registration is closed and whose entries are
 * all decided: the units (approved entries by id; teams by label) get seats 1..n by core comp_draw from
 * the seed (given, or 32 random hex characters), recorded in competition_draws; 409 already_drawn */
json_t *entry_draw(db *d, const principal *a, int64_t event_id, const char *seed, err *e);
/* draw_get_json: the recorded draw with its seed and a recomputation (reproduced: true when the seed
 * draws the recorded seats again); read as the competition is */
json_t *draw_get_json(db *d, const principal *a, int64_t event_id, err *e);
/* start_list_json: the start list of a drawn event (seat, name, unit, group, team), read as the competition
 * is; 409 not_drawn before the draw */
json_t *start_list_json(db *d, const principal *a, int64_t event_id, err *e);

/* 岗位练兵 / 技术比武 participation counts (no marking), by organiser, occupation and region */
struct practice_input {
	int64_t year, participants;
	const char *kind, *organiser_name, *occupation_code, *region_code;
};
json_t *practice_record(db *d, const principal *a, const struct practice_input *in, err *e);
/* participation_json: the target (competition_targets) and the progress toward it over its years:
 * 岗位练兵 / 技术比武 counts and competition entries (nominated or approved, by the competitions' first
 * day), in total, by kind and by city */
json_t *participation_json(db *d, err *e);

#endif
