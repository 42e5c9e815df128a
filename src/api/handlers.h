/* handlers.h: every request handler, for the route table (routes.c). */
#ifndef JINENG_HANDLERS_H
#define JINENG_HANDLERS_H

#include "http/req.h"

int h_health(req *r);
int h_stats_overview(req *r);
int h_analysis_run(req *r);
int h_review_setup(req *r);
int h_practical_setup_get(req *r);
int h_review_setup_get(req *r);
int h_sittings_list(req *r);
int h_regs_import(req *r);
int h_regs_all(req *r);
int h_objections_list(req *r);
int h_blueprint_get(req *r);
int h_review_score(req *r);
int h_review_view(req *r);
int h_sittings_invigilators(req *r);
int h_analysis_get(req *r);
int h_collusion_list(req *r);
int h_collusion_review(req *r);
int h_login(req *r);
int h_logout(req *r);
int h_me(req *r);
int h_password(req *r);
int h_login_log(req *r);
int h_user_unlock(req *r);
int h_users_list(req *r);
int h_users_get(req *r);
int h_users_create(req *r);
int h_users_update(req *r);
int h_persons_create(req *r);
int h_persons_list(req *r);
int h_persons_get(req *r);
int h_persons_update(req *r);
int h_persons_work(req *r);
int h_persons_diploma(req *r);
int h_persons_title(req *r);
int h_inst_create(req *r);
int h_inst_list(req *r);
int h_inst_get(req *r);
int h_inst_update(req *r);
int h_inst_status(req *r);
int h_inst_scope(req *r);
int h_inst_history(req *r);
int h_regions(req *r);
int h_occupations(req *r);
int h_occupation_get(req *r);
int h_occupation_create(req *r);
int h_audit_list(req *r);
int h_audit_verify(req *r);
/* results and certificates (api_certs.c) */
int h_results_create(req *r);
int h_results_list(req *r);
int h_results_get(req *r);
int h_certs_issue(req *r);
int h_certs_list(req *r);
int h_certs_get(req *r);
int h_certs_pdf(req *r);
int h_certs_credential(req *r);
int h_certs_revoke(req *r);
int h_certs_reissue(req *r);
int h_talent_record(req *r);
int h_public_cert(req *r);
int h_public_keys(req *r);
int h_public_status(req *r);
int page_verify(req *r); /* GET /v/{number} (page_verify.c) */
int h_eligibility_check(req *r);
int h_eligibility_options(req *r);
int h_workdays(req *r);
int h_standards_add(req *r);
int h_standards_list(req *r);
/* plans and registrations (api_plans.c) */
int h_plans_create(req *r);
int h_plans_list(req *r);
int h_plans_get(req *r);
int h_plans_status(req *r);
int h_plans_history(req *r);
int h_regs_create(req *r);
int h_regs_list(req *r);
int h_regs_review(req *r);
int h_practical_setup(req *r);
int h_practical_score(req *r);
int h_practical_view(req *r);
int h_avoidance(req *r);
int h_plan_results(req *r);
int h_objection_create(req *r);
int h_objection_resolve(req *r);
/* item bank, sittings, attempts (api_exams.c) */
int h_items_create(req *r);
int h_items_revise(req *r);
int h_items_list(req *r);
int h_items_import(req *r);
int h_blueprint_set(req *r);
int h_sittings_create(req *r);
int h_sittings_admit(req *r);
int h_sittings_attempts(req *r);
int h_attempts_mine(req *r);
int h_attempts_open(req *r);
int h_attempts_save(req *r);
int h_attempts_focus(req *r);
int h_attempts_submit(req *r);
int h_attempts_invigilate(req *r);

#endif
