/* stat_report_xlsx.c: statistical report workbooks (stat_report_xlsx.h) */
#include "util/common.h"
#include "doc/stat_report_xlsx.h"
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <xlsxwriter.h>

static void col_letters(int c, char out[4])
{
	if (c < 26) {
		out[0] = (char)('A' + c);
		out[1] = 0;
	} else {
		out[0] = (char)('A' + c / 26 - 1);
		out[1] = (char)('A' + c % 26);
		out[2] = 0;
	}
}

static int fail(err *e, const char *what)
{
	return err_set(e, 500, "export_failed", NULL, "生成 Excel 报表失败", "could not write the report: %s",
		       what);
}

static int read_all(const char *path, char **out, size_t *len, err *e)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return fail(e, "cannot reopen the workbook");
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *buf = n > 0 ? malloc((size_t)n) : NULL;
	if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		fclose(f);
		return fail(e, "cannot read the workbook");
	}
	fclose(f);
	*out = buf;
	*len = (size_t)n;
	return 0;
}

int srep_xlsx(const struct srep *s, char **out, size_t *len, err *e)
{
	if (s->ncols < 1 || s->ncols > SREP_MAX_COLS || s->nrows < 0)
		return fail(e, "bad shape");
	char path[64];
	snprintf(path, sizeof path, "/tmp/jineng-srep-XXXXXX");
	int fd = mkstemp(path);
	if (fd < 0)
		return fail(e, "no temporary file");
	close(fd);
	lxw_workbook *wb = workbook_new(path);
	if (!wb) {
		unlink(path);
		return fail(e, "cannot start the workbook");
	}
	lxw_worksheet *ws = workbook_add_worksheet(wb, s->sheet);
	lxw_format *title = workbook_add_format(wb), *sub = workbook_add_format(wb),
		   *head = workbook_add_format(wb), *label = workbook_add_format(wb),
		   *num = workbook_add_format(wb), *money = workbook_add_format(wb),
		   *tlabel = workbook_add_format(wb), *tnum = workbook_add_format(wb),
		   *tmoney = workbook_add_format(wb), *foot = workbook_add_format(wb);
	format_set_bold(title);
	format_set_font_size(title, 16);
	format_set_align(title, LXW_ALIGN_CENTER);
	format_set_align(sub, LXW_ALIGN_LEFT);
	lxw_format *boxed[] = {head, label, num, money, tlabel, tnum, tmoney};
	for (size_t i = 0; i < ARRAY_LEN(boxed); i++)
		format_set_border(boxed[i], LXW_BORDER_THIN);
	format_set_bold(head);
	format_set_align(head, LXW_ALIGN_CENTER);
	format_set_align(head, LXW_ALIGN_VERTICAL_CENTER);
	format_set_text_wrap(head);
	format_set_bg_color(head, 0xF2F2F2);
	format_set_num_format(num, "#,##0");
	format_set_num_format(money, "#,##0.00");
	format_set_bold(tlabel);
	format_set_bold(tnum);
	format_set_num_format(tnum, "#,##0");
	format_set_bold(tmoney);
	format_set_num_format(tmoney, "#,##0.00");
	format_set_font_size(foot, 9);

	int last = s->ncols; /* the last column index (column 0 holds the labels) */
	lxw_error le = LXW_NO_ERROR;
	le |= worksheet_set_column(ws, 0, 0, 26, NULL);
	le |= worksheet_set_column(ws, 1, (lxw_col_t)last, 11, NULL);
	le |= worksheet_merge_range(ws, 0, 0, 0, (lxw_col_t)last, s->title, title);
	le |= worksheet_merge_range(ws, 1, 0, 1, (lxw_col_t)last, s->subtitle, sub);
	/* the two heading rows */
	le |= worksheet_merge_range(ws, 2, 0, 3, 0, s->row_head, head);
	for (int c = 0; c < s->ncols;) {
		const char *g = s->cols[c].group;
		int end = c;
		while (g && end + 1 < s->ncols && s->cols[end + 1].group &&
		       !strcmp(s->cols[end + 1].group, g))
			end++;
		if (!g) {
			le |= worksheet_merge_range(ws, 2, (lxw_col_t)(c + 1), 3, (lxw_col_t)(c + 1),
						    s->cols[c].title, head);
		} else {
			if (end > c)
				le |= worksheet_merge_range(ws, 2, (lxw_col_t)(c + 1), 2,
							    (lxw_col_t)(end + 1), g, head);
			else
				le |= worksheet_write_string(ws, 2, (lxw_col_t)(c + 1), g, head);
			for (int k = c; k <= end; k++)
				le |= worksheet_write_string(ws, 3, (lxw_col_t)(k + 1), s->cols[k].title,
							     head);
		}
		c = end + 1;
	}
	/* the data rows and the 合计 row */
	int64_t sums[SREP_MAX_COLS] = {0};
	lxw_row_t r0 = 4;
	for (int i = 0; i < s->nrows; i++) {
		lxw_row_t row = r0 + (lxw_row_t)i;
		le |= worksheet_write_string(ws, row, 0, s->row_labels[i], label);
		for (int c = 0; c < s->ncols; c++) {
			int64_t v = s->values[(size_t)i * (size_t)s->ncols + (size_t)c];
			sums[c] += v;
			le |= worksheet_write_number(ws, row, (lxw_col_t)(c + 1),
						     s->cols[c].money ? (double)v / 100.0 : (double)v,
						     s->cols[c].money ? money : num);
		}
	}
	lxw_row_t trow = r0 + (lxw_row_t)s->nrows;
	le |= worksheet_write_string(ws, trow, 0, "合计", tlabel);
	for (int c = 0; c < s->ncols; c++) {
		char L[4], f[64];
		col_letters(c + 1, L);
		if (s->nrows)
			snprintf(f, sizeof f, "=SUM(%s%u:%s%u)", L, (unsigned)(r0 + 1), L, (unsigned)trow);
		else
			snprintf(f, sizeof f, "=0");
		double v = s->cols[c].money ? (double)sums[c] / 100.0 : (double)sums[c];
		le |= worksheet_write_formula_num(ws, trow, (lxw_col_t)(c + 1), f,
						  s->cols[c].money ? tmoney : tnum, v);
	}
	lxw_row_t fr = trow + 2;
	if (s->part) {
		/* the breakdown: its line, then its rows under the same columns, no 合计 */
		le |= worksheet_merge_range(ws, fr, 0, fr, (lxw_col_t)last, s->part->title, sub);
		fr++;
		for (int i = 0; i < s->part->nrows; i++, fr++) {
			le |= worksheet_write_string(ws, fr, 0, s->part->row_labels[i], label);
			for (int c = 0; c < s->ncols; c++) {
				int64_t v = s->part->values[(size_t)i * (size_t)s->ncols + (size_t)c];
				le |= worksheet_write_number(ws, fr, (lxw_col_t)(c + 1),
							     s->cols[c].money ? (double)v / 100.0 : (double)v,
							     s->cols[c].money ? money : num);
			}
		}
		fr++;
	}
	for (int i = 0; s->footer && s->footer[i]; i++, fr++)
		le |= worksheet_merge_range(ws, fr, 0, fr, (lxw_col_t)last, s->footer[i], foot);
	worksheet_freeze_panes(ws, 4, 1);
	lxw_error ce = workbook_close(wb);
	int rc = 0;
	if (le != LXW_NO_ERROR || ce != LXW_NO_ERROR)
		rc = fail(e, lxw_strerror(ce != LXW_NO_ERROR ? ce : le));
	else
		rc = read_all(path, out, len, e);
	unlink(path);
	return rc;
}
