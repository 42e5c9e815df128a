/* Personal information at rest (docs/DOMAIN.md §6): values sealed with
 * SM4-GCM under a key derived from the master key, the field name bound in as
 * associated data, and a keyed blind index (HMAC-SM3) for exact look-up.
 *
 * The master key (32 bytes, 64 hex digits) comes from a key file, created with mode 0600 on first use and
 * refused when it is not a regular file of mode 0600 owned by the user running jineng. The environment
 * is not read (it shows in /proc and is inherited by every child). */
#ifndef JINENG_CRYPTO_PII_H
#define JINENG_CRYPTO_PII_H
#include <stdbool.h>
#include "util/arena.h"
#include "util/err.h"

int pii_init(const char *key_file, err *e);
/* for tests: install a master key directly */
void pii_init_key(const uint8_t key[32]);
bool pii_ready(void);
/* "v1." + base64url(iv | ciphertext | tag); NULL only if OpenSSL fails */
char *pii_seal(arena *a, const char *field, const char *plaintext);
/* NULL if the value was not sealed under this key and field (or is damaged) */
char *pii_open(arena *a, const char *field, const char *sealed);
/* 32 hex digits (the first 128 bits of HMAC-SM3); out keeps room for 64 */
void pii_blind_index(const char *field, const char *value, char out[65]);

#endif
