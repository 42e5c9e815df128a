/* wages.c: 工资价位 — employers' pay submissions (sealed), the bureau's publication with disclosure control,
 * the public table and the minimum-pay check (see wages.h; the rules core/wages.h; docs/DOMAIN.md §40). The
 * views of these rows live here (the incentive domain's folder is shared by three parts, each with its own
 * files). */
#include "util/common.h"
#include "svc/incentive/wages.h"
#include "core/date.h"
#include "core/idnum.h"
#include "core/mask.h"
#include "core/money.h"
#include "core/wages.h"
#include "crypto/pii.h"
#include "store/query.h"
#include "svc/base/import.h"
#include "svc/base/scope.h"
#include "svc/base/tx.h"
#include <stdlib.h>
#include <string.h>

#define ID_FIELD "id_number:resident_id" /* persons' blind-index field for a 居民身份证 number */

/* the years a survey can be about: 2000 to next year (China time) */
static int64_t year_max(void)
{
	return date_today_utc8() / 10000 + 1;
}

static int bad_year(int64_t year, err *e)
{
	if (year < WAGE_YEAR_MIN || year > year_max())
		return err_set(e, 422, "invalid_value", "year", "年度应在 %d 至 %lld 之间",
			       "year must be %d to %lld", WAGE_YEAR_MIN, (long long)year_max());
	return 0;
}

/* a year named in a path: one outside the survey's years is not there (404) */
static int no_year(int64_t year, err *e)
{
	if (year < WAGE_YEAR_MIN || year > year_max())
		return err_set(e, 404, "not_found", "year", "没有该年度", "no such year");
	return 0;
}

static json_t *money_json(int64_t fen)
{
	char b[MONEY_BUF];
	money_format(fen, 0, b, sizeof b);
	return json_string(b);
}

/* a fen column as yuan text, null for NULL */
static json_t *money_col(db_stmt *st, int col)
{
	return db_isnull(st, col) ? json_null() : money_json(db_int(st, col));
}

static json_t *level_json(json_t *o, int level)
{
	json_object_set_new(o, "level", json_string(wage_level_code(level) ? wage_level_code(level) : ""));
	json_object_set_new(o, "level_zh",
			    json_string(wage_level_name_zh(level) ? wage_level_name_zh(level) : ""));
	return o;
}

/* ---- rules, minimum wages ---- */

static json_t *rule_view(db_stmt *st)
{
	return json_pack("{s:s,s:I,s:s,s:s}", "key", db_text(st, 0), "value", (json_int_t)db_int(st, 1),
			 "name_zh", db_text(st, 2), "source", db_text(st, 3));
}

static json_t *class_view(db_stmt *st)
{
	return json_pack("{s:s,s:s,s:I,s:s}", "code", db_text(st, 0), "name_zh", db_text(st, 1), "min_pct",
			 (json_int_t)db_int(st, 2), "source", db_text(st, 3));
}

static json_t *min_wage_view(db_stmt *st)
{
	return json_pack("{s:s,s:s,s:s,s:o,s:I,s:s}", "region_code", db_text(st, 0), "region_name",
			 db_text(st, 1) ? db_text(st, 1) : "", "effective_from", db_text(st, 2), "monthly",
			 money_json(db_int(st, 3)), "monthly_fen", (json_int_t)db_int(st, 3), "source",
			 db_text(st, 4));
}

json_t *wage_rules_json(db *d, err *e)
{
	json_t *rules = rows_json(
		db_query(d, "SELECT key, value, name_zh, source FROM wage_rules ORDER BY key", DB_NOARGS, e),
		rule_view, e);
	json_t *classes =
		rules ? rows_json(db_query(d,
					   "SELECT code, name_zh, min_pct, source FROM wage_post_classes "
					   "ORDER BY min_pct",
					   DB_NOARGS, e),
				  class_view, e)
		      : NULL;
	json_t *mins =
		classes ? rows_json(db_query(d,
					     "SELECT m.region_code, r.name, m.effective_from, m.monthly_fen, "
					     "m.source FROM wage_min_wages m JOIN regions r ON r.code = "
					     "m.region_code ORDER BY m.region_code, m.effective_from",
					     DB_NOARGS, e),
				    min_wage_view, e)
			: NULL;
	if (!mins) {
		json_decref(rules);
		json_decref(classes);
		return NULL;
	}
	return json_pack("{s:o,s:o,s:o}", "rules", rules, "post_classes", classes, "min_wages", mins);
}

/* the region's level ("province", "city", "county"): 0, 1 none, -1 */
static int region_level(db *d, const char *code, char level[16], err *e)
{
	db_stmt *st = db_query(d, "SELECT level FROM regions WHERE code = $1", DB_ARGS(DV_S(code)), e);
	if (!st)
		return -1;
	int row = db_row(st, e);
	if (row > 0)
		snprintf(level, 16, "%s", db_text(st, 0));
	db_done(st);
	return row < 0 ? -1 : row > 0 ? 0 : 1;
}

/* may principal a act as the bureau over region `code` (the province any, a city its prefix)? */
static bool bureau_covers(const principal *a, const char *code)
{
	if (a->role == ROLE_PROVINCE_ADMIN)
		return true;
	if (a->role != ROLE_CITY_ADMIN || !a->region[0])
		return false;
	return strncmp(code, a->region, strlen(a->region)) == 0;
}

struct min_ctx {
	const char *region;
	char from[11];
	int64_t fen;
	const char *source;
};

static int min_work(tx *t, void *vctx, err *e)
{
	struct min_ctx *c = vctx;
	if (db_run(t->d,
		   "INSERT INTO wage_min_wages (region_code, effective_from, monthly_fen, source, set_by, "
		   "set_at) "
		   "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (region_code, effective_from) DO UPDATE SET "
		   "monthly_fen = excluded.monthly_fen, source = excluded.source, set_by = excluded.set_by, "
		   "set_at = excluded.set_at",
		   DB_ARGS(DV_S(c->region), DV_S(c->from), DV_I(c->fen), DV_S(c->source),
			   t->a->user_id ? DV_I(t->a->user_id) : DV_NULL, DV_I(now_s())),
		   e) < 0)
		return -1;
	char key[32];
	snprintf(key, sizeof key, "%s/%s", c->region, c->from);
	tx_audit_key(t, "wage.min_wage.set", "wage_min_wage", key,
		     json_pack("{s:s,s:s,s:I,s:s}", "region_code", c->region, "effective_from", c->from,
			       "monthly_fen", (json_int_t)c->fen, "source", c->source));
	return 0;
}

int wage_min_wage_put(db *d, const principal *a, const char *region_code,
		      const struct wage_min_wage_input *in, err *e)
{
	if (!role_in(a, R_ADMINS))
		return err_set(e, 403, "forbidden", NULL, "只有省厅或地市可以设置最低工资标准",
			       "only the province or a city sets minimum wages");
	char level[16];
	int rc = region_code ? region_level(d, region_code, level, e) : 1;
	if (rc < 0)
		return -1;
	if (rc > 0)
		return err_set(e, 404, "not_found", "region_code", "行政区划不存在", "no such region");
	if (!bureau_covers(a, region_code))
		return err_set(e, 403, "forbidden", "region_code", "该地区不在您的管辖范围内",
			       "that region is outside your scope");
	struct min_ctx c = {.region = region_code, .source = in->source};
	int ymd;
	if (!in->effective_from || date_parse(in->effective_from, &ymd) != 0)
		return err_set(e, 422, "invalid_date", "effective_from", "生效日期应为 YYYY-MM-DD",
			       "effective_from must be a date YYYY-MM-DD");
	date_format(ymd, c.from);
	if (!in->monthly)
		return err_set(e, 422, "missing_field", "monthly", "缺少月最低工资",
			       "missing field 'monthly'");
	if (money_parse_err(in->monthly, "monthly", &c.fen, e) != 0)
		return -1;
	if (c.fen <= 0)
		return err_set(e, 422, "invalid_amount", "monthly", "月最低工资应大于 0",
			       "monthly must be above 0");
	if (check_text(in->source, "source", 300, true, e) != 0)
		return -1;
	return svc_tx(d, a, min_work, &c, e);
}

