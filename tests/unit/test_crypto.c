/* SM3, HMAC-SM3, SM4-GCM (RFC 8998 vector), PII sealing and blind index, argon2id passwords, tokens. */
#include "util/common.h"
#include <stdarg.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "crypto/password.h"
#include "crypto/pii.h"
#include "crypto/sm2.h"
#include "crypto/sm3.h"
#include "crypto/sm4gcm.h"
#include "crypto/token.h"
#include "util/arena.h"

static void unhex(const char *h, uint8_t *out, size_t n)
{
	assert_int_equal(hex_decode(h, out, n), (int)n);
}

static void test_sm3_and_hmac(void **state)
{
	UNUSED(state);
	static const struct {
		const char *msg, *digest;
	} cases[] = {
		/* GB/T 32905-2016 appendix A */
		{"abc", "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"},
		{"abcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcd",
		 "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732"},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		uint8_t d[32];
		char hex[65];
		sm3_digest(cases[i].msg, strlen(cases[i].msg), d);
		hex_encode(d, 32, hex);
		assert_string_equal(hex, cases[i].digest);
	}
	uint8_t a[32], b[32];
	hmac_sm3("k1", 2, "value", 5, a);
	hmac_sm3("k2", 2, "value", 5, b);
	assert_memory_not_equal(a, b, 32);
	hmac_sm3("k1", 2, "value", 5, b);
	assert_memory_equal(a, b, 32);
}

static void test_sm4_gcm_rfc8998(void **state)
{
	UNUSED(state);
	uint8_t key[16], iv[12], aad[20], pt[64], ct[64], want[64], tag[16], wtag[16], back[64];
	unhex("0123456789ABCDEFFEDCBA9876543210", key, 16);
	unhex("00001234567800000000ABCD", iv, 12);
	unhex("FEEDFACEDEADBEEFFEEDFACEDEADBEEFABADDAD2", aad, 20);
	unhex("AAAAAAAAAAAAAAAABBBBBBBBBBBBBBBBCCCCCCCCCCCCCCCCDDDDDDDDDDDDDDDD"
	      "EEEEEEEEEEEEEEEEFFFFFFFFFFFFFFFFEEEEEEEEEEEEEEEEAAAAAAAAAAAAAAAA",
	      pt, 64);
	unhex("17F399F08C67D5EE19D0DC9969C4BB7D5FD46FD3756489069157B282BB200735"
	      "D82710CA5C22F0CCFA7CBF93D496AC15A56834CBCF98C397B4024A2691233B8D",
	      want, 64);
	unhex("83DE3541E4C2B58177E065A9BF7B62EC", wtag, 16);
	sm4gcm *g = sm4gcm_new(key);
	assert_non_null(g);
	assert_int_equal(sm4gcm_seal(g, iv, aad, 20, pt, 64, ct, tag), 0);
	assert_memory_equal(ct, want, 64);
	assert_memory_equal(tag, wtag, 16);
	assert_int_equal(sm4gcm_open(g, iv, aad, 20, ct, 64, tag, back), 0);
	assert_memory_equal(back, pt, 64);
	/* any flipped bit in ciphertext, tag or associated data fails */
	ct[5] ^= 1;
	assert_int_equal(sm4gcm_open(g, iv, aad, 20, ct, 64, tag, back), -1);
	ct[5] ^= 1;
	tag[15] ^= 0x80;
	assert_int_equal(sm4gcm_open(g, iv, aad, 20, ct, 64, tag, back), -1);
	tag[15] ^= 0x80;
	assert_int_equal(sm4gcm_open(g, iv, aad, 19, ct, 64, tag, back), -1);
	/* odd lengths round-trip */
	for (size_t n = 0; n < 40; n += 7) {
		assert_int_equal(sm4gcm_seal(g, iv, "f", 1, pt, n, ct, tag), 0);
		assert_int_equal(sm4gcm_open(g, iv, "f", 1, ct, n, tag, back), 0);
		assert_memory_equal(back, pt, n);
	}
	sm4gcm_free(g);
}

