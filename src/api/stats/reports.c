/* reports.c: 统计报表 — POST /api/v1/stats/reports (make a version now), GET /api/v1/stats/reports (the
 * versions a principal may read), GET /api/v1/stats/reports/{id}/xlsx (a version's workbook as it was made);
 * svc/stats/reports.h. */
#include "util/common.h"
#include "api/base/api.h"
#include "api/stats/handlers.h"
#include "svc/stats/reports.h"
#include <stdlib.h>

/* {type, period, region_code?}: 201 with the new version */
int h_stat_report_make(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	const char *type = jreq(b, "type", &r->e), *period = jreq(b, "period", &r->e),
		   *region = jstr(b, "region_code", &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	int64_t id = 0;
	if (!d || stat_report_make(d, &r->who, type, period, region, false, &id, &r->e) != 0)
		return -1;
	json_t *list = stat_report_list(d, &r->who, type, period, &r->e);
	if (!list)
		return -1;
	json_t *it, *found = NULL;
	size_t i;
	json_array_foreach(json_object_get(list, "items"), i,
			   it) if (json_integer_value(json_object_get(it, "id")) == id)
	{
		found = json_incref(it);
		break;
	}
	json_decref(list);
	return found ? req_reply(r, 201, found) : ERR_INTERNAL(&r->e, "the new report is not listed");
}

int h_stat_report_list(req *r)
{
	db *d = api_db(r);
	json_t *o =
		d ? stat_report_list(d, &r->who, req_query(r, "type"), req_query(r, "period"), &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_stat_report_xlsx(req *r)
{
	char *end = NULL;
	long long id = strtoll(r->params[0], &end, 10);
	if (!*r->params[0] || *end || id <= 0)
		return err_set(&r->e, 404, "not_found", "id", "没有该报表", "no such report");
	db *d = api_db(r);
	char *buf = NULL, name[128];
	size_t len = 0;
	if (!d || stat_report_file(d, &r->who, id, &buf, &len, name, &r->e) != 0)
		return -1;
	r->raw = buf;
	r->raw_len = len;
	r->ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	r->filename = arena_strdup(r->a, name);
	r->status = 200;
	return 0;
}
