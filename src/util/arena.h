/* arena.h: region allocation. One request, one arena: everything a request allocates comes from its
 * arena and is released at once by arena_free(). Cleanups registered with arena_on_free() run first, in
 * reverse order, for resources that are not memory (prepared statements, json_t trees, files).
 * Allocation never fails: out of memory aborts the process (see xmalloc). */
#ifndef JINENG_ARENA_H
#define JINENG_ARENA_H

#include "util/common.h"
#include <stdarg.h>

typedef struct arena arena;

arena *arena_new(void);
void arena_free(arena *a);
/* arena_reset: runs the cleanups and forgets every allocation, keeping one block for reuse */
void arena_reset(arena *a);
void *arena_alloc(arena *a, size_t n);		    /* 16-byte aligned, uninitialised */
void *arena_zalloc(arena *a, size_t n);		    /* zeroed */
void *arena_array(arena *a, size_t n, size_t size); /* zeroed, overflow-checked n * size */
char *arena_strdup(arena *a, const char *s);	    /* NULL stays NULL */
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_printf(arena *a, const char *fmt, ...) PRINTF(2, 3);
char *arena_vprintf(arena *a, const char *fmt, va_list ap);
/* arena_take / arena_give: arena_new / arena_free through a small per-thread cache of reset arenas (the
 * request path's; arena_give runs the cleanups as arena_free does). Any thread may give what another took. */
arena *arena_take(void);
void arena_give(arena *a);
void arena_on_free(arena *a, void (*fn)(void *), void *arg);
size_t arena_used(const arena *a); /* bytes handed out, for tests and limits */

#endif
