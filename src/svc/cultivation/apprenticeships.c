/* apprenticeships.c: 企业新型学徒制 — filing, approval, progress, completion, the employer's subsidy through
 * the training domain's claims and the apprentice's 认定 registration (see apprenticeships.h) */
#include "util/common.h"
#include "svc/cultivation/apprenticeships.h"
#include "core/apprentice.h"
#include "core/date.h"
#include "core/ladder.h"
#include "core/scope.h"
#include "core/subsidy.h"
#include "svc/base/scope.h"
#include "svc/base/tx.h"
#include "svc/evaluation/registrations.h"
#include "svc/training/claims.h"
#include "svc/base/actions.h"
#include "svc/registry/institutions.h"

#define AP_COLS                                                                                              \
	"ap.id, ap.employer_id, e.name, ap.trainer_id, t.name, t.type, ap.person_id, p.name, "               \
	"ap.region_code, "                                                                                   \
	"ap.occupation_code, COALESCE(o.name, ''), ap.level, ap.mentor_name, ap.mentor_allowance_fen, "      \
	"ap.contract_start, COALESCE(ap.contract_end, ''), ap.training_start, ap.training_end, "             \
	"ap.training_months, ap.plan, ap.status, ap.reason, COALESCE(ap.completed_on, ''), "                 \
	"COALESCE(ap.rung, ''), ap.claim_id, ap.registration_id, ap.created_at, ap.updated_at, "             \
	"COALESCE((SELECT sc.status FROM subsidy_claims sc WHERE sc.id = ap.claim_id), ''), "                \
	"COALESCE((SELECT sc.amount_fen FROM subsidy_claims sc WHERE sc.id = ap.claim_id), 0), "             \
	"(SELECT COALESCE(SUM(pr.hours), 0) FROM apprentice_progress pr WHERE pr.apprenticeship_id = ap.id)"
#define AP_FROM                                                                                              \
	" FROM apprenticeships ap JOIN institutions e ON e.id = ap.employer_id JOIN institutions t ON t.id " \
	"= "                                                                                                 \
	"ap.trainer_id JOIN persons p ON p.id = ap.person_id LEFT JOIN occupations o ON o.code = "           \
	"ap.occupation_code"

static json_t *opt_id(db_stmt *st, int col)
{
	return db_isnull(st, col) ? json_null() : json_integer(db_int(st, col));
}

static json_t *appr_view(db_stmt *st)
{
	const char *status = db_text(st, 20), *rung = db_text(st, 23);
	const char *claim = db_text(st, 28);
	json_t *o = json_pack("{s:I,s:I,s:s,s:I,s:s,s:s,s:I,s:s,s:s,s:s,s:s,s:I,s:s,s:I,s:s,s:o,s:s,s:s,s:I,"
			      "s:s,s:s,s:s,s:s}",
			      "id", (json_int_t)db_int(st, 0), "employer_id", (json_int_t)db_int(st, 1),
			      "employer_name", db_text(st, 2), "trainer_id", (json_int_t)db_int(st, 3),
			      "trainer_name", db_text(st, 4), "trainer_type", db_text(st, 5), "person_id",
			      (json_int_t)db_int(st, 6), "person_name", db_text(st, 7), "region_code",
			      db_text(st, 8), "occupation_code", db_text(st, 9), "occupation_name",
			      db_text(st, 10), "level", (json_int_t)db_int(st, 11), "mentor_name",
			      db_text(st, 12), "mentor_allowance_fen", (json_int_t)db_int(st, 13),
			      "contract_start", db_text(st, 14), "contract_end",
			      *db_text(st, 15) ? json_string(db_text(st, 15)) : json_null(), "training_start",
			      db_text(st, 16), "training_end", db_text(st, 17), "training_months",
			      (json_int_t)db_int(st, 18), "plan", db_text(st, 19), "status", status,
			      "status_zh", fsm_state_zh(&apprentice_fsm, status), "reason", db_text(st, 21));
	json_object_set_new(o, "completed_on", *db_text(st, 22) ? json_string(db_text(st, 22)) : json_null());
	json_object_set_new(o, "rung", *rung ? json_string(rung) : json_null());
	json_object_set_new(o, "rung_zh", json_string(*rung ? ladder_name_zh(ladder_parse(rung)) : ""));
	json_object_set_new(o, "claim_id", opt_id(st, 24));
	json_object_set_new(o, "claim_status", *claim ? json_string(claim) : json_null());
	json_object_set_new(o, "claim_amount_fen", json_integer(db_int(st, 29)));
	json_object_set_new(o, "registration_id", opt_id(st, 25));
	json_object_set_new(o, "hours_done", json_integer(db_int(st, 30)));
	json_object_set_new(o, "created_at", json_integer(db_int(st, 26)));
	json_object_set_new(o, "updated_at", json_integer(db_int(st, 27)));
	return o;
}

