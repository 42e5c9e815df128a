/* core/elearn.c: what a heartbeat credits (the anti-cheating checks of 线上学时), 学时 from seconds, the
 * all-or-nothing answer rule and the ranking of a 知识竞赛 round (ties share a rank). */
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#include "core/elearn.h"
#include "util/range.h"

static void test_beats(void **state)
{
	UNUSED(state);
	static const struct {
		const char *what;
		struct elearn_beat b;
		int64_t want;
		enum elearn_verdict why;
	} cases[] = {
		{"a 30 s beat at normal speed",
		 {1030, 1000, 100, 130, true, 600, 0, false, 0},
		 30,
		 EV_COUNTED},
		{"2x speed is plausible", {1030, 1000, 100, 160, true, 600, 0, false, 0}, 30, EV_COUNTED},
		{"2x + 5 s slack still", {1030, 1000, 100, 165, true, 600, 0, false, 0}, 30, EV_COUNTED},
		{"one second more is too fast",
		 {1030, 1000, 100, 166, true, 600, 0, false, 0},
		 0,
		 EV_TOO_FAST},
		{"a jump to the end", {1030, 1000, 0, 590, true, 600, 0, false, 0}, 0, EV_TOO_FAST},
		{"a document's position is not timed",
		 {1030, 1000, 0, 590, false, 600, 0, false, 0},
		 30,
		 EV_COUNTED},
		{"seeking back is fine", {1030, 1000, 300, 10, true, 600, 0, false, 0}, 30, EV_COUNTED},
		{"a late beat credits at most 45 s",
		 {1070, 1000, 0, 60, true, 600, 0, false, 0},
		 45,
		 EV_COUNTED},
		{"75 s is still one beat", {1075, 1000, 0, 60, true, 600, 0, false, 0}, 45, EV_COUNTED},
		{"76 s: the session had lapsed", {1076, 1000, 0, 60, true, 600, 0, false, 0}, 0, EV_LAPSED},
		{"the same second twice", {1000, 1000, 0, 0, true, 600, 0, false, 0}, 0, EV_DUPLICATE},
		{"a clock going back", {990, 1000, 0, 0, true, 600, 0, false, 0}, 0, EV_DUPLICATE},
		{"capped at what is left", {1030, 1000, 0, 30, true, 600, 590, false, 0}, 10, EV_COUNTED},
		{"nothing left", {1030, 1000, 0, 30, true, 600, 600, false, 0}, 0, EV_RESOURCE_DONE},
		{"a check asked 90 s ago still counts",
		 {1030, 1000, 0, 30, true, 600, 0, true, 940},
		 30,
		 EV_COUNTED},
		{"a check unanswered 91 s",
		 {1030, 1000, 0, 30, true, 600, 0, true, 939},
		 0,
		 EV_PRESENCE_MISSED},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		enum elearn_verdict why = EV_COUNTED;
		int64_t got = elearn_beat_check(&cases[i].b, &why);
		if (got != cases[i].want || why != cases[i].why)
			fail_msg("%s: got %lld (%s), want %lld (%s)", cases[i].what, (long long)got,
				 elearn_verdict_name(why), (long long)cases[i].want,
				 elearn_verdict_name(cases[i].why));
	}
}

static void test_hours(void **state)
{
	UNUSED(state);
	assert_int_equal(elearn_hours(0, 45, 10), 0);
	assert_int_equal(elearn_hours(2699, 45, 10), 0);
	assert_int_equal(elearn_hours(2700, 45, 10), 1);
	assert_int_equal(elearn_hours(5399, 45, 10), 1);
	assert_int_equal(elearn_hours(5400, 45, 10), 2);
	assert_int_equal(elearn_hours(3600 * 100, 60, 10), 10); /* at most the course's 学时 */
	assert_int_equal(elearn_hours(3600, 0, 10), 0);
}

