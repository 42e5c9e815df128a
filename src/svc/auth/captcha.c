/* captcha.c: drawing, storing and using up login captchas (captcha.h). The rows are anonymous technical
 * records holding no one's data (an id, a hash, times, the client address): they are not audit events
 * themselves; a login that needed one records in its own audit record whether the captcha was refused and
 * why (auth.login_failed, reason captcha_wrong / captcha_expired / captcha_used / captcha_required). */
#include "util/common.h"
#include "svc/auth/captcha.h"
#include "svc/auth/throttle.h"
#include "doc/captcha.h"
#include "crypto/sm3.h"
#include "crypto/token.h"
#include "util/arena.h"
#include "util/log.h"
#include <fcntl.h>
#include <sodium.h>
#include <time.h>
#include <unistd.h>

struct captcha_limits captcha_limits = {
	.after = 3,
	.client_after = 10,
	.client_window_s = 3600,
	.ttl_s = 300,
	.issue_max = 30,
	.issue_window_s = 600,
};

/* no I, O, 0, 1: letters and digits that are not mistaken for one another */
static const char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

static const char *test_log;

void captcha_set_test_log(const char *path)
{
	test_log = path && *path ? path : NULL;
}

/* SM3 hex of "id:ANSWER" with the answer upper-cased; false when the answer is not CAPTCHA_LEN letters or
 * digits */
static bool answer_hash(const char *id, const char *answer, char out[65])
{
	char norm[CAPTCHA_LEN + 1];
	size_t n = strlen(answer);
	if (n != CAPTCHA_LEN)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = answer[i];
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
			return false;
		norm[i] = c;
	}
	norm[n] = 0;
	char msg[96];
	int m = snprintf(msg, sizeof msg, "%s:%s", id, norm);
	uint8_t dg[32];
	sm3_digest(msg, (size_t)m, dg);
	hex_encode(dg, sizeof dg, out);
	sodium_memzero(norm, sizeof norm);
	return true;
}

/* at most this many expired captchas are deleted with each new one: the table stays as small as the captchas
 * of the last ttl_s */
#define PRUNE 16

