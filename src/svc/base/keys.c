/* keys.c: the sealed columns, their use of the ring's keys, and the re-seal (svc/base/keys.h). */
#include "util/common.h"
#include "svc/base/keys.h"
#include "crypto/pii.h"
#include "svc/base/svc.h"
#include "svc/base/tx.h"
#include "util/arena.h"

const struct sealed_column sealed_columns[] = {
	{"persons", "id_sealed", "id_number"},
	{"persons", "phone_sealed", "phone"},
	{"issuer_keys", "private_sealed", "issuer_key"},
	{"complaints", "name_sealed", "complaint.name"},
	{"complaints", "phone_sealed", "complaint.phone"},
	{"complaints", "person_sealed", "complaint.person"},
	{"wage_submissions", "id_sealed", "id_number"},
	{NULL, NULL, NULL},
};

static void count_kid(struct column_usage *u, int kid)
{
	for (int i = 0; i < u->nk; i++)
		if (u->k[i].kid == kid) {
			u->k[i].n++;
			return;
		}
	if (u->nk < KEYS_MAX_KIDS + 1)
		u->k[u->nk++] = (struct key_count){.kid = kid, .n = 1};
}

/* one pass over a column in id order, a page at a time (no statement held open across pages) */
static int scan_column(db *d, const struct sealed_column *c, struct column_usage *u, err *e)
{
	char sql[256];
	snprintf(sql, sizeof sql,
		 "SELECT id, %s FROM %s WHERE id > $1 AND %s IS NOT NULL AND %s <> '' ORDER BY id LIMIT 5000",
		 c->column, c->table, c->column, c->column);
	int64_t last = 0;
	for (;;) {
		db_stmt *st = db_query(d, sql, DB_ARGS(DV_I(last)), e);
		if (!st)
			return -1;
		int rows = 0;
		while (db_step(st) == DB_ROW) {
			last = db_int(st, 0);
			count_kid(u, pii_sealed_kid(db_text(st, 1), NULL));
			u->total++;
			rows++;
		}
		if (db_finish(st, e) != 0)
			return -1;
		if (rows < 5000)
			return 0;
	}
}

int keys_usage(db *d, struct column_usage *u, err *e)
{
	for (int i = 0; sealed_columns[i].table; i++) {
		memset(&u[i], 0, sizeof u[i]);
		u[i].col = &sealed_columns[i];
		if (scan_column(d, &sealed_columns[i], &u[i], e) != 0)
			return -1;
	}
	return 0;
}

int keys_count_kid(db *d, int kid, int64_t *n, err *e)
{
	*n = 0;
	for (int i = 0; sealed_columns[i].table; i++) {
		struct column_usage u = {.col = &sealed_columns[i]};
		if (scan_column(d, &sealed_columns[i], &u, e) != 0)
			return -1;
		for (int j = 0; j < u.nk; j++)
			if (u.k[j].kid == kid)
				*n += u.k[j].n;
	}
	return 0;
}

/* ---- re-seal ---- */

struct reseal_batch {
	const struct sealed_column *c;
	int n;
	int64_t *ids;
	const char **old;
	int64_t first, last;
	int64_t resealed, changed, unreadable; /* set by each run of the work */
	arena *ar;
};

static int reseal_work(tx *t, void *ctx, err *e)
{
	struct reseal_batch *b = ctx;
	b->resealed = b->changed = b->unreadable = 0;
	char sql[200];
	snprintf(sql, sizeof sql, "UPDATE %s SET %s = $1 WHERE id = $2 AND %s = $3", b->c->table,
		 b->c->column, b->c->column);
	for (int i = 0; i < b->n; i++) {
		const char *pt = pii_open(b->ar, b->c->field, b->old[i]);
		if (!pt) {
			b->unreadable++;
			continue;
		}
		const char *fresh = pii_seal(b->ar, b->c->field, pt);
		if (!fresh)
			return ERR_INTERNAL(e, "sealing failed");
		/* compare-and-swap: a value a server rewrote since it was read is its own, already current */
		int64_t n = db_run(t->d, sql, DB_ARGS(DV_S(fresh), DV_I(b->ids[i]), DV_S(b->old[i])), e);
		if (n < 0)
			return -1;
		if (n == 0)
			b->changed++;
		else
			b->resealed++;
	}
	tx_audit_key(t, "pii.reseal", b->c->table, b->c->column,
		     json_pack("{s:s,s:I,s:I,s:I,s:I,s:I,s:i}", "column", b->c->column, "first_id",
			       (json_int_t)b->first, "last_id", (json_int_t)b->last, "resealed",
			       (json_int_t)b->resealed, "changed_meanwhile", (json_int_t)b->changed,
			       "unreadable", (json_int_t)b->unreadable, "to_key", pii_current_kid()));
	return 0;
}

static int reseal_column(db *d, const principal *a, const struct sealed_column *c, int batch,
			 reseal_progress progress, void *user, struct reseal_report *r, err *e)
{
	int64_t total = 0, done = 0;
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM %s WHERE %s IS NOT NULL AND %s <> ''", c->table,
		 c->column, c->column);
	if (db_one_int(d, sql, DB_NOARGS, &total, e) != 0)
		return -1;
	snprintf(sql, sizeof sql,
		 "SELECT id, %s FROM %s WHERE id > $1 AND %s IS NOT NULL AND %s <> '' ORDER BY id LIMIT $2",
		 c->column, c->table, c->column, c->column);
	int cur = pii_current_kid();
	int64_t last = 0;
	int rc = 0;
	arena *ar = arena_new();
	for (;;) {
		arena_reset(ar);
		struct reseal_batch b = {.c = c, .ar = ar, .first = last + 1};
		b.ids = arena_alloc(ar, sizeof *b.ids * (size_t)batch);
		b.old = arena_alloc(ar, sizeof *b.old * (size_t)batch);
		db_stmt *st = db_query(d, sql, DB_ARGS(DV_I(last), DV_I(batch)), e);
		if (!st) {
			rc = -1;
			break;
		}
		int rows = 0;
		while (db_step(st) == DB_ROW) {
			rows++;
			last = db_int(st, 0);
			const char *v = db_text(st, 1);
			if (pii_sealed_kid(v, NULL) == cur)
				continue;
			b.ids[b.n] = last;
			b.old[b.n++] = arena_strdup(ar, v);
		}
		if (db_finish(st, e) != 0) {
			rc = -1;
			break;
		}
		b.last = last;
		if (b.n && svc_tx_flags(d, a, TX_IDEMPOTENT, reseal_work, &b, e) != 0) {
			rc = -1;
			break;
		}
		r->resealed += b.resealed;
		r->skipped_changed += b.changed;
		r->unreadable += b.unreadable;
		done += rows;
		if (progress)
			progress(c, done < total ? done : total, total, user);
		if (rows < batch)
			break;
	}
	arena_free(ar);
	return rc;
}

int keys_reseal(db *d, const principal *a, int batch, reseal_progress progress, void *user,
		struct reseal_report *r, err *e)
{
	memset(r, 0, sizeof *r);
	if (batch < 1 || batch > 100000)
		batch = 1000;
	for (int i = 0; sealed_columns[i].table; i++)
		if (reseal_column(d, a, &sealed_columns[i], batch, progress, user, r, e) != 0)
			return -1;
	return 0;
}
