/* groupkey.c: the keys of the counters by 重点群体 (groupkey.h) */
#include "core/groupkey.h"
#include "core/date.h"
#include "core/statkey.h"
#include <stdio.h>
#include <string.h>

static const char *const names[GM_COUNT][2] = {
	[GM_TRAIN_ENROLLED] = {"group.training.enrolled", "培训报名人次"},
	[GM_TRAIN_COMPLETED] = {"group.training.completed", "培训结业人次"},
	[GM_CLAIM_APPLIED] = {"group.claim.applied", "补贴申领"},
	[GM_CLAIM_PAID] = {"group.claim.paid", "补贴发放"},
	[GM_CERT_ISSUED] = {"group.cert.issued", "证书核发"},
	[GM_REG_SUBMITTED] = {"group.registration.submitted", "认定报名人次"},
	[GM_REG_APPROVED] = {"group.registration.approved", "报名审核通过"},
	[GM_RESULT_SAT] = {"group.result.sat", "参评人次"},
	[GM_RESULT_PASSED] = {"group.result.passed", "合格人次"},
	[GM_COMP_ENTERED] = {"group.competition.entered", "竞赛报名人次"},
	[GM_COMP_APPROVED] = {"group.competition.approved", "竞赛报名审核通过"},
	[GM_ALLOWANCE_PAID] = {"group.allowance.paid", "津贴奖励发放"},
	[GM_CERT_REVOKED] = {"group.cert.revoked", "证书撤销"},
	[GM_COMP_PLACED] = {"group.competition.placed", "竞赛取得成绩人次"},
	[GM_COMP_AWARDED] = {"group.competition.awarded", "竞赛获奖人次"},
	[GM_POST_APPOINTED] = {"group.post.appointed", "特级首席技师聘任"},
	[GM_SEL_NOMINATED] = {"group.selection.nominated", "评选推荐"},
	[GM_SEL_APPOINTED] = {"group.selection.appointed", "评选入选"},
	[GM_SEL_ENDED] = {"group.selection.ended", "入选终止"},
	[GM_ALLOWANCE_RECOVERED] = {"group.allowance.recovered", "津贴奖励追回"},
};

bool group_metric_money(enum group_metric m)
{
	return m == GM_CLAIM_PAID || m == GM_ALLOWANCE_PAID || m == GM_ALLOWANCE_RECOVERED;
}

const char *group_metric_name(enum group_metric m)
{
	return (unsigned)m < GM_COUNT ? names[m][0] : "";
}

const char *group_metric_zh(enum group_metric m)
{
	return (unsigned)m < GM_COUNT ? names[m][1] : "";
}

int group_metric_parse(const char *s)
{
	for (int m = 0; s && m < GM_COUNT; m++)
		if (!strcmp(s, names[m][0]))
			return m;
	return -1;
}

int group_metric_of_stat(const char *stat_name)
{
	for (int m = 0; stat_name && m < GM_COUNT; m++)
		if (!strcmp(stat_name, names[m][0] + 6))
			return m;
	return -1;
}

/* the first ten characters of a date, validated; -1 when it is none */
static int day_of(const char *s, int *ymd)
{
	char d[11];
	if (!s || strlen(s) < 10)
		return -1;
	memcpy(d, s, 10);
	d[10] = 0;
	return date_parse(d, ymd);
}

bool group_valid_on(const char *from, const char *to, const char *day)
{
	int f, t = 0, x;
	if (day_of(from, &f) != 0 || day_of(day, &x) != 0)
		return false;
	if (to && *to && day_of(to, &t) != 0)
		return false;
	return f <= x && (!t || x <= t);
}

static bool is(const char *a, const char *b)
{
	return a && !strcmp(a, b);
}

static int put(struct group_delta *o, enum group_metric m, const struct group_src *s, const char *month,
	       int64_t amount)
{
	if (!s->category || strlen(s->category) >= sizeof o->k.category || !s->region ||
	    strlen(s->region) >= sizeof o->k.region)
		return -1;
	memset(o, 0, sizeof *o);
	o->k.metric = m;
	snprintf(o->k.category, sizeof o->k.category, "%s", s->category);
	snprintf(o->k.region, sizeof o->k.region, "%s", s->region);
	o->k.level = s->level;
	o->k.institution_id = s->institution_id;
	memcpy(o->k.month, month, 8);
	o->n = 1;
	o->amount = amount;
	return 0;
}

/* the day (out) of a row's date given as epoch seconds in China time (t > 0) or a date's first ten
 * characters; 0 ok, 1 none, -1 malformed */
