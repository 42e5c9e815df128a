/* sites.c: /api/v1/exam-sites, /exam-rooms, /site-assessments, /room-bookings — 考点与考场 (svc/platform/
 * sites.h) */
#include "util/common.h"
#include "api/base/api.h"
#include "api/platform/handlers.h"
#include "svc/platform/sites.h"

int h_site_list(req *r)
{
	return api_list_spec(r, &site_list);
}

int h_site_get(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	json_t *o = d ? site_get_json(d, &r->who, id, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

/* {name, address, region_code, institution_id}: 201 with the site */
int h_site_create(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	struct site_input in = {
		.name = jstr(b, "name", &r->e),
		.address = jstr(b, "address", &r->e),
		.region_code = jstr(b, "region_code", &r->e),
		.institution_id = jint(b, "institution_id", 0, &r->e),
	};
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	int64_t id = 0;
	if (!d || site_create(d, &r->who, &in, &id, &r->e) != 0)
		return -1;
	json_t *o = site_get_json(d, &r->who, id, &r->e);
	return o ? req_reply(r, 201, o) : -1;
}

static int read_room(req *r, json_t *b, struct room_input *in)
{
	*in = (struct room_input){
		.name = jstr(b, "name", &r->e),
		.seats = jint(b, "seats", 0, &r->e),
		.computers = jint(b, "computers", 0, &r->e),
		.cameras = jint(b, "cameras", 0, &r->e),
		.equipment = jstr(b, "equipment", &r->e),
	};
	return err_isset(&r->e) ? -1 : 0;
}

static int room_reply(req *r, db *d, int64_t site, int status)
{
	json_t *o = site_get_json(d, &r->who, site, &r->e);
	return o ? req_reply(r, status, o) : -1;
}

/* POST /exam-sites/{id}/rooms {name, seats, computers, cameras, equipment}: 201 with the site */
int h_room_create(req *r)
{
	int64_t site = req_param_id(r, 0);
	json_t *b = site > 0 ? req_json(r) : NULL;
	struct room_input in;
	if (!b || read_room(r, b, &in) != 0)
		return -1;
	db *d = api_db(r);
	int64_t id = 0;
	if (!d || room_put(d, &r->who, site, 0, &in, &id, &r->e) != 0)
		return -1;
	return room_reply(r, d, site, 201);
}

/* PUT /exam-sites/{id}/rooms/{room}: 200 with the site */
int h_room_update(req *r)
{
	int64_t site = req_param_id(r, 0), room = req_param_id(r, 1);
	json_t *b = site > 0 && room > 0 ? req_json(r) : NULL;
	struct room_input in;
	if (!b || read_room(r, b, &in) != 0)
		return -1;
	db *d = api_db(r);
	int64_t id = 0;
	if (!d || room_put(d, &r->who, site, room, &in, &id, &r->e) != 0)
		return -1;
	return room_reply(r, d, site, 200);
}

int h_site_checklist(req *r)
{
	db *d = api_db(r);
	json_t *o = d ? site_checklist_json(d, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

/* {marks:[{item_id, result, note}], sign} */
static int assess(req *r, int64_t site, int64_t aid, int status)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	json_t *marks = json_object_get(b, "marks");
	if (marks && !json_is_array(marks))
		return err_set(&r->e, 422, "invalid_type", "marks", "marks 应为数组",
			       "marks must be an array");
	size_t n = marks ? json_array_size(marks) : 0;
	if (n > 200)
		return err_set(&r->e, 422, "too_many", "marks", "检查项过多", "too many marks");
	struct site_mark_input m[200];
	for (size_t i = 0; i < n; i++) {
		json_t *x = json_array_get(marks, i);
		if (!json_is_object(x))
			return err_set(&r->e, 422, "invalid_type", "marks", "每项应为对象",
				       "each mark is an object");
		m[i] = (struct site_mark_input){.item_id = jint(x, "item_id", 0, &r->e),
						.result = jstr(x, "result", &r->e),
						.note = jstr(x, "note", &r->e)};
	}
	int sign = jbool(b, "sign", 0, &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	int64_t id = 0;
	if (!d || site_assess(d, &r->who, site, aid, m, n, sign != 0, &id, &r->e) != 0)
		return -1;
	json_t *o = site_assessment_json(d, &r->who, id, &r->e);
	return o ? req_reply(r, status, o) : -1;
}

/* POST /exam-sites/{id}/assessments: 201 with the assessment (draft, or signed with sign: true) */
int h_site_assess(req *r)
{
	int64_t site = req_param_id(r, 0);
	return site > 0 ? assess(r, site, 0, 201) : -1;
}

/* PUT /site-assessments/{id}: more marks of one's own draft, or the sign: 200 */
int h_site_assessment_update(req *r)
{
	int64_t id = req_param_id(r, 0);
	return id > 0 ? assess(r, 0, id, 200) : -1;
}

int h_site_assessment_get(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	json_t *o = d ? site_assessment_json(d, &r->who, id, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

/* POST /exam-sites/{id}/designations {occupation_code, level}: 201 with the site */
int h_site_designate(req *r)
{
	int64_t site = req_param_id(r, 0);
	json_t *b = site > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	const char *occ = jstr(b, "occupation_code", &r->e);
	int64_t level = jint(b, "level", -1, &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	if (!d || site_designate(d, &r->who, site, occ, level, &r->e) != 0)
		return -1;
	return room_reply(r, d, site, 201);
}

int h_room_bookings(req *r)
{
	int64_t room = req_param_id(r, 0);
	db *d = room > 0 ? api_db(r) : NULL;
	json_t *o = d ? room_bookings_json(d, &r->who, room, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

/* POST /exam-rooms/{id}/bookings {plan_id, part, sitting_id | starts_at + minutes, candidates}: 201 with the
 * room's bookings */
int h_room_book(req *r)
{
	int64_t room = req_param_id(r, 0);
	json_t *b = room > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	struct booking_input in = {
		.plan_id = jint(b, "plan_id", 0, &r->e),
		.sitting_id = jint(b, "sitting_id", 0, &r->e),
		.part = jstr(b, "part", &r->e),
		.starts_at = jint(b, "starts_at", 0, &r->e),
		.minutes = jint(b, "minutes", 0, &r->e),
		.candidates = jint(b, "candidates", 0, &r->e),
	};
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	int64_t id = 0;
	if (!d || room_book(d, &r->who, room, &in, &id, &r->e) != 0)
		return -1;
	json_t *o = room_bookings_json(d, &r->who, room, &r->e);
	if (!o)
		return -1;
	json_object_set_new(o, "id", json_integer(id));
	return req_reply(r, 201, o);
}

/* POST /room-bookings/{id}/cancel: 200 {id, cancelled} */
int h_room_booking_cancel(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	if (!d || room_booking_cancel(d, &r->who, id, &r->e) != 0)
		return -1;
	return req_reply(r, 200, json_pack("{s:I,s:b}", "id", (json_int_t)id, "cancelled", 1));
}
