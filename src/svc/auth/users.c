/* users.c: accounts (用户): create, read, list, password, disable and enable, unlock; who may manage whom
 * (user_write_check), and the data scope an account is given (region, institution, person) */
#include "util/common.h"
#include "svc/auth/auth.h"
#include "svc/auth/users.h"
#include "svc/auth/session_cache.h"
#include "svc/auth/view.h"
#include "svc/base/tx.h"
#include "svc/base/columns.h"
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

json_t *user_get_json(db *d, const principal *actor, int64_t user_id, err *e)
{
	json_t *o =
		list_one(d, actor, &user_list, "u.id = ?", DV_I(user_id), "用户不存在", "no such user", e);
	if (o && user_names_in_scope(d, actor, o, e) != 0) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static int names_in_scope(db *d, const principal *a, json_t *items, err *e)
{
	size_t i;
	json_t *o;
	json_array_foreach(items, i, o)
	{
		if (user_names_in_scope(d, a, o, e) != 0)
			return -1;
	}
	return 0;
}

static const struct list_filter user_filters[] = {
	{"role", "u.role = ?", LIST_EQ},
	/* 姓名或账号: the display name or the username containing it */
	{"name", "(u.display_name || ' ' || u.username) LIKE ?", LIST_CONTAINS, 50},
};
static const struct list_sort user_sorts[] = {
	{"username", "u.username"}, {"created_at", "u.created_at"}, {"role", "u.role"}};

const struct list_spec user_list = {
	.name = "users",
	.scoped = true,
	.entity = SE_USER,
	.count_sql = "SELECT COUNT(*) FROM users u",
	.select_sql = "SELECT " USER_VIEW_COLS USER_NAMES_VIEW_COLS " FROM users u",
	.order = "u.id",
	LIST_FILTERS(user_filters),
	LIST_SORTS(user_sorts),
	.view = user_view_named,
	.after = names_in_scope,
	LIST_COLS(cols_users),
};

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

struct create_ctx {
	const struct user_input *in;
	enum role r;
	const char *region, *hash;
	int64_t inst, person, id;
};

static int create_work(tx *t, void *p, err *e)
{
	struct create_ctx *c = p;
	const struct user_input *in = c->in;
	db *d = t->d;
	db_stmt *st = db_query(
		d,
		"INSERT INTO users (username, display_name, password_hash, role, region_code, "
		"institution_id, person_id, examiner_grade, created_at, password_changed_at) VALUES "
		"($1,$2,$3,$4,$5,$6,$7,$8,$9,$9) RETURNING id",
		DB_ARGS(DV_S(in->username), DV_S(in->display_name ? in->display_name : ""), DV_S(c->hash),
			DV_S(role_name(c->r)), DV_S(c->region), c->inst > 0 ? DV_I(c->inst) : DV_NULL,
			c->person > 0 ? DV_I(c->person) : DV_NULL, DV_SN(in->examiner_grade),
			DV_I(time(NULL))),
		e);
	int rc = st ? db_step(st) : DB_ERROR;
	if (rc == DB_ROW)
		c->id = db_int(st, 0);
	db_done(st);
	if (rc == DB_CONFLICT)
		return err_set(e, 409, "username_taken", "username", "用户名已存在",
			       "that user name is taken");
	if (rc != DB_ROW)
		return st ? db_rc_to_err(d, rc, e) : -1;
	json_t *det = json_pack("{s:s,s:s,s:s}", "username", in->username, "role", role_name(c->r),
				"region_code", c->region);
	if (c->inst > 0)
		json_object_set_new(det, "institution_id", json_integer(c->inst));
	if (c->person > 0)
		json_object_set_new(det, "person_id", json_integer(c->person));
	tx_audit(t, "user.create", "user", c->id, det);
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
	if (r == ROLE_PROVINCE_ADMIN || r == ROLE_CITY_ADMIN || r == ROLE_SUPERVISOR || r == ROLE_FINANCE)
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
	if (r == ROLE_PROVINCE_ADMIN || r == ROLE_FINANCE) /* 财政: the province's 财政厅 */
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
	struct create_ctx c = {
		.in = in, .r = r, .region = region, .hash = hash, .inst = inst, .person = person};
	if (svc_tx(d, a, create_work, &c, e) != 0)
		return -1;
	*id = c.id;
	return 0;
}

struct password_ctx {
	int64_t id;
	const char *hash;
	bool self;
};

static int password_work(tx *t, void *p, err *e)
{
	struct password_ctx *c = p;
	int64_t n = db_run(t->d,
			   "UPDATE users SET password_hash = $2, password_changed_at = $3, failed_logins = "
			   "0, locked_until = 0 WHERE id = $1",
			   DB_ARGS(DV_I(c->id), DV_S(c->hash), DV_I(time(NULL))), e);
	if (n < 0)
		return -1;
	if (n == 0)
		return err_set(e, 404, "not_found", NULL, "用户不存在", "no such user");
	/* a new password ends every other session of the account */
	if (db_run(t->d, "DELETE FROM sessions WHERE user_id = $1", DB_ARGS(DV_I(c->id)), e) < 0)
		return -1;
	tx_audit(t, c->self ? "user.password_change" : "user.password_reset", "user", c->id, NULL);
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
	struct password_ctx c = {.id = user_id, .hash = hash, .self = self};
	if (svc_tx(d, a, password_work, &c, e) != 0)
		return -1;
	session_cache_evict_user(
		user_id); /* its sessions are gone from the table: from this node's cache too */
	return 0;
}

struct disabled_ctx {
	int64_t id;
	bool disabled;
};

static int disabled_work(tx *t, void *p, err *e)
{
	struct disabled_ctx *c = p;
	int64_t n = db_run(t->d, "UPDATE users SET disabled = $2 WHERE id = $1",
			   DB_ARGS(DV_I(c->id), DV_I(c->disabled)), e);
	if (n < 0)
		return -1;
	if (n == 0)
		return err_set(e, 404, "not_found", NULL, "用户不存在", "no such user");
	if (c->disabled &&
	    db_run(t->d, "DELETE FROM sessions WHERE user_id = $1", DB_ARGS(DV_I(c->id)), e) < 0)
		return -1;
	tx_audit(t, c->disabled ? "user.disable" : "user.enable", "user", c->id,
		 json_pack("{s:b}", "disabled", c->disabled));
	return 0;
}

int user_set_disabled(db *d, const principal *a, int64_t user_id, bool disabled, err *e)
{
	if (a->user_id == user_id && a->user_id)
		return err_set(e, 409, "cannot_disable_self", NULL, "不能停用自己的账号",
			       "you cannot disable your own account");
	if (a->user_id && user_write_check(d, a, user_id, e) != 0)
		return -1;
	struct disabled_ctx c = {.id = user_id, .disabled = disabled};
	if (svc_tx(d, a, disabled_work, &c, e) != 0)
		return -1;
	if (disabled)
		session_cache_evict_user(user_id);
	return 0;
}

static int unlock_work(tx *t, void *p, err *e)
{
	int64_t id = *(int64_t *)p;
	db_stmt *st = db_query(
		t->d, "UPDATE users SET failed_logins = 0, locked_until = 0 WHERE id = $1 RETURNING username",
		DB_ARGS(DV_I(id)), e);
	if (!st)
		return -1;
	int rc = db_row(st, e);
	if (rc > 0)
		tx_audit(t, "user.unlock", "user", id, json_pack("{s:s}", "username", db_text(st, 0)));
	db_done(st);
	if (rc == 0)
		return err_set(e, 404, "not_found", NULL, "用户不存在", "no such user");
	return rc < 0 ? -1 : 0;
}

int user_unlock(db *d, const principal *a, int64_t user_id, err *e)
{
	/* an administrator above the account: in scope and of a role it may grant (as for a password reset)
	 */
	if (a->user_id && user_write_check(d, a, user_id, e) != 0)
		return -1;
	return svc_tx(d, a, unlock_work, &user_id, e);
}
