/* cmd_audit.c: `jineng audit verify`: exit 0 when the hash chain is intact, 1 naming the first bad record;
 * `jineng audit verify-extract FILE [--key PUBKEY.pem]`: checks a plan's signed audit extract offline (no
 * database): exit 0 when every record, link and the signature hold, 1 naming the first broken record */
#include "util/common.h"
#include "cli/cli.h"
#include "cli/opts.h"
#include "svc/base/audit.h"
#include "svc/supervision/extract.h"
#include <stdio.h>

/* the whole file (malloc'd, NUL-terminated), or NULL */
static char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 16, len = 0;
	char *s = xmalloc(cap);
	size_t got;
	while ((got = fread(s + len, 1, cap - len - 1, f)) > 0) {
		len += got;
		if (len + 1 == cap)
			s = xrealloc(s, cap *= 2);
	}
	bool err = ferror(f);
	fclose(f);
	if (err) {
		free(s);
		return NULL;
	}
	s[len] = 0;
	*n = len;
	return s;
}

static int verify_extract(int argc, char **argv)
{
	const char *file = NULL, *keyfile = NULL, *v;
	for (int i = 2; i < argc; i++) {
		if ((v = opt_value(argc, argv, &i, "--key")))
			keyfile = v;
		else if (argv[i][0] == '-' && argv[i][1])
			return cli_usage("audit verify-extract", "unknown option");
		else if (!file)
			file = argv[i];
		else
			return cli_usage("audit verify-extract", "too many arguments");
	}
	if (!file)
		return cli_usage("audit verify-extract", "FILE is required");
	size_t n = 0, kn = 0;
	char *text = slurp(file, &n), *key = keyfile ? slurp(keyfile, &kn) : NULL;
	int rc = 1;
	if (!text) {
		rc = cli_fail("cannot read the extract", file);
		goto out;
	}
	if (keyfile && !key) {
		rc = cli_fail("cannot read the public key", keyfile);
		goto out;
	}
	struct extract_report rep;
	if (audit_extract_verify(text, n, key, &rep) != 0) {
		if (rep.bad_seq)
			fprintf(stderr,
				"jineng: audit extract broken at record %lld: %s\n  审计摘录第 %lld "
				"条记录：%s\n",
				(long long)rep.bad_seq, rep.problem, (long long)rep.bad_seq, rep.problem_zh);
		else
			fprintf(stderr, "jineng: audit extract invalid: %s\n  审计摘录无效：%s\n",
				rep.problem, rep.problem_zh);
		goto out;
	}
	printf("audit extract intact: plan %lld (%s), %lld records, chain head %lld %s, signed by %s\n",
	       (long long)rep.plan_id, rep.plan_title, (long long)rep.records, (long long)rep.head_seq,
	       rep.head_hash, rep.kid);
	if (!rep.key_given)
		printf("warning: the signature was checked against the public key inside the file; only "
		       "--key "
		       "with the province key published at GET /api/v1/public/keys proves who signed it\n");
	rc = 0;
out:
	free(text);
	free(key);
	return rc;
}

int cmd_audit(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "verify-extract"))
		return verify_extract(argc, argv);
	if (argc < 2 || strcmp(argv[1], "verify"))
		return cli_usage("audit", NULL);
	const char *url = default_db_url(), *v;
	for (int i = 2; i < argc; i++) {
		if ((v = opt_value(argc, argv, &i, "--db")))
			url = v;
		else
			return cli_usage("audit", "unknown option");
	}
	db *d = cli_open_db(url, false);
	if (!d)
		return 1;
	struct audit_report rep;
	err e = {0};
	int rc = audit_verify(d, &rep, &e);
	db_close(d);
	if (rc < 0)
		return cli_fail(e.en, "audit_log");
	if (rc == 1) {
		char where[64];
		snprintf(where, sizeof where, "audit record %lld", (long long)rep.bad_seq);
		fprintf(stderr, "jineng: audit chain broken after %lld good records: %s (%s)\n",
			(long long)rep.records - 1 > 0 ? (long long)rep.records - 1 : 0, rep.problem, where);
		return 1;
	}
	printf("audit chain intact: %lld records, head %s\n", (long long)rep.records, rep.head_hash);
	return 0;
}
