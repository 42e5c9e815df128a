/* reports.c: 统计报表 — the three report tables from the statistics counters, their versions in the blob
 * store, and the schedule (svc/stats/reports.h; docs/DOMAIN.md §52). */
#include "util/common.h"
#include "svc/stats/reports.h"
#include "core/certno.h"
#include "core/date.h"
#include "core/period.h"
#include "core/statkey.h"
#include "doc/stat_report_xlsx.h"
#include "svc/auth/auth.h"
#include "svc/base/blob.h"
#include "svc/base/svc.h"
#include "svc/base/ticker.h"
#include "svc/base/tx.h"
#include "util/arena.h"
#include "util/log.h"
#include <stdlib.h>

#define XLSX_MEDIA "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#define MAX_ROWS   200

enum rep_type { REP_EVALUATION, REP_TRAINING, REP_HIGH_SKILL, REP_COUNT };
static const char *const type_codes[REP_COUNT] = {"evaluation", "training", "high-skill"};
static const char *const type_titles[REP_COUNT] = {"职业技能等级认定（评价）情况表",
						   "职业技能培训与补贴情况表", "高技能人才情况表"};

static int type_of(const char *s)
{
	for (int i = 0; s && i < REP_COUNT; i++)
		if (!strcmp(type_codes[i], s))
			return i;
	return -1;
}

/* 《中华人民共和国职业分类大典（2022年版）》的大类; 0: 专项职业能力 and occupations without one */
static const char *const categories[] = {
	"其他（专项职业能力等）",
	"第一大类 党的机关、国家机关、群众团体和社会组织、企事业单位负责人",
	"第二大类 专业技术人员",
	"第三大类 办事人员和有关人员",
	"第四大类 社会生产服务和生活服务人员",
	"第五大类 农、林、牧、渔业生产及辅助人员",
	"第六大类 生产制造及有关人员",
	"第七大类 军队人员",
	"第八大类 不便分类的其他从业人员",
};

/* the table being filled: rows by key, values rows × cols */
struct tab {
	int nrows, ncols;
	char keys[MAX_ROWS][16];
	char *labels[MAX_ROWS];
	int64_t *v;
	arena *a;
};

static int row_of(const struct tab *t, const char *key)
{
	for (int i = 0; key && i < t->nrows; i++)
		if (!strcmp(t->keys[i], key))
			return i;
	return -1;
}

static void add(struct tab *t, int row, int col, int64_t n)
{
	if (row >= 0 && col >= 0 && col < t->ncols)
		t->v[(size_t)row * (size_t)t->ncols + (size_t)col] += n;
}

/* rows: the regions one level under `region` (a province's cities, a city's counties), in code order */
static int region_rows(db *d, const char *region, struct tab *t, err *e)
{
	db_stmt *st = db_query(d, "SELECT code, name FROM regions WHERE parent_code = $1 ORDER BY code",
			       DB_ARGS(DV_S(region)), e);
	if (!st)
		return -1;
	while (db_step(st) == DB_ROW && t->nrows < MAX_ROWS) {
		snprintf(t->keys[t->nrows], sizeof t->keys[0], "%s", db_text(st, 0));
		t->labels[t->nrows] = arena_strdup(t->a, db_text(st, 1));
		t->nrows++;
	}
	return db_finish(st, e);
}

/* columns of the 评价 report: three groups (评价人次, 合格人次, 取证数) × (合计, 五级 … 一级, 专项) */
static int level_col(int level)
{
	return level >= 1 && level <= 5 ? 6 - level : level == 0 ? 6 : -1;
}

