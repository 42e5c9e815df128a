/* 考场监考配置: at least 2 invigilators a room, at least 1 for each 15 candidates. */
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#include "core/room.h"

static void test_needed(void **state)
{
	UNUSED(state);
	static const int cases[][2] = {{0, 2},	{1, 2},	 {15, 2},   {30, 2},  {31, 3},
				       {45, 3}, {46, 4}, {150, 10}, {151, 11}};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++)
		if (invigilators_needed(cases[i][0]) != cases[i][1])
			fail_msg("%d candidates: got %d, want %d", cases[i][0],
				 invigilators_needed(cases[i][0]), cases[i][1]);
}

static void test_capacity(void **state)
{
	UNUSED(state);
	static const int cases[][2] = {{0, 0}, {1, 0}, {2, 30}, {3, 45}, {10, 150}};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++)
		if (room_capacity(cases[i][0]) != cases[i][1])
			fail_msg("%d invigilators: got %d, want %d", cases[i][0], room_capacity(cases[i][0]),
				 cases[i][1]);
	for (int c = 0; c <= 300; c++) /* the two rules agree */
		assert_true(room_capacity(invigilators_needed(c)) >= c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_needed), cmocka_unit_test(test_capacity)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
