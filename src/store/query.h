/* query.h: builds a parameterised statement from fragments, numbering placeholders as it goes. A fragment
 * marks its one value with `?`, which becomes $N; values are copied, so the caller's strings may be
 * temporary. No value is ever spliced into SQL text.
 *
 * Storage grows with the query: any number of values of any length (a value never aborts the process;
 * a query past QUERY_MAX_SQL bytes of SQL or QUERY_MAX_ARGS values fails in q_query / q_page with 422
 * "query_too_large"). */
#ifndef JINENG_QUERY_H
#define JINENG_QUERY_H

#include "store/db.h"
#include "util/buf.h"

#define QUERY_MAX_SQL  (256 * 1024)
#define QUERY_MAX_ARGS 32000 /* PostgreSQL takes at most 65535 parameters */

typedef struct query {
	buf sql;
	dbv *args; /* text values point to copies owned by the query */
	int nargs, cap;
	bool failed; /* too many values */
	bool where;  /* a WHERE has been written */
} query;

void q_init(query *q, const char *head);
void q_free(query *q);
/* q_sql: appends raw SQL (no values) */
void q_sql(query *q, const char *sql);
/* q_and: appends " WHERE frag" the first time, then " AND frag"; `?` in frag takes v (v ignored when frag has
 * no `?`) */
void q_and(query *q, const char *frag, dbv v);
/* q_arg: appends frag with its `?` bound to v, without WHERE/AND */
void q_arg(query *q, const char *frag, dbv v);
/* q_and_like: q_and(frag, pre + s + post) with the pattern built in growable storage (a fixed buffer
 * once cut a long name in the middle of a UTF-8 character, which PostgreSQL refused as invalid text) */
void q_and_like(query *q, const char *frag, const char *pre, const char *s, const char *post);
/* q_ok: false when the query grew past its bounds (q_query / q_page then fail with `e` set) */
bool q_ok(const query *q);
/* q_run helpers */
db_stmt *q_query(db *d, query *q, err *e);
/* q_page: for a list endpoint. `where` holds only conditions (q_init(&w, "")). Counts with
 * "<count_head><where>" into *total, then returns the statement "<rows_head><where> ORDER BY <order>
 * LIMIT .. OFFSET ..". */
db_stmt *q_page(db *d, query *where, const char *count_head, const char *rows_head, const char *order,
		int64_t limit, int64_t offset, int64_t *total, err *e);
/* q_page_rows / q_page_total: the two halves of q_page for a caller that steps the rows first and then knows
 * the total without counting when the page is not full: q_page_total counts only when it must (a full page,
 * or an empty page past the first). One statement instead of two for a look-up by a unique key (issue 25).
 * q_page_rows with order NULL: "<rows_head><where>" alone, for a condition that matches at most one row (no
 * sort and no LIMIT for the database to set up). */
db_stmt *q_page_rows(db *d, query *where, const char *rows_head, const char *order, int64_t limit,
		     int64_t offset, err *e);
int q_page_total(db *d, query *where, const char *count_head, int64_t limit, int64_t offset, int64_t nrows,
		 int64_t *total, err *e);

#endif
