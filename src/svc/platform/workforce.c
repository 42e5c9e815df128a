/* workforce.c: 评价队伍 — qualification courses, qualifications, their renewal and removal, and the checks
 * the panels and the dispatch call (workforce.h; docs/DOMAIN.md §57) */
#include "util/common.h"
#include "svc/platform/workforce.h"
#include "core/date.h"
#include "store/query.h"
#include "svc/base/tx.h"

/* the acting account, NULL for the system (the demo builder, migrations) */
#define WHO(p) ((p)->user_id ? DV_I((p)->user_id) : DV_NULL)
#include "svc/supervision/credit.h"

#define NOTE_MAX   200
#define REASON_MAX 500

static json_t *jtext(db_stmt *st, int col)
{
	return db_isnull(st, col) ? json_null() : json_string(db_text(st, col));
}

static json_t *jint_or_null(db_stmt *st, int col)
{
	return db_isnull(st, col) ? json_null() : json_integer(db_int(st, col));
}

static int bad_grade(err *e)
{
	return err_set(e, 422, "invalid_value", "grade",
		       "等级应为 examiner（考评员）、senior_examiner（高级考评员）或 "
		       "supervisor（督导员）",
		       "grade is examiner, senior_examiner or supervisor");
}

/* ---- courses ---- */

struct course_ctx {
	const struct wf_course_input *in;
	int64_t id;
};

static int course_work(tx *t, void *ctx, err *e)
{
	struct course_ctx *c = ctx;
	db *d = t->d;
	int64_t n = 0;
	if (db_one_int(d, "SELECT COUNT(*) FROM training_classes WHERE id = $1",
		       DB_ARGS(DV_I(c->in->class_id)), &n, e) != DB_OK)
		return -1;
	if (!n)
		return err_set(e, 404, "not_found", "class_id", "培训班不存在", "no such class");
	if (db_one_int(d, "SELECT COUNT(*) FROM plans WHERE id = $1", DB_ARGS(DV_I(c->in->exam_plan_id)), &n,
		       e) != DB_OK)
		return -1;
	if (!n)
		return err_set(e, 404, "not_found", "exam_plan_id", "考试所用的认定计划不存在",
			       "no such plan for the exam");
	if (db_one_int(d, "SELECT COUNT(*) FROM workforce_courses WHERE class_id = $1",
		       DB_ARGS(DV_I(c->in->class_id)), &n, e) != DB_OK)
		return -1;
	if (n)
		return err_set(e, 409, "course_exists", "class_id", "该培训班已是资格培训课程",
			       "that class is already a qualification course");
	db_stmt *st = db_query(d,
			       "INSERT INTO workforce_courses (class_id, grade, exam_plan_id, valid_years, "
			       "created_by, created_at) VALUES ($1,$2,$3,$4,$5,$6) RETURNING id",
			       DB_ARGS(DV_I(c->in->class_id), DV_S(c->in->grade), DV_I(c->in->exam_plan_id),
				       DV_I(c->in->valid_years), WHO(t->a), DV_I(now_s())),
			       e);
	if (!st || db_row(st, e) != 1) {
		db_done(st);
		return -1;
	}
	c->id = db_int(st, 0);
	db_done(st);
	tx_audit(t, "workforce_course.create", "workforce_course", c->id,
		 json_pack("{s:I,s:s,s:I,s:I}", "class_id", (json_int_t)c->in->class_id, "grade",
			   c->in->grade, "exam_plan_id", (json_int_t)c->in->exam_plan_id, "valid_years",
			   (json_int_t)c->in->valid_years));
	return 0;
}

int wf_course_create(db *d, const principal *a, const struct wf_course_input *in, int64_t *id, err *e)
{
	*id = 0;
	if (a->role != ROLE_PROVINCE_ADMIN)
		return err_set(e, 403, "forbidden", NULL, "只有省厅可以设立考评员、督导员资格培训课程",
			       "only the province sets up qualification courses");
	if (in->class_id <= 0)
		return err_set(e, 422, "missing_field", "class_id", "缺少培训班", "missing field 'class_id'");
	if (in->exam_plan_id <= 0)
		return err_set(e, 422, "missing_field", "exam_plan_id", "缺少考试所用的认定计划",
			       "missing field 'exam_plan_id'");
	if (qual_grade_parse(in->grade) == QG_NONE)
		return bad_grade(e);
	if (in->valid_years < 1 || in->valid_years > 10)
		return err_set(e, 422, "invalid_value", "valid_years", "有效期应为 1 到 10 年",
			       "valid_years is 1 to 10");
	struct course_ctx c = {.in = in};
	if (svc_tx(d, a, course_work, &c, e) != 0)
		return -1;
	*id = c.id;
	return 0;
}

