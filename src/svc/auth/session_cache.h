/* session_cache.h: verified sessions kept in the process for a short bound, so an authenticated request does
 * not read the sessions table every time (issue 25). Keyed by the token's hash
 * (crypto/token.h: 64 hex characters), the same key the sessions table has.
 *
 * Bounds, as docs/security/auth.md states them: an entry lives at most session_cache_ms (default 2,000 ms,
 * JINENG_SESSION_CACHE_MS, 0 turns the cache off) and never past the session's own expiry. Logout, a password
 * change or reset and disabling a user evict the account's entries at once on the node that did them; every
 * other node stops accepting the session within the bound. */
#ifndef JINENG_SVC_AUTH_SESSION_CACHE_H
#define JINENG_SVC_AUTH_SESSION_CACHE_H

#include "core/principal.h"
#include <stdint.h>

extern long session_cache_ms; /* set once at start (jineng serve), read-only afterwards */

/* session_cache_get: 1 and *p filled when a live entry for the token hash is held, else 0 */
int session_cache_get(const char *token_hash, principal *p);
/* session_cache_put: holds the verified principal of the token hash until the bound or expires_at (epoch s)
 */
void session_cache_put(const char *token_hash, const principal *p, int64_t expires_at);
/* session_cache_evict_token / _user: forgets one session, or every session of an account */
void session_cache_evict_token(const char *token_hash);
void session_cache_evict_user(int64_t user_id);

#endif
