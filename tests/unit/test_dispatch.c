/* 督导员派遣: the dispatch solver keeps every constraint (回避, 本单位, 交叉互派, one sitting per slot, the
 * daily maximum), covers what can be covered, explains itself, and is optimal: table-driven cases, then
 * random instances checked constraint by constraint and against brute force. */
#include "util/common.h"
#include <inttypes.h>
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#include "core/dispatch.h"

#define H 3600
/* a point 0.01 degree of latitude apart is ~1112 m */
#define LAT(km) (36.0 + (km) / 111.195)

static void test_haversine(void **state)
{
	UNUSED(state);
	/* 济南 (36.651, 117.120) to 青岛 (36.067, 120.383): about 300 km */
	int64_t d = dispatch_haversine_m(36.651, 117.120, 36.067, 120.383);
	assert_true(d > 295000 && d < 305000);
	assert_int_equal(dispatch_haversine_m(36, 117, 36, 117), 0);
	int64_t one = dispatch_haversine_m(LAT(0), 117, LAT(1), 117);
	assert_true(one >= 999 && one <= 1001);
}

static void test_constraints(void **state)
{
	UNUSED(state);
	int64_t avoid[] = {7};
	struct dispatch_interval busy[] = {{10 * H, 12 * H}};
	struct dispatch_sup s = {.id = 1,
				 .home_inst = 5,
				 .city = "3702",
				 .cap = 2,
				 .avoid = avoid,
				 .navoid = 1,
				 .busy = busy,
				 .nbusy = 1};
	static const struct {
		int64_t inst;
		const char *city;
		bool cross;
		int64_t start, end;
		int cap;
		enum dispatch_constraint want;
	} cases[] = {
		{9, "3701", true, 14 * H, 16 * H, 2, DC_OK},	   /* another city */
		{5, "3701", false, 14 * H, 16 * H, 2, DC_HOME},	   /* 本单位 */
		{7, "3701", false, 14 * H, 16 * H, 2, DC_AVOID},   /* 回避 */
		{9, "3702", true, 14 * H, 16 * H, 2, DC_OWN_CITY}, /* 交叉互派 in the own city */
		{9, "3702", false, 14 * H, 16 * H, 2, DC_OK},	   /* own city without the rule */
		{9, "3701", false, 11 * H, 13 * H, 2, DC_BUSY},	   /* overlaps an earlier run's sitting */
		{9, "3701", false, 12 * H, 13 * H, 2, DC_OK},	   /* starts when the other ends */
		{9, "3701", false, 14 * H, 16 * H, 0, DC_UNAVAILABLE},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct dispatch_sitting t = {.id = 1,
					     .inst = cases[i].inst,
					     .cross = cases[i].cross,
					     .start = cases[i].start,
					     .end = cases[i].end,
					     .need = 1};
		snprintf(t.city, sizeof t.city, "%s", cases[i].city);
		s.cap = cases[i].cap;
		enum dispatch_constraint got = dispatch_check(&s, &t);
		if (got != cases[i].want)
			fail_msg("case %zu: %s, want %s", i, dispatch_constraint_name(got),
				 dispatch_constraint_name(cases[i].want));
	}
}

/* two sittings at the same time, two supervisors: the nearer supervisor of sitting B is also the nearest
 * of A, but the sum is smaller when A takes the other: a greedy nearest-first plan would pay more */
