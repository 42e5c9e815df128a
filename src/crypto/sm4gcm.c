#include "crypto/sm4gcm.h"
#include "util/common.h"
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <string.h>

struct sm4gcm {
	uint8_t key[16];
	uint64_t hh, hl; /* the hash key H as two big-endian halves */
	EVP_CIPHER *ctr;
};

static uint64_t be64(const uint8_t *p)
{
	uint64_t v = 0;
	for (int i = 0; i < 8; i++)
		v = v << 8 | p[i];
	return v;
}

static void put_be64(uint8_t *p, uint64_t v)
{
	for (int i = 7; i >= 0; i--) {
		p[i] = (uint8_t)v;
		v >>= 8;
	}
}

/* X = X * H in GF(2^128) with GCM's bit order (NIST SP 800-38D, algorithm 1) */
static void gmul(uint64_t *xh, uint64_t *xl, uint64_t hh, uint64_t hl)
{
	uint64_t zh = 0, zl = 0, vh = hh, vl = hl;
	for (int i = 0; i < 128; i++) {
		uint64_t bit = i < 64 ? *xh >> (63 - i) & 1 : *xl >> (127 - i) & 1;
		uint64_t m = (uint64_t)0 - bit;
		zh ^= vh & m;
		zl ^= vl & m;
		uint64_t lsb = vl & 1;
		vl = vl >> 1 | vh << 63;
		vh >>= 1;
		vh ^= ((uint64_t)0 - lsb) & 0xe100000000000000ULL;
	}
	*xh = zh;
	*xl = zl;
}

static void ghash_update(const sm4gcm *g, uint64_t *xh, uint64_t *xl, const uint8_t *p, size_t n)
{
	while (n) {
		uint8_t blk[16] = {0};
		size_t k = n < 16 ? n : 16;
		memcpy(blk, p, k);
		*xh ^= be64(blk);
		*xl ^= be64(blk + 8);
		gmul(xh, xl, g->hh, g->hl);
		p += k;
		n -= k;
	}
}

static int ecb_block(const uint8_t key[16], const uint8_t in[16], uint8_t out[16])
{
	EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
	int len = 0, ok = c && EVP_EncryptInit_ex(c, EVP_sm4_ecb(), NULL, key, NULL) &&
			  EVP_CIPHER_CTX_set_padding(c, 0) && EVP_EncryptUpdate(c, out, &len, in, 16) && len == 16;
	EVP_CIPHER_CTX_free(c);
	return ok ? 0 : -1;
}

sm4gcm *sm4gcm_new(const uint8_t key[16])
{
	sm4gcm *g = xcalloc(1, sizeof *g);
	memcpy(g->key, key, 16);
	uint8_t zero[16] = {0}, h[16];
	g->ctr = EVP_CIPHER_fetch(NULL, "SM4-CTR", NULL);
	if (!g->ctr || ecb_block(key, zero, h) != 0) {
		sm4gcm_free(g);
		return NULL;
	}
	g->hh = be64(h);
	g->hl = be64(h + 8);
	return g;
}

void sm4gcm_free(sm4gcm *g)
{
	if (!g)
		return;
	EVP_CIPHER_free(g->ctr);
	OPENSSL_cleanse(g, sizeof *g);
	free(g);
}

/* CTR from J0+1 (inc32 never wraps for messages under 64 GiB) and the tag */
static int crypt_and_tag(sm4gcm *g, const uint8_t iv[12], const void *aad, size_t aadlen, const uint8_t *in,
			 size_t n, uint8_t *out, bool encrypting, uint8_t tag[16])
{
	uint8_t j0[16], ctr[16], ek[16];
	memcpy(j0, iv, 12);
	j0[12] = j0[13] = j0[14] = 0;
	j0[15] = 1;
	memcpy(ctr, j0, 16);
	ctr[15] = 2;
	uint64_t xh = 0, xl = 0;
	ghash_update(g, &xh, &xl, aad, aadlen);
	if (!encrypting)
		ghash_update(g, &xh, &xl, in, n);
	if (n) {
		EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
		int len = 0, fin = 0;
		int ok = c && EVP_EncryptInit_ex2(c, g->ctr, g->key, ctr, NULL) &&
			 EVP_EncryptUpdate(c, out, &len, in, (int)n) && EVP_EncryptFinal_ex(c, out + len, &fin);
		EVP_CIPHER_CTX_free(c);
		if (!ok)
			return -1;
	}
	if (encrypting)
		ghash_update(g, &xh, &xl, out, n);
	uint8_t lens[16];
	put_be64(lens, (uint64_t)aadlen * 8);
	put_be64(lens + 8, (uint64_t)n * 8);
	ghash_update(g, &xh, &xl, lens, 16);
	if (ecb_block(g->key, j0, ek) != 0)
		return -1;
	put_be64(tag, xh ^ be64(ek));
	put_be64(tag + 8, xl ^ be64(ek + 8));
	return 0;
}

int sm4gcm_seal(sm4gcm *g, const uint8_t iv[12], const void *aad, size_t aadlen, const uint8_t *pt, size_t n,
		uint8_t *ct, uint8_t tag[16])
{
	return crypt_and_tag(g, iv, aad, aadlen, pt, n, ct, true, tag);
}

int sm4gcm_open(sm4gcm *g, const uint8_t iv[12], const void *aad, size_t aadlen, const uint8_t *ct, size_t n,
		const uint8_t tag[16], uint8_t *pt)
{
	uint8_t want[16];
	if (crypt_and_tag(g, iv, aad, aadlen, ct, n, pt, false, want) != 0 || CRYPTO_memcmp(want, tag, 16) != 0) {
		OPENSSL_cleanse(pt, n);
		return -1;
	}
	return 0;
}
