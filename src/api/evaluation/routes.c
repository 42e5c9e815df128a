/* routes.c: the evaluation domain's routes (plans (认定计划), eligibility, registrations, practical and
 * 综合评审 panels, 公示 objections, results): method, path, handler, and the roles that may call it. Data
 * scope (which rows) is then enforced by the use case. */
#include "util/common.h"
#include "api/base/routes.h"
#include "api/evaluation/handlers.h"

const struct route evaluation_routes[] = {
	{"GET", "/api/v1/eligibility/options", h_eligibility_options, R_EVERYONE},
	{"POST", "/api/v1/eligibility/check", h_eligibility_check, ADMINS_AND_INST | RB(ROLE_CANDIDATE)},
	{"POST", "/api/v1/plans", h_plans_create, RB(ROLE_PROVINCE_ADMIN) | R_INST},
	{"GET", "/api/v1/plans", h_plans_list, R_EVERYONE},
	{"GET", "/api/v1/plans/{id}", h_plans_get, R_EVERYONE},
	{"POST", "/api/v1/plans/{id}/status", h_plans_status, R_ADMINS | R_INST},
	{"GET", "/api/v1/plans/{id}/history", h_plans_history, R_STAFF | RB(ROLE_SUPERVISOR)},
	{"POST", "/api/v1/plans/{id}/registrations", h_regs_create, R_STAFF | RB(ROLE_CANDIDATE)},
	{"POST", "/api/v1/plans/{id}/registrations/import", h_regs_import, R_INST},
	{"POST", "/api/v1/plans/{id}/registrations/review", h_regs_review_batch, R_INST},
	{"GET", "/api/v1/plans/{id}/registrations", h_regs_list,
	 R_STAFF | RB(ROLE_SUPERVISOR) | RB(ROLE_CANDIDATE)},
	{"GET", "/api/v1/registrations", h_regs_all, R_STAFF | RB(ROLE_SUPERVISOR) | RB(ROLE_CANDIDATE)},
	{"POST", "/api/v1/registrations/{id}/review", h_regs_review, R_INST},
	{"PUT", "/api/v1/plans/{id}/practical", h_practical_setup, R_INST},
	{"GET", "/api/v1/plans/{id}/practical", h_practical_setup_get,
	 R_ADMINS | R_INST | RB(ROLE_EXAMINER) | RB(ROLE_SUPERVISOR)},
	{"POST", "/api/v1/plans/{id}/practical/scores", h_practical_score, RB(ROLE_EXAMINER)},
	{"GET", "/api/v1/plans/{id}/practical/{registration}", h_practical_view,
	 R_ADMINS | R_INST | RB(ROLE_EXAMINER) | RB(ROLE_SUPERVISOR)},
	{"PUT", "/api/v1/plans/{id}/review", h_review_setup, R_INST},
	{"GET", "/api/v1/plans/{id}/review", h_review_setup_get,
	 R_ADMINS | R_INST | RB(ROLE_EXAMINER) | RB(ROLE_SUPERVISOR)},
	{"POST", "/api/v1/plans/{id}/review/scores", h_review_score, RB(ROLE_EXAMINER)},
	{"GET", "/api/v1/plans/{id}/review/{registration}", h_review_view,
	 R_ADMINS | R_INST | RB(ROLE_EXAMINER) | RB(ROLE_SUPERVISOR)},
	{"POST", "/api/v1/plans/{id}/results", h_plan_results, R_INST},
	{"POST", "/api/v1/plans/{id}/objections", h_objection_create, R_EVERYONE},
	{"GET", "/api/v1/plans/{id}/objections", h_objections_list, R_ADMINS | R_INST | RB(ROLE_SUPERVISOR)},
	{"POST", "/api/v1/objections/{id}/resolve", h_objection_resolve, R_ADMINS | R_INST},
	{"POST", "/api/v1/users/{id}/avoidances", h_avoidance,
	 RB(ROLE_PROVINCE_ADMIN) | RB(ROLE_INSTITUTION_ADMIN) | RB(ROLE_EXAMINER)},
	{"POST", "/api/v1/results", h_results_create, RB(ROLE_PROVINCE_ADMIN) | R_INST},
	{"GET", "/api/v1/results", h_results_list,
	 ADMINS_AND_INST | RB(ROLE_CANDIDATE) | RB(ROLE_SUPERVISOR)},
	{"GET", "/api/v1/results/{id}", h_results_get,
	 ADMINS_AND_INST | RB(ROLE_CANDIDATE) | RB(ROLE_SUPERVISOR)},
	/* 企业评价规范 (svc/evaluation/norms.c): the enterprise files and revises, its city or the province
	 * approves; the filing rules are read by the bureaus and institutions */
	{"GET", "/api/v1/enterprise-norms/rules", h_norm_rules, R_STAFF},
	{"GET", "/api/v1/enterprise-norms", h_norms_list, R_STAFF},
	{"POST", "/api/v1/enterprise-norms", h_norms_create, R_INST},
	{"GET", "/api/v1/enterprise-norms/{id}", h_norms_get, R_STAFF},
	{"PUT", "/api/v1/enterprise-norms/{id}", h_norms_update, R_INST},
	{"POST", "/api/v1/enterprise-norms/{id}/status", h_norms_status, R_STAFF},
	/* 过程化考核 and 业绩评审 plans of a norm (svc/evaluation/norm_runs.c): the enterprise writes; the
	 * bureaus and supervisors read by the registration's scope; a candidate reads their own */
	{"POST", "/api/v1/plans/{id}/process-scores", h_norm_process_record, R_INST},
	{"GET", "/api/v1/plans/{id}/process-scores", h_norm_process_get,
	 R_STAFF | RB(ROLE_SUPERVISOR) | RB(ROLE_CANDIDATE)},
	{"POST", "/api/v1/plans/{id}/process-scores/corrections", h_norm_process_correct, R_INST},
	{"GET", "/api/v1/plans/{id}/performance", h_norm_performance_list,
	 R_STAFF | RB(ROLE_SUPERVISOR) | RB(ROLE_CANDIDATE)},
	{"PUT", "/api/v1/registrations/{id}/performance", h_norm_performance_put, R_INST},
	{"GET", "/api/v1/registrations/{id}/performance", h_norm_performance_get,
	 R_STAFF | RB(ROLE_SUPERVISOR) | RB(ROLE_CANDIDATE) | RB(ROLE_EXAMINER)},
	{NULL, NULL, NULL, 0},
};
