/* 补贴规则 (core/subsidy.h): table-driven, every boundary the issue names — exactly 36 months of insurance
 * and one day short, 12 months in a relaxed year, the 4th claim in a calendar year, a certificate exactly 12
 * months old and 12 months and 1 day old, once per occupation and level, 技能提升 and 培训补贴 not for the
 * same course, the training cap, the shortage list, the apprenticeship's contract and period — and every
 * check explained (a code only when it fails, sentences in both languages always). */
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#include "core/date.h"
#include "core/subsidy.h"

/* the cases override the defaults of their macro (SKILL(.level = 5)) */
#if defined(__clang__)
#pragma clang diagnostic ignored "-Winitializer-overrides"
#elif defined(__GNUC__)
#pragma GCC diagnostic ignored "-Woverride-init"
#endif

#define APPLY 20260630 /* 2026 is not a relaxed year in the default rules */

static const struct subsidy_prior three_in_2026[] = {
	{SUB_SKILL_UP, "4-01-02-01", 5, NULL, 20260110},
	{SUB_SKILL_UP, "4-01-02-02", 5, NULL, 20260210},
	{SUB_SKILL_UP, "4-01-02-03", 5, NULL, 20260310},
};
static const struct subsidy_prior two_in_2026_one_2025[] = {
	{SUB_SKILL_UP, "4-01-02-01", 5, NULL, 20251230},
	{SUB_SKILL_UP, "4-01-02-02", 5, NULL, 20260210},
	{SUB_SKILL_UP, "4-01-02-03", 5, NULL, 20260310},
};
static const struct subsidy_prior same_occ_level[] = {{SUB_SKILL_UP, "6-18-01-01", 4, NULL, 20250101}};
static const struct subsidy_prior same_occ_other_level[] = {{SUB_SKILL_UP, "6-18-01-01", 5, NULL, 20250101}};
static const struct subsidy_prior training_same_course[] = {{SUB_TRAINING, "6-18-01-01", 4, "C-7", 20260101}};
static const struct subsidy_prior training_other_course[] = {
	{SUB_TRAINING, "6-18-01-01", 4, "C-8", 20260101}};
static const struct subsidy_prior skill_same_course[] = {{SUB_SKILL_UP, "6-18-01-01", 4, "C-7", 20260101}};
static const struct subsidy_prior shortage_done[] = {{SUB_SHORTAGE, "4-02-06-03", 4, NULL, 20250301}};

static const struct fact_work since_36m[] = {{20230630, 0}};	   /* exactly 36 months */
static const struct fact_work since_36m_less1[] = {{20230701, 0}}; /* one day short */
static const struct fact_work split_36m[] = {{20200101, 20210101}, /* 366 days */
					     {20240630, 0}};	   /* + 730 = 1096, the span's days */
static const struct fact_work split_short[] = {{20200102, 20210101}, {20240630, 0}};
static const struct fact_work since_12m_2025[] = {{20240630, 0}}; /* 12 months before 2025-06-30 */
static const struct fact_work since_12m_less1_2025[] = {{20240701, 0}};

struct tcase {
	const char *name;
	struct subsidy_facts f;
	bool ok;
	const char *fail_id, *fail_code; /* the first failed check */
	fen_t amount;
};

#define SKILL(...)                                                                                           \
	{                                                                                                    \
		.kind = SUB_SKILL_UP, .apply_date = APPLY, .occupation = "6-18-01-01", .level = 4,           \
		.cert_date = 20260101, .insured = since_36m, .ninsured = 1, __VA_ARGS__                      \
	}
#define PRIOR(a) .prior = (a), .nprior = ARRAY_LEN(a)

