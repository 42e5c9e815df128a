/* standards.h: versions of an occupation's 国家职业技能标准 — which 申报条件 template it follows and its exam
 * profile (minimum minutes, pass mark, invigilator and examiner ratios, panel size, levels with 综合评审).
 * The newest version added is the active one; plans use it unless they name a template. */
#ifndef JINENG_STANDARDS_H
#define JINENG_STANDARDS_H

#include "svc/base/svc.h"
#include "core/eligibility.h"

struct exam_profile {
	int theory_minutes;	  /* >= 90 */
	int practical_minutes[6]; /* per level; >= 90 for 5..3, >= 60 for 2..1 */
	double pass_mark;	  /* 60 */
	int candidates_per_invigilator, min_invigilators_per_room, candidates_per_examiner, panel_min;
	bool review[6]; /* levels with 综合评审 */
};

void exam_profile_default(struct exam_profile *p);
/* exam_profile_parse: a profile in its JSON form (a request's, a stored one) over the defaults:
 * theory_minutes, practical_minutes {"5":90,...}, pass_mark, candidates_per_invigilator,
 * min_invigilators_per_room, candidates_per_examiner, panel_min, review_levels [2,1]. 0, or -1 with 422
 * invalid_type naming the field; the rules' floors are checked by standard_add. */
int exam_profile_parse(json_t *profile, struct exam_profile *p, err *e);

/* one option of 申报条件 with the standard's own figures (years per condition, -1 for the template's) */
struct standard_condition {
	const char *option_id;
	int years[OPTION_MAX_CONDS];
	int n;
	bool malformed; /* not an array of at most OPTION_MAX_CONDS integers or nulls */
};
struct standard_input {
	const char *version, *template_name; /* template "2018" or "2023" */
	struct exam_profile profile;	     /* exam_profile_parse's, over the defaults */
	const struct standard_condition *conditions;
	size_t nconditions;
	bool has_conditions; /* the profile named conditions (stored with it, even when empty) */
};
/* standard_add: a new active version of an occupation's standard (province administrators; 404 for an unknown
 * occupation; 422 when the profile is looser than the rules or a condition is not the template's; 409
 * standard_exists). Audited (standard.add). */
int standard_add(db *d, const principal *a, const char *occupation_code, const struct standard_input *in,
		 err *e);
json_t *standard_list_json(db *d, const char *occupation_code, err *e);
/* standard_option_years: the active standard's own figures for an option of 申报条件 (profile.conditions,
 * e.g. {"2023-4-a": [6]}): years[0..n) with -1 for "the template's"; n = 0 when the standard keeps the
 * template's figures. version gets the standard's version when it varies them. */
int standard_option_years(db *d, const char *occupation_code, const char *option_id, int years[4], int *n,
			  char version[48], err *e);
/* the active standard's template ("2023" when none) and profile (defaults when none) */
int standard_active(db *d, const char *occupation_code, char template_name[8], struct exam_profile *p,
		    err *e);

#endif
