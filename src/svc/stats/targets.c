/* targets.c: 目标任务 — the metric registry, the targets and their progress (targets.h; docs/DOMAIN.md §67)
 */
#include "util/common.h"
#include "svc/stats/targets.h"
#include "core/date.h"
#include "core/scope.h"
#include "core/target.h"
#include "store/query.h"
#include "svc/base/scope.h"
#include "svc/base/svc.h"
#include "svc/base/tx.h"
#include <stdlib.h>

/* ---- the metric registry ----
 * Each metric counts events by month in a region over a span of days: its SQL takes $1 the region pattern
 * ("3702%"), $2 and $3 the span ('YYYY-MM' months for the counters, 'YYYY-MM-DD' days for a table's date
 * column), $4 the argument when it takes one, and returns (month 'YYYY-MM', count) rows. */
enum metric_span { SPAN_MONTHS, SPAN_DAYS };
enum metric_arg { ARG_NONE, ARG_PROGRAMME, ARG_PLATFORM_TYPE };

struct metric {
	const char *key, *zh, *en, *unit;
	enum metric_arg arg;
	enum metric_span span;
	bool province_only;
	const char *sql; /* NULL: the system cannot count it yet (why_zh, why_en) */
	const char *source_zh;
	const char *why_zh, *why_en;
};

static const struct metric metrics[] = {
	{"high_skill.certified", "高技能人才（高级工及以上证书净增）",
	 "high-skill certificates (level 3 and above, net)", "人", ARG_NONE, SPAN_MONTHS, false,
	 "SELECT sc.month, SUM(CASE WHEN sc.metric = 'cert.issued' THEN sc.n ELSE -sc.n END) FROM "
	 "stat_counts sc "
	 "WHERE sc.metric IN ('cert.issued', 'cert.revoked') AND sc.level BETWEEN 1 AND 3 AND sc.region_code "
	 "LIKE $1 AND sc.month >= $2 AND sc.month <= $3 GROUP BY sc.month",
	 "统计计数 cert.issued − cert.revoked，等级 1–3（高级技师、技师、高级工），按发证（撤销）月份", NULL,
	 NULL},
	{"competition.key_events", "省级重点赛事（年度省级竞赛计划内获批准的竞赛）",
	 "provincial key events (approved competitions of the yearly provincial plan)", "项", ARG_NONE,
	 SPAN_DAYS, false,
	 "SELECT substr(cm.starts_on, 1, 7), COUNT(*) FROM competitions cm WHERE cm.plan_class IS NOT NULL "
	 "AND "
	 "cm.status IN ('approved', 'open', 'closed') AND cm.region_code LIKE $1 AND cm.starts_on >= $2 AND "
	 "cm.starts_on <= $3 GROUP BY substr(cm.starts_on, 1, 7)",
	 "competitions：plan_class 非空且已批准（approved / open / closed），按开赛日期、组织者地区", NULL,
	 NULL},
	{"apprentice.trained", "企业新型学徒（培训中及已结业）", "apprentices in training or completed", "人",
	 ARG_NONE, SPAN_DAYS, false,
	 "SELECT substr(ap.training_start, 1, 7), COUNT(*) FROM apprenticeships ap WHERE ap.status IN "
	 "('training', 'completed') AND ap.region_code LIKE $1 AND ap.training_start >= $2 AND "
	 "ap.training_start <= $3 GROUP BY substr(ap.training_start, 1, 7)",
	 "apprenticeships：培训中及已结业，按培训开始日期、企业地区", NULL, NULL},
	{"special_item.published", "专项职业能力考核项目（开发公布）", "专项职业能力 items published", "项",
	 ARG_NONE, SPAN_DAYS, true,
	 "SELECT substr(si.published_on, 1, 7), COUNT(*) FROM special_items si WHERE si.status = 'in_force' "
	 "AND "
	 "si.region_code LIKE $1 AND si.published_on >= $2 AND si.published_on <= $3 GROUP BY "
	 "substr(si.published_on, 1, 7)",
	 "special_items：省级目录中现行（未调出）的专项职业能力考核项目，按发布日期（DOMAIN §66）", NULL,
	 NULL},
	{"programme.enrolled", "培养项目参训人数（项目培训班报名）",
	 "persons enrolled in a programme's classes", "人", ARG_PROGRAMME, SPAN_DAYS, false,
	 "SELECT substr(tc.starts_on, 1, 7), COUNT(*) FROM training_enrolments te JOIN cult_class_tags ct ON "
	 "ct.class_id = te.class_id JOIN training_classes tc ON tc.id = te.class_id JOIN institutions i ON "
	 "i.id "
	 "= tc.institution_id WHERE i.region_code LIKE $1 AND tc.starts_on >= $2 AND tc.starts_on <= $3 AND "
	 "ct.programme_code = $4 GROUP BY substr(tc.starts_on, 1, 7)",
	 "training_enrolments：标记为该培养项目的培训班的报名，按开班日期、培训机构地区", NULL, NULL},
	{"platform.established", "平台载体（已立项且未撤销）", "platforms established and not revoked", "个",
	 ARG_PLATFORM_TYPE, SPAN_DAYS, false,
	 "SELECT substr(pf.established_on, 1, 7), COUNT(*) FROM platforms pf WHERE pf.status IN "
	 "('established', 'accepted') AND pf.region_code LIKE $1 AND pf.established_on >= $2 AND "
	 "pf.established_on <= $3 AND pf.type_code = $4 GROUP BY substr(pf.established_on, 1, 7)",
	 "platforms：该类型已立项（建设中或已验收），按立项日期、依托单位地区", NULL, NULL},
};

