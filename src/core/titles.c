/* titles.c: the 贯通 rule engine (see titles.h) */
#include "core/titles.h"
#include "core/ladder.h"
#include "core/date.h"
#include "core/eligibility.h"
#include <stdio.h>
#include <string.h>

static const char *const rank_codes[TR_COUNT] = {NULL, "assistant", "intermediate", "deputy_senior",
						 "full_senior"};
static const char *const rank_zh[TR_COUNT] = {"", "初级（助理级）职称", "中级职称", "副高级职称",
					      "正高级职称"};
static const char *const rank_en[TR_COUNT] = {"", "assistant (junior) title", "intermediate title",
					      "deputy senior title", "full senior title"};

const char *title_rank_code(int r)
{
	return r > 0 && r < TR_COUNT ? rank_codes[r] : NULL;
}

const char *title_rank_zh(int r)
{
	return r > 0 && r < TR_COUNT ? rank_zh[r] : "";
}

const char *title_rank_en(int r)
{
	return r > 0 && r < TR_COUNT ? rank_en[r] : "";
}

int title_rank_parse(const char *code)
{
	for (int r = 1; code && r < TR_COUNT; r++)
		if (!strcmp(code, rank_codes[r]))
			return r;
	return 0;
}

int title_rank_grade(int r)
{
	return r == TR_ASSISTANT				? 1
	       : r == TR_INTERMEDIATE				? 2
	       : (r == TR_DEPUTY_SENIOR || r == TR_FULL_SENIOR) ? 3
								: 0;
}

const char *title_grade_code(int g)
{
	return g == 1 ? "junior" : g == 2 ? "intermediate" : g == 3 ? "senior" : NULL;
}

static const char *const kind_codes[TT_KIND_COUNT] = {"skill_to_title", "green_channel", "title_to_level",
						      "dual"};
static const char *const kind_zh[TT_KIND_COUNT] = {"技能等级贯通职称", "绿色通道", "职称贯通技能等级",
						   "一评双证"};

const char *tt_kind_code(int k)
{
	return k >= 0 && k < TT_KIND_COUNT ? kind_codes[k] : NULL;
}

const char *tt_kind_zh(int k)
{
	return k >= 0 && k < TT_KIND_COUNT ? kind_zh[k] : "";
}

int tt_kind_parse(const char *code)
{
	for (int k = 0; code && k < TT_KIND_COUNT; k++)
		if (!strcmp(code, kind_codes[k]))
			return k;
	return -1;
}

const char *tt_level_zh(int level)
{
	return ladder_grade_label(level);
}

static int bad(err *e, const char *field, const char *zh, const char *en)
{
	return err_set(e, 422, "invalid_rule", field, "贯通规则无效：%s%.0s", "invalid 贯通 rule: %.0s%s", zh,
		       en);
}

