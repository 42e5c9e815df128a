/* Authentication rules that need no server: the password policy (ASVS 2.1), the names check against
 * invisible format characters, log escaping, and the client address behind trusted proxies. */
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#include "svc/auth/auth.h"
#include "svc/base/svc.h"
#include "util/log.h"
#include "http/proxy.h"

static void test_password_policy(void **state)
{
	UNUSED(state);
	static const char *const weak[] = {
		"",
		"short",
		"aaaaaaa1",
		"aaaaaaaaa1",
		"aaaaaaaaaaaa",
		"1234567890",
		"abcdefghijk",
		"9876543210",
		"abcabcabcabc",
		"1212121212",
		"password123",
		"Password2026!",
		"PASSWORD1234",
		"qwertyuiop",
		"1qaz2wsx3edc",
		"woaini1314520",
		"Passw0rd12345",
		"iloveyou!!!!",
		"administrator",
		"admin1234567",
		"abab12abab",
		"zzzzzzzzzzzzzzzz1",
		"Demo2026Demo2026",
		"q1w2e3r4t5",
		"football2026",
	};
	for (size_t i = 0; i < ARRAY_LEN(weak); i++) {
		err e = {0};
		if (password_policy(weak[i], &e) == 0)
			fail_msg("'%s' was accepted", weak[i]);
		assert_int_equal(e.status, 422);
		assert_string_equal(e.code, "weak_password");
	}
	static const char *const good[] = {
		"Demo@Skills2026",	  "Kite-River-2026", "correct horse battery staple",
		"技能认定中心的密码2026", "xK9!mQ2#vL",
	};
	for (size_t i = 0; i < ARRAY_LEN(good); i++) {
		err e = {0};
		if (password_policy(good[i], &e) != 0)
			fail_msg("'%s' was refused: %s", good[i], e.en);
	}
	/* 10 characters, not 10 bytes: four Chinese characters are 12 bytes but too short */
	err e = {0};
	assert_int_not_equal(password_policy("山东技能", &e), 0);
	/* too long, and control characters */
	char big[200];
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = 0;
	for (int i = 0; i < 150; i++)
		big[i] = (char)('a' + i % 26);
	e = (err){0};
	assert_int_not_equal(password_policy(big, &e), 0);
	e = (err){0};
	assert_int_not_equal(password_policy("Kite-River\n2026", &e), 0);
}

static void test_names_refuse_invisible_format(void **state)
{
	UNUSED(state);
	static const char *const bad[] = {
		"张三\u202e四",	    /* RIGHT-TO-LEFT OVERRIDE */
		"Zhang\u200eSan",   /* LRM */
		"Zhang\u200fSan",   /* RLM */
		"\u202aZhang",	    /* LRE */
		"Zhang\u2066x",	    /* LRI */
		"Zhang\u2069x",	    /* PDI */
		"Zhang\u061cx",	    /* ARABIC LETTER MARK */
		"Zhang\u200bSan",   /* ZERO WIDTH SPACE */
		"Zhang\ufeffSan",   /* BOM */
		"Zhang\u2028San",   /* LINE SEPARATOR */
		"Zhang\xc2\x85San", /* NEL (C1) */
		"Zhang\xff",	    /* not UTF-8 */
		"Zhang\xc0\xafx",   /* overlong '/' */
		"Zhang\nSan",
	};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		err e = {0};
		if (check_text(bad[i], "name", 50, true, &e) == 0)
			fail_msg("case %zu was accepted", i);
		assert_string_equal(e.code, "invalid_text");
	}
	err e = {0};
	assert_int_equal(check_text("张三·阿不都热依木", "name", 50, true, &e), 0);
	assert_int_equal(check_text("O'Brien-Smith", "name", 50, true, &e), 0);
	assert_int_equal(check_text("济南市𠀀技工学校", "name", 50, true, &e), 0);
}

