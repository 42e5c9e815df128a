#include "core/subsidy.h"
#include "core/date.h"
#include <stdio.h>
#include <string.h>

static const char *const kind_codes[SUB_KIND_COUNT] = {"skill_up", "training", "shortage", "apprentice"};
static const char *const kind_zh[SUB_KIND_COUNT] = {"技能提升补贴", "培训补贴", "急需紧缺工种培训补贴",
						    "企业新型学徒制培训补贴"};

const char *subsidy_kind_code(int k)
{
	return k >= 0 && k < SUB_KIND_COUNT ? kind_codes[k] : NULL;
}

const char *subsidy_kind_zh(int k)
{
	return k >= 0 && k < SUB_KIND_COUNT ? kind_zh[k] : "";
}

int subsidy_kind_parse(const char *code)
{
	for (int k = 0; code && k < SUB_KIND_COUNT; k++)
		if (!strcmp(code, kind_codes[k]))
			return k;
	return -1;
}

/* 2022–2025: the years in which the national 减负稳岗扩就业 notices relaxed 技能提升补贴's insurance
 * requirement from 36 months to 12 (extended year by year; a secondary source, not in the seeds: the list is
 * data the province edits, docs/DOMAIN.md "技能提升补贴") */
static const int relaxed_default[] = {2022, 2023, 2024, 2025};
static const struct shortage_band bands_default[] = {
	{"371300", 40000, 88000}, /* 临沂: 400–880 元/人 (seed 004) */
};

static const struct subsidy_rules rules_default = {
	.id = "sd-2026",
	.source_zh =
		"技能提升补贴、培训补贴、急需紧缺工种、新型学徒制：docs/DOMAIN.md §9，种子 001、003、004",
	.skill_amount = {0, 0, 0, 200000, 150000, 100000},
	.insured_months = 36,
	.insured_months_relaxed = 12,
	.relaxed_years = relaxed_default,
	.nrelaxed = sizeof relaxed_default / sizeof relaxed_default[0],
	.apply_within_months = 12,
	.max_per_year = 3,
	.training_per_hour = 1000,
	.training_cap = 50000,
	.shortage = NULL, /* each city's list is loaded from its published 目录 */
	.nshortage = 0,
	.bands = bands_default,
	.nbands = sizeof bands_default / sizeof bands_default[0],
	.apprentice_contract_months = 12,
	.apprentice_min_months = 12,
	.apprentice_max_months = 24,
	.apprentice_per_year = 500000,
	.apprentice_floor_per_year = 500000,
};

const struct subsidy_rules *subsidy_rules_default(void)
{
	return &rules_default;
}

static const char *level_zh(int level)
{
	static const char *const n[] = {"", "一级", "二级", "三级", "四级", "五级"};
	return level >= 1 && level <= 5 ? n[level] : "?";
}

static int bad_rules(err *e, const char *what_zh, const char *what_en)
{
	return err_set(e, 422, "invalid_rules", "rules", "补贴规则有误：%s%.0s",
		       "%.0sinvalid subsidy rules: %s", what_zh, what_en);
}

