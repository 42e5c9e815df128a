/* view.c: the supervision domain's row views (see view.h) */
#include "util/common.h"
#include "svc/supervision/view.h"
#include "core/complaint_flow.h"
#include "core/credit.h"
#include "core/rectify_flow.h"
#include "core/date.h"

static json_t *int_or_null(db_stmt *st, int i)
{
	return db_isnull(st, i) ? json_null() : json_integer(db_int(st, i));
}

static int ymd_of(const char *s)
{
	int v = 0;
	return s && *s && date_parse(s, &v) == 0 ? v : 0;
}

json_t *complaint_view(db_stmt *st)
{
	const char *status = db_text(st, 9);
	int today = date_today_utc8();
	bool ack_late = complaint_overdue(ymd_of(db_text(st, 13)), ymd_of(db_text(st, 15)), today);
	bool reply_late = complaint_overdue(ymd_of(db_text(st, 14)), ymd_of(db_text(st, 16)), today);
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(db_int(st, 0)));
	json_object_set_new(o, "category", json_string(db_text(st, 1)));
	json_object_set_new(o, "category_name", json_string(db_text(st, 2)));
	json_object_set_new(o, "subject_kind", json_string(db_text(st, 3)));
	json_object_set_new(o, "subject_id", int_or_null(st, 4));
	json_object_set_new(o, "institution_id", int_or_null(st, 5));
	json_object_set_new(o, "institution_name", json_string(db_text(st, 6)));
	json_object_set_new(o, "region_code", json_string(db_text(st, 7)));
	json_object_set_new(o, "city", json_string(db_text(st, 8)));
	json_object_set_new(o, "status", json_string(status));
	json_object_set_new(o, "status_zh", json_string(fsm_state_zh(&complaint_fsm, status)));
	json_object_set_new(o, "outcome", json_string(db_text(st, 10)));
	json_object_set_new(o, "anonymous", json_boolean(db_int(st, 11) != 0));
	json_object_set_new(o, "received_on", json_string(db_text(st, 12)));
	json_object_set_new(o, "ack_due", json_string(db_text(st, 13)));
	json_object_set_new(o, "reply_due", json_string(db_text(st, 14)));
	json_object_set_new(o, "acknowledged_on", json_string(db_text(st, 15)));
	json_object_set_new(o, "decided_on", json_string(db_text(st, 16)));
	json_object_set_new(o, "ack_overdue", json_boolean(ack_late));
	json_object_set_new(o, "reply_overdue", json_boolean(reply_late));
	return o;
}

json_t *complaint_record_view(db_stmt *st)
{
	return json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:I}", "id", (json_int_t)db_int(st, 0), "kind",
			 db_text(st, 1), "from_state", db_text(st, 2), "to_state", db_text(st, 3), "text",
			 db_text(st, 4), "actor", db_text(st, 5), "at", (json_int_t)db_int(st, 6));
}

json_t *complaint_category_view(db_stmt *st)
{
	return json_pack("{s:s,s:s,s:s,s:I,s:I,s:s,s:I}", "code", db_text(st, 0), "name", db_text(st, 1),
			 "name_en", db_text(st, 2), "ack_days", (json_int_t)db_int(st, 3), "reply_days",
			 (json_int_t)db_int(st, 4), "source", db_text(st, 5), "updated_at",
			 (json_int_t)db_int(st, 6));
}

json_t *complaint_status_view(db_stmt *st)
{
	const char *status = db_text(st, 0);
	return json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "status", status, "status_zh",
			 fsm_state_zh(&complaint_fsm, status), "status_en",
			 fsm_state_en(&complaint_fsm, status), "category", db_text(st, 1), "category_name",
			 db_text(st, 2), "received_on", db_text(st, 3), "ack_due", db_text(st, 4),
			 "reply_due", db_text(st, 5), "acknowledged_on", db_text(st, 6), "decided_on",
			 db_text(st, 7), "reply", db_text(st, 8));
}

static json_t *text_or_null(db_stmt *st, int col)
{
	return db_isnull(st, col) ? json_null() : json_string(db_text(st, col));
}

