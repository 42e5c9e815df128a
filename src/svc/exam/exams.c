/* exams.c: item bank, blueprints, sittings and attempts (see exams.h) */
#include "util/common.h"
#include "svc/exam/exams.h"
#include "svc/exam/invigilation.h"
#include "core/paper.h"
#include "crypto/token.h"
#include "svc/registry/standards.h"

#define MAX_PAPER 300
#define GRACE_S	  EXAM_GRACE_S

static const char *const kinds[] = {"single", "multi", "judge"};

static int kind_index(const char *k)
{
	for (int i = 0; k && i < 3; i++)
		if (!strcmp(k, kinds[i]))
			return i;
	return -1;
}

/* the canonical answer: sorted distinct letters within the options */
static int norm_answer(const char *in, int nopts, char out[9])
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

int64_t item_create(db *d, const principal *a, const struct item_input *in, int64_t replaces, err *e)
{
	if (a->role != ROLE_PROVINCE_ADMIN && a->role != ROLE_INSTITUTION_ADMIN &&
	    a->role != ROLE_INSTITUTION_STAFF)
		return err_set(e, 403, "forbidden", NULL, "只有评价机构或省级管理员可以维护题库",
			       "only institutions and the province edit the bank");
	int kind = kind_index(in->kind);
	if (kind < 0)
		return err_set(e, 422, "invalid_value", "kind", "题型应为 single、multi 或 judge",
			       "kind is single, multi or judge");
	if (!in->occupation_code || in->level < 1 || in->level > 5)
		return err_set(e, 422, "missing_field", "occupation_code", "缺少职业编码或等级",
			       "occupation_code and level 1..5 are required");
	if (check_text(in->stem, "stem", 2000, true, e) != 0 ||
	    check_text(in->area, "area", 40, true, e) != 0)
		return -1;
	size_t nopts = json_is_array(in->options) ? json_array_size(in->options) : 0;
	if (kind == 2 ? nopts != 2 : (nopts < 2 || nopts > 8))
		return err_set(e, 422, "invalid_options", "options",
			       "选择题应有 2 到 8 个选项，判断题为“对”“错”两项",
			       "choice items have 2 to 8 options; true/false items exactly two");
	for (size_t i = 0; i < nopts; i++)
		if (!json_is_string(json_array_get(in->options, i)) ||
		    check_text(json_string_value(json_array_get(in->options, i)), "options", 500, true, e) !=
			    0)
			return err_set(e, 422, "invalid_options", "options", "选项应为非空文字",
				       "options are non-empty texts");
	char ans[9];
	int na = norm_answer(in->answer, (int)nopts, ans);
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
	int64_t levels = 0;
	int orc = db_one_int(d, "SELECT levels FROM occupations WHERE code = $1",
			     DB_ARGS(DV_S(in->occupation_code)), &levels, e);
	if (orc == DB_NOT_FOUND)
		return err_set(e, 422, "unknown_occupation", "occupation_code", "职业编码不存在：%s",
			       "unknown occupation code %s", in->occupation_code);
	if (orc != DB_OK)
		return -1;
	if (db_begin(d, e) != 0)
		return -1;
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
		if (!key) {
			tx_fail(d);
			return err_set(e, 404, "not_found", NULL, "试题不存在或已被新版本取代",
				       "no such current item");
		}
		if (db_run(d, "UPDATE items SET active = 0 WHERE id = $1", DB_ARGS(DV_I(replaces)), e) < 0)
			return tx_fail(d);
	}
	char *opts = json_dumps(in->options, JSON_COMPACT);
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
		return tx_fail(d);
	char ids[24];
	json_t *det =
		json_pack("{s:s,s:i,s:I,s:I}", "occupation_code", in->occupation_code, "version",
			  (int)version, "replaces", (json_int_t)replaces, "institution_id", (json_int_t)inst);
	int arc = audit_append(d, a, replaces ? "item.revise" : "item.create", "item", id_text(id, ids), det,
			       e);
	json_decref(det);
	if (arc != 0 || db_commit(d, e) != 0)
		return tx_fail(d);
	return id;
}

