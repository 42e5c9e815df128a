#include "util/arena.h"
#include <pthread.h>

#define ARENA_BLOCK 8192
#define ALIGN	    16

struct block {
	struct block *next;
	size_t size, used;
	_Alignas(16) unsigned char data[];
};

struct cleanup {
	struct cleanup *next;
	void (*fn)(void *);
	void *arg;
};

struct arena {
	struct block *head;
	struct cleanup *cleanups;
	size_t used;
};

arena *arena_new(void)
{
	return xcalloc(1, sizeof(arena));
}

void arena_free(arena *a)
{
	if (!a)
		return;
	for (struct cleanup *c = a->cleanups; c; c = c->next)
		c->fn(c->arg);
	struct block *b = a->head;
	while (b) {
		struct block *next = b->next;
		free(b);
		b = next;
	}
	free(a);
}

void arena_reset(arena *a)
{
	for (struct cleanup *c = a->cleanups; c; c = c->next)
		c->fn(c->arg);
	a->cleanups = NULL;
	struct block *keep = NULL, *b = a->head;
	while (b) {
		struct block *next = b->next;
		if (!keep && b->size == ARENA_BLOCK) {
			keep = b;
			keep->used = 0;
			keep->next = NULL;
		} else {
			free(b);
		}
		b = next;
	}
	a->head = keep;
	a->used = 0;
}

void *arena_alloc(arena *a, size_t n)
{
	size_t need = (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	if (need < n)
		BUG("arena allocation size overflow");
	struct block *b = a->head;
	if (!b || b->size - b->used < need) {
		size_t size = need > ARENA_BLOCK / 2 ? need : ARENA_BLOCK;
		struct block *nb = xmalloc(sizeof(struct block) + size);
		nb->size = size;
		nb->used = 0;
		if (b && need > ARENA_BLOCK / 2) {
			/* a large block goes behind the current one, so the current keeps its free tail */
			nb->next = b->next;
			b->next = nb;
		} else {
			nb->next = b;
			a->head = nb;
		}
		b = nb;
	}
	void *p = b->data + b->used;
	b->used += need;
	a->used += need;
	return p;
}

void *arena_zalloc(arena *a, size_t n)
{
	return memset(arena_alloc(a, n), 0, n);
}

void *arena_array(arena *a, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		BUG("arena array size overflow");
	return arena_zalloc(a, n * size);
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
	if (!s)
		return NULL;
	char *p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = 0;
	return p;
}

char *arena_strdup(arena *a, const char *s)
{
	return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_vprintf(arena *a, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		BUG("bad format");
	char *p = arena_alloc(a, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *arena_printf(arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}

void arena_on_free(arena *a, void (*fn)(void *), void *arg)
{
	struct cleanup *c = arena_alloc(a, sizeof *c);
	c->fn = fn;
	c->arg = arg;
	c->next = a->cleanups;
	a->cleanups = c;
}

size_t arena_used(const arena *a)
{
	return a->used;
}

/* Each thread keeps up to ARENA_CACHE reset arenas, each with its first block, so a request's arena costs no
 * malloc (the block's malloc and free were a tenth of a look-up's allocator time, and freeing it consolidated
 * the allocator's fast bins on every request). Off under AddressSanitizer, so that a use after the request's
 * end is still caught there. */
#define ARENA_CACHE 4
#if defined(__SANITIZE_ADDRESS__)
#define ARENA_NO_CACHE 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ARENA_NO_CACHE 1
#endif
#endif

#ifndef ARENA_NO_CACHE
struct arena_cache {
	int n;
	arena *a[ARENA_CACHE];
};
static pthread_key_t cache_key;
static pthread_once_t cache_once = PTHREAD_ONCE_INIT;

static void cache_free(void *p)
{
	struct arena_cache *c = p;
	for (int i = 0; i < c->n; i++)
		arena_free(c->a[i]);
	free(c);
}

static void cache_init(void)
{
	if (pthread_key_create(&cache_key, cache_free) != 0)
		BUG("no thread key for the arena cache");
}
#endif

arena *arena_take(void)
{
#ifndef ARENA_NO_CACHE
	pthread_once(&cache_once, cache_init);
	struct arena_cache *c = pthread_getspecific(cache_key);
	if (c && c->n)
		return c->a[--c->n];
#endif
	return arena_new();
}

void arena_give(arena *a)
{
	if (!a)
		return;
#ifndef ARENA_NO_CACHE
	pthread_once(&cache_once, cache_init);
	struct arena_cache *c = pthread_getspecific(cache_key);
	if (!c) {
		c = xcalloc(1, sizeof *c);
		if (pthread_setspecific(cache_key, c) != 0) {
			free(c);
			c = NULL;
		}
	}
	if (c && c->n < ARENA_CACHE) {
		arena_reset(a);
		c->a[c->n++] = a;
		return;
	}
#endif
	arena_free(a);
}
