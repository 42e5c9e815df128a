#include "util/common.h"
#include "svc/auth.h"
#include "svc/audit.h"
#include "svc/svc.h"
#include "svc/throttle.h"
#include "store/query.h"
#include "store/refdata.h"
#include "crypto/password.h"
#include "crypto/token.h"
#include <pwd.h>
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
	/* columns: id, username, display_name, role, region_code, institution_id, person_id, disabled, created_at,
	 * examiner_grade */
	enum role r = ROLE_PUBLIC;
	role_parse(db_text(st, 3), &r);
	json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:s,s:b,s:I}", "id", (json_int_t)db_int(st, 0), "username",
			      db_text(st, 1), "display_name", db_text(st, 2), "role", db_text(st, 3), "role_name",
			      role_name_zh(r), "disabled", (int)db_int(st, 7), "created_at", (json_int_t)db_int(st, 8));
	json_object_set_new(o, "region_code", db_isnull(st, 4) ? json_null() : json_string(db_text(st, 4)));
	json_object_set_new(o, "institution_id", db_isnull(st, 5) ? json_null() : json_integer(db_int(st, 5)));
	json_object_set_new(o, "person_id", db_isnull(st, 6) ? json_null() : json_integer(db_int(st, 6)));
	json_object_set_new(o, "examiner_grade", db_isnull(st, 9) ? json_null() : json_string(db_text(st, 9)));
	return o;
}

#define USER_COLS                                                                                            \
	"u.id, u.username, u.display_name, u.role, u.region_code, u.institution_id, u.person_id, u.disabled, "  \
	"u.created_at, u.examiner_grade"

int auth_login(db *d, const char *username, const char *password, const char *client, char token[44], json_t **user,
	       int *retry_after, err *e)
{
	*user = NULL;
	*retry_after = 0;
	int wait = throttle_peek("login-client", client, LOGIN_CLIENT_MAX, LOGIN_LOCK_S);
	if (wait > 0) {
		*retry_after = wait;
		return err_set(e, 429, "too_many_attempts", NULL, "登录失败次数过多，请 %d 秒后再试",
			       "too many failed logins; try again in %d seconds", wait);
	}
	int64_t now = (int64_t)time(NULL);
	db_stmt *st = db_query(d,
			       "SELECT " USER_COLS ", u.password_hash, u.locked_until FROM users u WHERE u.username = $1",
			       DB_ARGS(DV_S(username)), e);
	if (!st)
		return -1;
	int rc = db_step(st);
	if (rc != DB_ROW) {
		db_done(st);
		if (rc != DB_DONE)
			return db_rc_to_err(d, rc, e);
		/* same work as a real check, so timing does not tell which accounts exist */
		password_verify("$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$"
				"2mPhxKqNAkTE8ADrGzZPfNnvlIyDjzT3PTcuFUEb+ZQ",
				password);
		throttle_hit("login-client", client, LOGIN_CLIENT_MAX, LOGIN_LOCK_S);
		return err_set(e, 401, "bad_credentials", NULL, "用户名或密码错误", "wrong user name or password");
	}
	int64_t uid = db_int(st, 0);
	bool disabled = db_int(st, 7) != 0;
	int64_t locked_until = db_int(st, 11);
	char hash[160];
	snprintf(hash, sizeof hash, "%s", db_text(st, 10));
	json_t *uj = user_row_json(st);
	db_done(st);
	if (locked_until > now) {
		json_decref(uj);
		*retry_after = (int)(locked_until - now);
		return err_set(e, 429, "too_many_attempts", NULL, "该账号登录失败次数过多，已锁定，请 %d 秒后再试",
			       "this account is locked after repeated failed logins; try again in %d seconds",
			       *retry_after);
	}
	principal who = {.user_id = uid};
	snprintf(who.username, sizeof who.username, "%s", username);
	role_parse(json_string_value(json_object_get(uj, "role")), &who.role);
	if (!password_verify(hash, password)) {
		json_decref(uj);
		throttle_hit("login-client", client, LOGIN_CLIENT_MAX, LOGIN_LOCK_S);
		if (db_begin(d, e) != 0)
			return -1;
		int64_t fails = 0;
		db_stmt *u = db_query(d,
				      "UPDATE users SET failed_logins = failed_logins + 1, locked_until = CASE WHEN "
				      "failed_logins + 1 >= $2 THEN $3 ELSE locked_until END WHERE id = $1 RETURNING "
				      "failed_logins",
				      DB_ARGS(DV_I(uid), DV_I(LOGIN_MAX_FAILS), DV_I(now + LOGIN_LOCK_S)), e);
		if (u && db_step(u) == DB_ROW)
			fails = db_int(u, 0);
		db_done(u);
		if (fails == LOGIN_MAX_FAILS) {
			json_t *det = json_pack("{s:i,s:s}", "failed_logins", (int)fails, "client", client);
			int arc = audit_append(d, &who, "auth.lock", "user", username, det, e);
			json_decref(det);
			if (arc != 0) {
				db_rollback(d);
				return -1;
			}
		}
		if (db_commit(d, e) != 0)
			return -1;
		return err_set(e, 401, "bad_credentials", NULL, "用户名或密码错误", "wrong user name or password");
	}
	if (disabled) {
		json_decref(uj);
		return err_set(e, 403, "account_disabled", NULL, "该账号已停用", "this account is disabled");
	}
	char th[65];
	token_new(token);
	token_hash(token, th);
	if (db_begin(d, e) != 0) {
		json_decref(uj);
		return -1;
	}
	json_t *det = json_pack("{s:s}", "client", client);
	if (db_run(d, "INSERT INTO sessions (token_hash, user_id, created_at, expires_at, client) VALUES ($1,$2,$3,$4,$5)",
		   DB_ARGS(DV_S(th), DV_I(uid), DV_I(now), DV_I(now + SESSION_TTL_S), DV_S(client)), e) < 0 ||
	    db_run(d, "UPDATE users SET failed_logins = 0, locked_until = 0 WHERE id = $1", DB_ARGS(DV_I(uid)), e) < 0 ||
	    db_run(d, "DELETE FROM sessions WHERE user_id = $1 AND expires_at < $2", DB_ARGS(DV_I(uid), DV_I(now)), e) <
		    0 ||
	    audit_append(d, &who, "auth.login", "user", username, det, e) != 0 || db_commit(d, e) != 0) {
		json_decref(det);
		json_decref(uj);
		db_rollback(d);
		return -1;
	}
	json_decref(det);
	throttle_reset("login-client", client);
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
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
			return false;
	}
	return true;
}

