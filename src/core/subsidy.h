/* subsidy.h: 补贴规则 (the subsidy rules of 培训与补贴, docs/DOMAIN.md "补贴规则") as data, and a pure rule
 * engine that decides a claim condition by condition, the way 申报条件 (core/eligibility.h) explains an
 * application: every condition of the subsidy is evaluated (not only up to the first failure) and each
 * gets a stable id, a pass/fail, a code and a sentence in Chinese and English, so the claim can store the
 * whole explanation and a reviewer sees why it was granted or refused.
 *
 * Four subsidies:
 *   技能提升补贴 (SUB_SKILL_UP)   by level (五 / 四 / 三级: 1,000 / 1,500 / 2,000 元); N months of
 *                                unemployment insurance (36, or 12 in the relaxed years, which are data);
 *                                applied for within 12 months of the certificate; at most 3 a calendar year;
 *                                once per occupation and level; not with 培训补贴 for the same course.
 *   培训补贴 (SUB_TRAINING)       per class hour with a cap (泰安: 10 元 an hour, at most 500 元); once per
 *                                course; not with 技能提升补贴 for the same course.
 *   急需紧缺 (SUB_SHORTAGE)       a per-city, per-year list of occupations and amounts (临沂: 27 工种,
 *                                400–880 元); once per occupation and level.
 *   新型学徒制 (SUB_APPRENTICE)    paid to the employer: a labour contract of at least 1 year, 1 to 2 years
 *                                of training, at least 5,000 元 a year (the rate is data with that floor),
 *                                amount = rate × training months / 12.
 *
 * By 重点群体 (struct subsidy_group_rule): a supplement and a relaxed insurance figure for holders of a
 * category, as data; the check "key_group" explains which applied.
 *
 * Dates are YYYYMMDD integers (core/date.h); amounts are fen (core/money.h). Pure: no I/O, no global state;
 * the caller loads the person's insurance periods and earlier claims and passes them in. */
#ifndef JINENG_CORE_SUBSIDY_H
#define JINENG_CORE_SUBSIDY_H

#include "util/common.h"
#include "util/err.h"
#include "core/money.h"
#include "core/eligibility.h" /* struct fact_work: a dated period, reused for insurance periods */

enum subsidy_kind {
	SUB_SKILL_UP = 0, /* 技能提升补贴 */
	SUB_TRAINING,	  /* 培训补贴 */
	SUB_SHORTAGE,	  /* 急需紧缺工种培训补贴 */
	SUB_APPRENTICE,	  /* 企业新型学徒制培训补贴 */
	SUB_KIND_COUNT
};

/* the stored code ("skill_up", "training", "shortage", "apprentice") and labels; NULL / "" when out of
 * range. subsidy_kind_parse: the kind of a code, -1 when none. */
const char *subsidy_kind_code(int k);
const char *subsidy_kind_zh(int k);
int subsidy_kind_parse(const char *code);

/* one entry of a 急需紧缺工种目录: in `city` (region code "371300"), in `year`, `occupation` is subsidised
 * with `amount` (per person) */
struct shortage_entry {
	const char *city;
	int year;
	const char *occupation;
	fen_t amount;
};

/* the bounds a city publishes for its list (临沂: 400–880 元 per person); subsidy_rules_check refuses an
 * entry of that city outside them */
struct shortage_band {
	const char *city;
	fen_t min, max;
};

/* a rule by 重点群体 (person category; docs/DOMAIN.md §64): for a person holding `category` on the
 * application date, a claim of `kind` (skill_up, training, shortage) gets `supplement` added to its amount,
 * and a 技能提升补贴 needs only `insured_months` months of unemployment insurance when that is fewer than the
 * general figure (0: the general figure). Several held: the largest supplement and the fewest months count
 * (not a sum). The seeds give no figure for any category: the rules are data a bureau sets; none by default.
 */
struct subsidy_group_rule {
	int kind;
	const char *category; /* person_category_kinds.code */
	const char *name;     /* its Chinese name, for the explanation */
	fen_t supplement;
	int insured_months;
};

