/* classes.c: 培训班, enrolment, the timetable and attendance by rotating signed check-in codes (classes.h) */
#include "util/common.h"
#include "svc/training/classes.h"
#include "svc/cultivation/elearn.h"
#include "svc/base/tx.h"
#include "store/query.h"
#include "svc/cert/issuers.h"
#include "crypto/sm2.h"
#include "crypto/sm3.h"
#include "core/date.h"
#include "util/arena.h"
#include "core/fraud.h"
#include "core/geo.h"
#include <ctype.h>
#include "svc/stats/counters.h"

struct cls {
	int64_t id, course_id, inst, teacher, capacity, completion_hours;
	char region[16];
};

static int not_found(err *e)
{
	return err_set(e, 404, "not_found", NULL, "培训班不存在", "no such class");
}

/* the institution's own admin and staff manage its classes */
static bool manages(const principal *a, int64_t inst)
{
	return (a->role == ROLE_INSTITUTION_ADMIN || a->role == ROLE_INSTITUTION_STAFF) &&
	       a->institution_id == inst;
}

/* the province reads all, a city its region's */
static bool reads_region(const principal *a, const char *region)
{
	if (a->role != ROLE_PROVINCE_ADMIN && a->role != ROLE_CITY_ADMIN)
		return false;
	size_t n = strlen(a->region);
	return n > 0 && !strncmp(region, a->region, n);
}

static int is_enrolled(db *d, int64_t class_id, int64_t person, bool *out, err *e)
{
	int64_t n = 0;
	*out = false;
	if (person <= 0)
		return 0;
	if (db_one_int(d, "SELECT COUNT(*) FROM training_enrolments WHERE class_id = $1 AND person_id = $2",
		       DB_ARGS(DV_I(class_id), DV_I(person)), &n, e) != DB_OK)
		return -1;
	*out = n > 0;
	return 0;
}

static int class_load(db *d, int64_t id, struct cls *c, err *e)
{
	db_stmt *st =
		db_query(d,
			 "SELECT c.course_id, c.institution_id, c.teacher_user_id, c.capacity, "
			 "c.completion_hours, i.region_code FROM training_classes c JOIN institutions i ON "
			 "i.id = c.institution_id WHERE c.id = $1",
			 DB_ARGS(DV_I(id)), e);
	if (!st)
		return -1;
	int rc = db_row(st, e);
	if (rc == 1) {
		*c = (struct cls){.id = id,
				  .course_id = db_int(st, 0),
				  .inst = db_int(st, 1),
				  .teacher = db_int(st, 2),
				  .capacity = db_int(st, 3),
				  .completion_hours = db_int(st, 4)};
		snprintf(c->region, sizeof c->region, "%s", db_text(st, 5) ? db_text(st, 5) : "");
	}
	if (db_finish(st, e) != 0)
		return -1;
	if (rc == 0)
		return not_found(e);
	return rc == 1 ? 0 : -1;
}

/* 0 may write; -1 with 403 (may read) or 404 */
static int check_manage(db *d, const principal *a, const struct cls *c, err *e)
{
	if (manages(a, c->inst))
		return 0;
	bool enr = false;
	if (a->role == ROLE_CANDIDATE && is_enrolled(d, c->id, a->person_id, &enr, e) != 0)
		return -1;
	if (reads_region(a, c->region) || enr)
		return err_set(e, 403, "forbidden", NULL, "培训班由培训机构管理",
			       "a class is managed by its training institution");
	return not_found(e);
}

/* ---- classes ---- */

struct class_ctx {
	int64_t id, course_id, inst, capacity, hours;
	const struct training_class_input *in;
};

static int class_work(tx *t, void *p, err *e)
{
	struct class_ctx *c = p;
	int64_t id = 0;
	if (db_one_int(t->d,
		       "INSERT INTO training_classes (course_id, institution_id, teacher_user_id, starts_on, "
		       "ends_on, capacity, completion_hours, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8) "
		       "RETURNING id",
		       DB_ARGS(DV_I(c->course_id), DV_I(c->inst), DV_I(c->in->teacher_user_id),
			       DV_S(c->in->starts_on), DV_S(c->in->ends_on), DV_I(c->capacity),
			       DV_I(c->hours), DV_I(now_s())),
		       &id, e) != DB_OK)
		return -1;
	c->id = id;
	/* the institution's SM2 key signs the check-in codes: made now if it has none */
	arena *ar = arena_new();
	struct issuer_key k;
	int rc = issuer_key_get(t->d, ar, c->inst, "SM2", true, &k, e);
	arena_free(ar);
	if (rc != 0)
		return -1;
	tx_audit(t, "training.class.create", "training_class", id,
		 json_pack("{sI sI sI ss ss sI sI}", "course_id", (json_int_t)c->course_id, "institution_id",
			   (json_int_t)c->inst, "teacher_user_id", (json_int_t)c->in->teacher_user_id,
			   "starts_on", c->in->starts_on, "ends_on", c->in->ends_on, "capacity",
			   (json_int_t)c->capacity, "completion_hours", (json_int_t)c->hours));
	return 0;
}

