#include "util/common.h"
#include "svc/cert/vc.h"
#include "core/certno.h"
#include "crypto/sm3.h"
#include "svc/cert/certs.h"
#include "svc/cert/issuers.h"
#include <sodium.h>
#include <time.h>
#include <zlib.h>

#define STATUS_LIST_BITS 131072

/* header.payload.signature with Ed25519 over "header.payload" */
static char *sign_jwt(arena *ar, const struct issuer_key *k, json_t *claims)
{
	json_t *hdr = json_pack("{s:s,s:s,s:s}", "alg", "EdDSA", "typ", "JWT", "kid", k->kid);
	char *h = json_dumps(hdr, JSON_COMPACT), *p = json_dumps(claims, JSON_COMPACT);
	json_decref(hdr);
	char *signing = arena_printf(ar, "%s.%s", b64url_encode(ar, (uint8_t *)h, strlen(h)),
				     b64url_encode(ar, (uint8_t *)p, strlen(p)));
	free(h);
	free(p);
	uint8_t sig[crypto_sign_BYTES];
	if (sodium_init() < 0)
		BUG("libsodium failed to initialise");
	crypto_sign_detached(sig, NULL, (const uint8_t *)signing, strlen(signing),
			     (const uint8_t *)k->private_key);
	char *jwt = arena_printf(ar, "%s.%s", signing, b64url_encode(ar, sig, sizeof sig));
	return xstrdup(jwt);
}

static long epoch_of(const char *ymd)
{
	struct tm t = {0};
	if (sscanf(ymd, "%d-%d-%d", &t.tm_year, &t.tm_mon, &t.tm_mday) != 3)
		return 0;
	t.tm_year -= 1900;
	t.tm_mon -= 1;
	return (long)timegm(&t) - 8 * 3600; /* midnight in China */
}

char *vc_certificate_jwt(db *d, const principal *a, const char *number, const char *base, err *e)
{
	json_t *visible = cert_get_json(d, a, number, e);
	if (!visible)
		return NULL;
	json_decref(visible);
	arena *ar = arena_new();
	char *out = NULL;
	struct cert_row c;
	struct issuer_key k;
	if (cert_row_get(d, ar, number, &c, e) != 1 ||
	    issuer_key_get(d, ar, c.institution_id, "Ed25519", false, &k, e) != 0)
		goto done;
	/* OB 3.0 IdentityObject: sha256$hex(SHA-256(name + salt)), the salt derived from the signature */
	uint8_t h[32], sh[crypto_hash_sha256_BYTES];
	sm3_digest(c.signature, strlen(c.signature), h);
	char salt[17], hex[65];
	hex_encode(h, 8, salt);
	char *ident = arena_printf(ar, "%s%s", c.name, salt);
	crypto_hash_sha256(sh, (const uint8_t *)ident, strlen(ident));
	hex_encode(sh, 32, hex);
	long list = c.status_index / STATUS_LIST_BITS, idx = c.status_index % STATUS_LIST_BITS;
	char *credential_id = arena_printf(ar, "%s/api/v1/public/certificates/%s/credential", base, c.number);
	char *issuer_id =
		arena_printf(ar, "%s/api/v1/public/issuers/%lld", base, (long long)c.institution_id);
	char *list_url = arena_printf(ar, "%s/api/v1/public/status/%ld", base, list);
	char *title = arena_printf(ar, "%s（%s）", c.occupation, level_name_zh(c.level));
	char *when = arena_printf(ar, "%sT00:00:00+08:00", c.issued_on);
	char *subject = arena_printf(ar, "urn:jineng:holder:%.16s", hex);
	json_t *vc = json_pack(
		"{s:[s,s],s:s,s:[s,s],s:{s:s,s:[s],s:s},s:s,s:s,s:{s:s,s:[s],s:[{s:s,s:s,s:s,s:b,s:s}],s:{s:"
		"s,s:[s],s:s,s:s,s:s,s:{s:s}}},s:{s:s,s:s,s:s,s:s,s:s}}",
		"@context", "https://www.w3.org/2018/credentials/v1",
		"https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json", "id", credential_id, "type",
		"VerifiableCredential", "OpenBadgeCredential", "issuer", "id", issuer_id, "type", "Profile",
		"name", c.issuer, "issuanceDate", when, "name",
		strcmp(c.kind, "special") ? "职业技能等级证书" : "专项职业能力证书", "credentialSubject",
		"id", subject, "type", "AchievementSubject", "identifier", "type", "IdentityObject",
		"identityHash", arena_printf(ar, "sha256$%s", hex), "identityType", "name", "hashed", 1,
		"salt", salt, "achievement", "id",
		arena_printf(ar, "%s/api/v1/occupations/%s#level-%d", base, c.occupation_code, c.level),
		"type", "Achievement", "achievementType", "Certificate", "name", title, "description",
		arena_printf(ar, "%s %s，证书编号 %s", c.occupation_code, title, c.number), "criteria",
		"narrative", "按国家职业技能标准通过职业技能等级认定（理论、技能考核成绩均达到 60 分）",
		"credentialStatus", "id", arena_printf(ar, "%s#%ld", list_url, idx), "type",
		"BitstringStatusListEntry", "statusPurpose", "revocation", "statusListIndex",
		arena_printf(ar, "%ld", idx), "statusListCredential", list_url);
	if (!vc) {
		ERR_INTERNAL(e, "credential could not be built");
		goto done;
	}
	json_t *claims = json_pack("{s:s,s:s,s:I,s:s,s:o}", "iss", issuer_id, "jti", credential_id, "nbf",
				   (json_int_t)epoch_of(c.issued_on), "sub", subject, "vc", vc);
	out = sign_jwt(ar, &k, claims);
	json_decref(claims);
done:
	arena_free(ar);
	return out;
}