int tt_rule_check(const struct tt_rule *r, err *e)
{
	if (r->kind < 0 || r->kind >= TT_KIND_COUNT)
		return bad(e, "kind", "类型应为 skill_to_title、green_channel、title_to_level 或 dual",
			   "kind is skill_to_title, green_channel, title_to_level or dual");
	if (!r->series || !*r->series)
		return bad(e, "series", "缺少职称系列", "the series is missing");
	if (r->years < 0 || r->years > 40)
		return bad(e, "years", "年限应为 0 至 40", "years are 0 to 40");
	if (r->appraisal_years < 0 || r->appraisal_years > 10)
		return bad(e, "appraisal_years", "考核年数应为 0 至 10", "appraisal years are 0 to 10");
	switch (r->kind) {
	case TT_SKILL_TO_TITLE:
		if (r->from_level < 1 || r->from_level > 5)
			return bad(e, "from_level", "技能等级应为 1 至 5", "from_level is 1 to 5");
		if (r->to_rank < TR_ASSISTANT || r->to_rank >= TR_COUNT)
			return bad(e, "to_rank", "职称层级无效", "to_rank is no title rank");
		break;
	case TT_GREEN:
		if (!r->honour || !*r->honour)
			return bad(e, "honour", "绿色通道需指明荣誉类别", "a green channel names an honour");
		if (r->to_rank < TR_ASSISTANT || r->to_rank >= TR_COUNT)
			return bad(e, "to_rank", "职称层级无效", "to_rank is no title rank");
		break;
	case TT_TITLE_TO_LEVEL:
		if (r->from_rank < TR_ASSISTANT || r->from_rank >= TR_COUNT)
			return bad(e, "from_rank", "职称层级无效", "from_rank is no title rank");
		if (r->to_level < 1 || r->to_level > 5)
			return bad(e, "to_level", "技能等级应为 1 至 5", "to_level is 1 to 5");
		break;
	case TT_DUAL:
		/* 一评双证: the applicant is either a 专技人才 (a title held) or a 高技能人才 (a level held)
		 */
		if ((r->from_rank != 0) == (r->from_level != 0))
			return bad(e, "from_rank", "一评双证规则须且只须指明所持职称层级或所持技能等级之一",
				   "a dual rule names either the title rank held or the skill level held, "
				   "not both");
		if (r->from_rank && (r->from_rank < TR_ASSISTANT || r->from_rank >= TR_COUNT))
			return bad(e, "from_rank", "职称层级无效", "from_rank is no title rank");
		if (r->from_level && (r->from_level < 1 || r->from_level > 5))
			return bad(e, "from_level", "技能等级应为 1 至 5", "from_level is 1 to 5");
		if (r->to_rank < TR_ASSISTANT || r->to_rank >= TR_COUNT)
			return bad(e, "to_rank", "职称层级无效", "to_rank is no title rank");
		if (r->to_level < 1 || r->to_level > 5)
			return bad(e, "to_level", "技能等级应为 1 至 5", "to_level is 1 to 5");
		break;
	}
	return 0;
}

#define SRC_000 "省人社厅 贯通互评（seed 000）；DOMAIN.md §9"
#define SRC_001 "高技能人才职称评审绿色通道（seed 001）"
#define SRC_3	"申报条件 2023 年版（DOMAIN.md §3, §9）"

static const struct tt_rule seeded[] = {
	{TT_SKILL_TO_TITLE, "engineering", .from_level = 3, .years = 2, .appraisal_years = 3,
	 .to_rank = TR_ASSISTANT, .source = SRC_000},
	{TT_SKILL_TO_TITLE, "engineering", .from_level = 2, .years = 3, .appraisal_years = 3,
	 .to_rank = TR_INTERMEDIATE, .source = SRC_000},
	{TT_SKILL_TO_TITLE, "engineering", .from_level = 1, .years = 4, .appraisal_years = 3,
	 .to_rank = TR_DEPUTY_SENIOR, .source = SRC_000},
	{TT_GREEN, "engineering", .honour = "china_skill_award", .honour_name = "中华技能大奖",
	 .to_rank = TR_FULL_SENIOR, .source = SRC_001},
	{TT_GREEN, "engineering", .honour = "worldskills_gold", .honour_name = "世界技能大赛金牌",
	 .to_rank = TR_FULL_SENIOR, .source = SRC_001},
	{TT_TITLE_TO_LEVEL, "engineering", .from_rank = TR_ASSISTANT, .years = 1, .to_level = 3,
	 .source = SRC_3},
	{TT_TITLE_TO_LEVEL, "engineering", .from_rank = TR_INTERMEDIATE, .years = 1, .to_level = 2,
	 .source = SRC_3},
	{TT_TITLE_TO_LEVEL, "engineering", .from_rank = TR_DEPUTY_SENIOR, .years = 1, .to_level = 1,
	 .source = SRC_3},
};

const struct tt_rule *tt_rules_seeded(size_t *n)
{
	*n = ARRAY_LEN(seeded);
	return seeded;
}

