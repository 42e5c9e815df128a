/* students.c: the 高校学生 pilot, the major ↔ occupation table, students by class and their diplomas
 * (students.h)
 */
#include "util/common.h"
#include "svc/cultivation/students.h"
#include "core/date.h"
#include "core/scope.h"
#include "core/student_eval.h"
#include "svc/base/scope.h"
#include "svc/base/tx.h"

static int check_date(const char *s, const char *field, bool required, err *e)
{
	int ymd;
	if ((!s || !*s) && !required)
		return 0;
	if (!s || date_parse(s, &ymd) != 0)
		return err_set(e, 422, "invalid_date", field, "%s 应为日期 YYYY-MM-DD",
			       "%s is a date YYYY-MM-DD", field);
	return 0;
}

static int province_only(const principal *a, err *e)
{
	if (a->role != ROLE_PROVINCE_ADMIN)
		return err_set(e, 403, "forbidden", NULL, "由省级人社部门维护", "kept by the province");
	return 0;
}

/* ---- the pilot ---- */

static json_t *pilot_view(db_stmt *st)
{
	return json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s}", "id", (json_int_t)db_int(st, 0), "name",
			 db_text(st, 1), "region_code", db_text(st, 2), "region_name", db_text(st, 3),
			 "starts_on", db_text(st, 4), "ends_on", db_text(st, 5), "source", db_text(st, 6));
}

#define PILOT_SELECT                                                                                         \
	"SELECT cp.id, cp.name, cp.region_code, COALESCE(rg.name, ''), cp.starts_on, cp.ends_on, cp.source " \
	"FROM cult_pilots cp LEFT JOIN regions rg ON rg.code = cp.region_code"

json_t *pilot_list_json(db *d, const principal *a, err *e)
{
	(void)a;
	json_t *items = rows_json(db_query(d, PILOT_SELECT " ORDER BY cp.starts_on, cp.id", DB_NOARGS, e),
				  pilot_view, e);
	return items ? json_pack("{s:o,s:I}", "items", items, "total", (json_int_t)json_array_size(items))
		     : NULL;
}

struct pilot_ctx {
	const struct pilot_input *in;
	int64_t id;
};

static int pilot_work(tx *t, void *ctx, err *e)
{
	struct pilot_ctx *c = ctx;
	const struct pilot_input *in = c->in;
	if (db_one_int(t->d,
		       "INSERT INTO cult_pilots (name, region_code, starts_on, ends_on, source, created_by, "
		       "created_at) VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id",
		       DB_ARGS(DV_S(in->name), DV_S(in->region_code), DV_S(in->starts_on),
			       DV_S(in->ends_on ? in->ends_on : ""), DV_S(in->source), DV_I(t->a->user_id),
			       DV_I(now_s())),
		       &c->id, e) != DB_OK)
		return -1;
	tx_audit(t, "cult_pilot.created", "cult_pilot", c->id,
		 json_pack("{s:s,s:s,s:s,s:s}", "name", in->name, "region_code", in->region_code, "starts_on",
			   in->starts_on, "ends_on", in->ends_on ? in->ends_on : ""));
	return 0;
}

json_t *pilot_create(db *d, const principal *a, const struct pilot_input *in, err *e)
{
	if (province_only(a, e) || check_text(in->name, "name", 100, true, e) ||
	    check_text(in->source, "source", 500, true, e) ||
	    check_date(in->starts_on, "starts_on", true, e) || check_date(in->ends_on, "ends_on", false, e))
		return NULL;
	if (in->ends_on && *in->ends_on && strcmp(in->ends_on, in->starts_on) < 0)
		return err_set(e, 422, "invalid_value", "ends_on", "试点结束日期不能早于开始日期",
			       "the pilot ends before it starts"),
		       NULL;
	int64_t one = 0;
	int rc = in->region_code ? db_one_int(d, "SELECT 1 FROM regions WHERE code = $1",
					      DB_ARGS(DV_S(in->region_code)), &one, e)
				 : DB_NOT_FOUND;
	if (rc != DB_OK)
		return rc == DB_NOT_FOUND
		       ? err_set(e, 422, "invalid_value", "region_code", "地区代码不存在", "no such region"),
		       NULL : NULL;
	struct pilot_ctx c = {.in = in};
	if (svc_tx(d, a, pilot_work, &c, e))
		return NULL;
	return row_json(db_query(d, PILOT_SELECT " WHERE cp.id = $1", DB_ARGS(DV_I(c.id)), e), pilot_view, e);
}

