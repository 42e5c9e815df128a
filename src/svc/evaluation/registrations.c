/* registrations.c: 报名 + 资格审核 (see plans.h) */
#include "util/common.h"
#include "store/query.h"
#include "svc/evaluation/plans.h"
#include "svc/evaluation/registrations.h"
#include "svc/base/tx.h"
#include "svc/evaluation/view.h"
#include "core/date.h"
#include "svc/evaluation/eligibility.h"
#include "svc/stats/counters.h"
#include "svc/evaluation/norms.h"

struct plan_facts {
	int64_t inst;
	char status[16], occ[16], tpl[8], exam[11], reg_start[11], reg_end[11], inst_type[24], region[16];
	int level, capacity;
	int64_t norm_id; /* the plan's 企业评价规范 version (0: the national standard) */
};

static int load_plan(db *d, int64_t id, struct plan_facts *p, err *e)
{
	memset(p, 0, sizeof *p);
	db_stmt *st = db_query(
		d,
		"SELECT p.institution_id, p.status, p.occupation_code, p.template, p.exam_date, p.reg_start, "
		"p.reg_end, p.level, p.capacity, i.type, i.region_code, COALESCE(p.norm_id, 0) FROM plans p "
		"JOIN institutions i ON "
		"i.id = "
		"p.institution_id WHERE p.id = $1",
		DB_ARGS(DV_I(id)), e);
	if (!st)
		return -1;
	int found = db_step(st) == DB_ROW;
	if (found) {
		p->inst = db_int(st, 0);
		snprintf(p->status, sizeof p->status, "%s", db_text(st, 1));
		snprintf(p->occ, sizeof p->occ, "%s", db_text(st, 2));
		snprintf(p->tpl, sizeof p->tpl, "%s", db_text(st, 3));
		snprintf(p->exam, sizeof p->exam, "%s", db_text(st, 4));
		snprintf(p->reg_start, sizeof p->reg_start, "%s", db_text(st, 5));
		snprintf(p->reg_end, sizeof p->reg_end, "%s", db_text(st, 6));
		p->level = (int)db_int(st, 7);
		p->capacity = (int)db_int(st, 8);
		snprintf(p->inst_type, sizeof p->inst_type, "%s", db_text(st, 9));
		snprintf(p->region, sizeof p->region, "%s", db_text(st, 10));
		p->norm_id = db_int(st, 11);
	}
	db_done(st);
	if (!found)
		return err_set(e, 404, "not_found", "plan_id", "认定计划不存在", "no such plan");
	return 0;
}

struct reg_create_ctx {
	const struct registration_input *in;
	int64_t person, id; /* id: out */
	int capacity;
	bool eligible, waived;
	const char *fcode, *fmsg, *fmsg_en;
};

/* the plan's places counted in the writing transaction, then the registration */
static int reg_create_work(tx *t, void *ctx, err *e)
{
	struct reg_create_ctx *c = ctx;
	const struct registration_input *in = c->in;
	int64_t taken = 0;
	c->id = 0;
	/* the plan's row first (PostgreSQL, read committed: registrations at once for the last place queue
	 * here and the second counts the first; SQLite's write transaction already is one at a time) */
	if (db_run(t->d, "UPDATE plans SET capacity = capacity WHERE id = $1", DB_ARGS(DV_I(in->plan_id)),
		   e) < 0)
		return -1;
	if (db_one_int(t->d, "SELECT COUNT(*) FROM registrations WHERE plan_id = $1 AND status <> 'rejected'",
		       DB_ARGS(DV_I(in->plan_id)), &taken, e) != DB_OK)
		return -1;
	if (taken >= c->capacity)
		return err_set(e, 409, "plan_full", "plan_id", "报名人数已满（%d 人）",
			       "the plan is full (%d places)", c->capacity);
	db_stmt *st =
		db_query(t->d,
			 "INSERT INTO registrations (plan_id, person_id, option_id, eligible, failed_code, "
			 "failed_message, failed_message_en, created_at, post, theory_waived) VALUES "
			 "($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) RETURNING id",
			 DB_ARGS(DV_I(in->plan_id), DV_I(c->person), DV_S(in->option), DV_I(c->eligible),
				 DV_SN(c->fcode), DV_SN(c->fmsg), DV_SN(c->fmsg_en), DV_I(now_s()),
				 DV_S(in->post ? in->post : ""), DV_I(c->waived)),
			 e);
	int rc = st ? db_step(st) : DB_ERROR;
	if (rc == DB_ROW)
		c->id = db_int(st, 0);
	db_done(st);
	if (!c->id) {
		if (e->status == 409 || rc == DB_CONFLICT)
			return err_set(e, 409, "already_registered", "person_id", "该人员已报名此计划",
				       "the person is already registered");
		return err_isset(e) ? -1 : db_rc_to_err(t->d, rc, e);
	}
	if (stat_count(t, STE_REGISTRATION, DV_I(c->id), DV_NULL, +1, e) != 0)
		return -1;
	tx_audit(t, "registration.create", "registration", c->id,
		 json_pack("{s:I,s:I,s:s,s:b,s:o,s:s,s:b}", "plan_id", (json_int_t)in->plan_id, "person_id",
			   (json_int_t)c->person, "option", in->option, "eligible", c->eligible,
			   "failed_code", c->fcode ? json_string(c->fcode) : json_null(), "post",
			   in->post ? in->post : "", "theory_waived", c->waived));
	return 0;
}

