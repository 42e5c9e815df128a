/* test_psy_lsat.h: the LSAT-6 and LSAT-7 data of Bock & Lieberman (1970, Psychometrika 35, 179-197):
 * 1000 persons, 5 items, as 32 pattern counts in the order 00000, 00001, ..., 11111 (item 1 leftmost).
 * LSAT-6: the counts of mirt's LSAT6 / ltm's LSAT, as printed in the OpenBUGS "LSAT" example
 * (m = c(3, 6, 2, 11, ...), cumulative culm = c(3, 9, 11, 22, ...)).
 * LSAT-7: mirt's LSAT7 (its expand.table example prints the first six counts 12, 19, 1, 7, 3, 19); the
 * summed-score counts 12, 40, 114, 205, 321, 308 match mirt's EAPsum test (tests/testthat/test-01-mirtOne.R).
 */
#ifndef TEST_PSY_LSAT_H
#define TEST_PSY_LSAT_H

static const int lsat6_counts[32] = {3,	 6,  2,	 11, 1, 1,  3,	4,  1,	8,  0,	16,  0,	 3,  2,	 15,
				     10, 29, 14, 81, 3, 28, 15, 80, 16, 56, 21, 173, 11, 61, 28, 298};
static const int lsat7_counts[32] = {12, 19, 1,	 7,  3,	 19, 3,	 17, 10, 5,  3, 7,  7,	23,  8,	 28,
				     7,	 39, 11, 34, 14, 51, 15, 90, 6,	 25, 7, 35, 18, 136, 32, 308};

/* expands pattern counts into a 1000 x 5 matrix */
static inline size_t lsat_expand(const int counts[32], int8_t *x)
{
	size_t n = 0;
	for (int pat = 0; pat < 32; pat++)
		for (int c = 0; c < counts[pat]; c++, n++)
			for (int i = 0; i < 5; i++)
				x[n * 5 + (size_t)i] = (int8_t)((pat >> (4 - i)) & 1);
	return n;
}

#endif
