/* import.c: the import runner (see import.h) */
#include "util/common.h"
#include "svc/base/import.h"

struct run {
	db *d;
	const import_def *def;
	void *ctx;
	const import_opts *o;
	import_result *res;
	err fatal;
};

static int run_row(void *p, const tab_row *r)
{
	struct run *x = p;
	bool sp = !(x->def->flags & IMPORT_NO_ROW_SAVEPOINT);
	err e = {0};
	x->res->rows++;
	if (sp && db_begin(x->d, &x->fatal) != 0)
		return -1;
	int rc = x->def->row(x->ctx, r, &e);
	if (rc == 0) {
		if (sp && db_commit(x->d, &x->fatal) != 0)
			return -1;
		x->res->ok++;
		return 0;
	}
	if (sp)
		db_rollback(x->d);
	if (rc < 0) {
		if (!err_isset(&e))
			ERR_INTERNAL(&e, "import row failed");
		x->fatal = e;
		return -1;
	}
	x->res->rejected++;
	tab_report_add(&x->res->report, r->line, &e);
	if (x->o->on_reject)
		x->o->on_reject(x->o->reject_ctx, r->line, &e);
	return 0;
}

int import_exec(db *d, const principal *who, const import_def *def, void *ctx, const import_opts *o,
		import_result *res, err *e)
{
	memset(res, 0, sizeof *res);
	tab_report_init(&res->report, o->keep_errors);
	if (db_begin(d, e) != 0)
		return -1;
	struct run x = {.d = d, .def = def, .ctx = ctx, .o = o, .res = res};
	if (def->start && def->start(ctx, e) != 0) {
		db_rollback(d);
		return -1;
	}
	tab_opts to = {.progress = o->progress,
		       .progress_ctx = o->progress_ctx,
		       .progress_every = o->progress_every};
	tab_info info;
	int rc = o->path ? tab_read_file(def->spec, o->path, &to, run_row, &x, &info, e)
			 : tab_read_mem(def->spec, o->data, o->len, &to, run_row, &x, &info, e);
	res->format = info.format;
	res->encoding = info.encoding;
	if (err_isset(&x.fatal))
		*e = x.fatal;
	if (def->finish) {
		err fe = {0};
		if (def->finish(ctx, rc == 0, rc == 0 ? e : &fe) != 0 && rc == 0)
			rc = -1;
	}
	if (rc != 0)
		goto fail;
	res->stored = !(o->all_or_nothing && res->rejected);
	if (!res->stored) {
		db_rollback(d);
		return 0;
	}
	if (def->audit_action) {
		json_t *det = def->audit_detail ? def->audit_detail(ctx, res) : NULL;
		int arc = audit_append(d, who, def->audit_action, def->audit_entity, o->audit_entity_id, det,
				       e);
		json_decref(det);
		if (arc != 0)
			goto fail;
	}
	if (db_commit(d, e) != 0)
		goto fail;
	return 0;
fail:
	db_rollback(d);
	res->stored = false;
	return -1;
}

void import_result_free(import_result *res)
{
	tab_report_free(&res->report);
}

json_t *import_errors_json(const import_def *def, const import_result *res)
{
	json_t *a = json_array();
	bool always = def->flags & IMPORT_FIELD_ALWAYS;
	for (size_t i = 0; i < res->report.kept; i++) {
		const tab_reject *r = &res->report.items[i];
		json_array_append_new(a,
				      json_pack("{s:I,s:s?,s:s,s:s,s:s}", "line", (json_int_t)r->line,
						"field", always || r->e.field[0] ? r->e.field : NULL, "code",
						r->e.code, "message_zh", r->e.zh, "message_en", r->e.en));
	}
	return a;
}

int import_preview_end(bool preview, bool ok, err *e)
{
	if (ok && preview)
		return err_set(e, 200, "preview", NULL, "预览：未保存", "preview: nothing stored");
	return 0;
}
