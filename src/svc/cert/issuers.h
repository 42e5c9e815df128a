/* issuers.h: the signing keys of certificate issuers, created on first use and kept with the private half
 * sealed under the PII key: one SM2 key per institution (certificate QR codes) and one Ed25519 key per
 * institution (Open Badges VC-JWT), plus the platform's own Ed25519 key (institution 0) that signs the
 * status lists and the province's SM2 key (institution 0) that signs audit extracts
 * (svc/supervision/extract.c). */
#ifndef JINENG_ISSUERS_H
#define JINENG_ISSUERS_H

#include "svc/base/svc.h"
#include "util/arena.h"

struct issuer_key {
	char kid[40];
	const char *public_pem;	 /* SM2: PEM; Ed25519: base64url of the 32-byte key */
	const char *private_key; /* SM2: PEM; Ed25519: the 64-byte libsodium secret key, raw */
};

/* the active key of an institution (0 = the platform) for alg "SM2" or "Ed25519". With create, a missing key
 * is made (inside the caller's write transaction); without, a missing key is 404 no_key. Strings live in a.
 */
int issuer_key_get(db *d, arena *a, int64_t institution_id, const char *alg, bool create,
		   struct issuer_key *k, err *e);
/* the public half of a key by its id (any state); NULL when unknown */
const char *issuer_public_by_kid(db *d, arena *a, const char *kid, char alg[16], err *e);
/* issuer_key_rotate: retires the active key of an institution (0 = the platform / province) for alg and makes
 * a new one, in one audited transaction (issuer_key.rotate). The retired key still verifies what it signed
 * and is listed with its validity (created_at, retired_at) by GET /public/keys; old_kid is "" when there was
 * none. */
int issuer_key_rotate(db *d, const principal *a, int64_t institution_id, const char *alg, char old_kid[40],
		      char new_kid[40], err *e);
/* {"keys":[{kid, alg, institution_id, institution, public_pem, created_at, retired_at}]} */
json_t *issuer_keys_json(db *d, err *e);

#endif
