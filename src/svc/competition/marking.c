/* marking.c: 竞赛评分 — rules, schemes, judges with 回避, scores saved idempotently, disagreements and the
 * chief expert's sign-off (see marking.h) */
#include "util/common.h"
#include "svc/competition/marking_int.h"
#include "svc/base/svc.h"
#include "svc/base/tx.h"
#include <math.h>

/* ---- who is asking ---- */

static bool organiser_of(const principal *a, const char *region, int64_t inst)
{
	switch (a->role) {
	case ROLE_PROVINCE_ADMIN:
		return true;
	case ROLE_CITY_ADMIN:
		return a->region[0] && !strncmp(region, a->region, strlen(a->region));
	case ROLE_INSTITUTION_ADMIN:
		return inst > 0 && inst == a->institution_id;
	default:
		return false;
	}
}

int cm_competition_organiser(db *d, const principal *a, int64_t competition_id, err *e)
{
	db_stmt *st =
		db_query(d, "SELECT region_code, COALESCE(institution_id, 0) FROM competitions WHERE id = $1",
			 DB_ARGS(DV_I(competition_id)), e);
	int row = st ? db_row(st, e) : -1;
	bool ok = row == 1 && organiser_of(a, db_text(st, 0), db_int(st, 1));
	db_done(st);
	if (row < 0)
		return -1;
	if (!ok)
		return err_set(e, 404, "not_found", NULL, "竞赛不存在", "no such competition");
	return 0;
}

int cm_marking_status(db *d, int64_t event_id, char status[12], err *e)
{
	db_stmt *st = db_query(d, "SELECT status FROM competition_marking WHERE event_id = $1",
			       DB_ARGS(DV_I(event_id)), e);
	int row = st ? db_row(st, e) : -1;
	snprintf(status, 12, "%s", row == 1 ? db_text(st, 0) : "marking");
	db_done(st);
	return row < 0 ? -1 : 0;
}

/* the event's row locked before its marking status is read (PostgreSQL, read committed): computing,
 * publishing and amending the marks of one event go one after another, each on the state the one before
 * left (SQLite's write transaction already is) */
int cm_event_lock(db *d, int64_t event_id, err *e)
{
	return db_run(d, "UPDATE competition_events SET seats = seats WHERE id = $1", DB_ARGS(DV_I(event_id)),
		      e) < 0
		       ? -1
		       : 0;
}

