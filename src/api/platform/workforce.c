/* workforce.c: /api/v1/workforce/… — 评价队伍: qualification courses and qualifications (svc/platform/
 * workforce.h) */
#include "util/common.h"
#include "api/base/api.h"
#include "api/platform/handlers.h"
#include "svc/platform/workforce.h"

int h_wf_course_list(req *r)
{
	db *d = api_db(r);
	json_t *o = d ? wf_course_list_json(d, &r->who, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

/* {class_id, grade, exam_plan_id, valid_years}: 201 with the courses' list entry */
int h_wf_course_create(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	struct wf_course_input in = {
		.class_id = jint(b, "class_id", 0, &r->e),
		.grade = jstr(b, "grade", &r->e),
		.exam_plan_id = jint(b, "exam_plan_id", 0, &r->e),
		.valid_years = jint(b, "valid_years", 0, &r->e),
	};
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	int64_t id = 0;
	if (!d || wf_course_create(d, &r->who, &in, &id, &r->e) != 0)
		return -1;
	return req_reply(r, 201, json_pack("{s:I}", "id", (json_int_t)id));
}

int h_wf_qual_list(req *r)
{
	return api_list_spec(r, &wf_qual_list);
}

int h_wf_qual_get(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	json_t *o = d ? wf_qual_get_json(d, &r->who, id, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

/* {user_id, basis, course_id | grade, cert_no, valid_from, valid_until, note}: 201 with the qualification */
int h_wf_qual_grant(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	struct wf_qual_input in = {
		.user_id = jint(b, "user_id", 0, &r->e),
		.basis = jstr(b, "basis", &r->e),
		.course_id = jint(b, "course_id", 0, &r->e),
		.person_id = jint(b, "person_id", 0, &r->e),
		.grade = jstr(b, "grade", &r->e),
		.cert_no = jstr(b, "cert_no", &r->e),
		.valid_from = jstr(b, "valid_from", &r->e),
		.valid_until = jstr(b, "valid_until", &r->e),
		.note = jstr(b, "note", &r->e),
	};
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	int64_t id = 0;
	if (!d || wf_qual_grant(d, &r->who, &in, &id, &r->e) != 0)
		return -1;
	json_t *o = wf_qual_get_json(d, &r->who, id, &r->e);
	return o ? req_reply(r, 201, o) : -1;
}

/* {valid_until, note}: 201 with the new qualification */
int h_wf_qual_renew(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	const char *until = jstr(b, "valid_until", &r->e), *note = jstr(b, "note", &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	int64_t nid = 0;
	if (!d || wf_qual_renew(d, &r->who, id, until, note, &nid, &r->e) != 0)
		return -1;
	json_t *o = wf_qual_get_json(d, &r->who, nid, &r->e);
	return o ? req_reply(r, 201, o) : -1;
}

/* {reason}: 200 with the qualification, removed */
int h_wf_qual_remove(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	const char *reason = jstr(b, "reason", &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	if (!d || wf_qual_remove(d, &r->who, id, reason, &r->e) != 0)
		return -1;
	json_t *o = wf_qual_get_json(d, &r->who, id, &r->e);
	return o ? req_reply(r, 200, o) : -1;
}