json_t *supervisor_view(db_stmt *st)
{
	json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:I,s:b,s:I}", "user_id",
			      (json_int_t)db_int(st, 0), "username", db_text(st, 1), "display_name",
			      db_text(st, 2), "grade", db_text(st, 3), "cert_no", db_text(st, 4),
			      "valid_until", db_text(st, 5), "region_code", db_text(st, 8), "weekdays",
			      db_text(st, 12), "max_per_day", (json_int_t)db_int(st, 13), "disabled",
			      (int)db_int(st, 14), "updated_at", (json_int_t)db_int(st, 15));
	json_object_set_new(o, "institution_id",
			    db_isnull(st, 6) ? json_null() : json_integer(db_int(st, 6)));
	json_object_set_new(o, "institution_name", text_or_null(st, 7));
	json_object_set_new(o, "region_name", text_or_null(st, 9));
	json_object_set_new(o, "latitude", db_isnull(st, 10) ? json_null() : json_real(db_double(st, 10)));
	json_object_set_new(o, "longitude", db_isnull(st, 11) ? json_null() : json_real(db_double(st, 11)));
	return o;
}

json_t *assignment_view(db_stmt *st)
{
	json_t *ex = json_loads(db_text(st, 19) ? db_text(st, 19) : "{}", 0, NULL);
	json_t *o = json_pack(
		"{s:I,s:I,s:s,s:I,s:s,s:I,s:I,s:I,s:s,s:I,s:I,s:s,s:s,s:s,s:I,s:s,s:s,s:I,s:f,s:I,s:o}", "id",
		(json_int_t)db_int(st, 0), "run_id", (json_int_t)db_int(st, 1), "day", db_text(st, 2),
		"sitting_id", (json_int_t)db_int(st, 3), "room", db_text(st, 4), "starts_at",
		(json_int_t)db_int(st, 5), "minutes", (json_int_t)db_int(st, 6), "plan_id",
		(json_int_t)db_int(st, 7), "plan_title", db_text(st, 8), "level", (json_int_t)db_int(st, 9),
		"institution_id", (json_int_t)db_int(st, 10), "institution_name", db_text(st, 11), "address",
		db_text(st, 12), "region_code", db_text(st, 13), "supervisor_id", (json_int_t)db_int(st, 14),
		"supervisor_username", db_text(st, 15), "supervisor_name", db_text(st, 16), "distance_m",
		(json_int_t)db_int(st, 17), "distance_km", (double)db_int(st, 17) / 1000.0, "nth",
		(json_int_t)db_int(st, 18), "explanation", ex ? ex : json_object());
	return o;
}

