/* dispatch.c (svc): the dispatch rules, a run for a day and a region, the assignments (dispatch.h) */
#include "util/common.h"
#include "svc/supervision/dispatch.h"
#include "svc/supervision/credit.h"
#include "svc/supervision/supervisors.h"
#include "svc/supervision/view.h"
#include "svc/platform/workforce.h"
#include "svc/base/scope.h"
#include "svc/base/svc.h"
#include "svc/base/tx.h"
#include "store/query.h"
#include "core/date.h"
#include "core/dispatch.h"
#include <inttypes.h>

/* ---- the assignments ---- */

static const struct export_col cols_assignments[] = {
	{"day", "日期"},
	{"institution_name", "评价机构"},
	{"plan_title", "认定计划"},
	{"room", "考场"},
	{"supervisor_name", "督导员"},
	{"supervisor_username", "用户名"},
	{"distance_km", "距离(公里)"},
	{"nth", "当日第几场"},
};

static int filter_day(query *w, const char *frag, const char *v, err *e)
{
	int ymd;
	char day[11];
	if (date_parse(v, &ymd) != 0)
		return err_set(e, 422, "invalid_date", "day", "day 应为日期 YYYY-MM-DD",
			       "day must be a date YYYY-MM-DD");
	date_format(ymd, day);
	q_and(w, frag, DV_S(day));
	return 0;
}

static const struct list_filter assign_filters[] = {
	{"day", "da.day = ?", LIST_FN, .fn = filter_day},
	{"region_code", "i.region_code LIKE ?", LIST_REGION},
	{"supervisor_id", "da.supervisor_id = ?", LIST_ID},
	{"sitting_id", "da.sitting_id = ?", LIST_ID},
};
static const struct list_sort assign_sorts[] = {{"starts_at", "s.starts_at"}, {"distance", "da.distance_m"}};

const struct list_spec assignment_list = {
	.name = "dispatch",
	.scoped = true,
	.entity = SE_DISPATCH,
	.count_sql = "SELECT COUNT(*)" ASSIGNMENT_VIEW_FROM,
	.select_sql = "SELECT " ASSIGNMENT_VIEW_COLS ASSIGNMENT_VIEW_FROM,
	.order = "da.day, s.starts_at, da.sitting_id, da.distance_m, da.id",
	LIST_FILTERS(assign_filters),
	LIST_SORTS(assign_sorts),
	.view = assignment_view,
	LIST_COLS(cols_assignments),
};

/* ---- the rules ---- */

json_t *dispatch_rules_json(db *d, err *e)
{
	db_stmt *st =
		db_query(d,
			 "SELECT level_from, level_to, min_candidates, supervisors FROM dispatch_needs ORDER "
			 "BY level_from, level_to, min_candidates",
			 NULL, 0, e);
	if (!st)
		return NULL;
	json_t *needs = json_array();
	while (db_step(st) == DB_ROW)
		json_array_append_new(needs,
				      json_pack("{s:I,s:I,s:I,s:I}", "level_from", (json_int_t)db_int(st, 0),
						"level_to", (json_int_t)db_int(st, 1), "min_candidates",
						(json_int_t)db_int(st, 2), "supervisors",
						(json_int_t)db_int(st, 3)));
	if (db_finish(st, e) != 0) {
		json_decref(needs);
		return NULL;
	}
	json_t *o = json_pack("{s:o}", "needs", needs);
	st = db_query(d,
		      "SELECT c.region_code, r.name FROM dispatch_cities c JOIN regions r ON r.code = "
		      "c.region_code "
		      "WHERE c.cross_dispatch = 1 ORDER BY c.region_code",
		      NULL, 0, e);
	if (!st)
		goto fail;
	json_t *cross = json_array();
	json_object_set_new(o, "cross_dispatch", cross);
	while (db_step(st) == DB_ROW)
		json_array_append_new(cross, json_pack("{s:s,s:s}", "region_code", db_text(st, 0),
						       "region_name", db_text(st, 1)));
	if (db_finish(st, e) != 0)
		goto fail;
	int64_t load = 0;
	int rc = db_one_int(d, "SELECT value FROM dispatch_settings WHERE name = 'load_km'", NULL, 0, &load,
			    e);
	if (rc != DB_OK && rc != DB_NOT_FOUND)
		goto fail;
	json_object_set_new(o, "load_km", json_integer(load));
	return o;
fail:
	json_decref(o);
	return NULL;
}