/* the pilots in force, as a message for a university outside them */
static int outside_pilot(db *d, const struct eval_school *s, const char *today, err *e)
{
	/* the pilots in force today, the first four named and the rest counted */
	db_stmt *st = db_query(
		d,
		"SELECT cp.name, cp.region_code, COALESCE(rg.name, ''), cp.starts_on, cp.ends_on "
		"FROM cult_pilots cp LEFT JOIN regions rg ON rg.code = cp.region_code WHERE "
		"cp.starts_on <= $1 AND (cp.ends_on = '' OR cp.ends_on >= $1) ORDER BY cp.starts_on, "
		"cp.id",
		DB_ARGS(DV_S(today)), e);
	if (!st)
		return -1;
	char zh[600] = "", en[600] = "";
	size_t n = 0;
	while (db_step(st) == DB_ROW) {
		if (n++ >= 4)
			continue;
		const char *ends = db_text(st, 4);
		size_t lz = strlen(zh), le = strlen(en);
		snprintf(zh + lz, sizeof zh - lz, "%s%s（%s %s，%s 起%s%s）", n > 1 ? "；" : "",
			 db_text(st, 0), db_text(st, 2), db_text(st, 1), db_text(st, 3), *ends ? "至 " : "",
			 ends);
		snprintf(en + le, sizeof en - le, "%s%s (region %s, from %s%s%s)", n > 1 ? "; " : "",
			 db_text(st, 0), db_text(st, 1), db_text(st, 3), *ends ? " to " : "", ends);
	}
	if (db_finish(st, e) != 0)
		return -1;
	if (n > 4) {
		size_t lz = strlen(zh), le = strlen(en);
		snprintf(zh + lz, sizeof zh - lz, "等 %zu 个", n);
		snprintf(en + le, sizeof en - le, " and %zu more", n - 4);
	}
	return err_set(e, 409, "outside_pilot", NULL,
		       "%s 所在地区 %s 在 %s 不在高校学生职业技能等级认定试点范围内。现有试点：%s%.0s",
		       "%s (region %s) is outside the university students' skill-level pilot on %s. Pilots "
		       "in force: %.0s%s",
		       s->name, s->region, today, n ? zh : "无", n ? en : "none");
}

int eval_school_of(db *d, const principal *a, struct eval_school *s, err *e)
{
	memset(s, 0, sizeof *s);
	if (!role_in(a, R_INST) || a->institution_id <= 0)
		return err_set(e, 403, "forbidden", NULL, "由院校办理", "the school does this");
	db_stmt *st =
		db_query(d,
			 "SELECT i.type, i.region_code, i.name, cs.school_id FROM institutions i LEFT JOIN "
			 "cult_schools cs ON cs.school_id = i.id WHERE i.id = $1",
			 DB_ARGS(DV_I(a->institution_id)), e);
	int row = st ? db_row(st, e) : -1;
	bool registered = false;
	if (row == 1) {
		s->id = a->institution_id;
		snprintf(s->type, sizeof s->type, "%s", db_text(st, 0));
		snprintf(s->region, sizeof s->region, "%s", db_text(st, 1));
		snprintf(s->name, sizeof s->name, "%s", db_text(st, 2));
		registered = !db_isnull(st, 3);
	}
	db_done(st);
	if (row < 0)
		return -1;
	if (registered) /* a 技工院校 the bureau registered (svc/cultivation/schools.c) */
		return 0;
	if (strcmp(s->type, "university"))
		return err_set(
			e, 409, "not_a_school", NULL, "院校学生评价由已登记的技工院校或试点范围内的高校办理",
			"student evaluation is for registered technical schools and universities in the "
			"pilot");
	s->university = true;
	/* a university: a pilot covering its region today */
	char today[11];
	date_format(date_today_utc8(), today);
	bool in = false;
	st = db_query(d, "SELECT region_code, starts_on, ends_on FROM cult_pilots ORDER BY id", DB_NOARGS, e);
	if (!st)
		return -1;
	while (!in && db_step(st) == DB_ROW) {
		struct pilot p = {db_text(st, 0), db_text(st, 1), db_text(st, 2)};
		in = pilot_find(&p, 1, s->region, today) == 0;
	}
	if (db_finish(st, e) != 0)
		return -1;
	if (in)
		return 0;
	return outside_pilot(d, s, today, e);
}