json_t *item_list_json(db *d, const principal *a, const char *occ, int level, int64_t limit, int64_t offset,
		       err *e)
{
	if (a->role != ROLE_PROVINCE_ADMIN && a->role != ROLE_INSTITUTION_ADMIN &&
	    a->role != ROLE_INSTITUTION_STAFF && a->role != ROLE_SUPERVISOR)
		return err_set(e, 403, "forbidden", NULL, "无权查看题库", "you may not read the item bank"),
		       NULL;
	query w;
	q_init(&w, "");
	q_and(&w, "active = 1", DV_NULL);
	if (occ)
		q_and(&w, "occupation_code = ?", DV_S(occ));
	if (level > 0)
		q_and(&w, "level = ?", DV_I(level));
	scope_where(&w, a, SE_ITEM, SCOPE_READ);
	int64_t total = 0;
	db_stmt *st = q_page(d, &w, "SELECT COUNT(*) FROM items it",
			     "SELECT id, item_key, version, occupation_code, level, kind, area, stem, "
			     "options, answer, points, knowledge_code, institution_id FROM items it",
			     "id", limit, offset, &total, e);
	q_free(&w);
	if (!st)
		return NULL;
	/* answer keys are the bank's secret: its editors (the province, the owning institution) get them;
	 * supervisors, who audit the banks, get the items without the answer field */
	bool keys = a->role != ROLE_SUPERVISOR;
	json_t *items = json_array();
	while (db_step(st) == DB_ROW) {
		json_t *it = json_pack("{s:I,s:I,s:i,s:s,s:i,s:s,s:s,s:s,s:s,s:o,s:f,s:o}", "id",
				       (json_int_t)db_int(st, 0), "item_key", (json_int_t)db_int(st, 1),
				       "version", (int)db_int(st, 2), "occupation_code", db_text(st, 3),
				       "level", (int)db_int(st, 4), "kind", db_text(st, 5), "area",
				       db_text(st, 6), "knowledge_code", db_text(st, 11), "stem",
				       db_text(st, 7), "options", json_loads(db_text(st, 8), 0, NULL),
				       "points", db_double(st, 10), "institution_id",
				       db_isnull(st, 12) ? json_null() : json_integer(db_int(st, 12)));
		if (keys)
			json_object_set_new(it, "answer", json_string(db_text(st, 9)));
		json_array_append_new(items, it);
	}
	if (db_finish(st, e) != 0) {
		json_decref(items);
		return NULL;
	}
	return json_pack("{s:o,s:I}", "items", items, "total", (json_int_t)total);
}

/* the owner whose blueprint a principal reads and writes: an institution its own (0 = none for others) */
static int64_t blueprint_owner(const principal *a)
{
	return a->role == ROLE_INSTITUTION_ADMIN || a->role == ROLE_INSTITUTION_STAFF ? a->institution_id : 0;
}

/* the blueprint that applies to an institution: its own when it has one, else the province-wide one */
static const char *const BLUEPRINT_FOR =
	"SELECT area, kind, count, institution_id FROM blueprints WHERE occupation_code = $1 AND level = $2 "
	"AND "
	"institution_id = (SELECT COALESCE(MAX(b2.institution_id), 0) FROM blueprints b2 WHERE "
	"b2.occupation_code = $1 "
	"AND b2.level = $2 AND b2.institution_id IN (0, $3)) ORDER BY area, kind";

json_t *blueprint_get_json(db *d, const principal *a, const char *occ, int level, err *e)
{
	if (!occ || level < 1 || level > 5)
		return err_set(e, 422, "invalid_value", "level", "应给出职业编码和等级（1 到 5）",
			       "occupation_code and level (1..5) are required"),
		       NULL;
	db_stmt *st =
		db_query(d, BLUEPRINT_FOR, DB_ARGS(DV_S(occ), DV_I(level), DV_I(blueprint_owner(a))), e);
	if (!st)
		return NULL;
	json_t *cells = json_array();
	int64_t owner = 0;
	while (db_step(st) == DB_ROW) {
		json_array_append_new(cells, json_pack("{s:s,s:s,s:I}", "area", db_text(st, 0), "kind",
						       db_text(st, 1), "count", (json_int_t)db_int(st, 2)));
		owner = db_int(st, 3);
	}
	if (db_finish(st, e) != 0) {
		json_decref(cells);
		return NULL;
	}
	return json_pack("{s:s,s:i,s:o,s:o}", "occupation_code", occ, "level", level, "cells", cells,
			 "institution_id", owner ? json_integer(owner) : json_null());
}

int blueprint_set(db *d, const principal *a, const char *occ, int level, json_t *cells, err *e)
{
	/* blueprints are owned: the province-wide one by the province, an institution's own by it */
	if (a->role != ROLE_PROVINCE_ADMIN && a->role != ROLE_INSTITUTION_ADMIN &&
	    a->role != ROLE_INSTITUTION_STAFF)
		return err_set(e, 403, "forbidden", NULL, "无权设置组卷蓝图", "you may not set blueprints");
	if (!occ || level < 1 || level > 5 || !json_is_array(cells) || !json_array_size(cells))
		return err_set(e, 422, "invalid_value", "cells", "应给出职业、等级和非空的蓝图单元",
			       "occupation, level and a non-empty cells array are required");
	int64_t owner = blueprint_owner(a);
	if (scope_check(d, a, SE_BLUEPRINT, owner, SCOPE_WRITE, NULL, e) != 0)
		return -1;
	if (owner) {
		/* an institution's own blueprint only for an occupation and level it is filed for */
		int64_t filed = 0;
		if (db_one_int(d,
			       "SELECT COUNT(*) FROM institution_scopes WHERE institution_id = $1 AND "
			       "occupation_code = $2 "
			       "AND (levels / $3) % 2 = 1",
			       DB_ARGS(DV_I(owner), DV_S(occ), DV_I((int64_t)1 << level)), &filed, e) < 0)
			return -1;
		if (!filed)
			return err_set(e, 403, "outside_filed_scope", "occupation_code",
				       "该职业（等级）不在机构备案范围内，不能设置组卷蓝图",
				       "the occupation and level are outside the institution's filed scope");
	}
	if (db_begin(d, e) != 0)
		return -1;
	if (db_run(d,
		   "DELETE FROM blueprints WHERE institution_id = $1 AND occupation_code = $2 AND level = $3",
		   DB_ARGS(DV_I(owner), DV_S(occ), DV_I(level)), e) < 0)
		return tx_fail(d);
	size_t i;
	json_t *c;
	json_array_foreach(cells, i, c)
	{
		const char *area = jreq(c, "area", e), *kind = jreq(c, "kind", e);
		int64_t count = jint(c, "count", 0, e);
		if (err_isset(e) || kind_index(kind) < 0 || count < 1 || count > 200) {
			if (!err_isset(e))
				err_set(e, 422, "invalid_value", "cells",
					"蓝图单元应为 {area, kind, count(1..200)}",
					"cells are {area, kind, count 1..200}");
			return tx_fail(d);
		}
		if (db_run(d,
			   "INSERT INTO blueprints (institution_id, occupation_code, level, area, kind, "
			   "count) VALUES "
			   "($1,$2,$3,$4,$5,$6)",
			   DB_ARGS(DV_I(owner), DV_S(occ), DV_I(level), DV_S(area), DV_S(kind), DV_I(count)),
			   e) < 0)
			return tx_fail(d);
	}
	json_t *det = json_pack("{s:s,s:i,s:O,s:o}", "occupation_code", occ, "level", level, "cells", cells,
				"institution_id", owner ? json_integer(owner) : json_null());
	int arc = audit_append(d, a, "blueprint.set", "blueprint", occ, det, e);
	json_decref(det);
	if (arc != 0 || db_commit(d, e) != 0)
		return tx_fail(d);
	return 0;
}

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

