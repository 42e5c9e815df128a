/* group_counts.h: the statistics counters by 重点群体 (docs/DOMAIN.md §64). A training enrolment, a subsidy
 * claim, a certificate (issued, revoked), a 认定 registration and result, a competition entry and result, a
 * 特级/首席技师 appointment, a selection nomination and an incentive payment (paid, recovered) count,
 * besides their ordinary counters (counters.h), once under each category their person held valid on the row's
 * date (core/groupkey.h), in stat_group_counts (061_key_groups.sql), in the same transaction as the write:
 * stat_count_db calls group_count for those entities, so every use case that counts them counts these too; a
 * change of a person's flag (svc/cultivation/groups.c: set, imported) counts the person's rows of that
 * category out before it and in after it (group_count_flag). `jineng stats verify` and `rebuild` cover the
 * table (group_verify, group_rebuild). */
#ifndef JINENG_STATS_GROUP_COUNTS_H
#define JINENG_STATS_GROUP_COUNTS_H

#include "core/groupkey.h"
#include "core/statkey.h"
#include "svc/base/svc.h"
#include "svc/stats/stats.h"
#include <stdio.h>

/* group_count: sign × the category deltas of the row that stat_count_db counts (every entity with a person:
 * enrolment, claim, certificate, registration, result, competition entry and result, post appointment,
 * nomination, allowance payment; sittings, complaints and inspections have none: nothing) */
int group_count(db *d, enum stat_entity ent, dbv k1, dbv k2, int sign, err *e) WUR;
/* group_deltas_add: the deltas of one row's source (core/groupkey.h group_deltas) appended to *dl (*n used,
 * *cap allocated, grown as needed); 0, or -1 with e set (a key field that does not fit, no memory) */
int group_deltas_add(enum group_entity ge, const struct group_src *s, struct group_delta **dl, size_t *n,
		     size_t *cap, err *e) WUR;
/* group_count_deltas: sign × deltas already made from a row (stat_count_db reads a certificate and its
 * person's categories in one statement and makes them with group_deltas) */
int group_count_deltas(db *d, const struct group_delta *dl, size_t n, int sign, err *e) WUR;
/* group_count_flag: sign × the deltas of every counted row of the person under `category` (around a change of
 * the person's flag of that category, inside its transaction) */
int group_count_flag(db *d, int64_t person, const char *category, int sign, err *e) WUR;

/* group_verify: inside stats_verify's snapshot, recomputes stat_group_counts and adds the differences (one
 * line each to `out`) and keys; group_rebuild: inside stats_rebuild's transaction, replaces the table by the
 * recomputation */
int group_verify(db *d, FILE *out, int64_t *differences, int64_t *keys, err *e) WUR;
int group_rebuild(db *d, int64_t *keys, err *e) WUR;

/* stats_groups_json: the counters by category of the region (default the caller's; the bureau only: the
 * province, a city its region; 403 otherwise) for the period (`from`, `to` of `in`) and the same period last
 * year: {region, period, last_year, metrics: [{metric, name}], items: [{category, name, values: [{metric, n,
 * amount, n_last_year, amount_last_year}]}]} — every category, zeros included, in the kinds' order */
json_t *stats_groups_json(db *d, const principal *a, const struct stats_drill_input *in, err *e);

#endif
