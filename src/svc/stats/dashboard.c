/* dashboard.c: 统计看板 (stats.h stats_dashboard_json): the whole chain — 培养, 评价, 使用, 激励 and 监管 —
 * for the province, a city, a county or an institution, this period beside the same period last year, by
 * the next level of regions (the map) and by month. One query over the statistics counters (stat_counts),
 * grouped by the child region, the metric and the month; never the raw tables. A section shows every metric
 * whose name starts with one of its prefixes, so a domain's counters appear here as they are added to
 * core/statkey.c. docs/DOMAIN.md §60. */
#include "util/common.h"
#include "core/statkey.h"
#include "store/query.h"
#include "svc/stats/stats.h"
#include "svc/stats/stats_int.h"
#include "svc/stats/view.h"
#include "svc/stats/sumset.h"
#include "doc/report_xlsx.h"
#include "svc/stats/cache.h"

static const struct section {
	const char *key, *zh;
	const char *prefix[4];
} sections[] = {
	{"cultivation", "培养", {"training.", "claim.", NULL}},
	{"evaluation", "评价", {"registration.", "sitting.", "result.", "cert."}},
	{"use", "使用", {"post.", NULL}},
	{"incentive", "激励", {"competition.", "selection.", "allowance.", NULL}},
	{"supervision", "监管", {"complaint.", "inspection.", NULL}},
};

/* the metrics that carry money (amount in fen) */
static bool money_metric(const char *name)
{
	static const char *const money[] = {"claim.paid", "allowance.paid", "allowance.recovered"};
	for (size_t i = 0; i < ARRAY_LEN(money); i++)
		if (!strcmp(name, money[i]))
			return true;
	return false;
}

/* the section of a metric, -1 none */
static int section_of(enum stat_metric m)
{
	const char *name = stat_metric_name(m);
	for (size_t s = 0; s < ARRAY_LEN(sections); s++)
		for (size_t p = 0; p < ARRAY_LEN(sections[s].prefix) && sections[s].prefix[p]; p++)
			if (!strncmp(name, sections[s].prefix[p], strlen(sections[s].prefix[p])))
				return (int)s;
	return -1;
}

/* the rates the dashboard states, each a metric over another */
static const struct rate {
	const char *key, *zh, *num, *den;
} rates[] = {
	{"pass_rate", "评价合格率", "result.passed", "result.sat"},
	{"approval_rate", "报名审核通过率", "registration.approved", "registration.submitted"},
	{"completion_rate", "培训结业率", "training.completed", "training.enrolled"},
	{"award_rate", "竞赛获奖率", "competition.awarded", "competition.placed"},
};

/* a row's values: every metric of a section that has any count (the rest are 0: left out, so that the 16
 * cities' and the months' rows stay small) */
static json_t *values_json(const int64_t v[SM_COUNT][4])
{
	bool some[SM_COUNT];
	for (int m = 0; m < SM_COUNT; m++)
		some[m] = section_of((enum stat_metric)m) >= 0 && (v[m][0] || v[m][1] || v[m][2] || v[m][3]);
	return drill_values_view(some, v);
}

static json_t *rate_json(const int64_t v[SM_COUNT][4], const struct rate *r)
{
	int num = stat_metric_parse(r->num), den = stat_metric_parse(r->den);
	if (num < 0 || den < 0)
		return NULL;
	json_t *o = json_pack("{s:s,s:s,s:s,s:s}", "key", r->key, "name", r->zh, "numerator", r->num,
			      "denominator", r->den);
	json_object_set_new(o, "value",
			    v[den][0] ? json_real((double)v[num][0] / (double)v[den][0]) : json_null());
	json_object_set_new(o, "value_last_year",
			    v[den][2] ? json_real((double)v[num][2] / (double)v[den][2]) : json_null());
	return o;
}

/* an institution's name and region */
static int inst_of(db *d, int64_t id, char *name, size_t nsz, err *e)
{
	db_stmt *st = db_query(d, "SELECT name FROM institutions WHERE id = $1", DB_ARGS(DV_I(id)), e);
	int rc = st ? db_row(st, e) : -1;
	if (rc > 0)
		snprintf(name, nsz, "%s", db_text(st, 0));
	db_done(st);
	if (rc == 0)
		return err_set(e, 404, "not_found", "institution_id", "机构不存在", "no such institution");
	return rc > 0 ? 0 : -1;
}