static int rules_work(tx *t, void *p, err *e)
{
	const struct dispatch_rules_input *in = p;
	if (db_run(t->d, "DELETE FROM dispatch_needs", NULL, 0, e) < 0)
		return -1;
	for (size_t i = 0; i < in->nneeds; i++) {
		const struct dispatch_need *n = &in->needs[i];
		if (db_run(t->d,
			   "INSERT INTO dispatch_needs (level_from, level_to, min_candidates, supervisors) "
			   "VALUES "
			   "($1, $2, $3, $4)",
			   DB_ARGS(DV_I(n->level_from), DV_I(n->level_to), DV_I(n->min_candidates),
				   DV_I(n->supervisors)),
			   e) < 0)
			return -1;
	}
	if (db_run(t->d, "UPDATE dispatch_cities SET cross_dispatch = 0", NULL, 0, e) < 0)
		return -1;
	for (size_t i = 0; i < in->ncross; i++) {
		int64_t n = 0;
		if (db_one_int(t->d, "SELECT COUNT(*) FROM dispatch_cities WHERE region_code = $1",
			       DB_ARGS(DV_S(in->cross[i])), &n, e) != DB_OK)
			return -1;
		if (db_run(t->d,
			   n ? "UPDATE dispatch_cities SET cross_dispatch = 1 WHERE region_code = $1"
			     : "INSERT INTO dispatch_cities (region_code, cross_dispatch) VALUES ($1, 1)",
			   DB_ARGS(DV_S(in->cross[i])), e) < 0)
			return -1;
	}
	if (db_run(t->d, "DELETE FROM dispatch_settings WHERE name = 'load_km'", NULL, 0, e) < 0 ||
	    db_run(t->d, "INSERT INTO dispatch_settings (name, value) VALUES ('load_km', $1)",
		   DB_ARGS(DV_I(in->load_km)), e) < 0)
		return -1;
	json_t *needs = json_array(), *cross = json_array();
	for (size_t i = 0; i < in->nneeds; i++)
		json_array_append_new(needs, json_pack("[I,I,I,I]", (json_int_t)in->needs[i].level_from,
						       (json_int_t)in->needs[i].level_to,
						       (json_int_t)in->needs[i].min_candidates,
						       (json_int_t)in->needs[i].supervisors));
	for (size_t i = 0; i < in->ncross; i++)
		json_array_append_new(cross, json_string(in->cross[i]));
	tx_audit_key(t, "dispatch.rules", "dispatch_rules", "rules",
		     json_pack("{s:o,s:o,s:I}", "needs", needs, "cross_dispatch", cross, "load_km",
			       (json_int_t)in->load_km));
	return 0;
}