int auth_from_token(db *d, const char *token, principal *p, err *e)
{
	while (*token == ' ')
		token++;
	if (!token_shape_ok(token))
		return err_set(e, 401, "invalid_token", NULL, "登录已失效，请重新登录", "invalid or expired token");
	char th[65];
	token_hash(token, th);
	db_stmt *st = db_query(d,
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
		return err_set(e, 401, "invalid_token", NULL, "登录已失效，请重新登录", "invalid or expired token");
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
		return err_set(e, 401, "invalid_token", NULL, "登录已失效，请重新登录", "invalid or expired token");
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
	q_init(&q, "SELECT " USER_COLS " FROM users u");
	q_and(&q, "u.id = ?", DV_I(user_id));
	scope_where(&q, actor, SE_USER, SCOPE_READ);
	db_stmt *st = q_query(d, &q, e);
	q_free(&q);
	if (!st)
		return NULL;
	json_t *o = NULL;
	int rc = db_step(st);
	if (rc == DB_ROW)
		o = user_row_json(st);
	else if (rc == DB_DONE)
		err_set(e, 404, "not_found", NULL, "用户不存在", "no such user");
	else
		db_rc_to_err(d, rc, e);
	db_done(st);
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
	db_stmt *st = q_page(d, &w, "SELECT COUNT(*) FROM users u", "SELECT " USER_COLS " FROM users u", "u.id", limit,
			     offset, &total, e);
	q_free(&w);
	if (!st)
		return NULL;
	json_t *items = json_array();
	int rc;
	while ((rc = db_step(st)) == DB_ROW)
		json_array_append_new(items, user_row_json(st));
	db_done(st);
	if (rc != DB_DONE) {
		json_decref(items);
		db_rc_to_err(d, rc, e);
		return NULL;
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
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
		      c == '-'))
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
		return err_set(e, 422, "unknown_institution", "institution_id", "评价机构不存在", "no such institution");
	return 0;
}

