/* blob.c: the content-addressed blob store (see blob.h) */
#include "util/common.h"
#include "svc/base/blob.h"
#include "crypto/sm3.h"
#include "svc/base/svc.h"
#include "util/arena.h"

void blob_key(const void *data, size_t n, char key[BLOB_KEY_LEN + 1])
{
	uint8_t d[32];
	sm3_digest(data, n, d);
	hex_encode(d, sizeof d, key);
}

bool blob_key_valid(const char *s)
{
	if (!s || strlen(s) != BLOB_KEY_LEN)
		return false;
	for (const char *p = s; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
			return false;
	return true;
}

int blob_put(tx *t, const char *media_type, const void *data, size_t n, char key[BLOB_KEY_LEN + 1],
	     bool *created, err *e)
{
	*created = false;
	blob_key(data, n, key);
	arena *ar = arena_new();
	char *text = b64_encode(ar, data, n);
	if (!text) {
		arena_free(ar);
		return ERR_INTERNAL(e, "blob encoding failed");
	}
	/* a concurrent upload of the same content is one blob: the second insert does nothing */
	int64_t r = db_run(
		t->d,
		"INSERT INTO blobs (sm3, media_type, size, content, created_at) VALUES ($1,$2,$3,$4,$5) "
		"ON CONFLICT (sm3) DO NOTHING",
		DB_ARGS(DV_S(key), DV_S(media_type), DV_I((int64_t)n), DV_S(text), DV_I(now_s())), e);
	arena_free(ar);
	if (r < 0)
		return -1;
	if (r == 0)
		return 0;
	*created = true;
	json_t *detail = json_pack("{s:s,s:I}", "media_type", media_type, "size", (json_int_t)n);
	int rc = tx_audit_now(t, "blob.store", "blob", key, detail, e);
	json_decref(detail);
	return rc;
}

int blob_get(db *d, const char *key, struct blob *b, err *e)
{
	memset(b, 0, sizeof *b);
	if (!blob_key_valid(key))
		return err_set(e, 404, "not_found", NULL, "文件不存在", "no such file");
	db_stmt *st = db_query(d, "SELECT media_type, size, content, created_at FROM blobs WHERE sm3 = $1",
			       DB_ARGS(DV_S(key)), e);
	if (!st)
		return -1;
	int rc = db_row(st, e);
	if (rc <= 0) {
		db_done(st);
		return rc < 0 ? -1 : err_set(e, 404, "not_found", NULL, "文件不存在", "no such file");
	}
	snprintf(b->key, sizeof b->key, "%s", key);
	snprintf(b->media_type, sizeof b->media_type, "%s", db_text(st, 0));
	b->size = db_int(st, 1);
	b->created_at = db_int(st, 3);
	arena *ar = arena_new();
	size_t n = 0;
	uint8_t *raw = b64_decode(ar, db_text(st, 2), &n);
	db_done(st);
	char check[BLOB_KEY_LEN + 1];
	if (raw)
		blob_key(raw, n, check);
	if (!raw || (int64_t)n != b->size || strcmp(check, key) != 0) {
		arena_free(ar);
		return err_set(e, 500, "internal", NULL, "服务器内部错误",
			       "internal error: blob %s does not match its key", key);
	}
	b->data = malloc(n + 1);
	if (!b->data) {
		arena_free(ar);
		return ERR_INTERNAL(e, "out of memory");
	}
	memcpy(b->data, raw, n);
	b->data[n] = 0;
	arena_free(ar);
	return 0;
}
