/* orders.c: 订单班 / 冠名班 with their students and placement; 技工教育集团 (联盟) with members (orders.h) */
#include "util/common.h"
#include "svc/cultivation/orders.h"
#include "core/cultivation.h"
#include "core/date.h"
#include "core/scope.h"
#include "svc/base/scope.h"
#include "svc/base/tx.h"
#include <math.h>

/* ---- 订单班 ---- */

#define OC_COLS                                                                                              \
	"oc.id, oc.school_id, s.name, oc.enterprise_id, en.name, oc.major_id, m.name, oc.kind, oc.name, "    \
	"oc.cohort_year, oc.graduation_year, oc.planned, oc.status, oc.region_code, "                        \
	"(SELECT COUNT(*) FROM cult_order_students os WHERE os.class_id = oc.id), "                          \
	"(SELECT COUNT(*) FROM cult_order_students os WHERE os.class_id = oc.id AND os.placement = "         \
	"'placed'), "                                                                                        \
	"(SELECT COUNT(*) FROM cult_order_students os WHERE os.class_id = oc.id AND os.placement = "         \
	"'elsewhere')"
#define OC_FROM                                                                                              \
	" FROM cult_order_classes oc JOIN institutions s ON s.id = oc.school_id JOIN institutions en ON "    \
	"en.id = oc.enterprise_id JOIN cult_majors m ON m.id = oc.major_id"

static json_t *oc_view(db_stmt *st)
{
	const char *kind = db_text(st, 7);
	int64_t students = db_int(st, 14), placed = db_int(st, 15), elsewhere = db_int(st, 16);
	return json_pack(
		"{s:I,s:I,s:s,s:I,s:s,s:I,s:s,s:s,s:s,s:s,s:I,s:I,s:I,s:s,s:s,s:s,s:I,s:I,s:I,s:f}", "id",
		(json_int_t)db_int(st, 0), "school_id", (json_int_t)db_int(st, 1), "school_name",
		db_text(st, 2), "enterprise_id", (json_int_t)db_int(st, 3), "enterprise_name", db_text(st, 4),
		"major_id", (json_int_t)db_int(st, 5), "major_name", db_text(st, 6), "kind", kind, "kind_zh",
		order_kind_zh(kind) ? order_kind_zh(kind) : "", "name", db_text(st, 8), "cohort_year",
		(json_int_t)db_int(st, 9), "graduation_year", (json_int_t)db_int(st, 10), "planned",
		(json_int_t)db_int(st, 11), "status", db_text(st, 12), "status_zh",
		!strcmp(db_text(st, 12), "running") ? "在办" : "已结业", "region_code", db_text(st, 13),
		"students", (json_int_t)students, "placed", (json_int_t)placed, "employed_elsewhere",
		(json_int_t)elsewhere, "placement_rate",
		students ? round(1000.0 * (double)placed / (double)students) / 10.0 : 0.0);
}

static const struct list_filter oc_filters[] = {
	{"school_id", "oc.school_id = ?", LIST_ID},
	{"enterprise_id", "oc.enterprise_id = ?", LIST_ID},
	{"major_id", "oc.major_id = ?", LIST_ID},
	{"status", "oc.status = ?", LIST_EQ, .max = 16},
	{"region_code", "oc.region_code LIKE ?", LIST_REGION, .max = 12},
};
static const struct list_sort oc_sorts[] = {{"id", "oc.id"}, {"cohort_year", "oc.cohort_year"}};
static const struct export_col oc_cols[] = {
	{"id", "编号"},
	{"school_name", "院校"},
	{"enterprise_name", "合作企业"},
	{"major_name", "专业"},
	{"kind_zh", "类型"},
	{"name", "班级名称"},
	{"cohort_year", "入学年份"},
	{"graduation_year", "毕业年份"},
	{"planned", "计划人数"},
	{"students", "在册学生"},
	{"placed", "合作企业录用"},
	{"placement_rate", "录用率（%）"},
};

const struct list_spec order_class_list = {
	.name = "order_classes",
	.scoped = true,
	.entity = SE_ORDER_CLASS,
	.count_sql = "SELECT COUNT(*)" OC_FROM,
	.select_sql = "SELECT " OC_COLS OC_FROM,
	.order = "oc.id DESC",
	LIST_FILTERS(oc_filters),
	LIST_SORTS(oc_sorts),
	.view = oc_view,
	LIST_COLS(oc_cols),
};