int subsidy_rules_check(const struct subsidy_rules *r, err *e)
{
	for (int l = 0; l < 6; l++)
		if (r->skill_amount[l] < 0)
			return bad_rules(e, "技能提升补贴标准为负", "a negative skill-upgrade amount");
	if (r->insured_months < 1 || r->insured_months > 600 || r->insured_months_relaxed < 1 ||
	    r->insured_months_relaxed > r->insured_months)
		return bad_rules(e, "参保月数不在范围内", "insurance months out of range");
	for (size_t i = 0; i < r->nrelaxed; i++)
		if (r->relaxed_years[i] < 2000 || r->relaxed_years[i] > 2100)
			return bad_rules(e, "放宽年份不在范围内", "a relaxed year out of range");
	if (r->apply_within_months < 1 || r->apply_within_months > 120 || r->max_per_year < 1 ||
	    r->max_per_year > 12)
		return bad_rules(e, "申领期限或年度次数不在范围内", "deadline or yearly limit out of range");
	if (r->training_per_hour < 0 || r->training_cap < 0)
		return bad_rules(e, "培训补贴标准为负", "a negative training amount");
	for (size_t i = 0; i < r->nshortage; i++) {
		const struct shortage_entry *s = &r->shortage[i];
		if (!s->city || !s->occupation || s->amount <= 0 || s->year < 2000 || s->year > 2100)
			return bad_rules(e, "急需紧缺工种目录条目不完整",
					 "an incomplete shortage-list entry");
		for (size_t b = 0; b < r->nbands; b++)
			if (!strcmp(r->bands[b].city, s->city) &&
			    (s->amount < r->bands[b].min || s->amount > r->bands[b].max))
				return bad_rules(e, "急需紧缺工种补贴标准超出本市公布的区间",
						 "a shortage amount outside its city's published band");
	}
	if (r->apprentice_floor_per_year < 0 || r->apprentice_per_year < r->apprentice_floor_per_year)
		return bad_rules(e, "新型学徒制补贴低于每人每年5000元",
				 "apprenticeship rate below its floor");
	for (size_t i = 0; i < r->ngroups; i++) {
		const struct subsidy_group_rule *g = &r->groups[i];
		if (!g->category || !*g->category || !g->name ||
		    (g->kind != SUB_SKILL_UP && g->kind != SUB_TRAINING && g->kind != SUB_SHORTAGE))
			return bad_rules(e, "重点群体规则不完整或补贴类型不适用",
					 "a category rule incomplete or of a kind it does not apply to");
		if (g->supplement < 0 || g->insured_months < 0 || g->insured_months > r->insured_months)
			return bad_rules(e, "重点群体加发金额或参保月数不在范围内",
					 "a category supplement or insurance figure out of range");
	}
	if (r->apprentice_contract_months < 1 || r->apprentice_min_months < 1 ||
	    r->apprentice_max_months < r->apprentice_min_months || r->apprentice_max_months > 60)
		return bad_rules(e, "新型学徒制期限不在范围内", "apprenticeship months out of range");
	return 0;
}

/* ---- date helpers ---- */

static int days_in_month(int y, int m)
{
	static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : d[m - 1];
}

int subsidy_add_months(int ymd, int n)
{
	int y = ymd / 10000, m = ymd / 100 % 100, d = ymd % 100;
	int t = y * 12 + (m - 1) + n;
	y = t / 12;
	m = t % 12 + 1;
	int dim = days_in_month(y, m);
	return y * 10000 + m * 100 + (d > dim ? dim : d);
}

int subsidy_full_months(int from, int to)
{
	if (to < from)
		return 0;
	int n = (to / 10000 - from / 10000) * 12 + (to / 100 % 100 - from / 100 % 100);
	while (n > 0 && subsidy_add_months(from, n) > to)
		n--;
	return n;
}

bool subsidy_insured_at_least(const struct fact_work *p, size_t n, int to, int months)
{
	long need = date_to_days(to) - date_to_days(subsidy_add_months(to, -months));
	return work_days(p, n, 19000101, to) >= need;
}

/* ---- the decision ---- */

static struct subsidy_check *check(struct subsidy_decision *d, const char *id)
{
	struct subsidy_check *c = &d->checks[d->nchecks++];
	memset(c, 0, sizeof *c);
	c->id = id;
	c->ok = true;
	return c;
}

static void say(struct subsidy_check *c, bool ok, const char *code, const char *zh, const char *en)
{
	c->ok = ok;
	snprintf(c->code, sizeof c->code, "%s", ok ? "" : code);
	snprintf(c->zh, sizeof c->zh, "%s", zh);
	snprintf(c->en, sizeof c->en, "%s", en);
}

static bool same(const char *a, const char *b)
{
	return a && b && !strcmp(a, b);
}

static void money_text(fen_t a, char out[MONEY_BUF])
{
	money_format(a, MONEY_GROUP, out, MONEY_BUF);
}

