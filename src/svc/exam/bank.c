/* bank.c: the item bank (题库): writing and revising items (a revision is a new item replacing the old),
 * lists */
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

static const char *const kinds[] = {"single", "multi", "judge"};

int exam_kind_index(const char *k)
{
	for (int i = 0; k && i < 3; i++)
		if (!strcmp(k, kinds[i]))
			return i;
	return -1;
}

/* the canonical answer: sorted distinct letters within the options */
int exam_norm_answer(const char *in, int nopts, char out[9])
{
	bool have[8] = {false};
	for (const char *c = in ? in : ""; *c; c++) {
		int k = *c >= 'a' ? *c - 'a' : *c - 'A';
		if (k < 0 || k >= nopts)
			return -1;
		have[k] = true;
	}
	int n = 0;
	for (int k = 0; k < 8; k++)
		if (have[k])
			out[n++] = (char)('A' + k);
	out[n] = 0;
	return n;
}

struct item_ctx {
	const struct item_draft *in;
	int64_t inst, replaces, id; /* id: out */
	int kind;
	size_t nopts;
	const char *ans;
};

/* a new version retires the one it replaces in the same transaction */
static int item_work(tx *t, void *ctx, err *e)
{
	struct item_ctx *c = ctx;
	const struct item_draft *in = c->in;
	const principal *a = t->a;
	db *d = t->d;
	int64_t inst = c->inst, replaces = c->replaces;
	int kind = c->kind;
	size_t nopts = c->nopts;
	const char *ans = c->ans;
	bool staff = a->role == ROLE_INSTITUTION_ADMIN || a->role == ROLE_INSTITUTION_STAFF;
	int64_t key = 0, version = 1;
	if (replaces > 0) {
		db_stmt *st = db_query(d,
				       "SELECT item_key, version, COALESCE(institution_id, 0) FROM items "
				       "WHERE id = $1 AND active = 1",
				       DB_ARGS(DV_I(replaces)), e);
		if (st && db_step(st) == DB_ROW) {
			key = db_int(st, 0);
			version = db_int(st, 1) + 1;
			inst = db_int(st, 2);
		}
		db_done(st);
		if (key && staff && inst != a->institution_id)
			key = 0; /* another bank's item is not there for institution staff */
		if (!key)
			return err_set(e, 404, "not_found", NULL, "试题不存在或已被新版本取代",
				       "no such current item");
		if (db_run(d, "UPDATE items SET active = 0 WHERE id = $1", DB_ARGS(DV_I(replaces)), e) < 0)
			return -1;
	}
	json_t *oj = json_array();
	for (size_t i = 0; i < nopts; i++)
		json_array_append_new(oj, json_string(in->options[i]));
	char *opts = json_dumps(oj, JSON_COMPACT);
	json_decref(oj);
	db_stmt *st = db_query(
		d,
		"INSERT INTO items (item_key, version, occupation_code, level, kind, area, "
		"stem, options, answer, "
		"points, created_by, created_at, knowledge_code, institution_id) VALUES "
		"($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14) RETURNING id",
		DB_ARGS(key ? DV_I(key) : DV_NULL, DV_I(version), DV_S(in->occupation_code), DV_I(in->level),
			DV_S(kinds[kind]), DV_S(in->area), DV_S(in->stem), DV_S(opts), DV_S(ans),
			DV_D(in->points), a->user_id ? DV_I(a->user_id) : DV_NULL, DV_I(now_s()),
			DV_S(in->knowledge_code ? in->knowledge_code : ""), inst ? DV_I(inst) : DV_NULL),
		e);
	free(opts);
	int64_t id = st && db_step(st) == DB_ROW ? db_int(st, 0) : 0;
	if (db_finish(st, e) != 0 || !id ||
	    (!key && db_run(d, "UPDATE items SET item_key = id WHERE id = $1", DB_ARGS(DV_I(id)), e) < 0))
		return -1;
	c->id = id;
	tx_audit(t, replaces ? "item.revise" : "item.create", "item", id,
		 json_pack("{s:s,s:i,s:I,s:I}", "occupation_code", in->occupation_code, "version",
			   (int)version, "replaces", (json_int_t)replaces, "institution_id",
			   (json_int_t)inst));
	return 0;
}

