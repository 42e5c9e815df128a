/* cmd_import.c: `jineng import persons|institutions|occupations|items FILE`
 * Input is CSV (UTF-8 or GB18030) or XLSX (the first sheet) with a header row (English or Chinese column
 * names, declared per kind below as util/tabread.h tables). Every row is validated; rejected rows are
 * reported with their line, field, code and message (on stderr, and as CSV with --errors FILE). Valid rows
 * are stored unless --all-or-nothing is given and any row was rejected, in which case nothing is stored; the
 * rows run through svc/base/import.h (persons through the svc/person_bulk.c pipeline, without a savepoint per
 * row). Exit 0 when every row was imported, 1 otherwise. Items (题库, svc/exam/bank_import.h) go to the
 * province-wide bank, or with --institution ID to that institution's. */
#include "util/common.h"
#include "cli/cli.h"
#include "cli/opts.h"
#include "cli/progress.h"
#include "core/date.h"
#include "core/uscc.h"
#include "svc/auth/auth.h"
#include "svc/registry/institutions.h"
#include "svc/exam/bank_import.h"
#include "svc/registry/person_bulk.h"
#include "svc/registry/refdata_load.h"
#include "svc/base/import.h"
#include "util/tabread.h"

/* the columns of each kind; every kind takes the same names for name (姓名, 名称, 职业名称) as always */
#define NAME_COL(req)                                                                                        \
	{                                                                                                    \
		"name", "姓名", {"名称", "职业名称"}, req                                                    \
	}

enum { P_NAME, P_ID_TYPE, P_ID_NUMBER, P_PHONE, P_REGION, P_EMPLOYER, P_EDUCATION, P_N };
static const tab_col person_cols[P_N] = {
	[P_NAME] = NAME_COL(TAB_REQUIRED),
	[P_ID_TYPE] = {"id_type", "证件类型", {0}, 0},
	[P_ID_NUMBER] = {"id_number", "证件号码", {"身份证号", "公民身份号码"}, TAB_REQUIRED},
	[P_PHONE] = {"phone", "手机号码", {"联系电话"}, 0},
	[P_REGION] = {"region_code", "地区代码", {"行政区划代码"}, 0},
	[P_EMPLOYER] = {"employer_credit_code", "用人单位信用代码", {0}, 0},
	[P_EDUCATION] = {"education", "学历", {0}, 0},
};

enum { I_NAME, I_CREDIT, I_TYPE, I_REGION, I_ADDRESS, I_CONTACT, I_CONTACT_PHONE, I_N };
static const tab_col inst_cols[I_N] = {
	[I_NAME] = NAME_COL(TAB_REQUIRED),
	[I_CREDIT] = {"credit_code", "统一社会信用代码", {0}, TAB_REQUIRED},
	[I_TYPE] = {"type", "机构类型", {0}, TAB_REQUIRED},
	[I_REGION] = {"region_code", "地区代码", {"行政区划代码"}, TAB_REQUIRED},
	[I_ADDRESS] = {"address", "地址", {0}, 0},
	[I_CONTACT] = {"contact_name", "联系人", {0}, 0},
	[I_CONTACT_PHONE] = {"contact_phone", "联系人电话", {0}, 0},
};

enum { O_CODE, O_NAME, O_CATEGORY, O_LEVELS, O_TYPES, O_KIND, O_N };
static const tab_col occ_cols[O_N] = {
	[O_CODE] = {"code", "职业编码", {0}, TAB_REQUIRED},
	[O_NAME] = NAME_COL(TAB_REQUIRED),
	[O_CATEGORY] = {"category", "大类", {0}, 0},
	[O_LEVELS] = {"levels", "等级", {0}, 0},
	[O_TYPES] = {"types", "工种", {0}, 0},
	[O_KIND] = {"kind", "类别", {0}, 0},
};

static const tab_spec person_spec = {person_cols, P_N, 0}, inst_spec = {inst_cols, I_N, 0},
		      occ_spec = {occ_cols, O_N, 0};

struct import {
	const char *kind, *file;
	db *d;
	principal sys;
	int64_t rejected;
	FILE *errors;
	person_bulk *bulk;
	int today;
	char (*regions)[8];
	size_t nregions;
	/* every institution's credit code, sorted: persons' employers are resolved without touching the
	 * database, which the bulk writer owns while it copies */
	struct emp {
		char code[19];
		int64_t id;
	} * emp;
	size_t nemp;
};

