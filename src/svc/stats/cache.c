/* cache.c: the dashboards' answers kept for a moment (cache.h) */
#include "util/common.h"
#include "svc/stats/cache.h"
#include "util/log.h"
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

/* ---- the refresher: answers stale by age alone made again off the request threads (cache.h) ---- */

#define JOBS 32

struct job {
	char key[KEY_MAX];
	principal a;
	void *in; /* m->copy's */
	stats_make_fn make;
	void (*release)(void *in);
	uint64_t gen; /* the generation when it was queued */
};

static pthread_mutex_t qmu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t qcv = PTHREAD_COND_INITIALIZER;
static struct job queue[JOBS];
static int qn;
static bool rrunning, rstop;
static pthread_t rthread;
static char *rurl;

/* the slot of exactly key, or NULL (under mu) */
static struct slot *slot_of(const char *key)
{
	for (int i = 0; i < SLOTS; i++)
		if (slots[i].key[0] && !strcmp(slots[i].key, key))
			return &slots[i];
	return NULL;
}

/* the slot's making ends, with body (taken; NULL: the old answer stays, stale) made at generation gen, begun
 * at t (under mu) */
static void made(const char *key, char *body, size_t len, uint64_t gen, int64_t t)
{
	struct slot *s = slot_of(key); /* a slot being made is never reused: still this key's */
	if (!s) {
		free(body);
		return;
	}
	s->making = false;
	if (body) {
		free(s->body);
		s->body = body;
		s->len = len;
		s->gen = gen;
		s->made_ms = t;
	}
}

static void *refresher_main(void *arg)
{
	(void)arg;
	db *d = NULL;
	for (;;) {
		pthread_mutex_lock(&qmu);
		while (!qn && !rstop)
			pthread_cond_wait(&qcv, &qmu);
		if (rstop) {
			pthread_mutex_unlock(&qmu);
			break;
		}
		struct job j = queue[0];
		memmove(queue, queue + 1, (size_t)(qn - 1) * sizeof *queue);
		qn--;
		pthread_mutex_unlock(&qmu);
		err e = {0};
		if (!d && db_open(rurl, &d, &e) != 0) {
			log_warn("stats cache: the refresher cannot open the database: %s", e.en);
			d = NULL;
		}
		char *out = NULL;
		size_t len = 0;
		int64_t t = mono_ms();
		int rc = d ? j.make(d, &j.a, j.in, &out, &len, &e) : -1;
		if (rc != 0 && d) {
			log_warn("stats cache: making %s again: %s", j.key, e.en);
			db_close(d);
			d = NULL; /* reopened for the next: a connection lost in a failover */
		}
		pthread_mutex_lock(&mu);
		made(j.key, rc == 0 ? out : NULL, len, j.gen, t);
		pthread_mutex_unlock(&mu);
		if (rc != 0)
			free(out);
		j.release(j.in);
	}
	if (d)
		db_close(d);
	return NULL;
}

/* queues the making of key (under mu): false when the refresher is not running, its queue is full or the
 * input could not be copied (the request makes it then) */
static bool enqueue(const char *key, const principal *a, const struct stats_make *m, uint64_t gen)
{
	bool ok = false;
	pthread_mutex_lock(&qmu);
	if (rrunning && !rstop && qn < JOBS && m->copy && m->release) {
		void *in = m->copy(m->in);
		if (in) {
			struct job *j = &queue[qn++];
			snprintf(j->key, sizeof j->key, "%s", key);
			j->a = *a;
			j->in = in;
			j->make = m->make;
			j->release = m->release;
			j->gen = gen;
			pthread_cond_signal(&qcv);
			ok = true;
		}
	}
	pthread_mutex_unlock(&qmu);
	return ok;
}

int stats_cache_refresher_start(const char *db_url)
{
	pthread_mutex_lock(&qmu);
	if (rrunning) {
		pthread_mutex_unlock(&qmu);
		return 0;
	}
	rurl = xstrdup(db_url);
	rstop = false;
	int rc = pthread_create(&rthread, NULL, refresher_main, NULL) == 0 ? 0 : -1;
	if (rc == 0)
		rrunning = true;
	else {
		free(rurl);
		rurl = NULL;
	}
	pthread_mutex_unlock(&qmu);
	return rc;
}

void stats_cache_refresher_stop(void)
{
	pthread_mutex_lock(&qmu);
	if (!rrunning) {
		pthread_mutex_unlock(&qmu);
		return;
	}
	rstop = true;
	pthread_cond_signal(&qcv);
	pthread_mutex_unlock(&qmu);
	pthread_join(rthread, NULL);
	/* what was queued and not made stays stale, to be made by a request */
	pthread_mutex_lock(&mu);
	pthread_mutex_lock(&qmu);
	for (int i = 0; i < qn; i++) {
		made(queue[i].key, NULL, 0, 0, 0);
		queue[i].release(queue[i].in);
	}
	qn = 0;
	rrunning = false;
	free(rurl);
	rurl = NULL;
	pthread_mutex_unlock(&qmu);
	pthread_mutex_unlock(&mu);
}

int stats_cache_answer(const char *key0, db *d, const principal *a, const struct stats_make *m, char **out,
		       size_t *len, err *e)
{
	pthread_once(&ttl_once, read_ttl);
	*out = NULL;
	*len = 0;
	if (ttl_ms <= 0 || !key0)
		return m->make(d, a, m->in, out, len, e);
	char key[KEY_MAX];
	int kn = snprintf(key, sizeof key, "%s|%d|%s|%lld", key0, (int)a->role, a->region,
			  (long long)a->institution_id);
	if (kn < 0 || (size_t)kn >= sizeof key)
		return m->make(d, a, m->in, out, len, e); /* too long a key: not kept */
	uint64_t gen = atomic_load(&generation);
	int64_t t = mono_ms();
	bool found = false;
	pthread_mutex_lock(&mu);
	struct slot *s = find(key, &found);
	bool given = false;
	if (found && s->body) {
		bool same_gen = s->gen == gen;
		if ((same_gen && t - s->made_ms < ttl_ms) || s->making) {
			/* fresh, or being made again: this one is given the last made */
			given = true;
		} else if (same_gen && enqueue(key, a, m, gen)) {
			/* stale by age alone: the refresher makes it again, this one is given the last made
			 */
			s->making = true;
			given = true;
		}
	}
	if (given) {
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
	int rc = m->make(d, a, m->in, out, len, e);
	if (!mine)
		return rc;
	char *c = rc == 0 ? copy(*out, *len) : NULL;
	pthread_mutex_lock(&mu);
	made(key, c, *len, gen, t);
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
