/* complaints.c: 投诉举报 — submission, tracking, triage, handling, the queue and its counts (see
 * complaints.h) */
#include "util/common.h"
#include "svc/supervision/complaints.h"
#include "core/date.h"
#include "core/mask.h"
#include "core/phone.h"
#include "crypto/pii.h"
#include "crypto/token.h"
#include "store/query.h"
#include "svc/base/svc.h"
#include "svc/base/tx.h"
#include "svc/registry/refdata_load.h"
#include "svc/supervision/view.h"
#include "svc/stats/counters.h"
#include "svc/base/actions.h"

/* ---- submission ---- */

struct submit_ctx {
	const struct complaint_input *in;
	const char *subject;			 /* "general", "institution", ... */
	int64_t inst;				 /* the institution concerned, 0 none */
	const char *region;			 /* the handling city */
	const char *name_s, *phone_s, *person_s; /* sealed identity ("" none) */
	const char *hash;
	struct complaint_receipt *out;
};

static int submit_work(tx *t, void *ctx, err *e)
{
	struct submit_ctx *c = ctx;
	int64_t now = now_s();
	db_stmt *st = db_query(
		t->d,
		"INSERT INTO complaints (code_hash, category, subject_kind, subject_id, institution_id, "
		"region_code, "
		"text, anonymous, name_sealed, phone_sealed, person_sealed, received_on, ack_due, reply_due, "
		"created_at, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$15) "
		"RETURNING id",
		DB_ARGS(DV_S(c->hash), DV_S(c->in->category), DV_S(c->subject),
			c->in->subject_id > 0 ? DV_I(c->in->subject_id) : DV_NULL,
			c->inst > 0 ? DV_I(c->inst) : DV_NULL, DV_S(c->region), DV_S(c->in->text),
			DV_I(c->in->anonymous ? 1 : 0), DV_S(c->name_s), DV_S(c->phone_s), DV_S(c->person_s),
			DV_S(c->out->received_on), DV_S(c->out->ack_due), DV_S(c->out->reply_due), DV_I(now)),
		e);
	int row = st ? db_row(st, e) : -1;
	c->out->id = row == 1 ? db_int(st, 0) : 0;
	db_done(st);
	if (!c->out->id)
		return err_isset(e) ? -1
				    : err_set(e, 500, "internal", NULL, "投诉未能保存",
					      "the complaint could not be saved");
	if (stat_count(t, STE_COMPLAINT, DV_I(c->out->id), DV_NULL, +1, e) != 0)
		return -1;
	if (db_run(t->d,
		   "INSERT INTO complaint_records (complaint_id, kind, to_state, text, at) VALUES "
		   "($1,'status','received','',$2)",
		   DB_ARGS(DV_I(c->out->id), DV_I(now)), e) < 0)
		return -1;
	/* the audit record names what the complaint is about and where it went, never who sent it */
	tx_audit(t, "complaint.received", "complaint", c->out->id,
		 json_pack("{s:s,s:s,s:o,s:s}", "category", c->in->category, "subject_kind", c->subject,
			   "subject_id",
			   c->in->subject_id > 0 ? json_integer(c->in->subject_id) : json_null(),
			   "region_code", c->region));
	return 0;
}

/* the city code of a region code: 370102 -> 370100 */
static void city_of(const char *code, char out[16])
{
	snprintf(out, 16, "%.4s00", code ? code : "");
}