#define SHOWN_REJECTS 50

/* each rejected row as it comes: the first on stderr, all in the --errors report */
static void reject(void *ctx, size_t line, const err *e)
{
	struct import *im = ctx;
	im->rejected++;
	if (im->rejected <= SHOWN_REJECTS)
		fprintf(stderr, "line %zu: %s: %s: %s\n", line, e->field[0] ? e->field : "-", e->code, e->en);
	else if (im->rejected == SHOWN_REJECTS + 1)
		fprintf(stderr, "... more rejected rows not shown%s\n",
			im->errors ? " (all are in the --errors report)"
				   : "; use --errors FILE for the full report");
	if (im->errors)
		tab_report_csv_row(im->errors, line, e);
}

static void on_progress(void *ctx, size_t rows)
{
	UNUSED(ctx);
	progress_update((int64_t)rows, 0);
}

static int import_items(struct import *im, int64_t inst, bool all_or_nothing)
{
	err e = {0};
	import_opts o = {.path = im->file,
			 .all_or_nothing = all_or_nothing,
			 .on_reject = reject,
			 .reject_ctx = im,
			 .progress = on_progress,
			 .progress_every = 100};
	progress_start("items");
	json_t *rep = items_import(im->d, &im->sys, inst, im->file, &o, &e);
	if (!rep)
		return cli_fail(e.en, e.field[0] && !strcmp(e.field, "institution_id") ? "--institution"
										       : im->file);
	int64_t rows = json_integer_value(json_object_get(rep, "rows"));
	int64_t ok = json_integer_value(json_object_get(rep, "imported"));
	int64_t bad = json_integer_value(json_object_get(rep, "rejected"));
	bool stored = json_is_true(json_object_get(rep, "stored"));
	char enc[16];
	snprintf(enc, sizeof enc, "%s", json_string_value(json_object_get(rep, "encoding")));
	json_decref(rep);
	if (!stored) {
		fprintf(stderr,
			"jineng: %lld of %lld rows rejected; nothing imported (--all-or-nothing) (%s)\n",
			(long long)bad, (long long)rows, im->file);
		return 1;
	}
	progress_end(ok);
	printf("imported %lld of %lld items (%s) into the %s bank; %lld rejected\n", (long long)ok,
	       (long long)rows, enc, inst ? "institution's" : "province-wide", (long long)bad);
	return bad ? 1 : 0;
}

static int cmp_region(const void *a, const void *b)
{
	return strcmp(a, b);
}

static bool region_known(struct import *im, const char *code)
{
	return bsearch(code, im->regions, im->nregions, sizeof im->regions[0], cmp_region) != NULL;
}

static int cmp_emp(const void *a, const void *b)
{
	return strcmp(((const struct emp *)a)->code, ((const struct emp *)b)->code);
}

static int64_t employer_id(struct import *im, const char *credit, err *e)
{
	struct emp key;
	uscc_normalize(credit, key.code);
	const struct emp *hit = bsearch(&key, im->emp, im->nemp, sizeof *im->emp, cmp_emp);
	if (!hit) {
		err_set(e, 422, "unknown_institution", "employer_credit_code", "用人单位不存在：%s",
			"no institution with credit code %s", credit);
		return -1;
	}
	return hit->id;
}

/* rows: 0 stored, 1 rejected, -1 the import fails (svc/base/import.h) */
static int person_row(void *ctx, const tab_row *r, err *e)
{
	struct import *im = ctx;
	struct person_input in = {.name = tab_get(r, P_NAME),
				  .id_type = tab_get(r, P_ID_TYPE),
				  .id_number = tab_get(r, P_ID_NUMBER),
				  .phone = tab_get(r, P_PHONE),
				  .region_code = tab_get(r, P_REGION),
				  .education = tab_get(r, P_EDUCATION)};
	struct person_norm norm;
	if (person_validate(&in, im->today, &norm, e) != 0)
		return 1;
	/* the row's region (or the province's), copied without snprintf: this runs for every row */
	const char *rsrc = norm.region_code[0]		    ? norm.region_code
			   : region_known(im, norm.region6) ? norm.region6
							    : "370000";
	char region[8];
	size_t rl = strnlen(rsrc, sizeof region - 1);
	memcpy(region, rsrc, rl);
	region[rl] = 0;
	if (!region_known(im, region))
		return err_set(e, 422, "invalid_region", "region_code", "行政区划代码不存在：%s",
			       "unknown region code %s", region),
		       1;
	const char *emp = tab_get(r, P_EMPLOYER);
	int64_t employer = emp ? employer_id(im, emp, e) : 0;
	if (employer < 0)
		return 1;
	return person_bulk_add(im->bulk, &norm, region, employer, e);
}

