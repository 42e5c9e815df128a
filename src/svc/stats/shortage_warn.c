/* shortage_warn.c: 急需紧缺 early warning — postings imported, indicators, the forecast and its back-test,
 * the warning list and next year's proposed catalogue (svc/stats/shortage_warn.h; docs/DOMAIN.md §59). */
#include "util/common.h"
#include "svc/stats/shortage_warn.h"
#include "core/date.h"
#include "core/forecast.h"
#include "core/fsm.h"
#include "core/money.h"
#include "core/shortage_rules.h"
#include "core/statkey.h"
#include "core/wages.h"
#include "svc/base/import.h"
#include "svc/base/tx.h"
#include "svc/training/shortage.h"
#include <math.h>
#include <stdlib.h>

#define YEAR_MIN	  2000
#define YEAR_MAX	  9999
#define HORIZON		  12   /* months forecast: next year */
#define MAX_OCCUPATIONS	  4000 /* occupations assessed in one region and year */
#define MAX_HISTORY_YEARS 10

static int check_year(int64_t year, err *e)
{
	if (year < YEAR_MIN || year > YEAR_MAX)
		return err_set(e, 422, "invalid_value", "year", "年度应为 2000..9999",
			       "year must be 2000..9999");
	return 0;
}

/* the region a principal asks for: the province (370000) or a city, in its reach; its name into name */
static int region_in_reach(db *d, const principal *a, const char **region, char *name, size_t ncap, err *e)
{
	static __thread char own[16];
	if (!*region || !**region) {
		if (a->role == ROLE_CITY_ADMIN) {
			snprintf(own, sizeof own, "%.4s00", a->region);
			*region = own;
		} else {
			*region = "370000";
		}
	}
	enum stat_region_level rl = stat_region_level(*region);
	if (rl != SRL_PROVINCE && rl != SRL_CITY)
		return err_set(e, 422, "invalid_region", "region_code", "地区应为全省或一个设区市",
			       "the region must be the province or a city");
	if (a->role == ROLE_CITY_ADMIN) {
		if (rl != SRL_CITY || strncmp(*region, a->region, 4))
			return err_set(e, 403, "forbidden", "region_code", "只能查看本市的急需紧缺预警",
				       "a city sees its own city's warnings only");
	} else if (a->role != ROLE_PROVINCE_ADMIN) {
		return err_set(e, 403, "forbidden", NULL, "无权查看急需紧缺预警",
			       "not allowed to read the warnings");
	}
	db_stmt *st = db_query(d, "SELECT name FROM regions WHERE code = $1", DB_ARGS(DV_S(*region)), e);
	if (!st)
		return -1;
	int row = db_row(st, e);
	if (row > 0)
		snprintf(name, ncap, "%s", db_text(st, 0));
	db_done(st);
	if (row < 0)
		return -1;
	if (row == 0)
		return err_set(e, 404, "not_found", "region_code", "没有该地区", "no such region");
	return 0;
}

/* ---- the postings import ---- */

enum { C_REF, C_REGION, C_OCC, C_EMPLOYER, C_TITLE, C_VAC, C_LEVEL, C_PMIN, C_PMAX, C_POSTED, C_CLOSED, C_N };
static const tab_col cols[C_N] = {
	[C_REF] = {"source_ref", "岗位编号", {"岗位编码", "招聘编号"}, TAB_REQUIRED},
	[C_REGION] = {"region_code", "工作地区代码", {"地区代码", "行政区划代码"}, TAB_REQUIRED},
	[C_OCC] = {"occupation_code", "职业编码", {"职业代码", "工种编码"}, TAB_REQUIRED},
	[C_EMPLOYER] = {"employer", "招聘单位", {"用人单位", "单位名称"}, TAB_REQUIRED},
	[C_TITLE] = {"title", "岗位名称", {"招聘岗位"}, TAB_REQUIRED},
	[C_VAC] = {"vacancies", "招聘人数", {"需求人数"}, TAB_REQUIRED},
	[C_LEVEL] = {"level", "技能等级要求", {"技能等级", "等级要求"}, 0},
	[C_PMIN] = {"pay_min", "月薪下限（元）", {"月薪下限", "薪酬下限", "月薪下限(元)"}, 0},
	[C_PMAX] = {"pay_max", "月薪上限（元）", {"月薪上限", "薪酬上限", "月薪上限(元)"}, 0},
	[C_POSTED] = {"posted_on", "发布日期", {"发布时间"}, TAB_REQUIRED},
	[C_CLOSED] = {"closed_on", "结束日期", {"截止日期", "招满日期", "下架日期"}, 0},
};
static const tab_spec spec = {cols, C_N, TAB_TRIM};

struct pimport {
	db *d;
	const principal *a;
	const char *source;
	json_t *seen;
	size_t inserted, updated;
};

#define row_reject(e, field, code, zh, en) (err_set((e), 422, (code), (field), zh, en), 1)