struct subsidy_rules {
	const char *id;		    /* "sd-2026" */
	const char *source_zh;	    /* where the figures come from, for docs and the claim's explanation */
	fen_t skill_amount[6];	    /* by level 1..5; 0 = the level is not subsidised */
	int insured_months;	    /* 36 */
	int insured_months_relaxed; /* 12 */
	const int *relaxed_years; /* calendar years (of the application) in which the relaxed figure holds */
	size_t nrelaxed;
	int apply_within_months; /* 12: from the certificate's date */
	int max_per_year;	 /* 3: 技能提升补贴 per person per calendar year (of the application) */
	fen_t training_per_hour; /* 1000 fen */
	fen_t training_cap;	 /* 50000 fen; 0 = no cap */
	const struct shortage_entry *shortage;
	size_t nshortage;
	const struct shortage_band *bands;
	size_t nbands;
	int apprentice_contract_months;		 /* 12 */
	int apprentice_min_months;		 /* 12 */
	int apprentice_max_months;		 /* 24 */
	fen_t apprentice_per_year;		 /* >= apprentice_floor_per_year */
	fen_t apprentice_floor_per_year;	 /* 500000 fen: 每人每年不低于 5,000 元 */
	const struct subsidy_group_rule *groups; /* by 重点群体; NULL: none */
	size_t ngroups;
};

/* the rules the binary brings (Shandong's figures from the seeds; the relaxed years and the shortage
 * lists are data the city edits) */
const struct subsidy_rules *subsidy_rules_default(void);
/* subsidy_rules_check: are the rules well formed (amounts >= 0, a cap >= 0, relaxed months <= the normal
 * ones, the apprentice rate at or above its floor, shortage entries positive and inside their city's
 * band, months in range)? 0, or -1 with a 422 invalid_rules naming the first fault. */
int subsidy_rules_check(const struct subsidy_rules *r, err *e) WUR;

/* a claim the person (or employer) made before: counted for the yearly limit, once per occupation and
 * level, once per course and the 技能提升 / 培训补贴 exclusion. Refused and withdrawn claims are not passed
 * in (the caller passes the live ones: applied, in review, 公示, payable, paid). */
struct subsidy_prior {
	int kind;
	const char *occupation;
	int level;
	const char *course; /* the course (班) the claim was for; NULL when none */
	int applied_on;
};

/* what is known when a claim is decided */
struct subsidy_facts {
	int kind;
	int apply_date; /* the day of the application */
	const char *occupation;
	int level;	    /* 1..5 */
	int cert_date;	    /* the certificate's issue date; 0 = none (SUB_SKILL_UP, SUB_SHORTAGE) */
	const char *course; /* the course; NULL when none */
	const char *city;   /* the region code of the city whose list applies (SUB_SHORTAGE) */
	/* SUB_SKILL_UP: unemployment-insurance periods ([start, end), end 0 = still insured) */
	const struct fact_work *insured;
	size_t ninsured;
	/* SUB_TRAINING: the class hours attended and whether the course was completed (结业) */
	int class_hours;
	bool completed;
	/* SUB_APPRENTICE */
	int contract_start, contract_end; /* the labour contract; end 0 = open-ended (无固定期限) */
	int training_start, training_end; /* the apprenticeship's training */
	const struct subsidy_prior *prior;
	size_t nprior;
	/* the 重点群体 the person holds valid on apply_date (category codes) */
	const char *const *groups;
	size_t ngroups;
};

#define SUBSIDY_MAX_CHECKS 8

/* one condition of the decision */
struct subsidy_check {
	const char *id; /* stable: "level", "insured", "within_12m", "per_year", "once", "exclusive", ... */
	bool ok;
	char code[32]; /* "" when ok; else e.g. "insurance_short", "certificate_too_old" */
	char zh[200];
	char en[200];
};

struct subsidy_decision {
	bool ok;      /* every check holds */
	fen_t amount; /* what would be paid when ok (0 otherwise) */
	int failed;   /* the index of the first failed check, -1 when ok */
	int nchecks;
	struct subsidy_check checks[SUBSIDY_MAX_CHECKS];
};

/* subsidy_decide: evaluates every condition of f->kind under r. Returns 0 with d filled (d->ok says
 * whether it is granted), or -1 with `e` set when the input itself is unusable (an unknown kind, a date
 * that is no date, an amount that overflows): a 422 for the caller's input. */
int subsidy_decide(const struct subsidy_rules *r, const struct subsidy_facts *f, struct subsidy_decision *d,
		   err *e) WUR;

/* the helpers the rules count with (exposed for tests) */
/* subsidy_add_months: the same day `n` months later, the last day of the month when it has no such
 * day (20250131 + 1 → 20250228) */
int subsidy_add_months(int ymd, int n);
/* whole months from `from` to `to` (0 when to < from); a month is complete on the same day of the month,
 * or on the last day of a shorter month */
int subsidy_full_months(int from, int to);
/* do the periods add up to at least `months` months (累计) before `to`: as many days covered before `to` as
 * the calendar span from `to` minus `months` months to `to` has, as 满N年 is counted for 申报条件, so one
 * unbroken period that started exactly `months` months earlier qualifies and one a day later does not */
bool subsidy_insured_at_least(const struct fact_work *p, size_t n, int to, int months);

#endif
