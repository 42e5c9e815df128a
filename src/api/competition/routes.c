/* routes.c: the competition domain's routes (职业技能竞赛): method, path, handler, and the roles that may
 * call it. Data scope (which competitions and entries) is then enforced by the use case (SE_COMPETITION;
 * svc/competition/README.md). */
#include "util/common.h"
#include "api/base/routes.h"
#include "api/competition/handlers.h"
#include "api/competition/marking_handlers.h"
#include "api/competition/outcomes_handlers.h"
#include "api/competition/squads_handlers.h"

#define ORGANISERS (R_ADMINS | RB(ROLE_INSTITUTION_ADMIN))
#define MARKERS	   (ORGANISERS | RB(ROLE_EXAMINER))

const struct route competition_routes[] = {
	/* ---- the core (issue 21 items 1-3) ---- */
	/* tiers, groups and states; series; the yearly plan (public once published) */
	{"GET", "/api/v1/competition-reference", h_comp_reference, R_EVERYONE},
	{"GET", "/api/v1/competition-series", h_comp_series_list, R_EVERYONE},
	{"POST", "/api/v1/competition-series", h_comp_series_create, R_ADMINS},
	{"GET", "/api/v1/competition-plans/{year}", h_comp_plan_get, R_EVERYONE},
	{"POST", "/api/v1/competition-plans/{year}/publish", h_comp_plan_publish, RB(ROLE_PROVINCE_ADMIN)},
	/* competitions: published ones for everyone, the organiser's own besides */
	{"GET", "/api/v1/competitions", h_comp_list, R_EVERYONE},
	{"POST", "/api/v1/competitions", h_comp_create, ORGANISERS},
	{"GET", "/api/v1/competitions/{id}", h_comp_get, R_EVERYONE},
	{"POST", "/api/v1/competitions/{id}/status", h_comp_move, ORGANISERS},
	{"POST", "/api/v1/competitions/{id}/events", h_comp_event_add, ORGANISERS},
	{"PUT", "/api/v1/competitions/{id}/quotas", h_comp_quotas_set, ORGANISERS},
	/* entries: nominating units nominate, the organiser reviews and draws; the start list and the draw
	 * are public once drawn */
	{"POST", "/api/v1/competition-events/{id}/entries", h_comp_entry_nominate, ORGANISERS},
	{"GET", "/api/v1/competition-events/{id}/entries", h_comp_entries_list, ORGANISERS},
	/* 个人报名: a candidate registers themself below the provincial tiers and reads their own entries */
	{"POST", "/api/v1/competition-events/{id}/register", h_comp_entry_register, RB(ROLE_CANDIDATE)},
	{"GET", "/api/v1/my/competition-entries", h_comp_my_entries, RB(ROLE_CANDIDATE)},
	{"GET", "/api/v1/competition-entries/{id}", h_comp_entry_get, ORGANISERS},
	{"POST", "/api/v1/competition-entries/{id}/status", h_comp_entry_move, ORGANISERS},
	{"POST", "/api/v1/competition-events/{id}/draw", h_comp_draw, ORGANISERS},
	{"GET", "/api/v1/competition-events/{id}/draw", h_comp_draw_get, R_EVERYONE},
	{"GET", "/api/v1/competition-events/{id}/start-list", h_comp_start_list, R_EVERYONE},
	/* 岗位练兵 / 技术比武 counts and the participation target */
	{"POST", "/api/v1/competition-practice", h_comp_practice_record, ORGANISERS},
	{"GET", "/api/v1/competition-participation", h_comp_participation, R_EVERYONE},
	/* ---- marking and results (issue 21 items 4-5; marking_handlers.h) ---- */
	/* the competition's marking rules (回避, threshold, medals, 公示 days); results of all signed events;
	 * the medal table by 选送单位 */
	{"GET", "/api/v1/competitions/{id}/marking-rules", h_cm_rules_get, ORGANISERS},
	{"PUT", "/api/v1/competitions/{id}/marking-rules", h_cm_rules_put, ORGANISERS},
	{"POST", "/api/v1/competitions/{id}/results", h_cr_compute_competition, ORGANISERS},
	{"GET", "/api/v1/competitions/{id}/team-results", h_cr_team_results, ORGANISERS},
	{"GET", "/api/v1/public/competitions/{id}/team-results", h_cr_team_results_public, R_EVERYONE},
	/* an event's scheme, judges, scores (judges), marks, disagreements, the chief expert's sign-off */
	{"GET", "/api/v1/competition-events/{id}/scheme", h_cm_scheme_get, MARKERS},
	{"PUT", "/api/v1/competition-events/{id}/scheme", h_cm_scheme_put, ORGANISERS},
	{"GET", "/api/v1/competition-events/{id}/judges", h_cm_judges_list, MARKERS},
	{"POST", "/api/v1/competition-events/{id}/judges", h_cm_judge_assign, ORGANISERS},
	{"PUT", "/api/v1/competition-events/{id}/scores", h_cm_scores_save, RB(ROLE_EXAMINER)},
	{"GET", "/api/v1/competition-events/{id}/marks", h_cm_marks, MARKERS},
	{"GET", "/api/v1/competition-events/{id}/disagreements", h_cm_disagreements, MARKERS},
	{"POST", "/api/v1/competition-events/{id}/signoff", h_cm_signoff, RB(ROLE_EXAMINER)},
	/* results: computed by the organiser after the sign-off, published for 公示, read by the public then
	 */
	{"POST", "/api/v1/competition-events/{id}/results", h_cr_compute_event, ORGANISERS},
	{"GET", "/api/v1/competition-events/{id}/results", h_cr_results, MARKERS},
	{"POST", "/api/v1/competition-events/{id}/results/publish", h_cr_publish, ORGANISERS},
	{"GET", "/api/v1/public/competition-events/{id}/results", h_cr_results_public, R_EVERYONE},
	/* ---- selection and 集训 squads (issue 21 item 7; squads_handlers.h): the province manages the
	 * pool and the squads; the units concerned read them (svc/competition/squads.h) ---- */
	{"POST", "/api/v1/competition-events/{id}/selection-pool", h_sq_pool_add, RB(ROLE_PROVINCE_ADMIN)},
	{"GET", "/api/v1/competition-pool", h_sq_pool_list, ORGANISERS},
	{"GET", "/api/v1/competition-squads", h_sq_squad_list, ORGANISERS},
	{"POST", "/api/v1/competition-squads", h_sq_squad_create, RB(ROLE_PROVINCE_ADMIN)},
	{"GET", "/api/v1/competition-squads/{id}", h_sq_squad_get, ORGANISERS},
	{"PUT", "/api/v1/competition-squads/{id}/coaches", h_sq_coaches_set, RB(ROLE_PROVINCE_ADMIN)},
	{"POST", "/api/v1/competition-squads/{id}/members", h_sq_member_add, RB(ROLE_PROVINCE_ADMIN)},
	{"POST", "/api/v1/competition-squads/{id}/rounds", h_sq_round_add, RB(ROLE_PROVINCE_ADMIN)},
	{"POST", "/api/v1/competition-squad-members/{id}/leave", h_sq_member_leave, RB(ROLE_PROVINCE_ADMIN)},
	/* ---- boards (items 8-9): the organiser's marking progress; the closing ceremony's screen ---- */
	{"GET", "/api/v1/competitions/{id}/progress", h_cb_progress, ORGANISERS},
	{"GET", "/api/v1/public/competitions/{id}/results", h_cb_public_results, R_EVERYONE},
	/* the events an examiner judges or is the chief expert of (their way to the marking page) */
	{"GET", "/api/v1/my/competition-judging", h_cb_my_judging, RB(ROLE_EXAMINER)},
	/* ---- outcomes (issue 21 item 6; outcomes_handlers.h): 技术能手, promotions and prize money from
	 * final results (the province), prize rules (public; the province changes them), 集训基地 grants, an
	 * entry's 选送单位 / 集训基地, objections to an event's results during 公示 (anyone raises one;
	 * resolved by the organiser through POST /objections/{id}/resolve) ---- */
	{"GET", "/api/v1/competitions/{id}/outcomes", h_co_outcomes_plan, RB(ROLE_PROVINCE_ADMIN)},
	{"POST", "/api/v1/competitions/{id}/outcomes", h_co_outcomes_run, RB(ROLE_PROVINCE_ADMIN)},
	{"GET", "/api/v1/competitions/{id}/awards", h_co_awards, ORGANISERS},
	{"PUT", "/api/v1/competitions/{id}/outcome-settings", h_co_settings_put, RB(ROLE_PROVINCE_ADMIN)},
	{"PUT", "/api/v1/competition-entries/{id}/units", h_co_entry_units_put, ORGANISERS},
	{"GET", "/api/v1/competition-prize-rules", h_co_prize_rules_get, R_EVERYONE},
	{"PUT", "/api/v1/competition-prize-rules", h_co_prize_rules_put, RB(ROLE_PROVINCE_ADMIN)},
	{"GET", "/api/v1/competition-base-grants", h_co_base_grants, RB(ROLE_PROVINCE_ADMIN)},
	{"POST", "/api/v1/competition-base-grants", h_co_base_grant, RB(ROLE_PROVINCE_ADMIN)},
	{"POST", "/api/v1/competition-events/{id}/objections", h_co_objection_create, R_EVERYONE},
	{"GET", "/api/v1/competition-events/{id}/objections", h_co_objections, ORGANISERS},
	{NULL, NULL, NULL, 0},
};