/* ---- posts ---- */

static json_t *post_view(db_stmt *st)
{
	return json_pack("{s:s,s:s,s:s,s:s,s:s,s:I}", "occupation_code", db_text(st, 0), "occupation_name",
			 db_text(st, 1), "name", db_text(st, 2), "post_class", db_text(st, 3),
			 "post_class_zh", db_text(st, 4), "min_pct", (json_int_t)db_int(st, 5));
}

json_t *wage_posts_json(db *d, int64_t year, err *e)
{
	if (no_year(year, e))
		return NULL;
	json_t *items = rows_json(
		db_query(d,
			 "SELECT wp.occupation_code, o.name, wp.name, wp.post_class, pc.name_zh, pc.min_pct "
			 "FROM "
			 "wage_posts wp JOIN occupations o ON o.code = wp.occupation_code JOIN "
			 "wage_post_classes pc "
			 "ON pc.code = wp.post_class WHERE wp.year = $1 ORDER BY wp.occupation_code",
			 DB_ARGS(DV_I(year)), e),
		post_view, e);
	if (items && json_array_size(items) == 0) {
		json_decref(items);
		err_set(e, 404, "not_found", "year", "该年度尚未确定工资价位岗位目录",
			"the year has no posts");
		return NULL;
	}
	return items ? json_pack("{s:I,s:o}", "year", (json_int_t)year, "items", items) : NULL;
}

struct posts_ctx {
	int64_t year;
	const struct wage_post_input *posts;
	size_t n;
};

static int posts_work(tx *t, void *vctx, err *e)
{
	struct posts_ctx *c = vctx;
	int64_t pubs = 0;
	int rc = db_one_int(t->d, "SELECT COUNT(*) FROM wage_publications WHERE year = $1",
			    DB_ARGS(DV_I(c->year)), &pubs, e);
	if (rc != DB_OK)
		return -1;
	if (pubs > 0)
		return err_set(e, 409, "published", "year", "该年度已发布工资价位，岗位目录不能再改",
			       "that year is published; its posts can no longer change");
	if (db_run(t->d, "DELETE FROM wage_posts WHERE year = $1", DB_ARGS(DV_I(c->year)), e) < 0)
		return -1;
	json_t *codes = json_array();
	for (size_t i = 0; i < c->n; i++) {
		const struct wage_post_input *p = &c->posts[i];
		db_stmt *st = db_query(t->d, "SELECT name FROM occupations WHERE code = $1",
				       DB_ARGS(DV_S(p->occupation_code)), e);
		int row = st ? db_row(st, e) : -1;
		char oname[256] = "";
		if (row > 0)
			snprintf(oname, sizeof oname, "%s", db_text(st, 0));
		if (st)
			db_done(st);
		if (row <= 0) {
			json_decref(codes);
			return row < 0 ? -1
				       : err_set(e, 422, "unknown_occupation", "items",
						 "第 %zu 个岗位：职业 %s 不存在",
						 "post %zu: no occupation %s", i + 1, p->occupation_code);
		}
		int64_t n = db_run(
			t->d,
			"INSERT INTO wage_posts (year, occupation_code, name, post_class) SELECT $1, $2, $3, "
			"code FROM wage_post_classes WHERE code = $4",
			DB_ARGS(DV_I(c->year), DV_S(p->occupation_code),
				DV_S(p->name && *p->name ? p->name : oname), DV_S(p->post_class)),
			e);
		if (n <= 0) {
			json_decref(codes);
			return n < 0 ? -1
				     : err_set(e, 422, "invalid_value", "items",
					       "第 %zu 个岗位：岗位类别应为 basic、important、key 或 core",
					       "post %zu: post_class must be basic, important, key or core",
					       i + 1);
		}
		json_array_append_new(codes, json_string(p->occupation_code));
	}
	char key[24];
	tx_audit_key(t, "wage.posts.set", "wage_posts", id_text(c->year, key),
		     json_pack("{s:I,s:o}", "year", (json_int_t)c->year, "occupations", codes));
	return 0;
}

int wage_posts_put(db *d, const principal *a, int64_t year, const struct wage_post_input *posts, size_t n,
		   err *e)
{
	if (a->role != ROLE_PROVINCE_ADMIN)
		return err_set(e, 403, "forbidden", NULL, "只有省厅可以确定年度技能岗位目录",
			       "only the province sets the year's posts");
	if (no_year(year, e))
		return -1;
	if (n > WAGE_MAX_POSTS)
		return err_set(e, 422, "too_many", "items", "岗位不能超过 %d 个", "at most %d posts",
			       WAGE_MAX_POSTS);
	for (size_t i = 0; i < n; i++) {
		if (!posts[i].occupation_code || !*posts[i].occupation_code)
			return err_set(e, 422, "missing_field", "items", "第 %zu 个岗位缺少职业编码",
				       "post %zu: missing occupation_code", i + 1);
		if (!posts[i].post_class)
			return err_set(e, 422, "missing_field", "items", "第 %zu 个岗位缺少岗位类别",
				       "post %zu: missing post_class", i + 1);
		if (posts[i].name && *posts[i].name && check_text(posts[i].name, "items", 100, true, e) != 0)
			return -1;
		for (size_t j = 0; j < i; j++)
			if (!strcmp(posts[j].occupation_code, posts[i].occupation_code))
				return err_set(e, 422, "duplicate_post", "items", "岗位 %s 重复",
					       "post %s twice", posts[i].occupation_code);
	}
	struct posts_ctx c = {year, posts, n};
	return svc_tx(d, a, posts_work, &c, e);
}

/* ---- the import ---- */

enum { C_ID, C_NAME, C_OCC, C_LEVEL, C_PAY, C_N };
static const tab_col cols[C_N] = {
	[C_ID] = {"id_number", "证件号码", {"身份证号", "公民身份号码", "身份证号码"}, TAB_REQUIRED},
	[C_NAME] = {"name", "姓名", {0}, 0},
	[C_OCC] = {"occupation_code", "职业编码", {"职业代码", "岗位职业编码"}, TAB_REQUIRED},
	[C_LEVEL] = {"level", "技能等级", {"等级", "岗位等级"}, TAB_REQUIRED},
	[C_PAY] = {"annual_pay",
		   "年度工资收入",
		   {"年工资", "年薪", "年度工资收入（元）", "年度工资收入(元)"},
		   TAB_REQUIRED},
};
static const tab_spec spec = {cols, C_N, TAB_TRIM};

struct import_ctx {
	db *d;
	int64_t year, inst;
	char region[16];
	int today;
	arena *ar;
	json_t *seen; /* blind indexes of this file */
	size_t inserted, updated, unchanged;
};

