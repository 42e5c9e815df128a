/* SM2 signatures (GB/T 32918) with SM3 and the default distinguishing id 1234567812345678, through
 * OpenSSL 3, so that `openssl pkeyutl -verify -rawin -digest sm3` checks them independently. */
#ifndef JINENG_CRYPTO_SM2_H
#define JINENG_CRYPTO_SM2_H
#include <stddef.h>
#include <stdint.h>
#include "util/arena.h"

/* a new key pair as PEM: PKCS#8 private key and SubjectPublicKeyInfo public key (arena strings) */
int sm2_keygen(arena *a, char **priv_pem, char **pub_pem);
/* DER signature over msg; NULL on failure */
uint8_t *sm2_sign(arena *a, const char *priv_pem, const void *msg, size_t n, size_t *siglen);
/* 1 genuine, 0 not */
int sm2_verify(const char *pub_pem, const void *msg, size_t n, const uint8_t *sig, size_t siglen);
/* the key id: first 16 hex digits of SM3 over the DER public key */
int sm2_key_id(const char *pub_pem, char out[17]);

#endif
