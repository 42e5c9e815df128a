/* demo_shortage.c: 急需紧缺预警 of the demo province (docs/DOMAIN.md §59) — four years of monthly supply
 * history of six occupations in 济南 and 青岛 (the bureaus' figures before the counters:
 * shortage_supply_history), the last finished year's job postings of the public employment service imported
 * as a CSV through the import framework, so the warning list of 济南 and 青岛 has occupations on it with
 * their reasons, and 济南's proposal of next year's catalogue made from it as a draft for the province to
 * edit and publish (page 急需紧缺预警). */
#include "util/common.h"
#include "demo/demo.h"
#include "core/date.h"
#include "core/fake.h"
#include "svc/stats/shortage_warn.h"
#include <math.h>
#include <stdlib.h>

#define DEMO_SOURCE	   "山东公共招聘网（演示数据）"
#define DEMO_SUPPLY_SOURCE "演示数据：市人社局历年职业技能等级认定发证与培训结业统计（系统上线前）"

/* an occupation of the demo in one city: its monthly supply (base, change a month, seasonal swing) and the
 * year's postings (how many, vacancies each, days until filled) */
static const struct demo_occ {
	const char *city, *county, *code, *title;
	double base, slope, swing;
	int postings, vac_lo, vac_hi, days_lo, days_hi;
} occs[] = {
	/* 焊工: supply falling, many postings filled slowly: ratio, vacancy (and the forecast) */
	{"370100", "370102", "6-18-02-04", "焊工", 14, -0.12, 3, 16, 12, 24, 45, 90},
	/* 养老护理员: little supply, rising demand: ratio, vacancy */
	{"370100", "370102", "4-10-01-05", "养老护理员", 4, 0.05, 1, 12, 8, 16, 40, 75},
	/* 电工: supply rising with demand; filled in a month: no warning */
	{"370100", "370112", "6-31-01-03", "电工", 20, 0.25, 4, 14, 10, 30, 15, 40},
	/* 电子商务师: plenty of supply: nothing */
	{"370100", "370102", "4-01-06-01", "电子商务师", 22, 0.1, 3, 6, 5, 12, 10, 30},
	/* 车工: demand about 1.6 times supply, filled within a month: one reason, not listed */
	{"370100", "370112", "6-18-01-01", "车工", 9, 0.0, 2, 10, 12, 20, 15, 35},
	/* 青岛: 物流服务师 short (ratio, vacancy), 焊工 balanced */
	{"370200", "370202", "4-02-06-03", "物流服务师", 6, 0.02, 2, 15, 10, 22, 50, 80},
	{"370200", "370202", "6-18-02-04", "焊工", 25, 0.1, 3, 10, 10, 25, 20, 40},
};

int demo_shortage(db *d, const principal *sys, err *e)
{
	int basis = date_today_utc8() / 10000 - 1; /* the last finished year */
	fake_rng rng = {.s = 20261203};
	if (db_begin(d, e) != 0)
		return -1;
	for (size_t o = 0; o < ARRAY_LEN(occs); o++)
		for (int i = 0; i < 48; i++) {
			int y = basis - 3 + i / 12, m = i % 12 + 1;
			double v = occs[o].base + occs[o].slope * i +
				   occs[o].swing * sin(2 * M_PI * (m - 3) / 12.0) + fake_int(&rng, -2, 2);
			int n = v > 0 ? (int)lround(v) : 0, certs = (n * 3 + 2) / 5;
			char month[32];
			snprintf(month, sizeof month, "%04d-%02d", y, m);
			if (db_run(d,
				   "INSERT INTO shortage_supply_history (region_code, occupation_code, "
				   "month, "
				   "certificates, completions, source) VALUES ($1, $2, $3, $4, $5, $6)",
				   DB_ARGS(DV_S(occs[o].county), DV_S(occs[o].code), DV_S(month), DV_I(certs),
					   DV_I(n - certs), DV_S(DEMO_SUPPLY_SOURCE)),
				   e) < 0) {
				db_rollback(d);
				return -1;
			}
		}
	if (db_commit(d, e) != 0)
		return -1;
	/* the postings of the year, as the service exports them */
	size_t cap = 64 * 1024, len = 0;
	char *csv = malloc(cap);
	if (!csv)
		return err_set(e, 500, "internal", NULL, "内存不足", "out of memory");
	len += (size_t)snprintf(csv, cap,
				"岗位编号,工作地区代码,职业编码,招聘单位,岗位名称,招聘人数,月薪下限（元）,"
				"月薪上限（元）,发布日期,结束日期\n");
	int ref = 0;
	for (size_t o = 0; o < ARRAY_LEN(occs); o++)
		for (int p = 0; p < occs[o].postings; p++) {
			int day0 = (int)date_to_days(basis * 10000 + 101),
			    day1 = (int)date_to_days(basis * 10000 + 1231);
			int posted = day0 + (int)((int64_t)(day1 - day0 - 20) * p / occs[o].postings) +
				     fake_int(&rng, 0, 15),
			    closed = posted + fake_int(&rng, occs[o].days_lo, occs[o].days_hi);
			char ps[11], cs[11] = "";
			date_format(date_from_days(posted), ps);
			if (closed <= day1)
				date_format(date_from_days(closed), cs);
			int pay = fake_int(&rng, 45, 90) * 100;
			len += (size_t)snprintf(
				csv + len, cap - len, "DEMO-%s-%04d,%s,%s,%s演示企业%d,%s,%d,%d,%d,%s,%s\n",
				occs[o].city + 2, ++ref, occs[o].county, occs[o].code,
				occs[o].city[3] == '1' ? "济南" : "青岛", p % 7 + 1, occs[o].title,
				fake_int(&rng, occs[o].vac_lo, occs[o].vac_hi), pay, pay + 2000, ps, cs);
		}
	json_t *rep = postings_import(d, sys, DEMO_SOURCE, csv, len, true, e);
	free(csv);
	if (!rep)
		return -1;
	json_decref(rep);
	/* 济南's proposal of next year's catalogue, a draft for the province */
	json_t *prop = shortage_proposal_make(d, sys, "370100", basis + 1, e);
	if (!prop)
		return -1;
	json_decref(prop);
	return 0;
}
