/* rectify.c: 整改 — opening at the sign, the list, the institution's response, the bureau's moves and the
 * confirmation of a revoking situation that suspends the filing (see rectify.h) */
#include "util/common.h"
#include "svc/supervision/rectify.h"
#include "core/date.h"
#include "core/media.h"
#include "svc/supervision/evidence.h"
#include "store/query.h"
#include "svc/base/scope.h"
#include "svc/base/svc.h"
#include "svc/registry/institutions.h"
#include "svc/registry/refdata_load.h"
#include "svc/supervision/view.h"
#include "svc/base/actions.h"

/* ---- opening, in the sign's transaction ---- */

struct finding {
	int64_t item_id, problem_class; /* problem_class 0: the item is not classed */
	char *note;
};

int rectify_open_for(tx *t, int64_t inspection_id, int64_t *opened, err *e)
{
	*opened = 0;
	int64_t inst = 0, sitting = 0;
	db_stmt *st =
		db_query(t->d,
			 "SELECT p.institution_id, ins.sitting_id FROM inspections ins JOIN sittings s ON "
			 "s.id = ins.sitting_id JOIN plans p ON p.id = s.plan_id WHERE ins.id = $1 AND "
			 "ins.status = 'signed'",
			 DB_ARGS(DV_I(inspection_id)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		inst = db_int(st, 0);
		sitting = db_int(st, 1);
	}
	db_done(st);
	if (row < 0)
		return -1;
	if (row == 0)
		return err_set(e, 409, "inspection_not_signed", NULL, "检查记录尚未签署",
			       "the inspection is not signed");
	/* the nonconforming marks whose problem has no unclosed rectification from this sitting yet */
	st = db_query(
		t->d,
		"SELECT m.item_id, COALESCE(ci.problem_class, 0), m.note FROM inspection_marks m JOIN "
		"check_items ci ON ci.id = m.item_id WHERE m.inspection_id = $1 AND m.result = "
		"'nonconform' AND NOT EXISTS (SELECT 1 FROM rectifications r2 JOIN inspections i2 ON "
		"i2.id = r2.inspection_id JOIN check_items c2 ON c2.id = r2.item_id WHERE i2.sitting_id = $2 "
		"AND c2.code = ci.code AND r2.status <> 'closed') ORDER BY ci.position, ci.id",
		DB_ARGS(DV_I(inspection_id), DV_I(sitting)), e);
	if (!st)
		return -1;
	struct finding *fs = NULL;
	size_t n = 0, cap = 0;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 8;
			fs = xrealloc(fs, cap * sizeof *fs);
		}
		fs[n].item_id = db_int(st, 0);
		fs[n].problem_class = db_int(st, 1);
		fs[n].note = xstrdup(db_text(st, 2));
		n++;
	}
	db_done(st);
	int out = -1;
	struct cal_day *cal = NULL;
	size_t ncal = 0;
	if (rc != DB_DONE) {
		db_rc_to_err(t->d, rc, e);
		goto done;
	}
	if (n == 0) {
		out = 0;
		goto done;
	}
	if (!(cal = calendar_load(t->d, &ncal, e)))
		goto done;
	int today = date_today_utc8();
	char opened_on[11], due_on[11];
	date_format(today, opened_on);
	int64_t now = now_s();
	for (size_t k = 0; k < n; k++) {
		int64_t days = 0, id = 0;
		char source[256] = "";
		st = db_query(t->d, "SELECT days, source FROM rectify_terms WHERE problem_class = $1",
			      DB_ARGS(DV_I(fs[k].problem_class)), e);
		row = st ? db_row(st, e) : -1;
		if (row == 1) {
			days = db_int(st, 0);
			snprintf(source, sizeof source, "%s", db_text(st, 1));
		}
		db_done(st);
		if (row < 0)
			goto done;
		if (row == 0 || days < 1) {
			err_set(e, 500, "no_rectify_term", NULL, "问题分类 %lld 没有整改时限",
				"problem class %lld has no rectification term",
				(long long)fs[k].problem_class);
			goto done;
		}
		date_format(rectify_due(today, (int)days, cal, ncal), due_on);
		if (db_one_int(
			    t->d,
			    "INSERT INTO rectifications (inspection_id, item_id, institution_id, "
			    "problem_class, "
			    "finding, days, term_source, opened_on, due_on, created_at, updated_at) VALUES "
			    "($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$10) RETURNING id",
			    DB_ARGS(DV_I(inspection_id), DV_I(fs[k].item_id), DV_I(inst),
				    fs[k].problem_class > 0 ? DV_I(fs[k].problem_class) : DV_NULL,
				    DV_S(fs[k].note), DV_I(days), DV_S(source), DV_S(opened_on), DV_S(due_on),
				    DV_I(now)),
			    &id, e) != DB_OK)
			goto done;
		if (db_run(t->d,
			   "INSERT INTO rectification_records (rectification_id, kind, to_state, text, "
			   "actor_id, "
			   "at) VALUES ($1,'status','open',$2,$3,$4)",
			   DB_ARGS(DV_I(id), DV_S(fs[k].note), t->a->user_id ? DV_I(t->a->user_id) : DV_NULL,
				   DV_I(now)),
			   e) < 0)
			goto done;
		json_t *detail =
			json_pack("{s:I,s:I,s:I,s:I,s:s,s:s}", "inspection_id", (json_int_t)inspection_id,
				  "item_id", (json_int_t)fs[k].item_id, "institution_id", (json_int_t)inst,
				  "days", (json_int_t)days, "opened_on", opened_on, "due_on", due_on);
		char key[24];
		snprintf(key, sizeof key, "%lld", (long long)id);
		int arc = tx_audit_now(t, "rectification.open", "rectification", key, detail, e);
		json_decref(detail);
		if (arc != 0)
			goto done;
		(*opened)++;
	}
	out = 0;
