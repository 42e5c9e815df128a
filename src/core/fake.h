/* fake.h: plausible demo data from a seeded generator (deterministic for a seed): Chinese names, valid
 * resident ID numbers, valid unified social credit codes, mobile numbers. Pure; no I/O. */
#ifndef JINENG_FAKE_H
#define JINENG_FAKE_H

#include "util/common.h"

typedef struct fake_rng {
	uint64_t s;
} fake_rng;

uint64_t fake_next(fake_rng *r);	   /* splitmix64 */
int fake_int(fake_rng *r, int lo, int hi); /* uniform in [lo, hi] */
/* a surname and a given name usual for gender 'M' or 'F' (any other: either); two draws */
void fake_name(fake_rng *r, char gender, char *out, size_t n);
/* a valid 18-character ID number for region6, born between years y0..y1 */
void fake_id_number(fake_rng *r, const char *region6, int y0, int y1, char out[19]);
/* a valid USCC: registration authority + kind (e.g. "91" enterprise, "12" public institution, "52" private
 * non-enterprise unit), region6, an organisation code with its GB 11714 check, and the GB 32100 check */
void fake_credit_code(fake_rng *r, const char *kind2, const char *region6, char out[19]);
void fake_mobile(fake_rng *r, char out[12]);
/* gb11714_check: the check character of an 8-character organisation code */
char gb11714_check(const char *code8);

#endif
