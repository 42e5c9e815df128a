/* outcomes.c: 竞赛成果 handlers — the outcomes of a competition (dry run and run), what it has brought, its
 * settings, an entry's 选送单位 / 集训基地, the prize rules, 集训基地 construction grants, objections to an
 * event's results during 公示 (src/svc/competition/outcomes.h) */
#include "util/common.h"
#include "api/base/api.h"
#include "api/competition/outcomes_handlers.h"
#include "svc/base/svc.h"
#include "svc/competition/outcomes.h"

static int reply(req *r, json_t *o)
{
	return o ? req_reply(r, 200, o) : -1;
}

int h_co_outcomes_plan(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	return reply(r, d ? co_outcomes(d, &r->who, id, true, &r->e) : NULL);
}

int h_co_outcomes_run(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	return reply(r, d ? co_outcomes(d, &r->who, id, false, &r->e) : NULL);
}

int h_co_awards(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	return reply(r, d ? co_awards_json(d, &r->who, id, &r->e) : NULL);
}

static int array_of(req *r, json_t *b, const char *key, json_t **out)
{
	*out = json_object_get(b, key);
	if (*out && !json_is_array(*out))
		return err_set(&r->e, 422, "invalid_type", key, "字段 %s 应为数组",
			       "field '%s' must be an array", key);
	if (*out && json_array_size(*out) > CO_MAX_SETTINGS)
		return err_set(&r->e, 422, "too_many", key, "一次最多设置 %d 项", "at most %d at once",
			       CO_MAX_SETTINGS);
	return 0;
}

/* {cert_institution_id, events: [{event_id, expert_team}], groups: [{group_id, promotion_level}]} */
int h_co_settings_put(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL, *ev = NULL, *gr = NULL;
	if (!b || array_of(r, b, "events", &ev) || array_of(r, b, "groups", &gr))
		return -1;
	struct co_event_setting es[CO_MAX_SETTINGS];
	struct co_group_setting gs[CO_MAX_SETTINGS];
	struct co_settings_in in = {
		.cert_institution_id = jint(b, "cert_institution_id", 0, &r->e), .events = es, .groups = gs};
	size_t i;
	json_t *x;
	json_array_foreach(ev, i, x)
	{
		es[i].event_id = jint(x, "event_id", 0, &r->e);
		es[i].expert_team = jstr(x, "expert_team", &r->e);
		if (!es[i].expert_team)
			es[i].expert_team = "";
		in.nevents++;
	}
	json_array_foreach(gr, i, x)
	{
		gs[i].group_id = jint(x, "group_id", 0, &r->e);
		gs[i].promotion_level = (int)jint(x, "promotion_level", 0, &r->e);
		in.ngroups++;
	}
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	return reply(r, d ? co_settings_put(d, &r->who, id, &in, &r->e) : NULL);
}

/* {sending_unit_id, training_base_id}: null or absent clears */
int h_co_entry_units_put(req *r)
{
	int64_t id = req_param_id(r, 0);
	json_t *b = id > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	int64_t unit = jint(b, "sending_unit_id", 0, &r->e), base = jint(b, "training_base_id", 0, &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	return reply(r, d ? co_entry_units_put(d, &r->who, id, unit, base, &r->e) : NULL);
}

int h_co_prize_rules_get(req *r)
{
	db *d = api_db(r);
	return reply(r, d ? co_prize_rules_json(d, &r->e) : NULL);
}

/* {rules: [{tier, medal, recipient, amount_fen, source}], promotion_limit: {enabled, count, months}}: each
 * rule given replaces the rule of its tier, medal and recipient (amount_fen 0 removes it) */
int h_co_prize_rules_put(req *r)
{
	json_t *b = req_json(r), *rs = NULL;
	if (!b)
		return -1;
	rs = json_object_get(b, "rules");
	if (rs && !json_is_array(rs))
		return err_set(&r->e, 422, "invalid_type", "rules", "字段 rules 应为数组",
			       "rules must be an array");
	if (json_array_size(rs) > CO_MAX_RULES)
		return err_set(&r->e, 422, "too_many", "rules", "一次最多 %d 条奖励规则",
			       "at most %d rules at once", CO_MAX_RULES);
	struct co_prize_rule rules[CO_MAX_RULES];
	size_t n = 0, i;
	json_t *x;
	json_array_foreach(rs, i, x)
	{
		rules[n].tier = jreq(x, "tier", &r->e);
		rules[n].medal = jreq(x, "medal", &r->e);
		rules[n].recipient = jreq(x, "recipient", &r->e);
		rules[n].source = jstr(x, "source", &r->e);
		rules[n].amount_fen = jint(x, "amount_fen", -1, &r->e);
		if (!json_object_get(x, "amount_fen") && !err_isset(&r->e))
			err_set(&r->e, 422, "missing_field", "amount_fen", "缺少字段 amount_fen",
				"missing field 'amount_fen'");
		n++;
	}
	struct co_limit_in lim = {0};
	json_t *l = json_object_get(b, "promotion_limit");
	if (l && !json_is_object(l))
		return err_set(&r->e, 422, "invalid_type", "promotion_limit", "应为对象",
			       "must be an object");
	if (l) {
		lim.given = true;
		lim.enabled = jbool(l, "enabled", 0, &r->e) != 0;
		lim.count = (int)jint(l, "count", 1, &r->e);
		lim.months = (int)jint(l, "months", 12, &r->e);
	}
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	return reply(r, d ? co_prize_rules_put(d, &r->who, rules, n, &lim, &r->e) : NULL);
}

/* {institution_id, base_class: key | provincial, skill} */
int h_co_base_grant(req *r)
{
	json_t *b = req_json(r);
	if (!b)
		return -1;
	int64_t inst = jint(b, "institution_id", 0, &r->e);
	const char *cls = jreq(b, "base_class", &r->e), *skill = jstr(b, "skill", &r->e);
	if (err_isset(&r->e))
		return -1;
	if (inst <= 0)
		return err_set(&r->e, 422, "missing_field", "institution_id", "缺少集训基地（机构）",
			       "institution_id is required");
	db *d = api_db(r);
	json_t *o = d ? co_base_grant(d, &r->who, inst, cls, skill, &r->e) : NULL;
	return o ? req_reply(r, 201, o) : -1;
}

int h_co_base_grants(req *r)
{
	db *d = api_db(r);
	return reply(r, d ? co_base_grants_json(d, &r->who, &r->e) : NULL);
}

/* {entry_id, text, contact}: anyone, during the 公示 of the event's results */
int h_co_objection_create(req *r)
{
	if (api_verify_throttled(r) != 0)
		return -1;
	int64_t ev = req_param_id(r, 0);
	json_t *b = ev > 0 ? req_json(r) : NULL;
	if (!b)
		return -1;
	int64_t entry = jint(b, "entry_id", 0, &r->e);
	const char *text = jreq(b, "text", &r->e), *contact = jstr(b, "contact", &r->e);
	if (err_isset(&r->e))
		return -1;
	db *d = api_db(r);
	int64_t id = d ? co_objection_create(d, ev, entry, text, contact, &r->e) : -1;
	return id < 0 ? -1
		      : req_reply(r, 201, json_pack("{s:I,s:s}", "id", (json_int_t)id, "status", "open"));
}

int h_co_objections(req *r)
{
	int64_t id = req_param_id(r, 0);
	db *d = id > 0 ? api_db(r) : NULL;
	return reply(r, d ? co_objections_json(d, &r->who, id, &r->e) : NULL);
}