int64_t sitting_create(db *d, const principal *a, int64_t plan_id, const char *room, int64_t starts_at,
		       int minutes, json_t *invigilators, err *e)
{
	if (check_text(room, "room", 50, true, e) != 0)
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
	if (db_begin(d, e) != 0)
		return -1;
	/* the plan's state, checked inside the transaction and held (the row lock of a no-op update): a plan
	 * that is closed meanwhile gets no new sitting */
	int64_t held = db_run(
		d, "UPDATE plans SET status = status WHERE id = $1 AND status IN ('open', 'examining')",
		DB_ARGS(DV_I(plan_id)), e);
	if (held < 0)
		return tx_fail(d);
	if (held == 0) {
		tx_fail(d);
		return err_set(e, 409, "invalid_state", NULL, "计划须在报名或考试阶段才能安排考场",
			       "the plan must be open or examining");
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
		return tx_fail(d);
	}
	if (invigilators && invigilators_replace(d, id, inst, invigilators, e) != 0)
		return tx_fail(d);
	char ids[24];
	json_t *det =
		json_pack("{s:I,s:s,s:I,s:i,s:O?}", "plan_id", (json_int_t)plan_id, "room", room, "starts_at",
			  (json_int_t)starts_at, "minutes", minutes, "invigilators", invigilators);
	int arc = audit_append(d, a, "sitting.create", "sitting", id_text(id, ids), det, e);
	json_decref(det);
	if (arc != 0 || db_commit(d, e) != 0)
		return tx_fail(d);
	return id;
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
	if (db_begin(d, e) != 0)
		return -1;
	if (invigilators_admit_check(d, sitting_id, e) != 0)
		return tx_fail(d);
	int64_t person = 0;
	char rstatus[16] = "", occ[16] = "";
	int level = 0;
	db_stmt *st = db_query(d,
			       "SELECT g.person_id, g.status, p.occupation_code, p.level FROM registrations "
			       "g JOIN plans p ON p.id = "
			       "g.plan_id WHERE g.id = $1 AND g.plan_id = $2",
			       DB_ARGS(DV_I(reg_id), DV_I(plan)), e);
	if (st && db_step(st) == DB_ROW) {
		person = db_int(st, 0);
		snprintf(rstatus, sizeof rstatus, "%s", db_text(st, 1));
		snprintf(occ, sizeof occ, "%s", db_text(st, 2));
		level = (int)db_int(st, 3);
	}
	db_done(st);
	if (!person || strcmp(rstatus, "approved")) {
		tx_fail(d);
		return person ? err_set(e, 409, "not_approved", "registration_id", "报名未通过资格审核",
					"the registration is not approved")
			      : err_set(e, 404, "not_found", "registration_id", "本计划无此报名",
					"no such registration in this plan");
	}
	/* the bank (any size) and the blueprint */
	struct bank_item *bank = NULL;
	char areas[64][41];
	int nareas = 0;
	size_t nbank = 0, bankcap = 0;
	st = db_query(d,
		      "SELECT id, area, kind, options FROM items WHERE occupation_code = $1 AND level = $2 "
		      "AND active = 1 AND (institution_id IS NULL OR institution_id = $3)",
		      DB_ARGS(DV_S(occ), DV_I(level), DV_I(inst)), e);
	if (!st)
		return tx_fail(d);
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
						   .kind = kind_index(db_text(st, 2)),
						   .noptions = (int)json_array_size(opts)};
		json_decref(opts);
	}
	if (db_finish(st, e) != 0) {
		free(bank);
		return tx_fail(d);
	}
	struct blueprint_cell cells[64];
	size_t ncells = 0;
	bool too_many = false;
	st = db_query(d, BLUEPRINT_FOR, DB_ARGS(DV_S(occ), DV_I(level), DV_I(inst)), e);
	while (st && db_step(st) == DB_ROW) {
		if (ncells == ARRAY_LEN(cells)) {
			too_many = true; /* never cut a blueprint short: refuse it */
			break;
		}
		int ai = -1;
		for (int k = 0; k < nareas; k++)
			if (!strcmp(areas[k], db_text(st, 0)))
				ai = k;
		cells[ncells++] = (struct blueprint_cell){ai < 0 ? 999 : ai, kind_index(db_text(st, 1)),
							  (int)db_int(st, 2)};
	}
	if (!st || db_finish(st, e) != 0) {
		free(bank);
		return tx_fail(d);
	}
	if (too_many) {
		free(bank);
		tx_fail(d);
		return err_set(e, 409, "blueprint_too_large", NULL, "组卷蓝图超过 %zu 个单元，无法组卷",
			       "the blueprint has more than %zu cells", ARRAY_LEN(cells));
	}
	if (!ncells) {
		free(bank);
		tx_fail(d);
		return err_set(e, 409, "no_blueprint", NULL, "该职业等级尚未设置组卷蓝图",
			       "no blueprint for this occupation and level");
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
		return tx_fail(d);
	}
	struct paper_item paper[MAX_PAPER];
	int short_cell = -1,
	    n = paper_assemble(bank, nbank, cells, ncells, random_u64(), paper, MAX_PAPER, &short_cell);
	free(bank);
	if (n < 0) {
		tx_fail(d);
		return err_set(e, 409, "bank_too_small", NULL, "题库试题不足，无法按蓝图组卷",
			       "the bank cannot meet the blueprint");
	}
	json_t *pj = json_array();
	for (int i = 0; i < n; i++) {
		json_t *ord = json_array();
		for (int o = 0; o < paper[i].noptions; o++)
			json_array_append_new(ord, json_integer(paper[i].order[o]));
		json_array_append_new(
			pj, json_pack("{s:I,s:o}", "item", (json_int_t)paper[i].item_id, "order", ord));
	}
	char *ptxt = json_dumps(pj, JSON_COMPACT);
	json_decref(pj);
	for (int i = 0; i < n; i++)
		if (db_run(d,
			   "INSERT INTO item_exposure (sitting_id, item_id, uses) VALUES ($1,$2,1) ON "
			   "CONFLICT (sitting_id, item_id) DO "
			   "UPDATE SET uses = item_exposure.uses + 1",
			   DB_ARGS(DV_I(sitting_id), DV_I(paper[i].item_id)), e) < 0) {
			free(ptxt);
			return tx_fail(d);
		}
	st = db_query(d,
		      "INSERT INTO attempts (sitting_id, registration_id, person_id, status, paper, "
		      "created_at) VALUES "
		      "($1,$2,$3,'admitted',$4,$5) RETURNING id",
		      DB_ARGS(DV_I(sitting_id), DV_I(reg_id), DV_I(person), DV_S(ptxt), DV_I(now_s())), e);
	free(ptxt);
	int rc = st ? db_step(st) : DB_ERROR;
	int64_t id = rc == DB_ROW ? db_int(st, 0) : 0;
	db_done(st);
	if (!id) {
		tx_fail(d);
		if (rc == DB_CONFLICT)
			err_set(e, 409, "already_admitted", "registration_id", "该考生已检录",
				"the candidate is already admitted");
		return -1;
	}
	char ids[24];
	json_t *det = json_pack("{s:I,s:I,s:i}", "sitting_id", (json_int_t)sitting_id, "registration_id",
				(json_int_t)reg_id, "items", n);
	int arc = audit_append(d, a, "attempt.admit", "attempt", id_text(id, ids), det, e);
	json_decref(det);
	if (arc != 0 || db_commit(d, e) != 0)
		return tx_fail(d);
	return id;
}

