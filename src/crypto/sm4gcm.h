/* SM4-GCM (RFC 8998) with a 96-bit IV and a 128-bit tag.  OpenSSL 3.0 (Debian
 * 12) offers SM4 but not SM4-GCM, so the mode is composed here from OpenSSL's
 * SM4-ECB (hash key, tag mask) and SM4-CTR (keystream) plus GHASH; the unit
 * tests check it against the RFC 8998 appendix vector. */
#ifndef JINENG_CRYPTO_SM4GCM_H
#define JINENG_CRYPTO_SM4GCM_H
#include <stddef.h>
#include <stdint.h>

typedef struct sm4gcm sm4gcm;

sm4gcm *sm4gcm_new(const uint8_t key[16]);
void sm4gcm_free(sm4gcm *g);
/* ct has room for n bytes; 0 on success */
int sm4gcm_seal(sm4gcm *g, const uint8_t iv[12], const void *aad, size_t aadlen, const uint8_t *pt, size_t n,
		uint8_t *ct, uint8_t tag[16]);
/* 0 when the tag verifies (pt then holds n bytes), -1 otherwise (pt zeroed) */
int sm4gcm_open(sm4gcm *g, const uint8_t iv[12], const void *aad, size_t aadlen, const uint8_t *ct, size_t n,
		const uint8_t tag[16], uint8_t *pt);

#endif