static int posting_row(void *vctx, const tab_row *r, err *e)
{
	struct pimport *c = vctx;
	const char *ref = tab_get(r, C_REF), *region = tab_get(r, C_REGION), *occ = tab_get(r, C_OCC),
		   *employer = tab_get(r, C_EMPLOYER), *title = tab_get(r, C_TITLE), *vac = tab_get(r, C_VAC),
		   *lv = tab_get(r, C_LEVEL), *pmin = tab_get(r, C_PMIN), *pmax = tab_get(r, C_PMAX),
		   *posted = tab_get(r, C_POSTED), *closed = tab_get(r, C_CLOSED);
	if (!ref || strlen(ref) > 64)
		return row_reject(e, "source_ref", "invalid_value", "岗位编号应为 1..64 个字符",
				  "source_ref must be 1..64 characters");
	if (check_text(employer, "employer", 200, true, e) || check_text(title, "title", 200, true, e))
		return 1;
	enum stat_region_level rl = region ? stat_region_level(region) : SRL_BAD;
	int64_t n = 0;
	if (rl != SRL_CITY && rl != SRL_COUNTY)
		return row_reject(e, "region_code", "invalid_region", "工作地区应为设区市或县（市、区）代码",
				  "region_code must be a city or a county");
	int rc = db_one_int(c->d, "SELECT COUNT(*) FROM regions WHERE code = $1", DB_ARGS(DV_S(region)), &n,
			    e);
	if (rc != DB_OK)
		return -1;
	if (!n)
		return row_reject(e, "region_code", "invalid_region", "没有该地区", "no such region");
	if (c->a->role == ROLE_CITY_ADMIN && strncmp(region, c->a->region, 4))
		return row_reject(e, "region_code", "out_of_scope", "只能导入本市的招聘岗位",
				  "a city imports postings of its own city only");
	if (!occ || strlen(occ) > 32 ||
	    db_one_int(c->d, "SELECT COUNT(*) FROM occupations WHERE code = $1", DB_ARGS(DV_S(occ)), &n, e) !=
		    DB_OK)
		return err_isset(e) ? -1
				    : row_reject(e, "occupation_code", "invalid_occupation", "职业编码无效",
						 "invalid occupation code");
	if (!n)
		return row_reject(e, "occupation_code", "invalid_occupation", "职业（工种）不存在",
				  "unknown occupation");
	char *end = NULL;
	long long v = vac ? strtoll(vac, &end, 10) : 0;
	if (!vac || *end || v < 1 || v > 100000)
		return row_reject(e, "vacancies", "invalid_value", "招聘人数应为 1..100000",
				  "vacancies must be 1..100000");
	int level = -1;
	if (lv && (level = ladder_parse(lv)) < 0)
		return row_reject(e, "level", "invalid_level",
				  "技能等级要求无效（学徒工……首席技师，或五级至一级）",
				  "unknown level (学徒工 … 首席技师, or 5 … 1)");
	fen_t fmin = 0, fmax = 0;
	if (pmin && (money_parse(pmin, &fmin) != 0 || fmin < 0))
		return row_reject(e, "pay_min", "invalid_amount", "月薪下限应为金额（元）",
				  "pay_min must be an amount (yuan)");
	if (pmax && (money_parse(pmax, &fmax) != 0 || fmax < (pmin ? fmin : 0)))
		return row_reject(e, "pay_max", "invalid_amount", "月薪上限应为不小于下限的金额（元）",
				  "pay_max must be an amount (yuan) not below pay_min");
	int dp = 0, dc = 0;
	if (!posted || date_parse(posted, &dp) != 0)
		return row_reject(e, "posted_on", "invalid_date", "发布日期应为 YYYY-MM-DD",
				  "posted_on must be YYYY-MM-DD");
	if (closed && (date_parse(closed, &dc) != 0 || dc < dp))
		return row_reject(e, "closed_on", "invalid_date", "结束日期应为不早于发布日期的 YYYY-MM-DD",
				  "closed_on must be YYYY-MM-DD, not before posted_on");
	if (dp / 10000 < YEAR_MIN || dp / 10000 > YEAR_MAX)
		return row_reject(e, "posted_on", "invalid_date", "发布日期的年度应为 2000..9999",
				  "posted_on's year must be 2000..9999");
	if (json_object_get(c->seen, ref))
		return row_reject(e, "source_ref", "duplicate_in_file", "同一岗位编号在文件中重复出现",
				  "the same source_ref appears twice in the file");
	json_object_set_new(c->seen, ref, json_true());
	char ps[11], cs[11];
	date_format(dp, ps);
	if (closed)
		date_format(dc, cs);
	/* the same posting imported before: replaced, when it is in the caller's reach */
	db_stmt *st = db_query(
		c->d, "SELECT id, region_code FROM job_postings WHERE source = $1 AND source_ref = $2",
		DB_ARGS(DV_S(c->source), DV_S(ref)), e);
	if (!st)
		return -1;
	int row = db_row(st, e);
	int64_t id = row > 0 ? db_int(st, 0) : 0;
	bool outside = row > 0 && c->a->role == ROLE_CITY_ADMIN && strncmp(db_text(st, 1), c->a->region, 4);
	db_done(st);
	if (row < 0)
		return -1;
	if (outside)
		return row_reject(e, "source_ref", "out_of_scope", "该岗位编号属于其他城市的岗位",
				  "that source_ref is a posting of another city");
	dbv dlv = level >= 0 ? DV_I(level) : DV_NULL, dmin = pmin ? DV_I(fmin) : DV_NULL,
	    dmax = pmax ? DV_I(fmax) : DV_NULL, dcl = closed ? DV_S(cs) : DV_NULL;
	if (id) {
		if (db_run(c->d,
			   "UPDATE job_postings SET region_code = $2, occupation_code = $3, employer = $4, "
			   "title = "
			   "$5, vacancies = $6, level = $7, pay_min_fen = $8, pay_max_fen = $9, posted_on = "
			   "$10, "
			   "closed_on = $11, imported_at = $12, imported_by = $13 WHERE id = $1",
			   DB_ARGS(DV_I(id), DV_S(region), DV_S(occ), DV_S(employer), DV_S(title), DV_I(v),
				   dlv, dmin, dmax, DV_S(ps), dcl, DV_I(now_s()), DV_I(c->a->user_id)),
			   e) < 0)
			return -1;
		c->updated++;
		return 0;
	}
	if (db_run(c->d,
		   "INSERT INTO job_postings (source, source_ref, region_code, occupation_code, employer, "
		   "title, "
		   "vacancies, level, pay_min_fen, pay_max_fen, posted_on, closed_on, imported_at, "
		   "imported_by) "
		   "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
		   DB_ARGS(DV_S(c->source), DV_S(ref), DV_S(region), DV_S(occ), DV_S(employer), DV_S(title),
			   DV_I(v), dlv, dmin, dmax, DV_S(ps), dcl, DV_I(now_s()), DV_I(c->a->user_id)),
		   e) < 0)
		return -1;
	c->inserted++;
	return 0;
}

static json_t *posting_detail(void *vctx, const import_result *res)
{
	struct pimport *c = vctx;
	return json_pack("{s:s,s:I,s:I,s:I,s:I}", "source", c->source, "rows", (json_int_t)res->rows,
			 "inserted", (json_int_t)c->inserted, "updated", (json_int_t)c->updated, "rejected",
			 (json_int_t)res->rejected);
}

static const import_def posting_def = {
	.spec = &spec,
	.row = posting_row,
	.audit_action = "stats.postings.import",
	.audit_entity = "job_postings",
	.audit_detail = posting_detail,
};

json_t *postings_import(db *d, const principal *a, const char *source, const char *data, size_t len,
			bool all_or_nothing, err *e)
{
	if (a->role != ROLE_PROVINCE_ADMIN && a->role != ROLE_CITY_ADMIN) {
		err_set(e, 403, "forbidden", NULL, "只有省、市人社部门可以导入招聘岗位",
			"only the province or a city imports postings");
		return NULL;
	}
	if (check_text(source, "source", 100, true, e) != 0)
		return NULL;
	struct pimport c = {.d = d, .a = a, .source = source, .seen = json_object()};
	import_opts o = {
		.data = data, .len = len, .all_or_nothing = all_or_nothing, .audit_entity_id = source};
	import_result res;
	json_t *out = NULL;
	if (import_exec(d, a, &posting_def, &c, &o, &res, e) == 0) {
		bool kept = res.stored;
		out = json_pack("{s:s,s:I,s:I,s:I,s:I,s:I,s:b,s:o}", "source", source, "rows",
				(json_int_t)res.rows, "imported", (json_int_t)(kept ? res.ok : 0), "inserted",
				(json_int_t)(kept ? c.inserted : 0), "updated",
				(json_int_t)(kept ? c.updated : 0), "rejected", (json_int_t)res.rejected,
				"stored", kept, "errors", import_errors_json(&posting_def, &res));
	}
	import_result_free(&res);
	json_decref(c.seen);
	return out;
}

/* ---- the assessment of a region and year ---- */

struct rules {
	struct shortage_thresholds t;
	int64_t history_years, z_pct;
	json_t *list; /* [{key, value, name_zh, source}] */
};

static int load_rules(db *d, struct rules *r, err *e)
{
	*r = (struct rules){.t = {20, 150, 500, 45, 2}, .history_years = 4, .z_pct = 196};
	db_stmt *st = db_query(d, "SELECT key, value, name_zh, source FROM shortage_rules ORDER BY key", NULL,
			       0, e);
	if (!st)
		return -1;
	r->list = json_array();
	while (db_step(st) == DB_ROW) {
		const char *k = db_text(st, 0);
		int64_t v = db_int(st, 1);
		json_array_append_new(r->list,
				      json_pack("{s:s,s:I,s:s,s:s}", "key", k, "value", (json_int_t)v,
						"name_zh", db_text(st, 2), "source", db_text(st, 3)));
		if (!strcmp(k, "min_demand"))
			r->t.min_demand = v;
		else if (!strcmp(k, "ratio_min_pct"))
			r->t.ratio_min_pct = v;
		else if (!strcmp(k, "pay_growth_min_bp"))
			r->t.pay_growth_min_bp = v;
		else if (!strcmp(k, "vacancy_days_min"))
			r->t.vacancy_days_min = v;
		else if (!strcmp(k, "min_reasons"))
			r->t.min_reasons = v;
		else if (!strcmp(k, "history_years"))
			r->history_years = v;
		else if (!strcmp(k, "interval_z_pct"))
			r->z_pct = v;
	}
	if (db_finish(st, e) != 0) {
		json_decref(r->list);
		r->list = NULL;
		return -1;
	}
	if (r->history_years < 2)
		r->history_years = 2;
	if (r->history_years > MAX_HISTORY_YEARS)
		r->history_years = MAX_HISTORY_YEARS;
	return 0;
}