static const struct tcase skill_cases[] = {
	{"四级 1,500 元, all met", SKILL(), true, NULL, NULL, 150000},
	{"五级 1,000 元", SKILL(.level = 5), true, NULL, NULL, 100000},
	{"三级 2,000 元", SKILL(.level = 3), true, NULL, NULL, 200000},
	{"二级 not subsidised", SKILL(.level = 2), false, "level", "level_not_subsidised", 0},
	{"insured exactly 36 months", SKILL(.insured = since_36m), true, NULL, NULL, 150000},
	{"insured 36 months less a day", SKILL(.insured = since_36m_less1), false, "insured",
	 "insurance_short", 0},
	{"36 months in two periods", SKILL(.insured = split_36m, .ninsured = 2), true, NULL, NULL, 150000},
	{"two periods a day short", SKILL(.insured = split_short, .ninsured = 2), false, "insured",
	 "insurance_short", 0},
	{"no insurance at all", SKILL(.insured = NULL, .ninsured = 0), false, "insured", "insurance_short",
	 0},
	{"relaxed year: exactly 12 months",
	 SKILL(.apply_date = 20250630, .cert_date = 20250101, .insured = since_12m_2025), true, NULL, NULL,
	 150000},
	{"relaxed year: 12 months less a day",
	 SKILL(.apply_date = 20250630, .cert_date = 20250101, .insured = since_12m_less1_2025), false,
	 "insured", "insurance_short", 0},
	{"2026 is not relaxed: 12 months fail", SKILL(.insured = (const struct fact_work[]){{20250630, 0}}),
	 false, "insured", "insurance_short", 0},
	{"certificate exactly 12 months old", SKILL(.cert_date = 20250630), true, NULL, NULL, 150000},
	{"certificate 12 months and 1 day old", SKILL(.cert_date = 20250629), false, "within_period",
	 "certificate_too_old", 0},
	{"29 Feb certificate: the deadline is 28 Feb", SKILL(.cert_date = 20240229, .apply_date = 20250228),
	 true, NULL, NULL, 150000},
	{"29 Feb certificate: 1 Mar is a day late", SKILL(.cert_date = 20240229, .apply_date = 20250301),
	 false, "within_period", "certificate_too_old", 0},
	{"no certificate", SKILL(.cert_date = 0), false, "certificate", "certificate_missing", 0},
	{"certificate after the application", SKILL(.cert_date = 20260701), false, "certificate",
	 "certificate_missing", 0},
	{"the 4th claim in a year", SKILL(PRIOR(three_in_2026)), false, "per_year", "yearly_limit", 0},
	{"the 3rd claim in the year (one was last year)", SKILL(PRIOR(two_in_2026_one_2025)), true, NULL,
	 NULL, 150000},
	{"same occupation and level again", SKILL(PRIOR(same_occ_level)), false, "once", "already_claimed",
	 0},
	{"same occupation, the next level", SKILL(PRIOR(same_occ_other_level)), true, NULL, NULL, 150000},
	{"培训补贴 already for the same course", SKILL(.course = "C-7", PRIOR(training_same_course)), false,
	 "exclusive", "exclusive_claim", 0},
	{"培训补贴 for another course", SKILL(.course = "C-7", PRIOR(training_other_course)), true, NULL,
	 NULL, 150000},
};

#define TRAIN(...)                                                                                           \
	{                                                                                                    \
		.kind = SUB_TRAINING, .apply_date = APPLY, .occupation = "6-18-01-01", .level = 4,           \
		.course = "C-7", .completed = true, __VA_ARGS__                                              \
	}

static const struct tcase training_cases[] = {
	{"49 hours: 490 元", TRAIN(.class_hours = 49), true, NULL, NULL, 49000},
	{"50 hours: exactly the cap", TRAIN(.class_hours = 50), true, NULL, NULL, 50000},
	{"51 hours: capped at 500 元", TRAIN(.class_hours = 51), true, NULL, NULL, 50000},
	{"1 hour", TRAIN(.class_hours = 1), true, NULL, NULL, 1000},
	{"0 hours", TRAIN(.class_hours = 0), false, "hours", "no_class_hours", 0},
	{"not completed", TRAIN(.class_hours = 40, .completed = false), false, "completed", "not_completed",
	 0},
	{"the same course twice", TRAIN(.class_hours = 40, PRIOR(training_same_course)), false, "once",
	 "already_claimed", 0},
	{"another course", TRAIN(.class_hours = 40, PRIOR(training_other_course)), true, NULL, NULL, 40000},
	{"技能提升 already for the course", TRAIN(.class_hours = 40, PRIOR(skill_same_course)), false,
	 "exclusive", "exclusive_claim", 0},
	{"no course", TRAIN(.class_hours = 40, .course = NULL), false, "once", "course_missing", 0},
};

static const struct shortage_entry linyi[] = {
	{"371300", 2026, "4-02-06-03", 40000}, /* the band's floor and ceiling as test amounts */
	{"371300", 2026, "4-01-02-05", 88000},
	{"371300", 2025, "4-02-06-03", 40000},
};

#define SHORT(...)                                                                                           \
	{                                                                                                    \
		.kind = SUB_SHORTAGE, .apply_date = APPLY, .occupation = "4-02-06-03", .level = 4,           \
		.cert_date = 20260301, .city = "371300", __VA_ARGS__                                         \
	}