int64_t registration_create(db *d, const principal *a, const struct registration_input *in, err *e)
{
	struct plan_facts p;
	if (load_plan(d, in->plan_id, &p, e) != 0)
		return -1;
	bool inst_actor = (a->role == ROLE_INSTITUTION_ADMIN || a->role == ROLE_INSTITUTION_STAFF);
	if (inst_actor && a->institution_id != p.inst)
		return err_set(e, 404, "not_found", "plan_id", "认定计划不存在", "no such plan");
	int64_t person = a->role == ROLE_CANDIDATE ? a->person_id : in->person_id;
	if (person <= 0)
		return err_set(e, 422, "missing_field", "person_id", "缺少报名人员",
			       "missing field 'person_id'");
	if (strcmp(p.status, "open"))
		return err_set(e, 409, "registration_closed", "plan_id", "该计划当前不在报名阶段",
			       "the plan is not open for registration");
	char today[11];
	date_format(date_today_utc8(), today);
	if (strcmp(today, p.reg_start) < 0 || strcmp(today, p.reg_end) > 0)
		return err_set(e, 409, "registration_closed", "plan_id", "报名时间为 %s 至 %s",
			       "registration runs from %s to %s", p.reg_start, p.reg_end);
	if (!in->option || strncmp(in->option, p.tpl, 4) != 0)
		return err_set(e, 422, "invalid_option", "option",
			       "应从本计划的 %s 版申报条件中选择一项（如 %s-%d-a）",
			       "choose one of the plan's %s-template options (such as %s-%d-a)", p.tpl, p.tpl,
			       p.level);
	if (in->post && check_text(in->post, "post", 60, false, e) != 0)
		return -1;
	/* 企业评价规范: the plan's version says which options it accepts and which posts skip the theory exam
	 */
	bool waived = false;
	if (p.norm_id) {
		struct norm_level lv;
		bool found = false;
		if (norm_level_load(d, p.norm_id, p.level, &lv, &found, e) != 0)
			return -1;
		if (found && !norm_option_of(&lv, in->option))
			return err_set(
				e, 422, "option_not_in_norm", "option",
				"本计划按企业评价规范进行，所选申报条件不在规范采用的条件之内",
				"the plan runs on the enterprise's norm, which does not accept this option");
		/* 过程化考核 and 业绩评审 sit no theory exam: the module scores or the panel's review decide
		 */
		waived = found && (norm_post_waived(&lv, in->post) || lv.method == NM_PROCESS ||
				   lv.method == NM_PERFORMANCE);
	}
	/* eligibility, judged now from the person's facts (this also checks the caller may see the person) */
	struct elig_request q = {.person_id = person,
				 .occupation_code = p.occ,
				 .option = in->option,
				 .exam_date = p.exam,
				 .level = p.level,
				 .related_major = in->related_major,
				 .declared = in->declared,
				 .norm_id = p.norm_id};
	json_t *el = eligibility_check_json(d, a, &q, e);
	if (!el)
		return -1;
	bool ok = json_is_true(json_object_get(el, "eligible"));
	json_t *failed = json_object_get(el, "failed");
	const char *fcode = failed ? json_string_value(json_object_get(failed, "code")) : NULL;
	const char *fmsg = failed ? json_string_value(json_object_get(failed, "message_zh")) : NULL;
	const char *fmsg_en = failed ? json_string_value(json_object_get(failed, "message_en")) : NULL;
	struct reg_create_ctx c = {.in = in,
				   .person = person,
				   .capacity = p.capacity,
				   .eligible = ok,
				   .waived = waived,
				   .fcode = fcode,
				   .fmsg = fmsg,
				   .fmsg_en = fmsg_en};
	int rc = svc_tx(d, a, reg_create_work, &c, e);
	json_decref(el);
	return rc == 0 ? c.id : -1;
}