json_t *sitting_list_json(db *d, const principal *a, int64_t plan_id, err *e)
{
	/* the plan must be readable; its rooms are then those of the sitting scope (an examiner: the ones it
	 * invigilates) */
	if (scope_check(d, a, SE_PLAN, plan_id, SCOPE_READ, NULL, e) != 0)
		return NULL;
	query q;
	q_init(&q, "SELECT s.id, s.room, s.starts_at, s.minutes, "
		   "(SELECT COUNT(*) FROM attempts t WHERE t.sitting_id = s.id), "
		   "(SELECT COUNT(*) FROM attempts t WHERE t.sitting_id = s.id AND t.status = 'started'), "
		   "(SELECT COUNT(*) FROM attempts t WHERE t.sitting_id = s.id AND t.status = 'submitted'), "
		   "(SELECT COUNT(*) FROM sitting_invigilators v WHERE v.sitting_id = s.id), "
		   "(SELECT COUNT(*) FROM sitting_analyses n WHERE n.sitting_id = s.id) "
		   "FROM sittings s JOIN plans p ON p.id = s.plan_id JOIN institutions i ON i.id = "
		   "p.institution_id");
	q_and(&q, "s.plan_id = ?", DV_I(plan_id));
	scope_where(&q, a, SE_SITTING, SCOPE_READ);
	q_sql(&q, " ORDER BY s.id");
	db_stmt *st = q_query(d, &q, e);
	q_free(&q);
	if (!st)
		return NULL;
	json_t *items = json_array();
	while (db_step(st) == DB_ROW)
		json_array_append_new(
			items,
			json_pack("{s:I,s:s,s:I,s:i,s:I,s:I,s:I,s:I,s:b}", "id", (json_int_t)db_int(st, 0),
				  "room", db_text(st, 1), "starts_at", (json_int_t)db_int(st, 2), "minutes",
				  (int)db_int(st, 3), "admitted", (json_int_t)db_int(st, 4), "sitting",
				  (json_int_t)db_int(st, 5), "submitted", (json_int_t)db_int(st, 6),
				  "invigilators", (json_int_t)db_int(st, 7), "analysed", (int)db_int(st, 8)));
	if (db_finish(st, e) != 0) {
		json_decref(items);
		return NULL;
	}
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
	db_stmt *st = db_query(
		d,
		"SELECT t.id, t.person_id, p.name, t.status, t.deadline, t.extra_minutes, t.focus_losses, "
		"(SELECT COUNT(*) FROM answers w WHERE w.attempt_id = t.id), t.note, t.score FROM attempts t "
		"JOIN persons p ON "
		"p.id = t.person_id WHERE t.sitting_id = $1 ORDER BY t.id",
		DB_ARGS(DV_I(sitting_id)), e);
	if (!st)
		return NULL;
	json_t *items = json_array();
	int64_t now = now_s();
	while (db_step(st) == DB_ROW)
		json_array_append_new(
			items,
			json_pack("{s:I,s:I,s:s,s:s,s:I,s:i,s:i,s:i,s:s,s:o}", "attempt_id",
				  (json_int_t)db_int(st, 0), "person_id", (json_int_t)db_int(st, 1), "name",
				  db_text(st, 2), "status", db_text(st, 3), "seconds_left",
				  (json_int_t)(db_isnull(st, 4)	     ? 0
					       : db_int(st, 4) > now ? db_int(st, 4) - now
								     : 0),
				  "extra_minutes", (int)db_int(st, 5), "focus_losses", (int)db_int(st, 6),
				  "answered", (int)db_int(st, 7), "note", db_text(st, 8), "score",
				  db_isnull(st, 9) ? json_null() : json_real(db_double(st, 9))));
	if (db_finish(st, e) != 0) {
		json_decref(items);
		return NULL;
	}
	return json_pack("{s:o}", "items", items);
}

