/* common.h: the prelude every .c file of jineng includes first. */
#ifndef JINENG_COMMON_H
#define JINENG_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define JINENG_VERSION "0.1.0"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define UNUSED(x)    ((void)(x))
#define WUR	     __attribute__((warn_unused_result))
#define PRINTF(f, a) __attribute__((format(printf, f, a)))
#define NORETURN     __attribute__((noreturn))

/* BUG(): an internal invariant failed; reports where and aborts. */
#define BUG(msg) bug_at(__FILE__, __LINE__, (msg))
#define ASSERT(c)                                                                                            \
	do {                                                                                                 \
		if (!(c))                                                                                    \
			bug_at(__FILE__, __LINE__, #c);                                                      \
	} while (0)
NORETURN void bug_at(const char *file, int line, const char *what);

/* xmalloc and friends abort on out-of-memory: a server that cannot allocate 100 bytes cannot answer. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

/* fmt_i64: v in decimal into out, NUL-terminated, as "%lld" writes it, without printf (for paths that run per
 * request or per row); its length */
int fmt_i64(int64_t v, char out[21]);

/* the monotonic clock, for intervals and deadlines (never for dates), in microseconds and in milliseconds */
int64_t mono_us(void);
int64_t mono_ms(void);

#endif
