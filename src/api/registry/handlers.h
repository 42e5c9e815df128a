/* handlers.h: the registry domain's request handlers, for its route table (routes.c) */
#ifndef JINENG_API_REGISTRY_HANDLERS_H
#define JINENG_API_REGISTRY_HANDLERS_H

#include "http/req.h"

int h_inst_create(req *r);
int h_inst_get(req *r);
int h_inst_history(req *r);
int h_inst_list(req *r);
int h_inst_scope(req *r);
int h_inst_status(req *r);
int h_inst_update(req *r);
int h_occupation_create(req *r);
int h_occupation_get(req *r);
int h_occupations(req *r);
int h_persons_create(req *r);
int h_persons_diploma(req *r);
int h_persons_get(req *r);
int h_persons_life_event(req *r);
int h_persons_list(req *r);
int h_persons_title(req *r);
int h_persons_update(req *r);
int h_persons_work(req *r);
int h_regions(req *r);
int h_standards_add(req *r);
int h_standards_list(req *r);
int h_talent_record(req *r);
int h_workdays(req *r);

#endif