struct attempt {
	int64_t id, person, sitting, starts_at, deadline, inst;
	int minutes, extra;
	char status[12];
	json_t *paper;
};

static int load_attempt(db *d, const principal *a, int64_t id, bool own, struct attempt *t, err *e)
{
	memset(t, 0, sizeof *t);
	db_stmt *st = db_query(d,
			       "SELECT t.id, t.person_id, t.sitting_id, s.starts_at, COALESCE(t.deadline, "
			       "0), p.institution_id, "
			       "s.minutes, t.extra_minutes, t.status, t.paper FROM attempts t JOIN sittings "
			       "s ON s.id = t.sitting_id "
			       "JOIN plans p ON p.id = s.plan_id WHERE t.id = $1",
			       DB_ARGS(DV_I(id)), e);
	if (!st)
		return -1;
	int rc = db_step(st);
	int found = rc == DB_ROW;
	if (rc != DB_ROW && rc != DB_DONE) {
		db_done(st);
		return db_rc_to_err(d, rc, e); /* a database fault is 503, never "no such attempt" */
	}
	if (found) {
		t->id = db_int(st, 0);
		t->person = db_int(st, 1);
		t->sitting = db_int(st, 2);
		t->starts_at = db_int(st, 3);
		t->deadline = db_int(st, 4);
		t->inst = db_int(st, 5);
		t->minutes = (int)db_int(st, 6);
		t->extra = (int)db_int(st, 7);
		snprintf(t->status, sizeof t->status, "%s", db_text(st, 8));
		t->paper = db_isnull(st, 9) ? json_array() : json_loads(db_text(st, 9), 0, NULL);
	}
	db_done(st);
	/* own: the candidate's own attempt; otherwise the attempt's write scope (core/scope.c SE_ATTEMPT: an
	 * examiner only in a sitting it invigilates, the institution's staff, the province) */
	bool mine = a->role == ROLE_CANDIDATE && a->person_id == t->person;
	if (!found || (own && !mine) ||
	    (!own && scope_check(d, a, SE_ATTEMPT, id, SCOPE_WRITE, NULL, e) != 0)) {
		json_decref(t->paper);
		t->paper = NULL;
		return err_isset(e) ? -1
				    : err_set(e, 404, "not_found", NULL, "考试记录不存在", "no such attempt");
	}
	return 0;
}

/* the paper's keys and points, one per position, read before the write transaction that closes the
 * attempt (an item's key and points never change: a revision is a new item), so that transaction stays
 * short: grading once ran two queries per item inside it, ~600 for a long paper, while the autosave
 * committer waited for the same write lock. NULL with `e` set on failure; free() the result. */
struct paper_key {
	double pts;
	char key[16];
};