static void put(struct tt_decision *d, const char *id, const char *code, const char *zh, const char *en)
{
	if (d->nchecks >= TT_MAX_CHECKS)
		return;
	struct tt_check *c = &d->checks[d->nchecks++];
	c->id = id;
	c->ok = !code;
	snprintf(c->code, sizeof c->code, "%s", code ? code : "");
	snprintf(c->zh, sizeof c->zh, "%s", zh);
	snprintf(c->en, sizeof c->en, "%s", en);
	if (code)
		d->ok = false;
}

/* the earliest date at or before today of a certificate of `level` or higher (1 is the highest), or 0 */
static int earliest_cert(const struct tt_facts *f, int level, const char *occupation)
{
	int best = 0;
	for (size_t i = 0; i < f->ncerts; i++) {
		const struct tt_cert *c = &f->certs[i];
		if (!ladder_grade_at_least(c->level, level) || !c->issued_on || c->issued_on > f->today)
			continue;
		if (occupation && (!c->occupation || strcmp(c->occupation, occupation)))
			continue;
		if (!best || c->issued_on < best)
			best = c->issued_on;
	}
	return best;
}

/* the earliest date of a title of the series of `rank` or higher (`series` NULL: any series), or 0 */
static int earliest_title(const struct tt_facts *f, const char *series, int rank)
{
	int best = 0;
	for (size_t i = 0; i < f->ntitles; i++) {
		const struct tt_title *t = &f->titles[i];
		if (t->rank < rank || !t->obtained_on || t->obtained_on > f->today)
			continue;
		if (series && (!t->series || strcmp(t->series, series)))
			continue;
		if (!best || t->obtained_on < best)
			best = t->obtained_on;
	}
	return best;
}

static void check_years(struct tt_decision *d, int since, int years, const char *what_zh, const char *what_en,
			int today)
{
	char zh[200], en[200], day[11];
	date_format(since, day);
	int have = date_full_years(since, today);
	if (have >= years) {
		snprintf(zh, sizeof zh, "取得%s（%s）已满%d年", what_zh, day, years);
		snprintf(en, sizeof en, "%d full year(s) since the %s (%s)", years, what_en, day);
		put(d, "years", NULL, zh, en);
	} else {
		snprintf(zh, sizeof zh, "取得%s（%s）不满%d年（已满%d年）", what_zh, day, years, have);
		snprintf(en, sizeof en, "fewer than %d full year(s) since the %s (%s): %d", years, what_en,
			 day, have);
		put(d, "years", "years_short", zh, en);
	}
}

static void check_appraisal(struct tt_decision *d, const struct tt_facts *f, int n)
{
	char zh[200], en[200];
	int year = f->today / 10000;
	for (int y = year - 1; y >= year - n; y--) {
		int found = 0; /* 0 none, 1 passed, -1 failed */
		for (size_t i = 0; i < f->nappraisals; i++)
			if (f->appraisals[i].year == y)
				found = f->appraisals[i].passed ? (found ? found : 1) : -1;
		if (found == 1)
			continue;
		snprintf(zh, sizeof zh, "近%d年年度考核须均为合格以上：%d年度%s", n, y,
			 found ? "考核不合格" : "无考核记录");
		snprintf(en, sizeof en, "%d consecutive passed annual appraisals are required: %d is %s", n,
			 y, found ? "not passed" : "not on record");
		put(d, "appraisal", found ? "appraisal_failed" : "appraisal_missing", zh, en);
		return;
	}
	snprintf(zh, sizeof zh, "%d至%d年度考核均为合格以上", year - n, year - 1);
	snprintf(en, sizeof en, "passed annual appraisals %d to %d", year - n, year - 1);
	put(d, "appraisal", NULL, zh, en);
}

