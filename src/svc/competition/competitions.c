/* competitions.c: competitions, events and groups, quotas, the yearly plan and series (see competitions.h;
 * the rules are core/competition.c, the sources docs/DOMAIN.md "职业技能竞赛") */
#include "util/common.h"
#include "svc/competition/competitions.h"
#include "core/date.h"
#include "store/query.h"
#include "svc/base/svc.h"
#include "svc/base/tx.h"
#include "svc/competition/view.h"
#include "svc/base/actions.h"

#define PROVINCE_REGION "370000"

/* ---- reference ---- */

json_t *comp_reference_json(void)
{
	json_t *tiers = json_array(), *groups = json_array(), *states = json_array();
	for (int i = 0; i < CT_COUNT; i++) {
		const struct comp_tier_info *t = comp_tier_at((enum comp_tier)i);
		json_array_append_new(tiers,
				      json_pack("{s:s,s:s,s:s,s:i,s:i}", "code", t->code, "zh", t->zh, "en",
						t->en, "rank", t->rank, "plan_class", t->plan_class));
	}
	static const char *const groups_en[] = {"Workers", "Students", "Teachers"};
	for (int g = 0; g < CG_COUNT; g++)
		json_array_append_new(groups,
				      json_pack("{s:s,s:s,s:s}", "code", comp_group_code((enum comp_group)g),
						"zh", comp_group_zh((enum comp_group)g), "en", groups_en[g]));
	for (size_t i = 0; i < comp_fsm.nstates; i++)
		json_array_append_new(states,
				      json_pack("{s:s,s:s,s:s}", "code", comp_fsm.states[i].code, "zh",
						comp_fsm.states[i].zh, "en", comp_fsm.states[i].en));
	return json_pack("{s:o,s:o,s:o}", "tiers", tiers, "groups", groups, "states", states);
}

/* ---- helpers ---- */

static int parse_day(const char *s, const char *field, int *ymd, err *e)
{
	if (!s || !*s)
		return err_set(e, 422, "missing_field", field, "缺少字段 %s", "missing field '%s'", field);
	if (date_parse(s, ymd) != 0)
		return err_set(e, 422, "invalid_date", field, "%s 应为 YYYY-MM-DD 格式的日期",
			       "%s must be a date YYYY-MM-DD", field);
	return 0;
}

/* the region code is a known region */
static int region_known(db *d, const char *code, const char *field, err *e)
{
	int64_t n = 0;
	if (!code || strlen(code) != 6)
		return err_set(e, 422, "invalid_value", field, "行政区划代码应为 6 位",
			       "%s must be a 6-digit region code", field);
	if (db_one_int(d, "SELECT COUNT(*) FROM regions WHERE code = $1", DB_ARGS(DV_S(code)), &n, e) !=
	    DB_OK)
		return -1;
	if (!n)
		return err_set(e, 422, "unknown_region", field, "行政区划 %s 不存在", "no region %s", code);
	return 0;
}

/* the caller's default region: the province's code, or a city administrator's prefix as a 6-digit code */
static void default_region(const principal *a, char out[16])
{
	if (a->role == ROLE_PROVINCE_ADMIN || !a->region[0]) {
		snprintf(out, 16, "%s", PROVINCE_REGION);
		return;
	}
	snprintf(out, 16, "%.6s", a->region);
	for (size_t i = strlen(out); i < 6; i++)
		out[i] = '0';
	out[6] = 0;
}

/* may this role organise a competition of this tier? */
static bool tier_for_role(enum role r, const char *tier)
{
	static const char *const city[] = {"province_1", "province_2", "city", "county", "industry"};
	static const char *const inst[] = {"province_1", "province_2", "enterprise", "school"};
	if (r == ROLE_PROVINCE_ADMIN)
		return true;
	const char *const *set = r == ROLE_CITY_ADMIN ? city : r == ROLE_INSTITUTION_ADMIN ? inst : NULL;
	size_t n = r == ROLE_CITY_ADMIN ? ARRAY_LEN(city) : ARRAY_LEN(inst);
	for (size_t i = 0; set && i < n; i++)
		if (!strcmp(set[i], tier))
			return true;
	return false;
}

int comp_load_head(db *d, int64_t id, struct comp_head *h, err *e)
{
	memset(h, 0, sizeof *h);
	db_stmt *st = db_query(d, "SELECT id, status, tier, name, starts_on FROM competitions WHERE id = $1",
			       DB_ARGS(DV_I(id)), e);
	if (!st)
		return -1;
	int row = db_row(st, e);
	if (row > 0) {
		h->id = db_int(st, 0);
		snprintf(h->status, sizeof h->status, "%s", db_text(st, 1));
		snprintf(h->tier, sizeof h->tier, "%s", db_text(st, 2));
		snprintf(h->name, sizeof h->name, "%s", db_text(st, 3));
		if (date_parse(db_text(st, 4), &h->starts_on) != 0)
			h->starts_on = 0;
	}
	db_done(st);
	if (row < 0)
		return -1;
	if (!row)
		return err_set(e, 404, "not_found", NULL, "竞赛不存在", "no such competition");
	return 0;
}

/* ---- create ---- */

struct create_ctx {
	const struct comp_input *in;
	char region[16];
	int64_t inst, year, edition, id;
};

