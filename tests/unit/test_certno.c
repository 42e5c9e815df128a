/* 证书编号: national format and the 专项 format, table-driven; level names. */
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#include "core/certno.h"

static void test_make_and_parse(void **state)
{
	UNUSED(state);
	static const struct {
		const char *inst;
		int year, level, serial;
		const char *want; /* NULL: rejected */
	} cases[] = {
		{"S000037000072", 2026, 3, 15, "S000037000072263000015"},
		{"Y000037000001", 2025, 1, 999999, "Y000037000001251999999"},
		{"S000037000072", 2026, 0, 1, NULL}, /* no level 0 here */
		{"S000037000072", 2026, 6, 1, NULL},
		{"S000037000072", 2026, 3, 0, NULL},	   /* serials start at 1 */
		{"S000037000072", 2026, 3, 1000000, NULL}, /* 6 digits */
		{"X000037000072", 2026, 3, 1, NULL},
		{"S00003700007", 2026, 3, 1, NULL},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char out[23];
		int rc = certno_make(cases[i].inst, cases[i].year, cases[i].level, cases[i].serial, out);
		if (!cases[i].want) {
			assert_int_equal(rc, -1);
			continue;
		}
		assert_int_equal(rc, 0);
		assert_string_equal(out, cases[i].want);
		certno_parts p;
		assert_int_equal(certno_parse(out, &p), 0);
		assert_false(p.special);
		assert_string_equal(p.inst_code, cases[i].inst);
		assert_int_equal(p.year, cases[i].year % 100);
		assert_int_equal(p.level, cases[i].level);
		assert_int_equal(p.serial, cases[i].serial);
	}
	char sp[19];
	assert_int_equal(certno_make_special("S000037000072", 2026, 1, sp), 0);
	assert_string_equal(sp, "ZX3700007226000001");
	certno_parts p;
	assert_int_equal(certno_parse(sp, &p), 0);
	assert_true(p.special);
	assert_int_equal(p.level, 0);
	assert_string_equal(p.inst_code, "S000037000072");
	static const char *const bad[] = {"",
					  "S00003700007226300001",
					  "S0000370000722630000150",
					  "Z000037000072263000015",
					  "S000037000072260000015",
					  "S000037000072263000000",
					  "ZX37000072260000001",
					  "ZX37000072a6000001",
					  "S00003700007226300001X"};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++)
		if (certno_parse(bad[i], &p) == 0)
			fail_msg("accepted %s", bad[i]);
	assert_string_equal(level_name_zh(3), "三级/高级工");
	assert_string_equal(level_name_zh(1), "一级/高级技师");
	assert_string_equal(level_name_zh(0), "合格");
	assert_string_equal(level_name_zh(9), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_make_and_parse)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
