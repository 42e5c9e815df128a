/* Arena, buffer, CSV reading (UTF-8 and GB18030), phone numbers, region prefixes, throttling. */
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#include <unistd.h>
#include "util/arena.h"
#include "util/buf.h"
#include "util/csvread.h"
#include "core/phone.h"
#include "core/principal.h"
#include "svc/auth/throttle.h"

static int freed;
static void on_free(void *p)
{
	freed += *(int *)p;
}

static void test_arena_alignment_large_and_cleanups(void **state)
{
	UNUSED(state);
	arena *a = arena_new();
	for (size_t n = 1; n < 20000; n = n * 3 + 1) {
		char *p = arena_alloc(a, n);
		assert_int_equal((uintptr_t)p % 16, 0);
		memset(p, 0xab, n);
	}
	char *big = arena_alloc(a, 1 << 20); /* larger than a block */
	memset(big, 1, 1 << 20);
	assert_string_equal(arena_printf(a, "%s-%d", "证书", 42), "证书-42");
	assert_null(arena_strdup(a, NULL));
	int one = 1, two = 2;
	freed = 0;
	arena_on_free(a, on_free, &one);
	arena_on_free(a, on_free, &two);
	arena_reset(a);
	assert_int_equal(freed, 3);
	assert_int_equal(arena_used(a), 0);
	assert_non_null(arena_alloc(a, 10));
	arena_free(a);
	assert_int_equal(freed, 3); /* cleanups run once */
}

/* fmt_i64 writes what "%lld" writes (the request id, statement placeholders, the bulk load's numbers) */
static void test_fmt_i64_is_printf(void **state)
{
	(void)state;
	static const int64_t cases[] = {0,    7,	  -1,	     10,	99,	      100,
					-100, 1796454295, INT64_MAX, INT64_MIN, INT64_MIN + 1};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char mine[21], want[32];
		int n = fmt_i64(cases[i], mine);
		snprintf(want, sizeof want, "%lld", (long long)cases[i]);
		assert_string_equal(mine, want);
		assert_int_equal(n, (int)strlen(want));
	}
}

static void test_buf_cap_is_sticky(void **state)
{
	UNUSED(state);
	buf b;
	buf_init(&b, 10);
	buf_adds(&b, "12345");
	buf_printf(&b, "%d", 6789);
	assert_true(buf_ok(&b));
	assert_string_equal(b.ptr, "123456789");
	buf_adds(&b, "xx"); /* 11 > 10 */
	assert_false(buf_ok(&b));
	assert_null(b.ptr);
	buf_adds(&b, "y");
	assert_false(buf_ok(&b));
	assert_null(buf_take(&b, NULL));
	buf_init(&b, 0);
	size_t n;
	char *s = buf_take(&b, &n);
	assert_string_equal(s, "");
	assert_int_equal(n, 0);
	free(s);
}

struct rows {
	char text[512];
	size_t count;
};

static int collect(void *ctx, char **f, size_t n, size_t rec)
{
	struct rows *r = ctx;
	r->count = rec;
	for (size_t i = 0; i < n; i++)
		snprintf(r->text + strlen(r->text), sizeof r->text - strlen(r->text), "%s%s", f[i],
			 i + 1 < n ? "|" : ";");
	return 0;
}

static void test_csv_quoting_bom_and_empty_lines(void **state)
{
	UNUSED(state);
	static const struct {
		const char *in, *want;
	} cases[] = {
		{"a,b\n1,2\n", "a|b;1|2;"},
		{"\xEF\xBB\xBFname,id\n\"张,三\",\"x\"\"y\"\n", "name|id;张,三|x\"y;"},
		{"a,b\r\n\r\n3,\r\n", "a|b;3|;"},
		{"a\n\"line\nbreak\"\n", "a;line\nbreak;"},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct rows r = {0};
		err e = {0};
		assert_int_equal(csv_read_mem(cases[i].in, strlen(cases[i].in), collect, &r, &e), 0);
		assert_string_equal(r.text, cases[i].want);
	}
}

