/* view.c: the statistics overview's rows as JSON (view.h) */
#include "util/common.h"
#include "svc/stats/view.h"

json_t *month_count_view(db_stmt *st)
{
	return json_pack("{s:s,s:I}", "month", db_text(st, 0), "count", (json_int_t)db_int(st, 1));
}

json_t *level_count_view(db_stmt *st)
{
	return json_pack("{s:I,s:I}", "level", (json_int_t)db_int(st, 0), "count", (json_int_t)db_int(st, 1));
}

json_t *city_count_view(db_stmt *st)
{
	return json_pack("{s:s,s:s,s:I}", "region_code", db_text(st, 0), "name",
			 db_isnull(st, 2) ? "" : db_text(st, 2), "count", (json_int_t)db_int(st, 1));
}

json_t *pass_rate_view(db_stmt *st)
{
	int64_t sat = db_int(st, 2), passed = db_int(st, 3);
	return json_pack("{s:s,s:s,s:I,s:I,s:f}", "occupation_code", db_text(st, 0), "name", db_text(st, 1),
			 "sat", (json_int_t)sat, "passed", (json_int_t)passed, "rate",
			 sat ? (double)passed / (double)sat : 0.0);
}

json_t *metric_view(enum stat_metric m)
{
	return json_pack("{s:s,s:s}", "metric", stat_metric_name(m), "name", stat_metric_zh(m));
}

json_t *drill_values_view(const bool sel[SM_COUNT], const int64_t v[SM_COUNT][4])
{
	json_t *out = json_array();
	for (int m = 0; m < SM_COUNT; m++)
		if (sel[m])
			json_array_append_new(out,
					      json_pack("{s:s,s:I,s:I,s:I,s:I}", "metric",
							stat_metric_name((enum stat_metric)m), "n",
							(json_int_t)v[m][0], "amount", (json_int_t)v[m][1],
							"n_last_year", (json_int_t)v[m][2],
							"amount_last_year", (json_int_t)v[m][3]));
	return out;
}
