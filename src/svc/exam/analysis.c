/* analysis.c: 试题分析 and 雷同卷 after a sitting is graded. The sitting's submitted papers become a
 * candidates x items matrix over the union of the items given (each candidate has a paper of their own, so
 * cells of items a candidate was not given are "not presented"); psy computes the classical statistics,
 * option discrimination and answer copying; the item review rules of core/item_review flag items; the
 * results are stored per item version and sitting, and flagged pairs wait for a supervisor's review. */
#include "util/common.h"
#include "store/query.h"
#include "svc/exam/analysis.h"
#include "svc/exam/exam.h"
#include "svc/base/tx.h"
#include "svc/exam/view.h"
#include "svc/base/columns.h"
#include "core/item_review.h"
#include "core/paper.h"
#include "psy/psy.h"
#include <math.h>

#define NOPT 8 /* option analyses take up to 8 options (A..H), as papers do */

struct col {
	int64_t item;
	char kind[8];
	char key[9];
	int nopt;
};

struct cand {
	int64_t attempt;
	json_t *paper;
};

static int cmp_i64(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
	return a < b ? -1 : a > b;
}

static json_t *num_or_null(double v)
{
	return isnan(v) ? json_null() : json_real(v);
}

static dbv dv_num(double v)
{
	return isnan(v) ? DV_NULL : DV_D(v);
}

/* loads the submitted papers and builds x (0/1/NA) and opt (option index or NA) over the union of items */
struct matrix {
	size_t n, k;
	struct cand *cands;
	struct col *cols;
	int8_t *x, *opt;
};

static void matrix_free(struct matrix *m)
{
	for (size_t p = 0; p < m->n; p++)
		json_decref(m->cands[p].paper);
	free(m->cands);
	free(m->cols);
	free(m->x);
	free(m->opt);
}

static int load_matrix(db *d, int64_t sitting, struct matrix *m, err *e)
{
	memset(m, 0, sizeof *m);
	db_stmt *st = db_query(
		d,
		"SELECT id, paper FROM attempts WHERE sitting_id = $1 AND status = 'submitted' ORDER BY id",
		DB_ARGS(DV_I(sitting)), e);
	if (!st)
		return -1;
	size_t cap = 0, nid = 0, idcap = 0;
	int64_t *ids = NULL;
	while (db_step(st) == DB_ROW) {
		json_t *paper = db_isnull(st, 1) ? NULL : json_loads(db_text(st, 1), 0, NULL);
		if (!json_is_array(paper)) {
			json_decref(paper);
			continue;
		}
		if (m->n == cap) {
			cap = cap ? cap * 2 : 64;
			m->cands = xrealloc(m->cands, cap * sizeof *m->cands);
		}
		m->cands[m->n++] = (struct cand){.attempt = db_int(st, 0), .paper = paper};
		size_t i;
		json_t *x;
		json_array_foreach(paper, i, x)
		{
			if (nid == idcap) {
				idcap = idcap ? idcap * 2 : 256;
				ids = xrealloc(ids, idcap * sizeof *ids);
			}
			ids[nid++] = json_integer_value(json_object_get(x, "item"));
		}
	}
	if (db_finish(st, e) != 0) {
		free(ids);
		return -1;
	}
	if (nid)
		qsort(ids, nid, sizeof *ids, cmp_i64);
	size_t k = 0;
	for (size_t i = 0; i < nid; i++)
		if (!k || ids[k - 1] != ids[i])
			ids[k++] = ids[i];
	m->k = k;
	m->cols = xcalloc(k ? k : 1, sizeof *m->cols);
	for (size_t j = 0; j < k; j++) {
		m->cols[j].item = ids[j];
		st = db_query(d, "SELECT kind, answer, options FROM items WHERE id = $1",
			      DB_ARGS(DV_I(ids[j])), e);
		if (!st) {
			free(ids);
			return -1;
		}
		if (db_step(st) == DB_ROW) {
			snprintf(m->cols[j].kind, sizeof m->cols[j].kind, "%s", db_text(st, 0));
			snprintf(m->cols[j].key, sizeof m->cols[j].key, "%s", db_text(st, 1));
			json_t *o = json_loads(db_text(st, 2), 0, NULL);
			m->cols[j].nopt = (int)json_array_size(o);
			json_decref(o);
		}
		db_done(st);
	}
	size_t cells = m->n * (k ? k : 1);
	m->x = xmalloc(cells);
	m->opt = xmalloc(cells);
	memset(m->x, (uint8_t)PSY_NA, cells);
	memset(m->opt, (uint8_t)PSY_NA, cells);
	for (size_t p = 0; p < m->n; p++) {
		char given[64][9];
		size_t np = json_array_size(m->cands[p].paper);
		memset(given, 0, sizeof given);
		st = db_query(d, "SELECT pos, answer FROM answers WHERE attempt_id = $1",
			      DB_ARGS(DV_I(m->cands[p].attempt)), e);
		if (!st) {
			free(ids);
			return -1;
		}
		char(*ans)[9] = np > 64 ? xcalloc(np, sizeof *ans) : given;
		while (db_step(st) == DB_ROW) {
			int64_t pos = db_int(st, 0);
			if (pos >= 0 && (size_t)pos < np)
				snprintf(ans[pos], 9, "%s", db_text(st, 1));
		}
		if (db_finish(st, e) != 0) {
			if (ans != given)
				free(ans);
			free(ids);
			return -1;
		}
		size_t i;
		json_t *x;
		json_array_foreach(m->cands[p].paper, i, x)
		{
			int64_t item = json_integer_value(json_object_get(x, "item"));
			int64_t *hit = bsearch(&item, ids, k, sizeof *ids, cmp_i64);
			if (!hit)
				continue;
			size_t j = (size_t)(hit - ids);
			struct paper_item pi = {.item_id = item};
			json_t *ord = json_object_get(x, "order");
			pi.noptions = (int)json_array_size(ord);
			for (int o = 0; o < pi.noptions && o < 8; o++)
				pi.order[o] = (uint8_t)json_integer_value(json_array_get(ord, (size_t)o));
			char orig[16] = "";
			paper_unshuffle(&pi, ans[i], orig, sizeof orig);
			m->x[p * k + j] = (int8_t)(*orig && !strcmp(orig, m->cols[j].key));
			if (strcmp(m->cols[j].kind, "multi") && orig[0] && !orig[1] &&
			    m->cols[j].nopt <= NOPT)
				m->opt[p * k + j] = (int8_t)(orig[0] - 'A');
		}
		if (ans != given)
			free(ans);
	}
	free(ids);
	return 0;
}

