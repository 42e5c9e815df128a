/* selection_rules.c: the selection programmes' rule engine, ranking and payment schedule (see
 * selection_rules.h) */
#include "core/selection_rules.h"
#include "core/date.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const level_zh[6] = {"", "高级技师", "技师", "高级工", "中级工", "初级工"};

const char *sel_level_zh(int level)
{
	return level >= 1 && level <= 5 ? level_zh[level] : "";
}

static const char *const grade_zh[4] = {"", "初级职称", "中级职称", "高级职称"};

static struct sel_check *add(struct sel_decision *d, const char *id, bool ok, const char *code)
{
	struct sel_check *c = &d->checks[d->nchecks++];
	c->id = id;
	c->ok = ok;
	snprintf(c->code, sizeof c->code, "%s", ok ? "" : code);
	if (!ok)
		d->ok = false;
	return c;
}

#define SAY(c, ...)    snprintf((c)->zh, sizeof(c)->zh, __VA_ARGS__)
#define SAY_EN(c, ...) snprintf((c)->en, sizeof(c)->en, __VA_ARGS__)

void sel_decide(const struct sel_rules *r, const struct sel_facts *f, struct sel_decision *d)
{
	memset(d, 0, sizeof *d);
	d->ok = true;
	d->preferred = true;
	d->age = f->birth_date && date_valid(f->birth_date) && f->ref_date >= f->birth_date
			 ? date_full_years(f->birth_date, f->ref_date)
			 : -1;

	if (r->min_level >= 1 && r->min_level <= 5) {
		int best = 0;
		for (size_t i = 0; i < f->nlevels; i++)
			if (f->levels[i] >= 1 && f->levels[i] <= 5 && (!best || f->levels[i] < best))
				best = f->levels[i];
		bool ok = best && best <= r->min_level;
		struct sel_check *c = add(d, "level", ok, "level_too_low");
		if (ok) {
			SAY(c, "持有%s证书，符合%s及以上的要求", level_zh[best], level_zh[r->min_level]);
			SAY_EN(c, "holds a level %d certificate; level %d or higher is required", best,
			       r->min_level);
		} else if (best) {
			SAY(c, "最高持有%s证书，须%s及以上", level_zh[best], level_zh[r->min_level]);
			SAY_EN(c, "the highest certificate held is level %d; level %d or higher is required",
			       best, r->min_level);
		} else {
			SAY(c, "无有效的职业技能等级证书，须%s及以上", level_zh[r->min_level]);
			SAY_EN(c, "no valid skill certificate; level %d or higher is required", r->min_level);
		}
	}
	if (r->title_grade >= 1 && r->title_grade <= 3) {
		int best = 0;
		for (size_t i = 0; i < f->ntitles; i++)
			if (f->title_grades[i] > best && f->title_grades[i] <= 3)
				best = f->title_grades[i];
		bool ok = best >= r->title_grade;
		struct sel_check *c = add(d, "title", ok, "title_missing");
		if (ok) {
			SAY(c, "具有%s，符合同时具有%s的要求", grade_zh[best], grade_zh[r->title_grade]);
			SAY_EN(c, "holds a title of grade %d; grade %d is required as well", best,
			       r->title_grade);
		} else {
			SAY(c, "须同时具有%s（现有：%s）", grade_zh[r->title_grade],
			    best ? grade_zh[best] : "无职称");
			SAY_EN(c, "a title of grade %d is required as well (held: %d)", r->title_grade, best);
		}
	}
	if (r->front_line) {
		struct sel_check *c = add(d, "front_line", f->front_line, "not_front_line");
		if (f->front_line) {
			SAY(c, "推荐单位确认在生产一线岗位工作");
			SAY_EN(c, "the nominating city confirms front-line work");
		} else {
			SAY(c, "须在生产一线岗位工作（推荐时未确认）");
			SAY_EN(c, "front-line work is required (not confirmed by the nomination)");
		}
	}
	if (r->max_age > 0) {
		bool ok = d->age >= 0 && d->age <= r->max_age;
		struct sel_check *c = add(d, "age", ok, d->age < 0 ? "age_unknown" : "too_old");
		if (d->age < 0) {
			SAY(c, "出生日期不明，无法核对不超过 %d 周岁的要求", r->max_age);
			SAY_EN(c, "the birth date is unknown: the age limit of %d cannot be checked",
			       r->max_age);
		} else if (ok) {
			SAY(c, "基准日 %d 周岁，不超过 %d 周岁", d->age, r->max_age);
			SAY_EN(c, "aged %d on the reference day, at most %d", d->age, r->max_age);
		} else {
			SAY(c, "基准日 %d 周岁，超过 %d 周岁的年龄上限", d->age, r->max_age);
			SAY_EN(c, "aged %d on the reference day, above the limit of %d", d->age, r->max_age);
		}
	}
	if (r->preferred_age > 0) {
		d->preferred = d->age >= 0 && d->age <= r->preferred_age;
		struct sel_check *c = add(d, "preferred_age", true, "");
		if (d->preferred) {
			SAY(c, "不超过 %d 周岁，同等条件下优先", r->preferred_age);
			SAY_EN(c, "at most %d: preferred when otherwise equal", r->preferred_age);
		} else {
			SAY(c, "超过 %d 周岁，不享受同等条件下的优先（不影响资格）", r->preferred_age);
			SAY_EN(c, "above %d: not preferred when otherwise equal (still eligible)",
			       r->preferred_age);
		}
	}
	if (r->renominate_years > 0) {
		bool recent = f->last_year > 0 && f->round_year - f->last_year < r->renominate_years;
		bool ok = !recent || f->new_achievement;
		struct sel_check *c = add(d, "renominate", ok, "renominated_without_achievement");
		if (!recent) {
			SAY(c, "近 %d 年内未被推荐过", r->renominate_years);
			SAY_EN(c, "not nominated within the last %d years", r->renominate_years);
		} else if (ok) {
			SAY(c, "%d 年曾被推荐，已申报近 %d 年的新的重大业绩", f->last_year,
			    r->renominate_years);
			SAY_EN(c, "nominated in %d; a new major achievement of the last %d years is declared",
			       f->last_year, r->renominate_years);
		} else {
			SAY(c, "%d 年曾被推荐，近 %d 年内无新的重大业绩的不再推荐", f->last_year,
			    r->renominate_years);
			SAY_EN(c,
			       "nominated in %d: not nominated again without a new major achievement within "
			       "%d "
			       "years",
			       f->last_year, r->renominate_years);
		}
	}
	{
		bool ok = !f->holding_till || f->holding_till <= f->ref_date;
		struct sel_check *c = add(d, "holding", ok, "already_holding");
		if (ok) {
			SAY(c, "不在本项目的管理期内");
			SAY_EN(c, "not within a term of this programme");
		} else {
			char till[11];
			date_format(f->holding_till, till);
			SAY(c, "仍在本项目的管理期内（至 %s）", till);
			SAY_EN(c, "still within a term of this programme (until %s)", till);
		}
	}
}

