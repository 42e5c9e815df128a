/* chains.c: 产教评 技能生态链 — chains led by a 链主企业, members in roles as data, chain-level figures
 * (chains.h) */
#include "util/common.h"
#include "svc/cultivation/chains.h"
#include "core/date.h"
#include "core/demand.h"
#include "core/scope.h"
#include "svc/base/scope.h"
#include "svc/base/tx.h"

static json_t *role_view(db_stmt *st)
{
	json_t *types = json_array();
	char buf[200];
	snprintf(buf, sizeof buf, "%s", db_text(st, 2));
	for (char *save = NULL, *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save))
		json_array_append_new(types, json_string(t));
	return json_pack("{s:s,s:s,s:o,s:s}", "code", db_text(st, 0), "name", db_text(st, 1), "types", types,
			 "source", db_text(st, 3));
}

json_t *chain_roles_json(db *d, err *e)
{
	json_t *items = rows_json(
		db_query(d, "SELECT code, name_zh, types, source FROM chain_roles ORDER BY sort, code", NULL,
			 0, e),
		role_view, e);
	return items ? json_pack("{s:o}", "items", items) : NULL;
}

#define CH_COLS                                                                                              \
	"sk.id, sk.name, sk.industry, sk.lead_id, li.name, sk.region_code, COALESCE(rg.name, ''), sk.note, " \
	"(SELECT COUNT(*) FROM skill_chain_members km2 WHERE km2.chain_id = sk.id), sk.created_at"
#define CH_FROM                                                                                              \
	" FROM skill_chains sk JOIN institutions li ON li.id = sk.lead_id LEFT JOIN regions rg ON rg.code "  \
	"= "                                                                                                 \
	"sk.region_code"

static json_t *chain_view(db_stmt *st)
{
	return json_pack("{s:I,s:s,s:s,s:I,s:s,s:s,s:s,s:s,s:I,s:I}", "id", (json_int_t)db_int(st, 0), "name",
			 db_text(st, 1), "industry", db_text(st, 2), "lead_id", (json_int_t)db_int(st, 3),
			 "lead_name", db_text(st, 4), "region_code", db_text(st, 5), "region_name",
			 db_text(st, 6), "note", db_text(st, 7), "members", (json_int_t)db_int(st, 8),
			 "created_at", (json_int_t)db_int(st, 9));
}

static const struct list_filter chain_filters[] = {
	{"region_code", "sk.region_code LIKE ?", LIST_REGION, .max = 12},
	{"name", "sk.name LIKE ?", LIST_CONTAINS, .max = 100},
	{"industry", "sk.industry LIKE ?", LIST_CONTAINS, .max = 100},
	{"institution_id",
	 "EXISTS (SELECT 1 FROM skill_chain_members kf WHERE kf.chain_id = sk.id AND kf.institution_id = ?)",
	 LIST_ID},
};
static const struct list_sort chain_sorts[] = {{"id", "sk.id"}, {"name", "sk.name"}};
static const struct export_col chain_cols[] = {
	{"id", "编号"},		 {"name", "名称"},	    {"industry", "产业"}, {"lead_name", "链主企业"},
	{"region_name", "地区"}, {"members", "成员单位数"},
};

const struct list_spec chain_list = {
	.name = "skill_chains",
	.scoped = true,
	.entity = SE_SKILL_CHAIN,
	.count_sql = "SELECT COUNT(*)" CH_FROM,
	.select_sql = "SELECT " CH_COLS CH_FROM,
	.order = "sk.id DESC",
	LIST_FILTERS(chain_filters),
	LIST_SORTS(chain_sorts),
	.view = chain_view,
	LIST_COLS(chain_cols),
};

/* who reads a chain: the region reach of SE_SKILL_CHAIN, or a member institution's administrator and staff
 * (the rule's institution condition, which the owner facts of one chain cannot carry) */
static int chain_readable(db *d, const principal *a, int64_t id, err *e)
{
	if (!role_in(a, R_INST))
		return scope_check(d, a, SE_SKILL_CHAIN, id, SCOPE_READ, NULL, e);
	int64_t one = 0;
	int rc =
		db_one_int(d, "SELECT 1 FROM skill_chain_members WHERE chain_id = $1 AND institution_id = $2",
			   DB_ARGS(DV_I(id), DV_I(a->institution_id)), &one, e);
	if (rc == DB_NOT_FOUND)
		return err_set(e, 404, "not_found", NULL, "技能生态链不存在", "no such skill chain");
	return rc == DB_OK ? 0 : -1;
}

