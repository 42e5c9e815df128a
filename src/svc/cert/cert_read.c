/* cert_read.c: scoped reads of certificates, the talent record (人才档案), the PDF, and public verification.
 */
#include "util/common.h"
#include "svc/cert/certs.h"
#include "svc/cert/view.h"
#include "svc/base/columns.h"
#include "store/query.h"
#include "core/certno.h"
#include "core/idnum.h"
#include "crypto/pii.h"
#include "crypto/sm2.h"
#include "crypto/sm3.h"
#include "doc/cert_pdf.h"
#include "svc/cert/issuers.h"
#include "svc/registry/persons.h"

/* ?level=: 5..1, or "special" (0) */
static int filter_level(query *w, const char *frag, const char *v, err *e)
{
	UNUSED(e);
	int level = !strcmp(v, "special") ? 0 : atoi(v);
	if (level >= 0)
		q_and(w, frag, DV_I(level));
	return 0;
}

/* ?number=: the numbers that start with it (its first 30 characters) */
static int filter_number(query *w, const char *frag, const char *v, err *e)
{
	UNUSED(e);
	char pat[40];
	snprintf(pat, sizeof pat, "%.30s%%", v);
	q_and(w, frag, DV_S(pat));
	return 0;
}

/* ?id_number=: the holder's whole ID number or its last 6 characters, through the persons' blind indexes */
static int filter_id_number(query *w, const char *frag, const char *v, err *e)
{
	UNUSED(e);
	UNUSED(frag);
	person_id_filter(w, "c.person_id IN (SELECT id FROM persons WHERE id_index = ?)",
			 "c.person_id IN (SELECT id FROM persons WHERE id_suffix_index = ?)", v);
	return 0;
}

/* ?issued_from= / ?issued_to=: YYYY-MM-DD, the bounds included */
static int filter_date(query *w, const char *frag, const char *v, err *e)
{
	int y, m, dd;
	char tail;
	if (strlen(v) != 10 || sscanf(v, "%4d-%2d-%2d%c", &y, &m, &dd, &tail) != 3 || m < 1 || m > 12 ||
	    dd < 1 || dd > 31)
		return err_set(e, 422, "invalid_value", NULL, "日期格式应为 YYYY-MM-DD：%s",
			       "a date is YYYY-MM-DD: %s", v);
	q_and(w, frag, DV_S(v));
	return 0;
}

static const struct list_filter cert_filters[] = {
	{"person_id", "c.person_id = ?", LIST_ID},
	{"institution_id", "c.institution_id = ?", LIST_ID},
	{"occupation_code", "c.occupation_code = ?", LIST_EQ},
	{"status", "c.status = ?", LIST_EQ},
	{"level", "c.level = ?", LIST_FN, .fn = filter_level},
	{"number", "c.number LIKE ?", LIST_FN, .fn = filter_number},
	{"name", "c.name LIKE ?", LIST_STARTS, 50},
	{"id_number", "", LIST_FN, 40, filter_id_number},
	{"issued_from", "c.issued_on >= ?", LIST_FN, 10, filter_date},
	{"issued_to", "c.issued_on <= ?", LIST_FN, 10, filter_date},
};
static const struct list_sort cert_sorts[] = {
	{"number", "c.number"}, {"issued_on", "c.issued_on"}, {"name", "c.name"}};

const struct list_spec cert_list = {
	.name = "certificates",
	.scoped = true,
	.entity = SE_CERTIFICATE,
	.count_sql = "SELECT COUNT(*)" CERT_FROM,
	.select_sql = "SELECT " CERT_VIEW_COLS CERT_FROM,
	.order = "c.id DESC",
	LIST_FILTERS(cert_filters),
	LIST_SORTS(cert_sorts),
	.view = cert_view,
	LIST_COLS(cols_certificates),
};

json_t *cert_get_json(db *d, const principal *a, const char *number, err *e)
{
	return list_one(d, a, &cert_list, "c.number = ?", DV_S(number), "证书不存在", "no such certificate",
			e);
}

