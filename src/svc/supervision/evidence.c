/* evidence.c: 检查证据 — files attached to inspections (see evidence.h) */
#include "util/common.h"
#include "svc/supervision/evidence.h"
#include "core/media.h"
#include "store/query.h"
#include "svc/base/svc.h"
#include "svc/base/tx.h"

/* set once by `jineng serve` (JINENG_EVIDENCE_MAX, checked against its bounds there) before any request */
static size_t max_bytes = EVIDENCE_MAX_DEFAULT;

void evidence_set_max_bytes(size_t n)
{
	if (n >= EVIDENCE_MAX_FLOOR && n <= EVIDENCE_MAX_CEIL)
		max_bytes = n;
}

size_t evidence_max_bytes(void)
{
	return max_bytes;
}

bool evidence_type_allowed(const char *type)
{
	return type && (!strcmp(type, "image/jpeg") || !strcmp(type, "image/png") ||
			!strcmp(type, "application/pdf"));
}

#define EVIDENCE_COLS                                                                                        \
	"ev.id, ev.inspection_id, ev.item_id, COALESCE(ci.code, ''), ev.blob_sm3, b.media_type, b.size, "    \
	"ev.filename, COALESCE(u.username, ''), ev.uploaded_at"
#define EVIDENCE_FROM                                                                                        \
	" FROM inspection_evidence ev JOIN blobs b ON b.sm3 = ev.blob_sm3 LEFT JOIN check_items ci ON "      \
	"ci.id "                                                                                             \
	"= ev.item_id LEFT JOIN users u ON u.id = ev.uploaded_by"

static json_t *evidence_view(db_stmt *st)
{
	return json_pack("{s:I,s:I,s:o,s:s,s:s,s:s,s:I,s:s,s:s,s:I}", "id", (json_int_t)db_int(st, 0),
			 "inspection_id", (json_int_t)db_int(st, 1), "item_id",
			 db_isnull(st, 2) ? json_null() : json_integer(db_int(st, 2)), "item_code",
			 db_text(st, 3), "sm3", db_text(st, 4), "media_type", db_text(st, 5), "size",
			 (json_int_t)db_int(st, 6), "filename", db_text(st, 7), "uploaded_by", db_text(st, 8),
			 "uploaded_at", (json_int_t)db_int(st, 9));
}

static json_t *evidence_one(db *d, int64_t id, err *e)
{
	json_t *o = row_json(
		db_query(d, "SELECT " EVIDENCE_COLS EVIDENCE_FROM " WHERE ev.id = $1", DB_ARGS(DV_I(id)), e),
		evidence_view, e);
	if (!o && !err_isset(e))
		err_set(e, 404, "not_found", NULL, "检查证据不存在", "no such evidence");
	return o;
}

/* the inspection as principal a may read (act READ) or change (act WRITE) it: its status and checklist
 * version; 404 outside that scope */
static int scoped_inspection(db *d, const principal *a, int64_t id, enum scope_action act, bool *signed_,
			     int64_t *version, err *e)
{
	query q;
	q_init(&q,
	       "SELECT ins.status, ins.version FROM inspections ins JOIN sittings s ON s.id = ins.sitting_id "
	       "JOIN plans p ON p.id = s.plan_id JOIN institutions i ON i.id = p.institution_id");
	q_and(&q, "ins.id = ?", DV_I(id));
	scope_where(&q, a, SE_INSPECTION, act);
	db_stmt *st = q_query(d, &q, e);
	q_free(&q);
	if (!st)
		return -1;
	int rc = db_row(st, e);
	if (rc > 0) {
		*signed_ = !strcmp(db_text(st, 0), "signed");
		*version = db_int(st, 1);
	}
	db_done(st);
	if (rc < 0)
		return -1;
	if (rc == 0)
		return err_set(e, 404, "not_found", NULL, "督导检查记录不存在", "no such inspection");
	return 0;
}

