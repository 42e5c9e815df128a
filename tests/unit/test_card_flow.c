/* core/card_flow.c: the 山东惠才卡 application table (who takes which step, which needs a reason, the issuing
 * guards), the step deadline on the working-day calendar, and the card's canonical payload, signed and
 * checked with crypto/sm2 as a provider's phone checks it. */
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#include "core/card_flow.h"
#include "crypto/sm2.h"
#include "util/arena.h"

#define PROV RB(ROLE_PROVINCE_ADMIN)
#define CITY RB(ROLE_CITY_ADMIN)
#define IADM RB(ROLE_INSTITUTION_ADMIN)
#define ISTF RB(ROLE_INSTITUTION_STAFF)
#define CAND RB(ROLE_CANDIDATE)

static const struct card_ctx good = {.honour_held = true, .category_active = true, .has_valid_card = false};

static void test_validate(void **state)
{
	UNUSED(state);
	err e = {0};
	assert_int_equal(fsm_validate(&card_fsm, &e), 0);
	assert_string_equal(card_fsm.states[0].code, "applied");
	assert_string_equal(fsm_state_zh(&card_fsm, "reviewed"), "待省级窗口发卡");
	assert_true(card_step_open("applied"));
	assert_true(card_step_open("reviewed"));
	assert_false(card_step_open("issued"));
	assert_false(card_step_open("refused"));
	assert_false(card_step_open(NULL));
}

/* every (from, to): does the step exist, exactly which roles take it, does it need a reason */
static void test_matrix(void **state)
{
	UNUSED(state);
	static const struct {
		const char *from, *to;
		bool exists;
		unsigned roles;
		bool reason;
		unsigned effects;
	} rows[] = {
		{"applied", "completed", true, ISTF | IADM, false, CARD_FX_NOTE},
		{"applied", "refused", true, ISTF | IADM, true, CARD_FX_REFUSE},
		{"completed", "approved", true, IADM, false, 0},
		{"completed", "refused", true, IADM, true, CARD_FX_REFUSE},
		{"approved", "reviewed", true, PROV | CITY, false, 0},
		{"approved", "refused", true, PROV | CITY, true, CARD_FX_REFUSE},
		{"reviewed", "issued", true, PROV, false, CARD_FX_ISSUE},
		{"reviewed", "refused", true, PROV, true, CARD_FX_REFUSE},
		/* no skipping a level, no way back, nothing out of a final state */
		{"applied", "approved", false, 0, false, 0},
		{"applied", "issued", false, 0, false, 0},
		{"completed", "reviewed", false, 0, false, 0},
		{"approved", "issued", false, 0, false, 0},
		{"reviewed", "approved", false, 0, false, 0},
		{"issued", "refused", false, 0, false, 0},
		{"refused", "applied", false, 0, false, 0},
		{"refused", "completed", false, 0, false, 0},
	};
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		const struct fsm_transition *t = NULL;
		for (int r = ROLE_PUBLIC; r < ROLE_COUNT; r++) {
			err e = {0};
			int rc =
				fsm_decide(&card_fsm, rows[i].from, rows[i].to, RB(r), "理由", &good, &t, &e);
			if (!rows[i].exists) {
				assert_int_equal(rc, -1);
				assert_int_equal(e.status, 409);
				assert_string_equal(e.code, "invalid_transition");
				continue;
			}
			bool may = (rows[i].roles & RB(r)) != 0;
			assert_int_equal(rc, may ? 0 : -1);
			if (!may) {
				assert_int_equal(e.status, 403);
				continue;
			}
			assert_int_equal(t->effects, rows[i].effects);
			err f = {0};
			rc = fsm_decide(&card_fsm, rows[i].from, rows[i].to, RB(r), NULL, &good, &t, &f);
			assert_int_equal(rc, rows[i].reason ? -1 : 0);
			if (rows[i].reason) {
				assert_int_equal(f.status, 422);
				assert_string_equal(f.field, "reason");
			}
		}
	}
	/* the person never takes a step */
	const struct fsm_transition *ts[4];
	for (size_t k = 0; k < card_fsm.nstates; k++)
		assert_int_equal(fsm_available(&card_fsm, card_fsm.states[k].code, CAND, NULL, ts, 4), 0);
	/* each open step has exactly one way on and one refusal for its actor */
	assert_int_equal(fsm_available(&card_fsm, "applied", ISTF, NULL, ts, 4), 2);
	assert_int_equal(fsm_available(&card_fsm, "completed", ISTF, NULL, ts, 4), 0);
	assert_int_equal(fsm_available(&card_fsm, "approved", CITY, NULL, ts, 4), 2);
	assert_int_equal(fsm_available(&card_fsm, "reviewed", CITY, NULL, ts, 4), 0);
	assert_int_equal(fsm_available(&card_fsm, "reviewed", PROV, NULL, ts, 4), 2);
}