static int create_work(tx *t, void *ctx, err *e)
{
	struct create_ctx *c = ctx;
	const struct comp_input *in = c->in;
	const struct comp_tier_info *ti = comp_tier(in->tier);
	int64_t edition = c->edition;
	if (in->series_id > 0 && edition <= 0) {
		if (db_one_int(t->d,
			       "SELECT COALESCE(MAX(edition), 0) + 1 FROM competitions WHERE series_id = $1",
			       DB_ARGS(DV_I(in->series_id)), &edition, e) != DB_OK)
			return -1;
	}
	if (in->series_id > 0) {
		int64_t dup = 0;
		if (db_one_int(t->d,
			       "SELECT COUNT(*) FROM competitions WHERE series_id = $1 AND edition = $2",
			       DB_ARGS(DV_I(in->series_id), DV_I(edition)), &dup, e) != DB_OK)
			return -1;
		if (dup)
			return err_set(e, 409, "edition_exists", "edition", "该系列第 %lld 届已存在",
				       "edition %lld of that series exists", (long long)edition);
	}
	int64_t now = now_s();
	db_stmt *st = db_query(
		t->d,
		"INSERT INTO competitions (name, tier, organiser_name, organiser_kind, region_code, "
		"institution_id, "
		"series_id, edition, plan_year, plan_class, key_industry, starts_on, ends_on, created_by, "
		"created_at, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$15) "
		"RETURNING id",
		DB_ARGS(DV_S(in->name), DV_S(in->tier), DV_S(in->organiser_name), DV_S(in->organiser_kind),
			DV_S(c->region), c->inst > 0 ? DV_I(c->inst) : DV_NULL,
			in->series_id > 0 ? DV_I(in->series_id) : DV_NULL,
			in->series_id > 0 ? DV_I(edition) : DV_NULL, DV_I(c->year),
			ti->plan_class ? DV_I(ti->plan_class) : DV_NULL, DV_I(in->key_industry ? 1 : 0),
			DV_S(in->starts_on), DV_S(in->ends_on), DV_I(t->a->user_id), DV_I(now)),
		e);
	if (!st)
		return -1;
	int row = db_row(st, e);
	if (row > 0)
		c->id = db_int(st, 0);
	db_done(st);
	if (row <= 0)
		return row < 0 ? -1 : ERR_INTERNAL(e, "insert returned no id");
	tx_audit(t, "competition.create", "competition", c->id,
		 json_pack("{s:s,s:s,s:s,s:I}", "name", in->name, "tier", in->tier, "region_code", c->region,
			   "plan_year", (json_int_t)c->year));
	return 0;
}

json_t *comp_create(db *d, const principal *a, const struct comp_input *in, err *e)
{
	if (check_text(in->name, "name", COMP_NAME_MAX, true, e) != 0 ||
	    check_text(in->organiser_name, "organiser_name", COMP_NAME_MAX, true, e) != 0)
		return NULL;
	if (!in->tier || !*in->tier) {
		err_set(e, 422, "missing_field", "tier", "缺少竞赛层级", "missing field 'tier'");
		return NULL;
	}
	if (!comp_tier(in->tier)) {
		err_set(e, 422, "invalid_value", "tier", "竞赛层级 %s 无效", "unknown tier %s", in->tier);
		return NULL;
	}
	static const char *const kinds[] = {"department", "association", "city",
					    "enterprise", "school",	 "province"};
	bool kind_ok = false;
	for (size_t i = 0; in->organiser_kind && i < ARRAY_LEN(kinds); i++)
		kind_ok |= !strcmp(kinds[i], in->organiser_kind);
	if (!kind_ok) {
		err_set(e, 422, "invalid_value", "organiser_kind",
			"主办单位类别应为 department、association、city、enterprise、school 或 province",
			"organiser_kind is department, association, city, enterprise, school or province");
		return NULL;
	}
	int from, to;
	if (parse_day(in->starts_on, "starts_on", &from, e) != 0 ||
	    parse_day(in->ends_on, "ends_on", &to, e) != 0)
		return NULL;
	if (to < from) {
		err_set(e, 422, "invalid_dates", "ends_on", "结束日期不能早于开始日期",
			"ends_on is before starts_on");
		return NULL;
	}
	if (in->plan_year && (in->plan_year < 2000 || in->plan_year > 2100)) {
		err_set(e, 422, "invalid_value", "plan_year", "计划年度无效", "plan_year is invalid");
		return NULL;
	}
	if (in->edition < 0 || (in->edition > 0 && in->series_id <= 0)) {
		err_set(e, 422, "invalid_value", "edition", "届次须属于一个系列",
			"an edition belongs to a series");
		return NULL;
	}
	if (!tier_for_role(a->role, in->tier)) {
		err_set(e, 403, "forbidden", "tier", "您无权主办该层级的竞赛",
			"your role does not organise competitions of that tier");
		return NULL;
	}
	struct create_ctx c = {
		.in = in, .edition = in->edition, .year = in->plan_year ? in->plan_year : from / 10000};
	if (a->role == ROLE_INSTITUTION_ADMIN) {
		db_stmt *st = db_query(d, "SELECT region_code FROM institutions WHERE id = $1",
				       DB_ARGS(DV_I(a->institution_id)), e);
		if (!st)
			return NULL;
		int row = db_row(st, e);
		if (row > 0)
			snprintf(c.region, sizeof c.region, "%s", db_text(st, 0));
		db_done(st);
		if (row <= 0) {
			if (row == 0)
				err_set(e, 403, "forbidden", NULL, "账号未关联机构",
					"the account has no institution");
			return NULL;
		}
		c.inst = a->institution_id;
	} else {
		if (in->region_code && *in->region_code)
			snprintf(c.region, sizeof c.region, "%.15s", in->region_code);
		else
			default_region(a, c.region);
		if (region_known(d, c.region, "region_code", e) != 0)
			return NULL;
		if (scope_region_outside(a, SE_COMPETITION, c.region)) {
			err_set(e, 403, "forbidden", "region_code", "不能为本辖区以外的地区主办竞赛",
				"you cannot organise a competition outside your region");
			return NULL;
		}
	}
	if (in->series_id > 0) {
		int64_t n = 0;
		if (db_one_int(d, "SELECT COUNT(*) FROM competition_series WHERE id = $1",
			       DB_ARGS(DV_I(in->series_id)), &n, e) != DB_OK)
			return NULL;
		if (!n) {
			err_set(e, 422, "unknown_series", "series_id", "竞赛系列不存在", "no such series");
			return NULL;
		}
	}
	if (svc_tx(d, a, create_work, &c, e) != 0)
		return NULL;
	return comp_get_json(d, a, c.id, e);
}

