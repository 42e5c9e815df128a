/* svc/stats/counters.c on SQLite (always) and PostgreSQL (when JINENG_TEST_PG is a URL): a property run of
 * concurrent writers. THREADS connections at once each write complaints with their counter step in the same
 * transaction (stat_count_db); some transactions then fail on a constraint after the counter step (a second
 * row with the same code_hash) and roll back; some move a complaint (another city, an outcome) with the -1 /
 * +1 steps around the change; some roll back on purpose after everything. At the end the counters equal a
 * model of what committed, and stats_verify (every counter recomputed from the raw rows) finds no difference;
 * an altered counter is then found, and stats_rebuild mends it. Every other unit is a competition entry
 * (STE_COMP_ENTRY: nominated in a city, some approved with -1 / +1 around the change, some failing on the
 * unique (event, person) after the counter step, some rolled back); then the event's results are computed
 * twice the way svc/competition/results.c does (its old results counted out by event, deleted, the new
 * ones inserted and counted in), and the competition counters equal the model too. */
#define DBTEST_NAME "statcount"
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#include <pthread.h>
#include "store/db.h"
#include "svc/stats/counters.h"
#include "dbtest.h"

#define THREADS 4
#define OPS	60

static const principal sys = {.role = ROLE_PROVINCE_ADMIN, .username = "system:test"};
static pthread_barrier_t barrier;
static char tag[32];

static int64_t one(db *d, const char *sql, const dbv *args, int nargs)
{
	int64_t n = -1;
	err e = {0};
	assert_int_equal(db_one_int(d, sql, args, nargs, &n, &e), DB_OK);
	return n;
}

static void run(db *d, const char *sql)
{
	err e = {0};
	if (db_run(d, sql, DB_NOARGS, &e) < 0)
		fail_msg("%s: %s", sql, e.en);
}

struct worker {
	unsigned seed;
	int id;
	/* what committed: received per city (0 济南, 1 青岛), upheld in total */
	int64_t received[2], upheld;
	/* competition entries that committed: entered per city, approved in total */
	int64_t entered[2], approved;
	int committed, failed, rolled_back, retried;
	char error[400];
};

static const char *const cities[2] = {"370100", "370200"};
static int64_t event_id, group_id, competition_id;

