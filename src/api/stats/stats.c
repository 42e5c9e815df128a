/* stats.c: GET /api/v1/stats/overview, the dashboard figures (统计概览). */
#include "util/common.h"
#include "api/base/api.h"
#include "api/stats/handlers.h"
#include "svc/stats/stats.h"

int h_stats_overview(req *r)
{
	db *d = api_db(r);
	json_t *o = d ? stats_overview_json(d, &r->who, &r->e) : NULL;
	if (!o)
		return -1;
	return req_reply(r, 200, o);
}
