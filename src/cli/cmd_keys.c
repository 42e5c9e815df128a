/* cmd_keys.c: `jineng keys ...`, the rotation of the PII key ring and of issuers' signing keys
 * (docs/OPERATIONS.md, "Keys"). The ring is the key file (crypto/pii.h); the sealed columns and the re-seal
 * are svc/base/keys.h. Every change is audited as the system (cli). */
#include "util/common.h"
#include "cli/cli.h"
#include "cli/opts.h"
#include "cli/progress.h"
#include "crypto/pii.h"
#include "crypto/token.h"
#include "svc/auth/auth.h"
#include "svc/base/keys.h"
#include "svc/base/tx.h"
#include "svc/cert/issuers.h"
#include <openssl/crypto.h>

struct note_ctx {
	const char *action;
	int kid;
};

static int note_work(tx *t, void *ctx, err *e)
{
	(void)e;
	struct note_ctx *c = ctx;
	char k[16];
	snprintf(k, sizeof k, "%d", c->kid);
	tx_audit_key(t, c->action, "pii_key", k,
		     json_pack("{s:i,s:i}", "kid", c->kid, "current", pii_current_kid()));
	return 0;
}

/* records a change of the key file in the audit archive */
static int note(db *d, const char *action, int kid)
{
	principal sys;
	principal_system(&sys, "cli");
	err e = {0};
	struct note_ctx c = {action, kid};
	if (svc_tx(d, &sys, note_work, &c, &e) != 0)
		return cli_fail(e.en, "audit");
	return 0;
}

static int find_kid(const struct pii_ring *r, int kid)
{
	for (int i = 0; i < r->n; i++)
		if (r->k[i].kid == kid)
			return i;
	return -1;
}

static int parse_kid(const char *s)
{
	char *end = NULL;
	long v = s ? strtol(s, &end, 10) : 0;
	return s && *s && end && !*end && v >= 1 && v <= PII_MAX_KID ? (int)v : 0;
}

static void print_ring(const struct pii_ring *r)
{
	for (int i = 0; i < r->n; i++)
		printf("key %d%s\n", r->k[i].kid, r->k[i].current ? "  current (seals new values)" : "");
	printf("index key: %s\n", r->has_index ? "its own line" : "derived from key 1");
}

static void show_progress(const struct sealed_column *c, int64_t done, int64_t total, void *user)
{
	(void)user;
	static const struct sealed_column *shown, *finished;
	if (c == finished)
		return;
	if (c != shown) {
		static char label[96];
		snprintf(label, sizeof label, "重新加密 re-seal %s.%s", c->table, c->column);
		progress_start(label);
		shown = c;
	}
	progress_update(done, total);
	if (done == total) {
		progress_end(total);
		finished = c;
	}
}

static int keys_status(db *d, const struct pii_ring *r)
{
	print_ring(r);
	struct column_usage u[16];
	err e = {0};
	if (keys_usage(d, u, &e) != 0)
		return cli_fail(e.en, "keys");
	for (int i = 0; sealed_columns[i].table; i++) {
		printf("%s.%s: %lld", u[i].col->table, u[i].col->column, (long long)u[i].total);
		for (int j = 0; j < u[i].nk; j++) {
			if (u[i].k[j].kid)
				printf(", key %d: %lld", u[i].k[j].kid, (long long)u[i].k[j].n);
			else
				printf(", not sealed values: %lld", (long long)u[i].k[j].n);
		}
		printf("\n");
	}
	return 0;
}

