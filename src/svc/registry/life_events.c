/* life_events.c: 人员状态 — deaths and moves out of the province, and the stops they cause (life_events.h) */
#include "util/common.h"
#include "svc/registry/life_events.h"
#include "core/date.h"
#include "core/scope.h"
#include "svc/base/scope.h"
#include "svc/base/svc.h"
#include "svc/base/tx.h"
#include "svc/incentive/allowances.h"

struct ev_ctx {
	int64_t person;
	const struct life_event_input *in;
	char on[11];
	int64_t id;
	json_t *stops;
};

static int ev_work(tx *t, void *ctx, err *e)
{
	struct ev_ctx *c = ctx;
	int64_t one = 0;
	int rc = db_one_int(t->d, "SELECT 1 FROM person_life_events WHERE person_id = $1 AND kind = $2",
			    DB_ARGS(DV_I(c->person), DV_S(c->in->kind)), &one, e);
	if (rc == DB_OK)
		return err_set(e, 409, "already_recorded", "kind", "该人员的此项状态已登记",
			       "this event is already recorded for the person");
	if (rc != DB_NOT_FOUND)
		return -1;
	json_decref(c->stops);
	c->stops = json_array();
	/* the stops first: each one's audit row and recoveries belong to this unit */
	if (allowances_person_event(t, c->person, c->in->kind, c->on, c->in->note ? c->in->note : "",
				    c->stops, e))
		return -1;
	const char *status = !strcmp(c->in->kind, "death") ? "deceased" : "left_province";
	if (db_one_int(t->d,
		       "INSERT INTO person_life_events (person_id, kind, occurred_on, source, note, stopped, "
		       "recorded_by, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id",
		       DB_ARGS(DV_I(c->person), DV_S(c->in->kind), DV_S(c->on), DV_S(c->in->source),
			       DV_S(c->in->note ? c->in->note : ""), DV_I((int64_t)json_array_size(c->stops)),
			       t->a->user_id ? DV_I(t->a->user_id) : DV_NULL, DV_I(now_s())),
		       &c->id, e) != DB_OK ||
	    db_run(t->d,
		   "UPDATE persons SET life_status = CASE WHEN life_status = 'deceased' THEN life_status "
		   "ELSE "
		   "$2 END, updated_at = $3 WHERE id = $1",
		   DB_ARGS(DV_I(c->person), DV_S(status), DV_I(now_s())), e) != 1)
		return -1;
	tx_audit(t, "person.life_event", "person", c->person,
		 json_pack("{s:I,s:s,s:s,s:s,s:O}", "event_id", (json_int_t)c->id, "kind", c->in->kind,
			   "occurred_on", c->on, "source", c->in->source, "stops", c->stops));
	return 0;
}

json_t *person_life_event_add(db *d, const principal *a, int64_t person_id, const struct life_event_input *in,
			      err *e)
{
	if (a->role != ROLE_PROVINCE_ADMIN && a->role != ROLE_CITY_ADMIN) {
		err_set(e, 403, "forbidden", NULL, "人员去世、调离本省由省级或所在市人社部门登记",
			"a death or a move out of the province is recorded by the province or the person's "
			"city");
		return NULL;
	}
	if (scope_check(d, a, SE_PERSON, person_id, SCOPE_WRITE, NULL, e) != 0)
		return NULL;
	if (!in->kind || (strcmp(in->kind, "death") && strcmp(in->kind, "left_province"))) {
		err_set(e, 422, "invalid_value", "kind", "状态应为 death（去世）或 left_province（调离本省）",
			"kind is death or left_province");
		return NULL;
	}
	int ymd = 0;
	if (!in->occurred_on || date_parse(in->occurred_on, &ymd) != 0 || ymd > date_today_utc8()) {
		err_set(e, 422, "invalid_date", "occurred_on", "发生日期应为不晚于今天的 YYYY-MM-DD",
			"occurred_on is a date not after today");
		return NULL;
	}
	if (check_text(in->source, "source", 200, true, e) || check_text(in->note, "note", 500, false, e))
		return NULL;
	struct ev_ctx c = {.person = person_id, .in = in};
	date_format(ymd, c.on);
	if (svc_tx(d, a, ev_work, &c, e)) {
		json_decref(c.stops);
		return NULL;
	}
	db_stmt *st =
		db_query(d, "SELECT life_status FROM persons WHERE id = $1", DB_ARGS(DV_I(person_id)), e);
	int row = st ? db_row(st, e) : -1;
	json_t *out = row == 1
			      ? json_pack("{s:I,s:I,s:s,s:s,s:s,s:s,s:s,s:o}", "id", (json_int_t)c.id,
					  "person_id", (json_int_t)person_id, "kind", in->kind, "occurred_on",
					  c.on, "source", in->source, "note", in->note ? in->note : "",
					  "life_status", db_text(st, 0), "stops", c.stops)
			      : NULL;
	db_done(st);
	if (!out) {
		json_decref(c.stops);
		if (!err_isset(e))
			ERR_INTERNAL(e, "person vanished");
	}
	return out;
}

static json_t *ev_view(db_stmt *st)
{
	return json_pack("{s:I,s:s,s:s,s:s,s:s,s:I,s:I}", "id", (json_int_t)db_int(st, 0), "kind",
			 db_text(st, 1), "occurred_on", db_text(st, 2), "source", db_text(st, 3), "note",
			 db_text(st, 4), "stopped", (json_int_t)db_int(st, 5), "created_at",
			 (json_int_t)db_int(st, 6));
}

json_t *person_life_events_json(db *d, int64_t person_id, err *e)
{
	return rows_json(db_query(d,
				  "SELECT id, kind, occurred_on, source, note, stopped, created_at FROM "
				  "person_life_events WHERE person_id = $1 ORDER BY id",
				  DB_ARGS(DV_I(person_id)), e),
			 ev_view, e);
}
