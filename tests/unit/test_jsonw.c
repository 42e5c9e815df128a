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

/* jw_json writes any jansson tree as json_dumps(JSON_COMPACT) does (every API reply goes through it): a table
 * of documents read from text (escapes, NULs in strings and keys, non-ASCII, deep nesting, empty containers,
 * integer limits, reals), then random trees, each compared byte for byte, also as a member of a written
 * object (the separator before it) */
static const char *const docs[] = {
	"{}",
	"[]",
	"{\"a\":1}",
	"[1,2,3]",
	"{\"items\":[{\"id\":105002,\"name\":\"\u5468\u4f1f\",\"employer_id\":null}],\"total\":1}",
	"{\"esc\":\"q\\\" b\\\\ s/ \\b\\f\\n\\r\\t \\u0001\\u001f \\u007f\"}",
	"{\"nul\":\"a\\u0000b\",\"\\\"key\\n\":2}",
	"{\"u\":\"\u00e9\u4e2d\\ud83d\\ude00\",\"\u952e\":[]}",
	"[9223372036854775807,-9223372036854775808,0,-1]",
	"[0.5,-0.0,1e300,1.5e-7,123456789.125,3.0,-2.5e22]",
	"[true,false,null,{},[],\"\"]",
	"[[[[[[[[[[[[[[[[[[[[[[[[{\"deep\":[1,{\"x\":[]}]}]]]]]]]]]]]]]]]]]]]]]]]]",
	"{\"a\":{\"b\":{\"c\":{}},\"d\":[{},{\"e\":null}]},\"f\":\"g\"}",
};

static void same_tree(json_t *v)
{
	buf b;
	buf_init(&b, 0);
	jw w;
	jw_init(&w, &b);
	jw_json(&w, v);
	char *want = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
	assert_non_null(want);
	assert_true(buf_ok(&b));
	assert_int_equal(b.len, strlen(want));
	assert_memory_equal(b.ptr, want, b.len);
	/* the same tree as the second member of an object and the second element of an array */
	buf_reset(&b);
	jw_init(&w, &b);
	jw_obj(&w);
	jw_key(&w, "a");
	jw_int(&w, 1);
	jw_key(&w, "t");
	jw_json(&w, v);
	jw_key(&w, "e");
	jw_arr(&w);
	jw_arr_end(&w);
	jw_obj_end(&w);
	json_t *o = json_pack("{s:i,s:O,s:[]}", "a", 1, "t", v, "e");
	char *want2 = json_dumps(o, JSON_COMPACT);
	assert_true(buf_ok(&b));
	assert_int_equal(b.len, strlen(want2));
	assert_memory_equal(b.ptr, want2, b.len);
	json_decref(o);
	free(want);
	free(want2);
	buf_free(&b);
}

static json_t *random_tree(int depth)
{
	static const char *const strs[] = {"", "plain", "\u5468\u4f1f", "q\"\\", "ctl\x01\x1f\n", "/"};
	switch (next() % (depth > 4 ? 5 : 7)) {
	case 0:
		return json_integer((json_int_t)(next() % 2000001) - 1000000);
	case 1:
		return json_real((uniform() - 0.5) * pow(10, (int)(next() % 40) - 20));
	case 2:
		return json_string(strs[next() % ARRAY_LEN(strs)]);
	case 3:
		return next() % 2 ? json_true() : json_false();
	case 4:
		return json_null();
	case 5: {
		json_t *a = json_array();
		for (int i = (int)(next() % 5); i > 0; i--)
			json_array_append_new(a, random_tree(depth + 1));
		return a;
	}
	default: {
		json_t *o = json_object();
		for (int i = (int)(next() % 5); i > 0; i--) {
			char key[16];
			snprintf(key, sizeof key, "%s%d", strs[next() % ARRAY_LEN(strs)],
				 (int)(next() % 100));
			json_object_set_new(o, key, random_tree(depth + 1));
		}
		return o;
	}
	}
}

static void test_trees(void **state)
{
	UNUSED(state);
	for (size_t i = 0; i < ARRAY_LEN(docs); i++) {
		json_error_t je;
		json_t *v = json_loads(docs[i], JSON_ALLOW_NUL | JSON_DECODE_ANY, &je);
		if (!v)
			fail_msg("doc %zu: %s", i, je.text);
		same_tree(v);
		json_decref(v);
	}
	/* a key with a NUL (only json_object_setn makes one) */
	json_t *k = json_object();
	json_object_setn_new(k, "k\0ey", 4, json_string("v"));
	same_tree(k);
	json_decref(k);
	for (int i = 0; i < 20000; i++) {
		json_t *v = random_tree(0);
		same_tree(v);
		json_decref(v);
	}
	/* NULL writes null */
	buf b;
	buf_init(&b, 0);
	jw w;
	jw_init(&w, &b);
	jw_json(&w, NULL);
	assert_string_equal(b.ptr, "null");
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reals),
		cmocka_unit_test(test_document),
		cmocka_unit_test(test_trees),
	};
	return cmocka_run_group_tests_name("util/jsonw", tests, NULL, NULL);
}
