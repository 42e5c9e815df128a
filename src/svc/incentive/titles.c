/* titles.c: 贯通 — the series and rules as data, a person's titles and appraisals, the check and the
 * application with its review (see titles.h) */
#include "util/common.h"
#include "svc/incentive/titles.h"
#include "core/date.h"
#include "core/scope.h"
#include "core/title_flow.h"
#include "svc/base/scope.h"
#include "svc/base/svc.h"
#include "svc/base/tx.h"
#include "svc/cert/certs.h"
#include "svc/base/actions.h"
#include <ctype.h>

#define RULES_MAX  128
#define FACTS_MAX  64
#define TEXT_SHORT 64

static int province_only(const principal *a, err *e)
{
	if (a->role == ROLE_PROVINCE_ADMIN)
		return 0;
	return err_set(e, 403, "forbidden", NULL, "贯通的职称系列和规则由省级人社部门维护",
		       "the province maintains the 贯通 series and rules");
}

static int valid_code(const char *code)
{
	size_t n = code ? strlen(code) : 0;
	if (n < 2 || n > 32)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!(islower((unsigned char)code[i]) || isdigit((unsigned char)code[i]) || code[i] == '_'))
			return 0;
	return 1;
}

/* ---- the series and their rules ---- */

#define RULE_COLS                                                                                            \
	"id, series, kind, from_level, from_rank, years, appraisal_years, honour, honour_name, to_rank, "    \
	"to_level, source, active"

static json_t *rule_view(db_stmt *st)
{
	int kind = tt_kind_parse(db_text(st, 2));
	int from_rank = (int)db_int(st, 4), to_rank = (int)db_int(st, 9);
	return json_pack("{s:I,s:s,s:s,s:s,s:I,s:o,s:I,s:I,s:s,s:s,s:o,s:s,s:I,s:s,s:b}", "id",
			 (json_int_t)db_int(st, 0), "series", db_text(st, 1), "kind", db_text(st, 2),
			 "kind_zh", tt_kind_zh(kind), "from_level", (json_int_t)db_int(st, 3), "from_rank",
			 title_rank_code(from_rank) ? json_string(title_rank_code(from_rank)) : json_null(),
			 "years", (json_int_t)db_int(st, 5), "appraisal_years", (json_int_t)db_int(st, 6),
			 "honour", db_text(st, 7), "honour_name", db_text(st, 8), "to_rank",
			 title_rank_code(to_rank) ? json_string(title_rank_code(to_rank)) : json_null(),
			 "to_rank_zh", title_rank_zh(to_rank), "to_level", (json_int_t)db_int(st, 10),
			 "source", db_text(st, 11), "active", db_int(st, 12) != 0);
}

#define SERIES_COLS "code, name, rank1_name, rank2_name, rank3_name, rank4_name, source, active, position"

static json_t *series_view(db_stmt *st)
{
	json_t *names = json_array();
	for (int r = 1; r < TR_COUNT; r++) {
		const char *n = db_text(st, 1 + r);
		json_array_append_new(names, json_pack("{s:s,s:s,s:s}", "rank", title_rank_code(r), "rank_zh",
						       title_rank_zh(r), "name", n && *n ? n : ""));
	}
	return json_pack("{s:s,s:s,s:o,s:s,s:b,s:I}", "code", db_text(st, 0), "name", db_text(st, 1), "ranks",
			 names, "source", db_text(st, 6), "active", db_int(st, 7) != 0, "position",
			 (json_int_t)db_int(st, 8));
}

json_t *title_series_json(db *d, err *e)
{
	json_t *series = rows_json(
		db_query(d, "SELECT " SERIES_COLS " FROM title_series ORDER BY position, code", DB_NOARGS, e),
		series_view, e);
	json_t *rules = series ? rows_json(db_query(d, "SELECT " RULE_COLS " FROM title_rules ORDER BY id",
						    DB_NOARGS, e),
					   rule_view, e)
			       : NULL;
	if (!rules) {
		json_decref(series);
		return NULL;
	}
	size_t i, k;
	json_t *s, *r;
	json_array_foreach(series, i, s)
	{
		json_t *mine = json_array();
		const char *code = json_string_value(json_object_get(s, "code"));
		json_array_foreach(rules, k, r) if (!strcmp(json_string_value(json_object_get(r, "series")),
							    code)) json_array_append(mine, r);
		json_object_set_new(s, "rules", mine);
	}
	json_decref(rules);
	/* the occupations each series matches for 职称 → 技能等级 ([GAP]: none seeded) */
	db_stmt *st =
		db_query(d, "SELECT series, prefix FROM title_series_occupations ORDER BY series, prefix",
			 DB_NOARGS, e);
	json_t *occ = json_object();
	while (st && db_step(st) == DB_ROW) {
		json_t *l = json_object_get(occ, db_text(st, 0));
		if (!l)
			json_object_set_new(occ, db_text(st, 0), l = json_array());
		json_array_append_new(l, json_string(db_text(st, 1)));
	}
	if (!st || db_finish(st, e)) {
		json_decref(occ);
		json_decref(series);
		return NULL;
	}
	json_array_foreach(series, i, s)
	{
		json_t *l = json_object_get(occ, json_string_value(json_object_get(s, "code")));
		json_object_set_new(s, "occupations", l ? json_incref(l) : json_array());
	}
	json_decref(occ);
	return json_pack(
		"{s:o,s:I,s:s}", "items", series, "named_in_seed", (json_int_t)8, "gap",
		"种子 000 称贯通互评扩大到 8 个职称系列，只点名工程、农业、工艺美术、技工院校；其余 4 "
		"个系列名称未见于来源（[GAP]），由省级人社部门补充");
}

static json_t *series_one(db *d, const char *code, err *e)
{
	json_t *all = title_series_json(d, e);
	if (!all)
		return NULL;
	size_t i;
	json_t *s, *out = NULL;
	json_array_foreach(json_object_get(all, "items"), i,
			   s) if (!strcmp(json_string_value(json_object_get(s, "code")), code)) out =
		json_incref(s);
	json_decref(all);
	if (!out)
		err_set(e, 404, "not_found", NULL, "职称系列不存在", "no such title series");
	return out;
}

struct series_ctx {
	const char *code;
	const struct title_series_input *in;
	bool created;
};

static int series_work(tx *t, void *ctx, err *e)
{
	struct series_ctx *c = ctx;
	const struct title_series_input *in = c->in;
	int64_t have = 0, pos = 0;
	if (db_one_int(t->d, "SELECT COUNT(*) FROM title_series WHERE code = $1", DB_ARGS(DV_S(c->code)),
		       &have, e) != DB_OK ||
	    db_one_int(t->d, "SELECT COALESCE(MAX(position), 0) + 1 FROM title_series", DB_NOARGS, &pos, e) !=
		    DB_OK)
		return -1;
	const char *n[4];
	for (int i = 0; i < 4; i++)
		n[i] = in->rank_names[i] ? in->rank_names[i] : "";
	int64_t now = now_s();
	c->created = have == 0;
	if (c->created) {
		if (db_run(t->d,
			   "INSERT INTO title_series (code, name, rank1_name, rank2_name, rank3_name, "
			   "rank4_name, "
			   "source, active, position, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)",
			   DB_ARGS(DV_S(c->code), DV_S(in->name), DV_S(n[0]), DV_S(n[1]), DV_S(n[2]),
				   DV_S(n[3]), DV_S(in->source), DV_I(in->active == 0 ? 0 : 1), DV_I(pos),
				   DV_I(now)),
			   e) < 0)
			return -1;
	} else if (db_run(t->d,
			  "UPDATE title_series SET name = $2, rank1_name = $3, rank2_name = $4, rank3_name = "
			  "$5, "
			  "rank4_name = $6, source = $7, active = CASE WHEN $8 < 0 THEN active ELSE $8 END, "
			  "updated_at = $9 WHERE code = $1",
			  DB_ARGS(DV_S(c->code), DV_S(in->name), DV_S(n[0]), DV_S(n[1]), DV_S(n[2]),
				  DV_S(n[3]), DV_S(in->source), DV_I(in->active), DV_I(now)),
			  e) < 0) {
		return -1;
	}
	json_t *det = json_pack("{s:s,s:[s,s,s,s],s:s,s:i}", "name", in->name, "ranks", n[0], n[1], n[2],
				n[3], "source", in->source, "active", in->active);
	if (in->set_occupations) {
		/* the list replaces the series' list */
		if (db_run(t->d, "DELETE FROM title_series_occupations WHERE series = $1",
			   DB_ARGS(DV_S(c->code)), e) < 0) {
			json_decref(det);
			return -1;
		}
		json_t *l = json_array();
		for (size_t k = 0; k < in->noccupations; k++) {
			if (db_run(t->d,
				   "INSERT INTO title_series_occupations (series, prefix) VALUES ($1,$2) ON "
				   "CONFLICT DO NOTHING",
				   DB_ARGS(DV_S(c->code), DV_S(in->occupations[k])), e) < 0) {
				json_decref(det);
				json_decref(l);
				return -1;
			}
			json_array_append_new(l, json_string(in->occupations[k]));
		}
		json_object_set_new(det, "occupations", l);
	}
	tx_audit_key(t, c->created ? "title_series.created" : "title_series.updated", "title_series", c->code,
		     det);
	return 0;
}

