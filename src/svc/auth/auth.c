/* auth.c: authentication: the password policy, login with its throttles and progressive delays, session
 * tokens, logout, the login log */
#include "util/common.h"
#include "svc/auth/auth.h"
#include "svc/auth/session_cache.h"
#include "svc/auth/view.h"
#include "svc/base/tx.h"
#include "svc/base/audit.h"
#include "svc/base/scope.h"
#include "svc/base/svc.h"
#include "svc/auth/throttle.h"
#include "svc/auth/captcha.h"
#include "store/query.h"
#include "store/refdata.h"
#include "crypto/password.h"
#include "crypto/sm3.h"
#include "crypto/token.h"
#include <pthread.h>
#include <pwd.h>
#include <sodium.h>
#include <time.h>
#include <unistd.h>

void principal_system(principal *p, const char *what)
{
	memset(p, 0, sizeof *p);
	p->role = ROLE_PROVINCE_ADMIN;
	p->region[0] = '3';
	p->region[1] = '7';
	struct passwd *pw = getpwuid(getuid());
	snprintf(p->username, sizeof p->username, "%s:%s", what ? what : "cli", pw ? pw->pw_name : "?");
}

/* is `w` (n bytes, lower case) a line of data/common-passwords.txt? */
static bool common_password(const char *w, size_t n)
{
	const char *t = refdata_get("common-passwords.txt");
	if (!t || n == 0)
		return false;
	for (const char *line = t; *line;) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		if (*line != '#' && len == n && !memcmp(line, w, n))
			return true;
		if (!end)
			break;
		line = end + 1;
	}
	return false;
}

/* a run like "1234567890", "abcdefghij", "9876543210" or "aaaaaaaaaa": each byte one step from the last */
static bool sequence(const char *s, size_t n)
{
	int step = s[1] - s[0];
	if (step < -1 || step > 1)
		return false;
	for (size_t i = 2; i < n; i++)
		if (s[i] - s[i - 1] != step)
			return false;
	return true;
}

/* the whole password is one short unit repeated ("abcabcabca", "12121212ab" is not) */
static bool repeated(const char *s, size_t n)
{
	for (size_t unit = 1; unit <= n / 2; unit++) {
		size_t i = unit;
		while (i < n && s[i] == s[i % unit])
			i++;
		if (i == n)
			return true;
	}
	return false;
}

int password_policy(const char *pw, err *e)
{
	size_t n = pw ? strlen(pw) : 0;
	if (n > PASSWORD_MAX_BYTES)
		return err_set(e, 422, "weak_password", "password", "密码不能超过 %d 字节",
			       "the password may not exceed %d bytes", PASSWORD_MAX_BYTES);
	if (!pw || utf8_chars(pw) < PASSWORD_MIN_CHARS)
		return err_set(e, 422, "weak_password", "password", "密码至少 %d 个字符",
			       "the password needs at least %d characters", PASSWORD_MIN_CHARS);
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)pw[i] < 0x20 || pw[i] == 0x7f)
			return err_set(e, 422, "weak_password", "password", "密码不能含控制字符",
				       "the password may not contain control characters");
	char low[PASSWORD_MAX_BYTES + 1];
	for (size_t i = 0; i <= n; i++)
		low[i] = (char)(pw[i] >= 'A' && pw[i] <= 'Z' ? pw[i] - 'A' + 'a' : pw[i]);
	bool seen[256] = {false};
	int distinct = 0;
	for (size_t i = 0; i < n; i++)
		if (!seen[(unsigned char)low[i]]) {
			seen[(unsigned char)low[i]] = true;
			distinct++;
		}
	/* the list holds words; "Password2026!" is the word with digits and punctuation added */
	size_t base = n;
	while (base > 0 &&
	       !((low[base - 1] >= 'a' && low[base - 1] <= 'z') || (unsigned char)low[base - 1] >= 0x80))
		base--;
	if (distinct < PASSWORD_MIN_DISTINCT || sequence(low, n) || repeated(low, n) ||
	    common_password(low, n) || (base >= 3 && common_password(low, base)))
		return err_set(e, 422, "weak_password", "password",
			       "密码过于常见或简单，容易被猜中，请换一个",
			       "the password is too common or too simple to be safe; choose another");
	return 0;
}

