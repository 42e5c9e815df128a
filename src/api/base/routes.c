/* routes.c: the base domain's routes (health and the audit archive): method, path, handler, and the roles
 * that may call it. Data scope (which rows) is then enforced by the use case. */
#include "util/common.h"
#include "api/base/routes.h"
#include "api/base/handlers.h"

const struct route base_routes[] = {
	{"GET", "/api/v1/health", h_health, R_EVERYONE},
	{"GET", "/api/v1/audit", h_audit_list, AUDITORS},
	{"GET", "/api/v1/audit/verify", h_audit_verify, RB(ROLE_PROVINCE_ADMIN) | RB(ROLE_SUPERVISOR)},
	{NULL, NULL, NULL, 0},
};
