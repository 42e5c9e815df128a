#include "core/workdays.h"
#include "core/date.h"

static const struct cal_day *find(int ymd, const struct cal_day *cal, size_t n)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (cal[mid].ymd < ymd)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && cal[lo].ymd == ymd ? &cal[lo] : NULL;
}

bool is_workday(int ymd, const struct cal_day *cal, size_t n)
{
	const struct cal_day *o = find(ymd, cal, n);
	if (o)
		return o->workday;
	return date_weekday(ymd) < 5;
}

int workdays_end(int from, int days, const struct cal_day *cal, size_t n)
{
	long d = date_to_days(from);
	int counted = 0;
	if (days < 1)
		days = 1;
	for (;; d++) {
		int ymd = date_from_days(d);
		if (is_workday(ymd, cal, n) && ++counted == days)
			return ymd;
	}
}

int workdays_between(int from, int to, const struct cal_day *cal, size_t n)
{
	int count = 0;
	for (long d = date_to_days(from), e = date_to_days(to); d <= e; d++)
		count += is_workday(date_from_days(d), cal, n);
	return count;
}
