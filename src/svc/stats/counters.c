/* counters.c: the statistics counters (counters.h). For each counted entity one source query reads the
 * fields that decide its counters (core/statkey.h struct stat_src, in this column order: region,
 * occupation, level, institution type, institution, date1, date2, t1, status, flag, amount); the write path
 * reads one row by its key, verify and rebuild read them all. */
#include "util/common.h"
#include "svc/stats/counters.h"
#include "svc/cultivation/elearn.h"
#include "svc/base/svc.h"
#include "svc/stats/cache.h"
#include "svc/stats/group_counts.h"
#include <pthread.h>

static const struct source {
	const char *select; /* the 11 columns FROM ... */
	const char *key;    /* the condition naming one row ($1, $2) */
} sources[STE_COUNT] = {
	[STE_CERTIFICATE] =
		{"SELECT i.region_code, c.occupation_code, c.level, i.type, c.institution_id, "
		 "c.issued_on, c.revoked_on, 0, c.status, 0, 0 FROM certificates c JOIN institutions "
		 "i ON i.id = c.institution_id",
		 "c.number = $1"},
	[STE_RESULT] = {"SELECT i.region_code, r.occupation_code, r.level, i.type, r.institution_id, "
			"r.exam_date, NULL, 0, '', r.passed, 0 FROM results r JOIN institutions i ON i.id = "
			"r.institution_id",
			"r.id = $1"},
	[STE_REGISTRATION] =
		{"SELECT i.region_code, p.occupation_code, p.level, i.type, p.institution_id, NULL, "
		 "NULL, g.created_at, g.status, 0, 0 FROM registrations g JOIN plans p ON p.id = "
		 "g.plan_id JOIN institutions i ON i.id = p.institution_id",
		 "g.id = $1"},
	[STE_SITTING] =
		{"SELECT i.region_code, p.occupation_code, p.level, i.type, p.institution_id, NULL, NULL, "
		 "s.starts_at, '', 0, 0 FROM sittings s JOIN plans p ON p.id = s.plan_id JOIN "
		 "institutions i ON i.id = p.institution_id",
		 "s.id = $1"},
	/* completed: the hours of the sessions attended reach the class's completion hours (classes.c) */
	[STE_ENROLMENT] =
		{"SELECT i.region_code, co.occupation_code, co.level, i.type, tc.institution_id, NULL, "
		 "NULL, e.created_at, '', CASE WHEN (SELECT COALESCE(SUM(ts.hours), 0) FROM "
		 "training_attendance ta JOIN training_sessions ts ON ts.id = ta.session_id WHERE "
		 "ts.class_id = e.class_id AND ta.person_id = e.person_id) + " ELEARN_CLASS_HOURS(
			 "e.class_id", "e.person_id") " >= tc.completion_hours THEN "
						      "1 ELSE 0 END, 0 FROM training_enrolments e JOIN "
						      "training_classes tc ON tc.id = "
						      "e.class_id JOIN training_courses co ON co.id = "
						      "tc.course_id JOIN institutions i ON "
						      "i.id = tc.institution_id",
		 "e.class_id = $1 AND e.person_id = $2"},
	/* a claim is bound to its region; the employer gives the institution type only (a claim is the
	 * person's, not the employer's: no institution reads it, core/scope.c SE_SUBSIDY_CLAIM) */
	[STE_CLAIM] = {"SELECT sc.region_code, sc.occupation_code, sc.level, COALESCE(i.type, ''), 0, "
		       "sc.applied_on, NULL, 0, sc.status, 0, sc.amount_fen FROM subsidy_claims sc LEFT JOIN "
		       "institutions i ON i.id = sc.employer_id",
		       "sc.id = $1"},
	[STE_COMPLAINT] =
		{"SELECT cp.region_code, '', -1, COALESCE(i.type, ''), COALESCE(cp.institution_id, 0), "
		 "cp.received_on, NULL, 0, cp.outcome, 0, 0 FROM complaints cp LEFT JOIN institutions "
		 "i ON i.id = cp.institution_id",
		 "cp.id = $1"},
	[STE_INSPECTION] =
		{"SELECT i.region_code, p.occupation_code, p.level, i.type, p.institution_id, NULL, "
		 "NULL, COALESCE(ins.signed_at, 0), ins.status, 0, 0 FROM inspections ins JOIN "
		 "sittings s ON s.id = ins.sitting_id JOIN plans p ON p.id = s.plan_id JOIN "
		 "institutions i ON i.id = p.institution_id",
		 "ins.id = $1"},
	/* a competition entry is bound to its 选送单位 (the nominating city, or institution and its region);
	 * occupation: the event's ('' for a WorldSkills skill); no level */
	[STE_COMP_ENTRY] =
		{"SELECT en.unit_region, COALESCE(ev.occupation_code, ''), -1, COALESCE(i.type, ''), "
		 "COALESCE(en.unit_institution_id, 0), NULL, NULL, en.created_at, en.status, 0, 0 FROM "
		 "competition_entries en JOIN competition_events ev ON ev.id = en.event_id LEFT JOIN "
		 "institutions i ON i.id = en.unit_institution_id",
		 "en.id = $1"},
	/* results: an event's are computed (and recomputed) together, so the key names the event and every
	 * result row of it counts; the month is the competition's last day; status is the medal code */
	[STE_COMP_RESULT] =
		{"SELECT en.unit_region, COALESCE(ev.occupation_code, ''), -1, COALESCE(i.type, ''), "
		 "COALESCE(en.unit_institution_id, 0), cm.ends_on, NULL, 0, r.medal, 0, 0 FROM "
		 "competition_results r JOIN competition_entries en ON en.id = r.entry_id JOIN "
		 "competition_events ev ON ev.id = r.event_id JOIN competitions cm ON cm.id = "
		 "ev.competition_id LEFT JOIN institutions i ON i.id = en.unit_institution_id",
		 "r.event_id = $1"},
	/* 特级 / 首席技师: the post's enterprise binds the row; level is the rung on core/ladder.h (6 特级, 7
	 * 首席) */
	[STE_POST_APPOINTMENT] =
		{"SELECT pa.region_code, '', CASE pa.rung WHEN 'special' THEN 6 WHEN 'chief' THEN 7 ELSE -1 "
		 "END, i.type, pa.institution_id, pa.starts_on, NULL, 0, pa.status, 0, 0 FROM "
		 "post_appointments pa JOIN institutions i ON i.id = pa.institution_id",
		 "pa.id = $1"},
	/* a nomination is bound to the city that nominated it (4 digits there, the city's 6-digit code
	 * here); no institution reads the counters of it */
	[STE_NOMINATION] = {"SELECT substr(sn.region_code, 1, 4) || '00', '', -1, '', 0, sn.term_start, "
			    "sn.ended_on, sn.created_at, "
			    "sn.status, 0, 0 FROM selection_nominations sn",
			    "sn.id = $1"},
	[STE_ALLOWANCE] =
		{"SELECT substr(sn.region_code, 1, 4) || '00', '', -1, '', 0, sp.month || '-01', NULL, 0, "
		 "sp.status, 0, "
		 "sp.amount_fen FROM selection_payments sp JOIN selection_nominations sn ON sn.id = "
		 "sp.nomination_id",
		 "sp.id = $1"},
};