done:
	for (size_t k = 0; k < n; k++)
		free(fs[k].note);
	free(fs);
	free(cal);
	return out;
}

/* ---- the list ---- */

/* overdue=1: the institution's part ended after the deadline, or has not ended and today is past it */
static int filter_overdue(query *w, const char *frag, const char *v, err *e)
{
	UNUSED(frag);
	if (strcmp(v, "1") && strcmp(v, "0"))
		return err_set(e, 422, "invalid_value", "overdue", "overdue 应为 0 或 1",
			       "overdue must be 0 or 1");
	char today[11];
	date_format(date_today_utc8(), today);
	q_and(w,
	      strcmp(v, "1")
		      ? "NOT ((CASE WHEN rf.responded_on <> '' THEN rf.responded_on WHEN rf.closed_on <> '' "
			"THEN rf.closed_on ELSE ? END) > rf.due_on)"
		      : "((CASE WHEN rf.responded_on <> '' THEN rf.responded_on WHEN rf.closed_on <> '' THEN "
			"rf.closed_on ELSE ? END) > rf.due_on)",
	      DV_S(today));
	return 0;
}

static int filter_class(query *w, const char *frag, const char *v, err *e)
{
	UNUSED(frag);
	if (strlen(v) != 1 || v[0] < '0' || v[0] > '5')
		return err_set(e, 422, "invalid_value", "problem_class", "问题分类应为 0 至 5（0 为未分类）",
			       "problem_class must be 0 to 5 (0: not classed)");
	q_and(w, "COALESCE(rf.problem_class, 0) = ?", DV_I(v[0] - '0'));
	return 0;
}

static const struct list_filter rectify_filters[] = {
	{"status", "rf.status = ?", LIST_EQ, .max = 16},
	{"institution_id", "rf.institution_id = ?", LIST_ID},
	{"inspection_id", "rf.inspection_id = ?", LIST_ID},
	{"region_code", "i.region_code LIKE ?", LIST_REGION, .max = 12},
	{"problem_class", NULL, LIST_FN, .max = 1, .fn = filter_class},
	{"overdue", NULL, LIST_FN, .max = 1, .fn = filter_overdue},
};

static const struct list_sort rectify_sorts[] = {
	{"id", "rf.id"},
	{"due_on", "rf.due_on"},
	{"opened_on", "rf.opened_on"},
};

static const struct export_col rectify_cols[] = {
	{"id", "编号"},
	{"institution_name", "机构"},
	{"item_code", "检查项"},
	{"theme", "主题"},
	{"finding", "问题"},
	{"status_zh", "状态"},
	{"opened_on", "开始日期"},
	{"due_on", "整改期限"},
	{"responded_on", "报送日期"},
	{"closed_on", "销号日期"},
};

