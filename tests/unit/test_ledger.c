/* The subsidy ledger (svc/training/ledger.h) and claims' uniqueness on SQLite (always) and PostgreSQL (when
 * JINENG_TEST_PG is a URL):
 *   - property: random payments, reversals, recoveries and refused moves over many claims; after each
 *     step ledger_verify holds and every account's balance equals a model kept here;
 *   - the database itself refuses an entry whose lines do not sum to zero (at COMMIT) and a line beyond
 *     the entry's count, whatever the use case does;
 *   - verify finds an altered entry, an altered line, a balance that disagrees and a removed last entry;
 *   - 100 parallel filings of the same claim (person, kind, occupation, level; in two cities): exactly one
 *     is accepted, 99 are 409 already_claimed. */
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#include <pthread.h>
#include <unistd.h>
#include "store/db.h"
#include "svc/training/ledger.h"
#include "svc/training/claims.h"

#define DBTEST_NAME "ledger"
#include "dbtest.h"

static principal prov = {
	.role = ROLE_PROVINCE_ADMIN, .user_id = 0, .username = "ledger-test", .region = "37"};

static void run(db *d, const char *sql)
{
	err e = {0};
	if (db_run(d, sql, DB_NOARGS, &e) < 0)
		fail_msg("%s: %s", sql, e.en);
}

static int64_t one(db *d, const char *sql, const dbv *args, int n)
{
	int64_t v = -1;
	err e = {0};
	if (db_one_int(d, sql, args, n, &v, &e) != DB_OK)
		fail_msg("%s: %s", sql, e.en);
	return v;
}

/* a migrated database without any ledger, claim or test person */
static db *open_clean(void)
{
	db *d = NULL;
	err e = {0};
	assert_int_equal(db_open(dbtest_url, &d, &e), 0);
	int applied;
	assert_int_equal(db_migrate(d, &applied, &e), 0);
	run(d, "DELETE FROM ledger_lines");
	run(d, "DELETE FROM ledger_entries");
	run(d, "DELETE FROM ledger_accounts");
	run(d, "DELETE FROM subsidy_claims");
	run(d, "UPDATE ledger_head SET seq = 0, hash = "
	       "'0000000000000000000000000000000000000000000000000000000000000000' WHERE id = 1");
	run(d, "DELETE FROM persons WHERE id_index LIKE 'ledger-test-%'");
	return d;
}

static int64_t person(db *d, int i)
{
	char idx[48];
	snprintf(idx, sizeof idx, "ledger-test-%d", i);
	err e = {0};
	db_stmt *st =
		db_query(d,
			 "INSERT INTO persons (name, id_type, id_sealed, id_index, id_masked, region_code, "
			 "created_at, updated_at) VALUES ('测试', 'resident', 'x', $1, '3713********0000', "
			 "'371302', 0, 0) RETURNING id",
			 DB_ARGS(DV_S(idx)), &e);
	assert_non_null(st);
	assert_int_equal(db_row(st, &e), 1);
	int64_t id = db_int(st, 0);
	db_done(st);
	return id;
}

static int64_t payable_claim(db *d, int64_t person_id, const char *region, const char *occ, int level,
			     fen_t amount)
{
	err e = {0};
	db_stmt *st = db_query(
		d,
		"INSERT INTO subsidy_claims (person_id, kind, occupation_code, level, region_code, "
		"amount_fen, status, applied_on, created_at, updated_at) VALUES ($1, 'skill_up', $2, "
		"$3, $4, $5, 'payable', '2026-06-30', 0, 0) RETURNING id",
		DB_ARGS(DV_I(person_id), DV_S(occ), DV_I(level), DV_S(region), DV_I(amount)), &e);
	assert_non_null(st);
	assert_int_equal(db_row(st, &e), 1);
	int64_t id = db_int(st, 0);
	db_done(st);
	return id;
}

static const char *json_dumps_id(int64_t id)
{
	static char b[24];
	snprintf(b, sizeof b, "%lld", (long long)id);
	return b;
}

