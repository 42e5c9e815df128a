/* handlers.h: the platform domain's request handlers (评价队伍与考点, issue 24 items 2-3), for its route
 * table (routes.c) */
#ifndef JINENG_API_PLATFORM_HANDLERS_H
#define JINENG_API_PLATFORM_HANDLERS_H

#include "http/req.h"

int h_wf_course_list(req *r);
int h_wf_course_create(req *r);
int h_wf_qual_list(req *r);
int h_wf_qual_get(req *r);
int h_wf_qual_grant(req *r);
int h_wf_qual_renew(req *r);
int h_wf_qual_remove(req *r);

int h_site_list(req *r);
int h_site_get(req *r);
int h_site_create(req *r);
int h_room_create(req *r);
int h_room_update(req *r);
int h_site_checklist(req *r);
int h_site_assess(req *r);
int h_site_assessment_get(req *r);
int h_site_assessment_update(req *r);
int h_site_designate(req *r);
int h_room_bookings(req *r);
int h_room_book(req *r);
int h_room_booking_cancel(req *r);

/* 平台载体项目 (projects.c; svc/platform/projects.h) */
int h_pf_types(req *r);
int h_pf_calls(req *r);
int h_pf_call_create(req *r);
int h_pf_call_get(req *r);
int h_pf_quotas_put(req *r);
int h_pf_call_move(req *r);
int h_pf_check(req *r);
int h_pf_apply(req *r);
int h_pf_apps(req *r);
int h_pf_app_get(req *r);
int h_pf_recommend(req *r);
int h_pf_score(req *r);
int h_pf_reviews(req *r);
int h_pf_list(req *r);
int h_pf_get(req *r);
int h_pf_tranche_add(req *r);
int h_pf_tranches(req *r);
int h_pf_tranche_decide(req *r);
int h_pf_tranche_pay(req *r);
int h_pf_activity_add(req *r);
int h_pf_appraise(req *r);
int h_pf_close(req *r);
int h_pf_public(req *r);

/* 专项职业能力开发 and 新职业征集 (special.c) */
int h_sp_list(req *r);
int h_sp_reviews(req *r);
int h_sp_create(req *r);
int h_sp_get(req *r);
int h_sp_update(req *r);
int h_sp_move(req *r);
int h_sp_score(req *r);
int h_special_catalogue(req *r);
int h_special_items(req *r);
int h_special_withdraw(req *r);
int h_no_list(req *r);
int h_no_create(req *r);
int h_no_get(req *r);
int h_no_move(req *r);

#endif
