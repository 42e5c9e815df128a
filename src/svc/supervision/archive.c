/* archive.c: 质量档案 — the quality archive of one institution as a list of sections (see archive.h). Each
 * section is one fill function over the tables that hold it; adding a section is adding one row to
 * archive_sections[]. */
#include "util/common.h"
#include "svc/supervision/archive.h"
#include "core/certno.h"
#include "core/complaint_flow.h"
#include "core/credit.h"
#include "core/rectify_flow.h"
#include "core/date.h"
#include "core/scope.h"
#include "doc/archive_pdf.h"
#include "svc/base/scope.h"
#include "svc/base/svc.h"
#include "svc/base/tx.h"
#include "crypto/sm3.h"
#include "svc/registry/view.h"
#include <time.h>

/* ---- small helpers ---- */

/* an epoch time (seconds) as "YYYY-MM-DD HH:MM" in China time (UTC+8) */
static void at_text(int64_t at, char out[20])
{
	time_t t = (time_t)(at + 8 * 3600);
	struct tm tm;
	if (at <= 0 || !gmtime_r(&t, &tm)) {
		out[0] = 0;
		return;
	}
	strftime(out, 20, "%Y-%m-%d %H:%M", &tm);
}

static json_t *at_json(db_stmt *st, int col, int64_t scale)
{
	if (db_isnull(st, col))
		return json_string("");
	char b[20];
	at_text(db_int(st, col) / scale, b);
	return json_string(b);
}

static json_t *txt(db_stmt *st, int col)
{
	const char *s = db_text(st, col);
	return json_string(s ? s : "");
}

static void kv(json_t *items, const char *label, const char *value)
{
	json_array_append_new(items, json_pack("{s:s,s:s}", "label", label, "value", value ? value : ""));
}

/* levels of a filed scope (bit L = level L) in Chinese: 五级/初级工、四级/中级工; 专项 has none */
static void levels_text(int64_t mask, char *out, size_t n)
{
	size_t k = 0;
	out[0] = 0;
	for (int l = 5; l >= 1; l--) {
		if (!(mask & (1 << l)))
			continue;
		int w = snprintf(out + k, n - k, "%s%s", k ? "、" : "", level_name_zh(l));
		if (w < 0 || (size_t)w >= n - k)
			break;
		k += (size_t)w;
	}
	if (!k)
		snprintf(out, n, "%s", "不分等级（专项职业能力）");
}

/* ---- the sections ---- */