/* the applicant must not already hold what the rule leads to */
static void check_not_held_rank(struct tt_decision *d, const struct tt_facts *f, const char *series, int rank)
{
	char zh[200], en[200];
	if (earliest_title(f, series, rank)) {
		snprintf(zh, sizeof zh, "已取得本系列%s或更高层级职称", title_rank_zh(rank));
		snprintf(en, sizeof en, "already holds a %s or higher in this series", title_rank_en(rank));
		put(d, "not_held", "title_held", zh, en);
	} else {
		snprintf(zh, sizeof zh, "尚未取得本系列%s或更高层级职称", title_rank_zh(rank));
		snprintf(en, sizeof en, "holds no %s or higher in this series yet", title_rank_en(rank));
		put(d, "not_held", NULL, zh, en);
	}
}

/* 满 N 年 of work in the occupation since `since` (申报条件: "从事本职业工作满N年") */
static void check_work(struct tt_decision *d, const struct tt_facts *f, int since, int years,
		       const char *what)
{
	char zh[200], en[200], day[11];
	date_format(since, day);
	struct fact_work w[64];
	size_t n = 0;
	for (size_t i = 0; i < f->nwork && n < ARRAY_LEN(w); i++)
		w[n++] = (struct fact_work){f->work[i].from, f->work[i].to};
	if (work_years_at_least(w, n, since, f->today, years)) {
		snprintf(zh, sizeof zh, "取得%s（%s）后从事本职业工作已满%d年", what, day, years);
		snprintf(en, sizeof en, "%d full year(s) of work in the occupation since the title (%s)",
			 years, day);
		put(d, "work", NULL, zh, en);
	} else {
		long days = work_days(w, n, since, f->today);
		snprintf(zh, sizeof zh, "取得%s（%s）后从事本职业工作不满%d年（约%ld天）", what, day, years,
			 days);
		snprintf(en, sizeof en,
			 "fewer than %d full year(s) of work in the occupation since the title (%s): about "
			 "%ld "
			 "days",
			 years, day, days);
		put(d, "work", "work_short", zh, en);
	}
}

/* the occupation applied for against the series' list of matching occupations ([GAP] when unlisted) */
static void check_occupation(struct tt_decision *d, const struct tt_facts *f)
{
	if (!f->occupation || !*f->occupation)
		put(d, "occupation", "occupation_missing", "未指明申报的职业（工种）",
		    "the occupation applied for is missing");
	else if (f->match == TT_MATCH_NO)
		put(d, "occupation", "occupation_mismatch", "申报的职业不是本职称系列的相关职业",
		    "the occupation is not one the series matches");
	else if (f->match == TT_MATCH_YES)
		put(d, "occupation", NULL, "申报的职业是本职称系列的相关职业",
		    "the occupation is one the series matches");
	else
		put(d, "occupation", NULL, "本职称系列未列出相关职业，由审核部门判断职业是否相关",
		    "the series lists no matching occupations: the reviewers judge the match");
}

/* the level applied for must not be held already in the occupation */
static void check_level_not_held(struct tt_decision *d, const struct tt_facts *f, int level, const char *id)
{
	char zh[200], en[200];
	if (!f->occupation || !*f->occupation)
		return; /* check_occupation has said so */
	if (earliest_cert(f, level, f->occupation)) {
		snprintf(zh, sizeof zh, "已持有该职业%s或更高等级证书", tt_level_zh(level));
		snprintf(en, sizeof en, "already holds a level-%d or higher certificate in the occupation",
			 level);
		put(d, id, "level_held", zh, en);
	} else {
		snprintf(zh, sizeof zh, "尚未持有该职业%s或更高等级证书", tt_level_zh(level));
		snprintf(en, sizeof en, "holds no level-%d or higher certificate in the occupation yet",
			 level);
		put(d, id, NULL, zh, en);
	}
}

