/* credit.c: 信用档案 — credit events, their withdrawal, and the blocks they impose (see credit.h; the rule
 * is core/credit.c, the rules and sources docs/DOMAIN.md §36) */
#include "util/common.h"
#include "svc/supervision/credit.h"
#include "core/date.h"
#include "store/query.h"
#include "svc/supervision/view.h"

#define REASON_MAX 500

static const char *const source_types[] = {"manual", "assessment", "inspection", "complaint",
					   "rectification"};

/* the subject's region and existence: 0 found, 1 none (no such institution, or no account of that role) */
static int subject_region(db *d, enum credit_subject s, int64_t id, char region[16], err *e)
{
	static const char *const sql[CREDIT_SUBJ_COUNT] = {
		"SELECT region_code FROM institutions WHERE id = $1",
		"SELECT COALESCE((SELECT i.region_code FROM institutions i WHERE i.id = u.institution_id), "
		"u.region_code, '') FROM users u WHERE u.id = $1 AND u.role = 'examiner'",
		"SELECT COALESCE((SELECT sp.region_code FROM supervisor_profiles sp WHERE sp.user_id = "
		"u.id), "
		"u.region_code, '') FROM users u WHERE u.id = $1 AND u.role = 'supervisor'",
	};
	db_stmt *st = db_query(d, sql[s], DB_ARGS(DV_I(id)), e);
	if (!st)
		return -1;
	int row = db_row(st, e);
	if (row > 0)
		snprintf(region, 16, "%s", db_text(st, 0) ? db_text(st, 0) : "");
	db_done(st);
	return row < 0 ? -1 : row > 0 ? 0 : 1;
}

static int no_subject(err *e)
{
	return err_set(e, 404, "subject_not_found", "subject_id", "信用事件的对象不存在",
		       "no such institution, examiner or supervisor");
}

/* may principal a record an event about a subject bound to `region` (and institution `inst`, account
 * `uid`)? The scope table's SE_CREDIT write rule on the facts the event will have. */
static int may_record(const principal *a, const char *region, int64_t inst, int64_t uid, err *e)
{
	scope_owner o = {.found = true, .institution_id = inst, .user_id = uid};
	snprintf(o.region, sizeof o.region, "%s", region);
	int v = scope_decide(a, SE_CREDIT, &o, SCOPE_WRITE);
	if (v == 404)
		return no_subject(e);
	if (v == 403)
		return err_set(e, 403, "forbidden", NULL, "只有省厅或对象所在地市可以记录、撤销信用事件",
			       "only the province or the subject's city records and withdraws credit events");
	return 0;
}

struct kind_row {
	enum credit_subject subj;
	unsigned blocks;
	int64_t days;
	char blocks_text[64];
};

static int load_kind(db *d, const char *code, struct kind_row *k, err *e)
{
	db_stmt *st =
		db_query(d, "SELECT subject_type, blocks, default_days FROM credit_kinds WHERE code = $1",
			 DB_ARGS(DV_S(code)), e);
	if (!st)
		return -1;
	int row = db_row(st, e);
	int bad = 0;
	if (row > 0) {
		bad = credit_subject_parse(db_text(st, 0), &k->subj) != 0 ||
		      credit_actions_parse(db_text(st, 1), &k->blocks) != 0;
		k->days = db_int(st, 2);
	}
	db_done(st);
	if (row < 0)
		return -1;
	if (!row)
		return err_set(e, 422, "unknown_kind", "kind", "信用事件类别 %s 不存在",
			       "no credit event kind %s", code);
	if (bad)
		return err_set(e, 500, "internal", "kind", "信用事件类别 %s 的数据有误",
			       "credit event kind %s is malformed", code);
	credit_actions_format(k->blocks, k->blocks_text, sizeof k->blocks_text);
	return 0;
}

