/* open_data.h: 开放数据 (issue 17 item 5; docs/DOMAIN.md §47). The province publishes aggregate tables of the
 * chain — certificates, passed evaluations, training completions, subsidies paid — per year, from the
 * statistics counters, with small cells hidden (core/disclosure.h). A release is frozen: the public reads
 * the published version, never the live counters, and republishing makes a new version. */
#ifndef JINENG_SVC_OPEN_DATA_H
#define JINENG_SVC_OPEN_DATA_H

#include "core/principal.h"
#include "store/db.h"
#include <jansson.h>

#define OPEN_DATA_THRESHOLD_DEFAULT 10
#define OPEN_DATA_THRESHOLD_MIN	    3

/* {"datasets":[{code, name, name_en, unit, rows, columns, source, releases:[{period, version,
 * published_at}]}], "threshold_default"} — public */
json_t *open_data_catalogue_json(db *d, err *e);
/* publishes dataset for period (a finished year YYYY or quarter YYYY-Qn) with threshold (0: the default); the
 * province only; *id the new release; supersedes the previous version in the same transaction (audited
 * open_data.publish) */
int open_data_publish(db *d, const principal *a, const char *dataset, const char *period, int64_t threshold,
		      int64_t *id, err *e);
/* the published table of dataset and period — public; 404 when none */
json_t *open_data_table_json(db *d, const char *dataset, const char *period, err *e);
/* every release, all versions (the province and supervisors) */
json_t *open_data_releases_json(db *d, const principal *a, err *e);
/* the table as flat rows for a CSV / XLSX file: [{"row": label, "c0": "12" | "*", ...}], with the columns
 * (cols: key "row" + one per column, titles the labels); returns the rows, *cols malloc'd by the arena-less
 * caller through cols_out (static for the call's lifetime: freed with free_cols) */
struct export_col;
json_t *open_data_rows_json(json_t *table, struct export_col **cols, size_t *ncols);
void open_data_free_cols(struct export_col *cols, size_t ncols);

#endif
