/* outcomes.c: 竞赛成果 — 山东省技术能手, 晋升一级 through the certificate chain, prize money into the ledger,
 * 集训基地 construction grants, objections to results during 公示, the talent record's competition part (see
 * outcomes.h; rules in core/comp_outcome.h) */
#include "util/common.h"
#include "svc/competition/outcomes.h"
#include "svc/competition/marking.h"
#include "svc/base/svc.h"
#include "svc/cert/certs.h"
#include "svc/stats/counters.h"
#include "svc/training/ledger.h"
#include "core/comp_outcome.h"
#include "core/certno.h"
#include "core/date.h"

#define PRIZE_REGION "370000"
#define PRIZE_FUND   "fund:370000:competition"

static const char *const RECIPIENTS[3] = {"contestant", "expert_team", "base_or_unit"};

static const char *medal_zh(const char *m)
{
	return !strcmp(m, "gold")	  ? "金牌"
	       : !strcmp(m, "silver")	  ? "银牌"
	       : !strcmp(m, "bronze")	  ? "铜牌"
	       : !strcmp(m, "excellence") ? "优胜奖"
					  : m;
}

static int need_province(const principal *a, err *e)
{
	return a->role == ROLE_PROVINCE_ADMIN
		       ? 0
		       : err_set(e, 403, "forbidden", NULL, "竞赛成果由省级人社部门办理",
				 "the province runs competition outcomes");
}

/* ---- the competition ---- */

struct co_comp {
	int64_t id, cert_inst;
	char tier[16], ends_on[11];
	char *name, *cert_inst_name;
};

static void comp_free(struct co_comp *c)
{
	free(c->name);
	free(c->cert_inst_name);
}

static int comp_load(db *d, int64_t id, struct co_comp *c, err *e)
{
	memset(c, 0, sizeof *c);
	db_stmt *st = db_query(d,
			       "SELECT c.name, c.tier, c.ends_on, COALESCE(s.cert_institution_id, 0), "
			       "COALESCE(i.name, '') FROM competitions c LEFT JOIN "
			       "competition_outcome_settings s ON s.competition_id = c.id LEFT JOIN "
			       "institutions i ON i.id = s.cert_institution_id WHERE c.id = $1",
			       DB_ARGS(DV_I(id)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		c->id = id;
		c->name = xstrdup(db_text(st, 0));
		snprintf(c->tier, sizeof c->tier, "%s", db_text(st, 1));
		snprintf(c->ends_on, sizeof c->ends_on, "%s", db_text(st, 2));
		c->cert_inst = db_int(st, 3);
		c->cert_inst_name = xstrdup(db_text(st, 4));
	}
	db_done(st);
	if (row < 0)
		return -1;
	return row ? 0 : err_set(e, 404, "not_found", NULL, "竞赛不存在", "no such competition");
}

/* ---- the province's rules ---- */

struct co_limit {
	bool on;
	int count, months;
	char source[400];
};

static int limit_read(db *d, struct co_limit *l, err *e)
{
	memset(l, 0, sizeof *l);
	db_stmt *st = db_query(d,
			       "SELECT promotion_limit_on, promotion_limit_count, promotion_limit_months, "
			       "promotion_limit_source FROM competition_outcome_rules WHERE id = 1",
			       DB_NOARGS, e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		l->on = db_int(st, 0) != 0;
		l->count = (int)db_int(st, 1);
		l->months = (int)db_int(st, 2);
		snprintf(l->source, sizeof l->source, "%s", db_text(st, 3));
	}
	db_done(st);
	return row < 0 ? -1 : 0;
}

static json_t *limit_view(const struct co_limit *l)
{
	return json_pack("{s:b,s:i,s:i,s:s}", "enabled", l->on, "count", l->count, "months", l->months,
			 "source", l->source);
}

/* the date `months` months before ymd (the day kept, at most the 28th) */
static int months_before(int ymd, int months)
{
	int y = ymd / 10000, m = ymd / 100 % 100, dd = ymd % 100;
	int total = y * 12 + (m - 1) - months;
	return (total / 12) * 10000 + (total % 12 + 1) * 100 + (dd > 28 ? 28 : dd);
}

/* ---- the results of a competition, each with what it brings ---- */

struct co_row {
	int64_t event_id, entry_id, person_id, unit_inst, sending_unit, training_base, group_id;
	int place, team_size, group_level, open_objections;
	char medal[12], grp[12], status[12], pend[11], occ[16];
	char *person, *event, *team, *unit_name, *expert_team;
	bool team_lead; /* the first member of a team (pays the team's expert-team and base-or-unit awards) */
};

static void rows_free(struct co_row *r, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(r[i].person);
		free(r[i].event);
		free(r[i].team);
		free(r[i].unit_name);
		free(r[i].expert_team);
	}
	free(r);
}

/* the squad member an entry of a selection round stands for (migration 041: the squads record each member's
 * 选送单位 and 集训基地); an entry's own columns win */
#define SQUAD_MEMBER                                                                                         \
	"competition_squad_rounds sr JOIN competition_squad_members sm ON sm.squad_id = sr.squad_id AND "    \
	"sm.person_id = en.person_id WHERE sr.event_id = en.event_id ORDER BY sm.id LIMIT 1"

static struct co_row *rows_load(db *d, int64_t comp, size_t *n, err *e)
{
	*n = 0;
	db_stmt *st = db_query(
		d,
		"SELECT r.event_id, r.entry_id, en.person_id, COALESCE(en.unit_institution_id, 0), "
		"COALESCE(en.sending_unit_id, (SELECT sm.sending_unit_id FROM " SQUAD_MEMBER "), 0), "
		"COALESCE(en.training_base_id, (SELECT sm.training_base_id FROM " SQUAD_MEMBER "), 0), "
		"en.group_id, r.place, "
		"v.team_size, g.promotion_level, (SELECT COUNT(*) FROM objections o WHERE "
		"o.competition_event_id = v.id AND o.status = 'open'), r.medal, en.grp, COALESCE(m.status, "
		"'marking'), COALESCE(m.publicity_end, ''), COALESCE(v.occupation_code, ''), p.name, v.name, "
		"en.team, en.unit_name, v.expert_team FROM competition_results r JOIN competition_entries en "
		"ON "
		"en.id = r.entry_id JOIN competition_events v ON v.id = r.event_id JOIN persons p ON p.id = "
		"en.person_id JOIN competition_groups g ON g.id = en.group_id LEFT JOIN competition_marking "
		"m "
		"ON m.event_id = v.id WHERE v.competition_id = $1 ORDER BY v.id, r.place, r.entry_id",
		DB_ARGS(DV_I(comp)), e);
	if (!st)
		return NULL;
	size_t cap = 16;
	struct co_row *v = xcalloc(cap, sizeof *v);
	int rc;
	while ((rc = db_row(st, e)) == 1) {
		if (*n == cap)
			v = xrealloc(v, (cap *= 2) * sizeof *v);
		struct co_row *r = &v[(*n)++];
		memset(r, 0, sizeof *r);
		r->event_id = db_int(st, 0);
		r->entry_id = db_int(st, 1);
		r->person_id = db_int(st, 2);
		r->unit_inst = db_int(st, 3);
		r->sending_unit = db_int(st, 4);
		r->training_base = db_int(st, 5);
		r->group_id = db_int(st, 6);
		r->place = (int)db_int(st, 7);
		r->team_size = (int)db_int(st, 8);
		r->group_level = (int)db_int(st, 9);
		r->open_objections = (int)db_int(st, 10);
		snprintf(r->medal, sizeof r->medal, "%s", db_text(st, 11));
		snprintf(r->grp, sizeof r->grp, "%s", db_text(st, 12));
		snprintf(r->status, sizeof r->status, "%s", db_text(st, 13));
		snprintf(r->pend, sizeof r->pend, "%s", db_text(st, 14));
		snprintf(r->occ, sizeof r->occ, "%s", db_text(st, 15));
		r->person = xstrdup(db_text(st, 16));
		r->event = xstrdup(db_text(st, 17));
		r->team = xstrdup(db_text(st, 18));
		r->unit_name = xstrdup(db_text(st, 19));
		r->expert_team = xstrdup(db_text(st, 20));
	}
	db_done(st);
	if (rc < 0) {
		rows_free(v, *n);
		*n = 0;
		return NULL;
	}
	/* the team's first member: the lowest entry id of the event's team */
	for (size_t i = 0; i < *n; i++) {
		v[i].team_lead = true;
		if (!v[i].team[0])
			continue;
		for (size_t k = 0; k < *n; k++)
			if (k != i && v[k].event_id == v[i].event_id && !strcmp(v[k].team, v[i].team) &&
			    v[k].entry_id < v[i].entry_id)
				v[i].team_lead = false;
	}
	return v;
}

