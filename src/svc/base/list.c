/* list.c: list_run and list_write, one list spec run for one request (list.h) */
#include "util/common.h"
#include "svc/base/list.h"
#include "svc/base/scope.h"
#include "svc/base/svc.h"
#include "store/query.h"
#include "util/buf.h"

int list_set(struct list_args *la, const struct list_spec *s, const char *param, const char *v)
{
	for (size_t i = 0; i < s->nfilters && i < LIST_MAX_FILTERS; i++)
		if (!strcmp(s->filters[i].param, param)) {
			la->v[i] = v;
			return 0;
		}
	return -1;
}

static int add_filter(query *w, const struct list_filter *f, const char *v, err *e)
{
	size_t n = strlen(v), max = f->max ? f->max : LIST_VALUE_MAX;
	if (n > max)
		return err_set(e, 422, "too_long", f->param, "参数 %s 过长（%zu 字节，最多 %zu 字节）",
			       "parameter '%s' is too long (%zu bytes, at most %zu)", f->param, n, max);
	switch (f->match) {
	case LIST_EQ:
		q_and(w, f->frag, DV_S(v));
		return 0;
	case LIST_ID: {
		int64_t id = atoll(v);
		if (id > 0)
			q_and(w, f->frag, DV_I(id));
		return 0;
	}
	case LIST_CONTAINS:
		q_and_like(w, f->frag, "%", v, "%");
		return 0;
	case LIST_STARTS:
		q_and_like(w, f->frag, "", v, "%");
		return 0;
	case LIST_REGION: {
		char pre[13];
		region_prefix(v, pre);
		q_and_like(w, f->frag, "", pre, "%");
		return 0;
	}
	case LIST_FN:
		return f->fn(w, f->frag, v, e);
	}
	return ERR_INTERNAL(e, "unknown list filter");
}

/* the ORDER BY of the request: an allowed key (then the default as the tie-break) or the default */
static int order_by(const struct list_spec *s, const char *sort, buf *out, err *e)
{
	if (!sort || !*sort) {
		buf_adds(out, s->order);
		return 0;
	}
	bool desc = sort[0] == '-';
	const char *key = desc ? sort + 1 : sort;
	for (size_t i = 0; i < s->nsorts; i++)
		if (!strcmp(s->sorts[i].key, key)) {
			buf_printf(out, "%s%s, %s", s->sorts[i].sql, desc ? " DESC" : "", s->order);
			return 0;
		}
	return err_set(e, 422, "invalid_value", "sort", "不支持按 %.64s 排序", "cannot sort by '%.64s'", key);
}

/* the page's conditions in `w` (scope, the list's own, the filters) and its order (NULL: the first page of a
 * unique key's one row, which needs no order and no limit; issue 25); `w` and `order` are the caller's to
 * free. 0, or -1 with e set. */
static int list_where(const principal *a, const struct list_spec *s, const struct list_args *la, query *w,
		      buf *order, const char **ord, err *e)
{
	if (s->nfilters > LIST_MAX_FILTERS)
		return ERR_INTERNAL(e, "a list spec with too many filters");
	if (s->scoped)
		scope_where(w, a, s->entity, SCOPE_READ);
	if (s->where && s->where(w, a, la->v, e) != 0)
		return -1;
	bool one = false; /* a unique key's filter: at most one row */
	for (size_t i = 0; i < s->nfilters; i++)
		if (la->v[i] && *la->v[i]) {
			if (add_filter(w, &s->filters[i], la->v[i], e) != 0)
				return -1;
			one |= s->filters[i].unique && s->filters[i].unique(la->v[i]);
		}
	if (order_by(s, la->sort, order, e) != 0)
		return -1;
	*ord = one && la->offset == 0 && la->limit >= 1 ? NULL : order->ptr ? order->ptr : s->order;
	return 0;
}

/* the page's statement; `w` and `order` are the caller's to free */
static db_stmt *list_open(db *d, const principal *a, const struct list_spec *s, const struct list_args *la,
			  query *w, buf *order, err *e)
{
	const char *ord;
	if (list_where(a, s, la, w, order, &ord, e) != 0)
		return NULL;
	return q_page_rows(d, w, s->select_sql, ord, la->limit, la->offset, e);
}

struct list_read {
	query w;
	buf sql;
};

int list_unique_read(const principal *a, const struct list_spec *s, const struct list_args *la,
		     struct list_read **out, err *e)
{
	*out = NULL;
	struct list_read *lr = xcalloc(1, sizeof *lr);
	q_init(&lr->w, "");
	buf_init(&lr->sql, 0);
	buf order;
	buf_init(&order, 0);
	const char *ord = "";
	int rc = list_where(a, s, la, &lr->w, &order, &ord, e);
	buf_free(&order);
	/* a page of at most one row that is shorter than the page needs no count: its total is its length */
	if (rc == 0 && (ord || la->limit < 2))
		goto done;
	if (rc == 0 && !q_ok(&lr->w))
		rc = err_set(e, 422, "query_too_large", NULL, "查询条件过多或过长",
			     "the query has too many or too long conditions");
	if (rc != 0)
		goto done;
	buf_adds(&lr->sql, s->select_sql);
	if (lr->w.sql.ptr)
		buf_add(&lr->sql, lr->w.sql.ptr, lr->w.sql.len);
	if (!buf_ok(&lr->sql)) {
		rc = ERR_INTERNAL(e, "out of memory writing a statement");
		goto done;
	}
	*out = lr;
	return 1;
done:
	list_read_free(lr);
	return rc;
}

