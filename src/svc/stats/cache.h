/* cache.h: the answers of the statistics dashboards kept for a moment (统计看板的应答缓存; docs/DOMAIN.md
 * §60). Many people read the same few dashboards (the province, 16 cities, their institutions), each answer a
 * query over tens of thousands of counter rows; a node keeps each answer (JSON text or XLSX bytes, keyed by
 * the request and the reader's scope) and gives it again while it is fresh: no counter write on this node
 * since it was made (stat_count and stats_rebuild touch a generation number) and younger than
 * JINENG_STATS_CACHE_S seconds (2 by default; 0 turns the cache off) — the bound on how far a figure lags a
 * write made by another node or by the CLI. While one request makes a stale answer again, the others are
 * given the stale one (so a dashboard read by many does not make its answer many times at once). Errors are
 * never kept. At most 512 answers (the oldest made goes).
 *
 * An answer stale by age alone (no counter write on this node since it was made) is made again by the
 * refresher, a thread of its own with its own database connection, once jineng serve has started it: the
 * request that finds it stale is given the stale answer like the others. Otherwise that request would make
 * it on one of the server's pool threads, and every connection that thread owns would wait behind it
 * (docs/PERFORMANCE.md, 统计看板: 50 ms to 10 s at province size). An answer stale because of a
 * write on this node is made by the request that finds it, as a reader expects to see a write made through
 * the same node at once. So a figure lags a write made elsewhere by at most JINENG_STATS_CACHE_S seconds plus
 * the time its answer takes to make. */
#ifndef JINENG_STATS_CACHE_H
#define JINENG_STATS_CACHE_H

#include "util/common.h"
#include "util/err.h"
#include "store/db.h"
#include "core/principal.h"
#include <jansson.h>

/* make: the answer of `in` for principal a, malloc'd into *out (its length in *len); 0, or -1 with e set */
typedef int (*stats_make_fn)(db *d, const principal *a, const void *in, char **out, size_t *len, err *e);

/* what make() is given, and how the refresher keeps it past the request: copy returns a malloc'd copy of in
 * owning everything it points to (NULL when out of memory), release frees such a copy */
struct stats_make {
	stats_make_fn make;
	const void *in;
	void *(*copy)(const void *in);
	void (*release)(void *in);
};

/* stats_cache_answer: the answer for `key` (the caller names everything the answer depends on, except the
 * reader, whose role, region and institution are added here; NULL: not to be kept) from the cache or made by
 * m->make(); a copy malloc'd into *out. 0, or -1 with e set (make's error). */
int stats_cache_answer(const char *key, db *d, const principal *a, const struct stats_make *m, char **out,
		       size_t *len, err *e) WUR;

/* stats_cache_refresher_start: answers stale by age alone are made again on a thread of its own with its own
 * connection to db_url (above); 0, or -1 when the thread could not start (the requests make them, as without
 * it). stats_cache_refresher_stop: stops it (what it had not made yet stays stale, to be made by a request).
 */
int stats_cache_refresher_start(const char *db_url);
void stats_cache_refresher_stop(void);

/* stats_cache_key: appends "|part" to key (size n) for each of the nparts parts (NULL as "-"); false when the
 * key does not fit or a part holds the separator (such a request is answered, not kept) */
bool stats_cache_key(char *key, size_t n, const char *const *parts, size_t nparts);

/* stats_cache_json: *out the compact JSON text of o (taken), for a make function; 0 or -1 with e set */
int stats_cache_json(json_t *o, char **out, size_t *len, err *e) WUR;

/* stats_cache_touch: the counters changed on this node (every answer made before is stale) */
void stats_cache_touch(void);

#endif