static void read_src(db_stmt *st, struct stat_src *s)
{
	*s = (struct stat_src){
		.region = db_text(st, 0),
		.occupation = db_text(st, 1),
		.level = db_isnull(st, 2) ? STAT_NO_LEVEL : db_int(st, 2),
		.inst_type = db_text(st, 3),
		.institution_id = db_int(st, 4),
		.date1 = db_text(st, 5),
		.date2 = db_text(st, 6),
		.t1 = db_int(st, 7),
		.status = db_text(st, 8),
		.flag = db_int(st, 9),
		.amount = db_int(st, 10),
	};
}

static pthread_once_t switch_once = PTHREAD_ONCE_INIT;
static bool counters_on = true;

static void read_switch(void)
{
	const char *v = getenv("JINENG_STATS_COUNTERS");
	counters_on = !(v && (!strcmp(v, "off") || !strcmp(v, "0")));
}

bool stat_counters_on(void)
{
	pthread_once(&switch_once, read_switch);
	return counters_on;
}

static const char upsert_sql[] =
	"INSERT INTO stat_counts (metric, region_code, occupation_code, level, inst_type, institution_id, "
	"month, shard, n, amount) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) ON CONFLICT (metric, region_code, "
	"occupation_code, level, inst_type, institution_id, month, shard) DO UPDATE SET n = stat_counts.n + "
	"excluded.n, amount = stat_counts.amount + excluded.amount";