static const struct tcase shortage_cases[] = {
	{"listed at 400 元", SHORT(), true, NULL, NULL, 40000},
	{"listed at 880 元", SHORT(.occupation = "4-01-02-05"), true, NULL, NULL, 88000},
	{"another city", SHORT(.city = "370900"), false, "listed", "not_listed", 0},
	{"not listed in the certificate's year",
	 SHORT(.occupation = "4-01-02-05", .cert_date = 20251201, .apply_date = 20260201), false, "listed",
	 "not_listed", 0},
	{"once per occupation and level", SHORT(PRIOR(shortage_done)), false, "once", "already_claimed", 0},
	{"certificate too old", SHORT(.cert_date = 20260101, .apply_date = 20270102), false, "within_period",
	 "certificate_too_old", 0},
};

#define APPR(...)                                                                                            \
	{                                                                                                    \
		.kind = SUB_APPRENTICE, .apply_date = APPLY, .occupation = "6-18-01-01", .level = 4,         \
		.contract_start = 20250101, .contract_end = 20280101, .training_start = 20250101,            \
		.training_end = 20260101, __VA_ARGS__                                                        \
	}

static const struct tcase apprentice_cases[] = {
	{"1 year: 5,000 元", APPR(), true, NULL, NULL, 500000},
	{"2 years: 10,000 元", APPR(.training_end = 20270101), true, NULL, NULL, 1000000},
	{"18 months: 7,500 元", APPR(.training_end = 20260701), true, NULL, NULL, 750000},
	{"2 years and a month", APPR(.training_end = 20270201), false, "training_period", "training_period",
	 0},
	{"a day short of a year", APPR(.training_end = 20251231), false, "training_period", "training_period",
	 0},
	{"contract exactly a year", APPR(.contract_end = 20260101), true, NULL, NULL, 500000},
	{"contract a day short of a year", APPR(.contract_end = 20251231), false, "contract",
	 "contract_short", 0},
	{"open-ended contract", APPR(.contract_end = 0), true, NULL, NULL, 500000},
	{"no contract", APPR(.contract_start = 0, .contract_end = 0), false, "contract", "contract_missing",
	 0},
};

static void run(const struct subsidy_rules *r, const struct tcase *cs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct tcase *c = &cs[i];
		struct subsidy_decision d;
		err e = {0};
		if (subsidy_decide(r, &c->f, &d, &e) != 0)
			fail_msg("%s: refused input: %s", c->name, e.en);
		if (d.ok != c->ok)
			fail_msg("%s: ok %d, want %d (first failure %s: %s)", c->name, d.ok, c->ok,
				 d.failed >= 0 ? d.checks[d.failed].id : "-",
				 d.failed >= 0 ? d.checks[d.failed].en : "");
		if (d.amount != c->amount)
			fail_msg("%s: amount %lld, want %lld", c->name, (long long)d.amount,
				 (long long)c->amount);
		if (!c->ok) {
			const struct subsidy_check *f = &d.checks[d.failed];
			if (strcmp(f->id, c->fail_id) || strcmp(f->code, c->fail_code))
				fail_msg("%s: failed %s/%s, want %s/%s", c->name, f->id, f->code, c->fail_id,
					 c->fail_code);
		} else {
			assert_int_equal(d.failed, -1);
		}
		/* every check explained; a code exactly when it fails */
		assert_true(d.nchecks >= 3 && d.nchecks <= SUBSIDY_MAX_CHECKS);
		for (int k = 0; k < d.nchecks; k++) {
			const struct subsidy_check *x = &d.checks[k];
			assert_non_null(x->id);
			if (!x->zh[0] || !x->en[0])
				fail_msg("%s: check %s unexplained", c->name, x->id);
			if (x->ok != (x->code[0] == 0))
				fail_msg("%s: check %s ok %d with code '%s'", c->name, x->id, x->ok, x->code);
		}
	}
}

static void test_skill_up(void **state)
{
	UNUSED(state);
	run(subsidy_rules_default(), skill_cases, ARRAY_LEN(skill_cases));
}

static void test_training(void **state)
{
	UNUSED(state);
	run(subsidy_rules_default(), training_cases, ARRAY_LEN(training_cases));
}

static void test_shortage(void **state)
{
	UNUSED(state);
	struct subsidy_rules r = *subsidy_rules_default();
	r.shortage = linyi;
	r.nshortage = ARRAY_LEN(linyi);
	err e = {0};
	assert_int_equal(subsidy_rules_check(&r, &e), 0);
	run(&r, shortage_cases, ARRAY_LEN(shortage_cases));
}

