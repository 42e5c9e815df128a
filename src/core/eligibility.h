/* 申报条件 (eligibility to apply for a level, docs/DOMAIN.md §16): an applicant picks one option of the
 * standard's conditions for the level; the option holds if every one of its conditions holds on the exam
 * date, judged from dated facts. Pure: the caller chooses which facts count (this or a related
 * occupation, a related major) and passes them in. */
#ifndef JINENG_CORE_ELIGIBILITY_H
#define JINENG_CORE_ELIGIBILITY_H
#include <stdbool.h>
#include <stddef.h>

enum cond_type {
	C_AGE,	    /* 年满 N 周岁 */
	C_DECLARED, /* the applicant's declaration (e.g. 有意从事本职业) */
	C_WORK,	    /* 累计从事本职业或相关职业工作满 N 年 */
	C_CERT, /* holds a certificate of `level` or higher; optionally N years (of work, or elapsed) since */
	C_DIPLOMA, /* a diploma of one of `diplomas` (related major when `related`) */
	C_TITLE,   /* a professional title of `title` grade or higher; optionally N years of work since */
};

/* diploma kinds (person_diplomas.level) as bits */
enum {
	D_SECONDARY_VOC = 1 << 0,    /* 中等职业学校 */
	D_TECH_SCHOOL = 1 << 1,	     /* 技工学校 / 技工院校 (中级工班) */
	D_SENIOR_TECH = 1 << 2,	     /* 高级技工学校 / 技工院校高级工班 */
	D_TECHNICIAN = 1 << 3,	     /* 技师学院 / 预备技师班 / 技师班 */
	D_COLLEGE = 1 << 4,	     /* 专科 / 高职 */
	D_BACHELOR = 1 << 5,	     /* 本科 */
	D_MASTER = 1 << 6,	     /* 硕士及以上 */
	D_ASSESSED_COLLEGE = 1 << 7, /* 经评估论证的高职 / 专科以上专业 */
	D_APPRENTICESHIP = 1 << 8,   /* 学徒期满 */
};
#define D_COLLEGE_UP (D_COLLEGE | D_BACHELOR | D_MASTER)

/* 技工院校 class equivalences (DOMAIN.md §9 "贯通"; 人社 技工院校毕业生同等学历待遇): a diploma of a
 * technical-school class counts as the general-education diploma it equals wherever 申报条件 (and 贯通) ask
 * for that one — 中级工班 = 中专, 高级工班 = 大专, 预备技师班 = 本科. Data: one row per class. */
struct elig_equivalence {
	unsigned kind;	    /* the technical-school class (one D_ bit) */
	unsigned counts_as; /* the diploma it equals (D_ bits) */
	const char *zh, *en, *source;
};
const struct elig_equivalence *elig_equivalences(size_t *n);
/* elig_diploma_counts: the D_ bits a diploma of `kind` satisfies: itself and what it equals */
unsigned elig_diploma_counts(unsigned kind);

struct condition {
	enum cond_type type;
	int years;	 /* C_AGE, C_WORK; C_CERT / C_TITLE / C_DIPLOMA: years since (0 = just held) */
	int level;	 /* C_CERT: 1..5 */
	bool work_since; /* C_CERT / C_TITLE: `years` are years of work since, not calendar years */
	unsigned diplomas;
	bool related;	 /* C_DIPLOMA: in a related major */
	bool final_year; /* C_DIPLOMA: 含在读应届毕业生 — a student graduating within a year counts */
	int title;	 /* C_TITLE: 1 初级, 2 中级, 3 高级 */
};

#define OPTION_MAX_CONDS 4
struct elig_option {
	const char *id; /* e.g. "2023-3-b" */
	const char *zh; /* the option as the standard words it */
	const char *en; /* the same in English (for the UI's English mode) */
	int ncond;
	struct condition cond[OPTION_MAX_CONDS];
};

struct fact_cert {
	int level, issued_on;
};
struct fact_work {
	int start, end; /* end 0 = still working */
};
struct fact_diploma {
	unsigned kind; /* one D_ bit */
	int graduated_on;
	bool related;
};
struct fact_title {
	int grade, obtained_on;
};

struct elig_facts {
	int exam_date, birth_date; /* YYYYMMDD; birth 0 = unknown */
	bool declared;
	const struct fact_cert *certs;
	size_t ncerts;
	const struct fact_work *work;
	size_t nwork;
	const struct fact_diploma *diplomas;
	size_t ndiplomas;
	const struct fact_title *titles;
	size_t ntitles;
};

struct elig_result {
	bool ok;
	int failed; /* index of the failed condition */
	char code[32];
	char zh[240];
	char en[240];
};

/* checks one option; fills r (r->ok, or the first failed condition with a code and both messages) */
void elig_check(const struct elig_option *o, const struct elig_facts *f, struct elig_result *r);

/* elig_option_vary: a standard's own figures for an option (申报条件 as its 国家职业技能标准 words them):
 * out = base with cond[i].years = years[i] wherever years[i] >= 0 (n <= base->ncond). Only conditions that
 * count years may vary (age, work, years since a certificate, title or diploma); ages are 14..70, other
 * years 0..40. Returns 0, or 1 + the index of the first condition that cannot take its figure. */
int elig_option_vary(const struct elig_option *base, const int *years, int n, struct elig_option *out);

/* days of work (merged intervals) in [from, to) */
long work_days(const struct fact_work *w, size_t n, int from, int to);
/* 满 N 年 of work up to `to`, counting only work from `from` on */
bool work_years_at_least(const struct fact_work *w, size_t n, int from, int to, int years);

/* the built-in templates (国家职业标准编制技术规程 2018 and 2023): options per level 1..5 */
struct elig_template {
	const char *name; /* "2018" or "2023" */
	const struct elig_option *levels[6];
	int nopts[6];
};
const struct elig_template *elig_template(const char *name);

#endif