/* ---- 专业 ↔ 职业 ---- */

static json_t *mo_view(db_stmt *st)
{
	return json_pack("{s:s,s:s,s:s,s:s,s:I,s:s}", "major_code", db_text(st, 0), "major_name",
			 db_text(st, 1), "occupation_code", db_text(st, 2), "occupation", db_text(st, 3),
			 "max_level", (json_int_t)db_int(st, 4), "source", db_text(st, 5));
}

#define MO_COLS "mo.major_code, mo.major_name, mo.occupation_code, o.name, mo.max_level, mo.source"
#define MO_FROM " FROM cult_major_occupations mo JOIN occupations o ON o.code = mo.occupation_code"

static const struct list_filter mo_filters[] = {
	{"major_code", "mo.major_code = ?", LIST_EQ, .max = 32},
	{"occupation_code", "mo.occupation_code = ?", LIST_EQ, .max = 16},
};
static const struct export_col mo_cols[] = {
	{"major_code", "专业代码"},	{"major_name", "专业名称"},    {"occupation_code", "职业编码"},
	{"occupation", "职业（工种）"}, {"max_level", "最高匹配等级"}, {"source", "依据"},
};
const struct list_spec major_occ_list = {
	.name = "major_occupations",
	.count_sql = "SELECT COUNT(*)" MO_FROM,
	.select_sql = "SELECT " MO_COLS MO_FROM,
	.order = "mo.major_code, mo.occupation_code",
	LIST_FILTERS(mo_filters),
	.view = mo_view,
	LIST_COLS(mo_cols),
};

struct mo_ctx {
	const struct major_occ_input *in;
	int64_t old; /* 0 new */
};

static int mo_work(tx *t, void *ctx, err *e)
{
	struct mo_ctx *c = ctx;
	const struct major_occ_input *in = c->in;
	int rc = db_one_int(t->d,
			    "SELECT max_level FROM cult_major_occupations WHERE major_code = $1 AND "
			    "occupation_code = $2",
			    DB_ARGS(DV_S(in->major_code), DV_S(in->occupation_code)), &c->old, e);
	if (rc != DB_OK && rc != DB_NOT_FOUND)
		return -1;
	dbv args[] = {DV_S(in->major_code), DV_S(in->occupation_code),		DV_S(in->major_name),
		      DV_I(in->max_level),  DV_S(in->source ? in->source : ""), DV_I(t->a->user_id),
		      DV_I(now_s())};
	if (db_run(t->d,
		   rc == DB_OK
			   ? "UPDATE cult_major_occupations SET major_name = $3, max_level = $4, source = "
			     "$5, "
			     "updated_by = $6, updated_at = $7 WHERE major_code = $1 AND occupation_code = $2"
			   : "INSERT INTO cult_major_occupations (major_code, occupation_code, major_name, "
			     "max_level, source, updated_by, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7)",
		   args, (int)ARRAY_LEN(args), e) < 0)
		return -1;
	tx_audit_key(t, "major_occupation.put", "major_occupation", in->major_code,
		     json_pack("{s:s,s:s,s:I,s:o}", "major_code", in->major_code, "occupation_code",
			       in->occupation_code, "max_level", (json_int_t)in->max_level, "old_max_level",
			       rc == DB_OK ? json_integer(c->old) : json_null()));
	return 0;
}

