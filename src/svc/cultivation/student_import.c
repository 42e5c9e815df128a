/* student_import.c: 院校学生 imported from a file (docs/DOMAIN.md §61): a 技工院校 imports a class's students
 * from CSV or XLSX through the import runner (svc/base/import.h). Each row's person is matched by the ID
 * number (the registered name must agree) or registered (persons.h person_create: sealed, masked, audited
 * person.create / person.link), then registered as the school's student through students_register (the
 * filed major, the diploma fact, audited student.registered); a row already a student of the school in the
 * same class and major is accepted unchanged, so a re-import duplicates nothing. */
#include "util/common.h"
#include "svc/cultivation/students.h"
#include "svc/base/import.h"
#include "svc/registry/persons.h"
#include "core/date.h"
#include "core/idnum.h"
#include "core/mask.h"

enum { C_NAME, C_ID, C_PHONE, C_MAJOR, C_CLASS, C_YEAR, C_GRAD, C_N };

static const tab_col cols[C_N] = {
	[C_NAME] = {"name", "姓名", {"学生姓名"}, TAB_REQUIRED},
	[C_ID] = {"id_number", "公民身份号码", {"身份证号", "证件号码"}, TAB_REQUIRED},
	[C_PHONE] = {"phone", "手机号码", {"联系电话", "电话"}, 0},
	[C_MAJOR] = {"major", "专业", {"专业代码", "专业名称"}, TAB_REQUIRED},
	[C_CLASS] = {"class_name", "班级", {"班级名称"}, TAB_REQUIRED},
	[C_YEAR] = {"enrolled_year", "入学年份", {"入学年度"}, TAB_REQUIRED},
	[C_GRAD] = {"graduates_on", "预计毕业日期", {"预计毕业"}, TAB_REQUIRED},
};
static const tab_spec spec = {cols, C_N, TAB_TRIM};

struct imp_ctx {
	db *d;
	const principal *a;
	const struct eval_school *s;
	bool preview;
	size_t seen;
	int64_t created, matched, registered, unchanged;
	json_t *items;
};

static int reject(err *e, const char *code, const char *field, const char *zh, const char *en)
{
	err_set(e, 422, code, field, "%s%.0s", "%.0s%s", zh, en);
	return 1;
}

/* a use case's refusal is the row's (1); a database failure fails the import (-1) */
static int refused(err *e)
{
	return e->status >= 500 ? -1 : 1;
}

/* the school's major by its code or its name: its id, 0 none */
static int find_major(struct imp_ctx *c, const char *major, int64_t *id, err *e)
{
	*id = 0;
	db_stmt *st = db_query(c->d,
			       "SELECT id FROM cult_majors WHERE school_id = $1 AND (code = $2 OR name = $2) "
			       "ORDER BY CASE WHEN status = 'filed' THEN 0 ELSE 1 END, id DESC",
			       DB_ARGS(DV_I(c->s->id), DV_S(major)), e);
	int got = st ? db_row(st, e) : -1;
	if (got == 1)
		*id = db_int(st, 0);
	db_done(st);
	return got < 0 ? -1 : 0;
}

