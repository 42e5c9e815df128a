/* bank_import.c: 题库 import (CSV or XLSX, through svc/base/import.h) and the seeded banks (see
 * bank_import.h)
 */
#include "util/common.h"
#include "svc/exam/bank_import.h"
#include "store/refdata.h"
#include "svc/exam/exam.h"
#include "svc/base/import.h"
#include <ctype.h>
#include <math.h>
#include <strings.h>

enum {
	C_OCC,
	C_LEVEL,
	C_TYPE,
	C_AREA,
	C_CODE,
	C_STEM,
	C_KEY,
	C_POINTS,
	C_REPLACES,
	C_OPT,
	C_COUNT = C_OPT + ITEM_MAX_OPTIONS
};

static const tab_col cols[C_COUNT] = {
	[C_OCC] = {"occupation_code", "职业编码", {"职业代码"}, TAB_REQUIRED},
	[C_LEVEL] = {"level", "等级", {"级别"}, TAB_REQUIRED},
	[C_TYPE] = {"type", "题型", {"kind"}, TAB_REQUIRED},
	[C_AREA] = {"knowledge_area", "鉴定范围", {"area", "知识领域"}, TAB_REQUIRED},
	[C_CODE] = {"knowledge_code", "鉴定点代码", {"鉴定要素代码", "知识点代码"}, TAB_REQUIRED},
	[C_STEM] = {"stem", "题干", {"试题内容"}, TAB_REQUIRED},
	[C_KEY] = {"key", "答案", {"answer", "标准答案"}, TAB_REQUIRED},
	[C_POINTS] = {"points", "分值", {0}, 0},
	[C_REPLACES] = {"replaces", "替换试题", {0}, 0},
	[C_OPT + 0] = {"option_a", "选项A", {"A"}, 0},
	[C_OPT + 1] = {"option_b", "选项B", {"B"}, 0},
	[C_OPT + 2] = {"option_c", "选项C", {"C"}, 0},
	[C_OPT + 3] = {"option_d", "选项D", {"D"}, 0},
	[C_OPT + 4] = {"option_e", "选项E", {"E"}, 0},
	[C_OPT + 5] = {"option_f", "选项F", {"F"}, 0},
	[C_OPT + 6] = {"option_g", "选项G", {"G"}, 0},
	[C_OPT + 7] = {"option_h", "选项H", {"H"}, 0},
};
static const tab_spec spec = {cols, C_COUNT, TAB_TRIM};

static const struct {
	const char *name, *kind;
} type_names[] = {
	{"single", "single"},	 {"multi", "multi"}, {"multiple", "multi"}, {"judge", "judge"},
	{"true_false", "judge"}, {"单选", "single"}, {"单选题", "single"},  {"多选", "multi"},
	{"多选题", "multi"},	 {"判断", "judge"},  {"判断题", "judge"},
};

static const struct {
	const char *text;
	char letter;
} judge_keys[] = {
	{"对", 'A'}, {"正确", 'A'}, {"√", 'A'}, {"✓", 'A'}, {"T", 'A'}, {"TRUE", 'A'},	{"A", 'A'},
	{"错", 'B'}, {"错误", 'B'}, {"×", 'B'}, {"✗", 'B'}, {"F", 'B'}, {"FALSE", 'B'}, {"B", 'B'},
};

static const char *const level_names[] = {"", "一级", "二级", "三级", "四级", "五级"};

static bool blank(const char *s)
{
	return !s || !*s;
}

static const char *type_kind(const char *t)
{
	for (size_t i = 0; t && i < ARRAY_LEN(type_names); i++)
		if (!strcasecmp(t, type_names[i].name))
			return type_names[i].kind;
	return NULL;
}

static int parse_level(const char *s)
{
	if (blank(s))
		return 0;
	if (s[0] >= '1' && s[0] <= '5' && !s[1])
		return s[0] - '0';
	for (int l = 1; l <= 5; l++)
		if (!strcmp(s, level_names[l]))
			return l;
	return 0;
}

/* A-01-003: knowledge area letter, chapter, element */
static bool knowledge_code_ok(const char *s)
{
	if (strlen(s) != 8 || s[0] < 'A' || s[0] > 'Z' || s[1] != '-' || s[4] != '-')
		return false;
	for (int i = 2; i < 8; i++)
		if (i != 4 && !isdigit((unsigned char)s[i]))
			return false;
	return true;
}