int dispatch_rules_put(db *d, const principal *a, const struct dispatch_rules_input *in, err *e)
{
	if (in->nneeds == 0 || in->nneeds > DISPATCH_MAX_NEEDS)
		return err_set(e, 422, "invalid_value", "needs", "needs 应有 1 到 %d 行",
			       "needs must hold 1..%d rows", DISPATCH_MAX_NEEDS);
	for (size_t i = 0; i < in->nneeds; i++) {
		const struct dispatch_need *n = &in->needs[i];
		if (n->level_from < 1 || n->level_to > 5 || n->level_from > n->level_to ||
		    n->min_candidates < 0 || n->min_candidates > 100000 || n->supervisors < 0 ||
		    n->supervisors > 10)
			return err_set(e, 422, "invalid_value", "needs",
				       "needs 第 %zu 行无效（等级 1–5，人数下限 ≥ 0，督导员 0–10）",
				       "needs row %zu is invalid (levels 1-5, min_candidates >= 0, "
				       "supervisors 0-10)",
				       i + 1);
	}
	for (int level = 1; level <= 5; level++) {
		bool base = false;
		for (size_t i = 0; i < in->nneeds && !base; i++)
			base = in->needs[i].level_from <= level && level <= in->needs[i].level_to &&
			       in->needs[i].min_candidates == 0;
		if (!base)
			return err_set(e, 422, "invalid_value", "needs", "等级 %d 缺少从 0 人起的督导员配置",
				       "level %d has no row from 0 candidates", level);
	}
	if (in->ncross > DISPATCH_MAX_CITIES)
		return err_set(e, 422, "too_many", "cross_dispatch", "cross_dispatch 最多 %d 个地市",
			       "cross_dispatch holds at most %d cities", DISPATCH_MAX_CITIES);
	for (size_t i = 0; i < in->ncross; i++) {
		int64_t n = 0;
		if (db_one_int(d, "SELECT COUNT(*) FROM regions WHERE code = $1 AND level = 'city'",
			       DB_ARGS(DV_S(in->cross[i])), &n, e) != DB_OK)
			return -1;
		if (!n)
			return err_set(e, 422, "invalid_region", "cross_dispatch",
				       "cross_dispatch 应为地市行政区划代码",
				       "cross_dispatch must hold city region codes");
	}
	if (in->load_km < 0 || in->load_km > 1000)
		return err_set(e, 422, "invalid_value", "load_km", "load_km 应在 0 到 1000 之间",
			       "load_km must be 0..1000");
	return svc_tx(d, a, rules_work, (void *)in, e);
}

/* ---- a run ---- */

struct sit_row {
	int64_t id, inst, level, candidates;
	char region[16];
};

struct run_ctx {
	const char *region;
	char day[11];
	char prefix[13];
	int64_t t0, t1;
	/* inputs read in the transaction */
	struct dispatch_need *needs;
	size_t nneeds;
	int64_t load_km;
	struct dispatch_sitting *sits;
	struct sit_row *srow;
	size_t nsits;
	struct dispatch_sup *sups;
	int64_t *avoid;
	struct dispatch_interval *busy;
	size_t nsups;
	int64_t *held; /* 信用档案: supervisors left out because a credit event blocks their dispatch */
	size_t nheld;
	json_t *report; /* the outcome */
};

static void run_free(struct run_ctx *c)
{
	free(c->needs);
	free(c->sits);
	free(c->srow);
	free(c->sups);
	free(c->avoid);
	free(c->busy);
	free(c->held);
	c->held = NULL;
	c->nheld = 0;
	c->needs = NULL;
	c->sits = NULL;
	c->srow = NULL;
	c->sups = NULL;
	c->avoid = NULL;
	c->busy = NULL;
	c->nneeds = c->nsits = c->nsups = 0;
}

static int need_of(const struct run_ctx *c, int64_t level, int64_t cand)
{
	int64_t best = -1, need = 0;
	for (size_t i = 0; i < c->nneeds; i++) {
		const struct dispatch_need *n = &c->needs[i];
		if (level >= n->level_from && level <= n->level_to && cand >= n->min_candidates &&
		    n->min_candidates > best) {
			best = n->min_candidates;
			need = n->supervisors;
		}
	}
	return (int)need;
}

/* the location of a row: its own coordinates, else its region's, its city's, its province's */
#define LOC_JOIN(alias, col)                                                                                 \
	" LEFT JOIN region_locations " alias "1 ON " alias "1.code = " col                                   \
	" LEFT JOIN region_locations " alias "2 ON " alias "2.code = substr(" col                            \
	", 1, 4) || '00' LEFT JOIN region_locations " alias "3 ON " alias "3.code = substr(" col             \
	", 1, 2) || '0000'"
#define LOC_COLS(alias, own)                                                                                 \
	"COALESCE(" own "latitude, " alias "1.latitude, " alias "2.latitude, " alias                         \
	"3.latitude), COALESCE(" own "longitude, " alias "1.longitude, " alias "2.longitude, " alias         \
	"3.longitude)"

