/* routes.c: the auth domain's routes (sessions, accounts and the login log): method, path, handler, and the
 * roles that may call it. Data scope (which rows) is then enforced by the use case. */
#include "util/common.h"
#include "api/base/routes.h"
#include "api/auth/handlers.h"

const struct route auth_routes[] = {
	{"POST", "/api/v1/auth/login", h_login, R_EVERYONE},
	{"POST", "/api/v1/auth/captcha", h_captcha, R_EVERYONE},
	{"POST", "/api/v1/auth/logout", h_logout, R_ANY_USER},
	{"GET", "/api/v1/auth/me", h_me, R_ANY_USER},
	{"POST", "/api/v1/auth/password", h_password, R_ANY_USER},
	{"GET", "/api/v1/me/preferences", h_prefs_get, R_ANY_USER},
	{"PUT", "/api/v1/me/preferences", h_prefs_put, R_ANY_USER},
	{"GET", "/api/v1/auth/logins", h_login_log, R_ADMINS | RB(ROLE_INSTITUTION_ADMIN)},
	{"GET", "/api/v1/users", h_users_list, R_ADMINS | RB(ROLE_INSTITUTION_ADMIN)},
	{"POST", "/api/v1/users", h_users_create, R_ADMINS | RB(ROLE_INSTITUTION_ADMIN)},
	{"GET", "/api/v1/users/{id}", h_users_get, R_ANY_USER},
	{"PATCH", "/api/v1/users/{id}", h_users_update, R_ADMINS | RB(ROLE_INSTITUTION_ADMIN)},
	{"POST", "/api/v1/users/{id}/unlock", h_user_unlock, R_ADMINS | RB(ROLE_INSTITUTION_ADMIN)},
	{NULL, NULL, NULL, 0},
};
