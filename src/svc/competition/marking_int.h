/* marking_int.h: what marking.c shares with results.c inside the competition domain (never included from
 * another domain) */
#ifndef JINENG_SVC_COMPETITION_MARKING_INT_H
#define JINENG_SVC_COMPETITION_MARKING_INT_H

#include "svc/competition/marking.h"

struct cm_aspect {
	int64_t id;
	int pos;
	char code[48];
	struct mark_aspect ma; /* module, kind, max_cm, nominal, bands */
};

/* the aspects of an event in the scheme's order (malloc'd; *n 0 when none) and the number of modules */
struct cm_aspect *cm_aspects_load(db *d, int64_t event_id, size_t *n, int *nmodules, err *e);
/* the non-chief judges of an event */
int cm_judge_count(db *d, int64_t event_id, int64_t *n, err *e);

/* one (contestant, aspect) of the approved entries: the scores' count, sum, lowest and highest */
struct cm_agg {
	int64_t entry_id, aspect_id;
	int n;
	double sum, lo, hi;
};
/* the aggregates of an event (entry_id > 0: one contestant), ordered by entry then aspect; malloc'd */
struct cm_agg *cm_aggregate(db *d, int64_t event_id, int64_t entry_id, size_t *n, err *e);
/* the same as the chief expert signed it off (competition_aspect_marks, kept by each amendment) */
struct cm_agg *cm_aggregate_signed(db *d, int64_t event_id, size_t *n, err *e);
/* the aggregate of (entry, aspect) in v (sorted as cm_aggregate returns it), or NULL */
const struct cm_agg *agg_find(const struct cm_agg *v, size_t n, int64_t entry, int64_t aspect);
/* the aspect's mark from its aggregate; *complete when every judge (Judgement) or the one entry
 * (Measurement) is there; *flagged for a Judgement disagreement. 0, or -1 on stored values out of range. */
int cm_mark(const struct cm_aspect *a, const struct cm_agg *g, int64_t judges, int threshold, int *cm,
	    bool *complete, bool *flagged);
/* marks as a JSON number with two decimals */
json_t *cm_marks_number(int64_t cm);

#endif
