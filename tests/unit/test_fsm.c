/* core/fsm.c and core/plan_flow.c: declarative state machines. A small made-up workflow (a complaint)
 * exercises every rule of the table type; the plan table is checked against the rules it replaced. */
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#include "core/fsm.h"
#include "core/plan_flow.h"
#include "core/claim_flow.h"

/* ---- a made-up workflow: 投诉 (complaint) ---- */

struct toy_ctx {
	int evidence; /* pieces of evidence attached */
	bool silent;  /* the silent guard refuses without saying why */
};

static int has_evidence(const void *ctx, err *e)
{
	const struct toy_ctx *c = ctx;
	if (c->evidence < 1)
		return err_set(e, 409, "no_evidence", "evidence", "缺少证据", "no evidence attached");
	return 0;
}

static int silent(const void *ctx, err *e)
{
	UNUSED(e);
	return ((const struct toy_ctx *)ctx)->silent ? -1 : 0;
}

static const struct fsm_guard g_evidence = {"has_evidence", "已附证据", has_evidence};
static const struct fsm_guard g_silent = {"not_silent", "未静默", silent};

static const struct fsm_state toy_states[] = {
	{"received", "已接收", "Received"},
	{"accepted", "已受理", "Accepted"},
	{"rejected", "不予受理", "Rejected"},
	{"resolved", "已办结", "Resolved"},
};

#define CLERK RB(ROLE_INSTITUTION_STAFF)
#define BOSS  RB(ROLE_PROVINCE_ADMIN)

static const struct fsm_transition toy_transitions[] = {
	{"received", "accepted", "accept", "受理", "Accept", .roles = CLERK | BOSS, .actor_zh = "窗口",
	 .actor_en = "the desk", .audit = "complaint.accept"},
	{"received", "rejected", "reject", "不予受理", "Reject", .roles = BOSS, .actor_zh = "负责人",
	 .actor_en = "the head", .flags = FSM_NEEDS_REASON, .audit = "complaint.reject"},
	{"accepted", "resolved", "resolve", "办结", "Resolve", .roles = CLERK, .actor_zh = "窗口",
	 .actor_en = "the desk", .guards = {&g_evidence, &g_silent}, .audit = "complaint.resolve",
	 .effects = 4},
	{"rejected", "received", "reopen", "重新接收", "Reopen", .roles = BOSS, .actor_zh = "负责人",
	 .actor_en = "the head", .guards = {&g_silent}, .audit = "complaint.reopen"},
};

static const struct fsm toy = {
	.name = "complaint",
	.subject_zh = "投诉",
	.subject_en = "the complaint",
	.field = "state",
	.states = toy_states,
	.nstates = ARRAY_LEN(toy_states),
	.transitions = toy_transitions,
	.ntransitions = ARRAY_LEN(toy_transitions),
};

static void test_states(void **state)
{
	UNUSED(state);
	static const struct {
		const char *code, *zh, *en;
		bool known;
	} cases[] = {
		{"received", "已接收", "Received", true},
		{"resolved", "已办结", "Resolved", true},
		{"Received", "", "", false},
		{"", "", "", false},
		{NULL, "", "", false},
		{"resolve", "", "", false},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		const struct fsm_state *s = fsm_state(&toy, cases[i].code);
		if ((s != NULL) != cases[i].known)
			fail_msg("case %zu: %s known %d", i, cases[i].code ? cases[i].code : "(null)",
				 s != NULL);
		assert_string_equal(fsm_state_zh(&toy, cases[i].code), cases[i].zh);
		assert_string_equal(fsm_state_en(&toy, cases[i].code), cases[i].en);
		err e = {0};
		assert_int_equal(fsm_check_state(&toy, cases[i].code, &e), cases[i].known ? 0 : -1);
		if (!cases[i].known) {
			assert_int_equal(e.status, 422);
			assert_string_equal(e.code, "invalid_value");
			assert_string_equal(e.field, "state");
		} else
			assert_false(err_isset(&e));
	}
}

