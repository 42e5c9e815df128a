#include "util/common.h"
#include "api/base/api.h"
#include "http/readpipe.h"

db *api_db(req *r)
{
	if (!r->db)
		r->db = req_db(r);
	return r->db;
}

int api_paging(req *r, int64_t *limit, int64_t *offset)
{
	const char *fmt = req_query(r, "format");
	if (fmt) {
		if (strcmp(fmt, "csv") && strcmp(fmt, "xlsx") && strcmp(fmt, "json"))
			return err_set(&r->e, 422, "invalid_format", "format", "导出格式应为 csv 或 xlsx",
				       "format must be csv or xlsx");
		if (strcmp(fmt, "json")) {
			*limit = API_EXPORT_MAX;
			*offset = 0;
			return 0;
		}
	}
	return req_paging(r, limit, offset);
}

int api_list(req *r, json_t *list, const struct export_col *cols, size_t ncols, const char *basename)
{
	if (!list)
		return -1;
	const char *fmt = req_query(r, "format");
	if (!fmt || !strcmp(fmt, "json"))
		return req_reply(r, 200, list);
	req_keep(r, list);
	json_t *items = json_object_get(list, "items");
	int rc = export_file(fmt, items, cols, ncols, basename, &r->raw, &r->raw_len, &r->e);
	bool csv = !strcmp(fmt, "csv");
	r->ctype = csv ? "text/csv; charset=utf-8"
		       : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	r->filename = arena_printf(r->a, "%s.%s", basename, csv ? "csv" : "xlsx");
	r->status = 200;
	return rc;
}

/* a look-up's page from its pipelined rows (http/readpipe.h) */
struct piped_list {
	const struct list_spec *s;
	struct list_args la;
};

static void piped_rows(req *r, db_stmt *rows, void *ctx)
{
	struct piped_list *pl = ctx;
	if (!rows)
		return; /* r->e says why */
	buf b;
	buf_init(&b, 0);
	buf_room(&b, 480);
	if (list_write_rows(pl->s, &pl->la, rows, &b, &r->e) != 0 || req_reply_text(r, 200, &b) != 0)
		buf_free(&b);
}

/* the look-up of one row by a unique key, sent down the request thread's pipelined connection: 0 queued
 * (the reply deferred), 1 not such a look-up or no pipeline here, -1 with r->e set */
static int list_pipelined(req *r, const struct list_spec *s, const struct list_args *la)
{
	struct list_read *lr = NULL;
	int rc = list_unique_read(&r->who, s, la, &lr, &r->e);
	if (rc != 1)
		return rc == 0 ? 1 : -1;
	struct piped_list *pl = arena_alloc(r->a, sizeof *pl);
	*pl = (struct piped_list){.s = s, .la = *la};
	int nargs = 0;
	const dbv *args = list_read_args(lr, &nargs);
	rc = req_read_pipelined(r, list_read_sql(lr), args, nargs, piped_rows, pl) == 0 ? 0 : 1;
	list_read_free(lr);
	return rc;
}

int api_list_spec(req *r, const struct list_spec *s)
{
	struct list_args la = {0};
	if (api_paging(r, &la.limit, &la.offset) != 0)
		return -1;
	for (size_t i = 0; i < s->nfilters && i < LIST_MAX_FILTERS; i++)
		la.v[i] = req_query(r, s->filters[i].param);
	la.sort = req_query(r, "sort");
	db *d = api_db(r);
	if (!d)
		return -1;
	const char *fmt = req_query(r, "format");
	if (s->write && !s->after && (!fmt || !strcmp(fmt, "json"))) {
		/* on PostgreSQL a look-up by a unique key shares a round trip with the thread's other reads
		 */
		int rc = db_dialect_of(d) == DB_PG ? list_pipelined(r, s, &la) : 1;
		if (rc <= 0)
			return rc;
		/* the page written as text from the rows, without a tree (the person look-up's hot path) */
		buf b;
		buf_init(&b, 0);
		buf_room(&b, 480); /* one allocation of 512 bytes for a look-up, from the thread's cache */
		if (list_write(d, &r->who, s, &la, &b, &r->e) != 0) {
			buf_free(&b);
			return -1;
		}
		return req_reply_text(r, 200, &b);
	}
	json_t *list = list_run(d, &r->who, s, &la, &r->e);
	if (!s->cols)
		return list ? req_reply(r, 200, list) : -1;
	return api_list(r, list, s->cols, s->ncols, s->name);
}

int api_ok(req *r)
{
	return req_reply(r, 200, json_pack("{s:b}", "ok", 1));
}

int api_import_reply(req *r, json_t *rep)
{
	if (!rep)
		return -1;
	if (json_is_true(json_object_get(rep, "stored")))
		return req_reply(r, 200, rep);
	static const char zh[] = "有行未通过校验，全部未导入",
			  en[] = "rows were rejected; nothing was stored (all_or_nothing)";
	json_object_set_new(rep, "error",
			    json_pack("{s:s,s:s,s:s,s:s}", "code", "rows_rejected", "message",
				      r->lang_en ? en : zh, "message_zh", zh, "message_en", en));
	return req_reply(r, 422, rep);
}

int api_move_input(req *r, struct api_move *m)
{
	*m = (struct api_move){.id = req_param_id(r, 0)};
	json_t *b = m->id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	m->to = jreq(b, "status", &r->e);
	m->reason = jstr(b, "reason", &r->e);
	if (err_isset(&r->e))
		return -1;
	m->d = api_db(r);
	return m->d ? 0 : -1;
}