static int fill_evaluation(db *d, const char *prefix, const struct stat_period *p, struct tab *t, err *e)
{
	for (int c = 1; c <= 9; c++) {
		int k = c % 9; /* 第一 … 第八大类, then 其他 (0) */
		snprintf(t->keys[t->nrows], sizeof t->keys[0], "%d", k);
		t->labels[t->nrows++] = (char *)categories[k];
	}
	db_stmt *st = db_query(
		d,
		"SELECT CAST(COALESCE(o.category, 0) AS TEXT), sc.level, sc.metric, SUM(sc.n) FROM "
		"stat_counts sc "
		"LEFT JOIN occupations o ON o.code = sc.occupation_code WHERE sc.metric IN ('result.sat', "
		"'result.passed', 'cert.issued') AND sc.region_code LIKE $1 AND sc.month >= $2 AND sc.month "
		"<= $3 "
		"GROUP BY CAST(COALESCE(o.category, 0) AS TEXT), sc.level, sc.metric",
		DB_ARGS(DV_S(prefix), DV_S(p->from), DV_S(p->to)), e);
	if (!st)
		return -1;
	while (db_step(st) == DB_ROW) {
		const char *m = db_text(st, 2);
		int g = !strcmp(m, "result.sat") ? 0 : !strcmp(m, "result.passed") ? 1 : 2;
		int lc = level_col((int)db_int(st, 1)), row = row_of(t, db_text(st, 0));
		if (lc < 0 || row < 0)
			continue;
		add(t, row, g * 7 + lc, db_int(st, 3));
		add(t, row, g * 7, db_int(st, 3));
	}
	return db_finish(st, e);
}

/* the child region a counter row belongs to: its code cut to the child level */
static const char *child_expr(const char *region)
{
	return stat_region_level(region) == SRL_PROVINCE ? "substr(sc.region_code, 1, 4) || '00'"
							 : "sc.region_code";
}

static int fill_training(db *d, const char *region, const char *prefix, const struct stat_period *p,
			 struct tab *t, err *e)
{
	if (region_rows(d, region, t, e) != 0)
		return -1;
	char sql[512];
	snprintf(sql, sizeof sql,
		 "SELECT %s, sc.metric, SUM(sc.n), SUM(sc.amount) FROM stat_counts sc WHERE sc.metric IN "
		 "('training.enrolled', 'training.completed', 'claim.applied', 'claim.paid') AND "
		 "sc.region_code LIKE $1 "
		 "AND sc.month >= $2 AND sc.month <= $3 GROUP BY %s, sc.metric",
		 child_expr(region), child_expr(region));
	db_stmt *st = db_query(d, sql, DB_ARGS(DV_S(prefix), DV_S(p->from), DV_S(p->to)), e);
	if (!st)
		return -1;
	while (db_step(st) == DB_ROW) {
		int row = row_of(t, db_text(st, 0));
		const char *m = db_text(st, 1);
		if (!strcmp(m, "training.enrolled"))
			add(t, row, 0, db_int(st, 2));
		else if (!strcmp(m, "training.completed"))
			add(t, row, 1, db_int(st, 2));
		else if (!strcmp(m, "claim.applied"))
			add(t, row, 2, db_int(st, 2));
		else {
			add(t, row, 3, db_int(st, 2));
			add(t, row, 4, db_int(st, 3));
		}
	}
	return db_finish(st, e);
}

/* 高技能人才: certificates of 三级/高级工 and above, valid at the period's end (issued − revoked up to it)
 * and issued in the period */
static int fill_high_skill(db *d, const char *region, const char *prefix, const struct stat_period *p,
			   struct tab *t, err *e)
{
	if (region_rows(d, region, t, e) != 0)
		return -1;
	char sql[512];
	snprintf(
		sql, sizeof sql,
		"SELECT %s, sc.level, sc.metric, sc.month >= $2, SUM(sc.n) FROM stat_counts sc WHERE "
		"sc.metric IN "
		"('cert.issued', 'cert.revoked') AND sc.level BETWEEN 1 AND 3 AND sc.region_code LIKE $1 AND "
		"sc.month <= $3 GROUP BY %s, sc.level, sc.metric, sc.month >= $2",
		child_expr(region), child_expr(region));
	db_stmt *st = db_query(d, sql, DB_ARGS(DV_S(prefix), DV_S(p->from), DV_S(p->to)), e);
	if (!st)
		return -1;
	while (db_step(st) == DB_ROW) {
		int row = row_of(t, db_text(st, 0)), level = (int)db_int(st, 1);
		bool issued = !strcmp(db_text(st, 2), "cert.issued"), in_period = db_int(st, 3) != 0;
		int64_t n = db_int(st, 4);
		int lc = 4 - level; /* 三级 1, 二级 2, 一级 3 */
		add(t, row, lc, issued ? n : -n);
		add(t, row, 0, issued ? n : -n);
		if (issued && in_period) {
			add(t, row, 4 + lc, n);
			add(t, row, 4, n);
		}
	}
	return db_finish(st, e);
}

