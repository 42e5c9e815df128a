/* report_xlsx.h: a finance report workbook (XLSX by libxlsxwriter, constant-memory mode): one or more
 * sheets, each a title line, notes lines, a bold heading row, the data rows and a 合计 row. Money is
 * given in integer fen and written as a number of 元 with two decimals (number format "#,##0.00"), so a
 * spreadsheet sums it; the 合计 row is a SUM formula over the column that carries its exact value (from
 * the fen the report added up) as the cached result. Text cells are always text. Used by the finance
 * exports of svc/training/finance.c; the list exports stay in doc/export.c. */
#ifndef JINENG_DOC_REPORT_XLSX_H
#define JINENG_DOC_REPORT_XLSX_H

#include "util/common.h"
#include "util/err.h"

enum rcol_kind {
	RC_TEXT = 0, /* text */
	RC_INT,	     /* a whole number (a count, an id) */
	RC_FEN,	     /* money in fen, written in 元 with two decimals */
};

struct rcol {
	const char *title; /* the heading (Chinese) */
	enum rcol_kind kind;
	bool sum;     /* the 合计 row sums this column (RC_INT, RC_FEN) */
	double width; /* 0: 14 */
};

/* a cell of a row: text for RC_TEXT (NULL is an empty cell), n for RC_INT and RC_FEN */
struct rcell {
	const char *s;
	int64_t n;
	bool empty; /* RC_INT / RC_FEN: leave the cell empty */
};

#define REPORT_MAX_COLS 16

typedef struct report report;

/* report_open: a new workbook in a temporary file */
report *report_open(err *e);
/* report_sheet: starts a sheet (the previous one is finished first: its 合计 row written when any
 * column sums); `title` is the first line (bold), then each of `notes` (NULL-terminated, may be NULL) */
int report_sheet(report *r, const char *name, const char *title, const char *const *notes,
		 const struct rcol *cols, size_t ncols, err *e) WUR;
/* report_row: one data row of the current sheet, ncols cells */
int report_row(report *r, const struct rcell *cells, err *e) WUR;
/* report_rows: the data rows written to the current sheet so far */
int64_t report_rows(const report *r);
/* report_close: finishes the workbook and gives its bytes (malloc'd); frees r (also on failure) */
int report_close(report *r, char **out, size_t *len, err *e) WUR;
/* report_abort: frees r without output */
void report_abort(report *r);

#endif
