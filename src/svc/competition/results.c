/* results.c: 竞赛成绩 — computing, storing, publishing and reading an event's results (see results.h) */
#include "util/common.h"
#include "svc/competition/results.h"
#include "core/date.h"
#include "core/workdays.h"
#include "core/ws_scale.h"
#include "svc/base/svc.h"
#include "svc/base/tx.h"
#include "svc/competition/marking_int.h"
#include "svc/registry/refdata_load.h"
#include "svc/stats/counters.h"
#include "util/buf.h"
#include <math.h>
#include <time.h>

static const char *medal_zh(const char *code)
{
	if (!code || !*code)
		return "";
	if (!strcmp(code, "gold"))
		return "金牌";
	if (!strcmp(code, "silver"))
		return "银牌";
	if (!strcmp(code, "bronze"))
		return "铜牌";
	return "优胜奖";
}

struct entry_row {
	int64_t id;
	char team[160]; /* the 选送单位 and the team label: the key of a team */
	int unit;	/* index into the ranked units */
};

/* the results of one event, computed from its marks and stored (inside the caller's transaction) */
static int compute_one(db *d, int64_t event_id, int team_size, const struct cm_rules *r, int64_t *nrows,
		       err *e)
{
	size_t nasp = 0, nagg = 0, nent = 0, cap = 64;
	int nmod = 0, rc = -1, nunits = 0;
	int64_t judges = 0;
	struct entry_row *ent = NULL;
	struct mark_row *rows = NULL, *units = NULL;
	int *rank = NULL, *members = NULL;
	double *raw = NULL, *scaled = NULL;
	enum medal *medal = NULL;
	struct cm_agg *agg = NULL;
	buf sql;
	buf_init(&sql, 0);
	struct cm_aspect *asp = cm_aspects_load(d, event_id, &nasp, &nmod, e);
	if ((!asp && err_isset(e)) || cm_judge_count(d, event_id, &judges, e) != 0)
		goto out;
	if (!nasp) {
		err_set(e, 409, "no_scheme", NULL, "本项目没有评分标准", "the event has no marking scheme");
		goto out;
	}
	db_stmt *st = db_query(d,
			       "SELECT id, team, unit_name, unit_region FROM competition_entries WHERE "
			       "event_id = $1 AND status = 'approved' "
			       "ORDER BY id",
			       DB_ARGS(DV_I(event_id)), e);
	if (!st)
		goto out;
	ent = xmalloc(sizeof *ent * cap);
	int step;
	while ((step = db_row(st, e)) == 1) {
		if (nent == cap)
			ent = xrealloc(ent, sizeof *ent * (cap *= 2));
		ent[nent].id = db_int(st, 0);
		const char *team = db_text(st, 1);
		if (team && *team)
			snprintf(ent[nent].team, sizeof ent[nent].team, "%s|%s|%s", db_text(st, 3),
				 db_text(st, 2), team);
		else
			ent[nent].team[0] = 0;
		nent++;
	}
	db_done(st);
	if (step < 0)
		goto out;
	*nrows = (int64_t)nent;
	/* the statistics counters: the event's old results counted out, the new ones in after the INSERT */
	if (stat_count_db(d, STE_COMP_RESULT, DV_I(event_id), DV_NULL, -1, e) != 0 ||
	    db_run(d, "DELETE FROM competition_results WHERE event_id = $1", DB_ARGS(DV_I(event_id)), e) < 0)
		goto out;
	if (!nent) {
		rc = 0;
		goto out;
	}
	agg = cm_aggregate_signed(d, event_id, &nagg, e);
	if (!agg && err_isset(e))
		goto out;
	rows = xcalloc(nent, sizeof *rows);
	/* both in (entry, aspect id) order as a rule (aspects get rising ids in the scheme's order): walk
	 * them together, and search only where they part */
	size_t g = 0;
	for (size_t i = 0; i < nent; i++)
		for (size_t j = 0; j < nasp; j++) {
			int cm;
			bool complete, flagged;
			const struct cm_agg *ag =
				g < nagg && agg[g].entry_id == ent[i].id && agg[g].aspect_id == asp[j].id
					? &agg[g]
					: agg_find(agg, nagg, ent[i].id, asp[j].id);
			if (ag)
				g = (size_t)(ag - agg) + 1;
			if (cm_mark(&asp[j], ag, judges, r->threshold, &cm, &complete, &flagged) != 0) {
				err_set(e, 500, "internal", NULL, "存储的评分超出范围",
					"a stored score is out of range");
				goto out;
			}
			if (!complete) {
				err_set(e, 409, "marks_incomplete", NULL, "参赛选手 %lld 的评分未完成",
					"the marks of entry %lld are not complete", (long long)ent[i].id);
				goto out;
			}
			rows[i].total_cm += cm;
			if (asp[j].ma.module >= 0 && asp[j].ma.module < MARKING_MAX_MODULES)
				rows[i].module_cm[asp[j].ma.module] += cm;
		}
	/* the ranked units: each contestant, or each team (the members' mean, half-up to a hundredth) */
	units = xcalloc(nent, sizeof *units);
	members = xcalloc(nent, sizeof *members);
	for (size_t i = 0; i < nent; i++) {
		int u = -1;
		if (team_size > 1 && ent[i].team[0])
			for (size_t k = 0; k < i && u < 0; k++)
				if (!strcmp(ent[k].team, ent[i].team))
					u = ent[k].unit;
		if (u < 0)
			u = nunits++;
		ent[i].unit = u;
		members[u]++;
		units[u].total_cm += rows[i].total_cm;
		for (int m = 0; m < MARKING_MAX_MODULES; m++)
			units[u].module_cm[m] += rows[i].module_cm[m];
	}
	for (int u = 0; u < nunits; u++)
		if (members[u] > 1) {
			int64_t k = members[u];
			units[u].total_cm = (2 * units[u].total_cm + k) / (2 * k);
			for (int m = 0; m < MARKING_MAX_MODULES; m++)
				units[u].module_cm[m] = (2 * units[u].module_cm[m] + k) / (2 * k);
		}
	rank = xcalloc((size_t)nunits, sizeof *rank);
	raw = xcalloc((size_t)nunits, sizeof *raw);
	scaled = xcalloc((size_t)nunits, sizeof *scaled);
	medal = xcalloc((size_t)nunits, sizeof *medal);
	for (int u = 0; u < nunits; u++)
		raw[u] = (double)units[u].total_cm / 100.0;
	marking_rank(units, nunits, nmod, rank, NULL);
	ws_standardise(raw, nunits, scaled, NULL);
	struct medal_rules mr = {r->gold,      r->silver,    r->bronze,
				 r->per_mille, r->medal_min, r->excellence_min};
	if (ws_medals(rank, scaled, nunits, &mr, medal) != 0) {
		err_set(e, 500, "internal", NULL, "奖牌规则无效", "the medal rules are invalid");
		goto out;
	}
	/* one multi-row INSERT per event: a round trip per event, not per contestant */
	size_t nargs = 0;
	dbv *args = xcalloc(nent * 7, sizeof *args);
	char **mods = xcalloc(nent, sizeof *mods);
	buf_adds(&sql, "INSERT INTO competition_results (event_id, entry_id, total_cm, modules, scaled, "
		       "place, medal) "
		       "VALUES ");
	for (size_t i = 0; i < nent; i++) {
		int u = ent[i].unit;
		buf m;
		buf_init(&m, 0);
		buf_addc(&m, '[');
		for (int k = 0; k < nmod; k++)
			buf_printf(&m, "%s%lld", k ? "," : "", (long long)rows[i].module_cm[k]);
		buf_addc(&m, ']');
		mods[i] = buf_take(&m, NULL);
		const char *mc = medal_code(medal[u]);
		buf_printf(&sql, "%s($%zu,$%zu,$%zu,$%zu,$%zu,$%zu,$%zu)", i ? "," : "", nargs + 1, nargs + 2,
			   nargs + 3, nargs + 4, nargs + 5, nargs + 6, nargs + 7);
		args[nargs++] = DV_I(event_id);
		args[nargs++] = DV_I(ent[i].id);
		args[nargs++] = DV_I(rows[i].total_cm);
		args[nargs++] = DV_S(mods[i]);
		args[nargs++] = DV_D(scaled[u]);
		args[nargs++] = DV_I(rank[u]);
		args[nargs++] = DV_S(mc ? mc : "");
	}
	int64_t ins = buf_ok(&sql) ? db_run(d, sql.ptr, args, (int)nargs, e) : -1;
	if (!buf_ok(&sql))
		err_set(e, 500, "internal", NULL, "内存不足", "out of memory");
	for (size_t i = 0; i < nent; i++)
		free(mods[i]);
	free(mods);
	free(args);
	if (ins < 0 || stat_count_db(d, STE_COMP_RESULT, DV_I(event_id), DV_NULL, +1, e) != 0)
		goto out;
	rc = 0;
out:
	buf_free(&sql);
	free(asp);
	free(agg);
	free(ent);
	free(rows);
	free(units);
	free(members);
	free(rank);
	free(raw);
	free(scaled);
	free(medal);
	return rc;
}