static const struct metric *metric_find(const char *key)
{
	for (size_t i = 0; key && i < ARRAY_LEN(metrics); i++)
		if (!strcmp(metrics[i].key, key))
			return &metrics[i];
	return NULL;
}

static const char *arg_kind(enum metric_arg k)
{
	return k == ARG_PROGRAMME ? "programme" : k == ARG_PLATFORM_TYPE ? "platform_type" : "";
}

static json_t *code_name_rows(db_stmt *st)
{
	return json_pack("{s:s,s:s}", "code", db_text(st, 0), "name", db_text(st, 1));
}

json_t *target_metrics_json(db *d, err *e)
{
	json_t *progs = rows_json(
		db_query(d, "SELECT code, name FROM cult_programmes ORDER BY created_at, code", DB_NOARGS, e),
		code_name_rows, e);
	if (!progs)
		return NULL;
	json_t *types = rows_json(
		db_query(d, "SELECT code, name FROM platform_types ORDER BY position, code", DB_NOARGS, e),
		code_name_rows, e);
	if (!types)
		return json_decref(progs), NULL;
	json_t *items = json_array();
	for (size_t i = 0; i < ARRAY_LEN(metrics); i++) {
		const struct metric *m = &metrics[i];
		json_t *o = json_pack("{s:s,s:s,s:s,s:s,s:s,s:b,s:b,s:s}", "key", m->key, "name", m->zh,
				      "name_en", m->en, "unit", m->unit, "arg_kind", arg_kind(m->arg),
				      "province_only", m->province_only, "available", m->sql != NULL,
				      "counts", m->source_zh);
		if (m->arg != ARG_NONE)
			json_object_set(o, "args", m->arg == ARG_PROGRAMME ? progs : types);
		if (!m->sql) {
			json_object_set_new(o, "reason", json_string(m->why_zh));
			json_object_set_new(o, "reason_en", json_string(m->why_en));
		}
		json_array_append_new(items, o);
	}
	json_decref(progs);
	json_decref(types);
	return json_pack("{s:o}", "items", items);
}

/* ---- counting ---- */

struct month_n {
	int ym; /* YYYYMM */
	int64_t n;
};

/* the region prefix of a code: 370000 → "37", 370200 → "3702", a county its whole code */
static void tgt_prefix(const char *code, char out[8])
{
	size_t n = strlen(code);
	if (n == 6 && !strcmp(code + 2, "0000"))
		n = 2;
	else if (n == 6 && !strcmp(code + 4, "00"))
		n = 4;
	snprintf(out, 8, "%.*s", (int)n, code);
}

