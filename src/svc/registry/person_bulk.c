#include "util/common.h"
#include "svc/registry/person_bulk.h"
#include "core/mask.h"
#include "crypto/pii.h"
#include "util/arena.h"
#include <pthread.h>

/* Rows are validated, indexed and sealed on the caller's thread and handed in batches to a writer thread
 * that owns the database connection for the length of the copy, so the CPU work of the next batch overlaps
 * the storage work of the last one.  Duplicates are found before writing through an open-addressing set of
 * blind indexes (their 16 bytes in binary). */
#define BATCH_ROWS	 512
#define ROW_BYTES	 1024
#define NBATCH		 4
#define NCOLS		 16
#define COL_ID_SEALED	 2
#define COL_PHONE_SEALED 7
#define COL_PHONE_INDEX	 8

struct batch {
	int n;
	uint16_t off[BATCH_ROWS][NCOLS]; /* 0xffff = NULL */
	char data[BATCH_ROWS][ROW_BYTES];
};

struct person_bulk {
	db *d;
	uint8_t (*keys)[16];
	size_t cap, n;
	int64_t added;
	int64_t now;
	char now_text[24];
	arena *scratch, *wscratch;
	bool copying;
	/* the writer */
	pthread_t writer;
	bool started, stopping, failed;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct batch *batches[NBATCH];
	int full[NBATCH], nfull, free_[NBATCH], nfree;
	struct batch *cur;
	err werr;
};

static const char *const cols[] = {"name",	  "id_type",	  "id_sealed",	 "id_index",
				   "id_masked",	  "gender",	  "birth_date",	 "phone_sealed",
				   "phone_index", "phone_masked", "region_code", "employer_id",
				   "education",	  "created_at",	  "updated_at",	 "id_suffix_index"};

static void key_of(const char *hex, uint8_t k[16])
{
	for (int i = 0; i < 16; i++) {
		int hi = hex[2 * i], lo = hex[2 * i + 1];
		hi = hi <= '9' ? hi - '0' : hi - 'a' + 10;
		lo = lo <= '9' ? lo - '0' : lo - 'a' + 10;
		k[i] = (uint8_t)(hi << 4 | lo);
	}
}

static bool set_insert(person_bulk *b, const uint8_t k[16])
{
	if (b->n * 2 >= b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 1 << 16;
		uint8_t(*keys)[16] = xcalloc(cap, 16);
		static const uint8_t zero[16];
		for (size_t i = 0; i < b->cap; i++) {
			if (!memcmp(b->keys[i], zero, 16))
				continue;
			uint64_t h;
			memcpy(&h, b->keys[i], 8);
			size_t j = h & (cap - 1);
			while (memcmp(keys[j], zero, 16))
				j = (j + 1) & (cap - 1);
			memcpy(keys[j], b->keys[i], 16);
		}
		free(b->keys);
		b->keys = keys;
		b->cap = cap;
	}
	static const uint8_t zero[16];
	uint64_t h;
	memcpy(&h, k, 8);
	size_t j = h & (b->cap - 1);
	while (memcmp(b->keys[j], zero, 16)) {
		if (!memcmp(b->keys[j], k, 16))
			return false;
		j = (j + 1) & (b->cap - 1);
	}
	memcpy(b->keys[j], k, 16);
	b->n++;
	return true;
}

person_bulk *person_bulk_open(db *d, err *e)
{
	person_bulk *b = xcalloc(1, sizeof *b);
	b->d = d;
	b->now = now_s();
	fmt_i64(b->now, b->now_text);
	b->scratch = arena_new();
	b->wscratch = arena_new();
	db_stmt *st = db_query(d, "SELECT id_index FROM persons", DB_NOARGS, e);
	if (!st)
		goto fail;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		uint8_t k[16];
		key_of(db_text(st, 0), k);
		set_insert(b, k);
	}
	db_done(st);
	if (rc != DB_DONE) {
		db_rc_to_err(d, rc, e);
		goto fail;
	}
	return b;