struct occ {
	char code[33];
	char name[161];
	int64_t demand, supply, vac_days, vac_n;
	int64_t pay_cur, pay_prev; /* Σ persons × p50 this year and the previous */
	bool has_pay, in_catalogue;
	double *series; /* months of the history, oldest first */
	bool has_fc, has_bt;
	struct holt_fit fit;
	struct forecast_sum fc, bt;
	double bt_actual;
	unsigned reasons;
	struct shortage_indicators x;
};

struct assess {
	char region[16], region_name[64], prefix[8];
	int64_t year;
	struct rules rules;
	int months; /* history_years × 12 */
	struct occ *o;
	size_t n, cap;
	json_t *index; /* code -> position + 1 */
	struct backtest_score score;
};

static void assess_free(struct assess *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->o[i].series);
	free(s->o);
	json_decref(s->index);
	json_decref(s->rules.list);
}

static struct occ *occ_of(struct assess *s, const char *code, err *e)
{
	json_t *at = json_object_get(s->index, code);
	if (at)
		return &s->o[json_integer_value(at) - 1];
	if (s->n >= MAX_OCCUPATIONS) {
		err_set(e, 500, "too_many", NULL, "参与评估的职业过多", "too many occupations to assess");
		return NULL;
	}
	if (s->n == s->cap) {
		size_t nc = s->cap ? s->cap * 2 : 64;
		struct occ *no = realloc(s->o, nc * sizeof *no);
		if (!no) {
			err_set(e, 500, "internal", NULL, "内存不足", "out of memory");
			return NULL;
		}
		s->o = no;
		s->cap = nc;
	}
	struct occ *o = &s->o[s->n];
	*o = (struct occ){0};
	snprintf(o->code, sizeof o->code, "%s", code);
	o->series = calloc((size_t)s->months, sizeof *o->series);
	if (!o->series) {
		err_set(e, 500, "internal", NULL, "内存不足", "out of memory");
		return NULL;
	}
	s->n++;
	json_object_set_new(s->index, code, json_integer((json_int_t)s->n));
	return o;
}

/* the month's position in the history (the first month of year - history_years + 1 is 0); -1 outside */
static int month_pos(const struct assess *s, const char *month)
{
	if (!month || strlen(month) < 7)
		return -1;
	int y = atoi(month), m = atoi(month + 5);
	int first = (int)(s->year - s->rules.history_years + 1);
	int p = (y - first) * 12 + (m - 1);
	return p >= 0 && p < s->months && m >= 1 && m <= 12 ? p : -1;
}

/* only_occ: one occupation (the forecast's chart), or NULL for all */
static int assess_run(db *d, const char *region, int64_t year, const char *only_occ, struct assess *s, err *e)
{
	memset(s, 0, sizeof *s);
	snprintf(s->region, sizeof s->region, "%s", region);
	s->year = year;
	s->index = json_object();
	if (stat_region_prefix(region, s->prefix) != 0)
		return err_set(e, 422, "invalid_region", "region_code", "地区代码无效",
			       "invalid region code");
	if (load_rules(d, &s->rules, e) != 0)
		return -1;
	s->months = (int)s->rules.history_years * 12;
	char like[16], from_d[24], to_d[24], from_m[16], to_m[16], first_m[16];
	snprintf(like, sizeof like, "%s%%", s->prefix);
	snprintf(from_d, sizeof from_d, "%04d-01-01", (int)year);
	snprintf(to_d, sizeof to_d, "%04d-12-31", (int)year);
	snprintf(from_m, sizeof from_m, "%04d-01", (int)year);
	snprintf(to_m, sizeof to_m, "%04d-12", (int)year);
	snprintf(first_m, sizeof first_m, "%04d-01", (int)(year - s->rules.history_years + 1));
	const char *occ = only_occ ? only_occ : "";
	/* demand: vacancies posted in the year; vacancy: days a closed posting of the year stayed open */
	db_stmt *st =
		db_query(d,
			 "SELECT occupation_code, vacancies, posted_on, closed_on FROM job_postings WHERE "
			 "region_code LIKE $1 AND posted_on >= $2 AND posted_on <= $3 AND ($4 = '' OR "
			 "occupation_code = $4) ORDER BY occupation_code",
			 DB_ARGS(DV_S(like), DV_S(from_d), DV_S(to_d), DV_S(occ)), e);
	if (!st)
		return -1;
	while (db_step(st) == DB_ROW) {
		struct occ *o = occ_of(s, db_text(st, 0), e);
		if (!o) {
			db_done(st);
			return -1;
		}
		o->demand += db_int(st, 1);
		int p = 0, c = 0;
		if (!db_isnull(st, 3) && date_parse(db_text(st, 2), &p) == 0 &&
		    date_parse(db_text(st, 3), &c) == 0) {
			o->vac_days += date_to_days(c) - date_to_days(p);
			o->vac_n++;
		}
	}
	if (db_finish(st, e) != 0)
		return -1;
	/* supply: certificates issued and training completions by month over the history, from the counters
	 * and the bureaus' figures of the months before them (shortage_supply_history) */
	st = db_query(
		d,
		"SELECT occupation_code, month, SUM(n) FROM (SELECT occupation_code, month, n FROM "
		"stat_counts "
		"WHERE metric IN ('cert.issued', 'training.completed') AND region_code LIKE $1 AND month >= "
		"$2 "
		"AND month <= $3 AND occupation_code <> '' AND ($4 = '' OR occupation_code = $4) UNION ALL "
		"SELECT occupation_code, month, certificates + completions FROM shortage_supply_history "
		"WHERE "
		"region_code LIKE $1 AND month >= $2 AND month <= $3 AND ($4 = '' OR occupation_code = $4)) "
		"s GROUP BY occupation_code, month",
		DB_ARGS(DV_S(like), DV_S(first_m), DV_S(to_m), DV_S(occ)), e);
	if (!st)
		return -1;
	while (db_step(st) == DB_ROW) {
		struct occ *o = occ_of(s, db_text(st, 0), e);
		if (!o) {
			db_done(st);
			return -1;
		}
		int p = month_pos(s, db_text(st, 1));
		if (p >= 0)
			o->series[p] += (double)db_int(st, 2);
		if (strcmp(db_text(st, 1), from_m) >= 0)
			o->supply += db_int(st, 2);
	}
	if (db_finish(st, e) != 0)
		return -1;
	/* pay: the year's newest publication with cells of this region */
	int64_t pub = 0;
	int rc = db_one_int(
		d,
		"SELECT MAX(wp.id) FROM wage_publications wp WHERE wp.year = $1 AND wp.state = "
		"'published' AND EXISTS (SELECT 1 FROM wage_cells wc WHERE wc.publication_id = wp.id "
		"AND wc.region_code = $2)",
		DB_ARGS(DV_I(year), DV_S(region)), &pub, e);
	if (rc != DB_OK && rc != DB_NOT_FOUND)
		return -1;
	if (pub > 0) {
		st = db_query(
			d,
			"SELECT occupation_code, SUM(persons * p50), SUM(persons * prev_p50) FROM wage_cells "
			"WHERE publication_id = $1 AND region_code = $2 AND p50 IS NOT NULL AND prev_p50 IS "
			"NOT NULL GROUP BY occupation_code",
			DB_ARGS(DV_I(pub), DV_S(region)), e);
		if (!st)
			return -1;
		while (db_step(st) == DB_ROW) {
			json_t *at = json_object_get(s->index, db_text(st, 0));
			if (!at)
				continue; /* no demand and no supply: nothing to assess */
			struct occ *o = &s->o[json_integer_value(at) - 1];
			o->pay_cur = db_int(st, 1);
			o->pay_prev = db_int(st, 2);
			o->has_pay = o->pay_prev > 0;
		}
		if (db_finish(st, e) != 0)
			return -1;
	}
	/* names and whether the year's catalogue lists it */
	st = db_query(
		d,
		"SELECT o.code, o.name, (SELECT COUNT(*) FROM training_shortage_entries te WHERE "
		"te.city_code "
		"= $1 AND te.year = $2 AND te.occupation_code = o.code) FROM occupations o WHERE o.code IN "
		"(SELECT occupation_code FROM job_postings WHERE region_code LIKE $3 AND posted_on >= $4 AND "
		"posted_on <= $5 UNION SELECT occupation_code FROM stat_counts WHERE metric IN "
		"('cert.issued', 'training.completed') AND region_code LIKE $3 AND month >= $6 AND month <= "
		"$7 UNION SELECT occupation_code FROM shortage_supply_history WHERE region_code LIKE $3 AND "
		"month >= $6 AND month <= $7)",
		DB_ARGS(DV_S(region), DV_I(year), DV_S(like), DV_S(from_d), DV_S(to_d), DV_S(first_m),
			DV_S(to_m)),
		e);
	if (!st)
		return -1;
	while (db_step(st) == DB_ROW) {
		json_t *at = json_object_get(s->index, db_text(st, 0));
		if (!at)
			continue;
		struct occ *o = &s->o[json_integer_value(at) - 1];
		snprintf(o->name, sizeof o->name, "%s", db_text(st, 1));
		o->in_catalogue = db_int(st, 2) > 0;
	}
	if (db_finish(st, e) != 0)
		return -1;
	/* indicators, the forecast, the back-test and the reasons */
	double z = (double)s->rules.z_pct / 100.0;
	for (size_t i = 0; i < s->n; i++) {
		struct occ *o = &s->o[i];
		double total = 0;
		for (int m = 0; m < s->months; m++)
			total += o->series[m];
		if (total > 0 &&
		    forecast_year(o->series, (size_t)s->months, HORIZON, z, &o->fit, &o->fc) == 0) {
			o->has_fc = true;
			if (forecast_backtest(o->series, (size_t)s->months, HORIZON, z, &o->bt,
					      &o->bt_actual) == 0) {
				o->has_bt = true;
				backtest_add(&s->score, &o->bt, o->bt_actual);
			}
		}
		o->x = (struct shortage_indicators){.demand = o->demand, .supply = o->supply};
		int64_t bp = 0;
		if (o->has_pay && wage_change_bp(o->pay_prev, o->pay_cur, &bp)) {
			o->x.has_pay = true;
			o->x.pay_growth_bp = bp;
		}
		if (o->vac_n > 0) {
			o->x.has_vacancy = true;
			o->x.vacancy_days = (o->vac_days + o->vac_n / 2) / o->vac_n;
		}
		/* with no supply in the history the forecast is 0: the ratio's reason says it already */
		o->x.has_forecast = o->has_fc;
		o->x.forecast_hi = o->has_fc ? (int64_t)ceil(o->fc.hi) : 0;
		o->reasons = shortage_reasons(&s->rules.t, &o->x);
	}
	return 0;
}