/* 重点群体 under the 评价 and 培训 tables (docs/DOMAIN.md §64): every category (person_category_kinds, in
 * order) with the same columns, from the counters by category (stat_group_counts: a person counted under each
 * category held valid on the row's date, so the rows are not summed). The 高技能人才 table has none: its
 * 期末有效 is a stock of certificates, not a count of the period's rows. */
#define MAX_KINDS 32
struct kgtab {
	int nrows;
	const char *codes[MAX_KINDS];
	const char *labels[MAX_KINDS];
	int64_t *v;
};

static int fill_groups(db *d, int type, const char *prefix, const struct stat_period *p, int ncols, arena *a,
		       struct kgtab *k, err *e)
{
	db_stmt *st =
		db_query(d, "SELECT code, name FROM person_category_kinds ORDER BY position", DB_NOARGS, e);
	if (!st)
		return -1;
	while (db_step(st) == DB_ROW && k->nrows < MAX_KINDS) {
		k->codes[k->nrows] = arena_strdup(a, db_text(st, 0));
		k->labels[k->nrows++] = arena_strdup(a, db_text(st, 1));
	}
	if (db_finish(st, e) != 0)
		return -1;
	k->v = arena_alloc(a, sizeof *k->v * MAX_KINDS * (size_t)ncols);
	memset(k->v, 0, sizeof *k->v * MAX_KINDS * (size_t)ncols);
	st = db_query(d,
		      type == REP_EVALUATION
			      ? "SELECT sc.category, sc.level, sc.metric, SUM(sc.n), SUM(sc.amount) FROM "
				"stat_group_counts sc WHERE sc.metric IN ('group.result.sat', "
				"'group.result.passed', 'group.cert.issued') AND sc.region_code LIKE $1 AND "
				"sc.month >= $2 AND sc.month <= $3 GROUP BY sc.category, sc.level, sc.metric"
			      : "SELECT sc.category, 0, sc.metric, SUM(sc.n), SUM(sc.amount) FROM "
				"stat_group_counts sc WHERE sc.metric IN ('group.training.enrolled', "
				"'group.training.completed', 'group.claim.applied', 'group.claim.paid') AND "
				"sc.region_code LIKE $1 AND sc.month >= $2 AND sc.month <= $3 GROUP BY "
				"sc.category, sc.metric",
		      DB_ARGS(DV_S(prefix), DV_S(p->from), DV_S(p->to)), e);
	if (!st)
		return -1;
	while (db_step(st) == DB_ROW) {
		int row = -1;
		for (int i = 0; i < k->nrows; i++)
			if (!strcmp(k->codes[i], db_text(st, 0)))
				row = i;
		const char *m = db_text(st, 2) + 6; /* "group." */
		int64_t n = db_int(st, 3);
		int64_t *v = row < 0 ? NULL : k->v + (size_t)row * (size_t)ncols;
		if (!v)
			continue;
		if (type == REP_EVALUATION) {
			int g = !strcmp(m, "result.sat") ? 0 : !strcmp(m, "result.passed") ? 1 : 2;
			int lc = level_col((int)db_int(st, 1));
			if (lc < 0)
				continue;
			v[g * 7 + lc] += n;
			v[g * 7] += n;
		} else if (!strcmp(m, "training.enrolled")) {
			v[0] += n;
		} else if (!strcmp(m, "training.completed")) {
			v[1] += n;
		} else if (!strcmp(m, "claim.applied")) {
			v[2] += n;
		} else {
			v[3] += n;
			v[4] += db_int(st, 4);
		}
	}
	return db_finish(st, e);
}

