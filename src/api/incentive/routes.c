/* routes.c: the incentive domain's routes (使用与激励, issue 22): method, path, handler, and the roles that
 * may call it; a section per part. Data scope (which rows) is then enforced by the use case. */
#include "util/common.h"
#include "api/base/routes.h"
#include "api/incentive/handlers.h"

#define CARD_READERS (R_STAFF | RB(ROLE_CANDIDATE))

const struct route incentive_routes[] = {
	/* 工资价位 (svc/incentive/wages.c): the rules and the year's posts are public; employers submit their
	 * own pay; the bureau sets minimum wages and posts, publishes and reads its publications with counts;
	 * the public reads the published table */
	{"GET", "/api/v1/wages/rules", h_wage_rules, R_EVERYONE},
	{"PUT", "/api/v1/wages/min-wages/{region_code}", h_wage_min_wage_put, R_ADMINS},
	{"GET", "/api/v1/wages/posts/{year}", h_wage_posts_get, R_EVERYONE},
	{"PUT", "/api/v1/wages/posts/{year}", h_wage_posts_put, RB(ROLE_PROVINCE_ADMIN)},
	{"POST", "/api/v1/wages/submissions/import", h_wage_import, R_INST},
	{"GET", "/api/v1/wages/submissions", h_wage_submissions, R_STAFF},
	{"GET", "/api/v1/wages/check", h_wage_check, R_STAFF},
	{"POST", "/api/v1/wages/publications", h_wage_publish, R_ADMINS},
	{"GET", "/api/v1/wages/publications/{id}", h_wage_publication_get, R_ADMINS},
	{"GET", "/api/v1/public/wages", h_wage_public, R_EVERYONE},
	/* 山东惠才卡 (svc/incentive/card.c): the catalogue is public; the province keeps categories, services
	 * and providers and revokes; the bureau imports honours; the person applies, the employer's 单位专员,
	 * the employer, the same-level 人社 and the provincial window take the steps (core/card_flow.c); a
	 * provider records a use with its key (X-Provider-Key), not a session */
	{"GET", "/api/v1/talent-card/catalogue", h_card_catalogue, R_EVERYONE},
	{"PUT", "/api/v1/talent-card/categories/{code}", h_card_category_put, RB(ROLE_PROVINCE_ADMIN)},
	{"PUT", "/api/v1/talent-card/services/{code}", h_card_service_put, RB(ROLE_PROVINCE_ADMIN)},
	{"POST", "/api/v1/talent-card/providers", h_card_provider_create, RB(ROLE_PROVINCE_ADMIN)},
	{"GET", "/api/v1/persons/{id}/honours", h_person_honours, CARD_READERS},
	{"POST", "/api/v1/persons/{id}/honours", h_person_honour_add, R_ADMINS},
	{"POST", "/api/v1/talent-card/applications", h_card_apply, RB(ROLE_CANDIDATE)},
	{"GET", "/api/v1/talent-card/applications", h_card_apps_list, CARD_READERS},
	{"GET", "/api/v1/talent-card/applications/{id}", h_card_app_get, CARD_READERS},
	{"POST", "/api/v1/talent-card/applications/{id}/status", h_card_app_move, R_STAFF},
	{"GET", "/api/v1/talent-cards", h_talent_cards_list,
	 R_ADMINS | RB(ROLE_INSTITUTION_ADMIN) | RB(ROLE_CANDIDATE)},
	{"GET", "/api/v1/talent-cards/{number}", h_talent_card_get,
	 R_ADMINS | RB(ROLE_INSTITUTION_ADMIN) | RB(ROLE_CANDIDATE)},
	{"POST", "/api/v1/talent-cards/{number}/revoke", h_talent_card_revoke, RB(ROLE_PROVINCE_ADMIN)},
	{"GET", "/api/v1/public/talent-cards/{number}", h_public_talent_card, R_EVERYONE},
	{"POST", "/api/v1/public/talent-card/uses", h_card_use_record, R_EVERYONE},
	/* the province manages providers: the list, suspension, a new key (shown once), the uses recorded */
	{"GET", "/api/v1/talent-card/providers", h_card_providers, RB(ROLE_PROVINCE_ADMIN)},
	{"POST", "/api/v1/talent-card/providers/{id}/status", h_card_provider_status,
	 RB(ROLE_PROVINCE_ADMIN)},
	{"POST", "/api/v1/talent-card/providers/{id}/key", h_card_provider_key, RB(ROLE_PROVINCE_ADMIN)},
	{"GET", "/api/v1/talent-card/providers/{id}/uses", h_card_provider_uses, RB(ROLE_PROVINCE_ADMIN)},
	/* the holder's consent that the verification page shows their honours (item 7) */
	{"PUT", "/api/v1/me/public-honours", h_public_honours_put, RB(ROLE_CANDIDATE)},
	/* ---- 贯通 (item 5: svc/incentive/titles.c): series and rules as data, a person's titles and yearly
	 * appraisals, the check, the application and its review by the city and the province ---- */
	{"GET", "/api/v1/titles/series", h_title_series, R_EVERYONE},
	{"PUT", "/api/v1/titles/series/{code}", h_title_series_put, RB(ROLE_PROVINCE_ADMIN)},
	{"POST", "/api/v1/titles/rules", h_title_rule_add, RB(ROLE_PROVINCE_ADMIN)},
	{"PATCH", "/api/v1/titles/rules/{id}", h_title_rule_patch, RB(ROLE_PROVINCE_ADMIN)},
	{"POST", "/api/v1/titles/records", h_title_record_add, R_ADMINS},
	{"POST", "/api/v1/persons/{id}/appraisals", h_person_appraisal_put, R_STAFF},
	{"POST", "/api/v1/titles/checks", h_title_check, R_ADMINS | RB(ROLE_CANDIDATE)},
	{"POST", "/api/v1/titles/applications", h_title_apply, R_ADMINS | RB(ROLE_CANDIDATE)},
	{"GET", "/api/v1/titles/applications", h_title_apps, R_ADMINS | RB(ROLE_CANDIDATE)},
	{"GET", "/api/v1/titles/applications/{id}", h_title_app_get, R_ADMINS | RB(ROLE_CANDIDATE)},
	{"POST", "/api/v1/titles/applications/{id}/status", h_title_app_move, R_ADMINS | RB(ROLE_CANDIDATE)},
	/* ---- 特级技师、首席技师评聘 (item 1: svc/incentive/posts.c): the province or the enterprise's city
	 * authorises the trial and revokes it; the authorised enterprise defines its posts, runs its rounds
	 * (core/post_flow.c), records appraisals and renews or ends; the panel's examiners score; a worker
	 * applies for themself; the province publishes the name lists, read by everyone ---- */
	{"GET", "/api/v1/posts/trials", h_post_trials, R_ADMINS | R_INST},
	{"POST", "/api/v1/posts/trials", h_post_trial_add, R_ADMINS},
	{"POST", "/api/v1/posts/trials/{id}/revoke", h_post_trial_revoke, R_ADMINS},
	{"GET", "/api/v1/posts", h_posts, R_ADMINS | R_INST},
	{"POST", "/api/v1/posts", h_post_add, RB(ROLE_INSTITUTION_ADMIN)},
	{"POST", "/api/v1/posts/rounds", h_post_round_add, RB(ROLE_INSTITUTION_ADMIN)},
	{"GET", "/api/v1/posts/rounds/{id}", h_post_round_get, R_ADMINS | R_INST | RB(ROLE_EXAMINER)},
	{"POST", "/api/v1/posts/rounds/{id}/status", h_post_round_move, RB(ROLE_INSTITUTION_ADMIN)},
	{"POST", "/api/v1/posts/rounds/{id}/applications", h_post_apply,
	 RB(ROLE_INSTITUTION_ADMIN) | RB(ROLE_CANDIDATE)},
	{"POST", "/api/v1/posts/applications/{id}/scores", h_post_score, RB(ROLE_EXAMINER)},
	{"GET", "/api/v1/posts/reviews", h_post_reviews, RB(ROLE_EXAMINER)},
	{"GET", "/api/v1/me/posts", h_post_mine, RB(ROLE_CANDIDATE)},
	{"GET", "/api/v1/posts/appointments", h_post_appointments, R_ADMINS | R_INST},
	{"POST", "/api/v1/posts/appointments/{id}/appraisals", h_post_appraisal_put,
	 RB(ROLE_INSTITUTION_ADMIN)},
	{"POST", "/api/v1/posts/appointments/{id}/status", h_post_appt_move, RB(ROLE_INSTITUTION_ADMIN)},
	{"POST", "/api/v1/posts/lists", h_post_publish, RB(ROLE_PROVINCE_ADMIN)},
	{"GET", "/api/v1/public/posts", h_public_posts, R_EVERYONE},
	/* ---- 评选项目与津贴 (items 2-3: svc/incentive/selections.c, allowances.c): programmes as data,
	 * rounds, quotas, 公示 and appointment by the province; nominations by the person's city within its
	 * quota; expert scores, the stop of an appointment and the allowance batches by the province; the
	 * person reads their own nominations; outside honours imported by the bureau ---- */
	{"GET", "/api/v1/selections/programmes", h_sel_programmes, R_EVERYONE},
	{"PUT", "/api/v1/selections/programmes/{code}", h_sel_programme_put, RB(ROLE_PROVINCE_ADMIN)},
	{"POST", "/api/v1/selections/rounds", h_sel_round_create, RB(ROLE_PROVINCE_ADMIN)},
	{"GET", "/api/v1/selections/rounds", h_sel_rounds, R_EVERYONE},
	{"GET", "/api/v1/selections/rounds/{id}", h_sel_round_get, R_EVERYONE},
	{"PUT", "/api/v1/selections/rounds/{id}/quotas", h_sel_quotas_put, RB(ROLE_PROVINCE_ADMIN)},
	{"POST", "/api/v1/selections/rounds/{id}/status", h_sel_round_move, RB(ROLE_PROVINCE_ADMIN)},
	{"POST", "/api/v1/selections/rounds/{id}/checks", h_sel_check, R_ADMINS | RB(ROLE_CANDIDATE)},
	{"POST", "/api/v1/selections/rounds/{id}/nominations", h_sel_nominate, R_ADMINS},
	{"GET", "/api/v1/selections/nominations", h_sel_nominations, R_ADMINS | RB(ROLE_CANDIDATE)},
	{"GET", "/api/v1/selections/nominations/{id}", h_sel_nomination_get, R_ADMINS | RB(ROLE_CANDIDATE)},
	{"PUT", "/api/v1/selections/rounds/{id}/panel", h_sel_panel_put, RB(ROLE_PROVINCE_ADMIN)},
	{"GET", "/api/v1/selections/reviews", h_sel_reviews, RB(ROLE_EXAMINER)},
	{"POST", "/api/v1/selections/nominations/{id}/scores", h_sel_score_add,
	 RB(ROLE_PROVINCE_ADMIN) | RB(ROLE_EXAMINER)},
	{"POST", "/api/v1/selections/nominations/{id}/end", h_sel_nomination_end, RB(ROLE_PROVINCE_ADMIN)},
	{"POST", "/api/v1/allowances/batches", h_allowance_batch_run, RB(ROLE_PROVINCE_ADMIN)},
	{"GET", "/api/v1/allowances/batches", h_allowance_batches, RB(ROLE_PROVINCE_ADMIN)},
	{"POST", "/api/v1/honours/import", h_honours_import, R_ADMINS},
	{NULL, NULL, NULL, 0},
};
