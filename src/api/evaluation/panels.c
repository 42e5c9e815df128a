/* panels.c: the practical (实操) and 综合评审 panels of a plan: setup, examiners' scores, the combined view
 */
#include "util/common.h"
#include "api/base/api.h"
#include "api/evaluation/handlers.h"
#include "api/evaluation/input.h"
#include "svc/exam/analysis.h"
#include "svc/evaluation/reg_import.h"
#include "svc/evaluation/plans.h"
#include "svc/evaluation/registrations.h"
#include "svc/evaluation/practical.h"
#include <stdlib.h>

/* 操作技能考核 (practical_svc.c) */
static int part_setup(req *r, enum part part)
{
	int64_t plan = req_param_id(r, 0);
	json_t *b = plan > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	struct panel_setup_input in;
	if (panel_setup_parse(r, b, &in) != 0)
		return -1;
	db *d = api_db(r);
	return d && practical_setup(d, &r->who, part, plan, &in, &r->e) == 0 ? api_ok(r) : -1;
}

static int part_score(req *r, enum part part)
{
	int64_t plan = req_param_id(r, 0);
	json_t *b = plan > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	int64_t reg;
	double *scores;
	size_t nscores;
	if (panel_scores_parse(r, b, &reg, &scores, &nscores) != 0)
		return -1;
	db *d = api_db(r);
	if (!d || practical_score(d, &r->who, part, plan, reg, scores, nscores, &r->e) != 0)
		return -1;
	json_t *o = practical_view_json(d, &r->who, part, plan, reg, &r->e);
	return o ? req_reply(r, 201, o) : -1;
}

static int part_view(req *r, enum part part)
{
	int64_t plan = req_param_id(r, 0), reg = req_param_id(r, 1);
	db *d = plan > 0 && reg > 0 ? api_db(r) : NULL;
	json_t *o = d ? practical_view_json(d, &r->who, part, plan, reg, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

static int part_setup_get(req *r, enum part part)
{
	int64_t plan = req_param_id(r, 0);
	db *d = plan > 0 ? api_db(r) : NULL;
	json_t *o = d ? practical_setup_json(d, &r->who, part, plan, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_practical_setup_get(req *r)
{
	return part_setup_get(r, PART_PRACTICAL);
}

int h_review_setup_get(req *r)
{
	return part_setup_get(r, PART_REVIEW);
}

int h_practical_setup(req *r)
{
	return part_setup(r, PART_PRACTICAL);
}

int h_practical_score(req *r)
{
	return part_score(r, PART_PRACTICAL);
}

int h_practical_view(req *r)
{
	return part_view(r, PART_PRACTICAL);
}

int h_review_setup(req *r)
{
	return part_setup(r, PART_REVIEW);
}

int h_review_score(req *r)
{
	return part_score(r, PART_REVIEW);
}

int h_review_view(req *r)
{
	return part_view(r, PART_REVIEW);
}