/* a rejected row: the message literals as err_set's formats (they hold no conversion) */
#define row_reject(e, field, code, zh, en) (err_set((e), 422, (code), (field), zh, en), 1)

static int import_row(void *vctx, const tab_row *r, err *e)
{
	struct import_ctx *c = vctx;
	const char *idn = tab_get(r, C_ID), *occ = tab_get(r, C_OCC), *lv = tab_get(r, C_LEVEL),
		   *pay = tab_get(r, C_PAY);
	idnum_info info;
	if (!idn || idnum_check(idn, c->today, &info) != IDNUM_OK)
		return row_reject(e, "id_number", "invalid_id_number", "证件号码不是有效的居民身份证号码",
				  "not a valid resident ID number");
	if (!occ)
		return row_reject(e, "occupation_code", "missing_field", "缺少职业编码",
				  "missing occupation_code");
	int level = wage_level_parse(lv);
	if (level < 0)
		return row_reject(e, "level", "invalid_level",
				  "技能等级无效（学徒工、初级工……首席技师，或五级至一级）",
				  "unknown level (学徒工 … 首席技师, or 5 … 1)");
	fen_t fen;
	if (!pay || money_parse(pay, &fen) != 0 || fen <= 0)
		return row_reject(e, "annual_pay", "invalid_amount",
				  "年度工资收入应为大于 0 的金额（元，至多两位小数）",
				  "annual_pay must be an amount above 0 (yuan, at most two decimals)");
	int64_t one = 0;
	int rc = db_one_int(c->d, "SELECT 1 FROM wage_posts WHERE year = $1 AND occupation_code = $2",
			    DB_ARGS(DV_I(c->year), DV_S(occ)), &one, e);
	if (rc == DB_NOT_FOUND)
		return row_reject(e, "occupation_code", "not_a_post", "该职业不在本年度工资价位岗位目录中",
				  "that occupation is not among the year's posts");
	if (rc != DB_OK)
		return -1;
	char idx[65];
	pii_blind_index(ID_FIELD, info.normalized, idx);
	if (json_object_get(c->seen, idx))
		return row_reject(e, "id_number", "duplicate_in_file", "同一人员在文件中重复出现",
				  "the same person appears twice in the file");
	json_object_set_new(c->seen, idx, json_true());

	db_stmt *st = db_query(
		c->d,
		"SELECT id, occupation_code, level, annual_fen FROM wage_submissions WHERE year = $1 "
		"AND institution_id = $2 AND id_index = $3",
		DB_ARGS(DV_I(c->year), DV_I(c->inst), DV_S(idx)), e);
	if (!st)
		return -1;
	int row = db_row(st, e);
	int64_t id = 0;
	bool same = false;
	if (row > 0) {
		id = db_int(st, 0);
		same = !strcmp(db_text(st, 1), occ) && db_int(st, 2) == level && db_int(st, 3) == fen;
	}
	db_done(st);
	if (row < 0)
		return -1;
	if (same) {
		c->unchanged++;
		return 0;
	}
	int64_t now = now_s();
	if (id) {
		if (db_run(c->d,
			   "UPDATE wage_submissions SET occupation_code = $2, level = $3, annual_fen = $4, "
			   "updated_at = $5 WHERE id = $1",
			   DB_ARGS(DV_I(id), DV_S(occ), DV_I(level), DV_I(fen), DV_I(now)), e) < 0)
			return -1;
		c->updated++;
		return 0;
	}
	char masked[32];
	mask_id_number(info.normalized, masked, sizeof masked);
	const char *sealed = pii_seal(c->ar, "id_number", info.normalized);
	if (!sealed)
		return err_set(e, 500, "internal", NULL, "加密失败", "sealing failed");
	if (db_run(c->d,
		   "INSERT INTO wage_submissions (year, institution_id, region_code, id_index, id_sealed, "
		   "id_masked, occupation_code, level, annual_fen, created_at, updated_at) VALUES ($1, $2, "
		   "$3, $4, "
		   "$5, $6, $7, $8, $9, $10, $10)",
		   DB_ARGS(DV_I(c->year), DV_I(c->inst), DV_S(c->region), DV_S(idx), DV_S(sealed),
			   DV_S(masked), DV_S(occ), DV_I(level), DV_I(fen), DV_I(now)),
		   e) < 0)
		return -1;
	c->inserted++;
	return 0;
}

static json_t *import_detail(void *vctx, const import_result *res)
{
	struct import_ctx *c = vctx;
	return json_pack("{s:I,s:I,s:I,s:I,s:I,s:I}", "year", (json_int_t)c->year, "rows",
			 (json_int_t)res->rows, "inserted", (json_int_t)c->inserted, "updated",
			 (json_int_t)c->updated, "unchanged", (json_int_t)c->unchanged, "rejected",
			 (json_int_t)res->rejected);
}

static const import_def import_definition = {
	.spec = &spec,
	.row = import_row,
	.audit_action = "wage.import",
	.audit_entity = "institution",
	.audit_detail = import_detail,
};

json_t *wage_import(db *d, const principal *a, int64_t year, const char *data, size_t len,
		    bool all_or_nothing, err *e)
{
	if (!role_in(a, R_INST) || a->institution_id <= 0) {
		err_set(e, 403, "forbidden", NULL, "只有用人单位（机构管理员或工作人员）可以填报本单位工资",
			"only an employer's administrator or staff submits its pay");
		return NULL;
	}
	if (bad_year(year, e))
		return NULL;
	struct import_ctx c = {.d = d, .year = year, .inst = a->institution_id, .today = date_today_utc8()};
	db_stmt *st = db_query(d, "SELECT region_code FROM institutions WHERE id = $1",
			       DB_ARGS(DV_I(a->institution_id)), e);
	if (!st)
		return NULL;
	int row = db_row(st, e);
	if (row > 0)
		snprintf(c.region, sizeof c.region, "%s", db_text(st, 0));
	db_done(st);
	if (row <= 0) {
		if (row == 0)
			err_set(e, 404, "not_found", NULL, "机构不存在", "no such institution");
		return NULL;
	}
	c.ar = arena_new();
	c.seen = json_object();
	char inst[24];
	import_opts o = {.data = data,
			 .len = len,
			 .all_or_nothing = all_or_nothing,
			 .audit_entity_id = id_text(a->institution_id, inst)};
	import_result res;
	json_t *out = NULL;
	if (import_exec(d, a, &import_definition, &c, &o, &res, e) == 0) {
		bool kept = res.stored;
		out = json_pack("{s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:b,s:o}", "year", (json_int_t)year, "rows",
				(json_int_t)res.rows, "imported", (json_int_t)(kept ? res.ok : 0), "inserted",
				(json_int_t)(kept ? c.inserted : 0), "updated",
				(json_int_t)(kept ? c.updated : 0), "unchanged",
				(json_int_t)(kept ? c.unchanged : 0), "rejected", (json_int_t)res.rejected,
				"stored", kept, "errors", import_errors_json(&import_definition, &res));
	}
	import_result_free(&res);
	json_decref(c.seen);
	arena_free(c.ar);
	return out;
}

/* ---- the submissions list ---- */

#define SUB_COLS                                                                                             \
	"ws.id, ws.year, ws.institution_id, i.name, ws.region_code, ws.id_masked, ws.occupation_code, "      \
	"o.name, "                                                                                           \
	"ws.level, ws.annual_fen, ws.updated_at"