static int day_at(const char *date, int64_t t, char day[11])
{
	int ymd;
	if (!date) {
		if (t <= 0)
			return 1;
		date_format(date_from_days((long)((t + 8 * 3600) / 86400)), day);
		return 0;
	}
	if (!*date)
		return 1;
	if (day_of(date, &ymd) != 0)
		return -1;
	date_format(ymd, day);
	return 0;
}

/* adds metric m dated `day` when the flag was valid that day; -1 when a key field does not fit */
static int add(struct group_delta *out, int *n, enum group_metric m, const struct group_src *s,
	       const char *day, int64_t amount)
{
	char month[8];
	if (!group_valid_on(s->valid_from, s->valid_to, day))
		return 0;
	if (stat_month_of_date(day, month) != 0 || *n >= GROUP_MAX_DELTAS)
		return -1;
	return put(&out[(*n)++], m, s, month, amount);
}

int group_deltas(enum group_entity ent, const struct group_src *s, struct group_delta out[GROUP_MAX_DELTAS])
{
	char day[11], day2[11];
	bool by_t =
		ent == GE_ENROLMENT || ent == GE_REGISTRATION || ent == GE_COMP_ENTRY || ent == GE_NOMINATION;
	int r = day_at(by_t ? NULL : s->date, by_t ? s->t : 0, day);
	if (r != 0)
		return r > 0 ? 0 : -1;
	int n = 0;
	switch (ent) {
	case GE_ENROLMENT:
		if (add(out, &n, GM_TRAIN_ENROLLED, s, day, 0) ||
		    (s->flag && add(out, &n, GM_TRAIN_COMPLETED, s, day, 0)))
			return -1;
		break;
	case GE_CLAIM:
		if (add(out, &n, GM_CLAIM_APPLIED, s, day, 0) ||
		    (is(s->status, "paid") && add(out, &n, GM_CLAIM_PAID, s, day, s->amount)))
			return -1;
		break;
	case GE_CERTIFICATE:
		/* issued by its issue date; revoked by its revocation date (the category held that day) */
		if (add(out, &n, GM_CERT_ISSUED, s, day, 0))
			return -1;
		if (is(s->status, "revoked") && day_at(s->date2 ? s->date2 : "", 0, day2) == 0 &&
		    add(out, &n, GM_CERT_REVOKED, s, day2, 0))
			return -1;
		break;
	case GE_REGISTRATION:
		if (add(out, &n, GM_REG_SUBMITTED, s, day, 0) ||
		    (is(s->status, "approved") && add(out, &n, GM_REG_APPROVED, s, day, 0)))
			return -1;
		break;
	case GE_RESULT:
		if (add(out, &n, GM_RESULT_SAT, s, day, 0) ||
		    (s->flag && add(out, &n, GM_RESULT_PASSED, s, day, 0)))
			return -1;
		break;
	case GE_COMP_ENTRY:
		if (add(out, &n, GM_COMP_ENTERED, s, day, 0) ||
		    (is(s->status, "approved") && add(out, &n, GM_COMP_APPROVED, s, day, 0)))
			return -1;
		break;
	case GE_ALLOWANCE:
		/* every payment made counts as paid, a recovered one also as recovered (as §42's counters) */
		if (add(out, &n, GM_ALLOWANCE_PAID, s, day, s->amount) ||
		    (is(s->status, "recovered") && add(out, &n, GM_ALLOWANCE_RECOVERED, s, day, s->amount)))
			return -1;
		break;
	case GE_COMP_RESULT:
		/* status: the medal code, '' none */
		if (add(out, &n, GM_COMP_PLACED, s, day, 0) ||
		    (s->status && *s->status && add(out, &n, GM_COMP_AWARDED, s, day, 0)))
			return -1;
		break;
	case GE_POST_APPOINTMENT:
		if (add(out, &n, GM_POST_APPOINTED, s, day, 0))
			return -1;
		break;
	case GE_NOMINATION:
		/* nominated by the day of nomination; appointed by the term's first day; ended by ended_on */
		if (add(out, &n, GM_SEL_NOMINATED, s, day, 0))
			return -1;
		if ((is(s->status, "appointed") || is(s->status, "ended")) &&
		    day_at(s->date ? s->date : "", 0, day2) == 0 &&
		    add(out, &n, GM_SEL_APPOINTED, s, day2, 0))
			return -1;
		if (is(s->status, "ended") && day_at(s->date2 ? s->date2 : "", 0, day2) == 0 &&
		    add(out, &n, GM_SEL_ENDED, s, day2, 0))
			return -1;
		break;
	default:
		return -1;
	}
	return n;
}
