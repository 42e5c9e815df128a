/* chain_import.c: 产教评 技能生态链 imported from a file (docs/DOMAIN.md §63): each row names a chain
 * (created the first time it is met, with its industry and its lead by 统一社会信用代码) and optionally one
 * member (by 统一社会信用代码, in a role by its code or Chinese name), through the import runner
 * (svc/base/import.h). The chain and the member are written by chain_create and chain_add_member (their
 * checks, their scope — the province, the lead's city — and their audit records); a row that says again what
 * is stored is accepted unchanged, so a re-import duplicates nothing. */
#include "util/common.h"
#include "svc/cultivation/chains.h"
#include "svc/base/import.h"

enum { C_CHAIN, C_INDUSTRY, C_LEAD, C_REGION, C_MEMBER, C_ROLE, C_NOTE, C_N };

static const tab_col cols[C_N] = {
	[C_CHAIN] = {"chain_name", "链名称", {"技能生态链", "生态链名称"}, TAB_REQUIRED},
	[C_INDUSTRY] = {"industry", "产业", {"所属产业"}, 0},
	[C_LEAD] = {"lead_credit_code", "链主企业统一社会信用代码", {"链主统一社会信用代码"}, 0},
	[C_REGION] = {"region_code", "地区代码", {"所在地区"}, 0},
	[C_MEMBER] = {"member_credit_code", "成员统一社会信用代码", {"成员单位统一社会信用代码"}, 0},
	[C_ROLE] = {"role", "成员角色", {"角色"}, 0},
	[C_NOTE] = {"note", "备注", {"说明"}, 0},
};
static const tab_spec spec = {cols, C_N, TAB_TRIM};

struct imp_ctx {
	db *d;
	const principal *a;
	bool preview;
	size_t seen;
	int64_t chains_created, members_added, unchanged;
};

static int reject(err *e, const char *code, const char *field, const char *zh, const char *en)
{
	err_set(e, 422, code, field, "%s%.0s", "%.0s%s", zh, en);
	return 1;
}

static int refused(err *e)
{
	return e->status >= 500 ? -1 : 1;
}

/* an institution by its 统一社会信用代码: id and region (0 when none) */
static int by_code(db *d, const char *code, int64_t *id, char region[16], err *e)
{
	*id = 0;
	db_stmt *st = db_query(d, "SELECT id, region_code FROM institutions WHERE credit_code = $1",
			       DB_ARGS(DV_S(code)), e);
	int got = st ? db_row(st, e) : -1;
	if (got == 1) {
		*id = db_int(st, 0);
		snprintf(region, 16, "%s", db_text(st, 1));
	}
	db_done(st);
	return got < 0 ? -1 : 0;
}

