/* statkey.c: the keys of the statistics counters (statkey.h) */
#include "util/common.h"
#include "core/statkey.h"
#include "core/date.h"
#include <string.h>
#include <stdio.h>

static const struct {
	const char *name, *zh;
	enum stat_entity ent;
} metrics[SM_COUNT] = {
	[SM_CERT_ISSUED] = {"cert.issued", "证书核发", STE_CERTIFICATE},
	[SM_CERT_REVOKED] = {"cert.revoked", "证书撤销", STE_CERTIFICATE},
	[SM_RESULT_SAT] = {"result.sat", "参评人次", STE_RESULT},
	[SM_RESULT_PASSED] = {"result.passed", "合格人次", STE_RESULT},
	[SM_REG_SUBMITTED] = {"registration.submitted", "报名人次", STE_REGISTRATION},
	[SM_REG_APPROVED] = {"registration.approved", "报名审核通过", STE_REGISTRATION},
	[SM_SITTING_HELD] = {"sitting.held", "考场场次", STE_SITTING},
	[SM_TRAIN_ENROLLED] = {"training.enrolled", "培训报名人次", STE_ENROLMENT},
	[SM_TRAIN_COMPLETED] = {"training.completed", "培训结业人次", STE_ENROLMENT},
	[SM_CLAIM_APPLIED] = {"claim.applied", "补贴申领", STE_CLAIM},
	[SM_CLAIM_PAID] = {"claim.paid", "补贴发放", STE_CLAIM},
	[SM_COMPLAINT_RECEIVED] = {"complaint.received", "投诉受理", STE_COMPLAINT},
	[SM_COMPLAINT_UPHELD] = {"complaint.upheld", "投诉属实", STE_COMPLAINT},
	[SM_INSPECTION_SIGNED] = {"inspection.signed", "督导检查", STE_INSPECTION},
	[SM_COMP_ENTERED] = {"competition.entered", "竞赛报名人次", STE_COMP_ENTRY},
	[SM_COMP_APPROVED] = {"competition.approved", "竞赛报名审核通过", STE_COMP_ENTRY},
	[SM_COMP_PLACED] = {"competition.placed", "竞赛取得成绩人次", STE_COMP_RESULT},
	[SM_COMP_AWARDED] = {"competition.awarded", "竞赛获奖人次", STE_COMP_RESULT},
	[SM_POST_APPOINTED] = {"post.appointed", "特级首席技师聘任", STE_POST_APPOINTMENT},
	[SM_SEL_NOMINATED] = {"selection.nominated", "评选推荐", STE_NOMINATION},
	[SM_SEL_APPOINTED] = {"selection.appointed", "评选入选", STE_NOMINATION},
	[SM_SEL_ENDED] = {"selection.ended", "入选终止", STE_NOMINATION},
	[SM_ALLOWANCE_PAID] = {"allowance.paid", "津贴奖励发放", STE_ALLOWANCE},
	[SM_ALLOWANCE_RECOVERED] = {"allowance.recovered", "津贴奖励追回", STE_ALLOWANCE},
};

static const char *const entities[STE_COUNT] = {
	[STE_CERTIFICATE] = "certificate",
	[STE_RESULT] = "result",
	[STE_REGISTRATION] = "registration",
	[STE_SITTING] = "sitting",
	[STE_ENROLMENT] = "enrolment",
	[STE_CLAIM] = "claim",
	[STE_COMPLAINT] = "complaint",
	[STE_INSPECTION] = "inspection",
	[STE_COMP_ENTRY] = "competition_entry",
	[STE_COMP_RESULT] = "competition_result",
	[STE_POST_APPOINTMENT] = "post_appointment",
	[STE_NOMINATION] = "selection_nomination",
	[STE_ALLOWANCE] = "selection_payment",
};

const char *stat_metric_name(enum stat_metric m)
{
	return (unsigned)m < SM_COUNT ? metrics[m].name : "";
}

const char *stat_metric_zh(enum stat_metric m)
{
	return (unsigned)m < SM_COUNT ? metrics[m].zh : "";
}

int stat_metric_parse(const char *s)
{
	for (int m = 0; s && m < SM_COUNT; m++)
		if (!strcmp(s, metrics[m].name))
			return m;
	return -1;
}

enum stat_entity stat_metric_entity(enum stat_metric m)
{
	return (unsigned)m < SM_COUNT ? metrics[m].ent : STE_COUNT;
}

const char *stat_entity_name(enum stat_entity e)
{
	return (unsigned)e < STE_COUNT ? entities[e] : "";
}