/* withdraws event `id` (status recorded) inside the transaction, with its audit record */
static int withdraw_now(tx *t, int64_t id, const char *reason, err *e)
{
	int64_t n = db_run(
		t->d,
		"UPDATE credit_events SET status = 'withdrawn', withdraw_reason = $2, withdrawn_by = $3, "
		"withdrawn_at = $4 WHERE id = $1 AND status = 'recorded'",
		DB_ARGS(DV_I(id), DV_S(reason), t->a->user_id ? DV_I(t->a->user_id) : DV_NULL, DV_I(now_s())),
		e);
	if (n < 0)
		return -1;
	if (n == 0)
		return err_set(e, 409, "already_withdrawn", NULL, "该信用事件已撤销",
			       "that credit event is already withdrawn");
	char ids[24];
	json_t *det = json_pack("{s:s}", "reason", reason);
	int rc = tx_audit_now(t, "credit.withdraw", "credit_event", id_text(id, ids), det, e);
	json_decref(det);
	return rc;
}

int credit_record_tx(tx *t, const struct credit_event_input *in, int64_t *id, err *e)
{
	db *d = t->d;
	*id = 0;
	enum credit_subject subj;
	if (!in->subject_type)
		return err_set(e, 422, "missing_field", "subject_type", "缺少对象类型",
			       "missing field 'subject_type'");
	if (credit_subject_parse(in->subject_type, &subj) != 0)
		return err_set(e, 422, "invalid_value", "subject_type",
			       "对象类型应为 institution、examiner 或 supervisor",
			       "subject_type is institution, examiner or supervisor");
	if (in->subject_id <= 0)
		return err_set(e, 422, "missing_field", "subject_id", "缺少对象编号",
			       "missing field 'subject_id'");
	if (!in->kind || !*in->kind)
		return err_set(e, 422, "missing_field", "kind", "缺少信用事件类别", "missing field 'kind'");
	if (check_text(in->reason, "reason", REASON_MAX, true, e) != 0)
		return -1;
	const char *src = in->source_type && *in->source_type ? in->source_type : "manual";
	bool src_ok = false;
	for (size_t i = 0; i < ARRAY_LEN(source_types); i++)
		src_ok |= !strcmp(src, source_types[i]);
	if (!src_ok)
		return err_set(e, 422, "invalid_value", "source_type",
			       "来源应为 manual、assessment、inspection、complaint 或 rectification",
			       "source_type is manual, assessment, inspection, complaint or rectification");
	if (in->source_id < 0)
		return err_set(e, 422, "invalid_value", "source_id", "来源编号无效", "source_id is invalid");
	struct kind_row k;
	if (load_kind(d, in->kind, &k, e) != 0)
		return -1;
	if (k.subj != subj)
		return err_set(e, 422, "kind_subject_mismatch", "kind", "信用事件类别 %s 不适用于该对象类型",
			       "credit event kind %s does not apply to that subject type", in->kind);
	int from = date_today_utc8(), until = 0;
	if (in->from && date_parse(in->from, &from) != 0)
		return err_set(e, 422, "invalid_date", "from", "生效日期应为 YYYY-MM-DD",
			       "from must be a date YYYY-MM-DD");
	if (!in->until) {
		until = credit_default_until(from, (int)k.days);
	} else if (*in->until && date_parse(in->until, &until) != 0) {
		return err_set(e, 422, "invalid_date", "until", "截止日期应为 YYYY-MM-DD",
			       "until must be a date YYYY-MM-DD");
	}
	if (until < 0 || (until && until < from))
		return err_set(e, 422, "invalid_dates", "until", "截止日期不能早于生效日期",
			       "until must not be before from");

	char region[16] = "";
	int rc = subject_region(d, subj, in->subject_id, region, e);
	if (rc < 0)
		return -1;
	if (rc > 0)
		return no_subject(e);
	int64_t inst = subj == CREDIT_SUBJ_INSTITUTION ? in->subject_id : 0;
	int64_t uid = subj == CREDIT_SUBJ_INSTITUTION ? 0 : in->subject_id;
	if (may_record(t->a, region, inst, uid, e) != 0)
		return -1;

	if (in->corrects) {
		/* the corrected event: seen and changeable by the principal, about the same subject */
		if (scope_check(d, t->a, SE_CREDIT, in->corrects, SCOPE_WRITE, "corrects", e) != 0)
			return -1;
		int64_t same = 0;
		if (db_one_int(d,
			       "SELECT COUNT(*) FROM credit_events WHERE id = $1 AND subject_type = $2 AND "
			       "subject_id = $3",
			       DB_ARGS(DV_I(in->corrects), DV_S(in->subject_type), DV_I(in->subject_id)),
			       &same, e) != DB_OK)
			return -1;
		if (!same)
			return err_set(e, 422, "corrects_other_subject", "corrects",
				       "更正的信用事件应属于同一对象",
				       "a correction is about the same subject");
	}

	char f[11], u[11] = "";
	date_format(from, f);
	if (until)
		date_format(until, u);
	int64_t now = now_s();
	db_stmt *st = db_query(
		d,
		"INSERT INTO credit_events (subject_type, subject_id, region_code, kind, blocks, from_date, "
		"until_date, reason, source_type, source_id, corrects_id, created_by, created_at) VALUES "
		"($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13) RETURNING id",
		DB_ARGS(DV_S(in->subject_type), DV_I(in->subject_id), DV_S(region), DV_S(in->kind),
			DV_S(k.blocks_text), DV_S(f), until ? DV_S(u) : DV_NULL, DV_S(in->reason), DV_S(src),
			in->source_id ? DV_I(in->source_id) : DV_NULL,
			in->corrects ? DV_I(in->corrects) : DV_NULL,
			t->a->user_id ? DV_I(t->a->user_id) : DV_NULL, DV_I(now)),
		e);
	int64_t new_id = st && db_row(st, e) > 0 ? db_int(st, 0) : 0;
	db_done(st);
	if (!new_id)
		return err_isset(e) ? -1
				    : err_set(e, 500, "internal", NULL, "记录信用事件失败", "insert failed");
	char ids[24];
	json_t *det = json_pack("{s:s,s:I,s:s,s:s,s:s,s:o,s:s,s:s,s:o,s:o}", "subject_type", in->subject_type,
				"subject_id", (json_int_t)in->subject_id, "region_code", region, "kind",
				in->kind, "from_date", f, "until_date", until ? json_string(u) : json_null(),
				"blocks", k.blocks_text, "source_type", src, "source_id",
				in->source_id ? json_integer(in->source_id) : json_null(), "corrects",
				in->corrects ? json_integer(in->corrects) : json_null());
	json_object_set_new(det, "reason", json_string(in->reason));
	rc = tx_audit_now(t, "credit.record", "credit_event", id_text(new_id, ids), det, e);
	json_decref(det);
	if (rc != 0)
		return -1;
	if (in->corrects) {
		char why[80];
		snprintf(why, sizeof why, "由信用事件 #%lld 更正 (corrected by #%lld)", (long long)new_id,
			 (long long)new_id);
		if (withdraw_now(t, in->corrects, why, e) != 0)
			return -1;
	}
	*id = new_id;
	return 0;
}

