/* core/target.c: 目标任务's expected path, behind decision and state (see target.h) */
#include "util/common.h"
#include "core/target.h"
#include "core/date.h"

int64_t target_expected(const struct target_window *w, int at)
{
	if (at <= w->from)
		return w->base;
	if (at >= w->to)
		return w->goal;
	long span = date_to_days(w->to) - date_to_days(w->from);
	long done = date_to_days(at) - date_to_days(w->from);
	if (span <= 0)
		return w->goal;
	/* C's division truncates toward zero: toward the baseline whether the path rises or falls */
	return w->base + (w->goal - w->base) * (int64_t)done / span;
}

bool target_behind(int64_t actual, int64_t expected, int tol_pct)
{
	if (expected <= 0)
		return false;
	if (tol_pct < 0)
		tol_pct = 0;
	if (tol_pct > 100)
		tol_pct = 100;
	return actual * 100 < expected * (100 - tol_pct);
}

enum target_state target_state_at(const struct target_window *w, int64_t actual, int at, int tol_pct)
{
	if (actual >= w->goal)
		return TS_ACHIEVED;
	if (at > w->to)
		return TS_MISSED;
	if (at < w->from)
		return TS_NOT_STARTED;
	return target_behind(actual, target_expected(w, at), tol_pct) ? TS_BEHIND : TS_ON_TRACK;
}

const char *target_state_code(enum target_state s)
{
	static const char *const codes[] = {"not_started", "on_track", "behind", "achieved", "missed"};
	return (unsigned)s < ARRAY_LEN(codes) ? codes[s] : "on_track";
}

const char *target_state_zh(enum target_state s)
{
	static const char *const zh[] = {"未开始", "进度正常", "落后于进度", "已完成", "到期未完成"};
	return (unsigned)s < ARRAY_LEN(zh) ? zh[s] : "进度正常";
}

struct target_window target_year_window(int at, int64_t goal, int first_year, int last_year)
{
	int y = at / 10000;
	if (first_year > 0 && y < first_year)
		y = first_year;
	if (last_year > 0 && y > last_year)
		y = last_year;
	return (struct target_window){y * 10000 + 101, y * 10000 + 1231, 0, goal};
}

int64_t target_permille(int64_t actual, int64_t goal)
{
	if (goal <= 0)
		return 0;
	int64_t p = actual * 1000 / goal;
	return actual < 0 && (actual * 1000) % goal ? p - 1 : p;
}

int target_month_end(int ym)
{
	int y = ym / 100, m = ym % 100;
	if (y < 1 || m < 1 || m > 12)
		return -1;
	int next = m == 12 ? (y + 1) * 10000 + 101 : y * 10000 + (m + 1) * 100 + 1;
	return date_from_days(date_to_days(next) - 1);
}
