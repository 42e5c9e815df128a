/* assess.c: 定期评估 — the indicator system as versioned data, a run that measures and grades every
 * institution of a region over a period, its rows and funnel, and publishing (see assess.h) */
#include "util/common.h"
#include "svc/supervision/assess.h"
#include "core/date.h"
#include "core/ladder.h"
#include "core/scope.h"
#include "psy/psy.h"
#include "store/query.h"
#include "svc/base/scope.h"
#include "svc/base/svc.h"
#include "svc/base/tx.h"
#include "svc/registry/institutions.h"
#include "svc/supervision/credit.h"
#include "util/arena.h"
#include <math.h>

const char *const assess_codes[ASSESS_INDICATORS] = {"pass_rate",  "volume_spike", "collusion",
						     "severity",   "archive",	   "inspection",
						     "complaints", "satisfaction"};
enum { I_PASS, I_VOLUME, I_COLLUSION, I_SEVERITY, I_ARCHIVE, I_INSPECTION, I_COMPLAINTS, I_SATISFACTION };

static int code_index(const char *code)
{
	for (int k = 0; code && k < ASSESS_INDICATORS; k++)
		if (!strcmp(assess_codes[k], code))
			return k;
	return -1;
}

/* ---- the indicator system ---- */

struct system {
	int64_t version, widen_min, history_periods;
	struct assess_bands bands;
	struct assess_indicator ind[ASSESS_INDICATORS]; /* in assess_codes order */
	char name[ASSESS_INDICATORS][128];
	char source[ASSESS_INDICATORS][256];
	char vsource[512];
};

