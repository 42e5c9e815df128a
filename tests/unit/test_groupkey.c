/* core/groupkey.c: which 重点群体 counter rows a (row, flag) pair adds to — the flag counts only when valid
 * on the row's date (the enrolment's day in China time, the application date, the issue date), at its bounds
 */
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#include "core/groupkey.h"

static void test_valid_on(void **state)
{
	UNUSED(state);
	static const struct {
		const char *from, *to, *day;
		bool want;
	} rows[] = {
		{"2026-01-01", NULL, "2026-01-01", true},	   /* the first day */
		{"2026-01-01", NULL, "2025-12-31", false},	   /* the day before */
		{"2026-01-01", "2026-06-30", "2026-06-30", true},  /* the last day */
		{"2026-01-01", "2026-06-30", "2026-07-01", false}, /* expired */
		{"2026-01-01", "", "2030-01-01", true},		   /* open */
		{"2026-01-01", "2026-06-30", "2026-06-30T23:59", true},
		{"bad", NULL, "2026-01-01", false},
		{"2026-01-01", "2026-02-30", "2026-01-05", false}, /* a malformed end */
		{NULL, NULL, "2026-01-01", false},
	};
	for (size_t i = 0; i < ARRAY_LEN(rows); i++)
		assert_int_equal(group_valid_on(rows[i].from, rows[i].to, rows[i].day), rows[i].want);
}

static void test_deltas(void **state)
{
	UNUSED(state);
	struct group_delta d[GROUP_MAX_DELTAS];
	/* an enrolment at 2026-02-28 16:30 UTC = 2026-03-01 00:30 in China: a flag from 1 March counts, in
	 * March */
	struct group_src en = {.category = "veteran",
			       .valid_from = "2026-03-01",
			       .region = "370102",
			       .level = 4,
			       .institution_id = 9,
			       .t = 1772296200,
			       .flag = 1};
	assert_int_equal(group_deltas(GE_ENROLMENT, &en, d), 2);
	assert_int_equal(d[0].k.metric, GM_TRAIN_ENROLLED);
	assert_int_equal(d[1].k.metric, GM_TRAIN_COMPLETED);
	assert_string_equal(d[0].k.month, "2026-03");
	assert_string_equal(d[0].k.category, "veteran");
	assert_int_equal(d[0].k.level, 4);
	assert_int_equal(d[0].k.institution_id, 9);
	/* a flag that begins the next day does not count the enrolment */
	en.valid_from = "2026-03-02";
	assert_int_equal(group_deltas(GE_ENROLMENT, &en, d), 0);
	en.valid_from = "2026-01-01";
	en.flag = 0;
	assert_int_equal(group_deltas(GE_ENROLMENT, &en, d), 1);
	en.t = 0;
	assert_int_equal(group_deltas(GE_ENROLMENT, &en, d), 0);

	/* a claim paid: applied and paid with its amount; a flag expired the day before the application: none
	 */
	struct group_src cl = {.category = "disabled",
			       .valid_from = "2025-01-01",
			       .valid_to = "2026-05-31",
			       .region = "370200",
			       .level = 5,
			       .date = "2026-05-31",
			       .status = "paid",
			       .amount = 130000};
	assert_int_equal(group_deltas(GE_CLAIM, &cl, d), 2);
	assert_int_equal(d[1].k.metric, GM_CLAIM_PAID);
	assert_int_equal(d[1].amount, 130000);
	assert_int_equal(d[0].amount, 0);
	assert_string_equal(d[0].k.month, "2026-05");
	cl.date = "2026-06-01";
	assert_int_equal(group_deltas(GE_CLAIM, &cl, d), 0);
	cl.valid_to = NULL;
	cl.status = "checked";
	assert_int_equal(group_deltas(GE_CLAIM, &cl, d), 1);
	cl.date = "2026-13-01";
	assert_int_equal(group_deltas(GE_CLAIM, &cl, d), -1);

	struct group_src ce = {.category = "young_student",
			       .valid_from = "2026-01-01",
			       .region = "370100",
			       .level = 3,
			       .institution_id = 2,
			       .date = "2026-04-02"};
	assert_int_equal(group_deltas(GE_CERTIFICATE, &ce, d), 1);
	assert_int_equal(d[0].k.metric, GM_CERT_ISSUED);
	ce.category = "a-category-code-far-too-long-to-fit-a-key";
	assert_int_equal(group_deltas(GE_CERTIFICATE, &ce, d), -1);

	for (int m = 0; m < GM_COUNT; m++)
		assert_int_equal(group_metric_parse(group_metric_name((enum group_metric)m)), m);
	assert_int_equal(group_metric_parse("cert.issued"), -1);
	assert_string_equal(group_metric_zh(GM_CLAIM_PAID), "补贴发放");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_on),
		cmocka_unit_test(test_deltas),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
