/* core/period.c: the statistical periods of reports and open data — the three forms, their months, whether
 * they have ended on a day, their labels, and the period before today's. */
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>
#include "core/period.h"

static void test_parse(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		int rc;
		const char *from, *to, *label;
	} cases[] = {
		{"2025", 0, "2025-01", "2025-12", "2025年"},
		{"2026-Q3", 0, "2026-07", "2026-09", "2026年第三季度"},
		{"2026-Q1", 0, "2026-01", "2026-03", "2026年第一季度"},
		{"2026-07", 0, "2026-07", "2026-07", "2026年7月"},
		{"2026-12", 0, "2026-12", "2026-12", "2026年12月"},
		{"2026-13", -1, NULL, NULL, NULL},
		{"2026-00", -1, NULL, NULL, NULL},
		{"2026-Q5", -1, NULL, NULL, NULL},
		{"2026-Q0", -1, NULL, NULL, NULL},
		{"1999", -1, NULL, NULL, NULL},
		{"26", -1, NULL, NULL, NULL},
		{"2026-7", -1, NULL, NULL, NULL},
		{"2026Q3", -1, NULL, NULL, NULL},
		{"", -1, NULL, NULL, NULL},
		{"2026-Q3x", -1, NULL, NULL, NULL},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct stat_period p;
		int rc = period_parse(cases[i].s, &p);
		if (rc != cases[i].rc)
			fail_msg("%s: rc %d", cases[i].s, rc);
		if (rc)
			continue;
		assert_string_equal(p.from, cases[i].from);
		assert_string_equal(p.to, cases[i].to);
		char l[64], t[16];
		period_label(&p, l, sizeof l);
		assert_string_equal(l, cases[i].label);
		period_text(&p, t);
		assert_string_equal(t, cases[i].s);
	}
	assert_int_equal(period_parse(NULL, &(struct stat_period){0}), -1);
}

static void test_ended(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		int today;
		bool ended;
	} cases[] = {
		{"2025", 20260101, true},     {"2026", 20261231, false},    {"2026-Q3", 20261001, true},
		{"2026-Q3", 20260930, false}, {"2026-Q4", 20261203, false}, {"2026-11", 20261201, true},
		{"2026-11", 20261130, false}, {"2026-12", 20261203, false}, {"2027-01", 20261203, false},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct stat_period p;
		assert_int_equal(period_parse(cases[i].s, &p), 0);
		if (period_ended(&p, cases[i].today) != cases[i].ended)
			fail_msg("%s on %d", cases[i].s, cases[i].today);
	}
}

static void test_previous(void **state)
{
	(void)state;
	static const struct {
		enum period_kind k;
		int today;
		const char *want;
	} cases[] = {
		{PERIOD_MONTH, 20261203, "2026-11"},   {PERIOD_MONTH, 20260115, "2025-12"},
		{PERIOD_QUARTER, 20261203, "2026-Q3"}, {PERIOD_QUARTER, 20260201, "2025-Q4"},
		{PERIOD_QUARTER, 20260401, "2026-Q1"}, {PERIOD_YEAR, 20260101, "2025"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct stat_period p;
		char t[16];
		period_previous(cases[i].k, cases[i].today, &p);
		period_text(&p, t);
		assert_string_equal(t, cases[i].want);
		assert_true(period_ended(&p, cases[i].today));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_ended),
		cmocka_unit_test(test_previous),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
