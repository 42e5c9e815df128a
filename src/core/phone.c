#include "util/common.h"
#include "core/phone.h"

static bool digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

int phone_normalize(const char *in, char *out, size_t outsz)
{
	char t[40];
	size_t n = 0;
	if (!in)
		return -1;
	for (const char *p = in; *p; p++) {
		if (*p == ' ')
			continue;
		if (n + 1 >= sizeof t)
			return -1;
		t[n++] = *p;
	}
	t[n] = 0;
	const char *s = t;
	if (n >= 3 && s[0] == '+' && s[1] == '8' && s[2] == '6')
		s += 3, n -= 3;
	/* mobile numbers may be written in groups: 138-1234-5678 */
	char m[40];
	size_t mn = 0;
	for (const char *p = s; *p; p++)
		if (*p != '-')
			m[mn++] = *p;
	m[mn] = 0;
	if (mn == 11 && m[0] == '1' && m[1] >= '3' && digits(m, 11)) {
		snprintf(out, outsz, "%s", m);
		return 0;
	}
	if (s[0] == '0') {
		const char *dash = strchr(s, '-');
		size_t area = dash ? (size_t)(dash - s) : 0, local = dash ? strlen(dash + 1) : 0;
		if (dash && area >= 3 && area <= 4 && digits(s, area) && local >= 7 && local <= 8 &&
		    digits(dash + 1, local)) {
			snprintf(out, outsz, "%s", s);
			return 0;
		}
		if (!dash && n >= 10 && n <= 12 && digits(s, n)) {
			snprintf(out, outsz, "%s", s);
			return 0;
		}
	}
	return -1;
}
