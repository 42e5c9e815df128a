/* counters.h: the statistics counters (统计计数, issue 17 item 1), kept in the same transaction as the write
 * they count. A use case that writes a counted row calls stat_count once the row is in its new state (sign
 * +1), and, for a change of a row already counted (a status, a region, a date), also once before the change
 * (sign -1): the counters then move by exactly what the row counted as before and counts as after. What a
 * row counts as is core/statkey.c's stat_deltas over the row as the entity's source query reads it
 * (counters.c), the same function `jineng stats verify` applies to every row of the raw tables.
 *
 * A failed unit rolls the counter rows back with everything else (they are ordinary rows of its
 * transaction); a retried unit starts over. README.md says how a new domain adds a counter. */
#ifndef JINENG_STATS_COUNTERS_H
#define JINENG_STATS_COUNTERS_H

#include "core/statkey.h"
#include "svc/base/tx.h"
#include <stdio.h>

/* stat_count: adds sign (+1 / -1) times the counter deltas of one row of `ent` to stat_counts, inside t's
 * transaction. The row is named by its key: the certificate's number (text), the id of a result,
 * registration, sitting, claim, complaint, inspection or competition entry, the (class id, person id) of an
 * enrolment (k2), the event id of competition results (every result row of the event counts). A row that is
 * not there (or counts nowhere) changes nothing. 0, or -1 with `e` set. */
int stat_count(tx *t, enum stat_entity ent, dbv k1, dbv k2, int sign, err *e) WUR;
/* stat_count_certificates: stat_count of n certificates by number at once (a batch issued in one
 * transaction: a statement per 64 certificates instead of one each) */
int stat_count_certificates(tx *t, const char *const *numbers, size_t n, int sign, err *e) WUR;
/* stat_count_db: the same on a connection already inside a transaction (a use case that takes a db) */
int stat_count_db(db *d, enum stat_entity ent, dbv k1, dbv k2, int sign, err *e) WUR;

/* stat_counters_on: false when the server was started with JINENG_STATS_COUNTERS=off (benchmarks only:
 * the counters then stop following the writes until `jineng stats rebuild`) */
bool stat_counters_on(void);

/* stats_verify: recomputes every counter from the raw tables and compares it with stat_counts; writes
 * one line per difference to `out` (NULL: none) and sets *differences. 0, or -1 with `e` set. */
int stats_verify(db *d, FILE *out, int64_t *differences, int64_t *keys, err *e);
/* stats_rebuild: replaces stat_counts by the recomputation, in one transaction (after a bulk load in SQL,
 * or a run with the counters off), audited as principal a. *keys gets the number of counter rows written. */
int stats_rebuild(db *d, const principal *a, int64_t *keys, err *e);

#endif
