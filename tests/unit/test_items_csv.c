/* 题库 CSV: the row rules of the item import (item_row_check), the blueprint file check, and the seeded banks
 * embedded in the binary — every row valid, enough items per blueprint cell, 100 points, papers assembled. */
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#include "core/paper.h"
#include "store/refdata.h"
#include "svc/exam/bank_import.h"
#include "util/csvread.h"

#define OPTS4                                                                                                \
	{                                                                                                    \
		"甲", "乙", "丙", "丁"                                                                      \
	}

static const struct {
	const char *what;
	struct item_row row;
	const char *code, *field; /* NULL: accepted */
	const char *answer;	  /* the normalised key when accepted */
	int noptions;
} cases[] = {
	{"single",
	 {"6-31-01-03", "4", "single", "电工基础知识", "B-01-001", "题干", "B", "1", NULL, OPTS4},
	 NULL,
	 NULL,
	 "B",
	 4},
	{"Chinese type and level",
	 {"6-31-01-03", "四级", "单选", "电工基础知识", "B-01-001", "题干", "c", NULL, NULL, OPTS4},
	 NULL,
	 NULL,
	 "C",
	 4},
	{"multi, key with separators",
	 {"6-31-01-03", "4", "multiple", "低压电器", "E-01-001", "题干", "D、A，c", "2", NULL, OPTS4},
	 NULL,
	 NULL,
	 "ACD",
	 4},
	{"true/false, options filled in",
	 {"4-03-02-01", "5", "true_false", "刀工", "D-01-001", "题干", "对", "1", NULL, {NULL}},
	 NULL,
	 NULL,
	 "A",
	 2},
	{"true/false 错",
	 {"4-03-02-01", "5", "判断", "刀工", "D-01-001", "题干", "错", NULL, NULL, {"对", "错"}},
	 NULL,
	 NULL,
	 "B",
	 2},
	{"five options",
	 {"6-31-01-03", "4", "multi", "x", "A-02-003", "题干", "ABCDE", "2", NULL, {"1", "2", "3", "4", "5"}},
	 NULL,
	 NULL,
	 "ABCDE",
	 5},
	{"bad type",
	 {"6-31-01-03", "4", "choice", "x", "A-01-001", "题干", "A", "1", NULL, OPTS4},
	 "invalid_type",
	 "type",
	 NULL,
	 0},
	{"missing type",
	 {"6-31-01-03", "4", NULL, "x", "A-01-001", "题干", "A", "1", NULL, OPTS4},
	 "invalid_type",
	 "type",
	 NULL,
	 0},
	{"bad level",
	 {"6-31-01-03", "6", "single", "x", "A-01-001", "题干", "A", "1", NULL, OPTS4},
	 "invalid_level",
	 "level",
	 NULL,
	 0},
	{"missing occupation",
	 {"", "4", "single", "x", "A-01-001", "题干", "A", "1", NULL, OPTS4},
	 "missing_field",
	 "occupation_code",
	 NULL,
	 0},
	{"key not among options",
	 {"6-31-01-03", "4", "single", "x", "A-01-001", "题干", "E", "1", NULL, OPTS4},
	 "key_not_in_options",
	 "key",
	 NULL,
	 0},
	{"key beyond 2 options",
	 {"6-31-01-03", "4", "multi", "x", "A-01-001", "题干", "AC", "1", NULL, {"a", "b"}},
	 "key_not_in_options",
	 "key",
	 NULL,
	 0},
	{"multi with one key",
	 {"6-31-01-03", "4", "multi", "x", "A-01-001", "题干", "A", "2", NULL, OPTS4},
	 "multi_needs_two_keys",
	 "key",
	 NULL,
	 0},
	{"multi with a repeated key",
	 {"6-31-01-03", "4", "multi", "x", "A-01-001", "题干", "AA", "2", NULL, OPTS4},
	 "multi_needs_two_keys",
	 "key",
	 NULL,
	 0},
	{"single with two keys",
	 {"6-31-01-03", "4", "single", "x", "A-01-001", "题干", "AB", "1", NULL, OPTS4},
	 "invalid_key",
	 "key",
	 NULL,
	 0},
	{"key not letters",
	 {"6-31-01-03", "4", "single", "x", "A-01-001", "题干", "1", "1", NULL, OPTS4},
	 "invalid_key",
	 "key",
	 NULL,
	 0},
	{"missing key",
	 {"6-31-01-03", "4", "single", "x", "A-01-001", "题干", "", "1", NULL, OPTS4},
	 "missing_field",
	 "key",
	 NULL,
	 0},
	{"true/false key",
	 {"6-31-01-03", "4", "judge", "x", "A-01-001", "题干", "也许", "1", NULL, {NULL}},
	 "invalid_key",
	 "key",
	 NULL,
	 0},
	{"true/false with 3 options",
	 {"6-31-01-03", "4", "judge", "x", "A-01-001", "题干", "A", "1", NULL, {"对", "错", "不知道"}},
	 "invalid_options",
	 "option_a",
	 NULL,
	 0},
	{"one option",
	 {"6-31-01-03", "4", "single", "x", "A-01-001", "题干", "A", "1", NULL, {"a"}},
	 "invalid_options",
	 "option_a",
	 NULL,
	 0},
	{"gap in options",
	 {"6-31-01-03", "4", "single", "x", "A-01-001", "题干", "A", "1", NULL, {"a", "b", NULL, "d"}},
	 "invalid_options",
	 "option_d",
	 NULL,
	 0},
	{"repeated option",
	 {"6-31-01-03", "4", "single", "x", "A-01-001", "题干", "A", "1", NULL, {"a", "b", "a"}},
	 "invalid_options",
	 "option_c",
	 NULL,
	 0},
	{"zero points",
	 {"6-31-01-03", "4", "single", "x", "A-01-001", "题干", "A", "0", NULL, OPTS4},
	 "invalid_points",
	 "points",
	 NULL,
	 0},
	{"negative points",
	 {"6-31-01-03", "4", "single", "x", "A-01-001", "题干", "A", "-1", NULL, OPTS4},
	 "invalid_points",
	 "points",
	 NULL,
	 0},
	{"points not a number",
	 {"6-31-01-03", "4", "single", "x", "A-01-001", "题干", "A", "一分", NULL, OPTS4},
	 "invalid_points",
	 "points",
	 NULL,
	 0},
	{"missing knowledge code",
	 {"6-31-01-03", "4", "single", "x", NULL, "题干", "A", "1", NULL, OPTS4},
	 "missing_knowledge_code",
	 "knowledge_code",
	 NULL,
	 0},
	{"knowledge code format",
	 {"6-31-01-03", "4", "single", "x", "A-1-3", "题干", "A", "1", NULL, OPTS4},
	 "invalid_knowledge_code",
	 "knowledge_code",
	 NULL,
	 0},
	{"missing knowledge area",
	 {"6-31-01-03", "4", "single", "", "A-01-001", "题干", "A", "1", NULL, OPTS4},
	 "missing_field",
	 "knowledge_area",
	 NULL,
	 0},
	{"missing stem",
	 {"6-31-01-03", "4", "single", "x", "A-01-001", NULL, "A", "1", NULL, OPTS4},
	 "missing_field",
	 "stem",
	 NULL,
	 0},
	{"replaces not an id",
	 {"6-31-01-03", "4", "single", "x", "A-01-001", "题干", "A", "1", "abc", OPTS4},
	 "invalid_value",
	 "replaces",
	 NULL,
	 0},
};

