/* routes.c: the supervision domain's routes (质量督导): method, path, handler, and the roles that may call
 * it. Data scope (which rows) is then enforced by the use case. */
#include "util/common.h"
#include "api/base/routes.h"
#include "api/supervision/handlers.h"

#define CREDIT_READERS (R_STAFF | RB(ROLE_EXAMINER) | RB(ROLE_SUPERVISOR))

const struct route supervision_routes[] = {
	/* 投诉举报: anyone submits and looks up by tracking code; the bureau handles; supervisors read */
	{"POST", "/api/v1/public/complaints", h_complaint_submit, R_EVERYONE},
	{"GET", "/api/v1/public/complaints/{code}", h_complaint_status, R_EVERYONE},
	{"GET", "/api/v1/complaint-categories", h_complaint_categories, R_EVERYONE},
	{"PUT", "/api/v1/complaint-categories/{code}", h_complaint_category_set, RB(ROLE_PROVINCE_ADMIN)},
	{"GET", "/api/v1/complaints", h_complaints_list, AUDITORS},
	{"GET", "/api/v1/complaint-counts", h_complaint_counts, AUDITORS},
	{"GET", "/api/v1/complaints/{id}", h_complaint_get, AUDITORS},
	{"POST", "/api/v1/complaints/{id}/status", h_complaint_move, R_ADMINS},
	{"POST", "/api/v1/complaints/{id}/records", h_complaint_note, R_ADMINS},
	{"POST", "/api/v1/complaints/{id}/transfer", h_complaint_transfer, R_ADMINS},
	/* 审计摘录: a plan's signed audit extract */
	{"GET", "/api/v1/plans/{id}/audit-extract", h_plan_audit_extract,
	 R_ADMINS | RB(ROLE_INSTITUTION_ADMIN) | RB(ROLE_SUPERVISOR)},
	/* 督导员 and their dispatch to a day's sittings */
	{"GET", "/api/v1/supervisors", h_supervisors_list, AUDITORS},
	{"GET", "/api/v1/supervisors/{id}", h_supervisor_get, AUDITORS},
	{"PUT", "/api/v1/supervisors/{id}", h_supervisor_put, R_ADMINS},
	{"PUT", "/api/v1/supervisors/{id}/availability", h_supervisor_availability, AUDITORS},
	{"GET", "/api/v1/dispatch/rules", h_dispatch_rules_get, AUDITORS},
	{"PUT", "/api/v1/dispatch/rules", h_dispatch_rules_put, RB(ROLE_PROVINCE_ADMIN)},
	{"POST", "/api/v1/dispatch/runs", h_dispatch_run, R_ADMINS},
	{"GET", "/api/v1/dispatch/assignments", h_dispatch_assignments, AUDITORS},
	/* 满意度调查: any user reads the survey, the province versions it, a candidate answers for their own
	 * attempt, the bureaus and institution administrators read aggregates in their scope */
	{"GET", "/api/v1/survey", h_survey_get, R_ANY_USER},
	{"PUT", "/api/v1/survey", h_survey_put, RB(ROLE_PROVINCE_ADMIN)},
	{"POST", "/api/v1/attempts/{id}/survey", h_survey_answer, RB(ROLE_CANDIDATE)},
	{"GET", "/api/v1/survey-results", h_survey_results, R_ADMINS | RB(ROLE_INSTITUTION_ADMIN)},
	/* 督导检查: the checklist as data (the province versions it); a supervisor's inspections of the
	 * sittings they are assigned to; the institution reads the signed ones of its sittings */
	{"GET", "/api/v1/checklist", h_checklist_get, AUDITORS | RB(ROLE_INSTITUTION_ADMIN)},
	{"PUT", "/api/v1/checklist", h_checklist_put, RB(ROLE_PROVINCE_ADMIN)},
	{"GET", "/api/v1/inspections", h_inspections_list, AUDITORS | RB(ROLE_INSTITUTION_ADMIN)},
	{"POST", "/api/v1/inspections", h_inspection_open, RB(ROLE_SUPERVISOR)},
	{"GET", "/api/v1/inspections/{id}", h_inspection_get, AUDITORS | RB(ROLE_INSTITUTION_ADMIN)},
	{"PUT", "/api/v1/inspections/{id}/marks", h_inspection_save, RB(ROLE_SUPERVISOR)},
	{"POST", "/api/v1/inspections/{id}/sign", h_inspection_sign, RB(ROLE_SUPERVISOR)},
	/* 检查证据: the supervisor attaches photos and PDFs to their draft (the body is the file; its limit
	 * is the evidence limit, not the server's: api_body_limit); the inspection's readers list and
	 * download */
	{"POST", "/api/v1/inspections/{id}/evidence", h_evidence_upload, RB(ROLE_SUPERVISOR)},
	{"GET", "/api/v1/inspections/{id}/evidence", h_evidence_list, AUDITORS | RB(ROLE_INSTITUTION_ADMIN)},
	{"GET", "/api/v1/inspections/{id}/evidence/{eid}", h_evidence_get,
	 AUDITORS | RB(ROLE_INSTITUTION_ADMIN)},
	/* 信用档案: the bureau records and withdraws; the subject reads its own */
	{"GET", "/api/v1/credit-kinds", h_credit_kinds, R_ANY_USER},
	{"GET", "/api/v1/credit-events", h_credit_list, CREDIT_READERS},
	{"POST", "/api/v1/credit-events", h_credit_record, R_ADMINS},
	{"GET", "/api/v1/credit-events/{id}", h_credit_get, CREDIT_READERS},
	{"POST", "/api/v1/credit-events/{id}/withdraw", h_credit_withdraw, R_ADMINS},
	/* 整改: the institution reads and answers its own, the bureau (its city, the province) closes,
	 * returns, escalates and confirms revoking situations; supervisors read those of their inspections */
	{"POST", "/api/v1/inspections/{id}/revoking", h_inspection_revoking, R_ADMINS},
	{"GET", "/api/v1/rectifications", h_rectifications_list, AUDITORS | R_INST},
	{"GET", "/api/v1/rectifications/{id}", h_rectification_get, AUDITORS | R_INST},
	{"POST", "/api/v1/rectifications/{id}/response", h_rectification_respond, R_INST},
	{"POST", "/api/v1/rectifications/{id}/evidence", h_rectification_evidence_upload, R_INST},
	{"GET", "/api/v1/rectifications/{id}/evidence/{eid}", h_rectification_evidence_get,
	 AUDITORS | R_INST},
	{"POST", "/api/v1/rectifications/{id}/close", h_rectification_close, R_ADMINS},
	{"POST", "/api/v1/rectifications/{id}/return", h_rectification_return, R_ADMINS},
	{"POST", "/api/v1/rectifications/{id}/escalate", h_rectification_escalate, R_ADMINS},
	{"POST", "/api/v1/rectifications/{id}/revoking", h_rectification_revoking, R_ADMINS},
	{"GET", "/api/v1/rectify-terms", h_rectify_terms, AUDITORS | R_INST},
	{"PUT", "/api/v1/rectify-terms/{class}", h_rectify_term_set, RB(ROLE_PROVINCE_ADMIN)},
	/* 质量档案: one institution's quality archive, as JSON and as a PDF (the province, its city, its own
	 * administrator, the supervisors who inspected it: SE_QUALITY_ARCHIVE) */
	{"GET", "/api/v1/institutions/{id}/quality-archive", h_quality_archive,
	 R_ADMINS | RB(ROLE_INSTITUTION_ADMIN) | RB(ROLE_SUPERVISOR)},
	{"GET", "/api/v1/institutions/{id}/quality-archive/pdf", h_quality_archive_pdf,
	 R_ADMINS | RB(ROLE_INSTITUTION_ADMIN) | RB(ROLE_SUPERVISOR)},
	/* 定期评估: the indicator system (the province versions it), runs for a period (the province, a city
	 * for its region), rows in the reader's scope (an institution administrator its own of a published
	 * run), the funnel (the bureaus), publishing (the province) */
	{"GET", "/api/v1/assess/indicators", h_assess_system_get, R_ADMINS | RB(ROLE_INSTITUTION_ADMIN)},
	{"PUT", "/api/v1/assess/indicators", h_assess_system_put, RB(ROLE_PROVINCE_ADMIN)},
	{"POST", "/api/v1/assessments", h_assess_run, R_ADMINS},
	{"GET", "/api/v1/assessments", h_assess_runs, R_ADMINS | RB(ROLE_INSTITUTION_ADMIN)},
	{"GET", "/api/v1/assessments/{id}", h_assess_get, R_ADMINS | RB(ROLE_INSTITUTION_ADMIN)},
	{"GET", "/api/v1/assessments/{id}/results", h_assess_results, R_ADMINS | RB(ROLE_INSTITUTION_ADMIN)},
	{"GET", "/api/v1/assessments/{id}/results/{institution_id}", h_assess_result,
	 R_ADMINS | RB(ROLE_INSTITUTION_ADMIN)},
	{"GET", "/api/v1/assessments/{id}/funnel", h_assess_funnel, R_ADMINS},
	{"POST", "/api/v1/assessments/{id}/publish", h_assess_publish, RB(ROLE_PROVINCE_ADMIN)},
	{NULL, NULL, NULL, 0},
};