static const char *ratio_text(int64_t pct, char *buf, size_t n)
{
	if (pct < 0)
		snprintf(buf, n, "∞");
	else
		snprintf(buf, n, "%lld.%02lld", (long long)(pct / 100), (long long)(pct % 100));
	return buf;
}

static json_t *reason_json(const struct assess *s, const struct occ *o, unsigned bit)
{
	char zh[256], en[256], a[24], b[24];
	const struct shortage_thresholds *t = &s->rules.t;
	ratio_text(t->ratio_min_pct, b, sizeof b);
	switch (bit) {
	case SR_RATIO:
		ratio_text(shortage_ratio_pct(o->demand, o->supply), a, sizeof a);
		snprintf(zh, sizeof zh, "需求供给比 %s（需求 %lld 人，供给 %lld 人）达到阈值 %s", a,
			 (long long)o->demand, (long long)o->supply, b);
		snprintf(en, sizeof en, "demand/supply %s (demand %lld, supply %lld) at or above %s", a,
			 (long long)o->demand, (long long)o->supply, b);
		break;
	case SR_PAY:
		snprintf(zh, sizeof zh, "工资价位中位数增长 %.2f%%，达到阈值 %.2f%%",
			 o->x.pay_growth_bp / 100.0, t->pay_growth_min_bp / 100.0);
		snprintf(en, sizeof en, "the median pay grew %.2f%%, at or above %.2f%%",
			 o->x.pay_growth_bp / 100.0, t->pay_growth_min_bp / 100.0);
		break;
	case SR_VACANCY:
		snprintf(zh, sizeof zh, "岗位平均空缺 %lld 天，达到阈值 %lld 天",
			 (long long)o->x.vacancy_days, (long long)t->vacancy_days_min);
		snprintf(en, sizeof en, "postings stayed open %lld days on average, at or above %lld",
			 (long long)o->x.vacancy_days, (long long)t->vacancy_days_min);
		break;
	default:
		snprintf(zh, sizeof zh, "按明年供给预测上限 %lld 人，需求供给比仍达到阈值 %s",
			 (long long)o->x.forecast_hi, b);
		snprintf(en, sizeof en,
			 "even next year's supply at its forecast's upper end %lld keeps demand/supply at or "
			 "above %s",
			 (long long)o->x.forecast_hi, b);
	}
	return json_pack("{s:s,s:s,s:s}", "code", shortage_reason_code(bit), "zh", zh, "en", en);
}

static json_t *reasons_json(const struct assess *s, const struct occ *o)
{
	json_t *a = json_array();
	for (unsigned bit = 1; bit < (1u << SR_COUNT); bit <<= 1)
		if (o->reasons & bit)
			json_array_append_new(a, reason_json(s, o, bit));
	return a;
}

static json_t *fc_json(int64_t year, const struct forecast_sum *f)
{
	return json_pack("{s:I,s:I,s:I,s:I}", "year", (json_int_t)year, "point",
			 (json_int_t)llround(f->point), "lo", (json_int_t)floor(f->lo), "hi",
			 (json_int_t)ceil(f->hi));
}

static json_t *num_or_null(bool has, int64_t v)
{
	return has ? json_integer((json_int_t)v) : json_null();
}

static json_t *item_json(const struct assess *s, const struct occ *o)
{
	int64_t ratio = shortage_ratio_pct(o->demand, o->supply);
	json_t *it = json_pack("{s:s,s:s,s:I,s:I,s:o,s:o,s:o,s:o,s:o,s:i,s:b,s:b}", "occupation_code",
			       o->code, "occupation_name", o->name, "demand", (json_int_t)o->demand, "supply",
			       (json_int_t)o->supply, "ratio_pct", num_or_null(ratio >= 0, ratio),
			       "pay_growth_bp", num_or_null(o->x.has_pay, o->x.pay_growth_bp), "vacancy_days",
			       num_or_null(o->x.has_vacancy, o->x.vacancy_days), "forecast",
			       o->has_fc ? fc_json(s->year + 1, &o->fc) : json_null(), "reasons",
			       reasons_json(s, o), "severity", shortage_severity(o->reasons), "listed",
			       shortage_listed(&s->rules.t, o->reasons), "in_catalogue", o->in_catalogue);
	return it;
}