/* ---- ranking ---- */

static int rank_cmp(const void *a, const void *b)
{
	const struct sel_ranked *x = a, *y = b;
	if (x->score_x100 != y->score_x100)
		return x->score_x100 > y->score_x100 ? -1 : 1;
	if (x->preferred != y->preferred)
		return x->preferred ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

void sel_rank(struct sel_ranked *v, size_t n, int places)
{
	if (n > 1)
		qsort(v, n, sizeof *v, rank_cmp);
	for (size_t i = 0; i < n; i++) {
		v[i].rank = (int)i + 1;
		v[i].selected = places > 0 && (int)i < places;
	}
}

/* ---- payments ---- */

static const char *const kind_codes[SP_KIND_COUNT] = {"monthly", "lump", "yearly", "work_fund"};
static const char *const kind_zh[SP_KIND_COUNT] = {"月津贴", "一次性奖励", "年度个人补助", "工作经费"};

const char *sel_pay_kind_code(int k)
{
	return k >= 0 && k < SP_KIND_COUNT ? kind_codes[k] : "";
}

const char *sel_pay_kind_zh(int k)
{
	return k >= 0 && k < SP_KIND_COUNT ? kind_zh[k] : "";
}

int sel_month_of(int ymd)
{
	return (ymd / 10000) * 12 + (ymd / 100 % 100) - 1;
}

void sel_month_text(int month, char out[8])
{
	if (month < 0)
		month = 0;
	unsigned y = (unsigned)(month / 12) % 10000u, m = (unsigned)(month % 12) + 1u;
	snprintf(out, 8, "%04u-%02u", y, m % 100u);
}

int sel_month_parse(const char *s)
{
	if (!s || strlen(s) != 7 || s[4] != '-')
		return -1;
	for (int i = 0; i < 7; i++)
		if (i != 4 && (s[i] < '0' || s[i] > '9'))
			return -1;
	int y = atoi(s), m = atoi(s + 5);
	if (y < 1900 || y > 9999 || m < 1 || m > 12)
		return -1;
	return y * 12 + m - 1;
}

fen_t sel_due(const struct sel_terms *t, int k, int month)
{
	int off = month - t->start_month;
	if (off < 0 || (t->stop_month >= 0 && month > t->stop_month))
		return 0;
	switch (k) {
	case SP_LUMP:
		return off == 0 ? t->lump : 0;
	case SP_MONTHLY:
		return off < t->term_months ? t->monthly : 0;
	case SP_YEARLY:
		return off < t->term_months && off % 12 == 0 ? t->yearly : 0;
	case SP_WORK_FUND:
		return off < t->term_months && off % 12 == 0 ? t->work_fund : 0;
	default:
		return 0;
	}
}

int sel_due_count(const struct sel_terms *t, int k)
{
	struct sel_terms u = *t;
	u.stop_month = -1;
	int n = 0, last = t->start_month + (t->term_months > 0 ? t->term_months : 1);
	for (int m = t->start_month; m < last; m++)
		n += sel_due(&u, k, m) > 0;
	return n;
}