json_t *major_occ_put(db *d, const principal *a, const struct major_occ_input *in, err *e)
{
	if (province_only(a, e) || check_text(in->major_code, "major_code", 32, true, e) ||
	    check_text(in->major_name, "major_name", 100, true, e) ||
	    check_text(in->source, "source", 500, false, e))
		return NULL;
	if (in->max_level < 1 || in->max_level > 5)
		return err_set(e, 422, "invalid_level", "max_level", "最高匹配等级应为 1 到 5",
			       "max_level is 1..5"),
		       NULL;
	int64_t levels = 0;
	int rc = db_one_int(d, "SELECT levels FROM occupations WHERE code = $1 AND kind <> 'special'",
			    DB_ARGS(DV_S(in->occupation_code ? in->occupation_code : "")), &levels, e);
	if (rc == DB_NOT_FOUND)
		return err_set(e, 422, "unknown_occupation", "occupation_code", "职业编码不存在",
			       "unknown occupation"),
		       NULL;
	if (rc != DB_OK)
		return NULL;
	struct mo_ctx c = {.in = in};
	if (svc_tx(d, a, mo_work, &c, e))
		return NULL;
	return row_json(
		db_query(d, "SELECT " MO_COLS MO_FROM " WHERE mo.major_code = $1 AND mo.occupation_code = $2",
			 DB_ARGS(DV_S(in->major_code), DV_S(in->occupation_code)), e),
		mo_view, e);
}

int major_occ_covers(db *d, const char *major_code, const char *occupation, int level, bool *yes, err *e)
{
	int64_t max = 0;
	int rc = db_one_int(d,
			    "SELECT max_level FROM cult_major_occupations WHERE major_code = $1 AND "
			    "occupation_code = $2",
			    DB_ARGS(DV_S(major_code), DV_S(occupation)), &max, e);
	if (rc != DB_OK && rc != DB_NOT_FOUND)
		return -1;
	*yes = rc == DB_OK && major_match_covers((int)max, level);
	return 0;
}

/* ---- students ---- */

#define ST_COLS                                                                                              \
	"cs.id, cs.school_id, s.name, cs.person_id, p.name, cs.major_id, cs.major_code, cs.major_name, "     \
	"cs.class_name, cs.enrolled_year, cs.graduates_on, cs.diploma_level, cs.diploma_no, cs.diploma_on, " \
	"cs.region_code"
#define ST_FROM                                                                                              \
	" FROM cult_students cs JOIN institutions s ON s.id = cs.school_id JOIN persons p ON p.id = "        \
	"cs.person_id"

static json_t *st_view(db_stmt *st)
{
	return json_pack("{s:I,s:I,s:s,s:I,s:s,s:o,s:s,s:s,s:s,s:I,s:s,s:s,s:s,s:s,s:s}", "id",
			 (json_int_t)db_int(st, 0), "school_id", (json_int_t)db_int(st, 1), "school_name",
			 db_text(st, 2), "person_id", (json_int_t)db_int(st, 3), "name", db_text(st, 4),
			 "major_id", db_isnull(st, 5) ? json_null() : json_integer(db_int(st, 5)),
			 "major_code", db_text(st, 6), "major_name", db_text(st, 7), "class_name",
			 db_text(st, 8), "enrolled_year", (json_int_t)db_int(st, 9), "graduates_on",
			 db_text(st, 10), "diploma_level", db_text(st, 11), "diploma_no", db_text(st, 12),
			 "diploma_on", db_text(st, 13), "region_code", db_text(st, 14));
}

static const struct list_filter st_filters[] = {
	{"school_id", "cs.school_id = ?", LIST_ID},
	{"person_id", "cs.person_id = ?", LIST_ID},
	{"class_name", "cs.class_name = ?", LIST_EQ, .max = 100},
	{"region_code", "cs.region_code LIKE ?", LIST_REGION, .max = 12},
};
static const struct list_sort st_sorts[] = {{"id", "cs.id"}, {"class_name", "cs.class_name"}};
static const struct export_col st_cols[] = {
	{"id", "编号"},
	{"school_name", "院校"},
	{"name", "姓名"},
	{"major_name", "专业"},
	{"class_name", "班级"},
	{"enrolled_year", "入学年份"},
	{"graduates_on", "预计毕业"},
	{"diploma_no", "毕业证书编号"},
	{"diploma_on", "毕业日期"},
};
const struct list_spec student_list = {
	.name = "students",
	.scoped = true,
	.entity = SE_SCHOOL,
	.count_sql = "SELECT COUNT(*)" ST_FROM,
	.select_sql = "SELECT " ST_COLS ST_FROM,
	.order = "cs.class_name, cs.id",
	LIST_FILTERS(st_filters),
	LIST_SORTS(st_sorts),
	.view = st_view,
	LIST_COLS(st_cols),
};