/* the metric's counts by month over the days from..to (YYYYMMDD); *out sorted by month (the caller frees) */
static int metric_months(db *d, const struct metric *m, const char *arg, const char *region, int from, int to,
			 struct month_n **out, size_t *nout, err *e)
{
	char pre[8], pat[12], f[11], t[11];
	tgt_prefix(region, pre);
	snprintf(pat, sizeof pat, "%s%%", pre);
	date_format(from, f);
	date_format(to, t);
	if (m->span == SPAN_MONTHS) {
		f[7] = 0;
		t[7] = 0;
	}
	db_stmt *st = m->arg != ARG_NONE
			      ? db_query(d, m->sql, DB_ARGS(DV_S(pat), DV_S(f), DV_S(t), DV_S(arg)), e)
			      : db_query(d, m->sql, DB_ARGS(DV_S(pat), DV_S(f), DV_S(t)), e);
	if (!st)
		return -1;
	size_t n = 0, cap = 16;
	struct month_n *v = malloc(cap * sizeof *v);
	int row;
	while (v && (row = db_row(st, e)) == 1) {
		const char *mo = db_text(st, 0);
		if (strlen(mo) != 7)
			continue;
		if (n == cap) {
			struct month_n *nv = realloc(v, (cap *= 2) * sizeof *v);
			if (!nv) {
				free(v);
				v = NULL;
				break;
			}
			v = nv;
		}
		v[n].ym = atoi(mo) * 100 + atoi(mo + 5);
		v[n].n = db_int(st, 1);
		n++;
	}
	db_done(st);
	if (!v)
		return ERR_INTERNAL(e, "out of memory"), -1;
	if (row < 0)
		return free(v), -1;
	/* months come grouped, not necessarily in order */
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && v[j - 1].ym > v[j].ym; j--) {
			struct month_n x = v[j];
			v[j] = v[j - 1];
			v[j - 1] = x;
		}
	*out = v;
	*nout = n;
	return 0;
}

/* ---- the targets ---- */

struct tgt {
	int64_t id, value, baseline_value, tolerance, updated_at;
	char code[48], name[256], region[8], region_name[64], metric[48], arg[48], period[12], unit[16];
	char baseline_on[11], deadline[11], source[1024], gaps[1024];
};

#define TG_COLS                                                                                              \
	"tg.id, tg.code, tg.name, tg.region_code, COALESCE(g.name, ''), tg.metric, tg.metric_arg, "          \
	"tg.period, "                                                                                        \
	"tg.value, tg.unit, tg.baseline_on, tg.baseline_value, tg.deadline, tg.tolerance_pct, tg.source, "   \
	"tg.gaps, tg.updated_at"
#define TG_FROM " FROM targets tg LEFT JOIN regions g ON g.code = tg.region_code"

static void tgt_read(db_stmt *st, struct tgt *t)
{
	memset(t, 0, sizeof *t);
	t->id = db_int(st, 0);
	snprintf(t->code, sizeof t->code, "%s", db_text(st, 1));
	snprintf(t->name, sizeof t->name, "%s", db_text(st, 2));
	snprintf(t->region, sizeof t->region, "%s", db_text(st, 3));
	snprintf(t->region_name, sizeof t->region_name, "%s", db_text(st, 4));
	snprintf(t->metric, sizeof t->metric, "%s", db_text(st, 5));
	snprintf(t->arg, sizeof t->arg, "%s", db_text(st, 6));
	snprintf(t->period, sizeof t->period, "%s", db_text(st, 7));
	t->value = db_int(st, 8);
	snprintf(t->unit, sizeof t->unit, "%s", db_text(st, 9));
	snprintf(t->baseline_on, sizeof t->baseline_on, "%s", db_text(st, 10));
	t->baseline_value = db_int(st, 11);
	snprintf(t->deadline, sizeof t->deadline, "%s", db_text(st, 12));
	t->tolerance = db_int(st, 13);
	snprintf(t->source, sizeof t->source, "%s", db_text(st, 14));
	snprintf(t->gaps, sizeof t->gaps, "%s", db_text(st, 15));
	t->updated_at = db_int(st, 16);
}

