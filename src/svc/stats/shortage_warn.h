/* shortage_warn.h: 急需紧缺 early warning (issue 17 item 4; docs/DOMAIN.md §59).
 *
 * - Demand: the public employment service's job postings (table job_postings), imported as CSV or XLSX
 *   through the import framework; a city imports postings of its own city only.
 * - Supply: certificates issued and training completions from the statistics counters (stat_counts:
 *   cert.issued + training.completed), by occupation and month.
 * - Pay: the growth of the persons-weighted median of the year's 工资价位 publication (wage_cells).
 * - Indicators against the thresholds of table shortage_rules (core/shortage_rules.c), next year's supply
 *   forecast with its interval (core/forecast.c, Holt) and the back-test of the forecast on the history.
 * - A proposal of next year's 急需紧缺工种目录 from the warning list, which the province edits and publishes:
 *   publishing writes the catalogue (training_shortage_lists, svc/training/shortage.c) the subsidies read.
 *
 * Reach: the province every region; a city administrator its own city. The province alone makes, edits and
 * publishes proposals; a city reads its own. */
#ifndef JINENG_SVC_STATS_SHORTAGE_WARN_H
#define JINENG_SVC_STATS_SHORTAGE_WARN_H

#include "svc/base/svc.h"
#include "svc/training/shortage.h"

/* postings_import: the file (CSV or XLSX) of postings from `source`; the report (rows, imported, inserted,
 * updated, rejected, stored, errors) or NULL with e set */
json_t *postings_import(db *d, const principal *a, const char *source, const char *data, size_t len,
			bool all_or_nothing, err *e);

/* shortage_warnings_json: the indicators of every occupation with demand in `year` in `region` (the
 * province 370000 or a city; NULL: the caller's own), its reasons, next year's supply forecast, the warning
 * list and the back-test of the forecast */
json_t *shortage_warnings_json(db *d, const principal *a, const char *region, int64_t year, err *e);
/* shortage_forecast_json: one occupation's monthly supply, the fitted model, the next 12 months with their
 * bands, the next year's sum with its interval and this series' back-test */
json_t *shortage_forecast_json(db *d, const principal *a, const char *region, const char *occupation,
			       int64_t year, err *e);

/* proposals of the catalogue of `year` (built from the warnings of year - 1) */
json_t *shortage_proposal_make(db *d, const principal *a, const char *city, int64_t year, err *e);
json_t *shortage_proposal_get(db *d, const principal *a, const char *city, int64_t year, err *e);
struct proposal_input {
	const char *title, *note;	   /* NULL: unchanged */
	const char *min, *max;		   /* yuan as text; NULL none */
	struct shortage_entry_in *entries; /* svc/training/shortage.h */
	size_t nentries;
};
json_t *shortage_proposal_put(db *d, const principal *a, const char *city, int64_t year,
			      const struct proposal_input *in, err *e);
json_t *shortage_proposal_publish(db *d, const principal *a, const char *city, int64_t year, err *e);

/* the thresholds (table shortage_rules): the list [{key, value, name_zh, source, min, max}], and the province
 * setting some of them (keys and values; each within its range; source says on what grounds) */
json_t *shortage_rules_json(db *d, err *e);
struct rule_value {
	const char *key;
	int64_t value;
};
json_t *shortage_rules_put(db *d, const principal *a, const struct rule_value *v, size_t n,
			   const char *source, err *e);

#endif