static json_t *course_view(db_stmt *st)
{
	enum qual_grade g = qual_grade_parse(db_text(st, 2));
	return json_pack("{s:I,s:I,s:s,s:s,s:s,s:s,s:I,s:I,s:I,s:I,s:s,s:s}", "id", (json_int_t)db_int(st, 0),
			 "class_id", (json_int_t)db_int(st, 1), "grade", db_text(st, 2), "grade_zh",
			 qual_grade_zh(g), "course_title", db_text(st, 3), "institution_name", db_text(st, 4),
			 "exam_plan_id", (json_int_t)db_int(st, 5), "valid_years", (json_int_t)db_int(st, 6),
			 "enrolled", (json_int_t)db_int(st, 7), "qualified", (json_int_t)db_int(st, 8),
			 "starts_on", db_text(st, 9), "ends_on", db_text(st, 10));
}

json_t *wf_course_list_json(db *d, const principal *a, err *e)
{
	if (a->role != ROLE_PROVINCE_ADMIN && a->role != ROLE_CITY_ADMIN)
		return err_set(e, 403, "forbidden", NULL, "无权查看资格培训课程",
			       "you may not read qualification courses"),
		       NULL;
	db_stmt *st = db_query(
		d,
		"SELECT wc.id, wc.class_id, wc.grade, t.title, i.name, wc.exam_plan_id, wc.valid_years, "
		"(SELECT "
		"COUNT(*) FROM training_enrolments x WHERE x.class_id = c.id), (SELECT COUNT(*) FROM "
		"workforce_quals q WHERE q.course_id = wc.id), c.starts_on, c.ends_on FROM workforce_courses "
		"wc "
		"JOIN training_classes c ON c.id = wc.class_id JOIN training_courses t ON t.id = c.course_id "
		"JOIN "
		"institutions i ON i.id = c.institution_id ORDER BY wc.id DESC LIMIT 500",
		NULL, 0, e);
	json_t *items = rows_json(st, course_view, e);
	return items ? json_pack("{s:o}", "items", items) : NULL;
}

/* ---- qualifications ---- */

struct holder {
	char role[24], region[16];
	int64_t inst, person;
	bool disabled;
};

static int load_holder(db *d, int64_t uid, struct holder *h, err *e)
{
	memset(h, 0, sizeof *h);
	db_stmt *st = db_query(
		d,
		"SELECT u.role, u.disabled, COALESCE(u.institution_id, 0), COALESCE(u.person_id, 0), "
		"COALESCE((SELECT i.region_code FROM institutions i WHERE i.id = u.institution_id), (SELECT "
		"sp.region_code FROM supervisor_profiles sp WHERE sp.user_id = u.id), u.region_code, '') "
		"FROM "
		"users u WHERE u.id = $1",
		DB_ARGS(DV_I(uid)), e);
	if (!st)
		return -1;
	int row = db_row(st, e);
	if (row == 1) {
		snprintf(h->role, sizeof h->role, "%s", db_text(st, 0));
		h->disabled = db_int(st, 1) != 0;
		h->inst = db_int(st, 2);
		h->person = db_int(st, 3);
		snprintf(h->region, sizeof h->region, "%s", db_text(st, 4));
	}
	db_done(st);
	if (row < 0)
		return -1;
	if (!row)
		return err_set(e, 404, "not_found", "user_id", "持证人账号不存在", "no such account");
	return 0;
}

/* the SE_QUALIFICATION write rule on the facts a qualification of this holder has */
static int may_write(const principal *a, const struct holder *h, int64_t uid, err *e)
{
	scope_owner o = {.found = true, .institution_id = h->inst, .user_id = uid};
	snprintf(o.region, sizeof o.region, "%s", h->region);
	int v = scope_decide(a, SE_QUALIFICATION, &o, SCOPE_WRITE);
	if (v == 404)
		return err_set(e, 404, "not_found", "user_id", "持证人账号不存在", "no such account");
	if (v == 403)
		return err_set(
			e, 403, "forbidden", NULL, "只有省厅或持证人所在地市可以核发、延续、取消资格",
			"only the province or the holder's city grants, renews and removes qualifications");
	return 0;
}

struct grant_ctx {
	const struct wf_qual_input *in;
	enum qual_grade grade;
	int64_t id;
};