json_t *stats_dashboard_json(db *d, const principal *a, const struct stats_drill_input *in0, err *e)
{
	/* institution staff read their institution's dashboard whether they name it or not */
	struct stats_drill_input own = *in0;
	if (scope_reach_of(a, SE_CERTIFICATE, SCOPE_READ) == REACH_INSTITUTION && own.institution_id <= 0)
		own.institution_id = a->institution_id;
	const struct stats_drill_input *in = &own;
	char region[8] = "", prefix[8], from[8], to[8], lfrom[8], lto[8], iname[256] = "";
	if (in->level != -2 && (in->level < -1 || in->level > 5)) {
		err_set(e, 422, "invalid_value", "level", "等级应为 0 至 5（-1 为不分等级）",
			"level must be 0..5 (-1: no level)");
		return NULL;
	}
	if (stats_parse_period(in, from, to, e) != 0 || stats_drill_scope(d, a, in, region, e) != 0)
		return NULL;
	if (in->institution_id > 0 && inst_of(d, in->institution_id, iname, sizeof iname, e) != 0)
		return NULL;
	stat_month_shift(from, -12, lfrom);
	stat_month_shift(to, -12, lto);
	stat_region_prefix(region, prefix);
	enum stat_region_level rl = stat_region_level(region);
	/* the next level down: the province's cities, a city's counties (and the city itself, 市本级, for
	 * rows bound to the city's code), a county itself */
	const char *keyexpr = rl == SRL_PROVINCE ? "substr(sc.region_code, 1, 4) || '00'" : "sc.region_code";
	char head[192];
	snprintf(head, sizeof head,
		 "SELECT %s, sc.metric, sc.month, SUM(sc.n), SUM(sc.amount) FROM stat_counts sc", keyexpr);
	const char *period[4] = {from, to, lfrom, lto};
	db_stmt *st = stats_drill_counts(d, a, in, false, head, keyexpr, prefix, period, e);
	if (!st)
		return NULL;
	struct sumset regions = {0}, months = {0};
	int64_t(*total)[4] = calloc(SM_COUNT, sizeof *total);
	json_t *out = NULL;
	bool oom = !total;
	/* every month of the period has its row */
	for (char m[8] = ""; !oom && strcmp(m, to);) {
		if (!*m)
			memcpy(m, from, 8);
		else
			stat_month_shift(m, 1, m);
		oom = !sumset_get(&months, m);
	}
	while (!oom && db_step(st) == DB_ROW) {
		int m = stat_metric_parse(db_text(st, 1));
		const char *month = db_text(st, 2);
		if (m < 0 || section_of((enum stat_metric)m) < 0 || !month)
			continue;
		bool cur = strcmp(month, from) >= 0 && strcmp(month, to) <= 0;
		char mkey[8];
		if (cur)
			snprintf(mkey, sizeof mkey, "%s", month);
		else if (stat_month_shift(month, 12, mkey) != 0)
			continue;
		struct sumrow *rk = sumset_get(&regions, db_isnull(st, 0) ? "" : db_text(st, 0));
		struct sumrow *mk = sumset_get(&months, mkey);
		if (!rk || !mk) {
			oom = true;
			break;
		}
		int off = cur ? 0 : 2;
		int64_t n = db_int(st, 3), amount = db_int(st, 4);
		rk->v[m][off] += n;
		rk->v[m][off + 1] += amount;
		mk->v[m][off] += n;
		mk->v[m][off + 1] += amount;
		total[m][off] += n;
		total[m][off + 1] += amount;
	}
	if (oom) {
		db_done(st);
		ERR_INTERNAL(e, "stats dashboard: out of memory");
		goto done;
	}
	if (db_finish(st, e) != 0)
		goto done;

	/* the child regions, every one (the map colours all 16 cities), then any counted key not among them
	 */
	json_t *rrows = json_array();
	char rname[96] = "";
	st = db_query(
		d,
		"SELECT code, name, CASE WHEN code = $1 THEN 0 ELSE 1 END FROM regions WHERE code = $1 OR "
		"parent_code = $1 ORDER BY 3, code",
		DB_ARGS(DV_S(region)), e);
	if (!st) {
		json_decref(rrows);
		goto done;
	}
	while (db_step(st) == DB_ROW) {
		const char *code = db_text(st, 0);
		if (!strcmp(code, region)) {
			snprintf(rname, sizeof rname, "%s", db_text(st, 1));
			if (rl == SRL_PROVINCE)
				continue; /* the province's own code: no city row */
		}
		struct sumrow *rk = sumset_find(&regions, code);
		bool own = !strcmp(code, region);
		if (own && !rk)
			continue; /* 市本级 only when something is bound to the city's own code */
		static const int64_t zero[SM_COUNT][4];
		const int64_t(*vals)[4] = rk ? (const int64_t(*)[4])rk->v : zero;
		json_array_append_new(rrows,
				      json_pack("{s:s,s:s,s:o}", "code", code, "name",
						own ? "本级" : db_text(st, 1), "values", values_json(vals)));
		if (rk)
			rk->named = true;
	}
	if (db_finish(st, e) != 0) {
		json_decref(rrows);
		goto done;
	}
	for (size_t i = 0; i < regions.n; i++)
		if (!regions.rows[i].named)
			json_array_append_new(rrows, json_pack("{s:s,s:s,s:o}", "code", regions.rows[i].key,
							       "name", regions.rows[i].key, "values",
							       values_json(regions.rows[i].v)));
	json_t *mrows = json_array();
	for (size_t i = 0; i < months.n; i++)
		json_array_append_new(mrows, json_pack("{s:s,s:o}", "month", months.rows[i].key, "values",
						       values_json(months.rows[i].v)));
	json_t *secs = json_array();
	for (size_t s = 0; s < ARRAY_LEN(sections); s++) {
		json_t *mets = json_array();
		for (int m = 0; m < SM_COUNT; m++) {
			if (section_of((enum stat_metric)m) != (int)s)
				continue;
			const char *name = stat_metric_name((enum stat_metric)m);
			json_array_append_new(mets,
					      json_pack("{s:s,s:s,s:b,s:I,s:I,s:I,s:I}", "metric", name,
							"name", stat_metric_zh((enum stat_metric)m), "money",
							money_metric(name), "n", (json_int_t)total[m][0],
							"amount", (json_int_t)total[m][1], "n_last_year",
							(json_int_t)total[m][2], "amount_last_year",
							(json_int_t)total[m][3]));
		}
		json_array_append_new(secs, json_pack("{s:s,s:s,s:o}", "key", sections[s].key, "name",
						      sections[s].zh, "metrics", mets));
	}
	json_t *rts = json_array();
	for (size_t i = 0; i < ARRAY_LEN(rates); i++) {
		json_t *r = rate_json(total, &rates[i]);
		if (r)
			json_array_append_new(rts, r);
	}
	static const char *const level_names[] = {"province", "city", "county"};
	const char *scope = in->institution_id > 0 ? "institution" : level_names[rl];
	out = json_pack("{s:s,s:s,s:s,s:s*,s:{s:s,s:s},s:{s:s,s:s},s:o,s:o,s:o,s:o}", "scope", scope,
			"region", region, "region_name", rname, "child_level",
			rl == SRL_PROVINCE ? "city"
			: rl == SRL_CITY   ? "county"
					   : NULL,
			"period", "from", from, "to", to, "last_year", "from", lfrom, "to", lto, "sections",
			secs, "rates", rts, "regions", rrows, "months", mrows);
	if (in->institution_id > 0)
		json_object_set_new(
			out, "institution",
			json_pack("{s:I,s:s}", "id", (json_int_t)in->institution_id, "name", iname));
	else
		json_object_set_new(out, "institution", json_null());
done:
	free(total);
	sumset_free(&regions);
	sumset_free(&months);
	return out;
}

