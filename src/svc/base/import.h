/* import.h: the import runner. Every importer (registrations, the item bank, the command line's persons,
 * institutions and occupations) declares its columns (util/tabread.h) and a row function; the runner reads
 * the file (CSV or XLSX, streamed), runs each row inside its own savepoint, collects the rejected rows into
 * one report, and either commits what was accepted with one audit record in the same transaction, or (all or
 * nothing, with a rejected row) rolls everything back. docs/internals/import.md tells how to write an
 * importer.
 *
 * A row function answers
 *    0  accepted (its writes stay),
 *    1  rejected: e says why (line, field, code and messages go to the report), its writes are undone,
 *   -1  the import fails as a whole (a database error): e set, everything is rolled back. */
#ifndef JINENG_IMPORT_H
#define JINENG_IMPORT_H

#include "svc/base/svc.h"
#include "util/tabread.h"

typedef struct import_result {
	size_t rows;		       /* data rows read */
	size_t ok;		       /* rows accepted by the row function (written unless !stored) */
	size_t rejected;	       /* rows rejected */
	bool stored;		       /* false when all-or-nothing met a rejected row: nothing was written */
	const char *format, *encoding; /* "csv"/"xlsx"; "utf-8"/"gb18030" */
	tab_report report;	       /* the rejected rows (the first keep_errors of them) */
} import_result;

enum import_flags {
	/* rows are not wrapped in savepoints: for a pipeline that owns the connection while it copies (the
	 * persons' COPY); its row function must not write, or undo its own work */
	IMPORT_NO_ROW_SAVEPOINT = 1 << 0,
	/* the report's JSON always carries "field" ("" when none); otherwise it is left out when empty */
	IMPORT_FIELD_ALWAYS = 1 << 1,
};

/* what an importer declares (static const) */
typedef struct import_def {
	const tab_spec *spec;
	int (*row)(void *ctx, const tab_row *r, err *e);
	/* optional: after the transaction began, before the first row; -1 with e fails the import */
	int (*start)(void *ctx, err *e);
	/* optional: after the last row (ok false when the read failed), before the commit or roll-back */
	int (*finish)(void *ctx, bool ok, err *e);
	unsigned flags; /* enum import_flags */
	/* the audit record written with the accepted rows (none when audit_action is NULL); audit_detail
	 * returns a new reference or NULL */
	const char *audit_action, *audit_entity;
	json_t *(*audit_detail)(void *ctx, const import_result *res);
} import_def;

/* a preview's end: every row was checked inside the transaction, which is then rolled back on purpose (200
 * "preview", nothing stored); 0 when not a preview. Call it from a finish hook. */
int import_preview_end(bool preview, bool ok, err *e);

typedef void (*import_reject_fn)(void *ctx, size_t line, const err *e);

/* what the caller gives for one run */
typedef struct import_opts {
	const char *data; /* the file in memory (data, len), or */
	size_t len;
	const char *path; /* a file to read */
	bool all_or_nothing;
	const char *audit_entity_id;
	import_reject_fn on_reject; /* optional: each rejected row as it comes (the CLI's report) */
	void *reject_ctx;
	tab_progress_fn progress; /* optional */
	void *progress_ctx;
	size_t progress_every; /* 0: 1000 */
	size_t keep_errors;    /* rejects kept in res->report (0: 1000) */
} import_opts;

/* import_exec: 0 when the file was read to its end (res->stored says whether anything was written), -1 with
 * e set when the whole import failed (the file's format or header: 422; the database) and nothing was
 * written. Runs inside a caller's transaction as a savepoint. res is filled in every case; free it with
 * import_result_free. */
int import_exec(db *d, const principal *who, const import_def *def, void *ctx, const import_opts *o,
		import_result *res, err *e);
void import_result_free(import_result *res);

/* import_errors_json: the report as the API gives it, [{line, field, code, message_zh, message_en}] (new
 * reference); field as the importer's flags say */
json_t *import_errors_json(const import_def *def, const import_result *res);

#endif
