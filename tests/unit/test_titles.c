/* 贯通 (core/titles.h): table-driven at the boundaries — a certificate held exactly N years and one day
 * short, the third year of appraisal missing or failed, the green channel with and without its honour, a
 * title held exactly one year and one day short, a target already held, a target no rule leads to — and
 * every check explained (a code only when it fails, sentences in both languages always). */
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#include "core/titles.h"
#include "core/title_flow.h"

#define TODAY 20260630

static const struct tt_appraisal passed3[] = {{2023, true}, {2024, true}, {2025, true}};
static const struct tt_appraisal failed2024[] = {{2023, true}, {2024, false}, {2025, true}};
static const struct tt_appraisal missing2023[] = {{2024, true}, {2025, true}, {2022, true}};
/* a failed and a passed record of the same year: the failure stands */
static const struct tt_appraisal twice2025[] = {{2023, true}, {2024, true}, {2025, true}, {2025, false}};

static const struct tt_cert tech_3y[] = {{2, 20230630, "6-18-01-01"}};	     /* 技师 exactly 3 years */
static const struct tt_cert tech_3y_less1[] = {{2, 20230701, "6-18-01-01"}}; /* one day short */
static const struct tt_cert senior_2y[] = {{3, 20240630, "6-18-01-01"}};     /* 高级工 exactly 2 years */
static const struct tt_cert level4_10y[] = {{4, 20100101, "6-18-01-01"}};    /* 中级工 only */
static const struct tt_cert master_4y[] = {{1, 20220630, "6-18-01-01"}}; /* 高级技师 exactly 4 years */
/* 技师 recent, 高级工 long ago: a higher level counts for a lower rule, the oldest qualifying date decides */
static const struct tt_cert two_certs[] = {{2, 20260101, "6-18-01-01"}, {3, 20200101, "6-18-01-01"}};

static const struct tt_title eng_mid[] = {{"engineering", TR_INTERMEDIATE, 20200101}};
static const struct tt_title eng_assist_1y[] = {{"engineering", TR_ASSISTANT, 20250630}};
static const struct tt_title eng_assist_1y_less1[] = {{"engineering", TR_ASSISTANT, 20250701}};
static const struct tt_title agri_assist[] = {{"agriculture", TR_ASSISTANT, 20200101}};
static const struct tt_title eng_senior_future[] = {{"engineering", TR_DEPUTY_SENIOR, 20270101}};

static const struct tt_honour zhonghua[] = {{"china_skill_award", 20241010}};
static const struct tt_honour ws_gold[] = {{"worldskills_gold", 20221020}};
static const struct tt_honour other[] = {{"national_technical_expert", 20241010}};
static const struct tt_honour future[] = {{"china_skill_award", 20270101}};

static const struct tt_cert level3_in_occ[] = {{3, 20200101, "6-18-01-01"}};

/* work in the occupation: since 2019 (long enough), exactly one year from the 初级 title, one day short */
static const struct tt_work work_long[] = {{20190101, 0}};
static const struct tt_work work_1y[] = {{20250630, 0}};
static const struct tt_work work_1y_less1[] = {{20250701, 0}};
/* 技工院校: a 中级 teacher of 2020 (专技人才) and a 技师 of 2020 (高技能人才) for the dual rules */
static const struct tt_title school_mid[] = {{"tech_school", TR_INTERMEDIATE, 20200101}};
static const struct tt_title school_senior[] = {{"tech_school", TR_DEPUTY_SENIOR, 20240101}};
static const struct tt_cert tech_2020[] = {{2, 20200101, "6-18-01-01"}};
static const struct tt_cert master_in_occ[] = {{1, 20240101, "6-18-01-01"}};

struct tcase {
	const char *name;
	struct tt_target t;
	struct tt_facts f;
	bool ok;
	const char *fail_id, *fail_code; /* the first failed check */
};

#define T2T(rank)                                                                                            \
	{                                                                                                    \
		TT_SKILL_TO_TITLE, "engineering", (rank), 0, NULL                                            \
	}
#define GREEN(h)                                                                                             \
	{                                                                                                    \
		TT_GREEN, "engineering", TR_FULL_SENIOR, 0, (h)                                              \
	}
