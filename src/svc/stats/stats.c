/* stats.c: 统计概览 and 统计钻取 for the dashboards (stats.h). Every figure of the chain is read from the
 * statistics counters (stat_counts, kept by the writers: counters.h), never from the raw tables; only the
 * holders of 高技能 certificates, the persons and the institutions are counted from their own tables. */
#include "util/common.h"
#include "core/statkey.h"
#include "store/query.h"
#include "svc/stats/stats.h"
#include "svc/stats/view.h"
#include "svc/stats/sumset.h"
#include "svc/stats/stats_int.h"
#include "svc/stats/cache.h"
#include "svc/registry/view.h"
#include "core/certno.h"
#include "core/date.h"
#include "core/groupkey.h"
#include "doc/report_xlsx.h"

/* the rows of stat_counts sc principal a may read: the read reach of certificates (every counted entity
 * is bound the same way: a region, and an institution where it has one) */
void stats_counts_scope(query *q, const principal *a)
{
	switch (scope_reach_of(a, SE_CERTIFICATE, SCOPE_READ)) {
	case REACH_ALL:
		return;
	case REACH_REGION:
		q_and_like(q, "sc.region_code LIKE ?", "", a->region, "%");
		return;
	case REACH_INSTITUTION:
		q_and(q, "sc.institution_id = ?", DV_I(a->institution_id));
		return;
	default:
		q_and(q, "1 = 0", DV_NULL);
	}
}

db_stmt *stats_drill_counts(db *d, const principal *a, const struct stats_drill_input *in, bool kg,
			    const char *head, const char *keyexpr, const char *prefix,
			    const char *const period[4], err *e)
{
	query q;
	q_init(&q, head);
	q_and_like(&q, "sc.region_code LIKE ?", "", prefix, "%");
	stats_counts_scope(&q, a);
	if (kg)
		q_and(&q, "sc.category = ?", DV_S(in->key_group));
	if (in->occupation && *in->occupation)
		q_and(&q, "sc.occupation_code = ?", DV_S(in->occupation));
	if (in->level != -2)
		q_and(&q, "sc.level = ?", DV_I(in->level));
	if (in->inst_type && *in->inst_type)
		q_and(&q, "sc.inst_type = ?", DV_S(in->inst_type));
	if (in->institution_id > 0)
		q_and(&q, "sc.institution_id = ?", DV_I(in->institution_id));
	q_and(&q, "((sc.month >= ?", DV_S(period[0]));
	q_arg(&q, " AND sc.month <= ?)", DV_S(period[1]));
	q_arg(&q, " OR (sc.month >= ?", DV_S(period[2]));
	q_arg(&q, " AND sc.month <= ?))", DV_S(period[3]));
	char group[160];
	snprintf(group, sizeof group, " GROUP BY %s, sc.metric, sc.month", keyexpr);
	q_sql(&q, group);
	db_stmt *st = q_query(d, &q, e);
	q_free(&q);
	return st;
}

static json_t *rows_of(db *d, query *q, json_t *(*view)(db_stmt *st), err *e)
{
	json_t *rows = rows_json(q_query(d, q, e), view, e);
	q_free(q);
	return rows;
}

static int64_t scalar(db *d, query *q, err *e)
{
	db_stmt *st = q_query(d, q, e);
	q_free(q);
	if (!st)
		return -1;
	int64_t v = db_row(st, e) > 0 ? db_int(st, 0) : err_isset(e) ? -1 : 0;
	db_done(st);
	return v;
}

#define ISSUED	  "sc.metric = 'cert.issued'"
#define CERT_FROM " FROM certificates c JOIN institutions i ON i.id = c.institution_id"

/* 使用与激励 (issue 22): the counters of posts, selections and allowances, all time, in the caller's scope:
 * {"post_appointed", "selection_nominated", "selection_appointed", "selection_ended", "allowance_paid",
 * "allowance_paid_fen", "allowance_recovered", "allowance_recovered_fen"} */