struct login_limits login_limits = {
	.client_max = 20,
	.client_window_s = 15 * 60,
	.free_fails = 5,
	.delay_cap_s = 15 * 60,
	.known_client_s = 30 * 86400,
	.forget_s = 86400,
};

int login_delay_s(int fails)
{
	int over = fails - login_limits.free_fails;
	if (over <= 0)
		return 0;
	if (over > 20)
		return login_limits.delay_cap_s;
	int d = 1 << (over - 1);
	return d < login_limits.delay_cap_s ? d : login_limits.delay_cap_s;
}

/* a verification that fails, at the cost of a real one, for names that are not accounts */
static char dummy[PASSWORD_HASH_MAX];

static void make_dummy(void)
{
	unsigned char rnd[16];
	char pw[33];
	random_bytes(rnd, sizeof rnd);
	hex_encode(rnd, sizeof rnd, pw);
	if (password_hash(pw, dummy) != 0)
		BUG("password hashing failed");
}

static const char *dummy_hash(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, make_dummy);
	return dummy;
}

/* the attempted name as recorded: at most 64 bytes of printable ASCII (account names are ASCII) */
static void name_for_log(const char *in, char out[65])
{
	size_t i = 0;
	for (; in && in[i] && i < 64; i++)
		out[i] = (unsigned char)in[i] > 0x20 && (unsigned char)in[i] < 0x7f ? in[i] : '?';
	out[i] = 0;
}

/* the same answer for every refused attempt, whether the name is an account or not */
static int too_many(int *retry_after, int wait, err *e)
{
	*retry_after = wait;
	return err_set(e, 429, "too_many_attempts", NULL, "登录尝试过于频繁，请 %d 秒后再试",
		       "too many login attempts; try again in %d seconds", wait);
}

/* has the account logged in successfully from this client recently? Its own owner then skips the delay
 * that failures sent by others have put on the account. */
static int known_client(db *d, int64_t uid, const char *client, int64_t now, bool *known, err *e)
{
	int64_t n = 0;
	*known = false;
	if (db_one_int(
		    d,
		    "SELECT COUNT(*) FROM login_clients WHERE user_id = $1 AND client = $2 AND last_at > $3",
		    DB_ARGS(DV_I(uid), DV_S(client), DV_I(now - login_limits.known_client_s)), &n,
		    e) != DB_OK)
		return -1;
	*known = n > 0;
	return 0;
}

/* at most this many forgotten rows of login_names are deleted by each failed login: more than one, so the
 * table shrinks back after a flood (each failure adds at most one row), few enough to cost little */
#define LOGIN_NAMES_PRUNE 16

/* the failure counter of an account (in users) or of a name that is no account (in login_names): the same
 * statements on both, so that both answer in the same time and every serve node sees the same delay */
static const char *const fail_sql[2] = {
	"INSERT INTO login_names (name, failed_logins, locked_until) VALUES ($1, 1, $3) "
	"ON CONFLICT (name) DO UPDATE SET failed_logins = CASE WHEN login_names.locked_until <= $2 "
	"THEN 1 ELSE login_names.failed_logins + 1 END, locked_until = $3 RETURNING failed_logins",
	"UPDATE users SET failed_logins = CASE WHEN locked_until <= $2 THEN 1 ELSE failed_logins + 1 END, "
	"locked_until = $3 WHERE id = $1 RETURNING failed_logins",
};

static const char *const hold_sql[2] = {
	"UPDATE login_names SET locked_until = $2 WHERE name = $1",
	"UPDATE users SET locked_until = $2 WHERE id = $1",
};

