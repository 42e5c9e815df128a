/* sitting.c: sittings (场次): creating one for a plan, 检录 admission (which draws the candidate's paper from
 * the bank by the blueprint), lists */
#include "util/common.h"
#include "store/query.h"
#include "svc/exam/exam.h"
#include "svc/exam/exam_int.h"
#include "svc/exam/view.h"
#include "svc/base/tx.h"
#include "svc/exam/invigilation.h"
#include "core/paper.h"
#include "crypto/token.h"
#include "svc/registry/standards.h"
#include "svc/stats/counters.h"
#include "svc/evaluation/norms.h"
#include "svc/platform/sites.h"

#define MAX_PAPER 300

static int plan_of_sitting(db *d, int64_t sitting, int64_t *plan, int64_t *inst, char status[16], err *e)
{
	db_stmt *st = db_query(d,
			       "SELECT s.plan_id, p.institution_id, p.status FROM sittings s JOIN plans p ON "
			       "p.id = s.plan_id WHERE "
			       "s.id = $1",
			       DB_ARGS(DV_I(sitting)), e);
	int found = st && db_step(st) == DB_ROW;
	if (found) {
		*plan = db_int(st, 0);
		*inst = db_int(st, 1);
		snprintf(status, 16, "%s", db_text(st, 2));
	}
	db_done(st);
	return found ? 0 : err_set(e, 404, "not_found", NULL, "考场不存在", "no such sitting");
}

struct sitting_ctx {
	const struct sitting_input *in;
	int64_t plan_id, inst, id; /* id: out */
};

/* the plan's state held while the sitting and its invigilators are written */
static int sitting_work(tx *t, void *ctx, err *e)
{
	struct sitting_ctx *c = ctx;
	const struct sitting_input *in = c->in;
	db *d = t->d;
	int64_t plan_id = c->plan_id, inst = c->inst;
	const char *room = in->room;
	int64_t starts_at = in->starts_at;
	int minutes = in->minutes;
	db_stmt *st;
	/* the plan's state, checked inside the transaction and held (the row lock of a no-op update): a plan
	 * that is closed meanwhile gets no new sitting */
	int64_t held = db_run(
		d, "UPDATE plans SET status = status WHERE id = $1 AND status IN ('open', 'examining')",
		DB_ARGS(DV_I(plan_id)), e);
	if (held < 0)
		return -1;
	if (held == 0)
		return err_set(e, 409, "invalid_state", NULL, "计划须在报名或考试阶段才能安排考场",
			       "the plan must be open or examining");
	/* a room of the registry: its text is the site's and the room's names (what the old free-text room
	 * said), the booking is made below once the sitting has its id */
	char booked[200] = "";
	if (in->room_id > 0) {
		st = db_query(
			d,
			"SELECT es.name, r.name FROM exam_rooms r JOIN exam_sites es ON es.id = r.site_id "
			"WHERE r.id = $1",
			DB_ARGS(DV_I(in->room_id)), e);
		int found = st ? db_row(st, e) : -1;
		if (found == 1)
			snprintf(booked, sizeof booked, "%s %s", db_text(st, 0), db_text(st, 1));
		db_done(st);
		if (found != 1)
			return found < 0 ? -1
					 : err_set(e, 404, "not_found", "room_id", "考场不存在",
						   "no such room");
		room = booked;
	}
	st = db_query(d,
		      "INSERT INTO sittings (plan_id, room, starts_at, minutes, created_at) VALUES "
		      "($1,$2,$3,$4,$5) RETURNING id",
		      DB_ARGS(DV_I(plan_id), DV_S(room), DV_I(starts_at), DV_I(minutes), DV_I(now_s())), e);
	/* a failed insert is a database error (e set by db_row), never an id of 0 with no error */
	int row = st ? db_row(st, e) : -1;
	int64_t id = row == 1 ? db_int(st, 0) : 0;
	db_done(st);
	if (!id) {
		if (!err_isset(e))
			err_set(e, 500, "internal", NULL, "考场未能创建", "the sitting could not be created");
		return -1;
	}
	if (stat_count(t, STE_SITTING, DV_I(id), DV_NULL, +1, e) != 0)
		return -1;
	if (in->has_invigilators &&
	    invigilators_replace(d, id, inst, in->invigilators, in->ninvigilators, e) != 0)
		return -1;
	if (in->room_id > 0) {
		/* the booking, in this transaction (a savepoint of it): §57's checks decide, and a refusal
		 * leaves no sitting either */
		int64_t cand = in->candidates;
		if (cand <= 0 &&
		    db_one_int(
			    d,
			    "SELECT COUNT(*) FROM registrations WHERE plan_id = $1 AND status = 'approved' "
			    "AND theory_waived = 0",
			    DB_ARGS(DV_I(plan_id)), &cand, e) != DB_OK)
			return -1;
		struct booking_input bk = {.plan_id = plan_id,
					   .sitting_id = id,
					   .part = "theory",
					   .candidates = cand > 0 ? cand : 1};
		int64_t booking = 0;
		if (room_book(d, t->a, in->room_id, &bk, &booking, e) != 0)
			return -1;
	}
	c->id = id;
	tx_audit(t, "sitting.create", "sitting", id,
		 json_pack("{s:I,s:s,s:I,s:i,s:o}", "plan_id", (json_int_t)plan_id, "room", room, "starts_at",
			   (json_int_t)starts_at, "minutes", minutes, "invigilators",
			   in->has_invigilators ? json_ids(in->invigilators, in->ninvigilators)
						: json_null()));
	return 0;
}

