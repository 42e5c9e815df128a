/* contest.c: 知识竞赛 — rounds on a paper from the item bank, timed answers, scoring at the deadline,
 * leaderboards and the answer-copying check (contest.h; docs/DOMAIN.md §55) */
#include "util/common.h"
#include "svc/cultivation/contest.h"
#include "core/elearn.h"
#include "core/mask.h"
#include "core/paper.h"
#include "crypto/token.h"
#include "psy/psy.h"
#include "svc/auth/auth.h"
#include "svc/base/ticker.h"
#include "svc/base/tx.h"
#include "svc/base/scope.h"
#include "store/query.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/log.h"
#include <stdlib.h>

#define MAX_ITEMS 100
#define CHUNK	  400 /* rows of one scoring UPDATE */

static int not_found(err *e)
{
	return err_set(e, 404, "not_found", NULL, "未找到该竞赛场次", "no such contest round");
}

struct round {
	int64_t id, opens, closes, minutes, nitems, contestants;
	char region[16], status[12];
};

static int round_load(db *d, int64_t id, struct round *r, err *e)
{
	memset(r, 0, sizeof *r);
	db_stmt *st =
		db_query(d,
			 "SELECT region_code, opens_at, closes_at, minutes, nitems, status, contestants "
			 "FROM contest_rounds WHERE id = $1",
			 DB_ARGS(DV_I(id)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		r->id = id;
		snprintf(r->region, sizeof r->region, "%s", db_text(st, 0));
		r->opens = db_int(st, 1);
		r->closes = db_int(st, 2);
		r->minutes = db_int(st, 3);
		r->nitems = db_int(st, 4);
		snprintf(r->status, sizeof r->status, "%s", db_text(st, 5));
		r->contestants = db_int(st, 6);
	}
	db_done(st);
	if (row < 0)
		return -1;
	return row == 1 ? 0 : not_found(e);
}

/* the organiser: the province, or the city of the round's region (the scope table's writers of the round;
 * every round is public to read) */
static bool organises(const principal *a, const char *region)
{
	scope_owner o = {.found = true, .public_row = true};
	snprintf(o.region, sizeof o.region, "%s", region);
	return scope_decide(a, SE_CONTEST_ROUND, &o, SCOPE_WRITE) == 0;
}

/* a contestant acts on their own entry only (the scope table: a person's own account) */
static bool contestant_self(const principal *a)
{
	scope_owner o = {.found = true, .person_id = a->person_id};
	return a->person_id > 0 && scope_decide(a, SE_CONTEST_ENTRY, &o, SCOPE_WRITE) == 0;
}

static const char *const kinds[3] = {"single", "multi", "judge"};

static int kind_index(const char *k)
{
	for (int i = 0; i < 3; i++)
		if (!strcmp(k, kinds[i]))
			return i;
	return 0;
}

#define ROUND_COLS                                                                                           \
	"cr.id, cr.title, cr.occupation_code, cr.level, cr.region_code, cr.opens_at, cr.closes_at, "         \
	"cr.minutes, cr.nitems, cr.status, cr.contestants, cr.scored_at, cr.score_ms, cr.pairs_tested, "     \
	"cr.pairs_flagged, cr.created_at "

static json_t *nint(db_stmt *st, int col)
{
	return db_isnull(st, col) ? json_null() : json_integer(db_int(st, col));
}

static json_t *round_view(db_stmt *st)
{
	return json_pack("{s:I,s:s,s:s,s:I,s:s,s:I,s:I,s:I,s:I,s:s,s:I,s:o,s:o,s:o,s:o,s:I}", "id",
			 (json_int_t)db_int(st, 0), "title", db_text(st, 1), "occupation_code",
			 db_text(st, 2), "level", (json_int_t)db_int(st, 3), "region_code", db_text(st, 4),
			 "opens_at", (json_int_t)db_int(st, 5), "closes_at", (json_int_t)db_int(st, 6),
			 "minutes", (json_int_t)db_int(st, 7), "nitems", (json_int_t)db_int(st, 8), "status",
			 db_text(st, 9), "contestants", (json_int_t)db_int(st, 10), "scored_at", nint(st, 11),
			 "score_ms", nint(st, 12), "pairs_tested", nint(st, 13), "pairs_flagged",
			 nint(st, 14), "created_at", (json_int_t)db_int(st, 15));
}

/* ---- rounds ---- */

struct create_ctx {
	const struct contest_round_input *in;
	char region[16];
	char *paper, *sheet;
	int n;
	int64_t id;
};

static int create_work(tx *t, void *ctx, err *e)
{
	struct create_ctx *c = ctx;
	const struct contest_round_input *in = c->in;
	db_stmt *st =
		db_query(t->d,
			 "INSERT INTO contest_rounds (title, occupation_code, level, region_code, opens_at, "
			 "closes_at, "
			 "minutes, paper, sheet, nitems, created_by, created_at) VALUES "
			 "($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,"
			 "$11,$12) RETURNING id",
			 DB_ARGS(DV_S(in->title), DV_S(in->occupation_code), DV_I(in->level), DV_S(c->region),
				 DV_I(in->opens_at), DV_I(in->closes_at), DV_I(in->minutes), DV_S(c->paper),
				 DV_S(c->sheet), DV_I(c->n), DV_I(t->a->user_id), DV_I(now_s())),
			 e);
	c->id = 0;
	if (st && db_row(st, e) == 1)
		c->id = db_int(st, 0);
	db_done(st);
	if (!c->id)
		return -1;
	tx_audit(t, "contest.round.create", "contest_round", c->id,
		 json_pack("{s:s,s:s,s:I,s:I,s:I,s:I,s:i}", "title", in->title, "occupation_code",
			   in->occupation_code, "level", (json_int_t)in->level, "opens_at",
			   (json_int_t)in->opens_at, "closes_at", (json_int_t)in->closes_at, "nitems", c->n));
	return 0;
}

/* draws the paper: the province's practice pool of the occupation and level (its current items released to
 * practice, §62: a contestant sees the stems, so never an item of the secret exam pool), one blueprint cell
 * per kind, by paper_assemble; the sheet is the paper as shown */
static int draw(db *d, struct create_ctx *c, err *e)
{
	const struct contest_round_input *in = c->in;
	struct bank_item *bank = NULL;
	size_t nbank = 0, cap = 0;
	db_stmt *st =
		db_query(d,
			 "SELECT id, kind, options FROM items WHERE occupation_code = $1 AND level = $2 AND "
			 "active = 1 AND institution_id IS NULL AND EXISTS (SELECT 1 FROM practice_items px "
			 "WHERE px.item_key = items.item_key) ORDER BY id",
			 DB_ARGS(DV_S(in->occupation_code), DV_I(in->level)), e);
	while (st && db_step(st) == DB_ROW) {
		if (nbank == cap)
			bank = xrealloc(bank, (cap = cap ? cap * 2 : 256) * sizeof *bank);
		json_t *o = json_loads(db_text(st, 2), 0, NULL);
		bank[nbank++] = (struct bank_item){.id = db_int(st, 0),
						   .area = 0,
						   .kind = kind_index(db_text(st, 1)),
						   .noptions = (int)json_array_size(o)};
		json_decref(o);
	}
	if (!st || db_finish(st, e) != 0)
		return free(bank), -1;
	struct blueprint_cell cells[3];
	size_t ncells = 0;
	int64_t counts[3] = {in->single, in->multi, in->judge};
	for (int k = 0; k < 3; k++)
		if (counts[k] > 0)
			cells[ncells++] = (struct blueprint_cell){0, k, (int)counts[k]};
	struct paper_item paper[MAX_ITEMS];
	int short_cell = -1;
	int n = paper_assemble(bank, nbank, cells, ncells, random_u64(), paper, MAX_ITEMS, &short_cell);
	free(bank);
	if (n < 0)
		return err_set(
			e, 409, "bank_too_small", NULL,
			"练习题库中该职业等级的试题不足，无法组卷（竞赛只从已开放练习的试题中抽题）",
			"the practice pool of this occupation and level cannot meet the paper (a contest "
			"draws only items released to practice)");
	json_t *pj = json_array(), *sj = json_array();
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
			return -1;
		}
		json_t *opts = json_loads(db_text(st, 2), 0, NULL), *shown = json_array();
		for (int o = 0; o < paper[i].noptions; o++) {
			json_t *x = json_array_get(opts, paper[i].order[o]);
			json_array_append_new(shown,
					      json_string(json_is_string(x) ? json_string_value(x) : ""));
		}
		json_decref(opts);
		json_array_append_new(sj, json_pack("{s:i,s:s,s:s,s:o,s:f}", "pos", i + 1, "kind",
						    db_text(st, 0), "stem", db_text(st, 1), "options", shown,
						    "points", db_double(st, 3)));
		db_done(st);
	}
	c->paper = json_dumps(pj, JSON_COMPACT);
	c->sheet = json_dumps(sj, JSON_COMPACT);
	json_decref(pj);
	json_decref(sj);
	c->n = n;
	return 0;
}