/* ---- the dashboard as XLSX: the sections' figures, and each section by region and by month ---- */

static int64_t jget(json_t *values, const char *metric, const char *k)
{
	size_t i;
	json_t *v;
	json_array_foreach(values, i, v)
	{
		if (!strcmp(json_string_value(json_object_get(v, "metric")), metric))
			return (int64_t)json_integer_value(json_object_get(v, k));
	}
	return 0;
}

/* a sheet of rows (regions or months) × the metrics [m0, m1) of a section: this period and last year each */
static int rows_sheet(report *r, const char *sheet, const char *title, const char *const *notes,
		      const char *keytitle, json_t *rows, const char *keyfield, json_t *mets, size_t m0,
		      size_t m1, err *e)
{
	struct rcol cols[REPORT_MAX_COLS];
	char heads[REPORT_MAX_COLS][96];
	size_t nc = 0;
	cols[nc++] = (struct rcol){keytitle, RC_TEXT, false, 16};
	cols[nc++] = (struct rcol){"代码", RC_TEXT, false, 10};
	for (size_t i = m0; i < m1; i++) {
		json_t *m = json_array_get(mets, i);
		bool money = json_is_true(json_object_get(m, "money"));
		const char *name = json_string_value(json_object_get(m, "name"));
		snprintf(heads[nc], sizeof heads[nc], "%s%s本期", name, money ? "（元）" : "");
		cols[nc] = (struct rcol){heads[nc], money ? RC_FEN : RC_INT, true, 14};
		nc++;
		snprintf(heads[nc], sizeof heads[nc], "%s%s去年同期", name, money ? "（元）" : "");
		cols[nc] = (struct rcol){heads[nc], money ? RC_FEN : RC_INT, true, 14};
		nc++;
	}
	if (report_sheet(r, sheet, title, notes, cols, nc, e) != 0)
		return -1;
	size_t ri;
	json_t *row;
	json_array_foreach(rows, ri, row)
	{
		struct rcell cells[REPORT_MAX_COLS];
		size_t k = 0;
		const char *key = json_string_value(json_object_get(row, keyfield));
		const char *name = json_string_value(json_object_get(row, "name"));
		cells[k++] = (struct rcell){.s = name ? name : key};
		cells[k++] = (struct rcell){.s = name ? key : ""};
		json_t *values = json_object_get(row, "values");
		for (size_t i = m0; i < m1; i++) {
			json_t *m = json_array_get(mets, i);
			const char *metric = json_string_value(json_object_get(m, "metric"));
			bool money = json_is_true(json_object_get(m, "money"));
			cells[k++] = (struct rcell){.n = jget(values, metric, money ? "amount" : "n")};
			cells[k++] = (struct rcell){
				.n = jget(values, metric, money ? "amount_last_year" : "n_last_year")};
		}
		if (report_row(r, cells, e) != 0)
			return -1;
	}
	return 0;
}

