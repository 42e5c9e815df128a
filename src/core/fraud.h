/* fraud.h: the pure rules of check-in hardening and of the fraud signals of 培训与补贴 (issue 14 items 3
 * and 6; docs/DOMAIN.md §37). No I/O, no clock: the use cases (svc/training/classes.c, svc/training/fraud.c)
 * load the facts and the rule parameters (data: training_checkin_rules, fraud_rule_params) and ask here.
 *
 * Check-in (签到校验), in this order, the first failure wins:
 *   422 outside_session  the time is outside the session's window [start - grace, end + grace] (China time)
 *   422 location_required the class's site has coordinates and the phone sent none
 *   403 too_far          the phone's location is farther from the site than the radius
 *   409 device_in_use    the device is bound to another trainee of the same class
 * What the server can and cannot enforce is said in DOMAIN.md §37: the code, the window and the binding are
 * the server's; the location and the device identifier are what the phone reports.
 *
 * Completion rate (结业率异常): an institution with k completions of n trainees in a period against the
 * pooled rate p0 of its peers is an outlier when n >= min_n and the one-sided exact binomial tail
 * P(X >= k | n, p0) < alpha (the funnel plot's upper limit at that alpha). */
#ifndef JINENG_CORE_FRAUD_H
#define JINENG_CORE_FRAUD_H

#include "util/common.h"
#include "util/err.h"
#include "core/fsm.h"

/* "HH:MM" (00:00..23:59) -> minutes after midnight; -1 when malformed */
int hhmm_parse(const char *s);

/* the UTC seconds of minute `min` (0..1440) of day `ymd` in China time (UTC+8) */
int64_t china_time_s(int ymd, int min);

struct checkin_facts {
	int64_t now;		   /* UTC seconds */
	int held_on;		   /* the session's day, YYYYMMDD */
	int start_min, end_min;	   /* the session's times of day (China time); start_min < 0: the whole day */
	int grace_min;		   /* 签到宽限 (data) */
	bool site_located;	   /* the class's site has coordinates */
	bool has_location;	   /* the phone sent a location */
	double site_lat, site_lon; /* the site */
	double lat, lon;	   /* the phone */
	int radius_m;		   /* 签到半径 (data) */
	int64_t device_owner;	   /* the person the device is bound to in this class (0: unbound) */
	int64_t person;		   /* the trainee checking in */
};

/* checkin_check: 0 when the check-in may be recorded; -1 with `e` set (above). *distance_m gets the
 * distance to the site when a location was checked (-1 otherwise). */
int checkin_check(const struct checkin_facts *f, int *distance_m, err *e);

/* the window's bounds in UTC seconds */
void checkin_window(const struct checkin_facts *f, int64_t *from, int64_t *to);

/* binom_upper_tail: P(X >= k) for X ~ Binomial(n, p), exact (log-space sums), in [0, 1] */
double binom_upper_tail(int64_t n, int64_t k, double p);

/* funnel_upper: the upper limit of the funnel plot at normal quantile z for a unit of n with pooled rate
 * p0 (normal approximation: p0 + z * sqrt(p0 (1 - p0) / n)), clipped to 1 */
double funnel_upper(double p0, int64_t n, double z);

struct completion_test {
	double rate;	/* k / n */
	double p0;	/* the peers' pooled rate */
	double p_value; /* P(X >= k | n, p0) */
	bool outlier;	/* n >= min_n && p_value < alpha */
	bool too_small; /* n < min_n: not tested */
};

/* completion_outlier: k completions of n against peers' k0 of n0 (the unit itself not in the peers) */
struct completion_test completion_outlier(int64_t k, int64_t n, int64_t k0, int64_t n0, double alpha,
					  int64_t min_n);

/* 疑点线索的复核: open (待复核) -> confirmed (已认定) | dismissed (已排除), each by the province or the
 * signal's city with a reason (the scope decides which city: SE_FRAUD_SIGNAL) */
extern const struct fsm fraud_signal_fsm;

/* the kinds: two_cities 两地申领, shared_device 一机多签, exam_overlap 考培冲突, completion_rate 结业率异常;
 * "" for an unknown code */
const char *fraud_kind_zh(const char *kind);
bool fraud_kind_valid(const char *kind);

#endif
