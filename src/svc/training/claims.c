/* claims.c: filing a subsidy claim (claims.h) */
#include "util/common.h"
#include "svc/training/claims.h"
#include "svc/base/svc.h"
#include "svc/base/tx.h"
#include "core/date.h"
#include <jansson.h>

#define PRIOR_MAX 64

struct file_ctx {
	const struct claim_input *in;
	int64_t id;
	bool ok;
};

static int may_file(const principal *a, const struct claim_input *in, err *e)
{
	if (a->role == ROLE_PROVINCE_ADMIN)
		return 0;
	if (a->role == ROLE_CITY_ADMIN && a->region[0] && !strncmp(in->region, a->region, strlen(a->region)))
		return 0;
	if (a->role == ROLE_CANDIDATE && a->person_id && a->person_id == in->person_id)
		return 0;
	return err_set(e, 403, "forbidden", NULL, "无权为该人员申领补贴",
		       "not allowed to claim for this person");
}

static json_t *decision_json(const struct subsidy_rules *r, const struct subsidy_decision *dec)
{
	json_t *checks = json_array();
	for (int i = 0; i < dec->nchecks; i++) {
		const struct subsidy_check *c = &dec->checks[i];
		json_array_append_new(checks, json_pack("{s:s, s:b, s:s, s:s, s:s}", "id", c->id, "ok", c->ok,
							"code", c->code, "zh", c->zh, "en", c->en));
	}
	return json_pack("{s:s, s:b, s:I, s:o}", "rules", r->id, "ok", dec->ok, "amount_fen",
			 (json_int_t)dec->amount, "checks", checks);
}

/* the person's live claims, for the yearly limit, once per occupation and level and the exclusions */
static int load_prior(db *d, int64_t person, struct subsidy_prior *p, char (*occ)[32], char (*course)[64],
		      size_t *n, err *e)
{
	db_stmt *st =
		db_query(d,
			 "SELECT kind, occupation_code, level, course, applied_on FROM subsidy_claims WHERE "
			 "person_id = $1 AND status <> 'rejected' ORDER BY id",
			 DB_ARGS(DV_I(person)), e);
	if (!st)
		return -1;
	*n = 0;
	while (*n < PRIOR_MAX && db_step(st) == DB_ROW) {
		size_t i = (*n)++;
		snprintf(occ[i], sizeof occ[i], "%s", db_text(st, 1));
		p[i].kind = subsidy_kind_parse(db_text(st, 0));
		p[i].occupation = occ[i];
		p[i].level = (int)db_int(st, 2);
		p[i].course = NULL;
		if (!db_isnull(st, 3)) {
			snprintf(course[i], sizeof course[i], "%s", db_text(st, 3));
			p[i].course = course[i];
		}
		int ymd = 0;
		p[i].applied_on = date_parse(db_text(st, 4), &ymd) == 0 ? ymd : 0;
	}
	return db_finish(st, e);
}

static int already_claimed(err *e)
{
	return err_set(e, 409, "already_claimed", "occupation_code",
		       "该人员已申领过同一职业、同一等级的同类补贴（全省范围）",
		       "a claim of this kind for the same occupation and level exists (province-wide)");
}

static int file_work(tx *t, void *ctx, err *e)
{
	struct file_ctx *c = ctx;
	const struct claim_input *in = c->in;
	struct subsidy_prior prior[PRIOR_MAX];
	char occ[PRIOR_MAX][32], course[PRIOR_MAX][64];
	size_t n = 0;
	if (load_prior(t->d, in->person_id, prior, occ, course, &n, e))
		return -1;
	/* a live claim with the same key: the same 409 whether it committed before this transaction began
	 * (seen here) or commits while it runs (the unique index refuses the insert below) */
	for (size_t i = 0; i < n; i++)
		if (prior[i].kind == in->facts.kind && prior[i].level == in->facts.level &&
		    !strcmp(prior[i].occupation, in->facts.occupation))
			return already_claimed(e);
	struct subsidy_facts f = in->facts;
	f.prior = prior;
	f.nprior = n;
	const struct subsidy_rules *r = subsidy_rules_default();
	struct subsidy_decision dec;
	if (subsidy_decide(r, &f, &dec, e))
		return -1;
	json_t *decision = decision_json(r, &dec);
	char *text = json_dumps(decision, JSON_COMPACT);
	char applied[11];
	date_format(f.apply_date, applied);
	int64_t now = now_s();
	db_stmt *st = db_query(t->d,
			       "INSERT INTO subsidy_claims (person_id, employer_id, kind, occupation_code, "
			       "level, region_code, course, "
			       "amount_fen, status, decision, applied_on, created_at, updated_at) VALUES "
			       "($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$12) RETURNING id",
			       DB_ARGS(DV_I(in->person_id), in->employer_id ? DV_I(in->employer_id) : DV_NULL,
				       DV_S(subsidy_kind_code(f.kind)), DV_S(f.occupation), DV_I(f.level),
				       DV_S(in->region), DV_SN(f.course), DV_I(dec.amount),
				       DV_S(dec.ok ? "checked" : "rejected"), DV_S(text ? text : "{}"),
				       DV_S(applied), DV_I(now)),
			       e);
	free(text);
	int row = st ? db_row(st, e) : -1;
	c->id = row == 1 ? db_int(st, 0) : 0;
	db_done(st);
	if (!c->id) {
		json_decref(decision);
		if (err_isset(e) && e->status == 409)
			return err_set(e, 409, "already_claimed", "occupation_code",
				       "该人员已申领过同一职业、同一等级的同类补贴（全省范围）",
				       "a claim of this kind for the same occupation and level exists "
				       "(province-wide)");
		if (!err_isset(e))
			err_set(e, 500, "internal", NULL, "服务器内部错误",
				"internal error (claim not written)");
		return -1;
	}
	c->ok = dec.ok;
	json_object_set_new(decision, "person_id", json_integer(in->person_id));
	json_object_set_new(decision, "region", json_string(in->region));
	tx_audit(t, "subsidy_claim.file", "subsidy_claim", c->id, decision);
	return 0;
}

int claim_file(db *d, const principal *a, const struct claim_input *in, int64_t *id, bool *ok, err *e)
{
	if (may_file(a, in, e))
		return -1;
	if (!in->region || check_text(in->region, "region_code", 12, true, e))
		return -1;
	if (in->facts.kind < 0 || in->facts.kind >= SUB_KIND_COUNT || !in->facts.occupation)
		return err_set(e, 422, "invalid_value", "kind", "补贴类型或职业无效",
			       "invalid subsidy kind or occupation");
	struct file_ctx c = {.in = in};
	if (svc_tx(d, a, file_work, &c, e))
		return -1;
	*id = c.id;
	*ok = c.ok;
	return 0;
}
