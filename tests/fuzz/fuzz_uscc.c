/* fuzz_uscc.c: unified social credit codes (core/uscc.c, GB 32100-2015): normalising, checking, and the
 * check character, with their invariants: an accepted code ends with its check character, and a code refused
 * only for its check character is accepted with the expected one. */
#include "util/common.h"
#include "fuzz_common.h"
#include "core/uscc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fz_strndup(data, size);
	char code[19], expected = 0;
	uscc_normalize(s, code);
	if (strlen(code) > 18)
		abort();
	switch (uscc_check(code, &expected)) {
	case USCC_OK:
		if (strlen(code) != 18 || uscc_check_char(code) != code[17])
			abort();
		break;
	case USCC_BAD_CHECK:
		code[17] = expected;
		if (uscc_check(code, &expected) != USCC_OK)
			abort();
		break;
	case USCC_BAD_FORMAT:
		break;
	}
	free(s);
	return 0;
}
