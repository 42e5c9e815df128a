/* Personal information at rest (docs/DOMAIN.md §6): values sealed with
 * SM4-GCM under a key derived from the master key, the field name bound in as
 * associated data, and a keyed blind index (HMAC-SM3) for exact look-up.
 *
 * The master key (32 bytes, 64 hex digits) comes from a key file, created with mode 0600 on first use and
 * refused when it is not a regular file of mode 0600 owned by the user running jineng. The environment
 * is not read (it shows in /proc and is inherited by every child). */
#ifndef JINENG_CRYPTO_PII_H
#define JINENG_CRYPTO_PII_H
#include <stdbool.h>
#include "util/arena.h"
#include "util/err.h"

/* The key file is a ring (docs/OPERATIONS.md, "Keys"): "key KID HEX [current]" lines, each a master key that
 * opens the values sealed under it, exactly one marked current (it seals new values), and an "index HEX" line
 * holding the blind-index key itself (not a master), so the master that derived it can be retired. A file of
 * one bare line of 64 hex digits (the format before the ring, and a new deployment's) is key 1, current, its
 * index key derived from it. Sealed values name their key: "v1." for key 1, "k<KID>." for the others. */
#define PII_MAX_KEYS	  16
#define PII_MAX_KID	  9999
#define PII_PREFIX_MAX	  8
#define PII_RING_TEXT_MAX 4096
struct pii_ring {
	int n;
	struct {
		int kid;
		bool current;
		uint8_t key[32];
	} k[PII_MAX_KEYS];
	bool has_index; /* else the index key is derived from key 1 (a lone key 1 only) */
	uint8_t index_key[32];
	bool legacy; /* read from a bare-key file */
};

int pii_init(const char *key_file, err *e);
/* the file's ring (mode and owner checked as pii_init does); 1 when the file is absent */
int pii_ring_load(const char *path, struct pii_ring *r, err *e);
/* writes the ring beside the file, fsyncs, renames it over the file: a crash leaves one whole file */
int pii_ring_save(const char *path, const struct pii_ring *r, err *e);
int pii_ring_parse(const char *text, struct pii_ring *r, err *e);
/* the canonical text: every key, then the index line (derived from key 1 if the ring had none) */
size_t pii_ring_format(const struct pii_ring *r, char *out, size_t n);
void pii_index_key_of(const uint8_t master[32], uint8_t out[32]);
/* installs a ring (-1 when it has no current key) */
int pii_init_ring(const struct pii_ring *r);
int pii_current_kid(void);
bool pii_has_kid(int kid);
/* the key a sealed value names (0: not a sealed value); *body, when given, points past the prefix */
int pii_sealed_kid(const char *sealed, const char **body);
void pii_kid_prefix(int kid, char out[PII_PREFIX_MAX]);
/* for tests: install a master key directly */
void pii_init_key(const uint8_t key[32]);
bool pii_ready(void);
/* prefix of the current key + base64url(iv | ciphertext | tag); NULL only if OpenSSL fails */
char *pii_seal(arena *a, const char *field, const char *plaintext);
/* NULL if the value was not sealed under a key of the ring and this field (or is damaged) */
char *pii_open(arena *a, const char *field, const char *sealed);
/* 32 hex digits (the first 128 bits of HMAC-SM3); out keeps room for 64 */
void pii_blind_index(const char *field, const char *value, char out[65]);

#endif
