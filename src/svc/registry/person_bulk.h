/* person_bulk.h: the bulk-load path for persons (import and demo): validated rows are sealed and written
 * with COPY (PostgreSQL) or one prepared INSERT per row (SQLite) inside the caller's transaction.
 * Duplicate ID numbers, in the file or already stored, are caught before writing through an in-memory set
 * of blind indexes. */
#ifndef JINENG_PERSON_BULK_H
#define JINENG_PERSON_BULK_H

#include "svc/registry/persons.h"

typedef struct person_bulk person_bulk;

/* person_bulk_open: loads the blind indexes already stored; then starts the copy */
person_bulk *person_bulk_open(db *d, err *e);
/* person_bulk_add: 0 added; 1 duplicate (e set to 409 person_exists); -1 error */
int person_bulk_add(person_bulk *b, const struct person_norm *n, const char *region, int64_t employer_id,
		    err *e);
/* person_bulk_check: like add without writing (for validation passes); records the index so a later
 * duplicate in the same file is caught */
int person_bulk_check(person_bulk *b, const struct person_norm *n, err *e);
int person_bulk_close(person_bulk *b, err *e); /* ends the copy and frees b */
int64_t person_bulk_count(const person_bulk *b);

#endif