static void verify_ok(db *d)
{
	struct ledger_report r;
	err e = {0};
	int rc = ledger_verify(d, &r, &e);
	if (rc != 0)
		fail_msg("ledger does not verify (%d): %s %s", rc, r.problem, e.en);
}

static int verify_bad(db *d, const char *needle)
{
	struct ledger_report r;
	err e = {0};
	int rc = ledger_verify(d, &r, &e);
	if (rc != 1)
		fail_msg("expected a problem containing '%s', got rc %d", needle, rc);
	if (!strstr(r.problem, needle))
		fail_msg("expected '%s', got '%s'", needle, r.problem);
	return rc;
}

/* ---- the model ---- */

#define NCLAIMS	 40
#define NPERSONS 12
#define MAXACC	 64

struct acc {
	char code[64];
	fen_t bal;
};
static struct acc model[MAXACC];
static int nmodel;

static void move(const char *code, fen_t amount)
{
	for (int i = 0; i < nmodel; i++)
		if (!strcmp(model[i].code, code)) {
			model[i].bal += amount;
			return;
		}
	assert_true(nmodel < MAXACC);
	snprintf(model[nmodel].code, sizeof model[nmodel].code, "%s", code);
	model[nmodel++].bal = amount;
}

struct mclaim {
	int64_t id, person;
	const char *region;
	fen_t amount;
	int status; /* 0 payable, 1 paid, 2 recovered, 3 recovered and booked */
	bool accrued;
	int64_t last_pay;
};

static void check_model(db *d)
{
	for (int i = 0; i < nmodel; i++) {
		int64_t bal = one(d, "SELECT balance_fen FROM ledger_accounts WHERE code = $1",
				  DB_ARGS(DV_S(model[i].code)));
		if (bal != model[i].bal)
			fail_msg("account %s: %lld, model %lld", model[i].code, (long long)bal,
				 (long long)model[i].bal);
	}
	assert_int_equal(one(d, "SELECT COUNT(*) FROM ledger_accounts", DB_NOARGS), nmodel);
}

static void expect_refused(int rc, const err *e, int status)
{
	assert_int_equal(rc, -1);
	if (e->status != status)
		fail_msg("expected %d, got %d %s", status, e->status, e->code);
}