static json_t *round_row(db *d, int64_t id, err *e)
{
	db_stmt *st = db_query(d, "SELECT " ROUND_COLS "FROM contest_rounds cr WHERE cr.id = $1",
			       DB_ARGS(DV_I(id)), e);
	json_t *o = st ? row_json(st, round_view, e) : NULL;
	if (!o && !err_isset(e))
		not_found(e);
	return o;
}

json_t *contest_round_create(db *d, const principal *a, const struct contest_round_input *in, err *e)
{
	struct create_ctx c = {.in = in};
	if (scope_reach_of(a, SE_CONTEST_ROUND, SCOPE_WRITE) == REACH_NONE)
		return err_set(e, 403, "forbidden", NULL, "只有省、市人社部门可以组织知识竞赛",
			       "only the province or a city organises a contest"),
		       NULL;
	if (in->region_code && *in->region_code)
		snprintf(c.region, sizeof c.region, "%s", in->region_code);
	else if (a->region[0] && scope_reach_of(a, SE_CONTEST_ROUND, SCOPE_WRITE) != REACH_ALL)
		snprintf(c.region, sizeof c.region, "%.4s00", a->region); /* a city's own */
	else
		snprintf(c.region, sizeof c.region, "370000");
	if (!organises(a, c.region))
		return err_set(e, 403, "forbidden", "region_code", "只能组织本地区的竞赛",
			       "a city organises rounds in its own region only"),
		       NULL;
	if (check_text(in->title, "title", 100, true, e) != 0)
		return NULL;
	if (!in->occupation_code || !*in->occupation_code)
		return err_set(e, 422, "missing_field", "occupation_code", "缺少职业编码",
			       "occupation_code is required"),
		       NULL;
	if (in->level < 1 || in->level > 5)
		return err_set(e, 422, "invalid_value", "level", "等级应为 1 至 5", "level is 1 to 5"), NULL;
	if (in->closes_at <= in->opens_at || in->closes_at <= now_s())
		return err_set(e, 422, "invalid_value", "closes_at", "截止时间应晚于开始时间和当前时间",
			       "closes_at is after opens_at and now"),
		       NULL;
	if (in->minutes < 1 || in->minutes > 600)
		return err_set(e, 422, "invalid_value", "minutes", "答题时长应为 1 至 600 分钟",
			       "minutes is 1 to 600"),
		       NULL;
	if (in->single < 0 || in->multi < 0 || in->judge < 0 || in->single + in->multi + in->judge < 1 ||
	    in->single + in->multi + in->judge > MAX_ITEMS)
		return err_set(e, 422, "invalid_value", "items", "试题数应为 1 至 %d 道", "1 to %d items",
			       MAX_ITEMS),
		       NULL;
	int64_t n = 0;
	if (db_one_int(d, "SELECT COUNT(*) FROM regions WHERE code = $1", DB_ARGS(DV_S(c.region)), &n, e) !=
	    DB_OK)
		return NULL;
	if (!n)
		return err_set(e, 422, "invalid_value", "region_code", "地区编码不存在", "no such region"),
		       NULL;
	if (db_one_int(d, "SELECT COUNT(*) FROM occupations WHERE code = $1",
		       DB_ARGS(DV_S(in->occupation_code)), &n, e) != DB_OK)
		return NULL;
	if (!n)
		return err_set(e, 422, "invalid_value", "occupation_code", "职业编码不存在",
			       "no such occupation"),
		       NULL;
	if (draw(d, &c, e) != 0)
		return NULL;
	int rc = svc_tx(d, a, create_work, &c, e);
	free(c.paper);
	free(c.sheet);
	return rc == 0 ? round_row(d, c.id, e) : NULL;
}