static const struct list_filter appr_filters[] = {
	{"status", "ap.status = ?", LIST_EQ, .max = 16},
	{"employer_id", "ap.employer_id = ?", LIST_ID},
	{"trainer_id", "ap.trainer_id = ?", LIST_ID},
	{"person_id", "ap.person_id = ?", LIST_ID},
	{"region_code", "ap.region_code LIKE ?", LIST_REGION, .max = 12},
};
static const struct list_sort appr_sorts[] = {{"id", "ap.id"}, {"training_end", "ap.training_end"}};
static const struct export_col appr_cols[] = {
	{"id", "编号"},
	{"employer_name", "企业"},
	{"trainer_name", "培训院校或机构"},
	{"person_name", "学徒"},
	{"occupation_code", "职业（工种）"},
	{"level", "等级"},
	{"mentor_name", "带徒师傅"},
	{"training_start", "培训开始"},
	{"training_end", "培训结束"},
	{"status_zh", "状态"},
	{"claim_status", "补贴申领状态"},
};

const struct list_spec appr_list = {
	.name = "apprenticeships",
	.scoped = true,
	.entity = SE_APPRENTICESHIP,
	.count_sql = "SELECT COUNT(*)" AP_FROM,
	.select_sql = "SELECT " AP_COLS AP_FROM,
	.order = "ap.id DESC",
	LIST_FILTERS(appr_filters),
	LIST_SORTS(appr_sorts),
	.view = appr_view,
	LIST_COLS(appr_cols),
};

static json_t *appr_row(db *d, int64_t id, err *e)
{
	json_t *o = row_json(db_query(d, "SELECT " AP_COLS AP_FROM " WHERE ap.id = $1", DB_ARGS(DV_I(id)), e),
			     appr_view, e);
	if (!o && !err_isset(e))
		err_set(e, 404, "not_found", NULL, "学徒培养记录不存在", "no such apprenticeship");
	return o;
}

static int not_found(err *e)
{
	return err_set(e, 404, "not_found", NULL, "学徒培养记录不存在", "no such apprenticeship");
}

/* the facts a move needs, and whether the caller reads (1) and changes (2) it */
struct appr_row {
	int64_t employer, trainer, person, claim, registration;
	int level, training_start, training_end, contract_start, contract_end, months;
	char status[16], region[16], occ[32];
};

