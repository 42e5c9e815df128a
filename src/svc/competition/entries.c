/* entries.c: nomination within quotas, review, the seat draw and the start list; 岗位练兵 counts and the
 * participation target (see entries.h; rules core/competition.c) */
#include "util/common.h"
#include "svc/competition/entries.h"
#include "core/competition.h"
#include "core/date.h"
#include "crypto/token.h"
#include "store/query.h"
#include "svc/base/svc.h"
#include "svc/base/tx.h"
#include "svc/competition/competitions.h"
#include "svc/competition/view.h"
#include "svc/stats/counters.h"

#define TEAM_MAX 40

/* the event and its competition */
struct ev_head {
	int64_t id, competition_id, team_size, seats;
	char status[16], comp_status[16];
	int starts_on;
};

static int load_event(db *d, int64_t id, struct ev_head *h, err *e)
{
	memset(h, 0, sizeof *h);
	db_stmt *st =
		db_query(d,
			 "SELECT ev.id, ev.competition_id, ev.team_size, ev.seats, ev.status, cm.status, "
			 "cm.starts_on FROM competition_events ev JOIN competitions cm ON cm.id = "
			 "ev.competition_id WHERE ev.id = $1",
			 DB_ARGS(DV_I(id)), e);
	if (!st)
		return -1;
	int row = db_row(st, e);
	if (row > 0) {
		h->id = db_int(st, 0);
		h->competition_id = db_int(st, 1);
		h->team_size = db_int(st, 2);
		h->seats = db_int(st, 3);
		snprintf(h->status, sizeof h->status, "%s", db_text(st, 4));
		snprintf(h->comp_status, sizeof h->comp_status, "%s", db_text(st, 5));
		if (date_parse(db_text(st, 6), &h->starts_on) != 0)
			h->starts_on = 0;
	}
	db_done(st);
	if (row < 0)
		return -1;
	if (!row)
		return err_set(e, 404, "not_found", NULL, "赛项不存在", "no such event");
	return 0;
}

/* the event, read as its competition is (404 otherwise); *organiser: may the caller manage it */
static int event_access(db *d, const principal *a, int64_t event_id, struct ev_head *h, bool *organiser,
			err *e)
{
	if (load_event(d, event_id, h, e) != 0)
		return -1;
	if (scope_check(d, a, SE_COMPETITION, h->competition_id, SCOPE_READ, NULL, e) != 0) {
		if (e->status == 404)
			err_set(e, 404, "not_found", NULL, "赛项不存在", "no such event");
		return -1;
	}
	err ignore = {0};
	*organiser = scope_check(d, a, SE_COMPETITION, h->competition_id, SCOPE_WRITE, NULL, &ignore) == 0;
	return 0;
}

/* is the caller the nominating unit of an entry of this unit? */
static bool nominator_of(const principal *a, const char *unit_region, int64_t unit_inst)
{
	switch (a->role) {
	case ROLE_PROVINCE_ADMIN:
		return true;
	case ROLE_CITY_ADMIN:
		return region_covers(a->region, unit_region);
	case ROLE_INSTITUTION_ADMIN:
		return a->institution_id > 0 && unit_inst == a->institution_id;
	default:
		return false;
	}
}

/* ---- nominate ---- */

struct nominate_ctx {
	const struct entry_input *in;
	struct ev_head ev;
	char unit_region[16];
	const char *unit_name;
	int64_t unit_inst, id;
};

static int load_facts(db *d, int64_t person_id, struct comp_person_facts *f, err *e)
{
	memset(f, 0, sizeof *f);
	db_stmt *st = db_query(
		d,
		"SELECT p.birth_date, (SELECT MIN(c.level) FROM certificates c WHERE c.person_id = p.id AND "
		"c.status "
		"= 'valid' AND c.level > 0), CASE WHEN p.employer_id IS NULL THEN 0 ELSE 1 END, CASE WHEN "
		"EXISTS "
		"(SELECT 1 FROM institutions i WHERE i.id = p.employer_id AND i.type IN ('technical_school', "
		"'university')) THEN 1 ELSE 0 END, CASE WHEN EXISTS (SELECT 1 FROM institution_persons ip "
		"JOIN "
		"institutions i ON i.id = ip.institution_id WHERE ip.person_id = p.id AND i.type IN "
		"('technical_school', 'university') AND (p.employer_id IS NULL OR p.employer_id <> i.id)) "
		"THEN 1 "
		"ELSE 0 END FROM persons p WHERE p.id = $1",
		DB_ARGS(DV_I(person_id)), e);
	if (!st)
		return -1;
	int row = db_row(st, e);
	if (row > 0) {
		if (!db_text(st, 0) || date_parse(db_text(st, 0), &f->birth_date) != 0)
			f->birth_date = 0;
		f->best_level = (int)db_int(st, 1);
		f->employed = db_int(st, 2) != 0;
		f->school_staff = db_int(st, 3) != 0;
		f->enrolled = db_int(st, 4) != 0;
	}
	db_done(st);
	if (row < 0)
		return -1;
	if (!row)
		return err_set(e, 404, "not_found", "person_id", "人员不存在", "no such person");
	return 0;
}

static int load_rule(db *d, int64_t event_id, const char *grp, int64_t *group_id, struct comp_group_rule *r,
		     err *e)
{
	db_stmt *st = db_query(
		d,
		"SELECT id, min_age, max_age, level_required, level_excluded, employment, enrolment FROM "
		"competition_groups WHERE event_id = $1 AND grp = $2",
		DB_ARGS(DV_I(event_id), DV_S(grp)), e);
	if (!st)
		return -1;
	int row = db_row(st, e);
	if (row > 0) {
		*group_id = db_int(st, 0);
		r->min_age = (int)db_int(st, 1);
		r->max_age = (int)db_int(st, 2);
		r->level_required = (int)db_int(st, 3);
		r->level_excluded = (int)db_int(st, 4);
		if (comp_employment_parse(db_text(st, 5), &r->employment) != 0)
			r->employment = CE_ANY;
		if (comp_enrolment_parse(db_text(st, 6), &r->enrolment) != 0)
			r->enrolment = CN_ANY;
	}
	db_done(st);
	if (row < 0)
		return -1;
	if (!row)
		return err_set(e, 422, "unknown_group", "group", "该赛项未设 %s 组别",
			       "the event has no group %s", grp);
	return 0;
}