/* course facts: grade, validity, the class, enrolled, attended and needed hours, the passed result */
static int course_facts(db *d, int64_t course, int64_t person, enum qual_grade *g, int64_t *years,
			int64_t *result, err *e)
{
	db_stmt *st =
		db_query(d,
			 "SELECT wc.grade, wc.valid_years, c.completion_hours, (SELECT COUNT(*) FROM "
			 "training_enrolments x "
			 "WHERE x.class_id = c.id AND x.person_id = $2), COALESCE((SELECT SUM(s.hours) FROM "
			 "training_attendance ta JOIN training_sessions s ON s.id = ta.session_id WHERE "
			 "s.class_id = c.id "
			 "AND ta.person_id = $2), 0), COALESCE((SELECT MAX(r.id) FROM results r JOIN plans "
			 "ep ON ep.id = "
			 "wc.exam_plan_id WHERE r.person_id = $2 AND r.passed = 1 AND (r.plan_id = ep.id OR "
			 "(r.plan_id IS "
			 "NULL AND r.institution_id = ep.institution_id AND r.occupation_code = "
			 "ep.occupation_code AND "
			 "r.level = ep.level AND r.exam_date >= c.starts_on AND r.exam_date <= "
			 "ep.exam_date))), 0) FROM "
			 "workforce_courses wc JOIN "
			 "training_classes c ON c.id = wc.class_id WHERE wc.id = $1",
			 DB_ARGS(DV_I(course), DV_I(person)), e);
	if (!st)
		return -1;
	int row = db_row(st, e);
	int64_t need = 0, enrolled = 0, hours = 0;
	if (row == 1) {
		*g = qual_grade_parse(db_text(st, 0));
		*years = db_int(st, 1);
		need = db_int(st, 2);
		enrolled = db_int(st, 3);
		hours = db_int(st, 4);
		*result = db_int(st, 5);
	}
	db_done(st);
	if (row < 0)
		return -1;
	if (!row)
		return err_set(e, 404, "not_found", "course_id", "资格培训课程不存在",
			       "no such qualification course");
	if (!enrolled || hours < need)
		return err_set(e, 422, "course_not_completed", "course_id",
			       "培训未结业：已出勤 %lld 学时，结业须 %lld 学时",
			       "the course is not completed: %lld of %lld hours attended", (long long)hours,
			       (long long)need);
	if (!*result)
		return err_set(e, 422, "exam_not_passed", "course_id",
			       "资格考试未通过（该课程的认定计划中无合格成绩）",
			       "the course's exam is not passed (no passed result in its plan)");
	return 0;
}

static int grant_work(tx *t, void *ctx, err *e)
{
	struct grant_ctx *c = ctx;
	const struct wf_qual_input *in = c->in;
	db *d = t->d;
	c->id = 0;
	/* the holder's account row first: grants for one account take turns, so the second finds the first
	 * (already_qualified) */
	if (db_run(d, "UPDATE users SET disabled = disabled WHERE id = $1", DB_ARGS(DV_I(in->user_id)), e) <
	    0)
		return -1;
	struct holder h;
	if (load_holder(d, in->user_id, &h, e) != 0 || may_write(t->a, &h, in->user_id, e) != 0)
		return -1;
	bool course = !strcmp(in->basis, "course");
	enum qual_grade g = QG_NONE;
	int from = date_today_utc8(), until = 0;
	int64_t years = 0, result = 0;
	if (course) {
		int64_t n = 0;
		if (db_one_int(d, "SELECT COUNT(*) FROM persons WHERE id = $1", DB_ARGS(DV_I(in->person_id)),
			       &n, e) != DB_OK)
			return -1;
		if (!n)
			return err_set(e, 404, "not_found", "person_id", "学员不存在", "no such trainee");
		if (course_facts(d, in->course_id, in->person_id, &g, &years, &result, e) != 0)
			return -1;
		until = date_from_days(date_to_days(date_add_years(from, (int)years)) - 1);
	} else {
		g = qual_grade_parse(in->grade);
		if (date_parse(in->valid_from, &from) != 0 || date_parse(in->valid_until, &until) != 0)
			return -1; /* checked before */
	}
	c->grade = g;
	if (strcmp(h.role, qual_role(g)) || h.disabled)
		return err_set(
			e, 422, "wrong_role", "user_id",
			"考评员、高级考评员资格只授予有效的考评员账号，督导员资格只授予有效的督导员账号",
			"an examiner grade goes to an active examiner account, the supervisor grade to an "
			"active supervisor account");
	char f[11], u[11];
	date_format(from, f);
	date_format(until, u);
	int64_t dup = 0;
	if (db_one_int(d,
		       "SELECT COUNT(*) FROM workforce_quals WHERE user_id = $1 AND grade = $2 AND status = "
		       "'active' AND valid_until >= $3",
		       DB_ARGS(DV_I(in->user_id), DV_S(qual_grade_name(g)), DV_S(f)), &dup, e) != DB_OK)
		return -1;
	if (dup)
		return err_set(e, 409, "already_qualified", "user_id", "该账号已持有有效的%s资格，请办理延续",
			       "the account already holds a valid %s qualification: renew it",
			       qual_grade_zh(g));
	int64_t now = now_s();
	db_stmt *st =
		db_query(d,
			 "INSERT INTO workforce_quals (user_id, grade, cert_no, region_code, institution_id, "
			 "valid_from, "
			 "valid_until, basis, course_id, result_id, note, status, created_by, created_at, "
			 "person_id) VALUES "
			 "($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,'active',$12,$13,$14) RETURNING id",
			 DB_ARGS(DV_I(in->user_id), DV_S(qual_grade_name(g)), DV_S(course ? "" : in->cert_no),
				 DV_S(h.region), h.inst ? DV_I(h.inst) : DV_NULL, DV_S(f), DV_S(u),
				 DV_S(in->basis), course ? DV_I(in->course_id) : DV_NULL,
				 course ? DV_I(result) : DV_NULL, DV_S(in->note ? in->note : ""), WHO(t->a),
				 DV_I(now), course ? DV_I(in->person_id) : DV_NULL),
			 e);
	if (!st || db_row(st, e) != 1) {
		db_done(st);
		return -1;
	}
	c->id = db_int(st, 0);
	db_done(st);
	if (course) {
		/* 证书编号 [GAP]: the format is not in the sources; grade letters, year, the row's number */
		static const char *const prefix[] = {"", "KPY", "GKPY", "DDY"};
		char no[48];
		snprintf(no, sizeof no, "%s-%04d-%06lld", prefix[g], from / 10000, (long long)c->id);
		if (db_run(d, "UPDATE workforce_quals SET cert_no = $1 WHERE id = $2",
			   DB_ARGS(DV_S(no), DV_I(c->id)), e) < 0)
			return -1;
	}
	json_t *det = json_pack("{s:I,s:s,s:s,s:s,s:s}", "user_id", (json_int_t)in->user_id, "grade",
				qual_grade_name(g), "basis", in->basis, "valid_from", f, "valid_until", u);
	if (course) {
		json_object_set_new(det, "course_id", json_integer(in->course_id));
		json_object_set_new(det, "person_id", json_integer(in->person_id));
		json_object_set_new(det, "result_id", json_integer(result));
	}
	tx_audit(t, "qualification.grant", "qualification", c->id, det);
	return 0;
}

