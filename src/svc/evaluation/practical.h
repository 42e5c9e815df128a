/* practical.h: 操作技能考核 and 综合评审 — criteria and panel per plan and part, 回避, independent
 * scoring, panel means. 综合评审 (材料评审 + 答辩) exists for levels 2 and 1 only and follows the same rules:
 * a panel of at least 3 senior examiners, an odd number. */
#ifndef JINENG_PRACTICAL_SVC_H
#define JINENG_PRACTICAL_SVC_H

#include "svc/base/svc.h"

enum part { PART_PRACTICAL, PART_REVIEW };

/* a scoring criterion as given (api/evaluation/input.c checks the shape) */
struct criterion_input {
	const char *name;
	double points; /* (0, 100] */
	int star; /* ★ (a part failed when its mean is under 60% of its points): 1, 0, or -1 not given */
};
/* a part's setup: its criteria (1..PRACTICAL_MAX_CRITERIA), the panel's examiners (user ids; 0 for an
 * entry that names no user), the spread threshold (0, 1] */
struct panel_setup_input {
	const struct criterion_input *criteria;
	size_t ncriteria;
	const int64_t *examiners;
	size_t nexaminers;
	double spread_pct;
};
int practical_setup(db *d, const principal *a, enum part part, int64_t plan_id,
		    const struct panel_setup_input *in, err *e);
/* avoidance_reason: why examiner (a user id) must abstain from scoring person, or NULL: a declared avoidance
 * (avoidances) or the same employer. A check that could not be made abstains: a reason with `e` set (503).
 * The text lives in `ar`. Used by every panel that scores people (also svc/incentive/posts.c). */
struct arena;
const char *avoidance_reason(db *d, struct arena *ar, int64_t examiner, int64_t person, err *e);
int avoidance_declare(db *d, const principal *a, int64_t examiner_id, int64_t person_id, const char *reason,
		      err *e);
/* practical_score: an examiner's scores of one candidate, one per criterion in order (NAN for an entry
 * that is no number: refused as invalid_score) */
int practical_score(db *d, const principal *a, enum part part, int64_t plan_id, int64_t registration_id,
		    const double *scores, size_t nscores, err *e);
json_t *practical_view_json(db *d, const principal *a, enum part part, int64_t plan_id,
			    int64_t registration_id, err *e);

/* practical_setup_json: the part's criteria, spread threshold and panel, and the candidates it scores (the
 * plan's approved registrations); for the institution, supervisors, the province and the panel's own
 * examiners. configured is false before the institution sets it up. */
json_t *practical_setup_json(db *d, const principal *a, enum part part, int64_t plan_id, err *e);

#endif
