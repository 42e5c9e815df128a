/* fuzz_idnum.c: identity documents (core/idnum.c): the resident ID number (18 digits or the legacy 15),
 * the other documents' numbers and the document type names, with the rules' own invariants: an accepted
 * number is 18 characters whose last is its check character, and it checks again to the same result. */
#include "util/common.h"
#include "fuzz_common.h"
#include "core/idnum.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fz_strndup(data, size);
	idnum_info info, again;
	if (idnum_check(s, 20261203, &info) == IDNUM_OK) {
		if (strlen(info.normalized) != 18 ||
		    idnum_check_char(info.normalized) != info.normalized[17] ||
		    (info.gender != 'M' && info.gender != 'F') || strlen(info.region6) != 6)
			abort();
		if (idnum_check(info.normalized, 20261203, &again) != IDNUM_OK ||
		    strcmp(again.normalized, info.normalized) || again.birth_ymd != info.birth_ymd ||
		    again.gender != info.gender)
			abort();
	}
	for (int t = 0; t < ID__COUNT; t++) {
		char out[40];
		if (idnum_check_other((enum id_type)t, s, out, sizeof out) == 0) {
			size_t n = strlen(out);
			if (n < 4 || n > 32 || strspn(out, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789()-") != n)
				abort();
		}
	}
	enum id_type t;
	if (id_type_parse(s, &t) == 0 && (t < 0 || t >= ID__COUNT))
		abort();
	free(s);
	return 0;
}