static void test_apprentice(void **state)
{
	UNUSED(state);
	run(subsidy_rules_default(), apprentice_cases, ARRAY_LEN(apprentice_cases));
}

/* every failed condition is reported, not only the first */
static void test_all_conditions_explained(void **state)
{
	UNUSED(state);
	struct subsidy_facts f =
		SKILL(.level = 1, .insured = since_36m_less1, .cert_date = 20240101, PRIOR(three_in_2026));
	struct subsidy_decision d;
	err e = {0};
	assert_int_equal(subsidy_decide(subsidy_rules_default(), &f, &d, &e), 0);
	assert_false(d.ok);
	int failed = 0;
	for (int k = 0; k < d.nchecks; k++)
		failed += !d.checks[k].ok;
	assert_int_equal(failed, 4); /* level, insured, within_period, per_year */
	assert_string_equal(d.checks[d.failed].id, "level");
}

static void test_rules_check(void **state)
{
	UNUSED(state);
	err e = {0};
	assert_int_equal(subsidy_rules_check(subsidy_rules_default(), &e), 0);
	struct subsidy_rules r = *subsidy_rules_default();
	r.apprentice_per_year = 499999; /* below 5,000 元 a year */
	assert_int_equal(subsidy_rules_check(&r, &e), -1);
	assert_string_equal(e.code, "invalid_rules");
	r = *subsidy_rules_default();
	static const struct shortage_entry out_of_band[] = {{"371300", 2026, "x", 88001}};
	r.shortage = out_of_band;
	r.nshortage = 1;
	assert_int_equal(subsidy_rules_check(&r, &e), -1);
	r = *subsidy_rules_default();
	r.insured_months_relaxed = 40;
	assert_int_equal(subsidy_rules_check(&r, &e), -1);
	/* unusable input is an error, not a refusal */
	struct subsidy_facts f = SKILL(.apply_date = 20260230);
	struct subsidy_decision d;
	assert_int_equal(subsidy_decide(subsidy_rules_default(), &f, &d, &e), -1);
	f = (struct subsidy_facts)SKILL(.kind = 9);
	assert_int_equal(subsidy_decide(subsidy_rules_default(), &f, &d, &e), -1);
}

/* 重点群体 (docs/DOMAIN.md §64): rules as data — 退役军人 +300 元 on 技能提升补贴, 残疾人 12 months of
 * insurance for it, 青年学生 +100 元 on 培训补贴; a category not held (or held but of no rule) changes
 * nothing */
static const struct subsidy_group_rule group_rules[] = {
	{SUB_SKILL_UP, "veteran", "退役军人", 30000, 0},
	{SUB_SKILL_UP, "disabled", "残疾人", 10000, 12},
	{SUB_SKILL_UP, "laid_off", "企业失业人员和转岗职工", 20000, 24},
	{SUB_TRAINING, "young_student", "青年学生", 10000, 0},
};
static const char *const veteran[] = {"veteran"};
static const char *const disabled[] = {"disabled"};
static const char *const vet_disabled[] = {"laid_off", "veteran", "disabled"};
static const char *const student[] = {"young_student"};
static const char *const migrant[] = {"migrant_worker"};
static const struct fact_work since_12m[] = {{20250630, 0}};	   /* exactly 12 months before APPLY */
static const struct fact_work since_12m_less1[] = {{20250701, 0}}; /* a day short */
#define GROUPS(a) .groups = (a), .ngroups = ARRAY_LEN(a)

static const struct tcase group_cases[] = {
	{"四级 + 退役军人: 1,500 + 300 元", SKILL(GROUPS(veteran)), true, NULL, NULL, 180000},
	{"四级, no category: 1,500 元", SKILL(), true, NULL, NULL, 150000},
	{"四级 + 农民工 (no rule): 1,500 元", SKILL(GROUPS(migrant)), true, NULL, NULL, 150000},
	{"残疾人 with exactly 12 months insured: 1,500 + 100 元",
	 SKILL(GROUPS(disabled), .insured = since_12m), true, NULL, NULL, 160000},
	{"残疾人 a day short of 12 months", SKILL(GROUPS(disabled), .insured = since_12m_less1), false,
	 "insured", "insurance_short", 0},
	{"退役军人 with 12 months: not relaxed for them", SKILL(GROUPS(veteran), .insured = since_12m), false,
	 "insured", "insurance_short", 0},
	{"three held: the largest supplement (300), the fewest months (12), not a sum",
	 SKILL(GROUPS(vet_disabled), .insured = since_12m), true, NULL, NULL, 180000},
	{"培训补贴 50 hours + 青年学生: 500 + 100 元", TRAIN(.class_hours = 50, GROUPS(student)), true, NULL,
	 NULL, 60000},
	{"培训补贴 + 退役军人 (a 技能提升 rule only): 490 元", TRAIN(.class_hours = 49, GROUPS(veteran)),
	 true, NULL, NULL, 49000},
	{"培训补贴 not completed: nothing added",
	 TRAIN(.class_hours = 50, .completed = false, GROUPS(student)), false, "completed", "not_completed",
	 0},
};