/* a competition entry unit: a person and their entry counted, then a duplicate, an approval or a rollback */
static int entry_unit(db *d, struct worker *w, int op, err *e)
{
	unsigned r = (unsigned)rand_r(&w->seed);
	int city = (int)(r % 2), month = 1 + (int)(r / 2 % 3), fate = (int)(r / 8 % 8);
	char idx[64];
	snprintf(idx, sizeof idx, "%s-p-%d-%d", tag, w->id, op);
	int64_t at = 1768435200 + (int64_t)(month - 1) * 30 * 86400; /* 2026-01-15 + 30 days a month */
	if (db_begin(d, e) != 0)
		return -1;
	db_stmt *st = db_query(d,
			       "INSERT INTO persons (name, id_type, id_sealed, id_index, id_masked, "
			       "region_code, created_at, updated_at) VALUES ('测试', 'resident', 'x', $1, "
			       "'3701********0000', $2, 0, 0) RETURNING id",
			       DB_ARGS(DV_S(idx), DV_S(cities[city])), e);
	int rc = st ? db_row(st, e) : -1;
	int64_t pid = rc > 0 ? db_int(st, 0) : 0;
	db_done(st);
	if (!pid)
		goto fail;
	static const char ins[] =
		"INSERT INTO competition_entries (competition_id, event_id, group_id, grp, person_id, "
		"unit_name, unit_region, created_by, created_at, updated_at) VALUES ($1, $2, $3, 'worker', "
		"$4, "
		"'测试单位', $5, 1, $6, $6) RETURNING id";
	st = db_query(d, ins,
		      DB_ARGS(DV_I(competition_id), DV_I(event_id), DV_I(group_id), DV_I(pid),
			      DV_S(cities[city]), DV_I(at)),
		      e);
	rc = st ? db_row(st, e) : -1;
	int64_t id = rc > 0 ? db_int(st, 0) : 0;
	db_done(st);
	if (!id || stat_count_db(d, STE_COMP_ENTRY, DV_I(id), DV_NULL, +1, e) != 0)
		goto fail;
	if (fate == 0) {
		/* the same person entered twice: fails on the unique (event, person) after the counter step
		 */
		st = db_query(d, ins,
			      DB_ARGS(DV_I(competition_id), DV_I(event_id), DV_I(group_id), DV_I(pid),
				      DV_S(cities[city]), DV_I(at)),
			      e);
		rc = st ? db_row(st, e) : -1;
		db_done(st);
		if (rc > 0) {
			snprintf(w->error, sizeof w->error, "a duplicate entry was accepted");
			goto fail;
		}
		db_rollback(d);
		w->failed++;
		err_clear(e);
		return 0;
	}
	bool approved = false;
	if (fate <= 4) {
		if (stat_count_db(d, STE_COMP_ENTRY, DV_I(id), DV_NULL, -1, e) != 0 ||
		    db_run(d, "UPDATE competition_entries SET status = 'approved' WHERE id = $1",
			   DB_ARGS(DV_I(id)), e) < 0 ||
		    stat_count_db(d, STE_COMP_ENTRY, DV_I(id), DV_NULL, +1, e) != 0)
			goto fail;
		approved = true;
	}
	if (fate == 7) {
		db_rollback(d);
		w->rolled_back++;
		return 0;
	}
	if (db_commit(d, e) != 0) {
		db_rollback(d);
		return -1;
	}
	w->committed++;
	w->entered[city]++;
	w->approved += approved;
	return 0;
fail:
	db_rollback(d);
	return -1;
}

/* the event's results as svc/competition/results.c writes them: the old ones counted out by event and
 * deleted, the approved entries' inserted (a medal for every `every`-th) and counted in; the medals given */
static int64_t compute_results(db *d, int every)
{
	err e = {0};
	assert_int_equal(db_begin(d, &e), 0);
	assert_int_equal(stat_count_db(d, STE_COMP_RESULT, DV_I(event_id), DV_NULL, -1, &e), 0);
	assert_true(db_run(d, "DELETE FROM competition_results WHERE event_id = $1", DB_ARGS(DV_I(event_id)),
			   &e) >= 0);
	assert_true(db_run(d,
			   "INSERT INTO competition_results (event_id, entry_id, total_cm, modules, scaled, "
			   "place, medal) SELECT event_id, id, 0, '[]', 0, 1, CASE WHEN id % $2 = 0 THEN "
			   "'gold' ELSE '' END FROM competition_entries WHERE event_id = $1 AND status = "
			   "'approved'",
			   DB_ARGS(DV_I(event_id), DV_I(every)), &e) >= 0);
	assert_int_equal(stat_count_db(d, STE_COMP_RESULT, DV_I(event_id), DV_NULL, +1, &e), 0);
	assert_int_equal(db_commit(d, &e), 0);
	return one(d, "SELECT COUNT(*) FROM competition_results WHERE event_id = $1 AND medal <> ''",
		   DB_ARGS(DV_I(event_id)));
}

