/* stats_int.h: what stats.c shares with dashboard.c inside svc/stats (nothing outside the folder includes it)
 */
#ifndef JINENG_STATS_INT_H
#define JINENG_STATS_INT_H

#include "store/query.h"
#include "svc/stats/stats.h"

/* the rows of stat_counts sc principal a may read (the read reach of certificates) */
void stats_counts_scope(query *q, const principal *a);
/* the counters' rows of a drill-down or the dashboard: `head` (SELECT <keyexpr>, metric, month, sums FROM
 * stat_counts sc, or stat_group_counts sc when kg) over the region below `prefix` in a's scope, filtered by
 * in's occupation, level, institution type and institution (and key group when kg), in the months
 * period[0]..period[1] and the same months a year before (period[2]..period[3]), grouped by keyexpr, metric
 * and month; NULL with e set when the query fails */
db_stmt *stats_drill_counts(db *d, const principal *a, const struct stats_drill_input *in, bool kg,
			    const char *head, const char *keyexpr, const char *prefix,
			    const char *const period[4], err *e);
/* the region (6 digits) the request reads: in->region, else the caller's own; 403 outside the caller's
 * reach (a city its own region only, institution staff their institution), 404 an unknown institution,
 * 422 a malformed code */
int stats_drill_scope(db *d, const principal *a, const struct stats_drill_input *in, char region[8], err *e);
/* the period 'YYYY-MM'..'YYYY-MM' (default January of this year to this month, at most 10 years); 422 */
int stats_parse_period(const struct stats_drill_input *in, char from[8], char to[8], err *e);

/* stats_input_key: the cache key (cache.h) of a drill-down or dashboard request; false: not to be kept */
bool stats_input_key(char *key, size_t n, const char *what, const struct stats_drill_input *in, bool xlsx);

/* what a drill-down's or dashboard's make function is given (cache.h); stats_answer_in_copy: a malloc'd copy
 * owning its input and the input's strings, for the cache's refresher (NULL when out of memory);
 * stats_answer_in_release frees one */
struct stats_answer_in {
	const struct stats_drill_input *in;
	bool xlsx;
};
void *stats_answer_in_copy(const void *x);
void stats_answer_in_release(void *x);

#endif
