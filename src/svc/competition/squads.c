/* squads.c: 竞赛选拔与集训 — the selection pool, the 集训 squads, their coaches and members, and the
 * selection rounds (see squads.h) */
#include "util/common.h"
#include "svc/competition/squads.h"
#include "store/query.h"
#include "svc/base/svc.h"
#include "svc/base/tx.h"
#include "svc/stats/counters.h"
#include <math.h>

#define SKILL_MAX  60
#define COACH_MAX  20
#define MEMBER_CAP 200

static const char *target_zh(const char *t)
{
	return !strcmp(t, "worldskills") ? "世界技能大赛" : "中国技能大赛";
}

static int check_target(const char *t, err *e)
{
	if (!t || !*t)
		return err_set(e, 422, "missing_field", "target",
			       "缺少目标赛事 target（worldskills 或 national）",
			       "missing field 'target' (worldskills or national)");
	if (strcmp(t, "worldskills") != 0 && strcmp(t, "national") != 0)
		return err_set(e, 422, "invalid_value", "target",
			       "目标赛事应为 worldskills（世界技能大赛）或 national（中国技能大赛）",
			       "target must be worldskills or national");
	return 0;
}

/* ---- who reads what ---- */

/* the pool rows (p, with n its source entry) the caller may read */
static void pool_scope(query *w, const principal *a)
{
	switch (a->role) {
	case ROLE_PROVINCE_ADMIN:
		return;
	case ROLE_CITY_ADMIN:
		if (a->region[0]) {
			q_and_like(w, "n.unit_region LIKE ?", "", a->region, "%");
			return;
		}
		break;
	case ROLE_INSTITUTION_ADMIN:
		if (a->institution_id > 0) {
			q_and(w, "n.unit_institution_id = ?", DV_I(a->institution_id));
			return;
		}
		break;
	default:
		break;
	}
	q_and(w, "1 = 0", DV_NULL);
}

/* the squads (s) the caller may read: its base or a member's 选送单位 in the city / the institution */
static void squad_scope(query *w, const principal *a)
{
	static const char *const units =
		"(i.id = s.base_institution_id OR i.id IN (SELECT m.sending_unit_id FROM "
		"competition_squad_members m WHERE m.squad_id = s.id))";
	switch (a->role) {
	case ROLE_PROVINCE_ADMIN:
		return;
	case ROLE_CITY_ADMIN:
		if (a->region[0]) {
			char frag[400];
			snprintf(frag, sizeof frag,
				 "EXISTS (SELECT 1 FROM institutions i WHERE i.region_code LIKE ? AND %s)",
				 units);
			q_and_like(w, frag, "", a->region, "%");
			return;
		}
		break;
	case ROLE_INSTITUTION_ADMIN:
		if (a->institution_id > 0) {
			char frag[400];
			snprintf(frag, sizeof frag,
				 "EXISTS (SELECT 1 FROM institutions i WHERE i.id = ? AND %s)", units);
			q_and(w, frag, DV_I(a->institution_id));
			return;
		}
		break;
	default:
		break;
	}
	q_and(w, "1 = 0", DV_NULL);
}

/* ---- the pool ---- */

#define POOL_COLS                                                                                            \
	"p.id, p.target, p.skill, p.person_id, pe.name, pe.id_masked, p.source_competition_id, c.name, "     \
	"p.source_event_id, v.name, p.source_entry_id, n.unit_name, n.unit_institution_id, p.place, "        \
	"p.scaled, p.medal, p.added_at, (SELECT MIN(m.squad_id) FROM competition_squad_members m JOIN "      \
	"competition_squads s ON s.id = m.squad_id WHERE m.pool_id = p.id AND m.status = 'active')"
#define POOL_FROM                                                                                            \
	" FROM competition_pool p JOIN persons pe ON pe.id = p.person_id JOIN competitions c ON c.id = "     \
	"p.source_competition_id JOIN competition_events v ON v.id = p.source_event_id JOIN "                \
	"competition_entries n ON n.id = p.source_entry_id"

static json_t *pool_view(db_stmt *st)
{
	return json_pack("{s:I,s:s,s:s,s:s,s:I,s:s,s:s,s:{s:I,s:s,s:I,s:s,s:I,s:s,s:o,s:I,s:f,s:s},s:I,s:o}",
			 "id", (json_int_t)db_int(st, 0), "target", db_text(st, 1), "target_name",
			 target_zh(db_text(st, 1)), "skill", db_text(st, 2), "person_id",
			 (json_int_t)db_int(st, 3), "name", db_text(st, 4), "id_masked",
			 db_text(st, 5) ? db_text(st, 5) : "", "source", "competition_id",
			 (json_int_t)db_int(st, 6), "competition_name", db_text(st, 7), "event_id",
			 (json_int_t)db_int(st, 8), "event_name", db_text(st, 9), "entry_id",
			 (json_int_t)db_int(st, 10), "unit_name", db_text(st, 11), "unit_institution_id",
			 db_isnull(st, 12) ? json_null() : json_integer(db_int(st, 12)), "place",
			 (json_int_t)db_int(st, 13), "scaled", round(db_double(st, 14) * 100) / 100, "medal",
			 db_text(st, 15), "added_at", (json_int_t)db_int(st, 16), "squad_id",
			 db_isnull(st, 17) ? json_null() : json_integer(db_int(st, 17)));
}

static int pool_where(struct query *w, const principal *a, const char *const *vals, err *e)
{
	UNUSED(e);
	pool_scope(w, a);
	/* in_squad: 1 the pool rows already in an active squad, 0 those not */
	const char *in = vals[3];
	if (in && !strcmp(in, "1"))
		q_and(w,
		      "EXISTS (SELECT 1 FROM competition_squad_members m WHERE m.pool_id = p.id AND m.status "
		      "= 'active')",
		      DV_NULL);
	else if (in && !strcmp(in, "0"))
		q_and(w,
		      "NOT EXISTS (SELECT 1 FROM competition_squad_members m WHERE m.pool_id = p.id AND "
		      "m.status = 'active')",
		      DV_NULL);
	return 0;
}