/* the region code of a region that exists and is the province or a city, or -1 with 422 */
static int assigned_region(db *d, const char *code, err *e)
{
	int64_t n = 0;
	if (!code || db_one_int(d, "SELECT COUNT(*) FROM regions WHERE code = $1 AND level IN ('province', 'city')",
				DB_ARGS(DV_S(code)), &n, e) != DB_OK || n == 0)
		return err_set(e, 422, "invalid_region", "region_code", "督导员的管辖范围须为全省或一个地市的行政区划代码",
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
		return err_set(e, 403, "forbidden", NULL, "无权管理该角色的账号", "you may not manage accounts of role %s",
			       role_name(target));
	return 0;
}

int user_create(db *d, const principal *a, const struct user_input *in, int64_t *id, err *e)
{
	enum role r;
	char region[16] = "";
	if (!username_ok(in->username))
		return err_set(e, 422, "invalid_username", "username", "用户名须为 3–32 位字母、数字、下划线、点或连字符",
			       "the user name must be 3-32 letters, digits, '_', '.' or '-'");
	if (role_parse(in->role, &r) != 0)
		return err_set(e, 422, "invalid_role", "role", "角色无效：%s", "unknown role '%s'", in->role ? in->role : "");
	if (password_policy(in->password, e) != 0)
		return -1;
	/* who may create what: the one grant table (core/scope.c) */
	if (!may_grant(a->role, r))
		return err_set(e, 403, "forbidden", "role", "无权创建该角色的账号", "you may not create accounts of role %s",
			       role_name(r));
	int64_t inst = in->institution_id, person = in->person_id;
	if (a->role == ROLE_INSTITUTION_ADMIN)
		inst = a->institution_id;
	if (r == ROLE_PROVINCE_ADMIN || r == ROLE_CITY_ADMIN || r == ROLE_SUPERVISOR)
		inst = 0; /* bureau accounts belong to no institution */
	if ((r == ROLE_INSTITUTION_ADMIN || r == ROLE_INSTITUTION_STAFF) && inst <= 0)
		return err_set(e, 422, "missing_field", "institution_id", "机构账号须指定所属评价机构",
			       "institution accounts need institution_id");
	/* every binding of the new account must be inside the creator's own scope: the institution, the person,
	 * the region */
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
		if (!in->region_code || db_one_int(d, "SELECT COUNT(*) FROM regions WHERE code = $1 AND level = 'city'",
						  DB_ARGS(DV_S(in->region_code)), &n, e) != DB_OK || n == 0)
			return err_set(e, 422, "invalid_region", "region_code", "市级管理员须指定一个地市行政区划代码",
				       "a city administrator needs the region_code of a city");
		snprintf(region, sizeof region, "%s", in->region_code);
	}
	if (r == ROLE_SUPERVISOR) {
		/* a supervisor's scope is what it is assigned: the province (370000) unless a city is named */
		const char *code = in->region_code ? in->region_code : "370000";
		if (assigned_region(d, code, e) != 0)
			return -1;
		snprintf(region, sizeof region, "%s", code);
	}
	if (r == ROLE_PROVINCE_ADMIN)
		snprintf(region, sizeof region, "370000");
	if (r == ROLE_CANDIDATE) {
		if (person <= 0)
			return err_set(e, 422, "missing_field", "person_id", "考生账号须关联人员", "candidate accounts need person_id");
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
		snprintf(region, sizeof region, "%s", in->region_code ? in->region_code : a->role == ROLE_PROVINCE_ADMIN ? "370000" : a->region);
	if (r != ROLE_CANDIDATE && inst <= 0 && !scope_covers_region(a, SE_USER, SCOPE_WRITE, region))
		return err_set(e, 403, "forbidden", "region_code", "该地区不在您的管辖范围内", "that region is outside your scope");
	char hash[128];
	if (password_hash(in->password, hash) != 0)
		return ERR_INTERNAL(e, "password hashing failed");
	int64_t now = (int64_t)time(NULL);
	if (db_begin(d, e) != 0)
		return -1;
	db_stmt *st = db_query(
		d,
		"INSERT INTO users (username, display_name, password_hash, role, region_code, institution_id, person_id, "
		"examiner_grade, created_at, password_changed_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$9) RETURNING id",
		DB_ARGS(DV_S(in->username), DV_S(in->display_name ? in->display_name : ""), DV_S(hash), DV_S(role_name(r)),
			DV_S(region), inst > 0 ? DV_I(inst) : DV_NULL, person > 0 ? DV_I(person) : DV_NULL,
			DV_SN(in->examiner_grade), DV_I(now)),
		e);
	int rc = st ? db_step(st) : DB_ERROR;
	if (rc == DB_ROW)
		*id = db_int(st, 0);
	db_done(st);
	if (rc != DB_ROW) {
		db_rollback(d);
		if (rc == DB_CONFLICT)
			return err_set(e, 409, "username_taken", "username", "用户名已存在", "that user name is taken");
		return st ? db_rc_to_err(d, rc, e) : -1;
	}
	char idtxt[24];
	snprintf(idtxt, sizeof idtxt, "%lld", (long long)*id);
	json_t *det = json_pack("{s:s,s:s,s:s}", "username", in->username, "role", role_name(r), "region_code", region);
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

int user_set_password(db *d, const principal *a, int64_t user_id, const char *old_pw, const char *new_pw, err *e)
{
	bool self = a->user_id == user_id && a->user_id != 0;
	if (password_policy(new_pw, e) != 0)
		return -1;
	if (self) {
		char hash[160] = "";
		db_stmt *st = db_query(d, "SELECT password_hash FROM users WHERE id = $1", DB_ARGS(DV_I(user_id)), e);
		if (!st)
			return -1;
		if (db_step(st) == DB_ROW)
			snprintf(hash, sizeof hash, "%s", db_text(st, 0));
		db_done(st);
		if (!old_pw || !password_verify(hash, old_pw))
			return err_set(e, 422, "wrong_password", "old_password", "原密码不正确", "the current password is wrong");
	} else if (a->user_id != 0) {
		if (user_write_check(d, a, user_id, e) != 0)
			return -1;
		if (!(a->role == ROLE_PROVINCE_ADMIN || a->role == ROLE_CITY_ADMIN || a->role == ROLE_INSTITUTION_ADMIN))
			return err_set(e, 403, "forbidden", NULL, "无权重置他人密码", "you may not reset other users' passwords");
	}
	char hash[128];
	if (password_hash(new_pw, hash) != 0)
		return ERR_INTERNAL(e, "password hashing failed");
	char idtxt[24];
	snprintf(idtxt, sizeof idtxt, "%lld", (long long)user_id);
	if (db_begin(d, e) != 0)
		return -1;
	int64_t n = db_run(d,
			   "UPDATE users SET password_hash = $2, password_changed_at = $3, failed_logins = 0, locked_until = 0 "
			   "WHERE id = $1",
			   DB_ARGS(DV_I(user_id), DV_S(hash), DV_I(time(NULL))), e);
	if (n == 0)
		err_set(e, 404, "not_found", NULL, "用户不存在", "no such user");
	/* a new password ends every other session of the account */
	if (n <= 0 || db_run(d, "DELETE FROM sessions WHERE user_id = $1", DB_ARGS(DV_I(user_id)), e) < 0 ||
	    audit_append(d, a, self ? "user.password_change" : "user.password_reset", "user", idtxt, NULL, e) != 0 ||
	    db_commit(d, e) != 0) {
		db_rollback(d);
		return -1;
	}
	return 0;
}

int user_set_disabled(db *d, const principal *a, int64_t user_id, bool disabled, err *e)
{
	if (a->user_id == user_id && a->user_id)
		return err_set(e, 409, "cannot_disable_self", NULL, "不能停用自己的账号", "you cannot disable your own account");
	if (a->user_id && user_write_check(d, a, user_id, e) != 0)
		return -1;
	char idtxt[24];
	snprintf(idtxt, sizeof idtxt, "%lld", (long long)user_id);
	if (db_begin(d, e) != 0)
		return -1;
	int64_t n = db_run(d, "UPDATE users SET disabled = $2 WHERE id = $1", DB_ARGS(DV_I(user_id), DV_I(disabled)), e);
	if (n == 0)
		err_set(e, 404, "not_found", NULL, "用户不存在", "no such user");
	json_t *det = json_pack("{s:b}", "disabled", disabled);
	int ok = n > 0 && (!disabled || db_run(d, "DELETE FROM sessions WHERE user_id = $1", DB_ARGS(DV_I(user_id)), e) >= 0) &&
		 audit_append(d, a, disabled ? "user.disable" : "user.enable", "user", idtxt, det, e) == 0 &&
		 db_commit(d, e) == 0;
	json_decref(det);
	if (!ok) {
		db_rollback(d);
		return -1;
	}
	return 0;
}
