/* open_data.c: 开放数据 — the datasets, their publication from the statistics counters with disclosure
 * control, and the published tables (svc/stats/open_data.h; docs/DOMAIN.md §47). */
#include "util/common.h"
#include "svc/stats/open_data.h"
#include "core/certno.h"
#include "core/date.h"
#include "core/period.h"
#include "core/disclosure.h"
#include "core/money.h"
#include "doc/export.h"
#include "svc/base/svc.h"
#include "svc/base/tx.h"
#include <stdlib.h>

enum od_rows { OD_CITY, OD_CATEGORY };
enum od_cols { OD_LEVEL, OD_QUARTER };

struct od_dataset {
	const char *code, *name, *name_en, *unit, *metric, *source;
	enum od_rows rows;
	enum od_cols cols;
	bool amount; /* the cells also carry an amount of money (fen) */
};

static const struct od_dataset datasets[] = {
	{"certificates-by-city", "职业技能等级证书核发（按设区市、等级）",
	 "Skill level certificates issued, by city and level", "本", "cert.issued",
	 "证书核发计数（统计计数 cert.issued，按发证日期）", OD_CITY, OD_LEVEL, false},
	{"certificates-by-category", "职业技能等级证书核发（按职业大类、等级）",
	 "Skill level certificates issued, by occupation category and level", "本", "cert.issued",
	 "证书核发计数；职业大类按《中华人民共和国职业分类大典（2022年版）》", OD_CATEGORY, OD_LEVEL, false},
	{"passed-by-city", "职业技能等级评价合格人次（按设区市、等级）",
	 "Evaluations passed, by city and level", "人次", "result.passed",
	 "评价结果计数（统计计数 result.passed，按考核日期）", OD_CITY, OD_LEVEL, false},
	{"training-by-city", "职业技能培训结业人次（按设区市、季度）",
	 "Training completions, by city and quarter", "人次", "training.completed",
	 "培训结业计数（统计计数 training.completed，按报名时间）", OD_CITY, OD_QUARTER, false},
	{"subsidies-by-city", "职业技能培训补贴发放（按设区市、季度）",
	 "Training subsidies paid, by city and quarter", "人次；金额：元", "claim.paid",
	 "补贴发放计数与金额（统计计数 claim.paid，按申请日期）", OD_CITY, OD_QUARTER, true},
};

/* 《中华人民共和国职业分类大典（2022年版）》的八个大类; 0: 专项职业能力 and occupations without one */
static const char *const category_names[] = {
	"其他（专项职业能力等）",
	"党的机关、国家机关、群众团体和社会组织、企事业单位负责人",
	"专业技术人员",
	"办事人员和有关人员",
	"社会生产服务和生活服务人员",
	"农、林、牧、渔业生产及辅助人员",
	"生产制造及有关人员",
	"军队人员",
	"不便分类的其他从业人员",
};

static const struct od_dataset *dataset_of(const char *code)
{
	for (size_t i = 0; code && i < ARRAY_LEN(datasets); i++)
		if (!strcmp(datasets[i].code, code))
			return &datasets[i];
	return NULL;
}

static json_t *axis_name(enum od_rows r)
{
	return json_string(r == OD_CITY ? "设区市" : "职业大类");
}

json_t *open_data_catalogue_json(db *d, err *e)
{
	json_t *list = json_array();
	for (size_t i = 0; i < ARRAY_LEN(datasets); i++) {
		const struct od_dataset *ds = &datasets[i];
		db_stmt *st = db_query(
			d,
			"SELECT period, version, published_at FROM open_data_releases WHERE dataset = $1 "
			"AND state = 'published' ORDER BY period DESC",
			DB_ARGS(DV_S(ds->code)), e);
		if (!st) {
			json_decref(list);
			return NULL;
		}
		json_t *rel = json_array();
		while (db_step(st) == DB_ROW)
			json_array_append_new(rel, json_pack("{s:s,s:I,s:I}", "period", db_text(st, 0),
							     "version", (json_int_t)db_int(st, 1),
							     "published_at", (json_int_t)db_int(st, 2)));
		if (db_finish(st, e) != 0) {
			json_decref(rel);
			json_decref(list);
			return NULL;
		}
		json_array_append_new(list,
				      json_pack("{s:s,s:s,s:s,s:s,s:o,s:s,s:s,s:b,s:o}", "code", ds->code,
						"name", ds->name, "name_en", ds->name_en, "unit", ds->unit,
						"rows", axis_name(ds->rows), "columns",
						ds->cols == OD_LEVEL ? "等级" : "季度", "source", ds->source,
						"amount", ds->amount, "releases", rel));
	}
	return json_pack("{s:o,s:i,s:i}", "datasets", list, "threshold_default", OPEN_DATA_THRESHOLD_DEFAULT,
			 "threshold_min", OPEN_DATA_THRESHOLD_MIN);
}

