/* completion.c: POST /api/v1/training/classes/{id}/registration — 培训结业转报名 (svc/training/completion.h)
 */
#include "util/common.h"
#include "api/base/api.h"
#include "api/training/handlers.h"
#include "svc/training/completion.h"

int h_training_register_completed(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	struct completion_registration_input in = {
		.plan_id = jint(b, "plan_id", 0, &r->e),
		.option = jreq(b, "option", &r->e),
		.declared = jbool(b, "declared", 0, &r->e) == 1,
		.related_major = jbool(b, "related_major", 0, &r->e) == 1,
	};
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? training_register_completed(d, &r->who, id, &in, &r->e) : NULL;
	return o ? req_reply(r, 201, o) : -1;
}