struct reg_ctx {
	const struct student_batch_input *in;
	const struct eval_school *s;
	const char *major_code, *major_name, *diploma_level;
	json_t *ids;
};

static int reg_work(tx *t, void *ctx, err *e)
{
	struct reg_ctx *c = ctx;
	const struct student_batch_input *in = c->in;
	int64_t now = now_s();
	c->ids = json_array();
	for (size_t i = 0; i < in->n; i++) {
		int64_t have = 0, dip = 0, id = 0;
		int rc = db_one_int(t->d,
				    "SELECT id FROM cult_students WHERE school_id = $1 AND person_id = $2",
				    DB_ARGS(DV_I(c->s->id), DV_I(in->persons[i])), &have, e);
		if (rc == DB_OK)
			return err_set(e, 409, "already_student", "person_ids",
				       "人员 %lld 已是本校学生（学生编号 %lld）",
				       "person %lld is a student of the school already (student %lld)",
				       (long long)in->persons[i], (long long)have);
		if (rc != DB_NOT_FOUND)
			return -1;
		if (db_one_int(t->d,
			       "INSERT INTO person_diplomas (person_id, level, school, major, graduated_on, "
			       "created_at) VALUES ($1,$2,$3,$4,$5,$6) RETURNING id",
			       DB_ARGS(DV_I(in->persons[i]), DV_S(c->diploma_level), DV_S(c->s->name),
				       DV_S(c->major_name), DV_S(in->graduates_on), DV_I(now)),
			       &dip, e) != DB_OK ||
		    db_one_int(
			    t->d,
			    "INSERT INTO cult_students (school_id, region_code, person_id, major_id, "
			    "major_code, major_name, class_name, enrolled_year, graduates_on, diploma_level, "
			    "diploma_id, created_by, created_at, updated_at) VALUES "
			    "($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$13) RETURNING id",
			    DB_ARGS(DV_I(c->s->id), DV_S(c->s->region), DV_I(in->persons[i]),
				    in->major_id > 0 ? DV_I(in->major_id) : DV_NULL, DV_S(c->major_code),
				    DV_S(c->major_name), DV_S(in->class_name), DV_I(in->enrolled_year),
				    DV_S(in->graduates_on), DV_S(c->diploma_level), DV_I(dip),
				    DV_I(t->a->user_id), DV_I(now)),
			    &id, e) != DB_OK)
			return err_isset(e) ? -1
					    : err_set(e, 500, "internal", NULL, "登记学生失败",
						      "registering the student failed");
		json_array_append_new(c->ids, json_integer(id));
	}
	tx_audit(t, "student.registered", "school", c->s->id,
		 json_pack("{s:s,s:s,s:I,s:o}", "class_name", in->class_name, "major_code", c->major_code,
			   "students", (json_int_t)in->n, "person_ids", json_ids(in->persons, in->n)));
	return 0;
}

