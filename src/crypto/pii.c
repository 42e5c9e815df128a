#include "crypto/pii.h"
#include "crypto/sm3.h"
#include "crypto/sm4gcm.h"
#include "crypto/token.h"
#include "util/common.h"
#include <errno.h>
#include <fcntl.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* the ring: every key that may open a value, the one that seals new values, and the blind-index key */
static struct {
	int kid;
	sm4gcm *gcm;
} ring[PII_MAX_KEYS];
static int ring_n, ring_current = -1;
/* HMAC-SM3 with the index key: the inner and outer states after the padded key, copied per call */
static EVP_MD_CTX *hmac_in, *hmac_out;

static void hmac_prepare(const uint8_t key[32])
{
	uint8_t ipad[64], opad[64];
	for (int i = 0; i < 64; i++) {
		ipad[i] = (uint8_t)((i < 32 ? key[i] : 0) ^ 0x36);
		opad[i] = (uint8_t)((i < 32 ? key[i] : 0) ^ 0x5c);
	}
	EVP_MD_CTX_free(hmac_in);
	EVP_MD_CTX_free(hmac_out);
	hmac_in = EVP_MD_CTX_new();
	hmac_out = EVP_MD_CTX_new();
	if (!hmac_in || !hmac_out || !EVP_DigestInit_ex(hmac_in, EVP_sm3(), NULL) ||
	    !EVP_DigestUpdate(hmac_in, ipad, 64) || !EVP_DigestInit_ex(hmac_out, EVP_sm3(), NULL) ||
	    !EVP_DigestUpdate(hmac_out, opad, 64))
		BUG("SM3 is not available from OpenSSL");
	OPENSSL_cleanse(ipad, sizeof ipad);
	OPENSSL_cleanse(opad, sizeof opad);
}

static __thread EVP_MD_CTX *hmac_tmp;
static pthread_key_t hmac_tls;
static pthread_once_t hmac_once = PTHREAD_ONCE_INIT;

static void free_md(void *c)
{
	EVP_MD_CTX_free(c);
}

static void make_key(void)
{
	pthread_key_create(&hmac_tls, free_md);
}

static void index_mac(const void *msg, size_t n, uint8_t mac[32])
{
	if (!hmac_tmp) {
		pthread_once(&hmac_once, make_key);
		hmac_tmp = EVP_MD_CTX_new();
		if (!hmac_tmp)
			BUG("out of memory");
		pthread_setspecific(hmac_tls, hmac_tmp); /* freed when the thread ends */
	}
	uint8_t inner[32];
	unsigned len = 32;
	if (!EVP_MD_CTX_copy_ex(hmac_tmp, hmac_in) || !EVP_DigestUpdate(hmac_tmp, msg, n) ||
	    !EVP_DigestFinal_ex(hmac_tmp, inner, &len) || !EVP_MD_CTX_copy_ex(hmac_tmp, hmac_out) ||
	    !EVP_DigestUpdate(hmac_tmp, inner, 32) || !EVP_DigestFinal_ex(hmac_tmp, mac, &len))
		BUG("HMAC-SM3 failed");
}

/* random IVs drawn from a per-thread pool: one RAND_bytes call per 341 seals */
static __thread uint8_t iv_pool[4092];
static __thread size_t iv_left;

static void fresh_iv(uint8_t iv[12])
{
	if (!iv_left) {
		random_bytes(iv_pool, sizeof iv_pool);
		iv_left = sizeof iv_pool;
	}
	iv_left -= 12;
	memcpy(iv, iv_pool + iv_left, 12);
}

static void ring_clear(void)
{
	for (int i = 0; i < ring_n; i++)
		sm4gcm_free(ring[i].gcm);
	ring_n = 0;
	ring_current = -1;
}

static void enc_key(const uint8_t master[32], uint8_t k[32])
{
	hmac_sm3(master, 32, "jineng pii encryption v1", 24, k);
}

