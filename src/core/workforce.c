/* workforce.c: 评价队伍与考点, the pure rules (workforce.h; docs/DOMAIN.md §57) */
#include "util/common.h"
#include "core/workforce.h"

static const char *const names[] = {[QG_NONE] = "",
				    [QG_EXAMINER] = "examiner",
				    [QG_SENIOR_EXAMINER] = "senior_examiner",
				    [QG_SUPERVISOR] = "supervisor"};
static const char *const names_zh[] = {[QG_NONE] = "",
				       [QG_EXAMINER] = "考评员",
				       [QG_SENIOR_EXAMINER] = "高级考评员",
				       [QG_SUPERVISOR] = "督导员"};

enum qual_grade qual_grade_parse(const char *s)
{
	for (int g = QG_EXAMINER; s && g <= QG_SUPERVISOR; g++)
		if (!strcmp(s, names[g]))
			return (enum qual_grade)g;
	return QG_NONE;
}

const char *qual_grade_name(enum qual_grade g)
{
	return g >= QG_NONE && g <= QG_SUPERVISOR ? names[g] : "";
}

const char *qual_grade_zh(enum qual_grade g)
{
	return g >= QG_NONE && g <= QG_SUPERVISOR ? names_zh[g] : "";
}

const char *qual_role(enum qual_grade g)
{
	switch (g) {
	case QG_EXAMINER:
	case QG_SENIOR_EXAMINER:
		return "examiner";
	case QG_SUPERVISOR:
		return "supervisor";
	default:
		return NULL;
	}
}

enum qual_grade qual_needed_for_level(int level)
{
	return level == 1 || level == 2 ? QG_SENIOR_EXAMINER : QG_EXAMINER;
}

bool qual_covers(enum qual_grade held, enum qual_grade needed)
{
	if (needed == QG_NONE || held == QG_NONE)
		return false;
	if (needed == QG_EXAMINER)
		return held == QG_EXAMINER || held == QG_SENIOR_EXAMINER;
	return held == needed;
}

bool qual_valid_on(bool active, int from, int until, int ymd)
{
	return active && from <= ymd && ymd <= until;
}

int room_part_parse(const char *s)
{
	static const char *const parts[] = {"theory", "practical", "review"};
	for (int i = 0; s && i < 3; i++)
		if (!strcmp(s, parts[i]))
			return i;
	return -1;
}

const char *room_problem(enum room_part part, int64_t candidates, int64_t seats, int64_t computers)
{
	if (candidates > seats)
		return "room_too_small";
	if (part == RP_THEORY && candidates > computers)
		return "room_no_computers";
	return NULL;
}

bool spans_overlap(int64_t a0, int64_t a1, int64_t b0, int64_t b1)
{
	return a0 < b1 && b0 < a1;
}

bool site_check_passed(int64_t items, int64_t marked, int64_t nonconform)
{
	return items > 0 && marked == items && nonconform == 0;
}
