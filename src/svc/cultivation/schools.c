/* schools.c: 技工院校 — register, campuses, yearly figures, CSV import; majors and their filing (schools.h)
 */
#include "util/common.h"
#include "svc/cultivation/schools.h"
#include "core/cultivation.h"
#include "core/date.h"
#include "core/scope.h"
#include "svc/base/scope.h"
#include "svc/base/tx.h"
#include "svc/registry/institutions.h"
#include "store/query.h"

static scope_owner school_owner(int64_t school, const char *region)
{
	scope_owner o = {.found = true, .institution_id = school};
	snprintf(o.region, sizeof o.region, "%s", region ? region : "");
	return o;
}

/* the school row of `id` as the scope sees it: 0 found and allowed (`region` filled), -1 with 404 / 403 */
static int school_reach(db *d, const principal *a, int64_t id, enum scope_action act, char region[16], err *e)
{
	db_stmt *st = db_query(d, "SELECT region_code FROM cult_schools WHERE school_id = $1",
			       DB_ARGS(DV_I(id)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1)
		snprintf(region, 16, "%s", db_text(st, 0));
	db_done(st);
	if (row < 0)
		return -1;
	scope_owner o = school_owner(id, region);
	int dec = row == 1 ? scope_decide(a, SE_SCHOOL, &o, act) : 404;
	if (dec == 404)
		return err_set(e, 404, "not_found", NULL, "技工院校不存在", "no such school");
	if (dec)
		return err_set(e, 403, "forbidden", NULL, "无权修改该技工院校的信息",
			       "you may not change this school");
	return 0;
}

/* ---- the register ---- */

#define SCHOOL_COLS                                                                                          \
	"cs.school_id, i.name, i.credit_code, cs.region_code, COALESCE(r.name, ''), cs.tier, "               \
	"cs.founded_year, "                                                                                  \
	"i.status, "                                                                                         \
	"(SELECT COUNT(*) FROM cult_campuses cc WHERE cc.school_id = cs.school_id), "                        \
	"(SELECT COUNT(*) FROM cult_majors m WHERE m.school_id = cs.school_id AND m.filed_version > 0 AND "  \
	"m.status <> 'withdrawn'), "                                                                         \
	"(SELECT COUNT(*) FROM cult_order_classes oc WHERE oc.school_id = cs.school_id), cs.updated_at"
#define SCHOOL_FROM                                                                                          \
	" FROM cult_schools cs JOIN institutions i ON i.id = cs.school_id LEFT JOIN regions r ON r.code = "  \
	"cs.region_code"

static json_t *school_view(db_stmt *st)
{
	const char *tier = db_text(st, 5);
	return json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:I,s:s,s:I,s:I,s:I,s:I}", "id",
			 (json_int_t)db_int(st, 0), "name", db_text(st, 1), "credit_code", db_text(st, 2),
			 "region_code", db_text(st, 3), "region_name", db_text(st, 4), "tier", tier,
			 "tier_zh", school_tier_zh(tier) ? school_tier_zh(tier) : "", "founded_year",
			 (json_int_t)db_int(st, 6), "institution_status", db_text(st, 7), "campuses",
			 (json_int_t)db_int(st, 8), "majors_filed", (json_int_t)db_int(st, 9),
			 "order_classes", (json_int_t)db_int(st, 10), "updated_at",
			 (json_int_t)db_int(st, 11));
}

static const struct list_filter school_filters[] = {
	{"tier", "cs.tier = ?", LIST_EQ, .max = 24},
	{"region_code", "cs.region_code LIKE ?", LIST_REGION, .max = 12},
	{"name", "i.name LIKE ?", LIST_CONTAINS, .max = 100},
};
static const struct list_sort school_sorts[] = {{"id", "cs.school_id"}, {"name", "i.name"}};
static const struct export_col school_cols[] = {
	{"id", "编号"},
	{"name", "院校"},
	{"credit_code", "统一社会信用代码"},
	{"region_name", "地区"},
	{"tier_zh", "层次"},
	{"founded_year", "建校年份"},
	{"campuses", "校区数"},
	{"majors_filed", "备案专业数"},
	{"order_classes", "订单班数"},
};

const struct list_spec school_list = {
	.name = "schools",
	.scoped = true,
	.entity = SE_SCHOOL,
	.count_sql = "SELECT COUNT(*)" SCHOOL_FROM,
	.select_sql = "SELECT " SCHOOL_COLS SCHOOL_FROM,
	.order = "cs.school_id",
	LIST_FILTERS(school_filters),
	LIST_SORTS(school_sorts),
	.view = school_view,
	LIST_COLS(school_cols),
};

