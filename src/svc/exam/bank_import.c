/* bank_import.c: 题库 CSV import and the seeded banks (see items_import.h) */
#include "util/common.h"
#include "svc/exam/bank_import.h"
#include "store/refdata.h"
#include "svc/exam/exam.h"
#include "util/csvread.h"
#include <ctype.h>
#include <math.h>
#include <strings.h>

#define MAX_REPORTED 1000

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

static const struct {
	int col;
	const char *names[5];
} headers[] = {
	{C_OCC, {"occupation_code", "职业编码", "职业代码"}},
	{C_LEVEL, {"level", "等级", "级别"}},
	{C_TYPE, {"type", "kind", "题型"}},
	{C_AREA, {"knowledge_area", "area", "鉴定范围", "知识领域"}},
	{C_CODE, {"knowledge_code", "鉴定点代码", "鉴定要素代码", "知识点代码"}},
	{C_STEM, {"stem", "题干", "试题内容"}},
	{C_KEY, {"key", "answer", "答案", "标准答案"}},
	{C_POINTS, {"points", "分值"}},
	{C_REPLACES, {"replaces", "替换试题"}},
};

/* the columns a file must have */
static const int required_cols[] = {C_OCC, C_LEVEL, C_TYPE, C_AREA, C_CODE, C_STEM, C_KEY};

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

void item_norm_free(struct item_norm *n)
{
	json_decref(n->options);
	n->options = NULL;
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
		out->options = json_pack("[s,s]", "对", "错");
		nopts = 2;
	} else if (judge ? nopts != 2 : nopts < 2) {
		return err_set(e, 422, "invalid_options", "option_a",
			       judge ? "判断题应有“对”“错”两个选项（或不填）" : "选择题至少应有 2 个选项",
			       judge ? "a true/false item has two options (对, 错) or none"
				     : "a choice item has at least 2 options");
	} else {
		out->options = json_array();
		for (int i = 0; i < nopts; i++)
			json_array_append_new(out->options, json_string(in->options[i]));
	}
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
	if (rc != 0)
		item_norm_free(out);
	return rc;
}

/* ---- the import ---- */

struct items_import {
	db *d;
	principal who;
	int64_t inst;
	int col[C_COUNT];
	bool header_ok;
	int64_t rows, imported, rejected;
	json_t *errors;
	items_reject_fn on_reject;
	void *ctx;
	err fatal;
	struct occ_cache {
		char code[16];
		int64_t levels, scope; /* -1: unknown */
	} occ[32];
	int nocc;
};

static void reject(items_import *im, size_t line, const err *e)
{
	im->rejected++;
	if (json_array_size(im->errors) < MAX_REPORTED)
		json_array_append_new(im->errors, json_pack("{s:I,s:s,s:s,s:s,s:s}", "line", (json_int_t)line,
							    "field", e->field, "code", e->code, "message_zh",
							    e->zh, "message_en", e->en));
	if (im->on_reject)
		im->on_reject(im->ctx, line, e);
}

items_import *items_import_open(db *d, const principal *a, int64_t inst, items_reject_fn on_reject, void *ctx,
				err *e)
{
	bool staff = a->role == ROLE_INSTITUTION_ADMIN || a->role == ROLE_INSTITUTION_STAFF;
	if (a->role != ROLE_PROVINCE_ADMIN && !staff)
		return err_set(e, 403, "forbidden", NULL, "只有评价机构或省级管理员可以导入试题",
			       "only institutions and the province import items"),
		       NULL;
	if (staff && !inst)
		inst = a->institution_id;
	if (staff && inst != a->institution_id)
		return err_set(e, 403, "outside_scope", "institution_id", "只能向本机构的题库导入试题",
			       "institution staff import only into their own institution's bank"),
		       NULL;
	if (inst) {
		char status[16] = "";
		db_stmt *st =
			db_query(d, "SELECT status FROM institutions WHERE id = $1", DB_ARGS(DV_I(inst)), e);
		if (st && db_step(st) == DB_ROW)
			snprintf(status, sizeof status, "%s", db_text(st, 0));
		db_done(st);
		if (!st)
			return NULL;
		if (!*status)
			return err_set(e, 404, "not_found", "institution_id", "机构不存在",
				       "no such institution"),
			       NULL;
		if (strcmp(status, "filed"))
			return err_set(e, 409, "institution_inactive", "institution_id",
				       "机构已暂停或退出，不能导入试题",
				       "the institution is suspended or has exited"),
			       NULL;
	}
	if (db_begin(d, e) != 0)
		return NULL;
	items_import *im = xcalloc(1, sizeof *im);
	im->d = d;
	im->who = *a;
	im->inst = inst;
	im->errors = json_array();
	im->on_reject = on_reject;
	im->ctx = ctx;
	for (int k = 0; k < C_COUNT; k++)
		im->col[k] = -1;
	return im;
}

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		s[--n] = 0;
	return s;
}