/* is the result final? the reason when not */
static bool final_result(const struct co_row *r, int today, struct co_reason *w)
{
	int end = 0;
	if (strcmp(r->status, "published")) {
		snprintf(w->zh, sizeof w->zh, "成绩尚未发布公示");
		snprintf(w->en, sizeof w->en, "the results are not published yet");
		return false;
	}
	if (date_parse(r->pend, &end) != 0 || today <= end) {
		snprintf(w->zh, sizeof w->zh, "成绩公示期至 %s 结束，结束后方为最终成绩", r->pend);
		snprintf(w->en, sizeof w->en, "the publicity of the results ends on %s", r->pend);
		return false;
	}
	if (r->open_objections) {
		snprintf(w->zh, sizeof w->zh, "赛项成绩有 %d 件异议尚未处理，处理后方为最终成绩",
			 r->open_objections);
		snprintf(w->en, sizeof w->en, "%d objection(s) to the event's results are open",
			 r->open_objections);
		return false;
	}
	snprintf(w->zh, sizeof w->zh, "成绩已公示期满，无未处理的异议");
	snprintf(w->en, sizeof w->en, "the publicity is over and no objection is open");
	return true;
}

static json_t *why_json(json_t *o, const struct co_reason *w)
{
	json_object_set_new(o, "reason", json_string(w->zh));
	json_object_set_new(o, "reason_en", json_string(w->en));
	return o;
}

/* ---- doing it ---- */

struct run_ctx {
	int64_t comp;
	bool dry;
	json_t *out; /* set by the work */
};

static int honour_apply(tx *t, const struct co_comp *c, const struct co_row *r, const struct co_reason *w,
			err *e)
{
	char source[600];
	snprintf(source, sizeof source, "%s·%s 第 %d 名（%s）；鲁人社发〔2020〕18号 第21条（种子 003 §21）",
		 c->name, r->event, r->place, w->zh);
	int64_t hid = 0;
	int rc = db_one_int(
		t->d, "SELECT id FROM person_honours WHERE person_id = $1 AND kind = $2 AND title = $3",
		DB_ARGS(DV_I(r->person_id), DV_S(CO_HONOUR_KIND), DV_S(CO_HONOUR_TITLE)), &hid, e);
	if (rc == DB_NOT_FOUND) {
		if (db_one_int(t->d,
			       "INSERT INTO person_honours (person_id, kind, title, awarded_on, source, "
			       "imported_by, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id",
			       DB_ARGS(DV_I(r->person_id), DV_S(CO_HONOUR_KIND), DV_S(CO_HONOUR_TITLE),
				       DV_S(c->ends_on), DV_S(source), DV_I(t->a->user_id), DV_I(now_s())),
			       &hid, e) != DB_OK)
			return -1;
	} else if (rc != DB_OK)
		return -1;
	return db_run(t->d,
		      "INSERT INTO competition_honours (entry_id, competition_id, event_id, person_id, "
		      "honour_id, place, basis, created_by, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)",
		      DB_ARGS(DV_I(r->entry_id), DV_I(c->id), DV_I(r->event_id), DV_I(r->person_id),
			      DV_I(hid), DV_I(r->place), DV_S(source), DV_I(t->a->user_id), DV_I(now_s())),
		      e) < 0
		       ? -1
		       : 0;
}

static int promotion_apply(tx *t, const struct co_comp *c, const struct co_row *r, int from, int to,
			   char number[24], err *e)
{
	int64_t rid = 0;
	if (db_one_int(t->d,
		       "INSERT INTO results (person_id, institution_id, occupation_code, work_type, level, "
		       "exam_date, passed, created_by, created_at, competition_entry_id) VALUES "
		       "($1,$2,$3,'',$4,$5,1,$6,$7,$8) RETURNING id",
		       DB_ARGS(DV_I(r->person_id), DV_I(c->cert_inst), DV_S(r->occ), DV_I(to),
			       DV_S(c->ends_on), DV_I(t->a->user_id), DV_I(now_s()), DV_I(r->entry_id)),
		       &rid, e) != DB_OK ||
	    stat_count(t, STE_RESULT, DV_I(rid), DV_NULL, +1, e) != 0)
		return -1;
	char basis[600];
	snprintf(basis, sizeof basis, "竞赛晋升：%s·%s 第 %d 名，晋升一级（鲁人社发〔2020〕18号 第21条）",
		 c->name, r->event, r->place);
	if (cert_issue_tx(t, rid, basis, number, e) != 0)
		return -1;
	return db_run(t->d,
		      "INSERT INTO competition_promotions (entry_id, competition_id, event_id, person_id, "
		      "occupation_code, from_level, to_level, result_id, certificate_id, awarded_on, "
		      "created_by, "
		      "created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,(SELECT id FROM certificates WHERE number "
		      "= "
		      "$9),$10,$11,$12)",
		      DB_ARGS(DV_I(r->entry_id), DV_I(c->id), DV_I(r->event_id), DV_I(r->person_id),
			      DV_S(r->occ), DV_I(from), DV_I(to), DV_I(rid), DV_S(number), DV_S(c->ends_on),
			      DV_I(t->a->user_id), DV_I(now_s())),
		      e) < 0
		       ? -1
		       : 0;
}

/* one planned award of a result */
struct co_award {
	const char *recipient, *payee_kind;
	int64_t payee_inst, payee_person;
	char payee_name[200];
	int64_t amount;
	struct co_reason why;
	bool done; /* recorded by an earlier run */
};

static int payee_account(db *d, const struct co_award *a, int64_t *acct, err *e)
{
	char code[260], name[300];
	if (a->payee_person) {
		snprintf(code, sizeof code, "payable:competition:person:%lld", (long long)a->payee_person);
		snprintf(name, sizeof name, "应付竞赛奖励 %s", a->payee_name);
	} else if (a->payee_inst) {
		snprintf(code, sizeof code, "payable:competition:employer:%lld", (long long)a->payee_inst);
		snprintf(name, sizeof name, "应付竞赛奖励 %s", a->payee_name);
	} else {
		snprintf(code, sizeof code, "payable:competition:team:%s", a->payee_name);
		snprintf(name, sizeof name, "应付竞赛奖励 中国技术指导专家团队 %s", a->payee_name);
	}
	return ledger_account_code(d, code, "payable", PRIZE_REGION, a->payee_person, a->payee_inst, name,
				   acct, e);
}

static int awards_apply(tx *t, const struct co_comp *c, const struct co_row *r, struct co_award *aw, int n,
			err *e)
{
	struct ledger_line_in lines[4];
	int nl = 1;
	fen_t total = 0;
	int64_t fund = 0;
	if (ledger_account_code(t->d, PRIZE_FUND, "fund", PRIZE_REGION, 0, 0, "竞赛奖励资金 省级", &fund, e))
		return -1;
	for (int i = 0; i < n; i++) {
		if (aw[i].done)
			continue;
		int64_t acct = 0;
		if (payee_account(t->d, &aw[i], &acct, e) != 0 ||
		    money_add(total, aw[i].amount, &total) != MONEY_OK)
			return err_isset(e) ? -1 : ERR_INTERNAL(e, "prize total overflows");
		lines[nl++] = (struct ledger_line_in){acct, -aw[i].amount};
	}
	if (nl == 1)
		return 0;
	lines[0] = (struct ledger_line_in){fund, total};
	char memo[400];
	snprintf(memo, sizeof memo, "竞赛奖励：%s·%s %s（竞赛报名 %lld）", c->name, r->event, r->person,
		 (long long)r->entry_id);
	struct ledger_entry_in in = {
		.kind = "accrue", .region = PRIZE_REGION, .memo = memo, .lines = lines, .nlines = nl};
	int64_t entry = 0;
	if (ledger_post(t, &in, &entry, e) != 0)
		return -1;
	for (int i = 0; i < n; i++) {
		if (aw[i].done)
			continue;
		if (db_run(t->d,
			   "INSERT INTO competition_awards (competition_id, event_id, entry_id, person_id, "
			   "team, "
			   "recipient, payee_kind, payee_institution_id, payee_name, medal, amount_fen, "
			   "reason, "
			   "ledger_entry_id, created_by, created_at) VALUES "
			   "($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15)",
			   DB_ARGS(DV_I(c->id), DV_I(r->event_id), DV_I(r->entry_id), DV_I(r->person_id),
				   DV_S(r->team), DV_S(aw[i].recipient), DV_S(aw[i].payee_kind),
				   aw[i].payee_inst ? DV_I(aw[i].payee_inst) : DV_NULL,
				   DV_S(aw[i].payee_name), DV_S(r->medal), DV_I(aw[i].amount),
				   DV_S(aw[i].why.zh), DV_I(entry), DV_I(t->a->user_id), DV_I(now_s())),
			   e) < 0)
			return -1;
	}
	return 0;
}

