/* talent.c: /api/v1/persons/{id}/talent-record (人才档案): a person's certificates, results and history in
 * one view */
#include "util/common.h"
#include "api/base/api.h"
#include "api/registry/handlers.h"
#include "svc/base/columns.h"
#include "svc/cert/certs.h"
#include "svc/evaluation/eligibility.h"
#include "svc/cert/issuers.h"
#include "svc/auth/throttle.h"
#include "svc/cert/vc.h"
#include "svc/incentive/titles.h"
#include <stdlib.h>

int h_talent_record(req *r)
{
	int64_t id = req_param_id(r, 0);
	if (id < 0)
		return -1;
	db *d = api_db(r);
	json_t *o = d ? talent_record_json(d, &r->who, id, &r->e) : NULL;
	/* 贯通: titles, yearly appraisals and the 贯通 applications (svc/incentive/titles.h) */
	if (o && titles_talent_add(d, &r->who, id, o, &r->e)) {
		json_decref(o);
		return -1;
	}
	return o ? req_reply(r, 200, o) : -1;
}