/* every quota that binds this unit in this event: institution quotas of the unit's institution, city
 * quotas whose city covers the unit's region; each checked against the units already nominated under it */
static int check_quotas(tx *t, struct nominate_ctx *c, err *e)
{
	const bool team = c->ev.team_size > 1;
	db_stmt *st = db_query(
		t->d,
		"SELECT unit_region, COALESCE(unit_institution_id, 0), quota FROM competition_quotas "
		"WHERE competition_id = $1 AND (event_id IS NULL OR event_id = $2) ORDER BY id",
		DB_ARGS(DV_I(c->ev.competition_id), DV_I(c->ev.id)), e);
	if (!st)
		return -1;
	struct quota {
		char prefix[16];
		int64_t inst, quota;
	} *q = NULL;
	size_t n = 0, cap = 0;
	int rc = 0;
	while (rc == 0 && db_step(st) == DB_ROW) {
		const char *reg = db_text(st, 0);
		int64_t inst = db_int(st, 1);
		char pre[13] = "";
		bool applies;
		if (inst > 0) {
			applies = inst == c->unit_inst;
		} else {
			region_prefix(reg ? reg : "", pre);
			applies = region_covers(pre, c->unit_region);
		}
		if (!applies)
			continue;
		if (n == cap) {
			size_t nc = cap ? cap * 2 : 8;
			struct quota *nq = realloc(q, nc * sizeof *q);
			if (!nq) {
				rc = ERR_INTERNAL(e, "out of memory");
				break;
			}
			q = nq;
			cap = nc;
		}
		snprintf(q[n].prefix, sizeof q[n].prefix, "%s", pre);
		q[n].inst = inst;
		q[n].quota = db_int(st, 2);
		n++;
	}
	if (db_finish(st, e) != 0 || rc != 0) {
		free(q);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		char pat[24];
		snprintf(pat, sizeof pat, "%s%%", q[i].prefix);
		int64_t used = 0;
		if (db_one_int(t->d,
			       team ? "SELECT COUNT(DISTINCT team) FROM competition_entries WHERE event_id = "
				      "$1 AND "
				      "status IN ('nominated','approved') AND (($2 > 0 AND "
				      "unit_institution_id = $2) OR "
				      "($2 = 0 AND unit_region LIKE $3))"
				    : "SELECT COUNT(*) FROM competition_entries WHERE event_id = $1 AND "
				      "status IN "
				      "('nominated','approved') AND (($2 > 0 AND unit_institution_id = $2) "
				      "OR ($2 = 0 AND "
				      "unit_region LIKE $3))",
			       DB_ARGS(DV_I(c->ev.id), DV_I(q[i].inst), DV_S(pat)), &used, e) != DB_OK ||
		    comp_quota_check(q[i].quota, used, c->unit_name, e) != 0) {
			free(q);
			return -1;
		}
	}
	free(q);
	return 0;
}

static int nominate_work(tx *t, void *ctx, err *e)
{
	struct nominate_ctx *c = ctx;
	const struct entry_input *in = c->in;
	/* nominations of one event one after another: the row lock (PostgreSQL, read committed) makes the
	 * quota and team counts below exact under concurrent nominations; SQLite's write transaction already
	 * is */
	if (db_run(t->d, "UPDATE competition_events SET seats = seats WHERE id = $1",
		   DB_ARGS(DV_I(in->event_id)), e) < 0)
		return -1;
	if (load_event(t->d, in->event_id, &c->ev, e) != 0)
		return -1;
	if (strcmp(c->ev.comp_status, "open") != 0)
		return err_set(e, 409, "registration_closed", NULL, "该竞赛不在报名期",
			       "the competition is not open for registration");
	if (strcmp(c->ev.status, "open") != 0)
		return err_set(e, 409, "event_drawn", NULL, "该赛项已抽签，报名名单已确定",
			       "the event is drawn: its start list is fixed");
	int64_t group_id = 0;
	struct comp_group_rule rule = {0};
	if (load_rule(t->d, in->event_id, in->grp, &group_id, &rule, e) != 0)
		return -1;
	struct comp_person_facts f;
	if (load_facts(t->d, in->person_id, &f, e) != 0)
		return -1;
	struct comp_elig_result res;
	comp_elig_check(&rule, &f, c->ev.starts_on, &res);
	if (!res.ok) {
		char zh[256] = "", en[320] = "";
		for (int i = 0; i < res.nreasons; i++) {
			size_t lz = strlen(zh), le = strlen(en);
			snprintf(zh + lz, sizeof zh - lz, "%s%s", i ? "；" : "", res.reasons[i].zh);
			snprintf(en + le, sizeof en - le, "%s%s", i ? "; " : "", res.reasons[i].en);
		}
		return err_set(e, 422, "not_eligible", "person_id", "不符合参赛条件：%s%.0s",
			       "not eligible: %.0s%s", zh, en);
	}
	int64_t dup = 0;
	if (db_one_int(t->d,
		       "SELECT COUNT(*) FROM competition_entries WHERE event_id = $1 AND person_id = $2",
		       DB_ARGS(DV_I(in->event_id), DV_I(in->person_id)), &dup, e) != DB_OK)
		return -1;
	if (dup)
		return err_set(e, 409, "already_entered", "person_id", "该人员已报名本赛项",
			       "the person is already entered in this event");
	const char *team = in->team ? in->team : "";
	bool new_unit = true;
	if (c->ev.team_size > 1) {
		int64_t members = 0, other_unit = 0;
		if (db_one_int(t->d,
			       "SELECT COUNT(*) FROM competition_entries WHERE event_id = $1 AND team = $2 "
			       "AND status IN "
			       "('nominated','approved')",
			       DB_ARGS(DV_I(in->event_id), DV_S(team)), &members, e) != DB_OK ||
		    db_one_int(
			    t->d,
			    "SELECT COUNT(*) FROM competition_entries WHERE event_id = $1 AND team = $2 AND "
			    "status IN "
			    "('nominated','approved') AND (unit_region <> $3 OR "
			    "COALESCE(unit_institution_id, 0) <> $4)",
			    DB_ARGS(DV_I(in->event_id), DV_S(team), DV_S(c->unit_region), DV_I(c->unit_inst)),
			    &other_unit, e) != DB_OK)
			return -1;
		if (other_unit)
			return err_set(e, 409, "team_other_unit", "team", "队伍 %s 属于另一选送单位",
				       "team %s belongs to another unit", team);
		if (members >= c->ev.team_size)
			return err_set(e, 409, "team_full", "team", "队伍 %s 已满（每队 %lld 人）",
				       "team %s is full (%lld a team)", team, (long long)c->ev.team_size);
		new_unit = members == 0;
	}
	if (new_unit && check_quotas(t, c, e) != 0)
		return -1;
	int64_t now = now_s();
	enum comp_group g;
	if (comp_group_parse(in->grp, &g) != 0)
		return ERR_INTERNAL(e, "group parsed before");
	db_stmt *st = db_query(t->d,
			       "INSERT INTO competition_entries (competition_id, event_id, group_id, grp, "
			       "person_id, team, unit_name, "
			       "unit_region, unit_institution_id, created_by, created_at, updated_at) VALUES "
			       "($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$11) RETURNING id",
			       DB_ARGS(DV_I(c->ev.competition_id), DV_I(in->event_id), DV_I(group_id),
				       DV_S(comp_group_code(g)), DV_I(in->person_id), DV_S(team),
				       DV_S(c->unit_name), DV_S(c->unit_region),
				       c->unit_inst > 0 ? DV_I(c->unit_inst) : DV_NULL, DV_I(t->a->user_id),
				       DV_I(now)),
			       e);
	if (!st)
		return -1;
	int row = db_row(st, e);
	if (row > 0)
		c->id = db_int(st, 0);
	db_done(st);
	if (row <= 0)
		return row < 0 ? -1 : ERR_INTERNAL(e, "insert returned no id");
	if (stat_count(t, STE_COMP_ENTRY, DV_I(c->id), DV_NULL, +1, e) != 0)
		return -1;
	tx_audit(t, "competition_entry.nominate", "competition_entry", c->id,
		 json_pack("{s:I,s:I,s:s,s:s,s:s}", "event_id", (json_int_t)in->event_id, "person_id",
			   (json_int_t)in->person_id, "group", in->grp, "team", team, "unit", c->unit_name));
	return 0;
}