static int upsert(db *d, const struct stat_key *k, int shard, int64_t n, int64_t amount, err *e)
{
	return db_run(d, upsert_sql,
		      DB_ARGS(DV_S(stat_metric_name(k->metric)), DV_S(k->region), DV_S(k->occupation),
			      DV_I(k->level), DV_S(k->inst_type), DV_I(k->institution_id), DV_S(k->month),
			      DV_I(shard), DV_I(n), DV_I(amount)),
		      e) < 0
		       ? -1
		       : 0;
}

/* ---- the upserts of a write transaction, summed per key and written before its COMMIT (db_defer) ----
 * A batch of 40 certificates of one institution, occupation, level and month is one upsert, not 40: on
 * PostgreSQL each is a round trip and an index probe in the backend (docs/PERFORMANCE.md, 统计计数). The
 * entries are kept in the order they came, each with the transaction level that added it; since a deeper
 * level always ends before its parent adds more, the levels never decrease along the array, and a rolled
 * back level is a tail cut off. Written in key order, so two transactions take the rows' locks in the same
 * order. */
struct pending_delta {
	struct stat_delta x;
	int depth;
};

struct pending {
	struct pending_delta *v;
	size_t n, cap;
};

static void *pending_make(void)
{
	return calloc(1, sizeof(struct pending));
}

static void pending_drop(void *state, int depth)
{
	struct pending *p = state;
	while (p->n && p->v[p->n - 1].depth >= depth)
		p->n--;
}

static void pending_lower(void *state, int depth)
{
	struct pending *p = state;
	for (size_t i = p->n; i > 0 && p->v[i - 1].depth >= depth; i--)
		p->v[i - 1].depth = depth - 1;
}

static void pending_free(void *state)
{
	struct pending *p = state;
	free(p->v);
	free(p);
}

static int key_cmp(const struct stat_key *a, const struct stat_key *b)
{
	int c;
	if (a->metric != b->metric)
		return a->metric < b->metric ? -1 : 1;
	if ((c = strcmp(a->region, b->region)) || (c = strcmp(a->occupation, b->occupation)))
		return c;
	if (a->level != b->level)
		return a->level < b->level ? -1 : 1;
	if ((c = strcmp(a->inst_type, b->inst_type)))
		return c;
	if (a->institution_id != b->institution_id)
		return a->institution_id < b->institution_id ? -1 : 1;
	return strcmp(a->month, b->month);
}

static int pending_cmp(const void *a, const void *b)
{
	return key_cmp(&((const struct pending_delta *)a)->x.k, &((const struct pending_delta *)b)->x.k);
}

static int upsert(db *d, const struct stat_key *k, int shard, int64_t n, int64_t amount, err *e);

static int pending_flush(db *d, void *state, err *e)
{
	struct pending *p = state;
	if (!p->n)
		return 0;
	qsort(p->v, p->n, sizeof *p->v, pending_cmp);
	int shard = stat_shard((uint64_t)(uintptr_t)d);
	for (size_t i = 0; i < p->n;) {
		size_t j = i + 1;
		int64_t n = p->v[i].x.n, amount = p->v[i].x.amount;
		for (; j < p->n && !key_cmp(&p->v[j].x.k, &p->v[i].x.k); j++) {
			n += p->v[j].x.n;
			amount += p->v[j].x.amount;
		}
		/* what cancelled out within the transaction (counted out and in again) writes nothing */
		if ((n || amount) && upsert(d, &p->v[i].x.k, shard, n, amount, e) != 0) {
			p->n = 0;
			return -1;
		}
		i = j;
	}
	p->n = 0;
	return 0;
}

