#include "util/common.h"
#include "store/query.h"

void q_init(query *q, const char *head)
{
	memset(q, 0, sizeof *q);
	buf_init(&q->sql, 64 * 1024);
	buf_adds(&q->sql, head);
}

void q_free(query *q)
{
	buf_free(&q->sql);
}

void q_sql(query *q, const char *sql)
{
	buf_adds(&q->sql, sql);
}

void q_arg(query *q, const char *frag, dbv v)
{
	for (const char *p = frag; *p; p++) {
		if (*p != '?') {
			buf_addc(&q->sql, *p);
			continue;
		}
		if (q->nargs >= QUERY_MAX_ARGS)
			BUG("too many query arguments");
		if (v.t == 's') {
			snprintf(q->text[q->nargs], sizeof q->text[0], "%s", v.s);
			v.s = q->text[q->nargs];
			if (strlen(v.s) >= sizeof q->text[0] - 1)
				BUG("query text argument too long");
		}
		q->args[q->nargs++] = v;
		buf_printf(&q->sql, "$%d", q->nargs);
	}
}

void q_and(query *q, const char *frag, dbv v)
{
	buf_adds(&q->sql, q->where ? " AND " : " WHERE ");
	q->where = true;
	q_arg(q, frag, v);
}

db_stmt *q_query(db *d, query *q, err *e)
{
	if (!buf_ok(&q->sql))
		BUG("query too long");
	return db_query(d, q->sql.ptr, q->args, q->nargs, e);
}

db_stmt *q_page(db *d, query *where, const char *count_head, const char *rows_head, const char *order,
		int64_t limit, int64_t offset, int64_t *total, err *e)
{
	buf sql;
	buf_init(&sql, 0);
	buf_adds(&sql, count_head);
	buf_adds(&sql, where->sql.ptr ? where->sql.ptr : "");
	int rc = db_one_int(d, sql.ptr, where->args, where->nargs, total, e);
	buf_reset(&sql);
	if (rc != DB_OK) {
		buf_free(&sql);
		return NULL;
	}
	dbv args[QUERY_MAX_ARGS + 2];
	memcpy(args, where->args, sizeof(dbv) * (size_t)where->nargs);
	args[where->nargs] = DV_I(limit);
	args[where->nargs + 1] = DV_I(offset);
	buf_printf(&sql, "%s%s ORDER BY %s LIMIT $%d OFFSET $%d", rows_head, where->sql.ptr ? where->sql.ptr : "",
		   order, where->nargs + 1, where->nargs + 2);
	db_stmt *st = db_query(d, sql.ptr, args, where->nargs + 2, e);
	buf_free(&sql);
	return st;
}
