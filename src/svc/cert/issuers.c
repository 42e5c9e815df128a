#include "util/common.h"
#include "svc/cert/issuers.h"
#include "crypto/pii.h"
#include "crypto/sm2.h"
#include "crypto/sm3.h"
#include "svc/base/tx.h"
#include <sodium.h>

static int create_key(db *d, arena *a, int64_t inst, const char *alg, err *e)
{
	char kid[40], *pub = NULL, *priv = NULL;
	if (!strcmp(alg, "SM2")) {
		char id[17];
		if (sm2_keygen(a, &priv, &pub) != 0 || sm2_key_id(pub, id) != 0)
			return ERR_INTERNAL(e, "SM2 key generation failed");
		snprintf(kid, sizeof kid, "sm2-%s", id);
	} else {
		if (sodium_init() < 0)
			return ERR_INTERNAL(e, "libsodium failed to initialise");
		uint8_t pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES], h[32];
		crypto_sign_keypair(pk, sk);
		pub = b64url_encode(a, pk, sizeof pk);
		priv = b64url_encode(a, sk, sizeof sk);
		sodium_memzero(sk, sizeof sk);
		sm3_digest(pk, sizeof pk, h);
		char hex[17];
		hex_encode(h, 8, hex);
		snprintf(kid, sizeof kid, "ed25519-%.16s", hex);
	}
	const char *sealed = pii_seal(a, "issuer_key", priv);
	if (!sealed)
		return ERR_INTERNAL(e, "sealing the private key failed");
	int64_t n = db_run(
		d,
		"INSERT INTO issuer_keys (institution_id, alg, kid, public_pem, private_sealed, created_at) "
		"VALUES ($1,$2,$3,$4,$5,$6)",
		DB_ARGS(inst > 0 ? DV_I(inst) : DV_NULL, DV_S(alg), DV_S(kid), DV_S(pub), DV_S(sealed),
			DV_I(now_s())),
		e);
	return n < 0 ? -1 : 0;
}

static int find_key(db *d, arena *a, int64_t inst, const char *alg, struct issuer_key *k, err *e)
{
	db_stmt *st = db_query(d,
			       "SELECT kid, public_pem, private_sealed FROM issuer_keys WHERE "
			       "COALESCE(institution_id, 0) = $1 "
			       "AND alg = $2 AND retired_at IS NULL",
			       DB_ARGS(DV_I(inst > 0 ? inst : 0), DV_S(alg)), e);
	if (!st)
		return -1;
	int rc = db_step(st);
	if (rc == DB_ROW) {
		snprintf(k->kid, sizeof k->kid, "%s", db_text(st, 0));
		k->public_pem = arena_strdup(a, db_text(st, 1));
		char *opened = pii_open(a, "issuer_key", db_text(st, 2));
		db_done(st);
		if (!opened)
			return err_set(e, 500, "key_unreadable", NULL,
				       "签发密钥无法解密（密钥文件是否更换？）",
				       "the issuing key cannot be unsealed (was the key file replaced?)");
		if (!strcmp(alg, "SM2")) {
			k->private_key = opened;
		} else {
			size_t n = 0;
			uint8_t *sk = b64url_decode(a, opened, &n);
			if (!sk || n != crypto_sign_SECRETKEYBYTES)
				return ERR_INTERNAL(e, "malformed Ed25519 key");
			k->private_key = (const char *)sk;
		}
		return 1;
	}
	db_done(st);
	if (rc != DB_DONE)
		return db_rc_to_err(d, rc, e);
	return 0;
}

int issuer_key_get(db *d, arena *a, int64_t inst, const char *alg, bool create, struct issuer_key *k, err *e)
{
	int rc = find_key(d, a, inst, alg, k, e);
	if (rc != 0)
		return rc < 0 ? -1 : 0;
	if (!create)
		return err_set(e, 404, "no_key", NULL, "签发机构尚无签名密钥",
			       "the issuer has no signing key yet");
	if (create_key(d, a, inst, alg, e) != 0)
		return -1;
	rc = find_key(d, a, inst, alg, k, e);
	return rc == 1 ? 0 : rc < 0 ? -1 : ERR_INTERNAL(e, "issuing key vanished");
}

