/* tx.c: svc_tx, begin -> work -> audit -> commit with retry on a retryable database error (tx.h) */
#include "util/common.h"
#include "util/metrics.h"
#include "svc/base/tx.h"
#include "svc/base/audit.h"
#include "util/log.h"
#include <time.h>

bool svc_tx_retryable(const err *e)
{
	/* db_commit_unknown too: svc_tx runs such a unit again only when it is idempotent */
	return e->status == 503 && e->code &&
	       (!strcmp(e->code, "db_busy") || !strcmp(e->code, "db_retry") ||
		!strcmp(e->code, "db_commit_unknown"));
}

static void declared_clear(tx *t)
{
	json_decref(t->detail);
	t->detail = NULL;
	t->action = t->entity = NULL;
	t->entity_id[0] = '\0';
}

void tx_audit_key(tx *t, const char *action, const char *entity, const char *key, json_t *detail)
{
	declared_clear(t);
	t->action = action;
	t->entity = entity;
	snprintf(t->entity_id, sizeof t->entity_id, "%s", key ? key : "");
	t->detail = detail;
}

void tx_audit(tx *t, const char *action, const char *entity, int64_t entity_id, json_t *detail)
{
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)entity_id);
	tx_audit_key(t, action, entity, id, detail);
}

int tx_audit_now(tx *t, const char *action, const char *entity, const char *key, json_t *detail, err *e)
{
	if (audit_append(t->d, t->a, action, entity, key, detail, e) != 0)
		return -1;
	t->appended++;
	return 0;
}

/* one run of the unit: 0 committed; -1 rolled back (or, with *unknown, a commit of unknown outcome) */
static int attempt(tx *t, unsigned flags, tx_work work, void *ctx, bool *unknown, err *e)
{
	*unknown = false;
	bool in_caller = (flags & TX_INLINE) && db_in_tx(t->d);
	if (!in_caller && db_begin(t->d, e) != 0)
		return -1;
	int rc = work(t, ctx, e);
	if (rc == 0 && !t->action && !t->appended && !(flags & TX_NO_AUDIT)) {
		log_error("svc_tx: a unit of work wrote nothing to the audit archive");
		rc = ERR_INTERNAL(e, "a change without its audit record");
	}
	if (rc == 0 && t->action)
		rc = audit_append(t->d, t->a, t->action, t->entity, t->entity_id, t->detail, e);
	if (rc != 0) {
		if (!err_isset(e))
			ERR_INTERNAL(e, "a unit of work failed without saying why");
		if (!in_caller)
			db_rollback(t->d);
		return -1;
	}
	if (in_caller)
		return 0; /* the caller's transaction commits it (or rolls it back) */
	/* a failed commit has ended its level itself (the outermost one rolled back, a savepoint released
	 * with its failure handed to the caller's level): no rollback after it */
	if (db_commit(t->d, e) != 0) {
		*unknown = db_commit_unknown(t->d);
		return -1;
	}
	return 0;
}

int svc_tx_flags(db *d, const principal *a, unsigned flags, tx_work work, void *ctx, err *e)
{
	/* inside a caller's transaction the unit is a savepoint: a retry of ours could not undo the caller's
	 * failed transaction, so the caller decides. A fault earlier in the request makes its reply a 503
	 * anyway (the API's fault net): no retry either. */
	bool may_retry = !db_in_tx(d) && !db_fault(d);
	tx t = {.d = d, .a = a};
	int rc = -1;
	int64_t start = mono_ms();
	for (int n = 1; n <= SVC_TX_ATTEMPTS; n++) {
		bool unknown = false;
		t.attempt = n;
		t.appended = 0;
		declared_clear(&t);
		rc = attempt(&t, flags, work, ctx, &unknown, e);
		if (rc == 0 || !may_retry || n == SVC_TX_ATTEMPTS || !svc_tx_retryable(e))
			break;
		if (unknown && !(flags & TX_IDEMPOTENT))
			break;
		if (mono_ms() - start >= SVC_TX_RETRY_WINDOW_MS)
			break;
		log_warn("svc_tx: attempt %d failed (%s), running the unit again", n, e->code);
		metrics_add(M_TX_RETRIES, 1);
		/* this attempt's fault was undone with its transaction: the next attempt answers for itself
		 */
		db_fault_clear(d);
		err_clear(e);
		struct timespec pause = {0, (long)(5 << (2 * (n - 1))) * 1000000L}; /* 5, 20, 80 ms */
		nanosleep(&pause, NULL);
	}
	declared_clear(&t);
	return rc;
}

int svc_tx(db *d, const principal *a, tx_work work, void *ctx, err *e)
{
	return svc_tx_flags(d, a, 0, work, ctx, e);
}
