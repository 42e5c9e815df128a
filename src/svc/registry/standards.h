/* standards.h: versions of an occupation's 国家职业技能标准 — which 申报条件 template it follows and its exam
 * profile (minimum minutes, pass mark, invigilator and examiner ratios, panel size, levels with 综合评审).
 * The newest version added is the active one; plans use it unless they name a template. */
#ifndef JINENG_STANDARDS_H
#define JINENG_STANDARDS_H

#include "svc/base/svc.h"

struct exam_profile {
	int theory_minutes;	  /* >= 90 */
	int practical_minutes[6]; /* per level; >= 90 for 5..3, >= 60 for 2..1 */
	double pass_mark;	  /* 60 */
	int candidates_per_invigilator, min_invigilators_per_room, candidates_per_examiner, panel_min;
	bool review[6]; /* levels with 综合评审 */
};

void exam_profile_default(struct exam_profile *p);
int standard_add(db *d, const principal *a, const char *occupation_code, const char *version,
		 const char *template_name, json_t *profile, err *e);
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