/* ---- read ---- */

static json_t *group_view(db_stmt *st)
{
	return json_pack("{s:I,s:s,s:I,s:I,s:I,s:I,s:s,s:s}", "id", (json_int_t)db_int(st, 0), "group",
			 db_text(st, 1), "min_age", (json_int_t)db_int(st, 2), "max_age",
			 (json_int_t)db_int(st, 3), "level_required", (json_int_t)db_int(st, 4),
			 "level_excluded", (json_int_t)db_int(st, 5), "employment", db_text(st, 6),
			 "enrolment", db_text(st, 7));
}

static json_t *groups_of(db *d, int64_t event_id, err *e)
{
	json_t *g = rows_json(
		db_query(d,
			 "SELECT id, grp, min_age, max_age, level_required, level_excluded, employment, "
			 "enrolment FROM competition_groups WHERE event_id = $1 ORDER BY id",
			 DB_ARGS(DV_I(event_id)), e),
		group_view, e);
	if (!g)
		return NULL;
	size_t i;
	json_t *x;
	json_array_foreach(g, i, x)
	{
		enum comp_group cg;
		if (comp_group_parse(json_string_value(json_object_get(x, "group")), &cg) == 0)
			json_object_set_new(x, "group_zh", json_string(comp_group_zh(cg)));
	}
	return g;
}

json_t *comp_events_json(db *d, int64_t competition_id, err *e)
{
	json_t *evs = rows_json(db_query(d,
					 "SELECT " COMP_EVENT_VIEW_COLS " FROM competition_events ev WHERE "
					 "ev.competition_id = $1 ORDER BY ev.id",
					 DB_ARGS(DV_I(competition_id)), e),
				comp_event_view, e);
	if (!evs)
		return NULL;
	size_t i;
	json_t *x;
	json_array_foreach(evs, i, x)
	{
		json_t *g = groups_of(d, json_integer_value(json_object_get(x, "id")), e);
		if (!g) {
			json_decref(evs);
			return NULL;
		}
		json_object_set_new(x, "groups", g);
	}
	return evs;
}

static json_t *quota_view(db_stmt *st)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(db_int(st, 0)));
	json_object_set_new(o, "event_id", db_isnull(st, 1) ? json_null() : json_integer(db_int(st, 1)));
	json_object_set_new(o, "unit_region", json_string(db_text(st, 2)));
	json_object_set_new(o, "unit_institution_id",
			    db_isnull(st, 3) ? json_null() : json_integer(db_int(st, 3)));
	json_object_set_new(o, "quota", json_integer(db_int(st, 4)));
	return o;
}

json_t *comp_get_json(db *d, const principal *a, int64_t id, err *e)
{
	json_t *o = row_json(scoped_row(d, a, "SELECT " COMP_VIEW_COLS " FROM competitions cm", "cm.id = ?",
					id, SE_COMPETITION, e),
			     comp_view, e);
	if (!o) {
		if (!err_isset(e))
			err_set(e, 404, "not_found", NULL, "竞赛不存在", "no such competition");
		return NULL;
	}
	json_t *evs = comp_events_json(d, id, e);
	json_t *qs =
		evs ? rows_json(db_query(d,
					 "SELECT id, event_id, unit_region, unit_institution_id, quota FROM "
					 "competition_quotas WHERE competition_id = $1 ORDER BY id",
					 DB_ARGS(DV_I(id)), e),
				quota_view, e)
		    : NULL;
	if (!qs) {
		json_decref(evs);
		json_decref(o);
		return NULL;
	}
	json_object_set_new(o, "events", evs);
	json_object_set_new(o, "quotas", qs);
	/* the moves the caller may take */
	bool may_change = scope_check(d, a, SE_COMPETITION, id, SCOPE_WRITE, NULL, &(err){0}) == 0;
	const char *status = json_string_value(json_object_get(o, "status"));
	json_t *acts = fsm_actions_json(&comp_fsm, status, fsm_acting(a, may_change));
	json_object_set_new(o, "actions", acts);
	json_object_set_new(o, "may_manage", json_boolean(may_change));
	return o;
}

