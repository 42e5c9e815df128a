/* fuzz_xlsx.c: the table reader every import uses (util/tabread.c): XLSX workbooks (libzip, expat: the
 * workbook, its relationships, the shared strings, the first sheet) and CSV, with declared columns.
 * Invariant: every cell handed to a row callback is valid UTF-8 (XML text, or CSV converted to UTF-8), and
 * a read that fails sets a 422 error.
 *
 * Input: byte 0 picks the mode.
 *   even: the rest is a file as uploaded (an XLSX archive or CSV), read by tab_read_mem and xlsx_read_mem.
 *   odd:  the rest is "SHEET XML" [NUL "SHARED STRINGS XML"], packed here into a workbook with libzip, so
 *         that mutations reach the XML parsers instead of failing the archive's checksums. */
#include "util/common.h"
#include "fuzz_common.h"
#include "util/csvread.h"
#include "util/tabread.h"
#include <zip.h>

enum { C_ID, C_NAME, C_OPTION, C_N };

static const tab_col cols[C_N] = {
	[C_ID] = {"id_number", "证件号码", {"身份证号"}, TAB_REQUIRED},
	[C_NAME] = {"name", "姓名", {0}, 0},
	[C_OPTION] = {"option", "申报条件", {0}, 0},
};
static const tab_spec spec = {cols, C_N, TAB_TRIM};

static void check_cell(const char *s)
{
	if (!utf8_valid(s, strlen(s)))
		abort();
}

static int on_row(void *ctx, const tab_row *r)
{
	size_t *total = ctx;
	for (size_t i = 0; i < r->n; i++)
		check_cell(r->cells[i]);
	for (int c = 0; c < C_N; c++) {
		const char *v = tab_get(r, c);
		if (v && !*v)
			abort(); /* tab_get gives NULL for an empty cell */
		*total += v ? strlen(v) : 0;
	}
	return 0;
}

static int on_fields(void *ctx, char **f, size_t n, size_t row)
{
	size_t *total = ctx;
	for (size_t i = 0; i < n; i++) {
		check_cell(f[i]);
		*total += strlen(f[i]) + row;
	}
	return 0;
}

static void read_both(const char *data, size_t n)
{
	size_t total = 0;
	err e = {0};
	tab_info info;
	if (tab_read_mem(&spec, data, n, NULL, on_row, &total, &info, &e) != 0 && e.status != 422)
		abort();
	err e2 = {0};
	if (n >= 4 && !memcmp(data, "PK\x03\x04", 4) && xlsx_read_mem(data, n, on_fields, &total, &e2) != 0 &&
	    e2.status != 422)
		abort();
}

static const char workbook[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook "
	"xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
	"xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
	"<sheets><sheet name=\"s\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
static const char rels[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "
	"xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship "
	"Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/></Relationships>";

static bool add(zip_t *z, const char *name, const void *p, size_t n)
{
	zip_source_t *s = zip_source_buffer(z, p, n, 0);
	if (!s)
		return false;
	if (zip_file_add(z, name, s, ZIP_FL_ENC_UTF_8) < 0) {
		zip_source_free(s);
		return false;
	}
	return true;
}

/* the sheet (and shared strings) packed into a workbook in memory; NULL when libzip refuses */
static char *pack(const char *sheet, size_t sn, const char *sst, size_t tn, size_t *len)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
	char *out = NULL;
	if (!src)
		goto done;
	zip_source_keep(src);
	zip_t *z = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	if (!z)
		goto done;
	if (!add(z, "xl/workbook.xml", workbook, sizeof workbook - 1) ||
	    !add(z, "xl/_rels/workbook.xml.rels", rels, sizeof rels - 1) ||
	    !add(z, "xl/worksheets/sheet1.xml", sheet, sn) ||
	    (sst && !add(z, "xl/sharedStrings.xml", sst, tn))) {
		zip_discard(z);
		goto done;
	}
	if (zip_close(z) != 0) {
		zip_discard(z);
		goto done;
	}
	if (zip_source_open(src) != 0)
		goto done;
	zip_source_seek(src, 0, SEEK_END);
	zip_int64_t size = zip_source_tell(src);
	zip_source_seek(src, 0, SEEK_SET);
	if (size > 0) {
		out = xmalloc((size_t)size);
		if (zip_source_read(src, out, (zip_uint64_t)size) != size) {
			free(out);
			out = NULL;
		} else {
			*len = (size_t)size;
		}
	}
	zip_source_close(src);
done:
	if (src)
		zip_source_free(src);
	zip_error_fini(&ze);
	return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	const char *rest = (const char *)data + 1;
	size_t n = size - 1;
	if (!(data[0] & 1)) {
		read_both(rest, n);
		return 0;
	}
	const char *nul = memchr(rest, 0, n);
	size_t sn = nul ? (size_t)(nul - rest) : n;
	size_t len = 0;
	char *book = pack(rest, sn, nul ? nul + 1 : NULL, nul ? n - sn - 1 : 0, &len);
	if (book) {
		if (len < 4 || memcmp(book, "PK\x03\x04", 4))
			abort(); /* what libzip writes is an archive */
		read_both(book, len);
		free(book);
	}
	return 0;
}