json_t *students_register(db *d, const principal *a, const struct student_batch_input *in, err *e)
{
	struct eval_school s;
	if (eval_school_of(d, a, &s, e))
		return NULL;
	if (!in->n || in->n > 500)
		return err_set(e, 422, "invalid_value", "person_ids", "一次登记 1 到 500 名学生",
			       "register 1 to 500 students at once"),
		       NULL;
	if (check_text(in->class_name, "class_name", 50, true, e) ||
	    check_date(in->graduates_on, "graduates_on", true, e))
		return NULL;
	if (in->enrolled_year < 1950 || in->enrolled_year > 2100 ||
	    in->enrolled_year > strtoll(in->graduates_on, NULL, 10))
		return err_set(e, 422, "invalid_value", "enrolled_year", "入学年份应在预计毕业之前",
			       "enrolled_year is before the expected graduation"),
		       NULL;
	char code[40] = "", name[210] = "";
	const char *diploma = NULL;
	if (!s.university) {
		/* a 技工院校: one of its filed majors, whose 培养层次 gives the diploma */
		if (in->major_id <= 0)
			return err_set(e, 422, "missing_field", "major_id",
				       "技工院校学生须选择本校已备案的专业",
				       "a technical school's students are registered in one of its filed "
				       "majors"),
			       NULL;
		db_stmt *st = db_query(d,
				       "SELECT code, name, level, status FROM cult_majors WHERE id = $1 AND "
				       "school_id = $2",
				       DB_ARGS(DV_I(in->major_id), DV_I(s.id)), e);
		int row = st ? db_row(st, e) : -1;
		bool filed = false;
		if (row == 1) {
			snprintf(code, sizeof code, "%s", db_text(st, 0));
			snprintf(name, sizeof name, "%s", db_text(st, 1));
			diploma = diploma_of_major_level(db_text(st, 2));
			filed = !strcmp(db_text(st, 3), "filed");
		}
		db_done(st);
		if (row < 0)
			return NULL;
		if (row == 0)
			return err_set(e, 404, "not_found", "major_id", "本校没有该专业",
				       "no such major of the school"),
			       NULL;
		if (!filed)
			return err_set(e, 409, "major_not_filed", "major_id",
				       "专业尚未备案（或已撤销），不能登记学生",
				       "the major is not filed (or withdrawn)"),
			       NULL;
	} else {
		if (check_text(in->major_code, "major_code", 32, true, e) ||
		    check_text(in->major_name, "major_name", 100, true, e))
			return NULL;
		if (!university_diploma_ok(in->diploma_level))
			return err_set(e, 422, "invalid_value", "diploma_level",
				       "高校学生的学历层次应为 college（大专）、bachelor（本科）或 "
				       "assessed_college",
				       "diploma_level is college, bachelor or assessed_college"),
			       NULL;
		snprintf(code, sizeof code, "%s", in->major_code);
		snprintf(name, sizeof name, "%s", in->major_name);
		diploma = in->diploma_level;
	}
	/* each person once, and one the school reads in the registry */
	for (size_t i = 0; i < in->n; i++) {
		for (size_t k = 0; k < i; k++)
			if (in->persons[k] == in->persons[i])
				return err_set(e, 422, "invalid_value", "person_ids", "人员 %lld 重复",
					       "person %lld appears twice", (long long)in->persons[i]),
				       NULL;
		if (scope_check(d, a, SE_PERSON, in->persons[i], SCOPE_READ, "person_ids", e))
			return NULL;
	}
	struct reg_ctx c = {
		.in = in, .s = &s, .major_code = code, .major_name = name, .diploma_level = diploma};
	if (svc_tx(d, a, reg_work, &c, e)) {
		json_decref(c.ids);
		return NULL;
	}
	return json_pack("{s:I,s:o}", "created", (json_int_t)json_array_size(c.ids), "ids", c.ids);
}

struct dip_ctx {
	int64_t id, diploma_id;
	const char *no, *on;
};

static int dip_work(tx *t, void *ctx, err *e)
{
	struct dip_ctx *c = ctx;
	int64_t n = db_run(
		t->d,
		"UPDATE cult_students SET diploma_no = $2, diploma_on = $3, updated_at = $4 WHERE id = "
		"$1 AND diploma_no = ''",
		DB_ARGS(DV_I(c->id), DV_S(c->no), DV_S(c->on), DV_I(now_s())), e);
	if (n < 0)
		return -1;
	if (n == 0)
		return err_set(e, 409, "diploma_recorded", NULL, "毕业证书已登记",
			       "the diploma is recorded already");
	if (c->diploma_id && db_run(t->d, "UPDATE person_diplomas SET graduated_on = $2 WHERE id = $1",
				    DB_ARGS(DV_I(c->diploma_id), DV_S(c->on)), e) < 0)
		return -1;
	tx_audit(t, "student.diploma", "student", c->id,
		 json_pack("{s:s,s:s}", "diploma_no", c->no, "diploma_on", c->on));
	return 0;
}

