/* rowview.h: an entity's view declared once as a table of members (key, column, kind) and turned into
 * JSON two ways from that one table: as a tree of json_t (rv_tree: what the other layers edit, export and
 * embed) or written straight as text (rv_write: a hot list's page without a tree, svc/base/list.h's
 * `write`). Both give the same bytes for a row (tests/unit/test_list.c); a NULL in an RV_TEXT or RV_INT
 * column is written as null by both. */
#ifndef JINENG_SVC_ROWVIEW_H
#define JINENG_SVC_ROWVIEW_H

#include "store/db.h"
#include "util/jsonw.h"
#include <jansson.h>

enum rv_kind {
	RV_INT,	 /* an integer */
	RV_TEXT, /* a string (valid UTF-8, as everything stored was checked on input) */
};

struct rv_member {
	const char *key; /* a literal that needs no escape */
	int col;
	enum rv_kind kind;
};

json_t *rv_tree(db_stmt *st, const struct rv_member *m, size_t n);
void rv_write(jw *w, db_stmt *st, const struct rv_member *m, size_t n);

#endif
