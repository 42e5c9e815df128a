/* commands.c: the commands of the jineng binary and their usage, declared once: `--help` prints it
 * (stdout, exit 0) and every usage error prints it too (stderr, exit 2); cli.c dispatches from it. A
 * subcommand listed here gets its parent's argv (its own name at argv[1]). `jineng psy`'s subcommands are
 * declared beside their code (cli/psy/psy.c). */
#include "util/common.h"
#include "cli/cli.h"
#include "cli/psy/psycmd.h"

#define DB_HELP                                                                                              \
	"--db URL: sqlite:PATH or postgres://... (default JINENG_DB, else sqlite:var/jineng.db). The key "   \
	"that "                                                                                              \
	"seals ID numbers and phones is read from the key file (JINENG_KEY_FILE, else jineng.key beside a "  \
	"SQLite database, else var/jineng.key; mode 0600, created on first use)."

#define IMPORT_OPTS "[--errors REPORT.csv] [--all-or-nothing] [--db URL]"

static const struct cli_command user_commands[] = {
	{.name = "add",
	 .run = cmd_user,
	 .args = "NAME --role ROLE [--region CODE] [--institution ID] [--person ID] [--name DISPLAY_NAME] "
		 "[--password-stdin] [--db URL]",
	 .summary = "create an account; the password is asked for on the terminal, or read from standard "
		    "input with --password-stdin",
	 .details = "--region, --institution and --person set the account's data scope, as the role "
		    "requires.\n" DB_HELP},
	{.name = "passwd",
	 .run = cmd_user,
	 .args = "NAME [--password-stdin] [--db URL]",
	 .summary = "set an account's password",
	 .details = DB_HELP},
	{.name = "list",
	 .run = cmd_user,
	 .args = "[--role ROLE] [--db URL]",
	 .summary = "list the accounts (the first 500), or those of one role",
	 .details = DB_HELP},
	{.name = "disable",
	 .run = cmd_user,
	 .args = "NAME [--db URL]",
	 .summary = "disable an account: it can no longer log in",
	 .details = DB_HELP},
	{.name = "enable",
	 .run = cmd_user,
	 .args = "NAME [--db URL]",
	 .summary = "enable a disabled account",
	 .details = DB_HELP},
	{.name = "unlock",
	 .run = cmd_user,
	 .args = "NAME [--db URL]",
	 .summary = "clear an account's failed-login delay",
	 .details = DB_HELP},
	{0},
};

#define IMPORT_HELP                                                                                          \
	"Rejected rows are listed on stderr with their line, field, code and message, and written to "       \
	"REPORT.csv with --errors. The valid rows are stored, unless --all-or-nothing is given and a row "   \
	"was rejected: then nothing is. Exit 0 when every row was imported, 1 otherwise."

static const struct cli_command import_commands[] = {
	{.name = "persons",
	 .run = cmd_import,
	 .args = "FILE " IMPORT_OPTS,
	 .summary = "import persons: name, id_number (required), id_type, phone, region_code, "
		    "employer_credit_code, education",
	 .details = IMPORT_HELP},
	{.name = "institutions",
	 .run = cmd_import,
	 .args = "FILE " IMPORT_OPTS,
	 .summary = "import institutions: name, credit_code, type, region_code (required), address, "
		    "contact_name, contact_phone",
	 .details = IMPORT_HELP},
	{.name = "occupations",
	 .run = cmd_import,
	 .args = "FILE " IMPORT_OPTS,
	 .summary = "import occupations: code, name (required), category, levels, types",
	 .details = IMPORT_HELP},
	{.name = "items",
	 .run = cmd_import,
	 .args = "FILE [--institution ID] " IMPORT_OPTS,
	 .summary = "import items (题库) into the province-wide bank, or with --institution ID into that "
		    "institution's",
	 .details = IMPORT_HELP},
	{0},
};