static void test_property(void **state)
{
	UNUSED(state);
	db *d = open_clean();
	nmodel = 0;
	static const char *const cities[] = {"371300", "370900", "370100"};
	int64_t persons[NPERSONS];
	for (int i = 0; i < NPERSONS; i++)
		persons[i] = person(d, i);
	struct mclaim c[NCLAIMS];
	srand(20261203);
	for (int i = 0; i < NCLAIMS; i++) {
		char occ[24]; /* room for any int: -O1 builds check the bound */
		snprintf(occ, sizeof occ, "6-18-01-%02d", i);
		c[i] = (struct mclaim){.person = persons[i % NPERSONS],
				       .region = cities[i % 3],
				       .amount = 100 + rand() % 200000,
				       .status = 0};
		c[i].id = payable_claim(d, c[i].person, c[i].region, occ, 3 + i % 3, c[i].amount);
	}
	int64_t entries = 0, calls = 0;
	int64_t audits_before = one(d,
				    "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'ledger.%' AND actor = "
				    "'ledger-test'",
				    DB_NOARGS);
	for (int step = 0; step < 600; step++) {
		struct mclaim *m = &c[rand() % NCLAIMS];
		char fund[32], clearing[32], payable[48], recovery[48];
		snprintf(fund, sizeof fund, "fund:%s", m->region);
		snprintf(clearing, sizeof clearing, "clearing:%s", m->region);
		snprintf(payable, sizeof payable, "payable:person:%lld", (long long)m->person);
		snprintf(recovery, sizeof recovery, "recovery:person:%lld", (long long)m->person);
		int64_t entry = 0;
		err e = {0};
		int pick = rand() % 6;
		switch (m->status) {
		case 0: /* payable: pay (accruing first when needed), or try a recovery (refused) */
			if (pick == 5) {
				expect_refused(ledger_recover(d, &prov, m->id, "证书撤销", &entry, &e), &e,
					       409);
				break;
			}
			if (!m->accrued && pick == 4) {
				assert_int_equal(ledger_accrue(d, &prov, m->id, &entry, &e), 0);
				calls++;
				move(fund, m->amount);
				move(payable, -m->amount);
				m->accrued = true;
				entries++;
				break;
			}
			assert_int_equal(ledger_pay(d, &prov, m->id, &entry, &e), 0);
			calls++;
			if (!m->accrued) {
				move(fund, m->amount);
				move(payable, -m->amount);
				m->accrued = true;
				entries++;
			}
			move(payable, m->amount);
			move(clearing, -m->amount);
			m->last_pay = entry;
			m->status = 1;
			entries++;
			break;
		case 1: /* paid: reverse (the bank returned it), recover, or try to pay again (refused) */
			if (pick < 2) {
				assert_int_equal(
					ledger_reverse(d, &prov, m->last_pay, "银行退回", &entry, &e), 0);
				calls++;
				move(clearing, m->amount);
				move(payable, -m->amount);
				m->status = 0;
				entries++;
				/* the same entry is reversed once only */
				expect_refused(ledger_reverse(d, &prov, m->last_pay, "再次", &entry, &e), &e,
					       409);
			} else if (pick < 4) {
				assert_int_equal(ledger_recover(d, &prov, m->id, "证书撤销", &entry, &e), 0);
				calls++;
				move(recovery, m->amount);
				move(fund, -m->amount);
				m->status = 2;
				entries++;
			} else {
				expect_refused(ledger_pay(d, &prov, m->id, &entry, &e), &e, 409);
			}
			break;
		case 2: /* recovered: the money comes back */
			assert_int_equal(ledger_recovered(d, &prov, m->id, &entry, &e), 0);
			calls++;
			move(clearing, m->amount);
			move(recovery, -m->amount);
			m->status = 3;
			entries++;
			break;
		default: /* done: every move is refused */
			expect_refused(ledger_recovered(d, &prov, m->id, &entry, &e), &e, 409);
			e = (err){0};
			expect_refused(ledger_pay(d, &prov, m->id, &entry, &e), &e, 409);
			break;
		}
		if (step % 50 == 0) {
			verify_ok(d);
			check_model(d);
		}
	}
	verify_ok(d);
	check_model(d);
	assert_int_equal(one(d, "SELECT COUNT(*) FROM ledger_entries", DB_NOARGS), entries);
	assert_int_equal(one(d, "SELECT COUNT(*) FROM ledger_lines", DB_NOARGS), 2 * entries);
	/* every use case that moved money left one audit record, and nothing refused left one */
	assert_int_equal(
		one(d,
		    "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'ledger.%' AND actor = 'ledger-test'",
		    DB_NOARGS),
		audits_before + calls);
	/* a city's admin moves only the city's money */
	principal other = {.role = ROLE_CITY_ADMIN, .user_id = 0, .username = "jinan", .region = "3701"};
	for (int i = 0; i < NCLAIMS; i++)
		if (strcmp(c[i].region, "370100") && c[i].status == 0) {
			int64_t entry;
			err e = {0};
			expect_refused(ledger_pay(d, &other, c[i].id, &entry, &e), &e,
				       404); /* not even seen */
			break;
		}
	db_close(d);
}

