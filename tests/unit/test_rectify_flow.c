/* core/rectify_flow.c: the 整改 workflow table (who takes which move, which needs a reason, what it does),
 * the deadline on the working-day calendar (国庆 2025 with its 调休 Sunday and Saturday: the calendar of
 * data/holidays.csv) and the overdue rule. */
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#include "core/rectify_flow.h"

static void test_validate(void **state)
{
	UNUSED(state);
	err e = {0};
	assert_int_equal(fsm_validate(&rectify_fsm, &e), 0);
	assert_string_equal(rectify_fsm.states[0].code, "open");
	assert_string_equal(fsm_state_zh(&rectify_fsm, "closed"), "已销号");
}

#define PROV RB(ROLE_PROVINCE_ADMIN)
#define CITY RB(ROLE_CITY_ADMIN)
#define IADM RB(ROLE_INSTITUTION_ADMIN)
#define ISTF RB(ROLE_INSTITUTION_STAFF)

/* every (from, to) pair: does the move exist, who may take it, does it need a reason */
static void test_matrix(void **state)
{
	UNUSED(state);
	static const struct {
		const char *from, *to;
		bool exists;
		unsigned roles; /* exactly these roles may take it */
		bool reason;
		unsigned effects;
	} rows[] = {
		{"open", "responded", true, IADM | ISTF, true, RECTIFY_FX_RESPOND},
		{"responded", "open", true, PROV | CITY, true, RECTIFY_FX_REOPEN},
		{"responded", "closed", true, PROV | CITY, false, RECTIFY_FX_CLOSE},
		{"open", "closed", true, PROV | CITY, true, RECTIFY_FX_CLOSE},
		{"open", "escalated", true, PROV | CITY, true, RECTIFY_FX_ESCALATE},
		{"responded", "escalated", true, PROV | CITY, true, RECTIFY_FX_ESCALATE},
		{"escalated", "closed", true, PROV, true, RECTIFY_FX_CLOSE},
		{"escalated", "open", false, 0, false, 0},
		{"escalated", "responded", false, 0, false, 0},
		{"closed", "open", false, 0, false, 0},
		{"closed", "responded", false, 0, false, 0},
		{"closed", "escalated", false, 0, false, 0},
		{"open", "open", false, 0, false, 0},
	};
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		const struct fsm_transition *t = NULL;
		for (int r = ROLE_PUBLIC; r < ROLE_COUNT; r++) {
			err e = {0};
			int rc = fsm_decide(&rectify_fsm, rows[i].from, rows[i].to, RB(r), "理由", NULL, &t,
					    &e);
			if (!rows[i].exists) {
				assert_int_equal(rc, -1);
				assert_int_equal(e.status, 409);
				assert_string_equal(e.code, "invalid_transition");
				continue;
			}
			bool may = (rows[i].roles & RB(r)) != 0;
			assert_int_equal(rc, may ? 0 : -1);
			if (!may) {
				assert_int_equal(e.status, 403);
				continue;
			}
			assert_int_equal(t->effects, rows[i].effects);
			/* without a reason */
			err f = {0};
			rc = fsm_decide(&rectify_fsm, rows[i].from, rows[i].to, RB(r), NULL, NULL, &t, &f);
			assert_int_equal(rc, rows[i].reason ? -1 : 0);
			if (rows[i].reason) {
				assert_int_equal(f.status, 422);
				assert_string_equal(f.field, "reason");
			}
		}
		if (rows[i].exists) {
			/* a bureau that may read but not change it (no write scope) takes no move */
			err g = {0};
			assert_int_equal(
				fsm_decide(&rectify_fsm, rows[i].from, rows[i].to, 0, "理由", NULL, &t, &g),
				-1);
			assert_int_equal(g.status, 403);
		}
	}
	/* a target that is no state */
	err h = {0};
	const struct fsm_transition *t = NULL;
	assert_int_equal(fsm_decide(&rectify_fsm, "open", "done", PROV, "x", NULL, &t, &h), -1);
	assert_int_equal(h.status, 422);
}

/* the buttons: the institution answers an open one, the city closes, returns or escalates a response, only
 * the province closes an escalated one */
