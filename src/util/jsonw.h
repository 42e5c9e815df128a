/* jsonw.h: JSON text written straight into a buf, byte for byte as jansson's json_dumps(JSON_COMPACT) writes
 * the same values: insertion order, no spaces, strings escaped alike (", \ and the C0 controls; UTF-8 and /
 * as they are), integers in decimal, reals as "%.17g" with jansson's fix-ups (".0" after a whole number, no
 * "+" or leading zeros in the exponent). For hot replies that would otherwise build, dump and free a tree of
 * json_t for every request (the 培训地图: twenty courses a request, docs/PERFORMANCE.md). Separating commas
 * are the writer's: jw_key and every value add one when needed. Strings must be valid UTF-8 (jansson would
 * refuse others; the callers write what was validated on input). */
#ifndef JINENG_JSONW_H
#define JINENG_JSONW_H

#include "util/buf.h"
#include <jansson.h>

#define JW_DEPTH 16

typedef struct jw {
	buf *b;
	int depth;
	bool after_key;
	bool any[JW_DEPTH]; /* a member or element written at this depth: the next needs a comma */
} jw;

void jw_init(jw *w, buf *b);
void jw_obj(jw *w);
void jw_obj_end(jw *w);
void jw_arr(jw *w);
void jw_arr_end(jw *w);
void jw_key(jw *w, const char *key); /* a literal that needs no escape (written as it is) */
void jw_str(jw *w, const char *s);   /* NULL writes null */
void jw_int(jw *w, int64_t v);
void jw_real(jw *w, double v);
void jw_bool(jw *w, bool v);
void jw_null(jw *w);
/* jw_json: a jansson tree as json_dumps(JSON_COMPACT) writes it (NULL writes null); strings may hold NULs */
void jw_json(jw *w, const json_t *v);
/* jw_real_text: a real as jansson writes it, into out (at least 40 bytes); its length */
int jw_real_text(double v, char *out, size_t size);

#endif