json_t *talent_record_json(db *d, const principal *a, int64_t person_id, err *e)
{
	char pid[24];
	struct list_args la = {.limit = 1000};
	list_set(&la, &cert_list, "person_id", id_text(person_id, pid));
	json_t *list = list_run(d, a, &cert_list, &la, e);
	if (!list)
		return NULL;
	/* the person must be readable at all: an empty record of an unreachable person is a 404 */
	query q;
	q_init(&q, "SELECT p.name FROM persons p");
	q_and(&q, "p.id = ?", DV_I(person_id));
	/* supervisors do not read the person registry: they see the record of a person only through the
	 * certificates in their scope */
	if (a->role != ROLE_SUPERVISOR)
		scope_where(&q, a, SE_PERSON, SCOPE_READ);
	else if (json_integer_value(json_object_get(list, "total")) == 0)
		q_and(&q, "1 = 0", DV_NULL);
	db_stmt *st = q_query(d, &q, e);
	q_free(&q);
	json_t *name = NULL;
	if (st && db_step(st) == DB_ROW)
		name = json_string(db_text(st, 0));
	db_done(st);
	if (!name) {
		json_decref(list);
		if (!err_isset(e))
			err_set(e, 404, "not_found", NULL, "人员不存在", "no such person");
		return NULL;
	}
	/* highest valid level per occupation (一级 is the highest) */
	json_t *best = json_object(), *items = json_object_get(list, "items"), *c;
	size_t i;
	json_array_foreach(items, i, c)
	{
		if (strcmp(json_string_value(json_object_get(c, "status")), "valid"))
			continue;
		const char *code = json_string_value(json_object_get(c, "occupation_code"));
		json_t *lv = json_object_get(c, "level"), *cur = json_object_get(best, code);
		int l = json_is_integer(lv) ? (int)json_integer_value(lv) : 0;
		json_t *cl = cur ? json_object_get(cur, "level") : NULL;
		int have = cl && json_is_integer(cl) ? (int)json_integer_value(cl) : 99;
		if (!cur || (l && l < have))
			json_object_set_new(
				best, code,
				json_pack("{s:s,s:s,s:O,s:s,s:s}", "occupation_code", code, "occupation",
					  json_string_value(json_object_get(c, "occupation")), "level", lv,
					  "level_name", json_string_value(json_object_get(c, "level_name")),
					  "number", json_string_value(json_object_get(c, "number"))));
	}
	json_t *highest = json_array();
	const char *k;
	json_t *v;
	json_object_foreach(best, k, v) json_array_append(highest, v);
	json_decref(best);
	json_t *out = json_pack("{s:I,s:o,s:O,s:o}", "person_id", (json_int_t)person_id, "name", name,
				"certificates", items, "highest", highest);
	json_decref(list);
	return out;
}

char *cert_qr_text(arena *a, const char *base_url, const char *number, const char *payload, const char *sig)
{
	return arena_printf(a, "%s/v/%s?d=%s&s=%s", base_url, number, payload, sig);
}

int cert_row_get(db *d, arena *ar, const char *number, struct cert_row *c, err *e)
{
	memset(c, 0, sizeof *c);
	db_stmt *st = db_query(d,
			       "SELECT c.id, c.person_id, c.institution_id, COALESCE(c.reissue_of, 0), "
			       "c.number, c.kind, c.occupation_code, "
			       "c.status, c.issued_on, COALESCE(c.revoked_on, ''), c.kid, c.level, "
			       "c.status_index, c.occupation, "
			       "c.work_type, c.name, c.id_type, c.id_masked, c.issuer, c.payload, "
			       "c.signature, COALESCE(c.revoked_reason, "
			       "''), (SELECT n2.number FROM certificates n2 WHERE n2.reissue_of = c.id) FROM "
			       "certificates c WHERE "
			       "c.number = $1",
			       DB_ARGS(DV_S(number ? number : "")), e);
	if (!st)
		return -1;
	int rc = db_step(st);
	if (rc != DB_ROW) {
		db_done(st);
		return rc == DB_DONE ? 0 : db_rc_to_err(d, rc, e);
	}
	c->id = db_int(st, 0);
	c->person_id = db_int(st, 1);
	c->institution_id = db_int(st, 2);
	c->reissue_of = db_int(st, 3);
	snprintf(c->number, sizeof c->number, "%s", db_text(st, 4));
	snprintf(c->kind, sizeof c->kind, "%s", db_text(st, 5));
	snprintf(c->occupation_code, sizeof c->occupation_code, "%s", db_text(st, 6));
	snprintf(c->status, sizeof c->status, "%s", db_text(st, 7));
	snprintf(c->issued_on, sizeof c->issued_on, "%s", db_text(st, 8));
	snprintf(c->revoked_on, sizeof c->revoked_on, "%s", db_text(st, 9));
	snprintf(c->kid, sizeof c->kid, "%s", db_text(st, 10));
	c->level = (int)db_int(st, 11);
	c->status_index = (int)db_int(st, 12);
	const char **dst[] = {&c->occupation, &c->work_type, &c->name,	    &c->id_type,       &c->id_masked,
			      &c->issuer,     &c->payload,   &c->signature, &c->revoked_reason};
	for (size_t i = 0; i < ARRAY_LEN(dst); i++)
		*dst[i] = arena_strdup(ar, db_text(st, 13 + (int)i));
	c->reissued_as = db_isnull(st, 22) ? NULL : arena_strdup(ar, db_text(st, 22));
	db_done(st);
	return 1;
}

