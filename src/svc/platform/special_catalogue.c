/* special_catalogue.c: the 专项职业能力考核项目目录 in force — the count the ≥ 500 target reads, the public
 * catalogue (versions, brands) and its items, the province's withdrawal (调整目录) (special.h; docs/DOMAIN.md
 * §66). Publication into it is special.c's (sp_move). */
#include "util/common.h"
#include "svc/platform/special.h"
#include "core/principal.h"
#include "store/query.h"
#include "svc/base/svc.h"
#include "svc/base/tx.h"

int special_item_refuse(db *d, const char *code, const char *field, err *e)
{
	int64_t gone = 0;
	if (db_one_int(d, "SELECT COUNT(*) FROM special_items WHERE code = $1 AND status = 'withdrawn'",
		       DB_ARGS(DV_S(code)), &gone, e) != DB_OK)
		return -1;
	if (gone)
		return err_set(e, 409, "special_item_withdrawn", field,
			       "专项职业能力考核项目 %s 已调出目录，不能再备案或录入考核结果",
			       "the 专项 item %s was withdrawn from the catalogue: it is no longer filed or "
			       "assessed",
			       code);
	return 0;
}

/* ---- the public catalogue ---- */

int special_items_in_force(db *d, int64_t *n, err *e)
{
	*n = 0;
	return db_one_int(d, "SELECT COUNT(*) FROM special_items WHERE status = 'in_force'", DB_NOARGS, n,
			  e) == DB_OK
		       ? 0
		       : -1;
}

static json_t *version_view(db_stmt *st)
{
	return json_pack("{s:I,s:s,s:I}", "year", (json_int_t)db_int(st, 0), "title", db_text(st, 1), "items",
			 (json_int_t)db_int(st, 2));
}

static json_t *brand_view(db_stmt *st)
{
	return json_pack("{s:s,s:s,s:s,s:s,s:s,s:I}", "code", db_text(st, 0), "name", db_text(st, 1),
			 "region_code", db_text(st, 2), "region_name", db_text(st, 3), "source",
			 db_text(st, 4), "items", (json_int_t)db_int(st, 5));
}

json_t *special_catalogue_json(db *d, err *e)
{
	int64_t n = 0;
	if (special_items_in_force(d, &n, e))
		return NULL;
	/* the versions that hold an item in force, newest first */
	json_t *versions = rows_json(db_query(d,
					      "SELECT c.year, c.title, (SELECT COUNT(*) FROM special_items "
					      "si WHERE si.catalogue_year = "
					      "c.year AND si.status = 'in_force') AS n FROM "
					      "special_catalogues c WHERE EXISTS (SELECT 1 "
					      "FROM special_items si WHERE si.catalogue_year = c.year AND "
					      "si.status = 'in_force') ORDER "
					      "BY c.year DESC",
					      DB_NOARGS, e),
				     version_view, e);
	if (!versions)
		return NULL;
	json_t *brands = rows_json(
		db_query(
			d,
			"SELECT b.code, b.name, b.region_code, COALESCE(r.name, ''), b.source, (SELECT "
			"COUNT(*) "
			"FROM special_items si WHERE si.brand_code = b.code AND si.status = 'in_force') FROM "
			"special_brands b LEFT JOIN regions r ON r.code = b.region_code ORDER BY "
			"b.region_code, "
			"b.code",
			DB_NOARGS, e),
		brand_view, e);
	if (!brands) {
		json_decref(versions);
		return NULL;
	}
	return json_pack("{s:I,s:o,s:o,s:s}", "in_force", (json_int_t)n, "versions", versions, "brands",
			 brands, "source",
			 "种子 003 §13：建立专项能力考核项目发布制度……到 2025 年开发公布不少于 500 项");
}

#define ITEM_COLS                                                                                            \
	"si.code, si.name, si.catalogue_year, c.title, COALESCE(si.brand_code, ''), COALESCE(b.name, ''), "  \
	"si.region_code, COALESCE(r.name, ''), si.status, si.withdraw_reason, si.published_on, si.source, "  \
	"COALESCE(si.proposal_id, 0)"
#define ITEM_FROM                                                                                            \
	" FROM special_items si JOIN special_catalogues c ON c.year = si.catalogue_year LEFT JOIN "          \
	"special_brands b ON b.code = si.brand_code LEFT JOIN regions r ON r.code = si.region_code"