/* the option item's key index, or -1 (multiple choice, or more options than analysed) */
static int8_t key_index(const struct col *c)
{
	if (!strcmp(c->kind, "multi") || c->nopt > NOPT || !c->key[0] || c->key[1])
		return -1;
	return (int8_t)(c->key[0] - 'A');
}

struct analyse_ctx {
	int64_t sitting;
	const struct matrix *m;
	const psy_ctt_item *ctt;
	const psy_ctt_result *cr;
	const int8_t *key, *oopt;
	const size_t *cnt;
	const double *r;
	const psy_pair *pairs;
	size_t nopt_items, nflag, npairs;
	json_t *out; /* the summary, also the audit record's detail */
};

/* the statistics replace an earlier run's; a flagged pair's review survives (the upsert keeps it) */
static int analyse_work(tx *t, void *ctx, err *e)
{
	struct analyse_ctx *c = ctx;
	db *d = t->d;
	const struct matrix m = *c->m;
	const psy_ctt_item *ctt = c->ctt;
	const psy_ctt_result *cr = c->cr;
	const int8_t *key = c->key, *oopt = c->oopt;
	const size_t *cnt = c->cnt;
	const double *r = c->r;
	const psy_pair *pairs = c->pairs;
	size_t n = m.n, k = m.k, nopt_items = c->nopt_items, nflag = c->nflag, npairs = c->npairs;
	int64_t sitting = c->sitting;
	json_decref(c->out);
	c->out = NULL;
	int64_t now = now_s(), items_flagged = 0;
	if (db_run(d, "DELETE FROM item_stats WHERE sitting_id = $1", DB_ARGS(DV_I(sitting)), e) < 0 ||
	    db_run(d, "DELETE FROM sitting_analyses WHERE sitting_id = $1", DB_ARGS(DV_I(sitting)), e) < 0)
		return -1;
	for (size_t j = 0; j < k; j++) {
		json_t *opts = json_array();
		if (key[j] >= 0)
			for (int o = 0; o < m.cols[j].nopt; o++) {
				size_t c = cnt[j * NOPT + (size_t)o];
				char letter[2] = {(char)('A' + o), 0};
				json_array_append_new(opts, json_pack("{s:s,s:I,s:o,s:b}", "option", letter,
								      "n", (json_int_t)c, "r",
								      num_or_null(r[j * NOPT + (size_t)o]),
								      "key", o == key[j]));
			}
		bool dis = key[j] >= 0 &&
			   distractor_positive(m.cols[j].nopt, key[j], cnt + j * NOPT, r + j * NOPT);
		unsigned fl = item_review_flags(ctt[j].p, ctt[j].r_drop, dis);
		char names[80];
		item_review_names(fl, names, sizeof names);
		items_flagged += fl != 0;
		char *ojs = json_dumps(opts, JSON_COMPACT);
		json_decref(opts);
		int64_t rc = db_run(d,
				    "INSERT INTO item_stats (item_id, sitting_id, n, p, r_pbis, r_drop, "
				    "options, flags, computed_at) "
				    "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)",
				    DB_ARGS(DV_I(m.cols[j].item), DV_I(sitting), DV_I(ctt[j].n),
					    dv_num(ctt[j].p), dv_num(ctt[j].r_pbis), dv_num(ctt[j].r_drop),
					    DV_S(ojs), DV_S(names), DV_I(now)),
				    e);
		free(ojs);
		if (rc < 0)
			return -1;
	}
	for (size_t f = 0; f < nflag; f++) {
		size_t pa = pairs[f].a, pb = pairs[f].b, shared = 0;
		for (size_t c = 0; c < nopt_items; c++)
			shared += oopt[pa * nopt_items + c] >= 0 && oopt[pb * nopt_items + c] >= 0;
		if (db_run(d,
			   "INSERT INTO collusion_flags (sitting_id, attempt_a, attempt_b, shared, "
			   "identical, identical_wrong, omega, "
			   "p, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) ON CONFLICT (sitting_id, "
			   "attempt_a, attempt_b) DO "
			   "UPDATE SET shared = excluded.shared, identical = excluded.identical, "
			   "identical_wrong = "
			   "excluded.identical_wrong, omega = excluded.omega, p = excluded.p",
			   DB_ARGS(DV_I(sitting), DV_I(m.cands[pa].attempt), DV_I(m.cands[pb].attempt),
				   DV_I(shared), DV_I(pairs[f].identical), DV_I(pairs[f].identical_wrong),
				   DV_D(pairs[f].omega), DV_D(pairs[f].p), DV_I(now)),
			   e) < 0)
			return -1;
	}
	if (db_run(d,
		   "INSERT INTO sitting_analyses (sitting_id, persons, items, alpha, items_flagged, "
		   "pairs_tested, pairs_flagged, "
		   "computed_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)",
		   DB_ARGS(DV_I(sitting), DV_I(n), DV_I(k), dv_num(cr->alpha), DV_I(items_flagged),
			   DV_I(npairs), DV_I(nflag), DV_I(now)),
		   e) < 0)
		return -1;
	c->out = json_pack("{s:I,s:I,s:I,s:o,s:I,s:I,s:I}", "sitting_id", (json_int_t)sitting, "persons",
			   (json_int_t)n, "items", (json_int_t)k, "alpha", num_or_null(cr->alpha),
			   "items_flagged", (json_int_t)items_flagged, "pairs_tested", (json_int_t)npairs,
			   "pairs_flagged", (json_int_t)nflag);
	tx_audit(t, "sitting.analyse", "sitting", sitting, json_incref(c->out));
	return 0;
}