/* the guards of the review and the issue: the honour still held, its category active, no valid card */
static void test_guards(void **state)
{
	UNUSED(state);
	const struct fsm_transition *t = NULL;
	struct card_ctx lost = good, ended = good, held = good;
	lost.honour_held = false;
	ended.category_active = false;
	held.has_valid_card = true;
	err e = {0};
	assert_int_equal(fsm_decide(&card_fsm, "approved", "reviewed", CITY, NULL, &lost, &t, &e), -1);
	assert_string_equal(e.code, "not_eligible");
	err f = {0};
	assert_int_equal(fsm_decide(&card_fsm, "reviewed", "issued", PROV, NULL, &ended, &t, &f), -1);
	assert_string_equal(f.code, "not_eligible");
	err g = {0};
	assert_int_equal(fsm_decide(&card_fsm, "reviewed", "issued", PROV, NULL, &held, &t, &g), -1);
	assert_int_equal(g.status, 409);
	assert_string_equal(g.code, "card_held");
	/* a refusal needs no guard: a lost honour is a reason to refuse */
	err h = {0};
	assert_int_equal(fsm_decide(&card_fsm, "reviewed", "refused", PROV, "荣誉已撤销", &lost, &t, &h), 0);
	/* without a context the guards refuse (the use case always fills one) */
	err k = {0};
	assert_int_equal(fsm_decide(&card_fsm, "reviewed", "issued", PROV, NULL, NULL, &t, &k), -1);
}

/* 国庆 2025 as data/holidays.csv has it */
static const struct cal_day cal[] = {
	{20250928, true},  {20251001, false}, {20251002, false}, {20251003, false}, {20251004, false},
	{20251005, false}, {20251006, false}, {20251007, false}, {20251008, false}, {20251011, true},
};

static void test_due(void **state)
{
	UNUSED(state);
	/* entered Tuesday 30 September: 9, 10, 11 (调休 Saturday), 13, 14 October */
	assert_int_equal(card_due(20250930, 5, cal, ARRAY_LEN(cal)), 20251014);
	/* entered Friday 26 September, 10 days: 28 (调休 Sunday), 29, 30 Sep, 9, 10, 11, 13, 14, 15, 16 Oct
	 */
	assert_int_equal(card_due(20250926, 10, cal, ARRAY_LEN(cal)), 20251016);
	/* the day of entering is not counted */
	assert_int_equal(card_due(20251117, 1, cal, ARRAY_LEN(cal)), 20251118);
	assert_int_equal(card_due(20251117, 5, NULL, 0), 20251124);
	assert_int_equal(card_due(20251332, 5, cal, ARRAY_LEN(cal)), 0);
	assert_int_equal(card_due(20251117, 0, cal, ARRAY_LEN(cal)), 0);
	assert_false(card_overdue(20251014, 0, 20251014));
	assert_true(card_overdue(20251014, 0, 20251015));
	assert_false(card_overdue(20251014, 20251013, 20251201));
	assert_true(card_overdue(20251014, 20251015, 20251015));
	assert_false(card_overdue(0, 0, 20251015));
}