/* the name the device gave, without any path: the last segment after / or \ */
static const char *base_name(const char *s)
{
	if (!s)
		return "";
	const char *b = s;
	for (const char *p = s; *p; p++)
		if (*p == '/' || *p == '\\')
			b = p + 1;
	return b;
}

struct add_ctx {
	const struct evidence_input *in;
	const char *type, *filename;
	int64_t id;
	bool created;
};

static int add_work(tx *t, void *ctx, err *e)
{
	struct add_ctx *c = ctx;
	const struct evidence_input *in = c->in;
	bool is_signed = false;
	int64_t version = 0, n = 0;
	c->created = false;
	c->id = 0;
	if (scoped_inspection(t->d, t->a, in->inspection_id, SCOPE_WRITE, &is_signed, &version, e))
		return -1;
	if (is_signed)
		return err_set(
			e, 409, "inspection_signed", NULL, "检查记录已签署，不能再添加证据；更正请新建记录",
			"the inspection is signed and takes no more evidence; a correction is a new record");
	if (in->item_id > 0) {
		if (db_one_int(t->d, "SELECT COUNT(*) FROM check_items WHERE id = $1 AND version = $2",
			       DB_ARGS(DV_I(in->item_id), DV_I(version)), &n, e) != DB_OK)
			return -1;
		if (n == 0)
			return err_set(e, 422, "invalid_value", "item_id",
				       "检查项 %lld 不属于本记录的清单版本",
				       "item %lld is not in this inspection's checklist version",
				       (long long)in->item_id);
	}
	char key[BLOB_KEY_LEN + 1];
	bool new_blob = false;
	if (blob_put(t, c->type, in->data, in->size, key, &new_blob, e))
		return -1;
	/* the same file again on the same item (a retried upload): the record there is */
	int rc = db_one_int(
		t->d,
		"SELECT id FROM inspection_evidence WHERE inspection_id = $1 AND COALESCE(item_id, 0) "
		"= $2 AND blob_sm3 = $3 ORDER BY id LIMIT 1",
		DB_ARGS(DV_I(in->inspection_id), DV_I(in->item_id), DV_S(key)), &c->id, e);
	if (rc == DB_OK) {
		tx_audit(t, "inspection.evidence_again", "inspection", in->inspection_id,
			 json_pack("{s:I,s:s}", "evidence_id", (json_int_t)c->id, "sm3", key));
		return 0;
	}
	if (rc != DB_NOT_FOUND)
		return -1;
	if (db_one_int(t->d, "SELECT COUNT(*) FROM inspection_evidence WHERE inspection_id = $1",
		       DB_ARGS(DV_I(in->inspection_id)), &n, e) != DB_OK)
		return -1;
	if (n >= EVIDENCE_PER_INSPECTION)
		return err_set(e, 422, "too_many", NULL, "每条检查记录至多 %d 个证据文件",
			       "an inspection holds at most %d evidence files", EVIDENCE_PER_INSPECTION);
	if (db_one_int(t->d,
		       "INSERT INTO inspection_evidence (inspection_id, item_id, blob_sm3, filename, "
		       "uploaded_by, "
		       "uploaded_at) VALUES ($1,$2,$3,$4,$5,$6) RETURNING id",
		       DB_ARGS(DV_I(in->inspection_id), in->item_id > 0 ? DV_I(in->item_id) : DV_NULL,
			       DV_S(key), DV_S(c->filename), DV_I(t->a->user_id), DV_I(now_s())),
		       &c->id, e) != DB_OK)
		return -1;
	c->created = true;
	tx_audit(t, "inspection.evidence", "inspection", in->inspection_id,
		 json_pack("{s:I,s:o,s:s,s:s,s:I,s:s,s:b}", "evidence_id", (json_int_t)c->id, "item_id",
			   in->item_id > 0 ? json_integer(in->item_id) : json_null(), "sm3", key,
			   "media_type", c->type, "size", (json_int_t)in->size, "filename", c->filename,
			   "new_blob", new_blob));
	return 0;
}

