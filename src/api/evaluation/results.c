/* results.c: /api/v1/results (成绩): the province's correction path, lists and reads */
#include "util/common.h"
#include "api/base/api.h"
#include "api/evaluation/handlers.h"
#include "svc/base/columns.h"
#include "svc/cert/certs.h"
#include "svc/evaluation/eligibility.h"
#include "svc/cert/issuers.h"
#include "svc/auth/throttle.h"
#include "svc/cert/vc.h"
#include <stdlib.h>

static double jscore(req *r, json_t *b, const char *key)
{
	json_t *v = json_object_get(b, key);
	if (!v || json_is_null(v))
		return -1;
	if (!json_is_number(v) || json_number_value(v) < 0) {
		err_set(&r->e, 422, "invalid_type", key, "%s 应为 0 到 100 的数字",
			"%s must be a number from 0 to 100", key);
		return -1;
	}
	return json_number_value(v);
}

int h_results_create(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	struct result_input in = {
		.person_id = jint(b, "person_id", 0, &r->e),
		.institution_id = jint(b, "institution_id", 0, &r->e),
		.occupation_code = jstr(b, "occupation_code", &r->e),
		.work_type = jstr(b, "work_type", &r->e),
		.exam_date = jstr(b, "exam_date", &r->e),
		.level = (int)jint(b, "level", -1, &r->e),
		.passed = jbool(b, "passed", -1, &r->e),
		.correction_reason = jstr(b, "correction_reason", &r->e),
	};
	in.theory = jscore(r, b, "theory");
	in.practical = jscore(r, b, "practical");
	in.review = jscore(r, b, "review");
	if (err_isset(&r->e))
		return -1;
	if (in.person_id <= 0)
		return err_set(&r->e, 422, "missing_field", "person_id", "缺少人员",
			       "missing field 'person_id'");
	db *d = api_db(r);
	int64_t id = d ? result_create(d, &r->who, &in, &r->e) : -1;
	if (id < 0)
		return -1;
	json_t *o = result_get_json(d, &r->who, id, &r->e);
	return o ? req_reply(r, 201, o) : -1;
}

int h_results_list(req *r)
{
	int64_t limit, offset;
	if (api_paging(r, &limit, &offset) != 0)
		return -1;
	const char *pid = req_query(r, "person_id"), *pending = req_query(r, "pending");
	db *d = api_db(r);
	if (!d)
		return -1;
	json_t *o = result_list_json(d, &r->who, pid ? atoll(pid) : 0, pending && !strcmp(pending, "1"),
				     limit, offset, &r->e);
	return o ? req_reply(r, 200, o) : -1;
}

int h_results_get(req *r)
{
	int64_t id = req_param_id(r, 0);
	if (id < 0)
		return -1;
	db *d = api_db(r);
	json_t *o = d ? result_get_json(d, &r->who, id, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}
