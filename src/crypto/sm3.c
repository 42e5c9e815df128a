#include "crypto/sm3.h"
#include "util/common.h"
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <pthread.h>
#include <string.h>

/* SM3 fetched from the provider once: EVP_sm3() makes OpenSSL 3 look the digest up again on every call (half
 * of the cost of hashing a session token, which every authenticated request does) */
static EVP_MD *sm3_md;
static pthread_once_t sm3_once = PTHREAD_ONCE_INIT;

static void sm3_fetch(void)
{
	sm3_md = EVP_MD_fetch(NULL, "SM3", NULL);
}

static const EVP_MD *sm3(void)
{
	pthread_once(&sm3_once, sm3_fetch);
	if (!sm3_md)
		BUG("SM3 is not available from OpenSSL");
	return sm3_md;
}

void sm3_digest(const void *data, size_t n, uint8_t out[32])
{
	unsigned int len = 32;
	if (!EVP_Digest(data, n, out, &len, sm3(), NULL))
		BUG("SM3 is not available from OpenSSL");
}

void hmac_sm3(const void *key, size_t klen, const void *data, size_t n, uint8_t out[32])
{
	unsigned int len = 32;
	if (!HMAC(sm3(), key, (int)klen, data, n, out, &len))
		BUG("HMAC-SM3 is not available from OpenSSL");
}

void hex_encode(const uint8_t *in, size_t n, char *out)
{
	static const char d[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = d[in[i] >> 4];
		out[2 * i + 1] = d[in[i] & 15];
	}
	out[2 * n] = 0;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int hex_decode(const char *in, uint8_t *out, size_t max)
{
	size_t len = strlen(in);
	if (len % 2 || len / 2 > max)
		return -1;
	for (size_t i = 0; i < len / 2; i++) {
		int hi = hexval(in[2 * i]), lo = hexval(in[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return -1;
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	return (int)(len / 2);
}

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

void b64url_encode_to(const uint8_t *in, size_t n, char *out)
{
	size_t k = 0, i = 0;
	for (; i + 2 < n; i += 3) {
		uint32_t v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8 | in[i + 2];
		out[k++] = b64[v >> 18];
		out[k++] = b64[v >> 12 & 63];
		out[k++] = b64[v >> 6 & 63];
		out[k++] = b64[v & 63];
	}
	if (n - i == 1) {
		uint32_t v = (uint32_t)in[i] << 16;
		out[k++] = b64[v >> 18];
		out[k++] = b64[v >> 12 & 63];
	} else if (n - i == 2) {
		uint32_t v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8;
		out[k++] = b64[v >> 18];
		out[k++] = b64[v >> 12 & 63];
		out[k++] = b64[v >> 6 & 63];
	}
	out[k] = 0;
}

char *b64url_encode(arena *a, const uint8_t *in, size_t n)
{
	char *out = arena_alloc(a, (n + 2) / 3 * 4 + 1);
	b64url_encode_to(in, n, out);
	return out;
}

static int b64val(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	return c == '-' ? 62 : c == '_' ? 63 : -1;
}

uint8_t *b64url_decode(arena *a, const char *s, size_t *outlen)
{
	size_t len = strlen(s);
	if (len % 4 == 1)
		return NULL;
	uint8_t *out = arena_alloc(a, len / 4 * 3 + 3);
	size_t k = 0;
	uint32_t acc = 0;
	int bits = 0;
	for (size_t i = 0; i < len; i++) {
		int v = b64val(s[i]);
		if (v < 0)
			return NULL;
		acc = acc << 6 | (uint32_t)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[k++] = (uint8_t)(acc >> bits);
			acc &= (1u << bits) - 1;
		}
	}
	if (acc != 0) /* non-canonical trailing bits */
		return NULL;
	*outlen = k;
	return out;
}

char *b64_encode(arena *a, const uint8_t *in, size_t n)
{
	size_t len = (n + 2) / 3 * 4;
	char *out = arena_alloc(a, len + 1);
	b64url_encode_to(in, n, out);
	size_t k = strlen(out);
	for (size_t i = 0; i < k; i++)
		out[i] = out[i] == '-' ? '+' : out[i] == '_' ? '/' : out[i];
	while (k < len)
		out[k++] = '=';
	out[k] = 0;
	return out;
}

uint8_t *b64_decode(arena *a, const char *s, size_t *outlen)
{
	size_t len = strlen(s);
	if (len % 4 != 0)
		return NULL;
	while (len > 0 && s[len - 1] == '=' && strlen(s) - len < 2)
		len--;
	char *t = arena_strndup(a, s, len);
	for (size_t i = 0; i < len; i++) {
		if (t[i] == '-' || t[i] == '_' || t[i] == '=')
			return NULL;
		t[i] = t[i] == '+' ? '-' : t[i] == '/' ? '_' : t[i];
	}
	return b64url_decode(a, t, outlen);
}