static void test_log_escape(void **state)
{
	UNUSED(state);
	char out[256];
	log_escape(out, sizeof out, "/api/v1/x\n2026-01-01T00:00:00Z info access id=forged", false);
	assert_null(strchr(out, '\n'));
	assert_non_null(strstr(out, "\\x0a2026"));
	log_escape(out, sizeof out, "/a b\"c\\d\r\xe5\x90\x8d", true);
	assert_string_equal(out, "/a\\x20b\\x22c\\x5cd\\x0d\\xe5\\x90\\x8d");
	/* cut when full, always terminated, never half an escape */
	char small[8];
	log_escape(small, sizeof small, "ab\n\n\n", true);
	assert_string_equal(small, "ab\\x0a");
}

static void test_forwarded_for(void **state)
{
	UNUSED(state);
	struct cidr t[3];
	assert_int_equal(cidr_parse("10.0.0.0/8", &t[0]), 0);
	assert_int_equal(cidr_parse("192.0.2.7", &t[1]), 0);
	assert_int_equal(cidr_parse("fd00::/8", &t[2]), 0);
	assert_int_equal(t[1].bits, 32);
	struct cidr bad;
	static const char *const invalid[] = {"",  "10.0.0.0/33", "10.0.0/8",	 "fd00::/129", "1.2.3.4:80",
					      "x", "10.0.0.0/",	  "10.0.0.0/8x", "[::1]"};
	for (size_t i = 0; i < ARRAY_LEN(invalid); i++)
		if (cidr_parse(invalid[i], &bad) == 0)
			fail_msg("'%s' parsed as a range", invalid[i]);
	assert_true(cidr_match(t, 3, "10.255.1.2"));
	assert_true(cidr_match(t, 3, "::ffff:10.1.1.1")); /* IPv4-mapped */
	assert_true(cidr_match(t, 3, "fd12::1"));
	assert_false(cidr_match(t, 3, "11.0.0.1"));
	assert_false(cidr_match(t, 3, "192.0.2.8"));
	assert_false(cidr_match(t, 3, "fe80::1"));
	static const struct {
		const char *peer, *xff, *want;
	} cases[] = {
		{"203.0.113.5", "198.51.100.1", "203.0.113.5"},	       /* not a trusted peer: ignored */
		{"10.1.1.1", NULL, "10.1.1.1"},			       /* no header */
		{"10.1.1.1", "198.51.100.1", "198.51.100.1"},	       /* one proxy */
		{"10.1.1.1", "6.6.6.6, 198.51.100.1", "198.51.100.1"}, /* the left part is the client's own */
		{"10.1.1.1", "198.51.100.1, 10.2.2.2", "198.51.100.1"}, /* two proxies */
		{"10.1.1.1", "198.51.100.1,192.0.2.7,10.9.9.9", "198.51.100.1"},
		{"10.1.1.1", "10.3.3.3, 10.2.2.2", "10.3.3.3"},	       /* all trusted: the left-most */
		{"10.1.1.1", "garbage, 198.51.100.1", "198.51.100.1"}, /* never reaches the garbage */
		{"10.1.1.1", "198.51.100.1, garbage", "10.1.1.1"},     /* a bad hop: the last good address */
		{"10.1.1.1", "198.51.100.1:4711", "198.51.100.1"},     /* with a port */
		{"10.1.1.1", "[2001:db8::1]:443", "2001:db8::1"},
		{"10.1.1.1", " 2001:DB8:0::2 ", "2001:db8::2"}, /* normalised */
		{"10.1.1.1", "", "10.1.1.1"},
		{"10.1.1.1", "198.51.100.1\n2026", "10.1.1.1"},
		{"fd00::5", "198.51.100.9", "198.51.100.9"},
		{"::ffff:10.1.1.1", "198.51.100.9", "198.51.100.9"},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char out[64];
		client_address(cases[i].peer, cases[i].xff, t, 3, out);
		if (strcmp(out, cases[i].want))
			fail_msg("case %zu: %s / %s gave %s, want %s", i, cases[i].peer,
				 cases[i].xff ? cases[i].xff : "-", out, cases[i].want);
	}
	/* with no trusted proxy at all the header never counts */
	char out[64];
	client_address("10.1.1.1", "198.51.100.1", t, 0, out);
	assert_string_equal(out, "10.1.1.1");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_password_policy),
		cmocka_unit_test(test_names_refuse_invisible_format),
		cmocka_unit_test(test_log_escape),
		cmocka_unit_test(test_forwarded_for),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
