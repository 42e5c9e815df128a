/* selections.c: 评选项目 — programmes, rounds, quotas, nominations with the rule engine, expert scores with
 * 回避, ranking, 公示 and appointment; outside honours imported onto the talent record (see selections.h) */
#include "util/common.h"
#include "svc/incentive/selections.h"
#include "core/date.h"
#include "core/idnum.h"
#include "core/money.h"
#include "core/scope.h"
#include "core/selection_rules.h"
#include "core/workdays.h"
#include "crypto/pii.h"
#include "svc/base/import.h"
#include "svc/base/scope.h"
#include "svc/base/svc.h"
#include "svc/base/tx.h"
#include "svc/incentive/allowances.h"
#include "svc/evaluation/practical.h"
#include "util/arena.h"
#include "svc/registry/refdata_load.h"
#include "svc/stats/counters.h"
#include <ctype.h>
#include <stdlib.h>

#define ID_FIELD  "id_number:resident_id" /* persons' blind-index field for a 居民身份证 number */
#define FACTS_MAX 64

static int province_only(const principal *a, err *e)
{
	if (a->role == ROLE_PROVINCE_ADMIN)
		return 0;
	return err_set(e, 403, "forbidden", NULL, "评选项目由省级人社部门组织",
		       "the province runs the selection programmes");
}

static json_t *money_json(int64_t fen)
{
	char b[MONEY_BUF];
	money_format(fen, 0, b, sizeof b);
	return json_string(b);
}

static int day_of(const char *s)
{
	int ymd = 0;
	return s && date_parse(s, &ymd) == 0 ? ymd : 0;
}

/* the day `months` months after ymd (the last day of a shorter month) */
static int add_months(int ymd, int months)
{
	int y = ymd / 10000, m = ymd / 100 % 100 - 1 + months, dd = ymd % 100;
	y += m / 12;
	m = m % 12 + 1;
	int v = y * 10000 + m * 100 + dd;
	while (!date_valid(v) && dd > 28)
		v = y * 10000 + m * 100 + --dd;
	return v;
}

/* ---- programmes ---- */

#define PROG_COLS                                                                                            \
	"code, name, cycle_years, max_places, min_level, title_grade, front_line, max_age, preferred_age, "  \
	"renominate_years, term_months, monthly_fen, monthly_floor_fen, lump_fen, yearly_fen, "              \
	"yearly_work_fen, honour_kind, recommend_to, source, gaps, active"

struct prog {
	char code[33], name[80], honour[40];
	struct sel_rules rules;
	int cycle_years, max_places, term_months;
	int64_t monthly, floor, lump, yearly, work_fund;
};

static void prog_read(db_stmt *st, struct prog *p)
{
	snprintf(p->code, sizeof p->code, "%s", db_text(st, 0));
	snprintf(p->name, sizeof p->name, "%s", db_text(st, 1));
	p->cycle_years = (int)db_int(st, 2);
	p->max_places = (int)db_int(st, 3);
	p->rules = (struct sel_rules){.min_level = (int)db_int(st, 4),
				      .title_grade = (int)db_int(st, 5),
				      .front_line = db_int(st, 6) != 0,
				      .max_age = (int)db_int(st, 7),
				      .preferred_age = (int)db_int(st, 8),
				      .renominate_years = (int)db_int(st, 9)};
	p->term_months = (int)db_int(st, 10);
	p->monthly = db_int(st, 11);
	p->floor = db_int(st, 12);
	p->lump = db_int(st, 13);
	p->yearly = db_int(st, 14);
	p->work_fund = db_int(st, 15);
	snprintf(p->honour, sizeof p->honour, "%s", db_text(st, 16));
}

static int prog_load(db *d, const char *code, struct prog *p, err *e)
{
	db_stmt *st = db_query(d, "SELECT " PROG_COLS " FROM selection_programmes WHERE code = $1",
			       DB_ARGS(DV_S(code ? code : "")), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1)
		prog_read(st, p);
	db_done(st);
	if (row == 0)
		return err_set(e, 404, "not_found", "programme", "评选项目不存在", "no such programme");
	return row == 1 ? 0 : -1;
}

static json_t *prog_view(db_stmt *st)
{
	static const char *const grade_zh[4] = {"", "初级职称", "中级职称", "高级职称"};
	int lv = (int)db_int(st, 4), gr = (int)db_int(st, 5);
	return json_pack("{s:s,s:s,s:I,s:I,s:I,s:s,s:I,s:s,s:b,s:I,s:I,s:I,s:I,s:I,s:o,s:I,s:o,s:I,s:o,s:I,s:"
			 "o,s:I,s:o,"
			 "s:s,s:s,s:s,s:s,s:b}",
			 "code", db_text(st, 0), "name", db_text(st, 1), "cycle_years",
			 (json_int_t)db_int(st, 2), "max_places", (json_int_t)db_int(st, 3), "min_level",
			 (json_int_t)lv, "min_level_zh", sel_level_zh(lv), "title_grade", (json_int_t)gr,
			 "title_grade_zh", gr >= 0 && gr <= 3 ? grade_zh[gr] : "", "front_line",
			 db_int(st, 6) != 0, "max_age", (json_int_t)db_int(st, 7), "preferred_age",
			 (json_int_t)db_int(st, 8), "renominate_years", (json_int_t)db_int(st, 9),
			 "term_months", (json_int_t)db_int(st, 10), "monthly_fen", (json_int_t)db_int(st, 11),
			 "monthly", money_json(db_int(st, 11)), "monthly_floor_fen",
			 (json_int_t)db_int(st, 12), "monthly_floor", money_json(db_int(st, 12)), "lump_fen",
			 (json_int_t)db_int(st, 13), "lump", money_json(db_int(st, 13)), "yearly_fen",
			 (json_int_t)db_int(st, 14), "yearly", money_json(db_int(st, 14)), "yearly_work_fen",
			 (json_int_t)db_int(st, 15), "yearly_work", money_json(db_int(st, 15)), "honour_kind",
			 db_text(st, 16), "recommend_to", db_text(st, 17), "source", db_text(st, 18), "gaps",
			 db_text(st, 19), "active", db_int(st, 20) != 0);
}

json_t *sel_programmes_json(db *d, err *e)
{
	json_t *items = rows_json(
		db_query(d, "SELECT " PROG_COLS " FROM selection_programmes ORDER BY position, code",
			 DB_NOARGS, e),
		prog_view, e);
	return items ? json_pack("{s:o}", "items", items) : NULL;
}

struct prog_ctx {
	const char *code;
	const struct sel_programme_input *in;
};

static int prog_work(tx *t, void *ctx, err *e)
{
	struct prog_ctx *c = ctx;
	struct prog p;
	if (prog_load(t->d, c->code, &p, e))
		return -1;
	const struct sel_programme_input *in = c->in;
	int64_t monthly = in->monthly_fen >= 0 ? in->monthly_fen : p.monthly;
	if (monthly > 0 && monthly < p.floor) {
		char f[MONEY_BUF];
		money_format(p.floor, 0, f, sizeof f);
		return err_set(e, 422, "below_floor", "monthly", "月津贴不得低于 %s 元（种子 003：不低于）",
			       "the monthly allowance may not be below %s yuan (seed 003: 不低于)", f);
	}
	if ((in->max_age > 0 && in->preferred_age > in->max_age) || in->min_level > 5 ||
	    in->title_grade > 3 || in->term_months > 240 || in->max_places > 100000 || in->cycle_years > 20 ||
	    in->max_age > 100 || in->renominate_years > 20)
		return err_set(e, 422, "invalid_value", NULL, "项目数据超出范围",
			       "a value of the programme is out of range");
	if (db_run(t->d,
		   "UPDATE selection_programmes SET "
		   "max_places = CASE WHEN $2 < 0 THEN max_places ELSE $2 END, "
		   "cycle_years = CASE WHEN $3 < 0 THEN cycle_years ELSE $3 END, "
		   "min_level = CASE WHEN $4 < 0 THEN min_level ELSE $4 END, "
		   "title_grade = CASE WHEN $5 < 0 THEN title_grade ELSE $5 END, "
		   "front_line = CASE WHEN $6 < 0 THEN front_line ELSE $6 END, "
		   "max_age = CASE WHEN $7 < 0 THEN max_age ELSE $7 END, "
		   "preferred_age = CASE WHEN $8 < 0 THEN preferred_age ELSE $8 END, "
		   "renominate_years = CASE WHEN $9 < 0 THEN renominate_years ELSE $9 END, "
		   "term_months = CASE WHEN $10 < 0 THEN term_months ELSE $10 END, "
		   "active = CASE WHEN $11 < 0 THEN active ELSE $11 END, "
		   "monthly_fen = $12, "
		   "lump_fen = CASE WHEN $13 < 0 THEN lump_fen ELSE $13 END, "
		   "yearly_fen = CASE WHEN $14 < 0 THEN yearly_fen ELSE $14 END, "
		   "yearly_work_fen = CASE WHEN $15 < 0 THEN yearly_work_fen ELSE $15 END, "
		   "source = $16, updated_at = $17 WHERE code = $1",
		   DB_ARGS(DV_S(c->code), DV_I(in->max_places), DV_I(in->cycle_years), DV_I(in->min_level),
			   DV_I(in->title_grade), DV_I(in->front_line), DV_I(in->max_age),
			   DV_I(in->preferred_age), DV_I(in->renominate_years), DV_I(in->term_months),
			   DV_I(in->active), DV_I(monthly), DV_I(in->lump_fen), DV_I(in->yearly_fen),
			   DV_I(in->yearly_work_fen), DV_S(in->source), DV_I(now_s())),
		   e) != 1)
		return err_isset(e)
			       ? -1
			       : err_set(e, 404, "not_found", NULL, "评选项目不存在", "no such programme");
	tx_audit_key(t, "selection_programme.updated", "selection_programme", c->code,
		     json_pack("{s:I,s:I,s:I,s:s}", "monthly_fen", (json_int_t)monthly, "term_months",
			       (json_int_t)in->term_months, "max_places", (json_int_t)in->max_places,
			       "source", in->source));
	return 0;
}

json_t *sel_programme_put(db *d, const principal *a, const char *code, const struct sel_programme_input *in,
			  err *e)
{
	if (province_only(a, e) || check_text(in->source, "source", 300, true, e))
		return NULL;
	struct prog_ctx c = {code, in};
	if (svc_tx(d, a, prog_work, &c, e))
		return NULL;
	return row_json(db_query(d, "SELECT " PROG_COLS " FROM selection_programmes WHERE code = $1",
				 DB_ARGS(DV_S(code)), e),
			prog_view, e);
}