static void test_pii_seal_open_and_index(void **state)
{
	UNUSED(state);
	uint8_t k[32] = {1, 2, 3};
	pii_init_key(k);
	arena *a = arena_new();
	const char *id = "370102199001011234";
	char *s1 = pii_seal(a, "id_number", id), *s2 = pii_seal(a, "id_number", id);
	assert_non_null(s1);
	assert_true(strncmp(s1, "v1.", 3) == 0);
	assert_null(strstr(s1, id));
	assert_string_not_equal(s1, s2); /* fresh IV each time */
	assert_string_equal(pii_open(a, "id_number", s1), id);
	assert_null(pii_open(a, "phone", s1)); /* bound to its field */
	char *bad = arena_strdup(a, s1);
	bad[10] = bad[10] == 'A' ? 'B' : 'A';
	assert_null(pii_open(a, "id_number", bad));
	assert_null(pii_open(a, "id_number", "370102199001011234"));
	char i1[65], i2[65], i3[65];
	pii_blind_index("id_number:resident_id", id, i1);
	pii_blind_index("id_number:resident_id", id, i2);
	pii_blind_index("id_number:passport", id, i3);
	assert_string_equal(i1, i2);
	assert_string_not_equal(i1, i3);
	/* another key: other index, and old ciphertexts no longer open */
	k[0] = 9;
	pii_init_key(k);
	pii_blind_index("id_number:resident_id", id, i2);
	assert_string_not_equal(i1, i2);
	assert_null(pii_open(a, "id_number", s1));
	arena_free(a);
}

static void test_key_file_created_0600_and_checked(void **state)
{
	UNUSED(state);
	char dir[] = "/tmp/jineng-key-XXXXXX", path[64];
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/sub/jineng.key", dir);
	err e = {0};
	assert_int_equal(pii_init(path, &e), 0);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	char idx1[65], idx2[65];
	pii_blind_index("f", "v", idx1);
	assert_int_equal(pii_init(path, &e), 0); /* the same key is read back */
	pii_blind_index("f", "v", idx2);
	assert_string_equal(idx1, idx2);
	chmod(path, 0644);
	assert_int_equal(pii_init(path, &e), -1);
	assert_string_equal(e.code, "key_file_mode");
	chmod(path, 0600);
	/* another owner (only root may give a file away; as another user the check is the same) */
	if (geteuid() == 0 && chown(path, 1, 1) == 0) {
		e = (err){0};
		assert_int_equal(pii_init(path, &e), -1);
		assert_string_equal(e.code, "key_file_owner");
		assert_int_equal(chown(path, 0, 0), 0);
	}
	/* the environment is not read: JINENG_KEY does not replace the file's key */
	setenv("JINENG_KEY", "abcd", 1);
	e = (err){0};
	assert_int_equal(pii_init(path, &e), 0);
	pii_blind_index("f", "v", idx2);
	assert_string_equal(idx1, idx2);
	unsetenv("JINENG_KEY");
	/* not a key */
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("abcd\n", f);
	fclose(f);
	e = (err){0};
	assert_int_equal(pii_init(path, &e), -1);
	assert_string_equal(e.code, "key_file_invalid");
	unlink(path);
	snprintf(path, sizeof path, "%s/sub", dir);
	rmdir(path);
	rmdir(dir);
}