static json_t *incentive_json(db *d, const principal *a, err *e)
{
	static const struct {
		enum stat_metric m;
		const char *n, *amount;
	} parts[] = {
		{SM_POST_APPOINTED, "post_appointed", NULL},
		{SM_SEL_NOMINATED, "selection_nominated", NULL},
		{SM_SEL_APPOINTED, "selection_appointed", NULL},
		{SM_SEL_ENDED, "selection_ended", NULL},
		{SM_ALLOWANCE_PAID, "allowance_paid", "allowance_paid_fen"},
		{SM_ALLOWANCE_RECOVERED, "allowance_recovered", "allowance_recovered_fen"},
	};
	json_t *out = json_object();
	for (size_t i = 0; i < ARRAY_LEN(parts); i++) {
		json_object_set_new(out, parts[i].n, json_integer(0));
		if (parts[i].amount)
			json_object_set_new(out, parts[i].amount, json_integer(0));
	}
	query q;
	q_init(&q,
	       "SELECT sc.metric, COALESCE(SUM(sc.n), 0), COALESCE(SUM(sc.amount), 0) FROM stat_counts sc");
	q_and(&q,
	      "sc.metric IN ('post.appointed', 'selection.nominated', 'selection.appointed', "
	      "'selection.ended', 'allowance.paid', 'allowance.recovered')",
	      DV_NULL);
	stats_counts_scope(&q, a);
	q_sql(&q, " GROUP BY sc.metric");
	db_stmt *st = q_query(d, &q, e);
	q_free(&q);
	if (!st) {
		json_decref(out);
		return NULL;
	}
	while (db_step(st) == DB_ROW) {
		int m = stat_metric_parse(db_text(st, 0));
		for (size_t i = 0; i < ARRAY_LEN(parts); i++) {
			if ((int)parts[i].m != m)
				continue;
			json_object_set_new(out, parts[i].n, json_integer(db_int(st, 1)));
			if (parts[i].amount)
				json_object_set_new(out, parts[i].amount, json_integer(db_int(st, 2)));
		}
	}
	if (db_finish(st, e)) {
		json_decref(out);
		return NULL;
	}
	return out;
}

json_t *stats_overview_json(db *d, const principal *a, err *e)
{
	json_t *out = json_object();
	json_t *v;
	query q;

	q_init(&q, "SELECT sc.month, SUM(sc.n) FROM stat_counts sc");
	q_and(&q, ISSUED, DV_NULL);
	stats_counts_scope(&q, a);
	q_sql(&q, " GROUP BY sc.month HAVING SUM(sc.n) <> 0 ORDER BY 1");
	if (!(v = rows_of(d, &q, month_count_view, e)))
		goto fail;
	json_object_set_new(out, "certificates_by_month", v);

	q_init(&q, "SELECT sc.level, SUM(sc.n) FROM stat_counts sc");
	q_and(&q, ISSUED, DV_NULL);
	stats_counts_scope(&q, a);
	q_sql(&q, " GROUP BY sc.level HAVING SUM(sc.n) <> 0 ORDER BY 1");
	if (!(v = rows_of(d, &q, level_count_view, e)))
		goto fail;
	json_object_set_new(out, "certificates_by_level", v);

	/* grouped in an inner query so that PostgreSQL and SQLite accept the same text */
	q_init(&q, "SELECT x.code, x.n, r.name FROM (SELECT substr(sc.region_code, 1, 4) || '00' AS code, "
		   "SUM(sc.n) AS n FROM stat_counts sc");
	q_and(&q, ISSUED, DV_NULL);
	stats_counts_scope(&q, a);
	q_sql(&q,
	      " GROUP BY substr(sc.region_code, 1, 4) HAVING SUM(sc.n) <> 0) x LEFT JOIN regions r ON r.code "
	      "= x.code ORDER BY 2 DESC, 1");
	if (!(v = rows_of(d, &q, city_count_view, e)))
		goto fail;
	json_object_set_new(out, "certificates_by_city", v);

	q_init(&q,
	       "SELECT x.occ, COALESCE(o.name, x.occ), x.sat, x.passed FROM (SELECT sc.occupation_code AS "
	       "occ, SUM(CASE WHEN sc.metric = 'result.sat' THEN sc.n ELSE 0 END) AS sat, SUM(CASE WHEN "
	       "sc.metric = 'result.passed' THEN sc.n ELSE 0 END) AS passed FROM stat_counts sc");
	q_and(&q, "sc.metric IN ('result.sat', 'result.passed')", DV_NULL);
	stats_counts_scope(&q, a);
	q_sql(&q,
	      " GROUP BY sc.occupation_code) x LEFT JOIN occupations o ON o.code = x.occ WHERE x.sat <> 0 "
	      "ORDER BY 3 DESC, 1");
	if (!(v = rows_of(d, &q, pass_rate_view, e)))
		goto fail;
	json_object_set_new(out, "pass_rates", v);

	q_init(&q, "SELECT COALESCE(SUM(sc.n), 0) FROM stat_counts sc");
	q_and(&q, ISSUED, DV_NULL);
	stats_counts_scope(&q, a);
	int64_t n = scalar(d, &q, e);
	if (n < 0)
		goto fail;
	json_object_set_new(out, "certificates_total", json_integer(n));

	/* distinct holders: not a sum of counters */
	q_init(&q, "SELECT COUNT(DISTINCT c.person_id)" CERT_FROM);
	q_and(&q, "c.status = 'valid'", DV_NULL);
	q_and(&q, "c.level BETWEEN 1 AND 3", DV_NULL);
	scope_where(&q, a, SE_CERTIFICATE, SCOPE_READ);
	if ((n = scalar(d, &q, e)) < 0)
		goto fail;
	json_object_set_new(out, "high_skill_total", json_integer(n));

	/* persons: those the caller's person scope reaches (the same rows as its person list); supervisors,
	 * who read no person records, count the persons living in their assigned region */
	q_init(&q, "SELECT COUNT(*) FROM persons p");
	if (a->role == ROLE_SUPERVISOR) {
		char pat[20];
		snprintf(pat, sizeof pat, "%s%%", a->region);
		q_and(&q, "p.region_code LIKE ?", DV_S(pat));
	} else {
		scope_where(&q, a, SE_PERSON, SCOPE_READ);
	}
	if ((n = scalar(d, &q, e)) < 0)
		goto fail;
	json_object_set_new(out, "persons_total", json_integer(n));

	q_init(&q, "SELECT COUNT(*) FROM institutions i");
	scope_where(&q, a, SE_INSTITUTION, SCOPE_READ);
	if ((n = scalar(d, &q, e)) < 0)
		goto fail;
	json_object_set_new(out, "institutions_total", json_integer(n));
	if (!(v = incentive_json(d, a, e)))
		goto fail;
	json_object_set_new(out, "incentive", v);
	return out;
fail:
	json_decref(out);
	return NULL;
}