int wf_qual_grant(db *d, const principal *a, const struct wf_qual_input *in, int64_t *id, err *e)
{
	*id = 0;
	if (in->user_id <= 0)
		return err_set(e, 422, "missing_field", "user_id", "缺少持证人账号",
			       "missing field 'user_id'");
	if (!in->basis || (strcmp(in->basis, "course") && strcmp(in->basis, "record")))
		return err_set(e, 422, "invalid_value", "basis",
			       "依据应为 course（培训考核）或 record（存量证书登记）",
			       "basis is course or record");
	if (check_text(in->note, "note", NOTE_MAX, false, e) != 0)
		return -1;
	if (!strcmp(in->basis, "course")) {
		if (in->course_id <= 0)
			return err_set(e, 422, "missing_field", "course_id", "缺少资格培训课程",
				       "missing field 'course_id'");
		if (in->person_id <= 0)
			return err_set(e, 422, "missing_field", "person_id", "缺少学员（参训人员）",
				       "missing field 'person_id'");
	} else {
		int f = 0, u = 0;
		if (qual_grade_parse(in->grade) == QG_NONE)
			return bad_grade(e);
		if (check_text(in->cert_no, "cert_no", 40, true, e) != 0)
			return -1;
		if (!in->valid_from || date_parse(in->valid_from, &f) != 0)
			return err_set(e, 422, "invalid_date", "valid_from", "起始日期应为 YYYY-MM-DD",
				       "valid_from must be a date YYYY-MM-DD");
		if (!in->valid_until || date_parse(in->valid_until, &u) != 0)
			return err_set(e, 422, "invalid_date", "valid_until", "有效期至应为 YYYY-MM-DD",
				       "valid_until must be a date YYYY-MM-DD");
		if (u < f)
			return err_set(e, 422, "invalid_dates", "valid_until", "有效期至不能早于起始日期",
				       "valid_until must not be before valid_from");
	}
	struct grant_ctx c = {.in = in};
	if (svc_tx(d, a, grant_work, &c, e) != 0)
		return -1;
	*id = c.id;
	return 0;
}

struct qual_row {
	int64_t user_id;
	char grade[24], status[16], cert_no[48], until[11];
};

/* the qualification as the caller may change it: found and seen (404), the caller's to change (403), still
 * active (409). Taken first, while active: of two renewals or removals at once the second waits and finds it
 * renewed or removed (it reads after the wait) */