int cm_event_load(db *d, const principal *a, int64_t event_id, struct cm_event *ev, err *e)
{
	memset(ev, 0, sizeof *ev);
	db_stmt *st = db_query(
		d,
		"SELECT v.id, v.competition_id, c.region_code, COALESCE(c.institution_id, 0), "
		"v.team_size, COALESCE(m.status, 'marking'), j.chief FROM competition_events v JOIN "
		"competitions c ON c.id = v.competition_id LEFT JOIN competition_marking m ON "
		"m.event_id = v.id LEFT JOIN competition_judges j ON j.event_id = v.id AND j.user_id "
		"= $2 WHERE v.id = $1",
		DB_ARGS(DV_I(event_id), DV_I(a->user_id)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		ev->id = db_int(st, 0);
		ev->competition_id = db_int(st, 1);
		snprintf(ev->region, sizeof ev->region, "%s", db_text(st, 2));
		ev->institution_id = db_int(st, 3);
		ev->team_size = (int)db_int(st, 4);
		snprintf(ev->status, sizeof ev->status, "%s", db_text(st, 5));
		bool assigned = !db_isnull(st, 6) && a->role == ROLE_EXAMINER && a->user_id > 0;
		ev->chief = assigned && db_int(st, 6) != 0;
		ev->judge = assigned && !ev->chief;
		ev->organiser = organiser_of(a, ev->region, ev->institution_id);
	}
	db_done(st);
	if (row < 0)
		return -1;
	if (row == 0 || !(ev->organiser || ev->judge || ev->chief))
		return err_set(e, 404, "not_found", NULL, "竞赛项目不存在", "no such competition event");
	return 0;
}

static int need_organiser(const struct cm_event *ev, err *e)
{
	return ev->organiser ? 0
			     : err_set(e, 403, "forbidden", NULL, "只有竞赛的主办方可以进行此操作",
				       "only the competition's organiser may do this");
}

json_t *cm_marks_number(int64_t cm)
{
	return json_real((double)cm / 100.0);
}

/* ---- rules ---- */

static const struct cm_rules rules_default = {
	.avoid_employer = true,
	.avoid_school = true,
	.avoid_city = false,
	.threshold = 1,
	.gold = 1,
	.silver = 1,
	.bronze = 1,
	.per_mille = false,
	.medal_min = 0,
	.excellence_min = 700,
	.publicity_days = 5,
};

int cm_rules_read(db *d, int64_t competition_id, struct cm_rules *r, err *e)
{
	*r = rules_default;
	db_stmt *st = db_query(
		d,
		"SELECT avoid_employer, avoid_school, avoid_city, threshold, gold, silver, bronze, "
		"per_mille, medal_min, excellence_min, publicity_days FROM competition_marking_rules "
		"WHERE competition_id = $1",
		DB_ARGS(DV_I(competition_id)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		r->avoid_employer = db_int(st, 0) != 0;
		r->avoid_school = db_int(st, 1) != 0;
		r->avoid_city = db_int(st, 2) != 0;
		r->threshold = (int)db_int(st, 3);
		r->gold = (int)db_int(st, 4);
		r->silver = (int)db_int(st, 5);
		r->bronze = (int)db_int(st, 6);
		r->per_mille = db_int(st, 7) != 0;
		r->medal_min = db_double(st, 8);
		r->excellence_min = db_double(st, 9);
		r->publicity_days = (int)db_int(st, 10);
	}
	db_done(st);
	return row < 0 ? -1 : 0;
}

static json_t *rules_view(int64_t competition_id, const struct cm_rules *r)
{
	json_t *o = json_pack("{s:I,s:{s:b,s:b,s:b},s:i,s:{s:i,s:i,s:i,s:b,s:f,s:f},s:i}", "competition_id",
			      (json_int_t)competition_id, "avoidance", "employer", r->avoid_employer,
			      "school", r->avoid_school, "city", r->avoid_city, "threshold", r->threshold,
			      "medals", "gold", r->gold, "silver", r->silver, "bronze", r->bronze,
			      "per_mille", r->per_mille, "medal_min", r->medal_min, "excellence_min",
			      r->excellence_min, "publicity_days", r->publicity_days);
	return o;
}

json_t *cm_rules_json(db *d, const principal *a, int64_t competition_id, err *e)
{
	struct cm_rules r;
	if (cm_competition_organiser(d, a, competition_id, e) != 0 ||
	    cm_rules_read(d, competition_id, &r, e) != 0)
		return NULL;
	return rules_view(competition_id, &r);
}

struct rules_ctx {
	int64_t id;
	const struct cm_rules *r;
};

static int rules_work(tx *t, void *ctx, err *e)
{
	struct rules_ctx *c = ctx;
	const struct cm_rules *r = c->r;
	int64_t now = now_s();
	if (db_run(t->d, "DELETE FROM competition_marking_rules WHERE competition_id = $1",
		   DB_ARGS(DV_I(c->id)), e) < 0 ||
	    db_run(t->d,
		   "INSERT INTO competition_marking_rules (competition_id, avoid_employer, avoid_school, "
		   "avoid_city, threshold, gold, silver, bronze, per_mille, medal_min, excellence_min, "
		   "publicity_days, updated_by, updated_at) VALUES "
		   "($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)",
		   DB_ARGS(DV_I(c->id), DV_I(r->avoid_employer), DV_I(r->avoid_school), DV_I(r->avoid_city),
			   DV_I(r->threshold), DV_I(r->gold), DV_I(r->silver), DV_I(r->bronze),
			   DV_I(r->per_mille), DV_D(r->medal_min), DV_D(r->excellence_min),
			   DV_I(r->publicity_days), DV_I(t->a->user_id), DV_I(now)),
		   e) < 0)
		return -1;
	tx_audit(t, "competition.marking_rules", "competition", c->id, rules_view(c->id, r));
	return 0;
}

json_t *cm_rules_put(db *d, const principal *a, int64_t competition_id, const struct cm_rules *r, err *e)
{
	if (cm_competition_organiser(d, a, competition_id, e) != 0)
		return NULL;
	if (r->threshold < 0 || r->threshold > 3) {
		err_set(e, 422, "invalid_value", "threshold", "评分差异阈值应在 0 至 3 之间",
			"threshold must be 0..3");
		return NULL;
	}
	if (r->gold < 0 || r->silver < 0 || r->bronze < 0 ||
	    (r->per_mille && r->gold + r->silver + r->bronze > 1000) ||
	    (!r->per_mille && r->gold + r->silver + r->bronze > 1000)) {
		err_set(e, 422, "invalid_value", "medals", "奖牌名额无效", "medal places are invalid");
		return NULL;
	}
	if (!isfinite(r->medal_min) || !isfinite(r->excellence_min) || r->medal_min < 0 ||
	    r->medal_min > 2000 || r->excellence_min > 2000) {
		err_set(e, 422, "invalid_value", "medals", "奖牌分数线无效", "medal thresholds are invalid");
		return NULL;
	}
	if (r->publicity_days < 1 || r->publicity_days > 30) {
		err_set(e, 422, "invalid_value", "publicity_days", "公示天数应在 1 至 30 个工作日之间",
			"publicity_days must be 1..30 working days");
		return NULL;
	}
	struct rules_ctx c = {competition_id, r};
	if (svc_tx(d, a, rules_work, &c, e) != 0)
		return NULL;
	return cm_rules_json(d, a, competition_id, e);
}

/* ---- schemes ---- */

static enum aspect_kind kind_parse(const char *s)
{
	if (!s)
		return 0;
	if (!strcmp(s, "binary"))
		return ASPECT_BINARY;
	if (!strcmp(s, "bands"))
		return ASPECT_BANDS;
	if (!strcmp(s, "judgement"))
		return ASPECT_JUDGEMENT;
	return 0;
}

static const char *kind_name(enum aspect_kind k)
{
	return k == ASPECT_BINARY ? "binary" : k == ASPECT_BANDS ? "bands" : "judgement";
}

static json_t *bands_json(const struct mark_aspect *m)
{
	json_t *b = json_array();
	for (int k = 0; k < m->nbands; k++)
		json_array_append_new(b,
				      json_pack("{s:f,s:i}", "tol", m->bands[k].tol, "pct", m->bands[k].pct));
	return b;
}

static int bands_parse(const char *text, struct mark_aspect *m)
{
	json_t *b = json_loads(text ? text : "[]", 0, NULL);
	m->nbands = 0;
	for (size_t k = 0; json_is_array(b) && k < json_array_size(b) && k < MARKING_MAX_BANDS; k++) {
		json_t *x = json_array_get(b, k);
		m->bands[k].tol = json_number_value(json_object_get(x, "tol"));
		m->bands[k].pct = (int)json_integer_value(json_object_get(x, "pct"));
		m->nbands++;
	}
	json_decref(b);
	return 0;
}

struct cm_aspect *cm_aspects_load(db *d, int64_t event_id, size_t *n, int *nmodules, err *e)
{
	*n = 0;
	*nmodules = 0;
	int64_t nm = 0;
	if (db_one_int(d, "SELECT COUNT(*) FROM competition_modules WHERE event_id = $1",
		       DB_ARGS(DV_I(event_id)), &nm, e) != DB_OK)
		return NULL;
	*nmodules = (int)nm;
	db_stmt *st = db_query(d,
			       "SELECT id, pos, module_pos, code, kind, max_cm, nominal, bands FROM "
			       "competition_aspects WHERE event_id = $1 ORDER BY pos",
			       DB_ARGS(DV_I(event_id)), e);
	if (!st)
		return NULL;
	size_t cap = 16;
	struct cm_aspect *v = xcalloc(cap, sizeof *v);
	int rc;
	while ((rc = db_row(st, e)) == 1) {
		if (*n == cap)
			v = xrealloc(v, sizeof *v * (cap *= 2));
		struct cm_aspect *x = &v[(*n)++];
		memset(x, 0, sizeof *x);
		x->id = db_int(st, 0);
		x->pos = (int)db_int(st, 1);
		x->ma.module = (int)db_int(st, 2);
		snprintf(x->code, sizeof x->code, "%s", db_text(st, 3));
		x->ma.kind = kind_parse(db_text(st, 4));
		x->ma.max_cm = (int)db_int(st, 5);
		x->ma.nominal = db_double(st, 6);
		bands_parse(db_text(st, 7), &x->ma);
	}
	db_done(st);
	if (rc < 0) {
		free(v);
		*n = 0;
		return NULL;
	}
	return v;
}

int cm_judge_count(db *d, int64_t event_id, int64_t *n, err *e)
{
	return db_one_int(d, "SELECT COUNT(*) FROM competition_judges WHERE event_id = $1 AND chief = 0",
			  DB_ARGS(DV_I(event_id)), n, e) == DB_OK
		       ? 0
		       : -1;
}

json_t *cm_scheme_json(db *d, const principal *a, int64_t event_id, err *e)
{
	struct cm_event ev;
	if (cm_event_load(d, a, event_id, &ev, e) != 0)
		return NULL;
	json_t *mods = json_array();
	db_stmt *st =
		db_query(d, "SELECT code, name FROM competition_modules WHERE event_id = $1 ORDER BY pos",
			 DB_ARGS(DV_I(event_id)), e);
	int rc = st ? 1 : -1;
	while (st && (rc = db_row(st, e)) == 1)
		json_array_append_new(mods, json_pack("{s:s,s:s,s:o,s:I}", "code", db_text(st, 0), "name",
						      db_text(st, 1), "sub_criteria", json_array(), "max_cm",
						      (json_int_t)0));
	db_done(st);
	if (rc < 0) {
		json_decref(mods);
		return NULL;
	}
	st = db_query(
		d,
		"SELECT module_pos, sub_code, sub_name, code, description, kind, max_cm, nominal, bands, "
		"descriptors FROM competition_aspects WHERE event_id = $1 ORDER BY pos",
		DB_ARGS(DV_I(event_id)), e);
	rc = st ? 1 : -1;
	int64_t total = 0;
	while (st && (rc = db_row(st, e)) == 1) {
		json_t *m = json_array_get(mods, (size_t)db_int(st, 0));
		if (!m)
			continue;
		json_t *subs = json_object_get(m, "sub_criteria"), *sub = NULL;
		size_t k;
		json_t *x;
		json_array_foreach(subs, k, x) if (!strcmp(json_string_value(json_object_get(x, "code")),
							   db_text(st, 1))) sub = x;
		if (!sub) {
			sub = json_pack("{s:s,s:s,s:o,s:I}", "code", db_text(st, 1), "name", db_text(st, 2),
					"aspects", json_array(), "max_cm", (json_int_t)0);
			json_array_append_new(subs, sub);
		}
		int64_t max = db_int(st, 6);
		total += max;
		json_object_set_new(m, "max_cm",
				    json_integer(json_integer_value(json_object_get(m, "max_cm")) + max));
		json_object_set_new(sub, "max_cm",
				    json_integer(json_integer_value(json_object_get(sub, "max_cm")) + max));
		json_t *as = json_pack("{s:s,s:s,s:s,s:o}", "code", db_text(st, 3), "description",
				       db_text(st, 4), "kind", db_text(st, 5), "max", cm_marks_number(max));
		if (!strcmp(db_text(st, 5), "bands")) {
			json_t *b = json_loads(db_text(st, 8), 0, NULL);
			json_object_set_new(as, "nominal", json_real(db_double(st, 7)));
			json_object_set_new(as, "bands", b ? b : json_array());
		} else if (!strcmp(db_text(st, 5), "judgement")) {
			json_t *dsc = json_loads(db_text(st, 9), 0, NULL);
			json_object_set_new(as, "descriptors", dsc ? dsc : json_array());
		}
		json_array_append_new(json_object_get(sub, "aspects"), as);
	}
	db_done(st);
	if (rc < 0) {
		json_decref(mods);
		return NULL;
	}
	/* marks as numbers for the reader, hundredths kept out of the answer */
	size_t k;
	json_t *m;
	json_array_foreach(mods, k, m)
	{
		json_object_set_new(m, "max",
				    cm_marks_number(json_integer_value(json_object_get(m, "max_cm"))));
		json_object_del(m, "max_cm");
		size_t j;
		json_t *s;
		json_array_foreach(json_object_get(m, "sub_criteria"), j, s)
		{
			json_object_set_new(
				s, "max", cm_marks_number(json_integer_value(json_object_get(s, "max_cm"))));
			json_object_del(s, "max_cm");
		}
	}
	return json_pack("{s:I,s:o,s:o,s:s}", "event_id", (json_int_t)event_id, "total",
			 cm_marks_number(total), "modules", mods, "status", ev.status);
}

static bool code_ok(const char *s, size_t max)
{
	size_t n = s ? strlen(s) : 0;
	if (n < 1 || n > max)
		return false;
	for (size_t k = 0; k < n; k++)
		if (!((s[k] >= 'A' && s[k] <= 'Z') || (s[k] >= 'a' && s[k] <= 'z') ||
		      (s[k] >= '0' && s[k] <= '9') || s[k] == '.' || s[k] == '_' || s[k] == '-'))
			return false;
	return true;
}

struct scheme_ctx {
	int64_t event_id;
	const struct cm_scheme_in *in;
	const int *module_of;
	int total;
};

static int scheme_work(tx *t, void *ctx, err *e)
{
	struct scheme_ctx *c = ctx;
	int64_t n = 0;
	if (db_one_int(t->d, "SELECT COUNT(*) FROM competition_scores WHERE event_id = $1",
		       DB_ARGS(DV_I(c->event_id)), &n, e) != DB_OK)
		return -1;
	if (n)
		return err_set(e, 409, "marking_started", NULL, "已有评分，评分标准不能再修改",
			       "scores exist: the marking scheme can no longer change");
	if (db_run(t->d, "DELETE FROM competition_aspects WHERE event_id = $1", DB_ARGS(DV_I(c->event_id)),
		   e) < 0 ||
	    db_run(t->d, "DELETE FROM competition_modules WHERE event_id = $1", DB_ARGS(DV_I(c->event_id)),
		   e) < 0)
		return -1;
	for (size_t k = 0; k < c->in->nmodules; k++)
		if (db_run(t->d,
			   "INSERT INTO competition_modules (event_id, pos, code, name) VALUES ($1,$2,$3,$4)",
			   DB_ARGS(DV_I(c->event_id), DV_I(k), DV_S(c->in->modules[k].code),
				   DV_S(c->in->modules[k].name)),
			   e) < 0)
			return -1;
	for (size_t k = 0; k < c->in->naspects; k++) {
		const struct cm_aspect_in *x = &c->in->aspects[k];
		struct mark_aspect m = {.nbands = x->nbands};
		memcpy(m.bands, x->bands, sizeof m.bands);
		json_t *b = bands_json(&m), *dsc = json_array();
		if (kind_parse(x->kind) == ASPECT_JUDGEMENT)
			for (int s = 0; s < 4; s++)
				json_array_append_new(dsc, json_string(x->descriptors[s]));
		char *bt = json_dumps(b, JSON_COMPACT), *dt = json_dumps(dsc, JSON_COMPACT);
		json_decref(b);
		json_decref(dsc);
		int64_t rc = db_run(
			t->d,
			"INSERT INTO competition_aspects (event_id, pos, module_pos, sub_code, sub_name, "
			"code, description, kind, max_cm, nominal, bands, descriptors) VALUES "
			"($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)",
			DB_ARGS(DV_I(c->event_id), DV_I(k), DV_I(c->module_of[k]), DV_S(x->sub_code),
				DV_S(x->sub_name), DV_S(x->code), DV_S(x->description), DV_S(x->kind),
				DV_I(x->max_cm), DV_D(x->nominal), DV_S(bt), DV_S(dt)),
			e);
		free(bt);
		free(dt);
		if (rc < 0)
			return -1;
	}
	tx_audit(t, "competition.scheme", "competition_event", c->event_id,
		 json_pack("{s:I,s:I,s:I}", "modules", (json_int_t)c->in->nmodules, "aspects",
			   (json_int_t)c->in->naspects, "total_cm", (json_int_t)c->total));
	return 0;
}

json_t *cm_scheme_put(db *d, const principal *a, int64_t event_id, const struct cm_scheme_in *in, err *e)
{
	struct cm_event ev;
	if (cm_event_load(d, a, event_id, &ev, e) != 0 || need_organiser(&ev, e) != 0)
		return NULL;
	if (in->nmodules < 1 || in->nmodules > MARKING_MAX_MODULES) {
		err_set(e, 422, "invalid_value", "modules", "模块应为 1 至 %d 个",
			"modules must hold 1 to %d", MARKING_MAX_MODULES);
		return NULL;
	}
	if (in->naspects < 1 || in->naspects > CM_MAX_ASPECTS) {
		err_set(e, 422, "invalid_value", "aspects", "评分细则应为 1 至 %d 项",
			"aspects must hold 1 to %d", CM_MAX_ASPECTS);
		return NULL;
	}
	for (size_t k = 0; k < in->nmodules; k++) {
		if (!code_ok(in->modules[k].code, 8) ||
		    check_text(in->modules[k].name, "modules", 100, true, e) != 0) {
			if (!err_isset(e))
				err_set(e, 422, "invalid_value", "modules",
					"模块代码应为 1 至 8 个字母或数字",
					"a module code is 1..8 letters or digits");
			return NULL;
		}
		for (size_t j = 0; j < k; j++)
			if (!strcmp(in->modules[j].code, in->modules[k].code)) {
				err_set(e, 422, "duplicate", "modules", "模块代码重复：%s",
					"duplicate module code %s", in->modules[k].code);
				return NULL;
			}
	}
	int *module_of = xcalloc(in->naspects, sizeof *module_of);
	struct mark_aspect *ma = xcalloc(in->naspects, sizeof *ma);
	json_t *out = NULL;
	for (size_t k = 0; k < in->naspects; k++) {
		const struct cm_aspect_in *x = &in->aspects[k];
		module_of[k] = -1;
		for (size_t j = 0; j < in->nmodules; j++)
			if (x->module && !strcmp(x->module, in->modules[j].code))
				module_of[k] = (int)j;
		enum aspect_kind kind = kind_parse(x->kind);
		if (module_of[k] < 0) {
			err_set(e, 422, "invalid_value", "aspects", "评分细则 %zu 的模块不存在",
				"aspect %zu names no module of the scheme", k + 1);
			goto out;
		}
		if (!kind) {
			err_set(e, 422, "invalid_value", "aspects",
				"评分细则 %zu 的类型应为 binary、bands 或 judgement",
				"aspect %zu: kind must be binary, bands or judgement", k + 1);
			goto out;
		}
		if (!code_ok(x->code, 40) || !code_ok(x->sub_code, 40)) {
			err_set(e, 422, "invalid_value", "aspects", "评分细则 %zu 的代码无效",
				"aspect %zu: its code or sub-criterion code is invalid", k + 1);
			goto out;
		}
		for (size_t j = 0; j < k; j++)
			if (!strcmp(in->aspects[j].code, x->code)) {
				err_set(e, 422, "duplicate", "aspects", "评分细则代码重复：%s",
					"duplicate aspect code %s", x->code);
				goto out;
			}
		if (check_text(x->sub_name, "aspects", 100, true, e) != 0 ||
		    check_text(x->description, "aspects", 500, true, e) != 0)
			goto out;
		if (kind == ASPECT_JUDGEMENT)
			for (int s = 0; s < 4; s++)
				if (check_text(x->descriptors[s], "aspects", 300, true, e) != 0) {
					err_set(e, 422, "descriptors_missing", "aspects",
						"评价类评分细则 %s 须写明 0、1、2、3 分各自的描述",
						"judgement aspect %s needs a description of each score 0, 1, "
						"2 and 3",
						x->code);
					goto out;
				}
		if (kind == ASPECT_BANDS && !isfinite(x->nominal)) {
			err_set(e, 422, "invalid_value", "aspects", "测量类评分细则 %s 的标准值无效",
				"aspect %s: nominal is not a number", x->code);
			goto out;
		}
		ma[k] = (struct mark_aspect){
			.module = module_of[k],
			.kind = kind,
			.max_cm = x->max_cm > MARKING_TOTAL_CM || x->max_cm < 0 ? 0 : (int)x->max_cm,
			.nominal = x->nominal,
			.nbands = x->nbands};
		memcpy(ma[k].bands, x->bands, sizeof ma[k].bands);
	}
	int total = 0;
	const char *why = marking_check(ma, (int)in->naspects, (int)in->nmodules, &total);
	if (why) {
		if (!strcmp(why, "scheme_total_not_100"))
			err_set(e, 422, why, "aspects", "评分标准总分应为 100 分，现为 %.2f 分",
				"a marking scheme totals 100 marks; this one totals %.2f", total / 100.0);
		else
			err_set(e, 422, why, "aspects", "评分标准无效：%s",
				"the marking scheme is invalid: %s", why);
		goto out;
	}
	struct scheme_ctx c = {event_id, in, module_of, total};
	if (svc_tx(d, a, scheme_work, &c, e) == 0)
		out = cm_scheme_json(d, a, event_id, e);
out:
	free(module_of);
	free(ma);
	return out;
}

/* ---- judges and 回避 ---- */

/* the first contestant of the event (or the one entry) the judge must avoid, and the rule: "" when none */
static int avoidance(db *d, int64_t event_id, int64_t entry_id, const struct cm_rules *r, int64_t employer,
		     int64_t school, const char *city, int64_t *entry, char why[16], err *e)
{
	char city4[5] = "";
	snprintf(city4, sizeof city4, "%s", city ? city : "");
	db_stmt *st = db_query(
		d,
		"SELECT id, why FROM (SELECT e.id, CASE WHEN $2 = 1 AND $3 > 0 AND ($3 = p.employer_id OR $3 "
		"= "
		"e.unit_institution_id) THEN 'employer' WHEN $4 = 1 AND $5 > 0 AND ($5 = "
		"e.unit_institution_id OR $5 = "
		"p.employer_id OR EXISTS (SELECT 1 FROM institution_persons ip WHERE ip.person_id = p.id AND "
		"ip.institution_id = $5)) THEN 'school' WHEN $6 = 1 AND $7 <> '' AND (substr(e.unit_region, "
		"1, 4) = $7 "
		"OR substr(p.region_code, 1, 4) = $7) THEN 'city' END AS why FROM competition_entries e JOIN "
		"persons p "
		"ON p.id = e.person_id WHERE e.event_id = $1 AND e.status IN ('nominated', 'approved') AND "
		"($8 = 0 OR "
		"e.id = $8)) x WHERE why IS NOT NULL ORDER BY id LIMIT 1",
		DB_ARGS(DV_I(event_id), DV_I(r->avoid_employer), DV_I(employer), DV_I(r->avoid_school),
			DV_I(school), DV_I(r->avoid_city && strlen(city4) == 4), DV_S(city4), DV_I(entry_id)),
		e);
	int row = st ? db_row(st, e) : -1;
	why[0] = 0;
	*entry = 0;
	if (row == 1) {
		*entry = db_int(st, 0);
		snprintf(why, 16, "%s", db_text(st, 1));
	}
	db_done(st);
	return row < 0 ? -1 : 0;
}

static int avoidance_error(err *e, const char *why, int64_t entry)
{
	const char *zh = !strcmp(why, "employer") ? "同一工作单位"
			 : !strcmp(why, "school") ? "同一学校"
						  : "同一设区市";
	char zm[160], en[160];
	snprintf(zm, sizeof zm, "裁判须回避：与参赛选手（报名 %lld）属%s", (long long)entry, zh);
	snprintf(en, sizeof en, "the judge must stand aside (回避): same %s as contestant entry %lld", why,
		 (long long)entry);
	return err_set(e, 409, "judge_avoidance", why, "%s%.0s", "%.0s%s", zm, en);
}

struct judge_ctx {
	int64_t event_id;
	const struct cm_judge_in *in;
	int64_t employer, school;
	char city[16];
	struct cm_rules rules;
};

static int judge_work(tx *t, void *ctx, err *e)
{
	struct judge_ctx *c = ctx;
	int64_t n = 0;
	/* the event's row first: assignments to one event go one after another, so the counts below (one
	 * chief expert, a judge once) hold under concurrent assignments */
	if (cm_event_lock(t->d, c->event_id, e) != 0 ||
	    db_one_int(t->d, "SELECT COUNT(*) FROM competition_judges WHERE event_id = $1 AND user_id = $2",
		       DB_ARGS(DV_I(c->event_id), DV_I(c->in->user_id)), &n, e) != DB_OK)
		return -1;
	if (n)
		return err_set(e, 409, "judge_assigned", NULL, "该裁判已在本项目中",
			       "the judge is already assigned");
	if (c->in->chief) {
		if (db_one_int(t->d,
			       "SELECT COUNT(*) FROM competition_judges WHERE event_id = $1 AND chief = 1",
			       DB_ARGS(DV_I(c->event_id)), &n, e) != DB_OK)
			return -1;
		if (n)
			return err_set(e, 409, "chief_exists", NULL, "本项目已有裁判长",
				       "the event already has its chief expert");
	}
	int64_t entry = 0;
	char why[16];
	if (avoidance(t->d, c->event_id, 0, &c->rules, c->employer, c->school, c->city, &entry, why, e) != 0)
		return -1;
	if (why[0])
		return avoidance_error(e, why, entry);
	if (db_run(t->d,
		   "INSERT INTO competition_judges (event_id, user_id, chief, employer_id, school_id, "
		   "city_code, "
		   "assigned_by, assigned_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)",
		   DB_ARGS(DV_I(c->event_id), DV_I(c->in->user_id), DV_I(c->in->chief),
			   c->employer ? DV_I(c->employer) : DV_NULL, c->school ? DV_I(c->school) : DV_NULL,
			   DV_S(c->city), DV_I(t->a->user_id), DV_I(now_s())),
		   e) < 0)
		return -1;
	tx_audit(t, "competition.judge_assign", "competition_event", c->event_id,
		 json_pack("{s:I,s:b,s:I,s:I,s:s}", "user_id", (json_int_t)c->in->user_id, "chief",
			   c->in->chief, "employer_id", (json_int_t)c->employer, "school_id",
			   (json_int_t)c->school, "city_code", c->city));
	return 0;
}

json_t *cm_judge_assign(db *d, const principal *a, int64_t event_id, const struct cm_judge_in *in, err *e)
{
	struct cm_event ev;
	if (cm_event_load(d, a, event_id, &ev, e) != 0 || need_organiser(&ev, e) != 0)
		return NULL;
	struct judge_ctx c = {.event_id = event_id, .in = in};
	db_stmt *st = db_query(
		d,
		"SELECT u.role, u.disabled, COALESCE(p.employer_id, u.institution_id, 0), "
		"COALESCE(p.region_code, u.region_code, '') FROM users u LEFT JOIN persons p ON p.id "
		"= u.person_id WHERE u.id = $1",
		DB_ARGS(DV_I(in->user_id)), e);
	int row = st ? db_row(st, e) : -1;
	bool ok = row == 1 && !strcmp(db_text(st, 0), "examiner") && !db_int(st, 1);
	if (row == 1) {
		c.employer = in->employer_id > 0 ? in->employer_id : db_int(st, 2);
		snprintf(c.city, sizeof c.city, "%s", in->city_code ? in->city_code : db_text(st, 3));
	}
	db_done(st);
	if (row < 0)
		return NULL;
	if (!ok) {
		err_set(e, 422, "invalid_value", "user_id", "裁判须为有效的考评员账号",
			"a judge is an enabled account of role examiner");
		return NULL;
	}
	c.school = in->school_id > 0 ? in->school_id : 0;
	if (c.city[0] && (strlen(c.city) < 4 || strspn(c.city, "0123456789") != strlen(c.city))) {
		err_set(e, 422, "invalid_value", "city_code", "城市代码无效",
			"city_code is not a region code");
		return NULL;
	}
	if (cm_rules_read(d, ev.competition_id, &c.rules, e) != 0 || svc_tx(d, a, judge_work, &c, e) != 0)
		return NULL;
	return cm_judges_json(d, a, event_id, e);
}

static json_t *judge_view(db_stmt *st)
{
	return json_pack("{s:I,s:s,s:s,s:b,s:o,s:o,s:s}", "user_id", (json_int_t)db_int(st, 0), "username",
			 db_text(st, 1), "display_name", db_text(st, 2), "chief", db_int(st, 3) != 0,
			 "employer_id", db_isnull(st, 4) ? json_null() : json_integer(db_int(st, 4)),
			 "school_id", db_isnull(st, 5) ? json_null() : json_integer(db_int(st, 5)),
			 "city_code", db_text(st, 6));
}

json_t *cm_judges_json(db *d, const principal *a, int64_t event_id, err *e)
{
	struct cm_event ev;
	if (cm_event_load(d, a, event_id, &ev, e) != 0)
		return NULL;
	db_stmt *st =
		db_query(d,
			 "SELECT j.user_id, u.username, u.display_name, j.chief, j.employer_id, j.school_id, "
			 "j.city_code FROM competition_judges j JOIN users u ON u.id = j.user_id WHERE "
			 "j.event_id = $1 ORDER BY j.chief DESC, j.user_id",
			 DB_ARGS(DV_I(event_id)), e);
	json_t *items = rows_json(st, judge_view, e);
	return items ? json_pack("{s:I,s:o}", "event_id", (json_int_t)event_id, "items", items) : NULL;
}

/* ---- scores ---- */

struct entry_ok {
	int64_t id;
	int status; /* 0 ok, 1 not in the event, 2 回避 */
	char why[16];
};

struct scores_ctx {
	const struct cm_event *ev;
	const struct cm_score_in *s;
	size_t n;
	const char *reason;
	const struct cm_aspect *asp;
	const int *asp_of; /* per score: index into asp */
	size_t nasp;
	const struct cm_rules *rules;
	int64_t employer, school;
	char city[16];
	json_t *saved; /* the answer, rebuilt on each run */
	int amendments;
};

static int scores_work(tx *t, void *ctx, err *e)
{
	struct scores_ctx *c = ctx;
	char status[12];
	if (cm_event_lock(t->d, c->ev->id, e) != 0 || cm_marking_status(t->d, c->ev->id, status, e) != 0)
		return -1;
	if (!strcmp(status, "published"))
		return err_set(e, 409, "results_published", NULL, "成绩已公示，评分不能再修改",
			       "the results are published: scores can no longer change");
	bool locked = strcmp(status, "marking") != 0;
	if (locked && !c->reason)
		return err_set(e, 409, "marks_locked", NULL, "裁判长已签字确认，修改评分须填写理由",
			       "the chief expert has signed off: a change needs a recorded reason");
	json_decref(c->saved);
	c->saved = json_array();
	c->amendments = 0;
	json_t *changes = json_array();
	struct entry_ok *seen = xcalloc(c->n, sizeof *seen);
	size_t nseen = 0;
	int64_t now = now_s();
	int rc = -1;
	for (size_t k = 0; k < c->n; k++) {
		const struct cm_score_in *s = &c->s[k];
		const struct cm_aspect *asp = &c->asp[c->asp_of[k]];
		struct entry_ok *eo = NULL;
		for (size_t j = 0; j < nseen; j++)
			if (seen[j].id == s->entry_id)
				eo = &seen[j];
		if (!eo) {
			eo = &seen[nseen++];
			eo->id = s->entry_id;
			int64_t in = 0, entry = 0;
			if (db_one_int(t->d,
				       "SELECT COUNT(*) FROM competition_entries WHERE id = $1 AND event_id "
				       "= $2 AND "
				       "status = 'approved'",
				       DB_ARGS(DV_I(s->entry_id), DV_I(c->ev->id)), &in, e) != DB_OK)
				goto out;
			eo->status = in ? 0 : 1;
			if (in && avoidance(t->d, c->ev->id, s->entry_id, c->rules, c->employer, c->school,
					    c->city, &entry, eo->why, e) != 0)
				goto out;
			if (in && eo->why[0])
				eo->status = 2;
		}
		if (eo->status == 1) {
			err_set(e, 422, "invalid_value", "entry_id", "参赛选手 %lld 不在本项目的参赛名单中",
				"entry %lld is not on this event's start list", (long long)s->entry_id);
			goto out;
		}
		if (eo->status == 2) {
			avoidance_error(e, eo->why, s->entry_id);
			goto out;
		}
		int64_t slot = asp->ma.kind == ASPECT_JUDGEMENT ? t->a->user_id : 0;
		bool have_old = false;
		double old = 0;
		if (locked &&
		    /* the signed-off aggregate's row first: a concurrent amendment of the same aspect waits
		     * here, so the refresh below (a later statement) sees its committed score */
		    db_run(t->d,
			   "UPDATE competition_aspect_marks SET n = n WHERE entry_id = $1 AND aspect_id = $2",
			   DB_ARGS(DV_I(s->entry_id), DV_I(asp->id)), e) < 0)
			goto out;
		if (locked) {
			db_stmt *st = db_query(
				t->d,
				"SELECT value FROM competition_scores WHERE entry_id = $1 AND aspect_id = "
				"$2 AND slot = $3",
				DB_ARGS(DV_I(s->entry_id), DV_I(asp->id), DV_I(slot)), e);
			int row = st ? db_row(st, e) : -1;
			if (row == 1) {
				have_old = true;
				old = db_double(st, 0);
			}
			db_done(st);
			if (row < 0)
				goto out;
		}
		db_stmt *st = db_query(
			t->d,
			"INSERT INTO competition_scores (entry_id, aspect_id, slot, event_id, judge_id, "
			"value, seq, "
			"revision, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,0,$8) ON CONFLICT (entry_id, "
			"aspect_id, "
			"slot) DO UPDATE SET judge_id = excluded.judge_id, value = excluded.value, seq = "
			"excluded.seq, "
			"revision = competition_scores.revision + CASE WHEN competition_scores.value <> "
			"excluded.value THEN 1 ELSE 0 END, updated_at = excluded.updated_at WHERE "
			"competition_scores.seq < excluded.seq RETURNING value, seq",
			DB_ARGS(DV_I(s->entry_id), DV_I(asp->id), DV_I(slot), DV_I(c->ev->id),
				DV_I(t->a->user_id), DV_D(s->value), DV_I(s->seq), DV_I(now)),
			e);
		int row = st ? db_row(st, e) : -1;
		db_done(st);
		if (row < 0)
			goto out;
		bool applied = row == 1;
		double value = s->value;
		int64_t seq = s->seq;
		if (!applied) {
			st = db_query(t->d,
				      "SELECT value, seq FROM competition_scores WHERE entry_id = $1 AND "
				      "aspect_id = $2 "
				      "AND slot = $3",
				      DB_ARGS(DV_I(s->entry_id), DV_I(asp->id), DV_I(slot)), e);
			row = st ? db_row(st, e) : -1;
			if (row == 1) {
				value = db_double(st, 0);
				seq = db_int(st, 1);
			}
			db_done(st);
			if (row < 0)
				goto out;
		}
		json_array_append_new(c->saved,
				      json_pack("{s:I,s:s,s:f,s:I,s:b}", "entry_id", (json_int_t)s->entry_id,
						"aspect", asp->code, "value", value, "seq", (json_int_t)seq,
						"applied", applied));
		if (!applied)
			continue;
		json_array_append_new(changes, json_pack("{s:I,s:s,s:f,s:I}", "entry_id",
							 (json_int_t)s->entry_id, "aspect", asp->code,
							 "value", s->value, "seq", (json_int_t)s->seq));
		if (locked &&
		    (db_run(t->d,
			    "DELETE FROM competition_aspect_marks WHERE entry_id = $1 AND aspect_id = $2",
			    DB_ARGS(DV_I(s->entry_id), DV_I(asp->id)), e) < 0 ||
		     db_run(t->d,
			    "INSERT INTO competition_aspect_marks (entry_id, aspect_id, event_id, n, total, "
			    "lo, hi) "
			    "SELECT entry_id, aspect_id, event_id, COUNT(*), SUM(value), MIN(value), "
			    "MAX(value) FROM "
			    "competition_scores WHERE entry_id = $1 AND aspect_id = $2 GROUP BY entry_id, "
			    "aspect_id, "
			    "event_id",
			    DB_ARGS(DV_I(s->entry_id), DV_I(asp->id)), e) < 0))
			goto out;
		if (locked && (!have_old || old != s->value)) {
			if (db_run(t->d,
				   "INSERT INTO competition_amendments (event_id, entry_id, aspect_id, "
				   "judge_id, "
				   "old_value, new_value, reason, at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)",
				   DB_ARGS(DV_I(c->ev->id), DV_I(s->entry_id), DV_I(asp->id),
					   DV_I(t->a->user_id), have_old ? DV_D(old) : DV_NULL,
					   DV_D(s->value), DV_S(c->reason), DV_I(now)),
				   e) < 0)
				goto out;
			c->amendments++;
		}
	}
	/* an amendment after the results were computed makes them stale: back to signed, compute again */
	if (c->amendments && !strcmp(status, "computed")) {
		int64_t back =
			db_run(t->d,
			       "UPDATE competition_marking SET status = 'signed', computed_at = NULL WHERE "
			       "event_id = $1 AND status = 'computed'",
			       DB_ARGS(DV_I(c->ev->id)), e);
		if (back < 0)
			goto out;
		if (back == 0) {
			err_set(e, 409, "results_published", NULL, "成绩已公示，评分不能再修改",
				"the results are published: scores can no longer change");
			goto out;
		}
	}
	if (locked)
		tx_audit(t, "competition.score_amend", "competition_event", c->ev->id,
			 json_pack("{s:s,s:O,s:i}", "reason", c->reason, "changes", changes, "amendments",
				   c->amendments));
	else
		tx_audit(t, "competition.scores", "competition_event", c->ev->id,
			 json_pack("{s:O,s:I}", "changes", changes, "received", (json_int_t)c->n));
	rc = 0;
out:
	json_decref(changes);
	free(seen);
	return rc;
}

/* a judge's save, read and checked (cm_scores_prepare) and waiting for its transaction (cm_scores_run) */
struct cm_scores_job {
	struct cm_event ev;
	struct cm_rules rules;
	struct cm_aspect *asp;
	int *asp_of;
	struct scores_ctx c;
	const principal *a;
};

void cm_scores_free(struct cm_scores_job *j)
{
	if (!j)
		return;
	json_decref(j->c.saved);
	free(j->asp_of);
	free(j->asp);
	free(j);
}

struct cm_scores_job *cm_scores_prepare(db *d, const principal *a, int64_t event_id,
					const struct cm_score_in *s, size_t n, const char *reason, err *e)
{
	struct cm_scores_job *j = xcalloc(1, sizeof *j);
	j->a = a;
	if (cm_event_load(d, a, event_id, &j->ev, e) != 0)
		goto fail;
	if (!j->ev.judge) {
		err_set(e, 403, "forbidden", NULL, "只有本项目的裁判可以评分（裁判长不评分）",
			"only the event's judges mark (the chief expert does not)");
		goto fail;
	}
	if (n < 1 || n > CM_MAX_SCORES) {
		err_set(e, 422, "invalid_value", "scores", "每次应保存 1 至 %d 个评分",
			"a save holds 1 to %d scores", CM_MAX_SCORES);
		goto fail;
	}
	if (reason && (check_text(reason, "reason", 500, true, e) != 0))
		goto fail;
	size_t nasp = 0;
	int nmod = 0;
	struct cm_aspect *asp = j->asp = cm_aspects_load(d, event_id, &nasp, &nmod, e);
	if (!asp && err_isset(e))
		goto fail;
	int *asp_of = j->asp_of = xcalloc(n, sizeof *asp_of);
	j->c = (struct scores_ctx){
		.ev = &j->ev, .s = s, .n = n, .reason = reason, .asp = asp, .asp_of = asp_of, .nasp = nasp};
	for (size_t k = 0; k < n; k++) {
		asp_of[k] = -1;
		for (size_t i = 0; i < nasp; i++)
			if (s[k].aspect && !strcmp(s[k].aspect, asp[i].code))
				asp_of[k] = (int)i;
		if (asp_of[k] < 0) {
			err_set(e, 422, "invalid_value", "aspect", "评分细则 %s 不在本项目的评分标准中",
				"aspect %s is not in this event's marking scheme",
				s[k].aspect ? s[k].aspect : "");
			goto fail;
		}
		const struct mark_aspect *m = &asp[asp_of[k]].ma;
		double v = s[k].value;
		bool ok = isfinite(v);
		if (m->kind == ASPECT_JUDGEMENT)
			ok = ok && v == floor(v) && v >= 0 && v <= 3;
		else if (m->kind == ASPECT_BINARY)
			ok = ok && (v == 0 || v == 1);
		if (!ok) {
			err_set(e, 422, "invalid_value", "value",
				"评分细则 %s 的分值无效（评价类 0-3 整数，是否类 0 或 1）",
				"aspect %s: invalid value (judgement 0..3 whole, binary 0 or 1)",
				s[k].aspect);
			goto fail;
		}
		if (s[k].seq < 1) {
			err_set(e, 422, "invalid_value", "seq", "序号应为正整数",
				"seq must be a positive integer");
			goto fail;
		}
		if (s[k].entry_id <= 0) {
			err_set(e, 422, "invalid_value", "entry_id", "参赛选手编号无效",
				"entry_id is invalid");
			goto fail;
		}
	}
	if (cm_rules_read(d, j->ev.competition_id, &j->rules, e) != 0)
		goto fail;
	j->c.rules = &j->rules;
	db_stmt *st = db_query(d,
			       "SELECT COALESCE(employer_id, 0), COALESCE(school_id, 0), city_code FROM "
			       "competition_judges WHERE event_id = $1 AND user_id = $2",
			       DB_ARGS(DV_I(event_id), DV_I(a->user_id)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		j->c.employer = db_int(st, 0);
		j->c.school = db_int(st, 1);
		snprintf(j->c.city, sizeof j->c.city, "%s", db_text(st, 2));
	}
	db_done(st);
	if (row < 0)
		goto fail;
	return j;
fail:
	cm_scores_free(j);
	return NULL;
}

int cm_scores_run(db *d, struct cm_scores_job *j, bool in_caller, err *e)
{
	return svc_tx_flags(d, j->a, TX_IDEMPOTENT | (in_caller ? TX_INLINE : 0), scores_work, &j->c, e);
}

json_t *cm_scores_result(const struct cm_scores_job *j)
{
	return json_pack("{s:O,s:i}", "saved", j->c.saved, "amendments", j->c.amendments);
}

json_t *cm_scores_save(db *d, const principal *a, int64_t event_id, const struct cm_score_in *s, size_t n,
		       const char *reason, err *e)
{
	struct cm_scores_job *j = cm_scores_prepare(d, a, event_id, s, n, reason, e);
	json_t *out = j && cm_scores_run(d, j, false, e) == 0 ? cm_scores_result(j) : NULL;
	cm_scores_free(j);
	return out;
}

/* ---- marks, disagreements, sign-off ---- */

/* the rows (entry, aspect, marks, total, lowest, highest) of a query, in its order; NULL when the query
 * failed */
static struct cm_agg *read_aggs(db_stmt *st, size_t cap, size_t *n, err *e)
{
	if (!st)
		return NULL;
	struct cm_agg *v = xmalloc(sizeof *v * cap);
	int rc;
	while ((rc = db_row(st, e)) == 1) {
		if (*n == cap)
			v = xrealloc(v, sizeof *v * (cap *= 2));
		v[(*n)++] = (struct cm_agg){db_int(st, 0),    db_int(st, 1),	(int)db_int(st, 2),
					    db_double(st, 3), db_double(st, 4), db_double(st, 5)};
	}
	db_done(st);
	if (rc < 0) {
		free(v);
		*n = 0;
		return NULL;
	}
	return v;
}

struct cm_agg *cm_aggregate(db *d, int64_t event_id, int64_t entry_id, size_t *n, err *e)
{
	*n = 0;
	db_stmt *st =
		db_query(d,
			 "SELECT s.entry_id, s.aspect_id, COUNT(*), SUM(s.value), MIN(s.value), MAX(s.value) "
			 "FROM competition_scores s JOIN competition_entries n ON n.id = s.entry_id WHERE "
			 "s.event_id = $1 AND n.status = 'approved' AND ($2 = 0 OR s.entry_id = $2) GROUP BY "
			 "s.entry_id, s.aspect_id ORDER BY s.entry_id, s.aspect_id",
			 DB_ARGS(DV_I(event_id), DV_I(entry_id)), e);
	return read_aggs(st, 64, n, e);
}

struct cm_agg *cm_aggregate_signed(db *d, int64_t event_id, size_t *n, err *e)
{
	*n = 0;
	db_stmt *st =
		db_query(d,
			 "SELECT entry_id, aspect_id, n, total, lo, hi FROM competition_aspect_marks WHERE "
			 "event_id = $1 ORDER BY entry_id, aspect_id",
			 DB_ARGS(DV_I(event_id)), e);
	return read_aggs(st, 256, n, e);
}

const struct cm_agg *agg_find(const struct cm_agg *v, size_t n, int64_t entry, int64_t aspect)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid].entry_id < entry || (v[mid].entry_id == entry && v[mid].aspect_id < aspect))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && v[lo].entry_id == entry && v[lo].aspect_id == aspect ? &v[lo] : NULL;
}

