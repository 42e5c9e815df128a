/* stats.h: the administrators' dashboard figures (统计概览) and their drill-down (统计钻取), read from the
 * statistics counters (counters.h) and scoped like every other read: the province (and a province-wide
 * reader) everything, a city administrator or a supervisor the rows of its region, institution staff the
 * rows of their institution (the read reach of certificates, core/scope.c SE_CERTIFICATE). */
#ifndef JINENG_STATS_H
#define JINENG_STATS_H

#include "svc/base/svc.h"

/* stats_overview_json: certificates by month / level / city and in total, pass rates per occupation (from
 * the counters); 高技能人才 (levels 3..1, valid certificates, distinct holders), persons and institutions
 * (counted from their tables: holders, persons and institutions are not counters). NULL with e set. */
json_t *stats_overview_json(db *d, const principal *a, err *e);

enum stats_by {
	STATS_BY_REGION = 0,
	STATS_BY_OCCUPATION,
	STATS_BY_LEVEL,
	STATS_BY_INST_TYPE,
	STATS_BY_MONTH
};

struct stats_drill_input {
	const char *by;		/* region (default), occupation, level, inst_type, month */
	const char *region;	/* the region drilled into (children by region); NULL: the caller's own */
	const char *occupation; /* filters, NULL none */
	int64_t level;		/* -2 none */
	const char *inst_type;
	int64_t institution_id; /* 0 none */
	const char *from, *to;	/* 'YYYY-MM'; NULL: January of this year .. this month */
	const char *metrics;	/* comma-separated metric names; NULL all */
	const char *key_group;	/* drill-down only: a 重点群体 category code (the counters by category,
				   group_counts.h); NULL none */
};

/* stats_drill_json: the counters of the period and of the same period last year, grouped by `by` under
 * the region (province -> its cities -> a city's counties), with the filters; {by, region, period,
 * last_year, metrics, rows: [{key, name, values: [{metric, n, amount, n_last_year, amount_last_year}]}],
 * total}. With key_group the figures are those of the persons holding that category on the row's date
 * (stat_group_counts; metrics: those counted by category; by region, level or month, no occupation or
 * institution-type filter: those counters have none; the reply adds key_group and key_group_name). 422 on a
 * bad parameter (an unknown category too); 403 when the region or institution lies outside the caller's
 * reach (a city sees its own drill-down only). NULL with e set. */
json_t *stats_drill_json(db *d, const principal *a, const struct stats_drill_input *in, err *e);

/* stats_overview_xlsx: the overview's tables as an XLSX workbook (malloc'd into *out): by month, by level, by
 * city and the pass counts per occupation, a sheet each with its 合计 row */
int stats_overview_xlsx(db *d, const principal *a, char **out, size_t *len, err *e) WUR;
/* stats_drill_xlsx: the same drill-down as an XLSX workbook (malloc'd into *out): one sheet per metric, its
 * rows with this period and last year (and the amounts in 元 for claim.paid), and a 合计 row that sums them
 * (doc/report_xlsx.h). The same errors as stats_drill_json. */
int stats_drill_xlsx(db *d, const principal *a, const struct stats_drill_input *in, char **out, size_t *len,
		     err *e) WUR;

/* stats_dashboard_json: 统计看板 — every counted metric of the chain in its section (培养 training and
 * subsidies, 评价 registrations to certificates, 使用 posts, 激励 competitions, selections and allowances,
 * 监管 complaints and inspections) for the region (default the caller's own) or one institution, this period
 * and the same period last year: {scope, region, region_name, child_level, institution, period, last_year,
 * sections: [{key, name, metrics: [{metric, name, money, n, amount, n_last_year, amount_last_year}]}],
 * rates: [{key, name, numerator, denominator, value, value_last_year}], regions: [{code, name, values}]
 * (every child region, the map's), months: [{month, values}]}. Filters occupation, level, inst_type of `in`
 * (by and metrics unused). Scope and errors as stats_drill_json; institution staff always get their
 * institution's. */
json_t *stats_dashboard_json(db *d, const principal *a, const struct stats_drill_input *in, err *e);
/* stats_dashboard_xlsx: the same as a workbook: 概况 (every metric, this period and last year), and per
 * section a sheet by region and one by month with 合计 rows (doc/report_xlsx.h) */
int stats_dashboard_xlsx(db *d, const principal *a, const struct stats_drill_input *in, char **out,
			 size_t *len, err *e) WUR;

/* the answers of the overview, the drill-down and the dashboard as the API gives them — JSON text, or XLSX
 * bytes when xlsx — malloc'd into *out, kept for a moment on this node (cache.h: no counter write since, at
 * most JINENG_STATS_CACHE_S seconds). The same errors as the functions above. */
int stats_overview_answer(db *d, const principal *a, bool xlsx, char **out, size_t *len, err *e) WUR;
int stats_drill_answer(db *d, const principal *a, const struct stats_drill_input *in, bool xlsx, char **out,
		       size_t *len, err *e) WUR;
int stats_dashboard_answer(db *d, const principal *a, const struct stats_drill_input *in, bool xlsx,
			   char **out, size_t *len, err *e) WUR;

#endif
