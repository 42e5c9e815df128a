/* fsm.c: declarative state machines (see fsm.h) */
#include "util/common.h"
#include "core/fsm.h"

/* refuse: fills e with a message formatted apart in each language (err_set gives both formats the same
 * arguments; here they differ) */
static int refuse(err *e, int status, const char *code, const char *field, const char *zh, const char *en)
{
	return err_set(e, status, code, field, "%s", "%.0s%s", zh, en);
}

const struct fsm_state *fsm_state(const struct fsm *m, const char *code)
{
	for (size_t i = 0; code && i < m->nstates; i++)
		if (!strcmp(m->states[i].code, code))
			return &m->states[i];
	return NULL;
}

const char *fsm_state_zh(const struct fsm *m, const char *code)
{
	const struct fsm_state *s = fsm_state(m, code);
	return s ? s->zh : "";
}

const char *fsm_state_en(const struct fsm *m, const char *code)
{
	const struct fsm_state *s = fsm_state(m, code);
	return s ? s->en : "";
}

int fsm_check_state(const struct fsm *m, const char *code, err *e)
{
	if (fsm_state(m, code))
		return 0;
	return err_set(e, 422, "invalid_value", m->field, "状态无效：%s", "unknown state '%s'",
		       code ? code : "");
}

const struct fsm_transition *fsm_find(const struct fsm *m, const char *from, const char *to)
{
	for (size_t i = 0; from && to && i < m->ntransitions; i++)
		if (!strcmp(m->transitions[i].from, from) && !strcmp(m->transitions[i].to, to))
			return &m->transitions[i];
	return NULL;
}

const struct fsm_transition *fsm_find_action(const struct fsm *m, const char *from, const char *action)
{
	for (size_t i = 0; from && action && i < m->ntransitions; i++)
		if (!strcmp(m->transitions[i].from, from) && !strcmp(m->transitions[i].action, action))
			return &m->transitions[i];
	return NULL;
}

int fsm_check_guards(const struct fsm_transition *t, const void *ctx, const struct fsm_guard **failed, err *e)
{
	for (size_t i = 0; i < FSM_MAX_GUARDS && t->guards[i]; i++)
		if (t->guards[i]->check(ctx, e) != 0) {
			if (failed)
				*failed = t->guards[i];
			if (!err_isset(e)) /* a guard that refuses without saying why is a bug in its table */
			{
				char zh[160], en[160];
				snprintf(zh, sizeof zh, "条件不满足：%s", t->guards[i]->zh);
				snprintf(en, sizeof en, "a condition does not hold: %s", t->guards[i]->id);
				refuse(e, 409, "guard_failed", NULL, zh, en);
			}
			return -1;
		}
	return 0;
}

int fsm_check(const struct fsm *m, const struct fsm_transition *t, unsigned roles, const char *reason,
	      const void *ctx, err *e)
{
	UNUSED(m);
	char zh[160], en[160];
	if (!fsm_allows(t, roles)) {
		snprintf(zh, sizeof zh, "该操作由%s办理", t->actor_zh);
		snprintf(en, sizeof en, "%s does this", t->actor_en);
		return refuse(e, 403, "forbidden", NULL, zh, en);
	}
	if ((t->flags & FSM_NEEDS_REASON) && (!reason || !*reason)) {
		snprintf(zh, sizeof zh, "%s需说明理由", t->zh);
		snprintf(en, sizeof en, "'%s' needs a reason", t->en);
		return refuse(e, 422, "missing_field", "reason", zh, en);
	}
	return fsm_check_guards(t, ctx, NULL, e);
}

int fsm_decide(const struct fsm *m, const char *from, const char *to, unsigned roles, const char *reason,
	       const void *ctx, const struct fsm_transition **out, err *e)
{
	if (fsm_check_state(m, to, e) != 0)
		return -1;
	const struct fsm_transition *t = fsm_find(m, from, to);
	if (!t) {
		const struct fsm_state *f = fsm_state(m, from);
		char zh[200], en[200];
		snprintf(zh, sizeof zh, "%s当前为“%s”，不能变为“%s”", m->subject_zh,
			 f ? f->zh : (from ? from : ""), fsm_state_zh(m, to));
		snprintf(en, sizeof en, "%s is '%s' and cannot become '%s'", m->subject_en, from ? from : "",
			 to);
		return refuse(e, 409, "invalid_transition", m->field, zh, en);
	}
	if (fsm_check(m, t, roles, reason, ctx, e) != 0)
		return -1;
	*out = t;
	return 0;
}

