/* prefs.c: an account's web UI preferences (prefs.h) */
#include "util/common.h"
#include "svc/auth/prefs.h"
#include "svc/base/tx.h"
#include "svc/base/svc.h"

json_t *prefs_get(db *d, const principal *a, err *e)
{
	db_stmt *st = db_query(d, "SELECT prefs FROM user_preferences WHERE user_id = $1",
			       DB_ARGS(DV_I(a->user_id)), e);
	if (!st)
		return NULL;
	int rc = db_row(st, e);
	json_t *o = NULL;
	if (rc == 1)
		o = json_loads(db_text(st, 0), 0, NULL);
	db_done(st);
	if (rc < 0)
		return NULL;
	if (!json_is_object(o)) {
		json_decref(o);
		o = json_object();
	}
	return o;
}

struct put_ctx {
	const char *json;
	int64_t keys;
};

static int put_work(tx *t, void *p, err *e)
{
	struct put_ctx *c = p;
	int64_t now = now_s();
	if (db_run(t->d,
		   "INSERT INTO user_preferences (user_id, prefs, updated_at) VALUES ($1, $2, $3) ON "
		   "CONFLICT "
		   "(user_id) DO UPDATE SET prefs = excluded.prefs, updated_at = excluded.updated_at",
		   DB_ARGS(DV_I(t->a->user_id), DV_S(c->json), DV_I(now)), e) < 0)
		return -1;
	tx_audit(t, "user.preferences", "user", t->a->user_id,
		 json_pack("{s:I,s:I}", "bytes", (json_int_t)strlen(c->json), "keys", (json_int_t)c->keys));
	return 0;
}

int prefs_put(db *d, const principal *a, const char *json, err *e)
{
	size_t n = strlen(json);
	if (n > PREFS_MAX_BYTES)
		return err_set(e, 413, "prefs_too_large", NULL, "个人设置不能超过 %d 字节",
			       "the preferences may not exceed %d bytes", PREFS_MAX_BYTES);
	json_t *o = json_loads(json, 0, NULL);
	bool obj = json_is_object(o);
	struct put_ctx c = {.json = json, .keys = obj ? (int64_t)json_object_size(o) : 0};
	json_decref(o);
	if (!obj)
		return err_set(e, 422, "invalid_type", NULL, "个人设置应为 JSON 对象",
			       "the preferences are a JSON object");
	return svc_tx(d, a, put_work, &c, e);
}