/* the bulk writer (person_bulk.h) owns the connection between these two: no savepoint per row */
static int persons_start(void *ctx, err *e)
{
	struct import *im = ctx;
	return (im->bulk = person_bulk_open(im->d, e)) ? 0 : -1;
}

static int persons_finish(void *ctx, bool ok, err *e)
{
	struct import *im = ctx;
	int rc = person_bulk_close(im->bulk, e);
	im->bulk = NULL;
	return ok ? rc : 0;
}

static int inst_row(void *ctx, const tab_row *r, err *e)
{
	struct import *im = ctx;
	struct inst_input in = {.name = tab_get(r, I_NAME),
				.credit_code = tab_get(r, I_CREDIT),
				.type = tab_get(r, I_TYPE),
				.region_code = tab_get(r, I_REGION),
				.address = tab_get(r, I_ADDRESS),
				.contact_name = tab_get(r, I_CONTACT),
				.contact_phone = tab_get(r, I_CONTACT_PHONE)};
	if (inst_create(im->d, &im->sys, &in, e) < 0)
		return e->status >= 500 ? -1 : 1;
	return 0;
}

static int occ_row(void *ctx, const tab_row *r, err *e)
{
	struct import *im = ctx;
	if (occupation_add(im->d, tab_get(r, O_CODE), tab_get(r, O_NAME), tab_get(r, O_CATEGORY),
			   tab_get(r, O_LEVELS), tab_get(r, O_TYPES), tab_get(r, O_KIND), false, e) < 0)
		return e->status >= 500 ? -1 : 1;
	return 0;
}

static json_t *audit_detail(void *ctx, const import_result *res)
{
	struct import *im = ctx;
	return json_pack("{s:s,s:s,s:I,s:I,s:I,s:s}", "kind", im->kind, "file", im->file, "rows",
			 (json_int_t)res->rows, "imported", (json_int_t)res->ok, "rejected",
			 (json_int_t)res->rejected, "encoding", res->encoding);
}

static const import_def persons_def = {.spec = &person_spec,
				       .row = person_row,
				       .start = persons_start,
				       .finish = persons_finish,
				       .flags = IMPORT_NO_ROW_SAVEPOINT,
				       .audit_action = "import",
				       .audit_entity = "persons",
				       .audit_detail = audit_detail},
			institutions_def = {.spec = &inst_spec,
					    .row = inst_row,
					    .audit_action = "import",
					    .audit_entity = "institutions",
					    .audit_detail = audit_detail},
			occupations_def = {.spec = &occ_spec,
					   .row = occ_row,
					   .audit_action = "import",
					   .audit_entity = "occupations",
					   .audit_detail = audit_detail};

static int load_regions(struct import *im, err *e)
{
	size_t cap = 256;
	im->regions = xmalloc(cap * sizeof im->regions[0]);
	db_stmt *st = db_query(im->d, "SELECT code FROM regions ORDER BY code", DB_NOARGS, e);
	if (!st)
		return -1;
	while (db_step(st) == DB_ROW) {
		if (im->nregions == cap)
			im->regions = xrealloc(im->regions, (cap *= 2) * sizeof im->regions[0]);
		snprintf(im->regions[im->nregions++], 8, "%s", db_text(st, 0));
	}
	if (db_finish(st, e) != 0)
		return -1;
	qsort(im->regions, im->nregions, sizeof im->regions[0], cmp_region);
	st = db_query(im->d, "SELECT credit_code, id FROM institutions", DB_NOARGS, e);
	if (!st)
		return -1;
	cap = 0;
	while (db_step(st) == DB_ROW) {
		if (im->nemp == cap)
			im->emp = xrealloc(im->emp, (cap = cap ? cap * 2 : 256) * sizeof *im->emp);
		snprintf(im->emp[im->nemp].code, sizeof im->emp[0].code, "%s", db_text(st, 0));
		im->emp[im->nemp++].id = db_int(st, 1);
	}
	if (db_finish(st, e) != 0)
		return -1;
	if (im->nemp)
		qsort(im->emp, im->nemp, sizeof *im->emp, cmp_emp);
	return 0;
}