static int load(db *d, const principal *a, int64_t id, struct appr_row *r, int *acc, err *e)
{
	scope_owner o;
	if (scope_load(d, a, SE_APPRENTICESHIP, id, &o, e))
		return -1;
	if (!o.found || scope_decide(a, SE_APPRENTICESHIP, &o, SCOPE_READ) != 0)
		return not_found(e);
	memset(r, 0, sizeof *r);
	db_stmt *st = db_query(d,
			       "SELECT employer_id, trainer_id, person_id, COALESCE(claim_id, 0), "
			       "COALESCE(registration_id, 0), level, training_start, training_end, "
			       "contract_start, COALESCE(contract_end, ''), training_months, status, "
			       "region_code, occupation_code FROM apprenticeships WHERE id = $1",
			       DB_ARGS(DV_I(id)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		r->employer = db_int(st, 0);
		r->trainer = db_int(st, 1);
		r->person = db_int(st, 2);
		r->claim = db_int(st, 3);
		r->registration = db_int(st, 4);
		r->level = (int)db_int(st, 5);
		if (date_parse(db_text(st, 6), &r->training_start) ||
		    date_parse(db_text(st, 7), &r->training_end) ||
		    date_parse(db_text(st, 8), &r->contract_start))
			r->training_end = 0;
		if (*db_text(st, 9) && date_parse(db_text(st, 9), &r->contract_end))
			r->contract_end = 0;
		r->months = (int)db_int(st, 10);
		snprintf(r->status, sizeof r->status, "%s", db_text(st, 11));
		snprintf(r->region, sizeof r->region, "%s", db_text(st, 12));
		snprintf(r->occ, sizeof r->occ, "%s", db_text(st, 13));
	}
	db_done(st);
	if (row < 0)
		return -1;
	if (row == 0)
		return not_found(e);
	/* the write reach; an institution other than the employer (the trainer) records progress but takes
	 * no move of the state machine: that is the employer's or the bureau's */
	*acc = 1 | (scope_decide(a, SE_APPRENTICESHIP, &o, SCOPE_WRITE) == 0 ? 2 : 0);
	if ((*acc & 2) && (a->role == ROLE_INSTITUTION_ADMIN || a->role == ROLE_INSTITUTION_STAFF) &&
	    a->institution_id != r->employer)
		*acc |= 4; /* the trainer */
	return 0;
}

static bool moves_state(int acc)
{
	return (acc & 2) && !(acc & 4);
}

static json_t *moves_json(const principal *a, const char *status, int acc)
{
	return fsm_actions_json(&apprentice_fsm, status, fsm_acting(a, moves_state(acc)));
}

static json_t *progress_view(db_stmt *st)
{
	return json_pack("{s:I,s:s,s:s,s:I,s:b,s:s,s:I}", "id", (json_int_t)db_int(st, 0), "kind",
			 db_text(st, 1), "recorded_on", db_text(st, 2), "hours", (json_int_t)db_int(st, 3),
			 "passed", db_int(st, 4) != 0, "note", db_text(st, 5), "created_at",
			 (json_int_t)db_int(st, 6));
}

json_t *appr_get_json(db *d, const principal *a, int64_t id, err *e)
{
	struct appr_row r;
	int acc;
	if (load(d, a, id, &r, &acc, e))
		return NULL;
	json_t *o = appr_row(d, id, e);
	json_t *pr =
		o ? rows_json(db_query(d,
				       "SELECT id, kind, recorded_on, hours, passed, note, created_at FROM "
				       "apprentice_progress WHERE apprenticeship_id = $1 ORDER BY "
				       "recorded_on, id",
				       DB_ARGS(DV_I(id)), e),
			      progress_view, e)
		  : NULL;
	if (!pr) {
		json_decref(o);
		return NULL;
	}
	json_object_set_new(o, "progress", pr);
	json_object_set_new(o, "actions", moves_json(a, r.status, acc));
	json_object_set_new(o, "may_record", json_boolean((acc & 2) && !strcmp(r.status, "training")));
	return o;
}

/* ---- filing ---- */

static int opt_date(const char *s, const char *field, int *out, err *e)
{
	*out = 0;
	if (!s || !*s)
		return 0;
	if (date_parse(s, out) != 0)
		return err_set(e, 422, "invalid_date", field, "日期应为 YYYY-MM-DD", "a date is YYYY-MM-DD");
	return 0;
}

struct create_ctx {
	const struct appr_input *in;
	const char *region;
	int months;
	int64_t id;
};

static int create_work(tx *t, void *ctx, err *e)
{
	struct create_ctx *c = ctx;
	const struct appr_input *in = c->in;
	int64_t now = now_s();
	int rc = db_one_int(
		t->d,
		"INSERT INTO apprenticeships (employer_id, trainer_id, person_id, region_code, "
		"occupation_code, "
		"level, mentor_name, mentor_allowance_fen, contract_start, contract_end, training_start, "
		"training_end, training_months, plan, created_by, created_at, updated_at) VALUES "
		"($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$16) RETURNING id",
		DB_ARGS(DV_I(in->employer_id), DV_I(in->trainer_id), DV_I(in->person_id), DV_S(c->region),
			DV_S(in->occupation_code), DV_I(in->level), DV_S(in->mentor_name),
			DV_I(in->mentor_allowance_fen < 0 ? 0 : in->mentor_allowance_fen),
			DV_S(in->contract_start),
			in->contract_end && *in->contract_end ? DV_S(in->contract_end) : DV_NULL,
			DV_S(in->training_start), DV_S(in->training_end), DV_I(c->months),
			DV_S(in->plan ? in->plan : ""), DV_I(t->a->user_id), DV_I(now)),
		&c->id, e);
	if (rc != DB_OK)
		return e->status == 409
			       ? err_set(e, 409, "apprentice_busy", "person_id",
					 "该人员已有在备案或培训中的新型学徒制培养",
					 "the person already has an apprenticeship filed or in training")
			       : -1;
	tx_audit(t, "apprenticeship.file", "apprenticeship", c->id,
		 json_pack("{s:I,s:I,s:I,s:s,s:I,s:I}", "employer_id", (json_int_t)in->employer_id,
			   "trainer_id", (json_int_t)in->trainer_id, "person_id", (json_int_t)in->person_id,
			   "occupation_code", in->occupation_code, "level", (json_int_t)in->level,
			   "training_months", (json_int_t)c->months));
	return 0;
}

json_t *appr_create(db *d, const principal *a, const struct appr_input *in, err *e)
{
	if (a->role != ROLE_INSTITUTION_ADMIN && a->role != ROLE_CITY_ADMIN && a->role != ROLE_PROVINCE_ADMIN)
		return err_set(e, 403, "forbidden", NULL, "由企业或人社部门备案新型学徒制培养",
			       "the employer or the bureau files an apprenticeship"),
		       NULL;
	if (check_text(in->mentor_name, "mentor_name", 50, true, e) ||
	    check_text(in->plan, "plan", 2000, false, e) ||
	    check_text(in->occupation_code, "occupation_code", 32, true, e))
		return NULL;
	if (in->level < 1 || in->level > 5)
		return err_set(e, 422, "invalid_value", "level", "等级应为 1 至 5", "level is 1 to 5"), NULL;
	int cs, ce, ts, te, months;
	if (!in->contract_start || !in->training_start || !in->training_end)
		return err_set(e, 422, "missing_field",
			       !in->contract_start   ? "contract_start"
			       : !in->training_start ? "training_start"
						     : "training_end",
			       "缺少劳动合同或培训计划的日期",
			       "the contract's and the plan's dates are required"),
		       NULL;
	if (opt_date(in->contract_start, "contract_start", &cs, e) ||
	    opt_date(in->contract_end, "contract_end", &ce, e) ||
	    opt_date(in->training_start, "training_start", &ts, e) ||
	    opt_date(in->training_end, "training_end", &te, e) ||
	    apprentice_terms_check(cs, ce, ts, te, &months, e))
		return NULL;
	struct inst_facts emp, tr;
	if (inst_facts(d, in->employer_id, &emp, e) || inst_facts(d, in->trainer_id, &tr, e))
		return NULL;
	scope_owner o = {.found = emp.found, .institution_id = in->employer_id};
	snprintf(o.region, sizeof o.region, "%s", emp.region);
	if (!emp.found || scope_decide(a, SE_APPRENTICESHIP, &o, SCOPE_WRITE) != 0 ||
	    (a->role == ROLE_INSTITUTION_ADMIN && a->institution_id != in->employer_id))
		return err_set(e, 404, "not_found", "employer_id", "企业不存在或不在本单位、本地区",
			       "no such employer of yours or in your region"),
		       NULL;
	if (strcmp(emp.type, "employer"))
		return err_set(e, 422, "not_employer", "employer_id", "新型学徒制的主体应为企业（用人单位）",
			       "an apprenticeship is an employer's"),
		       NULL;
	if (!tr.found || strcmp(tr.status, "filed") ||
	    (strcmp(tr.type, "technical_school") && strcmp(tr.type, "training") &&
	     strcmp(tr.type, "university")))
		return err_set(e, 422, "not_trainer", "trainer_id",
			       "承担培训的应为在册的技工院校、职业院校或培训机构",
			       "the trainer is a filed school or training institution"),
		       NULL;
	if (scope_check(d, a, SE_PERSON, in->person_id, SCOPE_READ, "person_id", e))
		return NULL;
	int64_t n = 0;
	int rc = db_one_int(d, "SELECT COUNT(*) FROM occupations WHERE code = $1",
			    DB_ARGS(DV_S(in->occupation_code)), &n, e);
	if (rc != DB_OK)
		return db_rc_to_err(d, rc, e), NULL;
	if (!n)
		return err_set(e, 422, "unknown_occupation", "occupation_code", "职业（工种）编码不存在",
			       "unknown occupation code"),
		       NULL;
	struct create_ctx c = {.in = in, .region = emp.region, .months = months};
	return svc_tx(d, a, create_work, &c, e) ? NULL : appr_get_json(d, a, c.id, e);
}

/* ---- progress and moves ---- */

struct progress_ctx {
	int64_t id, hours, pid;
	const char *kind, *on, *note;
	int passed;
};

static int progress_work(tx *t, void *ctx, err *e)
{
	struct progress_ctx *c = ctx;
	int rc = db_one_int(
		t->d,
		"INSERT INTO apprentice_progress (apprenticeship_id, kind, recorded_on, hours, passed, "
		"note, recorded_by, created_at) SELECT $1,$2,$3,$4,$5,$6,$7,$8 WHERE EXISTS (SELECT 1 "
		"FROM apprenticeships WHERE id = $1 AND status = 'training') RETURNING id",
		DB_ARGS(DV_I(c->id), DV_S(c->kind), DV_S(c->on), DV_I(c->hours), DV_I(c->passed),
			DV_S(c->note ? c->note : ""), DV_I(t->a->user_id), DV_I(now_s())),
		&c->pid, e);
	if (rc == DB_NOT_FOUND)
		return err_set(e, 409, "invalid_state", "status", "仅培训中的学徒可记录进度",
			       "progress is recorded while in training");
	if (rc != DB_OK)
		return db_rc_to_err(t->d, rc, e);
	tx_audit(t, "apprenticeship.progress", "apprenticeship", c->id,
		 json_pack("{s:I,s:s,s:s,s:I,s:b}", "progress_id", (json_int_t)c->pid, "kind", c->kind,
			   "recorded_on", c->on, "hours", (json_int_t)c->hours, "passed", c->passed != 0));
	return 0;
}

json_t *appr_progress_add(db *d, const principal *a, int64_t id, const char *kind, const char *on,
			  int64_t hours, int passed, const char *note, err *e)
{
	struct appr_row r;
	int acc, day = 0;
	if (load(d, a, id, &r, &acc, e))
		return NULL;
	if (!(acc & 2))
		return err_set(e, 403, "forbidden", NULL, "由企业、承担培训的院校或人社部门记录进度",
			       "the employer, the trainer or the bureau records progress"),
		       NULL;
	if (!kind || (strcmp(kind, "stage") && strcmp(kind, "final")))
		return err_set(e, 422, "invalid_value", "kind", "kind 应为 stage（阶段）或 final（结业考核）",
			       "kind is stage or final"),
		       NULL;
	if (!on || date_parse(on, &day) != 0 || day > date_today_utc8())
		return err_set(e, 422, "invalid_date", "recorded_on", "记录日期应为不晚于今天的 YYYY-MM-DD",
			       "recorded_on is a date not after today"),
		       NULL;
	if (hours < 0 || hours > 10000)
		return err_set(e, 422, "invalid_value", "hours", "学时应在 0 至 10000 之间",
			       "hours is 0 to 10000"),
		       NULL;
	if (check_text(note, "note", 500, false, e))
		return NULL;
	if (strcmp(r.status, "training"))
		return err_set(e, 409, "invalid_state", "status", "仅培训中的学徒可记录进度",
			       "progress is recorded while in training"),
		       NULL;
	struct progress_ctx c = {.id = id,
				 .hours = hours,
				 .kind = kind,
				 .on = on,
				 .note = note,
				 .passed = !strcmp(kind, "final") && passed > 0};
	return svc_tx(d, a, progress_work, &c, e) ? NULL : appr_get_json(d, a, id, e);
}

struct move_ctx {
	int64_t id;
	const char *to, *reason;
};

static int move_work(tx *t, void *ctx, err *e)
{
	struct move_ctx *m = ctx;
	struct appr_row r;
	int acc;
	if (fsm_check_state(&apprentice_fsm, m->to, e) || load(t->d, t->a, m->id, &r, &acc, e))
		return -1;
	int64_t passed = 0;
	int rc =
		db_one_int(t->d,
			   "SELECT COUNT(*) FROM apprentice_progress WHERE apprenticeship_id = $1 AND kind = "
			   "'final' AND passed = 1",
			   DB_ARGS(DV_I(m->id)), &passed, e);
	if (rc != DB_OK)
		return db_rc_to_err(t->d, rc, e);
	struct apprentice_ctx cx = {
		.today = date_today_utc8(), .training_end = r.training_end, .final_passed = passed > 0};
	const struct fsm_transition *tr = NULL;
	if (fsm_decide(&apprentice_fsm, r.status, m->to, fsm_acting(t->a, moves_state(acc)), m->reason, &cx,
		       &tr, e))
		return -1;
	char today[11];
	date_format(cx.today, today);
	bool done = (tr->effects & APPR_FX_COMPLETE) != 0;
	int n = db_run(t->d,
		       "UPDATE apprenticeships SET status = $1, reason = $2, completed_on = $3, rung = $4, "
		       "updated_at = $5 WHERE id = $6 AND status = $7",
		       DB_ARGS(DV_S(m->to), DV_S(m->reason ? m->reason : ""), done ? DV_S(today) : DV_NULL,
			       done ? DV_S(ladder_code(WL_APPRENTICE)) : DV_NULL, DV_I(now_s()), DV_I(m->id),
			       DV_S(r.status)),
		       e);
	if (n < 0)
		return -1;
	if (n == 0)
		return err_set(e, 409, "invalid_state", "status", "学徒培养的状态已改变",
			       "the apprenticeship's status changed");
	json_t *det = json_pack("{s:s,s:s,s:s}", "from", r.status, "to", m->to, "reason",
				m->reason ? m->reason : "");
	if (done)
		json_object_set_new(det, "rung", json_string(ladder_code(WL_APPRENTICE)));
	tx_audit(t, tr->audit, "apprenticeship", m->id, det);
	return 0;
}

json_t *appr_move(db *d, const principal *a, int64_t id, const char *to, const char *reason, err *e)
{
	if (reason && check_text(reason, "reason", 200, false, e))
		return NULL;
	struct move_ctx m = {.id = id, .to = to, .reason = reason && *reason ? reason : NULL};
	return svc_tx(d, a, move_work, &m, e) ? NULL : appr_get_json(d, a, id, e);
}

/* ---- the employer's subsidy ---- */

/* the city's rate a year (apprentice_rates), or the rules' floor */
static int city_rate(db *d, const char *region, fen_t *rate, err *e)
{
	char city[16];
	snprintf(city, sizeof city, "%.4s00", region);
	*rate = subsidy_rules_default()->apprentice_per_year;
	db_stmt *st = db_query(d, "SELECT rate_fen FROM apprentice_rates WHERE region_code = $1",
			       DB_ARGS(DV_S(city)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1)
		*rate = db_int(st, 0);
	db_done(st);
	return row < 0 ? -1 : 0;
}

struct claim_ctx {
	int64_t id;
	const struct appr_row *r;
	const struct subsidy_rules *rules;
	int64_t claim;
	bool ok;
};

static int claim_work(tx *t, void *ctx, err *e)
{
	struct claim_ctx *c = ctx;
	const struct appr_row *r = c->r;
	char city[16];
	snprintf(city, sizeof city, "%.4s00", r->region);
	struct claim_input ci = {
		.person_id = r->person, .employer_id = r->employer, .region = city, .rules = c->rules};
	struct subsidy_facts *f = &ci.facts;
	f->kind = SUB_APPRENTICE;
	f->apply_date = date_today_utc8();
	f->occupation = r->occ;
	f->level = r->level;
	f->contract_start = r->contract_start;
	f->contract_end = r->contract_end;
	f->training_start = r->training_start;
	/* a plan of up to 3 years is subsidised for the rules' longest period (24 months: [GAP] §54) */
	f->training_end = r->months > c->rules->apprentice_max_months
				  ? subsidy_add_months(r->training_start, c->rules->apprentice_max_months)
				  : r->training_end;
	if (claim_file(t->d, t->a, &ci, &c->claim, &c->ok, e))
		return -1;
	if (db_run(t->d, "UPDATE apprenticeships SET claim_id = $1, updated_at = $2 WHERE id = $3",
		   DB_ARGS(DV_I(c->claim), DV_I(now_s()), DV_I(c->id)), e) < 0)
		return -1;
	tx_audit(t, "apprenticeship.claim", "apprenticeship", c->id,
		 json_pack("{s:I,s:b,s:I}", "claim_id", (json_int_t)c->claim, "ok", c->ok, "rate_fen",
			   (json_int_t)c->rules->apprentice_per_year));
	return 0;
}

json_t *appr_claim(db *d, const principal *a, int64_t id, err *e)
{
	struct appr_row r;
	int acc;
	if (load(d, a, id, &r, &acc, e))
		return NULL;
	if (a->role != ROLE_PROVINCE_ADMIN && a->role != ROLE_CITY_ADMIN)
		return err_set(e, 403, "forbidden", NULL, "新型学徒制补贴由人社部门在窗口为企业申领",
			       "the bureau files the employer's claim"),
		       NULL;
	if (strcmp(r.status, "completed"))
		return err_set(e, 409, "not_completed", "status", "学徒尚未结业，不能申领培训补贴",
			       "the apprenticeship is not completed: no claim yet"),
		       NULL;
	if (r.claim) {
		char st[16] = "";
		db_stmt *q = db_query(d, "SELECT status FROM subsidy_claims WHERE id = $1",
				      DB_ARGS(DV_I(r.claim)), e);
		int row = q ? db_row(q, e) : -1;
		if (row == 1)
			snprintf(st, sizeof st, "%s", db_text(q, 0));
		db_done(q);
		if (row < 0)
			return NULL;
		if (strcmp(st, "rejected"))
			return err_set(e, 409, "already_claimed", NULL,
				       "该学徒的企业补贴已申领（申领编号 %lld），不能重复申领",
				       "the employer's subsidy for this apprentice is claimed already (claim "
				       "%lld)",
				       (long long)r.claim),
			       NULL;
	}
	struct subsidy_rules rules = *subsidy_rules_default();
	if (city_rate(d, r.region, &rules.apprentice_per_year, e) || subsidy_rules_check(&rules, e))
		return NULL;
	struct claim_ctx c = {.id = id, .r = &r, .rules = &rules};
	if (svc_tx(d, a, claim_work, &c, e))
		return NULL;
	json_t *ap = appr_get_json(d, a, id, e);
	if (!ap)
		return NULL;
	return json_pack("{s:I,s:b,s:O,s:o}", "claim_id", (json_int_t)c.claim, "ok", c.ok, "amount_fen",
			 json_object_get(ap, "claim_amount_fen"), "apprenticeship", ap);
}

/* ---- the 认定 registration ---- */

struct reg_ctx {
	int64_t id, reg;
};

static int reg_work(tx *t, void *ctx, err *e)
{
	struct reg_ctx *c = ctx;
	int n = db_run(t->d,
		       "UPDATE apprenticeships SET registration_id = $1, updated_at = $2 WHERE id = $3 AND "
		       "registration_id IS NULL",
		       DB_ARGS(DV_I(c->reg), DV_I(now_s()), DV_I(c->id)), e);
	if (n < 0)
		return -1;
	tx_audit(t, "apprenticeship.registration", "apprenticeship", c->id,
		 json_pack("{s:I}", "registration_id", (json_int_t)c->reg));
	return 0;
}

json_t *appr_register(db *d, const principal *a, int64_t id, int64_t plan_id, const char *option, err *e)
{
	struct appr_row r;
	int acc;
	if (a->role != ROLE_CANDIDATE || a->person_id <= 0)
		return err_set(e, 403, "forbidden", NULL, "由结业学徒本人报名",
			       "the apprentice registers themself"),
		       NULL;
	if (load(d, a, id, &r, &acc, e))
		return NULL;
	if (strcmp(r.status, "completed"))
		return err_set(e, 409, "not_completed", "status", "学徒尚未结业",
			       "the apprenticeship is not completed"),
		       NULL;
	if (r.registration)
		return err_set(e, 409, "already_registered", NULL, "已据此学徒培养报名（报名编号 %lld）",
			       "registered already from this apprenticeship (registration %lld)",
			       (long long)r.registration),
		       NULL;
	char today[11];
	date_format(date_today_utc8(), today);
	int64_t plan = 0;
	db_stmt *st = db_query(
		d,
		"SELECT id FROM plans WHERE status = 'open' AND occupation_code = $1 AND level = $2 "
		"AND reg_start <= $3 AND reg_end >= $3 AND ($4 = 0 OR id = $4) ORDER BY exam_date, id",
		DB_ARGS(DV_S(r.occ), DV_I(r.level), DV_S(today), DV_I(plan_id)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1)
		plan = db_int(st, 0);
	db_done(st);
	if (row < 0)
		return NULL;
	if (!plan)
		return err_set(e, 409, "no_open_plan", "plan_id",
			       "您已结业，但目前没有职业（工种）%s %d "
			       "级的认定计划在报名中；新的计划发布后即可报名",
			       "you have completed, but no plan of occupation %s, level %d is open for "
			       "registration "
			       "now",
			       r.occ, r.level),
		       NULL;
	struct registration_input ri = {.plan_id = plan, .option = option, .declared = true};
	int64_t reg = registration_create(d, a, &ri, e);
	if (reg < 0)
		return NULL;
	struct reg_ctx c = {.id = id, .reg = reg};
	if (svc_tx(d, a, reg_work, &c, e))
		return NULL;
	json_t *g = registration_get_json(d, a, reg, e);
	json_t *ap = g ? appr_get_json(d, a, id, e) : NULL;
	if (!ap) {
		json_decref(g);
		return NULL;
	}
	return json_pack("{s:o,s:o}", "registration", g, "apprenticeship", ap);
}

/* ---- rates and the target ---- */

static json_t *rate_view(db_stmt *st)
{
	return json_pack("{s:s,s:s,s:I,s:s,s:I}", "region_code", db_text(st, 0), "region_name",
			 db_text(st, 1), "rate_fen", (json_int_t)db_int(st, 2), "source", db_text(st, 3),
			 "updated_at", (json_int_t)db_int(st, 4));
}

json_t *appr_rates_json(db *d, err *e)
{
	json_t *items =
		rows_json(db_query(d,
				   "SELECT r.region_code, g.name, r.rate_fen, r.source, r.updated_at FROM "
				   "apprentice_rates r JOIN regions g ON g.code = r.region_code ORDER BY "
				   "r.region_code",
				   DB_NOARGS, e),
			  rate_view, e);
	if (!items)
		return NULL;
	const struct subsidy_rules *r = subsidy_rules_default();
	return json_pack("{s:o,s:I,s:I,s:s}", "items", items, "floor_fen",
			 (json_int_t)r->apprentice_floor_per_year, "default_fen",
			 (json_int_t)r->apprentice_per_year, "source",
			 "种子 003 §5、DOMAIN-design §2：每人每年不低于 5,000 元，具体标准由各市确定");
}

struct rate_ctx {
	const char *region, *source;
	fen_t rate;
};

static int rate_work(tx *t, void *ctx, err *e)
{
	struct rate_ctx *c = ctx;
	int64_t now = now_s();
	if (db_run(t->d,
		   "INSERT INTO apprentice_rates (region_code, rate_fen, source, updated_by, updated_at) "
		   "VALUES "
		   "($1,$2,$3,$4,$5) ON CONFLICT (region_code) DO UPDATE SET rate_fen = excluded.rate_fen, "
		   "source = excluded.source, updated_by = excluded.updated_by, updated_at = "
		   "excluded.updated_at",
		   DB_ARGS(DV_S(c->region), DV_I(c->rate), DV_S(c->source), DV_I(t->a->user_id), DV_I(now)),
		   e) < 0)
		return -1;
	tx_audit_key(t, "apprentice_rate.put", "apprentice_rate", c->region,
		     json_pack("{s:I,s:s}", "rate_fen", (json_int_t)c->rate, "source", c->source));
	return 0;
}

json_t *appr_rate_put(db *d, const principal *a, const char *region, fen_t rate_fen, const char *source,
		      err *e)
{
	if (a->role != ROLE_PROVINCE_ADMIN && a->role != ROLE_CITY_ADMIN)
		return err_set(e, 403, "forbidden", NULL, "补贴标准由省或本市人社部门设定",
			       "the province or the city sets the rate"),
		       NULL;
	if (check_text(source, "source", 200, true, e))
		return NULL;
	int64_t n = 0;
	int rc = db_one_int(d, "SELECT COUNT(*) FROM regions WHERE code = $1 AND level = 'city'",
			    DB_ARGS(DV_S(region)), &n, e);
	if (rc != DB_OK)
		return db_rc_to_err(d, rc, e), NULL;
	if (!n || !region_covers(a->region, region))
		return err_set(e, 404, "not_found", "region_code", "不是本地区的地市区划代码",
			       "no such city in your region"),
		       NULL;
	fen_t floor = subsidy_rules_default()->apprentice_floor_per_year;
	if (rate_fen < floor)
		return err_set(e, 422, "rate_below_floor", "rate",
			       "新型学徒制补贴标准每人每年不低于 5,000 元",
			       "the rate is at least 5,000 yuan per apprentice a year"),
		       NULL;
	struct rate_ctx c = {.region = region, .source = source, .rate = rate_fen};
	return svc_tx(d, a, rate_work, &c, e) ? NULL : appr_rates_json(d, e);
}

static json_t *city_view(db_stmt *st)
{
	return json_pack("{s:s,s:s,s:I,s:I,s:I,s:I}", "region_code", db_text(st, 0), "region_name",
			 db_text(st, 1), "filed", (json_int_t)db_int(st, 2), "training",
			 (json_int_t)db_int(st, 3), "completed", (json_int_t)db_int(st, 4), "terminated",
			 (json_int_t)db_int(st, 5));
}

json_t *appr_summary_json(db *d, const principal *a, err *e)
{
	if (a->role != ROLE_PROVINCE_ADMIN && a->role != ROLE_CITY_ADMIN)
		return err_set(e, 403, "forbidden", NULL, "仅人社部门查看目标进度",
			       "the bureau reads the target"),
		       NULL;
	char pat[24];
	snprintf(pat, sizeof pat, "%s%%", a->region);
	json_t *cities =
		rows_json(db_query(d,
				   "SELECT g.code, g.name, "
				   "COALESCE(SUM(CASE WHEN ap.status = 'filed' THEN 1 ELSE 0 END), 0), "
				   "COALESCE(SUM(CASE WHEN ap.status = 'training' THEN 1 ELSE 0 END), 0), "
				   "COALESCE(SUM(CASE WHEN ap.status = 'completed' THEN 1 ELSE 0 END), 0), "
				   "COALESCE(SUM(CASE WHEN ap.status = 'terminated' THEN 1 ELSE 0 END), 0) "
				   "FROM regions g LEFT JOIN apprenticeships ap ON ap.region_code LIKE "
				   "substr(g.code, 1, 4) || '%' WHERE g.level = 'city' AND g.code LIKE $1 "
				   "GROUP BY g.code, g.name ORDER BY g.code",
				   DB_ARGS(DV_S(pat)), e),
			  city_view, e);
	if (!cities)
		return NULL;
	int64_t trained = 0, completed = 0;
	size_t i;
	json_t *c;
	json_array_foreach(cities, i, c)
	{
		trained += json_integer_value(json_object_get(c, "training")) +
			   json_integer_value(json_object_get(c, "completed"));
		completed += json_integer_value(json_object_get(c, "completed"));
	}
	json_t *target = NULL;
	db_stmt *st = db_query(d,
			       "SELECT region_code, deadline, value, source, id FROM targets WHERE metric = "
			       "'apprentice.trained' AND region_code = '370000' ORDER BY deadline DESC",
			       DB_NOARGS, e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1)
		target = json_pack("{s:s,s:s,s:I,s:s,s:I}", "region_code", db_text(st, 0), "deadline",
				   db_text(st, 1), "target", (json_int_t)db_int(st, 2), "source",
				   db_text(st, 3), "target_id", (json_int_t)db_int(st, 4));
	db_done(st);
	if (row < 0) {
		json_decref(cities);
		return NULL;
	}
	int64_t goal = target ? json_integer_value(json_object_get(target, "target")) : 0;
	return json_pack("{s:s,s:o,s:I,s:I,s:f,s:o}", "region", a->region, "target",
			 target ? target : json_null(), "trained", (json_int_t)trained, "completed",
			 (json_int_t)completed, "progress_pct",
			 goal ? (double)trained * 100.0 / (double)goal : 0.0, "by_city", cities);
}