json_t *contest_round_list(db *d, const principal *a, int64_t limit, int64_t offset, err *e)
{
	query w;
	q_init(&w, "");
	scope_where(&w, a, SE_CONTEST_ROUND, SCOPE_READ);
	int64_t total = 0;
	db_stmt *st = q_page(d, &w, "SELECT COUNT(*) FROM contest_rounds cr",
			     "SELECT " ROUND_COLS "FROM contest_rounds cr", "cr.closes_at DESC, cr.id DESC",
			     limit, offset, &total, e);
	json_t *items = st ? rows_json(st, round_view, e) : NULL;
	q_free(&w);
	if (!items)
		return NULL;
	return json_pack("{s:o,s:I}", "items", items, "total", (json_int_t)total);
}

static json_t *entry_json(db *d, int64_t round, int64_t person, err *e)
{
	db_stmt *st =
		db_query(d,
			 "SELECT started_at, deadline, submitted, score, correct, rank, flagged, answered_at "
			 "FROM contest_entries WHERE round_id = $1 AND person_id = $2",
			 DB_ARGS(DV_I(round), DV_I(person)), e);
	int row = st ? db_row(st, e) : -1;
	json_t *o = json_null();
	if (row == 1)
		o = json_pack("{s:I,s:I,s:b,s:o,s:o,s:o,s:b,s:o}", "started_at", (json_int_t)db_int(st, 0),
			      "deadline", (json_int_t)db_int(st, 1), "submitted", (int)db_int(st, 2), "score",
			      db_isnull(st, 3) ? json_null() : json_real(db_double(st, 3)), "correct",
			      nint(st, 4), "rank", nint(st, 5), "flagged", (int)db_int(st, 6), "answered_at",
			      nint(st, 7));
	db_done(st);
	return row < 0 ? NULL : o;
}

json_t *contest_round_get(db *d, const principal *a, int64_t id, err *e)
{
	if (scope_check(d, a, SE_CONTEST_ROUND, id, SCOPE_READ, NULL, e) != 0)
		return NULL;
	json_t *o = round_row(d, id, e);
	if (!o)
		return NULL;
	if (contestant_self(a)) {
		json_t *m = entry_json(d, id, a->person_id, e);
		if (!m)
			return json_decref(o), NULL;
		json_object_set_new(o, "mine", m);
	} else
		json_object_set_new(o, "mine", json_null());
	return o;
}

/* ---- taking part ---- */

struct enter_ctx {
	int64_t round, person, deadline, started;
	struct round r;
	bool created;
};

