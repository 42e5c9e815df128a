/* core/money.c: integer fen, overflow-checked; parsing, formatting and rounding half away from zero,
 * including the int64 edges. */
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#include "core/money.h"

#define OK   MONEY_OK
#define OVER MONEY_OVERFLOW

static void test_add_sub_mul(void **state)
{
	UNUSED(state);
	static const struct {
		char op; /* + - * */
		fen_t a;
		int64_t b;
		int rc;
		fen_t want;
	} cases[] = {
		{'+', 12345, 55, OK, 12400},
		{'+', -5, 5, OK, 0},
		{'+', INT64_MAX, 0, OK, INT64_MAX},
		{'+', INT64_MAX, 1, OVER, 0},
		{'+', INT64_MAX - 1, 1, OK, INT64_MAX},
		{'+', INT64_MIN, -1, OVER, 0},
		{'+', INT64_MIN, INT64_MAX, OK, -1},
		{'+', INT64_MAX, INT64_MAX, OVER, 0},
		{'-', 100, 250, OK, -150},
		{'-', INT64_MIN, 1, OVER, 0},
		{'-', INT64_MIN + 1, 1, OK, INT64_MIN},
		{'-', 0, INT64_MIN, OVER, 0}, /* -INT64_MIN does not exist */
		{'-', -1, INT64_MIN, OK, INT64_MAX},
		{'-', INT64_MAX, -1, OVER, 0},
		{'*', 1999, 3, OK, 5997},
		{'*', -1999, 3, OK, -5997},
		{'*', 1999, 0, OK, 0},
		{'*', INT64_MAX, 1, OK, INT64_MAX},
		{'*', INT64_MAX, -1, OK, -INT64_MAX},
		{'*', INT64_MIN, -1, OVER, 0},
		{'*', INT64_MIN, 1, OK, INT64_MIN},
		{'*', INT64_MAX / 2 + 1, 2, OVER, 0},
		{'*', INT64_MAX / 2, 2, OK, INT64_MAX - 1},
		{'*', INT64_MIN / 2, 2, OK, INT64_MIN},
		{'*', 4611686018427387904, -2, OK, INT64_MIN}, /* 2^62 * -2 */
		{'*', 4611686018427387904, 2, OVER, 0},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		fen_t out = 777;
		int rc = cases[i].op == '+'   ? money_add(cases[i].a, cases[i].b, &out)
			 : cases[i].op == '-' ? money_sub(cases[i].a, cases[i].b, &out)
					      : money_mul(cases[i].a, cases[i].b, &out);
		if (rc != cases[i].rc)
			fail_msg("case %zu: %lld %c %lld: rc %d, want %d", i, (long long)cases[i].a,
				 cases[i].op, (long long)cases[i].b, rc, cases[i].rc);
		/* the result on success; the output untouched on failure */
		assert_int_equal(out, rc == OK ? cases[i].want : 777);
	}
}

