/* core/demand.c: a class answering job postings (open, occupation, city, the posting's limit, the class's
 * places) at their boundaries, the demand covered, and the chain's member roles */
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#include "core/demand.h"

#define TODAY "2026-03-15"

static void test_open(void **state)
{
	UNUSED(state);
	static const struct {
		const char *posted, *closed;
		bool open;
	} t[] = {
		{"2026-03-15", NULL, true},	     /* posted today */
		{"2026-03-16", NULL, false},	     /* posted tomorrow */
		{"2026-01-01", "2026-03-15", true},  /* closes today: still open */
		{"2026-01-01", "2026-03-14", false}, /* closed yesterday */
		{"2026-01-01", "", true},	     /* no end */
	};
	for (size_t i = 0; i < sizeof t / sizeof *t; i++)
		assert_int_equal(demand_posting_open(t[i].posted, t[i].closed, TODAY), t[i].open);
}

static void test_limit_and_covered(void **state)
{
	UNUSED(state);
	assert_int_equal(demand_cover_limit(30, 100), 30);
	assert_int_equal(demand_cover_limit(30, 150), 45);
	assert_int_equal(demand_cover_limit(3, 10), 1); /* floor 0.3 → at least 1 */
	assert_int_equal(demand_cover_limit(7, 50), 3); /* floor 3.5 */
	assert_int_equal(demand_covered(30, 20), 20);
	assert_int_equal(demand_covered(30, 45), 30);
	assert_int_equal(demand_covered(30, 0), 0);
}

static void test_answer(void **state)
{
	UNUSED(state);
	static const struct demand_rules def = {1, 1, 100}, loose = {0, 0, 150};
	/* a posting of 30 in 济南 (3701..), 10 pledged already; a class of 40 in 济南 of the same occupation
	 * with 25 of its places pledged elsewhere */
	struct demand_posting p = {"6-18-01-01", "370102", "2026-03-01", NULL, 30, 10};
	struct demand_target c = {"6-18-01-01", "370103", 40, 25};
	static const struct {
		const struct demand_rules *r;
		const char *occ, *region, *closed;
		int64_t places;
		enum demand_refusal want;
	} t[] = {
		{&def, NULL, NULL, NULL, 15, DR_OK}, /* 10 + 15 ≤ 30, 25 + 15 ≤ 40 */
		{&def, NULL, NULL, NULL, 0, DR_PLACES},
		{&def, NULL, NULL, "2026-03-14", 5, DR_NOT_OPEN},
		{&def, "6-18-01-02", NULL, NULL, 5, DR_OCCUPATION},
		{&def, "", NULL, NULL, 5, DR_OCCUPATION},     /* a major naming no occupation */
		{&loose, "6-18-01-02", NULL, NULL, 5, DR_OK}, /* the rule off */
		{&def, NULL, "370202", NULL, 5, DR_CITY},     /* 青岛 */
		{&loose, NULL, "370202", NULL, 5, DR_OK},
		{&def, NULL, NULL, NULL, 20,
		 DR_OVER_CAPACITY}, /* 10 + 20 = 30 meets the posting; 25 + 20 > 40 */
		{&def, NULL, NULL, NULL, 21, DR_OVER_DEMAND},	  /* 31 > 30 */
		{&loose, NULL, NULL, NULL, 16, DR_OVER_CAPACITY}, /* 26 ≤ 45 but 25 + 16 > 40 */
		{&loose, NULL, NULL, NULL, 15, DR_OK},		  /* 25 + 15 = 40 */
	};
	for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
		struct demand_posting pp = p;
		struct demand_target cc = c;
		if (t[i].occ)
			cc.occupation = t[i].occ;
		if (t[i].region)
			cc.region = t[i].region;
		if (t[i].closed)
			pp.closed_on = t[i].closed;
		assert_int_equal(demand_answer_check(t[i].r, &pp, &cc, t[i].places, TODAY), t[i].want);
	}
	assert_string_equal(demand_refusal_code(DR_OVER_DEMAND), "over_demand");
	assert_string_equal(demand_refusal_code(DR_CITY), "other_city");
}

static void test_roles(void **state)
{
	UNUSED(state);
	static const struct {
		const char *types, *type;
		bool ok;
	} t[] = {
		{"employer", "employer", true},
		{"technical_school,university", "university", true},
		{"technical_school,university", "technical_school", true},
		{"technical_school,university", "training", false},
		{"employer", "employ", false},
		{"training,social_org", "social", false},
		{"", "employer", false},
	};
	for (size_t i = 0; i < sizeof t / sizeof *t; i++)
		assert_int_equal(chain_role_admits(t[i].types, t[i].type), t[i].ok);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open),
		cmocka_unit_test(test_limit_and_covered),
		cmocka_unit_test(test_answer),
		cmocka_unit_test(test_roles),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
