/* keys.h: rotation of the PII key (docs/OPERATIONS.md, "Keys"). Every column that holds a value sealed with
 * crypto/pii.h is listed once here, with the field name bound into its seal; keys_usage counts the values
 * under each key of the ring, keys_reseal moves every value to the current key in batches (compare-and-swap,
 * so a value a server rewrites meanwhile is left to it), each batch one audited transaction. A test
 * (tests/unit/test_keys.c) checks that every *_sealed column of the schema is listed. */
#ifndef JINENG_SVC_KEYS_H
#define JINENG_SVC_KEYS_H

#include "core/principal.h"
#include "store/db.h"

struct sealed_column {
	const char *table, *column, *field;
};
extern const struct sealed_column sealed_columns[]; /* ends with {NULL} */

#define KEYS_MAX_KIDS 16
struct key_count {
	int kid; /* 0: a value no key of the format names (damaged) */
	int64_t n;
};
struct column_usage {
	const struct sealed_column *col;
	int64_t total;
	int nk;
	struct key_count k[KEYS_MAX_KIDS + 1];
};

/* fills u[i] for each listed column (u has room for the list) */
int keys_usage(db *d, struct column_usage *u, err *e);
/* the values still sealed under kid, over every column */
int keys_count_kid(db *d, int kid, int64_t *n, err *e);

struct reseal_report {
	int64_t resealed, skipped_changed, unreadable;
};
/* progress(column, done, total, user) after each batch */
typedef void (*reseal_progress)(const struct sealed_column *c, int64_t done, int64_t total, void *user);
int keys_reseal(db *d, const principal *a, int batch, reseal_progress progress, void *user,
		struct reseal_report *r, err *e);

#endif