static int load_system(db *d, int64_t version, struct system *s, err *e)
{
	memset(s, 0, sizeof *s);
	db_stmt *st =
		db_query(d,
			 "SELECT version, excellent_min, pass_min, inner_cover, outer_cover, widen_min, "
			 "history_periods, source FROM assess_versions WHERE version = CASE WHEN $1 > 0 "
			 "THEN $1 ELSE (SELECT MAX(version) FROM assess_versions) END",
			 DB_ARGS(DV_I(version)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		s->version = db_int(st, 0);
		s->bands = (struct assess_bands){db_double(st, 1), db_double(st, 2), db_double(st, 3),
						 db_double(st, 4), (double)db_int(st, 5)};
		s->widen_min = db_int(st, 5);
		s->history_periods = db_int(st, 6);
		snprintf(s->vsource, sizeof s->vsource, "%s", db_text(st, 7));
	}
	db_done(st);
	if (row < 0)
		return -1;
	if (row == 0)
		return err_set(e, 404, "not_found", "version", "指标体系版本不存在",
			       "no such indicator version");
	st = db_query(
		d,
		"SELECT code, name, weight, rule, full_at, warn_at, partial, min_base, veto, source FROM "
		"assess_indicators WHERE version = $1",
		DB_ARGS(DV_I(s->version)), e);
	if (!st)
		return -1;
	int found = 0;
	while (db_step(st) == DB_ROW) {
		int k = code_index(db_text(st, 0));
		if (k < 0)
			continue;
		found++;
		snprintf(s->name[k], sizeof s->name[k], "%s", db_text(st, 1));
		snprintf(s->source[k], sizeof s->source[k], "%s", db_text(st, 9));
		int rule = assess_rule_parse(db_text(st, 3));
		s->ind[k] = (struct assess_indicator){
			assess_codes[k],  db_double(st, 2),  (enum assess_rule)(rule < 0 ? 0 : rule),
			db_double(st, 4), db_double(st, 5),  db_double(st, 6),
			db_double(st, 7), db_int(st, 8) != 0};
	}
	if (db_finish(st, e) != 0)
		return -1;
	if (found != ASSESS_INDICATORS)
		return err_set(e, 500, "internal", NULL, "指标体系不完整",
			       "the indicator system is incomplete");
	return 0;
}

json_t *assess_system_json(db *d, int64_t version, err *e)
{
	struct system s;
	if (load_system(d, version, &s, e) != 0)
		return NULL;
	json_t *inds = json_array();
	for (int k = 0; k < ASSESS_INDICATORS; k++) {
		const struct assess_indicator *x = &s.ind[k];
		json_array_append_new(inds, json_pack("{s:s,s:s,s:f,s:s,s:f,s:f,s:f,s:f,s:b,s:s}", "code",
						      x->code, "name", s.name[k], "weight", x->weight, "rule",
						      assess_rule_code(x->rule), "full", x->full, "warn",
						      x->warn, "partial", x->partial, "min_base", x->min_base,
						      "veto", x->veto, "source", s.source[k]));
	}
	return json_pack("{s:I,s:f,s:f,s:f,s:f,s:I,s:I,s:s,s:o}", "version", (json_int_t)s.version,
			 "excellent_min", s.bands.excellent_min, "pass_min", s.bands.pass_min, "inner_cover",
			 s.bands.inner_cover, "outer_cover", s.bands.outer_cover, "widen_min",
			 (json_int_t)s.widen_min, "history_periods", (json_int_t)s.history_periods, "source",
			 s.vsource, "indicators", inds);
}

struct put_ctx {
	const struct assess_system_input *in;
	int64_t version;
};

static int put_work(tx *t, void *ctx, err *e)
{
	struct put_ctx *c = ctx;
	const struct assess_system_input *in = c->in;
	if (db_one_int(t->d, "SELECT COALESCE(MAX(version), 0) + 1 FROM assess_versions", NULL, 0,
		       &c->version, e) != DB_OK)
		return -1;
	if (db_run(t->d,
		   "INSERT INTO assess_versions (version, excellent_min, pass_min, inner_cover, outer_cover, "
		   "widen_min, history_periods, source, created_by, created_at) VALUES "
		   "($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)",
		   DB_ARGS(DV_I(c->version), DV_D(in->excellent_min), DV_D(in->pass_min),
			   DV_D(in->inner_cover), DV_D(in->outer_cover), DV_I(in->widen_min),
			   DV_I(in->history_periods), DV_S(in->source ? in->source : ""), DV_I(t->a->user_id),
			   DV_I(now_s())),
		   e) < 0)
		return -1;
	for (size_t k = 0; k < in->n; k++) {
		const struct assess_indicator_input *x = &in->ind[k];
		if (db_run(t->d,
			   "INSERT INTO assess_indicators (version, code, name, weight, rule, full_at, "
			   "warn_at, "
			   "partial, min_base, veto, source, position) VALUES "
			   "($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,"
			   "$12)",
			   DB_ARGS(DV_I(c->version), DV_S(x->code), DV_S(x->name), DV_D(x->weight),
				   DV_S(x->rule), DV_D(x->full), DV_D(x->warn), DV_D(x->partial),
				   DV_D(x->min_base), DV_I(x->veto ? 1 : 0), DV_S(x->source ? x->source : ""),
				   DV_I(code_index(x->code) + 1)),
			   e) < 0)
			return -1;
	}
	json_t *w = json_object();
	for (size_t k = 0; k < in->n; k++)
		json_object_set_new(w, in->ind[k].code, json_real(in->ind[k].weight));
	tx_audit(t, "assessment.indicators", "assessment_version", c->version,
		 json_pack("{s:o,s:f,s:f}", "weights", w, "excellent_min", in->excellent_min, "pass_min",
			   in->pass_min));
	return 0;
}

json_t *assess_system_put(db *d, const principal *a, const struct assess_system_input *in, err *e)
{
	if (a->role != ROLE_PROVINCE_ADMIN) {
		err_set(e, 403, "forbidden", NULL, "只有省级管理员可以修改评估指标体系",
			"only the province edits the indicator system");
		return NULL;
	}
	if (!(in->pass_min >= 0 && in->pass_min <= in->excellent_min && in->excellent_min <= 100)) {
		err_set(e, 422, "invalid_value", "pass_min", "等级分数线应满足 0 ≤ 合格线 ≤ 优秀线 ≤ 100",
			"bands must hold 0 <= pass_min <= excellent_min <= 100");
		return NULL;
	}
	if (!(in->inner_cover >= 0.5 && in->inner_cover < in->outer_cover && in->outer_cover < 1)) {
		err_set(e, 422, "invalid_value", "inner_cover", "控制限覆盖率应满足 0.5 ≤ 内限 < 外限 < 1",
			"coverage must hold 0.5 <= inner_cover < outer_cover < 1");
		return NULL;
	}
	if (in->widen_min < 0 || in->widen_min > 1000000) {
		err_set(e, 422, "invalid_value", "widen_min", "拓宽范围所需人数应在 0 至 1000000 之间",
			"widen_min must be 0..1000000");
		return NULL;
	}
	if (in->history_periods < 1 || in->history_periods > 5) {
		err_set(e, 422, "invalid_value", "history_periods", "历史期数应为 1 至 5",
			"history_periods must be 1..5");
		return NULL;
	}
	if (in->source && check_text(in->source, "source", 500, false, e) != 0)
		return NULL;
	if (in->n != ASSESS_INDICATORS) {
		err_set(e, 422, "invalid_value", "indicators", "应给出全部 %d 个指标",
			"give all %d indicators", ASSESS_INDICATORS);
		return NULL;
	}
	double sum = 0;
	unsigned seen = 0;
	for (size_t k = 0; k < in->n; k++) {
		const struct assess_indicator_input *x = &in->ind[k];
		int i = code_index(x->code);
		if (i < 0 || (seen & (1u << i))) {
			err_set(e, 422, "invalid_value", "indicators", "指标代码未知或重复：%s",
				"unknown or repeated indicator %s", x->code ? x->code : "");
			return NULL;
		}
		seen |= 1u << i;
		int rule = assess_rule_parse(x->rule);
		if (rule < 0 || (rule == ASSESS_FUNNEL) != (i == I_PASS)) {
			err_set(e, 422, "invalid_value", "indicators",
				"指标 %s 的判定规则无效（合格率用 funnel，其余用 higher、lower 或 "
				"abs_lower）",
				"indicator %s: invalid rule (funnel for pass_rate; higher, lower or "
				"abs_lower else)",
				x->code);
			return NULL;
		}
		bool order_ok = rule == ASSESS_HIGHER_BETTER ? x->full >= x->warn
				: rule == ASSESS_FUNNEL	     ? true
							     : x->full <= x->warn;
		if (!(x->weight >= 0 && x->weight <= 100) || !(x->partial >= 0 && x->partial <= 1) ||
		    !(x->min_base >= 0 && x->min_base <= 1e9) || !isfinite(x->full) || !isfinite(x->warn) ||
		    !order_ok) {
			err_set(e, 422, "invalid_value", "indicators",
				"指标 %s：权重 0-100、预警得分比例 0-1、达标阈值不劣于预警阈值",
				"indicator %s: weight 0..100, partial 0..1, full no worse than warn",
				x->code);
			return NULL;
		}
		if (check_text(x->name, "indicators", 60, true, e) != 0 ||
		    (x->source && check_text(x->source, "indicators", 200, false, e) != 0))
			return NULL;
		sum += x->weight;
	}
	if (fabs(sum - 100.0) > 1e-6) {
		err_set(e, 422, "invalid_value", "indicators", "权重之和应为 100（现为 %g）",
			"weights must sum to 100 (they sum to %g)", sum);
		return NULL;
	}
	struct put_ctx c = {.in = in};
	if (svc_tx(d, a, put_work, &c, e) != 0)
		return NULL;
	return assess_system_json(d, c.version, e);
}

/* ---- who reads which runs ---- */

static void run_where(query *q, const principal *a)
{
	char pat[24];
	switch (a->role) {
	case ROLE_PROVINCE_ADMIN:
		return;
	case ROLE_CITY_ADMIN:
		/* the runs of its region and those of a region holding it (the province's) */
		snprintf(pat, sizeof pat, "%s%%", a->region);
		q_and(q, "(ru.region_prefix LIKE ?", DV_S(pat));
		q_arg(q, " OR ? LIKE ru.region_prefix || '%')", DV_S(a->region));
		return;
	case ROLE_INSTITUTION_ADMIN:
		q_and(q,
		      "(ru.state = 'published' AND EXISTS (SELECT 1 FROM assess_rows x WHERE x.run_id = "
		      "ru.id "
		      "AND x.institution_id = ?))",
		      DV_I(a->institution_id));
		return;
	default:
		q_and(q, "1 = 0", DV_NULL);
	}
}

static int run_list_where(query *w, const principal *a, const char *const *vals, err *e)
{
	UNUSED(vals);
	UNUSED(e);
	run_where(w, a);
	return 0;
}

#define RUN_VIEW_COLS                                                                                        \
	"ru.id, ru.period_from, ru.period_to, ru.region_code, ru.version, ru.state, ru.institutions, "       \
	"ru.notes, ru.created_at, ru.published_at, COALESCE(rg.name, ru.region_code)"
#define RUN_FROM " FROM assess_runs ru LEFT JOIN regions rg ON rg.code = ru.region_code"

static json_t *run_view(db_stmt *st)
{
	json_t *notes = json_loads(db_text(st, 7) ? db_text(st, 7) : "", 0, NULL);
	return json_pack("{s:I,s:s,s:s,s:s,s:s,s:I,s:s,s:s,s:I,s:o,s:I,s:o}", "id", (json_int_t)db_int(st, 0),
			 "period_from", db_text(st, 1), "period_to", db_text(st, 2), "region_code",
			 db_text(st, 3), "region_name", db_text(st, 10), "version", (json_int_t)db_int(st, 4),
			 "state", db_text(st, 5), "state_zh", fsm_state_zh(&assess_run_fsm, db_text(st, 5)),
			 "institutions", (json_int_t)db_int(st, 6), "notes", notes ? notes : json_array(),
			 "created_at", (json_int_t)db_int(st, 8), "published_at",
			 db_isnull(st, 9) ? json_null() : json_integer(db_int(st, 9)));
}

static const struct list_filter run_filters[] = {
	{"state", "ru.state = ?", LIST_EQ, 16, NULL},
	{"period_from", "ru.period_to >= ?", LIST_EQ, 10, NULL},
	{"period_to", "ru.period_from <= ?", LIST_EQ, 10, NULL},
};
static const struct list_sort run_sorts[] = {
	{"created_at", "ru.created_at"},
	{"period", "ru.period_from"},
};

/* an institution administrator is not told how many institutions a run graded */
static int run_list_after(db *d, const principal *a, json_t *items, err *e)
{
	UNUSED(d);
	UNUSED(e);
	size_t k;
	json_t *o;
	if (a->role == ROLE_INSTITUTION_ADMIN)
		json_array_foreach(items, k, o) json_object_set_new(o, "institutions", json_integer(1));
	return 0;
}

const struct list_spec assess_run_list = {
	.name = "assessments",
	.scoped = false,
	.count_sql = "SELECT COUNT(*)" RUN_FROM,
	.select_sql = "SELECT " RUN_VIEW_COLS RUN_FROM,
	.order = "ru.id DESC",
	LIST_FILTERS(run_filters),
	LIST_SORTS(run_sorts),
	.view = run_view,
	.where = run_list_where,
	.after = run_list_after,
};

/* the grade counts of a run's rows the principal may read */
static json_t *run_counts(db *d, const principal *a, int64_t id, err *e)
{
	query q;
	q_init(&q,
	       "SELECT ar.grade, COUNT(*) FROM assess_rows ar JOIN assess_runs ru ON ru.id = ar.run_id JOIN "
	       "institutions i ON i.id = ar.institution_id");
	q_and(&q, "ar.run_id = ?", DV_I(id));
	scope_where(&q, a, SE_ASSESSMENT, SCOPE_READ);
	q_sql(&q, " GROUP BY ar.grade");
	db_stmt *st = q_query(d, &q, e);
	q_free(&q);
	if (!st)
		return NULL;
	json_t *c = json_pack("{s:i,s:i,s:i}", "excellent", 0, "pass", 0, "fail", 0);
	while (db_step(st) == DB_ROW)
		json_object_set_new(c, db_text(st, 0), json_integer(db_int(st, 1)));
	if (db_finish(st, e) != 0) {
		json_decref(c);
		return NULL;
	}
	return c;
}

json_t *assess_run_json(db *d, const principal *a, int64_t id, err *e)
{
	query q;
	q_init(&q, "SELECT " RUN_VIEW_COLS RUN_FROM);
	q_and(&q, "ru.id = ?", DV_I(id));
	run_where(&q, a);
	db_stmt *st = q_query(d, &q, e);
	q_free(&q);
	int row = st ? db_row(st, e) : -1;
	json_t *o = row == 1 ? run_view(st) : NULL;
	db_done(st);
	if (row == 0)
		err_set(e, 404, "not_found", NULL, "评估不存在", "no such assessment");
	if (!o)
		return NULL;
	json_t *c = run_counts(d, a, id, e);
	if (!c) {
		json_decref(o);
		return NULL;
	}
	if (a->role == ROLE_INSTITUTION_ADMIN)
		json_object_set_new(o, "institutions", json_integer(1));
	json_object_set_new(o, "counts", c);
	return o;
}

/* ---- measuring ---- */

struct cell {
	const char *occ; /* arena */
	int64_t level, inst, n, passed, n_hist;
	int zone;
};

struct inst {
	int64_t id;
	char region[16];
	int64_t n, n_hist, cells_from, ncells;
	int worst;	   /* the worst funnel zone by |zone| (ties: below first) */
	int64_t collusion; /* confirmed pairs */
	int64_t plans_done, archived;
	int64_t inspections, nonconform[6]; /* by problem class, [0] unclassified */
	int64_t upheld;
	int64_t sat_responses, sat_ratings, sat_sum;
	double sev_sum;
	int64_t sev_n;
	int64_t eo_total, eo_employed, eo_within; /* 就业去向 of the period (shown, not scored) */
	struct assess_obs obs[ASSESS_INDICATORS];
	struct assess_mark mark[ASSESS_INDICATORS];
	double score;
	bool veto;
	enum assess_grade grade;
	enum assess_decision decision;
};

struct peer {
	const char *occ;
	int64_t level, n, passed;
};

struct run {
	arena *ar;
	struct system sys;
	char from[11], to[11], hist_from[11], region[16], prefix[13];
	int64_t ninst;
	struct inst *inst; /* sorted by id */
	struct cell *cells;
	size_t ncells, capcells;
	struct peer *peers;
	size_t npeers, cappeers;
	json_t *notes;
	int64_t id; /* after the write */
};

static int inst_cmp(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = ((const struct inst *)b)->id;
	return x < y ? -1 : x > y;
}

static struct inst *find_inst(struct run *r, int64_t id)
{
	/* no institutions: no array (bsearch and qsort take no NULL, even for 0 elements) */
	return r->ninst ? bsearch(&id, r->inst, (size_t)r->ninst, sizeof *r->inst, inst_cmp) : NULL;
}

static int peer_cmp(const void *a, const void *b)
{
	const struct peer *x = a, *y = b;
	int c = strcmp(x->occ, y->occ);
	return c ? c : (x->level > y->level) - (x->level < y->level);
}

static struct peer *find_peer(struct run *r, const char *occ, int64_t level)
{
	struct peer k = {occ, level, 0, 0};
	return r->npeers ? bsearch(&k, r->peers, r->npeers, sizeof *r->peers, peer_cmp) : NULL;
}

static void *grow(arena *ar, void *p, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return p;
	size_t nc = *cap ? *cap * 2 : 256;
	void *q = arena_array(ar, nc, size);
	if (q && p)
		memcpy(q, p, *cap * size);
	*cap = nc;
	return q;
}

static int load_institutions(db *d, struct run *r, err *e)
{
	char pat[24];
	snprintf(pat, sizeof pat, "%s%%", r->prefix);
	if (db_one_int(
		    d,
		    "SELECT COUNT(*) FROM institutions WHERE region_code LIKE $1 AND status <> 'exited' AND "
		    "type <> 'training'",
		    DB_ARGS(DV_S(pat)), &r->ninst, e) != DB_OK)
		return -1;
	r->inst = arena_array(r->ar, (size_t)r->ninst + 1, sizeof *r->inst);
	db_stmt *st =
		db_query(d,
			 "SELECT id, region_code FROM institutions WHERE region_code LIKE $1 AND status <> "
			 "'exited' AND type <> 'training' ORDER BY id",
			 DB_ARGS(DV_S(pat)), e);
	if (!st)
		return -1;
	int64_t k = 0;
	while (k < r->ninst && db_step(st) == DB_ROW) {
		r->inst[k].id = db_int(st, 0);
		snprintf(r->inst[k].region, sizeof r->inst[k].region, "%s", db_text(st, 1));
		k++;
	}
	if (db_finish(st, e) != 0)
		return -1;
	r->ninst = k;
	return 0;
}

/* the one scan over the results: every institution's cells (the province's, for the peers), this period and
 * the history before it */
static int load_results(db *d, struct run *r, err *e)
{
	db_stmt *st =
		db_query(d,
			 "SELECT institution_id, occupation_code, level, "
			 "CAST(SUM(CASE WHEN exam_date >= $2 THEN 1 ELSE 0 END) AS BIGINT), "
			 "CAST(SUM(CASE WHEN exam_date >= $2 AND passed <> 0 THEN 1 ELSE 0 END) AS BIGINT), "
			 "CAST(SUM(CASE WHEN exam_date < $2 THEN 1 ELSE 0 END) AS BIGINT) FROM results WHERE "
			 "exam_date >= "
			 "$1 AND exam_date <= $3 GROUP BY institution_id, occupation_code, level "
			 "ORDER BY institution_id, occupation_code, level",
			 DB_ARGS(DV_S(r->hist_from), DV_S(r->from), DV_S(r->to)), e);
	if (!st)
		return -1;
	while (db_step(st) == DB_ROW) {
		int64_t inst = db_int(st, 0), n = db_int(st, 3), passed = db_int(st, 4), hist = db_int(st, 5);
		const char *occ = db_text(st, 1);
		int64_t level = db_int(st, 2);
		struct inst *in = find_inst(r, inst);
		if (in)
			in->n_hist += hist;
		if (!n)
			continue;
		/* the peers: every institution's candidates of the period, merged once the scan is over */
		r->peers = grow(r->ar, r->peers, &r->cappeers, r->npeers, sizeof *r->peers);
		if (!r->peers)
			goto oom;
		struct peer *p = &r->peers[r->npeers++];
		*p = (struct peer){arena_strdup(r->ar, occ), level, 0, 0};
		p->n += n;
		p->passed += passed;
		if (!in)
			continue;
		r->cells = grow(r->ar, r->cells, &r->capcells, r->ncells, sizeof *r->cells);
		if (!r->cells)
			goto oom;
		struct cell *c = &r->cells[r->ncells];
		*c = (struct cell){arena_strdup(r->ar, occ), level, inst, n, passed, hist, 0};
		if (!in->ncells)
			in->cells_from = (int64_t)r->ncells;
		in->ncells++;
		in->n += n;
		r->ncells++;
	}
	if (db_finish(st, e) != 0)
		return -1;
	if (r->npeers)
		qsort(r->peers, r->npeers, sizeof *r->peers, peer_cmp);
	size_t m = 0;
	for (size_t k = 0; k < r->npeers; k++) {
		if (m && !peer_cmp(&r->peers[m - 1], &r->peers[k])) {
			r->peers[m - 1].n += r->peers[k].n;
			r->peers[m - 1].passed += r->peers[k].passed;
		} else
			r->peers[m++] = r->peers[k];
	}
	r->npeers = m;
	return 0;
oom:
	db_done(st);
	return err_set(e, 500, "internal", NULL, "内存不足", "out of memory");
}

/* one per-institution aggregate of the period: runs `sql` (its first column the institution) and hands each
 * row of an institution of the run to `fill` */
static int per_inst(db *d, struct run *r, const char *sql, const char *from, const char *to,
		    void (*fill)(struct inst *, db_stmt *), err *e)
{
	db_stmt *st = db_query(d, sql, DB_ARGS(DV_S(from), DV_S(to)), e);
	if (!st)
		return -1;
	while (db_step(st) == DB_ROW) {
		struct inst *in = find_inst(r, db_int(st, 0));
		if (in)
			fill(in, st);
	}
	return db_finish(st, e);
}

static void fill_collusion(struct inst *in, db_stmt *st)
{
	in->collusion = db_int(st, 1);
}
static void fill_archive(struct inst *in, db_stmt *st)
{
	in->plans_done = db_int(st, 1);
	in->archived = db_int(st, 2);
}
static void fill_inspections(struct inst *in, db_stmt *st)
{
	in->inspections = db_int(st, 1);
}
static void fill_nonconform(struct inst *in, db_stmt *st)
{
	int64_t cls = db_int(st, 1);
	if (cls >= 0 && cls <= 5)
		in->nonconform[cls] += db_int(st, 2);
}
static void fill_upheld(struct inst *in, db_stmt *st)
{
	in->upheld = db_int(st, 1);
}
static void fill_employment(struct inst *in, db_stmt *st)
{
	in->eo_total = db_int(st, 1);
	in->eo_employed = db_int(st, 2);
	in->eo_within = db_int(st, 3);
}
static void fill_satisfaction(struct inst *in, db_stmt *st)
{
	in->sat_responses = db_int(st, 1);
	in->sat_ratings = db_int(st, 2);
	in->sat_sum = db_int(st, 3);
}

/* signed inspections of the period's sittings (a corrected one counts through its correction) */
#define LIVE_INSPECTION                                                                                      \
	"ins.status = 'signed' AND NOT EXISTS (SELECT 1 FROM inspections c WHERE c.corrects_id = ins.id "    \
	"AND c.status = 'signed') AND p.exam_date >= $1 AND p.exam_date <= $2"

static int load_counts(db *d, struct run *r, err *e)
{
	/* the satisfaction surveys are by month: the period's months */
	char mfrom[8], mto[8];
	snprintf(mfrom, sizeof mfrom, "%.7s", r->from);
	snprintf(mto, sizeof mto, "%.7s", r->to);
	/* confirmed 雷同卷 pairs of the period's plans */
	if (per_inst(d, r,
		     "SELECT p.institution_id, COUNT(*) FROM collusion_flags f JOIN sittings s ON s.id = "
		     "f.sitting_id JOIN plans p ON p.id = s.plan_id WHERE f.status = 'confirmed' AND "
		     "p.exam_date >= $1 AND p.exam_date <= $2 GROUP BY p.institution_id",
		     r->from, r->to, fill_collusion, e) != 0 ||
	    /* archive: of the period's plans whose evaluation is over (certified or archived), the archived
	     */
	    per_inst(d, r,
		     "SELECT institution_id, COUNT(*), CAST(SUM(CASE WHEN status = 'archived' THEN 1 ELSE 0 "
		     "END) "
		     "AS BIGINT) FROM plans WHERE exam_date >= $1 AND exam_date <= $2 AND status IN "
		     "('certified', 'archived') GROUP BY institution_id",
		     r->from, r->to, fill_archive, e) != 0 ||
	    per_inst(d, r,
		     "SELECT p.institution_id, COUNT(*) FROM inspections ins JOIN sittings s ON s.id = "
		     "ins.sitting_id JOIN plans p ON p.id = s.plan_id WHERE " LIVE_INSPECTION
		     " GROUP BY p.institution_id",
		     r->from, r->to, fill_inspections, e) != 0 ||
	    per_inst(d, r,
		     "SELECT p.institution_id, COALESCE(ci.problem_class, 0), COUNT(*) FROM inspection_marks "
		     "m "
		     "JOIN inspections ins ON ins.id = m.inspection_id JOIN check_items ci ON ci.id = "
		     "m.item_id "
		     "JOIN sittings s ON s.id = ins.sitting_id JOIN plans p ON p.id = s.plan_id WHERE "
		     "m.result = 'nonconform' AND " LIVE_INSPECTION
		     " GROUP BY p.institution_id, COALESCE(ci.problem_class, 0)",
		     r->from, r->to, fill_nonconform, e) != 0 ||
	    /* complaints decided as upheld (查实) in the period */
	    per_inst(d, r,
		     "SELECT institution_id, COUNT(*) FROM complaints WHERE outcome = 'upheld' AND "
		     "institution_id IS NOT NULL AND decided_on >= $1 AND decided_on <= $2 GROUP BY "
		     "institution_id",
		     r->from, r->to, fill_upheld, e) != 0 ||
	    /* 就业去向 (svc/cultivation/jobs.c) of the certificates the institution issued, the classes it
	     * ran and the apprenticeships it trained whose reference date lies in the period */
	    per_inst(d, r,
		     "SELECT institution_id, COUNT(*), CAST(SUM(employed) AS BIGINT), CAST(SUM(within_6m) AS "
		     "BIGINT) FROM employment_outcomes WHERE institution_id IS NOT NULL AND ref_on >= $1 AND "
		     "ref_on <= $2 GROUP BY institution_id",
		     r->from, r->to, fill_employment, e) != 0)
		return -1;
	/* satisfaction: the ratings of the responses of the period's months */
	return per_inst(
		d, r,
		"SELECT sr.institution_id, COUNT(DISTINCT sr.id), COUNT(*), CAST(SUM(sq.rating) AS BIGINT) "
		"FROM survey_responses sr JOIN survey_ratings sq ON sq.response_id = sr.id WHERE "
		"sr.period >= $1 AND sr.period <= $2 GROUP BY sr.institution_id",
		mfrom, mto, fill_satisfaction, e);
}

/* ---- examiner severity: the many-facet Rasch model over the period's practical and 综合评审 scores ---- */

struct rating {
	int64_t reg, examiner, crit_key, inst;
	double score;
	uint32_t c, x, k; /* indices: candidate, examiner, criterion */
	int64_t pos;	  /* the criterion's place in its part (practical / review): the facet modelled */
	bool ok;	  /* a criterion with full marks and a score within them */
};
/* a criterion's key and full marks (the key first: sorted and searched by key_cmp) */
struct critmax {
	int64_t key;
	double points;
};

static int key_cmp(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

static size_t uniq(int64_t *v, size_t n)
{
	if (!n)
		return 0;
	qsort(v, n, sizeof *v, key_cmp);
	size_t m = 0;
	for (size_t k = 0; k < n; k++)
		if (!m || v[m - 1] != v[k])
			v[m++] = v[k];
	return m;
}

static uint32_t index_of(const int64_t *v, size_t n, int64_t x)
{
	const int64_t *p = n ? bsearch(&x, v, n, sizeof *v, key_cmp) : NULL;
	return p ? (uint32_t)(p - v) : 0;
}

static size_t uf_find(size_t *p, size_t x)
{
	while (p[x] != x)
		x = p[x] = p[p[x]];
	return x;
}

#define CRIT_KEY(kind, plan, crit) (((plan)*64 + (crit)) * 2 + (kind))
#define SEVERITY_MIN_OBS	   20 /* a connected subset with fewer ratings is not estimated */

static int load_severity(db *d, struct run *r, err *e)
{
	/* full marks per criterion from the setups of the period's plans */
	struct critmax *mx = NULL;
	size_t nmax = 0, capmax = 0;
	db_stmt *st =
		db_query(d,
			 "SELECT 0, s.plan_id, s.criteria FROM practical_setups s JOIN plans p ON p.id = "
			 "s.plan_id WHERE p.exam_date >= $1 AND p.exam_date <= $2 UNION ALL SELECT 1, "
			 "s.plan_id, s.criteria FROM review_setups s JOIN plans p ON p.id = s.plan_id WHERE "
			 "p.exam_date >= $1 AND p.exam_date <= $2",
			 DB_ARGS(DV_S(r->from), DV_S(r->to)), e);
	if (!st)
		return -1;
	while (db_step(st) == DB_ROW) {
		json_t *cr = json_loads(db_text(st, 2) ? db_text(st, 2) : "", 0, NULL);
		size_t k;
		json_t *x;
		json_array_foreach(cr, k, x)
		{
			if (k >= 64)
				break;
			mx = grow(r->ar, mx, &capmax, nmax, sizeof *mx);
			if (!mx) {
				json_decref(cr);
				db_done(st);
				return err_set(e, 500, "internal", NULL, "内存不足", "out of memory");
			}
			mx[nmax++] = (struct critmax){CRIT_KEY(db_int(st, 0), db_int(st, 1), (int64_t)k),
						      json_number_value(json_object_get(x, "points"))};
		}
		json_decref(cr);
	}
	if (db_finish(st, e) != 0)
		return -1;
	/* the ratings */
	struct rating *rt = NULL;
	size_t n = 0, cap = 0;
	st = db_query(
		d,
		"SELECT 0, ps.plan_id, ps.registration_id, ps.examiner_id, ps.criterion, ps.score, "
		"p.institution_id FROM practical_scores ps JOIN plans p ON p.id = ps.plan_id WHERE "
		"p.exam_date >= $1 AND p.exam_date <= $2 UNION ALL SELECT 1, rs.plan_id, rs.registration_id, "
		"rs.examiner_id, rs.criterion, rs.score, p.institution_id FROM review_scores rs JOIN plans p "
		"ON p.id = rs.plan_id WHERE p.exam_date >= $1 AND p.exam_date <= $2",
		DB_ARGS(DV_S(r->from), DV_S(r->to)), e);
	if (!st)
		return -1;
	while (db_step(st) == DB_ROW) {
		int64_t crit = db_int(st, 4);
		if (crit < 0 || crit >= 64)
			continue;
		rt = grow(r->ar, rt, &cap, n, sizeof *rt);
		if (!rt) {
			db_done(st);
			return err_set(e, 500, "internal", NULL, "内存不足", "out of memory");
		}
		rt[n++] = (struct rating){db_int(st, 2),
					  db_int(st, 3),
					  CRIT_KEY(db_int(st, 0), db_int(st, 1), crit),
					  db_int(st, 6),
					  db_double(st, 5),
					  0,
					  0,
					  0,
					  db_int(st, 0) * 64 + crit,
					  false};
	}
	if (db_finish(st, e) != 0)
		return -1;
	if (!n)
		return 0;
	/* dense indices per facet */
	int64_t *cands = arena_array(r->ar, n, sizeof *cands), *exams = arena_array(r->ar, n, sizeof *exams),
		*crits = arena_array(r->ar, n, sizeof *crits);
	if (!cands || !exams || !crits)
		return err_set(e, 500, "internal", NULL, "内存不足", "out of memory");
	for (size_t k = 0; k < n; k++) {
		cands[k] = rt[k].reg;
		exams[k] = rt[k].examiner;
		crits[k] = rt[k].crit_key;
	}
	size_t nc = uniq(cands, n), nx = uniq(exams, n), nk = uniq(crits, n);
	/* full marks of each criterion in index order (0: no setup, not modelled) */
	if (nmax)
		qsort(mx, nmax, sizeof *mx, key_cmp);
	double *maxp = arena_array(r->ar, nk + 1, sizeof *maxp);
	if (!maxp)
		return err_set(e, 500, "internal", NULL, "内存不足", "out of memory");
	for (size_t k = 0; k < nk; k++) {
		const struct critmax *m = nmax ? bsearch(&crits[k], mx, nmax, sizeof *mx, key_cmp) : NULL;
		maxp[k] = m ? m->points : 0;
	}
	/* Every plan has criteria of its own and candidates of its own, so with the plan's criteria as the
	 * facet each plan would be a frame apart (its candidates' abilities and its criteria's difficulties
	 * shift together): the examiners who serve several plans could not be compared. The facet modelled is
	 * therefore the criterion's place in its part (practical 1st, 2nd, ... / review 1st, ...) and every
	 * score is put on one 0..10 scale (10 × score / the criterion's full marks, rounded): the plans' own
	 * difficulty goes into their candidates' abilities, and the examiners are linked through the plans
	 * they share. */
	for (size_t k = 0; k < n; k++) {
		uint32_t ci = index_of(crits, nk, rt[k].crit_key);
		rt[k].ok = maxp[ci] > 0 && rt[k].score >= 0 && rt[k].score <= maxp[ci];
		if (rt[k].ok)
			rt[k].score = round(10.0 * rt[k].score / maxp[ci]);
		crits[k] = rt[k].pos;
	}
	nk = uniq(crits, n);
	for (size_t k = 0; k < nk; k++)
		maxp[k] = 10.0;
	/* connected subsets: candidates, examiners and criteria joined by each rating */
	size_t *par = arena_array(r->ar, nc + nx + nk, sizeof *par);
	for (size_t k = 0; k < nc + nx + nk; k++)
		par[k] = k;
	size_t kept = 0;
	for (size_t k = 0; k < n; k++) {
		rt[k].c = index_of(cands, nc, rt[k].reg);
		rt[k].x = index_of(exams, nx, rt[k].examiner);
		rt[k].k = index_of(crits, nk, rt[k].pos);
		if (!rt[k].ok)
			continue; /* a criterion without setup, or a score outside it: not modelled */
		size_t a = uf_find(par, rt[k].c), b = uf_find(par, nc + rt[k].x),
		       c = uf_find(par, nc + nx + rt[k].k);
		par[b] = a;
		par[c] = uf_find(par, a);
		kept++;
	}
	/* each subset with enough ratings is estimated on its own (its severities centred within it) */
	size_t *root = arena_array(r->ar, n, sizeof *root);
	bool *done = arena_array(r->ar, nc + nx + nk, sizeof *done);
	uint32_t *cc = arena_array(r->ar, n, sizeof *cc), *cx = arena_array(r->ar, n, sizeof *cx),
		 *ck = arena_array(r->ar, n, sizeof *ck);
	double *cs = arena_array(r->ar, n, sizeof *cs);
	uint32_t *mapc = arena_array(r->ar, nc, sizeof *mapc), *mapx = arena_array(r->ar, nx, sizeof *mapx),
		 *mapk = arena_array(r->ar, nk, sizeof *mapk);
	double *cmax = arena_array(r->ar, nk, sizeof *cmax);
	size_t *obs = arena_array(r->ar, n, sizeof *obs);
	if (!root || !done || !cc || !cx || !ck || !cs || !mapc || !mapx || !mapk || !cmax || !obs)
		return err_set(e, 500, "internal", NULL, "内存不足", "out of memory");
	for (size_t k = 0; k < n; k++)
		root[k] = rt[k].ok ? uf_find(par, rt[k].c) : (size_t)-1;
	size_t subsets = 0, estimated = 0;
	for (size_t k0 = 0; k0 < n; k0++) {
		size_t g = root[k0];
		if (g == (size_t)-1 || done[g])
			continue;
		done[g] = true;
		subsets++;
		memset(mapc, 0xff, nc * sizeof *mapc);
		memset(mapx, 0xff, nx * sizeof *mapx);
		memset(mapk, 0xff, nk * sizeof *mapk);
		uint32_t nc1 = 0, nx1 = 0, nk1 = 0;
		size_t m = 0;
		for (size_t k = k0; k < n; k++) {
			if (root[k] != g)
				continue;
			if (mapc[rt[k].c] == UINT32_MAX)
				mapc[rt[k].c] = nc1++;
			if (mapx[rt[k].x] == UINT32_MAX)
				mapx[rt[k].x] = nx1++;
			if (mapk[rt[k].k] == UINT32_MAX) {
				cmax[nk1] = maxp[rt[k].k];
				mapk[rt[k].k] = nk1++;
			}
			cc[m] = mapc[rt[k].c];
			cx[m] = mapx[rt[k].x];
			ck[m] = mapk[rt[k].k];
			cs[m] = rt[k].score;
			obs[m++] = k;
		}
		if (m < SEVERITY_MIN_OBS || nx1 < 2)
			continue;
		psy_mfrm_data md = {m, nc1, nx1, nk1, cc, cx, ck, cs, cmax};
		psy_mfrm_opts mo = {0};
		psy_mfrm_result res;
		arena *pa = arena_new();
		err pe = {0};
		if (!pa)
			return err_set(e, 500, "internal", NULL, "内存不足", "out of memory");
		if (psy_mfrm(&md, &mo, &res, pa, &pe) != 0) {
			json_array_append_new(r->notes, json_pack("{s:s,s:I,s:I,s:s,s:s}", "indicator",
								  "severity", "ratings", (json_int_t)m,
								  "examiners", (json_int_t)nx1, "code",
								  pe.code ? pe.code : "", "message", pe.zh));
			arena_free(pa);
			continue;
		}
		estimated++;
		for (size_t j = 0; j < m; j++) {
			double sev = res.exam[cx[j]].measure;
			struct inst *in = find_inst(r, rt[obs[j]].inst);
			if (in && isfinite(sev)) {
				in->sev_sum += sev;
				in->sev_n++;
			}
		}
		arena_free(pa);
	}
	json_array_append_new(r->notes,
			      json_pack("{s:s,s:I,s:I,s:I,s:I}", "indicator", "severity", "ratings",
					(json_int_t)kept, "subsets", (json_int_t)subsets, "estimated",
					(json_int_t)estimated, "min_ratings", (json_int_t)SEVERITY_MIN_OBS));
	return 0;
}

/* ---- judging and explaining ---- */

static double round2(double x)
{
	return round(x * 100.0) / 100.0;
}

static const char *level_zh(int64_t level)
{
	return level == 0 ? "专项" : ladder_grade_label((int)level); /* core/ladder.h */
}

/* 就业去向 (issue 23 item 6): shown in every row as an indicator with its figure, weight 0 and status
 * `info` (参考，不计分): the seeds name employment among the chain's aims (seed 001
 * "岗位需求+技能培训+评价认证+ 就业服务") but give the assessment no weight or threshold for it [GAP]; it
 * changes neither score nor grade */
static json_t *employment_shown(const struct inst *in)
{
	char ref[160], why[240];
	snprintf(ref, sizeof ref, "就业去向登记 %lld 人，已就业 %lld 人，6 个月内就业 %lld 人",
		 (long long)in->eo_total, (long long)in->eo_employed, (long long)in->eo_within);
	if (in->eo_total)
		snprintf(why, sizeof why, "6 个月内就业率 %.1f%%（%lld / %lld）：参考指标，不计分",
			 100.0 * (double)in->eo_within / (double)in->eo_total, (long long)in->eo_within,
			 (long long)in->eo_total);
	else
		snprintf(why, sizeof why, "本期无就业去向登记：参考指标，不计分");
	return json_pack("{s:s,s:s,s:f,s:s,s:f,s:f,s:b,s:f,s:s,s:s,s:f,s:o,s:f,s:s,s:s,s:{s:I,s:I,s:I}}",
			 "code", "employment", "name", "就业去向（6个月内就业率）", "weight", 0.0, "rule",
			 "info", "full", 0.0, "warn", 0.0, "veto", false, "min_base", 0.0, "status", "info",
			 "status_zh", "参考（不计分）", "points", 0.0, "value",
			 in->eo_total ? json_real(round2((double)in->eo_within / (double)in->eo_total))
				      : json_null(),
			 "base", (double)in->eo_total, "reference", ref, "why", why, "employment", "total",
			 (json_int_t)in->eo_total, "employed", (json_int_t)in->eo_employed, "within_6m",
			 (json_int_t)in->eo_within);
}

static json_t *explain(struct run *r, struct inst *in)
{
	const struct system *s = &r->sys;
	json_t *list = json_array();
	for (int k = 0; k < ASSESS_INDICATORS; k++) {
		const struct assess_indicator *x = &s->ind[k];
		const struct assess_obs *o = &in->obs[k];
		const struct assess_mark *m = &in->mark[k];
		json_t *j =
			json_pack("{s:s,s:s,s:f,s:s,s:f,s:f,s:b,s:f,s:s,s:s,s:f}", "code", x->code, "name",
				  s->name[k], "weight", x->weight, "rule", assess_rule_code(x->rule), "full",
				  x->full, "warn", x->warn, "veto", x->veto, "min_base", x->min_base,
				  "status", assess_status_code(m->status), "status_zh",
				  assess_status_zh(m->status), "points", round2(m->points));
		json_object_set_new(j, "value", o->known ? json_real(round2(o->value)) : json_null());
		json_object_set_new(j, "base", json_real(o->base));
		char ref[256] = "", why[512] = "";
		switch (k) {
		case I_PASS: {
			json_t *out = json_array();
			int64_t outside = 0;
			for (int64_t c = 0; c < in->ncells; c++) {
				struct cell *ce = &r->cells[in->cells_from + c];
				if (!ce->zone)
					continue;
				struct peer *p = find_peer(r, ce->occ, ce->level);
				double pr = p && p->n ? (double)p->passed / (double)p->n : 0, lo1, hi1, lo2,
				       hi2;
				assess_funnel_limits(ce->n, pr, s->bands.inner_cover, &lo1, &hi1);
				assess_funnel_limits(ce->n, pr, s->bands.outer_cover, &lo2, &hi2);
				outside++;
				json_array_append_new(
					out,
					json_pack("{s:s,s:I,s:I,s:I,s:f,s:f,s:[ff],s:[ff],s:i}",
						  "occupation_code", ce->occ, "level", (json_int_t)ce->level,
						  "candidates", (json_int_t)ce->n, "passed",
						  (json_int_t)ce->passed, "rate",
						  round2(100.0 * (double)ce->passed / (double)ce->n) / 100.0,
						  "peer_rate", round(pr * 10000.0) / 10000.0, "inner",
						  round(lo1 * 10000.0) / 10000.0,
						  round(hi1 * 10000.0) / 10000.0, "outer",
						  round(lo2 * 10000.0) / 10000.0,
						  round(hi2 * 10000.0) / 10000.0, "zone", ce->zone));
			}
			json_object_set_new(j, "outliers", out);
			snprintf(ref, sizeof ref, "同职业同等级全省合格率；%.1f%% 与 %.1f%% 精确二项控制限",
				 100 * s->bands.inner_cover, 100 * s->bands.outer_cover);
			if (!in->ncells)
				snprintf(why, sizeof why, "本期无考生，不适用");
			else if (!outside)
				snprintf(why, sizeof why, "全部 %lld 个职业等级组合均在 %.1f%% 控制限内",
					 (long long)in->ncells, 100 * s->bands.inner_cover);
			else {
				struct cell *w = NULL;
				for (int64_t c = 0; c < in->ncells; c++) {
					struct cell *ce = &r->cells[in->cells_from + c];
					if (ce->zone == in->worst) {
						w = ce;
						break;
					}
				}
				struct peer *p = w ? find_peer(r, w->occ, w->level) : NULL;
				snprintf(why, sizeof why,
					 "%lld 个组合超出 %.1f%% 控制限；最差：%s %s，%lld 人通过 %lld "
					 "人（%.1f%%），同行 "
					 "%.1f%%，%s %.1f%% 控制限",
					 (long long)outside, 100 * s->bands.inner_cover, w ? w->occ : "",
					 w ? level_zh(w->level) : "", (long long)(w ? w->n : 0),
					 (long long)(w ? w->passed : 0),
					 w && w->n ? 100.0 * (double)w->passed / (double)w->n : 0.0,
					 p && p->n ? 100.0 * (double)p->passed / (double)p->n : 0.0,
					 in->worst > 0 ? "高于" : "低于",
					 100 * (abs(in->worst) > 1 ? s->bands.outer_cover
								   : s->bands.inner_cover));
			}
			break;
		}
		case I_VOLUME: {
			double mean = (double)in->n_hist / (double)s->history_periods;
			snprintf(ref, sizeof ref, "前 %lld 期平均 %.1f 人", (long long)s->history_periods,
				 mean);
			if (!o->known)
				snprintf(why, sizeof why, "本期 %lld 人，无历史数据，不适用",
					 (long long)in->n);
			else if (o->base < x->min_base)
				snprintf(why, sizeof why, "本期 %lld 人，少于 %.0f 人不判定",
					 (long long)in->n, x->min_base);
			else
				snprintf(why, sizeof why, "本期 %lld 人，为历史平均的 %.2f 倍",
					 (long long)in->n, o->value);
			break;
		}
		case I_COLLUSION:
			snprintf(ref, sizeof ref, "确认雷同 %lld 对 / %lld 名考生", (long long)in->collusion,
				 (long long)in->n);
			if (!in->n)
				snprintf(why, sizeof why, "本期无考生，不适用");
			else
				snprintf(why, sizeof why, "每百名考生确认雷同 %.2f 对%s", o->value,
					 x->veto && m->status == AS_NONE ? "，一票否决" : "");
			break;
		case I_SEVERITY:
			snprintf(ref, sizeof ref, "多面Rasch模型考评员严厉度（0 为平均，正为偏严）");
			if (!o->known)
				snprintf(why, sizeof why, "无可估计的操作技能/综合评审评分，不适用");
			else if (o->base < x->min_base)
				snprintf(why, sizeof why, "仅 %.0f 条评分，少于 %.0f 条不判定", o->base,
					 x->min_base);
			else
				snprintf(why, sizeof why, "%.0f 条评分的考评员平均严厉度 %+.2f logit（%s）",
					 o->base, o->value,
					 o->value > 0	? "偏严"
					 : o->value < 0 ? "偏松"
							: "居中");
			break;
		case I_ARCHIVE:
			snprintf(ref, sizeof ref, "已归档 %lld / 已结束计划 %lld", (long long)in->archived,
				 (long long)in->plans_done);
			if (!o->known)
				snprintf(why, sizeof why, "本期无已结束的计划，不适用");
			else
				snprintf(why, sizeof why, "档案完整率 %.0f%%", 100 * o->value);
			break;
		case I_INSPECTION: {
			json_t *bc = json_object();
			int64_t total = 0;
			for (int c = 0; c <= 5; c++) {
				char key[16];
				snprintf(key, sizeof key, "%d", c);
				if (in->nonconform[c])
					json_object_set_new(bc, key, json_integer(in->nonconform[c]));
				total += in->nonconform[c];
			}
			json_object_set_new(j, "by_class", bc);
			snprintf(ref, sizeof ref, "已签署检查 %lld 次，不符合项 %lld 个",
				 (long long)in->inspections, (long long)total);
			if (!o->known)
				snprintf(why, sizeof why, "本期未被督导检查，不适用");
			else
				snprintf(why, sizeof why, "每次检查平均不符合项 %.2f 个", o->value);
			break;
		}
		case I_COMPLAINTS:
			snprintf(ref, sizeof ref, "本期查实的投诉举报");
			snprintf(why, sizeof why, "查实 %lld 件", (long long)in->upheld);
			break;
		case I_SATISFACTION:
			snprintf(ref, sizeof ref, "满意度调查 %lld 份答卷", (long long)in->sat_responses);
			if (!o->known)
				snprintf(why, sizeof why, "无满意度答卷，不适用");
			else if (o->base < x->min_base)
				snprintf(why, sizeof why, "仅 %lld 份答卷，少于 %.0f 份不判定",
					 (long long)in->sat_responses, x->min_base);
			else
				snprintf(why, sizeof why, "平均 %.2f 分", o->value);
			break;
		}
		/* the judgement in words */
		size_t wl = strlen(why);
		if (m->status != AS_NA && wl < sizeof why - 80)
			snprintf(why + wl, sizeof why - wl, "：%s，得 %.2f / %.0f 分",
				 assess_status_zh(m->status), m->points, x->weight);
		json_object_set_new(j, "reference", json_string(ref));
		json_object_set_new(j, "why", json_string(why));
		json_array_append_new(list, j);
	}
	json_array_append_new(list, employment_shown(in));
	return list;
}

static void judge(struct run *r)
{
	const struct system *s = &r->sys;
	/* the zones of every assessed cell against its peers */
	for (size_t c = 0; c < r->ncells; c++) {
		struct cell *ce = &r->cells[c];
		struct peer *p = find_peer(r, ce->occ, ce->level);
		double pr = p && p->n ? (double)p->passed / (double)p->n : 0;
		ce->zone =
			assess_funnel_zone(ce->passed, ce->n, pr, s->bands.inner_cover, s->bands.outer_cover);
	}
	for (int64_t i = 0; i < r->ninst; i++) {
		struct inst *in = &r->inst[i];
		in->worst = 0;
		for (int64_t c = 0; c < in->ncells; c++) {
			int z = r->cells[in->cells_from + c].zone;
			if (abs(z) > abs(in->worst) || (abs(z) == abs(in->worst) && z < in->worst))
				in->worst = z;
		}
		double n = (double)in->n;
		in->obs[I_PASS] = (struct assess_obs){(double)in->worst, n, in->n > 0};
		double mean = (double)in->n_hist / (double)s->history_periods;
		in->obs[I_VOLUME] = (struct assess_obs){mean > 0 ? n / mean : 0, n, in->n_hist > 0};
		in->obs[I_COLLUSION] =
			(struct assess_obs){in->n ? 100.0 * (double)in->collusion / n : 0, n, in->n > 0};
		in->obs[I_SEVERITY] = (struct assess_obs){in->sev_n ? in->sev_sum / (double)in->sev_n : 0,
							  (double)in->sev_n, in->sev_n > 0};
		in->obs[I_ARCHIVE] = (struct assess_obs){
			in->plans_done ? (double)in->archived / (double)in->plans_done : 0,
			(double)in->plans_done, in->plans_done > 0};
		int64_t nc = 0;
		for (int c = 0; c <= 5; c++)
			nc += in->nonconform[c];
		in->obs[I_INSPECTION] =
			(struct assess_obs){in->inspections ? (double)nc / (double)in->inspections : 0,
					    (double)in->inspections, in->inspections > 0};
		in->obs[I_COMPLAINTS] = (struct assess_obs){(double)in->upheld, 1, true};
		in->obs[I_SATISFACTION] = (struct assess_obs){
			in->sat_ratings ? (double)in->sat_sum / (double)in->sat_ratings : 0,
			(double)in->sat_responses, in->sat_responses > 0};
		for (int k = 0; k < ASSESS_INDICATORS; k++)
			in->mark[k] = assess_judge(&s->ind[k], &in->obs[k]);
		in->score = assess_score(s->ind, in->mark, ASSESS_INDICATORS, &in->veto);
		in->grade = assess_grade_of(&s->bands, in->score, in->veto);
		in->decision = assess_decision_of(&s->bands, in->grade, n);
	}
}

/* ---- storing a run ---- */

static int run_work(tx *t, void *ctx, err *e)
{
	struct run *r = ctx;
	int64_t counts[3] = {0, 0, 0};
	for (int64_t i = 0; i < r->ninst; i++)
		counts[r->inst[i].grade]++;
	char *notes = json_dumps(r->notes, JSON_COMPACT);
	db_stmt *st = db_query(
		t->d,
		"INSERT INTO assess_runs (period_from, period_to, region_code, region_prefix, version, "
		"state, "
		"institutions, excellent, passed, failed, notes, created_by, created_at) VALUES "
		"($1,$2,$3,$4,$5,'draft',$6,$7,$8,$9,$10,$11,$12) RETURNING id",
		DB_ARGS(DV_S(r->from), DV_S(r->to), DV_S(r->region), DV_S(r->prefix), DV_I(r->sys.version),
			DV_I(r->ninst), DV_I(counts[0]), DV_I(counts[1]), DV_I(counts[2]),
			DV_S(notes ? notes : "[]"), DV_I(t->a->user_id), DV_I(now_s())),
		e);
	free(notes);
	int row = st ? db_row(st, e) : -1;
	r->id = row == 1 ? db_int(st, 0) : 0;
	db_done(st);
	if (!r->id)
		return err_isset(e) ? -1 : ERR_INTERNAL(e, "the run was not stored");
	for (size_t k = 0; k < r->npeers; k++)
		if (db_run(t->d,
			   "INSERT INTO assess_peers (run_id, occupation_code, level, candidates, passed) "
			   "VALUES "
			   "($1,$2,$3,$4,$5)",
			   DB_ARGS(DV_I(r->id), DV_S(r->peers[k].occ), DV_I(r->peers[k].level),
				   DV_I(r->peers[k].n), DV_I(r->peers[k].passed)),
			   e) < 0)
			return -1;
	for (size_t k = 0; k < r->ncells; k++) {
		const struct cell *c = &r->cells[k];
		if (db_run(t->d,
			   "INSERT INTO assess_cells (run_id, institution_id, occupation_code, level, "
			   "candidates, "
			   "passed, zone) VALUES ($1,$2,$3,$4,$5,$6,$7)",
			   DB_ARGS(DV_I(r->id), DV_I(c->inst), DV_S(c->occ), DV_I(c->level), DV_I(c->n),
				   DV_I(c->passed), DV_I(c->zone)),
			   e) < 0)
			return -1;
	}
	for (int64_t i = 0; i < r->ninst; i++) {
		struct inst *in = &r->inst[i];
		json_t *x = explain(r, in);
		char *text = json_dumps(x, JSON_COMPACT);
		json_decref(x);
		if (!text)
			return ERR_INTERNAL(e, "out of memory");
		int64_t rc = db_run(
			t->d,
			"INSERT INTO assess_rows (run_id, institution_id, candidates, score, grade, "
			"grade_rank, veto, decision, explanation) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)",
			DB_ARGS(DV_I(r->id), DV_I(in->id), DV_I(in->n), DV_D(in->score),
				DV_S(assess_grade_code(in->grade)), DV_I((int64_t)in->grade),
				DV_I(in->veto ? 1 : 0), DV_S(assess_decision_code(in->decision)), DV_S(text)),
			e);
		free(text);
		if (rc < 0)
			return -1;
	}
	tx_audit(t, "assessment.run", "assessment", r->id,
		 json_pack("{s:s,s:s,s:s,s:I,s:I,s:{s:I,s:I,s:I}}", "period_from", r->from, "period_to",
			   r->to, "region_code", r->region, "version", (json_int_t)r->sys.version,
			   "institutions", (json_int_t)r->ninst, "counts", "excellent", (json_int_t)counts[0],
			   "pass", (json_int_t)counts[1], "fail", (json_int_t)counts[2]));
	return 0;
}

json_t *assess_run(db *d, const principal *a, const struct assess_run_input *in, err *e)
{
	if (a->role != ROLE_PROVINCE_ADMIN && a->role != ROLE_CITY_ADMIN) {
		err_set(e, 403, "forbidden", NULL, "只有省、市人社部门可以开展定期评估",
			"only the province and the cities run assessments");
		return NULL;
	}
	int f, t;
	if (!in->period_from || date_parse(in->period_from, &f) != 0) {
		err_set(e, 422, "invalid_date", "period_from", "日期格式应为 YYYY-MM-DD",
			"dates are YYYY-MM-DD");
		return NULL;
	}
	if (!in->period_to || date_parse(in->period_to, &t) != 0) {
		err_set(e, 422, "invalid_date", "period_to", "日期格式应为 YYYY-MM-DD",
			"dates are YYYY-MM-DD");
		return NULL;
	}
	long df = date_to_days(f), dt = date_to_days(t);
	if (dt < df || dt - df > 365) {
		err_set(e, 422, "invalid_value", "period_to", "评估期应为 1 至 366 天，且不早于开始日期",
			"the period runs 1..366 days and ends after it starts");
		return NULL;
	}
	struct run *r = calloc(1, sizeof *r);
	json_t *out = NULL;
	if (!r || !(r->ar = arena_new())) {
		free(r);
		err_set(e, 500, "internal", NULL, "内存不足", "out of memory");
		return NULL;
	}
	r->notes = json_array();
	date_format(f, r->from);
	date_format(t, r->to);
	/* the region: the principal's own by default; a city only its own or one below it */
	if (in->region_code && *in->region_code) {
		if (strlen(in->region_code) > 12) {
			err_set(e, 422, "too_long", "region_code", "地区代码过长", "region_code is too long");
			goto done;
		}
		snprintf(r->region, sizeof r->region, "%s", in->region_code);
	} else {
		char pat[24];
		snprintf(pat, sizeof pat, "%s%%", a->region);
		db_stmt *st = db_query(d, "SELECT code FROM regions WHERE code LIKE $1 ORDER BY code LIMIT 1",
				       DB_ARGS(DV_S(pat)), e);
		int row = st ? db_row(st, e) : -1;
		if (row == 1)
			snprintf(r->region, sizeof r->region, "%s", db_text(st, 0));
		db_done(st);
		if (row < 0)
			goto done;
	}
	int64_t known = 0;
	if (db_one_int(d, "SELECT COUNT(*) FROM regions WHERE code = $1", DB_ARGS(DV_S(r->region)), &known,
		       e) != DB_OK)
		goto done;
	if (!known) {
		err_set(e, 422, "invalid_value", "region_code", "地区代码不存在", "unknown region_code");
		goto done;
	}
	region_prefix(r->region, r->prefix);
	if (a->role == ROLE_CITY_ADMIN && strncmp(r->prefix, a->region, strlen(a->region))) {
		err_set(e, 403, "forbidden", "region_code", "只能评估本地区的评价机构",
			"a city assesses the institutions of its own region");
		goto done;
	}
	if (load_system(d, 0, &r->sys, e) != 0)
		goto done;
	date_format(date_from_days(df - (dt - df + 1) * r->sys.history_periods), r->hist_from);
	if (load_institutions(d, r, e) != 0 || load_results(d, r, e) != 0 || load_counts(d, r, e) != 0 ||
	    load_severity(d, r, e) != 0)
		goto done;
	judge(r);
	if (svc_tx(d, a, run_work, r, e) != 0)
		goto done;
	out = assess_run_json(d, a, r->id, e);
done:
	json_decref(r->notes);
	arena_free(r->ar);
	free(r);
	return out;
}

/* ---- rows ---- */

#define ROW_VIEW_COLS                                                                                        \
	"ar.run_id, ar.institution_id, i.name, i.region_code, ar.candidates, ar.score, ar.grade, ar.veto, "  \
	"ar.decision, ar.explanation, ru.state, ru.period_from, ru.period_to, i.status"
#define ROW_FROM                                                                                             \
	" FROM assess_rows ar JOIN assess_runs ru ON ru.id = ar.run_id JOIN institutions i ON i.id = "       \
	"ar.institution_id"

static json_t *row_view(db_stmt *st)
{
	json_t *x = json_loads(db_text(st, 9) ? db_text(st, 9) : "", 0, NULL);
	const char *g = db_text(st, 6), *dcs = db_text(st, 8);
	enum assess_grade gr = !strcmp(g, "excellent") ? AG_EXCELLENT
			       : !strcmp(g, "pass")    ? AG_PASS
						       : AG_FAIL;
	enum assess_decision de = !strcmp(dcs, "widen")	     ? AD_WIDEN
				  : !strcmp(dcs, "continue") ? AD_CONTINUE
							     : AD_EXIT;
	return json_pack("{s:I,s:I,s:s,s:s,s:I,s:f,s:s,s:s,s:b,s:s,s:s,s:o,s:s,s:s,s:s,s:s}", "run_id",
			 (json_int_t)db_int(st, 0), "institution_id", (json_int_t)db_int(st, 1),
			 "institution_name", db_text(st, 2), "region_code", db_text(st, 3), "candidates",
			 (json_int_t)db_int(st, 4), "score", db_double(st, 5), "grade", g, "grade_zh",
			 assess_grade_zh(gr), "veto", db_int(st, 7) != 0, "decision", dcs, "decision_zh",
			 assess_decision_zh(de), "indicators", x ? x : json_array(), "state", db_text(st, 10),
			 "period_from", db_text(st, 11), "period_to", db_text(st, 12), "institution_status",
			 db_text(st, 13));
}

static const struct list_filter row_filters[] = {
	{"run_id", "ar.run_id = ?", LIST_ID, 20, NULL},
	{"grade", "ar.grade = ?", LIST_EQ, 16, NULL},
	{"decision", "ar.decision = ?", LIST_EQ, 16, NULL},
	{"region_code", "i.region_code LIKE ?", LIST_REGION, 12, NULL},
	{"institution_id", "ar.institution_id = ?", LIST_ID, 20, NULL},
	{"name", "i.name LIKE ?", LIST_CONTAINS, 100, NULL},
};
static const struct list_sort row_sorts[] = {
	{"score", "ar.score"},
	{"grade", "ar.grade_rank"},
	{"candidates", "ar.candidates"},
	{"institution", "i.name"},
};
static const struct export_col cols_assess[] = {
	{"institution_id", "机构编号"},
	{"institution_name", "机构名称"},
	{"region_code", "地区"},
	{"candidates", "考生人数"},
	{"score", "得分"},
	{"grade_zh", "等级"},
	{"decision_zh", "评估结论"},
};

const struct list_spec assess_result_list = {
	.name = "assessment_results",
	.scoped = true,
	.entity = SE_ASSESSMENT,
	.count_sql = "SELECT COUNT(*)" ROW_FROM,
	.select_sql = "SELECT " ROW_VIEW_COLS ROW_FROM,
	.order = "ar.run_id DESC, ar.grade_rank DESC, ar.score, ar.institution_id",
	LIST_FILTERS(row_filters),
	LIST_SORTS(row_sorts),
	.view = row_view,
	LIST_COLS(cols_assess),
};

json_t *assess_result_json(db *d, const principal *a, int64_t run_id, int64_t institution_id, err *e)
{
	int64_t id = 0;
	int rc = db_one_int(d, "SELECT id FROM assess_rows WHERE run_id = $1 AND institution_id = $2",
			    DB_ARGS(DV_I(run_id), DV_I(institution_id)), &id, e);
	if (rc != DB_OK && rc != DB_NOT_FOUND)
		return NULL;
	json_t *o = list_one(d, a, &assess_result_list, "ar.id = ?", DV_I(id), "该机构的评估结果不存在",
			     "no such assessment result", e);
	if (!o)
		return NULL;
	/* its funnel cells with the peers and limits */
	struct system s;
	int64_t version = 0;
	if (db_one_int(d, "SELECT version FROM assess_runs WHERE id = $1", DB_ARGS(DV_I(run_id)), &version,
		       e) != DB_OK ||
	    load_system(d, version, &s, e) != 0) {
		json_decref(o);
		return NULL;
	}
	db_stmt *st = db_query(
		d,
		"SELECT c.occupation_code, COALESCE(oc.name, c.occupation_code), c.level, "
		"c.candidates, c.passed, c.zone, p.candidates, p.passed FROM assess_cells c JOIN "
		"assess_peers p ON p.run_id = c.run_id AND p.occupation_code = c.occupation_code AND "
		"p.level = c.level LEFT JOIN occupations oc ON oc.code = c.occupation_code WHERE "
		"c.run_id = $1 AND c.institution_id = $2 ORDER BY c.occupation_code, c.level",
		DB_ARGS(DV_I(run_id), DV_I(institution_id)), e);
	json_t *cells = json_array();
	while (st && db_step(st) == DB_ROW) {
		int64_t n = db_int(st, 3), pn = db_int(st, 6);
		double pr = pn ? (double)db_int(st, 7) / (double)pn : 0, lo1, hi1, lo2, hi2;
		assess_funnel_limits(n, pr, s.bands.inner_cover, &lo1, &hi1);
		assess_funnel_limits(n, pr, s.bands.outer_cover, &lo2, &hi2);
		json_array_append_new(
			cells,
			json_pack("{s:s,s:s,s:I,s:I,s:I,s:f,s:f,s:I,s:[ff],s:[ff],s:i}", "occupation_code",
				  db_text(st, 0), "occupation_name", db_text(st, 1), "level",
				  (json_int_t)db_int(st, 2), "candidates", (json_int_t)n, "passed",
				  (json_int_t)db_int(st, 4), "rate",
				  n ? round(10000.0 * (double)db_int(st, 4) / (double)n) / 10000.0 : 0.0,
				  "peer_rate", round(pr * 10000.0) / 10000.0, "peer_candidates",
				  (json_int_t)pn, "inner", round(lo1 * 10000.0) / 10000.0,
				  round(hi1 * 10000.0) / 10000.0, "outer", round(lo2 * 10000.0) / 10000.0,
				  round(hi2 * 10000.0) / 10000.0, "zone", (int)db_int(st, 5)));
	}
	if (!st || db_finish(st, e) != 0) {
		json_decref(cells);
		json_decref(o);
		return NULL;
	}
	json_object_set_new(o, "cells", cells);
	return o;
}

/* ---- the funnel of one occupation and level ---- */

json_t *assess_funnel_json(db *d, const principal *a, int64_t run_id, const char *occupation_code,
			   int64_t level, err *e)
{
	json_t *run = assess_run_json(d, a, run_id, e);
	if (!run)
		return NULL;
	struct system s;
	json_t *out = NULL, *peers = json_array(), *cell = json_null();
	if (load_system(d, json_integer_value(json_object_get(run, "version")), &s, e) != 0)
		goto done;
	db_stmt *st = db_query(
		d,
		"SELECT p.occupation_code, COALESCE(oc.name, p.occupation_code), p.level, "
		"p.candidates, p.passed FROM assess_peers p LEFT JOIN occupations oc ON oc.code = "
		"p.occupation_code WHERE p.run_id = $1 ORDER BY p.candidates DESC, p.occupation_code, "
		"p.level",
		DB_ARGS(DV_I(run_id)), e);
	int64_t pn = -1, pp = 0;
	char pname[128] = "";
	while (st && db_step(st) == DB_ROW) {
		int64_t n = db_int(st, 3);
		json_array_append_new(
			peers,
			json_pack("{s:s,s:s,s:I,s:I,s:I,s:f}", "occupation_code", db_text(st, 0),
				  "occupation_name", db_text(st, 1), "level", (json_int_t)db_int(st, 2),
				  "candidates", (json_int_t)n, "passed", (json_int_t)db_int(st, 4), "rate",
				  n ? round(10000.0 * (double)db_int(st, 4) / (double)n) / 10000.0 : 0.0));
		if (occupation_code && !strcmp(occupation_code, db_text(st, 0)) && level == db_int(st, 2)) {
			pn = n;
			pp = db_int(st, 4);
			snprintf(pname, sizeof pname, "%s", db_text(st, 1));
		}
	}
	if (!st || db_finish(st, e) != 0)
		goto done;
	if (occupation_code && *occupation_code) {
		if (pn < 0) {
			err_set(e, 404, "not_found", "occupation_code", "本次评估中没有该职业等级的考生",
				"the run has no candidates of that occupation and level");
			goto done;
		}
		double pr = pn ? (double)pp / (double)pn : 0;
		query q;
		q_init(&q,
		       "SELECT c.institution_id, i.name, c.candidates, c.passed, c.zone FROM assess_cells c "
		       "JOIN "
		       "assess_rows ar ON ar.run_id = c.run_id AND ar.institution_id = c.institution_id JOIN "
		       "assess_runs ru ON ru.id = ar.run_id JOIN institutions i ON i.id = c.institution_id");
		q_and(&q, "c.run_id = ?", DV_I(run_id));
		q_and(&q, "c.occupation_code = ?", DV_S(occupation_code));
		q_and(&q, "c.level = ?", DV_I(level));
		scope_where(&q, a, SE_ASSESSMENT, SCOPE_READ);
		q_sql(&q, " ORDER BY c.candidates, c.institution_id");
		st = q_query(d, &q, e);
		q_free(&q);
		json_t *pts = json_array();
		int64_t nmax = 10;
		while (st && db_step(st) == DB_ROW) {
			int64_t n = db_int(st, 2);
			nmax = n > nmax ? n : nmax;
			json_array_append_new(
				pts,
				json_pack("{s:I,s:s,s:I,s:I,s:f,s:i}", "institution_id",
					  (json_int_t)db_int(st, 0), "institution_name", db_text(st, 1),
					  "candidates", (json_int_t)n, "passed", (json_int_t)db_int(st, 3),
					  "rate",
					  n ? round(10000.0 * (double)db_int(st, 3) / (double)n) / 10000.0
					    : 0.0,
					  "zone", (int)db_int(st, 4)));
		}
		if (!st || db_finish(st, e) != 0) {
			json_decref(pts);
			goto done;
		}
		/* the limits as curves: every n up to 30, then 60 steps evenly spaced in log n */
		json_t *curve = json_array();
		int64_t last = 0;
		for (int k = 0; k < 100; k++) {
			int64_t n =
				k < 30 ? k + 1
				       : (int64_t)llround(30.0 * pow((double)(nmax + nmax / 10 + 1) / 30.0,
								     (double)(k - 29) / 70.0));
			if (n <= last)
				continue;
			last = n;
			double lo1, hi1, lo2, hi2;
			assess_funnel_limits(n, pr, s.bands.inner_cover, &lo1, &hi1);
			assess_funnel_limits(n, pr, s.bands.outer_cover, &lo2, &hi2);
			json_array_append_new(curve, json_pack("{s:I,s:f,s:f,s:f,s:f}", "n", (json_int_t)n,
							       "inner_lo", round(lo1 * 10000.0) / 10000.0,
							       "inner_hi", round(hi1 * 10000.0) / 10000.0,
							       "outer_lo", round(lo2 * 10000.0) / 10000.0,
							       "outer_hi", round(hi2 * 10000.0) / 10000.0));
		}
		json_decref(cell);
		cell = json_pack("{s:s,s:s,s:I,s:I,s:I,s:f,s:f,s:f,s:o,s:o}", "occupation_code",
				 occupation_code, "occupation_name", pname, "level", (json_int_t)level,
				 "candidates", (json_int_t)pn, "passed", (json_int_t)pp, "peer_rate",
				 round(pr * 10000.0) / 10000.0, "inner_cover", s.bands.inner_cover,
				 "outer_cover", s.bands.outer_cover, "limits", curve, "points", pts);
	}
	out = json_pack("{s:I,s:O,s:O}", "run_id", (json_int_t)run_id, "peers", peers, "funnel", cell);
done:
	json_decref(peers);
	json_decref(cell);
	json_decref(run);
	return out;
}

/* ---- publishing ---- */

struct pub_ctx {
	int64_t id;
	char period[32];
};

static int publish_work(tx *t, void *ctx, err *e)
{
	struct pub_ctx *c = ctx;
	char state[16] = "", from[11] = "", to[11] = "", region[16] = "";
	/* the run's region row first: two runs of one region published at once take turns, and the second
	 * counts the first (assess_published) */
	if (db_run(t->d,
		   "UPDATE regions SET name = name WHERE code = (SELECT region_code FROM assess_runs WHERE "
		   "id = "
		   "$1)",
		   DB_ARGS(DV_I(c->id)), e) < 0)
		return -1;
	db_stmt *st = db_query(
		t->d, "SELECT state, period_from, period_to, region_code FROM assess_runs WHERE id = $1",
		DB_ARGS(DV_I(c->id)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		snprintf(state, sizeof state, "%s", db_text(st, 0));
		snprintf(from, sizeof from, "%s", db_text(st, 1));
		snprintf(to, sizeof to, "%s", db_text(st, 2));
		snprintf(region, sizeof region, "%s", db_text(st, 3));
	}
	db_done(st);
	if (row < 0)
		return -1;
	if (row == 0)
		return err_set(e, 404, "not_found", NULL, "评估不存在", "no such assessment");
	const struct fsm_transition *tr;
	if (fsm_decide(&assess_run_fsm, state, "published", fsm_acting(t->a, true), NULL, NULL, &tr, e) != 0)
		return -1;
	int64_t other = 0;
	if (db_one_int(t->d,
		       "SELECT COUNT(*) FROM assess_runs WHERE state = 'published' AND period_from = $1 AND "
		       "period_to = $2 AND region_code = $3",
		       DB_ARGS(DV_S(from), DV_S(to), DV_S(region)), &other, e) != DB_OK)
		return -1;
	if (other)
		return err_set(e, 409, "assess_published", NULL, "该地区该评估期已有发布的评估结果",
			       "an assessment of this period and region is already published");
	if (db_run(t->d,
		   "UPDATE assess_runs SET state = 'published', published_by = $2, published_at = $3 WHERE "
		   "id = "
		   "$1 AND state = 'draft'",
		   DB_ARGS(DV_I(c->id), DV_I(t->a->user_id), DV_I(now_s())), e) != 1)
		return err_isset(e) ? -1
				    : err_set(e, 409, "invalid_transition", "state", "评估已发布",
					      "the assessment is already published");
	/* the decisions: an institution graded 不合格 gets the credit archive's event assessment_fail and
	 * exits the catalogue through the status flow */
	json_t *exits = json_array(), *events = json_array();
	tx_audit(t, tr->audit, "assessment", c->id,
		 json_pack("{s:s,s:s,s:s,s:o,s:o}", "period_from", from, "period_to", to, "region_code",
			   region, "exited", exits, "credit_events", events));
	st = db_query(t->d,
		      "SELECT ar.institution_id FROM assess_rows ar JOIN institutions i ON i.id = "
		      "ar.institution_id "
		      "WHERE ar.run_id = $1 AND ar.decision = 'exit' AND i.status <> 'exited' ORDER BY "
		      "ar.institution_id",
		      DB_ARGS(DV_I(c->id)), e);
	if (!st)
		return -1;
	json_t *ids = json_array();
	while (db_step(st) == DB_ROW)
		json_array_append_new(ids, json_integer(db_int(st, 0)));
	if (db_finish(st, e) != 0) {
		json_decref(ids);
		return -1;
	}
	char reason[160], today[11];
	snprintf(reason, sizeof reason, "定期评估不合格（评估 %lld，%s 至 %s），退出评价机构目录",
		 (long long)c->id, from, to);
	date_format(date_today_utc8(), today);
	size_t k;
	json_t *x;
	json_array_foreach(ids, k, x)
	{
		/* the credit archive's event (it blocks new plans for the kind's period) and the exit */
		struct credit_event_input ce = {.subject_type = "institution",
						.subject_id = json_integer_value(x),
						.kind = "assessment_fail",
						.reason = reason,
						.source_type = "assessment",
						.source_id = c->id};
		int64_t event = 0;
		if (credit_record_tx(t, &ce, &event, e) != 0 ||
		    inst_set_status(t->d, t->a, json_integer_value(x), "exited", reason, today, e) != 0) {
			json_decref(ids);
			return -1;
		}
		json_array_append(exits, x);
		json_array_append_new(events, json_integer(event));
	}
	json_decref(ids);
	return 0;
}

json_t *assess_publish(db *d, const principal *a, int64_t run_id, err *e)
{
	/* reading it first: a run out of the principal's reach is not found */
	json_t *run = assess_run_json(d, a, run_id, e);
	if (!run)
		return NULL;
	json_decref(run);
	struct pub_ctx c = {.id = run_id};
	if (svc_tx(d, a, publish_work, &c, e) != 0)
		return NULL;
	return assess_run_json(d, a, run_id, e);
}