static int load_inputs(db *d, struct run_ctx *c, err *e)
{
	/* the rules */
	db_stmt *st =
		db_query(d, "SELECT level_from, level_to, min_candidates, supervisors FROM dispatch_needs",
			 NULL, 0, e);
	if (!st)
		return -1;
	size_t cap = 16;
	c->needs = xmalloc(cap * sizeof *c->needs);
	while (db_step(st) == DB_ROW) {
		if (c->nneeds == cap)
			c->needs = xrealloc(c->needs, (cap *= 2) * sizeof *c->needs);
		c->needs[c->nneeds++] =
			(struct dispatch_need){db_int(st, 0), db_int(st, 1), db_int(st, 2), db_int(st, 3)};
	}
	if (db_finish(st, e) != 0)
		return -1;
	int rc = db_one_int(d, "SELECT value FROM dispatch_settings WHERE name = 'load_km'", NULL, 0,
			    &c->load_km, e);
	if (rc != DB_OK && rc != DB_NOT_FOUND)
		return -1;

	/* the day's sittings in the region */
	char pat[16];
	snprintf(pat, sizeof pat, "%s%%", c->prefix);
	st = db_query(
		d,
		"SELECT s.id, s.starts_at, s.minutes, p.level, p.institution_id, i.region_code, " LOC_COLS(
			"l",
			"i.") ", (SELECT COUNT(*) FROM attempts t WHERE t.sitting_id = s.id), (SELECT "
			      "COUNT(*) FROM registrations g WHERE g.plan_id = p.id AND g.status = "
			      "'approved'), (SELECT COUNT(*) FROM sittings s2 WHERE s2.plan_id = p.id), "
			      "COALESCE((SELECT dc.cross_dispatch FROM dispatch_cities dc WHERE "
			      "dc.region_code = substr(i.region_code, 1, 4) || '00'), 0) FROM sittings s "
			      "JOIN plans p ON p.id = s.plan_id JOIN institutions i ON i.id = "
			      "p.institution_id" LOC_JOIN("l", "i.region_code") " WHERE s.starts_at >= $1 "
										"AND s.starts_at < $2 "
										"AND i.region_code "
										"LIKE $3 ORDER BY "
										"s.starts_at, s.id",
		DB_ARGS(DV_I(c->t0), DV_I(c->t1), DV_S(pat)), e);
	if (!st)
		return -1;
	cap = 64;
	c->sits = xmalloc(cap * sizeof *c->sits);
	c->srow = xmalloc(cap * sizeof *c->srow);
	while (db_step(st) == DB_ROW) {
		if (c->nsits == cap) {
			cap *= 2;
			c->sits = xrealloc(c->sits, cap * sizeof *c->sits);
			c->srow = xrealloc(c->srow, cap * sizeof *c->srow);
		}
		struct sit_row *r = &c->srow[c->nsits];
		struct dispatch_sitting *t = &c->sits[c->nsits];
		int64_t att = db_int(st, 8), appr = db_int(st, 9), nsit = db_int(st, 10);
		int64_t per = nsit > 0 ? (appr + nsit - 1) / nsit : appr;
		*r = (struct sit_row){.id = db_int(st, 0),
				      .inst = db_int(st, 4),
				      .level = db_int(st, 3),
				      .candidates = att > per ? att : per};
		snprintf(r->region, sizeof r->region, "%s", db_text(st, 5));
		*t = (struct dispatch_sitting){.id = r->id,
					       .inst = r->inst,
					       .cross = db_int(st, 11) != 0,
					       .start = db_int(st, 1),
					       .end = db_int(st, 1) + db_int(st, 2) * 60,
					       .lat = db_double(st, 6),
					       .lon = db_double(st, 7),
					       .need = need_of(c, r->level, r->candidates)};
		snprintf(t->city, sizeof t->city, "%.4s", r->region);
		c->nsits++;
	}
	if (db_finish(st, e) != 0)
		return -1;

	/* the supervisors qualified on the day */
	int ymd;
	date_parse(c->day, &ymd);
	int wd = date_weekday(ymd);
	st = db_query(
		d,
		"SELECT sp.user_id, COALESCE(sp.institution_id, 0), COALESCE((SELECT hi.region_code FROM "
		"institutions hi WHERE hi.id = sp.institution_id), sp.region_code), " LOC_COLS(
			"l", "sp.") ", "
				    "sp.weekdays, sp.max_per_day, (SELECT COUNT(*) FROM supervisor_days_off "
				    "o WHERE o.user_id = "
				    "sp.user_id AND o.day = $1) FROM supervisor_profiles sp JOIN users u ON "
				    "u.id = sp.user_id" LOC_JOIN(
					    "l", "sp.region_code") " WHERE u.role = 'supervisor' AND "
								   "u.disabled = 0 AND "
								   "sp.valid_until >= $1 AND " WF_VALID_SQL(
									   "sp.user_id", "supervisor",
									   "$1") " ORDER BY sp.user_id",
		DB_ARGS(DV_S(c->day)), e);
	if (!st)
		return -1;
	cap = 64;
	c->sups = xmalloc(cap * sizeof *c->sups);
	while (db_step(st) == DB_ROW) {
		if (c->nsups == cap)
			c->sups = xrealloc(c->sups, (cap *= 2) * sizeof *c->sups);
		const char *w = db_text(st, 5), *city = db_text(st, 2);
		bool on = w && strlen(w) == 7 && w[wd] == '1' && db_int(st, 7) == 0;
		struct dispatch_sup *s = &c->sups[c->nsups++];
		*s = (struct dispatch_sup){.id = db_int(st, 0),
					   .home_inst = db_int(st, 1),
					   .lat = db_double(st, 3),
					   .lon = db_double(st, 4),
					   .cap = on ? (int)db_int(st, 6) : 0};
		/* own city: of the home institution, else of the profile's region (none for the province's)
		 */
		if (city && strlen(city) >= 4 && strcmp(city + 2, "0000"))
			snprintf(s->city, sizeof s->city, "%.4s", city);
	}
	if (db_finish(st, e) != 0)
		return -1;
	/* 信用档案: a supervisor with an event in force that blocks dispatch on the day is not dispatched */
	if (credit_blocked_ids(d, CREDIT_SUBJ_SUPERVISOR, CREDIT_DISPATCH, ymd, &c->held, &c->nheld, e) != 0)
		return -1;
	size_t kept = 0, h = 0, left_out = 0; /* held keeps the ones of c->sups it left out, in place */
	for (size_t i = 0; i < c->nsups; i++) {
		while (h < c->nheld && c->held[h] < c->sups[i].id)
			h++;
		if (h < c->nheld && c->held[h] == c->sups[i].id) {
			c->held[left_out++] = c->sups[i].id;
			continue;
		}
		c->sups[kept++] = c->sups[i];
	}
	c->nsups = kept;
	c->nheld = left_out;

	/* 回避 declarations and what the supervisors already serve that day outside the region */
	c->avoid = xmalloc((c->nsups ? c->nsups : 1) * SUPERVISOR_MAX_AVOID * sizeof *c->avoid);
	c->busy = xmalloc((c->nsups ? c->nsups : 1) * 8 * sizeof *c->busy);
	for (size_t i = 0; i < c->nsups; i++) {
		c->sups[i].avoid = &c->avoid[i * SUPERVISOR_MAX_AVOID];
		c->sups[i].busy = &c->busy[i * 8];
	}
	st = db_query(
		d,
		"SELECT user_id, institution_id FROM supervisor_avoidances ORDER BY user_id, institution_id",
		NULL, 0, e);
	if (!st)
		return -1;
	size_t k = 0;
	while (db_step(st) == DB_ROW) {
		int64_t uid = db_int(st, 0);
		while (k < c->nsups && c->sups[k].id < uid)
			k++;
		if (k < c->nsups && c->sups[k].id == uid && c->sups[k].navoid < SUPERVISOR_MAX_AVOID)
			c->avoid[k * SUPERVISOR_MAX_AVOID + c->sups[k].navoid++] = db_int(st, 1);
	}
	if (db_finish(st, e) != 0)
		return -1;
	st = db_query(
		d,
		"SELECT da.supervisor_id, s.starts_at, s.minutes FROM dispatch_assignments da JOIN sittings "
		"s "
		"ON s.id = da.sitting_id JOIN plans p ON p.id = s.plan_id JOIN institutions i ON i.id = "
		"p.institution_id WHERE da.day = $1 AND i.region_code NOT LIKE $2 ORDER BY da.supervisor_id",
		DB_ARGS(DV_S(c->day), DV_S(pat)), e);
	if (!st)
		return -1;
	k = 0;
	while (db_step(st) == DB_ROW) {
		int64_t uid = db_int(st, 0);
		while (k < c->nsups && c->sups[k].id < uid)
			k++;
		if (k < c->nsups && c->sups[k].id == uid) {
			struct dispatch_sup *s = &c->sups[k];
			if (s->nbusy < 8)
				c->busy[k * 8 + s->nbusy++] = (struct dispatch_interval){
					db_int(st, 1), db_int(st, 1) + db_int(st, 2) * 60};
			if (s->cap > 0)
				s->cap--;
		}
	}
	return db_finish(st, e);
}

