/* view.h: the rows of the statistics overview as JSON, one view per kind of figure */
#ifndef JINENG_STATS_VIEW_H
#define JINENG_STATS_VIEW_H

#include "store/db.h"
#include "core/statkey.h"
#include <jansson.h>

/* columns (key, count): {"month": "2026-05", "count": n} and {"level": 4, "count": n} */
json_t *month_count_view(db_stmt *st);
json_t *level_count_view(db_stmt *st);
/* columns (code, count, name): {"region_code", "name", "count"} */
json_t *city_count_view(db_stmt *st);
/* columns (occupation code, name, sat, passed): {"occupation_code", "name", "sat", "passed", "rate"} */
json_t *pass_rate_view(db_stmt *st);

/* {"metric": "cert.issued", "name": "证书核发"} */
json_t *metric_view(enum stat_metric m);
/* the counters of one drill-down row: [{"metric", "n", "amount", "n_last_year", "amount_last_year"}] for
 * each selected metric; v[m] = {n, amount, n last year, amount last year} */
json_t *drill_values_view(const bool sel[SM_COUNT], const int64_t v[SM_COUNT][4]);

#endif
