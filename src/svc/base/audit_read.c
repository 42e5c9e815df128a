/* audit_read.c: the audit archive as a list (audit_read.h) */
#include "util/common.h"
#include "svc/base/audit_read.h"
#include "svc/base/columns.h"
#include "store/query.h"
#include <time.h>

void audit_time_text(int64_t at_ms, char out[32])
{
	time_t t = (time_t)(at_ms / 1000) + 8 * 3600; /* Asia/Shanghai */
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%d %H:%M:%S", &tm);
}

json_t *audit_view(db_stmt *st)
{
	char ts[32];
	int64_t at = db_int(st, 1);
	audit_time_text(at, ts);
	return json_pack("{s:I,s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "seq", (json_int_t)db_int(st, 0), "at",
			 (json_int_t)at, "time", ts, "actor", db_text(st, 2), "role", db_text(st, 3),
			 "action", db_text(st, 4), "entity", db_text(st, 5), "entity_id", db_text(st, 6),
			 "detail", db_text(st, 7), "hash", db_text(st, 8));
}

/* YYYY-MM-DD (Asia/Shanghai midnight) or epoch milliseconds */
static int64_t parse_time_ms(const char *s)
{
	int y, m, d;
	if (sscanf(s, "%4d-%2d-%2d", &y, &m, &d) == 3) {
		struct tm tm = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d};
		return ((int64_t)timegm(&tm) - 8 * 3600) * 1000;
	}
	return atoll(s);
}

static int filter_from(query *w, const char *frag, const char *v, err *e)
{
	UNUSED(e);
	q_and(w, frag, DV_I(parse_time_ms(v)));
	return 0;
}

/* a day given as YYYY-MM-DD is included whole */
static int filter_to(query *w, const char *frag, const char *v, err *e)
{
	UNUSED(e);
	q_and(w, frag, DV_I(parse_time_ms(v) + (strlen(v) == 10 ? 86400000 : 0)));
	return 0;
}

static const struct list_filter audit_filters[] = {
	{"actor", "a.actor = ?", LIST_EQ},
	{"entity", "a.entity = ?", LIST_EQ},
	{"entity_id", "a.entity_id = ?", LIST_EQ},
	{"action", "a.action = ?", LIST_EQ},
	{"from", "a.at >= ?", LIST_FN, .fn = filter_from},
	{"to", "a.at < ?", LIST_FN, .fn = filter_to},
};

const struct list_spec audit_list = {
	.name = "audit",
	.scoped = true,
	.entity = SE_AUDIT,
	.count_sql = "SELECT COUNT(*) FROM audit_log a",
	.select_sql = "SELECT " AUDIT_VIEW_COLS " FROM audit_log a",
	.order = "a.seq DESC",
	LIST_FILTERS(audit_filters),
	.view = audit_view,
	LIST_COLS(cols_audit),
};