int64_t item_save(db *d, const principal *a, const struct item_draft *in, int64_t replaces, err *e)
{
	if (a->role != ROLE_PROVINCE_ADMIN && a->role != ROLE_INSTITUTION_ADMIN &&
	    a->role != ROLE_INSTITUTION_STAFF)
		return err_set(e, 403, "forbidden", NULL, "只有评价机构或省级管理员可以维护题库",
			       "only institutions and the province edit the bank");
	int kind = exam_kind_index(in->kind);
	if (kind < 0)
		return err_set(e, 422, "invalid_value", "kind", "题型应为 single、multi 或 judge",
			       "kind is single, multi or judge");
	if (!in->occupation_code || in->level < 1 || in->level > 5)
		return err_set(e, 422, "missing_field", "occupation_code", "缺少职业编码或等级",
			       "occupation_code and level 1..5 are required");
	if (check_text(in->stem, "stem", 2000, true, e) != 0 ||
	    check_text(in->area, "area", 40, true, e) != 0)
		return -1;
	size_t nopts = in->options ? in->noptions : 0;
	if (kind == 2 ? nopts != 2 : (nopts < 2 || nopts > 8))
		return err_set(e, 422, "invalid_options", "options",
			       "选择题应有 2 到 8 个选项，判断题为“对”“错”两项",
			       "choice items have 2 to 8 options; true/false items exactly two");
	for (size_t i = 0; i < nopts; i++)
		if (check_text(in->options[i], "options", 500, true, e) != 0)
			return err_set(e, 422, "invalid_options", "options", "选项应为非空文字",
				       "options are non-empty texts");
	char ans[9];
	int na = exam_norm_answer(in->answer, (int)nopts, ans);
	if (na < 1 || (kind != 1 && na != 1) || (kind == 1 && na < 2))
		return err_set(e, 422, "invalid_answer", "answer",
			       "答案应为选项字母（单选、判断一个，多选至少两个）",
			       "the answer is option letters: one for single and true/false items, two or "
			       "more for multiple");
	if (!(in->points > 0 && in->points <= 100))
		return err_set(e, 422, "invalid_value", "points", "分值应大于 0 且不超过 100",
			       "points must be in (0, 100]");
	if (in->knowledge_code && check_text(in->knowledge_code, "knowledge_code", 20, false, e) != 0)
		return -1;
	int64_t inst = in->institution_id;
	bool staff = a->role == ROLE_INSTITUTION_ADMIN || a->role == ROLE_INSTITUTION_STAFF;
	if (staff && inst != a->institution_id)
		return err_set(e, 403, "outside_scope", "institution_id", "只能维护本机构的题库",
			       "institution staff edit only their own institution's bank");
	if (inst > 0) { /* an unknown institution is 404 (as for the import), not the foreign key's 409 */
		int64_t known = 0;
		if (db_one_int(d, "SELECT COUNT(*) FROM institutions WHERE id = $1", DB_ARGS(DV_I(inst)),
			       &known, e) != DB_OK)
			return -1;
		if (!known)
			return err_set(e, 404, "not_found", "institution_id", "机构不存在",
				       "no such institution");
	}
	int64_t levels = 0;
	int orc = db_one_int(d, "SELECT levels FROM occupations WHERE code = $1",
			     DB_ARGS(DV_S(in->occupation_code)), &levels, e);
	if (orc == DB_NOT_FOUND)
		return err_set(e, 422, "unknown_occupation", "occupation_code", "职业编码不存在：%s",
			       "unknown occupation code %s", in->occupation_code);
	if (orc != DB_OK)
		return -1;
	struct item_ctx c = {
		.in = in, .inst = inst, .replaces = replaces, .kind = kind, .nopts = nopts, .ans = ans};
	return svc_tx(d, a, item_work, &c, e) == 0 ? c.id : -1;
}

/* the bank is read by its editors and the supervisors who audit it; only the current versions */
static int item_list_where(query *w, const principal *a, const char *const *vals, err *e)
{
	(void)vals;
	if (a->role != ROLE_PROVINCE_ADMIN && a->role != ROLE_INSTITUTION_ADMIN &&
	    a->role != ROLE_INSTITUTION_STAFF && a->role != ROLE_SUPERVISOR)
		return err_set(e, 403, "forbidden", NULL, "无权查看题库", "you may not read the item bank");
	q_and(w, "active = 1", DV_NULL);
	return 0;
}

/* answer keys are the bank's secret: its editors (the province, the owning institution) get them;
 * supervisors, who audit the banks, get the items without the answer field */
static int item_list_keys(db *d, const principal *a, json_t *items, err *e)
{
	(void)d, (void)e;
	size_t i;
	json_t *it;
	if (a->role == ROLE_SUPERVISOR)
		json_array_foreach(items, i, it) json_object_del(it, "answer");
	return 0;
}

static json_t *item_view_keyed(db_stmt *st)
{
	return item_view(st, true);
}

static const struct list_filter item_filters[] = {
	{"occupation_code", "occupation_code = ?", LIST_EQ, 0, NULL},
	{"level", "level = ?", LIST_ID, 0, NULL},
};
const struct list_spec item_list = {
	.name = "items",
	.scoped = true,
	.entity = SE_ITEM,
	.count_sql = "SELECT COUNT(*) FROM items it",
	.select_sql = "SELECT " ITEM_VIEW_COLS " FROM items it",
	.order = "id",
	LIST_FILTERS(item_filters),
	.view = item_view_keyed,
	.where = item_list_where,
	.after = item_list_keys,
};