/* ---- 统计钻取 ---- */

static const char *const by_names[] = {"region", "occupation", "level", "inst_type", "month"};

static int drow_cmp(const void *x, const void *y)
{
	const struct sumrow *a = x, *b = y;
	/* levels numerically ("-1" < "0" < ... < "5"), every other key as text */
	if ((a->key[0] == '-' || (a->key[0] >= '0' && a->key[0] <= '9' && !a->key[1])) &&
	    (b->key[0] == '-' || (b->key[0] >= '0' && b->key[0] <= '9' && !b->key[1])))
		return atoi(a->key) - atoi(b->key);
	return strcmp(a->key, b->key);
}

static int bad(err *e, const char *field, const char *zh, const char *en)
{
	/* the English text is the second argument ("%.0s" skips the Chinese one) */
	return err_set(e, 422, "invalid_value", field, "%s", "%.0s%s", zh, en);
}

static int out_of_scope(err *e, const char *field)
{
	return err_set(e, 403, "forbidden", field, "超出本账号的数据范围：只能查看本辖区（本机构）的统计",
		       "outside your data scope: only your own region's (institution's) figures");
}

/* an institution's region code; 404 when there is none */
static int inst_region(db *d, int64_t id, char out[16], err *e)
{
	db_stmt *st = db_query(d, "SELECT region_code FROM institutions WHERE id = $1", DB_ARGS(DV_I(id)), e);
	int rc = st ? db_row(st, e) : -1;
	if (rc > 0)
		snprintf(out, 16, "%s", db_text(st, 0));
	db_done(st);
	if (rc == 0)
		return err_set(e, 404, "not_found", "institution_id", "机构不存在", "no such institution");
	return rc > 0 ? 0 : -1;
}

/* the caller's own region as a 6-digit code (the default drill-down) and whether it may drill into
 * `region` and `institution` */