const struct list_spec rectify_list = {
	.name = "rectifications",
	.scoped = true,
	.entity = SE_RECTIFICATION,
	.count_sql = "SELECT COUNT(*)" RECTIFY_VIEW_FROM,
	.select_sql = "SELECT " RECTIFY_VIEW_COLS RECTIFY_VIEW_FROM,
	/* the ones to act on first, the nearest deadline first */
	.order = "CASE WHEN rf.status = 'closed' THEN 1 ELSE 0 END, rf.due_on, rf.id",
	LIST_FILTERS(rectify_filters),
	LIST_SORTS(rectify_sorts),
	.view = rectify_view,
	LIST_COLS(rectify_cols),
};

/* ---- one rectification ---- */

static json_t *situation_view(db_stmt *st)
{
	return json_pack("{s:s,s:s,s:s}", "code", db_text(st, 0), "text", db_text(st, 1), "source",
			 db_text(st, 2));
}

#define RECT_EVIDENCE_COLS                                                                                   \
	"ev.id, ev.rectification_id, ev.blob_sm3, b.media_type, b.size, ev.filename, COALESCE(u.username, "  \
	"''), "                                                                                              \
	"ev.uploaded_at"
#define RECT_EVIDENCE_FROM                                                                                   \
	" FROM rectification_evidence ev JOIN blobs b ON b.sm3 = ev.blob_sm3 LEFT JOIN users u ON u.id = "   \
	"ev.uploaded_by"

static json_t *rect_evidence_view(db_stmt *st)
{
	return json_pack("{s:I,s:I,s:s,s:s,s:I,s:s,s:s,s:I}", "id", (json_int_t)db_int(st, 0),
			 "rectification_id", (json_int_t)db_int(st, 1), "sm3", db_text(st, 2), "media_type",
			 db_text(st, 3), "size", (json_int_t)db_int(st, 4), "filename", db_text(st, 5),
			 "uploaded_by", db_text(st, 6), "uploaded_at", (json_int_t)db_int(st, 7));
}

json_t *rectify_get_json(db *d, const principal *a, int64_t id, err *e)
{
	json_t *o = list_one(d, a, &rectify_list, "rf.id = ?", DV_I(id), "整改记录不存在",
			     "no such rectification", e);
	if (!o)
		return NULL;
	scope_owner ow;
	if (scope_load(d, a, SE_RECTIFICATION, id, &ow, e) != 0) {
		json_decref(o);
		return NULL;
	}
	bool may_change = scope_decide(a, SE_RECTIFICATION, &ow, SCOPE_WRITE) == 0;
	const char *status = json_string_value(json_object_get(o, "status"));
	json_t *acts = fsm_actions_json(&rectify_fsm, status, fsm_acting(a, may_change));
	json_object_set_new(o, "actions", acts);
	int64_t ins = json_integer_value(json_object_get(o, "inspection_id"));
	json_t *recs =
		rows_json(db_query(d,
				   "SELECT " RECTIFY_RECORD_VIEW_COLS
				   " FROM rectification_records rr LEFT JOIN users u ON u.id = rr.actor_id "
				   "WHERE rr.rectification_id = $1 ORDER BY rr.id",
				   DB_ARGS(DV_I(id)), e),
			  rectify_record_view, e);
	json_t *conf =
		recs ? rows_json(db_query(d,
					  "SELECT " REVOKING_VIEW_COLS
					  " FROM revoking_confirmations rc LEFT JOIN users u ON u.id = "
					  "rc.confirmed_by WHERE rc.inspection_id = $1 ORDER BY rc.id",
					  DB_ARGS(DV_I(ins)), e),
				 revoking_view, e)
		     : NULL;
	/* the situations the bureau may confirm: those of the inspection's checklist version */
	bool bureau = may_change && (a->role == ROLE_PROVINCE_ADMIN || a->role == ROLE_CITY_ADMIN);
	json_t *sits =
		conf ? (bureau ? rows_json(db_query(d,
						    "SELECT rs.code, rs.text, rs.source FROM "
						    "revocation_situations rs JOIN inspections ins ON "
						    "ins.version = rs.version WHERE ins.id = $1 ORDER BY "
						    "rs.position",
						    DB_ARGS(DV_I(ins)), e),
					   situation_view, e)
			       : json_array())
		     : NULL;
	if (!sits) {
		json_decref(recs);
		json_decref(conf);
		json_decref(o);
		return NULL;
	}
	json_object_set_new(o, "records", recs);
	json_object_set_new(o, "revoking", conf);
	json_object_set_new(o, "situations", sits);
	json_t *ev = rows_json(db_query(d,
					"SELECT " RECT_EVIDENCE_COLS RECT_EVIDENCE_FROM
					" WHERE ev.rectification_id = $1 ORDER BY ev.id",
					DB_ARGS(DV_I(id)), e),
			       rect_evidence_view, e);
	if (!ev) {
		json_decref(o);
		return NULL;
	}
	json_object_set_new(o, "evidence", ev);
	return o;
}

