/* fuzz_qr.c: certificate QR texts: what a scanner hands to `jineng cert verify-qr TEXT --key PUB.pem`
 * (cli/cmd_cert.c: the /v/NUMBER part, the d= and s= parameters, base64url, the SM2 signature check, the
 * signed JSON payload) and the QR encoder itself (doc/qr.c). Input: byte 0 picks the mode, then text.
 *   mode 0: the text as scanned;
 *   mode 1: "NUMBER\nPAYLOAD": the harness signs PAYLOAD with the key the check uses and builds the text
 *           as the server does (cert_qr_text), so that the signed path (JSON parse, number match, printing
 *           the fields) is reached;
 *   mode 2: as mode 1, and the text is also drawn as a QR code (qr_png). */
#include "util/common.h"
#include "fuzz_common.h"
#include "cli/cli.h"
#include "crypto/sm2.h"
#include "crypto/sm3.h"
#include "doc/qr.h"
#include "svc/cert/certs.h"

static char *priv_pem, key_path[300];
static arena *keys;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	UNUSED(argc);
	UNUSED(argv);
	keys = arena_new();
	char *pub = NULL;
	if (sm2_keygen(keys, &priv_pem, &pub) != 0) {
		fprintf(stderr, "fuzz_qr: no SM2 key\n");
		exit(1);
	}
	snprintf(key_path, sizeof key_path, "%s/pub.pem", fz_dir());
	fz_write_file(key_path, (const uint8_t *)pub, strlen(pub));
	return 0;
}

static void verify(const char *text)
{
	char *argv[] = {(char *)"cert", (char *)"verify-qr", (char *)text, (char *)"--key", key_path, NULL};
	fz_quiet_begin();
	cmd_cert(5, argv);
	fz_quiet_end();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > 2048)
		return 0;
	int mode = data[0] % 3;
	char *s = fz_strndup(data + 1, size - 1);
	if (mode == 0) {
		verify(s);
		free(s);
		return 0;
	}
	arena *a = arena_new();
	char *nl = strchr(s, '\n');
	const char *number = nl ? (*nl = 0, s) : "S000037000002261000001", *payload = nl ? nl + 1 : s;
	size_t siglen = 0;
	uint8_t *sig = sm2_sign(a, priv_pem, payload, strlen(payload), &siglen);
	if (!sig)
		abort();
	char *text = cert_qr_text(a, "https://jineng.example.gov.cn", number,
				  b64url_encode(a, (const uint8_t *)payload, strlen(payload)),
				  b64url_encode(a, sig, siglen));
	verify(text);
	if (mode == 2) {
		char *png = NULL;
		size_t len = 0;
		err e = {0};
		if (qr_png(text, 2, &png, &len, &e) == 0 && (!png || len < 8 || memcmp(png, "\x89PNG", 4)))
			abort();
		free(png);
	}
	arena_free(a);
	free(s);
	return 0;
}
