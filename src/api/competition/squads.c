/* squads.c: the handlers of 竞赛选拔与集训 (src/svc/competition/squads.h) and of the boards
 * (src/svc/competition/board.h): each parses its request into the use case's typed input; no SQL here */
#include "util/common.h"
#include "api/base/api.h"
#include "api/competition/squads_handlers.h"
#include "svc/base/svc.h"
#include "svc/competition/board.h"
#include "svc/competition/squads.h"

static int reply(req *r, int status, json_t *o)
{
	return o ? req_reply(r, status, o) : -1;
}

/* POST /competition-events/{id}/selection-pool: {target, skill?} */
int h_sq_pool_add(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	const char *target = jstr(b, "target", &r->e), *skill = jstr(b, "skill", &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	return reply(r, 200, d ? sq_pool_add(d, &r->who, id, target, skill, &r->e) : NULL);
}

int h_sq_pool_list(req *r)
{
	return api_list_spec(r, &sq_pool_list);
}

int h_sq_squad_list(req *r)
{
	return api_list_spec(r, &sq_squad_list);
}

/* POST /competition-squads: {target, skill, year, name?, base_institution_id, base_level?} */
int h_sq_squad_create(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	struct squad_input in = {
		.target = jstr(b, "target", &r->e),
		.skill = jstr(b, "skill", &r->e),
		.name = jstr(b, "name", &r->e),
		.base_level = jstr(b, "base_level", &r->e),
		.year = jint(b, "year", 0, &r->e),
		.base_institution_id = jint(b, "base_institution_id", 0, &r->e),
	};
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	return reply(r, 201, d ? sq_squad_create(d, &r->who, &in, &r->e) : NULL);
}

int h_sq_squad_get(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	return reply(r, 200, d ? sq_squad_json(d, &r->who, id, &r->e) : NULL);
}

/* PUT /competition-squads/{id}/coaches: {coaches: [{name, role, institution_id?}]} */
int h_sq_coaches_set(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	json_t *items = json_object_get(b, "coaches");
	if (!json_is_array(items))
		return err_set(&r->e, 422, "missing_field", "coaches", "缺少教练列表 coaches",
			       "missing array 'coaches'");
	size_t n = json_array_size(items);
	if (n > 20)
		return err_set(&r->e, 422, "too_many", "coaches", "教练至多 20 名", "at most 20 coaches");
	struct squad_coach c[20];
	size_t i;
	json_t *x;
	json_array_foreach(items, i, x)
	{
		if (!json_is_object(x))
			return err_set(&r->e, 422, "invalid_type", "coaches", "教练条目应为对象",
				       "each coach is an object");
		c[i].name = jstr(x, "name", &r->e);
		c[i].role = jstr(x, "role", &r->e);
		c[i].institution_id = jint(x, "institution_id", 0, &r->e);
	}
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	return reply(r, 200, d ? sq_coaches_set(d, &r->who, id, c, n, &r->e) : NULL);
}

/* POST /competition-squads/{id}/members: {pool_id, sending_unit_id?, training_base_id?} */
int h_sq_member_add(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	struct squad_member_input in = {
		.pool_id = jint(b, "pool_id", 0, &r->e),
		.sending_unit_id = jint(b, "sending_unit_id", 0, &r->e),
		.training_base_id = jint(b, "training_base_id", 0, &r->e),
	};
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	return reply(r, 201, d ? sq_member_add(d, &r->who, id, &in, &r->e) : NULL);
}

/* POST /competition-squad-members/{id}/leave: {reason} */
int h_sq_member_leave(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	const char *reason = jstr(b, "reason", &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	return reply(r, 200, d ? sq_member_leave(d, &r->who, id, reason, &r->e) : NULL);
}

/* POST /competition-squads/{id}/rounds: {event_id, group?} */
int h_sq_round_add(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	int64_t ev = jint(b, "event_id", 0, &r->e);
	const char *grp = jstr(b, "group", &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	return reply(r, 201, d ? sq_round_add(d, &r->who, id, ev, grp, &r->e) : NULL);
}

int h_cb_progress(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	return reply(r, 200, d ? cb_progress_json(d, &r->who, id, &r->e) : NULL);
}

int h_cb_public_results(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	return reply(r, 200, d ? cb_public_results_json(d, &r->who, id, &r->e) : NULL);
}

int h_cb_my_judging(req *r)
{
	db *d = api_db(r);
	return reply(r, 200, d ? cb_my_judging_json(d, &r->who, &r->e) : NULL);
}