static const struct list_filter pool_filters[] = {
	{"target", "p.target = ?", LIST_EQ, 16, NULL},
	{"skill", "p.skill = ?", LIST_EQ, 240, NULL},
	{"source_competition_id", "p.source_competition_id = ?", LIST_ID, 0, NULL},
	{"in_squad", "1 = 1", LIST_EQ, 1, NULL}, /* decided in pool_where */
};
static const struct list_sort pool_sorts[] = {
	{"added_at", "p.added_at"},
	{"skill", "p.skill"},
};
static const struct export_col pool_cols[] = {
	{"target_name", "目标赛事"}, {"skill", "项目"},	       {"name", "姓名"},
	{"id_masked", "证件号码"},   {"added_at", "入库时间"},
};

const struct list_spec sq_pool_list = {
	.name = "competition_pool",
	.count_sql = "SELECT COUNT(*)" POOL_FROM,
	.select_sql = "SELECT " POOL_COLS POOL_FROM,
	.order = "p.id",
	LIST_FILTERS(pool_filters),
	LIST_SORTS(pool_sorts),
	.view = pool_view,
	.where = pool_where,
	LIST_COLS(pool_cols),
};

struct pool_ctx {
	int64_t event_id, competition_id;
	const char *target, *skill;
	int64_t added, already;
};

static int pool_work(tx *t, void *ctx, err *e)
{
	struct pool_ctx *c = ctx;
	c->added = c->already = 0;
	db_stmt *st =
		db_query(t->d,
			 "SELECT r.entry_id, n.person_id, r.place, r.scaled, r.medal, (SELECT COUNT(*) FROM "
			 "competition_pool q WHERE q.target = $2 AND q.skill = $3 AND q.person_id = "
			 "n.person_id) FROM competition_results r JOIN competition_entries n ON n.id = "
			 "r.entry_id WHERE r.event_id = $1 AND r.medal = 'gold' ORDER BY r.place, r.entry_id",
			 DB_ARGS(DV_I(c->event_id), DV_S(c->target), DV_S(c->skill)), e);
	if (!st)
		return -1;
	struct gold {
		int64_t entry, person, place;
		double scaled;
		bool in;
	} g[64];
	size_t n = 0;
	int step;
	while ((step = db_row(st, e)) == 1 && n < ARRAY_LEN(g)) {
		g[n] = (struct gold){db_int(st, 0), db_int(st, 1), db_int(st, 2), db_double(st, 3),
				     db_int(st, 5) > 0};
		n++;
	}
	db_done(st);
	if (step < 0)
		return -1;
	json_t *added = json_array();
	int64_t now = now_s();
	for (size_t k = 0; k < n; k++) {
		/* two gold rows of one person (a team event's repeated member) count once */
		bool dup = g[k].in;
		for (size_t j = 0; j < k && !dup; j++)
			dup = g[j].person == g[k].person;
		if (dup) {
			c->already++;
			continue;
		}
		if (db_run(t->d,
			   "INSERT INTO competition_pool (target, skill, person_id, source_competition_id, "
			   "source_event_id, source_entry_id, place, scaled, medal, added_by, added_at) "
			   "VALUES "
			   "($1,$2,$3,$4,$5,$6,$7,$8,'gold',$9,$10)",
			   DB_ARGS(DV_S(c->target), DV_S(c->skill), DV_I(g[k].person),
				   DV_I(c->competition_id), DV_I(c->event_id), DV_I(g[k].entry),
				   DV_I(g[k].place), DV_D(g[k].scaled), DV_I(t->a->user_id), DV_I(now)),
			   e) < 0) {
			json_decref(added);
			return -1;
		}
		json_array_append_new(added, json_integer(g[k].person));
		c->added++;
	}
	tx_audit(t, "competition_pool.add", "competition_event", c->event_id,
		 json_pack("{s:s,s:s,s:o,s:I}", "target", c->target, "skill", c->skill, "persons", added,
			   "already", (json_int_t)c->already));
	return 0;
}