/* only what a verifier sees, in one indexed look-up: one statement, one round trip on PostgreSQL */
const char cert_public_sql[] =
	"SELECT c.number, c.status, c.name, c.id_masked, c.occupation_code, c.occupation, c.work_type, "
	"c.level, c.issued_on, c.issuer, COALESCE(c.revoked_reason, ''), COALESCE(c.revoked_on, ''), "
	"(SELECT n2.number FROM certificates n2 WHERE n2.reissue_of = c.id), "
	"CASE WHEN p.public_honours <> 0 THEN p.id ELSE 0 END "
	"FROM certificates c LEFT JOIN persons p ON p.id = c.person_id WHERE c.number = $1";

json_t *cert_public_of_rows(db_stmt *st, const char *name, int64_t *honours_holder, err *e)
{
	*honours_holder = 0;
	char want[160];
	snprintf(want, sizeof want, "%s", name ? name : "");
	char *w = want;
	while (*w == ' ')
		w++;
	size_t wl = strlen(w);
	while (wl && w[wl - 1] == ' ')
		w[--wl] = 0;
	json_t *o = NULL;
	int rc = db_step(st);
	if (rc == DB_ROW && *w && !strcmp(db_text(st, 2), w)) {
		int level = (int)db_int(st, 7);
		bool valid = !strcmp(db_text(st, 1), "valid");
		/* the member names are literals: set without jansson's check of each (the public
		 * verification's whole reply, docs/PERFORMANCE.md); the values are checked as always */
		o = json_object();
		json_object_set_new_nocheck(o, "valid", json_boolean(valid));
		json_object_set_new_nocheck(o, "status", json_string(db_text(st, 1)));
		json_object_set_new_nocheck(o, "number", json_string(db_text(st, 0)));
		json_object_set_new_nocheck(o, "name", json_string(db_text(st, 2)));
		json_object_set_new_nocheck(o, "id_number_masked", json_string(db_text(st, 3)));
		json_object_set_new_nocheck(o, "occupation_code", json_string(db_text(st, 4)));
		json_object_set_new_nocheck(o, "occupation", json_string(db_text(st, 5)));
		json_object_set_new_nocheck(o, "work_type", json_string(db_text(st, 6)));
		json_object_set_new_nocheck(o, "level", level ? json_integer(level) : json_string("special"));
		json_object_set_new_nocheck(o, "level_name", json_string(level_name_zh(level)));
		json_object_set_new_nocheck(o, "issued_on", json_string(db_text(st, 8)));
		json_object_set_new_nocheck(o, "issuer", json_string(db_text(st, 9)));
		if (!valid) {
			json_object_set_new_nocheck(o, "revoked_reason", json_string(db_text(st, 10)));
			json_object_set_new_nocheck(o, "revoked_on", json_string(db_text(st, 11)));
		}
		if (!db_isnull(st, 12))
			json_object_set_new_nocheck(o, "reissued_as", json_string(db_text(st, 12)));
		*honours_holder = db_isnull(st, 13) ? 0 : db_int(st, 13);
	} else if (rc == DB_ROW || rc == DB_DONE) {
		err_set(e, 404, "not_found", NULL, "未找到与编号和姓名相符的证书",
			"no certificate matches that number and name");
	} else {
		db_rc_to_err(db_stmt_db(st), rc, e);
	}
	return o;
}

