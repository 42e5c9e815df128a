/* routes.c: the exam domain's routes (item bank, blueprints, sittings, attempts, analysis): method, path,
 * handler, and the roles that may call it. Data scope (which rows) is then enforced by the use case. */
#include "util/common.h"
#include "api/base/routes.h"
#include "api/exam/handlers.h"

const struct route exam_routes[] = {
	{"POST", "/api/v1/items", h_items_create, RB(ROLE_PROVINCE_ADMIN) | R_INST},
	{"POST", "/api/v1/items/import", h_items_import, RB(ROLE_PROVINCE_ADMIN) | R_INST},
	{"PUT", "/api/v1/items/{id}", h_items_revise, RB(ROLE_PROVINCE_ADMIN) | R_INST},
	{"GET", "/api/v1/items", h_items_list, RB(ROLE_PROVINCE_ADMIN) | R_INST | RB(ROLE_SUPERVISOR)},
	{"GET", "/api/v1/blueprints", h_blueprint_get,
	 RB(ROLE_PROVINCE_ADMIN) | R_INST | RB(ROLE_SUPERVISOR)},
	{"PUT", "/api/v1/blueprints", h_blueprint_set, RB(ROLE_PROVINCE_ADMIN) | R_INST},
	{"POST", "/api/v1/plans/{id}/sittings", h_sittings_create, RB(ROLE_PROVINCE_ADMIN) | R_INST},
	{"GET", "/api/v1/plans/{id}/sittings", h_sittings_list,
	 R_ADMINS | R_INST | RB(ROLE_EXAMINER) | RB(ROLE_SUPERVISOR)},
	{"POST", "/api/v1/sittings/{id}/move", h_sittings_move, RB(ROLE_PROVINCE_ADMIN) | R_INST},
	{"POST", "/api/v1/sittings/{id}/admit", h_sittings_admit,
	 RB(ROLE_PROVINCE_ADMIN) | R_INST | RB(ROLE_EXAMINER)},
	{"GET", "/api/v1/sittings/{id}/attempts", h_sittings_attempts,
	 RB(ROLE_PROVINCE_ADMIN) | R_INST | RB(ROLE_EXAMINER) | RB(ROLE_SUPERVISOR)},
	{"GET", "/api/v1/attempts", h_attempts_mine, RB(ROLE_CANDIDATE)},
	{"POST", "/api/v1/attempts/{id}/open", h_attempts_open, RB(ROLE_CANDIDATE)},
	{"PUT", "/api/v1/attempts/{id}/answers/{pos}", h_attempts_save, RB(ROLE_CANDIDATE)},
	{"POST", "/api/v1/attempts/{id}/focus", h_attempts_focus, RB(ROLE_CANDIDATE)},
	{"POST", "/api/v1/attempts/{id}/submit", h_attempts_submit, RB(ROLE_CANDIDATE)},
	{"POST", "/api/v1/attempts/{id}/invigilate", h_attempts_invigilate,
	 RB(ROLE_PROVINCE_ADMIN) | R_INST | RB(ROLE_EXAMINER)},
	{"PUT", "/api/v1/sittings/{id}/invigilators", h_sittings_invigilators,
	 RB(ROLE_PROVINCE_ADMIN) | R_INST},
	{"POST", "/api/v1/sittings/{id}/analysis", h_analysis_run, RB(ROLE_PROVINCE_ADMIN) | R_INST},
	{"GET", "/api/v1/sittings/{id}/analysis", h_analysis_get, AUDITORS | R_INST},
	{"GET", "/api/v1/collusion-flags", h_collusion_list, AUDITORS | R_INST},
	{"POST", "/api/v1/collusion-flags/{id}/review", h_collusion_review,
	 RB(ROLE_PROVINCE_ADMIN) | RB(ROLE_SUPERVISOR)},
	{NULL, NULL, NULL, 0},
};
