/* test_media.c: core/media.c — declared types normalised, content recognised by its signature, never by
 * what it claims to be */
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#include "core/media.h"

static void test_normalise(void **state)
{
	UNUSED(state);
	static const struct {
		const char *in, *want; /* want NULL: refused */
	} cases[] = {
		{"image/jpeg", "image/jpeg"},
		{"Image/JPEG; charset=binary", "image/jpeg"},
		{"  application/pdf ", "application/pdf"},
		{"image/png;", "image/png"},
		{"", NULL},
		{"   ", NULL},
		{";x", NULL},
		{NULL, NULL},
		{"application/a-type-name-that-is-far-too-long-for-the-buffer", NULL},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char out[32];
		bool ok = media_normalise(cases[i].in, out, sizeof out);
		if (!cases[i].want) {
			assert_false(ok);
			continue;
		}
		assert_true(ok);
		assert_string_equal(out, cases[i].want);
	}
}

static void test_sniff(void **state)
{
	UNUSED(state);
	static const struct {
		const char *bytes;
		size_t n;
		const char *want;
	} cases[] = {
		{"\xFF\xD8\xFF\xE0\0\x10JFIF", 10, "image/jpeg"},
		{"\xFF\xD8\xFF\xE1", 4, "image/jpeg"},
		{"\xFF\xD8\xFF", 3, "image/jpeg"},
		{"\xFF\xD8", 2, NULL}, /* too short to be sure */
		{"\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16, "image/png"},
		{"\x89PNG\r\n\x1A", 7, NULL},
		{"\x89PNG\n\r\x1A\n", 8, NULL}, /* line endings mangled in transit */
		{"%PDF-1.7\n", 9, "application/pdf"},
		{"%PDF", 4, NULL},
		{" %PDF-1.4", 9, NULL}, /* not at offset 0 */
		{"<html><body>", 12, NULL},
		{"GIF89a", 6, NULL},
		{"", 0, NULL},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		const char *got = media_sniff(cases[i].bytes, cases[i].n);
		if (!cases[i].want)
			assert_null(got);
		else
			assert_string_equal(got, cases[i].want);
	}
	assert_null(media_sniff(NULL, 10));
}

static void test_ext(void **state)
{
	UNUSED(state);
	assert_string_equal(media_ext("image/jpeg"), "jpg");
	assert_string_equal(media_ext("image/png"), "png");
	assert_string_equal(media_ext("application/pdf"), "pdf");
	assert_string_equal(media_ext("text/html"), "bin");
	assert_string_equal(media_ext(NULL), "bin");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_normalise),
		cmocka_unit_test(test_sniff),
		cmocka_unit_test(test_ext),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