static int row(void *ctx, const tab_row *r, err *e)
{
	struct imp_ctx *c = ctx;
	if (++c->seen > STUDENT_IMPORT_MAX_ROWS)
		return err_set(e, 413, "too_many_rows", NULL, "一个文件至多 %d 名学生",
			       "a file holds at most %d students", STUDENT_IMPORT_MAX_ROWS),
		       -1;
	const char *name = tab_get(r, C_NAME), *id = tab_get(r, C_ID), *phone = tab_get(r, C_PHONE),
		   *major = tab_get(r, C_MAJOR), *klass = tab_get(r, C_CLASS), *year = tab_get(r, C_YEAR),
		   *grad = tab_get(r, C_GRAD);
	idnum_info info;
	if (!id || idnum_check(id, date_today_utc8(), &info) != IDNUM_OK)
		return reject(e, "invalid_id_number", "id_number", "公民身份号码无效（校验码不符或日期不对）",
			      "invalid id number (check digit or date)");
	char *end = NULL;
	long long y = year ? strtoll(year, &end, 10) : 0;
	if (!year || !end || *end || y < 1950 || y > 2100)
		return reject(e, "invalid_value", "enrolled_year", "入学年份应为四位年份",
			      "enrolled_year is a four-digit year");
	int64_t major_id = 0;
	if (find_major(c, major ? major : "", &major_id, e))
		return -1;
	if (!major_id)
		return reject(e, "unknown_major", "major", "本校没有该专业（专业代码或名称）",
			      "no such major of the school (its code or name)");
	/* the person: matched by the ID number (the registered name must agree) or registered */
	struct person_input pin = {.name = name, .id_type = "resident_id", .id_number = id, .phone = phone};
	bool created = false;
	int64_t person = person_create(c->d, c->a, &pin, &created, e);
	if (person <= 0)
		return refused(e);
	/* already the school's student: the same class and major is this row again (unchanged) */
	db_stmt *st = db_query(c->d,
			       "SELECT id, class_name, COALESCE(major_id, 0) FROM cult_students WHERE "
			       "school_id = $1 AND person_id = $2",
			       DB_ARGS(DV_I(c->s->id), DV_I(person)), e);
	int got = st ? db_row(st, e) : -1;
	int64_t student = 0;
	bool same = false;
	char was[64] = "";
	if (got == 1) {
		student = db_int(st, 0);
		snprintf(was, sizeof was, "%s", db_text(st, 1));
		same = !strcmp(was, klass ? klass : "") && db_int(st, 2) == major_id;
	}
	db_done(st);
	if (got < 0)
		return -1;
	if (student && !same)
		return err_set(e, 409, "already_student", "class_name", "已是本校其他班级或专业的学生（%s）",
			       "a student of the school in another class or major (%s)", was),
		       1;
	if (!student) {
		struct student_batch_input in = {.major_id = major_id,
						 .class_name = klass,
						 .graduates_on = grad,
						 .enrolled_year = y,
						 .persons = &person,
						 .n = 1};
		json_t *o = students_register(c->d, c->a, &in, e);
		if (!o)
			return refused(e);
		student = json_integer_value(json_array_get(json_object_get(o, "ids"), 0));
		json_decref(o);
		c->registered++;
	} else {
		c->unchanged++;
	}
	created ? c->created++ : c->matched++;
	char masked[48];
	mask_id_number(info.normalized, masked, sizeof masked);
	json_array_append_new(c->items,
			      json_pack("{s:I,s:I,s:s,s:s,s:s,s:I,s:s}", "line", (json_int_t)r->line,
					"person_id", (json_int_t)person, "name", name, "id_number", masked,
					"person", created ? "created" : "matched", "student_id",
					(json_int_t)student, "student", same ? "unchanged" : "registered"));
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
	return json_pack("{s:I,s:I,s:I,s:I,s:I,s:I,s:I}", "rows", (json_int_t)res->rows, "stored",
			 (json_int_t)res->ok, "rejected", (json_int_t)res->rejected, "persons_created",
			 (json_int_t)c->created, "persons_matched", (json_int_t)c->matched, "registered",
			 (json_int_t)c->registered, "unchanged", (json_int_t)c->unchanged);
}

static const import_def def = {
	.spec = &spec,
	.row = row,
	.finish = finish,
	.flags = IMPORT_FIELD_ALWAYS,
	.audit_action = "student.import",
	.audit_entity = "school",
	.audit_detail = detail,
};

json_t *students_import(db *d, const principal *a, const char *data, size_t len, bool all_or_nothing,
			bool preview, err *e)
{
	struct eval_school s;
	if (eval_school_of(d, a, &s, e))
		return NULL;
	if (s.university)
		return err_set(e, 409, "not_technical_school", NULL,
			       "学生导入由技工院校办理（高校学生请逐班登记）",
			       "the import is a technical school's (a university registers its students by "
			       "class)"),
		       NULL;
	struct imp_ctx c = {.d = d, .a = a, .s = &s, .preview = preview, .items = json_array()};
	char sid[24];
	import_opts o = {.data = data,
			 .len = len,
			 .all_or_nothing = all_or_nothing,
			 .audit_entity_id = id_text(s.id, sid)};
	import_result res;
	err pe = {0};
	int rc = import_exec(d, a, &def, &c, &o, &res, preview ? &pe : e);
	if (rc != 0 && !(preview && pe.code && !strcmp(pe.code, "preview"))) {
		if (preview)
			*e = pe;
		json_decref(c.items);
		import_result_free(&res);
		return NULL;
	}
	bool stored = !preview && res.stored;
	json_t *out = json_pack(
		"{s:I,s:I,s:I,s:I,s:b,s:b,s:s,s:{s:I,s:I,s:I,s:I},s:o,s:o}", "rows", (json_int_t)res.rows,
		"accepted", (json_int_t)res.ok, "imported", (json_int_t)(stored ? res.ok : 0), "rejected",
		(json_int_t)res.rejected, "stored", stored, "preview", preview, "encoding",
		res.encoding ? res.encoding : "utf-8", "counts", "persons_created", (json_int_t)c.created,
		"persons_matched", (json_int_t)c.matched, "registered", (json_int_t)c.registered, "unchanged",
		(json_int_t)c.unchanged, "items", c.items, "errors", import_errors_json(&def, &res));
	import_result_free(&res);
	return out;
}