static int enter_work(tx *t, void *ctx, err *e)
{
	struct enter_ctx *c = ctx;
	int64_t now = now_s();
	c->started = now;
	c->deadline = now + c->r.minutes * 60 < c->r.closes ? now + c->r.minutes * 60 : c->r.closes;
	int64_t n = db_run(
		t->d,
		"INSERT INTO contest_entries (round_id, person_id, employer_id, city_code, started_at, "
		"deadline) SELECT $1, p.id, p.employer_id, SUBSTR(p.region_code, 1, 4) || '00', $3, $4 "
		"FROM persons p WHERE p.id = $2 ON CONFLICT (round_id, person_id) DO NOTHING",
		DB_ARGS(DV_I(c->round), DV_I(c->person), DV_I(now), DV_I(c->deadline)), e);
	if (n < 0)
		return -1;
	c->created = n > 0;
	if (c->created) {
		if (db_run(t->d, "UPDATE contest_rounds SET contestants = contestants + 1 WHERE id = $1",
			   DB_ARGS(DV_I(c->round)), e) < 0)
			return -1;
		tx_audit(t, "contest.enter", "contest_round", c->round,
			 json_pack("{s:I,s:I}", "person_id", (json_int_t)c->person, "deadline",
				   (json_int_t)c->deadline));
	} else
		tx_audit(t, "contest.resume", "contest_round", c->round,
			 json_pack("{s:I}", "person_id", (json_int_t)c->person));
	return 0;
}

json_t *contest_enter(db *d, const principal *a, int64_t id, err *e)
{
	struct enter_ctx c = {.round = id, .person = a->person_id};
	if (round_load(d, id, &c.r, e) != 0)
		return NULL;
	if (!contestant_self(a))
		return err_set(e, 403, "forbidden", NULL, "只有学员本人可以参赛",
			       "only a learner takes part"),
		       NULL;
	int64_t now = now_s();
	if (now < c.r.opens)
		return err_set(e, 409, "not_open", NULL, "竞赛尚未开始", "the round has not opened yet"),
		       NULL;
	if (now >= c.r.closes || strcmp(c.r.status, "open"))
		return err_set(e, 409, "deadline_passed", NULL, "竞赛已截止", "the round has closed"), NULL;
	if (svc_tx(d, a, enter_work, &c, e) != 0)
		return NULL;
	db_stmt *st = db_query(
		d,
		"SELECT r.sheet, x.started_at, x.deadline, x.answers, x.submitted FROM contest_rounds "
		"r JOIN contest_entries x ON x.round_id = r.id AND x.person_id = $2 WHERE r.id = $1",
		DB_ARGS(DV_I(id), DV_I(a->person_id)), e);
	if (!st || db_row(st, e) != 1)
		return db_done(st), NULL;
	json_t *items = json_loads(db_text(st, 0), 0, NULL);
	json_t *ans = json_loads(db_text(st, 3), 0, NULL);
	json_t *o = json_pack("{s:I,s:I,s:I,s:b,s:o,s:o}", "round_id", (json_int_t)id, "started_at",
			      (json_int_t)db_int(st, 1), "deadline", (json_int_t)db_int(st, 2), "submitted",
			      (int)db_int(st, 4), "items", items ? items : json_array(), "answers_count",
			      json_integer((json_int_t)json_array_size(ans)));
	json_decref(ans);
	db_done(st);
	return o;
}

/* answers */

struct contest_answers_job {
	principal a;
	int64_t round;
	char **shown;
	size_t n;
	bool final;
	/* outcome */
	int64_t deadline, at;
	size_t answered;
};

struct contest_answers_job *contest_answers_prepare(const principal *a, int64_t round_id,
						    const char *const *answers, size_t n, bool final, err *e)
{
	if (!contestant_self(a))
		return err_set(e, 403, "forbidden", NULL, "只有参赛者本人可以作答",
			       "only the contestant answers"),
		       NULL;
	if (n > MAX_ITEMS)
		return err_set(e, 422, "invalid_value", "answers", "答案最多 %d 个", "at most %d answers",
			       MAX_ITEMS),
		       NULL;
	for (size_t i = 0; i < n; i++) {
		const char *s = answers[i] ? answers[i] : "";
		if (strlen(s) > 8 || (*s && elearn_answer_right(s, s) == false))
			return err_set(e, 422, "invalid_value", "answers", "答案应为选项字母 A-H（不重复）",
				       "an answer is option letters A-H, each once"),
			       NULL;
	}
	struct contest_answers_job *j = xcalloc(1, sizeof *j);
	j->a = *a;
	j->round = round_id;
	j->n = n;
	j->final = final;
	j->shown = xcalloc(n + 1, sizeof *j->shown);
	for (size_t i = 0; i < n; i++)
		j->shown[i] = xstrdup(answers[i] ? answers[i] : "");
	return j;
}

void contest_answers_free(struct contest_answers_job *j)
{
	if (!j)
		return;
	for (size_t i = 0; i < j->n; i++)
		free(j->shown[i]);
	free(j->shown);
	free(j);
}