/* deletes up to LOGIN_NAMES_PRUNE rows of login_names forgotten before `before`. PostgreSQL skips rows
 * another transaction is deleting (no wait, no deadlock between two failed logins); the outer condition is
 * checked again on a row updated meanwhile, so a name that failed again is kept. The names are read once, as
 * an array (an InitPlan): written `IN (SELECT ... LIMIT)`, the planner may put the subquery on the inner side
 * of a nested loop and run it again for each outer row, each run locking and returning the next rows, so one
 * failed login deleted every forgotten row (API 15 on PostgreSQL: 41 rows gone instead of 16). */
static int prune_login_names(db *d, int64_t before, err *e)
{
	const char *sql =
		db_dialect_of(d) == DB_PG
			? "DELETE FROM login_names WHERE locked_until <= $1 AND name = ANY(ARRAY(SELECT name "
			  "FROM login_names WHERE locked_until <= $1 ORDER BY locked_until LIMIT $2 FOR "
			  "UPDATE SKIP LOCKED))"
			: "DELETE FROM login_names WHERE locked_until <= $1 AND name IN (SELECT name FROM "
			  "login_names WHERE locked_until <= $1 ORDER BY locked_until LIMIT $2)";
	return db_run(d, sql, DB_ARGS(DV_I(before), DV_I(LOGIN_NAMES_PRUNE)), e) < 0 ? -1 : 0;
}

struct failed_ctx {
	const char *name, *client, *reason;
	int64_t uid, now;
	bool captcha; /* the attempt came with a right captcha */
};

/* the client's count of failed logins for the captcha (login_client_fails, shared by every node): one more,
 * started again after captcha_limits.client_window_s without a failure; forgotten rows pruned (bounded) */
static int client_failed(db *d, const char *client, int64_t now, err *e)
{
	int64_t forget = now - captcha_limits.client_window_s;
	const char *prune = db_dialect_of(d) == DB_PG
				    ? "DELETE FROM login_client_fails WHERE last_at <= $1 AND client = "
				      "ANY(ARRAY(SELECT client FROM login_client_fails WHERE last_at <= $1 "
				      "ORDER BY last_at LIMIT $2 FOR UPDATE SKIP LOCKED))"
				    : "DELETE FROM login_client_fails WHERE last_at <= $1 AND client IN "
				      "(SELECT client FROM "
				      "login_client_fails WHERE last_at <= $1 ORDER BY last_at LIMIT $2)";
	if (db_run(d,
		   "INSERT INTO login_client_fails (client, failed, last_at) VALUES ($1, 1, $2) ON CONFLICT "
		   "(client) DO UPDATE SET failed = CASE WHEN login_client_fails.last_at <= $3 THEN 1 ELSE "
		   "login_client_fails.failed + 1 END, last_at = $2",
		   DB_ARGS(DV_S(client), DV_I(now), DV_I(forget)), e) < 0 ||
	    db_run(d, prune, DB_ARGS(DV_I(forget), DV_I(LOGIN_NAMES_PRUNE)), e) < 0)
		return -1;
	return 0;
}