/* "YYYY-MM" of a valid date ymd (years 1..9999) */
static void month_of_ymd(int ymd, char out[8])
{
	char buf[24];
	snprintf(buf, sizeof buf, "%04u-%02u", (unsigned)(ymd / 10000) % 10000u,
		 (unsigned)(ymd / 100 % 100) % 100u);
	memcpy(out, buf, 7);
	out[7] = 0;
}

int stat_month_of_date(const char *date, char out[8])
{
	int ymd;
	char d[11];
	if (!date || strlen(date) < 10)
		return -1;
	memcpy(d, date, 10);
	d[10] = 0;
	if (date_parse(d, &ymd) != 0)
		return -1;
	month_of_ymd(ymd, out);
	return 0;
}

int stat_month_of_epoch(int64_t t, char out[8])
{
	if (t <= 0)
		return -1;
	int ymd = date_from_days((long)((t + 8 * 3600) / 86400));
	month_of_ymd(ymd, out);
	return 0;
}

int stat_month_shift(const char *month, int months, char out[8])
{
	int y, m;
	char tail;
	if (!month || strlen(month) != 7 || month[4] != '-' ||
	    sscanf(month, "%4d-%2d%c", &y, &m, &tail) != 2 || y < 1 || m < 1 || m > 12 || months < -120000 ||
	    months > 120000)
		return -1;
	int k = y * 12 + (m - 1) + months;
	if (k < 12 || k / 12 > 9999)
		return -1;
	month_of_ymd((k / 12) * 10000 + (k % 12 + 1) * 100 + 1, out);
	return 0;
}

static bool digits6(const char *code)
{
	if (!code || strlen(code) != 6)
		return false;
	for (int i = 0; i < 6; i++)
		if (code[i] < '0' || code[i] > '9')
			return false;
	return true;
}

enum stat_region_level stat_region_level(const char *code)
{
	if (!digits6(code) || !strncmp(code, "00", 2))
		return SRL_BAD;
	if (!strcmp(code + 2, "0000"))
		return SRL_PROVINCE;
	if (!strcmp(code + 4, "00"))
		return SRL_CITY;
	return SRL_COUNTY;
}

int stat_region_prefix(const char *code, char out[8])
{
	enum stat_region_level l = stat_region_level(code);
	if (l == SRL_BAD)
		return -1;
	int n = l == SRL_PROVINCE ? 2 : l == SRL_CITY ? 4 : 6;
	memcpy(out, code, (size_t)n);
	out[n] = 0;
	return 0;
}

int stat_region_at(const char *code, enum stat_region_level level, char out[8])
{
	enum stat_region_level l = stat_region_level(code);
	if (l == SRL_BAD || level == SRL_BAD || (unsigned)level > SRL_COUNTY)
		return -1;
	int keep = level == SRL_PROVINCE ? 2 : level == SRL_CITY ? 4 : 6;
	for (int i = 0; i < 6; i++)
		out[i] = i < keep ? code[i] : '0';
	out[6] = 0;
	return 0;
}

int stat_shard(uint64_t seed)
{
	seed ^= seed >> 33;
	seed *= 0xff51afd7ed558ccdULL;
	seed ^= seed >> 33;
	return (int)(seed % STAT_SHARDS);
}

static int put(struct stat_delta *out, int *n, enum stat_metric m, const struct stat_src *s,
	       const char *month, int64_t amount)
{
	struct stat_delta *d = &out[*n];
	const char *occ = s->occupation ? s->occupation : "";
	const char *type = s->inst_type ? s->inst_type : "";
	if (*n >= STAT_MAX_DELTAS || !s->region || strlen(s->region) >= sizeof d->k.region ||
	    strlen(occ) >= sizeof d->k.occupation || strlen(type) >= sizeof d->k.inst_type)
		return -1;
	memset(d, 0, sizeof *d);
	d->k.metric = m;
	snprintf(d->k.region, sizeof d->k.region, "%s", s->region);
	snprintf(d->k.occupation, sizeof d->k.occupation, "%s", occ);
	snprintf(d->k.inst_type, sizeof d->k.inst_type, "%s", type);
	snprintf(d->k.month, sizeof d->k.month, "%s", month);
	d->k.level = s->level;
	d->k.institution_id = s->institution_id;
	d->n = 1;
	d->amount = amount;
	(*n)++;
	return 0;
}

static bool is(const char *a, const char *b)
{
	return a && !strcmp(a, b);
}

