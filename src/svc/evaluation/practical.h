/* practical.h: 操作技能考核 and 综合评审 — criteria and panel per plan and part, 回避, independent
 * scoring, panel means. 综合评审 (材料评审 + 答辩) exists for levels 2 and 1 only and follows the same rules:
 * a panel of at least 3 senior examiners, an odd number. */
#ifndef JINENG_PRACTICAL_SVC_H
#define JINENG_PRACTICAL_SVC_H

#include "svc/base/svc.h"

enum part { PART_PRACTICAL, PART_REVIEW };

int practical_setup(db *d, const principal *a, enum part part, int64_t plan_id, json_t *criteria,
		    json_t *examiners, double spread_pct, err *e);
int avoidance_declare(db *d, const principal *a, int64_t examiner_id, int64_t person_id, const char *reason,
		      err *e);
int practical_score(db *d, const principal *a, enum part part, int64_t plan_id, int64_t registration_id,
		    json_t *scores, err *e);
json_t *practical_view_json(db *d, const principal *a, enum part part, int64_t plan_id,
			    int64_t registration_id, err *e);

/* practical_setup_json: the part's criteria, spread threshold and panel, and the candidates it scores (the
 * plan's approved registrations); for the institution, supervisors, the province and the panel's own
 * examiners. configured is false before the institution sets it up. */
json_t *practical_setup_json(db *d, const principal *a, enum part part, int64_t plan_id, err *e);

#endif
