/* session_cache.c: a set-associative table of verified sessions. A token hash maps to a set of WAYS slots;
 * a new session takes an empty or outlived slot of its set, or else the one closest to its bound (a miss
 * costs one read of the sessions table, never a wrong answer, because the full hash is compared). Sets are
 * guarded by striped mutexes: a request locks one stripe for a copy of the principal. Evicting an account
 * walks every slot, which only logout and account changes do.
 *
 * Sized for the sessions one node sees within the bound: an exam room's candidates saving answers every few
 * seconds. The first table was direct-mapped (8,192 slots): 3,000 candidates put about a third of their
 * tokens into shared slots, where each evicted the other, and a third of the saves read the sessions table
 * (docs/PERFORMANCE.md, 2026-12-05). With 32,768 slots in sets of four, a set overflows when five of the live
 * sessions share it: for 3,000 sessions about one in a thousand. */
#include "util/common.h"
#include "svc/auth/session_cache.h"
#include <pthread.h>
#include <time.h>

#define SETS	8192 /* a power of two */
#define WAYS	4
#define STRIPES 64

long session_cache_ms = 2000;

struct slot {
	char th[65];	  /* "" = empty */
	int64_t until_ms; /* monotonic */
	int64_t expires_at;
	principal p;
};

static struct slot slots[SETS][WAYS];
static pthread_mutex_t locks[STRIPES];
static pthread_once_t locks_once = PTHREAD_ONCE_INIT;

static void locks_init(void)
{
	for (int i = 0; i < STRIPES; i++)
		pthread_mutex_init(&locks[i], NULL);
}

static unsigned set_of(const char *th)
{
	unsigned h = 0;
	for (int i = 0; i < 8 && th[i]; i++) {
		char c = th[i];
		h = h * 16 + (unsigned)(c >= 'a' ? c - 'a' + 10 : c >= 'A' ? c - 'A' + 10 : c - '0');
	}
	return h & (SETS - 1);
}

static bool usable_key(const char *th)
{
	return th && strlen(th) == 64;
}

/* the slot of set i holding th, or NULL */
static struct slot *find(unsigned i, const char *th)
{
	for (int w = 0; w < WAYS; w++)
		if (slots[i][w].th[0] && !memcmp(slots[i][w].th, th, 64))
			return &slots[i][w];
	return NULL;
}

int session_cache_get(const char *th, principal *p)
{
	if (session_cache_ms <= 0 || !usable_key(th))
		return 0;
	pthread_once(&locks_once, locks_init);
	unsigned i = set_of(th);
	int hit = 0;
	int64_t now = mono_ms();
	pthread_mutex_lock(&locks[i % STRIPES]);
	struct slot *s = find(i, th);
	if (s) {
		if (s->until_ms > now && s->expires_at > (int64_t)time(NULL)) {
			*p = s->p;
			hit = 1;
		} else
			s->th[0] = 0;
	}
	pthread_mutex_unlock(&locks[i % STRIPES]);
	return hit;
}

void session_cache_put(const char *th, const principal *p, int64_t expires_at)
{
	if (session_cache_ms <= 0 || !usable_key(th))
		return;
	pthread_once(&locks_once, locks_init);
	unsigned i = set_of(th);
	int64_t now = mono_ms();
	pthread_mutex_lock(&locks[i % STRIPES]);
	struct slot *s = find(i, th);
	for (int w = 0; !s && w < WAYS; w++) /* an empty or outlived slot */
		if (!slots[i][w].th[0] || slots[i][w].until_ms <= now)
			s = &slots[i][w];
	if (!s) { /* else the one that would go first */
		s = &slots[i][0];
		for (int w = 1; w < WAYS; w++)
			if (slots[i][w].until_ms < s->until_ms)
				s = &slots[i][w];
	}
	memcpy(s->th, th, 65);
	s->until_ms = now + session_cache_ms;
	s->expires_at = expires_at;
	s->p = *p;
	pthread_mutex_unlock(&locks[i % STRIPES]);
}

void session_cache_evict_token(const char *th)
{
	if (!usable_key(th))
		return;
	pthread_once(&locks_once, locks_init);
	unsigned i = set_of(th);
	pthread_mutex_lock(&locks[i % STRIPES]);
	struct slot *s = find(i, th);
	if (s)
		s->th[0] = 0;
	pthread_mutex_unlock(&locks[i % STRIPES]);
}

void session_cache_evict_user(int64_t user_id)
{
	pthread_once(&locks_once, locks_init);
	for (unsigned i = 0; i < SETS; i++) {
		pthread_mutex_lock(&locks[i % STRIPES]);
		for (int w = 0; w < WAYS; w++)
			if (slots[i][w].th[0] && slots[i][w].p.user_id == user_id)
				slots[i][w].th[0] = 0;
		pthread_mutex_unlock(&locks[i % STRIPES]);
	}
}
