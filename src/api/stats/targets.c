/* targets.c: 目标任务 — the metric registry, the targets with their progress, a target made or changed by its
 * region's bureau (svc/stats/targets.h; docs/DOMAIN.md §67) */
#include "util/common.h"
#include "api/base/api.h"
#include "api/stats/handlers.h"
#include "svc/stats/targets.h"

#define REPLY(r, status, o) ((o) ? req_reply((r), (status), (o)) : -1)

int h_target_metrics(req *r)
{
	db *d = api_db(r);
	json_t *o = d ? target_metrics_json(d, &r->e) : NULL;
	return REPLY(r, 200, o);
}

/* ?region_code=&as_of=&limit=&offset= */
int h_targets(req *r)
{
	int64_t limit, offset;
	if (req_paging(r, &limit, &offset) != 0)
		return -1;
	db *d = api_db(r);
	json_t *o = d ? targets_json(d, &r->who, req_query(r, "region_code"), req_query(r, "as_of"), limit,
				     offset, &r->e)
		      : NULL;
	return REPLY(r, 200, o);
}

int h_target_get(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	json_t *o = d ? target_get_json(d, &r->who, id, req_query(r, "as_of"), &r->e) : NULL;
	return REPLY(r, 200, o);
}

static int target_body(req *r, struct target_input *in)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	err *e = &r->e;
	*in = (struct target_input){
		.code = jstr(b, "code", e),
		.name = jstr(b, "name", e),
		.region_code = jstr(b, "region_code", e),
		.metric = jstr(b, "metric", e),
		.metric_arg = jstr(b, "metric_arg", e),
		.period = jstr(b, "period", e),
		.unit = jstr(b, "unit", e),
		.baseline_on = jstr(b, "baseline_on", e),
		.deadline = jstr(b, "deadline", e),
		.source = jstr(b, "source", e),
		.gaps = jstr(b, "gaps", e),
		.value = jint(b, "value", -1, e),
		.baseline_value = jint(b, "baseline_value", -1, e),
		.tolerance_pct = jint(b, "tolerance_pct", -1, e),
	};
	return err_isset(e) ? -1 : 0;
}

/* {code, name, region_code, metric, metric_arg?, period?, value, unit?, baseline_on, baseline_value?,
 * deadline?, tolerance_pct?, source, gaps?} */
int h_target_create(req *r)
{
	struct target_input in;
	if (target_body(r, &in) != 0)
		return -1;
	err *e = &r->e;
	if (!in.code || !*in.code)
		return err_set(e, 422, "missing_field", "code", "缺少编码", "missing code");
	if (!in.region_code || !*in.region_code)
		return err_set(e, 422, "missing_field", "region_code", "缺少地区", "missing region_code");
	if (!in.metric || !*in.metric)
		return err_set(e, 422, "missing_field", "metric", "缺少计数指标", "missing metric");
	if (in.value < 0)
		return err_set(e, 422, "missing_field", "value", "缺少目标值", "missing value");
	if (!in.baseline_on || !*in.baseline_on)
		return err_set(e, 422, "missing_field", "baseline_on", "缺少基期", "missing baseline_on");
	if (!in.name || !*in.name)
		return err_set(e, 422, "missing_field", "name", "缺少名称", "missing name");
	if (!in.source || !*in.source)
		return err_set(e, 422, "missing_field", "source", "缺少来源（source）", "missing source");
	db *d = api_db(r);
	json_t *o = d ? target_create(d, &r->who, &in, e) : NULL;
	return REPLY(r, 201, o);
}

/* {name?, value?, unit?, baseline_on?, baseline_value?, deadline?, tolerance_pct?, gaps?, source} */
int h_target_update(req *r)
{
	int64_t id = req_param_id(r, 0);
	struct target_input in;
	if (id <= 0 || target_body(r, &in) != 0)
		return -1;
	db *d = api_db(r);
	json_t *o = d ? target_update(d, &r->who, id, &in, &r->e) : NULL;
	return REPLY(r, 200, o);
}