int stats_drill_scope(db *d, const principal *a, const struct stats_drill_input *in, char region[8], err *e)
{
	enum scope_reach reach = scope_reach_of(a, SE_CERTIFICATE, SCOPE_READ);
	char own[16] = "", pre[8];
	if (reach == REACH_INSTITUTION && inst_region(d, a->institution_id, own, e) != 0)
		return -1;
	if (in->institution_id > 0) {
		char ir[16];
		if (inst_region(d, in->institution_id, ir, e) != 0)
			return -1;
		if ((reach == REACH_REGION && !region_covers(a->region, ir)) ||
		    (reach == REACH_INSTITUTION && in->institution_id != a->institution_id) ||
		    (reach != REACH_ALL && reach != REACH_REGION && reach != REACH_INSTITUTION))
			return out_of_scope(e, "institution_id");
	}
	if (in->region && *in->region) {
		if (stat_region_level(in->region) == SRL_BAD)
			return bad(e, "region", "地区代码应为 6 位行政区划代码",
				   "region must be a 6-digit region code");
		snprintf(region, 8, "%s", in->region);
	} else if (reach == REACH_ALL) {
		db_stmt *st =
			db_query(d, "SELECT code FROM regions WHERE level = 'province' ORDER BY code LIMIT 1",
				 DB_NOARGS, e);
		int rc = st ? db_row(st, e) : -1;
		snprintf(region, 8, "%s", rc > 0 ? db_text(st, 0) : "370000");
		db_done(st);
		if (rc < 0)
			return -1;
	} else if (reach == REACH_REGION) {
		snprintf(region, 8, "%.6s", a->region);
		for (size_t i = strlen(region); i < 6; i++)
			region[i] = '0';
		region[6] = 0;
	} else if (reach == REACH_INSTITUTION) {
		if (stat_region_at(own, SRL_CITY, region) != 0)
			snprintf(region, 8, "%.6s", own);
	} else {
		return out_of_scope(e, NULL);
	}
	if (stat_region_prefix(region, pre) != 0)
		return bad(e, "region", "地区代码应为 6 位行政区划代码",
			   "region must be a 6-digit region code");
	switch (reach) {
	case REACH_ALL:
		return 0;
	case REACH_REGION:
		return region_covers(a->region, region) ? 0 : out_of_scope(e, "region");
	case REACH_INSTITUTION:
		return region_covers(pre, own) ? 0 : out_of_scope(e, "region");
	default:
		return out_of_scope(e, NULL);
	}
}

int stats_parse_period(const struct stats_drill_input *in, char from[8], char to[8], err *e)
{
	char now[8], today[11];
	date_format(date_today_utc8(), today);
	stat_month_of_date(today, now);
	if (in->to && *in->to) {
		if (stat_month_shift(in->to, 0, to) != 0)
			return bad(e, "to", "月份应为 YYYY-MM", "to must be a month YYYY-MM");
	} else {
		memcpy(to, now, 8);
	}
	if (in->from && *in->from) {
		if (stat_month_shift(in->from, 0, from) != 0)
			return bad(e, "from", "月份应为 YYYY-MM", "from must be a month YYYY-MM");
	} else {
		memcpy(from, to, 8);
		from[5] = '0';
		from[6] = '1';
	}
	if (strcmp(from, to) > 0)
		return bad(e, "from", "起始月份不能晚于截止月份", "from must not be after to");
	char limit[8];
	if (stat_month_shift(to, -119, limit) == 0 && strcmp(from, limit) < 0)
		return bad(e, "from", "期间最长 10 年", "the period is at most 10 years");
	return 0;
}

static int parse_metrics(const char *list, bool sel[SM_COUNT], err *e)
{
	if (!list || !*list) {
		for (int m = 0; m < SM_COUNT; m++)
			sel[m] = true;
		return 0;
	}
	for (int m = 0; m < SM_COUNT; m++)
		sel[m] = false;
	char buf[512];
	if (strlen(list) >= sizeof buf)
		return bad(e, "metrics", "指标过多", "too many metrics");
	snprintf(buf, sizeof buf, "%s", list);
	char *save = NULL;
	for (char *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		int m = stat_metric_parse(tok);
		if (m < 0)
			return err_set(e, 422, "invalid_value", "metrics", "未知的统计指标：%s",
				       "unknown metric: %s", tok);
		sel[m] = true;
	}
	return 0;
}

/* the names of the rows' keys */
static int name_rows(db *d, enum stats_by by, const char *prefix, json_t *rows, err *e)
{
	if (by == STATS_BY_REGION || by == STATS_BY_OCCUPATION) {
		query q;
		if (by == STATS_BY_REGION) {
			q_init(&q, "SELECT code, name FROM regions");
			q_and_like(&q, "code LIKE ?", "", prefix, "%");
		} else {
			q_init(&q, "SELECT code, name FROM occupations");
		}
		db_stmt *st = q_query(d, &q, e);
		q_free(&q);
		if (!st)
			return -1;
		while (db_step(st) == DB_ROW) {
			size_t i;
			json_t *r;
			json_array_foreach(rows, i, r)
			{
				if (!strcmp(json_string_value(json_object_get(r, "key")), db_text(st, 0)))
					json_object_set_new(r, "name", json_string(db_text(st, 1)));
			}
		}
		return db_finish(st, e);
	}
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r)
	{
		const char *k = json_string_value(json_object_get(r, "key"));
		const char *name = k;
		if (by == STATS_BY_LEVEL)
			name = !strcmp(k, "-1") ? "不分等级" : level_name_zh(atoi(k));
		else if (by == STATS_BY_INST_TYPE)
			name = *k ? inst_type_name(k) : "不区分机构";
		json_object_set_new(r, "name", json_string(name));
	}
	return 0;
}