static void test_key_groups(void **state)
{
	UNUSED(state);
	struct subsidy_rules r = *subsidy_rules_default();
	r.groups = group_rules;
	r.ngroups = ARRAY_LEN(group_rules);
	err e = {0};
	assert_int_equal(subsidy_rules_check(&r, &e), 0);
	run(&r, group_cases, ARRAY_LEN(group_cases));
	/* the explanation names the category and the figures */
	struct subsidy_facts f = SKILL(GROUPS(veteran));
	struct subsidy_decision d;
	assert_int_equal(subsidy_decide(&r, &f, &d, &e), 0);
	assert_string_equal(d.checks[d.nchecks - 1].id, "key_group");
	assert_non_null(strstr(d.checks[d.nchecks - 1].zh, "退役军人"));
	assert_non_null(strstr(d.checks[d.nchecks - 1].zh, "1,800.00"));
	f = (struct subsidy_facts)SKILL(GROUPS(disabled), .insured = since_12m);
	assert_int_equal(subsidy_decide(&r, &f, &d, &e), 0);
	assert_non_null(strstr(d.checks[1].zh, "满12个月（重点群体）"));
	/* the default rules: no key_group check at all */
	assert_int_equal(subsidy_decide(subsidy_rules_default(), &f, &d, &e), 0);
	for (int k = 0; k < d.nchecks; k++)
		assert_string_not_equal(d.checks[k].id, "key_group");
	/* malformed rules */
	static const struct subsidy_group_rule appr[] = {{SUB_APPRENTICE, "veteran", "退役军人", 100, 0}};
	static const struct subsidy_group_rule neg[] = {{SUB_SKILL_UP, "veteran", "退役军人", -1, 0}};
	static const struct subsidy_group_rule months[] = {{SUB_SKILL_UP, "veteran", "退役军人", 0, 37}};
	const struct subsidy_group_rule *bad[] = {appr, neg, months};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		r.groups = bad[i];
		r.ngroups = 1;
		assert_int_equal(subsidy_rules_check(&r, &e), -1);
	}
}

static void test_months(void **state)
{
	UNUSED(state);
	static const struct {
		int ymd, n, want;
	} add[] = {
		{20250131, 1, 20250228},  {20240131, 1, 20240229},  {20260630, -36, 20230630},
		{20250101, 12, 20260101}, {20250315, -3, 20241215},
	};
	for (size_t i = 0; i < ARRAY_LEN(add); i++)
		assert_int_equal(subsidy_add_months(add[i].ymd, add[i].n), add[i].want);
	static const struct {
		int from, to, want;
	} full[] = {
		{20250101, 20260101, 12}, {20250101, 20251231, 11}, {20250131, 20250228, 1},
		{20250131, 20250227, 0},  {20260101, 20250101, 0},  {20250101, 20270101, 24},
	};
	for (size_t i = 0; i < ARRAY_LEN(full); i++)
		if (subsidy_full_months(full[i].from, full[i].to) != full[i].want)
			fail_msg("full months %d..%d = %d, want %d", full[i].from, full[i].to,
				 subsidy_full_months(full[i].from, full[i].to), full[i].want);
	assert_int_equal(subsidy_kind_parse("skill_up"), SUB_SKILL_UP);
	assert_int_equal(subsidy_kind_parse("apprentice"), SUB_APPRENTICE);
	assert_int_equal(subsidy_kind_parse("x"), -1);
	assert_string_equal(subsidy_kind_code(SUB_TRAINING), "training");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_skill_up),
		cmocka_unit_test(test_training),
		cmocka_unit_test(test_shortage),
		cmocka_unit_test(test_apprentice),
		cmocka_unit_test(test_all_conditions_explained),
		cmocka_unit_test(test_rules_check),
		cmocka_unit_test(test_months),
		cmocka_unit_test(test_key_groups),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