static const struct list_filter comp_filters[] = {
	{"tier", "cm.tier = ?", LIST_EQ, 0, NULL},
	{"status", "cm.status = ?", LIST_EQ, 0, NULL},
	{"plan_year", "cm.plan_year = ?", LIST_ID, 0, NULL},
	{"region_code", "cm.region_code LIKE ?", LIST_REGION, 0, NULL},
	{"series_id", "cm.series_id = ?", LIST_ID, 0, NULL},
	{"name", "cm.name LIKE ?", LIST_CONTAINS, 100, NULL},
};
static const struct list_sort comp_sorts[] = {
	{"starts_on", "cm.starts_on"},
	{"id", "cm.id"},
};

const struct list_spec comp_list = {
	.name = "competitions",
	.scoped = true,
	.entity = SE_COMPETITION,
	.count_sql = "SELECT COUNT(*) FROM competitions cm",
	.select_sql = "SELECT " COMP_VIEW_COLS " FROM competitions cm",
	.order = "cm.starts_on DESC, cm.id DESC",
	LIST_FILTERS(comp_filters),
	LIST_SORTS(comp_sorts),
	.view = comp_view,
};

/* ---- moves ---- */

struct move_ctx {
	int64_t id;
	const char *to, *reason;
};

static int move_work(tx *t, void *ctx, err *e)
{
	struct move_ctx *c = ctx;
	db_stmt *st = db_query(
		t->d,
		"SELECT status, tier, plan_year, (SELECT COUNT(*) FROM competition_events ev WHERE "
		"ev.competition_id = cm.id), (SELECT COUNT(*) FROM competition_plans pl WHERE pl.year = "
		"cm.plan_year) FROM competitions cm WHERE cm.id = $1",
		DB_ARGS(DV_I(c->id)), e);
	if (!st)
		return -1;
	int row = db_row(st, e);
	char from[16] = "", tier[16] = "";
	int64_t year = 0, events = 0, published = 0;
	if (row > 0) {
		snprintf(from, sizeof from, "%s", db_text(st, 0));
		snprintf(tier, sizeof tier, "%s", db_text(st, 1));
		year = db_int(st, 2);
		events = db_int(st, 3);
		published = db_int(st, 4);
	}
	db_done(st);
	if (row <= 0)
		return row < 0 ? -1 : err_set(e, 404, "not_found", NULL, "竞赛不存在", "no such competition");
	struct comp_ctx cc = {tier, published > 0, events};
	const struct fsm_transition *tr = NULL;
	if (fsm_decide(&comp_fsm, from, c->to, fsm_acting(t->a, true), c->reason, &cc, &tr, e) != 0)
		return -1;
	/* approving into a plan already published publishes the competition at once */
	bool publish = (tr->effects & COMP_FX_PUBLISH) || (!strcmp(c->to, "approved") && published > 0);
	const char *reason = c->reason ? c->reason : "";
	if (db_run(t->d,
		   "UPDATE competitions SET status = $2, published = CASE WHEN $3 = 1 THEN 1 ELSE published "
		   "END, "
		   "decision_reason = CASE WHEN $4 = 1 THEN $5 ELSE decision_reason END, updated_at = $6 "
		   "WHERE id = $1",
		   DB_ARGS(DV_I(c->id), DV_S(c->to), DV_I(publish ? 1 : 0),
			   DV_I(!strcmp(c->to, "approved") || !strcmp(c->to, "rejected") ? 1 : 0),
			   DV_S(reason), DV_I(now_s())),
		   e) < 0)
		return -1;
	tx_audit(t, tr->audit, "competition", c->id,
		 json_pack("{s:s,s:s,s:s,s:I}", "from", from, "to", c->to, "reason", reason, "plan_year",
			   (json_int_t)year));
	return 0;
}

int comp_move(db *d, const principal *a, int64_t id, const char *to, const char *reason, err *e)
{
	if (fsm_check_state(&comp_fsm, to, e) != 0)
		return -1;
	if (reason && check_text(reason, "reason", 500, false, e) != 0)
		return -1;
	/* the approval and rejection are the province's whatever the organiser's scope; the other moves the
	 * organiser's, in its scope */
	if (scope_check(d, a, SE_COMPETITION, id, SCOPE_WRITE, NULL, e) != 0)
		return -1;
	struct move_ctx c = {id, to, reason && *reason ? reason : NULL};
	return svc_tx(d, a, move_work, &c, e);
}

/* ---- events ---- */

struct event_ctx {
	const struct comp_event_input *in;
	struct comp_group_rule rules[CG_COUNT];
	int64_t id;
};