static int load_qual(db *d, const principal *a, int64_t id, struct qual_row *q, struct holder *h, err *e)
{
	int64_t held =
		db_run(d, "UPDATE workforce_quals SET status = status WHERE id = $1 AND status = 'active'",
		       DB_ARGS(DV_I(id)), e);
	if (held < 0 || scope_check(d, a, SE_QUALIFICATION, id, SCOPE_READ, NULL, e) != 0)
		return -1;
	db_stmt *st = db_query(
		d, "SELECT user_id, grade, status, cert_no, valid_until FROM workforce_quals WHERE id = $1",
		DB_ARGS(DV_I(id)), e);
	if (!st)
		return -1;
	int row = db_row(st, e);
	if (row == 1) {
		q->user_id = db_int(st, 0);
		snprintf(q->grade, sizeof q->grade, "%s", db_text(st, 1));
		snprintf(q->status, sizeof q->status, "%s", db_text(st, 2));
		snprintf(q->cert_no, sizeof q->cert_no, "%s", db_text(st, 3));
		snprintf(q->until, sizeof q->until, "%s", db_text(st, 4));
	}
	db_done(st);
	if (row < 0)
		return -1;
	if (!row)
		return err_set(e, 404, "not_found", NULL, "资格不存在", "no such qualification");
	if (load_holder(d, q->user_id, h, e) != 0 || may_write(a, h, q->user_id, e) != 0)
		return -1;
	if (!held || strcmp(q->status, "active"))
		return err_set(e, 409, "not_active", NULL, "该资格已延续或已取消",
			       "that qualification was renewed or removed");
	return 0;
}

struct renew_ctx {
	int64_t id, nid;
	const char *until, *note;
};

static int renew_work(tx *t, void *ctx, err *e)
{
	struct renew_ctx *c = ctx;
	struct qual_row q;
	struct holder h;
	if (load_qual(t->d, t->a, c->id, &q, &h, e) != 0)
		return -1;
	int old_until = 0, until = 0, today = date_today_utc8();
	date_parse(q.until, &old_until);
	date_parse(c->until, &until);
	int from = old_until >= today ? date_from_days(date_to_days(old_until) + 1) : today;
	if (until < from)
		return err_set(e, 422, "invalid_dates", "valid_until", "延续后的有效期至应晚于原有效期",
			       "the renewed valid_until must be after the current one");
	char f[11];
	date_format(from, f);
	db_stmt *st = db_query(
		t->d,
		"INSERT INTO workforce_quals (user_id, grade, cert_no, region_code, institution_id, "
		"valid_from, "
		"valid_until, basis, course_id, result_id, renews_id, note, status, created_by, created_at, "
		"person_id) SELECT user_id, grade, cert_no, $2, $3, $4, $5, basis, course_id, result_id, id, "
		"$6, "
		"'active', $7, $8, person_id "
		"FROM workforce_quals WHERE id = $1 RETURNING id",
		DB_ARGS(DV_I(c->id), DV_S(h.region), h.inst ? DV_I(h.inst) : DV_NULL, DV_S(f), DV_S(c->until),
			DV_S(c->note ? c->note : ""), WHO(t->a), DV_I(now_s())),
		e);
	if (!st || db_row(st, e) != 1) {
		db_done(st);
		return -1;
	}
	c->nid = db_int(st, 0);
	db_done(st);
	if (db_run(t->d, "UPDATE workforce_quals SET status = 'renewed' WHERE id = $1", DB_ARGS(DV_I(c->id)),
		   e) < 0)
		return -1;
	tx_audit(t, "qualification.renew", "qualification", c->nid,
		 json_pack("{s:I,s:s,s:s}", "renews_id", (json_int_t)c->id, "valid_from", f, "valid_until",
			   c->until));
	return 0;
}

int wf_qual_renew(db *d, const principal *a, int64_t id, const char *valid_until, const char *note,
		  int64_t *nid, err *e)
{
	*nid = 0;
	int u;
	if (!valid_until || date_parse(valid_until, &u) != 0)
		return err_set(e, 422, "invalid_date", "valid_until", "有效期至应为 YYYY-MM-DD",
			       "valid_until must be a date YYYY-MM-DD");
	if (check_text(note, "note", NOTE_MAX, false, e) != 0)
		return -1;
	char norm[11];
	date_format(u, norm);
	struct renew_ctx c = {.id = id, .until = norm, .note = note};
	if (svc_tx(d, a, renew_work, &c, e) != 0)
		return -1;
	*nid = c.nid;
	return 0;
}

struct remove_ctx {
	int64_t id;
	const char *reason;
};