size_t fsm_available(const struct fsm *m, const char *from, unsigned roles, const void *ctx,
		     const struct fsm_transition **out, size_t cap)
{
	size_t n = 0;
	for (size_t i = 0; from && i < m->ntransitions; i++) {
		const struct fsm_transition *t = &m->transitions[i];
		if (strcmp(t->from, from) || !fsm_allows(t, roles))
			continue;
		if (ctx) {
			err scratch = {0};
			if (fsm_check_guards(t, ctx, NULL, &scratch) != 0)
				continue;
		}
		if (n < cap)
			out[n] = t;
		n++;
	}
	return n;
}

static int bad(err *e, const struct fsm *m, const char *what, const char *name)
{
	return err_set(e, 500, "invalid_fsm", NULL, "状态机“%s”定义有误：%s %s", "state machine '%s': %s %s",
		       m->name ? m->name : "?", what, name ? name : "");
}

static bool blank(const char *s)
{
	return !s || !*s;
}

int fsm_validate(const struct fsm *m, err *e)
{
	if (blank(m->name) || blank(m->subject_zh) || blank(m->subject_en) || blank(m->field))
		return bad(e, m, "has no name, subject or field", NULL);
	if (!m->nstates || !m->states)
		return bad(e, m, "has no states", NULL);
	for (size_t i = 0; i < m->nstates; i++) {
		const struct fsm_state *s = &m->states[i];
		if (blank(s->code) || blank(s->zh) || blank(s->en))
			return bad(e, m, "a state lacks its code or a label:", s->code);
		for (size_t j = 0; j < i; j++)
			if (!strcmp(m->states[j].code, s->code))
				return bad(e, m, "a state is declared twice:", s->code);
	}
	for (size_t i = 0; i < m->ntransitions; i++) {
		const struct fsm_transition *t = &m->transitions[i];
		if (!fsm_state(m, t->from) || !fsm_state(m, t->to))
			return bad(e, m, "a transition names an undeclared state:",
				   fsm_state(m, t->from) ? t->to : t->from);
		if (!strcmp(t->from, t->to))
			return bad(e, m, "a transition goes nowhere:", t->from);
		if (blank(t->action) || blank(t->zh) || blank(t->en) || blank(t->audit))
			return bad(e, m, "a transition lacks its action, labels or audit action:", t->to);
		if (!t->roles || blank(t->actor_zh) || blank(t->actor_en))
			return bad(e, m, "a transition names no role or actor:", t->action);
		if (t->roles & ~(unsigned)R_EVERYONE)
			return bad(e, m, "a transition names an unknown role bit:", t->action);
		bool ended = false;
		for (size_t g = 0; g < FSM_MAX_GUARDS; g++) {
			const struct fsm_guard *gd = t->guards[g];
			if (!gd) {
				ended = true;
				continue;
			}
			if (ended)
				return bad(e, m, "a guard follows the end of the guard list:", t->action);
			if (blank(gd->id) || blank(gd->zh) || !gd->check)
				return bad(e, m, "a guard lacks its id, label or function:", t->action);
		}
		for (size_t j = 0; j < i; j++) {
			const struct fsm_transition *u = &m->transitions[j];
			if (!strcmp(u->from, t->from) && !strcmp(u->to, t->to))
				return bad(e, m, "two transitions share from and to:", t->to);
			if (!strcmp(u->from, t->from) && !strcmp(u->action, t->action))
				return bad(e, m, "two transitions share from and action:", t->action);
		}
	}
	/* reachability from the initial state: a fixed point over the transitions (tables are small) */
	bool seen[64] = {false};
	if (m->nstates > ARRAY_LEN(seen))
		return bad(e, m, "has more than 64 states", NULL);
	seen[0] = true;
	for (bool grew = true; grew;) {
		grew = false;
		for (size_t i = 0; i < m->ntransitions; i++) {
			size_t f = (size_t)(fsm_state(m, m->transitions[i].from) - m->states);
			size_t t = (size_t)(fsm_state(m, m->transitions[i].to) - m->states);
			if (seen[f] && !seen[t])
				grew = seen[t] = true;
		}
	}
	for (size_t i = 0; i < m->nstates; i++)
		if (!seen[i])
			return bad(e, m, "a state cannot be reached from the first:", m->states[i].code);
	return 0;
}
