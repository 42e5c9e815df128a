/* stat_report_xlsx.h: a statistical report table as the bureaus file it (XLSX by libxlsxwriter): a title
 * across the table, a line with the period, region and units, a two-level heading whose groups are merged
 * cells (a column without a group spans both heading rows), the data rows, a 合计 row of SUM formulas that
 * carry their exact values, and the footer (填报单位, 填报日期, 数据来源, notes). Money is given in fen and
 * written as 元 with two decimals. Used by svc/stats/reports.c. */
#ifndef JINENG_DOC_STAT_REPORT_XLSX_H
#define JINENG_DOC_STAT_REPORT_XLSX_H

#include "util/common.h"
#include "util/err.h"

#define SREP_MAX_COLS 32

struct srep_col {
	const char *group; /* the upper heading, merged over neighbours with the same group; NULL: none */
	const char *title; /* the lower heading (or the only one) */
	bool money;	   /* fen, written as 元 */
};

/* a breakdown under the table (e.g. by 重点群体): the same columns, its own rows, no 合计 (its rows need not
 * add up: a person may be in several), a line above it saying what it is */
struct srep_part {
	const char *title; /* the line above the rows */
	int nrows;
	const char *const *row_labels;
	const int64_t *values; /* nrows × the table's ncols, row-major */
};

struct srep {
	const char *sheet, *title, *subtitle; /* subtitle: 统计期、地区、计量单位 */
	const char *row_head;		      /* the first column's heading */
	const struct srep_col *cols;
	int ncols, nrows;
	const char *const *row_labels;
	const int64_t *values;	      /* nrows × ncols, row-major */
	const char *const *footer;    /* NULL-terminated lines under the table */
	const struct srep_part *part; /* NULL: none; written between the 合计 row and the footer */
};

/* the workbook's bytes (malloc'd) in *out */
int srep_xlsx(const struct srep *s, char **out, size_t *len, err *e);

#endif