/* ---- publication ---- */

#define OD_MAX_ROWS 24
#define OD_MAX_COLS 8

struct od_table {
	int rows, cols;
	char row_key[OD_MAX_ROWS][16], row_label[OD_MAX_ROWS][96];
	char col_key[OD_MAX_COLS][8], col_label[OD_MAX_COLS][32];
	/* (rows+1) x (cols+1), margins included */
	int64_t n[(OD_MAX_ROWS + 1) * (OD_MAX_COLS + 1)], amount[(OD_MAX_ROWS + 1) * (OD_MAX_COLS + 1)];
	uint8_t flag[(OD_MAX_ROWS + 1) * (OD_MAX_COLS + 1)];
};

#define CELL(t, i, j) ((size_t)(i) * (size_t)((t)->cols + 1) + (size_t)(j))

static int load_rows(db *d, const struct od_dataset *ds, struct od_table *t, err *e)
{
	t->rows = 0;
	if (ds->rows == OD_CATEGORY) {
		for (int c = 1; c <= 8; c++) {
			snprintf(t->row_key[t->rows], sizeof t->row_key[0], "%d", c);
			snprintf(t->row_label[t->rows], sizeof t->row_label[0], "%s", category_names[c]);
			t->rows++;
		}
		snprintf(t->row_key[t->rows], sizeof t->row_key[0], "0");
		snprintf(t->row_label[t->rows], sizeof t->row_label[0], "%s", category_names[0]);
		t->rows++;
		return 0;
	}
	db_stmt *st = db_query(d, "SELECT code, name FROM regions WHERE level = 'city' ORDER BY code",
			       DB_NOARGS, e);
	if (!st)
		return -1;
	while (db_step(st) == DB_ROW && t->rows < OD_MAX_ROWS) {
		snprintf(t->row_key[t->rows], sizeof t->row_key[0], "%s", db_text(st, 0));
		snprintf(t->row_label[t->rows], sizeof t->row_label[0], "%s", db_text(st, 1));
		t->rows++;
	}
	if (db_finish(st, e) != 0)
		return -1;
	if (!t->rows)
		return err_set(e, 409, "no_regions", NULL, "没有设区市的区划数据",
			       "no city regions are loaded");
	return 0;
}

static void load_cols(const struct od_dataset *ds, const struct stat_period *p, struct od_table *t)
{
	t->cols = 0;
	if (ds->cols == OD_QUARTER && p->quarter) { /* a quarter's table: its three months */
		for (int m = 3 * p->quarter - 2; m <= 3 * p->quarter; m++) {
			snprintf(t->col_key[t->cols], sizeof t->col_key[0], "M%02u", (unsigned)m % 100u);
			snprintf(t->col_label[t->cols], sizeof t->col_label[0], "%u月", (unsigned)m % 100u);
			t->cols++;
		}
		return;
	}
	if (ds->cols == OD_QUARTER) {
		for (int q = 1; q <= 4; q++) {
			snprintf(t->col_key[t->cols], sizeof t->col_key[0], "Q%u", (unsigned)q % 10u);
			snprintf(t->col_label[t->cols], sizeof t->col_label[0], "第%s季度",
				 (const char *const[]){"一", "二", "三", "四"}[q - 1]);
			t->cols++;
		}
		return;
	}
	/* 五级 … 一级, then 专项职业能力 (level 0) */
	for (int l = 5; l >= 0; l--) {
		snprintf(t->col_key[t->cols], sizeof t->col_key[0], "%u", (unsigned)l % 10u);
		snprintf(t->col_label[t->cols], sizeof t->col_label[0], "%s",
			 l ? level_name_zh(l) : "专项职业能力");
		t->cols++;
	}
}

