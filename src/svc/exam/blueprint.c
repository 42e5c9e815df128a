/* blueprint.c: blueprints (组卷细目表): how many items of which kind per 鉴定要素 a paper draws, per
 * occupation and level, the province's or an institution's own */
#include "util/common.h"
#include "svc/exam/exam.h"
#include "svc/exam/exam_int.h"
#include "svc/exam/view.h"
#include "svc/base/tx.h"
#include "svc/exam/invigilation.h"
#include "core/paper.h"
#include "crypto/token.h"
#include "svc/registry/standards.h"

/* the owner whose blueprint a principal reads and writes: an institution its own (0 = none for others) */
static int64_t blueprint_owner(const principal *a)
{
	return a->role == ROLE_INSTITUTION_ADMIN || a->role == ROLE_INSTITUTION_STAFF ? a->institution_id : 0;
}

/* the blueprint that applies to an institution: its own when it has one, else the province-wide one */
const char *const exam_blueprint_for =
	"SELECT " BLUEPRINT_CELL_VIEW_COLS
	", institution_id FROM blueprints WHERE occupation_code = $1 AND level = $2 "
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
		db_query(d, exam_blueprint_for, DB_ARGS(DV_S(occ), DV_I(level), DV_I(blueprint_owner(a))), e);
	if (!st)
		return NULL;
	json_t *cells = json_array();
	int64_t owner = 0;
	while (db_step(st) == DB_ROW) {
		json_array_append_new(cells, blueprint_cell_view(st));
		owner = db_int(st, 3);
	}
	if (db_finish(st, e) != 0) {
		json_decref(cells);
		return NULL;
	}
	return json_pack("{s:s,s:i,s:o,s:o}", "occupation_code", occ, "level", level, "cells", cells,
			 "institution_id", owner ? json_integer(owner) : json_null());
}

struct blueprint_ctx {
	const char *occ;
	int level;
	int64_t owner;
	const struct blueprint_cell_input *cells;
	size_t ncells;
};

/* the owner's cells replaced */
static int blueprint_work(tx *t, void *ctx, err *e)
{
	struct blueprint_ctx *c = ctx;
	db *d = t->d;
	const char *occ = c->occ;
	int level = c->level;
	int64_t owner = c->owner;
	const struct blueprint_cell_input *cells = c->cells;
	size_t ncells = c->ncells;
	if (db_run(d,
		   "DELETE FROM blueprints WHERE institution_id = $1 AND occupation_code = $2 AND level = $3",
		   DB_ARGS(DV_I(owner), DV_S(occ), DV_I(level)), e) < 0)
		return -1;
	json_t *cj = json_array();
	for (size_t i = 0; i < ncells; i++) {
		const struct blueprint_cell_input *c = &cells[i];
		json_array_append_new(cj, json_pack("{s:s,s:s,s:I}", "area", c->area, "kind", c->kind,
						    "count", (json_int_t)c->count));
		if (db_run(d,
			   "INSERT INTO blueprints (institution_id, occupation_code, level, area, kind, "
			   "count) VALUES ($1,$2,$3,$4,$5,$6)",
			   DB_ARGS(DV_I(owner), DV_S(occ), DV_I(level), DV_S(c->area), DV_S(c->kind),
				   DV_I(c->count)),
			   e) < 0) {
			json_decref(cj);
			return -1;
		}
	}
	json_t *det = json_pack("{s:s,s:i,s:o,s:o}", "occupation_code", occ, "level", level, "cells", cj,
				"institution_id", owner ? json_integer(owner) : json_null());
	tx_audit_key(t, "blueprint.set", "blueprint", occ, det);
	return 0;
}

int blueprint_put(db *d, const principal *a, const char *occ, int level,
		  const struct blueprint_cell_input *cells, size_t ncells, err *e)
{
	/* blueprints are owned: the province-wide one by the province, an institution's own by it */
	if (a->role != ROLE_PROVINCE_ADMIN && a->role != ROLE_INSTITUTION_ADMIN &&
	    a->role != ROLE_INSTITUTION_STAFF)
		return err_set(e, 403, "forbidden", NULL, "无权设置组卷蓝图", "you may not set blueprints");
	if (!occ || level < 1 || level > 5 || !cells || !ncells)
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
	for (size_t i = 0; i < ncells; i++) {
		const struct blueprint_cell_input *c = &cells[i];
		if (!c->area || !*c->area || !c->kind || !*c->kind)
			return err_set(e, 422, "missing_field", c->area && *c->area ? "kind" : "area",
				       "缺少必填字段 %s", "missing required field '%s'",
				       c->area && *c->area ? "kind" : "area");
		if (exam_kind_index(c->kind) < 0 || c->count < 1 || c->count > 200)
			return err_set(e, 422, "invalid_value", "cells",
				       "蓝图单元应为 {area, kind, count(1..200)}",
				       "cells are {area, kind, count 1..200}");
	}
	struct blueprint_ctx c = {
		.occ = occ, .level = level, .owner = owner, .cells = cells, .ncells = ncells};
	return svc_tx(d, a, blueprint_work, &c, e);
}
