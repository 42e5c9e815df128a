#include "crypto/password.h"
#include "util/common.h"
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

static void init(void)
{
	if (sodium_init() < 0)
		BUG("libsodium failed to initialise");
}

bool password_fast(void)
{
	const char *fast = getenv("JINENG_ARGON2_FAST");
	return fast && !strcmp(fast, "1");
}

static void cost(unsigned long long *ops, size_t *mem)
{
	bool min = password_fast();
	*ops = min ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE;
	*mem = min ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE;
}

int password_hash(const char *pw, char out[PASSWORD_HASH_MAX])
{
	init();
	unsigned long long ops;
	size_t mem;
	cost(&ops, &mem);
	return crypto_pwhash_str_alg(out, pw, strlen(pw), ops, mem, crypto_pwhash_ALG_ARGON2ID13) == 0 ? 0
												       : -1;
}

bool password_needs_rehash(const char *hash)
{
	init();
	unsigned long long ops;
	size_t mem;
	cost(&ops, &mem);
	if (!hash || strncmp(hash, "$argon2id$", 10) != 0)
		return true;
	return crypto_pwhash_str_needs_rehash(hash, ops, mem) != 0;
}

bool password_verify(const char *hash, const char *pw)
{
	init();
	if (!hash || strncmp(hash, "$argon2id$", 10) != 0)
		return false;
	return crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
}