static int fill_filing(db *d, int64_t inst, json_t *items, err *e)
{
	db_stmt *st =
		db_query(d,
			 "SELECT i.name, i.credit_code, i.type, i.region_code, COALESCE(r.name, ''), "
			 "COALESCE(i.inst_code, ''), i.status, i.status_reason, i.status_date, i.address, "
			 "COALESCE((SELECT MIN(h.status_date) FROM institution_status_history h WHERE "
			 "h.institution_id = "
			 "i.id AND h.status = 'filed'), i.status_date) "
			 "FROM institutions i LEFT JOIN regions r ON r.code = i.region_code WHERE i.id = $1",
			 DB_ARGS(DV_I(inst)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		char region[128], status[700];
		snprintf(region, sizeof region, "%s（%s）", db_text(st, 4), db_text(st, 3));
		snprintf(status, sizeof status, "%s（%s起%s%s）", inst_status_name(db_text(st, 6)),
			 db_text(st, 8), db_text(st, 7)[0] ? "，" : "", db_text(st, 7));
		kv(items, "机构名称", db_text(st, 0));
		kv(items, "统一社会信用代码", db_text(st, 1));
		kv(items, "机构类型", inst_type_name(db_text(st, 2)));
		kv(items, "所在地区", region);
		kv(items, "评价机构代码", db_text(st, 5)[0] ? db_text(st, 5) : "（未分配）");
		kv(items, "备案日期", db_text(st, 10));
		kv(items, "当前状态", status);
		kv(items, "地址", db_text(st, 9));
	}
	db_done(st);
	return row < 0 ? -1 : 0;
}

static int fill_scopes(db *d, int64_t inst, json_t *items, err *e)
{
	db_stmt *st =
		db_query(d,
			 "SELECT s.occupation_code, COALESCE(o.name, ''), s.levels FROM institution_scopes s "
			 "LEFT JOIN occupations o ON o.code = s.occupation_code WHERE s.institution_id = $1 "
			 "ORDER BY s.occupation_code",
			 DB_ARGS(DV_I(inst)), e);
	if (!st)
		return -1;
	while (db_step(st) == DB_ROW) {
		char lv[200];
		levels_text(db_int(st, 2), lv, sizeof lv);
		json_array_append_new(items, json_pack("{s:o,s:o,s:s}", "occupation_code", txt(st, 0),
						       "occupation", txt(st, 1), "levels", lv));
	}
	return db_finish(st, e);
}

/* an audit record's detail in a line: the scopes of institution.scope, the fields of institution.update */
static void change_text(const char *action, const char *detail, char *out, size_t n)
{
	json_t *o = json_loads(detail ? detail : "", 0, NULL);
	size_t k = 0;
	out[0] = 0;
#define PUT(...)                                                                                             \
	do {                                                                                                 \
		int w_ = snprintf(out + k, n - k, __VA_ARGS__);                                              \
		if (w_ > 0 && (size_t)w_ < n - k)                                                            \
			k += (size_t)w_;                                                                     \
	} while (0)
	if (!strcmp(action, "institution.create")) {
		PUT("备案：%s", json_string_value(json_object_get(o, "name")) ?: "");
	} else if (!strcmp(action, "institution.scope")) {
		json_t *sc = json_object_get(o, "scopes"), *it;
		size_t i;
		PUT("%s", json_array_size(sc) ? "备案范围改为：" : "备案范围清空");
		json_array_foreach(sc, i, it)
		{
			PUT("%s%s", i ? "；" : "",
			    json_string_value(json_object_get(it, "occupation_code")) ?: "");
			json_t *lv = json_object_get(it, "levels"), *l;
			size_t j;
			if (json_array_size(lv)) {
				PUT("（");
				json_array_foreach(lv, j, l)
					PUT("%s%lld级", j ? "、" : "", (long long)json_integer_value(l));
				PUT("）");
			}
		}
	} else {
		const char *key;
		json_t *v;
		PUT("变更：");
		size_t i = 0;
		json_object_foreach(o, key, v) PUT("%s%s", i++ ? "、" : "", key);
	}
#undef PUT
	json_decref(o);
}

static int fill_changes(db *d, int64_t inst, json_t *items, err *e)
{
	char id[24];
	db_stmt *st =
		db_query(d,
			 "SELECT at, actor, role, action, detail FROM audit_log WHERE entity = 'institution' "
			 "AND entity_id = $1 AND action IN ('institution.create', 'institution.scope', "
			 "'institution.update') ORDER BY seq",
			 DB_ARGS(DV_S(id_text(inst, id))), e);
	if (!st)
		return -1;
	while (db_step(st) == DB_ROW) {
		const char *action = db_text(st, 3);
		char what[1200];
		change_text(action, db_text(st, 4), what, sizeof what);
		const char *kind = !strcmp(action, "institution.create")  ? "备案"
				   : !strcmp(action, "institution.scope") ? "范围变更"
									  : "信息变更";
		json_array_append_new(items, json_pack("{s:o,s:s,s:o,s:s}", "at", at_json(st, 0, 1000),
						       "kind", kind, "actor", txt(st, 1), "change", what));
	}
	return db_finish(st, e);
}

static int fill_status(db *d, int64_t inst, json_t *items, err *e)
{
	db_stmt *st = db_query(d,
			       "SELECT status_date, status, reason, at FROM institution_status_history WHERE "
			       "institution_id = $1 ORDER BY at, id",
			       DB_ARGS(DV_I(inst)), e);
	if (!st)
		return -1;
	while (db_step(st) == DB_ROW)
		json_array_append_new(items, json_pack("{s:o,s:s,s:o,s:o}", "status_date", txt(st, 0),
						       "status", inst_status_name(db_text(st, 1)), "reason",
						       txt(st, 2), "at", at_json(st, 3, 1)));
	return db_finish(st, e);
}

/* signed inspections only (a draft is nobody's record yet), with their problem counts by class */
static int fill_inspections(db *d, int64_t inst, json_t *items, err *e)
{
	db_stmt *st = db_query(
		d,
		"SELECT ins.id, ins.signed_at, s.room, s.starts_at, p.title, COALESCE(NULLIF(u.display_name, "
		"''), "
		"u.username), COALESCE(ins.corrects_id, 0), "
		"(SELECT COUNT(*) FROM inspection_marks m WHERE m.inspection_id = ins.id AND m.result = "
		"'nonconform'), "
		"(SELECT COUNT(*) FROM inspection_marks m WHERE m.inspection_id = ins.id AND m.result = "
		"'conform'), "
		"(SELECT COUNT(*) FROM inspection_marks m WHERE m.inspection_id = ins.id AND m.result = "
		"'not_applicable'), "
		"(SELECT COUNT(*) FROM inspection_evidence ev WHERE ev.inspection_id = ins.id) "
		"FROM inspections ins JOIN sittings s ON s.id = ins.sitting_id JOIN plans p ON p.id = "
		"s.plan_id "
		"JOIN users u ON u.id = ins.supervisor_id WHERE p.institution_id = $1 AND ins.status = "
		"'signed' "
		"ORDER BY ins.signed_at, ins.id",
		DB_ARGS(DV_I(inst)), e);
	if (!st)
		return -1;
	while (db_step(st) == DB_ROW) {
		char sitting[200], starts[20], corr[40] = "";
		at_text(db_int(st, 3), starts);
		snprintf(sitting, sizeof sitting, "%s %s", db_text(st, 2), starts);
		if (db_int(st, 6) > 0)
			snprintf(corr, sizeof corr, "更正第 %lld 号", (long long)db_int(st, 6));
		json_array_append_new(
			items, json_pack("{s:I,s:o,s:s,s:o,s:o,s:I,s:I,s:I,s:I,s:s,s:s}", "id",
					 (json_int_t)db_int(st, 0), "signed_at", at_json(st, 1, 1), "sitting",
					 sitting, "plan", txt(st, 4), "supervisor", txt(st, 5), "nonconform",
					 (json_int_t)db_int(st, 7), "conform", (json_int_t)db_int(st, 8),
					 "not_applicable", (json_int_t)db_int(st, 9), "evidence",
					 (json_int_t)db_int(st, 10), "corrects", corr, "classes", ""));
	}
	if (db_finish(st, e) != 0)
		return -1;
	/* the 不符合 marks by problem class (问题分类), one statement per inspection after the list is read
	 */
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it)
	{
		st = db_query(
			d,
			"SELECT COALESCE(ci.problem_class, 0), COALESCE(pc.name, ''), COUNT(*) FROM "
			"inspection_marks m JOIN check_items ci ON ci.id = m.item_id LEFT JOIN "
			"check_problem_classes pc ON pc.version = ci.version AND pc.class = ci.problem_class "
			"WHERE m.inspection_id = $1 AND m.result = 'nonconform' GROUP BY ci.problem_class, "
			"pc.name ORDER BY 1",
			DB_ARGS(DV_I(json_integer_value(json_object_get(it, "id")))), e);
		if (!st)
			return -1;
		char b[600] = "";
		size_t k = 0;
		json_t *counts = json_array();
		while (db_step(st) == DB_ROW) {
			int64_t cls = db_int(st, 0), n = db_int(st, 2);
			const char *name = cls ? db_text(st, 1) : "未分类";
			int w = snprintf(b + k, sizeof b - k, "%s%s %lld", k ? "；" : "", name, (long long)n);
			if (w > 0 && (size_t)w < sizeof b - k)
				k += (size_t)w;
			json_array_append_new(counts, json_pack("{s:I,s:s,s:I}", "class", (json_int_t)cls,
								"name", name, "count", (json_int_t)n));
		}
		json_object_set_new(it, "classes", json_string(b));
		json_object_set_new(it, "problem_counts", counts);
		if (db_finish(st, e) != 0)
			return -1;
	}
	return 0;
}

