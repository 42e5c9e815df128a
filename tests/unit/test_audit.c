/* 审计档案 hash chain: appends link records; editing, deleting, inserting, reordering or truncating the
 * archive is detected and the first bad record named. */
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#include "svc/base/audit.h"
#include <unistd.h>

static char path[128], url[160];

static db *fresh(void)
{
	snprintf(path, sizeof path, "/tmp/jineng-audit-%d.db", (int)getpid());
	unlink(path);
	char p[160];
	snprintf(p, sizeof p, "%s-wal", path);
	unlink(p);
	snprintf(url, sizeof url, "sqlite:%s", path);
	db *d;
	err e = {0};
	assert_int_equal(db_open(url, &d, &e), 0);
	int n;
	assert_int_equal(db_migrate(d, &n, &e), 0);
	principal who = {.user_id = 0, .role = ROLE_PROVINCE_ADMIN};
	snprintf(who.username, sizeof who.username, "tester");
	for (int i = 1; i <= 5; i++) {
		char id[16];
		snprintf(id, sizeof id, "%d", i);
		json_t *det = json_pack("{s:i,s:s}", "n", i, "名称", "证书");
		assert_int_equal(db_begin(d, &e), 0);
		assert_int_equal(audit_append(d, &who, "test.action", "thing", id, det, &e), 0);
		assert_int_equal(db_commit(d, &e), 0);
		json_decref(det);
	}
	return d;
}

static int verify(db *d, int64_t *bad)
{
	struct audit_report rep;
	err e = {0};
	int rc = audit_verify(d, &rep, &e);
	*bad = rep.bad_seq;
	return rc;
}

static void exec(db *d, const char *sql)
{
	err e = {0};
	assert_true(db_run(d, sql, DB_NOARGS, &e) >= 0);
}

static void test_audit_chain_tampering(void **state)
{
	UNUSED(state);
	static const struct {
		const char *what;
		const char *sql[3];
		int64_t bad;
	} cases[] = {
		{"intact", {NULL}, 0},
		{"edited detail", {"UPDATE audit_log SET detail = '{\"n\":9}' WHERE seq = 3", NULL}, 3},
		{"edited actor", {"UPDATE audit_log SET actor = 'someone' WHERE seq = 1", NULL}, 1},
		{"deleted middle", {"DELETE FROM audit_log WHERE seq = 2", NULL}, 2},
		{"deleted newest", {"DELETE FROM audit_log WHERE seq = 5", NULL}, 5},
		{"reordered",
		 {"UPDATE audit_log SET seq = 100 WHERE seq = 2",
		  "UPDATE audit_log SET seq = 2 WHERE seq = 3",
		  "UPDATE audit_log SET seq = 3 WHERE seq = 100"},
		 2},
		{"inserted with recomputed hash but wrong link",
		 {"UPDATE audit_log SET prev_hash = hash WHERE seq = 4", NULL},
		 4},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		db *d = fresh();
		for (int k = 0; k < 3 && cases[i].sql[k]; k++)
			exec(d, cases[i].sql[k]);
		int64_t bad;
		int rc = verify(d, &bad);
		if (cases[i].bad == 0) {
			assert_int_equal(rc, 0);
		} else {
			if (rc != 1 || bad != cases[i].bad)
				fail_msg("%s: rc %d, first bad %lld, want %lld", cases[i].what, rc,
					 (long long)bad, (long long)cases[i].bad);
		}
		db_close(d);
		unlink(path);
	}
}

static void test_audit_hash_is_canonical(void **state)
{
	UNUSED(state);
	char a[65], b[65];
	/* length-prefixed fields: moving a character between fields changes the hash */
	audit_hash(1, 2, 3, "ab", "c", "x", "e", "1", "{}", "00", a);
	audit_hash(1, 2, 3, "a", "bc", "x", "e", "1", "{}", "00", b);
	assert_string_not_equal(a, b);
	audit_hash(1, 2, 3, "ab", "c", "x", "e", "1", "{}", "00", b);
	assert_string_equal(a, b);
	assert_int_equal(strlen(a), 64);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_audit_chain_tampering),
		cmocka_unit_test(test_audit_hash_is_canonical),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