static void test_row_rules(void **state)
{
	UNUSED(state);
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		err e = {0};
		struct item_norm n;
		int rc = item_row_check(&cases[i].row, &n, &e);
		if (!cases[i].code) {
			if (rc != 0)
				fail_msg("%s: rejected with %s (%s): %s", cases[i].what, e.code, e.field,
					 e.en);
			if (strcmp(n.answer, cases[i].answer) || n.noptions != cases[i].noptions)
				fail_msg("%s: key %s with %d options", cases[i].what, n.answer, n.noptions);
			continue;
		}
		if (rc == 0)
			fail_msg("%s: accepted, want %s", cases[i].what, cases[i].code);
		if (strcmp(e.code, cases[i].code) || strcmp(e.field, cases[i].field))
			fail_msg("%s: %s on %s, want %s on %s", cases[i].what, e.code, e.field, cases[i].code,
				 cases[i].field);
		if (!*e.zh || !*e.en)
			fail_msg("%s: messages in both languages", cases[i].what);
	}
}

static void test_blueprint_file(void **state)
{
	UNUSED(state);
	static const struct {
		const char *text, *code;
	} bps[] = {
		{"occupation_code,level,knowledge_area,type,count,points\nX,4,a,single,60,60\nX,4,b,multi,20,"
		 "40\n",
		 NULL},
		{"occupation_code,level,knowledge_area,type,count,points\nX,4,a,single,60,60\nX,4,b,multi,10,"
		 "20\n",
		 "blueprint_points"},
		{"occupation_code,level,knowledge_area,type,count,points\nX,4,a,essay,60,100\n",
		 "invalid_blueprint"},
		{"occupation_code,level,knowledge_area,type,count,points\nX,4,a,single,60,60\nY,4,b,multi,20,"
		 "40\n",
		 "invalid_blueprint"},
		{"occupation_code,level,area,type,count,points\nX,4,a,single,100,100\n", "missing_column"},
	};
	for (size_t i = 0; i < ARRAY_LEN(bps); i++) {
		err e = {0};
		char occ[16];
		int level;
		struct bp_cells cells;
		int rc = blueprint_csv_check(bps[i].text, occ, &level, &cells, &e);
		if (bps[i].code ? rc == 0 || strcmp(e.code, bps[i].code) : rc != 0)
			fail_msg("blueprint %zu: rc %d code %s", i, rc, e.code ? e.code : "-");
		if (!rc)
			assert_int_equal(cells.n, 2);
		bp_cells_free(&cells);
	}
}