json_t *title_series_put(db *d, const principal *a, const char *code, const struct title_series_input *in,
			 bool *created, err *e)
{
	if (province_only(a, e))
		return NULL;
	if (!valid_code(code)) {
		/* a path that cannot name a series, as a malformed id: 404 */
		err_set(e, 404, "not_found", "code",
			"职称系列不存在（代码应为 2 至 32 位小写字母、数字或下划线）",
			"no such title series (a code is 2 to 32 lower-case letters, digits or underscores)");
		return NULL;
	}
	if (check_text(in->name, "name", 40, true, e) || check_text(in->source, "source", 400, true, e))
		return NULL;
	static const char *const fields[4] = {"rank_names[0]", "rank_names[1]", "rank_names[2]",
					      "rank_names[3]"};
	for (int i = 0; i < 4; i++)
		if (in->rank_names[i] && check_text(in->rank_names[i], fields[i], 40, false, e))
			return NULL;
	if (in->active < -1 || in->active > 1) {
		err_set(e, 422, "invalid_value", "active", "active 应为布尔值", "active is a boolean");
		return NULL;
	}
	if (in->noccupations > 50) {
		err_set(e, 422, "too_many", "occupations", "相关职业至多 50 项", "at most 50 occupations");
		return NULL;
	}
	for (size_t k = 0; k < in->noccupations; k++) {
		/* a 职业编码 prefix: digits and dashes, "6" to "6-18-01-01" */
		const char *o = in->occupations[k];
		size_t n = o ? strlen(o) : 0;
		bool ok = n >= 1 && n <= 16 && isdigit((unsigned char)o[0]);
		for (size_t j = 0; ok && j < n; j++)
			ok = isdigit((unsigned char)o[j]) || (o[j] == '-' && j + 1 < n && o[j - 1] != '-');
		if (!ok) {
			err_set(e, 422, "invalid_value", "occupations",
				"相关职业应为职业编码或其前缀（如 6-18 或 6-18-01-01）",
				"an occupation is a 职业编码 or its prefix (6-18, 6-18-01-01)");
			return NULL;
		}
	}
	struct series_ctx c = {.code = code, .in = in};
	if (svc_tx(d, a, series_work, &c, e))
		return NULL;
	*created = c.created;
	return series_one(d, code, e);
}

static json_t *rule_one(db *d, int64_t id, err *e)
{
	db_stmt *st =
		db_query(d, "SELECT " RULE_COLS " FROM title_rules WHERE id = $1", DB_ARGS(DV_I(id)), e);
	json_t *o = NULL;
	int row = st ? db_row(st, e) : -1;
	if (row == 1)
		o = rule_view(st);
	db_done(st);
	if (row == 0)
		err_set(e, 404, "not_found", NULL, "贯通规则不存在", "no such 贯通 rule");
	return o;
}

struct rule_ctx {
	const struct tt_rule *r;
	int64_t id;
	bool active;
};

static int rule_add_work(tx *t, void *ctx, err *e)
{
	struct rule_ctx *c = ctx;
	const struct tt_rule *r = c->r;
	int64_t have = 0;
	if (db_one_int(t->d, "SELECT COUNT(*) FROM title_series WHERE code = $1", DB_ARGS(DV_S(r->series)),
		       &have, e) != DB_OK)
		return -1;
	if (!have)
		return err_set(e, 422, "unknown_series", "series", "职称系列不存在", "no such title series");
	int64_t now = now_s();
	if (db_one_int(
		    t->d,
		    "INSERT INTO title_rules (series, kind, from_level, from_rank, years, "
		    "appraisal_years, honour, "
		    "honour_name, to_rank, to_level, source, active, created_at, updated_at) VALUES "
		    "($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,1,$12,$12) RETURNING id",
		    DB_ARGS(DV_S(r->series), DV_S(tt_kind_code(r->kind)),
			    DV_I(r->kind == TT_SKILL_TO_TITLE || r->kind == TT_DUAL ? r->from_level : 0),
			    DV_I(r->kind == TT_TITLE_TO_LEVEL || r->kind == TT_DUAL ? r->from_rank : 0),
			    DV_I(r->years),
			    DV_I(r->kind == TT_SKILL_TO_TITLE || r->kind == TT_DUAL ? r->appraisal_years : 0),
			    DV_S(r->kind == TT_GREEN ? r->honour : ""),
			    DV_S(r->kind == TT_GREEN && r->honour_name ? r->honour_name : ""),
			    DV_I(r->kind == TT_TITLE_TO_LEVEL ? 0 : r->to_rank),
			    DV_I(r->kind == TT_TITLE_TO_LEVEL || r->kind == TT_DUAL ? r->to_level : 0),
			    DV_S(r->source), DV_I(now)),
		    &c->id, e) != DB_OK)
		return -1;
	tx_audit(t, "title_rule.created", "title_rule", c->id,
		 json_pack("{s:s,s:s,s:i,s:i,s:i,s:i,s:s,s:i,s:i,s:s}", "series", r->series, "kind",
			   tt_kind_code(r->kind), "from_level", r->from_level, "from_rank", r->from_rank,
			   "years", r->years, "appraisal_years", r->appraisal_years, "honour",
			   r->honour ? r->honour : "", "to_rank", r->to_rank, "to_level", r->to_level,
			   "source", r->source));
	return 0;
}

json_t *title_rule_add(db *d, const principal *a, const struct tt_rule *r, err *e)
{
	if (province_only(a, e) || tt_rule_check(r, e))
		return NULL;
	if (check_text(r->source, "source", 400, true, e) ||
	    (r->honour && check_text(r->honour, "honour", 32, false, e)) ||
	    (r->honour_name && check_text(r->honour_name, "honour_name", 40, false, e)))
		return NULL;
	struct rule_ctx c = {.r = r};
	if (svc_tx(d, a, rule_add_work, &c, e))
		return NULL;
	return rule_one(d, c.id, e);
}

static int rule_active_work(tx *t, void *ctx, err *e)
{
	struct rule_ctx *c = ctx;
	int64_t n = db_run(t->d, "UPDATE title_rules SET active = $2, updated_at = $3 WHERE id = $1",
			   DB_ARGS(DV_I(c->id), DV_I(c->active ? 1 : 0), DV_I(now_s())), e);
	if (n < 0)
		return -1;
	if (n == 0)
		return err_set(e, 404, "not_found", NULL, "贯通规则不存在", "no such 贯通 rule");
	tx_audit(t, "title_rule.updated", "title_rule", c->id, json_pack("{s:b}", "active", c->active));
	return 0;
}

json_t *title_rule_set_active(db *d, const principal *a, int64_t id, bool active, err *e)
{
	if (province_only(a, e))
		return NULL;
	struct rule_ctx c = {.id = id, .active = active};
	if (svc_tx(d, a, rule_active_work, &c, e))
		return NULL;
	return rule_one(d, id, e);
}

/* ---- a person's records ---- */