static int remove_work(tx *t, void *ctx, err *e)
{
	struct remove_ctx *c = ctx;
	struct qual_row q;
	struct holder h;
	if (load_qual(t->d, t->a, c->id, &q, &h, e) != 0)
		return -1;
	bool sup = qual_grade_parse(q.grade) == QG_SUPERVISOR;
	struct credit_event_input ci = {
		.subject_type = sup ? "supervisor" : "examiner",
		.subject_id = q.user_id,
		.kind = sup ? "supervisor_qual_removed" : "examiner_qual_removed",
		.reason = c->reason,
		.source_type = "manual",
	};
	int64_t ev = 0;
	if (credit_record_tx(t, &ci, &ev, e) != 0)
		return -1;
	if (db_run(t->d,
		   "UPDATE workforce_quals SET status = 'removed', removal_event_id = $2, removal_reason = "
		   "$3, "
		   "removed_by = $4, removed_at = $5 WHERE id = $1",
		   DB_ARGS(DV_I(c->id), DV_I(ev), DV_S(c->reason), WHO(t->a), DV_I(now_s())), e) < 0)
		return -1;
	tx_audit(t, "qualification.remove", "qualification", c->id,
		 json_pack("{s:I,s:s,s:I,s:s}", "user_id", (json_int_t)q.user_id, "grade", q.grade,
			   "credit_event_id", (json_int_t)ev, "reason", c->reason));
	return 0;
}

int wf_qual_remove(db *d, const principal *a, int64_t id, const char *reason, err *e)
{
	if (check_text(reason, "reason", REASON_MAX, true, e) != 0)
		return -1;
	struct remove_ctx c = {.id = id, .reason = reason};
	return svc_tx(d, a, remove_work, &c, e);
}

#define QUAL_COLS                                                                                            \
	"wq.id, wq.user_id, u.username, u.display_name, wq.grade, wq.cert_no, wq.region_code, "              \
	"wq.institution_id, wq.valid_from, wq.valid_until, wq.basis, wq.course_id, wq.renews_id, "           \
	"wq.status, "                                                                                        \
	"wq.removal_event_id, wq.removal_reason, wq.removed_at, wq.note, wq.created_at, wq.person_id"

static json_t *qual_view(db_stmt *st)
{
	enum qual_grade g = qual_grade_parse(db_text(st, 4));
	int from = 0, until = 0;
	date_parse(db_text(st, 8), &from);
	date_parse(db_text(st, 9), &until);
	bool active = !strcmp(db_text(st, 13), "active");
	bool valid = qual_valid_on(active, from, until, date_today_utc8());
	json_t *o =
		json_pack("{s:I,s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:o,s:s,s:s,s:s,s:o,s:o,s:s,s:b}", "id",
			  (json_int_t)db_int(st, 0), "user_id", (json_int_t)db_int(st, 1), "username",
			  db_text(st, 2), "display_name", db_text(st, 3), "grade", db_text(st, 4), "grade_zh",
			  qual_grade_zh(g), "cert_no", db_text(st, 5), "region_code", db_text(st, 6),
			  "institution_id", jint_or_null(st, 7), "valid_from", db_text(st, 8), "valid_until",
			  db_text(st, 9), "basis", db_text(st, 10), "course_id", jint_or_null(st, 11),
			  "renews_id", jint_or_null(st, 12), "status", db_text(st, 13), "valid_today", valid);
	json_object_set_new(o, "removal_event_id", jint_or_null(st, 14));
	json_object_set_new(o, "removal_reason", jtext(st, 15));
	json_object_set_new(o, "removed_at", jint_or_null(st, 16));
	json_object_set_new(o, "note", json_string(db_text(st, 17)));
	json_object_set_new(o, "created_at", json_integer(db_int(st, 18)));
	json_object_set_new(o, "person_id", jint_or_null(st, 19));
	return o;
}

static int valid_on_filter(struct query *w, const char *frag, const char *v, err *e)
{
	int ymd;
	if (date_parse(v, &ymd) != 0)
		return err_set(e, 422, "invalid_date", "valid_on", "valid_on 应为日期 YYYY-MM-DD",
			       "valid_on must be a date YYYY-MM-DD");
	char day[11];
	date_format(ymd, day);
	q_and(w, frag, DV_S(day));
	return 0;
}

static const struct list_filter qual_filters[] = {
	{"user_id", "wq.user_id = ?", LIST_ID, 0, NULL},
	{"grade", "wq.grade = ?", LIST_EQ, 0, NULL},
	{"status", "wq.status = ?", LIST_EQ, 0, NULL},
	{"region_code", "wq.region_code LIKE ?", LIST_REGION, 0, NULL},
	{"valid_on", "(wq.status = 'active' AND ? BETWEEN wq.valid_from AND wq.valid_until)", LIST_FN, 0,
	 valid_on_filter},
};
static const struct list_sort qual_sorts[] = {{"valid_until", "wq.valid_until"}, {"username", "u.username"}};
static const struct export_col qual_cols[] = {
	{"username", "账号", NULL},    {"display_name", "姓名", NULL},	 {"grade_zh", "资格等级", NULL},
	{"cert_no", "证书编号", NULL}, {"valid_from", "起始日期", NULL}, {"valid_until", "有效期至", NULL},
	{"status", "状态", NULL},
};