struct oc_facts {
	int64_t school, enterprise;
	char region[16], status[16];
	int64_t planned;
};

/* the class's facts and whether principal a reaches it (the school, the partner enterprise, the bureau) */
static int oc_reach(db *d, const principal *a, int64_t id, enum scope_action act, struct oc_facts *f, err *e)
{
	memset(f, 0, sizeof *f);
	db_stmt *st = db_query(
		d,
		"SELECT school_id, enterprise_id, region_code, status, planned FROM cult_order_classes "
		"WHERE id = $1",
		DB_ARGS(DV_I(id)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		f->school = db_int(st, 0);
		f->enterprise = db_int(st, 1);
		snprintf(f->region, sizeof f->region, "%s", db_text(st, 2));
		snprintf(f->status, sizeof f->status, "%s", db_text(st, 3));
		f->planned = db_int(st, 4);
	}
	db_done(st);
	if (row < 0)
		return -1;
	scope_owner o = {.found = row == 1,
			 .institution_id = a->institution_id == f->enterprise ? f->enterprise : f->school};
	snprintf(o.region, sizeof o.region, "%s", f->region);
	int dec = row == 1 ? scope_decide(a, SE_ORDER_CLASS, &o, act) : 404;
	if (dec == 404 || (dec && scope_decide(a, SE_ORDER_CLASS, &o, SCOPE_READ)))
		return err_set(e, 404, "not_found", NULL, "订单班不存在", "no such order class");
	if (dec)
		return err_set(e, 403, "forbidden", NULL, "无权修改该订单班",
			       "you may not change this order class");
	return 0;
}

static json_t *student_view(db_stmt *st)
{
	const char *p = db_text(st, 2);
	return json_pack("{s:I,s:s,s:s,s:s,s:I,s:s,s:s,s:s}", "person_id", (json_int_t)db_int(st, 0), "name",
			 db_text(st, 1), "placement", p, "placement_zh",
			 placement_zh(p) ? placement_zh(p) : "", "employer_id", (json_int_t)db_int(st, 3),
			 "employer_name", db_text(st, 4), "placed_on", db_text(st, 5), "note",
			 db_text(st, 6));
}

json_t *order_class_get(db *d, const principal *a, int64_t id, err *e)
{
	struct oc_facts f;
	if (oc_reach(d, a, id, SCOPE_READ, &f, e))
		return NULL;
	json_t *o = row_json(db_query(d, "SELECT " OC_COLS OC_FROM " WHERE oc.id = $1", DB_ARGS(DV_I(id)), e),
			     oc_view, e);
	if (!o)
		return NULL;
	json_t *s = rows_json(
		db_query(d,
			 "SELECT os.person_id, p.name, os.placement, COALESCE(os.employer_id, 0), "
			 "COALESCE(i.name, ''), os.placed_on, os.note FROM cult_order_students os JOIN "
			 "persons p ON p.id = os.person_id LEFT JOIN institutions i ON i.id = "
			 "os.employer_id WHERE os.class_id = $1 ORDER BY os.person_id",
			 DB_ARGS(DV_I(id)), e),
		student_view, e);
	if (!s)
		return json_decref(o), NULL;
	json_object_set_new(o, "student_list", s);
	return o;
}

/* the school row of the caller: 1 (region filled), 0 not a school, -1 */
static int caller_school(db *d, const principal *a, char region[16], err *e)
{
	if (!role_in(a, R_INST) || a->institution_id <= 0)
		return 0;
	db_stmt *st = db_query(d, "SELECT region_code FROM cult_schools WHERE school_id = $1",
			       DB_ARGS(DV_I(a->institution_id)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1)
		snprintf(region, 16, "%s", db_text(st, 0));
	db_done(st);
	return row;
}

struct oc_ctx {
	const struct order_class_input *in;
	int64_t school, id;
	const char *region;
};

static int oc_work(tx *t, void *ctx, err *e)
{
	struct oc_ctx *c = ctx;
	const struct order_class_input *in = c->in;
	int64_t now = now_s();
	if (db_one_int(t->d,
		       "INSERT INTO cult_order_classes (school_id, region_code, enterprise_id, major_id, "
		       "kind, name, "
		       "cohort_year, graduation_year, planned, created_at, updated_at) VALUES "
		       "($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$10) RETURNING id",
		       DB_ARGS(DV_I(c->school), DV_S(c->region), DV_I(in->enterprise_id), DV_I(in->major_id),
			       DV_S(in->kind), DV_S(in->name), DV_I(in->cohort_year),
			       DV_I(in->graduation_year), DV_I(in->planned), DV_I(now)),
		       &c->id, e) != DB_OK)
		return -1;
	tx_audit(t, "order_class.created", "order_class", c->id,
		 json_pack("{s:I,s:I,s:I,s:s,s:s,s:I,s:s}", "school_id", (json_int_t)c->school,
			   "enterprise_id", (json_int_t)in->enterprise_id, "major_id",
			   (json_int_t)in->major_id, "kind", in->kind, "name", in->name, "planned",
			   (json_int_t)in->planned, "opened_by",
			   role_in(t->a, R_ADMINS) ? "bureau" : "school"));
	return 0;
}

/* the school a bureau opens a class for: a registered 技工院校 its scope writes (1), else 404 */
static int bureau_school(db *d, const principal *a, int64_t school, char region[16], err *e)
{
	if (school <= 0)
		return err_set(e, 422, "missing_field", "school_id", "人社部门开设订单班须指定技工院校",
			       "the bureau names the school it opens the class for");
	db_stmt *st = db_query(d, "SELECT region_code FROM cult_schools WHERE school_id = $1",
			       DB_ARGS(DV_I(school)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1)
		snprintf(region, 16, "%s", db_text(st, 0));
	db_done(st);
	if (row < 0)
		return -1;
	scope_owner o = {.found = row == 1, .institution_id = school};
	snprintf(o.region, sizeof o.region, "%s", region);
	if (row == 0 || scope_decide(a, SE_INSTITUTION, &o, SCOPE_WRITE) != 0)
		return err_set(e, 404, "not_found", "school_id", "本辖区没有该技工院校",
			       "no such technical school in your region");
	return 1;
}

json_t *order_class_create(db *d, const principal *a, const struct order_class_input *in, err *e)
{
	char region[16] = "";
	bool bureau = role_in(a, R_ADMINS);
	int64_t school = bureau ? in->school_id : a->institution_id;
	int is = bureau ? bureau_school(d, a, school, region, e) : caller_school(d, a, region, e);
	if (is < 0 || (bureau && is != 1))
		return NULL;
	if (is == 0)
		return err_set(e, 409, "not_a_school", NULL,
			       "订单班由技工院校开设（本机构尚未登记为技工院校）",
			       "an order class is opened by a registered school"),
		       NULL;
	if (!order_kind_zh(in->kind))
		return err_set(e, 422, "invalid_value", "kind", "类型应为 订单班（order）或 冠名班（named）",
			       "kind is order or named"),
		       NULL;
	if (check_text(in->name, "name", 100, true, e))
		return NULL;
	if (in->cohort_year < 2000 || in->cohort_year > 9999 || in->graduation_year < in->cohort_year ||
	    in->graduation_year > in->cohort_year + 6)
		return err_set(e, 422, "invalid_value", "graduation_year",
			       "入学年份与毕业年份不合理（毕业不早于入学，相差至多 6 年）",
			       "cohort_year and graduation_year are not plausible (graduation within 6 "
			       "years)"),
		       NULL;
	if (in->planned < 1 || in->planned > 1000)
		return err_set(e, 422, "invalid_value", "planned", "计划人数应为 1 到 1000",
			       "planned is 1 to 1000"),
		       NULL;
	/* the major: the school's own, filed and in force */
	int64_t filed = 0;
	int rc = db_one_int(
		d,
		"SELECT filed_version FROM cult_majors WHERE id = $1 AND school_id = $2 AND status <> "
		"'withdrawn' AND status <> 'withdrawing'",
		DB_ARGS(DV_I(in->major_id), DV_I(school)), &filed, e);
	if (rc == DB_NOT_FOUND)
		return err_set(e, 404, "not_found", "major_id", "该校没有该专业",
			       "no such major of the school"),
		       NULL;
	if (rc != DB_OK)
		return NULL;
	if (filed <= 0)
		return err_set(e, 409, "major_not_filed", "major_id", "该专业尚未备案，不能开设订单班",
			       "the major is not filed yet"),
		       NULL;
	char type[24] = "", status[16] = "";
	db_stmt *st = db_query(d, "SELECT type, status FROM institutions WHERE id = $1",
			       DB_ARGS(DV_I(in->enterprise_id)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		snprintf(type, sizeof type, "%s", db_text(st, 0));
		snprintf(status, sizeof status, "%s", db_text(st, 1));
	}
	db_done(st);
	if (row < 0)
		return NULL;
	if (row == 0)
		return err_set(e, 404, "not_found", "enterprise_id", "合作企业不存在", "no such enterprise"),
		       NULL;
	if (strcmp(type, "employer") || strcmp(status, "filed"))
		return err_set(e, 409, "not_an_enterprise", "enterprise_id", "合作方应为在册企业（用人单位）",
			       "the partner is a filed enterprise (employer)"),
		       NULL;
	struct oc_ctx c = {.in = in, .school = school, .region = region};
	return svc_tx(d, a, oc_work, &c, e) ? NULL : order_class_get(d, a, c.id, e);
}

struct add_ctx {
	int64_t id, planned;
	const int64_t *persons;
	size_t n;
	int64_t added;
};

static int add_work(tx *t, void *ctx, err *e)
{
	struct add_ctx *c = ctx;
	int64_t now = now_s();
	c->added = 0;
	/* the class's row before its students are counted: two lists added at once (or a graduation) queue
	 * here, and the second counts the first's students against the planned size */
	int64_t held = db_run(t->d,
			      "UPDATE cult_order_classes SET planned = planned WHERE id = $1 AND status = "
			      "'running'",
			      DB_ARGS(DV_I(c->id)), e);
	if (held < 0)
		return -1;
	if (held == 0)
		return err_set(e, 409, "class_graduated", NULL, "订单班已结业", "the class has graduated");
	int64_t have = 0;
	if (db_one_int(t->d, "SELECT COUNT(*) FROM cult_order_students WHERE class_id = $1",
		       DB_ARGS(DV_I(c->id)), &have, e) != DB_OK)
		return -1;
	if (have + (int64_t)c->n > c->planned)
		return err_set(e, 409, "over_planned", "person_ids", "超过订单班计划人数 %lld",
			       "beyond the planned %lld", (long long)c->planned);
	for (size_t i = 0; i < c->n; i++) {
		int64_t n = db_run(
			t->d,
			"INSERT INTO cult_order_students (class_id, person_id, created_at, updated_at) "
			"SELECT "
			"$1, $2, $3, $3 WHERE NOT EXISTS (SELECT 1 FROM cult_order_students WHERE class_id = "
			"$1 AND person_id = $2)",
			DB_ARGS(DV_I(c->id), DV_I(c->persons[i]), DV_I(now)), e);
		if (n < 0)
			return -1;
		c->added += n;
	}
	tx_audit(t, "order_class.students_added", "order_class", c->id,
		 json_pack("{s:o,s:I}", "person_ids", json_ids(c->persons, c->n), "added",
			   (json_int_t)c->added));
	return 0;
}

json_t *order_class_add_students(db *d, const principal *a, int64_t id, const int64_t *persons, size_t n,
				 err *e)
{
	struct oc_facts f;
	if (oc_reach(d, a, id, SCOPE_WRITE, &f, e))
		return NULL;
	if (!role_in(a, R_INST) || a->institution_id != f.school)
		return err_set(e, 403, "forbidden", NULL, "订单班学生由院校登记",
			       "the school enrols the class's students"),
		       NULL;
	if (strcmp(f.status, "running"))
		return err_set(e, 409, "class_graduated", NULL, "订单班已结业", "the class has graduated"),
		       NULL;
	if (!n || n > 500)
		return err_set(e, 422, "invalid_value", "person_ids", "person_ids 应为 1 到 500 个人员",
			       "person_ids holds 1 to 500 persons"),
		       NULL;
	for (size_t i = 0; i < n; i++) {
		int64_t one = 0;
		int rc = db_one_int(d, "SELECT 1 FROM persons WHERE id = $1", DB_ARGS(DV_I(persons[i])), &one,
				    e);
		if (rc == DB_NOT_FOUND)
			return err_set(e, 404, "not_found", "person_ids", "人员 %lld 不存在",
				       "no person %lld", (long long)persons[i]),
			       NULL;
		if (rc != DB_OK)
			return NULL;
	}
	struct add_ctx c = {.id = id, .planned = f.planned, .persons = persons, .n = n};
	return svc_tx(d, a, add_work, &c, e) ? NULL : order_class_get(d, a, id, e);
}

struct place_ctx {
	int64_t id;
	const struct placement_input *in;
	int64_t employer;
};

static int place_work(tx *t, void *ctx, err *e)
{
	struct place_ctx *c = ctx;
	const struct placement_input *in = c->in;
	int64_t n = db_run(
		t->d,
		"UPDATE cult_order_students SET placement = $3, employer_id = $4, placed_on = $5, note = $6, "
		"updated_at = $7 WHERE class_id = $1 AND person_id = $2",
		DB_ARGS(DV_I(c->id), DV_I(in->person_id), DV_S(in->placement),
			c->employer > 0 ? DV_I(c->employer) : DV_NULL,
			DV_S(in->placed_on ? in->placed_on : ""), DV_S(in->note ? in->note : ""),
			DV_I(now_s())),
		e);
	if (n < 0)
		return -1;
	if (n == 0)
		return err_set(e, 404, "not_found", "person_id", "该人员不在本订单班",
			       "the person is not in the class");
	tx_audit(t, "order_class.placement", "order_class", c->id,
		 json_pack("{s:I,s:s,s:I,s:s}", "person_id", (json_int_t)in->person_id, "placement",
			   in->placement, "employer_id", (json_int_t)c->employer, "placed_on",
			   in->placed_on ? in->placed_on : ""));
	return 0;
}

json_t *order_class_place(db *d, const principal *a, int64_t id, const struct placement_input *in, err *e)
{
	struct oc_facts f;
	if (oc_reach(d, a, id, SCOPE_WRITE, &f, e))
		return NULL;
	if (!role_in(a, R_INST))
		return err_set(e, 403, "forbidden", NULL, "就业去向由院校或合作企业登记",
			       "the school or the partner enterprise records a placement"),
		       NULL;
	if (!placement_zh(in->placement))
		return err_set(e, 422, "invalid_value", "placement",
			       "去向应为 placed / elsewhere / not_placed / pending",
			       "placement is placed, elsewhere, not_placed or pending"),
		       NULL;
	/* the enterprise records whom it hired; the school every outcome */
	if (a->institution_id == f.enterprise && strcmp(in->placement, "placed"))
		return err_set(e, 403, "forbidden", "placement", "合作企业只登记本企业录用",
			       "the enterprise records its own hires"),
		       NULL;
	struct place_ctx c = {.id = id, .in = in};
	bool dated = !strcmp(in->placement, "placed") || !strcmp(in->placement, "elsewhere");
	int day = 0;
	if (dated && (!in->placed_on || date_parse(in->placed_on, &day) || day > date_today_utc8()))
		return err_set(e, 422, "invalid_value", "placed_on", "就业日期应为不晚于今天的 YYYY-MM-DD",
			       "placed_on is a date (YYYY-MM-DD) not after today"),
		       NULL;
	if (!strcmp(in->placement, "placed"))
		c.employer = f.enterprise;
	else if (!strcmp(in->placement, "elsewhere"))
		c.employer = in->employer_id;
	if (check_text(in->note, "note", 200, false, e))
		return NULL;
	if (!dated && in->placed_on && *in->placed_on)
		return err_set(e, 422, "invalid_value", "placed_on", "未就业时不填就业日期",
			       "placed_on is only for a placement"),
		       NULL;
	return svc_tx(d, a, place_work, &c, e) ? NULL : order_class_get(d, a, id, e);
}

static int grad_work(tx *t, void *ctx, err *e)
{
	int64_t id = *(int64_t *)ctx;
	int64_t n = db_run(t->d,
			   "UPDATE cult_order_classes SET status = 'graduated', updated_at = $2 WHERE id = "
			   "$1 AND status = "
			   "'running'",
			   DB_ARGS(DV_I(id), DV_I(now_s())), e);
	if (n < 0)
		return -1;
	if (n == 0)
		return err_set(e, 409, "class_graduated", NULL, "订单班已结业", "the class has graduated");
	tx_audit(t, "order_class.graduated", "order_class", id, NULL);
	return 0;
}

json_t *order_class_graduate(db *d, const principal *a, int64_t id, err *e)
{
	struct oc_facts f;
	if (oc_reach(d, a, id, SCOPE_WRITE, &f, e))
		return NULL;
	if (!role_in(a, R_INST) || a->institution_id != f.school)
		return err_set(e, 403, "forbidden", NULL, "订单班由院校办理结业",
			       "the school graduates the class"),
		       NULL;
	return svc_tx(d, a, grad_work, &id, e) ? NULL : order_class_get(d, a, id, e);
}

/* ---- 技工教育集团 (联盟) ---- */

#define G_COLS                                                                                               \
	"cg.id, cg.name, cg.kind, cg.region_code, cg.provincial_key, cg.key_year, cg.key_doc_no, "           \
	"(SELECT COUNT(*) FROM cult_group_members gm WHERE gm.group_id = cg.id AND gm.member_kind = "        \
	"'school'), "                                                                                        \
	"(SELECT COUNT(*) FROM cult_group_members gm WHERE gm.group_id = cg.id AND gm.member_kind = "        \
	"'enterprise'), "                                                                                    \
	"(SELECT COUNT(*) FROM cult_group_members gm WHERE gm.group_id = cg.id AND gm.member_kind = "        \
	"'training')"
#define G_FROM " FROM cult_groups cg"

static json_t *group_view(db_stmt *st)
{
	const char *kind = db_text(st, 2);
	return json_pack("{s:I,s:s,s:s,s:s,s:s,s:b,s:I,s:s,s:I,s:I,s:I}", "id", (json_int_t)db_int(st, 0),
			 "name", db_text(st, 1), "kind", kind, "kind_zh",
			 group_kind_zh(kind) ? group_kind_zh(kind) : "", "region_code", db_text(st, 3),
			 "provincial_key", db_int(st, 4) != 0, "key_year", (json_int_t)db_int(st, 5),
			 "key_doc_no", db_text(st, 6), "schools", (json_int_t)db_int(st, 7), "enterprises",
			 (json_int_t)db_int(st, 8), "training_institutions", (json_int_t)db_int(st, 9));
}

static const struct list_filter group_filters[] = {
	{"provincial_key", "cg.provincial_key = ?", LIST_EQ, .max = 1},
	{"region_code", "cg.region_code LIKE ?", LIST_REGION, .max = 12},
	{"name", "cg.name LIKE ?", LIST_CONTAINS, .max = 100},
};
static const struct export_col group_cols[] = {
	{"id", "编号"},
	{"name", "名称"},
	{"kind_zh", "类型"},
	{"region_code", "地区"},
	{"provincial_key", "省级重点"},
	{"key_year", "入选年份"},
	{"schools", "成员院校"},
	{"enterprises", "成员企业"},
	{"training_institutions", "成员培训机构"},
};

const struct list_spec edu_group_list = {
	.name = "edu_groups",
	.scoped = true,
	.entity = SE_EDU_GROUP,
	.count_sql = "SELECT COUNT(*)" G_FROM,
	.select_sql = "SELECT " G_COLS G_FROM,
	.order = "cg.id DESC",
	LIST_FILTERS(group_filters),
	.view = group_view,
	LIST_COLS(group_cols),
};

static json_t *member_view(db_stmt *st)
{
	const char *k = db_text(st, 3);
	return json_pack("{s:I,s:s,s:s,s:s,s:s,s:b,s:s}", "institution_id", (json_int_t)db_int(st, 0), "name",
			 db_text(st, 1), "type", db_text(st, 2), "member_kind", k, "member_kind_zh",
			 member_kind_zh(k) ? member_kind_zh(k) : "", "lead", db_int(st, 4) != 0, "joined_on",
			 db_text(st, 5));
}

/* who reads a group: the rule's region reach (scope_check), or a member institution's administrator and staff
 * (the rule's institution condition, which the owner facts of one group cannot carry) */
static int group_readable(db *d, const principal *a, int64_t id, err *e)
{
	if (!role_in(a, R_INST))
		return scope_check(d, a, SE_EDU_GROUP, id, SCOPE_READ, NULL, e);
	int64_t one = 0;
	int rc = db_one_int(d, "SELECT 1 FROM cult_group_members WHERE group_id = $1 AND institution_id = $2",
			    DB_ARGS(DV_I(id), DV_I(a->institution_id)), &one, e);
	if (rc == DB_NOT_FOUND)
		return err_set(e, 404, "not_found", NULL, "技工教育集团不存在", "no such education group");
	return rc == DB_OK ? 0 : -1;
}

json_t *edu_group_get(db *d, const principal *a, int64_t id, err *e)
{
	if (group_readable(d, a, id, e))
		return NULL;
	json_t *o = row_json(db_query(d, "SELECT " G_COLS G_FROM " WHERE cg.id = $1", DB_ARGS(DV_I(id)), e),
			     group_view, e);
	if (!o)
		return err_isset(e) ? NULL
				    : (err_set(e, 404, "not_found", NULL, "技工教育集团不存在",
					       "no such education group"),
				       NULL);
	json_t *m = rows_json(
		db_query(d,
			 "SELECT gm.institution_id, i.name, i.type, gm.member_kind, gm.lead, gm.joined_on "
			 "FROM cult_group_members gm JOIN institutions i ON i.id = gm.institution_id "
			 "WHERE gm.group_id = $1 ORDER BY gm.lead DESC, gm.member_kind, i.name",
			 DB_ARGS(DV_I(id)), e),
		member_view, e);
	if (!m)
		return json_decref(o), NULL;
	json_object_set_new(o, "members", m);
	return o;
}

struct group_ctx {
	const struct group_input *in;
	int64_t id;
};

static int group_work(tx *t, void *ctx, err *e)
{
	struct group_ctx *c = ctx;
	int64_t now = now_s();
	if (db_one_int(t->d,
		       "INSERT INTO cult_groups (name, region_code, kind, created_by, created_at, "
		       "updated_at) VALUES "
		       "($1,$2,$3,$4,$5,$5) RETURNING id",
		       DB_ARGS(DV_S(c->in->name), DV_S(c->in->region_code), DV_S(c->in->kind),
			       DV_I(t->a->user_id), DV_I(now)),
		       &c->id, e) != DB_OK)
		return e->status == 409 ? err_set(e, 409, "duplicate", "name", "已有同名的技工教育集团",
						  "an education group of that name exists")
					: -1;
	tx_audit(t, "edu_group.created", "edu_group", c->id,
		 json_pack("{s:s,s:s,s:s}", "name", c->in->name, "kind", c->in->kind, "region_code",
			   c->in->region_code));
	return 0;
}

json_t *edu_group_create(db *d, const principal *a, const struct group_input *in, err *e)
{
	if (!role_in(a, R_ADMINS))
		return err_set(e, 403, "forbidden", NULL, "技工教育集团由市级或省级人社部门登记",
			       "a city or the province records education groups"),
		       NULL;
	if (check_text(in->name, "name", 100, true, e))
		return NULL;
	if (!group_kind_zh(in->kind))
		return err_set(e, 422, "invalid_value", "kind", "类型应为 集团（group）或 联盟（alliance）",
			       "kind is group or alliance"),
		       NULL;
	int64_t one = 0;
	int rc = in->region_code ? db_one_int(d, "SELECT 1 FROM regions WHERE code = $1",
					      DB_ARGS(DV_S(in->region_code)), &one, e)
				 : DB_NOT_FOUND;
	if (rc == DB_NOT_FOUND)
		return err_set(e, 422, "invalid_value", "region_code", "地区编码不存在",
			       "no such region code"),
		       NULL;
	if (rc != DB_OK)
		return NULL;
	if (!scope_covers_region(a, SE_EDU_GROUP, SCOPE_WRITE, in->region_code))
		return err_set(e, 403, "forbidden", "region_code", "只能登记本地区的技工教育集团",
			       "a city records the groups of its own region"),
		       NULL;
	struct group_ctx c = {.in = in};
	return svc_tx(d, a, group_work, &c, e) ? NULL : edu_group_get(d, a, c.id, e);
}

struct member_ctx {
	int64_t id, inst;
	const char *kind;
	bool lead;
};

static int member_work(tx *t, void *ctx, err *e)
{
	struct member_ctx *c = ctx;
	char day[11];
	date_format(date_today_utc8(), day);
	if (c->lead && db_run(t->d, "UPDATE cult_group_members SET lead = 0 WHERE group_id = $1",
			      DB_ARGS(DV_I(c->id)), e) < 0)
		return -1;
	if (db_run(t->d,
		   "INSERT INTO cult_group_members (group_id, institution_id, member_kind, lead, joined_on) "
		   "VALUES "
		   "($1,$2,$3,$4,$5)",
		   DB_ARGS(DV_I(c->id), DV_I(c->inst), DV_S(c->kind), DV_I(c->lead), DV_S(day)), e) < 0)
		return e->status == 409 ? err_set(e, 409, "duplicate", "institution_id", "该机构已是成员",
						  "the institution is a member already")
					: -1;
	if (db_run(t->d, "UPDATE cult_groups SET updated_at = $2 WHERE id = $1",
		   DB_ARGS(DV_I(c->id), DV_I(now_s())), e) < 0)
		return -1;
	tx_audit(t, "edu_group.member_added", "edu_group", c->id,
		 json_pack("{s:I,s:s,s:b}", "institution_id", (json_int_t)c->inst, "member_kind", c->kind,
			   "lead", c->lead));
	return 0;
}

json_t *edu_group_add_member(db *d, const principal *a, int64_t id, int64_t institution_id,
			     const char *member_kind, bool lead, err *e)
{
	if (scope_check(d, a, SE_EDU_GROUP, id, SCOPE_WRITE, NULL, e))
		return NULL;
	if (!member_kind_zh(member_kind))
		return err_set(e, 422, "invalid_value", "member_kind",
			       "成员类型应为 school / enterprise / training",
			       "member_kind is school, enterprise or training"),
		       NULL;
	char type[24] = "";
	db_stmt *st =
		db_query(d, "SELECT type FROM institutions WHERE id = $1", DB_ARGS(DV_I(institution_id)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1)
		snprintf(type, sizeof type, "%s", db_text(st, 0));
	db_done(st);
	if (row < 0)
		return NULL;
	if (row == 0)
		return err_set(e, 404, "not_found", "institution_id", "机构不存在", "no such institution"),
		       NULL;
	/* the member's kind follows the institution's type */
	bool fits = !strcmp(member_kind, "school")
			    ? !strcmp(type, "technical_school") || !strcmp(type, "university")
		    : !strcmp(member_kind, "enterprise")
			    ? !strcmp(type, "employer")
			    : !strcmp(type, "training") || !strcmp(type, "social_org");
	if (!fits)
		return err_set(e, 409, "member_kind_mismatch", "member_kind",
			       "机构类型（%s）与成员类型（%s）不符",
			       "the institution's type (%s) does not fit the member kind (%s)", type,
			       member_kind),
		       NULL;
	struct member_ctx c = {.id = id, .inst = institution_id, .kind = member_kind, .lead = lead};
	return svc_tx(d, a, member_work, &c, e) ? NULL : edu_group_get(d, a, id, e);
}

struct key_ctx {
	int64_t id, year;
	bool key;
	const char *doc;
};

static int key_work(tx *t, void *ctx, err *e)
{
	struct key_ctx *c = ctx;
	if (db_run(t->d,
		   "UPDATE cult_groups SET provincial_key = $2, key_year = $3, key_doc_no = $4, updated_at = "
		   "$5 WHERE "
		   "id = $1",
		   DB_ARGS(DV_I(c->id), DV_I(c->key), DV_I(c->key ? c->year : 0),
			   DV_S(c->key && c->doc ? c->doc : ""), DV_I(now_s())),
		   e) < 0)
		return -1;
	tx_audit(t, c->key ? "edu_group.key_named" : "edu_group.key_removed", "edu_group", c->id,
		 json_pack("{s:b,s:I,s:s}", "provincial_key", c->key, "key_year", (json_int_t)c->year,
			   "key_doc_no", c->doc ? c->doc : ""));
	return 0;
}

json_t *edu_group_set_key(db *d, const principal *a, int64_t id, bool key, int64_t year, const char *doc_no,
			  err *e)
{
	if (scope_check(d, a, SE_EDU_GROUP, id, SCOPE_READ, NULL, e))
		return NULL;
	if (a->role != ROLE_PROVINCE_ADMIN)
		return err_set(e, 403, "forbidden", NULL, "省级重点技工教育集团由省人社厅遴选",
			       "the province names the 省级重点 groups"),
		       NULL;
	if (key && (year < 2000 || year > 9999))
		return err_set(e, 422, "invalid_value", "key_year", "入选年份不合理",
			       "key_year is not plausible"),
		       NULL;
	if (check_text(doc_no, "key_doc_no", 100, false, e))
		return NULL;
	struct key_ctx c = {.id = id, .year = year, .key = key, .doc = doc_no};
	return svc_tx(d, a, key_work, &c, e) ? NULL : edu_group_get(d, a, id, e);
}