static int answers_work(tx *t, void *ctx, err *e)
{
	struct contest_answers_job *j = ctx;
	int64_t now = now_s();
	j->at = now;
	db_stmt *st = db_query(
		t->d,
		"SELECT x.deadline, x.submitted, r.paper, r.status, r.closes_at FROM contest_entries x JOIN "
		"contest_rounds r ON r.id = x.round_id WHERE x.round_id = $1 AND x.person_id = $2",
		DB_ARGS(DV_I(j->round), DV_I(j->a.person_id)), e);
	int row = st ? db_row(st, e) : -1;
	if (row != 1) {
		db_done(st);
		if (row < 0)
			return -1;
		int64_t n = 0;
		if (db_one_int(t->d, "SELECT COUNT(*) FROM contest_rounds WHERE id = $1",
			       DB_ARGS(DV_I(j->round)), &n, e) != DB_OK)
			return -1;
		return n ? err_set(e, 404, "not_entered", NULL, "尚未参加该场竞赛",
				   "you have not entered this round")
			 : not_found(e);
	}
	j->deadline = db_int(st, 0);
	/* the round's deadline holds for everyone, whenever they started */
	if (db_int(st, 4) < j->deadline)
		j->deadline = db_int(st, 4);
	bool submitted = db_int(st, 1) != 0, open = !strcmp(db_text(st, 3), "open");
	json_t *paper = json_loads(db_text(st, 2), 0, NULL);
	db_done(st);
	if (now >= j->deadline || !open) {
		json_decref(paper);
		return err_set(e, 409, "deadline_passed", "answers", "答题时间已过，答案不予接收",
			       "the time is over: the answers are refused");
	}
	if (submitted) {
		json_decref(paper);
		return err_set(e, 409, "already_submitted", NULL, "答卷已交，不能再修改",
			       "the answers were submitted and cannot change");
	}
	if (j->n > json_array_size(paper)) {
		json_decref(paper);
		return err_set(e, 422, "invalid_value", "answers", "答案数多于试题数",
			       "more answers than items");
	}
	json_t *orig = json_array();
	j->answered = 0;
	for (size_t i = 0; i < j->n; i++) {
		json_t *p = json_array_get(paper, i), *ord = json_object_get(p, "order");
		struct paper_item it = {.noptions = (int)json_array_size(ord)};
		for (int o = 0; o < it.noptions && o < 8; o++)
			it.order[o] = (uint8_t)json_integer_value(json_array_get(ord, (size_t)o));
		char out[9] = "";
		bool ok = true;
		for (const char *s = j->shown[i]; *s; s++)
			ok &= *s - 'A' < it.noptions;
		if (!ok) {
			json_decref(orig);
			json_decref(paper);
			return err_set(e, 422, "invalid_value", "answers", "第 %zu 题没有该选项",
				       "item %zu has no such option", i + 1);
		}
		paper_unshuffle(&it, j->shown[i], out, sizeof out);
		j->answered += out[0] != 0;
		json_array_append_new(orig, json_string(out));
	}
	json_decref(paper);
	char *txt = json_dumps(orig, JSON_COMPACT);
	json_decref(orig);
	int64_t rc = db_run(
		t->d,
		"UPDATE contest_entries SET answers = $3, answered_at = $4, submitted = $5 WHERE "
		"round_id = $1 AND person_id = $2",
		DB_ARGS(DV_I(j->round), DV_I(j->a.person_id), DV_S(txt), DV_I(now), DV_I(j->final ? 1 : 0)),
		e);
	free(txt);
	if (rc < 0)
		return -1;
	tx_audit(t, "contest.answers", "contest_round", j->round,
		 json_pack("{s:I,s:I,s:b}", "person_id", (json_int_t)j->a.person_id, "answered",
			   (json_int_t)j->answered, "final", j->final));
	return 0;
}

int contest_answers_run(db *d, struct contest_answers_job *j, bool in_caller, err *e)
{
	return svc_tx_flags(d, &j->a, in_caller ? TX_INLINE : 0, answers_work, j, e);
}

json_t *contest_answers_result(const struct contest_answers_job *j)
{
	return json_pack("{s:I,s:I,s:b,s:I,s:I}", "round_id", (json_int_t)j->round, "answered",
			 (json_int_t)j->answered, "submitted", j->final, "saved_at", (json_int_t)j->at,
			 "deadline", (json_int_t)j->deadline);
}

/* ---- scoring ---- */

struct key {
	int64_t item;
	char answer[9];
	double points;
};

struct score_ctx {
	int64_t round, scored_at, ms;
	bool rescore;
	struct key keys[MAX_ITEMS];
	size_t nkeys;
	size_t n;
	struct contest_score *s;
};