#define SUB_FROM                                                                                             \
	" FROM wage_submissions ws JOIN institutions i ON i.id = ws.institution_id LEFT JOIN occupations o " \
	"ON "                                                                                                \
	"o.code = ws.occupation_code"

static json_t *submission_view(db_stmt *st)
{
	json_t *o =
		json_pack("{s:I,s:I,s:I,s:s,s:s,s:s,s:s,s:s,s:o,s:I,s:I}", "id", (json_int_t)db_int(st, 0),
			  "year", (json_int_t)db_int(st, 1), "institution_id", (json_int_t)db_int(st, 2),
			  "institution_name", db_text(st, 3), "region_code", db_text(st, 4), "id_number",
			  db_text(st, 5), "occupation_code", db_text(st, 6), "occupation_name",
			  db_text(st, 7) ? db_text(st, 7) : "", "annual_pay", money_json(db_int(st, 9)),
			  "annual_fen", (json_int_t)db_int(st, 9), "updated_at", (json_int_t)db_int(st, 10));
	return level_json(o, (int)db_int(st, 8));
}

static int filter_level(struct query *w, const char *frag, const char *v, err *e)
{
	int level = wage_level_parse(v);
	if (level < 0)
		return err_set(e, 422, "invalid_level", "level", "技能等级无效", "unknown level");
	q_and(w, frag, DV_I(level));
	return 0;
}

static const struct list_filter sub_filters[] = {
	{"year", "ws.year = ?", LIST_ID},
	{"institution_id", "ws.institution_id = ?", LIST_ID},
	{"occupation_code", "ws.occupation_code = ?", LIST_EQ, .max = 32},
	{"level", "ws.level = ?", LIST_FN, .max = 32, .fn = filter_level},
	{"region_code", "ws.region_code LIKE ?", LIST_REGION, .max = 12},
};

static const struct list_sort sub_sorts[] = {
	{"id", "ws.id"},
	{"annual_pay", "ws.annual_fen"},
	{"level", "ws.level"},
};

static const struct export_col sub_cols[] = {
	{"year", "年度"},
	{"institution_name", "单位"},
	{"id_number", "证件号码"},
	{"occupation_code", "职业编码"},
	{"occupation_name", "职业"},
	{"level_zh", "技能等级"},
	{"annual_pay", "年度工资收入（元）"},
};

const struct list_spec wage_submission_list = {
	.name = "wage_submissions",
	.scoped = true,
	.entity = SE_WAGE_SUBMISSION,
	.count_sql = "SELECT COUNT(*)" SUB_FROM,
	.select_sql = "SELECT " SUB_COLS SUB_FROM,
	.order = "ws.id",
	LIST_FILTERS(sub_filters),
	LIST_SORTS(sub_sorts),
	.view = submission_view,
	LIST_COLS(sub_cols),
};

/* ---- publication ---- */

#define CHILD_BITS 9
#define CHILD_NONE ((1u << CHILD_BITS) - 1) /* an employer registered at the publisher's own code */
#define LEVEL_BITS 3

struct rec {
	uint32_t cell; /* post << 12 | level << 9 | child */
	uint32_t inst;
	int64_t fen;
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

struct cell {
	uint32_t key; /* post << 3 | level, child in `child` (CHILD_NONE: the publisher's whole region) */
	uint32_t child;
	int64_t persons, employers, largest;
	int64_t q[WAGE_NQ];
	unsigned why;
};

#define POST_SLOTS   512  /* > 2 * WAGE_MAX_POSTS */
#define REGION_SLOTS 1024 /* > 2 * the regions of a province */

static uint32_t fnv1a(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (uint8_t)*s) * 16777619u;
	return h;
}

struct pub_ctx {
	int64_t year;
	char region[16], prefix[16];
	bool province;
	struct wage_disclosure rules;
	int64_t id; /* out */
	/* work state (reset on each run) */
	char **posts;
	size_t nposts;
	char (*children)[16];
	size_t nchildren;
	struct rec *recs;
	size_t nrecs, caprecs;
	struct cell *cells;
	size_t ncells, capcells;
	int64_t skipped;
	/* look-ups of a record's post and region (rows come in no order: a hash each, not a search) */
	int16_t post_slot[POST_SLOTS]; /* post index + 1, 0 empty */
	struct {
		char code[8];
		int child; /* 0 empty, else child index + 1 */
	} region_slot[REGION_SLOTS];
};

static void pub_reset(struct pub_ctx *c)
{
	for (size_t i = 0; i < c->nposts; i++)
		free(c->posts[i]);
	free(c->posts);
	free(c->children);
	free(c->recs);
	free(c->cells);
	c->posts = NULL;
	c->children = NULL;
	c->recs = NULL;
	c->cells = NULL;
	c->nposts = c->nchildren = c->nrecs = c->caprecs = c->ncells = c->capcells = 0;
	c->skipped = 0;
	memset(c->post_slot, 0, sizeof c->post_slot);
	memset(c->region_slot, 0, sizeof c->region_slot);
}

static int load_rule(db *d, const char *key, int64_t *v, err *e)
{
	int rc = db_one_int(d, "SELECT value FROM wage_rules WHERE key = $1", DB_ARGS(DV_S(key)), v, e);
	if (rc == DB_OK)
		return 0;
	if (rc == DB_NOT_FOUND)
		return err_set(e, 500, "internal", NULL, "缺少工资价位规则 %s", "wage rule %s is missing",
			       key);
	return -1;
}

/* the child index of region code `code` (CHILD_NONE for the publisher's own code); -1 when too many */
static int child_of(struct pub_ctx *c, const char *code)
{
	char k[16];
	if (c->province)
		snprintf(k, sizeof k, "%.4s00", code);
	else
		snprintf(k, sizeof k, "%s", code);
	if (!strcmp(k, c->region))
		return (int)CHILD_NONE;
	/* the last one found first (rows come in clusters), then a scan: at most a few hundred children */
	for (size_t i = c->nchildren; i-- > 0;)
		if (!strcmp(c->children[i], k))
			return (int)i;
	if (c->nchildren + 1 >= CHILD_NONE)
		return -1;
	if ((c->nchildren & 31) == 0) {
		void *p = realloc(c->children, (c->nchildren + 32) * sizeof *c->children);
		if (!p)
			return -1;
		c->children = p;
	}
	snprintf(c->children[c->nchildren], 16, "%s", k);
	return (int)c->nchildren++;
}

static int push_cell(struct pub_ctx *c, const struct cell *x)
{
	if (c->ncells == c->capcells) {
		size_t cap = c->capcells ? c->capcells * 2 : 256;
		void *p = realloc(c->cells, cap * sizeof *c->cells);
		if (!p)
			return -1;
		c->cells = p;
		c->capcells = cap;
	}
	c->cells[c->ncells++] = *x;
	return 0;
}

/* LSD radix sort of n keys (16-bit digits, a digit all keys share is skipped): the three orders of a
 * publication over millions of records cost a few passes each instead of a comparison sort's n log n calls */
#define RADIX_DIGITS (1 << 16)