/* the unit's region and name: an institution's own, or a region's */
static int unit_of(db *d, int64_t inst, const char *region, char out_region[16], char *name, size_t nsz,
		   err *e)
{
	db_stmt *st = inst > 0 ? db_query(d, "SELECT region_code, name FROM institutions WHERE id = $1",
					  DB_ARGS(DV_I(inst)), e)
			       : db_query(d, "SELECT code, name FROM regions WHERE code = $1",
					  DB_ARGS(DV_S(region)), e);
	if (!st)
		return -1;
	int row = db_row(st, e);
	if (row > 0) {
		snprintf(out_region, 16, "%s", db_text(st, 0));
		snprintf(name, nsz, "%s", db_text(st, 1));
	}
	db_done(st);
	if (row < 0)
		return -1;
	if (!row)
		return inst > 0 ? err_set(e, 422, "unknown_institution", "unit_institution_id",
					  "选送机构不存在", "no such institution")
				: err_set(e, 422, "unknown_region", "unit_region", "选送地区 %s 不存在",
					  "no region %s", region ? region : "");
	return 0;
}

json_t *entry_nominate(db *d, const principal *a, const struct entry_input *in, err *e)
{
	enum comp_group g;
	if (!in->grp || !*in->grp) {
		err_set(e, 422, "missing_field", "group", "缺少组别", "missing field 'group'");
		return NULL;
	}
	if (comp_group_parse(in->grp, &g) != 0) {
		err_set(e, 422, "invalid_value", "group", "组别应为 worker、student 或 teacher",
			"group is worker, student or teacher");
		return NULL;
	}
	if (in->person_id <= 0) {
		err_set(e, 422, "missing_field", "person_id", "缺少人员编号", "missing field 'person_id'");
		return NULL;
	}
	if (check_text(in->team, "team", TEAM_MAX, false, e) != 0 ||
	    check_text(in->unit_name, "unit_name", 100, false, e) != 0)
		return NULL;
	struct ev_head ev;
	bool organiser = false;
	if (event_access(d, a, in->event_id, &ev, &organiser, e) != 0)
		return NULL;
	bool team = ev.team_size > 1, has_team = in->team && *in->team;
	if (team && !has_team) {
		err_set(e, 422, "team_required", "team", "团体赛须填写队伍名称",
			"a team event needs the team");
		return NULL;
	}
	if (!team && has_team) {
		err_set(e, 422, "team_not_allowed", "team", "个人赛不设队伍",
			"an individual event has no teams");
		return NULL;
	}
	/* the unit follows the nominator */
	struct nominate_ctx c = {.in = in};
	char name[404] = "";
	int64_t inst = 0;
	const char *region = in->unit_region;
	char defregion[16] = "";
	switch (a->role) {
	case ROLE_INSTITUTION_ADMIN:
		inst = a->institution_id;
		break;
	case ROLE_CITY_ADMIN:
	case ROLE_PROVINCE_ADMIN:
		inst = in->unit_institution_id > 0 ? in->unit_institution_id : 0;
		if (!inst && (!region || !*region)) {
			if (a->role == ROLE_PROVINCE_ADMIN) {
				err_set(e, 422, "missing_field", "unit_region",
					"缺少选送单位（unit_region 或 unit_institution_id）",
					"name the nominating unit (unit_region or unit_institution_id)");
				return NULL;
			}
			snprintf(defregion, sizeof defregion, "%.4s00", a->region);
			region = defregion;
		}
		break;
	case ROLE_CANDIDATE: {
		/* 个人报名: oneself, into a competition below the provincial tiers; the 选送单位 is one's
		 * employer, or one's city without one */
		if (a->person_id <= 0 || in->person_id != a->person_id) {
			err_set(e, 403, "forbidden", "person_id", "只能为本人报名",
				"you register yourself only");
			return NULL;
		}
		struct comp_head h;
		if (comp_load_head(d, ev.competition_id, &h, e) != 0)
			return NULL;
		const struct comp_tier_info *ti = comp_tier(h.tier);
		if (!ti || ti->rank <= comp_tier("province_2")->rank) {
			err_set(e, 409, "nomination_required", NULL,
				"省级及以上竞赛须由选送单位推荐报名，不接受个人报名",
				"provincial and higher competitions take nominations by units, not "
				"individual registration");
			return NULL;
		}
		db_stmt *st =
			db_query(d, "SELECT COALESCE(employer_id, 0), region_code FROM persons WHERE id = $1",
				 DB_ARGS(DV_I(a->person_id)), e);
		if (!st)
			return NULL;
		int row = db_row(st, e);
		if (row > 0) {
			inst = db_int(st, 0);
			snprintf(defregion, sizeof defregion, "%.4s00", db_text(st, 1) ? db_text(st, 1) : "");
		}
		db_done(st);
		if (row <= 0) {
			if (!row)
				err_set(e, 404, "not_found", "person_id", "人员不存在", "no such person");
			return NULL;
		}
		region = defregion;
		break;
	}
	default:
		err_set(e, 403, "forbidden", NULL, "只有选送单位（地市、机构）或主办单位可以推荐选手",
			"only a nominating unit (a city, an institution) or the organiser nominates");
		return NULL;
	}
	if (unit_of(d, inst, region, c.unit_region, name, sizeof name, e) != 0)
		return NULL;
	if (a->role == ROLE_CITY_ADMIN && !region_covers(a->region, c.unit_region)) {
		err_set(e, 403, "forbidden", "unit_region", "只能以本辖区的单位名义推荐",
			"you nominate for units of your region only");
		return NULL;
	}
	/* the person within the nominator's reach */
	if (scope_check(d, a, SE_PERSON, in->person_id, SCOPE_READ, "person_id", e) != 0)
		return NULL;
	c.unit_inst = inst;
	c.unit_name = in->unit_name && *in->unit_name ? in->unit_name : name;
	if (svc_tx(d, a, nominate_work, &c, e) != 0)
		return NULL;
	return entry_get_json(d, a, c.id, e);
}

