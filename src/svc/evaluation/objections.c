/* objections.c: 公示 objections: raised during the publicity period, listed, resolved by the plan's owner */
#include "util/common.h"
#include "svc/evaluation/objections.h"
#include "svc/base/tx.h"
#include "svc/evaluation/view.h"
#include "svc/evaluation/plans.h"
#include "svc/evaluation/practical.h"

struct objection_ctx {
	int64_t plan_id, result_id, id; /* create: id out */
	const char *text, *contact, *resolution;
};

static int objection_create_work(tx *t, void *ctx, err *e)
{
	struct objection_ctx *c = ctx;
	/* the plan's row locked, and still in publicity: a certification (plan_transition, the same lock)
	 * that has counted no open objection cannot pass this one by */
	int64_t held = db_run(t->d, "UPDATE plans SET status = status WHERE id = $1 AND status = 'publicity'",
			      DB_ARGS(DV_I(c->plan_id)), e);
	if (held < 0)
		return -1;
	if (held == 0)
		return err_set(e, 409, "not_in_publicity", NULL, "只能在公示期内提出异议",
			       "objections are taken during the publicity period");
	db_stmt *st =
		db_query(t->d,
			 "INSERT INTO objections (plan_id, result_id, text, contact, created_at) VALUES "
			 "($1,$2,$3,$4,$5) RETURNING id",
			 DB_ARGS(DV_I(c->plan_id), c->result_id > 0 ? DV_I(c->result_id) : DV_NULL,
				 DV_S(c->text), DV_S(c->contact ? c->contact : ""), DV_I(now_s())),
			 e);
	int row = st ? db_row(st, e) : -1;
	c->id = row == 1 ? db_int(st, 0) : 0;
	db_done(st);
	if (!c->id)
		return err_isset(e) ? -1
				    : err_set(e, 500, "internal", NULL, "异议未能保存",
					      "the objection could not be saved");
	tx_audit(t, "objection.create", "objection", c->id,
		 json_pack("{s:I}", "plan_id", (json_int_t)c->plan_id));
	return 0;
}

static int objection_resolve_work(tx *t, void *ctx, err *e)
{
	struct objection_ctx *c = ctx;
	/* still open when written: of two resolutions at once the second finds it resolved (PostgreSQL, read
	 * committed: both had counted it open before their transactions) and does not overwrite the first */
	int64_t n =
		db_run(t->d,
		       "UPDATE objections SET status = 'resolved', resolution = $2, resolved_at = $3 WHERE "
		       "id = $1 AND status = 'open'",
		       DB_ARGS(DV_I(c->id), DV_S(c->resolution), DV_I(now_s())), e);
	if (n < 0)
		return -1;
	if (n == 0)
		return err_set(e, 409, "already_resolved", NULL, "该异议已处理",
			       "the objection is already resolved");
	tx_audit(t, "objection.resolve", "objection", c->id, json_pack("{s:s}", "resolution", c->resolution));
	return 0;
}

int64_t objection_create(db *d, int64_t plan_id, int64_t result_id, const char *text, const char *contact,
			 err *e)
{
	if (check_text(text, "text", 1000, true, e) != 0 ||
	    (contact && check_text(contact, "contact", 100, false, e) != 0))
		return -1;
	char status[16] = "";
	db_stmt *st = db_query(d, "SELECT status FROM plans WHERE id = $1", DB_ARGS(DV_I(plan_id)), e);
	if (st && db_step(st) == DB_ROW)
		snprintf(status, sizeof status, "%s", db_text(st, 0));
	db_done(st);
	if (!*status)
		return err_set(e, 404, "not_found", NULL, "认定计划不存在", "no such plan");
	if (strcmp(status, "publicity"))
		return err_set(e, 409, "not_in_publicity", NULL, "只能在公示期内提出异议",
			       "objections are taken during the publicity period");
	/* the result objected to must be one of this plan's: an objection is no way to reach another plan's
	 * candidate */
	if (result_id > 0) {
		int64_t mine = 0;
		if (db_one_int(d, "SELECT COUNT(*) FROM results WHERE id = $1 AND plan_id = $2",
			       DB_ARGS(DV_I(result_id), DV_I(plan_id)), &mine, e) != DB_OK)
			return -1;
		if (!mine)
			return err_set(e, 422, "unknown_result", "result_id", "本计划的公示名单中没有该结果",
				       "no such result in this plan's published results");
	}
	struct objection_ctx c = {
		.plan_id = plan_id, .result_id = result_id, .text = text, .contact = contact};
	/* raised by anyone: recorded as the public */
	principal anon = {.role = ROLE_PUBLIC};
	snprintf(anon.username, sizeof anon.username, "public");
	return svc_tx(d, &anon, objection_create_work, &c, e) == 0 ? c.id : -1;
}

int objection_resolve(db *d, const principal *a, int64_t id, const char *resolution, err *e)
{
	if (check_text(resolution, "resolution", 1000, true, e) != 0)
		return -1;
	/* an objection to a competition's results (svc/competition/outcomes.c) is resolved by the
	 * competition's organiser (core/scope.c SE_COMPETITION) */
	int64_t comp = 0;
	int crc = db_one_int(d,
			     "SELECT v.competition_id FROM objections o JOIN competition_events v ON v.id = "
			     "o.competition_event_id WHERE o.id = $1",
			     DB_ARGS(DV_I(id)), &comp, e);
	if (crc != DB_OK && crc != DB_NOT_FOUND)
		return -1;
	if (crc == DB_OK) {
		if (scope_check(d, a, SE_COMPETITION, comp, SCOPE_WRITE, NULL, e) != 0)
			return -1;
	}
	/* the objection's write scope (core/scope.c SE_OBJECTION): the plan's institution, its city, the
	 * province */
	else if (scope_check(d, a, SE_OBJECTION, id, SCOPE_WRITE, NULL, e) != 0)
		return -1;
	int64_t open_ = 0;
	if (db_one_int(d, "SELECT COUNT(*) FROM objections WHERE id = $1 AND status = 'open'",
		       DB_ARGS(DV_I(id)), &open_, e) != DB_OK)
		return -1;
	if (!open_)
		return err_set(e, 409, "already_resolved", NULL, "该异议已处理",
			       "the objection is already resolved");
	struct objection_ctx c = {.id = id, .resolution = resolution};
	return svc_tx(d, a, objection_resolve_work, &c, e);
}

json_t *objection_list_json(db *d, const principal *a, int64_t plan_id, err *e)
{
	if (scope_check_via(d, a, SE_PLAN, plan_id, SE_OBJECTION, SCOPE_READ, NULL, e) != 0)
		return NULL;
	db_stmt *st = db_query(d,
			       "SELECT " OBJECTION_VIEW_COLS OBJECTION_VIEW_FROM
			       " WHERE o.plan_id = $1 ORDER BY o.status = 'open' DESC, o.id",
			       DB_ARGS(DV_I(plan_id)), e);
	json_t *items = rows_json(st, objection_view, e);
	if (!items)
		return NULL;
	return json_pack("{s:I,s:o}", "plan_id", (json_int_t)plan_id, "items", items);
}
