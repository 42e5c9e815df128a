/* 公民身份号码 (GB 11643), 统一社会信用代码 (GB 32100), masking and date arithmetic, table-driven. */
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#include "core/date.h"
#include "core/fake.h"
#include "core/idnum.h"
#include "core/mask.h"
#include "core/uscc.h"

#define TODAY 20261124

static void test_resident_id_numbers(void **state)
{
	UNUSED(state);
	static const struct {
		const char *in;
		enum idnum_rc rc;
		const char *norm;
		int birth;
		char gender;
	} cases[] = {
		{"11010519491231002X", IDNUM_OK, "11010519491231002X", 19491231, 'F'},
		{"11010519491231002x", IDNUM_OK, "11010519491231002X", 19491231,
		 'F'},					/* lower-case x accepted */
		{"440524188001010014", IDNUM_BAD_DATE}, /* valid check, but born before 1900 */
		{" 370102199001011231 ", IDNUM_OK, "370102199001011231", 19900101, 'M'},
		{"34052419800101001X", IDNUM_OK, "34052419800101001X", 19800101, 'M'},
		{"110105491231002", IDNUM_OK, "11010519491231002X", 19491231, 'F'}, /* 15 digits converted */
		{"110105194912310021", IDNUM_BAD_CHECK},
		{"11010519491231002Y", IDNUM_BAD_FORMAT},
		{"1101051949123100", IDNUM_BAD_FORMAT},
		{"1101051949123100211", IDNUM_BAD_FORMAT},
		{"11010A19491231002X", IDNUM_BAD_FORMAT},
		{"", IDNUM_BAD_FORMAT},
		{"110105194902300011", IDNUM_BAD_DATE}, /* 30 Feb; check character made valid below */
		{"110105203001010011", IDNUM_FUTURE_DATE},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char s[32];
		snprintf(s, sizeof s, "%s", cases[i].in);
		size_t n = strlen(s);
		if (cases[i].rc == IDNUM_BAD_DATE || cases[i].rc == IDNUM_FUTURE_DATE)
			s[n - 1] = idnum_check_char(s);
		idnum_info info;
		enum idnum_rc rc = idnum_check(s, TODAY, &info);
		if (rc != cases[i].rc)
			fail_msg("case %zu (%s): got %d, want %d", i, s, rc, cases[i].rc);
		if (rc == IDNUM_OK) {
			assert_string_equal(info.normalized, cases[i].norm);
			assert_int_equal(info.birth_ymd, cases[i].birth);
			assert_int_equal(info.gender, cases[i].gender);
			assert_memory_equal(info.region6, cases[i].norm, 6);
		}
	}
	/* the birth date bound is today: born today passes, tomorrow does not */
	char born[19] = "37010220261124001";
	born[17] = idnum_check_char(born);
	born[18] = 0;
	idnum_info info;
	assert_int_equal(idnum_check(born, TODAY, &info), IDNUM_OK);
	assert_int_equal(idnum_check(born, TODAY - 1, &info), IDNUM_FUTURE_DATE);
}

static void test_other_documents_and_types(void **state)
{
	UNUSED(state);
	char out[40];
	assert_int_equal(idnum_check_other(ID_PASSPORT, " e12345678 ", out, sizeof out), 0);
	assert_string_equal(out, "E12345678");
	assert_int_equal(idnum_check_other(ID_HK_MACAO_PERMIT, "H1234567(8)", out, sizeof out), 0);
	assert_int_equal(idnum_check_other(ID_OTHER, "abc", out, sizeof out), -1);
	assert_int_equal(idnum_check_other(ID_OTHER, "AB 123", out, sizeof out), -1);
	assert_int_equal(idnum_check_other(ID_OTHER, "<script>", out, sizeof out), -1);
	enum id_type t;
	assert_int_equal(id_type_parse("护照", &t), 0);
	assert_int_equal(t, ID_PASSPORT);
	assert_int_equal(id_type_parse("taiwan_permit", &t), 0);
	assert_string_equal(id_type_name(t), "taiwan_permit");
	assert_int_equal(id_type_parse("drivers_licence", &t), -1);
}

