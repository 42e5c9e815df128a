/* util/jsonw.c: the JSON writer must write exactly what jansson's json_dumps(JSON_COMPACT) writes for the
 * same values (the 培训地图 answers it replaced were compared byte for byte): reals against json_dumps of
 * json_real over a million random values in the ranges the map writes and over every decade, the exact-tie
 * and power-of-ten edges, integers at their limits, strings with every escape, and a nested document. */
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <math.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include "util/jsonw.h"

static char *jansson_text(json_t *v)
{
	char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
	json_decref(v);
	return s;
}

static void same_real(double v)
{
	char mine[64];
	int n = jw_real_text(v, mine, sizeof mine);
	char *want = jansson_text(json_real(v));
	assert_non_null(want);
	if (n < 0 || strcmp(mine, want) != 0 || (size_t)n != strlen(want))
		fail_msg("%.17g: jsonw %s, jansson %s", v, mine, want);
	free(want);
}

static uint64_t rng = 88172645463325252ULL;
static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}
static double uniform(void)
{
	return (double)(next() >> 11) / 9007199254740992.0;
}

static void test_reals(void **state)
{
	UNUSED(state);
	static const double fixed[] = {0.0,	 -0.0,
				       1.0,	 5.0,
				       640.0,	 0.1,
				       0.5,	 1.235,
				       35.1047,	 118.3564,
				       1e-4,	 9.9999999999999991e-5,
				       1e16,	 9.9999999999999998e15,
				       1e21,	 1e-7,
				       -1e-7,	 123456789012345678.0,
				       0.001,	 0.0005,
				       2.5,	 1e300,
				       -36.2,	 1e-300,
				       5e-324,	 1.7976931348623157e308,
				       999.9995, 0.30000000000000004};
	for (size_t i = 0; i < ARRAY_LEN(fixed); i++)
		same_real(fixed[i]);
	/* the map's values: coordinates, distances rounded to metres, radii */
	for (int i = 0; i < 400000; i++) {
		same_real(34.4 + uniform() * 4.0);
		same_real(114.8 + uniform() * 7.9);
		same_real(round(uniform() * 640000.0) / 1000.0);
	}
	/* every decade, both signs, and each power of ten with its neighbours */
	for (int e = -6; e <= 18; e++) {
		double p = pow(10, e);
		same_real(p);
		same_real(nextafter(p, 0));
		same_real(nextafter(p, INFINITY));
		for (int i = 0; i < 10000; i++) {
			double v = p * (1 + 9 * uniform());
			same_real(v);
			same_real(-v);
		}
	}
	/* integers and halves (exact ties at the 17th digit) */
	for (int i = 0; i < 20000; i++) {
		double v = (double)(next() % 100000000000000000ULL);
		same_real(v);
		same_real(v / 1024.0);
	}
}

static void test_document(void **state)
{
	UNUSED(state);
	static const int64_t ints[] = {0, 1, -1, 42, INT64_MAX, INT64_MIN, 1000000007, -999};
	const char *strs[] = {
		"", "plain", "引号\"与\\反斜杠/斜杠", "\b\f\n\r\t\x01\x1f\x7f", "山东省临沂市", "a\"b"};
	json_t *doc = json_object();
	buf b;
	buf_init(&b, 0);
	jw w;
	jw_init(&w, &b);
	jw_obj(&w);
	jw_key(&w, "ints");
	jw_arr(&w);
	json_t *a = json_array();
	for (size_t i = 0; i < ARRAY_LEN(ints); i++) {
		jw_int(&w, ints[i]);
		json_array_append_new(a, json_integer(ints[i]));
	}
	jw_arr_end(&w);
	json_object_set_new(doc, "ints", a);
	jw_key(&w, "strs");
	jw_arr(&w);
	a = json_array();
	for (size_t i = 0; i < ARRAY_LEN(strs); i++) {
		jw_str(&w, strs[i]);
		json_array_append_new(a, json_string(strs[i]));
	}
	jw_arr_end(&w);
	json_object_set_new(doc, "strs", a);
	jw_key(&w, "empty");
	jw_obj(&w);
	jw_obj_end(&w);
	json_object_set_new(doc, "empty", json_object());
	jw_key(&w, "none");
	jw_arr(&w);
	jw_arr_end(&w);
	json_object_set_new(doc, "none", json_array());
	jw_key(&w, "nested");
	jw_obj(&w);
	jw_key(&w, "t");
	jw_bool(&w, true);
	jw_key(&w, "f");
	jw_bool(&w, false);
	jw_key(&w, "n");
	jw_null(&w);
	jw_key(&w, "s");
	jw_str(&w, NULL);
	jw_key(&w, "r");
	jw_real(&w, 36.123456);
	jw_obj_end(&w);
	json_object_set_new(doc, "nested",
			    json_pack("{s:b,s:b,s:n,s:n,s:f}", "t", 1, "f", 0, "n", "s", "r", 36.123456));
	jw_key(&w, "after");
	jw_int(&w, 7);
	json_object_set_new(doc, "after", json_integer(7));
	jw_obj_end(&w);
	assert_true(buf_ok(&b));
	char *want = jansson_text(doc);
	assert_string_equal(b.ptr, want);
	free(want);
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reals),
		cmocka_unit_test(test_document),
	};
	return cmocka_run_group_tests_name("util/jsonw", tests, NULL, NULL);
}
