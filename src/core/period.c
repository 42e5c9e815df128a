/* period.c: statistical periods (period.h) */
#include "core/period.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void bounds(struct stat_period *p)
{
	int m0 = 1, m1 = 12;
	if (p->kind == PERIOD_QUARTER)
		m0 = 3 * p->quarter - 2, m1 = 3 * p->quarter;
	else if (p->kind == PERIOD_MONTH)
		m0 = m1 = p->month;
	snprintf(p->from, sizeof p->from, "%04u-%02u", (unsigned)p->year % 10000u, (unsigned)m0 % 100u);
	snprintf(p->to, sizeof p->to, "%04u-%02u", (unsigned)p->year % 10000u, (unsigned)m1 % 100u);
}

int period_parse(const char *s, struct stat_period *p)
{
	memset(p, 0, sizeof *p);
	if (!s || strspn(s, "0123456789") != 4)
		return -1;
	p->year = atoi(s);
	if (p->year < 2000 || p->year > 9999)
		return -1;
	if (!s[4]) {
		p->kind = PERIOD_YEAR;
	} else if (s[4] == '-' && s[5] == 'Q' && s[6] >= '1' && s[6] <= '4' && !s[7]) {
		p->kind = PERIOD_QUARTER;
		p->quarter = s[6] - '0';
	} else if (s[4] == '-' && s[5] >= '0' && s[5] <= '1' && s[6] >= '0' && s[6] <= '9' && !s[7]) {
		p->kind = PERIOD_MONTH;
		p->month = (s[5] - '0') * 10 + (s[6] - '0');
		if (p->month < 1 || p->month > 12)
			return -1;
	} else {
		return -1;
	}
	bounds(p);
	return 0;
}

bool period_ended(const struct stat_period *p, int today)
{
	int y = today / 10000, m = (today / 100) % 100;
	int last = p->kind == PERIOD_YEAR ? 12 : p->kind == PERIOD_QUARTER ? 3 * p->quarter : p->month;
	return p->year < y || (p->year == y && last < m);
}

void period_label(const struct stat_period *p, char *out, size_t n)
{
	static const char *const q[] = {"一", "二", "三", "四"};
	if (p->kind == PERIOD_YEAR)
		snprintf(out, n, "%d年", p->year);
	else if (p->kind == PERIOD_QUARTER)
		snprintf(out, n, "%d年第%s季度", p->year, q[(p->quarter - 1) & 3]);
	else
		snprintf(out, n, "%d年%d月", p->year, p->month);
}

void period_text(const struct stat_period *p, char out[16])
{
	if (p->kind == PERIOD_YEAR)
		snprintf(out, 16, "%d", p->year % 10000);
	else if (p->kind == PERIOD_QUARTER)
		snprintf(out, 16, "%d-Q%d", p->year % 10000, p->quarter & 7);
	else
		snprintf(out, 16, "%d-%02d", p->year % 10000, p->month % 100);
}

void period_previous(enum period_kind kind, int today, struct stat_period *p)
{
	memset(p, 0, sizeof *p);
	int y = today / 10000, m = (today / 100) % 100;
	p->kind = kind;
	if (kind == PERIOD_YEAR) {
		p->year = y - 1;
	} else if (kind == PERIOD_QUARTER) {
		int q = (m + 2) / 3 - 1;
		p->year = q ? y : y - 1;
		p->quarter = q ? q : 4;
	} else {
		p->year = m > 1 ? y : y - 1;
		p->month = m > 1 ? m - 1 : 12;
	}
	bounds(p);
}