static const struct srep_col eval_cols[] = {
#define LV(g)                                                                                                \
	{g, "合计", false}, {g, "五级", false}, {g, "四级", false}, {g, "三级", false}, {g, "二级", false},  \
		{g, "一级", false},                                                                          \
	{                                                                                                    \
		g, "专项职业能力", false                                                                     \
	}
	LV("评价人次"),
	LV("合格人次"),
	LV("取证数（本）"),
#undef LV
};
static const struct srep_col training_cols[] = {
	{"职业技能培训", "报名人次", false},  {"职业技能培训", "结业人次", false},
	{"培训补贴", "申请笔数", false},      {"培训补贴", "发放笔数", false},
	{"培训补贴", "发放金额（元）", true},
};
static const struct srep_col high_cols[] = {
	{"期末有效证书（本）", "合计", false},	    {"期末有效证书（本）", "三级/高级工", false},
	{"期末有效证书（本）", "二级/技师", false}, {"期末有效证书（本）", "一级/高级技师", false},
	{"本期新增（本）", "合计", false},	    {"本期新增（本）", "三级/高级工", false},
	{"本期新增（本）", "二级/技师", false},	    {"本期新增（本）", "一级/高级技师", false},
};

struct make_ctx {
	int type;
	struct stat_period p;
	const char *period, *region;
	bool scheduled;
	int64_t id, version;
	char sm3[BLOB_KEY_LEN + 1];
	bool existed; /* a scheduled version was there already */
};

static int region_name(db *d, const char *code, char *out, size_t n, err *e)
{
	db_stmt *st = db_query(d, "SELECT name FROM regions WHERE code = $1", DB_ARGS(DV_S(code)), e);
	if (!st)
		return -1;
	int rc = db_row(st, e);
	if (rc == 1)
		snprintf(out, n, "%s", db_text(st, 0));
	db_done(st);
	if (rc < 0)
		return -1;
	if (rc == 0)
		return err_set(e, 422, "invalid_region", "region_code", "没有该地区", "no such region");
	return 0;
}