static int inst_name(db *d, int64_t id, char *out, size_t cap, err *e)
{
	db_stmt *st = db_query(d, "SELECT name FROM institutions WHERE id = $1", DB_ARGS(DV_I(id)), e);
	int row = st ? db_row(st, e) : -1;
	snprintf(out, cap, "%s", row == 1 ? db_text(st, 0) : "");
	db_done(st);
	return row < 0 ? -1 : 0;
}

/* the awards a result brings (up to 3), each planned or recorded */
static int awards_plan(db *d, const struct co_comp *c, const struct co_row *r, struct co_award *aw, int *n,
		       json_t *list, err *e)
{
	*n = 0;
	for (int k = 0; k < 3; k++) {
		const char *rec = RECIPIENTS[k];
		int64_t amount = 0;
		int rc = r->medal[0]
				 ? db_one_int(d,
					      "SELECT amount_fen FROM competition_prize_rules WHERE tier = "
					      "$1 AND "
					      "medal = $2 AND recipient = $3",
					      DB_ARGS(DV_S(c->tier), DV_S(r->medal), DV_S(rec)), &amount, e)
				 : DB_NOT_FOUND;
		if (rc != DB_OK && rc != DB_NOT_FOUND)
			return -1;
		json_t *o = json_pack("{s:s}", "recipient", rec);
		json_array_append_new(list, o);
		if (rc == DB_NOT_FOUND) {
			json_object_set_new(o, "status", json_string("no"));
			json_object_set_new(o, "amount_fen", json_integer(0));
			struct co_reason w;
			snprintf(w.zh, sizeof w.zh, "%s",
				 r->medal[0] ? "奖励规则未规定该层级、奖牌和对象的奖金" : "未获奖牌");
			snprintf(w.en, sizeof w.en, "%s",
				 r->medal[0] ? "no prize rule for this tier, medal and recipient"
					     : "no medal");
			why_json(o, &w);
			continue;
		}
		struct co_award a = {.recipient = rec, .amount = amount};
		/* recorded already? (a team's shared awards are recorded with its first member) */
		db_stmt *st = db_query(d,
				       "SELECT payee_kind, COALESCE(payee_institution_id, 0), payee_name, "
				       "amount_fen, reason FROM "
				       "competition_awards WHERE entry_id = $1 AND recipient = $2",
				       DB_ARGS(DV_I(r->entry_id), DV_S(rec)), e);
		int row = st ? db_row(st, e) : -1;
		if (row == 1) {
			json_object_set_new(o, "status", json_string("done"));
			json_object_set_new(o, "payee_kind", json_string(db_text(st, 0)));
			json_object_set_new(o, "payee_institution_id",
					    db_int(st, 1) ? json_integer(db_int(st, 1)) : json_null());
			json_object_set_new(o, "payee_name", json_string(db_text(st, 2)));
			json_object_set_new(o, "amount_fen", json_integer(db_int(st, 3)));
			json_object_set_new(o, "reason", json_string(db_text(st, 4)));
			json_object_set_new(o, "reason_en", json_string("paid by an earlier run"));
		}
		db_done(st);
		if (row < 0)
			return -1;
		if (row == 1)
			continue;
		bool pay = true;
		if (!strcmp(rec, "contestant")) {
			a.payee_kind = "person";
			a.payee_person = r->person_id;
			snprintf(a.payee_name, sizeof a.payee_name, "%s", r->person);
			snprintf(a.why.zh, sizeof a.why.zh, "选手奖励（%s）", medal_zh(r->medal));
			snprintf(a.why.en, sizeof a.why.en, "the contestant's prize (%s)", r->medal);
		} else if (!r->team_lead) {
			pay = false;
			snprintf(a.why.zh, sizeof a.why.zh, "团体赛项：由本队第一名队员的成绩奖励一次");
			snprintf(a.why.en, sizeof a.why.en,
				 "a team event: paid once, with the team's first member");
		} else if (!strcmp(rec, "expert_team")) {
			a.payee_kind = "expert_team";
			snprintf(a.payee_name, sizeof a.payee_name, "%s", r->expert_team);
			if (!r->expert_team[0]) {
				pay = false;
				snprintf(a.why.zh, sizeof a.why.zh, "赛项未登记中国技术指导专家团队");
				snprintf(a.why.en, sizeof a.why.en, "the event names no expert team");
			} else {
				snprintf(a.why.zh, sizeof a.why.zh,
					 "培育选手的中国技术指导专家团队奖励（%s）", r->medal);
				snprintf(a.why.en, sizeof a.why.en,
					 "the expert team that trained the contestant (%s)", r->medal);
			}
		} else {
			enum co_payee p = co_base_or_unit(r->training_base, r->sending_unit, r->unit_inst,
							  &a.payee_inst, &a.why);
			a.payee_kind = p == CO_PAY_BASE ? "training_base" : "sending_unit";
			if (p == CO_PAY_NONE)
				pay = false;
			else if (inst_name(d, a.payee_inst, a.payee_name, sizeof a.payee_name, e) != 0)
				return -1;
		}
		if (!pay) {
			json_object_set_new(o, "status", json_string("no"));
			json_object_set_new(o, "amount_fen", json_integer(0));
			why_json(o, &a.why);
			continue;
		}
		json_object_set_new(o, "status", json_string("due"));
		json_object_set_new(o, "payee_kind", json_string(a.payee_kind));
		json_object_set_new(o, "payee_institution_id",
				    a.payee_inst ? json_integer(a.payee_inst) : json_null());
		json_object_set_new(o, "payee_name", json_string(a.payee_name));
		json_object_set_new(o, "amount_fen", json_integer(amount));
		why_json(o, &a.why);
		aw[(*n)++] = a;
	}
	return 0;
}

/* the current highest valid level of the person in the occupation (1..5; 0 none) */
static int current_level(db *d, int64_t person, const char *occ, int *level, err *e)
{
	int64_t l = 0;
	int rc = db_one_int(
		d,
		"SELECT COALESCE(MIN(level), 0) FROM certificates WHERE person_id = $1 AND "
		"occupation_code = $2 AND status = 'valid' AND kind = 'occupation' AND level BETWEEN 1 "
		"AND 5",
		DB_ARGS(DV_I(person), DV_S(occ)), &l, e);
	*level = (int)l;
	return rc == DB_OK ? 0 : -1;
}

