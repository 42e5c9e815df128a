#ifndef JINENG_SVC_STATS_SUMSET_H
#define JINENG_SVC_STATS_SUMSET_H
/* The rows of a dashboard or a drill-down: per key (a region, a month, an occupation, a level ...) the count
 * and amount of every metric this period and the same period last year, summed from the counters' rows.
 * Rows keep the order they were first asked for; a key is found through a hash (FNV-1a, open addressing),
 * so a drill-down by occupation over thousands of keys costs one probe a counter row, not a scan. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/statkey.h"

#define SUMSET_KEY 40

struct sumrow {
	char key[SUMSET_KEY];	/* truncated to SUMSET_KEY - 1 bytes */
	bool named;		/* for the caller: set when the row has been given out under a name */
	int64_t v[SM_COUNT][4]; /* n, amount, n last year, amount last year */
};

struct sumset {
	struct sumrow *rows;
	size_t n, cap;
	uint32_t *slot; /* row index + 1; 0 is empty */
	size_t nslot;	/* a power of two, at least twice n */
};

/* the row of a key, added with zeros when new; NULL when out of memory (the set stays usable) */
struct sumrow *sumset_get(struct sumset *s, const char *key);
/* the row of a key, NULL when there is none */
struct sumrow *sumset_find(const struct sumset *s, const char *key);
void sumset_free(struct sumset *s);

#endif
