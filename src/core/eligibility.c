#include "core/eligibility.h"
#include "core/ladder.h"
#include "core/date.h"
#include <stdio.h>
#include <string.h>

#define MAX_INTERVALS 256

#define EQ_SOURCE "技工院校毕业生同等学历（seed 000 贯通；DOMAIN.md §9）"
static const struct elig_equivalence equivalences[] = {
	{D_TECH_SCHOOL, D_SECONDARY_VOC, "技工院校中级工班毕业 = 中专",
	 "technical school intermediate class = secondary vocational", EQ_SOURCE},
	{D_SENIOR_TECH, D_COLLEGE, "技工院校高级工班毕业 = 大专",
	 "technical school senior-worker class = junior college", EQ_SOURCE},
	{D_TECHNICIAN, D_BACHELOR, "技工院校预备技师（技师）班毕业 = 本科",
	 "technical school preparatory technician class = bachelor", EQ_SOURCE},
};

const struct elig_equivalence *elig_equivalences(size_t *n)
{
	*n = sizeof equivalences / sizeof equivalences[0];
	return equivalences;
}

unsigned elig_diploma_counts(unsigned kind)
{
	unsigned out = kind;
	for (size_t i = 0; i < sizeof equivalences / sizeof equivalences[0]; i++)
		if (kind & equivalences[i].kind)
			out |= equivalences[i].counts_as;
	return out;
}

long work_days(const struct fact_work *w, size_t n, int from, int to)
{
	/* clip to [from, to), sort by start (insertion sort: a person has a handful), then merge */
	long s[MAX_INTERVALS], e[MAX_INTERVALS], lo = date_to_days(from), hi = date_to_days(to);
	size_t k = 0;
	for (size_t i = 0; i < n && k < MAX_INTERVALS; i++) {
		long a = date_to_days(w[i].start), b = w[i].end ? date_to_days(w[i].end) : hi;
		if (a < lo)
			a = lo;
		if (b > hi)
			b = hi;
		if (b <= a)
			continue;
		size_t j = k++;
		while (j > 0 && s[j - 1] > a) {
			s[j] = s[j - 1];
			e[j] = e[j - 1];
			j--;
		}
		s[j] = a;
		e[j] = b;
	}
	long total = 0, cs = 0, ce = -1;
	for (size_t i = 0; i < k; i++) {
		if (ce < 0 || s[i] > ce) {
			if (ce >= 0)
				total += ce - cs;
			cs = s[i];
			ce = e[i];
		} else if (e[i] > ce) {
			ce = e[i];
		}
	}
	if (ce >= 0)
		total += ce - cs;
	return total;
}

bool work_years_at_least(const struct fact_work *w, size_t n, int from, int to, int years)
{
	/* N full years of work end on `to`: as many days as the calendar span from `to` minus N years to
	 * `to`, so one unbroken job started exactly N years before the exam date qualifies, one day later
	 * does not */
	long need = date_to_days(to) - date_to_days(date_add_years(to, -years));
	return work_days(w, n, from, to) >= need;
}

static const char *level_zh(int level)
{
	return ladder_grade_label(level);
}

static const char *title_zh(int g)
{
	return g >= 3 ? "高级职称" : g == 2 ? "中级职称" : "初级职称";
}

static void fail(struct elig_result *r, int i, const char *code, const char *zh, const char *en)
{
	r->ok = false;
	r->failed = i;
	snprintf(r->code, sizeof r->code, "%s", code);
	snprintf(r->zh, sizeof r->zh, "%s", zh);
	snprintf(r->en, sizeof r->en, "%s", en);
}

static bool check_cert(const struct condition *c, const struct elig_facts *f, char *why_zh, char *why_en,
		       size_t n, const char **code)
{
	int best_date = 0;
	bool held = false;
	for (size_t i = 0; i < f->ncerts; i++) {
		const struct fact_cert *x = &f->certs[i];
		if (!ladder_grade_at_least(x->level, c->level) || x->issued_on > f->exam_date)
			continue;
		held = true;
		if (!c->years) {
			best_date = x->issued_on;
			break;
		}
		bool ok = c->work_since ? work_years_at_least(f->work, f->nwork, x->issued_on, f->exam_date,
							      c->years)
					: date_full_years(x->issued_on, f->exam_date) >= c->years;
		if (ok) {
			best_date = x->issued_on;
			break;
		}
	}
	if (best_date)
		return true;
	if (!held) {
		*code = "certificate_missing";
		snprintf(why_zh, n, "未取得本职业（或相关职业）%s及以上证书", level_zh(c->level));
		snprintf(why_en, n, "no level-%d (or higher) certificate in this or a related occupation",
			 c->level);
	} else if (c->work_since) {
		*code = "work_years_short";
		snprintf(why_zh, n, "取得%s证书后从事本职业工作不满%d年", level_zh(c->level), c->years);
		snprintf(why_en, n, "fewer than %d years of work since the level-%d certificate", c->years,
			 c->level);
	} else {
		*code = "certificate_too_recent";
		snprintf(why_zh, n, "取得%s证书不满%d年", level_zh(c->level), c->years);
		snprintf(why_en, n, "the level-%d certificate is less than %d year(s) old", c->level,
			 c->years);
	}
	return false;
}

