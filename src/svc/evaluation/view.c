/* view.c: the evaluation domain's entities as JSON (see view.h) */
#include "util/common.h"
#include "svc/evaluation/view.h"
#include "core/plan_flow.h"

static json_t *text_or_null(db_stmt *st, int i)
{
	return db_isnull(st, i) ? json_null() : json_string(db_text(st, i));
}

static json_t *int_or_null(db_stmt *st, int i)
{
	return db_isnull(st, i) ? json_null() : json_integer(db_int(st, i));
}

static json_t *num_or_null(db_stmt *st, int i)
{
	return db_isnull(st, i) ? json_null() : json_real(db_double(st, i));
}

json_t *plan_view(db_stmt *st)
{
	json_t *o = json_pack(
		"{s:I,s:I,s:s,s:s,s:s,s:s,s:i,s:s,s:s,s:s,s:s,s:s,s:i,s:s,s:i,s:o,s:s,s:s,s:s,s:I}", "id",
		(json_int_t)db_int(st, 0), "institution_id", (json_int_t)db_int(st, 1), "institution",
		db_text(st, 2), "occupation_code", db_text(st, 3), "occupation", db_text(st, 4), "work_type",
		db_text(st, 5), "level", (int)db_int(st, 6), "template", db_text(st, 7), "title",
		db_text(st, 8), "reg_start", db_text(st, 9), "reg_end", db_text(st, 10), "exam_date",
		db_text(st, 11), "capacity", (int)db_int(st, 12), "subjects", db_text(st, 13),
		"publicity_days", (int)db_int(st, 14), "publicity_end", text_or_null(st, 15), "status",
		db_text(st, 16), "status_name", fsm_state_zh(&plan_fsm, db_text(st, 16)), "status_reason",
		db_text(st, 17), "registrations", (json_int_t)db_int(st, 18));
	/* 企业评价规范: the version a self-evaluating enterprise's plan runs on (null: the national standard)
	 */
	if (o)
		json_object_set_new(o, "norm",
				    db_isnull(st, 19)
					    ? json_null()
					    : json_pack("{s:I,s:I}", "id", (json_int_t)db_int(st, 19),
							"version", (json_int_t)db_int(st, 20)));
	return o;
}

json_t *plan_history_view(db_stmt *st)
{
	return json_pack("{s:s,s:s,s:s,s:I}", "from", db_text(st, 0), "to", db_text(st, 1), "reason",
			 db_text(st, 2), "at", (json_int_t)db_int(st, 3));
}

json_t *registration_view(db_stmt *st)
{
	return json_pack("{s:I,s:I,s:I,s:s,s:s,s:s,s:b,s:o,s:o,s:o,s:s,s:s,s:I,s:s,s:b}", "id",
			 (json_int_t)db_int(st, 0), "plan_id", (json_int_t)db_int(st, 1), "person_id",
			 (json_int_t)db_int(st, 2), "name", db_text(st, 3), "id_number_masked",
			 db_text(st, 4), "option", db_text(st, 5), "eligible", (int)db_int(st, 6),
			 "failed_code", text_or_null(st, 7), "failed_message", text_or_null(st, 8),
			 "failed_message_en", text_or_null(st, 12), "status", db_text(st, 9), "review_reason",
			 db_text(st, 10), "created_at", (json_int_t)db_int(st, 11), "post", db_text(st, 13),
			 "theory_waived", (int)db_int(st, 14));
}

json_t *result_view(db_stmt *st)
{
	return json_pack("{s:I,s:I,s:s,s:I,s:s,s:s,s:s,s:s,s:i,s:s,s:o,s:o,s:o,s:b,s:o,s:o}", "id",
			 (json_int_t)db_int(st, 0), "person_id", (json_int_t)db_int(st, 1), "name",
			 db_text(st, 2), "institution_id", (json_int_t)db_int(st, 3), "institution",
			 db_text(st, 4), "occupation_code", db_text(st, 5), "occupation", db_text(st, 6),
			 "work_type", db_text(st, 7), "level", (int)db_int(st, 8), "exam_date",
			 db_text(st, 9), "theory", num_or_null(st, 10), "practical", num_or_null(st, 11),
			 "review", num_or_null(st, 12), "passed", (int)db_int(st, 13), "certificate_number",
			 text_or_null(st, 14), "norm_total", num_or_null(st, 15));
}

json_t *objection_view(db_stmt *st)
{
	return json_pack("{s:I,s:o,s:s,s:s,s:s,s:s,s:s,s:I,s:o}", "id", (json_int_t)db_int(st, 0),
			 "result_id", int_or_null(st, 1), "candidate", db_text(st, 2), "text", db_text(st, 3),
			 "contact", db_text(st, 4), "status", db_text(st, 5), "resolution", db_text(st, 6),
			 "created_at", (json_int_t)db_int(st, 7), "resolved_at", int_or_null(st, 8));
}

json_t *panel_member_view(db_stmt *st)
{
	return json_pack("{s:I,s:s,s:s,s:s}", "user_id", (json_int_t)db_int(st, 0), "username",
			 db_text(st, 1), "display_name", db_text(st, 2), "examiner_grade", db_text(st, 3));
}

json_t *panel_candidate_view(db_stmt *st)
{
	return json_pack("{s:I,s:I,s:s}", "registration_id", (json_int_t)db_int(st, 0), "person_id",
			 (json_int_t)db_int(st, 1), "name", db_text(st, 2));
}