static const struct db_deferred pending_ops = {pending_make, pending_flush, pending_drop, pending_lower,
					       pending_free};

/* the deltas into the transaction's pending upserts; false when they must be written at once (outside a
 * write transaction, or no memory) */
static bool pending_add(db *d, const struct stat_delta *dl, size_t n, int sign)
{
	struct pending *p = db_defer(d, &pending_ops);
	if (!p)
		return false;
	if (p->n + n > p->cap) {
		size_t cap = p->cap ? p->cap : 16;
		while (cap < p->n + n)
			cap *= 2;
		struct pending_delta *v = realloc(p->v, cap * sizeof *v);
		if (!v)
			return false;
		p->v = v;
		p->cap = cap;
	}
	int depth = db_depth(d);
	for (size_t i = 0; i < n; i++) {
		p->v[p->n] = (struct pending_delta){dl[i], depth};
		p->v[p->n].x.n *= sign;
		p->v[p->n].x.amount *= sign;
		p->n++;
	}
	return true;
}

/* a certificate and its person's 重点群体 categories in one statement (the certificate-issuing path's two
 * reads in one round trip: docs/PERFORMANCE.md, 统计计数): the certificate's source columns, then the
 * category, valid_from and valid_to of each category the person holds (one row each; one row of NULLs when
 * none), from which the group counters' source of the certificate (group_counts.c gsources) is made */
static const char cert_with_groups[] =
	"SELECT i.region_code, c.occupation_code, c.level, i.type, c.institution_id, c.issued_on, "
	"c.revoked_on, 0, c.status, 0, 0, pc.category, pc.valid_from, pc.valid_to, c.number FROM "
	"certificates c JOIN institutions i ON i.id = c.institution_id LEFT JOIN person_categories pc ON "
	"pc.person_id = c.person_id WHERE c.number";

/* the group deltas of one row of cert_with_groups appended to *gl (group_deltas_add); 0, or -1 with e set */
static int cert_group_row(db_stmt *st, const struct stat_src *s, struct group_delta **gl, size_t *gn,
			  size_t *gcap, err *e)
{
	if (db_isnull(st, 11))
		return 0;
	struct group_src g = {
		.category = db_text(st, 11),
		.valid_from = db_text(st, 12),
		.valid_to = db_isnull(st, 13) ? NULL : db_text(st, 13),
		.region = s->region,
		.level = s->level,
		.institution_id = s->institution_id,
		.date = s->date1,
		.date2 = db_isnull(st, 6) ? NULL : s->date2,
		.status = s->status,
	};
	return group_deltas_add(GE_CERTIFICATE, &g, gl, gn, gcap, e);
}

/* the counters (and 重点群体 counters) of the rows `st` reads (ent's source; for certificates
 * cert_with_groups, ordered by number when it names several) moved by sign: in the transaction's pending
 * upserts, or written at once outside one. k1, k2: the key, for group_count (not used for certificates) */
