#include "crypto/sm4gcm.h"
#include "util/common.h"
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <pthread.h>
#include <string.h>

/* GHASH multiplies by the fixed hash key H; since that is linear over GF(2), X·H is the XOR over the 16 bytes
 * x_j of X of (x_j at position j)·H, so a 16 × 256 table of 128-bit products turns a block into 16 look-ups.
 */
struct sm4gcm {
	uint8_t key[16];
	uint64_t tab[16][256][2];
	EVP_CIPHER *ctr;
	pthread_key_t tls; /* per-thread EVP context keyed once with this key */
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

/* X·H in GF(2^128) with GCM's bit order (NIST SP 800-38D, algorithm 1); used only to build the table */
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

static void build_table(sm4gcm *g, const uint8_t h[16])
{
	uint64_t hh = be64(h), hl = be64(h + 8);
	for (int j = 0; j < 16; j++) {
		for (int bit = 0; bit < 8; bit++) {
			uint8_t blk[16] = {0};
			blk[j] = (uint8_t)(1u << bit);
			uint64_t xh = be64(blk), xl = be64(blk + 8);
			gmul(&xh, &xl, hh, hl);
			g->tab[j][1u << bit][0] = xh;
			g->tab[j][1u << bit][1] = xl;
		}
		g->tab[j][0][0] = g->tab[j][0][1] = 0;
		for (unsigned b = 1; b < 256; b++) {
			unsigned low = b & (0u - b);
			if (low == b)
				continue;
			g->tab[j][b][0] = g->tab[j][low][0] ^ g->tab[j][b ^ low][0];
			g->tab[j][b][1] = g->tab[j][low][1] ^ g->tab[j][b ^ low][1];
		}
	}
}

static void ghash_update(const sm4gcm *g, uint64_t *xh, uint64_t *xl, const uint8_t *p, size_t n)
{
	while (n) {
		uint8_t blk[16] = {0};
		size_t k = n < 16 ? n : 16;
		memcpy(blk, p, k);
		put_be64(blk, *xh ^ be64(blk));
		put_be64(blk + 8, *xl ^ be64(blk + 8));
		uint64_t zh = 0, zl = 0;
		for (int j = 0; j < 16; j++) {
			zh ^= g->tab[j][blk[j]][0];
			zl ^= g->tab[j][blk[j]][1];
		}
		*xh = zh;
		*xl = zl;
		p += k;
		n -= k;
	}
}

static void free_ctx(void *c)
{
	EVP_CIPHER_CTX_free(c);
}

sm4gcm *sm4gcm_new(const uint8_t key[16])
{
	sm4gcm *g = xcalloc(1, sizeof *g);
	memcpy(g->key, key, 16);
	uint8_t zero[16] = {0}, h[16];
	int len = 0;
	EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
	int ok = c && EVP_EncryptInit_ex(c, EVP_sm4_ecb(), NULL, key, NULL) &&
		 EVP_CIPHER_CTX_set_padding(c, 0) && EVP_EncryptUpdate(c, h, &len, zero, 16) && len == 16;
	EVP_CIPHER_CTX_free(c);
	g->ctr = EVP_CIPHER_fetch(NULL, "SM4-CTR", NULL);
	if (!ok || !g->ctr || pthread_key_create(&g->tls, free_ctx) != 0) {
		EVP_CIPHER_free(g->ctr);
		free(g);
		return NULL;
	}
	build_table(g, h);
	return g;
}

void sm4gcm_free(sm4gcm *g)
{
	if (!g)
		return;
	EVP_CIPHER_CTX *c = pthread_getspecific(g->tls);
	EVP_CIPHER_CTX_free(c);
	pthread_key_delete(g->tls);
	EVP_CIPHER_free(g->ctr);
	OPENSSL_cleanse(g, sizeof *g);
	free(g);
}

/* One CTR pass from J0 over [16 zero bytes | input]: the first block is E(J0), the tag mask, and the rest is
 * the payload keyed from J0+1 as GCM requires (inc32 never wraps for messages under 64 GiB). */
static int crypt_and_tag(sm4gcm *g, const uint8_t iv[12], const void *aad, size_t aadlen, const uint8_t *in,
			 size_t n, uint8_t *out, bool encrypting, uint8_t tag[16])
{
	EVP_CIPHER_CTX *c = pthread_getspecific(g->tls);
	if (!c) {
		c = EVP_CIPHER_CTX_new();
		if (!c || !EVP_EncryptInit_ex2(c, g->ctr, g->key, NULL, NULL)) {
			EVP_CIPHER_CTX_free(c);
			return -1;
		}
		pthread_setspecific(g->tls, c);
	}
	uint8_t j0[16], stackbuf[256], *buf = stackbuf;
	memcpy(j0, iv, 12);
	j0[12] = j0[13] = j0[14] = 0;
	j0[15] = 1;
	if (n + 16 > sizeof stackbuf)
		buf = xmalloc(n + 16);
	memset(buf, 0, 16);
	memcpy(buf + 16, in, n);
	uint64_t xh = 0, xl = 0;
	ghash_update(g, &xh, &xl, aad, aadlen);
	if (!encrypting)
		ghash_update(g, &xh, &xl, in, n);
	int len = 0;
	int ok = EVP_EncryptInit_ex2(c, NULL, NULL, j0, NULL) &&
		 EVP_EncryptUpdate(c, buf, &len, buf, (int)(n + 16));
	if (ok) {
		memcpy(out, buf + 16, n);
		if (encrypting)
			ghash_update(g, &xh, &xl, out, n);
		uint8_t lens[16];
		put_be64(lens, (uint64_t)aadlen * 8);
		put_be64(lens + 8, (uint64_t)n * 8);
		ghash_update(g, &xh, &xl, lens, 16);
		put_be64(tag, xh ^ be64(buf));
		put_be64(tag + 8, xl ^ be64(buf + 8));
	}
	OPENSSL_cleanse(buf, n + 16);
	if (buf != stackbuf)
		free(buf);
	return ok ? 0 : -1;
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
	if (crypt_and_tag(g, iv, aad, aadlen, ct, n, pt, false, want) != 0 ||
	    CRYPTO_memcmp(want, tag, 16) != 0) {
		OPENSSL_cleanse(pt, n);
		return -1;
	}
	return 0;
}
