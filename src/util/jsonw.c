/* jsonw.c: JSON text straight into a buf, as jansson's json_dumps(JSON_COMPACT) writes it (jsonw.h) */
#include "util/common.h"
#include "util/jsonw.h"
#include <inttypes.h>
#include <math.h>
#include <stdio.h>

void jw_init(jw *w, buf *b)
{
	memset(w, 0, sizeof *w);
	w->b = b;
}

/* the separator owed before the next value: ',' after an earlier member or element at this level, none after
 * a key or for the first; marks the level as written */
static char sep(jw *w)
{
	if (w->after_key) {
		w->after_key = false;
		return 0;
	}
	if (w->depth == 0)
		return 0;
	char c = w->any[w->depth] ? ',' : 0;
	w->any[w->depth] = true;
	return c;
}

static void before_value(jw *w)
{
	char c = sep(w);
	if (c)
		buf_addc(w->b, c);
}

static void open(jw *w, char c)
{
	before_value(w);
	buf_addc(w->b, c);
	if (w->depth < JW_DEPTH - 1)
		w->depth++;
	w->any[w->depth] = false;
}

static void close_(jw *w, char c)
{
	if (w->depth > 0)
		w->depth--;
	buf_addc(w->b, c);
}

void jw_obj(jw *w)
{
	open(w, '{');
}

void jw_obj_end(jw *w)
{
	close_(w, '}');
}

void jw_arr(jw *w)
{
	open(w, '[');
}

void jw_arr_end(jw *w)
{
	close_(w, ']');
}

/* a string of n bytes (a NUL among them too), escaped as jansson's dump_string escapes it without flags */
static void text(buf *b, const char *s, size_t n)
{
	buf_addc(b, '"');
	const char *run = s, *end = s + n;
	for (; s < end; s++) {
		unsigned char c = (unsigned char)*s;
		if (c != '"' && c != '\\' && c >= 0x20)
			continue;
		buf_add(b, run, (size_t)(s - run));
		run = s + 1;
		switch (c) {
		case '"':
			buf_adds(b, "\\\"");
			break;
		case '\\':
			buf_adds(b, "\\\\");
			break;
		case '\b':
			buf_adds(b, "\\b");
			break;
		case '\f':
			buf_adds(b, "\\f");
			break;
		case '\n':
			buf_adds(b, "\\n");
			break;
		case '\r':
			buf_adds(b, "\\r");
			break;
		case '\t':
			buf_adds(b, "\\t");
			break;
		default:
			buf_printf(b, "\\u%04X", c);
		}
	}
	buf_add(b, run, (size_t)(s - run));
	buf_addc(b, '"');
}

/* the bytes a JSON string escapes */
static const bool escaped[256] = {
	[0] = 1,  [1] = 1,  [2] = 1,  [3] = 1,	[4] = 1,  [5] = 1,   [6] = 1,	 [7] = 1,  [8] = 1,
	[9] = 1,  [10] = 1, [11] = 1, [12] = 1, [13] = 1, [14] = 1,  [15] = 1,	 [16] = 1, [17] = 1,
	[18] = 1, [19] = 1, [20] = 1, [21] = 1, [22] = 1, [23] = 1,  [24] = 1,	 [25] = 1, [26] = 1,
	[27] = 1, [28] = 1, [29] = 1, [30] = 1, [31] = 1, ['"'] = 1, ['\\'] = 1,
};

/* lead, the n bytes of s quoted, then trail (each 0 for none): one append when the string needs no escape
 * (keys and most values), else the escaping path */
static void quoted(buf *b, char lead, const char *s, size_t n, char trail, bool is_key)
{
	/* the bytes JSON escapes: the C0 controls (NUL too), " and \ (keys are the writer's own literals:
	 * none) */
	bool plain = true;
	if (!is_key)
		for (size_t i = 0; i < n && plain; i++)
			plain = !escaped[(unsigned char)s[i]];
	if (plain) {
		char *o = buf_room(b, n + 4);
		if (!o)
			return;
		size_t k = 0;
		if (lead)
			o[k++] = lead;
		o[k++] = '"';
		memcpy(o + k, s, n);
		k += n;
		o[k++] = '"';
		if (trail)
			o[k++] = trail;
		buf_used(b, k);
		return;
	}
	if (lead)
		buf_addc(b, lead);
	text(b, s, n);
	if (trail)
		buf_addc(b, trail);
}