static int make_work(tx *t, void *vctx, err *e)
{
	struct make_ctx *c = vctx;
	c->existed = false;
	if (c->scheduled) {
		int64_t n = 0;
		if (db_one_int(t->d,
			       "SELECT COUNT(*) FROM stat_reports WHERE type = $1 AND period = $2 AND "
			       "region_code = $3 AND "
			       "scheduled = 1",
			       DB_ARGS(DV_S(type_codes[c->type]), DV_S(c->period), DV_S(c->region)), &n,
			       e) != 0)
			return -1;
		if (n) {
			c->existed = true;
			tx_audit_key(t, "stats.report.schedule", "stat_report", c->period,
				     json_pack("{s:s,s:s,s:b}", "type", type_codes[c->type], "region",
					       c->region, "made", 0));
			return 0;
		}
	}
	arena *a = arena_new();
	struct tab tb = {.a = a};
	int rc = -1;
	char prefix[8], rname[96], label[64], sub[320], by[320], when[11];
	const struct srep_col *cols = c->type == REP_EVALUATION ? eval_cols
				      : c->type == REP_TRAINING ? training_cols
								: high_cols;
	tb.ncols = c->type == REP_EVALUATION ? (int)ARRAY_LEN(eval_cols)
		   : c->type == REP_TRAINING ? (int)ARRAY_LEN(training_cols)
					     : (int)ARRAY_LEN(high_cols);
	tb.v = arena_alloc(a, sizeof *tb.v * MAX_ROWS * (size_t)tb.ncols);
	memset(tb.v, 0, sizeof *tb.v * MAX_ROWS * (size_t)tb.ncols);
	if (stat_region_prefix(c->region, prefix) != 0) {
		err_set(e, 422, "invalid_region", "region_code", "地区代码无效", "invalid region code");
		goto out;
	}
	strcat(prefix, "%");
	if (region_name(t->d, c->region, rname, sizeof rname, e) != 0)
		goto out;
	if ((c->type == REP_EVALUATION ? fill_evaluation(t->d, prefix, &c->p, &tb, e)
	     : c->type == REP_TRAINING ? fill_training(t->d, c->region, prefix, &c->p, &tb, e)
				       : fill_high_skill(t->d, c->region, prefix, &c->p, &tb, e)) != 0)
		goto out;
	struct kgtab kg = {0};
	if (c->type != REP_HIGH_SKILL && fill_groups(t->d, c->type, prefix, &c->p, tb.ncols, a, &kg, e) != 0)
		goto out;
	if (db_one_int(
		    t->d,
		    "SELECT COALESCE(MAX(version), 0) FROM stat_reports WHERE type = $1 AND period = $2 AND "
		    "region_code = $3",
		    DB_ARGS(DV_S(type_codes[c->type]), DV_S(c->period), DV_S(c->region)), &c->version,
		    e) != 0)
		goto out;
	c->version++;
	period_label(&c->p, label, sizeof label);
	date_format(date_today_utc8(), when);
	snprintf(sub, sizeof sub, "统计期：%s    地区：%s    计量单位：%s", label, rname,
		 c->type == REP_TRAINING     ? "人次、笔、元"
		 : c->type == REP_EVALUATION ? "人次、本"
					     : "本");
	snprintf(by, sizeof by, "填报单位：%s人力资源和社会保障部门    填报日期：%s    版本：第 %lld 版",
		 rname, when, (long long)c->version);
	const char *footer[] = {
		by,
		c->type == REP_HIGH_SKILL ? "说明：高技能人才按三级/"
					    "高级工及以上等级的职业技能等级证书计（一人多证分别计），期末有效"
					    "证书为截至期末核发减撤销。"
		: c->type == REP_EVALUATION
			? "说明：评价人次、合格人次按考核日期，取证数按发证日期统计；行为《中华人民共和国职业"
			  "分类大典（2022年版）》大类。"
			: "说明：报名、结业按报名时间，补贴按申请日期统计；金额为已发放补贴。",
		"数据来源：jineng 统计计数（与业务写入同一事务维护，jineng stats verify 可逐项复核）。",
		NULL,
	};
	struct srep_part part = {
		.title = "其中：重点群体（按报名、申领、考核、发证当日有效的类别计，一人多类分别计，各行不可"
			 "相加）",
		.nrows = kg.nrows,
		.row_labels = kg.labels,
		.values = kg.v,
	};
	struct srep s = {
		.sheet = type_titles[c->type],
		.title = type_titles[c->type],
		.subtitle = sub,
		.row_head = c->type == REP_EVALUATION ? "职业大类" : "地区",
		.cols = cols,
		.ncols = tb.ncols,
		.nrows = tb.nrows,
		.row_labels = (const char *const *)tb.labels,
		.values = tb.v,
		.footer = footer,
		.part = c->type == REP_HIGH_SKILL ? NULL : &part,
	};
	char *xlsx = NULL;
	size_t len = 0;
	if (srep_xlsx(&s, &xlsx, &len, e) != 0)
		goto out;
	bool created = false;
	int prc = blob_put(t, XLSX_MEDIA, xlsx, len, c->sm3, &created, e);
	free(xlsx);
	if (prc != 0)
		goto out;
	/* the totals the file carries, kept beside it (a test and the list show them) */
	json_t *totals = json_array();
	for (int col = 0; col < tb.ncols; col++) {
		int64_t sum = 0;
		for (int r = 0; r < tb.nrows; r++)
			sum += tb.v[(size_t)r * (size_t)tb.ncols + (size_t)col];
		json_array_append_new(totals, json_integer(sum));
	}
	char *tj = json_dumps(totals, JSON_COMPACT);
	json_decref(totals);
	db_stmt *st = db_query(t->d,
			       "INSERT INTO stat_reports (type, period, region_code, version, scheduled, "
			       "sm3, size, totals, created_at, "
			       "created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
			       DB_ARGS(DV_S(type_codes[c->type]), DV_S(c->period), DV_S(c->region),
				       DV_I(c->version), DV_I(c->scheduled ? 1 : 0), DV_S(c->sm3),
				       DV_I((int64_t)len), DV_S(tj ? tj : "[]"), DV_I(now_s()),
				       DV_S(t->a->username)),
			       e);
	free(tj);
	if (!st)
		goto out;
	int r1 = db_row(st, e);
	if (r1 == 1)
		c->id = db_int(st, 0);
	db_done(st);
	if (r1 != 1) {
		if (!err_isset(e))
			ERR_INTERNAL(e, "the report row was not returned");
		goto out;
	}
	tx_audit(t, "stats.report", "stat_report", c->id,
		 json_pack("{s:s,s:s,s:s,s:I,s:b,s:s}", "type", type_codes[c->type], "period", c->period,
			   "region", c->region, "version", (json_int_t)c->version, "scheduled", c->scheduled,
			   "sm3", c->sm3));
	rc = 0;
out:
	arena_free(a);
	return rc;
}

