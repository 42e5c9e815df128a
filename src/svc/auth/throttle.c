#include "util/common.h"
#include "svc/auth/throttle.h"
#include <pthread.h>
#include <stdatomic.h>
#include <time.h>

#define SLOTS 8192

struct slot {
	uint64_t key;
	int64_t start;
	int count;
};

static struct slot table[SLOTS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static uint64_t hash2(const char *a, const char *b)
{
	uint64_t h = 1469598103934665603ULL;
	for (const char *s = a; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	h = (h ^ 0xff) * 1099511628211ULL;
	for (const char *s = b; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h | 1;
}

static int touch(const char *bucket, const char *key, int limit, int window_s, bool record)
{
	uint64_t k = hash2(bucket, key);
	int64_t now = (int64_t)time(NULL);
	int wait = 0;
	pthread_mutex_lock(&lock);
	struct slot *s = NULL, *oldest = NULL;
	for (int i = 0; i < 8; i++) {
		struct slot *c = &table[(k + (uint64_t)i) % SLOTS];
		if (c->key == k) {
			s = c;
			break;
		}
		if (!oldest || c->start < oldest->start)
			oldest = c;
	}
	if (!s) {
		s = oldest;
		s->key = k;
		s->start = now;
		s->count = 0;
	}
	if (now - s->start >= window_s) {
		s->start = now;
		s->count = 0;
	}
	if (s->count >= limit) {
		wait = (int)(s->start + window_s - now);
		if (wait < 1)
			wait = 1;
	} else if (record)
		s->count++;
	pthread_mutex_unlock(&lock);
	return wait;
}

int throttle_hit(const char *bucket, const char *key, int limit, int window_s)
{
	return touch(bucket, key, limit, window_s, true);
}

int throttle_peek(const char *bucket, const char *key, int limit, int window_s)
{
	return touch(bucket, key, limit, window_s, false);
}

void throttle_reset(const char *bucket, const char *key)
{
	uint64_t k = hash2(bucket, key);
	pthread_mutex_lock(&lock);
	for (int i = 0; i < 8; i++) {
		struct slot *c = &table[(k + (uint64_t)i) % SLOTS];
		if (c->key == k)
			c->count = 0;
	}
	pthread_mutex_unlock(&lock);
}

/* rows of windows over for a day are deleted now and then (every 256th shared hit of a process): the longest
 * window is an hour, so nothing counted is removed */
#define SHARED_PRUNE_EVERY 256
#define SHARED_KEEP_S	   86400

static int wait_of(int64_t start, int window_s, int64_t now)
{
	int w = (int)(start + window_s - now);
	return w < 1 ? 1 : w;
}

int throttle_hit_shared(db *d, const char *bucket, const char *key, int limit, int window_s, int *wait,
			err *e)
{
	static atomic_uint hits;
	int64_t now = (int64_t)time(NULL);
	*wait = 0;
	/* a new window starts at 1; within the window the count rises to limit + 1 at most, which means
	 * "refused" (the event is not counted further) */
	db_stmt *st = db_query(
		d,
		"INSERT INTO rate_limits (bucket, subject, window_start, hits) VALUES ($1, $2, $3, 1) "
		"ON CONFLICT (bucket, subject) DO UPDATE SET "
		"hits = CASE WHEN rate_limits.window_start <= $4 THEN 1 "
		"WHEN rate_limits.hits > $5 THEN rate_limits.hits ELSE rate_limits.hits + 1 END, "
		"window_start = CASE WHEN rate_limits.window_start <= $4 THEN $3 ELSE "
		"rate_limits.window_start "
		"END RETURNING hits, window_start",
		DB_ARGS(DV_S(bucket), DV_S(key), DV_I(now), DV_I(now - window_s), DV_I(limit)), e);
	if (!st)
		return -1;
	int rc = db_row(st, e);
	if (rc == 1 && db_int(st, 0) > limit)
		*wait = wait_of(db_int(st, 1), window_s, now);
	db_done(st);
	if (rc != 1)
		return rc == 0 ? ERR_INTERNAL(e, "rate limit: no row returned") : -1;
	if (atomic_fetch_add(&hits, 1) % SHARED_PRUNE_EVERY == SHARED_PRUNE_EVERY - 1 &&
	    db_run(d, "DELETE FROM rate_limits WHERE bucket = $1 AND window_start < $2",
		   DB_ARGS(DV_S(bucket), DV_I(now - SHARED_KEEP_S)), e) < 0)
		return -1;
	return 0;
}

int throttle_peek_shared(db *d, const char *bucket, const char *key, int limit, int window_s, int *wait,
			 err *e)
{
	int64_t now = (int64_t)time(NULL);
	*wait = 0;
	db_stmt *st =
		db_query(d,
			 "SELECT hits, window_start FROM rate_limits WHERE bucket = $1 AND subject = $2 "
			 "AND window_start > $3",
			 DB_ARGS(DV_S(bucket), DV_S(key), DV_I(now - window_s)), e);
	if (!st)
		return -1;
	int rc = db_row(st, e);
	if (rc == 1 && db_int(st, 0) >= limit)
		*wait = wait_of(db_int(st, 1), window_s, now);
	db_done(st);
	return rc < 0 ? -1 : 0;
}
