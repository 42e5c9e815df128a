/* util/tabread: declared columns read from CSV and XLSX (aliases, BOM, quoting, missing, duplicate and
 * extra columns, trimming, GB18030), a callback that stops the read, progress, workbooks written here with
 * libxlsxwriter (shared strings and inline strings, numbers, sparse and empty rows, a second sheet), a
 * damaged workbook, and the reject report as CSV. */
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>
#include "util/csvread.h"
#include "util/tabread.h"

enum { C_ID, C_NAME, C_OPTION, C_N };

static const tab_col cols[C_N] = {
	[C_ID] = {"id_number", "证件号码", {"身份证号", "公民身份号码"}, TAB_REQUIRED},
	[C_NAME] = {"name", "姓名", {0}, 0},
	[C_OPTION] = {"option", "申报条件", {0}, TAB_REQUIRED},
};

/* the rows as text: "line:id|name|option;" with - for NULL */
struct seen {
	char out[1024];
	size_t stop_at; /* a line at which the callback stops with 7 */
	size_t progress[8], nprogress;
};

static int collect(void *ctx, const tab_row *r)
{
	struct seen *s = ctx;
	if (s->stop_at && r->line == s->stop_at)
		return 7;
	size_t l = strlen(s->out);
	const char *id = tab_get(r, C_ID), *name = tab_get(r, C_NAME), *opt = tab_get(r, C_OPTION);
	snprintf(s->out + l, sizeof s->out - l, "%zu:%s|%s|%s;", r->line, id ? id : "-", name ? name : "-",
		 opt ? opt : "-");
	return 0;
}

static void on_progress(void *ctx, size_t rows)
{
	struct seen *s = ctx;
	if (s->nprogress < ARRAY_LEN(s->progress))
		s->progress[s->nprogress++] = rows;
}

static const struct {
	const char *what, *csv;
	unsigned flags;
	const char *code;  /* NULL: read */
	const char *field; /* of the error */
	const char *rows;  /* what the callback saw */
	size_t unknown;
	const char *zh, *en; /* substrings of the error's messages */
} cases[] = {
	{"English headers", "id_number,name,option\n370102,张三,2023-5-a\n", 0, NULL, NULL,
	 "2:370102|张三|2023-5-a;", 0, NULL, NULL},
	{"Chinese headers and an alias, in another order", "申报条件,身份证号,姓名\na,1,张\nb,2,李\n", 0,
	 NULL, NULL, "2:1|张|a;3:2|李|b;", 0, NULL, NULL},
	{"BOM and CRLF, an optional column absent", "\xEF\xBB\xBF证件号码,申报条件\r\n1,a\r\n", 0, NULL, NULL,
	 "2:1|-|a;", 0, NULL, NULL},
	{"quoted fields: comma, doubled quote, line break",
	 "id_number,option,name\n\"1,2\",\"a\nb\",\"say \"\"hi\"\"\"\n3,c,d\n", 0, NULL, NULL,
	 "2:1,2|say \"hi\"|a\nb;3:3|d|c;", 0, NULL, NULL},
	{"header case, spaces and a required mark", " ID_Number *,Option＊,NAME\n1,a,x\n", 0, NULL, NULL,
	 "2:1|x|a;", 0, NULL, NULL},
	{"empty cells and a short row are NULL", "id_number,name,option\n1,,a\n2\n", 0, NULL, NULL,
	 "2:1|-|a;3:2|-|-;", 0, NULL, NULL},
	{"spaces around unquoted cells go (libcsv), quoted ones stay", "id_number,option\n 1 ,\" a \"\n", 0,
	 NULL, NULL, "2:1|-| a ;", 0, NULL, NULL},
	{"cells trimmed", "id_number,option\n\" 1 \",\"\ta \"\n", TAB_TRIM, NULL, NULL, "2:1|-|a;", 0, NULL,
	 NULL},
	{"a blank trimmed cell is NULL", "id_number,option\n1,   \n", TAB_TRIM, NULL, NULL, "2:1|-|-;", 0,
	 NULL, NULL},
	{"an extra column is ignored and counted", "id_number,备注,option\n1,x,a\n", 0, NULL, NULL,
	 "2:1|-|a;", 1, NULL, NULL},
	{"an extra column refused when strict", "id_number,option,remark\n1,a,x\n", TAB_STRICT,
	 "unknown_column", "remark", "", 1, "第 3 列", "column 3 has an unknown header: remark"},
	{"a missing column, named in both languages", "id_number,name\n1,x\n", 0, "missing_column", "option",
	 "", 0, "申报条件（option）", "the header lacks the required column option (申报条件)"},
	{"two missing columns, the first is the field", "name\nx\n", 0, "missing_column", "id_number", "", 0,
	 "证件号码（id_number）、申报条件（option）", "id_number (证件号码), option (申报条件)"},
	{"a column named twice", "id_number,option,证件号码\n1,a,2\n", 0, "duplicate_column", "id_number", "",
	 0, "第 1 列和第 3 列都是 证件号码（id_number）", "columns 1 and 3 both give id_number (证件号码)"},
	{"an empty file", "", 0, "empty_file", "", "", 0, "文件为空", "no header row"},
	{"a BOM alone", "\xEF\xBB\xBF", 0, "empty_file", "", "", 0, NULL, NULL},
	{"a header alone", "id_number,option\n", 0, NULL, NULL, "", 0, NULL, NULL},
	{"not UTF-8 nor GB18030", "id_number,option\n\xff\xff\xff,a\n", 0, "bad_encoding", "", "", 0, NULL,
	 NULL},
};