/* the institution and the city a subject binds the complaint to; 422 unknown_subject when there is none */
static int subject_owner(db *d, const char *kind, int64_t id, int64_t *inst, char city[16], err *e)
{
	static const struct {
		const char *kind, *sql;
	} q[] = {
		{"institution", "SELECT i.id, i.region_code FROM institutions i WHERE i.id = $1"},
		{"plan", "SELECT i.id, i.region_code FROM plans p JOIN institutions i ON i.id = "
			 "p.institution_id WHERE p.id = $1"},
		{"sitting", "SELECT i.id, i.region_code FROM sittings s JOIN plans p ON p.id = s.plan_id "
			    "JOIN institutions i "
			    "ON i.id = p.institution_id WHERE s.id = $1"},
	};
	for (size_t k = 0; k < ARRAY_LEN(q); k++) {
		if (strcmp(kind, q[k].kind))
			continue;
		db_stmt *st = db_query(d, q[k].sql, DB_ARGS(DV_I(id)), e);
		int row = st ? db_row(st, e) : -1;
		if (row == 1) {
			*inst = db_int(st, 0);
			city_of(db_text(st, 1), city);
		}
		db_done(st);
		if (row < 0)
			return -1;
		if (row == 0)
			return err_set(e, 422, "unknown_subject", "subject_id", "被投诉对象不存在",
				       "no such %s", kind);
		return 0;
	}
	return err_set(e, 422, "invalid_value", "subject_kind",
		       "投诉对象类型无效：应为 general、institution、plan 或 sitting",
		       "subject_kind must be general, institution, plan or sitting");
}