static int failed_work(tx *t, void *p, err *e)
{
	struct failed_ctx *c = p;
	const struct login_limits *L = &login_limits;
	const int acct = c->uid > 0;
	db *d = t->d;
	/* the key: the account's id, or the name as recorded */
	dbv key = acct ? DV_I(c->uid) : DV_S(c->name);
	db_stmt *u = db_query(d, fail_sql[acct], DB_ARGS(key, DV_I(c->now - L->forget_s), DV_I(c->now)), e);
	int rc = u ? db_step(u) : DB_ERROR;
	int fails = rc == DB_ROW ? (int)db_int(u, 0) : 0;
	db_done(u);
	if (rc != DB_ROW)
		return u ? db_rc_to_err(d, rc == DB_DONE ? DB_ERROR : rc, e) : -1;
	int delay = login_delay_s(fails);
	/* a second more: time() truncates, so now + delay alone could end after a fraction of a second */
	int hold = delay > 0 ? delay + 1 : 0;
	if (hold > 0 && db_run(d, hold_sql[acct], DB_ARGS(key, DV_I(c->now + hold)), e) < 0)
		return -1;
	if (prune_login_names(d, c->now - L->forget_s, e) != 0 || client_failed(d, c->client, c->now, e) != 0)
		return -1;
	/* the client's failures, counted in the database: every node sees the same count */
	int wait = 0;
	if (throttle_hit_shared(d, "login-client", c->client, L->client_max, L->client_window_s, &wait, e) !=
	    0)
		return -1;
	json_t *det = json_pack("{s:s,s:s,s:s,s:i}", "outcome", "failure", "reason", c->reason, "client",
				c->client, "failed_logins", fails);
	if (c->captcha)
		json_object_set_new(det, "captcha", json_true());
	if (delay > 0)
		json_object_set_new(det, "delay_s", json_integer(delay));
	if (acct)
		json_object_set_new(det, "user_id", json_integer(c->uid));
	tx_audit_key(t, "auth.login_failed", "user", c->name, det);
	return 0;
}

/* the actor of a login's audit record before anyone is logged in */
static const principal anonymous = {.role = ROLE_PUBLIC, .username = "anonymous"};

/* records a failed attempt: the counter and delay of the account or of the name that is no account (the
 * same statements either way: the counter, the delay when one starts, the pruning of forgotten names, the
 * audit record, in one transaction), the client's counter, then answers 401 */
static int login_failed(db *d, const char *name, int64_t uid, const char *client, int64_t now,
			const char *reason, bool captcha, err *e)
{
	struct failed_ctx c = {
		.name = name, .client = client, .reason = reason, .uid = uid, .now = now, .captcha = captcha};
	if (svc_tx(d, &anonymous, failed_work, &c, e) != 0)
		return -1;
	return err_set(e, 401, "bad_credentials", NULL, "用户名或密码错误", "wrong user name or password");
}

/* an attempt refused before the password counts (a disabled account, a captcha missing or wrong): only its
 * audit record, the counters unchanged */
struct disabled_ctx {
	const char *name, *client, *reason;
	int64_t uid;
};

static int disabled_work(tx *t, void *p, err *e)
{
	struct disabled_ctx *c = p;
	UNUSED(e);
	json_t *det =
		json_pack("{s:s,s:s,s:s}", "outcome", "failure", "reason", c->reason, "client", c->client);
	if (c->uid > 0)
		json_object_set_new(det, "user_id", json_integer(c->uid));
	tx_audit_key(t, "auth.login_failed", "user", c->name, det);
	return 0;
}

static const char *const captcha_reason[] = {
	[CAPTCHA_OK] = "ok",
	[CAPTCHA_WRONG] = "captcha_wrong",
	[CAPTCHA_EXPIRED] = "captcha_expired",
	[CAPTCHA_USED] = "captcha_used",
	[CAPTCHA_MISSING] = "captcha_required",
};

struct login_ctx {
	const char *username, *client, *th, *fresh;
	int64_t uid, now;
	bool rehash, captcha;
};