struct reg_review_ctx {
	int64_t id;
	bool approve, override;
	const char *reason;
};

/* the registration and its plan read in the writing transaction; the decision's UPDATE takes the row only
 * while it is still 'submitted', so of two reviewers deciding at once one decides and the other is told
 * already_reviewed (the read alone does not hold the row on PostgreSQL) */
static int reg_review_work(tx *t, void *ctx, err *e)
{
	struct reg_review_ctx *c = ctx;
	db *d = t->d;
	const principal *a = t->a;
	int64_t id = c->id;
	bool approve = c->approve, override = c->override;
	const char *reason = c->reason;
	int64_t plan = 0, eligible = 0;
	char status[16] = "";
	db_stmt *st = db_query(d, "SELECT plan_id, eligible, status FROM registrations WHERE id = $1",
			       DB_ARGS(DV_I(id)), e);
	if (st && db_step(st) == DB_ROW) {
		plan = db_int(st, 0);
		eligible = db_int(st, 1);
		snprintf(status, sizeof status, "%s", db_text(st, 2));
	}
	db_done(st);
	struct plan_facts p;
	if (!st || !plan || load_plan(d, plan, &p, e) != 0 ||
	    !((a->role == ROLE_INSTITUTION_ADMIN || a->role == ROLE_INSTITUTION_STAFF) &&
	      a->institution_id == p.inst)) {
		if (!err_isset(e) || e->status == 404)
			err_set(e, 404, "not_found", NULL, "报名记录不存在", "no such registration");
		return -1;
	}
	if (strcmp(status, "submitted"))
		return err_set(e, 409, "already_reviewed", NULL, "该报名已审核",
			       "the registration has been reviewed");
	bool breaking = approve && !eligible;
	if (breaking && !override)
		return err_set(e, 409, "not_eligible", NULL,
			       "申报条件不符，不能通过审核（自主评价企业可破格，须说明理由）",
			       "the applicant does not meet the chosen condition (a self-evaluating "
			       "enterprise may approve out of "
			       "turn, with a reason)");
	if (breaking && strcmp(p.inst_type, "employer"))
		return err_set(e, 403, "override_not_allowed", NULL, "只有自主评价的用人单位可以破格",
			       "only a self-evaluating employer may approve out of turn");
	if (stat_count_db(d, STE_REGISTRATION, DV_I(id), DV_NULL, -1, e) != 0)
		return -1;
	int64_t n = db_run(
		d,
		"UPDATE registrations SET status = $2, review_reason = $3, reviewed_by = $4 WHERE id = "
		"$1 AND status = 'submitted'",
		DB_ARGS(DV_I(id), DV_S(approve ? "approved" : "rejected"), DV_S(reason ? reason : ""),
			a->user_id ? DV_I(a->user_id) : DV_NULL),
		e);
	if (n < 0)
		return -1;
	if (n == 0) /* another reviewer decided it since it was read */
		return err_set(e, 409, "already_reviewed", NULL, "该报名已审核",
			       "the registration has been reviewed");
	if (stat_count_db(d, STE_REGISTRATION, DV_I(id), DV_NULL, +1, e) != 0)
		return -1;
	tx_audit(t,
		 breaking  ? "registration.override"
		 : approve ? "registration.approve"
			   : "registration.reject",
		 "registration", id,
		 json_pack("{s:b,s:b,s:s}", "approved", approve, "out_of_turn", breaking, "reason",
			   reason ? reason : ""));
	return 0;
}

