/* credit.c: the credit archive's pure rule (see credit.h) */
#include "util/common.h"
#include "core/credit.h"
#include "core/date.h"

static const char *const subjects[CREDIT_SUBJ_COUNT] = {"institution", "examiner", "supervisor"};
static const unsigned subject_actions[CREDIT_SUBJ_COUNT] = {CREDIT_PLAN_CREATE | CREDIT_PLAN_SUBMIT,
							    CREDIT_PANEL, CREDIT_DISPATCH};

static const struct {
	unsigned bit;
	const char *name, *zh;
} actions[] = {
	{CREDIT_PLAN_CREATE, "plan_create", "制定认定计划"},
	{CREDIT_PLAN_SUBMIT, "plan_submit", "报备认定计划"},
	{CREDIT_PANEL, "panel", "担任考评组成员"},
	{CREDIT_DISPATCH, "dispatch", "派遣督导"},
};

const char *credit_subject_name(enum credit_subject s)
{
	return (unsigned)s < CREDIT_SUBJ_COUNT ? subjects[s] : NULL;
}

int credit_subject_parse(const char *s, enum credit_subject *out)
{
	for (int i = 0; s && i < CREDIT_SUBJ_COUNT; i++)
		if (!strcmp(s, subjects[i])) {
			*out = (enum credit_subject)i;
			return 0;
		}
	return -1;
}

unsigned credit_subject_actions(enum credit_subject s)
{
	return (unsigned)s < CREDIT_SUBJ_COUNT ? subject_actions[s] : 0;
}

const char *credit_action_name(unsigned bit)
{
	for (size_t i = 0; i < ARRAY_LEN(actions); i++)
		if (actions[i].bit == bit)
			return actions[i].name;
	return NULL;
}

const char *credit_action_name_zh(unsigned bit)
{
	for (size_t i = 0; i < ARRAY_LEN(actions); i++)
		if (actions[i].bit == bit)
			return actions[i].zh;
	return NULL;
}

int credit_actions_parse(const char *list, unsigned *mask)
{
	unsigned m = 0;
	const char *p = list ? list : "";
	while (*p) {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);
		unsigned bit = 0;
		for (size_t i = 0; i < ARRAY_LEN(actions); i++)
			if (strlen(actions[i].name) == n && !strncmp(p, actions[i].name, n))
				bit = actions[i].bit;
		if (!bit || (m & bit))
			return -1;
		m |= bit;
		if (!comma)
			break;
		p = comma + 1;
		if (!*p)
			return -1; /* a trailing comma */
	}
	*mask = m;
	return 0;
}

void credit_actions_format(unsigned mask, char *out, unsigned cap)
{
	size_t len = 0;
	if (cap)
		out[0] = 0;
	for (size_t i = 0; i < ARRAY_LEN(actions); i++) {
		if (!(mask & actions[i].bit))
			continue;
		int n = snprintf(out + len, cap - len, "%s%s", len ? "," : "", actions[i].name);
		if (n < 0 || (size_t)n >= cap - len)
			return;
		len += (size_t)n;
	}
}

const char *credit_state_name(enum credit_state s)
{
	switch (s) {
	case CREDIT_PENDING:
		return "pending";
	case CREDIT_IN_FORCE:
		return "in_force";
	case CREDIT_EXPIRED:
		return "expired";
	case CREDIT_WITHDRAWN:
		return "withdrawn";
	}
	return "unknown";
}

enum credit_state credit_state_on(const struct credit_facts *f, int ymd)
{
	if (f->withdrawn)
		return CREDIT_WITHDRAWN;
	if (ymd < f->from)
		return CREDIT_PENDING;
	if (f->until && ymd > f->until)
		return CREDIT_EXPIRED;
	return CREDIT_IN_FORCE;
}

bool credit_blocks(const struct credit_facts *f, unsigned action, int ymd)
{
	return action && (f->blocks & action) == action && credit_state_on(f, ymd) == CREDIT_IN_FORCE;
}

int credit_default_until(int from, int days)
{
	if (days < 0 || !date_valid(from))
		return -1;
	if (days == 0)
		return 0;
	return date_from_days(date_to_days(from) + days - 1);
}