static int login_work(tx *t, void *p, err *e)
{
	struct login_ctx *c = p;
	const struct login_limits *L = &login_limits;
	db *d = t->d;
	int64_t uid = c->uid, now = c->now;
	if (db_run(d,
		   "INSERT INTO sessions (token_hash, user_id, created_at, expires_at, client) VALUES "
		   "($1,$2,$3,$4,$5)",
		   DB_ARGS(DV_S(c->th), DV_I(uid), DV_I(now), DV_I(now + SESSION_TTL_S), DV_S(c->client)),
		   e) < 0 ||
	    db_run(d, "UPDATE users SET failed_logins = 0, locked_until = 0 WHERE id = $1",
		   DB_ARGS(DV_I(uid)), e) < 0 ||
	    (c->rehash && db_run(d, "UPDATE users SET password_hash = $2 WHERE id = $1",
				 DB_ARGS(DV_I(uid), DV_S(c->fresh)), e) < 0) ||
	    db_run(d, "DELETE FROM sessions WHERE user_id = $1 AND expires_at < $2",
		   DB_ARGS(DV_I(uid), DV_I(now)), e) < 0 ||
	    db_run(d, "DELETE FROM login_clients WHERE user_id = $1 AND last_at <= $2",
		   DB_ARGS(DV_I(uid), DV_I(now - L->known_client_s)), e) < 0 ||
	    db_run(d,
		   "INSERT INTO login_clients (user_id, client, last_at) VALUES ($1, $2, $3) ON CONFLICT "
		   "(user_id, client) DO UPDATE SET last_at = excluded.last_at",
		   DB_ARGS(DV_I(uid), DV_S(c->client), DV_I(now)), e) < 0)
		return -1;
	json_t *det = json_pack("{s:s,s:s}", "outcome", "success", "client", c->client);
	if (c->rehash)
		json_object_set_new(det, "rehashed", json_true());
	if (c->captcha)
		json_object_set_new(det, "captcha", json_true());
	tx_audit_key(t, "auth.login", "user", c->username, det);
	return 0;
}

