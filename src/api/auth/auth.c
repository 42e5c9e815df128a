/* auth.c: /api/v1/auth/... (login, logout, the current account, password change, the login log) and unlocking
 * an account */
#include "util/common.h"
#include "api/base/api.h"
#include "api/auth/handlers.h"
#include "svc/auth/auth.h"
#include "svc/auth/users.h"

int h_login(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	const char *u = jreq(b, "username", &r->e), *p = jreq(b, "password", &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	if (!d)
		return -1;
	char token[44];
	json_t *user = NULL;
	int retry = 0;
	if (auth_login(d, u, p, r->client, token, &user, &retry, &r->e) != 0) {
		if (retry > 0)
			req_add_header(r, "Retry-After", arena_printf(r->a, "%d", retry));
		return -1;
	}
	return req_reply(
		r, 200,
		json_pack("{s:s,s:o,s:i}", "token", token, "user", user, "expires_in", SESSION_TTL_S));
}

int h_logout(req *r)
{
	const char *authz = req_header(r, "Authorization");
	if (auth_logout(api_db(r), authz + 7, &r->e) != 0)
		return -1;
	return api_ok(r);
}

int h_me(req *r)
{
	json_t *u = user_get_json(api_db(r), &r->who, r->who.user_id, &r->e);
	if (!u)
		return -1;
	return req_reply(r, 200, u);
}

int h_password(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	const char *old = jreq(b, "old_password", &r->e), *nw = jreq(b, "new_password", &r->e);
	if (err_isset(&r->e))
		return -1;
	if (user_set_password(api_db(r), &r->who, r->who.user_id, old, nw, &r->e) != 0)
		return -1;
	return api_ok(r);
}

/* GET /api/v1/auth/logins: the login log (successes and failures) of the accounts in the caller's scope */
int h_login_log(req *r)
{
	return api_list_spec(r, &login_list);
}

/* POST /api/v1/users/{id}/unlock: an administrator above the account clears its failed-login delay */
int h_user_unlock(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	if (!d || user_unlock(d, &r->who, id, &r->e) != 0)
		return -1;
	return api_ok(r);
}