/* ---- read ---- */

struct entry_head {
	int64_t id, competition_id, event_id, unit_inst, person_id;
	char unit_region[16], status[16], ev_status[16];
};

static int load_entry(db *d, int64_t id, struct entry_head *h, err *e)
{
	memset(h, 0, sizeof *h);
	db_stmt *st = db_query(
		d,
		"SELECT en.id, en.competition_id, en.event_id, COALESCE(en.unit_institution_id, 0), "
		"en.unit_region, en.status, ev.status, en.person_id FROM competition_entries en JOIN "
		"competition_events ev ON ev.id = en.event_id WHERE en.id = $1",
		DB_ARGS(DV_I(id)), e);
	if (!st)
		return -1;
	int row = db_row(st, e);
	if (row > 0) {
		h->id = db_int(st, 0);
		h->competition_id = db_int(st, 1);
		h->event_id = db_int(st, 2);
		h->unit_inst = db_int(st, 3);
		snprintf(h->unit_region, sizeof h->unit_region, "%s", db_text(st, 4));
		snprintf(h->status, sizeof h->status, "%s", db_text(st, 5));
		snprintf(h->ev_status, sizeof h->ev_status, "%s", db_text(st, 6));
		h->person_id = db_int(st, 7);
	}
	db_done(st);
	if (row < 0)
		return -1;
	if (!row)
		return err_set(e, 404, "not_found", NULL, "报名记录不存在", "no such entry");
	return 0;
}

/* the entry's organiser or nominator (else 404, its existence not revealed) */
static int entry_access(db *d, const principal *a, int64_t id, struct entry_head *h, bool *organiser, err *e)
{
	if (load_entry(d, id, h, e) != 0)
		return -1;
	err ignore = {0};
	*organiser = scope_check(d, a, SE_COMPETITION, h->competition_id, SCOPE_WRITE, NULL, &ignore) == 0;
	bool own = a->role == ROLE_CANDIDATE && a->person_id > 0 && h->person_id == a->person_id;
	if (!*organiser && !own && !nominator_of(a, h->unit_region, h->unit_inst))
		return err_set(e, 404, "not_found", NULL, "报名记录不存在", "no such entry");
	return 0;
}

#define ENTRY_FROM " FROM competition_entries en JOIN persons p ON p.id = en.person_id"

json_t *entry_get_json(db *d, const principal *a, int64_t id, err *e)
{
	struct entry_head h;
	bool organiser = false;
	if (entry_access(d, a, id, &h, &organiser, e) != 0)
		return NULL;
	json_t *o = row_json(db_query(d, "SELECT " COMP_ENTRY_VIEW_COLS ENTRY_FROM " WHERE en.id = $1",
				      DB_ARGS(DV_I(id)), e),
			     comp_entry_view, e);
	if (!o) {
		if (!err_isset(e))
			err_set(e, 404, "not_found", NULL, "报名记录不存在", "no such entry");
		return NULL;
	}
	const struct fsm_transition *ts[4];
	unsigned roles = fsm_acting(a, true);
	size_t n = fsm_available(&comp_entry_fsm, h.status, roles, NULL, ts, ARRAY_LEN(ts));
	json_t *acts = json_array();
	for (size_t k = 0; k < n && k < ARRAY_LEN(ts); k++) {
		if (!organiser && strcmp(ts[k]->action, "withdraw") != 0)
			continue;
		json_array_append_new(acts, json_pack("{s:s,s:s,s:s,s:b}", "action", ts[k]->action, "to",
						      ts[k]->to, "zh", ts[k]->zh, "needs_reason",
						      (ts[k]->flags & FSM_NEEDS_REASON) != 0));
	}
	json_object_set_new(o, "actions", acts);
	return o;
}

json_t *entry_list(db *d, const principal *a, int64_t event_id, const char *status, err *e)
{
	struct ev_head ev;
	bool organiser = false;
	if (event_access(d, a, event_id, &ev, &organiser, e) != 0)
		return NULL;
	if (status && *status && !fsm_state(&comp_entry_fsm, status)) {
		err_set(e, 422, "invalid_value", "status", "状态无效", "invalid status");
		return NULL;
	}
	query q;
	q_init(&q, "SELECT " COMP_ENTRY_VIEW_COLS ENTRY_FROM);
	q_and(&q, "en.event_id = ?", DV_I(event_id));
	if (!organiser) {
		char pat[24];
		if (a->role == ROLE_CITY_ADMIN && a->region[0]) {
			snprintf(pat, sizeof pat, "%s%%", a->region);
			q_and(&q, "en.unit_region LIKE ?", DV_S(pat));
		} else if (a->role == ROLE_INSTITUTION_ADMIN && a->institution_id > 0) {
			q_and(&q, "en.unit_institution_id = ?", DV_I(a->institution_id));
		} else {
			q_free(&q);
			err_set(e, 403, "forbidden", NULL, "只有主办单位和选送单位可以查看报名名单",
				"only the organiser and the nominating units read the entries");
			return NULL;
		}
	}
	if (status && *status)
		q_and(&q, "en.status = ?", DV_S(status));
	q_sql(&q, " ORDER BY en.id");
	json_t *items = rows_json(q_query(d, &q, e), comp_entry_view, e);
	q_free(&q);
	return items ? json_pack("{s:o,s:I}", "items", items, "total", (json_int_t)json_array_size(items))
		     : NULL;
}

