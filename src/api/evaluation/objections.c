/* objections.c: 公示 objections: raised by anyone during the publicity period, resolved by the plan's owner
 */
#include "util/common.h"
#include "api/base/api.h"
#include "api/evaluation/handlers.h"
#include "api/evaluation/input.h"
#include "svc/exam/analysis.h"
#include "svc/evaluation/reg_import.h"
#include "svc/evaluation/objections.h"
#include "svc/evaluation/practical.h"
#include <stdlib.h>

int h_objections_list(req *r)
{
	int64_t plan = req_param_id(r, 0);
	db *d = plan > 0 ? api_db(r) : NULL;
	json_t *o = d ? objection_list_json(d, &r->who, plan, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_objection_create(req *r)
{
	if (api_verify_throttled(r) != 0)
		return -1;
	int64_t plan = req_param_id(r, 0);
	json_t *b = plan > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	struct objection_body in;
	if (objection_body_parse(r, b, &in) != 0)
		return -1;
	db *d = api_db(r);
	int64_t id = d ? objection_create(d, plan, in.result_id, in.text, in.contact, &r->e) : -1;
	return id < 0 ? -1
		      : req_reply(r, 201, json_pack("{s:I,s:s}", "id", (json_int_t)id, "status", "open"));
}

int h_objection_resolve(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	const char *res;
	if (resolution_body_parse(r, b, &res) != 0)
		return -1;
	db *d = api_db(r);
	return d && objection_resolve(d, &r->who, id, res, &r->e) == 0 ? api_ok(r) : -1;
}
