/* assess.c: 定期评估 — the indicator system (read; a new version by the province), runs for a period (the
 * province, a city for its region), their rows in the reader's scope, the funnel of one occupation and
 * level, publishing (the province) */
#include "util/common.h"
#include "api/base/api.h"
#include "api/supervision/handlers.h"
#include "api/supervision/input.h"
#include "svc/base/svc.h"
#include "svc/supervision/assess.h"

int h_assess_system_get(req *r)
{
	db *d = api_db(r);
	json_t *o = d ? assess_system_json(d, 0, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_assess_system_put(req *r)
{
	json_t *b = req_json(r);
	struct assess_system_input in;
	if (!b || read_assess_system(r, b, &in) != 0)
		return -1;
	db *d = api_db(r);
	json_t *o = d ? assess_system_put(d, &r->who, &in, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

/* {period_from, period_to, region_code?} */
int h_assess_run(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	struct assess_run_input in = {
		.period_from = jreq(b, "period_from", &r->e),
		.period_to = jreq(b, "period_to", &r->e),
		.region_code = jstr(b, "region_code", &r->e),
	};
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	json_t *o = d ? assess_run(d, &r->who, &in, &r->e) : NULL;
	return o ? req_reply(r, 201, o) : -1;
}

int h_assess_runs(req *r)
{
	return api_list_spec(r, &assess_run_list);
}

int h_assess_get(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	json_t *o = d ? assess_run_json(d, &r->who, id, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

/* the rows of run {id}: the list spec with its run_id set from the path */
int h_assess_results(req *r)
{
	int64_t id = req_param_id(r, 0);
	if (id <= 0)
		return -1;
	const struct list_spec *s = &assess_result_list;
	struct list_args la = {0};
	if (api_paging(r, &la.limit, &la.offset) != 0)
		return -1;
	for (size_t i = 0; i < s->nfilters && i < LIST_MAX_FILTERS; i++)
		la.v[i] = req_query(r, s->filters[i].param);
	la.sort = req_query(r, "sort");
	char idt[24];
	if (list_set(&la, s, "run_id", id_text(id, idt)) != 0)
		return ERR_INTERNAL(&r->e, "assess_result_list has no run_id");
	db *d = api_db(r);
	if (!d)
		return -1;
	/* a run out of reach is not found, not an empty list */
	json_t *run = assess_run_json(d, &r->who, id, &r->e);
	if (!run)
		return -1;
	json_decref(run);
	json_t *list = list_run(d, &r->who, s, &la, &r->e);
	return api_list(r, list, s->cols, s->ncols, s->name);
}

int h_assess_result(req *r)
{
	int64_t id = req_param_id(r, 0), inst = id > 0 ? req_param_id(r, 1) : -1;
	db *d = inst > 0 ? api_db(r) : NULL;
	json_t *o = d ? assess_result_json(d, &r->who, id, inst, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

/* ?occupation_code=&level= */
int h_assess_funnel(req *r)
{
	int64_t id = req_param_id(r, 0);
	if (id <= 0)
		return -1;
	const char *occ = req_query(r, "occupation_code"), *lv = req_query(r, "level");
	int64_t level = 0;
	if (occ && strlen(occ) > 40)
		return err_set(&r->e, 422, "too_long", "occupation_code", "职业编码过长",
			       "occupation_code is too long");
	if (occ && *occ) {
		char *end = NULL;
		long v = lv ? strtol(lv, &end, 10) : -1;
		if (!lv || !*lv || *end || v < 0 || v > 5)
			return err_set(&r->e, 422, "invalid_value", "level", "等级应为 0 至 5",
				       "level must be 0..5");
		level = v;
	}
	db *d = api_db(r);
	json_t *o = d ? assess_funnel_json(d, &r->who, id, occ, level, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_assess_publish(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	json_t *o = d ? assess_publish(d, &r->who, id, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}
