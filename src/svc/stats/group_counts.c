/* group_counts.c: the counters by 重点群体 (group_counts.h). One source query per entity reads each (row,
 * flag) pair in the order of struct group_src: category, valid_from, valid_to, region, level, institution,
 * date, t, status, flag, amount, date2. */
#include "util/common.h"
#include "svc/stats/group_counts.h"
#include "svc/stats/stats_int.h"
#include "svc/stats/cache.h"
#include "svc/stats/counters.h"
#include "svc/cultivation/elearn.h"
#include "core/groupkey.h"
#include "core/scope.h"

static const struct gsource {
	const char *select; /* the 12 columns FROM ... */
	const char *key;    /* the row, as stat_count names it ($1, $2) */
} gsources[GE_COUNT] = {
	[GE_ENROLMENT] = {"SELECT pc.category, pc.valid_from, pc.valid_to, i.region_code, co.level, "
			  "tc.institution_id, "
			  "NULL, e.created_at, '', CASE WHEN (SELECT COALESCE(SUM(ts.hours), 0) FROM "
			  "training_attendance ta JOIN training_sessions ts ON ts.id = ta.session_id WHERE "
			  "ts.class_id = "
			  "e.class_id AND ta.person_id = e.person_id) + " ELEARN_CLASS_HOURS(
				  "e.class_id",
				  "e.person_id") " >= tc.completion_hours THEN 1 ELSE 0 END, 0, NULL FROM "
						 "training_enrolments e JOIN person_categories pc ON "
						 "pc.person_id = e.person_id JOIN training_classes tc ON "
						 "tc.id = e.class_id JOIN training_courses co ON co.id = "
						 "tc.course_id JOIN institutions i ON i.id = "
						 "tc.institution_id",
			  "e.class_id = $1 AND e.person_id = $2"},
	[GE_CLAIM] = {"SELECT pc.category, pc.valid_from, pc.valid_to, sc.region_code, sc.level, 0, "
		      "sc.applied_on, 0, sc.status, 0, sc.amount_fen, NULL FROM subsidy_claims sc JOIN "
		      "person_categories pc ON pc.person_id = sc.person_id",
		      "sc.id = $1"},
	[GE_CERTIFICATE] =
		{"SELECT pc.category, pc.valid_from, pc.valid_to, i.region_code, c.level, "
		 "c.institution_id, c.issued_on, 0, c.status, 0, 0, c.revoked_on FROM certificates c JOIN "
		 "institutions i ON i.id = c.institution_id JOIN person_categories pc ON "
		 "pc.person_id = c.person_id",
		 "c.number = $1"},
	[GE_REGISTRATION] =
		{"SELECT pc.category, pc.valid_from, pc.valid_to, i.region_code, p.level, "
		 "p.institution_id, NULL, g.created_at, g.status, 0, 0, NULL FROM registrations g JOIN "
		 "plans p ON p.id = g.plan_id JOIN institutions i ON i.id = p.institution_id JOIN "
		 "person_categories pc ON pc.person_id = g.person_id",
		 "g.id = $1"},
	[GE_RESULT] = {"SELECT pc.category, pc.valid_from, pc.valid_to, i.region_code, r.level, "
		       "r.institution_id, r.exam_date, 0, '', r.passed, 0, NULL FROM results r JOIN "
		       "institutions i ON "
		       "i.id = r.institution_id JOIN person_categories pc ON pc.person_id = r.person_id",
		       "r.id = $1"},
	[GE_COMP_ENTRY] =
		{"SELECT pc.category, pc.valid_from, pc.valid_to, en.unit_region, -1, "
		 "COALESCE(en.unit_institution_id, 0), NULL, en.created_at, en.status, 0, 0, NULL FROM "
		 "competition_entries en JOIN person_categories pc ON pc.person_id = en.person_id",
		 "en.id = $1"},
	/* bound to the nominating city as §42's allowance.paid; dated by the first day of the month paid for
	 */
	[GE_ALLOWANCE] =
		{"SELECT pc.category, pc.valid_from, pc.valid_to, substr(sn.region_code, 1, 4) || "
		 "'00', -1, 0, sp.month || '-01', 0, sp.status, 0, sp.amount_fen, NULL FROM "
		 "selection_payments sp JOIN selection_nominations sn ON sn.id = sp.nomination_id JOIN "
		 "person_categories pc ON pc.person_id = sp.person_id",
		 "sp.id = $1"},
	/* a competition's results are computed together (the key names the event, as §42's counter): every
	 * result row counts under its entry's person, by the competition's last day; status is the medal */
	[GE_COMP_RESULT] = {"SELECT pc.category, pc.valid_from, pc.valid_to, en.unit_region, -1, "
			    "COALESCE(en.unit_institution_id, 0), cm.ends_on, 0, r.medal, 0, 0, NULL FROM "
			    "competition_results r JOIN competition_entries en ON en.id = r.entry_id JOIN "
			    "competition_events ev ON ev.id = r.event_id JOIN competitions cm ON cm.id = "
			    "ev.competition_id JOIN person_categories pc ON pc.person_id = en.person_id",
			    "r.event_id = $1"},
	/* 特级 / 首席技师: the post's enterprise binds the row; level the rung (6 特级, 7 首席) */
	[GE_POST_APPOINTMENT] =
		{"SELECT pc.category, pc.valid_from, pc.valid_to, pa.region_code, CASE pa.rung "
		 "WHEN 'special' THEN 6 WHEN 'chief' THEN 7 ELSE -1 END, pa.institution_id, "
		 "pa.starts_on, 0, pa.status, 0, 0, NULL FROM post_appointments pa JOIN "
		 "person_categories pc ON pc.person_id = pa.person_id",
		 "pa.id = $1"},
	/* a nomination: bound to the nominating city; nominated by created_at, appointed by term_start,
	 * ended by ended_on */
	[GE_NOMINATION] =
		{"SELECT pc.category, pc.valid_from, pc.valid_to, substr(sn.region_code, 1, 4) || "
		 "'00', -1, 0, sn.term_start, sn.created_at, sn.status, 0, 0, sn.ended_on FROM "
		 "selection_nominations sn JOIN person_categories pc ON pc.person_id = sn.person_id",
		 "sn.id = $1"},
};