int cm_mark(const struct cm_aspect *a, const struct cm_agg *g, int64_t judges, int threshold, int *cm,
	    bool *complete, bool *flagged)
{
	*cm = 0;
	*flagged = false;
	*complete = false;
	if (!g || g->n < 1)
		return 0;
	switch (a->ma.kind) {
	case ASPECT_JUDGEMENT:
		*complete = g->n >= judges && judges > 0;
		return marking_judgement_agg(a->ma.max_cm, g->n, (int)lround(g->sum), (int)lround(g->lo),
					     (int)lround(g->hi), threshold, cm, flagged);
	case ASPECT_BINARY:
		*complete = true;
		return marking_binary(&a->ma, g->hi != 0, cm);
	case ASPECT_BANDS:
		*complete = true;
		return marking_bands(&a->ma, g->hi, cm);
	}
	return -1;
}

json_t *cm_marks_json(db *d, const principal *a, int64_t event_id, int64_t entry_id, err *e)
{
	struct cm_event ev;
	if (cm_event_load(d, a, event_id, &ev, e) != 0)
		return NULL;
	struct cm_rules rules;
	int64_t judges = 0;
	size_t nasp = 0, nagg = 0;
	int nmod = 0;
	if (cm_rules_read(d, ev.competition_id, &rules, e) != 0 ||
	    cm_judge_count(d, event_id, &judges, e) != 0)
		return NULL;
	struct cm_aspect *asp = cm_aspects_load(d, event_id, &nasp, &nmod, e);
	if (!asp && err_isset(e))
		return NULL;
	struct cm_agg *agg = cm_aggregate(d, event_id, entry_id, &nagg, e);
	json_t *out = NULL, *entries = json_array();
	if (!agg && err_isset(e))
		goto out;
	bool sees_all = ev.organiser || ev.chief;
	/* every score of the event (or entry), in (entry, aspect) order */
	db_stmt *st = db_query(
		d,
		"SELECT n.id, n.seat, n.team, s.aspect_id, s.judge_id, s.value, s.seq, s.revision FROM "
		"competition_entries n LEFT JOIN competition_scores s ON s.entry_id = n.id WHERE "
		"n.event_id = $1 AND n.status = 'approved' AND ($2 = 0 OR n.id = $2) ORDER BY n.seat, "
		"n.id, s.aspect_id, s.judge_id",
		DB_ARGS(DV_I(event_id), DV_I(entry_id)), e);
	if (!st)
		goto out;
	/* collect scores per (entry, aspect) into JSON, then decide what the caller sees */
	json_t *byentry = json_object();
	int rc;
	while ((rc = db_row(st, e)) == 1) {
		char key[24];
		snprintf(key, sizeof key, "%lld", (long long)db_int(st, 0));
		json_t *en = json_object_get(byentry, key);
		if (!en) {
			en = json_pack("{s:I,s:o,s:s,s:o}", "entry_id", (json_int_t)db_int(st, 0), "seat",
				       db_isnull(st, 1) ? json_null() : json_integer(db_int(st, 1)), "team",
				       db_text(st, 2), "scores", json_object());
			json_object_set_new(byentry, key, en);
			json_array_append(entries, en);
		}
		if (db_isnull(st, 3))
			continue;
		char ak[24];
		snprintf(ak, sizeof ak, "%lld", (long long)db_int(st, 3));
		json_t *sc = json_object_get(json_object_get(en, "scores"), ak);
		if (!sc) {
			sc = json_array();
			json_object_set_new(json_object_get(en, "scores"), ak, sc);
		}
		json_array_append_new(sc,
				      json_pack("{s:I,s:f,s:I,s:I}", "judge_id", (json_int_t)db_int(st, 4),
						"value", db_double(st, 5), "seq", (json_int_t)db_int(st, 6),
						"revision", (json_int_t)db_int(st, 7)));
	}
	db_done(st);
	if (rc < 0) {
		json_decref(byentry);
		goto out;
	}
	size_t k;
	json_t *en;
	json_array_foreach(entries, k, en)
	{
		int64_t eid = json_integer_value(json_object_get(en, "entry_id"));
		json_t *scores = json_object_get(en, "scores"), *aspects = json_array();
		int64_t total = 0;
		bool all = true;
		for (size_t j = 0; j < nasp; j++) {
			const struct cm_agg *ag = agg_find(agg, nagg, eid, asp[j].id);
			int cm = 0;
			bool complete = false, flagged = false;
			cm_mark(&asp[j], ag, judges, rules.threshold, &cm, &complete, &flagged);
			all = all && complete;
			total += cm;
			char ak[24];
			snprintf(ak, sizeof ak, "%lld", (long long)asp[j].id);
			json_t *sc = json_object_get(scores, ak), *shown = json_array(), *mine = json_null();
			size_t q;
			json_t *x;
			bool visible = sees_all || complete || asp[j].ma.kind != ASPECT_JUDGEMENT;
			json_array_foreach(sc, q, x)
			{
				bool own = json_integer_value(json_object_get(x, "judge_id")) == a->user_id;
				if (own && asp[j].ma.kind == ASPECT_JUDGEMENT)
					mine = json_deep_copy(x);
				if (visible || own)
					json_array_append(shown, x);
			}
			json_t *o =
				json_pack("{s:s,s:s,s:o,s:b,s:o,s:o}", "code", asp[j].code, "kind",
					  kind_name(asp[j].ma.kind), "max", cm_marks_number(asp[j].ma.max_cm),
					  "complete", complete, "scores", shown, "mine", mine);
			if (visible) {
				json_object_set_new(o, "mark", ag ? cm_marks_number(cm) : json_null());
				json_object_set_new(o, "flagged", json_boolean(flagged));
			}
			json_array_append_new(aspects, o);
		}
		json_object_del(en, "scores");
		json_object_set_new(en, "aspects", aspects);
		json_object_set_new(en, "complete", json_boolean(all));
		if (sees_all)
			json_object_set_new(en, "total", cm_marks_number(total));
	}
	json_decref(byentry);
	out = json_pack("{s:I,s:s,s:I,s:b,s:O}", "event_id", (json_int_t)event_id, "status", ev.status,
			"judges", (json_int_t)judges, "sees_all", sees_all, "entries", entries);
out:
	json_decref(entries);
	free(agg);
	free(asp);
	return out;
}

