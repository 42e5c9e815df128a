/* demo_scale.c: the province-size history (issue 17 item 6, docs/DOMAIN.md §60): `jineng demo --size
 * province` adds 10,000,000 certificates and 5,000,000 registrations spread over the 60 months before this
 * one to the demo province, generated in SQL as bench/verify.sh generates its certificates (a series of x in
 * one INSERT
 * ... SELECT each; no signing: the QR payload and signature columns stay empty, kid 'demo-scale'), and counts
 * them in the statistics counters in the same transaction by INSERT ... SELECT ... GROUP BY with the keys of
 * core/statkey.c, and the counters by 重点群体 rebuilt (`jineng stats verify` recomputes both and agrees), so
 * the dashboards and reports run on a province's volume. Audited `demo.scale`. Each institution issues in
 * three occupations (its own, spread over the catalogue) at the five levels; each registration belongs to a
 * plan of an institution, an occupation, a level and a year (a plan per institution, occupation, level and
 * year, archived), made on a day of its year; one certificate in 200 is revoked. Smaller runs name the
 * numbers (`--certs N --registrations N`). Idempotent: the rows with kid 'demo-scale' / plans titled
 * '规模演示' already there are kept, the rest added. */
#include "util/common.h"
#include "demo/demo.h"
#include "svc/base/svc.h"
#include "svc/base/tx.h"
#include "svc/auth/auth.h"
#include "svc/stats/group_counts.h"
#include "core/date.h"
#include <time.h>

static int run(db *d, const char *sql, err *e)
{
	return db_run(d, sql, DB_NOARGS, e) < 0 ? -1 : 0;
}

static int64_t count(db *d, const char *sql, err *e)
{
	int64_t n = -1;
	if (db_one_int(d, sql, DB_NOARGS, &n, e) != DB_OK)
		return -1;
	return n;
}

/* the engine's series 0..n-1 as a table g(x), and its text of a date and epoch seconds of one */
struct dialect {
	char series[160];
	const char *date_fmt; /* printf: year expr, month expr, day expr */
	const char *epoch_fmt;
};

static void dialect_of(db *d, int64_t n, struct dialect *t)
{
	if (db_dialect_of(d) == DB_PG) {
		/* bigint: x * 7919 (a person of certificate x) passes 2^31 from x = 271,183 on */
		snprintf(t->series, sizeof t->series, "SELECT generate_series(CAST(0 AS BIGINT), %lld) AS x",
			 (long long)n - 1);
		t->date_fmt =
			"to_char(make_date(CAST(%s AS INT), CAST(%s AS INT), CAST(%s AS INT)), 'YYYY-MM-DD')";
		t->epoch_fmt = "CAST(extract(epoch FROM CAST(%s AS DATE)) AS BIGINT) + 7200";
	} else {
		snprintf(t->series, sizeof t->series,
			 "WITH RECURSIVE s(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM s WHERE x < %lld) "
			 "SELECT x "
			 "FROM s",
			 (long long)n - 1);
		t->date_fmt = "printf('%%04d-%%02d-%%02d', %s, %s, %s)";
		t->epoch_fmt = "CAST(strftime('%%s', %s) AS INTEGER) + 7200";
	}
}

/* the work tables: institutions, occupations and persons numbered from 0 */
static int work_tables(db *d, err *e)
{
	static const char *const sql[] = {
		"DROP TABLE IF EXISTS scale_insts",
		"DROP TABLE IF EXISTS scale_occs",
		"DROP TABLE IF EXISTS scale_persons",
		"CREATE TABLE scale_insts (k INTEGER PRIMARY KEY, id INTEGER, name TEXT)",
		"CREATE TABLE scale_occs (k INTEGER PRIMARY KEY, code TEXT, name TEXT)",
		"CREATE TABLE scale_persons (k INTEGER PRIMARY KEY, id INTEGER, name TEXT, id_type TEXT, "
		"id_masked "
		"TEXT)",
		"INSERT INTO scale_insts SELECT ROW_NUMBER() OVER (ORDER BY id) - 1, id, name FROM "
		"institutions",
		"INSERT INTO scale_occs SELECT ROW_NUMBER() OVER (ORDER BY code) - 1, code, name FROM "
		"occupations "
		"WHERE code NOT LIKE 'ZX%'",
		"INSERT INTO scale_persons SELECT ROW_NUMBER() OVER (ORDER BY id) - 1, id, name, id_type, "
		"id_masked "
		"FROM persons",
	};
	for (size_t i = 0; i < ARRAY_LEN(sql); i++)
		if (run(d, sql[i], e) != 0)
			return -1;
	return 0;
}

