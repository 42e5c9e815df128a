/* sitting_move.c: 改期 / 换场 — moving a sitting to another time and/or room in one transaction (issue 24
 * item 3; docs/DOMAIN.md §57): the old booking released, the new room booked with all of §57's checks
 * (room_book, a savepoint of this transaction), the sitting's last move kept for its candidates' list,
 * audited with the old and the new time and room. A refusal anywhere leaves the sitting and its old booking
 * as they were. */
#include "util/common.h"
#include "svc/exam/exam.h"
#include "svc/exam/exam_int.h"
#include "svc/base/tx.h"
#include "svc/registry/standards.h"
#include "svc/platform/sites.h"

struct move_ctx {
	const struct sitting_move_input *in;
	int64_t sitting, plan;
};

/* the state of the sitting before the move */
struct sitting_was {
	int64_t starts_at, booking, room_id, booked, admitted, begun;
	int minutes;
	char room[200];
};

static int sitting_was_read(db *d, int64_t id, struct sitting_was *w, err *e)
{
	db_stmt *st = db_query(
		d,
		"SELECT s.starts_at, s.minutes, s.room, COALESCE(b.id, 0), COALESCE(b.room_id, 0), "
		"COALESCE(b.candidates, 0), (SELECT COUNT(*) FROM attempts t WHERE t.sitting_id = s.id AND "
		"t.status = 'admitted'), (SELECT COUNT(*) FROM attempts t WHERE t.sitting_id = s.id AND "
		"t.status <> 'admitted') FROM sittings s LEFT JOIN room_bookings b ON b.sitting_id = s.id "
		"WHERE s.id = $1",
		DB_ARGS(DV_I(id)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		*w = (struct sitting_was){.starts_at = db_int(st, 0),
					  .minutes = (int)db_int(st, 1),
					  .booking = db_int(st, 3),
					  .room_id = db_int(st, 4),
					  .booked = db_int(st, 5),
					  .admitted = db_int(st, 6),
					  .begun = db_int(st, 7)};
		snprintf(w->room, sizeof w->room, "%s", db_text(st, 2));
	}
	db_done(st);
	return row == 1	 ? 0
	       : row < 0 ? -1
			 : err_set(e, 404, "not_found", NULL, "考场不存在", "no such sitting");
}

/* a registry room's text: the site's and the room's names (as a sitting created with room_id shows) */
static int room_text(db *d, int64_t room_id, char out[200], err *e)
{
	db_stmt *st =
		db_query(d,
			 "SELECT es.name, r.name FROM exam_rooms r JOIN exam_sites es ON es.id = r.site_id "
			 "WHERE r.id = $1",
			 DB_ARGS(DV_I(room_id)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1)
		snprintf(out, 200, "%s %s", db_text(st, 0), db_text(st, 1));
	db_done(st);
	return row == 1	 ? 0
	       : row < 0 ? -1
			 : err_set(e, 404, "not_found", "room_id", "考场不存在", "no such room");
}

static json_t *place_json(int64_t starts_at, int minutes, const char *room, int64_t room_id, int64_t booking)
{
	return json_pack("{s:I,s:i,s:s,s:o,s:o}", "starts_at", (json_int_t)starts_at, "minutes", minutes,
			 "room", room, "room_id", room_id ? json_integer(room_id) : json_null(), "booking_id",
			 booking ? json_integer(booking) : json_null());
}

static int move_work(tx *t, void *ctx, err *e)
{
	struct move_ctx *c = ctx;
	const struct sitting_move_input *in = c->in;
	db *d = t->d;
	/* the plan's state held (the row lock of a no-op update), as on a sitting's creation */
	int64_t held = db_run(
		d, "UPDATE plans SET status = status WHERE id = $1 AND status IN ('open', 'examining')",
		DB_ARGS(DV_I(c->plan)), e);
	if (held < 0)
		return -1;
	if (held == 0)
		return err_set(e, 409, "invalid_state", NULL, "计划须在报名或考试阶段才能调整考场",
			       "the plan must be open or examining");
	/* the sitting's row locked: an admission or another move waits for this one */
	if (sitting_lock(d, c->sitting, e) != 0)
		return -1;
	struct sitting_was w;
	if (sitting_was_read(d, c->sitting, &w, e) != 0)
		return -1;
	int64_t now = now_s();
	if (w.starts_at <= now || w.begun > 0)
		return err_set(e, 409, "sitting_started", NULL,
			       "场次已开考（或已有考生开始答题、交卷），不能改期或换场",
			       "the sitting has started (or a candidate has begun or submitted): it cannot "
			       "be moved");
	int64_t starts = in->starts_at ? in->starts_at : w.starts_at;
	int minutes = in->minutes ? in->minutes : w.minutes;
	if (starts <= now)
		return err_set(e, 422, "time_in_past", "starts_at", "新的开考时间须在当前时间之后",
			       "the new start must be in the future");
	/* the room after the move: a registry room named, else a free-text room named (the booking released),
	 * else the sitting's own (its booking moved with the time) */
	int64_t room_id = in->room_id > 0 ? in->room_id : in->room ? 0 : w.room_id;
	char room[200];
	snprintf(room, sizeof room, "%s", in->room && !in->room_id ? in->room : w.room);
	if (room_id && room_text(d, room_id, room, e) != 0)
		return -1;
	if (starts == w.starts_at && minutes == w.minutes && room_id == w.room_id && !strcmp(room, w.room))
		return err_set(e, 422, "no_change", NULL, "改期或换场须改变开考时间、时长或考场",
			       "a move changes the start, the length or the room");
	/* the old booking released, then the sitting moved and the new room booked: room_book reads the
	 * sitting's new times; its refusal rolls the release back too */
	if (w.booking && room_booking_cancel(d, t->a, w.booking, e) != 0)
		return -1;
	if (db_run(d,
		   "UPDATE sittings SET starts_at = $2, minutes = $3, room = $4, moved_at = $5, "
		   "moved_from_starts_at = $6, moved_from_room = $7 WHERE id = $1",
		   DB_ARGS(DV_I(c->sitting), DV_I(starts), DV_I(minutes), DV_S(room), DV_I(now),
			   DV_I(w.starts_at), DV_S(w.room)),
		   e) < 0)
		return -1;
	int64_t booking = 0;
	if (room_id) {
		/* the seats: those asked (room_book refuses fewer than the candidates admitted, who keep
		 * their admission), else the old booking's or the plan's candidates (as on creation), at
		 * least those admitted */
		int64_t cand = in->candidates ? in->candidates : w.booked;
		if (!cand && db_one_int(d,
					"SELECT COUNT(*) FROM registrations WHERE plan_id = $1 AND status = "
					"'approved' AND theory_waived = 0",
					DB_ARGS(DV_I(c->plan)), &cand, e) != DB_OK)
			return -1;
		if (!in->candidates && cand < w.admitted)
			cand = w.admitted;
		struct booking_input bk = {.plan_id = c->plan,
					   .sitting_id = c->sitting,
					   .part = "theory",
					   .candidates = cand > 0 ? cand : 1};
		if (room_book(d, t->a, room_id, &bk, &booking, e) != 0)
			return -1;
	}
	tx_audit(t, "sitting.move", "sitting", c->sitting,
		 json_pack("{s:I,s:s,s:I,s:o,s:o}", "plan_id", (json_int_t)c->plan, "reason", in->reason,
			   "admitted", (json_int_t)w.admitted, "from",
			   place_json(w.starts_at, w.minutes, w.room, w.room_id, w.booking), "to",
			   place_json(starts, minutes, room, room_id, booking)));
	return 0;
}

int sitting_move(db *d, const principal *a, int64_t sitting_id, const struct sitting_move_input *in,
		 int64_t *plan_id, err *e)
{
	*plan_id = 0;
	int64_t plan = 0;
	char occ[16] = "";
	db_stmt *st =
		db_query(d,
			 "SELECT p.id, p.occupation_code FROM sittings s JOIN plans p ON p.id = s.plan_id "
			 "WHERE s.id = $1",
			 DB_ARGS(DV_I(sitting_id)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		plan = db_int(st, 0);
		snprintf(occ, sizeof occ, "%s", db_text(st, 1));
	}
	db_done(st);
	if (row != 1)
		return row < 0 ? -1 : err_set(e, 404, "not_found", NULL, "考场不存在", "no such sitting");
	/* who writes the plan's sittings moves them (another institution: 404) */
	if (scope_check_via(d, a, SE_PLAN, plan, SE_SITTING, SCOPE_WRITE, NULL, e) != 0)
		return -1;
	if (check_text(in->reason, "reason", 200, true, e) != 0)
		return -1;
	if (in->room_id < 0)
		return err_set(e, 422, "invalid_value", "room_id", "考场编号无效", "invalid room_id");
	if (in->room && !in->room_id && check_text(in->room, "room", 50, true, e) != 0)
		return -1;
	if (in->candidates < 0 || in->candidates > 2000)
		return err_set(e, 422, "invalid_value", "candidates", "考生数应为 1 到 2000",
			       "candidates is 1 to 2000");
	if (in->starts_at < 0)
		return err_set(e, 422, "invalid_value", "starts_at", "开考时间无效", "invalid starts_at");
	if (in->minutes) {
		char tpl[8];
		struct exam_profile prof;
		if (in->minutes < 90 || in->minutes > 300)
			return err_set(e, 422, "invalid_value", "minutes", "理论考试时长应为 90 到 300 分钟",
				       "theory exams last 90 to 300 minutes");
		if (standard_active(d, occ, tpl, &prof, e) != 0)
			return -1;
		if (in->minutes < prof.theory_minutes)
			return err_set(
				e, 422, "invalid_value", "minutes", "该职业标准要求理论考试不少于 %d 分钟",
				"the occupation's standard needs at least %d minutes", prof.theory_minutes);
	}
	struct move_ctx c = {.in = in, .sitting = sitting_id, .plan = plan};
	if (svc_tx(d, a, move_work, &c, e) != 0)
		return -1;
	*plan_id = plan;
	return 0;
}