static int count_rows(db *d, enum stat_entity ent, db_stmt *st, dbv k1, dbv k2, int sign, err *e)
{
	bool cert = ent == STE_CERTIFICATE;
	char last[40] = "";
	struct group_delta *gl = NULL;
	size_t gn = 0, gcap = 0;
	/* the deltas of every row the key names (one row, or an event's results), collected before the
	 * upserts so that no statement is open while they run */
	struct stat_delta one[STAT_MAX_DELTAS], *dl = one;
	size_t n = 0, cap = STAT_MAX_DELTAS;
	int rc, bad = 0;
	while ((rc = db_row(st, e)) > 0) {
		struct stat_src s;
		struct stat_delta x[STAT_MAX_DELTAS];
		read_src(st, &s);
		if (cert) {
			/* one certificate: its counters from the first row, its categories from every row */
			if (cert_group_row(st, &s, &gl, &gn, &gcap, e) != 0) {
				bad = 3; /* e set */
				break;
			}
			const char *number = db_text(st, 14);
			if (!strcmp(number, last))
				continue;
			snprintf(last, sizeof last, "%s", number);
		}
		int k = stat_deltas(ent, &s, x);
		if (k < 0) {
			bad = 1;
			break;
		}
		if (n + (size_t)k > cap) {
			size_t ncap = cap * 4;
			struct stat_delta *nd = malloc(ncap * sizeof *nd);
			if (!nd) {
				bad = 2;
				break;
			}
			memcpy(nd, dl, n * sizeof *nd);
			if (dl != one)
				free(dl);
			dl = nd;
			cap = ncap;
		}
		memcpy(dl + n, x, (size_t)k * sizeof *x);
		n += (size_t)k;
	}
	db_done(st);
	int out = 0;
	if (bad == 1)
		out = ERR_INTERNAL(e, "stat_count: a key field does not fit");
	else if (bad == 2)
		out = ERR_INTERNAL(e, "stat_count: out of memory");
	else if (bad == 3 || rc < 0)
		out = -1;
	int shard = stat_shard((uint64_t)(uintptr_t)d);
	if (!out && !pending_add(d, dl, n, sign))
		for (size_t i = 0; !out && i < n; i++)
			if (upsert(d, &dl[i].k, shard, sign * dl[i].n, sign * dl[i].amount, e) != 0)
				out = -1;
	if (dl != one)
		free(dl);
	if (n)
		stats_cache_touch(); /* the dashboards' answers made before are stale */
	/* the same row by 重点群体 (every entity with a person; group_counts.h) */
	if (!out &&
	    (cert ? group_count_deltas(d, gl, gn, sign, e) : group_count(d, ent, k1, k2, sign, e)) != 0)
		out = -1;
	free(gl);
	return out;
}

int stat_count_db(db *d, enum stat_entity ent, dbv k1, dbv k2, int sign, err *e)
{
	if ((unsigned)ent >= STE_COUNT)
		return ERR_INTERNAL(e, "stat_count: unknown entity");
	if (!stat_counters_on())
		return 0;
	char sql[1024];
	if (ent == STE_CERTIFICATE)
		snprintf(sql, sizeof sql, "%s = $1", cert_with_groups);
	else
		snprintf(sql, sizeof sql, "%s WHERE %s", sources[ent].select, sources[ent].key);
	db_stmt *st = ent == STE_ENROLMENT ? db_query(d, sql, DB_ARGS(k1, k2), e)
					   : db_query(d, sql, DB_ARGS(k1), e);
	return st ? count_rows(d, ent, st, k1, k2, sign, e) : -1;
}

int stat_count(tx *t, enum stat_entity ent, dbv k1, dbv k2, int sign, err *e)
{
	return stat_count_db(t->d, ent, k1, k2, sign, e);
}

int stat_count_certificates(tx *t, const char *const *numbers, size_t n, int sign, err *e)
{
	if (!stat_counters_on())
		return 0;
	/* read CERT_CHUNK at a time, each piece padded to a power of two with its last number again (IN
	 * ignores the repeat): seven statement texts in all, each prepared once per connection */
	enum { CERT_CHUNK = 64 };
	for (size_t at = 0; at < n;) {
		size_t k = n - at < CERT_CHUNK ? n - at : CERT_CHUNK, m = 1;
		while (m < k)
			m *= 2;
		char sql[2048];
		int len = snprintf(sql, sizeof sql, "%s IN (", cert_with_groups);
		dbv args[CERT_CHUNK];
		for (size_t i = 0; i < m; i++) {
			args[i] = DV_S(numbers[at + (i < k ? i : k - 1)]);
			len += snprintf(sql + len, sizeof sql - (size_t)len, i ? ",$%zu" : "$%zu", i + 1);
		}
		snprintf(sql + len, sizeof sql - (size_t)len, ") ORDER BY c.number");
		db_stmt *st = db_query(t->d, sql, args, (int)m, e);
		if (!st || count_rows(t->d, STE_CERTIFICATE, st, DV_NULL, DV_NULL, sign, e) != 0)
			return -1;
		at += k;
	}
	return 0;
}

