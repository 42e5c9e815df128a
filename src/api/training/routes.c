/* routes.c: the training domain's routes (培训与补贴): method, path, handler, and the roles that may call it.
 * Data scope (which rows) is then enforced by the use case. */
#include "util/common.h"
#include "api/base/routes.h"
#include "api/training/handlers.h"

const struct route training_routes[] = {
	/* 补贴申领 (svc/training/claims.h): filed at the city's window, read by the person, moved by the
	   bureau */
	{"POST", "/api/v1/training/claims", h_claim_file, R_ADMINS},
	{"GET", "/api/v1/training/claims", h_claim_list, R_ADMINS | RB(ROLE_CANDIDATE)},
	{"GET", "/api/v1/training/claims/{id}", h_claim_get, R_ADMINS | RB(ROLE_CANDIDATE)},
	{"POST", "/api/v1/training/claims/{id}/status", h_claim_status, R_ADMINS},
	/* 补贴台账: the accounts and their balances (svc/training/ledger.h) */
	{"GET", "/api/v1/training/ledger/accounts", h_ledger_accounts, R_ADMINS | RB(ROLE_CANDIDATE)},
	{NULL, NULL, NULL, 0},
};
