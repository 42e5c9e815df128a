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
};

bool group_metric_money(enum group_metric m)
{
	return m == GM_CLAIM_PAID || m == GM_ALLOWANCE_PAID;
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

int group_deltas(enum group_entity ent, const struct group_src *s, struct group_delta out[GROUP_MAX_DELTAS])
{
	char day[11], month[8];
	if (ent == GE_ENROLMENT || ent == GE_REGISTRATION || ent == GE_COMP_ENTRY) {
		if (s->t <= 0)
			return 0;
		date_format(date_from_days((long)((s->t + 8 * 3600) / 86400)), day);
	} else {
		int ymd;
		if (!s->date || !*s->date)
			return 0;
		if (day_of(s->date, &ymd) != 0)
			return -1;
		date_format(ymd, day);
	}
	if (!group_valid_on(s->valid_from, s->valid_to, day))
		return 0;
	if (stat_month_of_date(day, month) != 0)
		return -1;
	int n = 0;
	switch (ent) {
	case GE_ENROLMENT:
		if (put(&out[n++], GM_TRAIN_ENROLLED, s, month, 0))
			return -1;
		if (s->flag && put(&out[n++], GM_TRAIN_COMPLETED, s, month, 0))
			return -1;
		break;
	case GE_CLAIM:
		if (put(&out[n++], GM_CLAIM_APPLIED, s, month, 0))
			return -1;
		if (is(s->status, "paid") && put(&out[n++], GM_CLAIM_PAID, s, month, s->amount))
			return -1;
		break;
	case GE_CERTIFICATE:
		if (put(&out[n++], GM_CERT_ISSUED, s, month, 0))
			return -1;
		break;
	case GE_REGISTRATION:
		if (put(&out[n++], GM_REG_SUBMITTED, s, month, 0))
			return -1;
		if (is(s->status, "approved") && put(&out[n++], GM_REG_APPROVED, s, month, 0))
			return -1;
		break;
	case GE_RESULT:
		if (put(&out[n++], GM_RESULT_SAT, s, month, 0))
			return -1;
		if (s->flag && put(&out[n++], GM_RESULT_PASSED, s, month, 0))
			return -1;
		break;
	case GE_COMP_ENTRY:
		if (put(&out[n++], GM_COMP_ENTERED, s, month, 0))
			return -1;
		if (is(s->status, "approved") && put(&out[n++], GM_COMP_APPROVED, s, month, 0))
			return -1;
		break;
	case GE_ALLOWANCE:
		/* every payment made counts as paid (a recovered one too, as §42's allowance.paid) */
		if (put(&out[n++], GM_ALLOWANCE_PAID, s, month, s->amount))
			return -1;
		break;
	default:
		return -1;
	}
	return n;
}