/* 技能提升补贴 / 急需紧缺: a certificate of the level, applied for within N months of it */
static void check_certificate(const struct subsidy_rules *r, const struct subsidy_facts *f,
			      struct subsidy_decision *d)
{
	char zh[200], en[200];
	struct subsidy_check *c = check(d, "certificate");
	if (!f->cert_date || f->cert_date > f->apply_date) {
		say(c, false, "certificate_missing",
		    "未取得该职业（工种）该等级的职业资格证书或职业技能等级证书",
		    "no certificate of this occupation and level");
		c = check(d, "within_period");
		snprintf(zh, sizeof zh, "无证书，无法计算%d个月申领期限", r->apply_within_months);
		snprintf(en, sizeof en, "no certificate to count the %d-month deadline from",
			 r->apply_within_months);
		say(c, false, "certificate_missing", zh, en);
		return;
	}
	char cd[11], dl[11];
	date_format(f->cert_date, cd);
	snprintf(zh, sizeof zh, "已取得%s证书（发证日期 %s）", level_zh(f->level), cd);
	snprintf(en, sizeof en, "holds the level-%d certificate issued on %s", f->level, cd);
	say(c, true, "", zh, en);
	int deadline = subsidy_add_months(f->cert_date, r->apply_within_months);
	date_format(deadline, dl);
	bool ok = f->apply_date <= deadline;
	c = check(d, "within_period");
	if (ok) {
		snprintf(zh, sizeof zh, "在取得证书之日起%d个月内申领（截止 %s）", r->apply_within_months,
			 dl);
		snprintf(en, sizeof en, "applied within %d months of the certificate (until %s)",
			 r->apply_within_months, dl);
	} else {
		snprintf(zh, sizeof zh, "超过取得证书之日起%d个月的申领期限（截止 %s）",
			 r->apply_within_months, dl);
		snprintf(en, sizeof en, "more than %d months after the certificate (the deadline was %s)",
			 r->apply_within_months, dl);
	}
	say(c, ok, "certificate_too_old", zh, en);
}

/* once per occupation and level (for this kind) */
static void check_once(const struct subsidy_facts *f, struct subsidy_decision *d)
{
	char zh[200], en[200];
	struct subsidy_check *c = check(d, "once");
	for (size_t i = 0; i < f->nprior; i++) {
		const struct subsidy_prior *p = &f->prior[i];
		if (p->kind == f->kind && p->level == f->level && same(p->occupation, f->occupation)) {
			snprintf(zh, sizeof zh, "同一职业（工种）同一等级的%s已申领过，不得重复享受",
				 subsidy_kind_zh(f->kind));
			snprintf(en, sizeof en, "this occupation and level was already claimed (%s)",
				 subsidy_kind_code(f->kind));
			say(c, false, "already_claimed", zh, en);
			return;
		}
	}
	snprintf(zh, sizeof zh, "同一职业（工种）同一等级未享受过%s", subsidy_kind_zh(f->kind));
	snprintf(en, sizeof en, "no earlier %s claim for this occupation and level",
		 subsidy_kind_code(f->kind));
	say(c, true, "", zh, en);
}

/* 技能提升补贴 and 培训补贴 are not both paid for the same course */
static void check_exclusive(const struct subsidy_facts *f, int other, struct subsidy_decision *d)
{
	char zh[200], en[200];
	struct subsidy_check *c = check(d, "exclusive");
	for (size_t i = 0; f->course && i < f->nprior; i++) {
		const struct subsidy_prior *p = &f->prior[i];
		if (p->kind == other && same(p->course, f->course)) {
			snprintf(zh, sizeof zh, "同一培训项目已申领%s，不得同时享受%s",
				 subsidy_kind_zh(other), subsidy_kind_zh(f->kind));
			snprintf(en, sizeof en, "the same course already has a %s claim",
				 subsidy_kind_code(other));
			say(c, false, "exclusive_claim", zh, en);
			return;
		}
	}
	snprintf(zh, sizeof zh, "同一培训项目未享受%s", subsidy_kind_zh(other));
	snprintf(en, sizeof en, "no %s claim for the same course", subsidy_kind_code(other));
	say(c, true, "", zh, en);
}