static void test_find(void **state)
{
	UNUSED(state);
	static const struct {
		const char *from, *to_or_action;
		bool by_action;
		const char *want_action; /* NULL: none */
	} cases[] = {
		{"received", "accepted", false, "accept"},
		{"received", "rejected", false, "reject"},
		{"accepted", "resolved", false, "resolve"},
		{"rejected", "received", false, "reopen"},
		{"accepted", "received", false, NULL}, /* no way back */
		{"received", "received", false, NULL},
		{"received", "resolved", false, NULL}, /* no skipping */
		{"nowhere", "accepted", false, NULL},
		{NULL, "accepted", false, NULL},
		{"received", NULL, false, NULL},
		{"received", "accept", true, "accept"},
		{"received", "reject", true, "reject"},
		{"accepted", "resolve", true, "resolve"},
		{"accepted", "accept", true, NULL}, /* an action belongs to its from state */
		{"received", "resolve", true, NULL},
		{"received", NULL, true, NULL},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		const struct fsm_transition *t =
			cases[i].by_action ? fsm_find_action(&toy, cases[i].from, cases[i].to_or_action)
					   : fsm_find(&toy, cases[i].from, cases[i].to_or_action);
		if (!cases[i].want_action) {
			if (t)
				fail_msg("case %zu: found %s, want none", i, t->action);
			continue;
		}
		if (!t)
			fail_msg("case %zu: none found, want %s", i, cases[i].want_action);
		assert_string_equal(t->action, cases[i].want_action);
	}
}

/* fsm_decide in order: state, transition, roles, reason, guards */
static void test_decide(void **state)
{
	UNUSED(state);
	static const struct {
		const char *from, *to;
		unsigned roles;
		const char *reason;
		struct toy_ctx ctx;
		int status;	     /* 0: allowed */
		const char *code;    /* expected error code */
		const char *field;   /* expected field */
		const char *zh, *en; /* expected messages (exact) */
	} cases[] = {
		{"received", "accepted", CLERK, NULL, {0, false}, 0, NULL, NULL, NULL, NULL},
		{"received", "accepted", BOSS, NULL, {0, false}, 0, NULL, NULL, NULL, NULL},
		{"received", "accepted", CLERK | BOSS, "", {0, false}, 0, NULL, NULL, NULL, NULL},
		{"received",
		 "accepted",
		 0,
		 NULL,
		 {0, false},
		 403,
		 "forbidden",
		 "",
		 "该操作由窗口办理",
		 "the desk does this"},
		{"received",
		 "accepted",
		 RB(ROLE_CANDIDATE),
		 NULL,
		 {0, false},
		 403,
		 "forbidden",
		 "",
		 "该操作由窗口办理",
		 "the desk does this"},
		{"received",
		 "bogus",
		 BOSS,
		 NULL,
		 {0, false},
		 422,
		 "invalid_value",
		 "state",
		 "状态无效：bogus",
		 "unknown state 'bogus'"},
		{"received",
		 NULL,
		 BOSS,
		 NULL,
		 {0, false},
		 422,
		 "invalid_value",
		 "state",
		 "状态无效：",
		 "unknown state ''"},
		/* an unknown target is 422 even when no role could move it */
		{"received", "bogus", 0, NULL, {0, false}, 422, "invalid_value", "state", NULL, NULL},
		/* no transition: 409 naming both states, before the roles are looked at */
		{"received",
		 "resolved",
		 0,
		 NULL,
		 {0, false},
		 409,
		 "invalid_transition",
		 "state",
		 "投诉当前为“已接收”，不能变为“已办结”",
		 "the complaint is 'received' and cannot become 'resolved'"},
		{"resolved",
		 "received",
		 BOSS,
		 NULL,
		 {0, false},
		 409,
		 "invalid_transition",
		 "state",
		 "投诉当前为“已办结”，不能变为“已接收”",
		 "the complaint is 'resolved' and cannot become 'received'"},
		{"received",
		 "received",
		 BOSS,
		 NULL,
		 {0, false},
		 409,
		 "invalid_transition",
		 "state",
		 NULL,
		 NULL},
		/* the reason: after the roles */
		{"received",
		 "rejected",
		 BOSS,
		 NULL,
		 {0, false},
		 422,
		 "missing_field",
		 "reason",
		 "不予受理需说明理由",
		 "'Reject' needs a reason"},
		{"received", "rejected", BOSS, "", {0, false}, 422, "missing_field", "reason", NULL, NULL},
		{"received",
		 "rejected",
		 CLERK,
		 NULL,
		 {0, false},
		 403,
		 "forbidden",
		 "",
		 "该操作由负责人办理",
		 "the head does this"},
		{"received", "rejected", BOSS, "重复投诉", {0, false}, 0, NULL, NULL, NULL, NULL},
		/* guards in order, each with its own error */
		{"accepted",
		 "resolved",
		 CLERK,
		 NULL,
		 {0, false},
		 409,
		 "no_evidence",
		 "evidence",
		 "缺少证据",
		 "no evidence attached"},
		{"accepted", "resolved", CLERK, NULL, {0, true}, 409, "no_evidence", "evidence", NULL, NULL},
		{"accepted",
		 "resolved",
		 CLERK,
		 NULL,
		 {2, true},
		 409,
		 "guard_failed",
		 "",
		 "条件不满足：未静默",
		 "a condition does not hold: not_silent"},
		{"accepted", "resolved", CLERK, NULL, {1, false}, 0, NULL, NULL, NULL, NULL},
		/* the roles before the guards */
		{"accepted", "resolved", BOSS, NULL, {0, false}, 403, "forbidden", "", NULL, NULL},
		{"rejected", "received", BOSS, NULL, {0, true}, 409, "guard_failed", "", NULL, NULL},
		{"rejected", "received", BOSS, NULL, {0, false}, 0, NULL, NULL, NULL, NULL},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		err e = {0};
		const struct fsm_transition *t = NULL;
		int rc = fsm_decide(&toy, cases[i].from, cases[i].to, cases[i].roles, cases[i].reason,
				    &cases[i].ctx, &t, &e);
		if (!cases[i].status) {
			if (rc != 0)
				fail_msg("case %zu: %s -> %s refused: %d %s %s", i, cases[i].from,
					 cases[i].to, e.status, e.code, e.en);
			assert_non_null(t);
			assert_string_equal(t->to, cases[i].to);
			assert_false(err_isset(&e));
			continue;
		}
		if (rc != -1 || e.status != cases[i].status || strcmp(e.code, cases[i].code))
			fail_msg("case %zu: %s -> %s: rc %d, %d %s, want %d %s", i, cases[i].from,
				 cases[i].to ? cases[i].to : "(null)", rc, e.status, e.code ? e.code : "-",
				 cases[i].status, cases[i].code);
		assert_null(t);
		if (cases[i].field)
			assert_string_equal(e.field, cases[i].field);
		if (cases[i].zh)
			assert_string_equal(e.zh, cases[i].zh);
		if (cases[i].en)
			assert_string_equal(e.en, cases[i].en);
	}
}

