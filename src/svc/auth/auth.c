#include "util/common.h"
#include "svc/auth/auth.h"
#include "svc/base/audit.h"
#include "svc/base/scope.h"
#include "svc/base/svc.h"
#include "svc/auth/throttle.h"
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

static json_t *user_row_json(db_stmt *st)
{
	/* columns: id, username, display_name, role, region_code, institution_id, person_id, disabled,
	 * created_at, examiner_grade */
	enum role r = ROLE_PUBLIC;
	role_parse(db_text(st, 3), &r);
	json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:s,s:b,s:I}", "id", (json_int_t)db_int(st, 0), "username",
			      db_text(st, 1), "display_name", db_text(st, 2), "role", db_text(st, 3),
			      "role_name", role_name_zh(r), "disabled", (int)db_int(st, 7), "created_at",
			      (json_int_t)db_int(st, 8));
	json_object_set_new(o, "region_code", db_isnull(st, 4) ? json_null() : json_string(db_text(st, 4)));
	json_object_set_new(o, "institution_id",
			    db_isnull(st, 5) ? json_null() : json_integer(db_int(st, 5)));
	json_object_set_new(o, "person_id", db_isnull(st, 6) ? json_null() : json_integer(db_int(st, 6)));
	json_object_set_new(o, "examiner_grade",
			    db_isnull(st, 9) ? json_null() : json_string(db_text(st, 9)));
	return o;
}

#define USER_COLS                                                                                            \
	"u.id, u.username, u.display_name, u.role, u.region_code, u.institution_id, u.person_id, "           \
	"u.disabled, "                                                                                       \
	"u.created_at, u.examiner_grade"

/* the names behind a user's data scope, read after USER_COLS (columns 10-12): region, institution, person */
#define USER_NAME_COLS                                                                                       \
	", (SELECT r.name FROM regions r WHERE r.code = u.region_code), (SELECT i.name FROM institutions i " \
	"WHERE i.id = u.institution_id), (SELECT p.name FROM persons p WHERE p.id = u.person_id)"

static void user_row_names(db_stmt *st, json_t *o)
{
	static const char *const keys[3] = {"region_name", "institution_name", "person_name"};
	for (int i = 0; i < 3; i++)
		if (!db_isnull(st, 10 + i))
			json_object_set_new(o, keys[i], json_string(db_text(st, 10 + i)));
}

/* keeps a user's institution and person names only where the actor may read that institution or person
 * (the scope rules of scope.c); region names are public. Runs after the user statement is done. */
