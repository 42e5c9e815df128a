/* core/complaint_flow.c: the 投诉举报 workflow table, its deadlines on the working-day calendar (the day of
 * receipt not counted), the overdue rule and the tracking codes. */
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#include "core/complaint_flow.h"

static void test_validate(void **state)
{
	UNUSED(state);
	err e = {0};
	assert_int_equal(fsm_validate(&complaint_fsm, &e), 0);
	assert_string_equal(complaint_fsm.states[0].code, "received");
}

/* every (from, to) pair for the roles: the bureau takes every move in the table, nobody else any */
static void test_matrix(void **state)
{
	UNUSED(state);
	static const struct {
		const char *from, *to;
		bool exists, reason, guarded;
	} rows[] = {
		{"received", "acknowledged", true, false, false},
		{"received", "dismissed", true, true, false},
		{"received", "investigating", false, false, false},
		{"received", "upheld", false, false, false},
		{"acknowledged", "investigating", true, false, false},
		{"acknowledged", "replied", true, true, false},
		{"acknowledged", "upheld", false, false, false},
		{"investigating", "upheld", true, true, true},
		{"investigating", "dismissed", true, true, true},
		{"investigating", "replied", true, true, false},
		{"upheld", "closed", true, false, false},
		{"dismissed", "closed", true, false, false},
		{"replied", "closed", true, false, false},
		{"closed", "received", false, false, false},
		{"upheld", "investigating", false, false, false},
	};
	const enum role others[] = {ROLE_PUBLIC,   ROLE_INSTITUTION_ADMIN, ROLE_INSTITUTION_STAFF,
				    ROLE_EXAMINER, ROLE_SUPERVISOR,	   ROLE_CANDIDATE};
	struct complaint_ctx none = {.records = 0}, some = {.records = 1};
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		const struct fsm_transition *t = NULL;
		err e = {0};
		int rc = fsm_decide(&complaint_fsm, rows[i].from, rows[i].to, RB(ROLE_CITY_ADMIN), "答复内容",
				    &some, &t, &e);
		if (!rows[i].exists) {
			assert_int_equal(rc, -1);
			assert_int_equal(e.status, 409);
			continue;
		}
		assert_int_equal(rc, 0);
		assert_int_equal(fsm_decide(&complaint_fsm, rows[i].from, rows[i].to, RB(ROLE_PROVINCE_ADMIN),
					    "答复内容", &some, &t, &e),
				 0);
		for (size_t k = 0; k < ARRAY_LEN(others); k++) {
			err f = {0};
			assert_int_equal(fsm_decide(&complaint_fsm, rows[i].from, rows[i].to, RB(others[k]),
						    "答复内容", &some, &t, &f),
					 -1);
			assert_int_equal(f.status, 403);
		}
		/* a city that may read but not change it (another city's row) is told the move is not its */
		err g = {0};
		assert_int_equal(
			fsm_decide(&complaint_fsm, rows[i].from, rows[i].to, 0, "答复内容", &some, &t, &g),
			-1);
		assert_int_equal(g.status, 403);
		err h = {0};
		rc = fsm_decide(&complaint_fsm, rows[i].from, rows[i].to, RB(ROLE_CITY_ADMIN), NULL, &some,
				&t, &h);
		assert_int_equal(rc, rows[i].reason ? -1 : 0);
		if (rows[i].reason) {
			assert_int_equal(h.status, 422);
			assert_string_equal(h.field, "reason");
		}
		err k = {0};
		rc = fsm_decide(&complaint_fsm, rows[i].from, rows[i].to, RB(ROLE_CITY_ADMIN), "答复内容",
				&none, &t, &k);
		assert_int_equal(rc, rows[i].guarded ? -1 : 0);
		if (rows[i].guarded)
			assert_string_equal(k.code, "not_investigated");
	}
}

static void test_effects(void **state)
{
	UNUSED(state);
	for (size_t i = 0; i < complaint_fsm.ntransitions; i++) {
		const struct fsm_transition *t = &complaint_fsm.transitions[i];
		bool decided =
			!strcmp(t->to, "upheld") || !strcmp(t->to, "dismissed") || !strcmp(t->to, "replied");
		assert_int_equal(!!(t->effects & COMPLAINT_FX_DECIDE), decided);
		assert_int_equal(!!(t->effects & COMPLAINT_FX_ACK), !strcmp(t->from, "received"));
		/* a decision is the reply: it needs its text */
		if (decided)
			assert_true(t->flags & FSM_NEEDS_REASON);
	}
}

