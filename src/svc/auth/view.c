/* view.c: accounts and login records as JSON (view.h) */
#include "util/common.h"
#include "svc/auth/view.h"
#include "svc/base/audit_read.h"
#include "core/principal.h"

json_t *user_view(db_stmt *st)
{
	enum role r = ROLE_PUBLIC;
	role_parse(db_text(st, 3), &r);
	json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:s,s:b,s:I}", "id", (json_int_t)db_int(st, 0), "username",
			      db_text(st, 1), "display_name", db_text(st, 2), "role", db_text(st, 3),
			      "role_name", role_name_zh(r), "disabled", (int)db_int(st, 7), "created_at",
			      (json_int_t)db_int(st, 8));
	json_object_set_new(o, "region_code", db_isnull(st, 4) ? json_null() : json_string(db_text(st, 4)));
	json_object_set_new(o, "institution_id",
			    db_isnull(st, 5) ? json_null() : json_integer(db_int(st, 5)));
	json_object_set_new(o, "person_id", db_isnull(st, 6) ? json_null() : json_integer(db_int(st, 6)));
	json_object_set_new(o, "examiner_grade",
			    db_isnull(st, 9) ? json_null() : json_string(db_text(st, 9)));
	return o;
}

json_t *user_view_named(db_stmt *st)
{
	static const char *const keys[3] = {"region_name", "institution_name", "person_name"};
	json_t *o = user_view(st);
	for (int i = 0; i < 3; i++)
		if (!db_isnull(st, 10 + i))
			json_object_set_new(o, keys[i], json_string(db_text(st, 10 + i)));
	return o;
}

json_t *login_view(db_stmt *st)
{
	int64_t at = db_int(st, 1);
	char ts[32];
	audit_time_text(at, ts);
	bool ok = !strcmp(db_text(st, 3), "auth.login");
	json_t *det = json_loads(db_text(st, 4), 0, NULL);
	json_t *uid = ok ? (db_isnull(st, 5) ? json_null() : json_integer(db_int(st, 5)))
			 : json_incref(json_object_get(det, "user_id"));
	json_t *o = json_pack("{s:I,s:I,s:s,s:s,s:s,s:o}", "seq", (json_int_t)db_int(st, 0), "at",
			      (json_int_t)at, "time", ts, "username", db_text(st, 2), "outcome",
			      ok ? "success" : "failure", "user_id", uid ? uid : json_null());
	static const char *const keys[] = {"reason", "client", "failed_logins", "delay_s"};
	for (size_t i = 0; i < ARRAY_LEN(keys); i++) {
		json_t *v = json_object_get(det, keys[i]);
		json_object_set(o, keys[i], v ? v : json_null());
	}
	json_decref(det);
	return o;
}