static int check_date(const char *s, const char *field, err *e)
{
	int ymd = 0;
	if (!s || date_parse(s, &ymd) != 0)
		return err_set(e, 422, "invalid_date", field, "日期格式应为 YYYY-MM-DD",
			       "a date is YYYY-MM-DD");
	return 0;
}

int64_t training_class_create(db *d, const principal *a, int64_t course_id,
			      const struct training_class_input *in, err *e)
{
	struct class_ctx c = {.course_id = course_id, .in = in};
	int64_t course_cap = 0, course_hours = 0;
	char region[16] = "";
	db_stmt *st =
		db_query(d,
			 "SELECT c.institution_id, c.capacity, c.class_hours, i.region_code FROM "
			 "training_courses c JOIN institutions i ON i.id = c.institution_id WHERE c.id = $1",
			 DB_ARGS(DV_I(course_id)), e);
	if (!st)
		return -1;
	int rc = db_row(st, e);
	if (rc == 1) {
		c.inst = db_int(st, 0);
		course_cap = db_int(st, 1);
		course_hours = db_int(st, 2);
		snprintf(region, sizeof region, "%s", db_text(st, 3) ? db_text(st, 3) : "");
	}
	if (db_finish(st, e) != 0)
		return -1;
	if (rc != 1)
		return rc == 0 ? err_set(e, 404, "not_found", NULL, "培训课程不存在", "no such course") : -1;
	if (!manages(a, c.inst))
		return reads_region(a, region)
			       ? err_set(e, 403, "forbidden", NULL, "培训班由培训机构管理",
					 "a class is managed by its training institution")
			       : err_set(e, 404, "not_found", NULL, "培训课程不存在", "no such course");
	if (check_date(in->starts_on, "starts_on", e) != 0 || check_date(in->ends_on, "ends_on", e) != 0)
		return -1;
	if (strcmp(in->ends_on, in->starts_on) < 0)
		return err_set(e, 422, "invalid_range", "ends_on", "结束日期不能早于开始日期",
			       "the class cannot end before it starts");
	if (in->capacity < 0 || in->completion_hours < 0)
		return err_set(e, 422, "out_of_range", in->capacity < 0 ? "capacity" : "completion_hours",
			       "人数和学时应为正整数", "capacity and hours are positive integers");
	c.capacity = in->capacity > 0 ? in->capacity : course_cap;
	c.hours = in->completion_hours > 0 ? in->completion_hours : course_hours;
	int64_t n = 0;
	if (db_one_int(
		    d,
		    "SELECT COUNT(*) FROM users WHERE id = $1 AND institution_id = $2 AND disabled = 0 AND "
		    "role IN ('institution_admin','institution_staff')",
		    DB_ARGS(DV_I(in->teacher_user_id), DV_I(c.inst)), &n, e) != DB_OK)
		return -1;
	if (!n)
		return err_set(e, 422, "invalid_teacher", "teacher_user_id", "授课教师应为本机构的在用账号",
			       "the teacher is an active account of the institution");
	return svc_tx(d, a, class_work, &c, e) == 0 ? c.id : -1;
}

static int64_t attended_hours(db *d, int64_t class_id, int64_t person, err *e)
{
	int64_t h = 0;
	if (db_one_int(d,
		       "SELECT COALESCE(SUM(s.hours), 0) + " ELEARN_CLASS_HOURS(
			       "$1", "$2") " FROM training_attendance a JOIN training_sessions s ON "
					   "s.id = a.session_id WHERE s.class_id = $1 AND a.person_id = $2",
		       DB_ARGS(DV_I(class_id), DV_I(person)), &h, e) != DB_OK)
		return -1;
	return h;
}

