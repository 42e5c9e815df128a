/* sittings.c: /api/v1/plans/{id}/sittings and /api/v1/sittings/... (场次: create, invigilators, 检录
 * admission, list, attempts) */
#include "util/common.h"
#include "api/base/api.h"
#include "api/exam/handlers.h"
#include "api/exam/input.h"
#include "svc/exam/invigilation.h"
#include "svc/auth/throttle.h"
#include "svc/exam/autosave.h"
#include "svc/exam/exam.h"
#include "svc/exam/bank_import.h"
#include <stdlib.h>

/* the sitting as the plan's list shows it (its stored room: a booked room's names, and its booking), with
 * its invigilators */
static json_t *sitting_row(db *d, req *r, int64_t plan, int64_t id)
{
	json_t *inv = invigilators_json(d, id, &r->e);
	json_t *list = inv ? sitting_list_json(d, &r->who, plan, &r->e) : NULL, *mine = NULL, *it;
	size_t k;
	json_array_foreach(list ? json_object_get(list, "items") : NULL, k, it)
	{
		if (json_integer_value(json_object_get(it, "id")) == id)
			mine = it;
	}
	json_t *out =
		mine ? json_pack("{s:I,s:I,s:O,s:O,s:O,s:o,s:O,s:O}", "id", (json_int_t)id, "plan_id",
				 (json_int_t)plan, "room", json_object_get(mine, "room"), "starts_at",
				 json_object_get(mine, "starts_at"), "minutes",
				 json_object_get(mine, "minutes"), "invigilators", inv, "booking",
				 json_object_get(mine, "booking"), "moved", json_object_get(mine, "moved"))
		     : NULL;
	if (!out && inv) {
		json_decref(inv);
		if (!err_isset(&r->e))
			err_set(&r->e, 500, "internal", NULL, "考场未能读取",
				"the sitting could not be read");
	}
	json_decref(list);
	return out;
}

int h_sittings_create(req *r)
{
	int64_t plan = req_param_id(r, 0);
	json_t *b = plan > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	struct sitting_input in;
	if (sitting_input_parse(r, b, &in) != 0)
		return -1;
	db *d = api_db(r);
	int64_t id = d ? sitting_create(d, &r->who, plan, &in, &r->e) : -1;
	json_t *out = id > 0 ? sitting_row(d, r, plan, id) : NULL;
	return out ? req_reply(r, 201, out) : -1;
}

/* 改期 / 换场: POST /sittings/{id}/move {starts_at?, minutes?, room_id? | room?, candidates?, reason} */
int h_sittings_move(req *r)
{
	int64_t sitting = req_param_id(r, 0);
	json_t *b = sitting > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	struct sitting_move_input in = {
		.starts_at = jint(b, "starts_at", 0, &r->e),
		.minutes = (int)jint(b, "minutes", 0, &r->e),
		.room_id = jint(b, "room_id", 0, &r->e),
		.candidates = jint(b, "candidates", 0, &r->e),
		.room = jstr(b, "room", &r->e),
		.reason = jreq(b, "reason", &r->e),
	};
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	int64_t plan = 0;
	if (!d || sitting_move(d, &r->who, sitting, &in, &plan, &r->e) != 0)
		return -1;
	json_t *out = sitting_row(d, r, plan, sitting);
	return out ? req_reply(r, 200, out) : -1;
}

int h_sittings_invigilators(req *r)
{
	int64_t sitting = req_param_id(r, 0);
	json_t *b = sitting > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	int64_t *ids;
	size_t n;
	if (invigilators_parse(r, b, &ids, &n) != 0)
		return -1;
	db *d = api_db(r);
	json_t *o = d ? sitting_invigilators_put(d, &r->who, sitting, ids, n, &r->e) : NULL;
	return o ? req_reply(r, 200, json_pack("{s:o}", "invigilators", o)) : -1;
}

int h_sittings_admit(req *r)
{
	int64_t sitting = req_param_id(r, 0);
	json_t *b = sitting > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	int64_t reg;
	if (admit_body_parse(r, b, &reg) != 0)
		return -1;
	/* 检录 builds a paper, the costly step of an exam: JINENG_ADMIT_RATE admissions a minute per
	 * institution (default 600), so one institution's burst cannot starve the others' sittings; counted
	 * in the database, so the limit holds across all serve nodes */
	int rate = server_conf && server_conf->admit_rate > 0 ? server_conf->admit_rate : 600;
	char key[24];
	int wait = 0;
	db *d = api_db(r);
	if (!d ||
	    throttle_hit_shared(d, "admit", id_text(r->who.institution_id, key), rate, 60, &wait, &r->e) != 0)
		return -1;
	if (wait) {
		req_add_header(r, "Retry-After", arena_printf(r->a, "%d", wait));
		return err_set(&r->e, 429, "too_many_requests", NULL, "检录过于频繁，请 %d 秒后再试",
			       "too many admissions; try again in %d s", wait);
	}
	int64_t id = d ? sitting_admit(d, &r->who, sitting, reg, &r->e) : -1;
	return id < 0 ? -1
		      : req_reply(r, 201,
				  json_pack("{s:I,s:s}", "attempt_id", (json_int_t)id, "status", "admitted"));
}

int h_sittings_list(req *r)
{
	int64_t plan = req_param_id(r, 0);
	db *d = plan > 0 ? api_db(r) : NULL;
	json_t *o = d ? sitting_list_json(d, &r->who, plan, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_sittings_attempts(req *r)
{
	int64_t sitting = req_param_id(r, 0);
	db *d = sitting > 0 ? api_db(r) : NULL;
	json_t *o = d ? sitting_attempts_json(d, &r->who, sitting, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}