static int item_cmp(const void *pa, const void *pb, void *ctx)
{
	const struct assess *s = ctx;
	const struct occ *a = pa, *b = pb;
	bool la = shortage_listed(&s->rules.t, a->reasons), lb = shortage_listed(&s->rules.t, b->reasons);
	if (la != lb)
		return la ? -1 : 1;
	int sa = shortage_severity(a->reasons), sb = shortage_severity(b->reasons);
	if (sa != sb)
		return sb - sa;
	/* demand × other supply: the larger ratio first, exactly */
	__int128 x = (__int128)a->demand * (b->supply > 0 ? b->supply : 1) * (a->supply > 0 ? 1 : 1000000),
		 y = (__int128)b->demand * (a->supply > 0 ? a->supply : 1) * (b->supply > 0 ? 1 : 1000000);
	if (x != y)
		return x > y ? -1 : 1;
	return strcmp(a->code, b->code);
}

static json_t *backtest_json(const struct assess *s)
{
	double mape = backtest_mape_pct(&s->score), cov = backtest_coverage_pct(&s->score);
	return json_pack("{s:s,s:I,s:I,s:I,s:o,s:o,s:I}", "method", "holt", "series",
			 (json_int_t)s->score.series, "scored", (json_int_t)s->score.scored, "year",
			 (json_int_t)s->year, "mape_pct",
			 mape < 0 ? json_null() : json_real(round(mape * 100) / 100), "coverage_pct",
			 cov < 0 ? json_null() : json_real(round(cov * 100) / 100), "horizon_months",
			 (json_int_t)HORIZON);
}

static json_t *thresholds_json(const struct assess *s)
{
	return json_incref(s->rules.list);
}

json_t *shortage_warnings_json(db *d, const principal *a, const char *region, int64_t year, err *e)
{
	char name[64];
	if (check_year(year, e) != 0 || region_in_reach(d, a, &region, name, sizeof name, e) != 0)
		return NULL;
	struct assess s;
	if (assess_run(d, region, year, NULL, &s, e) != 0) {
		assess_free(&s);
		return NULL;
	}
	if (s.n > 0) /* an empty region has no array at all: qsort_r must not be given NULL */
		qsort_r(s.o, s.n, sizeof *s.o, item_cmp, &s);
	json_t *items = json_array();
	int64_t listed = 0;
	for (size_t i = 0; i < s.n; i++) {
		if (s.o[i].demand <= 0)
			continue; /* supply alone: no warning to give */
		listed += shortage_listed(&s.rules.t, s.o[i].reasons);
		json_array_append_new(items, item_json(&s, &s.o[i]));
	}
	json_t *out = json_pack("{s:s,s:s,s:I,s:I,s:I,s:o,s:o,s:o}", "region_code", region, "region_name",
				name, "year", (json_int_t)year, "forecast_year", (json_int_t)(year + 1),
				"listed", (json_int_t)listed, "thresholds", thresholds_json(&s), "backtest",
				backtest_json(&s), "items", items);
	assess_free(&s);
	return out;
}

json_t *shortage_forecast_json(db *d, const principal *a, const char *region, const char *occupation,
			       int64_t year, err *e)
{
	char name[64];
	if (check_year(year, e) != 0 || region_in_reach(d, a, &region, name, sizeof name, e) != 0)
		return NULL;
	if (!occupation || !*occupation || strlen(occupation) > 32) {
		err_set(e, 422, "missing_field", "occupation_code", "缺少职业编码",
			"missing occupation_code");
		return NULL;
	}
	int64_t n = 0;
	if (db_one_int(d, "SELECT COUNT(*) FROM occupations WHERE code = $1", DB_ARGS(DV_S(occupation)), &n,
		       e) != DB_OK)
		return NULL;
	if (!n) {
		err_set(e, 404, "not_found", "occupation_code", "职业（工种）不存在", "no such occupation");
		return NULL;
	}
	struct assess s;
	if (assess_run(d, region, year, occupation, &s, e) != 0) {
		assess_free(&s);
		return NULL;
	}
	/* no supply in the history: the series is all 0, and so is its forecast */
	struct occ *o = occ_of(&s, occupation, e);
	if (!o) {
		assess_free(&s);
		return NULL;
	}
	double z = (double)s.rules.z_pct / 100.0;
	if (!o->has_fc) {
		if (forecast_year(o->series, (size_t)s.months, HORIZON, z, &o->fit, &o->fc) != 0) {
			assess_free(&s);
			err_set(e, 500, "internal", NULL, "预测失败", "the forecast failed");
			return NULL;
		}
		o->has_bt = forecast_backtest(o->series, (size_t)s.months, HORIZON, z, &o->bt,
					      &o->bt_actual) == 0;
	}
	if (!*o->name) {
		db_stmt *st = db_query(d, "SELECT name FROM occupations WHERE code = $1",
				       DB_ARGS(DV_S(occupation)), e);
		if (st && db_step(st) == DB_ROW)
			snprintf(o->name, sizeof o->name, "%s", db_text(st, 0));
		db_done(st);
	}
	json_t *months = json_array(), *supply = json_array(), *running = json_array(), *ahead = json_array(),
	       *years = json_array();
	int first = (int)(year - s.rules.history_years + 1);
	double run = 0;
	for (int m = 0; m < s.months; m++) {
		char mm[32];
		snprintf(mm, sizeof mm, "%04d-%02d", first + m / 12, m % 12 + 1);
		json_array_append_new(months, json_string(mm));
		json_array_append_new(supply, json_integer((json_int_t)llround(o->series[m])));
		run += o->series[m] - (m >= HORIZON ? o->series[m - HORIZON] : 0);
		json_array_append_new(running, m >= HORIZON - 1 ? json_integer((json_int_t)llround(run))
								: json_null());
		if (m % 12 == 11) {
			double t = 0;
			for (int k = m - 11; k <= m; k++)
				t += o->series[k];
			json_array_append_new(years, json_pack("{s:i,s:I}", "year", first + m / 12, "supply",
							       (json_int_t)llround(t)));
		}
	}
	for (int h = 1; h <= HORIZON; h++) {
		struct forecast_sum f;
		holt_step(&o->fit, h, z, &f);
		char mm[32];
		snprintf(mm, sizeof mm, "%04d-%02d", (int)year + 1, h);
		json_array_append_new(ahead,
				      json_pack("{s:s,s:f,s:f,s:f}", "month", mm, "point",
						round(f.point * 100) / 100, "lo", round(f.lo * 100) / 100,
						"hi", round(f.hi * 100) / 100));
	}
	json_t *bt = json_null();
	if (o->has_bt) {
		bt = fc_json(year, &o->bt);
		json_object_set_new(bt, "actual", json_integer((json_int_t)llround(o->bt_actual)));
		json_object_set_new(bt, "ape_pct",
				    o->bt_actual > 0 ? json_real(round(fabs(o->bt.point - o->bt_actual) /
								       o->bt_actual * 10000) /
								 100)
						     : json_null());
	}
	json_t *out =
		json_pack("{s:s,s:s,s:s,s:s,s:I,s:I,s:{s:s,s:f,s:f,s:f,s:f},s:o,s:o,s:o,s:o,s:o,s:o,s:o}",
			  "region_code", region, "region_name", name, "occupation_code", o->code,
			  "occupation_name", o->name, "year", (json_int_t)year, "forecast_year",
			  (json_int_t)(year + 1), "model", "method", "holt", "alpha", o->fit.alpha, "beta",
			  o->fit.beta, "sigma2", round(o->fit.sigma2 * 1000) / 1000, "z", z, "months", months,
			  "supply", supply, "running", running, "years", years, "ahead", ahead, "forecast",
			  fc_json(year + 1, &o->fc), "backtest", bt);
	assess_free(&s);
	return out;
}