const struct list_spec wf_qual_list = {
	.name = "qualifications",
	.scoped = true,
	.entity = SE_QUALIFICATION,
	.count_sql = "SELECT COUNT(*) FROM workforce_quals wq JOIN users u ON u.id = wq.user_id",
	.select_sql = "SELECT " QUAL_COLS " FROM workforce_quals wq JOIN users u ON u.id = wq.user_id",
	.order = "wq.id DESC",
	LIST_FILTERS(qual_filters),
	LIST_SORTS(qual_sorts),
	.view = qual_view,
	LIST_COLS(qual_cols),
};

json_t *wf_qual_get_json(db *d, const principal *a, int64_t id, err *e)
{
	return list_one(d, a, &wf_qual_list, "wq.id = ?", DV_I(id), "资格不存在", "no such qualification", e);
}

/* ---- the checks ---- */

struct held {
	enum qual_grade g;
	bool active;
	int from, until;
};

static int load_held(db *d, int64_t uid, struct held *hs, size_t cap, size_t *n, bool *removed, err *e)
{
	*n = 0;
	*removed = false;
	db_stmt *st = db_query(
		d,
		"SELECT grade, status, valid_from, valid_until FROM workforce_quals WHERE user_id = $1 "
		"ORDER BY id DESC LIMIT 64",
		DB_ARGS(DV_I(uid)), e);
	if (!st)
		return -1;
	while (db_step(st) == DB_ROW) {
		if (!strcmp(db_text(st, 1), "removed"))
			*removed = true;
		if (*n == cap)
			continue;
		struct held *h = &hs[(*n)++];
		h->g = qual_grade_parse(db_text(st, 0));
		h->active = !strcmp(db_text(st, 1), "active");
		date_parse(db_text(st, 2), &h->from);
		date_parse(db_text(st, 3), &h->until);
	}
	return db_finish(st, e);
}

static enum qual_grade best_of(const struct held *hs, size_t n, enum qual_grade need, const int *days,
			       size_t nd)
{
	enum qual_grade best = QG_NONE;
	for (size_t i = 0; i < n; i++) {
		if (!qual_covers(hs[i].g, need))
			continue;
		bool ok = true;
		for (size_t k = 0; k < nd && ok; k++)
			ok = qual_valid_on(hs[i].active, hs[i].from, hs[i].until, days[k]);
		if (ok && hs[i].g > best)
			best = hs[i].g;
	}
	return best;
}

int wf_best_grade(db *d, int64_t user_id, enum qual_grade need, const int *days, size_t n,
		  enum qual_grade *best, err *e)
{
	struct held hs[64];
	size_t nh;
	bool removed;
	*best = QG_NONE;
	if (load_held(d, user_id, hs, ARRAY_LEN(hs), &nh, &removed, e) != 0)
		return -1;
	*best = best_of(hs, nh, need, days, n);
	return 0;
}

int wf_panel_refuse(db *d, int64_t user_id, int level, const int *days, size_t n, const char *field,
		    bool *senior, err *e)
{
	int64_t ok = 0;
	if (db_one_int(d, "SELECT COUNT(*) FROM users WHERE id = $1 AND role = 'examiner' AND disabled = 0",
		       DB_ARGS(DV_I(user_id)), &ok, e) != DB_OK)
		return -1;
	if (!ok)
		return err_set(e, 422, "not_an_examiner", field, "用户 %lld 不是有效的考评员",
			       "user %lld is not an active examiner", (long long)user_id);
	enum qual_grade best = QG_NONE;
	if (wf_refuse(d, user_id, QG_EXAMINER, days, n, field, e) != 0 ||
	    wf_best_grade(d, user_id, QG_EXAMINER, days, n, &best, e) != 0)
		return -1;
	if (senior)
		*senior = best == QG_SENIOR_EXAMINER;
	if (qual_needed_for_level(level) == QG_SENIOR_EXAMINER && best != QG_SENIOR_EXAMINER)
		return err_set(
			e, 422, "senior_examiners_required", field,
			"账号 %lld 未持有有效的高级考评员资格："
			"二级、一级（及特级、首席技师评聘）的考评组须全部为高级考评员",
			"account %lld holds no valid 高级考评员 qualification: panels of levels 2 and 1 (and "
			"of 特级技师 / 首席技师 posts) take senior examiners only",
			(long long)user_id);
	/* 信用档案: an examiner with a confirmed violation in force is not put on a panel */
	return credit_refuse(d, CREDIT_SUBJ_EXAMINER, user_id, CREDIT_PANEL, field, e);
}