static int event_work(tx *t, void *ctx, err *e)
{
	struct event_ctx *c = ctx;
	const struct comp_event_input *in = c->in;
	struct comp_head h;
	if (comp_load_head(t->d, in->competition_id, &h, e) != 0)
		return -1;
	if (!strcmp(h.status, "closed"))
		return err_set(e, 409, "registration_closed", NULL, "竞赛已截止报名，不能再增设赛项",
			       "registration is closed: no more events");
	int64_t dup = 0;
	if (db_one_int(t->d,
		       "SELECT COUNT(*) FROM competition_events WHERE competition_id = $1 AND name = $2",
		       DB_ARGS(DV_I(in->competition_id), DV_S(in->name)), &dup, e) != DB_OK)
		return -1;
	if (dup)
		return err_set(e, 409, "event_exists", "name", "该竞赛已有同名赛项",
			       "the competition has an event of that name");
	db_stmt *st = db_query(
		t->d,
		"INSERT INTO competition_events (competition_id, name, occupation_code, "
		"worldskills_skill, team_size, seats, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7) "
		"RETURNING id",
		DB_ARGS(DV_I(in->competition_id), DV_S(in->name),
			in->occupation_code && *in->occupation_code ? DV_S(in->occupation_code) : DV_NULL,
			DV_S(in->worldskills_skill ? in->worldskills_skill : ""),
			DV_I(in->team_size > 0 ? in->team_size : 1), DV_I(in->seats), DV_I(now_s())),
		e);
	if (!st)
		return -1;
	int row = db_row(st, e);
	if (row > 0)
		c->id = db_int(st, 0);
	db_done(st);
	if (row <= 0)
		return row < 0 ? -1 : ERR_INTERNAL(e, "insert returned no id");
	json_t *gs = json_array();
	for (int i = 0; i < in->ngroups; i++) {
		const struct comp_group_rule *r = &c->rules[i];
		if (db_run(t->d,
			   "INSERT INTO competition_groups (event_id, grp, min_age, max_age, level_required, "
			   "level_excluded, employment, enrolment) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)",
			   DB_ARGS(DV_I(c->id), DV_S(in->groups[i].grp), DV_I(r->min_age), DV_I(r->max_age),
				   DV_I(r->level_required), DV_I(r->level_excluded),
				   DV_S(comp_employment_code(r->employment)),
				   DV_S(comp_enrolment_code(r->enrolment))),
			   e) < 0) {
			json_decref(gs);
			return -1;
		}
		json_array_append_new(gs, json_string(in->groups[i].grp));
	}
	tx_audit(t, "competition_event.create", "competition_event", c->id,
		 json_pack("{s:I,s:s,s:o}", "competition_id", (json_int_t)in->competition_id, "name",
			   in->name, "groups", gs));
	return 0;
}

json_t *comp_event_add(db *d, const principal *a, const struct comp_event_input *in, err *e)
{
	if (check_text(in->name, "name", COMP_NAME_MAX, true, e) != 0 ||
	    check_text(in->worldskills_skill, "worldskills_skill", COMP_NAME_MAX, false, e) != 0)
		return NULL;
	bool occ = in->occupation_code && *in->occupation_code;
	bool ws = in->worldskills_skill && *in->worldskills_skill;
	if (!occ && !ws) {
		err_set(e, 422, "missing_field", "occupation_code", "赛项须对应一个职业（工种）或世赛项目",
			"an event is of an occupation or a WorldSkills skill");
		return NULL;
	}
	if (in->team_size < 0 || in->team_size > 10) {
		err_set(e, 422, "invalid_value", "team_size", "团体赛每队 2 至 10 人，个人赛为 1",
			"team_size is 1 (individual) or 2..10");
		return NULL;
	}
	if (in->seats < 0 || in->seats > 100000) {
		err_set(e, 422, "invalid_value", "seats", "工位数无效", "seats is invalid");
		return NULL;
	}
	if (in->ngroups < 1 || in->ngroups > CG_COUNT) {
		err_set(e, 422, "missing_field", "groups",
			"赛项须设置 1 至 3 个组别（职工组、学生组、教师组）",
			"an event has 1..3 groups (worker, student, teacher)");
		return NULL;
	}
	struct event_ctx c = {.in = in};
	unsigned seen = 0;
	for (int i = 0; i < in->ngroups; i++) {
		enum comp_group g;
		if (comp_group_parse(in->groups[i].grp, &g) != 0) {
			err_set(e, 422, "invalid_value", "groups", "组别应为 worker、student 或 teacher",
				"a group is worker, student or teacher");
			return NULL;
		}
		if (seen & (1u << g)) {
			err_set(e, 422, "invalid_value", "groups", "组别重复", "a group appears twice");
			return NULL;
		}
		seen |= 1u << g;
		c.rules[i] = in->groups[i].rule;
		if ((in->groups[i].employment &&
		     comp_employment_parse(in->groups[i].employment, &c.rules[i].employment)) ||
		    (in->groups[i].enrolment &&
		     comp_enrolment_parse(in->groups[i].enrolment, &c.rules[i].enrolment))) {
			err_set(e, 422, "invalid_value", "groups",
				"就业条件应为 any、employed 或 school_staff，在校条件应为 any、enrolled 或 "
				"not_enrolled",
				"employment is any, employed or school_staff; enrolment any, enrolled or "
				"not_enrolled");
			return NULL;
		}
		if (comp_rule_check(&c.rules[i], e) != 0)
			return NULL;
	}
	if (occ) {
		int64_t n = 0;
		if (db_one_int(d, "SELECT COUNT(*) FROM occupations WHERE code = $1",
			       DB_ARGS(DV_S(in->occupation_code)), &n, e) != DB_OK)
			return NULL;
		if (!n) {
			err_set(e, 422, "unknown_occupation", "occupation_code", "职业（工种）%s 不存在",
				"no occupation %s", in->occupation_code);
			return NULL;
		}
	}
	if (scope_check(d, a, SE_COMPETITION, in->competition_id, SCOPE_WRITE, NULL, e) != 0)
		return NULL;
	if (svc_tx(d, a, event_work, &c, e) != 0)
		return NULL;
	json_t *evs = comp_events_json(d, in->competition_id, e);
	if (!evs)
		return NULL;
	size_t i;
	json_t *x;
	json_array_foreach(evs, i, x) if (json_integer_value(json_object_get(x, "id")) == c.id)
	{
		json_incref(x);
		json_decref(evs);
		return x;
	}
	json_decref(evs);
	return ERR_INTERNAL(e, "event not found after insert"), NULL;
}