/* walks the aggregates of the approved entries: counts incomplete and flagged aspects, lists the flagged */
static int disagreements(db *d, const struct cm_event *ev, json_t *list, int64_t *incomplete,
			 int64_t *flagged, err *e)
{
	struct cm_rules rules;
	int64_t judges = 0;
	size_t nasp = 0, nagg = 0;
	int nmod = 0;
	*incomplete = *flagged = 0;
	if (cm_rules_read(d, ev->competition_id, &rules, e) != 0 ||
	    cm_judge_count(d, ev->id, &judges, e) != 0)
		return -1;
	struct cm_aspect *asp = cm_aspects_load(d, ev->id, &nasp, &nmod, e);
	if (!asp && err_isset(e))
		return -1;
	struct cm_agg *agg = cm_aggregate(d, ev->id, 0, &nagg, e);
	int64_t entries = 0;
	int rc = -1;
	if ((!agg && err_isset(e)) ||
	    db_one_int(d,
		       "SELECT COUNT(*) FROM competition_entries WHERE event_id = $1 AND status = 'approved'",
		       DB_ARGS(DV_I(ev->id)), &entries, e) != DB_OK)
		goto out;
	int64_t complete = 0;
	for (size_t g = 0; g < nagg; g++) {
		const struct cm_aspect *x = NULL;
		for (size_t j = 0; j < nasp && !x; j++)
			if (asp[j].id == agg[g].aspect_id)
				x = &asp[j];
		if (!x)
			continue;
		int cm;
		bool c, f;
		cm_mark(x, &agg[g], judges, rules.threshold, &cm, &c, &f);
		complete += c;
		if (f) {
			(*flagged)++;
			if (list)
				json_array_append_new(list, json_pack("{s:I,s:s,s:i,s:f,s:f,s:i}", "entry_id",
								      (json_int_t)agg[g].entry_id, "aspect",
								      x->code, "judges", agg[g].n, "lowest",
								      agg[g].lo, "highest", agg[g].hi,
								      "threshold", rules.threshold));
		}
	}
	*incomplete = entries * (int64_t)nasp - complete;
	if (nasp == 0 || judges == 0)
		*incomplete = *incomplete > 0 ? *incomplete : 1;
	rc = 0;
out:
	free(agg);
	free(asp);
	return rc;
}