json_t *training_class_get_json(db *d, const principal *a, int64_t class_id, err *e)
{
	struct cls c;
	bool enr = false;
	if (class_load(d, class_id, &c, e) != 0)
		return NULL;
	if (a->role == ROLE_CANDIDATE && is_enrolled(d, class_id, a->person_id, &enr, e) != 0)
		return NULL;
	bool roster = manages(a, c.inst) || reads_region(a, c.region);
	if (!roster && !enr)
		return not_found(e), NULL;
	json_t *o = NULL, *sessions = json_array(), *people = json_array();
	db_stmt *st =
		db_query(d,
			 "SELECT c.starts_on, c.ends_on, t.title, t.occupation_code, t.level FROM "
			 "training_classes c JOIN training_courses t ON t.id = c.course_id WHERE c.id = $1",
			 DB_ARGS(DV_I(class_id)), e);
	if (!st)
		goto fail;
	if (db_row(st, e) != 1) {
		db_done(st);
		if (!err_isset(e))
			not_found(e);
		goto fail;
	}
	o = json_pack("{sI sI sI sI ss ss ss ss sI sI sI}", "id", (json_int_t)class_id, "course_id",
		      (json_int_t)c.course_id, "institution_id", (json_int_t)c.inst, "teacher_user_id",
		      (json_int_t)c.teacher, "starts_on", db_text(st, 0), "ends_on", db_text(st, 1),
		      "course_title", db_text(st, 2), "occupation_code", db_text(st, 3), "level",
		      (json_int_t)db_int(st, 4), "capacity", (json_int_t)c.capacity, "completion_hours",
		      (json_int_t)c.completion_hours);
	if (db_finish(st, e) != 0 || !o)
		goto fail;
	st = db_query(
		d,
		"SELECT id, held_on, hours, starts_at, ends_at FROM training_sessions WHERE class_id = $1 "
		"ORDER BY held_on, starts_at, id",
		DB_ARGS(DV_I(class_id)), e);
	if (!st)
		goto fail;
	while (db_step(st) == DB_ROW)
		json_array_append_new(
			sessions,
			json_pack("{sI ss sI so so}", "id", (json_int_t)db_int(st, 0), "held_on",
				  db_text(st, 1), "hours", (json_int_t)db_int(st, 2), "starts_at",
				  db_isnull(st, 3) ? json_null() : json_string(db_text(st, 3)), "ends_at",
				  db_isnull(st, 4) ? json_null() : json_string(db_text(st, 4))));
	if (db_finish(st, e) != 0)
		goto fail;
	json_object_set_new(o, "sessions", sessions);
	sessions = NULL;
	int64_t enrolled = 0;
	if (db_one_int(d, "SELECT COUNT(*) FROM training_enrolments WHERE class_id = $1",
		       DB_ARGS(DV_I(class_id)), &enrolled, e) != DB_OK)
		goto fail;
	json_object_set_new(o, "enrolled", json_integer((json_int_t)enrolled));
	if (roster) {
		st = db_query(
			d,
			"SELECT e.person_id, COALESCE((SELECT SUM(s.hours) FROM training_attendance a JOIN "
			"training_sessions s ON s.id = a.session_id WHERE s.class_id = e.class_id AND "
			"a.person_id = e.person_id), 0) + " ELEARN_CLASS_HOURS(
				"e.class_id",
				"e.person_id") " FROM training_enrolments e WHERE e.class_id = $1 "
					       "ORDER BY e.person_id",
			DB_ARGS(DV_I(class_id)), e);
		if (!st)
			goto fail;
		while (db_step(st) == DB_ROW) {
			int64_t h = db_int(st, 1);
			json_array_append_new(people,
					      json_pack("{sI sI sb}", "person_id", (json_int_t)db_int(st, 0),
							"attended_hours", (json_int_t)h, "completed",
							h >= c.completion_hours));
		}
		if (db_finish(st, e) != 0)
			goto fail;
		json_object_set_new(o, "trainees", people);
		people = NULL;
	} else {
		int64_t h = attended_hours(d, class_id, a->person_id, e);
		if (h < 0)
			goto fail;
		json_object_set_new(o, "me",
				    json_pack("{sI sI sb}", "person_id", (json_int_t)a->person_id,
					      "attended_hours", (json_int_t)h, "completed",
					      h >= c.completion_hours));
	}
	json_decref(people);
	return o;
fail:
	json_decref(o);
	json_decref(sessions);
	json_decref(people);
	return NULL;
}