void tt_decide(const struct tt_rule *r, const struct tt_facts *f, struct tt_decision *d)
{
	memset(d, 0, sizeof *d);
	d->ok = true;
	char zh[200], en[200];
	switch (r->kind) {
	case TT_SKILL_TO_TITLE: {
		int since = earliest_cert(f, r->from_level, NULL);
		if (!since) {
			snprintf(zh, sizeof zh, "未取得%s或更高等级的职业技能等级证书",
				 tt_level_zh(r->from_level));
			snprintf(en, sizeof en, "no skill-level certificate of level %d or higher",
				 r->from_level);
			put(d, "level", "certificate_missing", zh, en);
		} else {
			snprintf(zh, sizeof zh, "持有%s或更高等级的职业技能等级证书",
				 tt_level_zh(r->from_level));
			snprintf(en, sizeof en, "holds a skill-level certificate of level %d or higher",
				 r->from_level);
			put(d, "level", NULL, zh, en);
			snprintf(zh, sizeof zh, "%s证书", tt_level_zh(r->from_level));
			snprintf(en, sizeof en, "level-%d certificate", r->from_level);
			check_years(d, since, r->years, zh, en, f->today);
		}
		if (r->appraisal_years > 0)
			check_appraisal(d, f, r->appraisal_years);
		check_not_held_rank(d, f, r->series, r->to_rank);
		break;
	}
	case TT_GREEN: {
		const char *hn = r->honour_name && *r->honour_name ? r->honour_name
				 : r->honour			   ? r->honour
								   : "";
		bool held = false;
		for (size_t i = 0; i < f->nhonours && !held; i++)
			held = f->honours[i].category && r->honour &&
			       !strcmp(f->honours[i].category, r->honour) && f->honours[i].awarded_on &&
			       f->honours[i].awarded_on <= f->today;
		snprintf(zh, sizeof zh, held ? "获得%s，可直接申报%s" : "未获得%s（直接申报%s的绿色通道）",
			 hn, title_rank_zh(r->to_rank));
		snprintf(en, sizeof en,
			 held ? "holds the honour %s: may apply directly for a %s"
			      : "does not hold the honour %s (the green channel to a %s)",
			 hn, title_rank_en(r->to_rank));
		put(d, "honour", held ? NULL : "honour_missing", zh, en);
		check_not_held_rank(d, f, r->series, r->to_rank);
		break;
	}
	case TT_TITLE_TO_LEVEL: {
		int since = earliest_title(f, r->series, r->from_rank);
		if (!since) {
			snprintf(zh, sizeof zh, "未取得本系列%s或更高层级职称", title_rank_zh(r->from_rank));
			snprintf(en, sizeof en, "holds no %s or higher in this series",
				 title_rank_en(r->from_rank));
			put(d, "title", "title_missing", zh, en);
		} else {
			snprintf(zh, sizeof zh, "持有本系列%s或更高层级职称", title_rank_zh(r->from_rank));
			snprintf(en, sizeof en, "holds a %s or higher in this series",
				 title_rank_en(r->from_rank));
			put(d, "title", NULL, zh, en);
		}
		check_occupation(d, f);
		if (since && r->years > 0)
			check_work(d, f, since, r->years, title_rank_zh(r->from_rank));
		if (!f->occupation || !*f->occupation)
			break;
		check_level_not_held(d, f, r->to_level, "not_held");
		break;
	}
	case TT_DUAL: {
		/* 一评双证: what the applicant holds, for how long, the appraisals, the occupation, and
		 * neither the title nor the level held yet */
		int since = r->from_rank ? earliest_title(f, r->series, r->from_rank)
					 : earliest_cert(f, r->from_level, NULL);
		const char *what_zh = r->from_rank ? title_rank_zh(r->from_rank) : tt_level_zh(r->from_level);
		if (!since) {
			snprintf(zh, sizeof zh,
				 r->from_rank ? "未取得本系列%s或更高层级职称"
					      : "未取得%s或更高等级的职业技能等级证书",
				 what_zh);
			snprintf(en, sizeof en,
				 r->from_rank ? "holds no %s or higher in this series"
					      : "no skill-level certificate of %s or higher",
				 r->from_rank ? title_rank_en(r->from_rank) : what_zh);
			put(d, r->from_rank ? "title" : "level",
			    r->from_rank ? "title_missing" : "certificate_missing", zh, en);
		} else {
			snprintf(zh, sizeof zh,
				 r->from_rank ? "持有本系列%s或更高层级职称"
					      : "持有%s或更高等级的职业技能等级证书",
				 what_zh);
			snprintf(en, sizeof en,
				 r->from_rank ? "holds a %s or higher in this series"
					      : "holds a skill-level certificate of %s or higher",
				 r->from_rank ? title_rank_en(r->from_rank) : what_zh);
			put(d, r->from_rank ? "title" : "level", NULL, zh, en);
			if (r->years > 0)
				check_years(d, since, r->years, what_zh,
					    r->from_rank ? title_rank_en(r->from_rank) : "certificate",
					    f->today);
		}
		if (r->appraisal_years > 0)
			check_appraisal(d, f, r->appraisal_years);
		check_occupation(d, f);
		check_not_held_rank(d, f, r->series, r->to_rank);
		check_level_not_held(d, f, r->to_level, "level_held");
		break;
	}
	default:
		put(d, "rule", "invalid_rule", "贯通规则类型无效", "invalid 贯通 rule kind");
	}
}

