/* analysis.c: 试题分析 and 雷同卷 — run and read a sitting's analysis, list and review answer-copying
 * flags. */
#include "util/common.h"
#include <stdlib.h>
#include "api/base/api.h"
#include "api/exam/handlers.h"
#include "api/exam/input.h"
#include "svc/base/columns.h"
#include "svc/exam/analysis.h"

int h_analysis_run(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	json_t *o = d ? sitting_analyse(d, &r->who, id, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_analysis_get(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	json_t *o = d ? sitting_analysis_json(d, &r->who, id, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_collusion_list(req *r)
{
	return api_list_spec(r, &collusion_list);
}

int h_collusion_review(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	const char *decision, *note;
	if (collusion_review_parse(r, b, &decision, &note) != 0)
		return -1;
	db *d = api_db(r);
	return d && collusion_review(d, &r->who, id, decision, note, &r->e) == 0 ? api_ok(r) : -1;
}
