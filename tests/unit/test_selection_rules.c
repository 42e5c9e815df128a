/* 评选项目 (core/selection_rules.h): table-driven at the boundaries — 齐鲁首席技师 at 55 (allowed) and 56 and
 * a day short of 56 (the birthday decides), 技师 and 高级工, front line declared or not, a nomination 3 and 4
 * years back with and without a new achievement, a running term; 山东省技术技能大师's double condition
 * (高级技师 AND 高级职称: each alone refused); the ranking's order (score, then preferred age, then id); the
 * allowance schedule (48 monthly payments, a stop in month 17, 泰山's yearly sums, a lump sum once). */
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#include "core/selection_rules.h"

#define REF 20260101

static const struct sel_rules chief = {
	.min_level = 2, .front_line = true, .max_age = 55, .preferred_age = 45, .renominate_years = 4};
static const struct sel_rules master = {.min_level = 1, .title_grade = 3};

static const int tech[] = {2}, senior_worker[] = {3}, top[] = {1}, mixed[] = {4, 1, 3};
static const int senior_title[] = {3}, mid_title[] = {2};

struct row {
	const char *name;
	const struct sel_rules *r;
	struct sel_facts f;
	bool ok;
	const char *failed; /* the id of the (first) failed check, NULL when ok */
	const char *code;
	int age;
	bool preferred;
};

#define F(...) ((struct sel_facts){.ref_date = REF, .round_year = 2026, __VA_ARGS__})

static const struct row rows[] = {
	{"55 on the day: allowed", &chief,
	 F(.birth_date = 19710101, .front_line = true, .levels = tech, .nlevels = 1), true, NULL, NULL, 55,
	 false},
	{"56 on the day: refused", &chief,
	 F(.birth_date = 19700101, .front_line = true, .levels = tech, .nlevels = 1), false, "age", "too_old",
	 56, false},
	{"a day short of 56: 55", &chief,
	 F(.birth_date = 19700102, .front_line = true, .levels = tech, .nlevels = 1), true, NULL, NULL, 55,
	 false},
	{"45: preferred", &chief, F(.birth_date = 19810101, .front_line = true, .levels = tech, .nlevels = 1),
	 true, NULL, NULL, 45, true},
	{"46: not preferred, eligible", &chief,
	 F(.birth_date = 19800101, .front_line = true, .levels = tech, .nlevels = 1), true, NULL, NULL, 46,
	 false},
	{"高级工 only: refused", &chief,
	 F(.birth_date = 19800101, .front_line = true, .levels = senior_worker, .nlevels = 1), false, "level",
	 "level_too_low", 46, false},
	{"no certificate: refused", &chief, F(.birth_date = 19800101, .front_line = true), false, "level",
	 "level_too_low", 46, false},
	{"the best of several counts", &chief,
	 F(.birth_date = 19800101, .front_line = true, .levels = mixed, .nlevels = 3), true, NULL, NULL, 46,
	 false},
	{"not front line: refused", &chief, F(.birth_date = 19800101, .levels = tech, .nlevels = 1), false,
	 "front_line", "not_front_line", 46, false},
	{"birth unknown: refused", &chief, F(.front_line = true, .levels = tech, .nlevels = 1), false, "age",
	 "age_unknown", -1, false},
	{"nominated 3 years back, nothing new: refused", &chief,
	 F(.birth_date = 19800101, .front_line = true, .levels = tech, .nlevels = 1, .last_year = 2023),
	 false, "renominate", "renominated_without_achievement", 46, false},
	{"nominated 3 years back, new achievement: allowed", &chief,
	 F(.birth_date = 19800101, .front_line = true, .levels = tech, .nlevels = 1, .last_year = 2023,
	   .new_achievement = true),
	 true, NULL, NULL, 46, false},
	{"nominated 4 years back: allowed", &chief,
	 F(.birth_date = 19800101, .front_line = true, .levels = tech, .nlevels = 1, .last_year = 2022), true,
	 NULL, NULL, 46, false},
	{"within a running term: refused", &chief,
	 F(.birth_date = 19800101, .front_line = true, .levels = tech, .nlevels = 1,
	   .holding_till = 20270101),
	 false, "holding", "already_holding", 46, false},
	{"a term ending on the day: allowed", &chief,
	 F(.birth_date = 19800101, .front_line = true, .levels = tech, .nlevels = 1, .holding_till = REF),
	 true, NULL, NULL, 46, false},
	{"大师: 高级技师 and 高级职称", &master,
	 F(.levels = top, .nlevels = 1, .title_grades = senior_title, .ntitles = 1), true, NULL, NULL, -1,
	 true},
	{"大师: 高级技师 alone refused", &master, F(.levels = top, .nlevels = 1), false, "title",
	 "title_missing", -1, true},
	{"大师: 高级技师 and 中级职称 refused", &master,
	 F(.levels = top, .nlevels = 1, .title_grades = mid_title, .ntitles = 1), false, "title",
	 "title_missing", -1, true},
	{"大师: 高级职称 and 技师 refused", &master,
	 F(.levels = tech, .nlevels = 1, .title_grades = senior_title, .ntitles = 1), false, "level",
	 "level_too_low", -1, true},
};

