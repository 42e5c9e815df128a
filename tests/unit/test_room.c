/* 考场监考配置: at least 2 invigilators a room, at least 1 for each 15 candidates — or a standard's stricter
 * figures. */
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#include "core/room.h"

static void test_needed(void **state)
{
	UNUSED(state);
	/* {candidates, per, min, needed}: the rules (15, 2), and a stricter standard (10 per invigilator, 3 a
	 * room) */
	static const int cases[][4] = {{0, 15, 2, 2},	 {1, 15, 2, 2},	 {15, 15, 2, 2}, {30, 15, 2, 2},
				       {31, 15, 2, 3},	 {45, 15, 2, 3}, {46, 15, 2, 4}, {150, 15, 2, 10},
				       {151, 15, 2, 11}, {20, 10, 3, 3}, {31, 10, 3, 4}};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		int got = invigilators_needed(cases[i][0], cases[i][1], cases[i][2]);
		if (got != cases[i][3])
			fail_msg("%d candidates (%d per invigilator, %d a room): got %d, want %d",
				 cases[i][0], cases[i][1], cases[i][2], got, cases[i][3]);
	}
}

static void test_capacity(void **state)
{
	UNUSED(state);
	static const int cases[][2] = {{0, 0}, {1, 0}, {2, 30}, {3, 45}, {10, 150}};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++)
		if (room_capacity(cases[i][0], 15, 2) != cases[i][1])
			fail_msg("%d invigilators: got %d, want %d", cases[i][0],
				 room_capacity(cases[i][0], 15, 2), cases[i][1]);
	assert_int_equal(room_capacity(2, 10, 3), 0);
	assert_int_equal(room_capacity(3, 10, 3), 30);
	for (int per = 1; per <= 15; per++) /* the two rules agree */
		for (int c = 0; c <= 300; c++)
			assert_true(room_capacity(invigilators_needed(c, per, 2), per, 2) >= c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_needed), cmocka_unit_test(test_capacity)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
