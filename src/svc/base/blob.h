/* blob.h: the content-addressed blob store, for any domain that keeps uploaded files (evidence of an
 * inspection, a rectification's response, ...). A blob is keyed by the SM3 digest of its content (64
 * lower-case hex digits): the same content stored twice is one blob, and a key names exactly one content, so
 * a record that cites a key cites the bytes. Blobs are never changed or deleted through the use cases; who
 * may read one is decided by the record that links it (the blob store itself has no scope: a domain checks
 * its own row, then reads the blob by the key that row holds).
 *
 * Table blobs (migration 028): sm3, media_type, size, content (base64, RFC 4648 §4: the store driver binds
 * text only), created_at. Writes run inside the caller's svc_tx, so the blob and the row that cites it are
 * written (and audited) together or not at all. */
#ifndef JINENG_SVC_BASE_BLOB_H
#define JINENG_SVC_BASE_BLOB_H

#include "svc/base/tx.h"

#define BLOB_KEY_LEN 64 /* hex digits of the SM3 key (without the NUL) */

/* blob_key: the key of content (data, n): its SM3 digest in lower-case hex */
void blob_key(const void *data, size_t n, char key[BLOB_KEY_LEN + 1]);
/* blob_key_valid: is s a well-formed key (64 lower-case hex digits)? */
bool blob_key_valid(const char *s);

/* blob_put: inside the caller's transaction, stores the content under its key unless a blob of that key
 * exists (*created tells which; a new blob is written to the audit archive as blob.store). The media type is
 * the caller's, already checked against the content (core/media.h). key receives the key. 0, or -1 with `e`
 * set. */
int blob_put(tx *t, const char *media_type, const void *data, size_t n, char key[BLOB_KEY_LEN + 1],
	     bool *created, err *e);

struct blob {
	char key[BLOB_KEY_LEN + 1];
	char media_type[64];
	int64_t size, created_at;
	uint8_t *data; /* malloc'd (size bytes, plus a NUL); the caller frees it, or hands it on */
};
/* blob_get: the blob of `key` with its content; 404 not_found when there is none, 500 when the stored
 * content does not decode to its size and key (never served). */
int blob_get(db *d, const char *key, struct blob *b, err *e);

#endif