/* one unit: a complaint counted, then (by the dice) a duplicate that fails, a move, or a rollback */
static int unit(db *d, struct worker *w, int op, err *e)
{
	unsigned r = (unsigned)rand_r(&w->seed);
	int city = (int)(r % 2), month = 1 + (int)(r / 2 % 3), fate = (int)(r / 8 % 8);
	char hash[64], day[11];
	snprintf(hash, sizeof hash, "%s-%d-%d", tag, w->id, op);
	snprintf(day, sizeof day, "2026-%02d-15", month);
	if (db_begin(d, e) != 0)
		return -1;
	db_stmt *st =
		db_query(d,
			 "INSERT INTO complaints (code_hash, category, subject_kind, region_code, text, "
			 "received_on, ack_due, reply_due, created_at, updated_at) VALUES ($1, 'fees', "
			 "'general', $2, 'test', $3, $3, $3, 1, 1) RETURNING id",
			 DB_ARGS(DV_S(hash), DV_S(cities[city]), DV_S(day)), e);
	int rc = st ? db_row(st, e) : -1;
	int64_t id = rc > 0 ? db_int(st, 0) : 0;
	db_done(st);
	if (!id || stat_count_db(d, STE_COMPLAINT, DV_I(id), DV_NULL, +1, e) != 0)
		goto fail;
	if (fate == 0) {
		/* a write that fails on a constraint after the counter step: the unit rolls back */
		if (db_run(d,
			   "INSERT INTO complaints (code_hash, category, subject_kind, region_code, text, "
			   "received_on, ack_due, reply_due, created_at, updated_at) VALUES ($1, 'fees', "
			   "'general', $2, 'dup', $3, $3, $3, 1, 1)",
			   DB_ARGS(DV_S(hash), DV_S(cities[city]), DV_S(day)), e) >= 0) {
			snprintf(w->error, sizeof w->error, "a duplicate code_hash was accepted");
			goto fail;
		}
		db_rollback(d);
		w->failed++;
		err_clear(e);
		return 0;
	}
	bool upheld = false;
	if (fate <= 3) {
		/* moved to the other city and decided upheld: counted out before, in after */
		if (stat_count_db(d, STE_COMPLAINT, DV_I(id), DV_NULL, -1, e) != 0 ||
		    db_run(d, "UPDATE complaints SET region_code = $2, outcome = 'upheld' WHERE id = $1",
			   DB_ARGS(DV_I(id), DV_S(cities[1 - city])), e) < 0 ||
		    stat_count_db(d, STE_COMPLAINT, DV_I(id), DV_NULL, +1, e) != 0)
			goto fail;
		city = 1 - city;
		upheld = true;
	}
	if (fate == 7) {
		/* everything written and counted, then rolled back */
		db_rollback(d);
		w->rolled_back++;
		return 0;
	}
	if (db_commit(d, e) != 0) {
		db_rollback(d);
		return -1;
	}
	w->committed++;
	w->received[city]++;
	w->upheld += upheld;
	return 0;
fail:
	db_rollback(d);
	return -1;
}

static void *work(void *p)
{
	struct worker *w = p;
	db *d = dbtest_open();
	if (!d) {
		snprintf(w->error, sizeof w->error, "no connection");
		pthread_barrier_wait(&barrier);
		return NULL;
	}
	pthread_barrier_wait(&barrier);
	for (int op = 0; op < OPS && !w->error[0]; op++) {
		err e = {0};
		if ((op % 2 ? entry_unit(d, w, op, &e) : unit(d, w, op, &e)) != 0) {
			/* a deadlock or serialisation failure between writers of the same counter rows: the
			 * unit was rolled back whole, as svc_tx would before running it again */
			if (e.status == 503) {
				w->retried++;
				continue;
			}
			snprintf(w->error, sizeof w->error, "op %d: %d %s %.300s", op, e.status,
				 e.code ? e.code : "", e.en);
		}
	}
	db_close(d);
	return NULL;
}

static int64_t counted(db *d, const char *metric, const char *region)
{
	return one(
		d,
		"SELECT COALESCE(SUM(n), 0) FROM stat_counts WHERE metric = $1 AND region_code LIKE $2 AND "
		"month BETWEEN '2026-01' AND '2026-03'",
		DB_ARGS(DV_S(metric), DV_S(region)));
}

