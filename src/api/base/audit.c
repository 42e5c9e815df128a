/* audit.c: /api/v1/audit (the archive, for supervisors and administrators) */
#include "util/common.h"
#include "api/base/api.h"
#include "api/base/handlers.h"
#include "svc/base/columns.h"
#include <time.h>

static int64_t parse_time_ms(const char *s)
{
	/* YYYY-MM-DD (Asia/Shanghai midnight) or epoch milliseconds */
	int y, m, d;
	if (s && sscanf(s, "%4d-%2d-%2d", &y, &m, &d) == 3) {
		struct tm tm = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d};
		return ((int64_t)timegm(&tm) - 8 * 3600) * 1000;
	}
	return s ? atoll(s) : 0;
}

int h_audit_list(req *r)
{
	int64_t limit, offset;
	if (api_paging(r, &limit, &offset) != 0)
		return -1;
	db *d = api_db(r);
	if (!d)
		return -1;
	query w;
	q_init(&w, "");
	/* the audit scope (core/scope.c): the province all; a city or a supervisor what the accounts of its
	 * region did */
	scope_where(&w, &r->who, SE_AUDIT, SCOPE_READ);
	const char *actor = req_query(r, "actor"), *entity = req_query(r, "entity"),
		   *eid = req_query(r, "entity_id"), *action = req_query(r, "action"),
		   *from = req_query(r, "from"), *to = req_query(r, "to");
	if (actor)
		q_and(&w, "a.actor = ?", DV_S(actor));
	if (entity)
		q_and(&w, "a.entity = ?", DV_S(entity));
	if (eid)
		q_and(&w, "a.entity_id = ?", DV_S(eid));
	if (action)
		q_and(&w, "a.action = ?", DV_S(action));
	if (from)
		q_and(&w, "a.at >= ?", DV_I(parse_time_ms(from)));
	if (to)
		q_and(&w, "a.at < ?", DV_I(parse_time_ms(to) + (strlen(to) == 10 ? 86400000 : 0)));
	int64_t total;
	db_stmt *st = q_page(
		d, &w, "SELECT COUNT(*) FROM audit_log a",
		"SELECT a.seq, a.at, a.actor, a.role, a.action, a.entity, a.entity_id, a.detail, a.hash FROM "
		"audit_log a",
		"a.seq DESC", limit, offset, &total, &r->e);
	q_free(&w);
	if (!st)
		return -1;
	json_t *items = json_array();
	while (db_step(st) == DB_ROW) {
		int64_t at = db_int(st, 1);
		time_t t = (time_t)(at / 1000) + 8 * 3600;
		struct tm tm;
		gmtime_r(&t, &tm);
		char ts[32];
		strftime(ts, sizeof ts, "%Y-%m-%d %H:%M:%S", &tm);
		json_array_append_new(items, json_pack("{s:I,s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "seq",
						       (json_int_t)db_int(st, 0), "at", (json_int_t)at,
						       "time", ts, "actor", db_text(st, 2), "role",
						       db_text(st, 3), "action", db_text(st, 4), "entity",
						       db_text(st, 5), "entity_id", db_text(st, 6), "detail",
						       db_text(st, 7), "hash", db_text(st, 8)));
	}
	if (db_finish(st, &r->e) != 0) {
		json_decref(items);
		return -1;
	}
	return api_list(r, json_pack("{s:o,s:I}", "items", items, "total", (json_int_t)total), cols_audit,
			ncols_audit, "audit");
}

int h_audit_verify(req *r)
{
	struct audit_report rep;
	db *d = api_db(r);
	if (!d)
		return -1;
	int rc = audit_verify(d, &rep, &r->e);
	if (rc < 0)
		return -1;
	json_t *o = json_pack("{s:b,s:I,s:s}", "intact", rc == 0, "records", (json_int_t)rep.records,
			      "head_hash", rep.head_hash);
	if (rc == 1)
		json_object_set_new(o, "first_bad",
				    json_pack("{s:I,s:s,s:s}", "seq", (json_int_t)rep.bad_seq, "problem",
					      rep.problem, "problem_zh", rep.problem_zh));
	return req_reply(r, 200, o);
}
