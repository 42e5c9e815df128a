/* targets.h: 目标任务 (docs/DOMAIN.md §67). Indicators of a region with their value, deadline and source as
 * data (table targets, migration 065); each names a metric of the registry below, a function that counts
 * what the system holds (the statistics counters or a count of its rows), so progress is never typed in.
 * The expected path and the behind decision are core/target.c's. */
#ifndef JINENG_SVC_TARGETS_H
#define JINENG_SVC_TARGETS_H

#include "core/principal.h"
#include "store/db.h"
#include <jansson.h>

/* the metrics the system can count: key, names, whether it takes an argument, availability with its reason */
json_t *target_metrics_json(db *d, err *e);

/* the targets principal a may read (the province every region's, a city its own, a supervisor its region's),
 * each with its progress at as_of ('YYYY-MM-DD', NULL today); region_code (6 digits, NULL all in reach)
 * keeps one region's rows only; paged ({items, total}) */
json_t *targets_json(db *d, const principal *a, const char *region_code, const char *as_of, int64_t limit,
		     int64_t offset, err *e);
json_t *target_get_json(db *d, const principal *a, int64_t id, const char *as_of, err *e);

struct target_input {
	const char *code, *name, *region_code, *metric, *metric_arg, *period, *unit;
	const char *baseline_on, *deadline, *source, *gaps;
	int64_t value, baseline_value, tolerance_pct; /* -1: not given (update keeps it) */
};
/* target_create: the province for any region, a city for its own; 201 with the target; audited
 * target.create. 409 target_exists for a code the region already has. */
json_t *target_create(db *d, const principal *a, const struct target_input *in, err *e);
/* target_update: the values (name, value, unit, baseline, deadline, tolerance, gaps) with the source of the
 * change (required); code, region, metric and period stay; audited target.update with before and after */
json_t *target_update(db *d, const principal *a, int64_t id, const struct target_input *in, err *e);

#endif