static int find_row(const struct od_table *t, const char *key)
{
	for (int i = 0; i < t->rows; i++)
		if (!strcmp(t->row_key[i], key))
			return i;
	return -1;
}

static int col_of(const struct od_dataset *ds, const struct stat_period *p, const char *key)
{
	if (ds->cols == OD_QUARTER) {
		/* key is a month 'YYYY-MM' */
		int m = key && strlen(key) == 7 ? atoi(key + 5) : 0;
		if (m < 1 || m > 12)
			return -1;
		return p->quarter ? m - (3 * p->quarter - 2) : (m - 1) / 3;
	}
	int l = key ? atoi(key) : -1;
	return l >= 1 && l <= 5 ? 5 - l : l == 0 ? 5 : -1;
}

/* the counters of the year into the table, and the margins */
static int load_counts(db *d, const struct od_dataset *ds, const struct stat_period *p, struct od_table *t,
		       err *e)
{
	const char *from = p->from, *to = p->to;
	const char *rowexpr = ds->rows == OD_CITY ? "substr(sc.region_code, 1, 4) || '00'"
						  : "CAST(COALESCE(o.category, 0) AS TEXT)";
	const char *colexpr = ds->cols == OD_LEVEL ? "CAST(sc.level AS TEXT)" : "sc.month";
	char sql[640];
	snprintf(sql, sizeof sql,
		 "SELECT %s, %s, SUM(sc.n), SUM(sc.amount) FROM stat_counts sc%s WHERE sc.metric = $1 AND "
		 "sc.month "
		 ">= $2 AND sc.month <= $3 GROUP BY %s, %s",
		 rowexpr, colexpr,
		 ds->rows == OD_CATEGORY ? " LEFT JOIN occupations o ON o.code = sc.occupation_code" : "",
		 rowexpr, colexpr);
	db_stmt *st = db_query(d, sql, DB_ARGS(DV_S(ds->metric), DV_S(from), DV_S(to)), e);
	if (!st)
		return -1;
	while (db_step(st) == DB_ROW) {
		int i = find_row(t, db_text(st, 0)), j = col_of(ds, p, db_text(st, 1));
		if (i < 0 || j < 0 || j >= t->cols)
			continue; /* not a city of the province, or no level: not in this table */
		t->n[CELL(t, i, j)] += db_int(st, 2);
		t->amount[CELL(t, i, j)] += db_int(st, 3);
	}
	if (db_finish(st, e) != 0)
		return -1;
	for (int i = 0; i < t->rows; i++)
		for (int j = 0; j < t->cols; j++) {
			size_t c = CELL(t, i, j);
			if (t->n[c] < 0) /* a counter row of corrections cannot make a cell negative */
				return ERR_INTERNAL(e, "a negative count in the statistics counters");
			t->n[CELL(t, i, t->cols)] += t->n[c];
			t->amount[CELL(t, i, t->cols)] += t->amount[c];
			t->n[CELL(t, t->rows, j)] += t->n[c];
			t->amount[CELL(t, t->rows, j)] += t->amount[c];
			t->n[CELL(t, t->rows, t->cols)] += t->n[c];
			t->amount[CELL(t, t->rows, t->cols)] += t->amount[c];
		}
	return 0;
}

struct pub_ctx {
	const struct od_dataset *ds;
	const char *period;
	struct stat_period p;
	int64_t threshold, id;
	struct od_table *t;
};