void pii_index_key_of(const uint8_t master[32], uint8_t out[32])
{
	hmac_sm3(master, 32, "jineng pii blind index v1", 25, out);
}

int pii_init_ring(const struct pii_ring *r)
{
	if (r->n < 1 || r->n > PII_MAX_KEYS)
		return -1;
	ring_clear();
	uint8_t k[32];
	for (int i = 0; i < r->n; i++) {
		enc_key(r->k[i].key, k);
		ring[i].kid = r->k[i].kid;
		ring[i].gcm = sm4gcm_new(k);
		if (!ring[i].gcm)
			BUG("SM4 is not available from OpenSSL");
		if (r->k[i].current)
			ring_current = i;
		ring_n = i + 1;
	}
	if (r->has_index)
		memcpy(k, r->index_key, 32);
	else
		pii_index_key_of(r->k[0].key, k); /* pii_ring_parse allows this only for a lone key 1 */
	hmac_prepare(k);
	OPENSSL_cleanse(k, sizeof k);
	return ring_current >= 0 ? 0 : -1;
}

void pii_init_key(const uint8_t master[32])
{
	struct pii_ring r = {.n = 1};
	r.k[0].kid = 1;
	r.k[0].current = true;
	memcpy(r.k[0].key, master, 32);
	pii_init_ring(&r);
	OPENSSL_cleanse(&r, sizeof r);
}

bool pii_ready(void)
{
	return ring_current >= 0;
}

int pii_current_kid(void)
{
	return ring_current >= 0 ? ring[ring_current].kid : 0;
}

bool pii_has_kid(int kid)
{
	for (int i = 0; i < ring_n; i++)
		if (ring[i].kid == kid)
			return true;
	return false;
}

/* "v1." for key 1 (the format before the ring), "k<kid>." for the others */
void pii_kid_prefix(int kid, char out[PII_PREFIX_MAX])
{
	if (kid == 1)
		snprintf(out, PII_PREFIX_MAX, "v1.");
	else
		snprintf(out, PII_PREFIX_MAX, "k%d.", kid);
}

int pii_sealed_kid(const char *sealed, const char **body)
{
	if (!sealed)
		return 0;
	if (strncmp(sealed, "v1.", 3) == 0) {
		if (body)
			*body = sealed + 3;
		return 1;
	}
	if (sealed[0] != 'k' || sealed[1] < '1' || sealed[1] > '9')
		return 0;
	int kid = 0, i = 1;
	for (; sealed[i] >= '0' && sealed[i] <= '9' && i < 5; i++)
		kid = kid * 10 + (sealed[i] - '0');
	if (sealed[i] != '.' || kid > PII_MAX_KID)
		return 0;
	if (body)
		*body = sealed + i + 1;
	return kid;
}

static sm4gcm *gcm_of(int kid)
{
	for (int i = 0; i < ring_n; i++)
		if (ring[i].kid == kid)
			return ring[i].gcm;
	return NULL;
}

/* ---- the key file ---- */

static bool blank_or_comment(const char *l)
{
	while (*l == ' ' || *l == '\t')
		l++;
	return !*l || *l == '#';
}