static void test_check_guards(void **state)
{
	UNUSED(state);
	const struct fsm_transition *t = fsm_find(&toy, "accepted", "resolved");
	struct toy_ctx c = {0, false};
	const struct fsm_guard *failed = NULL;
	err e = {0};
	assert_int_equal(fsm_check_guards(t, &c, &failed, &e), -1);
	assert_ptr_equal(failed, &g_evidence);
	c = (struct toy_ctx){3, true};
	err_clear(&e);
	assert_int_equal(fsm_check_guards(t, &c, &failed, &e), -1);
	assert_ptr_equal(failed, &g_silent);
	c.silent = false;
	failed = NULL;
	err_clear(&e);
	assert_int_equal(fsm_check_guards(t, &c, &failed, &e), 0);
	assert_null(failed);
	assert_false(err_isset(&e));
	/* a transition without guards needs no context */
	assert_int_equal(fsm_check_guards(fsm_find(&toy, "received", "accepted"), NULL, NULL, &e), 0);
}

static void test_available(void **state)
{
	UNUSED(state);
	static const struct toy_ctx none = {0, false}, some = {1, false}, hush = {1, true};
	static const struct {
		const char *from;
		unsigned roles;
		const struct toy_ctx *ctx;
		const char *want; /* actions in table order, space separated */
	} cases[] = {
		{"received", CLERK, NULL, "accept"},
		{"received", BOSS, NULL, "accept reject"}, /* reject needs a reason: listed, the UI asks */
		{"received", CLERK | BOSS, NULL, "accept reject"},
		{"received", 0, NULL, ""},
		{"received", RB(ROLE_CANDIDATE), NULL, ""},
		{"accepted", CLERK, NULL, "resolve"}, /* guards not evaluated without a context */
		{"accepted", CLERK, &none, ""},	      /* ... and evaluated with one */
		{"accepted", CLERK, &some, "resolve"},
		{"accepted", CLERK, &hush, ""},
		{"accepted", BOSS, &some, ""},
		{"rejected", BOSS, &hush, ""},
		{"rejected", BOSS, &none, "reopen"},
		{"resolved", R_EVERYONE, NULL, ""}, /* a final state */
		{"nowhere", R_EVERYONE, NULL, ""},
		{NULL, R_EVERYONE, NULL, ""},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		const struct fsm_transition *out[8];
		size_t n =
			fsm_available(&toy, cases[i].from, cases[i].roles, cases[i].ctx, out, ARRAY_LEN(out));
		char got[64] = "";
		for (size_t k = 0; k < n; k++) {
			assert_string_equal(out[k]->from, cases[i].from);
			snprintf(got + strlen(got), sizeof got - strlen(got), "%s%s", k ? " " : "",
				 out[k]->action);
		}
		if (strcmp(got, cases[i].want))
			fail_msg("case %zu: from %s roles %#x: '%s', want '%s'", i, cases[i].from,
				 cases[i].roles, got, cases[i].want);
		/* the count does not depend on the room given */
		assert_int_equal(fsm_available(&toy, cases[i].from, cases[i].roles, cases[i].ctx, NULL, 0),
				 n);
	}
	const struct fsm_transition *one[1];
	assert_int_equal(fsm_available(&toy, "received", BOSS, NULL, one, 1), 2);
	assert_string_equal(one[0]->action, "accept");
}