/* the drill-down by 重点群体 (in->key_group set): the category must exist (its name into `name`); the
 * counters by category have no occupation nor institution type (by or filter: 422); the metrics are those
 * counted by category (all of them by default; one without: 422) */
static int drill_key_group(db *d, const struct stats_drill_input *in, int by, bool sel[SM_COUNT],
			   char name[96], err *e)
{
	const char *code = in->key_group;
	db_stmt *st = strlen(code) < 32
			      ? db_query(d, "SELECT name FROM person_category_kinds WHERE code = $1",
					 DB_ARGS(DV_S(code)), e)
			      : NULL;
	int rc = st ? db_row(st, e) : strlen(code) < 32 ? -1 : 0;
	if (rc > 0)
		snprintf(name, 96, "%s", db_text(st, 0));
	db_done(st);
	if (rc < 0)
		return -1;
	if (rc == 0)
		return err_set(e, 422, "invalid_value", "key_group", "未知的重点群体类别：%.31s",
			       "unknown person category: %.31s", code);
	if (by == STATS_BY_OCCUPATION || by == STATS_BY_INST_TYPE)
		return bad(e, "by", "按重点群体钻取只能按地区、等级或月份分组",
			   "by key_group: by must be region, level or month");
	if ((in->occupation && *in->occupation) || (in->inst_type && *in->inst_type))
		return bad(e, in->occupation && *in->occupation ? "occupation" : "inst_type",
			   "按重点群体的计数不分职业和机构类型",
			   "the counters by category have no occupation or institution type");
	bool all = !in->metrics || !*in->metrics;
	for (int m = 0; m < SM_COUNT; m++) {
		if (!sel[m] || group_metric_of_stat(stat_metric_name((enum stat_metric)m)) >= 0)
			continue;
		if (!all)
			return err_set(e, 422, "invalid_value", "metrics",
				       "指标 %s 没有按重点群体的计数（无对应人员）",
				       "metric %s is not counted by category (it has no person)",
				       stat_metric_name((enum stat_metric)m));
		sel[m] = false;
	}
	return 0;
}