static json_t *no_data(const char *zh, const char *en)
{
	return json_pack("{s:b,s:s,s:s,s:s,s:s,s:b}", "available", false, "state", "no_data", "state_zh",
			 "暂无数据", "reason", zh, "reason_en", en, "behind", false);
}

/* the progress of target t at day `at` */
static json_t *progress_json(db *d, const struct tgt *t, int at, err *e)
{
	const struct metric *m = metric_find(t->metric);
	if (!m)
		return no_data("该指标的计数方法不存在", "the target names no known metric");
	if (!m->sql)
		return no_data(m->why_zh, m->why_en);
	if (m->province_only && strcmp(t->region, "370000"))
		return no_data("该指标只按全省计数", "the metric is counted for the province only");
	int base_on = 0, dl = 0;
	date_parse(t->baseline_on, &base_on);
	if (t->deadline[0])
		date_parse(t->deadline, &dl);
	struct target_window w;
	if (!strcmp(t->period, "yearly"))
		w = target_year_window(at, t->value, base_on / 10000, dl ? dl / 10000 : 0);
	else
		w = (struct target_window){base_on, dl, t->baseline_value, t->value};
	int end = at < w.to ? at : w.to;
	int64_t actual = w.base;
	json_t *series = json_array();
	if (at >= w.from) {
		struct month_n *mn = NULL;
		size_t n = 0;
		if (metric_months(d, m, t->arg, t->region, w.from, end, &mn, &n, e) != 0)
			return json_decref(series), NULL;
		size_t k = 0;
		for (int ym = w.from / 100; ym <= end / 100; ym = ym % 100 == 12 ? ym + 89 : ym + 1) {
			while (k < n && mn[k].ym < ym)
				k++;
			if (k < n && mn[k].ym == ym)
				actual += mn[k].n;
			int day = target_month_end(ym);
			if (day > end)
				day = end;
			char mo[16], dd[11];
			snprintf(mo, sizeof mo, "%04d-%02d", ym / 100, ym % 100);
			date_format(day, dd);
			json_array_append_new(series, json_pack("{s:s,s:s,s:I,s:I}", "month", mo, "date", dd,
								"actual", (json_int_t)actual, "expected",
								(json_int_t)target_expected(&w, day)));
		}
		free(mn);
	}
	enum target_state s = target_state_at(&w, actual, at, (int)t->tolerance);
	int64_t expected = target_expected(&w, at);
	int64_t pm = target_permille(actual, w.goal);
	char f[11], to[11], af[11];
	date_format(w.from, f);
	date_format(w.to, to);
	date_format(at, af);
	json_t *o = json_pack("{s:b,s:s,s:s,s:s,s:I,s:I,s:I,s:I,s:f,s:s,s:s,s:b,s:[{s:s,s:I},{s:s,s:I}],s:o}",
			      "available", true, "as_of", af, "window_from", f, "window_to", to, "base",
			      (json_int_t)w.base, "goal", (json_int_t)w.goal, "actual", (json_int_t)actual,
			      "expected", (json_int_t)expected, "percent", (double)pm / 10.0, "state",
			      target_state_code(s), "state_zh", target_state_zh(s), "behind", s == TS_BEHIND,
			      "path", "date", f, "value", (json_int_t)w.base, "date", to, "value",
			      (json_int_t)w.goal, "series", series);
	if (!strcmp(t->period, "yearly"))
		json_object_set_new(o, "year", json_integer(w.from / 10000));
	return o;
}

static json_t *tgt_json(const struct tgt *t, json_t *progress)
{
	const struct metric *m = metric_find(t->metric);
	return json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:I,s:s,s:s,s:I,s:s,s:I,s:s,s:s,s:I,s:o}",
			 "id", (json_int_t)t->id, "code", t->code, "name", t->name, "region_code", t->region,
			 "region_name", t->region_name, "metric", t->metric, "metric_name",
			 m ? m->zh : t->metric, "metric_arg", t->arg, "period", t->period, "value",
			 (json_int_t)t->value, "unit", t->unit, "baseline_on", t->baseline_on,
			 "baseline_value", (json_int_t)t->baseline_value, "deadline", t->deadline,
			 "tolerance_pct", (json_int_t)t->tolerance, "source", t->source, "gaps", t->gaps,
			 "updated_at", (json_int_t)t->updated_at, "progress", progress);
}