/* the database refuses an unbalanced entry on its own, whatever the code does */
static void test_db_refuses_unbalanced(void **state)
{
	UNUSED(state);
	db *d = open_clean();
	err e = {0};
	int64_t p = person(d, 900);
	int64_t claim = payable_claim(d, p, "371300", "6-18-01-01", 4, 150000);
	int64_t entry;
	assert_int_equal(ledger_pay(d, &prov, claim, &entry, &e), 0);
	int64_t a1 = one(d, "SELECT id FROM ledger_accounts WHERE code = 'fund:371300'", DB_NOARGS);
	int64_t a2 = one(d, "SELECT id FROM ledger_accounts WHERE code = 'clearing:371300'", DB_NOARGS);
	static const char *const ins_entry = "INSERT INTO ledger_entries (id, seq, kind, region_code, memo, "
					     "at, actor, prev_hash, hash) VALUES "
					     "(9000, 9000, 'pay', '371300', '', 0, 'x', 'p', 'h9000')";
	static const char *const ins_line =
		"INSERT INTO ledger_lines (entry_id, line_no, nlines, account_id, amount_fen, before_fen, "
		"after_fen, "
		"prev_no, close_no, close_zero) VALUES (9000, $1, 2, $2, $3, $4, $5, $6, $7, $8)";
	/* +100 and -50: the running sum ends at 50, so line 1's deferred reference to (2, 0) fails at COMMIT
	 */
	assert_int_equal(db_begin(d, &e), 0);
	run(d, ins_entry);
	assert_true(
		db_run(d, ins_line,
		       DB_ARGS(DV_I(1), DV_I(a1), DV_I(100), DV_I(0), DV_I(100), DV_NULL, DV_I(2), DV_I(0)),
		       &e) == 1);
	assert_true(
		db_run(d, ins_line,
		       DB_ARGS(DV_I(2), DV_I(a2), DV_I(-50), DV_I(100), DV_I(50), DV_I(1), DV_NULL, DV_NULL),
		       &e) == 1);
	assert_int_equal(db_commit(d, &e), -1);
	assert_int_equal(e.status, 409);
	assert_int_equal(one(d, "SELECT COUNT(*) FROM ledger_entries WHERE id = 9000", DB_NOARGS), 0);
	/* a running sum that lies (after != before + amount) is refused at once */
	e = (err){0};
	assert_int_equal(db_begin(d, &e), 0);
	run(d, ins_entry);
	assert_true(db_run(d, ins_line,
			   DB_ARGS(DV_I(1), DV_I(a1), DV_I(100), DV_I(0), DV_I(0), DV_NULL, DV_I(2), DV_I(0)),
			   &e) < 0);
	db_rollback(d);
	/* a balanced pair commits; a third line beyond nlines, or one starting elsewhere, is refused */
	e = (err){0};
	assert_int_equal(db_begin(d, &e), 0);
	run(d, ins_entry);
	assert_true(
		db_run(d, ins_line,
		       DB_ARGS(DV_I(1), DV_I(a1), DV_I(100), DV_I(0), DV_I(100), DV_NULL, DV_I(2), DV_I(0)),
		       &e) == 1);
	assert_true(
		db_run(d, ins_line,
		       DB_ARGS(DV_I(2), DV_I(a2), DV_I(-100), DV_I(100), DV_I(0), DV_I(1), DV_NULL, DV_NULL),
		       &e) == 1);
	assert_int_equal(db_commit(d, &e), 0);
	e = (err){0};
	assert_true(db_run(d, ins_line,
			   DB_ARGS(DV_I(3), DV_I(a2), DV_I(-7), DV_I(0), DV_I(-7), DV_I(2), DV_NULL, DV_NULL),
			   &e) < 0);
	e = (err){0};
	assert_true(db_run(d,
			   "INSERT INTO ledger_lines (entry_id, line_no, nlines, account_id, amount_fen, "
			   "before_fen, "
			   "after_fen, prev_no, close_no, close_zero) VALUES (9000, 3, 3, $1, -7, 0, -7, 2, "
			   "NULL, NULL)",
			   DB_ARGS(DV_I(a2)), &e) < 0);
	/* that entry was written behind the use case's back: not in the chain, not in the balances */
	assert_int_equal(verify_bad(d, "holds"), 1);
	db_close(d);
}

