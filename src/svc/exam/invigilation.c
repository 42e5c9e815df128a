/* invigilation.c: the rules of invigilators.h. */
#include "util/common.h"
#include "svc/exam/invigilation.h"
#include "svc/exam/exam_int.h"
#include "svc/base/tx.h"
#include "svc/exam/view.h"
#include "core/room.h"
#include "svc/registry/standards.h"

/* the room rule of the plan's occupation's standard (its exam profile; the rules' floors by default) */
static int ratios(db *d, int64_t sitting, int *per, int *min, err *e)
{
	char occ[16] = "", tpl[8];
	db_stmt *st = db_query(
		d,
		"SELECT p.occupation_code FROM sittings s JOIN plans p ON p.id = s.plan_id WHERE s.id = $1",
		DB_ARGS(DV_I(sitting)), e);
	if (!st)
		return -1;
	if (db_step(st) == DB_ROW)
		snprintf(occ, sizeof occ, "%s", db_text(st, 0));
	db_done(st);
	struct exam_profile p;
	if (standard_active(d, occ, tpl, &p, e) != 0)
		return -1;
	*per = p.candidates_per_invigilator > 0 ? p.candidates_per_invigilator
						: ROOM_CANDIDATES_PER_INVIGILATOR;
	*min = p.min_invigilators_per_room > 0 ? p.min_invigilators_per_room : ROOM_MIN_INVIGILATORS;
	return 0;
}

static int64_t count_admitted(db *d, int64_t sitting, err *e)
{
	int64_t n = 0;
	if (db_one_int(d, "SELECT COUNT(*) FROM attempts WHERE sitting_id = $1", DB_ARGS(DV_I(sitting)), &n,
		       e) != DB_OK)
		return -1;
	return n;
}

int invigilators_replace(db *d, int64_t sitting, int64_t inst, const int64_t *ids, size_t nids, err *e)
{
	int per, min;
	/* the sitting's row before its admissions are counted: an admission meanwhile waits, or is counted */
	if (sitting_lock(d, sitting, e) != 0 || ratios(d, sitting, &per, &min, e) != 0)
		return -1;
	if (!ids)
		return err_set(e, 422, "invigilators_required", "invigilators",
			       "须安排监考人员（用户编号数组），每考场至少 %d 名",
			       "invigilators (an array of user ids) are required, at least %d a room", min);
	int64_t uniq[64];
	int n = 0;
	for (size_t i = 0; i < nids; i++) {
		int64_t id = ids[i];
		bool dup = false;
		for (int k = 0; k < n; k++)
			dup |= uniq[k] == id;
		if (!dup && n < 64)
			uniq[n++] = id;
	}
	if (n < min)
		return err_set(e, 422, "invigilators_required", "invigilators",
			       "每个考场至少安排 %d 名监考人员", "each room needs at least %d invigilators",
			       min);
	int64_t admitted = count_admitted(d, sitting, e);
	if (admitted < 0)
		return -1;
	if (room_capacity(n, per, min) < admitted)
		return err_set(
			e, 422, "invigilators_short", "invigilators",
			"已检录 %lld 名考生，至少需要 %d 名监考人员（每 %d 名考生 1 名）",
			"%lld candidates are admitted: at least %d invigilators are needed (1 for each %d)",
			(long long)admitted, invigilators_needed((int)admitted, per, min), per);
	for (int k = 0; k < n; k++) {
		int64_t ok = 0;
		if (db_one_int(d,
			       "SELECT COUNT(*) FROM users WHERE id = $1 AND institution_id = $2 AND "
			       "disabled = 0 AND role IN "
			       "('institution_admin','institution_staff','examiner')",
			       DB_ARGS(DV_I(uniq[k]), DV_I(inst)), &ok, e) != DB_OK)
			return -1;
		if (!ok)
			return err_set(
				e, 422, "invalid_invigilator", "invigilators",
				"用户 %lld 不是本机构在职的工作人员或考评员，不能监考",
				"user %lld is not an active staff member or examiner of this institution",
				(long long)uniq[k]);
	}
	if (db_run(d, "DELETE FROM sitting_invigilators WHERE sitting_id = $1", DB_ARGS(DV_I(sitting)), e) <
	    0)
		return -1;
	for (int k = 0; k < n; k++)
		if (db_run(d, "INSERT INTO sitting_invigilators (sitting_id, user_id) VALUES ($1, $2)",
			   DB_ARGS(DV_I(sitting), DV_I(uniq[k])), e) < 0)
			return -1;
	return 0;
}

int invigilators_admit_check(db *d, int64_t sitting, err *e)
{
	int per, min;
	if (ratios(d, sitting, &per, &min, e) != 0)
		return -1;
	int64_t inv = 0, admitted = count_admitted(d, sitting, e);
	if (admitted < 0 || db_one_int(d, "SELECT COUNT(*) FROM sitting_invigilators WHERE sitting_id = $1",
				       DB_ARGS(DV_I(sitting)), &inv, e) != DB_OK)
		return -1;
	if (admitted + 1 > room_capacity((int)inv, per, min))
		return err_set(e, 409, "invigilators_short", NULL,
			       "本考场 %lld 名监考人员最多监考 %d 名考生，请先增加监考人员",
			       "the room's %lld invigilators may watch at most %d candidates: add "
			       "invigilators first",
			       (long long)inv, room_capacity((int)inv, per, min));
	return 0;
}

json_t *invigilators_json(db *d, int64_t sitting, err *e)
{
	db_stmt *st = db_query(d,
			       "SELECT " INVIGILATOR_VIEW_COLS " FROM sitting_invigilators v JOIN users u ON "
			       "u.id = v.user_id WHERE v.sitting_id = $1 ORDER BY u.id",
			       DB_ARGS(DV_I(sitting)), e);
	json_t *arr = rows_json(st, invigilator_view, e);
	if (!arr)
		return NULL;
	return arr;
}

struct put_ctx {
	int64_t sitting, inst;
	const int64_t *ids;
	size_t n;
};

static int put_work(tx *t, void *ctx, err *e)
{
	struct put_ctx *c = ctx;
	if (invigilators_replace(t->d, c->sitting, c->inst, c->ids, c->n, e) != 0)
		return -1;
	tx_audit(t, "sitting.invigilators", "sitting", c->sitting,
		 json_pack("{s:o}", "invigilators", json_ids(c->ids, c->ids ? c->n : 0)));
	return 0;
}

json_t *sitting_invigilators_put(db *d, const principal *a, int64_t sitting, const int64_t *ids, size_t n,
				 err *e)
{
	/* the sitting's write scope (core/scope.c SE_SITTING): the province, the plan's institution */
	scope_owner o;
	if (scope_load(d, a, SE_SITTING, sitting, &o, e) != 0)
		return NULL;
	int verdict = scope_decide(a, SE_SITTING, &o, SCOPE_WRITE);
	if (verdict) {
		err_set(e, verdict, verdict == 404 ? "not_found" : "forbidden", NULL,
			verdict == 404 ? "考场不存在" : "无权安排该考场的监考人员",
			verdict == 404 ? "no such sitting"
				       : "you may not assign this sitting's invigilators");
		return NULL;
	}
	int64_t inst = o.institution_id;
	struct put_ctx c = {.sitting = sitting, .inst = inst, .ids = ids, .n = n};
	if (svc_tx(d, a, put_work, &c, e) != 0)
		return NULL;
	return invigilators_json(d, sitting, e);
}
