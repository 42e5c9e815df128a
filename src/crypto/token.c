#include "crypto/token.h"
#include "crypto/sm3.h"
#include "util/common.h"
#include <openssl/rand.h>
#include <string.h>

void random_bytes(void *buf, size_t n)
{
	if (RAND_bytes(buf, (int)n) != 1)
		BUG("the system random generator failed");
}

uint64_t random_u64(void)
{
	uint64_t v;
	random_bytes(&v, sizeof v);
	return v;
}

void token_new(char out[44])
{
	uint8_t r[32];
	random_bytes(r, sizeof r);
	b64url_encode_to(r, sizeof r, out);
}

void token_hash(const char *token, char out[65])
{
	uint8_t h[32];
	sm3_digest(token, strlen(token), h);
	hex_encode(h, 32, out);
}