struct record_ctx {
	const struct credit_event_input *in;
	int64_t id;
};

static int record_work(tx *t, void *ctx, err *e)
{
	struct record_ctx *c = ctx;
	return credit_record_tx(t, c->in, &c->id, e);
}

int credit_record(db *d, const principal *a, const struct credit_event_input *in, int64_t *id, err *e)
{
	struct record_ctx c = {.in = in};
	if (svc_tx(d, a, record_work, &c, e) != 0)
		return -1;
	*id = c.id;
	return 0;
}

struct withdraw_ctx {
	int64_t id;
	const char *reason;
};

static int withdraw_work(tx *t, void *ctx, err *e)
{
	struct withdraw_ctx *c = ctx;
	if (scope_check(t->d, t->a, SE_CREDIT, c->id, SCOPE_WRITE, NULL, e) != 0)
		return -1;
	return withdraw_now(t, c->id, c->reason, e);
}

int credit_withdraw(db *d, const principal *a, int64_t id, const char *reason, err *e)
{
	if (check_text(reason, "reason", REASON_MAX, true, e) != 0)
		return -1;
	struct withdraw_ctx c = {.id = id, .reason = reason};
	return svc_tx(d, a, withdraw_work, &c, e);
}

/* ?in_force=1: recorded, begun and not ended today (China time); 0 the others */
static int filter_in_force(query *w, const char *frag, const char *v, err *e)
{
	UNUSED(frag);
	if (strcmp(v, "1") && strcmp(v, "0"))
		return err_set(e, 422, "invalid_value", "in_force", "in_force 应为 0 或 1",
			       "in_force must be 0 or 1");
	char today[11];
	date_format(date_today_utc8(), today);
	q_and(w,
	      strcmp(v, "1") ? "NOT (ce.status = 'recorded' AND ce.from_date <= ?"
			     : "(ce.status = 'recorded' AND ce.from_date <= ?",
	      DV_S(today));
	q_arg(w, " AND (ce.until_date IS NULL OR ce.until_date >= ?))", DV_S(today));
	return 0;
}

