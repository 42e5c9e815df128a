/* group_import.c: 重点群体 — a department's list imported as flags of source `import` (groups.h
 * group_flag_import) through the import runner (svc/base/import.h) */
#include "util/common.h"
#include "svc/cultivation/groups.h"
#include "svc/base/import.h"
#include "svc/base/scope.h"
#include "core/scope.h"
#include "core/date.h"
#include "core/idnum.h"
#include "crypto/pii.h"

enum { C_ID, C_CATEGORY, C_FROM, C_TO, C_EVIDENCE, C_N };

static const tab_col cols[C_N] = {
	[C_ID] = {"id_number", "公民身份号码", {"身份证号", "证件号码"}, TAB_REQUIRED},
	[C_CATEGORY] = {"category", "类别", {"重点群体", "人员类别"}, TAB_REQUIRED},
	[C_FROM] = {"valid_from", "有效期起", {"起始日期", "认定日期"}, TAB_REQUIRED},
	[C_TO] = {"valid_to", "有效期止", {"截止日期"}, 0},
	[C_EVIDENCE] = {"evidence", "依据", {"名单来源", "来源部门"}, 0},
};
static const tab_spec spec = {cols, C_N, TAB_TRIM};

struct imp_ctx {
	db *d;
	const principal *a;
	bool preview;
	json_t *by_category; /* code -> rows accepted */
};

static int reject(err *e, const char *code, const char *field, const char *zh, const char *en)
{
	err_set(e, 422, code, field, "%s%.0s", "%.0s%s", zh, en);
	return 1;
}

static int row(void *ctx, const tab_row *r, err *e)
{
	struct imp_ctx *c = ctx;
	const char *id = tab_get(r, C_ID), *cat = tab_get(r, C_CATEGORY), *from = tab_get(r, C_FROM),
		   *to = tab_get(r, C_TO), *evidence = tab_get(r, C_EVIDENCE);
	idnum_info info;
	if (!id || idnum_check(id, date_today_utc8(), &info) != IDNUM_OK)
		return reject(e, "invalid_id_number", "id_number", "公民身份号码无效", "invalid id number");
	/* the category by its code or its Chinese name */
	char code[32] = "";
	db_stmt *st = db_query(c->d,
			       "SELECT code FROM person_category_kinds WHERE code = $1 OR name = $1 ORDER BY "
			       "position",
			       DB_ARGS(DV_S(cat ? cat : "")), e);
	int got = st ? db_row(st, e) : -1;
	if (got == 1)
		snprintf(code, sizeof code, "%s", db_text(st, 0));
	db_done(st);
	if (got < 0)
		return -1;
	if (!code[0])
		return reject(e, "unknown_category", "category", "没有这一重点群体类别",
			      "no such category (a code or a name of GET /cultivation/person-categories)");
	int f = 0, t = 0;
	if (!from || date_parse(from, &f) != 0)
		return reject(e, "invalid_date", "valid_from", "有效期起应为 YYYY-MM-DD",
			      "valid_from is a date (YYYY-MM-DD)");
	if (to && *to && (date_parse(to, &t) != 0 || t < f))
		return reject(e, "invalid_date", "valid_to", "有效期止应为不早于有效期起的 YYYY-MM-DD",
			      "valid_to is a date not before valid_from");
	if (evidence && strlen(evidence) > 200)
		return reject(e, "too_long", "evidence", "依据不超过200字节",
			      "evidence is at most 200 bytes");
	char field[48], idx[65];
	snprintf(field, sizeof field, "id_number:%s", id_type_name(ID_RESIDENT));
	pii_blind_index(field, info.normalized, idx);
	int64_t person = 0;
	char region[16] = "";
	st = db_query(c->d, "SELECT id, region_code FROM persons WHERE id_index = $1", DB_ARGS(DV_S(idx)), e);
	got = st ? db_row(st, e) : -1;
	if (got == 1) {
		person = db_int(st, 0);
		snprintf(region, sizeof region, "%s", db_text(st, 1));
	}
	db_done(st);
	if (got < 0)
		return -1;
	/* a person of another region is answered as an unregistered one: a city learns nothing of another's
	 */
	scope_owner o = {.found = true, .person_id = person};
	snprintf(o.region, sizeof o.region, "%s", region);
	if (!person || scope_decide(c->a, SE_PERSON, &o, SCOPE_WRITE) != 0)
		return reject(e, "unknown_person", "id_number", "该公民身份号码不是本辖区登记的人员",
			      "no person with this id number in your region");
	char fd[11], td[11];
	date_format(f, fd);
	if (t)
		date_format(t, td);
	struct group_flag_input in = {
		.source = "import", .valid_from = fd, .valid_to = t ? td : NULL, .evidence = evidence};
	if (group_flag_write(c->d, c->a->user_id, person, code, region, &in, e) != 0)
		return -1;
	json_t *n = json_object_get(c->by_category, code);
	json_object_set_new(c->by_category, code, json_integer(n ? json_integer_value(n) + 1 : 1));
	return 0;
}

/* a preview checks every row inside the transaction and then rolls it back: finishing fails on purpose */
static int finish(void *ctx, bool ok, err *e)
{
	return import_preview_end(((struct imp_ctx *)ctx)->preview, ok, e);
}

static json_t *detail(void *ctx, const import_result *res)
{
	struct imp_ctx *c = ctx;
	return json_pack("{s:I, s:I, s:I, s:O}", "rows", (json_int_t)res->rows, "stored", (json_int_t)res->ok,
			 "rejected", (json_int_t)res->rejected, "by_category", c->by_category);
}

static const import_def def = {
	.spec = &spec,
	.row = row,
	.finish = finish,
	.flags = IMPORT_FIELD_ALWAYS,
	.audit_action = "person_category.import",
	.audit_entity = "person_categories",
	.audit_detail = detail,
};

json_t *group_flag_import(db *d, const principal *a, const char *data, size_t len, bool all_or_nothing,
			  bool preview, err *e)
{
	if (a->role != ROLE_PROVINCE_ADMIN && a->role != ROLE_CITY_ADMIN)
		return err_set(e, 403, "forbidden", NULL, "部门名单由人社部门导入",
			       "the bureau imports a department's list"),
		       NULL;
	struct imp_ctx c = {.d = d, .a = a, .preview = preview, .by_category = json_object()};
	import_opts o = {.data = data,
			 .len = len,
			 .all_or_nothing = all_or_nothing,
			 .audit_entity_id = a->region[0] ? a->region : "37"};
	import_result res;
	err pe = {0};
	int rc = import_exec(d, a, &def, &c, &o, &res, preview ? &pe : e);
	if (rc != 0 && !(preview && pe.code && !strcmp(pe.code, "preview"))) {
		if (preview)
			*e = pe;
		json_decref(c.by_category);
		import_result_free(&res);
		return NULL;
	}
	bool stored = !preview && res.stored;
	json_t *out = json_pack("{s:I, s:I, s:I, s:I, s:b, s:b, s:s, s:o, s:o}", "rows", (json_int_t)res.rows,
				"accepted", (json_int_t)res.ok, "imported", (json_int_t)(stored ? res.ok : 0),
				"rejected", (json_int_t)res.rejected, "stored", stored, "preview", preview,
				"encoding", res.encoding ? res.encoding : "utf-8", "by_category",
				c.by_category, "errors", import_errors_json(&def, &res));
	import_result_free(&res);
	return out;
}