/* complaints about the institution: category, dates, state and outcome; never the complainant (sealed
 * identity, anonymity) and never the text (it may name them) */
static int fill_complaints(db *d, int64_t inst, json_t *items, err *e)
{
	db_stmt *st = db_query(
		d,
		"SELECT cp.id, cp.received_on, COALESCE(cc.name, cp.category), cp.status, cp.outcome, "
		"cp.reply_due, cp.decided_on FROM complaints cp LEFT JOIN complaint_categories cc ON "
		"cc.code = cp.category WHERE cp.institution_id = $1 ORDER BY cp.received_on, cp.id",
		DB_ARGS(DV_I(inst)), e);
	if (!st)
		return -1;
	while (db_step(st) == DB_ROW) {
		const char *o = db_text(st, 4);
		const char *outcome = !strcmp(o, "upheld")	? "查实"
				      : !strcmp(o, "dismissed") ? "不予受理或不属实"
				      : !strcmp(o, "replied")	? "已答复"
								: "";
		json_array_append_new(
			items, json_pack("{s:I,s:o,s:o,s:s,s:s,s:o,s:o}", "id", (json_int_t)db_int(st, 0),
					 "received_on", txt(st, 1), "category", txt(st, 2), "status",
					 fsm_state_zh(&complaint_fsm, db_text(st, 3)), "outcome", outcome,
					 "reply_due", txt(st, 5), "decided_on", txt(st, 6)));
	}
	return db_finish(st, e);
}

