/* ladder.c: the 新八级工 ladder (see ladder.h) */
#include "util/common.h"
#include "core/ladder.h"
#include <string.h>

static const struct {
	const char *code, *zh, *en, *grade, *digit, *alt;
} ladder[WL_COUNT] = {
	[WL_APPRENTICE] = {"apprentice", "学徒工", "apprentice", NULL, NULL, "学徒"},
	[WL_5] = {"level5", "初级工", "level 5 (junior worker)", "五级", "5", "初级"},
	[WL_4] = {"level4", "中级工", "level 4 (intermediate worker)", "四级", "4", "中级"},
	[WL_3] = {"level3", "高级工", "level 3 (senior worker)", "三级", "3", "高级"},
	[WL_2] = {"level2", "技师", "level 2 (technician)", "二级", "2", NULL},
	[WL_1] = {"level1", "高级技师", "level 1 (senior technician)", "一级", "1", NULL},
	[WL_SPECIAL] = {"special", "特级技师", "special-grade technician", NULL, NULL, NULL},
	[WL_CHIEF] = {"chief", "首席技师", "chief technician", NULL, NULL, NULL},
};

static bool eq(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

int ladder_parse(const char *s)
{
	if (!s || !*s)
		return -1;
	for (int i = 0; i < WL_COUNT; i++)
		if (eq(s, ladder[i].code) || eq(s, ladder[i].zh) || eq(s, ladder[i].grade) ||
		    eq(s, ladder[i].digit) || eq(s, ladder[i].alt))
			return i;
	/* "初级工（五级）" / "初级工(五级)": the name before the bracket */
	const char *b = strstr(s, "（");
	if (!b)
		b = strchr(s, '(');
	if (b && b > s) {
		char head[32];
		size_t n = (size_t)(b - s);
		if (n < sizeof head) {
			memcpy(head, s, n);
			head[n] = 0;
			for (int i = 0; i < WL_COUNT; i++)
				if (eq(head, ladder[i].zh))
					return i;
		}
	}
	return -1;
}

const char *ladder_code(int rung)
{
	return rung >= 0 && rung < WL_COUNT ? ladder[rung].code : NULL;
}

const char *ladder_name_zh(int rung)
{
	return rung >= 0 && rung < WL_COUNT ? ladder[rung].zh : NULL;
}

const char *ladder_name_en(int rung)
{
	return rung >= 0 && rung < WL_COUNT ? ladder[rung].en : NULL;
}

int ladder_from_grade(int grade)
{
	return grade >= 1 && grade <= 5 ? WL_1 + 1 - grade : -1;
}

int ladder_grade(int rung)
{
	if (rung < 0 || rung >= WL_COUNT)
		return -1;
	return rung >= WL_5 && rung <= WL_1 ? WL_1 + 1 - rung : 0;
}

const char *ladder_grade_label(int grade)
{
	/* the grade and the rung's name, as certificates, statistics and 申报条件 print them */
	static const char *const labels[] = {
		"", "一级/高级技师", "二级/技师", "三级/高级工", "四级/中级工", "五级/初级工"};
	return ladder_from_grade(grade) >= 0 ? labels[grade] : "";
}

bool ladder_at_least(int held, int required)
{
	return held >= 0 && held < WL_COUNT && required >= 0 && required < WL_COUNT && held >= required;
}

bool ladder_grade_at_least(int held, int required)
{
	return ladder_at_least(ladder_from_grade(held), ladder_from_grade(required));
}