int stat_report_make(db *d, const principal *a, const char *type, const char *period, const char *region,
		     bool scheduled, int64_t *id, err *e)
{
	int ty = type_of(type);
	if (ty < 0)
		return err_set(e, 422, "invalid_value", "type",
			       "报表类型应为 evaluation、training 或 high-skill",
			       "type must be evaluation, training or high-skill");
	struct make_ctx c = {.type = ty, .period = period, .scheduled = scheduled};
	if (period_parse(period, &c.p) != 0)
		return err_set(
			e, 422, "invalid_value", "period",
			"统计期应为年、季度或月，如 2025、2026-Q3、2026-07",
			"the period must be a year, quarter or month, such as 2025, 2026-Q3 or 2026-07");
	if (!period_ended(&c.p, date_today_utc8()))
		return err_set(e, 422, "period_not_ended", "period", "统计期 %s 尚未结束",
			       "the period %s has not ended", period);
	c.region = region && *region ? region : "370000";
	enum stat_region_level rl = stat_region_level(c.region);
	if (rl != SRL_PROVINCE && rl != SRL_CITY)
		return err_set(e, 422, "invalid_region", "region_code", "报表地区应为全省或一个设区市",
			       "the region must be the province or a city");
	if (a->role == ROLE_CITY_ADMIN) {
		if (strncmp(c.region, a->region, 4) || rl != SRL_CITY)
			return err_set(e, 403, "forbidden", "region_code", "只能生成本市的报表",
				       "a city makes its own city's reports only");
	} else if (a->role != ROLE_PROVINCE_ADMIN) {
		return err_set(e, 403, "forbidden", NULL, "无权生成统计报表", "not allowed to make reports");
	}
	if (svc_tx(d, a, make_work, &c, e) != 0)
		return -1;
	*id = c.existed ? 0 : c.id;
	return 0;
}

static json_t *report_view(db_stmt *st)
{
	json_t *totals = json_loads(db_text(st, 8), 0, NULL);
	int ty = type_of(db_text(st, 1));
	return json_pack("{s:I,s:s,s:s,s:s,s:s,s:I,s:b,s:s,s:I,s:o,s:I,s:s}", "id", (json_int_t)db_int(st, 0),
			 "type", db_text(st, 1), "name", ty >= 0 ? type_titles[ty] : "", "period",
			 db_text(st, 2), "region_code", db_text(st, 3), "version", (json_int_t)db_int(st, 4),
			 "scheduled", db_int(st, 5) != 0, "sm3", db_text(st, 6), "size",
			 (json_int_t)db_int(st, 7), "totals", totals ? totals : json_array(), "created_at",
			 (json_int_t)db_int(st, 9), "created_by", db_text(st, 10));
}

#define REPORT_COLS                                                                                          \
	"id, type, period, region_code, version, scheduled, sm3, size, totals, created_at, created_by"