fail:
	arena_free(b->scratch);
	arena_free(b->wscratch);
	free(b->keys);
	free(b);
	return NULL;
}

static int index_of(const struct person_norm *n, char idx[65])
{
	char field[48] = "id_number:";
	size_t tl = strnlen(n->id_type, sizeof field - 11);
	memcpy(field + 10, n->id_type, tl);
	field[10 + tl] = 0;
	pii_blind_index(field, n->id_number, idx);
	return 0;
}

/* claims the person's blind index (idx) in the set: 1 with 409 person_exists when it is there already */
static int claim(person_bulk *b, const struct person_norm *n, char idx[65], err *e)
{
	uint8_t k[16];
	index_of(n, idx);
	key_of(idx, k);
	if (!set_insert(b, k))
		return err_set(e, 409, "person_exists", "id_number",
			       "证件号码重复（已登记或在本文件中重复出现）",
			       "duplicate ID number (already registered or repeated in this file)"),
		       1;
	return 0;
}

int person_bulk_check(person_bulk *b, const struct person_norm *n, err *e)
{
	char idx[65];
	return claim(b, n, idx, e);
}

static int find_slot(const person_bulk *b, const struct batch *bt)
{
	for (int i = 0; i < NBATCH; i++)
		if (b->batches[i] == bt)
			return i;
	return -1; /* an internal fault: reported as a failed import, never an abort */
}

static void *writer_main(void *arg)
{
	person_bulk *b = arg;
	pthread_mutex_lock(&b->mu);
	for (;;) {
		while (!b->nfull && !b->stopping)
			pthread_cond_wait(&b->cv, &b->mu);
		if (!b->nfull)
			break;
		int slot = b->full[0];
		memmove(b->full, b->full + 1, (size_t)(b->nfull - 1) * sizeof b->full[0]);
		b->nfull--;
		bool failed = b->failed;
		pthread_mutex_unlock(&b->mu);
		struct batch *bt = b->batches[slot];
		for (int r = 0; r < bt->n && !failed; r++) {
			const char *vals[NCOLS];
			char pidx[65];
			for (int c = 0; c < NCOLS; c++)
				vals[c] = bt->off[r][c] == 0xffff ? NULL : bt->data[r] + bt->off[r][c];
			/* the writer seals both values and indexes the phone: with that share the two threads
			 * carry about the same number of instructions (docs/PERFORMANCE.md, 2026-12-04) */
			vals[COL_ID_SEALED] = pii_seal(b->wscratch, "id_number", vals[COL_ID_SEALED]);
			if (vals[COL_PHONE_SEALED]) {
				pii_blind_index("phone", vals[COL_PHONE_SEALED], pidx);
				vals[COL_PHONE_INDEX] = pidx;
				vals[COL_PHONE_SEALED] =
					pii_seal(b->wscratch, "phone", vals[COL_PHONE_SEALED]);
			}
			if (db_copy_row(b->d, vals, &b->werr) != 0)
				failed = true;
			arena_reset(b->wscratch);
		}
		pthread_mutex_lock(&b->mu);
		b->failed = failed;
		b->free_[b->nfree++] = slot;
		pthread_cond_broadcast(&b->cv);
	}
	pthread_mutex_unlock(&b->mu);
	return NULL;
}

static int start_writer(person_bulk *b, err *e)
{
	if (db_copy_begin(b->d, "persons", cols, NCOLS, e) != 0)
		return -1;
	b->copying = true;
	pthread_mutex_init(&b->mu, NULL);
	pthread_cond_init(&b->cv, NULL);
	for (int i = 0; i < NBATCH; i++) {
		b->batches[i] = xmalloc(sizeof(struct batch));
		b->free_[b->nfree++] = i;
	}
	if (pthread_create(&b->writer, NULL, writer_main, b) != 0)
		return err_set(e, 500, "internal", NULL, "无法启动写入线程",
			       "could not start the writer thread");
	b->started = true;
	return 0;
}