#define T2L(lv)                                                                                              \
	{                                                                                                    \
		TT_TITLE_TO_LEVEL, "engineering", 0, (lv), NULL                                              \
	}
#define DUAL(rank, lv)                                                                                       \
	{                                                                                                    \
		TT_DUAL, "tech_school", (rank), (lv), NULL                                                   \
	}
#define WORK(a)	  .work = (a), .nwork = ARRAY_LEN(a)
#define CERTS(a)  .certs = (a), .ncerts = ARRAY_LEN(a)
#define APPR(a)	  .appraisals = (a), .nappraisals = ARRAY_LEN(a)
#define TITLES(a) .titles = (a), .ntitles = ARRAY_LEN(a)
#define HON(a)	  .honours = (a), .nhonours = ARRAY_LEN(a)

static const struct tcase cases[] = {
	{"技师 + 3 years exactly → 工程师",
	 T2T(TR_INTERMEDIATE),
	 {TODAY, NULL, CERTS(tech_3y), APPR(passed3)},
	 true,
	 NULL,
	 NULL},
	{"技师 one day short of 3 years",
	 T2T(TR_INTERMEDIATE),
	 {TODAY, NULL, CERTS(tech_3y_less1), APPR(passed3)},
	 false,
	 "years",
	 "years_short"},
	{"高级工 + 2 years exactly → 助理工程师",
	 T2T(TR_ASSISTANT),
	 {TODAY, NULL, CERTS(senior_2y), APPR(passed3)},
	 true,
	 NULL,
	 NULL},
	{"高级技师 + 4 years exactly → 高级工程师",
	 T2T(TR_DEPUTY_SENIOR),
	 {TODAY, NULL, CERTS(master_4y), APPR(passed3)},
	 true,
	 NULL,
	 NULL},
	{"技师 cannot take the 高级技师 rule",
	 T2T(TR_DEPUTY_SENIOR),
	 {TODAY, NULL, CERTS(tech_3y), APPR(passed3)},
	 false,
	 "level",
	 "certificate_missing"},
	{"中级工 has no way to 助理工程师",
	 T2T(TR_ASSISTANT),
	 {TODAY, NULL, CERTS(level4_10y), APPR(passed3)},
	 false,
	 "level",
	 "certificate_missing"},
	{"older 高级工 counts for 助理工程师 beside a new 技师",
	 T2T(TR_ASSISTANT),
	 {TODAY, NULL, CERTS(two_certs), APPR(passed3)},
	 true,
	 NULL,
	 NULL},
	{"a failed appraisal year",
	 T2T(TR_INTERMEDIATE),
	 {TODAY, NULL, CERTS(tech_3y), APPR(failed2024)},
	 false,
	 "appraisal",
	 "appraisal_failed"},
	{"the third year missing",
	 T2T(TR_INTERMEDIATE),
	 {TODAY, NULL, CERTS(tech_3y), APPR(missing2023)},
	 false,
	 "appraisal",
	 "appraisal_missing"},
	{"passed and failed the same year",
	 T2T(TR_INTERMEDIATE),
	 {TODAY, NULL, CERTS(tech_3y), APPR(twice2025)},
	 false,
	 "appraisal",
	 "appraisal_failed"},
	{"no appraisal at all",
	 T2T(TR_INTERMEDIATE),
	 {TODAY, NULL, CERTS(tech_3y)},
	 false,
	 "appraisal",
	 "appraisal_missing"},
	{"already an 工程师",
	 T2T(TR_INTERMEDIATE),
	 {TODAY, NULL, CERTS(tech_3y), TITLES(eng_mid), APPR(passed3)},
	 false,
	 "not_held",
	 "title_held"},
	{"an agricultural title does not block engineering",
	 T2T(TR_ASSISTANT),
	 {TODAY, NULL, CERTS(senior_2y), TITLES(agri_assist), APPR(passed3)},
	 true,
	 NULL,
	 NULL},
	{"no rule to 正高 by skill",
	 T2T(TR_FULL_SENIOR),
	 {TODAY, NULL, CERTS(master_4y), APPR(passed3)},
	 false,
	 "rule",
	 "no_rule"},
	{"中华技能大奖 → 正高", GREEN("china_skill_award"), {TODAY, NULL, HON(zhonghua)}, true, NULL, NULL},
	{"世赛金牌 → 正高 (any honour rule)", GREEN(NULL), {TODAY, NULL, HON(ws_gold)}, true, NULL, NULL},
	{"全国技术能手 is no green channel",
	 GREEN(NULL),
	 {TODAY, NULL, HON(other)},
	 false,
	 "honour",
	 "honour_missing"},
	{"an honour dated after today",
	 GREEN("china_skill_award"),
	 {TODAY, NULL, HON(future)},
	 false,
	 "honour",
	 "honour_missing"},
	{"an unknown honour category",
	 GREEN("great_craftsman"),
	 {TODAY, NULL, HON(other)},
	 false,
	 "rule",
	 "no_rule"},
	{"初级职称 + 1 year of work exactly → 三级",
	 T2L(3),
	 {TODAY, "6-18-01-01", TT_MATCH_YES, WORK(work_1y), TITLES(eng_assist_1y)},
	 true,
	 NULL,
	 NULL},
	{"初级职称, work one day short of a year",
	 T2L(3),
	 {TODAY, "6-18-01-01", TT_MATCH_YES, WORK(work_1y_less1), TITLES(eng_assist_1y)},
	 false,
	 "work",
	 "work_short"},
	{"初级职称 held a year, no work in the occupation",
	 T2L(3),
	 {TODAY, "6-18-01-01", TT_MATCH_YES, TITLES(eng_assist_1y)},
	 false,
	 "work",
	 "work_short"},
	{"work before the title does not count",
	 T2L(3),
	 {TODAY, "6-18-01-01", TT_MATCH_YES, WORK(work_long), TITLES(eng_assist_1y_less1)},
	 false,
	 "work",
	 "work_short"},
	{"an occupation the series does not match",
	 T2L(2),
	 {TODAY, "4-01-01-01", TT_MATCH_NO, WORK(work_long), TITLES(eng_mid)},
	 false,
	 "occupation",
	 "occupation_mismatch"},
	{"中级职称 → 二级 (the series lists no occupations: [GAP], the reviewers judge)",
	 T2L(2),
	 {TODAY, "6-18-01-01", TT_MATCH_UNLISTED, WORK(work_long), TITLES(eng_mid)},
	 true,
	 NULL,
	 NULL},
	{"中级职称 → 二级 but already 三级 only",
	 T2L(2),
	 {TODAY, "6-18-01-01", TT_MATCH_YES, WORK(work_long), CERTS(level3_in_occ), TITLES(eng_mid)},
	 true,
	 NULL,
	 NULL},
	{"中级职称 → 三级 already held",
	 T2L(3),
	 {TODAY, "6-18-01-01", TT_MATCH_YES, WORK(work_long), CERTS(level3_in_occ), TITLES(eng_mid)},
	 false,
	 "not_held",
	 "level_held"},
	{"a title of another series",
	 T2L(3),
	 {TODAY, "6-18-01-01", TT_MATCH_YES, WORK(work_long), TITLES(agri_assist)},
	 false,
	 "title",
	 "title_missing"},
	{"a title dated after today",
	 T2L(1),
	 {TODAY, "6-18-01-01", TT_MATCH_YES, WORK(work_long), TITLES(eng_senior_future)},
	 false,
	 "title",
	 "title_missing"},
	{"no occupation",
	 T2L(2),
	 {TODAY, NULL, TT_MATCH_UNLISTED, WORK(work_long), TITLES(eng_mid)},
	 false,
	 "occupation",
	 "occupation_missing"},
	/* 一评双证 (the rules of test_dual below) */
};