static void test_csv_gb18030_is_converted(void **state)
{
	UNUSED(state);
	/* "姓名,张三\n" in GB18030 */
	const char gb[] = "\xD0\xD5\xC3\xFB,\xD5\xC5\xC8\xFD\n";
	assert_false(utf8_valid(gb, strlen(gb)));
	size_t n;
	char *u = gb18030_to_utf8(gb, strlen(gb), &n);
	assert_non_null(u);
	assert_string_equal(u, "姓名,张三\n");
	free(u);
	char path[] = "/tmp/jineng-csv-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "wb");
	fputs(gb, f);
	fclose(f);
	struct rows r = {0};
	err e = {0};
	const char *enc;
	assert_int_equal(csv_read_file(path, collect, &r, &enc, &e), 0);
	assert_string_equal(enc, "gb18030");
	assert_string_equal(r.text, "姓名|张三;");
	unlink(path);
	assert_true(utf8_valid("证书 ok", strlen("证书 ok")));
	assert_false(utf8_valid("\xC0\x80", 2));     /* overlong */
	assert_false(utf8_valid("\xED\xA0\x80", 3)); /* surrogate */
	assert_false(utf8_valid("\xE8\xAF", 2));     /* truncated */
}

static void test_phone_numbers(void **state)
{
	UNUSED(state);
	static const struct {
		const char *in, *want; /* want NULL: rejected */
	} cases[] = {
		{"13812345678", "13812345678"},
		{"+86 138 1234 5678", "13812345678"},
		{"0531-88881234", "0531-88881234"},
		{"053188881234", "053188881234"},
		{"12812345678", NULL},
		{"1381234567", NULL},
		{"abc", NULL},
		{"0531-123", NULL},
		{"", NULL},
		{"+86 138-1234-5678", "13812345678"},
		{"138-1234-567", NULL},
		{"--", NULL},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char out[32];
		int rc = phone_normalize(cases[i].in, out, sizeof out);
		if (cases[i].want) {
			assert_int_equal(rc, 0);
			assert_string_equal(out, cases[i].want);
		} else {
			assert_int_equal(rc, -1);
		}
	}
}

static void test_region_prefix_and_roles(void **state)
{
	UNUSED(state);
	static const struct {
		const char *code, *prefix;
	} cases[] = {
		{"370000", "37"}, {"370100", "3701"}, {"370102", "370102"}, {"371700", "3717"}, {"37", "37"}};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char out[13];
		region_prefix(cases[i].code, out);
		assert_string_equal(out, cases[i].prefix);
	}
	enum role r;
	assert_int_equal(role_parse("city_admin", &r), 0);
	assert_int_equal(r, ROLE_CITY_ADMIN);
	assert_int_equal(role_parse("public", &r), -1); /* not an account role */
	assert_int_equal(role_parse("root", &r), -1);
	principal p = {.role = ROLE_EXAMINER};
	assert_false(principal_sees_pii(&p));
	p.role = ROLE_INSTITUTION_STAFF;
	assert_true(principal_sees_pii(&p));
}

static void test_throttle_limits_per_key(void **state)
{
	UNUSED(state);
	for (int i = 0; i < 3; i++)
		assert_int_equal(throttle_hit("t", "10.0.0.1", 3, 60), 0);
	assert_true(throttle_hit("t", "10.0.0.1", 3, 60) > 0);
	assert_true(throttle_peek("t", "10.0.0.1", 3, 60) > 0);
	assert_int_equal(throttle_hit("t", "10.0.0.2", 3, 60), 0); /* another client is not affected */
	assert_int_equal(throttle_hit("u", "10.0.0.1", 3, 60), 0); /* nor another bucket */
	throttle_reset("t", "10.0.0.1");
	assert_int_equal(throttle_hit("t", "10.0.0.1", 3, 60), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_arena_alignment_large_and_cleanups),
		cmocka_unit_test(test_fmt_i64_is_printf),
		cmocka_unit_test(test_buf_cap_is_sticky),
		cmocka_unit_test(test_csv_quoting_bom_and_empty_lines),
		cmocka_unit_test(test_csv_gb18030_is_converted),
		cmocka_unit_test(test_phone_numbers),
		cmocka_unit_test(test_region_prefix_and_roles),
		cmocka_unit_test(test_throttle_limits_per_key),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