static int row(void *ctx, const tab_row *r, err *e)
{
	struct imp_ctx *c = ctx;
	if (++c->seen > CHAIN_IMPORT_MAX_ROWS)
		return err_set(e, 413, "too_many_rows", NULL, "一个文件至多 %d 行",
			       "a file holds at most %d rows", CHAIN_IMPORT_MAX_ROWS),
		       -1;
	const char *name = tab_get(r, C_CHAIN), *industry = tab_get(r, C_INDUSTRY),
		   *lead = tab_get(r, C_LEAD), *region = tab_get(r, C_REGION), *member = tab_get(r, C_MEMBER),
		   *role = tab_get(r, C_ROLE), *note = tab_get(r, C_NOTE);
	int64_t lead_id = 0;
	char lead_region[16] = "";
	if (lead && by_code(c->d, lead, &lead_id, lead_region, e))
		return -1;
	if (lead && !lead_id)
		return reject(e, "unknown_institution", "lead_credit_code",
			      "没有该统一社会信用代码的链主企业",
			      "no institution with this credit code (the lead)");
	/* the chain's region is its lead's: a region given must be the lead's (or the lead's city) */
	char lead_city[16];
	snprintf(lead_city, sizeof lead_city, "%.4s00", lead_region);
	if (lead_id && region && strcmp(region, lead_region) && strcmp(region, lead_city))
		return reject(e, "region_mismatch", "region_code", "地区代码与链主企业所在地区不符",
			      "region_code is not the lead's region");
	int64_t chain = 0, have_lead = 0;
	db_stmt *st = db_query(c->d, "SELECT id, lead_id FROM skill_chains WHERE name = $1",
			       DB_ARGS(DV_S(name ? name : "")), e);
	int got = st ? db_row(st, e) : -1;
	if (got == 1) {
		chain = db_int(st, 0);
		have_lead = db_int(st, 1);
	}
	db_done(st);
	if (got < 0)
		return -1;
	int created = 0, added = 0;
	if (!chain) {
		if (!lead_id)
			return reject(e, "missing_field", "lead_credit_code",
				      "新的技能生态链须给出链主企业统一社会信用代码",
				      "a new chain needs its lead's credit code");
		if (!industry)
			return reject(e, "missing_field", "industry", "新的技能生态链须给出产业",
				      "a new chain needs its industry");
		struct chain_input in = {
			.name = name, .industry = industry, .note = note, .lead_id = lead_id};
		json_t *o = chain_create(c->d, c->a, &in, e);
		if (!o)
			return refused(e);
		chain = json_integer_value(json_object_get(o, "id"));
		json_decref(o);
		created = 1;
	} else if (lead_id && lead_id != have_lead) {
		return reject(e, "lead_mismatch", "lead_credit_code", "该技能生态链已有另一链主企业",
			      "the chain has another lead");
	} else if (scope_check(c->d, c->a, SE_SKILL_CHAIN, chain, SCOPE_WRITE, "chain_name", e)) {
		return refused(e);
	}
	if (member) {
		int64_t inst = 0;
		char mregion[16];
		if (by_code(c->d, member, &inst, mregion, e))
			return -1;
		if (!inst)
			return reject(e, "unknown_institution", "member_credit_code",
				      "没有该统一社会信用代码的机构", "no institution with this credit code");
		char code[32] = "", now_role[32] = "";
		st = db_query(c->d, "SELECT code FROM chain_roles WHERE code = $1 OR name_zh = $1",
			      DB_ARGS(DV_S(role ? role : "")), e);
		got = st ? db_row(st, e) : -1;
		if (got == 1)
			snprintf(code, sizeof code, "%s", db_text(st, 0));
		db_done(st);
		if (got < 0)
			return -1;
		if (!code[0] || !strcmp(code, "lead"))
			return reject(e, "unknown_role", "role",
				      "成员角色应为 院校、培训机构、评价机构 或 成员企业（代码或名称）",
				      "role is school, training, evaluator or enterprise (a code or a name)");
		st = db_query(
			c->d,
			"SELECT role FROM skill_chain_members WHERE chain_id = $1 AND institution_id = $2",
			DB_ARGS(DV_I(chain), DV_I(inst)), e);
		got = st ? db_row(st, e) : -1;
		if (got == 1)
			snprintf(now_role, sizeof now_role, "%s", db_text(st, 0));
		db_done(st);
		if (got < 0)
			return -1;
		if (now_role[0] && strcmp(now_role, code))
			return err_set(e, 409, "duplicate", "member_credit_code",
				       "该机构已是本链成员（角色 %s）",
				       "the institution is a member already (role %s)", now_role),
			       1;
		if (!now_role[0]) {
			json_t *o = chain_add_member(c->d, c->a, chain, inst, code, e);
			if (!o)
				return refused(e);
			json_decref(o);
			added = 1;
		}
	}
	c->chains_created += created;
	c->members_added += added;
	c->unchanged += !created && !added;
	return 0;
}

static int finish(void *ctx, bool ok, err *e)
{
	return import_preview_end(((struct imp_ctx *)ctx)->preview, ok, e);
}

static json_t *detail(void *ctx, const import_result *res)
{
	struct imp_ctx *c = ctx;
	return json_pack("{s:I,s:I,s:I,s:I,s:I,s:I}", "rows", (json_int_t)res->rows, "stored",
			 (json_int_t)res->ok, "rejected", (json_int_t)res->rejected, "chains_created",
			 (json_int_t)c->chains_created, "members_added", (json_int_t)c->members_added,
			 "unchanged", (json_int_t)c->unchanged);
}

static const import_def def = {
	.spec = &spec,
	.row = row,
	.finish = finish,
	.flags = IMPORT_FIELD_ALWAYS,
	.audit_action = "skill_chain.import",
	.audit_entity = "skill_chains",
	.audit_detail = detail,
};

json_t *chain_import(db *d, const principal *a, const char *data, size_t len, bool all_or_nothing,
		     bool preview, err *e)
{
	if (!role_in(a, R_ADMINS))
		return err_set(e, 403, "forbidden", NULL, "技能生态链由省人社厅或链主企业所在市导入",
			       "the province or the lead's city imports chains"),
		       NULL;
	struct imp_ctx c = {.d = d, .a = a, .preview = preview};
	import_opts o = {.data = data,
			 .len = len,
			 .all_or_nothing = all_or_nothing,
			 .audit_entity_id = a->region[0] ? a->region : "37"};
	import_result res;
	err pe = {0};
	int rc = import_exec(d, a, &def, &c, &o, &res, preview ? &pe : e);
	if (rc != 0 && !(preview && pe.code && !strcmp(pe.code, "preview"))) {
		if (preview)
			*e = pe;
		import_result_free(&res);
		return NULL;
	}
	bool stored = !preview && res.stored;
	json_t *out =
		json_pack("{s:I,s:I,s:I,s:I,s:b,s:b,s:s,s:{s:I,s:I,s:I},s:o}", "rows", (json_int_t)res.rows,
			  "accepted", (json_int_t)res.ok, "imported", (json_int_t)(stored ? res.ok : 0),
			  "rejected", (json_int_t)res.rejected, "stored", stored, "preview", preview,
			  "encoding", res.encoding ? res.encoding : "utf-8", "counts", "chains_created",
			  (json_int_t)c.chains_created, "members_added", (json_int_t)c.members_added,
			  "unchanged", (json_int_t)c.unchanged, "errors", import_errors_json(&def, &res));
	import_result_free(&res);
	return out;
}