static int set_computed(db *d, int64_t event_id, err *e)
{
	return db_run(d,
		      "UPDATE competition_marking SET status = 'computed', computed_at = $2 WHERE event_id = "
		      "$1",
		      DB_ARGS(DV_I(event_id), DV_I(now_s())), e) < 0
		       ? -1
		       : 0;
}

struct event_ctx {
	const struct cm_event *ev;
	int64_t rows;
};

static int event_work(tx *t, void *ctx, err *e)
{
	struct event_ctx *c = ctx;
	char status[12];
	struct cm_rules r;
	if (cm_event_lock(t->d, c->ev->id, e) != 0 || cm_marking_status(t->d, c->ev->id, status, e) != 0 ||
	    cm_rules_read(t->d, c->ev->competition_id, &r, e))
		return -1;
	if (!strcmp(status, "marking"))
		return err_set(e, 409, "not_signed", NULL, "裁判长尚未签字确认评分",
			       "the chief expert has not signed off the marks");
	if (!strcmp(status, "published"))
		return err_set(e, 409, "results_published", NULL, "成绩已公示", "the results are published");
	if (compute_one(t->d, c->ev->id, c->ev->team_size, &r, &c->rows, e) != 0 ||
	    set_computed(t->d, c->ev->id, e))
		return -1;
	tx_audit(t, "competition.results", "competition_event", c->ev->id,
		 json_pack("{s:I}", "contestants", (json_int_t)c->rows));
	return 0;
}