json_t *sitting_analyse(db *d, const principal *a, int64_t sitting, err *e)
{
	if (scope_check(d, a, SE_ANALYSIS, sitting, SCOPE_WRITE, NULL, e) != 0)
		return NULL;
	if (sitting_close_due(d, sitting, e) != 0)
		return NULL;
	int64_t running = 0;
	if (db_one_int(d, "SELECT COUNT(*) FROM attempts WHERE sitting_id = $1 AND status = 'started'",
		       DB_ARGS(DV_I(sitting)), &running, e) != DB_OK)
		return NULL;
	if (running) {
		err_set(e, 409, "sitting_in_progress", NULL, "尚有 %lld 名考生在考，交卷后方可分析",
			"%lld candidate(s) are still sitting the exam", (long long)running);
		return NULL;
	}
	struct matrix m;
	arena *ar = NULL;
	json_t *out = NULL;
	if (load_matrix(d, sitting, &m, e) != 0)
		goto done;
	if (m.n < 2 || m.k < 1) {
		err_set(e, 409, "too_few_papers", NULL, "至少需要 2 份已交卷的答卷（现有 %zu 份）",
			"at least 2 submitted papers are needed (%zu so far)", m.n);
		goto done;
	}
	ar = arena_new();
	size_t n = m.n, k = m.k;
	psy_data pd = {.n = n, .k = k, .x = m.x};
	psy_ctt_item *ctt = arena_array(ar, k, sizeof *ctt);
	psy_ctt_result cr;
	if (psy_ctt(&pd, ctt, &cr, ar, e) != 0)
		goto done;
	int8_t *key = arena_array(ar, k, 1);
	size_t nopt_items = 0;
	for (size_t j = 0; j < k; j++)
		nopt_items += (key[j] = key_index(&m.cols[j])) >= 0;
	size_t *cnt = arena_array(ar, k * NOPT, sizeof *cnt);
	double *r = arena_array(ar, k * NOPT, sizeof *r);
	if (psy_option_r(&pd, m.opt, key, NOPT, cnt, r, ar, e) != 0)
		goto done;
	/* answer copying over the option items: identical choices are evidence, blanks are not */
	size_t nflag = 0, npairs = 0;
	psy_pair *pairs = arena_array(ar, 200, sizeof *pairs);
	int8_t *okey = arena_array(ar, nopt_items ? nopt_items : 1, 1),
	       *onum = arena_array(ar, nopt_items ? nopt_items : 1, 1), *oopt = NULL;
	if (nopt_items) {
		oopt = arena_array(ar, n * nopt_items, 1);
		for (size_t p = 0, c; p < n; p++) {
			c = 0;
			for (size_t j = 0; j < k; j++)
				if (key[j] >= 0) {
					okey[c] = key[j];
					onum[c] = (int8_t)m.cols[j].nopt;
					oopt[p * nopt_items + c++] = m.opt[p * k + j];
				}
		}
		/* score groups of about 20 candidates at least (one group for a small room): with fewer, a
		 * group's option shares are mostly the pair's own answers and similar strong candidates look
		 * alike */
		int groups = (int)(n / 20);
		psy_collusion_opts co = {.q = 0.05,
					 .groups = groups < 1	 ? 1
						   : groups > 10 ? 10
								 : groups,
					 .item_options = onum};
		if (psy_collusion(n, nopt_items, oopt, okey, NOPT, &co, pairs, 200, &nflag, &npairs, ar, e) !=
		    0)
			goto done;
		if (nflag > 200)
			nflag = 200;
	}
	struct analyse_ctx c = {.sitting = sitting,
				.m = &m,
				.ctt = ctt,
				.cr = &cr,
				.key = key,
				.cnt = cnt,
				.r = r,
				.pairs = pairs,
				.oopt = oopt,
				.nopt_items = nopt_items,
				.nflag = nflag,
				.npairs = npairs};
	if (svc_tx(d, a, analyse_work, &c, e) == 0)
		out = c.out;
	else
		json_decref(c.out);
done:
	if (ar)
		arena_free(ar);
	matrix_free(&m);
	return out;
}