static const char *const reason_zh[DC_COUNT] = {"",	      "当日不可派",	  "本单位",
						"已申报回避", "交叉互派（本市）", "同一时段已有派遣"};

static json_t *explain(const struct run_ctx *c, const struct dispatch_problem *p,
		       const struct dispatch_result *r, const struct dispatch_assign *a)
{
	const struct dispatch_sitting *t = &p->sits[a->sit];
	const struct dispatch_sup *s = &p->sups[a->sup];
	json_t *kept = json_array();
	json_array_append_new(kept,
			      json_string(s->home_inst > 0 ? "not_home_institution" : "no_home_institution"));
	json_array_append_new(kept, json_string("no_avoidance"));
	if (t->cross)
		json_array_append_new(kept, json_string("cross_dispatch_other_city"));
	json_array_append_new(kept, json_string("one_per_slot"));
	json_array_append_new(kept, json_string("daily_maximum"));
	struct dispatch_alt alt[3];
	size_t nalt = dispatch_alternatives(p, r, a->sit, alt, ARRAY_LEN(alt));
	json_t *alts = json_array();
	for (size_t i = 0; i < nalt; i++) {
		json_t *o = json_pack("{s:I,s:I,s:s}", "supervisor_id", (json_int_t)p->sups[alt[i].sup].id,
				      "distance_m", (json_int_t)alt[i].dist_m, "why",
				      dispatch_alt_reason_name(alt[i].why));
		if (alt[i].why == ALT_SAME_SLOT)
			json_object_set_new(o, "other_sitting_id", json_integer(p->sits[alt[i].other].id));
		json_array_append_new(alts, o);
	}
	UNUSED(c);
	return json_pack("{s:I,s:i,s:i,s:i,s:i,s:o,s:i,s:o}", "distance_m", (json_int_t)a->dist_m, "nth",
			 a->nth, "max_per_day", s->cap, "slot", r->slot[a->sit], "candidates_need", t->need,
			 "kept", kept, "eligible", r->eligible[a->sit], "alternatives", alts);
}

