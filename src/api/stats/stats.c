/* stats.c: GET /api/v1/stats/overview, the dashboard figures (统计概览), and GET /api/v1/stats/drill, their
 * drill-down (统计钻取) with the same period last year; both read the statistics counters. */
#include "util/common.h"
#include "api/base/api.h"
#include "api/stats/handlers.h"
#include "svc/stats/stats.h"
#include <errno.h>

int h_stats_overview(req *r)
{
	db *d = api_db(r);
	json_t *o = d ? stats_overview_json(d, &r->who, &r->e) : NULL;
	if (!o)
		return -1;
	return req_reply(r, 200, o);
}

/* an optional integer query parameter: 0 absent, -1 with 422 when not an integer */
static int int_param(req *r, const char *key, int64_t *out)
{
	const char *s = req_query(r, key);
	if (!s || !*s)
		return 0;
	char *end = NULL;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || !end || *end)
		return err_set(&r->e, 422, "invalid_value", key, "%s 应为整数", "%s must be an integer", key);
	*out = v;
	return 0;
}

int h_stats_drill(req *r)
{
	struct stats_drill_input in = {
		.by = req_query(r, "by"),
		.region = req_query(r, "region"),
		.occupation = req_query(r, "occupation"),
		.level = -2,
		.inst_type = req_query(r, "inst_type"),
		.from = req_query(r, "from"),
		.to = req_query(r, "to"),
		.metrics = req_query(r, "metrics"),
	};
	if (int_param(r, "level", &in.level) != 0 || int_param(r, "institution_id", &in.institution_id) != 0)
		return -1;
	if (in.institution_id < 0)
		return err_set(&r->e, 422, "invalid_value", "institution_id", "机构编号应为正整数",
			       "institution_id must be a positive integer");
	const char *fmt = req_query(r, "format");
	if (fmt && strcmp(fmt, "json") && strcmp(fmt, "xlsx"))
		return err_set(&r->e, 422, "invalid_format", "format", "导出格式应为 json 或 xlsx",
			       "format must be json or xlsx");
	db *d = api_db(r);
	if (!d)
		return -1;
	if (fmt && !strcmp(fmt, "xlsx")) {
		char *buf = NULL;
		size_t len = 0;
		if (stats_drill_xlsx(d, &r->who, &in, &buf, &len, &r->e) != 0)
			return -1;
		r->raw = buf;
		r->raw_len = len;
		r->ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
		r->filename = "stats-drill.xlsx";
		r->status = 200;
		return 0;
	}
	json_t *o = stats_drill_json(d, &r->who, &in, &r->e);
	return o ? req_reply(r, 200, o) : -1;
}