static int pub_work(tx *t, void *vctx, err *e)
{
	struct pub_ctx *c = vctx;
	struct od_table *tb = c->t;
	memset(tb, 0, sizeof *tb);
	if (load_rows(t->d, c->ds, tb, e) != 0)
		return -1;
	load_cols(c->ds, &c->p, tb);
	if (load_counts(t->d, c->ds, &c->p, tb, e) != 0)
		return -1;
	int hidden = disclose_table(tb->rows, tb->cols, tb->n, c->threshold, tb->flag);
	if (hidden < 0)
		return ERR_INTERNAL(e, "open data: the table does not add up");
	int64_t version = 0;
	if (db_one_int(t->d,
		       "SELECT COALESCE(MAX(version), 0) FROM open_data_releases WHERE dataset = $1 AND "
		       "period = $2",
		       DB_ARGS(DV_S(c->ds->code), DV_S(c->period)), &version, e) != 0)
		return -1;
	if (db_run(t->d,
		   "UPDATE open_data_releases SET state = 'superseded' WHERE dataset = $1 AND period = $2 "
		   "AND state = "
		   "'published'",
		   DB_ARGS(DV_S(c->ds->code), DV_S(c->period)), e) < 0)
		return -1;
	db_stmt *st = db_query(
		t->d,
		"INSERT INTO open_data_releases (dataset, period, version, state, threshold, hidden, "
		"published_at, published_by) VALUES ($1, $2, $3, 'published', $4, $5, $6, $7) "
		"RETURNING id",
		DB_ARGS(DV_S(c->ds->code), DV_S(c->period), DV_I(version + 1), DV_I(c->threshold),
			DV_I(hidden), DV_I(now_s()), t->a->user_id > 0 ? DV_I(t->a->user_id) : DV_NULL),
		e);
	if (!st)
		return -1;
	if (db_row(st, e) != 1) {
		db_done(st);
		return err_isset(e) ? -1 : ERR_INTERNAL(e, "open data: the release row was not returned");
	}
	c->id = db_int(st, 0);
	db_done(st);
	for (int i = 0; i <= tb->rows; i++)
		for (int j = 0; j <= tb->cols; j++) {
			size_t k = CELL(tb, i, j);
			bool shown = tb->flag[k] == DISC_SHOWN;
			const char *rk = i < tb->rows ? tb->row_key[i] : "total",
				   *rl = i < tb->rows ? tb->row_label[i] : "合计",
				   *ck = j < tb->cols ? tb->col_key[j] : "total",
				   *cl = j < tb->cols ? tb->col_label[j] : "合计";
			if (db_run(t->d,
				   "INSERT INTO open_data_cells (release_id, r, c, row_key, row_label, "
				   "col_key, col_label, "
				   "n, amount, flag) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
				   DB_ARGS(DV_I(c->id), DV_I(i), DV_I(j), DV_S(rk), DV_S(rl), DV_S(ck),
					   DV_S(cl), shown ? DV_I(tb->n[k]) : DV_NULL,
					   shown && c->ds->amount ? DV_I(tb->amount[k]) : DV_NULL,
					   DV_I(tb->flag[k])),
				   e) < 0)
				return -1;
		}
	tx_audit(t, "open_data.publish", "open_data_release", c->id,
		 json_pack("{s:s,s:s,s:I,s:I,s:i,s:I}", "dataset", c->ds->code, "period", c->period,
			   "version", (json_int_t)(version + 1), "threshold", (json_int_t)c->threshold,
			   "hidden", hidden, "total", (json_int_t)tb->n[CELL(tb, tb->rows, tb->cols)]));
	return 0;
}

int open_data_publish(db *d, const principal *a, const char *dataset, const char *period, int64_t threshold,
		      int64_t *id, err *e)
{
	if (a->role != ROLE_PROVINCE_ADMIN)
		return err_set(e, 403, "forbidden", NULL, "只有省级人社部门可以发布开放数据",
			       "only the province publishes open data");
	const struct od_dataset *ds = dataset_of(dataset);
	if (!ds)
		return err_set(e, 422, "invalid_value", "dataset", "没有该数据集", "no such dataset");
	struct stat_period p;
	if (period_parse(period, &p) != 0 || p.kind == PERIOD_MONTH)
		return err_set(e, 422, "invalid_value", "period", "统计期应为年份或季度，如 2025 或 2026-Q3",
			       "the period must be a year or a quarter, such as 2025 or 2026-Q3");
	if (!period_ended(&p, date_today_utc8()))
		return err_set(e, 422, "period_not_ended", "period", "统计期 %s 尚未结束，不能发布",
			       "the period %s has not ended yet", period);
	if (threshold == 0)
		threshold = OPEN_DATA_THRESHOLD_DEFAULT;
	if (threshold < OPEN_DATA_THRESHOLD_MIN || threshold > 1000)
		return err_set(e, 422, "invalid_value", "threshold", "公布阈值应在 %d 至 1000 之间",
			       "the threshold must be %d..1000", OPEN_DATA_THRESHOLD_MIN);
	struct od_table *t = calloc(1, sizeof *t);
	if (!t)
		return ERR_INTERNAL(e, "out of memory");
	struct pub_ctx c = {.ds = ds, .period = period, .p = p, .threshold = threshold, .t = t};
	int rc = svc_tx(d, a, pub_work, &c, e);
	free(t);
	if (rc == 0)
		*id = c.id;
	return rc;
}