json_t *cr_compute_event(db *d, const principal *a, int64_t event_id, err *e)
{
	struct cm_event ev;
	if (cm_event_load(d, a, event_id, &ev, e) != 0)
		return NULL;
	if (!ev.organiser) {
		err_set(e, 403, "forbidden", NULL, "只有竞赛的主办方可以计算成绩",
			"only the competition's organiser computes results");
		return NULL;
	}
	struct event_ctx c = {&ev, 0};
	if (svc_tx(d, a, event_work, &c, e) != 0)
		return NULL;
	return cr_results_json(d, a, event_id, false, e);
}

struct comp_ctx {
	int64_t competition_id;
	json_t *skipped;
	int64_t computed, rows;
};

static int comp_work(tx *t, void *ctx, err *e)
{
	struct comp_ctx *c = ctx;
	struct cm_rules r;
	json_array_clear(c->skipped);
	c->computed = c->rows = 0;
	/* every event of the competition locked before their statuses are read (cm_event_lock) */
	if (db_run(t->d, "UPDATE competition_events SET seats = seats WHERE competition_id = $1",
		   DB_ARGS(DV_I(c->competition_id)), e) < 0 ||
	    cm_rules_read(t->d, c->competition_id, &r, e) != 0)
		return -1;
	db_stmt *st = db_query(
		t->d,
		"SELECT v.id, v.team_size, COALESCE(m.status, 'marking') FROM competition_events v "
		"LEFT JOIN competition_marking m ON m.event_id = v.id WHERE v.competition_id = $1 ORDER "
		"BY v.id",
		DB_ARGS(DV_I(c->competition_id)), e);
	if (!st)
		return -1;
	size_t n = 0, cap = 16;
	struct {
		int64_t id;
		int team_size;
		bool go;
	} *v = xmalloc(sizeof *v * cap);
	int step;
	while ((step = db_row(st, e)) == 1) {
		if (n == cap)
			v = xrealloc(v, sizeof *v * (cap *= 2));
		v[n].id = db_int(st, 0);
		v[n].team_size = (int)db_int(st, 1);
		const char *s = db_text(st, 2);
		v[n].go = !strcmp(s, "signed") || !strcmp(s, "computed");
		if (!strcmp(s, "marking"))
			json_array_append_new(c->skipped, json_integer(v[n].id));
		n++;
	}
	db_done(st);
	int rc = step < 0 ? -1 : 0;
	json_t *done = json_array();
	for (size_t k = 0; rc == 0 && k < n; k++) {
		if (!v[k].go)
			continue;
		int64_t rows = 0;
		if (compute_one(t->d, v[k].id, v[k].team_size, &r, &rows, e) != 0 ||
		    set_computed(t->d, v[k].id, e))
			rc = -1;
		c->rows += rows;
		c->computed++;
		json_array_append_new(done, json_integer(v[k].id));
	}
	free(v);
	if (rc == 0)
		tx_audit(t, "competition.results", "competition", c->competition_id,
			 json_pack("{s:o,s:I}", "events", done, "contestants", (json_int_t)c->rows));
	else
		json_decref(done);
	return rc;
}