/* ---- the seeded banks ---- */

#define MAX_ITEMS 400
struct bank {
	int col[32];
	size_t ncols;
	struct item_norm items[MAX_ITEMS];
	size_t n;
	int bad;
};

static int bank_row(void *ctx, char **f, size_t n, size_t rec)
{
	struct bank *b = ctx;
	static const char *const names[] = {"occupation_code", "level",	   "type",     "knowledge_area",
					    "knowledge_code",  "stem",	   "key",      "points",
					    "option_a",	       "option_b", "option_c", "option_d",
					    "option_e"};
	if (rec == 1) {
		for (size_t k = 0; k < ARRAY_LEN(names); k++) {
			b->col[k] = -1;
			for (size_t i = 0; i < n; i++)
				if (!strcmp(f[i], names[k]))
					b->col[k] = (int)i;
			assert_true(b->col[k] >= 0);
		}
		return 0;
	}
#define F(k) (f[b->col[k]])
	static char stems[MAX_ITEMS][2048];
	assert_true(b->n < MAX_ITEMS);
	snprintf(stems[b->n], sizeof stems[0], "%s", F(5));
	struct item_row row = {F(0),	    F(1), F(2), F(3), F(4),
			       stems[b->n], F(6), F(7), NULL, {F(8), F(9), F(10), F(11), F(12)}};
	err e = {0};
	if (item_row_check(&row, &b->items[b->n], &e) != 0) {
		print_error("line %zu: %s %s\n", rec, e.code, e.en);
		b->bad++;
		return 0;
	}
	for (size_t i = 0; i < b->n; i++)
		if (!strcmp(b->items[i].stem, stems[b->n]))
			fail_msg("line %zu: the stem repeats line %zu", rec, i + 2);
	b->n++;
	return 0;
#undef F
}