/* anomalies: the answer-copying flags (雷同) of its sittings with their review state */
static int fill_anomalies(db *d, int64_t inst, json_t *items, err *e)
{
	db_stmt *st = db_query(
		d,
		"SELECT f.id, f.created_at, s.room, s.starts_at, p.title, f.shared, f.identical, "
		"f.identical_wrong, "
		"f.p, f.status, f.reviewed_at FROM collusion_flags f JOIN sittings s ON s.id = f.sitting_id "
		"JOIN "
		"plans p ON p.id = s.plan_id WHERE p.institution_id = $1 ORDER BY f.created_at, f.id",
		DB_ARGS(DV_I(inst)), e);
	if (!st)
		return -1;
	while (db_step(st) == DB_ROW) {
		char sitting[200], starts[20], what[200];
		at_text(db_int(st, 3), starts);
		snprintf(sitting, sizeof sitting, "%s %s", db_text(st, 2), starts);
		snprintf(what, sizeof what, "答卷雷同：共同题 %lld，相同作答 %lld（相同错答 %lld），p = %.2g",
			 (long long)db_int(st, 5), (long long)db_int(st, 6), (long long)db_int(st, 7),
			 db_double(st, 8));
		const char *s = db_text(st, 9);
		const char *state = !strcmp(s, "confirmed") ? "已确认"
				    : !strcmp(s, "cleared") ? "已排除"
							    : "待复核";
		json_array_append_new(items, json_pack("{s:I,s:s,s:o,s:s,s:o,s:s,s:s,s:o}", "id",
						       (json_int_t)db_int(st, 0), "kind", "collusion",
						       "found_at", at_json(st, 1, 1), "sitting", sitting,
						       "plan", txt(st, 4), "detail", what, "status", state,
						       "reviewed_at", at_json(st, 10, 1)));
	}
	return db_finish(st, e);
}