static int score_work(tx *t, void *ctx, err *e)
{
	struct score_ctx *c = ctx;
	int64_t t0 = mono_ms();
	c->n = 0;
	/* the round is claimed first: a second scorer (another node) finds it scored */
	int64_t claimed = db_run(
		t->d,
		"UPDATE contest_rounds SET status = 'scored', scored_at = $2 WHERE id = $1 AND status = "
		"'open' AND closes_at <= $2",
		DB_ARGS(DV_I(c->round), DV_I(now_s())), e);
	if (claimed < 0)
		return -1;
	/* the organiser may score a scored round again (after a key was corrected in the bank); the
	 * schedule never does */
	if (!claimed && !c->rescore)
		return err_set(e, 409, "already_scored", NULL, "该场竞赛已评分",
			       "the round is already scored");
	db_stmt *st =
		db_query(t->d,
			 "SELECT person_id, answers, started_at, COALESCE(answered_at, started_at) FROM "
			 "contest_entries WHERE round_id = $1",
			 DB_ARGS(DV_I(c->round)), e);
	size_t cap = 0;
	while (st && db_step(st) == DB_ROW) {
		if (c->n == cap) {
			cap = cap ? cap * 2 : 1024;
			c->s = xrealloc(c->s, cap * sizeof *c->s);
		}
		json_t *ans = json_loads(db_text(st, 1), 0, NULL);
		double score = 0;
		int64_t right = 0;
		for (size_t i = 0; i < c->nkeys; i++) {
			const char *x = json_string_value(json_array_get(ans, i));
			if (elearn_answer_right(x, c->keys[i].answer)) {
				score += c->keys[i].points;
				right++;
			}
		}
		json_decref(ans);
		c->s[c->n] =
			(struct contest_score){db_int(st, 0), score, db_int(st, 3) - db_int(st, 2), 0, right};
		c->n++;
	}
	if (!st || db_finish(st, e) != 0)
		return -1;
	contest_rank(c->s, c->n);
	/* the scores, in chunks of one UPDATE ... FROM (VALUES ...) each */
	for (size_t at = 0; at < c->n; at += CHUNK) {
		size_t m = c->n - at < CHUNK ? c->n - at : CHUNK;
		buf sql;
		buf_init(&sql, 0);
		buf_adds(&sql, "WITH v(p, s, c, k) AS (VALUES ");
		dbv *args = xcalloc(m * 4 + 1, sizeof *args);
		for (size_t i = 0; i < m; i++) {
			buf_printf(&sql,
				   "%s(CAST($%zu AS BIGINT), CAST($%zu AS DOUBLE PRECISION), CAST($%zu AS "
				   "BIGINT), CAST($%zu AS BIGINT))",
				   i ? "," : "", i * 4 + 2, i * 4 + 3, i * 4 + 4, i * 4 + 5);
			const struct contest_score *x = &c->s[at + i];
			args[i * 4 + 1] = DV_I(x->person_id);
			args[i * 4 + 2] = DV_D(x->score);
			args[i * 4 + 3] = DV_I(x->tag);
			args[i * 4 + 4] = DV_I(x->rank);
		}
		args[0] = DV_I(c->round);
		buf_adds(&sql, ") UPDATE contest_entries SET score = v.s, correct = v.c, rank = v.k FROM v "
			       "WHERE round_id = $1 AND person_id = v.p");
		int64_t rc = buf_ok(&sql) ? db_run(t->d, sql.ptr, args, (int)(m * 4 + 1), e)
					  : err_set(e, 500, "internal", NULL, "内存不足", "out of memory");
		buf_free(&sql);
		free(args);
		if (rc < 0)
			return -1;
	}
	c->ms = mono_ms() - t0;
	if (db_run(t->d, "UPDATE contest_rounds SET contestants = $2, score_ms = $3 WHERE id = $1",
		   DB_ARGS(DV_I(c->round), DV_I((int64_t)c->n), DV_I(c->ms)), e) < 0)
		return -1;
	tx_audit(t, claimed ? "contest.score" : "contest.rescore", "contest_round", c->round,
		 json_pack("{s:I,s:I}", "contestants", (json_int_t)c->n, "ms", (json_int_t)c->ms));
	return 0;
}

static int load_keys(db *d, int64_t round, struct key *keys, size_t *n, err *e)
{
	*n = 0;
	db_stmt *st = db_query(d, "SELECT paper FROM contest_rounds WHERE id = $1", DB_ARGS(DV_I(round)), e);
	if (!st || db_row(st, e) != 1)
		return db_done(st), err_isset(e) ? -1 : not_found(e);
	json_t *paper = json_loads(db_text(st, 0), 0, NULL);
	db_done(st);
	size_t i;
	json_t *p;
	json_array_foreach(paper, i, p)
	{
		if (i >= MAX_ITEMS)
			break;
		keys[i].item = json_integer_value(json_object_get(p, "item"));
		st = db_query(d, "SELECT answer, points FROM items WHERE id = $1",
			      DB_ARGS(DV_I(keys[i].item)), e);
		if (!st || db_row(st, e) != 1) {
			db_done(st);
			json_decref(paper);
			return -1;
		}
		snprintf(keys[i].answer, sizeof keys[i].answer, "%s", db_text(st, 0));
		keys[i].points = db_double(st, 1);
		db_done(st);
		(*n)++;
	}
	json_decref(paper);
	return 0;
}

/* the answer-copying check of the exam chain over the round's single-answer items (single choice and
 * true/false): flagged pairs into contest_flags and the entries' flags */
struct flags_ctx {
	int64_t round;
	psy_pair *pairs;
	size_t nflag, npairs, kept; /* kept: the most significant pairs stored (at most 200) */
	int64_t *persons;
};

static int flags_work(tx *t, void *ctx, err *e)
{
	struct flags_ctx *c = ctx;
	if (db_run(t->d, "DELETE FROM contest_flags WHERE round_id = $1", DB_ARGS(DV_I(c->round)), e) < 0)
		return -1;
	for (size_t i = 0; i < c->kept; i++) {
		const psy_pair *p = &c->pairs[i];
		if (db_run(t->d,
			   "INSERT INTO contest_flags (round_id, person_a, person_b, identical, "
			   "identical_wrong, omega, "
			   "p) VALUES ($1,$2,$3,$4,$5,$6,$7)",
			   DB_ARGS(DV_I(c->round), DV_I(c->persons[p->a]), DV_I(c->persons[p->b]),
				   DV_I((int64_t)p->identical), DV_I((int64_t)p->identical_wrong),
				   DV_D(p->omega), DV_D(p->p)),
			   e) < 0 ||
		    db_run(t->d,
			   "UPDATE contest_entries SET flagged = 1 WHERE round_id = $1 AND person_id IN ($2, "
			   "$3)",
			   DB_ARGS(DV_I(c->round), DV_I(c->persons[p->a]), DV_I(c->persons[p->b])), e) < 0)
			return -1;
	}
	if (db_run(t->d, "UPDATE contest_rounds SET pairs_tested = $2, pairs_flagged = $3 WHERE id = $1",
		   DB_ARGS(DV_I(c->round), DV_I((int64_t)c->npairs), DV_I((int64_t)c->nflag)), e) < 0)
		return -1;
	tx_audit(t, "contest.collusion", "contest_round", c->round,
		 json_pack("{s:I,s:I}", "pairs_tested", (json_int_t)c->npairs, "pairs_flagged",
			   (json_int_t)c->nflag));
	return 0;
}