static void test_not_greedy(void **state)
{
	UNUSED(state);
	struct dispatch_sup s[] = {
		{.id = 1, .lat = LAT(0), .lon = 117, .cap = 1},
		{.id = 2, .lat = LAT(10), .lon = 117, .cap = 1},
	};
	struct dispatch_sitting t[] = {
		{.id = 10,
		 .inst = 1,
		 .city = "3701",
		 .start = 9 * H,
		 .end = 11 * H,
		 .lat = LAT(1),
		 .lon = 117,
		 .need = 1},
		{.id = 11,
		 .inst = 2,
		 .city = "3701",
		 .start = 9 * H,
		 .end = 11 * H,
		 .lat = LAT(-3),
		 .lon = 117,
		 .need = 1},
	};
	struct dispatch_problem p = {s, 2, t, 2, 0};
	struct dispatch_result r;
	assert_int_equal(dispatch_solve(&p, &r), 0);
	assert_int_equal(r.na, 2);
	assert_int_equal(r.nshorts, 0);
	/* greedy (sitting 10 first takes supervisor 1 at 1 km, sitting 11 gets supervisor 2 at 13 km) = 14
	 * km; optimal: 11 takes supervisor 1 (3 km), 10 takes supervisor 2 (9 km) = 12 km */
	assert_true(r.dist_m > 11900 && r.dist_m < 12100);
	assert_int_equal(r.a[0].sit, 0);
	assert_int_equal(r.a[0].sup, 1);
	struct dispatch_alt alt[4];
	size_t na = dispatch_alternatives(&p, &r, 0, alt, 4);
	assert_int_equal(na, 1);
	assert_int_equal(alt[0].sup, 0);
	assert_int_equal(alt[0].why, ALT_SAME_SLOT);
	assert_int_equal(alt[0].other, 1);
	char why[128];
	assert_int_equal(dispatch_verify(&p, &r, why, sizeof why), 0);
	dispatch_result_free(&r);
}

/* the load term spreads sittings: one supervisor near two sittings of different slots, another a little
 * farther: with load 0 the near one takes both, with a load term worth more than the detour each takes one */
static void test_load_balance(void **state)
{
	UNUSED(state);
	struct dispatch_sup s[] = {
		{.id = 1, .lat = LAT(0), .lon = 117, .cap = 3},
		{.id = 2, .lat = LAT(5), .lon = 117, .cap = 3},
	};
	struct dispatch_sitting t[] = {
		{.id = 10,
		 .inst = 1,
		 .city = "3701",
		 .start = 9 * H,
		 .end = 11 * H,
		 .lat = LAT(1),
		 .lon = 117,
		 .need = 1},
		{.id = 11,
		 .inst = 2,
		 .city = "3701",
		 .start = 14 * H,
		 .end = 16 * H,
		 .lat = LAT(1),
		 .lon = 117,
		 .need = 1},
	};
	static const struct {
		int64_t load;
		int load0, load1;
	} cases[] = {{0, 2, 0}, {3000, 2, 0}, {5000, 1, 1}, {20000, 1, 1}};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct dispatch_problem p = {s, 2, t, 2, cases[i].load};
		struct dispatch_result r;
		assert_int_equal(dispatch_solve(&p, &r), 0);
		if (r.load[0] != cases[i].load0 || r.load[1] != cases[i].load1)
			fail_msg("case %zu: loads %d/%d, want %d/%d", i, r.load[0], r.load[1], cases[i].load0,
				 cases[i].load1);
		dispatch_result_free(&r);
	}
}

/* 交叉互派 and the daily maximum leave a sitting short: the result says which and why */
static void test_infeasible(void **state)
{
	UNUSED(state);
	int64_t avoid[] = {3};
	struct dispatch_sup s[] = {
		{.id = 1, .lat = LAT(0), .lon = 117, .city = "3701", .cap = 2}, /* 济南's own */
		{.id = 2, .lat = LAT(50), .lon = 117, .city = "3702", .cap = 1, .home_inst = 2}, /* 青岛 */
		{.id = 3, .lat = LAT(60), .lon = 117, .city = "3702", .cap = 1, .avoid = avoid, .navoid = 1},
	};
	struct dispatch_sitting t[] = {
		/* 济南 requires cross-dispatch: supervisor 1 may not go; 2 and 3 may */
		{.id = 10,
		 .inst = 1,
		 .city = "3701",
		 .cross = true,
		 .start = 9 * H,
		 .end = 11 * H,
		 .lat = LAT(1),
		 .lon = 117,
		 .need = 2},
		/* 济南 again, other slot: 2 and 3 have used their one sitting of the day */
		{.id = 11,
		 .inst = 3,
		 .city = "3701",
		 .cross = true,
		 .start = 14 * H,
		 .end = 16 * H,
		 .lat = LAT(1),
		 .lon = 117,
		 .need = 1},
		/* 青岛: supervisor 1 goes */
		{.id = 12,
		 .inst = 2,
		 .city = "3702",
		 .cross = false,
		 .start = 9 * H,
		 .end = 11 * H,
		 .lat = LAT(50),
		 .lon = 117,
		 .need = 1},
	};
	struct dispatch_problem p = {s, 3, t, 3, 1000};
	struct dispatch_result r;
	assert_int_equal(dispatch_solve(&p, &r), 0);
	assert_int_equal(r.nshorts, 1);
	assert_int_equal(r.shorts[0].sit, 1);
	assert_int_equal(r.shorts[0].covered, 0);
	assert_int_equal(r.shorts[0].eligible, 1); /* supervisor 2 only (3 avoids inst 3, 1 is 济南's) */
	assert_int_equal(r.shorts[0].refused[DC_OWN_CITY], 1);
	assert_int_equal(r.shorts[0].refused[DC_AVOID], 1);
	assert_int_equal(r.na, 3);
	char why[128];
	if (dispatch_verify(&p, &r, why, sizeof why))
		fail_msg("%s", why);
	dispatch_result_free(&r);
}

