/* demo.h: the demo province: institutions of every type in all 16 cities with valid credit codes and
 * filed scopes, persons with valid ID numbers and plausible names, facts for eligibility, and an account
 * for every role. Idempotent: a database that has it already is left as it is. */
#ifndef JINENG_DEMO_H
#define JINENG_DEMO_H

#include "store/db.h"

#define DEMO_PASSWORD "Demo@2026"

struct demo_account {
	const char *username, *role, *what;
};
extern const struct demo_account demo_accounts[];

/* demo_seed: *fresh tells whether data was created now (false: it was there already). progress, when not NULL,
 * is called now and then with (done, total). */
int demo_seed(db *d, int64_t persons, bool *fresh, void (*progress)(int64_t, int64_t), err *e);

#endif