/* ---- quotas ---- */

struct quota_ctx {
	int64_t id;
	const struct comp_quota_input *q;
	size_t n;
};

static int quota_work(tx *t, void *ctx, err *e)
{
	struct quota_ctx *c = ctx;
	struct comp_head h;
	if (comp_load_head(t->d, c->id, &h, e) != 0)
		return -1;
	if (!strcmp(h.status, "closed"))
		return err_set(e, 409, "registration_closed", NULL, "竞赛已截止报名",
			       "registration is closed");
	if (db_run(t->d, "DELETE FROM competition_quotas WHERE competition_id = $1", DB_ARGS(DV_I(c->id)),
		   e) < 0)
		return -1;
	for (size_t i = 0; i < c->n; i++) {
		const struct comp_quota_input *q = &c->q[i];
		if (q->event_id > 0) {
			int64_t n = 0;
			if (db_one_int(t->d,
				       "SELECT COUNT(*) FROM competition_events WHERE id = $1 AND "
				       "competition_id = $2",
				       DB_ARGS(DV_I(q->event_id), DV_I(c->id)), &n, e) != DB_OK)
				return -1;
			if (!n)
				return err_set(e, 422, "unknown_event", "event_id", "赛项 %lld 不属于该竞赛",
					       "event %lld is not of this competition",
					       (long long)q->event_id);
		}
		if (q->unit_institution_id > 0) {
			int64_t n = 0;
			if (db_one_int(t->d, "SELECT COUNT(*) FROM institutions WHERE id = $1",
				       DB_ARGS(DV_I(q->unit_institution_id)), &n, e) != DB_OK)
				return -1;
			if (!n)
				return err_set(e, 422, "unknown_institution", "unit_institution_id",
					       "机构不存在", "no such institution");
		} else if (region_known(t->d, q->unit_region, "unit_region", e) != 0) {
			return -1;
		}
		if (db_run(t->d,
			   "INSERT INTO competition_quotas (competition_id, event_id, unit_region, "
			   "unit_institution_id, "
			   "quota) VALUES ($1,$2,$3,$4,$5)",
			   DB_ARGS(DV_I(c->id), q->event_id > 0 ? DV_I(q->event_id) : DV_NULL,
				   DV_S(q->unit_institution_id > 0 ? "" : q->unit_region),
				   q->unit_institution_id > 0 ? DV_I(q->unit_institution_id) : DV_NULL,
				   DV_I(q->quota)),
			   e) < 0)
			return -1;
	}
	tx_audit(t, "competition.quotas", "competition", c->id,
		 json_pack("{s:I}", "quotas", (json_int_t)c->n));
	return 0;
}

json_t *comp_quotas_set(db *d, const principal *a, int64_t competition_id, const struct comp_quota_input *q,
			size_t n, err *e)
{
	if (n > 500) {
		err_set(e, 422, "too_many", "items", "名额条目过多（至多 500）",
			"too many quotas (at most 500)");
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		if (q[i].quota < 0 || q[i].quota > 10000) {
			err_set(e, 422, "invalid_value", "quota", "名额须为 0 至 10000",
				"quota must be 0..10000");
			return NULL;
		}
		bool inst = q[i].unit_institution_id > 0, reg = q[i].unit_region && *q[i].unit_region;
		if (inst == reg) {
			err_set(e, 422, "invalid_value", "unit_region",
				"每条名额须指定一个地市（unit_region）或一个机构（unit_institution_id）",
				"each quota names one city (unit_region) or one institution "
				"(unit_institution_id)");
			return NULL;
		}
	}
	if (scope_check(d, a, SE_COMPETITION, competition_id, SCOPE_WRITE, NULL, e) != 0)
		return NULL;
	struct quota_ctx c = {competition_id, q, n};
	if (svc_tx(d, a, quota_work, &c, e) != 0)
		return NULL;
	return comp_get_json(d, a, competition_id, e);
}

/* ---- the plan ---- */

struct plan_item {
	struct comp_plan_row row;
	json_t *o;
};

static int plan_item_cmp(const void *x, const void *y)
{
	return comp_plan_cmp(&((const struct plan_item *)x)->row, &((const struct plan_item *)y)->row);
}

