/* users.c: /api/v1/users */
#include "util/common.h"
#include "api/base/api.h"
#include "api/auth/handlers.h"
#include "svc/base/columns.h"
#include "svc/auth/auth.h"
#include "svc/auth/users.h"

int h_users_list(req *r)
{
	return api_list_spec(r, &user_list);
}

int h_users_get(req *r)
{
	int64_t id = req_param_id(r, 0);
	if (id < 0)
		return -1;
	json_t *u = user_get_json(api_db(r), &r->who, id, &r->e);
	return u ? req_reply(r, 200, u) : -1;
}

int h_users_create(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	struct user_input in = {
		.username = jreq(b, "username", &r->e),
		.password = jreq(b, "password", &r->e),
		.role = jreq(b, "role", &r->e),
		.display_name = jstr(b, "display_name", &r->e),
		.region_code = jstr(b, "region_code", &r->e),
		.examiner_grade = jstr(b, "examiner_grade", &r->e),
		.institution_id = jint(b, "institution_id", 0, &r->e),
		.person_id = jint(b, "person_id", 0, &r->e),
	};
	if (err_isset(&r->e) || check_text(in.display_name, "display_name", 50, false, &r->e))
		return -1;
	int64_t id;
	db *d = api_db(r);
	if (!d || user_create(d, &r->who, &in, &id, &r->e) != 0)
		return -1;
	json_t *u = user_get_json(d, &r->who, id, &r->e);
	return u ? req_reply(r, 201, u) : -1;
}

int h_users_update(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	db *d = api_db(r);
	int dis = jbool(b, "disabled", -1, &r->e);
	const char *pw = jstr(b, "password", &r->e);
	if (err_isset(&r->e))
		return -1;
	if (dis >= 0 && user_set_disabled(d, &r->who, id, dis, &r->e) != 0)
		return -1;
	if (pw && user_set_password(d, &r->who, id, NULL, pw, &r->e) != 0)
		return -1;
	json_t *u = user_get_json(d, &r->who, id, &r->e);
	return u ? req_reply(r, 200, u) : -1;
}
