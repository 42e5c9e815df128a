/* 统一社会信用代码 (GB 32100-2015).  Pure rules; see docs/DOMAIN.md §2. */
#ifndef JINENG_CORE_USCC_H
#define JINENG_CORE_USCC_H

enum uscc_rc { USCC_OK, USCC_BAD_FORMAT, USCC_BAD_CHECK };

/* trims and upper-cases into out (at most 18 characters kept; longer input stays too long) */
void uscc_normalize(const char *in, char out[19]);
/* checks a normalized code; on USCC_BAD_CHECK *expected holds the right check character */
enum uscc_rc uscc_check(const char *code, char *expected);
/* the check character for the first 17 characters (which must be in the code set) */
char uscc_check_char(const char *code17);

#endif