/* a made-up calendar: 1-7 October 2026 holidays (Thursday to Wednesday), Saturday 10 October a make-up
 * working day */
static const struct cal_day cal[] = {
	{20261001, false}, {20261002, false}, {20261005, false},
	{20261006, false}, {20261007, false}, {20261010, true},
};

static void test_due(void **state)
{
	UNUSED(state);
	static const struct {
		int received, days, due, due_plain;
	} rows[] = {
		/* received Wednesday 30 September: the holiday is skipped, the make-up Saturday counts */
		{20260930, 5, 20261013, 20261007},
		{20260930, 1, 20261008, 20261001},
		{20260930, 20, 20261103, 20261028},
		/* received on a Friday: the term starts Monday */
		{20261120, 1, 20261123, 20261123},
		{20261120, 5, 20261127, 20261127},
		/* received on a holiday: counted from the next working day */
		{20261003, 2, 20261009, 20261006},
		/* the day of receipt is not counted even when it is a working day */
		{20261124, 1, 20261125, 20261125},
	};
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		assert_int_equal(complaint_due(rows[i].received, rows[i].days, cal, ARRAY_LEN(cal)),
				 rows[i].due);
		assert_int_equal(complaint_due(rows[i].received, rows[i].days, NULL, 0), rows[i].due_plain);
	}
	assert_int_equal(complaint_due(20261332, 5, NULL, 0), 0);
	assert_int_equal(complaint_due(20261124, 0, NULL, 0), 0);
}

static void test_overdue(void **state)
{
	UNUSED(state);
	assert_false(complaint_overdue(20261013, 0, 20261013));	       /* the last day is still in time */
	assert_true(complaint_overdue(20261013, 0, 20261014));	       /* not done, past it */
	assert_false(complaint_overdue(20261013, 20261012, 20261201)); /* done in time stays in time */
	assert_true(complaint_overdue(20261013, 20261014, 20261014));  /* done late stays late */
	assert_false(complaint_overdue(0, 0, 20261014));
}

static void test_codes(void **state)
{
	UNUSED(state);
	uint8_t zero[13] = {0}, ones[13];
	memset(ones, 0xff, sizeof ones);
	char c[COMPLAINT_CODE_LEN + 1], n[COMPLAINT_CODE_LEN + 1];
	complaint_code_from(zero, c);
	assert_string_equal(c, "00000000000000000000");
	complaint_code_from(ones, c);
	assert_string_equal(c, "ZZZZZZZZZZZZZZZZZZZZ");
	const uint8_t r[13] = {0x08, 0x86, 0x42, 0x98, 0xe8, 0x4a, 0x96, 0xc6, 0xb9, 0xf0, 0x12, 0x34, 0x56};
	complaint_code_from(r, c);
	assert_int_equal(strlen(c), COMPLAINT_CODE_LEN);
	/* 00001 00010 00011 00100 ... : the first groups of 0x08 0x86 0x42 0x98 */
	assert_memory_equal(c, "1234", 4);
	assert_int_equal(complaint_code_normalize(c, n), 0);
	assert_string_equal(n, c);
	/* typed back in lower case with dashes and spaces */
	assert_int_equal(complaint_code_normalize("abcd-efgh-jkmn-pqrs tvwx", n), 0);
	assert_string_equal(n, "ABCDEFGHJKMNPQRSTVWX");
	assert_int_equal(complaint_code_normalize("ABCDEFGHJKMNPQRSTVW", n), -1);   /* short */
	assert_int_equal(complaint_code_normalize("ABCDEFGHJKMNPQRSTVWXY", n), -1); /* long */
	assert_int_equal(complaint_code_normalize("ABCDEFGHIKMNPQRSTVWX", n), -1);  /* I is no digit */
	assert_int_equal(complaint_code_normalize("ABCDEFGHJKMNPQRSTVW'", n), -1);
	assert_int_equal(complaint_code_normalize(NULL, n), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_validate), cmocka_unit_test(test_matrix),
		cmocka_unit_test(test_effects),	 cmocka_unit_test(test_due),
		cmocka_unit_test(test_overdue),	 cmocka_unit_test(test_codes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