static void test_credit_codes(void **state)
{
	UNUSED(state);
	static const struct {
		const char *in;
		enum uscc_rc rc;
		char want;
	} cases[] = {
		{"91350100M000100Y43", USCC_OK},
		{"91110000802100433B", USCC_OK},
		{" 91350100m000100y43 ", USCC_OK}, /* trimmed and upper-cased */
		{"91350100M000100Y44", USCC_BAD_CHECK, '3'},
		{"91350100M000100Y4", USCC_BAD_FORMAT},
		{"91350100M000100Y433", USCC_BAD_FORMAT},
		{"91350100M000100I43", USCC_BAD_FORMAT}, /* I is not in the character set */
		{"913501Z0M000100Y43", USCC_BAD_FORMAT}, /* the region part is digits */
		{"", USCC_BAD_FORMAT},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char code[19], want = 0;
		uscc_normalize(cases[i].in, code);
		enum uscc_rc rc = uscc_check(code, &want);
		if (rc != cases[i].rc)
			fail_msg("case %zu (%s): got %d, want %d", i, cases[i].in, rc, cases[i].rc);
		if (rc == USCC_BAD_CHECK)
			assert_int_equal(want, cases[i].want);
	}
	/* generated demo codes always pass */
	fake_rng r = {.s = 7};
	for (int i = 0; i < 1000; i++) {
		char c[19];
		fake_credit_code(&r, "91", "370102", c);
		assert_int_equal(uscc_check(c, NULL), USCC_OK);
	}
}

static void test_masking(void **state)
{
	UNUSED(state);
	static const struct {
		const char *in, *id, *phone, *name;
	} cases[] = {
		{"370102199001011234", "3701**********1234", NULL, NULL},
		{"E12345678", "E123*5678", NULL, NULL},
		{"AB12", "A**2", NULL, NULL},
		{"13812345678", NULL, "138****5678", NULL},
		{"0531-88886666", NULL, "0531-******66", NULL},
		{"张三丰", NULL, NULL, "张**"},
		{"欧阳娜娜", NULL, NULL, "欧***"},
		{"Li", NULL, NULL, "L*"},
		{"", "", "", ""},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char out[64];
		if (cases[i].id) {
			mask_id_number(cases[i].in, out, sizeof out);
			assert_string_equal(out, cases[i].id);
		}
		if (cases[i].phone) {
			mask_phone(cases[i].in, out, sizeof out);
			assert_string_equal(out, cases[i].phone);
		}
		if (cases[i].name) {
			mask_name(cases[i].in, out, sizeof out);
			assert_string_equal(out, cases[i].name);
		}
	}
	char tiny[5];
	mask_id_number("370102199001011234", tiny, sizeof tiny);
	assert_string_equal(tiny, "3701");
}

static void test_dates(void **state)
{
	UNUSED(state);
	int d;
	assert_int_equal(date_parse("2024-02-29", &d), 0);
	assert_int_equal(d, 20240229);
	assert_int_equal(date_parse("20261124", &d), 0);
	assert_int_equal(date_parse("2023-02-29", &d), -1);
	assert_int_equal(date_parse("2023-13-01", &d), -1);
	assert_int_equal(date_parse("2023-1-011", &d), -1);
	assert_int_equal(date_parse("2023/01/01", &d), -1);
	char s[11];
	date_format(20260105, s);
	assert_string_equal(s, "2026-01-05");
	static const struct {
		int from, to, years;
	} full[] = {
		{20200101, 20250101, 5}, /* 满5年 exactly */
		{20200101, 20241231, 4}, /* one day short */
		{20200229, 20250228, 5}, /* 29 Feb completes on 28 Feb */
		{20200229, 20240228, 3}, {20200229, 20240229, 4}, {20250101, 20200101, 0},
	};
	for (size_t i = 0; i < ARRAY_LEN(full); i++)
		assert_int_equal(date_full_years(full[i].from, full[i].to), full[i].years);
	assert_int_equal(date_add_years(20240229, 1), 20250228);
	for (int x = 19000101; x < 21000101; x = date_from_days(date_to_days(x) + 37))
		assert_int_equal(date_from_days(date_to_days(x)), x);
	assert_int_equal(date_to_days(19700101), 0);
	assert_int_equal(date_weekday(20261124), 1); /* a Tuesday */
	assert_true(date_valid(date_today_utc8()));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_resident_id_numbers),
		cmocka_unit_test(test_other_documents_and_types),
		cmocka_unit_test(test_credit_codes),
		cmocka_unit_test(test_masking),
		cmocka_unit_test(test_dates),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