static json_t *member_view(db_stmt *st)
{
	return json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s}", "institution_id", (json_int_t)db_int(st, 0), "name",
			 db_text(st, 1), "type", db_text(st, 2), "region_code", db_text(st, 3), "role",
			 db_text(st, 4), "role_zh", db_text(st, 5), "joined_on", db_text(st, 6));
}

/* the chain's members, as a subquery over $1 */
#define MEMBERS "(SELECT institution_id FROM skill_chain_members WHERE chain_id = $1)"

static int one_row_ints(db *d, const char *sql, int64_t id, int64_t *out, int n, err *e)
{
	db_stmt *st = db_query(d, sql, DB_ARGS(DV_I(id)), e);
	int row = st ? db_row(st, e) : -1;
	for (int i = 0; i < n; i++)
		out[i] = row == 1 && !db_isnull(st, i) ? db_int(st, i) : 0;
	db_done(st);
	return row < 0 ? -1 : 0;
}

/* the chain-level figures, from what the system holds about its members */
static json_t *chain_figures(db *d, int64_t id, err *e)
{
	int64_t roles[5] = {0}, cls[2], oc[3], ap[2], cert[1], eo[3], dm[2];
	static const char *const role_codes[] = {"lead", "school", "training", "evaluator", "enterprise"};
	db_stmt *st = db_query(
		d, "SELECT role, COUNT(*) FROM skill_chain_members WHERE chain_id = $1 GROUP BY role",
		DB_ARGS(DV_I(id)), e);
	while (st && db_step(st) == DB_ROW)
		for (int k = 0; k < 5; k++)
			if (!strcmp(db_text(st, 0), role_codes[k]))
				roles[k] = db_int(st, 1);
	if (!st || db_finish(st, e))
		return NULL;
	if (one_row_ints(
		    d,
		    "SELECT COUNT(*), COALESCE(SUM(capacity), 0) FROM training_classes WHERE institution_id "
		    "IN " MEMBERS,
		    id, cls, 2, e) ||
	    one_row_ints(
		    d,
		    "SELECT COUNT(*), COALESCE(SUM((SELECT COUNT(*) FROM cult_order_students os WHERE "
		    "os.class_id = oc.id)), 0), COALESCE(SUM((SELECT COUNT(*) FROM cult_order_students os "
		    "WHERE os.class_id = oc.id AND os.placement = 'placed')), 0) FROM cult_order_classes oc "
		    "WHERE oc.school_id IN " MEMBERS " OR oc.enterprise_id IN " MEMBERS,
		    id, oc, 3, e) ||
	    one_row_ints(
		    d,
		    "SELECT COUNT(*), COALESCE(SUM(CASE WHEN status = 'completed' THEN 1 ELSE 0 END), 0) "
		    "FROM apprenticeships WHERE status IN ('training','completed') AND (employer_id "
		    "IN " MEMBERS " OR trainer_id IN " MEMBERS ")",
		    id, ap, 2, e) ||
	    one_row_ints(
		    d,
		    "SELECT COUNT(*) FROM certificates WHERE institution_id IN (SELECT institution_id FROM "
		    "skill_chain_members WHERE chain_id = $1 AND role = 'evaluator')",
		    id, cert, 1, e) ||
	    one_row_ints(d,
			 "SELECT COUNT(*), COALESCE(SUM(employed), 0), COALESCE(SUM(within_6m), 0) FROM "
			 "employment_outcomes WHERE institution_id IN " MEMBERS,
			 id, eo, 3, e) ||
	    one_row_ints(
		    d,
		    "SELECT COUNT(DISTINCT posting_id), COALESCE(SUM(places), 0) FROM demand_answers WHERE "
		    "institution_id IN " MEMBERS,
		    id, dm, 2, e))
		return NULL;
	return json_pack(
		"{s:{s:I,s:I,s:I,s:I,s:I,s:I},s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:{s:I,s:I,s:I,s:f},s:I,"
		"s:I}",
		"members", "total", (json_int_t)(roles[0] + roles[1] + roles[2] + roles[3] + roles[4]),
		"lead", (json_int_t)roles[0], "school", (json_int_t)roles[1], "training",
		(json_int_t)roles[2], "evaluator", (json_int_t)roles[3], "enterprise", (json_int_t)roles[4],
		"classes", (json_int_t)cls[0], "class_places", (json_int_t)cls[1], "order_classes",
		(json_int_t)oc[0], "order_students", (json_int_t)oc[1], "order_placed", (json_int_t)oc[2],
		"apprentices", (json_int_t)ap[0], "apprentices_completed", (json_int_t)ap[1], "certificates",
		(json_int_t)cert[0], "outcomes", "total", (json_int_t)eo[0], "employed", (json_int_t)eo[1],
		"within_6m", (json_int_t)eo[2], "rate_6m", eo[0] ? (double)eo[2] / (double)eo[0] : 0.0,
		"postings_answered", (json_int_t)dm[0], "places_pledged", (json_int_t)dm[1]);
}

