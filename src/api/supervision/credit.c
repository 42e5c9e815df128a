/* credit.c: /api/v1/credit-events and /api/v1/credit-kinds — 信用档案: the bureau records and withdraws
 * credit events; the province, a city (its region), the institution, examiner or supervisor (their own)
 * read them */
#include "util/common.h"
#include "api/base/api.h"
#include "api/supervision/handlers.h"
#include "api/supervision/input.h"
#include "svc/supervision/credit.h"

int h_credit_kinds(req *r)
{
	db *d = api_db(r);
	json_t *o = d ? credit_kinds_json(d, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_credit_list(req *r)
{
	return api_list_spec(r, &credit_list);
}

int h_credit_get(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	json_t *o = d ? credit_get_json(d, &r->who, id, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

/* 201 with the event recorded */
int h_credit_record(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	struct credit_event_input in;
	if (read_credit_event(r, b, &in) != 0)
		return -1;
	db *d = api_db(r);
	int64_t id = 0;
	if (!d || credit_record(d, &r->who, &in, &id, &r->e) != 0)
		return -1;
	json_t *o = credit_get_json(d, &r->who, id, &r->e);
	return o ? req_reply(r, 201, o) : -1;
}

/* {reason}: 200 with the event, withdrawn */
int h_credit_withdraw(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	const char *reason = jstr(b, "reason", &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	if (!d || credit_withdraw(d, &r->who, id, reason, &r->e) != 0)
		return -1;
	json_t *o = credit_get_json(d, &r->who, id, &r->e);
	return o ? req_reply(r, 200, o) : -1;
}
