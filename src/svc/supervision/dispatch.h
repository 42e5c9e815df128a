/* dispatch.h (svc): 督导员派遣 — the rules as data (supervisors needed by level band and candidate count,
 * 交叉互派 per city, the load term), a run for a day and a region (solved by core/dispatch.c and stored
 * with its audit record), and the stored assignments (a supervisor reads their own: their day's sittings). */
#ifndef JINENG_SVC_SUPERVISION_DISPATCH_H
#define JINENG_SVC_SUPERVISION_DISPATCH_H

#include "core/principal.h"
#include "store/db.h"
#include "svc/base/list.h"
#include <jansson.h>

#define DISPATCH_MAX_NEEDS  50
#define DISPATCH_MAX_CITIES 20

struct dispatch_need {
	int64_t level_from, level_to, min_candidates, supervisors;
};

/* the rules as the province replaces them */
struct dispatch_rules_input {
	const struct dispatch_need *needs;
	size_t nneeds;
	const char *const *cross; /* city region codes that require 交叉互派 */
	size_t ncross;
	int64_t load_km;
};

extern const struct list_spec assignment_list;

/* dispatch_rules_json: {needs, cross_dispatch, load_km} */
json_t *dispatch_rules_json(db *d, err *e);
/* dispatch_rules_put: replaces the rules (audited); every level 1..5 needs a band from 0 candidates */
int dispatch_rules_put(db *d, const principal *a, const struct dispatch_rules_input *in, err *e);

/* dispatch_run: dispatches the supervisors to the sittings of `day` (YYYY-MM-DD, China time) in `region`
 * (and below). When every sitting is covered the plan replaces that region's assignments of the day, is
 * stored with its audit record and returned ("stored": true). When some cannot be covered nothing is stored
 * and the report says which and why ("stored": false, "short": [...]). NULL with `e` set on other errors
 * (422 invalid input, 403 a region outside a city administrator's, 503). */
json_t *dispatch_run(db *d, const principal *a, const char *day, const char *region, err *e);

#endif
