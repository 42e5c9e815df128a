/* 工作日 (working days) from a holiday calendar: weekends are rest days unless the calendar makes them
 * make-up workdays (调休上班); weekdays are workdays unless the calendar makes them holidays. Pure: the
 * calendar is the caller's sorted array of overrides. */
#ifndef JINENG_CORE_WORKDAYS_H
#define JINENG_CORE_WORKDAYS_H
#include <stdbool.h>
#include <stddef.h>

struct cal_day {
	int ymd;
	bool workday; /* true: 调休上班; false: holiday */
};

bool is_workday(int ymd, const struct cal_day *cal, size_t n);
/* the last day of a period of `days` working days that starts on `from` (counted if it is a working day) */
int workdays_end(int from, int days, const struct cal_day *cal, size_t n);
/* working days in [from, to], both included */
int workdays_between(int from, int to, const struct cal_day *cal, size_t n);

#endif