json_t *chain_get(db *d, const principal *a, int64_t id, err *e)
{
	if (chain_readable(d, a, id, e))
		return NULL;
	json_t *o = row_json(db_query(d, "SELECT " CH_COLS CH_FROM " WHERE sk.id = $1", DB_ARGS(DV_I(id)), e),
			     chain_view, e);
	if (!o)
		return err_isset(e) ? NULL
				    : (err_set(e, 404, "not_found", NULL, "技能生态链不存在",
					       "no such skill chain"),
				       NULL);
	json_t *m = rows_json(
		db_query(d,
			 "SELECT km.institution_id, i.name, i.type, i.region_code, km.role, "
			 "r.name_zh, km.joined_on FROM skill_chain_members km JOIN institutions i ON "
			 "i.id = km.institution_id JOIN chain_roles r ON r.code = km.role WHERE "
			 "km.chain_id = $1 ORDER BY r.sort, i.name",
			 DB_ARGS(DV_I(id)), e),
		member_view, e);
	json_t *f = m ? chain_figures(d, id, e) : NULL;
	if (!f) {
		json_decref(m);
		json_decref(o);
		return NULL;
	}
	json_object_set_new(o, "member_list", m);
	json_object_set_new(o, "figures", f);
	json_object_set_new(
		o, "may_manage",
		json_boolean(role_in(a, R_ADMINS) &&
			     scope_check(d, a, SE_SKILL_CHAIN, id, SCOPE_WRITE, NULL, &(err){0}) == 0));
	return o;
}