json_t *stats_drill_json(db *d, const principal *a, const struct stats_drill_input *in, err *e)
{
	int by = STATS_BY_REGION;
	if (in->by && *in->by) {
		for (by = 0; by < (int)ARRAY_LEN(by_names) && strcmp(in->by, by_names[by]); by++)
			;
		if (by == (int)ARRAY_LEN(by_names)) {
			bad(e, "by", "分组应为 region、occupation、level、inst_type 或 month",
			    "by must be region, occupation, level, inst_type or month");
			return NULL;
		}
	}
	char region[8] = "", prefix[8], from[8], to[8], lfrom[8], lto[8];
	bool sel[SM_COUNT];
	if (in->level != -2 && (in->level < -1 || in->level > 5)) {
		bad(e, "level", "等级应为 0 至 5（-1 为不分等级）", "level must be 0..5 (-1: no level)");
		return NULL;
	}
	if (stats_parse_period(in, from, to, e) != 0 || parse_metrics(in->metrics, sel, e) != 0)
		return NULL;
	char kgname[96] = "";
	bool kg = in->key_group && *in->key_group;
	if (kg && (drill_key_group(d, in, by, sel, kgname, e) != 0))
		return NULL;
	if (stats_drill_scope(d, a, in, region, e) != 0)
		return NULL;
	stat_month_shift(from, -12, lfrom);
	stat_month_shift(to, -12, lto);
	stat_region_prefix(region, prefix);
	enum stat_region_level rl = stat_region_level(region);
	const char *keyexpr =
		by == STATS_BY_REGION
			? (rl == SRL_PROVINCE ? "substr(sc.region_code, 1, 4) || '00'" : "sc.region_code")
		: by == STATS_BY_OCCUPATION ? "sc.occupation_code"
		: by == STATS_BY_LEVEL	    ? "CAST(sc.level AS TEXT)"
		: by == STATS_BY_INST_TYPE  ? "sc.inst_type"
					    : "sc.month";
	char head[256];
	snprintf(head, sizeof head, "SELECT %s, sc.metric, sc.month, SUM(sc.n), SUM(sc.amount) FROM %s sc",
		 keyexpr, kg ? "stat_group_counts" : "stat_counts");
	const char *period[4] = {from, to, lfrom, lto};
	db_stmt *st = stats_drill_counts(d, a, in, kg, head, keyexpr, prefix, period, e);
	if (!st)
		return NULL;
	struct sumset dr = {0};
	int64_t total[SM_COUNT][4] = {{0}};
	/* by month: every month of the period has its row, counted or not */
	for (char m[8] = ""; by == STATS_BY_MONTH && strcmp(m, to);) {
		if (!*m)
			memcpy(m, from, 8);
		else
			stat_month_shift(m, 1, m);
		if (!sumset_get(&dr, m)) {
			db_done(st);
			sumset_free(&dr);
			ERR_INTERNAL(e, "stats drill: out of memory");
			return NULL;
		}
	}
	while (db_step(st) == DB_ROW) {
		const char *mname = db_text(st, 1);
		if (kg && mname && !strncmp(mname, "group.", 6))
			mname += 6; /* group.cert.issued counts cert.issued by category */
		int m = stat_metric_parse(mname);
		const char *month = db_text(st, 2);
		if (m < 0 || !sel[m] || !month)
			continue;
		bool cur = strcmp(month, from) >= 0 && strcmp(month, to) <= 0;
		char key[40];
		if (by == STATS_BY_MONTH) {
			if (!cur && stat_month_shift(month, 12, key) != 0)
				continue;
			if (cur)
				snprintf(key, sizeof key, "%s", month);
		} else {
			snprintf(key, sizeof key, "%s", db_isnull(st, 0) ? "" : db_text(st, 0));
		}
		struct sumrow *r = sumset_get(&dr, key);
		if (!r) {
			db_done(st);
			sumset_free(&dr);
			ERR_INTERNAL(e, "stats drill: out of memory");
			return NULL;
		}
		int off = cur ? 0 : 2;
		r->v[m][off] += db_int(st, 3);
		r->v[m][off + 1] += db_int(st, 4);
		total[m][off] += db_int(st, 3);
		total[m][off + 1] += db_int(st, 4);
	}
	if (db_finish(st, e) != 0) {
		sumset_free(&dr);
		return NULL;
	}
	json_t *rows = json_array(), *mets = json_array();
	for (int m = 0; m < SM_COUNT; m++)
		if (sel[m])
			json_array_append_new(mets, metric_view((enum stat_metric)m));
	/* rows in key order (regions, occupations, levels, months); the set is not looked up after this */
	if (dr.n)
		qsort(dr.rows, dr.n, sizeof *dr.rows, drow_cmp);
	for (size_t i = 0; i < dr.n; i++)
		json_array_append_new(rows, json_pack("{s:s, s:s, s:o}", "key", dr.rows[i].key, "name",
						      dr.rows[i].key, "values",
						      drill_values_view(sel, dr.rows[i].v)));
	sumset_free(&dr);
	if (name_rows(d, (enum stats_by)by, prefix, rows, e) != 0) {
		json_decref(rows);
		json_decref(mets);
		return NULL;
	}
	char rname[96] = "";
	db_stmt *rn = db_query(d, "SELECT name FROM regions WHERE code = $1", DB_ARGS(DV_S(region)), e);
	int rrc = rn ? db_row(rn, e) : -1;
	if (rrc > 0)
		snprintf(rname, sizeof rname, "%s", db_text(rn, 0));
	db_done(rn);
	if (rrc < 0) {
		json_decref(rows);
		json_decref(mets);
		return NULL;
	}
	json_t *o = json_pack("{s:s, s:s, s:s, s:{s:s, s:s}, s:{s:s, s:s}, s:o, s:o, s:o}", "by",
			      by_names[by], "region", region, "region_name", rname, "period", "from", from,
			      "to", to, "last_year", "from", lfrom, "to", lto, "metrics", mets, "rows", rows,
			      "total", drill_values_view(sel, total));
	if (o && kg) {
		json_object_set_new(o, "key_group", json_string(in->key_group));
		json_object_set_new(o, "key_group_name", json_string(kgname));
	}
	return o;
}

/* ---- the drill-down as XLSX: one sheet per metric, each a table with its 合计 row ---- */