static json_t *short_report(const struct run_ctx *c, const struct dispatch_result *r)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < r->nshorts; i++) {
		const struct dispatch_short *sh = &r->shorts[i];
		json_t *ref = json_object();
		char zh[256] = "", en[256] = "";
		size_t zl = 0, el = 0;
		for (int k = 1; k < DC_COUNT; k++) {
			json_object_set_new(ref, dispatch_constraint_name((enum dispatch_constraint)k),
					    json_integer(sh->refused[k]));
			if (sh->refused[k] && zl < sizeof zh && el < sizeof en) {
				zl += (size_t)snprintf(zh + zl, sizeof zh - zl, "%s%s %d 人", zl ? "，" : "",
						       reason_zh[k], sh->refused[k]);
				el += (size_t)snprintf(en + el, sizeof en - el, "%s%d %s", el ? ", " : "",
						       sh->refused[k],
						       dispatch_constraint_name((enum dispatch_constraint)k));
			}
		}
		char mzh[400], men[400];
		snprintf(mzh, sizeof mzh, "需要 %d 名督导员，只能派出 %d 名：可派 %d 名%s%s%s", sh->need,
			 sh->covered, sh->eligible, zl ? "（排除：" : "", zh, zl ? "）" : "");
		if (sh->eligible >= sh->need)
			snprintf(mzh + strlen(mzh), sizeof mzh - strlen(mzh),
				 "，可派人员在同一时段或当日已满");
		snprintf(men, sizeof men, "needs %d supervisors, %d can be sent: %d eligible%s%s%s", sh->need,
			 sh->covered, sh->eligible, el ? " (refused: " : "", en, el ? ")" : "");
		if (sh->eligible >= sh->need)
			snprintf(men + strlen(men), sizeof men - strlen(men),
				 "; the eligible ones are taken in the same slot or at their daily maximum");
		json_array_append_new(arr, json_pack("{s:I,s:I,s:i,s:i,s:i,s:o,s:s,s:s}", "sitting_id",
						     (json_int_t)c->sits[sh->sit].id, "institution_id",
						     (json_int_t)c->sits[sh->sit].inst, "need", sh->need,
						     "covered", sh->covered, "eligible", sh->eligible,
						     "refused", ref, "reason_zh", mzh, "reason_en", men));
	}
	return arr;
}