int pii_ring_parse(const char *text, struct pii_ring *r, err *e)
{
	memset(r, 0, sizeof *r);
	char buf[PII_RING_TEXT_MAX];
	size_t tl = strlen(text);
	if (tl >= sizeof buf)
		return err_set(e, 500, "key_file_invalid", NULL, "密钥文件过大", "the key file is too large");
	memcpy(buf, text, tl + 1);
	int rc = 0, lineno = 0, currents = 0;
	char *save = NULL;
	for (char *l = strtok_r(buf, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		lineno++;
		l[strcspn(l, "\r")] = 0;
		if (blank_or_comment(l))
			continue;
		char w1[80] = {0}, w2[80] = {0}, w3[80] = {0}, w4[16] = {0};
		int nw = sscanf(l, "%79s %79s %79s %15s", w1, w2, w3, w4), words = 0;
		for (const char *p = l; *p;) {
			while (*p == ' ' || *p == '\t')
				p++;
			if (*p)
				words++;
			while (*p && *p != ' ' && *p != '\t')
				p++;
		}
		if (words > 4)
			goto bad;
		uint8_t key[32];
		if (nw == 1 && hex_decode(w1, key, 32) == 32 && strlen(w1) == 64) {
			if (r->n || r->has_index) {
				rc = err_set(e, 500, "key_file_invalid", NULL,
					     "密钥文件第 %d 行：单独的密钥只能是文件的唯一内容",
					     "key file line %d: a bare key must be the file's only content",
					     lineno);
				goto out;
			}
			r->n = 1;
			r->k[0].kid = 1;
			r->k[0].current = true;
			memcpy(r->k[0].key, key, 32);
			currents = 1;
			r->legacy = true;
			continue;
		}
		if (r->legacy)
			goto bad;
		if (strcmp(w1, "key") == 0 && (nw == 3 || (nw == 4 && strcmp(w4, "current") == 0))) {
			char *end = NULL;
			long kid = strtol(w2, &end, 10);
			if (!end || *end || kid < 1 || kid > PII_MAX_KID || strlen(w3) != 64 ||
			    hex_decode(w3, key, 32) != 32)
				goto bad;
			for (int i = 0; i < r->n; i++)
				if (r->k[i].kid == kid) {
					rc = err_set(e, 500, "key_file_invalid", NULL,
						     "密钥文件第 %d 行：密钥 %ld 重复",
						     "key file line %d: key %ld appears twice", lineno, kid);
					goto out;
				}
			if (r->n == PII_MAX_KEYS) {
				rc = err_set(e, 500, "key_file_invalid", NULL, "密钥文件的密钥超过 %d 把",
					     "the key file holds more than %d keys", PII_MAX_KEYS);
				goto out;
			}
			r->k[r->n].kid = (int)kid;
			r->k[r->n].current = nw == 4;
			memcpy(r->k[r->n].key, key, 32);
			r->n++;
			currents += nw == 4;
			continue;
		}
		if (strcmp(w1, "index") == 0 && nw == 2 && strlen(w2) == 64 &&
		    hex_decode(w2, key, 32) == 32 && !r->has_index) {
			r->has_index = true;
			memcpy(r->index_key, key, 32);
			continue;
		}
	bad:
		rc = err_set(e, 500, "key_file_invalid", NULL,
			     "密钥文件第 %d 行无法识别（应为 64 位十六进制数字，或 “key 编号 密钥 [current]” "
			     "与 “index 密钥”）",
			     "key file line %d is not understood (expected 64 hex digits, or \"key KID HEX "
			     "[current]\" "
			     "and \"index HEX\" lines)",
			     lineno);
		goto out;
	}
	if (r->n == 0)
		rc = err_set(e, 500, "key_file_invalid", NULL, "密钥文件中没有密钥",
			     "the key file holds no key");
	else if (currents != 1)
		rc = err_set(e, 500, "key_file_invalid", NULL,
			     "密钥文件须恰有一把 current 密钥（现有 %d 把）",
			     "the key file must mark exactly one key current (it marks %d)", currents);
	else if (!r->has_index && !(r->n == 1 && r->k[0].kid == 1))
		rc = err_set(e, 500, "key_file_invalid", NULL, "密钥文件缺少 index 行",
			     "the key file has no index line");
out:
	OPENSSL_cleanse(buf, sizeof buf);
	if (rc)
		OPENSSL_cleanse(r, sizeof *r);
	return rc ? -1 : 0;
}

size_t pii_ring_format(const struct pii_ring *r, char *out, size_t n)
{
	uint8_t idx[32];
	if (r->has_index)
		memcpy(idx, r->index_key, 32);
	else
		pii_index_key_of(r->k[0].key, idx);
	size_t w = (size_t)snprintf(
		out, n,
		"# jineng PII key ring (docs/OPERATIONS.md, Keys): \"key KID HEX\" opens values "
		"sealed under KID,\n# \"current\" marks the key that seals new values, \"index\" "
		"keys the blind indexes. Mode 0600.\n");
	char hex[65];
	for (int i = 0; i < r->n && w < n; i++) {
		hex_encode(r->k[i].key, 32, hex);
		w += (size_t)snprintf(out + w, n - w, "key %d %s%s\n", r->k[i].kid, hex,
				      r->k[i].current ? " current" : "");
	}
	hex_encode(idx, 32, hex);
	if (w < n)
		w += (size_t)snprintf(out + w, n - w, "index %s\n", hex);
	OPENSSL_cleanse(hex, sizeof hex);
	OPENSSL_cleanse(idx, sizeof idx);
	return w;
}

static int make_parent(const char *path)
{
	char dir[1024];
	snprintf(dir, sizeof dir, "%s", path);
	char *slash = strrchr(dir, '/');
	if (!slash || slash == dir)
		return 0;
	*slash = 0;
	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		return -1;
	return 0;
}

/* 1 when absent */
int pii_ring_load(const char *path, struct pii_ring *r, err *e)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT)
		return 1; /* absent */
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0) {
		if (fd >= 0)
			close(fd);
		return err_set(e, 500, "key_file_unreadable", NULL, "无法读取密钥文件 %s",
			       "cannot read key file %s", path);
	}
	/* checked on the open file, so what is checked is what is read */
	if (!S_ISREG(st.st_mode) || (st.st_mode & 077)) {
		close(fd);
		return err_set(
			e, 500, "key_file_mode", NULL, "密钥文件 %s 的权限过宽，应为 0600 的普通文件",
			"key file %s is readable by others or not a regular file; it must be mode 0600",
			path);
	}
	if (st.st_uid != geteuid()) {
		close(fd);
		return err_set(e, 500, "key_file_owner", NULL, "密钥文件 %s 不属于运行服务的用户",
			       "key file %s is not owned by the user running jineng", path);
	}
	char text[PII_RING_TEXT_MAX];
	ssize_t got = read(fd, text, sizeof text - 1);
	close(fd);
	if (got <= 0)
		return err_set(e, 500, "key_file_unreadable", NULL, "无法读取密钥文件 %s",
			       "cannot read key file %s", path);
	text[got] = 0;
	err pe = {0};
	int rc = pii_ring_parse(text, r, &pe);
	OPENSSL_cleanse(text, sizeof text);
	if (rc != 0) {
		*e = pe;
		snprintf(e->zh, sizeof e->zh, "密钥文件 %s：%.200s", path, pe.zh);
		snprintf(e->en, sizeof e->en, "key file %s: %.200s", path, pe.en);
		return -1;
	}
	return 0;
}