/* the person's rows of one category (group_count_flag) */
static const char flag_key[] = "pc.person_id = $1 AND pc.category = $2";

static int entity_of(enum stat_entity ent)
{
	switch (ent) {
	case STE_ENROLMENT:
		return GE_ENROLMENT;
	case STE_CLAIM:
		return GE_CLAIM;
	case STE_CERTIFICATE:
		return GE_CERTIFICATE;
	case STE_REGISTRATION:
		return GE_REGISTRATION;
	case STE_RESULT:
		return GE_RESULT;
	case STE_COMP_ENTRY:
		return GE_COMP_ENTRY;
	case STE_ALLOWANCE:
		return GE_ALLOWANCE;
	case STE_COMP_RESULT:
		return GE_COMP_RESULT;
	case STE_POST_APPOINTMENT:
		return GE_POST_APPOINTMENT;
	case STE_NOMINATION:
		return GE_NOMINATION;
	default:
		return -1;
	}
}

static void read_src(db_stmt *st, struct group_src *s)
{
	*s = (struct group_src){
		.category = db_text(st, 0),
		.valid_from = db_text(st, 1),
		.valid_to = db_isnull(st, 2) ? NULL : db_text(st, 2),
		.region = db_text(st, 3),
		.level = db_isnull(st, 4) ? STAT_NO_LEVEL : db_int(st, 4),
		.institution_id = db_int(st, 5),
		.date = db_isnull(st, 6) ? NULL : db_text(st, 6),
		.t = db_int(st, 7),
		.status = db_text(st, 8),
		.flag = db_int(st, 9),
		.amount = db_int(st, 10),
		.date2 = db_isnull(st, 11) ? NULL : db_text(st, 11),
	};
}

static const char upsert_sql[] =
	"INSERT INTO stat_group_counts (metric, category, region_code, level, institution_id, month, shard, "
	"n, "
	"amount) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) ON CONFLICT (metric, category, region_code, level, "
	"institution_id, month, shard) DO UPDATE SET n = stat_group_counts.n + excluded.n, amount = "
	"stat_group_counts.amount + excluded.amount";

static int upsert(db *d, const struct group_key *k, int shard, int64_t n, int64_t amount, err *e)
{
	return db_run(d, upsert_sql,
		      DB_ARGS(DV_S(group_metric_name(k->metric)), DV_S(k->category), DV_S(k->region),
			      DV_I(k->level), DV_I(k->institution_id), DV_S(k->month), DV_I(shard), DV_I(n),
			      DV_I(amount)),
		      e) < 0
		       ? -1
		       : 0;
}