static struct paper_key *paper_keys(db *d, json_t *paper, err *e)
{
	size_t n = json_array_size(paper);
	struct paper_key *k = xcalloc(n ? n : 1, sizeof *k);
	if (!n)
		return k;
	query q;
	q_init(&q, "SELECT id, answer, points FROM items WHERE id IN (");
	for (size_t i = 0; i < n; i++)
		q_arg(&q, i ? ",?" : "?",
		      DV_I(json_integer_value(json_object_get(json_array_get(paper, i), "item"))));
	q_sql(&q, ")");
	db_stmt *st = q_query(d, &q, e);
	q_free(&q);
	while (st && db_step(st) == DB_ROW) {
		int64_t item = db_int(st, 0);
		for (size_t i = 0; i < n; i++)
			if (json_integer_value(json_object_get(json_array_get(paper, i), "item")) == item) {
				snprintf(k[i].key, sizeof k[i].key, "%s", db_text(st, 1));
				k[i].pts = db_double(st, 2);
			}
	}
	if (!st || db_finish(st, e) != 0) {
		free(k);
		return NULL;
	}
	return k;
}

/* closes and grades an attempt inside the caller's transaction, with the keys read before it. Closing
 * first takes the attempt's row, so an autosave racing the close either lands before it (and counts) or is
 * refused; the durable answers are then read in one statement. */
static int finish(db *d, struct attempt *t, const struct paper_key *keys, int64_t when, err *e)
{
	int64_t closed = db_run(d,
				"UPDATE attempts SET status = 'submitted', submitted_at = $2 WHERE id = $1 "
				"AND status = 'started'",
				DB_ARGS(DV_I(t->id), DV_I(when)), e);
	if (closed <= 0)
		return closed < 0 ? -1 : 0; /* someone else closed it */
	size_t n = json_array_size(t->paper);
	char(*given)[16] = xcalloc(n ? n : 1, sizeof *given);
	db_stmt *st =
		db_query(d, "SELECT pos, answer FROM answers WHERE attempt_id = $1", DB_ARGS(DV_I(t->id)), e);
	while (st && db_step(st) == DB_ROW) {
		int64_t pos = db_int(st, 0);
		if (pos >= 0 && (size_t)pos < n)
			snprintf(given[pos], sizeof given[pos], "%s", db_text(st, 1));
	}
	if (!st || db_finish(st, e) != 0) {
		free(given);
		return -1;
	}
	double got = 0, total = 0;
	size_t i;
	json_t *x;
	json_array_foreach(t->paper, i, x)
	{
		struct paper_item pi = {.item_id = json_integer_value(json_object_get(x, "item"))};
		json_t *ord = json_object_get(x, "order");
		pi.noptions = (int)json_array_size(ord);
		for (int o = 0; o < pi.noptions && o < 8; o++)
			pi.order[o] = (uint8_t)json_integer_value(json_array_get(ord, (size_t)o));
		char orig[16] = "";
		paper_unshuffle(&pi, given[i], orig, sizeof orig);
		total += keys[i].pts;
		if (*orig && !strcmp(orig, keys[i].key))
			got += keys[i].pts; /* multiple choice: all and only the right options */
	}
	free(given);
	double score = total > 0 ? got * 100.0 / total : 0;
	return db_run(d, "UPDATE attempts SET score = $2 WHERE id = $1", DB_ARGS(DV_I(t->id), DV_D(score)),
		      e) < 0
		       ? -1
		       : 0;
}

/* keys first (outside), then the short write transaction that closes and grades */
static int close_attempt(db *d, struct attempt *t, int64_t when, const principal *a, err *e)
{
	struct paper_key *keys = paper_keys(d, t->paper, e);
	if (!keys)
		return -1;
	char ids[24];
	int rc = 0;
	if (db_begin(d, e) != 0 || finish(d, t, keys, when, e) != 0 ||
	    (a && audit_append(d, a, "attempt.submit", "attempt", id_text(t->id, ids), NULL, e) != 0) ||
	    db_commit(d, e) != 0)
		rc = tx_fail(d);
	free(keys);
	return rc;
}

/* an attempt whose time has run out is submitted with its durable answers, whoever touches it first */
static int expire_if_due(db *d, struct attempt *t, err *e)
{
	if (strcmp(t->status, "started") || now_s() <= t->deadline + GRACE_S)
		return 0;
	if (close_attempt(d, t, t->deadline, NULL, e) != 0)
		return -1;
	snprintf(t->status, sizeof t->status, "submitted");
	return 0;
}

int sitting_close_due(db *d, int64_t sitting_id, err *e)
{
	db_stmt *st = db_query(
		d,
		"SELECT id, deadline, paper FROM attempts WHERE sitting_id = $1 AND status = 'started' AND "
		"deadline + $2 < $3",
		DB_ARGS(DV_I(sitting_id), DV_I(GRACE_S), DV_I(now_s())), e);
	if (!st)
		return -1;
	struct attempt *due = NULL;
	size_t n = 0, cap = 0;
	while (db_step(st) == DB_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			due = xrealloc(due, cap * sizeof *due);
		}
		due[n] = (struct attempt){.id = db_int(st, 0), .deadline = db_int(st, 1)};
		due[n++].paper = db_isnull(st, 2) ? json_array() : json_loads(db_text(st, 2), 0, NULL);
	}
	int rc = db_finish(st, e);
	for (size_t i = 0; i < n; i++) {
		if (!rc && close_attempt(d, &due[i], due[i].deadline, NULL, e) != 0)
			rc = -1;
		json_decref(due[i].paper);
	}
	free(due);
	return rc;
}

