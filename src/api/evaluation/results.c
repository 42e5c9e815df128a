/* results.c: /api/v1/results (成绩): the province's correction path, lists and reads */
#include "util/common.h"
#include "api/base/api.h"
#include "api/evaluation/handlers.h"
#include "api/evaluation/input.h"
#include "svc/base/columns.h"
#include "svc/cert/certs.h"
#include "svc/evaluation/eligibility.h"
#include "svc/cert/issuers.h"
#include "svc/auth/throttle.h"
#include "svc/cert/vc.h"
#include <stdlib.h>

int h_results_create(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	struct result_input in;
	if (result_input_parse(r, b, &in) != 0)
		return -1;
	db *d = api_db(r);
	int64_t id = d ? result_create(d, &r->who, &in, &r->e) : -1;
	if (id < 0)
		return -1;
	json_t *o = result_get_json(d, &r->who, id, &r->e);
	return o ? req_reply(r, 201, o) : -1;
}

int h_results_list(req *r)
{
	return api_list_spec(r, &result_list);
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
