/* view.c: the exam domain's entities as JSON (see view.h) */
#include "util/common.h"
#include "svc/exam/view.h"
#include "svc/base/svc.h"

json_t *item_view(db_stmt *st, bool with_key)
{
	json_t *it = json_pack(
		"{s:I,s:I,s:i,s:s,s:i,s:s,s:s,s:s,s:s,s:o,s:f,s:o}", "id", (json_int_t)db_int(st, 0),
		"item_key", (json_int_t)db_int(st, 1), "version", (int)db_int(st, 2), "occupation_code",
		db_text(st, 3), "level", (int)db_int(st, 4), "kind", db_text(st, 5), "area", db_text(st, 6),
		"knowledge_code", db_text(st, 11), "stem", db_text(st, 7), "options",
		json_loads(db_text(st, 8), 0, NULL), "points", db_double(st, 10), "institution_id",
		db_isnull(st, 12) ? json_null() : json_integer(db_int(st, 12)));
	if (it && with_key)
		json_object_set_new(it, "answer", json_string(db_text(st, 9)));
	return it;
}

json_t *blueprint_cell_view(db_stmt *st)
{
	return json_pack("{s:s,s:s,s:I}", "area", db_text(st, 0), "kind", db_text(st, 1), "count",
			 (json_int_t)db_int(st, 2));
}

/* a sitting's last move (改期/换场, §57): null when it never moved */
static json_t *moved_view(db_stmt *st, int col)
{
	return db_int(st, col)
		       ? json_pack("{s:I,s:I,s:s}", "at", (json_int_t)db_int(st, col), "from_starts_at",
				   (json_int_t)db_int(st, col + 1), "from_room", db_text(st, col + 2))
		       : json_null();
}

json_t *sitting_view(db_stmt *st)
{
	json_t *booking =
		db_isnull(st, 9)
			? json_null()
			: json_pack("{s:I,s:I,s:I,s:s,s:s,s:I,s:I,s:I}", "id", (json_int_t)db_int(st, 9),
				    "room_id", (json_int_t)db_int(st, 10), "site_id",
				    (json_int_t)db_int(st, 11), "site", db_text(st, 12), "room",
				    db_text(st, 13), "starts_at", (json_int_t)db_int(st, 14), "ends_at",
				    (json_int_t)db_int(st, 15), "candidates", (json_int_t)db_int(st, 16));
	return json_pack("{s:I,s:s,s:I,s:i,s:I,s:I,s:I,s:I,s:b,s:o,s:o}", "id", (json_int_t)db_int(st, 0),
			 "room", db_text(st, 1), "starts_at", (json_int_t)db_int(st, 2), "minutes",
			 (int)db_int(st, 3), "admitted", (json_int_t)db_int(st, 4), "sitting",
			 (json_int_t)db_int(st, 5), "submitted", (json_int_t)db_int(st, 6), "invigilators",
			 (json_int_t)db_int(st, 7), "analysed", (int)db_int(st, 8), "booking", booking,
			 "moved", moved_view(st, 17));
}

json_t *invigilator_view(db_stmt *st)
{
	return json_pack("{s:I,s:s,s:s,s:s}", "user_id", (json_int_t)db_int(st, 0), "username",
			 db_text(st, 1), "display_name", db_text(st, 2), "role", db_text(st, 3));
}

json_t *attempt_view(db_stmt *st)
{
	int64_t now = now_s();
	int64_t deadline = db_isnull(st, 4) ? 0 : db_int(st, 4);
	return json_pack("{s:I,s:I,s:s,s:s,s:I,s:i,s:i,s:i,s:s,s:o}", "attempt_id", (json_int_t)db_int(st, 0),
			 "person_id", (json_int_t)db_int(st, 1), "name", db_text(st, 2), "status",
			 db_text(st, 3), "seconds_left", (json_int_t)(deadline > now ? deadline - now : 0),
			 "extra_minutes", (int)db_int(st, 5), "focus_losses", (int)db_int(st, 6), "answered",
			 (int)db_int(st, 7), "note", db_text(st, 8), "score",
			 db_isnull(st, 9) ? json_null() : json_real(db_double(st, 9)));
}

json_t *own_attempt_view(db_stmt *st)
{
	int64_t now = now_s();
	/* deadline and time left let an exam page notice extra time without fetching its paper again */
	int64_t deadline = db_int(st, 7);
	return json_pack("{s:I,s:I,s:s,s:I,s:i,s:s,s:s,s:o,s:I,s:i,s:o}", "attempt_id",
			 (json_int_t)db_int(st, 0), "sitting_id", (json_int_t)db_int(st, 1), "room",
			 db_text(st, 2), "starts_at", (json_int_t)db_int(st, 3), "minutes",
			 (int)db_int(st, 4), "status", db_text(st, 5), "plan", db_text(st, 6), "deadline",
			 deadline ? json_integer(deadline) : json_null(), "seconds_left",
			 (json_int_t)(deadline > now ? deadline - now : 0), "extra_minutes",
			 (int)db_int(st, 8), "moved", moved_view(st, 9));
}

json_t *collusion_view(db_stmt *st)
{
	return json_pack("{s:I,s:I,s:s,s:I,s:s,s:I,s:s,s:I,s:s,s:I,s:I,s:I,s:f,s:f,s:s,s:s,s:I,s:o}", "id",
			 (json_int_t)db_int(st, 0), "sitting_id", (json_int_t)db_int(st, 1), "room",
			 db_text(st, 2), "plan_id", (json_int_t)db_int(st, 3), "plan_title", db_text(st, 4),
			 "attempt_a", (json_int_t)db_int(st, 5), "name_a", db_text(st, 6), "attempt_b",
			 (json_int_t)db_int(st, 7), "name_b", db_text(st, 8), "shared",
			 (json_int_t)db_int(st, 9), "identical", (json_int_t)db_int(st, 10),
			 "identical_wrong", (json_int_t)db_int(st, 11), "omega", db_double(st, 12), "p",
			 db_double(st, 13), "status", db_text(st, 14), "note", db_text(st, 15), "created_at",
			 (json_int_t)db_int(st, 16), "reviewed_at",
			 db_isnull(st, 17) ? json_null() : json_integer(db_int(st, 17)));
}
