/* Password hashing with argon2id (libsodium) at libsodium's INTERACTIVE cost. JINENG_ARGON2_FAST=1 selects
 * the minimum cost, for test runs only: `jineng serve` refuses it without --insecure-test-mode, and a hash
 * written at another cost is replaced at the account's next successful login (password_needs_rehash). */
#ifndef JINENG_CRYPTO_PASSWORD_H
#define JINENG_CRYPTO_PASSWORD_H
#include <stdbool.h>

#define PASSWORD_HASH_MAX 128
/* out holds PASSWORD_HASH_MAX bytes; 0 on success */
int password_hash(const char *pw, char out[PASSWORD_HASH_MAX]);
bool password_verify(const char *hash, const char *pw);
/* true when hash was made with other parameters than password_hash uses now (or is not argon2id) */
bool password_needs_rehash(const char *hash);
/* JINENG_ARGON2_FAST=1 is set (a test-only setting) */
bool password_fast(void);

#endif