json_t *comp_plan_json(db *d, const principal *a, int64_t year, err *e)
{
	if (year < 2000 || year > 2100) {
		err_set(e, 404, "not_found", NULL, "竞赛计划不存在", "no such plan");
		return NULL;
	}
	int64_t published_at = 0, min_key = 60;
	db_stmt *st =
		db_query(d, "SELECT published_at, min_key_events FROM competition_plans WHERE year = $1",
			 DB_ARGS(DV_I(year)), e);
	if (!st)
		return NULL;
	int row = db_row(st, e);
	if (row > 0) {
		published_at = db_int(st, 0);
		min_key = db_int(st, 1);
	}
	db_done(st);
	if (row < 0)
		return NULL;
	bool staff = role_in(a, R_STAFF);
	int64_t any = 0;
	if (!row && staff &&
	    db_one_int(d, "SELECT COUNT(*) FROM competitions WHERE plan_year = $1 AND plan_class IS NOT NULL",
		       DB_ARGS(DV_I(year)), &any, e) != DB_OK)
		return NULL;
	if (!row && (!staff || !any)) {
		err_set(e, 404, "not_found", NULL, "%lld 年度竞赛计划尚未发布",
			"the %lld plan is not published", (long long)year);
		return NULL;
	}
	query q;
	q_init(&q, "SELECT " COMP_VIEW_COLS " FROM competitions cm");
	q_and(&q, "cm.plan_class IS NOT NULL", DV_NULL);
	q_and(&q, "cm.plan_year = ?", DV_I(year));
	q_and(&q, "cm.status <> 'draft'", DV_NULL);
	scope_where(&q, a, SE_COMPETITION, SCOPE_READ);
	if (!staff)
		q_and(&q, "cm.published = 1", DV_NULL);
	q_sql(&q, " ORDER BY cm.id");
	json_t *items = rows_json(q_query(d, &q, e), comp_view, e);
	q_free(&q);
	if (!items)
		return NULL;
	size_t n = json_array_size(items);
	struct plan_item *pi = calloc(n ? n : 1, sizeof *pi);
	if (!pi) {
		json_decref(items);
		return ERR_INTERNAL(e, "out of memory"), NULL;
	}
	int64_t key_events = 0, approved = 0, applied = 0;
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_array_get(items, i);
		pi[i].o = o;
		pi[i].row.id = json_integer_value(json_object_get(o, "id"));
		pi[i].row.key_industry = json_is_true(json_object_get(o, "key_industry"));
		pi[i].row.plan_class = (int)json_integer_value(json_object_get(o, "plan_class"));
		int ymd = 0;
		date_parse(json_string_value(json_object_get(o, "starts_on")), &ymd);
		pi[i].row.starts_on = ymd;
		const char *s = json_string_value(json_object_get(o, "status"));
		bool in_plan = strcmp(s, "applied") && strcmp(s, "rejected");
		approved += in_plan;
		applied += !strcmp(s, "applied");
		key_events += in_plan;
	}
	qsort(pi, n, sizeof *pi, plan_item_cmp);
	json_t *ordered = json_array();
	for (size_t i = 0; i < n; i++) {
		json_object_set_new(pi[i].o, "rank", json_integer((json_int_t)i + 1));
		json_array_append(ordered, pi[i].o);
	}
	free(pi);
	json_decref(items);
	json_t *o = json_pack("{s:I,s:b,s:I,s:I,s:b,s:o}", "year", (json_int_t)year, "published", row > 0,
			      "min_key_events", (json_int_t)min_key, "key_events", (json_int_t)key_events,
			      "meets_minimum", key_events >= min_key, "items", ordered);
	json_object_set_new(o, "published_at", row > 0 ? json_integer(published_at) : json_null());
	if (staff)
		json_object_set_new(o, "undecided", json_integer(applied));
	(void)approved;
	return o;
}

struct publish_ctx {
	int64_t year, published;
};

static int publish_work(tx *t, void *ctx, err *e)
{
	struct publish_ctx *c = ctx;
	int64_t n = 0;
	if (db_one_int(t->d, "SELECT COUNT(*) FROM competition_plans WHERE year = $1", DB_ARGS(DV_I(c->year)),
		       &n, e) != DB_OK)
		return -1;
	int64_t any = 0;
	if (db_one_int(t->d,
		       "SELECT COUNT(*) FROM competitions WHERE plan_year = $1 AND plan_class IS NOT NULL",
		       DB_ARGS(DV_I(c->year)), &any, e) != DB_OK)
		return -1;
	if (!any)
		return err_set(e, 404, "not_found", NULL, "%lld 年度没有竞赛计划申报",
			       "no plan applications for %lld", (long long)c->year);
	if (n)
		return err_set(e, 409, "already_published", NULL, "%lld 年度竞赛计划已发布",
			       "the %lld plan is already published", (long long)c->year);
	if (db_one_int(t->d,
		       "SELECT COUNT(*) FROM competitions WHERE plan_year = $1 AND plan_class IS NOT NULL "
		       "AND status = "
		       "'applied'",
		       DB_ARGS(DV_I(c->year)), &n, e) != DB_OK)
		return -1;
	if (n)
		return err_set(e, 409, "undecided_applications", NULL, "尚有 %lld 项申报未审批，不能发布计划",
			       "%lld applications are undecided: the plan cannot be published", (long long)n);
	if (db_run(t->d,
		   "INSERT INTO competition_plans (year, status, min_key_events, published_at, published_by) "
		   "VALUES "
		   "($1, 'published', 60, $2, $3)",
		   DB_ARGS(DV_I(c->year), DV_I(now_s()), DV_I(t->a->user_id)), e) < 0)
		return -1;
	c->published =
		db_run(t->d,
		       "UPDATE competitions SET published = 1, updated_at = $2 WHERE plan_year = $1 AND "
		       "plan_class IS NOT NULL AND status = 'approved'",
		       DB_ARGS(DV_I(c->year), DV_I(now_s())), e);
	if (c->published < 0)
		return -1;
	tx_audit(t, "competition_plan.publish", "competition_plan", c->year,
		 json_pack("{s:I}", "competitions", (json_int_t)c->published));
	return 0;
}