/* the person's region, and whether the caller may write the person (the scope table, SE_PERSON) */
static int person_region(db *d, const principal *a, int64_t person_id, enum scope_action act, char region[16],
			 err *e)
{
	scope_owner o;
	if (scope_load(d, a, SE_PERSON, person_id, &o, e))
		return -1;
	int v = o.found ? scope_decide(a, SE_PERSON, &o, act) : 404;
	if (v == 404)
		return err_set(e, 404, "not_found", "person_id", "人员不存在", "no such person");
	if (v)
		return err_set(e, 403, "forbidden", NULL, "无权为该人员记录",
			       "not allowed to record for this person");
	db_stmt *st =
		db_query(d, "SELECT region_code FROM persons WHERE id = $1", DB_ARGS(DV_I(person_id)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1 && region)
		snprintf(region, 16, "%s", db_text(st, 0));
	db_done(st);
	if (row == 0)
		return err_set(e, 404, "not_found", "person_id", "人员不存在", "no such person");
	return row < 0 ? -1 : 0;
}

#define TITLE_COLS                                                                                           \
	"pt.id, pt.series, COALESCE(ts.name, ''), pt.title_rank, pt.grade, pt.name, pt.obtained_on, "        \
	"pt.source, "                                                                                        \
	"pt.application_id"
#define TITLE_FROM " FROM person_titles pt LEFT JOIN title_series ts ON ts.code = pt.series"

static int grade_parse(const char *g)
{
	return !strcmp(g, "junior") ? 1 : !strcmp(g, "intermediate") ? 2 : !strcmp(g, "senior") ? 3 : 0;
}

/* a title recorded before 贯通 has a grade and no rank: 初级 1, 中级 2, 高级 3 (副高) */
static int rank_of(int rank, const char *grade)
{
	return rank > 0 ? rank : grade_parse(grade);
}

static json_t *title_view(db_stmt *st)
{
	int rank = rank_of((int)db_int(st, 3), db_text(st, 4));
	return json_pack("{s:I,s:s,s:s,s:o,s:s,s:s,s:s,s:s,s:s,s:o}", "id", (json_int_t)db_int(st, 0),
			 "series", db_text(st, 1), "series_name", db_text(st, 2), "rank",
			 title_rank_code(rank) ? json_string(title_rank_code(rank)) : json_null(), "rank_zh",
			 title_rank_zh(rank), "grade", db_text(st, 4), "name", db_text(st, 5), "obtained_on",
			 db_text(st, 6), "source", db_text(st, 7), "application_id",
			 db_isnull(st, 8) ? json_null() : json_integer(db_int(st, 8)));
}

/* the series' name for a rank, or the generic label "中级职称（农业系列）" */
static int rank_name(db *d, const char *series, int rank, char *out, size_t n, err *e)
{
	static const char *const cols[TR_COUNT] = {NULL, "rank1_name", "rank2_name", "rank3_name",
						   "rank4_name"};
	char sql[160];
	snprintf(sql, sizeof sql, "SELECT %s, name FROM title_series WHERE code = $1", cols[rank]);
	db_stmt *st = db_query(d, sql, DB_ARGS(DV_S(series)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		const char *own = db_text(st, 0);
		if (own && *own)
			snprintf(out, n, "%s", own);
		else
			snprintf(out, n, "%s（%s）", title_rank_zh(rank), db_text(st, 1));
	}
	db_done(st);
	if (row == 0)
		return err_set(e, 422, "unknown_series", "series", "职称系列不存在", "no such title series");
	return row < 0 ? -1 : 0;
}

struct title_add_ctx {
	int64_t person_id, id;
	const struct title_record_input *in;
	int rank;
	char obtained[11];
};

static int insert_title(tx *t, int64_t person_id, const char *series, int rank, const char *name,
			const char *obtained, const char *source, int64_t application_id, int64_t *id, err *e)
{
	return db_one_int(
		       t->d,
		       "INSERT INTO person_titles (person_id, grade, name, obtained_on, created_at, series, "
		       "title_rank, source, application_id) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) RETURNING id",
		       DB_ARGS(DV_I(person_id), DV_S(title_grade_code(title_rank_grade(rank))), DV_S(name),
			       DV_S(obtained), DV_I(now_s()), DV_S(series), DV_I(rank), DV_S(source),
			       application_id ? DV_I(application_id) : DV_NULL),
		       id, e) == DB_OK
		       ? 0
		       : -1;
}

static int title_add_work(tx *t, void *ctx, err *e)
{
	struct title_add_ctx *c = ctx;
	char name[TEXT_SHORT * 2];
	/* the series' name for the rank (and the series must exist) even when the title's own name is given
	 */
	if (rank_name(t->d, c->in->series, c->rank, name, sizeof name, e))
		return -1;
	if (c->in->name && *c->in->name)
		snprintf(name, sizeof name, "%s", c->in->name);
	if (insert_title(t, c->person_id, c->in->series, c->rank, name, c->obtained, c->in->source, 0, &c->id,
			 e))
		return -1;
	tx_audit(t, "person_title.imported", "person_title", c->id,
		 json_pack("{s:I,s:s,s:s,s:s,s:s,s:s}", "person_id", (json_int_t)c->person_id, "series",
			   c->in->series, "rank", title_rank_code(c->rank), "name", name, "obtained_on",
			   c->obtained, "source", c->in->source));
	return 0;
}

static json_t *title_one(db *d, int64_t id, err *e)
{
	return row_json(
		db_query(d, "SELECT " TITLE_COLS TITLE_FROM " WHERE pt.id = $1", DB_ARGS(DV_I(id)), e),
		title_view, e);
}

static int parse_day(const char *s, const char *field, char out[11], err *e)
{
	int ymd = 0;
	if (!s || !*s)
		return err_set(e, 422, "missing_field", field, "缺少日期", "the date is missing");
	if (date_parse(s, &ymd) || !date_valid(ymd) || ymd > date_today_utc8())
		return err_set(e, 422, "invalid_value", field, "日期应为不晚于今天的 YYYY-MM-DD",
			       "the date is a YYYY-MM-DD not after today");
	date_format(ymd, out);
	return 0;
}

json_t *person_title_add(db *d, const principal *a, int64_t person_id, const struct title_record_input *in,
			 err *e)
{
	if (a->role != ROLE_PROVINCE_ADMIN && a->role != ROLE_CITY_ADMIN) {
		err_set(e, 403, "forbidden", NULL, "职称记录由人社部门导入",
			"the bureau imports title records");
		return NULL;
	}
	struct title_add_ctx c = {.person_id = person_id, .in = in, .rank = title_rank_parse(in->rank)};
	if (check_text(in->series, "series", 32, true, e) || check_text(in->source, "source", 400, true, e) ||
	    (in->name && check_text(in->name, "name", 60, false, e)))
		return NULL;
	if (!c.rank) {
		err_set(e, 422, "invalid_value", "rank",
			"rank 应为 assistant、intermediate、deputy_senior 或 full_senior",
			"rank is assistant, intermediate, deputy_senior or full_senior");
		return NULL;
	}
	if (parse_day(in->obtained_on, "obtained_on", c.obtained, e) ||
	    person_region(d, a, person_id, SCOPE_WRITE, NULL, e))
		return NULL;
	if (svc_tx(d, a, title_add_work, &c, e))
		return NULL;
	return title_one(d, c.id, e);
}

static const char *const appraisal_results[] = {"excellent", "passed", "basic", "failed"};
static const char *const appraisal_zh[] = {"优秀", "合格", "基本合格", "不合格"};

static const char *appraisal_label(const char *r)
{
	for (size_t i = 0; i < ARRAY_LEN(appraisal_results); i++)
		if (!strcmp(r, appraisal_results[i]))
			return appraisal_zh[i];
	return "";
}

/* 合格以上: excellent and passed count for 贯通 */
static bool appraisal_passed(const char *r)
{
	return !strcmp(r, "excellent") || !strcmp(r, "passed");
}

static json_t *appraisal_view(db_stmt *st)
{
	return json_pack("{s:I,s:I,s:s,s:s,s:b,s:s,s:s}", "id", (json_int_t)db_int(st, 0), "year",
			 (json_int_t)db_int(st, 1), "result", db_text(st, 2), "result_zh",
			 appraisal_label(db_text(st, 2)), "passed", appraisal_passed(db_text(st, 2)),
			 "employer", db_text(st, 3), "source", db_text(st, 4));
}

struct appraisal_ctx {
	int64_t person_id, id;
	const struct appraisal_input *in;
	bool replaced;
};

static int appraisal_work(tx *t, void *ctx, err *e)
{
	struct appraisal_ctx *c = ctx;
	int rc = db_one_int(t->d, "SELECT id FROM person_appraisals WHERE person_id = $1 AND year = $2",
			    DB_ARGS(DV_I(c->person_id), DV_I(c->in->year)), &c->id, e);
	if (rc != DB_OK && rc != DB_NOT_FOUND)
		return -1;
	c->replaced = rc == DB_OK;
	const char *employer = c->in->employer ? c->in->employer : "";
	if (c->replaced) {
		if (db_run(t->d,
			   "UPDATE person_appraisals SET result = $2, employer = $3, source = $4, "
			   "imported_by = $5 "
			   "WHERE id = $1",
			   DB_ARGS(DV_I(c->id), DV_S(c->in->result), DV_S(employer), DV_S(c->in->source),
				   t->a->user_id ? DV_I(t->a->user_id) : DV_NULL),
			   e) < 0)
			return -1;
	} else if (db_one_int(t->d,
			      "INSERT INTO person_appraisals (person_id, year, result, employer, source, "
			      "imported_by, "
			      "created_at) VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id",
			      DB_ARGS(DV_I(c->person_id), DV_I(c->in->year), DV_S(c->in->result),
				      DV_S(employer), DV_S(c->in->source),
				      t->a->user_id ? DV_I(t->a->user_id) : DV_NULL, DV_I(now_s())),
			      &c->id, e) != DB_OK) {
		return -1;
	}
	tx_audit(t, c->replaced ? "person_appraisal.replaced" : "person_appraisal.recorded",
		 "person_appraisal", c->id,
		 json_pack("{s:I,s:i,s:s,s:s,s:s}", "person_id", (json_int_t)c->person_id, "year",
			   c->in->year, "result", c->in->result, "employer", employer, "source",
			   c->in->source));
	return 0;
}

json_t *person_appraisal_put(db *d, const principal *a, int64_t person_id, const struct appraisal_input *in,
			     err *e)
{
	if (a->role == ROLE_CANDIDATE || a->role == ROLE_PUBLIC) {
		err_set(e, 403, "forbidden", NULL, "年度考核由用人单位或人社部门记录",
			"the employer or the bureau records the yearly appraisal");
		return NULL;
	}
	if (!in->result || !*appraisal_label(in->result)) {
		err_set(e, 422, "invalid_value", "result", "result 应为 excellent、passed、basic 或 failed",
			"result is excellent, passed, basic or failed");
		return NULL;
	}
	int year = date_today_utc8() / 10000;
	if (in->year < 1990 || in->year > year) {
		err_set(e, 422, "invalid_value", "year", "考核年度应为 1990 至今年",
			"the year is 1990 to this year");
		return NULL;
	}
	if (check_text(in->source, "source", 400, true, e) ||
	    (in->employer && check_text(in->employer, "employer", 100, false, e)) ||
	    person_region(d, a, person_id, SCOPE_WRITE, NULL, e))
		return NULL;
	struct appraisal_ctx c = {.person_id = person_id, .in = in};
	if (svc_tx(d, a, appraisal_work, &c, e))
		return NULL;
	json_t *o = row_json(
		db_query(d, "SELECT id, year, result, employer, source FROM person_appraisals WHERE id = $1",
			 DB_ARGS(DV_I(c.id)), e),
		appraisal_view, e);
	if (o)
		json_object_set_new(o, "replaced", json_boolean(c.replaced));
	return o;
}

/* ---- facts and rules for the engine ---- */

struct rule_row {
	int64_t id;
	char series[33], honour[33], honour_name[TEXT_SHORT], source[400];
};

struct rules_loaded {
	struct tt_rule r[RULES_MAX];
	struct rule_row row[RULES_MAX];
	size_t n;
};

static int load_rules(db *d, struct rules_loaded *L, err *e)
{
	db_stmt *st = db_query(d, "SELECT " RULE_COLS " FROM title_rules WHERE active = 1 ORDER BY id",
			       DB_NOARGS, e);
	if (!st)
		return -1;
	L->n = 0;
	int rc;
	while (L->n < RULES_MAX && (rc = db_step(st)) == DB_ROW) {
		size_t i = L->n++;
		struct rule_row *w = &L->row[i];
		w->id = db_int(st, 0);
		snprintf(w->series, sizeof w->series, "%s", db_text(st, 1));
		snprintf(w->honour, sizeof w->honour, "%s", db_text(st, 7));
		snprintf(w->honour_name, sizeof w->honour_name, "%s", db_text(st, 8));
		snprintf(w->source, sizeof w->source, "%s", db_text(st, 11));
		L->r[i] = (struct tt_rule){.kind = tt_kind_parse(db_text(st, 2)),
					   .series = w->series,
					   .from_level = (int)db_int(st, 3),
					   .from_rank = (int)db_int(st, 4),
					   .years = (int)db_int(st, 5),
					   .appraisal_years = (int)db_int(st, 6),
					   .honour = w->honour,
					   .honour_name = w->honour_name,
					   .to_rank = (int)db_int(st, 9),
					   .to_level = (int)db_int(st, 10),
					   .source = w->source};
	}
	return db_finish(st, e);
}

struct facts_loaded {
	struct tt_facts f;
	struct tt_work work[FACTS_MAX];
	struct tt_cert certs[FACTS_MAX];
	struct tt_title titles[FACTS_MAX];
	struct tt_appraisal appr[FACTS_MAX];
	struct tt_honour hon[FACTS_MAX];
	char occ[FACTS_MAX][32], series[FACTS_MAX][33], kind[FACTS_MAX][33];
};

static int day_of(const char *s)
{
	int ymd = 0;
	return s && date_parse(s, &ymd) == 0 ? ymd : 0;
}

/* the occupation against the series' list (TT_MATCH_UNLISTED when the series lists none) */
static int occupation_match(db *d, const char *series, const char *occupation, int *match, err *e)
{
	*match = TT_MATCH_UNLISTED;
	if (!occupation || !*occupation)
		return 0;
	int64_t listed = 0, hit = 0;
	if (db_one_int(d, "SELECT COUNT(*) FROM title_series_occupations WHERE series = $1",
		       DB_ARGS(DV_S(series)), &listed, e) != DB_OK)
		return -1;
	if (!listed)
		return 0;
	/* a prefix matches the code itself or a code under it ("6-18" matches "6-18-01-01", not "6-180") */
	if (db_one_int(d,
		       "SELECT COUNT(*) FROM title_series_occupations WHERE series = $1 AND ($2 = prefix OR "
		       "substr($2, 1, length(prefix) + 1) = prefix || '-')",
		       DB_ARGS(DV_S(series), DV_S(occupation)), &hit, e) != DB_OK)
		return -1;
	*match = hit ? TT_MATCH_YES : TT_MATCH_NO;
	return 0;
}

static int load_facts(db *d, int64_t person_id, const char *occupation, struct facts_loaded *F, err *e)
{
	memset(&F->f, 0, sizeof F->f);
	F->f.today = date_today_utc8();
	/* work in the occupation applied for, or with no occupation recorded (as 申报条件 counts it) */
	if (occupation && *occupation) {
		db_stmt *w =
			db_query(d,
				 "SELECT start_date, end_date FROM person_work_history WHERE person_id = $1 "
				 "AND (occupation_code IS NULL OR occupation_code = $2) ORDER BY start_date",
				 DB_ARGS(DV_I(person_id), DV_S(occupation)), e);
		if (!w)
			return -1;
		while (F->f.nwork < FACTS_MAX && db_step(w) == DB_ROW) {
			size_t i = F->f.nwork++;
			F->work[i] = (struct tt_work){day_of(db_text(w, 0)),
						      db_isnull(w, 1) ? 0 : day_of(db_text(w, 1))};
		}
		if (db_finish(w, e))
			return -1;
	}
	db_stmt *st = db_query(
		d,
		"SELECT level, issued_on, occupation_code FROM certificates WHERE person_id = $1 AND "
		"status = 'valid' AND level BETWEEN 1 AND 5 ORDER BY id",
		DB_ARGS(DV_I(person_id)), e);
	if (!st)
		return -1;
	while (F->f.ncerts < FACTS_MAX && db_step(st) == DB_ROW) {
		size_t i = F->f.ncerts++;
		snprintf(F->occ[i], sizeof F->occ[i], "%s", db_text(st, 2));
		F->certs[i] = (struct tt_cert){(int)db_int(st, 0), day_of(db_text(st, 1)), F->occ[i]};
	}
	if (db_finish(st, e))
		return -1;
	/* a level granted through a title before decisions issued certificates (an approved title_to_level
	 * decision without one) is held like a certificate; since 045 the certificate itself counts */
	st = db_query(
		d,
		"SELECT to_level, decided_on, occupation_code FROM title_applications WHERE person_id "
		"= $1 AND "
		"kind = 'title_to_level' AND status = 'approved' AND certificate_id IS NULL ORDER BY id",
		DB_ARGS(DV_I(person_id)), e);
	if (!st)
		return -1;
	while (F->f.ncerts < FACTS_MAX && db_step(st) == DB_ROW) {
		size_t i = F->f.ncerts++;
		snprintf(F->occ[i], sizeof F->occ[i], "%s", db_text(st, 2));
		F->certs[i] = (struct tt_cert){(int)db_int(st, 0), day_of(db_text(st, 1)), F->occ[i]};
	}
	if (db_finish(st, e))
		return -1;
	st = db_query(d,
		      "SELECT series, title_rank, grade, obtained_on FROM person_titles WHERE person_id = $1",
		      DB_ARGS(DV_I(person_id)), e);
	if (!st)
		return -1;
	while (F->f.ntitles < FACTS_MAX && db_step(st) == DB_ROW) {
		size_t i = F->f.ntitles++;
		snprintf(F->series[i], sizeof F->series[i], "%s", db_text(st, 0));
		F->titles[i] = (struct tt_title){F->series[i], rank_of((int)db_int(st, 1), db_text(st, 2)),
						 day_of(db_text(st, 3))};
	}
	if (db_finish(st, e))
		return -1;
	st = db_query(d, "SELECT year, result FROM person_appraisals WHERE person_id = $1",
		      DB_ARGS(DV_I(person_id)), e);
	if (!st)
		return -1;
	while (F->f.nappraisals < FACTS_MAX && db_step(st) == DB_ROW) {
		size_t i = F->f.nappraisals++;
		F->appr[i] = (struct tt_appraisal){(int)db_int(st, 0), appraisal_passed(db_text(st, 1))};
	}
	if (db_finish(st, e))
		return -1;
	st = db_query(d, "SELECT kind, awarded_on FROM person_honours WHERE person_id = $1",
		      DB_ARGS(DV_I(person_id)), e);
	if (!st)
		return -1;
	while (F->f.nhonours < FACTS_MAX && db_step(st) == DB_ROW) {
		size_t i = F->f.nhonours++;
		snprintf(F->kind[i], sizeof F->kind[i], "%s", db_text(st, 0));
		F->hon[i] = (struct tt_honour){F->kind[i], day_of(db_text(st, 1))};
	}
	if (db_finish(st, e))
		return -1;
	F->f.work = F->work;
	F->f.certs = F->certs;
	F->f.titles = F->titles;
	F->f.appraisals = F->appr;
	F->f.honours = F->hon;
	return 0;
}

static json_t *decision_json(const struct tt_decision *dec, const struct rules_loaded *L, int chosen)
{
	json_t *checks = json_array();
	for (int i = 0; i < dec->nchecks; i++) {
		const struct tt_check *c = &dec->checks[i];
		json_array_append_new(checks, json_pack("{s:s,s:b,s:s,s:s,s:s}", "id", c->id, "ok", c->ok,
							"code", c->code, "zh", c->zh, "en", c->en));
	}
	return json_pack("{s:b,s:o,s:o,s:s}", "ok", dec->ok, "rule_id",
			 chosen >= 0 ? json_integer(L->row[chosen].id) : json_null(), "checks", checks,
			 "source", chosen >= 0 ? L->row[chosen].source : "");
}

/* the target as the engine reads it, checked */
struct target {
	struct tt_target t;
	int64_t person_id, institution_id;
	char region[16];
	const char *occupation, *honour;
};

/* the evaluation institution that will issue the level certificate: filed, with a certificate-number
 * prefix (a training institution has none) */
static int read_institution(db *d, int64_t id, err *e)
{
	if (id <= 0)
		return err_set(e, 422, "missing_field", "institution_id", "缺少颁发技能等级证书的评价机构",
			       "institution_id (the issuing institution) is required");
	db_stmt *st = db_query(d, "SELECT status, COALESCE(inst_code, '') FROM institutions WHERE id = $1",
			       DB_ARGS(DV_I(id)), e);
	int row = st ? db_row(st, e) : -1;
	int rc = row < 0 ? -1 : 0;
	if (row == 0)
		rc = err_set(e, 422, "unknown_institution", "institution_id", "评价机构不存在",
			     "no such evaluation institution");
	else if (row == 1 && strcmp(db_text(st, 0), "filed"))
		rc = err_set(e, 422, "institution_inactive", "institution_id", "评价机构已暂停或退出",
			     "the evaluation institution is suspended or has exited");
	else if (row == 1 && !*db_text(st, 1))
		rc = err_set(e, 422, "not_an_evaluator", "institution_id",
			     "该机构没有证书编号前缀，不能颁发技能等级证书",
			     "the institution has no certificate-number prefix and issues no certificates");
	db_done(st);
	return rc;
}

static int read_target(db *d, const principal *a, const struct title_target_input *in, struct target *T,
		       err *e)
{
	memset(T, 0, sizeof *T);
	if (a->role == ROLE_CANDIDATE) {
		if (a->person_id <= 0 || (in->person_id && in->person_id != a->person_id))
			return err_set(e, 403, "forbidden", NULL, "只能为本人申请",
				       "a worker applies for themself only");
		T->person_id = a->person_id;
	} else if (a->role == ROLE_PROVINCE_ADMIN || a->role == ROLE_CITY_ADMIN) {
		if (in->person_id <= 0)
			return err_set(e, 422, "missing_field", "person_id", "缺少人员",
				       "person_id is required");
		T->person_id = in->person_id;
	} else {
		return err_set(e, 403, "forbidden", NULL, "贯通由本人申请，或由人社部门窗口代为申请",
			       "the worker applies, or the bureau's window for them");
	}
	T->t.kind = tt_kind_parse(in->kind);
	if (T->t.kind < 0)
		return err_set(e, 422, "invalid_value", "kind",
			       "kind 应为 skill_to_title、green_channel、title_to_level 或 dual",
			       "kind is skill_to_title, green_channel, title_to_level or dual");
	if (check_text(in->series, "series", 32, true, e))
		return -1;
	int64_t active = 0;
	int rc = db_one_int(d, "SELECT active FROM title_series WHERE code = $1", DB_ARGS(DV_S(in->series)),
			    &active, e);
	if (rc == DB_NOT_FOUND || (rc == DB_OK && !active))
		return err_set(e, 422, "unknown_series", "series", "职称系列不存在或已停用",
			       "no such title series, or it is no longer active");
	if (rc != DB_OK)
		return -1;
	T->t.series = in->series;
	if (T->t.kind == TT_TITLE_TO_LEVEL || T->t.kind == TT_DUAL) {
		if (in->level < 1 || in->level > 5)
			return err_set(e, 422, "invalid_value", "level", "技能等级应为 1 至 5",
				       "level is 1 to 5");
		if (check_text(in->occupation, "occupation_code", 32, true, e))
			return -1;
		int64_t occ = 0;
		if (db_one_int(d, "SELECT COUNT(*) FROM occupations WHERE code = $1 AND kind = 'occupation'",
			       DB_ARGS(DV_S(in->occupation)), &occ, e) != DB_OK)
			return -1;
		if (!occ)
			return err_set(e, 422, "unknown_occupation", "occupation_code",
				       "职业（工种）编码不存在", "no such occupation code");
		T->t.level = in->level;
		T->occupation = in->occupation;
		if (read_institution(d, in->institution_id, e))
			return -1;
		T->institution_id = in->institution_id;
	}
	if (T->t.kind == TT_TITLE_TO_LEVEL) {
		/* the level only */
	} else {
		T->t.rank = title_rank_parse(in->rank);
		if (!T->t.rank)
			return err_set(e, 422, "invalid_value", "rank",
				       "rank 应为 assistant、intermediate、deputy_senior 或 full_senior",
				       "rank is assistant, intermediate, deputy_senior or full_senior");
		if (T->t.kind == TT_GREEN && in->honour && *in->honour) {
			if (check_text(in->honour, "honour", 32, false, e))
				return -1;
			T->t.honour = T->honour = in->honour;
		}
	}
	/* who may apply for whom: the scope table's write reach over an application of the person's region */
	if (person_region(d, a, T->person_id, SCOPE_READ, T->region, e))
		return -1;
	scope_owner o = {.found = true, .person_id = T->person_id};
	snprintf(o.region, sizeof o.region, "%s", T->region);
	if (scope_decide(a, SE_TITLE_APPLICATION, &o, SCOPE_WRITE))
		return err_set(e, 403, "forbidden", NULL, "无权为该人员申请贯通",
			       "not allowed to apply for this person");
	return 0;
}

static int decide(db *d, const struct target *T, struct rules_loaded *L, struct tt_decision *dec, int *chosen,
		  err *e)
{
	struct facts_loaded *F = xcalloc(1, sizeof *F);
	int rc = load_facts(d, T->person_id, T->occupation, F, e);
	if (!rc)
		rc = occupation_match(d, T->t.series, T->occupation, &F->f.match, e);
	if (!rc) {
		F->f.occupation = T->occupation;
		tt_decide_target(L->r, L->n, &T->t, &F->f, dec, chosen);
	}
	free(F);
	return rc;
}

json_t *title_check_json(db *d, const principal *a, const struct title_target_input *in, err *e)
{
	struct target T;
	if (read_target(d, a, in, &T, e))
		return NULL;
	struct rules_loaded *L = xcalloc(1, sizeof *L);
	struct tt_decision dec;
	int chosen = -1;
	json_t *o = NULL;
	if (!load_rules(d, L, e) && !decide(d, &T, L, &dec, &chosen, e)) {
		o = decision_json(&dec, L, chosen);
		json_object_set_new(o, "person_id", json_integer(T.person_id));
		json_object_set_new(o, "kind", json_string(tt_kind_code(T.t.kind)));
		json_object_set_new(o, "series", json_string(T.t.series));
	}
	free(L);
	return o;
}

/* ---- the application ---- */

#define APP_COLS                                                                                             \
	"ta.id, ta.person_id, p.name, ta.region_code, ta.kind, ta.series, COALESCE(ts.name, ''), "           \
	"ta.to_rank, "                                                                                       \
	"ta.to_level, ta.occupation_code, ta.honour, ta.rule_id, ta.status, ta.city_opinion, "               \
	"ta.province_opinion, ta.title_id, ta.applied_on, ta.decided_on, ta.created_at, ta.updated_at, "     \
	"ta.institution_id, COALESCE(ti.name, ''), tc.number"
#define APP_FROM                                                                                             \
	" FROM title_applications ta JOIN persons p ON p.id = ta.person_id LEFT JOIN title_series ts ON "    \
	"ts.code = ta.series LEFT JOIN institutions ti ON ti.id = ta.institution_id LEFT JOIN certificates " \
	"tc ON tc.id = ta.certificate_id"

static json_t *app_view(db_stmt *st)
{
	int kind = tt_kind_parse(db_text(st, 4)), rank = (int)db_int(st, 7);
	const char *status = db_text(st, 12);
	return json_pack(
		"{s:I,s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:o,s:s,s:I,s:s,s:s,s:o,s:s,s:s,s:s,s:s,s:s,s:o,s:s,"
		"s:s,s:I,s:I}",
		"id", (json_int_t)db_int(st, 0), "person_id", (json_int_t)db_int(st, 1), "person_name",
		db_text(st, 2), "region_code", db_text(st, 3), "kind", db_text(st, 4), "kind_zh",
		tt_kind_zh(kind), "series", db_text(st, 5), "series_name", db_text(st, 6), "to_rank",
		title_rank_code(rank) ? json_string(title_rank_code(rank)) : json_null(), "to_rank_zh",
		title_rank_zh(rank), "to_level", (json_int_t)db_int(st, 8), "to_level_zh",
		tt_level_zh((int)db_int(st, 8)), "occupation_code", db_text(st, 9), "rule_id",
		db_isnull(st, 11) ? json_null() : json_integer(db_int(st, 11)), "honour", db_text(st, 10),
		"status", status, "status_zh", fsm_state_zh(&title_fsm, status), "status_en",
		fsm_state_en(&title_fsm, status), "city_opinion", db_text(st, 13), "title_id",
		db_isnull(st, 15) ? json_null() : json_integer(db_int(st, 15)), "province_opinion",
		db_text(st, 14), "applied_on", db_text(st, 16), "created_at", (json_int_t)db_int(st, 18),
		"updated_at", (json_int_t)db_int(st, 19));
}

static json_t *app_list_view(db_stmt *st)
{
	json_t *o = app_view(st);
	json_object_set_new(o, "decided_on", json_string(db_text(st, 17)));
	json_object_set_new(o, "institution_id",
			    db_isnull(st, 20) ? json_null() : json_integer(db_int(st, 20)));
	json_object_set_new(o, "institution_name", json_string(db_text(st, 21)));
	json_object_set_new(o, "certificate_number",
			    db_isnull(st, 22) ? json_null() : json_string(db_text(st, 22)));
	return o;
}

static const struct list_filter app_filters[] = {
	{"status", "ta.status = ?", LIST_EQ, .max = 16},
	{"kind", "ta.kind = ?", LIST_EQ, .max = 16},
	{"series", "ta.series = ?", LIST_EQ, .max = 32},
	{"person_id", "ta.person_id = ?", LIST_ID},
	{"region_code", "ta.region_code LIKE ?", LIST_REGION, .max = 12},
};
static const struct list_sort app_sorts[] = {{"id", "ta.id"}, {"applied_on", "ta.applied_on"}};
static const struct export_col app_cols[] = {
	{"id", "申请编号"},	      {"person_name", "姓名"},	   {"region_code", "地区"},
	{"kind_zh", "贯通方向"},      {"series_name", "职称系列"}, {"to_rank_zh", "申报职称层级"},
	{"to_level", "申报技能等级"}, {"status_zh", "状态"},	   {"applied_on", "申请日期"},
	{"decided_on", "决定日期"},
};

const struct list_spec title_app_list = {
	.name = "title_applications",
	.scoped = true,
	.entity = SE_TITLE_APPLICATION,
	.count_sql = "SELECT COUNT(*)" APP_FROM,
	.select_sql = "SELECT " APP_COLS APP_FROM,
	.order = "ta.id DESC",
	LIST_FILTERS(app_filters),
	LIST_SORTS(app_sorts),
	.view = app_list_view,
	LIST_COLS(app_cols),
};

struct apply_ctx {
	const struct target *T;
	struct rules_loaded *L;
	int64_t id;
};

static int apply_work(tx *t, void *ctx, err *e)
{
	struct apply_ctx *c = ctx;
	const struct target *T = c->T;
	struct tt_decision dec;
	int chosen = -1;
	if (decide(t->d, T, c->L, &dec, &chosen, e))
		return -1;
	if (!dec.ok) {
		const struct tt_check *f = NULL;
		for (int i = 0; i < dec.nchecks && !f; i++)
			if (!dec.checks[i].ok)
				f = &dec.checks[i];
		return err_set(e, 422, "conditions_not_met", f ? f->id : NULL, "贯通条件不满足：%s%.0s",
			       "the 贯通 conditions do not hold: %.0s%s", f ? f->zh : "", f ? f->en : "");
	}
	int64_t live = 0;
	if (db_one_int(t->d,
		       "SELECT COUNT(*) FROM title_applications WHERE person_id = $1 AND kind = $2 AND "
		       "series = $3 AND "
		       "to_rank = $4 AND to_level = $5 AND occupation_code = $6 AND status IN "
		       "('submitted','recommended')",
		       DB_ARGS(DV_I(T->person_id), DV_S(tt_kind_code(T->t.kind)), DV_S(T->t.series),
			       DV_I(T->t.rank), DV_I(T->t.level), DV_S(T->occupation ? T->occupation : "")),
		       &live, e) != DB_OK)
		return -1;
	if (live)
		return err_set(e, 409, "already_applied", NULL, "已有同一目标的贯通申请在审核中",
			       "an application for the same target is under review");
	json_t *dj = decision_json(&dec, c->L, chosen);
	char *text = json_dumps(dj, JSON_COMPACT);
	char today[11];
	date_format(date_today_utc8(), today);
	int64_t now = now_s();
	int rc = db_one_int(
		t->d,
		"INSERT INTO title_applications (person_id, region_code, kind, series, to_rank, to_level, "
		"occupation_code, honour, rule_id, status, decision, applied_on, created_at, updated_at, "
		"institution_id) VALUES "
		"($1,$2,$3,$4,$5,$6,$7,$8,$9,'submitted',$10,$11,$12,$12,$13) RETURNING id",
		DB_ARGS(DV_I(T->person_id), DV_S(T->region), DV_S(tt_kind_code(T->t.kind)), DV_S(T->t.series),
			DV_I(T->t.rank), DV_I(T->t.level), DV_S(T->occupation ? T->occupation : ""),
			DV_S(T->t.kind == TT_GREEN ? c->L->row[chosen].honour : ""),
			DV_I(c->L->row[chosen].id), DV_S(text ? text : "{}"), DV_S(today), DV_I(now),
			T->institution_id ? DV_I(T->institution_id) : DV_NULL),
		&c->id, e);
	free(text);
	if (rc != DB_OK) {
		json_decref(dj);
		if (e->status == 409)
			return err_set(e, 409, "already_applied", NULL, "已有同一目标的贯通申请在审核中",
				       "an application for the same target is under review");
		return -1;
	}
	json_object_set_new(dj, "person_id", json_integer(T->person_id));
	tx_audit(t, "title_application.submitted", "title_application", c->id, dj);
	return 0;
}

json_t *title_apply(db *d, const principal *a, const struct title_target_input *in, err *e)
{
	struct target T;
	if (read_target(d, a, in, &T, e))
		return NULL;
	struct apply_ctx c = {.T = &T, .L = xcalloc(1, sizeof *c.L)};
	int rc = load_rules(d, c.L, e) ? -1 : svc_tx(d, a, apply_work, &c, e);
	free(c.L);
	return rc ? NULL : title_app_get_json(d, a, c.id, e);
}

/* the application's row as the move and the read need it, and the caller's access (1 read, 2 write) */
struct app_row {
	int64_t person_id, rule_id, institution_id;
	int kind, to_rank, to_level;
	char series[33], occupation[33], honour[33], status[16], region[16];
};

static int load_app(db *d, const principal *a, int64_t id, struct app_row *r, int *acc, err *e)
{
	scope_owner o;
	if (scope_load(d, a, SE_TITLE_APPLICATION, id, &o, e))
		return -1;
	if (!o.found || scope_decide(a, SE_TITLE_APPLICATION, &o, SCOPE_READ))
		return err_set(e, 404, "not_found", NULL, "贯通申请不存在", "no such 贯通 application");
	db_stmt *st = db_query(
		d,
		"SELECT person_id, kind, series, to_rank, to_level, occupation_code, honour, status, "
		"region_code, COALESCE(rule_id, 0), COALESCE(institution_id, 0) FROM title_applications "
		"WHERE id = $1",
		DB_ARGS(DV_I(id)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		r->person_id = db_int(st, 0);
		r->kind = tt_kind_parse(db_text(st, 1));
		snprintf(r->series, sizeof r->series, "%s", db_text(st, 2));
		r->to_rank = (int)db_int(st, 3);
		r->to_level = (int)db_int(st, 4);
		snprintf(r->occupation, sizeof r->occupation, "%s", db_text(st, 5));
		snprintf(r->honour, sizeof r->honour, "%s", db_text(st, 6));
		snprintf(r->status, sizeof r->status, "%s", db_text(st, 7));
		snprintf(r->region, sizeof r->region, "%s", db_text(st, 8));
		r->rule_id = db_int(st, 9);
		r->institution_id = db_int(st, 10);
	}
	db_done(st);
	if (row == 0)
		return err_set(e, 404, "not_found", NULL, "贯通申请不存在", "no such 贯通 application");
	if (row < 0)
		return -1;
	*acc = 1 | (scope_decide(a, SE_TITLE_APPLICATION, &o, SCOPE_WRITE) == 0 ? 2 : 0);
	return 0;
}

/* the conditions again, on today's records, for the guard; the rule the application was filed under is
 * tried with the others leading to the same target */
static int recheck(db *d, const struct app_row *r, bool *ok, json_t **dj, err *e)
{
	struct target T = {.person_id = r->person_id};
	T.t = (struct tt_target){.kind = r->kind,
				 .series = r->series,
				 .rank = r->to_rank,
				 .level = r->to_level,
				 .honour = *r->honour ? r->honour : NULL};
	T.occupation = r->occupation;
	struct rules_loaded *L = xcalloc(1, sizeof *L);
	struct tt_decision dec;
	int chosen = -1, rc = load_rules(d, L, e) ? -1 : decide(d, &T, L, &dec, &chosen, e);
	if (!rc) {
		*ok = dec.ok;
		if (dj)
			*dj = decision_json(&dec, L, chosen);
	}
	free(L);
	return rc;
}

static json_t *actions_json(const struct app_row *r, int acc, const principal *a)
{
	return fsm_actions_json(&title_fsm, r->status, fsm_acting(a, acc & 2));
}

json_t *title_app_get_json(db *d, const principal *a, int64_t id, err *e)
{
	struct app_row r;
	int acc = 0;
	if (load_app(d, a, id, &r, &acc, e))
		return NULL;
	db_stmt *st = db_query(d, "SELECT " APP_COLS ", ta.decision" APP_FROM " WHERE ta.id = $1",
			       DB_ARGS(DV_I(id)), e);
	int row = st ? db_row(st, e) : -1;
	json_t *o = NULL;
	if (row == 1) {
		o = app_list_view(st);
		json_error_t je;
		json_t *dec = json_loads(db_text(st, 23), 0, &je);
		json_object_set_new(o, "decision", dec ? dec : json_object());
	}
	db_done(st);
	if (!o) {
		if (!err_isset(e))
			err_set(e, 404, "not_found", NULL, "贯通申请不存在", "no such 贯通 application");
		return NULL;
	}
	json_object_set_new(o, "actions", actions_json(&r, acc, a));
	if ((r.kind == TT_TITLE_TO_LEVEL || r.kind == TT_DUAL) && !strcmp(r.status, "approved")) {
		json_t *no = json_object_get(o, "certificate_number");
		json_object_set_new(
			o, "level_decision",
			json_pack("{s:s,s:I,s:O,s:s,s:s}", "occupation_code", r.occupation, "level",
				  (json_int_t)r.to_level, "certificate_number", no ? no : json_null(), "zh",
				  json_is_string(no)
					  ? "准予以贯通取得该职业技能等级，评价机构已颁发证书"
					  : "准予以职称贯通取得该职业技能等级（045 之前的决定，未颁发证书）",
				  "en",
				  json_is_string(no) ? "the level is granted through 贯通; the evaluation "
						       "institution issued the certificate"
						     : "the level is granted through the title (a decision "
						       "before 045: no certificate)"));
	}
	return o;
}

struct move_ctx {
	int64_t id;
	const char *to, *reason;
};

/* the basis a decision's certificate carries: the kind, the application, what the applicant held, the rule's
 * source ("职称贯通技能等级（申请 12）：工程系列 工程师 2020-05-01；规则：…") */
static int grant_basis(db *d, const struct app_row *r, int64_t id, char *out, size_t n, err *e)
{
	db_stmt *st =
		db_query(d,
			 "SELECT COALESCE(ts.name, ''), COALESCE(tr.source, ''), COALESCE((SELECT pt.name "
			 "|| ' ' || pt.obtained_on FROM person_titles pt WHERE pt.person_id = $2 AND "
			 "pt.series = $3 AND pt.title_rank >= tr.from_rank AND tr.from_rank > 0 ORDER BY "
			 "pt.obtained_on LIMIT 1), '') FROM title_rules tr LEFT JOIN title_series ts ON "
			 "ts.code = tr.series WHERE tr.id = $1",
			 DB_ARGS(DV_I(r->rule_id), DV_I(r->person_id), DV_S(r->series)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		const char *held = db_text(st, 2);
		snprintf(out, n, "%s（申请 %lld）：%s%s%s；规则：%s", tt_kind_zh(r->kind), (long long)id,
			 db_text(st, 0), *held ? " " : "", held, db_text(st, 1));
	}
	db_done(st);
	if (row == 0)
		return err_set(e, 409, "rule_missing", NULL, "贯通申请所依据的规则不存在",
			       "the application's rule is missing");
	return row < 0 ? -1 : 0;
}

static int move_work(tx *t, void *ctx, err *e)
{
	struct move_ctx *m = ctx;
	struct app_row r;
	int acc = 0;
	if (load_app(t->d, t->a, m->id, &r, &acc, e))
		return -1;
	struct title_ctx tc = {0};
	json_t *dj = NULL;
	const struct fsm_transition *tr = fsm_find(&title_fsm, r.status, m->to);
	if (tr && tr->guards[0] && recheck(t->d, &r, &tc.conditions_ok, &dj, e))
		return -1;
	if (fsm_decide(&title_fsm, r.status, m->to, fsm_acting(t->a, acc & 2), m->reason, &tc, &tr, e)) {
		json_decref(dj);
		return -1;
	}
	char today[11];
	date_format(date_today_utc8(), today);
	const char *reason = m->reason ? m->reason : "";
	unsigned fx = tr->effects;
	bool city = (fx & TITLE_FX_CITY) != 0;
	int64_t title_id = 0;
	char *dtext = dj ? json_dumps(dj, JSON_COMPACT) : NULL;
	json_decref(dj);
	char cert_no[24] = "";
	if (fx & TITLE_FX_GRANT && r.kind != TT_TITLE_TO_LEVEL) {
		char name[TEXT_SHORT * 2], source[120];
		snprintf(source, sizeof source, "%s（申请 %lld）",
			 r.kind == TT_DUAL ? "一评双证评审" : "贯通评审", (long long)m->id);
		if (rank_name(t->d, r.series, r.to_rank, name, sizeof name, e) ||
		    insert_title(t, r.person_id, r.series, r.to_rank, name, today, source, m->id, &title_id,
				 e)) {
			free(dtext);
			return -1;
		}
	}
	/* 职称 → 技能等级 and 一评双证: the level certificate through the certificate chain, in this
	 * transaction (a failure undoes the title above and the move) */
	if (fx & TITLE_FX_GRANT && (r.kind == TT_TITLE_TO_LEVEL || r.kind == TT_DUAL)) {
		char basis[400];
		if (grant_basis(t->d, &r, m->id, basis, sizeof basis, e)) {
			free(dtext);
			return -1;
		}
		struct cert_decision cd = {.person_id = r.person_id,
					   .institution_id = r.institution_id,
					   .occupation_code = r.occupation,
					   .level = r.to_level,
					   .basis = basis};
		if (cert_issue_decision(t, &cd, cert_no, e) ||
		    db_run(t->d,
			   "UPDATE title_applications SET certificate_id = (SELECT id FROM certificates "
			   "WHERE "
			   "number = $2) WHERE id = $1",
			   DB_ARGS(DV_I(m->id), DV_S(cert_no)), e) < 0) {
			free(dtext);
			return -1;
		}
	}
	/* the opinion: the city's on its moves, the province's on its own; none on a withdrawal */
	int opinion = city ? 1 : t->a->role == ROLE_PROVINCE_ADMIN ? 2 : 0;
	int64_t n = db_run(
		t->d,
		"UPDATE title_applications SET status = $2, updated_at = $3, "
		"city_opinion = CASE WHEN $4 = 1 THEN $5 ELSE city_opinion END, "
		"province_opinion = CASE WHEN $4 = 2 THEN $5 ELSE province_opinion END, "
		"decided_on = CASE WHEN $6 = 1 THEN $7 ELSE decided_on END, "
		"title_id = CASE WHEN $8 > 0 THEN $8 ELSE title_id END, "
		"decision = CASE WHEN $9 <> '' THEN $9 ELSE decision END WHERE id = $1 AND status = $10",
		DB_ARGS(DV_I(m->id), DV_S(m->to), DV_I(now_s()), DV_I(opinion), DV_S(reason),
			DV_I((fx & TITLE_FX_DECIDE) ? 1 : 0), DV_S(today), DV_I(title_id),
			DV_S(dtext ? dtext : ""), DV_S(r.status)),
		e);
	free(dtext);
	if (n < 0)
		return -1;
	if (n == 0)
		return err_set(e, 409, "invalid_state", "status", "贯通申请的状态已改变",
			       "the application's status changed");
	json_t *det = json_pack("{s:s,s:s,s:s,s:I}", "from", r.status, "to", m->to, "reason", reason,
				"person_id", (json_int_t)r.person_id);
	if (title_id)
		json_object_set_new(det, "title_id", json_integer(title_id));
	if (*cert_no)
		json_object_set_new(det, "level_decision",
				    json_pack("{s:s,s:i,s:s}", "occupation_code", r.occupation, "level",
					      r.to_level, "certificate_number", cert_no));
	tx_audit(t, tr->audit, "title_application", m->id, det);
	return 0;
}

json_t *title_app_move(db *d, const principal *a, int64_t id, const char *to, const char *reason, err *e)
{
	if (fsm_check_state(&title_fsm, to, e) || (reason && check_text(reason, "reason", 400, false, e)))
		return NULL;
	struct move_ctx m = {.id = id, .to = to, .reason = reason && *reason ? reason : NULL};
	if (svc_tx(d, a, move_work, &m, e))
		return NULL;
	return title_app_get_json(d, a, id, e);
}

/* ---- the talent record ---- */

int titles_talent_add(db *d, const principal *a, int64_t person_id, json_t *rec, err *e)
{
	json_t *titles =
		rows_json(db_query(d,
				   "SELECT " TITLE_COLS TITLE_FROM " WHERE pt.person_id = $1 ORDER BY "
				   "pt.obtained_on, pt.id",
				   DB_ARGS(DV_I(person_id)), e),
			  title_view, e);
	/* the yearly appraisals are the employer's records: for those who read the person (a supervisor reads
	 * the talent record through certificates only and does not see them) */
	json_t *appr = NULL;
	if (titles && a->role == ROLE_SUPERVISOR)
		appr = json_array();
	else if (titles)
		appr = rows_json(
			db_query(d,
				 "SELECT id, year, result, employer, source FROM person_appraisals WHERE "
				 "person_id = $1 ORDER BY year",
				 DB_ARGS(DV_I(person_id)), e),
			appraisal_view, e);
	json_t *apps = NULL;
	if (appr) {
		char pid[24];
		struct list_args la = {.limit = 200};
		list_set(&la, &title_app_list, "person_id", id_text(person_id, pid));
		json_t *l = list_run(d, a, &title_app_list, &la, e);
		if (l) {
			apps = json_incref(json_object_get(l, "items"));
			json_decref(l);
		}
	}
	if (!apps) {
		json_decref(titles);
		json_decref(appr);
		return -1;
	}
	json_object_set_new(rec, "titles", titles);
	json_object_set_new(rec, "appraisals", appr);
	json_object_set_new(rec, "title_applications", apps);
	return 0;
}
