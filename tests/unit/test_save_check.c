/* test_save_check.c: the rules of an exam save that the group committer applies on PostgreSQL inside the
 * batch's statement and the request applies on SQLite: the answer's highest option (attempt_answer_norm)
 * and the refusals in the order a candidate meets them (attempt_save_verdict) */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "util/common.h"
#include "svc/exam/exam.h"

static void test_answer_norm(void **state)
{
	UNUSED(state);
	static const struct {
		const char *in;
		int64_t seq;
		int maxopt;
		const char *norm;
	} rows[] = {
		{"A", 1, 0, "A"},
		{"d", 7, 3, "D"},		  /* lower case */
		{"CA", 2, 2, "AC"},		  /* sorted */
		{"BBA", 2, 1, "AB"},		  /* repeated letters once */
		{"", 3, -1, ""},		  /* an empty answer clears it */
		{"H", 1, 7, "H"},		  /* the eighth option */
		{"I", 1, ATTEMPT_BAD_ANSWER, ""}, /* beyond eight options */
		{"1", 1, ATTEMPT_BAD_ANSWER, ""},
		{"A ", 1, ATTEMPT_BAD_ANSWER, ""},
		{"A", 0, ATTEMPT_BAD_ANSWER, ""}, /* seq must be positive */
		{"A", -5, ATTEMPT_BAD_ANSWER, ""},
		{NULL, 1, ATTEMPT_BAD_ANSWER, ""}, /* no answer at all */
	};
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		char norm[9] = "zzz";
		int got = attempt_answer_norm(rows[i].in, rows[i].seq, norm);
		if (got != rows[i].maxopt || strcmp(norm, rows[i].norm))
			fail_msg("row %zu (%s, %lld): %d '%s', want %d '%s'", i,
				 rows[i].in ? rows[i].in : "NULL", (long long)rows[i].seq, got, norm,
				 rows[i].maxopt, rows[i].norm);
	}
}

static void test_verdict_order(void **state)
{
	UNUSED(state);
	static const struct {
		bool mine;
		int64_t nq, nopts;
		const char *status;
		int pos, maxopt;
		int want;
		const char *field; /* the error's field, "" for none */
	} rows[] = {
		{true, 20, 4, "started", 3, 2, 0, ""},
		{true, 20, 4, "started", 19, -1, 0, ""},	    /* the last question, cleared */
		{true, 20, 0, "started", 0, -1, 0, ""},		    /* no options: only clearing is valid */
		{false, 20, 4, "started", 3, 2, 404, ""},	    /* someone else's attempt, or none */
		{false, 0, 0, "", 99, ATTEMPT_BAD_ANSWER, 404, ""}, /* that comes first */
		{true, 20, 4, "started", 20, 0, 404, "pos"},	    /* no such question */
		{true, 20, 4, "submitted", 20, ATTEMPT_BAD_ANSWER, 404,
		 "pos"},				       /* before the answer and status */
		{true, 0, 0, "admitted", 0, 0, 404, "pos"},    /* no paper yet */
		{true, 20, 4, "started", 3, 4, 422, "answer"}, /* E of four options */
		{true, 20, 0, "started", 3, 0, 422, "answer"},
		{true, 20, 4, "started", 3, ATTEMPT_BAD_ANSWER, 422, "answer"},
		{true, 20, 4, "submitted", 3, ATTEMPT_BAD_ANSWER, 422, "answer"}, /* before the status */
		{true, 20, 4, "submitted", 3, 1, 409, ""},
		{true, 20, 4, "void", 3, 1, 409, ""},
		{true, 20, 4, "admitted", 3, 1, 409, ""},
	};
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		err e = {0};
		int rc = attempt_save_verdict(rows[i].mine, rows[i].nq, rows[i].nopts, rows[i].status,
					      rows[i].pos, rows[i].maxopt, &e);
		int got = rc == 0 ? 0 : e.status;
		if (got != rows[i].want || (rc && strcmp(e.field, rows[i].field)))
			fail_msg("row %zu: %d (field '%s'), want %d ('%s')", i, got, rc ? e.field : "",
				 rows[i].want, rows[i].field);
		if (rc == 0 && err_isset(&e))
			fail_msg("row %zu: accepted with an error set", i);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_answer_norm),
		cmocka_unit_test(test_verdict_order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
