/* period.h: 统计期 — a statistical period as the reports and open data name it: a year "2025", a quarter
 * "2026-Q3" or a month "2026-07"; its first and last month; whether it has ended on a given day (China time);
 * its Chinese label. Pure. */
#ifndef JINENG_CORE_PERIOD_H
#define JINENG_CORE_PERIOD_H

#include "util/common.h"

enum period_kind { PERIOD_YEAR, PERIOD_QUARTER, PERIOD_MONTH };

struct stat_period {
	enum period_kind kind;
	int year, quarter, month; /* quarter 1..4 for a quarter, month 1..12 for a month */
	char from[8], to[8];	  /* 'YYYY-MM' */
};

/* 0, or -1 when s is none of the three forms (years 2000..9999) */
int period_parse(const char *s, struct stat_period *p);
/* has the period ended before the day today (YYYYMMDD)? */
bool period_ended(const struct stat_period *p, int today);
/* "2025年", "2026年第三季度", "2026年7月" */
void period_label(const struct stat_period *p, char *out, size_t n);
/* the period's text form back ("2025", "2026-Q3", "2026-07") */
void period_text(const struct stat_period *p, char out[16]);
/* the period just before the one holding today, of a kind (the month before this one, ...) */
void period_previous(enum period_kind kind, int today, struct stat_period *p);

#endif