static void radix_sort(uint64_t *a, uint64_t *tmp, size_t *count, size_t n)
{
	uint64_t *src = a, *dst = tmp;
	for (int shift = 0; shift < 64; shift += 16) {
		memset(count, 0, RADIX_DIGITS * sizeof *count);
		for (size_t i = 0; i < n; i++)
			count[(src[i] >> shift) & 0xffff]++;
		if (n == 0 || count[(src[0] >> shift) & 0xffff] == n)
			continue; /* every key has this digit */
		size_t sum = 0;
		for (size_t d = 0; d < RADIX_DIGITS; d++) {
			size_t c = count[d];
			count[d] = sum;
			sum += c;
		}
		for (size_t i = 0; i < n; i++)
			dst[count[(src[i] >> shift) & 0xffff]++] = src[i];
		uint64_t *t = src;
		src = dst;
		dst = t;
	}
	if (src != a)
		memcpy(a, src, n * sizeof *a);
}

#define KEY_SHIFT 40 /* a key: the cell (< 2^20) above 40 bits of employer id or pay in fen */
#define KEY_LOW	  ((UINT64_C(1) << KEY_SHIFT) - 1)

/* the cells' counts and percentiles from c->recs */
static int compute_cells(struct pub_ctx *c, err *e)
{
	size_t n = c->nrecs;
	const struct rec *r = c->recs;
	uint64_t *k = malloc((n ? n : 1) * sizeof *k), *tmp = malloc((n ? n : 1) * sizeof *tmp);
	int64_t *vals = malloc((n ? n : 1) * sizeof *vals);
	size_t *count = malloc(RADIX_DIGITS * sizeof *count);
	if (!k || !tmp || !vals || !count)
		goto oom;
	for (size_t i = 0; i < n; i++)
		if ((uint64_t)r[i].fen > KEY_LOW) {
			free(k);
			free(tmp);
			free(vals);
			free(count);
			return err_set(e, 422, "invalid_amount", NULL, "年度工资收入过大",
				       "an annual pay is too large");
		}
	/* 1: by cell and employer: persons, employers, the largest employer of each child cell */
	for (size_t i = 0; i < n; i++)
		k[i] = (uint64_t)r[i].cell << KEY_SHIFT | r[i].inst;
	radix_sort(k, tmp, count, n);
	for (size_t i = 0; i < n;) {
		size_t j = i;
		uint32_t cell = (uint32_t)(k[i] >> KEY_SHIFT);
		struct cell x = {.key = cell >> CHILD_BITS, .child = cell & CHILD_NONE};
		while (j < n && k[j] >> KEY_SHIFT == cell) {
			size_t m = j;
			while (m < n && k[m] == k[j])
				m++;
			x.employers++;
			x.persons += (int64_t)(m - j);
			if ((int64_t)(m - j) > x.largest)
				x.largest = (int64_t)(m - j);
			j = m;
		}
		if (push_cell(c, &x) != 0)
			goto oom;
		i = j;
	}
	/* 2: by cell and pay: each child cell's percentiles (cells come in the same order as in pass 1) */
	for (size_t i = 0; i < n; i++)
		k[i] = (uint64_t)r[i].cell << KEY_SHIFT | (uint64_t)r[i].fen;
	radix_sort(k, tmp, count, n);
	size_t ci = 0;
	for (size_t i = 0; i < n; ci++) {
		size_t j = i;
		uint64_t cell = k[i] >> KEY_SHIFT;
		while (j < n && k[j] >> KEY_SHIFT == cell) {
			vals[j - i] = (int64_t)(k[j] & KEY_LOW);
			j++;
		}
		for (int q = 0; q < WAGE_NQ; q++)
			c->cells[ci].q[q] = wage_quantile7(vals, j - i, wage_quantile_pct[q]);
		i = j;
	}
	/* the totals' counts are the sums over their children (an employer has one region) */
	size_t nchild = c->ncells;
	for (size_t i = 0; i < nchild;) {
		size_t j = i;
		struct cell t = {.key = c->cells[i].key, .child = CHILD_NONE};
		while (j < nchild && c->cells[j].key == t.key) {
			t.persons += c->cells[j].persons;
			t.employers += c->cells[j].employers;
			if (c->cells[j].largest > t.largest)
				t.largest = c->cells[j].largest;
			j++;
		}
		if (push_cell(c, &t) != 0)
			goto oom;
		i = j;
	}
	/* 3: by post, level and pay: the totals' percentiles (the totals are in key order too) */
	for (size_t i = 0; i < n; i++)
		k[i] = (uint64_t)(r[i].cell >> CHILD_BITS) << KEY_SHIFT | (uint64_t)r[i].fen;
	radix_sort(k, tmp, count, n);
	ci = nchild;
	for (size_t i = 0; i < n; ci++) {
		size_t j = i;
		uint64_t key = k[i] >> KEY_SHIFT;
		while (j < n && k[j] >> KEY_SHIFT == key) {
			vals[j - i] = (int64_t)(k[j] & KEY_LOW);
			j++;
		}
		for (int q = 0; q < WAGE_NQ; q++)
			c->cells[ci].q[q] = wage_quantile7(vals, j - i, wage_quantile_pct[q]);
		i = j;
	}
	/* the cells of the publisher's own code (CHILD_NONE in pass 1) are part of the totals only */
	size_t keep = 0;
	for (size_t i = 0; i < c->ncells; i++) {
		if (i < nchild && c->cells[i].child == CHILD_NONE)
			continue;
		c->cells[i].why = wage_suppress(&c->rules, c->cells[i].employers, c->cells[i].persons,
						c->cells[i].largest);
		c->cells[keep++] = c->cells[i];
	}
	c->ncells = keep;
	free(k);
	free(tmp);
	free(vals);
	free(count);
	return 0;
oom:
	free(k);
	free(tmp);
	free(vals);
	free(count);
	return err_set(e, 500, "internal", NULL, "内存不足", "out of memory");
}

static int load_posts(struct pub_ctx *c, db *d, err *e)
{
	db_stmt *st =
		db_query(d, "SELECT occupation_code FROM wage_posts WHERE year = $1 ORDER BY occupation_code",
			 DB_ARGS(DV_I(c->year)), e);
	if (!st)
		return -1;
	while (db_step(st) == DB_ROW) {
		if ((c->nposts & 63) == 0) {
			void *p = realloc(c->posts, (c->nposts + 64) * sizeof *c->posts);
			if (!p) {
				db_done(st);
				return err_set(e, 500, "internal", NULL, "内存不足", "out of memory");
			}
			c->posts = p;
		}
		c->posts[c->nposts++] = strdup(db_text(st, 0));
	}
	if (db_finish(st, e) != 0)
		return -1;
	/* ORDER BY follows the database's collation; bsearch needs strcmp's */
	qsort(c->posts, c->nposts, sizeof *c->posts, cmp_str);
	for (size_t i = 0; i < c->nposts; i++) {
		uint32_t h = fnv1a(c->posts[i]) % POST_SLOTS;
		while (c->post_slot[h])
			h = (h + 1) % POST_SLOTS;
		c->post_slot[h] = (int16_t)(i + 1);
	}
	return 0;
}

