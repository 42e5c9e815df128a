/* results.c: 竞赛成绩 handlers — computing, reading and publishing results, the medal table by 选送单位
 * (src/svc/competition/results.h) */
#include "util/common.h"
#include "api/base/api.h"
#include "api/competition/marking_handlers.h"
#include "svc/competition/results.h"

static int reply(req *r, json_t *o)
{
	return o ? req_reply(r, 200, o) : -1;
}

int h_cr_compute_competition(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	return reply(r, d ? cr_compute_competition(d, &r->who, id, &r->e) : NULL);
}

int h_cr_team_results(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	return reply(r, d ? cr_team_results_json(d, &r->who, id, false, &r->e) : NULL);
}

int h_cr_team_results_public(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	return reply(r, d ? cr_team_results_json(d, &r->who, id, true, &r->e) : NULL);
}

int h_cr_compute_event(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	return reply(r, d ? cr_compute_event(d, &r->who, id, &r->e) : NULL);
}

int h_cr_results(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	return reply(r, d ? cr_results_json(d, &r->who, id, false, &r->e) : NULL);
}

int h_cr_results_public(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	return reply(r, d ? cr_results_json(d, &r->who, id, true, &r->e) : NULL);
}

int h_cr_publish(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	return reply(r, d ? cr_publish(d, &r->who, id, &r->e) : NULL);
}