static json_t *sitting_pairs(db *d, int64_t sitting, err *e);

json_t *sitting_analysis_json(db *d, const principal *a, int64_t sitting, err *e)
{
	if (scope_check(d, a, SE_ANALYSIS, sitting, SCOPE_READ, NULL, e) != 0)
		return NULL;
	db_stmt *st = db_query(
		d,
		"SELECT persons, items, alpha, items_flagged, pairs_tested, pairs_flagged, computed_at FROM "
		"sitting_analyses WHERE sitting_id = $1",
		DB_ARGS(DV_I(sitting)), e);
	if (!st)
		return NULL;
	json_t *out = NULL;
	if (db_step(st) == DB_ROW)
		out = json_pack("{s:I,s:I,s:I,s:o,s:I,s:I,s:I,s:I}", "sitting_id", (json_int_t)sitting,
				"persons", (json_int_t)db_int(st, 0), "items", (json_int_t)db_int(st, 1),
				"alpha", db_isnull(st, 2) ? json_null() : json_real(db_double(st, 2)),
				"items_flagged", (json_int_t)db_int(st, 3), "pairs_tested",
				(json_int_t)db_int(st, 4), "pairs_flagged", (json_int_t)db_int(st, 5),
				"computed_at", (json_int_t)db_int(st, 6));
	db_done(st);
	if (!out) {
		err_set(e, 404, "not_analysed", NULL, "该考场尚未进行试题分析",
			"this sitting has not been analysed yet");
		return NULL;
	}
	json_t *items = json_array();
	json_object_set_new(out, "items", items);
	st = db_query(d,
		      "SELECT s.item_id, COALESCE(i.item_key, i.id), i.version, i.kind, i.area, i.stem, s.n, "
		      "s.p, s.r_pbis, "
		      "s.r_drop, s.options, s.flags FROM item_stats s JOIN items i ON i.id = s.item_id WHERE "
		      "s.sitting_id = $1 "
		      "ORDER BY s.flags = '', i.area, s.item_id",
		      DB_ARGS(DV_I(sitting)), e);
	if (!st)
		goto fail;
	while (db_step(st) == DB_ROW) {
		json_t *flags = json_array();
		char buf[80];
		snprintf(buf, sizeof buf, "%s", db_text(st, 11));
		for (char *save = NULL, *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save))
			json_array_append_new(flags, json_string(t));
		json_t *opts = json_loads(db_text(st, 10), 0, NULL);
		if (opts && a->role == ROLE_SUPERVISOR) {
			/* supervisors read the analysis without the answer keys of the bank's items */
			size_t oi;
			json_t *ov;
			json_array_foreach(opts, oi, ov) json_object_del(ov, "key");
		}
		json_array_append_new(
			items,
			json_pack("{s:I,s:I,s:I,s:s,s:s,s:s,s:I,s:o,s:o,s:o,s:o,s:o}", "item_id",
				  (json_int_t)db_int(st, 0), "item_key", (json_int_t)db_int(st, 1), "version",
				  (json_int_t)db_int(st, 2), "kind", db_text(st, 3), "area", db_text(st, 4),
				  "stem", db_text(st, 5), "n", (json_int_t)db_int(st, 6), "p",
				  db_isnull(st, 7) ? json_null() : json_real(db_double(st, 7)), "r_pbis",
				  db_isnull(st, 8) ? json_null() : json_real(db_double(st, 8)), "r_drop",
				  db_isnull(st, 9) ? json_null() : json_real(db_double(st, 9)), "options",
				  opts ? opts : json_array(), "flags", flags));
	}
	if (db_finish(st, e) != 0)
		goto fail;
	json_t *list = sitting_pairs(d, sitting, e);
	if (!list)
		goto fail;
	json_object_set_new(out, "pairs", list);
	return out;