/* ---- 重点群体 ---- */

static bool holds(const struct subsidy_facts *f, const char *category)
{
	for (size_t i = 0; i < f->ngroups; i++)
		if (same(f->groups[i], category))
			return true;
	return false;
}

/* the rule of the largest supplement and the one of the fewest insurance months among those the person holds
 * for this kind (NULL: none); *any: the rules name this kind at all */
static void group_rules_for(const struct subsidy_rules *r, const struct subsidy_facts *f,
			    const struct subsidy_group_rule **sup, const struct subsidy_group_rule **ins,
			    bool *any)
{
	*sup = *ins = NULL;
	*any = false;
	for (size_t i = 0; i < r->ngroups; i++) {
		const struct subsidy_group_rule *g = &r->groups[i];
		if (g->kind != f->kind)
			continue;
		*any = true;
		if (!holds(f, g->category))
			continue;
		if (g->supplement > 0 && (!*sup || g->supplement > (*sup)->supplement))
			*sup = g;
		if (g->insured_months > 0 && (!*ins || g->insured_months < (*ins)->insured_months))
			*ins = g;
	}
}

/* the check "key_group": which rule applied (it never fails: a category adds, it takes nothing away) */
static int check_group(const struct subsidy_rules *r, const struct subsidy_facts *f,
		       struct subsidy_decision *d, fen_t *amount, err *e)
{
	const struct subsidy_group_rule *sup, *ins;
	bool any;
	group_rules_for(r, f, &sup, &ins, &any);
	if (!any)
		return 0;
	char zh[200], en[200], m[MONEY_BUF], tot[MONEY_BUF];
	struct subsidy_check *c = check(d, "key_group");
	if (!sup && !ins) {
		say(c, true, "", "申领日未持有本项补贴适用的重点群体身份，按一般标准",
		    "no category this subsidy favours is held on the application date: the general terms");
		return 0;
	}
	fen_t a = *amount;
	if (sup) {
		int rc = money_add(a, sup->supplement, &a);
		if (rc)
			return money_rc_err(rc, "supplement", e);
	}
	money_text(sup ? sup->supplement : 0, m);
	money_text(a, tot);
	if (sup && ins && ins != sup)
		snprintf(zh, sizeof zh, "重点群体「%s」加发 %s 元（合计 %s 元）；「%s」参保%d个月即可",
			 sup->name, m, tot, ins->name, ins->insured_months);
	else if (sup && ins)
		snprintf(zh, sizeof zh, "重点群体「%s」加发 %s 元（合计 %s 元），参保%d个月即可", sup->name,
			 m, tot, ins->insured_months);
	else if (sup)
		snprintf(zh, sizeof zh, "重点群体「%s」（申领日有效）加发 %s 元，合计 %s 元", sup->name, m,
			 tot);
	else
		snprintf(zh, sizeof zh, "重点群体「%s」（申领日有效）参保%d个月即可", ins->name,
			 ins->insured_months);
	if (sup && ins)
		snprintf(en, sizeof en,
			 "categories %s, %s held: %s yuan added (%s yuan in all); %d months of "
			 "insurance suffice",
			 sup->category, ins->category, m, tot, ins->insured_months);
	else if (ins)
		snprintf(en, sizeof en,
			 "category %s held on the application date: %d months of insurance suffice",
			 ins->category, ins->insured_months);
	else
		snprintf(en, sizeof en,
			 "category %s held on the application date: %s yuan added, %s yuan in all",
			 sup->category, m, tot);
	say(c, true, "", zh, en);
	*amount = a;
	return 0;
}