int stats_dashboard_xlsx(db *d, const principal *a, const struct stats_drill_input *in, char **out,
			 size_t *len, err *e)
{
	json_t *dj = stats_dashboard_json(d, a, in, e);
	if (!dj)
		return -1;
	report *r = report_open(e);
	if (!r) {
		json_decref(dj);
		return -1;
	}
	json_t *period = json_object_get(dj, "period"), *last = json_object_get(dj, "last_year");
	json_t *inst = json_object_get(dj, "institution");
	char note1[512], title[192], sheet[32];
	snprintf(note1, sizeof note1, "范围：%s（%s）%s%s；本期 %s 至 %s，去年同期 %s 至 %s",
		 json_string_value(json_object_get(dj, "region_name")),
		 json_string_value(json_object_get(dj, "region")), json_is_object(inst) ? "，机构：" : "",
		 json_is_object(inst) ? json_string_value(json_object_get(inst, "name")) : "",
		 json_string_value(json_object_get(period, "from")),
		 json_string_value(json_object_get(period, "to")),
		 json_string_value(json_object_get(last, "from")),
		 json_string_value(json_object_get(last, "to")));
	const char *const notes[] = {
		note1, "数据来源：统计计数（与业务写入同一事务维护，jineng stats verify 可核对）", NULL};
	const struct rcol sum_cols[] = {
		{"环节", RC_TEXT, false, 8},
		{"指标", RC_TEXT, false, 20},
		{"指标代码", RC_TEXT, false, 22},
		{"本期", RC_INT, false, 12},
		{"去年同期", RC_INT, false, 12},
		{"本期金额（元）", RC_FEN, false, 16},
		{"去年同期金额（元）", RC_FEN, false, 18},
	};
	int rc = report_sheet(r, "概况", "统计看板：培养、评价、使用、激励、监管", notes, sum_cols, 7, e);
	size_t si, mi;
	json_t *s, *m;
	json_array_foreach(json_object_get(dj, "sections"), si, s)
	{
		json_array_foreach(json_object_get(s, "metrics"), mi, m)
		{
			if (rc)
				break;
			bool money = json_is_true(json_object_get(m, "money"));
			const struct rcell c[] = {
				{.s = json_string_value(json_object_get(s, "name"))},
				{.s = json_string_value(json_object_get(m, "name"))},
				{.s = json_string_value(json_object_get(m, "metric"))},
				{.n = json_integer_value(json_object_get(m, "n"))},
				{.n = json_integer_value(json_object_get(m, "n_last_year"))},
				{.n = json_integer_value(json_object_get(m, "amount")), .empty = !money},
				{.n = json_integer_value(json_object_get(m, "amount_last_year")),
				 .empty = !money},
			};
			rc = report_row(r, c, e);
		}
	}
	/* per section: by region (when the scope has a next level) and by month, 7 metrics a sheet */
	json_array_foreach(json_object_get(dj, "sections"), si, s)
	{
		json_t *mets = json_object_get(s, "metrics");
		const char *sname = json_string_value(json_object_get(s, "name"));
		size_t nm = json_array_size(mets);
		for (size_t m0 = 0; !rc && m0 < nm; m0 += 7) {
			size_t m1 = m0 + 7 < nm ? m0 + 7 : nm;
			int part = (int)(m0 / 7) + 1;
			if (!json_is_object(inst)) {
				snprintf(sheet, sizeof sheet, "%s-地区%s%.0d", sname, part > 1 ? "-" : "",
					 part > 1 ? part : 0);
				snprintf(title, sizeof title, "%s：按地区", sname);
				rc = rows_sheet(r, sheet, title, notes, "地区",
						json_object_get(dj, "regions"), "code", mets, m0, m1, e);
			}
			if (!rc) {
				snprintf(sheet, sizeof sheet, "%s-按月%s%.0d", sname, part > 1 ? "-" : "",
					 part > 1 ? part : 0);
				snprintf(title, sizeof title, "%s：按月（去年同期为上年同月）", sname);
				rc = rows_sheet(r, sheet, title, notes, "月份", json_object_get(dj, "months"),
						"month", mets, m0, m1, e);
			}
		}
	}
	json_decref(dj);
	if (rc) {
		report_abort(r);
		return -1;
	}
	return report_close(r, out, len, e);
}