static int outcomes_work(tx *t, void *ctx, err *e)
{
	struct run_ctx *x = ctx;
	db *d = t->d;
	json_decref(x->out);
	x->out = NULL;
	struct co_comp c;
	struct co_limit lim;
	if (comp_load(d, x->comp, &c, e) != 0)
		return -1;
	size_t n = 0;
	struct co_row *rows = NULL;
	int res = -1, today = date_today_utc8(), ends = 0;
	date_parse(c.ends_on, &ends);
	if (limit_read(d, &lim, e) != 0 || !(rows = rows_load(d, c.id, &n, e))) {
		comp_free(&c);
		return -1;
	}
	json_t *items = json_array();
	int64_t n_h = 0, n_p = 0, new_h = 0, new_p = 0;
	/* the dry run's planned promotions per person (the run's own are in the table already), so that the
	 * limit counts them as the run will */
	int64_t *planned = xcalloc(n ? n : 1, sizeof *planned);
	size_t nplanned = 0;
	fen_t paid = 0, new_paid = 0;
	for (size_t i = 0; i < n; i++) {
		struct co_row *r = &rows[i];
		struct co_reason fw, hw;
		bool fin = final_result(r, today, &fw);
		bool due = co_honour_due(c.tier, r->place, &hw);
		json_t *it = json_pack("{s:I,s:I,s:s,s:I,s:s,s:s,s:s,s:i,s:s,s:s,s:b}", "entry_id",
				       (json_int_t)r->entry_id, "event_id", (json_int_t)r->event_id, "event",
				       r->event, "person_id", (json_int_t)r->person_id, "name", r->person,
				       "group", r->grp, "team", r->team, "place", r->place, "medal", r->medal,
				       "unit_name", r->unit_name, "final", fin);
		json_array_append_new(items, it);
		json_object_set_new(it, "final_reason", json_string(fw.zh));
		json_object_set_new(it, "final_reason_en", json_string(fw.en));
		bool pnew = false;
		/* the person's row first when the run may honour and promote: runs of two competitions for
		 * one person go one after another, the later seeing the earlier's honour, level and
		 * promotions */
		if (due && fin && !x->dry &&
		    db_run(d, "UPDATE persons SET updated_at = updated_at WHERE id = $1",
			   DB_ARGS(DV_I(r->person_id)), e) < 0)
			goto out;
		/* 山东省技术能手 */
		int64_t have = 0;
		if (db_one_int(d, "SELECT COUNT(*) FROM competition_honours WHERE entry_id = $1",
			       DB_ARGS(DV_I(r->entry_id)), &have, e) != DB_OK)
			goto out;
		const char *hs = have ? "done" : !due ? "no" : !fin ? "not_final" : x->dry ? "due" : "new";
		if (!strcmp(hs, "new") && honour_apply(t, &c, r, &hw, e) != 0)
			goto out;
		n_h += have || !strcmp(hs, "new");
		new_h += !strcmp(hs, "new");
		json_object_set_new(
			it, "honour",
			why_json(json_pack("{s:s,s:s}", "status", hs, "title", CO_HONOUR_TITLE), &hw));
		/* 晋升一级 */
		json_t *po = json_object();
		json_object_set_new(it, "promotion", po);
		db_stmt *st =
			db_query(d,
				 "SELECT cp.from_level, cp.to_level, c.number FROM competition_promotions cp "
				 "JOIN certificates c ON c.id = cp.certificate_id WHERE cp.entry_id = $1",
				 DB_ARGS(DV_I(r->entry_id)), e);
		int row = st ? db_row(st, e) : -1;
		if (row == 1) {
			json_object_set_new(po, "status", json_string("done"));
			json_object_set_new(po, "from_level", json_integer(db_int(st, 0)));
			json_object_set_new(po, "to_level", json_integer(db_int(st, 1)));
			json_object_set_new(po, "certificate", json_string(db_text(st, 2)));
			char done_zh[120], done_en[120];
			snprintf(done_zh, sizeof done_zh, "已通过竞赛晋升为%s并发证",
				 level_name_zh((int)db_int(st, 1)));
			snprintf(done_en, sizeof done_en,
				 "promoted to level %d and certified by an earlier run", (int)db_int(st, 1));
			json_object_set_new(po, "reason", json_string(done_zh));
			json_object_set_new(po, "reason_en", json_string(done_en));
			n_p++;
		}
		db_done(st);
		if (row < 0)
			goto out;
		if (row == 0) {
			struct co_reason pw = hw;
			int cur = 0, to = 0;
			int64_t used = 0;
			if (due) {
				if (r->occ[0] && current_level(d, r->person_id, r->occ, &cur, e) != 0)
					goto out;
				char from[11], upto[11];
				date_format(months_before(ends, lim.months), from);
				date_format(ends, upto);
				if (lim.on &&
				    db_one_int(
					    d,
					    "SELECT COUNT(*) FROM competition_promotions WHERE person_id = "
					    "$1 AND awarded_on > $2 AND awarded_on <= $3",
					    DB_ARGS(DV_I(r->person_id), DV_S(from), DV_S(upto)), &used,
					    e) != DB_OK)
					goto out;
				for (size_t k = 0; x->dry && k < nplanned; k++)
					used += planned[k] == r->person_id;
				struct co_promo_in pin = {.has_occupation = r->occ[0] != 0,
							  .current_level = cur,
							  .group_level = r->group_level,
							  .limit_on = lim.on,
							  .limit_count = lim.count,
							  .limit_months = lim.months,
							  .used = (int)used};
				to = co_promotion(&pin, &pw);
			}
			const char *ps = !due || !to	? "no"
					 : !fin		? "not_final"
					 : !c.cert_inst ? "no"
					 : x->dry	? "due"
							: "new";
			if (due && to && fin && !c.cert_inst) {
				snprintf(pw.zh, sizeof pw.zh,
					 "未设置本竞赛晋升证书的发证机构（PUT "
					 "/competitions/%lld/outcome-settings）",
					 (long long)c.id);
				snprintf(pw.en, sizeof pw.en,
					 "no issuing institution is set for the competition's promotion "
					 "certificates");
			}
			if (!strcmp(ps, "due"))
				planned[nplanned++] = r->person_id;
			json_object_set_new(po, "status", json_string(ps));
			json_object_set_new(po, "from_level", json_integer(cur));
			json_object_set_new(po, "to_level", json_integer(to));
			if (!strcmp(ps, "new")) {
				char number[24];
				if (promotion_apply(t, &c, r, cur, to, number, e) != 0)
					goto out;
				json_object_set_new(po, "certificate", json_string(number));
				n_p++;
				new_p++;
				pnew = true;
			}
			why_json(po, &pw);
		}
		/* prize money */
		json_t *al = json_array();
		json_object_set_new(it, "awards", al);
		struct co_award aw[3];
		int na = 0;
		if (awards_plan(d, &c, r, aw, &na, al, e) != 0)
			goto out;
		size_t k;
		json_t *ao;
		json_array_foreach(al, k, ao)
		{
			const char *s = json_string_value(json_object_get(ao, "status"));
			fen_t amt = json_integer_value(json_object_get(ao, "amount_fen"));
			if (!strcmp(s, "done"))
				paid += amt;
			else if (!strcmp(s, "due") && !fin)
				json_object_set_new(ao, "status", json_string("not_final"));
			else if (!strcmp(s, "due") && !x->dry) {
				json_object_set_new(ao, "status", json_string("new"));
				paid += amt;
				new_paid += amt;
			}
		}
		if (fin && !x->dry && na && awards_apply(t, &c, r, aw, na, e) != 0)
			goto out;
		if (!x->dry && (!strcmp(hs, "new") || pnew || (fin && na))) {
			/* one audit record per entry that changed */
			json_t *det =
				json_pack("{s:I,s:O,s:O,s:O}", "competition_id", (json_int_t)c.id, "honour",
					  json_object_get(it, "honour"), "promotion", po, "awards", al);
			char key[24];
			int arc = tx_audit_now(t, "competition_entry.outcome", "competition_entry",
					       id_text(r->entry_id, key), det, e);
			json_decref(det);
			if (arc != 0)
				goto out;
		}
	}
	x->out = json_pack("{s:I,s:s,s:s,s:b,s:{s:o,s:s},s:o,s:o,s:{s:I,s:I,s:I,s:I,s:I,s:I}}",
			   "competition_id", (json_int_t)c.id, "name", c.name, "tier", c.tier, "dry_run",
			   x->dry, "settings", "cert_institution_id",
			   c.cert_inst ? json_integer(c.cert_inst) : json_null(), "cert_institution",
			   c.cert_inst_name, "promotion_limit", limit_view(&lim), "items", items, "totals",
			   "honours", (json_int_t)n_h, "promotions", (json_int_t)n_p, "amount_fen",
			   (json_int_t)paid, "new_honours", (json_int_t)new_h, "new_promotions",
			   (json_int_t)new_p, "new_amount_fen", (json_int_t)new_paid);
	items = NULL;
	if (!x->dry)
		tx_audit(t, "competition.outcomes", "competition", c.id,
			 json_pack("{s:I,s:I,s:I}", "new_honours", (json_int_t)new_h, "new_promotions",
				   (json_int_t)new_p, "new_amount_fen", (json_int_t)new_paid));
	res = 0;
out:
	free(planned);
	json_decref(items);
	rows_free(rows, n);
	comp_free(&c);
	return res;
}

json_t *co_outcomes(db *d, const principal *a, int64_t competition_id, bool dry, err *e)
{
	if (need_province(a, e) != 0)
		return NULL;
	struct run_ctx x = {.comp = competition_id, .dry = dry};
	int rc;
	if (dry) {
		/* the dry run reads only: the work's reads outside a transaction (nothing is declared) */
		tx t = {.d = d, .a = a, .attempt = 1};
		rc = outcomes_work(&t, &x, e);
	} else {
		rc = svc_tx(d, a, outcomes_work, &x, e);
	}
	if (rc != 0) {
		json_decref(x.out);
		return NULL;
	}
	return x.out;
}

/* ---- row views ---- */

static json_t *opt_id(db_stmt *st, int col)
{
	return db_isnull(st, col) ? json_null() : json_integer(db_int(st, col));
}

static json_t *event_setting_view(db_stmt *st)
{
	return json_pack("{s:I,s:s,s:s}", "event_id", (json_int_t)db_int(st, 0), "name", db_text(st, 1),
			 "expert_team", db_text(st, 2));
}

