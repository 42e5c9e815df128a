/* complaint_flow.c: the 投诉举报 state machine, deadlines and tracking codes (see complaint_flow.h) */
#include "util/common.h"
#include "core/complaint_flow.h"
#include "core/date.h"
#include <ctype.h>

static const struct fsm_state states[] = {
	{"received", "已收到", "Received"},
	{"acknowledged", "已受理", "Acknowledged"},
	{"investigating", "调查中", "Under investigation"},
	{"replied", "已答复", "Replied"},
	{"upheld", "查实", "Upheld"},
	{"dismissed", "不予受理或不属实", "Dismissed"},
	{"closed", "已办结", "Closed"},
};

/* a finding (查实, 查无实据) rests on at least one investigation record */
static int investigated(const void *ctx, err *e)
{
	const struct complaint_ctx *c = ctx;
	if (!c || c->records < 1)
		return err_set(e, 409, "not_investigated", "status",
			       "尚无调查记录，不能作出查实或不属实的结论",
			       "no investigation record yet: a finding needs one");
	return 0;
}

const struct fsm_guard complaint_guard_investigated = {"investigated", "已有调查记录", investigated};

#define BUREAU .roles = R_ADMINS, .actor_zh = "人社部门", .actor_en = "the bureau"

static const struct fsm_transition transitions[] = {
	{"received", "acknowledged", "acknowledge", "受理", "Acknowledge", BUREAU,
	 .audit = "complaint.acknowledged", .effects = COMPLAINT_FX_ACK},
	{"received", "dismissed", "reject", "不予受理", "Reject", BUREAU, .flags = FSM_NEEDS_REASON,
	 .audit = "complaint.dismissed", .effects = COMPLAINT_FX_ACK | COMPLAINT_FX_DECIDE},
	{"acknowledged", "investigating", "investigate", "开始调查", "Investigate", BUREAU,
	 .audit = "complaint.investigating"},
	{"acknowledged", "replied", "reply", "答复", "Reply", BUREAU, .flags = FSM_NEEDS_REASON,
	 .audit = "complaint.replied", .effects = COMPLAINT_FX_DECIDE},
	{"investigating", "upheld", "uphold", "查实", "Uphold", BUREAU, .flags = FSM_NEEDS_REASON,
	 .guards = {&complaint_guard_investigated}, .audit = "complaint.upheld",
	 .effects = COMPLAINT_FX_DECIDE},
	{"investigating", "dismissed", "dismiss", "查无实据", "Dismiss", BUREAU, .flags = FSM_NEEDS_REASON,
	 .guards = {&complaint_guard_investigated}, .audit = "complaint.dismissed",
	 .effects = COMPLAINT_FX_DECIDE},
	{"investigating", "replied", "reply", "答复", "Reply", BUREAU, .flags = FSM_NEEDS_REASON,
	 .audit = "complaint.replied", .effects = COMPLAINT_FX_DECIDE},
	{"replied", "closed", "close", "办结", "Close", BUREAU, .audit = "complaint.closed"},
	{"upheld", "closed", "close", "办结", "Close", BUREAU, .audit = "complaint.closed"},
	{"dismissed", "closed", "close", "办结", "Close", BUREAU, .audit = "complaint.closed"},
};

const struct fsm complaint_fsm = {
	.name = "complaint",
	.subject_zh = "投诉",
	.subject_en = "the complaint",
	.field = "status",
	.states = states,
	.nstates = ARRAY_LEN(states),
	.transitions = transitions,
	.ntransitions = ARRAY_LEN(transitions),
};

int complaint_due(int received, int days, const struct cal_day *cal, size_t n)
{
	if (!date_valid(received) || days < 1)
		return 0;
	int next = date_from_days(date_to_days(received) + 1);
	return workdays_end(next, days, cal, n);
}

bool complaint_overdue(int due, int done_on, int today)
{
	if (due <= 0)
		return false;
	return done_on > 0 ? done_on > due : today > due;
}

static const char B32[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

void complaint_code_from(const uint8_t rnd[13], char out[COMPLAINT_CODE_LEN + 1])
{
	/* 20 groups of 5 bits, most significant first */
	for (int i = 0; i < COMPLAINT_CODE_LEN; i++) {
		int bit = i * 5, byte = bit / 8, off = bit % 8;
		unsigned v = (unsigned)rnd[byte] << 8 | (byte + 1 < 13 ? rnd[byte + 1] : 0);
		out[i] = B32[(v >> (11 - off)) & 31];
	}
	out[COMPLAINT_CODE_LEN] = 0;
}

int complaint_code_normalize(const char *in, char out[COMPLAINT_CODE_LEN + 1])
{
	size_t k = 0;
	out[0] = 0;
	if (!in)
		return -1;
	for (const char *p = in; *p; p++) {
		if (*p == ' ' || *p == '-')
			continue;
		char c = (char)toupper((unsigned char)*p);
		if (!strchr(B32, c) || !c || k >= COMPLAINT_CODE_LEN)
			return -1;
		out[k++] = c;
	}
	out[k] = 0;
	return k == COMPLAINT_CODE_LEN ? 0 : -1;
}
