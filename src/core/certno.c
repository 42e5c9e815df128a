#include "core/certno.h"
#include "core/ladder.h"
#include <stdio.h>
#include <string.h>

static bool digits(const char *s, size_t n)
{
	return strspn(s, "0123456789") >= n;
}

static bool inst_code_ok(const char *c)
{
	return c && strlen(c) == 13 && (c[0] == 'Y' || c[0] == 'S') && digits(c + 1, 12);
}

int certno_make(const char *inst_code, int year, int level, int serial, char out[23])
{
	if (!inst_code_ok(inst_code) || year < 0 || level < 1 || level > 5 || serial < 1 ||
	    serial > CERTNO_SERIAL_MAX)
		return -1;
	snprintf(out, 23, "%.13s%02d%d%06d", inst_code, year % 100, level, serial);
	return 0;
}

int certno_make_special(const char *inst_code, int year, int serial, char out[19])
{
	if (!inst_code_ok(inst_code) || year < 0 || serial < 1 || serial > CERTNO_SERIAL_MAX)
		return -1;
	/* the province (chars 6-7) and the institution serial (chars 8-13) of the national code */
	snprintf(out, 19, "ZX%.8s%02d%06d", inst_code + 5, year % 100, serial);
	return 0;
}

static int num(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

int certno_parse(const char *s, certno_parts *p)
{
	memset(p, 0, sizeof *p);
	size_t n = s ? strlen(s) : 0;
	if (n == 22 && (s[0] == 'Y' || s[0] == 'S') && digits(s + 1, 21)) {
		memcpy(p->inst_code, s, 13);
		p->year = num(s + 13, 2);
		p->level = num(s + 15, 1);
		p->serial = num(s + 16, 6);
		return p->level >= 1 && p->level <= 5 && p->serial >= 1 ? 0 : -1;
	}
	if (n == 18 && !strncmp(s, "ZX", 2) && digits(s + 2, 16)) {
		p->special = true;
		snprintf(p->inst_code, sizeof p->inst_code, "S0000%.8s", s + 2);
		p->year = num(s + 10, 2);
		p->serial = num(s + 12, 6);
		return p->serial >= 1 ? 0 : -1;
	}
	return -1;
}

const char *level_name_zh(int level)
{
	/* the grades' labels are the ladder's (core/ladder.h); 0 is a 专项职业能力 certificate (合格) */
	return level == 0 ? "合格" : ladder_grade_label(level);
}
