/* selection_rules.h: the rules of the selection programmes (评选项目: 齐鲁首席技师, 齐鲁技能大奖,
 * 山东省技术技能 大师, 泰山产业领军人才(技能) …; docs/DOMAIN.md "评选项目与津贴") as a pure rule engine over
 * data: a programme's conditions (struct sel_rules, a row of selection_programmes) against a person's facts
 * (their valid certificates, professional titles, age on the round's reference day, declared front-line work
 * and new achievement, earlier nominations, a running appointment). Every condition is evaluated and
 * explained in Chinese and English with a stable id and, when it fails, a code, the manner of core/titles.h.
 * Also the ranking of scored nominations and the payment schedule of an appointment (which sums fall due in
 * which month). Pure: no I/O, no global state; dates are YYYYMMDD integers, months year*12 + month - 1. */
#ifndef JINENG_CORE_SELECTION_RULES_H
#define JINENG_CORE_SELECTION_RULES_H
#include "core/money.h"
#include "util/common.h"

struct sel_rules {
	int min_level; /* skill level held, 1 高级技师 … 5 初级工, this or higher (a lower number); 0 none */
	int title_grade;      /* a professional title of this grade or higher (3 高级职称); 0 none */
	bool front_line;      /* 生产一线 required (declared by the nominating city) */
	int max_age;	      /* full years on the reference day, at most; 0 none */
	int preferred_age;    /* at most this age is preferred in ranking (never a refusal); 0 none */
	int renominate_years; /* an earlier nomination within these years needs a new achievement; 0 none */
};

struct sel_facts {
	int ref_date;	      /* the round's reference day */
	int round_year;	      /* the round's year */
	int birth_date;	      /* 0 when unknown */
	bool front_line;      /* declared by the nominating city */
	bool new_achievement; /* declared: a new major achievement since the last nomination */
	const int *levels;    /* levels of the person's valid certificates (1..5) */
	size_t nlevels;
	const int *title_grades; /* grades of the person's professional titles (1 初级, 2 中级, 3 高级) */
	size_t ntitles;
	int last_year;	  /* the year of the person's latest earlier nomination in the programme; 0 none */
	int holding_till; /* the end (exclusive) of a running appointment in the programme; 0 none */
};

#define SEL_MAX_CHECKS 8
struct sel_check {
	const char *id; /* "level", "title", "front_line", "age", "preferred_age", "renominate", "holding" */
	bool ok;
	char code[32]; /* "" when ok */
	char zh[200];
	char en[200];
};
struct sel_decision {
	bool ok;
	bool preferred; /* within the preferred age (or the programme prefers none) */
	int age;	/* full years on the reference day; -1 unknown */
	int nchecks;
	struct sel_check checks[SEL_MAX_CHECKS];
};

/* sel_decide: every condition of `r` over `f`, each explained; d->ok when all hold */
void sel_decide(const struct sel_rules *r, const struct sel_facts *f, struct sel_decision *d);

/* the skill level's name ("高级技师" for 1 … "初级工" for 5; "" out of range) */
const char *sel_level_zh(int level);

/* ---- ranking ---- */
struct sel_ranked {
	int64_t id;
	int score_x100; /* the mean of the experts' scores, hundredths */
	bool preferred;
	int rank;      /* out: 1.. */
	bool selected; /* out: within the places */
};
/* sel_rank: orders by score (high first), then the preferred age first, then id (the earlier nomination
 * first); the first `places` are selected. Sorts `v` in place. */
void sel_rank(struct sel_ranked *v, size_t n, int places);

/* ---- payments ---- */
enum sel_pay_kind { SP_MONTHLY = 0, SP_LUMP, SP_YEARLY, SP_WORK_FUND, SP_KIND_COUNT };
const char *sel_pay_kind_code(int k); /* "monthly", "lump", "yearly", "work_fund" */
const char *sel_pay_kind_zh(int k);

struct sel_terms {
	int start_month; /* the term's first month (year*12 + month - 1) */
	int term_months; /* 0: no term (only the lump sum, in the first month) */
	fen_t monthly, lump, yearly, work_fund;
	int stop_month; /* the last month paid when stopped (the month of the stop), -1 when not stopped */
};
/* sel_month_of: YYYYMMDD → the month number; sel_month_text: "YYYY-MM"; sel_month_parse: "YYYY-MM" → month
 * (-1 when not a month) */
int sel_month_of(int ymd);
void sel_month_text(int month, char out[8]);
int sel_month_parse(const char *s);
/* sel_due: the sum of kind `k` due in `month` (0 when none): monthly in each month of the term, yearly and
 * work_fund in the first month of each year of the term, lump in the first month; nothing after the stop */
fen_t sel_due(const struct sel_terms *t, int k, int month);
/* sel_due_count: how many payments of kind k the whole term holds (unstopped) */
int sel_due_count(const struct sel_terms *t, int k);

#endif