static void test_concurrent_writers(void **state)
{
	UNUSED(state);
	db *d = dbtest_open();
	assert_non_null(d);
	err e = {0};
	snprintf(tag, sizeof tag, "statcount-%ld", (long)getpid());
	run(d, "INSERT INTO regions (code, name, parent_code, level) VALUES ('370000', '山东省', NULL, "
	       "'province') "
	       "ON CONFLICT DO NOTHING");
	run(d, "INSERT INTO regions (code, name, parent_code, level) VALUES ('370100', '济南市', '370000', "
	       "'city') "
	       "ON CONFLICT DO NOTHING");
	run(d, "INSERT INTO regions (code, name, parent_code, level) VALUES ('370200', '青岛市', '370000', "
	       "'city') "
	       "ON CONFLICT DO NOTHING");
	/* a competition of 济南 ending in March 2026, with one event and its group */
	char cname[64];
	snprintf(cname, sizeof cname, "%s 竞赛", tag);
	competition_id = one(
		d,
		"INSERT INTO competitions (name, tier, organiser_name, organiser_kind, region_code, "
		"starts_on, "
		"ends_on, status, created_by, created_at, updated_at) VALUES ($1, 'city', '济南市', 'city', "
		"'370100', '2026-03-01', '2026-03-31', 'open', 1, 0, 0) RETURNING id",
		DB_ARGS(DV_S(cname)));
	event_id =
		one(d,
		    "INSERT INTO competition_events (competition_id, name, created_at) VALUES ($1, '电工', "
		    "0) RETURNING id",
		    DB_ARGS(DV_I(competition_id)));
	group_id = one(d, "INSERT INTO competition_groups (event_id, grp) VALUES ($1, 'worker') RETURNING id",
		       DB_ARGS(DV_I(event_id)));
	/* a clean start: the counters of whatever the database holds already */
	int64_t keys = 0, diffs = -1;
	assert_int_equal(stats_rebuild(d, &sys, &keys, &e), 0);
	int64_t before[2] = {counted(d, "complaint.received", "370100"),
			     counted(d, "complaint.received", "370200")};
	int64_t upheld0 = counted(d, "complaint.upheld", "37%");
	int64_t entered0[2] = {counted(d, "competition.entered", "370100"),
			       counted(d, "competition.entered", "370200")};
	int64_t approved0 = counted(d, "competition.approved", "37%"),
		placed0 = counted(d, "competition.placed", "37%"),
		awarded0 = counted(d, "competition.awarded", "37%");

	struct worker w[THREADS];
	pthread_t th[THREADS];
	pthread_barrier_init(&barrier, NULL, THREADS);
	unsigned seed =
		(unsigned)(getenv("JINENG_STATS_SEED") ? atoi(getenv("JINENG_STATS_SEED")) : getpid());
	print_message("stat counters: seed %u (JINENG_STATS_SEED replays it)\n", seed);
	for (int i = 0; i < THREADS; i++) {
		w[i] = (struct worker){.seed = seed * 31u + (unsigned)i, .id = i};
		assert_int_equal(pthread_create(&th[i], NULL, work, &w[i]), 0);
	}
	for (int i = 0; i < THREADS; i++)
		pthread_join(th[i], NULL);
	pthread_barrier_destroy(&barrier);
	int64_t received[2] = {0, 0}, upheld = 0, entered[2] = {0, 0}, approved = 0;
	int committed = 0, failed = 0, rolled = 0, retried = 0;
	for (int i = 0; i < THREADS; i++) {
		if (w[i].error[0])
			fail_msg("writer %d: %s", i, w[i].error);
		received[0] += w[i].received[0];
		received[1] += w[i].received[1];
		upheld += w[i].upheld;
		entered[0] += w[i].entered[0];
		entered[1] += w[i].entered[1];
		approved += w[i].approved;
		committed += w[i].committed;
		failed += w[i].failed;
		rolled += w[i].rolled_back;
		retried += w[i].retried;
	}
	print_message("stat counters: %d committed, %d failed after the counter step, %d rolled back, %d "
		      "conflicts between writers\n",
		      committed, failed, rolled, retried);
	assert_true(committed > 0 && failed > 0 && rolled > 0);
	/* the counters moved by what committed, and by nothing else */
	assert_int_equal(counted(d, "complaint.received", "370100") - before[0], received[0]);
	assert_int_equal(counted(d, "complaint.received", "370200") - before[1], received[1]);
	assert_int_equal(counted(d, "complaint.upheld", "37%") - upheld0, upheld);
	assert_int_equal(counted(d, "competition.entered", "370100") - entered0[0], entered[0]);
	assert_int_equal(counted(d, "competition.entered", "370200") - entered0[1], entered[1]);
	assert_int_equal(counted(d, "competition.approved", "37%") - approved0, approved);
	assert_true(approved > 0);
	/* the event's results, computed and then recomputed with other medals: counted once, as they stand */
	int64_t medals = compute_results(d, 2);
	assert_int_equal(counted(d, "competition.placed", "37%") - placed0, approved);
	assert_int_equal(counted(d, "competition.awarded", "37%") - awarded0, medals);
	medals = compute_results(d, 3);
	assert_int_equal(counted(d, "competition.placed", "37%") - placed0, approved);
	assert_int_equal(counted(d, "competition.awarded", "37%") - awarded0, medals);
	char like[48];
	snprintf(like, sizeof like, "%s-%%", tag);
	snprintf(cname, sizeof cname, "%s-p-%%", tag);
	assert_int_equal(
		one(d, "SELECT COUNT(*) FROM complaints WHERE code_hash LIKE $1", DB_ARGS(DV_S(like))) +
			one(d, "SELECT COUNT(*) FROM persons WHERE id_index LIKE $1", DB_ARGS(DV_S(cname))),
		committed);
	/* and every counter equals its recomputation */
	assert_int_equal(stats_verify(d, NULL, &diffs, &keys, &e), 0);
	assert_int_equal(diffs, 0);
	assert_true(keys > 0);

	/* an altered counter is found; rebuild mends it */
	run(d, "UPDATE stat_counts SET n = n + 1 WHERE metric = 'complaint.received' AND region_code = "
	       "'370200'");
	assert_int_equal(stats_verify(d, NULL, &diffs, &keys, &e), 0);
	assert_true(diffs > 0);
	assert_int_equal(stats_rebuild(d, &sys, &keys, &e), 0);
	assert_int_equal(stats_verify(d, NULL, &diffs, &keys, &e), 0);
	assert_int_equal(diffs, 0);
	db_close(d);
}

