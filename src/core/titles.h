/* titles.h: 贯通 (技能等级 ↔ 专业技术职称, docs/DOMAIN.md "贯通") as data and a pure rule engine. A rule
 * says, for one title series (职称系列: 工程, 农业, 工艺美术, 技工院校 … — seed 000 counts 8), one way
 * across:
 *
 *   TT_SKILL_TO_TITLE  a skill level held N full years, with M consecutive years of passed annual
 *                      appraisal (年度考核合格), lets the holder apply for a title rank of the series
 *                      (工程 seeded: 高级工 + 2 → 助理工程师, 技师 + 3 → 工程师, 高级技师 + 4 → 高级工程师,
 *                      each with 3 years of passed appraisal; seed 000, DOMAIN.md §9)
 *   TT_GREEN           绿色通道: an honour of a category lets the holder apply for a rank directly
 *                      (中华技能大奖, 世界技能大赛金牌 → 正高级; seed 001)
 *   TT_TITLE_TO_LEVEL  a title of a rank, then N full years of work in the occupation applied for, lets
 *                      the holder apply for a skill level of that occupation, when the occupation matches
 *                      the series (初 / 中 / 高级职称 + 1 year → 三 / 二 / 一级; DOMAIN.md §3 申报条件
 *                      2023: "取得相关职业…职称后，从事本职业工作满1年")
 *   TT_DUAL            一评双证 (seed 004, 德州): one evaluation issues both a title of to_rank in the series
 *                      and a level certificate of to_level in a matching occupation; the applicant holds a
 *                      title of from_rank (专技人才) or a level of from_level (高技能人才) N full years, with
 * M passed appraisals; neither target held yet. The figures are the province's data.
 *
 * The engine evaluates every condition of a rule (not only up to the first failure) and explains each in
 * Chinese and English with a stable id and, when it fails, a code, as core/subsidy.h does for a claim.
 * Dates are YYYYMMDD integers (core/date.h). Pure: no I/O, no global state; the caller loads the person's
 * certificates, titles, appraisals and honours and passes them in. */
#ifndef JINENG_CORE_TITLES_H
#define JINENG_CORE_TITLES_H
#include "util/common.h"
#include "util/err.h"

/* title ranks (职称层级), lowest first; 0 is none */
enum title_rank {
	TR_ASSISTANT = 1, /* 初级（助理级）: 助理工程师 */
	TR_INTERMEDIATE,  /* 中级: 工程师 */
	TR_DEPUTY_SENIOR, /* 副高级: 高级工程师 */
	TR_FULL_SENIOR,	  /* 正高级: 正高级工程师 */
	TR_COUNT
};
/* the stored code ("assistant", "intermediate", "deputy_senior", "full_senior") and labels; NULL / "" when
 * out of range. title_rank_parse: the rank of a code, 0 when none. */
const char *title_rank_code(int rank);
const char *title_rank_zh(int rank);
const char *title_rank_en(int rank);
int title_rank_parse(const char *code);
/* title_rank_grade: the grade 申报条件 counts (core/eligibility.h C_TITLE, person_titles.grade): 初级 1,
 * 中级 2, 副高 and 正高 3 (高级职称); 0 when out of range */
int title_rank_grade(int rank);
/* the grade's stored code in person_titles ("junior", "intermediate", "senior") */
const char *title_grade_code(int grade);

enum tt_kind { TT_SKILL_TO_TITLE = 0, TT_GREEN, TT_TITLE_TO_LEVEL, TT_DUAL, TT_KIND_COUNT };
/* "skill_to_title", "green_channel", "title_to_level", "dual"; -1 when none */
const char *tt_kind_code(int k);
const char *tt_kind_zh(int k);
int tt_kind_parse(const char *code);

/* skill levels: 1 一级/高级技师 … 5 五级/初级工 (as certificates store them) */
const char *tt_level_zh(int level);

