/* supervision.c: /api/v1/supervisors (督导员) and /api/v1/dispatch (派遣) */
#include "util/common.h"
#include "api/base/api.h"
#include "api/supervision/handlers.h"
#include "api/supervision/input.h"
#include "svc/supervision/dispatch.h"
#include "svc/supervision/supervisors.h"

int h_supervisors_list(req *r)
{
	return api_list_spec(r, &supervisor_list);
}

int h_supervisor_get(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	json_t *o = d ? supervisor_get_json(d, &r->who, id, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_supervisor_put(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	struct supervisor_input in;
	if (read_supervisor(r, b, &in) != 0)
		return -1;
	db *d = api_db(r);
	if (!d || supervisor_put(d, &r->who, id, &in, &r->e) != 0)
		return -1;
	json_t *o = supervisor_get_json(d, &r->who, id, &r->e);
	return o ? req_reply(r, 200, o) : -1;
}

int h_supervisor_availability(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	struct availability_input in;
	if (read_availability(r, b, &in) != 0)
		return -1;
	db *d = api_db(r);
	if (!d || supervisor_availability(d, &r->who, id, &in, &r->e) != 0)
		return -1;
	json_t *o = supervisor_get_json(d, &r->who, id, &r->e);
	return o ? req_reply(r, 200, o) : -1;
}

int h_dispatch_rules_get(req *r)
{
	db *d = api_db(r);
	json_t *o = d ? dispatch_rules_json(d, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_dispatch_rules_put(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	struct dispatch_rules_input in;
	if (read_dispatch_rules(r, b, &in) != 0)
		return -1;
	db *d = api_db(r);
	if (!d || dispatch_rules_put(d, &r->who, &in, &r->e) != 0)
		return -1;
	json_t *o = dispatch_rules_json(d, &r->e);
	return o ? req_reply(r, 200, o) : -1;
}

/* POST /dispatch/runs {day, region_code}: 201 with the stored plan, or 409 dispatch_infeasible with the
 * report of the sittings that cannot be covered (nothing stored) */
int h_dispatch_run(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	const char *day = jreq(b, "day", &r->e), *region = jreq(b, "region_code", &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	json_t *rep = d ? dispatch_run(d, &r->who, day, region, &r->e) : NULL;
	if (!rep)
		return -1;
	if (json_is_true(json_object_get(rep, "stored")))
		return req_reply(r, 201, rep);
	static const char zh[] = "有考场无法配齐督导员，未保存派遣",
			  en[] = "some sittings cannot get their supervisors; nothing was stored";
	json_object_set_new(rep, "error",
			    json_pack("{s:s,s:s,s:s,s:s}", "code", "dispatch_infeasible", "message",
				      r->lang_en ? en : zh, "message_zh", zh, "message_en", en));
	return req_reply(r, 409, rep);
}

int h_dispatch_assignments(req *r)
{
	return api_list_spec(r, &assignment_list);
}
