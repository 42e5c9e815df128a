/* catalogue.h: 培训机构 and what they offer. A training institution is an institutions row (registry: the
 * legal entity with its credit code, region, status and staff accounts) with a training filing
 * (training_orgs: its kind — 民办职业培训学校, 技工院校, enterprise, public centre — licence number and
 * filing date); its sites (address, county, WGS-84 coordinates on the spatial index) and the courses each
 * site offers (occupation, level, class hours, price in fen, capacity, subsidised or not, the next start
 * dates).
 *
 * Scope: the filing is written by the province (any institution) and a city (institutions of its region);
 * sites and courses also by the institution's own administrator (SE_INSTITUTION's write reach). Everything
 * of a filed training institution is public (the 培训地图). */
#ifndef JINENG_SVC_TRAINING_CATALOGUE_H
#define JINENG_SVC_TRAINING_CATALOGUE_H

#include "svc/base/svc.h"
#include "svc/base/list.h"
#include "core/money.h"

#define TRAINING_MAX_STARTS 12 /* start dates a course announces at once */

/* the filing (备案) of an institution as a training institution */
struct training_org_input {
	const char *kind;	/* private_school | technical_school | enterprise | public_centre */
	const char *licence_no; /* 办学许可证号; NULL or "" none */
	const char *filed_on;	/* YYYY-MM-DD; NULL today */
	const char *status;	/* filed | suspended; NULL filed */
};
/* training_org_put: files institution `id` as a training institution or changes its filing (created or
 * replaced). Province and the institution's city only. */
int training_org_put(db *d, const principal *a, int64_t id, const struct training_org_input *in, err *e);
/* training_org_get_json: the institution, its filing, sites and open courses; public while filed */
json_t *training_org_get_json(db *d, const principal *a, int64_t id, err *e);
/* training_org_list: filed training institutions (public); filters name, kind, region_code */
extern const struct list_spec training_org_list;

struct training_site_input {
	const char *name, *address, *county_code;
	double latitude, longitude;
	bool has_lat, has_lon; /* given (an update changes only what is given) */
};
int64_t training_site_create(db *d, const principal *a, int64_t inst_id, const struct training_site_input *in,
			     err *e);
int training_site_update(db *d, const principal *a, int64_t site_id, const struct training_site_input *in,
			 err *e);
json_t *training_site_get_json(db *d, int64_t site_id, err *e);

struct training_course_input {
	int64_t site_id; /* create: required; update: 0 keeps it */
	const char *occupation_code, *title, *status;
	int64_t level, class_hours, capacity; /* -1: not given */
	const char *price; /* yuan as text ("880", "1280.50"), core/money.h; NULL not given */
	int subsidised;	   /* -1 not given */
	const char *starts[TRAINING_MAX_STARTS];
	size_t nstarts;
	bool starts_given;
};
int64_t training_course_create(db *d, const principal *a, int64_t inst_id,
			       const struct training_course_input *in, err *e);
int training_course_update(db *d, const principal *a, int64_t course_id,
			   const struct training_course_input *in, err *e);
/* training_course_get_json: one course with its site, institution, start dates and 急需紧缺 entry; public
 * while the institution is filed, otherwise for those who may write it */
json_t *training_course_get_json(db *d, const principal *a, int64_t course_id, err *e);

#endif