static json_t *item_view(db_stmt *st)
{
	json_t *o = json_pack("{s:s,s:s,s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "code", db_text(st, 0),
			      "name", db_text(st, 1), "catalogue_year", (json_int_t)db_int(st, 2),
			      "catalogue", db_text(st, 3), "brand_code", db_text(st, 4), "brand_name",
			      db_text(st, 5), "region_code", db_text(st, 6), "region_name", db_text(st, 7),
			      "status", db_text(st, 8), "status_zh",
			      strcmp(db_text(st, 8), "in_force") ? "已撤出目录" : "有效", "published_on",
			      db_text(st, 10), "source", db_text(st, 11));
	json_object_set_new(o, "withdraw_reason", json_string(db_text(st, 9)));
	json_object_set_new(o, "proposal_id", db_int(st, 12) ? json_integer(db_int(st, 12)) : json_null());
	return o;
}

enum { IF_YEAR, IF_BRAND, IF_REGION, IF_NAME, IF_STATUS };
static const struct list_filter item_filters[] = {
	[IF_YEAR] = {"year", "si.catalogue_year = ?", LIST_ID},
	[IF_BRAND] = {"brand_code", "si.brand_code = ?", LIST_EQ},
	[IF_REGION] = {"region_code", "si.region_code LIKE ?", LIST_REGION},
	[IF_NAME] = {"name", "si.name LIKE ?", LIST_CONTAINS},
	[IF_STATUS] = {"status", "si.status = ?", LIST_EQ},
};
static const struct list_sort item_sorts[] = {{"code", "si.code"}, {"year", "si.catalogue_year"}};
static const struct export_col item_cols[] = {
	{"code", "目录编码"},	 {"name", "项目名称"},	{"catalogue", "目录版本"},    {"brand_name", "品牌"},
	{"region_name", "地区"}, {"status_zh", "状态"}, {"published_on", "发布日期"},
};

/* the items in force unless ?status= asks for another */
static int item_where(struct query *w, const principal *a, const char *const *vals, err *e)
{
	UNUSED(a);
	UNUSED(e);
	if (!vals[IF_STATUS] || !*vals[IF_STATUS])
		q_and(w, "si.status = 'in_force'", DV_NULL);
	return 0;
}

const struct list_spec special_item_list = {
	.name = "special_items",
	.scoped = false,
	.count_sql = "SELECT COUNT(*) FROM special_items si",
	.select_sql = "SELECT " ITEM_COLS ITEM_FROM,
	.order = "si.catalogue_year DESC, si.code",
	LIST_FILTERS(item_filters),
	LIST_SORTS(item_sorts),
	.view = item_view,
	.where = item_where,
	LIST_COLS(item_cols),
};

struct withdraw_ctx {
	const char *code, *reason;
};

static int withdraw_work(tx *t, void *ctx, err *e)
{
	struct withdraw_ctx *c = ctx;
	int64_t n = db_run(
		t->d,
		"UPDATE special_items SET status = 'withdrawn', withdraw_reason = $2 WHERE code = $1 AND "
		"status = 'in_force'",
		DB_ARGS(DV_S(c->code), DV_S(c->reason)), e);
	if (n < 0)
		return -1;
	if (n == 0)
		return err_set(e, 409, "invalid_state", "code", "该项目已撤出目录",
			       "the item is withdrawn already");
	tx_audit_key(t, "special_item.withdrawn", "special_item", c->code,
		     json_pack("{s:s,s:s}", "code", c->code, "reason", c->reason));
	return 0;
}

json_t *special_withdraw(db *d, const principal *a, const char *code, const char *reason, err *e)
{
	if (a->role != ROLE_PROVINCE_ADMIN) {
		err_set(e, 403, "forbidden", NULL, "专项职业能力目录由省级人社部门调整",
			"the province adjusts the catalogue");
		return NULL;
	}
	if (check_text(reason, "reason", 500, true, e))
		return NULL;
	struct withdraw_ctx c = {code, reason};
	json_t *o = list_one(d, NULL, &special_item_list, "si.code = ?", DV_S(code), "目录中没有该项目",
			     "no such item in the catalogue", e);
	if (!o)
		return NULL;
	json_decref(o);
	if (svc_tx(d, a, withdraw_work, &c, e))
		return NULL;
	return list_one(d, NULL, &special_item_list, "si.code = ?", DV_S(code), "目录中没有该项目",
			"no such item in the catalogue", e);
}
