/* disclosure.c: primary and secondary suppression of a table of counts with its margins (disclosure.h). */
#include "core/disclosure.h"

#define AT(i, j) ((size_t)(i) * (size_t)(cols + 1) + (size_t)(j))

/* one additive relation: members m[0..k-1] sum to the member `total` */
struct rel {
	size_t m[64];
	int k;
	size_t total;
};

/* hides one more member of a relation that leaves exactly one hidden; 1 when it hid one */
static int guard(const struct rel *r, const int64_t *n, uint8_t *flag)
{
	int hidden = 0;
	for (int i = 0; i < r->k; i++)
		hidden += flag[r->m[i]] != DISC_SHOWN;
	hidden += flag[r->total] != DISC_SHOWN;
	if (hidden != 1)
		return 0;
	size_t best = (size_t)-1;
	/* the smallest shown non-zero member, else the smallest shown member */
	for (int pass = 0; pass < 2 && best == (size_t)-1; pass++)
		for (int i = 0; i < r->k; i++) {
			size_t c = r->m[i];
			if (flag[c] != DISC_SHOWN || (pass == 0 && n[c] == 0))
				continue;
			if (best == (size_t)-1 || n[c] < n[best])
				best = c;
		}
	if (best == (size_t)-1) /* every member hidden but the total: hide it */
		best = r->total;
	if (flag[best] != DISC_SHOWN)
		return 0;
	flag[best] = DISC_COMPLEMENTARY;
	return 1;
}

int disclose_table(int rows, int cols, const int64_t *n, int64_t threshold, uint8_t *flag)
{
	if (rows < 1 || cols < 1 || rows > 63 || cols > 63 || threshold < 1)
		return -1;
	/* the margins must be the sums */
	int64_t grand = 0;
	for (int i = 0; i < rows; i++) {
		int64_t s = 0;
		for (int j = 0; j < cols; j++) {
			if (n[AT(i, j)] < 0)
				return -1;
			s += n[AT(i, j)];
		}
		if (s != n[AT(i, cols)])
			return -1;
		grand += s;
	}
	for (int j = 0; j < cols; j++) {
		int64_t s = 0;
		for (int i = 0; i < rows; i++)
			s += n[AT(i, j)];
		if (s != n[AT(rows, j)])
			return -1;
	}
	if (grand != n[AT(rows, cols)])
		return -1;

	size_t all = (size_t)(rows + 1) * (size_t)(cols + 1);
	for (size_t c = 0; c < all; c++)
		flag[c] = n[c] > 0 && n[c] < threshold ? DISC_SMALL : DISC_SHOWN;

	/* the relations: each row (and the totals row) with its total; each column (and the totals column) */
	for (int changed = 1; changed;) {
		changed = 0;
		for (int i = 0; i <= rows; i++) {
			struct rel r = {.k = cols, .total = AT(i, cols)};
			for (int j = 0; j < cols; j++)
				r.m[j] = AT(i, j);
			changed |= guard(&r, n, flag);
		}
		for (int j = 0; j <= cols; j++) {
			struct rel r = {.k = rows, .total = AT(rows, j)};
			for (int i = 0; i < rows; i++)
				r.m[i] = AT(i, j);
			changed |= guard(&r, n, flag);
		}
	}
	int hidden = 0;
	for (size_t c = 0; c < all; c++)
		hidden += flag[c] != DISC_SHOWN;
	return hidden;
}