int item_row_check(const struct item_row *in, struct item_norm *out, err *e)
{
	memset(out, 0, sizeof *out);
	if (blank(in->occupation_code))
		return err_set(e, 422, "missing_field", "occupation_code", "缺少职业编码",
			       "the occupation code is missing");
	if (strlen(in->occupation_code) >= sizeof out->occupation_code)
		return err_set(e, 422, "unknown_occupation", "occupation_code", "职业编码不存在：%s",
			       "unknown occupation code %s", in->occupation_code);
	snprintf(out->occupation_code, sizeof out->occupation_code, "%s", in->occupation_code);
	if (!(out->level = parse_level(in->level)))
		return err_set(e, 422, "invalid_level", "level", "等级应为 1 到 5（或五级到一级）",
			       "the level is 1 to 5 (or 五级 to 一级)");
	if (!(out->kind = type_kind(in->type)))
		return err_set(e, 422, "invalid_type", "type",
			       "题型应为 single（单选）、multi（多选）或 judge（判断）",
			       "the type is single, multi (multiple) or judge (true_false)");
	bool judge = !strcmp(out->kind, "judge"), multi = !strcmp(out->kind, "multi");
	if (check_text(in->stem, "stem", 2000, true, e) != 0)
		return -1;
	out->stem = in->stem;
	if (check_text(in->area, "knowledge_area", 40, true, e) != 0)
		return -1;
	snprintf(out->area, sizeof out->area, "%s", in->area);
	if (blank(in->knowledge_code))
		return err_set(e, 422, "missing_knowledge_code", "knowledge_code",
			       "缺少鉴定点代码（如 A-01-003）",
			       "the knowledge code (such as A-01-003) is missing");
	if (!knowledge_code_ok(in->knowledge_code))
		return err_set(e, 422, "invalid_knowledge_code", "knowledge_code",
			       "鉴定点代码应形如 A-01-003（鉴定范围字母-章-要素）：%s",
			       "the knowledge code looks like A-01-003 (area letter, chapter, element): %s",
			       in->knowledge_code);
	snprintf(out->knowledge_code, sizeof out->knowledge_code, "%s", in->knowledge_code);
	/* options: contiguous from A */
	int nopts = 0;
	for (int i = 0; i < ITEM_MAX_OPTIONS; i++) {
		if (blank(in->options[i]))
			continue;
		char field[16];
		snprintf(field, sizeof field, "option_%c", 'a' + i);
		if (i != nopts)
			return err_set(e, 422, "invalid_options", field, "选项不连续：选项 %c 之前有空选项",
				       "the options have a gap before option %c", 'A' + i);
		if (check_text(in->options[i], field, 500, true, e) != 0)
			return -1;
		for (int k = 0; k < i; k++)
			if (!strcmp(in->options[k], in->options[i]))
				return err_set(e, 422, "invalid_options", field, "选项 %c 与选项 %c 重复",
					       "option %c repeats option %c", 'A' + i, 'A' + k);
		nopts++;
	}
	if (judge && nopts == 0) {
		out->options[0] = "对";
		out->options[1] = "错";
		nopts = 2;
	} else if (judge ? nopts != 2 : nopts < 2) {
		return err_set(e, 422, "invalid_options", "option_a",
			       judge ? "判断题应有“对”“错”两个选项（或不填）" : "选择题至少应有 2 个选项",
			       judge ? "a true/false item has two options (对, 错) or none"
				     : "a choice item has at least 2 options");
	} else {
		for (int i = 0; i < nopts; i++)
			out->options[i] = in->options[i];
	}
	out->noptions = nopts;
	/* the key */
	int rc = -1;
	if (blank(in->key)) {
		err_set(e, 422, "missing_field", "key", "缺少答案", "the key is missing");
		goto fail;
	}
	if (judge) {
		char letter = 0;
		for (size_t i = 0; i < ARRAY_LEN(judge_keys) && !letter; i++)
			if (!strcasecmp(in->key, judge_keys[i].text))
				letter = judge_keys[i].letter;
		if (!letter) {
			err_set(e, 422, "invalid_key", "key", "判断题答案应为“对”或“错”（或 A、B）",
				"a true/false key is 对 or 错 (or A, B)");
			goto fail;
		}
		out->answer[0] = letter;
	} else {
		bool have[ITEM_MAX_OPTIONS] = {false};
		int nkeys = 0;
		for (const unsigned char *p = (const unsigned char *)in->key; *p; p++) {
			if (*p == ' ' || *p == ',' || *p == ';' || *p == '/')
				continue;
			if (!strncmp((const char *)p, "、", 3) || !strncmp((const char *)p, "，", 3)) {
				p += 2;
				continue;
			}
			int c = toupper(*p);
			if (c < 'A' || c > 'Z') {
				err_set(e, 422, "invalid_key", "key", "答案应为选项字母，如 B 或 ACD",
					"the key is option letters such as B or ACD");
				goto fail;
			}
			if (c - 'A' >= nopts) {
				err_set(e, 422, "key_not_in_options", "key",
					"答案 %c 不在选项之中（共 %d 个选项）",
					"key %c is not among the options (there are %d)", c, nopts);
				goto fail;
			}
			if (!have[c - 'A'])
				nkeys++;
			have[c - 'A'] = true;
		}
		if (multi && nkeys < 2) {
			err_set(e, 422, "multi_needs_two_keys", "key", "多选题至少应有两个正确答案",
				"a multiple-choice item has two or more keys");
			goto fail;
		}
		if (!multi && nkeys != 1) {
			err_set(e, 422, "invalid_key", "key", "单选题只有一个正确答案",
				"a single-choice item has exactly one key");
			goto fail;
		}
		int n = 0;
		for (int k = 0; k < ITEM_MAX_OPTIONS; k++)
			if (have[k])
				out->answer[n++] = (char)('A' + k);
		out->answer[n] = 0;
	}
	out->points = 1;
	if (!blank(in->points)) {
		char *end;
		out->points = strtod(in->points, &end);
		if (*end || !isfinite(out->points) || out->points <= 0 || out->points > 100) {
			err_set(e, 422, "invalid_points", "points", "分值应大于 0 且不超过 100：%s",
				"points must be in (0, 100]: %s", in->points);
			goto fail;
		}
	}
	if (!blank(in->replaces)) {
		char *end;
		long long id = strtoll(in->replaces, &end, 10);
		if (*end || id <= 0) {
			err_set(e, 422, "invalid_value", "replaces", "replaces 应为被替换试题的编号",
				"replaces is the id of the item it revises");
			goto fail;
		}
		out->replaces = id;
	}
	rc = 0;
fail:
	return rc;
}

