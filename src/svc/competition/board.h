/* board.h (svc): the competition's boards (issue 21 items 8-9) — the organiser's live marking progress per
 * event (进度看板: contestants, judges, aspects, scores entered of those expected, per judge, open
 * disagreements, the marking state) and the public results of a whole competition for the closing ceremony's
 * screen (every event whose results are published, best first). Rules: docs/DOMAIN.md "竞赛选拔与集训". */
#ifndef JINENG_SVC_COMPETITION_BOARD_H
#define JINENG_SVC_COMPETITION_BOARD_H

#include "core/principal.h"
#include "store/db.h"
#include <jansson.h>

/* the marking progress of every event of a competition, for its organiser (404 for anyone else):
 * {competition_id, name, threshold, events: [{event_id, name, status, marking_status, contestants, judges,
 * aspects, expected, entered, percent, flagged, by_judge: [{user_id, name, scored, expected}]}]} */
json_t *cb_progress_json(db *d, const principal *a, int64_t competition_id, err *e);

/* the published results of a published competition (404 otherwise), every event whose results are
 * published in the event order: {competition: {id, name, tier, starts_on, ends_on}, events: [{event_id,
 * name, worldskills_skill, occupation_name, team_size, publicity_end, items}]} */
json_t *cb_public_results_json(db *d, const principal *a, int64_t competition_id, err *e);

/* the events the caller (an examiner) judges or is the chief expert (裁判长) of, newest competition first:
 * {items: [{event_id, event_name, competition_id, competition_name, starts_on, chief, marking_status,
 * contestants, flagged}]} — the judges' and chief experts' way to their marking page */
json_t *cb_my_judging_json(db *d, const principal *a, err *e);

#endif
