/* analysis.h: 试题分析 (item statistics per item version after a sitting is graded, review flags) and
 * 雷同卷 (answer-copying pairs for supervisors). Rules: docs/DOMAIN.md §23; methods: docs/PSYCHOMETRICS.md.
 */
#ifndef JINENG_ANALYSIS_H
#define JINENG_ANALYSIS_H

#include "svc/base/list.h"
#include "svc/base/svc.h"

/* sitting_analyse: closes attempts whose time ran out, then analyses the sitting's submitted papers and
 * stores the statistics (replacing an earlier run; a pair's review survives a re-run). Province
 * administrators and the institution's administrators and staff. Returns the summary. 409
 * sitting_in_progress while anyone is still sitting; 409 too_few_papers under 2 papers. */
json_t *sitting_analyse(db *d, const principal *a, int64_t sitting, err *e);
/* plan_analyse_sittings: every sitting of the plan, in id order, for plan_transition's move to 评分 (it runs
 * inside that transaction; each sitting's writes in a savepoint of their own). Per sitting the summary, or
 * {sitting_id, skipped: code, message} when it cannot be analysed for a reason of its own (a 4xx: still
 * sitting, too few papers). A failure of 500 or more (a database fault) is no skip: NULL with `e` set, and
 * the caller's move fails with it. */
json_t *plan_analyse_sittings(db *d, const principal *a, int64_t plan, err *e);
/* sitting_analysis_json: the stored summary, items (flagged first) and flagged pairs; 404 not_analysed */
json_t *sitting_analysis_json(db *d, const principal *a, int64_t sitting, err *e);
/* collusion flags, most significant first, scoped: supervisors and the province see all, a city its
 * region, an institution its own sittings */
extern const struct list_spec
	collusion_list; /* filters status (open, cleared, confirmed), plan_id, sitting_id */
/* collusion_review: a supervisor's (or the province's) decision: cleared or confirmed, with a note */
int collusion_review(db *d, const principal *a, int64_t id, const char *decision, const char *note, err *e);

#endif
