/* reference.c: /api/v1/regions and /api/v1/occupations (the catalogue; public reads) */
#include "util/common.h"
#include "api/base/api.h"
#include "api/registry/handlers.h"
#include "svc/base/columns.h"
#include "svc/registry/refdata_load.h"
#include "svc/registry/standards.h"
#include "core/date.h"
#include "core/workdays.h"
#include <stdlib.h>

int h_regions(req *r)
{
	db *d = api_db(r);
	if (!d)
		return -1;
	query q;
	q_init(&q, "SELECT code, name, parent_code, level FROM regions");
	const char *parent = req_query(r, "parent"), *level = req_query(r, "level");
	if (parent)
		q_and(&q, "parent_code = ?", DV_S(parent));
	if (level)
		q_and(&q, "level = ?", DV_S(level));
	q_sql(&q, " ORDER BY code");
	db_stmt *st = q_query(d, &q, &r->e);
	q_free(&q);
	if (!st)
		return -1;
	json_t *items = json_array();
	while (db_step(st) == DB_ROW)
		json_array_append_new(items,
				      json_pack("{s:s,s:s,s:o,s:s}", "code", db_text(st, 0), "name",
						db_text(st, 1), "parent_code",
						db_isnull(st, 2) ? json_null() : json_string(db_text(st, 2)),
						"level", db_text(st, 3)));
	if (db_finish(st, &r->e) != 0) {
		json_decref(items);
		return -1;
	}
	return req_reply(r, 200,
			 json_pack("{s:I,s:o}", "total", (json_int_t)json_array_size(items), "items", items));
}

static json_t *occ_row(db_stmt *st)
{
	json_t *lv = json_array();
	char text[16] = "";
	int64_t mask = db_int(st, 3);
	for (int l = 5; l >= 1; l--)
		if (mask & (1 << l)) {
			json_array_append_new(lv, json_integer(l));
			snprintf(text + strlen(text), sizeof text - strlen(text), "%s%d", text[0] ? "|" : "",
				 l);
		}
	return json_pack("{s:s,s:s,s:o,s:o,s:s,s:s,s:s}", "code", db_text(st, 0), "name", db_text(st, 1),
			 "category", db_isnull(st, 2) ? json_null() : json_integer(db_int(st, 2)), "levels",
			 lv, "levels_text", text, "types", db_text(st, 4), "kind", db_text(st, 5));
}

int h_occupations(req *r)
{
	int64_t limit, offset;
	if (api_paging(r, &limit, &offset) != 0)
		return -1;
	db *d = api_db(r);
	if (!d)
		return -1;
	query w;
	q_init(&w, "");
	const char *name = req_query(r, "name"), *kind = req_query(r, "kind"),
		   *cat = req_query(r, "category");
	if (name) {
		q_and_like(&w, "(name LIKE ? OR code LIKE ?)", "%", name, "%");
	}
	if (kind)
		q_and(&w, "kind = ?", DV_S(kind));
	if (cat)
		q_and(&w, "category = ?", DV_I(atoi(cat)));
	int64_t total;
	db_stmt *st = q_page(d, &w, "SELECT COUNT(*) FROM occupations",
			     "SELECT code, name, category, levels, types, kind FROM occupations", "code",
			     limit, offset, &total, &r->e);
	q_free(&w);
	if (!st)
		return -1;
	json_t *items = json_array();
	while (db_step(st) == DB_ROW)
		json_array_append_new(items, occ_row(st));
	if (db_finish(st, &r->e) != 0) {
		json_decref(items);
		return -1;
	}
	return api_list(r, json_pack("{s:o,s:I}", "items", items, "total", (json_int_t)total),
			cols_occupations, ncols_occupations, "occupations");
}

