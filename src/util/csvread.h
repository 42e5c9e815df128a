/* csvread.h: reading CSV (RFC 4180, through libcsv) from memory or a file. Input may be UTF-8 (with or
 * without a BOM) or GB18030 (what Excel on Chinese Windows writes); GB18030 is converted to UTF-8 first.
 * The callback gets each record's fields (NUL-terminated, valid until it returns) and its 1-based record
 * number, the header being record 1. A non-zero return from the callback stops the parse and is returned. */
#ifndef JINENG_CSVREAD_H
#define JINENG_CSVREAD_H

#include "util/common.h"
#include "util/err.h"

typedef int (*csv_row_fn)(void *ctx, char **fields, size_t n, size_t record);

int csv_read_mem(const char *data, size_t len, csv_row_fn fn, void *ctx, err *e);
/* csv_read_file: reads the whole file (converting its encoding when needed) and parses it; *encoding gets
 * "utf-8" or "gb18030" */
int csv_read_file(const char *path, csv_row_fn fn, void *ctx, const char **encoding, err *e);
/* file_read_all: the whole file, malloc'd (*len its size); NULL with 422 file_unreadable */
char *file_read_all(const char *path, size_t *len, err *e);
/* text_to_utf8: leaves UTF-8 as it is (*encoding "utf-8"); converts GB18030 into a malloc'd copy that
 * *owned keeps and *data / *len then point to ("gb18030"); -1 with 422 bad_encoding when it is neither */
int text_to_utf8(const char **data, size_t *len, char **owned, const char **encoding, err *e);
/* utf8_valid: true when s[0..n) is well-formed UTF-8 */
bool utf8_valid(const char *s, size_t n);
/* to_utf8_from_gb18030: malloc'd converted copy, NULL when the input is not GB18030 either */
char *gb18030_to_utf8(const char *s, size_t n, size_t *outlen);

#endif