/* ---- moves ---- */

static json_t *sm3_view(db_stmt *st)
{
	return json_string(db_text(st, 0));
}

struct move_ctx {
	int64_t id;
	const char *to, *reason;
	bool respond;
};

static int move_work(tx *t, void *ctx, err *e)
{
	struct move_ctx *c = ctx;
	if (scope_check(t->d, t->a, SE_RECTIFICATION, c->id, SCOPE_WRITE, NULL, e) != 0)
		return -1;
	char from[24] = "";
	db_stmt *st =
		db_query(t->d, "SELECT status FROM rectifications WHERE id = $1", DB_ARGS(DV_I(c->id)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1)
		snprintf(from, sizeof from, "%s", db_text(st, 0));
	db_done(st);
	if (row < 0)
		return -1;
	if (row == 0)
		return err_set(e, 404, "not_found", NULL, "整改记录不存在", "no such rectification");
	const struct fsm_transition *tr = NULL;
	if (fsm_decide(&rectify_fsm, from, c->to, fsm_acting(t->a, true), c->reason, NULL, &tr, e) != 0)
		return -1;
	char today[11];
	date_format(date_today_utc8(), today);
	const char *text = c->reason ? c->reason : "";
	unsigned fx = tr->effects;
	int64_t now = now_s();
	if (db_run(t->d,
		   "UPDATE rectifications SET status = $2, updated_at = $3, "
		   "response = CASE WHEN $4 = 1 THEN $7 ELSE response END, "
		   "responded_on = CASE WHEN $4 = 1 THEN $6 WHEN $5 = 1 THEN '' ELSE responded_on END, "
		   "decision = CASE WHEN $8 = 1 THEN $7 ELSE decision END, "
		   "closed_on = CASE WHEN $9 = 1 THEN $6 ELSE closed_on END, "
		   "escalated_on = CASE WHEN $10 = 1 THEN $6 ELSE escalated_on END WHERE id = $1",
		   DB_ARGS(DV_I(c->id), DV_S(tr->to), DV_I(now), DV_I((fx & RECTIFY_FX_RESPOND) ? 1 : 0),
			   DV_I((fx & RECTIFY_FX_REOPEN) ? 1 : 0), DV_S(today), DV_S(text),
			   DV_I((fx & (RECTIFY_FX_CLOSE | RECTIFY_FX_ESCALATE)) ? 1 : 0),
			   DV_I((fx & RECTIFY_FX_CLOSE) ? 1 : 0), DV_I((fx & RECTIFY_FX_ESCALATE) ? 1 : 0)),
		   e) < 0 ||
	    db_run(t->d,
		   "INSERT INTO rectification_records (rectification_id, kind, from_state, to_state, text, "
		   "actor_id, at) VALUES ($1,'status',$2,$3,$4,$5,$6)",
		   DB_ARGS(DV_I(c->id), DV_S(from), DV_S(tr->to), DV_S(text),
			   t->a->user_id ? DV_I(t->a->user_id) : DV_NULL, DV_I(now)),
		   e) < 0)
		return -1;
	json_t *detail = json_pack("{s:s,s:s,s:s}", "from", from, "to", tr->to, "reason", text);
	if (c->respond) {
		/* the evidence that stands with the response */
		json_t *ev = rows_json(
			db_query(t->d,
				 "SELECT blob_sm3 FROM rectification_evidence WHERE rectification_id = "
				 "$1 ORDER BY id",
				 DB_ARGS(DV_I(c->id)), e),
			sm3_view, e);
		if (!ev) {
			json_decref(detail);
			return -1;
		}
		json_object_set_new(detail, "evidence", ev);
	}
	tx_audit(t, tr->audit, "rectification", c->id, detail);
	return 0;
}

int rectify_respond(db *d, const principal *a, int64_t id, const char *text, err *e)
{
	if (a->role != ROLE_INSTITUTION_ADMIN && a->role != ROLE_INSTITUTION_STAFF)
		return err_set(e, 403, "forbidden", NULL, "整改情况由评价机构报送",
			       "the institution submits the response");
	if (check_text(text, "response", RECTIFY_TEXT_MAX, true, e) != 0)
		return -1;
	struct move_ctx c = {.id = id, .to = "responded", .reason = text, .respond = true};
	return svc_tx(d, a, move_work, &c, e);
}

int rectify_move(db *d, const principal *a, int64_t id, const char *to, const char *reason, err *e)
{
	if (fsm_check_state(&rectify_fsm, to, e) != 0)
		return -1;
	if (reason && check_text(reason, "reason", RECTIFY_TEXT_MAX, false, e) != 0)
		return -1;
	struct move_ctx c = {.id = id, .to = to, .reason = reason && *reason ? reason : NULL};
	return svc_tx(d, a, move_work, &c, e);
}

/* ---- revoking situations ---- */

struct revoking_ctx {
	const struct revoking_input *in;
	int64_t inspection, rectification, inst, version, id;
	bool created;
};

static int revoking_work(tx *t, void *ctx, err *e)
{
	struct revoking_ctx *c = ctx;
	const struct revoking_input *in = c->in;
	c->created = false;
	c->rectification = in->rectification_id > 0 ? in->rectification_id : 0;
	/* the bureau's write scope over the rectification, or over the signed inspection as if it were one */
	if (c->rectification) {
		if (scope_check(t->d, t->a, SE_RECTIFICATION, c->rectification, SCOPE_WRITE, NULL, e) != 0 ||
		    db_one_int(t->d, "SELECT inspection_id FROM rectifications WHERE id = $1",
			       DB_ARGS(DV_I(c->rectification)), &c->inspection, e) != DB_OK)
			return -1;
	} else {
		c->inspection = in->inspection_id;
		if (scope_check_via(t->d, t->a, SE_INSPECTION, c->inspection, SE_RECTIFICATION, SCOPE_WRITE,
				    NULL, e) != 0)
			return -1;
	}
	char status[16] = "", inst_status[16] = "";
	db_stmt *st = db_query(
		t->d,
		"SELECT ins.status, p.institution_id, ins.version, i.status FROM inspections ins JOIN "
		"sittings s ON s.id = ins.sitting_id JOIN plans p ON p.id = s.plan_id JOIN "
		"institutions i ON i.id = p.institution_id WHERE ins.id = $1",
		DB_ARGS(DV_I(c->inspection)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		snprintf(status, sizeof status, "%s", db_text(st, 0));
		c->inst = db_int(st, 1);
		c->version = db_int(st, 2);
		snprintf(inst_status, sizeof inst_status, "%s", db_text(st, 3));
	}
	db_done(st);
	if (row < 0)
		return -1;
	if (row == 0)
		return err_set(e, 404, "not_found", NULL, "督导检查记录不存在", "no such inspection");
	if (strcmp(status, "signed"))
		return err_set(e, 409, "inspection_not_signed", NULL,
			       "只能在已签署的检查记录上确认撤销备案情形",
			       "a revoking situation is confirmed on a signed inspection");
	/* the same situation on the same inspection again: the first confirmation stands */
	int rc = db_one_int(
		t->d,
		"SELECT id FROM revoking_confirmations WHERE inspection_id = $1 AND code = $2 ORDER BY "
		"id LIMIT 1",
		DB_ARGS(DV_I(c->inspection), DV_S(in->code)), &c->id, e);
	if (rc == DB_OK) {
		tx_audit(
			t, "revoking.confirm_again", "revoking_confirmation", c->id,
			json_pack("{s:I,s:s}", "inspection_id", (json_int_t)c->inspection, "code", in->code));
		return 0;
	}
	if (rc != DB_NOT_FOUND)
		return -1;
	char situation[1600] = "";
	st = db_query(t->d, "SELECT text FROM revocation_situations WHERE version = $1 AND code = $2",
		      DB_ARGS(DV_I(c->version), DV_S(in->code)), e);
	row = st ? db_row(st, e) : -1;
	if (row == 1)
		snprintf(situation, sizeof situation, "%s", db_text(st, 0));
	db_done(st);
	if (row < 0)
		return -1;
	if (row == 0)
		return err_set(e, 422, "unknown_situation", "code",
			       "该情形不在本次检查所用清单（第 %lld 版）的撤销备案情形中",
			       "no such revoking situation in the inspection's checklist version %lld",
			       (long long)c->version);
	/* the filing is suspended through the institution status flow, in this transaction */
	bool suspend = !strcmp(inst_status, "filed");
	if (suspend) {
		char why[1200];
		if (c->rectification)
			snprintf(why, sizeof why, "督导检查 %lld（整改 %lld）确认撤销备案情形 %s：%s",
				 (long long)c->inspection, (long long)c->rectification, in->code, in->reason);
		else
			snprintf(why, sizeof why, "督导检查 %lld 确认撤销备案情形 %s：%s",
				 (long long)c->inspection, in->code, in->reason);
		if (inst_set_status(t->d, t->a, c->inst, "suspended", why, NULL, e) != 0)
			return -1;
	}
	char today[11];
	date_format(date_today_utc8(), today);
	int64_t now = now_s();
	if (db_one_int(t->d,
		       "INSERT INTO revoking_confirmations (institution_id, inspection_id, rectification_id, "
		       "version, code, situation, reason, suspended, confirmed_by, confirmed_on, at) VALUES "
		       "($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) RETURNING id",
		       DB_ARGS(DV_I(c->inst), DV_I(c->inspection),
			       c->rectification ? DV_I(c->rectification) : DV_NULL, DV_I(c->version),
			       DV_S(in->code), DV_S(situation), DV_S(in->reason), DV_I(suspend ? 1 : 0),
			       t->a->user_id ? DV_I(t->a->user_id) : DV_NULL, DV_S(today), DV_I(now)),
		       &c->id, e) != DB_OK)
		return -1;
	if (c->rectification &&
	    db_run(t->d,
		   "INSERT INTO rectification_records (rectification_id, kind, text, actor_id, at) VALUES "
		   "($1,'revoking',$2,$3,$4)",
		   DB_ARGS(DV_I(c->rectification), DV_S(in->code),
			   t->a->user_id ? DV_I(t->a->user_id) : DV_NULL, DV_I(now)),
		   e) < 0)
		return -1;
	c->created = true;
	tx_audit(t, "revoking.confirm", "revoking_confirmation", c->id,
		 json_pack("{s:I,s:I,s:o,s:s,s:s,s:b}", "institution_id", (json_int_t)c->inst,
			   "inspection_id", (json_int_t)c->inspection, "rectification_id",
			   c->rectification ? json_integer(c->rectification) : json_null(), "code", in->code,
			   "reason", in->reason, "suspended", suspend));
	return 0;
}

json_t *revoking_confirm(db *d, const principal *a, const struct revoking_input *in, bool *created, err *e)
{
	if (a->role != ROLE_PROVINCE_ADMIN && a->role != ROLE_CITY_ADMIN) {
		err_set(e, 403, "forbidden", NULL, "撤销备案情形由人社部门确认",
			"the bureau confirms a revoking situation");
		return NULL;
	}
	if (!in->code || !*in->code) {
		err_set(e, 422, "missing_field", "code", "请选择撤销备案情形", "code is required");
		return NULL;
	}
	if (strlen(in->code) > 16) {
		err_set(e, 422, "unknown_situation", "code", "撤销备案情形不存在",
			"no such revoking situation");
		return NULL;
	}
	if (check_text(in->reason, "reason", 300, true, e) != 0)
		return NULL;
	struct revoking_ctx c = {.in = in};
	if (svc_tx(d, a, revoking_work, &c, e) != 0)
		return NULL;
	*created = c.created;
	return row_json(
		db_query(d,
			 "SELECT " REVOKING_VIEW_COLS
			 " FROM revoking_confirmations rc LEFT JOIN users u ON u.id = rc.confirmed_by "
			 "WHERE rc.id = $1",
			 DB_ARGS(DV_I(c.id)), e),
		revoking_view, e);
}

/* ---- evidence ---- */

/* the name the device gave, without any path */
struct ev_ctx {
	const struct rectify_evidence_input *in;
	const char *type, *filename;
	int64_t id;
	bool created;
};

static int evidence_work(tx *t, void *ctx, err *e)
{
	struct ev_ctx *c = ctx;
	const struct rectify_evidence_input *in = c->in;
	c->created = false;
	c->id = 0;
	if (scope_check(t->d, t->a, SE_RECTIFICATION, in->rectification_id, SCOPE_WRITE, NULL, e) != 0)
		return -1;
	char status[24] = "";
	db_stmt *st = db_query(t->d, "SELECT status FROM rectifications WHERE id = $1",
			       DB_ARGS(DV_I(in->rectification_id)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1)
		snprintf(status, sizeof status, "%s", db_text(st, 0));
	db_done(st);
	if (row < 0)
		return -1;
	if (row == 0)
		return err_set(e, 404, "not_found", NULL, "整改记录不存在", "no such rectification");
	if (strcmp(status, "open"))
		return err_set(
			e, 409, "rectification_not_open", NULL, "整改已报送、升级或销号，不能再添加证明材料",
			"the rectification is answered, escalated or closed and takes no more evidence");
	char key[BLOB_KEY_LEN + 1];
	bool new_blob = false;
	if (blob_put(t, c->type, in->data, in->size, key, &new_blob, e))
		return -1;
	int rc = db_one_int(
		t->d, "SELECT id FROM rectification_evidence WHERE rectification_id = $1 AND blob_sm3 = $2",
		DB_ARGS(DV_I(in->rectification_id), DV_S(key)), &c->id, e);
	if (rc == DB_OK) {
		tx_audit(t, "rectification.evidence_again", "rectification", in->rectification_id,
			 json_pack("{s:I,s:s}", "evidence_id", (json_int_t)c->id, "sm3", key));
		return 0;
	}
	if (rc != DB_NOT_FOUND)
		return -1;
	int64_t n = 0;
	if (db_one_int(t->d, "SELECT COUNT(*) FROM rectification_evidence WHERE rectification_id = $1",
		       DB_ARGS(DV_I(in->rectification_id)), &n, e) != DB_OK)
		return -1;
	if (n >= RECTIFY_EVIDENCE_MAX)
		return err_set(e, 422, "too_many", NULL, "每项整改至多 %d 个证明材料",
			       "a rectification holds at most %d evidence files", RECTIFY_EVIDENCE_MAX);
	if (db_one_int(
		    t->d,
		    "INSERT INTO rectification_evidence (rectification_id, blob_sm3, filename, uploaded_by, "
		    "uploaded_at) VALUES ($1,$2,$3,$4,$5) RETURNING id",
		    DB_ARGS(DV_I(in->rectification_id), DV_S(key), DV_S(c->filename), DV_I(t->a->user_id),
			    DV_I(now_s())),
		    &c->id, e) != DB_OK)
		return -1;
	c->created = true;
	tx_audit(t, "rectification.evidence", "rectification", in->rectification_id,
		 json_pack("{s:I,s:s,s:s,s:I,s:s,s:b}", "evidence_id", (json_int_t)c->id, "sm3", key,
			   "media_type", c->type, "size", (json_int_t)in->size, "filename", c->filename,
			   "new_blob", new_blob));
	return 0;
}

json_t *rectify_evidence_add(db *d, const principal *a, const struct rectify_evidence_input *in,
			     bool *created, err *e)
{
	char type[64];
	const char *fname = "";
	if (a->role != ROLE_INSTITUTION_ADMIN && a->role != ROLE_INSTITUTION_STAFF) {
		err_set(e, 403, "forbidden", NULL, "整改证明材料由评价机构上传",
			"the institution uploads the evidence of its rectification");
		return NULL;
	}
	if (evidence_file_check(in->content_type, in->data, in->size, in->filename, type, &fname, e) != 0)
		return NULL;
	struct ev_ctx c = {.in = in, .type = type, .filename = fname};
	if (svc_tx_flags(d, a, TX_IDEMPOTENT, evidence_work, &c, e) != 0)
		return NULL;
	*created = c.created;
	json_t *o = row_json(db_query(d, "SELECT " RECT_EVIDENCE_COLS RECT_EVIDENCE_FROM " WHERE ev.id = $1",
				      DB_ARGS(DV_I(c.id)), e),
			     rect_evidence_view, e);
	if (!o && !err_isset(e))
		err_set(e, 404, "not_found", NULL, "证明材料不存在", "no such evidence");
	return o;
}

int rectify_evidence_fetch(db *d, const principal *a, int64_t id, int64_t eid, struct blob *b, char name[96],
			   err *e)
{
	memset(b, 0, sizeof *b);
	if (scope_check(d, a, SE_RECTIFICATION, id, SCOPE_READ, NULL, e) != 0)
		return -1;
	db_stmt *st = db_query(
		d, "SELECT blob_sm3 FROM rectification_evidence WHERE id = $1 AND rectification_id = $2",
		DB_ARGS(DV_I(eid), DV_I(id)), e);
	if (!st)
		return -1;
	char key[BLOB_KEY_LEN + 1] = "";
	int rc = db_row(st, e);
	if (rc > 0)
		snprintf(key, sizeof key, "%s", db_text(st, 0));
	db_done(st);
	if (rc < 0)
		return -1;
	if (rc == 0)
		return err_set(e, 404, "not_found", NULL, "证明材料不存在", "no such evidence");
	if (blob_get(d, key, b, e))
		return -1;
	snprintf(name, 96, "rectification-%lld-evidence-%lld.%s", (long long)id, (long long)eid,
		 media_ext(b->media_type));
	return 0;
}

/* ---- the terms ---- */

static json_t *term_view(db_stmt *st)
{
	return json_pack("{s:I,s:I,s:s}", "problem_class", (json_int_t)db_int(st, 0), "days",
			 (json_int_t)db_int(st, 1), "source", db_text(st, 2));
}

json_t *rectify_terms_json(db *d, err *e)
{
	json_t *items = rows_json(db_query(d,
					   "SELECT problem_class, days, source FROM rectify_terms ORDER "
					   "BY problem_class",
					   DB_NOARGS, e),
				  term_view, e);
	return items ? json_pack("{s:o}", "items", items) : NULL;
}

struct term_ctx {
	int64_t cls, days;
	const char *source;
};

static int term_work(tx *t, void *ctx, err *e)
{
	struct term_ctx *c = ctx;
	int64_t old = 0;
	if (db_one_int(t->d, "SELECT days FROM rectify_terms WHERE problem_class = $1", DB_ARGS(DV_I(c->cls)),
		       &old, e) != DB_OK)
		return err_isset(e) ? -1
				    : err_set(e, 404, "not_found", NULL, "问题分类不存在",
					      "no such problem class");
	if (db_run(t->d, "UPDATE rectify_terms SET days = $2, source = $3 WHERE problem_class = $1",
		   DB_ARGS(DV_I(c->cls), DV_I(c->days), DV_S(c->source)), e) < 0)
		return -1;
	char key[8];
	snprintf(key, sizeof key, "%lld", (long long)c->cls);
	tx_audit_key(t, "rectify_term.update", "rectify_term", key,
		     json_pack("{s:I,s:I,s:s}", "from_days", (json_int_t)old, "days", (json_int_t)c->days,
			       "source", c->source));
	return 0;
}

json_t *rectify_term_set(db *d, const principal *a, int64_t problem_class, int64_t days, const char *source,
			 err *e)
{
	if (a->role != ROLE_PROVINCE_ADMIN) {
		err_set(e, 403, "forbidden", NULL, "整改期限由省级人社部门设定",
			"the province sets the terms");
		return NULL;
	}
	if (problem_class < 0 || problem_class > 5) {
		err_set(e, 404, "not_found", NULL, "问题分类不存在", "no such problem class");
		return NULL;
	}
	if (days < 1 || days > 250) {
		err_set(e, 422, "invalid_value", "days", "整改期限应为 1 至 250 个工作日",
			"days must be 1 to 250 working days");
		return NULL;
	}
	if (check_text(source, "source", 200, true, e) != 0)
		return NULL;
	struct term_ctx c = {.cls = problem_class, .days = days, .source = source};
	if (svc_tx(d, a, term_work, &c, e) != 0)
		return NULL;
	return row_json(
		db_query(d, "SELECT problem_class, days, source FROM rectify_terms WHERE problem_class = $1",
			 DB_ARGS(DV_I(problem_class)), e),
		term_view, e);
}