/* ---- the counters' upserts deferred to the commit (counters.c, store/db.h db_defer) ---- */

static int64_t complaint(db *d, const char *name, const char *city)
{
	char hash[96];
	snprintf(hash, sizeof hash, "%s-sp-%s", tag, name);
	int64_t id =
		one(d,
		    "INSERT INTO complaints (code_hash, category, subject_kind, region_code, text, "
		    "received_on, ack_due, reply_due, created_at, updated_at) VALUES ($1, 'fees', "
		    "'general', $2, 'test', '2025-11-15', '2025-11-15', '2025-11-15', 1, 1) RETURNING id",
		    DB_ARGS(DV_S(hash), DV_S(city)));
	err e = {0};
	assert_int_equal(stat_count_db(d, STE_COMPLAINT, DV_I(id), DV_NULL, +1, &e), 0);
	return id;
}

static int64_t november(db *d, const char *city)
{
	return one(d,
		   "SELECT COALESCE(SUM(n), 0) FROM stat_counts WHERE metric = 'complaint.received' AND "
		   "region_code = $1 AND month = '2025-11'",
		   DB_ARGS(DV_S(city)));
}

/* a transaction with savepoints: what a rolled-back level counted is not written, what a released level
 * counted is; a row counted out and in again elsewhere moves; an outer rollback writes nothing; a failure of
 * the deferred writes fails the commit and nothing of the transaction stays */
