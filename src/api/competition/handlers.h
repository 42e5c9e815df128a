/* handlers.h: the competition domain's request handlers (职业技能竞赛), for its route table (routes.c) */
#ifndef JINENG_API_COMPETITION_HANDLERS_H
#define JINENG_API_COMPETITION_HANDLERS_H

#include "http/req.h"

/* the core: plan, series, competitions, events, quotas (competitions.c) */
int h_comp_reference(req *r);
int h_comp_series_list(req *r);
int h_comp_series_create(req *r);
int h_comp_list(req *r);
int h_comp_create(req *r);
int h_comp_get(req *r);
int h_comp_move(req *r);
int h_comp_event_add(req *r);
int h_comp_quotas_set(req *r);
int h_comp_plan_get(req *r);
int h_comp_plan_publish(req *r);
/* entries, review, the draw, the start list, 岗位练兵 (entries.c) */
int h_comp_entry_nominate(req *r);
int h_comp_entries_list(req *r);
int h_comp_entry_register(req *r);
int h_comp_my_entries(req *r);
int h_comp_entry_get(req *r);
int h_comp_entry_move(req *r);
int h_comp_draw(req *r);
int h_comp_draw_get(req *r);
int h_comp_start_list(req *r);
int h_comp_practice_record(req *r);
int h_comp_participation(req *r);

#endif
