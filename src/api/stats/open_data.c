/* open_data.c: 开放数据 — GET /api/v1/public/open-data (the catalogue), GET
 * /api/v1/public/open-data/{dataset}/{period} (a published table, also as CSV or XLSX), and the province's
 * POST|GET /api/v1/open-data/releases (svc/stats/open_data.h). */
#include "util/common.h"
#include "api/base/api.h"
#include "api/stats/handlers.h"
#include "doc/export.h"
#include "svc/stats/open_data.h"
#include <stdlib.h>

int h_open_data_catalogue(req *r)
{
	db *d = api_db(r);
	json_t *o = d ? open_data_catalogue_json(d, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}

int h_open_data_table(req *r)
{
	const char *fmt = req_query(r, "format");
	if (fmt && strcmp(fmt, "json") && strcmp(fmt, "csv") && strcmp(fmt, "xlsx"))
		return err_set(&r->e, 422, "invalid_format", "format", "导出格式应为 json、csv 或 xlsx",
			       "format must be json, csv or xlsx");
	db *d = api_db(r);
	json_t *t = d ? open_data_table_json(d, r->params[0], r->params[1], &r->e) : NULL;
	if (!t)
		return -1;
	if (!fmt || !strcmp(fmt, "json"))
		return req_reply(r, 200, t);
	struct export_col *cols = NULL;
	size_t ncols = 0;
	json_t *rows = open_data_rows_json(t, &cols, &ncols);
	json_decref(t);
	if (!rows) {
		open_data_free_cols(cols, ncols);
		return ERR_INTERNAL(&r->e, "out of memory");
	}
	bool csv = !strcmp(fmt, "csv");
	const char *base = arena_printf(r->a, "open-data-%s-%s", r->params[0], r->params[1]);
	int rc = export_file(fmt, rows, cols, ncols, "开放数据", &r->raw, &r->raw_len, &r->e);
	json_decref(rows);
	open_data_free_cols(cols, ncols);
	if (rc != 0)
		return -1;
	r->ctype = csv ? "text/csv; charset=utf-8"
		       : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	r->filename = arena_printf(r->a, "%s.%s", base, csv ? "csv" : "xlsx");
	r->status = 200;
	return 0;
}

/* {dataset, period, threshold?}: 201 with the published table */
int h_open_data_publish(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	const char *dataset = jstr(b, "dataset", &r->e), *period = jstr(b, "period", &r->e);
	int64_t threshold = jint(b, "threshold", 0, &r->e);
	if (err_isset(&r->e))
		return -1;
	if (!dataset || !*dataset)
		return err_set(&r->e, 422, "missing_field", "dataset", "缺少数据集", "missing dataset");
	if (!period || !*period)
		return err_set(&r->e, 422, "missing_field", "period", "缺少统计期", "missing period");
	db *d = api_db(r);
	int64_t id = 0;
	if (!d || open_data_publish(d, &r->who, dataset, period, threshold, &id, &r->e) != 0)
		return -1;
	json_t *t = open_data_table_json(d, dataset, period, &r->e);
	if (!t)
		return -1;
	json_object_set_new(t, "id", json_integer(id));
	return req_reply(r, 201, t);
}

int h_open_data_releases(req *r)
{
	db *d = api_db(r);
	json_t *o = d ? open_data_releases_json(d, &r->who, &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}
