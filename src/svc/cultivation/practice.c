/* practice.c: 模拟练习 — the practice pool, practice papers drawn by the exam chain's paper assembly, their
 * submission and scoring, and the limits per region (practice.h; docs/DOMAIN.md §62) */
#include "util/common.h"
#include "svc/cultivation/practice.h"
#include "core/elearn.h"
#include "core/mask.h"
#include "core/paper.h"
#include "core/practice.h"
#include "crypto/token.h"
#include "store/query.h"
#include "svc/base/scope.h"
#include "svc/base/tx.h"
#include <stdlib.h>

#define MAX_ITEMS 100 /* a paper's length at most (practice_rules.items_per_paper) */
#define MAX_CELLS 256 /* blueprint cells, as core/practice.c takes them */
#define MAX_AREAS 256
#define HISTORY	  50 /* the learner's recent papers whose items are drawn last */

static const char *const kinds[3] = {"single", "multi", "judge"};

static int kind_index(const char *k)
{
	for (int i = 0; i < 3; i++)
		if (k && !strcmp(k, kinds[i]))
			return i;
	return -1;
}

static int not_found(err *e)
{
	return err_set(e, 404, "not_found", NULL, "未找到该模拟练习", "no such practice paper");
}

/* the caller as a learner: a person's own account may write their own practice papers (the scope table) */
static bool learner(const principal *a)
{
	scope_owner o = {.found = true, .person_id = a->person_id};
	return a->person_id > 0 && scope_decide(a, SE_PRACTICE_PAPER, &o, SCOPE_WRITE) == 0;
}

static int not_learner(err *e)
{
	return err_set(e, 403, "forbidden", NULL, "只有学员本人可以做模拟练习",
		       "only a learner's own account practises");
}

/* the rule that applies to a region: its city's row, else the province's */
struct rule {
	int64_t per_day, per_paper;
	char region[16];
};

