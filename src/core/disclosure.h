/* disclosure.h: 开放数据的小单元格保护 (disclosure control of a published table of counts; docs/DOMAIN.md
 * §47) — pure, no I/O.
 *
 * A table of R rows × C columns of counts is published with its row totals, column totals and grand total.
 * Primary suppression: a cell (or total) counting 1..threshold-1 persons is not shown (0 is shown: "nobody"
 * discloses nothing about a person). Secondary suppression: every published sum — a row with its total, a
 * column with its total, the totals row with the grand total — must not leave exactly one of its members
 * hidden, or that member is the total minus the others. While such a sum exists, one more member of it is
 * hidden: the smallest shown non-zero cell, else the smallest shown cell, else the sum's total. The result
 * guards each sum on its own; it is not a full audit of the whole linear system (a determined reader
 * combining several sums with hidden cells in a rectangle can still bound values), which is the usual
 * limit of this method and is said where the data are published. */
#ifndef JINENG_CORE_DISCLOSURE_H
#define JINENG_CORE_DISCLOSURE_H

#include "util/common.h"

enum disclosure_flag {
	DISC_SHOWN = 0,
	DISC_SMALL = 1,	       /* primary: 1..threshold-1 */
	DISC_COMPLEMENTARY = 2 /* secondary: would reveal a small cell through a published sum */
};

/* disclose_table: n is (rows+1) × (cols+1), row-major: cell (i, j) at n[i * (cols + 1) + j]; row `rows` holds
 * the column totals, column `cols` the row totals, n[rows * (cols+1) + cols] the grand total (the caller
 * fills them; they must be the sums). flag (same shape) is written. Returns the number of hidden entries,
 * or -1 if the totals are not the sums or an argument is out of range (threshold < 1, rows or cols < 1). */
int disclose_table(int rows, int cols, const int64_t *n, int64_t threshold, uint8_t *flag);

#endif
