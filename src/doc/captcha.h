/* captcha.h: the login captcha's picture (docs/security/auth.md "验证码"): the characters of an answer drawn
 * with cairo on a noisy background, each turned, sized and placed at random, crossed by curves and dotted,
 * as a PNG. Drawing only: choosing the answer and keeping its hash is svc/auth/captcha.c. */
#ifndef JINENG_DOC_CAPTCHA_H
#define JINENG_DOC_CAPTCHA_H

#include "util/err.h"
#include <stddef.h>

#define CAPTCHA_W 160
#define CAPTCHA_H 56

/* captcha_png: `text` (ASCII letters and digits) as a CAPTCHA_W x CAPTCHA_H PNG in a malloc'd buffer.
 * The jitter comes from the system's random source. 0, or -1 with e set. */
int captcha_png(const char *text, char **png, size_t *len, err *e);

#endif