json_t *stat_report_list(db *d, const principal *a, const char *type, const char *period, err *e)
{
	char own[8] = "";
	if (a->role == ROLE_CITY_ADMIN)
		snprintf(own, sizeof own, "%.4s00", a->region);
	else if (a->role != ROLE_PROVINCE_ADMIN) {
		err_set(e, 403, "forbidden", NULL, "无权查看统计报表", "not allowed to see reports");
		return NULL;
	}
	db_stmt *st = db_query(d,
			       "SELECT " REPORT_COLS
			       " FROM stat_reports WHERE ($1 = '' OR region_code = $1) AND ($2 = '' "
			       "OR type = $2) AND ($3 = '' OR period = $3) ORDER BY id DESC LIMIT 500",
			       DB_ARGS(DV_S(own), DV_S(type ? type : ""), DV_S(period ? period : "")), e);
	if (!st)
		return NULL;
	json_t *items = rows_json(st, report_view, e);
	return items ? json_pack("{s:o,s:I}", "items", items, "total", (json_int_t)json_array_size(items))
		     : NULL;
}

int stat_report_file(db *d, const principal *a, int64_t id, char **out, size_t *len, char name[128], err *e)
{
	db_stmt *st =
		db_query(d, "SELECT " REPORT_COLS " FROM stat_reports WHERE id = $1", DB_ARGS(DV_I(id)), e);
	if (!st)
		return -1;
	int rc = db_row(st, e);
	char sm3[BLOB_KEY_LEN + 1] = "", region[16] = "";
	if (rc == 1) {
		snprintf(sm3, sizeof sm3, "%s", db_text(st, 6));
		snprintf(region, sizeof region, "%s", db_text(st, 3));
		snprintf(name, 128, "%s-%s-%s-v%lld.xlsx", db_text(st, 1), db_text(st, 2), db_text(st, 3),
			 (long long)db_int(st, 4));
	}
	db_done(st);
	if (rc < 0)
		return -1;
	/* out of a city's reach reads as absent */
	if (rc == 0 || (a->role == ROLE_CITY_ADMIN && strncmp(region, a->region, 4)) ||
	    (a->role != ROLE_CITY_ADMIN && a->role != ROLE_PROVINCE_ADMIN))
		return err_set(e, 404, "not_found", "id", "没有该报表", "no such report");
	struct blob b;
	if (blob_get(d, sm3, &b, e) != 0)
		return -1;
	*out = (char *)b.data;
	*len = (size_t)b.size;
	return 0;
}

/* ---- the schedule ---- */

int stat_report_schedule_due(db *d, int today, int *made, err *e)
{
	*made = 0;
	principal sys;
	principal_system(&sys, "scheduler");
	static const enum period_kind kinds[] = {PERIOD_MONTH, PERIOD_QUARTER, PERIOD_YEAR};
	for (size_t k = 0; k < ARRAY_LEN(kinds); k++) {
		struct stat_period p;
		period_previous(kinds[k], today, &p);
		char text[16];
		period_text(&p, text);
		for (int ty = 0; ty < REP_COUNT; ty++) {
			int64_t n = 0;
			if (db_one_int(d,
				       "SELECT COUNT(*) FROM stat_reports WHERE type = $1 AND period = $2 "
				       "AND region_code = "
				       "'370000' AND scheduled = 1",
				       DB_ARGS(DV_S(type_codes[ty]), DV_S(text)), &n, e) != 0)
				return -1;
			if (n)
				continue;
			int64_t id = 0;
			if (stat_report_make(d, &sys, type_codes[ty], text, "370000", true, &id, e) != 0) {
				/* another node made it between the check and the insert: the unique index
				 * says so */
				if (e->status == 409) {
					err_clear(e);
					continue;
				}
				return -1;
			}
			*made += id > 0;
		}
	}
	return 0;
}

static ticker *sched;

static int report_job(db *d, int *done, err *e)
{
	return stat_report_schedule_due(d, date_today_utc8(), done, e);
}

int stat_report_scheduler_start(const char *db_url, int every_s)
{
	sched = ticker_start("report schedule", "reports made", db_url, (every_s > 0 ? every_s : 600) * 1000,
			     report_job);
	return sched ? 0 : -1;
}

void stat_report_scheduler_stop(void)
{
	ticker_stop(sched);
	sched = NULL;
}