static void check_bank(const char *name, const char *occ, int level)
{
	char file[64], bpfile[64];
	snprintf(file, sizeof file, "%s.csv", name);
	snprintf(bpfile, sizeof bpfile, "%s.blueprint.csv", name);
	const char *text = refdata_get(file), *bp = refdata_get(bpfile);
	assert_non_null(text);
	assert_non_null(bp);
	static struct bank b;
	memset(&b, 0, sizeof b);
	err e = {0};
	assert_int_equal(csv_read_mem(text, strlen(text), bank_row, &b, &e), 0);
	assert_int_equal(b.bad, 0);
	assert_true(b.n >= 110);
	/* the mix: roughly 60 % single, 20 % multiple, 20 % true/false */
	size_t kinds[3] = {0};
	char areas[16][128];
	int nareas = 0;
	static struct bank_item bank[MAX_ITEMS];
	for (size_t i = 0; i < b.n; i++) {
		assert_string_equal(b.items[i].occupation_code, occ);
		assert_int_equal(b.items[i].level, level);
		int k = !strcmp(b.items[i].kind, "single") ? 0 : !strcmp(b.items[i].kind, "multi") ? 1 : 2;
		kinds[k]++;
		int a = -1;
		for (int j = 0; j < nareas; j++)
			if (!strcmp(areas[j], b.items[i].area))
				a = j;
		if (a < 0) {
			assert_true(nareas < 16);
			snprintf(areas[nareas], sizeof areas[0], "%s", b.items[i].area);
			a = nareas++;
		}
		/* the code's letter names the area: A-01-003 is in the area of the other A- codes */
		for (size_t j = 0; j < i; j++)
			if (b.items[j].knowledge_code[0] == b.items[i].knowledge_code[0])
				assert_string_equal(b.items[j].area, b.items[i].area);
		bank[i] = (struct bank_item){
			.id = (int64_t)i + 1, .area = a, .kind = k, .noptions = b.items[i].noptions};
	}
	assert_true(kinds[0] * 100 >= b.n * 50 && kinds[0] * 100 <= b.n * 70);
	assert_true(kinds[1] * 100 >= b.n * 12 && kinds[2] * 100 >= b.n * 12);
	assert_true(nareas >= 8);
	/* the blueprint: 100 points, known areas, each cell within its part of the bank at the items' points
	 */
	char bocc[16];
	int blevel;
	struct bp_cells cells;
	assert_int_equal(blueprint_csv_check(bp, bocc, &blevel, &cells, &e), 0);
	assert_string_equal(bocc, occ);
	assert_int_equal(blevel, level);
	struct blueprint_cell bc[64];
	size_t nc = 0, total = 0;
	double points = 0;
	for (size_t i = 0; i < cells.n; i++) {
		const char *area = cells.cells[i].area, *kind = cells.cells[i].kind;
		int a = -1,
		    k = !strcmp(kind, "single")	 ? 0
			: !strcmp(kind, "multi") ? 1
						 : 2,
		    count = (int)cells.cells[i].count;
		for (int j = 0; j < nareas; j++)
			if (!strcmp(areas[j], area))
				a = j;
		if (a < 0)
			fail_msg("%s: blueprint area %s is not in the bank", name, area);
		int have = 0;
		double pts = -1;
		for (size_t j = 0; j < b.n; j++)
			if (bank[j].area == a && bank[j].kind == k) {
				have++;
				if (pts >= 0 && pts != b.items[j].points)
					fail_msg("%s: %s %s items differ in points", name, area, kind);
				pts = b.items[j].points;
			}
		if (have < count)
			fail_msg("%s: %s %s wants %d of %d items", name, area, kind, count, have);
		points += pts * count;
		total += (size_t)count;
		bc[nc++] = (struct blueprint_cell){a, k, count};
	}
	bp_cells_free(&cells);
	assert_true(points > 99.999 && points < 100.001);
	/* papers: two seeds give different papers of the blueprint's size */
	struct paper_item p1[200], p2[200];
	int sc = -1;
	assert_int_equal(paper_assemble(bank, b.n, bc, nc, 1, p1, 200, &sc), (int)total);
	assert_int_equal(paper_assemble(bank, b.n, bc, nc, 2, p2, 200, &sc), (int)total);
	bool differ = false;
	for (size_t x = 0; x < total && !differ; x++) {
		bool found = false;
		for (size_t y = 0; y < total; y++)
			found |= p1[x].item_id == p2[y].item_id;
		differ = !found;
	}
	assert_true(differ);
}

static void test_seeded_banks(void **state)
{
	UNUSED(state);
	check_bank("6-31-01-03-L4", "6-31-01-03", 4);
	check_bank("4-03-02-01-L5", "4-03-02-01", 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_row_rules),
		cmocka_unit_test(test_blueprint_file),
		cmocka_unit_test(test_seeded_banks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