static void test_acting(void **state)
{
	UNUSED(state);
	static const struct {
		enum role role;
		bool may;
		unsigned want;
	} cases[] = {
		{ROLE_INSTITUTION_ADMIN, true, RB(ROLE_INSTITUTION_ADMIN)},
		{ROLE_INSTITUTION_ADMIN, false, 0},
		{ROLE_CITY_ADMIN, true, RB(ROLE_CITY_ADMIN)},
		{ROLE_PUBLIC, true, RB(ROLE_PUBLIC)},
		{ROLE_COUNT, true, 0},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		principal p = {.role = cases[i].role};
		assert_int_equal(fsm_acting(&p, cases[i].may), cases[i].want);
	}
}

/* fsm_validate: the toy and the plan tables pass; each planted fault is found */
static const struct fsm_state two_states[] = {{"a", "甲", "A"}, {"b", "乙", "B"}};
static const struct fsm_state dup_states[] = {{"a", "甲", "A"}, {"a", "乙", "B"}};
static const struct fsm_state unlabelled[] = {{"a", "甲", "A"}, {"b", "", "B"}};
static const struct fsm_state three_states[] = {{"a", "甲", "A"}, {"b", "乙", "B"}, {"c", "丙", "C"}};
static const struct fsm_guard no_fn = {"x", "x", NULL};

#define TX(f, t, act, ro, au, ae)                                                                            \
	.from = f, .to = t, .action = act, .zh = "做", .en = "Do", .roles = ro, .actor_zh = "甲",            \
	.actor_en = ae, .audit = au
