/* svc/stats/cache.c: the dashboards' answers kept for a moment (统计看板的应答缓存) and the refresher. With
 * the answers kept 0.3 s: a fresh answer is given again without making it; an answer stale by age alone is
 * given at once to the request that finds it (the one that used to wait while it was made again) and the
 * refresher makes it on its own thread, after which the new answer is given; a counter write on this node
 * (stats_cache_touch) makes the next request make the answer itself (a reader sees a write made through the
 * same node at once); without the refresher the request that finds the answer stale makes it, as before; a
 * failed refresh keeps the old answer and lets the next stale request try again; the refresher's copy of the
 * input outlives the request's. */
#define DBTEST_NAME "statscache"
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdatomic.h>
#include <time.h>
#include <unistd.h>
#include "svc/stats/cache.h"
#include "dbtest.h"

static const principal prov = {.role = ROLE_PROVINCE_ADMIN, .username = "province", .region = "37"};

/* the make function: "<input>#<how many times made>", on the caller's thread (recorded), failing on demand */
static _Atomic int made_n;
static _Atomic bool fail_next;
static pthread_t made_on;
static pthread_mutex_t made_mu = PTHREAD_MUTEX_INITIALIZER;

static int make(db *d, const principal *a, const void *in, char **out, size_t *len, err *e)
{
	(void)d;
	(void)a;
	if (atomic_exchange(&fail_next, false))
		return err_set(e, 500, "internal", NULL, "失败", "failed on purpose");
	int n = atomic_fetch_add(&made_n, 1) + 1;
	pthread_mutex_lock(&made_mu);
	made_on = pthread_self();
	pthread_mutex_unlock(&made_mu);
	char b[96];
	int k = snprintf(b, sizeof b, "%s#%d", (const char *)in, n);
	*out = malloc((size_t)k + 1);
	memcpy(*out, b, (size_t)k + 1);
	*len = (size_t)k;
	return 0;
}

static void *copy_in(const void *in)
{
	return xstrdup(in);
}

/* the answer for key with input `in`, as text */
static void answer(const char *key, const char *in, char *got, size_t n)
{
	char *input = xstrdup(in); /* freed before the refresher runs: it must have its own copy */
	struct stats_make m = {make, input, copy_in, free};
	char *out = NULL;
	size_t len = 0;
	err e = {0};
	assert_int_equal(stats_cache_answer(key, NULL, &prov, &m, &out, &len, &e), 0);
	snprintf(got, n, "%.*s", (int)len, out);
	free(out);
	free(input);
}

static void sleep_ms(int ms)
{
	struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
	nanosleep(&ts, NULL);
}

/* waits up to 2 s for the number of answers made to reach n */
static void wait_made(int n)
{
	for (int i = 0; i < 200 && atomic_load(&made_n) < n; i++)
		sleep_ms(10);
	assert_int_equal(atomic_load(&made_n), n);
}

static bool made_here(void)
{
	pthread_mutex_lock(&made_mu);
	bool here = pthread_equal(made_on, pthread_self());
	pthread_mutex_unlock(&made_mu);
	return here;
}

static void test_without_refresher(void **state)
{
	(void)state;
	char got[96];
	atomic_store(&made_n, 0);
	answer("a", "A", got, sizeof got);
	assert_string_equal(got, "A#1"); /* made by the request */
	answer("a", "A", got, sizeof got);
	assert_string_equal(got, "A#1"); /* fresh: given again */
	sleep_ms(350);
	answer("a", "A", got, sizeof got);
	assert_string_equal(got, "A#2"); /* stale, no refresher: this request made it again */
	assert_true(made_here());
}

static void test_refresher(void **state)
{
	(void)state;
	char got[96];
	assert_int_equal(stats_cache_refresher_start(dbtest_url), 0);
	atomic_store(&made_n, 0);
	answer("b", "B", got, sizeof got);
	assert_string_equal(got, "B#1");
	sleep_ms(350);
	/* stale by age: this request is given the old answer at once, the refresher makes the new one */
	answer("b", "B", got, sizeof got);
	assert_string_equal(got, "B#1");
	wait_made(2);
	assert_false(made_here());
	sleep_ms(20);
	answer("b", "B", got, sizeof got);
	assert_string_equal(got, "B#2");

	/* a counter write on this node: the next request makes the answer itself, the write seen at once */
	stats_cache_touch();
	answer("b", "B", got, sizeof got);
	assert_string_equal(got, "B#3");
	assert_true(made_here());

	/* a refresh that fails keeps the old answer; the next stale request queues another */
	sleep_ms(350);
	atomic_store(&fail_next, true);
	answer("b", "B", got, sizeof got);
	assert_string_equal(got, "B#3");
	for (int i = 0; i < 200 && atomic_load(&fail_next); i++)
		sleep_ms(10);
	sleep_ms(30);
	answer("b", "B", got, sizeof got);
	assert_string_equal(got, "B#3"); /* still stale: given, and queued again */
	wait_made(4);
	sleep_ms(20);
	answer("b", "B", got, sizeof got);
	assert_string_equal(got, "B#4");

	/* two readers' keys are two answers */
	answer("c", "C", got, sizeof got);
	assert_string_equal(got, "C#5");
	stats_cache_refresher_stop();

	/* stopped: a stale answer is made by the request again */
	sleep_ms(350);
	answer("c", "C", got, sizeof got);
	assert_string_equal(got, "C#6");
	assert_true(made_here());
}

int main(void)
{
	setenv("JINENG_STATS_CACHE_S", "0.3", 1);
	dbtest_use(DBTEST_NAME);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_without_refresher),
		cmocka_unit_test(test_refresher),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	dbtest_remove();
	return rc;
}