static json_t *campus_view(db_stmt *st)
{
	return json_pack("{s:I,s:s,s:s,s:b}", "id", (json_int_t)db_int(st, 0), "name", db_text(st, 1),
			 "address", db_text(st, 2), "main", db_int(st, 3) != 0);
}

static json_t *year_view(db_stmt *st)
{
	return json_pack("{s:I,s:I,s:I,s:I}", "year", (json_int_t)db_int(st, 0), "enrolled",
			 (json_int_t)db_int(st, 1), "graduates", (json_int_t)db_int(st, 2), "students",
			 (json_int_t)db_int(st, 3));
}

json_t *school_get(db *d, const principal *a, int64_t id, err *e)
{
	char region[16];
	if (school_reach(d, a, id, SCOPE_READ, region, e))
		return NULL;
	json_t *o = row_json(db_query(d, "SELECT " SCHOOL_COLS SCHOOL_FROM " WHERE cs.school_id = $1",
				      DB_ARGS(DV_I(id)), e),
			     school_view, e);
	if (!o)
		return NULL;
	json_t *camp =
		rows_json(db_query(d,
				   "SELECT id, name, address, main FROM cult_campuses WHERE school_id = $1 "
				   "ORDER BY main DESC, id",
				   DB_ARGS(DV_I(id)), e),
			  campus_view, e);
	json_t *years = camp ? rows_json(db_query(d,
						  "SELECT year, enrolled, graduates, students FROM "
						  "cult_school_years WHERE school_id = $1 ORDER BY year DESC",
						  DB_ARGS(DV_I(id)), e),
					 year_view, e)
			     : NULL;
	if (!camp || !years) {
		json_decref(camp);
		json_decref(o);
		return NULL;
	}
	json_object_set_new(o, "campus_list", camp);
	json_object_set_new(o, "years", years);
	return o;
}

/* may the bureau principal a register institution `id` as a school? 0, or -1 with the reason */
static int registrable(db *d, const principal *a, int64_t id, const char *field, struct inst_facts *f, err *e)
{
	if (inst_facts(d, id, f, e))
		return -1;
	scope_owner o = school_owner(id, f->region);
	if (!f->found || scope_decide(a, SE_SCHOOL, &o, SCOPE_WRITE))
		return err_set(e, 404, "not_found", field, "机构不存在或不在本地区",
			       "no such institution in your region");
	if (strcmp(f->type, "technical_school"))
		return err_set(e, 409, "not_a_technical_school", field,
			       "只有类型为“技工院校”的机构可以登记为技工院校（该机构类型为 %s）",
			       "only an institution of type technical_school is registered as a school (this "
			       "one is %s)",
			       f->type);
	if (strcmp(f->status, "filed"))
		return err_set(e, 409, "institution_not_filed", field, "该机构不在备案状态（%s），不能登记",
			       "the institution's filing is not in force (%s)", f->status);
	return 0;
}

struct reg_ctx {
	const struct school_input *in;
	const char *region;
	bool created;
};

static int reg_write(db *d, const principal *a, const struct school_input *in, const char *region,
		     bool *created, err *e)
{
	int64_t now = now_s();
	int64_t n = db_run(
		d,
		"UPDATE cult_schools SET tier = $2, founded_year = $3, updated_at = $4 WHERE school_id = $1",
		DB_ARGS(DV_I(in->institution_id), DV_S(in->tier), DV_I(in->founded_year), DV_I(now)), e);
	if (n < 0)
		return -1;
	*created = n == 0;
	if (n == 0 && db_run(d,
			     "INSERT INTO cult_schools (school_id, region_code, tier, founded_year, "
			     "created_by, created_at, "
			     "updated_at) VALUES ($1,$2,$3,$4,$5,$6,$6)",
			     DB_ARGS(DV_I(in->institution_id), DV_S(region), DV_S(in->tier),
				     DV_I(in->founded_year), DV_I(a->user_id), DV_I(now)),
			     e) < 0)
		return -1;
	return 0;
}

static int reg_work(tx *t, void *ctx, err *e)
{
	struct reg_ctx *c = ctx;
	if (reg_write(t->d, t->a, c->in, c->region, &c->created, e))
		return -1;
	tx_audit(
		t, c->created ? "school.registered" : "school.updated", "school", c->in->institution_id,
		json_pack("{s:s,s:I}", "tier", c->in->tier, "founded_year", (json_int_t)c->in->founded_year));
	return 0;
}

static int check_school_input(const struct school_input *in, err *e)
{
	if (!school_tier_zh(in->tier))
		return err_set(e, 422, "invalid_value", "tier", "层次应为 技师学院 / 高级技工学校 / 技工学校",
			       "tier is technician_college, senior_school or school");
	if (in->founded_year && (in->founded_year < 1800 || in->founded_year > 2200))
		return err_set(e, 422, "invalid_value", "founded_year", "建校年份不合理",
			       "founded_year is not plausible");
	return 0;
}