/* ---- the published table ---- */

static json_t *money_or_null(db_stmt *st, int col)
{
	if (db_isnull(st, col))
		return json_null();
	char buf[MONEY_BUF];
	money_format(db_int(st, col), 0, buf, sizeof buf);
	return json_string(buf);
}

json_t *open_data_table_json(db *d, const char *dataset, const char *period, err *e)
{
	const struct od_dataset *ds = dataset_of(dataset);
	if (!ds) {
		err_set(e, 404, "not_found", "dataset", "没有该数据集", "no such dataset");
		return NULL;
	}
	db_stmt *st =
		db_query(d,
			 "SELECT id, version, threshold, hidden, published_at FROM open_data_releases WHERE "
			 "dataset = $1 AND period = $2 AND state = 'published'",
			 DB_ARGS(DV_S(ds->code), DV_S(period ? period : "")), e);
	if (!st)
		return NULL;
	if (db_step(st) != DB_ROW) {
		db_done(st);
		err_set(e, 404, "not_found", "period", "该统计期尚未发布",
			"nothing is published for this period");
		return NULL;
	}
	int64_t id = db_int(st, 0);
	int64_t threshold = db_int(st, 2);
	json_t *out = json_pack("{s:s,s:s,s:s,s:s,s:s,s:I,s:I,s:I,s:I,s:b}", "dataset", ds->code, "name",
				ds->name, "unit", ds->unit, "source", ds->source, "period", period, "version",
				(json_int_t)db_int(st, 1), "threshold", (json_int_t)threshold, "hidden",
				(json_int_t)db_int(st, 3), "published_at", (json_int_t)db_int(st, 4),
				"amount", ds->amount);
	json_object_set_new(out, "row_axis", axis_name(ds->rows));
	db_done(st);
	json_object_set_new(
		out, "note",
		json_sprintf("单元格数值为 1 至 %lld 的不予公布（small）；为防止由行、列合计推算出这些数值，"
			     "另有若干单元格一并隐藏（complementary）。",
			     (long long)(threshold - 1)));
	st = db_query(d,
		      "SELECT r, c, row_key, row_label, col_key, col_label, n, amount, flag FROM "
		      "open_data_cells WHERE "
		      "release_id = $1 ORDER BY r, c",
		      DB_ARGS(DV_I(id)), e);
	if (!st) {
		json_decref(out);
		return NULL;
	}
	json_t *cols = json_array(), *rows = json_array(), *row = NULL;
	int64_t cur = -1;
	while (db_step(st) == DB_ROW) {
		int64_t r = db_int(st, 0);
		if (r == 0)
			json_array_append_new(
				cols, json_pack("{s:s,s:s}", "key", db_text(st, 4), "label", db_text(st, 5)));
		if (r != cur) {
			row = json_pack("{s:s,s:s,s:[]}", "key", db_text(st, 2), "label", db_text(st, 3),
					"cells");
			json_array_append_new(rows, row);
			cur = r;
		}
		int64_t flag = db_int(st, 8);
		json_t *cell =
			json_pack("{s:o,s:o}", "n",
				  db_isnull(st, 6) ? json_null() : json_integer(db_int(st, 6)), "suppressed",
				  flag == DISC_SMALL	       ? json_string("small")
				  : flag == DISC_COMPLEMENTARY ? json_string("complementary")
							       : json_null());
		if (ds->amount)
			json_object_set_new(cell, "amount", money_or_null(st, 7));
		json_array_append_new(json_object_get(row, "cells"), cell);
	}
	if (db_finish(st, e) != 0) {
		json_decref(cols);
		json_decref(rows);
		json_decref(out);
		return NULL;
	}
	json_object_set_new(out, "columns", cols);
	json_object_set_new(out, "rows", rows);
	return out;
}