static int parse_as_of(const char *as_of, int *at, err *e)
{
	if (!as_of || !*as_of) {
		*at = date_today_utc8();
		return 0;
	}
	if (date_parse(as_of, at) != 0 || strlen(as_of) != 10 || *at < 19000101 || *at > 29991231)
		return err_set(e, 422, "invalid_date", "as_of", "as_of 应为 YYYY-MM-DD 格式的日期",
			       "as_of must be a date YYYY-MM-DD");
	return 0;
}

/* steps st (rows of TG_COLS) into targets with progress */
static json_t *tgt_rows(db *d, db_stmt *st, int at, err *e)
{
	/* the statement is stepped to its end first: the progress queries use the same connection */
	size_t n = 0, cap = 8;
	struct tgt *v = malloc(cap * sizeof *v);
	int row;
	while (v && (row = db_row(st, e)) == 1) {
		if (n == cap) {
			struct tgt *nv = realloc(v, (cap *= 2) * sizeof *v);
			if (!nv) {
				free(v);
				v = NULL;
				break;
			}
			v = nv;
		}
		tgt_read(st, &v[n++]);
	}
	db_done(st);
	if (!v)
		return ERR_INTERNAL(e, "out of memory"), NULL;
	if (row < 0)
		return free(v), NULL;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *p = progress_json(d, &v[i], at, e);
		if (!p) {
			free(v);
			return json_decref(items), NULL;
		}
		json_array_append_new(items, tgt_json(&v[i], p));
	}
	free(v);
	return items;
}

static int region_code_ok(const char *code, const char *field, err *e)
{
	size_t n = code ? strlen(code) : 0;
	for (size_t i = 0; i < n; i++)
		if (code[i] < '0' || code[i] > '9')
			n = 0;
	if (n != 6)
		return err_set(e, 422, "invalid_value", field, "地区代码应为 6 位数字",
			       "a region code is 6 digits");
	return 0;
}

json_t *targets_json(db *d, const principal *a, const char *region_code, const char *as_of, int64_t limit,
		     int64_t offset, err *e)
{
	int at;
	if (parse_as_of(as_of, &at, e) != 0)
		return NULL;
	if (scope_reach_of(a, SE_TARGET, SCOPE_READ) == REACH_NONE)
		return err_set(e, 403, "forbidden", NULL, "目标任务由人社部门查看",
			       "the bureaus read the targets"),
		       NULL;
	if (region_code && *region_code && region_code_ok(region_code, "region_code", e) != 0)
		return NULL;
	query w;
	q_init(&w, "");
	scope_where(&w, a, SE_TARGET, SCOPE_READ);
	if (region_code && *region_code)
		q_and(&w, "tg.region_code = ?", DV_S(region_code));
	int64_t total = 0;
	db_stmt *st = q_page(d, &w, "SELECT COUNT(*)" TG_FROM, "SELECT " TG_COLS TG_FROM,
			     "tg.region_code, tg.id", limit, offset, &total, e);
	q_free(&w);
	if (!st)
		return NULL;
	json_t *items = tgt_rows(d, st, at, e);
	if (!items)
		return NULL;
	char af[11];
	date_format(at, af);
	return json_pack("{s:s,s:o,s:I}", "as_of", af, "items", items, "total", (json_int_t)total);
}

json_t *target_get_json(db *d, const principal *a, int64_t id, const char *as_of, err *e)
{
	int at;
	if (parse_as_of(as_of, &at, e) != 0)
		return NULL;
	db_stmt *st = scoped_row(d, a, "SELECT " TG_COLS TG_FROM, "tg.id = ?", id, SE_TARGET, e);
	if (!st)
		return NULL;
	json_t *items = tgt_rows(d, st, at, e);
	if (!items)
		return NULL;
	json_t *o = json_array_get(items, 0);
	if (!o) {
		json_decref(items);
		return err_set(e, 404, "not_found", NULL, "目标任务不存在", "no such target"), NULL;
	}
	json_incref(o);
	json_decref(items);
	return o;
}

/* ---- writes ---- */

