/* core/disclosure.c: primary and secondary suppression of a published table of counts (docs/DOMAIN.md §47):
 * the worked example of the docs by hand, the edge shapes, refused margins, and a property over random
 * tables: every small cell hidden and no published sum leaving exactly one member hidden. */
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>
#include "core/disclosure.h"

#define S DISC_SHOWN
#define P DISC_SMALL
#define C DISC_COMPLEMENTARY

static const struct {
	const char *what;
	int rows, cols;
	int64_t threshold;
	int64_t n[16];
	int hidden;
	uint8_t flag[16];
} cases[] = {
	{"DOMAIN §47's worked example: A-二级 3 persons",
	 3,
	 3,
	 10,
	 {25, 3, 40, 68, /**/ 30, 50, 12, 92, /**/ 15, 20, 60, 95, /**/ 70, 73, 112, 255},
	 4,
	 {C, P, S, S, /**/ S, S, S, S, /**/ C, C, S, S, /**/ S, S, S, S}},
	{"nothing small: everything shown", 2, 2, 10, {10, 20, 30, 40, 50, 90, 50, 70, 120}, 0, {0}},
	{"zeros are shown", 2, 2, 10, {0, 20, 20, 0, 50, 50, 0, 70, 70}, 0, {0}},
	{"one column: a small cell hides its total too",
	 2,
	 1,
	 10,
	 {4, 4, 30, 30, 34, 34},
	 4,
	 {P, P, C, C, S, S}},
	{"threshold 1: nothing is small", 1, 2, 1, {1, 2, 3, 1, 2, 3}, 0, {0}},
	{"small totals are hidden as small", 1, 2, 10, {0, 5, 5, 0, 5, 5}, 4, {S, P, P, S, P, P}},
};

static void test_cases(void **state)
{
	(void)state;
	for (size_t t = 0; t < sizeof cases / sizeof cases[0]; t++) {
		uint8_t flag[16];
		memset(flag, 0xff, sizeof flag);
		int got = disclose_table(cases[t].rows, cases[t].cols, cases[t].n, cases[t].threshold, flag);
		if (got != cases[t].hidden)
			fail_msg("%s: %d hidden, expected %d", cases[t].what, got, cases[t].hidden);
		int all = (cases[t].rows + 1) * (cases[t].cols + 1);
		for (int c = 0; c < all; c++)
			if (flag[c] != cases[t].flag[c])
				fail_msg("%s: entry %d flag %d, expected %d", cases[t].what, c, flag[c],
					 cases[t].flag[c]);
	}
}

static void test_refused(void **state)
{
	(void)state;
	uint8_t flag[16];
	const int64_t wrong_row[] = {1, 2, 4, 3, 4, 7, 4, 6, 11};   /* 1 + 2 != 4 */
	const int64_t wrong_col[] = {1, 2, 3, 3, 4, 7, 5, 6, 10};   /* 1 + 3 != 5 */
	const int64_t wrong_grand[] = {1, 2, 3, 3, 4, 7, 4, 6, 11}; /* 10 != 11 */
	const int64_t negative[] = {-1, 2, 1, 3, 4, 7, 2, 6, 8};
	assert_int_equal(disclose_table(2, 2, wrong_row, 10, flag), -1);
	assert_int_equal(disclose_table(2, 2, wrong_col, 10, flag), -1);
	assert_int_equal(disclose_table(2, 2, wrong_grand, 10, flag), -1);
	assert_int_equal(disclose_table(2, 2, negative, 10, flag), -1);
	const int64_t ok[] = {1, 2, 3, 3, 4, 7, 4, 6, 10};
	assert_int_equal(disclose_table(2, 2, ok, 0, flag), -1);
	assert_int_equal(disclose_table(0, 2, ok, 10, flag), -1);
	assert_int_equal(disclose_table(64, 2, ok, 10, flag), -1);
}

/* random tables: every 1..k-1 entry hidden as small, and every sum leaves 0 or at least 2 members hidden */
static void test_property(void **state)
{
	(void)state;
	uint64_t seed = 20261203;
	int64_t n[17 * 9];
	uint8_t flag[17 * 9];
	for (int round = 0; round < 2000; round++) {
		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		int rows = 1 + (int)(seed >> 33) % 16, cols = 1 + (int)(seed >> 45) % 8;
		int64_t k = 1 + (int64_t)((seed >> 20) % 12);
		memset(n, 0, sizeof n);
		for (int i = 0; i < rows; i++)
			for (int j = 0; j < cols; j++) {
				seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
				int r = (int)(seed >> 40) % 100;
				/* many zeros and small counts, some large */
				n[i * (cols + 1) + j] = r < 30 ? 0 : r < 70 ? r % 12 : r * 3;
				n[i * (cols + 1) + cols] += n[i * (cols + 1) + j];
				n[rows * (cols + 1) + j] += n[i * (cols + 1) + j];
				n[rows * (cols + 1) + cols] += n[i * (cols + 1) + j];
			}
		int hidden = disclose_table(rows, cols, n, k, flag);
		assert_true(hidden >= 0);
		int count = 0;
		for (int c = 0; c < (rows + 1) * (cols + 1); c++) {
			if (n[c] > 0 && n[c] < k)
				assert_int_not_equal(flag[c], DISC_SHOWN);
			if (flag[c] == DISC_SMALL)
				assert_true(n[c] > 0 && n[c] < k);
			count += flag[c] != DISC_SHOWN;
		}
		assert_int_equal(count, hidden);
		for (int i = 0; i <= rows; i++) {
			int h = 0;
			for (int j = 0; j <= cols; j++)
				h += flag[i * (cols + 1) + j] != DISC_SHOWN;
			if (h == 1)
				fail_msg("round %d: row %d leaves one member hidden", round, i);
		}
		for (int j = 0; j <= cols; j++) {
			int h = 0;
			for (int i = 0; i <= rows; i++)
				h += flag[i * (cols + 1) + j] != DISC_SHOWN;
			if (h == 1)
				fail_msg("round %d: column %d leaves one member hidden", round, j);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_property),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