struct tt_rule {
	int kind;
	const char *series; /* the series code ("engineering") */
	int from_level; /* TT_SKILL_TO_TITLE, TT_DUAL: the skill level held (1..5; this or higher counts) */
	int from_rank;	/* TT_TITLE_TO_LEVEL, TT_DUAL: the title rank held (1..4; this or higher counts) */
	int years;	/* full years since the certificate / the title (0..40); TT_TITLE_TO_LEVEL: full
			   years of work in the occupation since the title */
	int appraisal_years; /* TT_SKILL_TO_TITLE: consecutive passed annual appraisals before the year of the
				application (0..10) */
	const char *honour;  /* TT_GREEN: the honour's kind (person_honours.kind: "china_skill_award") */
	const char *honour_name; /* its name for messages ("中华技能大奖"); NULL: the kind */
	int to_rank;		 /* TT_SKILL_TO_TITLE, TT_GREEN, TT_DUAL: the rank one may apply for */
	int to_level;		 /* TT_TITLE_TO_LEVEL, TT_DUAL: the skill level one may apply for (1..5) */
	const char *source;	 /* where the rule comes from, shown with the decision */
};

/* tt_rule_check: is the rule well formed for its kind (ranges above; a series; an honour for TT_GREEN)?
 * 0, or -1 with a 422 invalid_rule naming the field */
int tt_rule_check(const struct tt_rule *r, err *e) WUR;

/* the engineering rules and the green channel the seeds give (seed 000, 001; DOMAIN.md §9), the way the
 * migration seeds them; *n gets their number */
const struct tt_rule *tt_rules_seeded(size_t *n);

struct tt_cert {
	int level, issued_on;
	const char *occupation; /* 职业编码 */
};
struct tt_title {
	const char *series;
	int rank, obtained_on;
};
struct tt_appraisal {
	int year;
	bool passed; /* 合格 or better */
};
struct tt_honour {
	const char *category; /* person_honours.kind */
	int awarded_on;
};

struct tt_work {
	int from, to; /* an interval of work in the occupation applied for (to 0: still working) */
};

/* does the occupation applied for match the series (title_series_occupations)? */
enum tt_match { TT_MATCH_UNLISTED = 0, TT_MATCH_YES, TT_MATCH_NO };

struct tt_facts {
	int today;		/* the day of the application (the check's date) */
	const char *occupation; /* TT_TITLE_TO_LEVEL, TT_DUAL: the occupation of the level applied for */
	int match;		/* enum tt_match: the occupation against the series' list ([GAP] unlisted) */
	const struct tt_work *work; /* TT_TITLE_TO_LEVEL: work in the occupation (or in none recorded) */
	size_t nwork;
	const struct tt_cert *certs;
	size_t ncerts;
	const struct tt_title *titles;
	size_t ntitles;
	const struct tt_appraisal *appraisals;
	size_t nappraisals;
	const struct tt_honour *honours;
	size_t nhonours;
};

#define TT_MAX_CHECKS 8
struct tt_check {
	const char *id; /* "rule", "level", "years", "work", "appraisal", "honour", "title", "occupation",
			   "not_held", "level_held" */
	bool ok;
	char code[32]; /* "" when ok */
	char zh[200];
	char en[200];
};
struct tt_decision {
	bool ok;
	int nchecks;
	struct tt_check checks[TT_MAX_CHECKS];
};

/* tt_decide: every condition of rule r over the facts, each explained; d->ok when all hold */
void tt_decide(const struct tt_rule *r, const struct tt_facts *f, struct tt_decision *d);

/* what an application asks for */
struct tt_target {
	int kind;
	const char *series;
	int rank;	    /* TT_SKILL_TO_TITLE, TT_GREEN, TT_DUAL */
	int level;	    /* TT_TITLE_TO_LEVEL, TT_DUAL */
	const char *honour; /* TT_GREEN: the category the applicant relies on (NULL: any rule of the series
			       to that rank) */
};

/* tt_decide_target: the rules (of any series) that lead where the target asks are tried in order; the
 * first whose every condition holds decides (ok); when none does, the first such rule's explanation is
 * given; when no rule leads there, one failed check "rule" (code no_rule) says so. *chosen (may be NULL)
 * gets the index of the deciding rule in `rules`, -1 when none. */
void tt_decide_target(const struct tt_rule *rules, size_t n, const struct tt_target *t,
		      const struct tt_facts *f, struct tt_decision *d, int *chosen);

#endif
