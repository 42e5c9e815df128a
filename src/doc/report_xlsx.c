/* report_xlsx.c: finance report workbooks (report_xlsx.h) */
#include "util/common.h"
#include "doc/report_xlsx.h"
#include "util/buf.h"
#include <unistd.h>
#include <xlsxwriter.h>

struct report {
	char path[64];
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *bold, *head, *money, *money_bold, *int_bold;
	struct rcol cols[REPORT_MAX_COLS];
	size_t ncols;
	lxw_row_t row;	 /* the next row to write */
	lxw_row_t first; /* the first data row of the sheet */
	int64_t nrows;	 /* data rows of the sheet */
	int64_t sums[REPORT_MAX_COLS];
	bool overflow;
};

static int fail(err *e, lxw_error le)
{
	return err_set(e, 500, "export_failed", NULL, "生成 Excel 文件失败",
		       "could not write the workbook: %s", lxw_strerror(le));
}

report *report_open(err *e)
{
	report *r = xcalloc(1, sizeof *r);
	snprintf(r->path, sizeof r->path, "/tmp/jineng-report-XXXXXX");
	int fd = mkstemp(r->path);
	if (fd < 0) {
		free(r);
		err_set(e, 500, "internal", NULL, "无法创建临时文件", "could not create a temporary file");
		return NULL;
	}
	close(fd);
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = NULL};
	r->wb = workbook_new_opt(r->path, &opt);
	if (!r->wb) {
		unlink(r->path);
		free(r);
		err_set(e, 500, "export_failed", NULL, "生成 Excel 文件失败", "could not start the workbook");
		return NULL;
	}
	r->bold = workbook_add_format(r->wb);
	format_set_bold(r->bold);
	r->head = workbook_add_format(r->wb);
	format_set_bold(r->head);
	format_set_bottom(r->head, LXW_BORDER_THIN);
	r->money = workbook_add_format(r->wb);
	format_set_num_format(r->money, "#,##0.00");
	r->money_bold = workbook_add_format(r->wb);
	format_set_num_format(r->money_bold, "#,##0.00");
	format_set_bold(r->money_bold);
	r->int_bold = workbook_add_format(r->wb);
	format_set_bold(r->int_bold);
	return r;
}

static void col_name(size_t c, char *out)
{
	/* at most REPORT_MAX_COLS (16) columns: A..P */
	out[0] = (char)('A' + c);
	out[1] = 0;
}

/* the 合计 row of the current sheet */
static int finish_sheet(report *r, err *e)
{
	if (!r->ws)
		return 0;
	bool any = false;
	for (size_t c = 0; c < r->ncols; c++)
		any |= r->cols[c].sum;
	if (!any)
		return 0;
	lxw_error le = worksheet_write_string(r->ws, r->row, 0, "合计", r->bold);
	for (size_t c = 0; c < r->ncols && le == LXW_NO_ERROR; c++) {
		if (!r->cols[c].sum)
			continue;
		char f[64], cn[4];
		col_name(c, cn);
		if (r->nrows > 0)
			snprintf(f, sizeof f, "=SUM(%s%u:%s%u)", cn, (unsigned)r->first + 1, cn,
				 (unsigned)(r->first + (lxw_row_t)r->nrows));
		else
			snprintf(f, sizeof f, "=0");
		bool fen = r->cols[c].kind == RC_FEN;
		double v = fen ? (double)r->sums[c] / 100.0 : (double)r->sums[c];
		le = worksheet_write_formula_num(r->ws, r->row, (lxw_col_t)c, f,
						 fen ? r->money_bold : r->int_bold, v);
	}
	r->row++;
	return le == LXW_NO_ERROR ? 0 : fail(e, le);
}

int report_sheet(report *r, const char *name, const char *title, const char *const *notes,
		 const struct rcol *cols, size_t ncols, err *e)
{
	if (ncols == 0 || ncols > REPORT_MAX_COLS)
		return err_set(e, 500, "internal", NULL, "服务器内部错误", "report: bad column count");
	if (finish_sheet(r, e))
		return -1;
	r->ws = workbook_add_worksheet(r->wb, name);
	if (!r->ws)
		return err_set(e, 500, "export_failed", NULL, "生成 Excel 文件失败", "could not add a sheet");
	memcpy(r->cols, cols, ncols * sizeof *cols);
	r->ncols = ncols;
	r->row = 0;
	r->nrows = 0;
	memset(r->sums, 0, sizeof r->sums);
	for (size_t c = 0; c < ncols; c++)
		worksheet_set_column(r->ws, (lxw_col_t)c, (lxw_col_t)c,
				     cols[c].width > 0 ? cols[c].width : 14, NULL);
	lxw_error le = worksheet_write_string(r->ws, r->row++, 0, title, r->bold);
	for (const char *const *n = notes; le == LXW_NO_ERROR && n && *n; n++)
		le = worksheet_write_string(r->ws, r->row++, 0, *n, NULL);
	for (size_t c = 0; c < ncols && le == LXW_NO_ERROR; c++)
		le = worksheet_write_string(r->ws, r->row, (lxw_col_t)c, cols[c].title, r->head);
	r->row++;
	r->first = r->row;
	return le == LXW_NO_ERROR ? 0 : fail(e, le);
}

int report_row(report *r, const struct rcell *cells, err *e)
{
	lxw_error le = LXW_NO_ERROR;
	for (size_t c = 0; c < r->ncols && le == LXW_NO_ERROR; c++) {
		const struct rcell *x = &cells[c];
		switch (r->cols[c].kind) {
		case RC_TEXT:
			if (x->s && *x->s)
				le = worksheet_write_string(r->ws, r->row, (lxw_col_t)c, x->s, NULL);
			break;
		case RC_INT:
		case RC_FEN:
			if (x->empty)
				break;
			if (r->cols[c].sum && __builtin_add_overflow(r->sums[c], x->n, &r->sums[c]))
				r->overflow = true;
			le = worksheet_write_number(r->ws, r->row, (lxw_col_t)c,
						    r->cols[c].kind == RC_FEN ? (double)x->n / 100.0
									      : (double)x->n,
						    r->cols[c].kind == RC_FEN ? r->money : NULL);
			break;
		}
	}
	if (le != LXW_NO_ERROR)
		return fail(e, le);
	if (r->overflow)
		return err_set(e, 422, "amount_overflow", NULL, "金额合计超出范围",
			       "a total is out of range");
	r->row++;
	r->nrows++;
	return 0;
}

int64_t report_rows(const report *r)
{
	return r->nrows;
}

void report_abort(report *r)
{
	if (!r)
		return;
	if (r->wb)
		workbook_close(r->wb);
	unlink(r->path);
	free(r);
}

int report_close(report *r, char **out, size_t *len, err *e)
{
	int rc = finish_sheet(r, e);
	lxw_error le = workbook_close(r->wb);
	r->wb = NULL;
	if (!rc && le != LXW_NO_ERROR)
		rc = fail(e, le);
	if (!rc) {
		FILE *f = fopen(r->path, "rb");
		if (!f) {
			rc = err_set(e, 500, "export_failed", NULL, "生成 Excel 文件失败",
				     "could not read the workbook back");
		} else {
			buf b;
			buf_init(&b, 0);
			char chunk[65536];
			size_t n;
			while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
				buf_add(&b, chunk, n);
			fclose(f);
			*out = buf_take(&b, len);
		}
	}
	unlink(r->path);
	free(r);
	return rc;
}
