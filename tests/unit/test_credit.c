/* 信用档案: the pure rule of whether a credit event blocks an action on a day (core/credit.h) — the first
 * and last day in force, the day after expiry, a withdrawn event, an event without end, an action the event
 * does not block; and the action lists kept as data. */
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#include "core/credit.h"

#define PLANS (CREDIT_PLAN_CREATE | CREDIT_PLAN_SUBMIT)

static void test_blocks(void **state)
{
	UNUSED(state);
	static const struct {
		const char *what;
		struct credit_facts f;
		unsigned action;
		int day;
		bool blocked;
		enum credit_state st;
	} cases[] = {
		{"the day before the first day",
		 {PLANS, 20270101, 20271231, false},
		 CREDIT_PLAN_CREATE,
		 20261231,
		 false,
		 CREDIT_PENDING},
		{"the first day",
		 {PLANS, 20270101, 20271231, false},
		 CREDIT_PLAN_CREATE,
		 20270101,
		 true,
		 CREDIT_IN_FORCE},
		{"a day inside",
		 {PLANS, 20270101, 20271231, false},
		 CREDIT_PLAN_SUBMIT,
		 20270615,
		 true,
		 CREDIT_IN_FORCE},
		{"the last day in force",
		 {PLANS, 20270101, 20271231, false},
		 CREDIT_PLAN_CREATE,
		 20271231,
		 true,
		 CREDIT_IN_FORCE},
		{"the day after expiry",
		 {PLANS, 20270101, 20271231, false},
		 CREDIT_PLAN_CREATE,
		 20280101,
		 false,
		 CREDIT_EXPIRED},
		{"long after expiry",
		 {PLANS, 20270101, 20271231, false},
		 CREDIT_PLAN_SUBMIT,
		 20300101,
		 false,
		 CREDIT_EXPIRED},
		{"withdrawn, inside its days",
		 {PLANS, 20270101, 20271231, true},
		 CREDIT_PLAN_CREATE,
		 20270615,
		 false,
		 CREDIT_WITHDRAWN},
		{"withdrawn, on its first day",
		 {PLANS, 20270101, 20271231, true},
		 CREDIT_PLAN_CREATE,
		 20270101,
		 false,
		 CREDIT_WITHDRAWN},
		{"no end: far later",
		 {CREDIT_PANEL, 20270101, 0, false},
		 CREDIT_PANEL,
		 20991231,
		 true,
		 CREDIT_IN_FORCE},
		{"no end, withdrawn",
		 {CREDIT_PANEL, 20270101, 0, true},
		 CREDIT_PANEL,
		 20991231,
		 false,
		 CREDIT_WITHDRAWN},
		{"an action it does not block",
		 {CREDIT_PLAN_CREATE, 20270101, 20271231, false},
		 CREDIT_PLAN_SUBMIT,
		 20270615,
		 false,
		 CREDIT_IN_FORCE},
		{"a record-only kind (blocks nothing)",
		 {0, 20270101, 20271231, false},
		 CREDIT_PLAN_CREATE,
		 20270615,
		 false,
		 CREDIT_IN_FORCE},
		{"one day: its only day",
		 {CREDIT_DISPATCH, 20270228, 20270228, false},
		 CREDIT_DISPATCH,
		 20270228,
		 true,
		 CREDIT_IN_FORCE},
		{"one day: the next",
		 {CREDIT_DISPATCH, 20270228, 20270228, false},
		 CREDIT_DISPATCH,
		 20270301,
		 false,
		 CREDIT_EXPIRED},
		{"no action", {PLANS, 20270101, 20271231, false}, 0, 20270615, false, CREDIT_IN_FORCE},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		bool b = credit_blocks(&cases[i].f, cases[i].action, cases[i].day);
		enum credit_state s = credit_state_on(&cases[i].f, cases[i].day);
		if (b != cases[i].blocked || s != cases[i].st)
			fail_msg("case %zu (%s): blocked %d state %s, want %d %s", i, cases[i].what, b,
				 credit_state_name(s), cases[i].blocked, credit_state_name(cases[i].st));
	}
}

static void test_default_until(void **state)
{
	UNUSED(state);
	static const struct {
		int from, days, until;
	} cases[] = {
		{20270101, 365, 20271231}, {20280101, 366, 20281231}, /* a leap year */
		{20270101, 1, 20270101},   {20270215, 14, 20270228},  {20280215, 15, 20280229},
		{20271231, 2, 20280101},   {20270101, 0, 0},   /* no end */
		{20270101, -1, -1},	   {20270230, 10, -1}, /* not a date */
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		int u = credit_default_until(cases[i].from, cases[i].days);
		if (u != cases[i].until)
			fail_msg("case %zu: %d + %d days ends %d, want %d", i, cases[i].from, cases[i].days,
				 u, cases[i].until);
	}
}

static void test_actions(void **state)
{
	UNUSED(state);
	static const struct {
		const char *text;
		int rc;
		unsigned mask;
	} cases[] = {
		{"", 0, 0},
		{"plan_create", 0, CREDIT_PLAN_CREATE},
		{"plan_create,plan_submit", 0, PLANS},
		{"dispatch,panel", 0, CREDIT_PANEL | CREDIT_DISPATCH},
		{"plan_create,plan_create", -1, 0},
		{"plan", -1, 0},
		{"plan_create,", -1, 0},
		{",panel", -1, 0},
		{"panel ", -1, 0},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		unsigned m = 0xdead;
		int rc = credit_actions_parse(cases[i].text, &m);
		if (rc != cases[i].rc || (rc == 0 && m != cases[i].mask))
			fail_msg("case %zu '%s': rc %d mask %u", i, cases[i].text, rc, m);
	}
	char buf[80];
	credit_actions_format(CREDIT_ACTIONS_ALL, buf, sizeof buf);
	assert_string_equal(buf, "plan_create,plan_submit,panel,dispatch");
	unsigned back = 0;
	assert_int_equal(credit_actions_parse(buf, &back), 0);
	assert_int_equal(back, CREDIT_ACTIONS_ALL);
	credit_actions_format(0, buf, sizeof buf);
	assert_string_equal(buf, "");
	/* each action belongs to exactly one subject type */
	unsigned seen = 0;
	for (int s = 0; s < CREDIT_SUBJ_COUNT; s++) {
		unsigned a = credit_subject_actions((enum credit_subject)s);
		assert_int_equal(seen & a, 0);
		seen |= a;
		enum credit_subject back_s;
		assert_int_equal(credit_subject_parse(credit_subject_name((enum credit_subject)s), &back_s),
				 0);
		assert_int_equal(back_s, s);
	}
	assert_int_equal(seen, CREDIT_ACTIONS_ALL);
	enum credit_subject x;
	assert_int_equal(credit_subject_parse("candidate", &x), -1);
	assert_null(credit_action_name(PLANS));
	assert_string_equal(credit_action_name_zh(CREDIT_PANEL), "担任考评组成员");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_blocks),
		cmocka_unit_test(test_default_until),
		cmocka_unit_test(test_actions),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