static json_t *group_setting_view(db_stmt *st)
{
	int l = (int)db_int(st, 3);
	return json_pack("{s:I,s:I,s:s,s:i,s:s}", "group_id", (json_int_t)db_int(st, 0), "event_id",
			 (json_int_t)db_int(st, 1), "group", db_text(st, 2), "promotion_level", l,
			 "promotion_level_name", l ? level_name_zh(l) : "");
}

static json_t *units_view(db_stmt *st)
{
	return json_pack("{s:I,s:o,s:s,s:o,s:s}", "entry_id", (json_int_t)db_int(st, 0), "sending_unit_id",
			 opt_id(st, 1), "sending_unit", db_text(st, 2), "training_base_id", opt_id(st, 3),
			 "training_base", db_text(st, 4));
}

static json_t *prize_rule_view(db_stmt *st)
{
	return json_pack("{s:s,s:s,s:s,s:I,s:s}", "tier", db_text(st, 0), "medal", db_text(st, 1),
			 "recipient", db_text(st, 2), "amount_fen", (json_int_t)db_int(st, 3), "source",
			 db_text(st, 4));
}

static json_t *grant_rule_view(db_stmt *st)
{
	return json_pack("{s:s,s:I,s:s}", "base_class", db_text(st, 0), "amount_fen",
			 (json_int_t)db_int(st, 1), "source", db_text(st, 2));
}

static json_t *grant_view(db_stmt *st)
{
	return json_pack("{s:I,s:I,s:s,s:s,s:s,s:I,s:s,s:I,s:I}", "id", (json_int_t)db_int(st, 0),
			 "institution_id", (json_int_t)db_int(st, 1), "institution", db_text(st, 2),
			 "base_class", db_text(st, 3), "skill", db_text(st, 4), "amount_fen",
			 (json_int_t)db_int(st, 5), "source", db_text(st, 6), "ledger_entry_id",
			 (json_int_t)db_int(st, 7), "granted_at", (json_int_t)db_int(st, 8));
}

/* ---- what a competition has brought ---- */

static json_t *honour_row_view(db_stmt *st)
{
	return json_pack("{s:I,s:I,s:I,s:s,s:s,s:i,s:s,s:s}", "entry_id", (json_int_t)db_int(st, 0),
			 "event_id", (json_int_t)db_int(st, 1), "person_id", (json_int_t)db_int(st, 2),
			 "name", db_text(st, 3), "event", db_text(st, 4), "place", (int)db_int(st, 5),
			 "title", CO_HONOUR_TITLE, "basis", db_text(st, 6));
}

static json_t *promotion_row_view(db_stmt *st)
{
	return json_pack("{s:I,s:I,s:I,s:s,s:s,s:s,s:i,s:i,s:s,s:s,s:I}", "entry_id",
			 (json_int_t)db_int(st, 0), "event_id", (json_int_t)db_int(st, 1), "person_id",
			 (json_int_t)db_int(st, 2), "name", db_text(st, 3), "event", db_text(st, 4),
			 "occupation_code", db_text(st, 5), "from_level", (int)db_int(st, 6), "to_level",
			 (int)db_int(st, 7), "level_name", level_name_zh((int)db_int(st, 7)), "certificate",
			 db_text(st, 8), "result_id", (json_int_t)db_int(st, 9));
}

static json_t *award_row_view(db_stmt *st)
{
	return json_pack("{s:I,s:I,s:I,s:I,s:s,s:s,s:s,s:s,s:o,s:s,s:s,s:I,s:s,s:I}", "id",
			 (json_int_t)db_int(st, 0), "event_id", (json_int_t)db_int(st, 1), "entry_id",
			 (json_int_t)db_int(st, 2), "person_id", (json_int_t)db_int(st, 3), "name",
			 db_text(st, 4), "event", db_text(st, 5), "recipient", db_text(st, 6), "payee_kind",
			 db_text(st, 7), "payee_institution_id",
			 db_isnull(st, 8) ? json_null() : json_integer(db_int(st, 8)), "payee_name",
			 db_text(st, 9), "medal", db_text(st, 10), "amount_fen", (json_int_t)db_int(st, 11),
			 "reason", db_text(st, 12), "ledger_entry_id", (json_int_t)db_int(st, 13));
}

/* the rows of honour_row_view, promotion_row_view and award_row_view, read for a competition or a person:
 * each query is its head and the caller's WHERE ... ORDER BY */
#define HONOUR_ROWS                                                                                          \
	"SELECT h.entry_id, h.event_id, h.person_id, p.name, v.name, h.place, h.basis FROM "                 \
	"competition_honours "                                                                               \
	"h JOIN persons p ON p.id = h.person_id JOIN competition_events v ON v.id = h.event_id "
#define PROMOTION_ROWS                                                                                       \
	"SELECT cp.entry_id, cp.event_id, cp.person_id, p.name, v.name, cp.occupation_code, cp.from_level, " \
	"cp.to_level, c.number, cp.result_id FROM competition_promotions cp JOIN persons p ON p.id = "       \
	"cp.person_id JOIN competition_events v ON v.id = cp.event_id JOIN certificates c ON c.id = "        \
	"cp.certificate_id "
#define AWARD_ROWS                                                                                           \
	"SELECT w.id, w.event_id, w.entry_id, w.person_id, p.name, v.name, w.recipient, w.payee_kind, "      \
	"w.payee_institution_id, w.payee_name, w.medal, w.amount_fen, w.reason, w.ledger_entry_id FROM "     \
	"competition_awards w JOIN persons p ON p.id = w.person_id JOIN competition_events v ON v.id = "     \
	"w.event_id "

json_t *co_awards_json(db *d, const principal *a, int64_t competition_id, err *e)
{
	if (cm_competition_organiser(d, a, competition_id, e) != 0)
		return NULL;
	json_t *h = rows_json(db_query(d,
				       HONOUR_ROWS
				       "WHERE h.competition_id = $1 ORDER BY h.event_id, h.place, h.entry_id",
				       DB_ARGS(DV_I(competition_id)), e),
			      honour_row_view, e);
	json_t *pr = h ? rows_json(db_query(d,
					    PROMOTION_ROWS "WHERE cp.competition_id = $1 ORDER BY "
							   "cp.event_id, cp.entry_id",
					    DB_ARGS(DV_I(competition_id)), e),
				   promotion_row_view, e)
		       : NULL;
	json_t *aw = pr ? rows_json(db_query(d,
					     AWARD_ROWS "WHERE w.competition_id = $1 ORDER BY w.event_id, "
							"w.entry_id, "
							"w.id",
					     DB_ARGS(DV_I(competition_id)), e),
				    award_row_view, e)
			: NULL;
	if (!aw) {
		json_decref(h);
		json_decref(pr);
		return NULL;
	}
	fen_t total = 0;
	size_t i;
	json_t *x;
	json_array_foreach(aw, i, x) total += json_integer_value(json_object_get(x, "amount_fen"));
	return json_pack("{s:I,s:o,s:o,s:o,s:I}", "competition_id", (json_int_t)competition_id, "honours", h,
			 "promotions", pr, "awards", aw, "total_fen", (json_int_t)total);
}

/* ---- settings ---- */

static int filed_institution(db *d, int64_t id, bool need_code, const char *field, err *e)
{
	db_stmt *st = db_query(d, "SELECT status, COALESCE(inst_code, '') FROM institutions WHERE id = $1",
			       DB_ARGS(DV_I(id)), e);
	int row = st ? db_row(st, e) : -1;
	bool filed = row == 1 && !strcmp(db_text(st, 0), "filed"), code = row == 1 && db_text(st, 1)[0];
	db_done(st);
	if (row < 0)
		return -1;
	if (!row)
		return err_set(e, 422, "invalid_value", field, "机构 %lld 不存在", "no institution %lld",
			       (long long)id);
	if (!filed)
		return err_set(e, 409, "institution_inactive", field, "机构已暂停或退出",
			       "the institution is suspended or has exited");
	if (need_code && !code)
		return err_set(e, 409, "no_institution_code", field, "发证机构须有证书编号前缀（评价机构）",
			       "the issuing institution needs a certificate-number prefix (an evaluation "
			       "institution)");
	return 0;
}

struct settings_ctx {
	int64_t comp;
	const struct co_settings_in *in;
};