static int drop_work_tables(db *d, err *e)
{
	return run(d, "DROP TABLE scale_insts", e) || run(d, "DROP TABLE scale_occs", e) ||
			       run(d, "DROP TABLE scale_persons", e)
		       ? -1
		       : 0;
}

/* the counters of the generated rows (ids above the marks), as stat_deltas counts them: certificates issued
 * (issued_on) and revoked (revoked_on) by the issuing institution; registrations submitted and approved by
 * the plan's institution, occupation and level in the month of created_at in China time */
static int count_rows(db *d, int64_t cert_mark, int64_t reg_mark, err *e)
{
	bool pg = db_dialect_of(d) == DB_PG;
	const char *reg_month =
		pg ? "to_char(to_timestamp(g.created_at + 28800) AT TIME ZONE 'UTC', 'YYYY-MM')"
		   : "strftime('%Y-%m', g.created_at + 28800, 'unixepoch')";
	static const char upsert[] = " ON CONFLICT (metric, region_code, occupation_code, level, inst_type, "
				     "institution_id, month, "
				     "shard) DO UPDATE SET n = stat_counts.n + excluded.n, amount = "
				     "stat_counts.amount + excluded.amount";
	char sql[2048];
	static const char *const cert_metric[2][3] = {
		{"cert.issued", "c.issued_on", "1 = 1"},
		{"cert.revoked", "c.revoked_on", "c.status = 'revoked'"},
	};
	for (int k = 0; k < 2; k++) {
		snprintf(sql, sizeof sql,
			 "INSERT INTO stat_counts (metric, region_code, occupation_code, level, inst_type, "
			 "institution_id, month, shard, n, amount) SELECT '%s', i.region_code, "
			 "c.occupation_code, "
			 "c.level, i.type, c.institution_id, substr(%s, 1, 7), 0, COUNT(*), 0 FROM "
			 "certificates c "
			 "JOIN institutions i ON i.id = c.institution_id WHERE c.id > %lld AND %s GROUP BY "
			 "i.region_code, c.occupation_code, c.level, i.type, c.institution_id, substr(%s, 1, "
			 "7)%s",
			 cert_metric[k][0], cert_metric[k][1], (long long)cert_mark, cert_metric[k][2],
			 cert_metric[k][1], upsert);
		if (run(d, sql, e) != 0)
			return -1;
	}
	static const char *const reg_metric[2][2] = {
		{"registration.submitted", "1 = 1"},
		{"registration.approved", "g.status = 'approved'"},
	};
	for (int k = 0; k < 2; k++) {
		snprintf(sql, sizeof sql,
			 "INSERT INTO stat_counts (metric, region_code, occupation_code, level, inst_type, "
			 "institution_id, month, shard, n, amount) SELECT '%s', i.region_code, "
			 "p.occupation_code, "
			 "p.level, i.type, p.institution_id, %s, 0, COUNT(*), 0 FROM registrations g JOIN "
			 "plans p ON "
			 "p.id = g.plan_id JOIN institutions i ON i.id = p.institution_id WHERE g.id > %lld "
			 "AND %s "
			 "GROUP BY i.region_code, p.occupation_code, p.level, i.type, p.institution_id, %s%s",
			 reg_metric[k][0], reg_month, (long long)reg_mark, reg_metric[k][1], reg_month,
			 upsert);
		if (run(d, sql, e) != 0)
			return -1;
	}
	return 0;
}

struct scale_ctx {
	int64_t certs, regs, added_c, added_r;
};

