/* rowview.c: a row as JSON from its table of members, as a tree or as text (rowview.h) */
#include "util/common.h"
#include "svc/base/rowview.h"

json_t *rv_tree(db_stmt *st, const struct rv_member *m, size_t n)
{
	json_t *o = json_object();
	for (size_t i = 0; i < n; i++) {
		json_t *v;
		if (db_isnull(st, m[i].col))
			v = json_null();
		else if (m[i].kind == RV_INT)
			v = json_integer(db_int(st, m[i].col));
		else
			v = json_string(db_text(st, m[i].col));
		/* the keys are literals: set without jansson's UTF-8 check of each; the values are checked */
		json_object_set_new_nocheck(o, m[i].key, v);
	}
	return o;
}

void rv_write(jw *w, db_stmt *st, const struct rv_member *m, size_t n)
{
	jw_obj(w);
	for (size_t i = 0; i < n; i++) {
		jw_key(w, m[i].key);
		if (db_isnull(st, m[i].col))
			jw_null(w);
		else if (m[i].kind == RV_INT)
			jw_int(w, db_int(st, m[i].col));
		else
			jw_str(w, db_text(st, m[i].col));
	}
	jw_obj_end(w);
}