static int settings_work(tx *t, void *ctx, err *e)
{
	struct settings_ctx *c = ctx;
	const struct co_settings_in *in = c->in;
	int64_t now = now_s();
	if (in->cert_institution_id &&
	    db_run(t->d,
		   "INSERT INTO competition_outcome_settings (competition_id, cert_institution_id, "
		   "updated_by, "
		   "updated_at) VALUES ($1,$2,$3,$4) ON CONFLICT (competition_id) DO UPDATE SET "
		   "cert_institution_id = $2, updated_by = $3, updated_at = $4",
		   DB_ARGS(DV_I(c->comp), DV_I(in->cert_institution_id), DV_I(t->a->user_id), DV_I(now)),
		   e) < 0)
		return -1;
	for (size_t i = 0; i < in->nevents; i++) {
		int64_t n = db_run(
			t->d,
			"UPDATE competition_events SET expert_team = $3 WHERE id = $1 AND competition_id = "
			"$2",
			DB_ARGS(DV_I(in->events[i].event_id), DV_I(c->comp), DV_S(in->events[i].expert_team)),
			e);
		if (n < 0)
			return -1;
		if (!n)
			return err_set(e, 422, "invalid_value", "events", "赛项 %lld 不属于本竞赛",
				       "event %lld is not of this competition",
				       (long long)in->events[i].event_id);
	}
	for (size_t i = 0; i < in->ngroups; i++) {
		int64_t n = db_run(
			t->d,
			"UPDATE competition_groups SET promotion_level = $3 WHERE id = $1 AND event_id IN "
			"(SELECT id FROM competition_events WHERE competition_id = $2)",
			DB_ARGS(DV_I(in->groups[i].group_id), DV_I(c->comp),
				DV_I(in->groups[i].promotion_level)),
			e);
		if (n < 0)
			return -1;
		if (!n)
			return err_set(e, 422, "invalid_value", "groups", "组别 %lld 不属于本竞赛",
				       "group %lld is not of this competition",
				       (long long)in->groups[i].group_id);
	}
	tx_audit(t, "competition.outcome_settings", "competition", c->comp,
		 json_pack("{s:I,s:I,s:I}", "cert_institution_id", (json_int_t)in->cert_institution_id,
			   "events", (json_int_t)in->nevents, "groups", (json_int_t)in->ngroups));
	return 0;
}

static json_t *settings_json(db *d, int64_t comp, err *e)
{
	struct co_comp c;
	if (comp_load(d, comp, &c, e) != 0)
		return NULL;
	json_t *ev = rows_json(db_query(d,
					"SELECT v.id, v.name, v.expert_team FROM competition_events v WHERE "
					"v.competition_id = $1 ORDER BY v.id",
					DB_ARGS(DV_I(comp)), e),
			       event_setting_view, e);
	json_t *gr =
		ev ? rows_json(db_query(d,
					"SELECT g.id, g.event_id, g.grp, g.promotion_level FROM "
					"competition_groups g JOIN competition_events v ON v.id = g.event_id "
					"WHERE v.competition_id = $1 ORDER BY g.id",
					DB_ARGS(DV_I(comp)), e),
			       group_setting_view, e)
		   : NULL;
	json_t *o =
		gr ? json_pack("{s:I,s:o,s:s,s:o,s:o}", "competition_id", (json_int_t)comp,
			       "cert_institution_id", c.cert_inst ? json_integer(c.cert_inst) : json_null(),
			       "cert_institution", c.cert_inst_name, "events", ev, "groups", gr)
		   : NULL;
	if (!o) {
		json_decref(ev);
		json_decref(gr);
	}
	comp_free(&c);
	return o;
}

json_t *co_settings_put(db *d, const principal *a, int64_t competition_id, const struct co_settings_in *in,
			err *e)
{
	struct co_comp c;
	if (need_province(a, e) != 0 || comp_load(d, competition_id, &c, e) != 0)
		return NULL;
	comp_free(&c);
	if (in->nevents > CO_MAX_SETTINGS || in->ngroups > CO_MAX_SETTINGS)
		return err_set(e, 422, "too_many", NULL, "一次最多设置 %d 项", "at most %d settings at once",
			       CO_MAX_SETTINGS),
		       NULL;
	if (in->cert_institution_id &&
	    filed_institution(d, in->cert_institution_id, true, "cert_institution_id", e))
		return NULL;
	for (size_t i = 0; i < in->nevents; i++)
		if (check_text(in->events[i].expert_team, "expert_team", 100, false, e) != 0)
			return NULL;
	for (size_t i = 0; i < in->ngroups; i++)
		if (in->groups[i].promotion_level < 0 || in->groups[i].promotion_level > 5)
			return err_set(e, 422, "invalid_value", "promotion_level",
				       "授予等级应为 1（一级）至 5（五级），0 表示不授予",
				       "promotion_level is 1..5, 0 for none"),
			       NULL;
	struct settings_ctx x = {competition_id, in};
	if (svc_tx(d, a, settings_work, &x, e) != 0)
		return NULL;
	return settings_json(d, competition_id, e);
}

/* ---- the entry's units ---- */

struct units_ctx {
	int64_t entry, unit, base;
};

static int units_work(tx *t, void *ctx, err *e)
{
	struct units_ctx *c = ctx;
	if (db_run(t->d,
		   "UPDATE competition_entries SET sending_unit_id = $2, training_base_id = $3, updated_at = "
		   "$4 "
		   "WHERE id = $1",
		   DB_ARGS(DV_I(c->entry), c->unit ? DV_I(c->unit) : DV_NULL,
			   c->base ? DV_I(c->base) : DV_NULL, DV_I(now_s())),
		   e) < 0)
		return -1;
	tx_audit(t, "competition_entry.units", "competition_entry", c->entry,
		 json_pack("{s:I,s:I}", "sending_unit_id", (json_int_t)c->unit, "training_base_id",
			   (json_int_t)c->base));
	return 0;
}

json_t *co_entry_units_put(db *d, const principal *a, int64_t entry_id, int64_t sending_unit_id,
			   int64_t training_base_id, err *e)
{
	int64_t comp = 0;
	int rc = db_one_int(d, "SELECT competition_id FROM competition_entries WHERE id = $1",
			    DB_ARGS(DV_I(entry_id)), &comp, e);
	if (rc == DB_NOT_FOUND)
		return err_set(e, 404, "not_found", NULL, "竞赛报名不存在", "no such competition entry"),
		       NULL;
	if (rc != DB_OK || cm_competition_organiser(d, a, comp, e) != 0)
		return NULL;
	if ((sending_unit_id && filed_institution(d, sending_unit_id, false, "sending_unit_id", e)) ||
	    (training_base_id && filed_institution(d, training_base_id, false, "training_base_id", e)))
		return NULL;
	struct units_ctx c = {entry_id, sending_unit_id, training_base_id};
	if (svc_tx(d, a, units_work, &c, e) != 0)
		return NULL;
	return row_json(
		db_query(d,
			 "SELECT en.id, en.sending_unit_id, COALESCE(su.name, ''), en.training_base_id, "
			 "COALESCE(tb.name, '') FROM competition_entries en LEFT JOIN institutions su ON "
			 "su.id = en.sending_unit_id LEFT JOIN institutions tb ON tb.id = "
			 "en.training_base_id WHERE en.id = $1",
			 DB_ARGS(DV_I(entry_id)), e),
		units_view, e);
}

/* ---- prize rules ---- */

json_t *co_prize_rules_json(db *d, err *e)
{
	struct co_limit l;
	if (limit_read(d, &l, e) != 0)
		return NULL;
	json_t *r = rows_json(db_query(d,
				       "SELECT tier, medal, recipient, amount_fen, source FROM "
				       "competition_prize_rules ORDER BY tier, medal, recipient",
				       DB_NOARGS, e),
			      prize_rule_view, e);
	json_t *g = r ? rows_json(db_query(d,
					   "SELECT base_class, amount_fen, source FROM "
					   "competition_base_grant_rules ORDER BY base_class",
					   DB_NOARGS, e),
				  grant_rule_view, e)
		      : NULL;
	if (!g) {
		json_decref(r);
		return NULL;
	}
	return json_pack("{s:o,s:o,s:o}", "rules", r, "base_grants", g, "promotion_limit", limit_view(&l));
}

struct rules_ctx {
	const struct co_prize_rule *r;
	size_t n;
	const struct co_limit_in *limit;
};