static void test_available(void **state)
{
	UNUSED(state);
	const struct fsm_transition *ts[8];
	assert_int_equal(fsm_available(&rectify_fsm, "open", IADM, NULL, ts, 8), 1);
	assert_string_equal(ts[0]->action, "respond");
	assert_int_equal(fsm_available(&rectify_fsm, "responded", CITY, NULL, ts, 8), 3);
	assert_int_equal(fsm_available(&rectify_fsm, "responded", IADM, NULL, ts, 8), 0);
	assert_int_equal(fsm_available(&rectify_fsm, "escalated", CITY, NULL, ts, 8), 0);
	assert_int_equal(fsm_available(&rectify_fsm, "escalated", PROV, NULL, ts, 8), 1);
	assert_int_equal(fsm_available(&rectify_fsm, "closed", PROV | CITY | IADM, NULL, ts, 8), 0);
	assert_int_equal(fsm_available(&rectify_fsm, "open", RB(ROLE_SUPERVISOR), NULL, ts, 8), 0);
}

/* 国庆节、中秋节 2025 as data/holidays.csv has it: 1-8 October holidays (Wednesday to Wednesday), Sunday
 * 28 September and Saturday 11 October working days (调休上班) */
static const struct cal_day cal[] = {
	{20250928, true},  {20251001, false}, {20251002, false}, {20251003, false}, {20251004, false},
	{20251005, false}, {20251006, false}, {20251007, false}, {20251008, false}, {20251011, true},
};

static void test_due(void **state)
{
	UNUSED(state);
	static const struct {
		int opened, days, due, due_plain;
	} rows[] = {
		/* signed Friday 26 September: the 调休 Sunday counts, the eight days of 国庆 do not, the 调休
		 * Saturday does: 28, 29, 30 Sep, 9, 10, 11, 13, 14, 15, 16 Oct */
		{20250926, 10, 20251016, 20251010},
		/* signed the day before the holiday: 9, 10, 11 (Saturday), 13, 14 Oct */
		{20250930, 5, 20251014, 20251007},
		/* signed on a Saturday: the next day is a 调休 Sunday, the first working day */
		{20250927, 1, 20250928, 20250929},
		/* signed Friday 10 October: the 调休 Saturday is the first day */
		{20251010, 1, 20251011, 20251013},
		/* signed on a holiday: counted from the first working day after it */
		{20251003, 3, 20251011, 20251008},
		/* the day of signing is not counted even when it is a working day */
		{20251117, 1, 20251118, 20251118},
		/* an ordinary month: 20 working days, four weeks */
		{20251103, 20, 20251201, 20251201},
	};
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		assert_int_equal(rectify_due(rows[i].opened, rows[i].days, cal, ARRAY_LEN(cal)), rows[i].due);
		assert_int_equal(rectify_due(rows[i].opened, rows[i].days, NULL, 0), rows[i].due_plain);
	}
	assert_int_equal(rectify_due(20251332, 5, cal, ARRAY_LEN(cal)), 0);
	assert_int_equal(rectify_due(20251117, 0, cal, ARRAY_LEN(cal)), 0);
}

static void test_overdue(void **state)
{
	UNUSED(state);
	/* due 16 October 2025 */
	assert_false(rectify_overdue(20251016, 0, 20251016));	     /* the last day is still in time */
	assert_true(rectify_overdue(20251016, 0, 20251017));	     /* no response, past it */
	assert_false(rectify_overdue(20251016, 20251015, 20251201)); /* answered in time stays in time */
	assert_true(rectify_overdue(20251016, 20251020, 20251020));  /* answered late stays late */
	assert_false(rectify_overdue(0, 0, 20251020));
	/* what ends the institution's part: its standing response, else the closing */
	assert_int_equal(rectify_done_on(20251015, 20251101), 20251015);
	assert_int_equal(rectify_done_on(0, 20251101), 20251101);
	assert_int_equal(rectify_done_on(0, 0), 0);
	/* returned (responded_on cleared): the deadline runs on */
	assert_true(rectify_overdue(20251016, rectify_done_on(0, 0), 20251017));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_validate),  cmocka_unit_test(test_matrix),
		cmocka_unit_test(test_available), cmocka_unit_test(test_due),
		cmocka_unit_test(test_overdue),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
