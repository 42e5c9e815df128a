/* core/competition.c: the competition core's pure rules — tiers in order, the plan's order (十强产业
 * first), both workflow tables, each group's eligibility with its reasons, the nomination quota and the
 * seat draw (same seed, same draw; a permutation; a pinned vector so another machine draws the same). */
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#include "core/competition.h"

static void test_tables(void **state)
{
	UNUSED(state);
	err e = {0};
	assert_int_equal(fsm_validate(&comp_fsm, &e), 0);
	assert_int_equal(fsm_validate(&comp_entry_fsm, &e), 0);
	assert_string_equal(comp_fsm.states[0].code, "draft");
	assert_string_equal(comp_entry_fsm.states[0].code, "nominated");
}

static void test_tiers(void **state)
{
	UNUSED(state);
	/* 世界技能大赛 > 全国 > 省级一类 > 省级二类 > 市 = 县 = 行业 > 企业 = 院校 */
	static const char *const order[] = {"worldskills", "national", "province_1",
					    "province_2",  "city",     "enterprise"};
	for (size_t i = 0; i + 1 < ARRAY_LEN(order); i++) {
		assert_true(comp_tier_cmp(order[i], order[i + 1]) < 0);
		assert_true(comp_tier_cmp(order[i + 1], order[i]) > 0);
	}
	assert_int_equal(comp_tier_cmp("city", "county"), 0);
	assert_int_equal(comp_tier_cmp("county", "industry"), 0);
	assert_int_equal(comp_tier_cmp("enterprise", "school"), 0);
	assert_true(comp_tier_cmp("school", "nonsense") < 0);
	assert_null(comp_tier("province"));
	assert_int_equal(comp_tier("province_1")->plan_class, 1);
	assert_int_equal(comp_tier("province_2")->plan_class, 2);
	assert_int_equal(comp_tier("city")->plan_class, 0);
	assert_string_equal(comp_tier("worldskills")->zh, "世界技能大赛");
}

static void test_plan_order(void **state)
{
	UNUSED(state);
	static const struct {
		struct comp_plan_row a, b;
		int want; /* sign */
	} rows[] = {
		{{1, true, 2, 20270601}, {2, false, 1, 20270101}, -1},	/* 十强产业 first, even class 2 */
		{{1, false, 1, 20270601}, {2, false, 2, 20270101}, -1}, /* then class 1 */
		{{5, true, 1, 20270301}, {2, true, 1, 20270401}, -1},	/* then the earlier start */
		{{1, false, 1, 20270101}, {2, false, 1, 20270101}, -1}, /* then the id */
		{{2, false, 1, 20270101}, {2, false, 1, 20270101}, 0},
	};
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		int c = comp_plan_cmp(&rows[i].a, &rows[i].b), d = comp_plan_cmp(&rows[i].b, &rows[i].a);
		assert_int_equal(c < 0 ? -1 : c > 0, rows[i].want);
		assert_int_equal(d < 0 ? -1 : d > 0, -rows[i].want);
	}
}

#define PROV RB(ROLE_PROVINCE_ADMIN)
#define CITY RB(ROLE_CITY_ADMIN)
#define IADM RB(ROLE_INSTITUTION_ADMIN)