/* ---- random instances against brute force ---- */

static uint64_t rng = 0x9e3779b97f4a7c15ull;
static uint32_t rnd(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng % n);
}

struct bf {
	const struct dispatch_problem *p;
	const int *slot;
	int64_t dist[8][8];
	bool ok[8][8];
	int load[8];
	unsigned slots[8]; /* per supervisor: slot bits taken */
	int64_t best;	   /* full coverage only */
	int bestcov;	   /* most units covered */
};

static void bf_rec(struct bf *b, size_t j, int64_t cost, int cov)
{
	const struct dispatch_problem *p = b->p;
	if (j == p->nsits) {
		if (cov > b->bestcov)
			b->bestcov = cov;
		int full = 0;
		for (size_t k = 0; k < p->nsits; k++)
			full += p->sits[k].need;
		if (cov == full && (b->best < 0 || cost < b->best))
			b->best = cost;
		return;
	}
	unsigned n = 1u << p->nsups;
	for (unsigned m = 0; m < n; m++) {
		int pc = __builtin_popcount(m);
		if (pc > p->sits[j].need)
			continue;
		bool fine = true;
		int64_t c = cost;
		for (size_t s = 0; s < p->nsups && fine; s++) {
			if (!(m & (1u << s)))
				continue;
			if (!b->ok[s][j] || (b->slots[s] & (1u << b->slot[j])) ||
			    b->load[s] >= p->sups[s].cap)
				fine = false;
		}
		if (!fine)
			continue;
		for (size_t s = 0; s < p->nsups; s++)
			if (m & (1u << s)) {
				c += b->dist[s][j] + p->load_m * b->load[s];
				b->load[s]++;
				b->slots[s] |= 1u << b->slot[j];
			}
		bf_rec(b, j + 1, c, cov + pc);
		for (size_t s = 0; s < p->nsups; s++)
			if (m & (1u << s)) {
				b->load[s]--;
				b->slots[s] &= ~(1u << b->slot[j]);
			}
	}
}

static void random_instance(struct dispatch_sup *s, size_t ns, struct dispatch_sitting *t, size_t nt,
			    int64_t *avoid)
{
	static const char *cities[] = {"3701", "3702", "3703"};
	for (size_t i = 0; i < ns; i++) {
		avoid[i] = 1 + rnd(5);
		s[i] = (struct dispatch_sup){.id = (int64_t)i + 1,
					     .lat = 36 + rnd(100) / 100.0,
					     .lon = 117 + rnd(100) / 100.0,
					     .home_inst = rnd(3) ? 1 + rnd(5) : 0,
					     .cap = (int)rnd(4),
					     .avoid = &avoid[i],
					     .navoid = rnd(2)};
		snprintf(s[i].city, sizeof s[i].city, "%s", rnd(4) ? cities[rnd(3)] : "");
	}
	for (size_t j = 0; j < nt; j++) {
		int64_t st = (int64_t)(8 + rnd(8)) * H / 2 * 2;
		t[j] = (struct dispatch_sitting){.id = (int64_t)j + 100,
						 .inst = 1 + rnd(5),
						 .cross = rnd(3) == 0,
						 .start = st,
						 .end = st + (int64_t)(60 + rnd(120)) * 60,
						 .lat = 36 + rnd(100) / 100.0,
						 .lon = 117 + rnd(100) / 100.0,
						 .need = (int)rnd(3)};
		snprintf(t[j].city, sizeof t[j].city, "%s", cities[rnd(3)]);
	}
}

