/* SM3 (GB/T 32905) digests and HMAC-SM3 through OpenSSL 3, and the text
 * encodings the rest of the code uses for binary values. */
#ifndef JINENG_CRYPTO_SM3_H
#define JINENG_CRYPTO_SM3_H
#include <stddef.h>
#include <stdint.h>
#include "util/arena.h"

void sm3_digest(const void *data, size_t n, uint8_t out[32]);
void hmac_sm3(const void *key, size_t klen, const void *data, size_t n, uint8_t out[32]);

/* out holds 2n+1 bytes, lower-case */
void hex_encode(const uint8_t *in, size_t n, char *out);
/* decodes exactly max bytes' worth or fewer; returns the byte count or -1 */
int hex_decode(const char *in, uint8_t *out, size_t max);

/* RFC 4648 §5 without padding */
char *b64url_encode(arena *a, const uint8_t *in, size_t n);
void b64url_encode_to(const uint8_t *in, size_t n, char *out); /* out: 4*ceil(n/3)+1 */
uint8_t *b64url_decode(arena *a, const char *s, size_t *outlen);
/* RFC 4648 §4 with padding (what `openssl base64 -d -A` reads) */
char *b64_encode(arena *a, const uint8_t *in, size_t n);
uint8_t *b64_decode(arena *a, const char *s, size_t *outlen);

#endif
