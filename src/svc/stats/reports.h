/* reports.h: 统计报表 (issue 17 item 3; docs/DOMAIN.md §52). The report tables the bureaus file, generated as
 * XLSX from the statistics counters — 职业技能等级认定（评价）情况表, 职业技能培训与补贴情况表,
 * 高技能人才情况表 — for a finished month, quarter or year and a region (the province by city, a city by
 * county), on demand and by the server's schedule (the previous month, quarter and year, made once on the 1st
 * or at the first start after it). Each generation is a version kept with its bytes (the blob store), so a
 * filed report is reproduced exactly. */
#ifndef JINENG_SVC_REPORTS_H
#define JINENG_SVC_REPORTS_H

#include "core/principal.h"
#include "store/db.h"
#include <jansson.h>

/* makes a new version of type (evaluation, training, high-skill) for period (YYYY, YYYY-Qn, YYYY-MM, ended)
 * and region (370000 or a city; a city administrator its own city only); scheduled marks the schedule's run
 * (at most one scheduled version of a type, period and region: a second scheduler finds it made, *id 0).
 * Audited stats.report. */
int stat_report_make(db *d, const principal *a, const char *type, const char *period, const char *region,
		     bool scheduled, int64_t *id, err *e);
/* the versions a principal may read (province: all; a city: its own), newest first; filters may be NULL */
json_t *stat_report_list(db *d, const principal *a, const char *type, const char *period, err *e);
/* the stored workbook of a version: bytes in *out (malloc'd), its file name in name */
int stat_report_file(db *d, const principal *a, int64_t id, char **out, size_t *len, char name[128], err *e);

/* the schedule: the previous month's, quarter's and year's reports of the province, made once (by whichever
 * node gets there first); returns the number made */
int stat_report_schedule_due(db *d, int today_ymd, int *made, err *e);

/* the scheduler thread of `jineng serve`: at start and then every `every_s` seconds */
int stat_report_scheduler_start(const char *db_url, int every_s);
void stat_report_scheduler_stop(void);

#endif