static int code_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n < 1 || n > 40)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return 0;
	return 1;
}

/* the values of a target, checked (t holds the target as it would be after the write) */
static int tgt_check(db *d, const struct tgt *t, err *e)
{
	if (check_text(t->name, "name", 100, true, e) || check_text(t->unit, "unit", 10, false, e) ||
	    check_text(t->source, "source", 500, true, e) || check_text(t->gaps, "gaps", 500, false, e))
		return -1;
	if (t->value < 1 || t->value > 1000000000)
		return err_set(e, 422, "invalid_value", "value", "目标值应为 1 至 10 亿的整数",
			       "value is a whole number from 1 to 1,000,000,000");
	if (t->baseline_value < 0 || t->baseline_value > 1000000000)
		return err_set(e, 422, "invalid_value", "baseline_value", "基数应为非负整数",
			       "baseline_value is a whole number, not negative");
	if (t->tolerance < 0 || t->tolerance > 50)
		return err_set(e, 422, "invalid_value", "tolerance_pct", "容差应为 0 至 50（百分比）",
			       "tolerance_pct is 0..50 (per cent)");
	int b = 0, dl = 0;
	if (date_parse(t->baseline_on, &b) != 0 || strlen(t->baseline_on) != 10 || b < 20000101)
		return err_set(e, 422, "invalid_date", "baseline_on", "基期应为 YYYY-MM-DD 格式的日期",
			       "baseline_on must be a date YYYY-MM-DD");
	bool yearly = !strcmp(t->period, "yearly");
	if (t->deadline[0] || !yearly) {
		if (date_parse(t->deadline, &dl) != 0 || strlen(t->deadline) != 10)
			return err_set(e, 422, "invalid_date", "deadline", "期限应为 YYYY-MM-DD 格式的日期",
				       "deadline must be a date YYYY-MM-DD");
		if (dl <= b || dl / 10000 - b / 10000 > 30)
			return err_set(e, 422, "invalid_date", "deadline", "期限应晚于基期且不超过 30 年",
				       "the deadline falls after the baseline, within 30 years");
	}
	if (!yearly && t->baseline_value >= t->value)
		return err_set(e, 422, "invalid_value", "baseline_value", "基数应小于目标值",
			       "the baseline is below the value");
	UNUSED(d);
	return 0;
}

struct tgt_ctx {
	struct tgt t, before;
	bool create;
};

static json_t *tgt_audit(const struct tgt *t)
{
	return json_pack("{s:s,s:s,s:s,s:s,s:s,s:I,s:s,s:s,s:I,s:s,s:I,s:s,s:s,s:s}", "code", t->code, "name",
			 t->name, "region_code", t->region, "metric", t->metric, "metric_arg", t->arg,
			 "value", (json_int_t)t->value, "unit", t->unit, "baseline_on", t->baseline_on,
			 "baseline_value", (json_int_t)t->baseline_value, "deadline", t->deadline,
			 "tolerance_pct", (json_int_t)t->tolerance, "period", t->period, "source", t->source,
			 "gaps", t->gaps);
}

