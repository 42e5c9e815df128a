/* Random values: session tokens and their stored hashes. */
#ifndef JINENG_CRYPTO_TOKEN_H
#define JINENG_CRYPTO_TOKEN_H
#include <stddef.h>
#include <stdint.h>

void random_bytes(void *buf, size_t n);
uint64_t random_u64(void);
/* 32 random bytes as 43 base64url characters */
void token_new(char out[44]);
/* hex SM3 of the token: what the database keeps */
void token_hash(const char *token, char out[65]);

#endif