json_t *entry_mine(db *d, const principal *a, err *e)
{
	if (a->role != ROLE_CANDIDATE || a->person_id <= 0) {
		err_set(e, 403, "forbidden", NULL, "只有考生本人查看自己的参赛报名",
			"candidates read their own entries");
		return NULL;
	}
	json_t *items = rows_json(
		db_query(d,
			 "SELECT " COMP_ENTRY_VIEW_COLS ", cm.name, ev.name, ev.status" ENTRY_FROM
			 " JOIN competitions cm ON cm.id = en.competition_id JOIN competition_events ev ON "
			 "ev.id = en.event_id WHERE en.person_id = $1 ORDER BY en.id DESC",
			 DB_ARGS(DV_I(a->person_id)), e),
		comp_my_entry_view, e);
	return items ? json_pack("{s:o,s:I}", "items", items, "total", (json_int_t)json_array_size(items))
		     : NULL;
}

/* ---- review and withdrawal ---- */

struct emove_ctx {
	int64_t id;
	const char *to, *reason;
	bool organiser;
};

static int emove_work(tx *t, void *ctx, err *e)
{
	struct emove_ctx *c = ctx;
	struct entry_head h;
	/* the event's row first, while it is open (as nominate_work and draw_work): a review waits for a
	 * draw under way and then finds the event drawn, and two reviews of one entry go one after another */
	int64_t open = db_run(t->d,
			      "UPDATE competition_events SET seats = seats WHERE id = (SELECT event_id FROM "
			      "competition_entries WHERE id = $1) AND status = 'open'",
			      DB_ARGS(DV_I(c->id)), e);
	if (open < 0 || load_entry(t->d, c->id, &h, e) != 0)
		return -1;
	if (!open || strcmp(h.ev_status, "open") != 0)
		return err_set(e, 409, "event_drawn", NULL, "该赛项已抽签，报名名单已确定",
			       "the event is drawn: its start list is fixed");
	const struct fsm_transition *tr = NULL;
	if (fsm_decide(&comp_entry_fsm, h.status, c->to, fsm_acting(t->a, true), c->reason, NULL, &tr, e) !=
	    0)
		return -1;
	if (strcmp(tr->action, "withdraw") != 0 && !c->organiser)
		return err_set(e, 403, "forbidden", NULL, "只有主办单位审核报名",
			       "only the organiser reviews entries");
	if (stat_count(t, STE_COMP_ENTRY, DV_I(c->id), DV_NULL, -1, e) != 0)
		return -1;
	int64_t moved =
		db_run(t->d,
		       "UPDATE competition_entries SET status = $2, review_reason = $3, updated_at = $4 "
		       "WHERE id = $1 AND status = $5",
		       DB_ARGS(DV_I(c->id), DV_S(c->to), DV_S(c->reason ? c->reason : ""), DV_I(now_s()),
			       DV_S(h.status)),
		       e);
	if (moved < 0)
		return -1;
	if (!moved)
		return err_set(e, 409, "invalid_transition", "status",
			       "参赛报名的状态已被他人改变，请刷新后重试",
			       "the entry's status was changed meanwhile; reload and retry");
	if (stat_count(t, STE_COMP_ENTRY, DV_I(c->id), DV_NULL, +1, e) != 0)
		return -1;
	tx_audit(t, tr->audit, "competition_entry", c->id,
		 json_pack("{s:s,s:s,s:s}", "from", h.status, "to", c->to, "reason",
			   c->reason ? c->reason : ""));
	return 0;
}

int entry_move(db *d, const principal *a, int64_t id, const char *to, const char *reason, err *e)
{
	if (fsm_check_state(&comp_entry_fsm, to, e) != 0)
		return -1;
	if (reason && check_text(reason, "reason", 500, false, e) != 0)
		return -1;
	struct entry_head h;
	struct emove_ctx c = {id, to, reason && *reason ? reason : NULL, false};
	if (entry_access(d, a, id, &h, &c.organiser, e) != 0)
		return -1;
	return svc_tx(d, a, emove_work, &c, e);
}

/* ---- the draw ---- */

struct unit {
	int64_t entry_id; /* individual events */
	char team[TEAM_MAX * 4 + 1];
};

static int unit_cmp(const void *x, const void *y)
{
	return strcmp(((const struct unit *)x)->team, ((const struct unit *)y)->team);
}

struct draw_ctx {
	int64_t event_id;
	char seed[COMP_DRAW_SEED_MAX + 1];
	int64_t n;
};