/* verify finds every kind of tampering */
static void test_verify_finds_tampering(void **state)
{
	UNUSED(state);
	static const struct {
		const char *sql, *needle;
	} cases[] = {
		{"UPDATE ledger_entries SET memo = 'changed' WHERE seq = 2", "altered"},
		{"UPDATE ledger_entries SET actor = 'someone' WHERE seq = 3", "altered"},
		{"UPDATE ledger_accounts SET balance_fen = balance_fen + 1 WHERE code = 'fund:371300'",
		 "holds"},
		/* the two lines of entry 2 move 1 fen from one account to the other: still zero-sum, but
		   altered */
		{"UPDATE ledger_lines SET account_id = (SELECT account_id FROM ledger_lines l WHERE "
		 "l.entry_id = "
		 "ledger_lines.entry_id AND l.line_no = 3 - ledger_lines.line_no) WHERE entry_id = (SELECT "
		 "id FROM "
		 "ledger_entries WHERE seq = 2)",
		 "holds"},
		{"UPDATE ledger_head SET seq = seq - 1", "head"},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		db *d = open_clean();
		err e = {0};
		int64_t p = person(d, 800);
		int64_t c1 = payable_claim(d, p, "371300", "6-18-01-01", 4, 150000);
		int64_t c2 = payable_claim(d, p, "371300", "6-18-01-02", 5, 100000);
		int64_t entry;
		assert_int_equal(ledger_pay(d, &prov, c1, &entry, &e), 0);
		assert_int_equal(ledger_pay(d, &prov, c2, &entry, &e), 0);
		verify_ok(d);
		run(d, cases[i].sql);
		verify_bad(d, cases[i].needle);
		db_close(d);
	}
}

/* ---- 100 parallel duplicate claims ---- */

#define PARALLEL 100

static int64_t dup_person;
static pthread_barrier_t barrier;
static const struct fact_work insured[] = {{20200101, 0}};

struct dup_result {
	int rc, status;
	char code[32];
};

static void *file_one(void *arg)
{
	struct dup_result *r = arg;
	long i = r->rc;
	db *d = NULL;
	err e = {0};
	if (db_open(dbtest_url, &d, &e) != 0) {
		r->rc = -2;
		pthread_barrier_wait(&barrier);
		return NULL;
	}
	struct claim_input in = {
		.person_id = dup_person,
		.region = i % 2 ? "371300" : "370900", /* the same claim, in two cities */
		.facts = {.kind = SUB_SKILL_UP,
			  .apply_date = 20260630,
			  .occupation = "6-18-01-01",
			  .level = 4,
			  .cert_date = 20260101,
			  .insured = insured,
			  .ninsured = 1},
	};
	pthread_barrier_wait(&barrier);
	int64_t id;
	bool ok;
	int rc;
	do { /* SQLite may be busy beyond svc_tx's retries under 100 writers: try again, as a client would */
		e = (err){0};
		rc = claim_file(d, &prov, &in, &id, &ok, &e);
	} while (rc != 0 && svc_tx_retryable(&e));
	r->rc = rc;
	r->status = rc ? e.status : (ok ? 200 : 0);
	snprintf(r->code, sizeof r->code, "%s", e.code);
	db_close(d);
	return NULL;
}