int cmd_keys(int argc, char **argv)
{
	if (argc < 2)
		return cli_usage("keys", NULL);
	const char *sub = argv[1], *url = default_db_url(), *v, *arg = NULL, *alg = "SM2";
	int batch = 1000;
	int64_t inst = -1;
	for (int i = 2; i < argc; i++) {
		if ((v = opt_value(argc, argv, &i, "--db")))
			url = v;
		else if ((v = opt_value(argc, argv, &i, "--key-file")))
			opt_key_file = v;
		else if ((v = opt_value(argc, argv, &i, "--batch")))
			batch = atoi(v);
		else if ((v = opt_value(argc, argv, &i, "--institution")))
			inst = atoll(v);
		else if ((v = opt_value(argc, argv, &i, "--alg")))
			alg = v;
		else if (argv[i][0] != '-' && !arg)
			arg = argv[i];
		else
			return cli_usage("keys", "unknown option");
	}
	char kp[1024];
	cli_key_path(url, kp, sizeof kp);
	struct pii_ring r;
	err e = {0};
	int rc = 1;
	db *d = NULL;

	if (!strcmp(sub, "rotate-issuer")) {
		if (inst < 0)
			return cli_usage("keys",
					 "--institution ID is required (0: the platform and province)");
		if (!(d = cli_open_db(url, true)))
			return 1;
		principal sys;
		principal_system(&sys, "cli");
		char old_kid[40], new_kid[40];
		if (issuer_key_rotate(d, &sys, inst, alg, old_kid, new_kid, &e) != 0) {
			rc = cli_fail(e.en, "keys");
		} else {
			printf("issuer key of institution %lld (%s): %s retired, %s signs from now on\n",
			       (long long)inst, alg, old_kid[0] ? old_kid : "(none)", new_kid);
			rc = 0;
		}
		db_close(d);
		return rc;
	}

	/* the other subcommands read the ring first: it must exist */
	int lr = pii_ring_load(kp, &r, &e);
	if (lr != 0)
		return lr == 1 ? cli_fail("the key file does not exist", kp) : cli_fail(e.en, kp);

	if (!strcmp(sub, "status") || !strcmp(sub, "reseal")) {
		if (!(d = cli_open_db(url, !strcmp(sub, "reseal"))))
			goto out;
		if (!strcmp(sub, "status")) {
			rc = keys_status(d, &r) ? 1 : 0;
			goto out;
		}
		principal sys;
		principal_system(&sys, "cli");
		struct reseal_report rep;
		if (keys_reseal(d, &sys, batch, show_progress, NULL, &rep, &e) != 0) {
			rc = cli_fail(e.en, "keys reseal");
			goto out;
		}
		printf("re-sealed under key %d: %lld values; %lld rewritten by a server meanwhile; %lld "
		       "unreadable\n",
		       pii_current_kid(), (long long)rep.resealed, (long long)rep.skipped_changed,
		       (long long)rep.unreadable);
		if (rep.unreadable) {
			fprintf(stderr,
				"jineng: %lld values could not be opened with any key of %s: restore the key "
				"they "
				"were sealed with before retiring anything / 有 %lld "
				"个值无法用密钥环中的任何密钥解密\n",
				(long long)rep.unreadable, kp, (long long)rep.unreadable);
			goto out;
		}
		rc = 0;
		goto out;
	}

	if (!strcmp(sub, "add")) {
		if (r.n == PII_MAX_KEYS) {
			rc = cli_fail("the ring is full: retire a key first", kp);
			goto out;
		}
		int kid = 1;
		for (int i = 0; i < r.n; i++)
			if (r.k[i].kid >= kid)
				kid = r.k[i].kid + 1;
		if (kid > PII_MAX_KID) {
			rc = cli_fail("no key number left", kp);
			goto out;
		}
		if (!r.has_index) { /* a lone key 1: its derived index key gets its own line, to outlive it */
			pii_index_key_of(r.k[0].key, r.index_key);
			r.has_index = true;
		}
		r.k[r.n].kid = kid;
		r.k[r.n].current = false;
		random_bytes(r.k[r.n].key, 32);
		r.n++;
		if (!(d = cli_open_db(url, true)))
			goto out;
		if (pii_ring_save(kp, &r, &e) != 0) {
			rc = cli_fail(e.en, kp);
			goto out;
		}
		if (note(d, "pii.key.add", kid))
			goto out;
		printf("key %d added to %s, not current yet: copy the key file to every node and restart "
		       "them, then "
		       "run `jineng keys promote %d`\n",
		       kid, kp, kid);
		rc = 0;
		goto out;
	}

	int kid = parse_kid(arg);
	if (!kid) {
		rc = cli_usage("keys", "a key number is required");
		goto out;
	}
	int at = find_kid(&r, kid);
	if (at < 0) {
		fprintf(stderr, "jineng: key %d is not in %s / 密钥环中没有密钥 %d\n", kid, kp, kid);
		goto out;
	}
	if (!strcmp(sub, "promote")) {
		for (int i = 0; i < r.n; i++)
			r.k[i].current = i == at;
		if (!r.has_index) {
			pii_index_key_of(r.k[0].key, r.index_key);
			r.has_index = true;
		}
		if (!(d = cli_open_db(url, true)))
			goto out;
		if (pii_ring_save(kp, &r, &e) != 0) {
			rc = cli_fail(e.en, kp);
			goto out;
		}
		pii_init_ring(&r);
		if (note(d, "pii.key.promote", kid))
			goto out;
		printf("key %d seals new values from now on: copy the key file to every node and restart "
		       "them, "
		       "then run `jineng keys reseal`\n",
		       kid);
		rc = 0;
	} else if (!strcmp(sub, "retire")) {
		if (r.k[at].current) {
			fprintf(stderr,
				"jineng: key %d is current: promote another key first / 密钥 %d 正在使用\n",
				kid, kid);
			goto out;
		}
		if (!(d = cli_open_db(url, true)))
			goto out;
		int64_t n = 0;
		if (keys_count_kid(d, kid, &n, &e) != 0) {
			rc = cli_fail(e.en, "keys");
			goto out;
		}
		if (n) {
			fprintf(stderr,
				"jineng: %lld values are still sealed under key %d: run `jineng keys reseal` "
				"first / "
				"仍有 %lld 个值由密钥 %d 加密，请先重新加密\n",
				(long long)n, kid, (long long)n, kid);
			goto out;
		}
		if (!r.has_index) {
			pii_index_key_of(r.k[0].key, r.index_key);
			r.has_index = true;
		}
		OPENSSL_cleanse(&r.k[at], sizeof r.k[at]);
		memmove(&r.k[at], &r.k[at + 1], sizeof r.k[0] * (size_t)(r.n - at - 1));
		r.n--;
		if (pii_ring_save(kp, &r, &e) != 0) {
			rc = cli_fail(e.en, kp);
			goto out;
		}
		if (note(d, "pii.key.retire", kid))
			goto out;
		printf("key %d retired: no value is sealed under it and %s no longer holds it\n", kid, kp);
		rc = 0;
	} else {
		rc = cli_usage("keys", "unknown subcommand");
	}
out:
	OPENSSL_cleanse(&r, sizeof r);
	if (d)
		db_close(d);
	return rc;
}
