/* handlers.h: the evaluation domain's request handlers, for its route table (routes.c) */
#ifndef JINENG_API_EVALUATION_HANDLERS_H
#define JINENG_API_EVALUATION_HANDLERS_H

#include "http/req.h"

int h_avoidance(req *r);
int h_eligibility_check(req *r);
int h_eligibility_options(req *r);
int h_objection_create(req *r);
int h_objection_resolve(req *r);
int h_objections_list(req *r);
int h_plan_results(req *r);
int h_plans_create(req *r);
int h_plans_get(req *r);
int h_plans_history(req *r);
int h_plans_list(req *r);
int h_plans_status(req *r);
int h_practical_score(req *r);
int h_practical_setup(req *r);
int h_practical_setup_get(req *r);
int h_practical_view(req *r);
int h_norm_performance_get(req *r);
int h_norm_performance_list(req *r);
int h_norm_performance_put(req *r);
int h_norm_process_correct(req *r);
int h_norm_process_get(req *r);
int h_norm_process_record(req *r);
int h_norm_rules(req *r);
int h_norms_create(req *r);
int h_norms_get(req *r);
int h_norms_list(req *r);
int h_norms_status(req *r);
int h_norms_update(req *r);
int h_regs_all(req *r);
int h_regs_create(req *r);
int h_regs_import(req *r);
int h_regs_list(req *r);
int h_regs_review(req *r);
int h_regs_review_batch(req *r);
int h_results_create(req *r);
int h_results_get(req *r);
int h_results_list(req *r);
int h_review_score(req *r);
int h_review_setup(req *r);
int h_review_setup_get(req *r);
int h_review_view(req *r);

#endif
