#include "core/date.h"
#include <stdio.h>
#include <string.h>

static bool leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int mdays(int y, int m)
{
	static const int d[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && leap(y) ? 29 : d[m - 1];
}

bool date_valid(int ymd)
{
	int y = ymd / 10000, m = ymd / 100 % 100, d = ymd % 100;
	return y >= 1800 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= mdays(y, m);
}

int date_parse(const char *s, int *ymd)
{
	if (!s)
		return -1;
	size_t n = strlen(s);
	int y, m, d;
	if (n == 10 && s[4] == '-' && s[7] == '-' && strspn(s, "0123456789-") == 10) {
		y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
		m = (s[5] - '0') * 10 + (s[6] - '0');
		d = (s[8] - '0') * 10 + (s[9] - '0');
		if (strchr(s + 8, '-') || strchr(s + 5, '-') != s + 7 || strchr(s, '-') != s + 4)
			return -1;
	} else if (n == 8 && strspn(s, "0123456789") == 8) {
		y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
		m = (s[4] - '0') * 10 + (s[5] - '0');
		d = (s[6] - '0') * 10 + (s[7] - '0');
	} else {
		return -1;
	}
	int v = y * 10000 + m * 100 + d;
	if (!date_valid(v))
		return -1;
	*ymd = v;
	return 0;
}

void date_format(int ymd, char out[11])
{
	int y = ymd / 10000 % 10000, m = ymd / 100 % 100, d = ymd % 100;
	const int v[8] = {y / 1000, y / 100 % 10, y / 10 % 10, y % 10, m / 10, m % 10, d / 10, d % 10};
	static const int pos[8] = {0, 1, 2, 3, 5, 6, 8, 9};
	for (int i = 0; i < 8; i++)
		out[pos[i]] = (char)('0' + v[i]);
	out[4] = out[7] = '-';
	out[10] = 0;
}

/* days from civil, after Howard Hinnant's well-known algorithm */
long date_to_days(int ymd)
{
	long y = ymd / 10000, m = ymd / 100 % 100, d = ymd % 100;
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int date_from_days(long z)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long y = yoe + era * 400;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long d = doy - (153 * mp + 2) / 5 + 1;
	long m = mp + (mp < 10 ? 3 : -9);
	y += m <= 2;
	return (int)(y * 10000 + m * 100 + d);
}

int date_add_years(int ymd, int n)
{
	int y = ymd / 10000 + n, m = ymd / 100 % 100, d = ymd % 100;
	if (m == 2 && d == 29 && !leap(y))
		d = 28;
	return y * 10000 + m * 100 + d;
}

int date_full_years(int from, int to)
{
	if (to < from)
		return 0;
	int n = to / 10000 - from / 10000;
	if (n > 0 && date_add_years(from, n) > to)
		n--;
	return n;
}

int date_weekday(int ymd)
{
	long d = date_to_days(ymd); /* 1970-01-01 was a Thursday */
	long w = (d + 3) % 7;
	return (int)(w < 0 ? w + 7 : w);
}