json_t *school_register(db *d, const principal *a, const struct school_input *in, bool *created, err *e)
{
	if (!role_in(a, R_ADMINS))
		return err_set(e, 403, "forbidden", NULL, "技工院校由市级或省级人社部门登记",
			       "a city or the province registers schools"),
		       NULL;
	if (check_school_input(in, e))
		return NULL;
	struct inst_facts f;
	if (registrable(d, a, in->institution_id, "institution_id", &f, e))
		return NULL;
	struct reg_ctx c = {.in = in, .region = f.region};
	if (svc_tx(d, a, reg_work, &c, e))
		return NULL;
	*created = c.created;
	return school_get(d, a, in->institution_id, e);
}

struct campus_ctx {
	int64_t school, id;
	const char *region;
	const struct campus_input *in;
};

static int campus_work(tx *t, void *ctx, err *e)
{
	struct campus_ctx *c = ctx;
	if (c->in->main && db_run(t->d, "UPDATE cult_campuses SET main = 0 WHERE school_id = $1",
				  DB_ARGS(DV_I(c->school)), e) < 0)
		return -1;
	int rc = db_one_int(
		t->d,
		"INSERT INTO cult_campuses (school_id, region_code, name, address, main, created_at) "
		"VALUES ($1,$2,$3,$4,$5,$6) RETURNING id",
		DB_ARGS(DV_I(c->school), DV_S(c->region), DV_S(c->in->name),
			DV_S(c->in->address ? c->in->address : ""), DV_I(c->in->main), DV_I(now_s())),
		&c->id, e);
	if (rc != DB_OK)
		return e->status == 409 ? err_set(e, 409, "duplicate", "name", "该校区名称已登记",
						  "a campus of that name is registered")
					: -1;
	tx_audit(t, "school.campus_added", "school", c->school,
		 json_pack("{s:I,s:s,s:b}", "campus_id", (json_int_t)c->id, "name", c->in->name, "main",
			   c->in->main));
	return 0;
}

json_t *school_campus_add(db *d, const principal *a, int64_t school, const struct campus_input *in, err *e)
{
	char region[16];
	if (school_reach(d, a, school, SCOPE_WRITE, region, e))
		return NULL;
	if (check_text(in->name, "name", 100, true, e) || check_text(in->address, "address", 200, false, e))
		return NULL;
	struct campus_ctx c = {.school = school, .region = region, .in = in};
	return svc_tx(d, a, campus_work, &c, e) ? NULL : school_get(d, a, school, e);
}

struct year_ctx {
	int64_t school;
	const struct school_year_input *in;
};

static int year_work(tx *t, void *ctx, err *e)
{
	struct year_ctx *c = ctx;
	const struct school_year_input *in = c->in;
	int64_t now = now_s();
	int64_t n = db_run(
		t->d,
		"UPDATE cult_school_years SET enrolled = $3, graduates = $4, students = $5, updated_at = $6 "
		"WHERE school_id = $1 AND year = $2",
		DB_ARGS(DV_I(c->school), DV_I(in->year), DV_I(in->enrolled), DV_I(in->graduates),
			DV_I(in->students), DV_I(now)),
		e);
	if (n < 0)
		return -1;
	if (n == 0 && db_run(t->d,
			     "INSERT INTO cult_school_years (school_id, year, enrolled, graduates, students, "
			     "updated_at) VALUES ($1,$2,$3,$4,$5,$6)",
			     DB_ARGS(DV_I(c->school), DV_I(in->year), DV_I(in->enrolled), DV_I(in->graduates),
				     DV_I(in->students), DV_I(now)),
			     e) < 0)
		return -1;
	tx_audit(t, "school.year_reported", "school", c->school,
		 json_pack("{s:I,s:I,s:I,s:I}", "year", (json_int_t)in->year, "enrolled",
			   (json_int_t)in->enrolled, "graduates", (json_int_t)in->graduates, "students",
			   (json_int_t)in->students));
	return 0;
}

json_t *school_year_put(db *d, const principal *a, int64_t school, const struct school_year_input *in, err *e)
{
	char region[16];
	if (school_reach(d, a, school, SCOPE_WRITE, region, e))
		return NULL;
	if (in->year < 1950 || in->year > 9999)
		return err_set(e, 422, "invalid_value", "year", "年份不合理", "year is not plausible"), NULL;
	const struct {
		int64_t v;
		const char *f;
	} n[] = {{in->enrolled, "enrolled"}, {in->graduates, "graduates"}, {in->students, "students"}};
	for (size_t i = 0; i < ARRAY_LEN(n); i++)
		if (n[i].v < 0 || n[i].v > 10000000)
			return err_set(e, 422, "invalid_value", n[i].f, "%s 应为 0 到 10,000,000 的整数",
				       "%s is a whole number from 0 to 10,000,000", n[i].f),
			       NULL;
	struct year_ctx c = {.school = school, .in = in};
	return svc_tx(d, a, year_work, &c, e) ? NULL : school_get(d, a, school, e);
}

