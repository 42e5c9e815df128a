/* group_rules.c: subsidy rules by 重点群体 (group_rules.h) */
#include "util/common.h"
#include "svc/cultivation/group_rules.h"
#include "svc/base/tx.h"
#include "core/date.h"
#include "core/scope.h"
#include "core/money.h"

int group_terms_load(db *d, int kind, const char *region, int64_t person, int apply_ymd,
		     struct group_terms *t, err *e)
{
	memset(t, 0, sizeof *t);
	if (kind != SUB_SKILL_UP && kind != SUB_TRAINING && kind != SUB_SHORTAGE)
		return 0;
	char city[16], day[11];
	snprintf(city, sizeof city, "%.4s00", region ? region : "");
	date_format(apply_ymd, day);
	/* the city's rule first, then the province's of the same category, which is skipped */
	db_stmt *st =
		db_query(d,
			 "SELECT r.category, k.name, r.supplement_fen, COALESCE(r.insured_months, 0), "
			 "r.region_code FROM subsidy_group_rules r JOIN person_category_kinds k ON k.code = "
			 "r.category WHERE r.kind = $1 AND r.region_code IN ($2, '370000') ORDER BY "
			 "k.position, CASE WHEN r.region_code = '370000' THEN 1 ELSE 0 END",
			 DB_ARGS(DV_S(subsidy_kind_code(kind)), DV_S(city)), e);
	if (!st)
		return -1;
	while (t->nrules < GROUP_RULES_MAX && db_step(st) == DB_ROW) {
		const char *cat = db_text(st, 0);
		if (t->nrules && !strcmp(t->codes[t->nrules - 1], cat))
			continue; /* the province's, where the city has its own */
		size_t i = t->nrules++;
		snprintf(t->codes[i], sizeof t->codes[i], "%s", cat);
		snprintf(t->names[i], sizeof t->names[i], "%s", db_text(st, 1));
		t->rules[i] = (struct subsidy_group_rule){.kind = kind,
							  .category = t->codes[i],
							  .name = t->names[i],
							  .supplement = db_int(st, 2),
							  .insured_months = (int)db_int(st, 3)};
	}
	if (db_finish(st, e) != 0)
		return -1;
	if (!t->nrules)
		return 0;
	st = db_query(d,
		      "SELECT category FROM person_categories WHERE person_id = $1 AND valid_from <= $2 AND "
		      "(valid_to IS NULL OR valid_to >= $2) ORDER BY category",
		      DB_ARGS(DV_I(person), DV_S(day)), e);
	if (!st)
		return -1;
	while (t->nheld < GROUP_HELD_MAX && db_step(st) == DB_ROW) {
		size_t i = t->nheld++;
		snprintf(t->held_codes[i], sizeof t->held_codes[i], "%s", db_text(st, 0));
		t->held[i] = t->held_codes[i];
	}
	return db_finish(st, e);
}

static bool bureau(const principal *a)
{
	return a->role == ROLE_PROVINCE_ADMIN || a->role == ROLE_CITY_ADMIN;
}

static int forbidden(err *e)
{
	return err_set(e, 403, "forbidden", NULL, "重点群体补贴规则由省或本市人社部门设定",
		       "the province or the city sets the rules by category");
}

static json_t *rule_view(db_stmt *st)
{
	int kind = subsidy_kind_parse(db_text(st, 1));
	return json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:I,s:o,s:s,s:I}", "id", (json_int_t)db_int(st, 0), "kind",
			 db_text(st, 1), "kind_zh", subsidy_kind_zh(kind), "category", db_text(st, 2),
			 "category_name", db_text(st, 3), "region_code", db_text(st, 4), "supplement_fen",
			 (json_int_t)db_int(st, 5), "insured_months",
			 db_isnull(st, 6) ? json_null() : json_integer(db_int(st, 6)), "source",
			 db_text(st, 7), "updated_at", (json_int_t)db_int(st, 8));
}

json_t *group_rules_json(db *d, const principal *a, err *e)
{
	if (!bureau(a))
		return forbidden(e), NULL;
	char pat[24];
	snprintf(pat, sizeof pat, "%s%%", a->region);
	json_t *items = rows_json(
		db_query(d,
			 "SELECT r.id, r.kind, r.category, k.name, r.region_code, r.supplement_fen, "
			 "r.insured_months, r.source, r.updated_at FROM subsidy_group_rules r JOIN "
			 "person_category_kinds k ON k.code = r.category WHERE r.region_code = '370000' OR "
			 "r.region_code LIKE $1 ORDER BY r.kind, k.position, r.region_code",
			 DB_ARGS(DV_S(pat)), e),
		rule_view, e);
	return items ? json_pack("{s:o,s:s}", "items", items, "source_zh",
				 "种子未规定各重点群体的补贴标准（[GAP]）：规则为人社部门设定的数据")
		     : NULL;
}

struct put_ctx {
	const struct group_rule_input *in;
};