static int load_recs(struct pub_ctx *c, db *d, err *e)
{
	char like[24];
	snprintf(like, sizeof like, "%s%%", c->prefix);
	db_stmt *st = db_query(d,
			       "SELECT occupation_code, level, region_code, institution_id, annual_fen FROM "
			       "wage_submissions WHERE year = $1 AND region_code LIKE $2",
			       DB_ARGS(DV_I(c->year), DV_S(like)), e);
	if (!st)
		return -1;
	while (db_step(st) == DB_ROW) {
		const char *occ = db_text(st, 0), *reg = db_text(st, 2);
		int post = -1;
		for (uint32_t h = fnv1a(occ) % POST_SLOTS; c->post_slot[h]; h = (h + 1) % POST_SLOTS)
			if (!strcmp(c->posts[c->post_slot[h] - 1], occ)) {
				post = c->post_slot[h] - 1;
				break;
			}
		if (post < 0) {
			c->skipped++; /* an occupation no longer among the year's posts */
			continue;
		}
		int child = -1;
		uint32_t h = fnv1a(reg) % REGION_SLOTS;
		for (; c->region_slot[h].child; h = (h + 1) % REGION_SLOTS)
			if (!strcmp(c->region_slot[h].code, reg)) {
				child = c->region_slot[h].child - 1;
				break;
			}
		if (child < 0) {
			child = strlen(reg) < sizeof c->region_slot[h].code ? child_of(c, reg) : -1;
			if (child < 0) {
				db_done(st);
				return err_set(e, 500, "internal", NULL, "下级地区过多",
					       "too many regions below");
			}
			snprintf(c->region_slot[h].code, sizeof c->region_slot[h].code, "%s", reg);
			c->region_slot[h].child = child + 1;
		}
		if (c->nrecs == c->caprecs) {
			size_t cap = c->caprecs ? c->caprecs * 2 : 4096;
			void *p = realloc(c->recs, cap * sizeof *c->recs);
			if (!p) {
				db_done(st);
				return err_set(e, 500, "internal", NULL, "内存不足", "out of memory");
			}
			c->recs = p;
			c->caprecs = cap;
		}
		int64_t level = db_int(st, 1), inst = db_int(st, 3);
		if (inst <= 0 || inst > (int64_t)UINT32_MAX) {
			db_done(st);
			return err_set(e, 500, "internal", NULL, "单位编号超出范围",
				       "institution id out of range");
		}
		c->recs[c->nrecs++] = (struct rec){.cell = ((uint32_t)post << (CHILD_BITS + LEVEL_BITS)) |
							   ((uint32_t)level << CHILD_BITS) | (uint32_t)child,
						   .inst = (uint32_t)inst,
						   .fen = db_int(st, 4)};
	}
	return db_finish(st, e);
}

static int pub_work(tx *t, void *vctx, err *e)
{
	struct pub_ctx *c = vctx;
	db *d = t->d;
	pub_reset(c);
	if (load_rule(d, "min_employers", &c->rules.min_employers, e) ||
	    load_rule(d, "min_persons", &c->rules.min_persons, e) ||
	    load_rule(d, "max_share_pct", &c->rules.max_share_pct, e) || load_posts(c, d, e))
		return -1;
	if (c->nposts == 0)
		return err_set(e, 422, "no_posts", "year", "该年度尚未确定工资价位岗位目录",
			       "the year has no posts to publish");
	if (load_recs(c, d, e) || compute_cells(c, e))
		return -1;
	/* the previous year's current publication of the same region, for the change of the median */
	int64_t prev = 0;
	int rc = db_one_int(
		d,
		"SELECT id FROM wage_publications WHERE year = $1 AND region_code = $2 AND state = "
		"'published'",
		DB_ARGS(DV_I(c->year - 1), DV_S(c->region)), &prev, e);
	if (rc != DB_OK && rc != DB_NOT_FOUND)
		return -1;
	if (db_run(d,
		   "UPDATE wage_publications SET state = 'superseded' WHERE year = $1 AND region_code = $2 "
		   "AND "
		   "state = 'published'",
		   DB_ARGS(DV_I(c->year), DV_S(c->region)), e) < 0)
		return -1;
	int64_t suppressed = 0;
	for (size_t i = 0; i < c->ncells; i++)
		suppressed += c->cells[i].why != 0;
	db_stmt *st = db_query(
		d,
		"INSERT INTO wage_publications (year, region_code, state, min_employers, min_persons, "
		"max_share_pct, records, cells, suppressed, published_by, published_at) VALUES ($1, $2, "
		"'published', $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
		DB_ARGS(DV_I(c->year), DV_S(c->region), DV_I(c->rules.min_employers),
			DV_I(c->rules.min_persons), DV_I(c->rules.max_share_pct), DV_I((int64_t)c->nrecs),
			DV_I((int64_t)c->ncells), DV_I(suppressed),
			t->a->user_id ? DV_I(t->a->user_id) : DV_NULL, DV_I(now_s())),
		e);
	if (!st)
		return -1;
	int row = db_row(st, e);
	c->id = row > 0 ? db_int(st, 0) : 0;
	db_done(st);
	if (row <= 0)
		return row < 0 ? -1
			       : err_set(e, 500, "internal", NULL, "发布失败", "publication not created");
	for (size_t i = 0; i < c->ncells; i++) {
		const struct cell *x = &c->cells[i];
		const char *region = x->child == CHILD_NONE ? c->region : c->children[x->child];
		const char *occ = c->posts[x->key >> LEVEL_BITS];
		int level = (int)(x->key & ((1u << LEVEL_BITS) - 1));
		char why[64];
		wage_suppress_format(x->why, why, sizeof why);
		dbv prevv = DV_NULL;
		if (prev && !x->why) {
			int64_t p50 = 0;
			int prc = db_one_int(
				d,
				"SELECT p50 FROM wage_cells WHERE publication_id = $1 AND region_code = $2 "
				"AND occupation_code = $3 AND level = $4 AND suppressed = ''",
				DB_ARGS(DV_I(prev), DV_S(region), DV_S(occ), DV_I(level)), &p50, e);
			if (prc == DB_OK)
				prevv = DV_I(p50);
			else if (prc != DB_NOT_FOUND)
				return -1;
		}
		bool pub = !x->why;
		if (db_run(d,
			   "INSERT INTO wage_cells (publication_id, region_code, occupation_code, level, "
			   "persons, "
			   "employers, largest, suppressed, p10, p25, p50, p75, p90, prev_p50) VALUES ($1, "
			   "$2, $3, "
			   "$4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
			   DB_ARGS(DV_I(c->id), DV_S(region), DV_S(occ), DV_I(level), DV_I(x->persons),
				   DV_I(x->employers), DV_I(x->largest), DV_S(why),
				   pub ? DV_I(x->q[0]) : DV_NULL, pub ? DV_I(x->q[1]) : DV_NULL,
				   pub ? DV_I(x->q[2]) : DV_NULL, pub ? DV_I(x->q[3]) : DV_NULL,
				   pub ? DV_I(x->q[4]) : DV_NULL, prevv),
			   e) < 0)
			return -1;
	}
	tx_audit(t, "wage.publish", "wage_publication", c->id,
		 json_pack("{s:I,s:s,s:I,s:I,s:I,s:I,s:I,s:I,s:I}", "year", (json_int_t)c->year,
			   "region_code", c->region, "records", (json_int_t)c->nrecs, "cells",
			   (json_int_t)c->ncells, "suppressed", (json_int_t)suppressed, "min_employers",
			   (json_int_t)c->rules.min_employers, "min_persons",
			   (json_int_t)c->rules.min_persons, "max_share_pct",
			   (json_int_t)c->rules.max_share_pct, "previous", (json_int_t)prev));
	return 0;
}