/* 信用档案: the institution's credit events (svc/supervision/credit.c), in force, expired or withdrawn */
static int fill_credit(db *d, int64_t inst, json_t *items, err *e)
{
	static const char *const states[] = {[CREDIT_PENDING] = "未生效",
					     [CREDIT_IN_FORCE] = "有效",
					     [CREDIT_EXPIRED] = "已过期",
					     [CREDIT_WITHDRAWN] = "已撤回"};
	int today = date_today_utc8();
	db_stmt *st = db_query(
		d,
		"SELECT ce.id, ce.from_date, COALESCE(ce.until_date, ''), COALESCE(k.name_zh, ce.kind), "
		"ce.reason, ce.status, ce.blocks, ce.source_type, COALESCE(ce.withdraw_reason, '') FROM "
		"credit_events ce LEFT JOIN credit_kinds k ON k.code = ce.kind WHERE ce.subject_type = "
		"'institution' AND ce.subject_id = $1 ORDER BY ce.from_date, ce.id",
		DB_ARGS(DV_I(inst)), e);
	if (!st)
		return -1;
	while (db_step(st) == DB_ROW) {
		const char *until = db_text(st, 2), *wr = db_text(st, 8);
		struct credit_facts cf = {.withdrawn = !strcmp(db_text(st, 5), "withdrawn")};
		if (date_parse(db_text(st, 1), &cf.from) != 0)
			cf.from = 0;
		if (!until[0] || date_parse(until, &cf.until) != 0)
			cf.until = 0;
		if (credit_actions_parse(db_text(st, 6), &cf.blocks) != 0)
			cf.blocks = 0;
		enum credit_state cs = credit_state_on(&cf, today);
		/* what it forbids, in Chinese (仅记录: a record that blocks nothing) */
		char effect[200] = "";
		size_t k = 0;
		for (unsigned bit = 1; bit && bit <= cf.blocks; bit <<= 1) {
			const char *zh = (cf.blocks & bit) ? credit_action_name_zh(bit) : NULL;
			int w = zh ? snprintf(effect + k, sizeof effect - k, "%s不得%s", k ? "、" : "", zh)
				   : 0;
			if (w > 0 && (size_t)w < sizeof effect - k)
				k += (size_t)w;
		}
		char reason[1200];
		snprintf(reason, sizeof reason, "%s%s%s%s", db_text(st, 4), wr[0] ? "（撤回：" : "", wr,
			 wr[0] ? "）" : "");
		const char *src = db_text(st, 7);
		json_array_append_new(
			items,
			json_pack("{s:I,s:o,s:s,s:o,s:s,s:s,s:s,s:s}", "id", (json_int_t)db_int(st, 0),
				  "from_date", txt(st, 1), "until_date", until[0] ? until : "撤回为止",
				  "kind", txt(st, 3), "reason", reason, "effect", k ? effect : "仅记录",
				  "state", (unsigned)cs < ARRAY_LEN(states) && states[cs] ? states[cs] : "",
				  "source",
				  !strcmp(src, "manual")       ? "人社部门记录"
				  : !strcmp(src, "assessment") ? "定期评估"
							       : src));
	}
	return db_finish(st, e);
}

/* 整改: the rectifications opened by the 不符合 marks of its signed inspections, with their term, state and
 * whether the term was missed (core/rectify_flow.h) */
static int fill_rectifications(db *d, int64_t inst, json_t *items, err *e)
{
	int today = date_today_utc8();
	db_stmt *st = db_query(
		d,
		"SELECT r.id, r.inspection_id, COALESCE(ci.text, ''), COALESCE(r.problem_class, 0), "
		"r.finding, "
		"r.opened_on, r.days, r.due_on, r.status, r.responded_on, r.closed_on, r.decision, "
		"(SELECT COUNT(*) FROM rectification_evidence ev WHERE ev.rectification_id = r.id) FROM "
		"rectifications r LEFT JOIN check_items ci ON ci.id = r.item_id WHERE r.institution_id = $1 "
		"ORDER BY "
		"r.opened_on, r.id",
		DB_ARGS(DV_I(inst)), e);
	if (!st)
		return -1;
	while (db_step(st) == DB_ROW) {
		int due = 0, resp = 0, closed = 0;
		if (date_parse(db_text(st, 7), &due) != 0)
			due = 0;
		if (!db_text(st, 9)[0] || date_parse(db_text(st, 9), &resp) != 0)
			resp = 0;
		if (!db_text(st, 10)[0] || date_parse(db_text(st, 10), &closed) != 0)
			closed = 0;
		bool late = due && rectify_overdue(due, rectify_done_on(resp, closed), today);
		char term[64], item[600];
		snprintf(term, sizeof term, "%lld 个工作日，至 %s", (long long)db_int(st, 6), db_text(st, 7));
		snprintf(item, sizeof item, "%s%s", db_text(st, 2), db_int(st, 3) ? "" : "（未分类）");
		json_array_append_new(items, json_pack("{s:I,s:I,s:s,s:o,s:o,s:s,s:s,s:s,s:o,s:I}", "id",
						       (json_int_t)db_int(st, 0), "inspection_id",
						       (json_int_t)db_int(st, 1), "item", item, "finding",
						       txt(st, 4), "opened_on", txt(st, 5), "term", term,
						       "status", fsm_state_zh(&rectify_fsm, db_text(st, 8)),
						       "overdue", late ? "超期" : "", "closed_on",
						       txt(st, 10), "evidence", (json_int_t)db_int(st, 12)));
	}
	return db_finish(st, e);
}