int pii_ring_save(const char *path, const struct pii_ring *r, err *e)
{
	char text[PII_RING_TEXT_MAX], tmp[1100];
	size_t n = pii_ring_format(r, text, sizeof text);
	snprintf(tmp, sizeof tmp, "%s.new", path);
	if (make_parent(path) != 0)
		goto fail;
	/* a new file beside the old one, made durable, then renamed over it: a crash leaves either file whole
	 */
	unlink(tmp);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		goto fail;
	int ok = n < sizeof text && write(fd, text, n) == (ssize_t)n && fsync(fd) == 0;
	close(fd);
	OPENSSL_cleanse(text, sizeof text);
	if (!ok || rename(tmp, path) != 0) {
		unlink(tmp);
		goto fail;
	}
	char dir[1024];
	snprintf(dir, sizeof dir, "%s", path);
	char *slash = strrchr(dir, '/');
	if (slash)
		*slash = 0;
	int dfd = open(slash ? (slash == dir ? "/" : dir) : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	return 0;
fail:
	OPENSSL_cleanse(text, sizeof text);
	return err_set(e, 500, "key_file_write", NULL, "无法写入密钥文件 %s：%s",
		       "cannot write key file %s: %s", path, strerror(errno));
}

static int create_key_file(const char *path, struct pii_ring *r, err *e)
{
	if (make_parent(path) != 0)
		goto fail;
	uint8_t key[32];
	random_bytes(key, 32);
	char hex[65];
	hex_encode(key, 32, hex);
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fd < 0)
		goto fail;
	/* a new deployment starts with one bare key: key 1, current, the blind index derived from it */
	int ok = write(fd, hex, 64) == 64 && write(fd, "\n", 1) == 1 && fsync(fd) == 0;
	close(fd);
	OPENSSL_cleanse(hex, sizeof hex);
	memset(r, 0, sizeof *r);
	r->n = 1;
	r->legacy = true;
	r->k[0].kid = 1;
	r->k[0].current = true;
	memcpy(r->k[0].key, key, 32);
	OPENSSL_cleanse(key, sizeof key);
	if (ok)
		return 0;
	unlink(path);
fail:
	return err_set(e, 500, "key_file_create", NULL, "无法创建密钥文件 %s：%s",
		       "cannot create key file %s: %s", path, strerror(errno));
}

