/* orders.c: 订单班 / 冠名班 and 技工教育集团 (svc/cultivation/orders.h) */
#include "util/common.h"
#include "api/base/api.h"
#include "api/cultivation/handlers.h"
#include "svc/base/svc.h"
#include "svc/cultivation/orders.h"
#include "util/arena.h"

int h_order_classes(req *r)
{
	return api_list_spec(r, &order_class_list);
}

int h_order_class_create(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	struct order_class_input in = {
		.enterprise_id = jint(b, "enterprise_id", 0, &r->e),
		.major_id = jint(b, "major_id", 0, &r->e),
		.kind = jreq(b, "kind", &r->e),
		.name = jreq(b, "name", &r->e),
		.cohort_year = jint(b, "cohort_year", 0, &r->e),
		.graduation_year = jint(b, "graduation_year", 0, &r->e),
		.planned = jint(b, "planned", 0, &r->e),
	};
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? order_class_create(d, &r->who, &in, &r->e) : NULL;
	return o ? req_reply(r, 201, o) : -1;
}

int h_order_class_get(req *r)
{
	int64_t id = req_param_id(r, 0);
	if (id <= 0)
		return -1;
	db *d = api_db(r);
	json_t *o = d ? order_class_get(d, &r->who, id, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

/* {person_ids: [...]} */
int h_order_class_students(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	json_t *ids = json_object_get(b, "person_ids");
	if (!json_is_array(ids) || json_array_size(ids) > 500)
		return err_set(&r->e, 422, "invalid_value", "person_ids",
			       "person_ids 应为至多 500 个人员编号的数组",
			       "person_ids is an array of at most 500 person ids");
	size_t n = json_array_size(ids);
	int64_t *p = arena_array(r->a, n ? n : 1, sizeof *p);
	for (size_t i = 0; i < n; i++) {
		json_t *v = json_array_get(ids, i);
		if (!json_is_integer(v) || json_integer_value(v) <= 0)
			return err_set(&r->e, 422, "invalid_value", "person_ids", "person_ids 应为正整数",
				       "person_ids are positive integers");
		p[i] = json_integer_value(v);
	}
	db *d = api_db(r);
	json_t *o = d ? order_class_add_students(d, &r->who, id, p, n, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_order_class_place(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	struct placement_input in = {
		.person_id = jint(b, "person_id", 0, &r->e),
		.placement = jreq(b, "placement", &r->e),
		.employer_id = jint(b, "employer_id", 0, &r->e),
		.placed_on = jstr(b, "placed_on", &r->e),
		.note = jstr(b, "note", &r->e),
	};
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? order_class_place(d, &r->who, id, &in, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_order_class_graduate(req *r)
{
	int64_t id = req_param_id(r, 0);
	if (id <= 0)
		return -1;
	db *d = api_db(r);
	json_t *o = d ? order_class_graduate(d, &r->who, id, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_edu_groups(req *r)
{
	return api_list_spec(r, &edu_group_list);
}

int h_edu_group_create(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	struct group_input in = {.name = jreq(b, "name", &r->e),
				 .kind = jreq(b, "kind", &r->e),
				 .region_code = jreq(b, "region_code", &r->e)};
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? edu_group_create(d, &r->who, &in, &r->e) : NULL;
	return o ? req_reply(r, 201, o) : -1;
}

int h_edu_group_get(req *r)
{
	int64_t id = req_param_id(r, 0);
	if (id <= 0)
		return -1;
	db *d = api_db(r);
	json_t *o = d ? edu_group_get(d, &r->who, id, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_edu_group_member(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	int64_t inst = jint(b, "institution_id", 0, &r->e);
	const char *kind = jreq(b, "member_kind", &r->e);
	int lead = jbool(b, "lead", 0, &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? edu_group_add_member(d, &r->who, id, inst, kind, lead == 1, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_edu_group_key(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	json_t *k = json_object_get(b, "provincial_key");
	if (!json_is_boolean(k))
		return err_set(&r->e, 422, "missing_field", "provincial_key", "缺少 provincial_key（布尔值）",
			       "provincial_key (a boolean) is required");
	int64_t year = jint(b, "key_year", 0, &r->e);
	const char *doc = jstr(b, "key_doc_no", &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? edu_group_set_key(d, &r->who, id, json_is_true(k), year, doc, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}