static void test_decide(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		const struct row *w = &rows[i];
		struct sel_decision d;
		sel_decide(w->r, &w->f, &d);
		if (d.ok != w->ok || d.age != w->age || d.preferred != w->preferred)
			fail_msg("%s: ok %d age %d preferred %d", w->name, d.ok, d.age, d.preferred);
		const struct sel_check *first = NULL;
		for (int k = 0; k < d.nchecks; k++) {
			const struct sel_check *c = &d.checks[k];
			assert_true(c->zh[0] && c->en[0]);
			assert_int_equal(c->ok, c->code[0] == 0);
			if (!c->ok && !first)
				first = c;
		}
		if (w->failed) {
			if (!first || strcmp(first->id, w->failed) || strcmp(first->code, w->code))
				fail_msg("%s: failed %s %s", w->name, first ? first->id : "-",
					 first ? first->code : "-");
		} else if (first) {
			fail_msg("%s: unexpected failure %s (%s)", w->name, first->id, first->zh);
		}
	}
}

static void test_rank(void **state)
{
	(void)state;
	struct sel_ranked v[] = {
		{.id = 1, .score_x100 = 8000, .preferred = false},
		{.id = 2, .score_x100 = 9000, .preferred = false},
		{.id = 3, .score_x100 = 8000, .preferred = true},
		{.id = 4, .score_x100 = 8000, .preferred = false},
		{.id = 5, .score_x100 = 7000, .preferred = true},
	};
	sel_rank(v, 5, 3);
	const int64_t order[] = {2, 3, 1, 4, 5};
	for (int i = 0; i < 5; i++) {
		assert_int_equal(v[i].id, order[i]);
		assert_int_equal(v[i].rank, i + 1);
		assert_int_equal(v[i].selected, i < 3);
	}
	sel_rank(v, 5, 0); /* no places: nobody */
	for (int i = 0; i < 5; i++)
		assert_false(v[i].selected);
}

static void test_months(void **state)
{
	(void)state;
	char t[8];
	int m = sel_month_of(20260315);
	sel_month_text(m, t);
	assert_string_equal(t, "2026-03");
	assert_int_equal(sel_month_parse("2026-03"), m);
	assert_int_equal(sel_month_parse("2026-12") + 1, sel_month_parse("2027-01"));
	assert_int_equal(sel_month_parse("2026-13"), -1);
	assert_int_equal(sel_month_parse("2026-3"), -1);
	assert_int_equal(sel_month_parse("20a6-03"), -1);
	assert_int_equal(sel_month_parse(NULL), -1);
}

static void test_schedule(void **state)
{
	(void)state;
	int start = sel_month_parse("2022-01");
	/* 齐鲁首席技师 at the floor: 48 monthly payments of 1,000 yuan */
	struct sel_terms t = {.start_month = start, .term_months = 48, .monthly = 100000, .stop_month = -1};
	assert_int_equal(sel_due_count(&t, SP_MONTHLY), 48);
	fen_t sum = 0;
	for (int m = start - 3; m < start + 60; m++)
		sum += sel_due(&t, SP_MONTHLY, m);
	assert_int_equal(sum, 48 * 100000);
	assert_int_equal(sel_due(&t, SP_MONTHLY, start - 1), 0);
	assert_int_equal(sel_due(&t, SP_MONTHLY, start + 47), 100000);
	assert_int_equal(sel_due(&t, SP_MONTHLY, start + 48), 0);
	assert_int_equal(sel_due(&t, SP_LUMP, start), 0);
	/* stopped in month 17: months 1..17 due, nothing after (the count of the whole term stays 48) */
	t.stop_month = start + 16;
	int n = 0;
	for (int m = start; m < start + 48; m++)
		n += sel_due(&t, SP_MONTHLY, m) > 0;
	assert_int_equal(n, 17);
	assert_int_equal(sel_due(&t, SP_MONTHLY, start + 16), 100000);
	assert_int_equal(sel_due(&t, SP_MONTHLY, start + 17), 0);
	assert_int_equal(sel_due_count(&t, SP_MONTHLY), 48);
	/* 泰山: yearly 10万 + 10万 in the first month of each year of a 5-year term [the term is data] */
	struct sel_terms ts = {.start_month = start,
			       .term_months = 60,
			       .yearly = 10000000,
			       .work_fund = 10000000,
			       .stop_month = -1};
	assert_int_equal(sel_due_count(&ts, SP_YEARLY), 5);
	assert_int_equal(sel_due_count(&ts, SP_WORK_FUND), 5);
	assert_int_equal(sel_due(&ts, SP_YEARLY, start + 12), 10000000);
	assert_int_equal(sel_due(&ts, SP_YEARLY, start + 13), 0);
	assert_int_equal(sel_due(&ts, SP_MONTHLY, start), 0);
	/* 齐鲁技能大奖: 30万 once, no term */
	struct sel_terms la = {.start_month = start, .lump = 30000000, .stop_month = -1};
	assert_int_equal(sel_due_count(&la, SP_LUMP), 1);
	assert_int_equal(sel_due(&la, SP_LUMP, start), 30000000);
	assert_int_equal(sel_due(&la, SP_LUMP, start + 1), 0);
	assert_string_equal(sel_pay_kind_code(SP_WORK_FUND), "work_fund");
	assert_string_equal(sel_level_zh(2), "技师");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decide),
		cmocka_unit_test(test_rank),
		cmocka_unit_test(test_months),
		cmocka_unit_test(test_schedule),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
