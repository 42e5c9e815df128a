/* dispatch.h: 督导员派遣 (sending supervisors to a day's sittings) as a min-cost flow. Pure: no I/O.
 *
 * Every sitting needs `need` supervisors (its size and level decide, from a data table the caller reads).
 * A supervisor may serve a sitting unless (dispatch_check): they are not available that day (cap 0), the
 * sitting is held by their home institution (本单位), they declared 回避 with its institution, the sitting is
 * in their own city and that city requires 交叉互派 (济南), or it overlaps a sitting they already serve from
 * an earlier run of the same day. A supervisor serves at most one sitting per time slot and at most `cap`
 * sittings a day.
 *
 * Time slots: sittings whose times overlap, directly or through a chain of overlapping sittings, form one
 * slot (the connected components of the interval-overlap graph). One sitting per slot per supervisor is
 * never less safe than "no two overlapping sittings"; it can be stricter when A overlaps B and B overlaps C
 * but A ends before C starts (then A and C still count as one slot).
 *
 * Cost of a plan: the sum of the travel distances (haversine, metres, from the supervisor's location to the
 * sitting's) plus a load term: a supervisor's k-th sitting of the day (k = 1, 2, ...) costs load_m * (k - 1)
 * more, so a supervisor with 3 sittings costs 3 * load_m more than with one (convex: load spreads).
 *
 * The solver: successive shortest paths with potentials (Dijkstra on reduced costs) in the network
 *   demand unit of sitting j -> (supervisor s, slot of j) [cap 1, cost distance]
 *                             -> supervisor s [cap 1 per slot]
 *                             -> sink [the k-th unit of s costs load_m * (k - 1), up to cap]
 * one unit of demand at a time (the Hungarian method generalised to capacities): after each unit the flow
 * is a minimum-cost flow for the units placed so far, so the final plan is optimal. A unit that finds no
 * augmenting path cannot be covered together with the units placed before it; since augmenting paths
 * never uncover a placed unit, the placed units are a maximum coverage. */
#ifndef JINENG_CORE_DISPATCH_H
#define JINENG_CORE_DISPATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* why a supervisor may not serve a sitting (DC_OK: may) */
enum dispatch_constraint {
	DC_OK = 0,
	DC_UNAVAILABLE, /* not available that day (cap 0) */
	DC_HOME,	/* the sitting is held by the supervisor's home institution */
	DC_AVOID,	/* the supervisor declared 回避 with the sitting's institution */
	DC_OWN_CITY,	/* the sitting's city requires 交叉互派 and it is the supervisor's own city */
	DC_BUSY,	/* overlaps a sitting the supervisor already serves (an earlier run of the day) */
	DC_COUNT
};

const char *dispatch_constraint_name(enum dispatch_constraint c);

struct dispatch_interval {
	int64_t start, end; /* [start, end) seconds */
};

struct dispatch_sup {
	int64_t id;
	double lat, lon;
	int64_t home_inst;    /* 0: none */
	char city[8];	      /* own city as a region prefix ("3701"), "" none */
	int cap;	      /* sittings this day at most (0: unavailable) */
	const int64_t *avoid; /* institutions declared 回避 */
	size_t navoid;
	const struct dispatch_interval *busy; /* sittings already served that day */
	size_t nbusy;
};

struct dispatch_sitting {
	int64_t id;
	int64_t inst;	    /* the institution holding it */
	char city[8];	    /* its city prefix ("3701") */
	bool cross;	    /* its city requires 交叉互派 */
	int64_t start, end; /* [start, end) seconds */
	double lat, lon;
	int need; /* supervisors it needs */
};

struct dispatch_problem {
	const struct dispatch_sup *sups;
	size_t nsups;
	const struct dispatch_sitting *sits;
	size_t nsits;
	int64_t load_m; /* the load term per extra sitting, in metres of travel it is worth */
};

struct dispatch_assign {
	size_t sit, sup; /* indices into the problem's arrays */
	int64_t dist_m;	 /* travel distance */
	int nth;	 /* this is the supervisor's nth sitting of the day (1-based, by order of time) */
};

/* a sitting that could not get all its supervisors */
struct dispatch_short {
	size_t sit;
	int need, covered;
	int eligible;	       /* supervisors who may serve it at all */
	int refused[DC_COUNT]; /* supervisors refused, by constraint */
};

struct dispatch_result {
	struct dispatch_assign *a; /* sorted by sitting, then distance */
	size_t na;
	struct dispatch_short *shorts;
	size_t nshorts;
	int64_t cost;	/* distances + load terms of the plan */
	int64_t dist_m; /* distances alone */
	int *slot;	/* per sitting: its time slot */
	int nslots;
	int *eligible;	      /* per sitting: supervisors who may serve it */
	int *load;	      /* per supervisor: sittings assigned */
	size_t augmentations; /* shortest-path searches run (for the benchmark) */
};

/* dispatch_haversine_m: great-circle distance in metres (mean Earth radius 6371.0088 km) */
int64_t dispatch_haversine_m(double lat1, double lon1, double lat2, double lon2);

/* dispatch_check: may supervisor s serve sitting t (DC_OK), or the first constraint that refuses it */
enum dispatch_constraint dispatch_check(const struct dispatch_sup *s, const struct dispatch_sitting *t);

/* dispatch_cost: the cost of a plan given as assignments (distances + load terms); for tests */
int64_t dispatch_cost(const struct dispatch_problem *p, const struct dispatch_assign *a, size_t na);

/* dispatch_solve: an optimal plan. 0 (r->nshorts > 0 when some sittings could not be covered: r->a then
 * holds a maximum partial plan), -1 out of memory. Free r with dispatch_result_free. */
int dispatch_solve(const struct dispatch_problem *p, struct dispatch_result *r);
void dispatch_result_free(struct dispatch_result *r);

/* an alternative a sitting's assignment was weighed against: an eligible supervisor not chosen, and why
 * the plan did not take them */
enum dispatch_alt_reason {
	ALT_SAME_SLOT, /* serves another sitting in the same slot (other) */
	ALT_DAY_FULL,  /* already at their daily maximum */
	ALT_LOAD,      /* would be their (load+1)-th sitting: the load term outweighs the distance saved */
	ALT_ELSEWHERE, /* their other sittings of the day make the whole plan cheaper as it is */
	ALT_FARTHER,   /* farther than every supervisor chosen */
};
const char *dispatch_alt_reason_name(enum dispatch_alt_reason r);

struct dispatch_alt {
	size_t sup;
	int64_t dist_m;
	enum dispatch_alt_reason why;
	size_t other; /* ALT_SAME_SLOT: the sitting they serve instead */
};

/* dispatch_alternatives: up to max alternatives of sitting `sit` (nearest first); returns how many */
size_t dispatch_alternatives(const struct dispatch_problem *p, const struct dispatch_result *r, size_t sit,
			     struct dispatch_alt *out, size_t max);

/* dispatch_verify: does the plan keep every constraint (needs not exceeded, no refused pair, one sitting
 * per slot and at most cap a day per supervisor, no supervisor twice on a sitting)? 0 yes; -1 with a
 * message in why */
int dispatch_verify(const struct dispatch_problem *p, const struct dispatch_result *r, char *why, size_t n);

#endif