static char *gzip_b64(arena *ar, const uint8_t *in, size_t n, err *e)
{
	z_stream z = {0};
	uLong cap = compressBound(n) + 64;
	uint8_t *out = arena_alloc(ar, cap);
	if (deflateInit2(&z, 9, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return ERR_INTERNAL(e, "zlib"), NULL;
	z.next_in = (Bytef *)in;
	z.avail_in = (uInt)n;
	z.next_out = out;
	z.avail_out = (uInt)cap;
	int rc = deflate(&z, Z_FINISH);
	size_t len = z.total_out;
	deflateEnd(&z);
	if (rc != Z_STREAM_END)
		return ERR_INTERNAL(e, "zlib"), NULL;
	return arena_printf(ar, "u%s", b64url_encode(ar, out, len)); /* multibase base64url */
}

char *vc_status_list_jwt(db *d, int64_t list, const char *base, err *e)
{
	if (list < 0 || list > 100000)
		return err_set(e, 404, "not_found", NULL, "状态列表不存在", "no such status list"), NULL;
	arena *ar = arena_new();
	char *out = NULL;
	uint8_t *bits = arena_zalloc(ar, STATUS_LIST_BITS / 8);
	db_stmt *st = db_query(
		d,
		"SELECT status_index FROM certificates WHERE status = 'revoked' AND status_index >= $1 AND "
		"status_index < $2",
		DB_ARGS(DV_I(list * STATUS_LIST_BITS), DV_I((list + 1) * STATUS_LIST_BITS)), e);
	if (!st)
		goto done;
	while (db_step(st) == DB_ROW) {
		int64_t i = db_int(st, 0) - list * STATUS_LIST_BITS;
		bits[i / 8] |= (uint8_t)(0x80u >> (i % 8)); /* index 0 is the left-most bit */
	}
	if (db_finish(st, e) != 0)
		goto done;
	struct issuer_key k;
	if (issuer_key_get(d, ar, 0, "Ed25519", false, &k, e) != 0) {
		if (e->status == 404) /* nothing issued yet: no lists */
			err_set(e, 404, "not_found", NULL, "状态列表不存在", "no such status list");
		goto done;
	}
	char *enc = gzip_b64(ar, bits, STATUS_LIST_BITS / 8, e);
	if (!enc)
		goto done;
	char *id = arena_printf(ar, "%s/api/v1/public/status/%lld", base, (long long)list);
	time_t now = time(NULL);
	char iso[32];
	struct tm tm;
	strftime(iso, sizeof iso, "%Y-%m-%dT%H:%M:%SZ",
		 gmtime_r(&now, &tm)); /* worker threads: never gmtime() */
	json_t *vc =
		json_pack("{s:[s],s:s,s:[s,s],s:s,s:s,s:{s:s,s:s,s:s,s:s}}", "@context",
			  "https://www.w3.org/ns/credentials/v2", "id", id, "type", "VerifiableCredential",
			  "BitstringStatusListCredential", "issuer", base, "validFrom", iso,
			  "credentialSubject", "id", arena_printf(ar, "%s#list", id), "type",
			  "BitstringStatusList", "statusPurpose", "revocation", "encodedList", enc);
	json_t *claims =
		json_pack("{s:s,s:s,s:I,s:o}", "iss", base, "jti", id, "iat", (json_int_t)now, "vc", vc);
	out = sign_jwt(ar, &k, claims);
	json_decref(claims);
done:
	arena_free(ar);
	return out;
}