/* the deltas of the rows `st` reads, collected before the upserts (no statement open while they run) */
int group_deltas_add(enum group_entity ge, const struct group_src *s, struct group_delta **dl, size_t *n,
		     size_t *cap, err *e)
{
	struct group_delta x[GROUP_MAX_DELTAS];
	int k = group_deltas(ge, s, x);
	if (k < 0)
		return ERR_INTERNAL(e, "group counters: a key field does not fit");
	if (k == 0)
		return 0; /* no category held on the row's date: nothing to count (and no array yet) */
	if (*n + (size_t)k > *cap) {
		size_t ncap = *cap ? *cap * 4 : 16;
		struct group_delta *nd = realloc(*dl, ncap * sizeof *nd);
		if (!nd)
			return ERR_INTERNAL(e, "group counters: out of memory");
		*dl = nd;
		*cap = ncap;
	}
	memcpy(*dl + *n, x, (size_t)k * sizeof *x);
	*n += (size_t)k;
	return 0;
}

static int count_rows(db *d, enum group_entity ge, db_stmt *st, int sign, err *e)
{
	struct group_delta *dl = NULL;
	size_t n = 0, cap = 0;
	int rc, out = 0;
	while ((rc = db_row(st, e)) > 0) {
		struct group_src s;
		read_src(st, &s);
		if ((out = group_deltas_add(ge, &s, &dl, &n, &cap, e)) != 0)
			break;
	}
	db_done(st);
	if (!out && rc < 0)
		out = -1;
	if (!out)
		out = group_count_deltas(d, dl, n, sign, e);
	free(dl);
	return out;
}

int group_count_deltas(db *d, const struct group_delta *dl, size_t n, int sign, err *e)
{
	int shard = stat_shard((uint64_t)(uintptr_t)d);
	for (size_t i = 0; i < n; i++)
		if (upsert(d, &dl[i].k, shard, sign * dl[i].n, sign * dl[i].amount, e) != 0)
			return -1;
	if (n)
		stats_cache_touch();
	return 0;
}

int group_count(db *d, enum stat_entity ent, dbv k1, dbv k2, int sign, err *e)
{
	int ge = entity_of(ent);
	if (ge < 0)
		return 0;
	char sql[1400];
	snprintf(sql, sizeof sql, "%s WHERE %s", gsources[ge].select, gsources[ge].key);
	db_stmt *st =
		ge == GE_ENROLMENT ? db_query(d, sql, DB_ARGS(k1, k2), e) : db_query(d, sql, DB_ARGS(k1), e);
	return st ? count_rows(d, (enum group_entity)ge, st, sign, e) : -1;
}

int group_count_flag(db *d, int64_t person, const char *category, int sign, err *e)
{
	if (!stat_counters_on())
		return 0;
	for (int ge = 0; ge < GE_COUNT; ge++) {
		char sql[1400];
		snprintf(sql, sizeof sql, "%s WHERE %s", gsources[ge].select, flag_key);
		db_stmt *st = db_query(d, sql, DB_ARGS(DV_I(person), DV_S(category)), e);
		if (!st || count_rows(d, (enum group_entity)ge, st, sign, e) != 0)
			return -1;
	}
	return 0;
}

/* ---- recomputation: the keys sorted in an array (the table is small beside stat_counts) ---- */

struct gcell {
	struct group_key k;
	int64_t n, amount, stored_n, stored_amount;
};

struct gmap {
	struct gcell *c;
	size_t len, cap;
};

static bool key_eq(const struct group_key *a, const struct group_key *b)
{
	return a->metric == b->metric && a->level == b->level && a->institution_id == b->institution_id &&
	       !strcmp(a->category, b->category) && !strcmp(a->region, b->region) &&
	       !strcmp(a->month, b->month);
}

static uint64_t key_hash(const struct group_key *k)
{
	uint64_t h = 1469598103934665603ULL;
	const char *parts[3] = {k->category, k->region, k->month};
	for (int p = 0; p < 3; p++)
		for (const char *s = parts[p]; *s; s++)
			h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	h = (h ^ (uint64_t)k->metric) * 1099511628211ULL;
	h = (h ^ (uint64_t)k->level) * 1099511628211ULL;
	return (h ^ (uint64_t)k->institution_id) * 1099511628211ULL;
}

static struct gcell *gmap_get(struct gmap *m, const struct group_key *k)
{
	if ((m->len + 1) * 2 > m->cap) {
		size_t ncap = m->cap ? m->cap * 2 : 256;
		struct gcell *nc = calloc(ncap, sizeof *nc);
		if (!nc)
			return NULL;
		for (size_t i = 0; i < m->cap; i++) {
			if (!m->c[i].k.category[0])
				continue;
			size_t j = key_hash(&m->c[i].k) & (ncap - 1);
			while (nc[j].k.category[0])
				j = (j + 1) & (ncap - 1);
			nc[j] = m->c[i];
		}
		free(m->c);
		m->c = nc;
		m->cap = ncap;
	}
	size_t j = key_hash(k) & (m->cap - 1);
	while (m->c[j].k.category[0]) {
		if (key_eq(&m->c[j].k, k))
			return &m->c[j];
		j = (j + 1) & (m->cap - 1);
	}
	m->c[j].k = *k;
	m->len++;
	return &m->c[j];
}