static const struct list_filter credit_filters[] = {
	{"subject_type", "ce.subject_type = ?", LIST_EQ, .max = 16},
	{"subject_id", "ce.subject_id = ?", LIST_ID},
	{"kind", "ce.kind = ?", LIST_EQ, .max = 32},
	{"region_code", "ce.region_code LIKE ?", LIST_REGION, .max = 12},
	{"status", "ce.status = ?", LIST_EQ, .max = 16},
	{"in_force", NULL, LIST_FN, .max = 1, .fn = filter_in_force},
};

static const struct list_sort credit_sorts[] = {
	{"id", "ce.id"},
	{"from", "ce.from_date"},
	{"until", "ce.until_date"},
};

static const struct export_col credit_cols[] = {
	{"id", "编号"},		  {"subject_type", "对象类型"},
	{"subject_name", "对象"}, {"kind_name", "类别"},
	{"from", "生效日期"},	  {"until", "截止日期"},
	{"state_zh", "状态"},	  {"reason", "事由"},
	{"source_type", "来源"},  {"withdraw_reason", "撤销理由"},
};

const struct list_spec credit_list = {
	.name = "credit_events",
	.scoped = true,
	.entity = SE_CREDIT,
	.count_sql = "SELECT COUNT(*)" CREDIT_VIEW_FROM,
	.select_sql = "SELECT " CREDIT_VIEW_COLS CREDIT_VIEW_FROM,
	.order = "ce.id DESC",
	LIST_FILTERS(credit_filters),
	LIST_SORTS(credit_sorts),
	.view = credit_event_view,
	LIST_COLS(credit_cols),
};

json_t *credit_get_json(db *d, const principal *a, int64_t id, err *e)
{
	json_t *o = row_json(
		scoped_row(d, a, "SELECT " CREDIT_VIEW_COLS CREDIT_VIEW_FROM, "ce.id = ?", id, SE_CREDIT, e),
		credit_event_view, e);
	if (!o && !err_isset(e))
		err_set(e, 404, "not_found", NULL, "信用事件不存在", "no such credit event");
	return o;
}

static json_t *blocks_array(const char *text)
{
	json_t *arr = json_array();
	unsigned m = 0;
	if (credit_actions_parse(text, &m) == 0)
		for (unsigned bit = 1; bit & CREDIT_ACTIONS_ALL; bit <<= 1)
			if (m & bit)
				json_array_append_new(arr, json_string(credit_action_name(bit)));
	return arr;
}

json_t *credit_kinds_json(db *d, err *e)
{
	db_stmt *st =
		db_query(d,
			 "SELECT code, subject_type, name_zh, name_en, blocks, default_days, source FROM "
			 "credit_kinds ORDER BY subject_type, code",
			 DB_NOARGS, e);
	if (!st)
		return NULL;
	json_t *items = json_array();
	while (db_step(st) == DB_ROW)
		json_array_append_new(items, json_pack("{s:s,s:s,s:s,s:s,s:o,s:I,s:s}", "code",
						       db_text(st, 0), "subject_type", db_text(st, 1),
						       "name_zh", db_text(st, 2), "name_en", db_text(st, 3),
						       "blocks", blocks_array(db_text(st, 4)), "default_days",
						       (json_int_t)db_int(st, 5), "source", db_text(st, 6)));
	if (db_finish(st, e) != 0) {
		json_decref(items);
		return NULL;
	}
	return json_pack("{s:o}", "items", items);
}

/* the candidate rows of a block: recorded, begun and not ended on the day; the pure rule decides */
#define BLOCK_COLS                                                                                           \
	"SELECT ce.id, ce.subject_id, ce.kind, k.name_zh, k.name_en, ce.blocks, ce.from_date, "              \
	"COALESCE(ce.until_date, '') FROM credit_events ce JOIN credit_kinds k ON k.code = ce.kind WHERE "   \
	"ce.subject_type = $1 AND ce.status = 'recorded' AND ce.from_date <= $2 AND (ce.until_date IS NULL " \
	"OR ce.until_date >= $2)"