static void test_parallel_duplicates(void **state)
{
	UNUSED(state);
	db *d = open_clean();
	dup_person = person(d, 700);
	pthread_t th[PARALLEL];
	struct dup_result res[PARALLEL];
	pthread_barrier_init(&barrier, NULL, PARALLEL);
	for (long i = 0; i < PARALLEL; i++) {
		res[i] = (struct dup_result){.rc = (int)i};
		assert_int_equal(pthread_create(&th[i], NULL, file_one, &res[i]), 0);
	}
	for (int i = 0; i < PARALLEL; i++)
		pthread_join(th[i], NULL);
	pthread_barrier_destroy(&barrier);
	int accepted = 0, refused = 0;
	for (int i = 0; i < PARALLEL; i++) {
		if (res[i].rc == 0 && res[i].status == 200)
			accepted++;
		else if (res[i].rc == -1 && res[i].status == 409 && !strcmp(res[i].code, "already_claimed"))
			refused++;
		else
			fail_msg("filing %d: rc %d status %d %s", i, res[i].rc, res[i].status, res[i].code);
	}
	assert_int_equal(accepted, 1);
	assert_int_equal(refused, PARALLEL - 1);
	assert_int_equal(
		one(d, "SELECT COUNT(*) FROM subsidy_claims WHERE person_id = $1", DB_ARGS(DV_I(dup_person))),
		1);
	/* the one accepted carries the rule engine's explanation */
	assert_int_equal(
		one(d,
		    "SELECT COUNT(*) FROM subsidy_claims WHERE person_id = $1 AND status = 'checked' AND "
		    "amount_fen = 150000 AND decision LIKE '%insured%'",
		    DB_ARGS(DV_I(dup_person))),
		1);
	/* a rejected claim does not hold the key: after rejection a new claim may be filed */
	run(d, "UPDATE subsidy_claims SET status = 'rejected'");
	struct claim_input in = {.person_id = dup_person,
				 .region = "371300",
				 .facts = {.kind = SUB_SKILL_UP,
					   .apply_date = 20260630,
					   .occupation = "6-18-01-01",
					   .level = 4,
					   .cert_date = 20260101,
					   .insured = insured,
					   .ninsured = 1}};
	int64_t id;
	bool ok;
	err e = {0};
	assert_int_equal(claim_file(d, &prov, &in, &id, &ok, &e), 0);
	assert_true(ok);
	/* claims are filed at the city's window: not by the person, nor by another city */
	principal self = {.role = ROLE_CANDIDATE, .user_id = 0, .username = "p", .person_id = dup_person};
	principal qingdao = {.role = ROLE_CITY_ADMIN, .user_id = 0, .username = "q", .region = "3702"};
	in.facts.level = 5;
	in.facts.occupation = "6-18-01-02";
	e = (err){0};
	expect_refused(claim_file(d, &self, &in, &id, &ok, &e), &e, 403);
	e = (err){0};
	expect_refused(claim_file(d, &qingdao, &in, &id, &ok, &e), &e, 403);
	principal linyi = {.role = ROLE_CITY_ADMIN, .user_id = 0, .username = "l", .region = "3713"};
	e = (err){0};
	assert_int_equal(claim_file(d, &linyi, &in, &id, &ok, &e), 0);
	assert_true(ok);
	db_close(d);
}

/* a claim through its workflow (core/claim_flow.h): filed and checked by the rules, reviewed, 公示 of 5
 * working days (confirming early is refused), payable (accrue), paid, reversed, paid again, recovered; the
 * ledger balances at every step; the person reads but cannot move it; another city sees nothing */