int64_t sitting_create(db *d, const principal *a, int64_t plan_id, const struct sitting_input *in, err *e)
{
	const char *room = in->room;
	int minutes = in->minutes;
	if (in->room_id < 0)
		return err_set(e, 422, "invalid_value", "room_id", "考场编号无效", "invalid room_id");
	if (in->candidates < 0 || in->candidates > 2000)
		return err_set(e, 422, "invalid_value", "candidates", "考生数应为 1 到 2000",
			       "candidates is 1 to 2000");
	if ((in->room_id == 0 || room) && check_text(room, "room", 50, true, e) != 0)
		return -1;
	if (minutes < 90 || minutes > 300)
		return err_set(e, 422, "invalid_value", "minutes", "理论考试时长应为 90 到 300 分钟",
			       "theory exams last 90 to 300 minutes");
	int64_t inst = 0;
	char status[16] = "";
	db_stmt *st = db_query(d, "SELECT institution_id, status FROM plans WHERE id = $1",
			       DB_ARGS(DV_I(plan_id)), e);
	if (st && db_step(st) == DB_ROW) {
		inst = db_int(st, 0);
		snprintf(status, sizeof status, "%s", db_text(st, 1));
	}
	db_done(st);
	if (!inst)
		return err_set(e, 404, "not_found", NULL, "认定计划不存在", "no such plan");
	if (scope_check_via(d, a, SE_PLAN, plan_id, SE_SITTING, SCOPE_WRITE, NULL, e) != 0)
		return -1;
	char occ[16] = "", tpl[8];
	struct exam_profile prof;
	db_stmt *po =
		db_query(d, "SELECT occupation_code FROM plans WHERE id = $1", DB_ARGS(DV_I(plan_id)), e);
	if (po && db_step(po) == DB_ROW)
		snprintf(occ, sizeof occ, "%s", db_text(po, 0));
	db_done(po);
	if (!po || standard_active(d, occ, tpl, &prof, e) != 0)
		return -1;
	if (minutes < prof.theory_minutes)
		return err_set(e, 422, "invalid_value", "minutes", "该职业标准要求理论考试不少于 %d 分钟",
			       "the occupation's standard needs at least %d minutes", prof.theory_minutes);
	struct sitting_ctx c = {.in = in, .plan_id = plan_id, .inst = inst};
	return svc_tx(d, a, sitting_work, &c, e) == 0 ? c.id : -1;
}

struct admit_ctx {
	int64_t sitting_id, reg_id, plan, inst, id; /* id: out */
};

/* 检录 in a booked 考场 (§57): one more admission must still find a seat and, the theory exam being taken on
 * computers, a computer (core/workforce room_problem, the booking's own rule). The sitting's and the
 * booking's rows are locked first, so two admissions to one room are counted one after the other. A sitting
 * without a booking (its room free text) is not counted. */