int evidence_file_check(const char *content_type, const void *data, size_t size, const char *filename,
			char type[64], const char **fname, err *e)
{
	if (!media_normalise(content_type, type, 64) || !evidence_type_allowed(type))
		return err_set(
			e, 415, "unsupported_media_type", "Content-Type",
			"证据只能是 JPEG、PNG 图片或 PDF 文件（Content-Type: image/jpeg、image/png 或 "
			"application/pdf）",
			"evidence is a JPEG or PNG image or a PDF (Content-Type image/jpeg, image/png or "
			"application/pdf)");
	if (size == 0 || !data)
		return err_set(e, 422, "body_required", NULL, "证据文件为空", "the evidence file is empty");
	if (size > evidence_max_bytes())
		return err_set(e, 413, "body_too_large", NULL, "证据文件超过上限 %zu 字节",
			       "the evidence file exceeds the limit of %zu bytes", evidence_max_bytes());
	const char *seen = media_sniff(data, size);
	if (!seen || strcmp(seen, type) != 0)
		return err_set(e, 415, "media_mismatch", "Content-Type", "文件内容不是所声明的类型 %s",
			       "the file's content is not the declared type %s", type);
	*fname = base_name(filename);
	if (**fname && check_text(*fname, "filename", 200, false, e))
		return -1;
	return 0;
}

json_t *evidence_add(db *d, const principal *a, const struct evidence_input *in, bool *created, err *e)
{
	char type[64];
	const char *fname = "";
	if (a->role != ROLE_SUPERVISOR) {
		err_set(e, 403, "forbidden", NULL, "只有督导员可以上传检查证据",
			"only a supervisor uploads evidence");
		return NULL;
	}
	if (evidence_file_check(in->content_type, in->data, in->size, in->filename, type, &fname, e) != 0)
		return NULL;
	if (in->item_id < 0) {
		err_set(e, 422, "invalid_value", "item_id", "检查项无效", "item_id must be positive");
		return NULL;
	}
	struct add_ctx c = {.in = in, .type = type, .filename = fname};
	if (svc_tx_flags(d, a, TX_IDEMPOTENT, add_work, &c, e) != 0)
		return NULL;
	*created = c.created;
	return evidence_one(d, c.id, e);
}

json_t *evidence_list_json(db *d, const principal *a, int64_t inspection_id, err *e)
{
	bool is_signed = false;
	int64_t version = 0;
	if (scoped_inspection(d, a, inspection_id, SCOPE_READ, &is_signed, &version, e))
		return NULL;
	json_t *items = rows_json(db_query(d,
					   "SELECT " EVIDENCE_COLS EVIDENCE_FROM
					   " WHERE ev.inspection_id = $1 ORDER BY ev.id",
					   DB_ARGS(DV_I(inspection_id)), e),
				  evidence_view, e);
	return items ? json_pack("{s:o}", "items", items) : NULL;
}

int evidence_fetch(db *d, const principal *a, int64_t inspection_id, int64_t id, struct blob *b,
		   char name[96], err *e)
{
	bool is_signed = false;
	int64_t version = 0;
	memset(b, 0, sizeof *b);
	if (scoped_inspection(d, a, inspection_id, SCOPE_READ, &is_signed, &version, e))
		return -1;
	db_stmt *st =
		db_query(d, "SELECT blob_sm3 FROM inspection_evidence WHERE id = $1 AND inspection_id = $2",
			 DB_ARGS(DV_I(id), DV_I(inspection_id)), e);
	if (!st)
		return -1;
	char key[BLOB_KEY_LEN + 1] = "";
	int rc = db_row(st, e);
	if (rc > 0)
		snprintf(key, sizeof key, "%s", db_text(st, 0));
	db_done(st);
	if (rc < 0)
		return -1;
	if (rc == 0)
		return err_set(e, 404, "not_found", NULL, "检查证据不存在", "no such evidence");
	if (blob_get(d, key, b, e))
		return -1;
	snprintf(name, 96, "inspection-%lld-evidence-%lld.%s", (long long)inspection_id, (long long)id,
		 media_ext(b->media_type));
	return 0;
}
