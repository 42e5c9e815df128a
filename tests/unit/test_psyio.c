/* psy/psyio: the psychometrics engine's files. Response matrices (0/1 and option letters: blanks, missing
 * cells, GB18030, each rejection with its line and item), answer keys, item parameter files and blueprints
 * (columns in any order, Chinese headers, XLSX written here with libxlsxwriter, each rejection), the
 * ITEMS.csv writer read back, psy_intern, and the ratings of the many-facet model. */
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include "psy/psyio.h"

static char dir[64];

static const char *put(const char *name, const char *text)
{
	static char path[2][128];
	static int k;
	char *p = path[k++ % 2];
	snprintf(p, sizeof path[0], "%s/%s", dir, name);
	FILE *f = fopen(p, "wb");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return p;
}

static int setup(void **state)
{
	UNUSED(state);
	snprintf(dir, sizeof dir, "/tmp/test_psyio_XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	UNUSED(state);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	return system(cmd);
}

/* a matrix as text: "item,item|person:cells;..." with cells 0/1/A../. for missing */
static void show(const psy_matrix *m, psy_cells kind, char *out, size_t n)
{
	size_t l = 0;
	for (size_t i = 0; i < m->k; i++)
		l += (size_t)snprintf(out + l, n - l, "%s%s", i ? "," : "", m->items[i]);
	l += (size_t)snprintf(out + l, n - l, "|");
	for (size_t p = 0; p < m->n; p++) {
		l += (size_t)snprintf(out + l, n - l, "%s:", m->persons[p]);
		for (size_t i = 0; i < m->k; i++) {
			int8_t x = m->x[p * m->k + i];
			l += (size_t)snprintf(out + l, n - l, "%c",
					      x == PSY_NA	     ? '.'
					      : kind == PSY_CELLS_01 ? '0' + x
								     : 'A' + x);
		}
		l += (size_t)snprintf(out + l, n - l, ";");
	}
}

static const struct {
	const char *what, *csv;
	psy_cells kind;
	const char *want; /* show() of the matrix, or NULL */
	const char *code; /* the error's code when want is NULL */
	const char *zh, *en;
} matrices[] = {
	{"0/1 with blanks, a blank cell and a CRLF", "person, i1 ,i2,i3\r\np1,1, 0,\r\np2 , ,1,1\r\n",
	 PSY_CELLS_01, "i1,i2,i3|p1:10.;p2:.11;", NULL, NULL, NULL},
	{"option letters in either case", "person,a,b\nx,a,H\ny,,c\n", PSY_CELLS_OPTIONS, "a,b|x:AH;y:.C;",
	 NULL, NULL, NULL},
	{"a 2 in a 0/1 matrix", "person,i1,i2\np1,1,0\np2,0,2\n", PSY_CELLS_01, NULL, "psy_bad_cell",
	 "第 3 行：单元格应为 0、1 或空（题目 i2）", "line 3: cells must be 0, 1 or empty (item i2)"},
	{"a letter past H", "person,i1\np1,I\n", PSY_CELLS_OPTIONS, NULL, "psy_bad_cell", "第 2 行",
	 "line 2: cells must be an option letter A to H or empty (item i1)"},
	{"a row too short", "person,i1,i2\np1,1\n", PSY_CELLS_01, NULL, "psy_bad_row", "应有 3 列，实际 2 列",
	 "line 2: expected 3 columns, found 2"},
	{"a repeated item", "person,i1,i1\np1,1,0\n", PSY_CELLS_01, NULL, "psy_bad_header",
	 "题目编号 i1 重复", "line 1: item id i1 repeated"},
	{"an empty item id", "person,i1,\np1,1,0\n", PSY_CELLS_01, NULL, "psy_bad_header", "第 3 列",
	 "line 1: column 3 has no item id"},
	{"no items", "person\np1\n", PSY_CELLS_01, NULL, "psy_bad_header", "表头",
	 "line 1: the header must be person and at least one item id"},
	{"no rows", "person,i1\n", PSY_CELLS_01, NULL, "psy_empty_file", "没有作答行",
	 "the file has no response rows"},
	{"nothing", "", PSY_CELLS_01, NULL, "psy_empty_file", "文件为空", "the file is empty: no header"},
};

static void test_matrices(void **state)
{
	UNUSED(state);
	for (size_t c = 0; c < ARRAY_LEN(matrices); c++) {
		arena *a = arena_new();
		psy_matrix m;
		err e = {0};
		int rc = psy_read_matrix(put("m.csv", matrices[c].csv), matrices[c].kind, &m, a, &e);
		if (matrices[c].want) {
			if (rc != 0)
				fail_msg("%s: %s", matrices[c].what, e.en);
			char got[256];
			show(&m, matrices[c].kind, got, sizeof got);
			if (strcmp(got, matrices[c].want))
				fail_msg("%s: got %s", matrices[c].what, got);
		} else {
			if (rc != -1)
				fail_msg("%s: read", matrices[c].what);
			assert_string_equal(e.code, matrices[c].code);
			assert_int_equal(e.status, 422);
			if (!strstr(e.zh, matrices[c].zh) || strcmp(e.en, matrices[c].en))
				fail_msg("%s: %s / %s", matrices[c].what, e.zh, e.en);
			assert_null(m.x);
		}
		psy_matrix_free(&m);
		psy_matrix_free(&m); /* twice is harmless */
		arena_free(a);
	}
	/* GB18030 (Excel on Chinese Windows) and a file that is not there */
	const char *gb = "person,\xCC\xE2\x31\n\xD5\xC5\xC8\xFD,1\n"; /* person,题1 / 张三,1 */
	arena *a = arena_new();
	psy_matrix m;
	err e = {0};
	assert_int_equal(psy_read_matrix(put("gb.csv", gb), PSY_CELLS_01, &m, a, &e), 0);
	assert_string_equal(m.items[0], "题1");
	assert_string_equal(m.persons[0], "张三");
	psy_matrix_free(&m);
	char missing[128];
	snprintf(missing, sizeof missing, "%s/none.csv", dir);
	assert_int_equal(psy_read_matrix(missing, PSY_CELLS_01, &m, a, &e), -1);
	assert_string_equal(e.code, "file_unreadable");
	arena_free(a);
}

static void test_keys(void **state)
{
	UNUSED(state);
	arena *a = arena_new();
	psy_matrix m;
	err e = {0};
	assert_int_equal(
		psy_read_matrix(put("raw.csv", "person,q1,q2,q3\np,A,B,C\n"), PSY_CELLS_OPTIONS, &m, a, &e),
		0);
	static const struct {
		const char *csv, *want, *code, *en;
	} cases[] = {
		{"item,key\nq3,c\nq1,A\nq2,H\nextra,B\n", "AHC", NULL, NULL},
		{"答案,题目\nB,q1\nC,q2\nD,q3\n", "BCD", NULL, NULL}, /* Chinese headers, another order */
		{"item,key\nq1,A\nq2,B\n", NULL, "psy_no_key", "item q3 has no key"},
		{"item,key\nq1,A\nq2,\n", NULL, "psy_bad_row", "line 3: the key must be one of A to H"},
		{"item,key\nq1,AB\n", NULL, "psy_bad_row", "line 2: the key must be one of A to H"},
		{"item,answer\nq1,A\n", NULL, "missing_column",
		 "the header lacks the required column key (答案)"},
	};
	for (size_t c = 0; c < ARRAY_LEN(cases); c++) {
		err_clear(&e);
		int8_t *key = psy_read_key(put("key.csv", cases[c].csv), &m, a, &e);
		if (cases[c].want) {
			if (!key)
				fail_msg("case %zu: %s", c, e.en);
			for (size_t i = 0; i < 3; i++)
				assert_int_equal('A' + key[i], cases[c].want[i]);
		} else {
			assert_null(key);
			assert_string_equal(e.code, cases[c].code);
			assert_string_equal(e.en, cases[c].en);
		}
	}
	psy_matrix_free(&m);
	arena_free(a);
}

static void test_items(void **state)
{
	UNUSED(state);
	arena *a = arena_new();
	psy_itemfile F;
	err e = {0};
	/* any order, se columns optional per cell, area/type/enemy kept as text */
	assert_int_equal(psy_read_items(put("it.csv", "b,area,item,a,se_b,type\n-0.5,电工,i1,1.25,0.1,单选\n"
						      "1,电工,i2,0.8,x,\n"),
					&F, a, &e),
			 0);
	assert_int_equal(F.n, 2);
	assert_string_equal(F.ids[1], "i2");
	assert_true(F.it[0].a == 1.25 && F.it[0].b == -0.5 && F.it[0].se_b == 0.1 && isnan(F.it[0].se_a));
	assert_true(isnan(F.it[1].se_b));
	assert_string_equal(F.area[0], "电工");
	assert_string_equal(F.type[0], "单选");
	assert_string_equal(F.type[1], ""); /* the column is there, the cell empty */
	assert_null(F.enemy[0]);	    /* no such column */
	/* Chinese headers */
	assert_int_equal(psy_read_items(put("zh.csv", "题目,区分度,难度,知识领域\nk1,1,0,安全\n"), &F, a, &e),
			 0);
	assert_string_equal(F.ids[0], "k1");
	assert_string_equal(F.area[0], "安全");
	static const struct {
		const char *csv, *code, *en;
	} bad[] = {
		{"item,a,b\ni1,0,1\n", "psy_bad_row", "line 2: a must be a positive number and b a number"},
		{"item,a,b\ni1,1,1\ni2,1,inf\n", "psy_bad_row",
		 "line 3: a must be a positive number and b a number"},
		{"item,a,b\ni1,1,\n", "psy_bad_row", "line 2: a must be a positive number and b a number"},
		{"item,a,b\n", "psy_empty_file", "the item file has no items"},
		{"item,b\ni1,0\n", "missing_column", "the header lacks the required column a (区分度)"},
		{"item,a,b,a\ni1,1,0,1\n", "duplicate_column", "columns 2 and 4 both give a (区分度)"},
		{"", "empty_file", "the file is empty or has no header row"},
	};
	for (size_t c = 0; c < ARRAY_LEN(bad); c++) {
		err_clear(&e);
		assert_int_equal(psy_read_items(put("bad.csv", bad[c].csv), &F, a, &e), -1);
		assert_string_equal(e.code, bad[c].code);
		if (strcmp(e.en, bad[c].en))
			fail_msg("case %zu: %s", c, e.en);
	}
	arena_free(a);
}

/* a bank as an XLSX workbook: numbers as numbers, Chinese headers, a sparse row (no enemy cell) */
static void test_items_xlsx(void **state)
{
	UNUSED(state);
	char path[128];
	snprintf(path, sizeof path, "%s/bank.xlsx", dir);
	lxw_workbook *wb = workbook_new(path);
	assert_non_null(wb);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "题库");
	const char *head[] = {"题目", "区分度", "难度", "知识领域", "互斥组"};
	for (int c = 0; c < 5; c++)
		worksheet_write_string(ws, 0, (lxw_col_t)c, head[c], NULL);
	worksheet_write_string(ws, 1, 0, "x1", NULL);
	worksheet_write_number(ws, 1, 1, 1.5, NULL);
	worksheet_write_number(ws, 1, 2, -0.25, NULL);
	worksheet_write_string(ws, 1, 3, "安全", NULL);
	worksheet_write_string(ws, 1, 4, "e1", NULL);
	worksheet_write_string(ws, 2, 0, "x2", NULL);
	worksheet_write_number(ws, 2, 1, 0.75, NULL);
	worksheet_write_number(ws, 2, 2, 2, NULL);
	worksheet_write_string(ws, 2, 3, "电气", NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	arena *a = arena_new();
	psy_itemfile F;
	err e = {0};
	if (psy_read_items(path, &F, a, &e) != 0)
		fail_msg("%s", e.en);
	assert_int_equal(F.n, 2);
	assert_true(F.it[0].a == 1.5 && F.it[0].b == -0.25 && F.it[1].a == 0.75 && F.it[1].b == 2);
	assert_string_equal(F.area[1], "电气");
	assert_string_equal(F.enemy[0], "e1");
	assert_string_equal(F.enemy[1], "");
	arena_free(a);
}

static void test_blueprints(void **state)
{
	UNUSED(state);
	arena *a = arena_new();
	psy_blueprint B;
	err e = {0};
	assert_int_equal(
		psy_read_blueprint(put("bp.csv", "题量,知识领域,题型\n3,安全,单选\n,安全,判断\n"), &B, a, &e),
		0);
	assert_int_equal(B.n, 2);
	assert_string_equal(B.area[0], "安全");
	assert_string_equal(B.type[1], "判断");
	assert_int_equal(B.count[0], 3);
	assert_int_equal(B.count[1], 0); /* an empty count is none */
	static const struct {
		const char *csv, *code, *en;
	} bad[] = {
		{"area,type,count\nA,x,-1\n", "psy_bad_row", "line 2: count must be a whole number >= 0"},
		{"area,type,count\nA,x,2\nA,y,3.5\n", "psy_bad_row",
		 "line 3: count must be a whole number >= 0"},
		{"area,type,count\nA,x\n", "psy_bad_row", "line 2: count must be a whole number >= 0"},
		{"area,type,count\n", "psy_empty_file", "the blueprint is empty"},
		{"area,count\nA,1\n", "missing_column", "the header lacks the required column type (题型)"},
	};
	for (size_t c = 0; c < ARRAY_LEN(bad); c++) {
		err_clear(&e);
		assert_int_equal(psy_read_blueprint(put("bad.csv", bad[c].csv), &B, a, &e), -1);
		assert_string_equal(e.code, bad[c].code);
		if (strcmp(e.en, bad[c].en))
			fail_msg("case %zu: %s", c, e.en);
	}
	arena_free(a);
}

/* ratings for the many-facet model: Chinese headers in any order, ids numbered in order of first appearance
 * (also past the hash table's first growth), full marks from the column or the highest score, and each
 * rejection */
static void test_ratings(void **state)
{
	UNUSED(state);
	arena *a = arena_new();
	psy_ratings R;
	err e = {0};
	assert_int_equal(
		psy_read_ratings(put("r.csv", "得分,考评员,考生,评分项,满分\n7,张,C1,操作,10\n3.5,李,C1,安全,"
					      "5\n9,张,C2,操作,10\n"),
				 &R, a, &e),
		0);
	assert_int_equal(R.n, 3);
	assert_int_equal(R.n_cand, 2);
	assert_int_equal(R.n_exam, 2);
	assert_int_equal(R.n_crit, 2);
	assert_string_equal(R.cands[1], "C2");
	assert_string_equal(R.exams[1], "李");
	assert_string_equal(R.crits[1], "安全");
	assert_int_equal(R.cand[2], 1);
	assert_int_equal(R.exam[2], 0);
	assert_true(R.score[1] == 3.5 && R.max[0] == 10 && R.max[1] == 5 && R.max_given);
	psy_ratings_free(&R);
	/* no max column: the highest score rounded up */
	assert_int_equal(
		psy_read_ratings(put("r.csv", "candidate,examiner,criterion,score\na,x,k,3.5\nb,x,k,2\n"), &R,
				 a, &e),
		0);
	assert_true(R.max[0] == 4 && !R.max_given);
	psy_ratings_free(&R);
	/* 3,000 candidates: numbering survives the table's growth */
	FILE *f = fopen(put("big.csv", ""), "w");
	assert_non_null(f);
	fprintf(f, "candidate,examiner,criterion,score\n");
	for (int k = 0; k < 6000; k++)
		fprintf(f, "c%d,e%d,k1,%d\n", k % 3000, k / 3000, k % 5);
	fclose(f);
	char path[128];
	snprintf(path, sizeof path, "%s/big.csv", dir);
	assert_int_equal(psy_read_ratings(path, &R, a, &e), 0);
	assert_int_equal(R.n_cand, 3000);
	assert_int_equal(R.n_exam, 2);
	for (int k = 0; k < 6000; k++)
		assert_int_equal(R.cand[k], (uint32_t)(k % 3000));
	psy_ratings_free(&R);
	static const struct {
		const char *csv, *code, *en;
	} bad[] = {
		{"candidate,examiner,criterion,score\na,x,k,1\nb,x,k,2\na,x,k,3\n", "psy_duplicate_rating",
		 "lines 2 and 4 rate the same candidate on the same criterion by the same examiner"},
		{"candidate,examiner,criterion,score\na,x,k,-1\n", "psy_bad_row",
		 "line 2: the score must be a number >= 0"},
		{"candidate,examiner,criterion,score\na,x,k,\n", "psy_bad_row",
		 "line 2: the score must be a number >= 0"},
		{"candidate,examiner,criterion,score\n,x,k,1\n", "psy_bad_row",
		 "line 2: the candidate is empty"},
		{"candidate,examiner,criterion,score,max\na,x,k,6,5\n", "psy_bad_row",
		 "line 2: max must be a positive number no smaller than the score"},
		{"candidate,examiner,criterion,score,max\na,x,k,4,5\nb,x,k,4,6\n", "psy_bad_row",
		 "line 3: criterion k has a different max than on earlier rows"},
		{"candidate,examiner,score\na,x,1\n", "missing_column",
		 "the header lacks the required column criterion (评分项)"},
		{"candidate,examiner,criterion,score\n", "psy_empty_file", "the ratings file has no ratings"},
	};
	for (size_t c = 0; c < ARRAY_LEN(bad); c++) {
		err_clear(&e);
		assert_int_equal(psy_read_ratings(put("bad.csv", bad[c].csv), &R, a, &e), -1);
		if (strcmp(e.code, bad[c].code) || strcmp(e.en, bad[c].en))
			fail_msg("case %zu: %s %s", c, e.code, e.en);
	}
	arena_free(a);
}

/* what psy_write_items writes, psy_read_items reads back (to 6 decimals) */
static void test_write_read(void **state)
{
	UNUSED(state);
	char path[128];
	snprintf(path, sizeof path, "%s/out.csv", dir);
	char *ids[] = {"a1", "a2"};
	psy_item it[2] = {{.a = 1.2345678, .b = -2.5, .se_a = 0.1, .se_b = 0.2},
			  {.a = 1, .b = 0.333333333, .se_a = 0, .se_b = 0.05}};
	err e = {0};
	assert_int_equal(psy_write_items(path, 2, ids, it, &e), 0);
	arena *a = arena_new();
	psy_itemfile F;
	assert_int_equal(psy_read_items(path, &F, a, &e), 0);
	assert_int_equal(F.n, 2);
	for (size_t i = 0; i < 2; i++) {
		assert_string_equal(F.ids[i], ids[i]);
		assert_true(fabs(F.it[i].a - it[i].a) < 1e-6 && fabs(F.it[i].b - it[i].b) < 1e-6);
		assert_true(fabs(F.it[i].se_a - it[i].se_a) < 1e-6 && fabs(F.it[i].se_b - it[i].se_b) < 1e-6);
	}
	assert_int_equal(psy_write_items("/nonexistent-dir/x.csv", 2, ids, it, &e), -1);
	assert_string_equal(e.code, "file_unwritable");
	/* psy_intern: numbers in order of first appearance, NULL as "" */
	char *vals[] = {"b", NULL, "a", "b", ""};
	int out[5];
	char **names;
	assert_int_equal(psy_intern(vals, 5, out, &names, a), 3);
	assert_int_equal(out[0], 0);
	assert_int_equal(out[1], 1);
	assert_int_equal(out[2], 2);
	assert_int_equal(out[3], 0);
	assert_int_equal(out[4], 1);
	assert_string_equal(names[2], "a");
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_matrices),   cmocka_unit_test(test_keys),
		cmocka_unit_test(test_items),	   cmocka_unit_test(test_items_xlsx),
		cmocka_unit_test(test_blueprints), cmocka_unit_test(test_write_read),
		cmocka_unit_test(test_ratings),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
