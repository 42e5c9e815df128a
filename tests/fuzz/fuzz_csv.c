/* fuzz_csv.c: the CSV readers and every CSV import over a SQLite copy of the demo province: util/csvread.c
 * (RFC 4180 through libcsv, BOM, GB18030 conversion), `jineng import persons|institutions|occupations`
 * (cli/cmd_import.c: header mapping, person validation, svc/registry/person_bulk.c), the item bank import
 * (svc/exam/bank_import.c), the registration import (svc/evaluation/reg_import.c) and the pay submission
 * (svc/incentive/wages.c, for the demo's last year, whose posts it has) as the accounts that may run them.
 *
 * Input: byte 0 picks the reader (below), byte 1 options (bit 0 all-or-nothing, bit 1 the institution's own
 * bank instead of the province's for items), then the CSV bytes. The working database is reset from the
 * template every RESET_EVERY runs, since accepted rows are stored. */
#include "util/common.h"
#include "fuzz_common.h"
#include "cli/cli.h"
#include "svc/auth/auth.h"
#include "demo/demo.h"
#include "svc/exam/bank_import.h"
#include "svc/evaluation/reg_import.h"
#include "svc/incentive/wages.h"
#include "core/date.h"
#include "util/csvread.h"

#define RESET_EVERY 2000

enum { K_READ, K_PERSONS, K_INSTITUTIONS, K_OCCUPATIONS, K_ITEMS, K_REGISTRATIONS, K_WAGES, K__COUNT };

static db *work;
static char csv_path[300], tok_admin[44], tok_org[44];
static principal admin, org; /* the province administrator; jinan_org_admin (institution 2's administrator) */
static uint64_t runs;

static void login(db *d, const char *user, char token[44])
{
	err e = {0};
	json_t *u = NULL;
	int retry = 0;
	struct login_input in = {.username = user, .password = DEMO_PASSWORD, .client = "127.0.0.1"};
	if (auth_login(d, &in, token, &u, &retry, &e) != 0) {
		fprintf(stderr, "fuzz_csv: cannot log %s in: %s\n", user, e.en);
		exit(1);
	}
	json_decref(u);
}

static void setup(db *d)
{
	login(d, "admin", tok_admin);
	login(d, "jinan_org_admin", tok_org);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	UNUSED(argc);
	UNUSED(argv);
	const char *url = fz_demo(300, setup);
	err e = {0};
	if (db_open(url, &work, &e) != 0 || auth_from_token(work, tok_admin, &admin, &e) != 0 ||
	    auth_from_token(work, tok_org, &org, &e) != 0) {
		fprintf(stderr, "fuzz_csv: %s\n", e.en);
		exit(1);
	}
	snprintf(csv_path, sizeof csv_path, "%s/input.csv", fz_dir());
	return 0;
}

/* a record callback that looks at every field, so that a short or unterminated one shows under ASan */
static int on_record(void *ctx, char **f, size_t n, size_t record)
{
	size_t *total = ctx;
	for (size_t i = 0; i < n; i++)
		*total += strlen(f[i]) + record;
	return 0;
}

/* the CLI import: the file, then import_run with its report (stdout, stderr) sent to /dev/null */
static void cli_import(const char *kind, const uint8_t *data, size_t n, bool aon)
{
	fz_write_file(csv_path, data, n);
	fz_quiet_begin();
	import_run(work, kind, csv_path, 0, aon, NULL);
	fz_quiet_end();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2)
		return 0;
	if (++runs % RESET_EVERY == 0)
		fz_reset();
	int kind = data[0] % K__COUNT;
	bool aon = data[1] & 1, own_bank = data[1] & 2;
	const char *csv = (const char *)data + 2;
	size_t n = size - 2;
	err e = {0};
	json_t *rep = NULL;
	switch (kind) {
	case K_READ: {
		size_t total = 0;
		csv_read_mem(csv, n, on_record, &total, &e);
		size_t len = 0;
		char *u = gb18030_to_utf8(csv, n, &len);
		if (u && !utf8_valid(u, len))
			abort(); /* the conversion must give UTF-8 */
		free(u);
		break;
	}
	case K_PERSONS:
		cli_import("persons", (const uint8_t *)csv, n, aon);
		break;
	case K_INSTITUTIONS:
		cli_import("institutions", (const uint8_t *)csv, n, aon);
		break;
	case K_OCCUPATIONS:
		cli_import("occupations", (const uint8_t *)csv, n, aon);
		break;
	case K_ITEMS:
		rep = items_import_csv(work, own_bank ? &org : &admin, own_bank ? org.institution_id : 0, csv,
				       n, aon, &e);
		break;
	case K_REGISTRATIONS:
		rep = registrations_import_csv(work, &org, 1, csv, n, aon, &e);
		break;
	case K_WAGES:
		rep = wage_import(work, &org, date_today_utc8() / 10000 - 1, csv, n, aon, &e);
		break;
	}
	json_decref(rep);
	if (db_in_tx(work)) {
		fprintf(stderr, "fuzz_csv: reader %d left a transaction open\n", kind);
		abort();
	}
	return 0;
}
