/* target.h: 目标任务's pure rules (docs/DOMAIN.md §67): the expected path of a target (linear from its
 * baseline to its deadline: our choice, [GAP]), the 落后 (behind) decision with its tolerance, the state of a
 * target at a date and the window a yearly target is judged in. Dates are YYYYMMDD integers (core/date.h).
 * No I/O. */
#ifndef JINENG_CORE_TARGET_H
#define JINENG_CORE_TARGET_H

#include "util/common.h"

/* the window a target is judged in: from (the baseline's day, value base) to the deadline (value goal) */
struct target_window {
	int from, to;	    /* YYYYMMDD, from < to */
	int64_t base, goal; /* the value at `from` and the value due at `to` */
};

/* target_expected: where the linear path from (from, base) to (to, goal) stands at day `at`: base before
 * the window, goal from its last day on, in between base + (goal - base) × elapsed days / window days,
 * rounded toward the baseline (truncated) */
int64_t target_expected(const struct target_window *w, int at);

/* target_behind: is `actual` behind `expected` by more than tol_pct per cent of expected?
 * actual × 100 < expected × (100 − tol_pct). Never behind when expected ≤ 0. */
bool target_behind(int64_t actual, int64_t expected, int tol_pct);

enum target_state {
	TS_NOT_STARTED = 0, /* `at` is before the window */
	TS_ON_TRACK,	    /* within the tolerance of the path (or ahead) */
	TS_BEHIND,	    /* 落后于进度 */
	TS_ACHIEVED,	    /* actual ≥ goal */
	TS_MISSED,	    /* the deadline passed with actual < goal */
};
enum target_state target_state_at(const struct target_window *w, int64_t actual, int at, int tol_pct);
const char *target_state_code(enum target_state s); /* "on_track", "behind", ... */
const char *target_state_zh(enum target_state s);   /* "进度正常", "落后于进度", ... */

/* target_year_window: the window of a yearly target (每年不少于 N) for the year of `at`: 1 January to 31
 * December, base 0; before the first year (first_year > year of at) the first year's, after the last
 * (last_year > 0 and below the year of at) the last year's. */
struct target_window target_year_window(int at, int64_t goal, int first_year, int last_year);

/* target_permille: actual / goal in tenths of a per cent (floor; 0 when goal ≤ 0; 1000 = 100 %) */
int64_t target_permille(int64_t actual, int64_t goal);

/* target_month_end: the last day of month `ym` (YYYYMM), YYYYMMDD; -1 when malformed */
int target_month_end(int ym);

#endif