int wage_publish(db *d, const principal *a, int64_t year, const char *region_code, int64_t *id, err *e)
{
	*id = 0;
	if (!role_in(a, R_ADMINS))
		return err_set(e, 403, "forbidden", NULL, "只有省厅或地市可以发布工资价位",
			       "only the province or a city publishes pay levels");
	if (bad_year(year, e))
		return -1;
	struct pub_ctx c = {.year = year};
	snprintf(c.region, sizeof c.region, "%s", region_code && *region_code ? region_code : "370000");
	char level[16];
	int rc = region_level(d, c.region, level, e);
	if (rc < 0)
		return -1;
	if (rc > 0 || !strcmp(level, "county"))
		return err_set(e, 422, "invalid_region", "region_code", "发布地区应为全省或一个地市",
			       "region_code must be the province or a city");
	c.province = !strcmp(level, "province");
	region_prefix(c.region, c.prefix);
	if (!bureau_covers(a, c.region))
		return err_set(e, 403, "forbidden", "region_code", "该地区不在您的管辖范围内",
			       "that region is outside your scope");
	rc = svc_tx(d, a, pub_work, &c, e);
	*id = c.id;
	pub_reset(&c);
	return rc;
}

/* ---- reading publications ---- */

#define CELL_COLS                                                                                            \
	"wc.region_code, r.name, wc.occupation_code, o.name, wp.name, wc.level, wc.persons, wc.employers, "  \
	"wc.largest, wc.suppressed, wc.p10, wc.p25, wc.p50, wc.p75, wc.p90, wc.prev_p50"
#define CELL_FROM                                                                                            \
	" FROM wage_cells wc JOIN wage_publications pb ON pb.id = wc.publication_id LEFT JOIN regions r ON " \
	"r.code = wc.region_code LEFT JOIN occupations o ON o.code = wc.occupation_code LEFT JOIN "          \
	"wage_posts "                                                                                        \
	"wp ON wp.year = pb.year AND wp.occupation_code = wc.occupation_code"

static json_t *reasons_json(const char *codes, const struct wage_disclosure *rules)
{
	json_t *arr = json_array();
	static const struct {
		unsigned bit;
		const char *code;
	} bits[] = {{WS_FEW_EMPLOYERS, "few_employers"},
		    {WS_FEW_PERSONS, "few_persons"},
		    {WS_DOMINANT, "dominant_employer"}};
	for (size_t i = 0; i < ARRAY_LEN(bits); i++) {
		const char *p = strstr(codes, bits[i].code);
		if (!p)
			continue;
		char zh[96], en[128];
		wage_suppress_text(bits[i].bit, rules, zh, sizeof zh, en, sizeof en);
		json_array_append_new(arr, json_pack("{s:s,s:s,s:s}", "code", bits[i].code, "message_zh", zh,
						     "message_en", en));
	}
	return arr;
}

/* one cell; counts only for the bureau */
static json_t *cell_json(db_stmt *st, const struct wage_disclosure *rules, bool counts)
{
	const char *why = db_text(st, 9) ? db_text(st, 9) : "";
	json_t *o = json_pack("{s:s,s:s,s:s,s:s,s:s,s:b}", "region_code", db_text(st, 0), "region_name",
			      db_text(st, 1) ? db_text(st, 1) : "", "occupation_code", db_text(st, 2),
			      "occupation_name", db_text(st, 3) ? db_text(st, 3) : "", "post_name",
			      db_text(st, 4) ? db_text(st, 4) : "", "published", !*why);
	level_json(o, (int)db_int(st, 5));
	if (counts) {
		json_object_set_new(o, "persons", json_integer(db_int(st, 6)));
		json_object_set_new(o, "employers", json_integer(db_int(st, 7)));
		json_object_set_new(o, "largest", json_integer(db_int(st, 8)));
	}
	if (*why) {
		json_object_set_new(o, "suppressed", reasons_json(why, rules));
		return o;
	}
	static const char *const names[WAGE_NQ] = {"p10", "p25", "p50", "p75", "p90"};
	for (int k = 0; k < WAGE_NQ; k++)
		json_object_set_new(o, names[k], money_col(st, 10 + k));
	json_object_set_new(o, "prev_p50", money_col(st, 15));
	int64_t bp;
	if (!db_isnull(st, 15) && wage_change_bp(db_int(st, 15), db_int(st, 12), &bp)) {
		char pct[32];
		/* basis points as a per cent with two decimals */
		snprintf(pct, sizeof pct, "%s%lld.%02lld", bp < 0 ? "-" : "",
			 (long long)(bp < 0 ? -bp : bp) / 100, (long long)(bp < 0 ? -bp : bp) % 100);
		json_object_set_new(o, "p50_change_pct", json_string(pct));
	} else
		json_object_set_new(o, "p50_change_pct", json_null());
	return o;
}

static json_t *cells_json(db *d, int64_t pub, const struct wage_disclosure *rules, bool counts,
			  const char *occ, int level, err *e)
{
	query q;
	q_init(&q, "SELECT " CELL_COLS CELL_FROM);
	q_and(&q, "wc.publication_id = ?", DV_I(pub));
	if (occ)
		q_and(&q, "wc.occupation_code = ?", DV_S(occ));
	if (level >= 0)
		q_and(&q, "wc.level = ?", DV_I(level));
	/* the publisher's region first (its code is the shortest prefix), then the regions below */
	q_sql(&q,
	      " ORDER BY wc.occupation_code, wc.level, CASE WHEN wc.region_code = pb.region_code THEN 0 ELSE "
	      "1 END, wc.region_code");
	db_stmt *st = q_query(d, &q, e);
	q_free(&q);
	if (!st)
		return NULL;
	json_t *arr = json_array();
	while (db_step(st) == DB_ROW)
		json_array_append_new(arr, cell_json(st, rules, counts));
	if (db_finish(st, e) != 0) {
		json_decref(arr);
		return NULL;
	}
	return arr;
}

#define PUB_COLS                                                                                             \
	"pb.id, pb.year, pb.region_code, r.name, pb.state, pb.min_employers, pb.min_persons, "               \
	"pb.max_share_pct, pb.records, pb.cells, pb.suppressed, pb.published_at"

static json_t *publication_head(db_stmt *st, struct wage_disclosure *rules, bool counts)
{
	rules->min_employers = db_int(st, 5);
	rules->min_persons = db_int(st, 6);
	rules->max_share_pct = db_int(st, 7);
	json_t *o = json_pack(
		"{s:I,s:I,s:s,s:s,s:s,s:{s:I,s:I,s:I},s:I,s:I,s:I}", "id", (json_int_t)db_int(st, 0), "year",
		(json_int_t)db_int(st, 1), "region_code", db_text(st, 2), "region_name",
		db_text(st, 3) ? db_text(st, 3) : "", "state", db_text(st, 4), "rules", "min_employers",
		(json_int_t)rules->min_employers, "min_persons", (json_int_t)rules->min_persons,
		"max_share_pct", (json_int_t)rules->max_share_pct, "cells", (json_int_t)db_int(st, 9),
		"suppressed", (json_int_t)db_int(st, 10), "published_at", (json_int_t)db_int(st, 11));
	if (counts)
		json_object_set_new(o, "records", json_integer(db_int(st, 8)));
	json_object_set_new(
		o, "percentile_definition",
		json_string("Hyndman-Fan type 7 (R quantile default), rounded to the fen half up"));
	return o;
}