#define T(f, t, act) TX(f, t, act, BOSS, "x." act, "A")
static const struct fsm_transition ok_ab[] = {{T("a", "b", "go")}};
static const struct fsm_transition to_unknown[] = {{T("a", "z", "go")}};
static const struct fsm_transition to_self[] = {{T("a", "a", "go")}};
static const struct fsm_transition dup_pair[] = {{T("a", "b", "go")}, {T("a", "b", "run")}};
static const struct fsm_transition dup_action[] = {{T("a", "b", "go")}, {T("a", "c", "go")}};
static const struct fsm_transition no_roles[] = {{TX("a", "b", "go", 0, "x.go", "A")}};
static const struct fsm_transition odd_roles[] = {{TX("a", "b", "go", 1u << 20, "x.go", "A")}};
static const struct fsm_transition no_audit[] = {{TX("a", "b", "go", BOSS, NULL, "A")}};
static const struct fsm_transition no_actor[] = {{TX("a", "b", "go", BOSS, "x.go", "")}};
static const struct fsm_transition guard_gap[] = {{T("a", "b", "go"), .guards = {NULL, &g_silent}}};
static const struct fsm_transition guard_no_fn[] = {{T("a", "b", "go"), .guards = {&no_fn}}};
static const struct fsm_transition b_to_c[] = {{T("a", "b", "go")}, {T("c", "b", "go")}};

static void test_validate(void **state)
{
	UNUSED(state);
#define M(st, tr)                                                                                            \
	{                                                                                                    \
		"x", "某", "the thing", "status", st, ARRAY_LEN(st), tr, ARRAY_LEN(tr)                       \
	}
	static const struct {
		struct fsm m;
		const char *fault; /* NULL: valid; else a word of the message */
	} cases[] = {
		{M(two_states, ok_ab), NULL},
		{M(dup_states, ok_ab), "twice"},
		{M(unlabelled, ok_ab), "label"},
		{M(two_states, to_unknown), "undeclared"},
		{M(two_states, to_self), "nowhere"},
		{M(three_states, dup_pair), "share from and to"},
		{M(three_states, dup_action), "share from and action"},
		{M(two_states, no_roles), "no role"},
		{M(two_states, odd_roles), "unknown role"},
		{M(two_states, no_audit), "audit"},
		{M(two_states, no_actor), "actor"},
		{M(two_states, guard_gap), "follows the end"},
		{M(two_states, guard_no_fn), "function"},
		{M(three_states, ok_ab), "cannot be reached"},	/* c */
		{M(three_states, b_to_c), "cannot be reached"}, /* c leads to b but nothing leads to c */
		{{"x", "某", "the thing", "status", two_states, 0, ok_ab, 1}, "no states"},
		{{"x", "", "the thing", "status", two_states, 2, ok_ab, 1}, "subject"},
		{{"x", "某", "the thing", NULL, two_states, 2, ok_ab, 1}, "field"},
		{{"x", "某", "the thing", "status", two_states, 1, ok_ab, 0}, NULL}, /* one state, no moves */
	};
#undef M
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		err e = {0};
		int rc = fsm_validate(&cases[i].m, &e);
		if (!cases[i].fault) {
			if (rc != 0)
				fail_msg("case %zu: refused: %s", i, e.en);
			continue;
		}
		if (rc != -1 || e.status != 500 || strcmp(e.code, "invalid_fsm") ||
		    !strstr(e.en, cases[i].fault))
			fail_msg("case %zu: rc %d, '%s', want a fault with '%s'", i, rc, e.en,
				 cases[i].fault);
	}
	err e = {0};
	assert_int_equal(fsm_validate(&toy, &e), 0);
	assert_int_equal(fsm_validate(&plan_fsm, &e), 0);
	assert_int_equal(fsm_validate(&claim_fsm, &e), 0);
}

/* ---- the plan table ---- */

/* the rules the table replaced, as src/svc/plans.c had them by hand (who: 1 institution, 2 bureau,
 * 3 either; reason: a reason is required) */
static const struct {
	const char *from, *to;
	int who;
	bool reason;
} old_rules[] = {
	{"draft", "filed", 1, false},	      {"filed", "open", 2, false},
	{"filed", "draft", 2, true},	      {"open", "examining", 1, false},
	{"examining", "scoring", 1, false},   {"scoring", "publicity", 1, false},
	{"publicity", "certified", 1, false}, {"certified", "archived", 3, false},
};
static const char *const plan_states[] = {"draft",   "filed",	  "open",      "examining",
					  "scoring", "publicity", "certified", "archived"};
static const char *const plan_states_zh[] = {"草稿",   "已备案待审核", "报名中", "考试中",
					     "评分中", "公示中",       "已发证", "已归档"};