json_t *open_data_releases_json(db *d, const principal *a, err *e)
{
	if (a->role != ROLE_PROVINCE_ADMIN && a->role != ROLE_SUPERVISOR) {
		err_set(e, 403, "forbidden", NULL, "无权查看开放数据发布记录",
			"not allowed to see open data releases");
		return NULL;
	}
	db_stmt *st = db_query(
		d,
		"SELECT r.id, r.dataset, r.period, r.version, r.state, r.threshold, r.hidden, "
		"r.published_at, COALESCE(u.username, '') FROM open_data_releases r LEFT JOIN users u ON "
		"u.id = r.published_by ORDER BY r.id DESC",
		DB_NOARGS, e);
	if (!st)
		return NULL;
	json_t *items = json_array();
	while (db_step(st) == DB_ROW) {
		const struct od_dataset *ds = dataset_of(db_text(st, 1));
		json_array_append_new(items,
				      json_pack("{s:I,s:s,s:s,s:s,s:I,s:s,s:I,s:I,s:I,s:s}", "id",
						(json_int_t)db_int(st, 0), "dataset", db_text(st, 1), "name",
						ds ? ds->name : "", "period", db_text(st, 2), "version",
						(json_int_t)db_int(st, 3), "state", db_text(st, 4),
						"threshold", (json_int_t)db_int(st, 5), "hidden",
						(json_int_t)db_int(st, 6), "published_at",
						(json_int_t)db_int(st, 7), "published_by", db_text(st, 8)));
	}
	if (db_finish(st, e) != 0) {
		json_decref(items);
		return NULL;
	}
	return json_pack("{s:o,s:I}", "items", items, "total", (json_int_t)json_array_size(items));
}

/* ---- as a file ---- */

json_t *open_data_rows_json(json_t *table, struct export_col **cols_out, size_t *ncols)
{
	json_t *cols = json_object_get(table, "columns");
	bool amount = json_is_true(json_object_get(table, "amount"));
	size_t nc = json_array_size(cols), n = 1 + nc * (amount ? 2 : 1);
	struct export_col *ec = calloc(n, sizeof *ec);
	if (!ec)
		return NULL;
	const char *axis = json_string_value(json_object_get(table, "row_axis"));
	ec[0] = (struct export_col){.key = strdup("row"), .title = strdup(axis ? axis : "")};
	size_t k = 1;
	for (size_t j = 0; j < nc; j++) {
		const char *label = json_string_value(json_object_get(json_array_get(cols, j), "label"));
		char key[24], title[80];
		snprintf(key, sizeof key, "c%zu", j);
		snprintf(title, sizeof title, "%s%s", label, amount ? "（人次）" : "");
		ec[k++] = (struct export_col){.key = strdup(key), .title = strdup(title)};
		if (amount) {
			snprintf(key, sizeof key, "a%zu", j);
			snprintf(title, sizeof title, "%s（金额，元）", label);
			ec[k++] = (struct export_col){.key = strdup(key), .title = strdup(title)};
		}
	}
	json_t *out = json_array(), *row;
	size_t i;
	json_array_foreach(json_object_get(table, "rows"), i, row)
	{
		json_t *o = json_pack("{s:O}", "row", json_object_get(row, "label"));
		json_t *cell;
		size_t j;
		json_array_foreach(json_object_get(row, "cells"), j, cell)
		{
			char key[24];
			json_t *nv = json_object_get(cell, "n");
			snprintf(key, sizeof key, "c%zu", j);
			json_object_set_new(o, key,
					    json_is_integer(nv)
						    ? json_sprintf("%lld", (long long)json_integer_value(nv))
						    : json_string("*"));
			if (amount) {
				json_t *av = json_object_get(cell, "amount");
				snprintf(key, sizeof key, "a%zu", j);
				json_object_set_new(o, key,
						    json_is_string(av) ? json_incref(av) : json_string("*"));
			}
		}
		json_array_append_new(out, o);
	}
	*cols_out = ec;
	*ncols = n;
	return out;
}

void open_data_free_cols(struct export_col *cols, size_t ncols)
{
	for (size_t i = 0; cols && i < ncols; i++) {
		free((char *)cols[i].key);
		free((char *)cols[i].title);
	}
	free(cols);
}
