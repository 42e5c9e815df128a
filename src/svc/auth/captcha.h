/* captcha.h: the login captcha (图形验证码; docs/security/auth.md "验证码"). After `after` consecutive failed
 * logins of an account (or of a name that is no account, which answers alike), or `client_after` failed
 * logins from one client address within `client_window_s`, a login needs the answer to a captcha the server
 * drew (doc/captcha.h; no outside service). Only the SM3 hash of "id:ANSWER" is stored, in the database
 * (table captchas, migration 046), so that every serve node shares it; a captcha answers one login attempt,
 * right or wrong, within ttl_s. */
#ifndef JINENG_SVC_CAPTCHA_H
#define JINENG_SVC_CAPTCHA_H

#include "store/db.h"
#include <jansson.h>

#define CAPTCHA_LEN 5

struct captcha_limits {
	int after;	     /* consecutive failures of an account (or name) before a captcha is needed (3) */
	int client_after;    /* failures from one client address within the window (10) */
	int client_window_s; /* a client's count is forgotten after this long without a failure (1 hour) */
	int ttl_s;	     /* how long a captcha may be answered (5 minutes) */
	int issue_max;	     /* captchas drawn per client and node in issue_window_s (30) */
	int issue_window_s;  /* (10 minutes) */
};
extern struct captcha_limits captcha_limits; /* set once at start (jineng serve) */

/* captcha_set_test_log: test servers only (--insecure-test-mode with JINENG_TEST_CAPTCHA_LOG): each new
 * captcha's "id answer" line is appended to `path`, so a test can answer it. NULL: off (production). */
void captcha_set_test_log(const char *path);

/* captcha_new: draws a captcha for `client` and stores its hash; returns {id, image (a data: URL of the PNG),
 * width, height, length, expires_in}. 429 too_many_captchas (retry_after set) past issue_max. */
json_t *captcha_new(db *d, const char *client, int *retry_after, err *e);

enum captcha_outcome { CAPTCHA_OK, CAPTCHA_WRONG, CAPTCHA_EXPIRED, CAPTCHA_USED, CAPTCHA_MISSING };
/* captcha_take: uses up captcha `id` (whatever the answer) and says whether `answer` (case-insensitive) was
 * right, or why not; -1 with e set on a database error. Unknown ids read as expired (pruned rows). */
int captcha_take(db *d, const char *id, const char *answer, enum captcha_outcome *out, err *e);
/* the refusal of an outcome other than CAPTCHA_OK, in Chinese and English (401, field "captcha"):
 * captcha_wrong, captcha_used, captcha_expired, or captcha_required (CAPTCHA_MISSING: the login needs one and
 * came without) */
int captcha_refuse(enum captcha_outcome o, err *e);

#endif
