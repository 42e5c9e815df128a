#include "util/buf.h"

void buf_init(buf *b, size_t max)
{
	memset(b, 0, sizeof *b);
	b->max = max;
}

void buf_free(buf *b)
{
	free(b->ptr);
	b->ptr = NULL;
	b->len = b->cap = 0;
}

void buf_reset(buf *b)
{
	b->len = 0;
	b->failed = false;
	if (b->ptr)
		b->ptr[0] = 0;
}

static bool grow(buf *b, size_t n)
{
	if (b->failed)
		return false;
	if (n > SIZE_MAX - b->len - 1 || (b->max && b->len + n > b->max)) {
		buf_free(b);
		b->failed = true;
		return false;
	}
	size_t need = b->len + n + 1;
	if (need > b->cap) {
		size_t cap = b->cap ? b->cap : 64;
		while (cap < need)
			cap = cap > SIZE_MAX / 2 ? need : cap * 2;
		b->ptr = xrealloc(b->ptr, cap);
		b->cap = cap;
	}
	return true;
}

void buf_add(buf *b, const void *p, size_t n)
{
	if (!grow(b, n))
		return;
	memcpy(b->ptr + b->len, p, n);
	b->len += n;
	b->ptr[b->len] = 0;
}

char *buf_room(buf *b, size_t n)
{
	return grow(b, n) ? b->ptr + b->len : NULL;
}

void buf_adds(buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void buf_addc(buf *b, char c)
{
	buf_add(b, &c, 1);
}

void buf_printf(buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !grow(b, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

char *buf_take(buf *b, size_t *len)
{
	if (b->failed)
		return NULL;
	if (!b->ptr)
		grow(b, 0), b->ptr[0] = 0;
	char *p = b->ptr;
	if (len)
		*len = b->len;
	b->ptr = NULL;
	b->len = b->cap = 0;
	return p;
}
