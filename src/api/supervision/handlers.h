/* handlers.h: the supervision domain's request handlers, for its route table (routes.c) */
#ifndef JINENG_API_SUPERVISION_HANDLERS_H
#define JINENG_API_SUPERVISION_HANDLERS_H

#include "http/req.h"

/* 投诉举报 (complaints.c) */
int h_complaint_submit(req *r);
int h_complaint_status(req *r);
int h_complaint_categories(req *r);
int h_complaint_category_set(req *r);
int h_complaints_list(req *r);
int h_complaint_counts(req *r);
int h_complaint_get(req *r);
int h_complaint_move(req *r);
int h_complaint_note(req *r);
int h_complaint_transfer(req *r);
/* 审计摘录 (extract.c) */
int h_plan_audit_extract(req *r);
int h_supervisors_list(req *r);
int h_supervisor_get(req *r);
int h_supervisor_put(req *r);
int h_supervisor_availability(req *r);
int h_dispatch_rules_get(req *r);
int h_dispatch_rules_put(req *r);
int h_dispatch_run(req *r);
int h_dispatch_assignments(req *r);
/* 满意度调查 (surveys.c) */
int h_survey_get(req *r);
int h_survey_put(req *r);
int h_survey_answer(req *r);
int h_survey_results(req *r);
/* 督导检查 (inspections.c) */
int h_checklist_get(req *r);
int h_checklist_put(req *r);
int h_inspection_open(req *r);
int h_inspection_get(req *r);
int h_inspection_save(req *r);
int h_inspection_sign(req *r);
int h_inspections_list(req *r);
/* 检查证据 (inspections.c) */
int h_evidence_upload(req *r);
int h_evidence_list(req *r);
int h_evidence_get(req *r);
/* reply_evidence_file: answers a stored evidence file (inspection or rectification) as an attachment of its
 * stored type, never cached or run by the browser; takes b->data */
struct blob;
int reply_evidence_file(req *r, struct blob *b, const char *name);
int h_inspection_revoking(req *r);
/* 整改 (rectify.c) */
int h_rectifications_list(req *r);
int h_rectification_get(req *r);
int h_rectification_respond(req *r);
int h_rectification_evidence_upload(req *r);
int h_rectification_evidence_get(req *r);
int h_rectification_close(req *r);
int h_rectification_return(req *r);
int h_rectification_escalate(req *r);
int h_rectification_revoking(req *r);
int h_rectify_terms(req *r);
int h_rectify_term_set(req *r);
/* 定期评估 (assess.c) */
int h_assess_system_get(req *r);
int h_assess_system_put(req *r);
int h_assess_run(req *r);
int h_assess_runs(req *r);
int h_assess_get(req *r);
int h_assess_results(req *r);
int h_assess_result(req *r);
int h_assess_funnel(req *r);
int h_assess_publish(req *r);

/* 信用档案 (credit.c) */
int h_credit_kinds(req *r);
int h_credit_list(req *r);
int h_credit_get(req *r);
int h_credit_record(req *r);
int h_credit_withdraw(req *r);
/* 质量档案 (archive.c) */
int h_quality_archive(req *r);
int h_quality_archive_pdf(req *r);

#endif