static void test_csv_cases(void **state)
{
	UNUSED(state);
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		tab_spec spec = {cols, C_N, cases[i].flags};
		struct seen s = {0};
		tab_info info;
		err e = {0};
		int rc =
			tab_read_mem(&spec, cases[i].csv, strlen(cases[i].csv), NULL, collect, &s, &info, &e);
		if (!cases[i].code) {
			if (rc != 0)
				fail_msg("%s: %s", cases[i].what, e.en);
			assert_true(info.header);
			assert_string_equal(info.format, "csv");
		} else {
			if (rc != -1 || !e.code || strcmp(e.code, cases[i].code))
				fail_msg("%s: rc %d code %s", cases[i].what, rc, e.code ? e.code : "(none)");
			assert_int_equal(e.status, 422);
			assert_string_equal(e.field, cases[i].field);
			if (cases[i].zh && !strstr(e.zh, cases[i].zh))
				fail_msg("%s: zh '%s'", cases[i].what, e.zh);
			if (cases[i].en && !strstr(e.en, cases[i].en))
				fail_msg("%s: en '%s'", cases[i].what, e.en);
		}
		if (strcmp(s.out, cases[i].rows))
			fail_msg("%s: saw '%s', want '%s'", cases[i].what, s.out, cases[i].rows);
		assert_int_equal(info.unknown, cases[i].unknown);
	}
}

static void test_csv_unknown_named_and_gb18030(void **state)
{
	UNUSED(state);
	tab_spec spec = {cols, C_N, 0};
	struct seen s = {0};
	tab_info info;
	err e = {0};
	const char *utf = "证件号码,申报条件,备注\n1,甲\n";
	size_t gl;
	/* iconv's reverse direction is not exported; the bytes of the same text in GB18030 */
	static const char gb[] = "\xd6\xa4\xbc\xfe\xba\xc5\xc2\xeb,\xc9\xea\xb1\xa8\xcc\xf5\xbc\xfe,"
				 "\xb1\xb8\xd7\xa2\n1,\xbc\xd7\n";
	char *back = gb18030_to_utf8(gb, sizeof gb - 1, &gl);
	assert_non_null(back);
	assert_string_equal(back, utf);
	free(back);
	assert_int_equal(tab_read_mem(&spec, gb, sizeof gb - 1, NULL, collect, &s, &info, &e), 0);
	assert_string_equal(info.encoding, "gb18030");
	assert_string_equal(s.out, "2:1|-|甲;");
	assert_int_equal(info.unknown, 1);
	assert_string_equal(info.first_unknown, "备注");
}

