/* handlers.h: the training domain's handlers (routes.c) */
#ifndef JINENG_API_TRAINING_HANDLERS_H
#define JINENG_API_TRAINING_HANDLERS_H

#include "http/req.h"

/* 补贴申领 (claims.c) */
int h_claim_file(req *r);
int h_claim_apply_own(req *r);
int h_pay_batch_create(req *r);
int h_pay_batch_get(req *r);
int h_pay_batch_file(req *r);
int h_pay_batch_results(req *r);
int h_insurance_import(req *r);
int h_claim_list(req *r);
int h_claim_get(req *r);
int h_claim_status(req *r);
/* the ledger's accounts (claims.c) */
int h_ledger_accounts(req *r);

/* the finance office: batches, entries, the ledger's proof, the workbooks (finance.c) */
int h_pay_batches(req *r);
int h_pay_batch_xlsx(req *r);
int h_ledger_entries(req *r);
int h_ledger_verify(req *r);
int h_finance_ledger(req *r);
int h_finance_claims(req *r);
/* a class's attendance table (finance.c) */
int h_training_attendance(req *r);

/* 培训机构, sites, courses (catalogue.c) */
int h_training_orgs(req *r);
int h_training_org_get(req *r);
int h_training_org_put(req *r);
int h_training_site_create(req *r);
int h_training_site_update(req *r);
int h_training_course_create(req *r);
int h_training_course_get(req *r);
int h_training_course_update(req *r);
/* 培训地图 (map.c) */
int h_training_map(req *r);
/* 急需紧缺工种培训目录 (shortage.c) */
int h_shortage_lists(req *r);
int h_shortage_get(req *r);
int h_shortage_put(req *r);
/* 培训班, enrolment, sessions, check-in (classes.c) */
int h_training_class_create(req *r);
int h_training_class_get(req *r);
int h_training_classes(req *r);
int h_training_enrol(req *r);
int h_training_session_create(req *r);
int h_training_session_code(req *r);
int h_training_checkin(req *r);
/* 培训结业转报名 (completion.c) */
int h_training_register_completed(req *r);
/* 疑点线索: detection runs and the city's review queue (fraud.c) */
int h_fraud_detect(req *r);
int h_fraud_signals(req *r);
int h_fraud_signal_get(req *r);
int h_fraud_signal_review(req *r);

#endif
