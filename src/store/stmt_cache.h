/* stmt_cache.h: a per-connection map from SQL text to a driver's prepared statement, so each distinct
 * statement is prepared once per connection. Bounded; when full, callers prepare uncached statements. */
#ifndef JINENG_STMT_CACHE_H
#define JINENG_STMT_CACHE_H

#include "util/common.h"

#define STMT_CACHE_SLOTS 512

struct stmt_cache_entry {
	char *sql;
	void *stmt;
	uint64_t hash;
};

struct stmt_cache {
	struct stmt_cache_entry e[STMT_CACHE_SLOTS];
	int n;
};

/* eight bytes a step (statements run to a kilobyte, and this runs for every statement of every request) */
static inline uint64_t stmt_cache_hash(const char *s)
{
	size_t n = strlen(s);
	uint64_t h = 1469598103934665603ULL ^ n, w;
	for (; n >= 8; n -= 8, s += 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0x9E3779B97F4A7C15ULL;
		h ^= h >> 29;
	}
	w = 0;
	memcpy(&w, s, n);
	h = (h ^ w) * 0x9E3779B97F4A7C15ULL;
	return h ^ h >> 32;
}

/* returns the entry for sql, or NULL */
static inline struct stmt_cache_entry *stmt_cache_find(struct stmt_cache *c, const char *sql, uint64_t h)
{
	for (size_t i = h % STMT_CACHE_SLOTS, k = 0; k < STMT_CACHE_SLOTS;
	     k++, i = (i + 1) % STMT_CACHE_SLOTS) {
		struct stmt_cache_entry *e = &c->e[i];
		if (!e->sql)
			return NULL;
		if (e->hash == h && !strcmp(e->sql, sql))
			return e;
	}
	return NULL;
}

/* returns a free slot for sql (the caller fills stmt), or NULL when the cache is three-quarters full */
static inline struct stmt_cache_entry *stmt_cache_add(struct stmt_cache *c, const char *sql, uint64_t h)
{
	if (c->n >= STMT_CACHE_SLOTS * 3 / 4)
		return NULL;
	size_t i = h % STMT_CACHE_SLOTS;
	while (c->e[i].sql)
		i = (i + 1) % STMT_CACHE_SLOTS;
	c->e[i].sql = xstrdup(sql);
	c->e[i].hash = h;
	c->n++;
	return &c->e[i];
}

#endif