static int collusion(db *d, const principal *a, int64_t round, const struct key *keys, size_t nkeys, err *e)
{
	/* the items with one right option */
	size_t cols[MAX_ITEMS], k = 0;
	for (size_t i = 0; i < nkeys; i++)
		if (strlen(keys[i].answer) == 1)
			cols[k++] = i;
	struct flags_ctx c = {.round = round};
	int8_t *opt = NULL, key[MAX_ITEMS];
	size_t n = 0, cap = 0;
	int rc = -1;
	arena *ar = NULL;
	for (size_t j = 0; j < k; j++)
		key[j] = (int8_t)(keys[cols[j]].answer[0] - 'A');
	db_stmt *st = db_query(
		d, "SELECT person_id, answers FROM contest_entries WHERE round_id = $1 ORDER BY person_id",
		DB_ARGS(DV_I(round)), e);
	while (st && db_step(st) == DB_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 1024;
			opt = xrealloc(opt, cap * (k ? k : 1));
			c.persons = xrealloc(c.persons, cap * sizeof *c.persons);
		}
		c.persons[n] = db_int(st, 0);
		json_t *ans = json_loads(db_text(st, 1), 0, NULL);
		for (size_t j = 0; j < k; j++) {
			const char *x = json_string_value(json_array_get(ans, cols[j]));
			opt[n * k + j] = x && strlen(x) == 1 ? (int8_t)(x[0] - 'A') : PSY_NA;
		}
		json_decref(ans);
		n++;
	}
	if (!st || db_finish(st, e) != 0)
		goto out;
	if (n >= 2 && k >= 1) {
		ar = arena_new();
		c.pairs = xcalloc(200, sizeof *c.pairs);
		int groups = (int)(n / 20);
		psy_collusion_opts co = {.q = 0.05, .groups = groups < 1 ? 1 : groups > 10 ? 10 : groups};
		if (psy_collusion(n, k, opt, key, 8, &co, c.pairs, 200, &c.nflag, &c.npairs, ar, e) != 0)
			goto out;
		c.kept = c.nflag > 200 ? 200 : c.nflag;
	}
	rc = svc_tx(d, a, flags_work, &c, e);
out:
	if (ar)
		arena_free(ar);
	free(c.pairs);
	free(c.persons);
	free(opt);
	return rc;
}

static json_t *score_round(db *d, const principal *a, int64_t id, bool rescore, err *e)
{
	struct score_ctx *c = xcalloc(1, sizeof *c);
	c->round = id;
	c->rescore = rescore;
	json_t *out = NULL;
	if (load_keys(d, id, c->keys, &c->nkeys, e) != 0 || svc_tx(d, a, score_work, c, e) != 0)
		goto done;
	/* the copying check after the scores are committed: the leaderboard does not wait for it */
	if (collusion(d, a, id, c->keys, c->nkeys, e) != 0) {
		log_warn("contest %lld: the collusion check failed: %s", (long long)id, e->en);
		err_clear(e);
	}
	out = round_row(d, id, e);
done:
	free(c->s);
	free(c);
	return out;
}

json_t *contest_score(db *d, const principal *a, int64_t id, err *e)
{
	struct round r;
	if (round_load(d, id, &r, e) != 0)
		return NULL;
	if (!organises(a, r.region))
		return err_set(e, 403, "forbidden", NULL, "只有竞赛组织方可以评分",
			       "only the organiser scores"),
		       NULL;
	if (now_s() < r.closes)
		return err_set(e, 409, "not_closed", NULL, "竞赛尚未截止，截止后评分",
			       "the round closes first"),
		       NULL;
	return score_round(d, a, id, true, e);
}

int contest_score_due(db *d, int *scored, err *e)
{
	*scored = 0;
	principal sys;
	principal_system(&sys, "contest-schedule");
	int64_t ids[64];
	int n = 0;
	db_stmt *st =
		db_query(d,
			 "SELECT id FROM contest_rounds WHERE status = 'open' AND closes_at <= $1 ORDER BY "
			 "closes_at LIMIT 64",
			 DB_ARGS(DV_I(now_s())), e);
	while (st && db_step(st) == DB_ROW)
		ids[n++] = db_int(st, 0);
	if (!st || db_finish(st, e) != 0)
		return -1;
	for (int i = 0; i < n; i++) {
		json_t *o = score_round(d, &sys, ids[i], false, e);
		if (!o) {
			if (e->status == 409) { /* another node scored it first */
				err_clear(e);
				continue;
			}
			return -1;
		}
		json_decref(o);
		(*scored)++;
	}
	return 0;
}

/* ---- leaderboards ---- */