static int rule_for(db *d, const char *person_region, struct rule *r, err *e)
{
	char city[16];
	snprintf(city, sizeof city, "%.4s00", person_region);
	db_stmt *st =
		db_query(d,
			 "SELECT region_code, papers_per_day, items_per_paper FROM practice_rules WHERE "
			 "region_code IN ($1, '370000') ORDER BY CASE WHEN region_code = '370000' THEN 1 "
			 "ELSE 0 END LIMIT 1",
			 DB_ARGS(DV_S(city)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		snprintf(r->region, sizeof r->region, "%s", db_text(st, 0));
		r->per_day = db_int(st, 1);
		r->per_paper = db_int(st, 2);
	}
	db_done(st);
	if (row < 0)
		return -1;
	if (row == 0)
		return err_set(e, 500, "internal", NULL, "缺少模拟练习规则", "no practice rule");
	return 0;
}

static int person_region(db *d, int64_t person, char region[16], err *e)
{
	db_stmt *st = db_query(d, "SELECT region_code FROM persons WHERE id = $1", DB_ARGS(DV_I(person)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1)
		snprintf(region, 16, "%s", db_text(st, 0));
	db_done(st);
	if (row < 0)
		return -1;
	return row == 1 ? 0 : err_set(e, 404, "not_found", NULL, "未找到学员", "no such learner");
}

static int used_today(db *d, int64_t person, int64_t *used, err *e)
{
	*used = 0;
	int rc = db_one_int(d, "SELECT papers FROM practice_days WHERE person_id = $1 AND day = $2",
			    DB_ARGS(DV_I(person), DV_I(practice_day_start(now_s()))), used, e);
	return rc == DB_OK || rc == DB_NOT_FOUND ? 0 : -1;
}

/* ---- options ---- */

json_t *practice_options(db *d, const principal *a, err *e)
{
	if (!learner(a))
		return not_learner(e), NULL;
	char region[16];
	struct rule r;
	int64_t used = 0;
	if (person_region(d, a->person_id, region, e) != 0 || rule_for(d, region, &r, e) != 0 ||
	    used_today(d, a->person_id, &used, e) != 0)
		return NULL;
	db_stmt *st = db_query(d,
			       "SELECT it.occupation_code, o.name, it.level, COUNT(*) FROM items it JOIN "
			       "practice_items px ON "
			       "px.item_key = it.item_key JOIN occupations o ON o.code = it.occupation_code "
			       "WHERE it.active = 1 "
			       "GROUP BY it.occupation_code, o.name, it.level ORDER BY it.occupation_code, "
			       "it.level LIMIT 500",
			       DB_NOARGS, e);
	json_t *pools = json_array();
	while (st && db_step(st) == DB_ROW)
		json_array_append_new(pools, json_pack("{s:s,s:s,s:I,s:I}", "occupation_code", db_text(st, 0),
						       "occupation_name", db_text(st, 1), "level",
						       (json_int_t)db_int(st, 2), "items",
						       (json_int_t)db_int(st, 3)));
	if (!st || db_finish(st, e) != 0)
		return json_decref(pools), NULL;
	return json_pack("{s:o,s:{s:I,s:I,s:s},s:I,s:i}", "pools", pools, "rule", "papers_per_day",
			 (json_int_t)r.per_day, "items_per_paper", (json_int_t)r.per_paper, "region_code",
			 r.region, "used_today", (json_int_t)used, "left_today",
			 practice_left(used, r.per_day));
}

/* ---- drawing a paper ---- */

struct draw {
	char occ[32], region[16];
	int64_t level, course, person, per_day, per_paper, id, day;
	char *paper, *sheet;
	int n;
	double total;
};

/* the learner's recent papers: how often each item was drawn for them (drawn last next time) */
static int history(db *d, int64_t person, struct bank_item *bank, size_t nbank, err *e)
{
	db_stmt *st = db_query(
		d, "SELECT paper FROM practice_papers WHERE person_id = $1 ORDER BY id DESC LIMIT $2",
		DB_ARGS(DV_I(person), DV_I(HISTORY)), e);
	while (st && db_step(st) == DB_ROW) {
		json_t *p = json_loads(db_text(st, 0), 0, NULL);
		size_t i;
		json_t *x;
		json_array_foreach(p, i, x)
		{
			int64_t id = json_integer_value(json_object_get(x, "item"));
			for (size_t b = 0; b < nbank; b++)
				if (bank[b].id == id)
					bank[b].exposure++;
		}
		json_decref(p);
	}
	return st && db_finish(st, e) == 0 ? 0 : -1;
}

/* the pool of (occupation, level) and the province's blueprint scaled to the paper's length; the paper and
 * the sheet (what is shown: no keys) as JSON */
static int draw_paper(db *d, struct draw *x, err *e)
{
	struct bank_item *bank = NULL;
	size_t nbank = 0, cap = 0;
	char areas[MAX_AREAS][41];
	int nareas = 0;
	int rc = -1;
	db_stmt *st =
		db_query(d,
			 "SELECT it.id, it.area, it.kind, it.options FROM items it JOIN practice_items px "
			 "ON px.item_key = it.item_key WHERE it.occupation_code = $1 AND it.level = $2 AND "
			 "it.active = 1 ORDER BY it.id",
			 DB_ARGS(DV_S(x->occ), DV_I(x->level)), e);
	while (st && db_step(st) == DB_ROW) {
		const char *area = db_text(st, 1);
		int ai = -1;
		for (int k = 0; k < nareas; k++)
			if (!strcmp(areas[k], area))
				ai = k;
		if (ai < 0 && nareas < MAX_AREAS) {
			snprintf(areas[nareas], sizeof areas[0], "%s", area);
			ai = nareas++;
		}
		int kind = kind_index(db_text(st, 2));
		if (ai < 0 || kind < 0)
			continue; /* past 256 areas: not drawn (no practice blueprint has that many) */
		if (nbank == cap)
			bank = xrealloc(bank, (cap = cap ? cap * 2 : 256) * sizeof *bank);
		json_t *o = json_loads(db_text(st, 3), 0, NULL);
		bank[nbank++] = (struct bank_item){
			.id = db_int(st, 0), .area = ai, .kind = kind, .noptions = (int)json_array_size(o)};
		json_decref(o);
	}
	if (!st || db_finish(st, e) != 0)
		goto out;
	if (!nbank) {
		err_set(e, 409, "no_practice_items", NULL, "该职业等级的练习题库暂无试题",
			"the practice pool has no items of this occupation and level");
		goto out;
	}
	/* the cells: the province's blueprint of the occupation and level, else the pool's own spread */
	struct blueprint_cell cells[MAX_CELLS], scaled[MAX_CELLS];
	int avail[MAX_CELLS];
	size_t ncells = 0;
	st = db_query(
		d,
		"SELECT area, kind, count FROM blueprints WHERE occupation_code = $1 AND level = $2 AND "
		"institution_id = 0 ORDER BY area, kind",
		DB_ARGS(DV_S(x->occ), DV_I(x->level)), e);
	while (st && db_step(st) == DB_ROW && ncells < MAX_CELLS) {
		int ai = -1, kind = kind_index(db_text(st, 1));
		for (int k = 0; k < nareas; k++)
			if (!strcmp(areas[k], db_text(st, 0)))
				ai = k;
		/* an area the pool lacks keeps its share of the paper with nothing to draw (capped to 0) */
		cells[ncells++] = (struct blueprint_cell){ai < 0 ? MAX_AREAS : ai, kind < 0 ? 0 : kind,
							  (int)db_int(st, 2)};
	}
	if (!st || db_finish(st, e) != 0)
		goto out;
	for (size_t c = 0; c < ncells; c++) {
		avail[c] = 0;
		for (size_t b = 0; b < nbank; b++)
			avail[c] += bank[b].area == cells[c].area && bank[b].kind == cells[c].kind;
	}
	int want = ncells ? practice_scale(cells, avail, ncells, (int)x->per_paper, scaled) : 0;
	if (want < 1) {
		/* no blueprint, or none of its cells in the pool: the pool's own areas and kinds, in
		 * proportion */
		ncells = 0;
		for (size_t b = 0; b < nbank; b++) {
			size_t c = 0;
			while (c < ncells && (cells[c].area != bank[b].area || cells[c].kind != bank[b].kind))
				c++;
			if (c == ncells) {
				if (ncells == MAX_CELLS)
					continue;
				cells[ncells++] = (struct blueprint_cell){bank[b].area, bank[b].kind, 0};
			}
			cells[c].count++;
		}
		for (size_t c = 0; c < ncells; c++)
			avail[c] = cells[c].count;
		want = practice_scale(cells, avail, ncells, (int)x->per_paper, scaled);
	}
	if (want < 1) {
		err_set(e, 409, "no_practice_items", NULL, "练习题库中没有可组卷的试题",
			"the practice pool has no items to draw");
		goto out;
	}
	if (history(d, x->person, bank, nbank, e) != 0)
		goto out;
	struct paper_item paper[MAX_ITEMS];
	int short_cell = -1;
	int n = paper_assemble(bank, nbank, scaled, ncells, random_u64(), paper, MAX_ITEMS, &short_cell);
	if (n < 1) {
		err_set(e, 409, "no_practice_items", NULL, "练习题库试题不足，无法组卷",
			"the practice pool cannot meet the paper");
		goto out;
	}
	json_t *pj = json_array(), *sj = json_array();
	x->total = 0;
	for (int i = 0; i < n; i++) {
		json_t *ord = json_array();
		for (int o = 0; o < paper[i].noptions; o++)
			json_array_append_new(ord, json_integer(paper[i].order[o]));
		json_array_append_new(
			pj, json_pack("{s:I,s:o}", "item", (json_int_t)paper[i].item_id, "order", ord));
		st = db_query(d, "SELECT kind, stem, options, points FROM items WHERE id = $1",
			      DB_ARGS(DV_I(paper[i].item_id)), e);
		if (!st || db_row(st, e) != 1) {
			db_done(st);
			json_decref(pj);
			json_decref(sj);
			goto out;
		}
		json_t *opts = json_loads(db_text(st, 2), 0, NULL), *shown = json_array();
		for (int o = 0; o < paper[i].noptions; o++) {
			json_t *v = json_array_get(opts, paper[i].order[o]);
			json_array_append_new(shown,
					      json_string(json_is_string(v) ? json_string_value(v) : ""));
		}
		json_decref(opts);
		x->total += db_double(st, 3);
		json_array_append_new(sj, json_pack("{s:i,s:s,s:s,s:o,s:f}", "pos", i + 1, "kind",
						    db_text(st, 0), "stem", db_text(st, 1), "options", shown,
						    "points", db_double(st, 3)));
		db_done(st);
	}
	x->paper = json_dumps(pj, JSON_COMPACT);
	x->sheet = json_dumps(sj, JSON_COMPACT);
	json_decref(pj);
	json_decref(sj);
	x->n = n;
	rc = 0;
out:
	free(bank);
	return rc;
}

static int start_work(tx *t, void *ctx, err *e)
{
	struct draw *x = ctx;
	int64_t now = now_s();
	/* the day's count first: a conditional upsert, so two starts at once cannot both take the last paper
	 */
	int64_t took =
		db_run(t->d,
		       "INSERT INTO practice_days (person_id, day, papers) SELECT $1, $2, 1 WHERE $3 > 0 "
		       "ON CONFLICT (person_id, day) DO UPDATE SET papers = practice_days.papers + 1 WHERE "
		       "practice_days.papers < $3",
		       DB_ARGS(DV_I(x->person), DV_I(x->day), DV_I(x->per_day)), e);
	if (took < 0)
		return -1;
	if (took == 0)
		return err_set(e, 409, "daily_limit", NULL, "今日模拟练习次数已用完（每日 %lld 套）",
			       "today's practice papers are used (%lld a day)", (long long)x->per_day);
	db_stmt *st = db_query(
		t->d,
		"INSERT INTO practice_papers (person_id, region_code, occupation_code, level, course_id, "
		"paper, sheet, nitems, total_points, started_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) "
		"RETURNING id",
		DB_ARGS(DV_I(x->person), DV_S(x->region), DV_S(x->occ), DV_I(x->level),
			x->course ? DV_I(x->course) : DV_NULL, DV_S(x->paper), DV_S(x->sheet), DV_I(x->n),
			DV_D(x->total), DV_I(now)),
		e);
	x->id = 0;
	if (st && db_row(st, e) == 1)
		x->id = db_int(st, 0);
	db_done(st);
	if (!x->id)
		return -1;
	tx_audit(t, "practice.start", "practice_paper", x->id,
		 json_pack("{s:s,s:I,s:I,s:i}", "occupation_code", x->occ, "level", (json_int_t)x->level,
			   "course_id", (json_int_t)x->course, "nitems", x->n));
	return 0;
}

#define PAPER_COLS                                                                                           \
	"pp.id, pp.person_id, pp.occupation_code, COALESCE(o.name, ''), pp.level, pp.course_id, pp.nitems, " \
	"pp.status, pp.score, pp.total_points, pp.correct, pp.started_at, pp.submitted_at, pp.region_code "
#define PAPER_FROM " FROM practice_papers pp LEFT JOIN occupations o ON o.code = pp.occupation_code "

static json_t *nint(db_stmt *st, int col)
{
	return db_isnull(st, col) ? json_null() : json_integer(db_int(st, col));
}

static json_t *paper_view(db_stmt *st)
{
	return json_pack("{s:I,s:I,s:s,s:s,s:I,s:o,s:I,s:s,s:o,s:f,s:o,s:I,s:o,s:s}", "id",
			 (json_int_t)db_int(st, 0), "person_id", (json_int_t)db_int(st, 1), "occupation_code",
			 db_text(st, 2), "occupation_name", db_text(st, 3), "level",
			 (json_int_t)db_int(st, 4), "course_id", nint(st, 5), "nitems",
			 (json_int_t)db_int(st, 6), "status", db_text(st, 7), "score",
			 db_isnull(st, 8) ? json_null() : json_real(db_double(st, 8)), "total_points",
			 db_double(st, 9), "correct", nint(st, 10), "started_at", (json_int_t)db_int(st, 11),
			 "submitted_at", nint(st, 12), "region_code", db_text(st, 13));
}

json_t *practice_start(db *d, const principal *a, const char *occupation_code, int64_t level,
		       int64_t course_id, err *e)
{
	if (!learner(a))
		return not_learner(e), NULL;
	struct draw x = {.person = a->person_id, .course = course_id > 0 ? course_id : 0};
	if (x.course) {
		/* the course's occupation and level; a course the learner may not read is not there */
		if (scope_check(d, a, SE_ELEARN_COURSE, x.course, SCOPE_READ, "course_id", e) != 0)
			return NULL;
		db_stmt *st = db_query(d,
				       "SELECT COALESCE(occupation_code, ''), COALESCE(level, 0) FROM "
				       "elearn_courses WHERE id = $1",
				       DB_ARGS(DV_I(x.course)), e);
		int row = st ? db_row(st, e) : -1;
		if (row == 1) {
			snprintf(x.occ, sizeof x.occ, "%s", db_text(st, 0));
			x.level = db_int(st, 1);
		}
		db_done(st);
		if (row != 1)
			return err_isset(e) ? NULL : (not_found(e), NULL);
		if (!x.occ[0] || x.level < 1)
			return err_set(e, 422, "course_without_occupation", "course_id",
				       "该课程未设定职业和等级，不能据此模拟练习",
				       "the course names no occupation and level to practise"),
			       NULL;
	} else {
		if (!occupation_code || !*occupation_code)
			return err_set(e, 422, "missing_field", "occupation_code", "缺少职业编码或课程",
				       "occupation_code (or course_id) is required"),
			       NULL;
		if (strlen(occupation_code) >= sizeof x.occ)
			return err_set(e, 422, "invalid_value", "occupation_code", "职业编码不存在",
				       "no such occupation"),
			       NULL;
		if (level < 1 || level > 5)
			return err_set(e, 422, "invalid_value", "level", "等级应为 1 至 5",
				       "level is 1 to 5"),
			       NULL;
		snprintf(x.occ, sizeof x.occ, "%s", occupation_code);
		x.level = level;
		int64_t n = 0;
		if (db_one_int(d, "SELECT COUNT(*) FROM occupations WHERE code = $1", DB_ARGS(DV_S(x.occ)),
			       &n, e) != DB_OK)
			return NULL;
		if (!n)
			return err_set(e, 422, "invalid_value", "occupation_code", "职业编码不存在",
				       "no such occupation"),
			       NULL;
	}
	struct rule r;
	if (person_region(d, a->person_id, x.region, e) != 0 || rule_for(d, x.region, &r, e) != 0)
		return NULL;
	x.per_day = r.per_day;
	x.per_paper = r.per_paper > MAX_ITEMS ? MAX_ITEMS : r.per_paper;
	x.day = practice_day_start(now_s());
	/* refused before drawing when the day is used (the transaction checks again) */
	int64_t used = 0;
	if (used_today(d, a->person_id, &used, e) != 0)
		return NULL;
	if (!practice_left(used, x.per_day))
		return err_set(e, 409, "daily_limit", NULL, "今日模拟练习次数已用完（每日 %lld 套）",
			       "today's practice papers are used (%lld a day)", (long long)x.per_day),
		       NULL;
	if (draw_paper(d, &x, e) != 0)
		return NULL;
	int rc = svc_tx(d, a, start_work, &x, e);
	free(x.paper);
	free(x.sheet);
	if (rc != 0)
		return NULL;
	json_t *o = practice_get(d, a, x.id, e);
	if (o)
		json_object_set_new(o, "left_today", json_integer(practice_left(used + 1, x.per_day)));
	return o;
}

/* ---- reading ---- */

json_t *practice_list(db *d, const principal *a, int64_t limit, int64_t offset, err *e)
{
	query w;
	q_init(&w, "");
	scope_where(&w, a, SE_PRACTICE_PAPER, SCOPE_READ);
	int64_t total = 0;
	db_stmt *st = q_page(d, &w, "SELECT COUNT(*) FROM practice_papers pp",
			     "SELECT " PAPER_COLS PAPER_FROM, "pp.id DESC", limit, offset, &total, e);
	json_t *items = st ? rows_json(st, paper_view, e) : NULL;
	q_free(&w);
	if (!items)
		return NULL;
	return json_pack("{s:o,s:I}", "items", items, "total", (json_int_t)total);
}

/* the key in the letters as shown: original letter k shows at the position whose order is k */
static void key_shown(const char *key, json_t *order, char *out, size_t n)
{
	bool have[8] = {false};
	size_t m = json_array_size(order);
	for (const char *c = key; c && *c; c++)
		for (size_t i = 0; i < m && i < 8; i++)
			if (json_integer_value(json_array_get(order, i)) == *c - 'A')
				have[i] = true;
	size_t k = 0;
	for (int i = 0; i < 8 && k + 1 < n; i++)
		if (have[i])
			out[k++] = (char)('A' + i);
	if (n)
		out[k] = 0;
}

static struct paper_item paper_item_of(json_t *p)
{
	struct paper_item it = {.item_id = json_integer_value(json_object_get(p, "item"))};
	json_t *ord = json_object_get(p, "order");
	it.noptions = (int)(json_array_size(ord) > 8 ? 8 : json_array_size(ord));
	for (int o = 0; o < it.noptions; o++)
		it.order[o] = (uint8_t)json_integer_value(json_array_get(ord, (size_t)o));
	return it;
}

/* the review after submission: each item of the sheet with the answer given, the key as shown, right or not
 * and the explanation */
static int review(db *d, json_t *items, const char *paper_txt, const char *answers_txt, err *e)
{
	json_t *paper = json_loads(paper_txt, 0, NULL), *ans = json_loads(answers_txt, 0, NULL);
	size_t i;
	json_t *it;
	int rc = 0;
	json_array_foreach(items, i, it)
	{
		json_t *p = json_array_get(paper, i);
		struct paper_item pi = paper_item_of(p);
		db_stmt *st =
			db_query(d,
				 "SELECT it.answer, COALESCE(px.explanation, '') FROM items it LEFT JOIN "
				 "practice_items px ON px.item_key = it.item_key WHERE it.id = $1",
				 DB_ARGS(DV_I(pi.item_id)), e);
		if (!st || db_row(st, e) != 1) {
			db_done(st);
			rc = -1;
			break;
		}
		char key[9], given[9];
		key_shown(db_text(st, 0), json_object_get(p, "order"), key, sizeof key);
		const char *orig = json_string_value(json_array_get(ans, i));
		key_shown(orig ? orig : "", json_object_get(p, "order"), given, sizeof given);
		bool right = orig && elearn_answer_right(orig, db_text(st, 0));
		json_object_set_new(it, "answer", json_string(given));
		json_object_set_new(it, "key", json_string(key));
		json_object_set_new(it, "right", json_boolean(right));
		json_object_set_new(it, "explanation", json_string(db_text(st, 1)));
		db_done(st);
	}
	json_decref(paper);
	json_decref(ans);
	return rc;
}

json_t *practice_get(db *d, const principal *a, int64_t id, err *e)
{
	if (scope_check(d, a, SE_PRACTICE_PAPER, id, SCOPE_READ, NULL, e) != 0)
		return NULL;
	db_stmt *st = db_query(d, "SELECT " PAPER_COLS PAPER_FROM "WHERE pp.id = $1", DB_ARGS(DV_I(id)), e);
	json_t *o = st ? row_json(st, paper_view, e) : NULL;
	if (!o)
		return err_isset(e) ? NULL : (not_found(e), NULL);
	st = db_query(d, "SELECT sheet, paper, answers, status FROM practice_papers WHERE id = $1",
		      DB_ARGS(DV_I(id)), e);
	if (!st || db_row(st, e) != 1) {
		db_done(st);
		json_decref(o);
		return err_isset(e) ? NULL : (not_found(e), NULL);
	}
	json_t *items = json_loads(db_text(st, 0), 0, NULL);
	if (!items)
		items = json_array();
	int rc =
		strcmp(db_text(st, 3), "submitted") ? 0 : review(d, items, db_text(st, 1), db_text(st, 2), e);
	db_done(st);
	if (rc != 0) {
		json_decref(items);
		json_decref(o);
		return NULL;
	}
	json_object_set_new(o, "items", items);
	return o;
}

/* ---- submitting ---- */

struct submit_ctx {
	int64_t id;
	const char *answers; /* JSON, original letters */
	double score;
	int64_t correct;
};

static int submit_work(tx *t, void *ctx, err *e)
{
	struct submit_ctx *c = ctx;
	int64_t n = db_run(
		t->d,
		"UPDATE practice_papers SET status = 'submitted', answers = $2, score = $3, correct = "
		"$4, submitted_at = $5 WHERE id = $1 AND status = 'open'",
		DB_ARGS(DV_I(c->id), DV_S(c->answers), DV_D(c->score), DV_I(c->correct), DV_I(now_s())), e);
	if (n < 0)
		return -1;
	if (n == 0)
		return err_set(e, 409, "already_submitted", NULL, "该模拟练习已交卷",
			       "the paper is already submitted");
	tx_audit(t, "practice.submit", "practice_paper", c->id,
		 json_pack("{s:f,s:I}", "score", c->score, "correct", (json_int_t)c->correct));
	return 0;
}

json_t *practice_submit(db *d, const principal *a, int64_t id, const char *const *answers, size_t n, err *e)
{
	if (scope_check(d, a, SE_PRACTICE_PAPER, id, SCOPE_WRITE, NULL, e) != 0)
		return NULL;
	if (n > MAX_ITEMS)
		return err_set(e, 422, "invalid_value", "answers", "答案最多 %d 个", "at most %d answers",
			       MAX_ITEMS),
		       NULL;
	for (size_t i = 0; i < n; i++) {
		const char *s = answers[i] ? answers[i] : "";
		if (strlen(s) > 8 || (*s && !elearn_answer_right(s, s)))
			return err_set(e, 422, "invalid_value", "answers", "答案应为选项字母 A-H（不重复）",
				       "an answer is option letters A-H, each once"),
			       NULL;
	}
	db_stmt *st =
		db_query(d, "SELECT paper, status FROM practice_papers WHERE id = $1", DB_ARGS(DV_I(id)), e);
	if (!st || db_row(st, e) != 1) {
		db_done(st);
		return err_isset(e) ? NULL : (not_found(e), NULL);
	}
	if (strcmp(db_text(st, 1), "open")) {
		db_done(st);
		return err_set(e, 409, "already_submitted", NULL, "该模拟练习已交卷",
			       "the paper is already submitted"),
		       NULL;
	}
	json_t *paper = json_loads(db_text(st, 0), 0, NULL);
	db_done(st);
	size_t np = json_array_size(paper);
	if (n > np) {
		json_decref(paper);
		return err_set(e, 422, "invalid_value", "answers", "答案数多于试题数（%zu 道）",
			       "more answers than items (%zu)", np),
		       NULL;
	}
	struct submit_ctx c = {.id = id};
	json_t *orig = json_array();
	for (size_t i = 0; i < np && !err_isset(e); i++) {
		struct paper_item pi = paper_item_of(json_array_get(paper, i));
		char o[9] = "";
		if (i < n && answers[i])
			paper_unshuffle(&pi, answers[i], o, sizeof o);
		json_array_append_new(orig, json_string(o));
		st = db_query(d, "SELECT answer, points FROM items WHERE id = $1", DB_ARGS(DV_I(pi.item_id)),
			      e);
		if (st && db_row(st, e) == 1 && elearn_answer_right(o, db_text(st, 0))) {
			c.score += db_double(st, 1);
			c.correct++;
		}
		db_done(st);
	}
	json_decref(paper);
	if (err_isset(e))
		return json_decref(orig), NULL;
	char *txt = json_dumps(orig, JSON_COMPACT);
	json_decref(orig);
	c.answers = txt;
	int rc = svc_tx(d, a, submit_work, &c, e);
	free(txt);
	return rc == 0 ? practice_get(d, a, id, e) : NULL;
}

/* ---- the pool ---- */

struct release_ctx {
	int64_t item, key, inst;
	const char *explanation;
	bool created;
};

static int release_work(tx *t, void *ctx, err *e)
{
	struct release_ctx *c = ctx;
	int64_t now = now_s();
	int64_t n = db_run(t->d,
			   "UPDATE practice_items SET explanation = $2, updated_at = $3 WHERE item_key = $1",
			   DB_ARGS(DV_I(c->key), DV_S(c->explanation), DV_I(now)), e);
	if (n < 0)
		return -1;
	c->created = n == 0;
	if (c->created && db_run(t->d,
				 "INSERT INTO practice_items (item_key, institution_id, explanation, "
				 "released_by, released_at, "
				 "updated_at) VALUES ($1, $2, $3, $4, $5, $5)",
				 DB_ARGS(DV_I(c->key), c->inst ? DV_I(c->inst) : DV_NULL,
					 DV_S(c->explanation), DV_I(t->a->user_id), DV_I(now)),
				 e) < 0)
		return -1;
	tx_audit(t, c->created ? "practice.item.release" : "practice.item.explain", "item", c->item,
		 json_pack("{s:I,s:I}", "item_key", (json_int_t)c->key, "explanation_chars",
			   (json_int_t)utf8_chars(c->explanation)));
	return 0;
}

json_t *practice_release(db *d, const principal *a, int64_t item_id, const char *explanation, err *e)
{
	/* the item's bank editor: the scope table's writers of the item (the province its bank, an
	 * institution its own) */
	if (scope_check(d, a, SE_ITEM, item_id, SCOPE_WRITE, "item_id", e) != 0)
		return NULL;
	if (check_text(explanation, "explanation", 2000, false, e) != 0)
		return NULL;
	struct release_ctx c = {.item = item_id, .explanation = explanation ? explanation : ""};
	db_stmt *st =
		db_query(d, "SELECT item_key, COALESCE(institution_id, 0), active FROM items WHERE id = $1",
			 DB_ARGS(DV_I(item_id)), e);
	int row = st ? db_row(st, e) : -1;
	bool active = false;
	if (row == 1) {
		c.key = db_int(st, 0);
		c.inst = db_int(st, 1);
		active = db_int(st, 2) != 0;
	}
	db_done(st);
	if (row < 0)
		return NULL;
	if (row == 0)
		return err_set(e, 404, "not_found", "item_id", "试题不存在", "no such item"), NULL;
	if (!active)
		return err_set(e, 409, "not_current", "item_id", "只能发布试题的现行版本",
			       "only an item's current version is released"),
		       NULL;
	/* never while a version of it is on a paper of a sitting still under way (a candidate admitted or
	 * answering): the candidates of that sitting would find it in the practice pool */
	int64_t busy = 0;
	if (db_one_int(d,
		       "SELECT COUNT(*) FROM item_exposure ie JOIN items v ON v.id = ie.item_id WHERE "
		       "v.item_key = "
		       "$1 AND EXISTS (SELECT 1 FROM attempts t WHERE t.sitting_id = ie.sitting_id AND "
		       "t.status IN "
		       "('admitted', 'started'))",
		       DB_ARGS(DV_I(c.key)), &busy, e) != DB_OK)
		return NULL;
	if (busy)
		return err_set(e, 409, "item_in_use", "item_id",
			       "该试题在尚未结束的考试试卷中，考试结束后才能发布为练习题",
			       "the item is on a paper of a sitting still under way; release it after the "
			       "sitting"),
		       NULL;
	if (svc_tx(d, a, release_work, &c, e) != 0)
		return NULL;
	return json_pack("{s:I,s:I,s:s,s:b}", "item_id", (json_int_t)item_id, "item_key", (json_int_t)c.key,
			 "explanation", c.explanation, "released", c.created);
}

static json_t *pool_view(db_stmt *st)
{
	json_t *opts = json_loads(db_text(st, 5), 0, NULL);
	return json_pack("{s:I,s:I,s:s,s:I,s:s,s:s,s:o,s:s,s:f,s:s,s:o,s:I}", "id", (json_int_t)db_int(st, 0),
			 "item_key", (json_int_t)db_int(st, 1), "occupation_code", db_text(st, 2), "level",
			 (json_int_t)db_int(st, 3), "kind", db_text(st, 4), "stem", db_text(st, 6), "options",
			 opts ? opts : json_array(), "answer", db_text(st, 7), "points", db_double(st, 8),
			 "explanation", db_text(st, 9), "institution_id", nint(st, 10), "released_at",
			 (json_int_t)db_int(st, 11));
}

json_t *practice_pool(db *d, const principal *a, const char *occupation_code, int64_t level, int64_t limit,
		      int64_t offset, err *e)
{
	if (scope_reach_of(a, SE_ITEM, SCOPE_READ) == REACH_NONE)
		return err_set(e, 403, "forbidden", NULL, "无权查看题库", "you may not read the item bank"),
		       NULL;
	query w;
	q_init(&w, "");
	q_and(&w, "it.active = 1", DV_NULL);
	scope_where(&w, a, SE_ITEM, SCOPE_READ);
	if (occupation_code && *occupation_code)
		q_and(&w, "it.occupation_code = ?", DV_S(occupation_code));
	if (level > 0)
		q_and(&w, "it.level = ?", DV_I(level));
	int64_t total = 0;
	db_stmt *st = q_page(
		d, &w, "SELECT COUNT(*) FROM items it JOIN practice_items px ON px.item_key = it.item_key",
		"SELECT it.id, it.item_key, it.occupation_code, it.level, it.kind, it.options, it.stem, "
		"it.answer, "
		"it.points, px.explanation, px.institution_id, px.released_at FROM items it JOIN "
		"practice_items "
		"px ON px.item_key = it.item_key",
		"it.id", limit, offset, &total, e);
	json_t *items = st ? rows_json(st, pool_view, e) : NULL;
	q_free(&w);
	if (!items)
		return NULL;
	if (a->role == ROLE_SUPERVISOR) { /* supervisors audit the banks without their keys */
		size_t i;
		json_t *it;
		json_array_foreach(items, i, it) json_object_del(it, "answer");
	}
	return json_pack("{s:o,s:I}", "items", items, "total", (json_int_t)total);
}

/* ---- the limits ---- */

static json_t *rule_view(db_stmt *st)
{
	return json_pack("{s:s,s:s,s:I,s:I,s:s,s:I}", "region_code", db_text(st, 0), "region_name",
			 db_text(st, 1), "papers_per_day", (json_int_t)db_int(st, 2), "items_per_paper",
			 (json_int_t)db_int(st, 3), "source", db_text(st, 4), "updated_at",
			 (json_int_t)db_int(st, 5));
}

json_t *practice_rules(db *d, const principal *a, err *e)
{
	(void)a;
	db_stmt *st =
		db_query(d,
			 "SELECT r.region_code, COALESCE(g.name, ''), r.papers_per_day, r.items_per_paper, "
			 "r.source, r.updated_at FROM practice_rules r LEFT JOIN regions g ON g.code = "
			 "r.region_code ORDER BY r.region_code",
			 DB_NOARGS, e);
	json_t *items = st ? rows_json(st, rule_view, e) : NULL;
	return items ? json_pack("{s:o}", "items", items) : NULL;
}

struct rule_ctx {
	const char *region, *source;
	int64_t per_day, per_paper;
};

static int rule_work(tx *t, void *ctx, err *e)
{
	struct rule_ctx *c = ctx;
	if (db_run(t->d,
		   "INSERT INTO practice_rules (region_code, papers_per_day, items_per_paper, source, "
		   "updated_by, "
		   "updated_at) VALUES ($1,$2,$3,$4,$5,$6) ON CONFLICT (region_code) DO UPDATE SET "
		   "papers_per_day = "
		   "$2, items_per_paper = $3, source = $4, updated_by = $5, updated_at = $6",
		   DB_ARGS(DV_S(c->region), DV_I(c->per_day), DV_I(c->per_paper), DV_S(c->source),
			   DV_I(t->a->user_id), DV_I(now_s())),
		   e) < 0)
		return -1;
	tx_audit_key(t, "practice.rule.set", "practice_rule", c->region,
		     json_pack("{s:I,s:I,s:s}", "papers_per_day", (json_int_t)c->per_day, "items_per_paper",
			       (json_int_t)c->per_paper, "source", c->source));
	return 0;
}

json_t *practice_rule_put(db *d, const principal *a, const char *region_code, int64_t papers_per_day,
			  int64_t items_per_paper, const char *source, err *e)
{
	/* the province sets the limits, its own and each city's (a province-wide rule of the practice pool)
	 */
	if (scope_reach_of(a, SE_PRACTICE_PAPER, SCOPE_READ) != REACH_ALL)
		return err_set(e, 403, "forbidden", NULL, "只有省级人社部门可以设定模拟练习限额",
			       "only the province sets the practice limits"),
		       NULL;
	if (papers_per_day < 0 || papers_per_day > 100)
		return err_set(e, 422, "invalid_value", "papers_per_day", "每日套数应为 0 至 100",
			       "papers_per_day is 0 to 100"),
		       NULL;
	if (items_per_paper < 1 || items_per_paper > MAX_ITEMS)
		return err_set(e, 422, "invalid_value", "items_per_paper", "每套题量应为 1 至 %d",
			       "items_per_paper is 1 to %d", MAX_ITEMS),
		       NULL;
	if (check_text(source, "source", 500, true, e) != 0)
		return NULL;
	int64_t n = 0;
	if (db_one_int(d, "SELECT COUNT(*) FROM regions WHERE code = $1",
		       DB_ARGS(DV_S(region_code ? region_code : "")), &n, e) != DB_OK)
		return NULL;
	if (!n)
		return err_set(e, 404, "not_found", "region_code", "地区编码不存在", "no such region"), NULL;
	if (strlen(region_code) != 6 || (strcmp(region_code, "370000") && strcmp(region_code + 4, "00")))
		return err_set(e, 422, "invalid_value", "region_code", "地区应为全省 370000 或一个市的编码",
			       "region_code is the province (370000) or a city"),
		       NULL;
	struct rule_ctx c = {.region = region_code,
			     .source = source,
			     .per_day = papers_per_day,
			     .per_paper = items_per_paper};
	if (svc_tx(d, a, rule_work, &c, e) != 0)
		return NULL;
	return practice_rules(d, a, e);
}