/* keys are written as they are (the callers' literals: ASCII names that need no escape) */
void jw_key(jw *w, const char *key)
{
	char lead = 0;
	if (w->depth > 0) {
		if (w->any[w->depth])
			lead = ',';
		w->any[w->depth] = true;
	}
	quoted(w->b, lead, key, strlen(key), ':', true);
	w->after_key = true;
}

void jw_str(jw *w, const char *s)
{
	if (!s) {
		jw_null(w);
		return;
	}
	quoted(w->b, sep(w), s, strlen(s), 0, false);
}

/* lead (0 for none), then v in decimal */
static void put_int(buf *b, char lead, int64_t v)
{
	char t[22];
	int n = fmt_i64(v, t + 1);
	t[0] = lead;
	buf_add(b, lead ? t : t + 1, (size_t)n + (lead != 0));
}

void jw_int(jw *w, int64_t v)
{
	put_int(w->b, sep(w), v);
}

/* "%.17g" of a finite positive v in [1e-4, 1e16) without printf (whose exact multi-precision path is most of
 * the cost of a map answer): v = m * 2^-s exactly, so the 17 significant digits are
 * N = round(m * 10^p / 2^s) with p = 16 - E (E the decimal exponent), rounded half to even as printf rounds,
 * in 128-bit integers (m < 2^53, 10^p <= 10^20 < 2^67). -1 when v is outside that range (the caller uses
 * snprintf). tests/unit/test_jsonw.c compares it with snprintf over millions of values. */
static int g17(double v, char *out)
{
	if (!(v >= 1e-4 && v < 1e16))
		return -1;
	int bexp;
	double fr = frexp(v, &bexp); /* v = fr * 2^bexp, fr in [0.5, 1) */
	uint64_t m = (uint64_t)ldexp(fr, 53);
	int s = 53 - bexp; /* v = m * 2^-s */
	if (s < 1 || s > 120)
		return -1;
	int E = (int)floor(log10(v));
	static const uint64_t p10[] = {1ULL,
				       10ULL,
				       100ULL,
				       1000ULL,
				       10000ULL,
				       100000ULL,
				       1000000ULL,
				       10000000ULL,
				       100000000ULL,
				       1000000000ULL,
				       10000000000ULL,
				       100000000000ULL,
				       1000000000000ULL,
				       10000000000000ULL,
				       100000000000000ULL,
				       1000000000000000ULL,
				       10000000000000000ULL,
				       100000000000000000ULL,
				       1000000000000000000ULL,
				       10000000000000000000ULL};
	unsigned __int128 n = 0;
	for (int tries = 0; tries < 3; tries++) {
		int p = 16 - E;
		if (p < 0 || p > 20)
			return -1;
		unsigned __int128 ten = p == 20 ? (unsigned __int128)p10[19] * 10 : p10[p];
		unsigned __int128 x = (unsigned __int128)m * ten;
		n = x >> s;
		unsigned __int128 rem = x - (n << s), half = (unsigned __int128)1 << (s - 1);
		if (rem > half || (rem == half && (n & 1)))
			n++;
		if (n >= p10[17])
			E++; /* log10 rounded up to the next power, or rounding carried: one digit fewer */
		else if (n < p10[16])
			E--;
		else
			break;
	}
	if (n < p10[16] || n >= p10[17])
		return -1;
	char d[17];
	uint64_t u = (uint64_t)n;
	for (int i = 16; i >= 0; i--, u /= 10)
		d[i] = (char)('0' + u % 10);
	int nd = 17;
	while (nd > 1 && d[nd - 1] == '0')
		nd--; /* %g drops trailing zeros */
	char *o = out;
	if (E >= 0) { /* E + 1 digits before the point (E <= 15 < 17: %g's fixed form) */
		for (int i = 0; i <= E; i++)
			*o++ = i < nd ? d[i] : '0';
		if (nd > E + 1) {
			*o++ = '.';
			for (int i = E + 1; i < nd; i++)
				*o++ = d[i];
		}
	} else { /* E in -4..-1: 0.000ddd */
		*o++ = '0';
		*o++ = '.';
		for (int i = 0; i < -E - 1; i++)
			*o++ = '0';
		for (int i = 0; i < nd; i++)
			*o++ = d[i];
	}
	*o = '\0';
	return (int)(o - out);
}

