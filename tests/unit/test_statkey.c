/* core/statkey.c: which counter rows a source row adds to (the write path and `jineng stats verify` share
 * it), months of dates and of epoch seconds in China time, month shifts, the region drill-down. */
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#include "core/statkey.h"

static void test_months(void **state)
{
	UNUSED(state);
	static const struct {
		const char *in, *want; /* want NULL: refused */
	} dates[] = {
		{"2026-05-31", "2026-05"}, {"2024-02-29", "2024-02"},
		{"2023-02-29", NULL},	   {"2026-13-01", NULL},
		{"2026-05", NULL},	   {"", NULL},
		{"abcd-ef-gh", NULL},	   {"2026-12-01T08:00", "2026-12"},
	};
	char m[8];
	for (size_t i = 0; i < sizeof dates / sizeof *dates; i++) {
		int rc = stat_month_of_date(dates[i].in, m);
		if (!dates[i].want) {
			assert_int_equal(rc, -1);
		} else {
			assert_int_equal(rc, 0);
			assert_string_equal(m, dates[i].want);
		}
	}
	assert_int_equal(stat_month_of_date(NULL, m), -1);
	static const struct {
		int64_t t;
		const char *want;
	} epochs[] = {
		{1764518399, "2025-11"}, /* 2025-11-30 15:59:59 UTC = 23:59:59 CST */
		{1764518400, "2025-12"}, /* 2025-11-30 16:00:00 UTC = 2025-12-01 00:00 CST */
		{1, "1970-01"},
		{1798732800, "2027-01"}, /* 2026-12-31 16:00 UTC */
	};
	for (size_t i = 0; i < sizeof epochs / sizeof *epochs; i++) {
		assert_int_equal(stat_month_of_epoch(epochs[i].t, m), 0);
		assert_string_equal(m, epochs[i].want);
	}
	assert_int_equal(stat_month_of_epoch(0, m), -1);
	assert_int_equal(stat_month_of_epoch(-5, m), -1);
	static const struct {
		const char *in;
		int by;
		const char *want;
	} shifts[] = {
		{"2026-03", -12, "2025-03"}, {"2026-01", -1, "2025-12"}, {"2026-12", 1, "2027-01"},
		{"2026-03", 0, "2026-03"},   {"2026-3", -12, NULL},	 {"2026-00", 0, NULL},
		{"0001-01", -1, NULL},	     {"2026-03x", 0, NULL},	 {"9999-12", 1, NULL},
	};
	for (size_t i = 0; i < sizeof shifts / sizeof *shifts; i++) {
		int rc = stat_month_shift(shifts[i].in, shifts[i].by, m);
		if (!shifts[i].want) {
			assert_int_equal(rc, -1);
		} else {
			assert_int_equal(rc, 0);
			assert_string_equal(m, shifts[i].want);
		}
	}
}

static void test_regions(void **state)
{
	UNUSED(state);
	static const struct {
		const char *code;
		enum stat_region_level level;
		const char *prefix, *city;
	} cases[] = {
		{"370000", SRL_PROVINCE, "37", "370000"},
		{"370100", SRL_CITY, "3701", "370100"},
		{"370102", SRL_COUNTY, "370102", "370100"},
		{"371302", SRL_COUNTY, "371302", "371300"},
		{"37010", SRL_BAD, NULL, NULL},
		{"3701000", SRL_BAD, NULL, NULL},
		{"37a100", SRL_BAD, NULL, NULL},
		{"000000", SRL_BAD, NULL, NULL},
	};
	char out[8];
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		assert_int_equal(stat_region_level(cases[i].code), cases[i].level);
		if (!cases[i].prefix) {
			assert_int_equal(stat_region_prefix(cases[i].code, out), -1);
			assert_int_equal(stat_region_at(cases[i].code, SRL_CITY, out), -1);
			continue;
		}
		assert_int_equal(stat_region_prefix(cases[i].code, out), 0);
		assert_string_equal(out, cases[i].prefix);
		assert_int_equal(stat_region_at(cases[i].code, SRL_CITY, out), 0);
		assert_string_equal(out, cases[i].city);
		assert_int_equal(stat_region_at(cases[i].code, SRL_PROVINCE, out), 0);
		assert_string_equal(out, "370000");
	}
	assert_int_equal(stat_region_level(NULL), SRL_BAD);
	assert_int_equal(stat_region_at("370102", SRL_BAD, out), -1);
}