/* ---- proposals ---- */

#define PROPOSAL_COLS                                                                                        \
	"p.city_code, r.name, p.year, p.basis_year, p.state, p.title, p.note, p.min_fen, p.max_fen, "        \
	"p.made_at, "                                                                                        \
	"p.updated_at, p.published_at"

static json_t *fen_or_null(db_stmt *st, int col)
{
	if (db_isnull(st, col))
		return json_null();
	char buf[32];
	money_format(db_int(st, col), 0, buf, sizeof buf);
	return json_string(buf);
}

static json_t *proposal_json(db *d, const char *city, int64_t year, err *e)
{
	db_stmt *st =
		db_query(d,
			 "SELECT " PROPOSAL_COLS " FROM shortage_proposals p JOIN regions r ON r.code = "
			 "p.city_code WHERE p.city_code = $1 AND p.year = $2",
			 DB_ARGS(DV_S(city), DV_I(year)), e);
	if (!st)
		return NULL;
	int row = db_row(st, e);
	json_t *o = NULL;
	if (row > 0) {
		const char *state = db_text(st, 4);
		o = json_pack("{s:s,s:s,s:I,s:I,s:s,s:s,s:s,s:s,s:o,s:o,s:I,s:I,s:o}", "city_code",
			      db_text(st, 0), "city_name", db_text(st, 1), "year", (json_int_t)db_int(st, 2),
			      "basis_year", (json_int_t)db_int(st, 3), "state", state, "state_zh",
			      fsm_state_zh(&shortage_proposal_fsm, state), "title", db_text(st, 5), "note",
			      db_text(st, 6), "min", fen_or_null(st, 7), "max", fen_or_null(st, 8), "made_at",
			      (json_int_t)db_int(st, 9), "updated_at", (json_int_t)db_int(st, 10),
			      "published_at",
			      db_isnull(st, 11) ? json_null() : json_integer((json_int_t)db_int(st, 11)));
	}
	db_done(st);
	if (row < 0)
		return NULL;
	if (row == 0) {
		err_set(e, 404, "not_found", NULL, "该市该年度没有建议目录",
			"no proposal of that city and year");
		return NULL;
	}
	st = db_query(
		d,
		"SELECT pe.occupation_code, o.name, pe.reasons, pe.amount_fen FROM shortage_proposal_entries "
		"pe "
		"JOIN occupations o ON o.code = pe.occupation_code WHERE pe.city_code = $1 AND pe.year = $2 "
		"ORDER BY pe.occupation_code",
		DB_ARGS(DV_S(city), DV_I(year)), e);
	if (!st) {
		json_decref(o);
		return NULL;
	}
	json_t *ents = json_array();
	while (db_step(st) == DB_ROW) {
		json_t *rs = json_array();
		char buf[64];
		snprintf(buf, sizeof buf, "%s", db_text(st, 2));
		for (char *sv = NULL, *tok = strtok_r(buf, ",", &sv); tok; tok = strtok_r(NULL, ",", &sv))
			json_array_append_new(rs, json_string(tok));
		json_array_append_new(ents, json_pack("{s:s,s:s,s:o,s:o}", "occupation_code", db_text(st, 0),
						      "occupation_name", db_text(st, 1), "reasons", rs,
						      "amount", fen_or_null(st, 3)));
	}
	if (db_finish(st, e) != 0) {
		json_decref(ents);
		json_decref(o);
		return NULL;
	}
	json_object_set_new(o, "entries", ents);
	return o;
}

/* a proposal's city: the province (370000) or a city; the caller may read it */
static int proposal_reach(db *d, const principal *a, const char *city, bool write, err *e)
{
	char name[64];
	const char *c = city;
	enum stat_region_level rl = city && *city ? stat_region_level(city) : SRL_BAD;
	if (rl != SRL_PROVINCE && rl != SRL_CITY)
		return err_set(e, 404, "not_found", "city_code", "没有该市（或全省）",
			       "no such city or province");
	if (region_in_reach(d, a, &c, name, sizeof name, e) != 0)
		return -1;
	if (write && a->role != ROLE_PROVINCE_ADMIN)
		return err_set(e, 403, "forbidden", NULL, "建议目录由省级人社部门编制和发布",
			       "the province makes, edits and publishes the proposals");
	return 0;
}

struct make_ctx {
	const char *city;
	int64_t year;
	struct assess *s;
	const char *title;
	int64_t entries;
};

static int make_work(tx *t, void *p, err *e)
{
	struct make_ctx *c = p;
	char state[16] = "";
	db_stmt *st =
		db_query(t->d, "SELECT state FROM shortage_proposals WHERE city_code = $1 AND year = $2",
			 DB_ARGS(DV_S(c->city), DV_I(c->year)), e);
	if (!st)
		return -1;
	int row = db_row(st, e);
	if (row > 0)
		snprintf(state, sizeof state, "%s", db_text(st, 0));
	db_done(st);
	if (row < 0)
		return -1;
	if (!strcmp(state, "published"))
		return err_set(e, 409, "already_published", NULL, "该年度目录已发布，不能重新生成建议",
			       "that year's catalogue is published; the proposal cannot be made again");
	/* the current catalogue's range and amounts carry over */
	int64_t now = now_s();
	if (db_run(t->d, "DELETE FROM shortage_proposal_entries WHERE city_code = $1 AND year = $2",
		   DB_ARGS(DV_S(c->city), DV_I(c->year)), e) < 0 ||
	    db_run(t->d, "DELETE FROM shortage_proposals WHERE city_code = $1 AND year = $2",
		   DB_ARGS(DV_S(c->city), DV_I(c->year)), e) < 0 ||
	    db_run(t->d,
		   "INSERT INTO shortage_proposals (city_code, year, basis_year, state, title, note, "
		   "min_fen, max_fen, "
		   "made_by, made_at, updated_at) SELECT $1, $2, $3, 'draft', $4, '', (SELECT min_fen FROM "
		   "training_shortage_lists WHERE city_code = $1 AND year = $3), (SELECT max_fen FROM "
		   "training_shortage_lists WHERE city_code = $1 AND year = $3), $5, $6, $6",
		   DB_ARGS(DV_S(c->city), DV_I(c->year), DV_I(c->year - 1), DV_S(c->title),
			   DV_I(t->a->user_id), DV_I(now)),
		   e) < 0)
		return -1;
	json_t *codes = json_array();
	for (size_t i = 0; i < c->s->n; i++) {
		const struct occ *o = &c->s->o[i];
		if (!shortage_listed(&c->s->rules.t, o->reasons))
			continue;
		char rs[64] = "";
		for (unsigned bit = 1; bit < (1u << SR_COUNT); bit <<= 1)
			if (o->reasons & bit)
				snprintf(rs + strlen(rs), sizeof rs - strlen(rs), "%s%s", *rs ? "," : "",
					 shortage_reason_code(bit));
		if (db_run(t->d,
			   "INSERT INTO shortage_proposal_entries (city_code, year, occupation_code, "
			   "reasons, "
			   "amount_fen) VALUES ($1, $2, $3, $4, (SELECT amount_fen FROM "
			   "training_shortage_entries "
			   "WHERE city_code = $1 AND year = $5 AND occupation_code = $3))",
			   DB_ARGS(DV_S(c->city), DV_I(c->year), DV_S(o->code), DV_S(rs), DV_I(c->year - 1)),
			   e) < 0) {
			json_decref(codes);
			return -1;
		}
		json_array_append_new(codes, json_string(o->code));
		c->entries++;
	}
	char id[40];
	snprintf(id, sizeof id, "%s/%lld", c->city, (long long)c->year);
	tx_audit_key(t, "stats.shortage.propose", "shortage_proposal", id,
		     json_pack("{s:s,s:I,s:I,s:o}", "city_code", c->city, "year", (json_int_t)c->year,
			       "basis_year", (json_int_t)(c->year - 1), "entries", codes));
	return 0;
}

