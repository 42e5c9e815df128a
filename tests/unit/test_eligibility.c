/* 申报条件: every option of every level of both templates, met exactly at its boundary (满N年 exactly N
 * years) and failed one day short (or with the fact missing), condition by condition; plus hand-written
 * cases for merged work intervals and leap days. */
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#include "core/date.h"
#include "core/eligibility.h"

#define EXAM 20260630

struct built {
	struct elig_facts f;
	struct fact_cert certs[4];
	struct fact_work work[4];
	struct fact_diploma dips[4];
	struct fact_title titles[4];
};

static int years_before(int n)
{
	return date_add_years(EXAM, -n);
}

static int plus_day(int ymd)
{
	return date_from_days(date_to_days(ymd) + 1);
}

static unsigned lowest_bit(unsigned k)
{
	return k & (0u - k);
}

/* facts that meet condition c exactly at its boundary; with `short_by_one`, facts that miss it narrowly */
static void add(struct built *b, const struct condition *c, bool short_by_one)
{
	struct elig_facts *f = &b->f;
	switch (c->type) {
	case C_AGE:
		f->birth_date = short_by_one ? plus_day(years_before(c->years)) : years_before(c->years);
		break;
	case C_DECLARED:
		f->declared = !short_by_one;
		break;
	case C_WORK: {
		int s = years_before(c->years);
		b->work[f->nwork++] = (struct fact_work){short_by_one ? plus_day(s) : s, 0};
		break;
	}
	case C_CERT: {
		int at = years_before(c->years);
		if (short_by_one && !c->years)
			break; /* nothing held */
		if (c->work_since) {
			b->certs[f->ncerts++] = (struct fact_cert){c->level, at};
			b->work[f->nwork++] = (struct fact_work){short_by_one ? plus_day(at) : at, 0};
		} else {
			b->certs[f->ncerts++] =
				(struct fact_cert){c->level, short_by_one ? plus_day(at) : at};
		}
		break;
	}
	case C_TITLE: {
		int at = years_before(c->years);
		b->titles[f->ntitles++] = (struct fact_title){c->title, at};
		b->work[f->nwork++] = (struct fact_work){short_by_one ? plus_day(at) : at, 0};
		break;
	}
	case C_DIPLOMA: {
		int at = c->years	 ? years_before(c->years)
			 : c->final_year ? 20261215
					 : EXAM; /* a final-year student */
		unsigned kind = lowest_bit(c->diplomas);
		bool related = c->related;
		if (short_by_one && !c->years) {
			if (c->related)
				related = false;
			else
				kind = lowest_bit(~c->diplomas & 0x1ff);
		}
		b->dips[f->ndiplomas++] = (struct fact_diploma){kind, at, related};
		if (c->years)
			b->work[f->nwork++] = (struct fact_work){short_by_one ? plus_day(at) : at, 0};
		break;
	}
	}
}

static void build(struct built *b, const struct elig_option *o, int broken)
{
	memset(b, 0, sizeof *b);
	b->f.exam_date = EXAM;
	b->f.birth_date = 19800101;
	b->f.certs = b->certs;
	b->f.work = b->work;
	b->f.diplomas = b->dips;
	b->f.titles = b->titles;
	for (int i = 0; i < o->ncond; i++)
		add(b, &o->cond[i], i == broken);
}

static void test_every_option_at_its_boundary(void **state)
{
	UNUSED(state);
	const char *names[] = {"2018", "2023"};
	int checked = 0;
	for (int t = 0; t < 2; t++) {
		const struct elig_template *tp = elig_template(names[t]);
		assert_non_null(tp);
		for (int level = 1; level <= 5; level++) {
			assert_true(tp->nopts[level] > 0);
			for (int k = 0; k < tp->nopts[level]; k++) {
				const struct elig_option *o = &tp->levels[level][k];
				struct built b;
				struct elig_result r;
				build(&b, o, -1);
				elig_check(o, &b.f, &r);
				if (!r.ok)
					fail_msg("%s: exactly met but refused: %s (%s)", o->id, r.code, r.en);
				for (int broken = 0; broken < o->ncond; broken++) {
					build(&b, o, broken);
					elig_check(o, &b.f, &r);
					if (r.ok)
						fail_msg("%s: condition %d one day short but accepted", o->id,
							 broken);
					assert_int_equal(r.failed, broken);
					assert_true(r.code[0] && r.zh[0] && r.en[0]);
					checked++;
				}
			}
		}
	}
	assert_true(checked >= 30);
}

