/* fraud.c: check-in checks and the completion-rate test (fraud.h) */
#include "util/common.h"
#include "core/fraud.h"
#include "core/date.h"
#include "core/geo.h"
#include <math.h>

int hhmm_parse(const char *s)
{
	if (!s || strlen(s) != 5 || s[2] != ':')
		return -1;
	for (int i = 0; i < 5; i++)
		if (i != 2 && (s[i] < '0' || s[i] > '9'))
			return -1;
	int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
	if (h > 23 || m > 59)
		return -1;
	return h * 60 + m;
}

int64_t china_time_s(int ymd, int min)
{
	return (int64_t)date_to_days(ymd) * 86400 + (int64_t)min * 60 - 8 * 3600;
}

void checkin_window(const struct checkin_facts *f, int64_t *from, int64_t *to)
{
	int s = f->start_min < 0 ? 0 : f->start_min, en = f->start_min < 0 ? 1440 : f->end_min;
	*from = china_time_s(f->held_on, s) - (int64_t)f->grace_min * 60;
	*to = china_time_s(f->held_on, en) + (int64_t)f->grace_min * 60;
}

int checkin_check(const struct checkin_facts *f, int *distance_m, err *e)
{
	int64_t from = 0, to = 0;
	*distance_m = -1;
	checkin_window(f, &from, &to);
	if (f->now < from || f->now > to)
		return err_set(e, 422, "outside_session", "code",
			       "不在本课次的签到时间内（上课时间前后 %d 分钟）",
			       "outside the session's check-in time (its hours, %d minutes either side)",
			       f->grace_min);
	if (f->site_located) {
		if (!f->has_location)
			return err_set(e, 422, "location_required", "latitude", "签到需要手机定位",
				       "a check-in needs the phone's location");
		double m = geo_km(f->site_lat, f->site_lon, f->lat, f->lon) * 1000.0;
		*distance_m = m > 2e9 ? 2000000000 : (int)lround(m);
		if (m > (double)f->radius_m)
			return err_set(e, 403, "too_far", "latitude",
				       "距培训地点 %d 米，超出签到范围（%d 米）",
				       "%d m from the training site, beyond the check-in radius (%d m)",
				       *distance_m, f->radius_m);
	}
	if (f->device_owner && f->device_owner != f->person)
		return err_set(
			e, 409, "device_in_use", "device_id", "该设备已为本班另一名学员签到，不能代签",
			"this device already checked in another trainee of the class: no proxy check-ins");
	return 0;
}

/* log of the binomial coefficient */
static double lchoose(int64_t n, int64_t k)
{
	return lgamma((double)n + 1) - lgamma((double)k + 1) - lgamma((double)(n - k) + 1);
}

double binom_upper_tail(int64_t n, int64_t k, double p)
{
	if (k <= 0)
		return 1.0;
	if (k > n || n <= 0)
		return 0.0;
	if (p <= 0)
		return 0.0;
	if (p >= 1)
		return 1.0;
	double lp = log(p), lq = log1p(-p), mx = -INFINITY;
	/* log-sum-exp over i = k..n: the largest term first */
	for (int64_t i = k; i <= n; i++) {
		double t = lchoose(n, i) + (double)i * lp + (double)(n - i) * lq;
		if (t > mx)
			mx = t;
	}
	double s = 0;
	for (int64_t i = k; i <= n; i++)
		s += exp(lchoose(n, i) + (double)i * lp + (double)(n - i) * lq - mx);
	double r = exp(mx + log(s));
	return r > 1.0 ? 1.0 : r;
}

double funnel_upper(double p0, int64_t n, double z)
{
	if (n <= 0)
		return 1.0;
	double u = p0 + z * sqrt(p0 * (1 - p0) / (double)n);
	return u > 1.0 ? 1.0 : u;
}

struct completion_test completion_outlier(int64_t k, int64_t n, int64_t k0, int64_t n0, double alpha,
					  int64_t min_n)
{
	struct completion_test t = {.p_value = 1.0};
	t.rate = n > 0 ? (double)k / (double)n : 0;
	t.p0 = n0 > 0 ? (double)k0 / (double)n0 : 0;
	if (n < min_n || n <= 0 || n0 <= 0) {
		t.too_small = true;
		return t;
	}
	t.p_value = binom_upper_tail(n, k, t.p0);
	t.outlier = t.p_value < alpha;
	return t;
}

static const struct fsm_state signal_states[] = {
	{"open", "待复核", "Open"},
	{"confirmed", "已认定", "Confirmed"},
	{"dismissed", "已排除", "Dismissed"},
};

#define CITY_REVIEW .roles = R_ADMINS, .actor_zh = "人社部门", .actor_en = "the bureau"

static const struct fsm_transition signal_moves[] = {
	{"open", "confirmed", "confirm", "认定", "Confirm", CITY_REVIEW, .flags = FSM_NEEDS_REASON,
	 .audit = "fraud_signal.confirmed"},
	{"open", "dismissed", "dismiss", "排除", "Dismiss", CITY_REVIEW, .flags = FSM_NEEDS_REASON,
	 .audit = "fraud_signal.dismissed"},
};

const struct fsm fraud_signal_fsm = {
	.name = "fraud_signal",
	.subject_zh = "疑点线索",
	.subject_en = "the fraud signal",
	.field = "state",
	.states = signal_states,
	.nstates = ARRAY_LEN(signal_states),
	.transitions = signal_moves,
	.ntransitions = ARRAY_LEN(signal_moves),
};

static const struct {
	const char *code, *zh;
} kinds[] = {
	{"two_cities", "两地申领"},
	{"shared_device", "一机多签"},
	{"exam_overlap", "考培冲突"},
	{"completion_rate", "结业率异常"},
};

const char *fraud_kind_zh(const char *kind)
{
	for (size_t i = 0; kind && i < ARRAY_LEN(kinds); i++)
		if (!strcmp(kinds[i].code, kind))
			return kinds[i].zh;
	return "";
}

bool fraud_kind_valid(const char *kind)
{
	return *fraud_kind_zh(kind) != '\0';
}