int sitting_lock(db *d, int64_t sitting_id, err *e)
{
	return db_run(d, "UPDATE sittings SET minutes = minutes WHERE id = $1", DB_ARGS(DV_I(sitting_id)),
		      e) < 0
		       ? -1
		       : 0;
}

static int booked_room_check(db *d, int64_t sitting_id, err *e)
{
	/* the sitting's row is held (admit_work), as a move (改期/换场, sitting_move.c) holds it while it
	 * replaces the booking: an admission waiting for a move then reads the new booking, never the
	 * released one */
	int64_t held = db_run(d, "UPDATE room_bookings SET candidates = candidates WHERE sitting_id = $1",
			      DB_ARGS(DV_I(sitting_id)), e);
	if (held <= 0)
		return (int)held;
	db_stmt *st =
		db_query(d,
			 "SELECT r.seats, r.computers, (SELECT COUNT(*) FROM attempts t WHERE "
			 "t.sitting_id = b.sitting_id) FROM room_bookings b JOIN exam_rooms r ON r.id = "
			 "b.room_id WHERE b.sitting_id = $1",
			 DB_ARGS(DV_I(sitting_id)), e);
	int row = st ? db_row(st, e) : -1;
	int64_t seats = 0, pcs = 0, admitted = 0;
	if (row == 1) {
		seats = db_int(st, 0);
		pcs = db_int(st, 1);
		admitted = db_int(st, 2);
	}
	db_done(st);
	if (row != 1)
		return row < 0 ? -1 : 0;
	const char *p = room_problem(RP_THEORY, admitted + 1, seats, pcs);
	if (p && !strcmp(p, "room_too_small"))
		return err_set(
			e, 409, "room_full", "registration_id", "考场座位已满：%lld 个座位已检录 %lld 人",
			"the room is full: %lld seats, %lld admitted", (long long)seats, (long long)admitted);
	if (p)
		return err_set(e, 409, "room_computers_full", "registration_id",
			       "机考考场计算机不足：%lld 台计算机已检录 %lld 人",
			       "the computer-based exam has no computer left: %lld computers, %lld admitted",
			       (long long)pcs, (long long)admitted);
	return 0;
}

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* 曝光次数: the paper's items counted as used once more in the sitting, in one statement and in item order.
 * In the paper's own (random) order two admissions into one sitting locked the same exposure rows in
 * different orders and PostgreSQL broke the deadlock by failing one of them (seen with 16 admissions at once,
 * answered 503 db_retry after the retries); in one order the second waits for the first. */
static int count_exposure(db *d, int64_t sitting_id, const struct paper_item *paper, int n, err *e)
{
	int64_t ids[MAX_PAPER];
	dbv args[2 * MAX_PAPER + 1];
	for (int i = 0; i < n; i++)
		ids[i] = paper[i].item_id;
	qsort(ids, (size_t)n, sizeof *ids, cmp_id);
	buf sql;
	buf_init(&sql, 0);
	buf_adds(&sql, "INSERT INTO item_exposure (sitting_id, item_id, uses) VALUES ");
	int nargs = 1;
	args[0] = DV_I(sitting_id);
	for (int i = 0; i < n;) {
		int k = i;
		while (k < n && ids[k] == ids[i])
			k++;
		buf_printf(&sql, "%s($1,$%d,$%d)", nargs > 1 ? "," : "", nargs + 1, nargs + 2);
		args[nargs++] = DV_I(ids[i]);
		args[nargs++] = DV_I(k - i);
		i = k;
	}
	buf_adds(&sql, " ON CONFLICT (sitting_id, item_id) DO UPDATE SET uses = item_exposure.uses + "
		       "excluded.uses");
	int rc = nargs > 1 ? db_run(d, sql.ptr, args, nargs, e) : 0;
	buf_free(&sql);
	return rc < 0 ? -1 : 0;
}

/* 检录: the room's invigilators, the registration, the paper drawn from the bank by the blueprint (drawn
 * again if the transaction runs again), the exposure counts and the attempt, in one transaction */