int jw_real_text(double v, char *out, size_t size)
{
	int n = -1;
	if (size >= 40) {
		if (v < 0) {
			n = g17(-v, out + 1);
			if (n >= 0) {
				out[0] = '-';
				n++;
			}
		} else {
			n = g17(v, out);
		}
	}
	if (n < 0)
		n = snprintf(out, size, "%.17g", v);
	if (n < 0 || (size_t)n + 3 > size)
		return -1;
	/* a dot or an exponent, so it reads back as a real */
	if (!strchr(out, '.') && !strchr(out, 'e')) {
		out[n++] = '.';
		out[n++] = '0';
		out[n] = '\0';
	}
	/* the exponent without "+" and without leading zeros, as jansson writes it */
	char *e = strchr(out, 'e');
	if (e) {
		char *p = e + 1, *q = p;
		if (*q == '-')
			p++, q++;
		else if (*q == '+')
			q++;
		while (*q == '0' && q[1])
			q++;
		memmove(p, q, strlen(q) + 1);
		n = (int)strlen(out);
	}
	return n;
}

/* lead (0 for none), then v as jansson writes a real (null when it cannot be written) */
static void put_real(buf *b, char lead, double v)
{
	char t[48];
	int n = jw_real_text(v, t + 1, sizeof t - 1);
	if (n < 0) {
		if (lead)
			buf_addc(b, lead);
		buf_adds(b, "null");
		return;
	}
	t[0] = lead;
	buf_add(b, lead ? t : t + 1, (size_t)n + (lead != 0));
}

void jw_real(jw *w, double v)
{
	put_real(w->b, sep(w), v);
}

void jw_bool(jw *w, bool v)
{
	before_value(w);
	buf_adds(w->b, v ? "true" : "false");
}

void jw_null(jw *w)
{
	before_value(w);
	buf_adds(w->b, "null");
}

/* one value of a tree, its members' and elements' commas written here (any depth: the tree's own) */
static void tree(buf *b, const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: {
		const char *key;
		size_t klen;
		json_t *m;
		char lead = '{';
		json_object_keylen_foreach((json_t *)v, key, klen, m)
		{
			quoted(b, lead, key, klen, ':', false);
			tree(b, m);
			lead = ',';
		}
		buf_adds(b, lead == '{' ? "{}" : "}");
		break;
	}
	case JSON_ARRAY: {
		size_t n = json_array_size(v);
		buf_addc(b, '[');
		for (size_t i = 0; i < n; i++) {
			if (i)
				buf_addc(b, ',');
			tree(b, json_array_get(v, i));
		}
		buf_addc(b, ']');
		break;
	}
	case JSON_STRING:
		quoted(b, 0, json_string_value(v), json_string_length(v), 0, false);
		break;
	case JSON_INTEGER:
		put_int(b, 0, json_integer_value(v));
		break;
	case JSON_REAL:
		put_real(b, 0, json_real_value(v));
		break;
	case JSON_TRUE:
		buf_adds(b, "true");
		break;
	case JSON_FALSE:
		buf_adds(b, "false");
		break;
	case JSON_NULL:
		buf_adds(b, "null");
		break;
	}
}

void jw_json(jw *w, const json_t *v)
{
	if (!v) {
		jw_null(w);
		return;
	}
	before_value(w);
	tree(w->b, v);
}