static const struct card_payload sample = {
	.number = "SDHC2026000007",
	.name = "张\"工\\匠",
	.id_masked = "3701**********1234",
	.category = "qilu_craftsman",
	.category_name = "齐鲁（大）工匠",
	.issued_on = "2026-12-03",
	.issuer = "山东省高层次人才服务窗口",
	.kid = "0123456789abcdef",
};

static void test_payload(void **state)
{
	UNUSED(state);
	char out[1024];
	int n = card_payload_json(&sample, out, sizeof out);
	const char *want =
		"{\"category\":\"qilu_craftsman\",\"category_name\":\"齐鲁（大）工匠\",\"id_masked\":"
		"\"3701**********1234\",\"issued_on\":\"2026-12-03\",\"issuer\":"
		"\"山东省高层次人才服务窗口\",\"kid\":\"0123456789abcdef\",\"name\":"
		"\"张\\\"工\\\\匠\",\"number\":\"SDHC2026000007\"}";
	assert_string_equal(out, want);
	assert_int_equal(n, (int)strlen(want));
	/* control characters are escaped */
	struct card_payload p = sample;
	p.name = "a\nb\x01";
	assert_true(card_payload_json(&p, out, sizeof out) > 0);
	assert_non_null(strstr(out, "\"name\":\"a\\nb\\u0001\""));
	/* too small a buffer, at every length, never overflows and says so */
	for (size_t cap = 0; cap <= (size_t)n; cap++) {
		char small[1024];
		memset(small, 'Z', sizeof small);
		assert_int_equal(card_payload_json(&sample, small, cap), -1);
		for (size_t k = cap; k < sizeof small; k++)
			assert_int_equal(small[k], 'Z');
	}
	assert_int_equal(card_payload_json(&sample, out, (size_t)n + 1), n);
	p = sample;
	p.kid = NULL;
	assert_int_equal(card_payload_json(&p, out, sizeof out), -1);
}

/* signed as the server signs it, checked as a phone checks it; one changed byte fails */
static void test_signed(void **state)
{
	UNUSED(state);
	arena *a = arena_new();
	char *priv = NULL, *pub = NULL;
	assert_int_equal(sm2_keygen(a, &priv, &pub), 0);
	char msg[1024];
	int n = card_payload_json(&sample, msg, sizeof msg);
	size_t siglen = 0;
	uint8_t *sig = sm2_sign(a, priv, msg, (size_t)n, &siglen);
	assert_non_null(sig);
	assert_int_equal(sm2_verify(pub, msg, (size_t)n, sig, siglen), 1);
	struct card_payload forged = sample;
	forged.category = "great_craftsman";
	char other[1024];
	int m = card_payload_json(&forged, other, sizeof other);
	assert_int_equal(sm2_verify(pub, other, (size_t)m, sig, siglen), 0);
	arena_free(a);
}

static void test_number(void **state)
{
	UNUSED(state);
	char out[16];
	assert_int_equal(card_number_make(2026, 1, out), 0);
	assert_string_equal(out, "SDHC2026000001");
	assert_true(card_number_valid(out));
	assert_int_equal(card_number_make(2026, 999999, out), 0);
	assert_string_equal(out, "SDHC2026999999");
	assert_int_equal(card_number_make(2026, 1000000, out), -1);
	assert_int_equal(card_number_make(2026, 0, out), -1);
	assert_int_equal(card_number_make(1999, 5, out), -1);
	assert_false(card_number_valid("SDHC202600000"));
	assert_false(card_number_valid("SDHC20260000011"));
	assert_false(card_number_valid("XDHC2026000001"));
	assert_false(card_number_valid("SDHC2026A00001"));
	assert_false(card_number_valid(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_validate), cmocka_unit_test(test_matrix),
		cmocka_unit_test(test_guards),	 cmocka_unit_test(test_due),
		cmocka_unit_test(test_payload),	 cmocka_unit_test(test_signed),
		cmocka_unit_test(test_number),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
