/* routes.c: the cert domain's routes (certificates and their public verification): method, path, handler, and
 * the roles that may call it. Data scope (which rows) is then enforced by the use case. */
#include "util/common.h"
#include "api/base/routes.h"
#include "api/cert/handlers.h"

const struct route cert_routes[] = {
	{"POST", "/api/v1/certificates", h_certs_issue, RB(ROLE_PROVINCE_ADMIN) | R_INST},
	{"GET", "/api/v1/certificates", h_certs_list,
	 ADMINS_AND_INST | RB(ROLE_CANDIDATE) | RB(ROLE_SUPERVISOR)},
	{"GET", "/api/v1/certificates/{number}", h_certs_get,
	 ADMINS_AND_INST | RB(ROLE_CANDIDATE) | RB(ROLE_SUPERVISOR)},
	{"GET", "/api/v1/certificates/{number}/pdf", h_certs_pdf,
	 ADMINS_AND_INST | RB(ROLE_CANDIDATE) | RB(ROLE_SUPERVISOR)},
	{"GET", "/api/v1/certificates/{number}/credential", h_certs_credential,
	 ADMINS_AND_INST | RB(ROLE_CANDIDATE)},
	{"POST", "/api/v1/certificates/{number}/revoke", h_certs_revoke, RB(ROLE_PROVINCE_ADMIN) | R_INST},
	{"POST", "/api/v1/certificates/{number}/reissue", h_certs_reissue, RB(ROLE_PROVINCE_ADMIN) | R_INST},
	{"GET", "/api/v1/public/certificates/{number}", h_public_cert, R_EVERYONE},
	{"GET", "/api/v1/public/keys", h_public_keys, R_EVERYONE},
	{"GET", "/api/v1/public/status/{list}", h_public_status, R_EVERYONE},
	{NULL, NULL, NULL, 0},
};