/* 一评双证 in 技工院校 as the province's data: a 中级 teacher of 4 years → 副高 and 技师 (专技人才); a 技师
 * of 4 years → 中级 and 高级技师 (高技能人才); 2 passed appraisals each */
static const struct tt_rule dual_rules[] = {
	{TT_DUAL, "tech_school", .from_rank = TR_INTERMEDIATE, .years = 4, .appraisal_years = 2,
	 .to_rank = TR_DEPUTY_SENIOR, .to_level = 2, .source = "test"},
	{TT_DUAL, "tech_school", .from_level = 2, .years = 4, .appraisal_years = 2,
	 .to_rank = TR_INTERMEDIATE, .to_level = 1, .source = "test"},
};

static const struct tcase dual_cases[] = {
	{"中级 teacher of 6 years → 副高 + 技师",
	 DUAL(TR_DEPUTY_SENIOR, 2),
	 {TODAY, "6-18-01-01", TT_MATCH_YES, TITLES(school_mid), APPR(passed3)},
	 true,
	 NULL,
	 NULL},
	{"技师 of 6 years → 中级 + 高级技师",
	 DUAL(TR_INTERMEDIATE, 1),
	 {TODAY, "6-18-01-01", TT_MATCH_YES, CERTS(tech_2020), APPR(passed3)},
	 true,
	 NULL,
	 NULL},
	{"a teacher without the title",
	 DUAL(TR_DEPUTY_SENIOR, 2),
	 {TODAY, "6-18-01-01", TT_MATCH_YES, APPR(passed3)},
	 false,
	 "title",
	 "title_missing"},
	{"the 副高 already held",
	 DUAL(TR_DEPUTY_SENIOR, 2),
	 {TODAY, "6-18-01-01", TT_MATCH_YES, TITLES(school_senior), APPR(passed3)},
	 false,
	 "years",
	 "years_short"},
	{"the level already held",
	 DUAL(TR_INTERMEDIATE, 1),
	 {TODAY, "6-18-01-01", TT_MATCH_YES, CERTS(master_in_occ), APPR(passed3)},
	 false,
	 "years",
	 "years_short"},
	{"an appraisal failed",
	 DUAL(TR_DEPUTY_SENIOR, 2),
	 {TODAY, "6-18-01-01", TT_MATCH_YES, TITLES(school_mid), APPR(failed2024)},
	 false,
	 "appraisal",
	 "appraisal_failed"},
	{"an occupation the series does not match",
	 DUAL(TR_DEPUTY_SENIOR, 2),
	 {TODAY, "4-01-01-01", TT_MATCH_NO, TITLES(school_mid), APPR(passed3)},
	 false,
	 "occupation",
	 "occupation_mismatch"},
	{"no dual rule to 正高",
	 DUAL(TR_FULL_SENIOR, 1),
	 {TODAY, "6-18-01-01", TT_MATCH_YES},
	 false,
	 "rule",
	 "no_rule"},
};