static int scale_work(tx *tx_, void *p, err *e)
{
	struct scale_ctx *c = p;
	db *d = tx_->d;
	char sql[4096], date[512], epoch[640];
	c->added_c = c->added_r = 0;
	int64_t have_c = count(d, "SELECT COUNT(*) FROM certificates WHERE kid = 'demo-scale'", e);
	int64_t have_r = count(d,
			       "SELECT COUNT(*) FROM registrations g JOIN plans p ON p.id = g.plan_id WHERE "
			       "p.title = '规模演示'",
			       e);
	int64_t cert_mark = count(d, "SELECT COALESCE(MAX(id), 0) FROM certificates", e);
	int64_t reg_mark = count(d, "SELECT COALESCE(MAX(id), 0) FROM registrations", e);
	if (have_c < 0 || have_r < 0 || cert_mark < 0 || reg_mark < 0)
		return -1;
	/* the 60 months before this one (China time): month m of x is start + x % 60; the plans' years the
	 * five before this one */
	char today[11];
	date_format(date_today_utc8(), today);
	int y = atoi(today), mo = atoi(today + 5);
	int64_t start = (int64_t)y * 12 + (mo - 1) - 60; /* months since year 0 */
	if (work_tables(d, e) != 0)
		return -1;
	int64_t ni = count(d, "SELECT COUNT(*) FROM scale_insts", e),
		no = count(d, "SELECT COUNT(*) FROM scale_occs", e),
		np = count(d, "SELECT COUNT(*) FROM scale_persons", e);
	if (ni <= 0 || no <= 0 || np <= 0) {
		if (ni >= 0 && no >= 0 && np >= 0)
			err_set(e, 409, "no_demo", NULL, "先创建演示省份（机构、职业、人员）",
				"create the demo province first (institutions, occupations, persons)");
		return -1;
	}
	struct dialect t;
	if (have_c < c->certs) {
		int64_t n = c->certs - have_c;
		dialect_of(d, n, &t);
		/* x numbered on from the rows already there, so numbers and status indexes stay unique */
		char mexpr[96], yexpr[128], mm[128], dd[96];
		snprintf(mexpr, sizeof mexpr, "(%lld + (x + %lld) %% 60)", (long long)start,
			 (long long)have_c);
		snprintf(yexpr, sizeof yexpr, "(%s / 12)", mexpr);
		snprintf(mm, sizeof mm, "(%s %% 12 + 1)", mexpr);
		snprintf(dd, sizeof dd, "(1 + ((x + %lld) / 60) %% 28)", (long long)have_c);
		snprintf(date, sizeof date, t.date_fmt, yexpr, mm, dd);
		(void)snprintf(
			sql, sizeof sql,
			"INSERT INTO certificates (number, kind, person_id, institution_id, occupation_code, "
			"occupation, level, name, id_type, id_masked, issuer, issued_on, status, "
			"revoked_reason, "
			"revoked_on, kid, payload, signature, status_index, created_at) SELECT 'DS' || "
			"CAST(%lld + x "
			"AS TEXT), 'occupation', p.id, i.id, o.code, o.name, 1 + (x / 7) %% 5, p.name, "
			"p.id_type, "
			"p.id_masked, i.name, %s, CASE WHEN x %% 200 = 199 THEN 'revoked' ELSE 'valid' END, "
			"CASE "
			"WHEN x %% 200 = 199 THEN '规模演示撤销' END, CASE WHEN x %% 200 = 199 THEN %s END, "
			"'demo-scale', '', '', %lld + x, 0 FROM (%s) g JOIN scale_insts i ON i.k = (x / 3) "
			"%% %lld "
			"JOIN scale_occs o ON o.k = (i.k * 7 + x %% 3) %% %lld JOIN scale_persons p ON p.k = "
			"(x * "
			"7919) %% %lld",
			(long long)(1000000000LL + have_c), date, date, (long long)(3000000000LL + have_c),
			t.series, (long long)ni, (long long)no, (long long)np);
		if (run(d, "DROP INDEX IF EXISTS certificates_person", e) != 0 ||
		    run(d, "DROP INDEX IF EXISTS certificates_institution", e) != 0 || run(d, sql, e) != 0 ||
		    run(d, "CREATE INDEX certificates_person ON certificates(person_id)", e) != 0 ||
		    run(d, "CREATE INDEX certificates_institution ON certificates(institution_id, issued_on)",
			e) != 0)
			return -1;
		c->added_c = n;
	}
	if (have_r < c->regs) {
		/* the plans: one per institution, its three occupations, five levels and five years */
		int64_t have_p = count(d, "SELECT COUNT(*) FROM plans WHERE title = '规模演示'", e);
		if (have_p < 0)
			return -1;
		int64_t nplans = ni * 3 * 5 * 5;
		if (have_p == 0) {
			dialect_of(d, nplans, &t);
			char yexpr[96];
			snprintf(yexpr, sizeof yexpr, "(%d + (x / 15) %% 5)", y - 5);
			snprintf(date, sizeof date, t.date_fmt, yexpr, "6", "30");
			(void)snprintf(sql, sizeof sql,
				       "INSERT INTO plans (institution_id, occupation_code, level, title, "
				       "reg_start, "
				       "reg_end, exam_date, capacity, subjects, status, created_at, "
				       "updated_at) SELECT "
				       "i.id, o.code, 1 + x %% 5, '规模演示', %s, %s, %s, 100000, "
				       "'theory|practical', "
				       "'archived', 0, 0 FROM (%s) g JOIN scale_insts i ON i.k = x / 75 JOIN "
				       "scale_occs o "
				       "ON o.k = (i.k * 7 + (x / 5) %% 3) %% %lld",
				       date, date, date, t.series, (long long)no);
			if (run(d, sql, e) != 0)
				return -1;
		} else if (have_p != nplans) {
			return err_set(e, 409, "scale_plans", NULL, "规模演示的考核计划数与机构数不符",
				       "the scale demo's plans do not match the institutions");
		}
		if (run(d, "DROP TABLE IF EXISTS scale_plans", e) != 0 ||
		    run(d, "CREATE TABLE scale_plans (k INTEGER PRIMARY KEY, id INTEGER, year INTEGER)", e) !=
			    0 ||
		    run(d,
			"INSERT INTO scale_plans SELECT ROW_NUMBER() OVER (ORDER BY id) - 1, id, "
			"CAST(substr(exam_date, "
			"1, 4) AS INTEGER) FROM plans WHERE title = '规模演示'",
			e) != 0)
			return -1;
		int64_t n = c->regs - have_r;
		dialect_of(d, n, &t);
		/* registration x: plan x % nplans, person (q * 997 + plan * 13) % persons with q = x / nplans
		 * (one registration of a person per plan while q * 997 < persons), made on a day of the
		 * plan's year */
		char qx[96], mm[128], dd[128], day[512];
		snprintf(qx, sizeof qx, "((x + %lld) / %lld)", (long long)have_r, (long long)nplans);
		snprintf(mm, sizeof mm, "(1 + %s %% 12)", qx);
		snprintf(dd, sizeof dd, "(1 + (%s / 12) %% 28)", qx);
		snprintf(day, sizeof day, t.date_fmt, "pl.year", mm, dd);
		snprintf(epoch, sizeof epoch, t.epoch_fmt, day);
		(void)snprintf(sql, sizeof sql,
			       "INSERT INTO registrations (plan_id, person_id, option_id, eligible, status, "
			       "created_at) SELECT pl.id, p.id, 'a', 1, CASE WHEN x %% 10 = 9 THEN "
			       "'rejected' WHEN x "
			       "%% 10 = 8 THEN 'submitted' ELSE 'approved' END, %s FROM (%s) g JOIN "
			       "scale_plans pl ON "
			       "pl.k = (x + %lld) %% %lld JOIN scale_persons p ON p.k = (%s * 997 + pl.k * "
			       "13) %% %lld",
			       epoch, t.series, (long long)have_r, (long long)nplans, qx, (long long)np);
		if (run(d, "DROP INDEX IF EXISTS registrations_person", e) != 0 || run(d, sql, e) != 0 ||
		    run(d, "CREATE INDEX registrations_person ON registrations(person_id)", e) != 0 ||
		    run(d, "DROP TABLE scale_plans", e) != 0)
			return -1;
		c->added_r = n;
	}
	/* the counters by 重点群体 too: a generated row of a demo person in a key group (退役军人, 残疾人
	 * ...) counts under each of its categories; rebuilt from the tables, as `jineng stats rebuild` does,
	 * since their keys come from core/groupkey.c's rules rather than one GROUP BY (a few persons hold
	 * categories, read through the person indexes) */
	int64_t gkeys = 0;
	if (drop_work_tables(d, e) != 0 || count_rows(d, cert_mark, reg_mark, e) != 0 ||
	    group_rebuild(d, &gkeys, e) != 0)
		return -1;
	tx_audit_key(tx_, "demo.scale", "demo", "scale",
		     json_pack("{s:I,s:I}", "certificates", (json_int_t)c->added_c, "registrations",
			       (json_int_t)c->added_r));
	return 0;
}

int demo_scale(db *d, int64_t certs, int64_t regs, int64_t *added_certs, int64_t *added_regs, err *e)
{
	struct scale_ctx c = {.certs = certs, .regs = regs};
	principal sys;
	principal_system(&sys, "demo");
	int rc = svc_tx(d, &sys, scale_work, &c, e);
	*added_certs = rc == 0 ? c.added_c : 0;
	*added_regs = rc == 0 ? c.added_r : 0;
	return rc;
}
