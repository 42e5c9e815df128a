/* student_eval.c: the pilot's reach, the major match, the diploma of a class (see student_eval.h) */
#include "util/common.h"
#include "core/student_eval.h"

bool region_within(const char *code, const char *area)
{
	if (!code || !area || !*area)
		return false;
	size_t n = strlen(area);
	while (n >= 4 && area[n - 1] == '0' && area[n - 2] == '0')
		n -= 2;
	return strlen(code) >= n && !strncmp(code, area, n);
}

int pilot_find(const struct pilot *p, size_t n, const char *code, const char *day)
{
	for (size_t i = 0; i < n; i++) {
		if (!region_within(code, p[i].region_code))
			continue;
		if (strcmp(day, p[i].starts_on) < 0)
			continue;
		if (p[i].ends_on && *p[i].ends_on && strcmp(day, p[i].ends_on) > 0)
			continue;
		return (int)i;
	}
	return -1;
}

bool major_match_covers(int max_level, int level)
{
	return max_level >= 1 && max_level <= 5 && level >= max_level && level <= 5;
}

const char *diploma_of_major_level(const char *major_level)
{
	static const struct {
		const char *major, *diploma;
	} map[] = {{"intermediate", "technical_school"},
		   {"senior", "senior_technical_class"},
		   {"preparatory", "preparatory_technician_class"}};
	for (size_t i = 0; major_level && i < ARRAY_LEN(map); i++)
		if (!strcmp(map[i].major, major_level))
			return map[i].diploma;
	return NULL;
}

bool university_diploma_ok(const char *level)
{
	return level && (!strcmp(level, "college") || !strcmp(level, "bachelor") ||
			 !strcmp(level, "assessed_college"));
}