static const struct cli_command audit_commands[] = {
	{.name = "verify",
	 .run = cmd_audit,
	 .args = "[--db URL]",
	 .summary = "check the audit archive's hash chain: exit 0 when intact, 1 naming the first edited, "
		    "deleted or reordered record",
	 .details = DB_HELP},
	{.name = "verify-extract",
	 .run = cmd_audit,
	 .args = "FILE [--key PUBKEY.pem]",
	 .summary = "check a plan's signed audit extract offline, without the database: exit 0 when every "
		    "record, hash link and the SM2 signature hold, 1 naming the first broken record",
	 .details =
		 "FILE is what GET /api/v1/plans/{id}/audit-extract returned. Each record's hash is "
		 "recomputed from its fields and prev_hash, consecutive records must link, the index must "
		 "list "
		 "exactly the records, and the SM2 signature (SM3, id 1234567812345678) must verify with "
		 "PUBKEY.pem, the province key published at GET /api/v1/public/keys (institution_id 0, alg "
		 "SM2). Without --key the key inside the file is used, which proves integrity but not who "
		 "signed. The same checks with plain openssl: docs/security/audit-extract.md."},
	{0},
};

static const struct cli_command ledger_commands[] = {
	{.name = "verify",
	 .run = cmd_ledger,
	 .args = "[--db URL]",
	 .summary = "prove the subsidy ledger balances: every entry sums to zero, every account's balance is "
		    "the "
		    "sum of its lines, no entry was altered (hash chain); exit 0 when it holds, 1 naming the "
		    "first problem",
	 .details = DB_HELP},
	{0},
};

static const struct cli_command keys_commands[] = {
	{.name = "status",
	 .run = cmd_keys,
	 .args = "[--db URL] [--key-file PATH]",
	 .summary = "the key ring (which key seals, which open) and, per sealed column, how many values each "
		    "key "
		    "sealed",
	 .details = DB_HELP},
	{.name = "add",
	 .run = cmd_keys,
	 .args = "[--db URL] [--key-file PATH]",
	 .summary = "add a new random key to the ring, not yet sealing: copy the key file to every node and "
		    "restart them before promoting it",
	 .details =
		 "The first change of a file of one bare key writes the ring with the blind-index key on a "
		 "line of its own, so key 1 can be retired later. Audited (pii.key.add).\n" DB_HELP},
	{.name = "promote",
	 .run = cmd_keys,
	 .args = "KID [--db URL] [--key-file PATH]",
	 .summary = "make key KID the one that seals new values (every node must hold it first)",
	 .details = "Audited (pii.key.promote).\n" DB_HELP},
	{.name = "reseal",
	 .run = cmd_keys,
	 .args = "[--batch N] [--db URL] [--key-file PATH]",
	 .summary =
		 "re-seal every sealed value under the current key, in batches of N (1000), with progress; "
		 "safe while servers run and safe to run again",
	 .details =
		 "Each batch is one transaction, audited (pii.reseal), and replaces a value only if it is "
		 "still the one read (a value a server rewrote meanwhile is left to it). Exit 1 if a value "
		 "could not be opened with any key of the ring.\n" DB_HELP},
	{.name = "retire",
	 .run = cmd_keys,
	 .args = "KID [--db URL] [--key-file PATH]",
	 .summary = "remove key KID from the ring, refused while it is current or any value is still sealed "
		    "under it",
	 .details = "Audited (pii.key.retire). Copy the key file to every node afterwards.\n" DB_HELP},
	{.name = "rotate-issuer",
	 .run = cmd_keys,
	 .args = "--institution ID [--alg SM2|Ed25519] [--db URL]",
	 .summary = "retire an issuer's signing key and make a new one (institution 0: the platform and the "
		    "province); the old key keeps verifying what it signed",
	 .details = "GET /api/v1/public/keys lists every key with created_at and retired_at. Audited "
		    "(issuer_key.rotate).\n" DB_HELP},
	{0},
};

static const struct cli_command stats_commands[] = {
	{.name = "verify",
	 .run = cmd_stats,
	 .args = "[--db URL]",
	 .summary =
		 "recompute every statistics counter (统计计数) from the raw tables and compare: exit 0 when "
		 "they agree, 1 printing each key that differs",
	 .details = "Run it on a quiet database: the raw tables and the counters are read in one snapshot "
		    "on SQLite, statement by statement on PostgreSQL.\n" DB_HELP},
	{.name = "rebuild",
	 .run = cmd_stats,
	 .args = "[--db URL]",
	 .summary = "replace the statistics counters by their recomputation from the raw tables, in one "
		    "transaction (after a bulk load in SQL, or a run with JINENG_STATS_COUNTERS=off)",
	 .details = "Run it on a quiet database (no server writing): a write committed while the raw tables "
		    "are read could be counted twice or not at all. Audited as the system "
		    "(stats.rebuild).\n" DB_HELP},
	{0},
};