json_t *cr_compute_competition(db *d, const principal *a, int64_t competition_id, err *e)
{
	if (cm_competition_organiser(d, a, competition_id, e) != 0)
		return NULL;
	struct timespec t0, t1, c0, c1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c0);
	struct comp_ctx c = {.competition_id = competition_id, .skipped = json_array()};
	if (svc_tx(d, a, comp_work, &c, e) != 0) {
		json_decref(c.skipped);
		return NULL;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c1);
	double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
	double cpu = (double)(c1.tv_sec - c0.tv_sec) * 1e3 + (double)(c1.tv_nsec - c0.tv_nsec) / 1e6;
	/* ms: the wall time of the unit (its commit's fsync included); cpu_ms: this thread's CPU time in it,
	 * the work itself whatever else the machine is doing */
	return json_pack("{s:I,s:I,s:I,s:o,s:f,s:f}", "competition_id", (json_int_t)competition_id,
			 "computed", (json_int_t)c.computed, "contestants", (json_int_t)c.rows, "skipped",
			 c.skipped, "ms", round(ms * 10) / 10, "cpu_ms", round(cpu * 10) / 10);
}

static json_t *result_view(db_stmt *st)
{
	json_t *mods = json_loads(db_text(st, 4), 0, NULL), *m = json_array();
	size_t k;
	json_t *x;
	json_array_foreach(mods, k, x) json_array_append_new(m, cm_marks_number(json_integer_value(x)));
	json_decref(mods);
	const char *medal = db_text(st, 7);
	return json_pack("{s:I,s:I,s:s,s:s,s:s,s:s,s:o,s:o,s:f,s:s,s:s}", "entry_id",
			 (json_int_t)db_int(st, 0), "rank", (json_int_t)db_int(st, 6), "name", db_text(st, 1),
			 "unit_name", db_text(st, 2), "team", db_text(st, 3), "grp", db_text(st, 8), "total",
			 cm_marks_number(db_int(st, 9)), "modules", m, "scaled",
			 round(db_double(st, 5) * 100) / 100, "medal", medal, "medal_name", medal_zh(medal));
}

