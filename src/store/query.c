#include "util/common.h"
#include "store/query.h"

/* "$n" (without printf: the statement text is built for every listing request) */
static void add_placeholder(buf *b, int n)
{
	char t[22] = "$";
	int k = fmt_i64(n, t + 1);
	buf_add(b, t, (size_t)k + 1);
}

void q_init(query *q, const char *head)
{
	memset(q, 0, sizeof *q);
	buf_init(&q->sql, QUERY_MAX_SQL);
	buf_adds(&q->sql, head);
}

void q_free(query *q)
{
	buf_free(&q->sql);
	for (int i = 0; i < q->nargs; i++)
		if (q->args[i].t == 's')
			free((char *)q->args[i].s);
	free(q->args);
	q->args = NULL;
	q->nargs = q->cap = 0;
}

void q_sql(query *q, const char *sql)
{
	buf_adds(&q->sql, sql);
}

static void add_value(query *q, dbv v)
{
	if (q->nargs >= QUERY_MAX_ARGS) {
		q->failed = true;
		return;
	}
	if (q->nargs == q->cap) {
		q->cap = q->cap ? q->cap * 2 : 8;
		q->args = xrealloc(q->args, (size_t)q->cap * sizeof *q->args);
	}
	if (v.t == 's')
		v.s = xstrdup(v.s ? v.s : "");
	q->args[q->nargs++] = v;
	add_placeholder(&q->sql, q->nargs);
}

void q_arg(query *q, const char *frag, dbv v)
{
	for (const char *p = frag; *p; p++) {
		if (*p != '?')
			buf_addc(&q->sql, *p);
		else
			add_value(q, v);
	}
}

void q_and(query *q, const char *frag, dbv v)
{
	buf_adds(&q->sql, q->where ? " AND " : " WHERE ");
	q->where = true;
	q_arg(q, frag, v);
}

void q_and_like(query *q, const char *frag, const char *pre, const char *s, const char *post)
{
	buf b;
	buf_init(&b, 0);
	buf_adds(&b, pre);
	buf_adds(&b, s ? s : "");
	buf_adds(&b, post);
	q_and(q, frag, DV_S(b.ptr ? b.ptr : ""));
	buf_free(&b);
}

bool q_ok(const query *q)
{
	return !q->failed && buf_ok(&q->sql);
}

static int too_large(err *e)
{
	return err_set(e, 422, "query_too_large", NULL, "查询条件过多或过长",
		       "the query has too many or too long conditions");
}

db_stmt *q_query(db *d, query *q, err *e)
{
	if (!q_ok(q)) {
		too_large(e);
		return NULL;
	}
	return db_query(d, q->sql.ptr, q->args, q->nargs, e);
}

static int count_rows(db *d, query *where, const char *count_head, int64_t *total, err *e)
{
	buf sql;
	buf_init(&sql, 0);
	buf_adds(&sql, count_head);
	buf_adds(&sql, where->sql.ptr ? where->sql.ptr : "");
	int rc = db_one_int(d, sql.ptr, where->args, where->nargs, total, e);
	buf_free(&sql);
	if (rc != DB_OK) {
		if (rc == DB_NOT_FOUND) /* a COUNT(*) always has a row */
			db_rc_to_err(d, DB_ERROR, e);
		return -1;
	}
	return 0;
}

db_stmt *q_page_rows(db *d, query *where, const char *rows_head, const char *order, int64_t limit,
		     int64_t offset, err *e)
{
	if (!q_ok(where)) {
		too_large(e);
		return NULL;
	}
	buf sql;
	buf_init(&sql, 0);
	dbv *args = xmalloc(sizeof(dbv) * ((size_t)where->nargs + 2));
	if (where->nargs)
		memcpy(args, where->args, sizeof(dbv) * (size_t)where->nargs);
	args[where->nargs] = DV_I(limit);
	args[where->nargs + 1] = DV_I(offset);
	/* "<rows_head><where> ORDER BY <order> LIMIT $n OFFSET $n+1", or "<rows_head><where>" without an
	 * order */
	buf_adds(&sql, rows_head);
	if (where->sql.ptr)
		buf_add(&sql, where->sql.ptr, where->sql.len);
	if (order) {
		buf_adds(&sql, " ORDER BY ");
		buf_adds(&sql, order);
		buf_adds(&sql, " LIMIT ");
		add_placeholder(&sql, where->nargs + 1);
		buf_adds(&sql, " OFFSET ");
		add_placeholder(&sql, where->nargs + 2);
	}
	db_stmt *st = db_query(d, sql.ptr, args, where->nargs + (order ? 2 : 0), e);
	free(args);
	buf_free(&sql);
	return st;
}

int q_page_total(db *d, query *where, const char *count_head, int64_t limit, int64_t offset, int64_t nrows,
		 int64_t *total, err *e)
{
	/* a page that is not full ends the list: the total is what lies before it and on it */
	if (nrows < limit && (nrows > 0 || offset == 0)) {
		*total = offset + nrows;
		return 0;
	}
	return count_rows(d, where, count_head, total, e);
}

db_stmt *q_page(db *d, query *where, const char *count_head, const char *rows_head, const char *order,
		int64_t limit, int64_t offset, int64_t *total, err *e)
{
	if (!q_ok(where)) {
		too_large(e);
		return NULL;
	}
	if (count_rows(d, where, count_head, total, e) != 0)
		return NULL;
	return q_page_rows(d, where, rows_head, order, limit, offset, e);
}
