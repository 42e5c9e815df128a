/* fuzz_phone.c: telephone numbers (core/phone.c): normalising with the invariant that the canonical form is
 * accepted again unchanged, and that a small output buffer is refused rather than overrun. */
#include "util/common.h"
#include "fuzz_common.h"
#include "core/phone.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fz_strndup(data, size);
	char out[32], again[32];
	if (phone_normalize(s, out, sizeof out) == 0) {
		if (phone_normalize(out, again, sizeof again) != 0 || strcmp(out, again))
			abort();
	}
	/* an exact-size heap buffer for each small size, so that a write past it shows under ASan */
	for (size_t n = 1; n <= 14; n++) {
		char *small = xmalloc(n);
		if (phone_normalize(s, small, n) == 0 && strlen(small) >= n)
			abort();
		free(small);
	}
	free(s);
	return 0;
}