json_t *student_diploma(db *d, const principal *a, int64_t id, const char *diploma_no, const char *diploma_on,
			err *e)
{
	if (check_text(diploma_no, "diploma_no", 40, true, e) ||
	    check_date(diploma_on, "diploma_on", true, e))
		return NULL;
	int ymd = 0;
	date_parse(diploma_on, &ymd);
	if (ymd > date_today_utc8())
		return err_set(e, 422, "invalid_date", "diploma_on", "毕业日期不能晚于今天",
			       "diploma_on is in the future"),
		       NULL;
	scope_owner o = {0};
	int64_t dip = 0;
	db_stmt *st = db_query(
		d, "SELECT school_id, region_code, COALESCE(diploma_id, 0) FROM cult_students WHERE id = $1",
		DB_ARGS(DV_I(id)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		o.found = true;
		o.institution_id = db_int(st, 0);
		snprintf(o.region, sizeof o.region, "%s", db_text(st, 1));
		dip = db_int(st, 2);
	}
	db_done(st);
	if (row < 0)
		return NULL;
	int dec = row == 1 ? scope_decide(a, SE_SCHOOL, &o, SCOPE_WRITE) : 404;
	if (dec == 404 || (dec && scope_decide(a, SE_SCHOOL, &o, SCOPE_READ)))
		return err_set(e, 404, "not_found", NULL, "学生不存在", "no such student"), NULL;
	if (dec || o.institution_id != a->institution_id)
		return err_set(e, 403, "forbidden", NULL, "毕业证书由学生所在院校登记",
			       "the student's school records the diploma"),
		       NULL;
	struct dip_ctx c = {.id = id, .diploma_id = dip, .no = diploma_no, .on = diploma_on};
	if (svc_tx(d, a, dip_work, &c, e))
		return NULL;
	return row_json(db_query(d, "SELECT " ST_COLS ST_FROM " WHERE cs.id = $1", DB_ARGS(DV_I(id)), e),
			st_view, e);
}

/* ---- the talent record's part: 双证 ---- */

static json_t *cert_view(db_stmt *st)
{
	return json_pack("{s:s,s:s,s:I,s:s,s:s}", "number", db_text(st, 0), "occupation", db_text(st, 1),
			 "level", (json_int_t)db_int(st, 2), "issued_on", db_text(st, 3), "status",
			 db_text(st, 4));
}

int students_talent_add(db *d, const principal *a, int64_t person_id, json_t *rec, err *e)
{
	json_t *out = json_array();
	if (a->role != ROLE_SUPERVISOR) {
		json_t *rows = rows_json(
			db_query(d, "SELECT " ST_COLS ST_FROM " WHERE cs.person_id = $1 ORDER BY cs.id",
				 DB_ARGS(DV_I(person_id)), e),
			st_view, e);
		if (!rows)
			return json_decref(out), -1;
		size_t i;
		json_t *r;
		json_array_foreach(rows, i, r)
		{
			int64_t sid = json_integer_value(json_object_get(r, "id"));
			json_t *certs = rows_json(
				db_query(d,
					 "SELECT c.number, c.occupation, c.level, c.issued_on, c.status FROM "
					 "cult_eval_outcomes eo JOIN results rs ON rs.id = eo.result_id JOIN "
					 "certificates c ON c.result_id = rs.id WHERE eo.student_id = $1 "
					 "ORDER BY c.id",
					 DB_ARGS(DV_I(sid)), e),
				cert_view, e);
			if (!certs) {
				json_decref(rows);
				json_decref(out);
				return -1;
			}
			bool valid = false;
			size_t k;
			json_t *c;
			json_array_foreach(certs, k, c) valid |=
				!strcmp(json_string_value(json_object_get(c, "status")), "valid");
			const char *no = json_string_value(json_object_get(r, "diploma_no"));
			json_object_set_new(r, "certificates", certs);
			/* 双证: the diploma awarded and a valid level certificate of the school's 过程化评价
			 */
			json_object_set_new(r, "dual", json_boolean(no && *no && valid));
			json_array_append(out, r);
		}
		json_decref(rows);
	}
	json_object_set_new(rec, "school_records", out);
	return 0;
}
