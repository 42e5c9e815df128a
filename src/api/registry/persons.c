/* persons.c: /api/v1/persons and their facts (work history, diplomas, professional titles) */
#include "util/common.h"
#include "api/base/api.h"
#include "api/registry/handlers.h"
#include "api/registry/input.h"
#include "svc/base/columns.h"
#include "svc/registry/persons.h"
#include "svc/registry/life_events.h"
#include "svc/base/svc.h"

static void read_input(req *r, json_t *b, struct person_input *in)
{
	in->name = jstr(b, "name", &r->e);
	in->id_type = jstr(b, "id_type", &r->e);
	in->id_number = jstr(b, "id_number", &r->e);
	in->phone = jstr(b, "phone", &r->e);
	in->region_code = jstr(b, "region_code", &r->e);
	in->education = jstr(b, "education", &r->e);
	json_t *emp = json_object_get(b, "employer_id");
	in->employer_id = emp && json_is_null(emp) ? -1 : jint(b, "employer_id", 0, &r->e);
}

int h_persons_create(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	struct person_input in = {0};
	read_input(r, b, &in);
	if (err_isset(&r->e))
		return -1;
	if (!in.name)
		return err_set(&r->e, 422, "missing_field", "name", "缺少必填字段 name",
			       "missing required field 'name'");
	db *d = api_db(r);
	bool created;
	int64_t id = d ? person_create(d, &r->who, &in, &created, &r->e) : -1;
	if (id < 0)
		return -1;
	json_t *p = person_get_json(d, &r->who, id, &r->e);
	if (!p)
		return -1;
	if (!created) {
		/* a person registered before, now linked: the reply says only what the request itself told
		 * (the name and ID number sent) and what they imply, never the stored phone or other facts */
		static const char *const keep[] = {"id",     "name",	  "id_type", "id_number_masked",
						   "gender", "birth_date"};
		json_t *o = json_object();
		for (size_t i = 0; i < ARRAY_LEN(keep); i++) {
			json_t *v = json_object_get(p, keep[i]);
			if (v)
				json_object_set(o, keep[i], v);
		}
		json_decref(p);
		p = o;
	}
	json_object_set_new(p, "linked_existing", json_boolean(!created));
	return req_reply(r, created ? 201 : 200, p);
}

int h_persons_list(req *r)
{
	return api_list_spec(r, &person_list);
}

int h_persons_get(req *r)
{
	int64_t id = req_param_id(r, 0);
	if (id < 0)
		return -1;
	json_t *p = person_get_json(api_db(r), &r->who, id, &r->e);
	return p ? req_reply(r, 200, p) : -1;
}

int h_persons_update(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	struct person_input in = {0};
	read_input(r, b, &in);
	if (err_isset(&r->e))
		return -1;
	if (in.id_number || in.id_type)
		return err_set(&r->e, 422, "immutable_field", "id_number",
			       "证件号码不可修改，请登记新人员或联系省级管理员",
			       "the ID number cannot be changed");
	db *d = api_db(r);
	if (person_update(d, &r->who, id, &in, &r->e) != 0)
		return -1;
	json_t *p = person_get_json(d, &r->who, id, &r->e);
	return p ? req_reply(r, 200, p) : -1;
}

static int add_fact(req *r, enum person_fact_kind kind)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	struct person_fact f;
	if (read_person_fact(r, b, kind, &f) != 0)
		return -1;
	db *d = api_db(r);
	if (!d || person_add_fact(d, &r->who, id, &f, &r->e) < 0)
		return -1;
	json_t *p = person_get_json(d, &r->who, id, &r->e);
	return p ? req_reply(r, 201, p) : -1;
}

int h_persons_work(req *r)
{
	return add_fact(r, FACT_WORK);
}

int h_persons_diploma(req *r)
{
	return add_fact(r, FACT_DIPLOMA);
}

int h_persons_title(req *r)
{
	return add_fact(r, FACT_TITLE);
}

/* POST /persons/{id}/life-events: 人员状态 (去世、调离本省), stopping the person's allowances in the same
 * unit */
int h_persons_life_event(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	struct life_event_input in = {.kind = jreq(b, "kind", &r->e),
				      .occurred_on = jreq(b, "occurred_on", &r->e),
				      .source = jreq(b, "source", &r->e),
				      .note = jstr(b, "note", &r->e)};
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? person_life_event_add(d, &r->who, id, &in, &r->e) : NULL;
	return o ? req_reply(r, 201, o) : -1;
}
