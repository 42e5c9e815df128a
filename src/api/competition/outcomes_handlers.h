/* outcomes_handlers.h: the competition domain's outcome handlers (issue 21 item 6; outcomes.c): 技术能手,
 * promotions and prize money from final results, prize rules, construction grants, objections during 公示 */
#ifndef JINENG_API_COMPETITION_OUTCOMES_HANDLERS_H
#define JINENG_API_COMPETITION_OUTCOMES_HANDLERS_H

#include "http/req.h"

int h_co_outcomes_plan(req *r);
int h_co_outcomes_run(req *r);
int h_co_awards(req *r);
int h_co_settings_put(req *r);
int h_co_entry_units_put(req *r);
int h_co_prize_rules_get(req *r);
int h_co_prize_rules_put(req *r);
int h_co_base_grant(req *r);
int h_co_base_grants(req *r);
int h_co_objection_create(req *r);
int h_co_objections(req *r);

#endif
