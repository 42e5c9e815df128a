/* eligibility.c: /api/v1/eligibility/... (申报条件): the options and a check against a person's record */
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

/* 申报条件 (eligibility_svc.c) */
int h_eligibility_check(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	struct elig_request q;
	if (elig_request_parse(r, b, &q) != 0)
		return -1;
	db *d = api_db(r);
	json_t *o = d ? eligibility_check_json(d, &r->who, &q, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_eligibility_options(req *r)
{
	const char *lv = req_query(r, "level");
	json_t *o = eligibility_options_json(req_query(r, "template"), lv ? atoi(lv) : 0, &r->e);
	return o ? req_reply(r, 200, o) : -1;
}