static int tgt_work(tx *x, void *ctx, err *e)
{
	struct tgt_ctx *c = ctx;
	struct tgt *t = &c->t;
	int64_t now = now_s();
	dbv user = x->a->user_id > 0 ? DV_I(x->a->user_id) : DV_NULL;
	if (c->create) {
		int64_t dup = 0;
		if (db_one_int(x->d, "SELECT COUNT(*) FROM targets WHERE code = $1 AND region_code = $2",
			       DB_ARGS(DV_S(t->code), DV_S(t->region)), &dup, e) != DB_OK)
			return -1;
		if (dup)
			return err_set(e, 409, "target_exists", "code", "该地区已有同一编码的目标任务",
				       "the region already has a target of that code");
		if (db_one_int(
			    x->d,
			    "INSERT INTO targets (code, name, region_code, metric, metric_arg, period, "
			    "value, unit, "
			    "baseline_on, baseline_value, deadline, tolerance_pct, source, gaps, updated_by, "
			    "created_at, updated_at) VALUES "
			    "($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,"
			    "$16,$16) RETURNING id",
			    DB_ARGS(DV_S(t->code), DV_S(t->name), DV_S(t->region), DV_S(t->metric),
				    DV_S(t->arg), DV_S(t->period), DV_I(t->value), DV_S(t->unit),
				    DV_S(t->baseline_on), DV_I(t->baseline_value), DV_S(t->deadline),
				    DV_I(t->tolerance), DV_S(t->source), DV_S(t->gaps), user, DV_I(now)),
			    &t->id, e) != DB_OK)
			return -1;
		tx_audit(x, "target.create", "target", t->id, tgt_audit(t));
		return 0;
	}
	if (db_run(x->d,
		   "UPDATE targets SET name = $2, value = $3, unit = $4, baseline_on = $5, baseline_value = "
		   "$6, "
		   "deadline = $7, tolerance_pct = $8, source = $9, gaps = $10, updated_by = $11, updated_at "
		   "= "
		   "$12 WHERE id = $1",
		   DB_ARGS(DV_I(t->id), DV_S(t->name), DV_I(t->value), DV_S(t->unit), DV_S(t->baseline_on),
			   DV_I(t->baseline_value), DV_S(t->deadline), DV_I(t->tolerance), DV_S(t->source),
			   DV_S(t->gaps), user, DV_I(now)),
		   e) != 1)
		return err_isset(e) ? -1
				    : err_set(e, 404, "not_found", NULL, "目标任务不存在", "no such target");
	tx_audit(x, "target.update", "target", t->id,
		 json_pack("{s:o,s:o}", "before", tgt_audit(&c->before), "after", tgt_audit(t)));
	return 0;
}

#define SETS(dst, src)                                                                                       \
	do {                                                                                                 \
		if (src)                                                                                     \
			snprintf((dst), sizeof(dst), "%s", (src));                                           \
	} while (0)

static int text_fits(const char *s, size_t cap, const char *field, err *e)
{
	if (s && strlen(s) >= cap)
		return err_set(e, 422, "invalid_text", field, "%s 过长", "%s is too long", field);
	return 0;
}

static int input_fits(const struct target_input *in, err *e)
{
	return text_fits(in->code, 48, "code", e) || text_fits(in->name, 256, "name", e) ||
	       text_fits(in->metric, 48, "metric", e) || text_fits(in->metric_arg, 48, "metric_arg", e) ||
	       text_fits(in->unit, 16, "unit", e) || text_fits(in->baseline_on, 11, "baseline_on", e) ||
	       text_fits(in->deadline, 11, "deadline", e) || text_fits(in->source, 1024, "source", e) ||
	       text_fits(in->gaps, 1024, "gaps", e) || text_fits(in->period, 12, "period", e) ||
	       text_fits(in->region_code, 8, "region_code", e);
}