static void test_stop_and_progress(void **state)
{
	UNUSED(state);
	tab_spec spec = {cols, C_N, 0};
	const char *csv = "id_number,option\n1,a\n2,b\n3,c\n4,d\n5,e\n6,f\n";
	struct seen s = {.stop_at = 6};
	tab_opts o = {.progress = on_progress, .progress_ctx = &s, .progress_every = 2};
	tab_info info;
	err e = {0};
	/* the callback's value comes back as it is, and the read stops there */
	assert_int_equal(tab_read_mem(&spec, csv, strlen(csv), &o, collect, &s, &info, &e), 7);
	assert_false(err_isset(&e));
	assert_string_equal(s.out, "2:1|-|a;3:2|-|b;4:3|-|c;5:4|-|d;");
	assert_int_equal(info.rows, 5);
	assert_int_equal(s.nprogress, 2);
	assert_int_equal(s.progress[0], 2);
	assert_int_equal(s.progress[1], 4);
}

/* ---- XLSX written here ---- */

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *d = xmalloc((size_t)n + 1);
	assert_int_equal(fread(d, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return d;
}

/* a workbook whose first sheet has a header (Chinese, an alias), a number, an empty row, a sparse row and
 * an extra column; a second sheet that must not be read */
static char *workbook(bool constant_memory, bool with_option, size_t *len)
{
	char path[] = "/tmp/test_tabread_XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	lxw_workbook_options opt = {.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE};
	lxw_workbook *wb = workbook_new_opt(path, &opt);
	assert_non_null(wb);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "名单");
	worksheet_write_string(ws, 0, 0, "姓名", NULL);
	worksheet_write_string(ws, 0, 1, "身份证号 *", NULL);
	if (with_option)
		worksheet_write_string(ws, 0, 2, "申报条件", NULL);
	worksheet_write_string(ws, 0, 3, "备注", NULL);
	worksheet_write_string(ws, 1, 0, "张三", NULL);
	worksheet_write_string(ws, 1, 1, "37010219900101001X", NULL);
	worksheet_write_string(ws, 1, 2, "2023-5-a", NULL);
	worksheet_write_string(ws, 1, 3, "a<b & \"c\"", NULL);
	/* row 3 left empty; row 4: a number, no name; row 5 has a cell only in the extra column (not empty)
	 */
	worksheet_write_number(ws, 3, 1, 13800000001, NULL);
	worksheet_write_string(ws, 3, 2, "2023-5-b", NULL);
	worksheet_write_string(ws, 4, 3, "x", NULL);
	worksheet_write_string(ws, 5, 0, "李四", NULL);
	worksheet_write_number(ws, 5, 2, 2.5, NULL);
	lxw_worksheet *other = workbook_add_worksheet(wb, "说明");
	worksheet_write_string(other, 0, 0, "不应读到", NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	char *d = slurp(path, len);
	unlink(path);
	return d;
}

static void test_xlsx(void **state)
{
	UNUSED(state);
	tab_spec spec = {cols, C_N, 0};
	for (int cm = 0; cm < 2; cm++) {
		size_t len;
		char *d = workbook(cm, true, &len);
		struct seen s = {0};
		tab_info info;
		err e = {0};
		if (tab_read_mem(&spec, d, len, NULL, collect, &s, &info, &e) != 0)
			fail_msg("constant_memory %d: %s", cm, e.en);
		assert_string_equal(info.format, "xlsx");
		assert_int_equal(info.unknown, 1);
		assert_string_equal(info.first_unknown, "备注");
		assert_string_equal(s.out,
				    "2:37010219900101001X|张三|2023-5-a;4:13800000001|-|2023-5-b;5:-|-|-;"
				    "6:-|李四|2.5;");
		assert_int_equal(info.rows, 4);
		free(d);
	}
	/* the header's error as for CSV */
	size_t len;
	char *d = workbook(false, false, &len);
	struct seen s = {0};
	err e = {0};
	assert_int_equal(tab_read_mem(&spec, d, len, NULL, collect, &s, NULL, &e), -1);
	assert_string_equal(e.code, "missing_column");
	assert_string_equal(e.field, "option");
	/* the XLSX layer alone gives every non-empty row, padded */
	free(d);
}

static int count_fields(void *ctx, char **f, size_t n, size_t row)
{
	char *out = ctx;
	size_t l = strlen(out);
	snprintf(out + l, 512 - l, "%zu:%zu:%s:%s;", row, n, f[0], n > 3 ? f[3] : "");
	return 0;
}

static void test_xlsx_layer_and_damage(void **state)
{
	UNUSED(state);
	size_t len;
	char *d = workbook(false, true, &len);
	char out[512] = "";
	err e = {0};
	assert_int_equal(xlsx_read_mem(d, len, count_fields, out, &e), 0);
	assert_string_equal(out, "1:4:姓名:备注;2:4:张三:a<b & \"c\";4:3::;5:4::x;6:3:李四:;");
	/* cut short: the archive cannot be opened */
	assert_int_equal(xlsx_read_mem(d, len / 2, count_fields, out, &e), -1);
	assert_string_equal(e.code, "malformed_xlsx");
	free(d);
	static const char junk[] = "PK\x03\x04 not a zip at all";
	tab_spec spec = {cols, C_N, 0};
	struct seen s = {0};
	err e2 = {0};
	assert_int_equal(tab_read_mem(&spec, junk, sizeof junk - 1, NULL, collect, &s, NULL, &e2), -1);
	assert_string_equal(e2.code, "malformed_xlsx");
	assert_int_equal(e2.status, 422);
	assert_non_null(strstr(e2.zh, "XLSX"));
}

/* a workbook of hand-written parts, through a file (libzip) */
static char *handmade(const char *sheet, const char *sst, size_t *len)
{
	static const char wb[] = "<workbook xmlns:r=\"r\"><sheets><sheet r:id=\"rId1\"/></sheets></workbook>";
	static const char rels[] =
		"<Relationships><Relationship Id=\"rId1\" Target=\"/xl/s.xml\"/></Relationships>";
	char path[] = "/tmp/test_tabread_zip_XXXXXX";
	int fd = mkstemp(path), zerr = 0;
	assert_true(fd >= 0);
	close(fd);
	zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
	assert_non_null(z);
	const char *names[] = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/s.xml",
			       "xl/sharedStrings.xml"};
	const char *parts[] = {wb, rels, sheet, sst};
	for (int i = 0; i < 4 && parts[i]; i++)
		assert_true(zip_file_add(z, names[i], zip_source_buffer(z, parts[i], strlen(parts[i]), 0),
					 0) >= 0);
	assert_int_equal(zip_close(z), 0);
	char *d = slurp(path, len);
	unlink(path);
	return d;
}