static int draw_work(tx *t, void *ctx, err *e)
{
	struct draw_ctx *c = ctx;
	struct ev_head ev;
	/* the event's row first, while it is open: reviews and withdrawals of its entries (emove_work) wait
	 * for the draw, so the counts and the start list below are the entries' final word */
	if (db_run(t->d, "UPDATE competition_events SET seats = seats WHERE id = $1 AND status = 'open'",
		   DB_ARGS(DV_I(c->event_id)), e) < 0 ||
	    load_event(t->d, c->event_id, &ev, e) != 0)
		return -1;
	if (strcmp(ev.status, "open") != 0)
		return err_set(e, 409, "already_drawn", NULL, "该赛项已抽签", "the event is already drawn");
	if (strcmp(ev.comp_status, "closed") != 0)
		return err_set(e, 409, "registration_open", NULL, "竞赛报名截止后方可抽签",
			       "the draw follows the close of registration");
	int64_t undecided = 0;
	if (db_one_int(
		    t->d,
		    "SELECT COUNT(*) FROM competition_entries WHERE event_id = $1 AND status = 'nominated'",
		    DB_ARGS(DV_I(c->event_id)), &undecided, e) != DB_OK)
		return -1;
	if (undecided)
		return err_set(e, 409, "undecided_entries", NULL, "尚有 %lld 份报名未审核",
			       "%lld entries are undecided", (long long)undecided);
	const bool team = ev.team_size > 1;
	db_stmt *st = db_query(
		t->d,
		team ? "SELECT DISTINCT 0, team FROM competition_entries WHERE event_id = $1 AND status = "
		       "'approved'"
		     : "SELECT id, team FROM competition_entries WHERE event_id = $1 AND status = 'approved' "
		       "ORDER BY id",
		DB_ARGS(DV_I(c->event_id)), e);
	if (!st)
		return -1;
	size_t n = 0, cap = 0;
	struct unit *u = NULL;
	int rc = 0;
	while (db_step(st) == DB_ROW) {
		if (n == cap) {
			size_t nc = cap ? cap * 2 : 64;
			struct unit *nu = realloc(u, nc * sizeof *u);
			if (!nu) {
				rc = ERR_INTERNAL(e, "out of memory");
				break;
			}
			u = nu;
			cap = nc;
		}
		u[n].entry_id = db_int(st, 0);
		snprintf(u[n].team, sizeof u[n].team, "%s", db_text(st, 1) ? db_text(st, 1) : "");
		n++;
	}
	if (db_finish(st, e) != 0 || rc != 0) {
		free(u);
		return -1;
	}
	if (!n) {
		free(u);
		return err_set(e, 409, "no_entries", NULL, "该赛项没有审核通过的选手",
			       "the event has no approved entries");
	}
	if (ev.seats > 0 && (int64_t)n > ev.seats) {
		free(u);
		return err_set(e, 409, "not_enough_seats", NULL, "参赛单位 %zu 个，多于工位 %lld 个",
			       "%zu units for %lld seats", n, (long long)ev.seats);
	}
	if (team) /* teams in the order of their labels (bytes), the same on both engines */
		qsort(u, n, sizeof *u, unit_cmp);
	int *seats = calloc(n, sizeof *seats);
	json_t *units = json_array(), *sj = json_array();
	if (!seats || comp_draw(c->seed, n, seats, e) != 0) {
		free(u);
		free(seats);
		json_decref(units);
		json_decref(sj);
		return err_isset(e) ? -1 : ERR_INTERNAL(e, "out of memory");
	}
	for (size_t i = 0; i < n && rc == 0; i++) {
		json_array_append_new(units, team ? json_string(u[i].team) : json_integer(u[i].entry_id));
		json_array_append_new(sj, json_integer(seats[i]));
		int64_t k = team ? db_run(t->d,
					  "UPDATE competition_entries SET seat = $3, updated_at = $4 WHERE "
					  "event_id = $1 "
					  "AND team = $2 AND status = 'approved'",
					  DB_ARGS(DV_I(c->event_id), DV_S(u[i].team), DV_I(seats[i]),
						  DV_I(now_s())),
					  e)
				 : db_run(t->d,
					  "UPDATE competition_entries SET seat = $2, updated_at = $3 WHERE "
					  "id = $1",
					  DB_ARGS(DV_I(u[i].entry_id), DV_I(seats[i]), DV_I(now_s())), e);
		if (k < 0)
			rc = -1;
	}
	free(u);
	free(seats);
	char *ut = rc == 0 ? json_dumps(units, JSON_COMPACT) : NULL;
	char *stx = rc == 0 ? json_dumps(sj, JSON_COMPACT) : NULL;
	json_decref(units);
	json_decref(sj);
	if (rc == 0 && (!ut || !stx))
		rc = ERR_INTERNAL(e, "out of memory");
	if (rc == 0 && db_run(t->d,
			      "INSERT INTO competition_draws (event_id, seed, algorithm, units, seats, "
			      "drawn_by, drawn_at) "
			      "VALUES ($1,$2,$3,$4,$5,$6,$7)",
			      DB_ARGS(DV_I(c->event_id), DV_S(c->seed), DV_S(COMP_DRAW_ALGORITHM), DV_S(ut),
				      DV_S(stx), DV_I(t->a->user_id), DV_I(now_s())),
			      e) < 0)
		rc = -1;
	if (rc == 0 &&
	    db_run(t->d,
		   "UPDATE competition_events SET status = 'drawn', seats = CASE WHEN seats < $2 THEN $2 "
		   "ELSE seats END WHERE id = $1",
		   DB_ARGS(DV_I(c->event_id), DV_I((int64_t)n)), e) < 0)
		rc = -1;
	free(ut);
	free(stx);
	if (rc != 0)
		return -1;
	c->n = (int64_t)n;
	tx_audit(t, "competition_event.draw", "competition_event", c->event_id,
		 json_pack("{s:s,s:s,s:I}", "seed", c->seed, "algorithm", COMP_DRAW_ALGORITHM, "units",
			   (json_int_t)n));
	return 0;
}

json_t *entry_draw(db *d, const principal *a, int64_t event_id, const char *seed, err *e)
{
	struct ev_head ev;
	bool organiser = false;
	if (event_access(d, a, event_id, &ev, &organiser, e) != 0)
		return NULL;
	if (!organiser) {
		err_set(e, 403, "forbidden", NULL, "只有主办单位组织抽签", "only the organiser draws");
		return NULL;
	}
	struct draw_ctx c = {.event_id = event_id};
	if (seed && *seed) {
		int probe[1];
		if (comp_draw(seed, 0, probe, e) != 0)
			return NULL;
		snprintf(c.seed, sizeof c.seed, "%s", seed);
	} else {
		unsigned char b[16];
		random_bytes(b, sizeof b);
		for (size_t i = 0; i < sizeof b; i++)
			snprintf(c.seed + 2 * i, 3, "%02x", b[i]);
	}
	if (svc_tx(d, a, draw_work, &c, e) != 0)
		return NULL;
	return draw_get_json(d, a, event_id, e);
}