int stat_deltas(enum stat_entity ent, const struct stat_src *s, struct stat_delta out[STAT_MAX_DELTAS])
{
	char m1[8], m2[8];
	int n = 0;
	if (!s || !s->region)
		return 0;
	switch (ent) {
	case STE_CERTIFICATE:
		if (stat_month_of_date(s->date1, m1) == 0 && put(out, &n, SM_CERT_ISSUED, s, m1, 0))
			return -1;
		if (is(s->status, "revoked") && stat_month_of_date(s->date2, m2) == 0 &&
		    put(out, &n, SM_CERT_REVOKED, s, m2, 0))
			return -1;
		break;
	case STE_RESULT:
		if (stat_month_of_date(s->date1, m1) == 0 &&
		    (put(out, &n, SM_RESULT_SAT, s, m1, 0) ||
		     (s->flag && put(out, &n, SM_RESULT_PASSED, s, m1, 0))))
			return -1;
		break;
	case STE_REGISTRATION:
		if (stat_month_of_epoch(s->t1, m1) == 0 &&
		    (put(out, &n, SM_REG_SUBMITTED, s, m1, 0) ||
		     (is(s->status, "approved") && put(out, &n, SM_REG_APPROVED, s, m1, 0))))
			return -1;
		break;
	case STE_SITTING:
		if (stat_month_of_epoch(s->t1, m1) == 0 && put(out, &n, SM_SITTING_HELD, s, m1, 0))
			return -1;
		break;
	case STE_ENROLMENT:
		if (stat_month_of_epoch(s->t1, m1) == 0 &&
		    (put(out, &n, SM_TRAIN_ENROLLED, s, m1, 0) ||
		     (s->flag && put(out, &n, SM_TRAIN_COMPLETED, s, m1, 0))))
			return -1;
		break;
	case STE_CLAIM:
		if (stat_month_of_date(s->date1, m1) == 0 &&
		    (put(out, &n, SM_CLAIM_APPLIED, s, m1, 0) ||
		     (is(s->status, "paid") && put(out, &n, SM_CLAIM_PAID, s, m1, s->amount))))
			return -1;
		break;
	case STE_COMPLAINT:
		if (stat_month_of_date(s->date1, m1) == 0 &&
		    (put(out, &n, SM_COMPLAINT_RECEIVED, s, m1, 0) ||
		     (is(s->status, "upheld") && put(out, &n, SM_COMPLAINT_UPHELD, s, m1, 0))))
			return -1;
		break;
	case STE_INSPECTION:
		if (is(s->status, "signed") && stat_month_of_epoch(s->t1, m1) == 0 &&
		    put(out, &n, SM_INSPECTION_SIGNED, s, m1, 0))
			return -1;
		break;
	case STE_COMP_ENTRY:
		if (stat_month_of_epoch(s->t1, m1) == 0 &&
		    (put(out, &n, SM_COMP_ENTERED, s, m1, 0) ||
		     (is(s->status, "approved") && put(out, &n, SM_COMP_APPROVED, s, m1, 0))))
			return -1;
		break;
	case STE_COMP_RESULT:
		/* status: the medal code, '' none */
		if (stat_month_of_date(s->date1, m1) == 0 &&
		    (put(out, &n, SM_COMP_PLACED, s, m1, 0) ||
		     (s->status && *s->status && put(out, &n, SM_COMP_AWARDED, s, m1, 0))))
			return -1;
		break;
	case STE_POST_APPOINTMENT:
		if (stat_month_of_date(s->date1, m1) == 0 && put(out, &n, SM_POST_APPOINTED, s, m1, 0))
			return -1;
		break;
	case STE_NOMINATION: {
		/* appointed: status appointed or ended with its term's first day (date1); ended: ended_on
		 * (date2) */
		bool appointed = is(s->status, "appointed") || is(s->status, "ended");
		if (stat_month_of_epoch(s->t1, m1) == 0 && put(out, &n, SM_SEL_NOMINATED, s, m1, 0))
			return -1;
		if (appointed && stat_month_of_date(s->date1, m1) == 0 &&
		    put(out, &n, SM_SEL_APPOINTED, s, m1, 0))
			return -1;
		if (is(s->status, "ended") && stat_month_of_date(s->date2, m2) == 0 &&
		    put(out, &n, SM_SEL_ENDED, s, m2, 0))
			return -1;
		break;
	}
	case STE_ALLOWANCE:
		/* date1: the payment's month as its first day; every payment made counts as paid, a recovered
		 * one also as recovered (in the month it was paid for) */
		if (stat_month_of_date(s->date1, m1) == 0 &&
		    (put(out, &n, SM_ALLOWANCE_PAID, s, m1, s->amount) ||
		     (is(s->status, "recovered") && put(out, &n, SM_ALLOWANCE_RECOVERED, s, m1, s->amount))))
			return -1;
		break;
	default:
		return -1;
	}
	return n;
}
