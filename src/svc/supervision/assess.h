/* assess.h: 定期评估 (periodic assessment of evaluation institutions, issue 13 §7). The indicator system is
 * versioned data the province edits (assess_versions, assess_indicators: weights, rules, thresholds, the
 * share a warning keeps, the base an indicator needs to apply, 一票否决, grade bands, the funnel's coverage).
 * A run assesses the institutions of a region (filed or suspended, not training-only) over a period from
 * what the system holds: pass rates against the province's peers of the same occupation and level in a
 * funnel with exact binomial limits (core/assess.c), the volume against the institution's own history,
 * confirmed 雷同卷 pairs per 100 candidates, examiner severity from the many-facet Rasch model over the
 * practical and 综合评审 scores (psy/mfrm.c, per connected subset) averaged over the institution's ratings,
 * archive completeness, 不符合 marks of signed inspections by problem class, upheld complaints, satisfaction.
 * Every row explains itself indicator by indicator. A run is a draft until the province publishes it
 * (core/assess.c assess_run_fsm); publishing carries out its decisions: an institution graded 不合格 exits
 * the catalogue through the institution status flow (svc/registry/institutions.c). Data scope: SE_ASSESSMENT
 * (the province all rows, a city its region's, an institution administrator its own row of a published run).
 * Rules: docs/DOMAIN.md §39 定期评估. */
#ifndef JINENG_SVC_SUPERVISION_ASSESS_H
#define JINENG_SVC_SUPERVISION_ASSESS_H

#include "core/assess.h"
#include "core/principal.h"
#include "store/db.h"
#include "svc/base/list.h"
#include <jansson.h>

#define ASSESS_INDICATORS 8 /* the measured indicators, in their order */
extern const char *const assess_codes[ASSESS_INDICATORS];

/* a new version of the indicator system (the province) */
struct assess_indicator_input {
	const char *code, *name, *rule, *source;
	double weight, full, warn, partial, min_base;
	bool veto;
};
struct assess_system_input {
	double excellent_min, pass_min, inner_cover, outer_cover;
	int64_t widen_min, history_periods;
	const char *source;
	const struct assess_indicator_input *ind;
	size_t n; /* every code of assess_codes once */
};

/* assess_system_json: the version `version` (0: the current) with its indicators */
json_t *assess_system_json(db *d, int64_t version, err *e);
/* assess_system_put: stores the next version (province; weights summing to 100); audited */
json_t *assess_system_put(db *d, const principal *a, const struct assess_system_input *in, err *e);

struct assess_run_input {
	const char *period_from, *period_to; /* YYYY-MM-DD, at most 366 days */
	const char *region_code;	     /* a region; NULL or "": the principal's own */
};
/* assess_run: computes a draft run (the province for any region, a city for its own); answers the run as
 * assess_run_json does. Audited as assessment.run. */
json_t *assess_run(db *d, const principal *a, const struct assess_run_input *in, err *e);
/* assess_run_json: a run the principal may read: {id, period_from, period_to, region_code, version, state,
 * institutions, counts {excellent, pass, fail} (the bureaus only), notes, created_at, published_at} */
json_t *assess_run_json(db *d, const principal *a, int64_t id, err *e);
/* assess_run_list: the runs the principal may read (the province all, a city those of its region and the
 * province's, an institution administrator the published runs that graded it); filters state, period */
extern const struct list_spec assess_run_list;
/* assess_result_list: the rows of a run in the principal's scope (filter run_id is required by the API),
 * sort score, grade, candidates, institution; filters grade, decision, region_code */
extern const struct list_spec assess_result_list;
/* assess_result_json: one institution's row of a run with its explanation and its funnel cells */
json_t *assess_result_json(db *d, const principal *a, int64_t run_id, int64_t institution_id, err *e);
/* assess_funnel_json: the run's peers per occupation and level; with an occupation and level, that cell's
 * funnel: the peer rate, the limits as curves over n, and the points of the institutions in scope */
json_t *assess_funnel_json(db *d, const principal *a, int64_t run_id, const char *occupation_code,
			   int64_t level, err *e);
/* assess_publish: draft -> published (the province); carries out the decisions. 409 assess_published when
 * a run of the same period and region is already published. */
json_t *assess_publish(db *d, const principal *a, int64_t run_id, err *e);

#endif