static void decide_skill_up(const struct subsidy_rules *r, const struct subsidy_facts *f,
			    struct subsidy_decision *d, fen_t *amount)
{
	char zh[200], en[200], m[MONEY_BUF];
	struct subsidy_check *c = check(d, "level");
	fen_t a = f->level >= 1 && f->level <= 5 ? r->skill_amount[f->level] : 0;
	money_text(a, m);
	if (a > 0) {
		snprintf(zh, sizeof zh, "%s证书，补贴标准 %s 元", level_zh(f->level), m);
		snprintf(en, sizeof en, "a level-%d certificate is subsidised with %s yuan", f->level, m);
	} else {
		snprintf(zh, sizeof zh, "%s证书不在技能提升补贴范围内（限五级、四级、三级）",
			 level_zh(f->level));
		snprintf(en, sizeof en, "level %d is not subsidised (levels 5, 4 and 3 are)", f->level);
	}
	say(c, a > 0, "level_not_subsidised", zh, en);
	*amount = a;

	int year = f->apply_date / 10000, months = r->insured_months;
	bool relaxed = false;
	for (size_t i = 0; i < r->nrelaxed; i++)
		if (r->relaxed_years[i] == year)
			relaxed = true;
	if (relaxed)
		months = r->insured_months_relaxed;
	const struct subsidy_group_rule *gsup, *gins;
	bool gany;
	group_rules_for(r, f, &gsup, &gins, &gany);
	bool by_group = gins && gins->insured_months < months;
	if (by_group)
		months = gins->insured_months;
	c = check(d, "insured");
	bool ok = subsidy_insured_at_least(f->insured, f->ninsured, f->apply_date, months);
	long days = work_days(f->insured, f->ninsured, 19000101, f->apply_date);
	const char *why_zh = by_group  ? "（重点群体）"
			     : relaxed ? "（放宽年度）"
				       : "",
		   *why_en = by_group  ? " (a category held)"
			     : relaxed ? " (a relaxed year)"
				       : "";
	if (ok) {
		snprintf(zh, sizeof zh, "累计参加失业保险满%d个月%s", months, why_zh);
		snprintf(en, sizeof en, "at least %d months of unemployment insurance%s", months, why_en);
	} else {
		snprintf(zh, sizeof zh, "累计参加失业保险不满%d个月%s（已参保%ld天）", months, why_zh, days);
		snprintf(en, sizeof en, "fewer than %d months of unemployment insurance%s (%ld days)", months,
			 why_en, days);
	}
	say(c, ok, "insurance_short", zh, en);

	check_certificate(r, f, d);

	int n = 0;
	for (size_t i = 0; i < f->nprior; i++)
		if (f->prior[i].kind == SUB_SKILL_UP && f->prior[i].applied_on / 10000 == year)
			n++;
	c = check(d, "per_year");
	if (n < r->max_per_year) {
		snprintf(zh, sizeof zh, "%d年已申领%d次，未超过每年%d次", year, n, r->max_per_year);
		snprintf(en, sizeof en, "%d claim(s) in %d, within %d a year", n, year, r->max_per_year);
	} else {
		snprintf(zh, sizeof zh, "%d年已申领%d次，每人每年最多%d次", year, n, r->max_per_year);
		snprintf(en, sizeof en, "already %d claims in %d, at most %d a year", n, year,
			 r->max_per_year);
	}
	say(c, n < r->max_per_year, "yearly_limit", zh, en);

	check_once(f, d);
	check_exclusive(f, SUB_TRAINING, d);
}

static int decide_training(const struct subsidy_rules *r, const struct subsidy_facts *f,
			   struct subsidy_decision *d, fen_t *amount, err *e)
{
	char zh[200], en[200], m[MONEY_BUF], cap[MONEY_BUF], ph[MONEY_BUF];
	struct subsidy_check *c = check(d, "completed");
	say(c, f->completed, "not_completed", f->completed ? "已完成培训并结业" : "培训未结业",
	    f->completed ? "the course was completed" : "the course was not completed");