/* ---- enrolment ---- */

struct enrol_ctx {
	int64_t class_id, person, capacity;
};

static int enrol_work(tx *t, void *p, err *e)
{
	struct enrol_ctx *c = p;
	int64_t n = 0;
	/* the class row locked first (PostgreSQL: concurrent enrolments in one class queue here, so the count
	   below sees every committed one; SQLite serialises writers anyway): never over capacity */
	if (db_run(t->d, "UPDATE training_classes SET capacity = capacity WHERE id = $1",
		   DB_ARGS(DV_I(c->class_id)), e) < 0)
		return -1;
	if (db_one_int(t->d,
		       "SELECT COUNT(*) FROM training_enrolments WHERE class_id = $1 AND person_id = $2",
		       DB_ARGS(DV_I(c->class_id), DV_I(c->person)), &n, e) != DB_OK)
		return -1;
	if (n)
		return err_set(e, 409, "already_enrolled", "person_id", "已报名该培训班",
			       "already enrolled in this class");
	if (db_one_int(t->d, "SELECT COUNT(*) FROM training_enrolments WHERE class_id = $1",
		       DB_ARGS(DV_I(c->class_id)), &n, e) != DB_OK)
		return -1;
	if (n >= c->capacity)
		return err_set(e, 409, "class_full", NULL, "培训班已满员", "the class is full");
	if (db_run(t->d,
		   "INSERT INTO training_enrolments (class_id, person_id, enrolled_by, created_at) VALUES "
		   "($1,$2,$3,$4)",
		   DB_ARGS(DV_I(c->class_id), DV_I(c->person), DV_I(t->a->user_id), DV_I(now_s())), e) < 0)
		return e->status == 409 ? err_set(e, 409, "already_enrolled", "person_id", "已报名该培训班",
						  "already enrolled in this class")
					: -1;
	if (stat_count(t, STE_ENROLMENT, DV_I(c->class_id), DV_I(c->person), +1, e) != 0)
		return -1;
	tx_audit(t, "training.class.enrol", "training_class", c->class_id,
		 json_pack("{sI}", "person_id", (json_int_t)c->person));
	return 0;
}

int training_enrol(db *d, const principal *a, int64_t class_id, int64_t person_id, err *e)
{
	struct cls c;
	if (class_load(d, class_id, &c, e) != 0)
		return -1;
	struct enrol_ctx x = {.class_id = class_id, .person = person_id, .capacity = c.capacity};
	if (a->role == ROLE_CANDIDATE) {
		if (person_id && person_id != a->person_id)
			return err_set(e, 403, "forbidden", "person_id", "只能为本人报名",
				       "a trainee enrols only themself");
		x.person = a->person_id;
	} else if (check_manage(d, a, &c, e) != 0) {
		return -1;
	}
	int64_t n = 0;
	if (x.person <= 0 ||
	    db_one_int(d, "SELECT COUNT(*) FROM persons WHERE id = $1", DB_ARGS(DV_I(x.person)), &n, e) !=
		    DB_OK ||
	    !n)
		return err_isset(e) ? -1
				    : err_set(e, 422, "invalid_person", "person_id", "人员不存在",
					      "no such person");
	return svc_tx(d, a, enrol_work, &x, e);
}

/* ---- sessions ---- */

struct session_ctx {
	int64_t id, class_id;
	const struct training_session_input *in;
};

static int session_work(tx *t, void *p, err *e)
{
	struct session_ctx *c = p;
	const struct training_session_input *in = c->in;
	if (db_one_int(t->d,
		       "INSERT INTO training_sessions (class_id, held_on, hours, starts_at, ends_at, "
		       "created_at) "
		       "VALUES ($1,$2,$3,$4,$5,$6) RETURNING id",
		       DB_ARGS(DV_I(c->class_id), DV_S(in->held_on), DV_I(in->hours), DV_S(in->starts_at),
			       DV_S(in->ends_at), DV_I(now_s())),
		       &c->id, e) != DB_OK)
		return -1;
	tx_audit(t, "training.session.create", "training_session", c->id,
		 json_pack("{sI ss ss ss sI}", "class_id", (json_int_t)c->class_id, "held_on", in->held_on,
			   "starts_at", in->starts_at, "ends_at", in->ends_at, "hours",
			   (json_int_t)in->hours));
	return 0;
}

