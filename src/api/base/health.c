/* health.c: GET /api/v1/health (liveness and the database's reachability) */
#include "util/common.h"
#include "api/base/api.h"
#include "api/base/handlers.h"
#include "svc/auth/auth.h"

int h_health(req *r)
{
	db *d = api_db(r);
	if (!d)
		return -1;
	return req_reply(r, 200,
			 json_pack("{s:s,s:s,s:s}", "status", "ok", "db", db_dialect_name(d), "version",
				   JINENG_VERSION));
}