static json_t *values_of(json_t *row, const char *metric)
{
	size_t i;
	json_t *v;
	json_array_foreach(json_object_get(row, "values"), i, v)
	{
		if (!strcmp(json_string_value(json_object_get(v, "metric")), metric))
			return v;
	}
	return NULL;
}

static int64_t jn(json_t *v, const char *k)
{
	return v ? (int64_t)json_integer_value(json_object_get(v, k)) : 0;
}

int stats_drill_xlsx(db *d, const principal *a, const struct stats_drill_input *in, char **out, size_t *len,
		     err *e)
{
	json_t *dj = stats_drill_json(d, a, in, e);
	if (!dj)
		return -1;
	report *r = report_open(e);
	if (!r) {
		json_decref(dj);
		return -1;
	}
	const char *by = json_string_value(json_object_get(dj, "by"));
	static const char *const by_zh[] = {"地区", "职业", "等级", "机构类型", "月份"};
	const char *by_title = by_zh[0];
	for (size_t i = 0; i < ARRAY_LEN(by_names); i++)
		if (!strcmp(by, by_names[i]))
			by_title = by_zh[i];
	json_t *period = json_object_get(dj, "period"), *last = json_object_get(dj, "last_year");
	char title[256], note1[256], note2[160];
	snprintf(note1, sizeof note1, "地区：%s（%s）；本期 %s 至 %s，去年同期 %s 至 %s",
		 json_string_value(json_object_get(dj, "region_name")),
		 json_string_value(json_object_get(dj, "region")),
		 json_string_value(json_object_get(period, "from")),
		 json_string_value(json_object_get(period, "to")),
		 json_string_value(json_object_get(last, "from")),
		 json_string_value(json_object_get(last, "to")));
	snprintf(note2, sizeof note2,
		 "数据来源：统计计数（与业务写入同一事务维护，jineng stats verify 可核对）");
	const char *const notes[] = {note1, note2, NULL};
	size_t mi;
	json_t *m;
	int rc = 0;
	json_array_foreach(json_object_get(dj, "metrics"), mi, m)
	{
		const char *metric = json_string_value(json_object_get(m, "metric"));
		bool money = !strcmp(metric, "claim.paid");
		const struct rcol cols[] = {
			{by_title, RC_TEXT, false, 22},	      {"代码", RC_TEXT, false, 12},
			{"本期", RC_INT, true, 12},	      {"去年同期", RC_INT, true, 12},
			{"本期金额（元）", RC_FEN, true, 16}, {"去年同期金额（元）", RC_FEN, true, 18},
		};
		snprintf(title, sizeof title, "%s（按%s）", json_string_value(json_object_get(m, "name")),
			 by_title);
		char sheet[32];
		snprintf(sheet, sizeof sheet, "%.31s", metric);
		if ((rc = report_sheet(r, sheet, title, notes, cols, money ? 6 : 4, e)) != 0)
			break;
		size_t ri;
		json_t *row;
		json_array_foreach(json_object_get(dj, "rows"), ri, row)
		{
			json_t *v = values_of(row, metric);
			const struct rcell cells[] = {
				{.s = json_string_value(json_object_get(row, "name"))},
				{.s = json_string_value(json_object_get(row, "key"))},
				{.n = jn(v, "n")},
				{.n = jn(v, "n_last_year")},
				{.n = jn(v, "amount")},
				{.n = jn(v, "amount_last_year")},
			};
			if ((rc = report_row(r, cells, e)) != 0)
				break;
		}
		if (rc)
			break;
	}
	json_decref(dj);
	if (rc) {
		report_abort(r);
		return -1;
	}
	return report_close(r, out, len, e);
}

/* ---- the overview as XLSX: each chart's table on a sheet of its own ---- */