json_t *cr_results_json(db *d, const principal *a, int64_t event_id, bool pub, err *e)
{
	struct cm_event ev = {0};
	char status[12] = "";
	if (pub) {
		if (cm_marking_status(d, event_id, status, e) != 0)
			return NULL;
	} else {
		if (cm_event_load(d, a, event_id, &ev, e) != 0)
			return NULL;
		snprintf(status, sizeof status, "%s", ev.status);
	}
	bool ready = !strcmp(status, "computed") || !strcmp(status, "published");
	if (pub && strcmp(status, "published") != 0) {
		err_set(e, 404, "not_found", NULL, "该项目的成绩尚未公示",
			"the event's results are not published");
		return NULL;
	}
	json_t *modules = json_array();
	db_stmt *st =
		db_query(d, "SELECT code, name FROM competition_modules WHERE event_id = $1 ORDER BY pos",
			 DB_ARGS(DV_I(event_id)), e);
	int step = st ? 1 : -1;
	while (st && (step = db_row(st, e)) == 1)
		json_array_append_new(modules,
				      json_pack("{s:s,s:s}", "code", db_text(st, 0), "name", db_text(st, 1)));
	db_done(st);
	if (step < 0) {
		json_decref(modules);
		return NULL;
	}
	json_t *items = json_array();
	if (ready) {
		st = db_query(
			d,
			"SELECT r.entry_id, p.name, n.unit_name, n.team, r.modules, r.scaled, r.place, "
			"r.medal, "
			"n.grp, r.total_cm FROM competition_results r JOIN competition_entries n ON n.id = "
			"r.entry_id JOIN persons p ON p.id = n.person_id WHERE r.event_id = $1 ORDER BY "
			"r.place, "
			"r.entry_id",
			DB_ARGS(DV_I(event_id)), e);
		json_decref(items);
		items = rows_json(st, result_view, e);
		if (!items) {
			json_decref(modules);
			return NULL;
		}
	}
	/* the scale's parameters, recomputed from the stored raw totals for the reader's check */
	json_t *scale = json_null();
	size_t n = json_array_size(items);
	if (n) {
		double *x = xmalloc(sizeof *x * n), *s = xmalloc(sizeof *s * n);
		for (size_t k = 0; k < n; k++)
			x[k] = json_number_value(json_object_get(json_array_get(items, k), "total"));
		struct ws_stats stt;
		ws_standardise(x, (int)n, s, &stt);
		scale = json_pack("{s:f,s:f,s:f,s:f}", "mean", round(stt.mean * 100) / 100, "median",
				  round(stt.median * 100) / 100, "sd", round(stt.sd * 10000) / 10000,
				  "median_point", WS_MEDIAN_POINT);
		free(x);
		free(s);
	}
	db_stmt *p =
		db_query(d, "SELECT COALESCE(publicity_end, '') FROM competition_marking WHERE event_id = $1",
			 DB_ARGS(DV_I(event_id)), e);
	int row = p ? db_row(p, e) : -1;
	json_t *pend = row == 1 && *db_text(p, 0) ? json_string(db_text(p, 0)) : json_null();
	db_done(p);
	return json_pack("{s:I,s:s,s:o,s:o,s:o,s:o}", "event_id", (json_int_t)event_id, "status", status,
			 "publicity_end", pend, "scale", scale, "modules", modules, "items", items);
}

struct publish_ctx {
	const struct cm_event *ev;
	char end[11];
};

static int not_computed(err *e)
{
	return err_set(e, 409, "not_computed", NULL, "成绩尚未计算（或已公示）",
		       "the results are not computed (or already published)");
}