/* ---- rounds ---- */

#define ROUND_COLS                                                                                           \
	"r.id, r.programme, p.name, r.year, r.title, r.places, r.monthly_fen, r.ref_date, "                  \
	"r.nominate_until, "                                                                                 \
	"r.schedule, r.min_experts, r.publicity_days, r.status, r.publicity_start, r.publicity_end, "        \
	"r.term_start, r.created_at, (SELECT COUNT(*) FROM selection_nominations sn WHERE sn.round_id = "    \
	"r.id)"
#define ROUND_FROM " FROM selection_rounds r JOIN selection_programmes p ON p.code = r.programme"

static const char *round_status_zh(const char *s)
{
	return !strcmp(s, "nominating")	 ? "推荐中"
	       : !strcmp(s, "reviewing") ? "专家评审"
	       : !strcmp(s, "publicity") ? "公示中"
	       : !strcmp(s, "appointed") ? "已任用"
	       : !strcmp(s, "cancelled") ? "已撤销"
					 : s;
}

static json_t *round_view(db_stmt *st)
{
	const char *status = db_text(st, 12);
	return json_pack("{s:I,s:s,s:s,s:I,s:s,s:I,s:I,s:o,s:s,s:s,s:s,s:I,s:I,s:s,s:s,s:s,s:s,s:s,s:I,s:I}",
			 "id", (json_int_t)db_int(st, 0), "programme", db_text(st, 1), "programme_name",
			 db_text(st, 2), "year", (json_int_t)db_int(st, 3), "title", db_text(st, 4), "places",
			 (json_int_t)db_int(st, 5), "monthly_fen", (json_int_t)db_int(st, 6), "monthly",
			 money_json(db_int(st, 6)), "ref_date", db_text(st, 7), "nominate_until",
			 db_text(st, 8), "schedule", db_text(st, 9), "min_experts",
			 (json_int_t)db_int(st, 10), "publicity_days", (json_int_t)db_int(st, 11), "status",
			 status, "status_zh", round_status_zh(status), "publicity_start", db_text(st, 13),
			 "publicity_end", db_text(st, 14), "term_start", db_text(st, 15), "created_at",
			 (json_int_t)db_int(st, 16), "nominations", (json_int_t)db_int(st, 17));
}

struct round_row {
	int64_t id;
	char programme[33], status[16], ref_date[11], pub_end[11], title[120];
	int year, places, min_experts, publicity_days;
	int64_t monthly;
};