json_t *attempt_open_json(db *d, const principal *a, int64_t id, int64_t *start_at, int64_t *start_deadline,
			  err *e)
{
	struct attempt t;
	*start_at = *start_deadline = 0;
	if (load_attempt(d, a, id, true, &t, e) != 0)
		return NULL;
	json_t *out = NULL;
	int64_t now = now_s();
	if (!strcmp(t.status, "admitted")) {
		if (now < t.starts_at) {
			err_set(e, 409, "not_started", NULL, "考试尚未开始", "the exam has not started");
			goto done;
		}
		/* the start is written by the caller through the group committer; the paper goes out after it
		 */
		t.deadline = now + (int64_t)(t.minutes + t.extra) * 60;
		*start_at = now;
		*start_deadline = t.deadline;
		snprintf(t.status, sizeof t.status, "started");
	}
	if (expire_if_due(d, &t, e) != 0)
		goto done;
	if (strcmp(t.status, "started")) {
		out = json_pack("{s:I,s:s}", "attempt_id", (json_int_t)id, "status", t.status);
		goto done;
	}
	json_t *items = json_array(), *x;
	size_t i;
	json_array_foreach(t.paper, i, x)
	{
		int64_t item = json_integer_value(json_object_get(x, "item"));
		json_t *ord = json_object_get(x, "order");
		db_stmt *st = db_query(d, "SELECT kind, stem, options, points FROM items WHERE id = $1",
				       DB_ARGS(DV_I(item)), e);
		if (!st || db_step(st) != DB_ROW) {
			db_done(st);
			json_decref(items);
			goto done;
		}
		json_t *opts = json_loads(db_text(st, 2), 0, NULL), *shown = json_array();
		for (size_t o = 0; o < json_array_size(ord); o++)
			json_array_append(shown, json_array_get(opts, (size_t)json_integer_value(
									      json_array_get(ord, o))));
		json_decref(opts);
		json_array_append_new(items, json_pack("{s:i,s:s,s:s,s:o,s:f}", "pos", (int)i, "kind",
						       db_text(st, 0), "stem", db_text(st, 1), "options",
						       shown, "points", db_double(st, 3)));
		db_done(st);
	}
	json_t *saved = json_object();
	int64_t seq = 0;
	db_stmt *st = db_query(d, "SELECT pos, answer, seq FROM answers WHERE attempt_id = $1",
			       DB_ARGS(DV_I(id)), e);
	while (st && db_step(st) == DB_ROW) {
		char k[16];
		snprintf(k, sizeof k, "%lld", (long long)db_int(st, 0));
		json_object_set_new(saved, k, json_string(db_text(st, 1)));
		if (db_int(st, 2) > seq)
			seq = db_int(st, 2);
	}
	if (!st || db_finish(st, e) != 0) { /* never resume with part of the saved answers */
		json_decref(saved);
		json_decref(items);
		goto done;
	}
	out = json_pack("{s:I,s:s,s:I,s:I,s:o,s:o,s:I}", "attempt_id", (json_int_t)id, "status", t.status,
			"deadline", (json_int_t)t.deadline, "seconds_left",
			(json_int_t)(t.deadline > now ? t.deadline - now : 0), "items", items, "answers",
			saved, "last_seq", (json_int_t)seq);
done:
	json_decref(t.paper);
	return out;
}

int attempt_focus_lost(db *d, const principal *a, int64_t id, err *e)
{
	struct attempt t;
	if (load_attempt(d, a, id, true, &t, e) != 0)
		return -1;
	json_decref(t.paper);
	return db_run(d,
		      "UPDATE attempts SET focus_losses = focus_losses + 1 WHERE id = $1 AND status = "
		      "'started'",
		      DB_ARGS(DV_I(id)), e) < 0
		       ? -1
		       : 0;
}

json_t *attempt_submit(db *d, const principal *a, int64_t id, err *e)
{
	struct attempt t;
	if (load_attempt(d, a, id, true, &t, e) != 0)
		return NULL;
	json_t *out = NULL;
	if (!strcmp(t.status, "started")) {
		int64_t when = now_s() > t.deadline ? t.deadline : now_s();
		if (close_attempt(d, &t, when, a, e) != 0)
			goto done;
		snprintf(t.status, sizeof t.status, "submitted");
	}
	if (strcmp(t.status, "submitted"))
		err_set(e, 409, "not_started", NULL, "考试未开始或已作废",
			"the attempt was not started or is void");
	else
		out = json_pack("{s:I,s:s}", "attempt_id", (json_int_t)id, "status", "submitted");
done:
	json_decref(t.paper);
	return out;
}