/* ---- the CSV import ---- */

enum { C_CREDIT, C_TIER, C_FOUNDED, C_N };
static const tab_col import_cols[C_N] = {
	[C_CREDIT] = {"credit_code", "统一社会信用代码", {"信用代码"}, TAB_REQUIRED},
	[C_TIER] = {"tier", "层次", {"办学层次", "院校层次"}, TAB_REQUIRED},
	[C_FOUNDED] = {"founded_year", "建校年份", {0}, 0},
};
static const tab_spec import_spec = {import_cols, C_N, TAB_TRIM};

struct import_ctx {
	db *d;
	const principal *a;
	int64_t registered, updated;
};

static const char *tier_code(const char *v)
{
	static const char *const codes[] = {"technician_college", "senior_school", "school"};
	for (size_t i = 0; v && i < ARRAY_LEN(codes); i++)
		if (!strcmp(v, codes[i]) || !strcmp(v, school_tier_zh(codes[i])))
			return codes[i];
	return NULL;
}

static int import_row(void *ctx, const tab_row *r, err *e)
{
	struct import_ctx *c = ctx;
	const char *credit = tab_get(r, C_CREDIT), *tier = tier_code(tab_get(r, C_TIER)),
		   *founded = tab_get(r, C_FOUNDED);
	if (!tier)
		return err_set(e, 422, "invalid_value", "tier", "层次应为 技师学院 / 高级技工学校 / 技工学校",
			       "tier is 技师学院, 高级技工学校 or 技工学校"),
		       1;
	int64_t year = 0;
	if (founded) {
		char *end = NULL;
		year = strtoll(founded, &end, 10);
		if (!end || *end || year < 1800 || year > 2200)
			return err_set(e, 422, "invalid_value", "founded_year", "建校年份不合理",
				       "founded_year is not plausible"),
			       1;
	}
	int64_t id = 0;
	int rc = db_one_int(c->d, "SELECT id FROM institutions WHERE credit_code = $1", DB_ARGS(DV_S(credit)),
			    &id, e);
	if (rc == DB_NOT_FOUND)
		return err_set(e, 404, "not_found", "credit_code", "没有该统一社会信用代码的机构",
			       "no institution with that credit code"),
		       1;
	if (rc != DB_OK)
		return -1;
	struct inst_facts f;
	if (registrable(c->d, c->a, id, "credit_code", &f, e))
		return err_isset(e) && e->status >= 500 ? -1 : 1;
	struct school_input in = {.institution_id = id, .tier = tier, .founded_year = year};
	bool created = false;
	if (reg_write(c->d, c->a, &in, f.region, &created, e))
		return -1;
	if (created)
		c->registered++;
	else
		c->updated++;
	return 0;
}

static json_t *import_detail(void *ctx, const import_result *res)
{
	struct import_ctx *c = ctx;
	return json_pack("{s:I,s:I,s:I,s:I}", "rows", (json_int_t)res->rows, "registered",
			 (json_int_t)c->registered, "updated", (json_int_t)c->updated, "rejected",
			 (json_int_t)res->rejected);
}

static const import_def school_import_def = {
	.spec = &import_spec,
	.row = import_row,
	.audit_action = "school.import",
	.audit_entity = "school",
	.audit_detail = import_detail,
};

json_t *school_import(db *d, const principal *a, const char *data, size_t len, bool all_or_nothing, err *e)
{
	if (!role_in(a, R_ADMINS))
		return err_set(e, 403, "forbidden", NULL, "技工院校由市级或省级人社部门登记",
			       "a city or the province registers schools"),
		       NULL;
	struct import_ctx c = {.d = d, .a = a};
	import_opts o = {
		.data = data, .len = len, .all_or_nothing = all_or_nothing, .audit_entity_id = "import"};
	import_result res;
	json_t *out = NULL;
	if (import_exec(d, a, &school_import_def, &c, &o, &res, e) == 0) {
		bool kept = res.stored;
		out = json_pack("{s:I,s:I,s:I,s:I,s:I,s:b,s:o}", "rows", (json_int_t)res.rows, "imported",
				(json_int_t)(kept ? res.ok : 0), "registered",
				(json_int_t)(kept ? c.registered : 0), "updated",
				(json_int_t)(kept ? c.updated : 0), "rejected", (json_int_t)res.rejected,
				"stored", kept, "errors", import_errors_json(&school_import_def, &res));
	}
	import_result_free(&res);
	return out;
}