static int publish_work(tx *t, void *ctx, err *e)
{
	struct publish_ctx *c = ctx;
	char status[12];
	struct cm_rules r;
	if (cm_event_lock(t->d, c->ev->id, e) != 0 || cm_marking_status(t->d, c->ev->id, status, e) != 0 ||
	    cm_rules_read(t->d, c->ev->competition_id, &r, e))
		return -1;
	if (strcmp(status, "computed") != 0)
		return not_computed(e);
	size_t ncal = 0;
	struct cal_day *cal = calendar_load(t->d, &ncal, e);
	if (!cal && err_isset(e))
		return -1;
	date_format(workdays_end(date_today_utc8(), r.publicity_days, cal, ncal), c->end);
	free(cal);
	int64_t n = db_run(t->d,
			   "UPDATE competition_marking SET status = 'published', published_at = $2, "
			   "publicity_end = $3 WHERE event_id = $1 AND status = 'computed'",
			   DB_ARGS(DV_I(c->ev->id), DV_I(now_s()), DV_S(c->end)), e);
	if (n < 0)
		return -1;
	if (n == 0)
		return not_computed(e);
	tx_audit(t, "competition.results_publish", "competition_event", c->ev->id,
		 json_pack("{s:s,s:i}", "publicity_end", c->end, "publicity_days", r.publicity_days));
	return 0;
}

json_t *cr_publish(db *d, const principal *a, int64_t event_id, err *e)
{
	struct cm_event ev;
	if (cm_event_load(d, a, event_id, &ev, e) != 0)
		return NULL;
	if (!ev.organiser) {
		err_set(e, 403, "forbidden", NULL, "只有竞赛的主办方可以公示成绩",
			"only the competition's organiser publishes results");
		return NULL;
	}
	struct publish_ctx c = {&ev, ""};
	if (svc_tx(d, a, publish_work, &c, e) != 0)
		return NULL;
	return cr_results_json(d, a, event_id, false, e);
}

static json_t *team_view(db_stmt *st)
{
	return json_pack("{s:s,s:s,s:I,s:I,s:I,s:I,s:I}", "unit_name", db_text(st, 0), "unit_region",
			 db_text(st, 1), "contestants", (json_int_t)db_int(st, 2), "gold",
			 (json_int_t)db_int(st, 3), "silver", (json_int_t)db_int(st, 4), "bronze",
			 (json_int_t)db_int(st, 5), "excellence", (json_int_t)db_int(st, 6));
}

json_t *cr_team_results_json(db *d, const principal *a, int64_t competition_id, bool pub, err *e)
{
	if (!pub && cm_competition_organiser(d, a, competition_id, e) != 0)
		return NULL;
	if (pub) {
		int64_t n = 0;
		if (db_one_int(d, "SELECT COUNT(*) FROM competitions WHERE id = $1 AND published = 1",
			       DB_ARGS(DV_I(competition_id)), &n, e) != DB_OK)
			return NULL;
		if (!n) {
			err_set(e, 404, "not_found", NULL, "竞赛不存在", "no such competition");
			return NULL;
		}
	}
	db_stmt *st = db_query(
		d,
		"SELECT n.unit_name, n.unit_region, COUNT(*), SUM(CASE WHEN r.medal = 'gold' THEN 1 ELSE 0 "
		"END) AS g, "
		"SUM(CASE WHEN r.medal = 'silver' THEN 1 ELSE 0 END) AS s, SUM(CASE WHEN r.medal = 'bronze' "
		"THEN 1 "
		"ELSE 0 END) AS b, SUM(CASE WHEN r.medal = 'excellence' THEN 1 ELSE 0 END) AS x FROM "
		"competition_results r JOIN competition_entries n ON n.id = r.entry_id JOIN "
		"competition_marking m ON "
		"m.event_id = r.event_id JOIN competition_events v ON v.id = r.event_id WHERE "
		"v.competition_id = $1 "
		"AND (m.status = 'published' OR ($2 = 0 AND m.status = 'computed')) GROUP BY n.unit_name, "
		"n.unit_region ORDER BY g DESC, s DESC, b DESC, x DESC, n.unit_name",
		DB_ARGS(DV_I(competition_id), DV_I(pub)), e);
	json_t *items = rows_json(st, team_view, e);
	return items ? json_pack("{s:I,s:o}", "competition_id", (json_int_t)competition_id, "items", items)
		     : NULL;
}
