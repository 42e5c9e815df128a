#include "util/common.h"
#include <time.h>

void bug_at(const char *file, int line, const char *what)
{
	fprintf(stderr, "jineng: internal error: %s (%s:%d)\n", what, file, line);
	abort();
}

static NORETURN void oom(size_t n)
{
	fprintf(stderr, "jineng: out of memory allocating %zu bytes\n", n);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom(n);
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom(n * size);
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		oom(n);
	return q;
}

char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(xmalloc(n), s, n);
}

int fmt_i64(int64_t v, char out[21])
{
	char t[20], *p = t + sizeof t;
	uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	int n = 0;
	if (v < 0)
		out[n++] = '-';
	size_t k = (size_t)(t + sizeof t - p);
	memcpy(out + n, p, k);
	n += (int)k;
	out[n] = 0;
	return n;
}

int64_t mono_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

int64_t mono_ms(void)
{
	return mono_us() / 1000;
}
