#include "util/common.h"
#include "svc/auth/throttle.h"
#include <pthread.h>
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
