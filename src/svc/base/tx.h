/* tx.h: svc_tx, the one transaction block of the use cases: begin -> work -> audit -> commit.
 *
 * A use case's writes are a `work` function; it declares the audit record of what it did with tx_audit
 * (appended by svc_tx after the work, inside the same transaction) and fails by setting `e` and returning
 * -1. svc_tx rolls back on any failure (of the work, of the audit append, of the commit) and passes the
 * error on unchanged, so nothing of a failed unit is ever written and no work function rolls back itself.
 *
 *	static int create_work(tx *t, void *ctx, err *e)
 *	{
 *		struct create_ctx *c = ctx;
 *		if (insert ... (t->d, ..., &c->id, e) != 0)
 *			return -1;
 *		tx_audit(t, "institution.create", "institution", c->id, json_pack(...));
 *		return 0;
 *	}
 *	...
 *	return svc_tx(d, a, create_work, &c, e);
 *
 * Retry: a retryable database error (503 db_busy or db_retry: a lock not granted in time, a serialisation
 * failure or deadlock, a connection lost inside the transaction, a PostgreSQL COMMIT answered ROLLBACK)
 * means the transaction was rolled back, so the whole unit (work and audit) runs again, up to
 * SVC_TX_ATTEMPTS times with a short growing pause, while the unit has run for less than
 * SVC_TX_RETRY_WINDOW_MS (a quick conflict is retried; a lock the driver already waited for is not). It is
 *not retried when its outcome is unknown (the connection was lost while COMMIT was on its way: the unit may
 *have been committed) unless the caller says the work is idempotent (TX_IDEMPOTENT); nor inside a caller's
 *transaction (svc_tx then runs as a savepoint and the caller's transaction decides); nor when the request had
 *a database fault before svc_tx began. A conflict (409), a validation error or any other error is never
 *retried.
 *
 * The work may run more than once: it must start from its inputs each time (ctx's outputs are set, not
 * accumulated) and do nothing outside the database that it cannot repeat. */
#ifndef JINENG_SVC_TX_H
#define JINENG_SVC_TX_H

#include "core/principal.h"
#include "store/db.h"
#include <jansson.h>

#define SVC_TX_ATTEMPTS 4
/* no new attempt once the unit has run this long: a lock not granted after the driver's own wait (SQLite's
 * 10 s busy timeout, PostgreSQL's lock timeout) is not waited for again and again */
#define SVC_TX_RETRY_WINDOW_MS 1000

enum tx_flags {
	TX_IDEMPOTENT = 1, /* running the work twice does what running it once does: retry even after a commit
			      whose outcome is unknown */
	TX_NO_AUDIT = 2, /* the unit writes what the binary brings (reference data added at migrate), nobody's
			    change: it declares no audit record */
	TX_INLINE = 4,	 /* inside a caller's transaction, no savepoint of its own: the work and its audit
			    record   run straight in the caller's transaction, and on failure the CALLER rolls
			    back (the   group committer, svc/exam/autosave.c, which re-runs a batch with a
			    savepoint per job   after any failure: a savepoint per job cost SQLite 15 % more CPU
			    a   competition save).   Without a caller's transaction it is an ordinary unit. */
};

typedef struct tx {
	db *d;
	const principal *a;
	int attempt; /* 1 on the first run of the work */
	/* the declared audit record (tx_audit) */
	const char *action, *entity;
	char entity_id[72];
	json_t *detail;
	int appended; /* records appended by the work itself (tx_audit_now) */
} tx;

typedef int (*tx_work)(tx *t, void *ctx, err *e);

/* svc_tx: runs work(t, ctx, e) inside a transaction, appends its audit record and commits. 0 on success;
 * -1 with `e` set and nothing written otherwise. A work that neither declares nor appends an audit record
 * fails with 500 (every state change is audited). */
int svc_tx(db *d, const principal *a, tx_work work, void *ctx, err *e) WUR;
int svc_tx_flags(db *d, const principal *a, unsigned flags, tx_work work, void *ctx, err *e) WUR;

/* tx_audit: declares the unit's audit record; `detail` is taken (released by svc_tx; NULL for none).
 * Declaring again replaces the earlier declaration. */
void tx_audit(tx *t, const char *action, const char *entity, int64_t entity_id, json_t *detail);
/* tx_audit_key: the same for an entity whose id is text (an occupation code, a user name) */
void tx_audit_key(tx *t, const char *action, const char *entity, const char *key, json_t *detail);
/* tx_audit_now: appends a record at once (a unit that writes several, one per entity it changed); `detail`
 * is borrowed. */
int tx_audit_now(tx *t, const char *action, const char *entity, const char *key, json_t *detail, err *e) WUR;

/* svc_tx_retryable: is `e` a database error after which the transaction may run again (db_busy,
 * db_retry)? */
bool svc_tx_retryable(const err *e);

#endif
