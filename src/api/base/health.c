/* health.c: GET /api/v1/health (liveness and the database's reachability; on a read-only node its replica) */
#include "util/common.h"
#include "api/base/api.h"
#include "api/base/handlers.h"
#include "svc/auth/auth.h"

int h_health(req *r)
{
	db *d = api_db(r);
	if (!d)
		return -1;
	json_t *o = json_pack("{s:s,s:s,s:s}", "status", "ok", "db", db_dialect_name(d), "version",
			      JINENG_VERSION);
	/* a read-only node: what it stands on (a node too far behind never gets here: 503 replica_behind) */
	bool standby = false;
	double lag = 0;
	if (req_replica(&standby, &lag)) {
		json_object_set_new(o, "read_only", json_true());
		json_object_set_new(o, "standby", json_boolean(standby));
		json_object_set_new(o, "replication_lag_s", json_real(lag));
	}
	return req_reply(r, 200, o);
}