/* ---- the answer, kept for a moment (cache.h) ---- */

/* one block: the answer_in, its input and the input's strings */
void *stats_answer_in_copy(const void *p)
{
	const struct stats_answer_in *x = p;
	const struct stats_drill_input *in = x->in;
	const char *const strs[] = {in->by,   in->region, in->occupation, in->inst_type,
				    in->from, in->to,	  in->metrics,	  in->key_group};
	size_t n = sizeof(struct stats_answer_in) + sizeof(struct stats_drill_input);
	for (size_t i = 0; i < ARRAY_LEN(strs); i++)
		n += strs[i] ? strlen(strs[i]) + 1 : 0;
	char *b = malloc(n);
	if (!b)
		return NULL;
	struct stats_answer_in *c = (struct stats_answer_in *)b;
	struct stats_drill_input *ci = (struct stats_drill_input *)(b + sizeof *c);
	char *at = b + sizeof *c + sizeof *ci;
	*ci = *in;
	const char **dst[] = {&ci->by,	 &ci->region, &ci->occupation, &ci->inst_type,
			      &ci->from, &ci->to,     &ci->metrics,    &ci->key_group};
	for (size_t i = 0; i < ARRAY_LEN(strs); i++) {
		if (!strs[i])
			continue;
		size_t k = strlen(strs[i]) + 1;
		memcpy(at, strs[i], k);
		*dst[i] = at;
		at += k;
	}
	c->in = ci;
	c->xlsx = x->xlsx;
	return b;
}

void stats_answer_in_release(void *p)
{
	free(p);
}

static int make_dashboard(db *d, const principal *a, const void *p, char **out, size_t *len, err *e)
{
	const struct stats_answer_in *x = p;
	if (x->xlsx)
		return stats_dashboard_xlsx(d, a, x->in, out, len, e);
	return stats_cache_json(stats_dashboard_json(d, a, x->in, e), out, len, e);
}

/* the key of a drill-down or dashboard request: everything of `in` the answer depends on */
bool stats_input_key(char *key, size_t n, const char *what, const struct stats_drill_input *in, bool xlsx)
{
	char level[24], inst[24];
	snprintf(level, sizeof level, "%lld", (long long)in->level);
	snprintf(inst, sizeof inst, "%lld", (long long)in->institution_id);
	const char *const parts[] = {xlsx ? "xlsx" : "json", in->by, in->region, in->occupation, level,
				     in->inst_type,	     inst,   in->from,	 in->to,	 in->metrics,
				     in->key_group};
	snprintf(key, n, "%s", what);
	return stats_cache_key(key, n, parts, ARRAY_LEN(parts));
}

int stats_dashboard_answer(db *d, const principal *a, const struct stats_drill_input *in, bool xlsx,
			   char **out, size_t *len, err *e)
{
	char key[320];
	struct stats_answer_in x = {in, xlsx};
	bool keep = stats_input_key(key, sizeof key, "dashboard", in, xlsx);
	struct stats_make m = {make_dashboard, &x, stats_answer_in_copy, stats_answer_in_release};
	return stats_cache_answer(keep ? key : NULL, d, a, &m, out, len, e);
}
