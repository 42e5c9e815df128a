/* persons.h: the person registry (劳动者/考生). ID numbers and phones are sealed (SM4-GCM) with a keyed blind
 * index for exact look-up; output masks them unless the caller's role may see them and asks for one
 * record. Scope: province all; city its region prefix; institution the persons linked to it (created,
 * imported or registered there) or employed by it; candidate itself; others none. */
#ifndef JINENG_PERSONS_H
#define JINENG_PERSONS_H

#include "svc/base/svc.h"

struct person_input {
	const char *name, *id_type, *id_number, *phone, *region_code, *education;
	int64_t employer_id; /* 0 = none, -1 = clear */
};

/* person_validate: checks and normalises one input (shared by the API and the bulk import). On success fills
 * the derived fields. today_ymd: the date ID numbers' birth dates must not pass. */
struct person_norm {
	char name[160];
	char id_type[32];
	char id_number[40];
	char gender[2];
	char birth_date[11];
	char phone[24];
	char region_code[8];
	char region6[7]; /* from a resident ID number */
	char education[128];
};
int person_validate(const struct person_input *in, int today_ymd, struct person_norm *out, err *e);

/* person_create: 201 created (*created true) or, for an institution actor whose person already exists, links
 * the person to the institution (*created false). Returns the person id or -1. */
int64_t person_create(db *d, const principal *a, const struct person_input *in, bool *created, err *e);
json_t *person_get_json(db *d, const principal *a, int64_t id, err *e);
struct person_filter {
	const char *name, *id_number, *phone, *region_code;
	int64_t employer_id, institution_id;
};
json_t *person_list_json(db *d, const principal *a, const struct person_filter *f, int64_t limit,
			 int64_t offset, err *e);
int person_update(db *d, const principal *a, int64_t id, const struct person_input *in, err *e);
/* facts used by eligibility: work history, diplomas, professional titles */
int64_t person_add_fact(db *d, const principal *a, int64_t id, const char *kind, json_t *body, err *e);

#endif