/* a code point of a CJK script or of the full-width / CJK punctuation a Chinese text uses (，（）、。) */
static bool has_cjk(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		unsigned cp;
		int n;
		if (*p < 0x80)
			cp = *p, n = 1;
		else if ((*p & 0xE0) == 0xC0)
			cp = *p & 0x1F, n = 2;
		else if ((*p & 0xF0) == 0xE0)
			cp = *p & 0x0F, n = 3;
		else
			cp = *p & 0x07, n = 4;
		for (int i = 1; i < n; i++) {
			if ((p[i] & 0xC0) != 0x80)
				return true; /* not UTF-8: not English either */
			cp = (cp << 6) | (p[i] & 0x3F);
		}
		if ((cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
		    (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
		    (cp >= 0xFF00 && cp <= 0xFFEF) || cp >= 0x20000)
			return true;
		p += n;
	}
	return false;
}

/* the web UI's English mode shows each option's English text: every option of both templates has one */
static void test_every_option_in_english(void **state)
{
	UNUSED(state);
	const char *names[] = {"2018", "2023"};
	int checked = 0;
	assert_true(has_cjk("年满16周岁") && has_cjk("(含在读应届毕业生)") && has_cjk("a（b") &&
		    !has_cjk("Aged 16 or over (final-year students included)"));
	for (int t = 0; t < 2; t++) {
		const struct elig_template *tp = elig_template(names[t]);
		assert_non_null(tp);
		for (int level = 1; level <= 5; level++)
			for (int k = 0; k < tp->nopts[level]; k++) {
				const struct elig_option *o = &tp->levels[level][k];
				if (!o->en || strlen(o->en) < 10)
					fail_msg("%s: no English text", o->id);
				if (has_cjk(o->en))
					fail_msg("%s: the English text has CJK characters: %s", o->id, o->en);
				assert_non_null(o->zh);
				assert_true(has_cjk(o->zh));
				checked++;
			}
	}
	assert_int_equal(checked, 31);
}

static void test_hand_written_cases(void **state)
{
	UNUSED(state);
	const struct elig_template *t23 = elig_template("2023");
	const struct elig_option *four_a = &t23->levels[4][0]; /* 满5年 */
	/* two jobs with a gap: 3 years + 2 years = 5 full years, up to the exam date */
	struct fact_work split[] = {{20190101, 20211231}, {20240630, 0}};
	struct elig_facts f = {.exam_date = EXAM, .birth_date = 19900101, .work = split, .nwork = 2};
	struct elig_result r;
	elig_check(four_a, &f, &r);
	assert_false(r.ok); /* 2019-01-01..2021-12-31 (3 years less a day) + 2 years */
	assert_string_equal(r.code, "work_years_short");
	split[0].end = 20220101;
	elig_check(four_a, &f, &r);
	assert_true(r.ok);
	/* overlapping jobs count once */
	struct fact_work overlap[] = {{20210630, 20260630}, {20220101, 20230101}};
	f.work = overlap;
	assert_int_equal(work_days(overlap, 2, 19000101, EXAM), date_to_days(EXAM) - date_to_days(20210630));
	elig_check(four_a, &f, &r);
	assert_true(r.ok);
	/* work after the exam date does not count */
	struct fact_work late[] = {{20210701, 0}};
	f.work = late;
	f.nwork = 1;
	elig_check(four_a, &f, &r);
	assert_false(r.ok);
	/* 年满16周岁 on a 29 February birthday */
	const struct elig_option *five_a = &t23->levels[5][0];
	struct elig_facts g = {.exam_date = 20240228, .birth_date = 20080229, .declared = true};
	elig_check(five_a, &g, &r);
	assert_false(r.ok);
	assert_string_equal(r.code, "age_below");
	g.exam_date = 20240229;
	elig_check(five_a, &g, &r);
	assert_true(r.ok);
	/* a higher certificate satisfies a lower requirement; one issued after the exam date does not count
	 */
	const struct elig_option *three_e = &t23->levels[3][4]; /* 四级 + 专科 */
	struct fact_cert higher[] = {{3, 20200101}}, future[] = {{4, 20270101}};
	struct fact_diploma college[] = {{D_COLLEGE, 20190701, true}};
	struct elig_facts h = {.exam_date = EXAM,
			       .birth_date = 19900101,
			       .certs = higher,
			       .ncerts = 1,
			       .diplomas = college,
			       .ndiplomas = 1};
	elig_check(three_e, &h, &r);
	assert_true(r.ok);
	h.certs = future;
	elig_check(three_e, &h, &r);
	assert_false(r.ok);
	assert_string_equal(r.code, "certificate_missing");
	assert_non_null(strstr(r.zh, "四级/中级工"));
	assert_null(elig_template("2030"));
}

/* a standard that varies the figures: 2023-4-a with 6 years instead of 5 (the boundary moves), and the
 * figures that cannot vary */
static void test_standard_figures(void **state)
{
	UNUSED(state);
	const struct elig_template *t23 = elig_template("2023");
	const struct elig_option *four_a = &t23->levels[4][0], *five_a = &t23->levels[5][0],
				 *three_d = &t23->levels[3][3];
	struct elig_option six;
	int y6[] = {6};
	assert_int_equal(elig_option_vary(four_a, y6, 1, &six), 0);
	assert_int_equal(six.cond[0].years, 6);
	assert_int_equal(four_a->cond[0].years, 5); /* the template is untouched */
	struct fact_work five_years[] = {{date_add_years(EXAM, -5), 0}};
	struct elig_facts f = {.exam_date = EXAM, .birth_date = 19900101, .work = five_years, .nwork = 1};
	struct elig_result r;
	elig_check(four_a, &f, &r);
	assert_true(r.ok);
	elig_check(&six, &f, &r);
	assert_false(r.ok);
	assert_string_equal(r.code, "work_years_short");
	five_years[0].start = date_add_years(EXAM, -6);
	elig_check(&six, &f, &r);
	assert_true(r.ok);
	const struct {
		const struct elig_option **o;
		int years[2], n, want;
	} cases[] = {
		{&five_a, {18, -1}, 2, 0}, /* the age may be raised */
		{&five_a, {12, -1}, 2, 1}, /* not below 14 */
		{&five_a, {-1, 3}, 2, 2},  /* a declaration has no figure */
		{&four_a, {41}, 1, 1},	   /* at most 40 years */
		{&four_a, {3, 3}, 2, 2},   /* more figures than conditions */
		{&three_d, {2}, 1, 1},	   /* a diploma held, no years to vary */
		{&four_a, {-1}, 1, 0},	   /* -1 keeps the template's */
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct elig_option out;
		int got = elig_option_vary(*cases[i].o, cases[i].years, cases[i].n, &out);
		if (got != cases[i].want)
			fail_msg("case %zu: got %d, want %d", i, got, cases[i].want);
	}
}

/* 技工院校 class equivalences (中级工班 = 中专, 高级工班 = 大专, 预备技师班 = 本科): each class satisfies a
 * condition that asks for the diploma it equals, and nothing above it; the table is the data */
static void test_tech_school_equivalences(void **state)
{
	UNUSED(state);
	size_t n;
	const struct elig_equivalence *eq = elig_equivalences(&n);
	assert_int_equal(n, 3);
	for (size_t i = 0; i < n; i++)
		assert_true(eq[i].zh && *eq[i].zh && eq[i].source && *eq[i].source);
	struct {
		unsigned kind, asked;
		bool ok;
	} rows[] = {
		{D_TECH_SCHOOL, D_SECONDARY_VOC, true},	 /* 中级工班 = 中专 */
		{D_TECH_SCHOOL, D_COLLEGE, false},	 /* but not 大专 */
		{D_SENIOR_TECH, D_COLLEGE, true},	 /* 高级工班 = 大专 */
		{D_SENIOR_TECH, D_BACHELOR, false},	 /* but not 本科 */
		{D_TECHNICIAN, D_BACHELOR, true},	 /* 预备技师班 = 本科 */
		{D_TECHNICIAN, D_MASTER, false},	 /* but not 硕士 */
		{D_SECONDARY_VOC, D_TECH_SCHOOL, false}, /* one way only: 中专 is no 技工院校 class */
		{D_COLLEGE, D_SENIOR_TECH, false},
	};
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		struct elig_option o = {"eq", "", "", 1, {{.type = C_DIPLOMA, .diplomas = rows[i].asked}}};
		struct fact_diploma d[] = {{rows[i].kind, 20200701, true}};
		struct elig_facts f = {.exam_date = EXAM, .diplomas = d, .ndiplomas = 1};
		struct elig_result r;
		elig_check(&o, &f, &r);
		if (r.ok != rows[i].ok)
			fail_msg("row %zu: ok %d, want %d", i, r.ok, rows[i].ok);
		if (!r.ok)
			assert_string_equal(r.code, "diploma_missing");
	}
	/* 2023-3-e (四级 + 高职/专科以上 related diploma): a 高级工班 graduate with 四级 qualifies */
	const struct elig_template *t23 = elig_template("2023");
	const struct elig_option *three_e = &t23->levels[3][4];
	struct fact_cert four[] = {{4, 20200101}};
	struct fact_diploma senior_class[] = {{D_SENIOR_TECH, 20190701, true}},
			    tech_class[] = {{D_TECH_SCHOOL, 20190701, true}};
	struct elig_facts h = {
		.exam_date = EXAM, .certs = four, .ncerts = 1, .diplomas = senior_class, .ndiplomas = 1};
	struct elig_result r;
	elig_check(three_e, &h, &r);
	assert_true(r.ok);
	h.diplomas = tech_class; /* 中级工班 = 中专 is not enough */
	elig_check(three_e, &h, &r);
	assert_false(r.ok);
	assert_string_equal(r.code, "diploma_missing");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_option_at_its_boundary),
		cmocka_unit_test(test_every_option_in_english),
		cmocka_unit_test(test_hand_written_cases),
		cmocka_unit_test(test_standard_figures),
		cmocka_unit_test(test_tech_school_equivalences),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