json_t *sq_pool_add(db *d, const principal *a, int64_t event_id, const char *target, const char *skill,
		    err *e)
{
	if (check_target(target, e) != 0 || (skill && check_text(skill, "skill", SKILL_MAX, false, e) != 0))
		return NULL;
	db_stmt *st = db_query(
		d,
		"SELECT v.competition_id, c.tier, v.worldskills_skill, COALESCE(o.name, ''), "
		"COALESCE(m.status, 'marking') FROM competition_events v JOIN competitions c ON c.id "
		"= v.competition_id LEFT JOIN occupations o ON o.code = v.occupation_code LEFT JOIN "
		"competition_marking m ON m.event_id = v.id WHERE v.id = $1",
		DB_ARGS(DV_I(event_id)), e);
	int row = st ? db_row(st, e) : -1;
	char tier[16] = "", sk[SKILL_MAX * 4 + 1] = "", status[12] = "";
	int64_t comp = 0;
	if (row == 1) {
		comp = db_int(st, 0);
		snprintf(tier, sizeof tier, "%s", db_text(st, 1));
		snprintf(sk, sizeof sk, "%s",
			 skill && *skill   ? skill
			 : *db_text(st, 2) ? db_text(st, 2)
					   : db_text(st, 3));
		snprintf(status, sizeof status, "%s", db_text(st, 4));
	}
	db_done(st);
	if (row < 0)
		return NULL;
	if (row == 0) {
		err_set(e, 404, "not_found", NULL, "竞赛项目不存在", "no such competition event");
		return NULL;
	}
	if (strcmp(tier, "province_1") != 0 && strcmp(tier, "province_2") != 0) {
		err_set(e, 422, "not_provincial", NULL, "只有省级一类、二类竞赛的金牌选手进入选拔集训范围",
			"only gold medallists of class 1 and class 2 provincial competitions enter the pool");
		return NULL;
	}
	if (strcmp(status, "published") != 0) {
		err_set(e, 409, "results_not_published", NULL, "该项目的成绩尚未公示",
			"the event's results are not published");
		return NULL;
	}
	if (!sk[0]) {
		err_set(e, 422, "skill_required", "skill", "该项目没有世赛项目或职业名称，须指定项目 skill",
			"the event has neither a WorldSkills skill nor an occupation: give 'skill'");
		return NULL;
	}
	struct pool_ctx c = {.event_id = event_id, .competition_id = comp, .target = target, .skill = sk};
	if (svc_tx(d, a, pool_work, &c, e) != 0)
		return NULL;
	query q;
	q_init(&q, "SELECT " POOL_COLS POOL_FROM);
	q_and(&q, "p.source_event_id = ?", DV_I(event_id));
	q_and(&q, "p.target = ?", DV_S(target));
	q_and(&q, "p.skill = ?", DV_S(sk));
	q_sql(&q, " ORDER BY p.place, p.id");
	json_t *items = rows_json(q_query(d, &q, e), pool_view, e);
	q_free(&q);
	if (!items)
		return NULL;
	return json_pack("{s:I,s:s,s:s,s:I,s:I,s:o}", "event_id", (json_int_t)event_id, "target", target,
			 "skill", sk, "added", (json_int_t)c.added, "already", (json_int_t)c.already, "items",
			 items);
}

/* ---- squads ---- */

#define SQUAD_COLS                                                                                           \
	"s.id, s.target, s.skill, s.year, s.name, s.base_institution_id, bi.name, bi.region_code, "          \
	"s.base_level, (SELECT COUNT(*) FROM competition_squad_members m WHERE m.squad_id = s.id AND "       \
	"m.status = 'active'), (SELECT COUNT(*) FROM competition_squad_rounds r WHERE r.squad_id = s.id), "  \
	"s.created_at"
#define SQUAD_FROM " FROM competition_squads s JOIN institutions bi ON bi.id = s.base_institution_id"

static json_t *squad_view(db_stmt *st)
{
	const char *lvl = db_text(st, 8);
	return json_pack("{s:I,s:s,s:s,s:s,s:I,s:s,s:{s:I,s:s,s:s},s:s,s:s,s:I,s:I,s:I}", "id",
			 (json_int_t)db_int(st, 0), "target", db_text(st, 1), "target_name",
			 target_zh(db_text(st, 1)), "skill", db_text(st, 2), "year",
			 (json_int_t)db_int(st, 3), "name", db_text(st, 4), "base", "id",
			 (json_int_t)db_int(st, 5), "name", db_text(st, 6), "region_code", db_text(st, 7),
			 "base_level", lvl, "base_level_name",
			 !strcmp(lvl, "key") ? "省级重点集训基地" : "省级集训基地", "member_count",
			 (json_int_t)db_int(st, 9), "round_count", (json_int_t)db_int(st, 10), "created_at",
			 (json_int_t)db_int(st, 11));
}

static int squad_where(struct query *w, const principal *a, const char *const *vals, err *e)
{
	UNUSED(vals);
	UNUSED(e);
	squad_scope(w, a);
	return 0;
}

static const struct list_filter squad_filters[] = {
	{"target", "s.target = ?", LIST_EQ, 16, NULL},
	{"skill", "s.skill = ?", LIST_EQ, 240, NULL},
	{"year", "s.year = ?", LIST_ID, 0, NULL},
};
static const struct list_sort squad_sorts[] = {
	{"year", "s.year"},
	{"skill", "s.skill"},
};
static const struct export_col squad_cols[] = {
	{"target_name", "目标赛事"}, {"skill", "项目"},		 {"year", "年度"},
	{"name", "集训队"},	     {"member_count", "队员数"},
};

const struct list_spec sq_squad_list = {
	.name = "competition_squads",
	.count_sql = "SELECT COUNT(*)" SQUAD_FROM,
	.select_sql = "SELECT " SQUAD_COLS SQUAD_FROM,
	.order = "s.id",
	LIST_FILTERS(squad_filters),
	LIST_SORTS(squad_sorts),
	.view = squad_view,
	.where = squad_where,
	LIST_COLS(squad_cols),
};

/* the squad's row as the caller may read it (404 otherwise) */
static json_t *squad_head(db *d, const principal *a, int64_t id, err *e)
{
	query q;
	q_init(&q, "SELECT " SQUAD_COLS SQUAD_FROM);
	q_and(&q, "s.id = ?", DV_I(id));
	squad_scope(&q, a);
	json_t *o = row_json(q_query(d, &q, e), squad_view, e);
	q_free(&q);
	if (!o && !err_isset(e))
		err_set(e, 404, "not_found", NULL, "集训队不存在", "no such squad");
	return o;
}

static int institution_exists(db *d, int64_t id, const char *field, err *e)
{
	int64_t n = 0;
	if (db_one_int(d, "SELECT COUNT(*) FROM institutions WHERE id = $1", DB_ARGS(DV_I(id)), &n, e) !=
	    DB_OK)
		return -1;
	return n ? 0
		 : err_set(e, 422, "institution_not_found", field, "机构 %lld 不存在", "no institution %lld",
			   (long long)id);
}

struct squad_ctx {
	const struct squad_input *in;
	const char *level;
	char name[200];
	int64_t id;
};