int pii_init(const char *key_file, err *e)
{
	struct pii_ring r;
	int rc = pii_ring_load(key_file, &r, e);
	if (rc < 0)
		return -1;
	if (rc == 1 && create_key_file(key_file, &r, e) != 0)
		return -1;
	pii_init_ring(&r);
	OPENSSL_cleanse(&r, sizeof r);
	return 0;
}

char *pii_seal(arena *a, const char *field, const char *pt)
{
	if (ring_current < 0)
		return NULL;
	size_t n = strlen(pt);
	uint8_t *raw = arena_alloc(a, 12 + n + 16);
	fresh_iv(raw);
	if (sm4gcm_seal(ring[ring_current].gcm, raw, field, strlen(field), (const uint8_t *)pt, n, raw + 12,
			raw + 12 + n) != 0)
		return NULL;
	char prefix[PII_PREFIX_MAX];
	pii_kid_prefix(ring[ring_current].kid, prefix);
	size_t pl = strlen(prefix);
	char *enc = arena_alloc(a, pl + (28 + n + 2) / 3 * 4 + 1);
	memcpy(enc, prefix, pl);
	b64url_encode_to(raw, 28 + n, enc + pl);
	return enc;
}

char *pii_open(arena *a, const char *field, const char *sealed)
{
	size_t n = 0;
	const char *body = NULL;
	sm4gcm *g = gcm_of(pii_sealed_kid(sealed, &body));
	if (!g)
		return NULL;
	uint8_t *raw = b64url_decode(a, body, &n);
	if (!raw || n < 28)
		return NULL;
	char *pt = arena_alloc(a, n - 28 + 1);
	if (sm4gcm_open(g, raw, field, strlen(field), raw + 12, n - 28, raw + n - 16, (uint8_t *)pt) != 0)
		return NULL;
	pt[n - 28] = 0;
	return pt;
}

void pii_blind_index(const char *field, const char *value, char out[65])
{
	size_t fl = strlen(field), vl = strlen(value);
	char stack[256];
	char *msg = fl + vl + 1 <= sizeof stack ? stack : xmalloc(fl + vl + 1);
	memcpy(msg, field, fl);
	msg[fl] = 0; /* the separator cannot occur in either part */
	memcpy(msg + fl + 1, value, vl);
	uint8_t mac[32];
	index_mac(msg, fl + 1 + vl, mac);
	hex_encode(mac, 16, out); /* 128 bits are ample for an exact-match index and keep it compact */
	if (msg != stack)
		free(msg);
}