static void test_deferred_savepoints(void **state)
{
	UNUSED(state);
	db *d = dbtest_open();
	assert_non_null(d);
	err e = {0};
	if (!tag[0])
		snprintf(tag, sizeof tag, "statcount-%ld", (long)getpid());
	run(d, "INSERT INTO regions (code, name, parent_code, level) VALUES ('370000', '山东省', NULL, "
	       "'province') ON CONFLICT DO NOTHING");
	run(d, "INSERT INTO regions (code, name, parent_code, level) VALUES ('370100', '济南市', '370000', "
	       "'city') ON CONFLICT DO NOTHING");
	run(d, "INSERT INTO regions (code, name, parent_code, level) VALUES ('370200', '青岛市', '370000', "
	       "'city') ON CONFLICT DO NOTHING");
	int64_t jn = november(d, "370100"), qd = november(d, "370200");

	assert_int_equal(db_begin(d, &e), 0);
	complaint(d, "a", "370100"); /* the transaction's own: kept */
	assert_int_equal(db_begin(d, &e), 0);
	complaint(d, "b", "370100"); /* a savepoint rolled back: not counted */
	db_rollback(d);
	assert_int_equal(db_begin(d, &e), 0);
	complaint(d, "c", "370100"); /* a savepoint released: kept */
	assert_int_equal(db_commit(d, &e), 0);
	assert_int_equal(db_begin(d, &e), 0);
	assert_int_equal(db_begin(d, &e), 0);
	complaint(d, "d", "370100"); /* released into a level that is then rolled back: not counted */
	assert_int_equal(db_commit(d, &e), 0);
	db_rollback(d);
	int64_t moved = complaint(d, "e", "370100"); /* counted in 济南, then moved to 青岛 */
	assert_int_equal(stat_count_db(d, STE_COMPLAINT, DV_I(moved), DV_NULL, -1, &e), 0);
	assert_true(db_run(d, "UPDATE complaints SET region_code = '370200' WHERE id = $1",
			   DB_ARGS(DV_I(moved)), &e) >= 0);
	assert_int_equal(stat_count_db(d, STE_COMPLAINT, DV_I(moved), DV_NULL, +1, &e), 0);
	assert_int_equal(db_commit(d, &e), 0);
	assert_int_equal(november(d, "370100"), jn + 2);
	assert_int_equal(november(d, "370200"), qd + 1);

	/* counted, then the whole transaction rolled back */
	assert_int_equal(db_begin(d, &e), 0);
	complaint(d, "f", "370100");
	db_rollback(d);
	assert_int_equal(november(d, "370100"), jn + 2);

	/* the deferred upserts fail at the commit (their table renamed in the transaction): the commit
	 * fails and neither the complaint nor the rename stays */
	assert_int_equal(db_begin(d, &e), 0);
	complaint(d, "g", "370100");
	run(d, "ALTER TABLE stat_counts RENAME TO stat_counts_gone");
	assert_int_not_equal(db_commit(d, &e), 0);
	err_clear(&e);
	char hash[96];
	snprintf(hash, sizeof hash, "%s-sp-g", tag);
	assert_int_equal(one(d, "SELECT COUNT(*) FROM complaints WHERE code_hash = $1", DB_ARGS(DV_S(hash))),
			 0);
	assert_int_equal(november(d, "370100"), jn + 2);

	int64_t keys = 0, diffs = -1;
	assert_int_equal(stats_verify(d, NULL, &diffs, &keys, &e), 0);
	assert_int_equal(diffs, 0);
	db_close(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_concurrent_writers),
		cmocka_unit_test(test_deferred_savepoints),
	};
	int rc = cmocka_run_group_tests_name("sqlite", tests, dbtest_group_sqlite, dbtest_group_done);
	if (dbtest_pg_url())
		rc |= cmocka_run_group_tests_name("postgres", tests, dbtest_group_pg, NULL);
	return rc;
}
