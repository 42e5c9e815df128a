#include "crypto/sm2.h"
#include "crypto/sm3.h"
#include "util/common.h"
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <string.h>

static const char sm2_id[] = "1234567812345678";

static char *bio_text(arena *a, BIO *b)
{
	char *p = NULL;
	long n = BIO_get_mem_data(b, &p);
	return n > 0 ? arena_strndup(a, p, (size_t)n) : NULL;
}

int sm2_keygen(arena *a, char **priv_pem, char **pub_pem)
{
	EVP_PKEY *k = EVP_PKEY_Q_keygen(NULL, NULL, "SM2");
	BIO *bp = BIO_new(BIO_s_mem()), *bq = BIO_new(BIO_s_mem());
	int rc = -1;
	if (!k || !bp || !bq || !PEM_write_bio_PrivateKey(bp, k, NULL, NULL, 0, NULL, NULL) ||
	    !PEM_write_bio_PUBKEY(bq, k))
		goto out;
	*priv_pem = bio_text(a, bp);
	*pub_pem = bio_text(a, bq);
	rc = *priv_pem && *pub_pem ? 0 : -1;
out:
	BIO_free(bp);
	BIO_free(bq);
	EVP_PKEY_free(k);
	return rc;
}

static EVP_PKEY *load(const char *pem, bool priv)
{
	BIO *b = BIO_new_mem_buf(pem, -1);
	EVP_PKEY *k = !b     ? NULL
		      : priv ? PEM_read_bio_PrivateKey(b, NULL, NULL, NULL)
			     : PEM_read_bio_PUBKEY(b, NULL, NULL, NULL);
	BIO_free(b);
	if (k && !EVP_PKEY_is_a(k, "SM2")) {
		EVP_PKEY_free(k);
		return NULL;
	}
	return k;
}

static EVP_MD_CTX *md_ctx(EVP_PKEY *k, bool sign)
{
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	EVP_PKEY_CTX *pc = EVP_PKEY_CTX_new_from_pkey(NULL, k, NULL);
	if (!c || !pc || EVP_PKEY_CTX_set1_id(pc, sm2_id, strlen(sm2_id)) <= 0)
		goto fail;
	EVP_MD_CTX_set_pkey_ctx(c, pc);
	if ((sign ? EVP_DigestSignInit(c, NULL, EVP_sm3(), NULL, k)
		  : EVP_DigestVerifyInit(c, NULL, EVP_sm3(), NULL, k)) != 1)
		goto fail_set;
	return c; /* the pkey context now belongs to c only through set_pkey_ctx: freed below by the caller */
fail_set:
	EVP_MD_CTX_free(c);
	EVP_PKEY_CTX_free(pc);
	return NULL;
fail:
	EVP_MD_CTX_free(c);
	EVP_PKEY_CTX_free(pc);
	return NULL;
}

uint8_t *sm2_sign(arena *a, const char *priv_pem, const void *msg, size_t n, size_t *siglen)
{
	EVP_PKEY *k = load(priv_pem, true);
	uint8_t *sig = NULL;
	if (!k)
		return NULL;
	EVP_MD_CTX *c = md_ctx(k, true);
	size_t len = 0;
	if (c && EVP_DigestSign(c, NULL, &len, msg, n) == 1) {
		sig = arena_alloc(a, len);
		if (EVP_DigestSign(c, sig, &len, msg, n) == 1)
			*siglen = len;
		else
			sig = NULL;
	}
	if (c) {
		EVP_PKEY_CTX_free(EVP_MD_CTX_get_pkey_ctx(c));
		EVP_MD_CTX_free(c);
	}
	EVP_PKEY_free(k);
	return sig;
}

int sm2_verify(const char *pub_pem, const void *msg, size_t n, const uint8_t *sig, size_t siglen)
{
	EVP_PKEY *k = load(pub_pem, false);
	if (!k)
		return 0;
	EVP_MD_CTX *c = md_ctx(k, false);
	int ok = c && EVP_DigestVerify(c, sig, siglen, msg, n) == 1;
	if (c) {
		EVP_PKEY_CTX_free(EVP_MD_CTX_get_pkey_ctx(c));
		EVP_MD_CTX_free(c);
	}
	EVP_PKEY_free(k);
	return ok;
}

int sm2_key_id(const char *pub_pem, char out[17])
{
	EVP_PKEY *k = load(pub_pem, false);
	unsigned char *der = NULL;
	int len = k ? i2d_PUBKEY(k, &der) : -1;
	EVP_PKEY_free(k);
	if (len <= 0)
		return -1;
	uint8_t h[32];
	sm3_digest(der, (size_t)len, h);
	OPENSSL_free(der);
	char hex[65];
	hex_encode(h, 32, hex);
	memcpy(out, hex, 16);
	out[16] = 0;
	return 0;
}
