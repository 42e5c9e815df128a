/* handlers.h: the stats domain's request handlers, for its route table (routes.c) */
#ifndef JINENG_API_STATS_HANDLERS_H
#define JINENG_API_STATS_HANDLERS_H

#include "http/req.h"

int h_stats_overview(req *r);
int h_stats_drill(req *r);
int h_stats_dashboard(req *r);
int h_open_data_catalogue(req *r);
int h_open_data_table(req *r);
int h_open_data_publish(req *r);
int h_open_data_releases(req *r);
int h_stat_report_make(req *r);
int h_stat_report_list(req *r);
int h_stat_report_xlsx(req *r);

int h_postings_import(req *r);
int h_shortage_warnings(req *r);
int h_shortage_forecast(req *r);
int h_shortage_proposal_make(req *r);
int h_shortage_proposal_get(req *r);
int h_shortage_proposal_put(req *r);
int h_shortage_proposal_publish(req *r);
int h_shortage_rules(req *r);
int h_shortage_rules_put(req *r);
int h_stats_key_groups(req *r);

int h_target_metrics(req *r);
int h_targets(req *r);
int h_target_get(req *r);
int h_target_create(req *r);
int h_target_update(req *r);

#endif
