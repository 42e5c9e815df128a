/* session_cache.c: a direct-mapped table of verified sessions. A slot holds one token hash; a newer session
 * that maps to the same slot replaces it (a miss costs one read of the sessions table, never a wrong answer,
 * because the full hash is compared). Slots are guarded by striped mutexes: a request locks one stripe for a
 * copy of the principal. Evicting an account walks every slot, which only logout and account changes do. */
#include "util/common.h"
#include "svc/auth/session_cache.h"
#include <pthread.h>
#include <time.h>

#define SLOTS	8192 /* a power of two */
#define STRIPES 64

long session_cache_ms = 2000;

struct slot {
	char th[65];	  /* "" = empty */
	int64_t until_ms; /* monotonic */
	int64_t expires_at;
	principal p;
};

static struct slot slots[SLOTS];
static pthread_mutex_t locks[STRIPES];
static pthread_once_t locks_once = PTHREAD_ONCE_INIT;

static void locks_init(void)
{
	for (int i = 0; i < STRIPES; i++)
		pthread_mutex_init(&locks[i], NULL);
}

static int64_t mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static unsigned slot_of(const char *th)
{
	unsigned h = 0;
	for (int i = 0; i < 8 && th[i]; i++) {
		char c = th[i];
		h = h * 16 + (unsigned)(c >= 'a' ? c - 'a' + 10 : c >= 'A' ? c - 'A' + 10 : c - '0');
	}
	return h & (SLOTS - 1);
}

static bool usable_key(const char *th)
{
	return th && strlen(th) == 64;
}

int session_cache_get(const char *th, principal *p)
{
	if (session_cache_ms <= 0 || !usable_key(th))
		return 0;
	pthread_once(&locks_once, locks_init);
	unsigned i = slot_of(th);
	int hit = 0;
	int64_t now = mono_ms();
	pthread_mutex_lock(&locks[i % STRIPES]);
	struct slot *s = &slots[i];
	if (s->th[0] && !memcmp(s->th, th, 64)) {
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
	unsigned i = slot_of(th);
	pthread_mutex_lock(&locks[i % STRIPES]);
	struct slot *s = &slots[i];
	memcpy(s->th, th, 65);
	s->until_ms = mono_ms() + session_cache_ms;
	s->expires_at = expires_at;
	s->p = *p;
	pthread_mutex_unlock(&locks[i % STRIPES]);
}

void session_cache_evict_token(const char *th)
{
	if (!usable_key(th))
		return;
	pthread_once(&locks_once, locks_init);
	unsigned i = slot_of(th);
	pthread_mutex_lock(&locks[i % STRIPES]);
	if (!memcmp(slots[i].th, th, 64))
		slots[i].th[0] = 0;
	pthread_mutex_unlock(&locks[i % STRIPES]);
}

void session_cache_evict_user(int64_t user_id)
{
	pthread_once(&locks_once, locks_init);
	for (unsigned i = 0; i < SLOTS; i++) {
		pthread_mutex_lock(&locks[i % STRIPES]);
		if (slots[i].th[0] && slots[i].p.user_id == user_id)
			slots[i].th[0] = 0;
		pthread_mutex_unlock(&locks[i % STRIPES]);
	}
}