/* occ_reply: one occupation by its code, with the given status */
static int occ_reply(req *r, const char *code, int status)
{
	db *d = api_db(r);
	if (!d)
		return -1;
	db_stmt *st = db_query(
		d, "SELECT code, name, category, levels, types, kind FROM occupations WHERE code = $1",
		DB_ARGS(DV_S(code)), &r->e);
	if (!st)
		return -1;
	json_t *o = db_row(st, &r->e) > 0 ? occ_row(st) : NULL;
	db_done(st);
	if (!o)
		return err_isset(&r->e)
			       ? -1
			       : err_set(&r->e, 404, "not_found", NULL, "职业不存在", "no such occupation");
	return req_reply(r, status, o);
}

int h_occupation_get(req *r)
{
	return occ_reply(r, r->params[0], 200);
}

int h_occupation_create(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	const char *code = jreq(b, "code", &r->e), *name = jreq(b, "name", &r->e),
		   *types = jstr(b, "types", &r->e), *kind = jstr(b, "kind", &r->e),
		   *levels = jstr(b, "levels", &r->e);
	int64_t cat = jint(b, "category", 0, &r->e);
	if (err_isset(&r->e) || check_text(name, "name", 60, true, &r->e) ||
	    check_text(types, "types", 400, false, &r->e))
		return -1;
	char catbuf[8];
	snprintf(catbuf, sizeof catbuf, "%lld", (long long)cat);
	db *d = api_db(r);
	if (db_begin(d, &r->e) != 0)
		return -1;
	if (occupation_add(d, code, name, cat ? catbuf : NULL, levels, types, kind, false, &r->e) < 0)
		return tx_fail(d);
	json_t *det = json_deep_copy(b);
	int bad = audit_append(d, &r->who, "occupation.create", "occupation", code, det, &r->e) != 0 ||
		  db_commit(d, &r->e) != 0;
	json_decref(det);
	if (bad)
		return tx_fail(d);
	return occ_reply(r, code, 201); /* the route has no {code}: reply with the one just created */
}

/* GET /api/v1/calendar/workdays?from=YYYY-MM-DD&days=N: the last day of a period of N working days (公示期)
 */
int h_workdays(req *r)
{
	const char *from = req_query(r, "from"), *days = req_query(r, "days");
	int start, n = days ? atoi(days) : 5;
	if (!from || date_parse(from, &start) != 0)
		return err_set(&r->e, 422, "invalid_date", "from", "from 应为日期 YYYY-MM-DD",
			       "from must be a date YYYY-MM-DD");
	if (n < 1 || n > 60)
		return err_set(&r->e, 422, "invalid_value", "days", "days 应在 1 到 60 之间",
			       "days must be 1..60");
	db *d = api_db(r);
	size_t ncal = 0;
	struct cal_day *cal = d ? calendar_load(d, &ncal, &r->e) : NULL;
	if (!cal)
		return -1;
	int end = workdays_end(start, n, cal, ncal);
	json_t *skipped = json_array();
	for (long x = date_to_days(start), e = date_to_days(end); x <= e; x++) {
		int ymd = date_from_days(x);
		if (!is_workday(ymd, cal, ncal)) {
			char s[11];
			date_format(ymd, s);
			json_array_append_new(skipped, json_string(s));
		}
	}
	free(cal);
	char es[11];
	date_format(end, es);
	return req_reply(
		r, 200,
		json_pack("{s:s,s:i,s:s,s:o}", "from", from, "days", n, "end", es, "rest_days", skipped));
}

/* /api/v1/occupations/{code}/standards (standards.c) */
int h_standards_add(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	const char *version = jreq(b, "version", &r->e), *tpl = jreq(b, "template", &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	if (!d ||
	    standard_add(d, &r->who, r->params[0], version, tpl, json_object_get(b, "profile"), &r->e) != 0)
		return -1;
	json_t *o = standard_list_json(d, r->params[0], &r->e);
	return o ? req_reply(r, 201, o) : -1;
}

int h_standards_list(req *r)
{
	db *d = api_db(r);
	json_t *o = d ? standard_list_json(d, r->params[0], &r->e) : NULL;
	return o ? req_reply(r, 200, o) : -1;
}