static int user_names_in_scope(db *d, const principal *a, json_t *o, err *e)
{
	static const struct {
		const char *id, *name;
		enum scope_entity ent;
	} refs[2] = {{"institution_id", "institution_name", SE_INSTITUTION},
		     {"person_id", "person_name", SE_PERSON}};
	for (int i = 0; i < 2; i++) {
		json_t *id = json_object_get(o, refs[i].id);
		if (!json_is_integer(id) || !json_object_get(o, refs[i].name))
			continue;
		err se = {0};
		if (scope_check(d, a, refs[i].ent, json_integer_value(id), SCOPE_READ, NULL, &se) == 0)
			continue;
		if (se.status != 404 && se.status != 403) {
			*e = se;
			return -1;
		}
		json_object_del(o, refs[i].name);
	}
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
 * checked again on a row updated meanwhile, so a name that failed again is kept. */
static int prune_login_names(db *d, int64_t before, err *e)
{
	const char *sql =
		db_dialect_of(d) == DB_PG
			? "DELETE FROM login_names WHERE locked_until <= $1 AND name IN (SELECT name FROM "
			  "login_names WHERE locked_until <= $1 ORDER BY locked_until LIMIT $2 FOR UPDATE "
			  "SKIP LOCKED)"
			: "DELETE FROM login_names WHERE locked_until <= $1 AND name IN (SELECT name FROM "
			  "login_names WHERE locked_until <= $1 ORDER BY locked_until LIMIT $2)";
	return db_run(d, sql, DB_ARGS(DV_I(before), DV_I(LOGIN_NAMES_PRUNE)), e) < 0 ? -1 : 0;
}

/* records a failed attempt: the counter and delay of the account or of the name that is no account (the
 * same statements either way: the counter, the delay when one starts, the pruning of forgotten names, the
 * audit record, in one transaction), the client's counter, then answers 401 */
static int login_failed(db *d, const char *name, int64_t uid, const char *client, int64_t now,
			const char *reason, err *e)
{
	const struct login_limits *L = &login_limits;
	const int acct = uid > 0;
	throttle_hit("login-client", client, L->client_max, L->client_window_s);
	if (db_begin(d, e) != 0)
		return -1;
	/* the key: the account's id, or the name as recorded */
	dbv key = acct ? DV_I(uid) : DV_S(name);
	db_stmt *u = db_query(d, fail_sql[acct], DB_ARGS(key, DV_I(now - L->forget_s), DV_I(now)), e);
	int rc = u ? db_step(u) : DB_ERROR;
	int fails = rc == DB_ROW ? (int)db_int(u, 0) : 0;
	db_done(u);
	if (rc != DB_ROW) {
		db_rollback(d);
		return u ? db_rc_to_err(d, rc == DB_DONE ? DB_ERROR : rc, e) : -1;
	}
	int delay = login_delay_s(fails);
	/* a second more: time() truncates, so now + delay alone could end after a fraction of a second */
	int hold = delay > 0 ? delay + 1 : 0;
	if (hold > 0 && db_run(d, hold_sql[acct], DB_ARGS(key, DV_I(now + hold)), e) < 0)
		return tx_fail(d);
	if (prune_login_names(d, now - L->forget_s, e) != 0)
		return tx_fail(d);
	principal anon = {.role = ROLE_PUBLIC};
	snprintf(anon.username, sizeof anon.username, "anonymous");
	json_t *det = json_pack("{s:s,s:s,s:s,s:i}", "outcome", "failure", "reason", reason, "client", client,
				"failed_logins", fails);
	if (delay > 0)
		json_object_set_new(det, "delay_s", json_integer(delay));
	if (acct)
		json_object_set_new(det, "user_id", json_integer(uid));
	int arc = audit_append(d, &anon, "auth.login_failed", "user", name, det, e);
	json_decref(det);
	if (arc != 0 || db_commit(d, e) != 0)
		return tx_fail(d);
	return err_set(e, 401, "bad_credentials", NULL, "用户名或密码错误", "wrong user name or password");
}

int auth_login(db *d, const char *username, const char *password, const char *client, char token[44],
	       json_t **user, int *retry_after, err *e)
{
	const struct login_limits *L = &login_limits;
	*user = NULL;
	*retry_after = 0;
	int wait = throttle_peek("login-client", client, L->client_max, L->client_window_s);
	if (wait > 0)
		return too_many(retry_after, wait, e);
	char name[65];
	name_for_log(username, name);
	int64_t now = (int64_t)time(NULL);
	/* one statement for accounts and other names alike: the account's row, else the name's counter */
	db_stmt *st = db_query(
		d,
		"SELECT " USER_COLS ", u.password_hash, u.locked_until, n.locked_until "
		"FROM (SELECT CAST($1 AS TEXT) AS username, CAST($2 AS TEXT) AS name) q "
		"LEFT JOIN users u ON u.username = q.username LEFT JOIN login_names n ON n.name = q.name",
		DB_ARGS(DV_S(username), DV_S(name)), e);
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
	if (found) {
		uid = db_int(st, 0);
		disabled = db_int(st, 7) != 0;
		snprintf(hash, sizeof hash, "%s", db_text(st, 10));
		locked_until = db_int(st, 11);
		uj = user_row_json(st);
	} else if (!db_isnull(st, 12)) {
		locked_until = db_int(st, 12);
	}
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
	bool ok = password_verify(found ? hash : dummy_hash(), password);
	if (!found || !ok) {
		json_decref(uj);
		return login_failed(d, name, uid, client, now, found ? "bad_password" : "unknown_user", e);
	}
	principal who = {.user_id = uid};
	snprintf(who.username, sizeof who.username, "%s", username);
	role_parse(json_string_value(json_object_get(uj, "role")), &who.role);
	if (disabled) {
		json_decref(uj);
		principal anon = {.role = ROLE_PUBLIC};
		snprintf(anon.username, sizeof anon.username, "anonymous");
		json_t *det = json_pack("{s:s,s:s,s:s,s:I}", "outcome", "failure", "reason", "disabled",
					"client", client, "user_id", (json_int_t)uid);
		if (db_begin(d, e) != 0) {
			json_decref(det);
			return -1;
		}
		int arc = audit_append(d, &anon, "auth.login_failed", "user", name, det, e);
		json_decref(det);
		if (arc != 0 || db_commit(d, e) != 0)
			return tx_fail(d);
		return err_set(e, 403, "account_disabled", NULL, "该账号已停用", "this account is disabled");
	}
	/* a hash written at another cost (JINENG_ARGON2_FAST, older parameters) is replaced now */
	char fresh[PASSWORD_HASH_MAX] = "";
	bool rehash = password_needs_rehash(hash) && password_hash(password, fresh) == 0;
	char th[65];
	token_new(token);
	token_hash(token, th);
	if (db_begin(d, e) != 0) {
		json_decref(uj);
		return -1;
	}
	json_t *det = json_pack("{s:s,s:s}", "outcome", "success", "client", client);
	if (rehash)
		json_object_set_new(det, "rehashed", json_true());
	if (db_run(d,
		   "INSERT INTO sessions (token_hash, user_id, created_at, expires_at, client) VALUES "
		   "($1,$2,$3,$4,$5)",
		   DB_ARGS(DV_S(th), DV_I(uid), DV_I(now), DV_I(now + SESSION_TTL_S), DV_S(client)), e) < 0 ||
	    db_run(d, "UPDATE users SET failed_logins = 0, locked_until = 0 WHERE id = $1",
		   DB_ARGS(DV_I(uid)), e) < 0 ||
	    (rehash && db_run(d, "UPDATE users SET password_hash = $2 WHERE id = $1",
			      DB_ARGS(DV_I(uid), DV_S(fresh)), e) < 0) ||
	    db_run(d, "DELETE FROM sessions WHERE user_id = $1 AND expires_at < $2",
		   DB_ARGS(DV_I(uid), DV_I(now)), e) < 0 ||
	    db_run(d, "DELETE FROM login_clients WHERE user_id = $1 AND last_at <= $2",
		   DB_ARGS(DV_I(uid), DV_I(now - L->known_client_s)), e) < 0 ||
	    db_run(d,
		   "INSERT INTO login_clients (user_id, client, last_at) VALUES ($1, $2, $3) ON CONFLICT "
		   "(user_id, client) "
		   "DO UPDATE SET last_at = excluded.last_at",
		   DB_ARGS(DV_I(uid), DV_S(client), DV_I(now)), e) < 0 ||
	    audit_append(d, &who, "auth.login", "user", username, det, e) != 0 || db_commit(d, e) != 0) {
		json_decref(det);
		json_decref(uj);
		db_rollback(d);
		return -1;
	}
	json_decref(det);
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
	bool ok = db_int(st, 6) == 0 && db_int(st, 7) > (int64_t)time(NULL);
	db_done(st);
	if (!ok) {
		memset(p, 0, sizeof *p);
		return err_set(e, 401, "invalid_token", NULL, "登录已失效，请重新登录",
			       "invalid or expired token");
	}
	if (p->role == ROLE_PROVINCE_ADMIN && !p->region[0])
		snprintf(p->region, sizeof p->region, "37");
	return 0;
}

int auth_logout(db *d, const char *token, err *e)
{
	char th[65];
	token_hash(token, th);
	return db_run(d, "DELETE FROM sessions WHERE token_hash = $1", DB_ARGS(DV_S(th)), e) < 0 ? -1 : 0;
}
json_t *user_get_json(db *d, const principal *actor, int64_t user_id, err *e)
{
	query q;
	q_init(&q, "SELECT " USER_COLS USER_NAME_COLS " FROM users u");
	q_and(&q, "u.id = ?", DV_I(user_id));
	scope_where(&q, actor, SE_USER, SCOPE_READ);
	db_stmt *st = q_query(d, &q, e);
	q_free(&q);
	if (!st)
		return NULL;
	json_t *o = NULL;
	int rc = db_step(st);
	if (rc == DB_ROW) {
		o = user_row_json(st);
		user_row_names(st, o);
	} else if (rc == DB_DONE)
		err_set(e, 404, "not_found", NULL, "用户不存在", "no such user");
	else
		db_rc_to_err(d, rc, e);
	db_done(st);
	if (o && user_names_in_scope(d, actor, o, e) != 0) {
		json_decref(o);
		return NULL;
	}
	return o;
}

json_t *user_list_json(db *d, const principal *actor, const char *role, int64_t limit, int64_t offset, err *e)
{
	query w;
	q_init(&w, "");
	scope_where(&w, actor, SE_USER, SCOPE_READ);
	if (role)
		q_and(&w, "u.role = ?", DV_S(role));
	int64_t total = 0;
	db_stmt *st =
		q_page(d, &w, "SELECT COUNT(*) FROM users u",
		       "SELECT " USER_COLS USER_NAME_COLS " FROM users u", "u.id", limit, offset, &total, e);
	q_free(&w);
	if (!st)
		return NULL;
	json_t *items = json_array();
	while (db_step(st) == DB_ROW) {
		json_t *o = user_row_json(st);
		user_row_names(st, o);
		json_array_append_new(items, o);
	}
	if (db_finish(st, e) != 0) {
		json_decref(items);
		return NULL;
	}
	size_t i;
	json_t *o;
	json_array_foreach(items, i, o)
	{
		if (user_names_in_scope(d, actor, o, e) != 0) {
			json_decref(items);
			return NULL;
		}
	}
	return json_pack("{s:o,s:I}", "items", items, "total", (json_int_t)total);
}

static bool username_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n < 3 || n > 32)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '_' || c == '.' || c == '-'))
			return false;
	}
	return true;
}