/* products that are not whole fen: 四舍五入, half away from zero */
static void test_rates(void **state)
{
	UNUSED(state);
	static const struct {
		fen_t a;
		int64_t num, den; /* den 0: basis points (num) */
		int rc;
		fen_t want;
	} cases[] = {
		/* basis points */
		{10000, 1250, 0, OK, 1250}, /* 100.00 元 at 12.5 % = 12.50 元 */
		{1, 5000, 0, OK, 1},	    /* 0.5 fen: up */
		{-1, 5000, 0, OK, -1},	    /* -0.5 fen: away from zero, not toward +inf */
		{1, 4999, 0, OK, 0},
		{-1, 4999, 0, OK, 0},
		{3, 5000, 0, OK, 2},   /* 1.5 -> 2 */
		{5, 5000, 0, OK, 3},   /* 2.5 -> 3 (not banker's 2) */
		{-5, 5000, 0, OK, -3}, /* -2.5 -> -3 */
		{7, -5000, 0, OK, -4}, /* a negative rate: -3.5 -> -4 */
		{12345, 10000, 0, OK, 12345},
		{12345, 0, 0, OK, 0},
		{199, 333, 0, OK, 7},	/* 6.6267 -> 7 */
		{150, 333, 0, OK, 5},	/* 4.995 -> 5 */
		{149, 333, 0, OK, 5},	/* 4.9617 -> 5 */
		{1501, 333, 0, OK, 50}, /* 49.9833 */
		{INT64_MAX, 10000, 0, OK, INT64_MAX},
		{INT64_MAX, 10001, 0, OVER, 0},
		{INT64_MIN, 10000, 0, OK, INT64_MIN},
		{INT64_MIN, 5000, 0, OK, INT64_MIN / 2},
		{INT64_MAX, 5000, 0, OK, INT64_MAX / 2 + 1}, /* x.5 up */
		{INT64_MIN, -10000, 0, OVER, 0},
		{INT64_MAX, INT64_MAX, 0, OVER, 0},
		{922337203685477, 10000, 0, OK, 922337203685477},
		/* rationals */
		{100, 1, 3, OK, 33}, /* 33.33 */
		{200, 1, 3, OK, 67}, /* 66.67 */
		{-200, 1, 3, OK, -67},
		{1, 1, 2, OK, 1},
		{-1, 1, 2, OK, -1},
		{-3, 1, 2, OK, -2},
		{10, -1, 4, OK, -3},				  /* -2.5 */
		{INT64_MAX, INT64_MAX, INT64_MAX, OK, INT64_MAX}, /* the product needs 126 bits */
		{INT64_MIN, INT64_MIN, INT64_MAX, OVER, 0},	  /* 2^126 / (2^63 - 1) > 2^63 */
		{INT64_MIN, INT64_MAX, INT64_MAX, OK, INT64_MIN},
		{INT64_MAX, 2, 1, OVER, 0},
		{INT64_MIN, -1, 1, OVER, 0},
		{INT64_MAX, 1, INT64_MAX, OK, 1},
		{INT64_MAX / 2 + 1, 1, INT64_MAX, OK, 1}, /* just over a half */
		{INT64_MAX / 2, 1, INT64_MAX, OK, 0},	  /* just under */
		{5, 1, INT64_MIN, MONEY_DOMAIN, 0},
		{5, 1, -2, MONEY_DOMAIN, 0},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		fen_t out = 777;
		int rc = cases[i].den ? money_mul_ratio(cases[i].a, cases[i].num, cases[i].den, &out)
				      : money_mul_bp(cases[i].a, cases[i].num, &out);
		if (rc != cases[i].rc || (rc == OK && out != cases[i].want))
			fail_msg("case %zu: %lld * %lld / %lld: rc %d out %lld, want rc %d %lld", i,
				 (long long)cases[i].a, (long long)cases[i].num,
				 (long long)(cases[i].den ? cases[i].den : BP_ONE), rc, (long long)out,
				 cases[i].rc, (long long)cases[i].want);
		if (rc != OK)
			assert_int_equal(out, 777);
	}
}

static void test_yuan(void **state)
{
	UNUSED(state);
	static const struct {
		int64_t yuan;
		int rc;
		fen_t fen;
	} to_fen[] = {
		{0, OK, 0},
		{12, OK, 1200},
		{-12, OK, -1200},
		{INT64_MAX / 100, OK, INT64_MAX / 100 * 100},
		{INT64_MAX / 100 + 1, OVER, 0},
		{INT64_MIN / 100, OK, INT64_MIN / 100 * 100},
		{INT64_MIN / 100 - 1, OVER, 0},
	};
	for (size_t i = 0; i < ARRAY_LEN(to_fen); i++) {
		fen_t out = 777;
		assert_int_equal(money_from_yuan(to_fen[i].yuan, &out), to_fen[i].rc);
		assert_int_equal(out, to_fen[i].rc == OK ? to_fen[i].fen : 777);
	}
	static const struct {
		fen_t a;
		int64_t yuan;
		int fen;
	} parts[] = {
		{0, 0, 0},
		{150, 1, 50},
		{-150, -1, 50},
		{-5, 0, 5},
		{99, 0, 99},
		{100, 1, 0},
		{INT64_MAX, 92233720368547758, 7},
		{INT64_MIN, -92233720368547758, 8},
	};
	for (size_t i = 0; i < ARRAY_LEN(parts); i++) {
		assert_int_equal(money_yuan(parts[i].a), parts[i].yuan);
		assert_int_equal(money_fen_part(parts[i].a), parts[i].fen);
		/* yuan * 100 +- fen gives the amount back */
		int64_t back = parts[i].yuan * 100 + (parts[i].a < 0 ? -parts[i].fen : parts[i].fen);
		assert_int_equal(back, parts[i].a);
	}
}

