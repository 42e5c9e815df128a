/* attendance.c: a class's attendance table (attendance.h) */
#include "util/common.h"
#include "svc/training/attendance.h"
#include "svc/cultivation/elearn.h"
#include "core/mask.h"
#include "core/scope.h"
#include "crypto/pii.h"
#include "util/arena.h"

static int not_found(err *e)
{
	return err_set(e, 404, "not_found", NULL, "培训班不存在", "no such class");
}

/* the institution's own admin and staff; the province; a city over the institution's region */
static bool may_read(const principal *a, int64_t inst, const char *region)
{
	if (a->role == ROLE_INSTITUTION_ADMIN || a->role == ROLE_INSTITUTION_STAFF)
		return a->institution_id == inst;
	if (a->role == ROLE_PROVINCE_ADMIN || a->role == ROLE_CITY_ADMIN)
		return region_covers(a->region, region);
	return false;
}

json_t *training_attendance_json(db *d, const principal *a, int64_t class_id, err *e)
{
	int64_t inst = 0, hours_needed = 0;
	char region[16] = "";
	db_stmt *st =
		db_query(d,
			 "SELECT c.institution_id, c.completion_hours, i.region_code FROM training_classes c "
			 "JOIN institutions i ON i.id = c.institution_id WHERE c.id = $1",
			 DB_ARGS(DV_I(class_id)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		inst = db_int(st, 0);
		hours_needed = db_int(st, 1);
		snprintf(region, sizeof region, "%s", db_text(st, 2));
	}
	db_done(st);
	if (row < 0)
		return NULL;
	if (row == 0 || !may_read(a, inst, region))
		return not_found(e), NULL;

	json_t *o = json_pack("{s:I, s:I, s:[], s:[]}", "class_id", (json_int_t)class_id, "completion_hours",
			      (json_int_t)hours_needed, "sessions", "trainees");
	json_t *sessions = json_object_get(o, "sessions"), *trainees = json_object_get(o, "trainees");
	arena *ar = arena_new();
	db_read_begin(d);
	st = db_query(d,
		      "SELECT s.id, s.held_on, s.hours, (SELECT COUNT(*) FROM training_attendance x WHERE "
		      "x.session_id = s.id) FROM training_sessions s WHERE s.class_id = $1 ORDER BY "
		      "s.held_on, s.id",
		      DB_ARGS(DV_I(class_id)), e);
	if (!st)
		goto fail;
	while (db_step(st) == DB_ROW)
		json_array_append_new(sessions,
				      json_pack("{s:I, s:s, s:I, s:I}", "id", (json_int_t)db_int(st, 0),
						"held_on", db_text(st, 1), "hours", (json_int_t)db_int(st, 2),
						"present", (json_int_t)db_int(st, 3)));
	if (db_finish(st, e))
		goto fail;
	st = db_query(
		d,
		"SELECT e.person_id, p.name, p.id_sealed, COALESCE((SELECT SUM(s.hours) FROM "
		"training_attendance x JOIN training_sessions s ON s.id = x.session_id WHERE s.class_id = "
		"e.class_id AND x.person_id = e.person_id), 0) + " ELEARN_CLASS_HOURS(
			"e.class_id",
			"e.person_id") " FROM training_enrolments e JOIN persons p ON "
				       "p.id = e.person_id WHERE e.class_id = $1 ORDER BY e.person_id",
		DB_ARGS(DV_I(class_id)), e);
	if (!st)
		goto fail;
	while (db_step(st) == DB_ROW) {
		char mid[32] = "";
		const char *idn = pii_open(ar, "id_number", db_text(st, 2));
		mask_id_number(idn ? idn : "", mid, sizeof mid);
		int64_t h = db_int(st, 3);
		json_array_append_new(trainees, json_pack("{s:I, s:s, s:s, s:I, s:b, s:[]}", "person_id",
							  (json_int_t)db_int(st, 0), "name", db_text(st, 1),
							  "id_number", mid, "attended_hours", (json_int_t)h,
							  "completed", h >= hours_needed, "checkins"));
	}
	if (db_finish(st, e))
		goto fail;
	st = db_query(
		d,
		"SELECT x.person_id, x.session_id, x.checked_at FROM training_attendance x JOIN "
		"training_sessions s ON s.id = x.session_id WHERE s.class_id = $1 ORDER BY x.person_id, "
		"x.session_id",
		DB_ARGS(DV_I(class_id)), e);
	if (!st)
		goto fail;
	size_t i = 0, n = json_array_size(trainees);
	while (db_step(st) == DB_ROW) {
		int64_t p = db_int(st, 0);
		while (i < n &&
		       json_integer_value(json_object_get(json_array_get(trainees, i), "person_id")) < p)
			i++;
		json_t *t = json_array_get(trainees, i);
		if (t && json_integer_value(json_object_get(t, "person_id")) == p)
			json_array_append_new(json_object_get(t, "checkins"),
					      json_pack("{s:I, s:I}", "session_id", (json_int_t)db_int(st, 1),
							"checked_at", (json_int_t)db_int(st, 2)));
	}
	if (db_finish(st, e))
		goto fail;
	db_read_end(d);
	arena_free(ar);
	return o;
fail:
	db_read_end(d);
	arena_free(ar);
	json_decref(o);
	return NULL;
}