int cmd_import(int argc, char **argv)
{
	const char *url = default_db_url(), *kind = NULL, *file = NULL, *errfile = NULL, *v;
	bool all_or_nothing = false;
	int64_t inst = 0;
	for (int i = 1; i < argc; i++) {
		if ((v = opt_value(argc, argv, &i, "--db")))
			url = v;
		else if ((v = opt_value(argc, argv, &i, "--institution"))) {
			char *end;
			inst = strtoll(v, &end, 10);
			if (*end || inst <= 0)
				return cli_usage("import", "--institution takes an institution id");
		} else if ((v = opt_value(argc, argv, &i, "--errors")))
			errfile = v;
		else if (!strcmp(argv[i], "--all-or-nothing"))
			all_or_nothing = true;
		else if (argv[i][0] == '-' && argv[i][1])
			return cli_usage("import", "unknown option");
		else if (!kind)
			kind = argv[i];
		else if (!file)
			file = argv[i];
		else
			return cli_usage("import", "too many arguments");
	}
	if (!kind || !file ||
	    (strcmp(kind, "persons") && strcmp(kind, "institutions") && strcmp(kind, "occupations") &&
	     strcmp(kind, "items")))
		return cli_usage(
			"import",
			"KIND is persons, institutions, occupations or items, then FILE (.csv or .xlsx)");
	if (inst && strcmp(kind, "items"))
		return cli_usage("import", "--institution is for items");
	db *d = cli_open_db(url, true);
	if (!d)
		return 1;
	int rc = import_run(d, kind, file, inst, all_or_nothing, errfile);
	db_close(d);
	return rc;
}

int import_run(db *d, const char *kind, const char *file, int64_t inst, bool all_or_nothing,
	       const char *errfile)
{
	struct import im = {.kind = kind, .file = file, .today = date_today_utc8(), .d = d};
	principal_system(&im.sys, "import");
	err e = {0};
	int rc = 1;
	if (errfile) {
		im.errors = fopen(errfile, "w");
		if (!im.errors) {
			rc = cli_fail("could not write the error report", errfile);
			goto out;
		}
		tab_report_csv_header(im.errors);
	}
	if (!strcmp(kind, "items")) {
		rc = import_items(&im, inst, all_or_nothing);
		goto out;
	}
	if (load_regions(&im, &e) != 0) {
		rc = cli_fail(e.en, "--db");
		goto out;
	}
	const import_def *def = !strcmp(kind, "persons")	? &persons_def
				: !strcmp(kind, "institutions") ? &institutions_def
								: &occupations_def;
	import_opts o = {.path = file,
			 .all_or_nothing = all_or_nothing,
			 .audit_entity_id = file,
			 .on_reject = reject,
			 .reject_ctx = &im,
			 .progress = on_progress,
			 .progress_every = 5000};
	import_result res;
	progress_start(kind);
	int prc = import_exec(d, &im.sys, def, &im, &o, &res, &e);
	import_result_free(&res);
	if (prc != 0) {
		rc = cli_fail(e.en, file);
		goto out;
	}
	if (!res.stored) {
		fprintf(stderr,
			"jineng: %lld of %lld rows rejected; nothing imported (--all-or-nothing) (%s)\n",
			(long long)res.rejected, (long long)res.rows, file);
		goto out;
	}
	progress_end((int64_t)res.ok);
	printf("imported %lld of %lld %s (%s); %lld rejected\n", (long long)res.ok, (long long)res.rows, kind,
	       res.encoding, (long long)res.rejected);
	rc = res.rejected ? 1 : 0;
out:
	if (im.errors)
		fclose(im.errors);
	free(im.regions);
	free(im.emp);
	return rc;
}