static void test_parse(void **state)
{
	UNUSED(state);
	static const struct {
		const char *s;
		int rc;
		fen_t want;
	} cases[] = {
		{"123.45", OK, 12345},
		{"123", OK, 12300},
		{"-0.05", OK, -5},
		{"0.5", OK, 50},
		{"0", OK, 0},
		{"-0", OK, 0},
		{"-0.00", OK, 0},
		{"007.10", OK, 710},
		{"1234567.8", OK, 123456780},
		{"92233720368547758.07", OK, INT64_MAX},
		{"-92233720368547758.08", OK, INT64_MIN},
		{"92233720368547758.08", OVER, 0},
		{"-92233720368547758.09", OVER, 0},
		{"92233720368547758.1", OVER, 0},
		{"92233720368547759", OVER, 0},
		{"92233720368547758", OK, 9223372036854775800},
		{"-92233720368547758", OK, -9223372036854775800},
		{"99999999999999999999", OVER, 0},
		{"100000000000000000000000000000", OVER, 0},
		/* more than two decimals: refused, never rounded */
		{"1.234", MONEY_PRECISION, 0},
		{"1.000", MONEY_PRECISION, 0},
		{"-0.001", MONEY_PRECISION, 0},
		{"0.12345678", MONEY_PRECISION, 0},
		{"1.001x", MONEY_SYNTAX, 0},
		/* not amounts */
		{NULL, MONEY_SYNTAX, 0},
		{"", MONEY_SYNTAX, 0},
		{"-", MONEY_SYNTAX, 0},
		{".", MONEY_SYNTAX, 0},
		{".5", MONEY_SYNTAX, 0},
		{"-.5", MONEY_SYNTAX, 0},
		{"5.", MONEY_SYNTAX, 0},
		{"+5", MONEY_SYNTAX, 0},
		{"--5", MONEY_SYNTAX, 0},
		{"1.2.3", MONEY_SYNTAX, 0},
		{"1e3", MONEY_SYNTAX, 0},
		{"1.5e2", MONEY_SYNTAX, 0},
		{"1E3", MONEY_SYNTAX, 0},
		{" 1", MONEY_SYNTAX, 0},
		{"1 ", MONEY_SYNTAX, 0},
		{"1 000", MONEY_SYNTAX, 0},
		{"1,234.56", MONEY_SYNTAX, 0},
		{"1\t", MONEY_SYNTAX, 0},
		{"0x10", MONEY_SYNTAX, 0},
		{"12a", MONEY_SYNTAX, 0},
		{"¥12", MONEY_SYNTAX, 0},
		{"12元", MONEY_SYNTAX, 0},
		{"１２", MONEY_SYNTAX, 0}, /* full-width digits */
		{"inf", MONEY_SYNTAX, 0},
		{"NaN", MONEY_SYNTAX, 0},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		fen_t out = 777;
		int rc = money_parse(cases[i].s, &out);
		if (rc != cases[i].rc || out != (rc == OK ? cases[i].want : 777))
			fail_msg("case %zu: '%s': rc %d out %lld, want rc %d %lld", i,
				 cases[i].s ? cases[i].s : "(null)", rc, (long long)out, cases[i].rc,
				 (long long)cases[i].want);
	}
}