/* the region code of an institution, or -1 with 422 */
static int inst_region(db *d, int64_t id, char out[16], err *e)
{
	db_stmt *st = db_query(d, "SELECT region_code FROM institutions WHERE id = $1", DB_ARGS(DV_I(id)), e);
	if (!st)
		return -1;
	int rc = db_step(st);
	if (rc == DB_ROW)
		snprintf(out, 16, "%s", db_text(st, 0));
	db_done(st);
	if (rc != DB_ROW)
		return err_set(e, 422, "unknown_institution", "institution_id", "评价机构不存在",
			       "no such institution");
	return 0;
}

/* the region code of a region that exists and is the province or a city, or -1 with 422 */
static int assigned_region(db *d, const char *code, err *e)
{
	int64_t n = 0;
	if (!code ||
	    db_one_int(d, "SELECT COUNT(*) FROM regions WHERE code = $1 AND level IN ('province', 'city')",
		       DB_ARGS(DV_S(code)), &n, e) != DB_OK ||
	    n == 0)
		return err_set(e, 422, "invalid_region", "region_code",
			       "督导员的管辖范围须为全省或一个地市的行政区划代码",
			       "a supervisor's region_code must be the province's or a city's");
	return 0;
}

/* user_write_check: may actor a change account `user_id` (disable, reset its password)? It must be in a's
 * user scope (404 otherwise) and of a role a may grant (403 otherwise): a city administrator cannot take
 * over a supervisor's or another administrator's account. */