static void test_plan_states(void **state)
{
	UNUSED(state);
	assert_int_equal(plan_fsm.nstates, ARRAY_LEN(plan_states));
	for (size_t i = 0; i < ARRAY_LEN(plan_states); i++) {
		assert_string_equal(plan_fsm.states[i].code, plan_states[i]);
		assert_string_equal(fsm_state_zh(&plan_fsm, plan_states[i]), plan_states_zh[i]);
	}
}

/* every (from, to) pair for every role, acting in scope or not, against the old rules */
static void test_plan_matrix(void **state)
{
	UNUSED(state);
	struct plan_ctx ctx = {.today = 20261201, .publicity_end = "", .open_objections = 0};
	for (size_t f = 0; f < ARRAY_LEN(plan_states); f++)
		for (size_t t = 0; t < ARRAY_LEN(plan_states); t++)
			for (int r = 0; r < ROLE_COUNT; r++)
				for (int may = 0; may <= 1; may++) {
					principal p = {.role = (enum role)r};
					unsigned roles = fsm_acting(&p, may);
					bool inst = may && (r == ROLE_INSTITUTION_ADMIN ||
							    r == ROLE_INSTITUTION_STAFF);
					bool bureau =
						may && (r == ROLE_PROVINCE_ADMIN || r == ROLE_CITY_ADMIN);
					int k = -1;
					for (size_t i = 0; i < ARRAY_LEN(old_rules); i++)
						if (!strcmp(old_rules[i].from, plan_states[f]) &&
						    !strcmp(old_rules[i].to, plan_states[t]))
							k = (int)i;
					int want = 0;
					const char *code = NULL;
					if (k < 0)
						want = 409, code = "invalid_transition";
					else if ((old_rules[k].who == 1 && !inst) ||
						 (old_rules[k].who == 2 && !bureau) ||
						 (old_rules[k].who == 3 && !inst && !bureau))
						want = 403, code = "forbidden";
					for (int with_reason = 0; with_reason <= 1; with_reason++) {
						int w = want;
						const char *c = code;
						if (!w && old_rules[k].reason && !with_reason)
							w = 422, c = "missing_field";
						err e = {0};
						const struct fsm_transition *tr = NULL;
						int rc = fsm_decide(&plan_fsm, plan_states[f], plan_states[t],
								    roles, with_reason ? "理由" : NULL, &ctx,
								    &tr, &e);
						if ((rc == 0) != (w == 0) ||
						    (w && (e.status != w || strcmp(e.code, c))))
							fail_msg("%s -> %s as %s (scope %d, reason %d): %d "
								 "%s, want %d %s",
								 plan_states[f], plan_states[t],
								 role_name((enum role)r), may, with_reason,
								 e.status, e.code ? e.code : "ok", w,
								 c ? c : "ok");
						if (!w) {
							char audit[32];
							snprintf(audit, sizeof audit, "plan.%s",
								 plan_states[t]);
							assert_string_equal(tr->audit, audit);
						}
					}
				}
}

static void test_plan_messages(void **state)
{
	UNUSED(state);
	static const struct {
		const char *from, *to;
		unsigned roles;
		const char *reason;
		const char *zh, *en;
	} cases[] = {
		{"draft", "examining", R_EVERYONE, NULL, "计划当前为“草稿”，不能变为“考试中”",
		 "the plan is 'draft' and cannot become 'examining'"},
		{"filed", "open", RB(ROLE_INSTITUTION_ADMIN), NULL, "该操作由人社部门办理",
		 "the bureau does this"},
		{"draft", "filed", RB(ROLE_CITY_ADMIN), NULL, "该操作由评价机构办理",
		 "the institution does this"},
		{"certified", "archived", RB(ROLE_SUPERVISOR), NULL, "该操作由评价机构或人社部门办理",
		 "the institution or the bureau does this"},
		{"filed", "draft", RB(ROLE_CITY_ADMIN), "", "退回需说明理由", "'Return' needs a reason"},
		{"open", "nowhere", R_EVERYONE, NULL, "状态无效：nowhere", "unknown state 'nowhere'"},
	};
	struct plan_ctx ctx = {.today = 20261201, .publicity_end = ""};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		err e = {0};
		const struct fsm_transition *t = NULL;
		assert_int_equal(fsm_decide(&plan_fsm, cases[i].from, cases[i].to, cases[i].roles,
					    cases[i].reason, &ctx, &t, &e),
				 -1);
		assert_string_equal(e.zh, cases[i].zh);
		assert_string_equal(e.en, cases[i].en);
	}
}