int auth_login(db *d, const struct login_input *in, char token[44], json_t **user, int *retry_after, err *e)
{
	const char *username = in->username, *password = in->password, *client = in->client;
	const struct login_limits *L = &login_limits;
	*user = NULL;
	*retry_after = 0;
	int wait = 0;
	if (throttle_peek_shared(d, "login-client", client, L->client_max, L->client_window_s, &wait, e) != 0)
		return -1;
	if (wait > 0)
		return too_many(retry_after, wait, e);
	char name[65];
	name_for_log(username, name);
	int64_t now = (int64_t)time(NULL);
	/* one statement for accounts and other names alike: the account's row, else the name's counter */
	db_stmt *st = db_query(
		d,
		"SELECT " USER_VIEW_COLS
		", u.password_hash, u.locked_until, n.locked_until, u.failed_logins, "
		"n.failed_logins, c.failed, c.last_at FROM (SELECT CAST($1 AS TEXT) AS username, CAST($2 AS "
		"TEXT) AS name, CAST($3 AS TEXT) AS client) q LEFT JOIN users u ON u.username = q.username "
		"LEFT JOIN login_names n ON n.name = q.name LEFT JOIN login_client_fails c ON c.client = "
		"q.client",
		DB_ARGS(DV_S(username), DV_S(name), DV_S(client)), e);
	if (!st)
		return -1;
	int rc = db_step(st);
	if (rc != DB_ROW) {
		db_done(st);
		return db_rc_to_err(d, rc == DB_DONE ? DB_ERROR : rc, e);
	}
	bool found = !db_isnull(st, 0);
	int64_t uid = 0, locked_until = 0;
	bool disabled = false;
	char hash[160] = "";
	json_t *uj = NULL;
	int64_t fails = 0;
	if (found) {
		uid = db_int(st, 0);
		disabled = db_int(st, 7) != 0;
		snprintf(hash, sizeof hash, "%s", db_text(st, 10));
		locked_until = db_int(st, 11);
		fails = db_int(st, 13);
		uj = user_view(st);
	} else if (!db_isnull(st, 12)) {
		locked_until = db_int(st, 12);
		fails = db_int(st, 14);
	}
	/* the same forgetting as fail_sql: a count whose last failure is older than forget_s starts again */
	if (locked_until <= now - L->forget_s)
		fails = 0;
	int64_t client_fails = db_isnull(st, 15) || db_int(st, 16) <= now - captcha_limits.client_window_s
				       ? 0
				       : db_int(st, 15);
	db_done(st);
	/* the progressive delay, of the account or of the name (both in the database): locked_until is the
	 * time of the last failure or, with a delay, the end of the delay */
	wait = locked_until > now ? (int)(locked_until - now) : 0;
	if (wait > 0) {
		bool known = false;
		if (known_client(d, uid, client, now, &known, e) != 0) {
			json_decref(uj);
			return -1;
		}
		if (!known || !found) {
			json_decref(uj);
			return too_many(retry_after, wait, e);
		}
	}
	/* the captcha (captcha.h): after captcha_limits.after failures of the account or name, unless its
	 * owner logged in from this client recently (as for the delay), or after client_after failures of the
	 * client. Checked before the password, so that guessing needs a new picture read each time. */
	bool need = client_fails >= captcha_limits.client_after;
	if (!need && fails >= captcha_limits.after) {
		bool known = false;
		if (known_client(d, uid, client, now, &known, e) != 0) {
			json_decref(uj);
			return -1;
		}
		need = !known || !found;
	}
	bool solved = false;
	if (need) {
		enum captcha_outcome co = CAPTCHA_MISSING;
		if (in->captcha_id && *in->captcha_id && in->captcha_answer &&
		    captcha_take(d, in->captcha_id, in->captcha_answer, &co, e) != 0) {
			json_decref(uj);
			return -1;
		}
		if (co != CAPTCHA_OK) {
			json_decref(uj);
			struct disabled_ctx c = {
				.name = name, .client = client, .reason = captcha_reason[co], .uid = uid};
			if (svc_tx(d, &anonymous, disabled_work, &c, e) != 0)
				return -1;
			return captcha_refuse(co, e);
		}
		solved = true;
	}
	bool ok = password_verify(found ? hash : dummy_hash(), password);
	if (!found || !ok) {
		json_decref(uj);
		return login_failed(d, name, uid, client, now, found ? "bad_password" : "unknown_user",
				    solved, e);
	}
	principal who = {.user_id = uid};
	snprintf(who.username, sizeof who.username, "%s", username);
	role_parse(json_string_value(json_object_get(uj, "role")), &who.role);
	if (disabled) {
		json_decref(uj);
		struct disabled_ctx c = {.name = name, .client = client, .reason = "disabled", .uid = uid};
		if (svc_tx(d, &anonymous, disabled_work, &c, e) != 0)
			return -1;
		return err_set(e, 403, "account_disabled", NULL, "该账号已停用", "this account is disabled");
	}
	/* a hash written at another cost (JINENG_ARGON2_FAST, older parameters) is replaced now */
	char fresh[PASSWORD_HASH_MAX] = "";
	bool rehash = password_needs_rehash(hash) && password_hash(password, fresh) == 0;
	char th[65];
	token_new(token);
	token_hash(token, th);
	struct login_ctx c = {.username = username,
			      .client = client,
			      .th = th,
			      .fresh = fresh,
			      .uid = uid,
			      .now = now,
			      .rehash = rehash,
			      .captcha = solved};
	if (svc_tx(d, &who, login_work, &c, e) != 0) {
		sodium_memzero(fresh, sizeof fresh);
		json_decref(uj);
		return -1;
	}
	sodium_memzero(fresh, sizeof fresh);
	*user = uj;
	return 0;
}

static bool token_shape_ok(const char *t)
{
	size_t n = strlen(t);
	if (n < 20 || n > 64)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = t[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '-' || c == '_'))
			return false;
	}
	return true;
}

