/* supervisors.h: 督导员 — the registry of supervisors: a supervisor is an account of role supervisor with a
 * profile (qualification, home institution, region, location, availability, 回避 declarations). Who sees
 * and changes whom: the scope table's SE_SUPERVISOR (the province all, a city its region's, a supervisor
 * their own, of which they change only their availability). */
#ifndef JINENG_SVC_SUPERVISORS_H
#define JINENG_SVC_SUPERVISORS_H

#include "core/principal.h"
#include "store/db.h"
#include "svc/base/list.h"
#include <jansson.h>

#define SUPERVISOR_MAX_AVOID	50
#define SUPERVISOR_MAX_DAYS_OFF 366

struct supervisor_avoid {
	int64_t institution_id;
	const char *reason; /* may be NULL */
};

/* a profile as the province or a city writes it (PUT replaces the whole profile) */
struct supervisor_input {
	const char *grade;	 /* senior | intermediate | junior */
	const char *cert_no;	 /* the qualification certificate's number */
	const char *valid_until; /* YYYY-MM-DD */
	int64_t institution_id;	 /* 本单位, 0 none */
	const char *region_code; /* own region (a city or county; the province for the bureau's own) */
	bool has_location;
	double latitude, longitude;
	const char *weekdays; /* NULL: every day ("1111111", Monday..Sunday) */
	int64_t max_per_day;  /* -1: 2 */
	const struct supervisor_avoid *avoid;
	size_t navoid;
	const char *const *days_off; /* YYYY-MM-DD */
	size_t ndays_off;
};

/* what a supervisor changes of their own profile (an administrator may too) */
struct availability_input {
	const char *weekdays; /* NULL: unchanged */
	int64_t max_per_day;  /* -1: unchanged */
	bool has_days_off;    /* replace the days off with these */
	const char *const *days_off;
	size_t ndays_off;
};

extern const struct list_spec supervisor_list;

/* supervisor_put: creates or replaces user_id's profile (audited); 404 when the account is out of reach or no
 * supervisor's, 403 when the region is outside a city administrator's */
int supervisor_put(db *d, const principal *a, int64_t user_id, const struct supervisor_input *in, err *e);
/* supervisor_availability: changes the availability of user_id's profile (audited) */
int supervisor_availability(db *d, const principal *a, int64_t user_id, const struct availability_input *in,
			    err *e);
/* supervisor_get_json: the profile with its 回避 declarations and days off; 404 when out of reach */
json_t *supervisor_get_json(db *d, const principal *a, int64_t user_id, err *e);

#endif
