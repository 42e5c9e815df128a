/* institutions.h: evaluation and training institutions (评价机构, 培训机构): filing (备案), filed scope
 * (occupation x levels), the institution code that prefixes its certificate numbers, and status changes
 * 备案 (filed) / 暂停 (suspended) / 退出 (exited) with reason, date and history. */
#ifndef JINENG_INSTITUTIONS_H
#define JINENG_INSTITUTIONS_H

#include "svc/base/svc.h"
#include "svc/base/list.h"

struct inst_input {
	const char *name, *credit_code, *type, *region_code, *address, *contact_name, *contact_phone;
	bool accept_check_mismatch;
};

int64_t inst_create(db *d, const principal *a, const struct inst_input *in, err *e);
json_t *inst_get_json(db *d, const principal *a, int64_t id, err *e);
/* inst_list: the institutions the principal may read; filters name (contains), type, status, region_code
 * (that region and below); sort name, credit_code, created_at */
extern const struct list_spec inst_list;
int inst_update(db *d, const principal *a, int64_t id, const struct inst_input *in, err *e);
/* inst_set_status: filed <-> suspended, filed|suspended -> exited (final); 409 otherwise */
int inst_set_status(db *d, const principal *a, int64_t id, const char *status, const char *reason,
		    const char *date, err *e);
/* one occupation of a filed scope: its levels (5..1; none for a 专项职业能力) */
struct inst_scope {
	const char *occupation_code;
	int levels[8];
	size_t nlevels;
	bool levels_given; /* the input named levels (the audit record says what was sent) */
	bool levels_bad;   /* levels was given but is no array */
};
/* inst_set_scope: replaces the filed scope with `scopes` (checked against the catalogue: the occupation
 * exists, offers the levels; a special ability has none) */
int inst_set_scope(db *d, const principal *a, int64_t id, const struct inst_scope *scopes, size_t n, err *e);
json_t *inst_history_json(db *d, const principal *a, int64_t id, err *e);

/* inst_facts: an institution's type, status and region code as use cases check them (f->found false when
 * there is no such institution); -1 with e set when the database fails */
struct inst_facts {
	bool found;
	char type[24], status[16], region[16];
};
int inst_facts(db *d, int64_t id, struct inst_facts *f, err *e);

/* the certificate letter of an institution type: 'Y' employer, 'S' social organisation and schools, 0 none */
char inst_letter(const char *type);

#endif