json_t *draw_get_json(db *d, const principal *a, int64_t event_id, err *e)
{
	struct ev_head ev;
	bool organiser = false;
	if (event_access(d, a, event_id, &ev, &organiser, e) != 0)
		return NULL;
	db_stmt *st = db_query(
		d,
		"SELECT seed, algorithm, units, seats, drawn_at FROM competition_draws WHERE event_id = $1",
		DB_ARGS(DV_I(event_id)), e);
	if (!st)
		return NULL;
	int row = db_row(st, e);
	json_t *o = NULL;
	if (row > 0) {
		json_t *units = json_loads(db_text(st, 2), 0, NULL),
		       *seats = json_loads(db_text(st, 3), 0, NULL);
		const char *seed = db_text(st, 0);
		bool same = false;
		size_t n = json_array_size(units);
		int *re = n ? calloc(n, sizeof *re) : NULL;
		err ignore = {0};
		if (units && seats && json_array_size(seats) == n && (!n || re) &&
		    comp_draw(seed, n, re, &ignore) == 0) {
			same = true;
			for (size_t i = 0; i < n; i++)
				same &= json_integer_value(json_array_get(seats, i)) == re[i];
		}
		free(re);
		o = json_pack("{s:I,s:s,s:s,s:o,s:o,s:I,s:b}", "event_id", (json_int_t)event_id, "seed", seed,
			      "algorithm", db_text(st, 1), "units", units ? units : json_array(), "seats",
			      seats ? seats : json_array(), "drawn_at", (json_int_t)db_int(st, 4),
			      "reproduced", same);
	}
	db_done(st);
	if (row < 0)
		return NULL;
	if (!row)
		err_set(e, 409, "not_drawn", NULL, "该赛项尚未抽签", "the event is not drawn yet");
	return o;
}

json_t *start_list_json(db *d, const principal *a, int64_t event_id, err *e)
{
	struct ev_head ev;
	bool organiser = false;
	if (event_access(d, a, event_id, &ev, &organiser, e) != 0)
		return NULL;
	if (strcmp(ev.status, "drawn") != 0) {
		err_set(e, 409, "not_drawn", NULL, "该赛项尚未抽签，参赛名单未公布",
			"the event is not drawn: no start list yet");
		return NULL;
	}
	json_t *items = rows_json(db_query(d,
					   "SELECT " COMP_START_VIEW_COLS ENTRY_FROM
					   " WHERE en.event_id = $1 AND en.status "
					   "= 'approved' ORDER BY en.seat, en.id",
					   DB_ARGS(DV_I(event_id)), e),
				  comp_start_view, e);
	return items ? json_pack("{s:I,s:I,s:o,s:I}", "event_id", (json_int_t)event_id, "competition_id",
				 (json_int_t)ev.competition_id, "items", items, "total",
				 (json_int_t)json_array_size(items))
		     : NULL;
}

/* ---- 岗位练兵 / 技术比武 ---- */

struct practice_ctx {
	const struct practice_input *in;
	char region[16];
	int64_t id;
};

static int practice_work(tx *t, void *ctx, err *e)
{
	struct practice_ctx *c = ctx;
	const struct practice_input *in = c->in;
	db_stmt *st = db_query(
		t->d,
		"INSERT INTO competition_practice (year, kind, organiser_name, occupation_code, region_code, "
		"participants, recorded_by, recorded_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id",
		DB_ARGS(DV_I(in->year), DV_S(in->kind), DV_S(in->organiser_name),
			in->occupation_code && *in->occupation_code ? DV_S(in->occupation_code) : DV_NULL,
			DV_S(c->region), DV_I(in->participants), DV_I(t->a->user_id), DV_I(now_s())),
		e);
	if (!st)
		return -1;
	int row = db_row(st, e);
	if (row > 0)
		c->id = db_int(st, 0);
	db_done(st);
	if (row <= 0)
		return row < 0 ? -1 : ERR_INTERNAL(e, "insert returned no id");
	tx_audit(t, "competition_practice.record", "competition_practice", c->id,
		 json_pack("{s:I,s:s,s:s,s:I}", "year", (json_int_t)in->year, "kind", in->kind, "region_code",
			   c->region, "participants", (json_int_t)in->participants));
	return 0;
}

json_t *practice_record(db *d, const principal *a, const struct practice_input *in, err *e)
{
	if (!in->kind || (strcmp(in->kind, "岗位练兵") && strcmp(in->kind, "技术比武"))) {
		err_set(e, 422, "invalid_value", "kind", "类别应为 岗位练兵 或 技术比武",
			"kind is 岗位练兵 or 技术比武");
		return NULL;
	}
	if (check_text(in->organiser_name, "organiser_name", 100, true, e) != 0)
		return NULL;
	if (in->year < 2000 || in->year > 2100) {
		err_set(e, 422, "invalid_value", "year", "年度无效", "year is invalid");
		return NULL;
	}
	if (in->participants < 1 || in->participants > 10000000) {
		err_set(e, 422, "invalid_value", "participants", "参与人次须为 1 至 10000000",
			"participants must be 1..10000000");
		return NULL;
	}
	struct practice_ctx c = {.in = in};
	if (a->role == ROLE_INSTITUTION_ADMIN) {
		char name[404];
		if (unit_of(d, a->institution_id, NULL, c.region, name, sizeof name, e) != 0)
			return NULL;
	} else if (in->region_code && *in->region_code) {
		snprintf(c.region, sizeof c.region, "%.15s", in->region_code);
	} else {
		snprintf(c.region, sizeof c.region, "%.4s00", a->region[0] ? a->region : "37");
		if (a->role == ROLE_PROVINCE_ADMIN)
			snprintf(c.region, sizeof c.region, "370000");
	}
	int64_t n = 0;
	if (db_one_int(d, "SELECT COUNT(*) FROM regions WHERE code = $1", DB_ARGS(DV_S(c.region)), &n, e) !=
	    DB_OK)
		return NULL;
	if (!n) {
		err_set(e, 422, "unknown_region", "region_code", "行政区划 %s 不存在", "no region %s",
			c.region);
		return NULL;
	}
	if (a->role == ROLE_CITY_ADMIN && !region_covers(a->region, c.region)) {
		err_set(e, 403, "forbidden", "region_code", "只能记录本辖区的练兵比武",
			"you record your region's only");
		return NULL;
	}
	if (in->occupation_code && *in->occupation_code) {
		if (db_one_int(d, "SELECT COUNT(*) FROM occupations WHERE code = $1",
			       DB_ARGS(DV_S(in->occupation_code)), &n, e) != DB_OK)
			return NULL;
		if (!n) {
			err_set(e, 422, "unknown_occupation", "occupation_code", "职业（工种）%s 不存在",
				"no occupation %s", in->occupation_code);
			return NULL;
		}
	}
	if (svc_tx(d, a, practice_work, &c, e) != 0)
		return NULL;
	return json_pack("{s:I,s:I,s:s,s:s,s:s,s:I}", "id", (json_int_t)c.id, "year", (json_int_t)in->year,
			 "kind", in->kind, "organiser_name", in->organiser_name, "region_code", c.region,
			 "participants", (json_int_t)in->participants);
}

