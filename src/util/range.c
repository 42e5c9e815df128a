/* range.c: one byte range of an HTTP Range header (range.h) */
#include "util/range.h"
#include <ctype.h>
#include <string.h>

/* a run of decimal digits at *s (at most 18), advancing s; -1 when there is none */
static int64_t digits(const char **s)
{
	int64_t v = 0;
	int n = 0;
	while (isdigit((unsigned char)**s)) {
		if (++n > 18)
			return -1;
		v = v * 10 + (**s - '0');
		(*s)++;
	}
	return n ? v : -1;
}

enum range_rc range_parse(const char *h, int64_t size, int64_t *first, int64_t *last)
{
	if (!h || strncmp(h, "bytes=", 6) != 0 || size < 0)
		return RANGE_NONE;
	const char *s = h + 6;
	while (*s == ' ')
		s++;
	int64_t a = -1, b = -1;
	if (*s == '-') {
		s++;
		int64_t n = digits(&s);
		while (*s == ' ')
			s++;
		if (n < 0 || *s)
			return RANGE_NONE;
		if (n == 0 || size == 0)
			return RANGE_UNSATISFIABLE;
		a = n >= size ? 0 : size - n;
		b = size - 1;
	} else {
		a = digits(&s);
		if (a < 0 || *s != '-')
			return RANGE_NONE;
		s++;
		if (isdigit((unsigned char)*s)) {
			b = digits(&s);
			if (b < 0 || b < a)
				return RANGE_NONE;
		}
		while (*s == ' ')
			s++;
		if (*s)
			return RANGE_NONE; /* a list of ranges, or trailing text */
		if (a >= size)
			return RANGE_UNSATISFIABLE;
		if (b < 0 || b >= size)
			b = size - 1;
	}
	*first = a;
	*last = b;
	return RANGE_OK;
}
