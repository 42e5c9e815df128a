/* complaints.c: 投诉举报 — the public submission and status look-up, the bureau's queue and handling */
#include "util/common.h"
#include "api/base/api.h"
#include "api/supervision/handlers.h"
#include "api/supervision/input.h"
#include "svc/auth/throttle.h"
#include "svc/supervision/complaints.h"

/* submissions are throttled per client: JINENG_COMPLAINT_RATE an hour (default 20), counted in the database
 * (every serve node shares the count) */
static int submit_throttled(req *r)
{
	int rate = server_conf && server_conf->complaint_rate > 0 ? server_conf->complaint_rate : 20;
	int wait = 0;
	db *d = api_db(r);
	if (!d || throttle_hit_shared(d, "complaint", r->client, rate, 3600, &wait, &r->e) != 0)
		return -1;
	if (!wait)
		return 0;
	req_add_header(r, "Retry-After", arena_printf(r->a, "%d", wait));
	return err_set(&r->e, 429, "too_many_requests", NULL, "提交过于频繁，请 %d 秒后再试",
		       "too many complaints from this client; try again in %d s", wait);
}

int h_complaint_submit(req *r)
{
	if (submit_throttled(r) != 0)
		return -1;
	json_t *b = req_json(r);
	struct complaint_input in;
	if (!b || complaint_input_parse(r, b, &in) != 0)
		return -1;
	db *d = api_db(r);
	struct complaint_receipt rc;
	if (!d || complaint_submit(d, &r->who, &in, &rc, &r->e) != 0)
		return -1;
	return req_reply(r, 201,
			 json_pack("{s:s,s:s,s:s,s:s,s:s,s:s}", "tracking_code", rc.tracking_code, "status",
				   "received", "region_code", rc.region_code, "received_on", rc.received_on,
				   "ack_due", rc.ack_due, "reply_due", rc.reply_due));
}

int h_complaint_status(req *r)
{
	if (api_verify_throttled(r) != 0)
		return -1;
	db *d = api_db(r);
	json_t *o = d ? complaint_status_json(d, r->params[0], &r->e) : NULL;
	if (o)
		req_add_header(r, "Cache-Control", "no-store");
	return o ? req_reply(r, 200, o) : -1;
}

int h_complaint_categories(req *r)
{
	db *d = api_db(r);
	json_t *o = d ? complaint_categories_json(d, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_complaint_category_set(req *r)
{
	json_t *b = req_json(r);
	struct complaint_terms in;
	if (!b || complaint_terms_parse(r, b, &in) != 0)
		return -1;
	db *d = api_db(r);
	json_t *o = d ? complaint_category_set(d, &r->who, r->params[0], &in, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_complaints_list(req *r)
{
	return api_list_spec(r, &complaint_list);
}

int h_complaint_counts(req *r)
{
	db *d = api_db(r);
	json_t *o = d ? complaint_counts_json(d, &r->who, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_complaint_get(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	json_t *o = d ? complaint_get_json(d, &r->who, id, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

/* the complaint as the caller now sees it, after a change */
static int reply_complaint(req *r, db *d, int64_t id)
{
	json_t *o = complaint_get_json(d, &r->who, id, &r->e);
	return o ? req_reply(r, 200, o) : -1;
}

int h_complaint_move(req *r)
{
	struct api_move m;
	if (api_move_input(r, &m) != 0 ||
	    complaint_transition(m.d, &r->who, m.id, m.to, m.reason, &r->e) != 0)
		return -1;
	return reply_complaint(r, m.d, m.id);
}

int h_complaint_note(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	const char *text = jstr(b, "text", &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	if (!d || complaint_note(d, &r->who, id, text, &r->e) != 0)
		return -1;
	return reply_complaint(r, d, id);
}

int h_complaint_transfer(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	const char *region = jstr(b, "region_code", &r->e), *reason = jstr(b, "reason", &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	if (!d || complaint_transfer(d, &r->who, id, region, reason, &r->e) != 0)
		return -1;
	/* the city that gave it away no longer reads it: it is told where it went */
	return req_reply(r, 200, json_pack("{s:I,s:s}", "id", (json_int_t)id, "region_code", region));
}
