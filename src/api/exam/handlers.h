/* handlers.h: the exam domain's request handlers, for its route table (routes.c) */
#ifndef JINENG_API_EXAM_HANDLERS_H
#define JINENG_API_EXAM_HANDLERS_H

#include "http/req.h"

int h_analysis_get(req *r);
int h_analysis_run(req *r);
int h_attempts_focus(req *r);
int h_attempts_invigilate(req *r);
int h_attempts_mine(req *r);
int h_attempts_open(req *r);
int h_attempts_save(req *r);
int h_attempts_submit(req *r);
int h_blueprint_get(req *r);
int h_blueprint_set(req *r);
int h_collusion_list(req *r);
int h_collusion_review(req *r);
int h_items_create(req *r);
int h_items_import(req *r);
int h_items_list(req *r);
int h_items_revise(req *r);
int h_sittings_admit(req *r);
int h_sittings_attempts(req *r);
int h_sittings_create(req *r);
int h_sittings_invigilators(req *r);
int h_sittings_list(req *r);
int h_sittings_move(req *r);

#endif