/* ---- the import ---- */

struct imp {
	db *d;
	principal who;
	int64_t inst;
	const char *source;
	struct occ_cache {
		char code[16];
		int64_t levels, scope; /* -1: unknown */
	} occ[32];
	int nocc;
};

/* who may import into which bank (bank_import.h); 0 with *inst the bank's institution (0: the province's) */
static int may_import(db *d, const principal *a, int64_t *inst, err *e)
{
	bool staff = a->role == ROLE_INSTITUTION_ADMIN || a->role == ROLE_INSTITUTION_STAFF;
	if (a->role != ROLE_PROVINCE_ADMIN && !staff)
		return err_set(e, 403, "forbidden", NULL, "只有评价机构或省级管理员可以导入试题",
			       "only institutions and the province import items");
	if (staff && !*inst)
		*inst = a->institution_id;
	if (staff && *inst != a->institution_id)
		return err_set(e, 403, "outside_scope", "institution_id", "只能向本机构的题库导入试题",
			       "institution staff import only into their own institution's bank");
	if (!*inst)
		return 0;
	char status[16] = "";
	db_stmt *st = db_query(d, "SELECT status FROM institutions WHERE id = $1", DB_ARGS(DV_I(*inst)), e);
	if (!st)
		return -1;
	int found = db_row(st, e);
	if (found == 1)
		snprintf(status, sizeof status, "%s", db_text(st, 0));
	db_done(st);
	if (found < 0)
		return -1;
	if (!*status)
		return err_set(e, 404, "not_found", "institution_id", "机构不存在", "no such institution");
	if (strcmp(status, "filed"))
		return err_set(e, 409, "institution_inactive", "institution_id",
			       "机构已暂停或退出，不能导入试题",
			       "the institution is suspended or has exited");
	return 0;
}