int user_write_check(db *d, const principal *a, int64_t user_id, err *e)
{
	if (scope_check(d, a, SE_USER, user_id, SCOPE_WRITE, NULL, e) != 0)
		return -1;
	if (a->user_id == user_id)
		return 0;
	enum role target = ROLE_PUBLIC;
	db_stmt *st = db_query(d, "SELECT role FROM users WHERE id = $1", DB_ARGS(DV_I(user_id)), e);
	if (!st)
		return -1;
	int rc = db_step(st);
	if (rc == DB_ROW)
		role_parse(db_text(st, 0), &target);
	db_done(st);
	if (rc != DB_ROW && rc != DB_DONE)
		return db_rc_to_err(d, rc, e);
	if (!may_grant(a->role, target))
		return err_set(e, 403, "forbidden", NULL, "无权管理该角色的账号",
			       "you may not manage accounts of role %s", role_name(target));
	return 0;
}

int user_create(db *d, const principal *a, const struct user_input *in, int64_t *id, err *e)
{
	enum role r;
	char region[16] = "";
	if (!username_ok(in->username))
		return err_set(e, 422, "invalid_username", "username",
			       "用户名须为 3–32 位字母、数字、下划线、点或连字符",
			       "the user name must be 3-32 letters, digits, '_', '.' or '-'");
	if (role_parse(in->role, &r) != 0)
		return err_set(e, 422, "invalid_role", "role", "角色无效：%s", "unknown role '%s'",
			       in->role ? in->role : "");
	if (password_policy(in->password, e) != 0)
		return -1;
	/* who may create what: the one grant table (core/scope.c) */
	if (!may_grant(a->role, r))
		return err_set(e, 403, "forbidden", "role", "无权创建该角色的账号",
			       "you may not create accounts of role %s", role_name(r));
	int64_t inst = in->institution_id, person = in->person_id;
	if (a->role == ROLE_INSTITUTION_ADMIN) {
		/* an institution administrator creates accounts of its own institution: asking for another
		 * one is refused, not silently rebound to its own */
		if (inst > 0 && inst != a->institution_id)
			return err_set(e, 403, "forbidden", "institution_id", "只能为本机构创建账号",
				       "you may create accounts of your own institution only");
		inst = a->institution_id;
	}
	if (r == ROLE_PROVINCE_ADMIN || r == ROLE_CITY_ADMIN || r == ROLE_SUPERVISOR)
		inst = 0; /* bureau accounts belong to no institution */
	if ((r == ROLE_INSTITUTION_ADMIN || r == ROLE_INSTITUTION_STAFF) && inst <= 0)
		return err_set(e, 422, "missing_field", "institution_id", "机构账号须指定所属评价机构",
			       "institution accounts need institution_id");
	/* every binding of the new account must be inside the creator's own scope: the institution, the
	 * person, the region */
	if (inst > 0) {
		if (inst_region(d, inst, region, e) != 0)
			return -1;
		scope_owner o;
		if (scope_load(d, a, SE_INSTITUTION, inst, &o, e) != 0)
			return -1;
		if (scope_decide(a, SE_INSTITUTION, &o, SCOPE_READ) != 0 ||
		    !reach_allows(a, scope_reach_of(a, SE_USER, SCOPE_WRITE), &o))
			return err_set(e, 403, "forbidden", "institution_id", "该机构不在您的管辖范围内",
				       "that institution is outside your scope");
	}
	if (r == ROLE_CITY_ADMIN) {
		int64_t n = 0;
		if (!in->region_code ||
		    db_one_int(d, "SELECT COUNT(*) FROM regions WHERE code = $1 AND level = 'city'",
			       DB_ARGS(DV_S(in->region_code)), &n, e) != DB_OK ||
		    n == 0)
			return err_set(e, 422, "invalid_region", "region_code",
				       "市级管理员须指定一个地市行政区划代码",
				       "a city administrator needs the region_code of a city");
		snprintf(region, sizeof region, "%s", in->region_code);
	}
	if (r == ROLE_SUPERVISOR) {
		/* a supervisor's scope is what it is assigned: the province (370000) unless a city is named
		 */
		const char *code = in->region_code ? in->region_code : "370000";
		if (assigned_region(d, code, e) != 0)
			return -1;
		snprintf(region, sizeof region, "%s", code);
	}
	if (r == ROLE_PROVINCE_ADMIN)
		snprintf(region, sizeof region, "370000");
	if (r == ROLE_CANDIDATE) {
		if (person <= 0)
			return err_set(e, 422, "missing_field", "person_id", "考生账号须关联人员",
				       "candidate accounts need person_id");
		scope_owner o;
		if (scope_load(d, a, SE_PERSON, person, &o, e) != 0)
			return -1;
		if (!o.found)
			return err_set(e, 422, "unknown_person", "person_id", "人员不存在", "no such person");
		if (scope_decide(a, SE_PERSON, &o, SCOPE_WRITE) != 0)
			return err_set(e, 403, "forbidden", "person_id", "该人员不在您的管辖范围内",
				       "that person is outside your scope");
		/* the account lives where its person does, whatever region_code was sent */
		snprintf(region, sizeof region, "%s", o.region);
	} else {
		person = 0;
	}
	if (!region[0])
		snprintf(region, sizeof region, "%s",
			 in->region_code		  ? in->region_code
			 : a->role == ROLE_PROVINCE_ADMIN ? "370000"
							  : a->region);
	if (r != ROLE_CANDIDATE && inst <= 0 && !scope_covers_region(a, SE_USER, SCOPE_WRITE, region))
		return err_set(e, 403, "forbidden", "region_code", "该地区不在您的管辖范围内",
			       "that region is outside your scope");
	char hash[128];
	if (password_hash(in->password, hash) != 0)
		return ERR_INTERNAL(e, "password hashing failed");
	int64_t now = (int64_t)time(NULL);
	if (db_begin(d, e) != 0)
		return -1;
	db_stmt *st = db_query(d,
			       "INSERT INTO users (username, display_name, password_hash, role, region_code, "
			       "institution_id, person_id, "
			       "examiner_grade, created_at, password_changed_at) VALUES "
			       "($1,$2,$3,$4,$5,$6,$7,$8,$9,$9) RETURNING id",
			       DB_ARGS(DV_S(in->username), DV_S(in->display_name ? in->display_name : ""),
				       DV_S(hash), DV_S(role_name(r)), DV_S(region),
				       inst > 0 ? DV_I(inst) : DV_NULL, person > 0 ? DV_I(person) : DV_NULL,
				       DV_SN(in->examiner_grade), DV_I(now)),
			       e);
	int rc = st ? db_step(st) : DB_ERROR;
	if (rc == DB_ROW)
		*id = db_int(st, 0);
	db_done(st);
	if (rc != DB_ROW) {
		db_rollback(d);
		if (rc == DB_CONFLICT)
			return err_set(e, 409, "username_taken", "username", "用户名已存在",
				       "that user name is taken");
		return st ? db_rc_to_err(d, rc, e) : -1;
	}
	char idtxt[24];
	snprintf(idtxt, sizeof idtxt, "%lld", (long long)*id);
	json_t *det = json_pack("{s:s,s:s,s:s}", "username", in->username, "role", role_name(r),
				"region_code", region);
	if (inst > 0)
		json_object_set_new(det, "institution_id", json_integer(inst));
	if (person > 0)
		json_object_set_new(det, "person_id", json_integer(person));
	int arc = audit_append(d, a, "user.create", "user", idtxt, det, e);
	json_decref(det);
	if (arc != 0 || db_commit(d, e) != 0) {
		db_rollback(d);
		return -1;
	}
	return 0;
}

