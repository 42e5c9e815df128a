/* stats.c: GET /api/v1/stats/overview, the dashboard figures (统计概览), and GET /api/v1/stats/drill, their
 * drill-down (统计钻取) with the same period last year; both read the statistics counters. */
#include "util/common.h"
#include "api/base/api.h"
#include "api/stats/handlers.h"
#include "svc/stats/group_counts.h"
#include "svc/stats/stats.h"
#include <errno.h>

#define XLSX_TYPE "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

/* ?format=: NULL or "json" -> 0, "xlsx" -> 1, else 422 (-1) */
static int xlsx_wanted(req *r)
{
	const char *fmt = req_query(r, "format");
	if (fmt && strcmp(fmt, "json") && strcmp(fmt, "xlsx"))
		return err_set(&r->e, 422, "invalid_format", "format", "导出格式应为 json 或 xlsx",
			       "format must be json or xlsx");
	return fmt && !strcmp(fmt, "xlsx");
}

/* an answer of svc/stats (JSON text or XLSX bytes), taken */
static int answer_reply(req *r, char *buf, size_t len, bool xlsx, const char *name)
{
	r->raw = buf;
	r->raw_len = len;
	r->ctype = xlsx ? XLSX_TYPE : "application/json; charset=utf-8";
	r->filename = xlsx ? name : NULL;
	r->status = 200;
	return 0;
}

int h_stats_overview(req *r)
{
	int x = xlsx_wanted(r);
	db *d = x < 0 ? NULL : api_db(r);
	if (!d)
		return -1;
	char *buf = NULL;
	size_t len = 0;
	if (stats_overview_answer(d, &r->who, x == 1, &buf, &len, &r->e) != 0)
		return -1;
	return answer_reply(r, buf, len, x == 1, "stats-overview.xlsx");
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
		.key_group = req_query(r, "key_group"),
	};
	if (int_param(r, "level", &in.level) != 0 || int_param(r, "institution_id", &in.institution_id) != 0)
		return -1;
	if (in.institution_id < 0)
		return err_set(&r->e, 422, "invalid_value", "institution_id", "机构编号应为正整数",
			       "institution_id must be a positive integer");
	int x = xlsx_wanted(r);
	db *d = x < 0 ? NULL : api_db(r);
	if (!d)
		return -1;
	char *buf = NULL;
	size_t len = 0;
	if (stats_drill_answer(d, &r->who, &in, x == 1, &buf, &len, &r->e) != 0)
		return -1;
	return answer_reply(r, buf, len, x == 1, "stats-drill.xlsx");
}

/* GET /api/v1/stats/dashboard: 统计看板, the whole chain for a region or an institution (?format=xlsx) */
int h_stats_dashboard(req *r)
{
	struct stats_drill_input in = {
		.region = req_query(r, "region"),
		.occupation = req_query(r, "occupation"),
		.level = -2,
		.inst_type = req_query(r, "inst_type"),
		.from = req_query(r, "from"),
		.to = req_query(r, "to"),
	};
	if (int_param(r, "level", &in.level) != 0 || int_param(r, "institution_id", &in.institution_id) != 0)
		return -1;
	if (in.institution_id < 0)
		return err_set(&r->e, 422, "invalid_value", "institution_id", "机构编号应为正整数",
			       "institution_id must be a positive integer");
	int x = xlsx_wanted(r);
	db *d = x < 0 ? NULL : api_db(r);
	if (!d)
		return -1;
	char *buf = NULL;
	size_t len = 0;
	if (stats_dashboard_answer(d, &r->who, &in, x == 1, &buf, &len, &r->e) != 0)
		return -1;
	return answer_reply(r, buf, len, x == 1, "stats-dashboard.xlsx");
}

/* GET /stats/key-groups?region=&from=&to=: the counters by 重点群体 (svc/stats/group_counts.h) */
int h_stats_key_groups(req *r)
{
	struct stats_drill_input in = {
		.region = req_query(r, "region"),
		.level = -2,
		.from = req_query(r, "from"),
		.to = req_query(r, "to"),
	};
	db *d = api_db(r);
	json_t *o = d ? stats_groups_json(d, &r->who, &in, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}
