/* fuzz_certno.c: certificate numbers (core/certno.c): parsing both kinds, with the invariant that a parsed
 * number is made again, character for character, from its parts, and the level names. */
#include "util/common.h"
#include "fuzz_common.h"
#include "core/certno.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fz_strndup(data, size);
	certno_parts p;
	if (certno_parse(s, &p) == 0) {
		char out[23];
		int rc = p.special ? certno_make_special(p.inst_code, p.year, p.serial, out)
				   : certno_make(p.inst_code, p.year, p.level, p.serial, out);
		if (rc != 0 || strcmp(out, s))
			abort();
		if (!*level_name_zh(p.level))
			abort();
	}
	free(s);
	return 0;
}