json_t *credit_event_view(db_stmt *st)
{
	struct credit_facts f = {.withdrawn = !strcmp(db_text(st, 14), "withdrawn")};
	json_t *blocks = json_array();
	if (credit_actions_parse(db_text(st, 8), &f.blocks) == 0)
		for (unsigned bit = 1; bit & CREDIT_ACTIONS_ALL; bit <<= 1)
			if (f.blocks & bit)
				json_array_append_new(blocks, json_string(credit_action_name(bit)));
	date_parse(db_text(st, 9), &f.from);
	if (!db_isnull(st, 10))
		date_parse(db_text(st, 10), &f.until);
	enum credit_state s = credit_state_on(&f, date_today_utc8());
	static const char *const zh[] = {"未生效", "生效中", "已到期", "已撤销"};
	json_t *o = json_pack("{s:I,s:s,s:I,s:o,s:s,s:s,s:s,s:s,s:o,s:s,s:o,s:s,s:s,s:o,s:s,s:s,s:s,s:b}",
			      "id", (json_int_t)db_int(st, 0), "subject_type", db_text(st, 1), "subject_id",
			      (json_int_t)db_int(st, 2), "subject_name", text_or_null(st, 3), "region_code",
			      db_text(st, 4), "kind", db_text(st, 5), "kind_name", db_text(st, 6),
			      "kind_name_en", db_text(st, 7), "blocks", blocks, "from", db_text(st, 9),
			      "until", text_or_null(st, 10), "reason", db_text(st, 11), "source_type",
			      db_text(st, 12), "source_id", int_or_null(st, 13), "status", db_text(st, 14),
			      "state", credit_state_name(s), "state_zh", zh[s], "blocking",
			      s == CREDIT_IN_FORCE && f.blocks != 0);
	json_object_set_new(o, "withdraw_reason", text_or_null(st, 15));
	json_object_set_new(o, "withdrawn_at", int_or_null(st, 16));
	json_object_set_new(o, "withdrawn_by", text_or_null(st, 17));
	json_object_set_new(o, "corrects_id", int_or_null(st, 18));
	json_object_set_new(o, "created_by", text_or_null(st, 19));
	json_object_set_new(o, "created_at", json_integer(db_int(st, 20)));
	return o;
}
json_t *rectify_view(db_stmt *st)
{
	const char *status = db_text(st, 17);
	int due = ymd_of(db_text(st, 16));
	bool late = rectify_overdue(due, rectify_done_on(ymd_of(db_text(st, 19)), ymd_of(db_text(st, 22))),
				    date_today_utc8());
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(db_int(st, 0)));
	json_object_set_new(o, "inspection_id", json_integer(db_int(st, 1)));
	json_object_set_new(o, "sitting_id", json_integer(db_int(st, 2)));
	json_object_set_new(o, "supervisor_id", json_integer(db_int(st, 3)));
	json_object_set_new(o, "item_id", json_integer(db_int(st, 4)));
	json_object_set_new(o, "item_code", json_string(db_text(st, 5)));
	json_object_set_new(o, "theme", json_string(db_text(st, 6)));
	json_object_set_new(o, "item_text", json_string(db_text(st, 7)));
	json_object_set_new(o, "problem_class", int_or_null(st, 8));
	json_object_set_new(o, "institution_id", json_integer(db_int(st, 9)));
	json_object_set_new(o, "institution_name", json_string(db_text(st, 10)));
	json_object_set_new(o, "region_code", json_string(db_text(st, 11)));
	json_object_set_new(o, "finding", json_string(db_text(st, 12)));
	json_object_set_new(o, "days", json_integer(db_int(st, 13)));
	json_object_set_new(o, "term_source", json_string(db_text(st, 14)));
	json_object_set_new(o, "opened_on", json_string(db_text(st, 15)));
	json_object_set_new(o, "due_on", json_string(db_text(st, 16)));
	json_object_set_new(o, "status", json_string(status));
	json_object_set_new(o, "status_zh", json_string(fsm_state_zh(&rectify_fsm, status)));
	json_object_set_new(o, "response", json_string(db_text(st, 18)));
	json_object_set_new(o, "responded_on", json_string(db_text(st, 19)));
	json_object_set_new(o, "decision", json_string(db_text(st, 20)));
	json_object_set_new(o, "escalated_on", json_string(db_text(st, 21)));
	json_object_set_new(o, "closed_on", json_string(db_text(st, 22)));
	json_object_set_new(o, "updated_at", json_integer(db_int(st, 23)));
	json_object_set_new(o, "overdue", json_boolean(late));
	return o;
}

json_t *rectify_record_view(db_stmt *st)
{
	return json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:I}", "id", (json_int_t)db_int(st, 0), "kind",
			 db_text(st, 1), "from_state", db_text(st, 2), "to_state", db_text(st, 3), "text",
			 db_text(st, 4), "actor", db_text(st, 5), "at", (json_int_t)db_int(st, 6));
}

json_t *revoking_view(db_stmt *st)
{
	return json_pack("{s:I,s:I,s:I,s:o,s:I,s:s,s:s,s:s,s:b,s:s,s:s,s:I}", "id", (json_int_t)db_int(st, 0),
			 "institution_id", (json_int_t)db_int(st, 1), "inspection_id",
			 (json_int_t)db_int(st, 2), "rectification_id", int_or_null(st, 3), "version",
			 (json_int_t)db_int(st, 4), "code", db_text(st, 5), "situation", db_text(st, 6),
			 "reason", db_text(st, 7), "suspended", db_int(st, 8) != 0, "confirmed_by",
			 db_text(st, 9), "confirmed_on", db_text(st, 10), "at", (json_int_t)db_int(st, 11));
}
