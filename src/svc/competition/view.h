/* view.h: the competition domain's row views: the columns each view reads (in order) and the view */
#ifndef JINENG_SVC_COMPETITION_VIEW_H
#define JINENG_SVC_COMPETITION_VIEW_H

#include "store/db.h"
#include <jansson.h>

/* competitions cm */
#define COMP_VIEW_COLS                                                                                       \
	"cm.id, cm.name, cm.tier, cm.organiser_name, cm.organiser_kind, cm.region_code, cm.institution_id, " \
	"cm.series_id, cm.edition, cm.plan_year, cm.plan_class, cm.key_industry, cm.starts_on, cm.ends_on, " \
	"cm.status, cm.published, cm.decision_reason, (SELECT cs.name FROM competition_series cs WHERE "     \
	"cs.id "                                                                                             \
	"= cm.series_id), (SELECT COUNT(*) FROM competition_events ce2 WHERE ce2.competition_id = cm.id)"
json_t *comp_view(db_stmt *st);

/* competition_events ev */
#define COMP_EVENT_VIEW_COLS                                                                                 \
	"ev.id, ev.competition_id, ev.name, ev.occupation_code, (SELECT o.name FROM occupations o WHERE "    \
	"o.code = ev.occupation_code), ev.worldskills_skill, ev.team_size, ev.seats, ev.status"
json_t *comp_event_view(db_stmt *st);

/* competition_entries en, persons p (the organiser's and nominator's view: the ID number masked) */
#define COMP_ENTRY_VIEW_COLS                                                                                 \
	"en.id, en.competition_id, en.event_id, en.grp, en.person_id, p.name, p.id_masked, en.team, "        \
	"en.unit_name, en.unit_region, en.unit_institution_id, en.status, en.review_reason, en.seat, "       \
	"en.created_at"
json_t *comp_entry_view(db_stmt *st);

/* COMP_ENTRY_VIEW_COLS, then cm.name, ev.name, ev.status: a candidate's own entry */
json_t *comp_my_entry_view(db_stmt *st);

/* the start list's row (public): seat, name, unit, group, team; no ID number */
#define COMP_START_VIEW_COLS "en.seat, p.name, en.unit_name, en.grp, en.team, en.id"
json_t *comp_start_view(db_stmt *st);

#endif