int64_t training_session_create(db *d, const principal *a, int64_t class_id,
				const struct training_session_input *in, err *e)
{
	struct cls c;
	if (class_load(d, class_id, &c, e) != 0 || check_manage(d, a, &c, e) != 0 ||
	    check_date(in->held_on, "held_on", e) != 0)
		return -1;
	int s = hhmm_parse(in->starts_at), en = hhmm_parse(in->ends_at);
	if (s < 0 || en < 0)
		return err_set(e, 422, "invalid_time", s < 0 ? "starts_at" : "ends_at",
			       "上课时间格式应为 HH:MM", "a time of day is HH:MM");
	if (en <= s)
		return err_set(e, 422, "invalid_range", "ends_at", "下课时间应晚于上课时间",
			       "a session ends after it starts");
	if (in->hours < 1 || in->hours > 12)
		return err_set(e, 422, "out_of_range", "hours", "每次课时应为 1 到 12",
			       "a session counts 1 to 12 hours");
	struct session_ctx x = {.class_id = class_id, .in = in};
	return svc_tx(d, a, session_work, &x, e) == 0 ? x.id : -1;
}

/* ---- check-in codes ---- */

static int session_class(db *d, int64_t session_id, int64_t *class_id, int64_t *hours, err *e)
{
	db_stmt *st = db_query(d, "SELECT class_id, hours FROM training_sessions WHERE id = $1",
			       DB_ARGS(DV_I(session_id)), e);
	if (!st)
		return -1;
	int rc = db_row(st, e);
	if (rc == 1) {
		*class_id = db_int(st, 0);
		*hours = db_int(st, 1);
	}
	if (db_finish(st, e) != 0)
		return -1;
	if (rc == 0)
		return err_set(e, 404, "not_found", NULL, "课次不存在", "no such session");
	return rc == 1 ? 0 : -1;
}

static void code_message(char *buf, size_t n, int64_t class_id, int64_t session_id, int64_t window)
{
	snprintf(buf, n, "jineng-checkin|%lld|%lld|%lld", (long long)class_id, (long long)session_id,
		 (long long)window);
}

json_t *training_session_code(db *d, const principal *a, int64_t session_id, int64_t at, err *e)
{
	int64_t class_id = 0, hours = 0, now = now_s();
	struct cls c;
	if (session_class(d, session_id, &class_id, &hours, e) != 0 || class_load(d, class_id, &c, e) != 0)
		return NULL;
	if (a->user_id != c.teacher && check_manage(d, a, &c, e) != 0) {
		if (e->status == 404)
			err_set(e, 404, "not_found", NULL, "课次不存在", "no such session");
		return NULL;
	}
	if (at == 0)
		at = now;
	if (at > now || at < now - 86400)
		return err_set(e, 422, "out_of_range", "at", "只能生成当前或过去一天内的签到码",
			       "a code is made for now or a time in the past day"),
		       NULL;
	int64_t w = at / CHECKIN_WINDOW_S;
	arena *ar = arena_new();
	json_t *o = NULL;
	struct issuer_key k;
	char msg[96];
	size_t siglen = 0;
	code_message(msg, sizeof msg, class_id, session_id, w);
	if (issuer_key_get(d, ar, c.inst, "SM2", false, &k, e) == 0) {
		uint8_t *sig = sm2_sign(ar, k.private_key, msg, strlen(msg), &siglen);
		if (!sig) {
			ERR_INTERNAL(e, "SM2 signing failed");
		} else {
			char *code = arena_printf(ar, "v1.%lld.%lld.%lld.%s", (long long)class_id,
						  (long long)session_id, (long long)w,
						  b64url_encode(ar, sig, siglen));
			o = json_pack("{ss sI sI sI sI si}", "code", code, "class_id", (json_int_t)class_id,
				      "session_id", (json_int_t)session_id, "window", (json_int_t)w,
				      "valid_until",
				      (json_int_t)((w + 1 + CHECKIN_TOLERANCE) * CHECKIN_WINDOW_S),
				      "period_s", CHECKIN_WINDOW_S);
		}
	}
	arena_free(ar);
	return o;
}

struct checkin_ctx {
	int64_t class_id, session_id, window, person, hours, completion;
	const struct training_checkin_input *in;
	struct checkin_facts f;
	int distance_m;
	int64_t attended;
};

static int already(err *e)
{
	return err_set(e, 409, "already_checked_in", "code", "本课次已签到，签到码不能重复使用",
		       "already checked in to this session: a code is not used twice");
}