/* who may take which move, and the guards */
static void test_moves(void **state)
{
	UNUSED(state);
	static const struct {
		const char *from, *to, *tier;
		bool published;
		int events;
		unsigned roles;
		const char *reason;
		int status; /* 0 allowed */
		const char *code;
	} rows[] = {
		{"draft", "applied", "province_1", false, 0, CITY, NULL, 0, NULL},
		{"draft", "applied", "city", false, 0, CITY, NULL, 409, "not_plan_tier"},
		{"draft", "applied", "province_2", false, 0, RB(ROLE_CANDIDATE), NULL, 403, "forbidden"},
		{"draft", "applied", "province_2", false, 0, RB(ROLE_INSTITUTION_STAFF), NULL, 403,
		 "forbidden"},
		{"applied", "approved", "province_1", false, 0, PROV, NULL, 0, NULL},
		{"applied", "approved", "province_1", false, 0, CITY, NULL, 403, "forbidden"},
		{"applied", "rejected", "province_1", false, 0, PROV, NULL, 422, "missing_field"},
		{"applied", "rejected", "province_1", false, 0, PROV, "不属十强产业且重复", 0, NULL},
		{"approved", "open", "province_1", false, 2, CITY, NULL, 409, "plan_not_published"},
		{"approved", "open", "province_1", true, 0, CITY, NULL, 409, "no_events"},
		{"approved", "open", "province_1", true, 2, CITY, NULL, 0, NULL},
		{"draft", "open", "province_1", true, 2, PROV, NULL, 409, "plan_required"},
		{"draft", "open", "city", false, 1, CITY, NULL, 0, NULL},
		{"draft", "open", "school", false, 1, IADM, NULL, 0, NULL},
		{"draft", "approved", "province_1", true, 1, PROV, NULL, 409, "invalid_transition"},
		{"open", "closed", "city", false, 1, CITY, NULL, 0, NULL},
		{"closed", "open", "city", false, 1, CITY, NULL, 409, "invalid_transition"},
	};
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		struct comp_ctx c = {rows[i].tier, rows[i].published, rows[i].events};
		const struct fsm_transition *t = NULL;
		err e = {0};
		int rc = fsm_decide(&comp_fsm, rows[i].from, rows[i].to, rows[i].roles, rows[i].reason, &c,
				    &t, &e);
		if (rows[i].status == 0) {
			assert_int_equal(rc, 0);
			assert_non_null(t);
		} else {
			assert_int_equal(rc, -1);
			assert_int_equal(e.status, rows[i].status);
			assert_string_equal(e.code, rows[i].code);
		}
	}
	const struct fsm_transition *t = fsm_find(&comp_fsm, "draft", "open");
	assert_true(t->effects & COMP_FX_PUBLISH);
	/* entries: the organiser reviews; withdrawing an approved entry needs a reason */
	err e = {0};
	assert_int_equal(fsm_decide(&comp_entry_fsm, "nominated", "rejected", IADM, NULL, NULL, &t, &e), -1);
	assert_string_equal(e.code, "missing_field");
	err_clear(&e);
	assert_int_equal(fsm_decide(&comp_entry_fsm, "approved", "withdrawn", CITY, "伤病", NULL, &t, &e), 0);
	assert_int_equal(fsm_decide(&comp_entry_fsm, "withdrawn", "nominated", CITY, NULL, NULL, &t, &e), -1);
	assert_int_equal(e.status, 409);
}