static int admit_work(tx *t, void *ctx, err *e)
{
	struct admit_ctx *c = ctx;
	db *d = t->d;
	int64_t sitting_id = c->sitting_id, reg_id = c->reg_id, plan = c->plan, inst = c->inst;
	/* before the counts: two admissions at once into a room with one place left both counted it free */
	if (sitting_lock(d, sitting_id, e) != 0 || invigilators_admit_check(d, sitting_id, e) != 0)
		return -1;
	int64_t person = 0;
	char rstatus[16] = "", occ[16] = "";
	int level = 0;
	bool waived = false;
	db_stmt *st =
		db_query(d,
			 "SELECT g.person_id, g.status, p.occupation_code, p.level, g.theory_waived FROM "
			 "registrations g JOIN plans p ON p.id = "
			 "g.plan_id WHERE g.id = $1 AND g.plan_id = $2",
			 DB_ARGS(DV_I(reg_id), DV_I(plan)), e);
	if (st && db_step(st) == DB_ROW) {
		person = db_int(st, 0);
		snprintf(rstatus, sizeof rstatus, "%s", db_text(st, 1));
		snprintf(occ, sizeof occ, "%s", db_text(st, 2));
		level = (int)db_int(st, 3);
		waived = db_int(st, 4) != 0;
	}
	db_done(st);
	if (!person || strcmp(rstatus, "approved")) {
		return person ? err_set(e, 409, "not_approved", "registration_id", "报名未通过资格审核",
					"the registration is not approved")
			      : err_set(e, 404, "not_found", "registration_id", "本计划无此报名",
					"no such registration in this plan");
	}
	/* 企业评价规范: a candidate whose post the plan's norm names sits no theory exam */
	if (waived)
		return err_set(e, 409, "theory_waived", "registration_id",
			       "按企业评价规范，该考生所在岗位免考理论知识",
			       "the enterprise's norm waives the "
			       "theory exam for the candidate's post");
	if (booked_room_check(d, sitting_id, e) != 0)
		return -1;
	struct norm_level nlv;
	bool has_norm = false;
	if (norm_plan_level(d, plan, &nlv, &has_norm, e) != 0)
		return -1;
	/* the bank (any size; never an item released to the practice pool: DOMAIN §62) and the blueprint */
	struct bank_item *bank = NULL;
	char areas[64][41];
	int nareas = 0;
	size_t nbank = 0, bankcap = 0;
	st = db_query(d,
		      "SELECT id, area, kind, options FROM items WHERE occupation_code = $1 AND level = $2 "
		      "AND active = 1 AND (institution_id IS NULL OR institution_id = $3) AND NOT EXISTS "
		      "(SELECT 1 FROM practice_items px WHERE px.item_key = items.item_key)",
		      DB_ARGS(DV_S(occ), DV_I(level), DV_I(inst)), e);
	if (!st)
		return -1;
	while (db_step(st) == DB_ROW) {
		if (nbank == bankcap)
			bank = xrealloc(bank, (bankcap = bankcap ? bankcap * 2 : 256) * sizeof *bank);
		const char *area = db_text(st, 1);
		int ai = -1;
		for (int k = 0; k < nareas; k++)
			if (!strcmp(areas[k], area))
				ai = k;
		if (ai < 0 && nareas < 64) {
			snprintf(areas[nareas], sizeof areas[0], "%s", area);
			ai = nareas++;
		}
		json_t *opts = json_loads(db_text(st, 3), 0, NULL);
		bank[nbank++] = (struct bank_item){.id = db_int(st, 0),
						   .area = ai,
						   .kind = exam_kind_index(db_text(st, 2)),
						   .noptions = (int)json_array_size(opts)};
		json_decref(opts);
	}
	if (db_finish(st, e) != 0) {
		free(bank);
		return -1;
	}
	struct blueprint_cell cells[64];
	char cell_area[64][41];
	size_t ncells = 0;
	bool too_many = false;
	st = db_query(d, exam_blueprint_for, DB_ARGS(DV_S(occ), DV_I(level), DV_I(inst)), e);
	while (st && db_step(st) == DB_ROW) {
		if (ncells == ARRAY_LEN(cells)) {
			too_many = true; /* never cut a blueprint short: refuse it */
			break;
		}
		snprintf(cell_area[ncells], sizeof cell_area[0], "%s", db_text(st, 0));
		int ai = -1;
		for (int k = 0; k < nareas; k++)
			if (!strcmp(areas[k], db_text(st, 0)))
				ai = k;
		cells[ncells++] = (struct blueprint_cell){ai < 0 ? 999 : ai, exam_kind_index(db_text(st, 1)),
							  (int)db_int(st, 2)};
	}
	if (!st || db_finish(st, e) != 0) {
		free(bank);
		return -1;
	}
	if (too_many) {
		free(bank);
		return err_set(e, 409, "blueprint_too_large", NULL, "组卷蓝图超过 %zu 个单元，无法组卷",
			       "the blueprint has more than %zu cells", ARRAY_LEN(cells));
	}
	if (!ncells) {
		free(bank);
		return err_set(e, 409, "no_blueprint", NULL, "该职业等级尚未设置组卷蓝图",
			       "no blueprint for this occupation and level");
	}
	/* 企业评价规范: the paper follows the norm's 理论知识权重表 (each area within one item of its weight)
	 */
	if (has_norm && nlv.nareas) {
		struct norm_area na[NORM_MAX_AREAS];
		struct norm_cell nc[ARRAY_LEN(cells)];
		for (int k = 0; k < nlv.nareas; k++)
			na[k] = (struct norm_area){nlv.areas[k], nlv.weights[k]};
		for (size_t k = 0; k < ncells; k++)
			nc[k] = (struct norm_cell){cell_area[k], cells[k].count};
		int off = norm_blueprint_off(na, (size_t)nlv.nareas, nc, ncells);
		if (off >= 0) {
			free(bank);
			const char *area =
				(size_t)off < ncells ? cell_area[off] : nlv.areas[(size_t)off - ncells];
			int count = 0, total = 0, weight = 0;
			for (size_t k = 0; k < ncells; k++) {
				total += cells[k].count;
				count += strcmp(cell_area[k], area) ? 0 : cells[k].count;
			}
			for (int k = 0; k < nlv.nareas; k++)
				weight = strcmp(nlv.areas[k], area) ? weight : nlv.weights[k];
			return err_set(
				e, 409, "blueprint_off_norm", NULL,
				"组卷蓝图与企业评价规范的理论知识权重表不符：鉴定范围「%s」%d/%d "
				"题，规范权重 %d%%",
				"the blueprint does not follow the enterprise's norm: area %s has %d of %d "
				"items, the norm weighs it %d%%",
				area, count, total, weight);
		}
	}
	/* exposure so far in this sitting */
	st = db_query(d, "SELECT item_id, uses FROM item_exposure WHERE sitting_id = $1",
		      DB_ARGS(DV_I(sitting_id)), e);
	while (st && db_step(st) == DB_ROW) {
		int64_t item = db_int(st, 0);
		for (size_t b = 0; b < nbank; b++)
			if (bank[b].id == item)
				bank[b].exposure = (int)db_int(st, 1);
	}
	if (!st || db_finish(st, e) != 0) {
		free(bank);
		return -1;
	}
	struct paper_item paper[MAX_PAPER];
	int short_cell = -1,
	    n = paper_assemble(bank, nbank, cells, ncells, random_u64(), paper, MAX_PAPER, &short_cell);
	free(bank);
	if (n < 0)
		return err_set(e, 409, "bank_too_small", NULL, "题库试题不足，无法按蓝图组卷",
			       "the bank cannot meet the blueprint");
	json_t *pj = json_array();
	for (int i = 0; i < n; i++) {
		json_t *ord = json_array();
		for (int o = 0; o < paper[i].noptions; o++)
			json_array_append_new(ord, json_integer(paper[i].order[o]));
		json_array_append_new(
			pj, json_pack("{s:I,s:o}", "item", (json_int_t)paper[i].item_id, "order", ord));
	}
	char shape[MAX_PAPER + 1]; /* the save's check reads it instead of the paper (migration 069) */
	paper_shape(paper, n, shape);
	char *ptxt = json_dumps(pj, JSON_COMPACT);
	json_decref(pj);
	if (count_exposure(d, sitting_id, paper, n, e) != 0) {
		free(ptxt);
		return -1;
	}
	st = db_query(
		d,
		"INSERT INTO attempts (sitting_id, registration_id, person_id, status, paper, shape, "
		"created_at) VALUES ($1,$2,$3,'admitted',$4,$5,$6) RETURNING id",
		DB_ARGS(DV_I(sitting_id), DV_I(reg_id), DV_I(person), DV_S(ptxt), DV_S(shape), DV_I(now_s())),
		e);
	free(ptxt);
	int rc = st ? db_step(st) : DB_ERROR;
	int64_t id = rc == DB_ROW ? db_int(st, 0) : 0;
	db_done(st);
	if (!id) {
		if (rc == DB_CONFLICT)
			err_set(e, 409, "already_admitted", "registration_id", "该考生已检录",
				"the candidate is already admitted");
		return -1;
	}
	c->id = id;
	tx_audit(t, "attempt.admit", "attempt", id,
		 json_pack("{s:I,s:I,s:i}", "sitting_id", (json_int_t)sitting_id, "registration_id",
			   (json_int_t)reg_id, "items", n));
	return 0;
}