/* ---- recomputation: an open-addressing map from key to (n, amount) ---- */

struct cell {
	struct stat_key k;
	int64_t n, amount, stored_n, stored_amount;
	bool used;
};

struct map {
	struct cell *c;
	size_t cap, len;
};

static uint64_t key_hash(const struct stat_key *k)
{
	uint64_t h = 1469598103934665603ULL;
#define MIX(p, len)                                                                                          \
	for (size_t i_ = 0; i_ < (len); i_++)                                                                \
		h = (h ^ ((const unsigned char *)(p))[i_]) * 1099511628211ULL;
	MIX(&k->metric, sizeof k->metric);
	MIX(k->region, strlen(k->region));
	MIX("|", 1);
	MIX(k->occupation, strlen(k->occupation));
	MIX("|", 1);
	MIX(&k->level, sizeof k->level);
	MIX(k->inst_type, strlen(k->inst_type));
	MIX("|", 1);
	MIX(&k->institution_id, sizeof k->institution_id);
	MIX(k->month, strlen(k->month));
#undef MIX
	return h;
}

static struct cell *map_get(struct map *m, const struct stat_key *k)
{
	if ((m->len + 1) * 2 > m->cap) {
		size_t ncap = m->cap ? m->cap * 2 : 1024;
		struct cell *nc = calloc(ncap, sizeof *nc);
		if (!nc)
			return NULL;
		for (size_t i = 0; i < m->cap; i++) {
			if (!m->c[i].used)
				continue;
			size_t j = key_hash(&m->c[i].k) & (ncap - 1);
			while (nc[j].used)
				j = (j + 1) & (ncap - 1);
			nc[j] = m->c[i];
		}
		free(m->c);
		m->c = nc;
		m->cap = ncap;
	}
	size_t j = key_hash(k) & (m->cap - 1);
	while (m->c[j].used) {
		if (!key_cmp(&m->c[j].k, k))
			return &m->c[j];
		j = (j + 1) & (m->cap - 1);
	}
	m->c[j].used = true;
	m->c[j].k = *k;
	m->len++;
	return &m->c[j];
}

static int recompute(db *d, struct map *m, err *e)
{
	for (int ent = 0; ent < STE_COUNT; ent++) {
		db_stmt *st = db_query(d, sources[ent].select, DB_NOARGS, e);
		if (!st)
			return -1;
		while (db_step(st) == DB_ROW) {
			struct stat_src s;
			struct stat_delta dl[STAT_MAX_DELTAS];
			read_src(st, &s);
			int n = stat_deltas((enum stat_entity)ent, &s, dl);
			if (n < 0) {
				db_done(st);
				return ERR_INTERNAL(e, "stats: a key field does not fit");
			}
			for (int i = 0; i < n; i++) {
				struct cell *c = map_get(m, &dl[i].k);
				if (!c) {
					db_done(st);
					return ERR_INTERNAL(e, "stats: out of memory");
				}
				c->n += dl[i].n;
				c->amount += dl[i].amount;
			}
		}
		if (db_finish(st, e) != 0)
			return -1;
	}
	return 0;
}