static int header_row(items_import *im, char **f, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *h = trim(f[i]);
		for (size_t k = 0; k < ARRAY_LEN(headers); k++)
			for (int j = 0; j < 5 && headers[k].names[j]; j++)
				if (!strcasecmp(h, headers[k].names[j]))
					im->col[headers[k].col] = (int)i;
		for (int o = 0; o < ITEM_MAX_OPTIONS; o++) {
			char en[16], zh[16], bare[2] = {(char)('A' + o), 0};
			snprintf(en, sizeof en, "option_%c", 'a' + o);
			snprintf(zh, sizeof zh, "选项%c", 'A' + o);
			if (!strcasecmp(h, en) || !strcasecmp(h, zh) || !strcasecmp(h, bare))
				im->col[C_OPT + o] = (int)i;
		}
	}
	for (size_t k = 0; k < ARRAY_LEN(required_cols); k++)
		if (im->col[required_cols[k]] < 0) {
			const char *name = "";
			for (size_t h = 0; h < ARRAY_LEN(headers); h++)
				if (headers[h].col == required_cols[k])
					name = headers[h].names[0];
			err_set(&im->fatal, 422, "missing_column", name, "缺少必需的列 %s",
				"the header lacks the required column %s", name);
			return 1;
		}
	im->header_ok = true;
	return 0;
}

static const char *cell(items_import *im, char **f, size_t n, int which)
{
	int c = im->col[which];
	return c >= 0 && (size_t)c < n ? trim(f[c]) : NULL;
}

/* the occupation's certifiable levels and, for an institution's bank, its filed levels (cached per file) */
static struct occ_cache *occ_lookup(items_import *im, const char *code, err *e)
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
static int bank_check(items_import *im, const struct item_norm *n, err *e)
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

int items_import_row(void *ctx, char **f, size_t n, size_t record)
{
	items_import *im = ctx;
	if (record == 1)
		return header_row(im, f, n);
	if (!im->header_ok)
		return 1;
	im->rows++;
	struct item_row row = {
		.occupation_code = cell(im, f, n, C_OCC),
		.level = cell(im, f, n, C_LEVEL),
		.type = cell(im, f, n, C_TYPE),
		.area = cell(im, f, n, C_AREA),
		.knowledge_code = cell(im, f, n, C_CODE),
		.stem = cell(im, f, n, C_STEM),
		.key = cell(im, f, n, C_KEY),
		.points = cell(im, f, n, C_POINTS),
		.replaces = cell(im, f, n, C_REPLACES),
	};
	for (int o = 0; o < ITEM_MAX_OPTIONS; o++)
		row.options[o] = cell(im, f, n, C_OPT + o);
	err e = {0};
	struct item_norm norm;
	if (item_row_check(&row, &norm, &e) != 0) {
		reject(im, record, &e);
		return 0;
	}
	int rc = bank_check(im, &norm, &e);
	if (rc == 0) {
		struct item_input in = {.occupation_code = norm.occupation_code,
					.kind = norm.kind,
					.area = norm.area,
					.stem = norm.stem,
					.answer = norm.answer,
					.knowledge_code = norm.knowledge_code,
					.level = norm.level,
					.points = norm.points,
					.options = norm.options,
					.institution_id = im->inst};
		if (item_create(im->d, &im->who, &in, norm.replaces, &e) < 0)
			rc = e.status >= 500 ? -1 : 1;
	}
	item_norm_free(&norm);
	if (rc < 0) {
		im->fatal = e;
		return 1;
	}
	if (rc > 0)
		reject(im, record, &e);
	else
		im->imported++;
	return 0;
}

void items_import_abort(items_import *im)
{
	if (!im)
		return;
	db_abort_all(im->d);
	json_decref(im->errors);
	free(im);
}

json_t *items_import_close(items_import *im, bool all_or_nothing, const char *source, const char *encoding,
			   err *e)
{
	if (err_isset(&im->fatal) || !im->header_ok) {
		if (err_isset(&im->fatal))
			*e = im->fatal;
		else
			err_set(e, 422, "missing_column", NULL, "文件为空或缺少表头",
				"the file is empty or has no header row");
		items_import_abort(im);
		return NULL;
	}
	bool store = !(all_or_nothing && im->rejected);
	if (store) {
		json_t *det = json_pack("{s:s,s:I,s:I,s:I,s:I,s:s}", "source", source, "institution_id",
					(json_int_t)im->inst, "rows", (json_int_t)im->rows, "imported",
					(json_int_t)im->imported, "rejected", (json_int_t)im->rejected,
					"encoding", encoding);
		char ids[24];
		int arc = audit_append(im->d, &im->who, "items.import", "items",
				       im->inst ? id_text(im->inst, ids) : "province", det, e);
		json_decref(det);
		if (arc != 0 || db_commit(im->d, e) != 0) {
			items_import_abort(im);
			return NULL;
		}
	} else {
		db_abort_all(im->d);
	}
	json_t *out = json_pack("{s:I,s:I,s:I,s:b,s:s,s:o}", "rows", (json_int_t)im->rows, "imported",
				(json_int_t)(store ? im->imported : 0), "rejected", (json_int_t)im->rejected,
				"stored", store, "encoding", encoding, "errors", im->errors);
	if (im->inst)
		json_object_set_new(out, "institution_id", json_integer(im->inst));
	free(im);
	return out;
}

