/* grading.c: closing an attempt: the paper's keys, 客观题 scoring, the result row */
#include "util/common.h"
#include "store/query.h"
#include "svc/exam/exam.h"
#include "svc/exam/exam_int.h"
#include "svc/exam/invigilation.h"
#include "core/paper.h"
#include "crypto/token.h"
#include "svc/registry/standards.h"

/* the paper's keys and points, one per position, read before the write transaction that closes the
 * attempt (an item's key and points never change: a revision is a new item), so that transaction stays
 * short: grading once ran two queries per item inside it, ~600 for a long paper, while the autosave
 * committer waited for the same write lock. NULL with `e` set on failure; free() the result. */
struct paper_key {
	double pts;
	char key[16];
};

static struct paper_key *paper_keys(db *d, json_t *paper, err *e)
{
	size_t n = json_array_size(paper);
	struct paper_key *k = xcalloc(n ? n : 1, sizeof *k);
	if (!n)
		return k;
	query q;
	q_init(&q, "SELECT id, answer, points FROM items WHERE id IN (");
	for (size_t i = 0; i < n; i++)
		q_arg(&q, i ? ",?" : "?",
		      DV_I(json_integer_value(json_object_get(json_array_get(paper, i), "item"))));
	q_sql(&q, ")");
	db_stmt *st = q_query(d, &q, e);
	q_free(&q);
	while (st && db_step(st) == DB_ROW) {
		int64_t item = db_int(st, 0);
		for (size_t i = 0; i < n; i++)
			if (json_integer_value(json_object_get(json_array_get(paper, i), "item")) == item) {
				snprintf(k[i].key, sizeof k[i].key, "%s", db_text(st, 1));
				k[i].pts = db_double(st, 2);
			}
	}
	if (!st || db_finish(st, e) != 0) {
		free(k);
		return NULL;
	}
	return k;
}

/* closes and grades an attempt inside the caller's transaction, with the keys read before it. Closing
 * first takes the attempt's row, so an autosave racing the close either lands before it (and counts) or is
 * refused; the durable answers are then read in one statement. */
static int finish(db *d, struct attempt *t, const struct paper_key *keys, int64_t when, err *e)
{
	int64_t closed = db_run(d,
				"UPDATE attempts SET status = 'submitted', submitted_at = $2 WHERE id = $1 "
				"AND status = 'started'",
				DB_ARGS(DV_I(t->id), DV_I(when)), e);
	if (closed <= 0)
		return closed < 0 ? -1 : 0; /* someone else closed it */
	size_t n = json_array_size(t->paper);
	char(*given)[16] = xcalloc(n ? n : 1, sizeof *given);
	db_stmt *st =
		db_query(d, "SELECT pos, answer FROM answers WHERE attempt_id = $1", DB_ARGS(DV_I(t->id)), e);
	while (st && db_step(st) == DB_ROW) {
		int64_t pos = db_int(st, 0);
		if (pos >= 0 && (size_t)pos < n)
			snprintf(given[pos], sizeof given[pos], "%s", db_text(st, 1));
	}
	if (!st || db_finish(st, e) != 0) {
		free(given);
		return -1;
	}
	double got = 0, total = 0;
	size_t i;
	json_t *x;
	json_array_foreach(t->paper, i, x)
	{
		struct paper_item pi = {.item_id = json_integer_value(json_object_get(x, "item"))};
		json_t *ord = json_object_get(x, "order");
		pi.noptions = (int)json_array_size(ord);
		for (int o = 0; o < pi.noptions && o < 8; o++)
			pi.order[o] = (uint8_t)json_integer_value(json_array_get(ord, (size_t)o));
		char orig[16] = "";
		paper_unshuffle(&pi, given[i], orig, sizeof orig);
		total += keys[i].pts;
		if (*orig && !strcmp(orig, keys[i].key))
			got += keys[i].pts; /* multiple choice: all and only the right options */
	}
	free(given);
	double score = total > 0 ? got * 100.0 / total : 0;
	return db_run(d, "UPDATE attempts SET score = $2 WHERE id = $1", DB_ARGS(DV_I(t->id), DV_D(score)),
		      e) < 0
		       ? -1
		       : 0;
}

/* keys first (outside), then the short write transaction that closes and grades */
int exam_close_attempt(db *d, struct attempt *t, int64_t when, const principal *a, err *e)
{
	struct paper_key *keys = paper_keys(d, t->paper, e);
	if (!keys)
		return -1;
	char ids[24];
	int rc = 0;
	if (db_begin(d, e) != 0 || finish(d, t, keys, when, e) != 0 ||
	    (a && audit_append(d, a, "attempt.submit", "attempt", id_text(t->id, ids), NULL, e) != 0) ||
	    db_commit(d, e) != 0)
		rc = tx_fail(d);
	free(keys);
	return rc;
}