static int squad_create_work(tx *t, void *ctx, err *e)
{
	struct squad_ctx *c = ctx;
	int64_t dup = 0;
	if (db_one_int(
		    t->d,
		    "SELECT COUNT(*) FROM competition_squads WHERE target = $1 AND skill = $2 AND year = $3",
		    DB_ARGS(DV_S(c->in->target), DV_S(c->in->skill), DV_I(c->in->year)), &dup, e) != DB_OK)
		return -1;
	if (dup)
		return err_set(e, 409, "squad_exists", NULL, "该项目本年度的集训队已存在",
			       "a squad of that target, skill and year exists");
	int64_t now = now_s();
	db_stmt *st = db_query(
		t->d,
		"INSERT INTO competition_squads (target, skill, year, name, base_institution_id, "
		"base_level, created_by, created_at, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$8) "
		"RETURNING id",
		DB_ARGS(DV_S(c->in->target), DV_S(c->in->skill), DV_I(c->in->year), DV_S(c->name),
			DV_I(c->in->base_institution_id), DV_S(c->level), DV_I(t->a->user_id), DV_I(now)),
		e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1)
		c->id = db_int(st, 0);
	db_done(st);
	if (row <= 0)
		return row < 0 ? -1 : ERR_INTERNAL(e, "insert returned no id");
	tx_audit(t, "competition_squad.create", "competition_squad", c->id,
		 json_pack("{s:s,s:s,s:I,s:I,s:s}", "target", c->in->target, "skill", c->in->skill, "year",
			   (json_int_t)c->in->year, "base_institution_id",
			   (json_int_t)c->in->base_institution_id, "base_level", c->level));
	return 0;
}

json_t *sq_squad_create(db *d, const principal *a, const struct squad_input *in, err *e)
{
	struct squad_ctx c = {.in = in,
			      .level = in->base_level && *in->base_level ? in->base_level : "provincial"};
	if (check_target(in->target, e) != 0 || check_text(in->skill, "skill", SKILL_MAX, true, e) != 0 ||
	    (in->name && check_text(in->name, "name", 60, false, e) != 0))
		return NULL;
	if (in->year < 2000 || in->year > 2100) {
		err_set(e, 422, "invalid_value", "year", "年度无效", "invalid year");
		return NULL;
	}
	if (strcmp(c.level, "key") != 0 && strcmp(c.level, "provincial") != 0) {
		err_set(e, 422, "invalid_value", "base_level",
			"基地级别应为 key（省级重点）或 provincial（省级）",
			"base_level must be key or provincial");
		return NULL;
	}
	if (in->base_institution_id <= 0) {
		err_set(e, 422, "missing_field", "base_institution_id", "缺少集训基地 base_institution_id",
			"missing field 'base_institution_id'");
		return NULL;
	}
	if (institution_exists(d, in->base_institution_id, "base_institution_id", e) != 0)
		return NULL;
	if (in->name && *in->name)
		snprintf(c.name, sizeof c.name, "%s", in->name);
	else
		snprintf(c.name, sizeof c.name, "%s %lld %s集训队", in->skill, (long long)in->year,
			 !strcmp(in->target, "worldskills") ? "世赛" : "国赛");
	if (svc_tx(d, a, squad_create_work, &c, e) != 0)
		return NULL;
	return sq_squad_json(d, a, c.id, e);
}

static json_t *coach_view(db_stmt *st)
{
	const char *role = db_text(st, 1);
	return json_pack("{s:s,s:s,s:s,s:o,s:s}", "name", db_text(st, 0), "role", role, "role_name",
			 !strcmp(role, "head")	   ? "主教练"
			 : !strcmp(role, "expert") ? "技术指导专家"
						   : "教练",
			 "institution_id", db_isnull(st, 2) ? json_null() : json_integer(db_int(st, 2)),
			 "institution_name", db_text(st, 3) ? db_text(st, 3) : "");
}

static json_t *round_view(db_stmt *st)
{
	return json_pack("{s:I,s:I,s:s,s:I,s:s,s:s,s:s}", "round", (json_int_t)db_int(st, 0), "event_id",
			 (json_int_t)db_int(st, 1), "event_name", db_text(st, 2), "competition_id",
			 (json_int_t)db_int(st, 3), "competition_name", db_text(st, 4), "tier",
			 db_text(st, 5), "marking_status", db_text(st, 6));
}

static json_t *member_view(db_stmt *st)
{
	return json_pack("{s:I,s:I,s:s,s:s,s:I,s:{s:s,s:s,s:I,s:s},s:{s:I,s:s},s:{s:I,s:s},s:s,s:s,s:o,s:n,"
			 "s:n}",
			 "id", (json_int_t)db_int(st, 0), "person_id", (json_int_t)db_int(st, 1), "name",
			 db_text(st, 2), "id_masked", db_text(st, 3) ? db_text(st, 3) : "", "pool_id",
			 (json_int_t)db_int(st, 4), "source", "competition_name", db_text(st, 5),
			 "event_name", db_text(st, 6), "place", (json_int_t)db_int(st, 7), "medal",
			 db_text(st, 8), "sending_unit", "id", (json_int_t)db_int(st, 9), "name",
			 db_text(st, 10), "training_base", "id", (json_int_t)db_int(st, 11), "name",
			 db_text(st, 12), "status", db_text(st, 13), "reason", db_text(st, 14), "results",
			 json_array(), "total_scaled", "rank");
}

static int cmp_rank(const void *x, const void *y)
{
	json_t *a = *(json_t *const *)x, *b = *(json_t *const *)y;
	double ta = json_number_value(json_object_get(a, "total_scaled")),
	       tb = json_number_value(json_object_get(b, "total_scaled"));
	if (ta != tb)
		return ta > tb ? -1 : 1;
	json_t *ra = json_object_get(a, "results"), *rb = json_object_get(b, "results");
	json_int_t pa = json_integer_value(
			   json_object_get(json_array_get(ra, json_array_size(ra) - 1), "place")),
		   pb = json_integer_value(
			   json_object_get(json_array_get(rb, json_array_size(rb) - 1), "place"));
	if (pa != pb)
		return pa < pb ? -1 : 1;
	json_int_t ia = json_integer_value(json_object_get(a, "id")),
		   ib = json_integer_value(json_object_get(b, "id"));
	return ia < ib ? -1 : ia > ib;
}