static json_t *practice_group_view(db_stmt *st)
{
	return json_pack("{s:s,s:I}", "organiser_name", db_text(st, 0) ? db_text(st, 0) : "", "participants",
			 (json_int_t)db_int(st, 1));
}

static json_t *practice_occ_view(db_stmt *st)
{
	return json_pack("{s:s,s:s,s:I}", "occupation_code", db_text(st, 0) ? db_text(st, 0) : "",
			 "occupation_name", db_text(st, 1) ? db_text(st, 1) : "", "participants",
			 (json_int_t)db_int(st, 2));
}

static int add_city(json_t *by, const char *city, const char *key, int64_t v)
{
	json_t *o = json_object_get(by, city);
	if (!o) {
		o = json_pack("{s:s,s:I,s:I}", "city", city, "practice", (json_int_t)0, "competition",
			      (json_int_t)0);
		json_object_set_new(by, city, o);
	}
	json_object_set_new(o, key, json_integer(json_integer_value(json_object_get(o, key)) + v));
	return 0;
}

json_t *participation_json(db *d, err *e)
{
	int64_t from = 0, to = 0, target = 0;
	char source[512] = "";
	db_stmt *st =
		db_query(d,
			 "SELECT from_year, to_year, target, source FROM competition_targets WHERE code = "
			 "'participation_3y'",
			 DB_NOARGS, e);
	if (!st)
		return NULL;
	int row = db_row(st, e);
	if (row > 0) {
		from = db_int(st, 0);
		to = db_int(st, 1);
		target = db_int(st, 2);
		snprintf(source, sizeof source, "%s", db_text(st, 3));
	}
	db_done(st);
	if (row <= 0) {
		if (row == 0)
			ERR_INTERNAL(e, "no participation target");
		return NULL;
	}
	char lo[16], hi[16];
	snprintf(lo, sizeof lo, "%04lld-01-01", (long long)from);
	snprintf(hi, sizeof hi, "%04lld-12-31", (long long)to);
	json_t *by_kind = json_object(), *by_city = json_object();
	int64_t total = 0;
	st = db_query(d,
		      "SELECT kind, SUBSTR(region_code, 1, 4), SUM(participants) FROM competition_practice "
		      "WHERE year >= $1 "
		      "AND year <= $2 GROUP BY kind, SUBSTR(region_code, 1, 4)",
		      DB_ARGS(DV_I(from), DV_I(to)), e);
	if (!st)
		goto fail;
	while (db_step(st) == DB_ROW) {
		const char *kind = db_text(st, 0);
		char city[16];
		snprintf(city, sizeof city, "%s00", db_text(st, 1) ? db_text(st, 1) : "");
		int64_t v = db_int(st, 2);
		json_object_set_new(by_kind, kind,
				    json_integer(json_integer_value(json_object_get(by_kind, kind)) + v));
		add_city(by_city, city, "practice", v);
		total += v;
	}
	if (db_finish(st, e) != 0)
		goto fail;
	st = db_query(d,
		      "SELECT SUBSTR(en.unit_region, 1, 4), COUNT(*) FROM competition_entries en JOIN "
		      "competitions cm ON "
		      "cm.id = en.competition_id WHERE en.status IN ('nominated','approved') AND "
		      "cm.starts_on >= $1 AND "
		      "cm.starts_on <= $2 GROUP BY SUBSTR(en.unit_region, 1, 4)",
		      DB_ARGS(DV_S(lo), DV_S(hi)), e);
	if (!st)
		goto fail;
	int64_t comp = 0;
	while (db_step(st) == DB_ROW) {
		char city[16];
		snprintf(city, sizeof city, "%s00", db_text(st, 0) ? db_text(st, 0) : "");
		add_city(by_city, city, "competition", db_int(st, 1));
		comp += db_int(st, 1);
	}
	if (db_finish(st, e) != 0)
		goto fail;
	/* 岗位练兵 / 技术比武 by organiser and by occupation, largest first */
	json_t *by_org = rows_json(
		db_query(d,
			 "SELECT organiser_name, SUM(participants) FROM competition_practice WHERE year "
			 ">= $1 AND year <= $2 GROUP BY organiser_name ORDER BY 2 DESC, 1",
			 DB_ARGS(DV_I(from), DV_I(to)), e),
		practice_group_view, e);
	json_t *by_occ =
		by_org ? rows_json(db_query(d,
					    "SELECT COALESCE(cp.occupation_code, ''), COALESCE(o.name, ''), "
					    "SUM(cp.participants) FROM competition_practice cp LEFT JOIN "
					    "occupations o ON o.code = cp.occupation_code WHERE cp.year >= "
					    "$1 AND "
					    "cp.year <= $2 GROUP BY COALESCE(cp.occupation_code, ''), "
					    "COALESCE(o.name, '') ORDER BY 3 DESC, 1",
					    DB_ARGS(DV_I(from), DV_I(to)), e),
				   practice_occ_view, e)
		       : NULL;
	if (!by_occ) {
		json_decref(by_org);
		goto fail;
	}
	json_object_set_new(by_kind, "竞赛", json_integer(comp));
	total += comp;
	json_t *cities = json_array();
	const char *k;
	json_t *v;
	json_object_foreach(by_city, k, v)
	{
		json_object_set_new(v, "total",
				    json_integer(json_integer_value(json_object_get(v, "practice")) +
						 json_integer_value(json_object_get(v, "competition"))));
		json_array_append(cities, v);
	}
	json_decref(by_city);
	return json_pack("{s:{s:I,s:I,s:I,s:s},s:I,s:I,s:o,s:o,s:o,s:o}", "target", "from_year",
			 (json_int_t)from, "to_year", (json_int_t)to, "participations", (json_int_t)target,
			 "source", source, "total", (json_int_t)total, "progress_permille",
			 (json_int_t)(target ? total * 1000 / target : 0), "by_kind", by_kind, "by_city",
			 cities, "by_organiser", by_org, "by_occupation", by_occ);
fail:
	json_decref(by_kind);
	json_decref(by_city);
	return NULL;
}