int attempt_invigilate(db *d, const principal *a, int64_t id, const char *action, int minutes,
		       const char *reason, err *e)
{
	struct attempt t;
	/* load_attempt checks the attempt's write scope: examiners act only in the sittings they invigilate
	 */
	if (load_attempt(d, a, id, false, &t, e) != 0)
		return -1;
	json_decref(t.paper);
	if (check_text(reason, "reason", 200, true, e) != 0)
		return -1;
	bool extra = !strcmp(action, "extra_time"), absent = !strcmp(action, "absent");
	if (!extra && !absent && strcmp(action, "void"))
		return err_set(e, 422, "invalid_value", "action", "操作应为 extra_time、absent 或 void",
			       "action is extra_time, absent or void");
	/* 缺考: only a candidate who was admitted and never opened the paper */
	if (absent && strcmp(t.status, "admitted"))
		return err_set(e, 409, "already_started", NULL, "该考生已开始作答，不能标记缺考",
			       "the candidate has started; they cannot be marked absent");
	if (extra && (minutes < 1 || minutes > 60))
		return err_set(e, 422, "invalid_value", "minutes", "延时应为 1 到 60 分钟",
			       "extra time is 1 to 60 minutes");
	if (!strcmp(t.status, "submitted") || !strcmp(t.status, "void"))
		return err_set(e, 409, "already_finished", NULL, "该考生已交卷或已作废",
			       "the attempt is finished");
	if (db_begin(d, e) != 0)
		return -1;
	int64_t n = extra    ? db_run(d,
				      "UPDATE attempts SET extra_minutes = extra_minutes + $2, deadline = CASE "
					 "WHEN deadline IS NULL THEN "
					 "NULL ELSE deadline + $2 * 60 END, note = $3 WHERE id = $1",
				      DB_ARGS(DV_I(id), DV_I(minutes), DV_S(reason)), e)
		    : absent ? db_run(d,
				      "UPDATE attempts SET status = 'absent', note = $2 WHERE id = $1 AND "
				      "status = 'admitted'",
				      DB_ARGS(DV_I(id), DV_S(reason)), e)
			     : db_run(d, "UPDATE attempts SET status = 'void', note = $2 WHERE id = $1",
				      DB_ARGS(DV_I(id), DV_S(reason)), e);
	char ids[24];
	json_t *det = json_pack("{s:s,s:i,s:s}", "action", action, "minutes", minutes, "reason", reason);
	int arc = n < 0 ? -1
			: audit_append(d, a,
				       extra	? "attempt.extra_time"
				       : absent ? "attempt.absent"
						: "attempt.void",
				       "attempt", id_text(id, ids), det, e);
	json_decref(det);
	if (arc != 0 || db_commit(d, e) != 0)
		return tx_fail(d);
	return 0;
}

json_t *attempt_mine_json(db *d, const principal *a, err *e)
{
	db_stmt *st = db_query(
		d,
		"SELECT t.id, t.sitting_id, s.room, s.starts_at, s.minutes, t.status, p.title, "
		"COALESCE(t.deadline, 0), t.extra_minutes FROM attempts t JOIN sittings s ON s.id = "
		"t.sitting_id JOIN plans p ON p.id = s.plan_id WHERE t.person_id = $1 ORDER BY t.id DESC",
		DB_ARGS(DV_I(a->role == ROLE_CANDIDATE ? a->person_id : -1)), e);
	if (!st)
		return NULL;
	json_t *items = json_array();
	int64_t now = now_s();
	while (db_step(st) == DB_ROW) {
		/* deadline and time left let an exam page notice extra time without fetching its paper again
		 */
		int64_t deadline = db_int(st, 7);
		json_array_append_new(
			items,
			json_pack("{s:I,s:I,s:s,s:I,s:i,s:s,s:s,s:o,s:I,s:i}", "attempt_id",
				  (json_int_t)db_int(st, 0), "sitting_id", (json_int_t)db_int(st, 1), "room",
				  db_text(st, 2), "starts_at", (json_int_t)db_int(st, 3), "minutes",
				  (int)db_int(st, 4), "status", db_text(st, 5), "plan", db_text(st, 6),
				  "deadline", deadline ? json_integer(deadline) : json_null(), "seconds_left",
				  (json_int_t)(deadline > now ? deadline - now : 0), "extra_minutes",
				  (int)db_int(st, 8)));
	}
	if (db_finish(st, e) != 0) {
		json_decref(items);
		return NULL;
	}
	return json_pack("{s:o}", "items", items);
}

int attempt_save_check(db *d, const principal *a, int64_t id, int pos, const char *answer, int64_t seq,
		       char norm[9], err *e)
{
	struct attempt t;
	if (load_attempt(d, a, id, true, &t, e) != 0)
		return -1;
	int rc = -1;
	if (pos < 0 || (size_t)pos >= json_array_size(t.paper)) {
		err_set(e, 404, "not_found", "pos", "题号不存在", "no such question");
		goto done;
	}
	json_t *ord = json_object_get(json_array_get(t.paper, (size_t)pos), "order");
	if (!answer || (*answer && norm_answer(answer, (int)json_array_size(ord), norm) < 0) || seq < 1) {
		err_set(e, 422, "invalid_answer", "answer", "答案应为选项字母，seq 为正整数",
			"answers are option letters and seq a positive integer");
		goto done;
	}
	if (!*answer)
		norm[0] = 0;
	if (strcmp(t.status, "started")) {
		err_set(e, 409, "time_over", NULL, "考试未开始或已结束，答案未保存",
			"the attempt is not open; the answer was not saved");
		goto done;
	}
	rc = 0;
done:
	json_decref(t.paper);
	return rc;
}