static void run_cases(const struct tt_rule *rules, size_t n, const struct tcase *cases, size_t ncases)
{
	for (size_t i = 0; i < ncases; i++) {
		const struct tcase *c = &cases[i];
		struct tt_decision d;
		int chosen;
		tt_decide_target(rules, n, &c->t, &c->f, &d, &chosen);
		if (d.ok != c->ok)
			fail_msg("%s: ok %d, want %d", c->name, d.ok, c->ok);
		const struct tt_check *first = NULL;
		for (int k = 0; k < d.nchecks; k++) {
			const struct tt_check *x = &d.checks[k];
			/* explained always; a code only when failed */
			assert_true(x->id && *x->zh && *x->en);
			assert_int_equal(x->ok, x->code[0] == 0);
			if (!x->ok && !first)
				first = x;
		}
		if (c->ok) {
			assert_non_null(c->t.series);
			assert_true(chosen >= 0);
			assert_null(first);
		} else {
			if (!first)
				fail_msg("%s: no failed check", c->name);
			if (strcmp(first->id, c->fail_id) || strcmp(first->code, c->fail_code))
				fail_msg("%s: failed %s/%s, want %s/%s", c->name, first->id, first->code,
					 c->fail_id, c->fail_code);
		}
	}
}

static void test_cases(void **state)
{
	UNUSED(state);
	size_t n;
	const struct tt_rule *rules = tt_rules_seeded(&n);
	run_cases(rules, n, cases, ARRAY_LEN(cases));
}

