#include "util/common.h"
#include "core/principal.h"

static const char *const names[ROLE_COUNT] = {
	"public",   "province_admin", "city_admin", "institution_admin", "institution_staff",
	"examiner", "supervisor",     "candidate",  "finance",
};
static const char *const names_zh[ROLE_COUNT] = {
	"公众",	  "省级管理员", "市级管理员", "评价机构管理员", "评价机构工作人员",
	"考评员", "督导员",	"考生",	      "财政部门",
};

const char *role_name(enum role r)
{
	return (unsigned)r < ROLE_COUNT ? names[r] : "?";
}

const char *role_name_zh(enum role r)
{
	return (unsigned)r < ROLE_COUNT ? names_zh[r] : "?";
}

int role_parse(const char *s, enum role *out)
{
	for (int i = 1; i < ROLE_COUNT; i++)
		if (s && !strcmp(s, names[i])) {
			*out = (enum role)i;
			return 0;
		}
	return -1;
}

void region_prefix(const char *code, char out[13])
{
	size_t n = strlen(code);
	if (n > 12)
		n = 12;
	memcpy(out, code, n);
	out[n] = 0;
	/* strip trailing pairs of zeros: 370100 -> 3701, 370000 -> 37, 370102 stays */
	while (n >= 4 && out[n - 1] == '0' && out[n - 2] == '0') {
		n -= 2;
		out[n] = 0;
	}
}

bool principal_sees_pii(const principal *p)
{
	switch (p->role) {
	case ROLE_PROVINCE_ADMIN:
	case ROLE_CITY_ADMIN:
	case ROLE_INSTITUTION_ADMIN:
	case ROLE_INSTITUTION_STAFF:
	case ROLE_CANDIDATE:
		return true;
	default:
		return false;
	}
}