json_t *cert_public_json(db *d, const char *number, const char *name, int64_t *honours_holder, err *e)
{
	*honours_holder = 0;
	db_stmt *st = db_query(d, cert_public_sql, DB_ARGS(DV_S(number ? number : "")), e);
	if (!st)
		return NULL;
	json_t *o = cert_public_of_rows(st, name, honours_holder, e);
	db_done(st);
	return o;
}

int cert_check_qr(db *d, arena *ar, const char *number, const char *payload, const char *sig,
		  const char **why, err *e)
{
	struct cert_row c;
	int rc = cert_row_get(d, ar, number, &c, e);
	if (rc <= 0) {
		*why = "证书编号不存在";
		return rc;
	}
	size_t plen = 0, slen = 0;
	uint8_t *p = payload ? b64url_decode(ar, payload, &plen) : NULL,
		*s = sig ? b64url_decode(ar, sig, &slen) : NULL;
	if (!p || !s) {
		*why = "二维码内容不完整";
		return 0;
	}
	json_t *o = json_loadb((const char *)p, plen, 0, NULL);
	const char *kid = o ? json_string_value(json_object_get(o, "kid")) : NULL;
	char alg[16] = "";
	const char *pem = kid ? issuer_public_by_kid(d, ar, kid, alg, e) : NULL;
	int ok = 0;
	if (!pem || strcmp(alg, "SM2"))
		*why = "签名密钥未知";
	else if (!sm2_verify(pem, p, plen, s, slen))
		*why = "签名无效（内容被改动或伪造）";
	else if (!json_string_value(json_object_get(o, "number")) ||
		 strcmp(json_string_value(json_object_get(o, "number")), number) ||
		 strcmp(payload, c.payload))
		*why = "签名有效，但与登记的证书内容不符";
	else
		ok = 1;
	json_decref(o);
	return ok;
}

int cert_pdf_get(db *d, const principal *a, const char *number, const char *base_url, char **pdf, size_t *len,
		 char *filename, size_t fnlen, err *e)
{
	json_t *visible = cert_get_json(d, a, number, e); /* the scope check */
	if (!visible)
		return -1;
	json_decref(visible);
	arena *ar = arena_new();
	struct cert_row c;
	int rc = -1;
	if (cert_row_get(d, ar, number, &c, e) != 1)
		goto out;
	/* the full ID number only for a principal that sees it in the JSON of the person
	 * (principal_sees_pii); supervisors and examiners get the masked one, as in the certificate's JSON */
	const char *full = NULL;
	if (principal_sees_pii(a)) {
		db_stmt *st = db_query(d, "SELECT id_sealed FROM persons WHERE id = $1",
				       DB_ARGS(DV_I(c.person_id)), e);
		if (!st)
			goto out;
		if (db_step(st) == DB_ROW)
			full = pii_open(ar, "id_number", db_text(st, 0));
		db_done(st);
	}
	enum id_type t = ID_RESIDENT;
	id_type_parse(c.id_type, &t);
	struct cert_doc doc = {
		.title = strcmp(c.kind, "special") ? "职业技能等级证书" : "专项职业能力证书",
		.name = c.name,
		.id_type = id_type_zh(t),
		.id_number = full ? full : c.id_masked,
		.occupation = c.occupation,
		.occupation_code = c.occupation_code,
		.work_type = c.work_type[0] ? c.work_type : NULL,
		.level = level_name_zh(c.level),
		.number = c.number,
		.institution = c.issuer,
		.issued_on = c.issued_on,
		.qr_text = cert_qr_text(ar, base_url, c.number, c.payload, c.signature),
		.status_note = strcmp(c.status, "valid") ? "已撤销" : NULL,
	};
	rc = cert_pdf(&doc, pdf, len, e);
	snprintf(filename, fnlen, "%s.pdf", c.number);
out:
	arena_free(ar);
	return rc;
}