json_t *target_create(db *d, const principal *a, const struct target_input *in, err *e)
{
	if (input_fits(in, e) != 0)
		return NULL;
	if (!code_ok(in->code))
		return err_set(e, 422, "invalid_value", "code", "编码为 1–40 个小写字母、数字或下划线",
			       "code is 1-40 lower-case letters, digits or underscores"),
		       NULL;
	if (region_code_ok(in->region_code, "region_code", e) != 0)
		return NULL;
	if (!scope_covers_region(a, SE_TARGET, SCOPE_WRITE, in->region_code))
		return err_set(e, 403, "forbidden", "region_code", "只能设定本地区的目标任务",
			       "a bureau sets the targets of its own region"),
		       NULL;
	int64_t known = 0;
	if (db_one_int(d, "SELECT COUNT(*) FROM regions WHERE code = $1 AND level IN ('province', 'city')",
		       DB_ARGS(DV_S(in->region_code)), &known, e) != DB_OK)
		return NULL;
	if (!known)
		return err_set(e, 422, "invalid_value", "region_code", "目标任务的地区应为全省或设区市",
			       "a target's region is the province or a city"),
		       NULL;
	const struct metric *m = metric_find(in->metric);
	if (!m)
		return err_set(e, 422, "unknown_metric", "metric", "没有该计数指标：%s", "no such metric: %s",
			       in->metric ? in->metric : ""),
		       NULL;
	if (m->province_only && strcmp(in->region_code, "370000"))
		return err_set(e, 422, "province_only", "metric", "该指标只按全省计数",
			       "the metric is counted for the province only"),
		       NULL;
	const char *arg = in->metric_arg ? in->metric_arg : "";
	if (m->arg == ARG_NONE && *arg)
		return err_set(e, 422, "invalid_value", "metric_arg", "该指标不带参数",
			       "the metric takes no argument"),
		       NULL;
	if (m->arg != ARG_NONE) {
		int64_t n = 0;
		if (db_one_int(d,
			       m->arg == ARG_PROGRAMME
				       ? "SELECT COUNT(*) FROM cult_programmes WHERE code = $1"
				       : "SELECT COUNT(*) FROM platform_types WHERE code = $1",
			       DB_ARGS(DV_S(arg)), &n, e) != DB_OK)
			return NULL;
		if (!n)
			return err_set(e, 422, "invalid_value", "metric_arg",
				       m->arg == ARG_PROGRAMME ? "没有该培养项目" : "没有该平台载体类型",
				       m->arg == ARG_PROGRAMME ? "no such programme"
							       : "no such platform type"),
			       NULL;
	}
	const char *period = in->period ? in->period : "deadline";
	if (strcmp(period, "deadline") && strcmp(period, "yearly"))
		return err_set(e, 422, "invalid_value", "period", "period 应为 deadline 或 yearly",
			       "period is deadline or yearly"),
		       NULL;
	struct tgt_ctx c = {.create = true};
	struct tgt *t = &c.t;
	SETS(t->code, in->code);
	SETS(t->name, in->name);
	SETS(t->region, in->region_code);
	SETS(t->metric, m->key);
	SETS(t->arg, arg);
	SETS(t->period, period);
	SETS(t->unit, in->unit ? in->unit : m->unit);
	SETS(t->baseline_on, in->baseline_on);
	SETS(t->deadline, in->deadline);
	SETS(t->source, in->source);
	SETS(t->gaps, in->gaps);
	t->value = in->value;
	t->baseline_value = in->baseline_value < 0 ? 0 : in->baseline_value;
	t->tolerance = in->tolerance_pct < 0 ? 5 : in->tolerance_pct;
	if (tgt_check(d, t, e) != 0 || svc_tx(d, a, tgt_work, &c, e) != 0)
		return NULL;
	return target_get_json(d, a, t->id, NULL, e);
}

json_t *target_update(db *d, const principal *a, int64_t id, const struct target_input *in, err *e)
{
	if (input_fits(in, e) != 0)
		return NULL;
	if (scope_check(d, a, SE_TARGET, id, SCOPE_WRITE, NULL, e) != 0)
		return NULL;
	if (!in->source || !*in->source)
		return err_set(e, 422, "missing_field", "source", "修改目标值须注明依据（source）",
			       "a change names its source"),
		       NULL;
	db_stmt *st = db_query(d, "SELECT " TG_COLS TG_FROM " WHERE tg.id = $1", DB_ARGS(DV_I(id)), e);
	if (!st)
		return NULL;
	struct tgt_ctx c = {.create = false};
	int row = db_row(st, e);
	if (row == 1)
		tgt_read(st, &c.before);
	db_done(st);
	if (row != 1)
		return row < 0 ? NULL
			       : (err_set(e, 404, "not_found", NULL, "目标任务不存在", "no such target"),
				  NULL);
	c.t = c.before;
	struct tgt *t = &c.t;
	SETS(t->name, in->name);
	SETS(t->unit, in->unit);
	SETS(t->baseline_on, in->baseline_on);
	SETS(t->deadline, in->deadline);
	SETS(t->source, in->source);
	SETS(t->gaps, in->gaps);
	if (in->value >= 0)
		t->value = in->value;
	if (in->baseline_value >= 0)
		t->baseline_value = in->baseline_value;
	if (in->tolerance_pct >= 0)
		t->tolerance = in->tolerance_pct;
	if (tgt_check(d, t, e) != 0 || svc_tx(d, a, tgt_work, &c, e) != 0)
		return NULL;
	return target_get_json(d, a, id, NULL, e);
}
