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

/* the 认定, competition and incentive rows: one table, each row's date against the flag's validity */
static void test_more_entities(void **state)
{
	UNUSED(state);
	static const struct {
		enum group_entity ent;
		const char *to;	    /* the flag (valid from 2026-03-01) ends: NULL open */
		const char *date;   /* the row's date */
		int64_t t;	    /* or its creation time */
		const char *status; /* its status */
		int64_t flag, amount;
		int want;
		enum group_metric m0, m1;
		const char *month;
		int64_t amount1; /* the amount of the last delta */
	} rows[] = {
		/* a registration submitted 2026-03-31 23:30 in China (15:30 UTC): the flag's last day */
		{GE_REGISTRATION, "2026-03-31", NULL, 1774971000, "submitted", 0, 0, 1, GM_REG_SUBMITTED,
		 GM_REG_SUBMITTED, "2026-03", 0},
		{GE_REGISTRATION, "2026-03-31", NULL, 1774971000, "approved", 0, 0, 2, GM_REG_SUBMITTED,
		 GM_REG_APPROVED, "2026-03", 0},
		/* 2026-04-01 00:30 in China (03-31 16:30 UTC): a day after the flag ended */
		{GE_REGISTRATION, "2026-03-31", NULL, 1774974600, "approved", 0, 0, 0, 0, 0, "", 0},
		{GE_REGISTRATION, NULL, NULL, 1774974600, "rejected", 0, 0, 1, GM_REG_SUBMITTED,
		 GM_REG_SUBMITTED, "2026-04", 0},
		/* a registration made before the flag began */
		{GE_REGISTRATION, NULL, NULL, 1772200000, "approved", 0, 0, 0, 0, 0, "", 0},
		/* results by their exam date: sat, passed */
		{GE_RESULT, "2026-05-31", "2026-05-31", 0, "", 1, 0, 2, GM_RESULT_SAT, GM_RESULT_PASSED,
		 "2026-05", 0},
		{GE_RESULT, "2026-05-31", "2026-05-20", 0, "", 0, 0, 1, GM_RESULT_SAT, GM_RESULT_SAT,
		 "2026-05", 0},
		{GE_RESULT, "2026-05-31", "2026-06-01", 0, "", 1, 0, 0, 0, 0, "", 0},
		{GE_RESULT, NULL, "2026-02-28", 0, "", 1, 0, 0, 0, 0, "", 0},
		{GE_RESULT, NULL, "2026-02-30", 0, "", 1, 0, -1, 0, 0, "", 0},
		/* competition entries: entered; approved by status (a withdrawn one stays entered) */
		{GE_COMP_ENTRY, NULL, NULL, 1774971000, "approved", 0, 0, 2, GM_COMP_ENTERED,
		 GM_COMP_APPROVED, "2026-03", 0},
		{GE_COMP_ENTRY, NULL, NULL, 1774971000, "withdrawn", 0, 0, 1, GM_COMP_ENTERED,
		 GM_COMP_ENTERED, "2026-03", 0},
		{GE_COMP_ENTRY, NULL, NULL, 0, "approved", 0, 0, 0, 0, 0, "", 0},
		/* a payment of April (dated its first day) with its amount; a recovered one counts as paid */
		{GE_ALLOWANCE, NULL, "2026-04-01", 0, "paid", 0, 50000, 1, GM_ALLOWANCE_PAID,
		 GM_ALLOWANCE_PAID, "2026-04", 50000},
		{GE_ALLOWANCE, "2026-04-01", "2026-04-01", 0, "recovered", 0, 50000, 2, GM_ALLOWANCE_PAID,
		 GM_ALLOWANCE_RECOVERED, "2026-04", 50000},
		{GE_ALLOWANCE, "2026-03-31", "2026-04-01", 0, "paid", 0, 50000, 0, 0, 0, "", 0},
	};
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		struct group_src s = {.category = "veteran",
				      .valid_from = "2026-03-01",
				      .valid_to = rows[i].to,
				      .region = "370200",
				      .level = -1,
				      .date = rows[i].date,
				      .t = rows[i].t,
				      .status = rows[i].status,
				      .flag = rows[i].flag,
				      .amount = rows[i].amount};
		struct group_delta d[GROUP_MAX_DELTAS];
		int n = group_deltas(rows[i].ent, &s, d);
		assert_int_equal(n, rows[i].want);
		if (n <= 0)
			continue;
		assert_int_equal(d[0].k.metric, rows[i].m0);
		assert_int_equal(d[n - 1].k.metric, rows[i].m1);
		assert_string_equal(d[0].k.month, rows[i].month);
		assert_string_equal(d[0].k.category, "veteran");
		assert_int_equal(d[n - 1].amount, rows[i].amount1);
	}
	assert_true(group_metric_money(GM_ALLOWANCE_PAID));
	assert_true(group_metric_money(GM_ALLOWANCE_RECOVERED));
	assert_true(group_metric_money(GM_CLAIM_PAID));
	assert_false(group_metric_money(GM_RESULT_PASSED));
	assert_string_equal(group_metric_name(GM_REG_APPROVED), "group.registration.approved");
}