json_t *items_import_csv(db *d, const principal *a, int64_t inst, const char *data, size_t len,
			 bool all_or_nothing, err *e)
{
	const char *enc = "utf-8";
	char *conv = NULL;
	if (!utf8_valid(data, len)) {
		size_t cl;
		if (!(conv = gb18030_to_utf8(data, len, &cl)))
			return err_set(e, 422, "bad_encoding", NULL, "文件既不是 UTF-8 也不是 GB18030 编码",
				       "the file is neither UTF-8 nor GB18030"),
			       NULL;
		data = conv;
		len = cl;
		enc = "gb18030";
	}
	json_t *out = NULL;
	items_import *im = items_import_open(d, a, inst, NULL, NULL, e);
	if (im) {
		int rc = csv_read_mem(data, len, items_import_row, im, e);
		if (rc < 0)
			items_import_abort(im); /* malformed CSV: e says where */
		else
			out = items_import_close(im, all_or_nothing, "api", enc, e);
	}
	free(conv);
	return out;
}

/* ---- blueprints from CSV and the seeded banks ---- */

struct bp_parse {
	int col[6]; /* occupation_code, level, knowledge_area, type, count, points */
	char occ[16];
	int level;
	double points;
	json_t *cells;
	err *e;
};

static int bp_row(void *ctx, char **f, size_t n, size_t record)
{
	static const char *const names[6] = {"occupation_code", "level", "knowledge_area", "type",
					     "count",		"points"};
	struct bp_parse *p = ctx;
	if (record == 1) {
		for (int k = 0; k < 6; k++) {
			p->col[k] = -1;
			for (size_t i = 0; i < n; i++)
				if (!strcmp(trim(f[i]), names[k]))
					p->col[k] = (int)i;
			if (p->col[k] < 0)
				return err_set(p->e, 422, "missing_column", names[k], "蓝图缺少列 %s",
					       "the blueprint lacks the column %s", names[k]),
				       1;
		}
		return 0;
	}
	const char *v[6];
	for (int k = 0; k < 6; k++)
		v[k] = (size_t)p->col[k] < n ? trim(f[p->col[k]]) : "";
	int level = parse_level(v[1]);
	const char *kind = type_kind(v[3]);
	char *end;
	long count = strtol(v[4], &end, 10);
	double pts = *end ? 0 : strtod(v[5], &end);
	if (!level || !kind || !*v[0] || !*v[2] || count < 1 || count > 200 || *end || !(pts > 0) ||
	    (*p->occ && (strcmp(p->occ, v[0]) || p->level != level)))
		return err_set(p->e, 422, "invalid_blueprint", NULL, "蓝图第 %zu 行无效",
			       "blueprint line %zu is invalid", record),
		       1;
	snprintf(p->occ, sizeof p->occ, "%s", v[0]);
	p->level = level;
	p->points += pts;
	json_array_append_new(p->cells,
			      json_pack("{s:s,s:s,s:i}", "area", v[2], "kind", kind, "count", (int)count));
	return 0;
}

int blueprint_csv_check(const char *text, char occ[16], int *level, json_t **cells, err *e)
{
	struct bp_parse p = {.cells = json_array(), .e = e};
	int rc = csv_read_mem(text, strlen(text), bp_row, &p, e);
	if (rc == 0 && !json_array_size(p.cells))
		rc = err_set(e, 422, "invalid_blueprint", NULL, "蓝图没有单元", "the blueprint has no cells");
	if (rc == 0 && fabs(p.points - 100) > 1e-6)
		rc = err_set(e, 422, "blueprint_points", "points", "蓝图总分应为 100 分（现为 %g 分）",
			     "the blueprint's points sum to %g, not 100", p.points);
	if (rc != 0) {
		json_decref(p.cells);
		return -1;
	}
	snprintf(occ, 16, "%s", p.occ);
	*level = p.level;
	*cells = p.cells;
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
	json_t *cells;
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
	items_import *im = items_import_open(d, a, 0, NULL, NULL, e);
	if (!im)
		goto out;
	if (csv_read_mem(bank, strlen(bank), items_import_row, im, e) < 0) {
		items_import_abort(im);
		goto out;
	}
	json_t *rep = items_import_close(im, true, file, "utf-8", e);
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
	rc = blueprint_set(d, a, occ, level, cells, e);
out:
	json_decref(cells);
	return rc;
}
