/* programmes.h: 培养项目 as data (金蓝领, 马兰花, 绿色技能, 高危行业安全技能 and any new one) with their
 * years, yearly target and quota and the subsidy rules they enable; training classes (svc/training) tagged
 * with a programme, their form and content; progress against the target; counts grouped by programme, form or
 * content (docs/DOMAIN.md §53) */
#ifndef JINENG_SVC_CULTIVATION_PROGRAMMES_H
#define JINENG_SVC_CULTIVATION_PROGRAMMES_H

#include "svc/base/svc.h"

/* programme_list_json: every programme with its figures for `year` (its yearly row, else its defaults) and
 * the progress within the caller's reach (the province all, a city its region, an institution its own) */
json_t *programme_list_json(db *d, const principal *a, int64_t year, err *e);

struct programme_input {
	const char *name, *target_text, *source, *gaps;
	int64_t from_year, to_year, yearly_target, quota;
	json_t *subsidy_rules; /* borrowed: an array of {kind, min_level, note, source} */
	int active;	       /* -1 unchanged / default 1 */
};
/* programme_put: the province adds or changes a programme (201 created / 200) */
json_t *programme_put(db *d, const principal *a, const char *code, const struct programme_input *in,
		      bool *created, err *e);
/* programme_year_put: the province sets a programme's target and quota of one year */
json_t *programme_year_put(db *d, const principal *a, const char *code, int64_t year, int64_t target,
			   int64_t quota, err *e);

struct class_tag_input {
	const char *programme_code; /* NULL or "": none */
	const char *form;	    /* enterprise / market / subsidised */
	const char *content;	    /* employment / upgrade / entrepreneurship / safety */
};
/* class_tag_put: the class's institution (or its city, the province) tags a training class */
json_t *class_tag_put(db *d, const principal *a, int64_t class_id, const struct class_tag_input *in, err *e);
/* class_stats_json: classes and enrolments of a year grouped by programme, form or content, within reach */
json_t *class_stats_json(db *d, const principal *a, int64_t year, const char *group, err *e);

#endif
