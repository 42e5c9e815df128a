/* persons.h: the person registry (劳动者/考生). ID numbers and phones are sealed (SM4-GCM) with a keyed blind
 * index for exact look-up; output masks them unless the caller's role may see them and asks for one
 * record. Scope: province all; city its region prefix; institution the persons linked to it (created,
 * imported or registered there) or employed by it; candidate itself; others none. */
#ifndef JINENG_PERSONS_H
#define JINENG_PERSONS_H

#include "svc/base/svc.h"
#include "svc/base/list.h"

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
/* person_list: the persons the principal may read, masked; filters name (starts with), id_number and phone
 * (exact, through the blind indexes), id_suffix (the last 6 characters of the ID number, through their own
 * blind index), region_code (and below), employer_id, institution_id (linked) */
extern const struct list_spec person_list;
/* person_id_suffix_index: the blind index (32 hex digits) of the last 6 characters of a normalised ID
 * number, upper-cased (persons.id_suffix_index); false (out "") when it has fewer than 6 */
bool person_id_suffix_index(const char *id_number, char out[65]);
/* person_id_filter: q_and(w, frag, ...) for a staff search by ID number: the whole number (18 or more
 * characters, through id_index) or its last 6 characters (through id_suffix_index); frag compares a
 * persons row's id_index, frag_suffix its id_suffix_index. Anything else matches nothing. */
void person_id_filter(struct query *w, const char *frag, const char *frag_suffix, const char *v);
/* person_suffix_backfill: fills id_suffix_index for the persons that lack it (rows from before migration
 * NNN_person_id_suffix.sql), opening their sealed numbers once; *n the rows filled. Run after migrating. */
int person_suffix_backfill(db *d, int *n, err *e);
int person_update(db *d, const principal *a, int64_t id, const struct person_input *in, err *e);
/* facts used by eligibility: work history, diplomas, professional titles. The fields of the kind are read
 * from the request (api/registry/input.c); the use case checks their values. */
enum person_fact_kind { FACT_WORK, FACT_DIPLOMA, FACT_TITLE };
struct person_fact {
	enum person_fact_kind kind;
	const char *employer_name, *occupation_code, *start_date, *end_date; /* FACT_WORK */
	const char *level, *school, *major, *graduated_on;		     /* FACT_DIPLOMA */
	const char *grade, *name, *obtained_on;				     /* FACT_TITLE */
};
/* person_add_fact: the new fact's id, or -1 */
int64_t person_add_fact(db *d, const principal *a, int64_t id, const struct person_fact *f, err *e);
const char *person_fact_kind_name(enum person_fact_kind k); /* work_history, diplomas, titles */

#endif
