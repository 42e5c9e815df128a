/* principal.h: who is asking. A principal carries a role and a data scope: the province, a region code
 * prefix (city admin), an institution (institution admin and staff), an examiner, a person (candidate),
 * or nobody (the public). Pure data and rules; no I/O. */
#ifndef JINENG_PRINCIPAL_H
#define JINENG_PRINCIPAL_H

#include "util/common.h"

enum role {
	ROLE_PUBLIC = 0,
	ROLE_PROVINCE_ADMIN,
	ROLE_CITY_ADMIN,
	ROLE_INSTITUTION_ADMIN,
	ROLE_INSTITUTION_STAFF,
	ROLE_EXAMINER,
	ROLE_SUPERVISOR,
	ROLE_CANDIDATE,
	ROLE_FINANCE, /* 财政: co-approves platform grants and nothing else (issue 24) */
	ROLE_COUNT
};

#define RB(r)	   (1u << (r))
#define R_ADMINS   (RB(ROLE_PROVINCE_ADMIN) | RB(ROLE_CITY_ADMIN))
#define R_INST	   (RB(ROLE_INSTITUTION_ADMIN) | RB(ROLE_INSTITUTION_STAFF))
#define R_STAFF	   (R_ADMINS | R_INST)
#define R_ANY_USER (0xfffeu)
#define R_EVERYONE (0xffffu)

typedef struct principal {
	int64_t user_id; /* 0 = the public */
	enum role role;
	char username[64];
	char region[13];	/* city admin: region code prefix such as "3701"; province admin: "37" */
	int64_t institution_id; /* institution admin / staff */
	int64_t person_id;	/* candidate */
} principal;

const char *role_name(enum role r);
int role_parse(const char *s, enum role *out); /* 0 ok, -1 unknown */
const char *role_name_zh(enum role r);
static inline bool role_in(const principal *p, unsigned mask)
{
	return (mask & RB(p->role)) != 0;
}
/* region_prefix: the code prefix a region scope stands for: "370100" -> "3701", "370000" -> "37". */
void region_prefix(const char *code, char out[13]);
/* may this principal see unmasked ID numbers and phones of persons in its scope? */
bool principal_sees_pii(const principal *p);

#endif