int wf_refuse(db *d, int64_t user_id, enum qual_grade need, const int *days, size_t n, const char *field,
	      err *e)
{
	struct held hs[64];
	size_t nh;
	bool removed;
	if (load_held(d, user_id, hs, ARRAY_LEN(hs), &nh, &removed, e) != 0)
		return -1;
	if (best_of(hs, nh, need, days, n) != QG_NONE)
		return 0;
	bool active_held = false;
	for (size_t i = 0; i < nh; i++)
		active_held |= hs[i].active && qual_covers(hs[i].g, need);
	if (active_held)
		return err_set(e, 422, "qualification_expired", field, "账号 %lld 的%s资格不在有效期内",
			       "account %lld holds no %s qualification valid on the day", (long long)user_id,
			       qual_grade_zh(need));
	if (removed)
		return err_set(e, 422, "qualification_removed", field, "账号 %lld 的%s资格已被取消",
			       "account %lld had its %s qualification removed", (long long)user_id,
			       qual_grade_zh(need));
	return err_set(e, 422, "not_qualified", field, "账号 %lld 未持有%s资格",
		       "account %lld holds no %s qualification", (long long)user_id, qual_grade_zh(need));
}

int wf_profile_sync_tx(tx *t, int64_t uid, const char *cert_no, const char *valid_until, const char *region,
		       int64_t inst, err *e)
{
	db *d = t->d;
	int64_t id = 0, removed = 0;
	char basis[16] = "";
	/* the account's row first, as a grant takes it: a profile saved and a qualification granted at once
	 * register one 督导员 qualification, not two */
	if (db_run(d, "UPDATE users SET disabled = disabled WHERE id = $1", DB_ARGS(DV_I(uid)), e) < 0)
		return -1;
	db_stmt *st = db_query(
		d,
		"SELECT id, basis FROM workforce_quals WHERE user_id = $1 AND grade = 'supervisor' AND "
		"status = 'active' ORDER BY id DESC LIMIT 1",
		DB_ARGS(DV_I(uid)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		id = db_int(st, 0);
		snprintf(basis, sizeof basis, "%s", db_text(st, 1));
	}
	db_done(st);
	if (row < 0)
		return -1;
	char ids[24];
	if (id && !strcmp(basis, "course"))
		return 0;
	if (id) {
		if (db_run(d,
			   "UPDATE workforce_quals SET cert_no = $2, valid_until = $3, region_code = $4, "
			   "institution_id "
			   "= $5 WHERE id = $1",
			   DB_ARGS(DV_I(id), DV_S(cert_no), DV_S(valid_until), DV_S(region),
				   inst ? DV_I(inst) : DV_NULL),
			   e) < 0)
			return -1;
		json_t *det = json_pack("{s:I,s:s,s:s}", "user_id", (json_int_t)uid, "cert_no", cert_no,
					"valid_until", valid_until);
		int rc = tx_audit_now(t, "qualification.record", "qualification", id_text(id, ids), det, e);
		json_decref(det);
		return rc;
	}
	if (db_one_int(d,
		       "SELECT COUNT(*) FROM workforce_quals WHERE user_id = $1 AND grade = 'supervisor' AND "
		       "status = "
		       "'removed'",
		       DB_ARGS(DV_I(uid)), &removed, e) != DB_OK)
		return -1;
	if (removed)
		return 0;
	char from[11];
	date_format(date_today_utc8(), from);
	if (strcmp(valid_until, from) < 0) /* a certificate already past: recorded as it is, never valid */
		snprintf(from, sizeof from, "%s", valid_until);
	st = db_query(d,
		      "INSERT INTO workforce_quals (user_id, grade, cert_no, region_code, institution_id, "
		      "valid_from, "
		      "valid_until, basis, note, status, created_by, created_at) VALUES "
		      "($1,'supervisor',$2,$3,$4,$5,$6,"
		      "'record','督导员名册登记',"
		      "'active',$7,$8) RETURNING id",
		      DB_ARGS(DV_I(uid), DV_S(cert_no), DV_S(region), inst ? DV_I(inst) : DV_NULL, DV_S(from),
			      DV_S(valid_until), WHO(t->a), DV_I(now_s())),
		      e);
	if (!st || db_row(st, e) != 1) {
		db_done(st);
		return -1;
	}
	id = db_int(st, 0);
	db_done(st);
	json_t *det = json_pack("{s:I,s:s,s:s,s:s,s:s,s:s}", "user_id", (json_int_t)uid, "grade",
				"supervisor", "basis", "record", "cert_no", cert_no, "valid_from", from,
				"valid_until", valid_until);
	int rc = tx_audit_now(t, "qualification.grant", "qualification", id_text(id, ids), det, e);
	json_decref(det);
	return rc;
}