static int run_work(tx *t, void *p, err *e)
{
	struct run_ctx *c = p;
	run_free(c);
	json_decref(c->report);
	c->report = NULL;
	if (load_inputs(t->d, c, e) != 0)
		return -1;
	struct dispatch_problem prob = {c->sups, c->nsups, c->sits, c->nsits, c->load_km * 1000};
	struct dispatch_result r;
	if (dispatch_solve(&prob, &r) != 0)
		return ERR_INTERNAL(e, "dispatch: out of memory");
	int units = 0;
	for (size_t j = 0; j < c->nsits; j++)
		units += c->sits[j].need;
	c->report = json_pack("{s:s,s:s,s:I,s:i,s:I,s:i}", "day", c->day, "region_code", c->region,
			      "sittings", (json_int_t)c->nsits, "needed", units, "supervisors",
			      (json_int_t)c->nsups, "slots", r.nslots);
	if (c->nheld)
		json_object_set_new(c->report, "credit_held", json_ids(c->held, c->nheld));
	if (r.nshorts) {
		json_object_set_new(c->report, "stored", json_false());
		json_object_set_new(c->report, "short", short_report(c, &r));
		dispatch_result_free(&r);
		return err_set(e, 409, "dispatch_infeasible", NULL, "有考场无法配齐督导员，未保存派遣",
			       "some sittings cannot get their supervisors; nothing was stored");
	}
	char pat[16];
	snprintf(pat, sizeof pat, "%s%%", c->prefix);
	int64_t replaced =
		db_run(t->d,
		       "DELETE FROM dispatch_assignments WHERE day = $1 AND sitting_id IN (SELECT s.id FROM "
		       "sittings s JOIN plans p ON p.id = s.plan_id JOIN institutions i ON i.id = "
		       "p.institution_id WHERE i.region_code LIKE $2)",
		       DB_ARGS(DV_S(c->day), DV_S(pat)), e);
	int64_t run_id = 0, now = now_s();
	db_stmt *st =
		replaced < 0
			? NULL
			: db_query(t->d,
				   "INSERT INTO dispatch_runs (day, region_code, sittings, assigned, "
				   "distance_m, "
				   "cost, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
				   "RETURNING id",
				   DB_ARGS(DV_S(c->day), DV_S(c->region), DV_I(c->nsits), DV_I(r.na),
					   DV_I(r.dist_m), DV_I(r.cost),
					   t->a->user_id > 0 ? DV_I(t->a->user_id) : DV_NULL, DV_I(now)),
				   e);
	if (!st || db_row(st, e) != 1) {
		if (st)
			db_done(st);
		dispatch_result_free(&r);
		if (!err_isset(e))
			ERR_INTERNAL(e, "dispatch run not stored");
		return -1;
	}
	run_id = db_int(st, 0);
	db_done(st);
	json_t *list = json_array();
	for (size_t i = 0; i < r.na; i++) {
		const struct dispatch_assign *a = &r.a[i];
		json_t *ex = explain(c, &prob, &r, a);
		char *txt = json_dumps(ex, JSON_COMPACT);
		int64_t n = db_run(t->d,
				   "INSERT INTO dispatch_assignments (run_id, day, sitting_id, "
				   "supervisor_id, distance_m, "
				   "nth, explanation, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
				   DB_ARGS(DV_I(run_id), DV_S(c->day), DV_I(c->sits[a->sit].id),
					   DV_I(c->sups[a->sup].id), DV_I(a->dist_m), DV_I(a->nth), DV_S(txt),
					   DV_I(now)),
				   e);
		free(txt);
		if (n < 0) {
			json_decref(ex);
			json_decref(list);
			dispatch_result_free(&r);
			return -1;
		}
		json_array_append_new(list, json_pack("{s:I,s:I,s:o}", "sitting_id",
						      (json_int_t)c->sits[a->sit].id, "supervisor_id",
						      (json_int_t)c->sups[a->sup].id, "explanation", ex));
	}
	json_object_set_new(c->report, "stored", json_true());
	json_object_set_new(c->report, "run_id", json_integer(run_id));
	json_object_set_new(c->report, "assigned", json_integer((json_int_t)r.na));
	json_object_set_new(c->report, "distance_m", json_integer(r.dist_m));
	json_object_set_new(c->report, "cost", json_integer(r.cost));
	json_object_set_new(c->report, "replaced", json_integer(replaced));
	json_object_set_new(c->report, "assignments", list);
	tx_audit(t, "dispatch.run", "dispatch_run", run_id,
		 json_pack("{s:s,s:s,s:I,s:I,s:I,s:I,s:I}", "day", c->day, "region_code", c->region,
			   "sittings", (json_int_t)c->nsits, "assigned", (json_int_t)r.na, "distance_m",
			   (json_int_t)r.dist_m, "cost", (json_int_t)r.cost, "replaced",
			   (json_int_t)replaced));
	dispatch_result_free(&r);
	return 0;
}