json_t *sq_squad_json(db *d, const principal *a, int64_t id, err *e)
{
	json_t *o = squad_head(d, a, id, e);
	if (!o)
		return NULL;
	json_t *coaches = rows_json(db_query(d,
					     "SELECT k.name, k.role, k.institution_id, i.name FROM "
					     "competition_squad_coaches k LEFT JOIN institutions i ON i.id = "
					     "k.institution_id WHERE k.squad_id = $1 ORDER BY k.pos",
					     DB_ARGS(DV_I(id)), e),
				    coach_view, e);
	json_t *rounds =
		coaches ? rows_json(db_query(d,
					     "SELECT r.pos, r.event_id, v.name, c.id, c.name, c.tier, "
					     "COALESCE(m.status, 'marking') FROM competition_squad_rounds r "
					     "JOIN competition_events v ON v.id = r.event_id JOIN "
					     "competitions c ON c.id = v.competition_id LEFT JOIN "
					     "competition_marking m ON m.event_id = r.event_id WHERE "
					     "r.squad_id = $1 ORDER BY r.pos",
					     DB_ARGS(DV_I(id)), e),
				    round_view, e)
			: NULL;
	json_t *members =
		rounds ? rows_json(db_query(d,
					    "SELECT m.id, m.person_id, pe.name, pe.id_masked, m.pool_id, "
					    "c.name, v.name, "
					    "p.place, p.medal, m.sending_unit_id, su.name, "
					    "m.training_base_id, tb.name, "
					    "m.status, m.reason FROM competition_squad_members m JOIN "
					    "persons pe ON pe.id "
					    "= m.person_id JOIN competition_pool p ON p.id = m.pool_id JOIN "
					    "competitions c ON c.id = p.source_competition_id JOIN "
					    "competition_events v "
					    "ON v.id = p.source_event_id JOIN institutions su ON su.id = "
					    "m.sending_unit_id JOIN institutions tb ON tb.id = "
					    "m.training_base_id WHERE "
					    "m.squad_id = $1 ORDER BY m.id",
					    DB_ARGS(DV_I(id)), e),
				   member_view, e)
		       : NULL;
	if (!members) {
		json_decref(coaches);
		json_decref(rounds);
		json_decref(o);
		return NULL;
	}
	/* the rounds' results: the province reads computed ones, everyone else published ones */
	bool all = a->role == ROLE_PROVINCE_ADMIN;
	db_stmt *st = db_query(
		d,
		"SELECT r.pos, r.event_id, n.person_id, x.place, x.scaled, x.medal FROM "
		"competition_squad_rounds r JOIN competition_marking m ON m.event_id = r.event_id "
		"JOIN competition_results x ON x.event_id = r.event_id JOIN competition_entries n ON "
		"n.id = x.entry_id WHERE r.squad_id = $1 AND (m.status = 'published' OR ($2 = 1 AND "
		"m.status = 'computed')) ORDER BY r.pos, x.place",
		DB_ARGS(DV_I(id), DV_I(all ? 1 : 0)), e);
	int step = st ? 1 : -1;
	size_t k;
	json_t *m;
	while (st && (step = db_row(st, e)) == 1) {
		int64_t person = db_int(st, 2);
		json_array_foreach(members, k, m)
		{
			if (json_integer_value(json_object_get(m, "person_id")) != person)
				continue;
			double sc = round(db_double(st, 4) * 100) / 100;
			json_array_append_new(
				json_object_get(m, "results"),
				json_pack("{s:I,s:I,s:I,s:f,s:s}", "round", (json_int_t)db_int(st, 0),
					  "event_id", (json_int_t)db_int(st, 1), "place",
					  (json_int_t)db_int(st, 3), "scaled", sc, "medal", db_text(st, 5)));
			json_t *tot = json_object_get(m, "total_scaled");
			json_object_set_new(
				m, "total_scaled",
				json_real(round(((json_is_number(tot) ? json_number_value(tot) : 0) + sc) *
						100) /
					  100));
		}
	}
	db_done(st);
	if (step < 0) {
		json_decref(coaches);
		json_decref(rounds);
		json_decref(members);
		json_decref(o);
		return NULL;
	}
	/* the ranking: the active members with results, by the sum of their scaled scores over the rounds,
	 * then the place in the latest round */
	size_t nr = 0;
	json_t **ranked = xcalloc(json_array_size(members) + 1, sizeof *ranked);
	json_array_foreach(members, k, m) if (json_array_size(json_object_get(m, "results")) &&
					      !strcmp(json_string_value(json_object_get(m, "status")),
						      "active")) ranked[nr++] = m;
	qsort(ranked, nr, sizeof *ranked, cmp_rank);
	json_t *ranking = json_array();
	for (size_t i = 0; i < nr; i++) {
		json_object_set_new(ranked[i], "rank", json_integer((json_int_t)i + 1));
		json_array_append_new(ranking,
				      json_pack("{s:I,s:O,s:O,s:O}", "rank", (json_int_t)i + 1, "member_id",
						json_object_get(ranked[i], "id"), "name",
						json_object_get(ranked[i], "name"), "total_scaled",
						json_object_get(ranked[i], "total_scaled")));
	}
	free(ranked);
	json_object_set_new(o, "coaches", coaches);
	json_object_set_new(o, "rounds", rounds);
	json_object_set_new(o, "members", members);
	json_object_set_new(o, "ranking", ranking);
	return o;
}