static void test_dual(void **state)
{
	UNUSED(state);
	err e;
	for (size_t i = 0; i < ARRAY_LEN(dual_rules); i++) {
		err_clear(&e);
		assert_int_equal(tt_rule_check(&dual_rules[i], &e), 0);
	}
	run_cases(dual_rules, ARRAY_LEN(dual_rules), dual_cases, ARRAY_LEN(dual_cases));
	/* every condition of a dual rule, each explained: held, years, appraisal, occupation, both targets */
	struct tt_decision d;
	struct tt_facts f = {TODAY, "6-18-01-01", TT_MATCH_YES, TITLES(school_mid), APPR(passed3)};
	tt_decide(&dual_rules[0], &f, &d);
	assert_true(d.ok);
	assert_int_equal(d.nchecks, 6);
	const char *ids[] = {"title", "years", "appraisal", "occupation", "not_held", "level_held"};
	for (int k = 0; k < 6; k++)
		assert_string_equal(d.checks[k].id, ids[k]);
}

/* every condition is evaluated, not only up to the first failure */
static void test_all_conditions(void **state)
{
	UNUSED(state);
	size_t n;
	const struct tt_rule *rules = tt_rules_seeded(&n);
	struct tt_target t = T2T(TR_INTERMEDIATE);
	struct tt_facts f = {TODAY, NULL, CERTS(tech_3y_less1), TITLES(eng_mid), APPR(failed2024)};
	struct tt_decision d;
	tt_decide_target(rules, n, &t, &f, &d, NULL);
	assert_false(d.ok);
	assert_int_equal(d.nchecks, 4);
	assert_true(d.checks[0].ok); /* the level is held */
	assert_string_equal(d.checks[1].code, "years_short");
	assert_string_equal(d.checks[2].code, "appraisal_failed");
	assert_string_equal(d.checks[3].code, "title_held");
}

/* the seeded rules are well formed; malformed ones are refused by field */
static void test_rule_check(void **state)
{
	UNUSED(state);
	size_t n;
	const struct tt_rule *rules = tt_rules_seeded(&n);
	err e;
	for (size_t i = 0; i < n; i++) {
		err_clear(&e);
		assert_int_equal(tt_rule_check(&rules[i], &e), 0);
	}
	assert_int_equal(n, 8);
	struct {
		struct tt_rule r;
		const char *field;
	} badr[] = {
		{{TT_KIND_COUNT, "engineering"}, "kind"},
		{{TT_SKILL_TO_TITLE, "", .from_level = 2, .to_rank = 2}, "series"},
		{{TT_SKILL_TO_TITLE, "x", .from_level = 0, .to_rank = 2}, "from_level"},
		{{TT_SKILL_TO_TITLE, "x", .from_level = 2, .to_rank = 5}, "to_rank"},
		{{TT_SKILL_TO_TITLE, "x", .from_level = 2, .to_rank = 2, .years = 41}, "years"},
		{{TT_SKILL_TO_TITLE, "x", .from_level = 2, .to_rank = 2, .appraisal_years = 11},
		 "appraisal_years"},
		{{TT_GREEN, "x", .to_rank = 4}, "honour"},
		{{TT_TITLE_TO_LEVEL, "x", .from_rank = 0, .to_level = 3}, "from_rank"},
		{{TT_TITLE_TO_LEVEL, "x", .from_rank = 1, .to_level = 6}, "to_level"},
		{{TT_DUAL, "x", .from_rank = 2, .from_level = 2, .to_rank = 3, .to_level = 2}, "from_rank"},
		{{TT_DUAL, "x", .to_rank = 3, .to_level = 2}, "from_rank"},
		{{TT_DUAL, "x", .from_level = 2, .to_rank = 3, .to_level = 0}, "to_level"},
		{{TT_DUAL, "x", .from_level = 2, .to_rank = 0, .to_level = 1}, "to_rank"},
	};
	for (size_t i = 0; i < ARRAY_LEN(badr); i++) {
		err_clear(&e);
		assert_int_equal(tt_rule_check(&badr[i].r, &e), -1);
		assert_int_equal(e.status, 422);
		assert_string_equal(e.field, badr[i].field);
	}
}

