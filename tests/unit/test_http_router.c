/* Route matching: exact paths, {param} segments, 404 versus 405, HEAD as GET; a 405's Allow list. */
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#include "http/router.h"
#include "api/base/routes.h"

static int h_a(req *r)
{
	UNUSED(r);
	return 1;
}
static int h_b(req *r)
{
	UNUSED(r);
	return 2;
}
static int h_c(req *r)
{
	UNUSED(r);
	return 3;
}

static const struct route table[] = {
	{"GET", "/api/v1/persons", h_a, R_EVERYONE},
	{"GET", "/api/v1/persons/{id}", h_b, R_EVERYONE},
	{"POST", "/api/v1/persons/{id}/titles", h_c, R_EVERYONE},
	{NULL, NULL, NULL, 0},
};

/* the application's table must exist for linking; these tests use their own */
static void test_router_table(void **state)
{
	UNUSED(state);
	static const struct {
		const char *method, *path;
		enum route_match want;
		int handler; /* value the matched handler returns */
		const char *param;
	} cases[] = {
		{"GET", "/api/v1/persons", ROUTE_FOUND, 1, NULL},
		{"HEAD", "/api/v1/persons", ROUTE_FOUND, 1, NULL},
		{"GET", "/api/v1/persons/42", ROUTE_FOUND, 2, "42"},
		{"POST", "/api/v1/persons/7/titles", ROUTE_FOUND, 3, "7"},
		{"DELETE", "/api/v1/persons/42", ROUTE_NO_METHOD, 0, NULL},
		{"GET", "/api/v1/persons/", ROUTE_NO_PATH, 0, NULL},
		{"GET", "/api/v1/persons/42/", ROUTE_NO_PATH, 0, NULL},
		{"GET", "/api/v1/person", ROUTE_NO_PATH, 0, NULL},
		{"GET", "/api/v1/persons/42/titles/9", ROUTE_NO_PATH, 0, NULL},
		{"GET", "/api/v1//persons", ROUTE_NO_PATH, 0, NULL},
		{"GET", "", ROUTE_NO_PATH, 0, NULL},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		arena *a = arena_new();
		const struct route *rt = NULL;
		const char *params[REQ_MAX_PARAMS];
		int np = 0;
		enum route_match m = router_match(table, a, cases[i].method, cases[i].path, &rt, params, &np);
		assert_int_equal(m, cases[i].want);
		if (m == ROUTE_FOUND) {
			assert_int_equal(rt->fn(NULL), cases[i].handler);
			if (cases[i].param) {
				assert_int_equal(np, 1);
				assert_string_equal(params[0], cases[i].param);
			}
		}
		arena_free(a);
	}
}

static void test_router_allow(void **state)
{
	UNUSED(state);
	/* the methods of every route the path matches, in a fixed order, HEAD wherever GET is */
	static const struct {
		const char *path, *want;
	} cases[] = {
		{"/api/v1/persons", "GET, HEAD"},
		{"/api/v1/persons/42", "GET, HEAD"},
		{"/api/v1/persons/42/titles", "POST"},
		{"/api/v1/nothing", ""},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		arena *a = arena_new();
		assert_string_equal(router_allow(table, a, cases[i].path), cases[i].want);
		arena_free(a);
	}
	static const struct route both[] = {
		{"POST", "/api/v1/items/import", h_a, R_EVERYONE},
		{"PUT", "/api/v1/items/{id}", h_b, R_EVERYONE},
		{"GET", "/api/v1/items", h_c, R_EVERYONE},
		{"DELETE", "/api/v1/items/{id}", h_c, R_EVERYONE},
		{NULL, NULL, NULL, 0},
	};
	arena *a = arena_new();
	assert_string_equal(router_allow(both, a, "/api/v1/items/import"), "POST, PUT, DELETE");
	assert_string_equal(router_allow(both, a, "/api/v1/items/7"), "PUT, DELETE");
	arena_free(a);
}

static void test_router_every_api_route_is_reachable(void **state)
{
	UNUSED(state);
	/* each route of the application's table matches itself (no route shadows another) */
	for (const struct route *rt = api_routes(); rt->method; rt++) {
		arena *a = arena_new();
		char path[256];
		size_t n = 0;
		for (const char *p = rt->pattern; *p && n < sizeof path - 4; p++) {
			if (*p == '{') {
				path[n++] = '9';
				while (*p && *p != '}')
					p++;
			} else {
				path[n++] = *p;
			}
		}
		path[n] = 0;
		const struct route *got = NULL;
		const char *params[REQ_MAX_PARAMS];
		int np;
		assert_int_equal(router_match(api_routes(), a, rt->method, path, &got, params, &np),
				 ROUTE_FOUND);
		assert_ptr_equal(got, rt);
		assert_true(got->roles != 0);
		arena_free(a);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_router_table),
		cmocka_unit_test(test_router_allow),
		cmocka_unit_test(test_router_every_api_route_is_reachable),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