static const struct cli_command subsidy_commands[] = {
	{.name = "check",
	 .run = cmd_subsidy,
	 .args = "FILE.csv [--out DECISIONS.csv]",
	 .summary = "decide a batch of subsidy claims with the rule engine, without a database: one line per "
		    "claim (line, person, kind, ok, amount_fen, failed, code) and the rate on stderr",
	 .details =
		 "Columns: person, kind (skill_up|training|shortage|apprentice), occupation_code, level, "
		 "apply_date (required); cert_date, insured_start, insured_end, city, course, class_hours, "
		 "completed, contract_start, contract_end, training_start, training_end. Earlier granted "
		 "rows "
		 "of the same person count as their prior claims. Exit 0 when every row was judged, 1 when a "
		 "row is unusable (named on stderr)."},
	{0},
};

static const struct cli_command cert_commands[] = {
	{.name = "verify-qr",
	 .run = cmd_cert,
	 .args = "TEXT --key PUBKEY.pem",
	 .summary = "check a certificate QR text offline against the issuer's SM2 public key: exit 0 when "
		    "genuine, 1 when not",
	 .details = "TEXT is the QR's content (the /v/{number}?d=...&s=... address). Revocation is not "
		    "visible offline: the page at that address shows it."},
	{0},
};

const struct cli_command cli_commands[] = {
	{.name = "serve",
	 .run = cmd_serve,
	 .args = "[--db URL] [--listen HOST:PORT] [--web DIR] [--threads N] [--key-file PATH] "
		 "[--trusted-proxy CIDR]... [--insecure-test-mode] [--read-only]",
	 .summary = "serve the HTTP JSON API and the web UI (migrates first)",
	 .details =
		 "--listen defaults to JINENG_LISTEN, else 127.0.0.1:8080 (port 0: the kernel chooses one, "
		 "logged as 'serving on http://HOST:PORT'; a port in use is refused); --web to web/dist; "
		 "--threads "
		 "(1..256) to the cores on SQLite (at least 2), twice the cores on PostgreSQL (at least 4: a "
		 "thread waits on the database's round trips; each holds one connection). --trusted-proxy "
		 "(repeatable) names the addresses whose X-Forwarded-For is "
		 "believed. Settings read at start and checked against their bounds: JINENG_MAX_BODY, "
		 "JINENG_VERIFY_RATE, JINENG_ADMIT_RATE, JINENG_COMPLAINT_RATE, JINENG_LOGIN_CLIENT_MAX, "
		 "JINENG_LOGIN_FREE_FAILS, "
		 "JINENG_LOGIN_DELAY_CAP, JINENG_SESSION_CACHE_MS, JINENG_MAX_LAG_S (README). "
		 "--insecure-test-mode accepts test-only settings, for "
		 "tests only. --read-only: a verification node on a hot standby: no migration, public GETs "
		 "only (writes 405, other reads 503), 503 replica_behind when the standby is cut off or more "
		 "than JINENG_MAX_LAG_S (30) s behind. Runs until SIGINT or SIGTERM.\n" DB_HELP
		 " --key-file PATH names another key file."},
	{.name = "demo",
	 .run = cmd_demo,
	 .args = "[--db URL] [--listen HOST:PORT] [--web DIR] [--size small|province] [--certs N] "
		 "[--registrations N] [--no-serve] [--key-file PATH] [--trusted-proxy CIDR]... "
		 "[--insecure-test-mode]",
	 .summary = "create the demo province once, print its accounts and serve it",
	 .details =
		 "--size small (default) makes 5,000 persons, province 1,000,000 persons and a history of "
		 "10,000,000 certificates and 5,000,000 registrations over the 60 months before this one, "
		 "generated in SQL and counted in the statistics counters (--certs and --registrations "
		 "name other numbers, with either size). --no-serve stops after printing the accounts; the "
		 "other options are those of jineng serve."},
	{.name = "migrate",
	 .run = cmd_migrate,
	 .args = "[--db URL]",
	 .summary = "apply the migrations and the reference data, print the schema version",
	 .details = DB_HELP},
	{.name = "user",
	 .summary = "administer accounts from the server's machine (audited as the system)",
	 .subs = user_commands},
	{.name = "import",
	 .run = cmd_import,
	 .args = "KIND FILE [--institution ID] " IMPORT_OPTS,
	 .summary = "import persons, institutions, occupations or items from a CSV or XLSX file",
	 .subs = import_commands,
	 .details = "FILE is CSV in UTF-8 or GB18030 (as Excel writes it) or an XLSX workbook (its first "
		    "sheet), "
		    "with English or Chinese column names. " IMPORT_HELP "\n" DB_HELP},
	{.name = "export",
	 .run = cmd_export,
	 .args = "persons|institutions|users|certificates [--format csv|xlsx] [--out FILE] [--db URL]",
	 .summary = "export persons, institutions, users or certificates as CSV or XLSX",
	 .details = "The whole province, with the columns of the list endpoints' ?format= (ID numbers and "
		    "phones masked). CSV goes to standard output unless --out is given; XLSX needs "
		    "--out.\n" DB_HELP},
	{.name = "backup",
	 .run = cmd_backup,
	 .args = "--out FILE [--db sqlite:PATH]",
	 .summary = "copy a SQLite database, while the server goes on writing, into the new file FILE: one "
		    "consistent snapshot, checked (integrity, audit chain, ledger) before it gets its name",
	 .details = "An existing FILE is never overwritten. The PII key file is not part of the backup: keep "
		    "it with the backup. PostgreSQL is backed up with pgBackRest "
		    "(docs/OPERATIONS.md).\n" DB_HELP},
	{.name = "restore",
	 .run = cmd_restore,
	 .args = "--from FILE --db sqlite:PATH",
	 .summary = "restore a backup into a new database path, checked (integrity, audit chain, ledger) "
		    "before it gets its name",
	 .details = "PATH must not exist: stop the server and move the damaged database away first, then "
		    "start the server on PATH with the key file the backup was taken with."},
	{.name = "doctor",
	 .run = cmd_doctor,
	 .args = "[--db URL] [--key-file PATH]",
	 .summary =
		 "check a deployment before it serves: the key file (present, mode 0600, owner), the clock "
		 "(NTP), the schema version, PostgreSQL's durability settings (synchronous_commit, fsync, "
		 "full_page_writes, wal_level, archive_mode, clock skew), free disk for SQLite",
	 .details = "One line per check: ok, warn or FAIL with what was found and what to do. Exit 0 when "
		    "nothing failed, 1 otherwise. Creates and changes nothing.\n" DB_HELP},
	{.name = "audit",
	 .summary = "the audit archive: verify its hash chain, or a plan's signed extract offline",
	 .subs = audit_commands},
	{.name = "cert", .summary = "certificates: verify a QR offline", .subs = cert_commands},
	{.name = "subsidy",
	 .summary = "subsidy rules (补贴规则): check a batch of claims",
	 .subs = subsidy_commands},
	{.name = "ledger",
	 .summary = "the subsidy ledger (补贴台账): verify it balances",
	 .subs = ledger_commands},
	{.name = "keys",
	 .summary = "key rotation: the PII key ring (add, promote, reseal, retire) and issuers' signing keys",
	 .subs = keys_commands},
	{.name = "stats",
	 .summary = "the statistics counters (统计计数): verify them against the raw tables, or rebuild them",
	 .subs = stats_commands},
	{.name = "routes",
	 .run = cmd_routes,
	 .args = "[--json]",
	 .summary = "print the API's route table: method, path, domain, the roles that may call it",
	 .details = "One route per line, tab-separated; --json prints an array of {method, path, domain, "
		    "roles}. The OpenAPI completeness test and the scope matrix read it."},
	{.name = "psy",
	 .summary = "the psychometrics engine on CSV files",
	 .subs = psy_commands,
	 .details = "Files, methods and output: docs/PSYCHOMETRICS.md. Exit 0 done, 1 input rejected (one "
		    "line on stderr naming the file and line), 2 usage."},
	{0},
};
