/* routes.c: the API's route table: method, path, handler, and the roles that may call it. Data scope
 * (which rows) is then enforced in SQL by the use case. */
#include "util/common.h"
#include "http/router.h"
#include "api/handlers.h"

#define ADMINS_AND_INST (R_ADMINS | R_INST)
#define AUDITORS        (R_ADMINS | RB(ROLE_SUPERVISOR))

const struct route api_routes[] = {
	{"GET", "/api/v1/health", h_health, R_EVERYONE},
	{"POST", "/api/v1/auth/login", h_login, R_EVERYONE},
	{"POST", "/api/v1/auth/logout", h_logout, R_ANY_USER},
	{"GET", "/api/v1/auth/me", h_me, R_ANY_USER},
	{"POST", "/api/v1/auth/password", h_password, R_ANY_USER},
	{"GET", "/api/v1/auth/logins", h_login_log, R_ADMINS | RB(ROLE_INSTITUTION_ADMIN)},

	{"GET", "/api/v1/users", h_users_list, R_ADMINS | RB(ROLE_INSTITUTION_ADMIN)},
	{"POST", "/api/v1/users", h_users_create, R_ADMINS | RB(ROLE_INSTITUTION_ADMIN)},
	{"GET", "/api/v1/users/{id}", h_users_get, R_ANY_USER},
	{"PATCH", "/api/v1/users/{id}", h_users_update, R_ADMINS | RB(ROLE_INSTITUTION_ADMIN)},
	{"POST", "/api/v1/users/{id}/unlock", h_user_unlock, R_ADMINS | RB(ROLE_INSTITUTION_ADMIN)},

	{"GET", "/api/v1/regions", h_regions, R_EVERYONE},
	{"GET", "/api/v1/occupations", h_occupations, R_EVERYONE},
	{"POST", "/api/v1/occupations", h_occupation_create, RB(ROLE_PROVINCE_ADMIN)},
	{"GET", "/api/v1/occupations/{code}", h_occupation_get, R_EVERYONE},
	{"GET", "/api/v1/occupations/{code}/standards", h_standards_list, R_EVERYONE},
	{"POST", "/api/v1/occupations/{code}/standards", h_standards_add, RB(ROLE_PROVINCE_ADMIN)},

	{"GET", "/api/v1/institutions", h_inst_list, R_EVERYONE},
	{"POST", "/api/v1/institutions", h_inst_create, R_ADMINS},
	{"GET", "/api/v1/institutions/{id}", h_inst_get, R_EVERYONE},
	{"PATCH", "/api/v1/institutions/{id}", h_inst_update, R_ADMINS | RB(ROLE_INSTITUTION_ADMIN)},
	{"POST", "/api/v1/institutions/{id}/status", h_inst_status, R_ADMINS},
	{"PUT", "/api/v1/institutions/{id}/scopes", h_inst_scope, R_ADMINS},
	{"GET", "/api/v1/institutions/{id}/status-history", h_inst_history, R_STAFF | RB(ROLE_SUPERVISOR)},

	{"GET", "/api/v1/persons", h_persons_list, ADMINS_AND_INST | RB(ROLE_CANDIDATE)},
	{"POST", "/api/v1/persons", h_persons_create, ADMINS_AND_INST},
	{"GET", "/api/v1/persons/{id}", h_persons_get, ADMINS_AND_INST | RB(ROLE_CANDIDATE)},
	{"PATCH", "/api/v1/persons/{id}", h_persons_update, ADMINS_AND_INST | RB(ROLE_CANDIDATE)},
	{"POST", "/api/v1/persons/{id}/work-history", h_persons_work, ADMINS_AND_INST},
	{"POST", "/api/v1/persons/{id}/diplomas", h_persons_diploma, ADMINS_AND_INST},
	{"POST", "/api/v1/persons/{id}/titles", h_persons_title, ADMINS_AND_INST},

	{"GET", "/api/v1/persons/{id}/talent-record", h_talent_record, ADMINS_AND_INST | RB(ROLE_CANDIDATE) | RB(ROLE_SUPERVISOR)},

	{"GET", "/api/v1/calendar/workdays", h_workdays, R_EVERYONE},
	{"GET", "/api/v1/eligibility/options", h_eligibility_options, R_EVERYONE},
	{"POST", "/api/v1/eligibility/check", h_eligibility_check, ADMINS_AND_INST | RB(ROLE_CANDIDATE)},

	{"POST", "/api/v1/plans", h_plans_create, RB(ROLE_PROVINCE_ADMIN) | R_INST},
	{"GET", "/api/v1/plans", h_plans_list, R_EVERYONE},
	{"GET", "/api/v1/plans/{id}", h_plans_get, R_EVERYONE},
	{"POST", "/api/v1/plans/{id}/status", h_plans_status, R_ADMINS | R_INST},
	{"GET", "/api/v1/plans/{id}/history", h_plans_history, R_STAFF | RB(ROLE_SUPERVISOR)},
	{"POST", "/api/v1/plans/{id}/registrations", h_regs_create, R_STAFF | RB(ROLE_CANDIDATE)},
	{"POST", "/api/v1/plans/{id}/registrations/import", h_regs_import, R_INST},
	{"GET", "/api/v1/plans/{id}/registrations", h_regs_list, R_STAFF | RB(ROLE_SUPERVISOR) | RB(ROLE_CANDIDATE)},
	{"GET", "/api/v1/registrations", h_regs_all, R_STAFF | RB(ROLE_SUPERVISOR) | RB(ROLE_CANDIDATE)},
	{"POST", "/api/v1/registrations/{id}/review", h_regs_review, R_INST},

	{"PUT", "/api/v1/plans/{id}/practical", h_practical_setup, R_INST},
	{"GET", "/api/v1/plans/{id}/practical", h_practical_setup_get, R_ADMINS | R_INST | RB(ROLE_EXAMINER) | RB(ROLE_SUPERVISOR)},
	{"POST", "/api/v1/plans/{id}/practical/scores", h_practical_score, RB(ROLE_EXAMINER)},
	{"GET", "/api/v1/plans/{id}/practical/{registration}", h_practical_view, R_ADMINS | R_INST | RB(ROLE_EXAMINER) | RB(ROLE_SUPERVISOR)},
	{"PUT", "/api/v1/plans/{id}/review", h_review_setup, R_INST},
	{"GET", "/api/v1/plans/{id}/review", h_review_setup_get, R_ADMINS | R_INST | RB(ROLE_EXAMINER) | RB(ROLE_SUPERVISOR)},
	{"POST", "/api/v1/plans/{id}/review/scores", h_review_score, RB(ROLE_EXAMINER)},
	{"GET", "/api/v1/plans/{id}/review/{registration}", h_review_view, R_ADMINS | R_INST | RB(ROLE_EXAMINER) | RB(ROLE_SUPERVISOR)},
	{"POST", "/api/v1/plans/{id}/results", h_plan_results, R_INST},
	{"POST", "/api/v1/plans/{id}/objections", h_objection_create, R_EVERYONE},
	{"GET", "/api/v1/plans/{id}/objections", h_objections_list, R_ADMINS | R_INST | RB(ROLE_SUPERVISOR)},
	{"POST", "/api/v1/objections/{id}/resolve", h_objection_resolve, R_ADMINS | R_INST},
	{"POST", "/api/v1/users/{id}/avoidances", h_avoidance, RB(ROLE_PROVINCE_ADMIN) | RB(ROLE_INSTITUTION_ADMIN) | RB(ROLE_EXAMINER)},

	{"POST", "/api/v1/items", h_items_create, RB(ROLE_PROVINCE_ADMIN) | R_INST},
	{"POST", "/api/v1/items/import", h_items_import, RB(ROLE_PROVINCE_ADMIN) | R_INST},
	{"PUT", "/api/v1/items/{id}", h_items_revise, RB(ROLE_PROVINCE_ADMIN) | R_INST},
	{"GET", "/api/v1/items", h_items_list, RB(ROLE_PROVINCE_ADMIN) | R_INST | RB(ROLE_SUPERVISOR)},
	{"GET", "/api/v1/blueprints", h_blueprint_get, RB(ROLE_PROVINCE_ADMIN) | R_INST | RB(ROLE_SUPERVISOR)},
	{"PUT", "/api/v1/blueprints", h_blueprint_set, RB(ROLE_PROVINCE_ADMIN) | R_INST},
	{"POST", "/api/v1/plans/{id}/sittings", h_sittings_create, RB(ROLE_PROVINCE_ADMIN) | R_INST},
	{"GET", "/api/v1/plans/{id}/sittings", h_sittings_list, R_ADMINS | R_INST | RB(ROLE_EXAMINER) | RB(ROLE_SUPERVISOR)},
	{"POST", "/api/v1/sittings/{id}/admit", h_sittings_admit, RB(ROLE_PROVINCE_ADMIN) | R_INST | RB(ROLE_EXAMINER)},
	{"GET", "/api/v1/sittings/{id}/attempts", h_sittings_attempts, RB(ROLE_PROVINCE_ADMIN) | R_INST | RB(ROLE_EXAMINER) | RB(ROLE_SUPERVISOR)},
	{"GET", "/api/v1/attempts", h_attempts_mine, RB(ROLE_CANDIDATE)},
	{"POST", "/api/v1/attempts/{id}/open", h_attempts_open, RB(ROLE_CANDIDATE)},
	{"PUT", "/api/v1/attempts/{id}/answers/{pos}", h_attempts_save, RB(ROLE_CANDIDATE)},
	{"POST", "/api/v1/attempts/{id}/focus", h_attempts_focus, RB(ROLE_CANDIDATE)},
	{"POST", "/api/v1/attempts/{id}/submit", h_attempts_submit, RB(ROLE_CANDIDATE)},
	{"POST", "/api/v1/attempts/{id}/invigilate", h_attempts_invigilate, RB(ROLE_PROVINCE_ADMIN) | R_INST | RB(ROLE_EXAMINER)},

	{"POST", "/api/v1/results", h_results_create, RB(ROLE_PROVINCE_ADMIN) | R_INST},
	{"GET", "/api/v1/results", h_results_list, ADMINS_AND_INST | RB(ROLE_CANDIDATE) | RB(ROLE_SUPERVISOR)},
	{"GET", "/api/v1/results/{id}", h_results_get, ADMINS_AND_INST | RB(ROLE_CANDIDATE) | RB(ROLE_SUPERVISOR)},

	{"POST", "/api/v1/certificates", h_certs_issue, RB(ROLE_PROVINCE_ADMIN) | R_INST},
	{"GET", "/api/v1/certificates", h_certs_list, ADMINS_AND_INST | RB(ROLE_CANDIDATE) | RB(ROLE_SUPERVISOR)},
	{"GET", "/api/v1/certificates/{number}", h_certs_get, ADMINS_AND_INST | RB(ROLE_CANDIDATE) | RB(ROLE_SUPERVISOR)},
	{"GET", "/api/v1/certificates/{number}/pdf", h_certs_pdf, ADMINS_AND_INST | RB(ROLE_CANDIDATE) | RB(ROLE_SUPERVISOR)},
	{"GET", "/api/v1/certificates/{number}/credential", h_certs_credential, ADMINS_AND_INST | RB(ROLE_CANDIDATE)},
	{"POST", "/api/v1/certificates/{number}/revoke", h_certs_revoke, RB(ROLE_PROVINCE_ADMIN) | R_INST},
	{"POST", "/api/v1/certificates/{number}/reissue", h_certs_reissue, RB(ROLE_PROVINCE_ADMIN) | R_INST},

	{"GET", "/api/v1/public/certificates/{number}", h_public_cert, R_EVERYONE},
	{"GET", "/api/v1/public/keys", h_public_keys, R_EVERYONE},
	{"GET", "/api/v1/public/status/{list}", h_public_status, R_EVERYONE},

	{"GET", "/api/v1/stats/overview", h_stats_overview, AUDITORS | R_INST},
	{"PUT", "/api/v1/sittings/{id}/invigilators", h_sittings_invigilators, RB(ROLE_PROVINCE_ADMIN) | R_INST},
	{"POST", "/api/v1/sittings/{id}/analysis", h_analysis_run, RB(ROLE_PROVINCE_ADMIN) | R_INST},
	{"GET", "/api/v1/sittings/{id}/analysis", h_analysis_get, AUDITORS | R_INST},
	{"GET", "/api/v1/collusion-flags", h_collusion_list, AUDITORS | R_INST},
	{"POST", "/api/v1/collusion-flags/{id}/review", h_collusion_review, RB(ROLE_PROVINCE_ADMIN) | RB(ROLE_SUPERVISOR)},
	{"GET", "/api/v1/audit", h_audit_list, AUDITORS},
	{"GET", "/api/v1/audit/verify", h_audit_verify, RB(ROLE_PROVINCE_ADMIN) | RB(ROLE_SUPERVISOR)},
	{NULL, NULL, NULL, 0},
};