/* the key ring: the file's forms, good and bad (crypto/pii.h) */
static void test_pii_ring_parse(void **state)
{
	UNUSED(state);
	const char *A = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
	const char *B = "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100";
	char t[1024];
	static const struct {
		const char *fmt; /* %1$s = A, %2$s = B */
		int rc, n, current_kid;
		bool has_index;
		const char *code;
	} cases[] = {
		{"%1$s\n", 0, 1, 1, false, NULL},		     /* the bare key before the ring */
		{"%1$s", 0, 1, 1, false, NULL},			     /* no newline */
		{"# c\nkey 1 %1$s current\n", 0, 1, 1, false, NULL}, /* a lone key 1 may derive its index */
		{"key 1 %1$s\nkey 2 %2$s current\nindex %1$s\n", 0, 2, 2, true, NULL},
		{"key 7 %2$s current\nindex %1$s\n", 0, 1, 7, true, NULL},     /* key 1 retired */
		{"key 7 %2$s current\n", -1, 0, 0, false, "key_file_invalid"}, /* no index, no key 1 */
		{"key 1 %1$s\nkey 2 %2$s\nindex %1$s\n", -1, 0, 0, false,
		 "key_file_invalid"}, /* none current */
		{"key 1 %1$s current\nkey 2 %2$s current\nindex %1$s\n", -1, 0, 0, false, "key_file_invalid"},
		{"key 1 %1$s current\nkey 1 %2$s\nindex %1$s\n", -1, 0, 0, false,
		 "key_file_invalid"}, /* twice */
		{"key 0 %1$s current\n", -1, 0, 0, false, "key_file_invalid"},
		{"key 1 abcd current\n", -1, 0, 0, false, "key_file_invalid"},
		{"%1$s\n%2$s\n", -1, 0, 0, false, "key_file_invalid"}, /* two bare keys */
		{"%1$s\nkey 2 %2$s current\n", -1, 0, 0, false, "key_file_invalid"},
		{"key 1 %1$s current\nindex %1$s\nindex %2$s\n", -1, 0, 0, false, "key_file_invalid"},
		{"", -1, 0, 0, false, "key_file_invalid"},
		{"key 1 %1$s current please\n", -1, 0, 0, false, "key_file_invalid"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
		snprintf(t, sizeof t, cases[i].fmt, A, B);
#pragma GCC diagnostic pop
		struct pii_ring r;
		err e = {0};
		int rc = pii_ring_parse(t, &r, &e);
		if (rc != cases[i].rc)
			fail_msg("case %zu: rc %d (%s)", i, rc, e.en);
		if (rc) {
			assert_string_equal(e.code, cases[i].code);
			continue;
		}
		assert_int_equal(r.n, cases[i].n);
		assert_int_equal(r.has_index, cases[i].has_index);
		int cur = 0;
		for (int k = 0; k < r.n; k++)
			if (r.k[k].current)
				cur = r.k[k].kid;
		assert_int_equal(cur, cases[i].current_kid);
		/* the canonical text parses back to the same ring, with its index line */
		char out[PII_RING_TEXT_MAX];
		pii_ring_format(&r, out, sizeof out);
		struct pii_ring back;
		assert_int_equal(pii_ring_parse(out, &back, &e), 0);
		assert_int_equal(back.n, r.n);
		assert_true(back.has_index);
		for (int k = 0; k < r.n; k++) {
			assert_int_equal(back.k[k].kid, r.k[k].kid);
			assert_int_equal(back.k[k].current, r.k[k].current);
			assert_memory_equal(back.k[k].key, r.k[k].key, 32);
		}
	}
}

/* values sealed under one key open after another is current and the first retired only if re-sealed; the
 * blind index stays the same through every step */
static void test_pii_ring_rotation(void **state)
{
	UNUSED(state);
	uint8_t k1[32], k2[32];
	for (int i = 0; i < 32; i++) {
		k1[i] = (uint8_t)i;
		k2[i] = (uint8_t)(200 - i);
	}
	arena *a = arena_new();
	pii_init_key(k1); /* a bare key: key 1 */
	char before[65], after[65];
	pii_blind_index("id_number:resident_id", "370102199001011234", before);
	char *s1 = pii_seal(a, "id_number", "370102199001011234");
	assert_true(strncmp(s1, "v1.", 3) == 0);
	assert_int_equal(pii_sealed_kid(s1, NULL), 1);

	struct pii_ring r = {.n = 2, .has_index = true};
	r.k[0].kid = 1;
	memcpy(r.k[0].key, k1, 32);
	r.k[1].kid = 12;
	r.k[1].current = true;
	memcpy(r.k[1].key, k2, 32);
	pii_index_key_of(k1, r.index_key);
	assert_int_equal(pii_init_ring(&r), 0);
	assert_int_equal(pii_current_kid(), 12);
	char *s12 = pii_seal(a, "id_number", "370102199001011234");
	assert_true(strncmp(s12, "k12.", 4) == 0);
	assert_int_equal(pii_sealed_kid(s12, NULL), 12);
	assert_string_equal(pii_open(a, "id_number", s1), "370102199001011234"); /* the old key still opens */
	assert_string_equal(pii_open(a, "id_number", s12), "370102199001011234");
	pii_blind_index("id_number:resident_id", "370102199001011234", after);
	assert_string_equal(before, after);

	/* key 1 retired: its values no longer open, key 12's do, the index is unchanged */
	r.k[0] = r.k[1];
	r.n = 1;
	assert_int_equal(pii_init_ring(&r), 0);
	assert_null(pii_open(a, "id_number", s1));
	assert_string_equal(pii_open(a, "id_number", s12), "370102199001011234");
	pii_blind_index("id_number:resident_id", "370102199001011234", after);
	assert_string_equal(before, after);
	/* a prefix naming an unknown key, or malformed, opens nothing */
	static const char *const bad[] = {"k13.AAAA", "k.AAAA", "k0012.", "x1.AAAA", "k99999.AAAA", ""};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_null(pii_open(a, "id_number", bad[i]));
	assert_int_equal(pii_sealed_kid("k99999.x", NULL), 0);
	assert_int_equal(pii_sealed_kid("k9999.x", NULL), 9999);
	arena_free(a);
}

static void test_passwords_and_tokens(void **state)
{
	UNUSED(state);
	setenv("JINENG_ARGON2_FAST", "1", 1);
	char h1[PASSWORD_HASH_MAX], h2[PASSWORD_HASH_MAX];
	assert_int_equal(password_hash("Demo@Skills2026", h1), 0);
	assert_int_equal(password_hash("Demo@Skills2026", h2), 0);
	assert_true(strncmp(h1, "$argon2id$", 10) == 0);
	assert_string_not_equal(h1, h2); /* salted */
	assert_true(password_verify(h1, "Demo@Skills2026"));
	assert_false(password_verify(h1, "demo@2026"));
	assert_false(password_verify("plain", "plain"));
	assert_false(password_verify(NULL, "x"));
	char t1[44], t2[44], th[65];
	token_new(t1);
	token_new(t2);
	assert_int_equal(strlen(t1), 43);
	assert_string_not_equal(t1, t2);
	token_hash(t1, th);
	assert_int_equal(strlen(th), 64);
	arena *a = arena_new();
	size_t n;
	uint8_t *raw = b64url_decode(a, t1, &n);
	assert_non_null(raw);
	assert_int_equal(n, 32);
	assert_string_equal(b64url_encode(a, raw, n), t1);
	assert_null(b64url_decode(a, "a", &n));
	assert_null(b64url_decode(a, "ab+c", &n));
	arena_free(a);
}

/* standard base64 with padding (the audit extract's signature, read by `openssl base64 -d -A`): RFC 4648 §10
 * vectors, and what it refuses */
static void test_b64_standard(void **state)
{
	UNUSED(state);
	static const struct {
		const char *raw, *enc;
	} v[] = {{"", ""},
		 {"f", "Zg=="},
		 {"fo", "Zm8="},
		 {"foo", "Zm9v"},
		 {"foob", "Zm9vYg=="},
		 {"fooba", "Zm9vYmE="},
		 {"foobar", "Zm9vYmFy"}};
	arena *a = arena_new();
	for (size_t i = 0; i < ARRAY_LEN(v); i++) {
		size_t n = strlen(v[i].raw), got = 99;
		assert_string_equal(b64_encode(a, (const uint8_t *)v[i].raw, n), v[i].enc);
		uint8_t *d = b64_decode(a, v[i].enc, &got);
		assert_non_null(d);
		assert_int_equal(got, n);
		assert_memory_equal(d, v[i].raw, n);
	}
	const uint8_t hi[3] = {0xfb, 0xff, 0xfe};
	assert_string_equal(b64_encode(a, hi, 3), "+//+");
	size_t n;
	assert_null(b64_decode(a, "Zg=", &n));	/* not a multiple of 4 */
	assert_null(b64_decode(a, "-_8=", &n)); /* the url alphabet is not this one */
	assert_null(b64_decode(a, "Z===", &n)); /* three pads */
	assert_null(b64_decode(a, "Zg=a", &n)); /* a pad inside */
	arena_free(a);
}

static void test_sm2_sign_verify_and_openssl_cli(void **state)
{
	UNUSED(state);
	arena *a = arena_new();
	char *priv, *pub, kid[17], kid2[17];
	assert_int_equal(sm2_keygen(a, &priv, &pub), 0);
	assert_non_null(strstr(pub, "BEGIN PUBLIC KEY"));
	assert_int_equal(sm2_key_id(pub, kid), 0);
	assert_int_equal(strlen(kid), 16);
	assert_int_equal(sm2_key_id(pub, kid2), 0);
	assert_string_equal(kid, kid2);
	const char *msg = "{\"name\":\"张三\",\"number\":\"S000037000072263000001\"}";
	size_t n = 0;
	uint8_t *sig = sm2_sign(a, priv, msg, strlen(msg), &n);
	assert_non_null(sig);
	assert_int_equal(sm2_verify(pub, msg, strlen(msg), sig, n), 1);
	assert_int_equal(sm2_verify(pub, msg, strlen(msg) - 1, sig, n), 0);
	char *priv2, *pub2;
	assert_int_equal(sm2_keygen(a, &priv2, &pub2), 0);
	assert_int_equal(sm2_verify(pub2, msg, strlen(msg), sig, n), 0); /* another key */
	assert_int_equal(sm2_verify("not a key", msg, strlen(msg), sig, n), 0);
	/* an independent verifier: the openssl command line; OpenSSL 3.0 pkeyutl does not apply the GB/T
	 * 35276 default id on its own, so it is named */
	char dir[] = "/tmp/jineng-sm2-XXXXXX", cmd[512], p[3][128];
	assert_non_null(mkdtemp(dir));
	const char *names[3] = {"pub.pem", "msg", "sig"};
	const void *data[3] = {pub, msg, sig};
	size_t lens[3] = {strlen(pub), strlen(msg), n};
	for (int i = 0; i < 3; i++) {
		snprintf(p[i], sizeof p[i], "%s/%s", dir, names[i]);
		FILE *fp = fopen(p[i], "wb");
		assert_non_null(fp);
		assert_int_equal(fwrite(data[i], 1, lens[i], fp), lens[i]);
		fclose(fp);
	}
	snprintf(cmd, sizeof cmd,
		 "openssl pkeyutl -verify -rawin -digest sm3 -pkeyopt distid:1234567812345678 -pubin -inkey "
		 "%s -in %s "
		 "-sigfile %s >/dev/null 2>&1",
		 p[0], p[1], p[2]);
	assert_int_equal(system(cmd), 0);
	for (int i = 0; i < 3; i++)
		unlink(p[i]);
	rmdir(dir);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sm3_and_hmac),
		cmocka_unit_test(test_sm4_gcm_rfc8998),
		cmocka_unit_test(test_pii_seal_open_and_index),
		cmocka_unit_test(test_key_file_created_0600_and_checked),
		cmocka_unit_test(test_pii_ring_parse),
		cmocka_unit_test(test_pii_ring_rotation),
		cmocka_unit_test(test_passwords_and_tokens),
		cmocka_unit_test(test_b64_standard),
		cmocka_unit_test(test_sm2_sign_verify_and_openssl_cli),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
