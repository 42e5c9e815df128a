/* handlers.h: the incentive domain's request handlers (激励, issue 22), for its route table (routes.c). The
 * domain is built in parts, each with its own file: 工资价位 (wages.c), 山东惠才卡 (card.c), … */
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

/* 山东惠才卡 (card.c) */
int h_card_catalogue(req *r);
int h_card_category_put(req *r);
int h_card_service_put(req *r);
int h_person_honours(req *r);
int h_person_honour_add(req *r);
int h_card_apply(req *r);
int h_card_apps_list(req *r);
int h_card_app_get(req *r);
int h_card_app_move(req *r);
int h_talent_cards_list(req *r);
int h_talent_card_get(req *r);
int h_talent_card_revoke(req *r);
int h_public_talent_card(req *r);
int h_card_provider_create(req *r);
int h_card_use_record(req *r);
/* ---- 贯通 (item 5: api/incentive/titles.c) ---- */
int h_title_series(req *r);
int h_title_series_put(req *r);
int h_title_rule_add(req *r);
int h_title_rule_patch(req *r);
int h_title_record_add(req *r);
int h_person_appraisal_put(req *r);
int h_title_check(req *r);
int h_title_apply(req *r);
int h_title_apps(req *r);
int h_title_app_get(req *r);
int h_title_app_move(req *r);
/* ---- 评选项目与津贴 (items 2-3: api/incentive/selections.c) ---- */
int h_sel_programmes(req *r);
int h_sel_programme_put(req *r);
int h_sel_round_create(req *r);
int h_sel_rounds(req *r);
int h_sel_round_get(req *r);
int h_sel_quotas_put(req *r);
int h_sel_round_move(req *r);
int h_sel_check(req *r);
int h_sel_nominate(req *r);
int h_sel_nominations(req *r);
int h_sel_nomination_get(req *r);
int h_sel_score_add(req *r);
int h_sel_panel_put(req *r);
int h_post_reviews(req *r);
int h_post_mine(req *r);
int h_sel_reviews(req *r);
int h_sel_nomination_end(req *r);
int h_allowance_batch_run(req *r);
int h_allowance_batches(req *r);
int h_honours_import(req *r);

int h_card_providers(req *r);
int h_card_provider_status(req *r);
int h_card_provider_key(req *r);
int h_card_provider_uses(req *r);
int h_public_honours_put(req *r);

/* 特级技师、首席技师评聘 (posts.c) */
int h_post_trials(req *r);
int h_post_trial_add(req *r);
int h_post_trial_revoke(req *r);
int h_posts(req *r);
int h_post_add(req *r);
int h_post_round_add(req *r);
int h_post_round_get(req *r);
int h_post_round_move(req *r);
int h_post_apply(req *r);
int h_post_score(req *r);
int h_post_appointments(req *r);
int h_post_appraisal_put(req *r);
int h_post_appt_move(req *r);
int h_post_publish(req *r);
int h_public_posts(req *r);

#endif
