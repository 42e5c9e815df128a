/* stats.h: the administrators' dashboard figures (统计概览), scoped like every other read. */
#ifndef JINENG_STATS_H
#define JINENG_STATS_H

#include "svc/base/svc.h"

/* stats_overview_json: certificates by month / level / city, 高技能人才 (levels 3..1, valid certificates,
 * distinct holders), totals and pass rates per occupation, for the caller's scope: the province for
 * province administrators and supervisors, the caller's region for city administrators, the caller's
 * institution for institution staff. NULL with e set on failure. */
json_t *stats_overview_json(db *d, const principal *a, err *e);

#endif