json_t *shortage_proposal_make(db *d, const principal *a, const char *city, int64_t year, err *e)
{
	if (check_year(year, e) != 0 || proposal_reach(d, a, city, true, e) != 0)
		return NULL;
	struct assess s;
	if (assess_run(d, city, year - 1, NULL, &s, e) != 0) {
		assess_free(&s);
		return NULL;
	}
	char title[160], name[64] = "";
	db_stmt *st = db_query(d, "SELECT name FROM regions WHERE code = $1", DB_ARGS(DV_S(city)), e);
	if (st && db_step(st) == DB_ROW)
		snprintf(name, sizeof name, "%s", db_text(st, 0));
	db_done(st);
	snprintf(title, sizeof title, "%s%lld年急需紧缺工种目录", name, (long long)year);
	struct make_ctx c = {.city = city, .year = year, .s = &s, .title = title};
	int rc = svc_tx(d, a, make_work, &c, e);
	assess_free(&s);
	return rc == 0 ? proposal_json(d, city, year, e) : NULL;
}

json_t *shortage_proposal_get(db *d, const principal *a, const char *city, int64_t year, err *e)
{
	if (check_year(year, e) != 0 || proposal_reach(d, a, city, false, e) != 0)
		return NULL;
	return proposal_json(d, city, year, e);
}

struct put_ctx {
	const char *city;
	int64_t year;
	const struct proposal_input *in;
	struct shortage_amounts am;
};

static int read_state(db *d, const char *city, int64_t year, char state[16], int64_t *entries, err *e)
{
	db_stmt *st = db_query(
		d,
		"SELECT state, (SELECT COUNT(*) FROM shortage_proposal_entries pe WHERE pe.city_code = "
		"p.city_code AND pe.year = p.year) FROM shortage_proposals p WHERE city_code = $1 AND "
		"year = $2",
		DB_ARGS(DV_S(city), DV_I(year)), e);
	if (!st)
		return -1;
	int row = db_row(st, e);
	if (row > 0) {
		snprintf(state, 16, "%s", db_text(st, 0));
		*entries = db_int(st, 1);
	}
	db_done(st);
	if (row < 0)
		return -1;
	if (row == 0)
		return err_set(e, 404, "not_found", NULL, "该市该年度没有建议目录",
			       "no proposal of that city and year");
	return 0;
}

static int put_work(tx *t, void *p, err *e)
{
	struct put_ctx *c = p;
	const struct proposal_input *in = c->in;
	char state[16];
	int64_t n = 0;
	if (read_state(t->d, c->city, c->year, state, &n, e) != 0)
		return -1;
	if (strcmp(state, "draft"))
		return err_set(e, 409, "already_published", NULL, "建议目录已发布，不能再修改",
			       "the proposal is published and cannot be changed");
	dbv mn = c->am.has_min ? DV_I(c->am.min) : DV_NULL, mx = c->am.has_max ? DV_I(c->am.max) : DV_NULL;
	if (db_run(t->d,
		   "UPDATE shortage_proposals SET title = COALESCE($3, title), note = COALESCE($4, note), "
		   "min_fen = "
		   "$5, max_fen = $6, updated_at = $7 WHERE city_code = $1 AND year = $2",
		   DB_ARGS(DV_S(c->city), DV_I(c->year), in->title ? DV_S(in->title) : DV_NULL,
			   in->note ? DV_S(in->note) : DV_NULL, mn, mx, DV_I(now_s())),
		   e) < 0)
		return -1;
	/* the entries: kept ones keep their reasons; removed ones go; new ones have none */
	json_t *keep = json_object(), *ents = json_array();
	db_stmt *st = db_query(
		t->d,
		"SELECT occupation_code, reasons FROM shortage_proposal_entries WHERE city_code = $1 AND "
		"year = $2",
		DB_ARGS(DV_S(c->city), DV_I(c->year)), e);
	while (st && db_step(st) == DB_ROW)
		json_object_set_new(keep, db_text(st, 0), json_string(db_text(st, 1)));
	if (!st || db_finish(st, e) != 0 ||
	    db_run(t->d, "DELETE FROM shortage_proposal_entries WHERE city_code = $1 AND year = $2",
		   DB_ARGS(DV_S(c->city), DV_I(c->year)), e) < 0) {
		json_decref(keep);
		json_decref(ents);
		return -1;
	}
	for (size_t i = 0; i < in->nentries; i++) {
		json_t *r = json_object_get(keep, in->entries[i].occupation_code);
		const char *rs = r ? json_string_value(r) : "";
		dbv amt = in->entries[i].amount ? DV_I(c->am.amounts[i]) : DV_NULL;
		if (db_run(t->d,
			   "INSERT INTO shortage_proposal_entries (city_code, year, occupation_code, "
			   "reasons, "
			   "amount_fen) VALUES ($1, $2, $3, $4, $5)",
			   DB_ARGS(DV_S(c->city), DV_I(c->year), DV_S(in->entries[i].occupation_code),
				   DV_S(rs), amt),
			   e) < 0) {
			json_decref(keep);
			json_decref(ents);
			if (e->status == 409)
				err_set(e, 422, "duplicate_entry", "entries", "同一职业在目录中出现两次",
					"an occupation is listed twice");
			return -1;
		}
		json_array_append_new(ents, json_string(in->entries[i].occupation_code));
	}
	json_decref(keep);
	char id[40];
	snprintf(id, sizeof id, "%s/%lld", c->city, (long long)c->year);
	tx_audit_key(t, "stats.shortage.edit", "shortage_proposal", id,
		     json_pack("{s:s,s:I,s:o}", "city_code", c->city, "year", (json_int_t)c->year, "entries",
			       ents));
	return 0;
}

json_t *shortage_proposal_put(db *d, const principal *a, const char *city, int64_t year,
			      const struct proposal_input *in, err *e)
{
	if (check_year(year, e) != 0 || proposal_reach(d, a, city, true, e) != 0)
		return NULL;
	if ((in->title && check_text(in->title, "title", 100, true, e)) ||
	    (in->note && check_text(in->note, "note", 300, false, e)))
		return NULL;
	if (in->nentries > SHORTAGE_MAX_ENTRIES) {
		err_set(e, 422, "too_many", "entries", "目录至多 200 个职业",
			"a list holds at most 200 entries");
		return NULL;
	}
	struct put_ctx c = {.city = city, .year = year, .in = in};
	int rc = shortage_amounts_check(d, in->min, in->max, in->entries, in->nentries, &c.am, e);
	if (!rc)
		rc = svc_tx(d, a, put_work, &c, e);
	free(c.am.amounts);
	return rc == 0 ? proposal_json(d, city, year, e) : NULL;
}

struct pub_ctx {
	const char *city;
	int64_t year;
};

