/* demo_wages.c: 工资价位 in the demo province (docs/DOMAIN.md §40). The province's five-post list of the last
 * two years, 济南's and 青岛's minimum wage (a demo value: Shandong's figures are a [GAP] in the seeds), the
 * pay of a few hundred persons submitted by files of 济南's five institutions and three of 青岛's (the same
 * persons both years, about 5 % less the year before), and the province's publication of both years: most
 * cells published with their change against the year before, and cells suppressed for each reason — 车工
 * 高级技师 in 济南 (4 persons), 汽车维修工 中级工 (2 employers), 汽车维修工 高级工 (one employer holds 14 of
 * 19) — besides the small cells of 青岛. One 车工 中级工 of 济南演示装备制造有限公司 is paid below the 基础类
 * minimum (105 %), so its minimum-pay check shows a shortfall. */
#include "util/common.h"
#include "demo/demo.h"
#include "core/date.h"
#include "core/idnum.h"
#include "svc/incentive/wages.h"
#include <string.h>

#define DEMO_MIN_SOURCE "演示值 [GAP]：山东各市现行月最低工资标准未在种子中核实，演示用 2200 元"

static const struct wage_post_input posts[] = {
	{"6-31-01-03", NULL, "key"},	   {"6-18-02-04", NULL, "important"}, {"6-18-01-01", NULL, "basic"},
	{"4-12-01-01", NULL, "important"}, {"4-03-02-01", NULL, "basic"},
};

/* a cell of the demo: post, level name, persons per institution (济南's five, or 青岛's three), base pay */
struct demo_cell {
	int city; /* 0 济南, 1 青岛 */
	int post;
	const char *level;
	int n[5];
	int base; /* yuan */
};

static const struct demo_cell cells[] = {
	{0, 0, "高级工", {8, 6, 5, 4, 3}, 78000},  {0, 0, "技师", {5, 4, 3, 2, 2}, 96000},
	{0, 1, "中级工", {7, 6, 5, 5, 4}, 62000},  {0, 1, "高级工", {6, 5, 4, 3, 2}, 74000},
	{0, 2, "中级工", {6, 5, 5, 4, 0}, 52000},  {0, 2, "高级技师", {2, 1, 1, 0, 0}, 120000},
	{0, 3, "高级工", {14, 3, 2, 0, 0}, 70000}, {0, 3, "中级工", {6, 5, 0, 0, 0}, 58000},
	{0, 4, "中级工", {5, 5, 5, 5, 5}, 56000},  {1, 0, "高级工", {10, 8, 7, 0, 0}, 82000},
	{1, 1, "中级工", {20, 3, 2, 0, 0}, 64000},
};

/* the k-th demo person's ID number, born in a county of the city from 1975 on */
static void person_id(int city, int k, char out[19])
{
	int ymd = date_from_days(date_to_days(19750101) + (k * 37) % 9000);
	char b[48]; /* room for any int (the compiler cannot see that ymd has 8 digits) */
	snprintf(b, sizeof b, "%s%08d%03d", city ? "370202" : "370102", ymd, 100 + k % 800);
	b[17] = 0;
	memcpy(out, b, 17);
	out[17] = idnum_check_char(b);
	out[18] = 0;
}

static int import_one(db *d, int64_t inst, int year, int city, int slot, err *e)
{
	size_t cap = 64 * 1024, len = 0;
	char *buf = xmalloc(cap);
	len += (size_t)snprintf(buf, cap, "证件号码,职业编码,技能等级,年度工资收入\n");
	int k = 0, rows = 0;
	for (size_t c = 0; c < ARRAY_LEN(cells); c++) {
		for (int s = 0; s < 5; s++)
			for (int i = 0; i < cells[c].n[s]; i++, k++) {
				if (cells[c].city != city || s != slot)
					continue;
				char id[19];
				person_id(city, k, id);
				/* the spread within a cell; the year before about 5 % less */
				long pay = cells[c].base + (long)((k * 7919) % 24000) - 12000;
				if (cells[c].post == 2 && !strcmp(cells[c].level, "中级工") && s == 0 &&
				    i == 0)
					pay = 26000; /* below 105 % of 2,200 a month (27,720 a year) */
				if (year < date_today_utc8() / 10000 - 1)
					pay = pay * 95 / 100;
				len += (size_t)snprintf(buf + len, cap - len, "%s,%s,%s,%ld\n", id,
							posts[cells[c].post].occupation_code, cells[c].level,
							pay);
				rows++;
			}
	}
	if (!rows) {
		free(buf);
		return 0;
	}
	principal emp = {.role = ROLE_INSTITUTION_ADMIN, .institution_id = inst};
	snprintf(emp.username, sizeof emp.username, "demo");
	json_t *rep = wage_import(d, &emp, year, buf, len, true, e);
	free(buf);
	if (!rep)
		return -1;
	int64_t rejected = json_integer_value(json_object_get(rep, "rejected"));
	json_decref(rep);
	if (rejected)
		return err_set(e, 500, "internal", NULL, "演示工资数据有 %lld 行被拒",
			       "demo pay data: %lld rows rejected", (long long)rejected);
	return 0;
}

int demo_wages(db *d, const principal *sys, const int64_t *jinan_insts, const int64_t *qingdao_insts, err *e)
{
	int this_year = date_today_utc8() / 10000;
	int years[2] = {this_year - 2, this_year - 1};
	char from[16];
	snprintf(from, sizeof from, "%04d-01-01", years[0]);
	struct wage_min_wage_input mw = {
		.effective_from = from, .monthly = "2200", .source = DEMO_MIN_SOURCE};
	if (wage_min_wage_put(d, sys, "370100", &mw, e) != 0 ||
	    wage_min_wage_put(d, sys, "370200", &mw, e) != 0)
		return -1;
	for (int y = 0; y < 2; y++) {
		if (wage_posts_put(d, sys, years[y], posts, ARRAY_LEN(posts), e) != 0)
			return -1;
		for (int s = 0; s < 5; s++)
			if (import_one(d, jinan_insts[s], years[y], 0, s, e) != 0)
				return -1;
		for (int s = 0; s < 3; s++)
			if (import_one(d, qingdao_insts[s], years[y], 1, s, e) != 0)
				return -1;
		int64_t id;
		if (wage_publish(d, sys, years[y], "370000", &id, e) != 0)
			return -1;
	}
	return 0;
}
