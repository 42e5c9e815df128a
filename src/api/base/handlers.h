/* handlers.h: the base domain's request handlers, for its route table (routes.c) */
#ifndef JINENG_API_BASE_HANDLERS_H
#define JINENG_API_BASE_HANDLERS_H

#include "http/req.h"

int h_audit_list(req *r);
int h_audit_verify(req *r);
int h_health(req *r);
int page_metrics(req *r); /* GET /metrics (metrics.c) */

#endif
