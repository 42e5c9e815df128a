/* cache.c: the dashboards' answers kept for a moment (cache.h) */
#include "util/common.h"
#include "svc/stats/cache.h"
#include <pthread.h>
#include <stdatomic.h>
#include <time.h>

#define SLOTS	512
#define KEY_MAX 384

struct slot {
	char key[KEY_MAX];
	char *body; /* NULL: not made yet */
	size_t len;
	uint64_t gen;	 /* the generation when it was begun */
	int64_t made_ms; /* when it was begun (monotonic) */
	bool making;	 /* a request is making it again */
};

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static struct slot slots[SLOTS];
static _Atomic uint64_t generation = 1;
static pthread_once_t ttl_once = PTHREAD_ONCE_INIT;
static int64_t ttl_ms = 2000;

static void read_ttl(void)
{
	const char *v = getenv("JINENG_STATS_CACHE_S");
	if (v && *v) {
		char *end = NULL;
		double s = strtod(v, &end);
		if (end && !*end && s >= 0 && s <= 3600)
			ttl_ms = (int64_t)(s * 1000);
	}
}

static int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void stats_cache_touch(void)
{
	atomic_fetch_add(&generation, 1);
}

static char *copy(const char *p, size_t n)
{
	char *c = malloc(n ? n : 1);
	if (c && n)
		memcpy(c, p, n);
	return c;
}

/* the slot of key, or the one to reuse for it (empty, else the oldest not being made); NULL when every slot
 * is being made */
static struct slot *find(const char *key, bool *found)
{
	struct slot *empty = NULL, *oldest = NULL;
	for (int i = 0; i < SLOTS; i++) {
		struct slot *s = &slots[i];
		if (s->key[0] && !strcmp(s->key, key)) {
			*found = true;
			return s;
		}
		if (!s->key[0]) {
			if (!empty)
				empty = s;
		} else if (!s->making && (!oldest || s->made_ms < oldest->made_ms)) {
			oldest = s;
		}
	}
	*found = false;
	return empty ? empty : oldest;
}

int stats_cache_answer(const char *key0, db *d, const principal *a, const void *in, stats_make_fn make,
		       char **out, size_t *len, err *e)
{
	pthread_once(&ttl_once, read_ttl);
	*out = NULL;
	*len = 0;
	if (ttl_ms <= 0 || !key0)
		return make(d, a, in, out, len, e);
	char key[KEY_MAX];
	int kn = snprintf(key, sizeof key, "%s|%d|%s|%lld", key0, (int)a->role, a->region,
			  (long long)a->institution_id);
	if (kn < 0 || (size_t)kn >= sizeof key)
		return make(d, a, in, out, len, e); /* too long a key: not kept */
	uint64_t gen = atomic_load(&generation);
	int64_t t = now_ms();
	bool found = false;
	pthread_mutex_lock(&mu);
	struct slot *s = find(key, &found);
	if (found && s->body && ((s->gen == gen && t - s->made_ms < ttl_ms) || s->making)) {
		/* fresh, or being made again by another request: this one is given the last made */
		*out = copy(s->body, s->len);
		*len = s->len;
		pthread_mutex_unlock(&mu);
		if (!*out)
			return ERR_INTERNAL(e, "stats cache: out of memory");
		return 0;
	}
	bool mine = s != NULL && !(found && s->making);
	if (mine) {
		if (!found) {
			free(s->body);
			memset(s, 0, sizeof *s);
			snprintf(s->key, sizeof s->key, "%s", key);
		}
		s->making = true;
	}
	pthread_mutex_unlock(&mu);
	int rc = make(d, a, in, out, len, e);
	if (!mine)
		return rc;
	pthread_mutex_lock(&mu);
	/* the slot is still this key's: a slot being made is never reused */
	s->making = false;
	if (rc == 0) {
		char *c = copy(*out, *len);
		if (c) {
			free(s->body);
			s->body = c;
			s->len = *len;
			s->gen = gen;
			s->made_ms = t;
		}
	}
	pthread_mutex_unlock(&mu);
	return rc;
}

bool stats_cache_key(char *key, size_t n, const char *const *parts, size_t nparts)
{
	size_t at = strlen(key);
	for (size_t i = 0; i < nparts; i++) {
		const char *v = parts[i] ? parts[i] : "-";
		if (strchr(v, '|'))
			return false;
		int k = snprintf(key + at, n - at, "|%s", v);
		if (k < 0 || (size_t)k >= n - at)
			return false;
		at += (size_t)k;
	}
	return true;
}

int stats_cache_json(json_t *o, char **out, size_t *len, err *e)
{
	if (!o)
		return -1;
	char *s = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	if (!s)
		return ERR_INTERNAL(e, "stats: out of memory");
	*out = s;
	*len = strlen(s);
	return 0;
}