static int prize_work(tx *t, void *ctx, err *e)
{
	struct rules_ctx *c = ctx;
	int64_t now = now_s();
	for (size_t i = 0; i < c->n; i++) {
		const struct co_prize_rule *r = &c->r[i];
		if (db_run(t->d,
			   "DELETE FROM competition_prize_rules WHERE tier = $1 AND medal = $2 AND recipient "
			   "= $3",
			   DB_ARGS(DV_S(r->tier), DV_S(r->medal), DV_S(r->recipient)), e) < 0)
			return -1;
		if (r->amount_fen > 0 &&
		    db_run(t->d,
			   "INSERT INTO competition_prize_rules (tier, medal, recipient, amount_fen, source, "
			   "updated_by, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7)",
			   DB_ARGS(DV_S(r->tier), DV_S(r->medal), DV_S(r->recipient), DV_I(r->amount_fen),
				   DV_S(r->source), DV_I(t->a->user_id), DV_I(now)),
			   e) < 0)
			return -1;
	}
	if (c->limit && c->limit->given &&
	    db_run(t->d,
		   "UPDATE competition_outcome_rules SET promotion_limit_on = $1, promotion_limit_count = "
		   "$2, "
		   "promotion_limit_months = $3, updated_by = $4, updated_at = $5 WHERE id = 1",
		   DB_ARGS(DV_I(c->limit->enabled), DV_I(c->limit->count), DV_I(c->limit->months),
			   DV_I(t->a->user_id), DV_I(now)),
		   e) < 0)
		return -1;
	json_t *det = json_array();
	for (size_t i = 0; i < c->n; i++)
		json_array_append_new(det, json_pack("{s:s,s:s,s:s,s:I}", "tier", c->r[i].tier, "medal",
						     c->r[i].medal, "recipient", c->r[i].recipient,
						     "amount_fen", (json_int_t)c->r[i].amount_fen));
	tx_audit_key(t, "competition.prize_rules", "competition_prize_rules", "province",
		     json_pack("{s:o,s:o}", "rules", det, "promotion_limit",
			       c->limit && c->limit->given
				       ? json_pack("{s:b,s:i,s:i}", "enabled", c->limit->enabled, "count",
						   c->limit->count, "months", c->limit->months)
				       : json_null()));
	return 0;
}

static bool one_of(const char *s, const char *const *v, size_t n)
{
	for (size_t i = 0; s && i < n; i++)
		if (!strcmp(s, v[i]))
			return true;
	return false;
}

json_t *co_prize_rules_put(db *d, const principal *a, const struct co_prize_rule *r, size_t n,
			   const struct co_limit_in *limit, err *e)
{
	static const char *const tiers[] = {"worldskills", "national", "province_1", "province_2", "city",
					    "county",	   "industry", "enterprise", "school"};
	static const char *const medals[] = {"gold", "silver", "bronze", "excellence"};
	if (need_province(a, e) != 0)
		return NULL;
	if (n > CO_MAX_RULES)
		return err_set(e, 422, "too_many", "rules", "一次最多 %d 条奖励规则",
			       "at most %d rules at once", CO_MAX_RULES),
		       NULL;
	for (size_t i = 0; i < n; i++) {
		if (!one_of(r[i].tier, tiers, ARRAY_LEN(tiers)))
			return err_set(e, 422, "invalid_value", "tier", "竞赛层级无效", "unknown tier"), NULL;
		if (!one_of(r[i].medal, medals, ARRAY_LEN(medals)))
			return err_set(e, 422, "invalid_value", "medal",
				       "奖牌应为 gold、silver、bronze 或 excellence",
				       "medal is gold, silver, bronze or excellence"),
			       NULL;
		if (!one_of(r[i].recipient, RECIPIENTS, 3))
			return err_set(e, 422, "invalid_value", "recipient",
				       "奖励对象应为 contestant、expert_team 或 base_or_unit",
				       "recipient is contestant, expert_team or base_or_unit"),
			       NULL;
		if (r[i].amount_fen < 0 || r[i].amount_fen > 1000000000000LL)
			return err_set(e, 422, "invalid_amount", "amount_fen", "奖金金额无效",
				       "invalid amount"),
			       NULL;
		if (check_text(r[i].source, "source", 300, r[i].amount_fen > 0, e) != 0)
			return NULL;
	}
	if (limit && limit->given &&
	    (limit->count < 1 || limit->count > 10 || limit->months < 1 || limit->months > 120))
		return err_set(e, 422, "invalid_value", "promotion_limit",
			       "晋升限制：次数 1 至 10，期间 1 至 120 个月",
			       "promotion_limit: count 1..10, months 1..120"),
		       NULL;
	struct rules_ctx c = {r, n, limit};
	if (svc_tx(d, a, prize_work, &c, e) != 0)
		return NULL;
	return co_prize_rules_json(d, e);
}

/* ---- 集训基地 construction grants ---- */

struct grant_ctx {
	int64_t inst, id;
	const char *cls, *skill;
};

static int grant_work(tx *t, void *ctx, err *e)
{
	struct grant_ctx *c = ctx;
	int64_t amount = 0, have = 0;
	char source[400] = "", name[200];
	db_stmt *st = db_query(
		t->d, "SELECT amount_fen, source FROM competition_base_grant_rules WHERE base_class = $1",
		DB_ARGS(DV_S(c->cls)), e);
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		amount = db_int(st, 0);
		snprintf(source, sizeof source, "%s", db_text(st, 1));
	}
	db_done(st);
	if (row < 0)
		return -1;
	if (!row)
		return err_set(e, 409, "no_rule", "base_class", "没有该类集训基地的建设补助规则",
			       "no construction grant rule for this class of base");
	if (db_one_int(t->d,
		       "SELECT COUNT(*) FROM competition_base_grants WHERE institution_id = $1 AND "
		       "base_class = $2",
		       DB_ARGS(DV_I(c->inst), DV_S(c->cls)), &have, e) != DB_OK)
		return -1;
	if (have)
		return err_set(e, 409, "already_granted", "institution_id", "该集训基地已获得此类建设补助",
			       "the base already has this construction grant");
	if (inst_name(t->d, c->inst, name, sizeof name, e) != 0)
		return -1;
	int64_t fund = 0, acct = 0, entry = 0;
	char code[64], aname[300], memo[400];
	snprintf(code, sizeof code, "payable:competition:employer:%lld", (long long)c->inst);
	snprintf(aname, sizeof aname, "应付竞赛奖励 %s", name);
	snprintf(memo, sizeof memo, "集训基地建设补助：%s（%s）", name,
		 !strcmp(c->cls, "key") ? "世界技能大赛省级重点集训基地" : "世界技能大赛省级集训基地");
	if (ledger_account_code(t->d, PRIZE_FUND, "fund", PRIZE_REGION, 0, 0, "竞赛奖励资金 省级", &fund,
				e) ||
	    ledger_account_code(t->d, code, "payable", PRIZE_REGION, 0, c->inst, aname, &acct, e))
		return -1;
	struct ledger_line_in lines[2] = {{fund, amount}, {acct, -amount}};
	struct ledger_entry_in in = {
		.kind = "accrue", .region = PRIZE_REGION, .memo = memo, .lines = lines, .nlines = 2};
	if (ledger_post(t, &in, &entry, e) != 0 ||
	    db_one_int(
		    t->d,
		    "INSERT INTO competition_base_grants (institution_id, base_class, skill, amount_fen, "
		    "source, "
		    "ledger_entry_id, granted_by, granted_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id",
		    DB_ARGS(DV_I(c->inst), DV_S(c->cls), DV_S(c->skill ? c->skill : ""), DV_I(amount),
			    DV_S(source), DV_I(entry), DV_I(t->a->user_id), DV_I(now_s())),
		    &c->id, e) != DB_OK)
		return -1;
	tx_audit(t, "competition.base_grant", "competition_base_grant", c->id,
		 json_pack("{s:I,s:s,s:I,s:I}", "institution_id", (json_int_t)c->inst, "base_class", c->cls,
			   "amount_fen", (json_int_t)amount, "ledger_entry_id", (json_int_t)entry));
	return 0;
}

#define GRANT_COLS                                                                                           \
	"SELECT g.id, g.institution_id, i.name, g.base_class, g.skill, g.amount_fen, g.source, "             \
	"g.ledger_entry_id, g.granted_at FROM competition_base_grants g JOIN institutions i ON i.id = "      \
	"g.institution_id "

json_t *co_base_grant(db *d, const principal *a, int64_t institution_id, const char *base_class,
		      const char *skill, err *e)
{
	static const char *const classes[] = {"key", "provincial"};
	if (need_province(a, e) != 0)
		return NULL;
	if (!one_of(base_class, classes, 2))
		return err_set(e, 422, "invalid_value", "base_class",
			       "基地类别应为 key（省级重点）或 provincial（省级）",
			       "base_class is key or provincial"),
		       NULL;
	if (check_text(skill, "skill", 100, false, e) != 0 ||
	    filed_institution(d, institution_id, false, "institution_id", e) != 0)
		return NULL;
	struct grant_ctx c = {.inst = institution_id, .cls = base_class, .skill = skill};
	if (svc_tx(d, a, grant_work, &c, e) != 0)
		return NULL;
	return row_json(db_query(d, GRANT_COLS "WHERE g.id = $1", DB_ARGS(DV_I(c.id)), e), grant_view, e);
}