int auth_from_token(db *d, const char *token, principal *p, err *e)
{
	while (*token == ' ')
		token++;
	if (!token_shape_ok(token))
		return err_set(e, 401, "invalid_token", NULL, "登录已失效，请重新登录",
			       "invalid or expired token");
	char th[65];
	token_hash(token, th);
	if (session_cache_get(th, p))
		return 0;
	db_stmt *st = db_query(
		d,
		"SELECT u.id, u.username, u.role, COALESCE(u.region_code, ''), COALESCE(u.institution_id, "
		"0), COALESCE(u.person_id, 0), u.disabled, s.expires_at FROM sessions s JOIN users u ON "
		"u.id = s.user_id WHERE s.token_hash = $1",
		DB_ARGS(DV_S(th)), e);
	if (!st)
		return -1;
	int rc = db_step(st);
	if (rc != DB_ROW) {
		db_done(st);
		if (rc != DB_DONE)
			return db_rc_to_err(d, rc, e);
		return err_set(e, 401, "invalid_token", NULL, "登录已失效，请重新登录",
			       "invalid or expired token");
	}
	memset(p, 0, sizeof *p);
	p->user_id = db_int(st, 0);
	snprintf(p->username, sizeof p->username, "%s", db_text(st, 1));
	role_parse(db_text(st, 2), &p->role);
	region_prefix(db_text(st, 3), p->region);
	p->institution_id = db_int(st, 4);
	p->person_id = db_int(st, 5);
	int64_t expires_at = db_int(st, 7);
	bool ok = db_int(st, 6) == 0 && expires_at > (int64_t)time(NULL);
	db_done(st);
	if (!ok) {
		memset(p, 0, sizeof *p);
		return err_set(e, 401, "invalid_token", NULL, "登录已失效，请重新登录",
			       "invalid or expired token");
	}
	if (p->role == ROLE_PROVINCE_ADMIN && !p->region[0])
		snprintf(p->region, sizeof p->region, "37");
	session_cache_put(th, p, expires_at);
	return 0;
}

int auth_logout(db *d, const char *token, err *e)
{
	char th[65];
	token_hash(token, th);
	session_cache_evict_token(th);
	int64_t n = db_run(d, "DELETE FROM sessions WHERE token_hash = $1", DB_ARGS(DV_S(th)), e);
	/* again after the delete: a request that read the row before it may have put it back */
	session_cache_evict_token(th);
	return n < 0 ? -1 : 0;
}

/* ?outcome=success|failure picks the action; without it both */
static int filter_outcome(query *w, const char *frag, const char *v, err *e)
{
	if (strcmp(v, "success") && strcmp(v, "failure"))
		return err_set(e, 422, "invalid_format", "outcome", "outcome 应为 success 或 failure",
			       "outcome must be success or failure");
	q_and(w, frag, DV_S(!strcmp(v, "success") ? "auth.login" : "auth.login_failed"));
	return 0;
}

static const struct list_filter login_filters[] = {
	{"outcome", "a.action = ?", LIST_FN, .fn = filter_outcome},
	{"username", "a.entity_id = ?", LIST_EQ},
};

static int login_where(query *w, const principal *a, const char *const *v, err *e)
{
	UNUSED(e);
	q_and(w, "a.entity = 'user'", DV_NULL);
	if (!v[0] || !*v[0])
		q_and(w, "a.action IN ('auth.login', 'auth.login_failed')", DV_NULL);
	/* the accounts the actor may read (svc/scope.h); a name that is no account only for the province */
	if (a->role != ROLE_PROVINCE_ADMIN)
		scope_where(w, a, SE_USER, SCOPE_READ);
	return 0;
}

const struct list_spec login_list = {
	.name = "logins",
	.count_sql = "SELECT COUNT(*) FROM audit_log a LEFT JOIN users u ON u.username = a.entity_id",
	.select_sql =
		"SELECT " LOGIN_VIEW_COLS " FROM audit_log a LEFT JOIN users u ON u.username = a.entity_id",
	.order = "a.seq DESC",
	LIST_FILTERS(login_filters),
	.where = login_where,
	.view = login_view,
};