/* 撤销备案情形: the revoking situations the bureau confirmed (each suspended the filing unless it was
 * suspended already) */
static int fill_revoking(db *d, int64_t inst, json_t *items, err *e)
{
	db_stmt *st =
		db_query(d,
			 "SELECT id, confirmed_on, inspection_id, code, situation, reason, suspended FROM "
			 "revoking_confirmations WHERE institution_id = $1 ORDER BY confirmed_on, id",
			 DB_ARGS(DV_I(inst)), e);
	if (!st)
		return -1;
	while (db_step(st) == DB_ROW) {
		char sit[700];
		snprintf(sit, sizeof sit, "%s %s", db_text(st, 3), db_text(st, 4));
		json_array_append_new(items, json_pack("{s:I,s:o,s:I,s:s,s:o,s:s}", "id",
						       (json_int_t)db_int(st, 0), "confirmed_on", txt(st, 1),
						       "inspection_id", (json_int_t)db_int(st, 2),
						       "situation", sit, "reason", txt(st, 5), "effect",
						       db_int(st, 6) ? "暂停备案" : "（已暂停或已退出）"));
	}
	return db_finish(st, e);
}

/* 定期评估: the published assessments of the institution (a draft run is the province's working copy),
 * each with its score, grade, decision and, indicator by indicator, how it was marked */
static int fill_assessments(db *d, int64_t inst, json_t *items, err *e)
{
	db_stmt *st = db_query(
		d,
		"SELECT ru.id, ru.period_from, ru.period_to, ar.candidates, ar.score, ar.grade, ar.veto, "
		"ar.decision, ar.explanation FROM assess_rows ar JOIN assess_runs ru ON ru.id = "
		"ar.run_id WHERE ar.institution_id = $1 AND ru.state = 'published' ORDER BY "
		"ru.period_to, ru.id",
		DB_ARGS(DV_I(inst)), e);
	if (!st)
		return -1;
	while (db_step(st) == DB_ROW) {
		const char *g = db_text(st, 5), *dc = db_text(st, 7);
		const char *grade = !strcmp(g, "excellent") ? "优秀" : !strcmp(g, "pass") ? "合格" : "不合格";
		const char *decision = !strcmp(dc, "widen")	 ? "可拓宽评价范围"
				       : !strcmp(dc, "continue") ? "继续开展评价"
								 : "退出评价机构目录";
		char period[32], score[32], why[2000] = "";
		snprintf(period, sizeof period, "%s 至 %s", db_text(st, 1), db_text(st, 2));
		snprintf(score, sizeof score, "%.1f%s", db_double(st, 4),
			 db_int(st, 6) ? "（一票否决）" : "");
		json_t *ex = json_loads(db_text(st, 8), 0, NULL), *x;
		size_t i, k = 0;
		json_array_foreach(ex, i, x)
		{
			const char *name = json_string_value(json_object_get(x, "name"));
			const char *status = json_string_value(json_object_get(x, "status_zh"));
			int w = snprintf(why + k, sizeof why - k, "%s%s：%s %.1f 分", k ? "；" : "",
					 name ? name : "", status ? status : "",
					 json_number_value(json_object_get(x, "points")));
			if (w > 0 && (size_t)w < sizeof why - k)
				k += (size_t)w;
		}
		json_decref(ex);
		json_array_append_new(
			items, json_pack("{s:I,s:s,s:I,s:s,s:s,s:s,s:s}", "run_id", (json_int_t)db_int(st, 0),
					 "period", period, "candidates", (json_int_t)db_int(st, 3), "score",
					 score, "grade", grade, "decision", decision, "indicators", why));
	}
	return db_finish(st, e);
}

/* ---- the table of sections ---- */

static const struct export_col cols_kv[] = {{"label", "项目"}, {"value", "内容"}};
static const struct export_col cols_scopes[] = {
	{"occupation_code", "职业编码"}, {"occupation", "职业（工种）"}, {"levels", "等级"}};
