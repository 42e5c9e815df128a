/* auth.h: logins and sessions (accounts themselves: users.h). Passwords are argon2id (libsodium);
 * a login returns a random token that is stored only as its SM3 hash and expires. Failed logins are limited
 * per client address (login_limits.client_max per window; a success does not reset it) and per account by a
 * progressive delay: after free_fails consecutive failures each further one makes the next attempt wait 1, 2,
 * 4 ... seconds up to delay_cap_s (429 with Retry-After). The delay does not apply from a client address the
 * account logged in from successfully in the last known_client_s, so nobody else can keep the owner out, and
 * an administrator above the account can clear it (user_unlock). Names that are no account answer exactly
 * alike (same messages, a dummy argon2id verification, a delay kept in memory). Every attempt that is not
 * refused by a throttle is an audit record: auth.login or auth.login_failed (docs/security/auth.md). */
#ifndef JINENG_AUTH_H
#define JINENG_AUTH_H

#include "core/principal.h"
#include "store/db.h"
#include "svc/base/list.h"
#include <jansson.h>

#define SESSION_TTL_S (12 * 3600)

struct login_limits {
	int client_max;	     /* failed logins per client address and window (20) */
	int client_window_s; /* (15 minutes) */
	int free_fails;	     /* consecutive failures of an account before the delays start (5) */
	int delay_cap_s;     /* the longest delay (15 minutes) */
	int known_client_s;  /* a success this recent from the same client skips the delay (30 days) */
	int forget_s;	     /* failures older than this are forgotten (1 day) */
};
extern struct login_limits login_limits; /* set once at start (jineng serve), read-only afterwards */
/* the delay after `fails` consecutive failures: 0 up to free_fails, then 1, 2, 4 ... s, at most delay_cap_s
 */
int login_delay_s(int fails);

/* one login attempt: the name and password typed, the client address, and the captcha's id and answer when
 * the login page shows one (NULL otherwise; captcha.h says when one is needed) */
struct login_input {
	const char *username, *password, *client;
	const char *captcha_id, *captcha_answer;
};
/* auth_login: on success fills token (base64url, 43 chars + NUL) and *user (a new JSON object describing the
 * account). Errors: 401 bad_credentials, 401 captcha_required / captcha_wrong / captcha_expired /
 * captcha_used (field "captcha"), 403 account_disabled, 429 too_many_attempts (retry_after set). */
int auth_login(db *d, const struct login_input *in, char token[44], json_t **user, int *retry_after, err *e);
/* auth_from_token: resolves a bearer token to a principal; 401 invalid_token when unknown or expired. */
int auth_from_token(db *d, const char *token, principal *p, err *e);
int auth_logout(db *d, const char *token, err *e);

/* login_list: the login records of the audit archive (auth.login, auth.login_failed), newest first, for
 * the accounts in the actor's scope (a province administrator also sees names that are no account);
 * filters username, outcome ("success" or "failure"). Items {seq, at, time, username, user_id, outcome,
 * reason, client, failed_logins, delay_s} (login_view) */
extern const struct list_spec login_list;
/* password_policy (OWASP ASVS 2.1): at least PASSWORD_MIN_CHARS characters (code points), at most
 * PASSWORD_MAX_BYTES bytes, no control characters, at least PASSWORD_MIN_DISTINCT different characters, not a
 * run ("1234567890") or a repeated unit ("abcabcabca"), and not in data/common-passwords.txt, also once
 * trailing digits and punctuation are stripped. No composition rules (ASVS 2.1.9). 422 weak_password. */
#define PASSWORD_MIN_CHARS    10
#define PASSWORD_MAX_BYTES    128
#define PASSWORD_MIN_DISTINCT 5
int password_policy(const char *pw, err *e);

/* the system principal used by CLI actions (recorded as actor "cli:<os user>") */
void principal_system(principal *p, const char *what);

#endif
