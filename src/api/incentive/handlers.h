/* handlers.h: the incentive domain's request handlers (激励, issue 22), for its route table (routes.c). The
 * domain is built in parts, each with its own file: 工资价位 (wages.c), … */
#ifndef JINENG_API_INCENTIVE_HANDLERS_H
#define JINENG_API_INCENTIVE_HANDLERS_H

#include "http/req.h"

/* 工资价位 (wages.c) */
int h_wage_rules(req *r);
int h_wage_min_wage_put(req *r);
int h_wage_posts_get(req *r);
int h_wage_posts_put(req *r);
int h_wage_import(req *r);
int h_wage_submissions(req *r);
int h_wage_check(req *r);
int h_wage_publish(req *r);
int h_wage_publication_get(req *r);
int h_wage_public(req *r);

#endif
