/* routes.c: the platform domain's routes (平台载体 and the evaluation system's own capacity, issue 24):
 * method, path, handler, and the roles that may call it. Data scope (which rows) is then enforced by the
 * use case. */
#include "util/common.h"
#include "api/base/routes.h"
#include "api/platform/handlers.h"

#define PROV	     RB(ROLE_PROVINCE_ADMIN)
#define WORKFORCE    (R_ADMINS | R_INST | RB(ROLE_EXAMINER) | RB(ROLE_SUPERVISOR))
#define SITE_READERS (R_ADMINS | R_INST)
#define PF_READERS   (R_ADMINS | R_INST | RB(ROLE_FINANCE))
#define PROPOSERS                                                                                            \
	(RB(ROLE_CITY_ADMIN) |                                                                               \
	 RB(ROLE_INSTITUTION_ADMIN)) /* 专项 and 新职业: a city, an enterprise, a school */

const struct route platform_routes[] = {
	/* 评价队伍 (svc/platform/workforce.c): qualification courses (a training class + its exam plan),
	 * qualifications granted from a course or registered from the records, renewed, removed through the
	 * credit archive; the holder reads their own */
	{"GET", "/api/v1/workforce/courses", h_wf_course_list, R_ADMINS},
	{"POST", "/api/v1/workforce/courses", h_wf_course_create, PROV},
	{"GET", "/api/v1/qualifications", h_wf_qual_list, WORKFORCE},
	{"POST", "/api/v1/qualifications", h_wf_qual_grant, R_ADMINS},
	{"GET", "/api/v1/qualifications/{id}", h_wf_qual_get, WORKFORCE},
	{"POST", "/api/v1/qualifications/{id}/renew", h_wf_qual_renew, R_ADMINS},
	{"POST", "/api/v1/qualifications/{id}/remove", h_wf_qual_remove, R_ADMINS},
	/* 考点与考场 (svc/platform/sites.c): the registry, the 标准化考场 check, designation, room bookings
	 */
	{"GET", "/api/v1/exam-sites", h_site_list, SITE_READERS},
	{"POST", "/api/v1/exam-sites", h_site_create, R_ADMINS | RB(ROLE_INSTITUTION_ADMIN)},
	{"GET", "/api/v1/exam-sites/{id}", h_site_get, SITE_READERS},
	{"POST", "/api/v1/exam-sites/{id}/rooms", h_room_create, R_ADMINS | RB(ROLE_INSTITUTION_ADMIN)},
	{"PUT", "/api/v1/exam-sites/{id}/rooms/{room}", h_room_update, R_ADMINS | RB(ROLE_INSTITUTION_ADMIN)},
	{"GET", "/api/v1/site-checklist", h_site_checklist, SITE_READERS},
	{"POST", "/api/v1/exam-sites/{id}/assessments", h_site_assess, R_ADMINS},
	{"GET", "/api/v1/site-assessments/{id}", h_site_assessment_get, SITE_READERS},
	{"PUT", "/api/v1/site-assessments/{id}", h_site_assessment_update, R_ADMINS},
	{"POST", "/api/v1/exam-sites/{id}/designations", h_site_designate, PROV},
	{"GET", "/api/v1/exam-rooms/{id}/bookings", h_room_bookings, SITE_READERS},
	{"POST", "/api/v1/exam-rooms/{id}/bookings", h_room_book, PROV | R_INST},
	{"POST", "/api/v1/room-bookings/{id}/cancel", h_room_booking_cancel, PROV | R_INST},
	/* ---- 平台载体项目 (item 1; svc/platform/projects.h): the catalogue and the calls are public
	 * notices; the institution applies, its city recommends, the panel's examiners score, the province
	 * decides; 财政 co-approves the grant's tranches and reads the projects, nothing else ---- */
	{"GET", "/api/v1/platform/types", h_pf_types, R_EVERYONE},
	{"GET", "/api/v1/platform/calls", h_pf_calls, R_EVERYONE},
	{"POST", "/api/v1/platform/calls", h_pf_call_create, RB(ROLE_PROVINCE_ADMIN)},
	{"GET", "/api/v1/platform/calls/{id}", h_pf_call_get, R_EVERYONE},
	{"PUT", "/api/v1/platform/calls/{id}/quotas", h_pf_quotas_put, RB(ROLE_PROVINCE_ADMIN)},
	{"POST", "/api/v1/platform/calls/{id}/status", h_pf_call_move, RB(ROLE_PROVINCE_ADMIN)},
	{"POST", "/api/v1/platform/calls/{id}/checks", h_pf_check, R_ADMINS | RB(ROLE_INSTITUTION_ADMIN)},
	{"POST", "/api/v1/platform/calls/{id}/applications", h_pf_apply, RB(ROLE_INSTITUTION_ADMIN)},
	{"GET", "/api/v1/platform/applications", h_pf_apps, R_ADMINS | R_INST},
	{"GET", "/api/v1/platform/applications/{id}", h_pf_app_get, R_ADMINS | R_INST | RB(ROLE_EXAMINER)},
	{"POST", "/api/v1/platform/applications/{id}/recommendation", h_pf_recommend, RB(ROLE_CITY_ADMIN)},
	{"POST", "/api/v1/platform/applications/{id}/scores", h_pf_score, RB(ROLE_EXAMINER)},
	/* the expert's own list to score: the recommended applications of its panels' calls in review */
	{"GET", "/api/v1/platform/reviews", h_pf_reviews, RB(ROLE_EXAMINER)},
	{"GET", "/api/v1/platforms", h_pf_list, PF_READERS},
	{"GET", "/api/v1/platforms/{id}", h_pf_get, PF_READERS},
	{"POST", "/api/v1/platforms/{id}/tranches", h_pf_tranche_add, RB(ROLE_PROVINCE_ADMIN)},
	{"GET", "/api/v1/platform/tranches", h_pf_tranches, RB(ROLE_PROVINCE_ADMIN) | RB(ROLE_FINANCE)},
	{"POST", "/api/v1/platform/tranches/{id}/decision", h_pf_tranche_decide, RB(ROLE_FINANCE)},
	{"POST", "/api/v1/platform/tranches/{id}/payment", h_pf_tranche_pay, RB(ROLE_PROVINCE_ADMIN)},
	{"POST", "/api/v1/platforms/{id}/activities", h_pf_activity_add, RB(ROLE_PROVINCE_ADMIN) | R_INST},
	{"POST", "/api/v1/platforms/{id}/appraisals", h_pf_appraise, RB(ROLE_PROVINCE_ADMIN)},
	{"POST", "/api/v1/platforms/{id}/status", h_pf_close, RB(ROLE_PROVINCE_ADMIN)},
	{"GET", "/api/v1/public/platforms", h_pf_public, R_EVERYONE},
	/* ---- 专项职业能力开发 and 新职业征集 (item 5; svc/platform/special.h): a city bureau, an enterprise
	 * or a school proposes with its draft 考核规范, the province sends it to a panel (回避, independent
	 * scores), passes and publishes it into the versioned catalogue (public) or withdraws an item; new
	 * occupations are forwarded and tracked to their adoption in the 大典 ---- */
	{"GET", "/api/v1/special-proposals", h_sp_list, R_ADMINS | R_INST},
	{"POST", "/api/v1/special-proposals", h_sp_create, PROPOSERS},
	{"GET", "/api/v1/special-proposals/{id}", h_sp_get, R_ADMINS | R_INST | RB(ROLE_EXAMINER)},
	{"PUT", "/api/v1/special-proposals/{id}", h_sp_update, PROPOSERS},
	{"POST", "/api/v1/special-proposals/{id}/status", h_sp_move, PROV | PROPOSERS},
	{"POST", "/api/v1/special-proposals/{id}/scores", h_sp_score, RB(ROLE_EXAMINER)},
	{"GET", "/api/v1/special-reviews", h_sp_reviews, RB(ROLE_EXAMINER)},
	{"GET", "/api/v1/public/special-catalogue", h_special_catalogue, R_EVERYONE},
	{"GET", "/api/v1/public/special-abilities", h_special_items, R_EVERYONE},
	{"POST", "/api/v1/special-abilities/{code}/withdrawal", h_special_withdraw, PROV},
	{"GET", "/api/v1/new-occupations", h_no_list, R_ADMINS | R_INST},
	{"POST", "/api/v1/new-occupations", h_no_create, PROPOSERS},
	{"GET", "/api/v1/new-occupations/{id}", h_no_get, R_ADMINS | R_INST},
	{"POST", "/api/v1/new-occupations/{id}/status", h_no_move, PROV},
	{NULL, NULL, NULL, 0},
};