json_t *dispatch_run(db *d, const principal *a, const char *day, const char *region, err *e)
{
	struct run_ctx c = {.region = region};
	int ymd;
	if (!day || date_parse(day, &ymd) != 0) {
		err_set(e, 422, "invalid_date", "day", "day 应为日期 YYYY-MM-DD",
			"day must be a date YYYY-MM-DD");
		return NULL;
	}
	date_format(ymd, c.day);
	c.t0 = (int64_t)date_to_days(ymd) * 86400 - 8 * 3600;
	c.t1 = c.t0 + 86400;
	int64_t n = 0;
	if (!region ||
	    db_one_int(d, "SELECT COUNT(*) FROM regions WHERE code = $1", DB_ARGS(DV_S(region)), &n, e) !=
		    DB_OK ||
	    !n) {
		if (!err_isset(e))
			err_set(e, 422, "invalid_region", "region_code", "行政区划代码不存在",
				"no such region code");
		return NULL;
	}
	if (!scope_covers_region(a, SE_DISPATCH, SCOPE_WRITE, region)) {
		err_set(e, 403, "forbidden", "region_code", "该地区不在您的管辖范围内",
			"that region is outside your scope");
		return NULL;
	}
	region_prefix(region, c.prefix);
	int rc = svc_tx(d, a, run_work, &c, e);
	run_free(&c);
	if (rc != 0 && !(c.report && e->code && !strcmp(e->code, "dispatch_infeasible"))) {
		json_decref(c.report);
		return NULL;
	}
	if (rc != 0)
		err_clear(e);
	return c.report;
}