static int publish_work(tx *t, void *p, err *e)
{
	struct pub_ctx *c = p;
	char state[16];
	struct shortage_proposal_ctx fc = {0};
	if (read_state(t->d, c->city, c->year, state, &fc.entries, e) != 0)
		return -1;
	const struct fsm_transition *tr = NULL;
	if (fsm_decide(&shortage_proposal_fsm, state, "published", fsm_acting(t->a, true), NULL, &fc, &tr,
		       e) != 0)
		return -1;
	/* the proposal as the catalogue of its year */
	char title[512] = "", note[1024] = "";
	fen_t min = 0, max = 0;
	bool has_min = false, has_max = false;
	int64_t basis = 0;
	db_stmt *st = db_query(
		t->d,
		"SELECT title, note, min_fen, max_fen, basis_year FROM shortage_proposals WHERE city_code "
		"= $1 AND year = $2",
		DB_ARGS(DV_S(c->city), DV_I(c->year)), e);
	if (!st || db_row(st, e) <= 0) {
		db_done(st);
		return err_isset(e)
			       ? -1
			       : err_set(e, 404, "not_found", NULL, "建议目录不存在", "no such proposal");
	}
	snprintf(title, sizeof title, "%s", db_text(st, 0));
	snprintf(note, sizeof note, "%s", db_text(st, 1));
	has_min = !db_isnull(st, 2);
	min = db_int(st, 2);
	has_max = !db_isnull(st, 3);
	max = db_int(st, 3);
	basis = db_int(st, 4);
	db_done(st);
	struct shortage_row *rows = calloc((size_t)fc.entries + 1, sizeof *rows);
	char(*codes)[33] = calloc((size_t)fc.entries + 1, sizeof *codes);
	if (!rows || !codes) {
		free(rows);
		free(codes);
		return err_set(e, 500, "internal", NULL, "内存不足", "out of memory");
	}
	size_t n = 0;
	st = db_query(t->d,
		      "SELECT occupation_code, amount_fen FROM shortage_proposal_entries WHERE city_code = "
		      "$1 AND year "
		      "= $2 ORDER BY occupation_code",
		      DB_ARGS(DV_S(c->city), DV_I(c->year)), e);
	while (st && db_step(st) == DB_ROW && n < (size_t)fc.entries) {
		snprintf(codes[n], sizeof codes[n], "%s", db_text(st, 0));
		rows[n] = (struct shortage_row){codes[n], !db_isnull(st, 1), db_int(st, 1)};
		n++;
	}
	char source[1536];
	snprintf(source, sizeof source,
		 "山东省技能人才急需紧缺预警（docs/DOMAIN.md §59）：据 %lld "
		 "年招聘岗位、供给与工资价位生成的建议目录，经省级人社部门编辑发布%s%s",
		 (long long)basis, *note ? "；" : "", note);
	int rc = !st || db_finish(st, e) != 0
			 ? -1
			 : shortage_write(t, c->city, c->year, title, source, (int64_t)n,
					  has_min ? &min : NULL, has_max ? &max : NULL, rows, n, e);
	json_t *ents = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(ents, json_string(codes[i]));
	free(rows);
	free(codes);
	if (rc != 0 ||
	    db_run(t->d,
		   "UPDATE shortage_proposals SET state = 'published', published_by = $3, published_at = $4, "
		   "updated_at = $4 WHERE city_code = $1 AND year = $2",
		   DB_ARGS(DV_S(c->city), DV_I(c->year), DV_I(t->a->user_id), DV_I(now_s())), e) < 0) {
		json_decref(ents);
		return -1;
	}
	char id[40];
	snprintf(id, sizeof id, "%s/%lld", c->city, (long long)c->year);
	tx_audit_key(t, tr->audit, "shortage_proposal", id,
		     json_pack("{s:s,s:I,s:o}", "city_code", c->city, "year", (json_int_t)c->year, "entries",
			       ents));
	return 0;
}

json_t *shortage_proposal_publish(db *d, const principal *a, const char *city, int64_t year, err *e)
{
	if (check_year(year, e) != 0 || proposal_reach(d, a, city, false, e) != 0)
		return NULL;
	struct pub_ctx c = {city, year};
	if (svc_tx(d, a, publish_work, &c, e) != 0)
		return NULL;
	return proposal_json(d, city, year, e);
}

/* ---- the thresholds ---- */

static const struct {
	const char *key;
	int64_t min, max;
} rule_ranges[] = {
	{"min_demand", 0, 1000000},    {"ratio_min_pct", 1, 100000}, {"pay_growth_min_bp", -10000, 100000},
	{"vacancy_days_min", 0, 3650}, {"min_reasons", 1, SR_COUNT}, {"history_years", 2, MAX_HISTORY_YEARS},
	{"interval_z_pct", 0, 500},
};

json_t *shortage_rules_json(db *d, err *e)
{
	struct rules r;
	if (load_rules(d, &r, e) != 0)
		return NULL;
	size_t i;
	json_t *it;
	json_array_foreach(r.list, i, it)
	{
		const char *k = json_string_value(json_object_get(it, "key"));
		for (size_t j = 0; j < ARRAY_LEN(rule_ranges); j++)
			if (!strcmp(rule_ranges[j].key, k)) {
				json_object_set_new(it, "min", json_integer((json_int_t)rule_ranges[j].min));
				json_object_set_new(it, "max", json_integer((json_int_t)rule_ranges[j].max));
			}
	}
	return json_pack("{s:o}", "items", r.list);
}

struct rules_ctx {
	const struct rule_value *v;
	size_t n;
	const char *source;
};

static int rules_work(tx *t, void *p, err *e)
{
	struct rules_ctx *c = p;
	json_t *det = json_object();
	for (size_t i = 0; i < c->n; i++) {
		if (db_run(t->d, "UPDATE shortage_rules SET value = $2, source = $3 WHERE key = $1",
			   DB_ARGS(DV_S(c->v[i].key), DV_I(c->v[i].value), DV_S(c->source)), e) < 0) {
			json_decref(det);
			return -1;
		}
		json_object_set_new(det, c->v[i].key, json_integer((json_int_t)c->v[i].value));
	}
	tx_audit_key(t, "stats.shortage.rules", "shortage_rules", "370000",
		     json_pack("{s:o,s:s}", "values", det, "source", c->source));
	return 0;
}

json_t *shortage_rules_put(db *d, const principal *a, const struct rule_value *v, size_t n,
			   const char *source, err *e)
{
	if (a->role != ROLE_PROVINCE_ADMIN) {
		err_set(e, 403, "forbidden", NULL, "预警阈值由省级人社部门设定",
			"the province sets the thresholds");
		return NULL;
	}
	if (check_text(source, "source", 300, true, e) != 0)
		return NULL;
	if (!n) {
		err_set(e, 422, "missing_field", "values", "缺少要设定的阈值", "no threshold to set");
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		size_t j = 0;
		while (j < ARRAY_LEN(rule_ranges) && (!v[i].key || strcmp(rule_ranges[j].key, v[i].key)))
			j++;
		if (j == ARRAY_LEN(rule_ranges)) {
			err_set(e, 422, "invalid_value", "values", "没有该阈值：%s", "no such threshold: %s",
				v[i].key ? v[i].key : "");
			return NULL;
		}
		if (v[i].value < rule_ranges[j].min || v[i].value > rule_ranges[j].max) {
			err_set(e, 422, "invalid_value", "values", "%s 应为 %lld..%lld",
				"%s must be %lld..%lld", v[i].key, (long long)rule_ranges[j].min,
				(long long)rule_ranges[j].max);
			return NULL;
		}
	}
	struct rules_ctx c = {v, n, source};
	if (svc_tx(d, a, rules_work, &c, e) != 0)
		return NULL;
	return shortage_rules_json(d, e);
}
