/* list.h: the typed list spec. Every list use case is the same shape: the rows of one entity the principal
 * may read (scope_where), narrowed by filters from the query string (length-capped), counted and paged,
 * ordered by a default or an allowed sort key, each row turned into JSON by the entity's view, answered as
 * {"items":[...],"total":N}; exported as CSV/XLSX with the spec's columns (the API's ?format= and `jineng
 * export`). A list declares that once as a `struct list_spec`; list_run runs it.
 *
 *	static const struct list_filter inst_filters[] = {
 *		{"name", "i.name LIKE ?", LIST_CONTAINS},
 *		{"type", "i.type = ?", LIST_EQ},
 *		{"region_code", "i.region_code LIKE ?", LIST_REGION},
 *	};
 *	const struct list_spec inst_list = {
 *		.name = "institutions", .scoped = true, .entity = SE_INSTITUTION,
 *		.count_sql = "SELECT COUNT(*) FROM institutions i",
 *		.select_sql = "SELECT " INSTITUTION_VIEW_COLS " FROM institutions i", .order = "i.id",
 *		LIST_FILTERS(inst_filters), .view = institution_view, LIST_COLS(cols_institutions),
 *	};
 *
 * The API runs a spec with api_list_spec (filters read from the query string by their names); svc and the
 * CLI fill a struct list_args with list_set. */
#ifndef JINENG_SVC_LIST_H
#define JINENG_SVC_LIST_H

#include "core/principal.h"
#include "core/scope.h"
#include "doc/export.h"
#include "store/db.h"
#include "util/jsonw.h"
#include <jansson.h>

struct query;

#define LIST_MAX_FILTERS 16
#define LIST_VALUE_MAX	 256 /* bytes, the request layer's cap on any query value */

enum list_match {
	LIST_EQ,       /* frag's ? is the text */
	LIST_ID,       /* an id: the integer the text starts with; none, 0 or negative filters nothing */
	LIST_CONTAINS, /* %text% */
	LIST_STARTS,   /* text% */
	LIST_REGION,   /* a region code: the rows in that region and below (370100 -> 3701%) */
	LIST_FN,       /* fn decides (a blind index, a parsed date, a value with its own validation) */
};

struct list_filter {
	const char *param; /* its name in the query string */
	const char *frag;  /* SQL condition with one ? */
	enum list_match match;
	size_t max; /* longest value in bytes; 0: LIST_VALUE_MAX. Longer is 422 too_long */
	/* LIST_FN: adds the condition for value v to w (q_and(w, frag, ...)); -1 with `e` set refuses v */
	int (*fn)(struct query *w, const char *frag, const char *v, err *e);
	/* true when value v matches at most one row (a unique key's whole value): the first page is then read
	 * without ORDER BY and LIMIT */
	bool (*unique)(const char *v);
};

struct list_sort {
	const char *key; /* ?sort=key ascending, ?sort=-key descending */
	const char *sql; /* the expression ordered by */
};

struct list_spec {
	const char *name;	  /* the export's file and sheet name ("institutions") */
	bool scoped;		  /* keep the rows of `entity` the principal may read (scope_where) */
	enum scope_entity entity; /* the query aliases its tables as core/scope.c's rule says */
	const char *count_sql;	  /* "SELECT COUNT(*) FROM ..." */
	const char *select_sql;	  /* "SELECT <columns the view reads> FROM ..." */
	const char *order;	  /* the default ORDER BY, and the tie-break after a sort key */
	const struct list_filter *filters;
	size_t nfilters;
	const struct list_sort *sorts; /* the allowed sort keys (none: ?sort= is refused) */
	size_t nsorts;
	json_t *(*view)(db_stmt *st); /* one row -> its JSON (the entity's view) */
	/* where: conditions of the list itself (after scope and before the filters); vals are the filter
	 * values by position. -1 with `e` set refuses the request. */
	int (*where)(struct query *w, const principal *a, const char *const *vals, err *e);
	/* after: runs over the items once the statement is done (a look-up per row, e.g. names the principal
	 * may see) */
	int (*after)(db *d, const principal *a, json_t *items, err *e);
	/* write: optional, a row written straight as JSON text, the same bytes as view's tree (a table of
	 * members makes both, svc/base/rowview.h); a list with it and no `after` answers a JSON page without
	 * a tree of json_t (list_write) */
	void (*write)(jw *w, db_stmt *st);
	const struct export_col *cols; /* the columns of ?format=csv|xlsx and `jineng export` */
	size_t ncols;
};

#define LIST_FILTERS(a) .filters = (a), .nfilters = ARRAY_LEN(a)
#define LIST_SORTS(a)	.sorts = (a), .nsorts = ARRAY_LEN(a)
#define LIST_COLS(a)	.cols = (a), .ncols = ARRAY_LEN(a)

/* what one request asks of a list: the filter values by the spec's positions (NULL or "" absent), a sort
 * key, the page */
struct list_args {
	const char *v[LIST_MAX_FILTERS];
	const char *sort;
	int64_t limit, offset;
};

/* list_set: sets the filter named `param` (0; -1 when the spec has none of that name) */
int list_set(struct list_args *la, const struct list_spec *s, const char *param, const char *v);
/* list_run: {"items":[...],"total":N}, or NULL with `e` set (422 too_long / invalid_value for a filter
 * or sort key, 503/500 for the database) */
json_t *list_run(db *d, const principal *a, const struct list_spec *s, const struct list_args *la, err *e);
/* list_write: list_run's reply written into `out` as its JSON text, byte for byte what jw_json writes for
 * list_run's tree, for a spec with `write` and no `after` (0; -1 with `e` set as list_run, `out` then
 * holding a part) */
int list_write(db *d, const principal *a, const struct list_spec *s, const struct list_args *la, buf *out,
	       err *e);

/* list_unique_read: when the request names at most one row by a unique key on the first page of a page size
 * above one (the person look-up by ID number), the one statement list_write would run for it, to be read
 * elsewhere (a pipelined read, http/readpipe.h): 1 and *out (its text and values; list_read_free); 0 when
 * the request is not such a look-up (list_write it); -1 with `e` set as list_run. Its rows go to
 * list_write_rows. */
struct list_read;
int list_unique_read(const principal *a, const struct list_spec *s, const struct list_args *la,
		     struct list_read **out, err *e);
const char *list_read_sql(const struct list_read *lr);
const dbv *list_read_args(const struct list_read *lr, int *nargs);
void list_read_free(struct list_read *lr);
/* list_write_rows: list_write's reply for the rows of list_unique_read's statement, read elsewhere (a
 * pipelined read, http/readpipe.h); 0, or -1 with `e` set */
int list_write_rows(const struct list_spec *s, const struct list_args *la, db_stmt *rows, buf *out, err *e);

/* list_one: the one row of the spec's select where `cond` (one ?, bound to v) holds and that the principal
 * may read (the spec's scope), as the spec's view; NULL with 404 not_found (the messages given) when there is
 * none, or with the database's error. `a` may be NULL for a spec without scope (a public catalogue). */
json_t *list_one(db *d, const principal *a, const struct list_spec *s, const char *cond, dbv v,
		 const char *missing_zh, const char *missing_en, err *e);

#endif
