/* eligibility.c: /api/v1/eligibility/... (申报条件): the options and a check against a person's record */
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

/* 申报条件 (eligibility_svc.c) */
int h_eligibility_check(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	struct elig_request q = {
		.person_id = jint(b, "person_id", 0, &r->e),
		.occupation_code = jstr(b, "occupation_code", &r->e),
		.option = jstr(b, "option", &r->e),
		.exam_date = jstr(b, "exam_date", &r->e),
		.level = (int)jint(b, "level", 0, &r->e),
		.related_major = jbool(b, "related_major", 0, &r->e) == 1,
		.declared = jbool(b, "declared", 0, &r->e) == 1,
	};
	if (err_isset(&r->e))
		return -1;
	if (r->who.role == ROLE_CANDIDATE && !q.person_id)
		q.person_id = r->who.person_id;
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