json_t *cm_disagreements_json(db *d, const principal *a, int64_t event_id, err *e)
{
	struct cm_event ev;
	if (cm_event_load(d, a, event_id, &ev, e) != 0)
		return NULL;
	json_t *list = json_array();
	int64_t incomplete, flagged;
	if (disagreements(d, &ev, list, &incomplete, &flagged, e) != 0) {
		json_decref(list);
		return NULL;
	}
	/* a judge sees only disagreements on aspects every judge has scored: they are all complete by
	 * definition (a flag needs two scores, and a judge sees others' scores once all are in) */
	if (!(ev.organiser || ev.chief)) {
		int64_t judges = 0;
		if (cm_judge_count(d, event_id, &judges, e) != 0) {
			json_decref(list);
			return NULL;
		}
		size_t k = json_array_size(list);
		while (k-- > 0)
			if (json_integer_value(json_object_get(json_array_get(list, k), "judges")) < judges)
				json_array_remove(list, k);
	}
	return json_pack("{s:I,s:s,s:I,s:I,s:o}", "event_id", (json_int_t)event_id, "status", ev.status,
			 "incomplete", (json_int_t)incomplete, "flagged", (json_int_t)json_array_size(list),
			 "items", list);
}

struct signoff_ctx {
	const struct cm_event *ev;
};