static void test_random_vs_brute_force(void **state)
{
	UNUSED(state);
	int feasible = 0, infeasible = 0;
	for (int iter = 0; iter < 600; iter++) {
		struct dispatch_sup s[5];
		struct dispatch_sitting t[5];
		int64_t avoid[5];
		size_t ns = 2 + rnd(4), nt = 1 + rnd(4);
		if (ns * nt > 16)
			nt = 16 / ns;
		random_instance(s, ns, t, nt, avoid);
		struct dispatch_problem p = {s, ns, t, nt, (int64_t)rnd(3) * 20000};
		struct dispatch_result r;
		assert_int_equal(dispatch_solve(&p, &r), 0);
		char why[160];
		if (dispatch_verify(&p, &r, why, sizeof why))
			fail_msg("instance %d: %s", iter, why);
		struct bf b = {.p = &p, .slot = r.slot, .best = -1, .bestcov = -1};
		for (size_t i = 0; i < ns; i++)
			for (size_t j = 0; j < nt; j++) {
				b.ok[i][j] = dispatch_check(&s[i], &t[j]) == DC_OK;
				b.dist[i][j] = dispatch_haversine_m(s[i].lat, s[i].lon, t[j].lat, t[j].lon);
			}
		bf_rec(&b, 0, 0, 0);
		if ((int)r.na != b.bestcov)
			fail_msg("instance %d: %zu units covered, brute force %d", iter, r.na, b.bestcov);
		if (b.best >= 0) {
			feasible++;
			assert_int_equal(r.nshorts, 0);
			if (r.cost != b.best)
				fail_msg("instance %d: cost %" PRId64 ", brute force %" PRId64, iter, r.cost,
					 b.best);
			assert_int_equal(dispatch_cost(&p, r.a, r.na), r.cost);
		} else {
			infeasible++;
			assert_true(r.nshorts > 0);
		}
		dispatch_result_free(&r);
	}
	/* both kinds were seen */
	assert_true(feasible > 100);
	assert_true(infeasible > 50);
}

/* larger random instances: no constraint is ever broken, and the plan is locally optimal (no single
 * supervisor swap into a free slot lowers the cost) */
static void test_random_large(void **state)
{
	UNUSED(state);
	for (int iter = 0; iter < 20; iter++) {
		size_t ns = 40 + rnd(40), nt = 60 + rnd(60);
		struct dispatch_sup *s = calloc(ns, sizeof *s);
		struct dispatch_sitting *t = calloc(nt, sizeof *t);
		int64_t *avoid = calloc(ns, sizeof *avoid);
		random_instance(s, ns, t, nt, avoid);
		for (size_t i = 0; i < ns; i++)
			s[i].cap += 1;
		struct dispatch_problem p = {s, ns, t, nt, 10000};
		struct dispatch_result r;
		assert_int_equal(dispatch_solve(&p, &r), 0);
		char why[160];
		if (dispatch_verify(&p, &r, why, sizeof why))
			fail_msg("instance %d: %s", iter, why);
		/* a chosen supervisor replaced by an idle eligible one never saves */
		for (size_t i = 0; i < r.na; i++) {
			const struct dispatch_assign *a = &r.a[i];
			int64_t cur = a->dist_m + p.load_m * (r.load[a->sup] - 1);
			for (size_t k = 0; k < ns; k++) {
				if (r.load[k] != 0 || dispatch_check(&s[k], &t[a->sit]) != DC_OK)
					continue;
				int64_t d = dispatch_haversine_m(s[k].lat, s[k].lon, t[a->sit].lat,
								 t[a->sit].lon);
				if (d < cur)
					fail_msg("instance %d: idle supervisor %zu (%" PRId64 " m) beats %zu",
						 iter, k, d, a->sup);
			}
		}
		dispatch_result_free(&r);
		free(s);
		free(t);
		free(avoid);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_haversine),    cmocka_unit_test(test_constraints),
		cmocka_unit_test(test_not_greedy),   cmocka_unit_test(test_load_balance),
		cmocka_unit_test(test_infeasible),   cmocka_unit_test(test_random_vs_brute_force),
		cmocka_unit_test(test_random_large),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