	c = check(d, "hours");
	fen_t a = 0;
	if (f->class_hours < 0 || f->class_hours > 100000)
		return err_set(e, 422, "invalid_value", "class_hours", "课时数不在范围内",
			       "class hours out of range");
	int rc = money_mul(r->training_per_hour, f->class_hours, &a);
	if (rc)
		return money_rc_err(rc, "class_hours", e);
	bool capped = r->training_cap > 0 && a > r->training_cap;
	if (capped)
		a = r->training_cap;
	money_text(a, m);
	money_text(r->training_cap, cap);
	money_text(r->training_per_hour, ph);
	if (f->class_hours > 0 && capped) {
		snprintf(zh, sizeof zh, "%d课时 × %s 元，按每人最高 %s 元补贴", f->class_hours, ph, cap);
		snprintf(en, sizeof en, "%d class hours at %s yuan, capped at %s yuan", f->class_hours, ph,
			 cap);
	} else {
		snprintf(zh, sizeof zh, "%d课时 × %s 元 = %s 元", f->class_hours, ph, m);
		snprintf(en, sizeof en, "%d class hours at %s yuan = %s yuan", f->class_hours, ph, m);
	}
	say(c, f->class_hours > 0, "no_class_hours", zh, en);
	*amount = a;

	c = check(d, "once");
	bool dup = false;
	for (size_t i = 0; f->course && i < f->nprior; i++)
		if (f->prior[i].kind == SUB_TRAINING && same(f->prior[i].course, f->course))
			dup = true;
	say(c, f->course && !dup, f->course ? "already_claimed" : "course_missing",
	    !f->course ? "未指明培训项目"
	    : dup      ? "同一培训项目已申领培训补贴"
		       : "同一培训项目未申领过培训补贴",
	    !f->course ? "no course named"
	    : dup      ? "the course was already claimed"
		       : "no earlier training claim for the course");
	check_exclusive(f, SUB_SKILL_UP, d);
	return 0;
}

static void decide_shortage(const struct subsidy_rules *r, const struct subsidy_facts *f,
			    struct subsidy_decision *d, fen_t *amount)
{
	char zh[200], en[200], m[MONEY_BUF];
	int year = f->cert_date ? f->cert_date / 10000 : f->apply_date / 10000;
	struct subsidy_check *c = check(d, "listed");
	const struct shortage_entry *hit = NULL;
	for (size_t i = 0; i < r->nshortage && !hit; i++) {
		const struct shortage_entry *s = &r->shortage[i];
		if (s->year == year && same(s->city, f->city) && same(s->occupation, f->occupation))
			hit = s;
	}
	if (hit) {
		money_text(hit->amount, m);
		snprintf(zh, sizeof zh, "列入%s %d年急需紧缺工种目录，补贴 %s 元/人", f->city, year, m);
		snprintf(en, sizeof en, "on the %d shortage list of %s at %s yuan a person", year, f->city,
			 m);
		*amount = hit->amount;
	} else {
		snprintf(zh, sizeof zh, "该职业（工种）未列入%s %d年急需紧缺工种目录",
			 f->city ? f->city : "本市", year);
		snprintf(en, sizeof en, "the occupation is not on the %d shortage list of %s", year,
			 f->city ? f->city : "the city");
	}
	say(c, hit != NULL, "not_listed", zh, en);
	check_certificate(r, f, d);
	check_once(f, d);
}

