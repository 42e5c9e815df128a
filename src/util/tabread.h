/* tabread.h: reading a table (a header row, then one record a row) from CSV or XLSX, row by row, with the
 * columns an importer declares. The one reader behind every importer (svc/base/import.h runs them).
 *
 * An importer declares its columns once, as a table:
 *
 *	enum { C_ID, C_NAME, C_N };
 *	static const tab_col cols[C_N] = {
 *		[C_ID] = {"id_number", "证件号码", {"身份证号", "公民身份号码"}, TAB_REQUIRED},
 *		[C_NAME] = {"name", "姓名"},
 *	};
 *	static const tab_spec spec = {cols, C_N, 0};
 *
 * and reads a cell with tab_get(row, C_ID). A header cell names a column when it equals the column's field,
 * its Chinese name or one of its aliases, ignoring ASCII case, the white space around it and a trailing
 * '*' (templates mark required columns so). A missing required column, two header cells naming the same
 * column, and (with TAB_STRICT) a header cell naming none are errors of the whole file that name the column
 * in Chinese and English (422 missing_column / duplicate_column / unknown_column); otherwise unknown columns
 * are ignored (tab_info counts them).
 *
 * The input is told apart by its first bytes: a ZIP archive ("PK\3\4") is read as an XLSX workbook (its
 * first sheet, through libzip and expat, streamed: only the shared strings are held in memory), anything
 * else as CSV (util/csvread.h: RFC 4180, UTF-8 with or without a BOM, or GB18030). A row's line is the CSV
 * record number or the sheet's row number; the header is line 1 in a CSV file. Wholly empty sheet rows
 * (Excel keeps formatted ones) are skipped.
 *
 * Rejected rows are collected in a tab_report (line, field, code, message in Chinese and English) that can
 * be written as CSV. */
#ifndef JINENG_TABREAD_H
#define JINENG_TABREAD_H

#include "util/common.h"
#include "util/err.h"
#include <stdio.h>

#define TAB_MAX_ALIASES 6
/* a file may hold at most this many columns (Excel's own limit) */
#define TAB_MAX_COLUMNS 16384

enum tab_col_flags {
	TAB_REQUIRED = 1 << 0, /* the header must name it */
};

/* one column an importer reads */
typedef struct tab_col {
	const char *field;		      /* English name: the header, and the field of a rejected row */
	const char *zh;			      /* Chinese name: a header too, and named in messages */
	const char *aliases[TAB_MAX_ALIASES]; /* more headers that name it (NULL ends the list early) */
	unsigned flags;			      /* enum tab_col_flags */
} tab_col;

enum tab_spec_flags {
	TAB_TRIM = 1 << 0,   /* cells lose the spaces, tabs and CRs around them */
	TAB_STRICT = 1 << 1, /* a header cell that names no column is an error (unknown_column) */
};

typedef struct tab_spec {
	const tab_col *cols;
	size_t ncols;
	unsigned flags; /* enum tab_spec_flags */
} tab_spec;

/* a data row as the callback sees it; valid until the callback returns */
typedef struct tab_row {
	size_t line;	/* CSV record number or sheet row number (the header is line 1 in CSV) */
	char **cells;	/* the row's cells, in file order */
	size_t n;	/* how many */
	const int *map; /* map[column] = index into cells, -1 when the header lacks it */
	const tab_spec *spec;
} tab_row;

/* tab_get: the cell of the declared column, or NULL when the header lacks the column or the cell is
 * empty (after trimming with TAB_TRIM) */
const char *tab_get(const tab_row *r, int col);
/* tab_has: whether the header named the column */
bool tab_has(const tab_row *r, int col);

/* the row callback: 0 goes on; any other value stops the read and is returned by tab_read_* as it is
 * (so a callback that stops keeps its own error) */
typedef int (*tab_row_fn)(void *ctx, const tab_row *row);
/* progress: called every `every` data rows with the count so far */
typedef void (*tab_progress_fn)(void *ctx, size_t rows);

typedef struct tab_opts {
	tab_progress_fn progress;
	void *progress_ctx;
	size_t progress_every; /* 0: 1000 */
} tab_opts;

/* what was read (filled as far as the read went) */
typedef struct tab_info {
	const char *format;   /* "csv" or "xlsx" */
	const char *encoding; /* "utf-8" or "gb18030" (XLSX is always UTF-8) */
	size_t rows;	      /* data rows handed to the callback */
	size_t unknown;	      /* header cells that named no column (ignored unless TAB_STRICT) */
	char first_unknown[64];
	bool header; /* the header row was read and matched */
} tab_info;

/* tab_read_mem: reads data[0..len) (CSV or XLSX, see above). Returns 0 when every row was read, the
 * callback's value when it stopped the read, or -1 with e set when the file cannot be read: 422 with
 * empty_file, missing_column, duplicate_column, unknown_column, malformed_csv, malformed_xlsx, bad_encoding
 * or too_large. info and opts may be NULL. */
int tab_read_mem(const tab_spec *spec, const char *data, size_t len, const tab_opts *opts, tab_row_fn fn,
		 void *ctx, tab_info *info, err *e);
/* tab_read_file: the same for a file (read whole into memory first; 422 file_unreadable when it cannot
 * be opened) */
int tab_read_file(const tab_spec *spec, const char *path, const tab_opts *opts, tab_row_fn fn, void *ctx,
		  tab_info *info, err *e);

/* xlsx_read_mem: the XLSX layer alone: every non-empty row of the first sheet as fields (missing cells are
 * empty strings) and its row number; the callback's non-zero value stops it and is returned. -1 with e
 * set (422 malformed_xlsx, too_large) when the workbook cannot be read. */
int xlsx_read_mem(const char *data, size_t len, int (*fn)(void *ctx, char **fields, size_t n, size_t row),
		  void *ctx, err *e);

/* ---- the reject report ---- */

typedef struct tab_reject {
	size_t line;
	err e; /* field, code, zh, en */
} tab_reject;

typedef struct tab_report {
	size_t count;	  /* every rejected row */
	size_t kept, cap; /* the first `keep` are kept in items */
	size_t keep;
	tab_reject *items;
} tab_report;

/* tab_report_init: keep the first `keep` rejects (0: 1000); the count goes on beyond them */
void tab_report_init(tab_report *r, size_t keep);
void tab_report_add(tab_report *r, size_t line, const err *e);
void tab_report_free(tab_report *r);
/* the CSV report: a UTF-8 BOM and the header "line,field,code,message", then one row per reject with the
 * message in Chinese (quoted as RFC 4180 wants). -1 on a write error. */
int tab_report_csv_header(FILE *f);
int tab_report_csv_row(FILE *f, size_t line, const err *e);
int tab_report_write_csv(const tab_report *r, FILE *f); /* header and the kept rows */

#endif