static void test_parse_err(void **state)
{
	UNUSED(state);
	static const struct {
		const char *s;
		int status;
		const char *code;
	} cases[] = {
		{"12.5", 0, NULL},
		{"12.555", 422, "amount_precision"},
		{"1e2", 422, "invalid_amount"},
		{"99999999999999999999", 422, "amount_overflow"},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		err e = {0};
		fen_t out = 0;
		int rc = money_parse_err(cases[i].s, "amount", &out, &e);
		assert_int_equal(rc, cases[i].status ? -1 : 0);
		assert_int_equal(e.status, cases[i].status);
		if (cases[i].code) {
			assert_string_equal(e.code, cases[i].code);
			assert_string_equal(e.field, "amount");
			assert_true(*e.zh && *e.en);
		}
	}
	err e = {0};
	assert_int_equal(money_rc_err(MONEY_DOMAIN, "rate", &e), -1);
	assert_int_equal(e.status, 500);
}

static void test_format(void **state)
{
	UNUSED(state);
	static const struct {
		fen_t a;
		const char *plain, *grouped;
	} cases[] = {
		{0, "0.00", "0.00"},
		{5, "0.05", "0.05"},
		{-5, "-0.05", "-0.05"},
		{50, "0.50", "0.50"},
		{100, "1.00", "1.00"},
		{-100, "-1.00", "-1.00"},
		{12345, "123.45", "123.45"},
		{99999, "999.99", "999.99"},
		{100000, "1000.00", "1,000.00"},
		{123456, "1234.56", "1,234.56"},
		{-123456, "-1234.56", "-1,234.56"},
		{12345678901, "123456789.01", "123,456,789.01"},
		{-100000000, "-1000000.00", "-1,000,000.00"},
		{INT64_MAX, "92233720368547758.07", "92,233,720,368,547,758.07"},
		{INT64_MIN, "-92233720368547758.08", "-92,233,720,368,547,758.08"},
		{INT64_MIN + 1, "-92233720368547758.07", "-92,233,720,368,547,758.07"},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char buf[MONEY_BUF];
		size_t n = money_format(cases[i].a, 0, buf, sizeof buf);
		assert_string_equal(buf, cases[i].plain);
		assert_int_equal(n, strlen(cases[i].plain));
		n = money_format(cases[i].a, MONEY_GROUP, buf, sizeof buf);
		assert_string_equal(buf, cases[i].grouped);
		assert_int_equal(n, strlen(cases[i].grouped));
		/* the plain text parses back to the amount */
		fen_t back = 777;
		assert_int_equal(money_parse(cases[i].plain, &back), OK);
		assert_int_equal(back, cases[i].a);
	}
	/* a short buffer: cut, terminated, and the full length reported as snprintf does */
	char small[5] = "xxxx";
	assert_int_equal(money_format(123456, 0, small, sizeof small), 7);
	assert_string_equal(small, "1234");
	assert_int_equal(money_format(123456, 0, small, 0), 7);
	assert_string_equal(small, "1234"); /* cap 0: nothing written */
	char one[1] = {'x'};
	assert_int_equal(money_format(5, 0, one, 1), 4);
	assert_int_equal(one[0], 0);
}

/* a sum over a list and a rate, as an allowance would use them: exact where doubles are not */
static void test_no_float_drift(void **state)
{
	UNUSED(state);
	fen_t sum = 0;
	for (int i = 0; i < 1000; i++) {
		fen_t dime;
		assert_int_equal(money_parse("0.10", &dime), OK);
		assert_int_equal(money_add(sum, dime, &sum), OK);
	}
	char buf[MONEY_BUF];
	money_format(sum, 0, buf, sizeof buf);
	assert_string_equal(buf, "100.00");
	fen_t share;
	assert_int_equal(money_mul_ratio(sum, 1, 3, &share), OK); /* 33.333... -> 33.33 */
	money_format(share, MONEY_GROUP, buf, sizeof buf);
	assert_string_equal(buf, "33.33");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add_sub_mul),    cmocka_unit_test(test_rates),
		cmocka_unit_test(test_yuan),	       cmocka_unit_test(test_parse),
		cmocka_unit_test(test_parse_err),      cmocka_unit_test(test_format),
		cmocka_unit_test(test_no_float_drift),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
