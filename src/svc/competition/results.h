/* results.h: 竞赛成绩 (issue 21 item 5): once the chief expert has signed off an event, its results are
 * computed from the marks — raw totals and module totals, the WorldSkills scale (median at 700,
 * core/ws_scale.h), the ranking with ties broken by module scores in the scheme's order (core/marking.h),
 * medals per the competition's rules (gold / silver / bronze by places or shares, 优胜奖 from a scaled
 * score) — and stored; a team event (team_size > 1) ranks its teams (the members' mean totals). The organiser
 * publishes them for 公示 (publicity_days working days on the holiday calendar); the public reads the
 * published results and the competition's medal table by 选送单位 (team results). Rules: docs/DOMAIN.md
 * "竞赛评分与成绩". */
#ifndef JINENG_SVC_COMPETITION_RESULTS_H
#define JINENG_SVC_COMPETITION_RESULTS_H

#include "core/principal.h"
#include "store/db.h"
#include <jansson.h>

/* computes (again) the results of one signed event: 409 not_signed before the sign-off, results_published
 * after publication */
json_t *cr_compute_event(db *d, const principal *a, int64_t event_id, err *e);
/* computes the results of every signed event of a competition in one transaction:
 * {competition_id, computed, skipped: [event ids still marking], ms} */
json_t *cr_compute_competition(db *d, const principal *a, int64_t competition_id, err *e);
/* the results of an event, best first. pub: the public route (published events only, 404 otherwise) */
json_t *cr_results_json(db *d, const principal *a, int64_t event_id, bool pub, err *e);
/* 公示: computed -> published, publicity_end on the holiday calendar */
json_t *cr_publish(db *d, const principal *a, int64_t event_id, err *e);
/* the medal table by 选送单位 over the competition's computed (pub: published) events */
json_t *cr_team_results_json(db *d, const principal *a, int64_t competition_id, bool pub, err *e);

#endif