static void test_metrics(void **state)
{
	UNUSED(state);
	for (int m = 0; m < SM_COUNT; m++) {
		assert_int_equal(stat_metric_parse(stat_metric_name((enum stat_metric)m)), m);
		assert_true(strlen(stat_metric_zh((enum stat_metric)m)) > 0);
		assert_true(stat_metric_entity((enum stat_metric)m) < STE_COUNT);
	}
	assert_int_equal(stat_metric_parse("cert.bogus"), -1);
	assert_int_equal(stat_metric_parse(NULL), -1);
	for (int s = 1; s < 1000; s += 37)
		assert_in_range(stat_shard((uint64_t)s), 0, STAT_SHARDS - 1);
}

/* each entity: a source row and the metrics (with month and amount) it must count as */
static void test_deltas(void **state)
{
	UNUSED(state);
	static const struct {
		enum stat_entity ent;
		struct stat_src s;
		int n;
		enum stat_metric m[3];
		const char *month[3];
		int64_t amount[3];
	} cases[] = {
		/* a valid certificate: issued in its month */
		{STE_CERTIFICATE,
		 {"370102", "6-31-01-03", 3, "employer", 7, "2026-05-03", NULL, 0, "valid", 0, 0},
		 1,
		 {SM_CERT_ISSUED},
		 {"2026-05"},
		 {0}},
		/* revoked: issued in May, revoked in June */
		{STE_CERTIFICATE,
		 {"370102", "6-31-01-03", 3, "employer", 7, "2026-05-03", "2026-06-10", 0, "revoked", 0, 0},
		 2,
		 {SM_CERT_ISSUED, SM_CERT_REVOKED},
		 {"2026-05", "2026-06"},
		 {0, 0}},
		/* a result that failed, one that passed */
		{STE_RESULT,
		 {"370102", "X", 4, "training", 9, "2026-01-31", NULL, 0, "", 0, 0},
		 1,
		 {SM_RESULT_SAT},
		 {"2026-01"},
		 {0}},
		{STE_RESULT,
		 {"370102", "X", 4, "training", 9, "2026-01-31", NULL, 0, "", 1, 0},
		 2,
		 {SM_RESULT_SAT, SM_RESULT_PASSED},
		 {"2026-01", "2026-01"},
		 {0, 0}},
		/* registrations by creation time (China time), approved counted again */
		{STE_REGISTRATION,
		 {"370100", "X", 5, "employer", 3, NULL, NULL, 1764518400, "submitted", 0, 0},
		 1,
		 {SM_REG_SUBMITTED},
		 {"2025-12"},
		 {0}},
		{STE_REGISTRATION,
		 {"370100", "X", 5, "employer", 3, NULL, NULL, 1764518399, "approved", 0, 0},
		 2,
		 {SM_REG_SUBMITTED, SM_REG_APPROVED},
		 {"2025-11", "2025-11"},
		 {0, 0}},
		{STE_REGISTRATION,
		 {"370100", "X", 5, "employer", 3, NULL, NULL, 1764518399, "rejected", 0, 0},
		 1,
		 {SM_REG_SUBMITTED},
		 {"2025-11"},
		 {0}},
		{STE_SITTING,
		 {"370100", "X", 5, "employer", 3, NULL, NULL, 1764518400, "", 0, 0},
		 1,
		 {SM_SITTING_HELD},
		 {"2025-12"},
		 {0}},
		{STE_ENROLMENT,
		 {"371300", "X", 5, "training", 60, NULL, NULL, 1764518400, "", 1, 0},
		 2,
		 {SM_TRAIN_ENROLLED, SM_TRAIN_COMPLETED},
		 {"2025-12", "2025-12"},
		 {0, 0}},
		/* a claim paid counts its amount; a payable one only as applied */
		{STE_CLAIM,
		 {"370100", "X", 4, "", 0, "2026-02-01", NULL, 0, "paid", 0, 150000},
		 2,
		 {SM_CLAIM_APPLIED, SM_CLAIM_PAID},
		 {"2026-02", "2026-02"},
		 {0, 150000}},
		{STE_CLAIM,
		 {"370100", "X", 4, "", 0, "2026-02-01", NULL, 0, "payable", 0, 150000},
		 1,
		 {SM_CLAIM_APPLIED},
		 {"2026-02"},
		 {0}},
		{STE_CLAIM,
		 {"370100", "X", 4, "", 0, "2026-02-01", NULL, 0, "recovered", 0, 150000},
		 1,
		 {SM_CLAIM_APPLIED},
		 {"2026-02"},
		 {0}},
		{STE_COMPLAINT,
		 {"370200", "", STAT_NO_LEVEL, "", 0, "2026-03-04", NULL, 0, "upheld", 0, 0},
		 2,
		 {SM_COMPLAINT_RECEIVED, SM_COMPLAINT_UPHELD},
		 {"2026-03", "2026-03"},
		 {0, 0}},
		{STE_COMPLAINT,
		 {"370200", "", STAT_NO_LEVEL, "", 0, "2026-03-04", NULL, 0, "dismissed", 0, 0},
		 1,
		 {SM_COMPLAINT_RECEIVED},
		 {"2026-03"},
		 {0}},
		/* a draft inspection counts nowhere */
		{STE_INSPECTION,
		 {"370100", "X", 5, "employer", 3, NULL, NULL, 0, "draft", 0, 0},
		 0,
		 {0},
		 {NULL},
		 {0}},
		{STE_INSPECTION,
		 {"370100", "X", 5, "employer", 3, NULL, NULL, 1764518400, "signed", 0, 0},
		 1,
		 {SM_INSPECTION_SIGNED},
		 {"2025-12"},
		 {0}},
		/* competition entries by creation time (China time), approved counted again */
		{STE_COMP_ENTRY,
		 {"370100", "6-31-01-03", STAT_NO_LEVEL, "", 0, NULL, NULL, 1764518400, "nominated", 0, 0},
		 1,
		 {SM_COMP_ENTERED},
		 {"2025-12"},
		 {0}},
		{STE_COMP_ENTRY,
		 {"370100", "6-31-01-03", STAT_NO_LEVEL, "school", 4, NULL, NULL, 1764518399, "approved", 0,
		  0},
		 2,
		 {SM_COMP_ENTERED, SM_COMP_APPROVED},
		 {"2025-11", "2025-11"},
		 {0, 0}},
		/* a result in the month the competition ended; a medal (or 优胜奖) counted as awarded */
		{STE_COMP_RESULT,
		 {"370200", "6-31-01-03", STAT_NO_LEVEL, "", 0, "2026-04-30", NULL, 0, "", 0, 0},
		 1,
		 {SM_COMP_PLACED},
		 {"2026-04"},
		 {0}},
		{STE_COMP_RESULT,
		 {"370200", "6-31-01-03", STAT_NO_LEVEL, "", 0, "2026-04-30", NULL, 0, "excellence", 0, 0},
		 2,
		 {SM_COMP_PLACED, SM_COMP_AWARDED},
		 {"2026-04", "2026-04"},
		 {0, 0}},
		/* 使用与激励 (issue 22): a post term by its first day, the rung as level */
		{STE_POST_APPOINTMENT,
		 {"370100", "", 6, "employer", 3, "2029-07-01", NULL, 0, "serving", 0, 0},
		 1,
		 {SM_POST_APPOINTED},
		 {"2029-07"},
		 {0}},
		/* a nomination not (yet) appointed counts as nominated only */
		{STE_NOMINATION,
		 {"370100", "", STAT_NO_LEVEL, "", 0, "", "", 1764518400, "selected", 0, 0},
		 1,
		 {SM_SEL_NOMINATED},
		 {"2025-12"},
		 {0}},
		{STE_NOMINATION,
		 {"370100", "", STAT_NO_LEVEL, "", 0, "2026-01-01", "", 1764518400, "appointed", 0, 0},
		 2,
		 {SM_SEL_NOMINATED, SM_SEL_APPOINTED},
		 {"2025-12", "2026-01"},
		 {0, 0}},
		/* a stopped appointment stays appointed in its first month and ends in the stop's */
		{STE_NOMINATION,
		 {"370100", "", STAT_NO_LEVEL, "", 0, "2026-01-01", "2027-05-20", 1764518400, "ended", 0, 0},
		 3,
		 {SM_SEL_NOMINATED, SM_SEL_APPOINTED, SM_SEL_ENDED},
		 {"2025-12", "2026-01", "2027-05"},
		 {0, 0, 0}},
		/* a payment counts as paid with its amount; a recovered one also as recovered */
		{STE_ALLOWANCE,
		 {"370100", "", STAT_NO_LEVEL, "", 0, "2026-03-01", NULL, 0, "paid", 0, 100000},
		 1,
		 {SM_ALLOWANCE_PAID},
		 {"2026-03"},
		 {100000}},
		{STE_ALLOWANCE,
		 {"370100", "", STAT_NO_LEVEL, "", 0, "2026-03-01", NULL, 0, "recovered", 0, 100000},
		 2,
		 {SM_ALLOWANCE_PAID, SM_ALLOWANCE_RECOVERED},
		 {"2026-03", "2026-03"},
		 {100000, 100000}},
		/* no usable date: nowhere */
		{STE_CERTIFICATE,
		 {"370102", "X", 3, "employer", 7, "", NULL, 0, "valid", 0, 0},
		 0,
		 {0},
		 {NULL},
		 {0}},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct stat_delta d[STAT_MAX_DELTAS];
		int n = stat_deltas(cases[i].ent, &cases[i].s, d);
		assert_int_equal(n, cases[i].n);
		for (int j = 0; j < n; j++) {
			assert_int_equal(d[j].k.metric, cases[i].m[j]);
			assert_string_equal(d[j].k.month, cases[i].month[j]);
			assert_int_equal(d[j].amount, cases[i].amount[j]);
			assert_int_equal(d[j].n, 1);
			assert_string_equal(d[j].k.region, cases[i].s.region);
			assert_int_equal(d[j].k.level, cases[i].s.level);
			assert_int_equal(d[j].k.institution_id, cases[i].s.institution_id);
		}
	}
	/* a key field too long for the key is an error, not a truncated key */
	struct stat_src longocc = {"370102", "0123456789012345678901234567890123456789",
				   3,	     "employer",
				   7,	     "2026-05-03",
				   NULL,     0,
				   "valid",  0,
				   0};
	struct stat_delta d[STAT_MAX_DELTAS];
	assert_int_equal(stat_deltas(STE_CERTIFICATE, &longocc, d), -1);
	assert_int_equal(stat_deltas(STE_COUNT, &longocc, d), -1);
	struct stat_src noregion = {NULL, "X", 3, "employer", 7, "2026-05-03", NULL, 0, "valid", 0, 0};
	assert_int_equal(stat_deltas(STE_CERTIFICATE, &noregion, d), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_months),
		cmocka_unit_test(test_regions),
		cmocka_unit_test(test_metrics),
		cmocka_unit_test(test_deltas),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