int64_t sitting_admit(db *d, const principal *a, int64_t sitting_id, int64_t reg_id, err *e)
{
	int64_t plan = 0, inst = 0;
	char pstatus[16];
	if (plan_of_sitting(d, sitting_id, &plan, &inst, pstatus, e) != 0)
		return -1;
	/* admission creates an attempt of the sitting: the attempts' write rule (an examiner only in a
	 * sitting it invigilates) */
	if (scope_check_via(d, a, SE_SITTING, sitting_id, SE_ATTEMPT, SCOPE_WRITE, NULL, e) != 0)
		return -1;
	struct admit_ctx c = {.sitting_id = sitting_id, .reg_id = reg_id, .plan = plan, .inst = inst};
	return svc_tx(d, a, admit_work, &c, e) == 0 ? c.id : -1;
}

json_t *sitting_list_json(db *d, const principal *a, int64_t plan_id, err *e)
{
	/* the plan must be readable; its rooms are then those of the sitting scope (an examiner: the ones it
	 * invigilates) */
	if (scope_check(d, a, SE_PLAN, plan_id, SCOPE_READ, NULL, e) != 0)
		return NULL;
	query q;
	q_init(&q, "SELECT " SITTING_VIEW_COLS " FROM sittings s JOIN plans p ON p.id = s.plan_id JOIN "
		   "institutions i ON i.id = p.institution_id" SITTING_VIEW_JOINS);
	q_and(&q, "s.plan_id = ?", DV_I(plan_id));
	scope_where(&q, a, SE_SITTING, SCOPE_READ);
	q_sql(&q, " ORDER BY s.id");
	db_stmt *st = q_query(d, &q, e);
	q_free(&q);
	json_t *items = rows_json(st, sitting_view, e);
	if (!items)
		return NULL;
	size_t n;
	json_t *it;
	json_array_foreach(items, n, it)
	{
		json_t *inv = invigilators_json(d, json_integer_value(json_object_get(it, "id")), e);
		if (!inv) {
			json_decref(items);
			return NULL;
		}
		json_object_set_new(it, "invigilator_users", inv);
	}
	return json_pack("{s:I,s:o}", "plan_id", (json_int_t)plan_id, "items", items);
}

json_t *sitting_attempts_json(db *d, const principal *a, int64_t sitting_id, err *e)
{
	int64_t plan = 0, inst = 0;
	char ps[16];
	if (plan_of_sitting(d, sitting_id, &plan, &inst, ps, e) != 0)
		return NULL;
	/* the attempts of a sitting, by the attempts' rule (core/scope.c, SE_ATTEMPT read): an examiner only
	 * those of a sitting it invigilates, a supervisor those of its region */
	if (scope_check_via(d, a, SE_SITTING, sitting_id, SE_ATTEMPT, SCOPE_READ, NULL, e) != 0)
		return NULL;
	db_stmt *st = db_query(d,
			       "SELECT " ATTEMPT_VIEW_COLS
			       " FROM attempts t JOIN persons p ON p.id = t.person_id WHERE "
			       "t.sitting_id = $1 ORDER BY t.id",
			       DB_ARGS(DV_I(sitting_id)), e);
	json_t *items = rows_json(st, attempt_view, e);
	if (!items)
		return NULL;
	return json_pack("{s:o}", "items", items);
}