static bool check_title(const struct condition *c, const struct elig_facts *f, char *why_zh, char *why_en,
			size_t n, const char **code)
{
	bool held = false;
	for (size_t i = 0; i < f->ntitles; i++) {
		const struct fact_title *t = &f->titles[i];
		if (t->grade < c->title || t->obtained_on > f->exam_date)
			continue;
		held = true;
		if (!c->years || (c->work_since ? work_years_at_least(f->work, f->nwork, t->obtained_on,
								      f->exam_date, c->years)
						: date_full_years(t->obtained_on, f->exam_date) >= c->years))
			return true;
	}
	*code = held ? "work_years_short" : "title_missing";
	if (held) {
		snprintf(why_zh, n, "取得%s后从事本职业工作不满%d年", title_zh(c->title), c->years);
		snprintf(why_en, n, "fewer than %d years of work since the professional title", c->years);
	} else {
		snprintf(why_zh, n, "未取得%s（或以上）", title_zh(c->title));
		snprintf(why_en, n, "no professional title of grade %d or higher", c->title);
	}
	return false;
}

void elig_check(const struct elig_option *o, const struct elig_facts *f, struct elig_result *r)
{
	memset(r, 0, sizeof *r);
	r->ok = true;
	r->failed = -1;
	for (int i = 0; i < o->ncond; i++) {
		const struct condition *c = &o->cond[i];
		char zh[200], en[200];
		const char *code = NULL;
		switch (c->type) {
		case C_AGE:
			if (!f->birth_date || date_full_years(f->birth_date, f->exam_date) < c->years) {
				snprintf(zh, sizeof zh, "考试之日未年满%d周岁", c->years);
				snprintf(en, sizeof en, "under %d on the exam date", c->years);
				return fail(r, i, f->birth_date ? "age_below" : "birth_date_unknown", zh, en);
			}
			break;
		case C_DECLARED:
			if (!f->declared)
				return fail(r, i, "declaration_missing", "未声明从事或有意从事本职业",
					    "the applicant has not declared working or intending to work in "
					    "the occupation");
			break;
		case C_WORK:
			if (!work_years_at_least(f->work, f->nwork, 0, f->exam_date, c->years)) {
				long days = work_days(f->work, f->nwork, 19000101, f->exam_date);
				snprintf(zh, sizeof zh,
					 "累计从事本职业或相关职业工作不满%d年（已满%ld年%ld天）", c->years,
					 days / 365, days % 365);
				snprintf(en, sizeof en,
					 "fewer than %d years of work in this or a related occupation (about "
					 "%ld days)",
					 c->years, days);
				return fail(r, i, "work_years_short", zh, en);
			}
			break;
		case C_CERT:
			if (!check_cert(c, f, zh, en, sizeof zh, &code))
				return fail(r, i, code, zh, en);
			break;
		case C_TITLE:
			if (!check_title(c, f, zh, en, sizeof zh, &code))
				return fail(r, i, code, zh, en);
			break;
		case C_DIPLOMA: {
			bool ok = false;
			int limit = c->final_year ? date_add_years(f->exam_date, 1) : f->exam_date;
			bool have = false;
			for (size_t k = 0; k < f->ndiplomas && !ok; k++) {
				const struct fact_diploma *dp = &f->diplomas[k];
				if (!(elig_diploma_counts(dp->kind) & c->diplomas) ||
				    (c->related && !dp->related) || dp->graduated_on > limit)
					continue;
				have = true;
				ok = !c->years || work_years_at_least(f->work, f->nwork, dp->graduated_on,
								      f->exam_date, c->years);
			}
			if (have && !ok) {
				snprintf(zh, sizeof zh, "毕业（取得证书）后从事本职业工作不满%d年", c->years);
				snprintf(en, sizeof en, "fewer than %d years of work since the diploma",
					 c->years);
				return fail(r, i, "work_years_short", zh, en);
			}
			if (!ok)
				return fail(r, i, "diploma_missing",
					    c->related ? "无符合条件的相关专业毕业证书"
						       : "无符合条件的毕业（结业）证书",
					    c->related ? "no qualifying diploma in a related major"
						       : "no qualifying diploma");
			break;
		}
		}
	}
}

int elig_option_vary(const struct elig_option *base, const int *years, int n, struct elig_option *out)
{
	*out = *base;
	if (n > base->ncond)
		return 1 + base->ncond;
	for (int i = 0; i < n; i++) {
		if (years[i] < 0)
			continue;
		const struct condition *c = &base->cond[i];
		bool counts = c->type == C_AGE || c->type == C_WORK ||
			      ((c->type == C_CERT || c->type == C_TITLE || c->type == C_DIPLOMA) &&
			       (c->years > 0 || c->work_since));
		bool in_range =
			c->type == C_AGE ? years[i] >= 14 && years[i] <= 70 : years[i] >= 0 && years[i] <= 40;
		if (!counts || !in_range)
			return 1 + i;
		out->cond[i].years = years[i];
	}
	return 0;
}