/* the occupation's certifiable levels and, for an institution's bank, its filed levels (cached per file) */
static struct occ_cache *occ_lookup(struct imp *im, const char *code, err *e)
{
	for (int i = 0; i < im->nocc; i++)
		if (!strcmp(im->occ[i].code, code))
			return &im->occ[i];
	struct occ_cache c = {.levels = -1, .scope = -1};
	snprintf(c.code, sizeof c.code, "%s", code);
	db_stmt *st =
		db_query(im->d, "SELECT levels FROM occupations WHERE code = $1", DB_ARGS(DV_S(code)), e);
	if (st && db_step(st) == DB_ROW)
		c.levels = db_int(st, 0);
	db_done(st);
	if (!st)
		return NULL;
	if (im->inst) {
		st = db_query(im->d,
			      "SELECT levels FROM institution_scopes WHERE institution_id = $1 AND "
			      "occupation_code = $2",
			      DB_ARGS(DV_I(im->inst), DV_S(code)), e);
		if (st && db_step(st) == DB_ROW)
			c.scope = db_int(st, 0);
		db_done(st);
		if (!st)
			return NULL;
	}
	int slot = im->nocc < (int)ARRAY_LEN(im->occ) ? im->nocc++ : 0;
	im->occ[slot] = c;
	return &im->occ[slot];
}

/* the checks against the bank; 0 ok, 1 rejected (e set), -1 database failure */
static int bank_check(struct imp *im, const struct item_norm *n, err *e)
{
	struct occ_cache *oc = occ_lookup(im, n->occupation_code, e);
	if (!oc)
		return -1;
	if (oc->levels < 0)
		return err_set(e, 422, "unknown_occupation", "occupation_code", "职业编码不存在：%s",
			       "unknown occupation code %s", n->occupation_code),
		       1;
	if (!(oc->levels & (1 << n->level)))
		return err_set(e, 422, "level_not_offered", "level", "该职业不设 %d 级",
			       "the occupation has no level %d", n->level),
		       1;
	if (im->inst && (oc->scope < 0 || !(oc->scope & (1 << n->level))))
		return err_set(e, 403, "outside_filed_scope", "occupation_code",
			       "该职业（等级）不在机构备案范围内",
			       "the occupation and level are outside the institution's filed scope"),
		       1;
	if (n->replaces) {
		db_stmt *st = db_query(
			im->d,
			"SELECT id FROM items WHERE id = $1 AND active = 1 AND occupation_code = $2 AND "
			"level = $3 AND "
			"COALESCE(institution_id, 0) = $4",
			DB_ARGS(DV_I(n->replaces), DV_S(n->occupation_code), DV_I(n->level), DV_I(im->inst)),
			e);
		int found = st && db_step(st) == DB_ROW;
		db_done(st);
		if (!st)
			return -1;
		if (!found)
			return err_set(e, 404, "not_found", "replaces",
				       "要替换的试题 %lld 不在本题库中或已被新版本取代",
				       "item %lld is not a current item of this bank",
				       (long long)n->replaces),
			       1;
	}
	/* the bank a paper draws from: the province's items and the institution's own */
	db_stmt *st = db_query(im->d,
			       "SELECT id FROM items WHERE occupation_code = $1 AND level = $2 AND stem = $3 "
			       "AND active = 1 AND id <> $4 "
			       "AND ($5 = 0 OR institution_id IS NULL OR institution_id = $5)",
			       DB_ARGS(DV_S(n->occupation_code), DV_I(n->level), DV_S(n->stem),
				       DV_I(n->replaces), DV_I(im->inst)),
			       e);
	if (!st)
		return -1;
	/* a failed look-up is a database error, not "no duplicate" */
	int row = db_row(st, e);
	int64_t dup = row == 1 ? db_int(st, 0) : 0;
	db_done(st);
	if (row < 0)
		return -1;
	if (dup)
		return err_set(e, 409, "duplicate_stem", "stem", "题库中已有相同题干的试题（编号 %lld）",
			       "the bank already holds an item with this stem (id %lld)", (long long)dup),
		       1;
	return 0;
}