int user_set_password(db *d, const principal *a, int64_t user_id, const char *old_pw, const char *new_pw,
		      err *e)
{
	bool self = a->user_id == user_id && a->user_id != 0;
	if (password_policy(new_pw, e) != 0)
		return -1;
	if (self) {
		char hash[160] = "";
		db_stmt *st = db_query(d, "SELECT password_hash FROM users WHERE id = $1",
				       DB_ARGS(DV_I(user_id)), e);
		if (!st)
			return -1;
		if (db_step(st) == DB_ROW)
			snprintf(hash, sizeof hash, "%s", db_text(st, 0));
		db_done(st);
		if (!old_pw || !password_verify(hash, old_pw))
			return err_set(e, 422, "wrong_password", "old_password", "原密码不正确",
				       "the current password is wrong");
	} else if (a->user_id != 0) {
		if (user_write_check(d, a, user_id, e) != 0)
			return -1;
		if (!(a->role == ROLE_PROVINCE_ADMIN || a->role == ROLE_CITY_ADMIN ||
		      a->role == ROLE_INSTITUTION_ADMIN))
			return err_set(e, 403, "forbidden", NULL, "无权重置他人密码",
				       "you may not reset other users' passwords");
	}
	char hash[128];
	if (password_hash(new_pw, hash) != 0)
		return ERR_INTERNAL(e, "password hashing failed");
	char idtxt[24];
	snprintf(idtxt, sizeof idtxt, "%lld", (long long)user_id);
	if (db_begin(d, e) != 0)
		return -1;
	int64_t n = db_run(d,
			   "UPDATE users SET password_hash = $2, password_changed_at = $3, failed_logins = "
			   "0, locked_until = 0 "
			   "WHERE id = $1",
			   DB_ARGS(DV_I(user_id), DV_S(hash), DV_I(time(NULL))), e);
	if (n == 0)
		err_set(e, 404, "not_found", NULL, "用户不存在", "no such user");
	/* a new password ends every other session of the account */
	if (n <= 0 || db_run(d, "DELETE FROM sessions WHERE user_id = $1", DB_ARGS(DV_I(user_id)), e) < 0 ||
	    audit_append(d, a, self ? "user.password_change" : "user.password_reset", "user", idtxt, NULL,
			 e) != 0 ||
	    db_commit(d, e) != 0) {
		db_rollback(d);
		return -1;
	}
	return 0;
}