static int recompute(db *d, struct gmap *m, err *e)
{
	for (int ge = 0; ge < GE_COUNT; ge++) {
		db_stmt *st = db_query(d, gsources[ge].select, DB_NOARGS, e);
		if (!st)
			return -1;
		while (db_step(st) == DB_ROW) {
			struct group_src s;
			struct group_delta dl[GROUP_MAX_DELTAS];
			read_src(st, &s);
			int n = group_deltas((enum group_entity)ge, &s, dl);
			if (n < 0) {
				db_done(st);
				return ERR_INTERNAL(e, "group counters: a key field does not fit");
			}
			for (int i = 0; i < n; i++) {
				struct gcell *c = gmap_get(m, &dl[i].k);
				if (!c) {
					db_done(st);
					return ERR_INTERNAL(e, "group counters: out of memory");
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

static int load_stored(db *d, struct gmap *m, err *e)
{
	db_stmt *st =
		db_query(d,
			 "SELECT metric, category, region_code, level, institution_id, month, SUM(n), "
			 "SUM(amount) FROM stat_group_counts GROUP BY metric, category, region_code, level, "
			 "institution_id, month",
			 DB_NOARGS, e);
	if (!st)
		return -1;
	while (db_step(st) == DB_ROW) {
		struct group_key k = {0};
		int metric = group_metric_parse(db_text(st, 0));
		k.metric = metric < 0 ? GM_COUNT : (enum group_metric)metric;
		snprintf(k.category, sizeof k.category, "%s", db_text(st, 1));
		if (!k.category[0])
			snprintf(k.category, sizeof k.category, "(none)");
		snprintf(k.region, sizeof k.region, "%s", db_text(st, 2));
		k.level = db_int(st, 3);
		k.institution_id = db_int(st, 4);
		snprintf(k.month, sizeof k.month, "%s", db_text(st, 5));
		struct gcell *c = gmap_get(m, &k);
		if (!c) {
			db_done(st);
			return ERR_INTERNAL(e, "group counters: out of memory");
		}
		c->stored_n += db_int(st, 6);
		c->stored_amount += db_int(st, 7);
	}
	return db_finish(st, e);
}

int group_verify(db *d, FILE *out, int64_t *differences, int64_t *keys, err *e)
{
	struct gmap m = {0};
	int rc = -1;
	if (recompute(d, &m, e) != 0 || load_stored(d, &m, e) != 0)
		goto done;
	for (size_t i = 0; i < m.cap; i++) {
		struct gcell *c = &m.c[i];
		if (!c->k.category[0] || (!c->n && !c->amount && !c->stored_n && !c->stored_amount))
			continue;
		(*keys)++;
		if (c->n == c->stored_n && c->amount == c->stored_amount)
			continue;
		(*differences)++;
		if (out)
			fprintf(out,
				"%s category=%s region=%s level=%lld institution=%lld month=%s: counted "
				"n=%lld "
				"amount=%lld, recomputed n=%lld amount=%lld\n",
				(unsigned)c->k.metric < GM_COUNT ? group_metric_name(c->k.metric)
								 : "(unknown metric)",
				c->k.category, c->k.region, (long long)c->k.level,
				(long long)c->k.institution_id, c->k.month, (long long)c->stored_n,
				(long long)c->stored_amount, (long long)c->n, (long long)c->amount);
	}
	rc = 0;
done:
	free(m.c);
	return rc;
}

int group_rebuild(db *d, int64_t *keys, err *e)
{
	struct gmap m = {0};
	int rc = -1;
	if (db_run(d, "DELETE FROM stat_group_counts", DB_NOARGS, e) < 0 || recompute(d, &m, e) != 0)
		goto done;
	for (size_t i = 0; i < m.cap; i++) {
		struct gcell *x = &m.c[i];
		if (!x->k.category[0] || (!x->n && !x->amount))
			continue;
		if (upsert(d, &x->k, 0, x->n, x->amount, e) != 0)
			goto done;
		(*keys)++;
	}
	rc = 0;
done:
	free(m.c);
	return rc;
}

/* ---- the figures by category ---- */

/* adds the sums of the months from..to by category and metric into fig {category: {metric: value}} */
static int sum_period(db *d, const principal *a, const char *prefix, const char *from, const char *to,
		      bool last, json_t *fig, err *e)
{
	query q;
	q_init(&q, "SELECT sc.category, sc.metric, SUM(sc.n), SUM(sc.amount) FROM stat_group_counts sc");
	q_and_like(&q, "sc.region_code LIKE ?", "", prefix, "%");
	stats_counts_scope(&q, a);
	q_and(&q, "sc.month >= ?", DV_S(from));
	q_and(&q, "sc.month <= ?", DV_S(to));
	q_sql(&q, " GROUP BY sc.category, sc.metric");
	db_stmt *st = q_query(d, &q, e);
	q_free(&q);
	if (!st)
		return -1;
	while (db_step(st) == DB_ROW) {
		int m = group_metric_parse(db_text(st, 1));
		if (m < 0)
			continue;
		const char *cat = db_text(st, 0), *name = group_metric_name((enum group_metric)m);
		json_t *per = json_object_get(fig, cat);
		if (!per) {
			per = json_object();
			json_object_set_new(fig, cat, per);
		}
		json_t *v = json_object_get(per, name);
		if (!v) {
			v = json_pack("{s:s,s:I,s:I,s:I,s:I}", "metric", name, "n", (json_int_t)0, "amount",
				      (json_int_t)0, "n_last_year", (json_int_t)0, "amount_last_year",
				      (json_int_t)0);
			json_object_set_new(per, name, v);
		}
		json_object_set_new(v, last ? "n_last_year" : "n", json_integer(db_int(st, 2)));
		json_object_set_new(v, last ? "amount_last_year" : "amount", json_integer(db_int(st, 3)));
	}
	return db_finish(st, e);
}

json_t *stats_groups_json(db *d, const principal *a, const struct stats_drill_input *in, err *e)
{
	if (scope_reach_of(a, SE_CERTIFICATE, SCOPE_READ) < REACH_REGION || a->role == ROLE_CANDIDATE)
		return err_set(e, 403, "forbidden", NULL, "仅人社部门查看重点群体统计",
			       "the bureau reads the figures by category"),
		       NULL;
	struct stats_drill_input own = *in;
	own.institution_id = 0;
	char region[8] = "", prefix[8], from[8], to[8], lfrom[8], lto[8];
	if (stats_parse_period(&own, from, to, e) != 0 || stats_drill_scope(d, a, &own, region, e) != 0)
		return NULL;
	stat_month_shift(from, -12, lfrom);
	stat_month_shift(to, -12, lto);
	stat_region_prefix(region, prefix);
	/* the figures by category code, then laid out over every kind */
	json_t *fig = json_object();
	if (sum_period(d, a, prefix, from, to, false, fig, e) != 0 ||
	    sum_period(d, a, prefix, lfrom, lto, true, fig, e) != 0) {
		json_decref(fig);
		return NULL;
	}
	db_stmt *st;
	json_t *items = json_array();
	st = db_query(d, "SELECT code, name FROM person_category_kinds ORDER BY position", DB_NOARGS, e);
	while (st && db_step(st) == DB_ROW) {
		json_t *per = json_object_get(fig, db_text(st, 0)), *values = json_array();
		for (int m = 0; m < GM_COUNT; m++) {
			json_t *v =
				per ? json_object_get(per, group_metric_name((enum group_metric)m)) : NULL;
			json_array_append_new(
				values, v ? json_incref(v)
					  : json_pack("{s:s,s:I,s:I,s:I,s:I}", "metric",
						      group_metric_name((enum group_metric)m), "n",
						      (json_int_t)0, "amount", (json_int_t)0, "n_last_year",
						      (json_int_t)0, "amount_last_year", (json_int_t)0));
		}
		json_array_append_new(items, json_pack("{s:s,s:s,s:o}", "category", db_text(st, 0), "name",
						       db_text(st, 1), "values", values));
	}
	json_decref(fig);
	if (!st || db_finish(st, e) != 0) {
		json_decref(items);
		return NULL;
	}
	json_t *metrics = json_array();
	for (int m = 0; m < GM_COUNT; m++)
		json_array_append_new(metrics, json_pack("{s:s,s:s,s:b}", "metric",
							 group_metric_name((enum group_metric)m), "name",
							 group_metric_zh((enum group_metric)m), "money",
							 group_metric_money((enum group_metric)m)));
	return json_pack("{s:s,s:{s:s,s:s},s:{s:s,s:s},s:o,s:o}", "region", region, "period", "from", from,
			 "to", to, "last_year", "from", lfrom, "to", lto, "metrics", metrics, "items", items);
}