static const struct export_col cols_changes[] = {
	{"at", "时间"}, {"kind", "事项"}, {"change", "内容"}, {"actor", "操作人"}};
static const struct export_col cols_status[] = {
	{"status_date", "日期"}, {"status", "状态"}, {"reason", "原因"}, {"at", "记录时间"}};
static const struct export_col cols_inspections[] = {
	{"id", "编号"},	      {"signed_at", "签署时间"},    {"sitting", "考场"},
	{"plan", "认定计划"}, {"supervisor", "督导员"},	    {"nonconform", "不符合"},
	{"conform", "符合"},  {"not_applicable", "不适用"}, {"classes", "问题分类"},
	{"evidence", "证据"}, {"corrects", "更正"},
};
static const struct export_col cols_complaints[] = {
	{"id", "编号"},	     {"received_on", "收到日期"}, {"category", "类别"},	      {"status", "状态"},
	{"outcome", "结论"}, {"reply_due", "答复期限"},	  {"decided_on", "办结日期"},
};
static const struct export_col cols_rect[] = {
	{"inspection_id", "检查编号"}, {"item", "检查项目"},	  {"finding", "问题"},
	{"opened_on", "下达日期"},     {"term", "整改期限"},	  {"status", "状态"},
	{"overdue", "超期"},	       {"closed_on", "销号日期"}, {"evidence", "证据"},
};
static const struct export_col cols_revoking[] = {
	{"confirmed_on", "确认日期"},
	{"inspection_id", "检查编号"},
	{"situation", "撤销备案情形"},
	{"reason", "理由"},
	{"effect", "处理"},
};
static const struct export_col cols_assess[] = {
	{"period", "评估期间"}, {"candidates", "参评人数"}, {"score", "得分"},
	{"grade", "等次"},	{"decision", "结论"},	    {"indicators", "各项指标"},
};
static const struct export_col cols_credit[] = {
	{"from_date", "起始"}, {"until_date", "截止"}, {"kind", "类别"},   {"reason", "事由"},
	{"effect", "限制"},    {"state", "状态"},      {"source", "来源"},
};
static const struct export_col cols_anomalies[] = {
	{"found_at", "发现时间"}, {"sitting", "考场"}, {"plan", "认定计划"},
	{"detail", "情况"},	  {"status", "复核"},  {"reviewed_at", "复核时间"},
};

#define COLS(c) c, ARRAY_LEN(c)
const struct archive_section archive_sections[] = {
	{"filing", "备案信息", "机构的备案登记与当前状态", COLS(cols_kv), fill_filing},
	{"scopes", "备案范围", "现行备案的职业（工种）与等级", COLS(cols_scopes), fill_scopes},
	{"scope_changes", "备案与范围变更", "审计档案中的备案、备案范围与机构信息变更记录",
	 COLS(cols_changes), fill_changes},
	{"status_history", "状态变更", "备案、暂停、退出的历次变更", COLS(cols_status), fill_status},
	{"inspections", "督导检查", "已签署的督导检查记录及其问题数（草稿不计入）", COLS(cols_inspections),
	 fill_inspections},
	{"rectifications", "整改", "督导检查“不符合”项下达的整改，期限按工作日计算", COLS(cols_rect),
	 fill_rectifications},
	{"revoking", "撤销备案情形", "人社部门确认的撤销备案情形（确认即暂停备案）", COLS(cols_revoking),
	 fill_revoking},
	{"assessments", "定期评估", "已公布的定期评估：得分、等次、结论与逐项指标（草稿不计入）",
	 COLS(cols_assess), fill_assessments},
	{"complaints", "投诉举报", "涉及本机构的投诉举报；不含投诉人身份与投诉内容", COLS(cols_complaints),
	 fill_complaints},
	{"anomalies", "异常情况", "考场答卷雷同标记及其复核；系统未记录监考异常事件", COLS(cols_anomalies),
	 fill_anomalies},
	{"credit", "信用档案", "本机构的信用事件：有效、已过期与已撤回的均在内", COLS(cols_credit),
	 fill_credit},
};
const size_t archive_nsections = ARRAY_LEN(archive_sections);

/* ---- the archive ---- */