static int signoff_work(tx *t, void *ctx, err *e)
{
	struct signoff_ctx *c = ctx;
	char status[12];
	if (cm_event_lock(t->d, c->ev->id, e) != 0 || cm_marking_status(t->d, c->ev->id, status, e) != 0)
		return -1;
	if (strcmp(status, "marking") != 0)
		return err_set(e, 409, "already_signed", NULL, "裁判长已签字确认",
			       "the marks are already signed off");
	int64_t incomplete, flagged;
	if (disagreements(t->d, c->ev, NULL, &incomplete, &flagged, e) != 0)
		return -1;
	if (incomplete > 0)
		return err_set(e, 409, "marks_incomplete", NULL, "尚有 %lld 项评分未完成",
			       "%lld aspect marks are not complete", (long long)incomplete);
	if (flagged > 0)
		return err_set(e, 409, "disagreements_open", NULL,
			       "尚有 %lld 项评分差异超过阈值，须讨论后重新评分",
			       "%lld judgement disagreements are open: discuss and re-mark them first",
			       (long long)flagged);
	int64_t now = now_s();
	if (db_run(t->d, "DELETE FROM competition_aspect_marks WHERE event_id = $1", DB_ARGS(DV_I(c->ev->id)),
		   e) < 0 ||
	    db_run(t->d,
		   "INSERT INTO competition_aspect_marks (entry_id, aspect_id, event_id, n, total, lo, hi) "
		   "SELECT "
		   "s.entry_id, s.aspect_id, s.event_id, COUNT(*), SUM(s.value), MIN(s.value), MAX(s.value) "
		   "FROM "
		   "competition_scores s JOIN competition_entries n ON n.id = s.entry_id WHERE s.event_id = "
		   "$1 AND "
		   "n.status = 'approved' GROUP BY s.entry_id, s.aspect_id, s.event_id",
		   DB_ARGS(DV_I(c->ev->id)), e) < 0)
		return -1;
	if (db_run(t->d, "DELETE FROM competition_marking WHERE event_id = $1", DB_ARGS(DV_I(c->ev->id)), e) <
		    0 ||
	    db_run(t->d,
		   "INSERT INTO competition_marking (event_id, status, signed_by, signed_at) VALUES "
		   "($1,'signed',$2,$3)",
		   DB_ARGS(DV_I(c->ev->id), DV_I(t->a->user_id), DV_I(now)), e) < 0)
		return -1;
	tx_audit(t, "competition.signoff", "competition_event", c->ev->id, NULL);
	return 0;
}

json_t *cm_signoff(db *d, const principal *a, int64_t event_id, err *e)
{
	struct cm_event ev;
	if (cm_event_load(d, a, event_id, &ev, e) != 0)
		return NULL;
	if (!ev.chief) {
		err_set(e, 403, "forbidden", NULL, "只有本项目的裁判长可以签字确认",
			"only the event's chief expert signs off");
		return NULL;
	}
	struct signoff_ctx c = {&ev};
	if (svc_tx(d, a, signoff_work, &c, e) != 0)
		return NULL;
	return json_pack("{s:I,s:s}", "event_id", (json_int_t)event_id, "status", "signed");
}
