/* card_flow.c: the 山东惠才卡 application table, its step deadlines and the card's canonical payload (see
 * card_flow.h) */
#include "util/common.h"
#include "core/card_flow.h"
#include "core/date.h"

static const struct fsm_state states[] = {
	{"applied", "待单位专员完善", "Awaiting the employer's officer"},
	{"completed", "待单位审核", "Awaiting the employer"},
	{"approved", "待人社部门初审", "Awaiting the human-resources office"},
	{"reviewed", "待省级窗口发卡", "Awaiting the provincial window"},
	{"issued", "已发卡", "Card issued"},
	{"refused", "未通过", "Refused"},
};

static int g_honour(const void *ctx, err *e)
{
	const struct card_ctx *c = ctx;
	if (c && c->honour_held && c->category_active)
		return 0;
	return err_set(e, 409, "not_eligible", NULL, "申请所依据的荣誉已不在人才档案中或其类别已停用",
		       "the honour the application rests on is no longer on the talent record or its "
		       "category is no longer a card category");
}

static int g_one_card(const void *ctx, err *e)
{
	const struct card_ctx *c = ctx;
	if (c && !c->has_valid_card)
		return 0;
	return err_set(e, 409, "card_held", NULL, "此人已持有有效的山东惠才卡",
		       "the person already holds a valid card");
}

static const struct fsm_guard honour_held = {"honour_held", "申请所依据的荣誉仍在人才档案中且类别有效",
					     g_honour};
static const struct fsm_guard one_card = {"one_card", "此人尚未持有有效的惠才卡", g_one_card};

#define OFFICER                                                                                              \
	.roles = RB(ROLE_INSTITUTION_STAFF) | RB(ROLE_INSTITUTION_ADMIN), .actor_zh = "单位专员",            \
	.actor_en = "the employer's officer"
#define EMPLOYER .roles = RB(ROLE_INSTITUTION_ADMIN), .actor_zh = "用人单位", .actor_en = "the employer"
#define OFFICE	 .roles = R_ADMINS, .actor_zh = "同级人社部门", .actor_en = "the human-resources office"
#define WINDOW                                                                                               \
	.roles = RB(ROLE_PROVINCE_ADMIN), .actor_zh = "省高层次人才服务窗口",                                \
	.actor_en = "the provincial window"

static const struct fsm_transition transitions[] = {
	{"applied", "completed", "complete", "完善并提交", "Complete and submit", OFFICER,
	 .audit = "talent_card.completed", .effects = CARD_FX_NOTE},
	{"applied", "refused", "refuse", "不予通过", "Refuse", OFFICER, .flags = FSM_NEEDS_REASON,
	 .audit = "talent_card.refused", .effects = CARD_FX_REFUSE},
	{"completed", "approved", "approve", "单位审核通过", "Approve", EMPLOYER,
	 .audit = "talent_card.approved"},
	{"completed", "refused", "refuse", "不予通过", "Refuse", EMPLOYER, .flags = FSM_NEEDS_REASON,
	 .audit = "talent_card.refused", .effects = CARD_FX_REFUSE},
	{"approved", "reviewed", "review", "初审通过", "Pass the first review", OFFICE,
	 .guards = {&honour_held}, .audit = "talent_card.reviewed"},
	{"approved", "refused", "refuse", "不予通过", "Refuse", OFFICE, .flags = FSM_NEEDS_REASON,
	 .audit = "talent_card.refused", .effects = CARD_FX_REFUSE},
	{"reviewed", "issued", "issue", "发卡", "Issue the card", WINDOW, .guards = {&honour_held, &one_card},
	 .audit = "talent_card.issued", .effects = CARD_FX_ISSUE},
	{"reviewed", "refused", "refuse", "不予通过", "Refuse", WINDOW, .flags = FSM_NEEDS_REASON,
	 .audit = "talent_card.refused", .effects = CARD_FX_REFUSE},
};

const struct fsm card_fsm = {
	.name = "card_application",
	.subject_zh = "惠才卡申请",
	.subject_en = "the card application",
	.field = "status",
	.states = states,
	.nstates = ARRAY_LEN(states),
	.transitions = transitions,
	.ntransitions = ARRAY_LEN(transitions),
};

bool card_step_open(const char *s)
{
	return s && (!strcmp(s, "applied") || !strcmp(s, "completed") || !strcmp(s, "approved") ||
		     !strcmp(s, "reviewed"));
}

int card_due(int entered, int days, const struct cal_day *cal, size_t n)
{
	if (!date_valid(entered) || days < 1)
		return 0;
	return workdays_end(date_from_days(date_to_days(entered) + 1), days, cal, n);
}

bool card_overdue(int due, int done, int today)
{
	if (due <= 0)
		return false;
	return done > 0 ? done > due : today > due;
}

/* appends s as a JSON string; false when it does not fit */
static bool put_str(char *out, size_t cap, size_t *n, const char *s)
{
	static const char hex[] = "0123456789abcdef";
#define PUT(ch)                                                                                              \
	do {                                                                                                 \
		if (*n + 1 >= cap)                                                                           \
			return false;                                                                        \
		out[(*n)++] = (char)(ch);                                                                    \
	} while (0)
	PUT('"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		unsigned char c = *p;
		if (c == '"' || c == '\\') {
			PUT('\\');
			PUT(c);
		} else if (c == '\n') {
			PUT('\\');
			PUT('n');
		} else if (c == '\r') {
			PUT('\\');
			PUT('r');
		} else if (c == '\t') {
			PUT('\\');
			PUT('t');
		} else if (c == '\b') {
			PUT('\\');
			PUT('b');
		} else if (c == '\f') {
			PUT('\\');
			PUT('f');
		} else if (c < 0x20) {
			PUT('\\');
			PUT('u');
			PUT('0');
			PUT('0');
			PUT(hex[c >> 4]);
			PUT(hex[c & 15]);
		} else
			PUT(c);
	}
	PUT('"');
#undef PUT
	return true;
}

int card_payload_json(const struct card_payload *p, char *out, size_t cap)
{
	/* in the order of the keys' bytes, as JSON_SORT_KEYS writes them */
	const struct {
		const char *key, *val;
	} kv[] = {
		{"category", p->category},   {"category_name", p->category_name},
		{"id_masked", p->id_masked}, {"issued_on", p->issued_on},
		{"issuer", p->issuer},	     {"kid", p->kid},
		{"name", p->name},	     {"number", p->number},
	};
	size_t n = 0;
	if (cap < 3)
		return -1;
	out[n++] = '{';
	for (size_t k = 0; k < ARRAY_LEN(kv); k++) {
		if (!kv[k].val)
			return -1;
		if (k > 0) {
			if (n + 1 >= cap)
				return -1;
			out[n++] = ',';
		}
		if (!put_str(out, cap, &n, kv[k].key) || n + 1 >= cap)
			return -1;
		out[n++] = ':';
		if (!put_str(out, cap, &n, kv[k].val))
			return -1;
	}
	if (n + 1 >= cap)
		return -1;
	out[n++] = '}';
	out[n] = '\0';
	return (int)n;
}

int card_number_make(int year, int64_t serial, char out[16])
{
	if (year < 2000 || year > 9999 || serial < 1 || serial > 999999)
		return -1;
	snprintf(out, 16, "SDHC%04d%06lld", year, (long long)serial);
	return 0;
}

bool card_number_valid(const char *s)
{
	if (!s || strlen(s) != 14 || strncmp(s, "SDHC", 4))
		return false;
	for (int k = 4; k < 14; k++)
		if (s[k] < '0' || s[k] > '9')
			return false;
	return true;
}