static void test_xlsx_refusals(void **state)
{
	UNUSED(state);
	static const struct {
		const char *what, *sheet, *sst, *code, *rows;
	} cases[] = {
		{"an absolute sheet target, a shared string, rich text without its phonetic guide",
		 "<worksheet><sheetData><row><c t=\"s\"><v>0</v></c><c "
		 "t=\"inlineStr\"><is><t>option</t></is></c></row>"
		 "<row><c><v>7</v></c><c "
		 "t=\"inlineStr\"><is><r><t>a</t></r><r><t>b</t></r><rPh><t>x</t></rPh></is></c>"
		 "</row></sheetData></worksheet>",
		 "<sst><si><r><t>id_</t></r><r><t>number</t></r><rPh><t>y</t></rPh></si></sst>", NULL,
		 "2:7|-|ab;"},
		{"a DOCTYPE (entities) is refused",
		 "<!DOCTYPE w [<!ENTITY a \"aaaaaaaa\"><!ENTITY b "
		 "\"&a;&a;&a;&a;\">]><worksheet><sheetData><row><c "
		 "t=\"inlineStr\"><is><t>&b;</t></is></c></row></sheetData></worksheet>",
		 NULL, "malformed_xlsx", ""},
		{"a shared string index beyond the table",
		 "<worksheet><sheetData><row><c t=\"s\"><v>3</v></c></row></sheetData></worksheet>",
		 "<sst><si><t>a</t></si></sst>", "malformed_xlsx", ""},
		{"a cell reference beyond column XFD",
		 "<worksheet><sheetData><row><c r=\"XFE1\"><v>1</v></c></row></sheetData></worksheet>", NULL,
		 "malformed_xlsx", ""},
		{"broken XML", "<worksheet><sheetData><row><c><v>1</c></row>", NULL, "malformed_xlsx", ""},
	};
	tab_spec spec = {cols, C_N, 0};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		size_t len;
		char *d = handmade(cases[i].sheet, cases[i].sst, &len);
		struct seen s = {0};
		err e = {0};
		int rc = tab_read_mem(&spec, d, len, NULL, collect, &s, NULL, &e);
		free(d);
		if (cases[i].code ? rc != -1 || strcmp(e.code, cases[i].code) : rc != 0)
			fail_msg("%s: rc %d %s %s", cases[i].what, rc, e.code ? e.code : "-", e.en);
		if (strcmp(s.out, cases[i].rows))
			fail_msg("%s: saw '%s'", cases[i].what, s.out);
	}
}

