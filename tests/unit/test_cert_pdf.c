/* 证书 PDF: every required field is in the text layer (pdftotext), the QR code reads back to the same text
 * (pdftoppm + zbarimg), and a QR PNG decodes too. */
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#include "doc/cert_pdf.h"
#include "doc/qr.h"
#include <unistd.h>

static char *run(const char *cmd)
{
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	static char out[65536];
	size_t n = fread(out, 1, sizeof out - 1, p);
	out[n] = 0;
	pclose(p);
	return out;
}

static void write_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	fclose(f);
}

static void test_certificate_pdf_has_every_required_field(void **state)
{
	UNUSED(state);
	const char *qr = "https://jineng.example.gov.cn/v/"
			 "S000037000072263000123?d=eyJpc3N1ZWRfb24iOiIyMDI2LTExLTIzIn0&s=MEUCIQ";
	struct cert_doc c = {
		.title = "职业技能等级证书",
		.name = "王建国",
		.id_type = "居民身份证",
		.id_number = "370102199003071234",
		.occupation = "电工",
		.occupation_code = "6-31-01-03",
		.work_type = NULL,
		.level = "三级/高级工",
		.number = "S000037000072263000123",
		.institution = "济南演示职业技能评价中心",
		.issued_on = "2026-11-23",
		.qr_text = qr,
	};
	char *pdf;
	size_t len;
	err e = {0};
	assert_int_equal(cert_pdf(&c, &pdf, &len, &e), 0);
	assert_memory_equal(pdf, "%PDF", 4);
	char path[128], dir[48];
	snprintf(dir, sizeof dir, "/tmp/jineng-pdf-%d", (int)getpid());
	snprintf(path, sizeof path, "%s.pdf", dir);
	write_file(path, pdf, len);
	free(pdf);
	char cmd[512];
	snprintf(cmd, sizeof cmd, "pdftotext -layout %s - 2>/dev/null", path);
	const char *txt = run(cmd);
	static const char *const must[] = {"职业技能等级证书",
					   "王建国",
					   "居民身份证",
					   "370102199003071234",
					   "电工",
					   "--",
					   "三级/高级工",
					   "S000037000072263000123",
					   "济南演示职业技能评价中心",
					   "2026年11月23日",
					   "jndj.osta.org.cn",
					   "pjjg.osta.org.cn",
					   "照片"};
	for (size_t i = 0; i < ARRAY_LEN(must); i++)
		if (!strstr(txt, must[i]))
			fail_msg("the PDF text lacks '%s'", must[i]);
	snprintf(cmd, sizeof cmd, "pdfinfo %s 2>/dev/null | grep -c 'Pages: *1'", path);
	assert_non_null(strstr(run(cmd), "1"));
	snprintf(cmd, sizeof cmd,
		 "pdftoppm -r 200 -png -singlefile %s %s && zbarimg -q --raw -Sdisable -Sqrcode.enable "
		 "%s.png 2>/dev/null",
		 path, dir, dir);
	char *decoded = run(cmd);
	decoded[strcspn(decoded, "\n")] = 0;
	assert_string_equal(decoded, qr);
	if (!getenv("KEEP_PDF"))
		unlink(path);
	snprintf(path, sizeof path, "%s.png", dir);
	unlink(path);
}

static void test_qr_png_decodes(void **state)
{
	UNUSED(state);
	char *png;
	size_t len;
	err e = {0};
	const char *text = "https://jineng.example/v/S000037000072263000123"; /* URLs are ASCII; zbar guesses
										 other encodings */
	assert_int_equal(qr_png(text, 6, &png, &len, &e), 0);
	char path[64];
	snprintf(path, sizeof path, "/tmp/jineng-qr-%d.png", (int)getpid());
	write_file(path, png, len);
	free(png);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "zbarimg -q --raw -Sdisable -Sqrcode.enable %s 2>/dev/null", path);
	char *decoded = run(cmd);
	decoded[strcspn(decoded, "\n")] = 0;
	assert_string_equal(decoded, text);
	unlink(path);
	char big[8000];
	memset(big, 'A', sizeof big - 1);
	big[sizeof big - 1] = 0;
	assert_int_equal(qr_png(big, 2, &png, &len, &e), -1);
	assert_string_equal(e.code, "qr_too_long");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_certificate_pdf_has_every_required_field),
		cmocka_unit_test(test_qr_png_decodes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
