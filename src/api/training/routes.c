/* routes.c: the training domain's routes (培训与补贴): method, path, handler, and the roles that may call it.
 * Data scope (which rows) is then enforced by the use case. */
#include "util/common.h"
#include "api/base/routes.h"
#include "api/training/handlers.h"

#define TRAINING_WRITERS (R_ADMINS | RB(ROLE_INSTITUTION_ADMIN))

const struct route training_routes[] = {
	/* 补贴申领 (svc/training/claims.h): filed at the city's window, read by the person, moved by the
	   bureau */
	{"POST", "/api/v1/training/claims", h_claim_file, R_ADMINS},
	{"POST", "/api/v1/training/my-claims", h_claim_apply_own, RB(ROLE_CANDIDATE)},
	{"GET", "/api/v1/training/claims", h_claim_list, R_ADMINS | RB(ROLE_CANDIDATE)},
	{"GET", "/api/v1/training/claims/{id}", h_claim_get, R_ADMINS | RB(ROLE_CANDIDATE)},
	{"POST", "/api/v1/training/claims/{id}/status", h_claim_status, R_ADMINS},
	/* 补贴支付批次: the bank file out, the bank's results in (svc/training/paybatch.h) */
	{"POST", "/api/v1/training/pay-batches", h_pay_batch_create, R_ADMINS},
	{"GET", "/api/v1/training/pay-batches", h_pay_batches, R_ADMINS},
	{"GET", "/api/v1/training/pay-batches/{id}/xlsx", h_pay_batch_xlsx, R_ADMINS},
	{"GET", "/api/v1/training/pay-batches/{id}", h_pay_batch_get, R_ADMINS},
	{"GET", "/api/v1/training/pay-batches/{id}/file", h_pay_batch_file, R_ADMINS},
	{"POST", "/api/v1/training/pay-batches/{id}/results", h_pay_batch_results, R_ADMINS},
	/* 参保记录: the social-insurance agency's periods, read by the claim check (svc/training/insurance.h)
	 */
	{"POST", "/api/v1/training/insurance-records", h_insurance_import, R_ADMINS},
	/* 补贴台账: the accounts and their balances (svc/training/ledger.h) */
	{"GET", "/api/v1/training/ledger/accounts", h_ledger_accounts, R_ADMINS | RB(ROLE_CANDIDATE)},
	{"GET", "/api/v1/training/ledger/entries", h_ledger_entries, R_ADMINS},
	{"GET", "/api/v1/training/ledger/verify", h_ledger_verify, R_ADMINS},
	/* 财务导出: XLSX for the finance office (svc/training/finance.h) */
	{"GET", "/api/v1/training/finance/ledger", h_finance_ledger, R_ADMINS},
	{"GET", "/api/v1/training/finance/claims", h_finance_claims, R_ADMINS},
	/* 培训机构, their sites and courses (svc/training/catalogue.h) */
	{"GET", "/api/v1/training/institutions", h_training_orgs, R_EVERYONE},
	{"GET", "/api/v1/training/institutions/{id}", h_training_org_get, R_EVERYONE},
	{"PUT", "/api/v1/training/institutions/{id}", h_training_org_put, R_ADMINS},
	{"POST", "/api/v1/training/institutions/{id}/sites", h_training_site_create, TRAINING_WRITERS},
	{"PATCH", "/api/v1/training/sites/{id}", h_training_site_update, TRAINING_WRITERS},
	{"POST", "/api/v1/training/institutions/{id}/courses", h_training_course_create, TRAINING_WRITERS},
	{"GET", "/api/v1/training/courses/{id}", h_training_course_get, R_EVERYONE},
	{"PATCH", "/api/v1/training/courses/{id}", h_training_course_update, TRAINING_WRITERS},
	/* 培训地图 (svc/training/map.h) */
	{"GET", "/api/v1/training/map", h_training_map, R_EVERYONE},
	/* 急需紧缺工种培训目录 (svc/training/shortage.h) */
	{"GET", "/api/v1/training/shortage-lists", h_shortage_lists, R_EVERYONE},
	{"GET", "/api/v1/training/shortage-lists/{city}/{year}", h_shortage_get, R_EVERYONE},
	{"PUT", "/api/v1/training/shortage-lists/{city}/{year}", h_shortage_put, R_ADMINS},
	/* 培训班: classes, enrolment, sessions, rotating signed check-in codes (svc/training/classes.h) */
	{"POST", "/api/v1/training/courses/{id}/classes", h_training_class_create, R_INST},
	{"GET", "/api/v1/training/classes", h_training_classes, R_ADMINS | R_INST | RB(ROLE_CANDIDATE)},
	{"GET", "/api/v1/training/classes/{id}", h_training_class_get,
	 R_ADMINS | R_INST | RB(ROLE_CANDIDATE)},
	{"POST", "/api/v1/training/classes/{id}/enrolments", h_training_enrol, R_INST | RB(ROLE_CANDIDATE)},
	{"POST", "/api/v1/training/classes/{id}/sessions", h_training_session_create, R_INST},
	{"GET", "/api/v1/training/classes/{id}/attendance", h_training_attendance, R_ADMINS | R_INST},
	{"GET", "/api/v1/training/sessions/{id}/code", h_training_session_code, R_INST},
	{"POST", "/api/v1/training/checkins", h_training_checkin, RB(ROLE_CANDIDATE)},
	/* 培训结业转报名: a completed trainee registers for the open 认定 plan (svc/training/completion.h) */
	{"POST", "/api/v1/training/classes/{id}/registration", h_training_register_completed,
	 RB(ROLE_CANDIDATE)},
	/* 疑点线索: detection over a period, the review queue of the city (svc/training/fraud.h) */
	{"POST", "/api/v1/training/fraud-signals/detect", h_fraud_detect, R_ADMINS},
	{"GET", "/api/v1/training/fraud-signals", h_fraud_signals, R_ADMINS},
	{"GET", "/api/v1/training/fraud-signals/{id}", h_fraud_signal_get, R_ADMINS},
	{"POST", "/api/v1/training/fraud-signals/{id}/review", h_fraud_signal_review, R_ADMINS},
	{NULL, NULL, NULL, 0},
};