static int load_stored(db *d, struct map *m, err *e)
{
	db_stmt *st = db_query(
		d,
		"SELECT metric, region_code, occupation_code, level, inst_type, institution_id, month, "
		"SUM(n), SUM(amount) FROM stat_counts GROUP BY metric, region_code, occupation_code, "
		"level, inst_type, institution_id, month",
		DB_NOARGS, e);
	if (!st)
		return -1;
	while (db_step(st) == DB_ROW) {
		struct stat_key k = {0};
		int metric = stat_metric_parse(db_text(st, 0));
		k.metric = metric < 0 ? SM_COUNT : (enum stat_metric)metric;
		snprintf(k.region, sizeof k.region, "%s", db_text(st, 1));
		snprintf(k.occupation, sizeof k.occupation, "%s", db_text(st, 2));
		k.level = db_int(st, 3);
		snprintf(k.inst_type, sizeof k.inst_type, "%s", db_text(st, 4));
		k.institution_id = db_int(st, 5);
		snprintf(k.month, sizeof k.month, "%s", db_text(st, 6));
		struct cell *c = map_get(m, &k);
		if (!c) {
			db_done(st);
			return ERR_INTERNAL(e, "stats: out of memory");
		}
		c->stored_n += db_int(st, 7);
		c->stored_amount += db_int(st, 8);
	}
	return db_finish(st, e);
}

int stats_verify(db *d, FILE *out, int64_t *differences, int64_t *keys, err *e)
{
	struct map m = {0};
	int rc = -1;
	*differences = 0;
	*keys = 0;
	/* one snapshot for the raw tables and the counters, so writers running meanwhile cannot make a
	 * difference appear (SQLite: a read transaction; PostgreSQL: a REPEATABLE READ read-only one) */
	bool pg = db_dialect_of(d) == DB_PG;
	if (pg ? db_exec(d, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") != DB_OK
	       : db_read_begin(d) != 0) {
		err_set(e, 503, "db_unavailable", NULL, "数据库不可用", "database unavailable");
		return -1;
	}
	if (recompute(d, &m, e) != 0 || load_stored(d, &m, e) != 0 ||
	    group_verify(d, out, differences, keys, e) != 0)
		goto done;
	for (size_t i = 0; i < m.cap; i++) {
		struct cell *c = &m.c[i];
		if (!c->used || (!c->n && !c->amount && !c->stored_n && !c->stored_amount))
			continue;
		(*keys)++;
		if (c->n == c->stored_n && c->amount == c->stored_amount)
			continue;
		(*differences)++;
		if (out)
			fprintf(out,
				"%s region=%s occupation=%s level=%lld type=%s institution=%lld month=%s: "
				"counted n=%lld amount=%lld, recomputed n=%lld amount=%lld\n",
				(unsigned)c->k.metric < SM_COUNT ? stat_metric_name(c->k.metric)
								 : "(unknown metric)",
				c->k.region, c->k.occupation, (long long)c->k.level, c->k.inst_type,
				(long long)c->k.institution_id, c->k.month, (long long)c->stored_n,
				(long long)c->stored_amount, (long long)c->n, (long long)c->amount);
	}
	rc = 0;
done:
	if (pg)
		(void)db_exec(d, "COMMIT");
	else
		db_read_end(d);
	free(m.c);
	return rc;
}

struct rebuild_ctx {
	int64_t keys;
};

static int rebuild_work(tx *t, void *p, err *e)
{
	struct rebuild_ctx *c = p;
	struct map m = {0};
	int rc = -1;
	c->keys = 0;
	if (db_run(t->d, "DELETE FROM stat_counts", DB_NOARGS, e) < 0 || recompute(t->d, &m, e) != 0 ||
	    group_rebuild(t->d, &c->keys, e) != 0)
		goto done;
	for (size_t i = 0; i < m.cap; i++) {
		struct cell *x = &m.c[i];
		if (!x->used || (!x->n && !x->amount))
			continue;
		if (upsert(t->d, &x->k, 0, x->n, x->amount, e) != 0)
			goto done;
		c->keys++;
	}
	tx_audit_key(t, "stats.rebuild", "stat_counts", "all",
		     json_pack("{sI}", "keys", (json_int_t)c->keys));
	rc = 0;
done:
	free(m.c);
	return rc;
}

int stats_rebuild(db *d, const principal *a, int64_t *keys, err *e)
{
	struct rebuild_ctx c = {0};
	int rc = svc_tx(d, a, rebuild_work, &c, e);
	stats_cache_touch();
	*keys = c.keys;
	return rc;
}