/* one row: 0 stored, 1 rejected, -1 the database failed (svc/base/import.h) */
static int item_row(void *ctx, const tab_row *r, err *e)
{
	struct imp *im = ctx;
	struct item_row row = {
		.occupation_code = tab_get(r, C_OCC),
		.level = tab_get(r, C_LEVEL),
		.type = tab_get(r, C_TYPE),
		.area = tab_get(r, C_AREA),
		.knowledge_code = tab_get(r, C_CODE),
		.stem = tab_get(r, C_STEM),
		.key = tab_get(r, C_KEY),
		.points = tab_get(r, C_POINTS),
		.replaces = tab_get(r, C_REPLACES),
	};
	for (int o = 0; o < ITEM_MAX_OPTIONS; o++)
		row.options[o] = tab_get(r, C_OPT + o);
	struct item_norm norm;
	if (item_row_check(&row, &norm, e) != 0)
		return 1;
	int rc = bank_check(im, &norm, e);
	if (rc == 0) {
		struct item_draft in = {.occupation_code = norm.occupation_code,
					.kind = norm.kind,
					.area = norm.area,
					.stem = norm.stem,
					.answer = norm.answer,
					.knowledge_code = norm.knowledge_code,
					.level = norm.level,
					.points = norm.points,
					.options = norm.options,
					.noptions = (size_t)norm.noptions,
					.institution_id = im->inst};
		if (item_save(im->d, &im->who, &in, norm.replaces, e) < 0)
			rc = e->status >= 500 ? -1 : 1;
	}
	return rc;
}

static json_t *audit_detail(void *ctx, const import_result *res)
{
	struct imp *im = ctx;
	return json_pack("{s:s,s:I,s:I,s:I,s:I,s:s}", "source", im->source, "institution_id",
			 (json_int_t)im->inst, "rows", (json_int_t)res->rows, "imported", (json_int_t)res->ok,
			 "rejected", (json_int_t)res->rejected, "encoding", res->encoding);
}

static const import_def def = {
	.spec = &spec,
	.row = item_row,
	.flags = IMPORT_FIELD_ALWAYS,
	.audit_action = "items.import",
	.audit_entity = "items",
	.audit_detail = audit_detail,
};

json_t *items_import(db *d, const principal *a, int64_t inst, const char *source, const import_opts *opts,
		     err *e)
{
	if (may_import(d, a, &inst, e) != 0)
		return NULL;
	struct imp im = {.d = d, .who = *a, .inst = inst, .source = source};
	char ids[24];
	import_opts o = *opts;
	o.audit_entity_id = inst ? id_text(inst, ids) : "province";
	import_result res;
	json_t *out = NULL;
	if (import_exec(d, a, &def, &im, &o, &res, e) == 0) {
		out = json_pack("{s:I,s:I,s:I,s:b,s:s,s:o}", "rows", (json_int_t)res.rows, "imported",
				(json_int_t)(res.stored ? res.ok : 0), "rejected", (json_int_t)res.rejected,
				"stored", res.stored, "encoding", res.encoding, "errors",
				import_errors_json(&def, &res));
		if (inst)
			json_object_set_new(out, "institution_id", json_integer(inst));
	} else if (e->code && !strcmp(e->code, "empty_file")) {
		/* the bank's import has always called a file without a header a missing column */
		e->code = "missing_column";
	}
	import_result_free(&res);
	return out;
}

json_t *items_import_csv(db *d, const principal *a, int64_t inst, const char *data, size_t len,
			 bool all_or_nothing, err *e)
{
	import_opts o = {.data = data, .len = len, .all_or_nothing = all_or_nothing};
	return items_import(d, a, inst, "api", &o, e);
}

/* ---- blueprints from CSV and the seeded banks ---- */

enum { B_OCC, B_LEVEL, B_AREA, B_TYPE, B_COUNT, B_POINTS, B_N };

static const tab_col bp_cols[B_N] = {
	[B_OCC] = {"occupation_code", "职业编码", {0}, TAB_REQUIRED},
	[B_LEVEL] = {"level", "等级", {0}, TAB_REQUIRED},
	[B_AREA] = {"knowledge_area", "鉴定范围", {0}, TAB_REQUIRED},
	[B_TYPE] = {"type", "题型", {0}, TAB_REQUIRED},
	[B_COUNT] = {"count", "题量", {0}, TAB_REQUIRED},
	[B_POINTS] = {"points", "分值", {0}, TAB_REQUIRED},
};
static const tab_spec bp_spec = {bp_cols, B_N, TAB_TRIM};

struct bp_parse {
	char occ[16];
	int level;
	double points;
	struct bp_cells *cells;
	err *e;
};

void bp_cells_free(struct bp_cells *c)
{
	for (size_t i = 0; i < c->n; i++)
		free((char *)c->cells[i].area);
	free(c->cells);
	*c = (struct bp_cells){0};
}

