#include "util/common.h"
#include "svc/person_bulk.h"
#include "core/mask.h"
#include "crypto/pii.h"
#include "util/arena.h"

/* an open-addressing set of 32-byte blind indexes (stored as their first 16 bytes in binary) */
struct person_bulk {
	db *d;
	uint8_t (*keys)[16];
	size_t cap, n;
	int64_t added;
	int64_t now;
	arena *scratch;
	bool copying;
};

static const char *const cols[] = {"name", "id_type", "id_sealed", "id_index", "id_masked", "gender", "birth_date",
				   "phone_sealed", "phone_index", "phone_masked", "region_code", "employer_id",
				   "education", "created_at", "updated_at"};

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
	b->scratch = arena_new();
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
	free(b->keys);
	free(b);
	return NULL;
}

static int index_of(const struct person_norm *n, char idx[65])
{
	char field[48];
	snprintf(field, sizeof field, "id_number:%s", n->id_type);
	pii_blind_index(field, n->id_number, idx);
	return 0;
}

int person_bulk_check(person_bulk *b, const struct person_norm *n, err *e)
{
	char idx[65];
	uint8_t k[16];
	index_of(n, idx);
	key_of(idx, k);
	if (!set_insert(b, k)) {
		err_set(e, 409, "person_exists", "id_number", "证件号码重复（已登记或在本文件中重复出现）",
			"duplicate ID number (already registered or repeated in this file)");
		return 1;
	}
	return 0;
}

int person_bulk_add(person_bulk *b, const struct person_norm *n, const char *region, int64_t employer_id, err *e)
{
	char idx[65], pidx[65], masked[48], pmasked[32], emp[24], now[24];
	uint8_t k[16];
	index_of(n, idx);
	key_of(idx, k);
	if (!set_insert(b, k)) {
		err_set(e, 409, "person_exists", "id_number", "证件号码重复（已登记或在本文件中重复出现）",
			"duplicate ID number (already registered or repeated in this file)");
		return 1;
	}
	if (!b->copying) {
		if (db_copy_begin(b->d, "persons", cols, (int)ARRAY_LEN(cols), e) != 0)
			return -1;
		b->copying = true;
	}
	mask_id_number(n->id_number, masked, sizeof masked);
	const char *psealed = NULL;
	if (n->phone[0]) {
		psealed = pii_seal(b->scratch, "phone", n->phone);
		pii_blind_index("phone", n->phone, pidx);
		mask_phone(n->phone, pmasked, sizeof pmasked);
	}
	snprintf(emp, sizeof emp, "%lld", (long long)employer_id);
	snprintf(now, sizeof now, "%lld", (long long)b->now);
	const char *vals[] = {
		n->name,
		n->id_type,
		pii_seal(b->scratch, "id_number", n->id_number),
		idx,
		masked,
		n->gender[0] ? n->gender : NULL,
		n->birth_date[0] ? n->birth_date : NULL,
		psealed,
		psealed ? pidx : NULL,
		psealed ? pmasked : NULL,
		region,
		employer_id > 0 ? emp : NULL,
		n->education,
		now,
		now,
	};
	int rc = db_copy_row(b->d, vals, e);
	arena_reset(b->scratch); /* it held only this row's sealed values */
	if (rc != 0)
		return -1;
	b->added++;
	return 0;
}

int64_t person_bulk_count(const person_bulk *b)
{
	return b->added;
}

int person_bulk_close(person_bulk *b, err *e)
{
	int rc = 0;
	if (b->copying)
		rc = db_copy_end(b->d, e);
	arena_free(b->scratch);
	free(b->keys);
	free(b);
	return rc;
}
