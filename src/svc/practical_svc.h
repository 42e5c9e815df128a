/* practical_svc.h: 操作技能考核 — criteria and panel per plan, 回避, independent scoring, panel means. */
#ifndef JINENG_PRACTICAL_SVC_H
#define JINENG_PRACTICAL_SVC_H

#include "svc/svc.h"

int practical_setup(db *d, const principal *a, int64_t plan_id, json_t *criteria, json_t *examiners, double spread_pct,
		    err *e);
int avoidance_declare(db *d, const principal *a, int64_t examiner_id, int64_t person_id, const char *reason, err *e);
int practical_score(db *d, const principal *a, int64_t plan_id, int64_t registration_id, json_t *scores, err *e);
json_t *practical_view_json(db *d, const principal *a, int64_t plan_id, int64_t registration_id, err *e);

#endif
