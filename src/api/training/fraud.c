/* fraud.c: /api/v1/training/fraud-signals — 疑点线索 detection and review (svc/training/fraud.h) */
#include "util/common.h"
#include "api/base/api.h"
#include "api/training/handlers.h"
#include "svc/training/fraud.h"

int h_fraud_detect(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	const char *from = jreq(b, "from", &r->e), *to = jreq(b, "to", &r->e);
	const char *region = jstr(b, "region_code", &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? fraud_detect(d, &r->who, from, to, region, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_fraud_signals(req *r)
{
	return api_list_spec(r, &fraud_signal_list);
}

int h_fraud_signal_get(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	json_t *o = d ? fraud_signal_get_json(d, &r->who, id, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_fraud_signal_review(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	const char *state = jreq(b, "state", &r->e), *reason = jstr(b, "reason", &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	if (!d || fraud_signal_review(d, &r->who, id, state, reason, &r->e) != 0)
		return -1;
	json_t *o = fraud_signal_get_json(d, &r->who, id, &r->e);
	return o ? req_reply(r, 200, o) : -1;
}
