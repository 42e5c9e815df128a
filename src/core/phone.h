/* phone.h: telephone numbers. Mobile: 11 digits starting 1[3-9]. Landline: area code 0 + 2..3 digits, an
 * optional '-', then 7..8 digits. Spaces and a leading +86 are removed. */
#ifndef JINENG_PHONE_H
#define JINENG_PHONE_H

#include "util/common.h"

/* phone_normalize: 0 and the canonical form in out, or -1 when it is not a phone number */
int phone_normalize(const char *in, char *out, size_t outsz);

#endif