static void test_claim_flow(void **state)
{
	UNUSED(state);
	db *d = open_clean();
	int64_t p = person(d, 600);
	struct claim_input in = {.person_id = p,
				 .region = "371300",
				 .facts = {.kind = SUB_SKILL_UP,
					   .apply_date = 20260630,
					   .occupation = "6-18-01-01",
					   .level = 3,
					   .cert_date = 20260101,
					   .insured = insured,
					   .ninsured = 1}};
	principal linyi = {
		.role = ROLE_CITY_ADMIN, .user_id = 0, .username = "ledger-test", .region = "3713"};
	principal jinan = {.role = ROLE_CITY_ADMIN, .user_id = 0, .username = "jinan", .region = "3701"};
	principal self = {.role = ROLE_CANDIDATE, .user_id = 0, .username = "p", .person_id = p};
	int64_t id, entry;
	bool ok;
	err e = {0};
	int64_t seq0 = one(d, "SELECT seq FROM audit_head WHERE id = 1", DB_NOARGS);
	assert_int_equal(claim_file(d, &linyi, &in, &id, &ok, &e), 0);
	assert_true(ok);
	json_t *j = claim_get_json(d, &self, id, &e);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(j, "status")), "checked");
	assert_int_equal(json_integer_value(json_object_get(j, "amount_fen")), 200000);
	assert_int_equal(json_array_size(json_object_get(j, "actions")), 0); /* the person moves nothing */
	json_decref(j);
	assert_null(claim_get_json(d, &jinan, id, &e));
	assert_int_equal(e.status, 404);
	const struct {
		const principal *who;
		const char *to, *reason;
		int status; /* 0 = done */
		const char *code;
	} steps[] = {
		{&self, "reviewed", NULL, 403, "forbidden"},
		{&jinan, "reviewed", NULL, 404, "not_found"},
		{&linyi, "paid", NULL, 409, "invalid_transition"},
		{&linyi, "nonsense", NULL, 422, "invalid_value"},
		{&linyi, "reviewed", NULL, 0, NULL},
		{&linyi, "publicity", NULL, 0, NULL},
		{&linyi, "payable", NULL, 409, "publicity_not_over"},
	};
	for (size_t i = 0; i < ARRAY_LEN(steps); i++) {
		e = (err){0};
		int rc = claim_move(d, steps[i].who, id, steps[i].to, steps[i].reason, &entry, &e);
		if (steps[i].status ? rc != -1 || e.status != steps[i].status || strcmp(e.code, steps[i].code)
				    : rc != 0)
			fail_msg("step %zu (%s): rc %d, %d %s", i, steps[i].to, rc, e.status, e.code);
	}
	j = claim_get_json(d, &linyi, id, &e);
	assert_true(json_is_string(json_object_get(j, "publicity_end")));
	json_decref(j);
	/* the publicity began a month ago: it is over */
	run(d, "UPDATE subsidy_claims SET updated_at = updated_at - 30 * 86400");
	assert_int_equal(claim_move(d, &linyi, id, "payable", NULL, &entry, &e), 0);
	assert_true(entry > 0); /* the accrue entry */
	assert_int_equal(claim_move(d, &linyi, id, "paid", NULL, &entry, &e), 0);
	int64_t pay1 = entry;
	e = (err){0};
	expect_refused(claim_move(d, &linyi, id, "payable", NULL, &entry, &e), &e,
		       422); /* a reversal needs a reason */
	assert_int_equal(claim_move(d, &linyi, id, "payable", "银行退回：账户已销户", &entry, &e), 0);
	assert_int_equal(one(d, "SELECT reverses FROM ledger_entries WHERE id = $1", DB_ARGS(DV_I(entry))),
			 pay1);
	assert_int_equal(claim_move(d, &prov, id, "paid", NULL, &entry, &e), 0);
	assert_int_equal(claim_move(d, &linyi, id, "recovered", "证书已撤销", &entry, &e), 0);
	assert_int_equal(ledger_recovered(d, &linyi, id, &entry, &e), 0);
	verify_ok(d);
	/* every account is back to zero but the fund, which paid nothing in the end */
	assert_int_equal(one(d, "SELECT COUNT(*) FROM ledger_accounts WHERE balance_fen <> 0", DB_NOARGS), 0);
	assert_int_equal(one(d, "SELECT COUNT(*) FROM ledger_entries", DB_NOARGS), 6);
	/* filed (checked), reviewed, publicity, payable, paid, reversed, paid, recovered; and the booking */
	assert_int_equal(
		one(d,
		    "SELECT COUNT(*) FROM audit_log WHERE entity = 'subsidy_claim' AND entity_id = $1 AND "
		    "action LIKE 'subsidy_claim.%' AND seq > $2",
		    DB_ARGS(DV_S(json_dumps_id(id)), DV_I(seq0))),
		8);
	assert_int_equal(one(d,
			     "SELECT COUNT(*) FROM audit_log WHERE action = 'ledger.recovered' AND seq > $1",
			     DB_ARGS(DV_I(seq0))),
			 1);
	db_close(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_property),
		cmocka_unit_test(test_db_refuses_unbalanced),
		cmocka_unit_test(test_verify_finds_tampering),
		cmocka_unit_test(test_parallel_duplicates),
		cmocka_unit_test(test_claim_flow),
	};
	int rc = cmocka_run_group_tests_name("sqlite", tests, dbtest_group_sqlite, dbtest_group_done);
	if (getenv("JINENG_TEST_PG") && *getenv("JINENG_TEST_PG"))
		rc |= cmocka_run_group_tests_name("postgres", tests, dbtest_group_pg, NULL);
	return rc;
}