static int decide_apprentice(const struct subsidy_rules *r, const struct subsidy_facts *f,
			     struct subsidy_decision *d, fen_t *amount, err *e)
{
	char zh[200], en[200], m[MONEY_BUF], py[MONEY_BUF];
	if ((f->contract_start && !date_valid(f->contract_start)) ||
	    (f->contract_end && !date_valid(f->contract_end)) ||
	    (f->training_start && !date_valid(f->training_start)) ||
	    (f->training_end && !date_valid(f->training_end)))
		return err_set(e, 422, "invalid_date", "date", "日期无效", "invalid date");
	struct subsidy_check *c = check(d, "contract");
	bool ok = f->contract_start &&
		  (!f->contract_end ||
		   subsidy_add_months(f->contract_start, r->apprentice_contract_months) <= f->contract_end);
	if (ok) {
		snprintf(zh, sizeof zh, "签订%s劳动合同（%d个月以上）", f->contract_end ? "" : "无固定期限",
			 r->apprentice_contract_months);
		snprintf(en, sizeof en, "a labour contract of at least %d months%s",
			 r->apprentice_contract_months, f->contract_end ? "" : " (open-ended)");
	} else {
		snprintf(zh, sizeof zh, "%s", f->contract_start ? "劳动合同期限不足1年" : "未签订劳动合同");
		snprintf(en, sizeof en, "%s",
			 f->contract_start ? "the labour contract is shorter than a year"
					   : "no labour contract");
	}
	say(c, ok, f->contract_start ? "contract_short" : "contract_missing", zh, en);

	c = check(d, "training_period");
	int months = f->training_start && f->training_end
			     ? subsidy_full_months(f->training_start, f->training_end)
			     : 0;
	ok = months >= r->apprentice_min_months && months <= r->apprentice_max_months;
	snprintf(zh, sizeof zh, "培训期限%d个月%s（应为%d至%d个月）", months, ok ? "" : "，不在范围内",
		 r->apprentice_min_months, r->apprentice_max_months);
	snprintf(en, sizeof en, "%d months of training%s (%d to %d required)", months,
		 ok ? "" : ", out of range", r->apprentice_min_months, r->apprentice_max_months);
	say(c, ok, "training_period", zh, en);

	c = check(d, "rate");
	fen_t a = 0;
	int rc = money_mul_ratio(r->apprentice_per_year, months, 12, &a);
	if (rc)
		return money_rc_err(rc, "training_end", e);
	money_text(a, m);
	money_text(r->apprentice_per_year, py);
	snprintf(zh, sizeof zh, "按每人每年 %s 元补贴企业，%d个月共 %s 元", py, months, m);
	snprintf(en, sizeof en, "%s yuan a year paid to the employer: %s yuan for %d months", py, m, months);
	say(c, r->apprentice_per_year >= r->apprentice_floor_per_year, "rate_below_floor", zh, en);
	*amount = a;
	check_once(f, d);
	return 0;
}

int subsidy_decide(const struct subsidy_rules *r, const struct subsidy_facts *f, struct subsidy_decision *d,
		   err *e)
{
	memset(d, 0, sizeof *d);
	d->failed = -1;
	if (f->kind < 0 || f->kind >= SUB_KIND_COUNT)
		return err_set(e, 422, "invalid_value", "kind", "补贴类型无效", "unknown subsidy kind");
	if (!date_valid(f->apply_date) || (f->cert_date && !date_valid(f->cert_date)))
		return err_set(e, 422, "invalid_date", "date", "日期无效", "invalid date");
	if (f->kind != SUB_TRAINING && (f->level < 1 || f->level > 5 || !f->occupation))
		return err_set(e, 422, "invalid_value", "level", "职业或等级无效",
			       "invalid occupation or level");
	fen_t amount = 0;
	switch (f->kind) {
	case SUB_SKILL_UP:
		decide_skill_up(r, f, d, &amount);
		break;
	case SUB_TRAINING:
		if (decide_training(r, f, d, &amount, e))
			return -1;
		break;
	case SUB_SHORTAGE:
		decide_shortage(r, f, d, &amount);
		break;
	case SUB_APPRENTICE:
		if (decide_apprentice(r, f, d, &amount, e))
			return -1;
		break;
	}
	if (f->kind != SUB_APPRENTICE && d->nchecks < SUBSIDY_MAX_CHECKS && check_group(r, f, d, &amount, e))
		return -1;
	d->ok = true;
	for (int i = 0; i < d->nchecks; i++)
		if (!d->checks[i].ok) {
			d->ok = false;
			d->failed = i;
			break;
		}
	d->amount = d->ok ? amount : 0;
	return 0;
}