const char *issuer_public_by_kid(db *d, arena *a, const char *kid, char alg[16], err *e)
{
	db_stmt *st =
		db_query(d, "SELECT public_pem, alg FROM issuer_keys WHERE kid = $1", DB_ARGS(DV_S(kid)), e);
	if (!st)
		return NULL;
	const char *pem = NULL;
	if (db_step(st) == DB_ROW) {
		pem = arena_strdup(a, db_text(st, 0));
		snprintf(alg, 16, "%s", db_text(st, 1));
	}
	db_done(st);
	return pem;
}

json_t *issuer_keys_json(db *d, err *e)
{
	db_stmt *st = db_query(
		d,
		"SELECT k.kid, k.alg, COALESCE(k.institution_id, 0), COALESCE(i.name, ''), k.public_pem, "
		"k.created_at, k.retired_at FROM issuer_keys k LEFT JOIN institutions i ON i.id = "
		"k.institution_id ORDER BY k.id",
		DB_NOARGS, e);
	if (!st)
		return NULL;
	json_t *keys = json_array();
	while (db_step(st) == DB_ROW)
		json_array_append_new(
			keys, json_pack("{s:s,s:s,s:I,s:s,s:s,s:I,s:o}", "kid", db_text(st, 0), "alg",
					db_text(st, 1), "institution_id", (json_int_t)db_int(st, 2),
					"institution", db_text(st, 3), "public_key", db_text(st, 4),
					"created_at", (json_int_t)db_int(st, 5), "retired_at",
					db_isnull(st, 6) ? json_null() : json_integer(db_int(st, 6))));
	if (db_finish(st, e) != 0) {
		json_decref(keys);
		return NULL;
	}
	return json_pack("{s:o}", "keys", keys);
}

struct rotate_ctx {
	int64_t inst;
	const char *alg;
	char old_kid[40], new_kid[40];
};

static int rotate_work(tx *t, void *ctx, err *e)
{
	struct rotate_ctx *c = ctx;
	c->old_kid[0] = 0;
	arena *a = arena_new();
	struct issuer_key k;
	int rc = find_key(t->d, a, c->inst, c->alg, &k, e);
	if (rc < 0)
		goto out;
	if (rc == 1)
		snprintf(c->old_kid, sizeof c->old_kid, "%s", k.kid);
	/* the old key keeps verifying what it signed (issuer_public_by_kid reads any state); it signs no more
	 */
	rc = -1;
	if (db_run(t->d,
		   "UPDATE issuer_keys SET retired_at = $1 WHERE COALESCE(institution_id, 0) = $2 AND alg = "
		   "$3 "
		   "AND retired_at IS NULL",
		   DB_ARGS(DV_I(now_s()), DV_I(c->inst > 0 ? c->inst : 0), DV_S(c->alg)), e) < 0 ||
	    create_key(t->d, a, c->inst, c->alg, e) != 0 || find_key(t->d, a, c->inst, c->alg, &k, e) != 1)
		goto out;
	snprintf(c->new_kid, sizeof c->new_kid, "%s", k.kid);
	tx_audit_key(t, "issuer_key.rotate", "issuer_key", c->new_kid,
		     json_pack("{s:I,s:s,s:o,s:s}", "institution_id", (json_int_t)c->inst, "alg", c->alg,
			       "retired", c->old_kid[0] ? json_string(c->old_kid) : json_null(), "new",
			       c->new_kid));
	rc = 0;
out:
	arena_free(a);
	return rc;
}

int issuer_key_rotate(db *d, const principal *a, int64_t institution_id, const char *alg, char old_kid[40],
		      char new_kid[40], err *e)
{
	if (strcmp(alg, "SM2") && strcmp(alg, "Ed25519"))
		return err_set(e, 400, "invalid_alg", "alg", "算法应为 SM2 或 Ed25519",
			       "the algorithm must be SM2 or Ed25519");
	if (institution_id > 0) {
		int64_t n = 0;
		if (db_one_int(d, "SELECT COUNT(*) FROM institutions WHERE id = $1",
			       DB_ARGS(DV_I(institution_id)), &n, e) != 0)
			return -1;
		if (!n)
			return err_set(e, 404, "not_found", "institution", "机构 %lld 不存在",
				       "institution %lld does not exist", (long long)institution_id);
	}
	struct rotate_ctx c = {.inst = institution_id, .alg = alg};
	if (svc_tx(d, a, rotate_work, &c, e) != 0)
		return -1;
	snprintf(old_kid, 40, "%s", c.old_kid);
	snprintf(new_kid, 40, "%s", c.new_kid);
	return 0;
}