/* each group's rule on facts: ok, or exactly these reasons in this order */
static void test_eligibility(void **state)
{
	UNUSED(state);
	const int on = 20270915; /* the first day */
	static const struct {
		const char *name;
		struct comp_group_rule r;
		struct comp_person_facts f;
		const char *reasons[4]; /* the codes expected, NULL-ended; none: eligible */
	} rows[] = {
		{"no conditions", {0}, {0}, {NULL}},
		{"职工组 16..60 employed, not enrolled",
		 {16, 60, 0, 0, CE_EMPLOYED, CN_NOT_ENROLLED},
		 {19800101, 3, true, false, false},
		 {NULL}},
		{"age on the first day: 16 exactly",
		 {16, 0, 0, 0, CE_ANY, CN_ANY},
		 {20110915, 0, false, false, true},
		 {NULL}},
		{"a day short of 16",
		 {16, 0, 0, 0, CE_ANY, CN_ANY},
		 {20110916, 0, false, false, true},
		 {"age_below", NULL}},
		{"over the max",
		 {16, 35, 0, 0, CE_ANY, CN_ANY},
		 {19900101, 0, true, false, false},
		 {"age_above", NULL}},
		{"age unknown",
		 {16, 0, 0, 0, CE_ANY, CN_ANY},
		 {0, 0, true, false, false},
		 {"age_unknown", NULL}},
		{"level 3 required, holds 4",
		 {0, 0, 3, 0, CE_ANY, CN_ANY},
		 {19900101, 4, true, false, false},
		 {"level_missing", NULL}},
		{"level 3 required, holds 2",
		 {0, 0, 3, 0, CE_ANY, CN_ANY},
		 {19900101, 2, true, false, false},
		 {NULL}},
		{"level 3 required, holds none",
		 {0, 0, 3, 0, CE_ANY, CN_ANY},
		 {19900101, 0, true, false, false},
		 {"level_missing", NULL}},
		{"高级技师 excluded, holds 1",
		 {0, 0, 0, 1, CE_ANY, CN_ANY},
		 {19900101, 1, true, false, false},
		 {"level_excluded", NULL}},
		{"高级技师 excluded, holds 2",
		 {0, 0, 0, 1, CE_ANY, CN_ANY},
		 {19900101, 2, true, false, false},
		 {NULL}},
		{"学生组: enrolled",
		 {0, 0, 0, 0, CE_ANY, CN_ENROLLED},
		 {20050101, 0, false, false, true},
		 {NULL}},
		{"学生组: not enrolled",
		 {0, 0, 0, 0, CE_ANY, CN_ENROLLED},
		 {20050101, 0, true, false, false},
		 {"not_enrolled", NULL}},
		{"教师组: school staff",
		 {0, 0, 0, 0, CE_SCHOOL_STAFF, CN_ANY},
		 {19850101, 2, true, true, false},
		 {NULL}},
		{"教师组: an enterprise's worker",
		 {0, 0, 0, 0, CE_SCHOOL_STAFF, CN_ANY},
		 {19850101, 2, true, false, false},
		 {"not_school_staff", NULL}},
		{"职工组: a student without a job, too young, no level",
		 {18, 60, 4, 0, CE_EMPLOYED, CN_NOT_ENROLLED},
		 {20100101, 0, false, false, true},
		 {"age_below", "level_missing", "not_employed", "enrolled"}},
	};
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		struct comp_elig_result res;
		err e = {0};
		assert_int_equal(comp_rule_check(&rows[i].r, &e), 0);
		comp_elig_check(&rows[i].r, &rows[i].f, on, &res);
		int want = 0;
		while (want < 4 && rows[i].reasons[want])
			want++;
		if (res.nreasons != want)
			print_error("row %zu (%s): %d reasons, want %d\n", i, rows[i].name, res.nreasons,
				    want);
		assert_int_equal(res.nreasons, want);
		assert_int_equal(res.ok, want == 0);
		for (int k = 0; k < want; k++) {
			assert_string_equal(res.reasons[k].code, rows[i].reasons[k]);
			assert_true(res.reasons[k].zh[0] && res.reasons[k].en[0]);
		}
	}
	/* the Chinese reason names the level as the ladder does */
	struct comp_group_rule r = {0, 0, 3, 0, CE_ANY, CN_ANY};
	struct comp_person_facts f = {19900101, 5, true, false, false};
	struct comp_elig_result res;
	comp_elig_check(&r, &f, on, &res);
	assert_string_equal(res.reasons[0].zh, "须取得三级/高级工及以上职业技能等级证书");
}

static void test_rule_check(void **state)
{
	UNUSED(state);
	static const struct {
		struct comp_group_rule r;
		const char *field; /* NULL: sound */
	} rows[] = {
		{{16, 60, 0, 0, CE_ANY, CN_ANY}, NULL},
		{{-1, 0, 0, 0, CE_ANY, CN_ANY}, "min_age"},
		{{30, 20, 0, 0, CE_ANY, CN_ANY}, "max_age"},
		{{0, 101, 0, 0, CE_ANY, CN_ANY}, "max_age"},
		{{0, 0, 6, 0, CE_ANY, CN_ANY}, "level_required"},
		{{0, 0, 0, -1, CE_ANY, CN_ANY}, "level_excluded"},
		{{0, 0, 3, 3, CE_ANY, CN_ANY}, "level_excluded"}, /* nobody qualifies */
		{{0, 0, 3, 2, CE_ANY, CN_ANY}, NULL},		  /* 三级 but not yet 二级 */
	};
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		err e = {0};
		int rc = comp_rule_check(&rows[i].r, &e);
		if (!rows[i].field) {
			assert_int_equal(rc, 0);
			continue;
		}
		assert_int_equal(rc, -1);
		assert_int_equal(e.status, 422);
		assert_string_equal(e.field, rows[i].field);
	}
}

