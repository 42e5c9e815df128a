/* test_session_cache.c: the node's table of verified sessions (svc/auth/session_cache.c): a hit only for the
 * same token hash while the bound and the session's expiry hold; tokens that share a set stay side by side
 * (an exam room's candidates must not evict each other); a full set gives up the entry that would go first;
 * logout and account changes evict at once; a bound of 0 keeps nothing. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "util/common.h"
#include "svc/auth/session_cache.h"
#include <time.h>

/* a token hash: 64 hex characters, the first eight choosing the set (`set` equal: the same set) */
static void token(char out[65], unsigned set, unsigned n)
{
	snprintf(out, 65, "%08x%056x", set, n);
}

static principal user(int64_t id)
{
	principal p = {.user_id = id, .role = ROLE_CANDIDATE, .person_id = id * 10};
	snprintf(p.username, sizeof p.username, "u%lld", (long long)id);
	return p;
}

static void test_hit_miss_and_bounds(void **state)
{
	UNUSED(state);
	session_cache_ms = 2000;
	char a[65], b[65];
	token(a, 0x100, 1);
	token(b, 0x101, 1);
	principal pa = user(1), got;
	int64_t later = (int64_t)time(NULL) + 3600;
	session_cache_put(a, &pa, later);
	assert_int_equal(session_cache_get(a, &got), 1);
	assert_int_equal(got.user_id, 1);
	assert_int_equal(got.person_id, 10);
	assert_string_equal(got.username, "u1");
	assert_int_equal(session_cache_get(b, &got), 0); /* another token */
	assert_int_equal(session_cache_get("short", &got), 0);
	/* a session already expired is not served, and is dropped */
	principal pb = user(2);
	session_cache_put(b, &pb, (int64_t)time(NULL) - 1);
	assert_int_equal(session_cache_get(b, &got), 0);
	/* the bound 0: nothing kept */
	session_cache_evict_token(a);
	session_cache_ms = 0;
	session_cache_put(a, &pa, later);
	assert_int_equal(session_cache_get(a, &got), 0);
	session_cache_ms = 2000;
}

static void test_shared_set(void **state)
{
	UNUSED(state);
	int64_t later = (int64_t)time(NULL) + 3600;
	static const struct {
		long bound_ms; /* the bound when the token is put: the smallest goes first */
		int64_t user;
	} rows[] = {{3000, 11}, {1500, 12}, {4000, 13}, {3500, 14}};
	char t[5][65];
	principal got;
	for (unsigned i = 0; i < 5; i++)
		token(t[i], 0x2222, i + 1);
	for (unsigned i = 0; i < ARRAY_LEN(rows); i++) {
		session_cache_ms = rows[i].bound_ms;
		principal p = user(rows[i].user);
		session_cache_put(t[i], &p, later);
	}
	/* four tokens of one set are all held (a direct-mapped table kept only the last) */
	for (unsigned i = 0; i < ARRAY_LEN(rows); i++) {
		assert_int_equal(session_cache_get(t[i], &got), 1);
		assert_int_equal(got.user_id, rows[i].user);
	}
	/* a fifth takes the slot of the one whose bound ends first (1,500 ms: the second) */
	session_cache_ms = 2000;
	principal p5 = user(15);
	session_cache_put(t[4], &p5, later);
	assert_int_equal(session_cache_get(t[1], &got), 0);
	for (unsigned i = 0; i < 5; i++)
		if (i != 1) {
			assert_int_equal(session_cache_get(t[i], &got), 1);
			assert_int_equal(got.user_id, i < 4 ? rows[i].user : 15);
		}
	/* a token put again replaces its own entry, not another */
	principal again = user(13);
	session_cache_put(t[2], &again, later);
	for (unsigned i = 0; i < 5; i++)
		assert_int_equal(session_cache_get(t[i], &got), i != 1);
	for (unsigned i = 0; i < 5; i++)
		session_cache_evict_token(t[i]);
}

static void test_evictions(void **state)
{
	UNUSED(state);
	session_cache_ms = 2000;
	int64_t later = (int64_t)time(NULL) + 3600;
	char a1[65], a2[65], b1[65];
	token(a1, 0x300, 1); /* user 21 on two devices, one in another set */
	token(a2, 0x301, 2);
	token(b1, 0x300, 3); /* user 22, the same set as a1 */
	principal p21 = user(21), p22 = user(22), got;
	session_cache_put(a1, &p21, later);
	session_cache_put(a2, &p21, later);
	session_cache_put(b1, &p22, later);
	/* logout: that token only */
	session_cache_evict_token(a1);
	assert_int_equal(session_cache_get(a1, &got), 0);
	assert_int_equal(session_cache_get(a2, &got), 1);
	assert_int_equal(session_cache_get(b1, &got), 1);
	/* a password change or a disabled account: every token of the user, nobody else's */
	session_cache_put(a1, &p21, later);
	session_cache_evict_user(21);
	assert_int_equal(session_cache_get(a1, &got), 0);
	assert_int_equal(session_cache_get(a2, &got), 0);
	assert_int_equal(session_cache_get(b1, &got), 1);
	assert_int_equal(got.user_id, 22);
	session_cache_evict_user(22);
	assert_int_equal(session_cache_get(b1, &got), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hit_miss_and_bounds),
		cmocka_unit_test(test_shared_set),
		cmocka_unit_test(test_evictions),
	};
	return cmocka_run_group_tests_name("session cache", tests, NULL, NULL);
}