int registration_review(db *d, const principal *a, int64_t id, bool approve, bool override,
			const char *reason, err *e)
{
	if (check_text(reason, "reason", 200, !approve || override, e) != 0)
		return -1;
	struct reg_review_ctx c = {.id = id, .approve = approve, .override = override, .reason = reason};
	return svc_tx(d, a, reg_review_work, &c, e);
}

json_t *registration_get_json(db *d, const principal *a, int64_t id, err *e)
{
	json_t *o = row_json(scoped_row(d, a, "SELECT " REGISTRATION_VIEW_COLS REGISTRATION_VIEW_FROM,
					"g.id = ?", id, SE_REGISTRATION, e),
			     registration_view, e);
	if (!o && !err_isset(e))
		err_set(e, 404, "not_found", NULL, "报名记录不存在", "no such registration");
	return o;
}

static const struct list_filter registration_filters[] = {
	{"plan_id", "g.plan_id = ?", LIST_ID, 0, NULL},
};
const struct list_spec registration_list = {
	.name = "registrations",
	.scoped = true,
	.entity = SE_REGISTRATION,
	.count_sql = "SELECT COUNT(*)" REGISTRATION_VIEW_FROM,
	.select_sql = "SELECT " REGISTRATION_VIEW_COLS REGISTRATION_VIEW_FROM,
	.order = "g.id",
	LIST_FILTERS(registration_filters),
	.view = registration_view,
};

json_t *registration_plan_list_json(db *d, const principal *a, int64_t plan_id, struct list_args *la, err *e)
{
	/* an unknown plan is 404, not an empty list; a plan that exists lists the registrations the caller's
	 * scope reaches, as GET /registrations?plan_id= does (a candidate its own, of a plan it may not read)
	 */
	scope_owner o;
	if (scope_load(d, a, SE_PLAN, plan_id, &o, e) != 0)
		return NULL;
	if (!o.found) {
		err_set(e, 404, "not_found", NULL, "认定计划不存在", "no such plan");
		return NULL;
	}
	char pid[24];
	if (list_set(la, &registration_list, "plan_id", id_text(plan_id, pid)) != 0)
		return ERR_INTERNAL(e, "the registration list has no plan_id filter"), NULL;
	return list_run(d, a, &registration_list, la, e);
}

/* 批量审核: each registration reviewed by registration_review (its own transaction and audit record, the same
 * rules as one at a time); the outcome of each is reported, so a refused row never hides among accepted
 * ones and never undoes them. */
json_t *registration_review_batch(db *d, const principal *a, int64_t plan_id, const int64_t *ids, size_t n,
				  bool approve, bool override, const char *reason, err *e)
{
	if (scope_check(d, a, SE_PLAN, plan_id, SCOPE_WRITE, NULL, e) != 0)
		return NULL;
	if (check_text(reason, "reason", 200, !approve || override, e) != 0)
		return NULL;
	json_t *items = json_array();
	int done = 0, refused = 0;
	for (size_t i = 0; i < n; i++) {
		err re = {0};
		int64_t plan = 0;
		int rc = db_one_int(d, "SELECT plan_id FROM registrations WHERE id = $1",
				    DB_ARGS(DV_I(ids[i])), &plan, &re);
		if (rc != DB_OK && rc != DB_NOT_FOUND) {
			json_decref(items);
			*e = re;
			return NULL;
		}
		if (rc == DB_NOT_FOUND || plan != plan_id)
			err_set(&re, 404, "not_found", NULL, "报名记录不存在（不属于本计划）",
				"no such registration in this plan");
		else
			registration_review(d, a, ids[i], approve, override, reason, &re);
		if (err_isset(&re) && re.status >= 500) {
			/* the database failed: stop here; the rows reviewed so far stay reviewed, and the
			 * reply says which */
			json_decref(items);
			*e = re;
			return NULL;
		}
		json_t *it = json_pack("{s:I,s:b}", "id", (json_int_t)ids[i], "ok", !err_isset(&re));
		if (err_isset(&re)) {
			json_object_set_new(it, "code", json_string(re.code));
			json_object_set_new(it, "message_zh", json_string(re.zh));
			json_object_set_new(it, "message_en", json_string(re.en));
			refused++;
		} else {
			json_object_set_new(it, "status", json_string(approve ? "approved" : "rejected"));
			done++;
		}
		json_array_append_new(items, it);
	}
	return json_pack("{s:o,s:i,s:i}", "items", items, "done", done, "refused", refused);
}