static void test_codes(void **state)
{
	UNUSED(state);
	for (int r = 1; r < TR_COUNT; r++) {
		assert_int_equal(title_rank_parse(title_rank_code(r)), r);
		assert_true(*title_rank_zh(r));
	}
	assert_int_equal(title_rank_parse("senior"), 0);
	assert_null(title_rank_code(0));
	assert_int_equal(title_rank_grade(TR_ASSISTANT), 1);
	assert_int_equal(title_rank_grade(TR_INTERMEDIATE), 2);
	assert_int_equal(title_rank_grade(TR_DEPUTY_SENIOR), 3);
	assert_int_equal(title_rank_grade(TR_FULL_SENIOR), 3);
	assert_string_equal(title_grade_code(3), "senior");
	for (int k = 0; k < TT_KIND_COUNT; k++)
		assert_int_equal(tt_kind_parse(tt_kind_code(k)), k);
	assert_int_equal(tt_kind_parse("sideways"), -1);
}

/* the application's table: valid; who moves what; the re-check guard; reasons where the table asks */
static void test_flow(void **state)
{
	UNUSED(state);
	err e = {0};
	assert_int_equal(fsm_validate(&title_fsm, &e), 0);
	const unsigned city = RB(ROLE_CITY_ADMIN), prov = RB(ROLE_PROVINCE_ADMIN), cand = RB(ROLE_CANDIDATE),
		       inst = RB(ROLE_INSTITUTION_ADMIN);
	struct title_ctx ok = {true}, stale = {false};
	struct {
		const char *from, *to;
		unsigned roles;
		const char *reason;
		const struct title_ctx *ctx;
		int status;
		const char *code;
	} rows[] = {
		{"submitted", "recommended", city, NULL, &ok, 0, NULL},
		{"submitted", "recommended", prov, NULL, &ok, 0, NULL}, /* the province may act for a city */
		{"submitted", "recommended", city, NULL, &stale, 409, "conditions_not_met"},
		{"submitted", "recommended", cand, NULL, &ok, 403, "forbidden"},
		{"submitted", "recommended", inst, NULL, &ok, 403, "forbidden"},
		{"submitted", "rejected", city, NULL, &ok, 422, "missing_field"},
		{"submitted", "rejected", city, "近三年考核记录不实", &ok, 0, NULL},
		{"submitted", "withdrawn", cand, NULL, &ok, 0, NULL},
		{"submitted", "withdrawn", city, NULL, &ok, 403, "forbidden"},
		{"submitted", "approved", prov, NULL, &ok, 409, "invalid_transition"},
		{"recommended", "approved", prov, NULL, &ok, 0, NULL},
		{"recommended", "approved", city, NULL, &ok, 403, "forbidden"},
		{"recommended", "approved", prov, NULL, &stale, 409, "conditions_not_met"},
		{"recommended", "rejected", prov, "评审未通过", &ok, 0, NULL},
		{"recommended", "submitted", prov, "材料不全", &ok, 0, NULL},
		{"recommended", "withdrawn", cand, NULL, &ok, 409, "invalid_transition"},
		{"approved", "rejected", prov, "x", &ok, 409, "invalid_transition"},
		{"submitted", "closed", prov, NULL, &ok, 422, "invalid_value"},
	};
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		err_clear(&e);
		const struct fsm_transition *t = NULL;
		int rc = fsm_decide(&title_fsm, rows[i].from, rows[i].to, rows[i].roles, rows[i].reason,
				    rows[i].ctx, &t, &e);
		if ((rc == 0) != (rows[i].status == 0) || (rc && e.status != rows[i].status) ||
		    (rc && strcmp(e.code, rows[i].code)))
			fail_msg("row %zu %s->%s: rc %d %d %s", i, rows[i].from, rows[i].to, rc, e.status,
				 e.code);
	}
	/* approval grants; the city's moves carry its opinion */
	const struct fsm_transition *t = fsm_find(&title_fsm, "recommended", "approved");
	assert_true(t && (t->effects & TITLE_FX_GRANT));
	t = fsm_find(&title_fsm, "submitted", "recommended");
	assert_true(t && (t->effects & TITLE_FX_CITY) && !(t->effects & TITLE_FX_GRANT));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),	       cmocka_unit_test(test_dual),
		cmocka_unit_test(test_all_conditions), cmocka_unit_test(test_rule_check),
		cmocka_unit_test(test_codes),	       cmocka_unit_test(test_flow),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
