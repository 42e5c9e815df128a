/* marking_handlers.h: the competition domain's marking and results handlers (issue 21 items 4-5;
 * marking.c, results.c), for the marking section of the domain's routes (routes.c) */
#ifndef JINENG_API_COMPETITION_MARKING_HANDLERS_H
#define JINENG_API_COMPETITION_MARKING_HANDLERS_H

#include "http/req.h"

/* 评分 (marking.c) */
int h_cm_rules_get(req *r);
int h_cm_rules_put(req *r);
int h_cm_scheme_get(req *r);
int h_cm_scheme_put(req *r);
int h_cm_judges_list(req *r);
int h_cm_judge_assign(req *r);
int h_cm_scores_save(req *r);
int h_cm_marks(req *r);
int h_cm_disagreements(req *r);
int h_cm_signoff(req *r);
/* 成绩 (results.c) */
int h_cr_compute_competition(req *r);
int h_cr_team_results(req *r);
int h_cr_team_results_public(req *r);
int h_cr_compute_event(req *r);
int h_cr_results(req *r);
int h_cr_results_public(req *r);
int h_cr_publish(req *r);

#endif