/* a zip bomb: 16 MiB of white space in the sheet inflates from a few KiB, past 64 times the workbook */
static void test_xlsx_inflation_cap(void **state)
{
	UNUSED(state);
	size_t n = (size_t)16 << 20;
	static const char head[] = "<worksheet><sheetData>", tail[] = "</sheetData></worksheet>";
	char *sheet = xmalloc(sizeof head + n + sizeof tail);
	memcpy(sheet, head, sizeof head - 1);
	memset(sheet + sizeof head - 1, ' ', n);
	memcpy(sheet + sizeof head - 1 + n, tail, sizeof tail);
	size_t len;
	char *d = handmade(sheet, NULL, &len);
	free(sheet);
	assert_true(len < ((size_t)1 << 20));
	tab_spec spec = {cols, C_N, 0};
	struct seen s = {0};
	err e = {0};
	assert_int_equal(tab_read_mem(&spec, d, len, NULL, collect, &s, NULL, &e), -1);
	assert_string_equal(e.code, "too_large");
	free(d);
}

static int report_row(void *ctx, const tab_row *r)
{
	char *out = ctx;
	size_t l = strlen(out);
	const char *f = tab_get(r, 1);
	snprintf(out + l, 512 - l, "%s|%s|%s|%s;", tab_get(r, 0), f ? f : "-", tab_get(r, 2), tab_get(r, 3));
	return 0;
}

static void test_report(void **state)
{
	UNUSED(state);
	tab_report r;
	tab_report_init(&r, 2);
	err a = {0}, b = {0}, c = {0};
	err_set(&a, 422, "invalid_id_number", "id_number", "居民身份证号码无效：%s", "invalid: %s", "1,2");
	err_set(&b, 409, "person_exists", "", "证件号码“重复”", "duplicate");
	err_set(&c, 422, "x", "y", "z", "z");
	tab_report_add(&r, 3, &a);
	tab_report_add(&r, 5, &b);
	tab_report_add(&r, 9, &c);
	assert_int_equal(r.count, 3);
	assert_int_equal(r.kept, 2);
	char *text = NULL;
	size_t tl = 0;
	FILE *f = open_memstream(&text, &tl);
	assert_int_equal(tab_report_write_csv(&r, f), 0);
	fclose(f);
	assert_string_equal(text, "\xEF\xBB\xBFline,field,code,message\n"
				  "3,id_number,invalid_id_number,\"居民身份证号码无效：1,2\"\n"
				  "5,,person_exists,\"证件号码“重复”\"\n");
	free(text);
	/* read back through the reader itself */
	static const tab_col rcols[] = {{"line", NULL, {0}, TAB_REQUIRED},
					{"field", NULL, {0}, 0},
					{"code", NULL, {0}, TAB_REQUIRED},
					{"message", NULL, {0}, 0}};
	tab_spec rspec = {rcols, 4, TAB_STRICT};
	f = open_memstream(&text, &tl);
	assert_int_equal(tab_report_write_csv(&r, f), 0);
	fclose(f);
	tab_info info;
	err e = {0};
	char seen[512] = "";
	assert_int_equal(tab_read_mem(&rspec, text, tl, NULL, report_row, seen, &info, &e), 0);
	assert_string_equal(
		seen,
		"3|id_number|invalid_id_number|居民身份证号码无效：1,2;5|-|person_exists|证件号码“重复”;");
	free(text);
	tab_report_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_cases),
		cmocka_unit_test(test_csv_unknown_named_and_gb18030),
		cmocka_unit_test(test_stop_and_progress),
		cmocka_unit_test(test_xlsx),
		cmocka_unit_test(test_xlsx_layer_and_damage),
		cmocka_unit_test(test_xlsx_refusals),
		cmocka_unit_test(test_xlsx_inflation_cap),
		cmocka_unit_test(test_report),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