int user_set_disabled(db *d, const principal *a, int64_t user_id, bool disabled, err *e)
{
	if (a->user_id == user_id && a->user_id)
		return err_set(e, 409, "cannot_disable_self", NULL, "不能停用自己的账号",
			       "you cannot disable your own account");
	if (a->user_id && user_write_check(d, a, user_id, e) != 0)
		return -1;
	char idtxt[24];
	snprintf(idtxt, sizeof idtxt, "%lld", (long long)user_id);
	if (db_begin(d, e) != 0)
		return -1;
	int64_t n = db_run(d, "UPDATE users SET disabled = $2 WHERE id = $1",
			   DB_ARGS(DV_I(user_id), DV_I(disabled)), e);
	if (n == 0)
		err_set(e, 404, "not_found", NULL, "用户不存在", "no such user");
	json_t *det = json_pack("{s:b}", "disabled", disabled);
	int ok = n > 0 &&
		 (!disabled ||
		  db_run(d, "DELETE FROM sessions WHERE user_id = $1", DB_ARGS(DV_I(user_id)), e) >= 0) &&
		 audit_append(d, a, disabled ? "user.disable" : "user.enable", "user", idtxt, det, e) == 0 &&
		 db_commit(d, e) == 0;
	json_decref(det);
	if (!ok) {
		db_rollback(d);
		return -1;
	}
	return 0;
}