static void test_quota(void **state)
{
	UNUSED(state);
	static const struct {
		int64_t quota, used;
		bool ok;
	} rows[] = {
		{-1, 1000, true},				/* no quota for the unit */
		{2, 0, true},	  {2, 1, true},	 {2, 2, false}, /* the third of two */
		{2, 3, false},	  {0, 0, false},		/* a quota of none */
	};
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		err e = {0};
		int rc = comp_quota_check(rows[i].quota, rows[i].used, "济南市", &e);
		assert_int_equal(rc, rows[i].ok ? 0 : -1);
		if (!rows[i].ok) {
			assert_int_equal(e.status, 409);
			assert_string_equal(e.code, "over_quota");
			assert_non_null(strstr(e.zh, "济南市"));
		}
	}
}

static void test_draw(void **state)
{
	UNUSED(state);
	enum { N = 40 };
	int a[N], b[N], c[N];
	err e = {0};
	/* the same seed draws the same seats */
	assert_int_equal(comp_draw("7f3a9c01d2e4b5a6", N, a, &e), 0);
	assert_int_equal(comp_draw("7f3a9c01d2e4b5a6", N, b, &e), 0);
	assert_memory_equal(a, b, sizeof a);
	/* a permutation of 1..N */
	bool seen[N + 1] = {0};
	for (int i = 0; i < N; i++) {
		assert_true(a[i] >= 1 && a[i] <= N);
		assert_false(seen[a[i]]);
		seen[a[i]] = true;
	}
	/* another seed, another draw */
	assert_int_equal(comp_draw("7f3a9c01d2e4b5a7", N, c, &e), 0);
	assert_memory_not_equal(a, c, sizeof a);
	/* pinned: the same seats on every machine (the algorithm is COMP_DRAW_ALGORITHM; a change of it is a
	 * new algorithm name, never a silent change of recorded draws) */
	int p[6];
	assert_int_equal(comp_draw("jineng", 6, p, &e), 0);
	static const int pinned[6] = {2, 6, 4, 5, 3, 1};
	assert_memory_equal(p, pinned, sizeof p);
	/* edge cases */
	assert_int_equal(comp_draw("x", 0, a, &e), 0);
	assert_int_equal(comp_draw("x", 1, a, &e), 0);
	assert_int_equal(a[0], 1);
	assert_int_equal(comp_draw("", 3, a, &e), -1);
	assert_int_equal(e.status, 422);
	err_clear(&e);
	assert_int_equal(comp_draw("has space", 3, a, &e), -1);
	err_clear(&e);
	char longseed[COMP_DRAW_SEED_MAX + 2];
	memset(longseed, 'a', sizeof longseed - 1);
	longseed[sizeof longseed - 1] = 0;
	assert_int_equal(comp_draw(longseed, 3, a, &e), -1);
	/* every seat is drawn about equally often for unit 0 over many seeds (no gross bias) */
	int counts[5] = {0};
	char s[16];
	for (int i = 0; i < 5000; i++) {
		snprintf(s, sizeof s, "s%d", i);
		assert_int_equal(comp_draw(s, 5, a, &e), 0);
		counts[a[0] - 1]++;
	}
	for (int k = 0; k < 5; k++)
		assert_true(counts[k] > 850 && counts[k] < 1150);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tables),	    cmocka_unit_test(test_tiers),
		cmocka_unit_test(test_plan_order),  cmocka_unit_test(test_moves),
		cmocka_unit_test(test_eligibility), cmocka_unit_test(test_rule_check),
		cmocka_unit_test(test_quota),	    cmocka_unit_test(test_draw),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
