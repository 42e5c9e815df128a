/* squads_handlers.h: the handlers of 竞赛选拔与集训 (the selection pool, squads, rounds; issue 21 item 7) and
 * the boards (the organiser's progress board, the public results of a competition; items 8-9):
 * src/api/competition/squads.c */
#ifndef JINENG_API_COMPETITION_SQUADS_HANDLERS_H
#define JINENG_API_COMPETITION_SQUADS_HANDLERS_H

#include "http/req.h"

int h_sq_pool_add(req *r);
int h_sq_pool_list(req *r);
int h_sq_squad_list(req *r);
int h_sq_squad_create(req *r);
int h_sq_squad_get(req *r);
int h_sq_coaches_set(req *r);
int h_sq_member_add(req *r);
int h_sq_round_add(req *r);
int h_sq_member_leave(req *r);
int h_cb_progress(req *r);
int h_cb_public_results(req *r);
int h_cb_my_judging(req *r);

#endif