json_t *captcha_new(db *d, const char *client, int *retry_after, err *e)
{
	const struct captcha_limits *L = &captcha_limits;
	*retry_after = 0;
	int wait = throttle_hit("captcha", client, L->issue_max, L->issue_window_s);
	if (wait > 0) {
		*retry_after = wait;
		err_set(e, 429, "too_many_captchas", NULL, "获取验证码过于频繁，请 %d 秒后再试",
			"too many captchas requested; try again in %d seconds", wait);
		return NULL;
	}
	uint8_t rid[16];
	char id[33], answer[CAPTCHA_LEN + 1], hash[65];
	random_bytes(rid, sizeof rid);
	hex_encode(rid, sizeof rid, id);
	for (int i = 0; i < CAPTCHA_LEN; i++)
		answer[i] = alphabet[random_u64() % (sizeof alphabet - 1)]; /* 32 divides 2^64: no bias */
	answer[CAPTCHA_LEN] = 0;
	answer_hash(id, answer, hash);
	char *png = NULL;
	size_t len = 0;
	if (captcha_png(answer, &png, &len, e) != 0) {
		sodium_memzero(answer, sizeof answer);
		return NULL;
	}
	int64_t now = (int64_t)time(NULL);
	const char *prune =
		db_dialect_of(d) == DB_PG
			? "DELETE FROM captchas WHERE expires_at <= $1 AND id = ANY(ARRAY(SELECT id "
			  "FROM captchas WHERE expires_at <= $1 ORDER BY expires_at LIMIT $2 FOR "
			  "UPDATE SKIP LOCKED))" /* read once: auth.c prune_login_names */
			: "DELETE FROM captchas WHERE expires_at <= $1 AND id IN (SELECT id FROM "
			  "captchas WHERE "
			  "expires_at <= $1 ORDER BY expires_at LIMIT $2)";
	if (db_run(d,
		   "INSERT INTO captchas (id, answer_hash, created_at, expires_at, client) VALUES ($1, $2, "
		   "$3, $4, $5)",
		   DB_ARGS(DV_S(id), DV_S(hash), DV_I(now), DV_I(now + L->ttl_s), DV_S(client)), e) < 0 ||
	    db_run(d, prune, DB_ARGS(DV_I(now), DV_I(PRUNE)), e) < 0) {
		free(png);
		sodium_memzero(answer, sizeof answer);
		return NULL;
	}
	if (test_log) {
		int fd = open(test_log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
		if (fd >= 0) {
			char line[64];
			int m = snprintf(line, sizeof line, "%s %s\n", id, answer);
			if (write(fd, line, (size_t)m) != m)
				log_warn("captcha test log: short write to %s", test_log);
			close(fd);
		}
	}
	sodium_memzero(answer, sizeof answer);
	arena *a = arena_new();
	char *b64 = b64_encode(a, (const uint8_t *)png, len);
	free(png);
	json_t *o = json_pack("{s:s,s:s+,s:i,s:i,s:i,s:i}", "id", id, "image", "data:image/png;base64,", b64,
			      "width", CAPTCHA_W, "height", CAPTCHA_H, "length", CAPTCHA_LEN, "expires_in",
			      L->ttl_s);
	arena_free(a);
	return o;
}

int captcha_take(db *d, const char *id, const char *answer, enum captcha_outcome *out, err *e)
{
	int64_t now = (int64_t)time(NULL);
	*out = CAPTCHA_EXPIRED;
	if (strlen(id) != 32)
		return 0;
	/* used up at once, right or wrong: one attempt per captcha, also between two nodes at the same time
	 */
	db_stmt *st = db_query(d,
			       "UPDATE captchas SET used_at = $2 WHERE id = $1 AND used_at IS NULL AND "
			       "expires_at > $2 RETURNING answer_hash",
			       DB_ARGS(DV_S(id), DV_I(now)), e);
	if (!st)
		return -1;
	int rc = db_row(st, e);
	char stored[65] = "";
	if (rc == 1)
		snprintf(stored, sizeof stored, "%s", db_text(st, 0));
	db_done(st);
	if (rc < 0)
		return -1;
	if (rc == 1) {
		char h[65];
		bool shaped = answer_hash(id, answer, h);
		*out = shaped && strlen(stored) == 64 && sodium_memcmp(h, stored, 64) == 0 ? CAPTCHA_OK
											   : CAPTCHA_WRONG;
		return 0;
	}
	/* why not: used before, past its time, or unknown (never drawn, or pruned) */
	int64_t used = 0;
	rc = db_one_int(d, "SELECT COALESCE(used_at, 0) FROM captchas WHERE id = $1", DB_ARGS(DV_S(id)),
			&used, e);
	if (rc != DB_OK && rc != DB_NOT_FOUND)
		return -1;
	*out = rc == DB_OK && used > 0 ? CAPTCHA_USED : CAPTCHA_EXPIRED;
	return 0;
}

int captcha_refuse(enum captcha_outcome o, err *e)
{
	switch (o) {
	case CAPTCHA_WRONG:
		return err_set(e, 401, "captcha_wrong", "captcha", "验证码不正确，请输入新图片中的字符",
			       "the characters do not match the picture; enter those of the new picture");
	case CAPTCHA_USED:
		return err_set(e, 401, "captcha_used", "captcha", "验证码已使用过，请输入新图片中的字符",
			       "this captcha has been used already; enter the characters of a new picture");
	case CAPTCHA_EXPIRED:
		return err_set(e, 401, "captcha_expired", "captcha", "验证码已过期，请输入新图片中的字符",
			       "the captcha has expired; enter the characters of a new picture");
	case CAPTCHA_MISSING:
	case CAPTCHA_OK:
		break;
	}
	return err_set(e, 401, "captcha_required", "captcha",
		       "登录失败次数较多，请输入图片中的字符（验证码）",
		       "after several failed logins, enter the characters shown in the picture (captcha)");
}
