/* auth.c: /api/v1/auth/... (login, logout, the current account, password change, the login log) and unlocking
 * an account */
#include "util/common.h"
#include "api/base/api.h"
#include "api/auth/handlers.h"
#include "svc/auth/auth.h"
#include "svc/auth/users.h"
#include "svc/auth/captcha.h"
#include "svc/auth/prefs.h"

int h_login(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	struct login_input in = {.username = jreq(b, "username", &r->e),
				 .password = jreq(b, "password", &r->e),
				 .client = r->client,
				 .captcha_id = jstr(b, "captcha_id", &r->e),
				 .captcha_answer = jstr(b, "captcha", &r->e)};
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	if (!d)
		return -1;
	char token[44];
	json_t *user = NULL;
	int retry = 0;
	if (auth_login(d, &in, token, &user, &retry, &r->e) != 0) {
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

/* POST /api/v1/auth/captcha: a new captcha picture for the login page (no login) */
int h_captcha(req *r)
{
	db *d = api_db(r);
	int retry = 0;
	json_t *o = d ? captcha_new(d, r->client, &retry, &r->e) : NULL;
	if (!o) {
		if (retry > 0)
			req_add_header(r, "Retry-After", arena_printf(r->a, "%d", retry));
		return -1;
	}
	return req_reply(r, 201, o);
}

/* GET /api/v1/me/preferences: the caller's web UI preferences */
int h_prefs_get(req *r)
{
	db *d = api_db(r);
	json_t *o = d ? prefs_get(d, &r->who, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

/* PUT /api/v1/me/preferences: replaces them (a JSON object of at most 16 KB) */
int h_prefs_put(req *r)
{
	if (r->body.len > PREFS_MAX_BYTES)
		return err_set(&r->e, 413, "prefs_too_large", NULL, "个人设置不能超过 %d 字节",
			       "the preferences may not exceed %d bytes", PREFS_MAX_BYTES);
	json_t *b = req_json(r);
	if (!b)
		return -1;
	char *s = json_dumps(b, JSON_COMPACT);
	db *d = s ? api_db(r) : NULL;
	int rc = d ? prefs_put(d, &r->who, s, &r->e) : -1;
	free(s);
	if (rc != 0)
		return err_isset(&r->e) ? -1
					: err_set(&r->e, 500, "internal", NULL, "内部错误", "internal error");
	json_t *o = prefs_get(d, &r->who, &r->e);
	return o ? req_reply(r, 200, o) : -1;
}