static int bp_row(void *ctx, const tab_row *r)
{
	struct bp_parse *p = ctx;
	const char *v[B_N];
	for (int k = 0; k < B_N; k++)
		v[k] = tab_get(r, k) ? tab_get(r, k) : "";
	int level = parse_level(v[B_LEVEL]);
	const char *kind = type_kind(v[B_TYPE]);
	char *end;
	long count = strtol(v[B_COUNT], &end, 10);
	double pts = *end ? 0 : strtod(v[B_POINTS], &end);
	if (!level || !kind || !*v[B_OCC] || !*v[B_AREA] || count < 1 || count > 200 || *end || !(pts > 0) ||
	    (*p->occ && (strcmp(p->occ, v[B_OCC]) || p->level != level)))
		return err_set(p->e, 422, "invalid_blueprint", NULL, "蓝图第 %zu 行无效",
			       "blueprint line %zu is invalid", r->line),
		       1;
	snprintf(p->occ, sizeof p->occ, "%s", v[B_OCC]);
	p->level = level;
	p->points += pts;
	struct bp_cells *c = p->cells;
	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 16;
		c->cells = xrealloc(c->cells, c->cap * sizeof *c->cells);
	}
	c->cells[c->n++] =
		(struct blueprint_cell_input){.area = xstrdup(v[B_AREA]), .kind = kind, .count = count};
	return 0;
}

int blueprint_csv_check(const char *text, char occ[16], int *level, struct bp_cells *cells, err *e)
{
	*cells = (struct bp_cells){0};
	struct bp_parse p = {.cells = cells, .e = e};
	int rc = tab_read_mem(&bp_spec, text, strlen(text), NULL, bp_row, &p, NULL, e);
	if (rc == 0 && !cells->n)
		rc = err_set(e, 422, "invalid_blueprint", NULL, "蓝图没有单元", "the blueprint has no cells");
	if (rc == 0 && fabs(p.points - 100) > 1e-6)
		rc = err_set(e, 422, "blueprint_points", "points", "蓝图总分应为 100 分（现为 %g 分）",
			     "the blueprint's points sum to %g, not 100", p.points);
	if (rc != 0) {
		bp_cells_free(cells);
		return -1;
	}
	snprintf(occ, 16, "%s", p.occ);
	*level = p.level;
	return 0;
}

int items_bank_seed(db *d, const principal *a, const char *name, int64_t *added, err *e)
{
	char file[96], bpfile[96];
	snprintf(file, sizeof file, "%s.csv", name);
	snprintf(bpfile, sizeof bpfile, "%s.blueprint.csv", name);
	const char *bank = refdata_get(file), *bp = refdata_get(bpfile);
	*added = 0;
	if (!bank || !bp)
		return err_set(e, 500, "internal", NULL, "缺少内置题库 %s", "the embedded bank %s is missing",
			       name);
	char occ[16];
	int level;
	struct bp_cells cells;
	if (blueprint_csv_check(bp, occ, &level, &cells, e) != 0)
		return -1;
	int64_t have = 0;
	int rc = -1;
	if (db_one_int(d,
		       "SELECT COUNT(*) FROM items WHERE occupation_code = $1 AND level = $2 AND "
		       "institution_id IS NULL",
		       DB_ARGS(DV_S(occ), DV_I(level)), &have, e) != DB_OK)
		goto out;
	if (have > 0) {
		rc = 0; /* the province's bank is there: keep it as it is */
		goto out;
	}
	import_opts o = {.data = bank, .len = strlen(bank), .all_or_nothing = true};
	json_t *rep = items_import(d, a, 0, file, &o, e);
	if (!rep)
		goto out;
	bool stored = json_is_true(json_object_get(rep, "stored"));
	*added = json_integer_value(json_object_get(rep, "imported"));
	if (!stored) {
		json_t *first = json_array_get(json_object_get(rep, "errors"), 0);
		err_set(e, 500, "internal", NULL, "内置题库 %s 第 %lld 行无效：%s",
			"the embedded bank %s is invalid at line %lld: %s", file,
			(long long)json_integer_value(json_object_get(first, "line")),
			json_string_value(json_object_get(first, "message_en")));
		json_decref(rep);
		goto out;
	}
	json_decref(rep);
	rc = blueprint_put(d, a, occ, level, cells.cells, cells.n, e);
out:
	bp_cells_free(&cells);
	return rc;
}