static int round_load(db *d, int64_t id, struct round_row *r, err *e)
{
	db_stmt *st = db_query(d,
			       "SELECT id, programme, status, ref_date, publicity_end, title, year, places, "
			       "min_experts, publicity_days, monthly_fen FROM selection_rounds WHERE id = $1",
			       DB_ARGS(DV_I(id)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		r->id = db_int(st, 0);
		snprintf(r->programme, sizeof r->programme, "%s", db_text(st, 1));
		snprintf(r->status, sizeof r->status, "%s", db_text(st, 2));
		snprintf(r->ref_date, sizeof r->ref_date, "%s", db_text(st, 3));
		snprintf(r->pub_end, sizeof r->pub_end, "%s", db_text(st, 4));
		snprintf(r->title, sizeof r->title, "%s", db_text(st, 5));
		r->year = (int)db_int(st, 6);
		r->places = (int)db_int(st, 7);
		r->min_experts = (int)db_int(st, 8);
		r->publicity_days = (int)db_int(st, 9);
		r->monthly = db_int(st, 10);
	}
	db_done(st);
	if (row == 0)
		return err_set(e, 404, "not_found", NULL, "评选批次不存在", "no such round");
	return row == 1 ? 0 : -1;
}

struct round_ctx {
	const struct sel_round_input *in;
	const struct prog *p;
	int64_t places, monthly, min_experts, pdays;
	char ref[11];
	int64_t id;
};

static int round_work(tx *t, void *ctx, err *e)
{
	struct round_ctx *c = ctx;
	const struct sel_round_input *in = c->in;
	int64_t other = 0, cycle = c->p->cycle_years > 0 ? c->p->cycle_years : 1;
	/* the programme's row first: two rounds created at once within one cycle (different years, which
	 * the unique index does not stop) take turns, and the second finds the first */
	if (db_run(t->d, "UPDATE selection_programmes SET updated_at = updated_at WHERE code = $1",
		   DB_ARGS(DV_S(in->programme)), e) < 0)
		return -1;
	int rc = db_one_int(
		t->d,
		"SELECT year FROM selection_rounds WHERE programme = $1 AND status <> 'cancelled' AND "
		"year > $2 AND year < $3 ORDER BY year LIMIT 1",
		DB_ARGS(DV_S(in->programme), DV_I(in->year - cycle), DV_I(in->year + cycle)), &other, e);
	if (rc == DB_OK)
		return err_set(e, 409, "round_exists", "year", "%s 每 %d 年一批：%lld 年已有批次",
			       "%s runs every %d years: a round of %lld exists", c->p->name,
			       c->p->cycle_years > 0 ? c->p->cycle_years : 1, (long long)other);
	if (rc != DB_NOT_FOUND)
		return -1;
	int64_t now = now_s();
	if (db_one_int(t->d,
		       "INSERT INTO selection_rounds (programme, year, title, places, monthly_fen, ref_date, "
		       "nominate_until, schedule, min_experts, publicity_days, created_by, created_at, "
		       "updated_at) "
		       "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$12) RETURNING id",
		       DB_ARGS(DV_S(in->programme), DV_I(in->year), DV_S(in->title), DV_I(c->places),
			       DV_I(c->monthly), DV_S(c->ref),
			       DV_S(in->nominate_until ? in->nominate_until : ""),
			       DV_S(in->schedule ? in->schedule : ""), DV_I(c->min_experts), DV_I(c->pdays),
			       t->a->user_id ? DV_I(t->a->user_id) : DV_NULL, DV_I(now)),
		       &c->id, e) != DB_OK)
		return -1;
	tx_audit(t, "selection_round.created", "selection_round", c->id,
		 json_pack("{s:s,s:I,s:I,s:I,s:s}", "programme", in->programme, "year", (json_int_t)in->year,
			   "places", (json_int_t)c->places, "monthly_fen", (json_int_t)c->monthly, "ref_date",
			   c->ref));
	return 0;
}

static json_t *round_one(db *d, int64_t id, err *e)
{
	json_t *o = row_json(
		db_query(d, "SELECT " ROUND_COLS ROUND_FROM " WHERE r.id = $1", DB_ARGS(DV_I(id)), e),
		round_view, e);
	if (!o && !err_isset(e))
		err_set(e, 404, "not_found", NULL, "评选批次不存在", "no such round");
	return o;
}

json_t *sel_round_create(db *d, const principal *a, const struct sel_round_input *in, err *e)
{
	if (province_only(a, e))
		return NULL;
	struct prog p;
	if (prog_load(d, in->programme, &p, e))
		return NULL;
	if (in->year < 1990 || in->year > 2100) {
		err_set(e, 422, "invalid_value", "year", "年度应在 1990 至 2100 之间",
			"year is 1990 to 2100");
		return NULL;
	}
	if (check_text(in->title, "title", 100, true, e) ||
	    check_text(in->schedule, "schedule", 500, false, e))
		return NULL;
	struct round_ctx c = {.in = in, .p = &p};
	c.places = in->places >= 0 ? in->places : p.max_places;
	if (p.max_places > 0 && c.places > p.max_places) {
		err_set(e, 422, "too_many_places", "places", "%s每批不超过 %d 人",
			"%s selects at most %d a round", p.name, p.max_places);
		return NULL;
	}
	if (c.places <= 0) {
		err_set(e, 422, "places_missing", "places", "%s的每批名额未定 [GAP]：须为本批填写 places",
			"%s has no number of places (a [GAP] of the sources): give the round its places",
			p.name);
		return NULL;
	}
	c.monthly = in->monthly_fen >= 0 ? in->monthly_fen : p.monthly;
	if (c.monthly > 0 && c.monthly < p.floor) {
		char f[MONEY_BUF];
		money_format(p.floor, 0, f, sizeof f);
		err_set(e, 422, "below_floor", "monthly", "月津贴不得低于 %s 元（种子 003：不低于）",
			"the monthly allowance may not be below %s yuan (seed 003: 不低于)", f);
		return NULL;
	}
	if (c.monthly > 0 && p.term_months <= 0 && p.monthly == 0 && p.floor == 0) {
		err_set(e, 422, "invalid_value", "monthly", "该项目没有月津贴",
			"the programme pays no monthly allowance");
		return NULL;
	}
	c.min_experts = in->min_experts > 0 ? in->min_experts : 3;
	c.pdays = in->publicity_days > 0 ? in->publicity_days : 5;
	if (c.min_experts > 15 || c.pdays > 30) {
		err_set(e, 422, "invalid_value", NULL, "专家数至多 15，公示至多 30 个工作日",
			"at most 15 experts and 30 working days of 公示");
		return NULL;
	}
	int ref = in->ref_date && *in->ref_date ? day_of(in->ref_date) : date_today_utc8();
	if (!ref || (in->nominate_until && *in->nominate_until && !day_of(in->nominate_until))) {
		err_set(e, 422, "invalid_value", "ref_date", "日期应为 YYYY-MM-DD", "dates are YYYY-MM-DD");
		return NULL;
	}
	date_format(ref, c.ref);
	if (svc_tx(d, a, round_work, &c, e))
		return NULL;
	return round_one(d, c.id, e);
}

json_t *sel_rounds_json(db *d, const char *programme, err *e)
{
	json_t *items = rows_json(
		programme && *programme
			? db_query(d,
				   "SELECT " ROUND_COLS ROUND_FROM
				   " WHERE r.programme = $1 ORDER BY r.id DESC LIMIT 500",
				   DB_ARGS(DV_S(programme)), e)
			: db_query(d, "SELECT " ROUND_COLS ROUND_FROM " ORDER BY r.id DESC LIMIT 500",
				   DB_NOARGS, e),
		round_view, e);
	return items ? json_pack("{s:o}", "items", items) : NULL;
}

static json_t *member_view(db_stmt *st)
{
	return json_pack("{s:I,s:s,s:s}", "user_id", (json_int_t)db_int(st, 0), "username", db_text(st, 1),
			 "display_name", db_text(st, 2));
}

static json_t *quota_view(db_stmt *st)
{
	int64_t q = db_int(st, 1), used = db_int(st, 2);
	return json_pack("{s:s,s:I,s:I,s:I}", "region_code", db_text(st, 0), "quota", (json_int_t)q, "used",
			 (json_int_t)used, "left", (json_int_t)(q > used ? q - used : 0));
}

static json_t *selected_view(db_stmt *st)
{
	return json_pack("{s:I,s:s,s:s,s:s,s:o,s:o}", "nomination_id", (json_int_t)db_int(st, 0),
			 "person_name", db_text(st, 1), "employer", db_text(st, 2), "region_code",
			 db_text(st, 3), "rank", db_isnull(st, 4) ? json_null() : json_integer(db_int(st, 4)),
			 "score", db_isnull(st, 5) ? json_null() : json_real((double)db_int(st, 5) / 100.0));
}

json_t *sel_round_get_json(db *d, const principal *a, int64_t id, err *e)
{
	(void)a;
	json_t *o = round_one(d, id, e);
	if (!o)
		return NULL;
	json_t *q = rows_json(
		db_query(d,
			 "SELECT q.region_code, q.quota, (SELECT COUNT(*) FROM selection_nominations sn "
			 "WHERE sn.round_id = q.round_id AND sn.region_code = q.region_code) FROM "
			 "selection_quotas q WHERE q.round_id = $1 ORDER BY q.region_code",
			 DB_ARGS(DV_I(id)), e),
		quota_view, e);
	if (!q) {
		json_decref(o);
		return NULL;
	}
	json_object_set_new(o, "quotas", q);
	const char *status = json_string_value(json_object_get(o, "status"));
	/* 公示: the selected names, their employer and place, from the 公示 on (no identity numbers) */
	json_t *sel = json_array();
	if (status && (!strcmp(status, "publicity") || !strcmp(status, "appointed"))) {
		json_decref(sel);
		sel = rows_json(
			db_query(
				d,
				"SELECT sn.id, p.name, COALESCE(i.name, ''), sn.region_code, sn.rank, "
				"sn.score_x100 FROM selection_nominations sn JOIN persons p ON p.id = "
				"sn.person_id LEFT JOIN institutions i ON i.id = p.employer_id WHERE "
				"sn.round_id = $1 AND sn.status IN ('selected','appointed','ended') ORDER BY "
				"sn.rank, sn.id",
				DB_ARGS(DV_I(id)), e),
			selected_view, e);
		if (!sel) {
			json_decref(o);
			return NULL;
		}
	}
	json_object_set_new(o, "selected", sel);
	/* the review panel (selection_round_panel), as the posts' examiners */
	json_t *panel = rows_json(db_query(d,
					   "SELECT u.id, u.username, COALESCE(u.display_name, '') FROM "
					   "selection_round_panel m JOIN users u ON u.id = m.user_id WHERE "
					   "m.round_id = $1 ORDER BY u.id",
					   DB_ARGS(DV_I(id)), e),
				  member_view, e);
	if (!panel) {
		json_decref(o);
		return NULL;
	}
	json_object_set_new(o, "panel", panel);
	return o;
}

struct quotas_ctx {
	int64_t round;
	const char *const *regions;
	const int64_t *quotas;
	size_t n;
};

static int quotas_work(tx *t, void *ctx, err *e)
{
	struct quotas_ctx *c = ctx;
	struct round_row r;
	if (round_load(t->d, c->round, &r, e))
		return -1;
	if (strcmp(r.status, "nominating"))
		return err_set(e, 409, "invalid_state", NULL, "只有推荐阶段的批次可以分配名额",
			       "quotas are set while the round is nominating");
	int64_t sum = 0;
	for (size_t i = 0; i < c->n; i++)
		sum += c->quotas[i];
	if (r.places > 0 && sum > r.places)
		return err_set(e, 422, "quota_over_places", "quotas", "各市名额合计 %lld 超过本批 %d 个名额",
			       "the cities' quotas (%lld) exceed the round's %d places", (long long)sum,
			       r.places);
	if (db_run(t->d, "DELETE FROM selection_quotas WHERE round_id = $1", DB_ARGS(DV_I(c->round)), e) < 0)
		return -1;
	json_t *det = json_object();
	for (size_t i = 0; i < c->n; i++) {
		int64_t used = 0;
		if (db_one_int(t->d,
			       "SELECT COUNT(*) FROM selection_nominations WHERE round_id = $1 AND "
			       "region_code = $2",
			       DB_ARGS(DV_I(c->round), DV_S(c->regions[i])), &used, e) != DB_OK) {
			json_decref(det);
			return -1;
		}
		if (used > c->quotas[i]) {
			json_decref(det);
			return err_set(e, 409, "quota_below_used", "quotas",
				       "%s 已推荐 %lld 人，名额不能少于此数",
				       "%s has nominated %lld: its quota cannot be lower", c->regions[i],
				       (long long)used);
		}
		if (db_run(t->d,
			   "INSERT INTO selection_quotas (round_id, region_code, quota) VALUES ($1,$2,$3)",
			   DB_ARGS(DV_I(c->round), DV_S(c->regions[i]), DV_I(c->quotas[i])), e) < 0) {
			json_decref(det);
			return err_isset(e) ? -1 : 0;
		}
		json_object_set_new(det, c->regions[i], json_integer(c->quotas[i]));
	}
	tx_audit(t, "selection_round.quotas", "selection_round", c->round, det);
	return 0;
}

json_t *sel_quotas_put(db *d, const principal *a, int64_t round, const char *const *regions,
		       const int64_t *quotas, size_t n, err *e)
{
	if (province_only(a, e))
		return NULL;
	for (size_t i = 0; i < n; i++) {
		const char *r = regions[i];
		bool ok = r && strlen(r) == 4 && !strncmp(r, "37", 2) && isdigit((unsigned char)r[2]) &&
			  isdigit((unsigned char)r[3]) && quotas[i] >= 0 && quotas[i] <= 100000;
		for (size_t k = 0; ok && k < i; k++)
			ok = strcmp(regions[k], r) != 0;
		if (!ok) {
			err_set(e, 422, "invalid_value", "quotas",
				"名额应按市（4 位区划代码，如 3701）给出，每市一次，且不为负",
				"quotas are given per city (4-digit code such as 3701), once each, not "
				"negative");
			return NULL;
		}
	}
	struct quotas_ctx c = {round, regions, quotas, n};
	if (svc_tx(d, a, quotas_work, &c, e))
		return NULL;
	return sel_round_get_json(d, a, round, e);
}

/* ---- the rule engine's facts ---- */

struct facts {
	struct sel_facts f;
	int levels[FACTS_MAX], grades[FACTS_MAX];
	char region[16];
	int64_t employer;
	bool found;
};

static int load_facts(db *d, int64_t person, const struct round_row *r, const struct prog *p,
		      const struct sel_nominee_input *in, struct facts *F, err *e)
{
	memset(F, 0, sizeof *F);
	db_stmt *st = db_query(
		d, "SELECT birth_date, region_code, COALESCE(employer_id, 0) FROM persons WHERE id = $1",
		DB_ARGS(DV_I(person)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		F->f.birth_date = day_of(db_text(st, 0));
		snprintf(F->region, sizeof F->region, "%s", db_text(st, 1) ? db_text(st, 1) : "");
		F->employer = db_int(st, 2);
	}
	db_done(st);
	if (row <= 0)
		return row == 0 ? err_set(e, 404, "not_found", "person_id", "人员不存在", "no such person")
				: -1;
	F->found = true;
	F->f.ref_date = day_of(r->ref_date);
	F->f.round_year = r->year;
	F->f.front_line = in->front_line > 0;
	F->f.new_achievement = in->new_achievement > 0;
	st = db_query(d,
		      "SELECT level FROM certificates WHERE person_id = $1 AND status = 'valid' AND level "
		      "BETWEEN 1 "
		      "AND 5",
		      DB_ARGS(DV_I(person)), e);
	if (!st)
		return -1;
	while (F->f.nlevels < FACTS_MAX && db_step(st) == DB_ROW)
		F->levels[F->f.nlevels++] = (int)db_int(st, 0);
	if (db_finish(st, e))
		return -1;
	/* 贯通's person titles: the 申报条件 grade, or the rank (副高 and 正高 count as 高级) */
	st = db_query(
		d,
		"SELECT CASE WHEN grade = 'senior' OR COALESCE(title_rank, 0) >= 3 THEN 3 WHEN grade = "
		"'intermediate' OR COALESCE(title_rank, 0) = 2 THEN 2 ELSE 1 END FROM person_titles WHERE "
		"person_id = $1",
		DB_ARGS(DV_I(person)), e);
	if (!st)
		return -1;
	while (F->f.ntitles < FACTS_MAX && db_step(st) == DB_ROW)
		F->grades[F->f.ntitles++] = (int)db_int(st, 0);
	if (db_finish(st, e))
		return -1;
	F->f.levels = F->levels;
	F->f.title_grades = F->grades;
	int64_t v = 0;
	int rc = db_one_int(
		d,
		"SELECT MAX(r.year) FROM selection_nominations sn JOIN selection_rounds r ON r.id = "
		"sn.round_id WHERE sn.person_id = $1 AND r.programme = $2 AND r.id <> $3 AND r.status "
		"<> 'cancelled' AND r.year <= $4",
		DB_ARGS(DV_I(person), DV_S(p->code), DV_I(r->id), DV_I(r->year)), &v, e);
	if (rc != DB_OK && rc != DB_NOT_FOUND)
		return -1;
	F->f.last_year = (int)v;
	st = db_query(
		d,
		"SELECT sn.term_end FROM selection_nominations sn JOIN selection_rounds r ON r.id = "
		"sn.round_id WHERE sn.person_id = $1 AND r.programme = $2 AND sn.status = 'appointed' AND "
		"sn.term_end <> ''",
		DB_ARGS(DV_I(person), DV_S(p->code)), e);
	if (!st)
		return -1;
	while (db_step(st) == DB_ROW) {
		int till = day_of(db_text(st, 0));
		if (till > F->f.holding_till)
			F->f.holding_till = till;
	}
	return db_finish(st, e);
}

static json_t *decision_json(const struct sel_decision *dec)
{
	json_t *checks = json_array();
	for (int i = 0; i < dec->nchecks; i++) {
		const struct sel_check *c = &dec->checks[i];
		json_array_append_new(checks, json_pack("{s:s,s:b,s:s,s:s,s:s}", "id", c->id, "ok", c->ok,
							"code", c->code, "zh", c->zh, "en", c->en));
	}
	return json_pack("{s:b,s:b,s:o,s:o}", "ok", dec->ok, "preferred", dec->preferred, "age",
			 dec->age >= 0 ? json_integer(dec->age) : json_null(), "checks", checks);
}

/* the caller's right to nominate (or check) the person: the province, the person's city, the person
 * themself for a check */
static int person_access(db *d, const principal *a, int64_t person, bool write, err *e)
{
	if (person <= 0)
		return err_set(e, 422, "missing_field", "person_id", "缺少人员", "person_id is required");
	if (write && a->role != ROLE_PROVINCE_ADMIN && a->role != ROLE_CITY_ADMIN)
		return err_set(e, 403, "forbidden", NULL, "由人员所在市或省级人社部门推荐",
			       "the person's city or the province nominates");
	if (!write && a->role == ROLE_CANDIDATE) {
		if (a->person_id != person)
			return err_set(e, 404, "not_found", "person_id", "人员不存在", "no such person");
		return 0;
	}
	if (!write && a->role != ROLE_PROVINCE_ADMIN && a->role != ROLE_CITY_ADMIN)
		return err_set(e, 403, "forbidden", NULL, "无权查看评选资格",
			       "not allowed to check eligibility");
	scope_owner o;
	if (scope_load(d, a, SE_PERSON, person, &o, e))
		return -1;
	int v = o.found ? scope_decide(a, SE_PERSON, &o, SCOPE_READ) : 404;
	if (v)
		return err_set(e, 404, "not_found", "person_id", "人员不存在", "no such person");
	if (a->role == ROLE_CITY_ADMIN && !region_covers(a->region, o.region))
		return err_set(e, 404, "not_found", "person_id", "人员不存在", "no such person");
	return 0;
}

static int decide_for(db *d, const struct round_row *r, const struct prog *p,
		      const struct sel_nominee_input *in, struct facts *F, struct sel_decision *dec, err *e)
{
	if (load_facts(d, in->person_id, r, p, in, F, e))
		return -1;
	sel_decide(&p->rules, &F->f, dec);
	return 0;
}

json_t *sel_check_json(db *d, const principal *a, int64_t round, const struct sel_nominee_input *in, err *e)
{
	struct sel_nominee_input me = *in;
	if (a->role == ROLE_CANDIDATE && me.person_id <= 0)
		me.person_id = a->person_id;
	if (person_access(d, a, me.person_id, false, e))
		return NULL;
	struct round_row r;
	struct prog p;
	struct facts F;
	struct sel_decision dec;
	if (round_load(d, round, &r, e) || prog_load(d, r.programme, &p, e) ||
	    decide_for(d, &r, &p, &me, &F, &dec, e))
		return NULL;
	json_t *o = decision_json(&dec);
	json_object_set_new(o, "round_id", json_integer(round));
	json_object_set_new(o, "programme", json_string(p.code));
	json_object_set_new(o, "person_id", json_integer(me.person_id));
	return o;
}

struct nominate_ctx {
	const struct round_row *r;
	const struct prog *p;
	const struct sel_nominee_input *in;
	int64_t id;
};

static int nominate_work(tx *t, void *ctx, err *e)
{
	struct nominate_ctx *c = ctx;
	struct facts F;
	struct sel_decision dec;
	if (decide_for(t->d, c->r, c->p, c->in, &F, &dec, e))
		return -1;
	if (!dec.ok) {
		for (int i = 0; i < dec.nchecks; i++)
			if (!dec.checks[i].ok)
				return err_set(e, 422, "not_eligible", dec.checks[i].id, "不符合条件：%s%.0s",
					       "not eligible: %.0s%s", dec.checks[i].zh, dec.checks[i].en);
	}
	char city[5] = "";
	memcpy(city, F.region, 4);
	/* the round's row, still nominating: a move of the round (its end of nominations, a cancellation)
	 * waits for this nomination or refuses it */
	int64_t open_ = db_run(
		t->d,
		"UPDATE selection_rounds SET updated_at = updated_at WHERE id = $1 AND status = 'nominating'",
		DB_ARGS(DV_I(c->r->id)), e);
	if (open_ < 0)
		return -1;
	if (!open_)
		return err_set(e, 409, "invalid_state", NULL, "本批已不在推荐阶段",
			       "the round is no longer nominating");
	/* the quota row next: it serialises this city's nominations (a row lock on PostgreSQL, the write
	 * lock on SQLite), so two at once cannot both take the last place */
	int64_t n = db_run(
		t->d, "UPDATE selection_quotas SET quota = quota WHERE round_id = $1 AND region_code = $2",
		DB_ARGS(DV_I(c->r->id), DV_S(city)), e);
	if (n < 0)
		return -1;
	int64_t quota = 0, used = 0;
	int rc = db_one_int(t->d,
			    "SELECT quota FROM selection_quotas WHERE round_id = $1 AND region_code = $2",
			    DB_ARGS(DV_I(c->r->id), DV_S(city)), &quota, e);
	if (rc != DB_OK && rc != DB_NOT_FOUND)
		return -1;
	if (db_one_int(t->d,
		       "SELECT COUNT(*) FROM selection_nominations WHERE round_id = $1 AND region_code = $2",
		       DB_ARGS(DV_I(c->r->id), DV_S(city)), &used, e) != DB_OK)
		return -1;
	if (used >= quota)
		return err_set(e, 409, "quota_full", NULL, "%s 本批推荐名额（%lld）已用完",
			       "%s has used its quota (%lld) of the round", city, (long long)quota);
	int64_t exists = 0;
	rc = db_one_int(t->d, "SELECT id FROM selection_nominations WHERE round_id = $1 AND person_id = $2",
			DB_ARGS(DV_I(c->r->id), DV_I(c->in->person_id)), &exists, e);
	if (rc == DB_OK)
		return err_set(e, 409, "already_nominated", "person_id", "此人已在本批被推荐",
			       "the person is already nominated in this round");
	if (rc != DB_NOT_FOUND)
		return -1;
	json_t *dj = decision_json(&dec);
	char *dtext = json_dumps(dj, JSON_COMPACT);
	json_decref(dj);
	int64_t now = now_s();
	rc = db_one_int(t->d,
			"INSERT INTO selection_nominations (round_id, person_id, region_code, front_line, "
			"new_achievement, achievements, preferred, age, decision, nominated_by, created_at, "
			"updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$11) RETURNING id",
			DB_ARGS(DV_I(c->r->id), DV_I(c->in->person_id), DV_S(city),
				DV_I(c->in->front_line > 0), DV_I(c->in->new_achievement > 0),
				DV_S(c->in->achievements ? c->in->achievements : ""), DV_I(dec.preferred),
				DV_I(dec.age), DV_S(dtext ? dtext : "{}"),
				t->a->user_id ? DV_I(t->a->user_id) : DV_NULL, DV_I(now)),
			&c->id, e);
	free(dtext);
	if (rc != DB_OK || stat_count(t, STE_NOMINATION, DV_I(c->id), DV_NULL, +1, e))
		return -1;
	tx_audit(t, "selection_nomination.created", "selection_nomination", c->id,
		 json_pack("{s:I,s:I,s:s,s:I,s:I}", "round_id", (json_int_t)c->r->id, "person_id",
			   (json_int_t)c->in->person_id, "region_code", city, "age", (json_int_t)dec.age,
			   "quota", (json_int_t)quota));
	return 0;
}

json_t *sel_nominate(db *d, const principal *a, int64_t round, const struct sel_nominee_input *in, err *e)
{
	if (person_access(d, a, in->person_id, true, e) ||
	    check_text(in->achievements, "achievements", 1000, false, e))
		return NULL;
	struct round_row r;
	struct prog p;
	if (round_load(d, round, &r, e) || prog_load(d, r.programme, &p, e))
		return NULL;
	if (strcmp(r.status, "nominating")) {
		err_set(e, 409, "invalid_state", NULL, "本批已不在推荐阶段",
			"the round is no longer nominating");
		return NULL;
	}
	struct nominate_ctx c = {&r, &p, in, 0};
	if (svc_tx(d, a, nominate_work, &c, e))
		return NULL;
	return sel_nomination_get_json(d, a, c.id, e);
}

/* ---- nominations ---- */

#define NOM_COLS                                                                                             \
	"sn.id, sn.round_id, r.programme, pg.name, r.year, sn.person_id, p.name, sn.region_code, "           \
	"sn.status, "                                                                                        \
	"sn.front_line, sn.new_achievement, sn.achievements, sn.preferred, sn.age, sn.score_x100, sn.rank, " \
	"sn.monthly_fen, sn.term_start, sn.term_end, sn.ended_on, sn.end_reason, sn.end_note, sn.decision, " \
	"sn.created_at, COALESCE(i.name, '')"
#define NOM_FROM                                                                                             \
	" FROM selection_nominations sn JOIN selection_rounds r ON r.id = sn.round_id JOIN "                 \
	"selection_programmes pg ON pg.code = r.programme JOIN persons p ON p.id = sn.person_id LEFT JOIN "  \
	"institutions i ON i.id = p.employer_id"

static const char *nom_status_zh(const char *s)
{
	return !strcmp(s, "nominated")	    ? "已推荐"
	       : !strcmp(s, "selected")	    ? "拟入选（公示）"
	       : !strcmp(s, "not_selected") ? "未入选"
	       : !strcmp(s, "appointed")    ? "已任用"
	       : !strcmp(s, "ended")	    ? "已终止"
					    : s;
}

static const char *end_reason_zh(const char *s)
{
	return !strcmp(s, "revoked")		   ? "撤销称号"
	       : !strcmp(s, "death")		   ? "去世"
	       : !strcmp(s, "left_province")	   ? "调离本省"
	       : !strcmp(s, "certificate_revoked") ? "证书撤销"
						   : s;
}

static json_t *nom_view(db_stmt *st)
{
	const char *status = db_text(st, 8);
	json_t *dec = json_loads(db_text(st, 22), 0, NULL);
	return json_pack(
		"{s:I,s:I,s:s,s:s,s:I,s:I,s:s,s:s,s:s,s:s,s:b,s:b,s:s,s:b,s:I,s:o,s:o,s:I,s:o,s:s,s:s,"
		"s:s,s:s,s:s,s:s,s:o,s:I,s:s}",
		"id", (json_int_t)db_int(st, 0), "round_id", (json_int_t)db_int(st, 1), "programme",
		db_text(st, 2), "programme_name", db_text(st, 3), "year", (json_int_t)db_int(st, 4),
		"person_id", (json_int_t)db_int(st, 5), "person_name", db_text(st, 6), "region_code",
		db_text(st, 7), "status", status, "status_zh", nom_status_zh(status), "front_line",
		db_int(st, 9) != 0, "new_achievement", db_int(st, 10) != 0, "achievements", db_text(st, 11),
		"preferred", db_int(st, 12) != 0, "age", (json_int_t)db_int(st, 13), "score",
		db_isnull(st, 14) ? json_null() : json_real((double)db_int(st, 14) / 100.0), "rank",
		db_isnull(st, 15) ? json_null() : json_integer(db_int(st, 15)), "monthly_fen",
		(json_int_t)db_int(st, 16), "monthly", money_json(db_int(st, 16)), "term_start",
		db_text(st, 17), "term_end", db_text(st, 18), "ended_on", db_text(st, 19), "end_reason",
		db_text(st, 20), "end_reason_zh", end_reason_zh(db_text(st, 20)), "end_note", db_text(st, 21),
		"decision", dec ? dec : json_object(), "created_at", (json_int_t)db_int(st, 23), "employer",
		db_text(st, 24));
}

static const struct list_filter nom_filters[] = {
	{"round_id", "sn.round_id = ?", LIST_ID},
	{"status", "sn.status = ?", LIST_EQ, .max = 16},
	{"person_id", "sn.person_id = ?", LIST_ID},
	{"region_code", "sn.region_code LIKE ?", LIST_REGION, .max = 12},
	{"programme", "r.programme = ?", LIST_EQ, .max = 32},
};
static const struct list_sort nom_sorts[] = {{"id", "sn.id"}, {"rank", "sn.rank"}};
static const struct export_col nom_cols[] = {
	{"id", "推荐编号"},	  {"programme_name", "项目"}, {"year", "年度"},
	{"person_name", "姓名"},  {"employer", "单位"},	      {"region_code", "推荐市"},
	{"age", "年龄"},	  {"status_zh", "状态"},      {"rank", "名次"},
	{"term_start", "任期起"}, {"term_end", "任期止"},     {"end_reason_zh", "终止原因"},
};

const struct list_spec sel_nomination_list = {
	.name = "selection_nominations",
	.scoped = true,
	.entity = SE_SELECTION_NOMINATION,
	.count_sql = "SELECT COUNT(*)" NOM_FROM,
	.select_sql = "SELECT " NOM_COLS NOM_FROM,
	.order = "sn.id DESC",
	LIST_FILTERS(nom_filters),
	LIST_SORTS(nom_sorts),
	.view = nom_view,
	LIST_COLS(nom_cols),
};

static json_t *score_view(db_stmt *st)
{
	return json_pack("{s:I,s:s,s:I,s:s,s:I}", "expert_id", (json_int_t)db_int(st, 0), "expert",
			 db_text(st, 1), "score", (json_int_t)db_int(st, 2), "comment", db_text(st, 3),
			 "created_at", (json_int_t)db_int(st, 4));
}

json_t *sel_nomination_get_json(db *d, const principal *a, int64_t id, err *e)
{
	if (scope_check(d, a, SE_SELECTION_NOMINATION, id, SCOPE_READ, NULL, e))
		return NULL;
	json_t *o =
		row_json(db_query(d, "SELECT " NOM_COLS NOM_FROM " WHERE sn.id = $1", DB_ARGS(DV_I(id)), e),
			 nom_view, e);
	if (!o)
		return NULL;
	/* the experts' scores: the province only (independent scoring: the city and the person see the mean)
	 */
	json_t *scores =
		a->role == ROLE_PROVINCE_ADMIN
			? rows_json(
				  db_query(d,
					   "SELECT s.expert_id, u.username, s.score, s.comment, s.created_at "
					   "FROM selection_scores s JOIN users u ON u.id = s.expert_id WHERE "
					   "s.nomination_id = $1 ORDER BY s.created_at, s.expert_id",
					   DB_ARGS(DV_I(id)), e),
				  score_view, e)
			: json_array();
	json_t *sched = scores ? allowance_schedule_json(d, id, e) : NULL;
	if (!scores || !sched) {
		json_decref(scores);
		json_decref(o);
		return NULL;
	}
	json_object_set_new(o, "scores", scores);
	json_object_set_new(o, "allowance", sched);
	return o;
}

/* sel_avoid: why expert (a user id) abstains from scoring person, or NULL: the nominee themself, the expert's
 * institution is the nominee's employer, or 综合评审's rule (svc/evaluation/practical.h avoidance_reason: a
 * declared avoidance, the same employer of the expert's own person record). A check that could not be made
 * abstains with `e` set. */
static const char *sel_avoid(db *d, arena *ar, int64_t expert, int64_t person, err *e)
{
	int64_t self = 0, same_inst = 0;
	if (db_one_int(d,
		       "SELECT CASE WHEN COALESCE(u.person_id, 0) = p.id THEN 1 ELSE 0 END FROM users u, "
		       "persons p "
		       "WHERE u.id = $1 AND p.id = $2",
		       DB_ARGS(DV_I(expert), DV_I(person)), &self, e) < DB_NOT_FOUND ||
	    db_one_int(d,
		       "SELECT COUNT(*) FROM users u JOIN persons p ON p.id = $2 WHERE u.id = $1 AND "
		       "u.institution_id IS NOT NULL AND u.institution_id = p.employer_id",
		       DB_ARGS(DV_I(expert), DV_I(person)), &same_inst, e) != DB_OK)
		return "无法核验回避关系，请稍后重试";
	if (self)
		return "被推荐人为评审专家本人";
	if (same_inst)
		return "评审专家所在单位为被推荐人的用人单位";
	return avoidance_reason(d, ar, expert, person, e);
}

struct score_ctx {
	int64_t nom, expert, score;
	const char *comment;
	bool by_expert; /* the panel member scores themself (else the province enters the expert's score) */
};

/* the number of members of a round's panel, and whether `user` is one */
static int panel_of(db *d, int64_t round, int64_t user, int64_t *members, bool *member, err *e)
{
	db_stmt *st =
		db_query(d,
			 "SELECT COUNT(*), COALESCE(SUM(CASE WHEN user_id = $2 THEN 1 ELSE 0 END), 0) FROM "
			 "selection_round_panel WHERE round_id = $1",
			 DB_ARGS(DV_I(round), DV_I(user)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		*members = db_int(st, 0);
		*member = db_int(st, 1) > 0;
	}
	db_done(st);
	return row == 1 ? 0 : -1;
}

static int score_work(tx *t, void *ctx, err *e)
{
	struct score_ctx *c = ctx;
	/* the nomination's round taken while it is in review: its ranking (the move to 公示) waits for this
	 * score or comes first and refuses it, never ranks without it */
	int64_t held =
		db_run(t->d,
		       "UPDATE selection_rounds SET updated_at = updated_at WHERE status = 'reviewing' AND "
		       "id = (SELECT round_id FROM selection_nominations WHERE id = $1)",
		       DB_ARGS(DV_I(c->nom)), e);
	if (held < 0)
		return -1;
	db_stmt *st =
		db_query(t->d,
			 "SELECT r.status, sn.person_id, sn.status, r.id FROM selection_nominations sn JOIN "
			 "selection_rounds r ON r.id = sn.round_id WHERE sn.id = $1",
			 DB_ARGS(DV_I(c->nom)), e);
	int row = st ? db_row(st, e) : -1;
	char rstatus[16] = "", nstatus[16] = "";
	int64_t person = 0, round = 0;
	if (row == 1) {
		snprintf(rstatus, sizeof rstatus, "%s", db_text(st, 0));
		person = db_int(st, 1);
		snprintf(nstatus, sizeof nstatus, "%s", db_text(st, 2));
		round = db_int(st, 3);
	}
	db_done(st);
	if (row <= 0)
		return row == 0 ? err_set(e, 404, "not_found", NULL, "推荐不存在", "no such nomination") : -1;
	if (!held || strcmp(rstatus, "reviewing") || strcmp(nstatus, "nominated"))
		return err_set(e, 409, "invalid_state", NULL, "只有专家评审阶段的推荐可以评分",
			       "scores are recorded while the round is in review");
	st = db_query(t->d, "SELECT role FROM users WHERE id = $1", DB_ARGS(DV_I(c->expert)), e);
	row = st ? db_row(st, e) : -1;
	char role[32] = "";
	if (row == 1)
		snprintf(role, sizeof role, "%s", db_text(st, 0));
	db_done(st);
	if (row < 0)
		return -1;
	if (row == 0 || strcmp(role, "examiner"))
		return err_set(e, 422, "invalid_value", "expert_id", "评审专家应为考评人员账户",
			       "the expert is an examiner's account");
	/* the panel: a round with one takes its members' scores only */
	int64_t members = 0;
	bool member = false;
	if (panel_of(t->d, round, c->expert, &members, &member, e))
		return -1;
	if ((c->by_expert || members > 0) && !member)
		return err_set(e, c->by_expert ? 403 : 422, "not_on_panel", "expert_id",
			       "该专家不是本批次评审专家组成员",
			       "the expert is not on the round's review panel");
	/* 回避: the nominee themself, the same employer, or a declared avoidance (the 综合评审 rule,
	 * svc/evaluation/practical.h) */
	arena *ar = arena_new();
	const char *why = sel_avoid(t->d, ar, c->expert, person, e);
	if (why && err_isset(e)) {
		arena_free(ar);
		return -1;
	}
	if (why) {
		int rc2 = c->by_expert
				  ? err_set(e, 403, "avoidance", NULL, "须回避：%s",
					    "you must abstain from this nominee: %s", why)
				  : err_set(e, 422, "recusal", "expert_id", "回避：%s",
					    "recusal: %s (the expert works at the nominee's employer, is the "
					    "nominee, or declared an avoidance)",
					    why);
		arena_free(ar);
		return rc2;
	}
	arena_free(ar);
	int64_t one = 0;
	int rc =
		db_one_int(t->d, "SELECT 1 FROM selection_scores WHERE nomination_id = $1 AND expert_id = $2",
			   DB_ARGS(DV_I(c->nom), DV_I(c->expert)), &one, e);
	if (rc == DB_OK)
		return err_set(e, 409, "already_scored", "expert_id", "该专家已独立评分，不能修改",
			       "the expert has scored this nomination (independent scores are not changed)");
	if (rc != DB_NOT_FOUND)
		return -1;
	if (db_run(t->d,
		   "INSERT INTO selection_scores (nomination_id, expert_id, score, comment, created_at) "
		   "VALUES "
		   "($1,$2,$3,$4,$5)",
		   DB_ARGS(DV_I(c->nom), DV_I(c->expert), DV_I(c->score), DV_S(c->comment ? c->comment : ""),
			   DV_I(now_s())),
		   e) != 1)
		return -1;
	tx_audit(t, "selection_nomination.scored", "selection_nomination", c->nom,
		 json_pack("{s:I,s:I}", "expert_id", (json_int_t)c->expert, "score", (json_int_t)c->score));
	return 0;
}

json_t *sel_score_add(db *d, const principal *a, int64_t nomination, int64_t expert, int64_t score,
		      const char *comment, err *e)
{
	/* a panel member scores themself; the province enters an expert's score */
	bool by_expert = a->role == ROLE_EXAMINER;
	if (by_expert)
		expert = a->user_id;
	if ((!by_expert && province_only(a, e)) || check_text(comment, "comment", 500, false, e))
		return NULL;
	if (score < 0 || score > 100 || expert <= 0) {
		err_set(e, 422, "invalid_value", score < 0 || score > 100 ? "score" : "expert_id",
			"评分为 0 至 100 的整数，并须指明专家", "a score is 0 to 100 and names the expert");
		return NULL;
	}
	struct score_ctx c = {nomination, expert, score, comment, by_expert};
	if (svc_tx(d, a, score_work, &c, e))
		return NULL;
	if (by_expert) /* the member sees their own score, never the others' */
		return json_pack("{s:I,s:I,s:I,s:b}", "nomination_id", (json_int_t)nomination, "expert_id",
				 (json_int_t)expert, "score", (json_int_t)score, "scored", 1);
	return sel_nomination_get_json(d, a, nomination, e);
}

/* ---- the round's moves ---- */

struct move_ctx {
	struct round_row *r; /* read before the transaction, read again in it */
	const struct prog *p;
	const char *to;
	int term_start;
	int64_t changed;
};

/* panel_due: for a round with a panel, counts in *short_of the nominations (v, n) that miss a score of a
 * member who need not abstain (回避: svc/evaluation/practical.h avoidance_reason, or the same employer);
 * the min_experts floor was counted by the caller. A round without a panel changes nothing. */
static int panel_due(db *d, const struct round_row *r, const struct sel_ranked *v, const bool *short_already,
		     size_t n, size_t *short_of, err *e)
{
	int64_t members = 0;
	bool member = false;
	if (panel_of(d, r->id, 0, &members, &member, e))
		return -1;
	if (!members)
		return 0;
	arena *ar = arena_new();
	int res = -1;
	for (size_t i = 0; i < n; i++) {
		if (short_already[i])
			continue;
		/* the members who have not scored it, with the nominee's employer and person */
		db_stmt *st = db_query(
			d,
			"SELECT m.user_id, sn.person_id, COALESCE(p.employer_id, 0), "
			"COALESCE(u.institution_id, "
			"0), COALESCE(u.person_id, 0) FROM selection_round_panel m JOIN "
			"selection_nominations sn "
			"ON sn.id = $2 JOIN persons p ON p.id = sn.person_id JOIN users u ON u.id = "
			"m.user_id "
			"WHERE m.round_id = $1 AND NOT EXISTS (SELECT 1 FROM selection_scores s WHERE "
			"s.nomination_id = sn.id AND s.expert_id = m.user_id) ORDER BY m.user_id",
			DB_ARGS(DV_I(r->id), DV_I(v[i].id)), e);
		if (!st)
			goto out;
		int64_t miss[SEL_PANEL_MAX + 1][2];
		size_t k = 0;
		while (db_step(st) == DB_ROW && k <= SEL_PANEL_MAX) {
			miss[k][0] = db_int(st, 0);
			miss[k][1] = db_int(st, 1);
			k++;
		}
		if (db_finish(st, e))
			goto out;
		bool due = false;
		for (size_t j = 0; j < k && !due; j++) {
			const char *why = sel_avoid(d, ar, miss[j][0], miss[j][1], e);
			if (why && err_isset(e))
				goto out;
			due = !why;
		}
		*short_of += due;
	}
	res = 0;
out:
	arena_free(ar);
	return res;
}

static int rank_round(tx *t, struct move_ctx *c, err *e)
{
	db_stmt *st =
		db_query(t->d,
			 "SELECT sn.id, sn.preferred, COUNT(s.expert_id), COALESCE(SUM(s.score), 0) FROM "
			 "selection_nominations sn LEFT JOIN selection_scores s ON s.nomination_id = sn.id "
			 "WHERE sn.round_id = $1 AND sn.status = 'nominated' GROUP BY sn.id, sn.preferred "
			 "ORDER BY sn.id",
			 DB_ARGS(DV_I(c->r->id)), e);
	if (!st)
		return -1;
	size_t n = 0, cap = 64, short_of = 0;
	struct sel_ranked *v = malloc(cap * sizeof *v);
	bool *shortv = malloc(cap * sizeof *shortv);
	int res = -1;
	while (v && shortv && db_step(st) == DB_ROW) {
		if (n == cap) {
			struct sel_ranked *nv = realloc(v, cap * 2 * sizeof *v);
			if (nv)
				v = nv;
			bool *ns = nv ? realloc(shortv, cap * 2 * sizeof *ns) : NULL;
			if (!ns)
				break;
			shortv = ns;
			cap *= 2;
		}
		int64_t k = db_int(st, 2), sum = db_int(st, 3);
		shortv[n] = k < c->r->min_experts;
		if (shortv[n])
			short_of++;
		v[n++] = (struct sel_ranked){.id = db_int(st, 0),
					     .preferred = db_int(st, 1) != 0,
					     .score_x100 = k ? (int)((sum * 200 + k) / (2 * k)) : 0};
	}
	if (db_finish(st, e) || !v || !shortv) {
		if (!v || !shortv)
			err_set(e, 500, "internal", NULL, "内存不足", "out of memory");
		goto out;
	}
	/* with a panel: every member who need not abstain scores each nomination (at least min_experts) */
	if (panel_due(t->d, c->r, v, shortv, n, &short_of, e))
		goto out;
	if (short_of) {
		err_set(e, 409, "unscored", NULL,
			"%zu 个推荐的专家评分不足（至少 %d 份，评审组成员除回避外均须评分）",
			"%zu nominations lack expert scores (at least %d; with a panel, every member who "
			"need not "
			"abstain)",
			short_of, c->r->min_experts);
		goto out;
	}
	sel_rank(v, n, c->r->places);
	for (size_t i = 0; i < n; i++)
		if (db_run(t->d,
			   "UPDATE selection_nominations SET status = $2, score_x100 = $3, rank = $4, "
			   "updated_at = "
			   "$5 WHERE id = $1",
			   DB_ARGS(DV_I(v[i].id), DV_S(v[i].selected ? "selected" : "not_selected"),
				   DV_I(v[i].score_x100), DV_I(v[i].rank), DV_I(now_s())),
			   e) != 1)
			goto out;
	c->changed = (int64_t)n;
	res = 0;
out:
	free(v);
	free(shortv);
	return res;
}

/* the ids of a round's nominations in `status`, in id order (*ids malloc'd; the caller frees) */
static int round_ids(db *d, int64_t round, const char *status, int64_t **ids, size_t *n, err *e)
{
	*ids = NULL;
	*n = 0;
	db_stmt *st =
		db_query(d,
			 "SELECT id FROM selection_nominations WHERE round_id = $1 AND status = $2 ORDER "
			 "BY id",
			 DB_ARGS(DV_I(round), DV_S(status)), e);
	if (!st)
		return -1;
	size_t cap = 0;
	while (db_step(st) == DB_ROW) {
		if (*n == cap) {
			int64_t *nv = realloc(*ids, (cap = cap ? cap * 2 : 64) * sizeof *nv);
			if (!nv) {
				db_done(st);
				free(*ids);
				*ids = NULL;
				return err_set(e, 500, "internal", NULL, "内存不足", "out of memory");
			}
			*ids = nv;
		}
		(*ids)[(*n)++] = db_int(st, 0);
	}
	if (db_finish(st, e)) {
		free(*ids);
		*ids = NULL;
		return -1;
	}
	return 0;
}

static int appoint_round(tx *t, struct move_ctx *c, err *e)
{
	char start[11], end[11] = "", month[8];
	date_format(c->term_start, start);
	if (c->p->term_months > 0)
		date_format(add_months(c->term_start, c->p->term_months), end);
	sel_month_text(sel_month_of(c->term_start), month);
	char src[300];
	snprintf(src, sizeof src, "省人力资源社会保障厅 %s（评选批次 #%lld）任用，%s 起", c->r->title,
		 (long long)c->r->id, start);
	char title[160];
	snprintf(title, sizeof title, "%s（%d 年）", c->p->name, c->r->year);
	/* every selected nomination of the round, however many: counted out, appointed, counted in
	 * (svc/stats/counters.h) */
	int64_t *ids = NULL;
	size_t nids = 0;
	if (round_ids(t->d, c->r->id, "selected", &ids, &nids, e))
		return -1;
	int64_t n = 0;
	for (size_t i = 0; i < nids; i++) {
		if (stat_count(t, STE_NOMINATION, DV_I(ids[i]), DV_NULL, -1, e) ||
		    db_run(t->d,
			   "UPDATE selection_nominations SET status = 'appointed', term_start = $2, term_end "
			   "= "
			   "$3, monthly_fen = $4, updated_at = $5 WHERE id = $1 AND status = 'selected'",
			   DB_ARGS(DV_I(ids[i]), DV_S(start), DV_S(end), DV_I(c->r->monthly), DV_I(now_s())),
			   e) != 1 ||
		    stat_count(t, STE_NOMINATION, DV_I(ids[i]), DV_NULL, +1, e)) {
			free(ids);
			return -1;
		}
		n++;
	}
	free(ids);
	if (c->p->honour[0] &&
	    db_run(t->d,
		   "INSERT INTO person_honours (person_id, kind, title, awarded_on, source, imported_by, "
		   "created_at) "
		   "SELECT person_id, $2, $3, $4, $5, CAST($6 AS BIGINT), CAST($7 AS BIGINT) FROM "
		   "selection_nominations WHERE round_id = $1 AND "
		   "status = 'appointed' ON CONFLICT (person_id, kind, title) DO NOTHING",
		   DB_ARGS(DV_I(c->r->id), DV_S(c->p->honour), DV_S(title), DV_S(start), DV_S(src),
			   t->a->user_id ? DV_I(t->a->user_id) : DV_NULL, DV_I(now_s())),
		   e) < 0)
		return -1;
	/* the lump sum now when the term has begun (else the batch of its first month posts it): one
	 * appointee at a time until none is left without it */
	while (c->p->lump > 0 && c->term_start <= date_today_utc8()) {
		int64_t id = 0;
		int rc = db_one_int(
			t->d,
			"SELECT sn.id FROM selection_nominations sn WHERE sn.round_id = $1 AND sn.status = "
			"'appointed' AND NOT EXISTS (SELECT 1 FROM selection_payments sp WHERE "
			"sp.nomination_id = sn.id AND sp.kind = 'lump') ORDER BY sn.id LIMIT 1",
			DB_ARGS(DV_I(c->r->id)), &id, e);
		if (rc == DB_NOT_FOUND)
			break;
		int posted = 0;
		if (rc != DB_OK || allowance_pay_tx(t, id, "lump", month, c->p->lump, 0, &posted, e))
			return -1;
		if (!posted)
			return err_set(e, 500, "internal", NULL, "服务器内部错误",
				       "internal error (lump sum not posted)");
	}
	c->changed = (int64_t)n;
	return 0;
}

static int move_work(tx *t, void *ctx, err *e)
{
	struct move_ctx *c = ctx;
	/* the round's row taken while it is still in the state read, then read again: of two moves at once
	 * (an appointment and a cancellation) the second finds the round moved */
	int64_t held = db_run(
		t->d, "UPDATE selection_rounds SET updated_at = updated_at WHERE id = $1 AND status = $2",
		DB_ARGS(DV_I(c->r->id), DV_S(c->r->status)), e);
	if (held < 0 || round_load(t->d, c->r->id, c->r, e))
		return -1;
	const char *from = c->r->status, *to = c->to;
	if (!held)
		return err_set(e, 409, "invalid_state", "status", "批次不能从“%s”转为“%s”",
			       "the round cannot move from %s to %s", round_status_zh(from), to);
	bool ok = (!strcmp(from, "nominating") && !strcmp(to, "reviewing")) ||
		  (!strcmp(from, "reviewing") && !strcmp(to, "publicity")) ||
		  (!strcmp(from, "publicity") && !strcmp(to, "appointed")) ||
		  (!strcmp(to, "cancelled") && strcmp(from, "appointed") && strcmp(from, "cancelled"));
	if (!ok)
		return err_set(e, 409, "invalid_state", "status", "批次不能从“%s”转为“%s”",
			       "the round cannot move from %s to %s", round_status_zh(from), to);
	char pstart[11] = "", pend[11] = "", tstart[11] = "";
	if (!strcmp(to, "publicity")) {
		if (rank_round(t, c, e))
			return -1;
		size_t ncal = 0;
		struct cal_day *cal = calendar_load(t->d, &ncal, e);
		if (!cal && err_isset(e))
			return -1;
		int today = date_today_utc8();
		date_format(today, pstart);
		date_format(workdays_end(today, c->r->publicity_days, cal, ncal), pend);
		free(cal);
	} else if (!strcmp(to, "appointed")) {
		int end = day_of(c->r->pub_end);
		if (!end || date_today_utc8() <= end)
			return err_set(e, 409, "publicity_running", NULL, "公示期至 %s，期满后方可任用",
				       "the 公示 runs until %s: appointment follows its end", c->r->pub_end);
		if ((c->p->yearly > 0 || c->p->work_fund > 0 || c->r->monthly > 0) && c->p->term_months <= 0)
			return err_set(e, 422, "term_missing", NULL,
				       "%s的管理（支持）期年限未设定 [GAP]，请先在项目中填写",
				       "%s has no term set (a [GAP] of the sources): set term_months on the "
				       "programme first",
				       c->p->name);
		if (appoint_round(t, c, e))
			return -1;
		date_format(c->term_start, tstart);
	}
	if (db_run(t->d,
		   "UPDATE selection_rounds SET status = $2, publicity_start = CASE WHEN $3 = '' THEN "
		   "publicity_start ELSE $3 END, publicity_end = CASE WHEN $4 = '' THEN publicity_end ELSE "
		   "$4 END, "
		   "term_start = CASE WHEN $5 = '' THEN term_start ELSE $5 END, updated_at = $6 WHERE id = "
		   "$1",
		   DB_ARGS(DV_I(c->r->id), DV_S(to), DV_S(pstart), DV_S(pend), DV_S(tstart), DV_I(now_s())),
		   e) != 1)
		return -1;
	/* the action outlives the work (svc_tx appends it afterwards): a literal */
	const char *action = !strcmp(to, "reviewing")	? "selection_round.reviewing"
			     : !strcmp(to, "publicity") ? "selection_round.publicity"
			     : !strcmp(to, "appointed") ? "selection_round.appointed"
							: "selection_round.cancelled";
	tx_audit(t, action, "selection_round", c->r->id,
		 json_pack("{s:s,s:s,s:I,s:s,s:s}", "from", from, "to", to, "nominations",
			   (json_int_t)c->changed, "publicity_end", pend, "term_start", tstart));
	return 0;
}

json_t *sel_round_move(db *d, const principal *a, int64_t id, const char *to, const char *term_start, err *e)
{
	if (province_only(a, e))
		return NULL;
	struct round_row r;
	struct prog p;
	if (round_load(d, id, &r, e) || prog_load(d, r.programme, &p, e))
		return NULL;
	int ts = term_start && *term_start ? day_of(term_start) : date_today_utc8();
	if (!ts) {
		err_set(e, 422, "invalid_value", "term_start", "任期起始日应为 YYYY-MM-DD",
			"term_start is YYYY-MM-DD");
		return NULL;
	}
	if (!to || !*to) {
		err_set(e, 422, "missing_field", "status", "缺少目标状态", "status is required");
		return NULL;
	}
	struct move_ctx c = {&r, &p, to, ts, 0};
	if (svc_tx(d, a, move_work, &c, e))
		return NULL;
	return sel_round_get_json(d, a, id, e);
}

/* ---- the talent record ---- */

int selections_talent_add(db *d, const principal *a, int64_t person_id, json_t *rec, err *e)
{
	json_t *all =
		rows_json(db_query(d, "SELECT " NOM_COLS NOM_FROM " WHERE sn.person_id = $1 ORDER BY sn.id",
				   DB_ARGS(DV_I(person_id)), e),
			  nom_view, e);
	if (!all)
		return -1;
	json_t *sels = json_array();
	int64_t paid = 0, recovered = 0;
	size_t i;
	json_t *o;
	json_array_foreach(all, i, o)
	{
		scope_owner own = {.found = true, .person_id = person_id};
		snprintf(own.region, sizeof own.region, "%s",
			 json_string_value(json_object_get(o, "region_code")));
		const char *status = json_string_value(json_object_get(o, "status"));
		/* an appointment is a public fact of the record; a nomination only for those who may read it
		 */
		if (strcmp(status, "appointed") && strcmp(status, "ended") &&
		    scope_decide(a, SE_SELECTION_NOMINATION, &own, SCOPE_READ))
			continue;
		json_t *sched = allowance_schedule_json(d, json_integer_value(json_object_get(o, "id")), e);
		if (!sched) {
			json_decref(all);
			json_decref(sels);
			return -1;
		}
		paid += json_integer_value(json_object_get(sched, "paid_fen"));
		recovered += json_integer_value(json_object_get(sched, "recovered_fen"));
		json_object_set_new(o, "allowance", sched);
		json_array_append(sels, o);
	}
	json_decref(all);
	json_object_set_new(rec, "selections", sels);
	json_object_set_new(rec, "allowances",
			    json_pack("{s:I,s:o,s:I,s:o}", "paid_fen", (json_int_t)paid, "paid",
				      money_json(paid), "recovered_fen", (json_int_t)recovered, "recovered",
				      money_json(recovered)));
	return 0;
}

/* ---- outside honours, imported ---- */

enum { H_ID, H_KIND, H_TITLE, H_ON, H_SOURCE, H_N };
static const tab_col hcols[H_N] = {
	[H_ID] = {"id_number", "证件号码", {"身份证号", "公民身份号码", "身份证号码"}, TAB_REQUIRED},
	[H_KIND] = {"kind", "荣誉类别", {"类别"}, TAB_REQUIRED},
	[H_TITLE] = {"title", "荣誉名称", {"名称", "荣誉"}, TAB_REQUIRED},
	[H_ON] = {"awarded_on", "获得日期", {"授予日期", "日期"}, 0},
	[H_SOURCE] = {"source", "来源", {"数据来源", "发文"}, TAB_REQUIRED},
};
static const tab_spec hspec = {hcols, H_N, TAB_TRIM};

/* the outside honours by their Chinese names (a code of [a-z0-9_] is taken as it is) */
static const struct {
	const char *zh, *code;
} honour_names[] = {
	{"中华技能大奖", "china_skill_award"},	  {"全国技术能手", "national_technical_expert"},
	{"大国工匠", "great_craftsman"},	  {"齐鲁大工匠", "qilu_craftsman"},
	{"齐鲁工匠", "qilu_craftsman"},		  {"齐鲁（大）工匠", "qilu_craftsman"},
	{"齐鲁技能大奖", "qilu_skill_award"},	  {"山东省技术技能大师", "shandong_master"},
	{"世界技能大赛金牌", "worldskills_gold"},
};

static const char *honour_code(const char *s)
{
	for (size_t i = 0; i < ARRAY_LEN(honour_names); i++)
		if (!strcmp(s, honour_names[i].zh))
			return honour_names[i].code;
	size_t n = strlen(s);
	if (n < 2 || n > 32)
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (!(islower((unsigned char)s[i]) || isdigit((unsigned char)s[i]) || s[i] == '_'))
			return NULL;
	return s;
}

struct himport_ctx {
	db *d;
	const principal *a;
	int today;
	size_t inserted, unchanged;
};

#define row_reject(e, field, code, zh, en) (err_set((e), 422, (code), (field), zh, en), 1)

static int honour_row(void *vctx, const tab_row *r, err *e)
{
	struct himport_ctx *c = vctx;
	const char *idn = tab_get(r, H_ID), *kind = tab_get(r, H_KIND), *title = tab_get(r, H_TITLE),
		   *on = tab_get(r, H_ON), *src = tab_get(r, H_SOURCE);
	idnum_info info;
	if (!idn || idnum_check(idn, c->today, &info) != IDNUM_OK)
		return row_reject(e, "id_number", "invalid_id_number", "证件号码不是有效的居民身份证号码",
				  "not a valid resident ID number");
	const char *code = kind ? honour_code(kind) : NULL;
	if (!code)
		return row_reject(e, "kind", "invalid_value",
				  "荣誉类别应为已知名称或代码（如 中华技能大奖、great_craftsman）",
				  "kind is a known name or a code (中华技能大奖, great_craftsman …)");
	if (!title || !*title || utf8_chars(title) > 100 || !src || !*src || utf8_chars(src) > 300)
		return row_reject(e, !title || !*title ? "title" : "source", "invalid_value",
				  "荣誉名称（至多 100 字）与来源（至多 300 字）必填",
				  "title (at most 100) and source (at most 300) are required");
	int ymd = 0;
	if (on && *on && (date_parse(on, &ymd) != 0 || ymd > c->today))
		return row_reject(e, "awarded_on", "invalid_value", "获得日期应为不晚于今天的 YYYY-MM-DD",
				  "awarded_on is a date (YYYY-MM-DD) not after today");
	char idx[65];
	pii_blind_index(ID_FIELD, info.normalized, idx);
	db_stmt *st = db_query(c->d, "SELECT id, region_code FROM persons WHERE id_index = $1",
			       DB_ARGS(DV_S(idx)), e);
	int row = st ? db_row(st, e) : -1;
	int64_t person = 0;
	bool mine = false;
	if (row == 1) {
		person = db_int(st, 0);
		mine = c->a->role == ROLE_PROVINCE_ADMIN || region_covers(c->a->region, db_text(st, 1));
	}
	db_done(st);
	if (row < 0)
		return -1;
	if (!person || !mine)
		return row_reject(e, "id_number", "not_found", "人员不存在（或不在本地区）",
				  "no such person (in your region)");
	int64_t id = 0;
	int rc = db_one_int(c->d,
			    "SELECT id FROM person_honours WHERE person_id = $1 AND kind = $2 AND title = $3",
			    DB_ARGS(DV_I(person), DV_S(code), DV_S(title)), &id, e);
	if (rc == DB_OK) {
		c->unchanged++;
		return 0;
	}
	if (rc != DB_NOT_FOUND)
		return -1;
	char day[11] = "";
	if (ymd)
		date_format(ymd, day);
	if (db_run(c->d,
		   "INSERT INTO person_honours (person_id, kind, title, awarded_on, source, imported_by, "
		   "created_at) "
		   "VALUES ($1,$2,$3,$4,$5,$6,$7)",
		   DB_ARGS(DV_I(person), DV_S(code), DV_S(title), DV_S(day), DV_S(src),
			   c->a->user_id ? DV_I(c->a->user_id) : DV_NULL, DV_I(now_s())),
		   e) != 1)
		return -1;
	c->inserted++;
	return 0;
}

static json_t *himport_detail(void *vctx, const import_result *res)
{
	struct himport_ctx *c = vctx;
	return json_pack("{s:I,s:I,s:I,s:I}", "rows", (json_int_t)res->rows, "inserted",
			 (json_int_t)c->inserted, "unchanged", (json_int_t)c->unchanged, "rejected",
			 (json_int_t)res->rejected);
}

static const import_def honour_import_def = {
	.spec = &hspec,
	.row = honour_row,
	.audit_action = "person.honours_import",
	.audit_entity = "person_honours",
	.audit_detail = himport_detail,
};

json_t *honours_import(db *d, const principal *a, const char *data, size_t len, bool all_or_nothing, err *e)
{
	if (a->role != ROLE_PROVINCE_ADMIN && a->role != ROLE_CITY_ADMIN) {
		err_set(e, 403, "forbidden", NULL, "荣誉由人社部门导入人才档案",
			"the bureau imports honours onto the talent record");
		return NULL;
	}
	struct himport_ctx c = {.d = d, .a = a, .today = date_today_utc8()};
	import_opts o = {
		.data = data, .len = len, .all_or_nothing = all_or_nothing, .audit_entity_id = a->region};
	import_result res;
	json_t *out = NULL;
	if (import_exec(d, a, &honour_import_def, &c, &o, &res, e) == 0) {
		bool kept = res.stored;
		out = json_pack("{s:I,s:I,s:I,s:I,s:I,s:b,s:o}", "rows", (json_int_t)res.rows, "imported",
				(json_int_t)(kept ? res.ok : 0), "inserted",
				(json_int_t)(kept ? c.inserted : 0), "unchanged",
				(json_int_t)(kept ? c.unchanged : 0), "rejected", (json_int_t)res.rejected,
				"stored", kept, "errors", import_errors_json(&honour_import_def, &res));
	}
	import_result_free(&res);
	return out;
}

/* ---- the review panel (综合评审's machinery: 回避, independent scores) ---- */

struct panel_ctx {
	int64_t round;
	const int64_t *ids;
	size_t n;
};

static int panel_work(tx *t, void *ctx, err *e)
{
	struct panel_ctx *c = ctx;
	struct round_row r;
	if (round_load(t->d, c->round, &r, e))
		return -1;
	if (strcmp(r.status, "nominating") && strcmp(r.status, "reviewing"))
		return err_set(e, 409, "invalid_state", NULL, "只有推荐或评审阶段的批次可以设定评审专家组",
			       "the panel is set while the round is nominating or in review");
	int64_t scored = 0;
	if (db_one_int(t->d,
		       "SELECT COUNT(*) FROM selection_scores s JOIN selection_nominations sn ON sn.id = "
		       "s.nomination_id WHERE sn.round_id = $1",
		       DB_ARGS(DV_I(c->round)), &scored, e) != DB_OK)
		return -1;
	if (scored)
		return err_set(e, 409, "already_scored", NULL, "已有专家评分，评审专家组不能再改",
			       "experts have scored: the panel is fixed");
	for (size_t i = 0; i < c->n; i++) {
		char role[32] = "";
		db_stmt *st =
			db_query(t->d, "SELECT role FROM users WHERE id = $1", DB_ARGS(DV_I(c->ids[i])), e);
		int row = st ? db_row(st, e) : -1;
		if (row == 1)
			snprintf(role, sizeof role, "%s", db_text(st, 0));
		db_done(st);
		if (row < 0)
			return -1;
		if (row == 0 || strcmp(role, "examiner"))
			return err_set(e, 422, "invalid_value", "examiners",
				       "评审专家应为考评人员账户（第 %zu 项）",
				       "each expert is an examiner's account (item %zu)", i + 1);
		for (size_t j = 0; j < i; j++)
			if (c->ids[j] == c->ids[i])
				return err_set(e, 422, "invalid_value", "examiners",
					       "评审专家重复（第 %zu 项）",
					       "an expert is named twice (item %zu)", i + 1);
	}
	if (db_run(t->d, "DELETE FROM selection_round_panel WHERE round_id = $1", DB_ARGS(DV_I(c->round)),
		   e) < 0)
		return -1;
	json_t *ids = json_array();
	for (size_t i = 0; i < c->n; i++) {
		if (db_run(t->d, "INSERT INTO selection_round_panel (round_id, user_id) VALUES ($1,$2)",
			   DB_ARGS(DV_I(c->round), DV_I(c->ids[i])), e) != 1) {
			json_decref(ids);
			return -1;
		}
		json_array_append_new(ids, json_integer(c->ids[i]));
	}
	tx_audit(t, "selection_round.panel", "selection_round", c->round,
		 json_pack("{s:o}", "examiners", ids));
	return 0;
}

json_t *sel_panel_put(db *d, const principal *a, int64_t round, const int64_t *examiners, size_t n, err *e)
{
	if (province_only(a, e))
		return NULL;
	if (n > SEL_PANEL_MAX) {
		err_set(e, 422, "invalid_value", "examiners", "评审专家至多 %d 人", "at most %d experts",
			SEL_PANEL_MAX);
		return NULL;
	}
	struct panel_ctx c = {round, examiners, n};
	if (svc_tx(d, a, panel_work, &c, e))
		return NULL;
	return sel_round_get_json(d, a, round, e);
}

json_t *sel_reviews_json(db *d, const principal *a, err *e)
{
	if (a->role != ROLE_EXAMINER) {
		err_set(e, 403, "forbidden", NULL, "只有评审专家（考评人员）查看待评推荐",
			"the nominations to score are an expert's (an examiner's)");
		return NULL;
	}
	db_stmt *st = db_query(
		d,
		"SELECT sn.id, r.id, r.title, pg.name, p.name, COALESCE(i.name, ''), sn.region_code, sn.age, "
		"sn.front_line, sn.new_achievement, sn.achievements, s.score, sn.person_id, sn.decision FROM "
		"selection_round_panel m JOIN selection_rounds r ON r.id = m.round_id JOIN "
		"selection_programmes pg ON pg.code = r.programme JOIN selection_nominations sn ON "
		"sn.round_id = r.id JOIN persons p ON p.id = sn.person_id LEFT JOIN institutions i ON i.id = "
		"p.employer_id LEFT JOIN selection_scores s ON s.nomination_id = sn.id AND s.expert_id = "
		"m.user_id WHERE m.user_id = $1 AND r.status = 'reviewing' AND sn.status = 'nominated' ORDER "
		"BY r.id, sn.id LIMIT 1000",
		DB_ARGS(DV_I(a->user_id)), e);
	if (!st)
		return NULL;
	json_t *items = json_array();
	arena *ar = arena_new();
	while (db_step(st) == DB_ROW) {
		int64_t person = db_int(st, 12);
		/* 回避 as the score finds it: the nominee themself, the same employer, a declared avoidance
		 */
		const char *why = sel_avoid(d, ar, a->user_id, person, e);
		if (why && err_isset(e))
			break;
		json_t *dec = json_loads(db_text(st, 13), 0, NULL);
		json_array_append_new(
			items,
			json_pack("{s:I,s:I,s:s,s:s,s:s,s:s,s:s,s:I,s:b,s:b,s:s,s:b,s:o,s:b,s:s,s:o}",
				  "nomination_id", (json_int_t)db_int(st, 0), "round_id",
				  (json_int_t)db_int(st, 1), "round_title", db_text(st, 2), "programme_name",
				  db_text(st, 3), "person_name", db_text(st, 4), "employer", db_text(st, 5),
				  "region_code", db_text(st, 6), "age", (json_int_t)db_int(st, 7),
				  "front_line", (int)db_int(st, 8), "new_achievement", (int)db_int(st, 9),
				  "achievements", db_text(st, 10), "scored", !db_isnull(st, 11), "score",
				  db_isnull(st, 11) ? json_null() : json_integer(db_int(st, 11)), "avoid",
				  why != NULL, "avoid_reason", why ? why : "", "checks",
				  dec && json_object_get(dec, "checks")
					  ? json_incref(json_object_get(dec, "checks"))
					  : json_array()));
		json_decref(dec);
	}
	arena_free(ar);
	if (err_isset(e) || db_finish(st, e)) {
		json_decref(items);
		return NULL;
	}
	return json_pack("{s:o}", "items", items);
}