static bool leads_to(const struct tt_rule *r, const struct tt_target *t)
{
	if (r->kind != t->kind || !r->series || !t->series || strcmp(r->series, t->series))
		return false;
	switch (r->kind) {
	case TT_SKILL_TO_TITLE:
		return r->to_rank == t->rank;
	case TT_GREEN:
		return r->to_rank == t->rank &&
		       (!t->honour || !*t->honour || (r->honour && !strcmp(r->honour, t->honour)));
	case TT_TITLE_TO_LEVEL:
		return r->to_level == t->level;
	case TT_DUAL:
		return r->to_rank == t->rank && r->to_level == t->level;
	}
	return false;
}

void tt_decide_target(const struct tt_rule *rules, size_t n, const struct tt_target *t,
		      const struct tt_facts *f, struct tt_decision *d, int *chosen)
{
	int first = -1;
	struct tt_decision tmp;
	if (chosen)
		*chosen = -1;
	for (size_t i = 0; i < n; i++) {
		if (!leads_to(&rules[i], t))
			continue;
		tt_decide(&rules[i], f, &tmp);
		if (tmp.ok) {
			*d = tmp;
			if (chosen)
				*chosen = (int)i;
			return;
		}
		if (first < 0) {
			first = (int)i;
			*d = tmp;
		}
	}
	if (first >= 0) {
		if (chosen)
			*chosen = first;
		return;
	}
	memset(d, 0, sizeof *d);
	d->ok = true;
	char zh[200], en[200];
	if (t->kind == TT_DUAL) {
		snprintf(zh, sizeof zh, "该职称系列未设置一评双证至%s和%s的规则", title_rank_zh(t->rank),
			 tt_level_zh(t->level));
		snprintf(en, sizeof en, "the series has no dual rule leading to a %s and skill level %d",
			 title_rank_en(t->rank), t->level);
	} else if (t->kind == TT_TITLE_TO_LEVEL) {
		snprintf(zh, sizeof zh, "该职称系列未设置贯通至%s的规则", tt_level_zh(t->level));
		snprintf(en, sizeof en, "the series has no rule leading to skill level %d", t->level);
	} else {
		snprintf(zh, sizeof zh, "该职称系列未设置%s至%s的规则", tt_kind_zh(t->kind),
			 title_rank_zh(t->rank));
		snprintf(en, sizeof en, "the series has no %s rule leading to a %s",
			 tt_kind_code(t->kind) ? tt_kind_code(t->kind) : "", title_rank_en(t->rank));
	}
	put(d, "rule", "no_rule", zh, en);
}
