/* Calendar dates as integers YYYYMMDD (proleptic Gregorian), and the
 * arithmetic the policy needs: whole years between two dates (满N年),
 * adding years, weekdays.  Pure: no clock here except date_today_utc8(). */
#ifndef JINENG_CORE_DATE_H
#define JINENG_CORE_DATE_H
#include <stdbool.h>

bool date_valid(int ymd);
/* "2026-11-24" (also "20261124") -> 20261124; -1 when malformed or impossible */
int date_parse(const char *s, int *ymd);
/* out must hold 11 bytes: "2026-11-24" */
void date_format(int ymd, char out[11]);
/* days since 1970-01-01 and back */
long date_to_days(int ymd);
int date_from_days(long days);
/* 满N年: the number of whole years from `from` to `to` (0 if to < from).
 * A year is complete on the same month-day; 29 Feb counts as complete on 28 Feb. */
int date_full_years(int from, int to);
/* the same month-day `n` years later (29 Feb -> 28 Feb in common years) */
int date_add_years(int ymd, int n);
/* 0 = Monday ... 6 = Sunday */
int date_weekday(int ymd);
/* today in China Standard Time (UTC+8) */
int date_today_utc8(void);
/* date_set_today: makes date_today_utc8() answer ymd on this thread (0 restores the clock). Only the demo
 * uses it, to issue its certificates on the dates a real province would have issued them. */
void date_set_today(int ymd);

#endif