static void test_plan_guards(void **state)
{
	UNUSED(state);
	static const struct {
		int today;
		const char *pend;
		int64_t objections;
		int status;
		const char *code, *zh;
	} cases[] = {
		{20261210, "2026-12-08", 0, 0, NULL, NULL}, /* the day after the last day */
		{20261208, "2026-12-08", 0, 409, "publicity_not_over",
		 "公示期至 2026-12-08 结束，结束后方可发证"},
		{20261201, "2026-12-08", 0, 409, "publicity_not_over", NULL},
		{20261201, "", 0, 0, NULL, NULL}, /* no end recorded: nothing to wait for */
		{20261201, NULL, 0, 0, NULL, NULL},
		{20261201, "not a date", 0, 0, NULL, NULL},
		/* open objections first, whatever the date */
		{20261210, "2026-12-08", 1, 409, "objections_open", "尚有 1 项异议未处理"},
		{20261201, "2026-12-08", 3, 409, "objections_open", "尚有 3 项异议未处理"},
		{20261210, "2026-12-08", -1, 0, NULL, NULL},
	};
	unsigned inst = RB(ROLE_INSTITUTION_STAFF);
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct plan_ctx ctx = {cases[i].today, cases[i].pend, cases[i].objections};
		err e = {0};
		const struct fsm_transition *t = NULL;
		int rc = fsm_decide(&plan_fsm, "publicity", "certified", inst, NULL, &ctx, &t, &e);
		if (!cases[i].status) {
			if (rc != 0)
				fail_msg("case %zu: refused %s", i, e.en);
			assert_int_equal(fsm_available(&plan_fsm, "publicity", inst, &ctx, NULL, 0), 1);
			continue;
		}
		if (rc != -1 || e.status != cases[i].status || strcmp(e.code, cases[i].code))
			fail_msg("case %zu: %d %s, want %d %s", i, e.status, e.code ? e.code : "ok",
				 cases[i].status, cases[i].code);
		assert_string_equal(e.field, "status");
		if (cases[i].zh)
			assert_string_equal(e.zh, cases[i].zh);
		assert_int_equal(fsm_available(&plan_fsm, "publicity", inst, &ctx, NULL, 0), 0);
	}
}

static void test_plan_effects(void **state)
{
	UNUSED(state);
	/* exactly one transition analyses and one sets the publicity end */
	for (size_t i = 0; i < plan_fsm.ntransitions; i++) {
		const struct fsm_transition *t = &plan_fsm.transitions[i];
		assert_int_equal(!!(t->effects & PLAN_FX_ANALYSE), !strcmp(t->to, "scoring"));
		assert_int_equal(!!(t->effects & PLAN_FX_PUBLICITY_END), !strcmp(t->to, "publicity"));
	}
	/* the buttons an institution and a city see on a filed plan */
	const struct fsm_transition *out[4];
	assert_int_equal(fsm_available(&plan_fsm, "filed", RB(ROLE_INSTITUTION_ADMIN), NULL, out, 4), 0);
	assert_int_equal(fsm_available(&plan_fsm, "filed", RB(ROLE_CITY_ADMIN), NULL, out, 4), 2);
	assert_string_equal(out[0]->action, "approve");
	assert_string_equal(out[1]->action, "return");
	assert_true(out[1]->flags & FSM_NEEDS_REASON);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_states),	    cmocka_unit_test(test_find),
		cmocka_unit_test(test_decide),	    cmocka_unit_test(test_check_guards),
		cmocka_unit_test(test_available),   cmocka_unit_test(test_acting),
		cmocka_unit_test(test_validate),    cmocka_unit_test(test_plan_states),
		cmocka_unit_test(test_plan_matrix), cmocka_unit_test(test_plan_messages),
		cmocka_unit_test(test_plan_guards), cmocka_unit_test(test_plan_effects),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
