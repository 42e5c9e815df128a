#include "util/common.h"
#include "doc/export.h"
#include "util/buf.h"
#include <unistd.h>
#include <xlsxwriter.h>

struct exporter {
	const struct export_col *cols;
	size_t ncols;
	FILE *csv;
	bool csv_stdout;
	lxw_workbook *wb;
	lxw_worksheet *ws;
	int64_t rows;
};

static const char *cell_text(json_t *v, char *tmp, size_t n)
{
	if (!v || json_is_null(v))
		return "";
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_integer(v))
		return snprintf(tmp, n, "%lld", (long long)json_integer_value(v)), tmp;
	if (json_is_real(v))
		return snprintf(tmp, n, "%.15g", json_real_value(v)), tmp;
	if (json_is_boolean(v))
		return json_is_true(v) ? "是" : "否";
	return "";
}

static void csv_cell(FILE *f, const char *s, bool text)
{
	bool quote = strpbrk(s, ",\"\r\n") != NULL;
	bool formula = text && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@');
	if (quote || formula)
		fputc('"', f);
	if (formula)
		fputc('\'', f);
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			fputc('"', f);
		fputc(*p, f);
	}
	if (quote || formula)
		fputc('"', f);
}

exporter *exporter_open(const char *format, const char *path, const char *sheet,
			const struct export_col *cols, size_t ncols, err *e)
{
	exporter *x = xcalloc(1, sizeof *x);
	x->cols = cols;
	x->ncols = ncols;
	if (!strcmp(format, "csv")) {
		x->csv_stdout = !strcmp(path, "-");
		x->csv = x->csv_stdout ? stdout : fopen(path, "wb");
		if (!x->csv)
			goto cannot;
		fputs("\xEF\xBB\xBF", x->csv);
		for (size_t c = 0; c < ncols; c++) {
			if (c)
				fputc(',', x->csv);
			csv_cell(x->csv, cols[c].title, false);
		}
		fputs("\r\n", x->csv);
		return x;
	}
	if (strcmp(format, "xlsx")) {
		free(x);
		err_set(e, 422, "invalid_format", "format", "导出格式应为 csv 或 xlsx",
			"format must be csv or xlsx");
		return NULL;
	}
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = NULL};
	x->wb = workbook_new_opt(path, &opt);
	if (!x->wb)
		goto cannot;
	x->ws = workbook_add_worksheet(x->wb, sheet);
	lxw_format *head = workbook_add_format(x->wb);
	format_set_bold(head);
	for (size_t c = 0; c < ncols; c++) {
		worksheet_set_column(x->ws, (lxw_col_t)c, (lxw_col_t)c, 16, NULL);
		worksheet_write_string(x->ws, 0, (lxw_col_t)c, cols[c].title, head);
	}
	return x;
cannot:
	free(x);
	err_set(e, 500, "export_failed", NULL, "无法写入导出文件 %s", "could not write the export file %s",
		path);
	return NULL;
}

int exporter_rows(exporter *x, json_t *rows, err *e)
{
	size_t i;
	json_t *row;
	UNUSED(e);
	json_array_foreach(rows, i, row)
	{
		x->rows++;
		for (size_t c = 0; c < x->ncols; c++) {
			json_t *v = json_object_get(row, x->cols[c].key);
			char tmp[64];
			const char *s = cell_text(v, tmp, sizeof tmp);
			const char *lab = x->cols[c].label && json_is_string(v) ? x->cols[c].label(s) : NULL;
			if (lab)
				s = lab;
			if (x->csv) {
				if (c)
					fputc(',', x->csv);
				csv_cell(x->csv, s, json_is_string(v));
			} else if (json_is_integer(v)) {
				worksheet_write_number(x->ws, (lxw_row_t)x->rows, (lxw_col_t)c,
						       (double)json_integer_value(v), NULL);
			} else {
				worksheet_write_string(x->ws, (lxw_row_t)x->rows, (lxw_col_t)c, s, NULL);
			}
		}
		if (x->csv)
			fputs("\r\n", x->csv);
	}
	return 0;
}

int64_t exporter_count(const exporter *x)
{
	return x->rows;
}

int exporter_close(exporter *x, err *e)
{
	int rc = 0;
	if (x->csv) {
		if (fflush(x->csv) != 0 || ferror(x->csv))
			rc = err_set(e, 500, "export_failed", NULL, "写入导出文件失败",
				     "could not write the export file");
		if (!x->csv_stdout)
			fclose(x->csv);
	} else if (x->wb) {
		lxw_error le = workbook_close(x->wb);
		if (le != LXW_NO_ERROR)
			rc = err_set(e, 500, "export_failed", NULL, "生成 Excel 文件失败",
				     "could not write the workbook: %s", lxw_strerror(le));
	}
	free(x);
	return rc;
}

int export_file(const char *format, json_t *rows, const struct export_col *cols, size_t ncols,
		const char *sheet, char **out, size_t *len, err *e)
{
	char path[] = "/tmp/jineng-export-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		return err_set(e, 500, "internal", NULL, "无法创建临时文件",
			       "could not create a temporary file");
	close(fd);
	exporter *x = exporter_open(format, path, sheet, cols, ncols, e);
	int rc = -1;
	if (!x)
		goto out;
	exporter_rows(x, rows, e);
	if (exporter_close(x, e) != 0)
		goto out;
	FILE *f = fopen(path, "rb");
	buf b;
	buf_init(&b, 0);
	char chunk[65536];
	size_t n;
	while (f && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	if (f)
		fclose(f);
	*out = buf_take(&b, len);
	rc = 0;
out:
	unlink(path);
	return rc;
}