/* a category's deadlines; 422 unknown_category when there is no such category */
static int category_terms(db *d, const char *code, int64_t *ack, int64_t *reply, err *e)
{
	db_stmt *st = db_query(d, "SELECT ack_days, reply_days FROM complaint_categories WHERE code = $1",
			       DB_ARGS(DV_S(code)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		*ack = db_int(st, 0);
		*reply = db_int(st, 1);
	}
	db_done(st);
	if (row < 0)
		return -1;
	return row == 1 ? 0
			: err_set(e, 422, "unknown_category", "category", "投诉类别不存在",
				  "no such category");
}

/* a city of the province (a region of level city) */
static int check_city(db *d, const char *code, const char *field, err *e)
{
	int64_t n = 0;
	if (db_one_int(d, "SELECT COUNT(*) FROM regions WHERE code = $1 AND level = 'city'",
		       DB_ARGS(DV_S(code)), &n, e) != DB_OK)
		return -1;
	return n ? 0
		 : err_set(e, 422, "invalid_region", field, "地区应为本省的一个设区市",
			   "region_code must be a city of the province");
}

int complaint_submit(db *d, const principal *a, const struct complaint_input *in,
		     struct complaint_receipt *out, err *e)
{
	memset(out, 0, sizeof *out);
	const char *kind = in->subject_kind && *in->subject_kind ? in->subject_kind : "general";
	if (!in->category || !*in->category)
		return err_set(e, 422, "missing_field", "category", "请选择投诉类别", "category is required");
	if (check_text(in->text, "text", COMPLAINT_TEXT_MAX, true, e) != 0 ||
	    (in->name && check_text(in->name, "name", 50, false, e) != 0))
		return -1;
	char phone[32] = "";
	if (in->phone && *in->phone && phone_normalize(in->phone, phone, sizeof phone) != 0)
		return err_set(e, 422, "invalid_phone", "phone", "电话号码无效", "not a phone number");
	bool has_name = in->name && *in->name;
	if (in->anonymous && (has_name || phone[0]))
		return err_set(e, 422, "anonymous_with_contact", "anonymous", "匿名投诉不留姓名和电话",
			       "an anonymous complaint carries no name or phone");
	int64_t ack_days = 0, reply_days = 0, inst = 0;
	char city[16] = "";
	if (category_terms(d, in->category, &ack_days, &reply_days, e) != 0)
		return -1;
	if (!strcmp(kind, "general")) {
		if (in->subject_id > 0)
			return err_set(e, 422, "invalid_value", "subject_id", "一般投诉不指定对象",
				       "a general complaint names no subject");
		if (!in->region_code || !*in->region_code)
			return err_set(e, 422, "missing_field", "region_code", "请选择受理投诉的设区市",
				       "region_code (the city to handle it) is required");
		if (strlen(in->region_code) > 12 || check_city(d, in->region_code, "region_code", e) != 0)
			return err_isset(e) ? -1
					    : err_set(e, 422, "invalid_region", "region_code",
						      "地区应为本省的一个设区市",
						      "region_code must be a city of the province");
		snprintf(city, sizeof city, "%s", in->region_code);
	} else {
		if (in->subject_id <= 0)
			return err_set(e, 422, "missing_field", "subject_id", "请指定被投诉对象",
				       "subject_id is required");
		/* the institution concerned decides the city: a complainant cannot send it elsewhere */
		if (in->region_code && *in->region_code)
			return err_set(
				e, 422, "invalid_value", "region_code", "受理地区由被投诉对象所在设区市确定",
				"the city is that of the subject; region_code is for general complaints");
		if (subject_owner(d, kind, in->subject_id, &inst, city, e) != 0 ||
		    check_city(d, city, "subject_id", e) != 0)
			return -1;
	}
	/* the deadlines on the working-day calendar, from the day after receipt */
	int today = date_today_utc8();
	size_t ncal = 0;
	struct cal_day *cal = calendar_load(d, &ncal, e);
	if (!cal)
		return -1;
	date_format(today, out->received_on);
	date_format(complaint_due(today, (int)ack_days, cal, ncal), out->ack_due);
	date_format(complaint_due(today, (int)reply_days, cal, ncal), out->reply_due);
	free(cal);
	snprintf(out->region_code, sizeof out->region_code, "%s", city);
	/* the identity, sealed; a logged-in candidate's person unless anonymous */
	arena *ar = arena_new();
	const char *name_s = "", *phone_s = "", *person_s = "";
	if (!in->anonymous) {
		if (has_name)
			name_s = pii_seal(ar, "complaint.name", in->name);
		if (phone[0])
			phone_s = pii_seal(ar, "complaint.phone", phone);
		if (a && a->role == ROLE_CANDIDATE && a->person_id > 0)
			person_s = pii_seal(ar, "complaint.person",
					    arena_printf(ar, "%lld", (long long)a->person_id));
	}
	if (!name_s || !phone_s || !person_s) {
		arena_free(ar);
		return err_set(e, 500, "internal", NULL, "个人信息加密失败",
			       "sealing personal information failed");
	}
	/* the tracking code: 100 bits from the CSPRNG; only its hash is kept */
	uint8_t rnd[13];
	random_bytes(rnd, sizeof rnd);
	complaint_code_from(rnd, out->tracking_code);
	char hash[65];
	token_hash(out->tracking_code, hash);
	struct submit_ctx c = {.in = in,
			       .subject = kind,
			       .inst = inst,
			       .region = city,
			       .name_s = name_s,
			       .phone_s = phone_s,
			       .person_s = person_s,
			       .hash = hash,
			       .out = out};
	/* recorded as the public, whoever sent it: the audit archive is read by others than the handler */
	principal anon = {.role = ROLE_PUBLIC};
	snprintf(anon.username, sizeof anon.username, "public");
	int rc = svc_tx(d, &anon, submit_work, &c, e);
	arena_free(ar);
	if (rc != 0)
		memset(out, 0, sizeof *out);
	return rc;
}

json_t *complaint_status_json(db *d, const char *code, err *e)
{
	char norm[COMPLAINT_CODE_LEN + 1], hash[65];
	if (complaint_code_normalize(code, norm) != 0) {
		err_set(e, 404, "not_found", NULL, "查询码不存在", "no complaint with this tracking code");
		return NULL;
	}
	token_hash(norm, hash);
	json_t *o =
		row_json(db_query(d,
				  "SELECT " COMPLAINT_STATUS_VIEW_COLS
				  " FROM complaints cp JOIN complaint_categories cc ON cc.code = cp.category "
				  "WHERE cp.code_hash = $1",
				  DB_ARGS(DV_S(hash)), e),
			 complaint_status_view, e);
	if (!o && !err_isset(e))
		err_set(e, 404, "not_found", NULL, "查询码不存在", "no complaint with this tracking code");
	return o;
}

/* ---- the queue ---- */

/* overdue=1: acknowledgement or reply past its deadline (a late step stays overdue); overdue=0 the others */
static int filter_overdue(query *w, const char *frag, const char *v, err *e)
{
	UNUSED(frag);
	if (strcmp(v, "1") && strcmp(v, "0"))
		return err_set(e, 422, "invalid_value", "overdue", "overdue 应为 0 或 1",
			       "overdue must be 0 or 1");
	char today[11];
	date_format(date_today_utc8(), today);
	q_and(w,
	      strcmp(v, "1") ? "NOT ((CASE WHEN cp.acknowledged_on = '' THEN ? ELSE cp.acknowledged_on END > "
			       "cp.ack_due)"
			     : "((CASE WHEN cp.acknowledged_on = '' THEN ? ELSE cp.acknowledged_on END > "
			       "cp.ack_due)",
	      DV_S(today));
	q_arg(w, " OR (CASE WHEN cp.decided_on = '' THEN ? ELSE cp.decided_on END > cp.reply_due))",
	      DV_S(today));
	return 0;
}

static const struct list_filter complaint_filters[] = {
	{"status", "cp.status = ?", LIST_EQ, .max = 16},
	{"category", "cp.category = ?", LIST_EQ, .max = 32},
	{"institution_id", "cp.institution_id = ?", LIST_ID},
	{"region_code", "cp.region_code LIKE ?", LIST_REGION, .max = 12},
	{"overdue", NULL, LIST_FN, .max = 1, .fn = filter_overdue},
};

static const struct list_sort complaint_sorts[] = {
	{"id", "cp.id"},
	{"received_on", "cp.received_on"},
	{"ack_due", "cp.ack_due"},
	{"reply_due", "cp.reply_due"},
};

/* the queue as CSV/XLSX (?format=): no identity, no text */
static const struct export_col complaint_cols[] = {
	{"id", "编号"},
	{"category_name", "类别"},
	{"institution_name", "被投诉机构"},
	{"city", "办理地市"},
	{"status_zh", "状态"},
	{"outcome", "结论"},
	{"received_on", "收到日期"},
	{"ack_due", "受理期限"},
	{"acknowledged_on", "受理日期"},
	{"reply_due", "答复期限"},
	{"decided_on", "答复日期"},
};

const struct list_spec complaint_list = {
	.name = "complaints",
	.scoped = true,
	.entity = SE_COMPLAINT,
	.count_sql = "SELECT COUNT(*) FROM complaints cp",
	.select_sql = "SELECT " COMPLAINT_VIEW_COLS COMPLAINT_VIEW_FROM,
	/* open complaints first, the nearest reply deadline first */
	.order = "CASE WHEN cp.status = 'closed' THEN 1 ELSE 0 END, cp.reply_due, cp.id",
	LIST_FILTERS(complaint_filters),
	LIST_SORTS(complaint_sorts),
	.view = complaint_view,
	LIST_COLS(complaint_cols),
};

/* ---- one complaint ---- */

static void identity_put(json_t *o, arena *ar, bool handler, int anonymous, const char *name_s,
			 const char *phone_s, const char *person_s)
{
	const char *name = *name_s ? pii_open(ar, "complaint.name", name_s) : NULL;
	const char *phone = *phone_s ? pii_open(ar, "complaint.phone", phone_s) : NULL;
	const char *person = *person_s ? pii_open(ar, "complaint.person", person_s) : NULL;
	json_t *id = json_object();
	json_object_set_new(id, "anonymous", json_boolean(anonymous != 0));
	json_object_set_new(id, "masked", json_boolean(!handler));
	if (handler) {
		json_object_set_new(id, "name", name ? json_string(name) : json_null());
		json_object_set_new(id, "phone", phone ? json_string(phone) : json_null());
		json_object_set_new(id, "person_id", person ? json_integer(atoll(person)) : json_null());
	} else {
		char mn[128], mp[40];
		if (name)
			mask_name(name, mn, sizeof mn);
		if (phone)
			mask_phone(phone, mp, sizeof mp);
		json_object_set_new(id, "name", name ? json_string(mn) : json_null());
		json_object_set_new(id, "phone", phone ? json_string(mp) : json_null());
		json_object_set_new(id, "person_id",
				    json_null()); /* never to a reader who does not handle it */
	}
	json_object_set_new(o, "complainant", id);
}

json_t *complaint_get_json(db *d, const principal *a, int64_t id, err *e)
{
	if (scope_check(d, a, SE_COMPLAINT, id, SCOPE_READ, NULL, e) != 0)
		return NULL;
	/* the handler: the province or the complaint's city (the write scope); others read it masked */
	scope_owner ow;
	if (scope_load(d, a, SE_COMPLAINT, id, &ow, e) != 0)
		return NULL;
	bool handler = scope_decide(a, SE_COMPLAINT, &ow, SCOPE_WRITE) == 0;
	db_stmt *st = db_query(d,
			       "SELECT " COMPLAINT_VIEW_COLS
			       ", cp.text, cp.reply, cp.name_sealed, cp.phone_sealed, "
			       "cp.person_sealed" COMPLAINT_VIEW_FROM " WHERE cp.id = $1",
			       DB_ARGS(DV_I(id)), e);
	int row = st ? db_row(st, e) : -1;
	if (row != 1) {
		db_done(st);
		if (row == 0)
			err_set(e, 404, "not_found", NULL, "投诉不存在", "no such complaint");
		return NULL;
	}
	json_t *o = complaint_view(st);
	json_object_set_new(o, "text", json_string(db_text(st, 17)));
	json_object_set_new(o, "reply", json_string(db_text(st, 18)));
	arena *ar = arena_new();
	identity_put(o, ar, handler, (int)db_int(st, 11), db_text(st, 19), db_text(st, 20), db_text(st, 21));
	arena_free(ar);
	const char *status = json_string_value(json_object_get(o, "status"));
	/* the moves the caller may take from here (buttons), guards not evaluated */
	json_t *acts = fsm_actions_json(&complaint_fsm, status, fsm_acting(a, handler));
	db_done(st);
	json_object_set_new(o, "actions", acts);
	json_t *recs =
		rows_json(db_query(d,
				   "SELECT " COMPLAINT_RECORD_VIEW_COLS
				   " FROM complaint_records cr LEFT JOIN users u ON u.id = cr.actor_id "
				   "WHERE cr.complaint_id = $1 ORDER BY cr.id",
				   DB_ARGS(DV_I(id)), e),
			  complaint_record_view, e);
	if (!recs) {
		json_decref(o);
		return NULL;
	}
	json_object_set_new(o, "records", recs);
	return o;
}

/* ---- handling ---- */

struct move_ctx {
	int64_t id;
	const char *to, *reason, *text, *region;
};

/* the complaint's state and write scope, inside the unit: 404 unseen, 403 read-only (a supervisor) */
static int load_for_change(tx *t, int64_t id, char from[24], char region[16], int64_t *records, err *e)
{
	if (scope_check(t->d, t->a, SE_COMPLAINT, id, SCOPE_WRITE, NULL, e) != 0)
		return -1;
	db_stmt *st =
		db_query(t->d,
			 "SELECT cp.status, cp.region_code, (SELECT COUNT(*) FROM complaint_records r WHERE "
			 "r.complaint_id = cp.id AND r.kind = 'note') FROM complaints cp WHERE cp.id = $1",
			 DB_ARGS(DV_I(id)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		snprintf(from, 24, "%s", db_text(st, 0));
		snprintf(region, 16, "%s", db_text(st, 1));
		if (records)
			*records = db_int(st, 2);
	}
	db_done(st);
	if (row < 0)
		return -1;
	return row == 1 ? 0 : err_set(e, 404, "not_found", NULL, "投诉不存在", "no such complaint");
}

static int record_add(tx *t, int64_t id, const char *kind, const char *from, const char *to, const char *text,
		      err *e)
{
	return db_run(t->d,
		      "INSERT INTO complaint_records (complaint_id, kind, from_state, to_state, text, "
		      "actor_id, at) "
		      "VALUES ($1,$2,$3,$4,$5,$6,$7)",
		      DB_ARGS(DV_I(id), DV_S(kind), DV_S(from), DV_S(to), DV_S(text ? text : ""),
			      t->a->user_id ? DV_I(t->a->user_id) : DV_NULL, DV_I(now_s())),
		      e) < 0
		       ? -1
		       : 0;
}

static int transition_work(tx *t, void *ctx, err *e)
{
	struct move_ctx *c = ctx;
	char from[24] = "", region[16] = "";
	int64_t records = 0;
	if (load_for_change(t, c->id, from, region, &records, e) != 0)
		return -1;
	struct complaint_ctx fc = {.records = records};
	const struct fsm_transition *tr = NULL;
	if (fsm_decide(&complaint_fsm, from, c->to, fsm_acting(t->a, true), c->reason, &fc, &tr, e) != 0)
		return -1;
	char today[11];
	date_format(date_today_utc8(), today);
	const char *reason = c->reason ? c->reason : "";
	/* the outcome a decision leaves (kept when closed): the assessment counts 'upheld' */
	const char *outcome = (tr->effects & COMPLAINT_FX_DECIDE) ? tr->to : "";
	/* the statistics counters (upheld) follow the outcome */
	if (stat_count(t, STE_COMPLAINT, DV_I(c->id), DV_NULL, -1, e) != 0)
		return -1;
	if (db_run(t->d,
		   "UPDATE complaints SET status = $2, updated_at = $3, "
		   "acknowledged_on = CASE WHEN $4 = 1 AND acknowledged_on = '' THEN $5 ELSE acknowledged_on "
		   "END, "
		   "outcome = CASE WHEN $6 = '' THEN outcome ELSE $6 END, "
		   "reply = CASE WHEN $6 = '' THEN reply ELSE $7 END, "
		   "decided_on = CASE WHEN $6 = '' THEN decided_on ELSE $5 END WHERE id = $1",
		   DB_ARGS(DV_I(c->id), DV_S(tr->to), DV_I(now_s()),
			   DV_I((tr->effects & COMPLAINT_FX_ACK) ? 1 : 0), DV_S(today), DV_S(outcome),
			   DV_S(reason)),
		   e) < 0 ||
	    stat_count(t, STE_COMPLAINT, DV_I(c->id), DV_NULL, +1, e) != 0 ||
	    record_add(t, c->id, "status", from, tr->to, reason, e) != 0)
		return -1;
	tx_audit(t, tr->audit, "complaint", c->id,
		 json_pack("{s:s,s:s,s:s}", "from", from, "to", tr->to, "reason", reason));
	return 0;
}

int complaint_transition(db *d, const principal *a, int64_t id, const char *to, const char *reason, err *e)
{
	if (fsm_check_state(&complaint_fsm, to, e) != 0)
		return -1;
	if (reason && check_text(reason, "reason", COMPLAINT_TEXT_MAX, false, e) != 0)
		return -1;
	struct move_ctx c = {.id = id, .to = to, .reason = reason && *reason ? reason : NULL};
	return svc_tx(d, a, transition_work, &c, e);
}

static int note_work(tx *t, void *ctx, err *e)
{
	struct move_ctx *c = ctx;
	char from[24] = "", region[16] = "";
	if (load_for_change(t, c->id, from, region, NULL, e) != 0)
		return -1;
	if (strcmp(from, "acknowledged") && strcmp(from, "investigating"))
		return err_set(e, 409, "invalid_state", NULL, "只有已受理或调查中的投诉可以添加调查记录",
			       "investigation records are added to acknowledged complaints or those under "
			       "investigation");
	if (record_add(t, c->id, "note", from, from, c->text, e) != 0 ||
	    db_run(t->d, "UPDATE complaints SET updated_at = $2 WHERE id = $1",
		   DB_ARGS(DV_I(c->id), DV_I(now_s())), e) < 0)
		return -1;
	tx_audit(t, "complaint.note", "complaint", c->id, json_pack("{s:s}", "text", c->text));
	return 0;
}

int complaint_note(db *d, const principal *a, int64_t id, const char *text, err *e)
{
	if (check_text(text, "text", COMPLAINT_TEXT_MAX, true, e) != 0)
		return -1;
	struct move_ctx c = {.id = id, .text = text};
	return svc_tx(d, a, note_work, &c, e);
}

static int transfer_work(tx *t, void *ctx, err *e)
{
	struct move_ctx *c = ctx;
	char from[24] = "", region[16] = "";
	if (load_for_change(t, c->id, from, region, NULL, e) != 0)
		return -1;
	if (strcmp(from, "received") && strcmp(from, "acknowledged") && strcmp(from, "investigating"))
		return err_set(e, 409, "invalid_state", NULL, "已答复或已办结的投诉不能转办",
			       "a decided or closed complaint is not transferred");
	if (!strcmp(region, c->region))
		return err_set(e, 422, "invalid_region", "region_code", "投诉已由该设区市办理",
			       "the complaint is already with that city");
	if (check_city(t->d, c->region, "region_code", e) != 0)
		return -1;
	/* the statistics counters move to the city that now handles it */
	if (stat_count(t, STE_COMPLAINT, DV_I(c->id), DV_NULL, -1, e) != 0 ||
	    db_run(t->d, "UPDATE complaints SET region_code = $2, updated_at = $3 WHERE id = $1",
		   DB_ARGS(DV_I(c->id), DV_S(c->region), DV_I(now_s())), e) < 0 ||
	    stat_count(t, STE_COMPLAINT, DV_I(c->id), DV_NULL, +1, e) != 0 ||
	    record_add(t, c->id, "transfer", region, c->region, c->reason, e) != 0)
		return -1;
	tx_audit(t, "complaint.transfer", "complaint", c->id,
		 json_pack("{s:s,s:s,s:s}", "from", region, "to", c->region, "reason", c->reason));
	return 0;
}

int complaint_transfer(db *d, const principal *a, int64_t id, const char *region_code, const char *reason,
		       err *e)
{
	if (!region_code || !*region_code)
		return err_set(e, 422, "missing_field", "region_code", "请选择转办的设区市",
			       "region_code is required");
	if (strlen(region_code) > 12)
		return err_set(e, 422, "invalid_region", "region_code", "地区应为本省的一个设区市",
			       "region_code must be a city of the province");
	if (check_text(reason, "reason", 200, true, e) != 0)
		return -1;
	struct move_ctx c = {.id = id, .region = region_code, .reason = reason};
	return svc_tx(d, a, transfer_work, &c, e);
}

/* ---- counts ---- */

json_t *complaint_counts_json(db *d, const principal *a, err *e)
{
	char today[11];
	date_format(date_today_utc8(), today);
	query q;
	q_init(&q, "");
	q_arg(&q,
	      "SELECT cp.region_code, COALESCE(MAX(cr.name), ''), COUNT(*), "
	      "SUM(CASE WHEN cp.status = 'closed' THEN 0 ELSE 1 END), "
	      "SUM(CASE WHEN (CASE WHEN cp.acknowledged_on = '' THEN ? ELSE cp.acknowledged_on END) > "
	      "cp.ack_due "
	      "THEN 1 ELSE 0 END), ",
	      DV_S(today));
	q_arg(&q,
	      "SUM(CASE WHEN (CASE WHEN cp.decided_on = '' THEN ? ELSE cp.decided_on END) > cp.reply_due "
	      "THEN 1 "
	      "ELSE 0 END), SUM(CASE WHEN cp.outcome = 'upheld' THEN 1 ELSE 0 END) FROM complaints cp LEFT "
	      "JOIN "
	      "regions cr ON cr.code = cp.region_code",
	      DV_S(today));
	scope_where(&q, a, SE_COMPLAINT, SCOPE_READ);
	q_sql(&q, " GROUP BY cp.region_code ORDER BY cp.region_code");
	db_stmt *st = q_query(d, &q, e);
	q_free(&q);
	if (!st)
		return NULL;
	json_t *items = json_array();
	json_int_t tot[5] = {0};
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		json_int_t v[5];
		for (int k = 0; k < 5; k++)
			tot[k] += v[k] = (json_int_t)db_int(st, 2 + k);
		json_array_append_new(items, json_pack("{s:s,s:s,s:I,s:I,s:I,s:I,s:I}", "region_code",
						       db_text(st, 0), "city", db_text(st, 1), "total", v[0],
						       "open", v[1], "ack_overdue", v[2], "reply_overdue",
						       v[3], "upheld", v[4]));
	}
	db_done(st);
	if (rc != DB_DONE) {
		json_decref(items);
		db_rc_to_err(d, rc, e);
		return NULL;
	}
	return json_pack("{s:o,s:{s:I,s:I,s:I,s:I,s:I}}", "items", items, "total", "total", tot[0], "open",
			 tot[1], "ack_overdue", tot[2], "reply_overdue", tot[3], "upheld", tot[4]);
}

/* ---- categories ---- */

json_t *complaint_categories_json(db *d, err *e)
{
	json_t *items = rows_json(db_query(d,
					   "SELECT " COMPLAINT_CATEGORY_VIEW_COLS
					   " FROM complaint_categories ORDER BY seq, code",
					   NULL, 0, e),
				  complaint_category_view, e);
	return items ? json_pack("{s:o}", "items", items) : NULL;
}

struct terms_ctx {
	const char *code;
	const struct complaint_terms *in;
};

static int category_set_work(tx *t, void *ctx, err *e)
{
	struct terms_ctx *c = ctx;
	int n = db_run(t->d,
		       "UPDATE complaint_categories SET ack_days = $2, reply_days = $3, source = $4, "
		       "updated_at = $5 "
		       "WHERE code = $1",
		       DB_ARGS(DV_S(c->code), DV_I(c->in->ack_days), DV_I(c->in->reply_days),
			       DV_S(c->in->source ? c->in->source : ""), DV_I(now_s())),
		       e);
	if (n < 0)
		return -1;
	if (n == 0)
		return err_set(e, 404, "not_found", NULL, "投诉类别不存在", "no such category");
	tx_audit_key(t, "complaint_category.update", "complaint_category", c->code,
		     json_pack("{s:I,s:I,s:s}", "ack_days", (json_int_t)c->in->ack_days, "reply_days",
			       (json_int_t)c->in->reply_days, "source", c->in->source ? c->in->source : ""));
	return 0;
}

json_t *complaint_category_set(db *d, const principal *a, const char *code, const struct complaint_terms *in,
			       err *e)
{
	if (a->role != ROLE_PROVINCE_ADMIN) {
		err_set(e, 403, "forbidden", NULL, "投诉时限由省级人社部门设定",
			"the province sets the complaint terms");
		return NULL;
	}
	if (in->ack_days < 1 || in->ack_days > 60) {
		err_set(e, 422, "invalid_value", "ack_days", "受理时限应为 1 至 60 个工作日",
			"ack_days must be 1 to 60 working days");
		return NULL;
	}
	if (in->reply_days < in->ack_days || in->reply_days > 250) {
		err_set(e, 422, "invalid_value", "reply_days",
			"答复时限应不短于受理时限且不超过 250 个工作日",
			"reply_days must be at least ack_days and at most 250 working days");
		return NULL;
	}
	if (in->source && check_text(in->source, "source", 200, false, e) != 0)
		return NULL;
	struct terms_ctx c = {.code = code, .in = in};
	if (svc_tx(d, a, category_set_work, &c, e) != 0)
		return NULL;
	return row_json(db_query(d,
				 "SELECT " COMPLAINT_CATEGORY_VIEW_COLS
				 " FROM complaint_categories WHERE code = $1",
				 DB_ARGS(DV_S(code)), e),
			complaint_category_view, e);
}

int complaint_upheld_count(db *d, int64_t institution_id, int64_t *out, err *e)
{
	*out = 0;
	return db_one_int(d,
			  "SELECT COUNT(*) FROM complaints WHERE institution_id = $1 AND outcome = 'upheld'",
			  DB_ARGS(DV_I(institution_id)), out, e) == DB_OK
		       ? 0
		       : -1;
}
