/* buf.h: a growable byte buffer with a size cap and a sticky error. Appends past the cap (or out of
 * memory) mark the buffer failed and free its contents; later appends are ignored, so a caller may make
 * many appends and check buf_ok() once. The contents are always NUL-terminated. */
#ifndef JINENG_BUF_H
#define JINENG_BUF_H

#include "util/common.h"
#include <stdarg.h>

typedef struct buf {
	char *ptr;
	size_t len, cap, max; /* max 0 = no cap */
	bool failed;
} buf;

void buf_init(buf *b, size_t max);
void buf_free(buf *b);
void buf_reset(buf *b); /* empties it, keeps the memory */
void buf_add(buf *b, const void *p, size_t n);
void buf_adds(buf *b, const char *s);
void buf_addc(buf *b, char c);
void buf_printf(buf *b, const char *fmt, ...) PRINTF(2, 3);
static inline bool buf_ok(const buf *b)
{
	return !b->failed;
}
/* buf_room: room for n more bytes at the end (written by the caller, then counted with buf_used); NULL when
 * the buffer has failed or would pass its cap. For writers that put several pieces at once (util/jsonw.c). */
char *buf_room(buf *b, size_t n);
static inline void buf_used(buf *b, size_t n)
{
	b->len += n;
	b->ptr[b->len] = 0;
}
/* buf_take: hands the contents (malloc'd, NUL-terminated) to the caller and empties the buffer. */
char *buf_take(buf *b, size_t *len);

#endif