json_t *wage_publication_json(db *d, const principal *a, int64_t id, err *e)
{
	db_stmt *st =
		db_query(d,
			 "SELECT " PUB_COLS " FROM wage_publications pb LEFT JOIN regions r ON r.code = "
			 "pb.region_code WHERE pb.id = $1",
			 DB_ARGS(DV_I(id)), e);
	if (!st)
		return NULL;
	int row = db_row(st, e);
	struct wage_disclosure rules = {0};
	json_t *o = NULL;
	if (row > 0 && bureau_covers(a, db_text(st, 2)))
		o = publication_head(st, &rules, true);
	db_done(st);
	if (row < 0)
		return NULL;
	if (!o) {
		err_set(e, 404, "not_found", NULL, "工资价位发布不存在", "no such pay-level publication");
		return NULL;
	}
	json_t *cells = cells_json(d, id, &rules, true, NULL, -1, e);
	if (!cells) {
		json_decref(o);
		return NULL;
	}
	json_object_set_new(o, "items", cells);
	return o;
}

json_t *wage_public_json(db *d, int64_t year, const char *region_code, const char *occupation_code,
			 const char *level, err *e)
{
	if (bad_year(year, e))
		return NULL;
	int lv = -1;
	if (level && *level && (lv = wage_level_parse(level)) < 0) {
		err_set(e, 422, "invalid_level", "level", "技能等级无效", "unknown level");
		return NULL;
	}
	const char *region = region_code && *region_code ? region_code : "370000";
	db_stmt *st =
		db_query(d,
			 "SELECT " PUB_COLS " FROM wage_publications pb LEFT JOIN regions r ON r.code = "
			 "pb.region_code WHERE pb.year = $1 AND pb.region_code = $2 AND pb.state = "
			 "'published'",
			 DB_ARGS(DV_I(year), DV_S(region)), e);
	if (!st)
		return NULL;
	int row = db_row(st, e);
	struct wage_disclosure rules = {0};
	json_t *o = row > 0 ? publication_head(st, &rules, false) : NULL;
	int64_t id = row > 0 ? db_int(st, 0) : 0;
	db_done(st);
	if (row < 0)
		return NULL;
	if (!o) {
		err_set(e, 404, "not_published", NULL, "该年度、该地区尚未发布工资价位",
			"no pay levels are published for that year and region");
		return NULL;
	}
	json_t *cells = cells_json(d, id, &rules, false,
				   occupation_code && *occupation_code ? occupation_code : NULL, lv, e);
	if (!cells) {
		json_decref(o);
		return NULL;
	}
	json_object_set_new(o, "items", cells);
	return o;
}

/* ---- the minimum-pay check ---- */

json_t *wage_check_json(db *d, const principal *a, int64_t year, int64_t institution_id, err *e)
{
	if (bad_year(year, e))
		return NULL;
	if (institution_id <= 0)
		institution_id = role_in(a, R_INST) ? a->institution_id : 0;
	if (institution_id <= 0) {
		err_set(e, 422, "missing_field", "institution_id", "缺少单位", "missing institution_id");
		return NULL;
	}
	db_stmt *st = db_query(d, "SELECT region_code FROM institutions WHERE id = $1",
			       DB_ARGS(DV_I(institution_id)), e);
	if (!st)
		return NULL;
	int row = db_row(st, e);
	char region[16] = "";
	if (row > 0)
		snprintf(region, sizeof region, "%s", db_text(st, 0));
	db_done(st);
	if (row < 0)
		return NULL;
	scope_owner ow = {.found = row > 0, .institution_id = institution_id};
	snprintf(ow.region, sizeof ow.region, "%s", region);
	if (!ow.found || scope_decide(a, SE_WAGE_SUBMISSION, &ow, SCOPE_READ) != 0) {
		err_set(e, 404, "not_found", "institution_id", "单位不存在或不在您的范围内",
			"no such institution in your scope");
		return NULL;
	}
	int64_t step = 0;
	if (load_rule(d, "level_step_pct", &step, e) != 0)
		return NULL;
	/* the minimum wage in force at the end of the year in the most specific region of the employer: its
	 * county, its city, the province */
	char city[8], dec31[11];
	snprintf(city, sizeof city, "%.4s00", region);
	snprintf(dec31, sizeof dec31, "%04lld-12-31", (long long)year);
	st = db_query(
		d,
		"SELECT region_code, effective_from, monthly_fen, source FROM wage_min_wages WHERE "
		"region_code IN ($1, $2, '370000') AND effective_from <= $3 ORDER BY "
		"CASE region_code WHEN $1 THEN 0 WHEN $2 THEN 1 ELSE 2 END, effective_from DESC LIMIT 1",
		DB_ARGS(DV_S(region), DV_S(city), DV_S(dec31)), e);
	if (!st)
		return NULL;
	row = db_row(st, e);
	json_t *mw = NULL;
	int64_t monthly = 0;
	if (row > 0) {
		monthly = db_int(st, 2);
		mw = json_pack("{s:s,s:s,s:o,s:s}", "region_code", db_text(st, 0), "effective_from",
			       db_text(st, 1), "monthly", money_json(monthly), "source", db_text(st, 3));
	}
	db_done(st);
	if (row < 0)
		return NULL;
	if (!mw) {
		err_set(e, 422, "no_min_wage", "institution_id", "单位所在地区没有 %lld 年在用的最低工资标准",
			"no minimum wage in force in %lld for the employer's region", (long long)year);
		return NULL;
	}
	st = db_query(d,
		      "SELECT ws.id_masked, ws.occupation_code, ws.level, wp.post_class, pc.min_pct, "
		      "ws.annual_fen, "
		      "o.name FROM wage_submissions ws JOIN wage_posts wp ON wp.year = ws.year AND "
		      "wp.occupation_code = ws.occupation_code JOIN wage_post_classes pc ON pc.code = "
		      "wp.post_class "
		      "LEFT JOIN occupations o ON o.code = ws.occupation_code WHERE ws.year = $1 AND "
		      "ws.institution_id = $2 ORDER BY ws.id",
		      DB_ARGS(DV_I(year), DV_I(institution_id)), e);
	if (!st) {
		json_decref(mw);
		return NULL;
	}
	json_t *items = json_array();
	int64_t checked = 0;
	while (db_step(st) == DB_ROW) {
		checked++;
		int level = (int)db_int(st, 2);
		int64_t min = wage_min_annual(monthly, db_int(st, 4), step, level), pay = db_int(st, 5);
		if (min < 0 || pay >= min)
			continue;
		json_t *o = json_pack("{s:s,s:s,s:s,s:s,s:I,s:o,s:o,s:o}", "id_number", db_text(st, 0),
				      "occupation_code", db_text(st, 1), "occupation_name",
				      db_text(st, 6) ? db_text(st, 6) : "", "post_class", db_text(st, 3),
				      "min_pct", (json_int_t)db_int(st, 4), "annual_pay", money_json(pay),
				      "minimum", money_json(min), "shortfall", money_json(min - pay));
		json_array_append_new(items, level_json(o, level));
	}
	if (db_finish(st, e) != 0) {
		json_decref(mw);
		json_decref(items);
		return NULL;
	}
	return json_pack("{s:I,s:I,s:o,s:I,s:I,s:I,s:o}", "year", (json_int_t)year, "institution_id",
			 (json_int_t)institution_id, "min_wage", mw, "level_step_pct", (json_int_t)step,
			 "checked", (json_int_t)checked, "below", (json_int_t)json_array_size(items), "items",
			 items);
}
