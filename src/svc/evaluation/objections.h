/* objections.h: 公示 objections: anyone may raise one about a plan (or one of its results) during the
 * publicity period; the plan's owner resolves it (objections.c) */
#ifndef JINENG_OBJECTIONS_H
#define JINENG_OBJECTIONS_H

#include "svc/base/svc.h"

int64_t objection_create(db *d, int64_t plan_id, int64_t result_id, const char *text, const char *contact,
			 err *e);
/* objection_list_json: a plan's objections, open first, with the candidate named when it is about a result */
json_t *objection_list_json(db *d, const principal *a, int64_t plan_id, err *e);
int objection_resolve(db *d, const principal *a, int64_t id, const char *resolution, err *e);

#endif