/* the squad's target, skill and base (404 when there is none) */
struct squad_row {
	char target[16], skill[SKILL_MAX * 4 + 1];
	int64_t base;
};

static int squad_load(db *d, int64_t id, struct squad_row *s, err *e)
{
	db_stmt *st =
		db_query(d, "SELECT target, skill, base_institution_id FROM competition_squads WHERE id = $1",
			 DB_ARGS(DV_I(id)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		snprintf(s->target, sizeof s->target, "%s", db_text(st, 0));
		snprintf(s->skill, sizeof s->skill, "%s", db_text(st, 1));
		s->base = db_int(st, 2);
	}
	db_done(st);
	if (row < 0)
		return -1;
	return row ? 0 : err_set(e, 404, "not_found", NULL, "集训队不存在", "no such squad");
}

struct coaches_ctx {
	int64_t id;
	const struct squad_coach *c;
	size_t n;
};

static int coaches_work(tx *t, void *ctx, err *e)
{
	struct coaches_ctx *c = ctx;
	if (db_run(t->d, "DELETE FROM competition_squad_coaches WHERE squad_id = $1", DB_ARGS(DV_I(c->id)),
		   e) < 0)
		return -1;
	json_t *names = json_array();
	for (size_t k = 0; k < c->n; k++) {
		if (db_run(t->d,
			   "INSERT INTO competition_squad_coaches (squad_id, pos, name, role, "
			   "institution_id) "
			   "VALUES ($1,$2,$3,$4,$5)",
			   DB_ARGS(DV_I(c->id), DV_I((int64_t)k + 1), DV_S(c->c[k].name), DV_S(c->c[k].role),
				   c->c[k].institution_id > 0 ? DV_I(c->c[k].institution_id) : DV_NULL),
			   e) < 0) {
			json_decref(names);
			return -1;
		}
		json_array_append_new(names,
				      json_pack("{s:s,s:s}", "name", c->c[k].name, "role", c->c[k].role));
	}
	if (db_run(t->d, "UPDATE competition_squads SET updated_at = $2 WHERE id = $1",
		   DB_ARGS(DV_I(c->id), DV_I(now_s())), e) < 0) {
		json_decref(names);
		return -1;
	}
	tx_audit(t, "competition_squad.coaches", "competition_squad", c->id,
		 json_pack("{s:o}", "coaches", names));
	return 0;
}

json_t *sq_coaches_set(db *d, const principal *a, int64_t id, const struct squad_coach *c, size_t n, err *e)
{
	struct squad_row s;
	if (squad_load(d, id, &s, e) != 0)
		return NULL;
	if (n > COACH_MAX) {
		err_set(e, 422, "too_many", "coaches", "教练至多 %d 名", "at most %d coaches", COACH_MAX);
		return NULL;
	}
	for (size_t k = 0; k < n; k++) {
		if (check_text(c[k].name, "name", 40, true, e) != 0)
			return NULL;
		if (!c[k].role || (strcmp(c[k].role, "head") && strcmp(c[k].role, "coach") &&
				   strcmp(c[k].role, "expert"))) {
			err_set(e, 422, "invalid_value", "role",
				"教练角色应为 head（主教练）、coach（教练）或 expert（技术指导专家）",
				"role must be head, coach or expert");
			return NULL;
		}
		if (c[k].institution_id > 0 &&
		    institution_exists(d, c[k].institution_id, "institution_id", e) != 0)
			return NULL;
		for (size_t j = 0; j < k; j++)
			if (!strcmp(c[j].name, c[k].name)) {
				err_set(e, 422, "duplicate", "name", "教练 %s 重复",
					"coach %s is listed twice", c[k].name);
				return NULL;
			}
	}
	struct coaches_ctx x = {id, c, n};
	if (svc_tx(d, a, coaches_work, &x, e) != 0)
		return NULL;
	return sq_squad_json(d, a, id, e);
}

struct member_ctx {
	int64_t squad_id, person_id, pool_id, sending, base, id;
};

static int member_work(tx *t, void *ctx, err *e)
{
	struct member_ctx *c = ctx;
	int64_t dup = 0;
	if (db_one_int(
		    t->d,
		    "SELECT COUNT(*) FROM competition_squad_members WHERE squad_id = $1 AND person_id = $2",
		    DB_ARGS(DV_I(c->squad_id), DV_I(c->person_id)), &dup, e) != DB_OK)
		return -1;
	if (dup)
		return err_set(e, 409, "already_member", NULL, "该选手已在集训队中",
			       "the person is already in the squad");
	db_stmt *st = db_query(
		t->d,
		"INSERT INTO competition_squad_members (squad_id, person_id, pool_id, sending_unit_id, "
		"training_base_id, added_by, added_at) VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id",
		DB_ARGS(DV_I(c->squad_id), DV_I(c->person_id), DV_I(c->pool_id), DV_I(c->sending),
			DV_I(c->base), DV_I(t->a->user_id), DV_I(now_s())),
		e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1)
		c->id = db_int(st, 0);
	db_done(st);
	if (row <= 0)
		return row < 0 ? -1 : ERR_INTERNAL(e, "insert returned no id");
	tx_audit(t, "competition_squad.member_add", "competition_squad", c->squad_id,
		 json_pack("{s:I,s:I,s:I,s:I,s:I}", "member_id", (json_int_t)c->id, "person_id",
			   (json_int_t)c->person_id, "pool_id", (json_int_t)c->pool_id, "sending_unit_id",
			   (json_int_t)c->sending, "training_base_id", (json_int_t)c->base));
	return 0;
}

json_t *sq_member_add(db *d, const principal *a, int64_t squad_id, const struct squad_member_input *in,
		      err *e)
{
	struct squad_row s;
	if (squad_load(d, squad_id, &s, e) != 0)
		return NULL;
	if (in->pool_id <= 0) {
		err_set(e, 422, "missing_field", "pool_id", "缺少选拔库记录 pool_id",
			"missing field 'pool_id'");
		return NULL;
	}
	db_stmt *st = db_query(
		d,
		"SELECT p.person_id, COALESCE(n.unit_institution_id, 0) FROM competition_pool p JOIN "
		"competition_entries n ON n.id = p.source_entry_id WHERE p.id = $1 AND p.target = $2 "
		"AND p.skill = $3",
		DB_ARGS(DV_I(in->pool_id), DV_S(s.target), DV_S(s.skill)), e);
	int row = st ? db_row(st, e) : -1;
	struct member_ctx c = {.squad_id = squad_id, .pool_id = in->pool_id};
	if (row == 1) {
		c.person_id = db_int(st, 0);
		c.sending = in->sending_unit_id > 0 ? in->sending_unit_id : db_int(st, 1);
	}
	db_done(st);
	if (row < 0)
		return NULL;
	if (row == 0) {
		err_set(e, 422, "not_in_pool", "pool_id", "该选手不在本集训队目标赛事和项目的选拔库中",
			"the pool row is not of the squad's target and skill");
		return NULL;
	}
	if (c.sending <= 0) {
		err_set(e, 422, "sending_unit_required", "sending_unit_id", "须指定选送单位 sending_unit_id",
			"give the sending unit (sending_unit_id)");
		return NULL;
	}
	c.base = in->training_base_id > 0 ? in->training_base_id : s.base;
	if (institution_exists(d, c.sending, "sending_unit_id", e) != 0 ||
	    institution_exists(d, c.base, "training_base_id", e) != 0)
		return NULL;
	if (svc_tx(d, a, member_work, &c, e) != 0)
		return NULL;
	return sq_squad_json(d, a, squad_id, e);
}

struct leave_ctx {
	int64_t member_id, squad_id;
	const char *reason;
};

static int leave_work(tx *t, void *ctx, err *e)
{
	struct leave_ctx *c = ctx;
	int64_t n = db_run(t->d,
			   "UPDATE competition_squad_members SET status = 'left', reason = $2 WHERE id = $1 "
			   "AND status = "
			   "'active'",
			   DB_ARGS(DV_I(c->member_id), DV_S(c->reason)), e);
	if (n < 0)
		return -1;
	if (n == 0)
		return err_set(e, 409, "already_left", NULL, "该队员已离队",
			       "the member has already left the squad");
	tx_audit(t, "competition_squad.member_leave", "competition_squad", c->squad_id,
		 json_pack("{s:I,s:s}", "member_id", (json_int_t)c->member_id, "reason", c->reason));
	return 0;
}

json_t *sq_member_leave(db *d, const principal *a, int64_t member_id, const char *reason, err *e)
{
	struct leave_ctx c = {.member_id = member_id, .reason = reason};
	int rc = db_one_int(d, "SELECT squad_id FROM competition_squad_members WHERE id = $1",
			    DB_ARGS(DV_I(member_id)), &c.squad_id, e);
	if (rc == DB_NOT_FOUND) {
		err_set(e, 404, "not_found", NULL, "集训队员不存在", "no such squad member");
		return NULL;
	}
	if (rc != DB_OK || check_text(reason, "reason", 200, true, e) != 0)
		return NULL;
	if (svc_tx(d, a, leave_work, &c, e) != 0)
		return NULL;
	return sq_squad_json(d, a, c.squad_id, e);
}

struct round_ctx {
	int64_t squad_id, event_id, competition_id, group_id;
	const char *grp;
	int64_t pos, entered, already;
};

static int round_work(tx *t, void *ctx, err *e)
{
	struct round_ctx *c = ctx;
	c->entered = c->already = 0;
	int64_t n = 0;
	if (db_one_int(t->d, "SELECT COUNT(*) FROM competition_squad_rounds WHERE event_id = $1",
		       DB_ARGS(DV_I(c->event_id)), &n, e) != DB_OK)
		return -1;
	if (n)
		return err_set(e, 409, "round_exists", NULL, "该项目已是一轮选拔赛",
			       "the event is already a selection round");
	if (db_one_int(t->d, "SELECT COUNT(*) FROM competition_squad_rounds WHERE squad_id = $1",
		       DB_ARGS(DV_I(c->squad_id)), &n, e) != DB_OK)
		return -1;
	c->pos = n + 1;
	int64_t now = now_s();
	if (db_run(t->d,
		   "INSERT INTO competition_squad_rounds (squad_id, event_id, pos, added_by, added_at) "
		   "VALUES "
		   "($1,$2,$3,$4,$5)",
		   DB_ARGS(DV_I(c->squad_id), DV_I(c->event_id), DV_I(c->pos), DV_I(t->a->user_id),
			   DV_I(now)),
		   e) < 0)
		return -1;
	db_stmt *st =
		db_query(t->d,
			 "SELECT m.person_id, i.id, i.name, i.region_code, (SELECT COUNT(*) FROM "
			 "competition_entries x WHERE x.event_id = $2 AND x.person_id = m.person_id) FROM "
			 "competition_squad_members m JOIN institutions i ON i.id = m.sending_unit_id WHERE "
			 "m.squad_id = $1 AND m.status = 'active' ORDER BY m.id",
			 DB_ARGS(DV_I(c->squad_id), DV_I(c->event_id)), e);
	if (!st)
		return -1;
	struct mem {
		int64_t person, unit;
		char name[400], region[16];
		bool in;
	} *m = xcalloc(MEMBER_CAP, sizeof *m);
	size_t k = 0;
	int step;
	while ((step = db_row(st, e)) == 1 && k < MEMBER_CAP) {
		m[k].person = db_int(st, 0);
		m[k].unit = db_int(st, 1);
		snprintf(m[k].name, sizeof m[k].name, "%s", db_text(st, 2));
		snprintf(m[k].region, sizeof m[k].region, "%s", db_text(st, 3));
		m[k].in = db_int(st, 4) > 0;
		k++;
	}
	db_done(st);
	int rc = step < 0 ? -1 : 0;
	json_t *persons = json_array();
	for (size_t i = 0; rc == 0 && i < k; i++) {
		if (m[i].in) {
			c->already++;
			continue;
		}
		/* counted in the statistics (competition.entered, .approved) in the same transaction */
		db_stmt *ins = db_query(
			t->d,
			"INSERT INTO competition_entries (competition_id, event_id, group_id, grp, "
			"person_id, "
			"unit_name, unit_region, unit_institution_id, status, created_by, created_at, "
			"updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,'approved',$9,$10,$10) RETURNING id",
			DB_ARGS(DV_I(c->competition_id), DV_I(c->event_id), DV_I(c->group_id), DV_S(c->grp),
				DV_I(m[i].person), DV_S(m[i].name), DV_S(m[i].region), DV_I(m[i].unit),
				DV_I(t->a->user_id), DV_I(now)),
			e);
		int row = ins ? db_row(ins, e) : -1;
		int64_t id = row > 0 ? db_int(ins, 0) : 0;
		db_done(ins);
		if (!id || stat_count(t, STE_COMP_ENTRY, DV_I(id), DV_NULL, +1, e) != 0) {
			if (!err_isset(e))
				ERR_INTERNAL(e, "insert returned no id");
			rc = -1;
		} else {
			json_array_append_new(persons, json_integer(m[i].person));
			c->entered++;
		}
	}
	free(m);
	if (rc != 0) {
		json_decref(persons);
		return -1;
	}
	tx_audit(t, "competition_squad.round", "competition_squad", c->squad_id,
		 json_pack("{s:I,s:I,s:o,s:I}", "event_id", (json_int_t)c->event_id, "round",
			   (json_int_t)c->pos, "entered", persons, "already", (json_int_t)c->already));
	return 0;
}

json_t *sq_round_add(db *d, const principal *a, int64_t squad_id, int64_t event_id, const char *grp, err *e)
{
	struct squad_row s;
	if (squad_load(d, squad_id, &s, e) != 0)
		return NULL;
	if (event_id <= 0) {
		err_set(e, 422, "missing_field", "event_id", "缺少选拔赛项目 event_id",
			"missing field 'event_id'");
		return NULL;
	}
	db_stmt *st = db_query(
		d,
		"SELECT v.competition_id, c.tier, c.status, v.status, v.team_size FROM competition_events "
		"v JOIN competitions c ON c.id = v.competition_id WHERE v.id = $1",
		DB_ARGS(DV_I(event_id)), e);
	int row = st ? db_row(st, e) : -1;
	char tier[16] = "", cstatus[16] = "", estatus[16] = "";
	struct round_ctx c = {.squad_id = squad_id, .event_id = event_id};
	int64_t team = 1;
	if (row == 1) {
		c.competition_id = db_int(st, 0);
		snprintf(tier, sizeof tier, "%s", db_text(st, 1));
		snprintf(cstatus, sizeof cstatus, "%s", db_text(st, 2));
		snprintf(estatus, sizeof estatus, "%s", db_text(st, 3));
		team = db_int(st, 4);
	}
	db_done(st);
	if (row < 0)
		return NULL;
	if (row == 0) {
		err_set(e, 422, "event_not_found", "event_id", "竞赛项目不存在", "no such competition event");
		return NULL;
	}
	if (strcmp(tier, s.target) != 0) {
		err_set(e, 422, "round_tier", "event_id", "选拔赛须是%s级别的竞赛项目%.0s",
			"a selection round is an event of a competition of the squad's tier (%.0s%s)",
			target_zh(s.target), s.target);
		return NULL;
	}
	if (team > 1) {
		err_set(e, 422, "team_not_allowed", "event_id", "选拔赛项目须为个人项目",
			"a selection round is an individual event");
		return NULL;
	}
	if (strcmp(cstatus, "open") != 0) {
		err_set(e, 409, "registration_closed", NULL, "该竞赛未在报名阶段",
			"the competition is not open");
		return NULL;
	}
	if (strcmp(estatus, "open") != 0) {
		err_set(e, 409, "event_drawn", NULL, "该项目已抽签", "the event is drawn");
		return NULL;
	}
	/* the group: the one named, or the event's only group */
	st = db_query(d,
		      "SELECT id, grp FROM competition_groups WHERE event_id = $1 AND ($2 = '' OR grp = $2) "
		      "ORDER BY id",
		      DB_ARGS(DV_I(event_id), DV_S(grp ? grp : "")), e);
	int ng = 0;
	char g[16] = "";
	while (st && (row = db_row(st, e)) == 1) {
		if (!ng++) {
			c.group_id = db_int(st, 0);
			snprintf(g, sizeof g, "%s", db_text(st, 1));
		}
	}
	db_done(st);
	if (!st || row < 0)
		return NULL;
	if (ng > 1) {
		err_set(e, 422, "group_required", "group", "该项目有多个组别，须指定 group",
			"the event has several groups: give 'group'");
		return NULL;
	}
	if (!ng) {
		err_set(e, 422, "no_such_group", "group", "该项目没有这个组别",
			"the event has no such group");
		return NULL;
	}
	c.grp = g;
	if (svc_tx(d, a, round_work, &c, e) != 0)
		return NULL;
	return json_pack("{s:I,s:I,s:I,s:I,s:I}", "squad_id", (json_int_t)squad_id, "event_id",
			 (json_int_t)event_id, "round", (json_int_t)c.pos, "entered", (json_int_t)c.entered,
			 "already", (json_int_t)c.already);
}