const char *list_read_sql(const struct list_read *lr)
{
	return lr->sql.ptr;
}

const dbv *list_read_args(const struct list_read *lr, int *nargs)
{
	*nargs = lr->w.nargs;
	return lr->w.args;
}

void list_read_free(struct list_read *lr)
{
	if (!lr)
		return;
	q_free(&lr->w);
	buf_free(&lr->sql);
	free(lr);
}

/* {"items":[...] of st's rows; *n their count */
static void write_items(jw *j, const struct list_spec *s, db_stmt *st, int64_t *n)
{
	jw_obj(j);
	jw_key(j, "items");
	jw_arr(j);
	for (*n = 0; db_step(st) == DB_ROW; ++*n)
		s->write(j, st);
	jw_arr_end(j);
}

int list_write_rows(const struct list_spec *s, const struct list_args *la, db_stmt *rows, buf *out, err *e)
{
	if (!s->write || s->after)
		return ERR_INTERNAL(e, "list_write_rows on a list without a writer or with an after-pass");
	jw j;
	jw_init(&j, out);
	int64_t n = 0;
	write_items(&j, s, rows, &n);
	if (db_last(rows) < 0)
		return db_rc_to_err(db_stmt_db(rows), db_last(rows), e);
	if (n >= la->limit || la->offset) /* list_unique_read's pages are never full */
		return ERR_INTERNAL(e, "a unique key matched a full page");
	jw_key(&j, "total");
	jw_int(&j, n);
	jw_obj_end(&j);
	return buf_ok(out) ? 0 : ERR_INTERNAL(e, "out of memory writing a list");
}

json_t *list_run(db *d, const principal *a, const struct list_spec *s, const struct list_args *la, err *e)
{
	query w;
	buf order;
	buf_init(&order, 0);
	json_t *items = NULL;
	q_init(&w, "");
	int64_t total = 0;
	db_stmt *st = list_open(d, a, s, la, &w, &order, e);
	if (!st)
		goto fail;
	items = json_array();
	while (db_step(st) == DB_ROW)
		json_array_append_new(items, s->view(st));
	if (db_finish(st, e) != 0)
		goto fail;
	/* counted only when the page is full (or empty past the first): a look-up is one statement */
	if (q_page_total(d, &w, s->count_sql, la->limit, la->offset, (int64_t)json_array_size(items), &total,
			 e) != 0)
		goto fail;
	if (s->after && s->after(d, a, items, e) != 0)
		goto fail;
	q_free(&w);
	buf_free(&order);
	return json_pack("{s:o,s:I}", "items", items, "total", (json_int_t)total);
fail:
	json_decref(items);
	q_free(&w);
	buf_free(&order);
	return NULL;
}

int list_write(db *d, const principal *a, const struct list_spec *s, const struct list_args *la, buf *out,
	       err *e)
{
	if (!s->write || s->after)
		return ERR_INTERNAL(e, "list_write on a list without a writer or with an after-pass");
	query w;
	buf order;
	buf_init(&order, 0);
	q_init(&w, "");
	int rc = -1;
	int64_t total = 0, n = 0;
	db_stmt *st = list_open(d, a, s, la, &w, &order, e);
	if (!st)
		goto done;
	jw j;
	jw_init(&j, out);
	write_items(&j, s, st, &n);
	if (db_finish(st, e) != 0 ||
	    q_page_total(d, &w, s->count_sql, la->limit, la->offset, n, &total, e) != 0)
		goto done;
	jw_key(&j, "total");
	jw_int(&j, total);
	jw_obj_end(&j);
	rc = buf_ok(out) ? 0 : ERR_INTERNAL(e, "out of memory writing a list");
done:
	q_free(&w);
	buf_free(&order);
	return rc;
}

json_t *list_one(db *d, const principal *a, const struct list_spec *s, const char *cond, dbv v,
		 const char *missing_zh, const char *missing_en, err *e)
{
	query q;
	q_init(&q, s->select_sql);
	q_and(&q, cond, v);
	if (s->scoped)
		scope_where(&q, a, s->entity, SCOPE_READ);
	json_t *o = row_json(q_query(d, &q, e), s->view, e); /* a database error is never "not found" */
	q_free(&q);
	if (!o && !err_isset(e))
		err_set(e, 404, "not_found", NULL, "%s%.0s", "%.0s%s", missing_zh, missing_en);
	return o;
}
