/* institutions.c: /api/v1/institutions (filing, scope, status) */
#include "util/common.h"
#include "api/base/api.h"
#include "api/registry/handlers.h"
#include "api/registry/input.h"
#include "svc/base/columns.h"
#include "svc/registry/institutions.h"

static void read_input(req *r, json_t *b, struct inst_input *in)
{
	in->name = jstr(b, "name", &r->e);
	in->credit_code = jstr(b, "credit_code", &r->e);
	in->type = jstr(b, "type", &r->e);
	in->region_code = jstr(b, "region_code", &r->e);
	in->address = jstr(b, "address", &r->e);
	in->contact_name = jstr(b, "contact_name", &r->e);
	in->contact_phone = jstr(b, "contact_phone", &r->e);
	in->accept_check_mismatch = jbool(b, "accept_check_mismatch", 0, &r->e) == 1;
}

int h_inst_create(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	struct inst_input in = {0};
	read_input(r, b, &in);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	int64_t id = d ? inst_create(d, &r->who, &in, &r->e) : -1;
	if (id < 0)
		return -1;
	json_t *o = inst_get_json(d, &r->who, id, &r->e);
	return o ? req_reply(r, 201, o) : -1;
}

int h_inst_list(req *r)
{
	return api_list_spec(r, &inst_list);
}

int h_inst_get(req *r)
{
	int64_t id = req_param_id(r, 0);
	if (id < 0)
		return -1;
	json_t *o = inst_get_json(api_db(r), &r->who, id, &r->e);
	return o ? req_reply(r, 200, o) : -1;
}

int h_inst_update(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	struct inst_input in = {0};
	read_input(r, b, &in);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	if (inst_update(d, &r->who, id, &in, &r->e) != 0)
		return -1;
	json_t *o = inst_get_json(d, &r->who, id, &r->e);
	return o ? req_reply(r, 200, o) : -1;
}

int h_inst_status(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	const char *st = jreq(b, "status", &r->e), *reason = jreq(b, "reason", &r->e),
		   *date = jstr(b, "date", &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	if (inst_set_status(d, &r->who, id, st, reason, date, &r->e) != 0)
		return -1;
	json_t *o = inst_get_json(d, &r->who, id, &r->e);
	return o ? req_reply(r, 200, o) : -1;
}

int h_inst_scope(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	struct inst_scope *sc;
	size_t n;
	if (read_inst_scopes(r, b, &sc, &n) != 0)
		return -1;
	db *d = api_db(r);
	if (!d || inst_set_scope(d, &r->who, id, sc, n, &r->e) != 0)
		return -1;
	json_t *o = inst_get_json(d, &r->who, id, &r->e);
	return o ? req_reply(r, 200, o) : -1;
}

int h_inst_history(req *r)
{
	int64_t id = req_param_id(r, 0);
	if (id < 0)
		return -1;
	json_t *o = inst_history_json(api_db(r), &r->who, id, &r->e);
	return o ? req_reply(r, 200, o) : -1;
}