static bool row_blocks(db_stmt *st, unsigned action, int ymd)
{
	struct credit_facts f = {.withdrawn = false};
	if (credit_actions_parse(db_text(st, 5), &f.blocks) != 0 || date_parse(db_text(st, 6), &f.from) != 0)
		return false;
	const char *u = db_text(st, 7);
	if (u && *u && date_parse(u, &f.until) != 0)
		return false;
	return credit_blocks(&f, action, ymd);
}

int credit_blocked(db *d, enum credit_subject subj, int64_t subject_id, unsigned action, int ymd,
		   struct credit_block *out, err *e)
{
	memset(out, 0, sizeof *out);
	char day[11];
	date_format(ymd, day);
	db_stmt *st = db_query(d, BLOCK_COLS " AND ce.subject_id = $3 ORDER BY ce.id",
			       DB_ARGS(DV_S(credit_subject_name(subj)), DV_S(day), DV_I(subject_id)), e);
	if (!st)
		return -1;
	while (db_step(st) == DB_ROW) {
		if (!row_blocks(st, action, ymd))
			continue;
		out->id = db_int(st, 0);
		snprintf(out->kind, sizeof out->kind, "%s", db_text(st, 2));
		snprintf(out->name_zh, sizeof out->name_zh, "%s", db_text(st, 3));
		snprintf(out->name_en, sizeof out->name_en, "%s", db_text(st, 4));
		snprintf(out->until, sizeof out->until, "%s", db_text(st, 7));
		break;
	}
	return db_finish(st, e);
}

static const char *action_en(unsigned action)
{
	switch (action) {
	case CREDIT_PLAN_CREATE:
		return "create evaluation plans";
	case CREDIT_PLAN_SUBMIT:
		return "file evaluation plans";
	case CREDIT_PANEL:
		return "sit on a practical or review panel";
	default:
		return "be dispatched to supervise sittings";
	}
}

int credit_refuse(db *d, enum credit_subject subj, int64_t subject_id, unsigned action, const char *field,
		  err *e)
{
	struct credit_block b;
	if (credit_blocked(d, subj, subject_id, action, date_today_utc8(), &b, e) != 0)
		return -1;
	if (!b.id)
		return 0;
	static const char *const who_zh[CREDIT_SUBJ_COUNT] = {"评价机构", "考评员", "督导员"};
	static const char *const who_en[CREDIT_SUBJ_COUNT] = {"institution", "examiner", "supervisor"};
	const char *uz = *b.until ? b.until : "撤销", *ue = *b.until ? b.until : "withdrawn";
	err_set(e, 409, "credit_blocked", field, "",
		"%s %lld has the credit event '%s' (#%lld) in force until %s: it may not %s", who_en[subj],
		(long long)subject_id, b.name_en, (long long)b.id, ue, action_en(action));
	snprintf(e->zh, sizeof e->zh, "%s #%lld 有生效中的信用事件「%s」（#%lld，至 %s），暂不能%s",
		 who_zh[subj], (long long)subject_id, b.name_zh, (long long)b.id, uz,
		 credit_action_name_zh(action));
	return -1;
}

int credit_blocked_ids(db *d, enum credit_subject subj, unsigned action, int ymd, int64_t **ids, size_t *n,
		       err *e)
{
	*ids = NULL;
	*n = 0;
	char day[11];
	date_format(ymd, day);
	db_stmt *st = db_query(d, BLOCK_COLS " ORDER BY ce.subject_id, ce.id",
			       DB_ARGS(DV_S(credit_subject_name(subj)), DV_S(day)), e);
	if (!st)
		return -1;
	size_t cap = 0;
	while (db_step(st) == DB_ROW) {
		int64_t sid = db_int(st, 1);
		if ((*n && (*ids)[*n - 1] == sid) || !row_blocks(st, action, ymd))
			continue;
		if (*n == cap)
			*ids = xrealloc(*ids, (cap = cap ? cap * 2 : 16) * sizeof **ids);
		(*ids)[(*n)++] = sid;
	}
	if (db_finish(st, e) != 0) {
		free(*ids);
		*ids = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}