/* an institution's type and status: 1 found, 0 not, -1 */
static int inst_facts(db *d, int64_t id, char type[24], char status[16], char region[16], err *e)
{
	db_stmt *st = db_query(d, "SELECT type, status, region_code FROM institutions WHERE id = $1",
			       DB_ARGS(DV_I(id)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		snprintf(type, 24, "%s", db_text(st, 0));
		snprintf(status, 16, "%s", db_text(st, 1));
		snprintf(region, 16, "%s", db_text(st, 2));
	}
	db_done(st);
	return row;
}

struct create_ctx {
	const struct chain_input *in;
	const char *region;
	int64_t id;
};

static int create_work(tx *t, void *ctx, err *e)
{
	struct create_ctx *c = ctx;
	int64_t now = now_s();
	char day[11];
	date_format(date_today_utc8(), day);
	if (db_one_int(t->d,
		       "INSERT INTO skill_chains (name, industry, lead_id, region_code, note, created_by, "
		       "created_at, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$7) RETURNING id",
		       DB_ARGS(DV_S(c->in->name), DV_S(c->in->industry), DV_I(c->in->lead_id),
			       DV_S(c->region), DV_S(c->in->note ? c->in->note : ""), DV_I(t->a->user_id),
			       DV_I(now)),
		       &c->id, e) != DB_OK)
		return e->status == 409 ? err_set(e, 409, "duplicate", "name", "已有同名的技能生态链",
						  "a skill chain of that name exists")
					: -1;
	if (db_run(t->d,
		   "INSERT INTO skill_chain_members (chain_id, institution_id, role, joined_on, added_by) "
		   "VALUES "
		   "($1,$2,'lead',$3,$4)",
		   DB_ARGS(DV_I(c->id), DV_I(c->in->lead_id), DV_S(day), DV_I(t->a->user_id)), e) < 0)
		return -1;
	tx_audit(t, "skill_chain.created", "skill_chain", c->id,
		 json_pack("{s:s,s:s,s:I,s:s}", "name", c->in->name, "industry", c->in->industry, "lead_id",
			   (json_int_t)c->in->lead_id, "region_code", c->region));
	return 0;
}

json_t *chain_create(db *d, const principal *a, const struct chain_input *in, err *e)
{
	if (!role_in(a, R_ADMINS))
		return err_set(e, 403, "forbidden", NULL, "技能生态链由省人社厅或链主企业所在市创建",
			       "the province or the lead's city creates a chain"),
		       NULL;
	if (check_text(in->name, "name", 100, true, e) || check_text(in->industry, "industry", 60, true, e) ||
	    check_text(in->note, "note", 500, false, e))
		return NULL;
	char type[24] = "", status[16] = "", region[16] = "";
	int row = in->lead_id > 0 ? inst_facts(d, in->lead_id, type, status, region, e) : 0;
	if (row < 0)
		return NULL;
	if (row == 0)
		return err_set(e, 404, "not_found", "lead_id", "链主企业不存在", "no such lead enterprise"),
		       NULL;
	if (strcmp(type, "employer") || strcmp(status, "filed"))
		return err_set(e, 409, "not_an_enterprise", "lead_id", "链主应为在册企业（用人单位）",
			       "the lead is a filed enterprise (employer)"),
		       NULL;
	if (!scope_covers_region(a, SE_SKILL_CHAIN, SCOPE_WRITE, region))
		return err_set(e, 403, "forbidden", "lead_id", "只能为本市的链主企业创建技能生态链",
			       "a city creates the chains of its own lead enterprises"),
		       NULL;
	struct create_ctx c = {.in = in, .region = region};
	return svc_tx(d, a, create_work, &c, e) ? NULL : chain_get(d, a, c.id, e);
}

struct member_ctx {
	int64_t id, inst;
	const char *role;
	bool remove;
};

static int member_work(tx *t, void *ctx, err *e)
{
	struct member_ctx *c = ctx;
	char day[11];
	date_format(date_today_utc8(), day);
	int64_t n;
	if (c->remove)
		n = db_run(t->d,
			   "DELETE FROM skill_chain_members WHERE chain_id = $1 AND institution_id = $2 AND "
			   "role "
			   "<> 'lead'",
			   DB_ARGS(DV_I(c->id), DV_I(c->inst)), e);
	else
		n = db_run(t->d,
			   "INSERT INTO skill_chain_members (chain_id, institution_id, role, joined_on, "
			   "added_by) VALUES ($1,$2,$3,$4,$5)",
			   DB_ARGS(DV_I(c->id), DV_I(c->inst), DV_S(c->role), DV_S(day), DV_I(t->a->user_id)),
			   e);
	if (n < 0)
		return e->status == 409 ? err_set(e, 409, "duplicate", "institution_id", "该机构已是成员",
						  "the institution is a member already")
					: -1;
	if (n == 0)
		return err_set(e, 404, "not_found", "institution_id", "该机构不是成员（或为链主）",
			       "the institution is no member (or is the lead)");
	if (db_run(t->d, "UPDATE skill_chains SET updated_at = $2 WHERE id = $1",
		   DB_ARGS(DV_I(c->id), DV_I(now_s())), e) < 0)
		return -1;
	tx_audit(t, c->remove ? "skill_chain.member_removed" : "skill_chain.member_added", "skill_chain",
		 c->id,
		 c->remove ? json_pack("{s:I}", "institution_id", (json_int_t)c->inst)
			   : json_pack("{s:I,s:s}", "institution_id", (json_int_t)c->inst, "role", c->role));
	return 0;
}

json_t *chain_add_member(db *d, const principal *a, int64_t id, int64_t institution_id, const char *role,
			 err *e)
{
	if (scope_check(d, a, SE_SKILL_CHAIN, id, SCOPE_WRITE, NULL, e))
		return NULL;
	char types[200] = "";
	db_stmt *st = db_query(d, "SELECT types FROM chain_roles WHERE code = $1 AND code <> 'lead'",
			       DB_ARGS(DV_S(role ? role : "")), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1)
		snprintf(types, sizeof types, "%s", db_text(st, 0));
	db_done(st);
	if (row < 0)
		return NULL;
	if (row == 0)
		return err_set(e, 422, "invalid_value", "role", "成员角色不存在（链主在创建时确定）",
			       "no such member role (the lead is set at creation)"),
		       NULL;
	char type[24] = "", status[16] = "", region[16] = "";
	row = institution_id > 0 ? inst_facts(d, institution_id, type, status, region, e) : 0;
	if (row < 0)
		return NULL;
	if (row == 0)
		return err_set(e, 404, "not_found", "institution_id", "机构不存在", "no such institution"),
		       NULL;
	if (strcmp(status, "filed"))
		return err_set(e, 409, "not_filed", "institution_id", "成员应为在册机构",
			       "a member is a filed institution"),
		       NULL;
	if (!chain_role_admits(types, type))
		return err_set(e, 409, "role_mismatch", "role", "机构类型（%s）不适合该角色（%s）",
			       "the institution's type (%s) does not fit the role (%s)", type, role),
		       NULL;
	struct member_ctx c = {.id = id, .inst = institution_id, .role = role};
	return svc_tx(d, a, member_work, &c, e) ? NULL : chain_get(d, a, id, e);
}

json_t *chain_remove_member(db *d, const principal *a, int64_t id, int64_t institution_id, err *e)
{
	if (scope_check(d, a, SE_SKILL_CHAIN, id, SCOPE_WRITE, NULL, e))
		return NULL;
	struct member_ctx c = {.id = id, .inst = institution_id, .remove = true};
	return svc_tx(d, a, member_work, &c, e) ? NULL : chain_get(d, a, id, e);
}