static int put_work(tx *t, void *ctx, err *e)
{
	const struct group_rule_input *in = ((struct put_ctx *)ctx)->in;
	char key[96];
	snprintf(key, sizeof key, "%s:%s:%s", in->kind, in->category, in->region_code);
	if (!in->supplement && !in->insured_months) {
		/* a rule that would change nothing: the rule is removed */
		int64_t n = db_run(t->d,
				   "DELETE FROM subsidy_group_rules WHERE kind = $1 AND category = $2 AND "
				   "region_code = $3",
				   DB_ARGS(DV_S(in->kind), DV_S(in->category), DV_S(in->region_code)), e);
		if (n < 0)
			return -1;
		if (!n)
			return err_set(e, 404, "not_found", "category", "没有这一规则可删除",
				       "no such rule to remove");
		tx_audit_key(t, "subsidy_group_rule.delete", "subsidy_group_rule", key,
			     json_pack("{s:s}", "source", in->source));
		return 0;
	}
	if (db_run(t->d,
		   "INSERT INTO subsidy_group_rules (kind, category, region_code, supplement_fen, "
		   "insured_months, source, updated_by, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8) ON "
		   "CONFLICT (kind, category, region_code) DO UPDATE SET supplement_fen = "
		   "excluded.supplement_fen, insured_months = excluded.insured_months, source = "
		   "excluded.source, "
		   "updated_by = excluded.updated_by, updated_at = excluded.updated_at",
		   DB_ARGS(DV_S(in->kind), DV_S(in->category), DV_S(in->region_code), DV_I(in->supplement),
			   in->insured_months ? DV_I(in->insured_months) : DV_NULL, DV_S(in->source),
			   DV_I(t->a->user_id), DV_I(now_s())),
		   e) < 0)
		return -1;
	tx_audit_key(t, "subsidy_group_rule.put", "subsidy_group_rule", key,
		     json_pack("{s:I,s:i,s:s}", "supplement_fen", (json_int_t)in->supplement,
			       "insured_months", in->insured_months, "source", in->source));
	return 0;
}

/* the region a bureau may set a rule for: the province 370000 (the province only), or a city it covers */
static int region_ok(db *d, const principal *a, const char *region, err *e)
{
	int64_t n = 0;
	if (region && !strcmp(region, "370000")) {
		if (a->role == ROLE_PROVINCE_ADMIN)
			return 0;
	} else if (region) {
		int rc = db_one_int(d, "SELECT COUNT(*) FROM regions WHERE code = $1 AND level = 'city'",
				    DB_ARGS(DV_S(region)), &n, e);
		if (rc != DB_OK)
			return db_rc_to_err(d, rc, e);
		if (n && region_covers(a->region, region))
			return 0;
	}
	return err_set(e, 404, "not_found", "region_code",
		       "不是本地区的地市区划代码（全省规则为 370000，由省厅设定）",
		       "no such city in your region (370000: province-wide, the province's)");
}

json_t *group_rule_put(db *d, const principal *a, const struct group_rule_input *in, err *e)
{
	if (!bureau(a))
		return forbidden(e), NULL;
	int kind = subsidy_kind_parse(in->kind);
	if (kind != SUB_SKILL_UP && kind != SUB_TRAINING && kind != SUB_SHORTAGE)
		return err_set(e, 422, "invalid_value", "kind",
			       "补贴类型应为 skill_up、training 或 shortage（新型学徒制补贴付给企业）",
			       "kind is skill_up, training or shortage (the apprenticeship subsidy is the "
			       "employer's)"),
		       NULL;
	if (check_text(in->source, "source", 200, true, e) || region_ok(d, a, in->region_code, e))
		return NULL;
	int64_t n = 0;
	int rc = db_one_int(d, "SELECT COUNT(*) FROM person_category_kinds WHERE code = $1",
			    DB_ARGS(DV_S(in->category ? in->category : "")), &n, e);
	if (rc != DB_OK)
		return db_rc_to_err(d, rc, e), NULL;
	if (!n)
		return err_set(e, 404, "not_found", "category", "没有这一重点群体类别", "no such category"),
		       NULL;
	const struct subsidy_rules *def = subsidy_rules_default();
	if (in->supplement < 0 || in->supplement > 10000000)
		return err_set(e, 422, "invalid_value", "supplement", "加发金额应在 0 至 100,000 元之间",
			       "the supplement is 0 to 100,000 yuan"),
		       NULL;
	if (in->insured_months &&
	    (kind != SUB_SKILL_UP || in->insured_months < 1 || in->insured_months > def->insured_months))
		return err_set(e, 422, "invalid_value", "insured_months",
			       "参保月数仅适用于技能提升补贴，且为 1 至 %d 个月",
			       "insured_months applies to skill_up only, 1 to %d months",
			       def->insured_months),
		       NULL;
	struct put_ctx c = {.in = in};
	return svc_tx(d, a, put_work, &c, e) ? NULL : group_rules_json(d, a, e);
}
