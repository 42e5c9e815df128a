/* stats_int.h: what stats.c shares with dashboard.c inside svc/stats (nothing outside the folder includes it)
 */
#ifndef JINENG_STATS_INT_H
#define JINENG_STATS_INT_H

#include "store/query.h"
#include "svc/stats/stats.h"

/* the rows of stat_counts sc principal a may read (the read reach of certificates) */
void stats_counts_scope(query *q, const principal *a);
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