/* hands the current batch to the writer and takes a free one */
static int flush_batch(person_bulk *b, bool take_next)
{
	pthread_mutex_lock(&b->mu);
	if (b->cur) {
		int slot = find_slot(b, b->cur);
		if (slot < 0) {
			b->failed = true;
			err_set(&b->werr, 500, "internal", NULL, "服务器内部错误",
				"internal error (bulk batch lost)");
		} else {
			b->full[b->nfull++] = slot;
		}
		b->cur = NULL;
		pthread_cond_broadcast(&b->cv);
	}
	if (take_next) {
		while (!b->nfree)
			pthread_cond_wait(&b->cv, &b->mu);
		int slot = b->free_[--b->nfree];
		b->cur = b->batches[slot];
		b->cur->n = 0;
	}
	int rc = b->failed ? -1 : 0;
	pthread_mutex_unlock(&b->mu);
	return rc;
}

int person_bulk_add(person_bulk *b, const struct person_norm *n, const char *region, int64_t employer_id,
		    err *e)
{
	char idx[65], sidx[65], masked[48], pmasked[32], emp[24];
	if (claim(b, n, idx, e))
		return 1;
	if (!b->copying && start_writer(b, e) != 0)
		return -1;
	if ((!b->cur || b->cur->n == BATCH_ROWS) && flush_batch(b, true) != 0)
		goto writer_failed;
	mask_id_number(n->id_number, masked, sizeof masked);
	if (!person_id_suffix_index(n->id_number, sidx))
		memcpy(sidx, "-", 2);
	const char *psealed = NULL;
	if (n->phone[0]) {
		psealed = n->phone; /* sealed and indexed by the writer */
		mask_phone(n->phone, pmasked, sizeof pmasked);
	}
	if (employer_id > 0)
		fmt_i64(employer_id, emp);
	const char *vals[NCOLS] = {
		n->name,
		n->id_type,
		n->id_number, /* sealed by the writer */
		idx,
		masked,
		n->gender[0] ? n->gender : NULL,
		n->birth_date[0] ? n->birth_date : NULL,
		psealed,
		NULL, /* the phone's blind index: filled in by the writer */
		psealed ? pmasked : NULL,
		region,
		employer_id > 0 ? emp : NULL,
		n->education,
		b->now_text,
		b->now_text,
		sidx,
	};
	struct batch *bt = b->cur;
	size_t used = 0;
	for (int c = 0; c < NCOLS; c++) {
		if (!vals[c]) {
			bt->off[bt->n][c] = 0xffff;
			continue;
		}
		size_t len = strlen(vals[c]) + 1;
		if (used + len > ROW_BYTES) {
			arena_reset(b->scratch);
			return err_set(e, 422, "row_too_long", NULL, "该行内容过长", "the row is too long");
		}
		memcpy(bt->data[bt->n] + used, vals[c], len);
		bt->off[bt->n][c] = (uint16_t)used;
		used += len;
	}
	bt->n++;
	arena_reset(b->scratch); /* it held only this row's sealed values */
	b->added++;
	return 0;
writer_failed:
	*e = b->werr;
	return -1;
}

int64_t person_bulk_count(const person_bulk *b)
{
	return b->added;
}

int person_bulk_close(person_bulk *b, err *e)
{
	int rc = 0;
	if (b->started) {
		flush_batch(b, false);
		pthread_mutex_lock(&b->mu);
		b->stopping = true;
		pthread_cond_broadcast(&b->cv);
		pthread_mutex_unlock(&b->mu);
		pthread_join(b->writer, NULL);
		if (b->failed) {
			*e = b->werr;
			rc = -1;
		}
		pthread_mutex_destroy(&b->mu);
		pthread_cond_destroy(&b->cv);
	}
	for (int i = 0; i < NBATCH; i++)
		free(b->batches[i]);
	if (b->copying && db_copy_end(b->d, rc ? &b->werr : e) != 0)
		rc = -1;
	arena_free(b->scratch);
	arena_free(b->wscratch);
	free(b->keys);
	free(b);
	return rc;
}
