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

static sm4gcm *gcm;
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

void pii_init_key(const uint8_t master[32])
{
	uint8_t k[32];
	hmac_sm3(master, 32, "jineng pii encryption v1", 24, k);
	sm4gcm_free(gcm);
	gcm = sm4gcm_new(k);
	if (!gcm)
		BUG("SM4 is not available from OpenSSL");
	hmac_sm3(master, 32, "jineng pii blind index v1", 25, k);
	hmac_prepare(k);
	OPENSSL_cleanse(k, sizeof k);
}

bool pii_ready(void)
{
	return gcm != NULL;
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

static int read_key_file(const char *path, uint8_t key[32], err *e)
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
	char line[130] = {0};
	ssize_t got = read(fd, line, sizeof line - 1);
	close(fd);
	if (got <= 0)
		return err_set(e, 500, "key_file_unreadable", NULL, "无法读取密钥文件 %s",
			       "cannot read key file %s", path);
	line[strcspn(line, "\r\n")] = 0;
	int n = hex_decode(line, key, 32);
	OPENSSL_cleanse(line, sizeof line);
	if (n != 32)
		return err_set(e, 500, "key_file_invalid", NULL, "密钥文件 %s 应含 64 位十六进制数字",
			       "key file %s must hold 64 hex digits", path);
	return 0;
}

static int create_key_file(const char *path, uint8_t key[32], err *e)
{
	if (make_parent(path) != 0)
		goto fail;
	random_bytes(key, 32);
	char hex[65];
	hex_encode(key, 32, hex);
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fd < 0)
		goto fail;
	int ok = write(fd, hex, 64) == 64 && write(fd, "\n", 1) == 1 && fsync(fd) == 0;
	close(fd);
	OPENSSL_cleanse(hex, sizeof hex);
	if (ok)
		return 0;
	unlink(path);
fail:
	return err_set(e, 500, "key_file_create", NULL, "无法创建密钥文件 %s：%s",
		       "cannot create key file %s: %s", path, strerror(errno));
}

int pii_init(const char *key_file, err *e)
{
	uint8_t key[32];
	int rc = read_key_file(key_file, key, e);
	if (rc < 0)
		return -1;
	if (rc == 1 && create_key_file(key_file, key, e) != 0)
		return -1;
	pii_init_key(key);
	OPENSSL_cleanse(key, sizeof key);
	return 0;
}

char *pii_seal(arena *a, const char *field, const char *pt)
{
	size_t n = strlen(pt);
	uint8_t *raw = arena_alloc(a, 12 + n + 16);
	fresh_iv(raw);
	if (!gcm ||
	    sm4gcm_seal(gcm, raw, field, strlen(field), (const uint8_t *)pt, n, raw + 12, raw + 12 + n) != 0)
		return NULL;
	char *enc = arena_alloc(a, 3 + (28 + n + 2) / 3 * 4 + 1);
	memcpy(enc, "v1.", 3);
	b64url_encode_to(raw, 28 + n, enc + 3);
	return enc;
}

char *pii_open(arena *a, const char *field, const char *sealed)
{
	size_t n = 0;
	if (!gcm || !sealed || strncmp(sealed, "v1.", 3) != 0)
		return NULL;
	uint8_t *raw = b64url_decode(a, sealed + 3, &n);
	if (!raw || n < 28)
		return NULL;
	char *pt = arena_alloc(a, n - 28 + 1);
	if (sm4gcm_open(gcm, raw, field, strlen(field), raw + 12, n - 28, raw + n - 16, (uint8_t *)pt) != 0)
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
