/* export.h: list rows (JSON arrays of objects) written as CSV or XLSX, streaming page by page so that a
 * million rows never sit in memory at once. CSV is UTF-8 with a BOM (Excel then shows Chinese correctly),
 * RFC 4180 quoting, and text cells that would start a spreadsheet formula (= + - @) prefixed with an
 * apostrophe. XLSX is written by libxlsxwriter in constant-memory mode; text is always written as text. */
#ifndef JINENG_EXPORT_H
#define JINENG_EXPORT_H

#include "util/common.h"
#include "util/err.h"
#include <jansson.h>

struct export_col {
	const char *key;   /* field of each row object */
	const char *title; /* column heading (Chinese) */
	/* a code value's Chinese label (NULL: the value as it is), so a file shows 男, 居民身份证, 有效
	 * rather than M, resident_id, valid; NULL for a code it does not know, which is then written as it is
	 */
	const char *(*label)(const char *code);
};

typedef struct exporter exporter;

/* format "csv" or "xlsx"; path "-" writes CSV to stdout */
exporter *exporter_open(const char *format, const char *path, const char *sheet,
			const struct export_col *cols, size_t ncols, err *e);
int exporter_rows(exporter *x, json_t *rows, err *e);
int64_t exporter_count(const exporter *x);
int exporter_close(exporter *x, err *e); /* also frees x */

/* whole files in memory, for HTTP replies: a malloc'd body in *out */
int export_file(const char *format, json_t *rows, const struct export_col *cols, size_t ncols,
		const char *sheet, char **out, size_t *len, err *e);

#endif
