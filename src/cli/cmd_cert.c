/* cmd_cert.c: `jineng cert verify-qr TEXT --key PUBKEY.pem` — checks a certificate QR text offline: the SM2
 * signature over the payload with the issuer's public key, and that the payload names the number in the
 * URL. Prints the signed fields; exit 0 when genuine, 1 when not, 2 on bad usage. */
#include "util/common.h"
#include "cli/cli.h"
#include "cli/opts.h"
#include "crypto/sm2.h"
#include "crypto/sm3.h"
#include <jansson.h>
#include <stdio.h>

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *s = xmalloc(16384);
	size_t n = fread(s, 1, 16383, f);
	fclose(f);
	s[n] = 0;
	return s;
}

/* the value of query parameter k in url (arena copy), or NULL */
static char *param(arena *a, const char *url, const char *k)
{
	const char *q = strchr(url, '?');
	size_t kl = strlen(k);
	for (const char *p = q; p; p = strchr(p + 1, '&')) {
		if (!strncmp(p + 1, k, kl) && p[1 + kl] == '=') {
			const char *v = p + 2 + kl;
			return arena_strndup(a, v, strcspn(v, "&#"));
		}
	}
	return NULL;
}

static int verify_qr(const char *text, const char *keyfile)
{
	arena *a = arena_new();
	char *pem = read_file(keyfile);
	int rc = 1;
	const char *v = strstr(text, "/v/");
	char *number = v ? arena_strndup(a, v + 3, strcspn(v + 3, "?#")) : NULL;
	char *d = param(a, text, "d"), *s = param(a, text, "s");
	size_t plen = 0, slen = 0;
	uint8_t *payload = d ? b64url_decode(a, d, &plen) : NULL,
		*sig = s ? b64url_decode(a, s, &slen) : NULL;
	json_t *o = NULL;
	if (!pem) {
		fprintf(stderr, "jineng: cannot read the public key %s\n", keyfile);
		rc = 2;
		goto out;
	}
	if (!number || !payload || !sig) {
		fprintf(stderr,
			"二维码内容不是证书核验地址 / the text is not a certificate verification URL\n");
		goto out;
	}
	if (!sm2_verify(pem, payload, plen, sig, slen)) {
		fprintf(stderr,
			"签名无效 / signature INVALID: forged or altered, or signed by another key\n");
		goto out;
	}
	o = json_loadb((const char *)payload, plen, 0, NULL);
	const char *signed_no = o ? json_string_value(json_object_get(o, "number")) : NULL;
	if (!signed_no || strcmp(signed_no, number)) {
		fprintf(stderr, "签名有效但编号不符 / the signed number differs from the URL's\n");
		goto out;
	}
	printf("签名有效 / signature valid (kid %s)\n", json_string_value(json_object_get(o, "kid")));
	const char *k;
	json_t *val;
	json_object_foreach(o, k, val)
	{
		if (json_is_string(val))
			printf("  %s: %s\n", k, json_string_value(val));
		else if (json_is_integer(val))
			printf("  %s: %lld\n", k, (long long)json_integer_value(val));
	}
	printf("note: revocation is not visible offline; check %.*s\n", (int)(strchr(text, '?') - text),
	       text);
	rc = 0;
out:
	json_decref(o);
	free(pem);
	arena_free(a);
	return rc;
}

int cmd_cert(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "verify-qr")) {
		const char *text = NULL, *key = NULL, *v;
		for (int i = 2; i < argc; i++) {
			if ((v = opt_value(argc, argv, &i, "--key")))
				key = v;
			else if (!text)
				text = argv[i];
			else
				return cli_usage("cert", "too many arguments");
		}
		if (!text || !key)
			return cli_usage("cert", "verify-qr TEXT --key PUBKEY.pem");
		return verify_qr(text, key);
	}
	return cli_usage("cert", "verify-qr TEXT --key PUBKEY.pem");
}