static int device_taken(err *e)
{
	return err_set(e, 409, "device_in_use", "device_id", "该设备已为本班另一名学员签到，不能代签",
		       "this device already checked in another trainee of the class: no proxy check-ins");
}

static int checkin_work(tx *t, void *p, err *e)
{
	struct checkin_ctx *c = p;
	int64_t n = 0, now = now_s();
	if (db_one_int(t->d,
		       "SELECT COUNT(*) FROM training_attendance WHERE session_id = $1 AND person_id = $2",
		       DB_ARGS(DV_I(c->session_id), DV_I(c->person)), &n, e) != DB_OK)
		return -1;
	if (n)
		return already(e);
	/* the device's binding in this class (a second trainee on it is refused) */
	int64_t owner = 0;
	int rc = db_one_int(
		t->d, "SELECT person_id FROM training_device_bindings WHERE class_id = $1 AND device_id = $2",
		DB_ARGS(DV_I(c->class_id), DV_S(c->in->device_id)), &owner, e);
	if (rc != DB_OK && rc != DB_NOT_FOUND)
		return -1;
	c->f.device_owner = rc == DB_OK ? owner : 0;
	c->f.now = now;
	if (checkin_check(&c->f, &c->distance_m, e) != 0)
		return -1;
	if (!c->f.device_owner &&
	    db_run(t->d,
		   "INSERT INTO training_device_bindings (class_id, device_id, person_id, bound_at) VALUES "
		   "($1,$2,$3,$4)",
		   DB_ARGS(DV_I(c->class_id), DV_S(c->in->device_id), DV_I(c->person), DV_I(now)), e) < 0)
		/* another trainee bound the device at the same moment */
		return e->status == 409 ? device_taken(e) : -1;
	/* the enrolment's counters before and after the check-in: it may complete the class */
	if (stat_count(t, STE_ENROLMENT, DV_I(c->class_id), DV_I(c->person), -1, e) != 0)
		return -1;
	if (db_run(t->d,
		   "INSERT INTO training_attendance (session_id, person_id, code_window, checked_at, "
		   "device_id, "
		   "latitude, longitude, distance_m) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)",
		   DB_ARGS(DV_I(c->session_id), DV_I(c->person), DV_I(c->window), DV_I(now),
			   DV_S(c->in->device_id), c->in->has_location ? DV_D(c->in->latitude) : DV_NULL,
			   c->in->has_location ? DV_D(c->in->longitude) : DV_NULL,
			   c->distance_m >= 0 ? DV_I(c->distance_m) : DV_NULL),
		   e) < 0)
		/* the same code submitted twice at once: the key refuses the second */
		return e->status == 409 ? already(e) : -1;
	if (stat_count(t, STE_ENROLMENT, DV_I(c->class_id), DV_I(c->person), +1, e) != 0)
		return -1;
	c->attended = attended_hours(t->d, c->class_id, c->person, e);
	if (c->attended < 0)
		return -1;
	tx_audit(t, "training.attendance.checkin", "training_session", c->session_id,
		 json_pack("{sI sI sI ss so}", "class_id", (json_int_t)c->class_id, "person_id",
			   (json_int_t)c->person, "window", (json_int_t)c->window, "device_id",
			   c->in->device_id, "distance_m",
			   c->distance_m >= 0 ? json_integer(c->distance_m) : json_null()));
	return 0;
}

static int bad_code(err *e)
{
	return err_set(e, 422, "bad_code", "code", "签到码无效", "the check-in code is not genuine");
}

/* a device identifier the phone keeps: 8-64 of [A-Za-z0-9_-] */
static bool device_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n < 8 || n > 64)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '-' && s[i] != '_')
			return false;
	return true;
}

