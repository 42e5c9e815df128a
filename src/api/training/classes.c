/* classes.c: /api/v1/training/... — 培训班, enrolment, sessions and check-in (svc/training/classes.h) */
#include "util/common.h"
#include "api/base/api.h"
#include "api/training/handlers.h"
#include "svc/training/classes.h"
#include "api/training/input.h"

int h_training_class_create(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	struct training_class_input in = {
		.teacher_user_id = jint(b, "teacher_user_id", 0, &r->e),
		.starts_on = jreq(b, "starts_on", &r->e),
		.ends_on = jreq(b, "ends_on", &r->e),
		.capacity = jint(b, "capacity", 0, &r->e),
		.completion_hours = jint(b, "completion_hours", 0, &r->e),
	};
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	int64_t cid = d ? training_class_create(d, &r->who, id, &in, &r->e) : -1;
	if (cid < 0)
		return -1;
	json_t *o = training_class_get_json(d, &r->who, cid, &r->e);
	return o ? req_reply(r, 201, o) : -1;
}

int h_training_class_get(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	json_t *o = d ? training_class_get_json(d, &r->who, id, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_training_enrol(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	int64_t person = jint(b, "person_id", 0, &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	if (!d || training_enrol(d, &r->who, id, person, &r->e) != 0)
		return -1;
	json_t *o = training_class_get_json(d, &r->who, id, &r->e);
	return o ? req_reply(r, 201, o) : -1;
}

int h_training_session_create(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	struct training_session_input in = {
		.held_on = jreq(b, "held_on", &r->e),
		.starts_at = jreq(b, "starts_at", &r->e),
		.ends_at = jreq(b, "ends_at", &r->e),
		.hours = jint(b, "hours", 0, &r->e),
	};
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	int64_t sid = d ? training_session_create(d, &r->who, id, &in, &r->e) : -1;
	if (sid < 0)
		return -1;
	return req_reply(r, 201,
			 json_pack("{sI sI ss ss ss sI}", "id", (json_int_t)sid, "class_id", (json_int_t)id,
				   "held_on", in.held_on, "starts_at", in.starts_at, "ends_at", in.ends_at,
				   "hours", (json_int_t)in.hours));
}

int h_training_session_code(req *r)
{
	int64_t id = req_param_id(r, 0);
	const char *at_s = req_query(r, "at");
	int64_t at = 0;
	if (at_s && *at_s) {
		char *end = NULL;
		long long v = strtoll(at_s, &end, 10);
		if (!end || *end || v <= 0)
			return err_set(&r->e, 422, "invalid_value", "at", "at 应为 Unix 秒数",
				       "at is a Unix time in seconds");
		at = (int64_t)v;
	}
	db *d = id > 0 ? api_db(r) : NULL;
	json_t *o = d ? training_session_code(d, &r->who, id, at, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_training_checkin(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	struct training_checkin_input in = {
		.code = jreq(b, "code", &r->e),
		.device_id = jreq(b, "device_id", &r->e),
	};
	if (err_isset(&r->e) || read_location(r, b, &in) != 0)
		return -1;
	db *d = api_db(r);
	json_t *o = d ? training_checkin(d, &r->who, &in, &r->e) : NULL;
	return o ? req_reply(r, 201, o) : -1;
}

int h_training_classes(req *r)
{
	return api_list_spec(r, &training_class_list);
}