int stats_overview_xlsx(db *d, const principal *a, char **out, size_t *len, err *e)
{
	json_t *o = stats_overview_json(d, a, e);
	if (!o)
		return -1;
	report *r = report_open(e);
	if (!r) {
		json_decref(o);
		return -1;
	}
	char note[160];
	snprintf(note, sizeof note, "证书总数 %lld，高技能人才（持三级及以上有效证书人数）%lld",
		 (long long)json_integer_value(json_object_get(o, "certificates_total")),
		 (long long)json_integer_value(json_object_get(o, "high_skill_total")));
	const char *const notes[] = {note, "数据来源：统计计数（与业务写入同一事务维护）", NULL};
	const struct rcol two[] = {{"", RC_TEXT, false, 20}, {"发证数量", RC_INT, true, 12}};
	const struct rcol city[] = {
		{"设区市", RC_TEXT, false, 16}, {"代码", RC_TEXT, false, 10}, {"发证数量", RC_INT, true, 12}};
	const struct rcol pass[] = {{"职业", RC_TEXT, false, 28},
				    {"职业代码", RC_TEXT, false, 14},
				    {"参评人次", RC_INT, true, 12},
				    {"合格人次", RC_INT, true, 12}};
	struct rcol cols[2];
	size_t i;
	json_t *x;
	char buf[32];
	int rc;
	memcpy(cols, two, sizeof cols);
	cols[0].title = "月份";
	if ((rc = report_sheet(r, "按月", "按月发证数量", notes, cols, 2, e)) != 0)
		goto done;
	json_array_foreach(json_object_get(o, "certificates_by_month"), i, x)
	{
		const struct rcell c[] = {{.s = json_string_value(json_object_get(x, "month"))},
					  {.n = json_integer_value(json_object_get(x, "count"))}};
		if ((rc = report_row(r, c, e)) != 0)
			goto done;
	}
	cols[0].title = "等级";
	if ((rc = report_sheet(r, "按等级", "按等级发证数量", notes, cols, 2, e)) != 0)
		goto done;
	json_array_foreach(json_object_get(o, "certificates_by_level"), i, x)
	{
		int level = (int)json_integer_value(json_object_get(x, "level"));
		snprintf(buf, sizeof buf, "%s", level ? level_name_zh(level) : "专项职业能力");
		const struct rcell c[] = {{.s = buf}, {.n = json_integer_value(json_object_get(x, "count"))}};
		if ((rc = report_row(r, c, e)) != 0)
			goto done;
	}
	if ((rc = report_sheet(r, "按设区市", "各市发证数量", notes, city, 3, e)) != 0)
		goto done;
	json_array_foreach(json_object_get(o, "certificates_by_city"), i, x)
	{
		const struct rcell c[] = {{.s = json_string_value(json_object_get(x, "name"))},
					  {.s = json_string_value(json_object_get(x, "region_code"))},
					  {.n = json_integer_value(json_object_get(x, "count"))}};
		if ((rc = report_row(r, c, e)) != 0)
			goto done;
	}
	if ((rc = report_sheet(r, "通过率", "各职业参评与合格人次", notes, pass, 4, e)) != 0)
		goto done;
	json_array_foreach(json_object_get(o, "pass_rates"), i, x)
	{
		const struct rcell c[] = {{.s = json_string_value(json_object_get(x, "name"))},
					  {.s = json_string_value(json_object_get(x, "occupation_code"))},
					  {.n = json_integer_value(json_object_get(x, "sat"))},
					  {.n = json_integer_value(json_object_get(x, "passed"))}};
		if ((rc = report_row(r, c, e)) != 0)
			goto done;
	}
done:
	json_decref(o);
	if (rc) {
		report_abort(r);
		return -1;
	}
	return report_close(r, out, len, e);
}

/* ---- the answers, kept for a moment (cache.h) ---- */

static int make_drill(db *d, const principal *a, const void *p, char **out, size_t *len, err *e)
{
	const struct stats_answer_in *x = p;
	if (x->xlsx)
		return stats_drill_xlsx(d, a, x->in, out, len, e);
	return stats_cache_json(stats_drill_json(d, a, x->in, e), out, len, e);
}

int stats_drill_answer(db *d, const principal *a, const struct stats_drill_input *in, bool xlsx, char **out,
		       size_t *len, err *e)
{
	char key[320];
	struct stats_answer_in x = {in, xlsx};
	bool keep = stats_input_key(key, sizeof key, "drill", in, xlsx);
	struct stats_make m = {make_drill, &x, stats_answer_in_copy, stats_answer_in_release};
	return stats_cache_answer(keep ? key : NULL, d, a, &m, out, len, e);
}

static int make_overview(db *d, const principal *a, const void *p, char **out, size_t *len, err *e)
{
	if (*(const bool *)p)
		return stats_overview_xlsx(d, a, out, len, e);
	return stats_cache_json(stats_overview_json(d, a, e), out, len, e);
}

static void *overview_in_copy(const void *p)
{
	bool *c = malloc(sizeof *c);
	if (c)
		*c = *(const bool *)p;
	return c;
}

int stats_overview_answer(db *d, const principal *a, bool xlsx, char **out, size_t *len, err *e)
{
	struct stats_make m = {make_overview, &xlsx, overview_in_copy, free};
	return stats_cache_answer(xlsx ? "overview|xlsx" : "overview|json", d, a, &m, out, len, e);
}