/* the session's day, hours and site, and the check-in rule of the institution's region */
static int session_facts(db *d, int64_t session_id, const char *region, struct checkin_facts *f, err *e)
{
	db_stmt *st = db_query(d,
			       "SELECT s.held_on, s.starts_at, s.ends_at, si.latitude, si.longitude FROM "
			       "training_sessions s JOIN training_classes c ON c.id = s.class_id JOIN "
			       "training_courses t ON t.id = c.course_id JOIN training_sites si ON si.id = "
			       "t.site_id WHERE s.id = $1",
			       DB_ARGS(DV_I(session_id)), e);
	if (!st)
		return -1;
	int rc = db_row(st, e);
	if (rc == 1) {
		int ymd = 0;
		date_parse(db_text(st, 0), &ymd);
		f->held_on = ymd;
		f->start_min = db_isnull(st, 1) ? -1 : hhmm_parse(db_text(st, 1));
		f->end_min = db_isnull(st, 2) ? -1 : hhmm_parse(db_text(st, 2));
		if (f->start_min < 0 || f->end_min < 0)
			f->start_min = -1;
		f->site_located = !db_isnull(st, 3) && !db_isnull(st, 4);
		f->site_lat = db_double(st, 3);
		f->site_lon = db_double(st, 4);
	}
	if (db_finish(st, e) != 0)
		return -1;
	if (rc != 1)
		return bad_code(e);
	st = db_query(
		d,
		"SELECT grace_min, radius_m FROM training_checkin_rules WHERE $1 LIKE region_code || '%' "
		"ORDER BY LENGTH(region_code) DESC LIMIT 1",
		DB_ARGS(DV_S(region)), e);
	if (!st)
		return -1;
	rc = db_row(st, e);
	/* without a rule: no grace, the tightest radius the table allows */
	f->grace_min = rc == 1 ? (int)db_int(st, 0) : 0;
	f->radius_m = rc == 1 ? (int)db_int(st, 1) : 50;
	return db_finish(st, e) != 0 || rc < 0 ? -1 : 0;
}

json_t *training_checkin(db *d, const principal *a, const struct training_checkin_input *in, err *e)
{
	long long cl = 0, se = 0, w = 0;
	int used = 0;
	const char *code = in->code;
	if (a->role != ROLE_CANDIDATE || a->person_id <= 0)
		return err_set(e, 403, "forbidden", NULL, "只有学员本人可以签到", "only a trainee checks in"),
		       NULL;
	if (!code || sscanf(code, "v1.%lld.%lld.%lld.%n", &cl, &se, &w, &used) != 3 || used <= 0 ||
	    !code[used] || strlen(code) > 400)
		return bad_code(e), NULL;
	if (!device_ok(in->device_id))
		return err_set(e, 422, "invalid_device", "device_id",
			       "设备标识应为手机保存的 8 到 64 位字母、数字、- 或 _",
			       "device_id is the phone's kept identifier: 8 to 64 of letters, digits, - and "
			       "_"),
		       NULL;
	if (in->has_location && !geo_valid(in->latitude, in->longitude))
		return err_set(e, 422, "out_of_range", "latitude", "定位坐标无效",
			       "the location is not a valid latitude and longitude"),
		       NULL;
	int64_t class_id = 0, hours = 0;
	struct cls c;
	if (session_class(d, se, &class_id, &hours, e) != 0) {
		if (e->status == 404)
			bad_code(e);
		return NULL;
	}
	if (class_id != cl)
		return bad_code(e), NULL;
	if (class_load(d, class_id, &c, e) != 0)
		return NULL;
	arena *ar = arena_new();
	struct issuer_key k;
	size_t siglen = 0;
	char msg[96];
	code_message(msg, sizeof msg, class_id, se, w);
	int ok = issuer_key_get(d, ar, c.inst, "SM2", false, &k, e) == 0;
	uint8_t *sig = ok ? b64url_decode(ar, code + used, &siglen) : NULL;
	ok = ok && sig && sm2_verify(k.public_pem, msg, strlen(msg), sig, siglen) == 1;
	arena_free(ar);
	if (!ok) {
		err_clear(e);
		return bad_code(e), NULL;
	}
	int64_t now_w = now_s() / CHECKIN_WINDOW_S;
	if (w < now_w - CHECKIN_TOLERANCE || w > now_w + CHECKIN_TOLERANCE)
		return err_set(e, 422, "code_expired", "code", "签到码已过期，请扫描当前的签到码",
			       "the check-in code has expired: scan the current one"),
		       NULL;
	bool enr = false;
	if (is_enrolled(d, class_id, a->person_id, &enr, e) != 0)
		return NULL;
	if (!enr)
		return err_set(e, 403, "not_enrolled", "code", "未报名该培训班，不能签到",
			       "not enrolled in this class: cannot check in"),
		       NULL;
	struct checkin_ctx x = {.class_id = class_id,
				.session_id = se,
				.window = w,
				.person = a->person_id,
				.hours = hours,
				.completion = c.completion_hours,
				.in = in,
				.distance_m = -1};
	if (session_facts(d, se, c.region, &x.f, e) != 0)
		return NULL;
	x.f.person = a->person_id;
	x.f.has_location = in->has_location;
	x.f.lat = in->latitude;
	x.f.lon = in->longitude;
	if (svc_tx(d, a, checkin_work, &x, e) != 0)
		return NULL;
	return json_pack("{sI sI sI sI sI sb so}", "class_id", (json_int_t)class_id, "session_id",
			 (json_int_t)se, "hours", (json_int_t)hours, "attended_hours", (json_int_t)x.attended,
			 "completion_hours", (json_int_t)c.completion_hours, "completed",
			 x.attended >= c.completion_hours, "distance_m",
			 x.distance_m >= 0 ? json_integer(x.distance_m) : json_null());
}

