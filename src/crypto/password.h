/* Password hashing with argon2id (libsodium).  JINENG_ARGON2_FAST=1 selects
 * the minimum cost, for test runs only. */
#ifndef JINENG_CRYPTO_PASSWORD_H
#define JINENG_CRYPTO_PASSWORD_H
#include <stdbool.h>

#define PASSWORD_HASH_MAX 128
/* out holds PASSWORD_HASH_MAX bytes; 0 on success */
int password_hash(const char *pw, char out[PASSWORD_HASH_MAX]);
bool password_verify(const char *hash, const char *pw);

#endif