int user_unlock(db *d, const principal *a, int64_t user_id, err *e)
{
	/* an administrator above the account: in scope and of a role it may grant (as for a password reset)
	 */
	if (a->user_id && user_write_check(d, a, user_id, e) != 0)
		return -1;
	char idtxt[24];
	id_text(user_id, idtxt);
	if (db_begin(d, e) != 0)
		return -1;
	db_stmt *st = db_query(
		d, "UPDATE users SET failed_logins = 0, locked_until = 0 WHERE id = $1 RETURNING username",
		DB_ARGS(DV_I(user_id)), e);
	int rc = st ? db_step(st) : DB_ERROR;
	json_t *det = rc == DB_ROW ? json_pack("{s:s}", "username", db_text(st, 0)) : NULL;
	db_done(st);
	if (rc != DB_ROW) {
		db_rollback(d);
		if (rc == DB_DONE)
			return err_set(e, 404, "not_found", NULL, "用户不存在", "no such user");
		return st ? db_rc_to_err(d, rc, e) : -1;
	}
	int arc = audit_append(d, a, "user.unlock", "user", idtxt, det, e);
	json_decref(det);
	if (arc != 0 || db_commit(d, e) != 0)
		return tx_fail(d);
	return 0;
}

json_t *login_log_json(db *d, const principal *a, const char *user, const char *outcome, int64_t limit,
		       int64_t offset, err *e)
{
	if (outcome && strcmp(outcome, "success") && strcmp(outcome, "failure")) {
		err_set(e, 422, "invalid_format", "outcome", "outcome 应为 success 或 failure",
			"outcome must be success or failure");
		return NULL;
	}
	query w;
	q_init(&w, "");
	q_and(&w, "a.entity = 'user'", DV_NULL);
	if (!outcome)
		q_and(&w, "a.action IN ('auth.login', 'auth.login_failed')", DV_NULL);
	else
		q_and(&w, "a.action = ?",
		      DV_S(!strcmp(outcome, "success") ? "auth.login" : "auth.login_failed"));
	if (user)
		q_and(&w, "a.entity_id = ?", DV_S(user));
	/* the accounts the actor may read (svc/scope.h); a name that is no account only for the province */
	if (a->role != ROLE_PROVINCE_ADMIN)
		scope_where(&w, a, SE_USER, SCOPE_READ);
	int64_t total = 0;
	db_stmt *st = q_page(
		d, &w, "SELECT COUNT(*) FROM audit_log a LEFT JOIN users u ON u.username = a.entity_id",
		"SELECT a.seq, a.at, a.entity_id, a.action, a.detail, a.actor_id FROM audit_log a LEFT JOIN "
		"users u ON u.username = a.entity_id",
		"a.seq DESC", limit, offset, &total, e);
	q_free(&w);
	if (!st)
		return NULL;
	json_t *items = json_array();
	while (db_step(st) == DB_ROW) {
		int64_t at = db_int(st, 1);
		time_t t = (time_t)(at / 1000) + 8 * 3600; /* Asia/Shanghai */
		struct tm tm;
		char ts[32];
		gmtime_r(&t, &tm);
		strftime(ts, sizeof ts, "%Y-%m-%d %H:%M:%S", &tm);
		bool ok = !strcmp(db_text(st, 3), "auth.login");
		json_t *det = json_loads(db_text(st, 4), 0, NULL);
		json_t *uid = ok ? (db_isnull(st, 5) ? json_null() : json_integer(db_int(st, 5)))
				 : json_incref(json_object_get(det, "user_id"));
		json_t *o = json_pack("{s:I,s:I,s:s,s:s,s:s,s:o}", "seq", (json_int_t)db_int(st, 0), "at",
				      (json_int_t)at, "time", ts, "username", db_text(st, 2), "outcome",
				      ok ? "success" : "failure", "user_id", uid ? uid : json_null());
		static const char *const keys[] = {"reason", "client", "failed_logins", "delay_s"};
		for (size_t i = 0; i < ARRAY_LEN(keys); i++) {
			json_t *v = json_object_get(det, keys[i]);
			json_object_set(o, keys[i], v ? v : json_null());
		}
		json_decref(det);
		json_array_append_new(items, o);
	}
	if (db_finish(st, e) != 0) {
		json_decref(items);
		return NULL;
	}
	return json_pack("{s:o,s:I}", "items", items, "total", (json_int_t)total);
}