static void test_answers(void **state)
{
	UNUSED(state);
	assert_true(elearn_answer_right("B", "B"));
	assert_true(elearn_answer_right("CA", "AC"));
	assert_false(elearn_answer_right("A", "AC"));	/* a multiple choice: all of them */
	assert_false(elearn_answer_right("ACD", "AC")); /* and only them */
	assert_false(elearn_answer_right("", "A"));
	assert_false(elearn_answer_right("AA", "A"));
	assert_false(elearn_answer_right("a", "A"));
	assert_false(elearn_answer_right(NULL, "A"));
}

static void test_rank(void **state)
{
	UNUSED(state);
	struct contest_score s[] = {
		{1, 80, 300, 0}, {2, 95, 500, 0},  {3, 80, 200, 0},
		{4, 80, 300, 0}, {5, 100, 900, 0}, {6, 0, 10, 0},
	};
	contest_rank(s, ARRAY_LEN(s));
	static const int64_t order[] = {5, 2, 3, 1, 4, 6}, ranks[] = {1, 2, 3, 4, 4, 6};
	for (size_t i = 0; i < ARRAY_LEN(s); i++) {
		assert_int_equal(s[i].person_id, order[i]);
		assert_int_equal(s[i].rank, ranks[i]);
	}
	contest_rank(s, 0);
}

static void test_media(void **state)
{
	UNUSED(state);
	assert_string_equal(elearn_media("video",
					 "\0\0\0\x18"
					 "ftypmp42xxxx",
					 16),
			    "video/mp4");
	assert_string_equal(elearn_media("video", "\x1a\x45\xdf\xa3....", 8), "video/webm");
	assert_null(elearn_media("video", "%PDF-1.4", 8));
	assert_string_equal(elearn_media("pdf", "%PDF-1.4", 8), "application/pdf");
	assert_string_equal(elearn_media("html", "\n <html></html>", 15), "text/html; charset=utf-8");
	assert_null(elearn_media("html", "<ht\0ml>", 8));
	assert_null(elearn_media("html", "plain", 5));
	assert_null(elearn_media("audio", "ID3", 3));
}

static void test_ranges(void **state)
{
	UNUSED(state);
	static const struct {
		const char *h;
		int64_t size;
		enum range_rc rc;
		int64_t first, last;
	} cases[] = {
		{"bytes=0-99", 1000, RANGE_OK, 0, 99},
		{"bytes=100-", 1000, RANGE_OK, 100, 999},
		{"bytes=-100", 1000, RANGE_OK, 900, 999},
		{"bytes=-5000", 1000, RANGE_OK, 0, 999},
		{"bytes=990-2000", 1000, RANGE_OK, 990, 999},
		{"bytes=999-999", 1000, RANGE_OK, 999, 999},
		{"bytes=1000-", 1000, RANGE_UNSATISFIABLE, 0, 0},
		{"bytes=-0", 1000, RANGE_UNSATISFIABLE, 0, 0},
		{"bytes=5-4", 1000, RANGE_NONE, 0, 0},
		{"bytes=0-1,5-6", 1000, RANGE_NONE, 0, 0},
		{"items=0-1", 1000, RANGE_NONE, 0, 0},
		{"bytes=a-b", 1000, RANGE_NONE, 0, 0},
		{"bytes=-", 1000, RANGE_NONE, 0, 0},
		{"bytes=9999999999999999999-", 1000, RANGE_NONE, 0, 0},
		{NULL, 1000, RANGE_NONE, 0, 0},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		int64_t f = 0, l = 0;
		enum range_rc rc = range_parse(cases[i].h, cases[i].size, &f, &l);
		if (rc != cases[i].rc || (rc == RANGE_OK && (f != cases[i].first || l != cases[i].last)))
			fail_msg("%s: got %d %lld-%lld", cases[i].h ? cases[i].h : "(null)", (int)rc,
				 (long long)f, (long long)l);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_beats), cmocka_unit_test(test_answers), cmocka_unit_test(test_hours),
		cmocka_unit_test(test_rank),  cmocka_unit_test(test_ranges),  cmocka_unit_test(test_media),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