/* the metrics with a second date: each counts under the flag valid on its own date */
static void test_second_dates(void **state)
{
	UNUSED(state);
	static const struct {
		enum group_entity ent;
		const char *to;		  /* the flag (valid from 2026-03-01) ends: NULL open */
		const char *date, *date2; /* the row's dates */
		int64_t t;
		const char *status;
		int want;
		enum group_metric last;
		const char *last_month;
	} rows[] = {
		/* a certificate issued in March, revoked on 30 June: issued and revoked */
		{GE_CERTIFICATE, NULL, "2026-03-05", "2026-06-30", 0, "revoked", 2, GM_CERT_REVOKED,
		 "2026-06"},
		/* the flag ended 31 May: issued counts, the revocation of 30 June not */
		{GE_CERTIFICATE, "2026-05-31", "2026-03-05", "2026-06-30", 0, "revoked", 1, GM_CERT_ISSUED,
		 "2026-03"},
		/* issued before the flag began, revoked while it held: the revocation only */
		{GE_CERTIFICATE, NULL, "2026-02-05", "2026-03-01", 0, "revoked", 1, GM_CERT_REVOKED,
		 "2026-03"},
		/* valid: no revocation; a revoked one without its date: issued only */
		{GE_CERTIFICATE, NULL, "2026-03-05", NULL, 0, "valid", 1, GM_CERT_ISSUED, "2026-03"},
		{GE_CERTIFICATE, NULL, "2026-03-05", "", 0, "revoked", 1, GM_CERT_ISSUED, "2026-03"},
		/* competition results by the competition's last day: placed; a medal also awarded */
		{GE_COMP_RESULT, NULL, "2026-04-20", NULL, 0, "gold", 2, GM_COMP_AWARDED, "2026-04"},
		{GE_COMP_RESULT, NULL, "2026-04-20", NULL, 0, "", 1, GM_COMP_PLACED, "2026-04"},
		{GE_COMP_RESULT, "2026-04-19", "2026-04-20", NULL, 0, "gold", 0, 0, ""},
		/* a 特级技师 term from 1 March */
		{GE_POST_APPOINTMENT, NULL, "2026-03-01", NULL, 0, "serving", 1, GM_POST_APPOINTED,
		 "2026-03"},
		{GE_POST_APPOINTMENT, NULL, "2026-02-28", NULL, 0, "serving", 0, 0, ""},
		/* a nomination made 2026-03-31 23:30 China time, appointed from 1 May, ended 10 June */
		{GE_NOMINATION, NULL, "2026-05-01", "2026-06-10", 1774971000, "ended", 3, GM_SEL_ENDED,
		 "2026-06"},
		{GE_NOMINATION, NULL, "2026-05-01", "", 1774971000, "appointed", 2, GM_SEL_APPOINTED,
		 "2026-05"},
		{GE_NOMINATION, NULL, "", "", 1774971000, "nominated", 1, GM_SEL_NOMINATED, "2026-03"},
		/* the flag ended 31 May: nominated and appointed count, the end of 10 June not */
		{GE_NOMINATION, "2026-05-31", "2026-05-01", "2026-06-10", 1774971000, "ended", 2,
		 GM_SEL_APPOINTED, "2026-05"},
		/* the flag ended 31 March: the nomination (its last day) only */
		{GE_NOMINATION, "2026-03-31", "2026-05-01", "2026-06-10", 1774971000, "ended", 1,
		 GM_SEL_NOMINATED, "2026-03"},
	};
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		struct group_src s = {.category = "veteran",
				      .valid_from = "2026-03-01",
				      .valid_to = rows[i].to,
				      .region = "370200",
				      .level = 6,
				      .institution_id = 3,
				      .date = rows[i].date,
				      .date2 = rows[i].date2,
				      .t = rows[i].t,
				      .status = rows[i].status};
		struct group_delta d[GROUP_MAX_DELTAS];
		int n = group_deltas(rows[i].ent, &s, d);
		assert_int_equal(n, rows[i].want);
		if (n <= 0)
			continue;
		assert_int_equal(d[n - 1].k.metric, rows[i].last);
		assert_string_equal(d[n - 1].k.month, rows[i].last_month);
		assert_int_equal(d[n - 1].k.level, 6);
	}
	assert_string_equal(group_metric_name(GM_SEL_ENDED), "group.selection.ended");
	assert_string_equal(group_metric_zh(GM_CERT_REVOKED), "证书撤销");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_on),
		cmocka_unit_test(test_deltas),
		cmocka_unit_test(test_more_entities),
		cmocka_unit_test(test_second_dates),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