fail:
	json_decref(out);
	return NULL;
}

static json_t *sitting_pairs(db *d, int64_t sitting, err *e)
{
	db_stmt *st = db_query(d,
			       "SELECT " COLLUSION_VIEW_COLS COLLUSION_VIEW_FROM
			       " WHERE f.sitting_id = $1 ORDER BY f.p, f.id",
			       DB_ARGS(DV_I(sitting)), e);
	json_t *arr = rows_json(st, collusion_view, e);
	if (!arr)
		return NULL;
	return arr;
}

static int flag_status(query *w, const char *frag, const char *v, err *e)
{
	if (strcmp(v, "open") && strcmp(v, "cleared") && strcmp(v, "confirmed"))
		return err_set(e, 422, "invalid_value", "status", "status 应为 open、cleared 或 confirmed",
			       "status is open, cleared or confirmed");
	q_and(w, frag, DV_S(v));
	return 0;
}

static const struct list_filter collusion_filters[] = {
	{"status", "f.status = ?", LIST_FN, 0, flag_status},
	{"plan_id", "p.id = ?", LIST_ID, 0, NULL},
	{"sitting_id", "f.sitting_id = ?", LIST_ID, 0, NULL},
};
const struct list_spec collusion_list = {
	.name = "collusion-flags",
	.scoped = true,
	.entity = SE_COLLUSION,
	.count_sql = "SELECT COUNT(*)" COLLUSION_VIEW_FROM,
	.select_sql = "SELECT " COLLUSION_VIEW_COLS COLLUSION_VIEW_FROM,
	.order = "f.p, f.id",
	LIST_FILTERS(collusion_filters),
	.view = collusion_view,
	LIST_COLS(cols_collusion),
};