json_t *comp_plan_publish(db *d, const principal *a, int64_t year, err *e)
{
	if (year < 2000 || year > 2100) {
		err_set(e, 404, "not_found", NULL, "竞赛计划不存在", "no such plan");
		return NULL;
	}
	if (a->role != ROLE_PROVINCE_ADMIN) {
		err_set(e, 403, "forbidden", NULL, "只有省级人社部门发布竞赛计划",
			"only the province publishes the plan");
		return NULL;
	}
	struct publish_ctx c = {year, 0};
	if (svc_tx(d, a, publish_work, &c, e) != 0)
		return NULL;
	return comp_plan_json(d, a, year, e);
}

/* ---- series ---- */

static json_t *series_view(db_stmt *st)
{
	int64_t interval = db_int(st, 4), first = db_int(st, 5), last_ed = db_int(st, 6),
		last_year = db_int(st, 7);
	json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:I,s:I,s:I}", "id", (json_int_t)db_int(st, 0), "name",
			      db_text(st, 1), "organiser_name", db_text(st, 2), "region_code", db_text(st, 3),
			      "interval_years", (json_int_t)interval, "first_year", (json_int_t)first,
			      "editions", (json_int_t)last_ed);
	/* the next edition and its year: one interval after the last edition held, or the first year */
	json_object_set_new(o, "next_edition", json_integer(last_ed + 1));
	json_object_set_new(o, "next_year", json_integer(last_year ? last_year + interval : first));
	return o;
}

#define SERIES_COLS                                                                                          \
	"s.id, s.name, s.organiser_name, s.region_code, s.interval_years, s.first_year, (SELECT "            \
	"COALESCE(MAX(cm.edition), 0) FROM competitions cm WHERE cm.series_id = s.id), (SELECT "             \
	"COALESCE(MAX(cm.plan_year), 0) FROM competitions cm WHERE cm.series_id = s.id)"

json_t *comp_series_list(db *d, err *e)
{
	json_t *items = rows_json(
		db_query(d, "SELECT " SERIES_COLS " FROM competition_series s ORDER BY s.id", DB_NOARGS, e),
		series_view, e);
	return items ? json_pack("{s:o,s:I}", "items", items, "total", (json_int_t)json_array_size(items))
		     : NULL;
}

struct series_ctx {
	const struct comp_series_input *in;
	char region[16];
	int64_t id;
};

static int series_work(tx *t, void *ctx, err *e)
{
	struct series_ctx *c = ctx;
	int64_t n = 0;
	if (db_one_int(t->d, "SELECT COUNT(*) FROM competition_series WHERE name = $1",
		       DB_ARGS(DV_S(c->in->name)), &n, e) != DB_OK)
		return -1;
	if (n)
		return err_set(e, 409, "series_exists", "name", "同名竞赛系列已存在",
			       "a series of that name exists");
	db_stmt *st =
		db_query(t->d,
			 "INSERT INTO competition_series (name, organiser_name, region_code, interval_years, "
			 "first_year, created_at) VALUES ($1,$2,$3,$4,$5,$6) RETURNING id",
			 DB_ARGS(DV_S(c->in->name), DV_S(c->in->organiser_name), DV_S(c->region),
				 DV_I(c->in->interval_years ? c->in->interval_years : 1),
				 DV_I(c->in->first_year), DV_I(now_s())),
			 e);
	if (!st)
		return -1;
	int row = db_row(st, e);
	if (row > 0)
		c->id = db_int(st, 0);
	db_done(st);
	if (row <= 0)
		return row < 0 ? -1 : ERR_INTERNAL(e, "insert returned no id");
	tx_audit(t, "competition_series.create", "competition_series", c->id,
		 json_pack("{s:s,s:I}", "name", c->in->name, "interval_years",
			   (json_int_t)(c->in->interval_years ? c->in->interval_years : 1)));
	return 0;
}

json_t *comp_series_create(db *d, const principal *a, const struct comp_series_input *in, err *e)
{
	if (check_text(in->name, "name", COMP_NAME_MAX, true, e) != 0 ||
	    check_text(in->organiser_name, "organiser_name", COMP_NAME_MAX, true, e) != 0)
		return NULL;
	if (in->interval_years < 0 || in->interval_years > 10) {
		err_set(e, 422, "invalid_value", "interval_years", "举办周期须为 1 至 10 年",
			"interval_years is 1..10");
		return NULL;
	}
	if (in->first_year < 1950 || in->first_year > 2100) {
		err_set(e, 422, "invalid_value", "first_year", "首届年度无效", "first_year is invalid");
		return NULL;
	}
	struct series_ctx c = {.in = in};
	if (in->region_code && *in->region_code)
		snprintf(c.region, sizeof c.region, "%.15s", in->region_code);
	else
		default_region(a, c.region);
	if (region_known(d, c.region, "region_code", e) != 0)
		return NULL;
	if (scope_region_outside(a, SE_COMPETITION, c.region)) {
		err_set(e, 403, "forbidden", "region_code", "不能为本辖区以外的地区设立竞赛系列",
			"you cannot set up a series outside your region");
		return NULL;
	}
	if (svc_tx(d, a, series_work, &c, e) != 0)
		return NULL;
	json_t *items =
		rows_json(db_query(d, "SELECT " SERIES_COLS " FROM competition_series s WHERE s.id = $1",
				   DB_ARGS(DV_I(c.id)), e),
			  series_view, e);
	json_t *o = items ? json_incref(json_array_get(items, 0)) : NULL;
	json_decref(items);
	return o;
}