json_t *quality_archive_json(db *d, const principal *a, int64_t institution_id, err *e)
{
	if (scope_check(d, a, SE_QUALITY_ARCHIVE, institution_id, SCOPE_READ, NULL, e) != 0)
		return NULL;
	db_read_begin(d); /* one snapshot for every section */
	json_t *inst = NULL, *sections = json_array();
	db_stmt *st =
		db_query(d,
			 "SELECT i.id, i.name, i.credit_code, i.region_code, COALESCE(r.name, ''), i.status "
			 "FROM institutions i LEFT JOIN regions r ON r.code = i.region_code WHERE i.id = $1",
			 DB_ARGS(DV_I(institution_id)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1)
		inst = json_pack("{s:I,s:o,s:o,s:o,s:o,s:o,s:s}", "id", (json_int_t)db_int(st, 0), "name",
				 txt(st, 1), "credit_code", txt(st, 2), "region_code", txt(st, 3),
				 "region_name", txt(st, 4), "status", txt(st, 5), "status_name",
				 inst_status_name(db_text(st, 5)));
	db_done(st);
	if (row == 0)
		err_set(e, 404, "not_found", NULL, "评价机构不存在", "no such institution");
	for (size_t k = 0; inst && k < archive_nsections; k++) {
		const struct archive_section *s = &archive_sections[k];
		json_t *items = json_array(), *cols = json_array();
		if (s->fill(d, institution_id, items, e) != 0) {
			json_decref(items);
			json_decref(cols);
			json_decref(inst);
			inst = NULL;
			break;
		}
		for (size_t c = 0; c < s->ncols; c++)
			json_array_append_new(cols, json_pack("{s:s,s:s}", "key", s->cols[c].key, "title",
							      s->cols[c].title));
		json_array_append_new(sections,
				      json_pack("{s:s,s:s,s:s,s:o,s:I,s:o}", "key", s->key, "title", s->title,
						"note", s->note, "columns", cols, "count",
						(json_int_t)json_array_size(items), "items", items));
	}
	db_read_end(d);
	if (!inst) {
		json_decref(sections);
		return NULL;
	}
	char now[20];
	at_text(now_s(), now);
	return json_pack("{s:o,s:s,s:o}", "institution", inst, "generated_at", now, "sections", sections);
}

struct export_ctx {
	int64_t id;
	json_t *detail; /* taken by tx_audit */
};

static int export_work(tx *t, void *ctx, err *e)
{
	(void)e;
	struct export_ctx *c = ctx;
	tx_audit(t, "quality_archive.export", "institution", c->id, c->detail);
	c->detail = NULL;
	return 0;
}

int quality_archive_pdf(db *d, const principal *a, int64_t institution_id, char **pdf, size_t *len,
			char *filename, size_t fnlen, err *e)
{
	json_t *o = quality_archive_json(d, a, institution_id, e);
	if (!o)
		return -1;
	*pdf = NULL;
	int rc = archive_pdf(o, pdf, len, e);
	if (rc == 0) {
		/* the export is audited like the house's other documents (the finance workbooks, the bank
		 * file): who took which archive when, its sections' counts and the PDF's SM3, so a printed
		 * copy can be matched to its record */
		uint8_t dg[32];
		char hex[65];
		sm3_digest(*pdf, *len, dg);
		for (int i = 0; i < 32; i++)
			snprintf(hex + 2 * i, 3, "%02x", dg[i]);
		json_t *counts = json_object(), *sec;
		size_t i;
		json_array_foreach(json_object_get(o, "sections"), i, sec)
			json_object_set(counts, json_string_value(json_object_get(sec, "key")),
					json_object_get(sec, "count"));
		struct export_ctx c = {.id = institution_id,
				       .detail = json_pack("{s:s,s:s,s:I,s:o}", "format", "pdf", "sm3", hex,
							   "bytes", (json_int_t)*len, "sections", counts)};
		rc = svc_tx(d, a, export_work, &c, e);
		json_decref(c.detail);
		if (rc != 0) {
			free(*pdf);
			*pdf = NULL;
		}
	}
	snprintf(filename, fnlen, "quality-archive-%lld.pdf", (long long)institution_id);
	json_decref(o);
	return rc;
}