struct review_ctx {
	int64_t id;
	const char *decision, *note;
};

/* a supervisor's decision on an open flag, read and written in one transaction */
static int review_work(tx *t, void *ctx, err *e)
{
	struct review_ctx *c = ctx;
	db *d = t->d;
	const principal *a = t->a;
	int64_t id = c->id;
	const char *decision = c->decision, *note = c->note;
	if (scope_check(d, a, SE_COLLUSION, id, SCOPE_WRITE, NULL, e) != 0)
		return -1;
	char status[12] = "";
	db_stmt *st = db_query(d, "SELECT status FROM collusion_flags WHERE id = $1", DB_ARGS(DV_I(id)), e);
	if (!st)
		return -1;
	if (db_step(st) == DB_ROW)
		snprintf(status, sizeof status, "%s", db_text(st, 0));
	db_done(st);
	if (!*status)
		return err_set(e, 404, "not_found", NULL, "雷同标记不存在", "no such flag");
	if (strcmp(status, "open"))
		return err_set(e, 409, "already_reviewed", "decision", "该标记已复核（%s）",
			       "this flag was already reviewed (%s)", status);
	if (db_run(d,
		   "UPDATE collusion_flags SET status = $2, note = $3, reviewed_by = $4, reviewed_at = $5 "
		   "WHERE id = $1",
		   DB_ARGS(DV_I(id), DV_S(decision), DV_S(note), a->user_id ? DV_I(a->user_id) : DV_NULL,
			   DV_I(now_s())),
		   e) < 0)
		return -1;
	tx_audit(t, "collusion.review", "collusion_flag", id,
		 json_pack("{s:s,s:s}", "decision", decision, "note", note));
	return 0;
}

int collusion_review(db *d, const principal *a, int64_t id, const char *decision, const char *note, err *e)
{
	if (!decision || (strcmp(decision, "cleared") && strcmp(decision, "confirmed")))
		return err_set(e, 422, "invalid_value", "decision",
			       "结论应为 cleared（排除）或 confirmed（认定雷同）",
			       "decision is cleared or confirmed");
	if (check_text(note, "note", 500, true, e) != 0)
		return -1;
	struct review_ctx c = {.id = id, .decision = decision, .note = note};
	return svc_tx(d, a, review_work, &c, e);
}

json_t *plan_analyse_sittings(db *d, const principal *a, int64_t plan, err *e)
{
	db_stmt *st =
		db_query(d, "SELECT id FROM sittings WHERE plan_id = $1 ORDER BY id", DB_ARGS(DV_I(plan)), e);
	if (!st)
		return NULL;
	int64_t *ids = NULL;
	size_t n = 0, cap = 0;
	while (db_step(st) == DB_ROW) {
		if (n == cap)
			ids = xrealloc(ids, (cap = cap ? cap * 2 : 64) * sizeof *ids);
		ids[n++] = db_int(st, 0);
	}
	if (db_finish(st, e) != 0) {
		free(ids);
		return NULL;
	}
	json_t *out = json_array();
	for (size_t i = 0; i < n; i++) {
		err e2 = {0};
		json_t *s = sitting_analyse(d, a, ids[i], &e2);
		if (!s && e2.status >= 500) {
			/* a database fault (or a bug), not a reason to skip: the move fails with it */
			*e = e2;
			json_decref(out);
			free(ids);
			return NULL;
		}
		if (!s)
			s = json_pack("{s:I,s:s,s:s}", "sitting_id", (json_int_t)ids[i], "skipped", e2.code,
				      "message", e2.zh);
		json_array_append_new(out, s);
	}
	free(ids);
	return out;
}