json_t *contest_leaderboard(db *d, const principal *a, int64_t id, const char *by, int64_t limit,
			    int64_t offset, err *e)
{
	struct round r;
	if (round_load(d, id, &r, e) != 0 ||
	    scope_check(d, a, SE_CONTEST_ROUND, id, SCOPE_READ, NULL, e) != 0)
		return NULL;
	if (!by || !*by)
		by = "person";
	if (strcmp(by, "person") && strcmp(by, "employer") && strcmp(by, "city"))
		return err_set(e, 422, "invalid_value", "by", "排行方式应为 person、employer 或 city",
			       "by is person, employer or city"),
		       NULL;
	if (strcmp(r.status, "scored"))
		return err_set(e, 409, "not_scored", NULL, "竞赛截止评分后才有排行榜",
			       "the leaderboard exists once the round is scored"),
		       NULL;
	bool org = organises(a, r.region);
	json_t *items = json_array();
	db_stmt *st;
	int64_t total = 0;
	if (!strcmp(by, "person")) {
		st = db_query(
			d,
			"SELECT x.rank, x.person_id, p.name, x.score, x.correct, x.answered_at - "
			"x.started_at, "
			"COALESCE(i.name, ''), x.city_code, COALESCE(g.name, ''), x.flagged FROM "
			"contest_entries x "
			"JOIN persons p ON p.id = x.person_id LEFT JOIN institutions i ON i.id = "
			"x.employer_id "
			"LEFT JOIN regions g ON g.code = x.city_code WHERE x.round_id = $1 ORDER BY x.rank, "
			"x.person_id LIMIT $2 OFFSET $3",
			DB_ARGS(DV_I(id), DV_I(limit), DV_I(offset)), e);
		while (st && db_step(st) == DB_ROW) {
			bool own = contestant_self(a) && a->person_id == db_int(st, 1);
			char masked[64];
			mask_name(db_text(st, 2), masked, sizeof masked);
			json_t *row = json_pack(
				"{s:I,s:s,s:f,s:I,s:I,s:s,s:s,s:s,s:b}", "rank", (json_int_t)db_int(st, 0),
				"name", org || own ? db_text(st, 2) : masked, "score", db_double(st, 3),
				"correct", (json_int_t)db_int(st, 4), "took_s", (json_int_t)db_int(st, 5),
				"employer_name", db_text(st, 6), "city_code", db_text(st, 7), "city_name",
				db_text(st, 8), "mine", own);
			if (org) {
				json_object_set_new(row, "person_id", json_integer(db_int(st, 1)));
				json_object_set_new(row, "flagged", json_boolean(db_int(st, 9)));
			}
			json_array_append_new(items, row);
		}
		total = r.contestants;
	} else {
		bool emp = !strcmp(by, "employer");
		st = db_query(
			d,
			emp ? "SELECT x.employer_id, COALESCE(i.name, ''), COUNT(*), AVG(x.score), "
			      "MAX(x.score) "
			      "FROM contest_entries x JOIN institutions i ON i.id = x.employer_id WHERE "
			      "x.round_id "
			      "= $1 GROUP BY x.employer_id, i.name ORDER BY AVG(x.score) DESC, COUNT(*) "
			      "DESC, "
			      "x.employer_id LIMIT $2 OFFSET $3"
			    : "SELECT 0, x.city_code || ' ' || COALESCE(g.name, ''), COUNT(*), AVG(x.score), "
			      "MAX(x.score) FROM contest_entries x LEFT JOIN regions g ON g.code = "
			      "x.city_code "
			      "WHERE x.round_id = $1 GROUP BY x.city_code, g.name ORDER BY AVG(x.score) "
			      "DESC, "
			      "COUNT(*) DESC, x.city_code LIMIT $2 OFFSET $3",
			DB_ARGS(DV_I(id), DV_I(limit), DV_I(offset)), e);
		int64_t k = offset;
		while (st && db_step(st) == DB_ROW) {
			json_t *row =
				json_pack("{s:I,s:s,s:I,s:f,s:f}", "rank", (json_int_t)++k, "name",
					  db_text(st, 1), "contestants", (json_int_t)db_int(st, 2),
					  "mean_score", db_double(st, 3), "best_score", db_double(st, 4));
			if (emp)
				json_object_set_new(row, "employer_id", json_integer(db_int(st, 0)));
			json_array_append_new(items, row);
		}
		if (st &&
		    db_one_int(
			    d,
			    emp ? "SELECT COUNT(DISTINCT employer_id) FROM contest_entries WHERE round_id = "
				  "$1"
				: "SELECT COUNT(DISTINCT city_code) FROM contest_entries WHERE round_id = $1",
			    DB_ARGS(DV_I(id)), &total, e) != DB_OK) {
			db_done(st);
			json_decref(items);
			return NULL;
		}
	}
	if (!st || db_finish(st, e) != 0)
		return json_decref(items), NULL;
	return json_pack("{s:s,s:o,s:I}", "by", by, "items", items, "total", (json_int_t)total);
}

/* ---- the schedule ---- */

/* every 250 ms: a round is scored well within a second of its deadline */
static ticker *sched;

int contest_scheduler_start(const char *db_url)
{
	sched = ticker_start("contest schedule", "rounds scored", db_url, 250, contest_score_due);
	return sched ? 0 : -1;
}

void contest_scheduler_stop(void)
{
	ticker_stop(sched);
	sched = NULL;
}