/* ---- the list ---- */

static json_t *class_row_view(db_stmt *st)
{
	return json_pack("{sI sI ss ss sI sI sI ss ss sI sI sI}", "id", (json_int_t)db_int(st, 0),
			 "course_id", (json_int_t)db_int(st, 1), "course_title", db_text(st, 2),
			 "occupation_code", db_text(st, 3), "level", (json_int_t)db_int(st, 4),
			 "institution_id", (json_int_t)db_int(st, 5), "teacher_user_id",
			 (json_int_t)db_int(st, 6), "starts_on", db_text(st, 7), "ends_on", db_text(st, 8),
			 "capacity", (json_int_t)db_int(st, 9), "completion_hours",
			 (json_int_t)db_int(st, 10), "enrolled", (json_int_t)db_int(st, 11));
}

/* who sees which classes: the province all, a city its region's, the institution its own, a trainee those
 * they are enrolled in; nobody else any */
static int class_where(struct query *w, const principal *a, const char *const *vals, err *e)
{
	UNUSED(vals);
	UNUSED(e);
	switch (a->role) {
	case ROLE_PROVINCE_ADMIN:
		break;
	case ROLE_CITY_ADMIN:
		q_and_like(w, "i.region_code LIKE ?", "", a->region, "%");
		break;
	case ROLE_INSTITUTION_ADMIN:
	case ROLE_INSTITUTION_STAFF:
		q_and(w, "c.institution_id = ?", DV_I(a->institution_id));
		break;
	case ROLE_CANDIDATE:
		q_and(w,
		      "EXISTS (SELECT 1 FROM training_enrolments x WHERE x.class_id = c.id AND x.person_id = "
		      "?)",
		      DV_I(a->person_id));
		break;
	default:
		q_and(w, "1 = 0", DV_NULL);
	}
	return 0;
}

static const struct list_filter class_filters[] = {
	{"course_id", "c.course_id = ?", LIST_ID, 0, NULL},
	{"institution_id", "c.institution_id = ?", LIST_ID, 0, NULL},
	{"region_code", "i.region_code LIKE ?", LIST_REGION, 0, NULL},
};

static const struct list_sort class_sorts[] = {
	{"id", "c.id"},
	{"starts_on", "c.starts_on"},
};

static const struct export_col class_cols[] = {
	{"id", "编号"},		  {"course_title", "课程"},	    {"occupation_code", "职业编码"},
	{"level", "等级"},	  {"starts_on", "开班日期"},	    {"ends_on", "结束日期"},
	{"capacity", "人数上限"}, {"completion_hours", "结业学时"}, {"enrolled", "已报名"},
};

#define CLASS_FROM                                                                                           \
	" FROM training_classes c JOIN training_courses t ON t.id = c.course_id JOIN institutions i ON "     \
	"i.id = "                                                                                            \
	"c.institution_id"

const struct list_spec training_class_list = {
	.name = "training_classes",
	.scoped = false,
	.count_sql = "SELECT COUNT(*)" CLASS_FROM,
	.select_sql =
		"SELECT c.id, c.course_id, t.title, t.occupation_code, t.level, c.institution_id, "
		"c.teacher_user_id, c.starts_on, c.ends_on, c.capacity, c.completion_hours, (SELECT COUNT(*) "
		"FROM training_enrolments x WHERE x.class_id = c.id)" CLASS_FROM,
	.order = "c.id DESC",
	LIST_FILTERS(class_filters),
	LIST_SORTS(class_sorts),
	.view = class_row_view,
	.where = class_where,
	LIST_COLS(class_cols),
};