json_t *co_base_grants_json(db *d, const principal *a, err *e)
{
	if (need_province(a, e) != 0)
		return NULL;
	json_t *items = rows_json(db_query(d, GRANT_COLS "ORDER BY g.id", DB_NOARGS, e), grant_view, e);
	return items ? json_pack("{s:o}", "items", items) : NULL;
}

/* ---- objections during 公示 ---- */

struct objection_ctx {
	int64_t event, entry, id;
	const char *text, *contact;
};

static int objection_work(tx *t, void *ctx, err *e)
{
	struct objection_ctx *c = ctx;
	if (db_one_int(t->d,
		       "INSERT INTO objections (competition_event_id, competition_entry_id, text, contact, "
		       "created_at) VALUES ($1,$2,$3,$4,$5) RETURNING id",
		       DB_ARGS(DV_I(c->event), c->entry ? DV_I(c->entry) : DV_NULL, DV_S(c->text),
			       DV_S(c->contact ? c->contact : ""), DV_I(now_s())),
		       &c->id, e) != DB_OK)
		return -1;
	tx_audit(t, "objection.create", "objection", c->id,
		 json_pack("{s:I,s:o}", "competition_event_id", (json_int_t)c->event, "competition_entry_id",
			   c->entry ? json_integer(c->entry) : json_null()));
	return 0;
}

int64_t co_objection_create(db *d, int64_t event_id, int64_t entry_id, const char *text, const char *contact,
			    err *e)
{
	if (check_text(text, "text", 1000, true, e) != 0 ||
	    (contact && check_text(contact, "contact", 100, false, e) != 0))
		return -1;
	db_stmt *st =
		db_query(d,
			 "SELECT COALESCE(m.status, 'marking'), COALESCE(m.publicity_end, '') FROM "
			 "competition_events v JOIN competitions c ON c.id = v.competition_id LEFT JOIN "
			 "competition_marking m ON m.event_id = v.id WHERE v.id = $1 AND c.published = 1",
			 DB_ARGS(DV_I(event_id)), e);
	char status[12] = "", pend[11] = "";
	int row = st ? db_row(st, e) : -1;
	if (row == 1) {
		snprintf(status, sizeof status, "%s", db_text(st, 0));
		snprintf(pend, sizeof pend, "%s", db_text(st, 1));
	}
	db_done(st);
	if (row < 0)
		return -1;
	if (!row)
		return err_set(e, 404, "not_found", NULL, "赛项不存在", "no such event");
	int end = 0;
	if (strcmp(status, "published") || date_parse(pend, &end) != 0 || date_today_utc8() > end)
		return err_set(e, 409, "not_in_publicity", NULL, "只能在成绩公示期内提出异议",
			       "objections are taken during the publicity period");
	if (entry_id > 0) {
		int64_t mine = 0;
		if (db_one_int(
			    d,
			    "SELECT COUNT(*) FROM competition_results WHERE event_id = $1 AND entry_id = $2",
			    DB_ARGS(DV_I(event_id), DV_I(entry_id)), &mine, e) != DB_OK)
			return -1;
		if (!mine)
			return err_set(e, 422, "unknown_result", "entry_id", "本赛项的公示成绩中没有该选手",
				       "no such contestant in the event's published results");
	}
	struct objection_ctx c = {
		.event = event_id, .entry = entry_id > 0 ? entry_id : 0, .text = text, .contact = contact};
	principal anon = {.role = ROLE_PUBLIC};
	snprintf(anon.username, sizeof anon.username, "public");
	return svc_tx(d, &anon, objection_work, &c, e) == 0 ? c.id : -1;
}

static json_t *objection_row_view(db_stmt *st)
{
	return json_pack("{s:I,s:I,s:o,s:o,s:s,s:s,s:s,s:s,s:I,s:o}", "id", (json_int_t)db_int(st, 0),
			 "event_id", (json_int_t)db_int(st, 1), "entry_id",
			 db_isnull(st, 2) ? json_null() : json_integer(db_int(st, 2)), "name",
			 db_isnull(st, 3) ? json_null() : json_string(db_text(st, 3)), "text", db_text(st, 4),
			 "contact", db_text(st, 5), "status", db_text(st, 6), "resolution", db_text(st, 7),
			 "created_at", (json_int_t)db_int(st, 8), "resolved_at",
			 db_isnull(st, 9) ? json_null() : json_integer(db_int(st, 9)));
}

json_t *co_objections_json(db *d, const principal *a, int64_t event_id, err *e)
{
	int64_t comp = 0;
	int rc = db_one_int(d, "SELECT competition_id FROM competition_events WHERE id = $1",
			    DB_ARGS(DV_I(event_id)), &comp, e);
	if (rc == DB_NOT_FOUND)
		return err_set(e, 404, "not_found", NULL, "赛项不存在", "no such event"), NULL;
	if (rc != DB_OK || cm_competition_organiser(d, a, comp, e) != 0)
		return NULL;
	json_t *items = rows_json(
		db_query(d,
			 "SELECT o.id, o.competition_event_id, o.competition_entry_id, p.name, o.text, "
			 "o.contact, o.status, o.resolution, o.created_at, o.resolved_at FROM "
			 "objections o LEFT JOIN competition_entries en ON en.id = "
			 "o.competition_entry_id LEFT JOIN persons p ON p.id = en.person_id WHERE "
			 "o.competition_event_id = $1 ORDER BY o.status = 'open' DESC, o.id",
			 DB_ARGS(DV_I(event_id)), e),
		objection_row_view, e);
	return items ? json_pack("{s:I,s:o}", "event_id", (json_int_t)event_id, "items", items) : NULL;
}

/* ---- the talent record ---- */

static json_t *talent_row_view(db_stmt *st)
{
	return json_pack("{s:I,s:I,s:s,s:s,s:s,s:s,s:i,s:s,s:f}", "entry_id", (json_int_t)db_int(st, 0),
			 "competition_id", (json_int_t)db_int(st, 1), "competition", db_text(st, 2), "tier",
			 db_text(st, 3), "event", db_text(st, 4), "group", db_text(st, 5), "place",
			 (int)db_int(st, 6), "medal", db_text(st, 7), "scaled", db_double(st, 8));
}

int competition_talent_add(db *d, const principal *a, int64_t person_id, json_t *rec, err *e)
{
	UNUSED(a); /* the base has checked that the caller reads the person */
	/* published results only: the record shows what the public could see and what followed from it */
	json_t *res = rows_json(
		db_query(d,
			 "SELECT en.id, c.id, c.name, c.tier, v.name, en.grp, r.place, r.medal, r.scaled "
			 "FROM competition_results r JOIN competition_entries en ON en.id = r.entry_id "
			 "JOIN competition_events v ON v.id = r.event_id JOIN competitions c ON c.id = "
			 "v.competition_id JOIN competition_marking m ON m.event_id = v.id AND m.status = "
			 "'published' WHERE en.person_id = $1 ORDER BY c.starts_on, en.id",
			 DB_ARGS(DV_I(person_id)), e),
		talent_row_view, e);
	json_t *h = res ? rows_json(db_query(d,
					     HONOUR_ROWS
					     "WHERE h.person_id = $1 ORDER BY h.created_at, h.entry_id",
					     DB_ARGS(DV_I(person_id)), e),
				    honour_row_view, e)
			: NULL;
	json_t *pr = h ? rows_json(db_query(d, PROMOTION_ROWS "WHERE cp.person_id = $1 ORDER BY cp.entry_id",
					    DB_ARGS(DV_I(person_id)), e),
				   promotion_row_view, e)
		       : NULL;
	/* the money paid to the person (the awards to bases, units and teams are theirs, not the person's) */
	json_t *aw =
		pr ? rows_json(db_query(d,
					AWARD_ROWS "WHERE w.person_id = $1 AND w.recipient = 'contestant' "
						   "ORDER BY "
						   "w.id",
					DB_ARGS(DV_I(person_id)), e),
			       award_row_view, e)
		   : NULL;
	if (!aw) {
		json_decref(res);
		json_decref(h);
		json_decref(pr);
		return -1;
	}
	json_object_set_new(
		rec, "competition",
		json_pack("{s:o,s:o,s:o,s:o}", "results", res, "honours", h, "promotions", pr, "prizes", aw));
	return 0;
}
